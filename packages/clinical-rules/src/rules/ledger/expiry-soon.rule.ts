/** Ledger: stock expiring within the clinic's warning period. */
import { defineRule } from '../../define-rule.js';
import { calendarDaysBetween } from './calendar.js';
import { DESTRUCTION } from './citations.js';
import type { LedgerCheck } from './ledger-check.js';

const WARNING = 'ledger.expiry-warning-days';
const GONE = new Set(['destroyed', 'empty', 'expired']);

export const expirySoon = defineRule<LedgerCheck>({
  id: 'ledger/expiry-soon',
  version: 1,
  area: 'ledger',
  title: 'Stock expiring soon',
  severity: 'warn',
  description:
    'Warns about containers whose expiry date is within the clinic’s warning period (an expiry date means usable through that day). REFERENCE.md gives no period; expired stock must be destroyed with witnesses or returned (§9 Destruction of stock).',
  parameters: [WARNING],
  citations: [DESTRUCTION],
  evaluate: (s, ctx) => {
    if (s.operation !== 'status') return [];
    const warningDays = ctx.number(WARNING);
    const soon = s.containers
      .filter((c) => !GONE.has(c.status) && c.remainingUg > 0 && s.today <= c.expiresOn)
      .map((c) => ({ c, daysLeft: calendarDaysBetween(s.today, c.expiresOn) }))
      .filter((x) => x.daysLeft <= warningDays);
    const lots = new Map<string, { expiresOn: string; daysLeft: number; containerIds: string[] }>();
    for (const { c, daysLeft } of soon) {
      const lot = lots.get(c.lot) ?? { expiresOn: c.expiresOn, daysLeft, containerIds: [] };
      lot.containerIds.push(c.containerId);
      lots.set(c.lot, lot);
    }
    return [...lots].map(([lot, x]) => ({
      message: `Lot ${lot}: ${x.containerIds.length} container(s) usable through ${x.expiresOn} (${x.daysLeft} day(s) left).`,
      inputs: { lot, expiresOn: x.expiresOn, daysLeft: x.daysLeft, containerIds: x.containerIds },
      parameters: [WARNING],
    }));
  },
});
