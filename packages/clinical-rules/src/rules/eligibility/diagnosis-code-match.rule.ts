/** The ICD-10-CM code should belong to the condition category chosen (REFERENCE §8.1). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import { CATEGORY_CODE_PREFIXES, GENERIC_CHRONIC_PAIN_CODES } from './condition-evidence.js';

export const diagnosisCodeMatch = defineRule<Intake>({
  id: 'eligibility/diagnosis-code-match',
  version: 1,
  area: 'eligibility',
  title: 'Diagnosis code matches the condition category',
  severity: 'warn',
  description:
    'Warns when the primary ICD-10-CM code is not among the §8.1 codes of the chosen condition category (chronic pain syndrome G89.4 and other chronic pain G89.2x fit any category).',
  parameters: [],
  citations: [
    {
      section: '§8.1',
      source: 'S25',
      note: 'ICD-10-CM codes for CRPS, fibromyalgia, neuropathic, phantom limb, PHN, cancer pain, migraine and low back pain.',
    },
  ],
  evaluate: (intake) => {
    const { conditionCategory: category, primaryCondition } = intake.pain;
    const prefixes = CATEGORY_CODE_PREFIXES[category];
    if (prefixes === undefined) return [];
    const code = primaryCondition.code;
    const fits = [...prefixes, ...GENERIC_CHRONIC_PAIN_CODES].some((p) => code.startsWith(p));
    if (fits) return [];
    return [
      {
        message: `Code ${code} is not one of the §8.1 codes for ${category} (${prefixes.join('*, ')}*). Check the code or the category, since the category decides the guideline evidence shown.`,
        inputs: { code, conditionCategory: category },
      },
    ];
  },
});
