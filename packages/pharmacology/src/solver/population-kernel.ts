/**
 * Population fast path for linear models on a uniform output grid. Same mathematics as `decompose` +
 * `ExactSolution` (exact modal propagation across piecewise-constant inputs), specialised for many patients
 * that share a model structure and a regimen and differ only in parameters:
 *
 * - The block structure (strongly connected compartment groups, their order, the cross-block transfers) is
 *   analysed once from the typical patient. Every block must be a single compartment or a star (a hub
 *   exchanging reversibly with leaves: the mammillary form of every model in MODELS.md); otherwise `create`
 *   returns null and the population uses the general path.
 * - Per patient, each star block is diagonalised in closed form: its symmetrised matrix is an arrowhead,
 *   whose eigenvalues are the roots of the secular equation λ − α − Σ βᵢ²/(λ − δᵢ) = 0, one in each interval
 *   between consecutive leaf diagonals (found to machine precision by bracketed Newton, started from the
 *   closed-form quadratic / cubic roots for one- and two-leaf stars, see star-roots.ts), and whose
 *   eigenvectors are (1, βᵢ/(λ − δᵢ)). Cross-block eigenvector parts follow by the same block substitution as
 *   `decompose`, applied through the blocks' eigen-decompositions. Nothing is allocated per patient except
 *   the regimen's input plan.
 * - The grid is stepped with one exp per mode per patient (and per segment start off the grid), all modes of a
 *   group in registers (see grid-kernels.ts), writing every point of the patient's row directly (float64, or
 *   float32 rounded once from the float64 sum).
 *
 * A patient whose parameters make the closed form ill-conditioned (coincident eigenvalues or leaf rates, a
 * transfer switched off) is reported back (`run` returns false) and goes through the general path.
 */
import { amountMgInVolumeLToNgPerMl } from '@ketapath/units';
import type { SystemSpec } from '../model-types.js';
import { planInputs, type PatientModel } from '../patient-model.js';
import type { ResolvedDose } from '../regimen.js';
import {
  addDecay1,
  addDecay1F32,
  addDecay2F32,
  addDecay3F32,
  addDecay4F32,
  addDrive1F32,
  addDrive2F32,
  addDrive3F32,
  addDrive4F32,
  addDecay2,
  addDecay3,
  addDecay4,
  addDrive1,
  addDrive2,
  addDrive3,
  addDrive4,
  setDecay1,
  setDecay1F32,
  setDecay2,
  setDecay2F32,
  setDecay3,
  setDecay3F32,
  setDecay4,
  setDecay4F32,
  setDrive1,
  setDrive1F32,
  setDrive2,
  setDrive2F32,
  setDrive3,
  setDrive3F32,
  setDrive4,
  setDrive4F32,
} from './grid-kernels.js';
import { buildRateMatrix } from './modal.js';
import { phi1 } from './phi.js';
import { starCubicRoots, starQuadraticRoots } from './star-roots.js';

/**
 * Relative separation under which two poles of a star block, or a root and a pole, count as coincident. An
 * eigenvector component βᵢ/(λ − δᵢ) carries a relative error of about ε·|λ|/|λ − δᵢ| (λ is exact to an ulp or
 * so), so this keeps the closed-form eigenvectors to ~2e-10 relative; closer patients take the general path.
 */
const NEAR_REL = 1e-6;
/**
 * Relative separation under which an eigenvalue of one block and one of a block it feeds count as close.
 * Modal amplitudes then grow like 1/gap and cancel in the sum, so both this path and the general one lose
 * digits (≈ 1e-16/gap of the peak); such patients (a few per cent under wide IIV) take the general path so
 * that the two paths agree to 1e-9 everywhere.
 */
const CROSS_GAP_REL = 1e-3;

// Two monomorphic accessors (one array type each): a shared one made every inlined access polymorphic.
function at(a: Float64Array, i: number): number {
  return a[i] ?? 0;
}

function ati(a: Int32Array, i: number): number {
  return a[i] ?? 0;
}

interface BlockLayout {
  /** States of the block, the hub first (a single state for a one-compartment block). */
  readonly states: Int32Array;
  /** First mode of the block; its modes are start … start + size − 1. */
  readonly start: number;
}

export interface UniformGrid {
  readonly t0: number;
  readonly dt: number;
  readonly count: number;
}

