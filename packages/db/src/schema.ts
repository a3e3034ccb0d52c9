/**
 * Drizzle table definitions for the query builder. The migrations in ../migrations are the source of truth;
 * schema.int.test.ts checks that every column declared here exists there with the same type.
 */
import { boolean, bigint, date, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const clinics = pgTable('clinics', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  nextMrn: integer('next_mrn').notNull().default(1),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['admin', 'physician', 'nurse', 'front_desk'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lastFailedLoginAt: tstz('last_failed_login_at'),
    lockedUntil: tstz('locked_until'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  clinicId: uuid('clinic_id').notNull(),
  userId: uuid('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: tstz('created_at').notNull(),
  lastSeenAt: tstz('last_seen_at').notNull(),
  idleExpiresAt: tstz('idle_expires_at').notNull(),
  absoluteExpiresAt: tstz('absolute_expires_at').notNull(),
  revokedAt: tstz('revoked_at'),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export interface AddressJson {
  line1?: string | undefined;
  line2?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  postalCode?: string | undefined;
  country?: string | undefined;
}

export const patients = pgTable(
  'patients',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    mrn: text('mrn').notNull(),
    familyName: text('family_name').notNull(),
    givenNames: text('given_names').notNull(),
    preferredName: text('preferred_name'),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    sexAtBirth: text('sex_at_birth', { enum: ['female', 'male', 'intersex', 'unknown'] }).notNull(),
    phone: text('phone'),
    email: text('email'),
    address: jsonb('address').$type<AddressJson>(),
    searchText: text('search_text').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull(),
    createdBy: uuid('created_by').notNull(),
    updatedAt: tstz('updated_at').notNull(),
    updatedBy: uuid('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

export const patientMeasurements = pgTable(
  'patient_measurements',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    patientId: uuid('patient_id').notNull(),
    kind: text('kind', { enum: ['weight', 'height'] }).notNull(),
    value: doublePrecision('value').notNull(),
    measuredOn: date('measured_on', { mode: 'string' }).notNull(),
    recordedAt: tstz('recorded_at').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: tstz('at').notNull(),
    userId: uuid('user_id'),
    userEmail: text('user_email'),
    role: text('role'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    requestId: text('request_id'),
    outcome: text('outcome', { enum: ['success', 'denied', 'failure'] }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    ip: text('ip'),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

/** A clinic's change of one rule parameter (append-only; the current value is the highest version). */
export const clinicSettingChanges = pgTable(
  'clinic_setting_change',
  {
    clinicId: uuid('clinic_id').notNull(),
    parameterId: text('parameter_id').notNull(),
    version: integer('version').notNull(),
    /** null: back to the parameter's default. Read through `::text` (a jsonb string must stay a string). */
    value: jsonb('value').$type<number | boolean | string>(),
    previousValue: jsonb('previous_value').$type<number | boolean | string>(),
    reason: text('reason').notNull(),
    changedBy: uuid('changed_by').notNull(),
    changedByEmail: text('changed_by_email').notNull(),
    changedByRole: text('changed_by_role').notNull(),
    changedAt: tstz('changed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.parameterId, t.version] })],
);

/** One version of a clinic's own protocol (append-only): the full definition and what it was copied from. */
export const clinicProtocolVersions = pgTable(
  'clinic_protocol_version',
  {
    clinicId: uuid('clinic_id').notNull(),
    protocolId: text('protocol_id').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    basedOnId: text('based_on_id').notNull(),
    basedOnVersion: integer('based_on_version').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdByEmail: text('created_by_email').notNull(),
    createdByRole: text('created_by_role').notNull(),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.protocolId, t.version] })],
);

/** One saved version of a patient's intake with the eligibility result given on saving (append-only). */
export const intakeVersions = pgTable(
  'intake_version',
  {
    clinicId: uuid('clinic_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    version: integer('version').notNull(),
    intake: jsonb('intake').$type<Record<string, unknown>>().notNull(),
    eligibility: jsonb('eligibility').$type<Record<string, unknown>>().notNull(),
    eligibilityStatus: text('eligibility_status').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdByEmail: text('created_by_email').notNull(),
    createdByRole: text('created_by_role').notNull(),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.patientId, t.version] })],
);

/** A physician's signature on an intake version, with acknowledged findings and expiry (append-only). */
export const qualifications = pgTable(
  'qualification',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    patientId: uuid('patient_id').notNull(),
    intakeVersion: integer('intake_version').notNull(),
    eligibility: jsonb('eligibility').$type<Record<string, unknown>>().notNull(),
    eligibilityStatus: text('eligibility_status').notNull(),
    overrides: jsonb('overrides').$type<{ ruleId: string; ruleVersion: number; reason: string }[]>().notNull(),
    signedBy: uuid('signed_by').notNull(),
    signedByEmail: text('signed_by_email').notNull(),
    signedByRole: text('signed_by_role').notNull(),
    signedAt: tstz('signed_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

/** One signed version of a treatment plan (append-only). */
export const treatmentPlanVersions = pgTable(
  'treatment_plan_version',
  {
    clinicId: uuid('clinic_id').notNull(),
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull(),
    patientId: uuid('patient_id').notNull(),
    qualificationId: uuid('qualification_id').notNull(),
    protocolId: text('protocol_id').notNull(),
    protocolVersion: integer('protocol_version').notNull(),
    protocol: jsonb('protocol').$type<Record<string, unknown>>().notNull(),
    dosing: jsonb('dosing').$type<Record<string, unknown>>().notNull(),
    schedule: jsonb('schedule').$type<{ sessionNumber: number; startsAt: string; durationMin: number }[]>().notNull(),
    prediction: jsonb('prediction').$type<Record<string, unknown>>(),
    changeReason: text('change_reason'),
    signedBy: uuid('signed_by').notNull(),
    signedByEmail: text('signed_by_email').notNull(),
    signedByRole: text('signed_by_role').notNull(),
    signedAt: tstz('signed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.planId, t.version] })],
);

export const INFUSION_SESSION_STATES = [
  'scheduled',
  'running',
  'paused',
  'stopped',
  'discharged',
  'nurse-signed',
  'locked',
  'cancelled',
] as const;
export type InfusionSessionState = (typeof INFUSION_SESSION_STATES)[number];

/** One infusion session: the chart's current-state projection, version counter and entry counter. */
export const infusionSessions = pgTable(
  'infusion_session',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    patientId: uuid('patient_id').notNull(),
    planId: uuid('plan_id').notNull(),
    planVersion: integer('plan_version').notNull(),
    sessionNumber: integer('session_number').notNull(),
    scheduledStart: tstz('scheduled_start').notNull(),
    plannedDurationMin: integer('planned_duration_min').notNull(),
    chair: text('chair'),
    assignedNurseId: uuid('assigned_nurse_id'),
    state: text('state', { enum: INFUSION_SESSION_STATES }).notNull().default('scheduled'),
    version: integer('version').notNull().default(0),
    lastSeq: integer('last_seq').notNull().default(0),
    createdAt: tstz('created_at').notNull(),
    updatedAt: tstz('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

/** A monitor-bridge device allowed to post vital signs to one clinic's sessions. */
export const deviceTokens = pgTable(
  'device_token',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    label: text('label').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: tstz('created_at').notNull(),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

/** One chart entry (append-only); `data` is core's SessionEntryData. */
export const sessionEntries = pgTable(
  'session_entry',
  {
    clinicId: uuid('clinic_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    occurredAt: tstz('occurred_at').notNull(),
    recordedAt: tstz('recorded_at').notNull(),
    recordedBy: uuid('recorded_by'),
    recordedByEmail: text('recorded_by_email'),
    recordedByRole: text('recorded_by_role'),
    deviceId: uuid('device_id'),
    clientEntryId: uuid('client_entry_id'),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.sessionId, t.seq] })],
);

/** A registered location of a clinic (its own ledger chain); the DEA registration is null until recorded. */
export const registeredLocations = pgTable(
  'registered_location',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    deaRegistration: text('dea_registration'),
    address: text('address'),
    activity: text('activity'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    /** Counts the location's changes (an edit names the version it read). */
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

/**
 * One controlled-substance ledger entry (append-only, hash-chained per location); `payload` is core's
 * LedgerPayload. client_entry_id recognises a resent request and sits outside the hash.
 */
export const ledgerEntries = pgTable(
  'ledger_entry',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    locationId: uuid('location_id').notNull(),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    occurredAt: tstz('occurred_at').notNull(),
    recordedAt: tstz('recorded_at').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    witnessIds: jsonb('witness_ids').$type<string[]>().notNull(),
    containerId: uuid('container_id'),
    lot: text('lot'),
    sessionId: uuid('session_id'),
    patientId: uuid('patient_id'),
    deltaUg: bigint('delta_ug', { mode: 'number' }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    correctsSeq: integer('corrects_seq'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    clientEntryId: uuid('client_entry_id'),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

/** The last entry of a location's ledger chain (locked FOR UPDATE by every append). */
export const ledgerChainHeads = pgTable('ledger_chain_head', {
  locationId: uuid('location_id').primaryKey(),
  clinicId: uuid('clinic_id').notNull(),
  lastSeq: integer('last_seq').notNull().default(0),
  lastHash: text('last_hash').notNull(),
});

export const CS_CONTAINER_STORED_STATUSES = [
  'sealed',
  'opened',
  'in-use',
  'empty',
  'quarantined',
  'destroyed',
] as const;
export type CsContainerStoredStatus = (typeof CS_CONTAINER_STORED_STATUSES)[number];

/** A received container's state from the ledger (projection for locks and queries; never 'expired'). */
export const csContainers = pgTable(
  'cs_container',
  {
    clinicId: uuid('clinic_id').notNull(),
    id: uuid('id').notNull(),
    locationId: uuid('location_id').notNull(),
    label: text('label').notNull(),
    lot: text('lot').notNull(),
    ndc: text('ndc').notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    concentrationUgPerMl: bigint('concentration_ug_per_ml', { mode: 'number' }).notNull(),
    volumeUl: bigint('volume_ul', { mode: 'number' }).notNull(),
    remainingUg: bigint('remaining_ug', { mode: 'number' }).notNull(),
    remainingUl: bigint('remaining_ul', { mode: 'number' }).notNull(),
    status: text('status', { enum: CS_CONTAINER_STORED_STATUSES }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

export const schema = {
  clinics,
  users,
  sessions,
  patients,
  patientMeasurements,
  auditEvents,
  clinicSettingChanges,
  clinicProtocolVersions,
  intakeVersions,
  qualifications,
  treatmentPlanVersions,
  infusionSessions,
  deviceTokens,
  sessionEntries,
  registeredLocations,
  ledgerEntries,
  ledgerChainHeads,
  csContainers,
};
