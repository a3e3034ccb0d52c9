/**
 * Predicted plasma ketamine over the whole planned series (uPlot): the median line and, where the model has
 * between-subject variability, the 5th–95th percentile band. Time runs in days and hours from the first
 * session's start; concentrations in ng/mL. The model and the sampling site are named above the chart and the
 * missing norketamine prediction is said in words under it.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { PlanPredictionDto } from '@ketapath/api-client';
import { formatNumber } from '../../rules/rule-labels';

const HEIGHT_PX = 300;
const H_PER_DAY = 24;
const MIN_PER_H = 60;
const COLORS = { median: '#1d5fa8', band: 'rgba(29, 95, 168, 0.16)' } as const;

/** "2 d 4 h", "4 h", "1.5 h" from hours since the first start. */
export function formatElapsedH(hours: number): string {
  const days = Math.floor(hours / H_PER_DAY);
  const rest = Number((hours - days * H_PER_DAY).toFixed(1));
  if (days === 0) return `${formatNumber(rest)} h`;
  return rest === 0 ? `${days} d` : `${days} d ${formatNumber(rest)} h`;
}

export function formatNg(value: number): string {
  return `${value >= 100 ? Math.round(value) : Number(value.toPrecision(3))} ng/mL`;
}

export function PredictionChart({ prediction }: { prediction: PlanPredictionDto }) {
  const holder = useRef<HTMLDivElement>(null);
  const hasBand = prediction.p5 !== undefined && prediction.p95 !== undefined;

  useEffect(() => {
    const el = holder.current;
    if (!el || prediction.timesMin.length === 0) return;
    const xs = prediction.timesMin.map((t) => t / MIN_PER_H);
    const fmt = (_u: uPlot, v: number | null) => (v === null ? '—' : formatNg(v));
    const data: Array<readonly number[]> = [xs];
    const series: uPlot.Series[] = [
      { label: 'Time', value: (_u, v: number | null) => (v === null ? '—' : formatElapsedH(v)) },
    ];
    const bands: uPlot.Band[] = [];
    let top = Math.max(0, ...prediction.medianNgPerMl);
    if (prediction.p5 && prediction.p95) {
      data.push(prediction.p95, prediction.p5);
      series.push(
        { label: '95th percentile', stroke: 'transparent', width: 0, points: { show: false }, value: fmt },
        { label: '5th percentile', stroke: 'transparent', width: 0, points: { show: false }, value: fmt },
      );
      bands.push({ series: [1, 2], fill: COLORS.band });
      top = Math.max(top, ...prediction.p95);
    }
    data.push(prediction.medianNgPerMl);
    series.push({
      label: 'Median',
      stroke: COLORS.median,
      width: 2,
      points: { show: false },
      value: fmt,
    });
    const lastX = xs[xs.length - 1] ?? 1;
    const spanDays = lastX / H_PER_DAY;
    const axis = { stroke: '#3d4650', grid: { stroke: '#e3e7ec' }, ticks: { stroke: '#c9d0d8' } };
    const opts: uPlot.Options = {
      width: Math.max(300, el.clientWidth),
      height: HEIGHT_PX,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: () => [0, lastX] },
        y: { range: () => [0, top > 0 ? top * 1.08 : 1] },
      },
      axes: [
        {
          ...axis,
          label:
            spanDays > 2
              ? 'Time since the first session starts (days and hours)'
              : 'Time since the start (h)',
          labelSize: 26,
          // Whole days on a long series, hours on a short one.
          incrs: spanDays > 2 ? [6, 12, 24, 48, 96, 168] : [0.5, 1, 2, 4, 6, 12],
          values: (_u, splits) => splits.map((v) => formatElapsedH(v)),
        },
        {
          ...axis,
          label: 'Plasma ketamine (ng/mL)',
          labelSize: 26,
          size: 56,
        },
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
  }, [prediction]);

  const summary = `Predicted plasma ketamine over the series: peak median ${formatNg(prediction.peakNgPerMl)}${hasBand ? ', with the 5th–95th percentile band' : ''}.`;
  return (
    <figure className="prediction">
      <figcaption>
        <span className="prediction-title">Predicted ketamine level for the whole series</span>
        <span className="prediction-model">
          Model: <strong>{prediction.modelTitle}</strong>{' '}
          <span className="mono small">({prediction.modelId})</span> · sampling site:{' '}
          <strong>{prediction.samplingSite}</strong> · peak (median){' '}
          <strong>{formatNg(prediction.peakNgPerMl)}</strong>
        </span>
      </figcaption>
      <ul className="chart-legend" aria-hidden="true">
        <li>
          <span className="swatch swatch-line" style={{ background: COLORS.median }} /> Median (typical
          patient)
        </li>
        {hasBand && (
          <li>
            <span className="swatch swatch-band" style={{ background: COLORS.band }} /> 5th–95th percentile
          </li>
        )}
      </ul>
      <div ref={holder} className="prediction-chart" role="img" aria-label={summary} />
      {!hasBand && !prediction.notes?.length && (
        <p className="small muted">
          No band: the model has no published between-subject variability to sample.
        </p>
      )}
      {!prediction.norketamine.available && (
        <p className="prediction-note">
          <span aria-hidden="true">ℹ </span>
          Norketamine is not predicted: {prediction.norketamine.reason}.
        </p>
      )}
      {prediction.notes && prediction.notes.length > 0 && (
        <ul className="plain-list small">
          {prediction.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </figure>
  );
}
