/** Clinics (tenants). Their MRN counter is taken by patient registration (patient.repository.ts). */
import { eq } from 'drizzle-orm';
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
