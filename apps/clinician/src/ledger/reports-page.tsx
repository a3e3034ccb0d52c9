/**
 * Reports for an inspector (REFERENCE §9): receipts, the administration log (per patient and per date
 * range), waste and destruction, discrepancies and inventories, per location and date range, as CSV to
 * download or PDF to open. Below, the chain check: every entry's hash recomputed and compared with the
 * stored chain head, with exactly where it breaks if it does; and the raw entries of the range, each of which
 * those who manage the ledger can correct (a new entry naming it, with the reason; entries never change).
 */
import { Fragment, useState } from 'react';
import {
  LEDGER_REPORTS,
  type ChainVerification,
  type LedgerEntryView,
  type LedgerReport,
} from '@ketapath/api-client';
import type { PatientSummary } from '@ketapath/core';
import { api } from '../data/api';
import { formatDateTimeShort, todayIso } from '../data/dates';
import { useDebouncedValue } from '../data/use-debounced-value';
import { useResource } from '../data/use-resource';
import { TextField } from '../forms/field';
import { useCan } from '../session/session-context';
import { useDocumentTitle } from '../shell/use-document-title';
import { CorrectionForm } from './correction-form';
import { ledgerApi } from './ledger-api';
import { useLedgerOutlet } from './ledger-layout';
import { KIND_LABELS, signedMg } from './ledger-labels';
import { useStaffNames } from './use-ledger-data';

export const REPORT_INFO: Readonly<Record<LedgerReport, { title: string; text: string }>> = {
  receipts: {
    title: 'Receipts log',
    text: 'Date received, drug, NDC, lot, quantity, supplier with address and DEA number, invoice (§9 Receipt).',
  },
  administrations: {
    title: 'Administration log',
    text: 'Per session: date, patient, drawn, administered and wasted, who drew and who witnessed (§9 Administration records).',
  },
  'waste-destruction': {
    title: 'Waste and destruction log',
    text: 'Witnessed waste of remainders and destructions with NDC, strength, form, quantity, method, place and witnesses (§9, DEA Form 41).',
  },
  discrepancies: {
    title: 'Discrepancy report',
    text: 'Every discrepancy with its size, investigation notes, resolution and any loss report (§9 Theft or significant loss).',
  },
  inventory: {
    title: 'Inventory',
    text: 'One inventory: date, opening or close of business, drug, form, strength, containers and volume (§9 Inventory contents).',
  },
};

function firstOfMonth(today: string): string {
  return `${today.slice(0, 8)}01`;
}

