/**
 * Validation: the exact solver against an independent adaptive Dormand–Prince integration of hand-written
 * ODEs (parameters typed from MODELS.md), for every model and route, to 1e-6 relative.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type RegimenDose } from '../index.js';
import { mammillaryRef, perezRuixoRef, perezRuixoSchedule, referenceConcentrations, type RefSchedule, type RefSystem } from './reference-systems.js';

const TIMES = [0, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 31.8, 45, 60, 90, 120, 180, 239, 240, 241, 300, 360, 480, 720, 1000, 1440];

function assertClose(actual: readonly number[], expected: readonly number[], label: string): void {
  assert.equal(actual.length, expected.length);
  const peak = Math.max(...expected.map(Math.abs));
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] ?? Number.NaN;
    const e = expected[i] ?? Number.NaN;
    // 1e-6 relative; values below 1e-9 of the peak (pre-dose zeros) compared absolutely at that floor.
    const tol = 1e-6 * Math.max(Math.abs(e), 1e-9 * peak);
    assert.ok(Math.abs(a - e) <= tol, `${label} at t=${TIMES[i]}: engine ${a} vs reference ${e} (rel ${Math.abs(a - e) / Math.abs(e)})`);
  }
}

const adult = { weightKg: 70, ageYears: 45, sex: 'female' as const };
const heavy = { weightKg: 112, ageYears: 58, sex: 'male' as const };

/** Mammillary schedule for state 0 (central) from a regimen in absolute mg. */
function ivSchedule(doses: readonly RegimenDose[], weightKg: number): RefSchedule {
  const boluses: { t: number; state: number; mg: number }[] = [];
  const rates: { start: number; end: number; state: number; mgPerMin: number }[] = [];
  for (const d of doses) {
    if (d.route === 'iv-infusion') {
      const mgPerH = 'rateMgPerH' in d ? d.rateMgPerH : d.rateMgPerKgPerH * weightKg;
      rates.push({ start: d.startMin, end: d.endMin, state: 0, mgPerMin: mgPerH / 60 });
    } else boluses.push({ t: d.atMin, state: 0, mg: 'doseMg' in d ? d.doseMg : d.doseMgPerKg * weightKg });
  }
  return { boluses, rates };
}

const IV_REGIMENS: Record<string, RegimenDose[]> = {
  'iv-bolus (two boluses)': [
    { route: 'iv-bolus', atMin: 0, doseMgPerKg: 0.5 },
    { route: 'iv-bolus', atMin: 60, doseMg: 20 },
  ],
  'iv-infusion (0.35 mg/kg/h × 4 h + overlapping 10 mg/h)': [
    { route: 'iv-infusion', startMin: 0, endMin: 240, rateMgPerKgPerH: 0.35 },
    { route: 'iv-infusion', startMin: 100, endMin: 150.5, rateMgPerH: 10 },
  ],
  'bolus + infusion starting later': [
    { route: 'iv-bolus', atMin: 15, doseMg: 35 },
    { route: 'iv-infusion', startMin: 15, endMin: 255, rateMgPerH: 24.5 },
  ],
};

// Reference systems written from the MODELS.md tables (§3.1–3.6), per patient weight.
const MAMMILLARY_REFS: Record<string, (w: number) => RefSystem> = {
  'ketamine/domino-1984': (w) => mammillaryRef(0.063 * w, 0.4381, 0.5921, 0.247, 0.59, 0.0146),
  'ketamine/kamp-2020': (w) => {
    const s = w / 70, v1 = 25 * s, v2 = 56 * s, v3 = 157 * s, cl = (84 * s) / 60, q2 = (161 * s) / 60, q3 = (79 * s) / 60;
    return mammillaryRef(v1, cl / v1, q2 / v1, q2 / v2, q3 / v1, q3 / v3);
  },
  'ketamine/clements-1981': (w) => mammillaryRef(1.7522 * w, 0.0109, 0.0186, 0.0137),
  'ketamine/hijazi-2003': (w) => mammillaryRef(1.08 * w, 0.0333, 0.0088, 0.003),
  'ketamine/herd-2007': (w) => {
    const s = w / 70, v1 = 38.7 * s, v2 = 102 * s, cl = (90 * s ** 0.75) / 60, q = (215 * s ** 0.75) / 60;
    return mammillaryRef(v1, cl / v1, q / v1, q / v2);
  },
  'ketamine/hornik-2018': (w) => {
    const s = w / 70, v1 = 32.8 * s, v2 = 152 * s, cl = (38.9 * s ** 0.75) / 60, q = (54.9 * s ** 0.75) / 60;
    return mammillaryRef(v1, cl / v1, q / v1, q / v2);
  },
};

