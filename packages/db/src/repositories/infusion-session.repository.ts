/**
 * Infusion sessions: the chart's current-state projection, its version counter (optimistic concurrency) and
 * entry counter, with the patient, plan and staff facts the chart, the schedule and the floor board show.
 * Every query keys on the clinic: another clinic's session is simply not found.
 */
import { and, asc, eq, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import {
  clinics,
  infusionSessions,
  intakeVersions,
  patients,
  qualifications,
  treatmentPlanVersions,
  users,
  type InfusionSessionState,
} from '../schema.js';
import type { Executor } from '../database.js';

export type InfusionSessionRow = typeof infusionSessions.$inferSelect;
export type InfusionSessionInsert = typeof infusionSessions.$inferInsert;

/** Inserts sessions (plan signing, test set-up) and returns them. */
export async function insertInfusionSessions(
  ex: Executor,
  rows: readonly InfusionSessionInsert[],
): Promise<InfusionSessionRow[]> {
  if (rows.length === 0) return [];
  return ex
    .insert(infusionSessions)
    .values([...rows])
    .returning();
}

export async function findInfusionSession(
  ex: Executor,
  clinicId: string,
  sessionId: string,
): Promise<InfusionSessionRow | null> {
  const [row] = await ex
    .select()
    .from(infusionSessions)
    .where(and(eq(infusionSessions.clinicId, clinicId), eq(infusionSessions.id, sessionId)));
  return row ?? null;
}

/**
 * Takes the next entry number of a session and holds its row lock until the transaction ends, so entries of
 * one session are numbered one after another with no gaps or repeats. With `expectedVersion` (entries that
 * change the chart's state) the version must still be that one and rises by one. Null when the session does
 * not exist in the clinic or the version moved on.
 */
export async function lockSessionForEntry(
  ex: Executor,
  clinicId: string,
  sessionId: string,
  options: { expectedVersion: number | null; at: Date },
): Promise<InfusionSessionRow | null> {
  const bump = options.expectedVersion !== null;
  const [row] = await ex
    .update(infusionSessions)
    .set({
      lastSeq: sql`${infusionSessions.lastSeq} + 1`,
      ...(bump ? { version: sql`${infusionSessions.version} + 1` } : {}),
      updatedAt: options.at,
    })
    .where(
      and(
        eq(infusionSessions.clinicId, clinicId),
        eq(infusionSessions.id, sessionId),
        bump ? eq(infusionSessions.version, options.expectedVersion ?? 0) : undefined,
      ),
    )
    .returning();
  return row ?? null;
}

/** Writes the state computed from the chart and the last entry number used (server-raised alerts add entries). */
export async function setSessionProjection(
  ex: Executor,
  clinicId: string,
  sessionId: string,
  projection: { state: InfusionSessionState; lastSeq: number; at: Date },
): Promise<void> {
  await ex
    .update(infusionSessions)
    .set({ state: projection.state, lastSeq: projection.lastSeq, updatedAt: projection.at })
    .where(and(eq(infusionSessions.clinicId, clinicId), eq(infusionSessions.id, sessionId)));
}

export interface ScheduleChanges {
  chair?: string | null;
  assignedNurseId?: string | null;
  scheduledStart?: Date;
}

/** Applies schedule changes if the version is still `expectedVersion` (it rises by one); null otherwise. */
export async function updateSessionScheduleIfVersion(
  ex: Executor,
  clinicId: string,
  sessionId: string,
  expectedVersion: number,
  changes: ScheduleChanges,
  at: Date,
): Promise<InfusionSessionRow | null> {
  const [row] = await ex
    .update(infusionSessions)
    .set({ ...changes, version: sql`${infusionSessions.version} + 1`, updatedAt: at })
    .where(
      and(
        eq(infusionSessions.clinicId, clinicId),
        eq(infusionSessions.id, sessionId),
        eq(infusionSessions.version, expectedVersion),
      ),
    )
    .returning();
  return row ?? null;
}

/** A session with the patient, plan, assigned nurse and clinic facts its views need. */
export interface SessionDetailRow {
  session: InfusionSessionRow;
  patient: {
    id: string;
    mrn: string;
    familyName: string;
    givenNames: string;
    preferredName: string | null;
    dateOfBirth: string;
    sexAtBirth: 'female' | 'male' | 'intersex' | 'unknown';
    isDemo: boolean;
  };
  plan: {
    protocolId: string;
    protocolVersion: number;
    protocol: Record<string, unknown>;
    dosing: Record<string, unknown>;
    sessionCount: number;
    signedByEmail: string;
    signedAt: Date;
  };
  assignedNurse: { id: string; displayName: string } | null;
  clinic: { name: string; isDemo: boolean };
}

const detailColumns = {
  session: infusionSessions,
  patient: {
    id: patients.id,
    mrn: patients.mrn,
    familyName: patients.familyName,
    givenNames: patients.givenNames,
    preferredName: patients.preferredName,
    dateOfBirth: patients.dateOfBirth,
    sexAtBirth: patients.sexAtBirth,
    isDemo: patients.isDemo,
  },
  plan: {
    protocolId: treatmentPlanVersions.protocolId,
    protocolVersion: treatmentPlanVersions.protocolVersion,
    protocol: treatmentPlanVersions.protocol,
    dosing: treatmentPlanVersions.dosing,
    sessionCount: sql<number>`jsonb_array_length(${treatmentPlanVersions.schedule})`.mapWith(Number),
    signedByEmail: treatmentPlanVersions.signedByEmail,
    signedAt: treatmentPlanVersions.signedAt,
  },
  nurseId: users.id,
  nurseName: users.displayName,
  clinic: { name: clinics.name, isDemo: clinics.isDemo },
};

function detailQuery(ex: Executor, where: SQL | undefined) {
  return ex
    .select(detailColumns)
    .from(infusionSessions)
    .innerJoin(
      patients,
      and(eq(patients.clinicId, infusionSessions.clinicId), eq(patients.id, infusionSessions.patientId)),
    )
    .innerJoin(
      treatmentPlanVersions,
      and(
        eq(treatmentPlanVersions.clinicId, infusionSessions.clinicId),
        eq(treatmentPlanVersions.planId, infusionSessions.planId),
        eq(treatmentPlanVersions.version, infusionSessions.planVersion),
      ),
    )
    .innerJoin(clinics, eq(clinics.id, infusionSessions.clinicId))
    .leftJoin(
      users,
      and(eq(users.clinicId, infusionSessions.clinicId), eq(users.id, infusionSessions.assignedNurseId)),
    )
    .where(where);
}

type DetailSelect = Awaited<ReturnType<typeof detailQuery>>[number];

function toDetail(row: DetailSelect): SessionDetailRow {
  const { nurseId, nurseName, ...rest } = row;
  return {
    ...rest,
    assignedNurse: nurseId !== null && nurseName !== null ? { id: nurseId, displayName: nurseName } : null,
  };
}

export async function findSessionDetail(
  ex: Executor,
  clinicId: string,
  sessionId: string,
): Promise<SessionDetailRow | null> {
  const [row] = await detailQuery(
    ex,
    and(eq(infusionSessions.clinicId, clinicId), eq(infusionSessions.id, sessionId)),
  );
  return row ? toDetail(row) : null;
}

/** The clinic's sessions scheduled in [from, to), by start time then chair; cancelled ones only when asked. */
export async function listSessionsBetween(
  ex: Executor,
  clinicId: string,
  range: { from: Date; to: Date; includeCancelled: boolean },
): Promise<SessionDetailRow[]> {
  const rows = await detailQuery(
    ex,
    and(
      eq(infusionSessions.clinicId, clinicId),
      gte(infusionSessions.scheduledStart, range.from),
      lt(infusionSessions.scheduledStart, range.to),
      range.includeCancelled ? undefined : ne(infusionSessions.state, 'cancelled'),
    ),
  ).orderBy(asc(infusionSessions.scheduledStart), asc(infusionSessions.chair), asc(infusionSessions.id));
  return rows.map(toDetail);
}

/** One patient's sessions, in scheduled order. */
export async function listPatientSessions(
  ex: Executor,
  clinicId: string,
  patientId: string,
): Promise<SessionDetailRow[]> {
  const rows = await detailQuery(
    ex,
    and(eq(infusionSessions.clinicId, clinicId), eq(infusionSessions.patientId, patientId)),
  ).orderBy(asc(infusionSessions.scheduledStart), asc(infusionSessions.sessionNumber));
  return rows.map(toDetail);
}

/** Sessions by id in the clinic (the floor board refreshes the chairs an entry touched). */
export async function listSessionDetails(
  ex: Executor,
  clinicId: string,
  sessionIds: readonly string[],
): Promise<SessionDetailRow[]> {
  if (sessionIds.length === 0) return [];
  const rows = await detailQuery(
    ex,
    and(eq(infusionSessions.clinicId, clinicId), inArray(infusionSessions.id, [...sessionIds])),
  );
  return rows.map(toDetail);
}

/** What the session rules need to know about the patient beyond the record: the latest intake and qualification. */
export interface SessionPatientContextRow {
  intake: { version: number; intake: Record<string, unknown>; eligibility: Record<string, unknown> } | null;
  qualification: {
    id: string;
    intakeVersion: number;
    eligibilityStatus: string;
    eligibility: Record<string, unknown>;
    signedByEmail: string;
    signedAt: Date;
    expiresAt: Date;
  } | null;
}

export async function findSessionPatientContext(
  ex: Executor,
  clinicId: string,
  patientId: string,
): Promise<SessionPatientContextRow> {
  const [intake] = await ex
    .select({
      version: intakeVersions.version,
      intake: intakeVersions.intake,
      eligibility: intakeVersions.eligibility,
    })
    .from(intakeVersions)
    .where(and(eq(intakeVersions.clinicId, clinicId), eq(intakeVersions.patientId, patientId)))
    .orderBy(sql`${intakeVersions.version} DESC`)
    .limit(1);
  const [qualification] = await ex
    .select({
      id: qualifications.id,
      intakeVersion: qualifications.intakeVersion,
      eligibilityStatus: qualifications.eligibilityStatus,
      eligibility: qualifications.eligibility,
      signedByEmail: qualifications.signedByEmail,
      signedAt: qualifications.signedAt,
      expiresAt: qualifications.expiresAt,
    })
    .from(qualifications)
    .where(and(eq(qualifications.clinicId, clinicId), eq(qualifications.patientId, patientId)))
    .orderBy(sql`${qualifications.signedAt} DESC`)
    .limit(1);
  return { intake: intake ?? null, qualification: qualification ?? null };
}

/** An active nurse or physician of the clinic, for assigning a session (null when there is none). */
export async function findAssignableStaff(
  ex: Executor,
  clinicId: string,
  userId: string,
): Promise<{ id: string; displayName: string; role: string; isActive: boolean } | null> {
  const [row] = await ex
    .select({ id: users.id, displayName: users.displayName, role: users.role, isActive: users.isActive })
    .from(users)
    .where(and(eq(users.clinicId, clinicId), eq(users.id, userId)));
  return row ?? null;
}
