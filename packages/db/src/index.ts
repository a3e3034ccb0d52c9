/** @module @ketapath/db: the only package that talks to the database. */
export * from './database.js';
export * from './migrate.js';
export * from './backup.js';
export * from './maintenance.js';
export * from './data-dir-lock.js';
export * from './schema.js';
export * from './repositories/clinic.repository.js';
export * from './repositories/user.repository.js';
export * from './repositories/session.repository.js';
export * from './repositories/patient.repository.js';
export * from './repositories/measurement.repository.js';
export * from './repositories/audit.repository.js';
export * from './repositories/clinic-setting.repository.js';
export * from './repositories/clinic-protocol.repository.js';
export * from './repositories/infusion-session.repository.js';
export * from './repositories/session-entry.repository.js';
export * from './repositories/device-token.repository.js';
