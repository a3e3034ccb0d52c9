/** Refusal of bad regimens and requests: every message names the field. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findModel, formatIssue, PharmacologyInputError, resolveRegimen, simulate, validateRegimen, validateSimulateRequest } from './index.js';

function messages(input: unknown, modelId?: string): string[] {
  const r = validateRegimen(input, modelId === undefined ? undefined : findModel(modelId));
  if (r.ok) assert.fail('expected refusal');
  return r.issues.map(formatIssue);
}

describe('regimen validation', () => {
  it('accepts the CLI shapes, including per-kg forms, and resolves them with the weight', () => {
    const r = validateRegimen({
      doses: [
        { route: 'iv-bolus', atMin: 0, doseMg: 35 },
        { route: 'iv-infusion', startMin: 0, endMin: 240, rateMgPerH: 24.5 },
        { route: 'intranasal', atMin: 0, doseMg: 50 },
        { route: 'oral', atMin: 0, doseMg: 70 },
        { route: 'intramuscular', atMin: 0, doseMgPerKg: 0.5 },
        { route: 'sublingual', atMin: 10, doseMg: 25 },
        { route: 'iv-infusion', startMin: 0, endMin: 240, rateMgPerKgPerH: 0.35 },
      ],
    });
    assert.ok(r.ok);
    const resolved = resolveRegimen(r.value, 70);
    assert.deepEqual(resolved[4], { route: 'intramuscular', atMin: 0, doseMg: 35 });
    assert.deepEqual(resolved[6], { route: 'iv-infusion', startMin: 0, endMin: 240, rateMgPerH: 24.5 });
  });
  it('refuses an infusion that ends before it starts', () => {
    assert.deepEqual(messages({ doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 1 }, { route: 'iv-bolus', atMin: 0, doseMg: 1 }, { route: 'iv-infusion', startMin: 60, endMin: 30, rateMgPerH: 1 }] }), [
      'doses[2].endMin: must be after startMin',
    ]);
  });
  it('refuses negative and non-finite amounts', () => {
    assert.deepEqual(messages({ doses: [{ route: 'iv-bolus', atMin: 0, doseMg: -5 }] }), ['doses[0].doseMg: must be ≥ 0']);
    assert.deepEqual(messages({ doses: [{ route: 'iv-infusion', startMin: 0, endMin: 10, rateMgPerKgPerH: Number.POSITIVE_INFINITY }] }), [
      'doses[0].rateMgPerKgPerH: must be a finite number',
    ]);
    assert.deepEqual(messages({ doses: [{ route: 'oral', atMin: Number.NaN, doseMg: 5 }] }), ['doses[0].atMin: must be a finite number']);
    assert.deepEqual(messages({ doses: [{ route: 'oral', atMin: 0, doseMg: '5' }] }), ['doses[0].doseMg: must be a finite number']);
  });
  it('refuses an unknown route, unknown fields, missing and doubled amounts', () => {
    assert.match(messages({ doses: [{ route: 'rectal', atMin: 0, doseMg: 5 }] })[0] ?? '', /^doses\[0\]\.route: unknown route "rectal"/);
    assert.match(messages({ doses: [{ route: 'oral', atMin: 0, dosemg: 5 }] }).join('|'), /doses\[0\]\.dosemg: unknown field/);
    assert.deepEqual(messages({ doses: [{ route: 'oral', atMin: 0 }] }), ['doses[0].doseMg: give exactly one of doseMg or doseMgPerKg']);
    assert.deepEqual(messages({ doses: [{ route: 'iv-infusion', startMin: 0, endMin: 5, rateMgPerH: 1, rateMgPerKgPerH: 1 }] }), [
      'doses[0].rateMgPerH: give exactly one of rateMgPerH or rateMgPerKgPerH',
    ]);
    assert.deepEqual(messages({ doses: [{ route: 'iv-bolus', doseMg: 5 }] }), ['doses[0].atMin: is required']);
    assert.deepEqual(messages({ doses: 'none' }), ['doses: must be an array']);
    assert.deepEqual(messages([1]), ['regimen must be an object { "doses": [...] }']);
  });
  it('refuses a route the chosen model has no parameters for', () => {
    assert.deepEqual(messages({ doses: [{ route: 'intranasal', atMin: 0, doseMg: 50 }] }, 'ketamine/kamp-2020'), [
      'doses[0].route: model ketamine/kamp-2020 has no parameters for route intranasal (supported: iv-bolus, iv-infusion)',
    ]);
    assert.match(messages({ doses: [{ route: 'sublingual', atMin: 0, doseMg: 25 }] }, 'esketamine/perez-ruixo-2021')[0] ?? '', /no parameters for route sublingual/);
  });
});

describe('simulate request validation', () => {
  const ok = { modelId: 'ketamine/kamp-2020', patient: { weightKg: 70, ageYears: 40, sex: 'male' }, regimen: { doses: [] }, timesMin: [0, 1] };
  it('names patient, model and time fields', () => {
    const bad = validateSimulateRequest({ ...ok, modelId: 'ketamine/nobody-2099', patient: { weightKg: 0, ageYears: 40, sex: 'x' }, timesMin: [5, 1] });
    if (bad.ok) assert.fail('expected refusal');
    const msgs = bad.issues.map(formatIssue);
    assert.match(msgs[0] ?? '', /^modelId: unknown model "ketamine\/nobody-2099"/);
    assert.ok(msgs.includes('patient.weightKg: must be greater than 0'));
    assert.ok(msgs.includes('patient.sex: must be "male" or "female"'));
    assert.ok(msgs.includes('timesMin[1]: times must be in ascending order'));
  });
  it('prefixes regimen paths and throws PharmacologyInputError from simulate()', () => {
    assert.throws(
      () => simulate({ ...ok, patient: { weightKg: 70, ageYears: 40, sex: 'male' }, regimen: { doses: [{ route: 'iv-infusion', startMin: 10, endMin: 10, rateMgPerH: 5 }] } }),
      (e: unknown) => e instanceof PharmacologyInputError && e.message === 'regimen.doses[0].endMin: must be after startMin',
    );
  });
  it('accepts a grid instead of times', () => {
    const v = validateSimulateRequest({ ...ok, timesMin: undefined, grid: { stepMin: 5, untilMin: 20 } });
    assert.ok(v.ok);
    assert.deepEqual(v.value.timesMin, [0, 5, 10, 15, 20]);
  });
});
