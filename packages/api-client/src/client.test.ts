import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './api-error.js';
import { createApiClient, type FetchFunction } from './client.js';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fake fetch that answers each call with the next response and records what was sent. */
function fakeFetch(...responses: Array<Response | Error>): { fetch: FetchFunction; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchFunction = (url, init) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) return Promise.reject(new Error('no more responses'));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  return { fetch, calls };
}

function problem(status: number, body: Record<string, unknown>): Response {
  return new Response(
    JSON.stringify({ type: 'about:blank', title: 'x', status, requestId: 'req-1', ...body }),
    {
      status,
      headers: { 'content-type': 'application/problem+json; charset=utf-8' },
    },
  );
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

const SESSION = {
  user: {
    id: '0b7c6f7e-4a43-4f3b-9d2a-1d1b0c0e0a01',
    email: 'a@b.test',
    displayName: 'Ada',
    role: 'admin',
    permissions: ['audit:read'],
  },
  clinic: { id: '0b7c6f7e-4a43-4f3b-9d2a-1d1b0c0e0a02', slug: 'demo', name: 'Demo', isDemo: true },
  csrfToken: 'csrf-123',
  idleExpiresAt: '2030-01-01T00:00:00.000Z',
  absoluteExpiresAt: '2030-01-01T08:00:00.000Z',
};

const PATIENT_ID = '0b7c6f7e-4a43-4f3b-9d2a-1d1b0c0e0a03';
const VALID_BODY = {
  familyName: 'Doe',
  givenNames: 'Jan',
  dateOfBirth: '1980-01-01',
  sexAtBirth: 'female',
} as const;

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('ApiClient error mapping', () => {
  it('turns a validation problem into an ApiError with the field and its message', async () => {
    const { fetch } = fakeFetch(
      problem(400, {
        code: 'VALIDATION_FAILED',
        detail: 'weightKg: must be between 20 and 400 kg',
        field: 'weightKg',
        errors: [{ field: 'weightKg', message: 'must be between 20 and 400 kg' }],
      }),
    );
    const error = await rejection(createApiClient({ fetch }).createPatient({ ...VALID_BODY, weightKg: 500 }));
    assert.equal(error.status, 400);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.equal(error.field, 'weightKg');
    assert.equal(error.detail, 'weightKg: must be between 20 and 400 kg');
    assert.equal(error.requestId, 'req-1');
    assert.deepEqual(error.fieldErrors(), { weightKg: 'must be between 20 and 400 kg' });
  });

  it('keeps the server message for a locked account', async () => {
    const { fetch } = fakeFetch(
      problem(423, {
        code: 'ACCOUNT_LOCKED',
        detail: 'Too many failed sign-ins: try again after 2030-01-01T00:15:00.000Z.',
      }),
    );
    const error = await rejection(createApiClient({ fetch }).login({ email: 'a@b.test', password: 'x' }));
    assert.equal(error.status, 423);
    assert.equal(error.code, 'ACCOUNT_LOCKED');
    assert.match(error.message, /try again after/);
    assert.equal(error.field, undefined);
    assert.deepEqual(error.errors, []);
  });

  it('maps a 409 version conflict', async () => {
    const { fetch } = fakeFetch(
      problem(409, { code: 'PATIENT_VERSION_CONFLICT', detail: 'Someone else changed this patient.' }),
    );
    const error = await rejection(
      createApiClient({ fetch }).updatePatient(PATIENT_ID, { version: 1, familyName: 'Roe' }),
    );
    assert.equal(error.status, 409);
    assert.equal(error.code, 'PATIENT_VERSION_CONFLICT');
  });

  it('gives a non-problem error body a generic code and message', async () => {
    const { fetch } = fakeFetch(
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    const error = await rejection(createApiClient({ fetch }).searchPatients());
    assert.equal(error.status, 502);
    assert.equal(error.code, 'HTTP_502');
    assert.match(error.detail, /not reachable/);
  });

  it('reports a failed connection as NETWORK_ERROR with status 0', async () => {
    const { fetch } = fakeFetch(new TypeError('fetch failed'));
    const error = await rejection(createApiClient({ fetch }).searchPatients());
    assert.equal(error.status, 0);
    assert.equal(error.code, 'NETWORK_ERROR');
  });

  it('reports an aborted request as ABORTED', async () => {
    const { fetch } = fakeFetch(new DOMException('The operation was aborted.', 'AbortError'));
    const error = await rejection(createApiClient({ fetch }).searchPatients({ q: 'x' }));
    assert.equal(error.code, 'ABORTED');
  });

  it('refuses a success response that does not match the schema', async () => {
    const { fetch } = fakeFetch(json(200, { items: 'nope' }));
    const error = await rejection(createApiClient({ fetch }).searchPatients());
    assert.equal(error.code, 'BAD_RESPONSE');
  });
});

describe('ApiClient session handling', () => {
  it('sends the CSRF token from the session on state-changing requests only', async () => {
    const patient = {
      ...VALID_BODY,
      id: PATIENT_ID,
      mrn: '100001',
      preferredName: null,
      phone: null,
      email: null,
      address: null,
      isDemo: false,
      latestWeight: null,
      latestHeight: null,
      version: 1,
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
    };
    const { fetch, calls } = fakeFetch(
      json(200, SESSION),
      json(200, { items: [], total: 0, limit: 25, offset: 0 }),
      json(201, patient),
    );
    const api = createApiClient({ fetch });
    await api.login({ email: 'a@b.test', password: 'pw' });
    await api.searchPatients({ q: '  doe ', limit: 10 });
    const created = await api.createPatient(VALID_BODY);
    assert.equal(created.mrn, '100001');

    assert.equal(calls.length, 3);
    const login = calls[0]!;
    const search = calls[1]!;
    const create = calls[2]!;
    assert.equal(new Headers(login.init.headers).get('x-csrf-token'), null);
    assert.equal(search.url, '/api/patients?q=doe&limit=10');
    assert.equal(new Headers(search.init.headers).get('x-csrf-token'), null);
    assert.equal(create.init.method, 'POST');
    assert.equal(new Headers(create.init.headers).get('x-csrf-token'), 'csrf-123');
    assert.equal(new Headers(create.init.headers).get('content-type'), 'application/json');
    assert.deepEqual(JSON.parse(create.init.body as string), VALID_BODY);
  });

  it('calls onSessionExpired on a 401 inside a session, and forgets the token', async () => {
    const expired: ApiError[] = [];
    const { fetch } = fakeFetch(
      json(200, SESSION),
      problem(401, { code: 'NOT_AUTHENTICATED', detail: 'Sign in to continue.' }),
    );
    const api = createApiClient({ fetch, onSessionExpired: (e) => expired.push(e) });
    await api.getSession();
    assert.equal(api.hasSession, true);
    await rejection(api.searchPatients());
    assert.equal(expired.length, 1);
    assert.equal(expired[0]?.code, 'NOT_AUTHENTICATED');
    assert.equal(api.hasSession, false);
  });

  it('does not report a wrong password or a signed-out start as an expired session', async () => {
    const expired: ApiError[] = [];
    const { fetch } = fakeFetch(
      problem(401, { code: 'NOT_AUTHENTICATED', detail: 'Sign in to continue.' }),
      problem(401, { code: 'INVALID_CREDENTIALS', detail: 'The email or password is not correct.' }),
    );
    const api = createApiClient({ fetch, onSessionExpired: (e) => expired.push(e) });
    assert.equal((await rejection(api.getSession())).status, 401);
    const wrong = await rejection(api.login({ email: 'a@b.test', password: 'nope' }));
    assert.equal(wrong.code, 'INVALID_CREDENTIALS');
    assert.equal(expired.length, 0);
  });

  it('forgets the session on logout even when the server call fails', async () => {
    const { fetch } = fakeFetch(json(200, SESSION), new TypeError('fetch failed'));
    const api = createApiClient({ fetch });
    await api.login({ email: 'a@b.test', password: 'pw' });
    await rejection(api.logout());
    assert.equal(api.hasSession, false);
  });
});
