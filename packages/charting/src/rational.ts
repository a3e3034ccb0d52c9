/**
 * Exact rational arithmetic over BigInt for dose totals. A JS number is read as the decimal it prints as
 * (its shortest round-trip form, e.g. 24.5 → 49/2, 0.1 → 1/10), so typed amounts such as 24.5 mL/h or
 * 0.35 mg/kg/h are taken as the decimals the user meant, not their binary approximations.
 */

export interface Rational {
  /** Numerator; carries the sign. */
  readonly num: bigint;
  /** Denominator; always > 0. */
  readonly den: bigint;
}

export const ZERO: Rational = { num: 0n, den: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** The reduced fraction num/den (den ≠ 0). */
export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('rational: denominator is 0');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den);
  if (g === 0n) return ZERO;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

/**
 * The exact decimal value of a finite number as printed by String(x) (shortest round-trip digits, which
 * may use an exponent: 1e-7, 1.5e+21).
 */
export function fromDecimal(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`fromDecimal: ${x} is not a finite number`);
  const text = String(x);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(text);
  if (match === null) throw new RangeError(`fromDecimal: cannot read ${text}`);
  const [, sign = '', whole = '0', fraction = '', exponentText = '0'] = match;
  const digits = BigInt(whole + fraction);
  const exponent = Number(exponentText) - fraction.length;
  const signed = sign === '-' ? -digits : digits;
  return exponent >= 0
    ? rational(signed * 10n ** BigInt(exponent))
    : rational(signed, 10n ** BigInt(-exponent));
}

export function fromInteger(n: number | bigint): Rational {
  if (typeof n === 'number' && !Number.isSafeInteger(n))
    throw new RangeError(`fromInteger: ${n} is not an integer`);
  return { num: BigInt(n), den: 1n };
}

export function add(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function mul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError('div: division by 0');
  return rational(a.num * b.den, a.den * b.num);
}

export function sum(values: Iterable<Rational>): Rational {
  let total = ZERO;
  for (const v of values) total = add(total, v);
  return total;
}

export function equals(a: Rational, b: Rational): boolean {
  const x = rational(a.num, a.den);
  const y = rational(b.num, b.den);
  return x.num === y.num && x.den === y.den;
}

export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Nearest integer, halves away from zero. */
export function roundToInteger(r: Rational): bigint {
  const negative = r.num < 0n;
  const n = negative ? -r.num : r.num;
  const q = (2n * n + r.den) / (2n * r.den);
  return negative ? -q : q;
}

/**
 * The value as a double, from its first 21 significant decimal digits (exact for any value that came from
 * fromDecimal, and within one unit in the last place otherwise).
 */
export function toNumber(r: Rational): number {
  if (r.num === 0n) return 0;
  const negative = r.num < 0n;
  const n = negative ? -r.num : r.num;
  const shift = 21 - (n.toString().length - r.den.toString().length);
  const digits = shift >= 0 ? (n * 10n ** BigInt(shift)) / r.den : n / (r.den * 10n ** BigInt(-shift));
  return Number(`${negative ? '-' : ''}${digits}e${-shift}`);
}
