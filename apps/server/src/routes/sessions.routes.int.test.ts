import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getProtocol } from '@ketapath/clinical-rules';
import { administeredDose, type ChartState } from '@ketapath/charting';
import type { Protocol } from '@ketapath/core';
import {
  auditRows,
  balanceSessionLedger,
  seedSignedPlan,
  startTestApp,
  TEST_DB_KIND,
  TEST_NOW,
  TEST_PASSWORD,
  TestClient,
  type SeededPlan,
  type TestApp,
} from '@ketapath/test-support';

const HOUR_MS = 3_600_000;
/** An ISO time `minutes` after 10:00 on the test day (the session is scheduled at 10:00; the clock says 15:00). */
const at = (minutes: number) => new Date(TEST_NOW.getTime() - 5 * HOUR_MS + minutes * 60_000).toISOString();

interface EntryOptions {
  occurredAt?: string;
  expectedVersion?: number;
  clientEntryId?: string;
  witness?: { email: string; password: string };
}

function post(
  client: TestClient,
  sessionId: string,
  entry: Record<string, unknown>,
  options: EntryOptions = {},
) {
  return client.post(`/api/sessions/${sessionId}/entries`, {
    entry,
    clientEntryId: options.clientEntryId ?? randomUUID(),
    ...options,
    ...(options.clientEntryId ? {} : {}),
  });
}

async function versionOf(client: TestClient, sessionId: string): Promise<number> {
  const chart = await client.get(`/api/sessions/${sessionId}/chart`);
  assert.equal(chart.status, 200, chart.text);
  return chart.body.session.version as number;
}

/** Records an entry that must be accepted; state-changing ones are sent with the current version. */
async function record(
  client: TestClient,
  sessionId: string,
  entry: Record<string, unknown>,
  options: EntryOptions & { stateChanging?: boolean } = {},
) {
  const { stateChanging, ...rest } = options;
  const expectedVersion = stateChanging ? await versionOf(client, sessionId) : undefined;
  const response = await post(client, sessionId, entry, {
    ...rest,
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  });
  assert.equal(response.status, 201, `${String(entry.kind)}: ${response.text}`);
  return response.body;
}

const checklistAndBaseline = async (client: TestClient, sessionId: string) => {
  await record(
    client,
    sessionId,
    { kind: 'checklist', checklist: { item: 'consent', signedAt: at(0) } },
    { occurredAt: at(1) },
  );
  await record(
    client,
    sessionId,
    { kind: 'checklist', checklist: { item: 'fasting', lastFoodAt: at(-600), lastClearFluidAt: at(-180) } },
    { occurredAt: at(2) },
  );
  await record(
    client,
    sessionId,
    { kind: 'checklist', checklist: { item: 'escort', confirmed: true, name: 'Sam Doe' } },
    { occurredAt: at(3) },
  );
  await record(
    client,
    sessionId,
    {
      kind: 'vitals',
      vitals: {
        systolicMmHg: 122,
        diastolicMmHg: 78,
        heartRatePerMin: 70,
        spo2Percent: 98,
        respiratoryRatePerMin: 14,
        baseline: true,
      },
    },
    { occurredAt: at(10) },
  );
  await record(client, sessionId, { kind: 'pain-score', when: 'before', nrs: 7 }, { occurredAt: at(12) });
};

