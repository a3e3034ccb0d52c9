import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kgToLb, lbToKg } from './mass.js';

describe('mass', () => {
  it('converts pounds to kilograms by the exact international pound', () => {
    assert.equal(lbToKg(1), 0.45359237);
    assert.ok(Math.abs(lbToKg(100 / 0.45359237) - 100) < 1e-12);
  });
  it('round-trips', () => {
    assert.ok(Math.abs(kgToLb(lbToKg(154)) - 154) < 1e-12);
  });
});
