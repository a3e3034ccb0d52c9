/**
 * Eigen-decomposition of a linear compartment system dx/dt = A·x + u into independent modes.
 * Compartment graphs split into strongly connected blocks (depots, the parent's mammillary system, the
 * metabolite's system); each block with reversible exchanges is similar to a symmetric matrix, so its
 * eigenvalues are real and a Jacobi rotation finds them to machine precision. The full eigenvectors follow by
 * block substitution, which keeps the exact zero pattern (a mode never reaches states upstream of it).
 */

/** A first-order transfer from compartment `from` to `to` (null: out of the system), rate constant in min⁻¹. */
export interface Transfer {
  readonly from: number;
  readonly to: number | null;
  readonly kPerMin: number;
}

export interface ModalSystem {
  readonly n: number;
  /** Eigenvalues (min⁻¹), one per mode; all ≤ 0 for a draining system. */
  readonly lambdaPerMin: Float64Array;
  /** Right eigenvectors, row-major n×n: v[state·n + mode]. x = V·m. */
  readonly v: Float64Array;
  /** Left eigenvectors (V⁻¹), row-major n×n: w[mode·n + state]. m = W·x. */
  readonly w: Float64Array;
  /** Strongly connected block of each state and each mode. */
  readonly stateBlock: Int32Array;
  readonly modeBlock: Int32Array;
  readonly nBlocks: number;
  /** reach[a·nBlocks + b] = 1 when block a feeds block b directly or indirectly (a reaches itself). */
  readonly blockReach: Uint8Array;
  /** Rate constant out of the system from each state (min⁻¹), for mass balance. */
  readonly outflowPerMin: Float64Array;
}

/** Relative eigenvalue separation below which two coupled modes are nudged apart (see decompose). */
const COINCIDENCE_REL = 1e-10;

export function buildRateMatrix(n: number, transfers: readonly Transfer[]): Float64Array {
  const a = new Float64Array(n * n);
  for (const t of transfers) {
    if (!(t.kPerMin >= 0) || !Number.isFinite(t.kPerMin)) throw new RangeError(`transfer rate must be finite and ≥ 0, got ${t.kPerMin}`);
    a[t.from * n + t.from] = (a[t.from * n + t.from] ?? 0) - t.kPerMin;
    if (t.to !== null) a[t.to * n + t.from] = (a[t.to * n + t.from] ?? 0) + t.kPerMin;
  }
  return a;
}

function at(arr: Float64Array, i: number): number {
  return arr[i] ?? 0;
}

/** Symmetric eigen-decomposition by cyclic Jacobi rotations (Numerical Recipes §11.1 convention). */
export function jacobiEigen(sym: Float64Array, b: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(sym);
  const q = new Float64Array(b * b);
  for (let i = 0; i < b; i++) q[i * b + i] = 1;
  let norm2 = 0;
  for (let i = 0; i < b * b; i++) norm2 += at(a, i) ** 2;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < b; p++) for (let r = p + 1; r < b; r++) off += at(a, p * b + r) ** 2;
    if (off <= 1e-34 * norm2 || off === 0) break;
    for (let p = 0; p < b; p++) {
      for (let r = p + 1; r < b; r++) {
        const apr = at(a, p * b + r);
        if (apr === 0) continue;
        const theta = (at(a, r * b + r) - at(a, p * b + p)) / (2 * apr);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < b; k++) {
          const akp = at(a, k * b + p);
          const akr = at(a, k * b + r);
          a[k * b + p] = c * akp - s * akr;
          a[k * b + r] = s * akp + c * akr;
        }
        for (let k = 0; k < b; k++) {
          const apk = at(a, p * b + k);
          const ark = at(a, r * b + k);
          a[p * b + k] = c * apk - s * ark;
          a[r * b + k] = s * apk + c * ark;
        }
        for (let k = 0; k < b; k++) {
          const qkp = at(q, k * b + p);
          const qkr = at(q, k * b + r);
          q[k * b + p] = c * qkp - s * qkr;
          q[k * b + r] = s * qkp + c * qkr;
        }
      }
    }
  }
  const values = new Float64Array(b);
  for (let i = 0; i < b; i++) values[i] = at(a, i * b + i);
  return { values, vectors: q };
}

