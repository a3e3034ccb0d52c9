/**
 * The protocol-like regimen editor: one row per administration (IV bolus, IV infusion step, other routes
 * the model supports), with add, remove and reorder by buttons or Alt+↑/↓, and each field's error beside it.
 */
import type { KeyboardEvent, ReactNode } from 'react';
import type { Route } from '@ketapath/pharmacology';
import { FieldFrame, fieldId } from '../forms/field';
import { formatHours } from './display-units';
import { REGIMEN_PRESETS } from './regimen-presets';
import {
  FIELD_LABELS,
  isInfusion,
  makeRow,
  parseDecimal,
  ROUTE_LABELS,
  rowErrorKey,
  unitsFor,
  withRoute,
  type AmountUnit,
  type RegimenRow,
  type RowField,
} from './regimen-rows';

const UNIT_LABELS: Readonly<Record<AmountUnit, string>> = {
  mg: 'mg',
  'mg/kg': 'mg/kg',
  'mg/h': 'mg/h',
  'mg/kg/h': 'mg/kg/h',
};

/** Focus a control once React has put the rows in their new order. */
function focusSoon(id: string): void {
  requestAnimationFrame(() => {
    document.getElementById(id)?.focus();
  });
}

interface RegimenEditorProps {
  readonly rows: readonly RegimenRow[];
  readonly routes: readonly Route[];
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: (rows: RegimenRow[]) => void;
}

export function RegimenEditor({ rows, routes, errors, onChange }: RegimenEditorProps) {
  function update(key: string, change: (row: RegimenRow) => RegimenRow) {
    onChange(rows.map((r) => (r.key === key ? change(r) : r)));
  }

  function add(route: Route) {
    const row = makeRow(route, rows[rows.length - 1]);
    onChange([...rows, row]);
    focusSoon(fieldId(rowErrorKey(row.key, isInfusion(route) ? 'startMin' : 'atMin')));
  }

  function remove(index: number) {
    const next = rows.filter((_, i) => i !== index);
    onChange(next);
    const neighbour = next[index] ?? next[index - 1];
    focusSoon(neighbour ? `dose-${neighbour.key}-remove` : 'regimen-add-first');
  }

  function move(index: number, by: -1 | 1, focusId: string) {
    const target = index + by;
    if (target < 0 || target >= rows.length) return;
    const next = [...rows];
    const [row] = next.splice(index, 1);
    if (!row) return;
    next.splice(target, 0, row);
    onChange(next);
    focusSoon(focusId);
  }

  function onRowKey(event: KeyboardEvent<HTMLLIElement>, index: number) {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const active = document.activeElement;
    move(index, event.key === 'ArrowUp' ? -1 : 1, active instanceof HTMLElement ? active.id : '');
  }

  return (
    <fieldset className="sim-section">
      <legend>Regimen</legend>
      <p className="field-hint" id="regimen-hint">
        Times are minutes from the first dose. Overlapping infusion steps add up. Alt+↑ / Alt+↓ moves a row.
      </p>
      {rows.length === 0 ? (
        <p className="empty-state">No dose yet. Add one below, or start from a published regimen.</p>
      ) : (
        <ol className="dose-list" aria-describedby="regimen-hint">
          {rows.map((row, index) => (
            <DoseRow
              key={row.key}
              row={row}
              index={index}
              count={rows.length}
              routes={routes}
              errors={errors}
              onUpdate={(change) => {
                update(row.key, change);
              }}
              onRemove={() => {
                remove(index);
              }}
              onMove={(by) => {
                move(index, by, `dose-${row.key}-${by < 0 ? 'up' : 'down'}`);
              }}
              onKeyDown={(e) => {
                onRowKey(e, index);
              }}
            />
          ))}
        </ol>
      )}
      <div className="add-dose" role="group" aria-label="Add a dose">
        {routes.map((route, i) => (
          <button
            key={route}
            id={i === 0 ? 'regimen-add-first' : undefined}
            type="button"
            className="button"
            onClick={() => {
              add(route);
            }}
          >
            + {ROUTE_LABELS[route]}
          </button>
        ))}
      </div>
      <details className="presets">
        <summary>Start from a published regimen</summary>
        <ul>
          {REGIMEN_PRESETS.filter((p) => p.rows().every((r) => routes.includes(r.route))).map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => {
                  const next = p.rows();
                  onChange(next);
                  const first = next[0];
                  if (first) focusSoon(fieldId(rowErrorKey(first.key, 'amount')));
                }}
              >
                {p.label}
              </button>{' '}
              <span className="muted small">Source: {p.source}. Replaces the rows above.</span>
            </li>
          ))}
        </ul>
      </details>
    </fieldset>
  );
}

