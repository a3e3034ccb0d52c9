/** The same protocol and kind ordered again within the clinic's window looks like a duplicate. */
import { defineRule } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';
import { formatNumber } from './patterns.js';

const MS_PER_H = 60 * 60 * 1000;

export const duplicateOrder = defineRule<OrderSnapshot>({
  id: 'order/duplicate-order',
  version: 1,
  area: 'order',
  title: 'Possible duplicate order',
  severity: 'needs-ack',
  description:
    'A non-cancelled order or administration of the same protocol and kind within the clinic window (before or after this one) is flagged as a possible duplicate.',
  parameters: ['order.duplicate-window-h'],
  citations: [
    {
      section: '§2.1',
      source: 'S7',
      note: 'Regimens are given once daily or less often; REFERENCE.md gives no duplicate-order window.',
    },
  ],
  evaluate: (s, ctx) => {
    const windowH = ctx.number('order.duplicate-window-h');
    const ids = new Set([
      s.protocol.id,
      s.order.protocolId,
      ...(s.protocol.basedOn === undefined ? [] : [s.protocol.basedOn.id]),
    ]);
    const near = s.history.filter(
      (e) =>
        e.status !== 'cancelled' &&
        e.kind === s.order.kind &&
        ids.has(e.protocolId) &&
        Math.abs(Date.parse(e.at) - s.orderedAtMs) < windowH * MS_PER_H,
    );
    const first = near[0];
    if (first === undefined) return [];
    const hoursApart = Math.abs(Date.parse(first.at) - s.orderedAtMs) / MS_PER_H;
    return [
      {
        message: `A ${first.kind} of the same protocol is already ${first.status} at ${first.at} (${formatNumber(hoursApart)} h from this order; clinic window ${formatNumber(windowH)} h). Check that this is not a duplicate.`,
        inputs: { earlier: near, orderedAt: s.order.orderedAt },
        parameters: ['order.duplicate-window-h'],
      },
    ];
  },
});
