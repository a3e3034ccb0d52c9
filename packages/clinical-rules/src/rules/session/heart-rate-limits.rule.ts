/** Infusion: the latest heart rate against the unstable-vitals limits. */
import { defineVitalLimitRule } from './vital-limit.js';

export const heartRateLimits = defineVitalLimitRule({
  id: 'session/heart-rate-limits',
  title: 'Heart rate within limits',
  description:
    'Latest HR below or above the “unstable vitals: do not give” limits (§4.2, S30 [P]; default < 50 or > 150 /min) takes the HR-limit action tier (default stop and call). The previous reading and the direction are reported.',
  field: 'heartRatePerMin',
  label: 'Heart rate',
  unit: '/min',
  low: 'session.hr-low-per-min',
  high: 'session.hr-high-per-min',
  tier: 'session.hr-limit-tier',
  citations: [
    {
      section: '§4.2',
      source: 'S30',
      note: 'HR < 50 or > 150 /min: unstable vitals, do not give low-dose ketamine [P].',
    },
    { section: '§4.1', source: 'S15', note: 'Label: monitor heart rate during use [L].' },
  ],
});
