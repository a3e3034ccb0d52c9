/** Infusion: the latest dissociation score against the clinic's threshold on its own scale. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import { asActionTier, severityForTier, tierWords } from './tier.js';
import { vitalsInOrder } from './readings.js';

const SCALE = 'session.dissociation-scale';
const THRESHOLD = 'session.dissociation-threshold-score';
const TIER = 'session.dissociation-tier';

export const dissociationLevel = defineRule<SessionSnapshot>({
  id: 'session/dissociation-level',
  version: 1,
  area: 'session',
  title: 'Dissociation level',
  severity: 'needs-ack',
  description:
    'Dissociation is measured with the CADSS (§4.4: 23-item research version, CADSS-6 short form; item scoring U) or a clinical rating. No action threshold was found, so the clinic sets its scale and threshold; the latest reading on that scale at or above the threshold takes the dissociation tier (default slow).',
  parameters: [SCALE, THRESHOLD, TIER],
  citations: [
    {
      section: '§4.4',
      source: 'S29',
      note: 'CADSS-23 used in ketamine research; CADSS-6 short form; scoring range unverified; no action threshold.',
    },
    { section: '§4.3', source: 'S18', note: 'Dissociation 61–75% with esketamine (measured with CADSS).' },
  ],
  evaluate: (s, ctx) => {
    const scale = ctx.choice(SCALE);
    const readings = vitalsInOrder(s).filter((v) => v.dissociation?.scale === scale);
    const last = readings.at(-1);
    if (last?.dissociation === undefined) return [];
    const score = last.dissociation.score;
    const threshold = ctx.number(THRESHOLD);
    if (score < threshold) return [];
    const tier = asActionTier(ctx.choice(TIER));
    return [
      {
        severity: severityForTier(tier),
        actionTier: tier,
        message: `Dissociation ${score} on ${scale} is at or above the clinic threshold ${threshold}: ${tierWords(tier)}; calm, dim environment.`,
        inputs: { scale, score, at: last.at },
        parameters: [SCALE, THRESHOLD, TIER],
      },
    ];
  },
});
