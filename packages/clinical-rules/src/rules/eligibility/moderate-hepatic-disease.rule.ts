/** Moderate hepatic disease: use with caution (REFERENCE §1.3); any liver impairment: consider a lower dose (§5.1). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const moderateHepaticDisease = defineRule<Intake>({
  id: 'eligibility/moderate-hepatic-disease',
  version: 1,
  area: 'eligibility',
  title: 'Hepatic disease: caution',
  severity: 'warn',
  description:
    'Moderate hepatic disease: use with caution and consider a lower dose. Mild liver disease is noted (consider a lower dose; effects may last longer).',
  parameters: [],
  citations: [
    { section: '§1.3', source: 'S2', note: 'Moderate hepatic disease: use with caution (grade C, low).' },
    {
      section: '§5.1',
      source: 'S16',
      note: 'Consider dose reduction in cirrhosis or other liver impairment; effects may last longer.',
    },
  ],
  evaluate: (intake) => {
    const { diseaseSeverity, description } = intake.hepatic;
    const what = description === undefined ? '' : ` (${description})`;
    if (diseaseSeverity === 'moderate') {
      return [
        {
          message: `Moderate hepatic disease${what}: use ketamine with caution and consider a lower dose; effects may last longer.`,
          inputs: { diseaseSeverity },
        },
      ];
    }
    if (diseaseSeverity === 'mild') {
      return [
        {
          severity: 'info',
          message: `Mild hepatic disease${what}: consider a lower dose; effects may last longer.`,
          inputs: { diseaseSeverity },
        },
      ];
    }
    return [];
  },
});
