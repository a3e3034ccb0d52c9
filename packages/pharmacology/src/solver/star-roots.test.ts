/**
 * The closed-form star roots (star-roots.ts) and the population kernel's eigen-decomposition built on them,
 * against the general solver (Jacobi rotations in modal.ts) for random two- and three-compartment
 * mammillary systems, including near-degenerate ones (coincident peripheral rates, vanishing couplings,
 * vanishing elimination, rates spread over many decades).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mammillaryIvSystem, type MammillaryMicroConstants } from '../compartments/mammillary.js';
import { compilePatientModel, MODELS } from '../index.js';
import { buildRateMatrix, decompose, jacobiEigen } from './modal.js';
import { PopulationKernel } from './population-kernel.js';
import { starCubicRoots, starQuadraticRoots } from './star-roots.js';

/**
 * Log-uniform rates over 1e-5 … 3 min⁻¹. Drawn from unbiased integers: fc.double is uniform over the
 * representable doubles (mostly near 0, i.e. rates of exactly 1) and biased to its bounds, which would make
 * most draws coincident (those are generated on purpose below).
 */
const rate = fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((i) => 10 ** (-5 + (5.5 * i) / 1_000_000));
/** Multipliers that make a rate nearly coincide with another one, or vanish. */
const nearly = fc.constantFrom(1, 1 + 1e-15, 1 + 1e-12, 1 + 1e-9, 1 + 1e-6, 1 - 1e-6, 1 + 1e-3);
const tiny = fc.constantFrom(1, 1, 1, 1e-4, 1e-8, 1e-12);

const threeRecord = fc.record({ v1L: fc.double({ min: 1, max: 300, noNaN: true }), k10: rate, k12: rate, k21: rate, k13: rate, k31: rate, same: nearly, t12: tiny, t13: tiny, t10: tiny, tie: fc.boolean() });

/** Random three-compartment micro-constants; most of them near-degenerate. */
const threeArb: fc.Arbitrary<MammillaryMicroConstants> = threeRecord.map((r) => micro(r));

/** The same, flagged regular when no rate was tied or shrunk (rates spread over 5.5 decades still). */
const flaggedArb = threeRecord.map((r) => ({ k: micro(r), regular: !r.tie && r.t10 === 1 && r.t12 === 1 && r.t13 === 1 }));

function micro(r: typeof threeRecord extends fc.Arbitrary<infer T> ? T : never): MammillaryMicroConstants {
  return {
    v1L: r.v1L,
    k10PerMin: r.k10 * r.t10,
    k12PerMin: r.k12 * r.t12,
    k21PerMin: r.k21,
    k13PerMin: r.k13 * r.t13,
    // Tie the two peripheral rates (coincident or nearly coincident poles of the secular equation).
    k31PerMin: r.tie ? r.k21 * r.same : r.k31,
  };
}

function symmetricArrowhead(k: MammillaryMicroConstants): { alpha: number; d: number[]; b2: number[]; sym: Float64Array } {
  const alpha = -(k.k10PerMin + k.k12PerMin + (k.k13PerMin ?? 0));
  const d = [-k.k21PerMin, -(k.k31PerMin ?? 0)];
  const b2 = [k.k12PerMin * k.k21PerMin, (k.k13PerMin ?? 0) * (k.k31PerMin ?? 0)];
  const n = k.k13PerMin === undefined ? 2 : 3;
  const sym = new Float64Array(n * n);
  sym[0] = alpha;
  for (let i = 1; i < n; i++) {
    sym[i * n + i] = d[i - 1] ?? 0;
    sym[i] = Math.sqrt(b2[i - 1] ?? 0);
    sym[i * n] = Math.sqrt(b2[i - 1] ?? 0);
  }
  return { alpha, d, b2, sym };
}

function descending(values: Float64Array): number[] {
  return Array.from(values).sort((x, y) => y - x);
}

