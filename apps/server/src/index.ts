/** @module @ketapath/server: the HTTP API. The CLI starts it; tests build it in-process. */
export { buildApp, VERSION, type ZodApp, type BuiltApp } from './app.js';
export { loadConfig, loadTestConfig, ConfigError, type Config } from './config.js';
export { startServer, closeOnSignals, openConfiguredDatabase, systemClock, type RunningServer } from './server.js';
export type { AppContext, Actor } from './context.js';
export { createStaffUser } from './services/user.service.js';
export { createPatient, addMeasurement } from './services/patient.service.js';
export { SESSION_COOKIE, CSRF_HEADER } from './http/access.js';
// The journey's services, for in-process seeding (the demo data) through the same code paths as the API.
export { changeClinicalSetting } from './services/clinical-settings.service.js';
export { saveIntake } from './services/intake.service.js';
export { signQualification } from './services/qualification.service.js';
export { previewPlan, signPlan, type SignPlanBody, type PlanVersionDto } from './services/plan.service.js';
export { recordEntry, type EntryWriter, type RecordedEntry } from './services/session.service.js';
export { createDevice, type DeviceActor } from './services/device.service.js';
export { rescheduleSession, dayBounds, clinicToday } from './services/schedule.service.js';
export type { RequestMeta } from './context.js';
// The ledger's services, for the demo's controlled-substance records (the same code paths as the API).
export {
  createLocation,
  recordReceipt,
  recordCount,
  addDiscrepancyNote,
  recordInventory,
} from './services/ledger.service.js';
export { recordDraw, recordWaste, getSessionLedger } from './services/ledger-session.js';
export {
  verifyLedgers,
  verifyLocationLedger,
  describeVerification,
  type LedgerVerification,
  type LocationVerification,
} from './services/ledger-verify.service.js';
