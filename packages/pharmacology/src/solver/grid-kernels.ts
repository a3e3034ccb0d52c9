/**
 * Inner loops of the population fast path: a group of 1–4 modes (already multiplied by their output
 * coefficient) stepped across a run of uniform grid points of one output series.
 *
 * Each mode follows y ← d·y + h (d = exp(λ·Δt), h the exact zero-order gain per step, 0 without input).
 * The loops are unrolled by two with the exact two-step form y ← d²·y + h·(1 + d) on two interleaved chains
 * (even and odd points), so the per-point dependency is one multiply-add every two points; the modes sit in
 * locals rather than arrays.
 *
 * Three families, identical arithmetic (the sum of the group's modes, in float64):
 * - `set…` writes `out[i] = sum` into a Float64Array (the first group of a series: no read of the target);
 * - `set…F32` writes the same float64 sum into a Float32Array, rounded once by the store (a series of at most
 *   four modes, stored in single precision);
 * - `add…` adds the sum into a Float64Array (the second and later groups of a series);
 * - `add…F32` writes base[i − shift] + sum into a Float32Array, rounded once (the last group of a float32
 *   series of more than four modes, whose earlier groups were summed in float64 into base)).
 * Within a family, `decay` is the input-free case (h = 0) and `drive` the driven one.
 *
 * Generated code: every variant spelled out, so that each loop sees one array type only (monomorphic).
 */

export function setDecay1(out: Float64Array, i0: number, i1: number, y0: number, d0: number): void {
  const e0 = d0 * d0;
  let a0 = y0;
  let b0 = d0 * y0;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = a0;
    out[i + 1] = b0;
    a0 *= e0;
    b0 *= e0;
  }
  if (i < i1) out[i] = a0;
}

export function setDecay2(
  out: Float64Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  y1: number,
  d1: number,
): void {
  const e0 = d0 * d0;
  const e1 = d1 * d1;
  let a0 = y0;
  let a1 = y1;
  let b0 = d0 * y0;
  let b1 = d1 * y1;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = a0 + a1;
    out[i + 1] = b0 + b1;
    a0 *= e0;
    a1 *= e1;
    b0 *= e0;
    b1 *= e1;
  }
  if (i < i1) out[i] = a0 + a1;
}

export function setDecay3(
  out: Float64Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  y1: number,
  d1: number,
  y2: number,
  d2: number,
): void {
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
    out[i] = a0 + a1 + a2;
    out[i + 1] = b0 + b1 + b2;
    a0 *= e0;
    a1 *= e1;
    a2 *= e2;
    b0 *= e0;
    b1 *= e1;
    b2 *= e2;
  }
  if (i < i1) out[i] = a0 + a1 + a2;
}

export function setDecay4(
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
    out[i] = a0 + a1 + (a2 + a3);
    out[i + 1] = b0 + b1 + (b2 + b3);
    a0 *= e0;
    a1 *= e1;
    a2 *= e2;
    a3 *= e3;
    b0 *= e0;
    b1 *= e1;
    b2 *= e2;
    b3 *= e3;
  }
  if (i < i1) out[i] = a0 + a1 + (a2 + a3);
}

export function setDrive1(
  out: Float64Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  h0: number,
): void {
  const e0 = d0 * d0;
  const g0 = h0 * (1 + d0);
  let a0 = y0;
  let b0 = d0 * y0 + h0;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = a0;
    out[i + 1] = b0;
    a0 = e0 * a0 + g0;
    b0 = e0 * b0 + g0;
  }
  if (i < i1) out[i] = a0;
}

export function setDrive2(
  out: Float64Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  h0: number,
  y1: number,
  d1: number,
  h1: number,
): void {
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
    out[i] = a0 + a1;
    out[i + 1] = b0 + b1;
    a0 = e0 * a0 + g0;
    a1 = e1 * a1 + g1;
    b0 = e0 * b0 + g0;
    b1 = e1 * b1 + g1;
  }
  if (i < i1) out[i] = a0 + a1;
}

export function setDrive3(
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
    out[i] = a0 + a1 + a2;
    out[i + 1] = b0 + b1 + b2;
    a0 = e0 * a0 + g0;
    a1 = e1 * a1 + g1;
    a2 = e2 * a2 + g2;
    b0 = e0 * b0 + g0;
    b1 = e1 * b1 + g1;
    b2 = e2 * b2 + g2;
  }
  if (i < i1) out[i] = a0 + a1 + a2;
}

export function setDrive4(
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
    out[i] = a0 + a1 + (a2 + a3);
    out[i + 1] = b0 + b1 + (b2 + b3);
    a0 = e0 * a0 + g0;
    a1 = e1 * a1 + g1;
    a2 = e2 * a2 + g2;
    a3 = e3 * a3 + g3;
    b0 = e0 * b0 + g0;
    b1 = e1 * b1 + g1;
    b2 = e2 * b2 + g2;
    b3 = e3 * b3 + g3;
  }
  if (i < i1) out[i] = a0 + a1 + (a2 + a3);
}

