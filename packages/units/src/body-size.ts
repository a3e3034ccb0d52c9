/**
 * Body-size descriptors, each with its published formula. Weight in kg, height in cm; sex changes the
 * intercepts where the source says so.
 */

export type Sex = 'male' | 'female';

const CM_PER_INCH = 2.54; // exact by definition of the international inch (NIST SP 811 B.8)

function assertPositiveFinite(value: number, name: string): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name}: must be a positive finite number`);
}

/** Body-mass index in kg/m² (Quetelet index: weight / height²). */
export function bodyMassIndexKgPerM2(weightKg: number, heightCm: number): number {
  assertPositiveFinite(weightKg, 'weightKg');
  assertPositiveFinite(heightCm, 'heightCm');
  const heightM = heightCm / 100;
  return weightKg / (heightM * heightM);
}

/**
 * Ideal body weight in kg. Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650–655:
 * men 50 kg, women 45.5 kg, plus 2.3 kg per inch of height over 5 feet (60 in). Below 60 in the formula
 * is extrapolated linearly, as published; callers should treat short stature with care.
 */
export function idealBodyWeightKg(heightCm: number, sex: Sex): number {
  assertPositiveFinite(heightCm, 'heightCm');
  const inchesOver60 = heightCm / CM_PER_INCH - 60;
  return (sex === 'male' ? 50 : 45.5) + 2.3 * inchesOver60;
}

/**
 * Lean body weight in kg. Janmahasatian S, Duffull SB, Ash S, Ward LC, Byrne NM, Green B. Quantification of
 * lean bodyweight. Clin Pharmacokinet 2005;44(10):1051–1065, doi:10.2165/00003088-200544100-00004, eq. 11/12:
 * men 9270·WT / (6680 + 216·BMI), women 9270·WT / (8780 + 244·BMI).
 */
export function leanBodyWeightKg(weightKg: number, heightCm: number, sex: Sex): number {
  const bmi = bodyMassIndexKgPerM2(weightKg, heightCm);
  return sex === 'male' ? (9270 * weightKg) / (6680 + 216 * bmi) : (9270 * weightKg) / (8780 + 244 * bmi);
}

/**
 * Adjusted body weight in kg: IBW + 0.4·(TBW − IBW). The 0.4 correction factor is from Traynor AM, Nafziger AN,
 * Bertino JS. Aminoglycoside dosing weight correction factors for patients of various body sizes. Antimicrob
 * Agents Chemother 1995;39(2):545–548, doi:10.1128/AAC.39.2.545 (derived for aminoglycosides; no ketamine-specific
 * factor was found in MODELS.md or REFERENCE.md).
 */
export function adjustedBodyWeightKg(weightKg: number, heightCm: number, sex: Sex): number {
  assertPositiveFinite(weightKg, 'weightKg');
  const ibw = idealBodyWeightKg(heightCm, sex);
  return ibw + 0.4 * (weightKg - ibw);
}

/**
 * Body-surface area in m². Du Bois D, Du Bois EF. A formula to estimate the approximate surface area if height
 * and weight be known. Arch Intern Med 1916;17:863–871: BSA = 0.007184 · WT^0.425 · HT^0.725 (kg, cm).
 */
export function bodySurfaceAreaM2(weightKg: number, heightCm: number): number {
  assertPositiveFinite(weightKg, 'weightKg');
  assertPositiveFinite(heightCm, 'heightCm');
  return 0.007184 * Math.pow(weightKg, 0.425) * Math.pow(heightCm, 0.725);
}
