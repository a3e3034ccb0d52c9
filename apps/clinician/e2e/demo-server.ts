/**
 * Starts `ketapath demo --serve --port 0` on a fresh data directory as a child process, for browser tests,
 * and reads the URL and demo logins it prints; launches Debian's Chromium the same way for every test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export interface DemoServer {
  url: string;
  logins: DemoLogin[];
  login(role: string): DemoLogin;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 90_000;

export async function startDemoServer(): Promise<DemoServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ketapath-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'apps/cli/src/main.ts', 'demo', '--serve', '--port', '0'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) =>
        child.once('exit', () => {
          resolve();
        }),
      );
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(`demo server did not print its URL within ${START_TIMEOUT_MS} ms\n${stdout}\n${stderr}`),
        );
      }, START_TIMEOUT_MS);
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const found = /Open (http:\/\/127\.0\.0\.1:\d+) and sign in/.exec(stdout);
        // The logins follow the URL line; a blank line ends the block.
        if (found?.[1] && stdout.includes('\n\n', found.index)) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`demo server exited with ${code}\n${stdout}\n${stderr}`));
      });
    });
    const logins = [
      ...stdout.matchAll(/^\s+(admin|physician|nurse|front_desk)\s+(\S+@\S+)\s+(\S+)\s*$/gm),
    ].map((m) => ({
      role: m[1] ?? '',
      email: m[2] ?? '',
      password: m[3] ?? '',
    }));
    return {
      url,
      logins,
      login(role) {
        const found = logins.find((l) => l.role === role);
        if (!found) throw new Error(`the demo printed no ${role} login:\n${stdout}`);
        return found;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Headless Debian Chromium with the flags this machine needs (no background networking: the network is closed). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Waits until the focused element's id ends with `idSuffix`, failing with `message` after `timeoutMs`. The app
 * moves focus in an animation frame after a render, so a one-shot read right after a click races it.
 */
export async function waitForFocus(
  page: Page,
  idSuffix: string,
  message: string,
  timeoutMs = 5_000,
): Promise<void> {
  try {
    await page.waitForFunction((suffix) => document.activeElement?.id.endsWith(suffix) === true, idSuffix, {
      timeout: timeoutMs,
    });
  } catch {
    const focused = await page.evaluate(() => document.activeElement?.id ?? '(none)');
    throw new Error(`${message}: focus is on "${focused}", expected an id ending in "${idSuffix}"`);
  }
}
