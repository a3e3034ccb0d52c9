/** Messages between the main thread and the thread that runs the embedded database. */

/** Query options that can cross a thread: Drizzle's parser overrides become the list of type OIDs read raw. */
export interface WireQueryOptions {
  rowMode?: 'array' | 'object';
  rawTypeOids?: number[];
}

export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx: number | null; options: WireQueryOptions }
  | { id: number; op: 'exec'; sql: string; tx: number | null }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'dump'; compression: 'gzip' | 'none' }
  | { id: number; op: 'close' };

export interface WireError {
  message: string;
  name: string;
  fields: Record<string, unknown>;
}

export type WorkerReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: WireError };

export interface WorkerStart {
  dataDir: string | null;
  loadDataDir: ArrayBuffer | null;
}

/** Fields of a PostgreSQL error worth carrying across (as pg-protocol's DatabaseError names them). */
export const ERROR_FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
  'where',
] as const;