export class PopulationKernel {
  private readonly n: number;
  private readonly modelId: string;
  private readonly stateNames: readonly string[];
  private readonly transferFrom: readonly string[];
  private readonly transferTo: readonly (string | null)[];
  private readonly transferIdx: Int32Array;
  private readonly transferPositive: Uint8Array;
  private readonly blocks: readonly BlockLayout[];
  private readonly stateBlock: Int32Array;
  private readonly blockReach: Uint8Array;
  /** Cross-block couplings (target state, source state) with source block < target block. */
  private readonly crossTo: Int32Array;
  private readonly crossFrom: Int32Array;
  private readonly outputStates: Int32Array;
  private readonly grid: UniformGrid;
  // Per-patient work arrays.
  private readonly a: Float64Array;
  private readonly lam: Float64Array;
  private readonly v: Float64Array;
  private readonly w: Float64Array;
  private readonly rhs: Float64Array;
  private readonly z: Float64Array;
  private readonly poles: Float64Array;
  private readonly beta2: Float64Array;
  private readonly order: Int32Array;
  private readonly m: Float64Array;
  private readonly u: Float64Array;
  private readonly ms: Float64Array;
  private readonly decay: Float64Array;
  private readonly gstep: Float64Array;
  private readonly coef: Float64Array;
  private readonly activeMode: Uint8Array;
  private readonly outModes: Int32Array;
  private readonly outCount: Int32Array;
  private readonly gy: Float64Array;
  private readonly gd: Float64Array;
  private readonly gh: Float64Array;
  /** Each mode's eigenvalue for the previous patient: the starting point of the next root search. */
  private readonly lastRoot: Float64Array;
  /** Closed-form starting points of a block's roots (one- and two-leaf stars), largest first. */
  private readonly guess: Float64Array;
  private readonly events: number[] = [];
  /** One float64 series (a float32 output of more than four modes is summed here first). */
  private readonly scratch: Float64Array;

  private constructor(typical: PatientModel, grid: UniformGrid, blocks: BlockLayout[], a: Float64Array) {
    const n = typical.stateNames.length;
    this.n = n;
    this.modelId = typical.model.id;
    this.stateNames = typical.stateNames;
    this.transferFrom = typical.spec.transfers.map((t) => t.from);
    this.transferTo = typical.spec.transfers.map((t) => t.to);
    this.transferIdx = Int32Array.from(typical.spec.transfers.flatMap((t) => [typical.stateNames.indexOf(t.from), t.to === null ? -1 : typical.stateNames.indexOf(t.to)]));
    this.transferPositive = Uint8Array.from(typical.spec.transfers.map((t) => (t.kPerMin > 0 ? 1 : 0)));
    this.blocks = blocks;
    this.stateBlock = Int32Array.from(typical.modal.stateBlock);
    this.blockReach = Uint8Array.from(typical.modal.blockReach);
    const crossTo: number[] = [];
    const crossFrom: number[] = [];
    for (let t = 0; t < n; t++) for (let s = 0; s < n; s++) {
      if (t !== s && at(a, t * n + s) !== 0 && ati(this.stateBlock, s) !== ati(this.stateBlock, t)) {
        crossTo.push(t);
        crossFrom.push(s);
      }
    }
    this.crossTo = Int32Array.from(crossTo);
    this.crossFrom = Int32Array.from(crossFrom);
    this.outputStates = Int32Array.from(typical.metaboliteState === null ? [typical.parentState] : [typical.parentState, typical.metaboliteState]);
    this.grid = grid;
    this.a = new Float64Array(n * n);
    this.lam = new Float64Array(n);
    this.v = new Float64Array(n * n);
    this.w = new Float64Array(n * n);
    this.rhs = new Float64Array(n);
    this.z = new Float64Array(n);
    this.poles = new Float64Array(n);
    this.beta2 = new Float64Array(n);
    this.order = new Int32Array(n);
    this.m = new Float64Array(n);
    this.u = new Float64Array(n);
    this.ms = new Float64Array(n);
    this.decay = new Float64Array(n);
    this.gstep = new Float64Array(n);
    this.coef = new Float64Array(2 * n);
    this.activeMode = new Uint8Array(n);
    this.outModes = new Int32Array(2 * n);
    this.outCount = new Int32Array(2);
    this.gy = new Float64Array(4);
    this.gd = new Float64Array(4);
    this.gh = new Float64Array(4);
    this.lastRoot = new Float64Array(n).fill(Number.NaN);
    this.guess = new Float64Array(n);
    this.scratch = new Float64Array(grid.count);
  }

