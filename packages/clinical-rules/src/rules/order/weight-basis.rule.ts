/** The order's weight basis must be the protocol's (actual, ideal or adjusted body weight). */
import { defineRule } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';
import { formatNumber } from './patterns.js';

export const weightBasis = defineRule<OrderSnapshot>({
  id: 'order/weight-basis',
  version: 1,
  area: 'order',
  title: "Order uses the protocol's weight basis",
  severity: 'needs-ack',
  description:
    "A per-kg order multiplied by a different weight than the protocol's (for example actual instead of ideal body weight) changes the dose; the limits are checked on the protocol's basis.",
  parameters: [],
  citations: [
    {
      section: '§2.2',
      source: 'S10',
      note: 'One trial dosed by ideal body weight; no guideline rule was found, so the weight used is stored with each dose.',
    },
  ],
  evaluate: (s) => {
    const basis = s.protocol.weightBasis;
    if (basis === null || basis === s.order.weightBasis) return [];
    const doseKg = s.pump.doseWeightKg;
    const limitKg = s.limitWeightKg;
    const weights =
      doseKg === null || limitKg === null
        ? ''
        : ` (${formatNumber(doseKg)} kg instead of ${formatNumber(limitKg)} kg)`;
    return [
      {
        message: `The order is written on ${s.order.weightBasis} body weight but ${s.protocol.name} doses by ${basis} body weight${weights}.`,
        inputs: {
          orderWeightBasis: s.order.weightBasis,
          protocolWeightBasis: basis,
          doseWeightKg: doseKg,
          protocolWeightKg: limitKg,
        },
      },
    ];
  },
});
