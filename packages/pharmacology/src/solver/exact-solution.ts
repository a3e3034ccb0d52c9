/**
 * Exact solution of a decomposed linear system under a piecewise-constant input plan: boluses (instant
 * amounts) and zero-order rates. The modal state is stored just after every event time, so the state, its
 * exact time integral (for AUC and eliminated amount) and concentrations follow at any time in O(n).
 */
import type { ModalSystem } from './modal.js';
import { phi1, phi2 } from './phi.js';

export interface BolusInput {
  readonly timeMin: number;
  readonly state: number;
  readonly amountMg: number;
}

export interface RateInput {
  readonly startMin: number;
  readonly endMin: number;
  readonly state: number;
  readonly rateMgPerMin: number;
}

export interface InputPlan {
  readonly boluses: readonly BolusInput[];
  readonly rates: readonly RateInput[];
}

function at(a: Float64Array, i: number): number {
  return a[i] ?? 0;
}

/** A linear output: c·m from modes (c = V[state,·]·scale), or x[state]·scale at an event instant. */
export interface SeriesOutput {
  readonly coef: Float64Array;
  readonly state: number;
  readonly scale: number;
}

export class ExactSolution {
  readonly sys: ModalSystem;
  readonly plan: InputPlan;
  /** Sorted distinct event times (min). */
  readonly eventTimesMin: Float64Array;
  /** Modal amounts just after the events at eventTimesMin[j]: m[j·n + mode]. */
  private readonly mAfter: Float64Array;
  /** Cumulative modal time integrals (mg·min) at eventTimesMin[j]. */
  private readonly intAt: Float64Array;
  /** Modal input rate (mg/min) on [T_j, T_{j+1}). */
  private readonly uOn: Float64Array;
  /**
   * State amounts just after the events at T_j, with boluses added in state space so that an instant right
   * after a first dose is exact (a nasal dose shows 0 in plasma, not a rounding residue of 1e-14).
   */
  private readonly xAfter: Float64Array;
  /** Cumulative amount that entered the states (mg) just after the events at T_j. */
  private readonly inputAfter: Float64Array;
  /** Total zero-order input rate into states (mg/min) on [T_j, T_{j+1}). */
  private readonly inputRateOn: Float64Array;

  constructor(sys: ModalSystem, plan: InputPlan) {
    this.sys = sys;
    this.plan = plan;
    const n = sys.n;
    const times = new Set<number>();
    for (const b of plan.boluses) times.add(b.timeMin);
    for (const r of plan.rates) {
      times.add(r.startMin);
      times.add(r.endMin);
    }
    const ev = Float64Array.from([...times].sort((x, y) => x - y));
    this.eventTimesMin = ev;
    const e = ev.length;
    this.mAfter = new Float64Array(e * n);
    this.intAt = new Float64Array(e * n);
    this.uOn = new Float64Array(e * n);
    this.xAfter = new Float64Array(e * n);
    this.inputAfter = new Float64Array(e);
    this.inputRateOn = new Float64Array(e);
    const bolusesByTime = [...plan.boluses].sort((x, y) => x.timeMin - y.timeMin);
    let bi = 0;
    for (let j = 0; j < e; j++) {
      const tj = at(ev, j);
      // Carry the state from T_{j-1} to T_j (before this event's boluses).
      if (j > 0) {
        const dt = tj - at(ev, j - 1);
        for (let k = 0; k < n; k++) {
          const x = at(sys.lambdaPerMin, k) * dt;
          const m0 = at(this.mAfter, (j - 1) * n + k);
          const u = at(this.uOn, (j - 1) * n + k);
          const p1 = dt * phi1(x);
          this.mAfter[j * n + k] = Math.exp(x) * m0 + u * p1;
          this.intAt[j * n + k] = at(this.intAt, (j - 1) * n + k) + m0 * p1 + u * dt * dt * phi2(x);
        }
        this.inputAfter[j] = at(this.inputAfter, j - 1) + at(this.inputRateOn, j - 1) * dt;
        for (let st = 0; st < n; st++) {
          let sum = 0;
          for (let k = 0; k < n; k++) sum += at(sys.v, st * n + k) * at(this.mAfter, j * n + k);
          this.xAfter[j * n + st] = sum;
        }
      }
      while (bi < bolusesByTime.length && bolusesByTime[bi]?.timeMin === tj) {
        const b = bolusesByTime[bi];
        bi++;
        if (b === undefined) continue;
        for (let k = 0; k < n; k++) this.mAfter[j * n + k] = at(this.mAfter, j * n + k) + b.amountMg * at(sys.w, k * n + b.state);
        this.xAfter[j * n + b.state] = at(this.xAfter, j * n + b.state) + b.amountMg;
        this.inputAfter[j] = at(this.inputAfter, j) + b.amountMg;
      }
      // Rates active on [T_j, T_{j+1}): summed afresh so no rounding residue is left after infusions stop.
      let total = 0;
      for (const r of plan.rates) {
        if (r.startMin <= tj && tj < r.endMin) {
          total += r.rateMgPerMin;
          for (let k = 0; k < n; k++) this.uOn[j * n + k] = at(this.uOn, j * n + k) + r.rateMgPerMin * at(sys.w, k * n + r.state);
        }
      }
      this.inputRateOn[j] = total;
    }
  }

