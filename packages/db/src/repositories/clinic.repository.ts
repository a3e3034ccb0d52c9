/** Clinics (tenants) and their per-clinic medical-record-number counter. */
import { eq, sql } from 'drizzle-orm';
import { clinics } from '../schema.js';
import type { Executor } from '../database.js';

export type ClinicRow = typeof clinics.$inferSelect;

export async function insertClinic(ex: Executor, input: { slug: string; name: string; isDemo: boolean }): Promise<ClinicRow> {
  const [row] = await ex.insert(clinics).values(input).returning();
  if (!row) throw new Error('insert into clinics returned no row');
  return row;
}

export async function findClinicBySlug(ex: Executor, slug: string): Promise<ClinicRow | null> {
  const [row] = await ex.select().from(clinics).where(eq(clinics.slug, slug));
  return row ?? null;
}

export async function findClinicById(ex: Executor, id: string): Promise<ClinicRow | null> {
  const [row] = await ex.select().from(clinics).where(eq(clinics.id, id));
  return row ?? null;
}

export async function listClinics(ex: Executor): Promise<ClinicRow[]> {
  return ex.select().from(clinics).orderBy(clinics.slug);
}

/**
 * Takes the clinic's next MRN number (and says whether the clinic holds demo data). The row lock this UPDATE holds until commit serialises concurrent
 * creations, so numbers are unique and, within committed transactions, without gaps from races.
 */
export async function allocateMrnNumber(ex: Executor, clinicId: string): Promise<{ mrnNumber: number; isDemoClinic: boolean }> {
  const [row] = await ex
    .update(clinics)
    .set({ nextMrn: sql`${clinics.nextMrn} + 1` })
    .where(eq(clinics.id, clinicId))
    .returning({ taken: sql<number>`${clinics.nextMrn} - 1`, isDemo: clinics.isDemo });
  if (!row) throw new Error(`clinic ${clinicId} not found while allocating an MRN`);
  return { mrnNumber: row.taken, isDemoClinic: row.isDemo };
}
