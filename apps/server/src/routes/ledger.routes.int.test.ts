import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getProtocol } from '@ketapath/clinical-rules';
import type { Protocol } from '@ketapath/core';
import {
  auditRows,
  chartInfusion,
  mainLocationId,
  nurseSign,
  receiveStock,
  requireWasteWitness,
  seedSignedPlan,
  sessionBalance,
  startTestApp,
  TEST_DB_KIND,
  TEST_NDC,
  TEST_NOW,
  TEST_PASSWORD,
  TEST_SUPPLIER,
  TestClient,
  type SeededPlan,
  type TestApp,
} from '@ketapath/test-support';

const HOUR_MS = 3_600_000;
const MIN_MS = 60_000;
/** Sessions of these tests are scheduled at 10:00 on the test day; the clock says 15:00. */
const TEN_AM = new Date(TEST_NOW.getTime() - 5 * HOUR_MS);

function receiptBody(locationId: string, edit: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    locationId,
    clientEntryId: randomUUID(),
    ndc: TEST_NDC,
    drugName: 'Ketamine hydrochloride injection',
    form: 'injectable solution (vial)',
    concentrationMgPerMl: 50,
    volumeMlPerContainer: 10,
    containerCount: 2,
    lot: `LOT-${randomUUID().slice(0, 6)}`,
    expiresOn: '2027-06-30',
    supplier: TEST_SUPPLIER,
    invoiceRef: 'INV-1001',
    receivedOn: '2026-11-20',
    ...edit,
  };
}

