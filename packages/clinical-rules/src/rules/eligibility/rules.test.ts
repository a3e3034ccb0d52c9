/**
 * Table tests for every eligibility rule: one row per cited criterion, named after its REFERENCE.md section,
 * with boundary rows on each side of every threshold.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INTERACTION_CLASSES, ZIntake, type Intake } from '@ketapath/core';
import { runRule } from '../../define-rule.js';
import { settingsView } from '../../registry.js';
import type { ClinicSettings } from '../../settings.js';
import type { Severity } from '../../types.js';
import { ELIGIBILITY_RULES } from './index.js';
import { INTERACTIONS } from './interaction-table.js';
import { CONFIGURED_CLINIC, makeIntake } from './testing/make-intake.js';

const NOW = new Date('2026-04-15T10:00:00Z');

interface Row {
  readonly name: string;
  readonly rule: string;
  readonly edit?: (i: Intake) => void;
  readonly settings?: ClinicSettings;
  /** Severities of the rule's findings, in order; [] for none. */
  readonly expect: readonly Severity[];
  /** The finding must say the rule is unconfigured. */
  readonly unconfigured?: boolean;
}

function run(row: Row) {
  const rule = ELIGIBILITY_RULES.find((r) => r.id === `eligibility/${row.rule}`);
  assert.ok(rule, `no rule ${row.rule}`);
  const intake = makeIntake(row.edit);
  const parsed = ZIntake.safeParse(intake);
  assert.ok(parsed.success, `fixture invalid: ${JSON.stringify(parsed.error?.issues)}`);
  return runRule(rule, intake, settingsView(row.settings ?? CONFIGURED_CLINIC), NOW);
}

