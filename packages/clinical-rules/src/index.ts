/**
 * @module @ketapath/clinical-rules: eligibility screening, protocol library, dose-error reduction for orders,
 * session safety and discharge rules, and the controlled-substance ledger rules. Every rule cites
 * REFERENCE.md; every threshold is a clinic setting.
 * Pure: takes `now` and the clinic's settings as input.
 */
export * from './types.js';
export * from './reference.js';
export * from './settings.js';
export * from './define-rule.js';
export * from './registry.js';
export { PARAMETERS, PARAMETERS_BY_ID, getParameter } from './parameters/index.js';
export * from './eligibility.js';
export * from './session.js';
export * from './aldrete.js';
export * from './protocols/index.js';
export * from './check-order.js';
export * from './rules/ledger/calendar.js';
export * from './rules/ledger/ledger-check.js';
export * from './rules/ledger/evaluate-ledger.js';
export { LEDGER_RULES_BY_OPERATION } from './rules/ledger/index.js';
