/**
 * `npm run bench [-- <name>...]`: runs the named benchmarks (default: all) and prints the machine,
 * the workload and the figures. Each benchmark is `bench/<name>.bench.ts` exporting `run(): Promise<void>`.
 */
import os from 'node:os';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !available.includes(a));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
const cpus = os.cpus();
console.log(
  `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
    `Node ${process.version}, ${os.platform()} ${os.release()}`,
);
for (const name of asked.length > 0 ? asked : available) {
  console.log(`\n=== ${name}`);
  const mod = (await import(path.join(here, `${name}.bench.ts`))) as { run: () => Promise<void> };
  await mod.run();
}
