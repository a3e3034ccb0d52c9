import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  add,
  compare,
  div,
  equals,
  fromDecimal,
  mul,
  rational,
  roundToInteger,
  toNumber,
} from './rational.js';

describe('fromDecimal reads the decimal a number prints as', () => {
  const rows: [number, bigint, bigint][] = [
    [24.5, 49n, 2n],
    [0.1, 1n, 10n],
    [0.35, 7n, 20n],
    [100, 100n, 1n],
    [0, 0n, 1n],
    [-3.25, -13n, 4n],
    [1e-7, 1n, 10_000_000n],
    [1.5e21, 1_500_000_000_000_000_000_000n, 1n],
  ];
  for (const [x, num, den] of rows) {
    it(`${x} → ${num}/${den}`, () => {
      assert.deepEqual(fromDecimal(x), { num, den });
    });
  }
  it('refuses NaN and infinity', () => {
    assert.throws(() => fromDecimal(Number.NaN), RangeError);
    assert.throws(() => fromDecimal(Number.POSITIVE_INFINITY), RangeError);
  });
  it('0.1 + 0.2 is exactly 3/10 (no binary error)', () => {
    assert.ok(equals(add(fromDecimal(0.1), fromDecimal(0.2)), fromDecimal(0.3)));
  });
  it('property: the value converts back to the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), (x) => {
        assert.equal(toNumber(fromDecimal(x)), x === 0 ? 0 : x);
      }),
    );
  });
});

describe('arithmetic', () => {
  it('reduces and keeps the denominator positive', () => {
    assert.deepEqual(rational(6n, -4n), { num: -3n, den: 2n });
    assert.throws(() => rational(1n, 0n), RangeError);
  });
  it('mul, div, compare', () => {
    assert.deepEqual(mul(fromDecimal(24.5), fromDecimal(4)), { num: 98n, den: 1n });
    assert.deepEqual(div(fromDecimal(100), fromDecimal(100)), { num: 1n, den: 1n });
    assert.throws(() => div(fromDecimal(1), fromDecimal(0)), RangeError);
    assert.equal(compare(fromDecimal(0.1), fromDecimal(0.2)), -1);
    assert.equal(compare(fromDecimal(0.2), fromDecimal(0.2)), 0);
  });
  it('roundToInteger rounds halves away from zero', () => {
    assert.equal(roundToInteger(rational(5n, 2n)), 3n);
    assert.equal(roundToInteger(rational(-5n, 2n)), -3n);
    assert.equal(roundToInteger(rational(7n, 3n)), 2n);
  });
  it('property: addition is commutative and associative', () => {
    const r = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e4, max: 1e4 }).map(fromDecimal);
    fc.assert(
      fc.property(r, r, r, (a, b, c) => {
        assert.ok(equals(add(a, b), add(b, a)));
        assert.ok(equals(add(add(a, b), c), add(a, add(b, c))));
      }),
    );
  });
});
