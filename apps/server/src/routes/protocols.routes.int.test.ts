import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Protocol } from '@ketapath/core';
import { listProtocols, PROTOCOL_LIBRARY } from '@ketapath/clinical-rules';
import {
  auditRows,
  startTestApp,
  TEST_DB_KIND,
  TEST_NOW,
  type TestApp,
  type TestClient,
} from '@ketapath/test-support';

const library = listProtocols()[0];
if (!library) throw new Error('the protocol library is empty');
const LIB: Protocol = library;
const COPY_ID = 'clinic-copy-one';

/** A clinic copy of the first library protocol, with edits. */
function makeCopy(overrides: Partial<Protocol> = {}): Protocol {
  return { ...structuredClone(LIB), id: COPY_ID, name: 'Our clinic’s version', ...overrides };
}

function copyBody(overrides: Record<string, unknown> = {}) {
  return {
    basedOn: { protocolId: LIB.id, version: LIB.version },
    protocol: makeCopy(),
    reason: 'Adopted with our own limits',
    ...overrides,
  };
}

function put(client: TestClient, path: string, json: unknown) {
  return client.request('PUT', path, { json });
}

describe(`protocols: read-only library, versioned clinic copies (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let physician: TestClient;
  let admin: TestClient;
  let desk: TestClient;
  before(async () => {
    t = await startTestApp();
    [physician, admin, desk] = await Promise.all([t.as('physician'), t.as('admin'), t.as('front_desk')]);
  });
  after(async () => {
    await t.close();
  });

  it('lists every library protocol (latest version) for any role', async () => {
    const response = await desk.get('/api/protocols');
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(
      response.body.protocols,
      listProtocols().map((p) => ({
        id: p.id,
        version: p.version,
        name: p.name,
        indication: p.indication.text,
        route: p.routes.join(', '),
        routes: p.routes,
        evidence: p.evidence.label,
        origin: 'library',
      })),
    );
  });

  it('reads a library protocol, its versions and one version; unknown ids and versions are 404', async () => {
    const detail = await desk.get(`/api/protocols/${LIB.id}`);
    assert.equal(detail.status, 200, detail.text);
    assert.equal(detail.body.origin, 'library');
    assert.deepEqual(detail.body.protocol, JSON.parse(JSON.stringify(LIB)));
    assert.deepEqual(
      detail.body.versions.map((v: { version: number; createdBy: unknown }) => [v.version, v.createdBy]),
      PROTOCOL_LIBRARY.filter((p) => p.id === LIB.id)
        .map((p) => [p.version, null])
        .reverse(),
    );
    const one = await desk.get(`/api/protocols/${LIB.id}/versions/${LIB.version}`);
    assert.deepEqual(one.body, { protocol: JSON.parse(JSON.stringify(LIB)), origin: 'library' });
    for (const path of [
      `/api/protocols/${LIB.id}/versions/99`,
      '/api/protocols/no-such-protocol',
      '/api/protocols/no-such-protocol/versions/1',
    ]) {
      const missing = await desk.get(path);
      assert.equal(missing.status, 404, path);
      assert.equal(missing.body.code, 'PROTOCOL_NOT_FOUND');
    }
    assert.equal((await desk.get('/api/protocols/Not_An_Id')).body.field, 'protocolId');
    assert.equal((await desk.get(`/api/protocols/${LIB.id}/versions/0`)).body.field, 'version');
  });

  it('copies a library protocol into the clinic as version 1, based on the library version, audited', async () => {
    const created = await physician.post('/api/protocols', copyBody());
    assert.equal(created.status, 201, created.text);
    assert.equal(created.headers.get('location'), `/api/protocols/${COPY_ID}`);
    assert.equal(created.body.origin, 'clinic');
    assert.deepEqual(
      created.body.protocol,
      JSON.parse(
        JSON.stringify({ ...makeCopy(), version: 1, basedOn: { id: LIB.id, version: LIB.version } }),
      ),
    );

    const listed = (await desk.get('/api/protocols')).body.protocols.find(
      (p: { id: string }) => p.id === COPY_ID,
    );
    assert.deepEqual(
      {
        origin: listed.origin,
        version: listed.version,
        basedOn: listed.basedOn,
        updatedAt: listed.updatedAt,
        name: listed.name,
      },
      {
        origin: 'clinic',
        version: 1,
        basedOn: { id: LIB.id, version: LIB.version },
        updatedAt: TEST_NOW.toISOString(),
        name: 'Our clinic’s version',
      },
    );
    const [audit] = await auditRows(t.database, `action = 'protocol.create'`);
    assert.equal(audit?.entity_id, COPY_ID);
    assert.equal(audit.outcome, 'success');
    assert.equal(audit.detail.reason, 'Adopted with our own limits');
    assert.deepEqual(audit.detail.basedOn, { id: LIB.id, version: LIB.version });
  });

  it('a new version of the copy keeps the old one readable; history names who, when and why', async () => {
    t.clock.advanceMs(600_000);
    const v2 = await put(admin, `/api/protocols/${COPY_ID}`, {
      protocol: makeCopy({ name: 'Our clinic’s version, revised' }),
      reason: 'Renamed after review',
      expectedVersion: 1,
    });
    assert.equal(v2.status, 200, v2.text);
    assert.equal(v2.body.protocol.version, 2);
    assert.deepEqual(v2.body.protocol.basedOn, { id: LIB.id, version: LIB.version });

    const detail = await desk.get(`/api/protocols/${COPY_ID}`);
    assert.equal(detail.body.protocol.name, 'Our clinic’s version, revised');
    assert.deepEqual(detail.body.versions, [
      {
        version: 2,
        createdAt: new Date(TEST_NOW.getTime() + 600_000).toISOString(),
        createdBy: { email: 'admin@a.test', role: 'admin' },
        reason: 'Renamed after review',
      },
      {
        version: 1,
        createdAt: TEST_NOW.toISOString(),
        createdBy: { email: 'physician@a.test', role: 'physician' },
        reason: 'Adopted with our own limits',
      },
    ]);
    const v1 = await desk.get(`/api/protocols/${COPY_ID}/versions/1`);
    assert.equal(v1.status, 200);
    assert.equal(v1.body.protocol.name, 'Our clinic’s version');
    assert.equal(v1.body.protocol.version, 1);
    const [audit] = await auditRows(t.database, `action = 'protocol.version'`);
    assert.deepEqual(audit?.detail, {
      protocolId: COPY_ID,
      previousVersion: 1,
      version: 2,
      changedFields: ['name'],
      reason: 'Renamed after review',
    });
  });

  it('a stale expectedVersion is 409 PROTOCOL_VERSION_CONFLICT, audited as refused', async () => {
    const stale = await put(physician, `/api/protocols/${COPY_ID}`, {
      protocol: makeCopy(),
      reason: 'From an old tab',
      expectedVersion: 1,
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'PROTOCOL_VERSION_CONFLICT');
    assert.equal((await desk.get(`/api/protocols/${COPY_ID}`)).body.protocol.version, 2);
    const refused = await auditRows(t.database, `action = 'protocol.version' AND outcome = 'failure'`);
    assert.equal(refused[0]?.detail.reason, 'PROTOCOL_VERSION_CONFLICT');
  });

  it('library protocols are read-only; a copy may not take a library or existing id', async () => {
    const readOnly = await put(physician, `/api/protocols/${LIB.id}`, {
      protocol: { ...LIB, name: 'Changed' },
      reason: 'Try to change the library',
      expectedVersion: LIB.version,
    });
    assert.equal(readOnly.status, 409);
    assert.equal(readOnly.body.code, 'PROTOCOL_READ_ONLY');
    const refused = await auditRows(
      t.database,
      `action = 'protocol.version' AND outcome = 'failure' AND entity_id = $1`,
      [LIB.id],
    );
    assert.equal(refused[0]?.detail.reason, 'PROTOCOL_READ_ONLY');
    const libraryId = await physician.post(
      '/api/protocols',
      copyBody({ protocol: makeCopy({ id: LIB.id }) }),
    );
    assert.equal(libraryId.status, 409);
    assert.equal(libraryId.body.code, 'PROTOCOL_ID_TAKEN');
    assert.equal(libraryId.body.field, 'protocol.id');
    const again = await physician.post('/api/protocols', copyBody());
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'PROTOCOL_ID_TAKEN');
    assert.equal(
      (await desk.get(`/api/protocols/${COPY_ID}`)).body.versions.length,
      2,
      'the copy is unchanged',
    );
  });

  it('refuses an invalid protocol naming the field (schema and meaning), an unknown base, a changed id', async () => {
    const noName = await physician.post(
      '/api/protocols',
      copyBody({ protocol: makeCopy({ id: 'clinic-bad', name: '' }) }),
    );
    assert.equal(noName.status, 400);
    assert.equal(noName.body.field, 'protocol.name');
    const clinicSource = { kind: 'clinic', note: 'Medical director' } as const;
    const limits = structuredClone(LIB.limits);
    limits[0]!.rateMgPerH = {
      soft: { value: 10, source: clinicSource },
      hard: { value: 5, source: clinicSource },
    };
    const inverted = await physician.post(
      '/api/protocols',
      copyBody({ protocol: makeCopy({ id: 'clinic-bad', limits }) }),
    );
    assert.equal(inverted.status, 400, inverted.text);
    assert.equal(inverted.body.field, 'protocol.limits[0].rateMgPerH.soft');
    assert.match(inverted.body.detail, /soft limit 10 is above the hard limit 5/);
    const unknownBase = await physician.post(
      '/api/protocols',
      copyBody({
        basedOn: { protocolId: 'no-such-protocol', version: 1 },
        protocol: makeCopy({ id: 'clinic-bad' }),
      }),
    );
    assert.equal(unknownBase.status, 404);
    assert.equal(unknownBase.body.code, 'PROTOCOL_NOT_FOUND');
    assert.equal(unknownBase.body.field, 'basedOn');
    const renamed = await put(physician, `/api/protocols/${COPY_ID}`, {
      protocol: makeCopy({ id: 'another-id' }),
      reason: 'Rename the id',
      expectedVersion: 2,
    });
    assert.equal(renamed.status, 400);
    assert.equal(renamed.body.field, 'protocol.id');
    const shortReason = await physician.post(
      '/api/protocols',
      copyBody({ protocol: makeCopy({ id: 'clinic-bad' }), reason: 'x' }),
    );
    assert.equal(shortReason.body.field, 'reason');
    assert.equal((await desk.get('/api/protocols/clinic-bad')).status, 404, 'nothing was stored');
  });

  it('nurses and front desk read protocols but cannot copy or change them', async () => {
    for (const role of ['nurse', 'front_desk'] as const) {
      const client = await t.as(role);
      assert.equal((await client.get(`/api/protocols/${COPY_ID}`)).status, 200);
      assert.equal(
        (await client.post('/api/protocols', copyBody({ protocol: makeCopy({ id: 'clinic-by-nurse' }) })))
          .status,
        403,
      );
      assert.equal(
        (
          await put(client, `/api/protocols/${COPY_ID}`, {
            protocol: makeCopy(),
            reason: 'No right',
            expectedVersion: 2,
          })
        ).status,
        403,
      );
    }
  });

  it("another clinic does not see clinic A's copy and may use the same id for its own", async () => {
    const physicianB = await t.as('physician', 'b');
    assert.ok(
      !(await physicianB.get('/api/protocols')).body.protocols.some((p: { id: string }) => p.id === COPY_ID),
    );
    assert.equal((await physicianB.get(`/api/protocols/${COPY_ID}`)).status, 404);
    assert.equal((await physicianB.get(`/api/protocols/${COPY_ID}/versions/1`)).status, 404);
    assert.equal(
      (
        await put(physicianB, `/api/protocols/${COPY_ID}`, {
          protocol: makeCopy(),
          reason: 'Not ours',
          expectedVersion: 2,
        })
      ).status,
      404,
    );
    const own = await physicianB.post(
      '/api/protocols',
      copyBody({ protocol: makeCopy({ name: 'Clinic B version' }) }),
    );
    assert.equal(own.status, 201, own.text);
    assert.equal(
      (await physician.get(`/api/protocols/${COPY_ID}`)).body.protocol.name,
      'Our clinic’s version, revised',
    );
  });

  it('a copy of a clinic copy records the library protocol the chain started from', async () => {
    const copyOfCopy = await physician.post('/api/protocols', {
      basedOn: { protocolId: COPY_ID, version: 1 },
      protocol: makeCopy({ id: 'clinic-copy-two', name: 'Second copy' }),
      reason: 'Variant for inpatients',
    });
    assert.equal(copyOfCopy.status, 201, copyOfCopy.text);
    assert.deepEqual(copyOfCopy.body.protocol.basedOn, { id: LIB.id, version: LIB.version });
  });

  it('refuses rewriting protocol versions in the database', async () => {
    for (const statement of [
      `UPDATE clinic_protocol_version SET reason = 'rewritten'`,
      `DELETE FROM clinic_protocol_version`,
    ]) {
      await assert.rejects(t.database.sql.exec(statement), /append-only/, statement);
    }
  });
});
