import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { listProtocols, PARAMETERS } from '@ketapath/clinical-rules';
import { makePatientBody, startTestApp, TEST_DB_KIND, type TestApp, type TestClient } from '@ketapath/test-support';

function assertProblem(response: { status: number; headers: Headers; body: any }, status: number, code?: string) {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  if (code) assert.equal(response.body.code, code);
  assert.ok(response.body.detail.length > 0);
  assert.ok(response.body.requestId);
}

describe(`bad input gets a 4xx problem, never a 500 (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let client: TestClient;
  let patientId: string;
  before(async () => {
    t = await startTestApp();
    client = await t.as('physician');
    patientId = (await client.post('/api/patients', makePatientBody())).body.id;
  });
  after(async () => {
    await t.close();
  });

  it('malformed JSON', async () => {
    for (const raw of ['{', '{"familyName": }', "{'a':1}", 'nul', '[1,2', '\u0000']) {
      assertProblem(await client.request('POST', '/api/patients', { rawBody: raw }), 400, 'MALFORMED_JSON');
    }
    assertProblem(await client.request('POST', '/api/patients', { rawBody: '' }), 400);
  });

  it('wrong types name the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ weightKg: '72' }, 'weightKg'],
      [{ familyName: 42 }, 'familyName'],
      [{ dateOfBirth: 19750412 }, 'dateOfBirth'],
      [{ sexAtBirth: 'robot' }, 'sexAtBirth'],
      [{ address: 'Main street' }, 'address'],
      [{ address: { city: 7 } }, 'address.city'],
      [{ email: 'not-an-email' }, 'email'],
      [{ weightKg: null }, 'weightKg'],
    ];
    for (const [override, field] of cases) {
      const response = await client.post('/api/patients', makePatientBody(override));
      assertProblem(response, 400, 'VALIDATION_FAILED');
      assert.equal(response.body.field, field, JSON.stringify(override));
      assert.ok(response.body.detail.startsWith(`${field}: `));
    }
    assertProblem(await client.request('POST', '/api/patients', { rawBody: '[]' }), 400, 'VALIDATION_FAILED');
    assertProblem(await client.request('POST', '/api/patients', { rawBody: '"text"' }), 400, 'VALIDATION_FAILED');
  });

  it('unknown fields are refused, naming the field', async () => {
    const response = await client.post('/api/patients', makePatientBody({ clinicId: t.clinics.b.id }));
    assertProblem(response, 400, 'VALIDATION_FAILED');
    assert.equal(response.body.field, 'clinicId');
    assert.equal(response.body.detail, 'clinicId: is not a known field');
    const nested = await client.post('/api/patients', makePatientBody({ address: { city: 'X', planet: 'Mars' } }));
    assert.equal(nested.body.field, 'address.planet');
    const query = await client.get('/api/patients?q=a&sort=evil');
    assertProblem(query, 400, 'VALIDATION_FAILED');
    assert.equal(query.body.field, 'sort');
  });

  it('bad path and query parameters', async () => {
    assertProblem(await client.get('/api/patients/not-a-uuid'), 400, 'VALIDATION_FAILED');
    assertProblem(await client.get('/api/patients?limit=0'), 400, 'VALIDATION_FAILED');
    assertProblem(await client.get('/api/patients?limit=abc'), 400, 'VALIDATION_FAILED');
    assertProblem(await client.get('/api/patients?offset=-1'), 400, 'VALIDATION_FAILED');
    assertProblem(await client.get(`/api/patients/${patientId}/weight?on=yesterday`), 400, 'VALIDATION_FAILED');
    assertProblem(await client.get('/api/nothing-here'), 404, 'ROUTE_NOT_FOUND');
  });

  it('oversized bodies get 413', async () => {
    const huge = JSON.stringify(makePatientBody({ familyName: 'x'.repeat(t.config.bodyLimitBytes) }));
    assertProblem(await client.request('POST', '/api/patients', { rawBody: huge }), 413, 'BODY_TOO_LARGE');
  });

  it('SQL-looking strings are stored and searched as plain text', async () => {
    const evil = "Robert'); DROP TABLE patients;--";
    const created = await client.post('/api/patients', makePatientBody({ familyName: evil, givenNames: "' OR '1'='1" }));
    assert.equal(created.status, 201);
    assert.equal(created.body.familyName, evil);
    const found = await client.get(`/api/patients?q=${encodeURIComponent("' OR '1'='1")}`);
    assert.equal(found.status, 200);
    assert.deepEqual(found.body.items.map((p: { id: string }) => p.id), [created.body.id]);
    for (const q of ["'; SELECT pg_sleep(5); --", '\\', '%_%', "1' UNION SELECT * FROM users --"]) {
      assert.equal((await client.get(`/api/patients?q=${encodeURIComponent(q)}`)).status, 200, q);
    }
    assert.equal((await client.get('/api/patients')).status, 200, 'the table is still there');
  });

  it('arbitrary JSON on every writing route never causes a 5xx (property)', async () => {
    const targets: [string, string][] = [
      ['POST', '/api/patients'],
      ['POST', `/api/patients/${patientId}/measurements`],
      ['PATCH', `/api/patients/${patientId}`],
      ['POST', '/api/auth/login'],
      ['PUT', `/api/settings/clinical/${PARAMETERS[0]?.id ?? 'none'}`],
      ['POST', '/api/protocols'],
      ['PUT', `/api/protocols/${listProtocols()[0]?.id ?? 'none'}`],
      ['POST', '/api/rules/eligibility'],
      ['POST', '/api/rules/check-order'],
      ['POST', '/api/rules/session'],
      ['POST', `/api/sessions/${crypto.randomUUID()}/entries`],
      ['PATCH', `/api/sessions/${crypto.randomUUID()}`],
      ['POST', `/api/sessions/${crypto.randomUUID()}/vitals`],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.jsonValue({ maxDepth: 3 }), async ([method, path], value) => {
        const response = await client.request(method, path, { rawBody: JSON.stringify(value) });
        return response.status < 500;
      }),
      { numRuns: 300, seed: 20261121 },
    );
  });
});