export function setDecay1F32(out: Float32Array, i0: number, i1: number, y0: number, d0: number): void {
  const e0 = d0 * d0;
  let a0 = y0;
  let b0 = d0 * y0;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = a0;
    out[i + 1] = b0;
    a0 *= e0;
    b0 *= e0;
  }
  if (i < i1) out[i] = a0;
}

export function setDecay2F32(
  out: Float32Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  y1: number,
  d1: number,
): void {
  const e0 = d0 * d0;
  const e1 = d1 * d1;
  let a0 = y0;
  let a1 = y1;
  let b0 = d0 * y0;
  let b1 = d1 * y1;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = a0 + a1;
    out[i + 1] = b0 + b1;
    a0 *= e0;
    a1 *= e1;
    b0 *= e0;
    b1 *= e1;
  }
  if (i < i1) out[i] = a0 + a1;
}

export function setDecay3F32(
  out: Float32Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  y1: number,
  d1: number,
  y2: number,
  d2: number,
): void {
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
    out[i] = a0 + a1 + a2;
    out[i + 1] = b0 + b1 + b2;
    a0 *= e0;
    a1 *= e1;
    a2 *= e2;
    b0 *= e0;
    b1 *= e1;
    b2 *= e2;
  }
  if (i < i1) out[i] = a0 + a1 + a2;
}

export function setDecay4F32(
  out: Float32Array,
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
    out[i] = a0 + a1 + (a2 + a3);
    out[i + 1] = b0 + b1 + (b2 + b3);
    a0 *= e0;
    a1 *= e1;
    a2 *= e2;
    a3 *= e3;
    b0 *= e0;
    b1 *= e1;
    b2 *= e2;
    b3 *= e3;
  }
  if (i < i1) out[i] = a0 + a1 + (a2 + a3);
}

export function setDrive1F32(
  out: Float32Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  h0: number,
): void {
  const e0 = d0 * d0;
  const g0 = h0 * (1 + d0);
  let a0 = y0;
  let b0 = d0 * y0 + h0;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = a0;
    out[i + 1] = b0;
    a0 = e0 * a0 + g0;
    b0 = e0 * b0 + g0;
  }
  if (i < i1) out[i] = a0;
}

export function setDrive2F32(
  out: Float32Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  h0: number,
  y1: number,
  d1: number,
  h1: number,
): void {
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
    out[i] = a0 + a1;
    out[i + 1] = b0 + b1;
    a0 = e0 * a0 + g0;
    a1 = e1 * a1 + g1;
    b0 = e0 * b0 + g0;
    b1 = e1 * b1 + g1;
  }
  if (i < i1) out[i] = a0 + a1;
}

export function setDrive3F32(
  out: Float32Array,
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
    out[i] = a0 + a1 + a2;
    out[i + 1] = b0 + b1 + b2;
    a0 = e0 * a0 + g0;
    a1 = e1 * a1 + g1;
    a2 = e2 * a2 + g2;
    b0 = e0 * b0 + g0;
    b1 = e1 * b1 + g1;
    b2 = e2 * b2 + g2;
  }
  if (i < i1) out[i] = a0 + a1 + a2;
}

export function setDrive4F32(
  out: Float32Array,
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
    out[i] = a0 + a1 + (a2 + a3);
    out[i + 1] = b0 + b1 + (b2 + b3);
    a0 = e0 * a0 + g0;
    a1 = e1 * a1 + g1;
    a2 = e2 * a2 + g2;
    a3 = e3 * a3 + g3;
    b0 = e0 * b0 + g0;
    b1 = e1 * b1 + g1;
    b2 = e2 * b2 + g2;
    b3 = e3 * b3 + g3;
  }
  if (i < i1) out[i] = a0 + a1 + (a2 + a3);
}

