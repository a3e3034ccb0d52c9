import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  makeIntake,
  makePatientBody,
  runCli,
  scratchCliEnv,
  startServerProcess,
  TEST_DB_KIND,
  TestClient,
  type ServerProcess,
} from '@ketapath/test-support';

/**
 * Controlled-substance writes survive SIGKILL (issue 6: "a crash mid-waste loses nothing acknowledged and
 * leaves no half entry"). Four nurses draw for scheduled sessions and waste the remainder in two witnessed
 * steps (the second closes the session's books: its waste and the administration record are written in one
 * transaction) while the server is killed at different moments and restarted. Posts that got no answer are
 * sent again with the same clientEntryId. Afterwards every acknowledged entry is in the chain exactly once
 * with the number it was answered with, nothing else is, a closing waste always has its administration right
 * after it, every session's balance is what the acknowledged posts say, and `ketapath ledger verify` finds the
 * chain, its head and the container table intact.
 */

const PASSWORD = 'ledger-crash-password-1';
const ROUNDS = TEST_DB_KIND === 'embedded' ? 4 : 3;
const STREAMS = 4;
const PATIENTS = STREAMS;
/** Per session: 10 mg drawn (0.2 mL of a 50 mg/mL vial), then 4 mg and 6 mg wasted. */
const DRAWN_MG = 10;
const WASTES_MG = [4, 6] as const;

/** A deterministic kill time per round (0.6–2.1 s into the stream). */
const killAfterMs = (round: number) => 600 + ((round * 7919) % 1500);

type Role = 'admin' | 'physician' | 'nurse' | 'witness';
const EMAIL: Record<Role, string> = {
  admin: 'admin@ledger-crash.test',
  physician: 'physician@ledger-crash.test',
  nurse: 'nurse@ledger-crash.test',
  witness: 'witness@ledger-crash.test',
};

interface Op {
  kind: 'draw' | 'waste';
  sessionId: string;
  body: Record<string, unknown>;
  /** The waste that leaves nothing open: it also writes the administration entry. */
  closing: boolean;
}

interface StoredEntry {
  id: string;
  seq: number;
  kind: string;
  sessionId: string | null;
  hash: string;
}

async function signIn(server: ServerProcess, role: Role): Promise<TestClient> {
  const client = new TestClient(server.url);
  const result = await client.login(EMAIL[role], PASSWORD);
  assert.equal(result.status, 200, `${role}: ${result.text}`);
  return client;
}

/** POST with a session; null when the connection died (the post was never answered). */
async function post(
  client: TestClient,
  path: string,
  body: unknown,
): Promise<{ status: number; json: { entries?: StoredEntry[]; code?: string; detail?: string } } | null> {
  try {
    const response = await fetch(client.baseUrl + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: client.cookie ?? '',
        'x-csrf-token': client.csrfToken ?? '',
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as { entries?: StoredEntry[] } };
  } catch {
    return null;
  }
}

