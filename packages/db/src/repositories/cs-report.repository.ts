/**
 * Look-ups the controlled-substance reports need beside the ledger itself: the registrant clinic, the
 * patients an administration log names (name, MRN, address), and who started each session's infusion (the
 * administering individual). Every query keys on the clinic.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { clinics, patients, sessionEntries, type AddressJson } from '../schema.js';
import type { Executor } from '../database.js';
import type { ClinicRow } from './clinic.repository.js';

export async function findClinicById(ex: Executor, clinicId: string): Promise<ClinicRow | null> {
  const [row] = await ex.select().from(clinics).where(eq(clinics.id, clinicId));
  return row ?? null;
}

export interface ReportPatientRow {
  id: string;
  mrn: string;
  familyName: string;
  givenNames: string;
  address: AddressJson | null;
}

/** The clinic's patients with these ids (others are left out). */
export async function listReportPatients(
  ex: Executor,
  clinicId: string,
  patientIds: readonly string[],
): Promise<ReportPatientRow[]> {
  if (patientIds.length === 0) return [];
  return ex
    .select({
      id: patients.id,
      mrn: patients.mrn,
      familyName: patients.familyName,
      givenNames: patients.givenNames,
      address: patients.address,
    })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, [...patientIds])));
}

/** For each session that started, the staff member who recorded its first `start` entry. */
export async function listSessionStarters(
  ex: Executor,
  clinicId: string,
  sessionIds: readonly string[],
): Promise<{ sessionId: string; userId: string }[]> {
  if (sessionIds.length === 0) return [];
  const rows = await ex
    .select({ sessionId: sessionEntries.sessionId, userId: sessionEntries.recordedBy })
    .from(sessionEntries)
    .where(
      and(
        eq(sessionEntries.clinicId, clinicId),
        inArray(sessionEntries.sessionId, [...sessionIds]),
        eq(sessionEntries.kind, 'start'),
      ),
    )
    .orderBy(asc(sessionEntries.sessionId), asc(sessionEntries.seq));
  const first = new Map<string, string>();
  for (const r of rows) if (r.userId !== null && !first.has(r.sessionId)) first.set(r.sessionId, r.userId);
  return [...first].map(([sessionId, userId]) => ({ sessionId, userId }));
}
