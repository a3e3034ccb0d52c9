import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZOrder, ZOrderHistory, ZOrderPatient } from './order.schema.js';

const infusion = {
  protocolId: 'crps-4h-daily-10-days',
  protocolVersion: 1,
  route: 'iv-infusion',
  kind: 'infusion',
  rate: { value: 0.35, unit: 'mg/kg/h' },
  durationMin: 240,
  weightKg: 70,
  weightBasis: 'actual',
  bag: { drugMg: 100, volumeMl: 100 },
  programmedRateMlPerH: 24.5,
  orderedAt: '2026-03-02T09:00:00Z',
};
const bolus = {
  protocolId: 'ed-uw-0-1-0-3-mg-kg',
  protocolVersion: 1,
  route: 'iv-bolus',
  kind: 'bolus',
  dose: { value: 0.3, unit: 'mg/kg' },
  weightKg: 60,
  weightBasis: 'actual',
  concentrationMgPerMl: 10,
  orderedAt: '2026-03-02T09:00:00Z',
};

function issues(input: unknown): string[] {
  const r = ZOrder.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('ZOrder', () => {
  it('accepts a complete infusion and a complete bolus', () => {
    assert.deepEqual(issues(infusion), []);
    assert.deepEqual(issues(bolus), []);
  });
  const rejected: [string, Record<string, unknown>, string][] = [
    ['negative rate', { ...infusion, rate: { value: -0.35, unit: 'mg/kg/h' } }, 'rate.value'],
    ['zero rate', { ...infusion, rate: { value: 0, unit: 'mg/kg/h' } }, 'rate.value'],
    ['NaN rate', { ...infusion, rate: { value: Number.NaN, unit: 'mg/kg/h' } }, 'rate.value'],
    [
      'infinite rate',
      { ...infusion, rate: { value: Number.POSITIVE_INFINITY, unit: 'mg/kg/h' } },
      'rate.value',
    ],
    ['rate unit not allowed', { ...infusion, rate: { value: 0.35, unit: 'mg/kg/min' } }, 'rate.unit'],
    ['zero bag volume', { ...infusion, bag: { drugMg: 100, volumeMl: 0 } }, 'bag.volumeMl'],
    ['zero drug in bag', { ...infusion, bag: { drugMg: 0, volumeMl: 100 } }, 'bag.drugMg'],
    ['negative duration', { ...infusion, durationMin: -240 }, 'durationMin'],
    ['infusion without duration', { ...infusion, durationMin: undefined }, 'durationMin'],
    ['infusion without rate', { ...infusion, rate: undefined }, 'rate'],
    ['infusion with a dose', { ...infusion, dose: { value: 1, unit: 'mg' } }, 'dose'],
    [
      'infusion without bag or concentration',
      { ...infusion, bag: undefined, programmedRateMlPerH: undefined },
      'bag',
    ],
    ['bag and concentration both', { ...infusion, concentrationMgPerMl: 1 }, 'concentrationMgPerMl'],
    ['bolus without dose', { ...bolus, dose: undefined }, 'dose'],
    ['bolus with a pump rate', { ...bolus, programmedRateMlPerH: 10 }, 'programmedRateMlPerH'],
    ['weight below the data-entry range', { ...infusion, weightKg: 19.9 }, 'weightKg'],
    ['weight above the data-entry range', { ...infusion, weightKg: 400.1 }, 'weightKg'],
    ['unknown weight basis', { ...infusion, weightBasis: 'lean' }, 'weightBasis'],
    ['unknown field', { ...infusion, rateMgPerKgPerH: 0.35 }, ''],
    ['protocol id not kebab-case', { ...infusion, protocolId: 'CRPS 4h' }, 'protocolId'],
    ['protocol version 0', { ...infusion, protocolVersion: 0 }, 'protocolVersion'],
    ['orderedAt not ISO', { ...infusion, orderedAt: '02/03/2026' }, 'orderedAt'],
    ['empty override reason', { ...infusion, overrideReason: '  ' }, 'overrideReason'],
  ];
  for (const [name, input, path] of rejected) {
    it(`refuses ${name}`, () => {
      const found = issues(input);
      assert.ok(found.length > 0, 'accepted');
      assert.ok(
        found.some((i) => i.startsWith(`${path}:`)),
        found.join('; '),
      );
    });
  }
});

describe('ZOrderPatient and ZOrderHistory', () => {
  const patient = { ageYears: 45, sex: 'female', heightCm: 165, weightKg: 70, recordedOn: '2026-02-20' };
  it('accepts a patient with and without weight history', () => {
    assert.equal(ZOrderPatient.safeParse(patient).success, true);
    assert.equal(
      ZOrderPatient.safeParse({ ...patient, weightHistory: [{ recordedOn: '2026-01-01', weightKg: 72 }] })
        .success,
      true,
    );
  });
  it('refuses impossible patient values', () => {
    for (const bad of [
      { heightCm: 0 },
      { weightKg: -70 },
      { ageYears: 45.5 },
      { recordedOn: '2026-02-30' },
      { sex: 'x' },
    ]) {
      assert.equal(ZOrderPatient.safeParse({ ...patient, ...bad }).success, false, JSON.stringify(bad));
    }
  });
  it('history entries need a time, status and a non-negative dose', () => {
    const entry = {
      at: '2026-03-01T09:00:00Z',
      protocolId: 'crps-4h-daily-10-days',
      kind: 'infusion',
      status: 'administered',
      doseMg: 98,
    };
    assert.equal(ZOrderHistory.safeParse([entry]).success, true);
    assert.equal(ZOrderHistory.safeParse([{ ...entry, doseMg: -1 }]).success, false);
    assert.equal(ZOrderHistory.safeParse([{ ...entry, status: 'given' }]).success, false);
    assert.equal(ZOrderHistory.safeParse([{ ...entry, at: 'yesterday' }]).success, false);
  });
});
