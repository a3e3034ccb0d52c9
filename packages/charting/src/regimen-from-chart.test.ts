import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { administeredMgBy, resolveRegimen, simulate } from '@ketapath/pharmacology';
import { regimenFromChart } from './regimen-from-chart.js';
import { at, makeChart } from './testing/chart-fixtures.js';

describe('regimenFromChart', () => {
  it('segments and boluses in minutes from the first dose; per-kg orders as mg/kg/h on the given weight', () => {
    const chart = makeChart()
      .started(10)
      .pause(70)
      .resume(80)
      .rateChange(100, 35, 0.5)
      .stop(250)
      .bolus(5, 10)
      .fold();
    const { regimen, originIso, weightKg } = regimenFromChart(chart, 70);
    assert.equal(originIso, at(5));
    assert.equal(weightKg, 70);
    assert.deepEqual(regimen.doses, [
      { route: 'iv-infusion', startMin: 5, endMin: 65, rateMgPerKgPerH: 0.35 },
      { route: 'iv-infusion', startMin: 75, endMin: 95, rateMgPerKgPerH: 0.35 },
      { route: 'iv-infusion', startMin: 95, endMin: 245, rateMgPerKgPerH: 0.5 },
      { route: 'iv-bolus', atMin: 0, doseMg: 10 },
    ]);
  });

  it('the regimen reproduces the charted dose', () => {
    const chart = makeChart()
      .started(0)
      .pause(60)
      .resume(90)
      .rateChange(120, 35, 0.5)
      .stop(240)
      .bolus(30, 12.5)
      .fold();
    const doses = resolveRegimen(regimenFromChart(chart, 82).regimen, 82);
    assert.ok(Math.abs(administeredMgBy(doses, 10_000) - chart.administered.mg) < 1e-9);
  });

  it('mg/h orders stay mg/h; an open segment runs to the chart’s as-of time', () => {
    const chart = makeChart()
      .started(0, { rate: { value: 24.5, unit: 'mg/h' } })
      .fold(at(30));
    assert.deepEqual(regimenFromChart(chart, 70).regimen.doses, [
      { route: 'iv-infusion', startMin: 0, endMin: 30, rateMgPerH: 24.5 },
    ]);
  });

  it('nothing given: an empty regimen', () => {
    assert.deepEqual(regimenFromChart(makeChart().program(0).fold(), 70), {
      regimen: { doses: [] },
      originIso: null,
      weightKg: 70,
    });
    assert.throws(() => regimenFromChart(makeChart().fold(), 0), RangeError);
  });

  it('ketamine/kamp-2020: a positive predicted concentration at the end of a 4-h infusion', () => {
    const chart = makeChart().started(0).stop(240).fold();
    const { regimen } = regimenFromChart(chart, 70);
    const result = simulate({
      modelId: 'ketamine/kamp-2020',
      patient: { weightKg: 70, ageYears: 45, sex: 'female' },
      regimen,
      timesMin: [0, 120, 240],
    });
    const end = result.ketamineNgPerMl[2] ?? 0;
    assert.ok(end > 0, `ketamine at 240 min: ${end} ng/mL`);
    // A constant-rate infusion from zero only rises in a linear compartment model.
    assert.ok(end >= (result.ketamineNgPerMl[1] ?? Infinity));
  });
});
