/**
 * Stock of one registered location: the ledger rules' findings, each lot's on-hand (received − drawn −
 * destroyed ± corrections, in mg with mL) with a bar of what is left, and every container with its status,
 * what remains in it and its expiry. Expired stock is marked in red; stock expiring within the clinic's
 * expiry-warning days is marked when the clinic has set them (the clinical reference gives no number).
 * Staff who write to the ledger quarantine and release containers here.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import type { ContainerState, LotState, StockView } from '@ketapath/api-client';
import { WASTE_METHODS, type ContainerStatus, type WasteMethod } from '@ketapath/core';
import { formatDate } from '../data/dates';
import { useResource } from '../data/use-resource';
import { SelectField, TextField } from '../forms/field';
import { useCan } from '../session/session-context';
import { useDocumentTitle } from '../shell/use-document-title';
import { ledgerApi } from './ledger-api';
import { LedgerFindings } from './ledger-findings';
import {
  errorFor,
  FormMessage,
  LedgerFormFrame,
  useLedgerForm,
  WitnessFields,
  witnessErrors,
} from './ledger-form';
import { useLedgerOutlet } from './ledger-layout';
import {
  concentration,
  daysBetween,
  FillBar,
  isOnShelf,
  isSealed,
  mg,
  ml,
  STATUS_LABELS,
  StatusChip,
  WASTE_METHOD_LABELS,
} from './ledger-labels';
import { numberSetting, useLedgerSettings } from './use-ledger-data';

export const EXPIRY_WARNING_SETTING = 'ledger.expiry-warning-days';

type Expiry = { kind: 'expired' | 'soon' | 'ok'; text: string };

/** How a container's expiry reads today, given the clinic's warning days (null: not set). */
export function expiryOf(
  c: Pick<ContainerState, 'expiresOn' | 'status'>,
  today: string,
  warningDays: number | null,
): Expiry {
  const daysLeft = daysBetween(today, c.expiresOn);
  if (c.status === 'expired' || daysLeft < 0)
    return { kind: 'expired', text: `Expired ${formatDate(c.expiresOn)}` };
  if (warningDays !== null && daysLeft <= warningDays) {
    return {
      kind: 'soon',
      text: daysLeft === 0 ? 'Expires today' : `Expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`,
    };
  }
  return { kind: 'ok', text: formatDate(c.expiresOn) };
}

function ExpiryText({ expiry }: { expiry: Expiry }) {
  if (expiry.kind === 'ok') return <span>{expiry.text}</span>;
  return (
    <span className={expiry.kind === 'expired' ? 'expiry-expired' : 'expiry-soon'}>
      <span aria-hidden="true">{expiry.kind === 'expired' ? '✖ ' : '⚠ '}</span>
      {expiry.text}
    </span>
  );
}

const FILTERS = ['shelf', 'all', ...(Object.keys(STATUS_LABELS) as ContainerStatus[])] as const;
type Filter = (typeof FILTERS)[number];
const FILTER_LABELS: Readonly<Record<Filter, string>> = {
  shelf: 'On the shelf',
  all: 'All containers',
  ...STATUS_LABELS,
};

export function StockPage() {
  useDocumentTitle('Ledger stock');
  const { location } = useLedgerOutlet();
  const stock = useResource(`stock:${location.id}`, (signal) => ledgerApi.getStock(location.id, { signal }));
  const settings = useLedgerSettings();
  const warningDays = numberSetting(settings, EXPIRY_WARNING_SETTING);

  if (stock.error && !stock.data) {
    return (
      <p className="banner banner-error" role="alert">
        Could not load the stock: {stock.error.detail}
      </p>
    );
  }
  if (!stock.data) {
    return (
      <p className="list-status" role="status">
        Loading the stock…
      </p>
    );
  }
  return (
    <StockView
      stock={stock.data}
      warningDays={warningDays}
      settingsLoaded={settings.isLoaded}
      reload={stock.reload}
    />
  );
}

