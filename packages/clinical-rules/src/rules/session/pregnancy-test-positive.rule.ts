/** Pre-start: a positive pregnancy test stops the start until a physician re-reviews eligibility. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const pregnancyTestPositive = defineRule<SessionSnapshot>({
  id: 'session/pregnancy-test-positive',
  version: 1,
  area: 'session',
  title: 'Positive pregnancy test',
  severity: 'block',
  description:
    'Pregnancy is a relative contraindication (§1.3). A positive test recorded for this session means the signed eligibility did not account for it: do not start until a physician has reviewed eligibility again.',
  parameters: [],
  citations: [
    { section: '§1.3', source: 'S2', note: 'Pregnancy: relative contraindication (grade B, low certainty).' },
  ],
  evaluate: (s) =>
    s.pregnancyTest.result === 'positive'
      ? [
          {
            message:
              'Pregnancy test is positive: do not start; a physician must review eligibility (pregnancy is a relative contraindication).',
            inputs: { result: s.pregnancyTest.result, at: s.pregnancyTest.at },
          },
        ]
      : [],
});
