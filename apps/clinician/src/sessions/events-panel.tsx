/**
 * What happens to a running infusion: a rate change with its reason (then its own double-check), pause,
 * resume, stop with a reason, and a bolus. Each is one chart entry sent with the chart version shown.
 */
import { useState } from 'react';
import type { ChartDto } from '@ketapath/api-client';
import type { ChartRate } from '@ketapath/core';
import { SelectField, TextField } from '../forms/field';
import { formatDateTimeShort } from '../data/dates';
import { entryAuthor, type ChartView } from './chart-view';
import { EntryFormFrame, errorFor, FormMessage, readNumbers, useEntryForm } from './entry-form';
import { pumpFor, RATE_UNITS } from './pump-panel';
import { formatAmount } from './session-labels';
import type { ChartController } from './use-chart';

type Action = 'rate-change' | 'pause' | 'resume' | 'stop' | 'bolus';

const ACTION_LABELS: Readonly<Record<Action, string>> = {
  'rate-change': 'Change rate',
  pause: 'Pause',
  resume: 'Resume',
  stop: 'Stop infusion',
  bolus: 'Bolus',
};

export function EventsPanel({
  dto,
  view,
  controller,
}: {
  dto: ChartDto;
  view: ChartView;
  controller: ChartController;
}) {
  const [action, setAction] = useState<Action | null>(null);
  const isPaused = dto.session.state === 'paused';
  const actions: Action[] = ['rate-change', isPaused ? 'resume' : 'pause', 'bolus', 'stop'];
  return (
    <div className="events-panel">
      <div className="event-buttons" role="group" aria-label="Infusion actions">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={`button button-event event-${a}`}
            aria-expanded={action === a}
            onClick={() => {
              setAction(action === a ? null : a);
            }}
          >
            {ACTION_LABELS[a]}
          </button>
        ))}
      </div>
      {action !== null && (
        <ActionForm
          key={action}
          action={action}
          view={view}
          plannedDurationMin={dto.session.plannedDurationMin}
          controller={controller}
          onDone={() => {
            setAction(null);
          }}
        />
      )}
    </div>
  );
}

