/**
 * Pharmacology engine benchmark (issue 3 item 6): 10,000 virtual patients × 24 h at a 1-min grid for
 * kamp-2020 (4 h of 0.35 mg/kg/h) and perez-ruixo-2021 (56 mg intranasal), one core; a single patient's
 * 10-day regimen at a 1-min grid; peak memory.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { PopulationWorkspace, simulate, simulatePopulation, simulatePopulationSeries, type PopulationRequest } from '@ketapath/pharmacology';

const N = 10_000;
const GRID = { stepMin: 1, untilMin: 1440 };
const patient = { weightKg: 70, ageYears: 45, sex: 'female' as const };

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
}

interface Timing {
  /** Best wall-clock time (ms). */
  readonly wallMs: number;
  /** Best CPU time of this process (user + system, ms): what one core spent, even when other work shares it. */
  readonly cpuMs: number;
}

function timeBest(label: string, runs: number, fn: () => void): Timing {
  let wallMs = Infinity;
  let cpuMs = Infinity;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wallMs = Math.min(wallMs, performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuMs = Math.min(cpuMs, (c.user + c.system) / 1000);
  }
  console.log(`  ${label}: best of ${runs} = ${wallMs.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU`);
  return { wallMs, cpuMs };
}

interface Case {
  readonly name: string;
  readonly request: PopulationRequest;
  readonly targetPerS: number;
  /** Every run simulates all N patients at every grid point with freshly sampled IIV (a new seed per run). */
  seed: number;
  readonly timings: [string, Timing][];
}

function nextRequest(c: Case): PopulationRequest {
  c.seed += 1;
  return { ...c.request, seed: c.seed };
}

/** "fresh": a new matrix per run (first touch of 58–115 MB of new pages per analyte: what a first request costs). */
function freshRuns(c: Case): void {
  console.log(`\n${c.name}: ${N} virtual patients × ${GRID.untilMin / GRID.stepMin + 1} points (24 h, 1-min grid); fresh matrices`);
  const t = c.timings;
  t.push(['solve, float64, fresh matrix', timeBest('solve, float64 series for every patient (simulatePopulationSeries), fresh matrix each run', 5, () => void simulatePopulationSeries(nextRequest(c)))]);
  t.push(['solve, float32 storage, fresh matrix', timeBest('solve, float32 series storage (what the bands use), fresh matrix each run', 5, () => void simulatePopulationSeries(nextRequest(c), { precision: 'float32' }))]);
  t.push(['general solver', timeBest('solve, general solver for every patient (the path before the fast kernel)', 2, () => void simulatePopulationSeries(nextRequest(c), { solver: 'general' }))]);
  t.push(['with bands, fresh', timeBest('solve + 5/25/50/75/95 bands + fraction above 100 ng/mL (simulatePopulation), fresh matrix each run', 3, () => void simulatePopulation({ ...nextRequest(c), thresholdNgPerMl: 100 }))]);
}

/**
 * "reused": one PopulationWorkspace kept across runs, as a service process would; an untimed run first
 * allocates or grows its buffers. Values are identical either way (population-workspace.test.ts).
 */
function reusedRuns(c: Case, ws: PopulationWorkspace): void {
  console.log(`\n${c.name}: reused workspace (steady state)`);
  const t = c.timings;
  simulatePopulationSeries(nextRequest(c), { workspace: ws });
  t.push(['solve, float64, reused workspace', timeBest('solve, float64, reused workspace', 5, () => void simulatePopulationSeries(nextRequest(c), { workspace: ws }))]);
  t.push(['solve, float32 storage, reused workspace', timeBest('solve, float32 storage, reused workspace', 5, () => void simulatePopulationSeries(nextRequest(c), { precision: 'float32', workspace: ws }))]);
  simulatePopulation({ ...nextRequest(c), thresholdNgPerMl: 100 }, { workspace: ws });
  t.push(['with bands, reused workspace', timeBest('solve + bands, reused workspace', 3, () => void simulatePopulation({ ...nextRequest(c), thresholdNgPerMl: 100 }, { workspace: ws }))]);
}

function report(c: Case): void {
  console.log(`\n${c.name}: virtual patients per second (${N} patients × ${GRID.untilMin / GRID.stepMin + 1} points)`);
  for (const [label, t] of c.timings) {
    const wall = N / (t.wallMs / 1000);
    const cpu = N / (t.cpuMs / 1000);
    const verdict = (x: number): string => (x >= c.targetPerS ? 'met' : 'NOT met');
    console.log(
      `  ${label}: ${Math.round(wall).toLocaleString('en-US')} by wall clock (${verdict(wall)}), ` +
        `${Math.round(cpu).toLocaleString('en-US')} per CPU-second (${verdict(cpu)}); target ≥ ${c.targetPerS.toLocaleString('en-US')}`,
    );
  }
}

export async function run(): Promise<void> {
  await Promise.resolve();
  const cases: Case[] = [
    {
      name: 'ketamine/kamp-2020, 0.35 mg/kg/h for 4 h (assumed IIV CV 30 % on CL, V1, Q2, V2, Q3, V3: Kamp IIV not found)',
      request: {
        modelId: 'ketamine/kamp-2020',
        patient,
        regimen: { doses: [{ route: 'iv-infusion', startMin: 0, endMin: 240, rateMgPerKgPerH: 0.35 }] },
        grid: GRID,
        nPatients: N,
        seed: 1,
        assumedIivCvPercent: { CL: 30, V1: 30, Q2: 30, V2: 30, Q3: 30, V3: 30 },
      },
      targetPerS: 200_000,
      seed: 1,
      timings: [],
    },
    {
      name: 'esketamine/perez-ruixo-2021, 56 mg intranasal (published IIV)',
      request: { modelId: 'esketamine/perez-ruixo-2021', patient, regimen: { doses: [{ route: 'intranasal', atMin: 0, doseMg: 56 }] }, grid: GRID, nPatients: N, seed: 1 },
      targetPerS: 30_000,
      seed: 1,
      timings: [],
    },
  ];
  for (const c of cases) freshRuns(c);
  const peakFresh = peakRssMb();
  // One workspace for both models, as one service process would keep (at most Perez-Ruixo's two float64
  // matrices, 230 MB, stay allocated in it).
  const ws = new PopulationWorkspace();
  for (const c of cases) reusedRuns(c, ws);
  console.log(`\nload average at the end of the population runs: ${os.loadavg()[0]?.toFixed(2) ?? '?'} on ${os.cpus().length} cores`);
  for (const c of cases) report(c);
  console.log('\nsingle patient, 10 days of 0.35 mg/kg/h × 4 h daily, 1-min grid (14,401 points), kamp-2020');
  const doses = Array.from({ length: 10 }, (_, d) => ({ route: 'iv-infusion' as const, startMin: d * 1440, endMin: d * 1440 + 240, rateMgPerKgPerH: 0.35 }));
  const { wallMs: ms } = timeBest('simulate() incl. validation, warnings, Cmax/AUC/troughs', 20, () => {
    simulate({ modelId: 'ketamine/kamp-2020', patient, regimen: { doses }, grid: { stepMin: 1, untilMin: 14_400 } });
  });
  console.log(`  target < 2 ms: ${ms < 2 ? 'met' : 'NOT met'}`);
  console.log(
    `\npeak memory (maxRSS, target < 500 MB): ${peakFresh.toFixed(0)} MB over the fresh-matrix runs; ` +
      `${peakRssMb().toFixed(0)} MB at the end (the workspace runs, with garbage of earlier runs not yet collected); heap used now ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
  );
}
