/** Ledger: expired containers still in stock, to quarantine and destroy or return. */
import { defineRule } from '../../define-rule.js';
import { DESTRUCTION } from './citations.js';
import { mg, type LedgerCheck } from './ledger-check.js';

const GONE = new Set(['destroyed', 'empty']);

export const expiredInStock = defineRule<LedgerCheck>({
  id: 'ledger/expired-in-stock',
  version: 1,
  area: 'ledger',
  title: 'Expired stock on the shelf',
  severity: 'warn',
  description:
    'Lists containers past their expiry date (usable through that day, expired from the next) that are still in stock: they cannot be drawn and are destroyed on site with witnesses or sent to a reverse distributor (§9 Destruction of stock).',
  parameters: [],
  citations: [DESTRUCTION],
  evaluate: (s) => {
    if (s.operation !== 'status') return [];
    const expired = s.containers.filter(
      (c) => !GONE.has(c.status) && c.remainingUg > 0 && (c.status === 'expired' || s.today > c.expiresOn),
    );
    if (expired.length === 0) return [];
    const totalUg = expired.reduce((sum, c) => sum + c.remainingUg, 0);
    return [
      {
        message: `${expired.length} expired container(s) still in stock (${mg(totalUg)}): ${expired.map((c) => `${c.label} (lot ${c.lot}, expired after ${c.expiresOn})`).join('; ')}. Quarantine them and destroy or return them.`,
        inputs: {
          containerIds: expired.map((c) => c.containerId),
          totalUg,
          today: s.today,
        },
      },
    ];
  },
});
