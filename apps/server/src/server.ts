/**
 * Starts Ketapath: opens the database (taking the embedded directory lock), applies migrations, and
 * listens. Stops cleanly on SIGINT/SIGTERM so the embedded database is closed and its lock released.
 */
import { analyzeDatabase, migrate, openDatabase, vacuumDatabase, type Database } from '@ketapath/db';
import type { Clock } from '@ketapath/core';
import { buildApp, type ZodApp } from './app.js';
import type { Config } from './config.js';

export const systemClock: Clock = { now: () => new Date() };

export interface RunningServer {
  app: ZodApp;
  database: Database;
  url: string;
  close(): Promise<void>;
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.database.kind === 'postgresql'
    ? openDatabase({ kind: 'postgresql', url: config.database.url, poolSize: config.database.poolSize })
    : openDatabase({ kind: 'embedded', dataDir: config.database.dataDir });
}

const ANALYZE_EVERY_MS = 5 * 60_000;
const VACUUM_EVERY_MS = 60 * 60_000;

/**
 * Statistics and vacuuming for the embedded database, which has no autovacuum. Returns a stop function.
 * (PostgreSQL servers run autovacuum themselves.)
 */
function scheduleEmbeddedMaintenance(database: Database, log: (error: unknown) => void): () => void {
  if (database.kind !== 'embedded') return () => undefined;
  const analyze = setInterval(() => void analyzeDatabase(database).catch(log), ANALYZE_EVERY_MS);
  const vacuum = setInterval(() => void vacuumDatabase(database).catch(log), VACUUM_EVERY_MS);
  analyze.unref();
  vacuum.unref();
  return () => {
    clearInterval(analyze);
    clearInterval(vacuum);
  };
}

export async function startServer(config: Config, options: { database?: Database; clock?: Clock } = {}): Promise<RunningServer> {
  const database = options.database ?? (await openConfiguredDatabase(config));
  let app: ZodApp | null = null;
  try {
    const migrated = await migrate(database);
    ({ app } = await buildApp({ config, database, clock: options.clock ?? systemClock }));
    if (migrated.applied.length > 0) app.log.info({ applied: migrated.applied }, 'database migrated');
    if (database.kind === 'embedded' && config.env === 'production') {
      app.log.warn(
        'Running on the embedded database in production. It survives a process crash but not a power loss or ' +
          'operating-system crash (it does not fsync). Set DATABASE_URL to a PostgreSQL server for production use.',
      );
    }
    if (database.kind === 'embedded') await analyzeDatabase(database);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const started = app;
  const stopMaintenance = scheduleEmbeddedMaintenance(database, (error) => {
    started.log.error({ err: error }, 'database maintenance failed');
  });
  return {
    app: started,
    database,
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    close: async () => {
      stopMaintenance();
      await started.close();
      await database.close();
    },
  };
}

/** Closes the server on SIGINT/SIGTERM (second signal: exit at once). */
export function closeOnSignals(server: RunningServer): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