  /** The kernel for this model structure (from the typical patient), or null when a block is not a star. */
  static create(typical: PatientModel, grid: UniformGrid): PopulationKernel | null {
    const n = typical.stateNames.length;
    const transfers = typical.spec.transfers.map((t) => ({
      from: typical.stateNames.indexOf(t.from),
      to: t.to === null ? null : typical.stateNames.indexOf(t.to),
      kPerMin: t.kPerMin,
    }));
    if (transfers.some((t) => t.from < 0 || t.to === -1)) return null;
    const a = buildRateMatrix(n, transfers);
    const { nBlocks, stateBlock } = typical.modal;
    const blocks: BlockLayout[] = [];
    let start = 0;
    for (let b = 0; b < nBlocks; b++) {
      const members: number[] = [];
      for (let s = 0; s < n; s++) if (stateBlock[s] === b) members.push(s);
      const hub = members.length === 1 ? members[0] : members.find((h) => isHub(a, n, h, members));
      if (hub === undefined) return null;
      blocks.push({ states: Int32Array.from([hub, ...members.filter((s) => s !== hub)]), start });
      start += members.length;
    }
    // Blocks must come in the upstream → downstream order decompose uses (cross couplings go forward).
    for (let t = 0; t < n; t++) for (let s = 0; s < n; s++) {
      if (t !== s && at(a, t * n + s) !== 0 && (stateBlock[s] ?? 0) > (stateBlock[t] ?? 0)) return null;
    }
    return new PopulationKernel(typical, grid, blocks, a);
  }

  /**
   * This patient's modes as the fast path computes them (eigenvalues λ, right eigenvectors V (state-major,
   * V[s·n + k]) and left eigenvectors W = V⁻¹ (mode-major, W[k·n + s])), or null when the patient needs the
   * general path. For tests and diagnostics; copies, so the kernel stays reusable.
   */
  modes(spec: SystemSpec): { readonly lambda: Float64Array; readonly v: Float64Array; readonly w: Float64Array } | null {
    if (!this.loadRates(spec) || !this.diagonalise()) return null;
    return { lambda: this.lam.slice(), v: this.v.slice(), w: this.w.slice() };
  }

