/** Ledger: no draw from a quarantined container until it is released. */
import { defineRule } from '../../define-rule.js';
import { CONTINUING_RECORDS } from './citations.js';
import type { LedgerCheck } from './ledger-check.js';

export const containerNotQuarantined = defineRule<LedgerCheck>({
  id: 'ledger/container-not-quarantined',
  version: 1,
  area: 'ledger',
  title: 'Quarantined stock cannot be drawn',
  severity: 'block',
  description:
    'A quarantined container (damaged, suspect, awaiting destruction or investigation) cannot be drawn until it is released with a reason; both are recorded in the ledger (§9 Continuing records).',
  parameters: [],
  citations: [CONTINUING_RECORDS],
  evaluate: (s) => {
    if (s.operation !== 'draw' || s.container.status !== 'quarantined') return [];
    return [
      {
        message: `Container ${s.container.label} (lot ${s.container.lot}) is quarantined. Release it first or choose another container.`,
        inputs: { containerId: s.container.containerId, lot: s.container.lot, status: s.container.status },
      },
    ];
  },
});
