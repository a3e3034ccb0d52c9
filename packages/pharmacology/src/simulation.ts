/**
 * One patient on one regimen under one model, solved exactly: concentrations and amounts at any time, and
 * the summary metrics (Cmax/Tmax, exact AUC, time above a threshold, trough before each dose).
 */
import type { PatientCovariates, PkModel } from './model-types.js';
import { buildInputPlan, compilePatientModel, type PatientModel } from './patient-model.js';
import type { ResolvedDose } from './regimen.js';
import { ExactSolution, type SeriesOutput } from './solver/exact-solution.js';

export type Analyte = 'parent' | 'metabolite';

export interface Peak {
  readonly cmaxNgPerMl: number;
  readonly tmaxMin: number;
}

export interface Trough {
  /** The dose (bolus/extravascular atMin or infusion startMin) this trough precedes. */
  readonly beforeDoseAtMin: number;
  /** Concentration just before that dose (left limit). */
  readonly parentNgPerMl: number;
  readonly metaboliteNgPerMl: number | null;
}

/** Samples per inter-event interval when searching for peaks and threshold crossings. */
const SAMPLES_PER_INTERVAL = 96;

export class Simulation {
  readonly pm: PatientModel;
  readonly doses: readonly ResolvedDose[];
  readonly solution: ExactSolution;
  private readonly scratch: Float64Array;

  constructor(model: PkModel, patient: PatientCovariates, doses: readonly ResolvedDose[], eta?: (parameter: string) => number) {
    this.pm = compilePatientModel(model, patient, eta);
    this.doses = doses;
    this.solution = new ExactSolution(this.pm.modal, buildInputPlan(this.pm, doses));
    this.scratch = new Float64Array(this.pm.modal.n);
  }

  private output(analyte: Analyte): SeriesOutput {
    const o = analyte === 'parent' ? this.pm.parentOutput : this.pm.metaboliteOutput;
    if (o === null) throw new Error(`${this.pm.model.id} has no metabolite`);
    return o;
  }

  get hasMetabolite(): boolean {
    return this.pm.metaboliteOutput !== null;
  }

  /** Concentration (ng/mL) at t; at a dose time the value just after it ('after') or just before ('before'). */
  concentrationAt(analyte: Analyte, tMin: number, side: 'after' | 'before' = 'after'): number {
    return this.solution.valueAt(this.output(analyte), tMin, side, this.scratch);
  }

  /** Concentrations at ascending times (ng/mL), parent and metabolite (null if the model has none). */
  concentrations(timesMin: ArrayLike<number>): { parent: Float64Array; metabolite: Float64Array | null } {
    const parent = new Float64Array(timesMin.length);
    const metabolite = this.pm.metaboliteOutput === null ? null : new Float64Array(timesMin.length);
    const specs = metabolite === null ? [this.pm.parentOutput] : [this.pm.parentOutput, this.output('metabolite')];
    const outs = metabolite === null ? [parent] : [parent, metabolite];
    this.solution.seriesAt(timesMin, specs, outs);
    return { parent, metabolite };
  }

  /** Amount (mg) in every compartment at t. */
  amountsAt(tMin: number): Record<string, number> {
    const x = this.solution.amountsAt(tMin);
    const out: Record<string, number> = {};
    this.pm.stateNames.forEach((name, i) => (out[name] = x[i] ?? 0));
    return out;
  }

  /** Amount (mg) that entered the compartments (after bioavailability) by t. */
  absorbedInputMgAt(tMin: number): number {
    return this.solution.inputMgAt(tMin);
  }

  /** Amount (mg) that left the system (all elimination pathways) by t, from exact integrals. */
  eliminatedMgAt(tMin: number): number {
    return this.solution.eliminatedMgAt(tMin);
  }

  /** Exact AUC (ng·min/mL) of an analyte over [fromMin, toMin], from the closed-form modal integrals. */
  aucNgMinPerMl(analyte: Analyte, fromMin: number, toMin: number): number {
    const c = this.output(analyte).coef;
    const n = this.pm.modal.n;
    const m = new Float64Array(n);
    const i0 = new Float64Array(n);
    const i1 = new Float64Array(n);
    this.solution.modalAt(fromMin, m, i0);
    this.solution.modalAt(toMin, m, i1);
    let s = 0;
    for (let k = 0; k < n; k++) s += (c[k] ?? 0) * ((i1[k] ?? 0) - (i0[k] ?? 0));
    return s;
  }

