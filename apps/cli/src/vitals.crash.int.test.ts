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
 * A monitor bridge streams vital signs into a running infusion while the server is killed with SIGKILL at
 * different moments and restarted: every post answered 201 must be on the chart exactly once (by its
 * clientEntryId, with the number it was answered with), entry numbers stay unique, and a rate change
 * acknowledged just before a kill is there too. Posts that got no answer are sent again after the restart
 * with the same clientEntryId: each ends up on the chart exactly once.
 */

const PASSWORD = 'crash-test-password-1';
const ROUNDS = TEST_DB_KIND === 'embedded' ? 4 : 3;
const STREAMS = 4;
const BAG = { drugMg: 200, volumeMl: 100 };
const WEIGHT_KG = 72.5;
/** mL/h that delivers `mgPerKgPerH` on this patient and bag (72.5 kg, 2 mg/mL). */
const mlPerH = (mgPerKgPerH: number) => (mgPerKgPerH * WEIGHT_KG) / (BAG.drugMg / BAG.volumeMl);

/** A deterministic pseudo-random kill time per round (0.4–1.9 s into the stream). */
const killAfterMs = (round: number) => 400 + ((round * 7919) % 1500);

type Role = 'admin' | 'physician' | 'nurse';
const EMAIL: Record<Role | 'nurse2', string> = {
  admin: 'admin@vitals-crash.test',
  physician: 'physician@vitals-crash.test',
  nurse: 'nurse@vitals-crash.test',
  nurse2: 'nurse2@vitals-crash.test',
};

interface VitalsPost {
  clientEntryId: string;
  occurredAt: string;
  vitals: Record<string, number>;
}

function vitalsPost(n: number): VitalsPost {
  return {
    clientEntryId: randomUUID(),
    occurredAt: new Date().toISOString(),
    vitals: {
      systolicMmHg: 120 + (n % 9),
      diastolicMmHg: 76 + (n % 5),
      heartRatePerMin: 70 + (n % 7),
      spo2Percent: 98,
      respiratoryRatePerMin: 14,
    },
  };
}

