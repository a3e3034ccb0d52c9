/**
 * Table tests for every order rule: one row per cited criterion, named after its REFERENCE.md section, with
 * boundary rows either side of each limit or threshold. Rows list the findings of that one rule as
 * 'severity' or 'severity:slip'.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KG_PER_LB } from '@ketapath/units';
import {
  check,
  clinicCopy,
  CONFIGURED,
  findingsOf,
  libraryProtocol,
  makeBolus,
  makeHistoryEntry,
  makeInfusion,
  makePatient,
  type CheckInput,
} from './testing/order-builders.js';

interface Row {
  readonly name: string;
  readonly input: CheckInput;
  readonly expected: readonly string[];
}

function table(ruleId: string, rows: readonly Row[]): void {
  describe(ruleId, () => {
    for (const row of rows) {
      it(row.name, () => {
        const result = check(row.input);
        assert.deepEqual(
          findingsOf(result, ruleId),
          row.expected,
          JSON.stringify(result.findings.map((f) => f.message)),
        );
      });
    }
  });
}

const crps = clinicCopy('crps-4h-daily-10-days');
const crpsLibrary = libraryProtocol('crps-4h-daily-10-days');
const rate = (value: number, unit: 'mg/kg/h' | 'mg/h' | 'µg/kg/min' = 'mg/kg/h') => ({ value, unit });
/** An infusion with no pump setting, so only the rule under test speaks about the rate. */
const infusion = (over: Parameters<typeof makeInfusion>[0] = {}) =>
  makeInfusion({ programmedRateMlPerH: undefined, ...over });

table('order/rate-per-kg-limit', [
  {
    name: '§2.1 [G] 0.35 mg/kg/h is the studied rate → nothing',
    input: { order: infusion(), protocol: crps },
    expected: [],
  },
  {
    name: '§2.1 [G] 0.36 mg/kg/h just above the soft limit → needs-ack',
    input: { order: infusion({ rate: rate(0.36) }), protocol: crps },
    expected: ['needs-ack'],
  },
  {
    name: '§1.4 [G] 2 mg/kg/h at the hard limit → soft only',
    input: { order: infusion({ rate: rate(2) }), protocol: crps },
    expected: ['needs-ack'],
  },
  {
    name: '§1.4 [G] 2.01 mg/kg/h above the hard limit → block',
    input: { order: infusion({ rate: rate(2.01) }), protocol: crps },
    expected: ['block'],
  },
  {
    name: '§1.4 a mg/h order is compared per kg: 141 mg/h at 70 kg = 2.01 mg/kg/h → block',
    input: {
      order: infusion({
        protocolId: 'crps-continuous-22-mg-h-4-days',
        rate: rate(141, 'mg/h'),
        durationMin: 60,
      }),
      protocol: clinicCopy('crps-continuous-22-mg-h-4-days'),
    },
    expected: ['block'],
  },
  {
    name: '§2.2 [T] RYGB per kg of ideal body weight: 0.2 mg/kg/h IBW → nothing',
    input: {
      order: infusion({
        protocolId: 'periop-rygb-ibw',
        rate: rate(0.2),
        weightKg: 130,
        weightBasis: 'ideal',
        durationMin: 600,
      }),
      protocol: clinicCopy('periop-rygb-ibw'),
      patient: makePatient({ weightKg: 130, heightCm: 165 }),
    },
    expected: [],
  },
]);