function StockView({
  stock,
  warningDays,
  settingsLoaded,
  reload,
}: {
  stock: StockView;
  warningDays: number | null;
  settingsLoaded: boolean;
  reload: () => void;
}) {
  const onShelf = stock.containers.filter(isOnShelf);
  const onHandUg = stock.lots.reduce((sum, l) => sum + l.onHandUg, 0);
  const count = (s: ContainerStatus) => stock.containers.filter((c) => c.status === s).length;
  const soon = onShelf.filter((c) => expiryOf(c, stock.today, warningDays).kind === 'soon').length;

  return (
    <div className="tab-panel">
      <dl className="ledger-figures" aria-label="Stock summary">
        <div>
          <dt>On hand</dt>
          <dd data-testid="on-hand-mg">{mg(onHandUg)}</dd>
        </div>
        <div>
          <dt>Containers on the shelf</dt>
          <dd>{onShelf.length}</dd>
        </div>
        <div>
          <dt>Expired</dt>
          <dd className={count('expired') > 0 ? 'text-danger' : undefined}>{count('expired')}</dd>
        </div>
        <div>
          <dt>Expiring soon</dt>
          <dd>
            {warningDays === null ? '—' : soon}
            <span className="figure-note">
              {warningDays === null ? 'warning days not set' : `within ${warningDays} days (clinic setting)`}
            </span>
          </dd>
        </div>
        <div>
          <dt>Quarantined</dt>
          <dd>{count('quarantined')}</dd>
        </div>
        <div>
          <dt>As of</dt>
          <dd>{formatDate(stock.today)}</dd>
        </div>
      </dl>

      {settingsLoaded && warningDays === null && (
        <p className="notice" role="note">
          The clinic has not set how many days before expiry to warn (
          <Link to={`/settings/clinical#setting-${EXPIRY_WARNING_SETTING}`} className="mono">
            {EXPIRY_WARNING_SETTING}
          </Link>
          ); the clinical reference gives no number. Only stock already expired is marked.
        </p>
      )}

      {stock.findings.length > 0 && (
        <section className="card" aria-labelledby="stock-findings-heading">
          <h2 id="stock-findings-heading">Checks on this stock</h2>
          <LedgerFindings findings={stock.findings} />
        </section>
      )}

      <section className="card" aria-labelledby="lots-heading">
        <h2 id="lots-heading">Lots</h2>
        {stock.lots.length === 0 ? (
          <p className="empty-state">
            No stock received at this location yet. <Link to="/ledger/receive">Receive stock</Link>.
          </p>
        ) : (
          <LotsTable
            lots={stock.lots}
            containers={stock.containers}
            today={stock.today}
            warningDays={warningDays}
          />
        )}
      </section>

      <ContainersSection stock={stock} warningDays={warningDays} reload={reload} />
    </div>
  );
}

