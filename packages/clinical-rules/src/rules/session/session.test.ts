/**
 * Table tests of the session rules: one row per cited criterion with boundary rows on each side of every
 * threshold (REFERENCE §4.2 practice values, §4.6 Aldrete convention, §1.3/§1.6 pre-start items).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionSnapshot } from '@ketapath/core';
import { runRule, type Rule } from '../../define-rule.js';
import { settingsView } from '../../registry.js';
import type { ClinicSettings } from '../../settings.js';
import { severityRank, type ActionTier, type Finding, type Severity } from '../../types.js';
import {
  baselineVitals,
  bloodPressureLimits,
  bloodPressureRise,
  consentSigned,
  dissociationLevel,
  eligibilityCurrent,
  escortConfirmed,
  fasting,
  heartRateLimits,
  monitoringRecorded,
  oxygenSaturation,
  preTreatmentTests,
  pregnancyTestPositive,
  pregnancyTestRequired,
  qualificationValidity,
  respiratoryRateLimits,
  sedationLevel,
  symptomReported,
} from './index.js';
import {
  EXAMPLE_CLINIC_SETTINGS,
  makeInfusion,
  makeSnapshot,
  minBefore,
  NOW,
} from './testing/session-fixtures.js';

function run(
  rule: Rule<SessionSnapshot>,
  s: SessionSnapshot,
  settings: ClinicSettings = EXAMPLE_CLINIC_SETTINGS,
): Finding[] {
  return runRule(rule, s, settingsView(settings), new Date(s.now));
}

/** Expected outcome: no finding, or the worst finding's severity (and tier when given). */
type Expect = null | Severity | readonly [Severity, ActionTier];

function check(
  name: string,
  rule: Rule<SessionSnapshot>,
  s: SessionSnapshot,
  expected: Expect,
  settings?: ClinicSettings,
) {
  it(name, () => {
    const findings = run(rule, s, settings).filter((f) => f.severity !== 'info');
    if (expected === null) {
      assert.deepEqual(
        findings.map((f) => f.message),
        [],
      );
      return;
    }
    const [severity, tier] = typeof expected === 'string' ? [expected, undefined] : expected;
    assert.ok(findings.length > 0, 'expected a finding');
    const worst = findings.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
    assert.equal(worst.severity, severity, worst.message);
    if (tier !== undefined) assert.equal(worst.actionTier, tier, worst.message);
    assert.equal(worst.ruleId, rule.id);
    assert.ok(worst.citations.length > 0);
  });
}

const baseline = makeSnapshot().baselineVitals;
assert.ok(baseline !== null);
const withBaseline = (v: Partial<NonNullable<SessionSnapshot['baselineVitals']>>) =>
  makeSnapshot({ baselineVitals: { ...baseline, ...v } });

describe('session/eligibility-current (§1.3, §1.6)', () => {
  const e = makeSnapshot().eligibility;
  check('signed, eligible and current → none', eligibilityCurrent, makeSnapshot(), null);
  check(
    'not eligible → block',
    eligibilityCurrent,
    makeSnapshot({ eligibility: { ...e, status: 'not-eligible' } }),
    'block',
  );
  check(
    'still needs physician review → block',
    eligibilityCurrent,
    makeSnapshot({ eligibility: { ...e, status: 'needs-physician-review' } }),
    'block',
  );
  check(
    'unsigned (no date) → block',
    eligibilityCurrent,
    makeSnapshot({ eligibility: { ...e, signedAt: null } }),
    'block',
  );
  check(
    'unsigned (no signer) → block',
    eligibilityCurrent,
    makeSnapshot({ eligibility: { ...e, signedBy: null } }),
    'block',
  );
  check(
    'expires exactly now → block',
    eligibilityCurrent,
    makeSnapshot({ eligibility: { ...e, expiresAt: NOW } }),
    'block',
  );
  check(
    'expires in 1 min → none',
    eligibilityCurrent,
    makeSnapshot({ eligibility: { ...e, expiresAt: minBefore(-1) } }),
    null,
  );
  check(
    'no expiry → none',
    eligibilityCurrent,
    makeSnapshot({ eligibility: { ...e, expiresAt: null } }),
    null,
  );
  it('eligible with precautions → an info note, not an open item', () => {
    const f = run(
      eligibilityCurrent,
      makeSnapshot({ eligibility: { ...e, status: 'eligible-with-precautions' } }),
    );
    assert.deepEqual(
      f.map((x) => x.severity),
      ['info'],
    );
  });
});

