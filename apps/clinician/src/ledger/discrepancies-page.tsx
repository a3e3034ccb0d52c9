/**
 * The discrepancy queue: every difference a count, an inventory or a session found, open ones first, with
 * its size, the notes of the investigation, and its resolution (classification, explanation, who, when).
 * A theft or significant loss opens a loss report (REFERENCE §9 Theft or significant loss: written notice to
 * the DEA Field Division within one business day of discovery, then DEA Form 106 electronically within 45
 * days; 21 CFR 1301.76(b), 88 FR 40707), shown below with both due dates, the steps taken and the data the
 * ledger holds for it.
 */
import { useState } from 'react';
import {
  LOSS_REPORT_CLASSIFICATIONS,
  type DiscrepancyState,
  type LedgerLocation,
  type LossReportState,
} from '@ketapath/api-client';
import {
  DISCREPANCY_CLASSIFICATIONS,
  LOSS_REPORT_STEPS,
  type DiscrepancyClassification,
  type LossReportStepKind,
} from '@ketapath/core';
import { formatDate, formatDateTime, todayIso } from '../data/dates';
import { useResource } from '../data/use-resource';
import { FieldFrame, SelectField, TextField } from '../forms/field';
import { useCan } from '../session/session-context';
import { useDocumentTitle } from '../shell/use-document-title';
import { ledgerApi } from './ledger-api';
import { LedgerFindings } from './ledger-findings';
import { errorFor, FormMessage, LedgerFormFrame, useLedgerForm } from './ledger-form';
import { useLedgerOutlet } from './ledger-layout';
import { CLASSIFICATION_LABELS, daysBetween, mg, signedMg, STEP_LABELS } from './ledger-labels';
import { numberSetting, useLedgerSettings, useStaffNames } from './use-ledger-data';

type StatusFilter = 'open' | 'closed' | 'all';
const SOURCE_LABELS: Readonly<Record<DiscrepancyState['source'], string>> = {
  count: 'Count',
  inventory: 'Inventory',
  session: 'Session',
};

