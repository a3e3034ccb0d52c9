import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeAldrete,
  isAldretePassing,
  scoreAldreteCirculation,
  scoreAldreteOxygenation,
  type AldreteCirculationUnit,
} from './aldrete.js';

describe('Aldrete circulation item (§4.6, S28)', () => {
  const rows: [string, number, number, AldreteCirculationUnit, 0 | 1 | 2][] = [
    ['§4.6 percent: unchanged → 2', 120, 120, 'percent', 2],
    ['§4.6 percent: +20% (144 vs 120) is within ±20% → 2', 144, 120, 'percent', 2],
    ['§4.6 percent: −20% (96 vs 120) → 2', 96, 120, 'percent', 2],
    ['§4.6 percent: +20.8% (145 vs 120) → 1', 145, 120, 'percent', 1],
    ['§4.6 percent: +49% (149 vs 100) → 1', 149, 100, 'percent', 1],
    ['§4.6 percent: +50% (150 vs 100) → 0', 150, 100, 'percent', 0],
    ['§4.6 percent: −50% (50 vs 100) → 0', 50, 100, 'percent', 0],
    ['§4.6 mmHg: +20 mmHg → 2', 140, 120, 'mmHg', 2],
    ['§4.6 mmHg: +21 mmHg → 1', 141, 120, 'mmHg', 1],
    ['§4.6 mmHg: −49 mmHg → 1', 71, 120, 'mmHg', 1],
    ['§4.6 mmHg: +50 mmHg → 0', 170, 120, 'mmHg', 0],
    ['§4.6 unit matters: +24 mmHg on 120 is 20% (2) but > 20 mmHg (1)', 144, 120, 'mmHg', 1],
  ];
  for (const [name, current, pre, unit, score] of rows) {
    it(name, () => {
      assert.equal(scoreAldreteCirculation(current, pre, unit).score, score);
    });
  }
  it('reports the deviation in the band unit', () => {
    assert.deepEqual(scoreAldreteCirculation(150, 120, 'percent'), {
      score: 1,
      deviation: 25,
      unit: 'percent',
    });
    assert.deepEqual(scoreAldreteCirculation(90, 120, 'mmHg'), { score: 1, deviation: 30, unit: 'mmHg' });
  });
});

describe('Aldrete O₂ saturation item (§4.6, S28)', () => {
  const rows: [string, number, boolean, 0 | 1 | 2][] = [
    ['§4.6 SpO₂ 93% on room air (> 92) → 2', 93, false, 2],
    ['§4.6 SpO₂ 92% on room air (not > 92) → 1', 92, false, 1],
    ['§4.6 SpO₂ 91% on room air → 1', 91, false, 1],
    ['§4.6 SpO₂ 99% on O₂ (needs O₂) → 1', 99, true, 1],
    ['§4.6 SpO₂ 91% on O₂ (> 90) → 1', 91, true, 1],
    ['§4.6 SpO₂ 90% on O₂ (not > 90) → 0', 90, true, 0],
    ['§4.6 SpO₂ 89% on O₂ (< 90) → 0', 89, true, 0],
  ];
  for (const [name, spo2, onO2, score] of rows) {
    it(name, () => {
      assert.equal(scoreAldreteOxygenation(spo2, onO2), score);
    });
  }
});

describe('computeAldrete and the pass rules', () => {
  const full = {
    activity: 2,
    respiration: 2,
    circulation: 2,
    consciousness: 2,
    oxygenSaturation: 2,
  } as const;

  it('sums recorded items', () => {
    const r = computeAldrete({ ...full, consciousness: 1 }, {}, 'percent');
    assert.equal(r.total, 9);
    assert.equal(r.items.consciousness.source, 'recorded');
  });
  it('computes blank circulation and SpO₂ from the readings', () => {
    const r = computeAldrete(
      { ...full, circulation: null, oxygenSaturation: null },
      { currentSystolicMmHg: 150, preProcedureSystolicMmHg: 120, spo2Percent: 95, onSupplementalO2: true },
      'percent',
    );
    assert.equal(r.items.circulation.score, 1);
    assert.equal(r.items.circulation.source, 'computed');
    assert.equal(r.items.circulation.detail, 'SBP 150 vs 120 mmHg pre-procedure: 25% deviation');
    assert.equal(r.items.oxygenSaturation.score, 1);
    assert.equal(r.total, 8);
  });
  it('a blank item without a reading leaves the total null, and null never passes', () => {
    const r = computeAldrete({ ...full, circulation: null }, {}, 'mmHg');
    assert.equal(r.items.circulation.source, 'missing');
    assert.equal(r.total, null);
    assert.equal(isAldretePassing(r, 'total', 9, 8), false);
  });
  it('§4.6 passing score ≥ 9: 8 fails, 9 passes', () => {
    assert.equal(
      isAldretePassing(computeAldrete({ ...full, activity: 0 }, {}, 'percent'), 'total', 9, 8),
      false,
    );
    assert.equal(
      isAldretePassing(computeAldrete({ ...full, activity: 1 }, {}, 'percent'), 'total', 9, 8),
      true,
    );
  });
  it('§4.6 variant ≥ 8 with 2 on respiration and SpO₂', () => {
    const eight = computeAldrete({ ...full, activity: 1, consciousness: 1 }, {}, 'percent');
    assert.equal(eight.total, 8);
    assert.equal(isAldretePassing(eight, 'variant-full-respiration-spo2', 9, 8), true);
    assert.equal(isAldretePassing(eight, 'total', 9, 8), false);
    const seven = computeAldrete({ ...full, activity: 1, consciousness: 0 }, {}, 'percent');
    assert.equal(isAldretePassing(seven, 'variant-full-respiration-spo2', 9, 8), false);
    const respOne = computeAldrete({ ...full, respiration: 1 }, {}, 'percent');
    assert.equal(respOne.total, 9);
    assert.equal(isAldretePassing(respOne, 'variant-full-respiration-spo2', 9, 8), false);
    const spo2One = computeAldrete({ ...full, oxygenSaturation: 1 }, {}, 'percent');
    assert.equal(isAldretePassing(spo2One, 'variant-full-respiration-spo2', 9, 8), false);
  });
});