describe('session/qualification-validity (§1.6, §10: the clinic’s period, no REFERENCE value)', () => {
  const e = makeSnapshot().eligibility;
  const DAY_MIN = 24 * 60;
  const days = { ...EXAMPLE_CLINIC_SETTINGS, 'session.qualification-valid-days': 30 };
  const signedDaysAgo = (d: number, extraMin = 0) =>
    makeSnapshot({ eligibility: { ...e, signedAt: minBefore(d * DAY_MIN + extraMin), expiresAt: null } });
  check('§10 signed 29 days ago, valid 30 days → none', qualificationValidity, signedDaysAgo(29), null, days);
  check(
    '§10 signed 1 min short of 30 days ago → none',
    qualificationValidity,
    signedDaysAgo(30, -1),
    null,
    days,
  );
  check(
    '§10 signed exactly 30 days ago → block (expired)',
    qualificationValidity,
    signedDaysAgo(30),
    'block',
    days,
  );
  check('§10 signed 31 days ago → block', qualificationValidity, signedDaysAgo(31), 'block', days);
  check(
    '§10 a shortened period expires an older qualification even with a later written expiry → block',
    qualificationValidity,
    makeSnapshot({
      eligibility: { ...e, signedAt: minBefore(40 * DAY_MIN), expiresAt: minBefore(-DAY_MIN) },
    }),
    'block',
    days,
  );
  check(
    'unsigned → none here (session/eligibility-current blocks it)',
    qualificationValidity,
    makeSnapshot({ eligibility: { ...e, signedAt: null } }),
    null,
    days,
  );
  it('period not set by the clinic → one needs-ack finding naming the setting', () => {
    const findings = run(qualificationValidity, signedDaysAgo(1), {});
    assert.equal(findings.length, 1);
    const f = findings[0];
    assert.ok(f);
    assert.equal(f.severity, 'needs-ack');
    assert.deepEqual(f.unconfigured, ['session.qualification-valid-days']);
  });
  it('the block names the period and the clinic’s value', () => {
    const f = run(qualificationValidity, signedDaysAgo(31), days)[0];
    assert.ok(f);
    assert.match(f.message, /31 days ago.*30 days/);
    const used = f.parameters[0];
    assert.ok(used);
    assert.equal(used.id, 'session.qualification-valid-days');
    assert.equal(used.value, 30);
    assert.equal(used.origin, 'clinic');
  });
});

describe('session/consent-signed', () => {
  check('signed → none', consentSigned, makeSnapshot(), null);
  check('not signed → block', consentSigned, makeSnapshot({ consent: { signedAt: null } }), 'block');
  check(
    'signature dated after now → block',
    consentSigned,
    makeSnapshot({ consent: { signedAt: minBefore(-5) } }),
    'block',
  );
});

describe('session/fasting (no REFERENCE interval: clinic setting; §3.3 example)', () => {
  check(
    'clinic has not set the intervals → needs-ack (unconfigured)',
    fasting,
    makeSnapshot(),
    'needs-ack',
    {},
  );
  it('the unconfigured finding names both settings', () => {
    const [f] = run(fasting, makeSnapshot(), {});
    assert.deepEqual(f?.unconfigured, [
      'session.fasting-food-interval-min',
      'session.fasting-clear-fluid-interval-min',
    ]);
  });
  const fast = (foodMin: number | null, fluidMin: number | null) =>
    makeSnapshot({
      fasting: {
        lastFoodAt: foodMin === null ? null : minBefore(foodMin),
        lastClearFluidAt: fluidMin === null ? null : minBefore(fluidMin),
      },
    });
  check('food 120 min ago, clinic 120 → none', fasting, fast(120, 60), null);
  check('food 119 min ago, clinic 120 → needs-ack', fasting, fast(119, 60), 'needs-ack');
  check('fluid 30 min ago, clinic 30 → none', fasting, fast(240, 30), null);
  check('fluid 29 min ago, clinic 30 → needs-ack', fasting, fast(240, 29), 'needs-ack');
  check('last food not recorded → needs-ack', fasting, fast(null, 60), 'needs-ack');
  check('clinic sets 0 (no restriction), nothing recorded → none', fasting, fast(null, null), null, {
    ...EXAMPLE_CLINIC_SETTINGS,
    'session.fasting-food-interval-min': 0,
    'session.fasting-clear-fluid-interval-min': 0,
  });
});