  /** [a, b] pieces of [fromMin, toMin] between event times, inside which the solution is smooth. */
  private intervals(fromMin: number, toMin: number): [number, number][] {
    const cuts = [fromMin];
    for (const t of this.solution.eventTimesMin) if (t > fromMin && t < toMin) cuts.push(t);
    cuts.push(toMin);
    const out: [number, number][] = [];
    for (let i = 0; i + 1 < cuts.length; i++) out.push([cuts[i] ?? 0, cuts[i + 1] ?? 0]);
    return out;
  }

  /** Value inside [a, b] with b taken as the left limit (the interval's own end). */
  private valueIn(analyte: Analyte, t: number, b: number): number {
    return this.concentrationAt(analyte, t, t === b ? 'before' : 'after');
  }

  /**
   * Cmax and Tmax over [fromMin, toMin]: dense sampling in each smooth interval, then golden-section
   * refinement of the best sample (a dose time counts with its just-after value).
   */
  peak(analyte: Analyte, fromMin: number, toMin: number): Peak {
    let best = { cmaxNgPerMl: this.concentrationAt(analyte, fromMin), tmaxMin: fromMin };
    for (const [a, b] of this.intervals(fromMin, toMin)) {
      const h = (b - a) / SAMPLES_PER_INTERVAL;
      let bi = 0;
      let bv = Number.NEGATIVE_INFINITY;
      for (let i = 0; i <= SAMPLES_PER_INTERVAL; i++) {
        const t = i === SAMPLES_PER_INTERVAL ? b : a + i * h;
        const v = this.valueIn(analyte, t, b);
        if (v > bv) {
          bv = v;
          bi = i;
        }
      }
      let lo = Math.max(a, a + (bi - 1) * h);
      let hi = Math.min(b, a + (bi + 1) * h);
      const g = (Math.sqrt(5) - 1) / 2;
      let x1 = hi - g * (hi - lo);
      let x2 = lo + g * (hi - lo);
      let f1 = this.valueIn(analyte, x1, b);
      let f2 = this.valueIn(analyte, x2, b);
      for (let it = 0; it < 200 && hi - lo > 1e-9 * Math.max(1, Math.abs(hi)); it++) {
        if (f1 < f2) {
          lo = x1;
          x1 = x2;
          f1 = f2;
          x2 = lo + g * (hi - lo);
          f2 = this.valueIn(analyte, x2, b);
        } else {
          hi = x2;
          x2 = x1;
          f2 = f1;
          x1 = hi - g * (hi - lo);
          f1 = this.valueIn(analyte, x1, b);
        }
      }
      const candidates: [number, number][] = [
        [a + bi * h, bv],
        [x1, f1],
        [x2, f2],
      ];
      for (const [t, v] of candidates) if (v > best.cmaxNgPerMl) best = { cmaxNgPerMl: v, tmaxMin: t };
    }
    return best;
  }

  /** Minutes within [fromMin, toMin] with concentration above thresholdNgPerMl (crossings by bisection). */
  timeAboveMin(analyte: Analyte, thresholdNgPerMl: number, fromMin: number, toMin: number): number {
    let total = 0;
    for (const [a, b] of this.intervals(fromMin, toMin)) {
      const h = (b - a) / SAMPLES_PER_INTERVAL;
      let tPrev = a;
      let above = this.valueIn(analyte, a, b) > thresholdNgPerMl;
      for (let i = 1; i <= SAMPLES_PER_INTERVAL; i++) {
        const t = i === SAMPLES_PER_INTERVAL ? b : a + i * h;
        const nowAbove = this.valueIn(analyte, t, b) > thresholdNgPerMl;
        let crossing = t;
        if (nowAbove !== above) {
          let lo = tPrev;
          let hi = t;
          for (let it = 0; it < 100 && hi - lo > 1e-10 * Math.max(1, hi); it++) {
            const mid = (lo + hi) / 2;
            if (this.valueIn(analyte, mid, b) > thresholdNgPerMl === above) lo = mid;
            else hi = mid;
          }
          crossing = (lo + hi) / 2;
          if (above) total += crossing - tPrev;
          else total += t - crossing;
        } else if (above) total += t - tPrev;
        above = nowAbove;
        tPrev = t;
      }
    }
    return total;
  }

  /** Concentration just before each distinct dose time (bolus/extravascular atMin, infusion startMin). */
  troughs(): Trough[] {
    const times = [...new Set(this.doses.map((d) => (d.route === 'iv-infusion' ? d.startMin : d.atMin)))].sort((x, y) => x - y);
    return times.map((t) => ({
      beforeDoseAtMin: t,
      parentNgPerMl: this.concentrationAt('parent', t, 'before'),
      metaboliteNgPerMl: this.hasMetabolite ? this.concentrationAt('metabolite', t, 'before') : null,
    }));
  }
}
