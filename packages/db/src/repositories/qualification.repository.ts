/** Qualifications: a physician's signature on an intake version (append-only). */
import { and, desc, eq } from 'drizzle-orm';
import { qualifications } from '../schema.js';
import type { Executor } from '../database.js';

export type QualificationRow = typeof qualifications.$inferSelect;
export type QualificationInsert = typeof qualifications.$inferInsert;

export async function insertQualification(ex: Executor, row: QualificationInsert): Promise<QualificationRow> {
  const [inserted] = await ex.insert(qualifications).values(row).returning();
  if (!inserted) throw new Error('insert into qualification returned no row');
  return inserted;
}

/** The patient's most recently signed qualification, or null. */
export async function findLatestQualification(
  ex: Executor,
  clinicId: string,
  patientId: string,
): Promise<QualificationRow | null> {
  const [row] = await ex
    .select()
    .from(qualifications)
    .where(and(eq(qualifications.clinicId, clinicId), eq(qualifications.patientId, patientId)))
    .orderBy(desc(qualifications.signedAt))
    .limit(1);
  return row ?? null;
}

export async function findQualification(
  ex: Executor,
  clinicId: string,
  qualificationId: string,
): Promise<QualificationRow | null> {
  const [row] = await ex
    .select()
    .from(qualifications)
    .where(and(eq(qualifications.clinicId, clinicId), eq(qualifications.id, qualificationId)));
  return row ?? null;
}
