/** Pre-start: the patient's treatment consent is signed. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

export const consentSigned = defineRule<SessionSnapshot>({
  id: 'session/consent-signed',
  version: 1,
  area: 'session',
  title: 'Treatment consent signed',
  severity: 'block',
  description:
    'The patient’s signed consent must be on file before the start. REFERENCE.md does not cover consent: the guideline’s setting and personnel content was not retrieved (§1.7), so this is the clinic’s administrative requirement, with no clinical threshold.',
  parameters: [],
  citations: [
    {
      section: '§1.7',
      source: 'S5',
      note: 'Setting and personnel requirements are in the guideline’s scope but were not retrieved; consent is a clinic requirement, not guideline content.',
    },
  ],
  evaluate: (s) => {
    const signedAt = s.consent.signedAt;
    if (signedAt !== null && Date.parse(signedAt) <= Date.parse(s.now)) return [];
    return [
      {
        message: 'No signed treatment consent is on file: obtain it before the start.',
        inputs: { signedAt },
      },
    ];
  },
});
