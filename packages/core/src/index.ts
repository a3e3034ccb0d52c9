/** @module @ketapath/core: domain types, zod schemas, error codes, roles and the Clock. Pure. */
export * from './errors.js';
export * from './roles.js';
export * from './clock.js';
export * from './search-text.js';
export * from './patient-query.js';
export * from './schemas/common.schema.js';
export * from './schemas/patient.schema.js';
export * from './schemas/auth.schema.js';
export * from './schemas/audit.schema.js';
export * from './schemas/session-snapshot.schema.js';
export * from './schemas/intake.schema.js';
export * from './schemas/protocol.schema.js';
export * from './schemas/order.schema.js';
export * from './schemas/session-entry.schema.js';
export * from './schemas/ledger.schema.js';
