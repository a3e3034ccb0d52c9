import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, TEST_DB_KIND, TestClient, type TestApp } from '@ketapath/test-support';
import { demoLogins, seedDemo } from './demo-data.js';
import {
  DEMO_CHAIRS,
  DEMO_CLINIC_SETTINGS,
  DEMO_SETTINGS_REASON,
  seedDemoJourney,
  type DemoJourneyResult,
} from './demo-journey.js';

interface Chair {
  sessionId: string;
  chair: string;
  state: string;
  currentRate: { value: number; unit: string } | null;
  lastVitals: { at: string; systolicMmHg: number | null } | null;
  openAlerts: { stopAndCall: number; pause: number; slow: number; watch: number; other: number };
  assignedNurse: { displayName: string } | null;
}

const openCount = (c: Chair) => Object.values(c.openAlerts).reduce((a, b) => a + b, 0);

describe(`the demo journey: settings, intakes, qualifications, plans and today's floor (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let first: DemoJourneyResult;
  let nurse: TestClient;
  let chairs: Chair[];
  const emails = Object.fromEntries(demoLogins().map((l) => [l.role, l.email])) as Record<
    ReturnType<typeof demoLogins>[number]['role'],
    string
  >;
  const login = async (role: 'nurse' | 'physician' | 'front_desk') => {
    const l = demoLogins().find((x) => x.role === role);
    assert.ok(l);
    const client = new TestClient(t.url);
    assert.equal((await client.login(l.email, l.password)).status, 200);
    return client;
  };

  before(async () => {
    t = await startTestApp();
    const ctx = { config: t.config, database: t.database, clock: t.clock };
    const demo = await seedDemo(ctx);
    first = await seedDemoJourney(ctx, demo.clinic, emails);
    nurse = await login('nurse');
    const floor = await nurse.get('/api/floor');
    assert.equal(floor.status, 200, floor.text);
    chairs = floor.body.chairs as Chair[];
  });
  after(async () => {
    await t.close();
  });

  it('fills the floor board: 20 chairs in every state, each with a chair and the demo nurse', (tc) => {
    tc.diagnostic(
      `journey seeded in ${first.seconds.toFixed(1)} s: ${first.entriesRecorded} chart entries, ${first.plansSigned} plans`,
    );
    assert.equal(chairs.length, DEMO_CHAIRS);
    assert.equal(first.chairsToday, DEMO_CHAIRS);
    const states: Record<string, number> = {};
    for (const c of chairs) states[c.state] = (states[c.state] ?? 0) + 1;
    assert.deepEqual(states, { running: 11, paused: 1, stopped: 2, locked: 1, scheduled: 5 });
    assert.deepEqual(first.states, states);
    assert.equal(new Set(chairs.map((c) => c.chair)).size, DEMO_CHAIRS, 'one session per chair');
    assert.ok(chairs.every((c) => c.assignedNurse?.displayName === 'Demo nurse'));
  });

  it('chair 3 has the high systolic pressure alert open (§4.2 SBP > 180 mmHg, stop and call); others run clean', () => {
    const byName = new Map(chairs.map((c) => [c.chair, c]));
    const three = byName.get('Chair 3');
    assert.ok(three);
    assert.equal(three.lastVitals?.systolicMmHg, 186);
    assert.ok(three.openAlerts.stopAndCall >= 1, JSON.stringify(three.openAlerts));
    const paused = byName.get('Chair 7');
    assert.equal(paused?.state, 'paused');
    for (const c of chairs.filter((x) => x.chair !== 'Chair 3' && x.chair !== 'Chair 7'))
      assert.equal(openCount(c), 0, `${c.chair}: ${JSON.stringify(c.openAlerts)}`);
    // Chair 5: its alert was acknowledged and the rate lowered from 0.35 to 0.25 mg/kg/h.
    const five = byName.get('Chair 5');
    assert.equal(five?.currentRate?.value, 0.25);
    assert.equal(five.currentRate.unit, 'mg/kg/h');
  });

  it('running charts carry the monitor bridge’s readings every 5 minutes up to now; the signed chart is locked', async () => {
    const running = chairs.find((c) => c.chair === 'Chair 1');
    assert.ok(running);
    const chart = await nurse.get(`/api/sessions/${running.sessionId}/chart`);
    assert.equal(chart.status, 200);
    const deviceVitals = (
      chart.body.entries as { data: { kind: string }; deviceId: string | null; occurredAt: string }[]
    )
      .filter((e) => e.data.kind === 'vitals' && e.deviceId !== null)
      .map((e) => Date.parse(e.occurredAt));
    assert.ok(deviceVitals.length >= 40, `${deviceVitals.length} device readings`);
    for (let i = 1; i < deviceVitals.length; i++)
      assert.equal(deviceVitals[i]! - deviceVitals[i - 1]!, 5 * 60_000);
    assert.ok(t.clock.now().getTime() - deviceVitals.at(-1)! <= 10 * 60_000, 'the last reading is recent');
    assert.ok(chart.body.chart.administered.mg > 0);

    const signed = chairs.find((c) => c.state === 'locked');
    assert.ok(signed);
    const locked = await nurse.get(`/api/sessions/${signed.sessionId}/chart`);
    assert.equal(locked.body.chart.locked, true);
    assert.equal(locked.body.chart.physicianCosignedBy.by.email, emails.physician);
    assert.equal(locked.body.chart.nurseSignedBy.by.email, emails.nurse);
  });

  it('sets every demo clinic setting through the settings service with the demo reason', async () => {
    const physician = await login('physician');
    for (const [id, value] of Object.entries(DEMO_CLINIC_SETTINGS)) {
      const history = await physician.get(`/api/settings/clinical/${id}/history`);
      assert.equal(history.status, 200, history.text);
      assert.equal(history.body.changes.length, 1, id);
      assert.equal(history.body.changes[0].value, value, id);
      assert.equal(history.body.changes[0].reason, DEMO_SETTINGS_REASON);
      assert.equal(history.body.changes[0].changedBy.email, emails.physician);
    }
  });

  it('qualifies 23 of 25 patients: one not eligible, one waiting for the physician', async () => {
    const list = await nurse.get('/api/patients?limit=200');
    const patients = (list.body.items as { id: string; mrn: string }[]).sort((a, b) =>
      a.mrn.localeCompare(b.mrn),
    );
    const statuses: string[] = [];
    let qualified = 0;
    for (const p of patients.slice(0, 25)) {
      const intakes = await nurse.get(`/api/patients/${p.id}/intakes`);
      statuses.push(intakes.body.current.eligibility.status);
      if (intakes.body.qualification?.current) qualified++;
    }
    assert.equal(qualified, 23);
    assert.equal(statuses[23], 'not-eligible');
    assert.equal(statuses[24], 'needs-physician-review');
    assert.ok(new Set(statuses).size >= 3, statuses.join());
  });

  it('a second run adds nothing', async () => {
    const ctx = { config: t.config, database: t.database, clock: t.clock };
    const demo = await seedDemo(ctx);
    const again = await seedDemoJourney(ctx, demo.clinic, emails);
    assert.deepEqual(
      {
        settingsSet: again.settingsSet,
        intakesCreated: again.intakesCreated,
        qualificationsSigned: again.qualificationsSigned,
        plansSigned: again.plansSigned,
        chairsCharted: again.chairsCharted,
        entriesRecorded: again.entriesRecorded,
      },
      {
        settingsSet: 0,
        intakesCreated: 0,
        qualificationsSigned: 0,
        plansSigned: 0,
        chairsCharted: 0,
        entriesRecorded: 0,
      },
    );
    assert.equal(again.chairsToday, DEMO_CHAIRS);
  });
});
