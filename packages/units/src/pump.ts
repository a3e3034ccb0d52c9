/**
 * Infusion-pump maths: an order (mg/kg/h, mg/h or µg/kg/min) with the patient's weight and the bag
 * (mg in mL) gives the pump rate in mL/h, the volume to infuse and the duration; and the reverse.
 */
import { microgramPerKgPerMinToMgPerKgPerH } from './dose.js';

export type InfusionOrder =
  | { readonly rateMgPerKgPerH: number; readonly weightKg: number }
  | { readonly rateMgPerH: number }
  | { readonly rateMicrogramPerKgPerMin: number; readonly weightKg: number };

export interface Bag {
  readonly drugMg: number;
  readonly volumeMl: number;
}

export interface PumpSetting {
  readonly concentrationMgPerMl: number;
  readonly rateMgPerH: number;
  readonly rateMlPerH: number;
  /** Present when a duration was given. */
  readonly volumeToInfuseMl?: number;
  readonly drugToInfuseMg?: number;
  /** How long the whole bag lasts at this rate. */
  readonly bagDurationMin: number;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name}: must be a positive finite number`);
  return value;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name}: must be a finite number ≥ 0`);
  return value;
}

/** The order as mg/h (explicit in each branch, so no silent conversion). */
export function orderRateMgPerH(order: InfusionOrder): number {
  if ('rateMgPerH' in order) return nonNegative(order.rateMgPerH, 'rateMgPerH');
  if ('rateMgPerKgPerH' in order) {
    return nonNegative(order.rateMgPerKgPerH, 'rateMgPerKgPerH') * positive(order.weightKg, 'weightKg');
  }
  const mgPerKgPerH = microgramPerKgPerMinToMgPerKgPerH(nonNegative(order.rateMicrogramPerKgPerMin, 'rateMicrogramPerKgPerMin'));
  return mgPerKgPerH * positive(order.weightKg, 'weightKg');
}

export function bagConcentrationMgPerMl(bag: Bag): number {
  return positive(bag.drugMg, 'bag.drugMg') / positive(bag.volumeMl, 'bag.volumeMl');
}

/**
 * Pump rate for an order and a bag. Example: 0.35 mg/kg/h for 70 kg from 100 mg in 100 mL → 24.5 mL/h;
 * over 240 min that is 98 mL (98 mg).
 */
export function computePumpSetting(order: InfusionOrder, bag: Bag, durationMin?: number): PumpSetting {
  const concentrationMgPerMl = bagConcentrationMgPerMl(bag);
  const rateMgPerH = orderRateMgPerH(order);
  const rateMlPerH = rateMgPerH / concentrationMgPerMl;
  const bagDurationMin = rateMlPerH === 0 ? Infinity : (bag.volumeMl / rateMlPerH) * 60;
  if (durationMin === undefined) return { concentrationMgPerMl, rateMgPerH, rateMlPerH, bagDurationMin };
  const volumeToInfuseMl = (rateMlPerH * nonNegative(durationMin, 'durationMin')) / 60;
  return {
    concentrationMgPerMl,
    rateMgPerH,
    rateMlPerH,
    volumeToInfuseMl,
    drugToInfuseMg: volumeToInfuseMl * concentrationMgPerMl,
    bagDurationMin,
  };
}

/** Reverse: what a pump running at mL/h delivers, in mg/h and (given the weight) mg/kg/h and µg/kg/min. */
export function pumpRateToOrder(
  rateMlPerH: number,
  bag: Bag,
  weightKg: number,
): { rateMgPerH: number; rateMgPerKgPerH: number; rateMicrogramPerKgPerMin: number } {
  const rateMgPerH = nonNegative(rateMlPerH, 'rateMlPerH') * bagConcentrationMgPerMl(bag);
  const rateMgPerKgPerH = rateMgPerH / positive(weightKg, 'weightKg');
  return { rateMgPerH, rateMgPerKgPerH, rateMicrogramPerKgPerMin: (rateMgPerKgPerH * 1000) / 60 };
}

/** Duration in minutes to infuse a volume at a pump rate. */
export function infusionDurationMin(volumeMl: number, rateMlPerH: number): number {
  return (nonNegative(volumeMl, 'volumeMl') / positive(rateMlPerH, 'rateMlPerH')) * 60;
}
