/**
 * Backup and restore of the embedded database: a gzipped tarball of the PGlite data directory, taken
 * while no server has it open (the directory lock makes sure of that).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, pgliteDirOf } from './database.js';
import { lockDataDir } from './data-dir-lock.js';

export async function backupEmbedded(dataDir: string, outFile: string): Promise<{ bytes: number; patients: number }> {
  if (!existsSync(pgliteDirOf(dataDir))) throw new Error(`There is no embedded database in ${dataDir}.`);
  const database = await openDatabase({ kind: 'embedded', dataDir });
  try {
    const pglite = database.embedded;
    if (!pglite) throw new Error('not an embedded database');
    const [count] = await database.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM patients');
    const blob = await pglite.dumpDataDir('gzip');
    const bytes = Buffer.from(await blob.arrayBuffer());
    writeFileSync(outFile, bytes, { mode: 0o600 });
    return { bytes: bytes.length, patients: count?.n ?? 0 };
  } finally {
    await database.close();
  }
}

/**
 * Restores a backup into `dataDir`. An existing database is kept aside as `pgdata.before-restore-<time>`
 * (only with `replace`), so a restore never destroys data.
 */
export async function restoreEmbedded(
  dataDir: string,
  backupFile: string,
  options: { replace: boolean; now: Date },
): Promise<{ patients: number; keptAside: string | null }> {
  const lock = lockDataDir(dataDir);
  try {
    const target = pgliteDirOf(dataDir);
    let keptAside: string | null = null;
    if (existsSync(target)) {
      if (!options.replace) {
        throw new Error(`${dataDir} already holds a database; pass --replace to keep it aside and restore over it.`);
      }
      keptAside = `${target}.before-restore-${options.now.toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, keptAside);
    }
    const blob = new Blob([readFileSync(backupFile)]);
    const pglite = await PGlite.create({ dataDir: target, loadDataDir: blob });
    try {
      const { rows } = await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM patients');
      return { patients: rows[0]?.n ?? 0, keptAside };
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}
