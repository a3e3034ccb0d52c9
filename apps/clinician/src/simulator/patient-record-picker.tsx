/**
 * Takes the simulator's patient from a record: search, pick, then weight in force today (GET /weight?on=),
 * age from the date of birth and sex from sex at birth, each with where it came from.
 */
import { useState, type KeyboardEvent } from 'react';
import { ApiError } from '@ketapath/api-client';
import type { PatientSummary } from '@ketapath/core';
import { api } from '../data/api';
import { ageYears, formatDate, todayIso } from '../data/dates';
import { dateOfBirthWithAge, patientName, SEX_LABELS } from '../data/patient-labels';
import { useDebouncedValue } from '../data/use-debounced-value';
import { useResource } from '../data/use-resource';
import type { PatientForm } from './simulation-input';

const SEARCH_DELAY_MS = 250;
const RESULT_LIMIT = 8;

/** Where a filled value came from; shown under its field while the value is unchanged. */
export interface ValueSource {
  readonly value: string;
  readonly note: string;
}
export type PatientSources = Partial<Record<keyof PatientForm, ValueSource>>;

export interface PatientFromRecord {
  readonly label: string;
  readonly form: PatientForm;
  readonly sources: PatientSources;
  /** Set when the record cannot give the model's sex (intersex, unknown): the user must choose. */
  readonly sexPrompt: string | null;
  /** Set when the record has no weight on or before today. */
  readonly weightPrompt: string | null;
}

async function loadPatient(summary: PatientSummary, today: string): Promise<PatientFromRecord> {
  const patient = await api.getPatient(summary.id);
  let weight: { weightKg: number; measuredOn: string } | null = null;
  try {
    weight = await api.getWeightOn(summary.id, today);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  const age = ageYears(patient.dateOfBirth, today);
  const sexKnown = patient.sexAtBirth === 'male' || patient.sexAtBirth === 'female';
  const height = patient.latestHeight;
  const sources: PatientSources = {
    ageYears: { value: String(age), note: `From the record: ${age} y on ${formatDate(today)}, born ${formatDate(patient.dateOfBirth)}` },
    ...(weight
      ? { weightKg: { value: String(weight.weightKg), note: `From the record: weight ${weight.weightKg} kg measured on ${formatDate(weight.measuredOn)}` } }
      : {}),
    ...(sexKnown ? { sex: { value: patient.sexAtBirth, note: `From the record: sex at birth ${SEX_LABELS[patient.sexAtBirth]}` } } : {}),
    ...(height ? { heightCm: { value: String(height.heightCm), note: `From the record: height ${height.heightCm} cm measured on ${formatDate(height.measuredOn)}` } } : {}),
  };
  return {
    label: `${patientName(patient)} (MRN ${patient.mrn})`,
    form: {
      weightKg: weight ? String(weight.weightKg) : '',
      ageYears: String(age),
      sex: patient.sexAtBirth === 'male' || patient.sexAtBirth === 'female' ? patient.sexAtBirth : '',
      heightCm: height ? String(height.heightCm) : '',
    },
    sources,
    sexPrompt: sexKnown
      ? null
      : `Sex at birth in the record is “${SEX_LABELS[patient.sexAtBirth]}”. The model needs male or female as a covariate: choose one explicitly.`,
    weightPrompt: weight ? null : `The record has no weight on or before ${formatDate(today)}: type the current weight.`,
  };
}

export function PatientRecordPicker({ onPick }: { onPick: (picked: PatientFromRecord) => void }) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const [today] = useState(todayIso);
  const [loadingId, setLoadingId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const results = useResource(q === '' ? null : `sim-search|${q}`, (signal) =>
    api.searchPatients({ q, limit: RESULT_LIMIT }, { signal }),
  );
  const items = q === '' ? [] : (results.data?.items ?? []);

  async function pick(summary: PatientSummary) {
    setLoadingId(summary.id);
    setError(null);
    try {
      onPick(await loadPatient(summary, today));
      setText('');
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : 'The patient record could not be read.');
    } finally {
      setLoadingId(null);
    }
  }

  function onListKey(event: KeyboardEvent<HTMLUListElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll('button')];
    const i = buttons.findIndex((b) => b === document.activeElement);
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, i + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  const status =
    q === ''
      ? ''
      : results.isLoading && !results.data
        ? 'Searching…'
        : items.length === 0
          ? `No patient matches “${q}”.`
          : `${items.length === RESULT_LIMIT ? `First ${RESULT_LIMIT}` : items.length} patient${items.length === 1 ? '' : 's'} found`;

  return (
    <div className="record-picker">
      <label htmlFor="sim-patient-search">Take from a patient record</label>
      <input
        id="sim-patient-search"
        type="search"
        value={text}
        placeholder="Name, date of birth or MRN"
        autoComplete="off"
        spellCheck={false}
        aria-describedby="sim-patient-search-status"
        onChange={(e) => {
          setText(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            const first = document.querySelector<HTMLButtonElement>('.record-results button');
            if (first) {
              e.preventDefault();
              first.focus();
            }
          }
        }}
      />
      <p id="sim-patient-search-status" className="field-hint" role="status" aria-live="polite">
        {status}
      </p>
      {(error ?? results.error) && (
        <p className="field-error" role="alert">
          {error ?? results.error?.detail}
        </p>
      )}
      {items.length > 0 && (
        <ul className="record-results" onKeyDown={onListKey}>
          {items.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="record-result"
                disabled={loadingId !== null}
                onClick={() => void pick(p)}
              >
                <span className="record-name">{patientName(p)}</span>
                <span className="muted small">
                  {' '}
                  MRN {p.mrn} · {dateOfBirthWithAge(p.dateOfBirth, today)} · {SEX_LABELS[p.sexAtBirth]}
                </span>
                {loadingId === p.id && <span className="muted small"> · loading…</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
