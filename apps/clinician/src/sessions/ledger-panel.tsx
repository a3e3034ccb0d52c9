/**
 * The session's controlled-substance books on its chart: what was drawn from which vial, what the rate
 * history says was administered, what was wasted and with which witness, and what is still open. Preparing
 * the bag draws from a chosen vial (mg, and mL computed from its concentration); after the stop, the
 * remainder is wasted with a second staff member signing in on this screen. The nurse's signature is
 * refused until drawn = administered + wasted, to the microgram.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import {
  formatUgAsMg,
  formatUlAsMl,
  parseThousandths,
  ugForUl,
  ulForUg,
  type ChartDto,
  type ContainerState,
  type LedgerEntryView,
  type SessionBalance,
} from '@ketapath/api-client';
import { WASTE_METHODS, type WasteMethod } from '@ketapath/core';
import { formatDateTimeShort } from '../data/dates';
import { useResource } from '../data/use-resource';
import { FieldFrame, SelectField, TextField } from '../forms/field';
import { ledgerApi } from '../ledger/ledger-api';
import {
  errorFor,
  FormMessage,
  LedgerFormFrame,
  useLedgerForm,
  WitnessFields,
  witnessErrors,
} from '../ledger/ledger-form';
import {
  concentration,
  KIND_LABELS,
  mg,
  ml,
  STATUS_LABELS,
  WASTE_METHOD_LABELS,
  whyNotDrawable,
} from '../ledger/ledger-labels';
import { useLedgerLocations, useLedgerSettings, useStaffNames } from '../ledger/use-ledger-data';
import { useCan } from '../session/session-context';

export const WASTE_WITNESS_SETTING = 'ledger.waste-witness-required';
const DRAW_STATES = new Set(['scheduled', 'running', 'paused']);
const WASTE_STATES = new Set(['stopped', 'discharged']);

export function LedgerPanel({ dto }: { dto: ChartDto }) {
  const canRead = useCan('ledger:read');
  if (!canRead) return null;
  return <SessionLedgerPanel dto={dto} />;
}

function SessionLedgerPanel({ dto }: { dto: ChartDto }) {
  const sessionId = dto.session.id;
  const canWrite = useCan('ledger:write');
  const [generation, setGeneration] = useState(0);
  // Reloaded with every chart change (the stop fixes the administered dose) and after each ledger write.
  const books = useResource(`session-ledger:${sessionId}:${dto.chart.lastSeq}:${generation}`, (signal) =>
    ledgerApi.getSessionLedger(sessionId, { signal }),
  );
  const reload = () => {
    setGeneration((g) => g + 1);
  };
  const { state } = dto.session;
  const balance = books.data?.balance;
  const locked = state === 'locked' || state === 'cancelled' || dto.chart.locked;

  return (
    <section className="card chart-section ledger-panel" aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">Controlled substance: draw and waste</h2>
      {books.error && !books.data ? (
        <p className="banner banner-error" role="alert">
          Could not load this session’s ledger: {books.error.detail}
        </p>
      ) : !balance ? (
        <p role="status" className="muted">
          Loading the ledger…
        </p>
      ) : (
        <>
          <BalanceFigures
            balance={balance}
            administeredSoFarUg={dto.chart.administered.micrograms}
            state={state}
          />
          <BalanceNotice balance={balance} state={state} />
          <LedgerEntries entries={books.data?.entries ?? []} />
          {canWrite && !locked && DRAW_STATES.has(state) && <DrawForm dto={dto} onDrawn={reload} />}
          {canWrite && !locked && WASTE_STATES.has(state) && balance.openUg > 0 && (
            <WasteForm dto={dto} balance={balance} onWasted={reload} />
          )}
        </>
      )}
    </section>
  );
}

function BalanceFigures({
  balance: b,
  administeredSoFarUg,
  state,
}: {
  balance: SessionBalance;
  administeredSoFarUg: number;
  state: string;
}) {
  const fixed = b.administeredUg !== null;
  const administeredUg = b.administeredUg ?? administeredSoFarUg;
  const openUg = fixed ? b.openUg : b.drawnUg - administeredUg - b.wastedUg;
  return (
    <dl className="ledger-figures ledger-balance" aria-label="Balance">
      <div>
        <dt>Drawn</dt>
        <dd data-testid="ledger-drawn">{mg(b.drawnUg)}</dd>
      </div>
      <div>
        <dt>Administered</dt>
        <dd data-testid="ledger-administered">
          {mg(administeredUg)}
          {!fixed && (
            <span className="figure-note">
              {state === 'scheduled' ? 'not started' : 'so far, from the rate history'}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>Wasted</dt>
        <dd data-testid="ledger-wasted">{mg(b.wastedUg)}</dd>
      </div>
      <div
        className={
          b.balanced ? 'figure-ok' : WASTE_STATES.has(state) && openUg !== 0 ? 'figure-open' : undefined
        }
      >
        <dt>Open</dt>
        <dd data-testid="ledger-open">
          {b.balanced ? (
            <>
              <span aria-hidden="true">✓ </span>0 mg
            </>
          ) : (
            mg(openUg)
          )}
          {!b.balanced && !WASTE_STATES.has(state) && openUg > 0 && (
            <span className="figure-note">in the bag; the remainder is wasted after the stop</span>
          )}
        </dd>
      </div>
    </dl>
  );
}

function BalanceNotice({ balance: b, state }: { balance: SessionBalance; state: string }) {
  if (b.balanced && (WASTE_STATES.has(state) || state === 'nurse-signed' || state === 'locked')) {
    return (
      <p className="banner banner-ok" data-testid="ledger-balanced">
        <span aria-hidden="true">✓ </span>Balanced: drawn {mg(b.drawnUg)} = administered{' '}
        {mg(b.administeredUg ?? 0)} + wasted {mg(b.wastedUg)}, to the microgram.
      </p>
    );
  }
  if (!WASTE_STATES.has(state)) {
    return b.drawnUg === 0 && state !== 'nurse-signed' && state !== 'locked' ? (
      <p className="small muted">Draw the ketamine for the bag from a vial below when you prepare it.</p>
    ) : null;
  }
  return (
    <div className="banner banner-error" role="alert" data-testid="ledger-unbalanced">
      <p className="banner-title">
        <span aria-hidden="true">⚠ </span>The nurse’s signature is refused until the books balance
      </p>
      <p>
        Drawn {mg(b.drawnUg)} ≠ administered {b.administeredUg === null ? '—' : mg(b.administeredUg)} + wasted{' '}
        {mg(b.wastedUg)}: <strong>{mg(b.openUg)} open</strong>.{' '}
        {b.openUg > 0
          ? 'Waste the remainder below, with a witness.'
          : 'More was administered than drawn: record the missing draw or open a discrepancy.'}
      </p>
    </div>
  );
}

function describeEntry(e: LedgerEntryView): string {
  const p = e.payload;
  const amount = (ugKey: string, ulKey: string) =>
    typeof p[ugKey] === 'number'
      ? `${mg(p[ugKey])}${typeof p[ulKey] === 'number' ? ` / ${ml(p[ulKey])}` : ''}`
      : '';
  switch (e.kind) {
    case 'draw':
      return `Drawn from ${typeof p.label === 'string' ? p.label : 'a vial'}: ${amount('drawnUg', 'drawnUl')}`;
    case 'waste':
      return `Wasted ${amount('wastedUg', 'wastedUl')}${typeof p.method === 'string' && p.method in WASTE_METHOD_LABELS ? ` — ${WASTE_METHOD_LABELS[p.method as WasteMethod]}` : ''}${typeof p.note === 'string' ? ` (${p.note})` : ''}`;
    case 'administration':
      return `Administered ${typeof p.administeredUg === 'number' ? mg(p.administeredUg) : ''}, from the rate history`;
    case 'container-waste':
    case 'correction':
    case 'count':
    case 'destruction':
    case 'discrepancy-note':
    case 'discrepancy-opened':
    case 'discrepancy-resolved':
    case 'inventory':
    case 'loss-report-opened':
    case 'loss-report-step':
    case 'quarantine':
    case 'receipt':
    case 'release':
      return KIND_LABELS[e.kind];
  }
}

function LedgerEntries({ entries }: { entries: readonly LedgerEntryView[] }) {
  const nameOf = useStaffNames();
  if (entries.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="data-table ledger-entries-table">
        <caption className="visually-hidden">This session’s ledger entries</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Entry</th>
            <th scope="col">By</th>
            <th scope="col">Witness</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-kind={e.kind}>
              <td className="nowrap">{formatDateTimeShort(e.occurredAt)}</td>
              <td
                title={
                  typeof e.payload.administeredExact === 'string'
                    ? `Exactly ${e.payload.administeredExact}, rounded to the microgram`
                    : undefined
                }
              >
                {describeEntry(e)} <span className="muted small">· entry #{e.seq}</span>
              </td>
              <td className="small">{nameOf(e.recordedBy)}</td>
              <td className="small">
                {(e.witnessIds ?? []).length > 0 ? (e.witnessIds ?? []).map(nameOf).join(', ') : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Vials a draw may come from first (opened ones, then sealed by expiry), then those it may not, with why. */