const continuous = clinicCopy('crps-continuous-22-mg-h-4-days');
const goldberg = clinicCopy('crps-inpatient-titrated-5-days');
table('order/rate-limit', [
  {
    name: '§2.1 [G] 22 mg/h → nothing',
    input: {
      order: infusion({
        protocolId: 'crps-continuous-22-mg-h-4-days',
        rate: rate(22, 'mg/h'),
        durationMin: 5760,
      }),
      protocol: continuous,
    },
    expected: [],
  },
  {
    name: '§2.1 [G] 22.1 mg/h → needs-ack',
    input: {
      order: infusion({
        protocolId: 'crps-continuous-22-mg-h-4-days',
        rate: rate(22.1, 'mg/h'),
        durationMin: 60,
      }),
      protocol: continuous,
    },
    expected: ['needs-ack'],
  },
  {
    name: '§2.1 [T] titration maximum 40 mg/h → nothing',
    input: {
      order: infusion({
        protocolId: 'crps-inpatient-titrated-5-days',
        rate: rate(40, 'mg/h'),
        durationMin: 1440,
      }),
      protocol: goldberg,
    },
    expected: [],
  },
  {
    name: '§2.1 [T] 40.5 mg/h → needs-ack',
    input: {
      order: infusion({
        protocolId: 'crps-inpatient-titrated-5-days',
        rate: rate(40.5, 'mg/h'),
        durationMin: 1440,
      }),
      protocol: goldberg,
    },
    expected: ['needs-ack'],
  },
]);

const uw = clinicCopy('ed-uw-0-1-0-3-mg-kg');
table('order/bolus-per-kg-limit', [
  { name: '§2.2 [P] UW 0.3 mg/kg → nothing', input: { order: makeBolus(), protocol: uw }, expected: [] },
  {
    name: '§2.2 [P] UW 0.31 mg/kg → needs-ack',
    input: { order: makeBolus({ dose: { value: 0.31, unit: 'mg/kg' } }), protocol: uw },
    expected: ['needs-ack'],
  },
  {
    name: '§2.2 [T] Loftus 0.5 mg/kg → nothing; 0.55 mg/kg → needs-ack',
    input: {
      order: makeBolus({ protocolId: 'periop-spine-loftus', dose: { value: 0.55, unit: 'mg/kg' } }),
      protocol: clinicCopy('periop-spine-loftus'),
    },
    expected: ['needs-ack'],
  },
]);

table('order/bolus-limit', [
  {
    name: '§2.2 [P] UW 20 mg at the policy maximum → nothing',
    input: { order: makeBolus({ dose: { value: 20, unit: 'mg' } }), protocol: uw },
    expected: [],
  },
  {
    name: '§2.2 [P] UW 20.1 mg above the policy maximum → block',
    input: { order: makeBolus({ dose: { value: 20.1, unit: 'mg' } }), protocol: uw },
    expected: ['block'],
  },
  {
    name: '§2.2 [P] UW 0.3 mg/kg at 70 kg = 21 mg → block',
    input: { order: makeBolus({ weightKg: 70 }), protocol: uw, patient: makePatient({ weightKg: 70 }) },
    expected: ['block'],
  },
]);

const booster = clinicCopy('booster-4h-100-200-mg');
const boosterOrder = (mgPerH: number, over: Parameters<typeof makeInfusion>[0] = {}) =>
  infusion({ protocolId: 'booster-4h-100-200-mg', rate: rate(mgPerH, 'mg/h'), durationMin: 240, ...over });
table('order/session-dose-limit', [
  {
    name: '§2.1 [P] booster 200 mg over 4 h → nothing',
    input: { order: boosterOrder(50), protocol: booster },
    expected: [],
  },
  {
    name: '§2.1 [P] booster 202 mg over 4 h → needs-ack',
    input: { order: boosterOrder(50.5), protocol: booster },
    expected: ['needs-ack'],
  },
  {
    name: 'clinic hard limit 6000 mg: 22 mg/h × 4 days (2112 mg) → nothing',
    input: {
      order: infusion({
        protocolId: 'crps-continuous-22-mg-h-4-days',
        rate: rate(22, 'mg/h'),
        durationMin: 5760,
      }),
      protocol: continuous,
    },
    expected: [],
  },
]);

