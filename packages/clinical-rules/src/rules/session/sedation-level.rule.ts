/** Infusion: the latest sedation score against the clinic's threshold on its own scale. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import { asActionTier, severityForTier, tierWords } from './tier.js';
import { vitalsInOrder } from './readings.js';

const SCALE = 'session.sedation-scale';
const THRESHOLD = 'session.sedation-threshold-score';
const DIRECTION = 'session.sedation-threshold-direction';
const TIER = 'session.sedation-tier';

export const sedationLevel = defineRule<SessionSnapshot>({
  id: 'session/sedation-level',
  version: 1,
  area: 'session',
  title: 'Sedation level',
  severity: 'needs-ack',
  description:
    'Sedation is among the items observed during an infusion (§4.1, S30 [P]) and the most common effect in chronic-pain infusions (§4.3, S39), but REFERENCE.md names no scale and no threshold. The clinic sets its scale, the threshold score and its direction; the latest reading on that scale at or past the threshold takes the sedation tier (default pause).',
  parameters: [SCALE, THRESHOLD, DIRECTION, TIER],
  citations: [
    {
      section: '§4.1',
      source: 'S30',
      note: 'UK nursing guideline: sedation observed every 15 min in the 1st hour, then less often; no scale or threshold given [P].',
    },
    {
      section: '§4.3',
      source: 'S18',
      note: 'Sedation 48–61% and loss of consciousness 0.3–0.4% with esketamine.',
    },
  ],
  evaluate: (s, ctx) => {
    const scale = ctx.choice(SCALE);
    const readings = vitalsInOrder(s).filter((v) => v.sedation?.scale === scale);
    const last = readings.at(-1);
    if (last?.sedation === undefined) return [];
    const score = last.sedation.score;
    const threshold = ctx.number(THRESHOLD);
    const direction = ctx.choice(DIRECTION);
    const reached = direction === 'at-or-below' ? score <= threshold : score >= threshold;
    if (!reached) return [];
    const tier = asActionTier(ctx.choice(TIER));
    return [
      {
        severity: severityForTier(tier),
        actionTier: tier,
        message: `Sedation ${score} on the ${scale} scale is ${direction === 'at-or-below' ? 'at or below' : 'at or above'} the clinic threshold ${threshold}: ${tierWords(tier)}.`,
        inputs: { scale, score, at: last.at },
        parameters: [SCALE, THRESHOLD, DIRECTION, TIER],
      },
    ];
  },
});
