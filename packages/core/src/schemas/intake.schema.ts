/**
 * The structured intake of a ketamine chronic-pain evaluation: pain history, treatments tried, medicines,
 * cardiovascular, psychiatric, substance, pregnancy, hepatic, renal, eye, brain and thyroid history, vital signs
 * and baseline scores. Eligibility rules read it; ranges here are data-entry sanity (a likely typing or unit
 * error), never clinical thresholds; those live in the rules engine's parameters.
 */
import { z } from 'zod';
import { ZIsoDate } from './common.schema.js';
import { ZSexAtBirth, ZWeightKg } from './patient.schema.js';

/** Wide data-entry ranges (Ketapath product requirement: catch typing and unit slips, not judge values). */
export const INTAKE_RANGES = {
  ageYears: { min: 0, max: 120 },
  durationMonths: { min: 0, max: 1200 },
  systolicMmHg: { min: 40, max: 300 },
  diastolicMmHg: { min: 20, max: 200 },
  heartRatePerMin: { min: 20, max: 250 },
  iopMmHg: { min: 0, max: 80 },
  liverEnzymeIuPerL: { min: 0, max: 20000 },
  egfrMlPerMinPer173m2: { min: 0, max: 200 },
  opioidDailyDoseMg: { min: 0, max: 10000 },
  fentanylPatchMcgPerH: { min: 0, max: 1000 },
} as const;

/**
 * How far an entered pain duration may differ from the one derived from the onset date (data entry: the
 * patient's recollection of months versus a recorded date).
 */
export const DURATION_TOLERANCE_MONTHS = 1;

const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`);

const ranged = (range: { readonly min: number; readonly max: number }, unit: string, integer = false) => {
  const base = z.number({
    error: (issue) => (issue.input === undefined ? 'is required' : `must be a number in ${unit}`),
  });
  const checked = integer ? base.int({ message: `must be a whole number in ${unit}` }) : base;
  const message = `must be between ${range.min} and ${range.max} ${unit}`;
  return checked.min(range.min, message).max(range.max, message);
};

/** 'is required' for a missing field; zod's own wording for any other problem. */
const required = {
  error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : undefined),
};
const list = <T extends z.ZodType>(item: T) => z.array(item, required);
const section = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape, required);

const flag = () =>
  z.boolean({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be true or false') });

const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${values.join(', ')}`),
  });

/** Condition categories of REFERENCE §1.2 (ASRA/AAPM/ASA guideline evidence table), plus 'other'. */
export const CONDITION_CATEGORIES = [
  'crps',
  'sci-pain',
  'neuropathic',
  'phantom-limb',
  'postherpetic-neuralgia',
  'fibromyalgia',
  'cancer-pain',
  'ischemic-pain',
  'migraine-headache',
  'low-back-spinal',
  'other',
] as const;
export const ZConditionCategory = choice(CONDITION_CATEGORIES);
export type ConditionCategory = z.infer<typeof ZConditionCategory>;

/** ICD-10-CM code as written, e.g. G90.511 or M79.7 (letter, two characters, optional dot and up to four). */
export const ZIcd10CmCode = z
  .string({ message: 'must be text' })
  .trim()
  .regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, 'must be an ICD-10-CM code such as G90.511 or M79.7');

export const WORKUP_KINDS = [
  'imaging',
  'nerve-conduction-study',
  'electromyography',
  'quantitative-sensory-testing',
  'bone-scan',
  'laboratory',
  'specialist-assessment',
  'other',
] as const;

export const ZWorkupItem = section({
  kind: choice(WORKUP_KINDS),
  description: text(200),
  performedOn: ZIsoDate,
  result: text(1000),
});
export type WorkupItem = z.infer<typeof ZWorkupItem>;

export const TREATMENT_CLASSES = [
  'opioid',
  'nsaid',
  'gabapentinoid',
  'antidepressant',
  'physical-therapy',
  'interventional-procedure',
  'psychological',
  'other',
] as const;
export type TreatmentClass = (typeof TREATMENT_CLASSES)[number];