describe('exact solver vs Dormand–Prince reference (IV models)', () => {
  for (const [modelId, ref] of Object.entries(MAMMILLARY_REFS)) {
    for (const patient of [adult, heavy]) {
      for (const [name, doses] of Object.entries(IV_REGIMENS)) {
        it(`${modelId}, ${patient.weightKg} kg, ${name}`, () => {
          const r = simulate({ modelId, patient, regimen: { doses }, timesMin: TIMES });
          const expected = referenceConcentrations(ref(patient.weightKg), ivSchedule(doses, patient.weightKg), TIMES);
          assertClose(r.ketamineNgPerMl, expected.parent, modelId);
        });
      }
    }
  }
});

describe('exact solver vs Dormand–Prince reference (Perez-Ruixo 2021, all routes)', () => {
  const cases: { name: string; doses: RegimenDose[]; ref: Parameters<typeof perezRuixoSchedule>[0] }[] = [
    { name: 'intranasal 28 mg', doses: [{ route: 'intranasal', atMin: 0, doseMg: 28 }], ref: [{ route: 'intranasal', at: 0, mg: 28 }] },
    { name: 'intranasal 56 mg', doses: [{ route: 'intranasal', atMin: 0, doseMg: 56 }], ref: [{ route: 'intranasal', at: 0, mg: 56 }] },
    { name: 'intranasal 84 mg at 5 min', doses: [{ route: 'intranasal', atMin: 5, doseMg: 84 }], ref: [{ route: 'intranasal', at: 5, mg: 84 }] },
    { name: 'oral 84 mg', doses: [{ route: 'oral', atMin: 0, doseMg: 84 }], ref: [{ route: 'oral', at: 0, mg: 84 }] },
    { name: 'IV 28 mg over 40 min', doses: [{ route: 'iv-infusion', startMin: 0, endMin: 40, rateMgPerH: 42 }], ref: [{ route: 'iv-infusion', start: 0, end: 40, mgPerH: 42 }] },
    { name: 'IV bolus 20 mg', doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 20 }], ref: [{ route: 'iv-bolus', at: 0, mg: 20 }] },
    {
      name: 'mixed: IV infusion, intranasal, oral overlapping',
      doses: [
        { route: 'iv-infusion', startMin: 10, endMin: 70, rateMgPerH: 20 },
        { route: 'intranasal', atMin: 30, doseMg: 56 },
        { route: 'oral', atMin: 45, doseMg: 70 },
      ],
      ref: [
        { route: 'iv-infusion', start: 10, end: 70, mgPerH: 20 },
        { route: 'intranasal', at: 30, mg: 56 },
        { route: 'oral', at: 45, mg: 70 },
      ],
    },
  ];
  const patients = [
    { label: '45 y', patient: adult, asian: false },
    { label: '75 y (age on Qh)', patient: { weightKg: 64, ageYears: 75, sex: 'male' as const }, asian: false },
    { label: 'Asian 50 y', patient: { weightKg: 58, ageYears: 50, sex: 'female' as const, raceAsian: true }, asian: true },
  ];
  for (const c of cases) {
    for (const p of patients) {
      it(`${c.name}, ${p.label}`, () => {
        const r = simulate({ modelId: 'esketamine/perez-ruixo-2021', patient: p.patient, regimen: { doses: c.doses }, timesMin: TIMES });
        const expected = referenceConcentrations(perezRuixoRef(p.patient.ageYears, p.asian), perezRuixoSchedule(c.ref), TIMES);
        assertClose(r.ketamineNgPerMl, expected.parent, 'esketamine');
        assertClose(r.norketamineNgPerMl ?? [], expected.metabolite ?? [], 'noresketamine');
      });
    }
  }
});
