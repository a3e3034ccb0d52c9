/** Pre-start: when the clinic requires it, a recent negative pregnancy test is on file. */
import type { SessionSnapshot } from '@ketapath/core';
import { MIN_PER_H } from '@ketapath/units';
import { defineRule } from '../../define-rule.js';
import { minutesBetween } from './readings.js';

const REQUIRED = 'session.pregnancy-test-required';
const MAX_AGE = 'session.pregnancy-test-max-age-h';

export const pregnancyTestRequired = defineRule<SessionSnapshot>({
  id: 'session/pregnancy-test-required',
  version: 1,
  area: 'session',
  title: 'Pregnancy test when required',
  severity: 'needs-ack',
  description:
    'Applies when pregnancy is possible. Pregnancy is a relative contraindication (§1.3) but REFERENCE.md gives no testing policy, so whether a test is required and how old it may be are clinic settings without defaults. When required, a negative result within the set age must be on file, or a physician acknowledges proceeding.',
  parameters: [REQUIRED, MAX_AGE],
  citations: [
    { section: '§1.3', source: 'S2', note: 'Pregnancy: relative contraindication; no testing advice given.' },
  ],
  evaluate: (s, ctx) => {
    if (!s.patient.pregnancyPossible || !ctx.boolean(REQUIRED)) return [];
    const maxAgeH = ctx.number(MAX_AGE);
    const { result, at } = s.pregnancyTest;
    const inputs = { result, at, maxAgeH };
    if (result === null || at === null) {
      return [
        {
          message: 'No pregnancy test result is recorded and the clinic requires one.',
          inputs,
          parameters: [REQUIRED, MAX_AGE],
        },
      ];
    }
    if (result === 'positive') return [];
    const ageMin = minutesBetween(at, s.now);
    if (ageMin > maxAgeH * MIN_PER_H) {
      return [
        {
          message: `The negative pregnancy test is ${Math.floor(ageMin / MIN_PER_H)} h old; the clinic accepts results up to ${maxAgeH} h old.`,
          inputs,
          parameters: [REQUIRED, MAX_AGE],
        },
      ];
    }
    return [];
  },
});
