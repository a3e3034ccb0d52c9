/**
 * Discharge: the modified Aldrete items (REFERENCE §4.6, S28) with the total of the items scored, the
 * observation time still to run, escort, no-driving advice and instructions; then the nurse's signature and
 * the physician's co-signature, which lock the chart. A locked chart takes only addenda (reason, author,
 * time), shown below it.
 */
import { useState } from 'react';
import type { ChartDto } from '@ketapath/api-client';
import type { AldreteItems } from '@ketapath/core';
import { TextField } from '../forms/field';
import { formatDateTime } from '../data/dates';
import { useCan } from '../session/session-context';
import { entryAuthor, type ChartView } from './chart-view';
import { EntryFormFrame, errorFor, FormMessage, useEntryForm } from './entry-form';
import { formatMinutes, minutesBetween } from './session-labels';
import type { ChartController } from './use-chart';

type ItemKey = keyof AldreteItems;

/** REFERENCE §4.6 (S28): the five items and what 2, 1 and 0 mean. */
const ALDRETE_ROWS: ReadonlyArray<{
  key: ItemKey;
  label: string;
  scores: [string, string, string];
  fromVitals?: boolean;
}> = [
  {
    key: 'activity',
    label: 'Activity',
    scores: ['Moves none', 'Moves 2 extremities', 'Moves 4 extremities voluntarily or on command'],
  },
  {
    key: 'respiration',
    label: 'Respiration',
    scores: ['Apneic', 'Dyspnea or limited breathing', 'Breathes deeply and coughs freely'],
  },
  {
    key: 'circulation',
    label: 'Circulation',
    scores: [
      '≥ 50 deviation from pre-procedure BP',
      '20–49 deviation',
      'BP within ±20 of pre-procedure level',
    ],
    fromVitals: true,
  },
  {
    key: 'consciousness',
    label: 'Consciousness',
    scores: ['Not responding', 'Arousable on calling', 'Fully awake'],
  },
  {
    key: 'oxygenSaturation',
    label: 'O₂ saturation',
    scores: ['SpO₂ < 90% even with O₂', 'Needs O₂ to keep SpO₂ > 90%', 'SpO₂ > 92% on room air'],
    fromVitals: true,
  },
];

type Scores = Record<ItemKey, string>;
const FROM_VITALS = 'vitals';

