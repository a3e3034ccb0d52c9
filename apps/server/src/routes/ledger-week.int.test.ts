import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getProtocol } from '@ketapath/clinical-rules';
import {
  chartInfusion,
  mainLocationId,
  nurseSign,
  receiveStock,
  requireWasteWitness,
  seedSignedPlan,
  sessionBalance,
  startTestApp,
  TEST_DB_KIND,
  TEST_NOW,
  TEST_PASSWORD,
  TestClient,
  type ReceivedContainer,
  type SeededPlan,
  type TestApp,
} from '@ketapath/test-support';

/**
 * A week of a simulated clinic through the HTTP API (issue 6): two lots received on Monday (one expiring on
 * Tuesday), 10 patients × 5 daily sessions = 50 sessions, each drawing 100 mg for its bag, given from a real
 * rate history (pump programming double-checked, start, some rate changes, stop), the remainder wasted with a
 * witness and the chart signed; a count on Wednesday with one planted discrepancy, caught at once with its
 * size and resolved; the expired lot refused at the draw with its finding; the expired vials destroyed on
 * site with two witnesses on Friday. Then the books: per session drawn = administered + wasted to the µg
 * (administered = the chart's exact dose rounded half up), per lot on-hand = received − drawn − destroyed
 * ± corrections from the test's own tally, and the chain verifies.
 */

const MIN_MS = 60_000;
const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'] as const;
const PATIENTS = 10;
/** Sessions of a day start every 50 minutes from 08:00 (UTC, the test clinic's zone). */
const startOf = (day: number, patient: number) =>
  new Date(Date.parse(`${DAYS[day]}T08:00:00.000Z`) + patient * 50 * MIN_MS);

interface LotTally {
  receivedUg: number;
  drawnUg: number;
  destroyedUg: number;
  correctionsUg: number;
}

