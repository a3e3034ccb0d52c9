/**
 * checkOrder as a whole: the pump numbers, the verdict and override logic, JSON shape, and properties over
 * random weights and orders (hard limits always block, unit slips always named, the §1.2 regimens never
 * blocked, the reverse check round-trips).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { KG_PER_LB, MICROGRAM_PER_MG, idealBodyWeightKg } from '@ketapath/units';
import { checkOrder } from './check-order.js';
import {
  check,
  clinicCopy,
  CONFIGURED,
  libraryProtocol,
  makeBolus,
  makeInfusion,
  makePatient,
  NOW,
} from './rules/order/testing/order-builders.js';

const crps = clinicCopy('crps-4h-daily-10-days');

describe('pump maths (REFERENCE §1.2 / §2.2 regimens through @ketapath/units)', () => {
  it('§1.2 0.35 mg/kg/h × 4 h at 70 kg from 100 mg/100 mL: 24.5 mg/h, 24.5 mL/h, 98 mL, 98 mg', () => {
    const r = check({ order: makeInfusion(), protocol: crps });
    assert.equal(r.verdict, 'accept');
    assert.deepEqual(r.pump, {
      doseWeightKg: 70,
      weightBasis: 'actual',
      rateMgPerH: 24.5,
      rateMgPerKgPerH: 0.35,
      rateMlPerH: 24.5,
      volumeMl: 98,
      durationMin: 240,
      sessionDoseMg: 98,
      concentrationMgPerMl: 1,
    });
    assert.equal(r.reverseCheck.matches, true);
    assert.ok(Math.abs((r.reverseCheck.deliveredMgPerKgPerH ?? 0) - 0.35) < 1e-12);
  });
  it('§2.2 Loftus 10 µg/kg/min at 80 kg = 0.6 mg/kg/h = 48 mg/h; 500 mg/50 mL → 4.8 mL/h', () => {
    const r = check({
      order: makeInfusion({
        protocolId: 'periop-spine-loftus',
        rate: { value: 10, unit: 'µg/kg/min' },
        durationMin: 180,
        weightKg: 80,
        bag: { drugMg: 500, volumeMl: 50 },
        programmedRateMlPerH: 4.8,
      }),
      protocol: clinicCopy('periop-spine-loftus'),
      patient: makePatient({ weightKg: 80 }),
    });
    assert.ok(Math.abs((r.pump.rateMgPerH ?? 0) - 48) < 1e-9);
    assert.ok(Math.abs((r.pump.rateMgPerKgPerH ?? 0) - 0.6) < 1e-12);
    assert.ok(Math.abs((r.pump.rateMlPerH ?? 0) - 4.8) < 1e-9);
    assert.ok(Math.abs((r.pump.sessionDoseMg ?? 0) - 144) < 1e-9);
    assert.equal(r.verdict, 'accept');
  });
  it('§2.2 RYGB 0.3 mg/kg of ideal body weight: 170 cm man → Devine IBW, dose = 0.3 × IBW', () => {
    const ibw = idealBodyWeightKg(170, 'male');
    const r = check({
      order: makeBolus({ protocolId: 'periop-rygb-ibw', weightKg: 140, weightBasis: 'ideal' }),
      protocol: clinicCopy('periop-rygb-ibw'),
      patient: makePatient({ sex: 'male', heightCm: 170, weightKg: 140 }),
    });
    assert.equal(r.pump.doseWeightKg, ibw);
    assert.ok(Math.abs((r.pump.sessionDoseMg ?? 0) - 0.3 * ibw) < 1e-12);
    assert.ok(Math.abs((r.pump.volumeMl ?? 0) - (0.3 * ibw) / 10) < 1e-12);
    assert.equal(r.verdict, 'accept');
  });
  it('a bolus in µg is converted to mg', () => {
    const r = check({
      order: makeBolus({ dose: { value: 15_000, unit: 'µg' } }),
      protocol: clinicCopy('ed-uw-0-1-0-3-mg-kg'),
    });
    assert.equal(r.pump.sessionDoseMg, 15);
  });
});

describe('verdict and override', () => {
  const overSoft = makeInfusion({ rate: { value: 0.5, unit: 'mg/kg/h' }, programmedRateMlPerH: 35 });
  it('§2.1 over the soft limit without a reason → override-required', () => {
    assert.equal(check({ order: overSoft, protocol: crps }).verdict, 'override-required');
  });
  it("§2.1 over the soft limit with a physician's reason → warn; the finding stays and the reason is echoed", () => {
    const r = check({
      order: { ...overSoft, overrideReason: 'Partial response at 0.35 mg/kg/h in the first series' },
      protocol: crps,
    });
    assert.equal(r.verdict, 'warn');
    assert.ok(r.findings.some((f) => f.ruleId === 'order/rate-per-kg-limit' && f.severity === 'needs-ack'));
    assert.deepEqual(r.override, {
      reason: 'Partial response at 0.35 mg/kg/h in the first series',
      orderedBy: 'physician',
      accepted: true,
    });
  });
  it("a nurse's reason does not count → override-required", () => {
    const r = check({
      order: { ...overSoft, orderedBy: 'nurse', overrideReason: 'as discussed' },
      protocol: crps,
    });
    assert.equal(r.verdict, 'override-required');
    assert.equal(r.override?.accepted, false);
  });
  it('§1.4 over the hard limit: a reason does not help → blocked', () => {
    const r = check({
      order: makeInfusion({
        rate: { value: 2.5, unit: 'mg/kg/h' },
        programmedRateMlPerH: 175,
        overrideReason: 'refractory',
      }),
      protocol: crps,
    });
    assert.equal(r.verdict, 'blocked');
  });
  it('warnings only → warn; info only → accept', () => {
    assert.equal(
      check({
        order: makeInfusion({ rate: { value: 0.035, unit: 'mg/kg/h' }, programmedRateMlPerH: 2.45 }),
        protocol: crps,
      }).verdict,
      'warn',
    );
    assert.equal(
      check({
        order: makeInfusion(),
        protocol: libraryProtocol('crps-4h-daily-10-days'),
        settings: CONFIGURED,
      }).verdict,
      'override-required',
    );
  });
  it('findings are worst first and the result is JSON', () => {
    const r = check({
      order: makeInfusion({ rate: { value: 3.5, unit: 'mg/kg/h' } }),
      protocol: libraryProtocol('crps-4h-daily-10-days'),
      settings: {},
    });
    const ranks = r.findings.map((f) => ['info', 'warn', 'needs-ack', 'block'].indexOf(f.severity));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => b - a),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
    assert.equal(r.evaluatedAt, NOW.toISOString());
  });
  it('never throws: garbage in gives a block', () => {
    const r = checkOrder({} as never, {} as never, {} as never, {}, [] as never, { now: NOW });
    assert.equal(r.verdict, 'blocked');
    assert.ok(r.findings.every((f) => f.ruleId === 'order/impossible-values'));
    const r2 = checkOrder(makeInfusion(), makePatient(), null as never, {}, null as never, { now: NOW });
    assert.equal(r2.verdict, 'blocked');
  });
});

/** Adult weights of §1.2's typical range for these properties (50–120 kg), one decimal. */
const weightKg = fc.integer({ min: 500, max: 1200 }).map((w) => w / 10);

