/**
 * Population simulation: virtual patients with log-normal (or logit-normal) inter-individual variability from
 * the model, or from user-stated assumptions that are labelled as such in the output; a seeded generator so
 * runs reproduce; percentile bands over time and the fraction of patients above a threshold.
 */
import type { IivSpec, PkModel } from './model-types.js';
import { omegaFromCvPercent } from './model-types.js';
import { buildInputPlan, compilePatientModel } from './patient-model.js';
import { createRandom } from './random.js';
import { resolveRegimen } from './regimen.js';
import { readModel, readPatient, readRegimen, readTimes } from './request.js';
import { summarizeModel, type ModelSummary, type SimulateRequest } from './simulate.js';
import { ExactSolution } from './solver/exact-solution.js';
import { checkValidity, type PkWarning } from './validity.js';
import { IssueCollector, isRecord, PharmacologyInputError } from './validation.js';

export const DEFAULT_PERCENTILES: readonly number[] = [5, 25, 50, 75, 95];
export const MAX_VIRTUAL_PATIENTS = 100_000;

export interface PopulationProgress {
  readonly completedPatients: number;
  readonly totalPatients: number;
}

export interface PopulationRequest extends Omit<SimulateRequest, 'includeAmounts'> {
  readonly nPatients: number;
  readonly seed: number;
  readonly percentiles?: readonly number[];
  /**
   * User-stated variability, CV % per parameter name (e.g. `{ CL: 30 }`), for models without published IIV
   * or to add to it. Reported as assumptions in the result.
   */
  readonly assumedIivCvPercent?: Readonly<Record<string, number>>;
  /** Called about every 1 % of patients (synchronously). */
  readonly onProgress?: (progress: PopulationProgress) => void;
}

export interface VariabilityTerm {
  readonly parameter: string;
  readonly scale: 'log' | 'logit';
  readonly omega: number;
  readonly source: 'published' | 'assumption';
  readonly note: string;
}

export interface AnalyteBands {
  /** One series per requested percentile, ng/mL at each time. */
  readonly percentiles: { readonly percentile: number; readonly ngPerMl: number[] }[];
  /** Fraction of patients above thresholdNgPerMl at each time (when a threshold was given). */
  readonly fractionAboveThreshold: number[] | null;
}

export interface PopulationResult {
  readonly model: ModelSummary;
  readonly unit: 'ng/mL';
  readonly timesMin: number[];
  readonly nPatients: number;
  readonly seed: number;
  readonly variability: readonly VariabilityTerm[];
  /** Plain-language list of assumptions; empty only when all variability is published. */
  readonly assumptions: readonly string[];
  readonly thresholdNgPerMl: number | null;
  readonly ketamine: AnalyteBands;
  readonly norketamine: AnalyteBands | null;
  readonly warnings: PkWarning[];
}

function variabilityTerms(model: PkModel, assumed: Readonly<Record<string, number>> | undefined, c: IssueCollector): VariabilityTerm[] {
  const terms: VariabilityTerm[] = model.iiv.map((s: IivSpec) => ({ parameter: s.parameter, scale: s.scale, omega: s.omega, source: 'published', note: s.published }));
  if (assumed !== undefined) {
    const names = model.parameters.map((p) => p.name);
    for (const [name, cv] of Object.entries(assumed)) {
      if (!names.includes(name)) {
        c.add(`assumedIivCvPercent.${name}`, `unknown parameter for ${model.id} (one of ${names.join(', ')})`);
        continue;
      }
      if (typeof cv !== 'number' || !Number.isFinite(cv) || cv < 0) {
        c.add(`assumedIivCvPercent.${name}`, 'must be a CV % ≥ 0');
        continue;
      }
      const i = terms.findIndex((t) => t.parameter === name);
      const term: VariabilityTerm = { parameter: name, scale: 'log', omega: omegaFromCvPercent(cv), source: 'assumption', note: `assumed CV ${cv} % (user-stated, not from the source)` };
      if (i >= 0) terms[i] = term;
      else terms.push(term);
    }
  }
  if (terms.length === 0) {
    c.add('assumedIivCvPercent', `${model.id} has no published inter-individual variability; state assumed CV % per parameter to run a population`);
  }
  return terms;
}

