/**
 * Plan arithmetic over the library protocols (REFERENCE §2.1 chronic-pain regimens, §2.2 perioperative):
 * the starting amount of each step, the pump rate the order check accepts, the schedule in the clinic's
 * calendar days, and the predicted levels of the whole series.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkOrder, getProtocol } from '@ketapath/clinical-rules';
import type { Protocol } from '@ketapath/core';
import { idealBodyWeightKg } from '@ketapath/units';
import { simulate } from '@ketapath/pharmacology';
import {
  addCalendarDays,
  NORKETAMINE_UNAVAILABLE,
  planOrders,
  planPrediction,
  planSchedule,
  seriesTimesMin,
  type PlannedStep,
} from './index.js';

function protocol(id: string): Protocol {
  const p = getProtocol(id);
  if (!p) throw new Error(`no library protocol ${id}`);
  return p;
}

const AT = '2026-11-23T14:00:00.000Z';
const BAG = { drugMg: 200, volumeMl: 100 };
const PATIENT = { weightKg: 70, heightCm: 168, sex: 'female' };

function stepsOf(id: string, patient = PATIENT, bag = BAG): readonly PlannedStep[] {
  const r = planOrders({ protocol: protocol(id), patient, bag, orderedAt: AT, orderedBy: 'physician' });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.steps;
}

describe('planOrders: the starting amount of each protocol step (§2.1, §2.2)', () => {
  const rows: [string, string, number, string, number][] = [
    // [title, protocol, step, expected rate unit, expected mg/h for 70 kg]
    ['§2.1 0.35 mg/kg/h for 4 h → 24.5 mg/h for 70 kg', 'crps-4h-daily-10-days', 0, 'mg/kg/h', 24.5],
    ['§2.1 22 mg/h continuous → 22 mg/h', 'crps-continuous-22-mg-h-4-days', 0, 'mg/h', 22],
    ['§2.1 titrate 10–40 mg/h → starts at 10 mg/h', 'crps-inpatient-titrated-5-days', 0, 'mg/h', 10],
    ['§2.1 start 20 mg/h, up to 40 → starts at 20 mg/h', 'crps-inpatient-5-days-20-40-mg-h', 0, 'mg/h', 20],
    ['§2.1 100–200 mg over 4 h → 100 mg over 240 min = 25 mg/h', 'booster-4h-100-200-mg', 0, 'mg/h', 25],
    ['§2.1 0.42 mg/kg/h → 29.4 mg/h for 70 kg', 'sci-pain-7-days', 0, 'mg/kg/h', 29.4],
  ];
  for (const [title, id, index, unit, mgPerH] of rows) {
    it(title, () => {
      const step = stepsOf(id)[index];
      assert.ok(step);
      assert.equal(step.order.kind, 'infusion');
      assert.equal(step.order.rate?.unit, unit);
      assert.ok(Math.abs((step.rateMgPerH ?? NaN) - mgPerH) < 1e-9, `${step.rateMgPerH}`);
      // 200 mg in 100 mL = 2 mg/mL
      assert.ok(Math.abs((step.order.programmedRateMlPerH ?? NaN) - mgPerH / 2) < 1e-9);
      assert.equal(step.order.weightKg, 70);
      assert.equal(step.order.orderedBy, 'physician');
      assert.deepEqual(step.order.bag, BAG);
    });
  }

  it('§2.1 a duration range takes its shorter end (17–300 min → 17 min) and says so', () => {
    const step = stepsOf('sci-pain-7-days')[0];
    assert.ok(step);
    assert.equal(step.durationMin, 17);
    assert.equal(step.order.durationMin, 17);
    assert.match(step.basis, /17 min, the shorter end of 17–300 min/);
  });

  it('the order check computes the same pump rate and the reverse check matches', () => {
    for (const id of ['crps-4h-daily-10-days', 'booster-4h-100-200-mg', 'crps-inpatient-titrated-5-days']) {
      const p = protocol(id);
      for (const step of stepsOf(id)) {
        const check = checkOrder(
          step.order,
          { ageYears: 45, sex: 'female', heightCm: 168, weightKg: 70, recordedOn: '2026-11-20' },
          p,
          {},
          [],
          {
            now: new Date(AT),
          },
        );
        assert.equal(check.pump.rateMlPerH, step.order.programmedRateMlPerH, id);
        assert.equal(check.reverseCheck.matches, true, id);
        assert.notEqual(
          check.verdict,
          'blocked',
          `${id}: ${check.findings.map((f) => f.message).join(' | ')}`,
        );
      }
    }
  });

  it('§2.2 ideal body weight basis: needs the height; with it, doses by the Devine weight', () => {
    const p = protocol('periop-rygb-ibw');
    const noHeight = planOrders({
      protocol: p,
      patient: { ...PATIENT, heightCm: null },
      bag: BAG,
      orderedAt: AT,
    });
    assert.ok(!noHeight.ok);
    assert.equal(noHeight.problems[0]?.field, 'heightCm');
    const unknownSex = planOrders({
      protocol: p,
      patient: { ...PATIENT, sex: 'unknown' },
      bag: BAG,
      orderedAt: AT,
    });
    assert.equal(!unknownSex.ok && unknownSex.problems[0]?.field, 'sex');
    // The infusion step gives no duration (to 24 h after surgery): the protocol cannot be planned as sessions.
    const withHeight = planOrders({ protocol: p, patient: PATIENT, bag: BAG, orderedAt: AT });
    assert.ok(!withHeight.ok);
    assert.deepEqual(
      withHeight.problems.map((x) => x.field),
      ['protocol.steps[1].durationMin'],
    );
  });

  it('§2.2 a bolus step is ordered as its dose; mg/kg by the dose weight', () => {
    const r = planOrders({
      protocol: protocol('ed-uw-0-1-0-3-mg-kg'),
      patient: PATIENT,
      bag: BAG,
      orderedAt: AT,
    });
    assert.ok(r.ok);
    const bolus = r.steps[0];
    assert.ok(bolus);
    assert.equal(bolus.order.kind, 'bolus');
    assert.deepEqual(bolus.order.dose, { value: 0.1, unit: 'mg/kg' });
    assert.ok(Math.abs((bolus.doseMg ?? NaN) - 7) < 1e-9);
    assert.equal(bolus.order.programmedRateMlPerH, undefined);
    const devine = idealBodyWeightKg(168, 'female');
    assert.ok(devine > 0);
  });

  it('an override reason goes on the order of its step only', () => {
    const r = planOrders({
      protocol: protocol('crps-4h-daily-10-days'),
      patient: PATIENT,
      bag: BAG,
      orderedAt: AT,
      orderedBy: 'physician',
      overrideReasons: new Map([[0, 'Tolerated this rate in 2025']]),
    });
    assert.ok(r.ok);
    assert.equal(r.steps[0]?.order.overrideReason, 'Tolerated this rate in 2025');
  });

  it('property: the pump rate delivers the ordered rate for any weight and bag', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 30, max: 250, noNaN: true }),
        fc.integer({ min: 50, max: 1000 }),
        fc.integer({ min: 50, max: 500 }),
        (weightKg, drugMg, volumeMl) => {
          const [step] = stepsOf('crps-4h-daily-10-days', { ...PATIENT, weightKg }, { drugMg, volumeMl });
          const delivered = ((step?.order.programmedRateMlPerH ?? NaN) * drugMg) / volumeMl / weightKg;
          return Math.abs(delivered - 0.35) < 1e-9;
        },
      ),
      { seed: 20261121 },
    );
  });
});

describe('planSchedule: sessions from the protocol or the physician’s times', () => {
  it('§2.1 ten daily sessions of 240 min from the first', () => {
    const r = planSchedule({ protocol: protocol('crps-4h-daily-10-days'), firstSessionAt: AT });
    assert.ok(r.ok);
    assert.equal(r.schedule.length, 10);
    assert.deepEqual(r.schedule[0], { sessionNumber: 1, startsAt: AT, durationMin: 240 });
    assert.equal(r.schedule[9]?.startsAt, '2026-12-02T14:00:00.000Z');
  });

  it('counts calendar days in the clinic’s zone: 09:00 stays 09:00 across the end of daylight saving', () => {
    // New York: EDT (UTC−4) until 2026-11-01 02:00, then EST (UTC−5).
    const r = planSchedule({
      protocol: protocol('crps-4h-daily-10-days'),
      firstSessionAt: '2026-10-28T13:00:00.000Z',
      timeZone: 'America/New_York',
    });
    assert.ok(r.ok);
    assert.equal(r.schedule[3]?.startsAt, '2026-10-31T13:00:00.000Z');
    assert.equal(r.schedule[4]?.startsAt, '2026-11-01T14:00:00.000Z');
    assert.equal(
      addCalendarDays('2026-03-07T14:00:00.000Z', 1, 'America/New_York'),
      '2026-03-08T13:00:00.000Z',
    );
  });

  it('the physician’s times replace the spacing; the count must match', () => {
    const p = protocol('sci-pain-7-days');
    const times = Array.from({ length: 7 }, (_, i) =>
      new Date(Date.parse(AT) + i * 2 * 86_400_000).toISOString(),
    );
    const ok = planSchedule({ protocol: p, firstSessionAt: AT, sessionTimes: times });
    assert.ok(ok.ok);
    assert.deepEqual(
      ok.schedule.map((s) => s.startsAt),
      times,
    );
    const short = planSchedule({ protocol: p, firstSessionAt: AT, sessionTimes: times.slice(0, 6) });
    assert.equal(!short.ok && short.problems[0]?.field, 'sessionTimes');
    const wrongFirst = planSchedule({ protocol: p, firstSessionAt: times[1] ?? AT, sessionTimes: times });
    assert.equal(!wrongFirst.ok && wrongFirst.problems[0]?.field, 'sessionTimes[0]');
  });

  it('sessions may not overlap: the next starts after the previous ends (240 min)', () => {
    const p = protocol('crps-4h-daily-10-days');
    const times = Array.from({ length: 10 }, (_, i) =>
      new Date(Date.parse(AT) + i * 240 * 60_000).toISOString(),
    );
    assert.ok(planSchedule({ protocol: p, firstSessionAt: AT, sessionTimes: times }).ok);
    times[1] = new Date(Date.parse(AT) + 239 * 60_000).toISOString();
    const r = planSchedule({ protocol: p, firstSessionAt: AT, sessionTimes: times });
    assert.equal(!r.ok && r.problems[0]?.field, 'sessionTimes[1]');
  });

  it('a protocol without a session count needs the times; one without an infusion duration cannot be scheduled', () => {
    const booster = planSchedule({ protocol: protocol('booster-4h-100-200-mg'), firstSessionAt: AT });
    assert.equal(!booster.ok && booster.problems[0]?.field, 'sessionTimes');
    const withTimes = planSchedule({
      protocol: protocol('booster-4h-100-200-mg'),
      firstSessionAt: AT,
      sessionTimes: [AT],
    });
    assert.ok(withTimes.ok);
    const bolusOnly = planSchedule({
      protocol: protocol('ed-0-3-mg-kg-slow-push'),
      firstSessionAt: AT,
      sessionTimes: [AT],
    });
    assert.equal(!bolusOnly.ok && bolusOnly.problems[0]?.field, 'protocolId');
  });
});

describe('planPrediction: ketamine over the whole series (MODELS.md models)', () => {
  const steps = stepsOf('crps-4h-daily-10-days');
  const schedule = (() => {
    const r = planSchedule({ protocol: protocol('crps-4h-daily-10-days'), firstSessionAt: AT });
    assert.ok(r.ok);
    return r.schedule;
  })();
  const covariates = { weightKg: 70, ageYears: 45, sex: 'female' as const, heightCm: 168 };

  it('Kamp 2020: arterial, no band (no published variability), norketamine not available', () => {
    const p = planPrediction({ steps, schedule, patient: covariates });
    assert.equal(p.modelId, 'ketamine/kamp-2020');
    assert.equal(p.samplingSite, 'arterial');
    assert.match(p.modelTitle, /Kamp 2020/);
    assert.deepEqual(p.norketamine, { available: false, reason: NORKETAMINE_UNAVAILABLE });
    assert.equal(p.band, null);
    assert.equal(p.p5, undefined);
    assert.ok(p.timesMin.length <= 1000);
    assert.equal(p.timesMin.length, p.medianNgPerMl.length);
    assert.ok(p.peakNgPerMl > 0);
    assert.ok(p.timesMin.every((t, i) => i === 0 || t > (p.timesMin[i - 1] ?? -1)));
    // The series reaches the last session.
    assert.ok((p.timesMin.at(-1) ?? 0) >= 9 * 24 * 60 + 240);
  });

  it('equals a direct simulation of the same regimen; the first session is unaffected by later ones', () => {
    const p = planPrediction({ steps, schedule, patient: covariates });
    const firstOnly = simulate({
      modelId: 'ketamine/kamp-2020',
      patient: covariates,
      regimen: { doses: [{ route: 'iv-infusion', startMin: 0, endMin: 240, rateMgPerH: 24.5 }] },
      timesMin: p.timesMin.filter((t) => t < 24 * 60),
    });
    firstOnly.ketamineNgPerMl.forEach((c, i) => {
      assert.ok(Math.abs(c - (p.medianNgPerMl[i] ?? NaN)) < 1e-9);
    });
    // Concentration at the end of the first infusion is higher than just before it started.
    const end = p.timesMin.indexOf(240);
    assert.ok(end > 0 && (p.medianNgPerMl[end] ?? 0) > 0);
  });

  it('a model with variability gives a seeded 5–95 % band around the median, reproducibly', () => {
    const input = {
      steps,
      schedule: schedule.slice(0, 2),
      patient: covariates,
      modelId: 'ketamine/herd-2007',
      nSubjects: 50,
      seed: 7,
    };
    const a = planPrediction(input);
    const b = planPrediction(input);
    assert.deepEqual(a, b);
    assert.deepEqual(a.band, { nSubjects: 50, seed: 7, percentiles: [5, 95] });
    a.medianNgPerMl.forEach((m, i) => {
      assert.ok((a.p5?.[i] ?? NaN) <= m + 1e-9 && m <= (a.p95?.[i] ?? NaN) + 1e-9);
    });
  });

  it('series times stay within the bound and cover each session densely', () => {
    const times = seriesTimesMin(schedule, 100);
    assert.ok(times.length <= 100);
    for (let s = 0; s < 10; s++)
      assert.ok(times.filter((t) => t >= s * 1440 && t <= s * 1440 + 240).length >= 3);
  });

  it('series times follow the decline between sessions: dense after the infusion, none skipping the night', () => {
    const times = seriesTimesMin(schedule, 1000);
    const gap = times.filter((t) => t > 240 && t < 1440);
    assert.ok(gap.length >= 20, `${gap.length} points between sessions 1 and 2`);
    // Quadratic spacing: the first hour after the infusion has more points than the last hour before the next.
    assert.ok(gap.filter((t) => t <= 300).length > gap.filter((t) => t >= 1380).length);
    const steps = gap.slice(1).map((t, i) => t - (gap[i] ?? t));
    assert.ok(Math.max(...steps) <= 120, `largest step ${Math.max(...steps)} min`);
  });
});
