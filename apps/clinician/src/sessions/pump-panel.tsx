/**
 * Pump programming: the bag (drug, mg, mL, lot), the ordered rate prefilled from the signed plan, the weight
 * and its basis, with the pump rate (mL/h) and the volume computed as you type; then the independent
 * double-check by a second staff member, who either signs in on this screen or confirms from their own
 * session. The same double-check follows every rate change.
 */
import { useMemo, useState } from 'react';
import type { ChartDto, ChartSessionInfo } from '@ketapath/api-client';
import type { ChartRate, SessionEntryData } from '@ketapath/core';
import { computePumpSetting, type InfusionOrder, type PumpSetting } from '@ketapath/units';
import { SelectField, TextField } from '../forms/field';
import { formatDateTimeShort } from '../data/dates';
import { useSession } from '../session/session-context';
import { entryAuthor, type ChartView, type ProgramView } from './chart-view';
import { EntryFormFrame, errorFor, FormMessage, readNumbers, useEntryForm } from './entry-form';
import { formatAmount } from './session-labels';
import type { ChartController } from './use-chart';

export const RATE_UNITS: readonly ChartRate['unit'][] = ['mg/kg/h', 'mg/h', 'µg/kg/min'];
const WEIGHT_BASES = ['actual', 'ideal', 'adjusted'] as const;
type WeightBasis = (typeof WEIGHT_BASES)[number];

function isRateUnit(v: string): v is ChartRate['unit'] {
  return RATE_UNITS.some((u) => u === v);
}

function isWeightBasis(v: string): v is WeightBasis {
  return WEIGHT_BASES.some((b) => b === v);
}

/** The pump setting for a rate on a bag and a weight; null while a number is missing or not positive. */
export function pumpFor(
  rate: { value: number | undefined; unit: ChartRate['unit'] },
  bag: { drugMg: number | undefined; volumeMl: number | undefined },
  weightKg: number | undefined,
  durationMin: number | undefined,
): PumpSetting | null {
  const { value } = rate;
  const { drugMg, volumeMl } = bag;
  if (value === undefined || drugMg === undefined || volumeMl === undefined) return null;
  if (!(value > 0 && drugMg > 0 && volumeMl > 0)) return null;
  let order: InfusionOrder;
  if (rate.unit === 'mg/h') order = { rateMgPerH: value };
  else {
    if (weightKg === undefined || !(weightKg > 0)) return null;
    order =
      rate.unit === 'mg/kg/h'
        ? { rateMgPerKgPerH: value, weightKg }
        : { rateMicrogramPerKgPerMin: value, weightKg };
  }
  try {
    return computePumpSetting(order, { drugMg, volumeMl }, durationMin);
  } catch {
    return null;
  }
}

/** A pump figure to prefill: at most two decimals. */
const prefill = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '' : formatAmount(n, 2));

export function describeProgram(p: ProgramView): string {
  const d = p.entry.data;
  return `${formatAmount(d.rate.value, 4)} ${d.rate.unit} = ${formatAmount(d.rateMlPerH, 2)} mL/h`;
}

