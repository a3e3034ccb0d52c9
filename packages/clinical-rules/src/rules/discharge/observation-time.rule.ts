/** Discharge: the minimum observation time after the last dose has passed. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import { observationFor } from './assessment.js';

const MIN_OBS = 'discharge.observation-after-last-dose-min';

export const observationTime = defineRule<SessionSnapshot>({
  id: 'discharge/observation-time',
  version: 1,
  area: 'discharge',
  title: 'Observation time after the last dose',
  severity: 'block',
  description:
    'The patient is observed for at least the set time after the last dose (default 60 min from the ED low-dose IV racemic protocol, §4.6 S30 [P]; the esketamine label requires ≥ 2 h, S18 [L], for Spravato). When the last dose is not recorded the infusion stop time is used.',
  parameters: [MIN_OBS],
  citations: [
    {
      section: '§4.6',
      source: 'S30',
      note: 'ED low-dose protocol: observe ≥ 60 min after the last dose and until baseline speech, awareness and purposeful movement return [P].',
    },
    { section: '§4.6', source: 'S18', note: 'Esketamine label: ≥ 2 h observation after each dose [L].' },
  ],
  evaluate: (s, ctx) => {
    const requiredMin = ctx.number(MIN_OBS);
    const obs = observationFor(s);
    if (obs === null) {
      return [
        {
          message:
            'Neither the last dose time nor the infusion stop time is recorded, so the observation time cannot be counted.',
          inputs: { lastDoseAt: null, stoppedAt: null },
          parameters: [MIN_OBS],
        },
      ];
    }
    if (obs.observedMin >= requiredMin) return [];
    const observed = Math.max(0, Math.floor(obs.observedMin));
    return [
      {
        message: `Observed ${observed} min since the ${obs.source === 'last-dose' ? 'last dose' : 'infusion stopped'}; discharge needs at least ${requiredMin} min.`,
        inputs: { lastDoseAt: obs.lastDoseAt, source: obs.source, observedMin: obs.observedMin, requiredMin },
        parameters: [MIN_OBS],
      },
    ];
  },
});
