/**
 * Golden tests: the derived and published values MODELS.md quotes (half-lives, clearances, volumes, bolus
 * peaks, Perez-Ruixo's derived oral bioavailability), each to the precision MODELS.md prints.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compilePatientModel, createSimulation, findModel, simulate } from '../index.js';

const patient70 = { weightKg: 70, ageYears: 40, sex: 'male' as const };

/** Asserts |actual − printed| ≤ half a unit in the last printed digit (plus float slack). */
function assertRounded(actual: number, printed: number, decimals: number, label: string): void {
  const tol = 0.5 * 10 ** -decimals + 1e-12;
  assert.ok(Math.abs(actual - printed) <= tol, `${label}: computed ${actual}, MODELS.md ${printed}`);
}

function halfLivesMin(modelId: string, patient = patient70): number[] {
  const model = findModel(modelId);
  assert.ok(model);
  const pm = compilePatientModel(model, patient);
  return [...pm.modal.lambdaPerMin].map((l) => Math.LN2 / -l).sort((a, b) => a - b);
}

function volumes(modelId: string): Record<string, number> {
  const model = findModel(modelId);
  assert.ok(model);
  const spec = model.build(patient70, () => 0);
  return Object.fromEntries(spec.compartments.map((c) => [c.name, c.volumeL ?? Number.NaN]));
}

/** Dose ÷ AUC(0–∞) for an IV bolus, in L/min (AUC to 200 days, where the tail is negligible). */
function clearanceLPerMin(modelId: string, patient = patient70): number {
  const sim = createSimulation(modelId, patient, { doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 100 }] });
  const aucMgMinPerL = sim.aucNgMinPerMl('parent', 0, 288_000) / 1000;
  return 100 / aucMgMinPerL;
}

describe('Domino 1984 (MODELS.md §3.1, computed at 70 kg)', () => {
  it('V1 4.41 L, V2 10.57 L, V3 178.2 L, Vss 193 L', () => {
    const v = volumes('ketamine/domino-1984');
    assertRounded(v.central ?? 0, 4.41, 2, 'V1');
    assertRounded(v.peripheral1 ?? 0, 10.57, 2, 'V2');
    assertRounded(v.peripheral2 ?? 0, 178.2, 1, 'V3');
    assertRounded((v.central ?? 0) + (v.peripheral1 ?? 0) + (v.peripheral2 ?? 0), 193, 0, 'Vss');
  });
  it('CL 1.93 L/min (115.9 L/h)', () => {
    const cl = clearanceLPerMin('ketamine/domino-1984');
    assertRounded(cl, 1.93, 2, 'CL L/min');
    assertRounded(cl * 60, 115.9, 1, 'CL L/h');
  });
  it('half-lives 0.40 / 4.6 / 114.6 min', () => {
    const [a = 0, b = 0, c = 0] = halfLivesMin('ketamine/domino-1984');
    assertRounded(a, 0.4, 2, 't½α');
    assertRounded(b, 4.6, 1, 't½β');
    assertRounded(c, 114.6, 1, 't½γ');
  });
  it('0.5 mg/kg bolus gives 7.9 µg/mL at t = 0 (vs 1.4 µg/mL with Kamp 2020)', () => {
    const regimen = { doses: [{ route: 'iv-bolus' as const, atMin: 0, doseMgPerKg: 0.5 }] };
    const d = simulate({ modelId: 'ketamine/domino-1984', patient: patient70, regimen, timesMin: [0] });
    const k = simulate({ modelId: 'ketamine/kamp-2020', patient: patient70, regimen, timesMin: [0] });
    assertRounded((d.ketamineNgPerMl[0] ?? 0) / 1000, 7.9, 1, 'Domino C0');
    assertRounded((k.ketamineNgPerMl[0] ?? 0) / 1000, 1.4, 1, 'Kamp C0');
  });
});

describe('Kamp 2020 (MODELS.md §3.6, computed)', () => {
  it('Vss 238 L; half-lives 2.8 / 28.4 / 183.8 min; CL 84 L/h', () => {
    const v = volumes('ketamine/kamp-2020');
    assertRounded((v.central ?? 0) + (v.peripheral1 ?? 0) + (v.peripheral2 ?? 0), 238, 0, 'Vss');
    const [a = 0, b = 0, c = 0] = halfLivesMin('ketamine/kamp-2020');
    assertRounded(a, 2.8, 1, 't½α');
    assertRounded(b, 28.4, 1, 't½β');
    assertRounded(c, 183.8, 1, 't½γ');
    assertRounded(clearanceLPerMin('ketamine/kamp-2020') * 60, 84, 6, 'CL L/h');
  });
});

