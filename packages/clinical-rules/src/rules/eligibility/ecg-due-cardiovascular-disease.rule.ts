/** Baseline ECG when cardiovascular disease is known or suspected (REFERENCE §1.6). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const ecgDueCardiovascularDisease = defineRule<Intake>({
  id: 'eligibility/ecg-due-cardiovascular-disease',
  version: 1,
  area: 'eligibility',
  title: 'Baseline ECG due: known or suspected cardiovascular disease',
  severity: 'info',
  description:
    'Known or suspected cardiovascular disease: a baseline ECG to rule out poorly controlled ischaemic heart disease.',
  parameters: [],
  citations: [
    {
      section: '§1.6',
      source: 'S2',
      note: 'Suspected or high risk of cardiovascular disease: baseline ECG (grade C, low).',
    },
  ],
  evaluate: (intake) => {
    const { conditions, suspectedDisease } = intake.cardiovascular;
    if (conditions.length === 0 && !suspectedDisease) return [];
    const why = [
      ...(conditions.length > 0
        ? [`known cardiovascular disease (${conditions.map((c) => c.kind).join(', ')})`]
        : []),
      ...(suspectedDisease ? ['suspected cardiovascular disease'] : []),
    ].join(' and ');
    return [
      {
        title: 'Baseline ECG due',
        message: `Baseline ECG due: ${why}. It rules out poorly controlled ischaemic heart disease.`,
        inputs: { testId: 'ecg', conditions: conditions.map((c) => c.kind), suspectedDisease },
      },
    ];
  },
});
