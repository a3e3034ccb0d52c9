/** The intake schema: a complete intake passes; missing, mistyped, absurd and inconsistent input is refused by field. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { monthsBetween, painDurationMonths, ZIntake } from './intake.schema.js';

function validIntake(): Record<string, any> {
  return {
    patient: { ageYears: 42, sex: 'female', weightKg: 68 },
    evaluatedOn: '2026-04-15',
    pain: {
      onsetOn: '2024-10-15',
      sites: ['right hand'],
      character: ['burning'],
      primaryCondition: { code: 'G90.511', label: 'CRPS type I of right upper limb' },
      conditionCategory: 'crps',
      workup: [
        {
          kind: 'nerve-conduction-study',
          description: 'Upper limb NCS',
          performedOn: '2025-02-01',
          result: 'Normal',
        },
      ],
    },
    treatmentsTried: [
      { class: 'opioid', drug: 'oxycodone', dailyDoseMg: 20, outcome: 'not-tolerated' },
      { class: 'opioid', drug: 'fentanyl-transdermal', patchMcgPerH: 25, outcome: 'ineffective' },
      { class: 'gabapentinoid', outcome: 'ineffective' },
    ],
    currentMedications: [{ name: 'tramadol', classes: ['opioid'] }],
    cardiovascular: {
      conditions: [{ kind: 'hypertension', controlled: true }],
      riskFactors: ['smoking'],
      suspectedDisease: false,
    },
    vitals: { systolicMmHg: 128, diastolicMmHg: 82, heartRatePerMin: 70 },
    psychiatric: { psychosis: 'none', depression: true, ptsd: false, other: [] },
    substanceUse: [{ substance: 'alcohol', status: 'active', misuse: false }],
    pregnancy: { status: 'not-pregnant', breastfeeding: false },
    hepatic: {
      diseaseSeverity: 'none',
      chronicHepatitis: false,
      labs: { altIuPerL: 22, astIuPerL: 25, alpIuPerL: 80, measuredOn: '2026-04-01' },
    },
    renal: { egfrMlPerMinPer173m2: 88, measuredOn: '2026-04-01' },
    intracranial: { pressure: 'none' },
    intraocular: { glaucoma: 'open-angle', iopMmHg: 18, measuredOn: '2026-01-10' },
    thyroid: { disease: 'none' },
    allergies: [{ kind: 'other', substance: 'penicillin', reaction: 'rash' }],
    baselineScores: { nrs: 7, phq9Total: 9, phq9Item9: 0, gad7Total: 6, pegMean: 7.3 },
    plannedTreatment: { recurrentDosing: true },
  };
}

/** Apply an edit to a fresh valid intake and return the issues as 'path: message'. */
function issuesAfter(edit: (i: Record<string, any>) => void): string[] {
  const intake = validIntake();
  edit(intake);
  const r = ZIntake.safeParse(intake);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('ZIntake', () => {
  it('accepts a complete intake', () => {
    assert.deepEqual(
      issuesAfter(() => undefined),
      [],
    );
  });
  it('accepts a reported duration without an onset date, and optional sections left out', () => {
    assert.deepEqual(
      issuesAfter((i) => {
        delete i.pain.onsetOn;
        i.pain.durationMonths = 6;
        delete i.renal;
        delete i.plannedTreatment;
        delete i.patient.weightKg;
        delete i.baselineScores.pegMean;
      }),
      [],
    );
  });

  const BAD: readonly { name: string; edit: (i: Record<string, any>) => void; issue: string }[] = [
    { name: 'missing section', edit: (i) => delete i.vitals, issue: 'vitals: is required' },
    {
      name: 'missing nested field',
      edit: (i) => delete i.vitals.systolicMmHg,
      issue: 'vitals.systolicMmHg: is required',
    },
    {
      name: 'missing category',
      edit: (i) => delete i.pain.conditionCategory,
      issue: 'pain.conditionCategory: is required',
    },
    {
      name: 'missing boolean',
      edit: (i) => delete i.pregnancy.breastfeeding,
      issue: 'pregnancy.breastfeeding: is required',
    },
    {
      name: 'text where a number belongs',
      edit: (i) => (i.vitals.systolicMmHg = '182'),
      issue: 'vitals.systolicMmHg: must be a number in mmHg',
    },
    {
      name: 'SBP 301 (typing slip)',
      edit: (i) => (i.vitals.systolicMmHg = 301),
      issue: 'vitals.systolicMmHg: must be between 40 and 300 mmHg',
    },
    {
      name: 'SBP 39',
      edit: (i) => (i.vitals = { systolicMmHg: 39, diastolicMmHg: 25, heartRatePerMin: 70 }),
      issue: 'vitals.systolicMmHg: must be between 40 and 300 mmHg',
    },
    {
      name: 'fractional SBP',
      edit: (i) => (i.vitals.systolicMmHg = 120.5),
      issue: 'vitals.systolicMmHg: must be a whole number in mmHg',
    },
    {
      name: 'swapped BP',
      edit: (i) => (i.vitals = { systolicMmHg: 80, diastolicMmHg: 120, heartRatePerMin: 70 }),
      issue: 'vitals.diastolicMmHg: must be lower than the systolic pressure (were the two swapped?)',
    },
    {
      name: 'age 200',
      edit: (i) => (i.patient.ageYears = 200),
      issue: 'patient.ageYears: must be between 0 and 120 years',
    },
    {
      name: 'weight in grams',
      edit: (i) => (i.patient.weightKg = 68000),
      issue: 'patient.weightKg: must be between 20 and 400 kg',
    },
    {
      name: 'negative eGFR',
      edit: (i) => (i.renal.egfrMlPerMinPer173m2 = -5),
      issue: 'renal.egfrMlPerMinPer173m2: must be between 0 and 200 mL/min/1.73m²',
    },
    {
      name: 'ALT in µkat/L-sized units still a number but missing date',
      edit: (i) => delete i.hepatic.labs.measuredOn,
      issue: 'hepatic.labs.measuredOn: must be a date written YYYY-MM-DD',
    },
    {
      name: 'labs with no value',
      edit: (i) => (i.hepatic.labs = { measuredOn: '2026-04-01' }),
      issue: 'hepatic.labs: give at least one of altIuPerL, astIuPerL, alpIuPerL',
    },
    {
      name: 'NRS 11',
      edit: (i) => (i.baselineScores.nrs = 11),
      issue: 'baselineScores.nrs: must be between 0 and 10 points',
    },
    {
      name: 'PHQ-9 28',
      edit: (i) => (i.baselineScores.phq9Total = 28),
      issue: 'baselineScores.phq9Total: must be between 0 and 27 points',
    },
    {
      name: 'GAD-7 22',
      edit: (i) => (i.baselineScores.gad7Total = 22),
      issue: 'baselineScores.gad7Total: must be between 0 and 21 points',
    },
    {
      name: 'unknown field',
      edit: (i) => (i.vitals.spo2Percent = 98),
      issue: 'vitals: Unrecognized key: "spo2Percent"',
    },
    { name: 'unknown top-level field', edit: (i) => (i.notes = 'x'), issue: ': Unrecognized key: "notes"' },
    {
      name: 'unknown psychosis status',
      edit: (i) => (i.psychiatric.psychosis = 'remission'),
      issue: 'psychiatric.psychosis: must be one of none, past, active',
    },
    {
      name: 'unknown interaction class',
      edit: (i) => (i.currentMedications[0].classes = ['ssri']),
      issue:
        'currentMedications.0.classes.0: must be one of cyp3a4-inhibitor, cyp3a4-inducer, theophylline, sympathomimetic, thyroid-hormone, benzodiazepine, opioid, other-cns-depressant, barbiturate, antihypertensive, maoi, psychostimulant, lamotrigine, nmda-antagonist',
    },
    {
      name: 'fentanyl patch in mg',
      edit: (i) =>
        (i.treatmentsTried[1] = {
          class: 'opioid',
          drug: 'fentanyl-transdermal',
          dailyDoseMg: 25,
          outcome: 'ineffective',
        }),
      issue:
        'treatmentsTried.1.dailyDoseMg: a fentanyl patch is recorded in mcg/h (patchMcgPerH), not mg/day',
    },
    {
      name: 'oral opioid in mcg/h',
      edit: (i) => (i.treatmentsTried[0].patchMcgPerH = 12),
      issue: 'treatmentsTried.0.patchMcgPerH: only a transdermal fentanyl patch is recorded in mcg/h',
    },
    {
      name: 'opioid fields on another class',
      edit: (i) => (i.treatmentsTried[2].drug = 'morphine'),
      issue: 'treatmentsTried.2: Unrecognized key: "drug"',
    },
    {
      name: 'unknown treatment class',
      edit: (i) => (i.treatmentsTried[2].class = 'acupuncture'),
      issue:
        'treatmentsTried.2.class: class must be one of opioid, nsaid, gabapentinoid, antidepressant, physical-therapy, interventional-procedure, psychological, other',
    },
    {
      name: 'bad ICD-10-CM code',
      edit: (i) => (i.pain.primaryCondition.code = 'CRPS'),
      issue: 'pain.primaryCondition.code: must be an ICD-10-CM code such as G90.511 or M79.7',
    },
    {
      name: 'no pain site',
      edit: (i) => (i.pain.sites = []),
      issue: 'pain.sites: name at least one pain site',
    },
    {
      name: 'impossible date',
      edit: (i) => (i.evaluatedOn = '2026-02-30'),
      issue: 'evaluatedOn: must be a date written YYYY-MM-DD',
    },
    {
      name: 'neither onset nor duration',
      edit: (i) => delete i.pain.onsetOn,
      issue: 'pain.onsetOn: give the onset date or durationMonths',
    },
    {
      name: 'onset after the evaluation',
      edit: (i) => (i.pain.onsetOn = '2026-05-01'),
      issue: 'pain.onsetOn: cannot be after the evaluation date 2026-04-15',
    },
    {
      name: 'work-up after the evaluation',
      edit: (i) => (i.pain.workup[0].performedOn = '2026-04-16'),
      issue: 'pain.workup.0.performedOn: cannot be after the evaluation date 2026-04-15',
    },
    {
      name: 'duration disagrees with onset by more than a month',
      edit: (i) => (i.pain.durationMonths = 6),
      issue: 'pain.durationMonths: 6 months does not match the onset date (18.0 months before 2026-04-15)',
    },
    {
      name: 'IOP without its date',
      edit: (i) => delete i.intraocular.measuredOn,
      issue: 'intraocular.measuredOn: give the date with the intraocular pressure (and only with it)',
    },
    {
      name: 'misuse with status none',
      edit: (i) => (i.substanceUse[0] = { substance: 'cannabis', status: 'none', misuse: true }),
      issue: 'substanceUse.0.misuse: cannot be true when status is none',
    },
    {
      name: 'pregnant male',
      edit: (i) => ((i.patient.sex = 'male'), (i.pregnancy.status = 'pregnant')),
      issue: 'pregnancy.status: pregnant conflicts with sex male',
    },
  ];
  for (const row of BAD) {
    it(`refuses ${row.name}, naming the field`, () => {
      assert.deepEqual(issuesAfter(row.edit), [row.issue]);
    });
  }
  it('reports every missing section of an empty object by name', () => {
    const r = ZIntake.safeParse({});
    assert.equal(r.success, false);
    const paths = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    for (const field of ['patient', 'pain', 'vitals', 'hepatic', 'baselineScores'])
      assert.ok(paths.includes(`${field}: is required`), field);
  });
  it('never throws, whatever one field is replaced with', () => {
    const fields = Object.keys(validIntake());
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue(), (field, value) => {
        const intake = validIntake();
        intake[field] = value;
        const r = ZIntake.safeParse(intake);
        if (!r.success) for (const issue of r.error.issues) assert.ok(issue.message.length > 0);
      }),
    );
  });
  it('accepts a duration within a month of the onset date', () => {
    assert.deepEqual(
      issuesAfter((i) => (i.pain.durationMonths = 17)),
      [],
    );
    assert.deepEqual(
      issuesAfter((i) => (i.pain.durationMonths = 19)),
      [],
    );
    assert.equal(issuesAfter((i) => (i.pain.durationMonths = 16.9)).length, 1);
  });
});