  /**
   * Simulates one patient (its system from `model.build`) and writes its concentration series into
   * parent[offset … offset + count) (and metabolite, when the model has one): every point is written, so the
   * target need not be cleared (a reused buffer gives the same values as a fresh one). Float32 targets receive
   * the float64 values rounded once. Returns false, having written nothing, when this patient needs the
   * general path.
   */
  run(spec: SystemSpec, doses: readonly ResolvedDose[], parent: Float64Array | Float32Array, metabolite: Float64Array | Float32Array | null, offset: number): boolean {
    if (!this.loadRates(spec)) return false;
    if (!this.diagonalise()) return false;
    const n = this.n;
    const { t0, dt, count } = this.grid;
    const { lam, v, w, m, u, ms, decay, gstep, coef, activeMode, outModes, outCount } = this;
    const plan = planInputs(this.modelId, spec, this.stateNames, doses);
    // Output coefficients (ng/mL per mg of each mode), as outputOf() in patient-model.ts.
    const nOut = metabolite === null ? 1 : this.outputStates.length;
    let scale0 = 0;
    let scale1 = 0;
    for (let o = 0; o < nOut; o++) {
      const s = ati(this.outputStates, o);
      const vol = spec.compartments[s]?.volumeL;
      if (vol === undefined || vol === null) return false;
      if (o === 0) scale0 = amountMgInVolumeLToNgPerMl(1, vol);
      else scale1 = amountMgInVolumeLToNgPerMl(1, vol);
      for (let k = 0; k < n; k++) coef[o * n + k] = amountMgInVolumeLToNgPerMl(at(v, s * n + k), vol);
    }
    // Modes that any input reaches.
    activeMode.fill(0);
    for (const b of plan.boluses) for (let k = 0; k < n; k++) if (at(w, k * n + b.state) !== 0) activeMode[k] = 1;
    for (const r of plan.rates) for (let k = 0; k < n; k++) if (at(w, k * n + r.state) !== 0) activeMode[k] = 1;
    for (let o = 0; o < nOut; o++) {
      let c = 0;
      for (let k = 0; k < n; k++) if (activeMode[k] === 1 && at(coef, o * n + k) !== 0) outModes[o * n + c++] = k;
      outCount[o] = c;
    }
    for (let k = 0; k < n; k++) {
      if (activeMode[k] !== 1) continue;
      const x = at(lam, k) * dt;
      decay[k] = Math.exp(x);
      gstep[k] = dt * phi1(x);
    }
    // Distinct event times in ascending order, as in ExactSolution (insertion into a reused list).
    const ev = this.events;
    ev.length = 0;
    for (const b of plan.boluses) insertEvent(ev, b.timeMin);
    for (const r of plan.rates) {
      insertEvent(ev, r.startMin);
      insertEvent(ev, r.endMin);
    }
    const e = ev.length;
    m.fill(0);
    u.fill(0);
    let pNext = e === 0 ? count : firstGridIndex(ev[0] ?? 0, t0, dt, count);
    // Nothing has happened before the first event: zero there.
    parent.fill(0, offset, offset + pNext);
    if (metabolite !== null) metabolite.fill(0, offset, offset + pNext);
    for (let j = 0; j < e; j++) {
      const tj = ev[j] ?? 0;
      if (j > 0) {
        const span = tj - (ev[j - 1] ?? 0);
        for (let k = 0; k < n; k++) {
          if (activeMode[k] !== 1) continue;
          const x = at(lam, k) * span;
          m[k] = Math.exp(x) * at(m, k) + at(u, k) * span * phi1(x);
        }
      }
      const p0 = pNext;
      pNext = j + 1 < e ? firstGridIndex(ev[j + 1] ?? 0, t0, dt, count) : count;
      const onGrid = p0 < count && t0 + p0 * dt === tj;
      // The exact state-space value just after this event (ExactSolution.xAfter): V·m before it + boluses.
      let x0 = 0;
      let x1 = 0;
      if (onGrid) {
        const s0 = ati(this.outputStates, 0);
        const s1 = ati(this.outputStates, 1);
        for (let k = 0; k < n; k++) {
          x0 += at(v, s0 * n + k) * at(m, k);
          if (nOut > 1) x1 += at(v, s1 * n + k) * at(m, k);
        }
      }
      for (const b of plan.boluses) {
        if (b.timeMin !== tj) continue;
        for (let k = 0; k < n; k++) m[k] = at(m, k) + b.amountMg * at(w, k * n + b.state);
        if (b.state === this.outputStates[0]) x0 += b.amountMg;
        if (nOut > 1 && b.state === this.outputStates[1]) x1 += b.amountMg;
      }
      u.fill(0);
      for (const r of plan.rates) {
        if (r.startMin <= tj && tj < r.endMin) for (let k = 0; k < n; k++) u[k] = at(u, k) + r.rateMgPerMin * at(w, k * n + r.state);
      }
      if (p0 >= pNext) continue;
      const d0 = t0 + p0 * dt - tj;
      for (let k = 0; k < n; k++) {
        if (activeMode[k] !== 1) continue;
        if (d0 > 0) {
          const x = at(lam, k) * d0;
          ms[k] = Math.exp(x) * at(m, k) + at(u, k) * d0 * phi1(x);
        } else ms[k] = at(m, k);
      }
      this.stepInto(parent, offset + p0, offset + pNext, 0);
      if (metabolite !== null) {
        if (nOut > 1) this.stepInto(metabolite, offset + p0, offset + pNext, 1);
        else metabolite.fill(0, offset + p0, offset + pNext);
      }
      if (onGrid) {
        parent[offset + p0] = x0 * scale0;
        if (metabolite !== null && nOut > 1) metabolite[offset + p0] = x1 * scale1;
      }
    }
    return true;
  }

  /** Writes output o over out[i0 … i1): zeros without modes, else its modes stepped from ms (input u). */
  private stepInto(out: Float64Array | Float32Array, i0: number, i1: number, o: number): void {
    const total = ati(this.outCount, o);
    if (total === 0) out.fill(0, i0, i1);
    else if (out instanceof Float64Array) this.step64(out, i0, i1, o);
    else if (total <= 4) this.step32(out, i0, i1, o);
    else {
      // More than one group: all but the last summed in float64 into the scratch row, the last one added to
      // it and rounded once into the float32 target (the same float64 sums as step64, then one rounding).
      const last = (total - 1) & ~3;
      this.step64(this.scratch, 0, i1 - i0, o, last);
      this.step32Last(out, i0, i1, o, last);
    }
  }