export function DischargePanel({
  dto,
  view,
  controller,
  now,
}: {
  dto: ChartDto;
  view: ChartView;
  controller: ChartController;
  now: Date;
}) {
  const canWrite = useCan('chart:write');
  const canCosign = useCan('chart:cosign');
  const state = dto.session.state;
  const summary = dto.evaluation.discharge;
  const observedMin =
    summary?.observedMin === null || summary?.observedMin === undefined
      ? null
      : summary.observedMin + Math.max(0, minutesBetween(dto.evaluation.evaluatedAt, now));
  const remainingMin =
    observedMin === null || summary?.requiredMin === null || summary?.requiredMin === undefined
      ? null
      : summary.requiredMin - observedMin;
  const dischargeFindings = dto.evaluation.findings.filter(
    (f) => f.ruleId.startsWith('discharge/') && f.severity !== 'info',
  );
  const signForm = useEntryForm();
  const [notReadyReason, setNotReadyReason] = useState('');
  // The server refuses the nurse's signature while an alert that needs acknowledgement is open.
  const unacknowledged = view.openAlerts.filter(
    (a) => a.entry.data.severity === 'needs-ack' || a.entry.data.severity === 'block',
  );

  return (
    <section className="card chart-section" aria-labelledby="discharge-heading">
      <h2 id="discharge-heading">Discharge</h2>
      <dl className="session-figures discharge-figures">
        <div>
          <dt>Observation</dt>
          <dd>
            {observedMin === null ? 'not started' : `${formatMinutes(observedMin)} so far`}
            {summary?.requiredMin !== null && summary?.requiredMin !== undefined && (
              <span className="figure-note">
                clinic requires {formatMinutes(summary.requiredMin)} after the last dose
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Observation time remaining</dt>
          <dd data-testid="observation-remaining">
            {remainingMin === null ? '—' : remainingMin > 0 ? formatMinutes(remainingMin) : 'complete'}
          </dd>
        </div>
        <div>
          <dt>Aldrete total</dt>
          <dd data-testid="aldrete-total">
            {summary?.aldreteScore === null || summary?.aldreteScore === undefined
              ? '—'
              : `${summary.aldreteScore} / 10`}
            {summary && summary.aldreteScore !== null && (
              <span className="figure-note">
                {summary.passing ? 'passing' : 'not passing'} per clinic setting
              </span>
            )}
          </dd>
        </div>
      </dl>
      {dischargeFindings.length > 0 && (
        <ul className="plain-list discharge-findings">
          {dischargeFindings.map((f) => (
            <li key={f.ruleId} className="needs-action">
              {f.message}
            </li>
          ))}
        </ul>
      )}
      {view.discharge && <RecordedDischarge view={view} />}
      {canWrite && (state === 'stopped' || state === 'discharged') && (
        <DischargeForm controller={controller} hasAssessment={view.discharge !== null} />
      )}
      <div className="signatures">
        <Signature label="Nurse signature" entry={view.nurseSign} />
        <Signature label="Physician co-signature" entry={view.physicianCosign} />
      </div>
      {canWrite && state === 'discharged' && unacknowledged.length > 0 && (
        <p className="needs-action" id="sign-blockers">
          Acknowledge the open alerts before signing ({unacknowledged.length} open:{' '}
          {unacknowledged.map((a) => a.finding?.title ?? a.entry.data.ruleId).join('; ')}).
        </p>
      )}
      {canWrite && state === 'discharged' && (
        <div className="entry-form">
          {dischargeFindings.length > 0 && (
            <TextField
              field="dischargeNotReadyReason"
              label="Reason for signing before the discharge criteria above are met"
              hint="Required while the discharge is not ready; shown on the chart and its PDF."
              value={notReadyReason}
              onChange={setNotReadyReason}
              error={errorFor(signForm.errors, 'dischargeNotReadyReason')}
              isRequired
            />
          )}
          <p>
            <button
              type="button"
              className="button button-primary"
              disabled={
                signForm.busy ||
                unacknowledged.length > 0 ||
                (dischargeFindings.length > 0 && notReadyReason.trim() === '')
              }
              aria-describedby={unacknowledged.length > 0 ? 'sign-blockers' : undefined}
              onClick={() => {
                const reason = notReadyReason.trim();
                void signForm.run(
                  () =>
                    controller.record(
                      dischargeFindings.length > 0 && reason !== ''
                        ? { kind: 'nurse-sign', dischargeNotReadyReason: reason }
                        : { kind: 'nurse-sign' },
                    ),
                  undefined,
                  'Chart signed.',
                );
              }}
            >
              Sign the chart as nurse
            </button>
          </p>
        </div>
      )}
      {state === 'nurse-signed' &&
        (canCosign ? (
          <p>
            <button
              type="button"
              className="button button-primary"
              disabled={signForm.busy}
              onClick={() => {
                void signForm.run(
                  () => controller.record({ kind: 'physician-cosign' }),
                  undefined,
                  'Chart co-signed and locked.',
                );
              }}
            >
              Co-sign as physician and lock the chart
            </button>
          </p>
        ) : (
          <p className="muted">Awaiting the physician's co-signature.</p>
        ))}
      <FormMessage state={signForm} />
    </section>
  );
}

function Signature({
  label,
  entry,
}: {
  label: string;
  entry: ChartView['nurseSign'] | ChartView['physicianCosign'];
}) {
  return (
    <div className="signature">
      <span className="signature-label">{label}</span>
      {entry ? (
        <span>
          <span aria-hidden="true">✓ </span>
          {entryAuthor(entry)}, {formatDateTime(entry.recordedAt)}
          {entry.data.kind === 'nurse-sign' && entry.data.dischargeNotReadyReason !== undefined && (
            <span className="signature-reason">
              {' '}
              — signed before the discharge criteria were met: {entry.data.dischargeNotReadyReason}
            </span>
          )}
        </span>
      ) : (
        <span className="muted">not signed</span>
      )}
    </div>
  );
}

function RecordedDischarge({ view }: { view: ChartView }) {
  const d = view.discharge;
  if (!d) return null;
  const a = d.data.aldrete;
  return (
    <div className="recorded-discharge">
      <h3>Discharge assessment</h3>
      <p className="small muted">
        {entryAuthor(d)}, {formatDateTime(d.recordedAt)}
      </p>
      <ul className="inline-list">
        {ALDRETE_ROWS.map((r) => (
          <li key={r.key}>
            {r.label}: <strong>{a[r.key] ?? 'from vital signs'}</strong>
          </li>
        ))}
      </ul>
      <ul className="plain-list">
        <li>
          Escort present:{' '}
          {d.data.escortPresent ? `yes${d.data.escortName ? ` (${d.data.escortName})` : ''}` : 'no'}
        </li>
        <li>No-driving advice given: {d.data.noDrivingAdviceGiven ? 'yes' : 'no'}</li>
        <li>Discharge instructions given: {d.data.instructionsGiven ? 'yes' : 'no'}</li>
        {d.data.note && <li>Note: {d.data.note}</li>}
      </ul>
    </div>
  );
}

function DischargeForm({
  controller,
  hasAssessment,
}: {
  controller: ChartController;
  hasAssessment: boolean;
}) {
  const form = useEntryForm();
  const [scores, setScores] = useState<Scores>({
    activity: '',
    respiration: '',
    circulation: FROM_VITALS,
    consciousness: '',
    oxygenSaturation: FROM_VITALS,
  });
  const [escortPresent, setEscortPresent] = useState(false);
  const [escortName, setEscortName] = useState('');
  const [noDriving, setNoDriving] = useState(false);
  const [instructions, setInstructions] = useState(false);
  const [note, setNote] = useState('');

  const scored = ALDRETE_ROWS.map((r) => scores[r.key]).filter((s) => s !== '' && s !== FROM_VITALS);
  const partialTotal = scored.reduce((sum, s) => sum + Number(s), 0);
  const fromVitals = ALDRETE_ROWS.filter((r) => scores[r.key] === FROM_VITALS).map((r) => r.label);

  function submit() {
    void form.run(
      () => {
        const errors: Record<string, string> = {};
        const value = (key: ItemKey): number | null => {
          const s = scores[key];
          if (s === FROM_VITALS) return null;
          if (s === '') errors[key] = 'choose a score';
          return Number(s);
        };
        const aldrete: AldreteItems = {
          activity: value('activity') ?? 0,
          respiration: value('respiration') ?? 0,
          circulation: value('circulation'),
          consciousness: value('consciousness') ?? 0,
          oxygenSaturation: value('oxygenSaturation'),
        };
        if (Object.keys(errors).length > 0) {
          form.setErrors(errors);
          return null;
        }
        return controller.record({
          kind: 'discharge-assessment',
          aldrete,
          escortPresent,
          ...(escortName.trim() ? { escortName: escortName.trim() } : {}),
          noDrivingAdviceGiven: noDriving,
          instructionsGiven: instructions,
          ...(note.trim() ? { note: note.trim() } : {}),
        });
      },
      undefined,
      'Discharge assessment saved.',
    );
  }

  return (
    <EntryFormFrame label="Discharge assessment" onSubmit={submit}>
      <h3>{hasAssessment ? 'Assess again' : 'Discharge assessment'}</h3>
      <table className="data-table aldrete-table">
        <caption>
          Modified Aldrete score <span className="muted small">(REFERENCE §4.6 · S28; each item 0–2)</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">2</th>
            <th scope="col">1</th>
            <th scope="col">0</th>
            <th scope="col">Other</th>
          </tr>
        </thead>
        <tbody>
          {ALDRETE_ROWS.map((r) => {
            const error = errorFor(form.errors, r.key);
            return (
              <tr key={r.key} className={error ? 'row-needs-value' : undefined}>
                <th scope="row">
                  {r.label}
                  {error && (
                    <span className="field-error" id={`aldrete-${r.key}-error`}>
                      {' '}
                      ⚠ {error}
                    </span>
                  )}
                </th>
                {[2, 1, 0].map((score) => (
                  <td key={score}>
                    <label className="radio-label">
                      <input
                        type="radio"
                        name={`aldrete-${r.key}`}
                        value={score}
                        checked={scores[r.key] === String(score)}
                        aria-invalid={Boolean(error)}
                        onChange={() => {
                          setScores((s) => ({ ...s, [r.key]: String(score) }));
                        }}
                      />
                      <span>
                        <strong>{score}</strong> {r.scores[score]}
                      </span>
                    </label>
                  </td>
                ))}
                <td>
                  {r.fromVitals && (
                    <label className="radio-label">
                      <input
                        type="radio"
                        name={`aldrete-${r.key}`}
                        value={FROM_VITALS}
                        checked={scores[r.key] === FROM_VITALS}
                        onChange={() => {
                          setScores((s) => ({ ...s, [r.key]: FROM_VITALS }));
                        }}
                      />
                      <span>Score from the latest vital signs</span>
                    </label>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="aldrete-live" aria-live="polite">
        Items scored here: <strong data-testid="aldrete-partial">{partialTotal}</strong> of{' '}
        {scored.length * 2}
        {fromVitals.length > 0 && (
          <> · {fromVitals.join(' and ')} scored by Ketapath from the latest vital signs on saving</>
        )}
      </p>
      <div className="inline-fields">
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={escortPresent}
            onChange={(e) => {
              setEscortPresent(e.target.checked);
            }}
          />
          Escort present
        </label>
        <TextField
          field="discharge.escortName"
          label="Escort's name"
          value={escortName}
          onChange={setEscortName}
          error={errorFor(form.errors, 'escortName')}
        />
      </div>
      <div className="inline-fields">
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={noDriving}
            onChange={(e) => {
              setNoDriving(e.target.checked);
            }}
          />
          No-driving advice given
        </label>
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={instructions}
            onChange={(e) => {
              setInstructions(e.target.checked);
            }}
          />
          Discharge instructions given
        </label>
      </div>
      <TextField
        field="discharge.note"
        label="Note"
        value={note}
        onChange={setNote}
        error={errorFor(form.errors, 'note')}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? 'Saving…' : 'Save discharge assessment'}
        </button>
      </div>
      <FormMessage state={form} />
    </EntryFormFrame>
  );
}

export function LockedBanner({ view }: { view: ChartView }) {
  return (
    <div className="banner banner-locked" role="status">
      <p className="banner-title">
        <span aria-hidden="true">■ </span>Signed and locked
      </p>
      <p>
        Signed by {view.nurseSign ? entryAuthor(view.nurseSign) : '—'} and co-signed by{' '}
        {view.physicianCosign
          ? `${entryAuthor(view.physicianCosign)} on ${formatDateTime(view.physicianCosign.recordedAt)}`
          : '—'}
        . The chart cannot be changed; corrections are added as addenda below it.
      </p>
    </div>
  );
}

export function AddendaPanel({
  view,
  controller,
  canAdd,
}: {
  view: ChartView;
  controller: ChartController;
  canAdd: boolean;
}) {
  const form = useEntryForm();
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  if (view.addenda.length === 0 && !canAdd) return null;
  return (
    <section className="card chart-section addenda" aria-labelledby="addenda-heading">
      <h2 id="addenda-heading">Addenda</h2>
      {view.addenda.length === 0 ? (
        <p className="muted">No addenda.</p>
      ) : (
        <ol className="addendum-list">
          {view.addenda.map((a) => (
            <li key={a.seq}>
              <p className="addendum-meta">
                {entryAuthor(a)}, {formatDateTime(a.recordedAt)} — reason: <em>{a.data.reason}</em>
              </p>
              <p className="addendum-text">{a.data.text}</p>
            </li>
          ))}
        </ol>
      )}
      {canAdd && (
        <EntryFormFrame
          label="Add an addendum"
          onSubmit={() => {
            void form.run(
              () => {
                const errors: Record<string, string> = {};
                if (!text.trim()) errors.text = 'is required';
                if (!reason.trim()) errors.reason = 'is required';
                if (Object.keys(errors).length > 0) {
                  form.setErrors(errors);
                  return null;
                }
                return controller.record({ kind: 'addendum', text: text.trim(), reason: reason.trim() });
              },
              () => {
                setText('');
                setReason('');
              },
              'Addendum added.',
            );
          }}
        >
          <h3>Add an addendum</h3>
          <FieldTextArea value={text} onChange={setText} error={errorFor(form.errors, 'text')} />
          <TextField
            field="addendum.reason"
            label="Reason for the addendum"
            value={reason}
            onChange={setReason}
            error={errorFor(form.errors, 'reason')}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={form.busy}>
              Add addendum
            </button>
          </div>
          <FormMessage state={form} />
        </EntryFormFrame>
      )}
    </section>
  );
}

function FieldTextArea({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor="field-addendum-text">Text of the addendum</label>
      <textarea
        id="field-addendum-text"
        rows={3}
        value={value}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? 'field-addendum-text-error' : undefined}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
      {error && (
        <p className="field-error" id="field-addendum-text-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}
