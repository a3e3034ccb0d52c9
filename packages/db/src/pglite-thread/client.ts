/**
 * The main thread's handle on the embedded database running in its own thread (worker.ts). It offers the
 * part of PGlite's interface that Drizzle and Ketapath use: query, exec, transaction, dumpDataDir, close.
 * If the thread dies, every pending and later call fails; nothing is retried silently.
 */
import { Worker } from 'node:worker_threads';
import type { Results } from '@electric-sql/pglite';
import type { WireError, WireQueryOptions, WorkerReply, WorkerRequest, WorkerStart } from './protocol.js';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The query options Drizzle passes: its `parsers` always read some types raw; only the OIDs cross the thread. */
interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  return Object.assign(error, wire.fields);
}

function wireOptions(options: QueryOptions | undefined): WireQueryOptions {
  return {
    ...(options?.rowMode ? { rowMode: options.rowMode } : {}),
    ...(options?.parsers ? { rawTypeOids: Object.keys(options.parsers).map(Number) } : {}),
  };
}

export interface ThreadQueryable {
  query<T = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
}

export class PGliteThread implements ThreadQueryable {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: WorkerReply) => {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.ok) call.resolve(message.result);
      else call.reject(fromWireError(message.error));
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const call of this.pending.values()) call.reject(this.failure);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      fail(new Error(`the embedded database thread stopped (exit code ${code})`));
    });
  }

  /** Starts the thread and opens the database in it (a data directory, or in memory from an optional dump). */
  static async start(options: { dataDir?: string; loadDataDir?: Blob }): Promise<PGliteThread> {
    const loadDataDir = options.loadDataDir ? await options.loadDataDir.arrayBuffer() : null;
    const start: WorkerStart = { dataDir: options.dataDir ?? null, loadDataDir };
    // Built, the worker is worker.js. From source (development and tests) it is worker.ts, and the thread
    // first registers the TypeScript loader through tsx's API (Node 20 applies no loader flags to a
    // worker's entry file).
    const fromSource = import.meta.url.endsWith('.ts');
    const workerOptions = { workerData: start, ...(loadDataDir ? { transferList: [loadDataDir] } : {}) };
    const worker = fromSource
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
            `.then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); })`,
          { ...workerOptions, eval: true },
        )
      : new Worker(new URL('./worker.js', import.meta.url), workerOptions);
    const thread = new PGliteThread(worker);
    await new Promise<void>((resolve, reject) => {
      thread.pending.set(0, {
        resolve: () => {
          resolve();
        },
        reject,
      });
    });
    return thread;
  }

  private call<T>(body: RequestBody): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...body, id });
    });
  }

  query<T = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
    options?: QueryOptions,
  ): Promise<Results<T>> {
    return this.call({ op: 'query', sql, params, tx: null, options: wireOptions(options) });
  }

  exec(sql: string): Promise<Results[]> {
    return this.call({ op: 'exec', sql, tx: null });
  }

  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  async transaction<T>(fn: (tx: ThreadQueryable) => Promise<T>): Promise<T> {
    const tx = await this.call<number>({ op: 'begin' });
    const handle: ThreadQueryable = {
      query: <R = Record<string, unknown>>(sql: string, params: unknown[] = [], options?: QueryOptions) =>
        this.call<Results<R>>({ op: 'query', sql, params, tx, options: wireOptions(options) }),
      exec: (sql: string) => this.call<Results[]>({ op: 'exec', sql, tx }),
    };
    let result: T;
    try {
      result = await fn(handle);
    } catch (error) {
      await this.call({ op: 'rollback', tx }).catch(() => undefined);
      throw error;
    }
    await this.call({ op: 'commit', tx });
    return result;
  }

  async dumpDataDir(compression: 'gzip' | 'none' = 'gzip'): Promise<Blob> {
    const buffer = await this.call<ArrayBuffer>({ op: 'dump', compression });
    return new Blob([buffer]);
  }

  async close(): Promise<void> {
    if (!this.failure) await this.call({ op: 'close' });
    await this.worker.terminate();
  }
}
