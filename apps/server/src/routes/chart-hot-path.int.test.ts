/**
 * The chart post's hot path keeps the clinic's settings, the patient's rule context and the monitor bridge's
 * device in per-process caches on the embedded database. These tests prove the caches are exact: a change a
 * clinician makes is in force for the very next post, on both databases.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getProtocol } from '@ketapath/clinical-rules';
import {
  EventStream,
  seedSignedPlan,
  startTestApp,
  TEST_DB_KIND,
  TEST_NOW,
  TEST_PASSWORD,
  type TestApp,
  type TestClient,
} from '@ketapath/test-support';

const HOUR_MS = 3_600_000;
const at = (minutes: number) => new Date(TEST_NOW.getTime() - 5 * HOUR_MS + minutes * 60_000).toISOString();
const SBP_LIMIT = 'session.sbp-high-mmhg';
const BP_RULE = 'session/blood-pressure-limits';

describe(`chart post hot path: cached reads stay exact (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let nurse: TestClient;
  let physician: TestClient;
  let sessionId: string;
  let minute = 40;

  async function entry(
    client: TestClient,
    data: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) {
    const versionOf = async () =>
      (await client.get(`/api/sessions/${sessionId}/chart`)).body.session.version as number;
    const stateChanging = ['pump-program', 'double-check', 'start'].includes(String(data['kind']));
    const response = await client.post(`/api/sessions/${sessionId}/entries`, {
      entry: data,
      clientEntryId: randomUUID(),
      ...(stateChanging ? { expectedVersion: await versionOf() } : {}),
      ...extra,
    });
    assert.equal(response.status, 201, `${String(data['kind'])}: ${response.text}`);
    return response.body;
  }

  const vitals = (systolicMmHg: number, clientEntryId = randomUUID()) => ({
    entry: {
      kind: 'vitals',
      vitals: {
        systolicMmHg,
        diastolicMmHg: 80,
        heartRatePerMin: 72,
        spo2Percent: 98,
        respiratoryRatePerMin: 14,
      },
    },
    clientEntryId,
    occurredAt: at((minute += 1)),
  });
  const bpAlerts = (body: { raisedAlerts: { data: { ruleId: string } }[] }) =>
    body.raisedAlerts.filter((a) => a.data.ruleId === BP_RULE);

  before(async () => {
    t = await startTestApp();
    nurse = await t.as('nurse');
    physician = await t.as('physician');
    const protocol = getProtocol('crps-4h-daily-10-days');
    assert.ok(protocol);
    const plan = await seedSignedPlan(t, {
      protocol,
      sessionStarts: [new Date(TEST_NOW.getTime() - 5 * HOUR_MS)],
    });
    sessionId = plan.sessionIds[0]!;
    await entry(
      nurse,
      { kind: 'checklist', checklist: { item: 'consent', signedAt: at(0) } },
      { occurredAt: at(1) },
    );
    await entry(
      nurse,
      { kind: 'checklist', checklist: { item: 'fasting', lastFoodAt: at(-600), lastClearFluidAt: at(-180) } },
      { occurredAt: at(2) },
    );
    await entry(
      nurse,
      { kind: 'checklist', checklist: { item: 'escort', confirmed: true, name: 'Sam Doe' } },
      {
        occurredAt: at(3),
      },
    );
    await entry(
      nurse,
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
    const program = await entry(
      nurse,
      {
        kind: 'pump-program',
        bag: { drug: 'ketamine', drugMg: plan.bag.drugMg, volumeMl: plan.bag.volumeMl, lot: 'LOT-4411' },
        rate: { value: 0.35, unit: 'mg/kg/h' },
        weightKg: 70,
        weightBasis: 'actual',
        rateMlPerH: plan.rateMlPerH,
        volumeToInfuseMl: 98,
      },
      { occurredAt: at(20) },
    );
    await entry(
      nurse,
      { kind: 'double-check', programSeq: program.entry.seq },
      { occurredAt: at(25), witness: { email: t.clinics.a.users.physician.email, password: TEST_PASSWORD } },
    );
    await entry(nurse, { kind: 'start' }, { occurredAt: at(30) });
  });
  after(async () => {
    await t.close();
  });

  it('a clinic setting changed between two posts is in force for the next post (§4.2 SBP limit, S30)', async () => {
    // Default limit 180 mmHg (§4.2 [P], S30): 170 raises no blood-pressure alert.
    const first = await nurse.post(`/api/sessions/${sessionId}/entries`, vitals(170));
    assert.equal(first.status, 201, first.text);
    assert.deepEqual(bpAlerts(first.body), []);

    const changed = await physician.request('PUT', `/api/settings/clinical/${SBP_LIMIT}`, {
      json: { value: 160, expectedVersion: 0, reason: 'Clinic policy for this test: tighter systolic limit' },
    });
    assert.equal(changed.status, 200, changed.text);

    const second = await nurse.post(`/api/sessions/${sessionId}/entries`, vitals(170));
    assert.equal(second.status, 201, second.text);
    const [alert] = bpAlerts(second.body) as unknown as {
      data: { finding: { parameters: { id: string; value: unknown; origin: string }[] } };
    }[];
    assert.ok(alert, 'the clinic’s 160 mmHg limit applies at once');
    const used = alert.data.finding.parameters.find((p) => p.id === SBP_LIMIT);
    assert.deepEqual({ value: used?.value, origin: used?.origin }, { value: 160, origin: 'clinic' });

    // And back: with the clinic value removed, 170 is under the default again.
    const reverted = await physician.request('PUT', `/api/settings/clinical/${SBP_LIMIT}`, {
      json: { value: null, expectedVersion: 1, reason: 'Back to the default' },
    });
    assert.equal(reverted.status, 200, reverted.text);
    const third = await nurse.post(`/api/sessions/${sessionId}/entries`, vitals(170));
    assert.equal(third.status, 201, third.text);
    assert.deepEqual(bpAlerts(third.body), []);
  });

  it('a resent set of vital signs is answered with the stored entry, not stored twice', async () => {
    const body = vitals(124);
    const firstPost = await nurse.post(`/api/sessions/${sessionId}/entries`, body);
    assert.equal(firstPost.status, 201, firstPost.text);
    const resend = await nurse.post(`/api/sessions/${sessionId}/entries`, body);
    assert.equal(resend.status, 200, resend.text);
    assert.equal(resend.body.entry.seq, firstPost.body.entry.seq);
    const chart = await nurse.get(`/api/sessions/${sessionId}/chart`);
    assert.equal(
      chart.body.entries.filter(
        (e: { clientEntryId: string | null }) => e.clientEntryId === body.clientEntryId,
      ).length,
      1,
    );
  });

  it('the floor board streams the chair of each post: its reading, and an alert it raised, by tier', async () => {
    const stream = await new EventStream().open(`${t.url}/api/floor/stream`, nurse.cookie ?? '');
    try {
      assert.equal((await stream.next()).event, 'snapshot');
      const quiet = await nurse.post(`/api/sessions/${sessionId}/entries`, vitals(126));
      assert.equal(quiet.status, 201, quiet.text);
      const calm = await stream.next();
      assert.deepEqual([calm.data.sessionId, calm.data.lastVitals.systolicMmHg], [sessionId, 126]);
      const openBefore = Object.values(calm.data.openAlerts as Record<string, number>).reduce(
        (a, b) => a + b,
        0,
      );

      // §4.2 (S30): a systolic pressure over the limit raises an alert; the chair counts it at once.
      const high = await nurse.post(`/api/sessions/${sessionId}/entries`, vitals(195));
      assert.equal(high.status, 201, high.text);
      assert.ok(bpAlerts(high.body).length > 0);
      const alarmed = await stream.next();
      assert.equal(alarmed.data.lastVitals.systolicMmHg, 195);
      const openAfter = Object.values(alarmed.data.openAlerts as Record<string, number>).reduce(
        (a, b) => a + b,
        0,
      );
      assert.equal(openAfter, openBefore + (high.body.raisedAlerts as unknown[]).length);
    } finally {
      stream.close();
    }
  });
});
