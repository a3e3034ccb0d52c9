/** Dated body measurements (weight in kg, height in cm): a history, never overwritten. */
import { and, desc, eq, lte } from 'drizzle-orm';
import { patientMeasurements, users } from '../schema.js';
import type { Executor } from '../database.js';

export type MeasurementRow = typeof patientMeasurements.$inferSelect;
export type MeasurementWithRecorder = MeasurementRow & { recordedByName: string };

export async function insertMeasurement(ex: Executor, row: typeof patientMeasurements.$inferInsert): Promise<MeasurementRow> {
  const [inserted] = await ex.insert(patientMeasurements).values(row).returning();
  if (!inserted) throw new Error('insert into patient_measurements returned no row');
  return inserted;
}

export async function listMeasurements(
  ex: Executor,
  clinicId: string,
  patientId: string,
  kind?: 'weight' | 'height',
): Promise<MeasurementWithRecorder[]> {
  const rows = await ex
    .select({ m: patientMeasurements, recordedByName: users.displayName })
    .from(patientMeasurements)
    .innerJoin(users, and(eq(users.clinicId, patientMeasurements.clinicId), eq(users.id, patientMeasurements.recordedBy)))
    .where(
      and(
        eq(patientMeasurements.clinicId, clinicId),
        eq(patientMeasurements.patientId, patientId),
        kind ? eq(patientMeasurements.kind, kind) : undefined,
      ),
    )
    .orderBy(desc(patientMeasurements.measuredOn), desc(patientMeasurements.recordedAt));
  return rows.map((r) => ({ ...r.m, recordedByName: r.recordedByName }));
}

/** The weight in force on `onDate`: the latest measured on or before it (latest recorded wins a tie). */
export async function findWeightOn(ex: Executor, clinicId: string, patientId: string, onDate: string): Promise<MeasurementRow | null> {
  const [row] = await ex
    .select()
    .from(patientMeasurements)
    .where(
      and(
        eq(patientMeasurements.clinicId, clinicId),
        eq(patientMeasurements.patientId, patientId),
        eq(patientMeasurements.kind, 'weight'),
        lte(patientMeasurements.measuredOn, onDate),
      ),
    )
    .orderBy(desc(patientMeasurements.measuredOn), desc(patientMeasurements.recordedAt))
    .limit(1);
  return row ?? null;
}
