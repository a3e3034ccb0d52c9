import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeTci, listModels, simulate, simulatePopulation, type SimulateRequest } from '@ketapath/pharmacology';
import { auditRows, startTestApp, TEST_DB_KIND, type TestApp, type TestClient } from '@ketapath/test-support';
import { PHARMACOLOGY_LIMITS } from '../services/pharmacology.service.js';

const PATIENT = { weightKg: 72.5, ageYears: 47, sex: 'female' } as const;
const SIMULATE = {
  modelId: 'esketamine/perez-ruixo-2021',
  patient: { ...PATIENT, heightCm: 168 },
  regimen: { doses: [{ route: 'intranasal', atMin: 0, doseMg: 56 }, { route: 'oral', atMin: 60, doseMgPerKg: 1 }, { route: 'iv-infusion', startMin: 120, endMin: 180, rateMgPerKgPerH: 0.35 }] },
  timesMin: [0, 1, 5, 30, 60, 61, 120, 150, 180, 240, 480],
  thresholdNgPerMl: 20,
};
const POPULATION = { ...SIMULATE, timesMin: undefined, grid: { stepMin: 10, untilMin: 480 }, nPatients: 200, seed: 5 };
const TCI = { modelId: 'ketamine/kamp-2020', patient: PATIENT, targetNgPerMl: 150, durationMin: 120, stepMin: 5, maxRateMgPerH: 200 };

