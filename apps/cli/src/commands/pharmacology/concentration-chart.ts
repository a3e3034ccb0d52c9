/**
 * The `--svg` chart of a simulation: parent and metabolite concentration (ng/mL) against time (in hours when
 * the run is longer than 3 h, else minutes), with the population's 5–95th and 25–75th percentile bands.
 */
import type { AnalyteBands, PopulationResult, SimulateResult } from '@ketapath/pharmacology';
import { renderLineChart, type ChartBand, type ChartLine } from './svg-chart.js';

const PARENT_COLOR = '#1d4ed8';
const METABOLITE_COLOR = '#c2410c';
/** Above this span the time axis is in hours. */
const HOURS_AXIS_FROM_MIN = 180;
const MIN_PER_H = 60;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function bandsOf(name: string, color: string, xs: readonly number[], bands: AnalyteBands | null, nPatients: number): ChartBand[] {
  if (bands === null) return [];
  const at = (p: number) => bands.percentiles.find((b) => b.percentile === p)?.ngPerMl;
  const out: ChartBand[] = [];
  for (const [lo, hi] of [
    [5, 95],
    [25, 75],
  ] as const) {
    const lower = at(lo);
    const upper = at(hi);
    if (lower !== undefined && upper !== undefined) out.push({ label: `${capitalise(name)} ${lo}–${hi}th percentile (${nPatients} virtual patients)`, color, xs, lower, upper });
  }
  return out;
}

export function renderConcentrationChart(result: SimulateResult, population: PopulationResult | null): string {
  const span = (result.timesMin[result.timesMin.length - 1] ?? 0) - (result.timesMin[0] ?? 0);
  const inHours = span > HOURS_AXIS_FROM_MIN;
  const xs = result.timesMin.map((tMin) => (inHours ? tMin / MIN_PER_H : tMin));
  const { parent, metabolite } = result.model.analytes;
  const lines: ChartLine[] = [{ label: `${capitalise(parent)} (ng/mL)`, color: PARENT_COLOR, xs, ys: result.ketamineNgPerMl }];
  if (metabolite !== null && result.norketamineNgPerMl !== null) {
    lines.push({ label: `${capitalise(metabolite)} (ng/mL)`, color: METABOLITE_COLOR, xs, ys: result.norketamineNgPerMl, dash: '6 4' });
  }
  const bands = population === null ? [] : [...bandsOf(parent, PARENT_COLOR, xs, population.ketamine, population.nPatients), ...bandsOf(metabolite ?? 'metabolite', METABOLITE_COLOR, xs, population.norketamine, population.nPatients)];
  return renderLineChart({
    title: `${result.model.id}: plasma ${parent}${metabolite === null ? '' : ` and ${metabolite}`}`,
    xLabel: inHours ? 'Time (h)' : 'Time (min)',
    yLabel: 'Plasma concentration (ng/mL)',
    lines,
    bands,
  });
}
