import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ApiError } from './api-error.js';
import { createApiClient, type FetchFunction } from './client.js';
import {
  createLedgerClient,
  formatThousandths,
  formatUgAsMg,
  parseThousandths,
  ugForUl,
  ulForUg,
  type ContainerState,
} from './ledger-client.js';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(...replies: Response[]): { fetch: FetchFunction; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchFunction = (url, init) => {
    calls.push({ url, init });
    const next = replies.shift();
    return next === undefined ? Promise.reject(new Error('no more replies')) : Promise.resolve(next);
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const problem = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

const ledger = (fetch: FetchFunction) => createLedgerClient(createApiClient({ fetch }));

const LOCATION_ID = '0b6f6f3e-5a43-4a8e-a3c6-1d0e1c4f2a10';
const SESSION_ID = '5a1ddb98-b9e8-47a9-870b-a3c41e813b6d';
const CONTAINER: ContainerState = {
  containerId: '7f0d2c1a-4a8e-4f35-9a3b-0e5b3d0c9a11',
  label: 'KX-2291-01',
  locationId: LOCATION_ID,
  lot: 'KX-2291',
  ndc: '0143-9508-10',
  drugName: 'Ketamine HCl',
  form: 'injection, solution',
  concentrationUgPerMl: 50_000,
  volumeUl: 10_000,
  remainingUg: 500_000,
  remainingUl: 10_000,
  status: 'sealed',
  expiresOn: '2027-06-30',
};
const ENTRY = {
  id: 'e1',
  locationId: LOCATION_ID,
  seq: 4,
  kind: 'draw',
  occurredAt: '2026-11-21T10:00:00.000Z',
  recordedAt: '2026-11-21T10:00:00.120Z',
  recordedBy: 'u1',
  witnessIds: [],
  containerId: CONTAINER.containerId,
  lot: 'KX-2291',
  sessionId: SESSION_ID,
  patientId: 'p1',
  deltaUg: -100_000,
  payload: { kind: 'draw', drawnUg: 100_000, drawnUl: 2000 },
  correctsSeq: null,
  reason: null,
};
const BALANCE = {
  sessionId: SESSION_ID,
  patientId: 'p1',
  drawnUg: 100_000,
  administeredUg: null,
  wastedUg: 0,
  openUg: 100_000,
  balanced: false,
};

describe('ledger quantities: exact thousandths', () => {
  const parsed: Array<[string, number | null]> = [
    ['2.5', 2500],
    ['100', 100_000],
    ['0.001', 1],
    ['.5', 500],
    ['1,25', 1250],
    ['-3', -3000],
    ['98.765', 98_765],
    ['', null],
    ['.', null],
    ['1.2345', null],
    ['1e3', null],
    ['abc', null],
    ['12 mg', null],
  ];
  for (const [text, expected] of parsed) {
    it(`'${text}' → ${String(expected)}`, () => {
      assert.equal(parseThousandths(text), expected);
    });
  }

  it('formats without float noise or trailing zeros', () => {
    assert.equal(formatThousandths(98_765), '98.765');
    assert.equal(formatThousandths(2000), '2');
    assert.equal(formatThousandths(2500), '2.5');
    assert.equal(formatThousandths(1), '0.001');
    assert.equal(formatThousandths(-1250), '-1.25');
    assert.equal(formatUgAsMg(0), '0');
  });

  it('parse(format(n)) = n for every whole number of thousandths', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => parseThousandths(formatThousandths(n)) === n),
    );
  });

  it('volume for a mass at a concentration: exact when it divides, else rounded half up', () => {
    // 100 mg at 50 mg/mL = 2 mL.
    assert.deepEqual(ulForUg(100_000, 50_000), { ul: 2000, isExact: true });
    // 33.333 mg at 10 mg/mL = 3.3333 mL → 3.333 mL, not exact.
    assert.deepEqual(ulForUg(33_333, 10_000), { ul: 3333, isExact: false });
    // 0.0005 mL rounds up: 5 µg at 10 mg/mL = 0.5 µL → 1 µL.
    assert.deepEqual(ulForUg(5, 10_000), { ul: 1, isExact: false });
    assert.deepEqual(ulForUg(1, 0), { ul: 0, isExact: false });
  });

  it('mass for a volume at a concentration', () => {
    assert.deepEqual(ugForUl(2000, 50_000), { ug: 100_000, isExact: true });
    assert.deepEqual(ugForUl(3333, 10_000), { ug: 33_330, isExact: true });
    // 0.003 mL at 1.001 mg/mL (1001 µg/mL) = 3.003 µg → 3 µg, not exact; 0.0005 mL rounds half up.
    assert.deepEqual(ugForUl(3, 1001), { ug: 3, isExact: false });
    assert.deepEqual(ugForUl(1, 500), { ug: 1, isExact: false });
  });

  it('a volume computed from a mass gives the mass back when the division is exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (concentrationUgPerMl, ul) => {
          const { ug, isExact } = ugForUl(ul, concentrationUgPerMl);
          const back = ulForUg(ug, concentrationUgPerMl);
          return !isExact || !back.isExact || back.ul === ul;
        },
      ),
    );
  });
});

