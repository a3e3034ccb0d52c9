/**
 * Runs the real `ketapath` command as a child process (from source, through tsx), for tests that need a
 * separate server process: crash and restart, the lock, backup and restore.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchPostgresUrl, TEST_DB_KIND } from './test-db.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = ['--conditions=source', '--import', 'tsx', path.join(REPO_ROOT, 'apps/cli/src/main.ts')];
/** The built command, as production runs it (`npm run build` first). */
export const BUILT_CLI = [path.join(REPO_ROOT, 'apps/cli/dist/main.js')];

export function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { KETAPATH_TEST_DATABASE_URL: _t, DATABASE_URL: _d, ...rest } = process.env;
  return {
    ...rest,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: 'cli-test-secret-cli-test-secret-0123456',
    ...extra,
  };
}

/**
 * Environment for `ketapath` processes on a fresh, empty database of the kind under test: a new database on
 * the PostgreSQL test server, or a new embedded data directory. `cleanup` drops or deletes it.
 */
export async function scratchCliEnv(
  prefix: string,
): Promise<{ env: NodeJS.ProcessEnv; cleanup: () => Promise<void> }> {
  if (TEST_DB_KIND === 'postgresql') {
    const scratch = await createScratchPostgresUrl();
    return { env: cliEnv({ DATABASE_URL: scratch.url }), cleanup: scratch.drop };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), `ketapath-${prefix}-`));
  return {
    env: cliEnv({ DATA_DIR: dataDir }),
    cleanup: () => {
      rmSync(dataDir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin ?? '');
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `ketapath serve --port 0` (or another command that prints a URL) and waits for the URL. */
export function startServerProcess(
  env: NodeJS.ProcessEnv,
  args = ['serve', '--port', '0'],
  timeoutMs = 60_000,
  command: string[] = CLI,
): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (started) return;
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) {
        started = true;
        clearTimeout(timer);
        const exited = new Promise<void>((r) => {
          child.once('exit', () => {
            r();
          });
        });
        resolve({
          child,
          url: match[1],
          output: () => out,
          kill: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
}
