/**
 * Discharge facts shared by the discharge rules and the session result: the Aldrete result (with
 * circulation and SpO₂ computed from the latest readings when left blank) and the observation time since the
 * last dose.
 */
import type { SessionSnapshot } from '@ketapath/core';
import { computeAldrete, type AldreteCirculationUnit, type AldreteResult } from '../../aldrete.js';
import { latestReading, minutesBetween } from '../session/readings.js';

export function asCirculationUnit(value: string): AldreteCirculationUnit {
  if (value === 'percent' || value === 'mmHg') return value;
  throw new Error(`'${value}' is not an Aldrete circulation unit`);
}

/** The Aldrete result for the snapshot, or null when no Aldrete assessment is recorded. */
export function aldreteFor(snapshot: SessionSnapshot, unit: AldreteCirculationUnit): AldreteResult | null {
  const recorded = snapshot.discharge?.aldrete ?? null;
  if (recorded === null) return null;
  const sbp = latestReading(snapshot, 'systolicMmHg');
  const spo2 = latestReading(snapshot, 'spo2Percent');
  return computeAldrete(
    recorded,
    {
      currentSystolicMmHg: sbp?.latest.value,
      preProcedureSystolicMmHg: snapshot.baselineVitals?.systolicMmHg,
      spo2Percent: spo2?.latest.value,
      onSupplementalO2: spo2?.latest.onSupplementalO2,
    },
    unit,
  );
}

export interface Observation {
  /** The last ketamine dose, or the infusion stop time when the last dose is not recorded. */
  readonly lastDoseAt: string;
  readonly source: 'last-dose' | 'infusion-stop';
  readonly observedMin: number;
}

/** Time observed since the last dose, or null when neither the last dose nor the infusion stop is recorded. */
export function observationFor(snapshot: SessionSnapshot): Observation | null {
  const lastDose = snapshot.discharge?.lastDoseAt ?? null;
  const stop = snapshot.infusion.stoppedAt;
  const lastDoseAt = lastDose ?? stop;
  if (lastDoseAt === null) return null;
  return {
    lastDoseAt,
    source: lastDose === null ? 'infusion-stop' : 'last-dose',
    observedMin: minutesBetween(lastDoseAt, snapshot.now),
  };
}
