import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '@ketapath/db';
import { runCli, scratchCliEnv, startServerProcess, TEST_DB_KIND, TestClient } from '@ketapath/test-support';

/**
 * `ketapath ledger verify` on a database changed behind Ketapath's back (issue 6: "detects a tampered, deleted
 * or reordered row and names it"): entries written by a real server, the server stopped, then rows edited,
 * deleted and swapped directly as the table owner with the append-only triggers off. The command prints the
 * seq, entry id and kind of each break and exits 1; with the rows put back it prints OK and exits 0; bad
 * arguments exit 2.
 */

const PASSWORD = 'ledger-verify-password-1';
const EMAIL = { admin: 'admin@ledger-verify.test', nurse: 'nurse@ledger-verify.test' };

describe(`ketapath ledger verify (${TEST_DB_KIND})`, () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  let locationId: string;
  /** seq → entry id */
  const ids = new Map<number, string>();
  let lastSeq = 0;

  /** The database the server used, opened by the test while no server runs (the embedded one allows one process). */
  const withDb = async <T>(fn: (db: Database) => Promise<T>): Promise<T> => {
    const database = await openDatabase(
      env.DATABASE_URL ? { kind: 'postgresql', url: env.DATABASE_URL } : { kind: 'embedded', dataDir: env.DATA_DIR ?? '' },
    );
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  };
  /** Runs `change` with the append-only triggers off; returns the rows it names as stored before, to put back. */
  const tamper = (seqs: number[], change: (db: Database) => Promise<unknown>) =>
    withDb(async (db) => {
      const rows = await db.sql.query<{ json: string }>(
        'SELECT row_to_json(e)::text AS json FROM ledger_entry e WHERE location_id = $1 AND seq = ANY($2::int[]) ORDER BY seq',
        [locationId, seqs],
      );
      await db.sql.exec('ALTER TABLE ledger_entry DISABLE TRIGGER USER');
      try {
        await change(db);
      } finally {
        await db.sql.exec('ALTER TABLE ledger_entry ENABLE TRIGGER USER');
      }
      return rows.map((r) => r.json);
    });
  const putBack = (seqs: number[], rows: string[]) =>
    tamper(seqs, async (db) => {
      await db.sql.query('DELETE FROM ledger_entry WHERE location_id = $1 AND seq = ANY($2::int[])', [locationId, seqs]);
      for (const json of rows)
        await db.sql.query('INSERT INTO ledger_entry SELECT * FROM json_populate_record(NULL::ledger_entry, $1::json)', [json]);
    });
  const verify = (args: string[] = []) => runCli(['ledger', 'verify', ...args], env);

  before(async () => {
    ({ env, cleanup } = await scratchCliEnv('ledger-verify'));
    assert.equal((await runCli(['clinic', 'create', '--slug', 'lverify', '--name', 'Verify clinic'], env)).code, 0);
    for (const [key, role] of [
      ['admin', 'admin'],
      ['nurse', 'nurse'],
    ] as const) {
      const created = await runCli(
        ['user', 'create', '--clinic', 'lverify', '--email', EMAIL[key], '--name', key, '--role', role, '--password-stdin'],
        env,
        PASSWORD,
      );
      assert.equal(created.code, 0, created.stderr);
    }
    const server = await startServerProcess(env);
    try {
      const nurse = new TestClient(server.url);
      assert.equal((await nurse.login(EMAIL.nurse, PASSWORD)).status, 200);
      locationId = (await nurse.get('/api/ledger/locations')).body.locations[0].id;
      let containerId = '';
      for (const lot of ['LOT-V1', 'LOT-V2']) {
        const receipt = await nurse.post('/api/ledger/receipts', {
          locationId,
          clientEntryId: randomUUID(),
          ndc: '0409-2051-05',
          drugName: 'Ketamine hydrochloride injection',
          form: 'injectable solution (vial)',
          concentrationMgPerMl: 50,
          volumeMlPerContainer: 10,
          containerCount: 2,
          lot,
          expiresOn: '2030-12-31',
          supplier: { name: 'Verify Supply', address: '1 Dock Road, Springfield', deaNumber: 'AB1234563' },
          invoiceRef: `INV-${lot}`,
          receivedOn: '2026-11-20',
        });
        assert.equal(receipt.status, 201, receipt.text);
        containerId = receipt.body.containers[0].containerId;
      }
      for (const kind of ['quarantine', 'release', 'quarantine']) {
        const response = await nurse.post(`/api/ledger/containers/${containerId}/${kind}`, {
          clientEntryId: randomUUID(),
          reason: 'Cap cracked: set aside for the pharmacist',
        });
        assert.equal(response.status, 201, response.text);
      }
    } finally {
      await server.kill();
    }
    await withDb(async (db) => {
      const rows = await db.sql.query<{ seq: number; id: string }>(
        'SELECT seq, id::text AS id FROM ledger_entry WHERE location_id = $1 ORDER BY seq',
        [locationId],
      );
      for (const r of rows) ids.set(r.seq, r.id);
      lastSeq = rows.length;
    });
  });
  after(async () => {
    await cleanup();
  });

  it('prints OK with the counts and exits 0 on an untouched ledger', async () => {
    const result = await verify();
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`^OK {6}Main — clinic Verify clinic \\(lverify\\) \\(location ${locationId}\\): ${lastSeq} entries \\(seq 1–${lastSeq}\\), head [0-9a-f]{16}…, 4 containers match the ledger$`, 'm'));
    assert.match(result.stdout, /^All ledgers verify\.$/m);
    const json = await verify(['--location', locationId, '--json']);
    assert.equal(json.code, 0);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; locations: { locationId: string; entries: number }[] };
    assert.equal(parsed.ok, true);
    assert.deepEqual(
      parsed.locations.map((l) => [l.locationId, l.entries]),
      [[locationId, lastSeq]],
    );
  });

  it('names an edited row by seq, entry id and kind, and exits 1', async () => {
    const original = await tamper([2], (db) =>
      db.sql.query(`UPDATE ledger_entry SET payload = jsonb_set(payload, '{containerCount}', '3') WHERE location_id = $1 AND seq = 2`, [locationId]),
    );
    const result = await verify();
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^BROKEN {2}Main — clinic Verify clinic/m);
    assert.match(result.stdout, new RegExp(`^ +seq 2  entry ${ids.get(2)}  receipt  hash-mismatch: the entry’s content does not match its hash`, 'm'));
    const json = JSON.parse((await verify(['--json'])).stdout) as { ok: boolean; locations: { breaks: { seq: number; problem: string; kind: string }[] }[] };
    assert.equal(json.ok, false);
    assert.deepEqual(json.locations[0]?.breaks.map((b) => [b.seq, b.problem, b.kind]), [[2, 'hash-mismatch', 'receipt']]);
    await putBack([2], original);
    assert.equal((await verify()).code, 0);
  });

  it('names a deleted row (the gap it leaves)', async () => {
    const original = await tamper([3], (db) => db.sql.query('DELETE FROM ledger_entry WHERE location_id = $1 AND seq = 3', [locationId]));
    const result = await verify();
    assert.equal(result.code, 1);
    assert.match(result.stdout, new RegExp(`seq 4  entry ${ids.get(4)}  release  seq-gap: a sequence number is missing \\(an entry was removed\\) \\(expected 3, found 4\\)`));
    await putBack([3], original);
    assert.equal((await verify()).code, 0);
  });

  it('names reordered rows', async () => {
    const swap = (db: Database) =>
      db.sql.exec(
        `UPDATE ledger_entry SET seq = 1000000 WHERE location_id = '${locationId}' AND seq = 3;
         UPDATE ledger_entry SET seq = 3 WHERE location_id = '${locationId}' AND seq = 4;
         UPDATE ledger_entry SET seq = 4 WHERE location_id = '${locationId}' AND seq = 1000000;`,
      );
    await tamper([], swap);
    const result = await verify();
    assert.equal(result.code, 1);
    assert.match(result.stdout, new RegExp(`seq 3  entry ${ids.get(4)}  release  hash-mismatch`));
    assert.match(result.stdout, new RegExp(`seq 4  entry ${ids.get(3)}  quarantine  hash-mismatch`));
    await tamper([], swap);
    assert.equal((await verify()).code, 0);
  });

  it('names a deleted tail by the chain head', async () => {
    const original = await tamper([lastSeq], (db) =>
      db.sql.query('DELETE FROM ledger_entry WHERE location_id = $1 AND seq = $2', [locationId, lastSeq]),
    );
    const result = await verify();
    assert.equal(result.code, 1);
    assert.match(result.stdout, new RegExp(`seq ${lastSeq}  entry —  —  head-mismatch: the chain head does not match the last entry`));
    await putBack([lastSeq], original);
    assert.equal((await verify()).code, 0);
  });

  it('refuses bad arguments with one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--location', 'main'], /^ketapath: --location: must be a registered location id \(a UUID\)$/m],
      [['--location', randomUUID()], /^ketapath: --location: no registered location /m],
      [['--colour'], /--colour/],
    ];
    for (const [args, message] of cases) {
      const result = await verify(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
    }
  });
});