export const TREATMENT_OUTCOMES = [
  'effective',
  'partial',
  'ineffective',
  'not-tolerated',
  'ongoing',
] as const;
export const ZTreatmentOutcome = choice(TREATMENT_OUTCOMES);
export type TreatmentOutcome = z.infer<typeof ZTreatmentOutcome>;

/** Opioids of the CDC 2022 conversion table (REFERENCE §7.1) plus buprenorphine and other. */
export const OPIOID_DRUGS = [
  'codeine',
  'fentanyl-transdermal',
  'hydrocodone',
  'hydromorphone',
  'methadone',
  'morphine',
  'oxycodone',
  'oxymorphone',
  'tapentadol',
  'tramadol',
  'buprenorphine',
  'other',
] as const;

const treatmentCommon = {
  name: text(200).optional(),
  outcome: ZTreatmentOutcome,
  startedOn: ZIsoDate.optional(),
  stoppedOn: ZIsoDate.optional(),
  note: text(1000).optional(),
};

const ZOpioidTreatment = section({
  class: z.literal('opioid'),
  drug: choice(OPIOID_DRUGS),
  /** Total daily dose in mg (all opioids except transdermal fentanyl). */
  dailyDoseMg: ranged(INTAKE_RANGES.opioidDailyDoseMg, 'mg/day').optional(),
  /** Transdermal fentanyl patch strength in mcg/h (REFERENCE §7.2: dosed in mcg/h, not mg/day). */
  patchMcgPerH: ranged(INTAKE_RANGES.fentanylPatchMcgPerH, 'mcg/h').optional(),
  ...treatmentCommon,
}).superRefine((t, ctx) => {
  if (t.drug === 'fentanyl-transdermal' && t.dailyDoseMg !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['dailyDoseMg'],
      message: 'a fentanyl patch is recorded in mcg/h (patchMcgPerH), not mg/day',
    });
  }
  if (t.drug !== 'fentanyl-transdermal' && t.patchMcgPerH !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['patchMcgPerH'],
      message: 'only a transdermal fentanyl patch is recorded in mcg/h',
    });
  }
});

const ZOtherTreatment = section({
  class: choice(TREATMENT_CLASSES).exclude(['opioid']),
  ...treatmentCommon,
});

export const ZTreatmentTried = z.discriminatedUnion('class', [ZOpioidTreatment, ZOtherTreatment], {
  message: `class must be one of ${TREATMENT_CLASSES.join(', ')}`,
});
export type TreatmentTried = z.infer<typeof ZTreatmentTried>;

/** Medicine classes that interact with ketamine (REFERENCE §5.2); a medicine may carry several. */
export const INTERACTION_CLASSES = [
  'cyp3a4-inhibitor',
  'cyp3a4-inducer',
  'theophylline',
  'sympathomimetic',
  'thyroid-hormone',
  'benzodiazepine',
  'opioid',
  'other-cns-depressant',
  'barbiturate',
  'antihypertensive',
  'maoi',
  'psychostimulant',
  'lamotrigine',
  'nmda-antagonist',
] as const;
export const ZInteractionClass = choice(INTERACTION_CLASSES);
export type InteractionClass = z.infer<typeof ZInteractionClass>;

export const ZCurrentMedication = section({
  name: text(200),
  /** The interaction classes this medicine belongs to; empty when none applies. */
  classes: list(ZInteractionClass),
  doseText: text(200).optional(),
});
export type CurrentMedication = z.infer<typeof ZCurrentMedication>;

export const CARDIOVASCULAR_CONDITION_KINDS = [
  'hypertension',
  'coronary-artery-disease',
  'heart-failure',
  'arrhythmia',
  'valvular-disease',
  'cardiomyopathy',
  'aortic-aneurysm',
  'intracranial-aneurysm',
  'peripheral-arterial-aneurysm',
  'arteriovenous-malformation',
  'intracerebral-hemorrhage-history',
  'stroke-or-tia',
  'peripheral-arterial-disease',
  'other',
] as const;
export type CardiovascularConditionKind = (typeof CARDIOVASCULAR_CONDITION_KINDS)[number];

