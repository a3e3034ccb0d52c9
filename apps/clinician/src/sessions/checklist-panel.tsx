/**
 * The pre-start checklist: every item the session rules check, its status, what was recorded and by whom,
 * and a short form to record it. The status is the rules' verdict (from the server), not this page's.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import type { ChartDto, SessionChecklistItem } from '@ketapath/api-client';
import type { ChecklistEntry, SessionEntry } from '@ketapath/core';
import { SelectField, TextField } from '../forms/field';
import { formatDateTime } from '../data/dates';
import { entryAuthor, type ChartView } from './chart-view';
import { DateTimeField, EntryFormFrame, errorFor, FormMessage, useEntryForm } from './entry-form';
import { fromLocalInput, toLocalInput } from './session-labels';
import type { ChartController } from './use-chart';
import { VitalsForm } from './vitals-panel';

const STATUS_TEXT: Readonly<Record<SessionChecklistItem['status'], { icon: string; text: string }>> = {
  done: { icon: '✓', text: 'Done' },
  open: { icon: '✖', text: 'Open' },
  'n/a': { icon: '–', text: 'Not needed' },
};

function statusOf(item: SessionChecklistItem): { icon: string; text: string; className: string } {
  if (item.status !== 'open') return { ...STATUS_TEXT[item.status], className: `check-${item.status}` };
  if (item.severity === 'block') return { icon: '✖', text: 'Open — blocks start', className: 'check-block' };
  if (item.severity === 'needs-ack')
    return { icon: '⚑', text: 'Open — needs acknowledgement', className: 'check-ack' };
  return { icon: '⚠', text: 'Open', className: 'check-warn' };
}

function describeFact(fact: ChecklistEntry): string {
  switch (fact.item) {
    case 'consent':
      return `Consent signed ${formatDateTime(fact.signedAt)}`;
    case 'fasting':
      return `Last food ${fact.lastFoodAt ? formatDateTime(fact.lastFoodAt) : 'not recorded'}; last clear fluid ${
        fact.lastClearFluidAt ? formatDateTime(fact.lastClearFluidAt) : 'not recorded'
      }`;
    case 'pregnancy-test':
      return `Pregnancy test ${fact.result} at ${formatDateTime(fact.at)}`;
    case 'escort':
      return fact.confirmed ? `Escort confirmed${fact.name ? `: ${fact.name}` : ''}` : 'Escort not confirmed';
    case 'pre-treatment-test':
      return `${fact.testId} done ${formatDateTime(fact.doneAt)}`;
  }
}

function Recorded({ entries }: { entries: readonly SessionEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <ul className="plain-list check-facts">
      {entries.map((e) => (
        <li key={e.seq}>
          {e.data.kind === 'checklist' ? describeFact(e.data.checklist) : null}
          {e.data.kind === 'vitals' ? vitalsLine(e.data.vitals) : null}
          <span className="muted">
            {' '}
            — {entryAuthor(e)}, {formatDateTime(e.recordedAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function vitalsLine(v: {
  systolicMmHg?: number | undefined;
  diastolicMmHg?: number | undefined;
  heartRatePerMin?: number | undefined;
  spo2Percent?: number | undefined;
  respiratoryRatePerMin?: number | undefined;
}): string {
  const bp = v.systolicMmHg !== undefined ? `BP ${v.systolicMmHg}/${v.diastolicMmHg ?? '—'} mmHg` : null;
  return [
    'Baseline',
    bp,
    v.heartRatePerMin !== undefined ? `HR ${v.heartRatePerMin}/min` : null,
    v.spo2Percent !== undefined ? `SpO₂ ${v.spo2Percent} %` : null,
    v.respiratoryRatePerMin !== undefined ? `RR ${v.respiratoryRatePerMin}/min` : null,
  ]
    .filter((x) => x !== null)
    .join(' · ');
}

type FormKind =
  'consent' | 'fasting' | 'pregnancy-test' | 'escort' | 'pre-treatment-tests' | 'baseline-vitals';

const FORM_BUTTON: Readonly<Record<FormKind, string>> = {
  consent: 'Record consent',
  fasting: 'Record fasting',
  'pregnancy-test': 'Record pregnancy test',
  escort: 'Record escort',
  'pre-treatment-tests': 'Record a pre-treatment test',
  'baseline-vitals': 'Record baseline vitals',
};

function isFormKind(id: string): id is FormKind {
  return id in FORM_BUTTON;
}

export function ChecklistPanel({
  dto,
  view,
  controller,
  canWrite,
}: {
  dto: ChartDto;
  view: ChartView;
  controller: ChartController;
  canWrite: boolean;
}) {
  const [openForm, setOpenForm] = useState<FormKind | null>(null);
  const items = dto.evaluation.checklist;
  const isPreStart = dto.session.state === 'scheduled';

  function entriesFor(id: string): SessionEntry[] {
    if (id === 'baseline-vitals') return view.baseline ? [view.baseline] : [];
    if (id === 'pre-treatment-tests') return view.pretreatmentTests;
    const e = view.checklist.get(id);
    return e ? [e] : [];
  }

  if (items.length === 0) {
    const recorded = [...view.checklist.values(), ...(view.baseline ? [view.baseline] : [])];
    return (
      <section className="card chart-section" aria-labelledby="checklist-heading">
        <details>
          <summary>
            <h2 id="checklist-heading" className="inline-heading">
              Pre-start checklist
            </h2>{' '}
            <span className="muted">({recorded.length} items recorded)</span>
          </summary>
          <Recorded entries={recorded} />
        </details>
      </section>
    );
  }

  return (
    <section className="card chart-section" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">Pre-start checklist</h2>
      <ul className="checklist">
        {items.map((item) => {
          const status = statusOf(item);
          const formKind = isFormKind(item.id) ? item.id : null;
          return (
            <li key={item.id} className={`checklist-item ${status.className}`} data-item={item.id}>
              <div className="checklist-row">
                <span className="check-status">
                  <span aria-hidden="true">{status.icon} </span>
                  {status.text}
                </span>
                <span className="check-label">{item.label}</span>
                {formKind && canWrite && isPreStart && (
                  <button
                    type="button"
                    className="button button-small"
                    aria-expanded={openForm === formKind}
                    onClick={() => {
                      setOpenForm(openForm === formKind ? null : formKind);
                    }}
                  >
                    {FORM_BUTTON[formKind]}
                  </button>
                )}
                {item.id === 'eligibility' && item.status !== 'done' && (
                  <Link to={`/patients/${dto.session.patient.id}/intake`}>Open the intake</Link>
                )}
              </div>
              {item.finding && <p className="check-finding">{item.finding}</p>}
              <Recorded entries={entriesFor(item.id)} />
              {openForm === formKind && formKind !== null && (
                <div className="checklist-form">
                  {formKind === 'baseline-vitals' ? (
                    <VitalsForm
                      controller={controller}
                      isBaseline
                      onSaved={() => {
                        setOpenForm(null);
                      }}
                    />
                  ) : (
                    <ChecklistForm
                      kind={formKind}
                      controller={controller}
                      onSaved={() => {
                        setOpenForm(null);
                      }}
                    />
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ChecklistForm({
  kind,
  controller,
  onSaved,
}: {
  kind: Exclude<FormKind, 'baseline-vitals'>;
  controller: ChartController;
  onSaved: () => void;
}) {
  const form = useEntryForm();
  const [at, setAt] = useState(() => toLocalInput(new Date()));
  const [secondAt, setSecondAt] = useState('');
  const [result, setResult] = useState('');
  const [confirmed, setConfirmed] = useState(true);
  const [text, setText] = useState('');

  function build(): ChecklistEntry | Record<string, string> {
    const atIso = fromLocalInput(at);
    switch (kind) {
      case 'consent':
        return atIso ? { item: 'consent', signedAt: atIso } : { signedAt: 'is required' };
      case 'fasting': {
        const food = fromLocalInput(at);
        const fluid = fromLocalInput(secondAt);
        return { item: 'fasting', lastFoodAt: food, lastClearFluidAt: fluid };
      }
      case 'pregnancy-test':
        if (result !== 'negative' && result !== 'positive') return { result: 'choose negative or positive' };
        return atIso ? { item: 'pregnancy-test', result, at: atIso } : { at: 'is required' };
      case 'escort':
        return { item: 'escort', confirmed, ...(text.trim() ? { name: text.trim() } : {}) };
      case 'pre-treatment-tests':
        if (!text.trim()) return { testId: 'is required' };
        return atIso
          ? { item: 'pre-treatment-test', testId: text.trim(), doneAt: atIso }
          : { doneAt: 'is required' };
    }
  }

  function submit() {
    void form.run(() => {
      const built = build();
      if (!('item' in built)) {
        form.setErrors(built);
        return null;
      }
      return controller.record({ kind: 'checklist', checklist: built as ChecklistEntry });
    }, onSaved);
  }

  const e = form.errors;
  return (
    <EntryFormFrame label={FORM_BUTTON[kind]} onSubmit={submit}>
      <div className="inline-fields">
        {kind === 'consent' && (
          <DateTimeField
            field="consent.signedAt"
            label="Consent signed at"
            value={at}
            onChange={setAt}
            error={errorFor(e, 'signedAt')}
            hint="Date and time"
          />
        )}
        {kind === 'fasting' && (
          <>
            <DateTimeField
              field="fasting.lastFoodAt"
              label="Last food"
              value={at}
              onChange={setAt}
              error={errorFor(e, 'lastFoodAt')}
              hint="Blank if not known"
            />
            <DateTimeField
              field="fasting.lastClearFluidAt"
              label="Last clear fluid"
              value={secondAt}
              onChange={setSecondAt}
              error={errorFor(e, 'lastClearFluidAt')}
              hint="Blank if not known"
            />
          </>
        )}
        {kind === 'pregnancy-test' && (
          <>
            <SelectField
              field="pregnancy.result"
              label="Result"
              value={result}
              onChange={setResult}
              placeholder="Choose…"
              options={[
                { value: 'negative', label: 'Negative' },
                { value: 'positive', label: 'Positive' },
              ]}
              error={errorFor(e, 'result')}
            />
            <DateTimeField
              field="pregnancy.at"
              label="Tested at"
              value={at}
              onChange={setAt}
              error={errorFor(e, 'at')}
            />
          </>
        )}
        {kind === 'escort' && (
          <>
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={confirmed}
                onChange={(ev) => {
                  setConfirmed(ev.target.checked);
                }}
              />
              Escort home confirmed
            </label>
            <TextField
              field="escort.name"
              label="Escort's name"
              value={text}
              onChange={setText}
              error={errorFor(e, 'name')}
            />
          </>
        )}
        {kind === 'pre-treatment-tests' && (
          <>
            <TextField
              field="test.testId"
              label="Test"
              value={text}
              onChange={setText}
              error={errorFor(e, 'testId')}
              hint="As the eligibility screening names it, e.g. ecg"
            />
            <DateTimeField
              field="test.doneAt"
              label="Done at"
              value={at}
              onChange={setAt}
              error={errorFor(e, 'doneAt')}
            />
          </>
        )}
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? 'Saving…' : 'Save'}
        </button>
      </div>
      <FormMessage state={form} />
    </EntryFormFrame>
  );
}
