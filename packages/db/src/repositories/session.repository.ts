/** Server-side sign-in sessions: revocable, with idle and absolute expiry. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { clinics, sessions, users } from '../schema.js';
import type { Executor } from '../database.js';
import type { ClinicRow } from './clinic.repository.js';
import type { UserRow } from './user.repository.js';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(ex: Executor, row: typeof sessions.$inferInsert): Promise<void> {
  await ex.insert(sessions).values(row);
}

/** The live session for a token hash at `now`, with its user and clinic; null when absent, expired or revoked. */
export async function findLiveSession(
  ex: Executor,
  tokenHash: string,
  now: Date,
): Promise<{ session: SessionRow; user: UserRow; clinic: ClinicRow } | null> {
  const [row] = await ex
    .select()
    .from(sessions)
    .innerJoin(users, and(eq(users.clinicId, sessions.clinicId), eq(users.id, sessions.userId)))
    .innerJoin(clinics, eq(clinics.id, sessions.clinicId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        gt(sessions.idleExpiresAt, now),
        gt(sessions.absoluteExpiresAt, now),
      ),
    );
  return row ? { session: row.sessions, user: row.users, clinic: row.clinics } : null;
}

export async function touchSession(ex: Executor, tokenHash: string, now: Date, idleExpiresAt: Date): Promise<void> {
  await ex.update(sessions).set({ lastSeenAt: now, idleExpiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function revokeSession(ex: Executor, tokenHash: string, now: Date): Promise<void> {
  await ex.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(ex: Executor, clinicId: string, userId: string, now: Date): Promise<void> {
  await ex
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.clinicId, clinicId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
