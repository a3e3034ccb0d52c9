/**
 * Forward-only migrations: the .sql files in ../migrations, applied in name order, each in its own
 * transaction with a checksum. An applied file that has since changed is an error, never re-run.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

/** An arbitrary constant naming Ketapath's migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK_KEY = 724_119_031;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{12}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(database: Database, files = readMigrations()): Promise<MigrationResult> {
  return database.sql.withSession(async (session) => {
    // Two servers starting at once against one PostgreSQL must not both migrate.
    if (database.kind === 'postgresql') await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await session.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Map(
        (await session.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).map(
          (r) => [r.name, r.checksum],
        ),
      );
      for (const [name, checksum] of done) {
        const file = files.find((f) => f.name === name);
        if (!file) throw new Error(`Migration ${name} is applied in the database but missing from ${MIGRATIONS_DIR}.`);
        if (file.checksum !== checksum) {
          throw new Error(`Migration ${name} changed after it was applied. Migrations are forward-only: add a new file.`);
        }
      }
      const applied: string[] = [];
      for (const file of files) {
        if (done.has(file.name)) continue;
        await database.sql.transaction(async (tx) => {
          await tx.exec(file.sql);
          await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
        });
        applied.push(file.name);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      if (database.kind === 'postgresql') await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}