describe('pain duration', () => {
  const CASES: readonly [string, string, number][] = [
    ['2026-01-15', '2026-04-15', 3],
    ['2026-01-15', '2026-04-30', 3.5],
    ['2026-01-15', '2026-04-14', 2 + 30 / 31],
    ['2025-04-15', '2026-04-15', 12],
    ['2026-01-31', '2026-02-28', 28 / 31],
    ['2026-04-15', '2026-04-15', 0],
  ];
  for (const [from, to, months] of CASES) {
    it(`${from} → ${to} is ${months.toFixed(3)} months`, () => {
      assert.ok(Math.abs(monthsBetween(from, to) - months) < 1e-9, String(monthsBetween(from, to)));
    });
  }
  it('is negative backwards', () => {
    assert.equal(monthsBetween('2026-04-15', '2026-01-15'), -3);
  });
  it('derives from the onset date when given, else uses the reported months', () => {
    const pain = {
      sites: ['x'],
      character: [],
      primaryCondition: { code: 'M79.7', label: 'x' },
      conditionCategory: 'fibromyalgia' as const,
      workup: [],
    };
    assert.equal(
      painDurationMonths({
        evaluatedOn: '2026-04-15',
        pain: { ...pain, onsetOn: '2025-10-15', durationMonths: 7 },
      }),
      6,
    );
    assert.equal(painDurationMonths({ evaluatedOn: '2026-04-15', pain: { ...pain, durationMonths: 7 } }), 7);
  });
});
