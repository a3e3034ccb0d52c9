/**
 * Patient creation and search, through the real server over HTTP, on the embedded database and on
 * PostgreSQL. Workload: 10,000 creations at concurrency 8 (each: session check, MRN, patient row, weight
 * and height rows, audit row, read-back), then 2,000 searches at concurrency 4 over those 10,000 patients
 * (name fragments, full names, dates of birth, MRN prefixes; 25 per page with the total count).
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  cliEnv,
  REPO_ROOT,
  runCli,
  startServerProcess,
  BUILT_CLI,
  TestClient,
  type ServerProcess,
} from '../test-support/index.js';

const CREATIONS = 10_000;
const CREATE_CONCURRENCY = 8;
const SEARCHES = 2_000;
const SEARCH_CONCURRENCY = 4;
const PASSWORD = 'bench-password-123';

/** A small seeded generator (mulberry32) so every run creates the same people. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SYLLABLES = [
  'an',
  'bel',
  'cor',
  'da',
  'el',
  'fen',
  'gar',
  'hol',
  'is',
  'jo',
  'kel',
  'lin',
  'mar',
  'nor',
  'ol',
  'per',
  'quin',
  'ros',
  'sal',
  'tor',
  'ul',
  'ven',
  'wil',
  'xa',
  'yor',
  'zel',
  'é',
  'ñ',
];
function makeName(rand: () => number, parts: number): string {
  let name = '';
  for (let i = 0; i < parts; i++) name += SYLLABLES[Math.floor(rand() * SYLLABLES.length)] ?? '';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * A lean keep-alive HTTP client for the load (undici's fetch costs several times more CPU per request,
 * and on two cores the load generator's CPU is taken from the server being measured).
 */
