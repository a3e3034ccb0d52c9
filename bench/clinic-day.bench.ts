/**
 * A clinic day on the floor, compressed, through the real built server over HTTP, on the embedded database
 * and on PostgreSQL. Setup (through the API): 20 patients, each with an intake, a signed qualification and a
 * signed 10-day CRPS plan, and today's session checked, programmed, double-checked and started: 20 chairs
 * running a 4-hour infusion. Then the day: a monitor bridge posts one set of vital signs per chair per
 * simulated minute (20 × 240 = 4,800 posts with a device token, open loop: each post leaves at its time
 * whether or not earlier ones were answered), nurses chart at the same time (a note per chair every 30
 * simulated minutes, one rate change per chair with its double-check, acknowledgements of the alerts that
 * five chairs' high readings raise), and 5 floor-board viewers hold /api/floor/stream open.
 *
 * Figures: vitals-post throughput and latency (p50/p99), the delay from a post's 201 to each viewer receiving
 * that chair's event carrying that reading (p50/p99 over all viewers), server RSS at the start and end of the
 * day and its growth. Targets: vitals p99 < 50 ms, floor delay p99 < 1 s, memory growth ≤ 20 %.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import type { SessionEntry, SessionEntryData } from '@ketapath/core';
import { evaluateSession } from '@ketapath/clinical-rules';
import { buildSessionSnapshot, createChartFold, floorChair, foldChart, newAlerts } from '@ketapath/charting';
import {
  BUILT_CLI,
  cliEnv,
  makeIntake,
  makePatientBody,
  REPO_ROOT,
  runCli,
  startServerProcess,
  TestClient,
  type ServerProcess,
} from '../test-support/index.js';

const CHAIRS = 20;
/** Simulated minutes of the day (KETAPATH_BENCH_MINUTES shortens a trial run). */
const SIM_MINUTES = Number(process.env.KETAPATH_BENCH_MINUTES ?? 240);
/**
 * Real milliseconds per simulated minute: 240 minutes take 240 s, 20 vitals posts a second — 60 times the
 * pace of a real 20-chair day (one reading per chair per minute is 0.33 posts a second).
 * KETAPATH_BENCH_TICK_MS=400 runs it at 150 times (50 posts a second), where 2 cores saturate.
 */
const TICK_MS = Number(process.env.KETAPATH_BENCH_TICK_MS ?? 1000);
const VIEWERS = 5;
const NOTE_EVERY_MIN = 30;
const HIGH_BP_CHAIRS = 5;
const PASSWORD = 'bench-password-123';
const BAG = { drugMg: 200, volumeMl: 100 };

interface Answer {
  status: number;
  body: any;
}

/** A lean keep-alive HTTP client (cookie + CSRF for staff, or a bearer token for the device). */
class LoadClient {
  private readonly agent: http.Agent;
  constructor(
    private readonly baseUrl: URL,
    private readonly auth: { cookie: string; csrf: string } | { bearer: string },
    sockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(method: 'GET' | 'POST', urlPath: string, json?: unknown): Promise<Answer> {
    const payload = json === undefined ? undefined : JSON.stringify(json);
    const headers: Record<string, string | number> =
      'bearer' in this.auth
        ? { authorization: `Bearer ${this.auth.bearer}` }
        : { cookie: this.auth.cookie, ...(payload === undefined ? {} : { 'x-csrf-token': this.auth.csrf }) };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.baseUrl.hostname,
          port: this.baseUrl.port,
          method,
          path: urlPath,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: text === '' ? null : JSON.parse(text) });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A floor-board viewer: reads the SSE stream and notes when each chair event arrives. */
class Viewer {
  readonly received: { sessionId: string; vitalsAt: string | null; at: number }[] = [];
  private req: http.ClientRequest | null = null;
  constructor(
    private readonly baseUrl: URL,
    private readonly cookie: string,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.req = http.get(
        {
          host: this.baseUrl.hostname,
          port: this.baseUrl.port,
          path: '/api/floor/stream',
          headers: { cookie: this.cookie, accept: 'text/event-stream' },
        },
        (res) => {
          if (res.statusCode !== 200) {
            reject(new Error(`floor stream ${res.statusCode}`));
            return;
          }
          let buffer = '';
          let opened = false;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const at = performance.now();
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const event = /^event: (.+)$/m.exec(block)?.[1];
              const data = /^data: (.+)$/m.exec(block)?.[1];
              if (event === 'snapshot' && !opened) {
                opened = true;
                resolve();
              } else if (event === 'chair' && data) {
                const chair = JSON.parse(data) as { sessionId: string; lastVitals: { at: string } | null };
                this.received.push({
                  sessionId: chair.sessionId,
                  vitalsAt: chair.lastVitals?.at ?? null,
                  at,
                });
              }
            }
          });
          res.on('error', () => undefined);
        },
      );
      this.req.on('error', (e) => {
        reject(e);
      });
    });
  }

  close(): void {
    this.req?.destroy();
  }
}