export function drawChoices(
  containers: readonly ContainerState[],
): Array<{ container: ContainerState; why: string | null }> {
  const rank = (c: ContainerState) => (c.status === 'in-use' ? 0 : c.status === 'opened' ? 1 : 2);
  const shown = containers.filter((c) => c.status !== 'destroyed' && c.status !== 'empty');
  return shown
    .map((container) => ({ container, why: whyNotDrawable(container) }))
    .sort(
      (a, b) =>
        Number(a.why !== null) - Number(b.why !== null) ||
        rank(a.container) - rank(b.container) ||
        a.container.expiresOn.localeCompare(b.container.expiresOn) ||
        a.container.label.localeCompare(b.container.label, undefined, { numeric: true }),
    );
}

/** The mg and mL typed for a draw, checked against the vial to the microgram. */
export function checkDraw(
  container: ContainerState | undefined,
  mgText: string,
  mlText: string,
): { ug: number | null; ul: number | null; problem: string | null; fixUg: number | null } {
  const ug = parseThousandths(mgText);
  const ul = parseThousandths(mlText);
  if (!container || ug === null || ul === null || ug <= 0 || ul <= 0)
    return { ug, ul, problem: null, fixUg: null };
  const atConcentration = ugForUl(ul, container.concentrationUgPerMl);
  if (atConcentration.isExact && atConcentration.ug === ug) return { ug, ul, problem: null, fixUg: null };
  return {
    ug,
    ul,
    problem: `${formatUlAsMl(ul)} mL at ${concentration(container.concentrationUgPerMl)} is ${
      atConcentration.isExact ? '' : 'about '
    }${formatUgAsMg(atConcentration.ug)} mg, not ${formatUgAsMg(ug)} mg: the mg and the mL must agree to the microgram.`,
    fixUg: atConcentration.isExact ? atConcentration.ug : null,
  };
}