describe('Clements 1981 (MODELS.md §3.2, computed at 70 kg)', () => {
  it('V1 122.7 L, V2 166.5 L, Vss 289 L, CL 1.34 L/min, half-lives 17.6 / 182.9 min', () => {
    const v = volumes('ketamine/clements-1981');
    assertRounded(v.central ?? 0, 122.7, 1, 'V1');
    assertRounded(v.peripheral1 ?? 0, 166.5, 1, 'V2');
    assertRounded((v.central ?? 0) + (v.peripheral1 ?? 0), 289, 0, 'Vss');
    assertRounded(clearanceLPerMin('ketamine/clements-1981'), 1.34, 2, 'CL');
    const [a = 0, b = 0] = halfLivesMin('ketamine/clements-1981');
    assertRounded(a, 17.6, 1, 't½α');
    assertRounded(b, 182.9, 1, 't½β');
  });
});

describe('Hijazi 2003 (MODELS.md §3.3, computed)', () => {
  it('CL 36 mL/min/kg, terminal half-life 296.7 min (4.9 h), Vβ ≈ 15.4 L/kg', () => {
    const cl = clearanceLPerMin('ketamine/hijazi-2003');
    assertRounded((cl * 1000) / 70, 36, 0, 'CL mL/min/kg');
    const terminal = halfLivesMin('ketamine/hijazi-2003')[1] ?? 0;
    assertRounded(terminal, 296.7, 1, 't½ terminal');
    assertRounded(terminal / 60, 4.9, 1, 't½ h');
    assertRounded((cl / (Math.LN2 / terminal)) / 70, 15.4, 1, 'Vβ L/kg');
  });
});

describe('Herd 2007 (MODELS.md §3.4, computed at 70 kg)', () => {
  it('half-lives 4.4 / 80.4 min', () => {
    const [a = 0, b = 0] = halfLivesMin('ketamine/herd-2007');
    assertRounded(a, 4.4, 1, 't½α');
    assertRounded(b, 80.4, 1, 't½β');
  });
});

describe('Perez-Ruixo 2021 (MODELS.md §3.7, computed, typical non-Asian ≤ 60 y)', () => {
  const pr = 'esketamine/perez-ruixo-2021';
  /** AUC(0–∞) of esketamine per mg, by route. */
  const aucPerMg = (route: 'iv-bolus' | 'oral' | 'intranasal', doseMg: number, ageYears = 40): number => {
    const sim = createSimulation(pr, { ...patient70, ageYears }, { doses: [{ route, atMin: 0, doseMg }] });
    return sim.aucNgMinPerMl('parent', 0, 400_000) / doseMg;
  };
  it('systemic CL 109 L/h; at 70 y 97.1 L/h', () => {
    assertRounded(clearanceLPerMin(pr) * 60, 109, 0, 'CL');
    assertRounded(clearanceLPerMin(pr, { ...patient70, ageYears: 70 }) * 60, 97.1, 1, 'CL at 70 y');
  });
  it('CLint 391.9 L/h, hepatic extraction 0.72, fraction metabolised to noresketamine 0.71', () => {
    const clint = 101 * (1.11 + 2.77);
    assertRounded(clint, 391.9, 1, 'CLint');
    assertRounded(clint / (151 + clint), 0.72, 2, 'E');
    // From the engine's liver flows: kmet / (kel + kmet).
    const model = findModel(pr);
    assert.ok(model);
    const t = model.build(patient70, () => 0).transfers.filter((x) => x.from === 'liver' && x.to !== 'central');
    const kmet = t.find((x) => x.to === 'metabolite-central')?.kPerMin ?? 0;
    const kel = t.find((x) => x.to === null)?.kPerMin ?? 0;
    assertRounded(kmet / (kel + kmet), 0.71, 2, 'kmet fraction');
  });
  it('oral F = Fgut·(1 − E) = 0.178 from the simulated AUC ratio; 0.159 at 70 y', () => {
    assertRounded(aucPerMg('oral', 84) / aucPerMg('iv-bolus', 28), 0.178, 3, 'F oral');
    assertRounded(aucPerMg('oral', 84, 70) / aucPerMg('iv-bolus', 28, 70), 0.159, 3, 'F oral 70 y');
  });
  it('single-spray intranasal F ≈ 0.54 + 0.46 × 0.178 ≈ 0.62 (MODELS.md §4 flag 3), less for 56 mg', () => {
    const f28 = aucPerMg('intranasal', 28) / aucPerMg('iv-bolus', 28);
    assertRounded(f28, 0.62, 2, 'F intranasal 28 mg');
    assert.ok(aucPerMg('intranasal', 56) / aucPerMg('iv-bolus', 28) < f28);
  });
  it('Qh at 70 y is 129.1 L/h (age covariate)', () => {
    const model = findModel(pr);
    assert.ok(model);
    const spec = model.build({ ...patient70, ageYears: 70 }, () => 0);
    const kCentralToLiver = spec.transfers.find((t) => t.from === 'central' && t.to === 'liver')?.kPerMin ?? 0;
    assertRounded(kCentralToLiver * 192 * 60, 129.1, 1, 'Qh');
  });
});