describe('closed-form star roots', () => {
  it('cubic: equals the Jacobi eigenvalues of the symmetrised three-compartment matrix (to 1e-10 of the spectral radius when the roots are apart, 1e-4 when nearly multiple)', () => {
    fc.assert(
      fc.property(threeArb, (k) => {
        const { alpha, d, b2, sym } = symmetricArrowhead(k);
        const out = new Float64Array(3);
        const ok = starCubicRoots(alpha, d[0] ?? 0, d[1] ?? 0, b2[0] ?? 0, b2[1] ?? 0, out);
        const ref = descending(jacobiEigen(sym, 3).values);
        const rho = Math.max(...ref.map(Math.abs));
        if (!ok) {
          // Only a triple root (p = 0) is refused.
          assert.ok(Math.abs((ref[0] ?? 0) - (ref[2] ?? 0)) <= 1e-4 * rho, `refused distinct roots ${ref.join(', ')}`);
          return;
        }
        assert.ok((out[0] ?? 0) >= (out[1] ?? 0) && (out[1] ?? 0) >= (out[2] ?? 0), 'descending');
        const gap = Math.min(Math.abs((ref[0] ?? 0) - (ref[1] ?? 0)), Math.abs((ref[1] ?? 0) - (ref[2] ?? 0)));
        // Near-multiple roots are ill-conditioned in the coefficients (error ~ ε^(1/m) for an m-fold root).
        const tol = gap > 1e-3 * rho ? 1e-10 * rho : 1e-4 * rho;
        for (let i = 0; i < 3; i++) assert.ok(Math.abs((out[i] ?? 0) - (ref[i] ?? 0)) <= tol, `root ${i}: ${out[i]} vs ${ref[i]} (ρ ${rho})`);
      }),
      { numRuns: 3000, seed: 424_242 },
    );
  });

  it('quadratic: equals the Jacobi eigenvalues of the symmetrised two-compartment matrix', () => {
    fc.assert(
      fc.property(threeArb, (k3) => {
        const k: MammillaryMicroConstants = { v1L: k3.v1L, k10PerMin: k3.k10PerMin, k12PerMin: k3.k12PerMin, k21PerMin: k3.k21PerMin };
        const { alpha, d, b2, sym } = symmetricArrowhead(k);
        const out = new Float64Array(2);
        assert.ok(starQuadraticRoots(alpha, d[0] ?? 0, b2[0] ?? 0, out));
        const ref = descending(jacobiEigen(sym, 2).values);
        const rho = Math.max(...ref.map(Math.abs));
        for (let i = 0; i < 2; i++) assert.ok(Math.abs((out[i] ?? 0) - (ref[i] ?? 0)) <= 1e-12 * rho, `root ${i}: ${out[i]} vs ${ref[i]}`);
      }),
      { numRuns: 2000, seed: 77 },
    );
  });
});

describe('population kernel eigen-decomposition (closed-form start + secular Newton)', () => {
  const kamp = MODELS.get('ketamine/kamp-2020');
  assert.ok(kamp !== undefined);
  const kernel = PopulationKernel.create(compilePatientModel(kamp, { weightKg: 70, ageYears: 45, sex: 'female' }), { t0: 0, dt: 1, count: 2 });
  assert.ok(kernel !== null);

  it('equals the general decomposition: eigenvalues to 1e-12 of the spectral radius, A·V = V·Λ and W·V = I to 1e-9 (roots at least 1e-6 from a pole)', () => {
    let accepted = 0;
    let regulars = 0;
    fc.assert(
      fc.property(flaggedArb, ({ k, regular }) => {
        if (regular) regulars++;
        const spec = mammillaryIvSystem(k);
        const modes = kernel.modes(spec);
        // Near-degenerate patients may be sent to the general path; everything else must be accurate.
        if (modes === null) return;
        if (regular) accepted++;
        const n = 3;
        const transfers = spec.transfers.map((t) => ({ from: ['central', 'peripheral1', 'peripheral2'].indexOf(t.from), to: t.to === null ? null : ['central', 'peripheral1', 'peripheral2'].indexOf(t.to), kPerMin: t.kPerMin }));
        const general = decompose(n, transfers);
        const a = buildRateMatrix(n, transfers);
        const ref = descending(general.lambdaPerMin);
        const got = descending(modes.lambda);
        const rho = Math.max(...ref.map(Math.abs));
        for (let i = 0; i < n; i++) assert.ok(Math.abs((got[i] ?? 0) - (ref[i] ?? 0)) <= 1e-12 * rho, `λ${i}: ${got[i]} vs ${ref[i]}`);
        let aNorm = 0;
        for (const x of a) aNorm = Math.max(aNorm, Math.abs(x));
        for (let kk = 0; kk < n; kk++) {
          const lam = modes.lambda[kk] ?? 0;
          let vNorm = 0;
          for (let s = 0; s < n; s++) vNorm = Math.max(vNorm, Math.abs(modes.v[s * n + kk] ?? 0));
          for (let s = 0; s < n; s++) {
            let av = 0;
            for (let j = 0; j < n; j++) av += (a[s * n + j] ?? 0) * (modes.v[j * n + kk] ?? 0);
            assert.ok(Math.abs(av - lam * (modes.v[s * n + kk] ?? 0)) <= 1e-9 * aNorm * vNorm, `residual, mode ${kk}, state ${s}`);
          }
          for (let j = 0; j < n; j++) {
            let wv = 0;
            for (let s = 0; s < n; s++) wv += (modes.w[kk * n + s] ?? 0) * (modes.v[s * n + j] ?? 0);
            assert.ok(Math.abs(wv - (kk === j ? 1 : 0)) <= 1e-9, `W·V[${kk},${j}] = ${wv}`);
          }
        }
      }),
      { numRuns: 3000, seed: 99 },
    );
    // Regular draws (no tied or vanishing rates) stay on the fast path, bar roots that land near a pole by chance.
    assert.ok(accepted >= 0.95 * regulars, `kernel accepted only ${accepted} of ${regulars} regular draws`);
  });
});