export const CARDIOVASCULAR_RISK_FACTORS = [
  'hypertension',
  'diabetes',
  'smoking',
  'dyslipidaemia',
  'obesity',
  'chronic-kidney-disease',
  'family-history-premature-cvd',
  'sedentary',
  'other',
] as const;

export const ZCardiovascular = section({
  conditions: list(
    section({
      kind: choice(CARDIOVASCULAR_CONDITION_KINDS),
      description: text(200).optional(),
      /** The evaluating clinician's judgement that the condition is well controlled at present. */
      controlled: flag(),
    }),
  ),
  riskFactors: list(choice(CARDIOVASCULAR_RISK_FACTORS)),
  /** Symptoms or findings make the clinician suspect cardiovascular disease not yet diagnosed. */
  suspectedDisease: flag(),
});
export type Cardiovascular = z.infer<typeof ZCardiovascular>;

export const ZVitalSigns = section({
  systolicMmHg: ranged(INTAKE_RANGES.systolicMmHg, 'mmHg', true),
  diastolicMmHg: ranged(INTAKE_RANGES.diastolicMmHg, 'mmHg', true),
  heartRatePerMin: ranged(INTAKE_RANGES.heartRatePerMin, '/min', true),
}).refine((v) => v.diastolicMmHg < v.systolicMmHg, {
  path: ['diastolicMmHg'],
  message: 'must be lower than the systolic pressure (were the two swapped?)',
});
export type VitalSigns = z.infer<typeof ZVitalSigns>;

export const PSYCHOSIS_STATUSES = ['none', 'past', 'active'] as const;
export const ZPsychiatric = section({
  psychosis: choice(PSYCHOSIS_STATUSES),
  depression: flag(),
  ptsd: flag(),
  other: list(text(200)),
});

export const SUBSTANCES = [
  'alcohol',
  'opioids',
  'cannabis',
  'stimulants',
  'sedatives',
  'ketamine',
  'hallucinogens',
  'other',
] as const;
export const SUBSTANCE_USE_STATUSES = ['none', 'past', 'active'] as const;
export const ZSubstanceUse = section({
  substance: choice(SUBSTANCES),
  description: text(200).optional(),
  status: choice(SUBSTANCE_USE_STATUSES),
  /** The clinician judges the use to be misuse, abuse or a use disorder (not e.g. light social drinking). */
  misuse: flag(),
}).refine((s) => !(s.status === 'none' && s.misuse), {
  path: ['misuse'],
  message: 'cannot be true when status is none',
});
export type SubstanceUse = z.infer<typeof ZSubstanceUse>;

export const PREGNANCY_STATUSES = ['not-applicable', 'not-pregnant', 'pregnant', 'unknown'] as const;
export const ZPregnancy = section({
  status: choice(PREGNANCY_STATUSES),
  breastfeeding: flag(),
});

export const HEPATIC_SEVERITIES = ['none', 'mild', 'moderate', 'severe'] as const;
const liverEnzyme = ranged(INTAKE_RANGES.liverEnzymeIuPerL, 'IU/L');
export const ZHepatic = section({
  /** Known liver disease, graded by the clinician (REFERENCE §1.3 gives no numeric definition). */
  diseaseSeverity: choice(HEPATIC_SEVERITIES),
  description: text(200).optional(),
  chronicHepatitis: flag(),
  labs: section({
    altIuPerL: liverEnzyme.optional(),
    astIuPerL: liverEnzyme.optional(),
    alpIuPerL: liverEnzyme.optional(),
    measuredOn: ZIsoDate,
  })
    .refine((l) => l.altIuPerL !== undefined || l.astIuPerL !== undefined || l.alpIuPerL !== undefined, {
      message: 'give at least one of altIuPerL, astIuPerL, alpIuPerL',
    })
    .optional(),
});
export type Hepatic = z.infer<typeof ZHepatic>;

export const ZRenal = section({
  egfrMlPerMinPer173m2: ranged(INTAKE_RANGES.egfrMlPerMinPer173m2, 'mL/min/1.73m²'),
  measuredOn: ZIsoDate,
});

