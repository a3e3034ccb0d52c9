/** Bolus per kg within the protocol limits: soft limit needs a physician's reason, hard limit refuses (values and sources from the protocol). */
import { defineLimitRule } from './limit-rule.js';

export const bolusPerKgLimit = defineLimitRule({
  id: 'order/bolus-per-kg-limit',
  title: 'Bolus per kg within the protocol limits',
  description:
    "The ordered bolus per kg (of the protocol's weight basis) against the protocol's soft and hard limits.",
  measure: 'bolusMgPerKg',
  unit: 'mg/kg',
  what: 'bolus per kg',
  citations: [
    {
      section: '§2.2',
      source: 'S30',
      note: 'ED protocols: 0.3 mg/kg slow push; 0.1–0.3 mg/kg, max 20 mg per dose.',
    },
  ],
});
