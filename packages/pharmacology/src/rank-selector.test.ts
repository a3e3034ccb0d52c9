/**
 * The bucketing order-statistic selector behind the percentile bands (population.ts RankSelector) against a
 * full sort, on columns built to stress it: ties, constant columns, far outliers (one bucket holds nearly
 * everything), negative values, huge and tiny magnitudes, and few values.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RankSelector } from './population.js';

const value = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(0, 1, 1, 2.5, -3, 1e-300, 1e300),
  fc.noBias(fc.integer({ min: 0, max: 1000 })).map((i) => i / 7),
);

const columnArb = fc.oneof(
  fc.array(value, { minLength: 1, maxLength: 400 }),
  // Skewed: a cloud of near-equal values and a few far outliers.
  fc
    .record({ n: fc.integer({ min: 1, max: 2000 }), outliers: fc.array(fc.double({ min: 1e3, max: 1e12, noNaN: true }), { maxLength: 3 }), seed: fc.integer() })
    .map(({ n, outliers, seed }) => {
      let s = seed >>> 0;
      const xs = Array.from({ length: n }, () => {
        s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
        return 1 + (s / 2 ** 32) * 1e-9;
      });
      return [...xs, ...outliers];
    }),
);

describe('RankSelector (percentile bands)', () => {
  it('returns exactly the order statistics of a full sort', () => {
    fc.assert(
      fc.property(columnArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), (values, fractions) => {
        const n = values.length;
        const ks = Int32Array.from([...new Set(fractions.map((f) => Math.min(n - 1, Math.floor(f * n))))].sort((x, y) => x - y));
        const column = Float64Array.from(values);
        new RankSelector(n, ks.length).select(column, ks);
        const sorted = Float64Array.from(values).sort();
        for (const k of ks) assert.ok(column[k] === sorted[k], `rank ${k} of ${n}: ${column[k]} vs ${sorted[k]}`);
      }),
      { numRuns: 1500, seed: 5150 },
    );
  });

  it('stays exact across a sequence of columns whose range jumps, shrinks, collapses and shifts (range carried over)', () => {
    const kind = fc.record({ scale: fc.constantFrom(0, 1e-12, 1e-3, 1, 1e3, 1e9), shift: fc.constantFrom(0, -5, 1, 1e6), skew: fc.boolean(), seed: fc.integer() });
    fc.assert(
      fc.property(fc.array(kind, { minLength: 1, maxLength: 12 }), (columns) => {
        const n = 600;
        const ks = Int32Array.from([0, 6, 30, 299, 300, 570, 594, 599]);
        const selector = new RankSelector(n, ks.length);
        for (const c of columns) {
          let s = c.seed >>> 0;
          const values = Array.from({ length: n }, () => {
            s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
            const u = s / 2 ** 32;
            return c.shift + c.scale * (c.skew ? u ** 8 : u);
          });
          const column = Float64Array.from(values);
          selector.select(column, ks);
          const sorted = Float64Array.from(values).sort();
          for (const k of ks) assert.ok(column[k] === sorted[k], `rank ${k}: ${column[k]} vs ${sorted[k]}`);
        }
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('select32 (float32 columns read in place, time-major bands): same order statistics and threshold counts, across a column sequence', () => {
    fc.assert(
      fc.property(fc.array(columnArb, { minLength: 1, maxLength: 6 }), fc.double({ min: -10, max: 10, noNaN: true }), (columns, thr) => {
        // One selector per column length, reused across the sequence (the range carries over).
        const selectors = new Map<number, RankSelector>();
        for (const values of columns) {
          const column = Float32Array.from(values);
          const n = column.length;
          const ks = Int32Array.from([...new Set([0, n >> 3, n >> 1, n - 1 - (n >> 4), n - 1])].sort((x, y) => x - y));
          let selector = selectors.get(n);
          if (selector === undefined) {
            selector = new RankSelector(n, ks.length);
            selectors.set(n, selector);
          }
          const out = new Float64Array(ks.length);
          const before = Float32Array.from(column);
          const above = selector.select32(column, ks, thr, out);
          assert.deepEqual(column, before, 'the column is not modified');
          const sorted = Float32Array.from(column).sort();
          ks.forEach((k, j) => {
            assert.ok(out[j] === sorted[k], `rank ${k} of ${n}: ${out[j]} vs ${sorted[k]}`);
          });
          assert.equal(above, column.filter((v) => v > thr).length);
        }
      }),
      { numRuns: 500, seed: 31 },
    );
  });

  it('is reusable across columns (its scratch state is reset)', () => {
    const selector = new RankSelector(1000, 3);
    const ks = Int32Array.from([10, 500, 989]);
    for (let c = 0; c < 20; c++) {
      const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i * (c + 1)) * (c % 3 === 0 ? 1e6 : 1));
      const column = Float64Array.from(values);
      selector.select(column, ks);
      const sorted = Float64Array.from(values).sort();
      for (const k of ks) assert.equal(column[k], sorted[k]);
    }
  });
});
