/** evaluateEligibility: the status from the worst finding, ordering, derived lists and JSON safety. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluateEligibility, eligibilityStatusOf } from './eligibility.js';
import { CONFIGURED_CLINIC, makeIntake } from './rules/eligibility/testing/make-intake.js';
import { severityRank, type Finding, type Severity } from './types.js';

const NOW = new Date('2026-04-15T10:00:00Z');

describe('evaluateEligibility', () => {
  it('a clean CRPS intake at a configured clinic is eligible, with the §1.2 grade B evidence', () => {
    const r = evaluateEligibility(makeIntake(), CONFIGURED_CLINIC, { now: NOW });
    assert.equal(r.status, 'eligible');
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.severity]),
      [['eligibility/condition-evidence', 'info']],
    );
    assert.deepEqual(
      r.conditionEvidence && {
        category: r.conditionEvidence.category,
        code: r.conditionEvidence.code,
        grade: r.conditionEvidence.grade,
        section: r.conditionEvidence.citation.section,
      },
      { category: 'crps', code: 'G90.511', grade: 'B', section: '§1.2' },
    );
    assert.deepEqual(r.testsDue, []);
    assert.deepEqual(r.interactions, []);
    assert.equal(r.evaluatedAt, '2026-04-15T10:00:00.000Z');
  });

  it('with no clinic settings, the rules without a REFERENCE.md value ask for review instead of passing', () => {
    const r = evaluateEligibility(makeIntake(), {}, { now: NOW });
    assert.equal(r.status, 'needs-physician-review');
    const unconfigured = r.findings.filter((f) => f.unconfigured !== undefined).map((f) => f.ruleId);
    assert.deepEqual(unconfigured.sort(), [
      'eligibility/chronic-pain-duration',
      'eligibility/ecg-due-risk-factors',
      'eligibility/prior-treatment-failure',
      'eligibility/renal-function',
    ]);
  });

  it('status: block → not-eligible, needs-ack → review, warn → precautions (findings worst first)', () => {
    const cases: [(i: ReturnType<typeof makeIntake>) => void, string, Severity][] = [
      [(i) => (i.hepatic.diseaseSeverity = 'severe'), 'not-eligible', 'block'],
      [(i) => (i.psychiatric.psychosis = 'active'), 'needs-physician-review', 'needs-ack'],
      [(i) => (i.thyroid = { disease: 'hypothyroidism' }), 'eligible-with-precautions', 'warn'],
    ];
    for (const [edit, status, worst] of cases) {
      const r = evaluateEligibility(makeIntake(edit), CONFIGURED_CLINIC, { now: NOW });
      assert.equal(r.status, status);
      assert.equal(r.findings[0]?.severity, worst);
    }
  });

  it('relative contraindications never make a patient not eligible on their own', () => {
    const r = evaluateEligibility(
      makeIntake((i) => {
        i.pregnancy.status = 'pregnant';
        i.psychiatric.psychosis = 'active';
        i.intracranial = { pressure: 'elevated' };
        i.intraocular = { glaucoma: 'ocular-hypertension' };
        i.substanceUse = [{ substance: 'stimulants', status: 'active', misuse: true }];
        i.cardiovascular.conditions = [{ kind: 'heart-failure', controlled: false }];
      }),
      CONFIGURED_CLINIC,
      { now: NOW },
    );
    assert.equal(r.status, 'needs-physician-review');
    assert.ok(r.findings.every((f) => f.severity !== 'block'));
  });

  it('collects tests due once per test, with every reason, and interactions with effect and handling', () => {
    const r = evaluateEligibility(
      makeIntake((i) => {
        i.cardiovascular = {
          conditions: [{ kind: 'coronary-artery-disease', controlled: true }],
          riskFactors: ['diabetes', 'smoking'],
          suspectedDisease: false,
        };
        i.plannedTreatment = { recurrentDosing: true };
        i.currentMedications = [{ name: 'clarithromycin', classes: ['cyp3a4-inhibitor'] }];
      }),
      CONFIGURED_CLINIC,
      { now: NOW },
    );
    assert.deepEqual(
      r.testsDue.map((t) => [t.id, t.ruleIds]),
      [
        ['ecg', ['eligibility/ecg-due-cardiovascular-disease', 'eligibility/ecg-due-risk-factors']],
        ['liver-function-tests', ['eligibility/liver-tests-due']],
      ],
    );
    assert.match(r.testsDue[0]?.reason ?? '', /coronary-artery-disease.*2 cardiovascular risk factors/s);
    assert.equal(r.testsDue[0]?.citation.section, '§1.6');
    assert.deepEqual(r.interactions, [
      {
        medication: 'clarithromycin',
        interactionClass: 'cyp3a4-inhibitor',
        effect: 'Lower hepatic clearance gives higher ketamine levels.',
        handling: 'A lower ketamine dose may be needed.',
        severity: 'warn',
        citation: r.interactions[0]?.citation,
      },
    ]);
    assert.equal(r.interactions[0]?.citation.section, '§5.2');
  });

  it('a category §1.2 does not list has no condition evidence', () => {
    const r = evaluateEligibility(
      makeIntake((i) => (i.pain.conditionCategory = 'other')),
      CONFIGURED_CLINIC,
      { now: NOW },
    );
    assert.equal(r.conditionEvidence, null);
  });

  it('is JSON-serialisable without loss', () => {
    const r = evaluateEligibility(
      makeIntake((i) => (i.currentMedications = [{ name: 'lorazepam', classes: ['benzodiazepine'] }])),
      CONFIGURED_CLINIC,
      { now: NOW },
    );
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  });

  it('property: the status always matches the worst finding, and findings are sorted worst first', () => {
    const SEVERITY_EDITS = [
      (i: ReturnType<typeof makeIntake>) => (i.hepatic.diseaseSeverity = 'moderate'),
      (i: ReturnType<typeof makeIntake>) => (i.pregnancy.status = 'unknown'),
      (i: ReturnType<typeof makeIntake>) => (i.allergies = [{ kind: 'ketamine', substance: 'ketamine' }]),
      (i: ReturnType<typeof makeIntake>) =>
        (i.vitals = { systolicMmHg: 185, diastolicMmHg: 95, heartRatePerMin: 90 }),
      (i: ReturnType<typeof makeIntake>) =>
        (i.currentMedications = [{ name: 'aminophylline', classes: ['theophylline'] }]),
      (i: ReturnType<typeof makeIntake>) => (i.thyroid = { disease: 'hyperthyroidism', controlled: false }),
      (i: ReturnType<typeof makeIntake>) => (i.pain.onsetOn = '2026-03-01'),
    ];
    fc.assert(
      fc.property(fc.subarray(SEVERITY_EDITS), fc.boolean(), (edits, configured) => {
        const r = evaluateEligibility(
          makeIntake((i) => {
            for (const e of edits) e(i);
          }),
          configured ? CONFIGURED_CLINIC : {},
          { now: NOW },
        );
        const ranks = r.findings.map((f) => severityRank(f.severity));
        assert.deepEqual(
          ranks,
          [...ranks].sort((a, b) => b - a),
        );
        assert.equal(r.status, eligibilityStatusOf(r.findings));
      }),
    );
  });
});

describe('eligibilityStatusOf', () => {
  const finding = (severity: Severity): Finding => ({
    ruleId: 'eligibility/x',
    ruleVersion: 1,
    severity,
    title: 't',
    message: 'm',
    inputs: {},
    parameters: [],
    citations: [],
  });
  for (const [severities, status] of [
    [[], 'eligible'],
    [['info'], 'eligible'],
    [['info', 'warn'], 'eligible-with-precautions'],
    [['warn', 'needs-ack'], 'needs-physician-review'],
    [['needs-ack', 'block', 'info'], 'not-eligible'],
  ] as const) {
    it(`[${severities.join(', ')}] → ${status}`, () => {
      assert.equal(eligibilityStatusOf(severities.map(finding)), status);
    });
  }
});
