import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { auditRows, startTestApp, TEST_DB_KIND, type TestApp, type TestClient } from '@ketapath/test-support';

/**
 * Tamper evidence (issue 6): real entries written through the API, then rows changed directly in the database
 * as its owner with the append-only triggers switched off. GET /api/ledger/verify names the entry where the
 * chain breaks: an edited payload, a deleted middle row, two rows whose numbers were swapped, a deleted tail,
 * and a container row of the projection changed behind the ledger's back. Each change is undone and the
 * ledger verifies again, so the check is exact both ways. With the triggers on, the database itself refuses
 * UPDATE, DELETE and TRUNCATE.
 */

interface Break {
  seq: number;
  entryId: string | null;
  kind: string | null;
  problem: string;
  expected: string;
  found: string;
}

interface Verification {
  ok: boolean;
  entries: number;
  lastSeq: number;
  headHash: string | null;
  breaks: Break[];
  projectionProblems: { containerId: string; problem: string; field: string | null; expected: string; found: string }[];
  anomalies: { seq: number; problem: string }[];
}

function receipt(locationId: string, lot: string, containerCount: number) {
  return {
    locationId,
    clientEntryId: randomUUID(),
    ndc: '0409-2051-05',
    drugName: 'Ketamine hydrochloride',
    form: 'injection, solution',
    concentrationMgPerMl: 50,
    volumeMlPerContainer: 10,
    containerCount,
    lot,
    expiresOn: '2027-06-30',
    supplier: { name: 'Acme Wholesale, Inc.', address: '1 Supply Way, Columbus, OH 43215', deaNumber: 'RA1234563' },
    invoiceRef: `INV-${lot}`,
    receivedOn: '2026-11-20',
  };
}