describe('LedgerClient', () => {
  it('reads stock and names the location in the query', async () => {
    const stock = {
      locationId: LOCATION_ID,
      today: '2026-11-21',
      containers: [CONTAINER],
      lots: [
        {
          lot: 'KX-2291',
          ndc: CONTAINER.ndc,
          expiresOn: CONTAINER.expiresOn,
          receivedUg: 500_000,
          drawnUg: 0,
          destroyedUg: 0,
          correctionsUg: 0,
          onHandUg: 500_000,
        },
      ],
      findings: [],
    };
    const { fetch, calls } = fakeFetch(json(200, stock));
    const result = await ledger(fetch).getStock(LOCATION_ID);
    assert.equal(result.containers[0]?.label, 'KX-2291-01');
    assert.equal(calls[0]?.url, `/api/ledger/stock?locationId=${LOCATION_ID}`);
  });

  it('refuses a stock answer whose quantities are not whole micrograms', async () => {
    const { fetch } = fakeFetch(
      json(200, {
        locationId: LOCATION_ID,
        today: '2026-11-21',
        containers: [{ ...CONTAINER, remainingUg: 499.5 }],
        lots: [],
        findings: [],
      }),
    );
    await assert.rejects(
      ledger(fetch).getStock(LOCATION_ID),
      (error: unknown) => error instanceof ApiError && error.code === 'BAD_RESPONSE',
    );
  });

  it('reads a location list in any envelope: bare, { items } or { locations }', async () => {
    const location = {
      id: LOCATION_ID,
      name: 'Main',
      deaRegistration: null,
      address: null,
      activity: null,
      version: 1,
    };
    for (const body of [[location], { items: [location] }, { locations: [location] }]) {
      const { fetch } = fakeFetch(json(200, body));
      assert.deepEqual(await ledger(fetch).listLocations(), [location]);
    }
  });

  it('patches a location with the changed fields, the reason and the version read', async () => {
    const changed = {
      id: LOCATION_ID,
      name: 'Main',
      deaRegistration: 'FA1234563',
      address: '1 Main St',
      activity: null,
      version: 2,
    };
    const { fetch, calls } = fakeFetch(json(200, changed));
    const body = {
      expectedVersion: 1,
      deaRegistration: 'FA1234563',
      address: '1 Main St',
      reason: 'Certificate',
    };
    assert.deepEqual(await ledger(fetch).updateLocation(LOCATION_ID, body), changed);
    const [call] = calls;
    assert.ok(call);
    assert.equal(call.url, `/api/ledger/locations/${LOCATION_ID}`);
    assert.equal(call.init.method, 'PATCH');
    assert.deepEqual(JSON.parse(call.init.body as string), body);
  });

  it('gives the field of a refused location change', async () => {
    const { fetch } = fakeFetch(
      problem(409, {
        code: 'LEDGER_LOCATION_VERSION_CONFLICT',
        detail: 'expectedVersion: you edited version 1 of Main, it is now version 2.',
        field: 'expectedVersion',
      }),
    );
    await assert.rejects(
      ledger(fetch).updateLocation(LOCATION_ID, { expectedVersion: 1, address: 'x', reason: 'y' }),
      (error: unknown) =>
        error instanceof ApiError &&
        error.status === 409 &&
        error.code === 'LEDGER_LOCATION_VERSION_CONFLICT' &&
        error.field === 'expectedVersion',
    );
  });

  it('posts a draw to the session with its clientEntryId and reads the balance after it', async () => {
    const { fetch, calls } = fakeFetch(json(201, { entry: ENTRY, balance: BALANCE }));
    const body = {
      clientEntryId: 'f710ebaf-b138-44bc-b577-3414c26d8266',
      containerId: CONTAINER.containerId,
      drawnMg: 100,
      drawnMl: 2,
    };
    const result = await ledger(fetch).draw(SESSION_ID, body);
    assert.equal(result.balance?.openUg, 100_000);
    const [call] = calls;
    assert.ok(call);
    assert.equal(call.url, `/api/sessions/${SESSION_ID}/draws`);
    assert.equal(call.init.method, 'POST');
    assert.equal(typeof call.init.body, 'string');
    assert.deepEqual(JSON.parse(call.init.body as string), body);
  });

  it('gives the witness field message of a refused waste', async () => {
    const { fetch } = fakeFetch(
      problem(400, {
        code: 'WITNESS_NOT_VALID',
        detail: 'The witness email or password is not correct.',
        field: 'witness.password',
      }),
    );
    await assert.rejects(
      ledger(fetch).waste(SESSION_ID, {
        clientEntryId: 'c1',
        wastedMg: 1,
        wastedMl: 1,
        method: 'drug-disposal-container',
        witness: { email: 'w@a.test', password: 'x' },
      }),
      (error: unknown) =>
        error instanceof ApiError &&
        error.fieldErrors()['witness.password'] === 'The witness email or password is not correct.',
    );
  });

  it('reads a count with the discrepancies it opened', async () => {
    const discrepancy = {
      discrepancyId: 'd1',
      source: 'count',
      containerId: CONTAINER.containerId,
      lot: 'KX-2291',
      expectedUg: 500_000,
      countedUg: 450_000,
      differenceUg: -50_000,
      status: 'open',
      openedAt: '2026-11-21T18:00:00.000Z',
      notes: [],
      resolution: null,
    };
    const { fetch } = fakeFetch(
      json(201, {
        count: { ...ENTRY, kind: 'count', payload: { kind: 'count' } },
        discrepancies: [discrepancy],
      }),
    );
    const result = await ledger(fetch).count({ locationId: LOCATION_ID, clientEntryId: 'c2', lines: [] });
    assert.equal(result.discrepancies[0]?.differenceUg, -50_000);
  });

  it('reads a broken chain with where it breaks', async () => {
    const broken = {
      ok: false,
      entries: 12,
      headHash: null,
      breaks: [
        { seq: 7, entryId: 'e7', kind: 'draw', problem: 'hash-mismatch', expected: 'ab', found: 'cd' },
      ],
      projectionProblems: [],
      anomalies: [],
    };
    const { fetch, calls } = fakeFetch(json(200, broken), json(200, { ok: true }));
    assert.deepEqual(await ledger(fetch).verify(LOCATION_ID), broken);
    assert.equal(calls[0]?.url, `/api/ledger/verify?locationId=${LOCATION_ID}`);
    await assert.rejects(
      ledger(fetch).verify(LOCATION_ID),
      (error: unknown) => error instanceof ApiError && error.code === 'BAD_RESPONSE',
      'an answer without the entries and breaks is not a verification',
    );
  });

  it('builds report addresses without empty parameters', () => {
    const client = ledger(fakeFetch().fetch);
    assert.equal(
      client.reportUrl('administrations', 'csv', {
        locationId: LOCATION_ID,
        from: '2026-11-01',
        to: '2026-11-30',
        patientId: '',
      }),
      `/api/ledger/reports/administrations.csv?locationId=${LOCATION_ID}&from=2026-11-01&to=2026-11-30`,
    );
    assert.equal(
      client.reportUrl('inventory', 'pdf', { locationId: LOCATION_ID, inventoryId: 'i1' }),
      `/api/ledger/reports/inventory.pdf?locationId=${LOCATION_ID}&inventoryId=i1`,
    );
  });
});
