import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  makePatientBody,
  runCli,
  scratchCliEnv,
  startServerProcess,
  TEST_DB_KIND,
  TestClient,
} from '@ketapath/test-support';

const PASSWORD = 'crash-test-password-1';
const ROUNDS = TEST_DB_KIND === 'embedded' ? 4 : 3;

/** A deterministic pseudo-random kill time per round (0.3–1.8 s into the stream). */
const killAfterMs = (round: number) => 300 + ((round * 7919) % 1500);

describe(`a server killed with SIGKILL loses no acknowledged patient (${TEST_DB_KIND})`, () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ env, cleanup } = await scratchCliEnv('crash'));
    assert.equal(
      (await runCli(['clinic', 'create', '--slug', 'crash', '--name', 'Crash test'], env)).code,
      0,
    );
    const created = await runCli(
      [
        'user',
        'create',
        '--clinic',
        'crash',
        '--email',
        'nurse@crash.test',
        '--name',
        'Nurse',
        '--role',
        'nurse',
        '--password-stdin',
      ],
      env,
      PASSWORD,
    );
    assert.equal(created.code, 0, created.stderr);
  });
  after(async () => {
    await cleanup();
  });

  it(`keeps every acknowledged creation across ${ROUNDS} kills`, async (t) => {
    const acknowledged: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const server = await startServerProcess(env);
      const client = new TestClient(server.url);
      assert.equal((await client.login('nurse@crash.test', PASSWORD)).status, 200);
      let stop = false;
      const writers = Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          try {
            const response = await client.post(
              '/api/patients',
              makePatientBody({ familyName: `Crash${round}w${w}n${i}` }),
            );
            if (response.status === 201) acknowledged.push(response.body.id);
            else assert.fail(`unexpected ${response.status}: ${response.text}`);
          } catch {
            return; // the connection died with the server: this request was never acknowledged
          }
        }
      });
      await new Promise((r) => setTimeout(r, killAfterMs(round)));
      await server.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      assert.ok(acknowledged.length > 0, 'the stream made progress before the kill');
    }

    const server = await startServerProcess(env);
    try {
      const client = new TestClient(server.url);
      assert.equal((await client.login('nurse@crash.test', PASSWORD)).status, 200);
      const total: number = (await client.get('/api/patients?limit=1')).body.total;
      const missing: string[] = [];
      for (const id of acknowledged) {
        if ((await client.get(`/api/patients/${id}`)).status !== 200) missing.push(id);
      }
      assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged patients lost`);
      t.diagnostic(
        `${acknowledged.length} acknowledged creations over ${ROUNDS} kills, all present; ${total} stored`,
      );
      assert.ok(total >= acknowledged.length, `total ${total} ≥ acknowledged ${acknowledged.length}`);
      const mrns = new Set<string>();
      for (let offset = 0; offset < total; offset += 200) {
        for (const p of (await client.get(`/api/patients?limit=200&offset=${offset}`)).body.items)
          mrns.add(p.mrn);
      }
      assert.equal(mrns.size, total, 'MRNs stay unique across crashes');
    } finally {
      await server.kill();
    }
  });
});
