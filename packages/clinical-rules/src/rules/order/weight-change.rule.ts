/** The order's weight far from the last recorded weight (threshold is a clinic setting). */
import { defineRule } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';
import { exceeds, formatNumber } from './patterns.js';

export const weightChange = defineRule<OrderSnapshot>({
  id: 'order/weight-change',
  version: 1,
  area: 'order',
  title: 'Order weight differs from the last recorded weight',
  severity: 'needs-ack',
  description:
    'The weight the order was written with is compared with the latest recorded weight; a difference above the clinic threshold needs a check (re-weigh, or confirm).',
  parameters: ['order.weight-change-threshold-pct'],
  citations: [
    {
      section: '§2.2',
      source: 'S10',
      note: 'Per-kg doses depend on the weight used; REFERENCE.md gives no threshold for a changed weight.',
    },
  ],
  evaluate: (s, ctx) => {
    const thresholdPct = ctx.number('order.weight-change-threshold-pct');
    const changePct = (Math.abs(s.order.weightKg - s.patient.weightKg) / s.patient.weightKg) * 100;
    if (!exceeds(changePct, thresholdPct)) return [];
    return [
      {
        message: `The order weight ${formatNumber(s.order.weightKg)} kg differs by ${formatNumber(changePct)} % from the last recorded ${formatNumber(s.patient.weightKg)} kg (${s.patient.recordedOn}); the clinic threshold is ${formatNumber(thresholdPct)} %.`,
        inputs: {
          orderWeightKg: s.order.weightKg,
          recordedWeightKg: s.patient.weightKg,
          recordedOn: s.patient.recordedOn,
          changePct,
        },
        parameters: ['order.weight-change-threshold-pct'],
      },
    ];
  },
});
