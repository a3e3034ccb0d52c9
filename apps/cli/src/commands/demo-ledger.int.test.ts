import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, TEST_DB_KIND, TestClient, type TestApp } from '@ketapath/test-support';
import { demoLogins, seedDemo } from './demo-data.js';
import { seedDemoJourney, type DemoJourneyResult } from './demo-journey.js';
import { DEMO_LEDGER_SETTINGS, DEMO_LOCATION } from './demo-ledger.js';

/**
 * The demo clinic's controlled-substance ledger: a location marked demo with a fake DEA number, a zero initial
 * inventory, two lots received and one expired vial, a draw for every prepared bag, the witnessed waste of
 * each finished infusion (so the signed chart balances), and a count with a small discrepancy under
 * investigation. The chain verifies, every report renders, and a second run adds nothing.
 */

interface Container {
  containerId: string;
  label: string;
  lot: string;
  status: string;
  remainingUg: number;
}

describe(`the demo ledger (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let first: DemoJourneyResult;
  let nurse: TestClient;
  let locationId: string;
  const emails = Object.fromEntries(demoLogins().map((l) => [l.role, l.email])) as Record<
    ReturnType<typeof demoLogins>[number]['role'],
    string
  >;

  before(async () => {
    t = await startTestApp();
    const ctx = { config: t.config, database: t.database, clock: t.clock };
    const demo = await seedDemo(ctx);
    first = await seedDemoJourney(ctx, demo.clinic, emails);
    const login = demoLogins().find((l) => l.role === 'nurse');
    assert.ok(login);
    nurse = new TestClient(t.url);
    assert.equal((await nurse.login(login.email, login.password)).status, 200);
    const locations = await nurse.get('/api/ledger/locations');
    assert.equal(locations.status, 200, locations.text);
    const location = (locations.body.locations as { id: string; name: string; deaRegistration: string | null }[])[0];
    assert.ok(location);
    assert.equal(location.name, DEMO_LOCATION.name, 'the demo location is listed first');
    assert.equal(location.deaRegistration, 'XX0000000');
    locationId = location.id;
  });
  after(async () => {
    await t.close();
  });

  it('marks the location, its fake DEA number and the settings as demo', async () => {
    assert.match(DEMO_LOCATION.name, /DEMO: fake DEA number, not a registration/);
    const physician = new TestClient(t.url);
    const login = demoLogins().find((l) => l.role === 'physician');
    assert.ok(login);
    await physician.login(login.email, login.password);
    for (const [id, value] of Object.entries(DEMO_LEDGER_SETTINGS)) {
      const history = await physician.get(`/api/settings/clinical/${id}/history`);
      assert.equal(history.body.changes.length, 1, id);
      assert.equal(history.body.changes[0].value, value, id);
      assert.match(history.body.changes[0].reason, /demo/i);
    }
  });

  it('starts with a zero initial inventory, then two lots and one expired vial', async () => {
    const chain = await nurse.get(`/api/ledger/entries?locationId=${locationId}`);
    const entries = chain.body.entries as { seq: number; kind: string; payload: Record<string, unknown> }[];
    assert.equal(entries[0]?.kind, 'inventory');
    assert.equal(entries[0].payload['zero'], true);
    assert.equal(entries[0].payload['type'], 'initial');
    const receipts = entries.filter((e) => e.kind === 'receipt');
    assert.deepEqual(
      receipts.map((r) => [r.payload['lot'], r.payload['containerCount']]),
      [
        ['DEMO-K2511', 1],
        ['DEMO-K2602', 5],
        ['DEMO-K2711', 10],
      ],
    );
    const stock = await nurse.get(`/api/ledger/stock?locationId=${locationId}`);
    assert.equal(stock.status, 200, stock.text);
    const containers = stock.body.containers as Container[];
    assert.deepEqual(
      containers.filter((c) => c.status === 'expired').map((c) => c.lot),
      ['DEMO-K2511'],
    );
  });

  it('draws a bag for every chair that prepared one, and wastes the remainder of each finished infusion', async () => {
    assert.ok(first.ledger);
    // Chairs with a programmed pump: 11 running, 1 paused, 2 in observation, 1 signed, 1 ready.
    assert.equal(first.ledger.draws, 16);
    assert.equal(first.ledger.wastes, 3);
    const floor = await nurse.get('/api/floor');
    const finished = (floor.body.chairs as { sessionId: string; state: string }[]).filter((c) =>
      ['stopped', 'locked'].includes(c.state),
    );
    assert.equal(finished.length, 3);
    for (const chair of finished) {
      const ledger = await nurse.get(`/api/sessions/${chair.sessionId}/ledger`);
      const b = ledger.body.balance as { drawnUg: number; administeredUg: number; wastedUg: number; balanced: boolean; closed: boolean };
      assert.equal(b.drawnUg, 200_000);
      assert.equal(b.drawnUg, b.administeredUg + b.wastedUg, `${chair.state}: drawn = administered + wasted`);
      assert.equal(b.closed, true);
      const waste = (ledger.body.entries as { kind: string; witnessIds: string[] }[]).find((e) => e.kind === 'waste');
      assert.equal(waste?.witnessIds.length, 1, 'witnessed');
    }
  });

  it('counts at the end of the day and finds one opened vial 20 mg short, under investigation', async () => {
    assert.equal(first.ledger?.countDiscrepancyMg, -20);
    const open = await nurse.get(`/api/ledger/discrepancies?status=open&locationId=${locationId}`);
    assert.equal(open.status, 200, open.text);
    const [d, ...rest] = open.body.discrepancies as { differenceUg: number; notes: { text: string }[] }[];
    assert.equal(rest.length, 0);
    assert.ok(d);
    assert.equal(d.differenceUg, -20_000);
    assert.match(d.notes[0]?.text ?? '', /^Under investigation \(demo\)/);
  });

  it('verifies, and every report renders with the demo marking', async () => {
    const verify = await nurse.get(`/api/ledger/verify?locationId=${locationId}`);
    assert.equal(verify.body.ok, true, verify.text);
    for (const report of ['receipts', 'administrations', 'waste-destruction', 'discrepancies', 'inventory']) {
      const csv = await nurse.get(`/api/ledger/reports/${report}.csv?locationId=${locationId}`);
      assert.equal(csv.status, 200, `${report}: ${csv.text}`);
      assert.match(csv.text, /^DEMO DATA,"synthetic demonstration records, not a real registrant"/m, report);
      assert.match(csv.text, /^DEA registration,XX0000000/m);
    }
  });

  it('a second run adds nothing to the ledger', async () => {
    const before = (await nurse.get(`/api/ledger/entries?locationId=${locationId}`)).body.entries.length as number;
    const ctx = { config: t.config, database: t.database, clock: t.clock };
    const again = await seedDemoJourney(ctx, (await seedDemo(ctx)).clinic, emails);
    assert.deepEqual(again.ledger, { ...again.ledger, receipts: 0, draws: 0, wastes: 0, countDiscrepancyMg: null });
    const after = (await nurse.get(`/api/ledger/entries?locationId=${locationId}`)).body.entries.length as number;
    assert.equal(after, before);
  });
});
