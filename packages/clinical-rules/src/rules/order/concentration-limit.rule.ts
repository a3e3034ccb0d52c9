/** Bag or syringe concentration within the protocol limits: soft limit needs a physician's reason, hard limit refuses (values and sources from the protocol). */
import { defineLimitRule } from './limit-rule.js';

export const concentrationLimit = defineLimitRule({
  id: 'order/concentration-limit',
  title: 'Bag or syringe concentration within the protocol limits',
  description:
    "The concentration of the bag, vial or syringe against the protocol's soft and hard limits. REFERENCE.md gives none for IV use, so the clinic sets them.",
  measure: 'concentrationMgPerMl',
  unit: 'mg/mL',
  what: 'concentration',
  citations: [
    {
      section: '§3.2',
      source: 'S37',
      note: 'Oral liquid diluted to 50 mg/mL is the only concentration REFERENCE.md gives.',
    },
  ],
});
