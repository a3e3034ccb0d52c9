/**
 * The administered dose, exactly: Σ rateMlPerH × (drugMg / volumeMl) × Δt over the rate segments, plus the
 * boluses. Every input decimal is read exactly (rational.fromDecimal) and times are whole milliseconds, so
 * the total is the exact integral of the piecewise-constant rate; it is rounded only for display.
 */
import { MICROGRAM_PER_MG } from '@ketapath/units';
import type { AdministeredDose, RateSegment } from './chart-types.js';
import {
  add,
  div,
  fromDecimal,
  fromInteger,
  mul,
  rational,
  roundToInteger,
  sum,
  ZERO,
  type Rational,
} from './rational.js';

export type { Rational } from './rational.js';

const MS_PER_H = 3_600_000;

/** The part of a segment the dose needs. */
export type DoseSegment = Pick<RateSegment, 'fromIso' | 'toIso' | 'rateMlPerH' | 'bag'>;

export interface DoseBolus {
  readonly at: string;
  readonly doseMg: number;
}

/** Whole milliseconds since the epoch of an ISO date-time (finer digits are dropped). */
export function isoToMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date-time: ${iso}`);
  return ms;
}

/**
 * µg delivered by one segment between its start and min(its end, untilIso); 0 when that span is empty or
 * negative. An open segment (toIso null) runs until untilIso.
 */
export function segmentMicrograms(segment: DoseSegment, untilIso: string | null): Rational {
  const fromMs = isoToMs(segment.fromIso);
  const ends = [segment.toIso, untilIso].filter((t): t is string => t !== null).map(isoToMs);
  if (ends.length === 0) return ZERO;
  const durationMs = Math.min(...ends) - fromMs;
  if (durationMs <= 0) return ZERO;
  // mL/h × mg/mL × ms / (ms/h) × µg/mg
  const concentrationMgPerMl = div(fromDecimal(segment.bag.drugMg), fromDecimal(segment.bag.volumeMl));
  const hours = rational(BigInt(durationMs), BigInt(MS_PER_H));
  return mul(
    mul(mul(fromDecimal(segment.rateMlPerH), concentrationMgPerMl), hours),
    fromInteger(MICROGRAM_PER_MG),
  );
}

export function bolusMicrograms(bolus: DoseBolus): Rational {
  return mul(fromDecimal(bolus.doseMg), fromInteger(MICROGRAM_PER_MG));
}

function microgramsToMg(r: Rational): number {
  return Number(roundToInteger(r)) / MICROGRAM_PER_MG;
}

/**
 * The exact dose of the segments (open ones counted up to untilIso; all clipped at untilIso) and of the
 * boluses given at or before untilIso (all of them when untilIso is null).
 */
export function administeredDose(
  segments: readonly DoseSegment[],
  untilIso: string | null,
  boluses: readonly DoseBolus[] = [],
): AdministeredDose {
  const untilMs = untilIso === null ? null : isoToMs(untilIso);
  const infusion = sum(segments.map((s) => segmentMicrograms(s, untilIso)));
  const bolus = sum(
    boluses.filter((b) => untilMs === null || isoToMs(b.at) <= untilMs).map((b) => bolusMicrograms(b)),
  );
  const total = add(infusion, bolus);
  const micrograms = Number(roundToInteger(total));
  return {
    exactMicrogramsNumerator: total.num.toString(),
    exactMicrogramsDenominator: total.den.toString(),
    micrograms,
    mg: micrograms / MICROGRAM_PER_MG,
    infusionMg: microgramsToMg(infusion),
    bolusMg: microgramsToMg(bolus),
    asOf: untilIso,
  };
}

/** The exact total of an AdministeredDose as a Rational (µg). */
export function exactMicrograms(dose: AdministeredDose): Rational {
  return rational(BigInt(dose.exactMicrogramsNumerator), BigInt(dose.exactMicrogramsDenominator));
}
