/**
 * Boots the real server in-process on a loopback port against a fresh test database, with two clinics
 * ("a" and "b") and one staff user per role in each, and an HTTP client that keeps its session cookie and
 * CSRF token like a browser would.
 */
import { fixedClock, STAFF_ROLES, type StaffRole } from '@ketapath/core';
import { insertClinic, migrate, type Database } from '@ketapath/db';
import { buildApp, createStaffUser, loadTestConfig, type Config, type ZodApp } from '@ketapath/server';
import { openTestDatabase } from './test-db.js';

export const TEST_NOW = new Date('2026-11-21T15:00:00.000Z');
export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  role: StaffRole;
  clinicId: string;
}

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class TestClient {
  cookie: string | null = null;
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { json?: unknown; rawBody?: string; headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (options.csrf !== false && this.csrfToken && !['GET', 'HEAD'].includes(method))
      headers['x-csrf-token'] = this.csrfToken;
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    } else if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('ketapath_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'ketapath_session=' ? null : value;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, json?: unknown) {
    return this.request<T>('POST', path, json === undefined ? {} : { json });
  }
  patch<T = any>(path: string, json: unknown) {
    return this.request<T>('PATCH', path, { json });
  }

  async login(email: string, password = TEST_PASSWORD): Promise<HttpResult> {
    const result = await this.post('/api/auth/login', { email, password });
    if (result.status === 200) this.csrfToken = (result.body as { csrfToken: string }).csrfToken;
    return result;
  }
}

export interface TestApp {
  url: string;
  app: ZodApp;
  database: Database;
  clock: ReturnType<typeof fixedClock>;
  config: Config;
  routes: { method: string; url: string; access: string }[];
  clinics: Record<'a' | 'b', { id: string; users: Record<StaffRole, TestUser> }>;
  /** A client signed in as `role` of clinic `clinic`. */
  as(role: StaffRole, clinic?: 'a' | 'b'): Promise<TestClient>;
  anonymous(): TestClient;
  close(): Promise<void>;
}

export async function startTestApp(configOverrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  await migrate(database);
  const clock = fixedClock(TEST_NOW);
  const config = loadTestConfig(configOverrides);
  const clinics = {} as TestApp['clinics'];
  for (const key of ['a', 'b'] as const) {
    const clinic = await insertClinic(database.db, {
      slug: `clinic-${key}`,
      name: `Clinic ${key.toUpperCase()}`,
      isDemo: false,
    });
    const users = {} as Record<StaffRole, TestUser>;
    for (const role of STAFF_ROLES) {
      const email = `${role}@${key}.test`;
      const row = await createStaffUser(database.db, {
        clinicId: clinic.id,
        email,
        displayName: `${role} ${key}`,
        role,
        password: TEST_PASSWORD,
        now: TEST_NOW,
      });
      users[role] = { id: row.id, email, role, clinicId: clinic.id };
    }
    clinics[key] = { id: clinic.id, users };
  }
  const { app, routes } = await buildApp({ config, database, clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    app,
    database,
    clock,
    config,
    routes,
    clinics,
    anonymous: () => new TestClient(url),
    as: async (role, clinic = 'a') => {
      const client = new TestClient(url);
      const result = await client.login(clinics[clinic].users[role].email);
      if (result.status !== 200) throw new Error(`login as ${role}@${clinic} failed: ${result.text}`);
      return client;
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A valid patient body with overrides. */
export function makePatientBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    familyName: 'Doe',
    givenNames: 'Jane',
    dateOfBirth: '1975-04-12',
    sexAtBirth: 'female',
    weightKg: 72.5,
    heightCm: 168,
    ...overrides,
  };
}

/** Audit rows straight from the table (bypassing the API, which itself audits). */
export async function auditRows(database: Database, where = 'true', params: unknown[] = []) {
  return database.sql.query<{
    action: string;
    entity_id: string | null;
    outcome: string;
    user_id: string | null;
    detail: Record<string, unknown>;
    request_id: string | null;
  }>(
    `SELECT action, entity_id, outcome, user_id::text, detail, request_id FROM audit_events WHERE ${where} ORDER BY id`,
    params,
  );
}
