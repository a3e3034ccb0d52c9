import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Protocol } from '@ketapath/core';
import { ApiError } from './api-error.js';
import { createApiClient, type FetchFunction } from './client.js';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(...responses: Response[]): { fetch: FetchFunction; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchFunction = (url, init) => {
    calls.push({ url, init });
    const next = responses.shift();
    return next ? Promise.resolve(next) : Promise.reject(new Error('no more responses'));
  };
  return { fetch, calls };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function problem(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

const SESSION = {
  user: {
    id: '0b7c6f7e-4a43-4f3b-9d2a-1d1b0c0e0a01',
    email: 'p@b.test',
    displayName: 'Pat',
    role: 'physician',
    permissions: ['settings:manage'],
  },
  clinic: { id: '0b7c6f7e-4a43-4f3b-9d2a-1d1b0c0e0a02', slug: 'demo', name: 'Demo', isDemo: true },
  csrfToken: 'csrf-9',
  idleExpiresAt: '2030-01-01T00:00:00.000Z',
  absoluteExpiresAt: '2030-01-01T08:00:00.000Z',
};

/** A parameter as /api/rules describes it; the numbers are data for the client, not clinical values. */
const PARAMETER = {
  id: 'session.example-mmhg',
  label: 'Example pressure',
  description: 'A test parameter.',
  kind: 'number',
  unit: 'mmHg',
  min: 1,
  max: 300,
  default: null,
  defaultBasis: 'no default: clinic must set',
  evidence: 'P',
  verification: 'not-found',
  requiresClinicValue: true,
  citations: [{ section: '§4.2', source: 'S30', note: 'n' }],
  usedBy: ['session/example'],
};

const SETTING = {
  ...PARAMETER,
  value: 150,
  origin: 'clinic',
  version: 1,
  changedAt: '2030-01-01T00:00:00.000Z',
  changedBy: { email: 'p@b.test', role: 'physician' },
};

describe('ApiClient rules-engine routes', () => {
  it('reads the rules catalogue and refuses an answer without rules', async () => {
    const rule = {
      id: 'session/example',
      version: 1,
      area: 'session',
      title: 'Example',
      severity: 'warn',
      description: 'd',
      parameters: [PARAMETER.id],
      citations: [{ section: '§4.2', source: 'S30', note: 'n', sectionTitle: 't', sourceTitle: 's' }],
    };
    const { fetch, calls } = fakeFetch(
      json(200, { rules: [rule], parameters: [PARAMETER] }),
      json(200, { parameters: [] }),
    );
    const api = createApiClient({ fetch });
    const catalogue = await api.getRules();
    assert.equal(calls[0]?.url, '/api/rules');
    assert.equal(catalogue.rules[0]?.id, 'session/example');
    assert.equal(catalogue.parameters[0]?.defaultBasis, 'no default: clinic must set');
    assert.equal((await rejection(api.getRules())).code, 'BAD_RESPONSE');
  });

  it('puts a setting with its reason, expected version and the CSRF token, escaping the id', async () => {
    const { fetch, calls } = fakeFetch(json(200, SESSION), json(200, { ...SETTING, version: 2 }));
    const api = createApiClient({ fetch });
    await api.login({ email: 'p@b.test', password: 'pw' });
    const saved = await api.updateClinicalSetting('session.example-mmhg', {
      value: 150,
      reason: 'Medical director',
      expectedVersion: 1,
    });
    assert.equal(saved.version, 2);
    const put = calls[1]!;
    assert.equal(put.url, '/api/settings/clinical/session.example-mmhg');
    assert.equal(put.init.method, 'PUT');
    assert.equal(new Headers(put.init.headers).get('x-csrf-token'), 'csrf-9');
    assert.deepEqual(JSON.parse(put.init.body as string), {
      value: 150,
      reason: 'Medical director',
      expectedVersion: 1,
    });
  });

  it('lists settings and history, newest first as sent', async () => {
    const change = {
      version: 1,
      value: 150,
      previousValue: null,
      reason: 'r',
      changedBy: { email: 'p@b.test', role: 'physician' },
      changedAt: '2030-01-01T00:00:00.000Z',
    };
    const { fetch, calls } = fakeFetch(
      json(200, { settings: [SETTING] }),
      json(200, { changes: [change] }),
      json(200, { changes: [{ ...change, changedBy: 'nobody' }] }),
    );
    const api = createApiClient({ fetch });
    assert.equal((await api.listClinicalSettings())[0]?.origin, 'clinic');
    const history = await api.getClinicalSettingHistory('session/odd id');
    assert.equal(calls[1]?.url, '/api/settings/clinical/session%2Fodd%20id/history');
    assert.equal(history[0]?.previousValue, null);
    assert.equal((await rejection(api.getClinicalSettingHistory('x'))).code, 'BAD_RESPONSE');
  });

  it('maps a bad setting value to the `value` field and a stale version to 409', async () => {
    const { fetch } = fakeFetch(
      problem(400, {
        code: 'VALIDATION_FAILED',
        detail: 'value: must be between 1 and 300 mmHg',
        field: 'value',
        errors: [{ field: 'value', message: 'must be between 1 and 300 mmHg' }],
      }),
      problem(409, { code: 'SETTING_VERSION_CONFLICT', detail: 'Someone else changed this setting.' }),
    );
    const api = createApiClient({ fetch });
    const body = { value: 999, reason: 'why', expectedVersion: 0 };
    const bad = await rejection(api.updateClinicalSetting(PARAMETER.id, body));
    assert.deepEqual(bad.fieldErrors(), { value: 'must be between 1 and 300 mmHg' });
    const stale = await rejection(api.updateClinicalSetting(PARAMETER.id, body));
    assert.equal(stale.status, 409);
    assert.equal(stale.code, 'SETTING_VERSION_CONFLICT');
  });

  it('lists protocols and refuses a protocol list entry without an origin', async () => {
    const summary = {
      id: 'p-1',
      version: 1,
      name: 'P',
      indication: 'i',
      route: 'iv-infusion',
      routes: ['iv-infusion'],
      evidence: 'G',
      origin: 'library',
    };
    const { fetch } = fakeFetch(
      json(200, { protocols: [summary] }),
      json(200, { protocols: [{ ...summary, origin: 'elsewhere' }] }),
    );
    const api = createApiClient({ fetch });
    assert.equal((await api.listProtocols())[0]?.origin, 'library');
    assert.equal((await rejection(api.listProtocols())).code, 'BAD_RESPONSE');
  });

  it('names the protocol field the server refused on a copy (409 id taken)', async () => {
    const { fetch, calls } = fakeFetch(
      problem(409, {
        code: 'PROTOCOL_ID_TAKEN',
        detail: "The id 'p-1' is already used by a library protocol.",
        errors: [{ field: 'protocol.id', message: 'is already used by another protocol' }],
      }),
    );
    const api = createApiClient({ fetch });
    const error = await rejection(
      api.createClinicProtocol({
        basedOn: { protocolId: 'p-1', version: 1 },
        // The client sends the body as given; the server validates it.
        protocol: { id: 'p-1' } as unknown as Protocol,
        reason: 'copy',
      }),
    );
    const post = calls[0]!;
    assert.equal(post.url, '/api/protocols');
    assert.equal(post.init.method, 'POST');
    assert.equal(error.status, 409);
    assert.deepEqual(error.fieldErrors(), { 'protocol.id': 'is already used by another protocol' });
  });
});
