/**
 * An exclusive lock on an embedded-database data directory. PGlite takes no lock of its own, and two
 * processes on one directory destroy the database, so the second opener must fail at once.
 *
 * The lock is a file created with O_EXCL holding the owner's pid. A lock left by a process that has died
 * (crash, SIGKILL) is stale and is taken over; a live owner makes the open fail with a clear message.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export const LOCK_FILE_NAME = 'ketapath.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Ketapath process (pid ${ownerPid}). ` +
        'Stop that process first; two processes must never open one embedded database.',
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as LockOwner;
  } catch {
    return null; // half-written by an owner that died while writing it
  }
}

export interface DataDirLock {
  readonly lockPath: string;
  release(): void;
}

/** Takes the lock on `dataDir` (creating the directory), or throws DataDirLockedError. */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      const check = readOwner(lockPath);
      if (check?.pid !== me.pid) continue; // another opener replaced a stale lock at the same instant
      return {
        lockPath,
        release: () => {
          if (readOwner(lockPath)?.pid === me.pid) rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(lockPath);
      if (owner && owner.pid !== process.pid && owner.host === me.host && isProcessAlive(owner.pid)) {
        throw new DataDirLockedError(dataDir, owner.pid);
      }
      if (owner && owner.host !== me.host) {
        throw new Error(`The embedded database in ${dataDir} is locked by host ${owner.host} (pid ${owner.pid}).`);
      }
      if (owner?.pid === process.pid) throw new DataDirLockedError(dataDir, owner.pid);
      // Stale: move it aside atomically (only one contender's rename succeeds) and try again.
      try {
        renameSync(lockPath, `${lockPath}.stale-${process.pid}`);
        rmSync(`${lockPath}.stale-${process.pid}`, { force: true });
      } catch {
        /* someone else moved it first */
      }
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}.`);
}