const ROWS: readonly Row[] = [
  // §1.2 chronic pain duration (clinic minimum; REFERENCE.md gives none)
  {
    name: '§1.2 onset 3.0 months before (not over 3) → needs-ack',
    rule: 'chronic-pain-duration',
    edit: (i) => (i.pain.onsetOn = '2026-01-15'),
    expect: ['needs-ack'],
  },
  {
    name: '§1.2 onset 3.5 months before → none',
    rule: 'chronic-pain-duration',
    edit: (i) => (i.pain.onsetOn = '2025-12-31'),
    expect: [],
  },
  {
    name: '§1.2 reported duration 3 months → needs-ack',
    rule: 'chronic-pain-duration',
    edit: (i) => {
      delete i.pain.onsetOn;
      i.pain.durationMonths = 3;
    },
    expect: ['needs-ack'],
  },
  {
    name: '§1.2 reported duration 3.5 months → none',
    rule: 'chronic-pain-duration',
    edit: (i) => {
      delete i.pain.onsetOn;
      i.pain.durationMonths = 3.5;
    },
    expect: [],
  },
  {
    name: '§1.2 minimum duration not set by the clinic → unconfigured needs-ack',
    rule: 'chronic-pain-duration',
    settings: {},
    expect: ['needs-ack'],
    unconfigured: true,
  },
  // §1.2 prior treatment failure (clinic count)
  { name: '§1.2 two failed classes, clinic asks 2 → none', rule: 'prior-treatment-failure', expect: [] },
  {
    name: '§1.2 one failed class plus a partial response → needs-ack',
    rule: 'prior-treatment-failure',
    edit: (i) => (i.treatmentsTried = i.treatmentsTried.filter((t) => t.class !== 'physical-therapy')),
    expect: ['needs-ack'],
  },
  {
    name: '§1.2 two failed drugs of one class count once → needs-ack',
    rule: 'prior-treatment-failure',
    edit: (i) =>
      (i.treatmentsTried = [
        { class: 'gabapentinoid', name: 'gabapentin', outcome: 'ineffective' },
        { class: 'gabapentinoid', name: 'pregabalin', outcome: 'not-tolerated' },
      ]),
    expect: ['needs-ack'],
  },
  {
    name: '§1.2 no treatments tried → needs-ack',
    rule: 'prior-treatment-failure',
    edit: (i) => (i.treatmentsTried = []),
    expect: ['needs-ack'],
  },
  {
    name: '§1.2 clinic asks 3, two failed → needs-ack',
    rule: 'prior-treatment-failure',
    settings: { ...CONFIGURED_CLINIC, 'eligibility.min-failed-treatment-classes': 3 },
    expect: ['needs-ack'],
  },
  {
    name: '§1.2 required count not set → unconfigured needs-ack',
    rule: 'prior-treatment-failure',
    settings: {},
    expect: ['needs-ack'],
    unconfigured: true,
  },
  // §1.2 condition evidence
  { name: '§1.2 CRPS grade B → info', rule: 'condition-evidence', expect: ['info'] },
  {
    name: '§1.2 SCI pain grade C → needs-ack (justify)',
    rule: 'condition-evidence',
    edit: (i) => {
      i.pain.conditionCategory = 'sci-pain';
      i.pain.primaryCondition = { code: 'G89.0', label: 'Central pain syndrome after T6 spinal cord injury' };
    },
    expect: ['needs-ack'],
  },
  {
    name: '§1.2 fibromyalgia grade D → needs-ack (justify)',
    rule: 'condition-evidence',
    edit: (i) => {
      i.pain.conditionCategory = 'fibromyalgia';
      i.pain.primaryCondition = { code: 'M79.7', label: 'Fibromyalgia' };
    },
    expect: ['needs-ack'],
  },
  {
    name: '§1.2 condition not in the table → needs-ack (justify)',
    rule: 'condition-evidence',
    edit: (i) => {
      i.pain.conditionCategory = 'other';
      i.pain.primaryCondition = { code: 'G89.28', label: 'Chronic post-thoracotomy pain' };
    },
    expect: ['needs-ack'],
  },
  // §8.1 code and category
  { name: '§8.1 CRPS with G90.511 → none', rule: 'diagnosis-code-match', expect: [] },
  {
    name: '§8.1 CRPS category with fibromyalgia code M79.7 → warn',
    rule: 'diagnosis-code-match',
    edit: (i) => (i.pain.primaryCondition.code = 'M79.7'),
    expect: ['warn'],
  },
  {
    name: '§8.1 CRPS II code G57.71 → none',
    rule: 'diagnosis-code-match',
    edit: (i) => (i.pain.primaryCondition.code = 'G57.71'),
    expect: [],
  },
  {
    name: '§8.1 chronic pain syndrome G89.4 fits any category → none',
    rule: 'diagnosis-code-match',
    edit: (i) => (i.pain.primaryCondition.code = 'G89.4'),
    expect: [],
  },
  // §1.3 label: hypersensitivity
  {
    name: '§1.3 ketamine hypersensitivity (label: contraindicated) → block',
    rule: 'ketamine-hypersensitivity',
    edit: (i) => (i.allergies = [{ kind: 'ketamine', substance: 'ketamine', reaction: 'anaphylaxis' }]),
    expect: ['block'],
  },
  {
    name: '§3.3 excipient hypersensitivity → block',
    rule: 'ketamine-hypersensitivity',
    edit: (i) => (i.allergies = [{ kind: 'ketamine-excipient', substance: 'benzethonium chloride' }]),
    expect: ['block'],
  },
  {
    name: '§1.3 penicillin allergy only → none',
    rule: 'ketamine-hypersensitivity',
    edit: (i) => (i.allergies = [{ kind: 'other', substance: 'penicillin' }]),
    expect: [],
  },
  // §1.3 label: significant BP rise hazard
  {
    name: '§1.3/§3.3 intracranial aneurysm → block',
    rule: 'blood-pressure-rise-hazard',
    edit: (i) => (i.cardiovascular.conditions = [{ kind: 'intracranial-aneurysm', controlled: true }]),
    expect: ['block'],
  },
  {
    name: '§1.3 controlled hypertension is not a BP-rise hazard → none',
    rule: 'blood-pressure-rise-hazard',
    edit: (i) => (i.cardiovascular.conditions = [{ kind: 'hypertension', controlled: true }]),
    expect: [],
  },
  // §1.3 poorly controlled cardiovascular disease
  {
    name: '§1.3 uncontrolled heart failure → needs-ack',
    rule: 'poorly-controlled-cardiovascular-disease',
    edit: (i) => (i.cardiovascular.conditions = [{ kind: 'heart-failure', controlled: false }]),
    expect: ['needs-ack'],
  },
  {
    name: '§1.3 controlled hypertension (label caution) → warn',
    rule: 'poorly-controlled-cardiovascular-disease',
    edit: (i) => (i.cardiovascular.conditions = [{ kind: 'hypertension', controlled: true }]),
    expect: ['warn'],
  },
  {
    name: '§1.3 uncontrolled AF and controlled CAD → needs-ack then warn',
    rule: 'poorly-controlled-cardiovascular-disease',
    edit: (i) =>
      (i.cardiovascular.conditions = [
        { kind: 'arrhythmia', description: 'atrial fibrillation, rate not controlled', controlled: false },
        { kind: 'coronary-artery-disease', controlled: true },
      ]),
    expect: ['needs-ack', 'warn'],
  },
  {
    name: '§1.3 aneurysm is left to the BP-rise rule → none here',
    rule: 'poorly-controlled-cardiovascular-disease',
    edit: (i) => (i.cardiovascular.conditions = [{ kind: 'aortic-aneurysm', controlled: false }]),
    expect: [],
  },
  {
    name: '§1.3 no cardiovascular disease → none',
    rule: 'poorly-controlled-cardiovascular-disease',
    expect: [],
  },
  // §4.2 uncontrolled hypertension SBP ≥ 180 or DBP ≥ 100 [T]
  {
    name: '§4.2 BP 179/99 → none',
    rule: 'uncontrolled-hypertension',
    edit: (i) => (i.vitals = { systolicMmHg: 179, diastolicMmHg: 99, heartRatePerMin: 80 }),
    expect: [],
  },
  {
    name: '§4.2 SBP 180 → needs-ack',
    rule: 'uncontrolled-hypertension',
    edit: (i) => (i.vitals = { systolicMmHg: 180, diastolicMmHg: 90, heartRatePerMin: 80 }),
    expect: ['needs-ack'],
  },
  {
    name: '§4.2 DBP 100 → needs-ack',
    rule: 'uncontrolled-hypertension',
    edit: (i) => (i.vitals = { systolicMmHg: 150, diastolicMmHg: 100, heartRatePerMin: 80 }),
    expect: ['needs-ack'],
  },
  {
    name: '§4.2 clinic limit 170: SBP 175 → needs-ack',
    rule: 'uncontrolled-hypertension',
    settings: { ...CONFIGURED_CLINIC, 'eligibility.sbp-uncontrolled-mmhg': 170 },
    edit: (i) => (i.vitals = { systolicMmHg: 175, diastolicMmHg: 85, heartRatePerMin: 80 }),
    expect: ['needs-ack'],
  },
  // §1.3 pregnancy
  {
    name: '§1.3 pregnant → needs-ack',
    rule: 'pregnancy',
    edit: (i) => (i.pregnancy.status = 'pregnant'),
    expect: ['needs-ack'],
  },
  {
    name: '§1.3 pregnancy status unknown → warn',
    rule: 'pregnancy',
    edit: (i) => (i.pregnancy.status = 'unknown'),
    expect: ['warn'],
  },
  { name: '§1.3 not pregnant → none', rule: 'pregnancy', expect: [] },
  {
    name: '§1.3 breastfeeding → info',
    rule: 'pregnancy',
    edit: (i) => (i.pregnancy.breastfeeding = true),
    expect: ['info'],
  },
  // §1.3 active psychosis
  {
    name: '§1.3 active psychosis → needs-ack',
    rule: 'active-psychosis',
    edit: (i) => (i.psychiatric.psychosis = 'active'),
    expect: ['needs-ack'],
  },
  {
    name: '§4.3 past psychosis → info',
    rule: 'active-psychosis',
    edit: (i) => (i.psychiatric.psychosis = 'past'),
    expect: ['info'],
  },
  { name: '§1.3 no psychosis → none', rule: 'active-psychosis', expect: [] },
  // §1.3 hepatic disease
  {
    name: '§1.3 severe hepatic disease (avoid) → block',
    rule: 'severe-hepatic-disease',
    edit: (i) => (i.hepatic.diseaseSeverity = 'severe'),
    expect: ['block'],
  },
  {
    name: '§1.3 moderate hepatic disease is not severe → none (severe rule)',
    rule: 'severe-hepatic-disease',
    edit: (i) => (i.hepatic.diseaseSeverity = 'moderate'),
    expect: [],
  },
  {
    name: '§1.3 moderate hepatic disease (caution) → warn',
    rule: 'moderate-hepatic-disease',
    edit: (i) => (i.hepatic.diseaseSeverity = 'moderate'),
    expect: ['warn'],
  },
  {
    name: '§5.1 mild hepatic disease → info',
    rule: 'moderate-hepatic-disease',
    edit: (i) => (i.hepatic.diseaseSeverity = 'mild'),
    expect: ['info'],
  },
  {
    name: '§1.3 severe is left to the severe rule → none (moderate rule)',
    rule: 'moderate-hepatic-disease',
    edit: (i) => (i.hepatic.diseaseSeverity = 'severe'),
    expect: [],
  },
  // §4.2 liver enzymes (trial exclusion values [T])
  {
    name: '§4.2 ALT 40 → none',
    rule: 'liver-enzymes',
    edit: (i) => (i.hepatic.labs = { altIuPerL: 40, measuredOn: '2026-04-01' }),
    expect: [],
  },
  {
    name: '§4.2 ALT 41 → warn',
    rule: 'liver-enzymes',
    edit: (i) => (i.hepatic.labs = { altIuPerL: 41, measuredOn: '2026-04-01' }),
    expect: ['warn'],
  },
  {
    name: '§4.2 AST 120 → none',
    rule: 'liver-enzymes',
    edit: (i) => (i.hepatic.labs = { astIuPerL: 120, measuredOn: '2026-04-01' }),
    expect: [],
  },
  {
    name: '§4.2 AST 121 → warn',
    rule: 'liver-enzymes',
    edit: (i) => (i.hepatic.labs = { astIuPerL: 121, measuredOn: '2026-04-01' }),
    expect: ['warn'],
  },
  {
    name: '§4.2 ALP 130 → none',
    rule: 'liver-enzymes',
    edit: (i) => (i.hepatic.labs = { alpIuPerL: 130, measuredOn: '2026-04-01' }),
    expect: [],
  },
  {
    name: '§4.2 ALP 131 → warn',
    rule: 'liver-enzymes',
    edit: (i) => (i.hepatic.labs = { alpIuPerL: 131, measuredOn: '2026-04-01' }),
    expect: ['warn'],
  },
  {
    name: '§4.2 clinic ALT limit 50: ALT 45 → none',
    rule: 'liver-enzymes',
    settings: { ...CONFIGURED_CLINIC, 'eligibility.alt-high-iu-per-l': 50 },
    edit: (i) => (i.hepatic.labs = { altIuPerL: 45, measuredOn: '2026-04-01' }),
    expect: [],
  },
  // §1.3 elevated intracranial pressure
  {
    name: '§1.3 raised ICP → needs-ack',
    rule: 'elevated-intracranial-pressure',
    edit: (i) =>
      (i.intracranial = { pressure: 'elevated', description: 'idiopathic intracranial hypertension' }),
    expect: ['needs-ack'],
  },
  {
    name: '§1.3 suspected raised ICP → needs-ack',
    rule: 'elevated-intracranial-pressure',
    edit: (i) => (i.intracranial = { pressure: 'suspected' }),
    expect: ['needs-ack'],
  },
  { name: '§1.3 no ICP problem → none', rule: 'elevated-intracranial-pressure', expect: [] },
  // §1.3 elevated intraocular pressure; §4.2 IOP > 22 mmHg [T]
  {
    name: '§4.2 IOP 22 without glaucoma → none',
    rule: 'elevated-intraocular-pressure',
    edit: (i) => (i.intraocular = { glaucoma: 'none', iopMmHg: 22, measuredOn: '2026-03-01' }),
    expect: [],
  },
  {
    name: '§4.2 IOP 23 → needs-ack',
    rule: 'elevated-intraocular-pressure',
    edit: (i) => (i.intraocular = { glaucoma: 'none', iopMmHg: 23, measuredOn: '2026-03-01' }),
    expect: ['needs-ack'],
  },
  {
    name: '§1.3 treated glaucoma, IOP 22 → warn',
    rule: 'elevated-intraocular-pressure',
    edit: (i) => (i.intraocular = { glaucoma: 'open-angle', iopMmHg: 22, measuredOn: '2026-03-01' }),
    expect: ['warn'],
  },
  {
    name: '§1.3 glaucoma, IOP 23 → needs-ack',
    rule: 'elevated-intraocular-pressure',
    edit: (i) => (i.intraocular = { glaucoma: 'open-angle', iopMmHg: 23, measuredOn: '2026-03-01' }),
    expect: ['needs-ack'],
  },
  {
    name: '§1.3 glaucoma without a pressure → needs-ack',
    rule: 'elevated-intraocular-pressure',
    edit: (i) => (i.intraocular = { glaucoma: 'angle-closure' }),
    expect: ['needs-ack'],
  },
  {
    name: '§1.3 ocular hypertension → needs-ack',
    rule: 'elevated-intraocular-pressure',
    edit: (i) => (i.intraocular = { glaucoma: 'ocular-hypertension' }),
    expect: ['needs-ack'],
  },
  // §1.3 active substance abuse
  {
    name: '§1.3 active alcohol misuse → needs-ack',
    rule: 'active-substance-abuse',
    edit: (i) => (i.substanceUse = [{ substance: 'alcohol', status: 'active', misuse: true }]),
    expect: ['needs-ack'],
  },
  {
    name: '§1.3 light social drinking is not abuse → none',
    rule: 'active-substance-abuse',
    edit: (i) => (i.substanceUse = [{ substance: 'alcohol', status: 'active', misuse: false }]),
    expect: [],
  },
  {
    name: '§1.3 past opioid misuse → info',
    rule: 'active-substance-abuse',
    edit: (i) => (i.substanceUse = [{ substance: 'opioids', status: 'past', misuse: true }]),
    expect: ['info'],
  },
  // §1.3 label: thyroid disease
  {
    name: '§1.3 hypothyroidism (label caution) → warn',
    rule: 'thyroid-disease',
    edit: (i) => (i.thyroid = { disease: 'hypothyroidism', controlled: true }),
    expect: ['warn'],
  },
  { name: '§1.3 no thyroid disease → none', rule: 'thyroid-disease', expect: [] },
  // §5.1 renal function (clinic limit; no default)
  {
    name: '§5.1 clinic limit 30: eGFR 29 → needs-ack',
    rule: 'renal-function',
    edit: (i) => (i.renal = { egfrMlPerMinPer173m2: 29, measuredOn: '2026-04-01' }),
    expect: ['needs-ack'],
  },
  {
    name: '§5.1 clinic limit 30: eGFR 30 → none',
    rule: 'renal-function',
    edit: (i) => (i.renal = { egfrMlPerMinPer173m2: 30, measuredOn: '2026-04-01' }),
    expect: [],
  },
  {
    name: '§5.1 no eGFR on file → info',
    rule: 'renal-function',
    edit: (i) => delete i.renal,
    expect: ['info'],
  },
  {
    name: '§5.1 limit not set by the clinic → unconfigured needs-ack',
    rule: 'renal-function',
    settings: {},
    expect: ['needs-ack'],
    unconfigured: true,
  },
  // §6 PHQ-9 item 9
  { name: '§6 PHQ-9 item 9 = 0 → none', rule: 'phq9-self-harm-item', expect: [] },
  {
    name: '§6 PHQ-9 item 9 = 1 → needs-ack',
    rule: 'phq9-self-harm-item',
    edit: (i) => (i.baselineScores.phq9Item9 = 1),
    expect: ['needs-ack'],
  },
  {
    name: '§6 PHQ-9 item 9 not recorded → none',
    rule: 'phq9-self-harm-item',
    edit: (i) => delete i.baselineScores.phq9Item9,
    expect: [],
  },
  // §5.2 interactions
  { name: '§5.2 no current medicines → none', rule: 'interacting-medicines', expect: [] },
  {
    name: '§5.2 active light drinking counts as a CNS depressant → warn',
    rule: 'interacting-medicines',
    edit: (i) => (i.substanceUse = [{ substance: 'alcohol', status: 'active', misuse: false }]),
    expect: ['warn'],
  },
  {
    name: '§5.2 one medicine with two classes → two findings',
    rule: 'interacting-medicines',
    edit: (i) =>
      (i.currentMedications = [
        {
          name: 'clarithromycin + theophylline (two medicines typed together)',
          classes: ['cyp3a4-inhibitor', 'theophylline'],
        },
      ]),
    expect: ['warn', 'needs-ack'],
  },
  // §1.6 tests due
  { name: '§1.6 healthy: no ECG from disease → none', rule: 'ecg-due-cardiovascular-disease', expect: [] },
  {
    name: '§1.6 suspected CV disease → ECG info',
    rule: 'ecg-due-cardiovascular-disease',
    edit: (i) => (i.cardiovascular.suspectedDisease = true),
    expect: ['info'],
  },
  {
    name: '§1.6 known CAD → ECG info',
    rule: 'ecg-due-cardiovascular-disease',
    edit: (i) => (i.cardiovascular.conditions = [{ kind: 'coronary-artery-disease', controlled: true }]),
    expect: ['info'],
  },
  {
    name: '§1.6 clinic count 2: one risk factor → none',
    rule: 'ecg-due-risk-factors',
    edit: (i) => (i.cardiovascular.riskFactors = ['smoking']),
    expect: [],
  },
  {
    name: '§1.6 clinic count 2: two risk factors → ECG info',
    rule: 'ecg-due-risk-factors',
    edit: (i) => (i.cardiovascular.riskFactors = ['smoking', 'diabetes']),
    expect: ['info'],
  },
  {
    name: '§1.6 risk count not set by the clinic → unconfigured needs-ack',
    rule: 'ecg-due-risk-factors',
    settings: {},
    expect: ['needs-ack'],
    unconfigured: true,
  },
  { name: '§1.6 healthy, single course → no LFTs', rule: 'liver-tests-due', expect: [] },
  {
    name: '§5.3 recurrent dosing planned → LFT info',
    rule: 'liver-tests-due',
    edit: (i) => (i.plannedTreatment = { recurrentDosing: true }),
    expect: ['info'],
  },
  {
    name: '§1.6 active alcohol misuse → LFT info',
    rule: 'liver-tests-due',
    edit: (i) => (i.substanceUse = [{ substance: 'alcohol', status: 'active', misuse: true }]),
    expect: ['info'],
  },
  {
    name: '§1.6 chronic hepatitis → LFT info',
    rule: 'liver-tests-due',
    edit: (i) => (i.hepatic.chronicHepatitis = true),
    expect: ['info'],
  },
  {
    name: '§1.6 ALT 41 (liver dysfunction) → LFT info',
    rule: 'liver-tests-due',
    edit: (i) => (i.hepatic.labs = { altIuPerL: 41, measuredOn: '2026-04-01' }),
    expect: ['info'],
  },
  {
    name: '§1.6 ALT 40 alone → no LFTs',
    rule: 'liver-tests-due',
    edit: (i) => (i.hepatic.labs = { altIuPerL: 40, measuredOn: '2026-04-01' }),
    expect: [],
  },
];

