/** Ledger: the initial inventory exists and the next one is taken within the interval (§9 Biennial inventory). */
import { defineRule } from '../../define-rule.js';
import { addCalendarMonths } from './calendar.js';
import { INVENTORY } from './citations.js';
import type { LedgerCheck } from './ledger-check.js';

const INTERVAL = 'ledger.inventory-interval-months';

export const inventoryDue = defineRule<LedgerCheck>({
  id: 'ledger/inventory-due',
  version: 1,
  area: 'ledger',
  title: 'Inventory due',
  severity: 'warn',
  description:
    'Warns when no initial inventory is recorded, and from the day a new inventory is due: the set number of months after the last initial, biennial or annual inventory (default 24, §9 Biennial inventory, 21 CFR 1304.11; some states require 12).',
  parameters: [INTERVAL],
  citations: [INVENTORY],
  evaluate: (s, ctx) => {
    if (s.operation !== 'status') return [];
    const months = ctx.number(INTERVAL);
    if (s.lastInventory === null)
      return [
        {
          message:
            'No initial inventory is recorded. Take one of all stock (a zero inventory if there is none) on the first day controlled substances are handled.',
          inputs: { lastInventory: null },
          parameters: [INTERVAL],
        },
      ];
    const dueOn = addCalendarMonths(s.lastInventory.takenOn, months);
    if (s.today < dueOn) return [];
    return [
      {
        message:
          s.today === dueOn
            ? `The next inventory is due today (${months} months after the ${s.lastInventory.type} inventory of ${s.lastInventory.takenOn}).`
            : `The next inventory was due on ${dueOn} (${months} months after the ${s.lastInventory.type} inventory of ${s.lastInventory.takenOn}) and is overdue.`,
        inputs: { lastInventory: s.lastInventory, dueOn, today: s.today },
        parameters: [INTERVAL],
      },
    ];
  },
});
