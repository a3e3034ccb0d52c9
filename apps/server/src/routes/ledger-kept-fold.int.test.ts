/**
 * Each server process keeps every location's ledger chain with its fold, so a write or a stock read costs
 * the entries since the last one rather than the location's years of history. These tests prove the kept
 * fold exact, on both databases: a second server process on the same database writing between this one's
 * requests is in this one's very next answer (stock, refusals, the chain it appends to), and a refused
 * write leaves nothing of itself in the stock either process serves.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { buildApp } from '@ketapath/server';
import {
  mainLocationId,
  receiveStock,
  startTestApp,
  TEST_DB_KIND,
  TestClient,
  type ReceivedContainer,
  type TestApp,
} from '@ketapath/test-support';

interface StockBody {
  containers: { containerId: string; status: string; remainingUg: number; lot: string }[];
  lots: { lot: string; onHandUg: number }[];
}

describe(`the kept ledger fold stays exact (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let other: Awaited<ReturnType<typeof buildApp>>['app'];
  /** The same nurse and physician, signed in on each of the two server processes. */
  const on: Record<'one' | 'two', { nurse: TestClient; physician: TestClient }> = {} as never;
  let locationId: string;
  let vials: ReceivedContainer[];

  const stock = async (client: TestClient): Promise<StockBody> => {
    const response = await client.get<StockBody>(`/api/ledger/stock?locationId=${locationId}`);
    assert.equal(response.status, 200, response.text);
    return response.body;
  };
  const statusOf = (s: StockBody, containerId: string) =>
    s.containers.find((c) => c.containerId === containerId)?.status;
  const quarantine = (
    client: TestClient,
    containerId: string,
    kind: 'quarantine' | 'release' = 'quarantine',
  ) =>
    client.post(`/api/ledger/containers/${containerId}/${kind}`, {
      clientEntryId: randomUUID(),
      reason: 'Cap seal checked',
    });

  before(async () => {
    t = await startTestApp();
    // A second server process: its own application context (and so its own kept chains), the same database.
    ({ app: other } = await buildApp({ config: t.config, database: t.database, clock: t.clock }));
    await other.listen({ port: 0, host: '127.0.0.1' });
    const address = other.server.address();
    const secondUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const signIn = async (url: string, role: 'nurse' | 'physician') => {
      const client = new TestClient(url);
      const result = await client.login(t.clinics.a.users[role].email);
      assert.equal(result.status, 200, result.text);
      return client;
    };
    on.one = { nurse: await signIn(t.url, 'nurse'), physician: await signIn(t.url, 'physician') };
    on.two = { nurse: await signIn(secondUrl, 'nurse'), physician: await signIn(secondUrl, 'physician') };
    locationId = await mainLocationId(on.one.nurse);
    vials = await receiveStock(on.one.nurse, { locationId, lot: 'KEPT-1', containerCount: 2 });
  });
  after(async () => {
    await other.close();
    await t.close();
  });

  it('answers with what the other process wrote since, and appends after it', async () => {
    const [v1, v2] = vials;
    assert.ok(v1 && v2);
    // Both processes have read (and kept) the chain: two sealed vials.
    for (const side of ['one', 'two'] as const)
      assert.deepEqual(
        (await stock(on[side].nurse)).containers.map((c) => c.status),
        ['sealed', 'sealed'],
        side,
      );

    // The second process quarantines v1: the first one's next read shows it.
    assert.equal((await quarantine(on.two.nurse, v1.containerId)).status, 201);
    assert.equal(statusOf(await stock(on.one.nurse), v1.containerId), 'quarantined');

    // The second process receives a lot; the first one appends after it (no chain-head mismatch) and its
    // stock has the new lot beside its own write.
    const more = await receiveStock(on.two.nurse, { locationId, lot: 'KEPT-2', containerCount: 1 });
    const q2 = await quarantine(on.one.nurse, v2.containerId);
    assert.equal(q2.status, 201, q2.text);
    const seen = await stock(on.one.nurse);
    assert.deepEqual(
      seen.lots.map((l) => [l.lot, l.onHandUg]),
      [
        ['KEPT-1', 1_000_000],
        ['KEPT-2', 500_000],
      ],
    );
    assert.equal(statusOf(seen, more[0]?.containerId ?? ''), 'sealed');
    assert.equal(statusOf(await stock(on.two.nurse), v2.containerId), 'quarantined');

    // The first process releases v1 (quarantined by the other): the fold it releases from knows v1 is held.
    assert.equal((await quarantine(on.one.nurse, v1.containerId, 'release')).status, 201);
    assert.equal(statusOf(await stock(on.two.nurse), v1.containerId), 'sealed');

    // Five entries, written by turns from two processes: the chain verifies and names all of them.
    const verified = await on.one.physician.get(`/api/ledger/verify?locationId=${locationId}`);
    assert.equal(verified.status, 200, verified.text);
    assert.equal(verified.body.ok, true, verified.text);
    const entries = await on.two.physician.get(`/api/ledger/entries?locationId=${locationId}`);
    assert.equal(entries.status, 200, entries.text);
    const list = (Array.isArray(entries.body) ? entries.body : entries.body.entries) as {
      seq: number;
      kind: string;
    }[];
    assert.deepEqual(
      list.map((e) => [e.seq, e.kind]),
      [
        [1, 'receipt'],
        [2, 'quarantine'],
        [3, 'receipt'],
        [4, 'quarantine'],
        [5, 'release'],
      ],
    );
  });

  it('keeps nothing of a refused write: the stock both processes serve is unchanged, the next write fits', async () => {
    const v2 = vials[1];
    assert.ok(v2);
    // Entry 4 quarantined v2 (500 mg): a correction of it may move v2's stock, never below zero.
    const correct = (client: TestClient, deltaUg: number) =>
      client.post('/api/ledger/corrections', {
        locationId,
        clientEntryId: randomUUID(),
        correctsSeq: 4,
        reason: 'Vial found short when quarantined',
        deltaUg,
        field: 'quantity',
        from: '500 mg',
        to: 'less',
      });
    const remaining = async (side: 'one' | 'two') => {
      const s = await stock(on[side].nurse);
      return [
        s.containers.find((c) => c.containerId === v2.containerId)?.remainingUg,
        s.lots.find((l) => l.lot === 'KEPT-1')?.onHandUg,
      ];
    };
    const refused = await correct(on.one.physician, -500_001);
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.body.code, 'LEDGER_BLOCKED');
    assert.match(refused.text, /below 0/);
    for (const side of ['one', 'two'] as const)
      assert.deepEqual(await remaining(side), [500_000, 1_000_000], side);

    const accepted = await correct(on.two.physician, -1000);
    assert.equal(accepted.status, 201, accepted.text);
    for (const side of ['one', 'two'] as const)
      assert.deepEqual(await remaining(side), [499_000, 999_000], side);

    // The first process refuses against the stock the second one corrected, then takes exactly what is left.
    const again = await correct(on.one.physician, -499_001);
    assert.equal(again.status, 409, again.text);
    const exact = await correct(on.one.physician, -499_000);
    assert.equal(exact.status, 201, exact.text);
    for (const side of ['one', 'two'] as const) assert.deepEqual(await remaining(side), [0, 500_000], side);
  });
});
