/**
 * PopulationOptions.workspace: a reused buffer gives results identical to a fresh one (every grid point is
 * rewritten, whatever the buffer held), for both storage precisions, the fast path and the general fallback,
 * runs of different sizes, and percentile bands.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PopulationWorkspace, simulatePopulation, simulatePopulationSeries, type PopulationRequest } from './index.js';

const adult = { weightKg: 70, ageYears: 45, sex: 'female' as const };

const requests: PopulationRequest[] = [
  {
    modelId: 'ketamine/kamp-2020',
    patient: adult,
    // A late first dose: the points before it must be zero, not what the buffer held.
    regimen: { doses: [{ route: 'iv-bolus', atMin: 30.5, doseMg: 20 }, { route: 'iv-infusion', startMin: 60, endMin: 300, rateMgPerKgPerH: 0.35 }] },
    grid: { stepMin: 1, untilMin: 720 },
    nPatients: 300,
    seed: 4,
    assumedIivCvPercent: { CL: 80, V1: 80, Q2: 80, V2: 80, Q3: 80, V3: 80 },
  },
  // Perez-Ruixo's published IIV sends the odd patient to the general path (one of these 200): the fallback too.
  { modelId: 'esketamine/perez-ruixo-2021', patient: adult, regimen: { doses: [{ route: 'intranasal', atMin: 10, doseMg: 56 }, { route: 'oral', atMin: 200, doseMg: 70 }] }, grid: { stepMin: 2, untilMin: 900 }, nPatients: 200, seed: 9 },
  { modelId: 'ketamine/domino-1984', patient: adult, regimen: { doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 35 }] }, grid: { stepMin: 5, untilMin: 600 }, nPatients: 150, seed: 2, assumedIivCvPercent: { k10: 30, k12: 30, V1: 30 } },
];

function poison(a: Float64Array | Float32Array | null): void {
  a?.fill(Number.NaN);
}

describe('population workspace (buffer reuse)', () => {
  for (const precision of ['float64', 'float32'] as const) {
    it(`gives results identical to fresh buffers (${precision}), even over a poisoned buffer`, () => {
      const ws = new PopulationWorkspace();
      for (const request of requests) {
        const fresh = simulatePopulationSeries(request, { precision });
        const first = simulatePopulationSeries(request, { precision, workspace: ws });
        assert.deepEqual(first.parentNgPerMl, fresh.parentNgPerMl, `${request.modelId} first run`);
        assert.deepEqual(first.metaboliteNgPerMl, fresh.metaboliteNgPerMl);
        poison(first.parentNgPerMl);
        poison(first.metaboliteNgPerMl);
        const again = simulatePopulationSeries(request, { precision, workspace: ws });
        assert.equal(again.parentNgPerMl.buffer, first.parentNgPerMl.buffer, 'the workspace buffer is reused');
        assert.deepEqual(again.parentNgPerMl, fresh.parentNgPerMl, `${request.modelId} reused run`);
        assert.deepEqual(again.metaboliteNgPerMl, fresh.metaboliteNgPerMl);
        assert.equal(again.parentNgPerMl.length, fresh.parentNgPerMl.length);
      }
    });
  }

  it('serves a smaller run from the front of a larger buffer, and grows for a larger one', () => {
    const ws = new PopulationWorkspace();
    const base = requests[0];
    assert.ok(base !== undefined);
    const big = simulatePopulationSeries({ ...base, nPatients: 400 }, { workspace: ws });
    poison(big.parentNgPerMl);
    const small = simulatePopulationSeries({ ...base, nPatients: 50 }, { workspace: ws });
    assert.equal(small.parentNgPerMl.buffer, big.parentNgPerMl.buffer);
    assert.deepEqual(small.parentNgPerMl, simulatePopulationSeries({ ...base, nPatients: 50 }).parentNgPerMl);
    const bigger = simulatePopulationSeries({ ...base, nPatients: 500 }, { workspace: ws });
    assert.deepEqual(bigger.parentNgPerMl, simulatePopulationSeries({ ...base, nPatients: 500 }).parentNgPerMl);
  });

  it('gives identical percentile bands and threshold fractions', () => {
    const ws = new PopulationWorkspace();
    for (const request of requests) {
      const withThreshold = { ...request, thresholdNgPerMl: 50, percentiles: [2.5, 5, 50, 95, 97.5] };
      const fresh = simulatePopulation(withThreshold);
      simulatePopulation(withThreshold, { workspace: ws });
      const reused = simulatePopulation(withThreshold, { workspace: ws });
      assert.deepEqual(reused, fresh, request.modelId);
    }
  });
});
