/** Infusion: BP, HR, RR and SpO₂ have been recorded since the infusion started. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import { minutesBetween, readingsOf, type VitalField } from './readings.js';

const MONITORED: readonly (readonly [VitalField, string])[] = [
  ['systolicMmHg', 'blood pressure'],
  ['heartRatePerMin', 'heart rate'],
  ['respiratoryRatePerMin', 'respiratory rate'],
  ['spo2Percent', 'SpO₂'],
];

export const monitoringRecorded = defineRule<SessionSnapshot>({
  id: 'session/monitoring-recorded',
  version: 2,
  area: 'session',
  title: 'Vital signs recorded during the infusion',
  severity: 'warn',
  description:
    'The label asks for heart rate, respiratory rate and BP to be monitored during use (§4.1, S15 [L]); protocols add pulse oximetry (§4.1, S30 [P]). Once the infusion has run for the clinic’s first-vitals interval, warns when any of them has no reading since the start.',
  parameters: ['session.first-vitals-within-min'],
  citations: [
    {
      section: '§4.1',
      source: 'S15',
      note: 'Label: monitor heart rate, respiratory rate and BP during use [L].',
    },
    {
      section: '§4.1',
      source: 'S30',
      note: 'ED protocol: continuous pulse oximetry; UK guideline: BP, HR, SpO₂ hourly, RR more often [P].',
    },
  ],
  evaluate: (s, ctx) => {
    const since = s.infusion.startedAt;
    if (since === null) return [];
    const sinceMs = Date.parse(since);
    const withinMin = ctx.number('session.first-vitals-within-min');
    const runningMin = minutesBetween(since, s.now);
    if (runningMin < withinMin) return [];
    const missing = MONITORED.filter(
      ([field]) => !readingsOf(s, field).some((r) => Date.parse(r.at) >= sinceMs),
    ).map(([, label]) => label);
    if (missing.length === 0) return [];
    return [
      {
        actionTier: 'continue-and-watch',
        message: `No ${missing.join(', ')} recorded in the ${Math.round(runningMin)} min since the infusion started (expected within ${withinMin} min): record them now.`,
        inputs: { startedAt: since, missing },
        parameters: ['session.first-vitals-within-min'],
      },
    ];
  },
});
