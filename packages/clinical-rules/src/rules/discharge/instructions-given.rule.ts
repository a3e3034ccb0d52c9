/** Discharge: discharge instructions have been given. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const instructionsGiven = defineRule<SessionSnapshot>({
  id: 'discharge/instructions-given',
  version: 1,
  area: 'discharge',
  title: 'Discharge instructions given',
  severity: 'needs-ack',
  description:
    'The patient and escort receive the clinic’s discharge instructions (no hazardous activity, ataxia may last hours, whom to call). REFERENCE.md gives no instruction content beyond §4.6, so a missing record needs an acknowledgement rather than a block.',
  parameters: [],
  citations: [
    { section: '§4.6', source: 'S30', note: 'ED protocol: ataxia may last hours; no driving for ≥ 8 h [P].' },
    {
      section: '§4.6',
      source: 'S30c',
      note: 'Clinic practice: no driving or hazardous activity for 24 h [P].',
    },
  ],
  evaluate: (s) =>
    s.discharge?.instructionsGiven === true
      ? []
      : [
          {
            message: 'Discharge instructions are not recorded as given: give them to the patient and escort.',
            inputs: { instructionsGiven: s.discharge?.instructionsGiven ?? null },
          },
        ],
});