export const INTRACRANIAL_PRESSURE_STATUSES = ['none', 'suspected', 'elevated'] as const;
export const ZIntracranial = section({
  pressure: choice(INTRACRANIAL_PRESSURE_STATUSES),
  description: text(200).optional(),
});

export const GLAUCOMA_KINDS = [
  'none',
  'open-angle',
  'angle-closure',
  'ocular-hypertension',
  'other',
] as const;
export const ZIntraocular = section({
  glaucoma: choice(GLAUCOMA_KINDS),
  iopMmHg: ranged(INTAKE_RANGES.iopMmHg, 'mmHg').optional(),
  measuredOn: ZIsoDate.optional(),
}).refine((e) => (e.iopMmHg === undefined) === (e.measuredOn === undefined), {
  path: ['measuredOn'],
  message: 'give the date with the intraocular pressure (and only with it)',
});

export const THYROID_DISEASES = ['none', 'hypothyroidism', 'hyperthyroidism', 'other'] as const;
export const ZThyroid = section({
  disease: choice(THYROID_DISEASES),
  controlled: flag().optional(),
});

export const ALLERGEN_KINDS = ['ketamine', 'esketamine', 'ketamine-excipient', 'other'] as const;
export const ZAllergy = section({
  kind: choice(ALLERGEN_KINDS),
  substance: text(200),
  reaction: text(200).optional(),
});

export const ZBaselineScores = section({
  /** Pain now, 0–10 numeric rating scale (REFERENCE §6). */
  nrs: ranged({ min: 0, max: 10 }, 'points', true),
  /** PHQ-9 total 0–27 (REFERENCE §6). */
  phq9Total: ranged({ min: 0, max: 27 }, 'points', true),
  /** PHQ-9 item 9 (thoughts of death or self-harm), 0–3 (REFERENCE §6). */
  phq9Item9: ranged({ min: 0, max: 3 }, 'points', true).optional(),
  /** GAD-7 total 0–21 (REFERENCE §6). */
  gad7Total: ranged({ min: 0, max: 21 }, 'points', true),
  /** PEG-3 mean of three 0–10 items (REFERENCE §6). */
  pegMean: ranged({ min: 0, max: 10 }, 'points').optional(),
});

export const ZIntake = section({
  patient: section({
    ageYears: ranged(INTAKE_RANGES.ageYears, 'years', true),
    sex: ZSexAtBirth,
    weightKg: ZWeightKg.optional(),
  }),
  /** The date of the evaluation this intake records. */
  evaluatedOn: ZIsoDate,
  pain: section({
    /** When the pain began; the duration is derived from it when given. */
    onsetOn: ZIsoDate.optional(),
    /** Duration as reported, for when no onset date is known. */
    durationMonths: ranged(INTAKE_RANGES.durationMonths, 'months').optional(),
    sites: list(text(100)).min(1, 'name at least one pain site'),
    character: list(text(100)),
    primaryCondition: section({ code: ZIcd10CmCode, label: text(200) }),
    conditionCategory: ZConditionCategory,
    workup: list(ZWorkupItem),
  }),
  treatmentsTried: list(ZTreatmentTried),
  currentMedications: list(ZCurrentMedication),
  cardiovascular: ZCardiovascular,
  vitals: ZVitalSigns,
  psychiatric: ZPsychiatric,
  substanceUse: list(ZSubstanceUse),
  pregnancy: ZPregnancy,
  hepatic: ZHepatic,
  renal: ZRenal.optional(),
  intracranial: ZIntracranial,
  intraocular: ZIntraocular,
  thyroid: ZThyroid,
  allergies: list(ZAllergy),
  baselineScores: ZBaselineScores,
  /** What the clinic plans if the patient is eligible (REFERENCE §1.6, §5.3: recurrent dosing → LFTs). */
  plannedTreatment: section({ recurrentDosing: flag() }).optional(),
}).superRefine((intake, ctx) => {
  const { pain, evaluatedOn } = intake;
  // Date order is only meaningful once the evaluation date itself is a valid date.
  if (!ZIsoDate.safeParse(evaluatedOn).success) return;
  const notAfterEvaluation = (date: string | undefined, path: (string | number)[]) => {
    if (date !== undefined && date > evaluatedOn) {
      ctx.addIssue({ code: 'custom', path, message: `cannot be after the evaluation date ${evaluatedOn}` });
    }
  };
  if (pain.onsetOn === undefined && pain.durationMonths === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['pain', 'onsetOn'],
      message: 'give the onset date or durationMonths',
    });
  }
  notAfterEvaluation(pain.onsetOn, ['pain', 'onsetOn']);
  if (pain.onsetOn !== undefined && pain.onsetOn <= evaluatedOn && pain.durationMonths !== undefined) {
    const derived = monthsBetween(pain.onsetOn, evaluatedOn);
    if (Math.abs(derived - pain.durationMonths) > DURATION_TOLERANCE_MONTHS) {
      ctx.addIssue({
        code: 'custom',
        path: ['pain', 'durationMonths'],
        message: `${pain.durationMonths} months does not match the onset date (${derived.toFixed(1)} months before ${evaluatedOn})`,
      });
    }
  }
  pain.workup.forEach((w, i) => {
    notAfterEvaluation(w.performedOn, ['pain', 'workup', i, 'performedOn']);
  });
  notAfterEvaluation(intake.hepatic.labs?.measuredOn, ['hepatic', 'labs', 'measuredOn']);
  notAfterEvaluation(intake.renal?.measuredOn, ['renal', 'measuredOn']);
  notAfterEvaluation(intake.intraocular.measuredOn, ['intraocular', 'measuredOn']);
  if (intake.pregnancy.status === 'pregnant' && intake.patient.sex === 'male') {
    ctx.addIssue({
      code: 'custom',
      path: ['pregnancy', 'status'],
      message: 'pregnant conflicts with sex male',
    });
  }
});
export type Intake = z.infer<typeof ZIntake>;

