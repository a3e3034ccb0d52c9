/**
 * Dose, dose-rate and concentration conversions. Every function names both units; per-kg forms take the
 * weight explicitly so nothing is ever scaled silently.
 */

export const MICROGRAM_PER_MG = 1000;

export function mgToMicrogram(amountMg: number): number {
  return amountMg * MICROGRAM_PER_MG;
}

export function microgramToMg(amountMicrogram: number): number {
  return amountMicrogram / MICROGRAM_PER_MG;
}

/** mg/kg × kg → mg. */
export function mgPerKgToMg(doseMgPerKg: number, weightKg: number): number {
  return doseMgPerKg * weightKg;
}

/** mg/kg/h × kg → mg/h. */
export function mgPerKgPerHToMgPerH(rateMgPerKgPerH: number, weightKg: number): number {
  return rateMgPerKgPerH * weightKg;
}

/** mg/h ÷ kg → mg/kg/h. */
export function mgPerHToMgPerKgPerH(rateMgPerH: number, weightKg: number): number {
  return rateMgPerH / weightKg;
}

/** µg/kg/min → mg/kg/h (×60 min/h ÷ 1000 µg/mg); e.g. 10 µg/kg/min = 0.6 mg/kg/h. */
export function microgramPerKgPerMinToMgPerKgPerH(rateMicrogramPerKgPerMin: number): number {
  return (rateMicrogramPerKgPerMin * 60) / MICROGRAM_PER_MG;
}

export function mgPerKgPerHToMicrogramPerKgPerMin(rateMgPerKgPerH: number): number {
  return (rateMgPerKgPerH * MICROGRAM_PER_MG) / 60;
}

/** mg/h → mg/min. */
export function mgPerHToMgPerMin(rateMgPerH: number): number {
  return rateMgPerH / 60;
}

export function mgPerMinToMgPerH(rateMgPerMin: number): number {
  return rateMgPerMin * 60;
}

/** 1 mg/L = 1 µg/mL = 1000 ng/mL (MODELS.md §2). Amount in mg over a volume in L gives mg/L. */
export const NG_PER_ML_PER_MG_PER_L = 1000;

export function mgPerLToNgPerMl(concentrationMgPerL: number): number {
  return concentrationMgPerL * NG_PER_ML_PER_MG_PER_L;
}

export function ngPerMlToMgPerL(concentrationNgPerMl: number): number {
  return concentrationNgPerMl / NG_PER_ML_PER_MG_PER_L;
}

/** Amount in mg dissolved in a volume in L, as ng/mL. */
export function amountMgInVolumeLToNgPerMl(amountMg: number, volumeL: number): number {
  return (amountMg / volumeL) * NG_PER_ML_PER_MG_PER_L;
}
