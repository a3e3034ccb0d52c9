/** Patients: insert, fetch with latest measurements, optimistic-concurrency update, and search. */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { PatientQuery } from '@ketapath/core';
import { patientMeasurements, patients } from '../schema.js';
import type { Executor } from '../database.js';

export type PatientRow = typeof patients.$inferSelect;
export type PatientInsert = typeof patients.$inferInsert;

export interface PatientWithLatest {
  patient: PatientRow;
  latestWeight: { value: number; measuredOn: string } | null;
  latestHeight: { value: number; measuredOn: string } | null;
}

export async function insertPatient(ex: Executor, row: PatientInsert): Promise<PatientRow> {
  const [inserted] = await ex.insert(patients).values(row).returning();
  if (!inserted) throw new Error('insert into patients returned no row');
  return inserted;
}

/** Outer columns are written qualified: Drizzle renders them bare, which would bind to the inner table. */
function latestOf(kind: 'weight' | 'height') {
  return sql<{ value: number; measuredOn: string } | null>`(
    SELECT json_build_object('value', m.value, 'measuredOn', m.measured_on)
    FROM ${patientMeasurements} m
    WHERE m.clinic_id = "patients"."clinic_id" AND m.patient_id = "patients"."id" AND m.kind = ${kind}
    ORDER BY m.measured_on DESC, m.recorded_at DESC LIMIT 1)`;
}

export async function findPatient(ex: Executor, clinicId: string, patientId: string): Promise<PatientWithLatest | null> {
  const [row] = await ex
    .select({ patient: patients, latestWeight: latestOf('weight'), latestHeight: latestOf('height') })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
  if (!row) return null;
  return { patient: row.patient, latestWeight: parseLatest(row.latestWeight), latestHeight: parseLatest(row.latestHeight) };
}

/** json_build_object comes back parsed on PGlite and pg alike; numbers stay numbers. */
function parseLatest(value: unknown): { value: number; measuredOn: string } | null {
  if (value === null || value === undefined) return null;
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as { value: number | string; measuredOn: string };
  return { value: Number(v.value), measuredOn: v.measuredOn.slice(0, 10) };
}

export async function patientExists(ex: Executor, clinicId: string, patientId: string): Promise<boolean> {
  const [row] = await ex
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
  return row !== undefined;
}

/**
 * Applies `changes` if the stored version is still `expectedVersion`, bumping it by one. Returns the new
 * row, or null when the version moved on (someone else saved first) or the patient does not exist.
 */
export async function updatePatientIfVersion(
  ex: Executor,
  clinicId: string,
  patientId: string,
  expectedVersion: number,
  changes: Partial<PatientInsert>,
): Promise<PatientRow | null> {
  const [row] = await ex
    .update(patients)
    .set({ ...changes, version: sql`${patients.version} + 1` })
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId), eq(patients.version, expectedVersion)))
    .returning();
  return row ?? null;
}

function likeEscape(fragment: string): string {
  return fragment.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One page of a clinic's patients matching the query, ordered by name, with the total match count. */
export async function searchPatients(
  ex: Executor,
  clinicId: string,
  query: PatientQuery,
  page: { limit: number; offset: number },
): Promise<{ rows: PatientRow[]; total: number }> {
  const conditions: SQL[] = [eq(patients.clinicId, clinicId)];
  for (const fragment of query.nameFragments) {
    conditions.push(sql`${patients.searchText} LIKE ${`%${likeEscape(fragment)}%`}`);
  }
  if (query.dateOfBirth) conditions.push(eq(patients.dateOfBirth, query.dateOfBirth));
  if (query.mrnPrefix) conditions.push(sql`${patients.mrn} LIKE ${`${likeEscape(query.mrnPrefix)}%`}`);
  const rows = await ex
    .select({ patient: patients, total: sql<string | number>`count(*) OVER ()` })
    .from(patients)
    .where(and(...conditions))
    .orderBy(asc(patients.familyName), asc(patients.givenNames), asc(patients.mrn))
    .limit(page.limit)
    .offset(page.offset);
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (rows.length === 0 && page.offset > 0) {
    const [count] = await ex.select({ n: sql<string | number>`count(*)` }).from(patients).where(and(...conditions));
    total = Number(count?.n ?? 0);
  }
  return { rows: rows.map((r) => r.patient), total };
}
