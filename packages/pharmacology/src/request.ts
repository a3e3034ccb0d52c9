/**
 * Validation of the shared request parts (model id, patient, regimen, times) for simulate, population
 * and TCI, from unknown JSON, with issues that name the field.
 */
import type { PatientCovariates, PkModel } from './model-types.js';
import { findModel, MODELS } from './models/registry.js';
import { validateRegimen, type Regimen } from './regimen.js';
import { isRecord, type IssueCollector, type ValidationIssue } from './validation.js';

/** Upper bound on output points per call, so a typo in a grid cannot exhaust memory. */
export const MAX_TIME_POINTS = 2_000_000;

export function gridTimesMin(stepMin: number, untilMin: number, fromMin = 0): number[] {
  const count = Math.floor((untilMin - fromMin) / stepMin + 1e-9) + 1;
  const out = new Array<number>(count);
  for (let k = 0; k < count; k++) out[k] = fromMin + k * stepMin;
  return out;
}

export function readModel(obj: Record<string, unknown>, c: IssueCollector): PkModel | undefined {
  const id = obj.modelId;
  if (typeof id !== 'string') {
    c.add('modelId', 'is required (a model id such as ketamine/kamp-2020)');
    return undefined;
  }
  const model = findModel(id);
  if (model === undefined) c.add('modelId', `unknown model ${JSON.stringify(id)} (one of ${[...MODELS.keys()].join(', ')})`);
  return model;
}

export function readPatient(raw: unknown, c: IssueCollector, path = 'patient'): PatientCovariates | undefined {
  if (!isRecord(raw)) {
    c.add(path, 'is required: { weightKg, ageYears, sex, heightCm? }');
    return undefined;
  }
  c.unknownKeys(raw, ['weightKg', 'ageYears', 'sex', 'heightCm', 'raceAsian', 'raceJapanese'], path);
  const before = c.issues.length;
  const weightKg = c.number(raw, 'weightKg', `${path}.weightKg`, { min: 0, minExclusive: true });
  const ageYears = c.number(raw, 'ageYears', `${path}.ageYears`, { min: 0 });
  const sex = raw.sex;
  if (sex !== 'male' && sex !== 'female') c.add(`${path}.sex`, 'must be "male" or "female"');
  const heightCm = c.number(raw, 'heightCm', `${path}.heightCm`, { min: 0, minExclusive: true, required: false });
  for (const key of ['raceAsian', 'raceJapanese'] as const) {
    if (raw[key] !== undefined && typeof raw[key] !== 'boolean') c.add(`${path}.${key}`, 'must be true or false');
  }
  if (c.issues.length > before || weightKg === undefined || ageYears === undefined || (sex !== 'male' && sex !== 'female')) return undefined;
  return {
    weightKg,
    ageYears,
    sex,
    ...(heightCm === undefined ? {} : { heightCm }),
    ...(raw.raceAsian === true ? { raceAsian: true } : {}),
    ...(raw.raceJapanese === true ? { raceJapanese: true } : {}),
  };
}

export function readRegimen(raw: unknown, model: PkModel | undefined, c: IssueCollector): Regimen | undefined {
  const r = validateRegimen(raw, model, 'regimen');
  if (!r.ok) {
    for (const i of r.issues) c.add(i.path, i.message);
    return undefined;
  }
  return r.value;
}

/** Reads `timesMin: [...]` or `grid: { stepMin, untilMin, fromMin? }`; times must be finite, ≥ 0 and ascending. */
export function readTimes(obj: Record<string, unknown>, c: IssueCollector): number[] | undefined {
  if (obj.timesMin !== undefined && obj.grid !== undefined) {
    c.add('timesMin', 'give timesMin or grid, not both');
    return undefined;
  }
  if (obj.grid !== undefined) {
    const g = obj.grid;
    if (!isRecord(g)) {
      c.add('grid', 'must be { stepMin, untilMin, fromMin? }');
      return undefined;
    }
    c.unknownKeys(g, ['stepMin', 'untilMin', 'fromMin'], 'grid');
    const stepMin = c.number(g, 'stepMin', 'grid.stepMin', { min: 0, minExclusive: true });
    const untilMin = c.number(g, 'untilMin', 'grid.untilMin', { min: 0 });
    const fromMin = c.number(g, 'fromMin', 'grid.fromMin', { min: 0, required: false }) ?? 0;
    if (stepMin === undefined || untilMin === undefined) return undefined;
    if (untilMin < fromMin) {
      c.add('grid.untilMin', 'must be ≥ fromMin');
      return undefined;
    }
    if ((untilMin - fromMin) / stepMin + 1 > MAX_TIME_POINTS) {
      c.add('grid.stepMin', `grid would exceed ${MAX_TIME_POINTS} points`);
      return undefined;
    }
    return gridTimesMin(stepMin, untilMin, fromMin);
  }
  const t = obj.timesMin;
  if (!Array.isArray(t) || t.length === 0) {
    c.add('timesMin', 'is required: a non-empty ascending array of minutes (or give grid)');
    return undefined;
  }
  if (t.length > MAX_TIME_POINTS) {
    c.add('timesMin', `at most ${MAX_TIME_POINTS} points`);
    return undefined;
  }
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const v: unknown = t[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      c.add(`timesMin[${i}]`, 'must be a finite number ≥ 0');
      return undefined;
    }
    if (i > 0 && v < (out[i - 1] ?? 0)) {
      c.add(`timesMin[${i}]`, 'times must be in ascending order');
      return undefined;
    }
    out.push(v);
  }
  return out;
}

export function issuesOf(c: IssueCollector): readonly ValidationIssue[] {
  return c.issues;
}
