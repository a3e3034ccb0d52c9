/**
 * The controlled-substance ledger's arithmetic: stock, session balances, discrepancies and the hash chain,
 * computed from ledger entries. Pure: no I/O, no clock; the caller passes today's date and the hash function.
 */
export {};