  /** Group `g` (the last) of output o added to the scratch row (index i − i0) into out[i0 … i1), rounded once. */
  private step32Last(out: Float32Array, i0: number, i1: number, o: number, g: number): void {
    const { gy, gd, gh, scratch } = this;
    const sized = this.loadGroup(o, g);
    const y0 = at(gy, 0), d0 = at(gd, 0), h0 = at(gh, 0);
    const y1 = at(gy, 1), d1 = at(gd, 1), h1 = at(gh, 1);
    const y2 = at(gy, 2), d2 = at(gd, 2), h2 = at(gh, 2);
    const y3 = at(gy, 3), d3 = at(gd, 3), h3 = at(gh, 3);
    if (sized === -4) addDrive4F32(out, scratch, i0, i0, i1, y0, d0, h0, y1, d1, h1, y2, d2, h2, y3, d3, h3);
    else if (sized === -3) addDrive3F32(out, scratch, i0, i0, i1, y0, d0, h0, y1, d1, h1, y2, d2, h2);
    else if (sized === -2) addDrive2F32(out, scratch, i0, i0, i1, y0, d0, h0, y1, d1, h1);
    else if (sized === -1) addDrive1F32(out, scratch, i0, i0, i1, y0, d0, h0);
    else if (sized === 4) addDecay4F32(out, scratch, i0, i0, i1, y0, d0, y1, d1, y2, d2, y3, d3);
    else if (sized === 3) addDecay3F32(out, scratch, i0, i0, i1, y0, d0, y1, d1, y2, d2);
    else if (sized === 2) addDecay2F32(out, scratch, i0, i0, i1, y0, d0, y1, d1);
    else addDecay1F32(out, scratch, i0, i0, i1, y0, d0);
  }

  /** Loads group g (modes g … g+3) of output o into gy, gd, gh; its size, negated when it is driven. */
  private loadGroup(o: number, g: number): number {
    const { n, ms, u, decay, gstep, coef, outModes, gy, gd, gh } = this;
    const size = Math.min(4, ati(this.outCount, o) - g);
    let driven = false;
    for (let q = 0; q < 4; q++) {
      if (q >= size) {
        gy[q] = 0;
        gd[q] = 0;
        gh[q] = 0;
        continue;
      }
      const k = ati(outModes, o * n + g + q);
      const c = at(coef, o * n + k);
      gy[q] = c * at(ms, k);
      gd[q] = at(decay, k);
      const h = c * at(u, k) * at(gstep, k);
      gh[q] = h;
      if (h !== 0) driven = true;
    }
    return driven ? -size : size;
  }

  /**
   * Output o over out[i0 … i1) of a Float64Array: the first group of up to four modes writes, later ones add.
   * Only the modes before `until` (a multiple of four; default all).
   */
  private step64(out: Float64Array, i0: number, i1: number, o: number, until = ati(this.outCount, o)): void {
    const { gy, gd, gh } = this;
    for (let g = 0; g < until; g += 4) {
      const sized = this.loadGroup(o, g);
      const y0 = at(gy, 0), d0 = at(gd, 0), h0 = at(gh, 0);
      const y1 = at(gy, 1), d1 = at(gd, 1), h1 = at(gh, 1);
      const y2 = at(gy, 2), d2 = at(gd, 2), h2 = at(gh, 2);
      const y3 = at(gy, 3), d3 = at(gd, 3), h3 = at(gh, 3);
      if (g === 0) {
        if (sized === -4) setDrive4(out, i0, i1, y0, d0, h0, y1, d1, h1, y2, d2, h2, y3, d3, h3);
        else if (sized === -3) setDrive3(out, i0, i1, y0, d0, h0, y1, d1, h1, y2, d2, h2);
        else if (sized === -2) setDrive2(out, i0, i1, y0, d0, h0, y1, d1, h1);
        else if (sized === -1) setDrive1(out, i0, i1, y0, d0, h0);
        else if (sized === 4) setDecay4(out, i0, i1, y0, d0, y1, d1, y2, d2, y3, d3);
        else if (sized === 3) setDecay3(out, i0, i1, y0, d0, y1, d1, y2, d2);
        else if (sized === 2) setDecay2(out, i0, i1, y0, d0, y1, d1);
        else setDecay1(out, i0, i1, y0, d0);
      } else if (sized === -4) addDrive4(out, i0, i1, y0, d0, h0, y1, d1, h1, y2, d2, h2, y3, d3, h3);
      else if (sized === -3) addDrive3(out, i0, i1, y0, d0, h0, y1, d1, h1, y2, d2, h2);
      else if (sized === -2) addDrive2(out, i0, i1, y0, d0, h0, y1, d1, h1);
      else if (sized === -1) addDrive1(out, i0, i1, y0, d0, h0);
      else if (sized === 4) addDecay4(out, i0, i1, y0, d0, y1, d1, y2, d2, y3, d3);
      else if (sized === 3) addDecay3(out, i0, i1, y0, d0, y1, d1, y2, d2);
      else if (sized === 2) addDecay2(out, i0, i1, y0, d0, y1, d1);
      else addDecay1(out, i0, i1, y0, d0);
    }
  }

