/** Ledger: a session's waste is no more than what was drawn and not administered. */
import { defineRule } from '../../define-rule.js';
import { WASTAGE } from './citations.js';
import { mg, type LedgerCheck } from './ledger-check.js';

export const wasteWithinRemainder = defineRule<LedgerCheck>({
  id: 'ledger/waste-within-remainder',
  version: 1,
  area: 'ledger',
  title: 'Waste no more than the session’s remainder',
  severity: 'block',
  description:
    'The waste recorded for a session cannot exceed what was drawn minus what the chart says was administered minus waste already recorded, to the microgram (§9 Wasting of the unused remainder).',
  parameters: [],
  citations: [WASTAGE],
  evaluate: (s) => {
    if (s.operation !== 'waste') return [];
    const remainderUg = s.drawnUg - s.administeredUg - s.wastedSoFarUg;
    if (s.wastedUg <= remainderUg) return [];
    return [
      {
        message: `Drawn ${mg(s.drawnUg)}, administered ${mg(s.administeredUg)}, already wasted ${mg(s.wastedSoFarUg)}: the remainder is ${mg(remainderUg)}, not ${mg(s.wastedUg)}.`,
        inputs: {
          sessionId: s.sessionId,
          drawnUg: s.drawnUg,
          administeredUg: s.administeredUg,
          wastedSoFarUg: s.wastedSoFarUg,
          wastedUg: s.wastedUg,
          remainderUg,
        },
      },
    ];
  },
});
