/**
 * Pre-start: the signed qualification is younger than the clinic's validity period. Separate from
 * session/eligibility-current so that the status, signature and expiry checks there always run, even while
 * the clinic has not set the period.
 */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';

const VALID_DAYS = 'session.qualification-valid-days';
const MS_PER_DAY = 24 * 60 * 60 * 1000;

export const qualificationValidity = defineRule<SessionSnapshot>({
  id: 'session/qualification-validity',
  version: 1,
  area: 'session',
  title: 'Qualification within the clinic’s validity period',
  severity: 'block',
  description:
    'A signed qualification older than the clinic’s validity period (session.qualification-valid-days) has expired, whatever expiry was written at signing (the clinic may have shortened the period since): a physician reviews the intake and signs again before the start. REFERENCE.md gives no period (§1.6, §10), so the clinic sets it. Applies once the qualification is signed.',
  parameters: [VALID_DAYS],
  citations: [
    {
      section: '§1.6',
      source: 'S2',
      note: 'Pre-infusion testing is decided at screening; no interval for repeating the screening is given.',
    },
    {
      section: '§10',
      source: 'S1',
      note: 'Open item: the full guideline text was not retrieved; no re-screening interval is known.',
    },
  ],
  evaluate: (s, ctx) => {
    const signedAt = s.eligibility.signedAt;
    if (signedAt === null) return [];
    const validDays = ctx.number(VALID_DAYS);
    const expiresMs = Date.parse(signedAt) + validDays * MS_PER_DAY;
    if (expiresMs > Date.parse(s.now)) return [];
    const ageDays = Math.floor((Date.parse(s.now) - Date.parse(signedAt)) / MS_PER_DAY);
    return [
      {
        message: `The qualification was signed ${ageDays} days ago (${signedAt}); the clinic’s validity period is ${validDays} days, so it expired at ${new Date(expiresMs).toISOString()}. A physician must review the intake and sign again before the start.`,
        inputs: { signedAt, now: s.now, ageDays },
        parameters: [VALID_DAYS],
      },
    ];
  },
});
