/** Pre-start: time since last food and clear fluid meets the clinic's fasting setting. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule, type FindingDraft } from '../../define-rule.js';
import { minutesBetween } from './readings.js';

const FOOD = 'session.fasting-food-interval-min';
const FLUID = 'session.fasting-clear-fluid-interval-min';

export const fasting = defineRule<SessionSnapshot>({
  id: 'session/fasting',
  version: 1,
  area: 'session',
  title: 'Fasting per clinic setting',
  severity: 'needs-ack',
  description:
    'Compares the time since last food and last clear fluid with the clinic’s fasting intervals. REFERENCE.md gives no fasting interval for IV racemic ketamine, so the clinic must set both (0 = no restriction). The esketamine nasal label (§3.3, S18: no food for 2 h, no liquids for 30 min before dosing) is shown as an example only; it is a Spravato rule.',
  parameters: [FOOD, FLUID],
  citations: [
    {
      section: '§3.3',
      source: 'S18',
      note: 'Esketamine nasal label example: avoid food for 2 h and liquids for 30 min before dosing (not a racemic IV rule).',
    },
  ],
  evaluate: (s, ctx) => {
    const out: FindingDraft[] = [];
    const check = (what: string, lastAt: string | null, requiredMin: number, param: string) => {
      if (requiredMin <= 0) return;
      if (lastAt === null) {
        out.push({
          message: `Time of last ${what} is not recorded; the clinic requires ${requiredMin} min. Ask the patient and record it.`,
          inputs: { what, lastAt, requiredMin },
          parameters: [param],
        });
        return;
      }
      const sinceMin = Math.floor(minutesBetween(lastAt, s.now));
      if (sinceMin < requiredMin) {
        out.push({
          message: `Last ${what} ${sinceMin} min ago; the clinic requires at least ${requiredMin} min. A physician decides whether to wait or proceed.`,
          inputs: { what, lastAt, sinceMin, requiredMin },
          parameters: [param],
        });
      }
    };
    check('food', s.fasting.lastFoodAt, ctx.number(FOOD), FOOD);
    check('clear fluid', s.fasting.lastClearFluidAt, ctx.number(FLUID), FLUID);
    return out;
  },
});
