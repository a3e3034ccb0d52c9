/** The recorded weight is older than the clinic allows for dosing. */
import { defineRule } from '../../define-rule.js';
import type { OrderSnapshot } from './order-snapshot.js';
import { formatNumber } from './patterns.js';

const MS_PER_DAY = 24 * 60 * 60 * 1000;

export const weightAge = defineRule<OrderSnapshot>({
  id: 'order/weight-age',
  version: 1,
  area: 'order',
  title: 'Recorded weight is recent enough to dose by',
  severity: 'needs-ack',
  description:
    'The latest recorded weight must be no older than the clinic setting; otherwise re-weigh or acknowledge.',
  parameters: ['order.weight-max-age-days'],
  citations: [
    {
      section: '§2.2',
      source: 'S10',
      note: 'Per-kg doses depend on the weight used; REFERENCE.md gives no maximum age for a recorded weight.',
    },
  ],
  evaluate: (s, ctx) => {
    const maxAgeDays = ctx.number('order.weight-max-age-days');
    // Whole days from the recording date (UTC) to now: recorded yesterday is 1 day old all day today.
    const ageDays = Math.floor(
      (s.now.getTime() - Date.parse(`${s.patient.recordedOn}T00:00:00Z`)) / MS_PER_DAY,
    );
    if (ageDays <= maxAgeDays) return [];
    return [
      {
        message: `The last weight was recorded on ${s.patient.recordedOn}, ${formatNumber(ageDays)} days ago; the clinic allows ${formatNumber(maxAgeDays)} days. Re-weigh before dosing.`,
        inputs: { recordedOn: s.patient.recordedOn, ageDays },
        parameters: ['order.weight-max-age-days'],
      },
    ];
  },
});
