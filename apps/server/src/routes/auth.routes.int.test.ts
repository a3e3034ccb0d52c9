import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, startTestApp, TEST_PASSWORD, TestClient, TEST_DB_KIND, type TestApp } from '@ketapath/test-support';

describe(`sign-in and sessions (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => {
    await t.close();
  });

  it('signs in, sets an HttpOnly SameSite=Strict cookie (no Secure on plain HTTP), and audits it', async () => {
    const client = t.anonymous();
    const response = await client.post('/api/auth/login', { email: 'NURSE@a.test ', password: TEST_PASSWORD });
    assert.equal(response.status, 200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ketapath_session='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.doesNotMatch(cookie, /Secure/);
    assert.equal(response.body.user.role, 'nurse');
    assert.equal(response.body.clinic.slug, 'clinic-a');
    assert.ok(response.body.csrfToken.length >= 40);
    const rows = await auditRows(t.database, `action = 'auth.login' AND user_id = $1`, [t.clinics.a.users.nurse.id]);
    assert.equal(rows.at(-1)?.outcome, 'success');
  });

  it('sets Secure on the cookie when the request came over TLS through a trusted proxy', async () => {
    const proxied = await startTestApp({ trustProxy: true });
    try {
      const response = await proxied.anonymous().request('POST', '/api/auth/login', {
        json: { email: 'nurse@a.test', password: TEST_PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      assert.equal(response.status, 200);
      assert.match(response.headers.getSetCookie().join(';'), /Secure/);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a wrong password and an unknown email with the same 401 message', async () => {
    const wrong = await t.anonymous().post('/api/auth/login', { email: 'physician@a.test', password: 'not the password' });
    const unknown = await t.anonymous().post('/api/auth/login', { email: 'nobody@a.test', password: 'not the password' });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.detail, unknown.body.detail);
    assert.equal(wrong.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });

  it('logout revokes the session server-side: the old cookie no longer works', async () => {
    const client = await t.as('physician');
    const stolenCookie = client.cookie;
    assert.equal((await client.get('/api/auth/session')).status, 200);
    assert.equal((await client.post('/api/auth/logout')).status, 204);
    const replay = new TestClient(t.url);
    replay.cookie = stolenCookie;
    assert.equal((await replay.get('/api/patients')).status, 401);
  });

  it('a tampered cookie is refused', async () => {
    const client = await t.as('physician');
    client.cookie = client.cookie!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    assert.equal((await client.get('/api/patients')).status, 401);
  });

  it('expires after the idle period, and after the absolute period even when active', async () => {
    const client = await t.as('front_desk');
    t.clock.advanceMs((t.config.sessionIdleMinutes - 1) * 60_000);
    assert.equal((await client.get('/api/patients')).status, 200, 'one minute before idle expiry');
    t.clock.advanceMs((t.config.sessionIdleMinutes + 1) * 60_000);
    assert.equal((await client.get('/api/patients')).status, 401, 'after idle expiry');

    const busy = await t.as('front_desk');
    const steps = Math.ceil((t.config.sessionAbsoluteHours * 60) / 20) + 1;
    let lastOk = 0;
    for (let i = 0; i < steps; i++) {
      t.clock.advanceMs(20 * 60_000);
      if ((await busy.get('/api/patients')).status === 200) lastOk = (i + 1) * 20;
      else break;
    }
    assert.ok(lastOk < t.config.sessionAbsoluteHours * 60, 'refused at the absolute limit');
    assert.ok(lastOk >= t.config.sessionAbsoluteHours * 60 - 20, 'not refused before it');
  });

  it('state-changing requests need the CSRF token; a foreign Origin is refused', async () => {
    const client = await t.as('front_desk');
    const body = { familyName: 'Csrf', givenNames: 'Test', dateOfBirth: '1970-01-01', sexAtBirth: 'male' };
    const without = await client.request('POST', '/api/patients', { json: body, csrf: false });
    assert.equal(without.status, 403);
    assert.equal(without.body.code, 'CSRF_TOKEN_INVALID');
    const wrong = await client.request('POST', '/api/patients', { json: body, csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } });
    assert.equal(wrong.status, 403);
    const foreign = await client.request('POST', '/api/patients', { json: body, headers: { origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.code, 'CROSS_ORIGIN_REQUEST');
    const form = await client.request('POST', '/api/patients', { rawBody: 'familyName=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    const ok = await client.request('POST', '/api/patients', { json: body, headers: { origin: t.url } });
    assert.equal(ok.status, 201);
  });

  it('slows and then locks an account after repeated failures; the lock ends after the window', async () => {
    const email = 'admin@b.test';
    const { lockoutAfter, lockoutMinutes } = t.config.login;
    for (let i = 1; i < lockoutAfter; i++) {
      assert.equal((await t.anonymous().post('/api/auth/login', { email, password: `wrong-${i}` })).status, 401, `failure ${i}`);
    }
    const locking = await t.anonymous().post('/api/auth/login', { email, password: 'wrong-last' });
    assert.equal(locking.status, 423);
    assert.equal(locking.body.code, 'ACCOUNT_LOCKED');
    const correctWhileLocked = await t.anonymous().post('/api/auth/login', { email, password: TEST_PASSWORD });
    assert.equal(correctWhileLocked.status, 423, 'even the right password is refused while locked');
    t.clock.advanceMs(lockoutMinutes * 60_000 + 1000);
    assert.equal((await t.anonymous().post('/api/auth/login', { email, password: TEST_PASSWORD })).status, 200);
    const rows = await auditRows(t.database, `action = 'auth.login' AND user_id = $1`, [t.clinics.b.users.admin.id]);
    assert.deepEqual(rows.map((r) => r.outcome), [...Array(lockoutAfter).fill('failure'), 'denied', 'success']);
  });

  it('exposes health and the OpenAPI document without a session', async () => {
    const health = await t.anonymous().get('/api/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.database, TEST_DB_KIND);
    const doc = await t.anonymous().get('/api/docs/json');
    assert.equal(doc.status, 200);
    assert.equal(doc.body.openapi, '3.0.3');
    assert.ok(doc.body.paths['/api/patients/{patientId}'].patch);
  });

  it('sends security headers', async () => {
    const response = await t.anonymous().get('/api/health');
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });
});

describe('failed sign-in slowdown', () => {
  it('doubles from 250 ms past the threshold, capped', async () => {
    const { failedLoginDelayMs } = await import('../services/auth.service.js');
    assert.equal(failedLoginDelayMs(2, 3), 0);
    assert.equal(failedLoginDelayMs(3, 3), 250);
    assert.equal(failedLoginDelayMs(4, 3), 500);
    assert.equal(failedLoginDelayMs(30, 3), 4000);
  });
});
