/** @module @ketapath/server: the HTTP API. The CLI starts it; tests build it in-process. */
export { buildApp, VERSION, type ZodApp, type BuiltApp } from './app.js';
export { loadConfig, loadTestConfig, ConfigError, type Config } from './config.js';
export { startServer, closeOnSignals, openConfiguredDatabase, systemClock, type RunningServer } from './server.js';
export type { AppContext, Actor } from './context.js';
export { createStaffUser } from './services/user.service.js';
export { createPatient, addMeasurement } from './services/patient.service.js';
export { SESSION_COOKIE, CSRF_HEADER } from './http/access.js';