describe('eligibility rules (table)', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const findings = run(row);
      assert.deepEqual(
        findings.map((f) => f.severity),
        row.expect,
        findings.map((f) => f.message).join(' | '),
      );
      for (const f of findings) {
        assert.equal(f.ruleId, `eligibility/${row.rule}`);
        assert.ok(f.message.length > 20, 'a finding explains itself');
        assert.ok(f.citations.length > 0);
      }
      if (row.unconfigured === true) assert.ok((findings[0]?.unconfigured ?? []).length > 0);
      else for (const f of findings) assert.equal(f.unconfigured, undefined);
    });
  }
});

describe('§5.2 every interaction class', () => {
  for (const interactionClass of INTERACTION_CLASSES) {
    it(`§5.2 ${interactionClass} → ${INTERACTIONS[interactionClass].severity}`, () => {
      const findings = run({
        name: interactionClass,
        rule: 'interacting-medicines',
        edit: (i) =>
          (i.currentMedications = [{ name: `a ${interactionClass} medicine`, classes: [interactionClass] }]),
        expect: [],
      });
      assert.equal(findings.length, 1);
      assert.equal(findings[0]?.severity, INTERACTIONS[interactionClass].severity);
      assert.match(findings[0].message, new RegExp(interactionClass));
    });
  }
  it('§5.2 theophylline ("avoid or use caution") asks for review; lamotrigine is information only', () => {
    assert.equal(INTERACTIONS.theophylline.severity, 'needs-ack');
    assert.equal(INTERACTIONS.lamotrigine.severity, 'info');
    assert.equal(INTERACTIONS['cyp3a4-inhibitor'].severity, 'warn');
  });
});