export function PumpProgramForm({
  session,
  controller,
}: {
  session: ChartSessionInfo;
  controller: ChartController;
}) {
  const order = session.order ?? null;
  const form = useEntryForm();
  const [values, setValues] = useState({
    drugMg: prefill(order?.bag?.drugMg),
    volumeMl: prefill(order?.bag?.volumeMl),
    rateValue: prefill(order?.rate?.value),
    weightKg: prefill(session.doseWeightKg ?? order?.weightKg),
  });
  const [lot, setLot] = useState('');
  const [unit, setUnit] = useState<ChartRate['unit']>(
    order?.rate && isRateUnit(order.rate.unit) ? order.rate.unit : 'mg/kg/h',
  );
  const [basis, setBasis] = useState<WeightBasis>(order?.weightBasis ?? 'actual');
  const [pumpMlPerH, setPumpMlPerH] = useState<string | null>(null);
  const [volumeMl, setVolumeMl] = useState<string | null>(null);
  const durationMin = order?.durationMin ?? session.plannedDurationMin;
  const set = (key: keyof typeof values) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
  };

  const numbers = readNumbers(values, []).numbers;
  const pump = useMemo(
    () =>
      pumpFor(
        { value: numbers.rateValue, unit },
        { drugMg: numbers.drugMg, volumeMl: numbers.volumeMl },
        numbers.weightKg,
        durationMin,
      ),
    [numbers.rateValue, unit, numbers.drugMg, numbers.volumeMl, numbers.weightKg, durationMin],
  );
  // The pump fields follow the computation until the nurse types a value of their own.
  const pumpText = pumpMlPerH ?? prefill(pump?.rateMlPerH);
  const volumeText = volumeMl ?? prefill(pump?.volumeToInfuseMl);

  function submit() {
    void form.run(
      () => {
        const { numbers: n, errors } = readNumbers(
          { ...values, rateMlPerH: pumpText, volumeToInfuseMl: volumeText },
          ['drugMg', 'volumeMl', 'rateValue', 'weightKg', 'rateMlPerH', 'volumeToInfuseMl'],
        );
        if (!lot.trim()) errors.lot = 'is required';
        if (Object.keys(errors).length > 0) {
          form.setErrors(errors);
          return null;
        }
        const entry: SessionEntryData = {
          kind: 'pump-program',
          bag: { drug: 'ketamine', drugMg: n.drugMg ?? 0, volumeMl: n.volumeMl ?? 0, lot: lot.trim() },
          rate: { value: n.rateValue ?? 0, unit },
          weightKg: n.weightKg ?? 0,
          weightBasis: basis,
          rateMlPerH: n.rateMlPerH ?? 0,
          volumeToInfuseMl: n.volumeToInfuseMl ?? 0,
        };
        return controller.record(entry);
      },
      undefined,
      'Pump programming saved; it now needs a double-check by a second staff member.',
    );
  }

  const e = form.errors;
  const typedRate = readNumbers({ r: pumpText }, []).numbers.r;
  const differs = pump !== null && typedRate !== undefined && prefill(typedRate) !== prefill(pump.rateMlPerH);
  return (
    <EntryFormFrame label="Pump programming" onSubmit={submit}>
      <fieldset className="form-group">
        <legend>Bag</legend>
        <div className="inline-fields">
          <p className="field-static">
            <span className="field-static-label">Drug</span> Ketamine
          </p>
          <TextField
            field="pump.drugMg"
            label="Ketamine in the bag"
            suffix="mg"
            inputMode="decimal"
            value={values.drugMg}
            onChange={set('drugMg')}
            error={errorFor(e, 'drugMg')}
          />
          <TextField
            field="pump.volumeMl"
            label="Bag volume"
            suffix="mL"
            inputMode="decimal"
            value={values.volumeMl}
            onChange={set('volumeMl')}
            error={errorFor(e, 'volumeMl')}
          />
          <TextField field="pump.lot" label="Lot" value={lot} onChange={setLot} error={errorFor(e, 'lot')} />
        </div>
      </fieldset>
      <fieldset className="form-group">
        <legend>Ordered rate and weight</legend>
        <div className="inline-fields">
          <TextField
            field="pump.rateValue"
            label="Ordered rate"
            inputMode="decimal"
            value={values.rateValue}
            onChange={set('rateValue')}
            error={errorFor(e, 'rateValue', 'value')}
            hint={order?.rate ? `Plan: ${formatAmount(order.rate.value, 4)} ${order.rate.unit}` : undefined}
          />
          <SelectField
            field="pump.rateUnit"
            label="Rate unit"
            value={unit}
            onChange={(v) => {
              if (isRateUnit(v)) setUnit(v);
            }}
            options={RATE_UNITS.map((u) => ({ value: u, label: u }))}
            error={errorFor(e, 'unit')}
          />
          <TextField
            field="pump.weightKg"
            label="Dosing weight"
            suffix="kg"
            inputMode="decimal"
            value={values.weightKg}
            onChange={set('weightKg')}
            error={errorFor(e, 'weightKg')}
          />
          <SelectField
            field="pump.weightBasis"
            label="Weight basis"
            value={basis}
            onChange={(v) => {
              if (isWeightBasis(v)) setBasis(v);
            }}
            options={WEIGHT_BASES.map((b) => ({ value: b, label: `${b} body weight` }))}
            error={errorFor(e, 'weightBasis')}
          />
        </div>
      </fieldset>
      <div className="pump-computed" aria-live="polite">
        {pump ? (
          <p>
            Computed: <strong>{formatAmount(pump.rateMlPerH, 2)} mL/h</strong> (
            {formatAmount(pump.rateMgPerH, 2)} mg/h at {formatAmount(pump.concentrationMgPerMl, 3)} mg/mL)
            {pump.volumeToInfuseMl !== undefined && (
              <>
                {' '}
                · <strong>{formatAmount(pump.volumeToInfuseMl, 1)} mL</strong> over {durationMin} min (
                {formatAmount(pump.drugToInfuseMg ?? 0, 1)} mg)
              </>
            )}
          </p>
        ) : (
          <p className="muted">Enter the bag, the rate and the weight to see the pump rate.</p>
        )}
      </div>
      <fieldset className="form-group">
        <legend>What you program into the pump</legend>
        <div className="inline-fields">
          <TextField
            field="pump.rateMlPerH"
            label="Pump rate"
            suffix="mL/h"
            inputMode="decimal"
            value={pumpText}
            onChange={setPumpMlPerH}
            error={errorFor(e, 'rateMlPerH')}
            hint={
              differs
                ? 'Differs from the computed rate — check before saving'
                : 'Filled from the computed rate'
            }
          />
          <TextField
            field="pump.volumeToInfuseMl"
            label="Volume to infuse"
            suffix="mL"
            inputMode="decimal"
            value={volumeText}
            onChange={setVolumeMl}
            error={errorFor(e, 'volumeToInfuseMl')}
          />
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {form.busy ? 'Saving…' : 'Save pump programming'}
        </button>
      </div>
      <FormMessage state={form} />
    </EntryFormFrame>
  );
}

