import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasPermission, STAFF_ROLES, type Permission } from '@ketapath/core';
import { listProtocols, PARAMETERS } from '@ketapath/clinical-rules';
import {
  makeIntake,
  makeOrderCheckBody,
  makePatientBody,
  makeSessionSnapshot,
  startTestApp,
  TEST_DB_KIND,
  type TestApp,
  type TestClient,
} from '@ketapath/test-support';

/** Ids made in `before` so the journey routes have something to read (an intake version, a signed plan). */
const journey = { planId: '', sessionId: '', deviceId: '', locationId: '', ledger: { drawVial: '', quarantineVial: '', wasteVial: '', destroyVial: '', discrepancyId: '', lossReportId: '', emptyLocationId: '' }, intakeOverrides: [] as { ruleId: string; reason: string }[], planOverrides: [] as { ruleId: string; reason: string }[] };

function planBody(protocol: { id: string; version: number }, overrides: { ruleId: string; reason: string }[]) {
  return { protocolId: protocol.id, protocolVersion: protocol.version, firstSessionAt: '2026-11-23T14:00:00.000Z', bag: { drugMg: 200, volumeMl: 100 }, overrides };
}

/** A request that passes validation for each route; a new route without one here fails the test. */
function sampleRequest(method: string, url: string, patientId: string): { path: string; json?: unknown } {
  const parameterId = PARAMETERS[0]?.id ?? 'no-parameters';
  const protocol = listProtocols()[0];
  if (!protocol) throw new Error('the protocol library is empty');
  const path = url
    .replace(':patientId', patientId)
    .replace(':parameterId', parameterId)
    .replace(':protocolId', protocol.id)
    .replace(':version', String(protocol.version))
    .replace(':sessionId', journey.sessionId)
    .replace(':deviceId', journey.deviceId);
  const samples: Record<string, { path: string; json?: unknown }> = {
    'GET /api/health': { path },
    'GET /api/docs/json': { path },
    'POST /api/auth/login': { path, json: { email: 'nobody@x.test', password: 'x' } },
    'POST /api/auth/logout': { path },
    'GET /api/auth/session': { path },
    'GET /api/patients': { path: `${path}?q=doe` },
    'POST /api/patients': { path, json: makePatientBody() },
    'GET /api/patients/:patientId': { path },
    'PATCH /api/patients/:patientId': { path, json: { version: 1, phone: '555' } },
    'GET /api/patients/:patientId/measurements': { path },
    'POST /api/patients/:patientId/measurements': { path, json: { kind: 'weight', weightKg: 70, measuredOn: '2026-11-01' } },
    'GET /api/patients/:patientId/weight': { path: `${path}?on=2026-11-21` },
    'GET /api/audit': { path },
    'GET /api/users': { path },
    'POST /api/users': { path, json: { email: `new-${Math.random().toString(36).slice(2)}@x.test`, displayName: 'New', role: 'nurse', password: 'a long enough password' } },
    'GET /api/pharmacology/models': { path },
    'POST /api/pharmacology/simulate': { path, json: { modelId: 'ketamine/kamp-2020', patient: { weightKg: 70, ageYears: 45, sex: 'female' }, regimen: { doses: [{ route: 'iv-bolus', atMin: 0, doseMg: 35 }] }, timesMin: [0, 30, 60] } },
    'POST /api/pharmacology/population': {
      path,
      json: { modelId: 'esketamine/perez-ruixo-2021', patient: { weightKg: 70, ageYears: 45, sex: 'female' }, regimen: { doses: [{ route: 'intranasal', atMin: 0, doseMg: 56 }] }, grid: { stepMin: 30, untilMin: 240 }, nPatients: 20, seed: 1 },
    },
    'GET /api/settings/clinical': { path },
    'GET /api/rules': { path },
    'POST /api/rules/eligibility': { path, json: { intake: makeIntake() } },
    'POST /api/rules/check-order': { path, json: makeOrderCheckBody(protocol) },
    'POST /api/rules/session': { path, json: { snapshot: makeSessionSnapshot() } },
    'GET /api/protocols': { path },
    'GET /api/protocols/:protocolId': { path },
    'GET /api/protocols/:protocolId/versions/:version': { path },
    'POST /api/protocols': {
      path,
      json: {
        basedOn: { protocolId: protocol.id, version: protocol.version },
        protocol: { ...protocol, id: `access-copy-${Math.random().toString(36).slice(2)}` },
        reason: 'Access test',
      },
    },
    // A library protocol: allowed roles get past the access check to 409 PROTOCOL_READ_ONLY.
    'PUT /api/protocols/:protocolId': { path, json: { protocol, reason: 'Access test', expectedVersion: protocol.version } },
    'PUT /api/settings/clinical/:parameterId': { path, json: { value: null, reason: 'Access test', expectedVersion: 0 } },
    'GET /api/settings/clinical/:parameterId/history': { path },
    'POST /api/pharmacology/tci': { path, json: { modelId: 'ketamine/kamp-2020', patient: { weightKg: 70, ageYears: 45, sex: 'female' }, targetNgPerMl: 150, durationMin: 30 } },
    'GET /api/patients/:patientId/intakes': { path },
    'GET /api/patients/:patientId/intakes/:version': { path: `/api/patients/${patientId}/intakes/1` },
    // Saved in `before`: a repeated first save rightly conflicts.
    'POST /api/patients/:patientId/intakes': { path, json: { intake: makeIntake(), expectedVersion: 0 } },
    'POST /api/patients/:patientId/qualifications': { path, json: { intakeVersion: 1, overrides: journey.intakeOverrides } },
    'POST /api/patients/:patientId/plans/preview': { path, json: planBody(protocol, journey.planOverrides) },
    'POST /api/patients/:patientId/plans': { path, json: planBody(protocol, journey.planOverrides) },
    'GET /api/patients/:patientId/plans': { path },
    'GET /api/patients/:patientId/plans/:planId/versions/:version': { path: `/api/patients/${patientId}/plans/${journey.planId}/versions/1` },
    'GET /api/patients/:patientId/sessions': { path },
    'GET /api/sessions/:sessionId/chart': { path },
    'GET /api/sessions/:sessionId/chart.pdf': { path },
    'POST /api/sessions/:sessionId/entries': { path, json: { entry: { kind: 'note', text: 'Access test' }, clientEntryId: crypto.randomUUID() } },
    'POST /api/sessions/:sessionId/vitals': { path, json: { clientEntryId: crypto.randomUUID(), occurredAt: '2026-11-21T14:30:00.000Z', vitals: { heartRatePerMin: 72 } } },
    // Moved once in `before`: allowed roles get past the access check to a stale-version 409.
    'PATCH /api/sessions/:sessionId': { path, json: { chair: 'Chair 1', expectedVersion: 0 } },
    'GET /api/schedule': { path: `${path}?date=2026-11-23` },
    'GET /api/floor': { path },
    'GET /api/floor/stream': { path },
    'POST /api/devices': { path, json: { label: 'Access test monitor' } },
    'GET /api/devices': { path },
    'POST /api/devices/:deviceId/revoke': { path },
    'GET /api/ledger/reports/:report.:format': { path: `/api/ledger/reports/receipts.csv?locationId=${journey.locationId}` },
    'GET /api/ledger/verify': { path: `${path}?locationId=${journey.locationId}` },
    ...ledgerSamples(path),
  };
  const sample = samples[`${method} ${url}`];
  if (!sample) throw new Error(`no sample request for ${method} ${url}: add one`);
  return sample;
}

