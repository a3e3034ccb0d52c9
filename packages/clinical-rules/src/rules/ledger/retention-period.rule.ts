/** Ledger: no record is discarded before the retention period has passed (§9 Retention). */
import { defineRule } from '../../define-rule.js';
import { addCalendarDays, addCalendarYears } from './calendar.js';
import type { LedgerCheck } from './ledger-check.js';

const YEARS = 'ledger.retention-years';

export const retentionPeriod = defineRule<LedgerCheck>({
  id: 'ledger/retention-period',
  version: 1,
  area: 'ledger',
  title: 'Records are kept for the retention period',
  severity: 'block',
  description:
    'Ledger records and inventories are kept at least the set number of years (default 2, §9 Retention, 21 U.S.C. 827(b), 21 CFR 1304.04(a); a state may require longer) and cannot be discarded before the day after that period ends.',
  parameters: [YEARS],
  citations: [
    {
      section: '§9',
      source: 'S27',
      note: 'Retention: keep all records and inventories for at least 2 years, available for DEA inspection; state law may require longer (21 U.S.C. 827(b); 21 CFR 1304.04(a)).',
    },
  ],
  evaluate: (s, ctx) => {
    if (s.operation !== 'discard') return [];
    const years = ctx.number(YEARS);
    const earliestOn = addCalendarDays(addCalendarYears(s.throughOn, years), 1);
    if (s.today >= earliestOn) return [];
    return [
      {
        message: `Records dated up to ${s.throughOn} must be kept ${years} years: they may be discarded from ${earliestOn}, not on ${s.today}.`,
        inputs: { throughOn: s.throughOn, today: s.today, earliestDiscardOn: earliestOn },
        parameters: [YEARS],
      },
    ];
  },
});
