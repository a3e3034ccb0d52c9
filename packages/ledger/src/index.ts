/**
 * @module @ketapath/ledger: the controlled-substance ledger's arithmetic: stock, session balances,
 * discrepancies and the hash chain, computed from ledger entries. Pure: no I/O, no clock; the caller passes
 * today's date and the hash function.
 */
export * from './types.js';
export * from './hash-chain.js';
export * from './quantities.js';
export * from './fold.js';
export * from './count.js';
export * from './deadlines.js';
export * from './inventory.js';
