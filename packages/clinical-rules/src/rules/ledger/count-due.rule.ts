/** Ledger: the stock is counted at the interval the clinic sets (daily, per shift). */
import { defineRule } from '../../define-rule.js';
import { CONTINUING_RECORDS } from './citations.js';
import type { LedgerCheck } from './ledger-check.js';

const INTERVAL = 'ledger.count-interval-hours';
const MS_PER_H = 60 * 60 * 1000;

export const countDue = defineRule<LedgerCheck>({
  id: 'ledger/count-due',
  version: 1,
  area: 'ledger',
  title: 'Stock count due',
  severity: 'warn',
  description:
    'Warns when no count was recorded within the clinic’s count interval (e.g. 24 h for a daily count). DEA requires accurate continuing records but no perpetual inventory (§9 Continuing records), so the interval is the clinic’s.',
  parameters: [INTERVAL],
  citations: [CONTINUING_RECORDS],
  evaluate: (s, ctx) => {
    if (s.operation !== 'status') return [];
    const intervalH = ctx.number(INTERVAL);
    if (s.lastCountAt === null)
      return [
        {
          message: 'The stock has never been counted.',
          inputs: { lastCountAt: null },
          parameters: [INTERVAL],
        },
      ];
    const sinceH = (Date.parse(s.now) - Date.parse(s.lastCountAt)) / MS_PER_H;
    if (sinceH < intervalH) return [];
    return [
      {
        message: `The last count was ${Math.floor(sinceH)} h ago; the clinic counts at least every ${intervalH} h.`,
        inputs: { lastCountAt: s.lastCountAt, now: s.now, hoursSinceCount: sinceH },
        parameters: [INTERVAL],
      },
    ];
  },
});