describe(`pharmacology API (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let nurse: TestClient;
  before(async () => {
    t = await startTestApp();
    nurse = await t.as('nurse');
  });
  after(async () => {
    await t.close();
  });

  it('refuses anonymous callers with 401', async () => {
    const anonymous = t.anonymous();
    assert.equal((await anonymous.get('/api/pharmacology/models')).status, 401);
    for (const [route, body] of [['simulate', SIMULATE], ['population', POPULATION], ['tci', TCI]] as const) {
      const r = await anonymous.post(`/api/pharmacology/${route}`, body);
      assert.equal(r.status, 401, route);
      assert.equal(r.body.code, 'NOT_AUTHENTICATED');
    }
  });

  it('lists every model for any staff member', async () => {
    for (const role of ['front_desk', 'nurse', 'physician', 'admin'] as const) {
      const r = await (await t.as(role)).get('/api/pharmacology/models');
      assert.equal(r.status, 200, role);
      assert.deepEqual(r.body.items, JSON.parse(JSON.stringify(listModels())));
    }
  });

  it('simulates exactly what the library computes', async () => {
    const r = await nurse.post('/api/pharmacology/simulate', SIMULATE);
    assert.equal(r.status, 200, r.text);
    const { amounts: _amounts, ...expected } = simulate(SIMULATE as SimulateRequest);
    assert.deepEqual(r.body, JSON.parse(JSON.stringify(expected)));
    assert.deepEqual(r.body.ketamineNgPerMl, expected.ketamineNgPerMl);
    assert.equal(r.body.unit, 'ng/mL');
    const grid = await nurse.post('/api/pharmacology/simulate', { ...SIMULATE, timesMin: undefined, grid: { stepMin: 1, untilMin: 1440 } });
    assert.equal(grid.status, 200, grid.text);
    assert.equal(grid.body.timesMin.length, 1441);
  });

  it('gives population bands that reproduce and match the library', async () => {
    const r = await nurse.post('/api/pharmacology/population', POPULATION);
    assert.equal(r.status, 200, r.text);
    const { timesMin: _t, ...request } = POPULATION;
    const expected = simulatePopulation(request as Parameters<typeof simulatePopulation>[0]);
    assert.deepEqual(r.body, JSON.parse(JSON.stringify(expected)));
    assert.deepEqual((await nurse.post('/api/pharmacology/population', POPULATION)).body.ketamine, r.body.ketamine);
    assert.deepEqual(r.body.ketamine.percentiles.map((p: { percentile: number }) => p.percentile), [5, 25, 50, 75, 95]);
    assert.equal(r.body.ketamine.fractionAboveThreshold.length, 49);
  });

  it('plans a TCI with rates per kg and its verification', async () => {
    const r = await nurse.post('/api/pharmacology/tci', TCI);
    assert.equal(r.status, 200, r.text);
    const expected = computeTci(TCI);
    assert.equal(r.body.bolusMg, expected.bolusMg);
    assert.equal(r.body.bolusMgPerKg, expected.bolusMg / PATIENT.weightKg);
    assert.deepEqual(r.body.steps, expected.steps.map((s) => ({ ...s, rateMgPerKgPerH: s.rateMgPerH / PATIENT.weightKg })));
    assert.deepEqual(r.body.regimen, JSON.parse(JSON.stringify(expected.regimen)));
    assert.equal(r.body.maxDeviationFraction, expected.maxDeviationFraction);
    assert.deepEqual(r.body.verification.ketamineNgPerMl, expected.verification.ketamineNgPerMl);
  });

  it('answers bad input with 400 problem+json naming the field', async () => {
    const cases: [string, unknown, string, RegExp][] = [
      ['simulate', { ...SIMULATE, regimen: { doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 1 }, { route: 'iv-infusion', startMin: 60, endMin: 30, rateMgPerH: 5 }] } }, 'regimen.doses[1].endMin', /must be after startMin/],
      ['simulate', { ...SIMULATE, regimen: { doses: [{ route: 'rectal', atMin: 0, doseMg: 1 }] } }, 'regimen.doses[0].route', /./],
      ['simulate', { ...SIMULATE, regimen: { doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 1, rate: 2 }] } }, 'regimen.doses[0].rate', /not a known field/],
      ['simulate', { ...SIMULATE, modelId: 'ketamine/nope' }, 'modelId', /unknown model "ketamine\/nope" \(one of .*ketamine\/kamp-2020/],
      ['simulate', { ...SIMULATE, patient: { ...PATIENT, weightKg: -1 } }, 'patient.weightKg', /greater than 0/],
      ['simulate', { ...SIMULATE, patient: { ...PATIENT, weightKg: '70' } }, 'patient.weightKg', /./],
      ['simulate', { ...SIMULATE, timesMin: [0, 10, 5] }, 'timesMin[2]', /ascending/],
      ['simulate', { ...SIMULATE, timesMin: undefined }, 'timesMin', /required/],
      ['simulate', { ...SIMULATE, regimen: { doses: [{ route: 'oral', atMin: 0, doseMg: 50 }] }, modelId: 'ketamine/kamp-2020' }, 'regimen.doses[0].route', /no parameters for route oral/],
      ['population', { ...POPULATION, seed: 1.5 }, 'seed', /./],
      ['population', { ...POPULATION, modelId: 'ketamine/kamp-2020', regimen: { doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 35 }] } }, 'assumedIivCvPercent', /no published inter-individual variability/],
      ['population', { ...POPULATION, assumedIivCvPercent: { nope: 30 } }, 'assumedIivCvPercent.nope', /unknown parameter/],
      ['tci', { ...TCI, targetNgPerMl: 0 }, 'targetNgPerMl', /greater than 0/],
      ['tci', { ...TCI, modelId: 'esketamine/nope' }, 'modelId', /unknown model/],
    ];
    for (const [route, body, field, message] of cases) {
      const r = await nurse.post(`/api/pharmacology/${route}`, body);
      assert.equal(r.status, 400, `${route} ${field}: ${r.text}`);
      assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.equal(r.body.code, 'VALIDATION_FAILED');
      assert.equal(r.body.field, field, r.text);
      assert.match(r.body.errors[0].message, message, r.text);
    }
  });

  it('bounds the work of one request, and says so in the 400', async () => {
    const tooMany = await nurse.post('/api/pharmacology/population', { ...POPULATION, nPatients: PHARMACOLOGY_LIMITS.populationPatients + 1 });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.field, 'nPatients');
    assert.match(tooMany.body.detail, new RegExp(`at most ${PHARMACOLOGY_LIMITS.populationPatients} virtual patients`));
    const longGrid = await nurse.post('/api/pharmacology/population', { ...POPULATION, grid: { stepMin: 1, untilMin: 1440 * 2 } });
    assert.equal(longGrid.status, 400);
    assert.equal(longGrid.body.field, 'grid.stepMin');
    assert.match(longGrid.body.detail, new RegExp(`2881 time points; at most ${PHARMACOLOGY_LIMITS.populationTimePoints}`));
    const manyTimes = await nurse.post('/api/pharmacology/population', { ...POPULATION, grid: undefined, timesMin: Array.from({ length: PHARMACOLOGY_LIMITS.populationTimePoints + 1 }, (_, i) => i) });
    assert.equal(manyTimes.status, 400);
    assert.equal(manyTimes.body.field, 'timesMin');
    const manyDoses = await nurse.post('/api/pharmacology/population', {
      ...POPULATION,
      regimen: { doses: Array.from({ length: PHARMACOLOGY_LIMITS.populationDoses + 1 }, (_, i) => ({ route: 'intranasal', atMin: i * 60, doseMg: 28 })) },
    });
    assert.equal(manyDoses.status, 400);
    assert.equal(manyDoses.body.field, 'regimen.doses');
    assert.match(manyDoses.body.detail, new RegExp(`at most ${PHARMACOLOGY_LIMITS.populationDoses} doses`));
    const hugeGrid = await nurse.post('/api/pharmacology/simulate', { ...SIMULATE, timesMin: undefined, grid: { stepMin: 0.001, untilMin: 1e6 } });
    assert.equal(hugeGrid.status, 400);
    assert.equal(hugeGrid.body.field, 'grid.stepMin');
    const longTci = await nurse.post('/api/pharmacology/tci', { ...TCI, durationMin: 10_000, stepMin: 1 });
    assert.equal(longTci.status, 400);
    assert.equal(longTci.body.field, 'stepMin');
    assert.match(longTci.body.detail, new RegExp(`at most ${PHARMACOLOGY_LIMITS.tciSteps} steps`));
  });

  it('writes no audit rows (no patient identity is involved)', async () => {
    const before = (await auditRows(t.database)).length;
    await nurse.post('/api/pharmacology/simulate', SIMULATE);
    await nurse.get('/api/pharmacology/models');
    assert.equal((await auditRows(t.database)).length, before);
  });

  it('lists the routes and their schemas in the OpenAPI document', async () => {
    const doc = (await nurse.get('/api/docs/json')).body;
    for (const [path, method] of [['/api/pharmacology/models', 'get'], ['/api/pharmacology/simulate', 'post'], ['/api/pharmacology/population', 'post'], ['/api/pharmacology/tci', 'post']] as const) {
      const op = doc.paths[path]?.[method];
      assert.ok(op, `${method} ${path}`);
      assert.ok(op.responses['200'], `${path} 200 schema`);
      assert.ok(op.responses['400'], `${path} 400 schema`);
    }
    const populationBody = doc.paths['/api/pharmacology/population'].post.requestBody.content['application/json'].schema;
    assert.equal(populationBody.properties.nPatients.maximum, PHARMACOLOGY_LIMITS.populationPatients);
  });
});
