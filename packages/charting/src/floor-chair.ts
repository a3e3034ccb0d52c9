/**
 * floorChair: one chair of the clinic floor board, from the folded chart and the session's schedule facts.
 */
import type { ChartRate } from '@ketapath/core';
import { isoToMs } from './administered-dose.js';
import { openAlertsByTier, type AlertCounts } from './alerts.js';
import type { ChartState, ChartStateName, ChartVitals } from './chart-types.js';

export type Trend = 'up' | 'down' | 'flat';

export interface FloorChair {
  readonly sessionId: string;
  readonly chair: string | null;
  readonly patient: { readonly id: string; readonly displayName: string; readonly mrn: string | null };
  readonly protocolName: string;
  readonly sessionNumber: number;
  readonly sessionCount: number;
  readonly state: ChartStateName;
  readonly startedAt: string | null;
  /** Whole minutes infused so far (from the start to the stop or now, less time paused); null before the start. */
  readonly elapsedMin: number | null;
  /** Planned duration less elapsedMin, not below 0 (0 once stopped); null before the start. */
  readonly remainingMin: number | null;
  /** The rate running now (null unless running). */
  readonly currentRate: (ChartRate & { readonly rateMlPerH: number }) | null;
  readonly lastVitals: {
    readonly at: string;
    readonly systolicMmHg: number | null;
    readonly diastolicMmHg: number | null;
    readonly heartRatePerMin: number | null;
    readonly spo2Percent: number | null;
    readonly respiratoryRatePerMin: number | null;
  } | null;
  /** Direction between the last two readings of each sign; null with fewer than two. */
  readonly trend: {
    readonly systolic: Trend | null;
    readonly heartRate: Trend | null;
    readonly spo2: Trend | null;
    readonly respiratoryRate: Trend | null;
  };
  readonly openAlerts: AlertCounts;
  readonly assignedNurse: { readonly id: string; readonly displayName: string } | null;
  /** The session's version (for a schedule edit from the board). */
  readonly version: number;
}

export interface FloorChairInput {
  readonly chart: ChartState;
  readonly session: {
    readonly chair: string | null;
    readonly sessionNumber: number;
    readonly sessionCount: number;
    readonly version: number;
    readonly assignedNurse: { readonly id: string; readonly displayName: string } | null;
  };
  readonly patient: { readonly id: string; readonly displayName: string; readonly mrn: string | null };
  readonly protocolName: string;
  readonly now: string;
}

const MS_PER_MIN = 60_000;

/** Milliseconds infused: from the start to the stop (or now), less the paused time inside that span. */
export function infusedMs(chart: ChartState, now: string): number | null {
  if (chart.startedAt === null) return null;
  const fromMs = isoToMs(chart.startedAt);
  const untilMs = isoToMs(chart.stoppedAt ?? now);
  if (untilMs <= fromMs) return 0;
  let pausedMs = 0;
  for (const p of chart.pauses) {
    const a = Math.max(fromMs, isoToMs(p.fromIso));
    const b = Math.min(untilMs, isoToMs(p.toIso ?? now));
    if (b > a) pausedMs += b - a;
  }
  return Math.max(0, untilMs - fromMs - pausedMs);
}

/**
 * The direction between two readings. This is a display of direction only, not a clinical judgement: any
 * difference counts as up or down and 'flat' means exactly equal (REFERENCE.md gives no band within which a
 * change is insignificant, so none is invented here).
 */
export function trendOf(previous: number | undefined, latest: number | undefined): Trend | null {
  if (previous === undefined || latest === undefined) return null;
  return latest > previous ? 'up' : latest < previous ? 'down' : 'flat';
}

function lastTwo(vitals: readonly ChartVitals[], pick: (v: ChartVitals) => number | undefined): Trend | null {
  const values = vitals.map(pick).filter((x): x is number => x !== undefined);
  return trendOf(values[values.length - 2], values[values.length - 1]);
}

export function floorChair(input: FloorChairInput): FloorChair {
  const { chart, session, now } = input;
  const ms = infusedMs(chart, now);
  const elapsedMin = ms === null ? null : Math.floor(ms / MS_PER_MIN);
  const remainingMin =
    elapsedMin === null
      ? null
      : chart.stoppedAt !== null
        ? 0
        : Math.max(0, chart.plannedDurationMin - elapsedMin);
  const open = chart.state === 'running' ? chart.rateSegments.find((s) => s.toIso === null) : undefined;
  // Readings in the order they were taken (a reading entered late keeps its place; ties keep entry order).
  const vitals = [...chart.vitals].sort((a, b) => isoToMs(a.at) - isoToMs(b.at));
  const last = vitals[vitals.length - 1];
  return {
    sessionId: chart.sessionId,
    chair: session.chair,
    patient: { ...input.patient },
    protocolName: input.protocolName,
    sessionNumber: session.sessionNumber,
    sessionCount: session.sessionCount,
    state: chart.state,
    startedAt: chart.startedAt,
    elapsedMin,
    remainingMin,
    currentRate:
      open === undefined
        ? null
        : { value: open.rate.value, unit: open.rate.unit, rateMlPerH: open.rateMlPerH },
    lastVitals:
      last === undefined
        ? null
        : {
            at: last.at,
            systolicMmHg: last.systolicMmHg ?? null,
            diastolicMmHg: last.diastolicMmHg ?? null,
            heartRatePerMin: last.heartRatePerMin ?? null,
            spo2Percent: last.spo2Percent ?? null,
            respiratoryRatePerMin: last.respiratoryRatePerMin ?? null,
          },
    trend: {
      systolic: lastTwo(vitals, (v) => v.systolicMmHg),
      heartRate: lastTwo(vitals, (v) => v.heartRatePerMin),
      spo2: lastTwo(vitals, (v) => v.spo2Percent),
      respiratoryRate: lastTwo(vitals, (v) => v.respiratoryRatePerMin),
    },
    openAlerts: openAlertsByTier(chart),
    assignedNurse: session.assignedNurse,
    version: session.version,
  };
}
