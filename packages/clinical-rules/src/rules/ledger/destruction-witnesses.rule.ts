/** Ledger: an on-site destruction has the witnesses §9 requires (21 CFR 1317.90, DEA Form 41). */
import { defineRule } from '../../define-rule.js';
import { DESTRUCTION } from './citations.js';
import type { LedgerCheck } from './ledger-check.js';

const WITNESSES = 'ledger.destruction-witnesses';

export const destructionWitnesses = defineRule<LedgerCheck>({
  id: 'ledger/destruction-witnesses',
  version: 1,
  area: 'ledger',
  title: 'On-site destruction has its witnesses',
  severity: 'block',
  description:
    'Stock destroyed on site needs the set number of witnesses (default 2 authorized employees, §9 Destruction of stock, 21 CFR 1317.90), each signed in separately and none of them the person recording. Stock sent to a reverse distributor needs none here: the distributor usually files DEA Form 41.',
  parameters: [WITNESSES],
  citations: [DESTRUCTION],
  evaluate: (s, ctx) => {
    if (s.operation !== 'destruction' || s.mode !== 'on-site') return [];
    const required = ctx.number(WITNESSES);
    const distinct = new Set(s.witnessIds.filter((id) => id !== s.actorId)).size;
    if (distinct >= required) return [];
    return [
      {
        message: `An on-site destruction needs ${required} witnesses besides the person recording; ${distinct} signed in.`,
        inputs: { witnessIds: s.witnessIds, distinctWitnesses: distinct },
        parameters: [WITNESSES],
      },
    ];
  },
});