const outpatient = clinicCopy('crps-outpatient-10-daily');
const outpatientOrder = (mgPerH: number, at = '2026-03-02T09:00:00Z') =>
  infusion({
    protocolId: 'crps-outpatient-10-daily',
    rate: rate(mgPerH, 'mg/h'),
    durationMin: 240,
    orderedAt: at,
  });
const earlier = (hoursBefore: number, doseMg: number, over = {}) =>
  makeHistoryEntry({
    protocolId: 'clinic-crps-outpatient-10-daily',
    at: new Date(Date.parse('2026-03-02T09:00:00Z') - hoursBefore * 3_600_000).toISOString(),
    doseMg,
    ...over,
  });
table('order/daily-dose-limit', [
  {
    name: '§2.1 [P] 200 mg/day with nothing earlier → nothing',
    input: { order: outpatientOrder(50), protocol: outpatient },
    expected: [],
  },
  {
    name: '§2.1 [P] 40 mg 3 h earlier + 160 mg = 200 mg → nothing',
    input: { order: outpatientOrder(40), protocol: outpatient, history: [earlier(3, 40)] },
    expected: [],
  },
  {
    name: '§2.1 [P] 41 mg 3 h earlier + 160 mg = 201 mg → needs-ack',
    input: { order: outpatientOrder(40), protocol: outpatient, history: [earlier(3, 41)] },
    expected: ['needs-ack'],
  },
  {
    name: '§2.1 [P] an infusion 24 h earlier is outside the 24 h → nothing',
    input: { order: outpatientOrder(40), protocol: outpatient, history: [earlier(24, 200)] },
    expected: [],
  },
  {
    name: '§2.1 [P] a cancelled order does not count → nothing',
    input: {
      order: outpatientOrder(40),
      protocol: outpatient,
      history: [earlier(3, 200, { status: 'cancelled' })],
    },
    expected: [],
  },
  {
    name: '§2.1 [G] continuous 22 mg/h counts 528 mg in any 24 h → nothing at 22, needs-ack at 22.5',
    input: {
      order: infusion({
        protocolId: 'crps-continuous-22-mg-h-4-days',
        rate: rate(22.5, 'mg/h'),
        durationMin: 5760,
      }),
      protocol: clinicCopy('crps-continuous-22-mg-h-4-days', { 'iv-infusion': { rateMgPerH: { soft: 30 } } }),
    },
    expected: ['needs-ack'],
  },
]);

const boosterEarlier = (daysBefore: number, doseMg: number) =>
  makeHistoryEntry({
    protocolId: 'clinic-booster-4h-100-200-mg',
    at: new Date(Date.parse('2026-03-02T09:00:00Z') - daysBefore * 86_400_000).toISOString(),
    doseMg,
  });
table('order/weekly-dose-limit', [
  {
    name: '§2.1 [P] 200 mg 3 days earlier + 200 mg = 400 mg/week → nothing',
    input: { order: boosterOrder(50), protocol: booster, history: [boosterEarlier(3, 200)] },
    expected: [],
  },
  {
    name: '§2.1 [P] 201 mg 3 days earlier + 200 mg → needs-ack',
    input: { order: boosterOrder(50), protocol: booster, history: [boosterEarlier(3, 201)] },
    expected: ['needs-ack'],
  },
  {
    name: '§2.1 [P] a booster 7 days earlier is outside the week → nothing',
    input: { order: boosterOrder(50), protocol: booster, history: [boosterEarlier(7, 400)] },
    expected: [],
  },
  {
    name: 'clinic hard limit 500 mg/week: 301 + 200 → block',
    input: {
      order: boosterOrder(50),
      protocol: clinicCopy('booster-4h-100-200-mg', { 'iv-infusion': { weeklyDoseMg: { hard: 500 } } }),
      history: [boosterEarlier(3, 301)],
    },
    expected: ['block'],
  },
]);

