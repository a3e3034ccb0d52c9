/**
 * The two "phi" functions of exponential integrators, evaluated without cancellation:
 * phi1(x) = (eˣ − 1)/x and phi2(x) = (eˣ − 1 − x)/x². They give exact step and integral updates of a mode.
 */

/** (eˣ − 1)/x; expm1 keeps full precision near 0. */
export function phi1(x: number): number {
  return x === 0 ? 1 : Math.expm1(x) / x;
}

/** (eˣ − 1 − x)/x²; Taylor series for |x| < 0.1 (truncation < 1e-18), closed form beyond. */
export function phi2(x: number): number {
  if (Math.abs(x) < 0.1) {
    // Σ xᵏ/(k+2)!, k = 0..10, Horner form.
    let term = 1 / 479001600; // 1/12!
    let sum = term;
    for (let k = 9; k >= 0; k--) {
      term = term * (k + 3);
      sum = sum * x + term;
    }
    return sum;
  }
  return (Math.expm1(x) - x) / (x * x);
}