function DrawForm({ dto, onDrawn }: { dto: ChartDto; onDrawn: () => void }) {
  const { locations, location, choose } = useLedgerLocations();
  const [generation, setGeneration] = useState(0);
  const stock = useResource(location ? `stock:${location.id}:${generation}` : null, (signal) =>
    ledgerApi.getStock(location?.id ?? '', { signal }),
  );
  const form = useLedgerForm();
  const bagMg = dto.session.order?.bag?.drugMg;
  const [containerId, setContainerId] = useState('');
  const [mgText, setMgText] = useState(bagMg === undefined ? '' : String(bagMg));
  const [mlText, setMlText] = useState<string | null>(null);
  // Only the chosen location's vials: while another location's stock loads, the previous one's is not offered.
  const shelf = stock.data && stock.data.locationId === location?.id ? stock.data.containers : [];
  const choices = drawChoices(shelf);
  const container = choices.find((c) => c.container.containerId === containerId && c.why === null)?.container;
  const typedUg = parseThousandths(mgText);
  const computed =
    container && typedUg !== null && typedUg > 0 ? ulForUg(typedUg, container.concentrationUgPerMl) : null;
  const mlShown = mlText ?? (computed ? formatUlAsMl(computed.ul) : '');
  const check = checkDraw(container, mgText, mlShown);
  const e = form.errors;

  function submit() {
    const errors: Record<string, string> = {};
    if (!container) errors.containerId = 'choose the vial you draw from';
    if (check.ug === null || check.ug <= 0) errors.drawnMg = 'enter the mg drawn (at most 3 decimals)';
    if (check.ul === null || check.ul <= 0) errors.drawnMl = 'enter the mL drawn (at most 3 decimals)';
    if (container && check.ug !== null && check.ug > container.remainingUg) {
      errors.drawnMg = `is more than the ${mg(container.remainingUg)} left in ${container.label}`;
    }
    if (check.problem) errors.drawnMl = check.problem;
    if (!container || check.ug === null || check.ul === null || Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    const { ug, ul } = check;
    const vial = container;
    void form.run(
      (clientEntryId) =>
        ledgerApi.draw(dto.session.id, {
          clientEntryId,
          containerId: vial.containerId,
          drawnMg: ug / 1000,
          drawnMl: ul / 1000,
        }),
      {
        saved: `Drawn ${mg(ug)} (${ml(ul)}) from ${vial.label}.`,
        onSaved: () => {
          // Cleared, so a second press cannot draw the same amount again by mistake.
          setContainerId('');
          setMgText('');
          setMlText(null);
          setGeneration((g) => g + 1);
          onDrawn();
        },
      },
    );
  }

  return (
    <LedgerFormFrame label="Draw from a vial" onSubmit={submit} className="draw-form">
      <h3>Draw from a vial</h3>
      {locations.length > 1 && location && (
        <SelectField
          field="draw.location"
          label="Location"
          value={location.id}
          onChange={choose}
          options={locations.map((l) => ({ value: l.id, label: l.name }))}
        />
      )}
      {stock.error && !stock.data && (
        <p className="banner banner-error" role="alert">
          Could not load the stock: {stock.error.detail}
        </p>
      )}
      <div className="inline-fields">
        <FieldFrame
          field="draw.containerId"
          label="Vial"
          error={errorFor(e, 'containerId')}
          className="field-grow"
        >
          {(control) => (
            <select
              {...control}
              value={containerId}
              onChange={(event) => {
                setContainerId(event.target.value);
                setMlText(null);
              }}
            >
              <option value="">{stock.data ? 'Choose the vial…' : 'Loading the stock…'}</option>
              {choices.map(({ container: c, why }) => (
                <option key={c.containerId} value={c.containerId} disabled={why !== null}>
                  {c.label} · lot {c.lot} · {concentration(c.concentrationUgPerMl)} · {mg(c.remainingUg)} left
                  {why === null
                    ? c.status === 'sealed'
                      ? ''
                      : ` (${STATUS_LABELS[c.status].toLowerCase()})`
                    : ` — ${why}, cannot be drawn`}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
        <TextField
          field="draw.drawnMg"
          label="Drawn"
          suffix="mg"
          inputMode="decimal"
          value={mgText}
          onChange={setMgText}
          error={errorFor(e, 'drawnMg')}
          hint={
            bagMg === undefined
              ? undefined
              : `The bag of the order: ${formatUgAsMg(Math.round(bagMg * 1000))} mg`
          }
        />
        <TextField
          field="draw.drawnMl"
          label="Volume drawn"
          suffix="mL"
          inputMode="decimal"
          value={mlShown}
          onChange={setMlText}
          error={errorFor(e, 'drawnMl')}
          hint={
            container
              ? mlText === null
                ? `Computed at ${concentration(container.concentrationUgPerMl)}; edit if you drew a different volume`
                : `You typed the volume; the vial is ${concentration(container.concentrationUgPerMl)}`
              : undefined
          }
        />
      </div>
      {choices.some((c) => c.why !== null) && (
        <p className="small muted">Expired and quarantined vials are listed but cannot be drawn.</p>
      )}
      {check.problem && !errorFor(e, 'drawnMl') && (
        <p className="draw-mismatch" role="status">
          <span aria-hidden="true">⚠ </span>
          {check.problem}{' '}
          {check.fixUg !== null && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setMgText(formatUgAsMg(check.fixUg ?? 0));
              }}
            >
              Use {formatUgAsMg(check.fixUg)} mg
            </button>
          )}
        </p>
      )}
      {computed && !computed.isExact && mlText === null && container && (
        <p className="small muted">
          {mgText} mg at {concentration(container.concentrationUgPerMl)} is not a whole number of microlitres;
          the volume is rounded, so adjust the mg to what {mlShown} mL holds.
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={form.busy || !stock.data}>
          {form.busy ? 'Recording…' : 'Record the draw'}
        </button>
      </div>
      <FormMessage state={form} />
    </LedgerFormFrame>
  );
}

/**
 * The volume of the bag's remainder: `ug` at the programmed bag's concentration (drug mg in volume mL), to
 * the µL, rounded half up; the server compares the wasted mL with the bag, not the vial. '' without a bag.
 */
export function bagRemainderMl(bag: { drugMg: number; volumeMl: number } | undefined, ug: number): string {
  if (!bag || !(bag.drugMg > 0) || !(bag.volumeMl > 0) || ug <= 0) return '';
  const bagUg = BigInt(Math.round(bag.drugMg * 1000));
  const bagUl = BigInt(Math.round(bag.volumeMl * 1000));
  const ul = (BigInt(ug) * bagUl * 2n + bagUg) / (2n * bagUg);
  return ul > 0n ? formatUlAsMl(Number(ul)) : '';
}

function WasteForm({
  dto,
  balance,
  onWasted,
}: {
  dto: ChartDto;
  balance: SessionBalance;
  onWasted: () => void;
}) {
  const bag = dto.chart.currentSetting?.bag ?? dto.chart.programs.at(-1)?.bag;
  const settings = useLedgerSettings();
  const witnessRequired = settings.get(WASTE_WITNESS_SETTING)?.value;
  const form = useLedgerForm();
  // Both follow the open remainder (which changes as the chart is read again) until the nurse types.
  const [mgTyped, setMgText] = useState<string | null>(null);
  const [mlTyped, setMlText] = useState<string | null>(null);
  const mgText = mgTyped ?? formatUgAsMg(balance.openUg);
  // What is left in the bag, at the bag's concentration (the server checks it to half a microlitre).
  const mlText = mlTyped ?? bagRemainderMl(bag, balance.openUg);
  const [method, setMethod] = useState<WasteMethod>('drug-disposal-container');
  const [note, setNote] = useState('');
  const [witness, setWitness] = useState({ email: '', password: '' });
  const e = form.errors;

  function submit() {
    const ug = parseThousandths(mgText);
    const ul = parseThousandths(mlText);
    const errors: Record<string, string> = {};
    if (ug === null || ug <= 0) errors.wastedMg = 'enter the mg wasted (at most 3 decimals)';
    else if (ug > balance.openUg) {
      errors.wastedMg = `is more than the open remainder of ${mg(balance.openUg)}`;
    }
    if (ul === null || ul <= 0) errors.wastedMl = 'enter the mL wasted (at most 3 decimals)';
    if (method === 'other' && !note.trim()) errors.note = 'say how it was wasted';
    const hasWitness = witness.email.trim() !== '' || witness.password !== '';
    if (witnessRequired === true || hasWitness) Object.assign(errors, witnessErrors(witness, 'witness'));
    if (ug === null || ul === null || Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    void form.run(
      (clientEntryId) =>
        ledgerApi.waste(dto.session.id, {
          clientEntryId,
          wastedMg: ug / 1000,
          wastedMl: ul / 1000,
          method,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(hasWitness ? { witness: { email: witness.email.trim(), password: witness.password } } : {}),
        }),
      {
        saved:
          ug === balance.openUg
            ? `Wasted ${mg(ug)}; the session balances.`
            : `Wasted ${mg(ug)}; ${mg(balance.openUg - ug)} is still open.`,
        onSaved: () => {
          setWitness({ email: '', password: '' });
          onWasted();
        },
      },
    );
  }

  return (
    <LedgerFormFrame label="Waste the remainder" onSubmit={submit} className="waste-form">
      <h3>Waste the remainder</h3>
      {settings.isLoaded && witnessRequired === null && (
        <p className="banner banner-caution">
          The clinic has not set whether waste needs a witness (
          <Link to={`/settings/clinical#setting-${WASTE_WITNESS_SETTING}`} className="mono">
            {WASTE_WITNESS_SETTING}
          </Link>
          ); the federal text leaves it to state boards and clinic policy (REFERENCE §9). Waste is refused
          until it is set.
        </p>
      )}
      <div className="inline-fields">
        <TextField
          field="waste.wastedMg"
          label="Wasted"
          suffix="mg"
          inputMode="decimal"
          value={mgText}
          onChange={setMgText}
          error={errorFor(e, 'wastedMg')}
          hint={`Open remainder: ${mg(balance.openUg)}`}
        />
        <TextField
          field="waste.wastedMl"
          label="Volume wasted"
          suffix="mL"
          inputMode="decimal"
          value={mlText}
          onChange={setMlText}
          error={errorFor(e, 'wastedMl')}
          hint={
            bag
              ? `What is left in the bag of ${formatUgAsMg(Math.round(bag.drugMg * 1000))} mg in ${formatUlAsMl(Math.round(bag.volumeMl * 1000))} mL`
              : 'The volume wasted'
          }
        />
        <SelectField
          field="waste.method"
          label="Method"
          value={method}
          onChange={(v) => {
            setMethod(WASTE_METHODS.find((m) => m === v) ?? 'other');
          }}
          options={WASTE_METHODS.map((m) => ({ value: m, label: WASTE_METHOD_LABELS[m] }))}
          error={errorFor(e, 'method')}
        />
        <TextField
          field="waste.note"
          label={method === 'other' ? 'How it was wasted' : 'Note (optional)'}
          value={note}
          onChange={setNote}
          error={errorFor(e, 'note')}
          className="field-grow"
        />
      </div>
      <WitnessFields
        prefix="waste.witness"
        title="Witness"
        value={witness}
        onChange={setWitness}
        hint={
          witnessRequired === false
            ? 'The clinic does not require a witness for waste; a second staff member may still sign here.'
            : 'A second staff member (nurse or physician) watches the waste and signs in here with their own password.'
        }
        errors={{ email: errorFor(e, 'witness.email'), password: errorFor(e, 'witness.password', 'witness') }}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? 'Checking the witness…' : 'Record the waste'}
        </button>
      </div>
      <FormMessage state={form} />
    </LedgerFormFrame>
  );
}