export function ReportsPage() {
  useDocumentTitle('Ledger reports');
  const { location } = useLedgerOutlet();
  const [today] = useState(todayIso);
  const [report, setReport] = useState<LedgerReport>('administrations');
  const [from, setFrom] = useState(() => firstOfMonth(today));
  const [to, setTo] = useState(today);
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [inventoryId, setInventoryId] = useState('');
  const inventories = useResource(report === 'inventory' ? `inventories:${location.id}` : null, (signal) =>
    ledgerApi.listInventories(location.id, { signal }),
  );
  const rangeProblem = from && to && from > to ? 'The start is after the end.' : null;
  const needsInventory = report === 'inventory' && !inventoryId;
  const query = {
    locationId: location.id,
    ...(report === 'inventory' ? { inventoryId } : { from, to }),
    ...(report === 'administrations' && patient ? { patientId: patient.id } : {}),
  };
  const blocked = rangeProblem !== null || needsInventory;

  return (
    <div className="tab-panel reports-page">
      <section className="card" aria-labelledby="reports-heading">
        <h2 id="reports-heading">Reports</h2>
        <fieldset className="form-group report-choice">
          <legend>Report</legend>
          {LEDGER_REPORTS.map((r) => (
            <label key={r} className="report-option">
              <input
                type="radio"
                name="report"
                value={r}
                checked={report === r}
                onChange={() => {
                  setReport(r);
                }}
              />{' '}
              <span>
                <strong>{REPORT_INFO[r].title}</strong>
                <span className="small muted"> — {REPORT_INFO[r].text}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="inline-fields">
          {report === 'inventory' ? (
            <div className="field">
              <label htmlFor="field-report-inventory">Inventory</label>
              <select
                id="field-report-inventory"
                value={inventoryId}
                onChange={(e) => {
                  setInventoryId(e.target.value);
                }}
              >
                <option value="">
                  {inventories.data?.length === 0 ? 'No inventory recorded' : 'Choose…'}
                </option>
                {(inventories.data ?? []).map((i) => (
                  <option key={i.inventoryId} value={i.inventoryId}>
                    {i.takenOn} · {i.type} · {i.takenAt === 'opening' ? 'opening' : 'close'} of business
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <>
              <TextField
                field="report.from"
                label="From"
                type="date"
                value={from}
                onChange={setFrom}
                error={rangeProblem ?? undefined}
              />
              <TextField field="report.to" label="To" type="date" value={to} onChange={setTo} />
            </>
          )}
          {report === 'administrations' && <PatientPicker patient={patient} onChange={setPatient} />}
        </div>
        <p className="report-actions">
          <a
            className={`button button-primary${blocked ? ' is-disabled' : ''}`}
            aria-disabled={blocked}
            href={blocked ? undefined : ledgerApi.reportUrl(report, 'csv', query)}
            download
          >
            Download CSV
          </a>{' '}
          <a
            className={`button${blocked ? ' is-disabled' : ''}`}
            aria-disabled={blocked}
            href={blocked ? undefined : ledgerApi.reportUrl(report, 'pdf', query)}
            target="_blank"
            rel="noreferrer"
          >
            Open PDF
          </a>
        </p>
        <p className="small muted">
          {REPORT_INFO[report].title}, {location.name}
          {report === 'inventory' ? '' : `, ${from} to ${to}`}
          {report === 'administrations' && patient ? `, ${patient.familyName}, ${patient.givenNames}` : ''}.
          Records are kept at least 2 years and cannot be purged earlier (REFERENCE §9 Retention, 21 CFR
          1304.04(a)).
        </p>
      </section>
      <ChainCheck locationId={location.id} />
      <EntriesSection locationId={location.id} from={from} to={to} />
    </div>
  );
}

function PatientPicker({
  patient,
  onChange,
}: {
  patient: PatientSummary | null;
  onChange: (p: PatientSummary | null) => void;
}) {
  const [q, setQ] = useState('');
  const settled = useDebouncedValue(q.trim(), 250);
  const results = useResource(settled.length >= 2 && !patient ? `patients:${settled}` : null, (signal) =>
    api.searchPatients({ q: settled, limit: 8 }, { signal }),
  );
  if (patient) {
    return (
      <div className="field">
        <span className="field-static-label">Patient</span>
        <p className="field-static">
          {patient.familyName}, {patient.givenNames} <span className="mono small">MRN {patient.mrn}</span>{' '}
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => {
              onChange(null);
            }}
          >
            All patients
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="field patient-picker">
      <label htmlFor="field-report-patient">Patient (optional)</label>
      <input
        id="field-report-patient"
        type="search"
        value={q}
        placeholder="name or MRN"
        onChange={(e) => {
          setQ(e.target.value);
        }}
      />
      {results.data && results.data.items.length > 0 && (
        <ul className="picker-results">
          {results.data.items.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => {
                  onChange(p);
                  setQ('');
                }}
              >
                {p.familyName}, {p.givenNames} <span className="mono small">MRN {p.mrn}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const PROBLEM_TEXT: Readonly<Record<string, string>> = {
  'hash-mismatch': 'its content does not match its hash (the row was changed)',
  'prev-hash-mismatch': 'it does not point to the entry before it (a row was removed or reordered)',
  'seq-gap': 'a sequence number is missing (a row was deleted)',
  'seq-duplicate': 'a sequence number appears twice',
  'head-mismatch': 'the chain ends before the recorded head (the last rows were deleted)',
};

function ChainCheck({ locationId }: { locationId: string }) {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; result: ChainVerification; at: string }
    | { kind: 'error'; text: string }
  >({ kind: 'idle' });

  async function verify() {
    setState({ kind: 'busy' });
    try {
      const result = await ledgerApi.verify(locationId);
      setState({ kind: 'done', result, at: new Date().toISOString() });
    } catch (error) {
      setState({ kind: 'error', text: error instanceof Error ? error.message : 'The check failed.' });
    }
  }

  return (
    <section className="card" aria-labelledby="chain-heading">
      <div className="card-head">
        <h2 id="chain-heading">Tamper check</h2>
        <button
          type="button"
          className="button"
          disabled={state.kind === 'busy'}
          onClick={() => void verify()}
        >
          {state.kind === 'busy' ? 'Checking every entry…' : 'Verify the chain'}
        </button>
      </div>
      <p className="small muted">
        Each entry carries the hash of its content and of the entry before it; the check recomputes them all.
      </p>
      <div aria-live="polite" data-testid="chain-result">
        {state.kind === 'error' && (
          <p className="banner banner-error" role="alert">
            {state.text}
          </p>
        )}
        {state.kind === 'done' && <VerificationView result={state.result} at={state.at} />}
      </div>
    </section>
  );
}

function VerificationView({ result, at }: { result: ChainVerification; at: string }) {
  if (result.ok) {
    return (
      <p className="banner banner-ok">
        <span className="banner-title">
          <span aria-hidden="true">✓ </span>Chain intact: {result.entries} entries
        </span>
        {result.headHash && (
          <>
            {' '}
            · head <span className="mono small">{result.headHash.slice(0, 16)}…</span>
          </>
        )}{' '}
        · the container table matches the ledger · checked {formatDateTimeShort(at)}
      </p>
    );
  }
  const projection = result.projectionProblems ?? [];
  const anomalies = result.anomalies ?? [];
  return (
    <div className="banner banner-error" role="alert">
      <p className="banner-title">
        <span aria-hidden="true">✖ </span>
        {result.breaks.length > 0 ? 'The chain is broken' : 'The ledger does not check out'}
      </p>
      <ul>
        {result.breaks.map((b, i) => (
          <li key={`b-${b.seq}-${i}`}>
            Entry <strong>#{b.seq}</strong>
            {b.kind ? ` (${b.kind})` : ''}
            {b.entryId ? <span className="mono small"> {b.entryId}</span> : null}:{' '}
            {PROBLEM_TEXT[b.problem] ?? b.problem}
            {b.expected !== null && (
              <span className="small">
                {' '}
                — expected <span className="mono">{String(b.expected).slice(0, 16)}</span>, found{' '}
                <span className="mono">{String(b.found).slice(0, 16)}</span>
              </span>
            )}
          </li>
        ))}
        {projection.map((p, i) => (
          <li key={`p-${p.containerId}-${i}`}>
            Container <span className="mono">{p.label ?? p.containerId}</span>: the container table says{' '}
            {p.field ? `${p.field} = ` : ''}
            <span className="mono">{p.found}</span>, the ledger gives{' '}
            <span className="mono">{p.expected}</span> ({p.problem})
          </li>
        ))}
        {anomalies.map((a, i) => (
          <li key={`a-${a.seq}-${i}`}>
            Entry <strong>#{a.seq}</strong>: {a.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function EntriesSection({ locationId, from, to }: { locationId: string; from: string; to: string }) {
  const [shown, setShown] = useState(false);
  // Said here, not in the form: the form closes once the correction is recorded.
  const [done, setDone] = useState<string | null>(null);
  const canManage = useCan('ledger:manage');
  const entries = useResource(shown ? `entries:${locationId}:${from}:${to}` : null, (signal) =>
    ledgerApi.listEntries({ locationId, from, to }, { signal }),
  );
  return (
    <section className="card" aria-labelledby="entries-heading">
      <div className="card-head">
        <h2 id="entries-heading">Entries</h2>
        <button
          type="button"
          className="button button-quiet"
          aria-expanded={shown}
          onClick={() => {
            setShown((s) => !s);
          }}
        >
          {shown ? 'Hide' : `Show the entries from ${from} to ${to}`}
        </button>
      </div>
      {canManage && shown && (
        <p className="small muted">
          An entry is never changed: “Correct…” records a new entry naming it, with what was wrong and why.
        </p>
      )}
      <p className="form-status" role="status" aria-live="polite">
        {done && (
          <span className="text-ok">
            <span aria-hidden="true">✓ </span>
            {done}
          </span>
        )}
      </p>
      {shown &&
        (entries.error ? (
          <p className="banner banner-error" role="alert">
            {entries.error.detail}
          </p>
        ) : !entries.data ? (
          <p role="status">Loading…</p>
        ) : entries.data.length === 0 ? (
          <p className="empty-state">No entry in this range.</p>
        ) : (
          <EntriesTable
            entries={entries.data}
            correction={
              canManage
                ? {
                    locationId,
                    onDone: (text) => {
                      setDone(text);
                      entries.reload();
                    },
                  }
                : undefined
            }
          />
        ))}
    </section>
  );
}

/** What a correction entry changed: "invoice reference: INV-88120 → INV-88121". */
function CorrectionChange({ payload }: { payload: LedgerEntryView['payload'] }) {
  const show = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value) || '(empty)'
      : '(empty)';
  if (typeof payload.field !== 'string') return null;
  return (
    <div className="small correction-change">
      {payload.field}: <span className="mono">{show(payload.from)}</span> →{' '}
      <span className="mono">{show(payload.to)}</span>
    </div>
  );
}

/** The button that opened a correction form, to give the keyboard back to when it closes. */
const correctButtonId = (entryId: string): string => `entry-correct-${entryId}`;

export function EntriesTable({
  entries,
  correction,
}: {
  entries: readonly LedgerEntryView[];
  /** Given to those who manage the ledger: each row can be corrected. */
  correction?: { locationId: string; onDone: (text: string) => void } | undefined;
}) {
  const nameOf = useStaffNames();
  const [open, setOpen] = useState<string | null>(null);
  const columns = correction ? 8 : 7;

  function close(entryId: string) {
    setOpen(null);
    requestAnimationFrame(() => {
      document.getElementById(correctButtonId(entryId))?.focus();
    });
  }

  return (
    <div className="table-scroll">
      <table className="data-table entries-table">
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">Lot</th>
            <th scope="col" className="num">
              Stock
            </th>
            <th scope="col">By</th>
            <th scope="col">Hash</th>
            {correction && (
              <th scope="col">
                <span className="visually-hidden">Correct</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <Fragment key={e.id}>
              <tr
                data-seq={e.seq}
                data-kind={e.kind}
                data-lot={e.lot ?? undefined}
                aria-current={open === e.id ? 'true' : undefined}
              >
                <td className="num">{e.seq}</td>
                <td className="nowrap">{formatDateTimeShort(e.occurredAt)}</td>
                <td>
                  {KIND_LABELS[e.kind]}
                  {e.correctsSeq !== null && <span className="small"> (corrects #{e.correctsSeq})</span>}
                  {e.reason && <span className="small muted"> — {e.reason}</span>}
                  {e.kind === 'correction' && <CorrectionChange payload={e.payload} />}
                </td>
                <td className="mono">{e.lot ?? '—'}</td>
                <td className="num">{e.deltaUg === 0 ? '—' : signedMg(e.deltaUg)}</td>
                <td className="small">
                  {nameOf(e.recordedBy)}
                  {(e.witnessIds ?? []).length > 0 && (
                    <span className="muted"> · witness {(e.witnessIds ?? []).map(nameOf).join(', ')}</span>
                  )}
                </td>
                <td className="mono small">{e.hash ? `${e.hash.slice(0, 10)}…` : ''}</td>
                {correction && (
                  <td className="nowrap">
                    <button
                      type="button"
                      id={correctButtonId(e.id)}
                      className="button button-small"
                      aria-expanded={open === e.id}
                      onClick={() => {
                        setOpen((current) => (current === e.id ? null : e.id));
                      }}
                    >
                      Correct…<span className="visually-hidden"> entry #{e.seq}</span>
                    </button>
                  </td>
                )}
              </tr>
              {correction && open === e.id && (
                <tr className="entry-correction-row">
                  <td colSpan={columns}>
                    <CorrectionForm
                      entry={e}
                      locationId={correction.locationId}
                      onDone={(text) => {
                        close(e.id);
                        correction.onDone(text);
                      }}
                      onCancel={() => {
                        close(e.id);
                      }}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
