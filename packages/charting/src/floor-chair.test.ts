import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionEntryData } from '@ketapath/core';
import { floorChair, infusedMs, trendOf, type FloorChairInput } from './floor-chair.js';
import { at, makeChart, type ChartBuilder } from './testing/chart-fixtures.js';

function input(b: ChartBuilder, nowMin: number): FloorChairInput {
  return {
    chart: b.fold(at(nowMin)),
    session: {
      chair: 'C3',
      sessionNumber: 2,
      sessionCount: 6,
      version: 9,
      assignedNurse: { id: 'n1', displayName: 'Nurse One' },
    },
    patient: { id: 'p1', displayName: 'Ada Patient', mrn: 'MRN-1' },
    protocolName: 'Ketamine infusion for CRPS',
    now: at(nowMin),
  };
}

const vitals = (v: Record<string, number>): SessionEntryData => ({ kind: 'vitals', vitals: v });

describe('floorChair', () => {
  it('before the start: no times, no rate', () => {
    const chair = floorChair(input(makeChart().program(0), 5));
    assert.equal(chair.state, 'scheduled');
    assert.equal(chair.elapsedMin, null);
    assert.equal(chair.remainingMin, null);
    assert.equal(chair.currentRate, null);
    assert.equal(chair.lastVitals, null);
    assert.deepEqual(chair.trend, { systolic: null, heartRate: null, spo2: null, respiratoryRate: null });
    assert.equal(chair.version, 9);
    assert.equal(chair.chair, 'C3');
  });

  it('running with a 20-min pause: elapsed excludes the pause; remaining = planned − elapsed', () => {
    const chair = floorChair(input(makeChart().started(0).pause(30).resume(50).rateChange(60, 35, 0.5), 100));
    assert.equal(chair.state, 'running');
    assert.equal(chair.elapsedMin, 80);
    assert.equal(chair.remainingMin, 240 - 80);
    assert.deepEqual(chair.currentRate, { value: 0.5, unit: 'mg/kg/h', rateMlPerH: 35 });
  });

  it('paused now: the open pause counts until now and there is no running rate', () => {
    const chair = floorChair(input(makeChart().started(0).pause(30), 45));
    assert.equal(chair.elapsedMin, 30);
    assert.equal(chair.currentRate, null);
  });

  it('stopped: elapsed to the stop, remaining 0', () => {
    const chair = floorChair(input(makeChart().started(0).stop(200), 260));
    assert.equal(chair.elapsedMin, 200);
    assert.equal(chair.remainingMin, 0);
  });

  it('past the planned duration: remaining is 0, never negative', () => {
    assert.equal(floorChair(input(makeChart().started(0), 300)).remainingMin, 0);
  });

  it('whole minutes, rounded down', () => {
    const b = makeChart().started(0);
    assert.equal(infusedMs(b.fold(), at(10.5)), 630_000);
    assert.equal(floorChair(input(b, 10.99)).elapsedMin, 10);
  });

  it('last vitals and the trend of the last two readings of each sign', () => {
    const b = makeChart()
      .started(0)
      .add(vitals({ systolicMmHg: 120, heartRatePerMin: 80, spo2Percent: 98 }), 10)
      .add(vitals({ systolicMmHg: 135, heartRatePerMin: 80, spo2Percent: 97 }), 20)
      .add(vitals({ heartRatePerMin: 76 }), 25);
    const chair = floorChair(input(b, 30));
    assert.deepEqual(chair.lastVitals, {
      at: at(25),
      systolicMmHg: null,
      diastolicMmHg: null,
      heartRatePerMin: 76,
      spo2Percent: null,
      respiratoryRatePerMin: null,
    });
    assert.deepEqual(chair.trend, { systolic: 'up', heartRate: 'down', spo2: 'down', respiratoryRate: null });
  });

  it('a reading entered late takes its place by the time it was taken', () => {
    const b = makeChart()
      .started(0)
      .add(vitals({ systolicMmHg: 120 }), 10)
      .add(vitals({ systolicMmHg: 130 }), 20)
      .add(vitals({ systolicMmHg: 140 }), 15);
    const chair = floorChair(input(b, 30));
    assert.equal(chair.lastVitals?.at, at(20));
    assert.equal(chair.lastVitals.systolicMmHg, 130);
    assert.equal(chair.trend.systolic, 'down');
  });

  it("trend: 'flat' only when equal", () => {
    assert.equal(trendOf(120, 120), 'flat');
    assert.equal(trendOf(120, 120.5), 'up');
    assert.equal(trendOf(120, 119.5), 'down');
    assert.equal(trendOf(undefined, 120), null);
  });

  it('open alerts by tier', () => {
    const b = makeChart()
      .started(0)
      .add(
        {
          kind: 'alert',
          ruleId: 'session/oxygen-saturation',
          ruleVersion: 1,
          severity: 'needs-ack',
          actionTier: 'pause',
          finding: { message: 'SpO2 low' },
          raisedBySeq: 3,
        },
        5,
        null,
        'server',
      );
    assert.deepEqual(floorChair(input(b, 6)).openAlerts, {
      stopAndCall: 0,
      pause: 1,
      slow: 0,
      watch: 0,
      other: 0,
    });
  });
});
