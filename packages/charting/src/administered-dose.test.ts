import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  administeredDose,
  exactMicrograms,
  segmentMicrograms,
  type DoseSegment,
} from './administered-dose.js';
import { add, compare, equals, fromDecimal, mul, rational, ZERO } from './rational.js';
import { at, makeChart } from './testing/chart-fixtures.js';

const BAG = { drugMg: 100, volumeMl: 100 };

function seg(fromMin: number, toMin: number | null, rateMlPerH = 24.5, bag = BAG): DoseSegment {
  return { fromIso: at(fromMin), toIso: toMin === null ? null : at(toMin), rateMlPerH, bag };
}

describe('administeredDose (hand-computed)', () => {
  it('4 h at 24.5 mL/h of 100 mg/100 mL = 98 mg exactly', () => {
    const dose = administeredDose([seg(0, 240)], null);
    assert.equal(dose.exactMicrogramsNumerator, '98000');
    assert.equal(dose.exactMicrogramsDenominator, '1');
    assert.equal(dose.micrograms, 98_000);
    assert.equal(dose.mg, 98);
    assert.equal(dose.infusionMg, 98);
    assert.equal(dose.bolusMg, 0);
  });

  it('a 30-min pause in 4 h: 3.5 h at 24.5 mL/h = 85.75 mg', () => {
    const chart = makeChart().started(0).pause(60).resume(90).stop(240).fold();
    assert.equal(chart.administered.exactMicrogramsNumerator, '85750');
    assert.equal(chart.administered.exactMicrogramsDenominator, '1');
    assert.equal(chart.administered.mg, 85.75);
  });

  it('a rate change mid-way: 2 h at 24.5 then 2 h at 35 mL/h = 49 + 70 = 119 mg', () => {
    const chart = makeChart().started(0).rateChange(120, 35).stop(240).fold();
    assert.equal(chart.administered.exactMicrogramsNumerator, '119000');
    assert.equal(chart.administered.mg, 119);
  });

  it('a non-terminating total stays exact: 10 min at 1 mL/h of 100 mg/30 mL = 5/9 mg', () => {
    const dose = administeredDose([seg(0, 10, 1, { drugMg: 100, volumeMl: 30 })], null);
    // 1 mL/h × 10/3 mg/mL × 1/6 h = 5/9 mg = 5000/9 µg
    assert.equal(dose.exactMicrogramsNumerator, '5000');
    assert.equal(dose.exactMicrogramsDenominator, '9');
    assert.equal(dose.micrograms, 556);
    assert.equal(dose.mg, 0.556);
  });

  it('boluses add their mg; a bolus after untilIso is not yet given', () => {
    const dose = administeredDose([seg(0, 60)], at(30), [
      { at: at(10), doseMg: 10.5 },
      { at: at(45), doseMg: 20 },
    ]);
    // 0.5 h × 24.5 mg/h = 12.25 mg, + 10.5 mg
    assert.equal(dose.mg, 22.75);
    assert.equal(dose.bolusMg, 10.5);
    assert.equal(dose.infusionMg, 12.25);
  });

  it('an open segment runs to untilIso; without it, it counts nothing', () => {
    assert.equal(administeredDose([seg(0, null)], at(60)).mg, 24.5);
    assert.equal(administeredDose([seg(0, null)], null).mg, 0);
  });

  it('a segment ending before it starts counts 0, never negative', () => {
    assert.deepEqual(segmentMicrograms(seg(60, 30), null), ZERO);
  });

  it('exactMicrograms reads the stored fraction back', () => {
    const dose = administeredDose([seg(0, 7)], null);
    assert.ok(equals(exactMicrograms(dose), segmentMicrograms(seg(0, 7), null)));
  });
});

const minute = fc.integer({ min: 0, max: 24 * 60 * 60 }).map((s) => s / 60); // whole seconds as minutes
const rateMlPerH = fc.integer({ min: 1, max: 20_000 }).map((n) => n / 10); // 0.1 … 2000 mL/h
const bag = fc.record({
  drugMg: fc.integer({ min: 1, max: 5000 }).map((n) => n / 10),
  volumeMl: fc.integer({ min: 1, max: 5000 }).map((n) => n / 10),
});

describe('administeredDose properties', () => {
  it('dose = rate × concentration × time for one segment', () => {
    fc.assert(
      fc.property(minute, minute, rateMlPerH, bag, (a, b, rate, bg) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const got = segmentMicrograms(seg(from, to, rate, bg), null);
        const ms = Date.parse(at(to)) - Date.parse(at(from));
        const expected = mul(
          mul(
            fromDecimal(rate),
            rational(
              fromDecimal(bg.drugMg).num * fromDecimal(bg.volumeMl).den,
              fromDecimal(bg.drugMg).den * fromDecimal(bg.volumeMl).num,
            ),
          ),
          rational(BigInt(ms) * 1000n, 3_600_000n),
        );
        assert.ok(equals(got, expected));
      }),
    );
  });

  it('splitting a segment at any instant leaves the total unchanged (additivity)', () => {
    fc.assert(
      fc.property(minute, minute, minute, rateMlPerH, bag, (a, b, c, rate, bg) => {
        const [from, mid, to] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
        const whole = segmentMicrograms(seg(from, to, rate, bg), null);
        const split = add(
          segmentMicrograms(seg(from, mid, rate, bg), null),
          segmentMicrograms(seg(mid, to, rate, bg), null),
        );
        assert.ok(equals(whole, split));
      }),
    );
  });

  it('never negative, whatever the order of the times', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(minute, minute, rateMlPerH, bag), { maxLength: 8 }), (rows) => {
        const dose = administeredDose(
          rows.map(([a, b, r, bg]) => seg(a, b, r, bg)),
          null,
        );
        assert.ok(compare(exactMicrograms(dose), ZERO) >= 0);
        assert.ok(dose.mg >= 0);
      }),
    );
  });

  it('the order of independent boluses does not matter', () => {
    const boluses = fc.array(
      fc.record({ at: minute.map(at), doseMg: fc.integer({ min: 1, max: 10_000 }).map((n) => n / 10) }),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(boluses, fc.integer(), (list, seed) => {
        const shuffled = [...list].sort(
          (x, y) => ((x.doseMg * 7919 + seed) % 13) - ((y.doseMg * 7919 + seed) % 13),
        );
        const one = administeredDose([seg(0, 60)], null, list);
        const other = administeredDose([seg(0, 60)], null, shuffled.reverse());
        assert.equal(one.exactMicrogramsNumerator, other.exactMicrogramsNumerator);
        assert.equal(one.exactMicrogramsDenominator, other.exactMicrogramsDenominator);
      }),
    );
  });

  it('the fold gives the same total whether or not a rate change repeats the same rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 239 }), (changeMin) => {
        const plain = makeChart().started(0).stop(240).fold();
        const repeated = makeChart().started(0).rateChange(changeMin, 24.5, 0.35).stop(240).fold();
        assert.equal(
          repeated.administered.exactMicrogramsNumerator,
          plain.administered.exactMicrogramsNumerator,
        );
        assert.equal(plain.administered.mg, 98);
      }),
      { numRuns: 30 },
    );
  });
});
