/**
 * regimenFromChart: the doses actually given, as a @ketapath/pharmacology regimen for the predicted plasma
 * level next to the vital signs.
 */
import type { InfusionSegment, Regimen, RegimenDose } from '@ketapath/pharmacology';
import { mgPerHToMgPerKgPerH } from '@ketapath/units';
import { isoToMs } from './administered-dose.js';
import type { ChartState } from './chart-types.js';

export interface ChartRegimen {
  readonly regimen: Regimen;
  /** The instant minute 0 of the regimen stands for: the first start, or an earlier bolus; null when nothing was given. */
  readonly originIso: string | null;
  /** The weight per-kg segments are expressed on; simulate with this weight. */
  readonly weightKg: number;
}

const MS_PER_MIN = 60_000;

/**
 * Infusion segments (open ones up to chart.administered.asOf) and IV boluses, in minutes from the first dose.
 * Segments ordered per kg (mg/kg/h, µg/kg/min) are given as mg/kg/h on `weightKg` (the weight the prediction
 * is simulated with), the others as mg/h; either way the mg/h the pump delivered is reproduced.
 */
export function regimenFromChart(chart: ChartState, weightKg: number): ChartRegimen {
  if (!(Number.isFinite(weightKg) && weightKg > 0))
    throw new RangeError('weightKg must be a positive number');
  const until = chart.administered.asOf;
  const segments = chart.rateSegments
    .map((s) => ({
      s,
      fromMs: isoToMs(s.fromIso),
      toMs: s.toIso === null ? (until === null ? null : isoToMs(until)) : isoToMs(s.toIso),
    }))
    .filter((x): x is typeof x & { toMs: number } => x.toMs !== null && x.toMs > x.fromMs);
  const starts = [...segments.map((x) => x.fromMs), ...chart.boluses.map((b) => isoToMs(b.at))];
  if (starts.length === 0) return { regimen: { doses: [] }, originIso: null, weightKg };
  const originMs = Math.min(...starts);
  const minutes = (ms: number) => (ms - originMs) / MS_PER_MIN;
  const doses: RegimenDose[] = [];
  for (const { s, fromMs, toMs } of segments) {
    const base = { route: 'iv-infusion' as const, startMin: minutes(fromMs), endMin: minutes(toMs) };
    const segment: InfusionSegment =
      s.rate.unit === 'mg/h'
        ? { ...base, rateMgPerH: s.rateMgPerH }
        : { ...base, rateMgPerKgPerH: mgPerHToMgPerKgPerH(s.rateMgPerH, weightKg) };
    doses.push(segment);
  }
  for (const b of chart.boluses)
    doses.push({ route: 'iv-bolus', atMin: minutes(isoToMs(b.at)), doseMg: b.doseMg });
  return { regimen: { doses }, originIso: new Date(originMs).toISOString(), weightKg };
}
