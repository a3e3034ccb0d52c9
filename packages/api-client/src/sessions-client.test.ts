import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './api-error.js';
import { createApiClient, type FetchFunction } from './client.js';
import {
  createSessionsClient,
  isRetryable,
  parseFloorChair,
  parseFloorSnapshot,
  type FloorChair,
} from './sessions-client.js';

interface Call {
  url: string;
  init: RequestInit;
}

type Reply = Response | Error;

function fakeFetch(...replies: Reply[]): { fetch: FetchFunction; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchFunction = (url, init) => {
    calls.push({ url, init });
    const next = replies.shift();
    if (next === undefined) return Promise.reject(new Error('no more replies'));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
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

const SESSION_ID = '5a1ddb98-b9e8-47a9-870b-a3c41e813b6d';
const CLIENT_ENTRY_ID = 'f710ebaf-b138-44bc-b577-3414c26d8266';
const ENTRY = {
  seq: 7,
  data: { kind: 'vitals', vitals: { systolicMmHg: 186 } },
  occurredAt: '2026-11-21T10:00:00.000Z',
  recordedAt: '2026-11-21T10:00:01.000Z',
  recordedBy: { userId: 'u1', email: 'nurse@a.test', role: 'nurse' },
  deviceId: null,
  clientEntryId: CLIENT_ENTRY_ID,
};
const RECORDED = { entry: ENTRY, session: { version: 3, state: 'running', lastSeq: 8 }, raisedAlerts: [] };
const BODY = {
  entry: { kind: 'vitals' as const, vitals: { systolicMmHg: 186 } },
  clientEntryId: CLIENT_ENTRY_ID,
};

const noWait = { sleep: () => Promise.resolve() };

function sessions(fetch: FetchFunction) {
  return createSessionsClient(createApiClient({ fetch }));
}

describe('SessionsClient.postEntry', () => {
  it('sends a post that got no answer again with the same body and clientEntryId', async () => {
    const { fetch, calls } = fakeFetch(new TypeError('network down'), json(502, {}), json(200, RECORDED));
    const retries: number[] = [];
    const result = await sessions(fetch).postEntry(SESSION_ID, BODY, {
      ...noWait,
      onRetry: (attempt) => {
        retries.push(attempt);
      },
    });
    assert.equal(result.entry.seq, 7);
    assert.deepEqual(retries, [1, 2]);
    assert.equal(calls.length, 3);
    for (const call of calls) {
      assert.equal(call.url, `/api/sessions/${SESSION_ID}/entries`);
      assert.equal(call.init.method, 'POST');
      assert.equal(typeof call.init.body, 'string');
      assert.deepEqual(JSON.parse(call.init.body as string), BODY);
    }
  });

  it('gives up after the retries with the network error', async () => {
    const { fetch, calls } = fakeFetch(new TypeError('a'), new TypeError('b'), new TypeError('c'));
    await assert.rejects(
      sessions(fetch).postEntry(SESSION_ID, BODY, { ...noWait, retries: 2 }),
      (error: unknown) => error instanceof ApiError && error.code === 'NETWORK_ERROR',
    );
    assert.equal(calls.length, 3);
  });

  it('does not resend an answered refusal: a stale version (409) or a field error (400)', async () => {
    for (const [reply, code] of [
      [
        problem(409, { code: 'SESSION_VERSION_CONFLICT', detail: 'Someone else changed this chart.' }),
        'SESSION_VERSION_CONFLICT',
      ],
      [
        problem(400, {
          code: 'VALIDATION_FAILED',
          detail: 'entry.vitals.systolicMmHg: must be between 20 and 300 mmHg',
          field: 'entry.vitals.systolicMmHg',
          errors: [{ field: 'entry.vitals.systolicMmHg', message: 'must be between 20 and 300 mmHg' }],
        }),
        'VALIDATION_FAILED',
      ],
    ] as const) {
      const { fetch, calls } = fakeFetch(reply);
      await assert.rejects(
        sessions(fetch).postEntry(SESSION_ID, BODY, noWait),
        (error: unknown) => error instanceof ApiError && error.code === code,
      );
      assert.equal(calls.length, 1, code);
    }
  });

  it('refuses an answer that is not a recorded entry', async () => {
    const { fetch } = fakeFetch(json(201, { entry: { seq: 'x' } }));
    await assert.rejects(
      sessions(fetch).postEntry(SESSION_ID, BODY, noWait),
      (error: unknown) => error instanceof ApiError && error.code === 'BAD_RESPONSE',
    );
  });
});

describe('isRetryable', () => {
  const cases: Array<[string, ApiError, boolean]> = [
    ['no answer', new ApiError({ status: 0, code: 'NETWORK_ERROR', detail: 'x' }), true],
    ['bad gateway', new ApiError({ status: 502, code: 'HTTP_502', detail: 'x' }), true],
    ['gateway timeout', new ApiError({ status: 504, code: 'HTTP_504', detail: 'x' }), true],
    ['cancelled by the page', new ApiError({ status: 0, code: 'ABORTED', detail: 'x' }), false],
    ['stale version', new ApiError({ status: 409, code: 'SESSION_VERSION_CONFLICT', detail: 'x' }), false],
    ['server error', new ApiError({ status: 500, code: 'INTERNAL', detail: 'x' }), false],
  ];
  for (const [name, error, expected] of cases) {
    it(`${name} → ${expected ? 'send again' : 'do not send again'}`, () => {
      assert.equal(isRetryable(error), expected);
    });
  }
});

const CHAIR: FloorChair = {
  sessionId: SESSION_ID,
  chair: '3',
  patient: { id: 'p1', displayName: 'Doe, Jane', mrn: '000001' },
  protocolName: 'CRPS',
  sessionNumber: 2,
  sessionCount: 10,
  state: 'running',
  startedAt: '2026-11-21T10:00:00.000Z',
  elapsedMin: 30,
  remainingMin: 210,
  currentRate: { value: 0.35, unit: 'mg/kg/h', rateMlPerH: 23.8 },
  lastVitals: null,
  trend: { systolic: null, heartRate: null, spo2: null, respiratoryRate: null },
  openAlerts: { stopAndCall: 1, pause: 0, slow: 0, watch: 0, other: 0 },
  assignedNurse: null,
  version: 4,
};

describe('floor stream events', () => {
  it('reads a chair event and a snapshot event', () => {
    assert.deepEqual(parseFloorChair(JSON.stringify(CHAIR)), CHAIR);
    assert.deepEqual(parseFloorSnapshot(JSON.stringify({ date: '2026-11-21', chairs: [CHAIR] })), [CHAIR]);
  });

  it('ignores what is not a chair: broken JSON, an unknown state, a missing alert count', () => {
    assert.equal(parseFloorChair('{not json'), null);
    assert.equal(parseFloorChair(JSON.stringify({ ...CHAIR, state: 'flying' })), null);
    assert.equal(parseFloorChair(JSON.stringify({ ...CHAIR, openAlerts: undefined })), null);
    assert.equal(parseFloorSnapshot(JSON.stringify({ chairs: [{ ...CHAIR, sessionId: 1 }] })), null);
  });

  it('builds the PDF and stream addresses', () => {
    const client = sessions(fakeFetch().fetch);
    assert.equal(client.chartPdfUrl(SESSION_ID), `/api/sessions/${SESSION_ID}/chart.pdf`);
    assert.equal(client.floorStreamUrl(), '/api/floor/stream');
  });
});
