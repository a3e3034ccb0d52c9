/** Ledger: a session closes only when drawn = administered + wasted, to the microgram. */
import { defineRule } from '../../define-rule.js';
import { ADMINISTRATION_RECORDS, WASTAGE } from './citations.js';
import { mg, type LedgerCheck } from './ledger-check.js';

export const sessionBalanced = defineRule<LedgerCheck>({
  id: 'ledger/session-balanced',
  version: 1,
  area: 'ledger',
  title: 'Session books balance before the chart is signed',
  severity: 'block',
  description:
    'Every microgram drawn for a session is either administered (from the chart’s rate history) or wasted with its record: drawn = administered + wasted, exactly, before the nurse signs (§9 Administration records, Wasting).',
  parameters: [],
  citations: [ADMINISTRATION_RECORDS, WASTAGE],
  evaluate: (s) => {
    if (s.operation !== 'close-session') return [];
    const openUg = s.drawnUg - s.administeredUg - s.wastedUg;
    if (openUg === 0) return [];
    const what =
      openUg > 0
        ? `${mg(openUg)} drawn is neither administered nor wasted: record the waste.`
        : `${mg(-openUg)} more is administered and wasted than was drawn: record the missing draw or correct the waste.`;
    return [
      {
        message: `Drawn ${mg(s.drawnUg)}, administered ${mg(s.administeredUg)}, wasted ${mg(s.wastedUg)}. ${what}`,
        inputs: {
          sessionId: s.sessionId,
          drawnUg: s.drawnUg,
          administeredUg: s.administeredUg,
          wastedUg: s.wastedUg,
          openUg,
        },
      },
    ];
  },
});