/** Samples for the ledger routes (ids made in `before`); a repeated write may rightly be refused with 409. */
function ledgerSamples(path: string): Record<string, { path: string; json?: unknown }> {
  const l = journey.ledger;
  const id = () => crypto.randomUUID();
  const container = (containerId: string, action: string) => `/api/ledger/containers/${containerId}/${action}`;
  return {
    'GET /api/ledger/locations': { path },
    'POST /api/ledger/locations': { path, json: { name: `Access ${id()}`, deaRegistration: null, address: '1 Test Road', activity: 'practitioner' } },
    'PATCH /api/ledger/locations/:locationId': { path: `/api/ledger/locations/${journey.ledger.emptyLocationId}`, json: { expectedVersion: 1, address: '3 Test Road', reason: 'Access test' } },
    'GET /api/ledger/stock': { path: `${path}?locationId=${journey.locationId}` },
    'POST /api/ledger/receipts': { path, json: accessReceipt(journey.locationId) },
    'GET /api/sessions/:sessionId/ledger': { path },
    'POST /api/sessions/:sessionId/draws': { path, json: { clientEntryId: id(), containerId: l.drawVial, drawnMg: 1, drawnMl: 0.02 } },
    'POST /api/sessions/:sessionId/waste': { path, json: { clientEntryId: id(), wastedMg: 0.5, wastedMl: 0.5, method: 'drug-disposal-container' } },
    'POST /api/ledger/containers/:containerId/quarantine': { path: container(l.quarantineVial, 'quarantine'), json: { clientEntryId: id(), reason: 'Access test' } },
    'POST /api/ledger/containers/:containerId/release': { path: container(l.quarantineVial, 'release'), json: { clientEntryId: id(), reason: 'Access test' } },
    'POST /api/ledger/containers/:containerId/waste': {
      path: container(l.wasteVial, 'waste'),
      json: { clientEntryId: id(), wastedMg: 1, wastedMl: 0.02, method: 'drug-disposal-container' },
    },
    'POST /api/ledger/counts': { path, json: { locationId: journey.locationId, clientEntryId: id(), lines: [{ containerId: l.drawVial, countedMl: 10, estimated: true }] } },
    'GET /api/ledger/discrepancies': { path: `${path}?status=all` },
    'POST /api/ledger/discrepancies/:discrepancyId/notes': { path: `/api/ledger/discrepancies/${l.discrepancyId}/notes`, json: { clientEntryId: id(), text: 'Access test' } },
    'POST /api/ledger/discrepancies/:discrepancyId/resolve': {
      path: `/api/ledger/discrepancies/${l.discrepancyId}/resolve`,
      json: { clientEntryId: id(), classification: 'counting-error', explanation: 'Access test' },
    },
    'GET /api/ledger/loss-reports': { path },
    'POST /api/ledger/loss-reports/:lossReportId/steps': {
      path: `/api/ledger/loss-reports/${l.lossReportId}/steps`,
      json: { clientEntryId: id(), step: 'note', on: '2026-11-21', text: 'Access test' },
    },
    'POST /api/ledger/destructions': {
      path,
      json: {
        locationId: journey.locationId,
        clientEntryId: id(),
        mode: 'reverse-distributor',
        containerIds: [l.destroyVial],
        method: 'Returned for destruction',
        place: 'Reverse distributor',
        destroyedOn: '2026-11-21',
        reverseDistributor: { name: 'Returns Inc.', address: '3 Return Road', deaNumber: 'RR1234567' },
      },
    },
    'POST /api/ledger/inventories': { path, json: { locationId: l.emptyLocationId, clientEntryId: id(), type: 'other', takenAt: 'close', takenOn: '2026-11-21', lines: [] } },
    'GET /api/ledger/inventories': { path: `${path}?locationId=${journey.locationId}` },
    'POST /api/ledger/corrections': { path, json: { locationId: journey.locationId, clientEntryId: id(), correctsSeq: 1, reason: 'Access test', field: 'invoiceRef', from: 'A', to: 'B' } },
    'GET /api/ledger/entries': { path: `${path}?locationId=${journey.locationId}` },
  };
}

