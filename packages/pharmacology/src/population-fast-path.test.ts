/**
 * The population fast path (solver/population-kernel.ts: closed-form star-block eigen-decomposition and
 * register-blocked grid stepping) against the general modal solver and the single-patient `simulate` API,
 * for random models, patients, regimens, grids and seeds; float32 storage and percentile bands.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePatientModel, MODELS, simulate, simulatePopulation, simulatePopulationSeries, type PopulationRequest, type RegimenDose } from './index.js';
import { PopulationKernel } from './solver/population-kernel.js';

const adult = { weightKg: 70, ageYears: 45, sex: 'female' as const };

/**
 * |fast − general| ≤ 1e-9·|general| at every grid point, except where the value is below 1 % of that patient's
 * peak (the first minutes of a metabolite or absorption curve), where both paths sum modal terms far larger
 * than the value and the bound is 1e-9 of 1 % of the peak.
 */
function assertSeriesClose(fast: ArrayLike<number>, general: ArrayLike<number>, nPatients: number, nT: number, label: string): void {
  assert.equal(fast.length, general.length);
  for (let i = 0; i < nPatients; i++) {
    let peak = 0;
    for (let t = 0; t < nT; t++) peak = Math.max(peak, Math.abs(general[i * nT + t] ?? 0));
    for (let t = 0; t < nT; t++) {
      const a = fast[i * nT + t] ?? Number.NaN;
      const b = general[i * nT + t] ?? Number.NaN;
      const tol = 1e-9 * Math.max(Math.abs(b), 1e-2 * peak);
      assert.ok(Math.abs(a - b) <= tol, `${label}: patient ${i}, point ${t}: fast ${a} vs general ${b} (rel ${Math.abs(a - b) / Math.abs(b)})`);
    }
  }
}

function regimenArb(modelId: string): fc.Arbitrary<RegimenDose[]> {
  const bolus = fc.record({ route: fc.constant('iv-bolus' as const), atMin: fc.double({ min: 0, max: 300, noNaN: true }), doseMg: fc.double({ min: 1, max: 100, noNaN: true }) });
  const infusion = fc
    .record({ startMin: fc.double({ min: 0, max: 300, noNaN: true }), lengthMin: fc.double({ min: 0.5, max: 400, noNaN: true }), rateMgPerH: fc.double({ min: 1, max: 60, noNaN: true }) })
    .map((r) => ({ route: 'iv-infusion' as const, startMin: r.startMin, endMin: r.startMin + r.lengthMin, rateMgPerH: r.rateMgPerH }));
  // Doses on whole minutes too, so that events fall on grid points (the exact state-space value there).
  const onGrid = fc.record({ route: fc.constant('iv-bolus' as const), atMin: fc.integer({ min: 0, max: 300 }), doseMg: fc.double({ min: 1, max: 50, noNaN: true }) });
  const perez = modelId === 'esketamine/perez-ruixo-2021';
  const extravascular = fc.record({ route: fc.constantFrom('intranasal' as const, 'oral' as const), atMin: fc.integer({ min: 0, max: 300 }), doseMg: fc.constantFrom(28, 56, 84) });
  const dose = perez ? fc.oneof(bolus, infusion, onGrid, extravascular) : fc.oneof(bolus, infusion, onGrid);
  return fc.array(dose, { minLength: 1, maxLength: 4 });
}

