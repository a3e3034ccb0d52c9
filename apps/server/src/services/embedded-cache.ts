/**
 * Per-process caches for data that changes only through this process. On the embedded database the
 * data-directory lock makes this server the only writer, so the service that writes a cached value clears it
 * in the same process and the cache stays exact; it saves database round trips on the hot paths (a monitor
 * bridge's vitals post reads the device, the clinic's settings and the patient's rule context). On PostgreSQL
 * several servers may share the database, so nothing is cached there. Even an exact cache re-reads now and
 * then, so nothing stale can outlive MAX_AGE_MS.
 */
import type { AppContext } from '../context.js';

const MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 10_000;

export class ExactCache<V> {
  readonly #entries = new Map<string, { value: V; cachedAtMs: number }>();

  get(key: string, nowMs: number): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (nowMs - entry.cachedAtMs > MAX_AGE_MS) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, nowMs: number): void {
    if (this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, cachedAtMs: nowMs });
  }

  /** Forgets everything: writers call it after their change has committed (and before they answer). */
  clear(): void {
    this.#entries.clear();
  }
}

const caches = new WeakMap<AppContext['database'], Map<string, ExactCache<unknown>>>();

/** The named cache of this database handle, or null on PostgreSQL. */
export function embeddedCache<V>(ctx: AppContext, name: string): ExactCache<V> | null {
  if (ctx.database.kind !== 'embedded') return null;
  let byName = caches.get(ctx.database);
  if (byName === undefined) {
    byName = new Map();
    caches.set(ctx.database, byName);
  }
  let cache = byName.get(name);
  if (cache === undefined) {
    cache = new ExactCache<unknown>();
    byName.set(name, cache);
  }
  return cache as ExactCache<V>;
}

/** Read through a cache: the cached value, or the loaded one (remembered). */
export async function cached<V>(
  cache: ExactCache<V> | null,
  key: string,
  nowMs: number,
  load: () => Promise<V>,
): Promise<V> {
  const hit = cache?.get(key, nowMs);
  if (hit !== undefined) return hit;
  const value = await load();
  cache?.set(key, value, nowMs);
  return value;
}
