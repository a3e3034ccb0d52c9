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

function population(name: string, request: PopulationRequest, targetPerS: number): void {
  console.log(`\n${name}: ${N} virtual patients × ${GRID.untilMin / GRID.stepMin + 1} points (24 h, 1-min grid)`);
  let points = 0;
  // Every run simulates all N patients at every grid point with freshly sampled IIV (the seed changes per run).
  let seed = request.seed;
  const next = (): PopulationRequest => ({ ...request, seed: ++seed });
  // "fresh": a new matrix per run (first touch of ~58–115 MB of new pages per analyte, what a first request costs).
  // "reused": a PopulationWorkspace kept across runs, as a service would (its buffers were allocated by the
  // untimed run just before); the values are identical either way (population-workspace.test.ts).
  const solve = timeBest('solve, float64, fresh matrix each run (simulatePopulationSeries)', 5, () => {
    const s = simulatePopulationSeries(next());
    points = s.parentNgPerMl.length;
  });
  const ws = new PopulationWorkspace();
  simulatePopulationSeries(next(), { workspace: ws });
  const solveReused = timeBest('solve, float64, reused workspace (steady state)', 5, () => {
    simulatePopulationSeries(next(), { workspace: ws });
  });
  const solve32 = timeBest('solve, float32 storage (what the bands use), fresh matrix each run', 5, () => {
    simulatePopulationSeries(next(), { precision: 'float32' });
  });
  simulatePopulationSeries(next(), { precision: 'float32', workspace: ws });
  const solve32Reused = timeBest('solve, float32 storage, reused workspace (steady state)', 5, () => {
    simulatePopulationSeries(next(), { precision: 'float32', workspace: ws });
  });
  const general = timeBest('solve, general solver for every patient (the path before the fast kernel)', 2, () => {
    simulatePopulationSeries(next(), { solver: 'general' });
  });
  const full = timeBest('solve + 5/25/50/75/95 bands + fraction above 100 ng/mL (simulatePopulation), fresh', 3, () => {
    simulatePopulation({ ...next(), thresholdNgPerMl: 100 });
  });
  simulatePopulation({ ...next(), thresholdNgPerMl: 100 }, { workspace: ws });
  const fullReused = timeBest('solve + bands, reused workspace (steady state)', 3, () => {
    simulatePopulation({ ...next(), thresholdNgPerMl: 100 }, { workspace: ws });
  });
  const line = (label: string, t: Timing): void => {
    const wall = N / (t.wallMs / 1000);
    const cpu = N / (t.cpuMs / 1000);
    const verdict = (x: number): string => (x >= targetPerS ? 'met' : 'NOT met');
    console.log(
      `  virtual patients/s (${label}): ${Math.round(wall).toLocaleString('en-US')} by wall clock (${verdict(wall)}), ` +
        `${Math.round(cpu).toLocaleString('en-US')} per CPU-second (${verdict(cpu)}); target ≥ ${targetPerS.toLocaleString('en-US')}`,
    );
  };
  console.log(`  values per patient matrix: ${points}; load average at the end: ${os.loadavg()[0]?.toFixed(2) ?? '?'} on ${os.cpus().length} cores`);
  line('solve, float64, fresh matrix', solve);
  line('solve, float64, reused workspace', solveReused);
  line('solve, float32 storage, fresh matrix', solve32);
  line('solve, float32 storage, reused workspace', solve32Reused);
  line('general solver', general);
  line('with bands, fresh', full);
  line('with bands, reused workspace', fullReused);
}

export async function run(): Promise<void> {
  await Promise.resolve();
  population(
    'ketamine/kamp-2020, 0.35 mg/kg/h for 4 h (assumed IIV CV 30 % on CL, V1, Q2, V2, Q3, V3: Kamp IIV not found)',
    {
      modelId: 'ketamine/kamp-2020',
      patient,
      regimen: { doses: [{ route: 'iv-infusion', startMin: 0, endMin: 240, rateMgPerKgPerH: 0.35 }] },
      grid: GRID,
      nPatients: N,
      seed: 1,
      assumedIivCvPercent: { CL: 30, V1: 30, Q2: 30, V2: 30, Q3: 30, V3: 30 },
    },
    200_000,
  );
  population(
    'esketamine/perez-ruixo-2021, 56 mg intranasal (published IIV)',
    { modelId: 'esketamine/perez-ruixo-2021', patient, regimen: { doses: [{ route: 'intranasal', atMin: 0, doseMg: 56 }] }, grid: GRID, nPatients: N, seed: 1 },
    30_000,
  );
  console.log('\nsingle patient, 10 days of 0.35 mg/kg/h × 4 h daily, 1-min grid (14,401 points), kamp-2020');
  const doses = Array.from({ length: 10 }, (_, d) => ({ route: 'iv-infusion' as const, startMin: d * 1440, endMin: d * 1440 + 240, rateMgPerKgPerH: 0.35 }));
  const { wallMs: ms } = timeBest('simulate() incl. validation, warnings, Cmax/AUC/troughs', 20, () => {
    simulate({ modelId: 'ketamine/kamp-2020', patient, regimen: { doses }, grid: { stepMin: 1, untilMin: 14_400 } });
  });
  console.log(`  target < 2 ms: ${ms < 2 ? 'met' : 'NOT met'}`);
  console.log(`\npeak memory (maxRSS): ${peakRssMb().toFixed(0)} MB (target < 500 MB); heap used now ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
}
