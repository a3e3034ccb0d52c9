/**
 * Reading the vital-sign history of a session snapshot: the latest value of one vital sign, the reading
 * before it and the direction between them, and the minutes between two instants.
 */
import type { SessionSnapshot } from '@ketapath/core';

export type VitalField =
  'systolicMmHg' | 'diastolicMmHg' | 'heartRatePerMin' | 'spo2Percent' | 'respiratoryRatePerMin';

export interface VitalReading {
  readonly at: string;
  readonly value: number;
  readonly onSupplementalO2: boolean;
}

const MS_PER_MIN = 60_000;

/** Minutes from one ISO instant to another (negative when `to` is earlier). */
export function minutesBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / MS_PER_MIN;
}

/**
 * The snapshot's vital signs taken at or before `now`, oldest first, with their instants parsed once. Every
 * session rule reads the history of one or more vital signs, so each snapshot is sorted once (and each field
 * picked once), not once per rule; a snapshot is a value and is never changed after it is built.
 */
const timedVitals = new WeakMap<
  SessionSnapshot,
  readonly { ms: number; v: SessionSnapshot['vitals'][number] }[]
>();
const readingsByField = new WeakMap<SessionSnapshot, Map<VitalField, readonly VitalReading[]>>();

/** The snapshot's vital signs taken at or before `now`, oldest first (see above). */
export function vitalsInOrder(snapshot: SessionSnapshot): readonly SessionSnapshot['vitals'][number][] {
  return timedInOrder(snapshot).map((t) => t.v);
}

function timedInOrder(snapshot: SessionSnapshot) {
  let timed = timedVitals.get(snapshot);
  if (timed === undefined) {
    const nowMs = Date.parse(snapshot.now);
    timed = snapshot.vitals
      .map((v) => ({ ms: Date.parse(v.at), v }))
      .filter((t) => t.ms <= nowMs)
      .sort((a, b) => a.ms - b.ms);
    timedVitals.set(snapshot, timed);
  }
  return timed;
}

/** The readings of one vital sign taken at or before `now`, oldest first. */
export function readingsOf(snapshot: SessionSnapshot, field: VitalField): readonly VitalReading[] {
  let byField = readingsByField.get(snapshot);
  if (byField === undefined) {
    byField = new Map();
    readingsByField.set(snapshot, byField);
  }
  let out = byField.get(field);
  if (out === undefined) {
    const list: VitalReading[] = [];
    for (const { v } of timedInOrder(snapshot)) {
      const value = v[field];
      if (value !== undefined) list.push({ at: v.at, value, onSupplementalO2: v.onSupplementalO2 ?? false });
    }
    out = list;
    byField.set(field, out);
  }
  return out;
}

export interface LatestReading {
  readonly latest: VitalReading;
  readonly previous: VitalReading | undefined;
  /** Direction from the previous reading to the latest; null with one reading. */
  readonly trend: 'rising' | 'falling' | 'steady' | null;
  readonly minutesAgo: number;
}

/** The latest reading of one vital sign with the one before it, or undefined when none is recorded. */
export function latestReading(snapshot: SessionSnapshot, field: VitalField): LatestReading | undefined {
  const all = readingsOf(snapshot, field);
  const latest = all.at(-1);
  if (latest === undefined) return undefined;
  const previous = all.at(-2);
  const trend =
    previous === undefined
      ? null
      : latest.value > previous.value
        ? 'rising'
        : latest.value < previous.value
          ? 'falling'
          : 'steady';
  return { latest, previous, trend, minutesAgo: Math.round(minutesBetween(latest.at, snapshot.now)) };
}

/** The inputs a vital-sign finding records: the latest value, its time, the previous value and the trend. */
export function readingInputs(field: VitalField, r: LatestReading): Record<string, unknown> {
  return {
    [field]: r.latest.value,
    at: r.latest.at,
    minutesAgo: r.minutesAgo,
    previous: r.previous === undefined ? null : { [field]: r.previous.value, at: r.previous.at },
    trend: r.trend,
  };
}

/** " (rising from 150)" or "" for messages. */
export function trendWords(r: LatestReading): string {
  if (r.previous === undefined || r.trend === null) return '';
  return r.trend === 'steady'
    ? ` (unchanged from the previous reading)`
    : ` (${r.trend} from ${r.previous.value})`;
}
