/**
 * Inner loops of the population fast path: a group of 1–4 modes (already multiplied by their output
 * coefficient) stepped across a run of uniform grid points and added into `out[i0..i1)`.
 *
 * Each mode follows y ← d·y + h (d = exp(λ·Δt), h the exact zero-order gain per step, 0 without input).
 * The loops are unrolled by two with the exact two-step form y ← d²·y + h·(1 + d) on two interleaved chains
 * (even and odd points), so the per-point dependency is one multiply-add every two points; the modes sit in
 * locals rather than arrays. Outputs are accumulated (`+=`), so several groups can share a series.
 */

export function decay1(out: Float64Array, i0: number, i1: number, y0: number, d0: number): void {
  const e0 = d0 * d0;
  let a0 = y0;
  let b0 = d0 * y0;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = (out[i] ?? 0) + a0;
    out[i + 1] = (out[i + 1] ?? 0) + b0;
    a0 *= e0;
    b0 *= e0;
  }
  if (i < i1) out[i] = (out[i] ?? 0) + a0;
}

export function decay2(out: Float64Array, i0: number, i1: number, y0: number, d0: number, y1: number, d1: number): void {
  const e0 = d0 * d0;
  const e1 = d1 * d1;
  let a0 = y0;
  let a1 = y1;
  let b0 = d0 * y0;
  let b1 = d1 * y1;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = (out[i] ?? 0) + (a0 + a1);
    out[i + 1] = (out[i + 1] ?? 0) + (b0 + b1);
    a0 *= e0;
    a1 *= e1;
    b0 *= e0;
    b1 *= e1;
  }
  if (i < i1) out[i] = (out[i] ?? 0) + (a0 + a1);
}

export function decay3(out: Float64Array, i0: number, i1: number, y0: number, d0: number, y1: number, d1: number, y2: number, d2: number): void {
  const e0 = d0 * d0;
  const e1 = d1 * d1;
  const e2 = d2 * d2;
  let a0 = y0;
  let a1 = y1;
  let a2 = y2;
  let b0 = d0 * y0;
  let b1 = d1 * y1;
  let b2 = d2 * y2;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = (out[i] ?? 0) + (a0 + a1 + a2);
    out[i + 1] = (out[i + 1] ?? 0) + (b0 + b1 + b2);
    a0 *= e0;
    a1 *= e1;
    a2 *= e2;
    b0 *= e0;
    b1 *= e1;
    b2 *= e2;
  }
  if (i < i1) out[i] = (out[i] ?? 0) + (a0 + a1 + a2);
}

export function decay4(
  out: Float64Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  y1: number,
  d1: number,
  y2: number,
  d2: number,
  y3: number,
  d3: number,
): void {
  const e0 = d0 * d0;
  const e1 = d1 * d1;
  const e2 = d2 * d2;
  const e3 = d3 * d3;
  let a0 = y0;
  let a1 = y1;
  let a2 = y2;
  let a3 = y3;
  let b0 = d0 * y0;
  let b1 = d1 * y1;
  let b2 = d2 * y2;
  let b3 = d3 * y3;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = (out[i] ?? 0) + (a0 + a1 + (a2 + a3));
    out[i + 1] = (out[i + 1] ?? 0) + (b0 + b1 + (b2 + b3));
    a0 *= e0;
    a1 *= e1;
    a2 *= e2;
    a3 *= e3;
    b0 *= e0;
    b1 *= e1;
    b2 *= e2;
    b3 *= e3;
  }
  if (i < i1) out[i] = (out[i] ?? 0) + (a0 + a1 + (a2 + a3));
}

export function drive1(out: Float64Array, i0: number, i1: number, y0: number, d0: number, h0: number): void {
  const e0 = d0 * d0;
  const g0 = h0 * (1 + d0);
  let a0 = y0;
  let b0 = d0 * y0 + h0;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = (out[i] ?? 0) + a0;
    out[i + 1] = (out[i + 1] ?? 0) + b0;
    a0 = e0 * a0 + g0;
    b0 = e0 * b0 + g0;
  }
  if (i < i1) out[i] = (out[i] ?? 0) + a0;
}

export function drive2(out: Float64Array, i0: number, i1: number, y0: number, d0: number, h0: number, y1: number, d1: number, h1: number): void {
  const e0 = d0 * d0;
  const e1 = d1 * d1;
  const g0 = h0 * (1 + d0);
  const g1 = h1 * (1 + d1);
  let a0 = y0;
  let a1 = y1;
  let b0 = d0 * y0 + h0;
  let b1 = d1 * y1 + h1;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = (out[i] ?? 0) + (a0 + a1);
    out[i + 1] = (out[i + 1] ?? 0) + (b0 + b1);
    a0 = e0 * a0 + g0;
    a1 = e1 * a1 + g1;
    b0 = e0 * b0 + g0;
    b1 = e1 * b1 + g1;
  }
  if (i < i1) out[i] = (out[i] ?? 0) + (a0 + a1);
}

export function drive3(
  out: Float64Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  h0: number,
  y1: number,
  d1: number,
  h1: number,
  y2: number,
  d2: number,
  h2: number,
): void {
  const e0 = d0 * d0;
  const e1 = d1 * d1;
  const e2 = d2 * d2;
  const g0 = h0 * (1 + d0);
  const g1 = h1 * (1 + d1);
  const g2 = h2 * (1 + d2);
  let a0 = y0;
  let a1 = y1;
  let a2 = y2;
  let b0 = d0 * y0 + h0;
  let b1 = d1 * y1 + h1;
  let b2 = d2 * y2 + h2;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = (out[i] ?? 0) + (a0 + a1 + a2);
    out[i + 1] = (out[i + 1] ?? 0) + (b0 + b1 + b2);
    a0 = e0 * a0 + g0;
    a1 = e1 * a1 + g1;
    a2 = e2 * a2 + g2;
    b0 = e0 * b0 + g0;
    b1 = e1 * b1 + g1;
    b2 = e2 * b2 + g2;
  }
  if (i < i1) out[i] = (out[i] ?? 0) + (a0 + a1 + a2);
}

export function drive4(
  out: Float64Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  h0: number,
  y1: number,
  d1: number,
  h1: number,
  y2: number,
  d2: number,
  h2: number,
  y3: number,
  d3: number,
  h3: number,
): void {
  const e0 = d0 * d0;
  const e1 = d1 * d1;
  const e2 = d2 * d2;
  const e3 = d3 * d3;
  const g0 = h0 * (1 + d0);
  const g1 = h1 * (1 + d1);
  const g2 = h2 * (1 + d2);
  const g3 = h3 * (1 + d3);
  let a0 = y0;
  let a1 = y1;
  let a2 = y2;
  let a3 = y3;
  let b0 = d0 * y0 + h0;
  let b1 = d1 * y1 + h1;
  let b2 = d2 * y2 + h2;
  let b3 = d3 * y3 + h3;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = (out[i] ?? 0) + (a0 + a1 + (a2 + a3));
    out[i + 1] = (out[i + 1] ?? 0) + (b0 + b1 + (b2 + b3));
    a0 = e0 * a0 + g0;
    a1 = e1 * a1 + g1;
    a2 = e2 * a2 + g2;
    a3 = e3 * a3 + g3;
    b0 = e0 * b0 + g0;
    b1 = e1 * b1 + g1;
    b2 = e2 * b2 + g2;
    b3 = e3 * b3 + g3;
  }
  if (i < i1) out[i] = (out[i] ?? 0) + (a0 + a1 + (a2 + a3));
}
