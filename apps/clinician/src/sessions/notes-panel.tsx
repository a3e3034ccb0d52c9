/** Pain before and after (0–10), side effects and rescue medication, with what is already recorded. */
import { useState } from 'react';
import { SESSION_SYMPTOM_KINDS, type SessionSymptomKind } from '@ketapath/core';
import { SelectField, TextField } from '../forms/field';
import { formatDateTimeShort } from '../data/dates';
import { entryAuthor, type ChartView } from './chart-view';
import { EntryFormFrame, errorFor, FormMessage, readNumbers, useEntryForm } from './entry-form';
import { formatAmount } from './session-labels';
import type { ChartController } from './use-chart';

export const SYMPTOM_LABELS: Readonly<Record<SessionSymptomKind, string>> = {
  dysphoria: 'Dysphoria',
  hallucinations: 'Hallucinations',
  nausea: 'Nausea',
  vomiting: 'Vomiting',
  'respiratory-compromise': 'Respiratory compromise',
  'emergence-reaction': 'Emergence reaction',
  hypertension: 'Hypertension',
  other: 'Other',
};

export function NotesPanel({
  view,
  controller,
  canWrite,
}: {
  view: ChartView;
  controller: ChartController;
  canWrite: boolean;
}) {
  const before = view.pain.filter((p) => p.data.when === 'before').at(-1);
  const after = view.pain.filter((p) => p.data.when === 'after').at(-1);
  return (
    <section className="card chart-section" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Pain, side effects and rescue medication</h2>
      <dl className="detail-list compact">
        <dt>Pain before (0–10)</dt>
        <dd>{before ? `${before.data.nrs} — ${entryAuthor(before)}` : 'not recorded'}</dd>
        <dt>Pain after (0–10)</dt>
        <dd>{after ? `${after.data.nrs} — ${entryAuthor(after)}` : 'not recorded'}</dd>
      </dl>
      {canWrite && <PainForm controller={controller} />}
      <h3>Side effects</h3>
      {view.sideEffects.length === 0 ? (
        <p className="muted">None recorded.</p>
      ) : (
        <ul className="plain-list">
          {view.sideEffects.map((s) => (
            <li key={s.seq}>
              {formatDateTimeShort(s.occurredAt)} <strong>{SYMPTOM_LABELS[s.data.symptom]}</strong>
              {s.data.note && <> — {s.data.note}</>} <span className="muted">({entryAuthor(s)})</span>
            </li>
          ))}
        </ul>
      )}
      {canWrite && <SideEffectForm controller={controller} />}
      <h3>Rescue medication</h3>
      {view.rescue.length === 0 ? (
        <p className="muted">None given.</p>
      ) : (
        <ul className="plain-list">
          {view.rescue.map((r) => (
            <li key={r.seq}>
              {formatDateTimeShort(r.occurredAt)} <strong>{r.data.drug}</strong>{' '}
              {formatAmount(r.data.doseMg, 3)} mg {r.data.route} — {r.data.reason}{' '}
              <span className="muted">({entryAuthor(r)})</span>
            </li>
          ))}
        </ul>
      )}
      {canWrite && <RescueForm controller={controller} />}
    </section>
  );
}

function PainForm({ controller }: { controller: ChartController }) {
  const form = useEntryForm();
  const [when, setWhen] = useState<'before' | 'after'>('before');
  const [nrs, setNrs] = useState('');
  return (
    <EntryFormFrame
      label="Pain score"
      onSubmit={() => {
        void form.run(
          () => {
            const { numbers, errors } = readNumbers({ nrs }, ['nrs']);
            if (errors.nrs) {
              form.setErrors(errors);
              return null;
            }
            return controller.record({ kind: 'pain-score', when, nrs: numbers.nrs ?? 0 });
          },
          () => {
            setNrs('');
          },
          'Pain score saved.',
        );
      }}
    >
      <div className="inline-fields">
        <SelectField
          field="pain.when"
          label="When"
          value={when}
          onChange={(v) => {
            setWhen(v === 'after' ? 'after' : 'before');
          }}
          options={[
            { value: 'before', label: 'Before the infusion' },
            { value: 'after', label: 'After the infusion' },
          ]}
        />
        <TextField
          field="pain.nrs"
          label="Pain (NRS 0–10)"
          inputMode="numeric"
          value={nrs}
          onChange={setNrs}
          error={errorFor(form.errors, 'nrs')}
        />
        <button type="submit" className="button" disabled={form.busy}>
          Save pain score
        </button>
      </div>
      <FormMessage state={form} />
    </EntryFormFrame>
  );
}

