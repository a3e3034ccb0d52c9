/** Population simulation: reproducible per seed, bands ordered, assumptions labelled, progress reported. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PharmacologyInputError, simulate, simulatePopulation, simulatePopulationSeries } from './index.js';

const patient = { weightKg: 70, ageYears: 45, sex: 'female' as const };
const nasal = { doses: [{ route: 'intranasal' as const, atMin: 0, doseMg: 56 }] };

describe('population simulation', () => {
  it('reproduces with the same seed and differs with another', () => {
    const req = { modelId: 'esketamine/perez-ruixo-2021', patient, regimen: nasal, grid: { stepMin: 10, untilMin: 600 }, nPatients: 200, seed: 42 };
    const a = simulatePopulation(req);
    const b = simulatePopulation(req);
    const c = simulatePopulation({ ...req, seed: 43 });
    assert.deepEqual(a.ketamine, b.ketamine);
    assert.notDeepEqual(a.ketamine.percentiles[2], c.ketamine.percentiles[2]);
    assert.equal(a.assumptions.length, 1); // only the kmet note: all other variability is published
    assert.ok(a.variability.every((v) => v.source === 'published'));
  });
  it('gives ordered bands, the median near the typical patient, and fractions above a threshold', () => {
    const r = simulatePopulation({ modelId: 'esketamine/perez-ruixo-2021', patient, regimen: nasal, timesMin: [0, 30, 60, 240], nPatients: 2000, seed: 7, thresholdNgPerMl: 50 });
    const typical = simulate({ modelId: 'esketamine/perez-ruixo-2021', patient, regimen: nasal, timesMin: [0, 30, 60, 240] });
    const [p5, p25, p50, p75, p95] = r.ketamine.percentiles.map((p) => p.ngPerMl);
    for (let t = 1; t < 4; t++) {
      assert.ok((p5?.[t] ?? 0) <= (p25?.[t] ?? 0) && (p25?.[t] ?? 0) <= (p50?.[t] ?? 0) && (p50?.[t] ?? 0) <= (p75?.[t] ?? 0) && (p75?.[t] ?? 0) <= (p95?.[t] ?? 0));
      const ratio = (p50?.[t] ?? 0) / (typical.ketamineNgPerMl[t] ?? 1);
      assert.ok(ratio > 0.7 && ratio < 1.4, `median/typical ${ratio}`);
    }
    const frac = r.ketamine.fractionAboveThreshold ?? [];
    assert.equal(frac[0], 0);
    assert.ok((frac[1] ?? 0) > 0 && (frac[1] ?? 0) < 1);
  });
  it('uniform-grid and general-time paths agree', () => {
    const base = { modelId: 'esketamine/perez-ruixo-2021', patient, regimen: nasal, nPatients: 5, seed: 3 };
    const g = simulatePopulationSeries({ ...base, grid: { stepMin: 1, untilMin: 120 } });
    const times = Array.from({ length: 121 }, (_, i) => i);
    times.push(1e-9 + 121); // breaks uniformity → general path
    const s = simulatePopulationSeries({ ...base, timesMin: times });
    for (let i = 0; i < 5; i++) for (let t = 0; t <= 120; t++) {
      const a = g.parentNgPerMl[i * 121 + t] ?? 0;
      const b = s.parentNgPerMl[i * 122 + t] ?? 0;
      assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
    }
  });
  it('requires stated assumptions for a model without published IIV, and labels them', () => {
    const req = { modelId: 'ketamine/kamp-2020', patient, regimen: { doses: [{ route: 'iv-bolus' as const, atMin: 0, doseMg: 35 }] }, timesMin: [0, 60], nPatients: 50, seed: 1 };
    assert.throws(() => simulatePopulation(req), (e: unknown) => e instanceof PharmacologyInputError && /^assumedIivCvPercent: ketamine\/kamp-2020 has no published/.test(e.message));
    assert.throws(() => simulatePopulation({ ...req, assumedIivCvPercent: { Vmax: 20 } }), /assumedIivCvPercent.Vmax: unknown parameter/);
    const r = simulatePopulation({ ...req, assumedIivCvPercent: { CL: 30 } });
    assert.deepEqual(r.assumptions, ['CL: assumed CV 30 % (user-stated, not from the source)']);
  });
  it('reports progress up to completion', () => {
    const seen: number[] = [];
    simulatePopulation({ modelId: 'ketamine/herd-2007', patient, regimen: { doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 35 }] }, timesMin: [0, 5], nPatients: 300, seed: 9, onProgress: (p) => seen.push(p.completedPatients) });
    assert.equal(seen.at(-1), 300);
    assert.ok(seen.length >= 100);
  });
});
