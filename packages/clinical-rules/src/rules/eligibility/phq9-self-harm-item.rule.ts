/** Any non-zero PHQ-9 item 9 answer starts the local suicide-risk follow-up (REFERENCE §6). */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const phq9SelfHarmItem = defineRule<Intake>({
  id: 'eligibility/phq9-self-harm-item',
  version: 1,
  area: 'eligibility',
  title: 'PHQ-9 item 9 (thoughts of death or self-harm)',
  severity: 'needs-ack',
  description:
    'A non-zero answer to PHQ-9 item 9, whatever the total, needs the local suicide-risk follow-up before treatment is planned.',
  parameters: [],
  citations: [
    {
      section: '§6',
      source: 'S32',
      note: 'PHQ-9 item 9: any non-zero answer should trigger a local suicide-risk follow-up workflow.',
    },
  ],
  evaluate: (intake) => {
    const { phq9Item9, phq9Total } = intake.baselineScores;
    if (phq9Item9 === undefined || phq9Item9 === 0) return [];
    return [
      {
        message: `PHQ-9 item 9 scored ${phq9Item9} (total ${phq9Total}): thoughts of death or self-harm. Complete the clinic's suicide-risk follow-up.`,
        inputs: { phq9Item9, phq9Total },
      },
    ];
  },
});
