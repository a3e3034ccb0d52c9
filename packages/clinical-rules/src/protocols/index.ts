/**
 * Protocol lookup, validation and clinic copies. Library protocols are immutable data; a clinic copy has
 * its own id, `basedOn` the library version, and the clinic's values marked as such. Every version stays
 * readable because an order names the version it was written under.
 */
import {
  LIMIT_MEASURES,
  ZProtocol,
  type LimitMeasure,
  type LimitPair,
  type Protocol,
  type ProtocolRoute,
  type ProtocolStep,
  type StandardConcentration,
  type ValueSource,
} from '@ketapath/core';
import { REFERENCE_SECTIONS, REFERENCE_SOURCES } from '../reference.js';
import { PROTOCOL_LIBRARY } from './library.js';

export { PROTOCOL_LIBRARY } from './library.js';

/** The version of `id` asked for (the latest when `version` is omitted) among `protocols`. */
export function findProtocol(
  protocols: readonly Protocol[],
  id: string,
  version?: number,
): Protocol | undefined {
  let found: Protocol | undefined;
  for (const p of protocols) {
    if (p.id !== id) continue;
    if (version !== undefined) {
      if (p.version === version) return p;
    } else if (found === undefined || p.version > found.version) found = p;
  }
  return found;
}

/** The latest version of each library protocol, in library order. */
export function listProtocols(): Protocol[] {
  const ids = [...new Set(PROTOCOL_LIBRARY.map((p) => p.id))];
  return ids.map((id) => findProtocol(PROTOCOL_LIBRARY, id)).filter((p): p is Protocol => p !== undefined);
}

/** A library protocol by id, at `version` or the latest. */
export function getProtocol(id: string, version?: number): Protocol | undefined {
  return findProtocol(PROTOCOL_LIBRARY, id, version);
}

export interface ProtocolIssue {
  /** Dotted path into the protocol, e.g. 'limits.0.rateMgPerKgPerH.soft'. */
  readonly path: string;
  readonly message: string;
}

const PER_KG_RATE_UNITS = new Set(['mg/kg/h', 'µg/kg/min']);
const PER_KG_DOSE_UNITS = new Set(['mg/kg', 'µg/kg']);

function isPerKgStep(step: ProtocolStep): boolean {
  if (step.kind === 'bolus') return PER_KG_DOSE_UNITS.has(step.dose.unit);
  return (
    (step.rate !== null && PER_KG_RATE_UNITS.has(step.rate.unit)) ||
    (step.titration !== null && PER_KG_RATE_UNITS.has(step.titration.unit))
  );
}

function sourceIssues(source: ValueSource, path: string): ProtocolIssue[] {
  if (source.kind !== 'reference') return [];
  const issues: ProtocolIssue[] = [];
  if (!Object.hasOwn(REFERENCE_SECTIONS, source.section)) {
    issues.push({
      path: `${path}.section`,
      message: `${source.section} is not a citable REFERENCE.md section`,
    });
  }
  if (!Object.hasOwn(REFERENCE_SOURCES, source.source)) {
    issues.push({ path: `${path}.source`, message: `${source.source} is not a citable REFERENCE.md source` });
  }
  return issues;
}

/**
 * Structure (the zod schema) and consistency: soft ≤ hard, a weight basis wherever a dose or limit is per kg,
 * one limits entry per route and only for the protocol's routes, steps on the protocol's routes, titration
 * within its own bounds, citations that exist in REFERENCE.md. An empty list means the protocol is valid.
 */