const crpsConcentration = clinicCopy(
  'crps-4h-daily-10-days',
  { 'iv-infusion': { concentrationMgPerMl: { soft: 1, hard: 2 } } },
  [1, 2, 2.5],
);
table('order/concentration-limit', [
  {
    name: 'clinic soft 1 mg/mL: a 1 mg/mL bag → nothing',
    input: { order: infusion(), protocol: crpsConcentration },
    expected: [],
  },
  {
    name: 'clinic: a 2 mg/mL bag (soft 1, hard 2) → needs-ack',
    input: { order: infusion({ bag: { drugMg: 200, volumeMl: 100 } }), protocol: crpsConcentration },
    expected: ['needs-ack'],
  },
  {
    name: 'clinic: a 2.5 mg/mL bag above the hard limit → block',
    input: { order: infusion({ bag: { drugMg: 250, volumeMl: 100 } }), protocol: crpsConcentration },
    expected: ['block'],
  },
]);

table('order/limits-unconfigured', [
  {
    name: '§1.4 library CRPS: session, day, week and concentration hard limits unset → needs-ack',
    input: { order: makeInfusion(), protocol: crpsLibrary },
    expected: ['needs-ack'],
  },
  {
    name: 'clinic copy with every hard limit set → nothing',
    input: { order: makeInfusion(), protocol: crps },
    expected: [],
  },
  {
    name: '§10 (S6) library Loftus bolus without a concentration: bolus, day and week unset → needs-ack',
    input: {
      order: makeBolus({
        protocolId: 'periop-spine-loftus',
        dose: { value: 0.5, unit: 'mg/kg' },
        concentrationMgPerMl: undefined,
      }),
      protocol: libraryProtocol('periop-spine-loftus'),
    },
    expected: ['needs-ack'],
  },
]);

describe('order/limits-unconfigured names what the clinic must set', () => {
  it('lists each unset hard limit as unconfigured', () => {
    const r = check({ order: makeInfusion(), protocol: crpsLibrary });
    const f = r.findings.find((x) => x.ruleId === 'order/limits-unconfigured');
    assert.deepEqual(f?.unconfigured, [
      'protocol:crps-4h-daily-10-days@1:iv-infusion.sessionDoseMg.hard',
      'protocol:crps-4h-daily-10-days@1:iv-infusion.dailyDoseMg.hard',
      'protocol:crps-4h-daily-10-days@1:iv-infusion.weeklyDoseMg.hard',
      'protocol:crps-4h-daily-10-days@1:iv-infusion.concentrationMgPerMl.hard',
    ]);
  });
  it('the rate is covered by §1.4 2 mg/kg/h, the UW bolus by its 20 mg maximum', () => {
    const crpsMissing = check({ order: makeInfusion(), protocol: crpsLibrary }).findings.find(
      (x) => x.ruleId === 'order/limits-unconfigured',
    );
    assert.ok(!crpsMissing?.unconfigured?.some((u) => u.includes('rateMgPerKgPerH')));
    const uwMissing = check({
      order: makeBolus(),
      protocol: libraryProtocol('ed-uw-0-1-0-3-mg-kg'),
    }).findings.find((x) => x.ruleId === 'order/limits-unconfigured');
    assert.ok(uwMissing?.unconfigured !== undefined);
    assert.ok(!uwMissing.unconfigured.some((u) => u.includes('.bolusMg')));
  });
});

table('order/standard-concentration', [
  {
    name: '§3.2 library IV protocols list no standard bags → info',
    input: { order: makeInfusion(), protocol: crpsLibrary },
    expected: ['info'],
  },
  {
    name: 'clinic standard 1 mg/mL bag → nothing',
    input: { order: makeInfusion(), protocol: crps },
    expected: [],
  },
  {
    name: 'clinic standard 10 mg/mL as 500 mg in 50 mL → nothing',
    input: { order: infusion({ bag: { drugMg: 500, volumeMl: 50 } }), protocol: crps },
    expected: [],
  },
  {
    name: 'a 1.5 mg/mL bag → needs-ack',
    input: { order: infusion({ bag: { drugMg: 150, volumeMl: 100 } }), protocol: crps },
    expected: ['needs-ack'],
  },
  {
    name: 'a 100 mg/mL bag where 1 and 10 are standard → needs-ack, looks tenfold',
    input: { order: infusion({ bag: { drugMg: 1000, volumeMl: 10 } }), protocol: crps },
    expected: ['needs-ack:tenfold'],
  },
]);

