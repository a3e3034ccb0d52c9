/** Target-controlled infusion: reaches and holds the target, respects the pump limit, verified by simulation. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeTci, PharmacologyInputError, simulate } from './index.js';

const patient = { weightKg: 80, ageYears: 50, sex: 'male' as const };

describe('target-controlled infusion', () => {
  for (const modelId of ['ketamine/kamp-2020', 'ketamine/domino-1984', 'esketamine/perez-ruixo-2021']) {
    it(`${modelId}: bolus fills V1, rates hold 200 ng/mL for 4 h`, () => {
      const r = computeTci({ modelId, patient, targetNgPerMl: 200, durationMin: 240 });
      assert.equal(r.reachedTargetAtMin, 0);
      // Exactly on target at every step end; between steps within a few per cent.
      const ends = simulate({ modelId, patient, regimen: r.regimen, grid: { stepMin: 1, untilMin: 240 } });
      for (const v of ends.ketamineNgPerMl) assert.ok(Math.abs(v - 200) <= 1e-6 * 200, `step end ${v}`);
      assert.ok(r.maxDeviationFraction < 0.05, `mid-step deviation ${r.maxDeviationFraction}`);
      assert.ok(r.steps.every((s) => s.rateMgPerH >= 0));
    });
  }
  it('with a pump limit and no bolus, ramps up at the limit then holds', () => {
    const r = computeTci({ modelId: 'ketamine/kamp-2020', patient, targetNgPerMl: 150, durationMin: 180, allowBolus: false, maxRateMgPerH: 60 });
    assert.equal(r.bolusMg, 0);
    assert.ok(r.steps.every((s) => s.rateMgPerH <= 60 + 1e-9));
    assert.equal(r.steps[0]?.rateMgPerH, 60);
    assert.ok(r.reachedTargetAtMin !== null && r.reachedTargetAtMin > 0);
  });
  it('refuses bad input naming the field', () => {
    assert.throws(() => computeTci({ modelId: 'ketamine/kamp-2020', patient, targetNgPerMl: -1, durationMin: 60 }), (e: unknown) => e instanceof PharmacologyInputError && e.message === 'targetNgPerMl: must be greater than 0');
  });
});
