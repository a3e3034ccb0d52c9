/**
 * A fresh, migrated database per test file. With KETAPATH_TEST_DATABASE_URL set, a new database is created
 * on that PostgreSQL server (and dropped afterwards); otherwise an in-memory PGlite is loaded from a migrated
 * template, built once per set of migration files and cached in the temp directory (initdb takes seconds,
 * loading the template well under one).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, readMigrations, type Database } from '@ketapath/db';

export const TEST_DATABASE_URL = process.env.KETAPATH_TEST_DATABASE_URL;
export const TEST_DB_KIND = TEST_DATABASE_URL ? 'postgresql' : 'embedded';

async function templateBlob(): Promise<Blob> {
  const key = createHash('sha256')
    .update(
      readMigrations()
        .map((m) => m.checksum)
        .join(','),
    )
    .digest('hex')
    .slice(0, 16);
  const file = path.join(tmpdir(), `ketapath-test-template-${key}.tar`);
  if (!existsSync(file)) {
    const db = await openDatabase({ kind: 'embedded-memory' });
    await migrate(db);
    const blob = await db.embedded!.dumpDataDir('none');
    await db.close();
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file);
  }
  return new Blob([readFileSync(file)]);
}

export async function openTestDatabase(): Promise<Database> {
  if (!TEST_DATABASE_URL) return openDatabase({ kind: 'embedded-memory', loadDataDir: await templateBlob() });
  const scratch = await createScratchPostgresUrl();
  const database = await openDatabase({ kind: 'postgresql', url: scratch.url, poolSize: 5 });
  await migrate(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

/** A fresh empty database URL on the test server (for tests that start a server process themselves). */
export async function createScratchPostgresUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('KETAPATH_TEST_DATABASE_URL is not set');
  const name = `ketapath_scratch_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
