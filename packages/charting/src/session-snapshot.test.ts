import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZSessionSnapshot } from '@ketapath/core';
import { evaluateSession } from '@ketapath/clinical-rules';
import {
  buildSessionSnapshot,
  currentRateMgPerKgPerH,
  phaseOf,
  type SnapshotContext,
} from './session-snapshot.js';
import { at, makeChart } from './testing/chart-fixtures.js';

const VITALS = {
  systolicMmHg: 124,
  diastolicMmHg: 78,
  heartRatePerMin: 72,
  spo2Percent: 98,
  respiratoryRatePerMin: 14,
};
const ALDRETE = { activity: 2, respiration: 2, circulation: null, consciousness: 2, oxygenSaturation: null };

function context(overrides: Partial<SnapshotContext> = {}): SnapshotContext {
  return {
    patient: { ageYears: 45, sex: 'female', pregnancyPossible: false },
    qualification: {
      status: 'eligible',
      signedAt: at(-10_000),
      signedBy: 'doc@clinic.test',
      expiresAt: at(100_000),
    },
    testsDue: [],
    now: at(0),
    ...overrides,
  };
}

function preStart() {
  return makeChart()
    .add({ kind: 'checklist', checklist: { item: 'consent', signedAt: at(-30) } }, -30)
    .add(
      { kind: 'checklist', checklist: { item: 'fasting', lastFoodAt: at(-600), lastClearFluidAt: at(-120) } },
      -30,
    )
    .add({ kind: 'checklist', checklist: { item: 'escort', confirmed: true, name: 'J. Escort' } }, -29)
    .add(
      { kind: 'checklist', checklist: { item: 'pre-treatment-test', testId: 'ecg', doneAt: at(-2000) } },
      -28,
    )
    .add({ kind: 'vitals', vitals: { ...VITALS, baseline: true } }, -10);
}

describe('buildSessionSnapshot', () => {
  it('phase follows the chart state', () => {
    assert.equal(phaseOf('scheduled'), 'pre-start');
    assert.equal(phaseOf('cancelled'), 'pre-start');
    assert.equal(phaseOf('running'), 'infusion');
    assert.equal(phaseOf('paused'), 'infusion');
    for (const s of ['stopped', 'discharged', 'nurse-signed', 'locked'] as const)
      assert.equal(phaseOf(s), 'discharge');
  });

  it('pre-start: the checklist facts, baseline and tests due pass ZSessionSnapshot', () => {
    const snapshot = buildSessionSnapshot(preStart().fold(), context({ testsDue: ['ecg', 'lft'] }));
    assert.deepEqual(ZSessionSnapshot.parse(snapshot), snapshot);
    assert.equal(snapshot.phase, 'pre-start');
    assert.equal(snapshot.consent.signedAt, at(-30));
    assert.deepEqual(snapshot.escort, { confirmed: true, name: 'J. Escort' });
    assert.deepEqual(snapshot.preTreatmentTests, [
      { id: 'ecg', due: true, doneAt: at(-2000) },
      { id: 'lft', due: true, doneAt: null },
    ]);
    assert.equal(snapshot.baselineVitals?.systolicMmHg, 124);
    assert.equal(snapshot.infusion.currentRateMgPerKgPerH, undefined);
    assert.equal(snapshot.discharge, null);
  });

  it('pre-start with no qualification: the eligibility rule blocks the start', () => {
    const snapshot = buildSessionSnapshot(preStart().fold(), context({ qualification: null }));
    ZSessionSnapshot.parse(snapshot);
    const result = evaluateSession(snapshot, {});
    assert.ok(
      result.findings.some((f) => f.ruleId === 'session/eligibility-current' && f.severity === 'block'),
      JSON.stringify(result.findings.map((f) => f.ruleId)),
    );
  });

  it('infusion: the running rate in mg/kg/h on the programmed weight (24.5 mL/h × 1 mg/mL ÷ 70 kg = 0.35)', () => {
    const chart = preStart().started(0).add({ kind: 'vitals', vitals: VITALS }, 30).fold(at(30));
    const snapshot = buildSessionSnapshot(chart, context({ now: at(30) }));
    assert.deepEqual(ZSessionSnapshot.parse(snapshot), snapshot);
    assert.equal(snapshot.phase, 'infusion');
    assert.equal(snapshot.infusion.startedAt, at(0));
    assert.ok(Math.abs((snapshot.infusion.currentRateMgPerKgPerH ?? NaN) - 0.35) < 1e-12);
    assert.equal(snapshot.vitals.length, 2);
    assert.equal(evaluateSession(snapshot, {}).phase, 'infusion');
  });

  it('paused: the rate is 0', () => {
    const chart = preStart().started(0).pause(10).fold();
    assert.equal(currentRateMgPerKgPerH(chart), 0);
    assert.equal(buildSessionSnapshot(chart, context()).infusion.currentRateMgPerKgPerH, 0);
  });

  it('discharge: the assessment, the last dose time (a bolus after the stop) and symptoms', () => {
    const chart = preStart()
      .started(0)
      .add({ kind: 'side-effect', symptom: 'nausea' }, 20)
      .add({ kind: 'rescue-medication', drug: 'ondansetron', doseMg: 4, route: 'iv', reason: 'nausea' }, 21)
      .stop(240)
      .bolus(245, 5)
      .add(
        {
          kind: 'discharge-assessment',
          aldrete: ALDRETE,
          escortPresent: true,
          noDrivingAdviceGiven: true,
          instructionsGiven: false,
        },
        300,
      )
      .fold();
    const snapshot = buildSessionSnapshot(chart, context({ now: at(310) }));
    assert.deepEqual(ZSessionSnapshot.parse(snapshot), snapshot);
    assert.equal(snapshot.phase, 'discharge');
    assert.deepEqual(snapshot.discharge, {
      aldrete: ALDRETE,
      lastDoseAt: at(245),
      escortPresent: true,
      noDrivingAdviceGiven: true,
      instructionsGiven: false,
    });
    assert.deepEqual(snapshot.symptoms, [{ at: at(20), kind: 'nausea' }]);
    assert.equal(snapshot.rescueMedications[0]?.drug, 'ondansetron');
    assert.equal(snapshot.infusion.currentRateMgPerKgPerH, undefined);
    const result = evaluateSession(snapshot, {});
    assert.equal(result.phase, 'discharge');
    assert.ok(result.findings.some((f) => f.ruleId.startsWith('discharge/instructions')));
  });

  it('discharge phase before any assessment: nothing recorded yet', () => {
    const snapshot = buildSessionSnapshot(preStart().started(0).stop(60).fold(), context());
    ZSessionSnapshot.parse(snapshot);
    assert.deepEqual(snapshot.discharge, {
      aldrete: null,
      lastDoseAt: at(60),
      escortPresent: false,
      noDrivingAdviceGiven: false,
      instructionsGiven: false,
    });
  });
});
