/** Ledger: no draw from an expired container (usable through its expiry date, expired from the next day). */
import { defineRule } from '../../define-rule.js';
import { DESTRUCTION } from './citations.js';
import type { LedgerCheck } from './ledger-check.js';

export const containerNotExpired = defineRule<LedgerCheck>({
  id: 'ledger/container-not-expired',
  version: 1,
  area: 'ledger',
  title: 'Expired stock cannot be drawn',
  severity: 'block',
  description:
    'An expiry date means the container is usable through that day; from the next day it is expired and cannot be drawn. Expired stock is quarantined and then destroyed with witnesses or returned through a reverse distributor (§9 Destruction of stock).',
  parameters: [],
  citations: [DESTRUCTION],
  evaluate: (s) => {
    if (s.operation !== 'draw') return [];
    const { container } = s;
    if (s.today <= container.expiresOn && container.status !== 'expired') return [];
    return [
      {
        message: `Container ${container.label} (lot ${container.lot}) expired: usable through ${container.expiresOn}, today is ${s.today}. Choose another container.`,
        inputs: {
          containerId: container.containerId,
          lot: container.lot,
          expiresOn: container.expiresOn,
          today: s.today,
        },
      },
    ];
  },
});
