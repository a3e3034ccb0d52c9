/**
 * The session chart: append-only entries numbered per session. The database refuses UPDATE and DELETE; a
 * retried post with the same client entry id is recognised by the unique key, never stored twice.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { sessionEntries } from '../schema.js';
import type { Executor } from '../database.js';

export type SessionEntryRow = typeof sessionEntries.$inferSelect;
export type SessionEntryInsert = typeof sessionEntries.$inferInsert;

/**
 * Inserts an entry; false when its client entry id (or number) is already taken in the session. ON CONFLICT
 * keeps the transaction usable, so the caller can answer with the stored entry.
 */
export async function insertSessionEntry(ex: Executor, row: SessionEntryInsert): Promise<boolean> {
  const inserted = await ex
    .insert(sessionEntries)
    .values(row)
    .onConflictDoNothing()
    .returning({ seq: sessionEntries.seq });
  return inserted.length === 1;
}

export async function findSessionEntryByClientId(
  ex: Executor,
  clinicId: string,
  sessionId: string,
  clientEntryId: string,
): Promise<SessionEntryRow | null> {
  const [row] = await ex
    .select()
    .from(sessionEntries)
    .where(
      and(
        eq(sessionEntries.clinicId, clinicId),
        eq(sessionEntries.sessionId, sessionId),
        eq(sessionEntries.clientEntryId, clientEntryId),
      ),
    );
  return row ?? null;
}

/** Every entry of a session in order. */
export async function listSessionEntries(
  ex: Executor,
  clinicId: string,
  sessionId: string,
): Promise<SessionEntryRow[]> {
  return ex
    .select()
    .from(sessionEntries)
    .where(and(eq(sessionEntries.clinicId, clinicId), eq(sessionEntries.sessionId, sessionId)))
    .orderBy(asc(sessionEntries.seq));
}

/**
 * The entries of a session numbered after `afterSeq`, in order. Entries are append-only and numbered without
 * gaps (a rolled-back entry also rolls back its number), so a list known up to `afterSeq` plus these is the
 * whole chart.
 */
export async function listSessionEntriesAfter(
  ex: Executor,
  clinicId: string,
  sessionId: string,
  afterSeq: number,
): Promise<SessionEntryRow[]> {
  return ex
    .select()
    .from(sessionEntries)
    .where(
      and(
        eq(sessionEntries.clinicId, clinicId),
        eq(sessionEntries.sessionId, sessionId),
        gt(sessionEntries.seq, afterSeq),
      ),
    )
    .orderBy(asc(sessionEntries.seq));
}

/** Every entry of several sessions, in order per session (floor board, a patient's session list). */
export async function listEntriesOfSessions(
  ex: Executor,
  clinicId: string,
  sessionIds: readonly string[],
): Promise<SessionEntryRow[]> {
  if (sessionIds.length === 0) return [];
  return ex
    .select()
    .from(sessionEntries)
    .where(and(eq(sessionEntries.clinicId, clinicId), inArray(sessionEntries.sessionId, [...sessionIds])))
    .orderBy(asc(sessionEntries.sessionId), asc(sessionEntries.seq));
}