interface Figures {
  label: string;
  setupSeconds: number;
  posts: number;
  postsPerS: number;
  offeredPerS: number;
  p50: number;
  p99: number;
  max: number;
  lateP99: { first: number; last: number };
  floorP50: number;
  floorP99: number;
  floorSeen: number;
  floorExpected: number;
  floorEarly: number;
  charting: { notes: number; rateChanges: number; doubleChecks: number; acks: number; p99: number };
  rssStartMb: number;
  rssEndMb: number;
  /** RSS at each simulated hour. */
  rssByHour: number[];
}

async function setupDay(server: ServerProcess, env: { slug: string; emails: Record<string, string> }) {
  const sign = async (email: string) => {
    const c = new TestClient(server.url);
    const r = await c.login(email, PASSWORD);
    if (r.status !== 200) throw new Error(`login ${email}: ${r.text}`);
    return c;
  };
  const admin = await sign(env.emails.admin!);
  const physician = await sign(env.emails.physician!);
  const nurse = await sign(env.emails.nurse!);
  const nurse2 = await sign(env.emails.nurse2!);
  const must = (r: { status: number; text: string }, what: string, status = 201) => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.text}`);
  };
  must(
    await admin.request('PUT', '/api/settings/clinical/session.qualification-valid-days', {
      json: { value: 90, reason: 'Benchmark clinic policy', expectedVersion: 0 },
    }),
    'setting',
    200,
  );
  const device = await admin.post('/api/devices', { label: 'Benchmark monitor bridge' });
  must(device, 'device');
  const reasons = (findings: { ruleId: string; severity: string }[]) =>
    [...new Set(findings.filter((f) => f.severity === 'needs-ack').map((f) => f.ruleId))].map((ruleId) => ({
      ruleId,
      reason: 'Reviewed (benchmark)',
    }));
  const chairs: { sessionId: string; version: number; doseWeightKg: number; programSeq: number }[] = [];
  for (let i = 0; i < CHAIRS; i++) {
    const weightKg = 60 + i * 1.5;
    const patient = await nurse.post(
      '/api/patients',
      makePatientBody({ familyName: `Chair${i + 1}`, weightKg }),
    );
    must(patient, 'patient');
    const id: string = patient.body.id;
    const intake = await nurse.post(`/api/patients/${id}/intakes`, {
      intake: makeIntake(),
      expectedVersion: 0,
    });
    must(intake, 'intake');
    must(
      await physician.post(`/api/patients/${id}/qualifications`, {
        intakeVersion: 1,
        overrides: reasons(intake.body.eligibility.findings),
      }),
      'qualification',
    );
    const body = {
      protocolId: 'crps-4h-daily-10-days',
      protocolVersion: 1,
      firstSessionAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      bag: BAG,
      overrides: [] as { ruleId: string; reason: string }[],
    };
    const preview = await physician.post(`/api/patients/${id}/plans/preview`, body);
    must(preview, 'preview', 200);
    body.overrides = reasons(preview.body.steps.flatMap((s: any) => s.check.findings));
    const plan = await physician.post(`/api/patients/${id}/plans`, body);
    must(plan, 'plan');
    const sessionId: string = plan.body.sessions[0].sessionId;
    const pump = plan.body.steps[0].check.pump as { rateMlPerH: number; doseWeightKg: number };
    let version = 0;
    const entry = async (client: TestClient, data: Record<string, unknown>, stateChanging = false) => {
      const r = await client.post(`/api/sessions/${sessionId}/entries`, {
        entry: data,
        clientEntryId: randomUUID(),
        ...(stateChanging ? { expectedVersion: version } : {}),
      });
      must(r, String(data.kind));
      version = r.body.session.version;
      return r.body.entry.seq as number;
    };
    must(
      await nurse.patch(`/api/sessions/${sessionId}`, {
        chair: `Chair ${i + 1}`,
        expectedVersion: 0,
      }),
      'chair',
      200,
    );
    const now = Date.now();
    await entry(nurse, {
      kind: 'checklist',
      checklist: { item: 'consent', signedAt: new Date(now).toISOString() },
    });
    await entry(nurse, {
      kind: 'checklist',
      checklist: {
        item: 'fasting',
        lastFoodAt: new Date(now - 12 * 3_600_000).toISOString(),
        lastClearFluidAt: new Date(now - 4 * 3_600_000).toISOString(),
      },
    });
    await entry(nurse, { kind: 'checklist', checklist: { item: 'escort', confirmed: true, name: 'Escort' } });
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
    version = (await nurse.get(`/api/sessions/${sessionId}/chart`)).body.session.version;
    const programSeq = await entry(
      nurse,
      {
        kind: 'pump-program',
        bag: { drug: 'ketamine', ...BAG, lot: 'LOT-BENCH' },
        rate: { value: 0.35, unit: 'mg/kg/h' },
        weightKg: pump.doseWeightKg,
        weightBasis: 'actual',
        rateMlPerH: pump.rateMlPerH,
        volumeToInfuseMl: pump.rateMlPerH * 4,
      },
      true,
    );
    await entry(nurse2, { kind: 'double-check', programSeq }, true);
    await entry(nurse, { kind: 'start' }, true);
    chairs.push({ sessionId, version, doseWeightKg: pump.doseWeightKg, programSeq });
  }
  return {
    chairs,
    token: device.body.token as string,
    nurse: { cookie: nurse.cookie ?? '', csrf: nurse.csrfToken ?? '' },
    nurse2: { cookie: nurse2.cookie ?? '', csrf: nurse2.csrfToken ?? '' },
    physician: { cookie: physician.cookie ?? '', csrf: physician.csrfToken ?? '' },
  };
}

async function measure(label: string, baseEnv: NodeJS.ProcessEnv): Promise<Figures> {
  const slug = `day-${randomBytes(3).toString('hex')}`;
  const emails = {
    admin: `admin@${slug}.test`,
    physician: `physician@${slug}.test`,
    nurse: `nurse@${slug}.test`,
    nurse2: `nurse2@${slug}.test`,
  };
  const must = async (args: string[], stdin?: string) => {
    const r = await runCli(args, baseEnv, stdin);
    if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  };
  await must(['clinic', 'create', '--slug', slug, '--name', 'Benchmark day']);
  for (const [key, email] of Object.entries(emails)) {
    const role = key === 'nurse2' ? 'nurse' : key;
    await must(
      [
        'user',
        'create',
        '--clinic',
        slug,
        '--email',
        email,
        '--name',
        key,
        '--role',
        role,
        '--password-stdin',
      ],
      PASSWORD,
    );
  }
  let server: ServerProcess | null = null;
  const viewers: Viewer[] = [];
  try {
    server = await startServerProcess(
      { ...baseEnv, NODE_ENV: 'production', LOG_LEVEL: 'error' },
      ['serve', '--port', '0'],
      60_000,
      // KETAPATH_BENCH_CPU_PROF=<dir> writes the server's CPU profile there (for finding where the time goes).
      // KETAPATH_BENCH_HEAP_SNAPSHOTS=<dir> writes a heap snapshot (live objects after a full GC) there after
      // the setup and after the day, to tell a leak from heap growth.
      [
        ...(process.env.KETAPATH_BENCH_CPU_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.KETAPATH_BENCH_CPU_PROF}`]
          : []),
        ...(process.env.KETAPATH_BENCH_HEAP_SNAPSHOTS
          ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${process.env.KETAPATH_BENCH_HEAP_SNAPSHOTS}`]
          : []),
        // KETAPATH_BENCH_NODE_FLAGS="--trace-gc …" adds Node/V8 flags to the server; with
        // KETAPATH_BENCH_SERVER_LOG=<file> the server's output is written there at the end.
        ...(process.env.KETAPATH_BENCH_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
        ...BUILT_CLI,
      ],
    );
    const pid = server.child.pid ?? 0;
    const base = new URL(server.url);
    const s0 = performance.now();
    const day = await setupDay(server, { slug, emails });
    const setupSeconds = (performance.now() - s0) / 1000;

    for (let v = 0; v < VIEWERS; v++) {
      const viewer = new Viewer(base, day.nurse.cookie);
      await viewer.open();
      viewers.push(viewer);
    }
    const bridge = new LoadClient(base, { bearer: day.token }, 64);
    const nurse = new LoadClient(base, day.nurse, 8);
    const nurse2 = new LoadClient(base, day.nurse2, 4);
    const physician = new LoadClient(base, day.physician, 4);
    await sleep(500);
    const rssStartMb = rssMb(pid);
    const snapshot = async () => {
      if (!process.env.KETAPATH_BENCH_HEAP_SNAPSHOTS) return;
      process.kill(pid, 'SIGUSR2');
      await sleep(8000);
    };
    await snapshot();

    // Open loop: every post leaves at its planned time.
    const latencies: { minute: number; ms: number }[] = [];
    const answeredAt = new Map<string, number>(); // sessionId|occurredAt → when the 201 arrived
    const chartingMs: number[] = [];
    const counts = { notes: 0, rateChanges: 0, doubleChecks: 0, acks: 0 };
    const pending: Promise<void>[] = [];
    const failures: string[] = [];
    const versions = day.chairs.map((c) => c.version);

    /** One staff entry; state-changing ones carry the chair's version and update it. */
    const staffEntry = async (
      client: LoadClient,
      chair: number,
      data: Record<string, unknown>,
      stateChanging: boolean,
    ) => {
      const c = day.chairs[chair]!;
      const t0 = performance.now();
      const r = await client.request('POST', `/api/sessions/${c.sessionId}/entries`, {
        entry: data,
        clientEntryId: randomUUID(),
        ...(stateChanging ? { expectedVersion: versions[chair] } : {}),
      });
      chartingMs.push(performance.now() - t0);
      if (r.status !== 201) {
        failures.push(`${String(data.kind)} ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        return null;
      }
      if (stateChanging) versions[chair] = r.body.session.version;
      return r.body as { entry: { seq: number } };
    };

    const nurseWork = async (minute: number, chair: number) => {
      const c = day.chairs[chair]!;
      if (minute % NOTE_EVERY_MIN === chair % NOTE_EVERY_MIN) {
        if (
          await staffEntry(
            nurse,
            chair,
            { kind: 'note', text: `Round at minute ${minute}: comfortable.` },
            false,
          )
        )
          counts.notes++;
      }
      if (minute === 90 + chair * 3) {
        const rate = 0.25;
        const change = await staffEntry(
          nurse,
          chair,
          {
            kind: 'rate-change',
            rate: { value: rate, unit: 'mg/kg/h' },
            rateMlPerH: (rate * c.doseWeightKg) / (BAG.drugMg / BAG.volumeMl),
            reason: 'Benchmark: titration',
          },
          true,
        );
        if (change) {
          counts.rateChanges++;
          if (await staffEntry(nurse2, chair, { kind: 'double-check', programSeq: change.entry.seq }, true))
            counts.doubleChecks++;
        }
      }
    };

    const dayStart = performance.now();
    const rssByHour: number[] = [];
    for (let minute = 1; minute <= SIM_MINUTES; minute++) {
      if (minute % 60 === 0) rssByHour.push(rssMb(pid));
      for (let chair = 0; chair < CHAIRS; chair++) {
        const due = dayStart + (minute - 1) * TICK_MS + (chair * TICK_MS) / CHAIRS;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        const c = day.chairs[chair]!;
        const high = chair < HIGH_BP_CHAIRS && minute === 120 + chair * 10;
        const occurredAt = new Date().toISOString();
        const body = {
          clientEntryId: randomUUID(),
          occurredAt,
          vitals: {
            systolicMmHg: high ? 186 : 118 + ((minute + chair) % 12),
            diastolicMmHg: 74 + ((minute * 3 + chair) % 8),
            heartRatePerMin: 68 + ((minute + chair * 5) % 10),
            spo2Percent: 97 + ((minute + chair) % 3),
            respiratoryRatePerMin: 13 + (minute % 4),
          },
        };
        const t0 = performance.now();
        pending.push(
          bridge
            .request('POST', `/api/sessions/${c.sessionId}/vitals`, body)
            .then(async (r) => {
              const done = performance.now();
              if (r.status !== 201) {
                failures.push(`vitals ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
                return;
              }
              latencies.push({ minute, ms: done - t0 });
              answeredAt.set(`${c.sessionId}|${occurredAt}`, done);
              // A nurse (physician) acknowledges each alert a high reading raised, after a short while.
              for (const alert of r.body.raisedAlerts as { seq: number }[]) {
                await sleep(2 * TICK_MS);
                if (
                  await staffEntry(
                    physician,
                    chair,
                    { kind: 'alert-ack', alertSeq: alert.seq, action: 'Rechecked; rate reduced (benchmark)' },
                    false,
                  )
                )
                  counts.acks++;
              }
            })
            .catch((e: unknown) => {
              failures.push(`vitals error ${(e as Error).message}`);
            }),
        );
        pending.push(nurseWork(minute, chair));
      }
    }
    await Promise.all(pending);
    const daySeconds = (performance.now() - dayStart) / 1000;
    await sleep(1500); // the last chair events
    const rssEndMb = rssMb(pid);
    await snapshot();

    // The delay from each post's 201 to each viewer receiving that chair with that reading.
    const delays: number[] = [];
    let early = 0;
    for (const viewer of viewers) {
      const firstSeen = new Map<string, number>();
      for (const e of viewer.received) {
        if (e.vitalsAt === null) continue;
        const key = `${e.sessionId}|${e.vitalsAt}`;
        if (!firstSeen.has(key)) firstSeen.set(key, e.at);
      }
      for (const [key, answered] of answeredAt) {
        const seen = firstSeen.get(key);
        if (seen === undefined) continue;
        if (seen < answered) early++;
        delays.push(Math.max(0, seen - answered));
      }
    }
    delays.sort((a, b) => a - b);
    const sorted = latencies.map((l) => l.ms).sort((a, b) => a - b);
    const p99Of = (from: number, to: number) =>
      percentile(
        latencies
          .filter((l) => l.minute >= from && l.minute <= to)
          .map((l) => l.ms)
          .sort((a, b) => a - b),
        99,
      );
    chartingMs.sort((a, b) => a - b);
    for (const client of [bridge, nurse, nurse2, physician]) client.close();
    const serverLog = server
      .output()
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.includes('is listening on'));
    if (serverLog.length > 0)
      console.log(
        `  ${label}: the server logged ${serverLog.length} lines, first: ${serverLog[0]?.slice(0, 300) ?? ''}`,
      );
    if (failures.length > 0)
      console.log(
        `  ${label}: ${failures.length} failed requests, first: ${failures.slice(0, 3).join(' | ')}`,
      );
    return {
      label,
      setupSeconds,
      posts: latencies.length,
      postsPerS: latencies.length / daySeconds,
      offeredPerS: 1000 / (TICK_MS / CHAIRS),
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? NaN,
      lateP99: { first: p99Of(1, 30), last: p99Of(SIM_MINUTES - 29, SIM_MINUTES) },
      floorP50: percentile(delays, 50),
      floorP99: percentile(delays, 99),
      floorSeen: delays.length,
      floorExpected: answeredAt.size * VIEWERS,
      floorEarly: early,
      charting: { ...counts, p99: percentile(chartingMs, 99) },
      rssStartMb,
      rssEndMb,
      rssByHour,
    };
  } finally {
    for (const viewer of viewers) viewer.close();
    await server?.kill();
    if (server && process.env.KETAPATH_BENCH_SERVER_LOG)
      writeFileSync(`${process.env.KETAPATH_BENCH_SERVER_LOG}.${label}`, server.output());
  }
}

function print(f: Figures): void {
  const growth = ((f.rssEndMb - f.rssStartMb) / f.rssStartMb) * 100;
  // Over the day after its first hour (JIT, heap sizing and the database's caches warm up in that hour).
  const firstHourMb = f.rssByHour[0] ?? f.rssStartMb;
  const dayGrowth = ((f.rssEndMb - firstHourMb) / firstHourMb) * 100;
  console.log(
    `${f.label.padEnd(11)} setup ${f.setupSeconds.toFixed(1)} s | vitals ${f.posts} posts, ${f.postsPerS.toFixed(1)}/s (offered ${f.offeredPerS.toFixed(0)}/s): ` +
      `p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, max ${f.max.toFixed(0)} ms ` +
      `(p99 first 30 min ${f.lateP99.first.toFixed(1)} ms, last 30 min ${f.lateP99.last.toFixed(1)} ms)`,
  );
  console.log(
    `${''.padEnd(11)} floor board: ${f.floorSeen}/${f.floorExpected} readings seen by ${VIEWERS} viewers, delay after the 201 p50 ${f.floorP50.toFixed(0)} ms, p99 ${f.floorP99.toFixed(0)} ms` +
      ` (${f.floorEarly} arrived before the poster had its 201, counted as 0)`,
  );
  console.log(
    `${''.padEnd(11)} nurses: ${f.charting.notes} notes, ${f.charting.rateChanges} rate changes + ${f.charting.doubleChecks} double-checks, ${f.charting.acks} alert acknowledgements (p99 ${f.charting.p99.toFixed(1)} ms)` +
      ` | server RSS ${f.rssStartMb.toFixed(0)} → ${f.rssEndMb.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} % from the idle start; ` +
      `${dayGrowth >= 0 ? '+' : ''}${dayGrowth.toFixed(1)} % after the first simulated hour; ` +
      `by simulated hour ${f.rssByHour.map((r) => r.toFixed(0)).join(', ')} MB)`,
  );
  console.log(
    `${''.padEnd(11)} targets: vitals p99 < 50 ms ${f.p99 < 50 ? 'met' : 'NOT met'}; floor delay p99 < 1 s ${f.floorP99 < 1000 ? 'met' : 'NOT met'}; memory growth ≤ 20 % after the first hour ${dayGrowth <= 20 ? 'met' : 'NOT met'} (from the idle start ${growth <= 20 ? 'met' : 'NOT met'})`,
  );
}

/**
 * The chart work one vitals post costs in the server besides the database, as the chart grows: the session
 * service forks the process's kept fold of the committed chart, finishes it (the chart before the entry),
 * applies the entry and finishes again, builds the rules' snapshot and runs the session rules; the floor
 * board computes the chair once for every viewer from that fold. Printed beside it, what the same post cost
 * when the whole chart was folded on every post (twice, plus once more for the floor board). Measured in this
 * process on synthetic charts of n readings (the same pure functions the server runs).
 */
function chartWorkByLength(): string {
  const t0 = Date.parse('2026-03-10T09:00:00.000Z');
  const by = { userId: 'u1', email: 'n@x.test', role: 'nurse' };
  const by2 = { userId: 'u2', email: 'n2@x.test', role: 'nurse' };
  const session = {
    id: 's1',
    state: 'scheduled',
    scheduledStart: new Date(t0).toISOString(),
    plannedDurationMin: 240,
  };
  const make = (n: number): SessionEntry[] => {
    const list: SessionEntry[] = [];
    const add = (data: SessionEntryData, min: number, who = by) =>
      list.push({
        seq: list.length + 1,
        data,
        occurredAt: new Date(t0 + min * 60_000).toISOString(),
        recordedAt: new Date(t0 + min * 60_000).toISOString(),
        recordedBy: who,
        deviceId: null,
        clientEntryId: null,
      });
    add({ kind: 'checklist', checklist: { item: 'consent', signedAt: new Date(t0).toISOString() } }, 0);
    add(
      {
        kind: 'pump-program',
        bag: { drug: 'ketamine', drugMg: 100, volumeMl: 100, lot: 'L' },
        rate: { value: 0.35, unit: 'mg/kg/h' },
        weightKg: 70,
        weightBasis: 'actual',
        rateMlPerH: 24.5,
        volumeToInfuseMl: 98,
      },
      1,
    );
    add({ kind: 'double-check', programSeq: 2 }, 2, by2);
    add({ kind: 'start' }, 3);
    for (let i = 0; i < n; i++) {
      add(
        {
          kind: 'vitals',
          vitals: {
            systolicMmHg: 120 + (i % 9),
            diastolicMmHg: 76,
            heartRatePerMin: 70 + (i % 7),
            spo2Percent: 98,
            respiratoryRatePerMin: 14,
            source: 'device',
          },
        },
        3 + (i * 237) / Math.max(1, n),
      );
    }
    return list;
  };
  const context = {
    patient: { ageYears: 42, sex: 'female' as const, pregnancyPossible: false },
    qualification: { status: 'eligible' as const, signedAt: null, signedBy: null, expiresAt: null },
    testsDue: [],
  };
  const parts: string[] = [];
  for (const n of [10, 60, 240, 480, 960]) {
    const entries = make(n);
    const now = new Date(t0 + 240 * 60_000).toISOString();
    const kept = createChartFold(session);
    for (const e of entries.slice(0, -1)) kept.apply(e);
    const chairOf = (chart: ReturnType<typeof foldChart>) =>
      floorChair({
        chart,
        session: { chair: 'C1', sessionNumber: 1, sessionCount: 10, version: 3, assignedNurse: null },
        patient: { id: 'p', displayName: 'P', mrn: '1' },
        protocolName: 'x',
        now,
      });
    const rules = (after: ReturnType<typeof foldChart>) => {
      const evaluation = evaluateSession(buildSessionSnapshot(after, { ...context, now }), {});
      newAlerts(after, evaluation.findings, entries.length);
    };
    const post = () => {
      const fold = kept.fork();
      const before = fold.finish(now);
      fold.apply(entries.at(-1)!);
      const after = fold.finish(now);
      rules(after);
      chairOf(after);
      return before;
    };
    const wholeChart = () => {
      const before = foldChart({ session, entries: entries.slice(0, -1), now });
      const after = foldChart({ session, entries, now });
      rules(after);
      chairOf(foldChart({ session, entries, now }));
      return before;
    };
    const rounds = n >= 480 ? 40 : 200;
    const timeMs = (f: () => unknown) => {
      for (let i = 0; i < 20; i++) f();
      const t = performance.now();
      for (let i = 0; i < rounds; i++) f();
      return (performance.now() - t) / rounds;
    };
    parts.push(
      `${n} readings: ${timeMs(post).toFixed(2)} ms (whole chart folded each post: ${timeMs(wholeChart).toFixed(2)} ms)`,
    );
  }
  return parts.join('; ');
}

export async function run(): Promise<void> {
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  console.log(
    `workload: ${CHAIRS} chairs running a 4-hour infusion; ${SIM_MINUTES} simulated minutes at ${TICK_MS} ms each: the monitor bridge posts vitals ` +
      `for every chair every minute (${CHAIRS * SIM_MINUTES} posts, open loop, device token), nurses write a note per chair every ${NOTE_EVERY_MIN} min, ` +
      `one rate change + double-check per chair, and acknowledge the alerts of ${HIGH_BP_CHAIRS} high readings; ${VIEWERS} floor-board viewers on ` +
      `/api/floor/stream (built server in its own process, NODE_ENV=production; load generator on the same cores)`,
  );
  // KETAPATH_BENCH_DATABASES=postgresql (or embedded) runs one of the two.
  const only = process.env.KETAPATH_BENCH_DATABASES;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ketapath-bench-day-'));
  try {
    if (only !== 'postgresql') {
      const f = await measure('embedded', cliEnv({ DATA_DIR: dataDir }));
      print(f);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  let pgUrl = process.env.KETAPATH_BENCH_DATABASE_URL;
  let pgDir: string | null = null;
  if (!pgUrl && only !== 'embedded') {
    try {
      const out = execFileSync(
        'bash',
        [
          path.join(REPO_ROOT, 'scripts/pg-throwaway.sh'),
          'start',
          String(56000 + Math.floor(Math.random() * 900)),
        ],
        { encoding: 'utf8' },
      );
      pgDir = /PG_THROWAWAY_DIR=(\S+)/.exec(out)?.[1] ?? null;
      pgUrl = /KETAPATH_TEST_DATABASE_URL=(\S+)/.exec(out)?.[1];
    } catch (error) {
      console.log(
        `postgresql: skipped, no server could be started (${(error as Error).message.split('\n')[0] ?? ''})`,
      );
    }
  }
  if (pgUrl && only !== 'embedded') {
    try {
      const f = await measure('postgresql', cliEnv({ DATABASE_URL: pgUrl }));
      print(f);
    } finally {
      if (pgDir) execFileSync('bash', [path.join(REPO_ROOT, 'scripts/pg-throwaway.sh'), 'stop', pgDir]);
    }
  }
  console.log(
    `chart work per vitals post outside the database, chart and floor chair (in-process, pure functions): ${chartWorkByLength()}`,
  );
  console.log(
    `load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}
