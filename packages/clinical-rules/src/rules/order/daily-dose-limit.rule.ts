/** Dose per 24 hours within the protocol limits: soft limit needs a physician's reason, hard limit refuses (values and sources from the protocol). */
import { defineLimitRule } from './limit-rule.js';

export const dailyDoseLimit = defineLimitRule({
  id: 'order/daily-dose-limit',
  title: 'Dose per 24 hours within the protocol limits',
  description:
    "This order's drug in any 24 hours plus the non-cancelled orders of the 24 hours before it, against the protocol's soft and hard limits.",
  measure: 'dailyDoseMg',
  unit: 'mg',
  what: 'total in 24 hours (this order plus earlier ones)',
  citations: [{ section: '§2.1', source: 'S7', note: 'Outpatient regimen: 70–200 mg/day titrated.' }],
});
