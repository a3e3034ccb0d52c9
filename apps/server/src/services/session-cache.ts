/**
 * An in-memory cache of live sessions, used only on the embedded database. There, the data-directory lock
 * guarantees that this process is the only one that can write sessions, so every revocation passes through
 * here and the cache stays exact; it saves a database lookup on every request. On PostgreSQL several
 * servers may share the sessions table, so nothing is cached.
 */
import type { LiveSession } from '@ketapath/db';

/** Even an exact cache re-reads now and then, so nothing stale can outlive this. */
const MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 10_000;

export class SessionCache {
  private readonly entries = new Map<string, { session: LiveSession; cachedAtMs: number }>();

  /** The cached session if it is still live at `now`; expiry is checked here as the database would. */
  get(tokenHash: string, now: Date): LiveSession | null {
    const entry = this.entries.get(tokenHash);
    if (!entry) return null;
    const t = now.getTime();
    const { session } = entry;
    if (t - entry.cachedAtMs > MAX_AGE_MS || session.idleExpiresAt.getTime() <= t || session.absoluteExpiresAt.getTime() <= t) {
      this.entries.delete(tokenHash);
      return null;
    }
    return session;
  }

  set(session: LiveSession, now: Date): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(session.tokenHash, { session, cachedAtMs: now.getTime() });
  }

  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }
}
