/**
 * Server configuration, parsed once from the environment at start into one frozen object. Bad values stop
 * the start with a message naming the variable. `.env.example` lists every variable.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built clinician app, whether the server runs from src/ (tsx) or dist/ (node). */
const DEFAULT_STATIC_DIR = path.resolve(here, '../../clinician/dist');

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DB_POOL_SIZE: int(10, 1, 200),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: int(30, 1, 24 * 60),
  SESSION_ABSOLUTE_HOURS: int(12, 1, 7 * 24),
  LOGIN_SLOWDOWN_AFTER: int(3, 1, 100),
  LOGIN_LOCKOUT_AFTER: int(5, 1, 100),
  LOGIN_LOCKOUT_MINUTES: int(15, 1, 24 * 60),
  BODY_LIMIT_BYTES: int(262_144, 1024, 50 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STATIC_DIR: z.string().default(DEFAULT_STATIC_DIR),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  TIME_ZONE: z.string().default(Intl.DateTimeFormat().resolvedOptions().timeZone),
});

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly database: { kind: 'postgresql'; url: string; poolSize: number } | { kind: 'embedded'; dataDir: string };
  readonly dataDir: string;
  readonly sessionSecret: string;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  readonly login: { slowdownAfter: number; lockoutAfter: number; lockoutMinutes: number };
  readonly bodyLimitBytes: number;
  readonly logLevel: string;
  readonly staticDir: string | null;
  readonly trustProxy: boolean;
  readonly timeZone: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the session secret: SESSION_SECRET when set (required in production); otherwise, for the embedded
 * database, one generated once and kept in the data directory so sign-ins survive a restart.
 */
function resolveSessionSecret(env: z.infer<typeof ZEnv>, dataDir: string): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  if (env.NODE_ENV === 'production') throw new ConfigError('SESSION_SECRET: required in production (32+ characters)');
  if (env.DATABASE_URL) return randomBytes(32).toString('base64url');
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const env = parsed.data;
  if (env.LOGIN_SLOWDOWN_AFTER > env.LOGIN_LOCKOUT_AFTER) {
    throw new ConfigError('LOGIN_SLOWDOWN_AFTER: must not be greater than LOGIN_LOCKOUT_AFTER');
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: env.TIME_ZONE });
  } catch {
    throw new ConfigError(`TIME_ZONE: unknown time zone ${env.TIME_ZONE}`);
  }
  const dataDir = path.resolve(env.DATA_DIR);
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL
      ? { kind: 'postgresql' as const, url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE }
      : { kind: 'embedded' as const, dataDir },
    dataDir,
    sessionSecret: resolveSessionSecret(env, dataDir),
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
    login: { slowdownAfter: env.LOGIN_SLOWDOWN_AFTER, lockoutAfter: env.LOGIN_LOCKOUT_AFTER, lockoutMinutes: env.LOGIN_LOCKOUT_MINUTES },
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    logLevel: env.LOG_LEVEL,
    staticDir: env.STATIC_DIR === '' ? null : path.resolve(env.STATIC_DIR),
    trustProxy: env.TRUST_PROXY === 'true',
    timeZone: env.TIME_ZONE,
  });
}

/** The only place test settings differ: silent logs, a fixed secret, no static files, an in-memory DB chosen by the test. */
export function loadTestConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      STATIC_DIR: '',
      TIME_ZONE: 'UTC',
    }),
    ...overrides,
  });
}
