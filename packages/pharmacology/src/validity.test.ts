/** Every validity warning the engine can raise, each triggered and each absent when it should be. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type RegimenDose, type WarningCode } from './index.js';

function codes(modelId: string, patient: { weightKg: number; ageYears: number; sex: 'male' | 'female' }, doses: RegimenDose[]): WarningCode[] {
  return simulate({ modelId, patient, regimen: { doses }, timesMin: [0, 60] }).warnings.map((w) => w.code);
}
const adult = { weightKg: 70, ageYears: 40, sex: 'female' as const };
const bolus: RegimenDose[] = [{ route: 'iv-bolus', atMin: 0, doseMg: 20 }];

describe('validity warnings', () => {
  it('paediatric model used for an adult', () => {
    assert.ok(codes('ketamine/herd-2007', adult, bolus).includes('paediatric-model-for-adult'));
    assert.ok(!codes('ketamine/herd-2007', { weightKg: 30, ageYears: 8, sex: 'male' }, bolus).includes('paediatric-model-for-adult'));
    assert.ok(codes('ketamine/hornik-2018', adult, bolus).includes('paediatric-model-for-adult'));
  });
  it('adult model used for a child', () => {
    assert.ok(codes('esketamine/perez-ruixo-2021', { weightKg: 45, ageYears: 14, sex: 'male' }, bolus).includes('adult-model-for-child'));
    assert.ok(!codes('esketamine/perez-ruixo-2021', adult, bolus).includes('adult-model-for-child'));
  });
  it('age outside the studied range', () => {
    assert.ok(codes('esketamine/perez-ruixo-2021', { ...adult, ageYears: 90 }, bolus).includes('age-outside-studied-range'));
    assert.ok(!codes('esketamine/perez-ruixo-2021', { ...adult, ageYears: 86 }, bolus).includes('age-outside-studied-range'));
  });
  it('weight outside the studied range', () => {
    assert.ok(codes('esketamine/perez-ruixo-2021', { ...adult, weightKg: 180 }, bolus).includes('weight-outside-studied-range'));
    assert.ok(codes('ketamine/hornik-2018', { weightKg: 2, ageYears: 0.5, sex: 'male' }, bolus).includes('weight-outside-studied-range'));
    assert.ok(!codes('esketamine/perez-ruixo-2021', adult, bolus).includes('weight-outside-studied-range'));
  });
  it('says when a model publishes no validity ranges', () => {
    assert.ok(codes('ketamine/kamp-2020', adult, bolus).includes('validity-ranges-not-published'));
    assert.ok(!codes('esketamine/perez-ruixo-2021', adult, bolus).includes('validity-ranges-not-published'));
  });
  it('route the model was not built on (bolus-only data, infusion regimen)', () => {
    const infusion: RegimenDose[] = [{ route: 'iv-infusion', startMin: 0, endMin: 240, rateMgPerKgPerH: 0.35 }];
    assert.ok(codes('ketamine/clements-1981', adult, infusion).includes('route-not-studied'));
    assert.ok(!codes('ketamine/clements-1981', adult, bolus).includes('route-not-studied'));
    assert.ok(!codes('ketamine/kamp-2020', adult, infusion).includes('route-not-studied'));
  });
  it('metabolite only apparent (Perez-Ruixo) / not modelled (racemic models)', () => {
    assert.ok(codes('esketamine/perez-ruixo-2021', adult, bolus).includes('metabolite-apparent'));
    assert.ok(codes('ketamine/kamp-2020', adult, bolus).includes('metabolite-not-modelled'));
    assert.ok(!codes('ketamine/kamp-2020', adult, bolus).includes('metabolite-apparent'));
  });
  it("carries each model's own flags (unverified values, arterial sampling)", () => {
    const w = simulate({ modelId: 'ketamine/kamp-2020', patient: adult, regimen: { doses: bolus }, timesMin: [0] }).warnings;
    assert.deepEqual(
      w.filter((x) => x.code === 'model-flag').map((x) => x.detail),
      ['parameters-unverified', 'arterial-central'],
    );
  });
});