/** Solves M·x = rhs (M b×b row-major) by Gaussian elimination with partial pivoting. */
function solveDense(m: Float64Array, rhs: Float64Array, b: number): Float64Array {
  const a = Float64Array.from(m);
  const x = Float64Array.from(rhs);
  for (let col = 0; col < b; col++) {
    let piv = col;
    for (let r = col + 1; r < b; r++) if (Math.abs(at(a, r * b + col)) > Math.abs(at(a, piv * b + col))) piv = r;
    if (piv !== col) {
      for (let k = 0; k < b; k++) {
        const tmp = at(a, col * b + k);
        a[col * b + k] = at(a, piv * b + k);
        a[piv * b + k] = tmp;
      }
      const tmp = at(x, col);
      x[col] = at(x, piv);
      x[piv] = tmp;
    }
    const d = at(a, col * b + col);
    if (d === 0) throw new Error('singular block in modal decomposition');
    for (let r = col + 1; r < b; r++) {
      const f = at(a, r * b + col) / d;
      if (f === 0) continue;
      for (let k = col; k < b; k++) a[r * b + k] = at(a, r * b + k) - f * at(a, col * b + k);
      x[r] = at(x, r) - f * at(x, col);
    }
  }
  for (let r = b - 1; r >= 0; r--) {
    let s = at(x, r);
    for (let k = r + 1; k < b; k++) s -= at(a, r * b + k) * at(x, k);
    x[r] = s / at(a, r * b + r);
  }
  return x;
}

interface Block {
  readonly states: number[];
  lambdas: Float64Array;
  /** Right eigenvectors of the block (b×b, column per mode) and their inverse. */
  vr: Float64Array;
  vl: Float64Array;
}

/** Strongly connected components ordered upstream → downstream (a topological order of the block graph). */
function orderedBlocks(n: number, a: Float64Array): { blocks: number[][]; reach: boolean[][] } {
  const reach: boolean[][] = [];
  for (let i = 0; i < n; i++) {
    const row: boolean[] = [];
    for (let j = 0; j < n; j++) row.push(i === j || at(a, j * n + i) !== 0);
    reach.push(row);
  }
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const ri = reach[i];
    if (ri !== undefined && ri[k] === true && reach[k]?.[j] === true) ri[j] = true;
  }
  const blockOf = new Array<number>(n).fill(-1);
  const blocks: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (blockOf[i] !== -1) continue;
    const members: number[] = [];
    for (let j = 0; j < n; j++) if (reach[i]?.[j] === true && reach[j]?.[i] === true) {
      members.push(j);
      blockOf[j] = blocks.length;
    }
    blocks.push(members);
  }
  // Upstream count strictly increases along the block graph, so sorting by it is a topological order.
  const upstream = blocks.map((bl) => {
    const first = bl[0] ?? 0;
    let count = 0;
    for (let i = 0; i < n; i++) if (reach[i]?.[first] === true) count++;
    return count;
  });
  const order = blocks.map((_, i) => i).sort((x, y) => (upstream[x] ?? 0) - (upstream[y] ?? 0));
  return { blocks: order.map((i) => blocks[i] ?? []), reach };
}

