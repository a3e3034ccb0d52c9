/** Severe hepatic disease: the guideline says avoid (REFERENCE §1.3). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const severeHepaticDisease = defineRule<Intake>({
  id: 'eligibility/severe-hepatic-disease',
  version: 1,
  area: 'eligibility',
  title: 'No severe hepatic disease',
  severity: 'block',
  description:
    'Severe hepatic disease (graded by the clinician; the guideline gives no numeric definition such as a Child-Pugh class): the guideline says avoid ketamine.',
  parameters: [],
  citations: [
    {
      section: '§1.3',
      source: 'S2',
      note: 'Severe hepatic disease: avoid (grade C, low). "Severe" is not defined numerically.',
    },
  ],
  evaluate: (intake) => {
    const { diseaseSeverity, description } = intake.hepatic;
    if (diseaseSeverity !== 'severe') return [];
    return [
      {
        message: `Severe hepatic disease${description === undefined ? '' : ` (${description})`}: the guideline says to avoid ketamine.`,
        inputs: { diseaseSeverity },
      },
    ];
  },
});