describe('session/baseline-vitals (§4.2 S30 [P] "do not give"; S9b [T]; §4.6 S28)', () => {
  check('normal baseline → none', baselineVitals, makeSnapshot(), null);
  check('no baseline → block', baselineVitals, makeSnapshot({ baselineVitals: null }), 'block');
  check('§4.2 SBP 89 (< 90) → block', baselineVitals, withBaseline({ systolicMmHg: 89 }), 'block');
  check('§4.2 SBP 90 → none', baselineVitals, withBaseline({ systolicMmHg: 90 }), null);
  check('§4.2 SBP 179 → none', baselineVitals, withBaseline({ systolicMmHg: 179 }), null);
  check(
    '§4.2 S9b SBP 180 (≥ 180) → needs-ack',
    baselineVitals,
    withBaseline({ systolicMmHg: 180 }),
    'needs-ack',
  );
  check('§4.2 S30 SBP 181 (> 180) → block', baselineVitals, withBaseline({ systolicMmHg: 181 }), 'block');
  check('§4.2 S9b DBP 99 → none', baselineVitals, withBaseline({ diastolicMmHg: 99 }), null);
  check(
    '§4.2 S9b DBP 100 (≥ 100) → needs-ack',
    baselineVitals,
    withBaseline({ diastolicMmHg: 100 }),
    'needs-ack',
  );
  check('§4.2 HR 49 (< 50) → block', baselineVitals, withBaseline({ heartRatePerMin: 49 }), 'block');
  check('§4.2 HR 50 → none', baselineVitals, withBaseline({ heartRatePerMin: 50 }), null);
  check('§4.2 HR 150 → none', baselineVitals, withBaseline({ heartRatePerMin: 150 }), null);
  check('§4.2 HR 151 (> 150) → block', baselineVitals, withBaseline({ heartRatePerMin: 151 }), 'block');
  check('§4.2 RR 9 (< 10) → block', baselineVitals, withBaseline({ respiratoryRatePerMin: 9 }), 'block');
  check('§4.2 RR 10 → none', baselineVitals, withBaseline({ respiratoryRatePerMin: 10 }), null);
  check('§4.2 RR 30 → none', baselineVitals, withBaseline({ respiratoryRatePerMin: 30 }), null);
  check('§4.2 RR 31 (> 30) → block', baselineVitals, withBaseline({ respiratoryRatePerMin: 31 }), 'block');
  check('§4.6 SpO₂ 93% → none', baselineVitals, withBaseline({ spo2Percent: 93 }), null);
  check(
    '§4.6 SpO₂ 92% (not > 92) → needs-ack',
    baselineVitals,
    withBaseline({ spo2Percent: 92 }),
    'needs-ack',
  );
  check(
    'clinic lowers the SBP limit to 170: SBP 171 → block',
    baselineVitals,
    withBaseline({ systolicMmHg: 171 }),
    'block',
    {
      ...EXAMPLE_CLINIC_SETTINGS,
      'session.sbp-high-mmhg': 170,
    },
  );
  it('a finding shows the threshold it used with its evidence label', () => {
    const [f] = run(baselineVitals, withBaseline({ systolicMmHg: 181 }));
    const used = f?.parameters.find((p) => p.id === 'session.sbp-high-mmhg');
    assert.equal(used?.value, 180);
    assert.equal(used.basis, 'practice [P] default');
    assert.match(f?.message ?? '', /181 mmHg is outside 90–180 mmHg/);
  });
});