class LoadClient {
  private readonly agent: http.Agent;
  constructor(
    private readonly baseUrl: URL,
    private readonly cookie: string,
    private readonly csrfToken: string,
    sockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(method: 'GET' | 'POST', path: string, json?: unknown): Promise<{ status: number; body: any }> {
    const payload = json === undefined ? undefined : JSON.stringify(json);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.baseUrl.hostname,
          port: this.baseUrl.port,
          method,
          path,
          headers: {
            cookie: this.cookie,
            ...(payload === undefined
              ? {}
              : {
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(payload),
                  'x-csrf-token': this.csrfToken,
                }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            });
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function runPool(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

interface Figures {
  createPerS: number;
  createP50: number;
  createP99: number;
  searchP50: number;
  searchP99: number;
  searchPerS: number;
  singleP50: number;
  singleP99: number;
  rssAfterMb: number;
}

async function measure(label: string, env: NodeJS.ProcessEnv): Promise<Figures> {
  const must = async (args: string[], stdin?: string) => {
    const r = await runCli(args, env, stdin);
    if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  };
  await must(['clinic', 'create', '--slug', 'bench', '--name', 'Bench']);
  await must(
    [
      'user',
      'create',
      '--clinic',
      'bench',
      '--email',
      'nurse@bench.test',
      '--name',
      'Nurse',
      '--role',
      'nurse',
      '--password-stdin',
    ],
    PASSWORD,
  );
  let server: ServerProcess | null = null;
  try {
    // The built server, as production runs it (`npm run bench` builds first).
    server = await startServerProcess(
      { ...env, NODE_ENV: 'production', LOG_LEVEL: 'error' },
      ['serve', '--port', '0'],
      60_000,
      BUILT_CLI,
    );
    const signIn = new TestClient(server.url);
    if ((await signIn.login('nurse@bench.test', PASSWORD)).status !== 200) throw new Error('login failed');
    const client = new LoadClient(
      new URL(server.url),
      signIn.cookie ?? '',
      signIn.csrfToken ?? '',
      CREATE_CONCURRENCY,
    );
    const pid = server.child.pid ?? 0;

    const rand = seeded(42);
    const people = Array.from({ length: CREATIONS }, () => ({
      familyName: makeName(rand, 2 + Math.floor(rand() * 2)),
      givenNames: makeName(rand, 2),
      dateOfBirth: `${1940 + Math.floor(rand() * 60)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
      sexAtBirth: rand() < 0.5 ? 'female' : 'male',
      weightKg: Math.round(500 + rand() * 700) / 10,
      heightCm: Math.round(1500 + rand() * 450) / 10,
    }));
    const mrns: string[] = [];
    const t0 = performance.now();
    const createLatencies = await runPool(CREATIONS, CREATE_CONCURRENCY, async (i) => {
      const r = await client.request('POST', '/api/patients', people[i]);
      if (r.status !== 201) throw new Error(`create ${r.status}: ${JSON.stringify(r.body)}`);
      mrns.push(r.body.mrn);
    });
    const createSeconds = (performance.now() - t0) / 1000;

    const queries = Array.from({ length: SEARCHES }, (_, i) => {
      const p = people[Math.floor(rand() * people.length)]!;
      switch (i % 4) {
        case 0:
          return p.familyName.slice(0, 3);
        case 1:
          return `${p.givenNames} ${p.familyName}`;
        case 2:
          return p.dateOfBirth;
        default:
          return mrns[Math.floor(rand() * mrns.length)]!.slice(0, 5);
      }
    });
    const search = async (i: number) => {
      const r = await client.request('GET', `/api/patients?q=${encodeURIComponent(queries[i]!)}&limit=25`);
      if (r.status !== 200) throw new Error(`search ${r.status}: ${JSON.stringify(r.body)}`);
    };
    const single = await runPool(SEARCHES / 4, 1, search);
    const s0 = performance.now();
    const searchLatencies = await runPool(SEARCHES, SEARCH_CONCURRENCY, search);
    const searchSeconds = (performance.now() - s0) / 1000;
    const figures: Figures = {
      createPerS: CREATIONS / createSeconds,
      createP50: percentile(createLatencies, 50),
      createP99: percentile(createLatencies, 99),
      searchP50: percentile(searchLatencies, 50),
      searchP99: percentile(searchLatencies, 99),
      searchPerS: SEARCHES / searchSeconds,
      singleP50: percentile(single, 50),
      singleP99: percentile(single, 99),
      rssAfterMb: rssMb(pid),
    };
    client.close();
    console.log(
      `${label.padEnd(12)} create ${figures.createPerS.toFixed(0)}/s (p50 ${figures.createP50.toFixed(1)} ms, p99 ${figures.createP99.toFixed(1)} ms)` +
        ` | search ×4: p50 ${figures.searchP50.toFixed(1)} ms, p99 ${figures.searchP99.toFixed(1)} ms, ${figures.searchPerS.toFixed(0)}/s` +
        ` | search ×1: p50 ${figures.singleP50.toFixed(1)} ms, p99 ${figures.singleP99.toFixed(1)} ms` +
        ` | server RSS after ${figures.rssAfterMb.toFixed(0)} MB`,
    );
    return figures;
  } finally {
    await server?.kill();
  }
}

export async function run(): Promise<void> {
  console.log(
    `workload: ${CREATIONS} patient creations over HTTP at concurrency ${CREATE_CONCURRENCY}, then ${SEARCHES} searches ` +
      `at concurrency ${SEARCH_CONCURRENCY} (and ${SEARCHES / 4} at concurrency 1) over them (built server in its own process, NODE_ENV=production; keep-alive node:http load generator sharing the 2 cores)`,
  );
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ketapath-bench-'));
  let embedded: Figures;
  try {
    embedded = await measure('embedded', cliEnv({ DATA_DIR: dataDir }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  let postgresql: Figures | null = null;
  let pgUrl = process.env.KETAPATH_BENCH_DATABASE_URL;
  let pgDir: string | null = null;
  if (!pgUrl) {
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
  if (pgUrl) {
    try {
      postgresql = await measure('postgresql', cliEnv({ DATABASE_URL: pgUrl }));
    } finally {
      if (pgDir) execFileSync('bash', [path.join(REPO_ROOT, 'scripts/pg-throwaway.sh'), 'stop', pgDir]);
    }
  }
  const e = embedded;
  {
    console.log(
      `targets (embedded): search p99 < 25 ms → ${e.searchP99 < 25 ? 'met' : 'NOT met'}; creation ≥ 500/s → ${e.createPerS >= 500 ? 'met' : 'NOT met'}`,
    );
  }
  const p = postgresql;
  if (p) {
    console.log(
      `targets (postgresql at least as fast): creation ${p.createPerS >= e.createPerS ? 'met' : 'NOT met'}, search p99 ${p.searchP99 <= e.searchP99 ? 'met' : 'NOT met'}`,
    );
  }
}
