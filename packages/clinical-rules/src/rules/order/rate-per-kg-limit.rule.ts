/** Infusion rate per kg within the protocol limits: soft limit needs a physician's reason, hard limit refuses (values and sources from the protocol). */
import { defineLimitRule } from './limit-rule.js';

export const ratePerKgLimit = defineLimitRule({
  id: 'order/rate-per-kg-limit',
  title: 'Infusion rate per kg within the protocol limits',
  description:
    "The ordered rate per kg (of the protocol's weight basis) against the protocol's soft and hard limits. In the library the hard limit for chronic-pain infusions is §1.4's 2 mg/kg/h, labelled with §1.4's caution.",
  measure: 'rateMgPerKgPerH',
  unit: 'mg/kg/h',
  what: 'rate per kg',
  citations: [
    {
      section: '§1.4',
      source: 'S2',
      note: 'Infusion 0.5–2 mg/kg/h (C, low); §1.4 warns not to use it as an outpatient upper limit without checking S1.',
    },
  ],
});