describe('session/pregnancy-test-* (§1.3 relative contraindication; testing policy is the clinic’s)', () => {
  const possible = (test: SessionSnapshot['pregnancyTest']) =>
    makeSnapshot({ patient: { ageYears: 30, sex: 'female', pregnancyPossible: true }, pregnancyTest: test });
  check(
    'positive result → block',
    pregnancyTestPositive,
    possible({ result: 'positive', at: minBefore(30) }),
    'block',
  );
  check(
    'negative result → none (positive rule)',
    pregnancyTestPositive,
    possible({ result: 'negative', at: minBefore(30) }),
    null,
  );
  check(
    'required, none on file → needs-ack',
    pregnancyTestRequired,
    possible({ result: null, at: null }),
    'needs-ack',
  );
  check(
    'required, negative 72 h old (max 72 h) → none',
    pregnancyTestRequired,
    possible({ result: 'negative', at: minBefore(72 * 60) }),
    null,
  );
  check(
    'required, negative 72 h 1 min old → needs-ack',
    pregnancyTestRequired,
    possible({ result: 'negative', at: minBefore(72 * 60 + 1) }),
    'needs-ack',
  );
  check('not possible → none', pregnancyTestRequired, makeSnapshot(), null);
  check(
    'clinic does not require tests → none',
    pregnancyTestRequired,
    possible({ result: null, at: null }),
    null,
    {
      ...EXAMPLE_CLINIC_SETTINGS,
      'session.pregnancy-test-required': false,
    },
  );
  it('without a clinic policy the rule asks for the settings (no default in REFERENCE.md)', () => {
    const [f] = run(pregnancyTestRequired, possible({ result: null, at: null }), {});
    assert.equal(f?.severity, 'needs-ack');
    assert.deepEqual(f.unconfigured, ['session.pregnancy-test-required', 'session.pregnancy-test-max-age-h']);
  });
});

describe('session/escort-confirmed (§4.6 S15 [L])', () => {
  check('confirmed → none', escortConfirmed, makeSnapshot(), null);
  check('not confirmed → block', escortConfirmed, makeSnapshot({ escort: { confirmed: false } }), 'block');
});

describe('session/pre-treatment-tests (§1.6, §5.3)', () => {
  check(
    'ECG due, done → none',
    preTreatmentTests,
    makeSnapshot({ preTreatmentTests: [{ id: 'ecg', due: true, doneAt: minBefore(600) }] }),
    null,
  );
  check(
    'LFT due, not done → needs-ack',
    preTreatmentTests,
    makeSnapshot({ preTreatmentTests: [{ id: 'lft', due: true, doneAt: null }] }),
    'needs-ack',
  );
  check(
    'not due → none',
    preTreatmentTests,
    makeSnapshot({ preTreatmentTests: [{ id: 'lft', due: false, doneAt: null }] }),
    null,
  );
});

const bp = (systolicMmHg: number, diastolicMmHg = 80) => makeInfusion([{ systolicMmHg, diastolicMmHg }]);

describe('session/blood-pressure-limits (§4.2 S30 [P], S9b [T])', () => {
  check('SBP 130/80 → none', bloodPressureLimits, bp(130), null);
  check('§4.2 SBP 179 → none', bloodPressureLimits, bp(179), null);
  check('§4.2 S9b SBP 180 → pause', bloodPressureLimits, bp(180), ['needs-ack', 'pause']);
  check('§4.2 S30 SBP 181 → stop-and-call', bloodPressureLimits, bp(181), ['block', 'stop-and-call']);
  check('§4.2 S30 SBP 90 → none', bloodPressureLimits, bp(90), null);
  check('§4.2 S30 SBP 89 → stop-and-call', bloodPressureLimits, bp(89), ['block', 'stop-and-call']);
  check('§4.2 S9b DBP 99 → none', bloodPressureLimits, bp(150, 99), null);
  check('§4.2 S9b DBP 100 → pause', bloodPressureLimits, bp(150, 100), ['needs-ack', 'pause']);
  check(
    'clinic maps the SBP limit to pause: SBP 181 → pause',
    bloodPressureLimits,
    bp(181),
    ['needs-ack', 'pause'],
    {
      ...EXAMPLE_CLINIC_SETTINGS,
      'session.sbp-limit-tier': 'pause',
    },
  );
  it('uses the latest reading and reports the trend', () => {
    const s = makeInfusion([
      { systolicMmHg: 150, diastolicMmHg: 85 },
      { systolicMmHg: 185, diastolicMmHg: 95 },
    ]);
    const [f] = run(bloodPressureLimits, s);
    assert.equal(f?.actionTier, 'stop-and-call');
    assert.match(f.message, /SBP 185 mmHg \(rising from 150\) is above 180 mmHg/);
    assert.equal((f.inputs.previous as { systolicMmHg: number }).systolicMmHg, 150);
    assert.equal(f.inputs.trend, 'rising');
  });
  it('a high earlier reading followed by a normal one gives no finding', () => {
    assert.deepEqual(
      run(bloodPressureLimits, makeInfusion([{ systolicMmHg: 185 }, { systolicMmHg: 150 }])),
      [],
    );
  });
});

