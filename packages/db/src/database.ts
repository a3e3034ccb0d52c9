/**
 * Opens the database: embedded PGlite in a data directory (default), or a PostgreSQL server when a URL is
 * given. Both speak the same SQL; callers get one Drizzle handle and never see which it is.
 */
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import { schema } from './schema.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { PGliteThread } from './pglite-thread/client.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: repositories take whichever the service gives them. */
export type Executor = Db | Tx;

export type DatabaseKind = 'embedded' | 'postgresql';

/** The few raw operations the migrator and maintenance commands need, on either engine. */
export interface SqlClient {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  /** Runs `fn` on one connection inside BEGIN/COMMIT (ROLLBACK on error). */
  transaction<T>(fn: (client: Omit<SqlClient, 'transaction' | 'withSession'>) => Promise<T>): Promise<T>;
  /** Runs `fn` holding one connection for its whole duration (for session-level advisory locks). */
  withSession<T>(fn: (client: Omit<SqlClient, 'transaction' | 'withSession'>) => Promise<T>): Promise<T>;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Db;
  readonly sql: SqlClient;
  /** The embedded database's thread when embedded (backups, dumps), otherwise null. */
  readonly embedded: PGliteThread | null;
  close(): Promise<void>;
}

export type OpenOptions =
  | { kind: 'postgresql'; url: string; poolSize?: number }
  | { kind: 'embedded'; dataDir: string }
  /** An in-memory PGlite, optionally started from a dump (tests). */
  | { kind: 'embedded-memory'; loadDataDir?: Blob };

/** The PGlite data directory inside Ketapath's data directory; the lock file sits beside it. */
export function pgliteDirOf(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'pgdata');
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === 'postgresql') return openPostgres(options.url, options.poolSize ?? 10);
  // The embedded database runs in its own thread, so HTTP handling and SQL execution use both cores.
  if (options.kind === 'embedded-memory') {
    return wrapPglite(await PGliteThread.start(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}), null);
  }
  const lock = lockDataDir(path.resolve(options.dataDir));
  try {
    return wrapPglite(await PGliteThread.start({ dataDir: pgliteDirOf(options.dataDir) }), lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function wrapPglite(pglite: PGliteThread, lock: DataDirLock | null): Database {
  const raw = {
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
    exec: async (sql: string) => {
      await pglite.exec(sql);
    },
  };
  const sqlClient: SqlClient = {
    ...raw,
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows,
          exec: async (sql: string) => {
            await tx.exec(sql);
          },
        }),
      ),
    // PGlite is a single connection: every call is already on "the" session.
    withSession: (fn) => fn(raw),
  };
  let closed = false;
  return {
    kind: 'embedded',
    // Drizzle's PGlite driver uses only query() and transaction(), which the thread handle provides.
    db: drizzlePglite({ client: pglite as unknown as PGlite, schema }),
    sql: sqlClient,
    embedded: pglite,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const onClient = (client: pg.PoolClient) => ({
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    exec: async (sql: string) => {
      await client.query(sql);
    },
  });
  const sqlClient: SqlClient = {
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    exec: async (sql: string) => {
      await pool.query(sql);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(onClient(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    withSession: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn(onClient(client));
      } finally {
        client.release();
      }
    },
  };
  let closed = false;
  return {
    kind: 'postgresql',
    db: drizzlePg(pool, { schema }),
    sql: sqlClient,
    embedded: null,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
