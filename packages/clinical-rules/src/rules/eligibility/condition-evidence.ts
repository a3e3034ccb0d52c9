/**
 * REFERENCE §1.2 as data: the ASRA/AAPM/ASA guideline's evidence for IV ketamine by condition, and the
 * ICD-10-CM codes of §8.1 that belong to each condition category.
 */
import type { ConditionCategory } from '@ketapath/core';
import type { Citation } from '../../types.js';

export interface ConditionEvidence {
  readonly category: ConditionCategory;
  readonly code: string;
  readonly evidence: string;
  readonly grade: 'B' | 'C' | 'D';
  readonly certainty: string;
  readonly citation: Citation;
}

type EvidenceRow = Omit<ConditionEvidence, 'category' | 'code'>;

const WEAK_OR_NONE: EvidenceRow = {
  evidence:
    'Weak or no evidence of immediate improvement; no evidence of intermediate- or long-term benefit for any condition other than CRPS.',
  grade: 'D',
  certainty: 'low',
  citation: {
    section: '§1.2',
    source: 'S2',
    note: 'Grade D, low certainty: weak or no evidence of immediate improvement.',
  },
};

const EVIDENCE: Readonly<Record<Exclude<ConditionCategory, 'other'>, EvidenceRow>> = {
  crps: {
    evidence: 'Moderate evidence of pain improvement lasting up to 12 weeks.',
    grade: 'B',
    certainty: 'low-to-moderate',
    citation: {
      section: '§1.2',
      source: 'S2',
      note: 'CRPS: grade B, low-to-moderate certainty, improvement up to 12 weeks.',
    },
  },
  'sci-pain': {
    evidence:
      'Weak evidence of short-term improvement only; no evidence of intermediate- or long-term benefit.',
    grade: 'C',
    certainty: 'low',
    citation: {
      section: '§1.2',
      source: 'S2',
      note: 'Spinal cord injury pain: grade C, low certainty, short-term only.',
    },
  },
  neuropathic: WEAK_OR_NONE,
  'phantom-limb': WEAK_OR_NONE,
  'postherpetic-neuralgia': WEAK_OR_NONE,
  fibromyalgia: WEAK_OR_NONE,
  'cancer-pain': WEAK_OR_NONE,
  'ischemic-pain': WEAK_OR_NONE,
  'migraine-headache': WEAK_OR_NONE,
  'low-back-spinal': WEAK_OR_NONE,
};

/** The §1.2 evidence for a condition, or null for a category §1.2 does not list. */
export function conditionEvidenceFor(category: ConditionCategory, code: string): ConditionEvidence | null {
  if (category === 'other') return null;
  return { category, code, ...EVIDENCE[category] };
}

/**
 * ICD-10-CM code prefixes per category, from REFERENCE §8.1 (S25). A category not listed has no specific
 * code set there. G89.4 (chronic pain syndrome) and G89.29 (other chronic pain) fit any category.
 */
export const CATEGORY_CODE_PREFIXES: Readonly<Partial<Record<ConditionCategory, readonly string[]>>> = {
  crps: ['G90.5', 'G56.4', 'G57.7'],
  'sci-pain': ['G89.0'],
  neuropathic: ['M79.2', 'G62.9', 'G89.0'],
  'phantom-limb': ['G54.6', 'G54.7'],
  'postherpetic-neuralgia': ['B02.2'],
  fibromyalgia: ['M79.7'],
  'cancer-pain': ['G89.3'],
  'migraine-headache': ['G43.'],
  'low-back-spinal': ['M54.5', 'M54.2'],
};

export const GENERIC_CHRONIC_PAIN_CODES: readonly string[] = ['G89.4', 'G89.2'];
