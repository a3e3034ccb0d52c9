/** Time conversions. The engine computes in minutes; published parameters are often per hour. */

export const MIN_PER_H = 60;

export function hToMin(durationH: number): number {
  return durationH * MIN_PER_H;
}

export function minToH(durationMin: number): number {
  return durationMin / MIN_PER_H;
}

/** A first-order rate constant per hour (h⁻¹) expressed per minute (min⁻¹). */
export function perHToPerMin(ratePerH: number): number {
  return ratePerH / MIN_PER_H;
}

/** A flow (clearance) in L/h expressed in L/min. */
export function lPerHToLPerMin(flowLPerH: number): number {
  return flowLPerH / MIN_PER_H;
}