describe('session/blood-pressure-rise (§4.2 S18 [L] descriptive; baseline 124/78)', () => {
  check('§4.2 SBP rise 39 → none', bloodPressureRise, bp(163, 80), null);
  check('§4.2 SBP rise 40 → slow', bloodPressureRise, bp(164, 80), ['needs-ack', 'slow']);
  check('§4.2 DBP rise 24 → none', bloodPressureRise, bp(130, 102), null);
  check('§4.2 DBP rise 25 → slow', bloodPressureRise, bp(130, 103), ['needs-ack', 'slow']);
  check('no baseline → warn', bloodPressureRise, makeInfusion(null, { baselineVitals: null }), [
    'warn',
    'continue-and-watch',
  ]);
});

const one = (v: Omit<SessionSnapshot['vitals'][number], 'at'>) => makeInfusion([v]);

describe('session/heart-rate-limits (§4.2 S30 [P])', () => {
  check('§4.2 HR 150 → none', heartRateLimits, one({ heartRatePerMin: 150 }), null);
  check('§4.2 HR 151 → stop-and-call', heartRateLimits, one({ heartRatePerMin: 151 }), [
    'block',
    'stop-and-call',
  ]);
  check('§4.2 HR 50 → none', heartRateLimits, one({ heartRatePerMin: 50 }), null);
  check('§4.2 HR 49 → stop-and-call', heartRateLimits, one({ heartRatePerMin: 49 }), [
    'block',
    'stop-and-call',
  ]);
  check('no HR reading → none', heartRateLimits, one({ systolicMmHg: 120 }), null);
});

describe('session/respiratory-rate-limits (§4.2 S30 [P])', () => {
  check('§4.2 RR 30 → none', respiratoryRateLimits, one({ respiratoryRatePerMin: 30 }), null);
  check('§4.2 RR 31 → stop-and-call', respiratoryRateLimits, one({ respiratoryRatePerMin: 31 }), [
    'block',
    'stop-and-call',
  ]);
  check('§4.2 RR 10 → none', respiratoryRateLimits, one({ respiratoryRatePerMin: 10 }), null);
  check('§4.2 RR 9 → stop-and-call', respiratoryRateLimits, one({ respiratoryRatePerMin: 9 }), [
    'block',
    'stop-and-call',
  ]);
});

describe('session/oxygen-saturation (§4.6 S28 convention)', () => {
  check('§4.6 SpO₂ 93% room air → none', oxygenSaturation, one({ spo2Percent: 93 }), null);
  check('§4.6 SpO₂ 92% room air → pause', oxygenSaturation, one({ spo2Percent: 92 }), ['needs-ack', 'pause']);
  check('§4.6 SpO₂ 90% → pause', oxygenSaturation, one({ spo2Percent: 90 }), ['needs-ack', 'pause']);
  check('§4.6 SpO₂ 89% → stop-and-call', oxygenSaturation, one({ spo2Percent: 89 }), [
    'block',
    'stop-and-call',
  ]);
  check('§4.6 SpO₂ 96% on O₂ → watch', oxygenSaturation, one({ spo2Percent: 96, onSupplementalO2: true }), [
    'warn',
    'continue-and-watch',
  ]);
  check(
    '§4.6 SpO₂ 89% on O₂ → stop-and-call',
    oxygenSaturation,
    one({ spo2Percent: 89, onSupplementalO2: true }),
    ['block', 'stop-and-call'],
  );
});

