/** Server-side sign-in sessions: revocable, with idle and absolute expiry. */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { clinics, sessions, users } from '../schema.js';
import type { Db, Executor } from '../database.js';
import type { ClinicRow } from './clinic.repository.js';
import type { UserRow } from './user.repository.js';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(ex: Executor, row: typeof sessions.$inferInsert): Promise<void> {
  await ex.insert(sessions).values(row);
}

export interface LiveSession {
  tokenHash: string;
  csrfToken: string;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  user: Pick<UserRow, 'id' | 'clinicId' | 'email' | 'displayName' | 'role' | 'isActive'>;
  clinic: Pick<ClinicRow, 'id' | 'slug' | 'name' | 'isDemo'>;
}

function prepareLiveSession(db: Db) {
  return db
    .select({
      tokenHash: sessions.tokenHash,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      idleExpiresAt: sessions.idleExpiresAt,
      absoluteExpiresAt: sessions.absoluteExpiresAt,
      user: { id: users.id, clinicId: users.clinicId, email: users.email, displayName: users.displayName, role: users.role, isActive: users.isActive },
      clinic: { id: clinics.id, slug: clinics.slug, name: clinics.name, isDemo: clinics.isDemo },
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.clinicId, sessions.clinicId), eq(users.id, sessions.userId)))
    .innerJoin(clinics, eq(clinics.id, sessions.clinicId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        gt(sessions.idleExpiresAt, sql.placeholder('now')),
        gt(sessions.absoluteExpiresAt, sql.placeholder('now')),
      ),
    )
    .prepare('ketapath_live_session');
}

/** Every request looks its session up: the query is built once per database handle, not per call. */
const liveSessionQueries = new WeakMap<Db, ReturnType<typeof prepareLiveSession>>();

/** The live session for a token hash at `now`, with its user and clinic; null when absent, expired or revoked. */
export async function findLiveSession(db: Db, tokenHash: string, now: Date): Promise<LiveSession | null> {
  let query = liveSessionQueries.get(db);
  if (!query) {
    query = prepareLiveSession(db);
    liveSessionQueries.set(db, query);
  }
  const [row] = await query.execute({ tokenHash, now });
  return row ?? null;
}

export async function touchSession(ex: Executor, tokenHash: string, now: Date, idleExpiresAt: Date): Promise<void> {
  await ex.update(sessions).set({ lastSeenAt: now, idleExpiresAt }).where(eq(sessions.tokenHash, tokenHash));
}

export async function revokeSession(ex: Executor, tokenHash: string, now: Date): Promise<void> {
  await ex.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}