export function addDecay1(out: Float64Array, i0: number, i1: number, y0: number, d0: number): void {
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

export function addDecay2(
  out: Float64Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  y1: number,
  d1: number,
): void {
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

export function addDecay3(
  out: Float64Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  y1: number,
  d1: number,
  y2: number,
  d2: number,
): void {
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

export function addDecay4(
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

export function addDrive1(
  out: Float64Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  h0: number,
): void {
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

export function addDrive2(
  out: Float64Array,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  h0: number,
  y1: number,
  d1: number,
  h1: number,
): void {
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

export function addDrive3(
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

export function addDrive4(
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

export function addDecay1F32(
  out: Float32Array,
  base: Float64Array,
  shift: number,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
): void {
  const e0 = d0 * d0;
  let a0 = y0;
  let b0 = d0 * y0;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = (base[i - shift] ?? 0) + a0;
    out[i + 1] = (base[i + 1 - shift] ?? 0) + b0;
    a0 *= e0;
    b0 *= e0;
  }
  if (i < i1) out[i] = (base[i - shift] ?? 0) + a0;
}

export function addDecay2F32(
  out: Float32Array,
  base: Float64Array,
  shift: number,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  y1: number,
  d1: number,
): void {
  const e0 = d0 * d0;
  const e1 = d1 * d1;
  let a0 = y0;
  let a1 = y1;
  let b0 = d0 * y0;
  let b1 = d1 * y1;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = (base[i - shift] ?? 0) + (a0 + a1);
    out[i + 1] = (base[i + 1 - shift] ?? 0) + (b0 + b1);
    a0 *= e0;
    a1 *= e1;
    b0 *= e0;
    b1 *= e1;
  }
  if (i < i1) out[i] = (base[i - shift] ?? 0) + (a0 + a1);
}

export function addDecay3F32(
  out: Float32Array,
  base: Float64Array,
  shift: number,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  y1: number,
  d1: number,
  y2: number,
  d2: number,
): void {
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
    out[i] = (base[i - shift] ?? 0) + (a0 + a1 + a2);
    out[i + 1] = (base[i + 1 - shift] ?? 0) + (b0 + b1 + b2);
    a0 *= e0;
    a1 *= e1;
    a2 *= e2;
    b0 *= e0;
    b1 *= e1;
    b2 *= e2;
  }
  if (i < i1) out[i] = (base[i - shift] ?? 0) + (a0 + a1 + a2);
}

export function addDecay4F32(
  out: Float32Array,
  base: Float64Array,
  shift: number,
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
    out[i] = (base[i - shift] ?? 0) + (a0 + a1 + (a2 + a3));
    out[i + 1] = (base[i + 1 - shift] ?? 0) + (b0 + b1 + (b2 + b3));
    a0 *= e0;
    a1 *= e1;
    a2 *= e2;
    a3 *= e3;
    b0 *= e0;
    b1 *= e1;
    b2 *= e2;
    b3 *= e3;
  }
  if (i < i1) out[i] = (base[i - shift] ?? 0) + (a0 + a1 + (a2 + a3));
}

export function addDrive1F32(
  out: Float32Array,
  base: Float64Array,
  shift: number,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  h0: number,
): void {
  const e0 = d0 * d0;
  const g0 = h0 * (1 + d0);
  let a0 = y0;
  let b0 = d0 * y0 + h0;
  let i = i0;
  for (; i + 1 < i1; i += 2) {
    out[i] = (base[i - shift] ?? 0) + a0;
    out[i + 1] = (base[i + 1 - shift] ?? 0) + b0;
    a0 = e0 * a0 + g0;
    b0 = e0 * b0 + g0;
  }
  if (i < i1) out[i] = (base[i - shift] ?? 0) + a0;
}

export function addDrive2F32(
  out: Float32Array,
  base: Float64Array,
  shift: number,
  i0: number,
  i1: number,
  y0: number,
  d0: number,
  h0: number,
  y1: number,
  d1: number,
  h1: number,
): void {
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
    out[i] = (base[i - shift] ?? 0) + (a0 + a1);
    out[i + 1] = (base[i + 1 - shift] ?? 0) + (b0 + b1);
    a0 = e0 * a0 + g0;
    a1 = e1 * a1 + g1;
    b0 = e0 * b0 + g0;
    b1 = e1 * b1 + g1;
  }
  if (i < i1) out[i] = (base[i - shift] ?? 0) + (a0 + a1);
}

export function addDrive3F32(
  out: Float32Array,
  base: Float64Array,
  shift: number,
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
    out[i] = (base[i - shift] ?? 0) + (a0 + a1 + a2);
    out[i + 1] = (base[i + 1 - shift] ?? 0) + (b0 + b1 + b2);
    a0 = e0 * a0 + g0;
    a1 = e1 * a1 + g1;
    a2 = e2 * a2 + g2;
    b0 = e0 * b0 + g0;
    b1 = e1 * b1 + g1;
    b2 = e2 * b2 + g2;
  }
  if (i < i1) out[i] = (base[i - shift] ?? 0) + (a0 + a1 + a2);
}

export function addDrive4F32(
  out: Float32Array,
  base: Float64Array,
  shift: number,
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
    out[i] = (base[i - shift] ?? 0) + (a0 + a1 + (a2 + a3));
    out[i + 1] = (base[i + 1 - shift] ?? 0) + (b0 + b1 + (b2 + b3));
    a0 = e0 * a0 + g0;
    a1 = e1 * a1 + g1;
    a2 = e2 * a2 + g2;
    a3 = e3 * a3 + g3;
    b0 = e0 * b0 + g0;
    b1 = e1 * b1 + g1;
    b2 = e2 * b2 + g2;
    b3 = e3 * b3 + g3;
  }
  if (i < i1) out[i] = (base[i - shift] ?? 0) + (a0 + a1 + (a2 + a3));
}