interface DoseRowProps {
  readonly row: RegimenRow;
  readonly index: number;
  readonly count: number;
  readonly routes: readonly Route[];
  readonly errors: Readonly<Record<string, string>>;
  readonly onUpdate: (change: (row: RegimenRow) => RegimenRow) => void;
  readonly onRemove: () => void;
  readonly onMove: (by: -1 | 1) => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLLIElement>) => void;
}

function DoseRow({ row, index, count, routes, errors, onUpdate, onRemove, onMove, onKeyDown }: DoseRowProps) {
  const title = `Dose ${index + 1}: ${ROUTE_LABELS[row.route]}`;
  const routeChoices = routes.includes(row.route) ? routes : [...routes, row.route];
  const infusion = isInfusion(row.route);
  const timeFields: RowField[] = infusion ? ['startMin', 'endMin'] : ['atMin'];
  const rowHasError = Object.keys(errors).some((k) => k.startsWith(`dose.${row.key}.`));
  return (
    <li
      className={`dose-row${rowHasError ? ' dose-row-invalid' : ''}`}
      aria-labelledby={`dose-${row.key}-title`}
      role="group"
      onKeyDown={onKeyDown}
    >
      <div className="dose-row-head">
        <span className="dose-title" id={`dose-${row.key}-title`}>
          {title}
        </span>
        <span className="dose-actions">
          <button
            id={`dose-${row.key}-up`}
            type="button"
            className="button button-small"
            aria-label={`Move dose ${index + 1} up`}
            disabled={index === 0}
            onClick={() => {
              onMove(-1);
            }}
          >
            ↑
          </button>
          <button
            id={`dose-${row.key}-down`}
            type="button"
            className="button button-small"
            aria-label={`Move dose ${index + 1} down`}
            disabled={index === count - 1}
            onClick={() => {
              onMove(1);
            }}
          >
            ↓
          </button>
          <button
            id={`dose-${row.key}-remove`}
            type="button"
            className="button button-small"
            aria-label={`Remove dose ${index + 1}`}
            onClick={onRemove}
          >
            Remove
          </button>
        </span>
      </div>
      <div className="dose-fields">
        <RowControl row={row} field="route" errors={errors}>
          {(control) => (
            <select
              {...control}
              value={row.route}
              onChange={(e) => {
                const route = e.target.value as Route;
                onUpdate((r) => withRoute(r, route));
              }}
            >
              {routeChoices.map((r) => (
                <option key={r} value={r}>
                  {ROUTE_LABELS[r]}
                  {routes.includes(r) ? '' : ' (not in this model)'}
                </option>
              ))}
            </select>
          )}
        </RowControl>
        {timeFields.map((field) => (
          <RowControl
            key={field}
            row={row}
            field={field}
            errors={errors}
            hint={hoursHint(row[field as 'atMin'])}
          >
            {(control) => (
              <input
                {...control}
                inputMode="decimal"
                autoComplete="off"
                value={row[field as 'atMin']}
                onChange={(e) => {
                  const value = e.target.value;
                  onUpdate((r) => ({ ...r, [field]: value }));
                }}
              />
            )}
          </RowControl>
        ))}
        <RowControl row={row} field="amount" errors={errors} label={infusion ? 'Rate' : 'Dose'}>
          {(control) => (
            <span className="input-with-unit">
              <input
                {...control}
                inputMode="decimal"
                autoComplete="off"
                value={row.amount}
                onChange={(e) => {
                  const value = e.target.value;
                  onUpdate((r) => ({ ...r, amount: value }));
                }}
              />
              <select
                id={fieldId(`dose.${row.key}.unit`)}
                aria-label={`Dose ${index + 1} ${infusion ? 'rate' : 'dose'} unit`}
                value={row.amountUnit}
                onChange={(e) => {
                  const unit = e.target.value as AmountUnit;
                  onUpdate((r) => ({ ...r, amountUnit: unit }));
                }}
              >
                {unitsFor(row.route).map((u) => (
                  <option key={u} value={u}>
                    {UNIT_LABELS[u]}
                  </option>
                ))}
              </select>
            </span>
          )}
        </RowControl>
      </div>
    </li>
  );
}

function hoursHint(text: string): string | undefined {
  const min = parseDecimal(text);
  return typeof min === 'number' && min >= 60 ? `= ${formatHours(min)}` : undefined;
}

function RowControl({
  row,
  field,
  errors,
  label,
  hint,
  children,
}: {
  row: RegimenRow;
  field: RowField;
  errors: Readonly<Record<string, string>>;
  label?: string;
  hint?: string | undefined;
  children: (control: {
    id: string;
    name: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const key = rowErrorKey(row.key, field);
  return (
    <FieldFrame
      field={key}
      label={label ?? FIELD_LABELS[field]}
      error={errors[key]}
      hint={hint}
      className={`dose-field dose-field-${field}`}
    >
      {(control) => children({ ...control, name: key })}
    </FieldFrame>
  );
}
