/** Ledger: a witness for waste where the clinic requires one (the federal text leaves it to states and policy). */
import { defineRule } from '../../define-rule.js';
import { WASTAGE } from './citations.js';
import type { LedgerCheck } from './ledger-check.js';

const REQUIRED = 'ledger.waste-witness-required';

export const wasteWitness = defineRule<LedgerCheck>({
  id: 'ledger/waste-witness',
  version: 1,
  area: 'ledger',
  title: 'Waste is witnessed where the clinic requires it',
  severity: 'block',
  description:
    'When the clinic requires a witness for waste, a second staff member signs in on the same screen before the waste is recorded. REFERENCE §9 found no DEA text on witnessing wastage (state boards and institutional policy [P]), so the clinic must make this setting before any waste can be recorded.',
  parameters: [REQUIRED],
  citations: [WASTAGE],
  evaluate: (s, ctx) => {
    if (s.operation !== 'waste' && s.operation !== 'container-waste') return [];
    const required = ctx.boolean(REQUIRED);
    if (!required || s.witnessIds.length > 0) return [];
    return [
      {
        message: 'The clinic requires a witness for waste: a second staff member must sign in to witness it.',
        inputs: { witnessIds: s.witnessIds },
        parameters: [REQUIRED],
      },
    ];
  },
});
