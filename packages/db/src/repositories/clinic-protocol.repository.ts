/**
 * A clinic's own treatment protocols (copies of library protocols, then edited), as an append-only list of
 * versions. Every version stays readable: an order names the version it was written under.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { clinicProtocolVersions } from '../schema.js';
import type { Executor } from '../database.js';

export type ClinicProtocolRow = typeof clinicProtocolVersions.$inferSelect;
export type ClinicProtocolInsert = typeof clinicProtocolVersions.$inferInsert;

/** The latest version of each of the clinic's protocols, ordered by id. */
export async function listLatestClinicProtocols(
  ex: Executor,
  clinicId: string,
): Promise<ClinicProtocolRow[]> {
  return ex
    .selectDistinctOn([clinicProtocolVersions.protocolId])
    .from(clinicProtocolVersions)
    .where(eq(clinicProtocolVersions.clinicId, clinicId))
    .orderBy(asc(clinicProtocolVersions.protocolId), desc(clinicProtocolVersions.version));
}

/** One version of a clinic protocol (the latest when `version` is omitted), or null. */
export async function findClinicProtocol(
  ex: Executor,
  clinicId: string,
  protocolId: string,
  version?: number,
): Promise<ClinicProtocolRow | null> {
  const [row] = await ex
    .select()
    .from(clinicProtocolVersions)
    .where(
      and(
        eq(clinicProtocolVersions.clinicId, clinicId),
        eq(clinicProtocolVersions.protocolId, protocolId),
        version === undefined ? undefined : eq(clinicProtocolVersions.version, version),
      ),
    )
    .orderBy(desc(clinicProtocolVersions.version))
    .limit(1);
  return row ?? null;
}

export type ClinicProtocolVersionSummary = Pick<
  ClinicProtocolRow,
  'version' | 'createdAt' | 'createdByEmail' | 'createdByRole' | 'reason'
>;

/** Every version of a clinic protocol without its definition, newest first. */
export async function listClinicProtocolVersions(
  ex: Executor,
  clinicId: string,
  protocolId: string,
): Promise<ClinicProtocolVersionSummary[]> {
  return ex
    .select({
      version: clinicProtocolVersions.version,
      createdAt: clinicProtocolVersions.createdAt,
      createdByEmail: clinicProtocolVersions.createdByEmail,
      createdByRole: clinicProtocolVersions.createdByRole,
      reason: clinicProtocolVersions.reason,
    })
    .from(clinicProtocolVersions)
    .where(
      and(eq(clinicProtocolVersions.clinicId, clinicId), eq(clinicProtocolVersions.protocolId, protocolId)),
    )
    .orderBy(desc(clinicProtocolVersions.version));
}

/** Inserts a version; false when that (protocol id, version) is already taken in the clinic. */
export async function insertClinicProtocolVersion(ex: Executor, row: ClinicProtocolInsert): Promise<boolean> {
  const inserted = await ex
    .insert(clinicProtocolVersions)
    .values(row)
    .onConflictDoNothing()
    .returning({ version: clinicProtocolVersions.version });
  return inserted.length === 1;
}