  /** Output o (at most four modes) over out[i0 … i1) of a Float32Array: summed in float64, rounded once. */
  private step32(out: Float32Array, i0: number, i1: number, o: number): void {
    const { gy, gd, gh } = this;
    const sized = this.loadGroup(o, 0);
    const y0 = at(gy, 0), d0 = at(gd, 0), h0 = at(gh, 0);
    const y1 = at(gy, 1), d1 = at(gd, 1), h1 = at(gh, 1);
    const y2 = at(gy, 2), d2 = at(gd, 2), h2 = at(gh, 2);
    const y3 = at(gy, 3), d3 = at(gd, 3), h3 = at(gh, 3);
    if (sized === -4) setDrive4F32(out, i0, i1, y0, d0, h0, y1, d1, h1, y2, d2, h2, y3, d3, h3);
    else if (sized === -3) setDrive3F32(out, i0, i1, y0, d0, h0, y1, d1, h1, y2, d2, h2);
    else if (sized === -2) setDrive2F32(out, i0, i1, y0, d0, h0, y1, d1, h1);
    else if (sized === -1) setDrive1F32(out, i0, i1, y0, d0, h0);
    else if (sized === 4) setDecay4F32(out, i0, i1, y0, d0, y1, d1, y2, d2, y3, d3);
    else if (sized === 3) setDecay3F32(out, i0, i1, y0, d0, y1, d1, y2, d2);
    else if (sized === 2) setDecay2F32(out, i0, i1, y0, d0, y1, d1);
    else setDecay1F32(out, i0, i1, y0, d0);
  }

  /** This patient's rate matrix; false when its compartments or transfer pattern differ from the typical one. */
  private loadRates(spec: SystemSpec): boolean {
    const { n, a, transferFrom, transferTo, transferIdx, transferPositive } = this;
    const tr = spec.transfers;
    if (tr.length !== transferFrom.length || spec.compartments.length !== n) return false;
    for (let s = 0; s < n; s++) if (spec.compartments[s]?.name !== this.stateNames[s]) return false;
    a.fill(0);
    for (let i = 0; i < tr.length; i++) {
      const t = tr[i];
      if (t === undefined || t.from !== transferFrom[i] || t.to !== transferTo[i]) return false;
      const k = t.kPerMin;
      if (!Number.isFinite(k) || k < 0 || (k > 0 ? 1 : 0) !== transferPositive[i]) return false;
      const f = ati(transferIdx, 2 * i);
      const to = ati(transferIdx, 2 * i + 1);
      a[f * n + f] = at(a, f * n + f) - k;
      if (to >= 0) a[to * n + f] = at(a, to * n + f) + k;
    }
    return true;
  }

  /** Eigenvalues, right eigenvectors V and left eigenvectors W = V⁻¹ of this patient's rate matrix. */
  private diagonalise(): boolean {
    const { n, a, lam, v, w, blocks, stateBlock, blockReach, crossTo, crossFrom, rhs, z } = this;
    const nBlocks = blocks.length;
    v.fill(0);
    w.fill(0);
    for (const bl of blocks) if (!this.blockEigen(bl)) return false;
    // Right eigenvectors downstream: (A_LL − λ)·x_L = −Σ_{J<L} A_LJ·x_J, solved through A_LL's modes.
    for (let bk = 0; bk < nBlocks; bk++) {
      const own = blocks[bk];
      if (own === undefined) continue;
      for (let k = own.start; k < own.start + own.states.length; k++) {
        const lambda = at(lam, k);
        for (let bl = bk + 1; bl < nBlocks; bl++) {
          const down = blocks[bl];
          if (down === undefined || blockReach[bk * nBlocks + bl] !== 1) continue;
          const size = down.states.length;
          rhs.fill(0);
          for (let c = 0; c < crossTo.length; c++) {
            const t = ati(crossTo, c);
            if (stateBlock[t] !== bl) continue;
            const s = ati(crossFrom, c);
            rhs[t] = at(rhs, t) - at(a, t * n + s) * at(v, s * n + k);
          }
          for (let jj = 0; jj < size; jj++) {
            const mode = down.start + jj;
            const gap = at(lam, mode) - lambda;
            if (!(Math.abs(gap) > CROSS_GAP_REL * Math.max(Math.abs(lambda), Math.abs(at(lam, mode))))) return false;
            let sum = 0;
            for (let i = 0; i < size; i++) {
              const t = ati(down.states, i);
              sum += at(w, mode * n + t) * at(rhs, t);
            }
            z[jj] = sum / gap;
          }
          for (let i = 0; i < size; i++) {
            const t = ati(down.states, i);
            let sum = 0;
            for (let jj = 0; jj < size; jj++) sum += at(v, t * n + down.start + jj) * at(z, jj);
            v[t * n + k] = sum;
          }
        }
      }
    }
    // Left eigenvectors upstream: w_J·(A_JJ − λ) = −Σ_{J<M≤L} w_M·A_MJ, from L back to the sources.
    for (let bl = nBlocks - 1; bl >= 0; bl--) {
      const own = blocks[bl];
      if (own === undefined) continue;
      for (let k = own.start; k < own.start + own.states.length; k++) {
        const lambda = at(lam, k);
        for (let bj = bl - 1; bj >= 0; bj--) {
          const up = blocks[bj];
          if (up === undefined || blockReach[bj * nBlocks + bl] !== 1) continue;
          const size = up.states.length;
          rhs.fill(0);
          for (let c = 0; c < crossTo.length; c++) {
            const s = ati(crossFrom, c);
            if (stateBlock[s] !== bj) continue;
            const t = ati(crossTo, c);
            rhs[s] = at(rhs, s) - at(w, k * n + t) * at(a, t * n + s);
          }
          for (let jj = 0; jj < size; jj++) {
            const mode = up.start + jj;
            const gap = at(lam, mode) - lambda;
            if (!(Math.abs(gap) > CROSS_GAP_REL * Math.max(Math.abs(lambda), Math.abs(at(lam, mode))))) return false;
            let sum = 0;
            for (let i = 0; i < size; i++) {
              const s = ati(up.states, i);
              sum += at(rhs, s) * at(v, s * n + mode);
            }
            z[jj] = sum / gap;
          }
          for (let i = 0; i < size; i++) {
            const s = ati(up.states, i);
            let sum = 0;
            for (let jj = 0; jj < size; jj++) sum += at(z, jj) * at(w, (up.start + jj) * n + s);
            w[k * n + s] = sum;
          }
        }
      }
    }
    return true;
  }