table('order/pump-rate-mismatch', [
  {
    name: '§2.2 reverse check: 24.5 mL/h delivers 0.35 mg/kg/h → nothing',
    input: { order: makeInfusion(), protocol: crps },
    expected: [],
  },
  {
    name: 'one pump step above (24.6 mL/h) → nothing',
    input: { order: makeInfusion({ programmedRateMlPerH: 24.6 }), protocol: crps },
    expected: [],
  },
  {
    name: 'one pump step below (24.4 mL/h) → nothing',
    input: { order: makeInfusion({ programmedRateMlPerH: 24.4 }), protocol: crps },
    expected: [],
  },
  {
    name: 'two steps above (24.7 mL/h) → block',
    input: { order: makeInfusion({ programmedRateMlPerH: 24.7 }), protocol: crps },
    expected: ['block'],
  },
  {
    name: '245 mL/h for 24.5 → block, tenfold',
    input: { order: makeInfusion({ programmedRateMlPerH: 245 }), protocol: crps },
    expected: ['block:tenfold'],
  },
  { name: 'no pump setting → nothing to check', input: { order: infusion(), protocol: crps }, expected: [] },
]);

const lbSlipKg = 70 / KG_PER_LB;
table('order/weight-unit-slip', [
  {
    name: '§2.2 the recorded 70 kg → nothing',
    input: { order: makeInfusion(), protocol: crps },
    expected: [],
  },
  {
    name: '§2.2 154.3 "kg" for a 70 kg patient → block, pounds as kilograms',
    input: { order: infusion({ weightKg: lbSlipKg, weightUnitEntered: 'kg' }), protocol: crps },
    expected: ['block:pounds-as-kilograms'],
  },
  {
    name: '§2.2 70 entered in the lb field (31.8 kg) → block, kilograms as pounds',
    input: { order: infusion({ weightKg: 70 * KG_PER_LB, weightUnitEntered: 'lb' }), protocol: crps },
    expected: ['block:kilograms-as-pounds'],
  },
  {
    name: '§2.2 a real 20 % change (84 kg) is not a unit slip',
    input: { order: infusion({ weightKg: 84 }), protocol: crps },
    expected: [],
  },
]);

table('order/weight-change', [
  {
    name: '§2.2 clinic 10 %: 77 kg (+10 %) → nothing',
    input: { order: infusion({ weightKg: 77 }), protocol: crps },
    expected: [],
  },
  {
    name: '§2.2 clinic 10 %: 77.1 kg → needs-ack',
    input: { order: infusion({ weightKg: 77.1 }), protocol: crps },
    expected: ['needs-ack'],
  },
  {
    name: '§2.2 clinic 10 %: 63 kg (−10 %) → nothing',
    input: { order: infusion({ weightKg: 63 }), protocol: crps },
    expected: [],
  },
  {
    name: '§2.2 clinic 10 %: 62.9 kg → needs-ack',
    input: { order: infusion({ weightKg: 62.9 }), protocol: crps },
    expected: ['needs-ack'],
  },
  {
    name: '§2.2 no clinic threshold → needs-ack (unconfigured)',
    input: { order: makeInfusion(), protocol: crps, settings: {} },
    expected: ['needs-ack'],
  },
]);