export function validateProtocol(input: unknown): ProtocolIssue[] {
  const parsed = ZProtocol.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  }
  const p = parsed.data;
  const issues: ProtocolIssue[] = [];
  const routes = new Set<ProtocolRoute>(p.routes);
  if (routes.size !== p.routes.length) issues.push({ path: 'routes', message: 'a route is listed twice' });

  const limitRoutes = new Set<ProtocolRoute>();
  p.limits.forEach((entry, i) => {
    if (limitRoutes.has(entry.route))
      issues.push({ path: `limits.${i}.route`, message: `${entry.route} has two limits entries` });
    limitRoutes.add(entry.route);
    if (!routes.has(entry.route)) {
      issues.push({
        path: `limits.${i}.route`,
        message: `${entry.route} is not one of the protocol's routes`,
      });
    }
    for (const measure of LIMIT_MEASURES) {
      const pair: LimitPair = entry[measure];
      if (pair.soft !== null && pair.hard !== null && pair.soft.value > pair.hard.value) {
        issues.push({
          path: `limits.${i}.${measure}.soft`,
          message: `soft limit ${pair.soft.value} is above the hard limit ${pair.hard.value}`,
        });
      }
      if (pair.soft !== null)
        issues.push(...sourceIssues(pair.soft.source, `limits.${i}.${measure}.soft.source`));
      if (pair.hard !== null)
        issues.push(...sourceIssues(pair.hard.source, `limits.${i}.${measure}.hard.source`));
    }
  });
  for (const route of routes) {
    if (!limitRoutes.has(route))
      issues.push({ path: 'limits', message: `no limits entry for route ${route}` });
  }

  p.steps.forEach((step, i) => {
    if (!routes.has(step.route)) {
      issues.push({ path: `steps.${i}.route`, message: `${step.route} is not one of the protocol's routes` });
    }
    if (step.kind === 'infusion') {
      if (step.rate === null && step.sessionDoseMg === null) {
        issues.push({ path: `steps.${i}`, message: 'an infusion step needs a rate or a session dose' });
      }
      const t = step.titration;
      if (t !== null && t.start > t.max) {
        issues.push({ path: `steps.${i}.titration.start`, message: 'titration start is above its maximum' });
      }
      if (t !== null && step.rate !== null && t.unit !== step.rate.unit) {
        issues.push({
          path: `steps.${i}.titration.unit`,
          message: 'titration and rate must use the same unit',
        });
      }
    }
  });
  const perKg = p.steps.some(isPerKgStep);
  const perKgMeasures: readonly LimitMeasure[] = ['rateMgPerKgPerH', 'bolusMgPerKg'];
  const perKgLimit = p.limits.some((l) =>
    perKgMeasures.some((m) => l[m].soft !== null || l[m].hard !== null),
  );
  if ((perKg || perKgLimit) && p.weightBasis === null) {
    issues.push({
      path: 'weightBasis',
      message: 'a per-kg dose or limit needs a weight basis (actual, ideal or adjusted)',
    });
  }

  p.evidence.citations.forEach((c, i) => {
    if (!Object.hasOwn(REFERENCE_SECTIONS, c.section)) {
      issues.push({
        path: `evidence.citations.${i}.section`,
        message: `${c.section} is not a citable REFERENCE.md section`,
      });
    }
    if (!Object.hasOwn(REFERENCE_SOURCES, c.source)) {
      issues.push({
        path: `evidence.citations.${i}.source`,
        message: `${c.source} is not a citable REFERENCE.md source`,
      });
    }
  });
  p.drug.standardConcentrations.forEach((c, i) => {
    issues.push(...sourceIssues(c.source, `drug.standardConcentrations.${i}.source`));
  });
  if (p.basedOn !== undefined && p.basedOn.id === p.id) {
    issues.push({ path: 'basedOn.id', message: 'a clinic copy needs its own id' });
  }
  return issues;
}

/** Clinic values for one route: a number sets the limit (marked as the clinic's), null clears it. */
export type ClinicLimitChanges = Partial<
  Record<
    ProtocolRoute,
    Partial<Record<LimitMeasure, { readonly soft?: number | null; readonly hard?: number | null }>>
  >
>;

export interface ClinicCopyChanges {
  readonly id: string;
  readonly version: number;
  readonly name?: string;
  readonly limits?: ClinicLimitChanges;
  /** Replaces the standard concentrations (the clinic's own bags and vials). */
  readonly standardConcentrations?: readonly StandardConcentration[];
  /** Why the clinic set these values (shown as each value's source note). */
  readonly note: string;
}

/**
 * A clinic copy of `base`: same regimen, the clinic's id and version, `basedOn` the base, and the changed
 * limits sourced as the clinic's. Example: deriveClinicCopy(getProtocol('crps-4h-daily-10-days')!,
 * { id: 'clinic-crps-4h', version: 1, note: 'Medical director 2026-01', limits: { 'iv-infusion': { dailyDoseMg: { hard: 250 } } } }).
 */
export function deriveClinicCopy(base: Protocol, changes: ClinicCopyChanges): Protocol {
  const source: ValueSource = { kind: 'clinic', note: changes.note };
  const limits = base.limits.map((entry) => {
    const routeChanges = changes.limits?.[entry.route];
    if (routeChanges === undefined) return entry;
    const next = { ...entry };
    for (const measure of LIMIT_MEASURES) {
      const change = routeChanges[measure];
      if (change === undefined) continue;
      const pair = { ...next[measure] };
      if (change.soft !== undefined) pair.soft = change.soft === null ? null : { value: change.soft, source };
      if (change.hard !== undefined) pair.hard = change.hard === null ? null : { value: change.hard, source };
      next[measure] = pair;
    }
    return next;
  });
  return {
    ...base,
    id: changes.id,
    version: changes.version,
    name: changes.name ?? base.name,
    basedOn: { id: base.id, version: base.version },
    limits,
    drug: {
      ...base.drug,
      standardConcentrations:
        changes.standardConcentrations === undefined
          ? base.drug.standardConcentrations
          : [...changes.standardConcentrations],
    },
  };
}
