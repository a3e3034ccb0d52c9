import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { administeredDose } from '@ketapath/charting';
import fc from 'fast-check';
import {
  containerContentUg,
  formatUgAsMg,
  isDrawConsistent,
  mgPerMlToUgPerMl,
  mgToUg,
  mlToUl,
  parseExactMicrograms,
  roundAdministeredDose,
  roundAdministeredUg,
  ugInVolume,
  ugInVolumeRounded,
  ulForUgRounded,
} from './quantities.js';

describe('mg/mL ↔ µg/µL, integer-exact', () => {
  const exact: [string, (x: number) => number, number, number][] = [
    ['1.005 mg is 1005 µg (not 1004.999…)', mgToUg, 1.005, 1005],
    ['12.5 mg', mgToUg, 12.5, 12_500],
    ['0.001 mg is one µg', mgToUg, 0.001, 1],
    ['0 mg', mgToUg, 0, 0],
    ['2.5 mL', mlToUl, 2.5, 2500],
    ['0.1 mL', mlToUl, 0.1, 100],
    ['50 mg/mL', mgPerMlToUgPerMl, 50, 50_000],
    ['0.1 mg/mL', mgPerMlToUgPerMl, 0.1, 100],
  ];
  for (const [name, fn, input, expected] of exact)
    it(name, () => {
      assert.equal(fn(input), expected);
    });
  const refused: [string, () => number][] = [
    ['0.0005 mg (half a µg)', () => mgToUg(0.0005)],
    ['1e-7 mg', () => mgToUg(1e-7)],
    ['0.0001 mL', () => mlToUl(0.0001)],
    ['NaN mg', () => mgToUg(Number.NaN)],
    ['an amount beyond a safe integer of µg', () => mgToUg(1e16)],
  ];
  for (const [name, fn] of refused)
    it(`refuses ${name}`, () => {
      assert.throws(fn, RangeError);
    });
  it('any 3-decimal mg amount converts exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (ug) => {
        assert.equal(mgToUg(Number((ug / 1000).toFixed(3))), ug);
      }),
    );
  });
});

describe('content and draws', () => {
  it('a 10 mL vial of 50 mg/mL holds 500 mg', () => {
    assert.equal(containerContentUg(50_000, 10_000), 500_000);
  });
  it('refuses a content that is not whole µg (0.1 mg/mL × 1 µL = 0.1 µg)', () => {
    assert.throws(() => containerContentUg(100, 1), RangeError);
  });
  it('µg in a volume: exact or null; rounded half up', () => {
    assert.equal(ugInVolume(2000, 50_000), 100_000);
    assert.equal(ugInVolume(1, 500), null);
    assert.equal(ugInVolumeRounded(1, 500), 1);
    assert.equal(ugInVolumeRounded(1, 499), 0);
    assert.equal(ulForUgRounded(100_000, 50_000), 2000);
  });
  const draws: [string, number, number, number, boolean][] = [
    ['100 mg = 2 mL × 50 mg/mL', 100_000, 2000, 50_000, true],
    ['100.001 mg ≠ 2 mL × 50 mg/mL (off by 1 µg)', 100_001, 2000, 50_000, false],
    ['99.999 mg ≠ 2 mL × 50 mg/mL', 99_999, 2000, 50_000, false],
    ['0.05 mg = 0.001 mL × 50 mg/mL', 50, 1, 50_000, true],
  ];
  for (const [name, ug, ul, conc, expected] of draws)
    it(name, () => {
      assert.equal(isDrawConsistent(ug, ul, conc), expected);
    });
});

describe('roundAdministeredUg (exact rational → whole µg, halves up)', () => {
  const rows: [string, bigint, bigint, number, string][] = [
    ['2000.5 µg rounds up to 2001', 4001n, 2n, 2001, '4001/2 µg'],
    ['1999.5 µg rounds up to 2000', 3999n, 2n, 2000, '3999/2 µg'],
    ['1000.75 µg rounds to 1001', 4003n, 4n, 1001, '4003/4 µg'],
    ['1000.25 µg rounds to 1000', 4001n, 4n, 1000, '4001/4 µg'],
    ['1/3 µg rounds to 0', 1n, 3n, 0, '1/3 µg'],
    ['2/3 µg rounds to 1', 2n, 3n, 1, '2/3 µg'],
    ['an unreduced fraction is reduced: 10/4 → 5/2 → 3', 10n, 4n, 3, '5/2 µg'],
    ['nothing given: 0', 0n, 1n, 0, '0/1 µg'],
  ];
  for (const [name, num, den, ug, exact] of rows)
    it(name, () => {
      assert.deepEqual(roundAdministeredUg({ num, den }), { administeredUg: ug, administeredExact: exact });
    });
  it('refuses a negative dose', () => {
    assert.throws(() => roundAdministeredUg({ num: -1n, den: 2n }), RangeError);
  });
  it('a chart dose: 10 min at 1 mL/h of 100 mg/30 mL = 5000/9 µg → 556 µg', () => {
    const dose = administeredDose(
      [
        {
          fromIso: '2026-03-02T09:00:00.000Z',
          toIso: '2026-03-02T09:10:00.000Z',
          rateMlPerH: 1,
          bag: { drugMg: 100, volumeMl: 30 },
        },
      ],
      null,
    );
    assert.deepEqual(roundAdministeredDose(dose), { administeredUg: 556, administeredExact: '5000/9 µg' });
  });
  it("the exact value reads back from 'p/q µg'", () => {
    assert.deepEqual(parseExactMicrograms('5000/9 µg'), { num: 5000n, den: 9n });
    assert.equal(parseExactMicrograms('5000/0 µg'), null);
    assert.equal(parseExactMicrograms('555.5 µg'), null);
  });
  it('is never more than half a µg from the exact value (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (num, den) => {
          const { administeredUg } = roundAdministeredUg({ num, den });
          const diffTimes2Den = 2n * (BigInt(administeredUg) * den - num);
          assert.ok(diffTimes2Den <= den && diffTimes2Den > -den, `${num}/${den} → ${administeredUg}`);
        },
      ),
    );
  });
});

describe('formatUgAsMg', () => {
  const rows: [number, string][] = [
    [12_345, '12.345'],
    [500, '0.5'],
    [3000, '3'],
    [-20, '-0.02'],
    [0, '0'],
  ];
  for (const [ug, text] of rows)
    it(`${ug} µg → ${text} mg`, () => {
      assert.equal(formatUgAsMg(ug), text);
    });
});
