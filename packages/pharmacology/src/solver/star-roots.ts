/**
 * Closed-form eigenvalues of small star (arrowhead) blocks: a hub with diagonal α exchanging with one or two
 * leaves (diagonals δᵢ, symmetrised couplings βᵢ² = A_hi·A_ih). These are the two- and three-compartment
 * mammillary systems. The population kernel uses them only as starting points of its bracketed Newton
 * iteration on the secular equation, which then converges in one or two steps and decides the digits: the
 * closed forms alone lose relative accuracy in the smallest roots (cancellation in the coefficients) and when
 * roots nearly coincide.
 */

/**
 * Roots of (λ − α)(λ − δ) − β² into out[0] ≥ out[1] (both real: the block is similar to a symmetric one).
 * False when they are not finite.
 */
export function starQuadraticRoots(alpha: number, delta: number, beta2: number, out: Float64Array): boolean {
  const mid = 0.5 * (alpha + delta);
  const half = 0.5 * (alpha - delta);
  const s = Math.sqrt(half * half + beta2);
  out[0] = mid + s;
  out[1] = mid - s;
  return Number.isFinite(mid) && Number.isFinite(s);
}

/**
 * Roots of (λ − α)(λ − δ₁)(λ − δ₂) − β₁²(λ − δ₂) − β₂²(λ − δ₁) into out[0] ≥ out[1] ≥ out[2], by the
 * trigonometric form for three real roots (Viète): with λ = t − c₂/3 the cubic is t³ + p·t + q, p ≤ 0, and
 * t_k = 2√(−p/3)·cos(θ − 2πk/3), θ = ⅓·acos((3q/2p)·√(−3/p)). False when p is not negative (all three roots
 * equal, or non-finite input): the caller then starts its iteration elsewhere.
 */
export function starCubicRoots(alpha: number, d1: number, d2: number, b1: number, b2: number, out: Float64Array): boolean {
  // λ³ + c2·λ² + c1·λ + c0.
  const c2 = -(alpha + d1 + d2);
  const c1 = alpha * d1 + alpha * d2 + d1 * d2 - b1 - b2;
  const c0 = b1 * d2 + b2 * d1 - alpha * d1 * d2;
  const shift = c2 / 3;
  const p = c1 - c2 * shift;
  const q = ((2 * c2 * c2) / 27) * c2 - (c2 * c1) / 3 + c0;
  if (!(p < 0) || !Number.isFinite(q)) return false;
  const r = Math.sqrt(-p / 3);
  const theta = Math.acos(Math.max(-1, Math.min(1, ((3 * q) / (2 * p)) * Math.sqrt(-3 / p)))) / 3;
  const c = Math.cos(theta);
  const s = Math.sqrt(3) * Math.sin(theta);
  // θ ∈ [0, π/3]: 2r·cos θ ≥ r·(√3·sin θ − cos θ) ≥ −r·(cos θ + √3·sin θ).
  out[0] = 2 * r * c - shift;
  out[1] = r * (s - c) - shift;
  out[2] = -r * (c + s) - shift;
  return true;
}