function ActionForm({
  action,
  view,
  controller,
  onDone,
}: {
  action: Action;
  view: ChartView;
  plannedDurationMin: number;
  controller: ChartController;
  onDone: () => void;
}) {
  const form = useEntryForm();
  const current = view.currentProgram?.entry.data;
  const first = view.firstProgram?.data;
  const [reason, setReason] = useState('');
  const [rateValue, setRateValue] = useState('');
  const [unit, setUnit] = useState<ChartRate['unit']>(current?.rate.unit ?? 'mg/kg/h');
  const [pumpMlPerH, setPumpMlPerH] = useState<string | null>(null);
  const [doseMg, setDoseMg] = useState('');

  const typedRate = readNumbers({ r: rateValue }, []).numbers.r;
  const pump =
    first === undefined ? null : pumpFor({ value: typedRate, unit }, first.bag, first.weightKg, undefined);
  const pumpText = pumpMlPerH ?? (pump ? formatAmount(pump.rateMlPerH, 2) : '');

  function submit() {
    void form.run(
      () => {
        const errors: Record<string, string> = {};
        if (action !== 'resume' && !reason.trim()) errors.reason = 'is required';
        if (action === 'resume') return controller.record({ kind: 'resume' });
        if (action === 'pause' || action === 'stop') {
          if (errors.reason) {
            form.setErrors(errors);
            return null;
          }
          return controller.record({ kind: action, reason: reason.trim() });
        }
        if (action === 'bolus') {
          const { numbers, errors: numberErrors } = readNumbers({ doseMg }, ['doseMg']);
          Object.assign(errors, numberErrors);
          if (Object.keys(errors).length > 0) {
            form.setErrors(errors);
            return null;
          }
          return controller.record({ kind: 'bolus', doseMg: numbers.doseMg ?? 0, reason: reason.trim() });
        }
        const { numbers, errors: numberErrors } = readNumbers({ value: rateValue, rateMlPerH: pumpText }, [
          'value',
          'rateMlPerH',
        ]);
        Object.assign(errors, numberErrors);
        if (Object.keys(errors).length > 0) {
          form.setErrors(errors);
          return null;
        }
        return controller.record({
          kind: 'rate-change',
          rate: { value: numbers.value ?? 0, unit },
          rateMlPerH: numbers.rateMlPerH ?? 0,
          reason: reason.trim(),
        });
      },
      onDone,
      action === 'rate-change'
        ? 'Rate change saved; it needs a double-check by a second staff member.'
        : 'Saved.',
    );
  }

  const e = form.errors;
  return (
    <EntryFormFrame label={ACTION_LABELS[action]} onSubmit={submit} className="action-form">
      {action === 'rate-change' && current && (
        <p className="small">
          Now: {formatAmount(current.rate.value, 4)} {current.rate.unit} ={' '}
          {formatAmount(current.rateMlPerH, 2)} mL/h
        </p>
      )}
      <div className="inline-fields">
        {action === 'rate-change' && (
          <>
            <TextField
              field="rate.value"
              label="New rate"
              inputMode="decimal"
              value={rateValue}
              onChange={setRateValue}
              error={errorFor(e, 'value')}
            />
            <SelectField
              field="rate.unit"
              label="Rate unit"
              value={unit}
              onChange={(v) => {
                const u = RATE_UNITS.find((x) => x === v);
                if (u) setUnit(u);
              }}
              options={RATE_UNITS.map((u) => ({ value: u, label: u }))}
            />
            <TextField
              field="rate.rateMlPerH"
              label="Pump rate"
              suffix="mL/h"
              inputMode="decimal"
              value={pumpText}
              onChange={setPumpMlPerH}
              error={errorFor(e, 'rateMlPerH')}
              hint={
                pump ? `Computed ${formatAmount(pump.rateMlPerH, 2)} mL/h from the bag and weight` : undefined
              }
            />
          </>
        )}
        {action === 'bolus' && (
          <TextField
            field="bolus.doseMg"
            label="Bolus dose"
            suffix="mg"
            inputMode="decimal"
            value={doseMg}
            onChange={setDoseMg}
            error={errorFor(e, 'doseMg')}
          />
        )}
        {action !== 'resume' && (
          <TextField
            field={`${action}.reason`}
            label="Reason"
            value={reason}
            onChange={setReason}
            error={errorFor(e, 'reason')}
            className="field-grow"
          />
        )}
        <button
          type="submit"
          className={`button ${action === 'stop' ? 'button-danger' : 'button-primary'}`}
          disabled={form.busy}
        >
          {form.busy
            ? 'Saving…'
            : action === 'resume'
              ? 'Resume infusion'
              : `Save: ${ACTION_LABELS[action].toLowerCase()}`}
        </button>
      </div>
      <FormMessage state={form} />
    </EntryFormFrame>
  );
}

const EVENT_TEXT: Readonly<Record<string, string>> = {
  'pump-program': 'Pump programmed',
  'double-check': 'Double-checked',
  start: 'Infusion started',
  'rate-change': 'Rate changed',
  pause: 'Paused',
  resume: 'Resumed',
  stop: 'Stopped',
  bolus: 'Bolus',
};

/** The infusion's events in order, with who and when. */
export function EventLog({ view }: { view: ChartView }) {
  if (view.events.length === 0) return null;
  return (
    <ol className="event-log">
      {view.events.map((e) => {
        const d = e.data;
        let detail = '';
        if (d.kind === 'rate-change')
          detail = `${formatAmount(d.rate.value, 4)} ${d.rate.unit}, ${formatAmount(d.rateMlPerH, 2)} mL/h — ${d.reason}`;
        else if (d.kind === 'pump-program')
          detail = `${formatAmount(d.rate.value, 4)} ${d.rate.unit}, ${formatAmount(d.rateMlPerH, 2)} mL/h`;
        else if (d.kind === 'pause' || d.kind === 'stop') detail = d.reason;
        else if (d.kind === 'bolus') detail = `${formatAmount(d.doseMg, 2)} mg — ${d.reason}`;
        else if (d.kind === 'double-check') detail = `entry ${d.programSeq}`;
        return (
          <li key={e.seq}>
            <span className="nowrap">{formatDateTimeShort(e.occurredAt)}</span>{' '}
            <strong>{EVENT_TEXT[d.kind]}</strong>
            {detail && <> · {detail}</>} <span className="muted">— {entryAuthor(e)}</span>
          </li>
        );
      })}
    </ol>
  );
}