table('order/weight-age', [
  {
    name: '§2.2 clinic 30 days: weighed 30 days ago → nothing',
    input: { order: makeInfusion(), protocol: crps, patient: makePatient({ recordedOn: '2026-01-31' }) },
    expected: [],
  },
  {
    name: '§2.2 clinic 30 days: weighed 31 days ago → needs-ack',
    input: { order: makeInfusion(), protocol: crps, patient: makePatient({ recordedOn: '2026-01-30' }) },
    expected: ['needs-ack'],
  },
]);

table('order/weight-basis', [
  {
    name: '§2.2 [T] RYGB ordered on ideal body weight → nothing',
    input: {
      order: makeBolus({ protocolId: 'periop-rygb-ibw', weightKg: 130, weightBasis: 'ideal' }),
      protocol: clinicCopy('periop-rygb-ibw'),
      patient: makePatient({ weightKg: 130 }),
    },
    expected: [],
  },
  {
    name: '§2.2 [T] RYGB ordered on actual body weight → needs-ack',
    input: {
      order: makeBolus({ protocolId: 'periop-rygb-ibw', weightKg: 130, weightBasis: 'actual' }),
      protocol: clinicCopy('periop-rygb-ibw'),
      patient: makePatient({ weightKg: 130 }),
    },
    expected: ['needs-ack'],
  },
]);

table('order/dose-slip', [
  { name: '§1.2 0.35 mg/kg/h → nothing', input: { order: infusion(), protocol: crps }, expected: [] },
  {
    name: '§1.2 3.5 mg/kg/h → tenfold',
    input: { order: infusion({ rate: rate(3.5) }), protocol: crps },
    expected: ['needs-ack:tenfold'],
  },
  {
    name: '§1.2 35 mg/kg/h → hundredfold',
    input: { order: infusion({ rate: rate(35) }), protocol: crps },
    expected: ['block:hundredfold'],
  },
  {
    name: '§1.2 350 mg/kg/h → micrograms as milligrams',
    input: { order: infusion({ rate: rate(350) }), protocol: crps },
    expected: ['block:microgram-as-milligram'],
  },
  {
    name: '§1.2 21 mg/kg/h → per hour as per minute',
    input: { order: infusion({ rate: rate(21) }), protocol: crps },
    expected: ['block:per-hour-as-per-minute'],
  },
  {
    name: '§1.2 0.035 mg/kg/h → tenfold low',
    input: { order: infusion({ rate: rate(0.035) }), protocol: crps },
    expected: ['warn:tenfold-low'],
  },
  {
    name: '§1.2 0.00035 mg/kg/h → milligrams as micrograms',
    input: { order: infusion({ rate: rate(0.00035) }), protocol: crps },
    expected: ['warn:milligram-as-microgram'],
  },
  {
    name: '§1.2 0.35/60 mg/kg/h → per minute as per hour',
    input: { order: infusion({ rate: rate(0.35 / 60) }), protocol: crps },
    expected: ['warn:per-minute-as-per-hour'],
  },
  {
    name: '§1.2 0.4 mg/kg/h (+14 %) is no slip',
    input: { order: infusion({ rate: rate(0.4) }), protocol: crps },
    expected: [],
  },
  {
    name: '§2.2 [T] Loftus 10 µg/kg/min ordered as 10 mg/kg/h → block, wrong unit',
    input: {
      order: infusion({ protocolId: 'periop-spine-loftus', rate: rate(10), durationMin: 180 }),
      protocol: clinicCopy('periop-spine-loftus'),
    },
    expected: ['block:wrong-unit'],
  },
  {
    name: '§2.2 [T] Loftus 0.6 mg/kg/h (= 10 µg/kg/min) → nothing',
    input: {
      order: infusion({ protocolId: 'periop-spine-loftus', rate: rate(0.6), durationMin: 180 }),
      protocol: clinicCopy('periop-spine-loftus'),
    },
    expected: [],
  },
  {
    name: '§2.2 [T] Loftus 600 µg/kg/min (0.6 written in µg, ×60 missing) → per hour as per minute',
    input: {
      order: infusion({ protocolId: 'periop-spine-loftus', rate: rate(600, 'µg/kg/min'), durationMin: 180 }),
      protocol: clinicCopy('periop-spine-loftus'),
    },
    expected: ['block:per-hour-as-per-minute'],
  },
  {
    name: '§2.2 [P] UW 300 µg/kg dose written as 300 mg/kg → micrograms as milligrams',
    input: { order: makeBolus({ dose: { value: 300, unit: 'mg/kg' } }), protocol: uw },
    expected: ['block:microgram-as-milligram'],
  },
  {
    name: '§2.1 [T] titrated 10–40 mg/h: 400 mg/h → tenfold of the maximum',
    input: {
      order: infusion({
        protocolId: 'crps-inpatient-titrated-5-days',
        rate: rate(400, 'mg/h'),
        durationMin: 60,
      }),
      protocol: goldberg,
    },
    expected: ['needs-ack:tenfold'],
  },
  {
    name: '§2.1 [P] booster 100–200 mg: 2000 mg over 4 h → tenfold',
    input: { order: boosterOrder(500), protocol: booster },
    expected: ['needs-ack:tenfold'],
  },
]);