export function DiscrepanciesPage() {
  useDocumentTitle('Discrepancies');
  const { location } = useLedgerOutlet();
  const [status, setStatus] = useState<StatusFilter>('open');
  const list = useResource(`discrepancies:${location.id}:${status}`, (signal) =>
    ledgerApi.listDiscrepancies(status, location.id, { signal }),
  );
  const reports = useResource('loss-reports', (signal) => ledgerApi.listLossReports({ signal }));
  const settings = useLedgerSettings();
  const noticeDays = numberSetting(settings, 'ledger.loss-notice-business-days');
  const reportDays = numberSetting(settings, 'ledger.loss-report-days');
  const shown = (list.data ?? []).filter((d) => d.locationId === undefined || d.locationId === location.id);
  const lossReports = (reports.data ?? []).filter(
    (r) => r.locationId === undefined || r.locationId === location.id,
  );
  const reloadAll = () => {
    list.reload();
    reports.reload();
  };

  return (
    <div className="tab-panel">
      <section className="card" aria-labelledby="queue-heading">
        <div className="card-head">
          <h2 id="queue-heading">Discrepancies</h2>
          <div className="segmented" role="group" aria-label="Show">
            {(['open', 'closed', 'all'] as const).map((s) => (
              <button
                key={s}
                type="button"
                className={`button button-small${status === s ? ' button-primary' : ''}`}
                aria-pressed={status === s}
                onClick={() => {
                  setStatus(s);
                }}
              >
                {s === 'open' ? 'Open' : s === 'closed' ? 'Closed' : 'All'}
              </button>
            ))}
          </div>
        </div>
        {list.error && !list.data ? (
          <p className="banner banner-error" role="alert">
            Could not load the discrepancies: {list.error.detail}
          </p>
        ) : !list.data ? (
          <p className="list-status" role="status">
            Loading…
          </p>
        ) : shown.length === 0 ? (
          <p className="empty-state">
            {status === 'open' ? 'No open discrepancy: the books and the shelf agree.' : 'None.'}
          </p>
        ) : (
          <ul className="discrepancy-list">
            {shown.map((d) => (
              <DiscrepancyCard
                key={d.discrepancyId}
                discrepancy={d}
                onChanged={reloadAll}
                onResolved={() => {
                  // The resolved discrepancy moves to "closed"; keep it in view with its resolution.
                  if (status === 'open') setStatus('all');
                  reloadAll();
                }}
                noticeDays={noticeDays}
                reportDays={reportDays}
              />
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="loss-heading">
        <h2 id="loss-heading">Loss reports</h2>
        <p className="small muted">
          A theft or significant loss: notify the local DEA Field Division in writing within{' '}
          {noticeDays ?? 'one'} business day{noticeDays === 1 || noticeDays === null ? '' : 's'} of discovery,
          then file DEA Form 106 electronically within {reportDays ?? 45} days (REFERENCE §9; 21 CFR
          1301.76(b); 88 FR 40707).
        </p>
        {reports.error && !reports.data ? (
          <p className="banner banner-error" role="alert">
            Could not load the loss reports: {reports.error.detail}
          </p>
        ) : lossReports.length === 0 ? (
          <p className="empty-state">No loss report.</p>
        ) : (
          <ul className="loss-report-list">
            {lossReports.map((r) => (
              <LossReportCard
                key={r.lossReportId}
                report={r}
                location={location}
                onChanged={reports.reload}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function DiscrepancyCard({
  discrepancy: d,
  onChanged,
  onResolved,
  noticeDays,
  reportDays,
}: {
  discrepancy: DiscrepancyState;
  onChanged: () => void;
  onResolved: () => void;
  noticeDays: number | null;
  reportDays: number | null;
}) {
  const canWrite = useCan('ledger:write');
  const canManage = useCan('ledger:manage');
  const nameOf = useStaffNames();
  const noteForm = useLedgerForm();
  const resolveForm = useLedgerForm();
  const [note, setNote] = useState('');
  const [classification, setClassification] = useState<DiscrepancyClassification | ''>('');
  const [explanation, setExplanation] = useState('');
  const [discoveredOn, setDiscoveredOn] = useState(todayIso);
  const opensReport = classification !== '' && LOSS_REPORT_CLASSIFICATIONS.includes(classification);
  const open = d.status === 'open';
  const headingId = `disc-${d.discrepancyId}`;

  function addNote() {
    if (!note.trim()) {
      noteForm.setErrors({ text: 'write the note' });
      return;
    }
    void noteForm.run(
      (clientEntryId) => ledgerApi.addDiscrepancyNote(d.discrepancyId, { clientEntryId, text: note.trim() }),
      {
        saved: 'Note added.',
        onSaved: () => {
          setNote('');
          onChanged();
        },
      },
    );
  }

  function resolve() {
    const errors: Record<string, string> = {};
    if (classification === '') errors.classification = 'choose what happened';
    if (!explanation.trim()) errors.explanation = 'explain what was found';
    if (classification === '' || Object.keys(errors).length > 0) {
      resolveForm.setErrors(errors);
      return;
    }
    const chosen = classification;
    void resolveForm.run(
      (clientEntryId) =>
        ledgerApi.resolveDiscrepancy(d.discrepancyId, {
          clientEntryId,
          classification: chosen,
          explanation: explanation.trim(),
          ...(LOSS_REPORT_CLASSIFICATIONS.includes(chosen) ? { discoveredOn } : {}),
        }),
      {
        saved: LOSS_REPORT_CLASSIFICATIONS.includes(chosen)
          ? 'Resolved; a loss report is open below with its due dates.'
          : 'Resolved.',
        onSaved: onResolved,
      },
    );
  }

  return (
    <li
      className={`discrepancy-card discrepancy-${d.status}`}
      data-discrepancy={d.discrepancyId}
      aria-labelledby={headingId}
    >
      <div className="discrepancy-head">
        <h3 id={headingId}>
          <span className="mono">{d.label ?? d.lot}</span>{' '}
          <span className={`chip ${open ? 'chip-open' : 'chip-closed'}`}>
            <span aria-hidden="true">{open ? '⚠ ' : '✓ '}</span>
            {open ? 'Open' : 'Closed'}
          </span>
        </h3>
        <span className="small muted">
          {SOURCE_LABELS[d.source]} · lot <span className="mono">{d.lot}</span> · opened{' '}
          {formatDateTime(d.openedAt)}
          {d.openedBy !== undefined && ` by ${nameOf(d.openedBy)}`}
        </span>
      </div>
      <dl className="ledger-figures compact">
        <div>
          <dt>Expected</dt>
          <dd>{mg(d.expectedUg)}</dd>
        </div>
        <div>
          <dt>Counted</dt>
          <dd>{mg(d.countedUg)}</dd>
        </div>
        <div>
          <dt>Difference</dt>
          <dd className={d.differenceUg === 0 ? undefined : 'text-danger'} data-testid="difference">
            <strong>{signedMg(d.differenceUg)}</strong>
          </dd>
        </div>
      </dl>
      {d.notes.length > 0 && (
        <ol className="discrepancy-notes">
          {d.notes.map((n, i) => (
            <li key={`${n.at}-${i}`}>
              <span className="small muted">
                {formatDateTime(n.at)}, {nameOf(n.by)}:
              </span>{' '}
              {n.text}
            </li>
          ))}
        </ol>
      )}
      {d.resolution && (
        <p className="discrepancy-resolution">
          <strong>{CLASSIFICATION_LABELS[d.resolution.classification]}</strong> — {d.resolution.explanation}
          <span className="small muted">
            {' '}
            ({formatDateTime(d.resolution.at)}, {nameOf(d.resolution.by)}; stock{' '}
            {signedMg(d.resolution.adjustmentUg)})
          </span>
        </p>
      )}
      {open && canWrite && (
        <LedgerFormFrame label={`Note on ${d.label ?? d.lot}`} onSubmit={addNote}>
          <div className="inline-fields">
            <TextField
              field={`note-${d.discrepancyId}`}
              label="Investigation note"
              value={note}
              onChange={setNote}
              error={errorFor(noteForm.errors, 'text')}
              className="field-grow"
            />
            <button type="submit" className="button" disabled={noteForm.busy}>
              Add note
            </button>
          </div>
          <FormMessage state={noteForm} />
        </LedgerFormFrame>
      )}
      {open && canManage && (
        <LedgerFormFrame label={`Resolve ${d.label ?? d.lot}`} onSubmit={resolve} className="resolve-form">
          <div className="inline-fields">
            <SelectField
              field={`classification-${d.discrepancyId}`}
              label="What happened"
              value={classification}
              placeholder="Choose…"
              onChange={(v) => {
                setClassification(DISCREPANCY_CLASSIFICATIONS.find((c) => c === v) ?? '');
              }}
              options={DISCREPANCY_CLASSIFICATIONS.map((c) => ({
                value: c,
                label: CLASSIFICATION_LABELS[c],
              }))}
              error={errorFor(resolveForm.errors, 'classification')}
            />
            {opensReport && (
              <TextField
                field={`discovered-${d.discrepancyId}`}
                label="Discovered on"
                type="date"
                max={todayIso()}
                value={discoveredOn}
                onChange={setDiscoveredOn}
                error={errorFor(resolveForm.errors, 'discoveredOn')}
              />
            )}
          </div>
          <FieldFrame
            field={`explanation-${d.discrepancyId}`}
            label="Explanation"
            error={errorFor(resolveForm.errors, 'explanation')}
          >
            {(control) => (
              <textarea
                {...control}
                rows={2}
                value={explanation}
                onChange={(e) => {
                  setExplanation(e.target.value);
                }}
              />
            )}
          </FieldFrame>
          {opensReport && (
            <p className="banner banner-caution">
              This opens a loss report: written notice to the DEA Field Division within {noticeDays ?? 'one'}{' '}
              business day{noticeDays === 1 || noticeDays === null ? '' : 's'} of discovery and DEA Form 106
              within {reportDays ?? 45} days (REFERENCE §9; 21 CFR 1301.76(b); 88 FR 40707).
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={resolveForm.busy}>
            Resolve
          </button>
          <FormMessage state={resolveForm} />
        </LedgerFormFrame>
      )}
      {!open || canWrite || canManage ? null : (
        <p className="small muted">Physicians and administrators resolve discrepancies.</p>
      )}
    </li>
  );
}

/** Days until a due date, as read: "due in 3 days", "due today", "2 days overdue". */
function dueText(dueOn: string, today: string): { text: string; overdue: boolean } {
  const days = daysBetween(today, dueOn);
  if (days > 0) return { text: `due in ${days} day${days === 1 ? '' : 's'}`, overdue: false };
  if (days === 0) return { text: 'due today', overdue: false };
  return { text: `${-days} day${days === -1 ? '' : 's'} overdue`, overdue: true };
}

/** What the written notice and Form 106 draw on, as this ledger holds it (✓ recorded, ✗ missing). */
function checklistOf(r: LossReportState, location: LedgerLocation) {
  if (r.checklist && r.checklist.length > 0) return r.checklist;
  const has = (step: LossReportStepKind) => r.steps.find((s) => s.step === step);
  const notice = has('written-notice-sent');
  const form106 = has('form-106-filed');
  const police = has('police-report');
  return [
    {
      id: 'registrant',
      label: 'Registrant DEA registration',
      done: location.deaRegistration !== null,
      value: location.deaRegistration ?? 'not recorded',
    },
    { id: 'discovered', label: 'Date of discovery', done: true, value: formatDate(r.discoveredOn) },
    { id: 'drug', label: 'Drug: NDC and lot', done: true, value: `NDC ${r.ndc}, lot ${r.lot}` },
    { id: 'quantity', label: 'Quantity lost', done: true, value: mg(r.quantityUg) },
    {
      id: 'notice',
      label: STEP_LABELS['written-notice-sent'],
      done: notice !== undefined,
      value: notice ? `${formatDate(notice.on)}${notice.reference ? `, ${notice.reference}` : ''}` : null,
    },
    {
      id: 'form106',
      label: STEP_LABELS['form-106-filed'],
      done: form106 !== undefined,
      value: form106 ? `${formatDate(form106.on)}${form106.reference ? `, ${form106.reference}` : ''}` : null,
    },
    {
      id: 'police',
      label: 'Police report (if one was made)',
      done: police !== undefined,
      value: police ? `${formatDate(police.on)}${police.reference ? `, ${police.reference}` : ''}` : null,
    },
  ];
}

function LossReportCard({
  report: r,
  location,
  onChanged,
}: {
  report: LossReportState;
  location: LedgerLocation;
  onChanged: () => void;
}) {
  const canManage = useCan('ledger:manage');
  const nameOf = useStaffNames();
  const [today] = useState(todayIso);
  const form = useLedgerForm();
  const [step, setStep] = useState<LossReportStepKind>('written-notice-sent');
  const [on, setOn] = useState(today);
  const [reference, setReference] = useState('');
  const [text, setText] = useState('');
  const noticeDone = r.steps.some((s) => s.step === 'written-notice-sent');
  const formDone = r.steps.some((s) => s.step === 'form-106-filed');
  const notice = dueText(r.writtenNoticeDueOn, today);
  const form106 = dueText(r.form106DueOn, today);

  function addStep() {
    if (step === 'note' && !text.trim()) {
      form.setErrors({ text: 'write the note' });
      return;
    }
    void form.run(
      (clientEntryId) =>
        ledgerApi.addLossReportStep(r.lossReportId, {
          clientEntryId,
          step,
          on,
          ...(reference.trim() ? { reference: reference.trim() } : {}),
          ...(text.trim() ? { text: text.trim() } : {}),
        }),
      {
        saved: 'Step recorded.',
        onSaved: () => {
          setReference('');
          setText('');
          onChanged();
        },
      },
    );
  }

  return (
    <li className="loss-report" data-loss-report={r.lossReportId}>
      <h3>
        Loss of {mg(r.quantityUg)} · lot <span className="mono">{r.lot}</span> · NDC{' '}
        <span className="mono">{r.ndc}</span>
      </h3>
      <dl className="ledger-figures compact loss-deadlines">
        <div>
          <dt>Discovered</dt>
          <dd>{formatDate(r.discoveredOn)}</dd>
        </div>
        <div className={noticeDone ? 'deadline-done' : notice.overdue ? 'deadline-overdue' : 'deadline-open'}>
          <dt>Written notice to the DEA Field Division</dt>
          <dd data-testid="written-notice-due">
            {formatDate(r.writtenNoticeDueOn)}{' '}
            <span className="small">{noticeDone ? '✓ sent' : `(${notice.text})`}</span>
          </dd>
        </div>
        <div className={formDone ? 'deadline-done' : form106.overdue ? 'deadline-overdue' : 'deadline-open'}>
          <dt>DEA Form 106 (electronic)</dt>
          <dd data-testid="form-106-due">
            {formatDate(r.form106DueOn)}{' '}
            <span className="small">{formDone ? '✓ filed' : `(${form106.text})`}</span>
          </dd>
        </div>
      </dl>
      {r.findings && r.findings.length > 0 && <LedgerFindings findings={r.findings} />}
      <h4>Data for the notice and Form 106</h4>
      <ul className="loss-checklist">
        {checklistOf(r, location).map((item) => (
          <li key={item.id} className={item.done ? 'check-yes' : 'check-no'}>
            <span aria-hidden="true">{item.done ? '✓' : '○'}</span> {item.label}
            {item.value ? (
              <span className="muted">: {item.value}</span>
            ) : (
              <span className="muted">: not yet</span>
            )}
          </li>
        ))}
      </ul>
      {r.steps.length > 0 && (
        <>
          <h4>Steps</h4>
          <ol className="discrepancy-notes">
            {r.steps.map((s, i) => (
              <li key={`${s.step}-${i}`}>
                {formatDate(s.on)} — {STEP_LABELS[s.step]}
                {s.reference && <span className="mono"> {s.reference}</span>}
                {s.text && <span>: {s.text}</span>}
                {s.by !== undefined && <span className="small muted"> ({nameOf(s.by)})</span>}
              </li>
            ))}
          </ol>
        </>
      )}
      {canManage && (
        <LedgerFormFrame label="Record a loss-report step" onSubmit={addStep}>
          <div className="inline-fields">
            <SelectField
              field={`step-${r.lossReportId}`}
              label="Step"
              value={step}
              onChange={(v) => {
                setStep(LOSS_REPORT_STEPS.find((s) => s === v) ?? 'note');
              }}
              options={LOSS_REPORT_STEPS.map((s) => ({ value: s, label: STEP_LABELS[s] }))}
            />
            <TextField
              field={`step-on-${r.lossReportId}`}
              label="On"
              type="date"
              max={today}
              value={on}
              onChange={setOn}
              error={errorFor(form.errors, 'on')}
            />
            <TextField
              field={`step-ref-${r.lossReportId}`}
              label="Reference (optional)"
              value={reference}
              onChange={setReference}
              error={errorFor(form.errors, 'reference')}
            />
            <TextField
              field={`step-text-${r.lossReportId}`}
              label={step === 'note' ? 'Note' : 'Note (optional)'}
              value={text}
              onChange={setText}
              error={errorFor(form.errors, 'text')}
              className="field-grow"
            />
            <button type="submit" className="button" disabled={form.busy}>
              Record
            </button>
          </div>
          <FormMessage state={form} />
        </LedgerFormFrame>
      )}
    </li>
  );
}
