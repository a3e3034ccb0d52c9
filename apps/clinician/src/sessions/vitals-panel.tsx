/**
 * Vital signs by hand (BP, heart rate, SpO₂, respiratory rate, sedation, dissociation) and the table of every
 * reading, by hand or from the monitor. Each reading runs through the session rules on the server at once;
 * the alerts it raises appear in the alerts panel.
 */
import { useState } from 'react';
import { SelectField, TextField } from '../forms/field';
import { formatDateTimeShort } from '../data/dates';
import { entryAuthor, type EntryOf } from './chart-view';
import {
  DateTimeField,
  EntryFormFrame,
  errorFor,
  FormMessage,
  readNumbers,
  useEntryForm,
} from './entry-form';
import { fromLocalInput } from './session-labels';
import type { ChartController } from './use-chart';

const EMPTY = {
  systolicMmHg: '',
  diastolicMmHg: '',
  heartRatePerMin: '',
  spo2Percent: '',
  respiratoryRatePerMin: '',
  sedationScore: '',
  dissociationScore: '',
};
type VitalsText = typeof EMPTY;

export function VitalsForm({
  controller,
  isBaseline = false,
  onSaved,
}: {
  controller: ChartController;
  isBaseline?: boolean;
  onSaved?: () => void;
}) {
  const form = useEntryForm();
  const [values, setValues] = useState<VitalsText>(EMPTY);
  const [sedationScale, setSedationScale] = useState<'rass' | 'clinic'>('rass');
  const [dissociationScale, setDissociationScale] = useState<'cadss-6' | 'cadss-23' | 'clinical'>('clinical');
  const [onO2, setOnO2] = useState(false);
  const [at, setAt] = useState('');
  const p = isBaseline ? 'baseline' : 'vitals';
  const set = (key: keyof VitalsText) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
  };

  function submit() {
    void form.run(
      () => {
        const required: Array<keyof VitalsText> = isBaseline
          ? ['systolicMmHg', 'diastolicMmHg', 'heartRatePerMin', 'spo2Percent', 'respiratoryRatePerMin']
          : [];
        const { numbers: n, errors } = readNumbers(values, required);
        if (Object.keys(errors).length > 0) {
          form.setErrors(errors);
          return null;
        }
        const vitals = {
          ...(n.systolicMmHg === undefined ? {} : { systolicMmHg: n.systolicMmHg }),
          ...(n.diastolicMmHg === undefined ? {} : { diastolicMmHg: n.diastolicMmHg }),
          ...(n.heartRatePerMin === undefined ? {} : { heartRatePerMin: n.heartRatePerMin }),
          ...(n.spo2Percent === undefined ? {} : { spo2Percent: n.spo2Percent }),
          ...(n.respiratoryRatePerMin === undefined
            ? {}
            : { respiratoryRatePerMin: n.respiratoryRatePerMin }),
          ...(n.sedationScore === undefined
            ? {}
            : { sedation: { scale: sedationScale, score: n.sedationScore } }),
          ...(n.dissociationScore === undefined
            ? {}
            : { dissociation: { scale: dissociationScale, score: n.dissociationScore } }),
          ...(onO2 ? { onSupplementalO2: true } : {}),
          ...(isBaseline ? { baseline: true } : {}),
          source: 'manual' as const,
        };
        if (Object.keys(vitals).length <= 1) {
          form.setErrors({ systolicMmHg: 'enter at least one reading' });
          return null;
        }
        const occurredAt = fromLocalInput(at);
        return controller.record({ kind: 'vitals', vitals }, occurredAt === null ? {} : { occurredAt });
      },
      () => {
        setValues(EMPTY);
        setOnO2(false);
        setAt('');
        onSaved?.();
      },
      'Vital signs saved; the session rules checked them.',
    );
  }

  const e = form.errors;
  return (
    <EntryFormFrame label={isBaseline ? 'Baseline vital signs' : 'Vital signs'} onSubmit={submit}>
      <div className="vitals-fields">
        <TextField
          field={`${p}.systolicMmHg`}
          label="Systolic BP"
          suffix="mmHg"
          inputMode="numeric"
          value={values.systolicMmHg}
          onChange={set('systolicMmHg')}
          error={errorFor(e, 'systolicMmHg')}
        />
        <TextField
          field={`${p}.diastolicMmHg`}
          label="Diastolic BP"
          suffix="mmHg"
          inputMode="numeric"
          value={values.diastolicMmHg}
          onChange={set('diastolicMmHg')}
          error={errorFor(e, 'diastolicMmHg')}
        />
        <TextField
          field={`${p}.heartRatePerMin`}
          label="Heart rate"
          suffix="/min"
          inputMode="numeric"
          value={values.heartRatePerMin}
          onChange={set('heartRatePerMin')}
          error={errorFor(e, 'heartRatePerMin')}
        />
        <TextField
          field={`${p}.spo2Percent`}
          label="SpO₂"
          suffix="%"
          inputMode="numeric"
          value={values.spo2Percent}
          onChange={set('spo2Percent')}
          error={errorFor(e, 'spo2Percent')}
        />
        <TextField
          field={`${p}.respiratoryRatePerMin`}
          label="Respiratory rate"
          suffix="/min"
          inputMode="numeric"
          value={values.respiratoryRatePerMin}
          onChange={set('respiratoryRatePerMin')}
          error={errorFor(e, 'respiratoryRatePerMin')}
        />
      </div>
      {!isBaseline && (
        <div className="vitals-fields">
          <SelectField
            field={`${p}.sedationScale`}
            label="Sedation scale"
            value={sedationScale}
            onChange={(v) => {
              setSedationScale(v === 'clinic' ? 'clinic' : 'rass');
            }}
            options={[
              { value: 'rass', label: 'RASS (−5 to +4)' },
              { value: 'clinic', label: "Clinic's scale" },
            ]}
          />
          <TextField
            field={`${p}.sedationScore`}
            label="Sedation score"
            inputMode="decimal"
            value={values.sedationScore}
            onChange={set('sedationScore')}
            error={errorFor(e, 'sedation', 'score')}
          />
          <SelectField
            field={`${p}.dissociationScale`}
            label="Dissociation scale"
            value={dissociationScale}
            onChange={(v) => {
              setDissociationScale(v === 'cadss-6' || v === 'cadss-23' ? v : 'clinical');
            }}
            options={[
              { value: 'clinical', label: 'Clinical rating' },
              { value: 'cadss-6', label: 'CADSS 6-item' },
              { value: 'cadss-23', label: 'CADSS 23-item' },
            ]}
          />
          <TextField
            field={`${p}.dissociationScore`}
            label="Dissociation score"
            inputMode="decimal"
            value={values.dissociationScore}
            onChange={set('dissociationScore')}
            error={errorFor(e, 'dissociation')}
          />
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={onO2}
              onChange={(ev) => {
                setOnO2(ev.target.checked);
              }}
            />
            On supplemental O₂
          </label>
        </div>
      )}
      <div className="inline-fields">
        <DateTimeField
          field={`${p}.at`}
          label="Taken at"
          value={at}
          onChange={setAt}
          hint="Blank means now"
          error={errorFor(e, 'occurredAt')}
        />
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? 'Saving…' : isBaseline ? 'Save baseline vitals' : 'Save vital signs'}
        </button>
      </div>
      <FormMessage state={form} />
    </EntryFormFrame>
  );
}

