/**
 * One time axis for the session (uPlot): the predicted plasma ketamine level from the doses actually given
 * (left axis, ng/mL), systolic and diastolic BP, heart rate and SpO₂ (right axis), the pump rate as steps
 * along the bottom, and a marker at every alert coloured by its action tier.
 */
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ActionTier, ChartDto } from '@ketapath/api-client';
import type { ChartView } from './chart-view';
import { formatAmount } from './session-labels';

export const TIMELINE_COLORS = {
  ketamine: '#1d5fa8',
  systolic: '#a4161a',
  diastolic: '#d26a6d',
  heartRate: '#5b2d8c',
  spo2: '#1e6b34',
  rate: 'rgba(122, 75, 0, 0.85)',
  rateFill: 'rgba(255, 241, 208, 0.7)',
} as const;

const TIER_COLORS: Readonly<Record<ActionTier | 'none', string>> = {
  'stop-and-call': '#a4161a',
  pause: '#c2410c',
  slow: '#a16207',
  'continue-and-watch': '#1d5fa8',
  none: '#4a5561',
};

/** Most urgent first, for the colour of a shared marker. */
const TIER_RANK: Readonly<Record<ActionTier | 'none', number>> = {
  'stop-and-call': 0,
  pause: 1,
  slow: 2,
  'continue-and-watch': 3,
  none: 4,
};

const HEIGHT_PX = 320;

interface Step {
  atSec: number;
  rateMlPerH: number;
}

/** The pump rate in force over time, from the server's rate segments or else from the chart's events. */
function rateSteps(dto: ChartDto, view: ChartView): Step[] {
  const segments = Array.isArray(dto.chart.rateSegments) ? dto.chart.rateSegments : [];
  const toSec = (iso: string) => new Date(iso).getTime() / 1000;
  if (segments.length > 0) {
    const steps: Step[] = [];
    for (const s of segments) {
      steps.push({ atSec: toSec(s.fromIso), rateMlPerH: s.rateMlPerH });
      if (s.toIso) steps.push({ atSec: toSec(s.toIso), rateMlPerH: 0 });
    }
    return steps.sort((a, b) => a.atSec - b.atSec);
  }
  const steps: Step[] = [];
  let rate = 0;
  let running = false;
  for (const e of view.events) {
    const at = toSec(e.occurredAt);
    const d = e.data;
    if (d.kind === 'pump-program' || d.kind === 'rate-change') {
      rate = d.rateMlPerH;
      if (running) steps.push({ atSec: at, rateMlPerH: rate });
    } else if (d.kind === 'start' || d.kind === 'resume') {
      running = true;
      steps.push({ atSec: at, rateMlPerH: rate });
    } else if (d.kind === 'pause' || d.kind === 'stop') {
      running = false;
      steps.push({ atSec: at, rateMlPerH: 0 });
    }
  }
  return steps;
}

function rateAt(steps: readonly Step[], atSec: number): number | null {
  let value: number | null = null;
  for (const s of steps) {
    if (s.atSec <= atSec) value = s.rateMlPerH;
    else break;
  }
  return value;
}

