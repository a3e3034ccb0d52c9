import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alignTable, formatExact, formatMinutes, formatSignificant } from './number-format.js';

describe('number formatting', () => {
  it('formats exactly: the text parses back to the same double', () => {
    for (const x of [0, 1 / 3, 123.456789012345, 1e-300, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, 2 ** 53 + 2]) {
      assert.equal(Number(formatExact(x)), x);
    }
    assert.equal(formatExact(0.1 + 0.2), '0.30000000000000004');
  });

  it('rounds to four significant digits for tables', () => {
    assert.equal(formatSignificant(1234.5), '1235');
    assert.equal(formatSignificant(123.456), '123.5');
    assert.equal(formatSignificant(0.012345), '0.01235');
    assert.equal(formatSignificant(0), '0');
    assert.equal(formatSignificant(999.95), '1000');
    assert.equal(formatSignificant(9.9999), '10.00');
    assert.equal(formatSignificant(-2.5), '-2.500');
    assert.equal(formatSignificant(1.5e-5), '1.500e-5');
    assert.equal(formatSignificant(2.5e7), '2.500e+7');
  });

  it('formats minutes without float noise', () => {
    assert.equal(formatMinutes(0.1 + 0.2), '0.3');
    assert.equal(formatMinutes(240), '240');
  });

  it('aligns numbers right and text left', () => {
    const text = alignTable(['name', 'value (ng/mL)'], [['a', '1.5'], ['long name', '10.25']], [false, true]);
    assert.equal(text, ['name       value (ng/mL)', '---------  -------------', 'a                    1.5', 'long name          10.25'].join('\n'));
  });
});
