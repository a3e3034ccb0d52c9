/** Infusion: BP, HR, RR and SpO₂ have been recorded since the infusion started. */
import type { SessionSnapshot } from '@ketapath/core';
import { defineRule } from '../../define-rule.js';
import { readingsOf, type VitalField } from './readings.js';

const MONITORED: readonly (readonly [VitalField, string])[] = [
  ['systolicMmHg', 'blood pressure'],
  ['heartRatePerMin', 'heart rate'],
  ['respiratoryRatePerMin', 'respiratory rate'],
  ['spo2Percent', 'SpO₂'],
];

export const monitoringRecorded = defineRule<SessionSnapshot>({
  id: 'session/monitoring-recorded',
  version: 1,
  area: 'session',
  title: 'Vital signs recorded during the infusion',
  severity: 'warn',
  description:
    'The label asks for heart rate, respiratory rate and BP to be monitored during use (§4.1, S15 [L]); protocols add pulse oximetry (§4.1, S30 [P]). Warns when any of them has no reading since the infusion started. REFERENCE.md’s intervals (§4.1) come from a multi-day inpatient protocol, so no overdue interval is applied.',
  parameters: [],
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
  evaluate: (s) => {
    const since = s.infusion.startedAt;
    if (since === null) return [];
    const sinceMs = Date.parse(since);
    const missing = MONITORED.filter(
      ([field]) => !readingsOf(s, field).some((r) => Date.parse(r.at) >= sinceMs),
    ).map(([, label]) => label);
    if (missing.length === 0) return [];
    return [
      {
        actionTier: 'continue-and-watch',
        message: `No ${missing.join(', ')} recorded since the infusion started: record them now.`,
        inputs: { startedAt: since, missing },
      },
    ];
  },
});