/** Eigen-decomposition of one block via diagonal symmetrisation D⁻¹·B·D = S (needs reversible exchanges). */
function decomposeBlock(n: number, a: Float64Array, states: number[]): Block {
  const b = states.length;
  const bm = new Float64Array(b * b);
  for (let i = 0; i < b; i++) for (let j = 0; j < b; j++) bm[i * b + j] = at(a, (states[i] ?? 0) * n + (states[j] ?? 0));
  if (b === 1) {
    return { states, lambdas: Float64Array.of(at(bm, 0)), vr: Float64Array.of(1), vl: Float64Array.of(1) };
  }
  // d_i²/d_j² = B_ij/B_ji along the exchange graph (breadth-first from the first state).
  const d = new Float64Array(b);
  d[0] = 1;
  const queue = [0];
  const seen = new Set([0]);
  while (queue.length > 0) {
    const j = queue.shift() ?? 0;
    for (let i = 0; i < b; i++) {
      if (i === j || seen.has(i)) continue;
      const bij = at(bm, i * b + j);
      const bji = at(bm, j * b + i);
      if (bij === 0 && bji === 0) continue;
      if (bij === 0 || bji === 0) throw new Error('compartment block has a one-way transfer inside a cycle; not symmetrisable');
      d[i] = at(d, j) * Math.sqrt(bij / bji);
      seen.add(i);
      queue.push(i);
    }
  }
  const s = new Float64Array(b * b);
  for (let i = 0; i < b; i++) for (let j = 0; j < b; j++) s[i * b + j] = (at(bm, i * b + j) * at(d, j)) / at(d, i);
  for (let i = 0; i < b; i++) for (let j = i + 1; j < b; j++) {
    const x = at(s, i * b + j);
    const y = at(s, j * b + i);
    if (Math.abs(x - y) > 1e-12 * Math.max(Math.abs(x), Math.abs(y))) throw new Error('compartment block is not symmetrisable');
    const mean = (x + y) / 2;
    s[i * b + j] = mean;
    s[j * b + i] = mean;
  }
  const { values, vectors } = jacobiEigen(s, b);
  const vr = new Float64Array(b * b);
  const vl = new Float64Array(b * b);
  for (let i = 0; i < b; i++) for (let k = 0; k < b; k++) {
    vr[i * b + k] = at(d, i) * at(vectors, i * b + k); // V = D·Q
    vl[k * b + i] = at(vectors, i * b + k) / at(d, i); // V⁻¹ = Qᵀ·D⁻¹
  }
  return { states, lambdas: values, vr, vl };
}

/**
 * Decomposes the system into modes. Two coupled modes whose eigenvalues coincide to within 1e-10 relative
 * (a confluent case that random sampling essentially never produces) are separated by that amount, which
 * changes results by ≲1e-8 relative instead of dividing by zero.
 */
