/** Active psychosis is a relative contraindication (REFERENCE §1.3); a past psychosis is noted. */
import type { Intake } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const activePsychosis = defineRule<Intake>({
  id: 'eligibility/active-psychosis',
  version: 1,
  area: 'eligibility',
  title: 'No active psychosis',
  severity: 'needs-ack',
  description:
    'Active psychosis needs physician review (relative contraindication). A past psychosis is noted because the label lists emergence reactions and psychiatric events.',
  parameters: [],
  citations: [
    { section: '§1.3', source: 'S2', note: 'Active psychosis: relative contraindication (grade B, low).' },
    {
      section: '§4.3',
      source: 'S15',
      note: 'Label: emergence reactions and psychiatric events lasting days to weeks.',
    },
  ],
  evaluate: (intake) => {
    const { psychosis } = intake.psychiatric;
    if (psychosis === 'active') {
      return [
        {
          message:
            'Active psychosis is recorded. It is a relative contraindication: a physician (with psychiatry input as needed) must review before ketamine.',
          inputs: { psychosis },
        },
      ];
    }
    if (psychosis === 'past') {
      return [
        {
          severity: 'info',
          message:
            'A past psychosis is recorded (not active). Not a listed contraindication; ketamine can cause emergence reactions and psychiatric events, so watch closely.',
          inputs: { psychosis },
        },
      ];
    }
    return [];
  },
});