function accessReceipt(locationId: string, lot = 'ACCESS-LOT', containerCount = 1) {
  return {
    locationId,
    clientEntryId: crypto.randomUUID(),
    ndc: '0409-2051-05',
    drugName: 'Ketamine hydrochloride injection',
    form: 'injectable solution (vial)',
    concentrationMgPerMl: 50,
    volumeMlPerContainer: 10,
    containerCount,
    lot,
    expiresOn: '2027-06-30',
    supplier: { name: 'Test Pharma Supply', address: '1 Dock Road', deaNumber: 'AB1234563' },
    invoiceRef: 'INV-ACCESS',
    receivedOn: '2026-11-21',
  };
}

/** Sends a sample; the floor's event stream never ends, so only its status and first bytes are read. */
async function send(client: TestClient, method: string, sample: { path: string; json?: unknown }) {
  if (!sample.path.startsWith('/api/floor/stream')) return client.request(method, sample.path, sample.json === undefined ? {} : { json: sample.json });
  const abort = new AbortController();
  const response = await fetch(client.baseUrl + sample.path, { headers: client.cookie ? { cookie: client.cookie } : {}, signal: abort.signal });
  const text = response.headers.get('content-type')?.startsWith('text/event-stream') ? '' : await response.text();
  abort.abort();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* the stream */
  }
  return { status: response.status, headers: response.headers, body, text };
}

