/** Dose per session within the protocol limits: soft limit needs a physician's reason, hard limit refuses (values and sources from the protocol). */
import { defineLimitRule } from './limit-rule.js';

export const sessionDoseLimit = defineLimitRule({
  id: 'order/session-dose-limit',
  title: 'Dose per session within the protocol limits',
  description:
    "The total drug of the session (rate × duration, or the bolus) against the protocol's soft and hard limits.",
  measure: 'sessionDoseMg',
  unit: 'mg',
  what: 'total dose of this session',
  citations: [
    {
      section: '§2.1',
      source: 'S7',
      note: 'Outpatient and booster regimens: 70–200 mg per treatment, 100–200 mg over 4 h.',
    },
  ],
});