/** Percentile by linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default). */
function selectKth(a: Float64Array, lo0: number, hi0: number, k: number): void {
  let lo = lo0;
  let hi = hi0;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const pivot = Math.max(Math.min(a[lo] ?? 0, a[mid] ?? 0), Math.min(Math.max(a[lo] ?? 0, a[mid] ?? 0), a[hi] ?? 0));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] ?? 0) < pivot) i++;
      while ((a[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const t = a[i] ?? 0;
        a[i] = a[j] ?? 0;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function percentilesOf(column: Float64Array, ps: readonly number[], out: Float64Array): void {
  const n = column.length;
  const wanted = new Set<number>();
  for (const p of ps) {
    const h = ((n - 1) * p) / 100;
    wanted.add(Math.floor(h));
    wanted.add(Math.min(n - 1, Math.floor(h) + 1));
  }
  // Successive selections on shrinking ranges: after selecting k, everything right of k is ≥ a[k].
  let lo = 0;
  for (const k of [...wanted].sort((x, y) => x - y)) {
    selectKth(column, lo, n - 1, k);
    lo = k;
  }
  ps.forEach((p, i) => {
    const h = ((n - 1) * p) / 100;
    const f = Math.floor(h);
    const lowV = column[f] ?? 0;
    const highV = column[Math.min(n - 1, f + 1)] ?? 0;
    out[i] = lowV + (h - f) * (highV - lowV);
  });
}

function bands(matrix: Float64Array, nPatients: number, nTimes: number, ps: readonly number[], threshold: number | null): AnalyteBands {
  const series = ps.map(() => new Array<number>(nTimes));
  const above = threshold === null ? null : new Array<number>(nTimes);
  const column = new Float64Array(nPatients);
  const vals = new Float64Array(ps.length);
  for (let t = 0; t < nTimes; t++) {
    let count = 0;
    for (let i = 0; i < nPatients; i++) {
      const v = matrix[i * nTimes + t] ?? 0;
      column[i] = v;
      if (threshold !== null && v > threshold) count++;
    }
    percentilesOf(column, ps, vals);
    ps.forEach((_, k) => {
      const s = series[k];
      if (s !== undefined) s[t] = vals[k] ?? 0;
    });
    if (above !== null) above[t] = count / nPatients;
  }
  return { percentiles: ps.map((p, k) => ({ percentile: p, ngPerMl: series[k] ?? [] })), fractionAboveThreshold: above };
}

/** Uniform grid description of ascending times, or null when the spacing is not uniform. */
function uniformGrid(times: readonly number[]): { t0: number; dt: number } | null {
  if (times.length < 2) return null;
  const t0 = times[0] ?? 0;
  const dt = (times[1] ?? 0) - t0;
  if (!(dt > 0)) return null;
  for (let p = 0; p < times.length; p++) if (times[p] !== t0 + p * dt) return null;
  return { t0, dt };
}

/** Per-patient series (patient-major: value of patient i at time index t is matrix[i·nTimes + t]). */
export interface PopulationSeries {
  readonly model: PkModel;
  readonly timesMin: number[];
  readonly nPatients: number;
  readonly parentNgPerMl: Float64Array;
  readonly metaboliteNgPerMl: Float64Array | null;
  readonly variability: VariabilityTerm[];
  readonly assumptions: string[];
  readonly thresholdNgPerMl: number | null;
  readonly percentiles: readonly number[];
  readonly warnings: PkWarning[];
  readonly seed: number;
}

/**
 * Simulates nPatients virtual patients (same covariates, sampled η) and returns percentile bands. Throws
 * PharmacologyInputError naming the field on bad input.
 */
export function simulatePopulation(request: PopulationRequest): PopulationResult {
  const s = simulatePopulationSeries(request);
  const nT = s.timesMin.length;
  return {
    model: summarizeModel(s.model),
    unit: 'ng/mL',
    timesMin: s.timesMin,
    nPatients: s.nPatients,
    seed: s.seed,
    variability: s.variability,
    assumptions: s.assumptions,
    thresholdNgPerMl: s.thresholdNgPerMl,
    ketamine: bands(s.parentNgPerMl, s.nPatients, nT, s.percentiles, s.thresholdNgPerMl),
    norketamine: s.metaboliteNgPerMl === null ? null : bands(s.metaboliteNgPerMl, s.nPatients, nT, s.percentiles, s.thresholdNgPerMl),
    warnings: s.warnings,
  };
}

/** The raw per-patient series without bands (for benchmarks and custom statistics); same sampling per seed. */
export function simulatePopulationSeries(request: PopulationRequest): PopulationSeries {
  const c = new IssueCollector();
  const raw = request as unknown;
  if (!isRecord(raw)) throw new PharmacologyInputError([{ path: '', message: 'request must be an object' }]);
  const model = readModel(raw, c);
  const patient = readPatient(raw.patient, c);
  const regimen = readRegimen(raw.regimen, model, c);
  const timesMin = readTimes(raw, c);
  const nPatients = c.number(raw, 'nPatients', 'nPatients', { min: 1 });
  if (nPatients !== undefined && (!Number.isInteger(nPatients) || nPatients > MAX_VIRTUAL_PATIENTS)) c.add('nPatients', `must be an integer from 1 to ${MAX_VIRTUAL_PATIENTS}`);
  const seed = c.number(raw, 'seed', 'seed');
  if (seed !== undefined && !Number.isInteger(seed)) c.add('seed', 'must be an integer');
  const threshold = c.number(raw, 'thresholdNgPerMl', 'thresholdNgPerMl', { min: 0, required: false }) ?? null;
  const ps = request.percentiles ?? DEFAULT_PERCENTILES;
  ps.forEach((p, i) => {
    if (typeof p !== 'number' || !(p >= 0 && p <= 100)) c.add(`percentiles[${i}]`, 'must be between 0 and 100');
  });
  const terms = model === undefined ? [] : variabilityTerms(model, request.assumedIivCvPercent, c);
  if (c.issues.length > 0 || model === undefined || patient === undefined || regimen === undefined || timesMin === undefined || nPatients === undefined || seed === undefined) {
    throw new PharmacologyInputError(c.issues);
  }
  if (timesMin.length * nPatients > 40_000_000) throw new PharmacologyInputError([{ path: 'nPatients', message: 'patients × time points must stay under 40 million' }]);

  const doses = resolveRegimen(regimen, patient.weightKg);
  const nT = timesMin.length;
  const parentM = new Float64Array(nPatients * nT);
  const metM = model.analytes.metabolite === null ? null : new Float64Array(nPatients * nT);
  const rng = createRandom(seed);
  const etaValues = new Map<string, number>();
  const eta = (name: string): number => etaValues.get(name) ?? 0;
  const grid = uniformGrid(timesMin);
  const progressEvery = Math.max(1, Math.floor(nPatients / 100));
  for (let i = 0; i < nPatients; i++) {
    for (const t of terms) etaValues.set(t.parameter, t.omega * rng.normal());
    const pm = compilePatientModel(model, patient, eta);
    const sol = new ExactSolution(pm.modal, buildInputPlan(pm, doses));
    const outs = [parentM.subarray(i * nT, (i + 1) * nT)];
    const specs = [pm.parentOutput];
    if (metM !== null && pm.metaboliteOutput !== null) {
      outs.push(metM.subarray(i * nT, (i + 1) * nT));
      specs.push(pm.metaboliteOutput);
    }
    if (grid !== null) sol.accumulateGrid(grid.t0, grid.dt, nT, specs, outs);
    else sol.seriesAt(timesMin, specs, outs);
    if (request.onProgress !== undefined && ((i + 1) % progressEvery === 0 || i + 1 === nPatients)) {
      request.onProgress({ completedPatients: i + 1, totalPatients: nPatients });
    }
  }
  const assumptions = terms.filter((t) => t.source === 'assumption').map((t) => `${t.parameter}: ${t.note}`);
  if (model.id === 'esketamine/perez-ruixo-2021') assumptions.push('kmet: IIV published as estimated but its value is missing (not found); held at the typical value');
  return {
    model,
    timesMin,
    nPatients,
    parentNgPerMl: parentM,
    metaboliteNgPerMl: metM,
    variability: terms,
    assumptions,
    thresholdNgPerMl: threshold,
    percentiles: ps,
    warnings: checkValidity(model, patient, doses),
    seed,
  };
}
