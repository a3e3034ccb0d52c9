/**
 * Independent reference integrator for the validation tests: adaptive Dormand–Prince 5(4) (Dormand &
 * Prince, J Comput Appl Math 1980;6:19–26; Hairer, Nørsett & Wanner, Solving ODEs I, §II.5) with tight
 * tolerances. Deliberately shares nothing with the exact solver. Not exported from the package.
 */

export type Rhs = (t: number, y: Float64Array, dy: Float64Array) => void;

const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
// Error coefficients: 5th-order weights minus 4th-order weights.
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;

export interface DopriOptions {
  readonly rtol: number;
  readonly atol: number;
}

/** Integrates y from t0 to t1 in place. */
export function integrate(f: Rhs, y: Float64Array, t0: number, t1: number, opts: DopriOptions): void {
  const n = y.length;
  if (t1 <= t0) return;
  const k1 = new Float64Array(n), k2 = new Float64Array(n), k3 = new Float64Array(n), k4 = new Float64Array(n);
  const k5 = new Float64Array(n), k6 = new Float64Array(n), k7 = new Float64Array(n);
  const tmp = new Float64Array(n), ynew = new Float64Array(n);
  let t = t0;
  let h = Math.min(1e-3, t1 - t0);
  f(t, y, k1);
  for (let guard = 0; guard < 50_000_000 && t < t1; guard++) {
    if (t + h > t1) h = t1 - t;
    for (let i = 0; i < n; i++) tmp[i] = (y[i] ?? 0) + h * A21 * (k1[i] ?? 0);
    f(t + C2 * h, tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = (y[i] ?? 0) + h * (A31 * (k1[i] ?? 0) + A32 * (k2[i] ?? 0));
    f(t + C3 * h, tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = (y[i] ?? 0) + h * (A41 * (k1[i] ?? 0) + A42 * (k2[i] ?? 0) + A43 * (k3[i] ?? 0));
    f(t + C4 * h, tmp, k4);
    for (let i = 0; i < n; i++) tmp[i] = (y[i] ?? 0) + h * (A51 * (k1[i] ?? 0) + A52 * (k2[i] ?? 0) + A53 * (k3[i] ?? 0) + A54 * (k4[i] ?? 0));
    f(t + C5 * h, tmp, k5);
    for (let i = 0; i < n; i++) tmp[i] = (y[i] ?? 0) + h * (A61 * (k1[i] ?? 0) + A62 * (k2[i] ?? 0) + A63 * (k3[i] ?? 0) + A64 * (k4[i] ?? 0) + A65 * (k5[i] ?? 0));
    f(t + h, tmp, k6);
    for (let i = 0; i < n; i++) ynew[i] = (y[i] ?? 0) + h * (A71 * (k1[i] ?? 0) + A73 * (k3[i] ?? 0) + A74 * (k4[i] ?? 0) + A75 * (k5[i] ?? 0) + A76 * (k6[i] ?? 0));
    f(t + h, ynew, k7);
    let err = 0;
    for (let i = 0; i < n; i++) {
      const e = h * (E1 * (k1[i] ?? 0) + E3 * (k3[i] ?? 0) + E4 * (k4[i] ?? 0) + E5 * (k5[i] ?? 0) + E6 * (k6[i] ?? 0) + E7 * (k7[i] ?? 0));
      const sc = opts.atol + opts.rtol * Math.max(Math.abs((y[i] ?? 0)), Math.abs((ynew[i] ?? 0)));
      err = Math.max(err, Math.abs(e) / sc);
    }
    if (err <= 1) {
      t = t + h;
      y.set(ynew);
      k1.set(k7); // first-same-as-last
    }
    const factor = err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
    h = h * factor;
  }
  if (t < t1) throw new Error('integrator did not reach t1');
}