/** One programming or rate change waiting for its independent double-check. */
export function DoubleCheckPanel({
  program,
  controller,
}: {
  program: ProgramView;
  controller: ChartController;
}) {
  const me = useSession().user;
  const form = useEntryForm();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const d = program.entry.data;
  const byMe = program.entry.recordedBy?.userId === me.id || program.entry.recordedBy?.email === me.email;
  const what = d.kind === 'pump-program' ? 'pump programming' : 'rate change';

  function send(withWitness: boolean) {
    void form.run(
      () => {
        if (withWitness) {
          const errors: Record<string, string> = {};
          if (!email.trim()) errors.email = 'is required';
          if (!password) errors.password = 'is required';
          if (Object.keys(errors).length > 0) {
            form.setErrors(errors);
            return null;
          }
        }
        return controller.record(
          { kind: 'double-check', programSeq: program.entry.seq },
          withWitness ? { witness: { email: email.trim(), password } } : {},
        );
      },
      () => {
        setPassword('');
      },
      'Double-check recorded.',
    );
  }

  return (
    <section className="double-check" aria-labelledby={`dc-${program.entry.seq}`}>
      <h3 id={`dc-${program.entry.seq}`}>
        <span aria-hidden="true">⚑ </span>Awaiting double-check by a second staff member
      </h3>
      <dl className="detail-list compact">
        {d.kind === 'pump-program' && (
          <>
            <dt>Bag</dt>
            <dd>
              Ketamine {formatAmount(d.bag.drugMg, 2)} mg in {formatAmount(d.bag.volumeMl, 2)} mL, lot{' '}
              <span className="mono">{d.bag.lot}</span>
            </dd>
            <dt>Weight</dt>
            <dd>
              {formatAmount(d.weightKg, 2)} kg ({d.weightBasis})
            </dd>
          </>
        )}
        <dt>Rate</dt>
        <dd>
          <strong>{describeProgram(program)}</strong>
          {d.kind === 'pump-program' && <> · {formatAmount(d.volumeToInfuseMl, 1)} mL to infuse</>}
        </dd>
        {d.kind === 'rate-change' && (
          <>
            <dt>Reason</dt>
            <dd>{d.reason}</dd>
          </>
        )}
        <dt>Entered by</dt>
        <dd>
          {entryAuthor(program.entry)}, {formatDateTimeShort(program.entry.recordedAt)}
        </dd>
      </dl>
      {!byMe && (
        <p>
          <button
            type="button"
            className="button button-primary"
            disabled={form.busy}
            onClick={() => {
              send(false);
            }}
          >
            I checked this {what} independently ({me.displayName})
          </button>
        </p>
      )}
      <EntryFormFrame
        label={`Double-check of the ${what} by a second staff member`}
        onSubmit={() => {
          send(true);
        }}
      >
        <p className="small">
          {byMe
            ? 'You entered this; a second staff member checks the pump and the bag and signs here with their own sign-in.'
            : 'Or a second staff member signs here with their own sign-in.'}
        </p>
        <div className="inline-fields">
          <TextField
            field={`witness-${program.entry.seq}.email`}
            label="Second staff member's email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={setEmail}
            error={errorFor(form.errors, 'email', 'witness')}
          />
          <PasswordField
            field={`witness-${program.entry.seq}.password`}
            value={password}
            onChange={setPassword}
            error={errorFor(form.errors, 'password')}
          />
          <button type="submit" className="button" disabled={form.busy}>
            {form.busy ? 'Checking…' : 'Sign the double-check'}
          </button>
        </div>
        <FormMessage state={form} />
      </EntryFormFrame>
    </section>
  );
}