const requestArb = fc.constantFrom(...MODELS.keys()).chain((modelId) =>
  fc.record({
    modelId: fc.constant(modelId),
    patient: fc.record({
      weightKg: fc.double({ min: 45, max: 130, noNaN: true }),
      ageYears: fc.double({ min: 18, max: 85, noNaN: true }),
      sex: fc.constantFrom('male' as const, 'female' as const),
    }),
    regimen: regimenArb(modelId).map((doses) => ({ doses })),
    grid: fc.record({ stepMin: fc.constantFrom(0.5, 1, 2.5, 5), untilMin: fc.integer({ min: 60, max: 1440 }) }),
    nPatients: fc.integer({ min: 1, max: 40 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    cv: fc.double({ min: 10, max: 80, noNaN: true }),
  }),
);

describe('population fast path', () => {
  it('applies to every registered model (all compartment blocks are stars or single compartments)', () => {
    for (const model of MODELS.values()) {
      assert.notEqual(PopulationKernel.create(compilePatientModel(model, adult), { t0: 0, dt: 1, count: 10 }), null, model.id);
    }
  });

  it('equals the general solver to 1e-9 for random models, patients, regimens, grids and IIV', () => {
    fc.assert(
      fc.property(requestArb, (r) => {
        const model = MODELS.get(r.modelId);
        assert.ok(model !== undefined);
        const assumed = model.iiv.length > 0 ? undefined : Object.fromEntries(model.parameters.slice(0, 6).map((p) => [p.name, r.cv]));
        const request: PopulationRequest = { modelId: r.modelId, patient: r.patient, regimen: r.regimen, grid: r.grid, nPatients: r.nPatients, seed: r.seed, ...(assumed === undefined ? {} : { assumedIivCvPercent: assumed }) };
        const fast = simulatePopulationSeries(request);
        const general = simulatePopulationSeries(request, { solver: 'general' });
        const nT = fast.timesMin.length;
        assertSeriesClose(fast.parentNgPerMl, general.parentNgPerMl, r.nPatients, nT, `${r.modelId} parent`);
        if (general.metaboliteNgPerMl !== null) {
          assert.ok(fast.metaboliteNgPerMl !== null);
          assertSeriesClose(fast.metaboliteNgPerMl, general.metaboliteNgPerMl, r.nPatients, nT, `${r.modelId} metabolite`);
        }
      }),
      { numRuns: 60, seed: 20_240_603 },
    );
  });

  it('equals the general solver for the benchmark workloads (1,000 patients, 24 h at 1 min)', () => {
    const grid = { stepMin: 1, untilMin: 1440 };
    const requests: PopulationRequest[] = [
      {
        modelId: 'ketamine/kamp-2020',
        patient: adult,
        regimen: { doses: [{ route: 'iv-infusion', startMin: 0, endMin: 240, rateMgPerKgPerH: 0.35 }] },
        grid,
        nPatients: 1000,
        seed: 1,
        assumedIivCvPercent: { CL: 30, V1: 30, Q2: 30, V2: 30, Q3: 30, V3: 30 },
      },
      { modelId: 'esketamine/perez-ruixo-2021', patient: adult, regimen: { doses: [{ route: 'intranasal', atMin: 0, doseMg: 56 }] }, grid, nPatients: 1000, seed: 1 },
    ];
    for (const request of requests) {
      const fast = simulatePopulationSeries(request);
      const general = simulatePopulationSeries(request, { solver: 'general' });
      assertSeriesClose(fast.parentNgPerMl, general.parentNgPerMl, 1000, 1441, `${request.modelId} parent`);
      if (general.metaboliteNgPerMl !== null && fast.metaboliteNgPerMl !== null) {
        assertSeriesClose(fast.metaboliteNgPerMl, general.metaboliteNgPerMl, 1000, 1441, `${request.modelId} metabolite`);
      }
    }
  });

  it('gives every patient the typical curve of simulate() when every CV is stated as 0 %', () => {
    const cases = [
      { modelId: 'ketamine/kamp-2020', regimen: { doses: [{ route: 'iv-bolus' as const, atMin: 0, doseMg: 35 }, { route: 'iv-infusion' as const, startMin: 10.5, endMin: 250, rateMgPerH: 24.5 }] } },
      { modelId: 'esketamine/perez-ruixo-2021', regimen: { doses: [{ route: 'intranasal' as const, atMin: 0, doseMg: 84 }, { route: 'oral' as const, atMin: 120, doseMg: 70 }] } },
    ];
    for (const c of cases) {
      const model = MODELS.get(c.modelId);
      assert.ok(model !== undefined);
      const names = model.iiv.length > 0 ? model.iiv.map((t) => t.parameter) : ['CL', 'V1'];
      const grid = { stepMin: 1, untilMin: 720 };
      const pop = simulatePopulationSeries({ modelId: c.modelId, patient: adult, regimen: c.regimen, grid, nPatients: 3, seed: 5, assumedIivCvPercent: Object.fromEntries(names.map((p) => [p, 0])) });
      const single = simulate({ modelId: c.modelId, patient: adult, regimen: c.regimen, grid });
      const nT = single.timesMin.length;
      for (let i = 0; i < 3; i++) {
        assertSeriesClose(pop.parentNgPerMl.subarray(i * nT, (i + 1) * nT), single.ketamineNgPerMl, 1, nT, `${c.modelId} patient ${i}`);
        if (single.norketamineNgPerMl !== null) {
          assertSeriesClose(pop.metaboliteNgPerMl?.subarray(i * nT, (i + 1) * nT) ?? [], single.norketamineNgPerMl, 1, nT, `${c.modelId} metabolite, patient ${i}`);
        }
      }
    }
  });

  it('stores float32 series as the float64 values rounded once', () => {
    const request: PopulationRequest = { modelId: 'esketamine/perez-ruixo-2021', patient: adult, regimen: { doses: [{ route: 'intranasal', atMin: 0, doseMg: 56 }] }, grid: { stepMin: 2, untilMin: 600 }, nPatients: 50, seed: 11 };
    const f64 = simulatePopulationSeries(request);
    const f32 = simulatePopulationSeries(request, { precision: 'float32' });
    assert.ok(f32.parentNgPerMl instanceof Float32Array);
    assert.deepEqual(f32.parentNgPerMl, Float32Array.from(f64.parentNgPerMl));
    assert.deepEqual(f32.metaboliteNgPerMl, Float32Array.from(f64.metaboliteNgPerMl ?? []));
  });

  it('computes type-7 percentile bands and threshold fractions equal to a full sort', () => {
    const request: PopulationRequest = {
      modelId: 'esketamine/perez-ruixo-2021',
      patient: adult,
      regimen: { doses: [{ route: 'intranasal', atMin: 0, doseMg: 56 }] },
      grid: { stepMin: 7, untilMin: 700 },
      nPatients: 997,
      seed: 3,
      percentiles: [0, 2.5, 5, 50, 50, 90, 99.9, 100],
      thresholdNgPerMl: 20,
    };
    const result = simulatePopulation(request);
    const series = simulatePopulationSeries(request, { precision: 'float32' });
    const nT = series.timesMin.length;
    const n = request.nPatients;
    for (let t = 0; t < nT; t++) {
      const column = Array.from({ length: n }, (_, i) => series.parentNgPerMl[i * nT + t] ?? 0).sort((x, y) => x - y);
      (request.percentiles ?? []).forEach((p, k) => {
        const h = ((n - 1) * p) / 100;
        const f = Math.floor(h);
        const lo = column[f] ?? 0;
        const expected = lo + (h - f) * ((column[Math.min(n - 1, f + 1)] ?? 0) - lo);
        assert.equal(result.ketamine.percentiles[k]?.ngPerMl[t], expected, `p${p} at t index ${t}`);
      });
      assert.equal(result.ketamine.fractionAboveThreshold?.[t], column.filter((v) => v > 20).length / n);
    }
  });
});
