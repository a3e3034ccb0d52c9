import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, makePatientBody, startTestApp, TEST_DB_KIND, type TestApp, type TestClient } from '@ketapath/test-support';

describe(`patients (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let nurse: TestClient;
  before(async () => {
    t = await startTestApp();
    nurse = await t.as('nurse');
  });
  after(async () => {
    await t.close();
  });

  it('creates a patient with an assigned MRN, first weight and height, and a Location header', async () => {
    const created = await nurse.post('/api/patients', makePatientBody({ familyName: 'Åström', givenNames: 'Zoë', preferredName: 'Zo' }));
    assert.equal(created.status, 201);
    assert.match(created.body.mrn, /^\d{6}$/);
    assert.deepEqual(created.body.latestWeight, { weightKg: 72.5, measuredOn: '2026-11-21' });
    assert.deepEqual(created.body.latestHeight, { heightCm: 168, measuredOn: '2026-11-21' });
    assert.equal(created.body.version, 1);
    assert.equal(created.headers.get('location'), `/api/patients/${created.body.id}`);
    const fetched = await nurse.get(`/api/patients/${created.body.id}`);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, created.body);
  });

  it('assigns consecutive, unique MRNs per clinic under concurrent creation', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => nurse.post('/api/patients', makePatientBody({ familyName: `Batch${i}` }))));
    const mrns = results.map((r) => Number(r.body.mrn)).sort((a, b) => a - b);
    assert.equal(new Set(mrns).size, 12);
    assert.equal(mrns[11]! - mrns[0]!, 11);
    const other = await (await t.as('nurse', 'b')).post('/api/patients', makePatientBody());
    assert.equal(other.body.mrn, '000001', 'clinic b numbers from 1');
  });

  it('refuses each side of the weight and height ranges with a message naming field and range', async () => {
    for (const [field, value, ok] of [
      ['weightKg', 19.9, false], ['weightKg', 20, true], ['weightKg', 400, true], ['weightKg', 400.1, false],
      ['heightCm', 49.9, false], ['heightCm', 50, true], ['heightCm', 250, true], ['heightCm', 250.1, false],
    ] as const) {
      const response = await nurse.post('/api/patients', makePatientBody({ [field]: value }));
      if (ok) {
        assert.equal(response.status, 201, `${field}=${value}`);
      } else {
        assert.equal(response.status, 400, `${field}=${value}`);
        assert.equal(response.body.field, field);
        const range = field === 'weightKg' ? 'between 20 and 400 kg' : 'between 50 and 250 cm';
        assert.equal(response.body.detail, `${field}: must be ${range}`);
      }
    }
  });

  it('refuses a date of birth in the future (today in the clinic time zone is fine)', async () => {
    const tomorrow = await nurse.post('/api/patients', makePatientBody({ dateOfBirth: '2026-11-22' }));
    assert.equal(tomorrow.status, 400);
    assert.equal(tomorrow.body.field, 'dateOfBirth');
    assert.equal(tomorrow.body.detail, 'dateOfBirth: cannot be in the future');
    assert.equal((await nurse.post('/api/patients', makePatientBody({ dateOfBirth: '2026-11-21' }))).status, 201);
    const impossible = await nurse.post('/api/patients', makePatientBody({ dateOfBirth: '2023-02-29' }));
    assert.equal(impossible.status, 400);
    assert.equal(impossible.body.field, 'dateOfBirth');
  });

  it('searches by name (case- and accent-insensitive), date of birth and MRN, with pagination', async () => {
    const zoe = (await nurse.post('/api/patients', makePatientBody({ familyName: 'Núñez', givenNames: 'Zoë', dateOfBirth: '1961-03-05' }))).body;
    for (const q of ['nunez', 'NÚÑEZ', 'zoe nun', 'ZOË']) {
      const page = await nurse.get(`/api/patients?q=${encodeURIComponent(q)}`);
      assert.ok(page.body.items.some((p: { id: string }) => p.id === zoe.id), `query ${q}`);
    }
    const byDob = await nurse.get('/api/patients?q=1961-03-05');
    assert.deepEqual(byDob.body.items.map((p: { id: string }) => p.id), [zoe.id]);
    const byUsDob = await nurse.get(`/api/patients?q=${encodeURIComponent('3/5/1961')}`);
    assert.deepEqual(byUsDob.body.items.map((p: { id: string }) => p.id), [zoe.id]);
    const byMrn = await nurse.get(`/api/patients?q=${zoe.mrn}`);
    assert.deepEqual(byMrn.body.items.map((p: { id: string }) => p.id), [zoe.id]);
    assert.equal((await nurse.get('/api/patients?q=nobody-by-this-name')).body.total, 0);
    const like = await nurse.get(`/api/patients?q=${encodeURIComponent('%')}`);
    assert.equal(like.body.total, 0, 'a % is a character, not a wildcard');

    const all = await nurse.get('/api/patients?limit=5');
    assert.equal(all.body.items.length, 5);
    assert.ok(all.body.total > 5);
    const second = await nurse.get('/api/patients?limit=5&offset=5');
    assert.equal(second.body.total, all.body.total);
    assert.equal(new Set([...all.body.items, ...second.body.items].map((p: { id: string }) => p.id)).size, 10);
    const past = await nurse.get(`/api/patients?limit=5&offset=${Number(all.body.total) + 10}`);
    assert.deepEqual(past.body.items, []);
    assert.equal(past.body.total, all.body.total);
  });

  it('a stale concurrent edit gets 409 and cannot overwrite the other', async () => {
    const p = (await nurse.post('/api/patients', makePatientBody())).body;
    const desk = await t.as('front_desk');
    const first = await nurse.patch(`/api/patients/${p.id}`, { version: 1, phone: '+1 555 0100' });
    assert.equal(first.status, 200);
    assert.equal(first.body.version, 2);
    const stale = await desk.patch(`/api/patients/${p.id}`, { version: 1, phone: '+1 555 0199' });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'PATIENT_VERSION_CONFLICT');
    assert.match(stale.body.detail, /version 1, it is now version 2/);
    assert.equal((await nurse.get(`/api/patients/${p.id}`)).body.phone, '+1 555 0100');
    // Exactly one of two racing writers with the same version wins.
    const race = await Promise.all([
      nurse.patch(`/api/patients/${p.id}`, { version: 2, preferredName: 'Racer one' }),
      desk.patch(`/api/patients/${p.id}`, { version: 2, preferredName: 'Racer two' }),
    ]);
    assert.deepEqual(race.map((r) => r.status).sort(), [200, 409]);
  });

  it('updates demographics and keeps search in step with the new name', async () => {
    const p = (await nurse.post('/api/patients', makePatientBody({ familyName: 'Oldname' }))).body;
    const updated = await nurse.patch(`/api/patients/${p.id}`, { version: 1, familyName: 'Brandnew', address: { city: 'Springfield' }, email: null });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.familyName, 'Brandnew');
    assert.deepEqual(updated.body.address, { city: 'Springfield' });
    assert.equal((await nurse.get('/api/patients?q=brandnew')).body.total, 1);
    assert.equal((await nurse.get('/api/patients?q=oldname')).body.total, 0);
  });

  it('keeps the weight history and answers the weight in force on a date', async () => {
    const p = (await nurse.post('/api/patients', makePatientBody({ weightKg: 80, measuredOn: '2026-01-10' }))).body;
    for (const [weightKg, measuredOn] of [[78, '2026-03-01'], [75.5, '2026-06-15']] as const) {
      assert.equal((await nurse.post(`/api/patients/${p.id}/measurements`, { kind: 'weight', weightKg, measuredOn })).status, 201);
    }
    const history = await nurse.get(`/api/patients/${p.id}/measurements?kind=weight`);
    assert.deepEqual(history.body.items.map((m: { value: number }) => m.value), [75.5, 78, 80]);
    assert.equal(history.body.items[0].recordedBy.displayName, 'nurse a');
    const on = async (date: string) => nurse.get(`/api/patients/${p.id}/weight?on=${date}`);
    assert.equal((await on('2026-01-09')).status, 404, 'before the first measurement');
    assert.equal((await on('2026-01-10')).body.weightKg, 80);
    assert.equal((await on('2026-02-28')).body.weightKg, 80);
    assert.equal((await on('2026-03-01')).body.weightKg, 78);
    assert.equal((await on('2026-11-21')).body.weightKg, 75.5);
    assert.equal((await nurse.get(`/api/patients/${p.id}`)).body.latestWeight.weightKg, 75.5);
    const future = await nurse.post(`/api/patients/${p.id}/measurements`, { kind: 'weight', weightKg: 70, measuredOn: '2026-11-22' });
    assert.equal(future.status, 400);
    assert.equal(future.body.field, 'measuredOn');
  });

  it('leaves an audit row for every patient read and write, with the request id', async () => {
    const before = (await auditRows(t.database)).length;
    const p = (await nurse.post('/api/patients', makePatientBody())).body;
    await nurse.get(`/api/patients/${p.id}`);
    await nurse.patch(`/api/patients/${p.id}`, { version: 1, phone: '123' });
    await nurse.get('/api/patients?q=doe');
    await nurse.post(`/api/patients/${p.id}/measurements`, { kind: 'height', heightCm: 170, measuredOn: '2026-11-01' });
    await nurse.get(`/api/patients/${p.id}/measurements`);
    await nurse.get(`/api/patients/${p.id}/weight?on=2026-11-21`);
    const rows = (await auditRows(t.database)).slice(before);
    assert.deepEqual(rows.map((r) => r.action), [
      'patient.create', 'patient.read', 'patient.update', 'patient.search', 'measurement.create', 'measurement.list', 'measurement.read',
    ]);
    for (const row of rows) {
      assert.equal(row.user_id, t.clinics.a.users.nurse.id);
      assert.equal(row.outcome, 'success');
      assert.ok(row.request_id);
    }
    assert.ok((rows[3]!.detail.patientIds as string[]).includes(p.id), 'a search records which patients it showed');
  });
});