function SideEffectForm({ controller }: { controller: ChartController }) {
  const form = useEntryForm();
  const [symptom, setSymptom] = useState('');
  const [note, setNote] = useState('');
  return (
    <EntryFormFrame
      label="Side effect"
      onSubmit={() => {
        void form.run(
          () => {
            const kind = SESSION_SYMPTOM_KINDS.find((k) => k === symptom);
            if (!kind) {
              form.setErrors({ symptom: 'choose a side effect' });
              return null;
            }
            return controller.record({
              kind: 'side-effect',
              symptom: kind,
              ...(note.trim() ? { note: note.trim() } : {}),
            });
          },
          () => {
            setSymptom('');
            setNote('');
          },
          'Side effect saved.',
        );
      }}
    >
      <div className="inline-fields">
        <SelectField
          field="side.symptom"
          label="Side effect"
          value={symptom}
          onChange={setSymptom}
          placeholder="Choose…"
          options={SESSION_SYMPTOM_KINDS.map((k) => ({ value: k, label: SYMPTOM_LABELS[k] }))}
          error={errorFor(form.errors, 'symptom')}
        />
        <TextField
          field="side.note"
          label="Note"
          value={note}
          onChange={setNote}
          error={errorFor(form.errors, 'note')}
          className="field-grow"
        />
        <button type="submit" className="button" disabled={form.busy}>
          Save side effect
        </button>
      </div>
      <FormMessage state={form} />
    </EntryFormFrame>
  );
}

function RescueForm({ controller }: { controller: ChartController }) {
  const form = useEntryForm();
  const [drug, setDrug] = useState('');
  const [doseMg, setDoseMg] = useState('');
  const [route, setRoute] = useState('');
  const [reason, setReason] = useState('');
  return (
    <EntryFormFrame
      label="Rescue medication"
      onSubmit={() => {
        void form.run(
          () => {
            const { numbers, errors } = readNumbers({ doseMg }, ['doseMg']);
            if (!drug.trim()) errors.drug = 'is required';
            if (!route.trim()) errors.route = 'is required';
            if (!reason.trim()) errors.reason = 'is required';
            if (Object.keys(errors).length > 0) {
              form.setErrors(errors);
              return null;
            }
            return controller.record({
              kind: 'rescue-medication',
              drug: drug.trim(),
              doseMg: numbers.doseMg ?? 0,
              route: route.trim(),
              reason: reason.trim(),
            });
          },
          () => {
            setDrug('');
            setDoseMg('');
            setRoute('');
            setReason('');
          },
          'Rescue medication saved.',
        );
      }}
    >
      <div className="inline-fields">
        <TextField
          field="rescue.drug"
          label="Drug"
          value={drug}
          onChange={setDrug}
          error={errorFor(form.errors, 'drug')}
        />
        <TextField
          field="rescue.doseMg"
          label="Dose"
          suffix="mg"
          inputMode="decimal"
          value={doseMg}
          onChange={setDoseMg}
          error={errorFor(form.errors, 'doseMg')}
        />
        <TextField
          field="rescue.route"
          label="Route"
          value={route}
          onChange={setRoute}
          error={errorFor(form.errors, 'route')}
        />
        <TextField
          field="rescue.reason"
          label="Reason"
          value={reason}
          onChange={setReason}
          error={errorFor(form.errors, 'reason')}
          className="field-grow"
        />
        <button type="submit" className="button" disabled={form.busy}>
          Save rescue medication
        </button>
      </div>
      <FormMessage state={form} />
    </EntryFormFrame>
  );
}
