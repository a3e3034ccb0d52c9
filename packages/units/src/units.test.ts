import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  adjustedBodyWeightKg,
  amountMgInVolumeLToNgPerMl,
  bodyMassIndexKgPerM2,
  bodySurfaceAreaM2,
  computePumpSetting,
  hToMin,
  idealBodyWeightKg,
  infusionDurationMin,
  leanBodyWeightKg,
  mgPerKgPerHToMicrogramPerKgPerMin,
  microgramPerKgPerMinToMgPerKgPerH,
  ngPerMlToMgPerL,
  perHToPerMin,
  pumpRateToOrder,
} from './index.js';

const close = (a: number, b: number, tol = 1e-12): void => {
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);
};

describe('unit conversions', () => {
  it('converts time and rate constants', () => {
    assert.equal(hToMin(0.53), 31.8);
    close(perHToPerMin(2.77), 2.77 / 60);
  });
  it('converts µg/kg/min to mg/kg/h (Loftus 2010: 10 µg/kg/min = 0.6 mg/kg/h, REFERENCE.md §2.2)', () => {
    close(microgramPerKgPerMinToMgPerKgPerH(10), 0.6);
    close(mgPerKgPerHToMicrogramPerKgPerMin(0.6), 10);
  });
  it('converts concentrations: 1 mg/L = 1000 ng/mL', () => {
    close(amountMgInVolumeLToNgPerMl(35, 4.41), (35 / 4.41) * 1000);
    close(ngPerMlToMgPerL(1000), 1);
  });
});

describe('body size', () => {
  it('computes BMI', () => { close(bodyMassIndexKgPerM2(70, 175), 70 / 1.75 ** 2); });
  it('computes Devine IBW: 5 ft exactly is 50 kg (men) and 45.5 kg (women)', () => {
    close(idealBodyWeightKg(152.4, 'male'), 50);
    close(idealBodyWeightKg(152.4, 'female'), 45.5);
    close(idealBodyWeightKg(152.4 + 2.54 * 10, 'male'), 73);
  });
  it('computes Janmahasatian LBW', () => {
    const bmi = 70 / 1.75 ** 2;
    close(leanBodyWeightKg(70, 175, 'male'), (9270 * 70) / (6680 + 216 * bmi));
    close(leanBodyWeightKg(70, 175, 'female'), (9270 * 70) / (8780 + 244 * bmi));
    assert.ok(leanBodyWeightKg(120, 170, 'female') < 120);
  });
  it('computes adjusted body weight between IBW and TBW', () => {
    const ibw = idealBodyWeightKg(170, 'male');
    close(adjustedBodyWeightKg(120, 170, 'male'), ibw + 0.4 * (120 - ibw));
  });
  it('computes Du Bois BSA (≈1.85 m² for 70 kg, 175 cm)', () => {
    const bsa = bodySurfaceAreaM2(70, 175);
    close(bsa, 0.007184 * 70 ** 0.425 * 175 ** 0.725);
    assert.ok(bsa > 1.8 && bsa < 1.9);
  });
  it('refuses non-positive inputs naming the field', () => {
    assert.throws(() => bodyMassIndexKgPerM2(0, 170), /weightKg/);
    assert.throws(() => bodySurfaceAreaM2(70, Number.NaN), /heightCm/);
  });
});

describe('pump maths', () => {
  it('0.35 mg/kg/h, 70 kg, 100 mg in 100 mL → 24.5 mL/h and 98 mL over 4 h', () => {
    const s = computePumpSetting({ rateMgPerKgPerH: 0.35, weightKg: 70 }, { drugMg: 100, volumeMl: 100 }, 240);
    close(s.rateMgPerH, 24.5);
    close(s.rateMlPerH, 24.5);
    close(s.volumeToInfuseMl ?? Number.NaN, 98);
    close(s.drugToInfuseMg ?? Number.NaN, 98);
    close(s.bagDurationMin, (100 / 24.5) * 60);
  });
  it('accepts mg/h and µg/kg/min orders', () => {
    close(computePumpSetting({ rateMgPerH: 22 }, { drugMg: 500, volumeMl: 250 }).rateMlPerH, 11);
    close(computePumpSetting({ rateMicrogramPerKgPerMin: 10, weightKg: 80 }, { drugMg: 200, volumeMl: 50 }).rateMlPerH, 12);
  });
  it('reverses a pump rate into the order', () => {
    const o = pumpRateToOrder(24.5, { drugMg: 100, volumeMl: 100 }, 70);
    close(o.rateMgPerKgPerH, 0.35);
    close(o.rateMicrogramPerKgPerMin, (0.35 * 1000) / 60);
    close(infusionDurationMin(98, 24.5), 240);
  });
  it('refuses a bag with no volume', () => {
    assert.throws(() => computePumpSetting({ rateMgPerH: 1 }, { drugMg: 100, volumeMl: 0 }), /bag.volumeMl/);
  });
});
