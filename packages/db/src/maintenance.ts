/**
 * Housekeeping the embedded database needs from us: PGlite runs no autovacuum daemon, so without these
 * the planner works from the statistics of an empty database and dead rows are never reclaimed.
 */
import type { Database } from './database.js';

/** Refreshes planner statistics (cheap; run every few minutes). */
export async function analyzeDatabase(database: Database): Promise<void> {
  await database.sql.exec('ANALYZE');
}

/** Reclaims dead rows and refreshes statistics (run every hour or so). */
export async function vacuumDatabase(database: Database): Promise<void> {
  await database.sql.exec('VACUUM (ANALYZE)');
}
