/**
 * Builders for chart entries in tests. Times are pinned: minute m of a chart is T0 + m minutes. The default
 * pump programming is the arithmetic example of @ketapath/units computePumpSetting: 0.35 mg/kg/h for 70 kg
 * from 100 mg in 100 mL → 24.5 mL/h, 98 mL over 240 min.
 */
import type { SessionEntry, SessionEntryData } from '@ketapath/core';
import type { ChartActor, ChartState } from '../chart-types.js';
import { foldChart } from '../fold-chart.js';

export const T0 = '2026-03-10T09:00:00.000Z';
export const SESSION = {
  id: '00000000-0000-4000-8000-000000000001',
  state: 'scheduled',
  scheduledStart: T0,
  plannedDurationMin: 240,
};

export const NURSE: ChartActor = { userId: 'u-nurse-1', email: 'nurse1@clinic.test', role: 'nurse' };
export const NURSE_2: ChartActor = { userId: 'u-nurse-2', email: 'nurse2@clinic.test', role: 'nurse' };
export const PHYSICIAN: ChartActor = { userId: 'u-doc-1', email: 'doc@clinic.test', role: 'physician' };

/** The instant `min` minutes after T0 (fractions allowed, whole milliseconds). */
export function at(min: number): string {
  return new Date(Date.parse(T0) + Math.round(min * 60_000)).toISOString();
}

type ProgramData = Extract<SessionEntryData, { kind: 'pump-program' }>;

export function programData(overrides: Partial<Omit<ProgramData, 'kind'>> = {}): ProgramData {
  return {
    kind: 'pump-program',
    bag: { drug: 'ketamine', drugMg: 100, volumeMl: 100, lot: 'LOT-1' },
    rate: { value: 0.35, unit: 'mg/kg/h' },
    weightKg: 70,
    weightBasis: 'actual',
    rateMlPerH: 24.5,
    volumeToInfuseMl: 98,
    ...overrides,
  };
}

export interface ChartBuilder {
  readonly entries: SessionEntry[];
  add(data: SessionEntryData, atMin: number, by?: ChartActor | null, deviceId?: string | null): ChartBuilder;
  /** Seq of the last entry added. */
  last(): number;
  program(atMin: number, overrides?: Partial<Omit<ProgramData, 'kind'>>): ChartBuilder;
  doubleCheck(settingSeq: number, atMin: number, by?: ChartActor): ChartBuilder;
  /** Program (default), double-check by a second nurse, start: all at atMin. */
  started(atMin?: number, overrides?: Partial<Omit<ProgramData, 'kind'>>): ChartBuilder;
  start(atMin: number): ChartBuilder;
  rateChange(atMin: number, rateMlPerH: number, rateValue?: number): ChartBuilder;
  pause(atMin: number): ChartBuilder;
  resume(atMin: number): ChartBuilder;
  stop(atMin: number): ChartBuilder;
  bolus(atMin: number, doseMg: number): ChartBuilder;
  fold(now?: string): ChartState;
}

export function makeChart(): ChartBuilder {
  const entries: SessionEntry[] = [];
  const b: ChartBuilder = {
    entries,
    add(data, atMin, by = NURSE, deviceId = null) {
      const seq = entries.length + 1;
      entries.push({
        seq,
        data,
        occurredAt: at(atMin),
        recordedAt: at(atMin),
        recordedBy: deviceId === null ? by : null,
        deviceId,
        clientEntryId: null,
      });
      return b;
    },
    last: () => entries.length,
    program: (atMin, overrides) => b.add(programData(overrides), atMin),
    doubleCheck: (settingSeq, atMin, by = NURSE_2) =>
      b.add({ kind: 'double-check', programSeq: settingSeq }, atMin, by),
    started(atMin = 0, overrides) {
      b.program(atMin, overrides);
      return b.doubleCheck(b.last(), atMin).start(atMin);
    },
    start: (atMin) => b.add({ kind: 'start' }, atMin),
    rateChange: (atMin, rateMlPerH, rateValue = rateMlPerH / 70) =>
      b.add(
        { kind: 'rate-change', rate: { value: rateValue, unit: 'mg/kg/h' }, rateMlPerH, reason: 'per order' },
        atMin,
      ),
    pause: (atMin) => b.add({ kind: 'pause', reason: 'nausea' }, atMin),
    resume: (atMin) => b.add({ kind: 'resume' }, atMin),
    stop: (atMin) => b.add({ kind: 'stop', reason: 'infusion complete' }, atMin),
    bolus: (atMin, doseMg) => b.add({ kind: 'bolus', doseMg, reason: 'per order' }, atMin),
    fold: (now) => foldChart({ session: SESSION, entries, ...(now === undefined ? {} : { now }) }),
  };
  return b;
}
