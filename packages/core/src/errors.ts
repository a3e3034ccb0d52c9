/**
 * The catalogue of domain error codes. Code raises `new DomainError('PATIENT_NOT_FOUND')`; only the
 * server maps a kind to an HTTP status (apps/server/src/http/problem.ts).
 */

export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'locked' | 'too_large' | 'unavailable';

export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { kind: 'invalid', message: 'The request is not valid.' },
  MALFORMED_JSON: { kind: 'invalid', message: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { kind: 'invalid', message: 'Send the request body as application/json.' },
  BODY_TOO_LARGE: { kind: 'too_large', message: 'The request body is too large.' },
  NOT_AUTHENTICATED: { kind: 'unauthenticated', message: 'Sign in to continue.' },
  INVALID_CREDENTIALS: { kind: 'unauthenticated', message: 'The email or password is not correct.' },
  ACCOUNT_LOCKED: { kind: 'locked', message: 'Too many failed sign-ins: the account is locked for a while.' },
  ACCOUNT_DISABLED: { kind: 'unauthenticated', message: 'This account is disabled.' },
  CSRF_TOKEN_INVALID: { kind: 'forbidden', message: 'The request is missing a valid CSRF token; reload the page.' },
  CROSS_ORIGIN_REQUEST: { kind: 'forbidden', message: 'Cross-origin requests are not allowed.' },
  PERMISSION_DENIED: { kind: 'forbidden', message: 'Your role does not allow this.' },
  PATIENT_NOT_FOUND: { kind: 'not_found', message: 'No such patient.' },
  USER_NOT_FOUND: { kind: 'not_found', message: 'No such user.' },
  CLINIC_NOT_FOUND: { kind: 'not_found', message: 'No such clinic.' },
  MEASUREMENT_NOT_FOUND: { kind: 'not_found', message: 'No measurement recorded on or before that date.' },
  ROUTE_NOT_FOUND: { kind: 'not_found', message: 'No such route.' },
  PROTOCOL_NOT_FOUND: { kind: 'not_found', message: 'No such protocol in the library or in your clinic.' },
  SETTING_NOT_FOUND: { kind: 'not_found', message: 'No such rule setting.' },
  PATIENT_VERSION_CONFLICT: {
    kind: 'conflict',
    message: 'Someone else changed this patient after you opened it. Reload to see their change, then apply yours again.',
  },
  PROTOCOL_READ_ONLY: {
    kind: 'conflict',
    message: 'Library protocols cannot be changed. Make a clinic copy under a new id and change that.',
  },
  PROTOCOL_ID_TAKEN: { kind: 'conflict', message: 'A protocol with this id already exists in the library or in your clinic.' },
  PROTOCOL_VERSION_CONFLICT: {
    kind: 'conflict',
    message: 'Someone else saved a new version of this protocol after you opened it. Reload, then apply your change again.',
  },
  SETTING_VERSION_CONFLICT: {
    kind: 'conflict',
    message: 'Someone else changed this setting after you opened it. Reload to see their change, then apply yours again.',
  },
  EMAIL_TAKEN: { kind: 'conflict', message: 'A user with this email already exists.' },
  CLINIC_SLUG_TAKEN: { kind: 'conflict', message: 'A clinic with this identifier already exists.' },
  DATABASE_UNAVAILABLE: { kind: 'unavailable', message: 'The database is not available.' },
  // Intake, qualification and treatment plans.
  INTAKE_NOT_FOUND: { kind: 'not_found', message: 'No such intake version for this patient.' },
  INTAKE_VERSION_CONFLICT: {
    kind: 'conflict',
    message: 'Someone else saved this intake after you opened it. Reload to see their version, then apply your changes again.',
  },
  QUALIFICATION_BLOCKED: { kind: 'conflict', message: 'The eligibility screening says not eligible: the qualification cannot be signed.' },
  QUALIFICATION_VALIDITY_UNSET: {
    kind: 'conflict',
    message: 'The clinic has not set how long a qualification stays valid (session.qualification-valid-days); set it under clinical settings first.',
  },
  QUALIFICATION_REQUIRED: { kind: 'conflict', message: 'The patient has no current signed qualification for the latest intake: a physician must sign one first.' },
  PLAN_NOT_FOUND: { kind: 'not_found', message: 'No such treatment plan (or version) for this patient.' },
  PLAN_BLOCKED: { kind: 'conflict', message: 'An order of this plan is refused by the order check: the plan cannot be signed as written.' },
  PLAN_VERSION_CONFLICT: {
    kind: 'conflict',
    message: 'Someone else signed a new version of this plan after you opened it. Reload, then apply your change again.',
  },
  WEIGHT_REQUIRED: { kind: 'conflict', message: 'No weight is recorded on or before the first session: record one (weightKg) first.' },
  HEIGHT_REQUIRED: { kind: 'conflict', message: 'No height is recorded: the order check and the ideal or adjusted body weight need one.' },
  PROTOCOL_NOT_PLANNABLE: { kind: 'conflict', message: 'This protocol does not give the numbers a plan needs (a rate or dose and a duration for each step).' },
  // Session charting, monitor-bridge devices, schedule.
  SESSION_NOT_FOUND: { kind: 'not_found', message: 'No such infusion session in your clinic.' },
  SESSION_VERSION_CONFLICT: {
    kind: 'conflict',
    message: 'Someone else changed this chart after you opened it. Reload to see their entry, then record yours again if it still applies.',
  },
  SESSION_START_BLOCKED: { kind: 'conflict', message: 'The infusion cannot start: a pre-start item is blocking or the pump programming is not double-checked.' },
  DISCHARGE_NOT_READY: {
    kind: 'conflict',
    message: 'The discharge rules say the patient is not ready to go home: continue observation, or give the reason for signing the discharge anyway.',
  },
  SESSION_ENTRY_NOT_ALLOWED: { kind: 'conflict', message: 'This entry does not fit the chart as it stands.' },
  SESSION_LOCKED: { kind: 'conflict', message: 'The chart is signed and locked: corrections are added as an addendum with a reason.' },
  PUMP_RATE_MISMATCH: { kind: 'invalid', message: 'The programmed pump rate does not deliver the ordered rate.' },
  DOUBLE_CHECK_SAME_PERSON: { kind: 'forbidden', message: 'The double-check must be done by a second staff member, not the one who programmed the pump.' },
  WITNESS_INVALID: { kind: 'invalid', message: 'The witness could not be verified: a nurse or physician of this clinic must sign in with their own email and password.' },
  COSIGN_NOT_ALLOWED: { kind: 'forbidden', message: 'Only a physician can co-sign a chart.' },
  DEVICE_TOKEN_INVALID: { kind: 'unauthenticated', message: 'The device token is missing, unknown or revoked.' },
  DEVICE_NOT_FOUND: { kind: 'not_found', message: 'No such device in your clinic.' },
  STAFF_NOT_ASSIGNABLE: { kind: 'invalid', message: 'Assign an active nurse or physician of your clinic.' },
  // Controlled-substance ledger (REFERENCE §9).
  LEDGER_LOCATION_NOT_FOUND: { kind: 'not_found', message: 'No such registered location in your clinic.' },
  LEDGER_LOCATION_NAME_TAKEN: { kind: 'conflict', message: 'Your clinic already has a registered location with this name.' },
  LEDGER_LOCATION_VERSION_CONFLICT: {
    kind: 'conflict',
    message: 'Someone else changed this location after you opened it. Reload to see their change, then apply yours again.',
  },
  LEDGER_CONTAINER_NOT_FOUND: { kind: 'not_found', message: 'No such container in your clinic.' },
  LEDGER_ENTRY_NOT_FOUND: { kind: 'not_found', message: 'No such ledger entry at this location.' },
  LEDGER_DISCREPANCY_NOT_FOUND: { kind: 'not_found', message: 'No such discrepancy in your clinic.' },
  LEDGER_LOSS_REPORT_NOT_FOUND: { kind: 'not_found', message: 'No such loss report in your clinic.' },
  LEDGER_QUANTITY_MISMATCH: {
    kind: 'invalid',
    message: "The mg and mL do not agree: the mg must equal the mL times the container's concentration, to the microgram.",
  },
  LEDGER_BLOCKED: { kind: 'conflict', message: 'The ledger rules refuse this: see the findings for why.' },
  LEDGER_NOT_BALANCED: {
    kind: 'conflict',
    message: "The session's controlled-substance record does not balance: drawn must equal administered plus wasted before the chart is signed.",
  },
  LEDGER_SESSION_CLOSED: { kind: 'conflict', message: "The session's chart is signed: its draws and waste are closed." },
  LEDGER_ALREADY_CLOSED: { kind: 'conflict', message: 'This discrepancy or loss report is already closed.' },
} as const satisfies Record<string, { kind: ErrorKind; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** One problem with one input field, e.g. `{ field: 'weightKg', message: 'must be between 20 and 400 kg' }`. */
export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly issues: readonly FieldIssue[];

  constructor(code: ErrorCode, options: { detail?: string; issues?: readonly FieldIssue[] } = {}) {
    super(options.detail ?? ERROR_CATALOGUE[code].message);
    this.name = 'DomainError';
    this.code = code;
    this.kind = ERROR_CATALOGUE[code].kind;
    this.issues = options.issues ?? [];
  }
}

/** A validation error about fields, with a message naming the first field. */
export function invalidFields(issues: readonly FieldIssue[]): DomainError {
  const first = issues[0];
  const detail = first ? `${first.field}: ${first.message}` : ERROR_CATALOGUE.VALIDATION_FAILED.message;
  return new DomainError('VALIDATION_FAILED', { detail, issues });
}
