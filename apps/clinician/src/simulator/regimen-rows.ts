/**
 * The regimen editor's rows as typed (strings, so a half-typed number is never lost) and their translation
 * into the pharmacology regimen JSON, with the row and field each problem belongs to.
 */
import type { RegimenDose, Route } from '@ketapath/pharmacology';

export type AmountUnit = 'mg' | 'mg/kg' | 'mg/h' | 'mg/kg/h';
export type RowField = 'route' | 'atMin' | 'startMin' | 'endMin' | 'amount';

export interface RegimenRow {
  /** Stable identity: errors and focus follow a row when it moves. */
  readonly key: string;
  readonly route: Route;
  readonly atMin: string;
  readonly startMin: string;
  readonly endMin: string;
  readonly amount: string;
  readonly amountUnit: AmountUnit;
}

export const ROUTE_LABELS: Readonly<Record<Route, string>> = {
  'iv-bolus': 'IV bolus',
  'iv-infusion': 'IV infusion step',
  intranasal: 'Intranasal',
  oral: 'Oral',
  intramuscular: 'Intramuscular',
  sublingual: 'Sublingual',
};

export const FIELD_LABELS: Readonly<Record<RowField, string>> = {
  route: 'Route',
  atMin: 'Given at (min)',
  startMin: 'Start (min)',
  endMin: 'End (min)',
  amount: 'Amount',
};

let nextKey = 1;
export function newRowKey(): string {
  nextKey += 1;
  return `r${nextKey}`;
}

export function isInfusion(route: Route): route is 'iv-infusion' {
  return route === 'iv-infusion';
}

/** Units a route's amount can be given in: rates for infusions, doses otherwise. */
export function unitsFor(route: Route): readonly AmountUnit[] {
  return isInfusion(route) ? ['mg/h', 'mg/kg/h'] : ['mg', 'mg/kg'];
}

/** A new row of a route, starting where the previous dose ends so steps chain naturally. */
export function makeRow(route: Route, previous?: RegimenRow): RegimenRow {
  const startAt = previous === undefined ? '0' : isInfusion(previous.route) ? previous.endMin : previous.atMin;
  const start = startAt.trim() === '' ? '0' : startAt;
  const startNumber = Number(start);
  return {
    key: newRowKey(),
    route,
    atMin: start,
    startMin: start,
    endMin: Number.isFinite(startNumber) ? String(startNumber + 60) : '',
    amount: '',
    amountUnit: isInfusion(route) ? 'mg/kg/h' : 'mg',
  };
}

/** Changes a row's route, keeping the unit's per-kg choice and the timing (bolus at = infusion start). */
export function withRoute(row: RegimenRow, route: Route): RegimenRow {
  const perKg = row.amountUnit === 'mg/kg' || row.amountUnit === 'mg/kg/h';
  const unit: AmountUnit = isInfusion(route) ? (perKg ? 'mg/kg/h' : 'mg/h') : perKg ? 'mg/kg' : 'mg';
  if (isInfusion(route) === isInfusion(row.route)) return { ...row, route, amountUnit: unit };
  return isInfusion(route)
    ? { ...row, route, amountUnit: unit, startMin: row.atMin }
    : { ...row, route, amountUnit: unit, atMin: row.startMin };
}

/** A decimal typed by a person: accepts a comma as the decimal mark; empty and junk are told apart. */
export function parseDecimal(text: string): number | 'empty' | 'invalid' {
  const t = text.trim().replace(',', '.');
  if (t === '') return 'empty';
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return 'invalid';
  return Number(t);
}

/** Error key of a row field, stable across reordering: `dose.<rowKey>.<field>`. */
export function rowErrorKey(rowKey: string, field: RowField): string {
  return `dose.${rowKey}.${field}`;
}

export interface BuiltRegimen {
  readonly doses: RegimenDose[];
  /** Row key of each dose sent to the library (rows with local errors are left out). */
  readonly doseRowKeys: string[];
  /** Local problems (empty or unreadable numbers), keyed by rowErrorKey. */
  readonly errors: Record<string, string>;
}

function readField(row: RegimenRow, field: RowField, errors: Record<string, string>): number | undefined {
  const raw = row[field === 'route' ? 'amount' : field];
  const value = parseDecimal(raw);
  if (value === 'empty') {
    errors[rowErrorKey(row.key, field)] = 'enter a number';
    return undefined;
  }
  if (value === 'invalid') {
    errors[rowErrorKey(row.key, field)] = `“${raw}” is not a number`;
    return undefined;
  }
  return value;
}

export function buildRegimen(rows: readonly RegimenRow[]): BuiltRegimen {
  const doses: RegimenDose[] = [];
  const doseRowKeys: string[] = [];
  const errors: Record<string, string> = {};
  for (const row of rows) {
    const amount = readField(row, 'amount', errors);
    if (row.route === 'iv-infusion') {
      const startMin = readField(row, 'startMin', errors);
      const endMin = readField(row, 'endMin', errors);
      if (amount === undefined || startMin === undefined || endMin === undefined) continue;
      doses.push(
        row.amountUnit === 'mg/kg/h'
          ? { route: 'iv-infusion', startMin, endMin, rateMgPerKgPerH: amount }
          : { route: 'iv-infusion', startMin, endMin, rateMgPerH: amount },
      );
    } else {
      const atMin = readField(row, 'atMin', errors);
      if (amount === undefined || atMin === undefined) continue;
      doses.push(
        row.amountUnit === 'mg/kg'
          ? { route: row.route, atMin, doseMgPerKg: amount }
          : { route: row.route, atMin, doseMg: amount },
      );
    }
    doseRowKeys.push(row.key);
  }
  return { doses, doseRowKeys, errors };
}

const LIBRARY_FIELDS: Readonly<Record<string, RowField>> = {
  route: 'route',
  atMin: 'atMin',
  startMin: 'startMin',
  endMin: 'endMin',
  doseMg: 'amount',
  doseMgPerKg: 'amount',
  rateMgPerH: 'amount',
  rateMgPerKgPerH: 'amount',
};

/** The library names fields by their JSON keys; people read the labels. */
const MESSAGE_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bstartMin\b/g, 'the start'],
  [/\bendMin\b/g, 'the end'],
  [/\batMin\b/g, 'the time given'],
  [/\brateMgPerKgPerH\b/g, 'a rate in mg/kg/h'],
  [/\brateMgPerH\b/g, 'a rate in mg/h'],
  [/\bdoseMgPerKg\b/g, 'a dose in mg/kg'],
  [/\bdoseMg\b/g, 'a dose in mg'],
];

export function humanizeIssueMessage(message: string): string {
  return MESSAGE_WORDS.reduce((m, [pattern, words]) => m.replace(pattern, words), message);
}

/**
 * Where a library issue belongs: `regimen.doses[2].endMin` → the row that produced dose 2, its End field;
 * `patient.weightKg` → `patient.weightKg`; anything else → `form`.
 */
export function errorKeyOfIssue(path: string, doseRowKeys: readonly string[]): string {
  const dose = /^regimen\.doses\[(\d+)\]\.(\w+)$/.exec(path);
  if (dose) {
    const rowKey = doseRowKeys[Number(dose[1])];
    const field = LIBRARY_FIELDS[dose[2] ?? ''];
    if (rowKey !== undefined && field !== undefined) return rowErrorKey(rowKey, field);
  }
  if (/^patient\.\w+$/.test(path)) return path;
  return 'form';
}
