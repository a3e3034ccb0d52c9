/** Intake versions: one append-only row per saved version of a patient's intake, with its eligibility result. */
import { and, desc, eq } from 'drizzle-orm';
import { intakeVersions } from '../schema.js';
import type { Executor } from '../database.js';

export type IntakeVersionRow = typeof intakeVersions.$inferSelect;
export type IntakeVersionInsert = typeof intakeVersions.$inferInsert;
export type IntakeVersionSummary = Pick<
  IntakeVersionRow,
  'version' | 'eligibilityStatus' | 'createdAt' | 'createdByEmail' | 'createdByRole'
>;

/** One version of a patient's intake (the latest when `version` is omitted), or null. */
export async function findIntakeVersion(
  ex: Executor,
  clinicId: string,
  patientId: string,
  version?: number,
): Promise<IntakeVersionRow | null> {
  const [row] = await ex
    .select()
    .from(intakeVersions)
    .where(
      and(
        eq(intakeVersions.clinicId, clinicId),
        eq(intakeVersions.patientId, patientId),
        version === undefined ? undefined : eq(intakeVersions.version, version),
      ),
    )
    .orderBy(desc(intakeVersions.version))
    .limit(1);
  return row ?? null;
}

/** Every version of a patient's intake without its content, newest first. */
export async function listIntakeVersions(
  ex: Executor,
  clinicId: string,
  patientId: string,
): Promise<IntakeVersionSummary[]> {
  return ex
    .select({
      version: intakeVersions.version,
      eligibilityStatus: intakeVersions.eligibilityStatus,
      createdAt: intakeVersions.createdAt,
      createdByEmail: intakeVersions.createdByEmail,
      createdByRole: intakeVersions.createdByRole,
    })
    .from(intakeVersions)
    .where(and(eq(intakeVersions.clinicId, clinicId), eq(intakeVersions.patientId, patientId)))
    .orderBy(desc(intakeVersions.version));
}

/** Inserts a version; false when that version is already taken (someone else saved first). */
export async function insertIntakeVersion(ex: Executor, row: IntakeVersionInsert): Promise<boolean> {
  const inserted = await ex
    .insert(intakeVersions)
    .values(row)
    .onConflictDoNothing()
    .returning({ version: intakeVersions.version });
  return inserted.length === 1;
}