describe(`access control on every route (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let patientA: string;
  before(async () => {
    t = await startTestApp();
    patientA = (await (await t.as('physician', 'a')).post('/api/patients', makePatientBody({ familyName: 'Secretclinica' }))).body.id;
    // The journey: an intake, the clinic's qualification validity, a signed qualification and a signed plan.
    const physician = await t.as('physician', 'a');
    const reasonsFor = (findings: { ruleId: string; severity: string }[]) =>
      [...new Set(findings.filter((f) => f.severity === 'needs-ack').map((f) => f.ruleId))].map((ruleId) => ({ ruleId, reason: 'Reviewed for the access test' }));
    const intake = await physician.post(`/api/patients/${patientA}/intakes`, { intake: makeIntake(), expectedVersion: 0 });
    assert.equal(intake.status, 201, intake.text);
    journey.intakeOverrides = reasonsFor(intake.body.eligibility.findings);
    const setting = await (await t.as('admin', 'a')).request('PUT', '/api/settings/clinical/session.qualification-valid-days', { json: { value: 180, reason: 'Access test', expectedVersion: 0 } });
    assert.equal(setting.status, 200, setting.text);
    const qualification = await physician.post(`/api/patients/${patientA}/qualifications`, { intakeVersion: 1, overrides: journey.intakeOverrides });
    assert.equal(qualification.status, 201, qualification.text);
    const protocol = listProtocols()[0]!;
    const preview = await physician.post(`/api/patients/${patientA}/plans/preview`, planBody(protocol, []));
    assert.equal(preview.status, 200, preview.text);
    journey.planOverrides = reasonsFor(preview.body.steps.flatMap((s: { check: { findings: { ruleId: string; severity: string }[] } }) => s.check.findings));
    const plan = await physician.post(`/api/patients/${patientA}/plans`, planBody(protocol, journey.planOverrides));
    assert.equal(plan.status, 201, plan.text);
    journey.planId = plan.body.planId;
    journey.sessionId = plan.body.sessions[0].sessionId;
    // Today, so chart entries fall within a day of the scheduled start.
    const moved = await physician.patch(`/api/sessions/${journey.sessionId}`, { scheduledStart: '2026-11-21T16:00:00.000Z', expectedVersion: 0 });
    assert.equal(moved.status, 200, moved.text);
    const device = await (await t.as('admin', 'a')).post('/api/devices', { label: 'Access test' });
    assert.equal(device.status, 201, device.text);
    journey.deviceId = device.body.id;
    // Clinic a's registered location (every clinic has its "Main" one).
    const [location] = await t.database.sql.query<{ id: string }>('SELECT id::text AS id FROM registered_location WHERE clinic_id = $1 ORDER BY created_at LIMIT 1', [t.clinics.a.id]);
    journey.locationId = location?.id ?? '';
    // Ledger: vials to draw, quarantine, waste and destroy; a count with two missing vials, one resolved as a
    // theft (its loss report), one left open; an empty location for a zero inventory.
    const nurseA = await t.as('nurse', 'a');
    const received = await nurseA.post('/api/ledger/receipts', accessReceipt(journey.locationId, 'ACCESS-VIALS', 4));
    assert.equal(received.status, 201, received.text);
    const [drawVial, quarantineVial, wasteVial, destroyVial] = received.body.containers.map((c: { containerId: string }) => c.containerId);
    journey.ledger = { ...journey.ledger, drawVial, quarantineVial, wasteVial, destroyVial };
    const missing = await nurseA.post('/api/ledger/receipts', accessReceipt(journey.locationId, 'ACCESS-MISSING', 2));
    const count = await nurseA.post('/api/ledger/counts', {
      locationId: journey.locationId,
      clientEntryId: crypto.randomUUID(),
      lines: missing.body.containers.map((c: { containerId: string }) => ({ containerId: c.containerId, countedContainers: 0, estimated: false })),
    });
    assert.equal(count.status, 201, count.text);
    const [theft, open] = count.body.discrepancies.map((d: { discrepancyId: string }) => d.discrepancyId);
    const resolved = await physician.post(`/api/ledger/discrepancies/${theft}/resolve`, { clientEntryId: crypto.randomUUID(), classification: 'theft', explanation: 'Access test' });
    assert.equal(resolved.status, 201, resolved.text);
    journey.ledger.lossReportId = resolved.body.lossReport.lossReportId;
    journey.ledger.discrepancyId = open;
    const empty = await (await t.as('admin', 'a')).post('/api/ledger/locations', { name: 'Access empty', deaRegistration: null, address: '2 Test Road', activity: 'practitioner' });
    assert.equal(empty.status, 201, empty.text);
    journey.ledger.emptyLocationId = empty.body.id;
  });
  after(async () => {
    await t.close();
  });

  it('registers a known set of routes, each with declared access', () => {
    assert.ok(t.routes.length >= 13);
    for (const r of t.routes) assert.ok(r.access, `${r.method} ${r.url}`);
  });

  it('refuses an anonymous caller on every non-public route with 401, before reading the body', async () => {
    for (const route of t.routes) {
      const sample = sampleRequest(route.method, route.url, patientA);
      const response = await send(t.anonymous(), route.method, sample);
      if (route.access === 'public') {
        assert.notEqual(response.body?.code, 'NOT_AUTHENTICATED', `${route.method} ${route.url} is public`);
      } else {
        assert.equal(response.status, 401, `${route.method} ${route.url}`);
        assert.equal(response.body.code, route.access === 'device' ? 'DEVICE_TOKEN_INVALID' : 'NOT_AUTHENTICATED');
      }
    }
    const invalidBody = await t.anonymous().request('POST', '/api/patients', { rawBody: '{not json' });
    assert.equal(invalidBody.status, 401);
  });

  it('gives each role exactly the permissions of the role table', async () => {
    for (const role of STAFF_ROLES) {
      const client = await t.as(role, 'a');
      for (const route of t.routes) {
        if (route.url === '/api/auth/logout' || route.access === 'public') continue;
        const sample = sampleRequest(route.method, route.url, patientA);
        const response = await send(client, route.method, sample);
        if (route.access === 'device') {
          // A monitor-bridge route takes a device token only: a staff session grants nothing there.
          assert.equal(response.status, 401, `${role} ${route.method} ${route.url}`);
          continue;
        }
        const allowed = route.access === 'session' || hasPermission(role, route.access as Permission);
        // Allowed: past the access check (a repeated PATCH may rightly conflict with its own earlier version).
        if (allowed) assert.ok(response.status < 400 || response.status === 409, `${role} ${route.method} ${route.url}: ${response.status} ${response.text}`);
        else {
          assert.equal(response.status, 403, `${role} must not ${route.method} ${route.url}`);
          assert.equal(response.body.code, 'PERMISSION_DENIED');
        }
      }
    }
  });

  it("refuses a user of another clinic on every route that names a patient, as if it did not exist", async () => {
    for (const role of STAFF_ROLES) {
      const other = await t.as(role, 'b');
      for (const route of t.routes.filter((r) => r.url.includes(':patientId'))) {
        if (route.access !== 'session' && !hasPermission(role, route.access as Permission)) continue;
        const sample = sampleRequest(route.method, route.url, patientA);
        const response = await other.request(route.method, sample.path, sample.json === undefined ? {} : { json: sample.json });
        assert.equal(response.status, 404, `${role}@b ${route.method} ${route.url}`);
        assert.equal(response.body.code, 'PATIENT_NOT_FOUND');
        assert.doesNotMatch(response.text, /Secretclinica/);
      }
    }
    for (const role of STAFF_ROLES) {
      const other = await t.as(role, 'b');
      for (const route of t.routes.filter((r) => r.url.includes(':sessionId') && r.access !== 'device')) {
        if (route.access !== 'session' && !hasPermission(role, route.access as Permission)) continue;
        const response = await send(other, route.method, sampleRequest(route.method, route.url, patientA));
        assert.equal(response.status, 404, `${role}@b ${route.method} ${route.url}: ${response.text}`);
        assert.equal(response.body.code, 'SESSION_NOT_FOUND');
        assert.doesNotMatch(response.text, /Secretclinica/);
      }
    }
    const random = await (await t.as('physician', 'b')).get(`/api/patients/${crypto.randomUUID()}`);
    assert.deepEqual({ ...random.body, requestId: undefined }, { ...(await (await t.as('physician', 'b')).get(`/api/patients/${patientA}`)).body, requestId: undefined },
      'another clinic’s patient looks exactly like a patient that does not exist');
  });

  it("never lists another clinic's patients, users or audit rows", async () => {
    const physicianB = await t.as('physician', 'b');
    const search = await physicianB.get('/api/patients?q=secretclinica');
    assert.equal(search.body.total, 0);
    const everyone = await physicianB.get('/api/patients?limit=200');
    assert.ok(everyone.body.items.every((p: { familyName: string }) => p.familyName !== 'Secretclinica'));
    const users = await (await t.as('admin', 'b')).get('/api/users');
    assert.ok(users.body.items.length > 0);
    assert.ok(users.body.items.every((u: { email: string }) => u.email.endsWith('@b.test')));
    const audit = await (await t.as('admin', 'b')).get(`/api/audit?entityId=${patientA}`);
    assert.deepEqual(audit.body.items.filter((e: { outcome: string }) => e.outcome === 'success'), []);
    const auditAll = await (await t.as('admin', 'b')).get('/api/audit?limit=200');
    const idsOfB = new Set(Object.values(t.clinics.b.users).map((u) => u.id));
    assert.ok(auditAll.body.items.every((e: { userId: string | null }) => e.userId === null || idsOfB.has(e.userId)));
  });

  it('records a denied permission on the audit trail', async () => {
    const desk = await t.as('front_desk', 'a');
    assert.equal((await desk.get('/api/audit')).status, 403);
    const audit = await (await t.as('admin', 'a')).get(`/api/audit?userId=${t.clinics.a.users.front_desk.id}&outcome=denied`);
    assert.equal(audit.body.items[0].action, 'access.denied');
    assert.equal(audit.body.items[0].entityId, 'GET /api/audit');
    assert.equal(audit.body.items[0].detail.permission, 'audit:read');
  });

  it('pages the audit trail with a cursor and filters', async () => {
    const admin = await t.as('admin', 'a');
    const first = await admin.get('/api/audit?limit=3');
    assert.equal(first.body.items.length, 3);
    assert.ok(first.body.nextCursor);
    const second = await admin.get(`/api/audit?limit=3&cursor=${first.body.nextCursor}`);
    assert.ok(Number(second.body.items[0].id) < Number(first.body.items[2].id));
    const creates = await admin.get('/api/audit?action=patient.create');
    assert.ok(creates.body.items.length >= 1);
    assert.ok(creates.body.items.every((e: { action: string }) => e.action === 'patient.create'));
    const bad = await admin.get('/api/audit?action=patient.delete');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'action');
  });
});
