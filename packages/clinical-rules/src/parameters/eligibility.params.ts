/**
 * Parameters of the eligibility rules, each with its default and REFERENCE.md source. Values REFERENCE.md
 * does not give (minimum pain duration, required failed treatments, renal cut-off, cardiovascular risk count)
 * have no default: the clinic must set them before the rules that read them run.
 */
import type { Parameter } from '../types.js';

export const ELIGIBILITY_PARAMETERS: readonly Parameter[] = [
  {
    id: 'eligibility.min-pain-duration-months',
    kind: 'number',
    label: 'Minimum pain duration for chronic pain',
    description:
      'Pain must have lasted longer than this many months. The product describes chronic pain as pain lasting over 3 months, but REFERENCE.md gives no sourced minimum duration, so the clinic sets it.',
    unit: 'months',
    default: null,
    min: 0,
    max: 120,
    evidence: 'P',
    verification: 'not-found',
    citations: [
      {
        section: '§1.2',
        source: 'S2',
        note: 'The guideline evidence concerns chronic pain conditions; no minimum duration was found in the retrieved summaries.',
      },
    ],
  },
  {
    id: 'eligibility.min-failed-treatment-classes',
    kind: 'number',
    label: 'Treatment classes that must have failed first',
    description:
      'How many distinct treatment classes must have been ineffective or not tolerated before ketamine is considered. REFERENCE.md gives no number; the clinic sets it.',
    unit: 'classes',
    integer: true,
    default: null,
    min: 0,
    max: 8,
    evidence: 'P',
    verification: 'not-found',
    citations: [
      {
        section: '§1.2',
        source: 'S3',
        note: 'No condition other than CRPS has evidence of intermediate- or long-term benefit; no prior-treatment requirement was found.',
      },
    ],
  },
  {
    id: 'eligibility.sbp-uncontrolled-mmhg',
    kind: 'number',
    label: 'Uncontrolled hypertension: systolic at or above',
    description:
      'Systolic pressure at evaluation at or above this value counts as uncontrolled hypertension.',
    unit: 'mmHg',
    default: 180,
    min: 120,
    max: 260,
    evidence: 'T',
    verification: 'verified',
    citations: [
      {
        section: '§4.2',
        source: 'S9b',
        note: 'Trial exclusion (NCT04220489): uncontrolled hypertension SBP ≥ 180 or DBP ≥ 100 mmHg.',
      },
    ],
  },
  {
    id: 'eligibility.dbp-uncontrolled-mmhg',
    kind: 'number',
    label: 'Uncontrolled hypertension: diastolic at or above',
    description:
      'Diastolic pressure at evaluation at or above this value counts as uncontrolled hypertension.',
    unit: 'mmHg',
    default: 100,
    min: 70,
    max: 160,
    evidence: 'T',
    verification: 'verified',
    citations: [
      {
        section: '§4.2',
        source: 'S9b',
        note: 'Trial exclusion (NCT04220489): uncontrolled hypertension SBP ≥ 180 or DBP ≥ 100 mmHg.',
      },
    ],
  },
  {
    id: 'eligibility.iop-high-mmhg',
    kind: 'number',
    label: 'Raised intraocular pressure: above',
    description: 'A measured intraocular pressure above this value counts as raised.',
    unit: 'mmHg',
    default: 22,
    min: 10,
    max: 60,
    evidence: 'T',
    verification: 'verified',
    citations: [
      {
        section: '§4.2',
        source: 'S9b',
        note: 'Trial exclusion (NCT04220489): intraocular pressure > 22 mmHg.',
      },
    ],
  },
  {
    id: 'eligibility.alt-high-iu-per-l',
    kind: 'number',
    label: 'ALT above',
    description: 'An ALT above this value is abnormal for the liver-enzyme precaution.',
    unit: 'IU/L',
    default: 40,
    min: 10,
    max: 1000,
    evidence: 'T',
    verification: 'verified',
    citations: [
      {
        section: '§4.2',
        source: 'S9b',
        note: 'Trial exclusion (NCT04220489) as written: AST > 120, ALP > 130, ALT > 40 IU/L.',
      },
    ],
  },
  {
    id: 'eligibility.ast-high-iu-per-l',
    kind: 'number',
    label: 'AST above',
    description: 'An AST above this value is abnormal for the liver-enzyme precaution.',
    unit: 'IU/L',
    default: 120,
    min: 10,
    max: 1000,
    evidence: 'T',
    verification: 'verified',
    citations: [
      {
        section: '§4.2',
        source: 'S9b',
        note: 'Trial exclusion (NCT04220489) as written: AST > 120, ALP > 130, ALT > 40 IU/L.',
      },
    ],
  },
  {
    id: 'eligibility.alp-high-iu-per-l',
    kind: 'number',
    label: 'ALP above',
    description: 'An alkaline phosphatase above this value is abnormal for the liver-enzyme precaution.',
    unit: 'IU/L',
    default: 130,
    min: 10,
    max: 1000,
    evidence: 'T',
    verification: 'verified',
    citations: [
      {
        section: '§4.2',
        source: 'S9b',
        note: 'Trial exclusion (NCT04220489) as written: AST > 120, ALP > 130, ALT > 40 IU/L.',
      },
    ],
  },
  {
    id: 'eligibility.egfr-review-below-ml-per-min-173m2',
    kind: 'number',
    label: 'Renal review: eGFR below',
    description:
      'An eGFR below this value asks for physician review of the dose plan. REFERENCE.md found no renal dose adjustment for ketamine, so there is no default.',
    unit: 'mL/min/1.73m²',
    default: null,
    min: 5,
    max: 120,
    evidence: 'P',
    verification: 'not-found',
    citations: [
      {
        section: '§5.1',
        source: 'S17',
        note: 'Metabolites are excreted in urine; a renal-impairment dose adjustment was not found (also §10 item 8).',
      },
    ],
  },
  {
    id: 'eligibility.ecg-min-cv-risk-factors',
    kind: 'number',
    label: 'ECG due: cardiovascular risk factors at least',
    description:
      'The number of cardiovascular risk factors at which the clinic regards a patient as high risk, so a baseline ECG is due. The guideline does not define "high risk" numerically.',
    unit: 'risk factors',
    integer: true,
    default: null,
    min: 1,
    max: 9,
    evidence: 'P',
    verification: 'not-found',
    citations: [
      {
        section: '§1.6',
        source: 'S2',
        note: 'Baseline ECG for suspected or high risk of cardiovascular disease; "high risk" is not defined in the summaries.',
      },
    ],
  },
];
