/** Mass conversions. Every function names both units; nothing converts silently. */

/** Pounds to kilograms, by the international avoirdupois pound (1 lb = 0.45359237 kg exactly, NIST SP 811 B.8). */
export const KG_PER_LB = 0.45359237;

export function lbToKg(weightLb: number): number {
  return weightLb * KG_PER_LB;
}

export function kgToLb(weightKg: number): number {
  return weightKg / KG_PER_LB;
}