/** POST with a device token; null when the connection died (the post was never answered). */
async function postVitals(
  url: string,
  token: string,
  sessionId: string,
  body: VitalsPost,
): Promise<{ status: number; seq?: number } | null> {
  try {
    const response = await fetch(`${url}/api/sessions/${sessionId}/vitals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { seq?: number };
    return { status: response.status, ...(json.seq === undefined ? {} : { seq: json.seq }) };
  } catch {
    return null;
  }
}

async function signIn(server: ServerProcess, role: Role | 'nurse2'): Promise<TestClient> {
  const client = new TestClient(server.url);
  const result = await client.login(EMAIL[role], PASSWORD);
  assert.equal(result.status, 200, `${role}: ${result.text}`);
  return client;
}

describe(`vital signs and rate changes survive SIGKILL (${TEST_DB_KIND})`, () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ env, cleanup } = await scratchCliEnv('vitals-crash'));
    assert.equal(
      (await runCli(['clinic', 'create', '--slug', 'vcrash', '--name', 'Vitals crash'], env)).code,
      0,
    );
    for (const [key, role] of [
      ['admin', 'admin'],
      ['physician', 'physician'],
      ['nurse', 'nurse'],
      ['nurse2', 'nurse'],
    ] as const) {
      const created = await runCli(
        [
          'user',
          'create',
          '--clinic',
          'vcrash',
          '--email',
          EMAIL[key],
          '--name',
          key,
          '--role',
          role,
          '--password-stdin',
        ],
        env,
        PASSWORD,
      );
      assert.equal(created.code, 0, created.stderr);
    }
  });
  after(async () => {
    await cleanup();
  });

  it(`keeps every acknowledged vitals post and rate change across ${ROUNDS} kills`, async (t) => {
    // ── A session ready to run, through the API ──
    let server = await startServerProcess(env);
    const admin = await signIn(server, 'admin');
    const physician = await signIn(server, 'physician');
    let nurse = await signIn(server, 'nurse');
    let nurse2 = await signIn(server, 'nurse2');
    const setting = await admin.request('PUT', '/api/settings/clinical/session.qualification-valid-days', {
      json: { value: 90, reason: 'Crash test clinic policy', expectedVersion: 0 },
    });
    assert.equal(setting.status, 200, setting.text);
    const device = await admin.post('/api/devices', { label: 'Crash-test monitor bridge' });
    assert.equal(device.status, 201, device.text);
    const token: string = device.body.token;

    const patient = await nurse.post(
      '/api/patients',
      makePatientBody({ weightKg: WEIGHT_KG, heightCm: 168 }),
    );
    assert.equal(patient.status, 201, patient.text);
    const patientId: string = patient.body.id;
    const intake = await nurse.post(`/api/patients/${patientId}/intakes`, {
      intake: makeIntake(),
      expectedVersion: 0,
    });
    assert.equal(intake.status, 201, intake.text);
    const needsReason = (findings: { ruleId: string; severity: string }[]) =>
      [...new Set(findings.filter((f) => f.severity === 'needs-ack').map((f) => f.ruleId))].map((ruleId) => ({
        ruleId,
        reason: 'Reviewed for the crash test',
      }));
    const qualification = await physician.post(`/api/patients/${patientId}/qualifications`, {
      intakeVersion: 1,
      overrides: needsReason(intake.body.eligibility.findings),
    });
    assert.equal(qualification.status, 201, qualification.text);
    const planBody = {
      protocolId: 'crps-4h-daily-10-days',
      protocolVersion: 1,
      firstSessionAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      bag: BAG,
      overrides: [] as { ruleId: string; reason: string }[],
    };
    const preview = await physician.post(`/api/patients/${patientId}/plans/preview`, planBody);
    assert.equal(preview.status, 200, preview.text);
    planBody.overrides = needsReason(
      preview.body.steps.flatMap(
        (s: { check: { findings: { ruleId: string; severity: string }[] } }) => s.check.findings,
      ),
    );
    const plan = await physician.post(`/api/patients/${patientId}/plans`, planBody);
    assert.equal(plan.status, 201, plan.text);
    const sessionId: string = plan.body.sessions[0].sessionId;
    const pump = plan.body.steps[0].check.pump as { rateMlPerH: number; doseWeightKg: number };
    assert.equal(pump.rateMlPerH, mlPerH(0.35));

    let version = 0;
    const entry = async (client: TestClient, data: Record<string, unknown>, stateChanging = false) => {
      const response = await client.post(`/api/sessions/${sessionId}/entries`, {
        entry: data,
        clientEntryId: randomUUID(),
        ...(stateChanging ? { expectedVersion: version } : {}),
      });
      assert.equal(response.status, 201, `${String(data.kind)}: ${response.text}`);
      version = response.body.session.version;
      return response.body as { entry: { seq: number; clientEntryId: string } };
    };
    const now = () => new Date().toISOString();
    await entry(nurse, { kind: 'checklist', checklist: { item: 'consent', signedAt: now() } });
    await entry(nurse, {
      kind: 'checklist',
      checklist: {
        item: 'fasting',
        lastFoodAt: new Date(Date.now() - 12 * 3_600_000).toISOString(),
        lastClearFluidAt: new Date(Date.now() - 4 * 3_600_000).toISOString(),
      },
    });
    await entry(nurse, {
      kind: 'checklist',
      checklist: { item: 'escort', confirmed: true, name: 'Sam Doe' },
    });
    await entry(nurse, {
      kind: 'vitals',
      vitals: {
        systolicMmHg: 122,
        diastolicMmHg: 78,
        heartRatePerMin: 70,
        spo2Percent: 98,
        respiratoryRatePerMin: 14,
        baseline: true,
      },
    });
    const program = await entry(
      nurse,
      {
        kind: 'pump-program',
        bag: { drug: 'ketamine', ...BAG, lot: 'LOT-CRASH' },
        rate: { value: 0.35, unit: 'mg/kg/h' },
        weightKg: pump.doseWeightKg,
        weightBasis: 'actual',
        rateMlPerH: pump.rateMlPerH,
        volumeToInfuseMl: pump.rateMlPerH * 4,
      },
      true,
    );
    await entry(nurse2, { kind: 'double-check', programSeq: program.entry.seq }, true);
    await entry(nurse, { kind: 'start' }, true);

    // ── Stream, kill, restart ──
    const acknowledged = new Map<string, number>(); // clientEntryId → seq answered
    const unanswered: VitalsPost[] = [];
    const rateChanges: { clientEntryId: string; seq: number; value: number }[] = [];
    let posts = 0;
    let refused = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      let stop = false;
      const streams = Array.from({ length: STREAMS }, async () => {
        while (!stop) {
          const body = vitalsPost(posts++);
          const answer = await postVitals(server.url, token, sessionId, body);
          if (answer === null) {
            unanswered.push(body);
            return;
          }
          if (answer.status === 201 && answer.seq !== undefined)
            acknowledged.set(body.clientEntryId, answer.seq);
          else refused++;
        }
      });
      await new Promise((r) => setTimeout(r, killAfterMs(round)));
      // A rate change acknowledged just before the kill (the previous one double-checked first).
      const last = rateChanges.at(-1);
      if (last) await entry(nurse2, { kind: 'double-check', programSeq: last.seq }, true);
      const value = round % 2 === 1 ? 0.25 : 0.35;
      const change = await entry(
        nurse,
        {
          kind: 'rate-change',
          rate: { value, unit: 'mg/kg/h' },
          rateMlPerH: mlPerH(value),
          reason: `Round ${round}`,
        },
        true,
      );
      rateChanges.push({ clientEntryId: change.entry.clientEntryId, seq: change.entry.seq, value });
      await server.kill('SIGKILL');
      stop = true;
      await Promise.all(streams);
      assert.ok(acknowledged.size > 0, 'the streams made progress before the kill');
      server = await startServerProcess(env);
      nurse = await signIn(server, 'nurse');
      nurse2 = await signIn(server, 'nurse2');
    }

    try {
      // Posts that died with the server are sent again with the same clientEntryId.
      let resentStored = 0;
      for (const body of unanswered) {
        const answer = await postVitals(server.url, token, sessionId, body);
        assert.ok(answer && (answer.status === 200 || answer.status === 201), JSON.stringify(answer));
        if (answer.status === 200) resentStored++;
      }

      const chart = await nurse.get(`/api/sessions/${sessionId}/chart`);
      assert.equal(chart.status, 200, chart.text);
      const entries = chart.body.entries as {
        seq: number;
        clientEntryId: string | null;
        data: { kind: string };
      }[];
      const byClientId = new Map<string, { seq: number }[]>();
      for (const e of entries) {
        if (e.clientEntryId === null) continue;
        byClientId.set(e.clientEntryId, [...(byClientId.get(e.clientEntryId) ?? []), e]);
      }
      const missing = [...acknowledged.keys()].filter((id) => !byClientId.has(id));
      assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.size} acknowledged vitals lost`);
      for (const [id, seq] of acknowledged) {
        assert.equal(byClientId.get(id)?.length, 1, `${id} stored once`);
        assert.equal(byClientId.get(id)?.[0]?.seq, seq, `${id} keeps the number it was answered with`);
      }
      for (const body of unanswered) assert.equal(byClientId.get(body.clientEntryId)?.length, 1);
      for (const change of rateChanges) {
        const stored = byClientId.get(change.clientEntryId);
        assert.equal(stored?.length, 1, `rate change of round ${change.seq} is on the chart`);
        assert.equal(stored[0]?.seq, change.seq);
      }
      const seqs = entries.map((e) => e.seq);
      assert.equal(new Set(seqs).size, seqs.length, 'entry numbers are unique');
      assert.deepEqual(
        seqs,
        Array.from({ length: seqs.length }, (_, i) => i + 1),
        'entry numbers run 1, 2, 3 … without gaps',
      );
      assert.equal(chart.body.session.lastSeq ?? seqs.length, seqs.length);
      const lastRate = rateChanges.at(-1);
      assert.equal(
        chart.body.chart.currentSetting.rate.value,
        lastRate?.value,
        'the last acknowledged rate is in force',
      );
      assert.equal(refused, 0, 'no vitals post was refused');
      t.diagnostic(
        `${acknowledged.size} vitals posts acknowledged (${posts} sent by ${STREAMS} streams), ${rateChanges.length} rate changes ` +
          `acknowledged just before ${ROUNDS} SIGKILLs, all on the chart once; ${unanswered.length} unanswered posts sent again ` +
          `(${resentStored} had been stored before the kill); ${entries.length} entries, numbers 1–${seqs.length}`,
      );
    } finally {
      await server.kill();
    }
  });
});