function LotsTable({
  lots,
  containers,
  today,
  warningDays,
}: {
  lots: LotState[];
  containers: ContainerState[];
  today: string;
  warningDays: number | null;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table lots-table">
        <caption className="visually-hidden">
          Lots: on hand = received − drawn − destroyed ± corrections
        </caption>
        <thead>
          <tr>
            <th scope="col">Lot</th>
            <th scope="col">Drug</th>
            <th scope="col">Expires</th>
            <th scope="col" className="num">
              Received
            </th>
            <th scope="col" className="num">
              Drawn
            </th>
            <th scope="col" className="num">
              Destroyed
            </th>
            <th scope="col" className="num">
              Corrections
            </th>
            <th scope="col" className="num">
              On hand
            </th>
            <th scope="col">Left</th>
          </tr>
        </thead>
        <tbody>
          {lots.map((lot) => {
            const inLot = containers.filter((c) => c.lot === lot.lot && c.ndc === lot.ndc);
            const sample = inLot[0];
            const ugPerMl = lot.concentrationUgPerMl ?? sample?.concentrationUgPerMl;
            const onHandUl = inLot.filter(isOnShelf).reduce((sum, c) => sum + c.remainingUl, 0);
            const expiry = expiryOf({ expiresOn: lot.expiresOn, status: 'sealed' }, today, warningDays);
            return (
              <tr key={`${lot.ndc}-${lot.lot}`} data-lot={lot.lot}>
                <th scope="row" className="mono">
                  {lot.lot}
                </th>
                <td>
                  {lot.drugName ?? sample?.drugName ?? '—'}
                  {ugPerMl !== undefined && <span className="muted"> {concentration(ugPerMl)}</span>}
                  <div className="small muted mono">NDC {lot.ndc}</div>
                </td>
                <td className="nowrap">
                  <ExpiryText expiry={expiry} />
                </td>
                <td className="num">{mg(lot.receivedUg)}</td>
                <td className="num">{mg(lot.drawnUg)}</td>
                <td className="num">{mg(lot.destroyedUg)}</td>
                <td className="num">{lot.correctionsUg === 0 ? '0 mg' : mg(lot.correctionsUg)}</td>
                <td className="num">
                  <strong>{mg(lot.onHandUg)}</strong>
                  <div className="small muted">{ml(onHandUl)}</div>
                </td>
                <td className="bar-cell">
                  <FillBar
                    value={lot.onHandUg}
                    max={lot.receivedUg}
                    label={`${mg(lot.onHandUg)} of ${mg(lot.receivedUg)} received`}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ContainersSection({
  stock,
  warningDays,
  reload,
}: {
  stock: StockView;
  warningDays: number | null;
  reload: () => void;
}) {
  const [filter, setFilter] = useState<Filter>('shelf');
  // Said here, not in the row: a container wasted to empty leaves the "on the shelf" list.
  const [done, setDone] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const canWrite = useCan('ledger:write');
  const words = q.trim().toLowerCase();
  const shown = stock.containers
    .filter((c) => (filter === 'shelf' ? isOnShelf(c) : filter === 'all' ? true : c.status === filter))
    .filter((c) => !words || `${c.label} ${c.lot} ${c.ndc}`.toLowerCase().includes(words));

  return (
    <section className="card" aria-labelledby="containers-heading">
      <div className="card-head">
        <h2 id="containers-heading">Containers</h2>
        <span className="muted small">
          {shown.length} of {stock.containers.length}
        </span>
      </div>
      <p className="form-status" role="status" aria-live="polite">
        {done && (
          <span className="text-ok">
            <span aria-hidden="true">✓ </span>
            {done}
          </span>
        )}
      </p>
      <div className="filters">
        <div className="field">
          <label htmlFor="stock-filter">Show</label>
          <select
            id="stock-filter"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value as Filter);
            }}
          >
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {FILTER_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stock-find">Find</label>
          <input
            id="stock-find"
            type="search"
            value={q}
            placeholder="label, lot or NDC"
            onChange={(e) => {
              setQ(e.target.value);
            }}
          />
        </div>
      </div>
      {shown.length === 0 ? (
        <p className="empty-state">No container matches.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table containers-table">
            <caption className="visually-hidden">Containers</caption>
            <thead>
              <tr>
                <th scope="col">Container</th>
                <th scope="col">Lot</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Remaining
                </th>
                <th scope="col">Left</th>
                <th scope="col">Expires</th>
                {canWrite && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <ContainerRow
                  key={c.containerId}
                  container={c}
                  expiry={expiryOf(c, stock.today, warningDays)}
                  canWrite={canWrite}
                  onDone={(text) => {
                    setDone(text);
                    reload();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type RowAction = 'quarantine' | 'waste';

/** Moves focus into a row form as it opens, so the keyboard goes on where the button was pressed. */
function focusFirstControl(row: HTMLTableRowElement | null): void {
  row?.querySelector<HTMLElement>('input, select, textarea')?.focus();
}

function ContainerRow({
  container: c,
  expiry,
  canWrite,
  onDone,
}: {
  container: ContainerState;
  expiry: Expiry;
  canWrite: boolean;
  onDone: (text: string) => void;
}) {
  const [action, setAction] = useState<RowAction | null>(null);
  const releasing = c.status === 'quarantined';
  const canQuarantine = canWrite && c.status !== 'destroyed' && c.status !== 'empty';
  // An opened single-use vial's remainder is wasted (with a witness) rather than left on the shelf.
  const canWaste =
    canWrite && (c.status === 'opened' || c.status === 'expired') && c.remainingUg > 0 && !isSealed(c);
  const toggle = (next: RowAction) => {
    setAction((current) => (current === next ? null : next));
  };
  const finished = (text: string) => {
    setAction(null);
    onDone(text);
  };

  return (
    <>
      <tr data-container={c.label} className={`container-row container-${c.status}`}>
        <th scope="row" className="mono">
          {c.label}
        </th>
        <td className="mono">{c.lot}</td>
        <td>
          <StatusChip status={c.status} />
        </td>
        <td className="num nowrap">
          {mg(c.remainingUg)} <span className="muted small">/ {ml(c.remainingUl)}</span>
        </td>
        <td className="bar-cell">
          <FillBar
            value={c.remainingUl}
            max={c.volumeUl}
            label={`${ml(c.remainingUl)} of ${ml(c.volumeUl)}`}
          />
        </td>
        <td className="nowrap">
          <ExpiryText expiry={expiry} />
        </td>
        {canWrite && (
          <td>
            <div className="button-row row-actions">
              {canQuarantine && (
                <button
                  type="button"
                  className="button button-small"
                  aria-expanded={action === 'quarantine'}
                  onClick={() => {
                    toggle('quarantine');
                  }}
                >
                  {releasing ? 'Release…' : 'Quarantine…'}
                </button>
              )}
              {canWaste && (
                <button
                  type="button"
                  className="button button-small"
                  aria-expanded={action === 'waste'}
                  onClick={() => {
                    toggle('waste');
                  }}
                >
                  Waste remainder…
                </button>
              )}
            </div>
          </td>
        )}
      </tr>
      {action !== null && (
        <tr className="container-action-row" ref={focusFirstControl}>
          <td colSpan={7}>
            {action === 'quarantine' ? (
              <QuarantineForm
                container={c}
                onDone={finished}
                onCancel={() => {
                  setAction(null);
                }}
              />
            ) : (
              <ContainerWasteForm
                container={c}
                onDone={finished}
                onCancel={() => {
                  setAction(null);
                }}
              />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function QuarantineForm({
  container: c,
  onDone,
  onCancel,
}: {
  container: ContainerState;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const form = useLedgerForm();
  const releasing = c.status === 'quarantined';
  const what = releasing ? 'Release' : 'Quarantine';

  function submit() {
    if (!reason.trim()) {
      form.setErrors({ reason: 'say why' });
      return;
    }
    const body = (clientEntryId: string) => ({ clientEntryId, reason: reason.trim() });
    void form.run(
      (clientEntryId) =>
        releasing
          ? ledgerApi.release(c.containerId, body(clientEntryId))
          : ledgerApi.quarantine(c.containerId, body(clientEntryId)),
      {
        onSaved: () => {
          onDone(releasing ? `${c.label} released.` : `${c.label} quarantined: it cannot be drawn.`);
        },
      },
    );
  }

  return (
    <LedgerFormFrame label={`${what} ${c.label}`} onSubmit={submit}>
      <div className="inline-fields">
        <TextField
          field={`reason-${c.containerId}`}
          label={`Reason to ${what.toLowerCase()} ${c.label}`}
          value={reason}
          onChange={setReason}
          error={errorFor(form.errors, 'reason')}
          className="field-grow"
        />
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {what}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <FormMessage state={form} />
    </LedgerFormFrame>
  );
}

/** The remainder of an opened vial wasted, at the vial's concentration, with a witness signing in here. */
function ContainerWasteForm({
  container: c,
  onDone,
  onCancel,
}: {
  container: ContainerState;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const form = useLedgerForm();
  const [method, setMethod] = useState<WasteMethod>('drug-disposal-container');
  const [note, setNote] = useState('');
  const [witness, setWitness] = useState({ email: '', password: '' });

  function submit() {
    const errors: Record<string, string> = {};
    if (method === 'other' && !note.trim()) errors.note = 'say how it was wasted';
    const hasWitness = witness.email.trim() !== '' || witness.password !== '';
    if (hasWitness) Object.assign(errors, witnessErrors(witness, 'witness'));
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    void form.run(
      (clientEntryId) =>
        ledgerApi.wasteContainer(c.containerId, {
          clientEntryId,
          wastedMg: c.remainingUg / 1000,
          wastedMl: c.remainingUl / 1000,
          method,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(hasWitness ? { witness: { email: witness.email.trim(), password: witness.password } } : {}),
        }),
      {
        onSaved: () => {
          onDone(`${mg(c.remainingUg)} (${ml(c.remainingUl)}) of ${c.label} wasted.`);
        },
      },
    );
  }

  return (
    <LedgerFormFrame label={`Waste the remainder of ${c.label}`} onSubmit={submit}>
      <p>
        Waste what is left in <span className="mono">{c.label}</span>:{' '}
        <strong>
          {mg(c.remainingUg)} in {ml(c.remainingUl)}
        </strong>{' '}
        ({concentration(c.concentrationUgPerMl)}).
      </p>
      <div className="inline-fields">
        <SelectField
          field={`method-${c.containerId}`}
          label="Method"
          value={method}
          onChange={(v) => {
            setMethod(WASTE_METHODS.find((m) => m === v) ?? 'other');
          }}
          options={WASTE_METHODS.map((m) => ({ value: m, label: WASTE_METHOD_LABELS[m] }))}
          error={errorFor(form.errors, 'method')}
        />
        <TextField
          field={`note-${c.containerId}`}
          label={method === 'other' ? 'How it was wasted' : 'Note (optional)'}
          value={note}
          onChange={setNote}
          error={errorFor(form.errors, 'note')}
          className="field-grow"
        />
      </div>
      <WitnessFields
        prefix={`witness-${c.containerId}`}
        title="Witness"
        value={witness}
        onChange={setWitness}
        hint="A second staff member watches the waste and signs in here with their own password."
        errors={{
          email: errorFor(form.errors, 'witness.email'),
          password: errorFor(form.errors, 'witness.password', 'witness'),
        }}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? 'Checking the witness…' : 'Record the waste'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <FormMessage state={form} />
    </LedgerFormFrame>
  );
}
