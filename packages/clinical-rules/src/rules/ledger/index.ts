/** The controlled-substance ledger rules, and which of them each ledger operation runs. */
import type { Rule } from '../../define-rule.js';
import { containerNotExpired } from './container-not-expired.rule.js';
import { containerNotQuarantined } from './container-not-quarantined.rule.js';
import { countDue } from './count-due.rule.js';
import { destructionWitnesses } from './destruction-witnesses.rule.js';
import { expiredInStock } from './expired-in-stock.rule.js';
import { expirySoon } from './expiry-soon.rule.js';
import { inventoryDue } from './inventory-due.rule.js';
import type { LedgerCheck, LedgerOperation } from './ledger-check.js';
import { lossReportDeadlines } from './loss-report-deadlines.rule.js';
import { noOverdraw } from './no-overdraw.rule.js';
import { retentionPeriod } from './retention-period.rule.js';
import { sessionBalanced } from './session-balanced.rule.js';
import { wasteWithinRemainder } from './waste-within-remainder.rule.js';
import { wasteWitness } from './waste-witness.rule.js';
import { witnessNotActor } from './witness-not-actor.rule.js';

export {
  containerNotExpired,
  containerNotQuarantined,
  countDue,
  destructionWitnesses,
  expiredInStock,
  expirySoon,
  inventoryDue,
  lossReportDeadlines,
  noOverdraw,
  retentionPeriod,
  sessionBalanced,
  wasteWithinRemainder,
  wasteWitness,
  witnessNotActor,
};

/** The rules each operation runs (a rule whose setting is missing says so only where it is run). */
export const LEDGER_RULES_BY_OPERATION: Readonly<Record<LedgerOperation, readonly Rule<LedgerCheck>[]>> = {
  draw: [containerNotExpired, containerNotQuarantined, noOverdraw],
  waste: [witnessNotActor, wasteWitness, wasteWithinRemainder],
  'container-waste': [witnessNotActor, wasteWitness, noOverdraw],
  destruction: [witnessNotActor, destructionWitnesses],
  'close-session': [sessionBalanced],
  discard: [retentionPeriod],
  status: [expiredInStock, expirySoon, countDue, inventoryDue, lossReportDeadlines],
};

export const LEDGER_RULE_LIST: readonly Rule<LedgerCheck>[] = [
  containerNotExpired,
  containerNotQuarantined,
  noOverdraw,
  wasteWithinRemainder,
  witnessNotActor,
  wasteWitness,
  destructionWitnesses,
  sessionBalanced,
  expiredInStock,
  expirySoon,
  countDue,
  inventoryDue,
  lossReportDeadlines,
  retentionPeriod,
];

export const LEDGER_RULES: readonly Rule<never>[] = LEDGER_RULE_LIST;