describe(`controlled-substance writes survive SIGKILL (${TEST_DB_KIND})`, () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ env, cleanup } = await scratchCliEnv('ledger-crash'));
    assert.equal((await runCli(['clinic', 'create', '--slug', 'lcrash', '--name', 'Ledger crash'], env)).code, 0);
    for (const [key, role] of [
      ['admin', 'admin'],
      ['physician', 'physician'],
      ['nurse', 'nurse'],
      ['witness', 'nurse'],
    ] as const) {
      const created = await runCli(
        ['user', 'create', '--clinic', 'lcrash', '--email', EMAIL[key], '--name', key, '--role', role, '--password-stdin'],
        env,
        PASSWORD,
      );
      assert.equal(created.code, 0, created.stderr);
    }
  });
  after(async () => {
    await cleanup();
  });

  it(`keeps every acknowledged draw and waste, and no half entry, across ${ROUNDS} kills`, async (t) => {
    let server = await startServerProcess(env);
    const admin = await signIn(server, 'admin');
    const physician = await signIn(server, 'physician');
    let nurse = await signIn(server, 'nurse');
    for (const [parameterId, value] of [
      ['session.qualification-valid-days', 90],
      ['ledger.waste-witness-required', true],
    ] as const) {
      const setting = await admin.request('PUT', `/api/settings/clinical/${parameterId}`, {
        json: { value, reason: 'Crash test clinic policy', expectedVersion: 0 },
      });
      assert.equal(setting.status, 200, setting.text);
    }
    const locations = await nurse.get('/api/ledger/locations');
    assert.equal(locations.status, 200, locations.text);
    const locationId: string = locations.body.locations[0].id;
    const receipt = await nurse.post('/api/ledger/receipts', {
      locationId,
      clientEntryId: randomUUID(),
      ndc: '0409-2051-05',
      drugName: 'Ketamine hydrochloride injection',
      form: 'injectable solution (vial)',
      concentrationMgPerMl: 50,
      volumeMlPerContainer: 10,
      containerCount: STREAMS,
      lot: 'LOT-CRASH',
      expiresOn: '2030-12-31',
      supplier: { name: 'Crash Test Supply', address: '1 Dock Road, Springfield', deaNumber: 'AB1234563' },
      invoiceRef: 'INV-CRASH',
      receivedOn: new Date().toISOString().slice(0, 10),
    });
    assert.equal(receipt.status, 201, receipt.text);
    const vials = (receipt.body.containers as { containerId: string }[]).map((c) => c.containerId);

    // Sessions: one patient with a signed 10-session plan per stream, through the API.
    const needsReason = (findings: { ruleId: string; severity: string }[]) =>
      [...new Set(findings.filter((f) => f.severity === 'needs-ack').map((f) => f.ruleId))].map((ruleId) => ({
        ruleId,
        reason: 'Reviewed for the crash test',
      }));
    const sessionsOf: string[][] = [];
    for (let p = 0; p < PATIENTS; p++) {
      const patient = await nurse.post('/api/patients', makePatientBody({ familyName: `Crash${p}` }));
      assert.equal(patient.status, 201, patient.text);
      const patientId: string = patient.body.id;
      const intake = await nurse.post(`/api/patients/${patientId}/intakes`, { intake: makeIntake(), expectedVersion: 0 });
      assert.equal(intake.status, 201, intake.text);
      const qualification = await physician.post(`/api/patients/${patientId}/qualifications`, {
        intakeVersion: 1,
        overrides: needsReason(intake.body.eligibility.findings),
      });
      assert.equal(qualification.status, 201, qualification.text);
      const planBody = {
        protocolId: 'crps-4h-daily-10-days',
        protocolVersion: 1,
        firstSessionAt: new Date(Date.now() + 86_400_000).toISOString(),
        bag: { drugMg: 200, volumeMl: 100 },
        overrides: [] as { ruleId: string; reason: string }[],
      };
      const preview = await physician.post(`/api/patients/${patientId}/plans/preview`, planBody);
      assert.equal(preview.status, 200, preview.text);
      planBody.overrides = needsReason(
        preview.body.steps.flatMap((s: { check: { findings: { ruleId: string; severity: string }[] } }) => s.check.findings),
      );
      const plan = await physician.post(`/api/patients/${patientId}/plans`, planBody);
      assert.equal(plan.status, 201, plan.text);
      sessionsOf.push((plan.body.sessions as { sessionId: string }[]).map((s) => s.sessionId));
    }

    // Each stream's posts, in order: for each of its sessions a draw and two witnessed wastes.
    const witness = { email: EMAIL.witness, password: PASSWORD };
    const streams: Op[][] = sessionsOf.map((sessions, s) =>
      sessions.flatMap((sessionId): Op[] => [
        {
          kind: 'draw',
          sessionId,
          closing: false,
          body: { clientEntryId: randomUUID(), containerId: vials[s], drawnMg: DRAWN_MG, drawnMl: DRAWN_MG / 50 },
        },
        ...WASTES_MG.map(
          (wastedMg, i): Op => ({
            kind: 'waste',
            sessionId,
            closing: i === WASTES_MG.length - 1,
            body: { clientEntryId: randomUUID(), wastedMg, wastedMl: wastedMg / 10, method: 'drug-disposal-container', witness },
          }),
        ),
      ]),
    );
    const next = streams.map(() => 0);
    /** clientEntryId → the entries its answer named. */
    const acknowledged = new Map<string, StoredEntry[]>();
    const refusals: string[] = [];
    let unanswered = 0;
    let resentStored = 0;
    const send = async (op: Op): Promise<'done' | 'lost'> => {
      const path = `/api/sessions/${op.sessionId}/${op.kind === 'draw' ? 'draws' : 'waste'}`;
      const answer = await post(nurse, path, op.body);
      if (answer === null) return 'lost';
      if ((answer.status === 201 || answer.status === 200) && answer.json.entries) {
        if (answer.status === 200) resentStored++;
        acknowledged.set(op.body['clientEntryId'] as string, answer.json.entries);
      } else refusals.push(`${answer.status} ${answer.json.code ?? ''} ${answer.json.detail ?? ''}`);
      return 'done';
    };

    for (let round = 1; round <= ROUNDS; round++) {
      let stop = false;
      const running = streams.map(async (ops, s) => {
        while (!stop && (next[s] ?? 0) < ops.length) {
          const op = ops[next[s] ?? 0];
          assert.ok(op);
          if ((await send(op)) === 'lost') {
            unanswered++;
            return; // sent again, with the same clientEntryId, after the restart
          }
          next[s] = (next[s] ?? 0) + 1;
        }
      });
      await new Promise((r) => setTimeout(r, killAfterMs(round)));
      await server.kill('SIGKILL');
      stop = true;
      await Promise.all(running);
      server = await startServerProcess(env);
      nurse = await signIn(server, 'nurse');
    }

    try {
      // What died with the server is sent again: it is stored once, whether or not it was before the kill.
      for (const [s, ops] of streams.entries()) {
        const op = ops[next[s] ?? 0];
        if (op && !acknowledged.has(op.body['clientEntryId'] as string)) {
          assert.equal(await send(op), 'done');
          next[s] = (next[s] ?? 0) + 1;
        }
      }
      assert.deepEqual(refusals, [], 'no post was refused');
      const sent = streams.flatMap((ops, s) => ops.slice(0, next[s]));
      assert.ok(sent.length >= STREAMS * 2, `${sent.length} posts answered`);

      const chain = await nurse.get(`/api/ledger/entries?locationId=${locationId}`);
      assert.equal(chain.status, 200, chain.text);
      const entries = chain.body.entries as StoredEntry[];
      assert.deepEqual(
        entries.map((e) => e.seq),
        Array.from({ length: entries.length }, (_, i) => i + 1),
        'entries numbered 1, 2, 3 … without gaps',
      );
      const byId = new Map(entries.map((e) => [e.id, e]));
      assert.equal(byId.size, entries.length, 'every entry once');
      // Every acknowledged entry is there, once, with the number and hash it was answered with …
      const answered = new Set<string>();
      for (const op of sent) {
        const named = acknowledged.get(op.body['clientEntryId'] as string);
        assert.ok(named, `${op.kind} of ${op.sessionId} was answered`);
        assert.deepEqual(
          named.map((e) => e.kind),
          op.kind === 'draw' ? ['draw'] : op.closing ? ['waste', 'administration'] : ['waste'],
        );
        for (const e of named) {
          const stored = byId.get(e.id);
          assert.ok(stored, `entry ${e.id} (${e.kind}) is in the chain`);
          assert.equal(stored.seq, e.seq, 'keeps the number it was answered with');
          assert.equal(stored.hash, e.hash);
          answered.add(e.id);
        }
        // … a closing waste has its administration right after it: never one without the other.
        if (op.closing) assert.equal(named[1]?.seq, (named[0]?.seq ?? 0) + 1);
      }
      // … and nothing else is (the receipt aside).
      const others = entries.filter((e) => !answered.has(e.id));
      assert.deepEqual(
        others.map((e) => e.kind),
        ['receipt'],
      );
      for (const e of entries.filter((x) => x.kind === 'administration')) {
        const before = entries[e.seq - 2];
        assert.equal(before?.kind, 'waste', `administration #${e.seq} follows its waste`);
        assert.equal(before.sessionId, e.sessionId);
      }

      // Session balances are what the acknowledged posts say.
      for (const sessionId of new Set(sent.map((op) => op.sessionId))) {
        const ops = sent.filter((op) => op.sessionId === sessionId);
        const drawnUg = ops.filter((op) => op.kind === 'draw').length * DRAWN_MG * 1000;
        const wastedUg = ops.filter((op) => op.kind === 'waste').reduce((sum, op) => sum + (op.body['wastedMg'] as number) * 1000, 0);
        const response = await nurse.get(`/api/sessions/${sessionId}/ledger`);
        assert.equal(response.status, 200, response.text);
        const balance = response.body.balance as { drawnUg: number; wastedUg: number; openUg: number; closed: boolean };
        assert.equal(balance.drawnUg, drawnUg, sessionId);
        assert.equal(balance.wastedUg, wastedUg, sessionId);
        assert.equal(balance.closed, ops.some((op) => op.closing), sessionId);
        if (balance.closed) assert.equal(balance.openUg, 0);
      }

      const verify = await nurse.get(`/api/ledger/verify?locationId=${locationId}`);
      assert.equal(verify.status, 200, verify.text);
      assert.equal(verify.body.ok, true, JSON.stringify(verify.body));
      assert.equal(verify.body.entries, entries.length);
      t.diagnostic(
        `${sent.length} draws and wastes answered (${unanswered} lost with the server and sent again, ${resentStored} of them ` +
          `had been stored before the kill) across ${ROUNDS} SIGKILLs; ${entries.length} entries, numbers 1–${entries.length}, ` +
          `${entries.filter((e) => e.kind === 'administration').length} sessions closed with their administration`,
      );
    } finally {
      await server.kill();
    }

    // The command line check, on the database the server left behind.
    const cli = await runCli(['ledger', 'verify'], env);
    assert.equal(cli.code, 0, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /^OK {6}Main — clinic Ledger crash \(lcrash\)/m);
    assert.match(cli.stdout, /All ledgers verify\./);
  });
});