describe('properties', () => {
  it('(a) any order ≥10× over a hard limit is blocked', () => {
    const uw = clinicCopy('ed-uw-0-1-0-3-mg-kg');
    fc.assert(
      fc.property(
        weightKg,
        fc.double({ min: 10, max: 1000, noNaN: true }),
        fc.boolean(),
        (kg, times, asRate) => {
          const patient = makePatient({ weightKg: kg });
          const r = asRate
            ? check({
                order: makeInfusion({
                  weightKg: kg,
                  rate: { value: 2 * times, unit: 'mg/kg/h' },
                  programmedRateMlPerH: undefined,
                }),
                protocol: crps,
                patient,
              })
            : check({
                order: makeBolus({ weightKg: kg, dose: { value: 20 * times, unit: 'mg' } }),
                protocol: uw,
                patient,
              });
          assert.equal(r.verdict, 'blocked');
        },
      ),
      { numRuns: 200 },
    );
  });

  const slips = [
    ['microgram-as-milligram', MICROGRAM_PER_MG],
    ['milligram-as-microgram', 1 / MICROGRAM_PER_MG],
    ['per-hour-as-per-minute', 60],
    ['per-minute-as-per-hour', 1 / 60],
  ] as const;
  const documented = [
    ['crps-4h-daily-10-days', { value: 0.35, unit: 'mg/kg/h' }, 240],
    ['crps-continuous-22-mg-h-4-days', { value: 22, unit: 'mg/h' }, 5760],
    ['crps-inpatient-titrated-5-days', { value: 10, unit: 'mg/h' }, 1440],
    ['crps-inpatient-titrated-5-days', { value: 40, unit: 'mg/h' }, 1440],
    ['crps-inpatient-5-days-20-40-mg-h', { value: 20, unit: 'mg/h' }, 1440],
    ['crps-inpatient-5-days-20-40-mg-h', { value: 40, unit: 'mg/h' }, 1440],
    ['periop-spine-loftus', { value: 10, unit: 'µg/kg/min' }, 180],
    ['periop-rygb-ibw', { value: 0.2, unit: 'mg/kg/h' }, 600],
    ['sci-pain-7-days', { value: 0.42, unit: 'mg/kg/h' }, 120],
  ] as const;
  it('(b) µg↔mg and minute↔hour slips of every documented rate are named as such', () => {
    fc.assert(
      fc.property(
        weightKg,
        fc.constantFrom(...slips),
        fc.constantFrom(...documented),
        (kg, [slip, factor], [id, rate, durationMin]) => {
          const protocol = libraryProtocol(id);
          const basis = protocol.weightBasis ?? 'actual';
          const r = check({
            order: makeInfusion({
              protocolId: id,
              rate: { value: rate.value * factor, unit: rate.unit },
              durationMin,
              weightKg: kg,
              weightBasis: basis,
              programmedRateMlPerH: undefined,
            }),
            protocol,
            patient: makePatient({ weightKg: kg }),
          });
          const f = r.findings.find((x) => x.ruleId === 'order/dose-slip');
          assert.equal(f?.slip, slip, `${id} ${rate.value} ${rate.unit} × ${factor}`);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('(b) µg↔mg slips of every documented bolus are named as such', () => {
    const boluses = [
      ['periop-spine-loftus', 0.5],
      ['periop-rygb-ibw', 0.3],
      ['ed-0-3-mg-kg-slow-push', 0.3],
      ['ed-uw-0-1-0-3-mg-kg', 0.1],
      ['ed-uw-0-1-0-3-mg-kg', 0.3],
    ] as const;
    fc.assert(
      fc.property(weightKg, fc.constantFrom(...boluses), fc.boolean(), (kg, [id, mgPerKg], up) => {
        const protocol = libraryProtocol(id);
        const factor = up ? MICROGRAM_PER_MG : 1 / MICROGRAM_PER_MG;
        const r = check({
          order: makeBolus({
            protocolId: id,
            dose: { value: mgPerKg * factor, unit: 'mg/kg' },
            weightKg: kg,
            weightBasis: protocol.weightBasis ?? 'actual',
          }),
          protocol,
          patient: makePatient({ weightKg: kg }),
        });
        assert.equal(
          r.findings.find((x) => x.ruleId === 'order/dose-slip')?.slip,
          up ? 'microgram-as-milligram' : 'milligram-as-microgram',
        );
        if (up) assert.equal(r.verdict, 'blocked');
      }),
      { numRuns: 200 },
    );
  });
  it('(b) a weight in pounds entered as kilograms (and the reverse) is always named and blocked', () => {
    fc.assert(
      fc.property(
        // 45–180 kg keeps both slipped weights inside the schema's 20–400 kg data-entry range.
        fc.integer({ min: 450, max: 1800 }).map((w) => w / 10),
        fc.boolean(),
        (recordedKg, lbAsKg) => {
          const entered = lbAsKg ? recordedKg / KG_PER_LB : recordedKg * KG_PER_LB;
          const r = check({
            order: makeInfusion({
              weightKg: entered,
              weightUnitEntered: lbAsKg ? 'kg' : 'lb',
              programmedRateMlPerH: undefined,
            }),
            protocol: crps,
            patient: makePatient({ weightKg: recordedKg }),
          });
          assert.equal(
            r.findings.find((f) => f.ruleId === 'order/weight-unit-slip')?.slip,
            lbAsKg ? 'pounds-as-kilograms' : 'kilograms-as-pounds',
          );
          assert.equal(r.verdict, 'blocked');
        },
      ),
      { numRuns: 200 },
    );
  });
  it('(c) §1.2 regimens (0.35 mg/kg/h × 4 h; 22 mg/h) at 50–120 kg are never blocked, library or clinic copy', () => {
    fc.assert(
      fc.property(
        weightKg,
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(1, 2, 10),
        (kg, perKg, library, concentration) => {
          const id = perKg ? 'crps-4h-daily-10-days' : 'crps-continuous-22-mg-h-4-days';
          const protocol = library ? libraryProtocol(id) : clinicCopy(id);
          const rateMgPerH = perKg ? 0.35 * kg : 22;
          const r = check({
            order: makeInfusion({
              protocolId: id,
              rate: perKg ? { value: 0.35, unit: 'mg/kg/h' } : { value: 22, unit: 'mg/h' },
              durationMin: perKg ? 240 : 5760,
              weightKg: kg,
              bag: { drugMg: 100 * concentration, volumeMl: 100 },
              programmedRateMlPerH: Math.round((rateMgPerH / concentration) * 10) / 10,
            }),
            protocol,
            patient: makePatient({ weightKg: kg }),
          });
          assert.notEqual(r.verdict, 'blocked', JSON.stringify(r.findings.map((f) => f.message)));
          // A clinic copy with its hard limits set and a standard bag (1 or 10 mg/mL) accepts the regimen outright.
          if (!library && concentration !== 2) assert.equal(r.verdict, 'accept');
        },
      ),
      { numRuns: 300 },
    );
  });
  it('(c) the reverse check round-trips: the computed mL/h, programmed, delivers the ordered mg/kg/h', () => {
    fc.assert(
      fc.property(
        weightKg,
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.integer({ min: 50, max: 1000 }),
        fc.constantFrom(50, 100, 250, 500),
        (kg, mgPerKgPerH, drugMg, volumeMl) => {
          const bag = { drugMg, volumeMl };
          const first = check({
            order: makeInfusion({
              weightKg: kg,
              rate: { value: mgPerKgPerH, unit: 'mg/kg/h' },
              bag,
              programmedRateMlPerH: undefined,
            }),
            protocol: crps,
            patient: makePatient({ weightKg: kg }),
          });
          const ml = first.pump.rateMlPerH;
          assert.ok(ml !== null && ml > 0);
          const second = check({
            order: makeInfusion({
              weightKg: kg,
              rate: { value: mgPerKgPerH, unit: 'mg/kg/h' },
              bag,
              programmedRateMlPerH: ml,
            }),
            protocol: crps,
            patient: makePatient({ weightKg: kg }),
          });
          assert.equal(second.reverseCheck.matches, true);
          const delivered = second.reverseCheck.deliveredMgPerKgPerH ?? Number.NaN;
          assert.ok(
            Math.abs(delivered - mgPerKgPerH) <= 1e-9 * mgPerKgPerH,
            `${delivered} vs ${mgPerKgPerH}`,
          );
          assert.ok(!second.findings.some((f) => f.ruleId === 'order/pump-rate-mismatch'));
        },
      ),
      { numRuns: 300 },
    );
  });
});
