/**
 * The embedded database's own thread: it owns the PGlite instance (PostgreSQL compiled to WebAssembly) and
 * answers queries posted by the main thread, so the HTTP work and the database work run on separate cores.
 * PGlite's own mutex still orders every statement and transaction, exactly as on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import {
  ERROR_FIELDS,
  type WireError,
  type WireQueryOptions,
  type WorkerReply,
  type WorkerRequest,
  type WorkerStart,
} from './protocol.js';

const port = parentPort;
if (!port) throw new Error('pglite-thread/worker.ts must run in a worker thread');
const start = workerData as WorkerStart;

function toWireError(error: unknown): WireError {
  const e = error instanceof Error ? error : new Error(String(error));
  const fields: Record<string, unknown> = {};
  for (const key of ERROR_FIELDS) {
    const value = (e as unknown as Record<string, unknown>)[key];
    if (value !== undefined) fields[key] = value;
  }
  return { message: e.message, name: e.name, fields };
}

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port?.postMessage(message, transfer);
}

function queryOptions(options: WireQueryOptions) {
  const parsers: Record<number, (value: string) => string> = {};
  for (const oid of options.rawTypeOids ?? []) parsers[oid] = (value) => value;
  return { ...(options.rowMode ? { rowMode: options.rowMode } : {}), parsers };
}

const pglite = await PGlite.create({
  ...(start.dataDir ? { dataDir: start.dataDir } : {}),
  ...(start.loadDataDir ? { loadDataDir: new Blob([start.loadDataDir]) } : {}),
});

interface OpenTransaction {
  tx: Transaction;
  finish: (commit: boolean) => void;
}
const transactions = new Map<number, OpenTransaction>();
const settles = new Map<number, Promise<void>>();
let nextTransaction = 1;

function executorOf(tx: number | null): Pick<Transaction, 'query' | 'exec'> {
  if (tx === null) return pglite;
  const open = transactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  return open.tx;
}

async function handle(request: WorkerRequest): Promise<void> {
  try {
    switch (request.op) {
      case 'query': {
        const result = await executorOf(request.tx).query(
          request.sql,
          request.params,
          queryOptions(request.options),
        );
        reply({ id: request.id, ok: true, result });
        return;
      }
      case 'exec': {
        const result = await executorOf(request.tx).exec(request.sql);
        reply({ id: request.id, ok: true, result });
        return;
      }
      case 'begin': {
        // PGlite runs the callback while holding its mutex; the main thread's commit or rollback decides it.
        const txId = nextTransaction++;
        let began = false;
        let finish: (commit: boolean) => void = () => undefined;
        const decided = new Promise<boolean>((resolve) => {
          finish = resolve;
        });
        const settled = pglite
          .transaction(async (tx) => {
            transactions.set(txId, { tx, finish });
            began = true;
            reply({ id: request.id, ok: true, result: txId });
            if (!(await decided)) await tx.rollback();
          })
          .finally(() => transactions.delete(txId));
        settles.set(txId, settled);
        settled.catch((error: unknown) => {
          if (began) return; // reported to whoever commits or rolls back
          settles.delete(txId);
          reply({ id: request.id, ok: false, error: toWireError(error) });
        });
        return;
      }
      case 'commit':
      case 'rollback': {
        const open = transactions.get(request.tx);
        const settled = settles.get(request.tx);
        settles.delete(request.tx);
        if (!open || !settled) throw new Error(`transaction ${request.tx} is not open`);
        open.finish(request.op === 'commit');
        await settled;
        reply({ id: request.id, ok: true, result: null });
        return;
      }
      case 'dump': {
        const blob = await pglite.dumpDataDir(request.compression);
        const buffer = await blob.arrayBuffer();
        reply({ id: request.id, ok: true, result: buffer }, [buffer]);
        return;
      }
      case 'close': {
        await pglite.close();
        reply({ id: request.id, ok: true, result: null });
        return;
      }
    }
  } catch (error) {
    reply({ id: request.id, ok: false, error: toWireError(error) });
  }
}

port.on('message', (request: WorkerRequest) => {
  void handle(request);
});
reply({ id: 0, ok: true, result: 'ready' });
