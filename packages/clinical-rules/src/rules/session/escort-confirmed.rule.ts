/** Pre-start: a responsible adult is confirmed to take the patient home. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const escortConfirmed = defineRule<SessionSnapshot>({
  id: 'session/escort-confirmed',
  version: 1,
  area: 'session',
  title: 'Escort home confirmed',
  severity: 'block',
  description:
    'The label allows release only accompanied by a responsible adult (§4.6, S15), so a ride home with a responsible adult must be confirmed before the infusion starts.',
  parameters: [],
  citations: [
    {
      section: '§4.6',
      source: 'S15',
      note: 'Ketalar label: release only after full recovery, accompanied by a responsible adult [L].',
    },
    { section: '§3.3', source: 'S18', note: 'Esketamine label: the patient must arrange a ride home [L].' },
  ],
  evaluate: (s) =>
    s.escort.confirmed
      ? []
      : [
          {
            message:
              'No escort home is confirmed: the patient may leave only with a responsible adult. Confirm the escort before the start.',
            inputs: { confirmed: false, name: s.escort.name ?? null },
          },
        ],
});