table('order/protocol-match', [
  {
    name: '§2.1 the named protocol and version → nothing',
    input: { order: makeInfusion(), protocol: crpsLibrary },
    expected: [],
  },
  {
    name: '§2.1 another protocol id → block',
    input: { order: makeInfusion({ protocolId: 'sci-pain-7-days' }), protocol: crpsLibrary },
    expected: ['block'],
  },
  {
    name: '§2.1 another version → block',
    input: { order: makeInfusion({ protocolVersion: 2 }), protocol: crpsLibrary },
    expected: ['block'],
  },
  {
    name: '§2.1 a route the protocol does not use → block',
    input: { order: makeBolus({ protocolId: 'crps-4h-daily-10-days' }), protocol: crpsLibrary },
    expected: ['block'],
  },
  {
    name: '§2.1 a bolus on the infusion route where the protocol has no such step → block',
    input: {
      order: makeBolus({ protocolId: 'crps-4h-daily-10-days', route: 'iv-infusion' }),
      protocol: crpsLibrary,
    },
    expected: ['block'],
  },
]);

table('order/protocol-needs-review', [
  {
    name: '§1.2 SCI regimen with ambiguous units → needs-ack',
    input: {
      order: infusion({ protocolId: 'sci-pain-7-days', rate: rate(0.42), durationMin: 120 }),
      protocol: libraryProtocol('sci-pain-7-days'),
    },
    expected: ['needs-ack'],
  },
  {
    name: '§1.2 CRPS regimen → nothing',
    input: { order: makeInfusion(), protocol: crpsLibrary },
    expected: [],
  },
]);

table('order/duplicate-order', [
  {
    name: 'clinic 20 h: same protocol 19 h earlier → needs-ack',
    input: { order: makeInfusion(), protocol: crps, history: [earlierCrps(19)] },
    expected: ['needs-ack'],
  },
  {
    name: 'clinic 20 h: same protocol 20 h earlier → nothing',
    input: { order: makeInfusion(), protocol: crps, history: [earlierCrps(20)] },
    expected: [],
  },
  {
    name: 'clinic 20 h: cancelled earlier order → nothing',
    input: { order: makeInfusion(), protocol: crps, history: [earlierCrps(1, { status: 'cancelled' })] },
    expected: [],
  },
  {
    name: 'clinic 20 h: another protocol 1 h earlier → nothing',
    input: {
      order: makeInfusion(),
      protocol: crps,
      history: [earlierCrps(1, { protocolId: 'sci-pain-7-days' })],
    },
    expected: [],
  },
  {
    name: 'clinic 20 h: a bolus of the same protocol → nothing',
    input: { order: makeInfusion(), protocol: crps, history: [earlierCrps(1, { kind: 'bolus' })] },
    expected: [],
  },
  {
    name: 'no clinic window → needs-ack (unconfigured)',
    input: {
      order: makeInfusion(),
      protocol: crps,
      settings: { ...CONFIGURED, 'order.duplicate-window-h': undefined as never },
    },
    expected: ['needs-ack'],
  },
]);