export function SessionTimelineChart({ dto, view, now }: { dto: ChartDto; view: ChartView; now: Date }) {
  const holder = useRef<HTMLDivElement>(null);
  const prediction = dto.prediction;
  const startIso = prediction?.startIso ?? dto.chart.startedAt;

  const model = useMemo(() => {
    const xs = new Set<number>();
    const predicted = new Map<number, number>();
    if (prediction && startIso) {
      const t0 = new Date(startIso).getTime() / 1000;
      prediction.timesMin.forEach((m, i) => {
        const x = Math.round(t0 + m * 60);
        const y = prediction.ngPerMl[i];
        if (y !== undefined) {
          xs.add(x);
          predicted.set(x, y);
        }
      });
    }
    const vitals = new Map<number, (typeof view.vitals)[number]['data']['vitals']>();
    for (const v of view.vitals) {
      const x = Math.round(new Date(v.occurredAt).getTime() / 1000);
      xs.add(x);
      vitals.set(x, v.data.vitals);
    }
    const steps = rateSteps(dto, view);
    for (const s of steps) xs.add(Math.round(s.atSec));
    const alerts = view.alerts.map((a) => ({
      x: Math.round(new Date(a.entry.occurredAt).getTime() / 1000),
      tier: a.actionTier ?? ('none' as const),
    }));
    for (const a of alerts) xs.add(a.x);
    const endSec = Math.round((dto.chart.stoppedAt ? new Date(dto.chart.stoppedAt) : now).getTime() / 1000);
    if (dto.chart.startedAt && xs.size > 0) xs.add(endSec);
    const x = [...xs].sort((a, b) => a - b);
    // The axis spans at least the planned session from its start, so early readings are not squeezed.
    const firstSec = x[0] ?? 0;
    const startSec = dto.chart.startedAt
      ? Math.round(new Date(dto.chart.startedAt).getTime() / 1000)
      : firstSec;
    const rangeFrom = Math.min(firstSec, startSec);
    const rangeTo = Math.max(x[x.length - 1] ?? rangeFrom, startSec + dto.session.plannedDurationMin * 60);
    const pick = (get: (t: number) => number | undefined | null) => x.map((t) => get(t) ?? null);
    return {
      x,
      ketamine: pick((t) => predicted.get(t)),
      systolic: pick((t) => vitals.get(t)?.systolicMmHg),
      diastolic: pick((t) => vitals.get(t)?.diastolicMmHg),
      heartRate: pick((t) => vitals.get(t)?.heartRatePerMin),
      spo2: pick((t) => vitals.get(t)?.spo2Percent),
      // The pump rate is known up to now (or the stop), not into the predicted tail.
      rate: steps.length === 0 ? x.map(() => null) : pick((t) => (t > endSec ? null : rateAt(steps, t))),
      alerts,
      hasPrediction: predicted.size > 0,
      rangeFrom,
      rangeTo,
    };
  }, [dto, view, prediction, startIso, now]);

  useEffect(() => {
    const el = holder.current;
    if (!el || model.x.length < 2) return;
    const maxKetamine = Math.max(1, ...model.ketamine.filter((v): v is number => v !== null));
    const maxRate = Math.max(1, ...model.rate.filter((v): v is number => v !== null));
    const maxVital = Math.max(
      100,
      ...[...model.systolic, ...model.heartRate].filter((v): v is number => v !== null),
    );
    const fmt = (unit: string) => (_u: uPlot, v: number | null) =>
      v === null ? '—' : `${formatAmount(v, 1)} ${unit}`;
    const vitalSeries = (label: string, stroke: string, unit: string, dash?: number[]): uPlot.Series => ({
      label,
      stroke,
      width: 2,
      scale: 'vitals',
      spanGaps: true,
      points: { show: true, size: 7, fill: stroke },
      value: fmt(unit),
      ...(dash ? { dash } : {}),
    });
    const stepped = uPlot.paths.stepped?.({ align: 1 });
    const axis = { stroke: '#3d4650', grid: { stroke: '#e3e7ec' }, ticks: { stroke: '#c9d0d8' } };
    const markers = model.alerts;
    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth),
      height: HEIGHT_PX,
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: () => [model.rangeFrom, model.rangeTo] },
        conc: { range: () => [0, maxKetamine * 1.15] },
        vitals: { range: () => [0, maxVital * 1.1] },
        // The pump rate uses the bottom quarter of the plot.
        rate: { range: () => [0, maxRate * 4] },
      },
      axes: [
        { ...axis },
        { ...axis, scale: 'conc', label: 'Predicted ketamine (ng/mL)', labelSize: 24, size: 56 },
        {
          ...axis,
          scale: 'vitals',
          // uPlot's Side is an ambient const enum (unreachable under verbatimModuleSyntax); 1 is Right.
          // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
          side: 1,
          grid: { show: false },
          label: 'mmHg · /min · %',
          labelSize: 24,
          size: 50,
        },
      ],
      series: [
        { label: 'Time' },
        {
          label: 'Predicted ketamine',
          stroke: TIMELINE_COLORS.ketamine,
          width: 2.5,
          scale: 'conc',
          spanGaps: true,
          points: { show: false },
          value: fmt('ng/mL'),
        },
        vitalSeries('Systolic BP', TIMELINE_COLORS.systolic, 'mmHg'),
        vitalSeries('Diastolic BP', TIMELINE_COLORS.diastolic, 'mmHg', [6, 4]),
        vitalSeries('Heart rate', TIMELINE_COLORS.heartRate, '/min'),
        vitalSeries('SpO₂', TIMELINE_COLORS.spo2, '%'),
        {
          label: 'Pump rate',
          stroke: TIMELINE_COLORS.rate,
          fill: TIMELINE_COLORS.rateFill,
          width: 1.5,
          scale: 'rate',
          ...(stepped ? { paths: stepped } : {}),
          points: { show: false },
          value: fmt('mL/h'),
        },
      ],
      hooks: {
        draw: [
          (u) => {
            const { ctx } = u;
            const top = u.bbox.top;
            const height = u.bbox.height;
            ctx.save();
            ctx.lineWidth = 2 * uPlot.pxRatio;
            ctx.setLineDash([4 * uPlot.pxRatio, 3 * uPlot.pxRatio]);
            ctx.font = `${11 * uPlot.pxRatio}px system-ui, sans-serif`;
            // Alerts closer than a few pixels share one line, coloured by the most urgent, with their count.
            const groups: Array<{ px: number; tier: ActionTier | 'none'; count: number }> = [];
            for (const m of markers) {
              const px = u.valToPos(m.x, 'x', true);
              if (!Number.isFinite(px)) continue;
              const near = groups.find((g) => Math.abs(g.px - px) < 6 * uPlot.pxRatio);
              if (near) {
                near.count += 1;
                if (TIER_RANK[m.tier] < TIER_RANK[near.tier]) near.tier = m.tier;
              } else groups.push({ px, tier: m.tier, count: 1 });
            }
            for (const g of groups) {
              ctx.strokeStyle = TIER_COLORS[g.tier];
              ctx.fillStyle = TIER_COLORS[g.tier];
              ctx.beginPath();
              ctx.moveTo(g.px, top);
              ctx.lineTo(g.px, top + height);
              ctx.stroke();
              ctx.fillText(`⚑ ${g.count}`, g.px + 3 * uPlot.pxRatio, top + 12 * uPlot.pxRatio);
            }
            ctx.restore();
          },
        ],
      },
    };
    const data: uPlot.AlignedData = [
      model.x,
      model.ketamine,
      model.systolic,
      model.diastolic,
      model.heartRate,
      model.spo2,
      model.rate,
    ];
    const chart = new uPlot(opts, data, el);
    const observer = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT_PX });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [model]);

  const peak = Math.max(0, ...model.ketamine.filter((v): v is number => v !== null));
  const summary = `Session timeline: ${
    model.hasPrediction ? `predicted ketamine up to ${formatAmount(peak, 0)} ng/mL; ` : ''
  }${view.vitals.length} vital-sign readings; ${view.alerts.length} alerts.`;

  if (model.x.length < 2) {
    return (
      <p className="empty-state">
        The timeline appears once the infusion starts or vital signs are recorded.
      </p>
    );
  }
  return (
    <figure className="session-timeline">
      <div ref={holder} className="timeline-chart" role="img" aria-label={summary} />
      <figcaption className="small muted">
        {prediction
          ? `Predicted plasma ketamine from the doses actually given (${prediction.modelTitle}, ${prediction.samplingSite} sampling); a norketamine prediction is not available for racemic ketamine. `
          : 'No predicted level yet. '}
        Dashed vertical lines mark alerts (⚑ with their count), coloured by the most urgent action tier.
      </figcaption>
    </figure>
  );
}