describe(`session charting (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let protocol: Protocol;
  let nurse: TestClient;
  let nurse2: TestClient;
  let physician: TestClient;
  let desk: TestClient;
  const nurse2Email = 'second.nurse@a.test';
  /** The session the whole-flow test charts, signs and locks (the PDF test prints it). */
  let lockedSession: SeededPlan & { sessionId: string };

  const seed = (options: Partial<Parameters<typeof seedSignedPlan>[1]> = {}): Promise<SeededPlan> =>
    seedSignedPlan(t, { protocol, sessionStarts: [new Date(TEST_NOW.getTime() - 5 * HOUR_MS)], ...options });

  /** A session programmed, double-checked by the second nurse and started at 10:30. */
  async function startedSession(plan?: SeededPlan): Promise<SeededPlan & { sessionId: string }> {
    const p = plan ?? (await seed());
    const sessionId = p.sessionIds[0]!;
    await checklistAndBaseline(nurse, sessionId);
    const program = await record(nurse, sessionId, programEntry(p), {
      occurredAt: at(20),
      stateChanging: true,
    });
    await record(
      nurse2,
      sessionId,
      { kind: 'double-check', programSeq: program.entry.seq },
      { occurredAt: at(25), stateChanging: true },
    );
    await record(nurse, sessionId, { kind: 'start' }, { occurredAt: at(30), stateChanging: true });
    return { ...p, sessionId };
  }

  const programEntry = (p: SeededPlan, edit: Record<string, unknown> = {}) => ({
    kind: 'pump-program',
    bag: { drug: 'ketamine', drugMg: p.bag.drugMg, volumeMl: p.bag.volumeMl, lot: 'LOT-4411' },
    rate: { value: 0.35, unit: 'mg/kg/h' },
    weightKg: 70,
    weightBasis: 'actual',
    rateMlPerH: p.rateMlPerH,
    volumeToInfuseMl: 98,
    ...edit,
  });

  before(async () => {
    t = await startTestApp();
    const found = getProtocol('crps-4h-daily-10-days');
    assert.ok(found);
    protocol = found;
    nurse = await t.as('nurse');
    physician = await t.as('physician');
    desk = await t.as('front_desk');
    const admin = await t.as('admin');
    const created = await admin.post('/api/users', {
      email: nurse2Email,
      displayName: 'Second Nurse',
      role: 'nurse',
      password: TEST_PASSWORD,
    });
    assert.equal(created.status, 201, created.text);
    nurse2 = new TestClient(t.url);
    assert.equal((await nurse2.login(nurse2Email)).status, 200);
  });
  after(async () => {
    await t.close();
  });

  it('charts a whole session: checklist, programming, double-check, start, alerts, rate change, pause, stop, discharge, signatures', async () => {
    const plan = await seed({ patient: { familyName: 'Øverby', givenNames: 'Zoë' } });
    const sessionId = plan.sessionIds[0]!;
    lockedSession = { ...plan, sessionId };

    // Nothing done yet: the start is refused, naming what blocks it.
    const early = await post(nurse, sessionId, { kind: 'start' }, { expectedVersion: 0, occurredAt: at(5) });
    assert.equal(early.status, 409, early.text);
    assert.equal(early.body.code, 'SESSION_START_BLOCKED');
    const blockedFields = early.body.errors.map((e: { field: string }) => e.field);
    assert.ok(blockedFields.includes('checklist.consent'), blockedFields.join());
    assert.ok(blockedFields.includes('pump-program'));

    await checklistAndBaseline(nurse, sessionId);
    const program = await record(nurse, sessionId, programEntry(plan), {
      occurredAt: at(20),
      stateChanging: true,
    });
    assert.equal(program.session.version, 1);

    const unchecked = await post(
      nurse,
      sessionId,
      { kind: 'start' },
      { expectedVersion: 1, occurredAt: at(22) },
    );
    assert.equal(unchecked.status, 409);
    assert.equal(unchecked.body.code, 'SESSION_START_BLOCKED');
    assert.deepEqual(
      unchecked.body.errors.map((e: { field: string }) => e.field),
      ['double-check'],
    );

    const selfCheck = await post(
      nurse,
      sessionId,
      { kind: 'double-check', programSeq: program.entry.seq },
      { expectedVersion: 1, occurredAt: at(23) },
    );
    assert.equal(selfCheck.status, 403, selfCheck.text);
    assert.equal(selfCheck.body.code, 'DOUBLE_CHECK_SAME_PERSON');

    const badWitness = await post(
      nurse,
      sessionId,
      { kind: 'double-check', programSeq: program.entry.seq },
      { expectedVersion: 1, occurredAt: at(24), witness: { email: nurse2Email, password: 'wrong password' } },
    );
    assert.equal(badWitness.status, 400);
    assert.equal(badWitness.body.code, 'WITNESS_INVALID');
    assert.equal(badWitness.body.field, 'witness');
    const deskWitness = await post(
      nurse,
      sessionId,
      { kind: 'double-check', programSeq: program.entry.seq },
      {
        expectedVersion: 1,
        occurredAt: at(24),
        witness: { email: t.clinics.a.users.front_desk.email, password: TEST_PASSWORD },
      },
    );
    assert.equal(deskWitness.body.code, 'WITNESS_INVALID');
    const otherClinicWitness = await post(
      nurse,
      sessionId,
      { kind: 'double-check', programSeq: program.entry.seq },
      {
        expectedVersion: 1,
        occurredAt: at(24),
        witness: { email: t.clinics.b.users.nurse.email, password: TEST_PASSWORD },
      },
    );
    assert.equal(otherClinicWitness.body.code, 'WITNESS_INVALID');

    const witnessed = await record(
      nurse,
      sessionId,
      { kind: 'double-check', programSeq: program.entry.seq },
      { occurredAt: at(25), stateChanging: true, witness: { email: nurse2Email, password: TEST_PASSWORD } },
    );
    assert.equal(witnessed.entry.recordedBy.email, nurse2Email, 'the double-check is the witness’s');

    const started = await record(
      nurse,
      sessionId,
      { kind: 'start' },
      { occurredAt: at(30), stateChanging: true },
    );
    assert.equal(started.session.state, 'running');

    // §4.2: a systolic pressure over the clinic's limit raises an alert with its rule and citations.
    const high = await record(
      nurse,
      sessionId,
      {
        kind: 'vitals',
        vitals: {
          systolicMmHg: 190,
          diastolicMmHg: 95,
          heartRatePerMin: 88,
          spo2Percent: 97,
          respiratoryRatePerMin: 16,
        },
      },
      { occurredAt: at(60) },
    );
    const bpAlert = high.raisedAlerts.find(
      (a: { data: { ruleId: string } }) => a.data.ruleId === 'session/blood-pressure-limits',
    );
    assert.ok(
      bpAlert,
      JSON.stringify(high.raisedAlerts.map((a: { data: { ruleId: string } }) => a.data.ruleId)),
    );
    assert.equal(bpAlert.data.raisedBySeq, high.entry.seq);
    assert.ok(bpAlert.data.finding.citations.length > 0);
    assert.match(bpAlert.data.finding.message, /190/);
    assert.equal(
      bpAlert.recordedBy.email,
      t.clinics.a.users.nurse.email,
      'raised under the writer of the reading',
    );

    const ack = await record(
      physician,
      sessionId,
      { kind: 'alert-ack', alertSeq: bpAlert.seq, action: 'Rate reduced; BP rechecked in 5 minutes' },
      { occurredAt: at(62) },
    );
    assert.equal(ack.entry.data.kind, 'alert-ack');

    // Rate change: the mL/h must deliver the new rate (0.25 mg/kg/h × 70 kg ÷ 1 mg/mL = 17.5 mL/h).
    const wrongRate = await post(
      nurse,
      sessionId,
      { kind: 'rate-change', rate: { value: 0.25, unit: 'mg/kg/h' }, rateMlPerH: 175, reason: 'BP rise' },
      { expectedVersion: await versionOf(nurse, sessionId), occurredAt: at(150) },
    );
    assert.equal(wrongRate.status, 400, wrongRate.text);
    assert.equal(wrongRate.body.code, 'PUMP_RATE_MISMATCH');
    assert.equal(wrongRate.body.field, 'entry.rateMlPerH');
    assert.match(wrongRate.body.detail, /175 mL\/h/);
    assert.match(wrongRate.body.detail, /17\.5 mL\/h/);
    const rateChange = await record(
      nurse,
      sessionId,
      { kind: 'rate-change', rate: { value: 0.25, unit: 'mg/kg/h' }, rateMlPerH: 17.5, reason: 'BP rise' },
      { occurredAt: at(150), stateChanging: true },
    );
    await record(
      nurse2,
      sessionId,
      { kind: 'double-check', programSeq: rateChange.entry.seq },
      { occurredAt: at(152), stateChanging: true },
    );
    await record(
      nurse,
      sessionId,
      { kind: 'pause', reason: 'Patient to the bathroom' },
      { occurredAt: at(180), stateChanging: true },
    );
    await record(nurse, sessionId, { kind: 'resume' }, { occurredAt: at(210), stateChanging: true });
    await record(
      nurse,
      sessionId,
      { kind: 'rescue-medication', drug: 'ondansetron', doseMg: 4, route: 'IV', reason: 'nausea' },
      { occurredAt: at(220) },
    );
    await record(
      nurse,
      sessionId,
      { kind: 'side-effect', symptom: 'nausea', note: 'mild' },
      { occurredAt: at(219) },
    );
    const stop = await record(
      nurse,
      sessionId,
      { kind: 'stop', reason: 'Planned end' },
      { occurredAt: at(270), stateChanging: true },
    );
    assert.equal(stop.session.state, 'stopped');
    await record(nurse, sessionId, { kind: 'pain-score', when: 'after', nrs: 3 }, { occurredAt: at(280) });
    await record(
      nurse,
      sessionId,
      {
        kind: 'vitals',
        vitals: {
          systolicMmHg: 124,
          diastolicMmHg: 80,
          heartRatePerMin: 72,
          spo2Percent: 98,
          respiratoryRatePerMin: 14,
        },
      },
      { occurredAt: at(290) },
    );

    // Administered: 24.5 mL/h × 2 h + 17.5 mL/h × (0.5 h + 1 h), 1 mg/mL = 49 + 26.25 = 75.25 mg, exactly.
    const stopped = await nurse.get(`/api/sessions/${sessionId}/chart`);
    const chart = stopped.body.chart as ChartState;
    assert.equal(chart.administered.exactMicrogramsNumerator, '75250');
    assert.equal(chart.administered.exactMicrogramsDenominator, '1');
    assert.equal(chart.administered.mg, 75.25);
    const recomputed = administeredDose(chart.rateSegments, null, chart.boluses);
    assert.equal(recomputed.exactMicrogramsNumerator, chart.administered.exactMicrogramsNumerator);
    assert.equal(recomputed.exactMicrogramsDenominator, chart.administered.exactMicrogramsDenominator);
    const acknowledged = chart.alerts.find((a) => a.seq === bpAlert.seq)?.acknowledged ?? null;
    assert.ok(acknowledged);
    assert.equal(acknowledged.by?.email, t.clinics.a.users.physician.email);
    assert.equal(acknowledged.at, at(62));
    assert.equal(acknowledged.action, 'Rate reduced; BP rechecked in 5 minutes');
    assert.equal(stopped.body.prediction.modelId, 'ketamine/kamp-2020');
    assert.equal(stopped.body.prediction.norketamine.available, false);
    assert.ok(Math.max(...stopped.body.prediction.ngPerMl) > 0);

    await record(
      nurse,
      sessionId,
      {
        kind: 'discharge-assessment',
        aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
        escortPresent: true,
        escortName: 'Sam Doe',
        noDrivingAdviceGiven: true,
        instructionsGiven: true,
      },
      { occurredAt: at(298), stateChanging: true },
    );
    for (const alert of chart.alerts.filter((a) => a.acknowledged === null)) {
      await record(
        nurse,
        sessionId,
        { kind: 'alert-ack', alertSeq: alert.seq, action: 'Reviewed' },
        { occurredAt: at(299) },
      );
    }
    // §4.6: the observation time after the last dose is not reached yet, so signing the discharge needs a
    // reason; without one the server refuses and names the discharge finding and the missing field.
    const signEarly = await post(
      nurse,
      sessionId,
      { kind: 'nurse-sign' },
      { occurredAt: at(299), expectedVersion: await versionOf(nurse, sessionId) },
    );
    assert.equal(signEarly.status, 409, signEarly.text);
    assert.equal(signEarly.body.code, 'DISCHARGE_NOT_READY');
    const earlyFields = signEarly.body.errors.map((i: { field: string }) => i.field);
    assert.ok(earlyFields.includes('discharge/observation-time'), signEarly.text);
    assert.ok(earlyFields.includes('entry.dischargeNotReadyReason'), signEarly.text);
    // The controlled-substance books of the session: 100 mg drawn, 75.25 mg given, 24.75 mg wasted (witnessed).
    const books = await balanceSessionLedger(t, nurse, sessionId, { witness: { email: nurse2Email, password: TEST_PASSWORD } });
    assert.deepEqual([books.drawnUg, books.administeredUg, books.wastedUg], [100_000, 75_250, 24_750]);
    await record(
      nurse,
      sessionId,
      {
        kind: 'nurse-sign',
        dischargeNotReadyReason: 'Physician reviewed; patient back to baseline, escort waiting',
      },
      { occurredAt: at(299), stateChanging: true },
    );

    const nurseCosign = await post(
      nurse2,
      sessionId,
      { kind: 'physician-cosign' },
      { expectedVersion: await versionOf(nurse2, sessionId), occurredAt: at(300) },
    );
    assert.equal(nurseCosign.status, 403);
    assert.equal(nurseCosign.body.code, 'COSIGN_NOT_ALLOWED');
    const cosigned = await record(
      physician,
      sessionId,
      { kind: 'physician-cosign' },
      { occurredAt: at(300), stateChanging: true },
    );
    assert.equal(cosigned.session.state, 'locked');

    // Locked: no more edits, an addendum is taken and the original stays as it was.
    const late = await post(
      nurse,
      sessionId,
      { kind: 'vitals', vitals: { systolicMmHg: 130 } },
      { occurredAt: at(300) },
    );
    assert.equal(late.status, 409);
    assert.equal(late.body.code, 'SESSION_LOCKED');
    const addendum = await record(
      nurse,
      sessionId,
      {
        kind: 'addendum',
        text: 'Rescue ondansetron was 4 mg IV, as charted; route confirmed.',
        reason: 'Clarify route',
      },
      { occurredAt: at(300) },
    );
    assert.equal(addendum.entry.data.kind, 'addendum');
    const final = await physician.get(`/api/sessions/${sessionId}/chart`);
    assert.equal(final.body.chart.locked, true);
    assert.equal(final.body.chart.addenda.length, 1);
    assert.equal(final.body.chart.rescueMeds[0].route, 'IV');
    assert.equal(
      final.body.entries.find((e: { seq: number }) => e.seq === high.entry.seq).data.vitals.systolicMmHg,
      190,
    );
    assert.equal(final.body.chart.physicianCosignedBy.by.email, t.clinics.a.users.physician.email);

    const summary = await nurse.get(`/api/patients/${plan.patientId}/sessions`);
    assert.equal(summary.status, 200);
    assert.deepEqual(
      {
        mg: summary.body.sessions[0].administeredMg,
        before: summary.body.sessions[0].painBefore,
        after: summary.body.sessions[0].painAfter,
        state: summary.body.sessions[0].state,
      },
      { mg: 75.25, before: 7, after: 3, state: 'locked' },
    );
    assert.ok(summary.body.sessions[0].alertCount >= 1);

    const actions = (await auditRows(t.database, 'entity_id = $1', [sessionId])).map(
      (r) => `${r.action}:${r.outcome}`,
    );
    assert.ok(actions.includes('session.entry:success'));
    assert.ok(actions.includes('session.entry:failure'), 'refusals are audited');
    assert.ok(actions.includes('session.read:success'));
  });

  it('prints the locked chart as a PDF a referring physician can read', async () => {
    const { sessionId } = lockedSession;
    const response = await fetch(`${t.url}/api/sessions/${sessionId}/chart.pdf`, {
      headers: { cookie: physician.cookie ?? '' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const dir = path.join(process.env.KETAPATH_PDF_OUT ?? '/tmp', `ketapath-chart-${TEST_DB_KIND}`);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'chart.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of [
      'Øverby, Zoë',
      'Session: 1 of 1',
      'CRPS: 0.35 mg/kg/h over 4 hours daily for 10 days',
      '75.250 mg ketamine (75250 µg exactly',
      'Nurse: nurse a (nurse)',
      'Physician co-signature: physician a (physician)',
      'Second Nurse (nurse)',
      'Blood pressure within limits: SBP 190 mmHg',
      'Rate reduced; BP rechecked in 5 minutes',
      'ondansetron 4 mg IV',
      'Before: 7',
      'After: 3',
      'Aldrete total: 10',
      'Clarify route',
      'LOT-4411',
    ]) {
      assert.ok(text.includes(expected), `the PDF says "${expected}"`);
    }
    assert.doesNotMatch(text, /DEMO DATA/);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, path.join(dir, 'chart-page')]);
    const audit = await auditRows(t.database, `action = 'session.print' AND entity_id = $1`, [sessionId]);
    assert.equal(audit.length, 1);

    const demo = await seed({ patient: { familyName: 'Demoperson' } });
    await t.database.sql.query('UPDATE patients SET is_demo = true WHERE id = $1', [demo.patientId]);
    const demoPdf = Buffer.from(
      await (
        await fetch(`${t.url}/api/sessions/${demo.sessionIds[0]!}/chart.pdf`, {
          headers: { cookie: physician.cookie ?? '' },
        })
      ).arrayBuffer(),
    );
    writeFileSync(path.join(dir, 'demo.pdf'), demoPdf);
    const demoText = execFileSync('pdftotext', [path.join(dir, 'demo.pdf'), '-'], { encoding: 'utf8' });
    assert.match(demoText, /DEMO DATA/);
    assert.match(demoText, /No pump programming|None recorded/);
  });

  it('refuses a pump programming that does not match the order, naming the field and both numbers', async () => {
    const plan = await seed();
    const sessionId = plan.sessionIds[0]!;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ rateMlPerH: 245 }, 'entry.rateMlPerH', /245 mL\/h.*24\.5 mL\/h/],
      [{ rate: { value: 0.5, unit: 'mg/kg/h' } }, 'entry.rate', /0\.35 mg\/kg\/h.*0\.5 mg\/kg\/h/],
      [{ weightKg: 80 }, 'entry.weightKg', /70 kg.*80 kg/],
      [
        { bag: { drug: 'ketamine', drugMg: 200, volumeMl: 100, lot: 'L2' } },
        'entry.rateMlPerH',
        /12\.25 mL\/h/,
      ],
    ];
    for (const [edit, field, message] of cases) {
      const response = await post(nurse, sessionId, programEntry(plan, edit), {
        expectedVersion: 0,
        occurredAt: at(20),
      });
      assert.equal(response.status, 400, JSON.stringify(edit));
      assert.equal(response.body.code, 'PUMP_RATE_MISMATCH');
      assert.equal(response.body.field, field, JSON.stringify(edit));
      assert.match(response.body.detail, message);
    }
    assert.equal(
      (await post(nurse, sessionId, programEntry(plan), { expectedVersion: 0, occurredAt: at(20) })).status,
      201,
    );
  });

  it('names the field of bad input and keeps entries within the data-entry time bounds', async () => {
    const plan = await seed();
    const sessionId = plan.sessionIds[0]!;
    const cases: [Record<string, unknown>, string][] = [
      [{ entry: { kind: 'vitals', vitals: { systolicMmHg: 500 } } }, 'entry.vitals.systolicMmHg'],
      [{ entry: { kind: 'pain-score', when: 'before', nrs: 11 } }, 'entry.nrs'],
      [{ entry: { kind: 'teleport' } }, 'entry.kind'],
      [{ entry: { kind: 'note', text: 'x' }, clientEntryId: 'not-a-uuid' }, 'clientEntryId'],
      [{ entry: { kind: 'note', text: 'x' }, occurredAt: 'yesterday' }, 'occurredAt'],
      [
        {
          entry: {
            kind: 'alert',
            ruleId: 'session/x',
            ruleVersion: 1,
            severity: 'block',
            finding: {},
            raisedBySeq: 1,
          },
        },
        'entry.kind',
      ],
      [{ entry: { kind: 'start' } }, 'expectedVersion'],
      [
        { entry: { kind: 'note', text: 'x' }, witness: { email: nurse2Email, password: TEST_PASSWORD } },
        'witness',
      ],
      [
        {
          entry: { kind: 'note', text: 'x' },
          occurredAt: new Date(TEST_NOW.getTime() + 3 * 60_000).toISOString(),
        },
        'occurredAt',
      ],
      [
        {
          entry: { kind: 'note', text: 'x' },
          occurredAt: new Date(TEST_NOW.getTime() - 30 * HOUR_MS).toISOString(),
        },
        'occurredAt',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await nurse.post(`/api/sessions/${sessionId}/entries`, {
        clientEntryId: randomUUID(),
        ...body,
      });
      assert.equal(response.status, 400, `${JSON.stringify(body)} → ${response.text}`);
      assert.equal(response.body.field, field, JSON.stringify(body));
    }
    // Two minutes ahead is a device clock running a little fast: taken.
    const ahead = await post(
      nurse,
      sessionId,
      { kind: 'note', text: 'clock check' },
      { occurredAt: new Date(TEST_NOW.getTime() + 2 * 60_000).toISOString() },
    );
    assert.equal(ahead.status, 201);
    const unknown = await post(nurse, randomUUID(), { kind: 'note', text: 'x' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'SESSION_NOT_FOUND');
    const otherClinic = await (await t.as('nurse', 'b')).get(`/api/sessions/${sessionId}/chart`);
    assert.equal(otherClinic.status, 404);
    assert.equal(otherClinic.body.code, 'SESSION_NOT_FOUND');
  });

  it('any sequence of well-formed entries, in any order and with any version, gets an answer, never a 5xx (property)', async () => {
    const plan = await seed();
    const sessionId = plan.sessionIds[0]!;
    const entries: Record<string, unknown>[] = [
      { kind: 'checklist', checklist: { item: 'consent', signedAt: at(0) } },
      { kind: 'checklist', checklist: { item: 'escort', confirmed: true } },
      programEntry(plan),
      { kind: 'double-check', programSeq: 1 },
      { kind: 'double-check', programSeq: 3 },
      { kind: 'start' },
      { kind: 'rate-change', rate: { value: 0.25, unit: 'mg/kg/h' }, rateMlPerH: 17.5, reason: 'test' },
      { kind: 'pause', reason: 'test' },
      { kind: 'resume' },
      { kind: 'stop', reason: 'test' },
      { kind: 'bolus', doseMg: 5, reason: 'test' },
      {
        kind: 'vitals',
        vitals: { systolicMmHg: 200, heartRatePerMin: 40, spo2Percent: 85, respiratoryRatePerMin: 6 },
      },
      { kind: 'alert-ack', alertSeq: 2, action: 'seen' },
      {
        kind: 'discharge-assessment',
        aldrete: { activity: 2, respiration: 2, circulation: null, consciousness: 2, oxygenSaturation: null },
        escortPresent: true,
        noDrivingAdviceGiven: true,
        instructionsGiven: true,
      },
      { kind: 'nurse-sign' },
      { kind: 'physician-cosign' },
      { kind: 'addendum', text: 'x', reason: 'y' },
    ];
    const clients = [nurse, nurse2, physician];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.nat(entries.length - 1),
            fc.nat(clients.length - 1),
            fc.integer({ min: -1, max: 1 }),
            fc.integer({ min: 0, max: 290 }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        async (steps) => {
          for (const [entryIndex, clientIndex, versionSkew, minute] of steps) {
            const client = clients[clientIndex]!;
            const version = await versionOf(client, sessionId);
            const response = await post(client, sessionId, entries[entryIndex]!, {
              expectedVersion: Math.max(0, version + versionSkew),
              occurredAt: at(minute),
            });
            if (response.status >= 500) return false;
          }
          return true;
        },
      ),
      { numRuns: 25, seed: 20261121 },
    );
    const chart = await nurse.get(`/api/sessions/${sessionId}/chart`);
    assert.equal(chart.status, 200);
    assert.deepEqual(chart.body.chart.problems, [], 'every stored entry fit the chart when it was taken');
  });

  it('two nurses changing the chart from the same version: exactly one is taken, the other gets 409', async () => {
    const { sessionId } = await startedSession();
    const version = await versionOf(nurse, sessionId);
    const [a, b] = await Promise.all([
      post(
        nurse,
        sessionId,
        { kind: 'pause', reason: 'Nausea' },
        { expectedVersion: version, occurredAt: at(40) },
      ),
      post(
        nurse2,
        sessionId,
        { kind: 'stop', reason: 'Hypertension' },
        { expectedVersion: version, occurredAt: at(40) },
      ),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [201, 409], `${a.text} / ${b.text}`);
    const refused = a.status === 409 ? a : b;
    assert.equal(refused.body.code, 'SESSION_VERSION_CONFLICT');
    assert.match(refused.body.detail, /Someone else changed this chart/);
    assert.equal(await versionOf(nurse, sessionId), version + 1);
  });

  it('fifty vital-sign posts at once: fifty entries with distinct numbers, none lost', async () => {
    const { sessionId } = await startedSession();
    const ids: string[] = Array.from({ length: 50 }, () => randomUUID());
    const responses = await Promise.all(
      ids.map((id, i) =>
        post(
          i % 2 === 0 ? nurse : nurse2,
          sessionId,
          { kind: 'vitals', vitals: { heartRatePerMin: 60 + i } },
          { clientEntryId: id, occurredAt: at(31 + i) },
        ),
      ),
    );
    assert.deepEqual(
      responses.map((r) => r.status),
      ids.map(() => 201),
      responses.map((r) => r.text).find((x) => !x.includes('"entry"')),
    );
    const seqs = responses.map((r) => r.body.entry.seq as number);
    assert.equal(new Set(seqs).size, 50);
    const chart = await nurse.get(`/api/sessions/${sessionId}/chart`);
    const stored = chart.body.entries.filter((e: { clientEntryId: string }) => ids.includes(e.clientEntryId));
    assert.equal(stored.length, 50);
    const allSeqs = chart.body.entries.map((e: { seq: number }) => e.seq);
    assert.deepEqual(
      allSeqs,
      allSeqs.map((_: number, i: number) => i + 1),
      'numbered without gaps',
    );
    assert.equal(chart.body.session.lastSeq, allSeqs.length);
  });

  it('a repeated clientEntryId is answered with the stored entry, never stored twice (also concurrently)', async () => {
    const { sessionId } = await startedSession();
    const clientEntryId = randomUUID();
    const body = {
      entry: { kind: 'vitals', vitals: { systolicMmHg: 120 } },
      clientEntryId,
      occurredAt: at(45),
    };
    const first = await nurse.post(`/api/sessions/${sessionId}/entries`, body);
    assert.equal(first.status, 201);
    const again = await nurse.post(`/api/sessions/${sessionId}/entries`, body);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.entry, first.body.entry);

    const stateId = randomUUID();
    const version = await versionOf(nurse, sessionId);
    const pause = {
      entry: { kind: 'pause', reason: 'Check line' },
      clientEntryId: stateId,
      expectedVersion: version,
      occurredAt: at(46),
    };
    const burst = await Promise.all(
      Array.from({ length: 5 }, () => nurse.post(`/api/sessions/${sessionId}/entries`, pause)),
    );
    assert.deepEqual(
      burst.map((r) => r.status).sort(),
      [200, 200, 200, 200, 201],
      burst.map((r) => r.text).join('\n'),
    );
    assert.equal(new Set(burst.map((r) => r.body.entry.seq)).size, 1);
    // A retry after the version moved on (the retried pause itself moved it) still gets the stored entry.
    const late = await nurse.post(`/api/sessions/${sessionId}/entries`, pause);
    assert.equal(late.status, 200);
    const chart = await nurse.get(`/api/sessions/${sessionId}/chart`);
    assert.equal(
      chart.body.entries.filter((e: { clientEntryId: string }) => e.clientEntryId === stateId).length,
      1,
    );
    assert.equal(
      chart.body.entries.filter((e: { clientEntryId: string }) => e.clientEntryId === clientEntryId).length,
      1,
    );
  });

  it('front desk sees the schedule and moves sessions, but not the chart', async () => {
    const plan = await seed({ patient: { familyName: 'Schedulewise', givenNames: 'Pat' } });
    const sessionId = plan.sessionIds[0]!;
    const chart = await desk.get(`/api/sessions/${sessionId}/chart`);
    assert.equal(chart.status, 403);
    assert.equal(chart.body.code, 'PERMISSION_DENIED');
    assert.equal((await desk.get(`/api/sessions/${sessionId}/chart.pdf`)).status, 403);
    assert.equal((await desk.get(`/api/patients/${plan.patientId}/sessions`)).status, 403);
    assert.equal((await desk.get('/api/floor')).status, 403);
    assert.equal((await post(desk, sessionId, { kind: 'note', text: 'x' })).status, 403);

    const day = await desk.get(`/api/schedule?date=${TEST_NOW.toISOString().slice(0, 10)}`);
    assert.equal(day.status, 200, day.text);
    const item = day.body.sessions.find((s: { sessionId: string }) => s.sessionId === sessionId) as {
      version: number;
    } & Record<string, any>;
    assert.equal(item.patient.displayName, 'Schedulewise, Pat');
    assert.equal(item.protocolName, protocol.name);
    assert.equal(item.sessionNumber, 1);
    assert.equal(item.state, 'scheduled');
    assert.deepEqual(Object.keys(item).sort(), [
      'assignedNurse',
      'chair',
      'patient',
      'plannedDurationMin',
      'protocolName',
      'scheduledStart',
      'sessionCount',
      'sessionId',
      'sessionNumber',
      'state',
      'version',
    ]);
    assert.ok(day.body.nurses.some((n: { id: string }) => n.id === t.clinics.a.users.nurse.id));

    const moved = await desk.patch(`/api/sessions/${sessionId}`, {
      chair: 'Chair 4',
      assignedNurseId: t.clinics.a.users.nurse.id,
      expectedVersion: item.version,
    });
    assert.equal(moved.status, 200, moved.text);
    assert.deepEqual(
      [moved.body.chair, moved.body.assignedNurse.id, moved.body.version],
      ['Chair 4', t.clinics.a.users.nurse.id, item.version + 1],
    );
    const stale = await desk.patch(`/api/sessions/${sessionId}`, {
      chair: 'Chair 5',
      expectedVersion: item.version,
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'SESSION_VERSION_CONFLICT');
    const notStaff = await desk.patch(`/api/sessions/${sessionId}`, {
      assignedNurseId: t.clinics.a.users.front_desk.id,
      expectedVersion: item.version + 1,
    });
    assert.equal(notStaff.status, 400);
    assert.equal(notStaff.body.field, 'assignedNurseId');
    const empty = await desk.patch(`/api/sessions/${sessionId}`, { expectedVersion: item.version + 1 });
    assert.equal(empty.status, 400);
    const otherDay = await desk.get('/api/schedule?date=2026-11-22');
    assert.ok(otherDay.body.sessions.every((s: { sessionId: string }) => s.sessionId !== sessionId));
    assert.equal((await desk.get('/api/schedule?date=tomorrow')).body.field, 'date');

    const audit = await auditRows(
      t.database,
      `action IN ('schedule.read', 'session.reschedule') AND user_id = $1`,
      [t.clinics.a.users.front_desk.id],
    );
    assert.ok(audit.some((r) => r.action === 'schedule.read'));
    assert.ok(audit.some((r) => r.action === 'session.reschedule' && r.outcome === 'success'));
    assert.ok(audit.some((r) => r.action === 'session.reschedule' && r.outcome === 'failure'));
  });
});