  /**
   * Closed-form eigen-decomposition of a one-state or star block. With D = diag(1, √(A_ih/A_hi)) the block is
   * similar to the symmetric arrowhead S (hub diagonal α, leaf diagonals δᵢ, couplings βᵢ = √(A_hi·A_ih)); its
   * eigenvalues interlace the δᵢ and solve f(λ) = λ − α − Σ βᵢ²/(λ − δᵢ) = 0 (f increasing between poles);
   * its unit eigenvectors are q ∝ (1, βᵢ/(λ − δᵢ)). Block modes: V = D·q, W = qᵀ·D⁻¹.
   */
  private blockEigen(bl: BlockLayout): boolean {
    const { n, a, lam, v, w, poles, beta2, order } = this;
    const h = ati(bl.states, 0);
    const alpha = at(a, h * n + h);
    const size = bl.states.length;
    if (size === 1) {
      lam[bl.start] = alpha;
      v[h * n + bl.start] = 1;
      w[bl.start * n + h] = 1;
      return true;
    }
    const leaves = size - 1;
    let sumBeta = 0;
    let hi = alpha;
    let lo = alpha;
    for (let i = 0; i < leaves; i++) {
      const s = ati(bl.states, i + 1);
      const toHub = at(a, h * n + s);
      const fromHub = at(a, s * n + h);
      if (!(toHub > 0 && fromHub > 0)) return false;
      const d = at(a, s * n + s);
      const b2 = toHub * fromHub;
      const b = Math.sqrt(b2);
      poles[i] = d;
      beta2[i] = b2;
      sumBeta += b;
      hi = Math.max(hi, d + b);
      lo = Math.min(lo, d - b);
      order[i] = i;
    }
    // Gershgorin bounds of S for the outermost roots.
    hi = Math.max(hi, alpha + sumBeta);
    lo = Math.min(lo, alpha - sumBeta);
    // Leaves by decreasing pole (insertion sort; a handful of leaves).
    for (let i = 1; i < leaves; i++) {
      const oi = ati(order, i);
      let j = i - 1;
      while (j >= 0 && at(poles, ati(order, j)) < at(poles, oi)) {
        order[j + 1] = ati(order, j);
        j--;
      }
      order[j + 1] = oi;
    }
    for (let i = 0; i + 1 < leaves; i++) {
      const p = at(poles, ati(order, i));
      const q = at(poles, ati(order, i + 1));
      if (!(p - q > NEAR_REL * Math.max(Math.abs(p), Math.abs(q)))) return false;
    }
    const closed = leaves <= 2 && this.closedFormGuesses(alpha, leaves);
    for (let r = 0; r < size; r++) {
      const upper = r === 0 ? hi : at(poles, ati(order, r - 1));
      const lower = r === leaves ? lo : at(poles, ati(order, r));
      // Starting point: the closed-form root (one or two leaves), else this mode's root for the previous patient.
      const start = closed ? at(this.guess, r) : at(this.lastRoot, bl.start + r);
      const root = this.secularRoot(alpha, leaves, lower, upper, start > lower && start < upper ? start : 0.5 * (lower + upper));
      this.lastRoot[bl.start + r] = root;
      // Ill-conditioned eigenvector (root on a pole) → general path.
      for (let i = 0; i < leaves; i++) {
        const p = at(poles, i);
        if (!(Math.abs(root - p) > NEAR_REL * Math.max(Math.abs(root), Math.abs(p)))) return false;
      }
      const mode = bl.start + r;
      lam[mode] = root;
      let norm2 = 1;
      for (let i = 0; i < leaves; i++) {
        const q = Math.sqrt(at(beta2, i)) / (root - at(poles, i));
        norm2 += q * q;
      }
      const inv = 1 / Math.sqrt(norm2);
      v[h * n + mode] = inv;
      w[mode * n + h] = inv;
      for (let i = 0; i < leaves; i++) {
        const s = ati(bl.states, i + 1);
        const q = (Math.sqrt(at(beta2, i)) / (root - at(poles, i))) * inv;
        const dScale = Math.sqrt(at(a, s * n + h) / at(a, h * n + s));
        v[s * n + mode] = dScale * q;
        w[mode * n + s] = q / dScale;
      }
    }
    return true;
  }

