/** Infusion: the latest respiratory rate against the unstable-vitals limits. */
import { defineVitalLimitRule } from './vital-limit.js';

export const respiratoryRateLimits = defineVitalLimitRule({
  id: 'session/respiratory-rate-limits',
  title: 'Respiratory rate within limits',
  description:
    'Latest RR below or above the “unstable vitals: do not give” limits (§4.2, S30 [P]; default < 10 or > 30 /min) takes the RR-limit action tier (default stop and call). The previous reading and the direction are reported.',
  field: 'respiratoryRatePerMin',
  label: 'Respiratory rate',
  unit: '/min',
  low: 'session.rr-low-per-min',
  high: 'session.rr-high-per-min',
  tier: 'session.rr-limit-tier',
  citations: [
    {
      section: '§4.2',
      source: 'S30',
      note: 'RR < 10 or > 30 /min: unstable vitals, do not give low-dose ketamine [P].',
    },
    { section: '§4.1', source: 'S15', note: 'Label: monitor respiratory rate during use [L].' },
  ],
});
