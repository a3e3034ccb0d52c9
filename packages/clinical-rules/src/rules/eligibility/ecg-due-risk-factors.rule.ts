/** Baseline ECG when the patient is at high cardiovascular risk by the clinic's risk-factor count (§1.6). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const ecgDueRiskFactors = defineRule<Intake>({
  id: 'eligibility/ecg-due-risk-factors',
  version: 1,
  area: 'eligibility',
  title: 'Baseline ECG due: high cardiovascular risk',
  severity: 'info',
  description:
    'At least the clinic number of cardiovascular risk factors counts as high risk: a baseline ECG. The guideline does not define high risk numerically.',
  parameters: ['eligibility.ecg-min-cv-risk-factors'],
  citations: [
    {
      section: '§1.6',
      source: 'S2',
      note: 'Suspected or high risk of cardiovascular disease: baseline ECG (grade C, low).',
    },
  ],
  evaluate: (intake, ctx) => {
    const minRiskFactors = ctx.number('eligibility.ecg-min-cv-risk-factors');
    const riskFactors = [...new Set(intake.cardiovascular.riskFactors)];
    if (riskFactors.length < minRiskFactors) return [];
    return [
      {
        title: 'Baseline ECG due',
        message: `Baseline ECG due: ${riskFactors.length} cardiovascular risk factors (${riskFactors.join(', ')}), at or above the clinic's high-risk count of ${minRiskFactors}.`,
        inputs: { testId: 'ecg', riskFactors },
        parameters: ['eligibility.ecg-min-cv-risk-factors'],
      },
    ];
  },
});
