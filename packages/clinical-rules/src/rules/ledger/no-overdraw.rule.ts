/** Ledger: a draw or a container waste takes no more than the container holds. */
import { defineRule } from '../../define-rule.js';
import { CONTINUING_RECORDS } from './citations.js';
import { mg, type LedgerCheck } from './ledger-check.js';

const GONE = new Set(['destroyed', 'empty']);

export const noOverdraw = defineRule<LedgerCheck>({
  id: 'ledger/no-overdraw',
  version: 1,
  area: 'ledger',
  title: 'No more drawn than the container holds',
  severity: 'block',
  description:
    'A draw (or the waste of a container’s remainder) cannot take more than the container holds by the books, to the microgram, and nothing can be taken from a destroyed or empty container (§9 Continuing records).',
  parameters: [],
  citations: [CONTINUING_RECORDS],
  evaluate: (s) => {
    if (s.operation !== 'draw' && s.operation !== 'container-waste') return [];
    const takeUg = s.operation === 'draw' ? s.drawnUg : s.wastedUg;
    const { container } = s;
    const inputs = {
      containerId: container.containerId,
      status: container.status,
      remainingUg: container.remainingUg,
      requestedUg: takeUg,
    };
    if (GONE.has(container.status))
      return [
        {
          message: `Container ${container.label} is ${container.status}; nothing can be taken from it.`,
          inputs,
        },
      ];
    if (takeUg <= container.remainingUg) return [];
    return [
      {
        message: `Container ${container.label} holds ${mg(container.remainingUg)}; ${mg(takeUg)} is ${mg(takeUg - container.remainingUg)} more than that.`,
        inputs,
      },
    ];
  },
});
