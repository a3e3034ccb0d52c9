/** Thyroid disease: the label advises caution (REFERENCE §1.3). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const thyroidDisease = defineRule<Intake>({
  id: 'eligibility/thyroid-disease',
  version: 1,
  area: 'eligibility',
  title: 'Thyroid disease: caution',
  severity: 'warn',
  description:
    'Any thyroid disease is a precaution (label caution; ketamine raises blood pressure and heart rate).',
  parameters: [],
  citations: [{ section: '§1.3', source: 'S15', note: 'Ketalar label: caution with thyroid disease.' }],
  evaluate: (intake) => {
    const { disease, controlled } = intake.thyroid;
    if (disease === 'none') return [];
    const state = controlled === undefined ? '' : controlled ? ', controlled' : ', not controlled';
    return [
      {
        message: `Thyroid disease (${disease}${state}). The label advises caution; watch blood pressure and heart rate.`,
        inputs: { disease, controlled: controlled ?? null },
      },
    ];
  },
});
