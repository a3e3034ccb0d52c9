/** Pre-start: the eligibility decision is signed by a physician, favourable and not expired. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule, type FindingDraft } from '../../define-rule.js';

export const eligibilityCurrent = defineRule<SessionSnapshot>({
  id: 'session/eligibility-current',
  version: 1,
  area: 'session',
  title: 'Eligibility signed, favourable and current',
  severity: 'block',
  description:
    'Before the start, the eligibility screening (relative contraindications §1.3, pre-infusion tests §1.6) must have been signed by a physician, must not be “not eligible” or still awaiting physician review, and must not have expired. “Eligible with precautions” passes with a note.',
  parameters: [],
  citations: [
    {
      section: '§1.3',
      source: 'S2',
      note: 'Relative contraindications (cardiovascular disease, pregnancy, psychosis, hepatic disease, ICP/IOP, substance abuse) are screened before treatment.',
    },
    {
      section: '§1.6',
      source: 'S2',
      note: 'Pre-infusion testing depends on the patient’s risk, decided at screening.',
    },
  ],
  evaluate: (s) => {
    const e = s.eligibility;
    const inputs = { status: e.status, signedAt: e.signedAt, signedBy: e.signedBy, expiresAt: e.expiresAt };
    const out: FindingDraft[] = [];
    if (e.status === 'not-eligible') {
      out.push({ message: 'The eligibility screening concluded “not eligible”: do not start.', inputs });
    } else if (e.status === 'needs-physician-review') {
      out.push({
        message:
          'The eligibility screening still needs physician review: do not start until a physician has decided.',
        inputs,
      });
    }
    if (e.signedAt === null || e.signedBy === null) {
      out.push({
        message: 'The eligibility decision has not been signed by a physician: do not start.',
        inputs,
      });
    }
    if (e.expiresAt !== null && Date.parse(e.expiresAt) <= Date.parse(s.now)) {
      out.push({
        message: `The eligibility decision expired at ${e.expiresAt}: a physician must renew it before the start.`,
        inputs,
      });
    }
    if (out.length === 0 && e.status === 'eligible-with-precautions') {
      out.push({
        severity: 'info',
        message: 'Eligible with precautions: review the precautions recorded at screening before the start.',
        inputs,
      });
    }
    return out;
  },
});
