/**
 * How the intake's choices read on screen, the eligibility statuses, and the ICD-10-CM codes of REFERENCE
 * §8.1 (source S25) offered while typing a diagnosis code.
 */
import type {
  ALLERGEN_KINDS,
  CARDIOVASCULAR_CONDITION_KINDS,
  CARDIOVASCULAR_RISK_FACTORS,
  ConditionCategory,
  EligibilityStatus,
  GLAUCOMA_KINDS,
  HEPATIC_SEVERITIES,
  INTERACTION_CLASSES,
  INTRACRANIAL_PRESSURE_STATUSES,
  OPIOID_DRUGS,
  PREGNANCY_STATUSES,
  PSYCHOSIS_STATUSES,
  SUBSTANCE_USE_STATUSES,
  SUBSTANCES,
  THYROID_DISEASES,
  TREATMENT_CLASSES,
  TREATMENT_OUTCOMES,
  WORKUP_KINDS,
} from '@ketapath/core';
import { roleLabel } from '../../rules/staff-labels';

type Labels<T extends readonly string[]> = Readonly<Record<T[number], string>>;

export const STATUS_LABELS: Readonly<Record<EligibilityStatus, string>> = {
  eligible: 'Eligible',
  'eligible-with-precautions': 'Eligible with precautions',
  'needs-physician-review': 'Needs physician review',
  'not-eligible': 'Not eligible',
};

export const STATUS_ICONS: Readonly<Record<EligibilityStatus, string>> = {
  eligible: '✓',
  'eligible-with-precautions': '⚠',
  'needs-physician-review': '⚑',
  'not-eligible': '✖',
};

export const CONDITION_CATEGORY_LABELS: Readonly<Record<ConditionCategory, string>> = {
  crps: 'CRPS',
  'sci-pain': 'Spinal cord injury pain',
  neuropathic: 'Neuropathic pain',
  'phantom-limb': 'Phantom limb pain',
  'postherpetic-neuralgia': 'Postherpetic neuralgia',
  fibromyalgia: 'Fibromyalgia',
  'cancer-pain': 'Cancer pain',
  'ischemic-pain': 'Ischemic pain',
  'migraine-headache': 'Migraine / headache',
  'low-back-spinal': 'Low back / spinal pain',
  other: 'Other',
};

export const WORKUP_LABELS: Labels<typeof WORKUP_KINDS> = {
  imaging: 'Imaging',
  'nerve-conduction-study': 'Nerve conduction study',
  electromyography: 'Electromyography',
  'quantitative-sensory-testing': 'Quantitative sensory testing',
  'bone-scan': 'Bone scan',
  laboratory: 'Laboratory',
  'specialist-assessment': 'Specialist assessment',
  other: 'Other',
};

export const TREATMENT_CLASS_LABELS: Labels<typeof TREATMENT_CLASSES> = {
  opioid: 'Opioid',
  nsaid: 'NSAID',
  gabapentinoid: 'Gabapentinoid',
  antidepressant: 'Antidepressant',
  'physical-therapy': 'Physical therapy',
  'interventional-procedure': 'Interventional procedure',
  psychological: 'Psychological therapy',
  other: 'Other',
};

export const OUTCOME_LABELS: Labels<typeof TREATMENT_OUTCOMES> = {
  effective: 'Effective',
  partial: 'Partial relief',
  ineffective: 'Ineffective',
  'not-tolerated': 'Not tolerated',
  ongoing: 'Ongoing',
};

export const OPIOID_LABELS: Labels<typeof OPIOID_DRUGS> = {
  codeine: 'Codeine',
  'fentanyl-transdermal': 'Fentanyl (transdermal patch)',
  hydrocodone: 'Hydrocodone',
  hydromorphone: 'Hydromorphone',
  methadone: 'Methadone',
  morphine: 'Morphine',
  oxycodone: 'Oxycodone',
  oxymorphone: 'Oxymorphone',
  tapentadol: 'Tapentadol',
  tramadol: 'Tramadol',
  buprenorphine: 'Buprenorphine',
  other: 'Other opioid',
};

export const INTERACTION_CLASS_LABELS: Labels<typeof INTERACTION_CLASSES> = {
  'cyp3a4-inhibitor': 'CYP3A4 inhibitor',
  'cyp3a4-inducer': 'CYP3A4 inducer',
  theophylline: 'Theophylline / aminophylline',
  sympathomimetic: 'Sympathomimetic',
  'thyroid-hormone': 'Thyroid hormone',
  benzodiazepine: 'Benzodiazepine',
  opioid: 'Opioid',
  'other-cns-depressant': 'Other CNS depressant',
  barbiturate: 'Barbiturate',
  antihypertensive: 'Antihypertensive',
  maoi: 'MAO inhibitor',
  psychostimulant: 'Psychostimulant',
  lamotrigine: 'Lamotrigine',
  'nmda-antagonist': 'NMDA antagonist',
};

