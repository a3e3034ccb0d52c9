export * from './test-db.js';
export * from './test-app.js';
