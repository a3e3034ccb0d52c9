/** Discharge: a responsible adult is present to take the patient home. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const escortPresent = defineRule<SessionSnapshot>({
  id: 'discharge/escort-present',
  version: 1,
  area: 'discharge',
  title: 'Escort present',
  severity: 'block',
  description:
    'The label allows release only accompanied by a responsible adult (§4.6, S15 [L]); clinic practice releases to another responsible adult (S30c).',
  parameters: [],
  citations: [
    {
      section: '§4.6',
      source: 'S15',
      note: 'Ketalar label: release only accompanied by a responsible adult [L].',
    },
    { section: '§4.6', source: 'S30c', note: 'Clinic practice: released to another responsible adult [P].' },
  ],
  evaluate: (s) =>
    s.discharge?.escortPresent === true
      ? []
      : [
          {
            message:
              'No responsible adult is present to take the patient home: do not release the patient alone.',
            inputs: { escortPresent: s.discharge?.escortPresent ?? null, escortName: s.escort.name ?? null },
          },
        ],
});
