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
import { PopulationKernel } from './solver/population-kernel.js';
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

/**
 * Places the order statistics ks[kLo..kHi] (ascending indices in lo..hi) at their sorted positions of a[lo..hi]:
 * one Hoare partition, then recursion only into the sides that still hold a wanted index (multi-quickselect,
 * about n·(1 + log₂ of the number of wanted indices) comparisons instead of a full sort).
 */
function selectMany(a: Float64Array, lo0: number, hi0: number, ks: Int32Array, kLo0: number, kHi0: number): void {
  let lo = lo0;
  let hi = hi0;
  let kLo = kLo0;
  let kHi = kHi0;
  while (kLo <= kHi && hi > lo) {
    if (hi - lo < 16) {
      for (let i = lo + 1; i <= hi; i++) {
        const x = a[i] ?? 0;
        let j = i - 1;
        while (j >= lo && (a[j] ?? 0) > x) {
          a[j + 1] = a[j] ?? 0;
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    const mid = (lo + hi) >> 1;
    const x0 = a[lo] ?? 0;
    const x1 = a[mid] ?? 0;
    const x2 = a[hi] ?? 0;
    const pivot = Math.max(Math.min(x0, x1), Math.min(Math.max(x0, x1), x2));
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
    // a[lo..j] ≤ pivot, a[j+1..i-1] = pivot, a[i..hi] ≥ pivot. Wanted indices split into three runs.
    let leftEnd = kLo;
    while (leftEnd <= kHi && (ks[leftEnd] ?? 0) <= j) leftEnd++;
    let rightStart = leftEnd;
    while (rightStart <= kHi && (ks[rightStart] ?? 0) < i) rightStart++;
    const leftSize = j - lo;
    const rightSize = hi - i;
    // Recurse into the smaller side, loop on the larger (bounded stack).
    if (leftSize < rightSize) {
      selectMany(a, lo, j, ks, kLo, leftEnd - 1);
      lo = i;
      kLo = rightStart;
    } else {
      selectMany(a, i, hi, ks, rightStart, kHi);
      hi = j;
      kHi = leftEnd - 1;
    }
  }
}

/**
 * Exact order statistics of a column by value bucketing (a one-level distribution select): value v goes to
 * bucket ⌊(v − lo)·B/(hi − lo)⌋ clamped to [0, B − 1], a monotone map, so every value of a bucket is ≤ every
 * value of the next one. [lo, hi] is the previous column's range (bands walk through time, so it moves
 * little), or this column's own on the first column; clamping keeps any range exact, only slower when most
 * values land in one bucket. One pass counts the buckets (and tracks this column's range), prefix sums locate
 * the bucket holding each wanted rank, a second pass gathers only those buckets' values, and the ranks are
 * selected inside them (multi-quickselect on a few dozen values). Non-finite values fall back to
 * multi-quickselect over the column.
 */
export class RankSelector {
  private readonly nb: number;
  private readonly bucketOf: Uint16Array;
  private readonly hist: Int32Array;
  /** Gather position of each bucket's next value, −1 for buckets not gathered. */
  private readonly slot: Int32Array;
  private readonly sub: Float64Array;
  private readonly stretchStart: Int32Array;
  private readonly stretchEnd: Int32Array;
  private readonly pos: Int32Array;
  /** The previous column's range (NaN before the first column or after an unusable one). */
  private estLo = Number.NaN;
  private estHi = Number.NaN;

  constructor(n: number, nRanks: number) {
    this.nb = Math.max(1, Math.min(65_535, n >> 2));
    this.bucketOf = new Uint16Array(n);
    this.hist = new Int32Array(this.nb);
    this.slot = new Int32Array(this.nb).fill(-1);
    this.sub = new Float64Array(n);
    this.stretchStart = new Int32Array(nRanks);
    this.stretchEnd = new Int32Array(nRanks);
    this.pos = new Int32Array(nRanks);
  }

  /** Puts the order statistics ks (ascending, distinct ranks) of column at their sorted positions column[k]. */
  select(column: Float64Array, ks: Int32Array): void {
    const n = column.length;
    const nk = ks.length;
    const { nb, bucketOf, hist } = this;
    const top = nb - 1;
    let mn = Number.POSITIVE_INFINITY;
    let mx = Number.NEGATIVE_INFINITY;
    let nan = false;
    if (this.estHi > this.estLo) {
      // Bucket over the previous column's range (bands walk through time, so it moves little), clamped at both
      // ends, which keeps the map monotone; this column's own range is tracked for the next one.
      const lo = this.estLo;
      const scale = nb / (this.estHi - lo);
      for (let i = 0; i < n; i++) {
        const v = column[i] ?? 0;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
        if (v !== v) nan = true;
        const x = (v - lo) * scale;
        const bi = x <= 0 ? 0 : x >= top ? top : x | 0;
        bucketOf[i] = bi;
        hist[bi] = (hist[bi] ?? 0) + 1;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = column[i] ?? 0;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
        if (v !== v) nan = true;
      }
      const scale = nb / (mx - mn);
      if (!nan && mx > mn && Number.isFinite(scale)) {
        for (let i = 0; i < n; i++) {
          // (v − mn)·scale ∈ [0, nb]: truncation is floor here.
          let bi = (((column[i] ?? 0) - mn) * scale) | 0;
          if (bi > top) bi = top;
          bucketOf[i] = bi;
          hist[bi] = (hist[bi] ?? 0) + 1;
        }
      } else hist[0] = n;
    }
    const usable = !nan && mx > mn && Number.isFinite(nb / (mx - mn));
    this.estLo = usable ? mn : Number.NaN;
    this.estHi = usable ? mx : Number.NaN;
    if (!nan && mn === mx) {
      hist.fill(0);
      for (let j = 0; j < nk; j++) column[ks[j] ?? 0] = mn;
      return;
    }
    if (!usable) {
      // Non-finite values or a range too narrow to scale: multi-quickselect over the whole column.
      hist.fill(0);
      selectMany(column, 0, n - 1, ks, 0, nk - 1);
      return;
    }
    this.locate(ks);
    const { slot, sub, pos } = this;
    for (let i = 0; i < n; i++) {
      const bi = bucketOf[i] ?? 0;
      const to = slot[bi] ?? -1;
      if (to >= 0) {
        sub[to] = column[i] ?? 0;
        slot[bi] = to + 1;
      }
    }
    this.finish(ks);
    for (let j = 0; j < nk; j++) column[ks[j] ?? 0] = sub[pos[j] ?? 0] ?? 0;
  }

  /**
   * select() for a float32 column (a column of a time-major matrix), read in place: the value of rank ks[j]
   * goes to out[j]. Also returns how many values exceed thr (counted in the same pass).
   */
  select32(column: Float32Array, ks: Int32Array, thr: number, out: Float64Array): number {
    const n = column.length;
    const nk = ks.length;
    const { nb, bucketOf, hist, sub } = this;
    const top = nb - 1;
    let mn = Number.POSITIVE_INFINITY;
    let mx = Number.NEGATIVE_INFINITY;
    let nan = false;
    let above = 0;
    if (this.estHi > this.estLo) {
      const lo = this.estLo;
      const scale = nb / (this.estHi - lo);
      for (let i = 0; i < n; i++) {
        const v = column[i] ?? 0;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
        if (v !== v) nan = true;
        if (v > thr) above++;
        const x = (v - lo) * scale;
        const bi = x <= 0 ? 0 : x >= top ? top : x | 0;
        bucketOf[i] = bi;
        hist[bi] = (hist[bi] ?? 0) + 1;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = column[i] ?? 0;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
        if (v !== v) nan = true;
        if (v > thr) above++;
      }
      const scale = nb / (mx - mn);
      if (!nan && mx > mn && Number.isFinite(scale)) {
        for (let i = 0; i < n; i++) {
          let bi = (((column[i] ?? 0) - mn) * scale) | 0;
          if (bi > top) bi = top;
          bucketOf[i] = bi;
          hist[bi] = (hist[bi] ?? 0) + 1;
        }
      } else hist[0] = n;
    }
    const usable = !nan && mx > mn && Number.isFinite(nb / (mx - mn));
    this.estLo = usable ? mn : Number.NaN;
    this.estHi = usable ? mx : Number.NaN;
    if (!nan && mn === mx) {
      hist.fill(0);
      out.fill(mn, 0, nk);
      return above;
    }
    if (!usable) {
      hist.fill(0);
      sub.set(column);
      selectMany(sub, 0, n - 1, ks, 0, nk - 1);
      for (let j = 0; j < nk; j++) out[j] = sub[ks[j] ?? 0] ?? 0;
      return above;
    }
    this.locate(ks);
    const { slot, pos } = this;
    for (let i = 0; i < n; i++) {
      const bi = bucketOf[i] ?? 0;
      const to = slot[bi] ?? -1;
      if (to >= 0) {
        sub[to] = column[i] ?? 0;
        slot[bi] = to + 1;
      }
    }
    this.finish(ks);
    for (let j = 0; j < nk; j++) out[j] = sub[pos[j] ?? 0] ?? 0;
    return above;
  }

  /**
   * From the bucket counts: the bucket of each wanted rank (ranks ascending, so one walk over the prefix sums),
   * its stretch in the gathered values (buckets gathered in ascending order, slot[b] = its first position) and
   * the rank's position once the stretch is sorted. Clears the counts.
   */
  private locate(ks: Int32Array): void {
    const { hist, slot, stretchStart, stretchEnd, pos } = this;
    let b = 0;
    let below = 0;
    let gathered = 0;
    for (let j = 0; j < ks.length; j++) {
      const k = ks[j] ?? 0;
      while (below + (hist[b] ?? 0) <= k) below += hist[b++] ?? 0;
      if ((slot[b] ?? 0) < 0) {
        slot[b] = gathered;
        gathered += hist[b] ?? 0;
      }
      stretchStart[j] = slot[b] ?? 0;
      stretchEnd[j] = (slot[b] ?? 0) + (hist[b] ?? 0) - 1;
      pos[j] = (slot[b] ?? 0) + (k - below);
    }
    hist.fill(0);
  }

  /** After the gather: selects each stretch's ranks in place (sub[pos[j]] is then rank ks[j]); resets slots. */
  private finish(ks: Int32Array): void {
    const { sub, stretchStart, stretchEnd, pos } = this;
    const nk = ks.length;
    for (let j = 0; j < nk; ) {
      let j1 = j;
      while (j1 + 1 < nk && stretchStart[j1 + 1] === stretchStart[j]) j1++;
      selectMany(sub, stretchStart[j] ?? 0, stretchEnd[j] ?? 0, pos, j, j1);
      j = j1 + 1;
    }
    this.slot.fill(-1);
  }
}

/** Percentiles by linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default). */
function percentilesOf(column: Float64Array, ps: readonly number[], ks: Int32Array, out: Float64Array, selector: RankSelector): void {
  const n = column.length;
  selector.select(column, ks);
  for (let i = 0; i < ps.length; i++) {
    const h = ((n - 1) * (ps[i] ?? 0)) / 100;
    const f = Math.floor(h);
    const lowV = column[f] ?? 0;
    const highV = column[Math.min(n - 1, f + 1)] ?? 0;
    out[i] = lowV + (h - f) * (highV - lowV);
  }
}

/** Time points per tile when bands gather columns out of the patient-major matrix. */
const BAND_TILE = 32;

/**
 * Columns t0 … t0 + width − 1 of the patient-major matrix into tile (time-major: tile[q·nPatients + i]), and
 * how many values of each exceed thr. One copy per storage type, so that each loop sees one array type.
 */
function gatherTile32(matrix: Float32Array, nPatients: number, nTimes: number, t0: number, width: number, thr: number, tile: Float64Array, counts: Int32Array): void {
  counts.fill(0);
  for (let i = 0; i < nPatients; i++) {
    const row = i * nTimes + t0;
    for (let q = 0; q < width; q++) {
      const v = matrix[row + q] ?? 0;
      tile[q * nPatients + i] = v;
      if (v > thr) counts[q] = (counts[q] ?? 0) + 1;
    }
  }
}

function gatherTile64(matrix: Float64Array, nPatients: number, nTimes: number, t0: number, width: number, thr: number, tile: Float64Array, counts: Int32Array): void {
  counts.fill(0);
  for (let i = 0; i < nPatients; i++) {
    const row = i * nTimes + t0;
    for (let q = 0; q < width; q++) {
      const v = matrix[row + q] ?? 0;
      tile[q * nPatients + i] = v;
      if (v > thr) counts[q] = (counts[q] ?? 0) + 1;
    }
  }
}

function bands(matrix: Float64Array | Float32Array, nPatients: number, nTimes: number, ps: readonly number[], threshold: number | null): AnalyteBands {
  const series = ps.map(() => new Array<number>(nTimes));
  const above = threshold === null ? null : new Array<number>(nTimes);
  const ks = wantedRanks(nPatients, ps);
  // Columns are gathered a tile of time points at a time: each patient's row is read contiguously.
  const tile = new Float64Array(BAND_TILE * nPatients);
  const counts = new Int32Array(BAND_TILE);
  const vals = new Float64Array(ps.length);
  const selector = new RankSelector(nPatients, ks.length);
  const thr = threshold ?? Number.POSITIVE_INFINITY;
  for (let t0 = 0; t0 < nTimes; t0 += BAND_TILE) {
    const width = Math.min(BAND_TILE, nTimes - t0);
    if (matrix instanceof Float32Array) gatherTile32(matrix, nPatients, nTimes, t0, width, thr, tile, counts);
    else gatherTile64(matrix, nPatients, nTimes, t0, width, thr, tile, counts);
    for (let q = 0; q < width; q++) {
      percentilesOf(tile.subarray(q * nPatients, (q + 1) * nPatients), ps, ks, vals, selector);
      for (let k = 0; k < ps.length; k++) {
        const s = series[k];
        if (s !== undefined) s[t0 + q] = vals[k] ?? 0;
      }
      if (above !== null) above[t0 + q] = (counts[q] ?? 0) / nPatients;
    }
  }
  return { percentiles: ps.map((p, k) => ({ percentile: p, ngPerMl: series[k] ?? [] })), fractionAboveThreshold: above };
}

/** bands() for a time-major float32 matrix: each column is contiguous and selected in place (select32). */
function bandsTimeMajor(matrix: Float32Array, nPatients: number, nTimes: number, ps: readonly number[], threshold: number | null): AnalyteBands {
  const series = ps.map(() => new Array<number>(nTimes));
  const above = threshold === null ? null : new Array<number>(nTimes);
  const ks = wantedRanks(nPatients, ps);
  // For each percentile: the positions in ks of its two order statistics and its interpolation weight.
  const lowAt = new Int32Array(ps.length);
  const highAt = new Int32Array(ps.length);
  const frac = new Float64Array(ps.length);
  ps.forEach((p, i) => {
    const h = ((nPatients - 1) * p) / 100;
    const f = Math.floor(h);
    lowAt[i] = ks.indexOf(f);
    highAt[i] = ks.indexOf(Math.min(nPatients - 1, f + 1));
    frac[i] = h - f;
  });
  const values = new Float64Array(ks.length);
  const selector = new RankSelector(nPatients, ks.length);
  const thr = threshold ?? Number.POSITIVE_INFINITY;
  for (let t = 0; t < nTimes; t++) {
    const count = selector.select32(matrix.subarray(t * nPatients, (t + 1) * nPatients), ks, thr, values);
    if (above !== null) above[t] = count / nPatients;
    for (let k = 0; k < ps.length; k++) {
      const lowV = values[lowAt[k] ?? 0] ?? 0;
      const highV = values[highAt[k] ?? 0] ?? 0;
      const s = series[k];
      if (s !== undefined) s[t] = lowV + (frac[k] ?? 0) * (highV - lowV);
    }
  }
  return { percentiles: ps.map((p, k) => ({ percentile: p, ngPerMl: series[k] ?? [] })), fractionAboveThreshold: above };
}

/** The order statistics type-7 percentiles need (floor and floor + 1 of (n − 1)·p/100), ascending and distinct. */
function wantedRanks(nPatients: number, ps: readonly number[]): Int32Array {
  const wanted = new Set<number>();
  for (const p of ps) {
    const h = ((nPatients - 1) * p) / 100;
    wanted.add(Math.floor(h));
    wanted.add(Math.min(nPatients - 1, Math.floor(h) + 1));
  }
  return Int32Array.from([...wanted].sort((x, y) => x - y));
}

/** Patients per block transposed into a time-major matrix (16 float32 values: one cache line per time point). */
const TRANSPOSE_BLOCK = 16; // transposeBlock unrolls exactly this many rows

/** Rows 0 … rows − 1 of block (row-major, nT per row) into matrix[t·nPatients + first + row]. */
function transposeBlock(block: Float32Array, rows: number, nT: number, matrix: Float32Array, nPatients: number, first: number): void {
  if (rows === 16) {
    // A full block, unrolled: sixteen independent loads and one run of sixteen stores per time point.
    for (let t = 0; t < nT; t++) {
      const d = t * nPatients + first;
      matrix[d] = block[t] ?? 0;
      matrix[d + 1] = block[nT + t] ?? 0;
      matrix[d + 2] = block[2 * nT + t] ?? 0;
      matrix[d + 3] = block[3 * nT + t] ?? 0;
      matrix[d + 4] = block[4 * nT + t] ?? 0;
      matrix[d + 5] = block[5 * nT + t] ?? 0;
      matrix[d + 6] = block[6 * nT + t] ?? 0;
      matrix[d + 7] = block[7 * nT + t] ?? 0;
      matrix[d + 8] = block[8 * nT + t] ?? 0;
      matrix[d + 9] = block[9 * nT + t] ?? 0;
      matrix[d + 10] = block[10 * nT + t] ?? 0;
      matrix[d + 11] = block[11 * nT + t] ?? 0;
      matrix[d + 12] = block[12 * nT + t] ?? 0;
      matrix[d + 13] = block[13 * nT + t] ?? 0;
      matrix[d + 14] = block[14 * nT + t] ?? 0;
      matrix[d + 15] = block[15 * nT + t] ?? 0;
    }
    return;
  }
  for (let t = 0; t < nT; t++) {
    const dst = t * nPatients + first;
    for (let q = 0; q < rows; q++) matrix[dst + q] = block[q * nT + t] ?? 0;
  }
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

/** Engine options (not part of the request shape the CLI and API accept). */
export interface PopulationOptions {
  /**
   * 'auto' (default): the population fast path on uniform grids (PopulationKernel), the general modal
   * solver otherwise; 'general': always the general solver (used by tests to check the fast path).
   */
  readonly solver?: 'auto' | 'general';
  /**
   * Storage of the per-patient series: 'float64' (default) or 'float32'. simulatePopulation stores float32:
   * percentile bands and threshold fractions need ~7 significant digits at most (values are computed in
   * float64 and rounded once, relative error ≤ 6e-8), and the matrix then takes half the memory.
   */
  readonly precision?: 'float64' | 'float32';
  /**
   * Memory to reuse across runs (a service answering many population requests): the per-patient matrices
   * are views into the workspace's buffers, allocated on first use and kept, so later runs skip allocating
   * and first touching ~100 MB. A series returned from a run with a workspace is overwritten by the next run
   * that uses the same workspace; copy it if you need to keep it. Results are identical with or without one.
   */
  readonly workspace?: PopulationWorkspace;
}

/**
 * Reusable memory for population runs (see PopulationOptions.workspace). One buffer per slot (0: parent,
 * 1: metabolite), viewed as float64 or float32 as a run asks, grown to the largest run seen (smaller runs use
 * a prefix), so a workspace holds at most the two matrices of its largest run. Not for concurrent runs.
 */
export class PopulationWorkspace {
  private readonly buffers: (ArrayBuffer | undefined)[] = [];

  /** Slot `slot` as a Float64Array of exactly `length` values (contents unspecified). */
  float64(slot: number, length: number): Float64Array {
    return new Float64Array(this.bytes(slot, 8 * length), 0, length);
  }

  /** Slot `slot` as a Float32Array of exactly `length` values (contents unspecified). */
  float32(slot: number, length: number): Float32Array {
    return new Float32Array(this.bytes(slot, 4 * length), 0, length);
  }

  private bytes(slot: number, byteLength: number): ArrayBuffer {
    let b = this.buffers[slot];
    if (b === undefined || b.byteLength < byteLength) {
      b = new ArrayBuffer(byteLength);
      this.buffers[slot] = b;
    }
    return b;
  }
}

/** Per-patient series (patient-major: value of patient i at time index t is matrix[i·nTimes + t]). */
export interface PopulationSeries {
  readonly model: PkModel;
  readonly timesMin: number[];
  readonly nPatients: number;
  /** Float64Array unless options.precision was 'float32'. */
  readonly parentNgPerMl: Float64Array | Float32Array;
  readonly metaboliteNgPerMl: Float64Array | Float32Array | null;
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
export function simulatePopulation(request: PopulationRequest, options: PopulationOptions = {}): PopulationResult {
  const opts: PopulationOptions = { precision: 'float32', ...options };
  // Float32 storage (the default here) is laid out time-major, each time point's values of all patients
  // contiguous, so the bands read columns directly; float64 keeps the patient-major matrix and gathers tiles.
  const timeMajor = opts.precision === 'float32';
  const s = populationSeries(request, opts, timeMajor);
  const nT = s.timesMin.length;
  const band = (m: Float64Array | Float32Array): AnalyteBands =>
    timeMajor && m instanceof Float32Array ? bandsTimeMajor(m, s.nPatients, nT, s.percentiles, s.thresholdNgPerMl) : bands(m, s.nPatients, nT, s.percentiles, s.thresholdNgPerMl);
  return {
    model: summarizeModel(s.model),
    unit: 'ng/mL',
    timesMin: s.timesMin,
    nPatients: s.nPatients,
    seed: s.seed,
    variability: s.variability,
    assumptions: s.assumptions,
    thresholdNgPerMl: s.thresholdNgPerMl,
    ketamine: band(s.parentNgPerMl),
    norketamine: s.metaboliteNgPerMl === null ? null : band(s.metaboliteNgPerMl),
    warnings: s.warnings,
  };
}

/** The raw per-patient series without bands (for benchmarks and custom statistics); same sampling per seed. */
export function simulatePopulationSeries(request: PopulationRequest, options: PopulationOptions = {}): PopulationSeries {
  return populationSeries(request, options, false);
}

/**
 * simulatePopulationSeries, optionally time-major (float32 only): the value of patient i at time index t is
 * then matrix[t·nPatients + i]. Same sampling and values either way.
 */
function populationSeries(request: PopulationRequest, options: PopulationOptions, timeMajor: boolean): PopulationSeries {
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
  const single = options.precision === 'float32' || timeMajor;
  const size = nPatients * nT;
  const ws = options.workspace;
  const hasMetabolite = model.analytes.metabolite !== null;
  const parentM = single ? (ws?.float32(0, size) ?? new Float32Array(size)) : (ws?.float64(0, size) ?? new Float64Array(size));
  const metM = !hasMetabolite ? null : single ? (ws?.float32(1, size) ?? new Float32Array(size)) : (ws?.float64(1, size) ?? new Float64Array(size));
  const rng = createRandom(seed);
  const etaValues = new Map<string, number>();
  const eta = (name: string): number => etaValues.get(name) ?? 0;
  const grid = uniformGrid(timesMin);
  // Fast path (uniform grid, star-shaped compartment blocks): writes every patient's series straight into the
  // matrix. Patients it cannot take fall back one by one to the general solver (float64 rows, then copied).
  const kernel = grid === null || options.solver === 'general' ? null : PopulationKernel.create(compilePatientModel(model, patient), { t0: grid.t0, dt: grid.dt, count: nT });
  let parentRow: Float64Array | null = null;
  let metRow: Float64Array | null = null;
  // Time-major: patients are computed as rows into a small float32 block (in cache), which is transposed into
  // the matrix every TRANSPOSE_BLOCK patients (each time point then receives a run of contiguous values).
  const blockP = timeMajor ? new Float32Array(TRANSPOSE_BLOCK * nT) : null;
  const blockM = timeMajor && metM !== null ? new Float32Array(TRANSPOSE_BLOCK * nT) : null;
  const progressEvery = Math.max(1, Math.floor(nPatients / 100));
  for (let i = 0; i < nPatients; i++) {
    for (const t of terms) etaValues.set(t.parameter, t.omega * rng.normal());
    const r = i % TRANSPOSE_BLOCK;
    const outP = blockP ?? parentM;
    const outM = blockM ?? metM;
    const offset = blockP === null ? i * nT : r * nT;
    if (kernel === null || !kernel.run(model.build(patient, eta), doses, outP, outM, offset)) {
      parentRow ??= new Float64Array(nT);
      if (metM !== null) metRow ??= new Float64Array(nT);
      parentRow.fill(0);
      metRow?.fill(0);
      const pm = compilePatientModel(model, patient, eta);
      const sol = new ExactSolution(pm.modal, buildInputPlan(pm, doses));
      const outs = [parentRow];
      const specs = [pm.parentOutput];
      if (metRow !== null && pm.metaboliteOutput !== null) {
        outs.push(metRow);
        specs.push(pm.metaboliteOutput);
      }
      if (grid !== null) sol.accumulateGrid(grid.t0, grid.dt, nT, specs, outs);
      else sol.seriesAt(timesMin, specs, outs);
      outP.set(parentRow, offset);
      if (outM !== null && metRow !== null) outM.set(metRow, offset);
    }
    if (blockP !== null && parentM instanceof Float32Array && (r === TRANSPOSE_BLOCK - 1 || i === nPatients - 1)) {
      transposeBlock(blockP, r + 1, nT, parentM, nPatients, i - r);
      if (blockM !== null && metM instanceof Float32Array) transposeBlock(blockM, r + 1, nT, metM, nPatients, i - r);
    }
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