  /** Index of the last event at or before t (side 'after') or strictly before t (side 'before'); −1 if none. */
  private eventIndex(tMin: number, side: 'after' | 'before'): number {
    const ev = this.eventTimesMin;
    let lo = 0;
    let hi = ev.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const tm = at(ev, mid);
      if (side === 'after' ? tm <= tMin : tm < tMin) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

  /**
   * Modal amounts at t into mOut (and cumulative modal integrals into intOut). At an event time, side 'after'
   * (the default, used for reporting) includes that event's boluses; 'before' is the left limit (troughs).
   */
  modalAt(tMin: number, mOut: Float64Array, intOut?: Float64Array, side: 'after' | 'before' = 'after'): void {
    const n = this.sys.n;
    const j = this.eventIndex(tMin, side);
    if (j < 0) {
      mOut.fill(0);
      intOut?.fill(0);
      return;
    }
    const dt = tMin - at(this.eventTimesMin, j);
    for (let k = 0; k < n; k++) {
      const x = at(this.sys.lambdaPerMin, k) * dt;
      const m0 = at(this.mAfter, j * n + k);
      const u = at(this.uOn, j * n + k);
      const p1 = dt * phi1(x);
      mOut[k] = Math.exp(x) * m0 + u * p1;
      if (intOut !== undefined) intOut[k] = at(this.intAt, j * n + k) + m0 * p1 + u * dt * dt * phi2(x);
    }
  }

  /** One output (coef/state/scale) at t, exact at event instants. */
  valueAt(output: SeriesOutput, tMin: number, side: 'after' | 'before' = 'after', scratch: Float64Array = new Float64Array(this.sys.n)): number {
    const n = this.sys.n;
    if (side === 'after') {
      const j = this.eventIndex(tMin, 'after');
      if (j < 0) return 0;
      if (at(this.eventTimesMin, j) === tMin) return at(this.xAfter, j * n + output.state) * output.scale;
    }
    this.modalAt(tMin, scratch, undefined, side);
    let s = 0;
    for (let k = 0; k < n; k++) s += at(output.coef, k) * at(scratch, k);
    return s;
  }

  /** See accumulateGrid(). */
  accumulateGrid(t0: number, dt: number, count: number, outputs: readonly SeriesOutput[], outs: readonly Float64Array[]): void {
    const n = this.sys.n;
    const ev = this.eventTimesMin;
    const e = ev.length;
    if (e === 0) return;
    // First grid index at or after each event time (same t0 + p·dt arithmetic as the callers' grid).
    const firstIdx = new Int32Array(e + 1);
    for (let j = 0; j < e; j++) {
      const tj = at(ev, j);
      let p = Math.max(0, Math.ceil((tj - t0) / dt));
      while (p > 0 && t0 + (p - 1) * dt >= tj) p--;
      while (p < count && t0 + p * dt < tj) p++;
      firstIdx[j] = Math.min(p, count);
    }
    firstIdx[e] = count;
    const out0 = outs[0];
    const out1 = outs[1];
    const spec0 = outputs[0];
    const spec1 = outputs[1];
    if (out0 === undefined || spec0 === undefined) return;
    for (let k = 0; k < n; k++) {
      const c0 = at(spec0.coef, k);
      const c1 = spec1 === undefined ? 0 : at(spec1.coef, k);
      if (c0 === 0 && c1 === 0) continue;
      let active = false;
      for (let j = 0; j < e && !active; j++) active = at(this.mAfter, j * n + k) !== 0 || at(this.uOn, j * n + k) !== 0;
      if (!active) continue;
      const lambda = at(this.sys.lambdaPerMin, k);
      const decay = Math.exp(lambda * dt);
      const gainStep = dt * phi1(lambda * dt);
      for (let j = 0; j < e; j++) {
        const pStart = firstIdx[j] ?? count;
        const pEnd = firstIdx[j + 1] ?? count;
        if (pStart >= pEnd) continue;
        const u = at(this.uOn, j * n + k);
        const d0 = t0 + pStart * dt - at(ev, j);
        let m = at(this.mAfter, j * n + k);
        if (d0 > 0) m = Math.exp(lambda * d0) * m + u * d0 * phi1(lambda * d0);
        const h = gainStep * u;
        if (out1 === undefined || c1 === 0) {
          out0[pStart] = at(out0, pStart) + c0 * m;
          for (let p = pStart + 1; p < pEnd; p++) {
            m = decay * m + h;
            out0[p] = at(out0, p) + c0 * m;
          }
        } else {
          out0[pStart] = at(out0, pStart) + c0 * m;
          out1[pStart] = at(out1, pStart) + c1 * m;
          for (let p = pStart + 1; p < pEnd; p++) {
            m = decay * m + h;
            out0[p] = at(out0, p) + c0 * m;
            out1[p] = at(out1, p) + c1 * m;
          }
        }
      }
    }
    // Grid points that fall exactly on an event: the exact state-space value just after it.
    for (let j = 0; j < e; j++) {
      const p = firstIdx[j] ?? count;
      if (p < count && t0 + p * dt === at(ev, j)) {
        out0[p] = at(this.xAfter, j * n + spec0.state) * spec0.scale;
        if (out1 !== undefined && spec1 !== undefined) out1[p] = at(this.xAfter, j * n + spec1.state) * spec1.scale;
      }
    }
  }

  /** Amount (mg) that has entered the states by time t (after bioavailability), events at t included. */
  inputMgAt(tMin: number): number {
    const j = this.eventIndex(tMin, 'after');
    if (j < 0) return 0;
    return at(this.inputAfter, j) + at(this.inputRateOn, j) * (tMin - at(this.eventTimesMin, j));
  }

  /** State amounts (mg) at t: x = V·m. */
  amountsAt(tMin: number, out: Float64Array = new Float64Array(this.sys.n), side: 'after' | 'before' = 'after'): Float64Array {
    const n = this.sys.n;
    const j = this.eventIndex(tMin, 'after');
    if (side === 'after' && j >= 0 && at(this.eventTimesMin, j) === tMin) {
      for (let st = 0; st < n; st++) out[st] = at(this.xAfter, j * n + st);
      return out;
    }
    const m = new Float64Array(n);
    this.modalAt(tMin, m, undefined, side);
    for (let s = 0; s < n; s++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += at(this.sys.v, s * n + k) * at(m, k);
      out[s] = sum;
    }
    return out;
  }

  /** Amount (mg) eliminated from the system by time t: Σ_states k_out · ∫x dt, from exact modal integrals. */
  eliminatedMgAt(tMin: number): number {
    const n = this.sys.n;
    const m = new Float64Array(n);
    const integral = new Float64Array(n);
    this.modalAt(tMin, m, integral);
    let total = 0;
    for (let s = 0; s < n; s++) {
      const k = at(this.sys.outflowPerMin, s);
      if (k === 0) continue;
      let xs = 0;
      for (let mode = 0; mode < n; mode++) xs += at(this.sys.v, s * n + mode) * at(integral, mode);
      total += k * xs;
    }
    return total;
  }

  /**
   * Linear functional c·m at many times (e.g. a concentration with c = V[central,·]·1000/Vc). Times must be
   * sorted ascending. Steps between consecutive times reuse exp(λΔt) while Δt repeats, so a uniform grid costs
   * one multiply-add per mode and point.
   */
  seriesAt(timesMin: ArrayLike<number>, outputs: readonly SeriesOutput[], outs: readonly Float64Array[]): void {
    const n = this.sys.n;
    const nOut = outputs.length;
    let atCheckpoint = false;
    const m = new Float64Array(n);
    const decay = new Float64Array(n);
    const gain = new Float64Array(n);
    let cachedDt = Number.NaN;
    let j = -1; // current event interval index
    let tc = Number.NEGATIVE_INFINITY;
    const ev = this.eventTimesMin;
    const e = ev.length;
    for (let p = 0; p < timesMin.length; p++) {
      const t = timesMin[p] ?? 0;
      // Jump to the latest checkpoint at or before t if we passed one.
      if (j + 1 < e && at(ev, j + 1) <= t) {
        j = this.eventIndex(t, 'after');
        tc = at(ev, j);
        for (let k = 0; k < n; k++) m[k] = at(this.mAfter, j * n + k);
        atCheckpoint = true;
      }
      if (j >= 0 && t > tc) {
        const dt = t - tc;
        if (dt !== cachedDt) {
          cachedDt = dt;
          for (let k = 0; k < n; k++) {
            const x = at(this.sys.lambdaPerMin, k) * dt;
            decay[k] = Math.exp(x);
            gain[k] = dt * phi1(x);
          }
        }
        for (let k = 0; k < n; k++) m[k] = at(decay, k) * at(m, k) + at(gain, k) * at(this.uOn, j * n + k);
        tc = t;
        atCheckpoint = false;
      }
      for (let o = 0; o < nOut; o++) {
        const spec = outputs[o];
        const out = outs[o];
        if (spec === undefined || out === undefined) continue;
        let sum = 0;
        if (j >= 0 && atCheckpoint) sum = at(this.xAfter, j * n + spec.state) * spec.scale;
        else if (j >= 0) for (let k = 0; k < n; k++) sum += at(spec.coef, k) * at(m, k);
        out[p] = sum;
      }
    }
  }
}

/**
 * Concentrations on a uniform grid t_p = t0 + p·dt (p < count), accumulated into outs (which must be zeroed).
 * Loops mode by mode: per point one multiply-add per mode and output, with exp(λ·dt) computed once per mode.
 * Events between grid points are exact (the mode restarts from the checkpoint). Used by population runs.
 */
export function accumulateGrid(sol: ExactSolution, t0: number, dt: number, count: number, outputs: readonly SeriesOutput[], outs: readonly Float64Array[]): void {
  sol.accumulateGrid(t0, dt, count, outputs, outs);
}
