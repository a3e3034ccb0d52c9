/**
 * Plasma concentration over time (uPlot): the typical patient's parent drug and metabolite, the population
 * band (5–95 % and 25–75 %) when there is one, and the threshold as a dashed line. Time in h, ng/mL.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AnalyteBands } from '@ketapath/pharmacology';
import { formatNgPerMl, minToH } from './display-units';

export const CHART_COLORS = {
  parent: '#1d5fa8',
  parentOuter: 'rgba(29, 95, 168, 0.13)',
  parentInner: 'rgba(29, 95, 168, 0.26)',
  metabolite: '#b35300',
  metaboliteOuter: 'rgba(179, 83, 0, 0.11)',
  metaboliteInner: 'rgba(179, 83, 0, 0.22)',
  threshold: '#a4161a',
} as const;

const HEIGHT_PX = 340;

export interface ChartSeries {
  readonly label: string;
  readonly ngPerMl: readonly number[];
  readonly bands: AnalyteBands | null;
}

interface ConcentrationChartProps {
  readonly timesMin: readonly number[];
  readonly parent: ChartSeries;
  readonly metabolite: ChartSeries | null;
  readonly thresholdNgPerMl: number | null;
  /** What a screen reader hears instead of the picture. */
  readonly summary: string;
}

function percentile(bands: AnalyteBands | null, p: number): readonly number[] | null {
  return bands?.percentiles.find((x) => x.percentile === p)?.ngPerMl ?? null;
}

const hidden = { stroke: 'transparent', width: 0, points: { show: false } } as const;

export function ConcentrationChart({ timesMin, parent, metabolite, thresholdNgPerMl, summary }: ConcentrationChartProps) {
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = holder.current;
    if (!el || timesMin.length === 0) return;
    const xs = timesMin.map(minToH);
    const data: Array<readonly number[]> = [xs];
    const series: uPlot.Series[] = [{ label: 'Time', value: (_u, v: number | null) => (v === null ? '—' : `${v.toFixed(2)} h`) }];
    const bands: uPlot.Band[] = [];
    const fmt = (_u: uPlot, v: number | null) => (v === null ? '—' : formatNgPerMl(v));
    let maxY = 0;

    function addBand(b: AnalyteBands | null, outer: string, inner: string, label: string) {
      const p5 = percentile(b, 5);
      const p25 = percentile(b, 25);
      const p75 = percentile(b, 75);
      const p95 = percentile(b, 95);
      if (!p5 || !p25 || !p75 || !p95) return;
      const base = data.length;
      data.push(p95, p5, p75, p25);
      series.push(
        { ...hidden, label: `${label} 95th percentile`, value: fmt },
        { ...hidden, label: `${label} 5th percentile`, value: fmt },
        { ...hidden, label: `${label} 75th percentile`, value: fmt },
        { ...hidden, label: `${label} 25th percentile`, value: fmt },
      );
      bands.push({ series: [base, base + 1], fill: outer }, { series: [base + 2, base + 3], fill: inner });
      maxY = Math.max(maxY, ...p95);
    }
    addBand(parent.bands, CHART_COLORS.parentOuter, CHART_COLORS.parentInner, parent.label);
    if (metabolite) addBand(metabolite.bands, CHART_COLORS.metaboliteOuter, CHART_COLORS.metaboliteInner, metabolite.label);

    data.push(parent.ngPerMl);
    series.push({ label: parent.label, stroke: CHART_COLORS.parent, width: 2.5, points: { show: false }, value: fmt });
    maxY = Math.max(maxY, ...parent.ngPerMl);
    if (metabolite) {
      data.push(metabolite.ngPerMl);
      series.push({ label: metabolite.label, stroke: CHART_COLORS.metabolite, width: 2.5, points: { show: false }, value: fmt });
      maxY = Math.max(maxY, ...metabolite.ngPerMl);
    }
    if (thresholdNgPerMl !== null) {
      data.push(xs.map(() => thresholdNgPerMl));
      series.push({ label: 'Threshold', stroke: CHART_COLORS.threshold, width: 1.5, dash: [8, 5], points: { show: false }, value: fmt });
      maxY = Math.max(maxY, thresholdNgPerMl);
    }
    const top = maxY > 0 ? maxY * 1.08 : 1;
    const lastX = xs[xs.length - 1] ?? 1;

    const axis = { stroke: '#3d4650', grid: { stroke: '#e3e7ec' }, ticks: { stroke: '#c9d0d8' } };
    const opts: uPlot.Options = {
      width: Math.max(300, el.clientWidth),
      height: HEIGHT_PX,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: () => [0, lastX] }, y: { range: () => [0, top] } },
      axes: [
        { ...axis, label: 'Time since first dose (h)', labelSize: 26 },
        { ...axis, label: 'Plasma concentration (ng/mL)', labelSize: 26, size: 56 },
      ],
      series,
      bands,
    };
    const chart = new uPlot(opts, data as uPlot.AlignedData, el);
    const observer = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(300, el.clientWidth), height: HEIGHT_PX });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [timesMin, parent, metabolite, thresholdNgPerMl]);

  return <div ref={holder} className="concentration-chart" role="img" aria-label={summary} />;
}
