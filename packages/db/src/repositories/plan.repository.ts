/**
 * Treatment plans: signed versions (append-only) and, at signing, the plan's infusion sessions. Signing the
 * next version cancels the previous version's sessions that are still only scheduled. (Everything else about
 * an infusion session belongs to the session chart.)
 */
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { infusionSessions, treatmentPlanVersions } from '../schema.js';
import type { Executor } from '../database.js';

export type PlanVersionRow = typeof treatmentPlanVersions.$inferSelect;
export type PlanVersionInsert = typeof treatmentPlanVersions.$inferInsert;

/** Inserts a version; false when that (plan, version) is already taken (someone else signed first). */
export async function insertPlanVersion(ex: Executor, row: PlanVersionInsert): Promise<boolean> {
  const inserted = await ex
    .insert(treatmentPlanVersions)
    .values(row)
    .onConflictDoNothing()
    .returning({ version: treatmentPlanVersions.version });
  return inserted.length === 1;
}

/** One version of a patient's plan (the latest when `version` is omitted), or null. */
export async function findPlanVersion(
  ex: Executor,
  clinicId: string,
  patientId: string,
  planId: string,
  version?: number,
): Promise<PlanVersionRow | null> {
  const [row] = await ex
    .select()
    .from(treatmentPlanVersions)
    .where(
      and(
        eq(treatmentPlanVersions.clinicId, clinicId),
        eq(treatmentPlanVersions.patientId, patientId),
        eq(treatmentPlanVersions.planId, planId),
        version === undefined ? undefined : eq(treatmentPlanVersions.version, version),
      ),
    )
    .orderBy(desc(treatmentPlanVersions.version))
    .limit(1);
  return row ?? null;
}

/** Every version of every plan of the patient, by plan (first signed first), newest version first. */
export async function listPatientPlanVersions(
  ex: Executor,
  clinicId: string,
  patientId: string,
): Promise<PlanVersionRow[]> {
  return ex
    .select()
    .from(treatmentPlanVersions)
    .where(and(eq(treatmentPlanVersions.clinicId, clinicId), eq(treatmentPlanVersions.patientId, patientId)))
    .orderBy(asc(treatmentPlanVersions.planId), desc(treatmentPlanVersions.version));
}

export interface NewPlanSession {
  sessionNumber: number;
  scheduledStart: Date;
  plannedDurationMin: number;
}

/** Creates the sessions of a signed plan version, all 'scheduled'. */
export async function insertPlanSessions(
  ex: Executor,
  plan: { clinicId: string; patientId: string; planId: string; planVersion: number; at: Date },
  sessions: readonly NewPlanSession[],
): Promise<{ id: string; sessionNumber: number }[]> {
  if (sessions.length === 0) return [];
  return ex
    .insert(infusionSessions)
    .values(
      sessions.map((s) => ({
        clinicId: plan.clinicId,
        patientId: plan.patientId,
        planId: plan.planId,
        planVersion: plan.planVersion,
        sessionNumber: s.sessionNumber,
        scheduledStart: s.scheduledStart,
        plannedDurationMin: s.plannedDurationMin,
        state: 'scheduled' as const,
        createdAt: plan.at,
        updatedAt: plan.at,
      })),
    )
    .returning({ id: infusionSessions.id, sessionNumber: infusionSessions.sessionNumber });
}

/**
 * Cancels the sessions of the plan's earlier versions that are still only scheduled (each one's version rises,
 * so a chart open on it learns of the change). Returns the cancelled session ids.
 */
export async function cancelScheduledPlanSessions(
  ex: Executor,
  clinicId: string,
  planId: string,
  beforeVersion: number,
  at: Date,
): Promise<string[]> {
  const rows = await ex
    .update(infusionSessions)
    .set({ state: 'cancelled', version: sql`${infusionSessions.version} + 1`, updatedAt: at })
    .where(
      and(
        eq(infusionSessions.clinicId, clinicId),
        eq(infusionSessions.planId, planId),
        sql`${infusionSessions.planVersion} < ${beforeVersion}`,
        eq(infusionSessions.state, 'scheduled'),
      ),
    )
    .returning({ id: infusionSessions.id });
  return rows.map((r) => r.id);
}

export interface PlanSessionRow {
  id: string;
  planId: string;
  planVersion: number;
  sessionNumber: number;
  scheduledStart: Date;
  plannedDurationMin: number;
  state: string;
}

const sessionColumns = {
  id: infusionSessions.id,
  planId: infusionSessions.planId,
  planVersion: infusionSessions.planVersion,
  sessionNumber: infusionSessions.sessionNumber,
  scheduledStart: infusionSessions.scheduledStart,
  plannedDurationMin: infusionSessions.plannedDurationMin,
  state: infusionSessions.state,
};

/** The sessions of one plan version, by number. */
export async function listPlanVersionSessions(
  ex: Executor,
  clinicId: string,
  planId: string,
  planVersion: number,
): Promise<PlanSessionRow[]> {
  return ex
    .select(sessionColumns)
    .from(infusionSessions)
    .where(
      and(
        eq(infusionSessions.clinicId, clinicId),
        eq(infusionSessions.planId, planId),
        eq(infusionSessions.planVersion, planVersion),
      ),
    )
    .orderBy(asc(infusionSessions.sessionNumber));
}

/** The patient's sessions that have started, scheduled within [from, to], with the plan version they follow. */
export async function listStartedPatientSessions(
  ex: Executor,
  clinicId: string,
  patientId: string,
  from: Date,
  to: Date,
): Promise<
  (PlanSessionRow & { protocolId: string; protocolVersion: number; dosing: Record<string, unknown> })[]
> {
  return ex
    .select({
      ...sessionColumns,
      protocolId: treatmentPlanVersions.protocolId,
      protocolVersion: treatmentPlanVersions.protocolVersion,
      dosing: treatmentPlanVersions.dosing,
    })
    .from(infusionSessions)
    .innerJoin(
      treatmentPlanVersions,
      and(
        eq(treatmentPlanVersions.clinicId, infusionSessions.clinicId),
        eq(treatmentPlanVersions.planId, infusionSessions.planId),
        eq(treatmentPlanVersions.version, infusionSessions.planVersion),
      ),
    )
    .where(
      and(
        eq(infusionSessions.clinicId, clinicId),
        eq(infusionSessions.patientId, patientId),
        gte(infusionSessions.scheduledStart, from),
        lte(infusionSessions.scheduledStart, to),
        inArray(infusionSessions.state, [
          'running',
          'paused',
          'stopped',
          'discharged',
          'nurse-signed',
          'locked',
        ]),
      ),
    )
    .orderBy(asc(infusionSessions.scheduledStart));
}
