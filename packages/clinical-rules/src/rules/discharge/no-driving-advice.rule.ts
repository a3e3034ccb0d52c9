/** Discharge: the patient has been told not to drive or do hazardous activities for the set time. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

const HOURS = 'discharge.no-driving-h';

export const noDrivingAdvice = defineRule<SessionSnapshot>({
  id: 'discharge/no-driving-advice',
  version: 1,
  area: 'discharge',
  title: 'No-driving advice given',
  severity: 'block',
  description:
    'Before release the patient is told not to drive or do hazardous activities for the set time (default 24 h, clinic practice §4.6 S30c [P]; the ED protocol says ≥ 8 h, S30; the esketamine label says not until the next day after a restful sleep, S18 [L]).',
  parameters: [HOURS],
  citations: [
    {
      section: '§4.6',
      source: 'S30c',
      note: 'Clinic practice: no driving or hazardous activity for 24 h [P].',
    },
    {
      section: '§4.6',
      source: 'S18',
      note: 'Esketamine label: no driving until the next day after a restful sleep [L].',
    },
  ],
  evaluate: (s, ctx) => {
    if (s.discharge?.noDrivingAdviceGiven === true) return [];
    const hours = ctx.number(HOURS);
    return [
      {
        message: `The patient has not been told not to drive: advise no driving or hazardous activity for ${hours} h and record it.`,
        inputs: { noDrivingAdviceGiven: s.discharge?.noDrivingAdviceGiven ?? null },
        parameters: [HOURS],
      },
    ];
  },
});
