/** A small chart of weight over time (uPlot). The table beside it carries the same data for screen readers. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Measurement } from '@ketapath/core';

const DAY_S = 86_400;

function toSeconds(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / 1000;
}

export function WeightChart({ weights }: { weights: readonly Measurement[] }) {
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = holder.current;
    if (!el || weights.length === 0) return;
    const points = [...weights].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn));
    const xs = points.map((m) => toSeconds(m.measuredOn));
    const ys = points.map((m) => m.value);
    const minY = Math.min(...ys);
    const maxY = Math.max(...ys);
    const pad = Math.max(2, (maxY - minY) * 0.15);
    const firstX = xs[0] ?? 0;
    const lastX = xs[xs.length - 1] ?? 0;
    const spanX = Math.max(lastX - firstX, 30 * DAY_S);
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height: 220,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: () => [firstX - spanX * 0.05, lastX + spanX * 0.05] },
        y: { range: () => [Math.floor(minY - pad), Math.ceil(maxY + pad)] },
      },
      axes: [
        { stroke: '#3d4650', grid: { stroke: '#e3e7ec' }, ticks: { stroke: '#c9d0d8' } },
        {
          label: 'Weight (kg)',
          stroke: '#3d4650',
          grid: { stroke: '#e3e7ec' },
          ticks: { stroke: '#c9d0d8' },
          size: 60,
          values: (_u, splits) => splits.map((v) => `${v} kg`),
        },
      ],
      series: [
        {},
        {
          label: 'Weight',
          stroke: '#1d5fa8',
          width: 2,
          points: { show: true, size: 7, fill: '#1d5fa8' },
          value: (_u, v: number | null) => (v === null ? '—' : `${v} kg`),
        },
      ],
    };
    const chart = new uPlot(opts, [xs, ys], el);
    const observer = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(280, el.clientWidth), height: 220 });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [weights]);

  const latest = weights[0];
  const summary =
    weights.length === 0
      ? 'No weights recorded.'
      : `Weight over time: ${weights.length} measurement${weights.length === 1 ? '' : 's'}, latest ${latest?.value ?? ''} kg.`;
  return <div ref={holder} className="weight-chart" role="img" aria-label={summary} />;
}