function earlierCrps(hoursBefore: number, over = {}) {
  return makeHistoryEntry({
    protocolId: 'clinic-crps-4h-daily-10-days',
    at: new Date(Date.parse('2026-03-02T09:00:00Z') - hoursBefore * 3_600_000).toISOString(),
    ...over,
  });
}

table('order/dose-response-floor', [
  {
    name: '§1.4 [G] 0.35 mg/kg/h × 4 h at 70 kg = 98 mg over 240 min → nothing',
    input: { order: infusion(), protocol: crps },
    expected: [],
  },
  {
    name: '§1.4 [G] at 57 kg the session is 79.8 mg (< 80 mg) → info',
    input: { order: infusion({ weightKg: 57 }), protocol: crps, patient: makePatient({ weightKg: 57 }) },
    expected: ['info'],
  },
  {
    name: '§1.4 [G] at 57.15 kg the session is 80.01 mg → nothing',
    input: {
      order: infusion({ weightKg: 57.15 }),
      protocol: crps,
      patient: makePatient({ weightKg: 57.15 }),
    },
    expected: [],
  },
  {
    name: '§1.4 [G] booster 100 mg over exactly 120 min → info (not more than 2 h)',
    input: { order: boosterOrder(50, { durationMin: 120 }), protocol: booster },
    expected: ['info'],
  },
  {
    name: '§1.4 [G] booster 100.8 mg over 121 min → nothing',
    input: { order: boosterOrder(50, { durationMin: 121 }), protocol: booster },
    expected: [],
  },
  {
    name: '§2.2 perioperative infusions are not chronic-pain sessions → nothing',
    input: {
      order: infusion({ protocolId: 'periop-spine-loftus', rate: rate(10, 'µg/kg/min'), durationMin: 60 }),
      protocol: clinicCopy('periop-spine-loftus'),
    },
    expected: [],
  },
]);

table('order/impossible-values', [
  { name: 'ordinary numbers → nothing', input: { order: makeInfusion(), protocol: crps }, expected: [] },
  {
    name: '§2.2 ideal body weight of a 100 cm woman is below zero (Devine) → block',
    input: {
      order: makeBolus({ protocolId: 'periop-rygb-ibw', weightBasis: 'ideal' }),
      protocol: clinicCopy('periop-rygb-ibw'),
      patient: makePatient({ heightCm: 100, weightKg: 60 }),
    },
    expected: ['block'],
  },
  {
    name: '§2.2 ideal body weight without a female/male sex → block',
    input: {
      order: makeBolus({ protocolId: 'periop-rygb-ibw', weightBasis: 'ideal' }),
      protocol: clinicCopy('periop-rygb-ibw'),
      patient: makePatient({ sex: 'unknown', weightKg: 60 }),
    },
    expected: ['block'],
  },
  {
    name: 'a rate too large to compute (1e308 mg/kg/h) → block',
    input: { order: infusion({ rate: rate(1e308) }), protocol: crps },
    expected: ['block'],
  },
  {
    name: 'a zero-volume bag that bypassed the schema → block',
    input: { order: infusion({ bag: { drugMg: 100, volumeMl: 0 } }), protocol: crps },
    expected: ['block'],
  },
  {
    name: 'a negative rate that bypassed the schema → block',
    input: { order: infusion({ rate: rate(-0.35) }), protocol: crps },
    expected: ['block'],
  },
  {
    name: 'NaN weight that bypassed the schema → block',
    input: { order: infusion({ weightKg: Number.NaN }), protocol: crps },
    expected: ['block'],
  },
]);