describe('finding details', () => {
  it('§4.2 the BP finding reports the values and both limits with their trial basis', () => {
    const [f] = run({
      name: '',
      rule: 'uncontrolled-hypertension',
      edit: (i) => (i.vitals = { systolicMmHg: 182, diastolicMmHg: 104, heartRatePerMin: 88 }),
      expect: [],
    });
    assert.ok(f);
    assert.deepEqual(f.inputs, { systolicMmHg: 182, diastolicMmHg: 104 });
    assert.deepEqual(
      f.parameters.map((p) => [p.id, p.value, p.origin, p.basis]),
      [
        ['eligibility.sbp-uncontrolled-mmhg', 180, 'default', 'trial [T] default'],
        ['eligibility.dbp-uncontrolled-mmhg', 100, 'default', 'trial [T] default'],
      ],
    );
    assert.match(f.message, /182\/104 mmHg/);
  });
  it('§4.2 a clinic override is reported as a clinic setting', () => {
    const [f] = run({
      name: '',
      rule: 'liver-enzymes',
      settings: { ...CONFIGURED_CLINIC, 'eligibility.alt-high-iu-per-l': 35 },
      edit: (i) => (i.hepatic.labs = { altIuPerL: 38, measuredOn: '2026-04-01' }),
      expect: [],
    });
    assert.equal(f?.parameters[0]?.origin, 'clinic');
    assert.equal(f.parameters[0].value, 35);
  });
  it('§1.2 the duration finding names the derived months', () => {
    const [f] = run({
      name: '',
      rule: 'chronic-pain-duration',
      edit: (i) => (i.pain.onsetOn = '2026-02-15'),
      expect: [],
    });
    assert.match(f?.message ?? '', /2\.0 months/);
    assert.equal(f?.inputs['durationMonths'], 2);
  });
});
