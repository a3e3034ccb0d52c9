/**
 * Test fixtures for the eligibility rules: a clean CRPS intake, edited per test, and a clinic configuration
 * that sets every value REFERENCE.md leaves to the clinic (test values chosen by a clinic, not defaults).
 */
import type { Intake } from '@ketapath/core';
import type { ClinicSettings } from '../../../settings.js';

/** A clinic that has set every parameter without a default. */
export const CONFIGURED_CLINIC: ClinicSettings = {
  'eligibility.min-pain-duration-months': 3,
  'eligibility.min-failed-treatment-classes': 2,
  'eligibility.egfr-review-below-ml-per-min-173m2': 30,
  'eligibility.ecg-min-cv-risk-factors': 2,
};

export const EVALUATED_ON = '2026-04-15';

/** A 42-year-old woman with right-arm CRPS for 18 months, two failed treatment classes, nothing else. */
export function baseIntake(): Intake {
  return {
    patient: { ageYears: 42, sex: 'female', weightKg: 68 },
    evaluatedOn: EVALUATED_ON,
    pain: {
      onsetOn: '2024-10-15',
      sites: ['right hand', 'right forearm'],
      character: ['burning', 'allodynia'],
      primaryCondition: { code: 'G90.511', label: 'CRPS type I of right upper limb' },
      conditionCategory: 'crps',
      workup: [
        {
          kind: 'bone-scan',
          description: 'Three-phase bone scan',
          performedOn: '2025-01-20',
          result: 'Increased periarticular uptake, right wrist and hand',
        },
      ],
    },
    treatmentsTried: [
      { class: 'gabapentinoid', name: 'pregabalin 150 mg twice daily', outcome: 'ineffective' },
      { class: 'physical-therapy', name: 'graded motor imagery', outcome: 'ineffective' },
      { class: 'nsaid', name: 'naproxen', outcome: 'partial' },
    ],
    currentMedications: [],
    cardiovascular: { conditions: [], riskFactors: [], suspectedDisease: false },
    vitals: { systolicMmHg: 118, diastolicMmHg: 76, heartRatePerMin: 72 },
    psychiatric: { psychosis: 'none', depression: false, ptsd: false, other: [] },
    substanceUse: [],
    pregnancy: { status: 'not-pregnant', breastfeeding: false },
    hepatic: { diseaseSeverity: 'none', chronicHepatitis: false },
    renal: { egfrMlPerMinPer173m2: 95, measuredOn: '2026-04-01' },
    intracranial: { pressure: 'none' },
    intraocular: { glaucoma: 'none' },
    thyroid: { disease: 'none' },
    allergies: [],
    baselineScores: { nrs: 7, phq9Total: 6, phq9Item9: 0, gad7Total: 5 },
  };
}

/** The base intake with `edit` applied to a fresh copy. */
export function makeIntake(edit: (draft: Intake) => void = () => undefined): Intake {
  const draft = structuredClone(baseIntake());
  edit(draft);
  return draft;
}
