/**
 * A clinic's registered locations over HTTP: recording Main's DEA registration and address with a reason
 * (PATCH /api/ledger/locations/:locationId), its audit row, who may do it, what is refused, and the reports
 * printing the registration as it now stands.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  auditRows,
  mainLocationId,
  startTestApp,
  TEST_DB_KIND,
  type TestApp,
  type TestClient,
} from '@ketapath/test-support';

interface LocationBody {
  id: string;
  name: string;
  deaRegistration: string | null;
  address: string | null;
  activity: string | null;
  version: number;
}

describe(`registered locations over HTTP (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let physician: TestClient;
  let locationId: string;
  const path = () => `/api/ledger/locations/${locationId}`;
  const find = async (client: TestClient, id = locationId): Promise<LocationBody> => {
    const list = await client.get<{ locations: LocationBody[] }>('/api/ledger/locations');
    assert.equal(list.status, 200, list.text);
    const found = list.body.locations.find((l) => l.id === id);
    assert.ok(found, `location ${id} is listed`);
    return found;
  };

  before(async () => {
    t = await startTestApp();
    physician = await t.as('physician');
    locationId = await mainLocationId(physician);
  });
  after(async () => {
    await t.close();
  });

  it('records Main’s DEA registration and address with the reason, in the list and the audit row', async () => {
    const before = await find(physician);
    assert.deepEqual(
      { ...before, id: undefined },
      { id: undefined, name: 'Main', deaRegistration: null, address: null, activity: null, version: 1 },
    );
    const changed = await physician.patch<LocationBody>(path(), {
      expectedVersion: 1,
      deaRegistration: 'FA1234563',
      address: '1 Main St, Springfield, IL 62701',
      reason: 'Registration certificate received',
    });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.deaRegistration, 'FA1234563');
    assert.equal(changed.body.version, 2);
    const listed = await find(physician);
    assert.equal(listed.deaRegistration, 'FA1234563');
    assert.equal(listed.address, '1 Main St, Springfield, IL 62701');
    assert.equal(listed.name, 'Main');
    const rows = await auditRows(
      t.database,
      `action = 'ledger.location' AND entity_id = $1 AND outcome = 'success'`,
      [locationId],
    );
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0]?.detail, {
      changes: {
        deaRegistration: { from: null, to: 'FA1234563' },
        address: { from: null, to: '1 Main St, Springfield, IL 62701' },
      },
      reason: 'Registration certificate received',
      version: 2,
    });
    assert.equal(rows[0].user_id, t.clinics.a.users.physician.id);
  });

  it('lets only those who manage the ledger change a location', async () => {
    for (const role of ['nurse', 'front_desk'] as const) {
      const response = await (
        await t.as(role)
      ).patch(path(), { expectedVersion: 2, address: 'x', reason: 'y' });
      assert.equal(response.status, 403, `${role}: ${response.text}`);
      assert.equal(response.body.code, 'PERMISSION_DENIED');
    }
    const admin = await t.as('admin');
    const byAdmin = await admin.patch<LocationBody>(path(), {
      expectedVersion: 2,
      activity: 'practitioner',
      reason: 'Activity as registered',
    });
    assert.equal(byAdmin.status, 200, byAdmin.text);
    assert.equal(byAdmin.body.version, 3);
  });

  it('names the field of a refused change', async () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [
        'a malformed DEA number',
        { expectedVersion: 3, deaRegistration: 'fa12345', reason: 'x' },
        'deaRegistration',
        /two capital letters/,
      ],
      ['an empty body', {}, 'reason', /is required/],
      ['no reason', { expectedVersion: 3, address: '2 Main St' }, 'reason', /is required/],
      ['a blank reason', { expectedVersion: 3, address: '2 Main St', reason: '  ' }, 'reason', /is required/],
      ['no version', { address: '2 Main St', reason: 'x' }, 'expectedVersion', /is required/],
      [
        'nothing to change',
        { expectedVersion: 3, reason: 'x' },
        'body',
        /at least one of name, deaRegistration/,
      ],
      [
        'an unknown field',
        { expectedVersion: 3, reason: 'x', registration: 'FA1234563' },
        'registration',
        /not a known field/,
      ],
    ];
    for (const [label, body, field, message] of cases) {
      const response = await physician.patch(path(), body);
      assert.equal(response.status, 400, `${label}: ${response.text}`);
      assert.equal(response.body.code, 'VALIDATION_FAILED', label);
      assert.equal(response.body.field, field, label);
      assert.match(response.body.detail, message, label);
    }
    assert.equal((await find(physician)).version, 3, 'nothing was changed');
  });

  it('refuses a stale version with 409 naming expectedVersion, and a name the clinic already uses', async () => {
    const stale = await physician.patch(path(), { expectedVersion: 1, address: '9 Elm St', reason: 'Moved' });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.body.code, 'LEDGER_LOCATION_VERSION_CONFLICT');
    assert.equal(stale.body.field, 'expectedVersion');
    assert.match(stale.body.errors[0].message, /is 1, but the location is now at version 3/);
    const satellite = await physician.post<LocationBody>('/api/ledger/locations', {
      name: 'Satellite',
      deaRegistration: 'BS1234567',
      address: '2 Side St, Springfield',
      activity: 'practitioner',
    });
    assert.equal(satellite.status, 201, satellite.text);
    assert.equal(satellite.body.version, 1);
    const taken = await physician.patch(path(), { expectedVersion: 3, name: 'Satellite', reason: 'Rename' });
    assert.equal(taken.status, 409, taken.text);
    assert.equal(taken.body.code, 'LEDGER_LOCATION_NAME_TAKEN');
    assert.equal(taken.body.field, 'name');
    const renamed = await physician.patch<LocationBody>(`/api/ledger/locations/${satellite.body.id}`, {
      expectedVersion: 1,
      name: 'Satellite clinic',
      reason: 'Name on the certificate',
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.body.name, 'Satellite clinic');
    const main = await find(physician);
    assert.equal(main.version, 3, 'the refused changes left Main as it was');
    assert.equal(main.name, 'Main');
    const refused = await auditRows(t.database, `action = 'ledger.location' AND outcome = 'failure'`);
    assert.deepEqual(
      refused.map((r) => r.detail.reason),
      ['LEDGER_LOCATION_VERSION_CONFLICT', 'LEDGER_LOCATION_NAME_TAKEN'],
    );
  });

  it("keeps another clinic's location out of reach (404)", async () => {
    const physicianB = await t.as('physician', 'b');
    const cross = await physicianB.patch(path(), {
      expectedVersion: 3,
      deaRegistration: 'XB1234567',
      reason: 'x',
    });
    assert.equal(cross.status, 404, cross.text);
    assert.equal(cross.body.code, 'LEDGER_LOCATION_NOT_FOUND');
    assert.equal((await find(physician)).deaRegistration, 'FA1234563');
    const own = await physicianB.get<{ locations: LocationBody[] }>('/api/ledger/locations');
    assert.ok(own.body.locations.every((l) => l.deaRegistration !== 'XB1234567'));
  });

  it('prints the new registration in the receipts report', async () => {
    const report = await physician.get(`/api/ledger/reports/receipts.csv?locationId=${locationId}`);
    assert.equal(report.status, 200, report.text);
    assert.match(report.text, /^DEA registration,FA1234563,/m);
    assert.match(report.text, /^Location address,"1 Main St, Springfield, IL 62701",/m);
    assert.doesNotMatch(report.text, /not recorded/);
  });
});