function PasswordField({
  field,
  value,
  onChange,
  error,
}: {
  field: string;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  const id = `field-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>Their password</label>
      <input
        id={id}
        name={field}
        type="password"
        autoComplete="new-password"
        value={value}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
        }}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

/** Every programming and rate change with its double-check. */
export function ProgramsTable({ view }: { view: ChartView }) {
  if (view.programs.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="data-table programs-table">
        <caption className="visually-hidden">Pump programmings and rate changes</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">What</th>
            <th scope="col">Rate</th>
            <th scope="col">Entered by</th>
            <th scope="col">Double-checked by</th>
          </tr>
        </thead>
        <tbody>
          {view.programs.map((p) => (
            <tr key={p.entry.seq}>
              <td className="nowrap">{formatDateTimeShort(p.entry.occurredAt)}</td>
              <td>
                {p.entry.data.kind === 'pump-program'
                  ? `Programming: ${formatAmount(p.entry.data.bag.drugMg, 2)} mg in ${formatAmount(p.entry.data.bag.volumeMl, 2)} mL, lot ${p.entry.data.bag.lot}`
                  : `Rate change: ${p.entry.data.reason}`}
              </td>
              <td className="nowrap">{describeProgram(p)}</td>
              <td className="small">{entryAuthor(p.entry)}</td>
              <td className="small">
                {p.doubleCheck ? (
                  <>
                    {entryAuthor(p.doubleCheck)}, {formatDateTimeShort(p.doubleCheck.recordedAt)}
                  </>
                ) : (
                  <span className="text-danger">awaiting</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Why Start is not available yet: blocking checklist items, the pump, its double-check. */
export function startBlockers(dto: ChartDto, view: ChartView): string[] {
  const out: string[] = [];
  for (const item of dto.evaluation.checklist) {
    if (item.status === 'open' && item.severity === 'block') {
      out.push(`${item.label}${item.finding ? ` — ${item.finding}` : ''}`);
    }
  }
  if (view.firstProgram === null) out.push('Pump not programmed');
  else if (view.awaitingDoubleCheck.length > 0)
    out.push('Pump programming awaiting double-check by a second staff member');
  return out;
}

export function StartPanel({
  dto,
  view,
  controller,
}: {
  dto: ChartDto;
  view: ChartView;
  controller: ChartController;
}) {
  const form = useEntryForm();
  const blockers = startBlockers(dto, view);
  const toAcknowledge = dto.evaluation.checklist.filter(
    (i) => i.status === 'open' && i.severity === 'needs-ack',
  );
  return (
    <div className="start-panel">
      {blockers.length > 0 && (
        <div className="needs-action" id="start-blockers">
          <p>Start is not available until:</p>
          <ul>
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      )}
      {toAcknowledge.length > 0 && (
        <p className="banner banner-caution">
          To acknowledge in the alerts panel: {toAcknowledge.map((i) => i.label).join('; ')}.
        </p>
      )}
      <button
        type="button"
        className="button button-primary button-large"
        disabled={blockers.length > 0 || form.busy}
        aria-describedby={blockers.length > 0 ? 'start-blockers' : undefined}
        onClick={() => {
          void form.run(() => controller.record({ kind: 'start' }), undefined, 'Infusion started.');
        }}
      >
        ▶ Start infusion
      </button>
      <FormMessage state={form} />
    </div>
  );
}
