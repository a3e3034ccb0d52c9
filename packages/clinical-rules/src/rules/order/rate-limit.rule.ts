/** Infusion rate (mg/h) within the protocol limits: soft limit needs a physician's reason, hard limit refuses (values and sources from the protocol). */
import { defineLimitRule } from './limit-rule.js';

export const rateLimit = defineLimitRule({
  id: 'order/rate-limit',
  title: 'Infusion rate (mg/h) within the protocol limits',
  description:
    "The ordered rate in mg/h against the protocol's soft and hard limits (e.g. 22 mg/h, or the 40 mg/h titration maximum).",
  measure: 'rateMgPerH',
  unit: 'mg/h',
  what: 'rate',
  citations: [
    {
      section: '§2.1',
      source: 'S11',
      note: 'Titrated 10–40 mg/h; the documented maximum is the soft limit.',
    },
  ],
});