describe(`a week of a simulated clinic balances to the microgram (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let nurse: TestClient;
  let nurse2: TestClient;
  let physician: TestClient;
  let locationId: string;
  const nurse2Email = 'week.nurse@a.test';
  const plans: SeededPlan[] = [];
  const tally = new Map<string, LotTally>();
  const vialsLeft = new Map<string, { container: ReceivedContainer; remainingUg: number; lot: string }>();

  /** The fixed test clock moved forward to `at` (never back). */
  const clockTo = (at: Date) => {
    const ahead = at.getTime() - t.clock.now().getTime();
    if (ahead > 0) t.clock.advanceMs(ahead);
  };
  const lotOf = (lot: string) => {
    const entry = tally.get(lot);
    assert.ok(entry, lot);
    return entry;
  };
  const receive = async (lot: string, count: number, expiresOn: string) => {
    const containers = await receiveStock(nurse, {
      lot,
      containerCount: count,
      expiresOn,
      receivedOn: DAYS[0],
    });
    tally.set(lot, { receivedUg: count * 500_000, drawnUg: 0, destroyedUg: 0, correctionsUg: 0 });
    for (const c of containers)
      vialsLeft.set(c.containerId, { container: c, remainingUg: c.remainingUg, lot });
    return containers;
  };
  const draw = (sessionId: string, containerId: string) =>
    nurse.post(`/api/sessions/${sessionId}/draws`, {
      clientEntryId: randomUUID(),
      containerId,
      drawnMg: 100,
      drawnMl: 2,
    });

  before(async () => {
    // Staff stay signed in through the simulated week (the clock moves forward by days).
    t = await startTestApp({ sessionIdleMinutes: 14 * 24 * 60, sessionAbsoluteHours: 14 * 24 });
    const protocol = getProtocol('crps-4h-daily-10-days');
    assert.ok(protocol);
    nurse = await t.as('nurse');
    physician = await t.as('physician');
    const admin = await t.as('admin');
    const created = await admin.post('/api/users', {
      email: nurse2Email,
      displayName: 'Week Nurse',
      role: 'nurse',
      password: TEST_PASSWORD,
    });
    assert.equal(created.status, 201, created.text);
    nurse2 = new TestClient(t.url);
    assert.equal((await nurse2.login(nurse2Email)).status, 200);
    await requireWasteWitness(t);
    locationId = await mainLocationId(nurse);
    for (let p = 0; p < PATIENTS; p += 1)
      plans.push(await seedSignedPlan(t, { protocol, sessionStarts: DAYS.map((_, d) => startOf(d, p)) }));
    assert.ok(TEST_NOW < startOf(0, 0));
  });
  after(async () => {
    await t.close();
  });

  it('runs the week and balances every session, every lot and the chain', async () => {
    clockTo(new Date(`${DAYS[0]}T07:00:00.000Z`));
    await receive('WK-A-2027', 20, '2027-06-30');
    const expiring = await receive('WK-B-EXP', 3, '2026-11-24');
    let plantedDiscrepancy: { containerId: string; differenceUg: number } | null = null;
    let expiredRefusal: { field: string; detail: string } | null = null;

    for (let d = 0; d < DAYS.length; d += 1) {
      for (let p = 0; p < PATIENTS; p += 1) {
        const plan = plans[p]!;
        const sessionId = plan.sessionIds[d]!;
        const base = startOf(d, p);
        // The bag is prepared at minute 15: Monday and Tuesday's first session draw from the lot expiring
        // Tuesday; from Wednesday that lot is refused and the other is used.
        clockTo(new Date(base.getTime() + 15 * MIN_MS));
        if (p === 0 && d === 2) {
          const refused = await draw(sessionId, expiring[0]!.containerId);
          assert.equal(refused.status, 409, refused.text);
          expiredRefusal = { field: refused.body.field, detail: refused.body.detail };
        }
        const fromExpiring = p === 0 && d < 2;
        const vial = [...vialsLeft.values()].find(
          (v) => v.remainingUg >= 100_000 && (fromExpiring ? v.lot === 'WK-B-EXP' : v.lot === 'WK-A-2027'),
        );
        assert.ok(vial, `a vial for day ${d} patient ${p}`);
        const drawn = await draw(sessionId, vial.container.containerId);
        assert.equal(drawn.status, 201, drawn.text);
        vial.remainingUg -= 100_000;
        lotOf(vial.lot).drawnUg += 100_000;

        // A real rate history: 0.35 mg/kg/h from minute 30, a third of the sessions titrated to 0.5 mg/kg/h
        // at minute 40, stopped between minutes 45 and 59.
        const stopMin = 45 + ((p * 7 + d * 3) % 15);
        clockTo(new Date(base.getTime() + (stopMin + 2) * MIN_MS));
        const version = await chartInfusion(nurse, nurse2, sessionId, plan, {
          base,
          stopMin,
          ...((p + d) % 3 === 0 ? { rateChange: { atMin: 40, rateMgPerKgPerH: 0.5 } } : {}),
        });
        const open = await sessionBalance(nurse, sessionId);
        const wastedMg = open.openUg / 1000;
        const waste = await nurse.post(`/api/sessions/${sessionId}/waste`, {
          clientEntryId: randomUUID(),
          wastedMg,
          wastedMl: wastedMg, // the bag is 100 mg in 100 mL
          method: 'drug-disposal-container',
          witness: { email: nurse2Email, password: TEST_PASSWORD },
        });
        assert.equal(waste.status, 201, waste.text);
        const signed = await nurseSign(
          nurse,
          sessionId,
          version,
          new Date(base.getTime() + (stopMin + 2) * MIN_MS),
        );
        assert.equal(signed.status, 201, signed.text);
      }

      if (d === 2) {
        // Wednesday's close: every container counted; one opened vial is 0.5 mL (25 mg) short — planted.
        clockTo(new Date(`${DAYS[d]}T17:30:00.000Z`));
        const stock = await nurse.get(`/api/ledger/stock?locationId=${locationId}`);
        assert.ok(
          stock.body.findings.some((f: { ruleId: string }) => f.ruleId === 'ledger/expired-in-stock'),
        );
        const onShelf = (
          stock.body.containers as {
            containerId: string;
            remainingUl: number;
            volumeUl: number;
            remainingUg: number;
            status: string;
          }[]
        ).filter((c) => c.status !== 'destroyed' && c.remainingUg > 0);
        const short = onShelf.find(
          (c) => c.remainingUl < c.volumeUl && vialsLeft.get(c.containerId)?.lot === 'WK-A-2027',
        );
        assert.ok(short);
        const lines = onShelf.map((c) =>
          c.remainingUl < c.volumeUl
            ? {
                containerId: c.containerId,
                countedMl: (c.remainingUl - (c === short ? 500 : 0)) / 1000,
                estimated: true,
              }
            : { containerId: c.containerId, countedContainers: 1, estimated: false },
        );
        const count = await nurse.post('/api/ledger/counts', {
          locationId,
          clientEntryId: randomUUID(),
          lines,
        });
        assert.equal(count.status, 201, count.text);
        assert.equal(count.body.discrepancies.length, 1, 'caught at once');
        plantedDiscrepancy = count.body.discrepancies[0];
        assert.deepEqual(
          plantedDiscrepancy && [plantedDiscrepancy.containerId, plantedDiscrepancy.differenceUg],
          [short.containerId, -25_000],
        );
        const resolved = await physician.post(
          `/api/ledger/discrepancies/${count.body.discrepancies[0].discrepancyId}/resolve`,
          {
            clientEntryId: randomUUID(),
            classification: 'loss-not-significant',
            explanation: 'Residue in the hub of the syringes used for the day; staff reminded to flush',
          },
        );
        assert.equal(resolved.status, 201, resolved.text);
        lotOf('WK-A-2027').correctionsUg -= 25_000;
        const vial = vialsLeft.get(short.containerId);
        assert.ok(vial);
        vial.remainingUg -= 25_000;
      }
    }

    // Friday's close: the expired vials destroyed on site, with two witnesses each signing in.
    clockTo(new Date(`${DAYS[4]}T17:30:00.000Z`));
    const expired = [...vialsLeft.values()].filter((v) => v.lot === 'WK-B-EXP' && v.remainingUg > 0);
    const destroyed = await physician.post('/api/ledger/destructions', {
      locationId,
      clientEntryId: randomUUID(),
      mode: 'on-site',
      containerIds: expired.map((v) => v.container.containerId),
      method: 'Chemical digestion to a non-retrievable state',
      place: 'Medication room',
      destroyedOn: DAYS[4],
      witnesses: [
        { email: nurse2Email, password: TEST_PASSWORD },
        { email: t.clinics.a.users.nurse.email, password: TEST_PASSWORD },
      ],
    });
    assert.equal(destroyed.status, 201, destroyed.text);
    for (const v of expired) {
      lotOf('WK-B-EXP').destroyedUg += v.remainingUg;
      v.remainingUg = 0;
    }

    // The expiry was caught at the draw, with its finding.
    const refusal = expiredRefusal;
    assert.ok(refusal);
    assert.equal(refusal.field, 'ledger/container-not-expired');
    assert.match(refusal.detail, /2026-11-24/);

    // Every session: drawn = administered + wasted, to the µg; administered = the chart's exact dose, half up.
    let sessions = 0;
    for (const plan of plans) {
      for (const sessionId of plan.sessionIds) {
        const ledger = await nurse.get(`/api/sessions/${sessionId}/ledger`);
        const b = ledger.body.balance as {
          drawnUg: number;
          administeredUg: number;
          wastedUg: number;
          openUg: number;
          balanced: boolean;
          closed: boolean;
        };
        assert.equal(b.drawnUg, 100_000);
        assert.equal(b.drawnUg, b.administeredUg + b.wastedUg, `session ${sessionId}`);
        assert.deepEqual([b.openUg, b.balanced, b.closed], [0, true, true]);
        const chart = await nurse.get(`/api/sessions/${sessionId}/chart`);
        const exact = chart.body.chart.administered;
        const num = BigInt(exact.exactMicrogramsNumerator);
        const den = BigInt(exact.exactMicrogramsDenominator);
        assert.equal(b.administeredUg, Number((2n * num + den) / (2n * den)), 'rounded half up');
        const administration = ledger.body.entries.find((e: { kind: string }) => e.kind === 'administration');
        assert.equal(
          administration.payload.administeredExact,
          `${num / gcd(num, den)}/${den / gcd(num, den)} µg`,
        );
        assert.equal(chart.body.session.state, 'nurse-signed');
        sessions += 1;
      }
    }
    assert.equal(sessions, 50);

    // Every lot: on-hand = received − drawn − destroyed ± corrections, as the test counted it, and the sum of
    // its containers.
    const stock = await nurse.get(`/api/ledger/stock?locationId=${locationId}`);
    for (const [lot, expected] of tally) {
      const row = stock.body.lots.find((l: { lot: string }) => l.lot === lot);
      assert.ok(row, lot);
      const onHandUg = expected.receivedUg - expected.drawnUg - expected.destroyedUg + expected.correctionsUg;
      assert.deepEqual(
        [row.receivedUg, row.drawnUg, row.destroyedUg, row.correctionsUg, row.onHandUg],
        [expected.receivedUg, expected.drawnUg, expected.destroyedUg, expected.correctionsUg, onHandUg],
        lot,
      );
      const inContainers = (stock.body.containers as { lot: string; remainingUg: number }[])
        .filter((c) => c.lot === lot)
        .reduce((sum, c) => sum + c.remainingUg, 0);
      assert.equal(inContainers, onHandUg, `${lot}: containers`);
    }
    assert.deepEqual(
      [
        lotOf('WK-A-2027').drawnUg + lotOf('WK-B-EXP').drawnUg,
        lotOf('WK-B-EXP').destroyedUg,
        lotOf('WK-A-2027').correctionsUg,
      ],
      [50 * 100_000, 3 * 500_000 - 2 * 100_000, -25_000],
    );
    for (const c of stock.body.containers as { containerId: string; remainingUg: number }[])
      assert.equal(c.remainingUg, vialsLeft.get(c.containerId)?.remainingUg, c.containerId);

    // The raw chain: its deltas sum to the on-hand, it has one administration per session, and it verifies.
    const entries = (await nurse.get(`/api/ledger/entries?locationId=${locationId}`)).body.entries as {
      kind: string;
      deltaUg: number;
    }[];
    const kinds = (kind: string) => entries.filter((e) => e.kind === kind).length;
    assert.deepEqual(
      [
        kinds('receipt'),
        kinds('draw'),
        kinds('waste'),
        kinds('administration'),
        kinds('count'),
        kinds('destruction'),
      ],
      [2, 50, 50, 50, 1, 1],
    );
    assert.equal(
      entries.reduce((sum, e) => sum + e.deltaUg, 0),
      (stock.body.lots as { onHandUg: number }[]).reduce((sum, l) => sum + l.onHandUg, 0),
    );
    const verified = await physician.get(`/api/ledger/verify?locationId=${locationId}`);
    assert.equal(verified.status, 200, verified.text);
    assert.equal(verified.body.ok, true, verified.text);
  });
});

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
