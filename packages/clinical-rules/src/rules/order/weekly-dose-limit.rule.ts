/** Dose per 7 days within the protocol limits: soft limit needs a physician's reason, hard limit refuses (values and sources from the protocol). */
import { defineLimitRule } from './limit-rule.js';

export const weeklyDoseLimit = defineLimitRule({
  id: 'order/weekly-dose-limit',
  title: 'Dose per 7 days within the protocol limits',
  description:
    "This order's drug in any 7 days plus the non-cancelled orders of the 7 days before it, against the protocol's soft and hard limits.",
  measure: 'weeklyDoseMg',
  unit: 'mg',
  what: 'total in 7 days (this order plus earlier ones)',
  citations: [{ section: '§2.1', source: 'S7', note: 'Booster: 100–200 mg, 1–2 times a week at first.' }],
});
