export * from './test-db.js';
export * from './test-app.js';
export * from './cli-process.js';
export * from './rules-fixtures.js';
export * from './session-fixtures.js';
export * from './ledger-fixtures.js';
export * from './sse-client.js';
