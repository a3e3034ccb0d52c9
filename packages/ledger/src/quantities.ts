/**
 * Integer-exact conversions between what staff type (mg, mL, mg/mL, at most 3 decimals) and what the ledger
 * stores (whole µg, µL, µg/mL). A typed decimal is read as the digits it prints as, never through a binary
 * product (1.005 mg is 1005 µg, not 1004.9999…); anything that is not a whole µg or µL is refused.
 */
import type { AdministeredDose, Rational } from '@ketapath/charting';
import { formatUgAsMg } from '@ketapath/clinical-rules';
import { MICROGRAM_PER_MG } from '@ketapath/units';

/** µL per mL (and µg/mL per mg/mL): the same factor of 1000 as µg per mg. */
export const MICROLITRE_PER_ML = 1000;

/** x × 10^decimals as an exact integer, or null when x has more decimals than that. */
function scaledInteger(x: number, decimals: number): bigint | null {
  if (!Number.isFinite(x)) return null;
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (match === null) return null;
  const [, sign = '', whole = '0', fraction = '', exponentText = '0'] = match;
  const shift = Number(exponentText) - fraction.length + decimals;
  const digits = BigInt(whole + fraction);
  let scaled: bigint;
  if (shift >= 0) scaled = digits * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    if (digits % divisor !== 0n) return null;
    scaled = digits / divisor;
  }
  return sign === '-' ? -scaled : scaled;
}

function toSafeNumber(n: bigint, what: string): number {
  const value = Number(n);
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what}: ${n} is too large`);
  return value;
}

/** mg → whole µg; throws when the amount is not a whole number of µg (e.g. 0.0005 mg). Example: 12.5 → 12500. */
export function mgToUg(amountMg: number): number {
  const ug = scaledInteger(amountMg, 3);
  if (ug === null) throw new RangeError(`mgToUg: ${amountMg} mg is not a whole number of µg`);
  return toSafeNumber(ug, 'mgToUg');
}

/** mL → whole µL; throws when not a whole number of µL. Example: 2.5 → 2500. */
export function mlToUl(volumeMl: number): number {
  const ul = scaledInteger(volumeMl, 3);
  if (ul === null) throw new RangeError(`mlToUl: ${volumeMl} mL is not a whole number of µL`);
  return toSafeNumber(ul, 'mlToUl');
}

/** mg/mL → whole µg/mL (50 mg/mL → 50 000 µg/mL). */
export function mgPerMlToUgPerMl(concentrationMgPerMl: number): number {
  const ugPerMl = scaledInteger(concentrationMgPerMl, 3);
  if (ugPerMl === null)
    throw new RangeError(`mgPerMlToUgPerMl: ${concentrationMgPerMl} mg/mL is not a whole number of µg/mL`);
  return toSafeNumber(ugPerMl, 'mgPerMlToUgPerMl');
}

/** µg → mg for display (exact to the µg as a decimal: 12 345 µg → 12.345). */
export function ugToMg(amountUg: number): number {
  return amountUg / MICROGRAM_PER_MG;
}

/** µL → mL for display. */
export function ulToMl(volumeUl: number): number {
  return volumeUl / MICROLITRE_PER_ML;
}

/** µg as an mg string with up to 3 decimals and no float noise: 12 345 → "12.345" (from @ketapath/clinical-rules). */
export { formatUgAsMg };

/** The µg in a volume of a concentration, exactly, or null when it is not a whole number of µg. */
export function ugInVolume(volumeUl: number, concentrationUgPerMl: number): number | null {
  const product = BigInt(volumeUl) * BigInt(concentrationUgPerMl);
  const perMl = BigInt(MICROLITRE_PER_ML);
  if (product % perMl !== 0n) return null;
  return toSafeNumber(product / perMl, 'ugInVolume');
}

/** The µg in a volume, rounded half up (for counted volumes that land between whole µg). */
export function ugInVolumeRounded(volumeUl: number, concentrationUgPerMl: number): number {
  const product = BigInt(volumeUl) * BigInt(concentrationUgPerMl);
  return toSafeNumber(roundHalfUp(product, BigInt(MICROLITRE_PER_ML)), 'ugInVolumeRounded');
}

/** The µL holding an amount at a concentration, rounded half up. */
export function ulForUgRounded(amountUg: number, concentrationUgPerMl: number): number {
  if (concentrationUgPerMl <= 0) throw new RangeError('ulForUgRounded: concentration must be more than 0');
  const product = BigInt(amountUg) * BigInt(MICROLITRE_PER_ML);
  return toSafeNumber(roundHalfUp(product, BigInt(concentrationUgPerMl)), 'ulForUgRounded');
}

/** A container's content: concentrationUgPerMl × volumeUl / 1000, which must be a whole number of µg. */
export function containerContentUg(concentrationUgPerMl: number, volumeUl: number): number {
  const ug = ugInVolume(volumeUl, concentrationUgPerMl);
  if (ug === null)
    throw new RangeError(
      `containerContentUg: ${concentrationUgPerMl} µg/mL × ${volumeUl} µL is not a whole number of µg`,
    );
  return ug;
}

/** True when drawnUg is exactly drawnUl of the container's concentration (drawnMg = drawnMl × mg/mL, to the µg). */
export function isDrawConsistent(drawnUg: number, drawnUl: number, concentrationUgPerMl: number): boolean {
  return BigInt(drawnUl) * BigInt(concentrationUgPerMl) === BigInt(drawnUg) * BigInt(MICROLITRE_PER_ML);
}

/** n / d rounded to the nearest integer, halves up (towards +∞); d > 0. */
function roundHalfUp(n: bigint, d: bigint): bigint {
  // floor((2n + d) / 2d), with floor division for negative numerators.
  const num = 2n * n + d;
  const den = 2n * d;
  const q = num / den;
  return num % den !== 0n && num < 0n ? q - 1n : q;
}

/** The administered dose as the ledger records it: whole µg (half up) and the exact value as "p/q µg". */
export interface RoundedAdministration {
  readonly administeredUg: number;
  readonly administeredExact: string;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * The exact administered dose (µg, from @ketapath/charting) rounded to the whole microgram, halves up, with
 * the exact value kept as "p/q µg" (reduced). Example: 4001/2 µg → { 2001, "4001/2 µg" }.
 */
export function roundAdministeredUg(exactUg: Rational): RoundedAdministration {
  if (exactUg.den <= 0n) throw new RangeError('roundAdministeredUg: denominator must be more than 0');
  if (exactUg.num < 0n) throw new RangeError('roundAdministeredUg: a dose cannot be negative');
  const g = gcd(exactUg.num, exactUg.den);
  const num = g === 0n ? 0n : exactUg.num / g;
  const den = g === 0n ? 1n : exactUg.den / g;
  return {
    administeredUg: toSafeNumber(roundHalfUp(num, den), 'roundAdministeredUg'),
    administeredExact: `${num}/${den} µg`,
  };
}

/** roundAdministeredUg of a chart's AdministeredDose. */
export function roundAdministeredDose(dose: AdministeredDose): RoundedAdministration {
  return roundAdministeredUg({
    num: BigInt(dose.exactMicrogramsNumerator),
    den: BigInt(dose.exactMicrogramsDenominator),
  });
}

/** Parses "p/q µg" back to a Rational (null when malformed). */
export function parseExactMicrograms(text: string): Rational | null {
  const match = /^(\d+)\/([1-9]\d*) µg$/.exec(text);
  if (match === null) return null;
  return { num: BigInt(match[1] ?? '0'), den: BigInt(match[2] ?? '1') };
}