export function decompose(n: number, transfers: readonly Transfer[]): ModalSystem {
  const a = buildRateMatrix(n, transfers);
  const { blocks: blockStates, reach } = orderedBlocks(n, a);
  const blocks = blockStates.map((st) => decomposeBlock(n, a, st));
  const nBlocks = blocks.length;
  const stateBlock = new Int32Array(n);
  const modeBlock = new Int32Array(n);
  const lambdaPerMin = new Float64Array(n);
  // Modes are numbered in block order, within a block in eigenvalue order from Jacobi.
  const blockStart: number[] = [];
  let next = 0;
  blocks.forEach((bl, bi) => {
    blockStart.push(next);
    for (const s of bl.states) stateBlock[s] = bi;
    for (let k = 0; k < bl.states.length; k++) {
      modeBlock[next] = bi;
      lambdaPerMin[next] = at(bl.lambdas, k);
      next++;
    }
  });
  const blockReach = new Uint8Array(nBlocks * nBlocks);
  for (let x = 0; x < nBlocks; x++) for (let y = 0; y < nBlocks; y++) {
    const sx = blocks[x]?.states[0] ?? 0;
    const sy = blocks[y]?.states[0] ?? 0;
    blockReach[x * nBlocks + y] = reach[sx]?.[sy] === true ? 1 : 0;
  }
  const v = new Float64Array(n * n);
  const w = new Float64Array(n * n);
  // Right eigenvectors: zero upstream, block eigenvector in its own block, block substitution downstream.
  for (let bk = 0; bk < nBlocks; bk++) {
    const own = blocks[bk];
    if (own === undefined) continue;
    const bkSize = own.states.length;
    for (let k = 0; k < bkSize; k++) {
      const mode = (blockStart[bk] ?? 0) + k;
      const lambda = at(lambdaPerMin, mode);
      for (let i = 0; i < bkSize; i++) v[(own.states[i] ?? 0) * n + mode] = at(own.vr, i * bkSize + k);
      for (let bl = bk + 1; bl < nBlocks; bl++) {
        const down = blocks[bl];
        if (down === undefined || blockReach[bk * nBlocks + bl] !== 1) continue;
        const b = down.states.length;
        const m = new Float64Array(b * b);
        const rhs = new Float64Array(b);
        let lambdaUsed = lambda;
        for (let i = 0; i < b; i++) {
          const li = at(down.lambdas, i);
          if (Math.abs(li - lambda) <= COINCIDENCE_REL * Math.max(Math.abs(li), Math.abs(lambda))) {
            lambdaUsed = lambda * (1 + 2 * COINCIDENCE_REL);
          }
        }
        if (lambdaUsed !== lambda) lambdaPerMin[mode] = lambdaUsed;
        for (let i = 0; i < b; i++) {
          const si = down.states[i] ?? 0;
          for (let j = 0; j < b; j++) m[i * b + j] = at(a, si * n + (down.states[j] ?? 0)) - (i === j ? lambdaUsed : 0);
          let r = 0;
          for (let s = 0; s < n; s++) {
            if ((stateBlock[s] ?? 0) >= bl) continue;
            r -= at(a, si * n + s) * at(v, s * n + mode);
          }
          rhs[i] = r;
        }
        const sol = solveDense(m, rhs, b);
        for (let i = 0; i < b; i++) v[(down.states[i] ?? 0) * n + mode] = at(sol, i);
      }
    }
  }
  // Left eigenvectors W = V⁻¹, block lower-triangular: W_KK = V_KK⁻¹, W_LK = −V_LL⁻¹·Σ_{K≤J<L} V_LJ·W_JK.
  for (let bk = 0; bk < nBlocks; bk++) {
    const own = blocks[bk];
    if (own === undefined) continue;
    const b = own.states.length;
    for (let k = 0; k < b; k++) for (let i = 0; i < b; i++) {
      w[((blockStart[bk] ?? 0) + k) * n + (own.states[i] ?? 0)] = at(own.vl, k * b + i);
    }
  }
  for (let bk = 0; bk < nBlocks; bk++) {
    const src = blocks[bk];
    if (src === undefined) continue;
    for (let bl = bk + 1; bl < nBlocks; bl++) {
      const down = blocks[bl];
      if (down === undefined || blockReach[bk * nBlocks + bl] !== 1) continue;
      const bL = down.states.length;
      const startL = blockStart[bl] ?? 0;
      for (const s of src.states) {
        // acc[row of block L] = Σ_J V[row][modes of J] · W[modes of J][s] for blocks K ≤ J < L.
        const acc = new Float64Array(bL);
        for (let i = 0; i < bL; i++) {
          const row = down.states[i] ?? 0;
          let sum = 0;
          for (let mode = 0; mode < n; mode++) {
            const mb = modeBlock[mode] ?? 0;
            if (mb < bk || mb >= bl) continue;
            sum += at(v, row * n + mode) * at(w, mode * n + s);
          }
          acc[i] = sum;
        }
        for (let k = 0; k < bL; k++) {
          let sum = 0;
          for (let i = 0; i < bL; i++) sum += at(down.vl, k * bL + i) * at(acc, i);
          w[(startL + k) * n + s] = -sum;
        }
      }
    }
  }
  const outflowPerMin = new Float64Array(n);
  for (const t of transfers) if (t.to === null) outflowPerMin[t.from] = at(outflowPerMin, t.from) + t.kPerMin;
  return { n, lambdaPerMin, v, w, stateBlock, modeBlock, nBlocks, blockReach, outflowPerMin };
}