export const CV_CONDITION_LABELS: Labels<typeof CARDIOVASCULAR_CONDITION_KINDS> = {
  hypertension: 'Hypertension',
  'coronary-artery-disease': 'Coronary artery disease',
  'heart-failure': 'Heart failure',
  arrhythmia: 'Arrhythmia',
  'valvular-disease': 'Valvular disease',
  cardiomyopathy: 'Cardiomyopathy',
  'aortic-aneurysm': 'Aortic aneurysm',
  'intracranial-aneurysm': 'Intracranial aneurysm',
  'peripheral-arterial-aneurysm': 'Peripheral arterial aneurysm',
  'arteriovenous-malformation': 'Arteriovenous malformation',
  'intracerebral-hemorrhage-history': 'Intracerebral haemorrhage (history)',
  'stroke-or-tia': 'Stroke or TIA',
  'peripheral-arterial-disease': 'Peripheral arterial disease',
  other: 'Other',
};

export const RISK_FACTOR_LABELS: Labels<typeof CARDIOVASCULAR_RISK_FACTORS> = {
  hypertension: 'Hypertension',
  diabetes: 'Diabetes',
  smoking: 'Smoking',
  dyslipidaemia: 'Dyslipidaemia',
  obesity: 'Obesity',
  'chronic-kidney-disease': 'Chronic kidney disease',
  'family-history-premature-cvd': 'Family history of premature CVD',
  sedentary: 'Sedentary',
  other: 'Other',
};

export const PSYCHOSIS_LABELS: Labels<typeof PSYCHOSIS_STATUSES> = {
  none: 'None',
  past: 'Past history',
  active: 'Active',
};

export const SUBSTANCE_LABELS: Labels<typeof SUBSTANCES> = {
  alcohol: 'Alcohol',
  opioids: 'Opioids',
  cannabis: 'Cannabis',
  stimulants: 'Stimulants',
  sedatives: 'Sedatives',
  ketamine: 'Ketamine',
  hallucinogens: 'Hallucinogens',
  other: 'Other',
};

export const SUBSTANCE_STATUS_LABELS: Labels<typeof SUBSTANCE_USE_STATUSES> = {
  none: 'None',
  past: 'Past',
  active: 'Active',
};

export const PREGNANCY_LABELS: Labels<typeof PREGNANCY_STATUSES> = {
  'not-applicable': 'Not applicable',
  'not-pregnant': 'Not pregnant',
  pregnant: 'Pregnant',
  unknown: 'Unknown',
};

export const HEPATIC_LABELS: Labels<typeof HEPATIC_SEVERITIES> = {
  none: 'None',
  mild: 'Mild',
  moderate: 'Moderate',
  severe: 'Severe',
};

export const ICP_LABELS: Labels<typeof INTRACRANIAL_PRESSURE_STATUSES> = {
  none: 'None',
  suspected: 'Suspected',
  elevated: 'Elevated',
};

export const GLAUCOMA_LABELS: Labels<typeof GLAUCOMA_KINDS> = {
  none: 'None',
  'open-angle': 'Open-angle glaucoma',
  'angle-closure': 'Angle-closure glaucoma',
  'ocular-hypertension': 'Ocular hypertension',
  other: 'Other',
};

export const THYROID_LABELS: Labels<typeof THYROID_DISEASES> = {
  none: 'None',
  hypothyroidism: 'Hypothyroidism',
  hyperthyroidism: 'Hyperthyroidism',
  other: 'Other',
};

export const ALLERGEN_LABELS: Labels<typeof ALLERGEN_KINDS> = {
  ketamine: 'Ketamine',
  esketamine: 'Esketamine',
  'ketamine-excipient': 'Ketamine excipient',
  other: 'Other',
};

/** Options for a SelectField from a label table, in the table's order. */
export function optionsOf<K extends string>(
  labels: Readonly<Record<K, string>>,
): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

export interface IcdCode {
  code: string;
  title: string;
  category: ConditionCategory;
}