describe(`the ledger's tamper evidence (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let nurse: TestClient;
  let admin: TestClient;
  let locationId: string;
  /** seq → entry id, as written. */
  const ids = new Map<number, string>();

  const verify = async (): Promise<Verification> => {
    const response = await admin.get(`/api/ledger/verify?locationId=${locationId}`);
    assert.equal(response.status, 200, response.text);
    return response.body as Verification;
  };
  const sql = (text: string, params: unknown[] = []) => t.database.sql.query(text, params);
  /** Runs `change` as the table owner with the append-only triggers off, then switches them back on. */
  const tamper = async (change: () => Promise<unknown>) => {
    await t.database.sql.exec('ALTER TABLE ledger_entry DISABLE TRIGGER USER');
    try {
      await change();
    } finally {
      await t.database.sql.exec('ALTER TABLE ledger_entry ENABLE TRIGGER USER');
    }
  };
  /** A row exactly as stored, to put back later. */
  const rowOf = async (seq: number) => {
    const [row] = await sql(
      'SELECT row_to_json(e)::text AS json FROM ledger_entry e WHERE location_id = $1 AND seq = $2',
      [locationId, seq],
    );
    assert.ok(row, `row ${seq}`);
    return (row as { json: string }).json;
  };
  const putBack = (json: string) =>
    sql('INSERT INTO ledger_entry SELECT * FROM json_populate_record(NULL::ledger_entry, $1::json)', [json]);
  const problems = (v: Verification) => v.breaks.map((b) => `${b.seq} ${b.problem}`);

  before(async () => {
    t = await startTestApp();
    nurse = await t.as('nurse');
    admin = await t.as('admin');
    const locations = await admin.get('/api/ledger/locations');
    assert.equal(locations.status, 200, locations.text);
    locationId = locations.body.locations[0].id;
    // Real entries through the API: two receipts, a quarantine and its release, a count that finds one
    // container missing (the count and its discrepancy).
    const lotA = await nurse.post('/api/ledger/receipts', receipt(locationId, 'LOT-A', 2));
    assert.equal(lotA.status, 201, lotA.text);
    const lotB = await nurse.post('/api/ledger/receipts', receipt(locationId, 'LOT-B', 3));
    assert.equal(lotB.status, 201, lotB.text);
    const b1: string = lotB.body.containers[0].containerId;
    for (const kind of ['quarantine', 'release']) {
      const response = await nurse.post(`/api/ledger/containers/${b1}/${kind}`, {
        clientEntryId: randomUUID(),
        reason: `Label smudged: ${kind} while the pharmacist checks`,
      });
      assert.equal(response.status, 201, response.text);
    }
    const containers = [...lotA.body.containers, ...lotB.body.containers] as { containerId: string }[];
    const count = await nurse.post('/api/ledger/counts', {
      locationId,
      clientEntryId: randomUUID(),
      lines: containers.map((c, i) => ({ containerId: c.containerId, countedContainers: i === 4 ? 0 : 1, estimated: false })),
    });
    assert.equal(count.status, 201, count.text);
    const rows = await sql('SELECT seq, id::text AS id FROM ledger_entry WHERE location_id = $1 ORDER BY seq', [locationId]);
    for (const r of rows as { seq: number; id: string }[]) ids.set(r.seq, r.id);
  });
  after(async () => {
    await t.close();
  });

  it('an untouched ledger verifies: every entry, the head and the container table', async () => {
    const v = await verify();
    assert.equal(v.ok, true, JSON.stringify(v));
    assert.ok(v.entries >= 6, `${v.entries} entries`);
    assert.equal(v.lastSeq, v.entries);
    assert.match(v.headHash ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(v.breaks, []);
    assert.deepEqual(v.projectionProblems, []);
    assert.deepEqual(v.anomalies, []);
    const audit = await auditRows(t.database, "action = 'ledger.verify'");
    assert.equal(audit.at(-1)?.entity_id, locationId);
    assert.equal(audit.at(-1)?.detail['ok'], true);
  });

  it('with the triggers on, the database refuses UPDATE, DELETE and TRUNCATE of entries', async () => {
    await assert.rejects(sql("UPDATE ledger_entry SET reason = 'x' WHERE location_id = $1 AND seq = 1", [locationId]), /append-only \(UPDATE refused\)/);
    await assert.rejects(sql('DELETE FROM ledger_entry WHERE location_id = $1 AND seq = 1', [locationId]), /append-only \(DELETE refused\)/);
    await assert.rejects(t.database.sql.exec('TRUNCATE ledger_entry'), /append-only \(TRUNCATE refused\)/);
    assert.equal((await verify()).ok, true);
  });

  it('an edited payload is named by its seq, entry id and kind (hash-mismatch), and only it', async () => {
    const original = await rowOf(2);
    await tamper(() =>
      sql(`UPDATE ledger_entry SET payload = jsonb_set(payload, '{invoiceRef}', '"INV-FORGED"') WHERE location_id = $1 AND seq = 2`, [locationId]),
    );
    const v = await verify();
    assert.equal(v.ok, false);
    assert.deepEqual(problems(v), ['2 hash-mismatch']);
    assert.equal(v.breaks[0]?.entryId, ids.get(2));
    assert.equal(v.breaks[0]?.kind, 'receipt');
    await tamper(async () => {
      await sql('DELETE FROM ledger_entry WHERE location_id = $1 AND seq = 2', [locationId]);
      await putBack(original);
    });
    assert.equal((await verify()).ok, true, 'the original row verifies again');
  });

  it('an edited quantity is named too (and its arithmetic no longer holds)', async () => {
    const original = await rowOf(1);
    await tamper(() => sql('UPDATE ledger_entry SET delta_ug = delta_ug - 50000 WHERE location_id = $1 AND seq = 1', [locationId]));
    const v = await verify();
    assert.deepEqual(problems(v), ['1 hash-mismatch']);
    assert.ok(v.anomalies.some((a) => a.seq === 1), JSON.stringify(v.anomalies));
    await tamper(async () => {
      await sql('DELETE FROM ledger_entry WHERE location_id = $1 AND seq = 1', [locationId]);
      await putBack(original);
    });
    assert.equal((await verify()).ok, true);
  });

  it('a deleted middle row is named: the gap and the broken link at the next entry', async () => {
    const original = await rowOf(3);
    await tamper(() => sql('DELETE FROM ledger_entry WHERE location_id = $1 AND seq = 3', [locationId]));
    const v = await verify();
    assert.equal(v.ok, false);
    assert.deepEqual(problems(v), ['4 seq-gap', '4 prev-hash-mismatch']);
    assert.equal(v.breaks[0]?.expected, '3', 'the missing number');
    assert.equal(v.breaks[0].entryId, ids.get(4));
    await tamper(() => putBack(original));
    assert.equal((await verify()).ok, true);
  });

  it('two rows whose numbers were swapped are both named', async () => {
    const swap = async () => {
      await sql('UPDATE ledger_entry SET seq = 1000000 WHERE location_id = $1 AND seq = 2', [locationId]);
      await sql('UPDATE ledger_entry SET seq = 2 WHERE location_id = $1 AND seq = 3', [locationId]);
      await sql('UPDATE ledger_entry SET seq = 3 WHERE location_id = $1 AND seq = 1000000', [locationId]);
    };
    await tamper(swap);
    const v = await verify();
    assert.equal(v.ok, false);
    const named = new Set(v.breaks.map((b) => b.seq));
    assert.ok(named.has(2) && named.has(3), problems(v).join(', '));
    assert.ok(v.breaks.some((b) => b.seq === 2 && b.problem === 'hash-mismatch' && b.entryId === ids.get(3)));
    assert.ok(v.breaks.some((b) => b.seq === 3 && b.problem === 'hash-mismatch' && b.entryId === ids.get(2)));
    await tamper(swap);
    assert.equal((await verify()).ok, true);
  });

  it('a deleted tail is named by the chain head (head-mismatch)', async () => {
    const before = await verify();
    const last = before.lastSeq;
    const original = await rowOf(last);
    await tamper(() => sql('DELETE FROM ledger_entry WHERE location_id = $1 AND seq = $2', [locationId, last]));
    const v = await verify();
    assert.equal(v.ok, false);
    assert.deepEqual(problems(v), [`${last} head-mismatch`]);
    assert.equal(v.breaks[0]?.entryId, null);
    assert.match(v.breaks[0].expected, new RegExp(`^seq ${last} `));
    assert.match(v.breaks[0].found, new RegExp(`^seq ${last - 1} `));
    await tamper(() => putBack(original));
    assert.equal((await verify()).ok, true);
  });

  it('a container row changed behind the ledger is named (the projection differs from the fold)', async () => {
    const [row] = (await sql(
      'SELECT id::text AS id, remaining_ug FROM cs_container WHERE location_id = $1 ORDER BY label LIMIT 1',
      [locationId],
    )) as { id: string; remaining_ug: string | number }[];
    assert.ok(row);
    await sql('UPDATE cs_container SET remaining_ug = remaining_ug - 1000 WHERE id = $1', [row.id]);
    const v = await verify();
    assert.equal(v.ok, false);
    assert.deepEqual(v.breaks, [], 'the chain itself is intact');
    assert.deepEqual(
      v.projectionProblems.map((p) => [p.containerId, p.problem, p.field, p.expected, p.found]),
      [[row.id, 'field-mismatch', 'remainingUg', String(Number(row.remaining_ug)), String(Number(row.remaining_ug) - 1000)]],
    );
    await sql('UPDATE cs_container SET remaining_ug = remaining_ug + 1000 WHERE id = $1', [row.id]);
    assert.equal((await verify()).ok, true);
  });

  it('another clinic cannot verify this location, and an unknown one is not found', async () => {
    const other = await t.as('admin', 'b');
    const response = await other.get(`/api/ledger/verify?locationId=${locationId}`);
    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'LEDGER_LOCATION_NOT_FOUND');
    const bad = await admin.get('/api/ledger/verify?locationId=nope');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'locationId');
  });
});