export const ELIGIBILITY_STATUSES = [
  'eligible',
  'eligible-with-precautions',
  'needs-physician-review',
  'not-eligible',
] as const;
export const ZEligibilityStatus = choice(ELIGIBILITY_STATUSES);
export type EligibilityStatus = z.infer<typeof ZEligibilityStatus>;

const DAY_MS = 86_400_000;

function parseIsoDate(iso: string): { y: number; m: number; d: number } {
  const [y, m, d] = iso.split('-').map(Number);
  return { y: y ?? 0, m: m ?? 1, d: d ?? 1 };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Calendar months from one YYYY-MM-DD date to a later one: whole months, plus the remaining days as a
 * fraction of the following month (2026-01-15 → 2026-04-15 is 3; → 2026-04-30 is 3.5). Negative when `to`
 * is before `from`.
 */
export function monthsBetween(fromIso: string, toIso: string): number {
  if (toIso < fromIso) return -monthsBetween(toIso, fromIso);
  const from = parseIsoDate(fromIso);
  const to = parseIsoDate(toIso);
  let whole = (to.y - from.y) * 12 + (to.m - from.m);
  if (to.d < from.d) whole -= 1;
  // The anniversary date `whole` months after `from`, clamped to the end of a short month.
  const anchorMonthIndex = from.m - 1 + whole;
  const anchorY = from.y + Math.floor(anchorMonthIndex / 12);
  const anchorM = (anchorMonthIndex % 12) + 1;
  const anchorD = Math.min(from.d, daysInMonth(anchorY, anchorM));
  const anchorMs = Date.UTC(anchorY, anchorM - 1, anchorD);
  const toMs = Date.UTC(to.y, to.m - 1, to.d);
  const remainingDays = Math.round((toMs - anchorMs) / DAY_MS);
  return whole + remainingDays / daysInMonth(anchorY, anchorM);
}

/** The pain duration in months: derived from the onset date when given, else as entered. */
export function painDurationMonths(intake: Pick<Intake, 'pain' | 'evaluatedOn'>): number {
  if (intake.pain.onsetOn !== undefined) return monthsBetween(intake.pain.onsetOn, intake.evaluatedOn);
  return intake.pain.durationMonths ?? 0;
}
