/**
 * A clinic's values for rule parameters, kept as an append-only history of changes: the current value of a
 * parameter is its highest version. Writers insert the next version and learn of a concurrent change from a
 * taken version (no row is written).
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { clinicSettingChanges } from '../schema.js';
import type { Executor } from '../database.js';

export type SettingValueJson = number | boolean | string;

export interface SettingChangeRow {
  parameterId: string;
  version: number;
  /** null: the change returned the parameter to its default. */
  value: SettingValueJson | null;
  previousValue: SettingValueJson | null;
  reason: string;
  changedBy: string;
  changedByEmail: string;
  changedByRole: string;
  changedAt: Date;
}

/** jsonb read as its JSON text: a stored string such as "12" must not come back as the number 12. */
function jsonText(column: typeof clinicSettingChanges.value | typeof clinicSettingChanges.previousValue) {
  return sql<string | null>`${column}::text`;
}

function parseJson(text: string | null): SettingValueJson | null {
  return text === null ? null : (JSON.parse(text) as SettingValueJson);
}

const changeColumns = {
  parameterId: clinicSettingChanges.parameterId,
  version: clinicSettingChanges.version,
  value: jsonText(clinicSettingChanges.value),
  previousValue: jsonText(clinicSettingChanges.previousValue),
  reason: clinicSettingChanges.reason,
  changedBy: clinicSettingChanges.changedBy,
  changedByEmail: clinicSettingChanges.changedByEmail,
  changedByRole: clinicSettingChanges.changedByRole,
  changedAt: clinicSettingChanges.changedAt,
};

function toRow(
  r: Omit<SettingChangeRow, 'value' | 'previousValue'> & {
    value: string | null;
    previousValue: string | null;
  },
): SettingChangeRow {
  return { ...r, value: parseJson(r.value), previousValue: parseJson(r.previousValue) };
}

/** The latest change of every parameter the clinic has ever changed (including those set back to default). */
export async function listCurrentSettingChanges(ex: Executor, clinicId: string): Promise<SettingChangeRow[]> {
  const rows = await ex
    .selectDistinctOn([clinicSettingChanges.parameterId], changeColumns)
    .from(clinicSettingChanges)
    .where(eq(clinicSettingChanges.clinicId, clinicId))
    .orderBy(clinicSettingChanges.parameterId, desc(clinicSettingChanges.version));
  return rows.map(toRow);
}

/** The latest change of one parameter, or null when the clinic never changed it. */
export async function findCurrentSettingChange(
  ex: Executor,
  clinicId: string,
  parameterId: string,
): Promise<SettingChangeRow | null> {
  const [row] = await ex
    .select(changeColumns)
    .from(clinicSettingChanges)
    .where(
      and(eq(clinicSettingChanges.clinicId, clinicId), eq(clinicSettingChanges.parameterId, parameterId)),
    )
    .orderBy(desc(clinicSettingChanges.version))
    .limit(1);
  return row ? toRow(row) : null;
}

/** Every change of one parameter, newest first. */
export async function listSettingChanges(
  ex: Executor,
  clinicId: string,
  parameterId: string,
): Promise<SettingChangeRow[]> {
  const rows = await ex
    .select(changeColumns)
    .from(clinicSettingChanges)
    .where(
      and(eq(clinicSettingChanges.clinicId, clinicId), eq(clinicSettingChanges.parameterId, parameterId)),
    )
    .orderBy(desc(clinicSettingChanges.version));
  return rows.map(toRow);
}

export interface NewSettingChange {
  clinicId: string;
  parameterId: string;
  version: number;
  value: SettingValueJson | null;
  previousValue: SettingValueJson | null;
  reason: string;
  changedBy: string;
  changedByEmail: string;
  changedByRole: string;
  changedAt: Date;
}

/**
 * Inserts a change as `version`; false when that version is already taken (someone else changed the
 * parameter first). ON CONFLICT keeps the caller's transaction usable for recording the refusal.
 */
export async function insertSettingChange(ex: Executor, change: NewSettingChange): Promise<boolean> {
  const inserted = await ex
    .insert(clinicSettingChanges)
    .values(change)
    .onConflictDoNothing()
    .returning({ version: clinicSettingChanges.version });
  return inserted.length === 1;
}