describe('session/sedation-level (no REFERENCE scale or threshold: clinic setting)', () => {
  check(
    'no clinic scale → needs-ack (unconfigured)',
    sedationLevel,
    one({ sedation: { scale: 'rass', score: -4 } }),
    'needs-ack',
    {},
  );
  check(
    'clinic RASS ≤ −2: RASS −1 → none',
    sedationLevel,
    one({ sedation: { scale: 'rass', score: -1 } }),
    null,
  );
  check('clinic RASS ≤ −2: RASS −2 → pause', sedationLevel, one({ sedation: { scale: 'rass', score: -2 } }), [
    'needs-ack',
    'pause',
  ]);
  check(
    'reading on another scale is not compared',
    sedationLevel,
    one({ sedation: { scale: 'clinic', score: -5 } }),
    null,
  );
  check(
    'clinic scale at-or-above 3: 3 → pause',
    sedationLevel,
    one({ sedation: { scale: 'clinic', score: 3 } }),
    ['needs-ack', 'pause'],
    {
      ...EXAMPLE_CLINIC_SETTINGS,
      'session.sedation-scale': 'clinic',
      'session.sedation-threshold-score': 3,
      'session.sedation-threshold-direction': 'at-or-above',
    },
  );
});

describe('session/dissociation-level (§4.4 CADSS: no threshold found)', () => {
  check(
    'no clinic threshold → needs-ack (unconfigured)',
    dissociationLevel,
    one({ dissociation: { scale: 'cadss-6', score: 1 } }),
    'needs-ack',
    {},
  );
  check(
    'clinic CADSS-6 ≥ 10: 9 → none',
    dissociationLevel,
    one({ dissociation: { scale: 'cadss-6', score: 9 } }),
    null,
  );
  check(
    'clinic CADSS-6 ≥ 10: 10 → slow',
    dissociationLevel,
    one({ dissociation: { scale: 'cadss-6', score: 10 } }),
    ['needs-ack', 'slow'],
  );
  check(
    'CADSS-23 reading is not compared to a CADSS-6 threshold',
    dissociationLevel,
    one({ dissociation: { scale: 'cadss-23', score: 40 } }),
    null,
  );
});

describe('session/monitoring-recorded (§4.1 S15 [L], S30 [P])', () => {
  check('full set since start → none', monitoringRecorded, makeInfusion(), null);
  check('no readings since start → warn', monitoringRecorded, makeInfusion([]), [
    'warn',
    'continue-and-watch',
  ]);
  // §4.1 S30 [P]: first vital signs expected within 15 min of the start (the default).
  const startedMinAgo = (min: number) =>
    makeInfusion([], {
      infusion: { startedAt: minBefore(min), stoppedAt: null, currentRateMgPerKgPerH: 0.5 },
    });
  check('§4.1 started 14 min ago, no readings yet → none', monitoringRecorded, startedMinAgo(14), null);
  check('§4.1 started 15 min ago, no readings → warn', monitoringRecorded, startedMinAgo(15), [
    'warn',
    'continue-and-watch',
  ]);
  it('names what is missing', () => {
    const [f] = run(
      monitoringRecorded,
      makeInfusion([{ systolicMmHg: 120, diastolicMmHg: 80, heartRatePerMin: 70 }]),
    );
    assert.deepEqual(f?.inputs.missing, ['respiratory rate', 'SpO₂']);
  });
});

describe('session/symptom-reported (§4.5)', () => {
  const sym = (kind: SessionSnapshot['symptoms'][number]['kind']) =>
    makeInfusion(null, { symptoms: [{ at: minBefore(2), kind }] });
  check('§4.5 respiratory compromise → stop-and-call', symptomReported, sym('respiratory-compromise'), [
    'block',
    'stop-and-call',
  ]);
  check('§4.5 dysphoria → needs-ack (physician order)', symptomReported, sym('dysphoria'), 'needs-ack');
  check(
    '§4.5 severe emergence reaction → needs-ack',
    symptomReported,
    sym('emergence-reaction'),
    'needs-ack',
  );
  check('§4.5 nausea → warn', symptomReported, sym('nausea'), 'warn');
  check('hypertension → needs-ack (physician review)', symptomReported, sym('hypertension'), 'needs-ack');
  check('other → none', symptomReported, sym('other'), null);
  check(
    'a symptom recorded after now is ignored',
    symptomReported,
    makeInfusion(null, { symptoms: [{ at: minBefore(-5), kind: 'dysphoria' }] }),
    null,
  );
});