/** REFERENCE §8.1 (S25, verified there): the codes offered while typing; any valid ICD-10-CM code is accepted. */
export const ICD10_CODES: readonly IcdCode[] = [
  { code: 'G90.50', title: 'CRPS type I, unspecified', category: 'crps' },
  { code: 'G90.511', title: 'CRPS type I of right upper limb', category: 'crps' },
  { code: 'G90.512', title: 'CRPS type I of left upper limb', category: 'crps' },
  { code: 'G90.513', title: 'CRPS type I of upper limb, bilateral', category: 'crps' },
  { code: 'G90.519', title: 'CRPS type I of unspecified upper limb', category: 'crps' },
  { code: 'G90.521', title: 'CRPS type I of right lower limb', category: 'crps' },
  { code: 'G90.522', title: 'CRPS type I of left lower limb', category: 'crps' },
  { code: 'G90.523', title: 'CRPS type I of lower limb, bilateral', category: 'crps' },
  { code: 'G90.529', title: 'CRPS type I of unspecified lower limb', category: 'crps' },
  { code: 'G90.59', title: 'CRPS type I of other specified site', category: 'crps' },
  { code: 'G56.40', title: 'Causalgia (CRPS II) of unspecified upper limb', category: 'crps' },
  { code: 'G56.41', title: 'Causalgia (CRPS II) of right upper limb', category: 'crps' },
  { code: 'G56.42', title: 'Causalgia (CRPS II) of left upper limb', category: 'crps' },
  { code: 'G56.43', title: 'Causalgia (CRPS II) of bilateral upper limbs', category: 'crps' },
  { code: 'G57.70', title: 'Causalgia (CRPS II) of unspecified lower limb', category: 'crps' },
  { code: 'G57.71', title: 'Causalgia (CRPS II) of right lower limb', category: 'crps' },
  { code: 'G57.72', title: 'Causalgia (CRPS II) of left lower limb', category: 'crps' },
  { code: 'G57.73', title: 'Causalgia (CRPS II) of bilateral lower limbs', category: 'crps' },
  { code: 'M79.7', title: 'Fibromyalgia', category: 'fibromyalgia' },
  { code: 'G89.4', title: 'Chronic pain syndrome', category: 'other' },
  { code: 'G89.29', title: 'Other chronic pain', category: 'other' },
  { code: 'G89.21', title: 'Chronic pain due to trauma', category: 'other' },
  { code: 'G89.28', title: 'Other chronic postprocedural pain', category: 'other' },
  { code: 'G89.0', title: 'Central pain syndrome', category: 'sci-pain' },
  { code: 'G89.3', title: 'Neoplasm related pain (acute) (chronic)', category: 'cancer-pain' },
  { code: 'M79.2', title: 'Neuralgia and neuritis, unspecified', category: 'neuropathic' },
  { code: 'G62.9', title: 'Polyneuropathy, unspecified', category: 'neuropathic' },
  { code: 'B02.22', title: 'Postherpetic trigeminal neuralgia', category: 'postherpetic-neuralgia' },
  { code: 'B02.23', title: 'Postherpetic polyneuropathy', category: 'postherpetic-neuralgia' },
  {
    code: 'B02.29',
    title: 'Other postherpetic nervous system involvement',
    category: 'postherpetic-neuralgia',
  },
  { code: 'G54.6', title: 'Phantom limb syndrome with pain', category: 'phantom-limb' },
  { code: 'M54.50', title: 'Low back pain, unspecified', category: 'low-back-spinal' },
  { code: 'M54.51', title: 'Vertebrogenic low back pain', category: 'low-back-spinal' },
  { code: 'M54.59', title: 'Other low back pain', category: 'low-back-spinal' },
  { code: 'M54.2', title: 'Cervicalgia', category: 'low-back-spinal' },
  {
    code: 'G43.701',
    title: 'Chronic migraine without aura, not intractable, with status migrainosus',
    category: 'migraine-headache',
  },
  {
    code: 'G43.709',
    title: 'Chronic migraine without aura, not intractable, without status migrainosus',
    category: 'migraine-headache',
  },
  {
    code: 'G43.711',
    title: 'Chronic migraine without aura, intractable, with status migrainosus',
    category: 'migraine-headache',
  },
  {
    code: 'G43.719',
    title: 'Chronic migraine without aura, intractable, without status migrainosus',
    category: 'migraine-headache',
  },
  {
    code: 'G43.911',
    title: 'Migraine, unspecified, intractable, with status migrainosus',
    category: 'migraine-headache',
  },
  {
    code: 'G43.919',
    title: 'Migraine, unspecified, intractable, without status migrainosus',
    category: 'migraine-headache',
  },
];

/** The §8.1 entry for a typed code (case and spaces ignored). */
export function icdCode(typed: string): IcdCode | undefined {
  const code = typed.trim().toUpperCase();
  return ICD10_CODES.find((c) => c.code === code);
}

/** Who did something, as the journey answers name them: "a@b.test (Physician)". */
export function staffLabel(
  who: { email?: string; role?: string; displayName?: string } | null | undefined,
): string {
  if (!who) return '—';
  const name = who.displayName ?? who.email ?? '—';
  return who.role ? `${name} (${roleLabel(who.role)})` : name;
}
