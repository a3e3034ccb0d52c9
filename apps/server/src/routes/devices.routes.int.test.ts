import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { getProtocol } from '@ketapath/clinical-rules';
import type { Protocol } from '@ketapath/core';
import {
  auditRows,
  seedSignedPlan,
  startTestApp,
  TEST_DB_KIND,
  TEST_NOW,
  type TestApp,
  type TestClient,
} from '@ketapath/test-support';

const reading = (overrides: Record<string, unknown> = {}) => ({
  clientEntryId: randomUUID(),
  occurredAt: new Date(TEST_NOW.getTime() - 60_000).toISOString(),
  vitals: {
    systolicMmHg: 128,
    diastolicMmHg: 82,
    heartRatePerMin: 76,
    spo2Percent: 97,
    respiratoryRatePerMin: 15,
  },
  ...overrides,
});

describe(`monitor-bridge devices (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let protocol: Protocol;
  let admin: TestClient;
  let sessionA: string;
  let sessionB: string;

  const postVitals = (sessionId: string, token: string | null, body: unknown) =>
    fetch(`${t.url}/api/sessions/${sessionId}/vitals`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  before(async () => {
    t = await startTestApp();
    const found = getProtocol('crps-4h-daily-10-days');
    assert.ok(found);
    protocol = found;
    admin = await t.as('admin');
    sessionA = (await seedSignedPlan(t, { protocol, sessionStarts: [TEST_NOW] })).sessionIds[0]!;
    sessionB = (await seedSignedPlan(t, { protocol, clinic: 'b', sessionStarts: [TEST_NOW] })).sessionIds[0]!;
  });
  after(async () => {
    await t.close();
  });

  it('creates a device whose token is shown once and stored only as its SHA-256 hash', async () => {
    const created = await admin.post('/api/devices', { label: 'Chair 3 monitor' });
    assert.equal(created.status, 201, created.text);
    const token: string = created.body.token;
    assert.match(token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
    const [row] = await t.database.sql.query<{ token_hash: string }>(
      'SELECT token_hash FROM device_token WHERE id = $1',
      [created.body.id],
    );
    assert.equal(row?.token_hash, createHash('sha256').update(token).digest('hex'));
    const listed = await admin.get('/api/devices');
    assert.equal(listed.status, 200);
    const device = listed.body.devices.find((d: { id: string }) => d.id === created.body.id);
    assert.deepEqual(Object.keys(device).sort(), ['createdAt', 'createdBy', 'id', 'label', 'revokedAt']);
    assert.doesNotMatch(listed.text, new RegExp(token));
    assert.equal((await (await t.as('nurse')).post('/api/devices', { label: 'x' })).status, 403);
    assert.equal((await admin.post('/api/devices', { label: '' })).body.field, 'label');
  });

  it('records vital signs from the device on its own clinic’s sessions only; a retry gets the stored entry', async () => {
    const { token, id: deviceId } = (await admin.post('/api/devices', { label: 'Chair 1 monitor' })).body;
    const body = reading();
    const first = await postVitals(sessionA, token, body);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual(first.body.raisedAlerts, []);
    const again = await postVitals(sessionA, token, body);
    assert.equal(again.status, 200);
    assert.equal(again.body.seq, first.body.seq);

    const chart = await (await t.as('nurse')).get(`/api/sessions/${sessionA}/chart`);
    const entries = chart.body.entries.filter(
      (e: { clientEntryId: string }) => e.clientEntryId === body.clientEntryId,
    );
    assert.equal(entries.length, 1);
    assert.equal(entries[0].deviceId, deviceId);
    assert.equal(entries[0].recordedBy, null);
    assert.equal(entries[0].data.vitals.source, 'device');
    assert.equal(chart.body.chart.vitals.at(-1).source, 'device');

    const otherClinic = await postVitals(sessionB, token, reading());
    assert.equal(otherClinic.status, 404);
    assert.equal(otherClinic.body.code, 'SESSION_NOT_FOUND');

    const audit = await auditRows(
      t.database,
      `action = 'session.entry' AND entity_id = $1 AND user_id IS NULL`,
      [sessionA],
    );
    assert.ok(audit.some((r) => r.outcome === 'success' && r.detail['deviceId'] === deviceId));
    const probe = (clinicId: string) =>
      auditRows(t.database, `action = 'session.entry' AND entity_id = $1 AND clinic_id = $2`, [
        sessionB,
        clinicId,
      ]);
    assert.deepEqual(
      (await probe(t.clinics.a.id)).map((r) => [r.outcome, r.detail['reason']]),
      [['failure', 'SESSION_NOT_FOUND']],
    );
    assert.equal((await probe(t.clinics.b.id)).length, 0, 'the probe is on the device’s own clinic’s trail');
  });

  it('refuses a missing, unknown or revoked token with 401, and a staff cookie is no token', async () => {
    const { token, id } = (await admin.post('/api/devices', { label: 'Revoked monitor' })).body;
    assert.equal((await postVitals(sessionA, token, reading())).status, 201);
    const noToken = await postVitals(sessionA, null, reading());
    assert.equal(noToken.status, 401);
    assert.equal(noToken.body.code, 'DEVICE_TOKEN_INVALID');
    assert.equal((await postVitals(sessionA, 'x'.repeat(43), reading())).status, 401);
    const nurse = await t.as('nurse');
    assert.equal((await nurse.post(`/api/sessions/${sessionA}/vitals`, reading())).status, 401);

    const revoked = await admin.post(`/api/devices/${id}/revoke`);
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.revokedAt, TEST_NOW.toISOString());
    const after = await postVitals(sessionA, token, reading());
    assert.equal(after.status, 401);
    assert.equal(after.body.code, 'DEVICE_TOKEN_INVALID');
    const foreign = await (await t.as('admin', 'b')).post(`/api/devices/${id}/revoke`);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, 'DEVICE_NOT_FOUND');
  });

  it('names the field of a bad reading', async () => {
    const { token } = (await admin.post('/api/devices', { label: 'Typo monitor' })).body;
    const cases: [Record<string, unknown>, string][] = [
      [{ vitals: { spo2Percent: 150 } }, 'vitals.spo2Percent'],
      [{ vitals: { heartRatePerMin: 'fast' } }, 'vitals.heartRatePerMin'],
      [{ vitals: { systolicMmHg: 120, baseline: true } }, 'vitals.baseline'],
      [{ occurredAt: 'now' }, 'occurredAt'],
      [{ clientEntryId: 'retry-1' }, 'clientEntryId'],
      [{ occurredAt: new Date(TEST_NOW.getTime() + 10 * 60_000).toISOString() }, 'occurredAt'],
    ];
    for (const [edit, field] of cases) {
      const response = await postVitals(sessionA, token, reading(edit));
      assert.equal(response.status, 400, JSON.stringify(edit));
      assert.equal(response.body.field, field, JSON.stringify(edit));
    }
  });

  it('documents the vitals route with a bearer security scheme', async () => {
    const docs = await t.anonymous().get('/api/docs/json');
    assert.deepEqual(docs.body.components.securitySchemes.deviceToken.type, 'http');
    assert.equal(docs.body.components.securitySchemes.deviceToken.scheme, 'bearer');
    const route = docs.body.paths['/api/sessions/{sessionId}/vitals'].post;
    assert.deepEqual(route.security, [{ deviceToken: [] }]);
    assert.ok(route.requestBody.content['application/json'].schema.properties.vitals);
  });
});
