/**
 * Recognising the classic order slips by their ratio to the expected value, and the pump's entry step for
 * the reverse check. These numbers are pattern matching and arithmetic, NOT clinical thresholds: a slip's
 * factor is fixed by the units involved (×10 a misplaced decimal point, ×1000 µg↔mg, ×60 min↔h, ×2.2046
 * lb↔kg), and the tolerance only decides how close a ratio must be to that factor to name the slip. Whether
 * an order may be given is decided by the protocol's limits, never by these constants. That is why they
 * live here and not in a Parameter with an evidence label: no source in REFERENCE.md states them, and the
 * clinic has no clinical reason to change them.
 */
import { KG_PER_LB, MICROGRAM_PER_MG } from '@ketapath/units';
import type { Severity } from '../../types.js';

/**
 * How close a ratio must be to a slip's factor (±10 %). A slip keeps the digits and moves the unit, so the
 * ratio is the factor up to the rounding of a unit conversion (a few per cent). ±10 % keeps the factors
 * apart: the closest pair, 60 and 100, differ by 1.67×, far more than 1.1 × 1.1.
 */
export const SLIP_RATIO_TOLERANCE = 0.1;

/**
 * The weight comparison also carries the patient's real weight change since the last recording, so it is
 * allowed ±15 %: a ratio of 2.2046 (lb typed as kg) ± 15 % is still far from any change in body weight
 * between two recordings.
 */
export const WEIGHT_SLIP_RATIO_TOLERANCE = 0.15;

/** Infusion pumps are programmed in 0.1 mL/h steps; a setting within one step of the computed rate matches. */
export const PUMP_RATE_STEP_ML_PER_H = 0.1;

const DECIMAL_SLIP_FACTOR = 10;
const DOUBLE_DECIMAL_SLIP_FACTOR = 100;
const MIN_PER_H = 60;

export interface SlipPattern {
  readonly slip: string;
  /** ordered ÷ intended. */
  readonly factor: number;
  /** How serious the slip is on its own (the limits may add a block). */
  readonly severity: Severity;
  readonly description: string;
}

/** Dose and rate slips. Overdoses of 60× and more block; a tenfold needs a physician; underdoses warn. */
export const DOSE_SLIP_PATTERNS: readonly SlipPattern[] = [
  {
    slip: 'tenfold',
    factor: DECIMAL_SLIP_FACTOR,
    severity: 'needs-ack',
    description: 'a tenfold error (decimal point moved one place)',
  },
  {
    slip: 'hundredfold',
    factor: DOUBLE_DECIMAL_SLIP_FACTOR,
    severity: 'block',
    description: 'a hundredfold error (decimal point moved two places)',
  },
  {
    slip: 'microgram-as-milligram',
    factor: MICROGRAM_PER_MG,
    severity: 'block',
    description: 'micrograms entered as milligrams (1000×)',
  },
  {
    slip: 'per-hour-as-per-minute',
    factor: MIN_PER_H,
    severity: 'block',
    description: 'a per-hour amount entered as per minute (60×)',
  },
  {
    slip: 'tenfold-low',
    factor: 1 / DECIMAL_SLIP_FACTOR,
    severity: 'warn',
    description: 'a tenfold underdose (decimal point moved one place)',
  },
  {
    slip: 'hundredfold-low',
    factor: 1 / DOUBLE_DECIMAL_SLIP_FACTOR,
    severity: 'warn',
    description: 'a hundredfold underdose (decimal point moved two places)',
  },
  {
    slip: 'milligram-as-microgram',
    factor: 1 / MICROGRAM_PER_MG,
    severity: 'warn',
    description: 'milligrams entered as micrograms (1/1000)',
  },
  {
    slip: 'per-minute-as-per-hour',
    factor: 1 / MIN_PER_H,
    severity: 'warn',
    description: 'a per-minute amount entered as per hour (1/60)',
  },
];

/**
 * The protocol's number typed with another unit (e.g. 10 µg/kg/min ordered as 10 mg/kg/h, 16.7×): the
 * ratio is whatever the two units make it, so the slip is recognised by the number, not by a factor.
 */
