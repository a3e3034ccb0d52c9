/** Numbers that cannot be dosed (refused inputs, impossible dosing weights, values too large to compute). */
import { defineRule } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';

export const impossibleValues = defineRule<OrderSnapshot>({
  id: 'order/impossible-values',
  version: 1,
  area: 'order',
  title: 'Order values are physically possible',
  severity: 'block',
  description:
    'An order whose numbers cannot be dosed (a zero or negative amount, volume or weight, a dosing weight the formula cannot give, or numbers too large to compute) is refused with the reason; it is never passed.',
  parameters: [],
  citations: [
    {
      section: '§2.2',
      source: 'S10',
      note: 'Per-kg doses need a real dosing weight; the weight basis used must be stored with each dose.',
    },
  ],
  evaluate: (s) =>
    s.problems.map((problem) => ({
      message: problem,
      inputs: { problem },
    })),
});