function dash(n: number | undefined, unit = ''): string {
  return n === undefined ? '—' : `${n}${unit}`;
}

export function VitalsTable({ vitals }: { vitals: readonly EntryOf<'vitals'>[] }) {
  if (vitals.length === 0) return <p className="empty-state">No vital signs recorded yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table vitals-table">
        <caption className="visually-hidden">Vital signs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col" className="num">
              BP (mmHg)
            </th>
            <th scope="col" className="num">
              HR (/min)
            </th>
            <th scope="col" className="num">
              SpO₂ (%)
            </th>
            <th scope="col" className="num">
              RR (/min)
            </th>
            <th scope="col">Sedation</th>
            <th scope="col">Dissociation</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {[...vitals].reverse().map((e) => {
            const v = e.data.vitals;
            return (
              <tr key={e.seq}>
                <td className="nowrap">
                  {formatDateTimeShort(e.occurredAt)}
                  {v.baseline && <span className="chip chip-area"> baseline</span>}
                </td>
                <td className="num">
                  {v.systolicMmHg === undefined && v.diastolicMmHg === undefined
                    ? '—'
                    : `${dash(v.systolicMmHg)}/${dash(v.diastolicMmHg)}`}
                </td>
                <td className="num">{dash(v.heartRatePerMin)}</td>
                <td className="num">
                  {dash(v.spo2Percent)}
                  {v.onSupplementalO2 && <span className="muted"> on O₂</span>}
                </td>
                <td className="num">{dash(v.respiratoryRatePerMin)}</td>
                <td>
                  {v.sedation
                    ? `${v.sedation.scale === 'rass' ? 'RASS' : 'Clinic'} ${v.sedation.score}`
                    : '—'}
                </td>
                <td>{v.dissociation ? `${v.dissociation.scale} ${v.dissociation.score}` : '—'}</td>
                <td className="small">{v.source === 'device' ? 'Monitor' : entryAuthor(e)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