export const WRONG_UNIT_OVER: SlipPattern = {
  slip: 'wrong-unit',
  factor: 1,
  severity: 'block',
  description: "the protocol's number written with another unit (more drug than intended)",
};
export const WRONG_UNIT_UNDER: SlipPattern = {
  slip: 'wrong-unit',
  factor: 1,
  severity: 'warn',
  description: "the protocol's number written with another unit (less drug than intended)",
};

/** True when `value` is one of the documented numbers (within the slip tolerance). */
export function isDocumentedNumber(
  value: number,
  range: { readonly min: number; readonly max: number },
): boolean {
  return within(value, range.min, range.max, SLIP_RATIO_TOLERANCE);
}

/** Weight slips: entered weight ÷ last recorded weight. */
export const WEIGHT_SLIP_PATTERNS: readonly SlipPattern[] = [
  {
    slip: 'pounds-as-kilograms',
    factor: 1 / KG_PER_LB,
    severity: 'block',
    description: 'a weight in pounds entered as kilograms (2.2046×)',
  },
  {
    slip: 'kilograms-as-pounds',
    factor: KG_PER_LB,
    severity: 'block',
    description: 'a weight in kilograms entered as pounds (0.4536×)',
  },
];

export interface SlipMatch {
  readonly pattern: SlipPattern;
  /** The value the order would have had without the slip. */
  readonly intendedValue: number;
}

function within(value: number, min: number, max: number, tolerance: number): boolean {
  return value >= min * (1 - tolerance) && value <= max * (1 + tolerance);
}

/** Distance between two positive numbers on a log scale (0 when equal). */
function logDistance(a: number, b: number): number {
  return Math.abs(Math.log(a / b));
}

/**
 * The slip that best explains `value` against an expected range: the value must lie outside the range, and
 * value ÷ factor inside it. When several factors fit (a wide titration range), the one whose intended value
 * lands closest to a documented point (start, maximum, single dose) wins. Null when nothing fits.
 * Example: detectSlip(3.5, { min: 0.35, max: 0.35, points: [0.35] }) → tenfold, intended 0.35.
 */
export function detectSlip(
  value: number,
  expected: { readonly min: number; readonly max: number; readonly points: readonly number[] },
  patterns: readonly SlipPattern[] = DOSE_SLIP_PATTERNS,
  tolerance: number = SLIP_RATIO_TOLERANCE,
): SlipMatch | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  if (within(value, expected.min, expected.max, tolerance)) return null;
  let best: { match: SlipMatch; distance: number } | null = null;
  for (const pattern of patterns) {
    const intendedValue = value / pattern.factor;
    if (!within(intendedValue, expected.min, expected.max, tolerance)) continue;
    const distance = Math.min(...expected.points.map((p) => logDistance(intendedValue, p)));
    if (best === null || distance < best.distance) best = { match: { pattern, intendedValue }, distance };
  }
  return best?.match ?? null;
}

/** A weight slip: entered ÷ recorded close to 2.2046 or 0.4536. */
export function detectWeightSlip(enteredKg: number, recordedKg: number): SlipMatch | null {
  return detectSlip(
    enteredKg,
    { min: recordedKg, max: recordedKg, points: [recordedKg] },
    WEIGHT_SLIP_PATTERNS,
    WEIGHT_SLIP_RATIO_TOLERANCE,
  );
}

/** The programmed pump rate matches the computed one when it is within one pump step of it. */
export function isPumpRateMatch(programmedRateMlPerH: number, computedRateMlPerH: number): boolean {
  // The small relative slack absorbs binary floating point (24.6 − 24.5 is 0.10000000000000142).
  return Math.abs(programmedRateMlPerH - computedRateMlPerH) <= PUMP_RATE_STEP_ML_PER_H * (1 + 1e-9);
}

/**
 * True when `value` is above `limit` by more than binary floating-point noise: 0.35 mg/kg/h × 107.3 kg ÷
 * 107.3 kg is 0.35000000000000003, which is the ordered 0.35, not above it.
 */
export function exceeds(value: number, limit: number): boolean {
  return value > limit * (1 + 1e-9);
}

/** True when `value` is below `floor` by more than floating-point noise. */
export function fallsShort(value: number, floor: number): boolean {
  return value < floor * (1 - 1e-9);
}

/** A number as a clinician reads it: up to 3 decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const decimals = abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  return String(Number(value.toFixed(decimals)));
}
