/** Ledger: a witness is someone other than the person recording, and each witness is a different person. */
import { defineRule } from '../../define-rule.js';
import { DESTRUCTION, WASTAGE } from './citations.js';
import type { LedgerCheck } from './ledger-check.js';

export const witnessNotActor = defineRule<LedgerCheck>({
  id: 'ledger/witness-not-actor',
  version: 1,
  area: 'ledger',
  title: 'A witness is a second person',
  severity: 'block',
  description:
    'The person recording a waste or a destruction cannot be its witness, and the same person cannot witness twice: each witness signs in separately (§9 Wasting, Destruction of stock).',
  parameters: [],
  citations: [WASTAGE, DESTRUCTION],
  evaluate: (s) => {
    if (s.operation !== 'waste' && s.operation !== 'container-waste' && s.operation !== 'destruction')
      return [];
    const inputs = { actorId: s.actorId, witnessIds: s.witnessIds };
    if (s.witnessIds.includes(s.actorId))
      return [
        {
          message: 'The person recording cannot also be the witness; a second staff member must sign in.',
          inputs,
        },
      ];
    if (new Set(s.witnessIds).size !== s.witnessIds.length)
      return [
        {
          message: 'The same person is named twice as a witness; each witness must be a different person.',
          inputs,
        },
      ];
    return [];
  },
});
