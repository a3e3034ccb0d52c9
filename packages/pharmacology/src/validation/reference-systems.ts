/**
 * Hand-written ODE right-hand sides for the validation tests, typed straight from MODELS.md (not from the
 * model files), plus a driver that integrates them through a dose schedule with the Dormand–Prince reference.
 */
import { integrate } from '../testing/dormand-prince.js';

export interface RefSystem {
  readonly n: number;
  readonly rhs: (x: Float64Array, dx: Float64Array) => void;
  /** ng/mL of parent and metabolite from amounts in mg. */
  readonly parentNgPerMl: (x: Float64Array) => number;
  readonly metaboliteNgPerMl: ((x: Float64Array) => number) | null;
}

export interface RefSchedule {
  readonly boluses: readonly { readonly t: number; readonly state: number; readonly mg: number }[];
  readonly rates: readonly { readonly start: number; readonly end: number; readonly state: number; readonly mgPerMin: number }[];
}

/** Concentrations at ascending times; a time equal to a bolus time reports the value just after it. */
export function referenceConcentrations(sys: RefSystem, sched: RefSchedule, times: readonly number[]): { parent: number[]; metabolite: number[] | null } {
  const breaks = [...new Set([0, ...sched.boluses.map((b) => b.t), ...sched.rates.flatMap((r) => [r.start, r.end]), ...times])].sort((a, b) => a - b);
  const x = new Float64Array(sys.n);
  const inRate = new Float64Array(sys.n);
  const parent: number[] = [];
  const metabolite: number[] | null = sys.metaboliteNgPerMl === null ? null : [];
  let ti = 0;
  for (let i = 0; i < breaks.length; i++) {
    const t = breaks[i] ?? 0;
    for (const b of sched.boluses) if (b.t === t) x[b.state] = (x[b.state] ?? 0) + b.mg;
    while (ti < times.length && times[ti] === t) {
      parent.push(sys.parentNgPerMl(x));
      metabolite?.push(sys.metaboliteNgPerMl?.(x) ?? 0);
      ti++;
    }
    const next = breaks[i + 1];
    if (next === undefined) break;
    inRate.fill(0);
    for (const r of sched.rates) if (r.start <= t && t < r.end) inRate[r.state] = (inRate[r.state] ?? 0) + r.mgPerMin;
    const f = (_t: number, y: Float64Array, dy: Float64Array): void => {
      sys.rhs(y, dy);
      for (let k = 0; k < sys.n; k++) dy[k] = (dy[k] ?? 0) + (inRate[k] ?? 0);
    };
    integrate(f, x, t, next, { rtol: 1e-12, atol: 1e-16 });
  }
  return { parent, metabolite };
}

/** Three-compartment mammillary (states: central, peripheral1, peripheral2), micro-constants in min⁻¹. */
export function mammillaryRef(v1L: number, k10: number, k12: number, k21: number, k13 = 0, k31 = 1): RefSystem {
  return {
    n: 3,
    rhs: (x, dx) => {
      const c = x[0] ?? 0, p1 = x[1] ?? 0, p2 = x[2] ?? 0;
      dx[0] = -(k10 + k12 + k13) * c + k21 * p1 + k31 * p2;
      dx[1] = k12 * c - k21 * p1;
      dx[2] = k13 * c - k31 * p2;
    },
    parentNgPerMl: (x) => ((x[0] ?? 0) / v1L) * 1000,
    metaboliteNgPerMl: null,
  };
}

/**
 * Perez-Ruixo 2021 (MODELS.md §3.7), written out as in the nlmixr2lib ODEs. States: 0 nasal depot,
 * 1 swallowed gut depot, 2 oral gut depot, 3 central, 4 peripheral1, 5 peripheral2, 6 liver,
 * 7 noresketamine central, 8 noresketamine peripheral. Time in minutes (h values ÷ 60).
 */
export function perezRuixoRef(ageYears: number, asian: boolean): RefSystem {
  const h = 60;
  const vc = 192, vp1 = 143, vp2 = 417, vh = 101, vcn = 70, vpn = 115;
  const q1 = 84.3 / h, q2 = 37.6 / h, q3 = 26.1 / h;
  const qh = (151 - 2.19 * Math.max(0, ageYears - 60)) / h;
  const kel = (1.11 * (asian ? 0.36 : 1)) / h, kmet = 2.77 / h;
  const cln = (38 * (asian ? 0.81 : 1)) / h;
  const kan = 2.93 / h, kasw = 1.45 / h, kapo = 0.97 / h;
  return {
    n: 9,
    rhs: (x, dx) => {
      const [dn = 0, dsw = 0, dpo = 0, c = 0, p1 = 0, p2 = 0, l = 0, nc = 0, np = 0] = x;
      dx[0] = -kan * dn;
      dx[1] = -kasw * dsw;
      dx[2] = -kapo * dpo;
      dx[3] = kan * dn + (q1 / vp1) * p1 + (q2 / vp2) * p2 + (qh / vh) * l - ((q1 + q2 + qh) / vc) * c;
      dx[4] = (q1 / vc) * c - (q1 / vp1) * p1;
      dx[5] = (q2 / vc) * c - (q2 / vp2) * p2;
      dx[6] = kasw * dsw + kapo * dpo + (qh / vc) * c - (qh / vh + kel + kmet) * l;
      dx[7] = kmet * l + (q3 / vpn) * np - ((cln + q3) / vcn) * nc;
      dx[8] = (q3 / vcn) * nc - (q3 / vpn) * np;
    },
    parentNgPerMl: (x) => ((x[3] ?? 0) / vc) * 1000,
    metaboliteNgPerMl: (x) => ((x[7] ?? 0) / vcn) * 1000,
  };
}

/** Perez-Ruixo dose inputs: intranasal splits into nasal depot and swallowed zero-order input; oral via Dpo. */
export function perezRuixoSchedule(
  doses: readonly ({ route: 'intranasal' | 'oral' | 'iv-bolus'; at: number; mg: number } | { route: 'iv-infusion'; start: number; end: number; mgPerH: number })[],
): RefSchedule {
  const boluses: { t: number; state: number; mg: number }[] = [];
  const rates: { start: number; end: number; state: number; mgPerMin: number }[] = [];
  for (const d of doses) {
    if (d.route === 'iv-infusion') rates.push({ start: d.start, end: d.end, state: 3, mgPerMin: d.mgPerH / 60 });
    else if (d.route === 'iv-bolus') boluses.push({ t: d.at, state: 3, mg: d.mg });
    else if (d.route === 'oral') rates.push({ start: d.at, end: d.at + 0.32 * 60, state: 2, mgPerMin: (d.mg * 0.64) / (0.32 * 60) });
    else {
      // FRn 0.54 for the first 28 mg, × 0.62 for the rest of the dose (MODELS.md §3.7 dose effect).
      const frn = d.mg <= 28 ? 0.54 : (0.54 * (28 + 0.62 * (d.mg - 28))) / d.mg;
      boluses.push({ t: d.at, state: 0, mg: d.mg * frn });
      rates.push({ start: d.at, end: d.at + 0.53 * 60, state: 1, mgPerMin: (d.mg * (1 - frn) * 0.64) / (0.53 * 60) });
    }
  }
  return { boluses, rates };
}