describe(`controlled-substance ledger routes (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let protocol: Protocol;
  let nurse: TestClient;
  let nurse2: TestClient;
  let physician: TestClient;
  let admin: TestClient;
  let desk: TestClient;
  let locationId: string;
  const nurse2Email = 'second.nurse@a.test';
  const witness = () => ({ email: nurse2Email, password: TEST_PASSWORD });

  const seed = (options: Partial<Parameters<typeof seedSignedPlan>[1]> = {}): Promise<SeededPlan> =>
    seedSignedPlan(t, { protocol, sessionStarts: [TEN_AM], ...options });

  before(async () => {
    t = await startTestApp();
    const found = getProtocol('crps-4h-daily-10-days');
    assert.ok(found);
    protocol = found;
    nurse = await t.as('nurse');
    physician = await t.as('physician');
    admin = await t.as('admin');
    desk = await t.as('front_desk');
    const created = await admin.post('/api/users', {
      email: nurse2Email,
      displayName: 'Second Nurse',
      role: 'nurse',
      password: TEST_PASSWORD,
    });
    assert.equal(created.status, 201, created.text);
    nurse2 = new TestClient(t.url);
    assert.equal((await nurse2.login(nurse2Email)).status, 200);
    locationId = await mainLocationId(nurse);
  });
  after(async () => {
    await t.close();
  });

  /** A draw as `client` for `sessionId`; returns the HTTP result. */
  const draw = (
    client: TestClient,
    sessionId: string,
    containerId: string,
    drawnMg: number,
    drawnMl: number,
    clientEntryId = randomUUID(),
  ) => client.post(`/api/sessions/${sessionId}/draws`, { clientEntryId, containerId, drawnMg, drawnMl });
  const stockOf = async (client: TestClient, location = locationId) => {
    const response = await client.get(`/api/ledger/stock?locationId=${location}`);
    assert.equal(response.status, 200, response.text);
    return response.body as {
      containers: {
        containerId: string;
        label: string;
        lot: string;
        remainingUg: number;
        remainingUl: number;
        status: string;
      }[];
      lots: {
        lot: string;
        receivedUg: number;
        drawnUg: number;
        destroyedUg: number;
        correctionsUg: number;
        onHandUg: number;
      }[];
      findings: { ruleId: string; severity: string; message: string }[];
    };
  };
  const verify = async () => {
    const response = await admin.get(`/api/ledger/verify?locationId=${locationId}`);
    assert.equal(response.status, 200, response.text);
    return response.body as { ok: boolean; breaks: unknown[] };
  };

  it('receives a lot: one entry, sealed containers numbered within the lot, on-hand in whole µg', async () => {
    const body = receiptBody(locationId, {
      lot: 'LOT-RCV-1',
      containerCount: 3,
      concentrationMgPerMl: 50,
      volumeMlPerContainer: 10,
    });
    const received = await nurse.post('/api/ledger/receipts', body);
    assert.equal(received.status, 201, received.text);
    assert.equal(received.body.entry.kind, 'receipt');
    assert.equal(received.body.entry.deltaUg, 3 * 500_000);
    assert.equal(received.body.entry.payload.supplier.deaNumber, TEST_SUPPLIER.deaNumber);
    assert.match(received.body.entry.hash, /^[0-9a-f]{64}$/);
    assert.deepEqual(
      received.body.containers.map(
        (c: { label: string; status: string; remainingUg: number; remainingUl: number }) => [
          c.label,
          c.status,
          c.remainingUg,
          c.remainingUl,
        ],
      ),
      [
        ['LOT-RCV-1 #1', 'sealed', 500_000, 10_000],
        ['LOT-RCV-1 #2', 'sealed', 500_000, 10_000],
        ['LOT-RCV-1 #3', 'sealed', 500_000, 10_000],
      ],
    );
    const again = await nurse.post(
      '/api/ledger/receipts',
      receiptBody(locationId, { lot: 'LOT-RCV-1', containerCount: 1 }),
    );
    assert.equal(again.body.containers[0].label, 'LOT-RCV-1 #4', 'numbering goes on within the lot');
    const stock = await stockOf(nurse);
    const lot = stock.lots.find((l) => l.lot === 'LOT-RCV-1');
    assert.deepEqual(lot && [lot.receivedUg, lot.onHandUg], [2_000_000, 2_000_000]);
    const rows = await auditRows(t.database, `action = 'ledger.receipt' AND outcome = 'success'`);
    assert.ok(rows.length >= 2);
    assert.equal(rows.at(-1)?.detail.lot, 'LOT-RCV-1');
  });

  it('bad input is refused with a clear message naming the field', async () => {
    const plan = await seed();
    const sessionId = plan.sessionIds[0]!;
    const [vial, other] = await receiveStock(nurse, { lot: 'LOT-BAD', containerCount: 2 });
    assert.ok(vial && other);
    // A session with something drawn, for the waste cases.
    const drawnSession = (await seed()).sessionIds[0]!;
    assert.equal((await draw(nurse, drawnSession, other.containerId, 50, 1)).status, 201);
    const cases: {
      name: string;
      send: () => Promise<{ status: number; body: any; text: string }>;
      status: number;
      code: string;
      field?: string;
      detail?: RegExp;
      errors?: { field: string; message: string };
    }[] = [
      {
        name: 'negative mg',
        send: () => draw(nurse, sessionId, vial.containerId, -5, 0.1),
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'drawnMg',
        detail: /more than 0 mg/,
      },
      {
        name: 'zero mL',
        send: () => draw(nurse, sessionId, vial.containerId, 5, 0),
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'drawnMl',
      },
      {
        name: 'absurd mg (a slipped decimal point)',
        send: () => draw(nurse, sessionId, vial.containerId, 1_000_000, 2),
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'drawnMg',
        detail: /at most/,
      },
      {
        name: 'more than 3 decimals (not a whole µg)',
        send: () => draw(nurse, sessionId, vial.containerId, 1.0005, 0.02001),
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'drawnMg',
      },
      {
        name: 'a wrong unit key',
        send: () =>
          nurse.post(`/api/sessions/${sessionId}/draws`, {
            clientEntryId: randomUUID(),
            containerId: vial.containerId,
            drawnMcg: 100_000,
            drawnMl: 2,
          }),
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: { field: 'drawnMcg', message: 'is not a known field' },
      },
      {
        name: 'mg ≠ mL × concentration',
        send: () => draw(nurse, sessionId, vial.containerId, 100, 3),
        status: 400,
        code: 'LEDGER_QUANTITY_MISMATCH',
        field: 'drawnMg',
        detail: /3 mL .* is 150 mg, not 100 mg/,
      },
      {
        name: 'an absurd receipt volume',
        send: () =>
          nurse.post('/api/ledger/receipts', receiptBody(locationId, { volumeMlPerContainer: 5000 })),
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'volumeMlPerContainer',
      },
      {
        name: 'a negative container count',
        send: () => nurse.post('/api/ledger/receipts', receiptBody(locationId, { containerCount: -1 })),
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'containerCount',
      },
      {
        name: 'a receipt dated tomorrow',
        send: () => nurse.post('/api/ledger/receipts', receiptBody(locationId, { receivedOn: '2026-11-22' })),
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'receivedOn',
      },
      {
        name: 'an unknown container',
        send: () => draw(nurse, sessionId, randomUUID(), 100, 2),
        status: 404,
        code: 'LEDGER_CONTAINER_NOT_FOUND',
      },
      {
        name: 'more than the vial holds',
        send: () => draw(nurse, sessionId, vial.containerId, 600, 12),
        status: 409,
        code: 'LEDGER_BLOCKED',
        detail: /500 mg|500000 µg/,
      },
      {
        name: 'the same person as nurse and witness',
        send: () =>
          nurse.post(`/api/sessions/${drawnSession}/waste`, {
            clientEntryId: randomUUID(),
            wastedMg: 1,
            wastedMl: 1,
            method: 'drug-disposal-container',
            witness: { email: t.clinics.a.users.nurse.email, password: TEST_PASSWORD },
          }),
        status: 400,
        code: 'WITNESS_INVALID',
        field: 'witness',
        detail: /second staff member, not you/,
      },
      {
        name: 'a front-desk witness',
        send: () =>
          nurse.post(`/api/sessions/${drawnSession}/waste`, {
            clientEntryId: randomUUID(),
            wastedMg: 1,
            wastedMl: 1,
            method: 'drug-disposal-container',
            witness: { email: t.clinics.a.users.front_desk.email, password: TEST_PASSWORD },
          }),
        status: 400,
        code: 'WITNESS_INVALID',
        detail: /a front_desk cannot witness/,
      },
      {
        name: "a waste 'other' without a note",
        send: () =>
          nurse.post(`/api/sessions/${sessionId}/waste`, {
            clientEntryId: randomUUID(),
            wastedMg: 1,
            wastedMl: 1,
            method: 'other',
            witness: witness(),
          }),
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'note',
      },
    ];
    for (const c of cases) {
      const response = await c.send();
      assert.equal(response.status, c.status, `${c.name}: ${response.text}`);
      assert.equal(response.body.code, c.code, `${c.name}: ${response.text}`);
      if (c.field) assert.equal(response.body.field, c.field, `${c.name}: ${response.text}`);
      if (c.detail) assert.match(response.body.detail, c.detail, c.name);
      if (c.errors)
        assert.ok(
          response.body.errors.some(
            (e: { field: string; message: string }) =>
              e.field === c.errors?.field && e.message === c.errors.message,
          ),
          `${c.name}: ${response.text}`,
        );
    }
    // Nothing of that was written: the vial is untouched and the chain verifies.
    const stock = await stockOf(nurse);
    const untouched = stock.containers.find((c) => c.containerId === vial.containerId);
    assert.deepEqual(untouched && [untouched.remainingUg, untouched.status], [500_000, 'sealed']);
    assert.equal((await verify()).ok, true);
    const refusals = await auditRows(t.database, `action = 'ledger.draw' AND outcome = 'failure'`);
    assert.ok(refusals.some((r) => r.detail.reason === 'LEDGER_QUANTITY_MISMATCH'));
  });

  it('an expired lot and a quarantined vial cannot be drawn; the findings say why, with their citations', async () => {
    const plan = await seed();
    const sessionId = plan.sessionIds[0]!;
    // §9 / the clinic's rule text: an expiry date means usable through that day. Today is 2026-11-21.
    const [expired] = await receiveStock(nurse, { lot: 'LOT-EXPIRED', expiresOn: '2026-11-20' });
    const [lastDay] = await receiveStock(nurse, { lot: 'LOT-LAST-DAY', expiresOn: '2026-11-21' });
    const [quarantined] = await receiveStock(nurse, { lot: 'LOT-QUARANTINE' });
    assert.ok(expired && lastDay && quarantined);
    const refusedExpired = await draw(nurse, sessionId, expired.containerId, 50, 1);
    assert.equal(refusedExpired.status, 409, refusedExpired.text);
    assert.equal(refusedExpired.body.code, 'LEDGER_BLOCKED');
    assert.equal(refusedExpired.body.field, 'ledger/container-not-expired');
    assert.match(refusedExpired.body.detail, /2026-11-20/);

    const onHold = await nurse.post(`/api/ledger/containers/${quarantined.containerId}/quarantine`, {
      clientEntryId: randomUUID(),
      reason: 'Cracked cap seen on receipt',
    });
    assert.equal(onHold.status, 201, onHold.text);
    const refusedQuarantine = await draw(nurse, sessionId, quarantined.containerId, 50, 1);
    assert.equal(refusedQuarantine.status, 409);
    assert.equal(refusedQuarantine.body.field, 'ledger/container-not-quarantined');
    const twice = await nurse.post(`/api/ledger/containers/${quarantined.containerId}/quarantine`, {
      clientEntryId: randomUUID(),
      reason: 'again',
    });
    assert.equal(twice.status, 409);
    const released = await nurse.post(`/api/ledger/containers/${quarantined.containerId}/release`, {
      clientEntryId: randomUUID(),
      reason: 'Cap intact on inspection',
    });
    assert.equal(released.status, 201, released.text);
    assert.equal((await draw(nurse, sessionId, quarantined.containerId, 50, 1)).status, 201);
    assert.equal(
      (await draw(nurse, sessionId, lastDay.containerId, 50, 1)).status,
      201,
      'usable through its expiry date',
    );

    const stock = await stockOf(nurse);
    assert.equal(stock.containers.find((c) => c.containerId === expired.containerId)?.status, 'expired');
    assert.equal(stock.containers.find((c) => c.containerId === quarantined.containerId)?.status, 'in-use');
    assert.ok(
      stock.findings.some((f) => f.ruleId === 'ledger/expired-in-stock'),
      JSON.stringify(stock.findings.map((f) => f.ruleId)),
    );
    // The projection keeps the physical state; 'expired' is a question of the date.
    const [row] = await t.database.sql.query<{ status: string; remaining_ug: string }>(
      'SELECT status, remaining_ug::text FROM cs_container WHERE id = $1',
      [quarantined.containerId],
    );
    assert.deepEqual(row, { status: 'in-use', remaining_ug: '450000' });
  });

  it('two sessions drawing the last of one vial at the same time: exactly one is taken, never below zero (10 rounds)', async () => {
    const a = (await seed()).sessionIds[0]!;
    const b = (await seed()).sessionIds[0]!;
    for (let round = 1; round <= 10; round += 1) {
      // 100 mg in 2 mL: each session asks for all of it.
      const [vial] = await receiveStock(nurse, { lot: `LOT-RACE-${round}`, volumeMlPerContainer: 2 });
      assert.ok(vial);
      const results = await Promise.all([
        draw(nurse, a, vial.containerId, 100, 2),
        draw(nurse2, b, vial.containerId, 100, 2),
      ]);
      const statuses = results.map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, 409], `round ${round}: ${results.map((r) => r.text).join(' | ')}`);
      const refused = results.find((r) => r.status === 409);
      assert.equal(refused?.body.code, 'LEDGER_BLOCKED');
      const [row] = await t.database.sql.query<{ remaining_ug: string; status: string }>(
        'SELECT remaining_ug::text, status FROM cs_container WHERE id = $1',
        [vial.containerId],
      );
      assert.deepEqual(row, { remaining_ug: '0', status: 'empty' }, `round ${round}`);
    }
    const stock = await stockOf(nurse);
    for (const lot of stock.lots.filter((l) => l.lot.startsWith('LOT-RACE-'))) {
      assert.equal(lot.onHandUg, 0, lot.lot);
      assert.equal(lot.drawnUg, 100_000, lot.lot);
    }
    const drawn = (await sessionBalance(nurse, a)).drawnUg + (await sessionBalance(nurse, b)).drawnUg;
    assert.equal(drawn, 10 * 100_000);
    assert.equal((await verify()).ok, true);
  });

  it('nurse-sign is refused while the session does not balance, and taken after the witnessed waste', async () => {
    await requireWasteWitness(t);
    const plan = await seed();
    const sessionId = plan.sessionIds[0]!;
    const [vial] = await receiveStock(nurse);
    assert.ok(vial);
    const drawn = await draw(nurse, sessionId, vial.containerId, 100, 2);
    assert.equal(drawn.status, 201, drawn.text);
    assert.equal(drawn.body.entry.kind, 'draw');
    assert.equal(drawn.body.entry.deltaUg, -100_000);
    assert.equal(drawn.body.balance.drawnUg, 100_000);
    assert.equal(
      (await stockOf(nurse)).containers.find((c) => c.containerId === vial.containerId)?.status,
      'in-use',
    );
    // 24.5 mL/h (0.35 mg/kg/h × 70 kg at 1 mg/mL) for 30 min, then 0.5 mg/kg/h (35 mL/h) for 37 min:
    // 12.25 + 21.583333… = 33.833333… mg, recorded as 33 833 µg (half up), 66 167 µg left.
    const version = await chartInfusion(nurse, nurse2, sessionId, plan, {
      base: TEN_AM,
      stopMin: 97,
      rateChange: { atMin: 60, rateMgPerKgPerH: 0.5 },
    });
    const balance = await sessionBalance(nurse, sessionId);
    assert.deepEqual(
      [balance.drawnUg, balance.administeredUg, balance.wastedUg, balance.openUg, balance.balanced],
      [100_000, 33_833, 0, 66_167, false],
    );

    const refused = await nurseSign(nurse, sessionId, version, new Date(TEN_AM.getTime() + 100 * MIN_MS));
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.body.code, 'LEDGER_NOT_BALANCED');
    assert.match(
      refused.body.detail,
      /drawn 100 mg, administered 33\.833 mg, wasted 0 mg; 66\.167 mg is open/,
    );

    // Too much, then a part, then the rest: the last waste closes the books with the administration.
    const over = await nurse.post(`/api/sessions/${sessionId}/waste`, {
      clientEntryId: randomUUID(),
      wastedMg: 66.168,
      wastedMl: 66.168,
      method: 'drug-disposal-container',
      witness: witness(),
    });
    assert.equal(over.status, 409, over.text);
    assert.match(over.body.detail, /66\.167 mg/);
    const mlMismatch = await nurse.post(`/api/sessions/${sessionId}/waste`, {
      clientEntryId: randomUUID(),
      wastedMg: 20,
      wastedMl: 2,
      method: 'drug-disposal-container',
      witness: witness(),
    });
    assert.equal(mlMismatch.status, 400, mlMismatch.text);
    assert.equal(mlMismatch.body.code, 'LEDGER_QUANTITY_MISMATCH');
    const unwitnessed = await nurse.post(`/api/sessions/${sessionId}/waste`, {
      clientEntryId: randomUUID(),
      wastedMg: 20,
      wastedMl: 20,
      method: 'drug-disposal-container',
    });
    assert.equal(unwitnessed.status, 409, unwitnessed.text);
    assert.equal(unwitnessed.body.field, 'ledger/waste-witness');
    const part = await nurse.post(`/api/sessions/${sessionId}/waste`, {
      clientEntryId: randomUUID(),
      wastedMg: 20,
      wastedMl: 20,
      method: 'spilled-not-recoverable',
      witness: witness(),
    });
    assert.equal(part.status, 201, part.text);
    assert.deepEqual(
      part.body.entries.map((e: { kind: string }) => e.kind),
      ['waste'],
    );
    assert.equal(part.body.balance.openUg, 46_167);
    const rest = await nurse.post(`/api/sessions/${sessionId}/waste`, {
      clientEntryId: randomUUID(),
      wastedMg: 46.167,
      wastedMl: 46.167,
      method: 'drug-disposal-container',
      witness: witness(),
    });
    assert.equal(rest.status, 201, rest.text);
    assert.deepEqual(
      rest.body.entries.map((e: { kind: string }) => e.kind),
      ['waste', 'administration'],
    );
    assert.deepEqual(rest.body.entries[0].witnessIds, [(await nurse2.get('/api/auth/session')).body.user.id]);
    const administration = rest.body.entries[1].payload;
    assert.deepEqual(administration, {
      kind: 'administration',
      sessionId,
      patientId: plan.patientId,
      administeredUg: 33_833,
      administeredExact: '101500/3 µg',
      drawnUg: 100_000,
    });
    assert.equal(rest.body.balance.balanced, true);
    assert.equal(
      (await stockOf(nurse)).containers.find((c) => c.containerId === vial.containerId)?.status,
      'opened',
    );

    const signed = await nurseSign(nurse, sessionId, version, new Date(TEN_AM.getTime() + 101 * MIN_MS));
    assert.equal(signed.status, 201, signed.text);
    const after = await draw(nurse, sessionId, vial.containerId, 10, 0.2);
    assert.equal(after.status, 409);
    assert.equal(after.body.code, 'LEDGER_SESSION_CLOSED');
    const ledger = await nurse.get(`/api/sessions/${sessionId}/ledger`);
    assert.deepEqual(
      ledger.body.entries.map((e: { kind: string }) => e.kind),
      ['draw', 'waste', 'waste', 'administration'],
    );
  });

  it('a session that never drew nor ran signs (0 = 0 + 0); one that ran with nothing drawn does not', async () => {
    const idle = await seed();
    const idleId = idle.sessionIds[0]!;
    const discharge = await nurse.post(`/api/sessions/${idleId}/entries`, {
      entry: { kind: 'note', text: 'Patient did not attend' },
      clientEntryId: randomUUID(),
      occurredAt: TEN_AM.toISOString(),
    });
    assert.equal(discharge.status, 201, discharge.text);
    const ran = await seed();
    const ranId = ran.sessionIds[0]!;
    const version = await chartInfusion(nurse, nurse2, ranId, ran, { base: TEN_AM, stopMin: 60 });
    const refused = await nurseSign(nurse, ranId, version, new Date(TEN_AM.getTime() + 70 * MIN_MS));
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.body.code, 'LEDGER_NOT_BALANCED');
    assert.match(refused.body.detail, /12\.25 mg was given but nothing was drawn from stock/);
  });

  it('answers a resent request with what it stored the first time (200), never writing twice', async () => {
    const body = receiptBody(locationId, { lot: 'LOT-RESEND', containerCount: 1, volumeMlPerContainer: 2 });
    const first = await nurse.post('/api/ledger/receipts', body);
    const again = await nurse.post('/api/ledger/receipts', body);
    assert.deepEqual([first.status, again.status], [201, 200]);
    assert.equal(again.body.entry.id, first.body.entry.id);
    assert.deepEqual(
      again.body.containers.map((c: { containerId: string }) => c.containerId),
      first.body.containers.map((c: { containerId: string }) => c.containerId),
    );
    const vial = first.body.containers[0].containerId as string;

    const sessionId = (await seed()).sessionIds[0]!;
    const drawId = randomUUID();
    const taken = await draw(nurse, sessionId, vial, 100, 2, drawId);
    const resent = await draw(nurse, sessionId, vial, 100, 2, drawId);
    assert.deepEqual([taken.status, resent.status], [201, 200], resent.text);
    assert.equal(
      resent.body.entry.id,
      taken.body.entry.id,
      'the vial is empty now, yet the resend is no overdraw',
    );
    assert.equal(resent.body.balance.drawnUg, 100_000);

    const wasteBody = {
      clientEntryId: randomUUID(),
      wastedMg: 100,
      wastedMl: 100,
      method: 'drug-disposal-container',
      witness: witness(),
    };
    const wasted = await nurse.post(`/api/sessions/${sessionId}/waste`, wasteBody);
    const wastedAgain = await nurse.post(`/api/sessions/${sessionId}/waste`, wasteBody);
    assert.deepEqual([wasted.status, wastedAgain.status], [201, 200], wastedAgain.text);
    assert.deepEqual(
      wastedAgain.body.entries.map((e: { id: string }) => e.id),
      wasted.body.entries.map((e: { id: string }) => e.id),
      'the waste and the administration it wrote, both',
    );
    const entries = await nurse.get(`/api/sessions/${sessionId}/ledger`);
    assert.deepEqual(
      entries.body.entries.map((e: { kind: string }) => e.kind),
      ['draw', 'waste', 'administration'],
    );
    const counted = await t.database.sql.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM ledger_entry WHERE client_entry_id = $1',
      [drawId],
    );
    assert.deepEqual(counted, [{ n: '1' }]);
    const reused = await nurse.post('/api/ledger/receipts', receiptBody(locationId, { clientEntryId: drawId }));
    assert.equal(reused.status, 400, reused.text);
    assert.equal(reused.body.field, 'clientEntryId');
    assert.match(reused.body.detail, /already used for a draw entry/);
    const repeats = await auditRows(t.database, `action = 'ledger.draw' AND detail->>'repeated' = 'true'`);
    assert.equal(repeats.length, 1);
  });

  it('counts: a planted discrepancy opens at once with its size, is investigated and resolved; a theft opens a loss report with its §9 deadlines', async () => {
    const vials = await receiveStock(nurse, { lot: 'LOT-COUNT', containerCount: 3 });
    const sessionId = (await seed()).sessionIds[0]!;
    assert.equal((await draw(nurse, sessionId, vials[0]!.containerId, 100, 2)).status, 201);
    const count = await nurse.post('/api/ledger/counts', {
      locationId,
      clientEntryId: randomUUID(),
      lines: [
        { containerId: vials[0]!.containerId, countedMl: 7.5, estimated: true }, // books: 8 mL (400 mg) → 25 mg short
        { containerId: vials[1]!.containerId, countedContainers: 1, estimated: false },
        { containerId: vials[2]!.containerId, countedContainers: 0, estimated: false }, // a sealed vial missing
      ],
    });
    assert.equal(count.status, 201, count.text);
    assert.equal(count.body.count.payload.discrepancyUg, -25_000 - 500_000);
    const bySize = count.body.discrepancies.map(
      (d: { containerId: string; differenceUg: number; status: string }) => [
        d.containerId,
        d.differenceUg,
        d.status,
      ],
    );
    assert.deepEqual(bySize, [
      [vials[0]!.containerId, -25_000, 'open'],
      [vials[2]!.containerId, -500_000, 'open'],
    ]);
    const estimateSealed = await nurse.post('/api/ledger/counts', {
      locationId,
      clientEntryId: randomUUID(),
      lines: [{ containerId: vials[1]!.containerId, countedMl: 10, estimated: true }],
    });
    assert.equal(estimateSealed.status, 400);
    assert.match(estimateSealed.body.detail, /sealed: §9 allows an estimate only for opened containers/);

    const [spill, missing] = count.body.discrepancies as { discrepancyId: string }[];
    const note = await nurse.post(`/api/ledger/discrepancies/${spill!.discrepancyId}/notes`, {
      clientEntryId: randomUUID(),
      text: 'Re-measured with a syringe: 7.5 mL',
    });
    assert.equal(note.status, 201, note.text);
    assert.equal(note.body.discrepancy.notes.length, 1);
    const nurseResolves = await nurse.post(`/api/ledger/discrepancies/${spill!.discrepancyId}/resolve`, {
      clientEntryId: randomUUID(),
      classification: 'loss-not-significant',
      explanation: 'x',
    });
    assert.equal(nurseResolves.status, 403);
    const resolved = await physician.post(`/api/ledger/discrepancies/${spill!.discrepancyId}/resolve`, {
      clientEntryId: randomUUID(),
      classification: 'breakage-witnessed',
      explanation: 'Drops lost when the vial tipped during the count; witnessed',
    });
    assert.equal(resolved.status, 201, resolved.text);
    assert.equal(resolved.body.entry.deltaUg, -25_000);
    assert.equal(resolved.body.discrepancy.status, 'closed');
    assert.equal(resolved.body.lossReport, null);
    const closedAgain = await nurse.post(`/api/ledger/discrepancies/${spill!.discrepancyId}/notes`, {
      clientEntryId: randomUUID(),
      text: 'late',
    });
    assert.equal(closedAgain.status, 409);
    assert.equal(closedAgain.body.code, 'LEDGER_ALREADY_CLOSED');

    // 2026-11-20 is a Friday: the written notice is due Monday 2026-11-23 (one business day), Form 106 in 45 days.
    const theft = await physician.post(`/api/ledger/discrepancies/${missing!.discrepancyId}/resolve`, {
      clientEntryId: randomUUID(),
      classification: 'theft',
      explanation: 'Sealed vial missing from the locked cabinet; police informed',
      discoveredOn: '2026-11-20',
    });
    assert.equal(theft.status, 201, theft.text);
    assert.deepEqual(
      theft.body.entries.map((e: { kind: string }) => e.kind),
      ['discrepancy-resolved', 'loss-report-opened'],
    );
    const report = theft.body.lossReport;
    assert.deepEqual(
      [report.discoveredOn, report.writtenNoticeDueOn, report.form106DueOn, report.quantityUg],
      ['2026-11-20', '2026-11-23', '2027-01-04', 500_000],
    );
    const step = await physician.post(`/api/ledger/loss-reports/${report.lossReportId}/steps`, {
      clientEntryId: randomUUID(),
      step: 'written-notice-sent',
      on: '2026-11-21',
      reference: 'Letter to the Field Division',
    });
    assert.equal(step.status, 201, step.text);
    assert.equal(step.body.lossReport.writtenNoticeSentOn, '2026-11-21');
    const reports = await admin.get('/api/ledger/loss-reports');
    assert.equal(reports.status, 200, reports.text);
    assert.ok(
      reports.body.lossReports.some((r: { lossReportId: string }) => r.lossReportId === report.lossReportId),
    );

    const stock = await stockOf(nurse);
    const lot = stock.lots.find((l) => l.lot === 'LOT-COUNT')!;
    assert.deepEqual(
      [lot.receivedUg, lot.drawnUg, lot.destroyedUg, lot.correctionsUg, lot.onHandUg],
      [1_500_000, 100_000, 0, -525_000, 875_000],
    );
    const open = await nurse.get('/api/ledger/discrepancies?status=all');
    assert.ok(
      open.body.discrepancies
        .filter((d: { lot: string }) => d.lot === 'LOT-COUNT')
        .every((d: { status: string }) => d.status === 'closed'),
    );
  });

  it('destroys on site with two separately signed-in witnesses (Form 41 fields); a correction names what it corrects', async () => {
    const vials = await receiveStock(nurse, {
      lot: 'LOT-DESTROY',
      containerCount: 2,
      expiresOn: '2026-11-20',
    });
    const body = {
      locationId,
      clientEntryId: randomUUID(),
      mode: 'on-site',
      containerIds: vials.map((v) => v.containerId),
      method: 'Chemical digestion (drug disposal kit) to a non-retrievable state',
      place: 'Clinic pharmacy room',
      destroyedOn: '2026-11-21',
    };
    const oneWitness = await physician.post('/api/ledger/destructions', { ...body, witnesses: [witness()] });
    assert.equal(oneWitness.status, 409, oneWitness.text);
    assert.equal(oneWitness.body.field, 'ledger/destruction-witnesses');
    const sameTwice = await physician.post('/api/ledger/destructions', {
      ...body,
      witnesses: [witness(), witness()],
    });
    assert.equal(sameTwice.status, 400);
    assert.equal(sameTwice.body.field, 'witnesses[1]');
    const nurseDestroys = await nurse.post('/api/ledger/destructions', { ...body, witnesses: [witness()] });
    assert.equal(nurseDestroys.status, 403);
    const destroyed = await physician.post('/api/ledger/destructions', {
      ...body,
      witnesses: [witness(), { email: t.clinics.a.users.nurse.email, password: TEST_PASSWORD }],
    });
    assert.equal(destroyed.status, 201, destroyed.text);
    assert.equal(destroyed.body.entry.deltaUg, -1_000_000);
    assert.equal(destroyed.body.entry.witnessIds.length, 2);
    assert.deepEqual(
      destroyed.body.entry.payload.lines.map(
        (l: { ndc: string; strength: string; quantityUg: number; quantityUl: number }) => [
          l.ndc,
          l.strength,
          l.quantityUg,
          l.quantityUl,
        ],
      ),
      [
        [TEST_NDC, '50 mg/mL', 500_000, 10_000],
        [TEST_NDC, '50 mg/mL', 500_000, 10_000],
      ],
    );
    const stock = await stockOf(nurse);
    assert.ok(
      vials.every(
        (v) => stock.containers.find((c) => c.containerId === v.containerId)?.status === 'destroyed',
      ),
    );
    const lot = stock.lots.find((l) => l.lot === 'LOT-DESTROY')!;
    assert.deepEqual([lot.destroyedUg, lot.onHandUg], [1_000_000, 0]);

    const correction = await physician.post('/api/ledger/corrections', {
      locationId,
      clientEntryId: randomUUID(),
      correctsSeq: destroyed.body.entry.seq,
      reason: 'The place was the treatment room, not the pharmacy room',
      field: 'place',
      from: 'Clinic pharmacy room',
      to: 'Treatment room 2',
    });
    assert.equal(correction.status, 201, correction.text);
    assert.equal(correction.body.entry.correctsSeq, destroyed.body.entry.seq);
    assert.equal(correction.body.entry.deltaUg, 0);
    const nowhere = await physician.post('/api/ledger/corrections', {
      locationId,
      clientEntryId: randomUUID(),
      correctsSeq: 99_999,
      reason: 'x',
      field: 'y',
      from: null,
      to: null,
    });
    assert.equal(nowhere.status, 404);
    assert.equal(nowhere.body.code, 'LEDGER_ENTRY_NOT_FOUND');
    assert.equal((await verify()).ok, true);
  });

  it('keeps the front desk out and each clinic to its own stock', async () => {
    for (const [method, path] of [
      ['GET', `/api/ledger/stock?locationId=${locationId}`],
      ['GET', '/api/ledger/locations'],
      ['POST', '/api/ledger/receipts'],
    ] as const) {
      const response = await desk.request(
        method,
        path,
        method === 'POST' ? { json: receiptBody(locationId) } : {},
      );
      assert.equal(response.status, 403, `${method} ${path}`);
      assert.equal(response.body.code, 'PERMISSION_DENIED');
    }
    const [vialA] = await receiveStock(nurse, { lot: 'LOT-CLINIC-A' });
    const sessionA = (await seed()).sessionIds[0]!;
    const nurseB = await t.as('nurse', 'b');
    const stockB = await nurseB.get(`/api/ledger/stock?locationId=${locationId}`);
    assert.equal(stockB.status, 404);
    assert.equal(stockB.body.code, 'LEDGER_LOCATION_NOT_FOUND');
    const ownB = await nurseB.get('/api/ledger/stock');
    assert.equal(ownB.status, 200, ownB.text);
    assert.notEqual(ownB.body.locationId, locationId);
    assert.ok(
      ownB.body.containers.every((c: { lot: string }) => !c.lot.startsWith('LOT-')),
      'nothing of clinic A',
    );
    const sessionB = (await seed({ clinic: 'b' })).sessionIds[0]!;
    const crossDraw = await draw(nurseB, sessionB, vialA!.containerId, 50, 1);
    assert.equal(crossDraw.status, 404);
    assert.equal(crossDraw.body.code, 'LEDGER_CONTAINER_NOT_FOUND');
    const crossSession = await nurseB.get(`/api/sessions/${sessionA}/ledger`);
    assert.equal(crossSession.status, 404);
    assert.equal(crossSession.body.code, 'SESSION_NOT_FOUND');
    const crossReceipt = await nurseB.post('/api/ledger/receipts', receiptBody(locationId));
    assert.equal(crossReceipt.status, 404);
    assert.equal((await nurseB.get('/api/ledger/discrepancies?status=all')).body.discrepancies.length, 0);
  });

  it('refuses a waste until the clinic has set its witness policy, naming the setting', async () => {
    const nurseB = await t.as('nurse', 'b');
    const [vial] = await receiveStock(nurseB, { lot: 'B-LOT-1' });
    const sessionB = (await seed({ clinic: 'b' })).sessionIds[0]!;
    assert.equal((await draw(nurseB, sessionB, vial!.containerId, 100, 2)).status, 201);
    const waste = await nurseB.post(`/api/sessions/${sessionB}/waste`, {
      clientEntryId: randomUUID(),
      wastedMg: 100,
      wastedMl: 100,
      method: 'drug-disposal-container',
    });
    assert.equal(waste.status, 409, waste.text);
    assert.equal(waste.body.field, 'ledger/waste-witness');
    assert.match(waste.body.detail, /ledger\.waste-witness-required/);
  });

  it('takes an inventory of every container (a zero inventory with no stock) and lists it', async () => {
    const physicianB = await t.as('physician', 'b');
    const locationB = await mainLocationId(physicianB);
    // Clinic B's stock: one vial received above, 100 mg drawn (400 mg left in 8 mL).
    const stockB = (await physicianB.get(`/api/ledger/stock?locationId=${locationB}`)).body;
    const vial = stockB.containers[0];
    const partial = await physicianB.post('/api/ledger/inventories', {
      locationId: locationB,
      clientEntryId: randomUUID(),
      type: 'initial',
      takenAt: 'opening',
      takenOn: '2026-11-21',
      lines: [],
    });
    assert.equal(partial.status, 400);
    assert.match(partial.body.detail, /not counted/);
    const inventory = await physicianB.post('/api/ledger/inventories', {
      locationId: locationB,
      clientEntryId: randomUUID(),
      type: 'initial',
      takenAt: 'opening',
      takenOn: '2026-11-21',
      lines: [{ containerId: vial.containerId, countedMl: 8, estimated: true }],
    });
    assert.equal(inventory.status, 201, inventory.text);
    assert.deepEqual(
      inventory.body.entry.payload.lines.map(
        (l: { strength: string; containers: number; unitsOrVolumeUl: number; estimated: boolean }) => [
          l.strength,
          l.containers,
          l.unitsOrVolumeUl,
          l.estimated,
        ],
      ),
      [['50 mg/mL', 1, 8000, true]],
    );
    assert.equal(inventory.body.discrepancies.length, 0);
    const list = await physicianB.get(`/api/ledger/inventories?locationId=${locationB}`);
    assert.equal(list.body.inventories.length, 1);
    const named = await admin.post('/api/ledger/locations', {
      name: 'Satellite',
      deaRegistration: 'BS1234567',
      address: '2 Side St, Springfield',
      activity: 'practitioner',
    });
    assert.equal(named.status, 201, named.text);
    const zero = await admin.post('/api/ledger/inventories', {
      locationId: named.body.id,
      clientEntryId: randomUUID(),
      type: 'initial',
      takenAt: 'opening',
      takenOn: '2026-11-21',
      lines: [],
    });
    assert.equal(zero.status, 201, zero.text);
    assert.equal(zero.body.entry.payload.zero, true);
    const taken = await admin.post('/api/ledger/locations', {
      name: 'Satellite',
      deaRegistration: null,
      address: 'x',
      activity: 'y',
    });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.code, 'LEDGER_LOCATION_NAME_TAKEN');
  });
});
