/** Bolus (mg) within the protocol limits: soft limit needs a physician's reason, hard limit refuses (values and sources from the protocol). */
import { defineLimitRule } from './limit-rule.js';

export const bolusLimit = defineLimitRule({
  id: 'order/bolus-limit',
  title: 'Bolus (mg) within the protocol limits',
  description:
    "The ordered bolus in mg against the protocol's soft and hard limits (e.g. the UW policy maximum of 20 mg per single dose).",
  measure: 'bolusMg',
  unit: 'mg',
  what: 'bolus',
  citations: [{ section: '§2.2', source: 'S30', note: 'UW Health ED policy: max 20 mg per single dose.' }],
});