  /** Closed-form starting roots of a one- or two-leaf star block (see star-roots.ts), into `guess`. */
  private closedFormGuesses(alpha: number, leaves: number): boolean {
    const { poles, beta2, guess } = this;
    if (leaves === 1) return starQuadraticRoots(alpha, at(poles, 0), at(beta2, 0), guess);
    return starCubicRoots(alpha, at(poles, 0), at(poles, 1), at(beta2, 0), at(beta2, 1), guess);
  }

  /**
   * The root of f(λ) = λ − α − Σ βᵢ²/(λ − δᵢ) in (lower, upper), by Newton's method kept inside the bracket
   * (bisection when a step leaves it). Stops when the step is below 2 ulp, when |f| is at the rounding floor of
   * its own evaluation (4ε·(|λ| + |α| + Σ|βᵢ²/(λ − δᵢ)|): further steps would only follow rounding noise), or
   * when the bracket pins the root to 1e-13 relative.
   */
  private secularRoot(alpha: number, leaves: number, lower: number, upper: number, start: number): number {
    const { poles, beta2 } = this;
    let lo = lower;
    let hi = upper;
    let x = start;
    for (let it = 0; it < 200; it++) {
      let f = x - alpha;
      let fp = 1;
      let mag = Math.abs(x) + Math.abs(alpha);
      for (let i = 0; i < leaves; i++) {
        const r = 1 / (x - at(poles, i));
        const t = at(beta2, i) * r;
        f -= t;
        fp += t * r;
        mag += Math.abs(t);
      }
      if (f === 0) return x;
      let next = x - f / fp;
      if (Math.abs(f) <= 4 * Number.EPSILON * mag || Math.abs(next - x) <= 2 * Number.EPSILON * Math.abs(x)) {
        return next > lower && next < upper ? next : x;
      }
      if (f > 0) hi = x;
      else lo = x;
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (hi - lo <= 1e-13 * Math.max(Math.abs(lo), Math.abs(hi))) return next;
      x = next;
    }
    return x;
  }
}

function insertEvent(ev: number[], t: number): void {
  let i = ev.length;
  while (i > 0 && (ev[i - 1] ?? 0) > t) i--;
  if (i > 0 && ev[i - 1] === t) return;
  ev.splice(i, 0, t);
}

function isHub(a: Float64Array, n: number, h: number, members: readonly number[]): boolean {
  for (const i of members) {
    if (i === h) continue;
    if (!(at(a, h * n + i) > 0 && at(a, i * n + h) > 0)) return false;
    for (const j of members) if (j !== i && j !== h && at(a, i * n + j) !== 0) return false;
  }
  return true;
}

/** First grid index at or after t (same t0 + p·dt arithmetic as ExactSolution.accumulateGrid). */
function firstGridIndex(t: number, t0: number, dt: number, count: number): number {
  let p = Math.max(0, Math.ceil((t - t0) / dt));
  while (p > 0 && t0 + (p - 1) * dt >= t) p--;
  while (p < count && t0 + p * dt < t) p++;
  return Math.min(p, count);
}
