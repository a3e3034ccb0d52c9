import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PARAMETERS, validateSettingValue, type NumberParameter } from '@ketapath/clinical-rules';
import { findCurrentSettingChange, insertSettingChange } from '@ketapath/db';
import {
  auditRows,
  startTestApp,
  TEST_DB_KIND,
  TEST_NOW,
  type TestApp,
  type TestClient,
} from '@ketapath/test-support';

const numberParameter = PARAMETERS.find(
  (p): p is NumberParameter => p.kind === 'number' && p.default !== null,
);
if (!numberParameter) throw new Error('the rules engine declares no number parameter with a default');
const P = numberParameter;
const url = `/api/settings/clinical/${P.id}`;
/** A value inside the parameter's range that differs from its default. */
const clinicValue = P.default === P.max ? P.min : P.max;

function put(client: TestClient, path: string, json: unknown) {
  return client.request('PUT', path, { json });
}

function settingOf(body: { settings: { id: string }[] }, id: string): any {
  return body.settings.find((s) => s.id === id);
}

describe(`clinical settings: versioned, audited clinic overrides (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let physician: TestClient;
  let admin: TestClient;
  let nurse: TestClient;
  before(async () => {
    t = await startTestApp();
    [physician, admin, nurse] = await Promise.all([t.as('physician'), t.as('admin'), t.as('nurse')]);
  });
  after(async () => {
    await t.close();
  });

  it('lists every parameter at its default before the clinic changes anything', async () => {
    const response = await nurse.get('/api/settings/clinical');
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(
      response.body.settings.map((s: { id: string }) => s.id).sort(),
      PARAMETERS.map((p) => p.id).sort(),
    );
    for (const setting of response.body.settings) {
      const parameter = PARAMETERS.find((p) => p.id === setting.id)!;
      assert.equal(setting.value, parameter.default, setting.id);
      assert.equal(setting.origin, 'default');
      assert.equal(setting.version, 0);
      assert.equal(setting.changedAt, null);
      assert.equal(setting.changedBy, null);
      assert.equal(setting.requiresClinicValue, parameter.default === null);
    }
  });

  it('a change shows in the list and in the history: who, when, old and new value, why', async () => {
    const changed = await put(physician, url, {
      value: clinicValue,
      reason: 'Medical director decision 2026-11',
      expectedVersion: 0,
    });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.id, P.id);
    assert.equal(changed.body.value, clinicValue);
    assert.equal(changed.body.origin, 'clinic');
    assert.equal(changed.body.version, 1);
    assert.equal(changed.body.changedAt, TEST_NOW.toISOString());
    assert.deepEqual(changed.body.changedBy, { email: 'physician@a.test', role: 'physician' });
    assert.equal(changed.body.default, P.default, 'the default is still shown beside the clinic value');

    const listed = settingOf((await nurse.get('/api/settings/clinical')).body, P.id);
    assert.deepEqual(listed, changed.body);

    const history = await nurse.get(`${url}/history`);
    assert.equal(history.status, 200);
    assert.deepEqual(history.body.changes, [
      {
        version: 1,
        value: clinicValue,
        previousValue: null,
        reason: 'Medical director decision 2026-11',
        changedBy: { email: 'physician@a.test', role: 'physician' },
        changedAt: TEST_NOW.toISOString(),
      },
    ]);

    const [audit] = await auditRows(t.database, `action = 'settings.change' AND outcome = 'success'`);
    assert.equal(audit?.entity_id, P.id);
    assert.equal(audit.user_id, t.clinics.a.users.physician.id);
    assert.deepEqual(audit.detail, {
      parameterId: P.id,
      version: 1,
      previousValue: null,
      value: clinicValue,
      reason: 'Medical director decision 2026-11',
    });
  });

  it('null puts the parameter back to its default, as a new version; history is newest first', async () => {
    t.clock.advanceMs(60_000);
    const reset = await put(admin, url, {
      value: null,
      reason: 'Back to the reference value',
      expectedVersion: 1,
    });
    assert.equal(reset.status, 200, reset.text);
    assert.equal(reset.body.value, P.default);
    assert.equal(reset.body.origin, 'default');
    assert.equal(reset.body.version, 2);
    assert.deepEqual(reset.body.changedBy, { email: 'admin@a.test', role: 'admin' });
    const history = (await physician.get(`${url}/history`)).body.changes;
    assert.deepEqual(
      history.map((c: { version: number; value: unknown; previousValue: unknown }) => [
        c.version,
        c.value,
        c.previousValue,
      ]),
      [
        [2, null, clinicValue],
        [1, clinicValue, null],
      ],
    );
    const audits = await auditRows(t.database, `action = 'settings.change' AND outcome = 'success'`);
    assert.deepEqual(audits.at(-1)?.detail, {
      parameterId: P.id,
      version: 2,
      previousValue: clinicValue,
      value: null,
      reason: 'Back to the reference value',
    });
  });

  it('a stale expectedVersion gets 409 and changes nothing; the refused attempt is audited', async () => {
    const stale = await put(physician, url, {
      value: clinicValue,
      reason: 'Edited in an old tab',
      expectedVersion: 1,
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'SETTING_VERSION_CONFLICT');
    assert.match(stale.body.detail, /version 1, it is now version 2/);
    const ahead = await put(physician, url, {
      value: clinicValue,
      reason: 'Guessed a version',
      expectedVersion: 7,
    });
    assert.equal(ahead.status, 409);
    assert.equal(settingOf((await nurse.get('/api/settings/clinical')).body, P.id).version, 2);
    const failures = await auditRows(t.database, `action = 'settings.change' AND outcome = 'failure'`);
    assert.equal(failures.length, 2);
    assert.equal(failures[0]?.detail.reason, 'SETTING_VERSION_CONFLICT');
  });

  it('two changes made at once from the same version: one wins, the other gets 409', async () => {
    const results = await Promise.all(
      ['Race one', 'Race two'].map((reason) =>
        put(physician, url, { value: clinicValue, reason, expectedVersion: 2 }),
      ),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
    assert.equal((await nurse.get(`${url}/history`)).body.changes.length, 3);
  });

  it('nurses read settings but cannot change them; front desk cannot read them (403, audited)', async () => {
    const refused = await put(nurse, url, { value: clinicValue, reason: 'Nurse tries', expectedVersion: 3 });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'PERMISSION_DENIED');
    const desk = await t.as('front_desk');
    assert.equal((await desk.get('/api/settings/clinical')).status, 403);
    assert.equal((await desk.get(`${url}/history`)).status, 403);
    const denied = await auditRows(t.database, `action = 'access.denied' AND user_id = $1`, [
      t.clinics.a.users.nurse.id,
    ]);
    assert.equal(denied[0]?.entity_id, 'PUT /api/settings/clinical/:parameterId');
    assert.equal(denied[0].detail.permission, 'settings:manage');
  });

  it('a value the parameter does not accept gets 400 naming value, with the reason', async () => {
    const cases: [unknown, string][] = [
      [P.max + 1, 'above the range'],
      [P.min - 1, 'below the range'],
      ['12', 'a string for a number'],
      [true, 'a boolean for a number'],
    ];
    for (const [value, what] of cases) {
      const response = await put(physician, url, { value, reason: 'Bad value', expectedVersion: 3 });
      assert.equal(response.status, 400, what);
      assert.equal(response.body.field, 'value', what);
      assert.equal(response.body.detail, `value: ${validateSettingValue(P, value)!}`, what);
    }
    const fields: [Record<string, unknown>, string][] = [
      [{ value: clinicValue, reason: 'ab', expectedVersion: 3 }, 'reason'],
      [{ value: clinicValue, reason: '   x   ', expectedVersion: 3 }, 'reason'],
      [{ value: clinicValue, reason: 'x'.repeat(501), expectedVersion: 3 }, 'reason'],
      [{ value: clinicValue, expectedVersion: 3 }, 'reason'],
      [{ value: clinicValue, reason: 'No version' }, 'expectedVersion'],
      [{ reason: 'No value', expectedVersion: 3 }, 'value'],
      [{ value: { nested: 1 }, reason: 'Object value', expectedVersion: 3 }, 'value'],
      [{ value: clinicValue, reason: 'Extra', expectedVersion: 3, clinicId: t.clinics.b.id }, 'clinicId'],
    ];
    for (const [body, field] of fields) {
      const response = await put(physician, url, body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.field, field, JSON.stringify(body));
    }
    assert.equal((await nurse.get(`${url}/history`)).body.changes.length, 3, 'nothing was stored');
  });

  it('an unknown parameter is 404 SETTING_NOT_FOUND', async () => {
    const response = await put(physician, '/api/settings/clinical/session.no-such-thing', {
      value: 1,
      reason: 'Unknown',
      expectedVersion: 0,
    });
    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'SETTING_NOT_FOUND');
    assert.equal(
      (await nurse.get('/api/settings/clinical/session.no-such-thing/history')).body.code,
      'SETTING_NOT_FOUND',
    );
  });

  it("another clinic sees its own defaults, not clinic A's changes or history", async () => {
    const physicianB = await t.as('physician', 'b');
    const setting = settingOf((await physicianB.get('/api/settings/clinical')).body, P.id);
    assert.equal(setting.version, 0);
    assert.equal(setting.origin, 'default');
    assert.equal(setting.value, P.default);
    assert.deepEqual((await physicianB.get(`${url}/history`)).body.changes, []);
    // Clinic B's own first change is its version 1, independent of clinic A's history.
    const own = await put(physicianB, url, {
      value: clinicValue,
      reason: 'Clinic B decision',
      expectedVersion: 0,
    });
    assert.equal(own.status, 200, own.text);
    assert.equal(own.body.version, 1);
  });

  it('keeps a string value a string, and refuses rewriting the history in the database', async () => {
    const userId = t.clinics.a.users.admin.id;
    const stamp = {
      changedBy: userId,
      changedByEmail: 'admin@a.test',
      changedByRole: 'admin',
      changedAt: TEST_NOW,
    };
    const inserted = await insertSettingChange(t.database.db, {
      clinicId: t.clinics.a.id,
      parameterId: 'test.string-value',
      version: 1,
      value: '12',
      previousValue: 'true',
      reason: 'Round trip',
      ...stamp,
    });
    assert.equal(inserted, true);
    const again = await insertSettingChange(t.database.db, {
      clinicId: t.clinics.a.id,
      parameterId: 'test.string-value',
      version: 1,
      value: 'x',
      previousValue: null,
      reason: 'Taken',
      ...stamp,
    });
    assert.equal(again, false, 'a taken version is reported, not overwritten');
    const row = await findCurrentSettingChange(t.database.db, t.clinics.a.id, 'test.string-value');
    assert.equal(row?.value, '12');
    assert.equal(row.previousValue, 'true');
    for (const statement of [
      `UPDATE clinic_setting_change SET reason = 'rewritten'`,
      `DELETE FROM clinic_setting_change`,
      `TRUNCATE clinic_setting_change`,
    ]) {
      await assert.rejects(t.database.sql.exec(statement), /append-only/, statement);
    }
  });
});
