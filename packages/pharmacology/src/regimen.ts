/**
 * Regimens: the JSON shape shared by the CLI, API and page, its validation, and its resolution into
 * absolute amounts for one patient. Overlapping infusion segments add up.
 */
import { mgPerKgPerHToMgPerH, mgPerKgToMg } from '@ketapath/units';
import { ROUTES, type PkModel, type Route } from './model-types.js';
import { IssueCollector, isRecord, type ValidationIssue, type Validated } from './validation.js';

export type DoseRoute = Exclude<Route, 'iv-infusion'>;

/** A single administration at atMin: `{"route":"iv-bolus","atMin":0,"doseMg":35}` or `"doseMgPerKg"`. */
export type DoseAdministration =
  | { readonly route: DoseRoute; readonly atMin: number; readonly doseMg: number }
  | { readonly route: DoseRoute; readonly atMin: number; readonly doseMgPerKg: number };

/** A constant-rate IV segment: `{"route":"iv-infusion","startMin":0,"endMin":240,"rateMgPerH":24.5}`. */
export type InfusionSegment =
  | { readonly route: 'iv-infusion'; readonly startMin: number; readonly endMin: number; readonly rateMgPerH: number }
  | { readonly route: 'iv-infusion'; readonly startMin: number; readonly endMin: number; readonly rateMgPerKgPerH: number };

export type RegimenDose = DoseAdministration | InfusionSegment;

/** An IV bolus in absolute mg (what TCI produces). */
export interface IvBolusDose {
  readonly route: 'iv-bolus';
  readonly atMin: number;
  readonly doseMg: number;
}

export interface Regimen {
  readonly doses: readonly RegimenDose[];
}

/** A dose in absolute units for one patient. */
export type ResolvedDose =
  | { readonly route: DoseRoute; readonly atMin: number; readonly doseMg: number }
  | { readonly route: 'iv-infusion'; readonly startMin: number; readonly endMin: number; readonly rateMgPerH: number };

function validateDose(raw: unknown, path: string, c: IssueCollector): RegimenDose | undefined {
  if (!isRecord(raw)) {
    c.add(path, 'must be an object');
    return undefined;
  }
  const route = raw.route;
  if (typeof route !== 'string' || !(ROUTES as readonly string[]).includes(route)) {
    c.add(`${path}.route`, `unknown route ${JSON.stringify(route)} (one of ${ROUTES.join(', ')})`);
    return undefined;
  }
  if (route === 'iv-infusion') {
    c.unknownKeys(raw, ['route', 'startMin', 'endMin', 'rateMgPerH', 'rateMgPerKgPerH'], path);
    const startMin = c.number(raw, 'startMin', `${path}.startMin`, { min: 0 });
    const endMin = c.number(raw, 'endMin', `${path}.endMin`, { min: 0 });
    if (startMin !== undefined && endMin !== undefined && !(endMin > startMin)) c.add(`${path}.endMin`, 'must be after startMin');
    const hasAbs = raw.rateMgPerH !== undefined;
    const hasKg = raw.rateMgPerKgPerH !== undefined;
    if (hasAbs === hasKg) {
      c.add(`${path}.rateMgPerH`, 'give exactly one of rateMgPerH or rateMgPerKgPerH');
      return undefined;
    }
    if (startMin === undefined || endMin === undefined || !(endMin > startMin)) return undefined;
    if (hasAbs) {
      const rateMgPerH = c.number(raw, 'rateMgPerH', `${path}.rateMgPerH`, { min: 0 });
      return rateMgPerH === undefined ? undefined : { route, startMin, endMin, rateMgPerH };
    }
    const rateMgPerKgPerH = c.number(raw, 'rateMgPerKgPerH', `${path}.rateMgPerKgPerH`, { min: 0 });
    return rateMgPerKgPerH === undefined ? undefined : { route, startMin, endMin, rateMgPerKgPerH };
  }
  const doseRoute = route as DoseRoute;
  c.unknownKeys(raw, ['route', 'atMin', 'doseMg', 'doseMgPerKg'], path);
  const atMin = c.number(raw, 'atMin', `${path}.atMin`, { min: 0 });
  const hasAbs = raw.doseMg !== undefined;
  const hasKg = raw.doseMgPerKg !== undefined;
  if (hasAbs === hasKg) {
    c.add(`${path}.doseMg`, 'give exactly one of doseMg or doseMgPerKg');
    return undefined;
  }
  if (atMin === undefined) return undefined;
  if (hasAbs) {
    const doseMg = c.number(raw, 'doseMg', `${path}.doseMg`, { min: 0 });
    return doseMg === undefined ? undefined : { route: doseRoute, atMin, doseMg };
  }
  const doseMgPerKg = c.number(raw, 'doseMgPerKg', `${path}.doseMgPerKg`, { min: 0 });
  return doseMgPerKg === undefined ? undefined : { route: doseRoute, atMin, doseMgPerKg };
}

/**
 * Validates a regimen `{ doses: [...] }` from unknown JSON. With a model, also refuses routes the model has
 * no parameters for. Paths are relative to the regimen (`doses[2].endMin`).
 */
export function validateRegimen(input: unknown, model?: PkModel, pathPrefix = ''): Validated<Regimen> {
  const c = new IssueCollector();
  const pre = pathPrefix === '' ? '' : `${pathPrefix}.`;
  if (!isRecord(input)) {
    c.add(pathPrefix, 'regimen must be an object { "doses": [...] }');
    return { ok: false, issues: c.issues };
  }
  c.unknownKeys(input, ['doses'], pathPrefix);
  const raw = input.doses;
  if (!Array.isArray(raw)) {
    c.add(`${pre}doses`, 'must be an array');
    return { ok: false, issues: c.issues };
  }
  const doses: RegimenDose[] = [];
  raw.forEach((d: unknown, i) => {
    const path = `${pre}doses[${i}]`;
    const dose = validateDose(d, path, c);
    if (dose === undefined) return;
    if (model !== undefined && !model.routes.includes(dose.route)) {
      c.add(`${path}.route`, `model ${model.id} has no parameters for route ${dose.route} (supported: ${model.routes.join(', ')})`);
      return;
    }
    doses.push(dose);
  });
  return c.issues.length > 0 ? { ok: false, issues: c.issues } : { ok: true, value: { doses } };
}

/** Absolute amounts for a patient's weight (per-kg forms × weightKg, explicitly). */
export function resolveRegimen(regimen: Regimen, weightKg: number): ResolvedDose[] {
  return regimen.doses.map((d): ResolvedDose => {
    if (d.route === 'iv-infusion') {
      const rateMgPerH = 'rateMgPerH' in d ? d.rateMgPerH : mgPerKgPerHToMgPerH(d.rateMgPerKgPerH, weightKg);
      return { route: 'iv-infusion', startMin: d.startMin, endMin: d.endMin, rateMgPerH };
    }
    const doseMg = 'doseMg' in d ? d.doseMg : mgPerKgToMg(d.doseMgPerKg, weightKg);
    return { route: d.route, atMin: d.atMin, doseMg };
  });
}

/** Total drug administered (mg) by time t, before bioavailability. */
export function administeredMgBy(doses: readonly ResolvedDose[], tMin: number): number {
  let total = 0;
  for (const d of doses) {
    if (d.route === 'iv-infusion') total += (d.rateMgPerH / 60) * Math.max(0, Math.min(tMin, d.endMin) - d.startMin);
    else if (d.atMin <= tMin) total += d.doseMg;
  }
  return total;
}

export type { ValidationIssue };
