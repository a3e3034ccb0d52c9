import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZSessionEntryData } from '@ketapath/core';
import { evaluateSession, getParameter, type Finding } from '@ketapath/clinical-rules';
import { newAlerts, openAlerts, openAlertsByTier } from './alerts.js';
import { buildSessionSnapshot } from './session-snapshot.js';
import { at, makeChart, type ChartBuilder } from './testing/chart-fixtures.js';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'session/blood-pressure-limits',
    ruleVersion: 1,
    severity: 'block',
    title: 'Blood pressure',
    message: 'SBP above the limit: stop the infusion and call the prescriber.',
    inputs: {},
    parameters: [],
    citations: [{ section: '§4.2', source: 'S30', note: 'n' }],
    actionTier: 'stop-and-call',
    ...overrides,
  };
}

/** A finding without an action tier (pre-start and discharge findings). */
function untiered(overrides: Partial<Finding>): Finding {
  const { actionTier: _tier, ...rest } = finding(overrides);
  return rest;
}

/** Appends the alert data as the server would (next seqs). */
function append(
  b: ChartBuilder,
  findings: readonly Finding[],
  raisedBySeq: number,
  atMin: number,
): ChartBuilder {
  for (const data of newAlerts(b.fold(), findings, raisedBySeq)) b.add(data, atMin, null, 'server');
  return b;
}

describe('newAlerts', () => {
  it('raises findings of severity warn or worse, with the full finding, and the data parses as an entry', () => {
    const list = newAlerts(
      makeChart().started(0).fold(),
      [
        finding(),
        finding({ ruleId: 'a/info', severity: 'info' }),
        finding({ ruleId: 'a/warn', severity: 'warn', actionTier: 'continue-and-watch' }),
        untiered({ ruleId: 'a/ack', severity: 'needs-ack' }),
      ],
      7,
    );
    assert.deepEqual(
      list.map((a) => [a.ruleId, a.severity, a.actionTier ?? null, a.raisedBySeq]),
      [
        ['session/blood-pressure-limits', 'block', 'stop-and-call', 7],
        ['a/warn', 'warn', 'continue-and-watch', 7],
        ['a/ack', 'needs-ack', null, 7],
      ],
    );
    assert.equal(list[0]?.finding.message, finding().message);
    assert.deepEqual(list[0].finding.citations, finding().citations);
    for (const data of list) assert.deepEqual(ZSessionEntryData.parse(data), data);
  });

  it('an open alert with the same rule and message is not raised again; another message is', () => {
    const b = append(makeChart().started(0), [finding()], 3, 5);
    assert.equal(newAlerts(b.fold(), [finding()], 5).length, 0);
    assert.equal(newAlerts(b.fold(), [finding({ message: 'SBP 190 mmHg now' })], 5).length, 1);
    assert.equal(newAlerts(b.fold(), [finding({ ruleId: 'session/other' })], 5).length, 1);
  });

  it('after acknowledgement the same reading is not raised again; a new reading over the limit is', () => {
    const reading = (at: string) => finding({ inputs: { systolicMmHg: 185, at } });
    const b = append(makeChart().started(0), [reading('2026-11-21T10:30:00Z')], 3, 5);
    b.add({ kind: 'alert-ack', alertSeq: b.last(), action: 'stopped, called Dr X' }, 6);
    assert.equal(newAlerts(b.fold(), [reading('2026-11-21T10:30:00Z')], 6).length, 0);
    assert.equal(newAlerts(b.fold(), [reading('2026-11-21T10:35:00Z')], 7).length, 1);
  });

  it('the same finding twice in one list is raised once', () => {
    assert.equal(newAlerts(makeChart().started(0).fold(), [finding(), finding()], 1).length, 1);
  });

  it('raises nothing before the start (checklist) or after the stop (discharge readiness)', () => {
    assert.deepEqual(newAlerts(makeChart().fold(), [finding()], 1), []);
    const stopped = makeChart().started(0).add({ kind: 'stop', reason: 'series complete' }, 240);
    assert.deepEqual(newAlerts(stopped.fold(), [finding()], stopped.last()), []);
  });
});

describe('openAlertsByTier', () => {
  it('counts unacknowledged alerts by tier', () => {
    const b = append(
      makeChart().started(0),
      [
        finding(),
        finding({ ruleId: 'r/pause', actionTier: 'pause', severity: 'needs-ack' }),
        finding({ ruleId: 'r/slow', actionTier: 'slow', severity: 'needs-ack' }),
        finding({ ruleId: 'r/watch1', actionTier: 'continue-and-watch', severity: 'warn' }),
        finding({ ruleId: 'r/watch2', actionTier: 'continue-and-watch', severity: 'warn' }),
        untiered({ ruleId: 'r/none', severity: 'needs-ack' }),
      ],
      3,
      5,
    );
    assert.deepEqual(openAlertsByTier(b.fold()), { stopAndCall: 1, pause: 1, slow: 1, watch: 2, other: 1 });
    b.add({ kind: 'alert-ack', alertSeq: 4, action: 'stopped' }, 6);
    assert.deepEqual(openAlertsByTier(b.fold()), { stopAndCall: 0, pause: 1, slow: 1, watch: 2, other: 1 });
    assert.equal(openAlerts(b.fold()).length, 5);
  });

  it('end to end: §4.2 SBP above the unstable-vitals limit (S30) raises a stop-and-call alert once', () => {
    const high = getParameter('session.sbp-high-mmhg')?.default;
    assert.equal(typeof high, 'number');
    const sbp = (high as number) + 5;
    const base = {
      systolicMmHg: 124,
      diastolicMmHg: 78,
      heartRatePerMin: 72,
      spo2Percent: 98,
      respiratoryRatePerMin: 14,
    };
    const b = makeChart()
      .add({ kind: 'vitals', vitals: { ...base, baseline: true } }, -10)
      .started(0)
      .add({ kind: 'vitals', vitals: { ...base, systolicMmHg: sbp } }, 30);
    const snapshot = (now: number) =>
      buildSessionSnapshot(b.fold(at(now)), {
        patient: { ageYears: 45, sex: 'female', pregnancyPossible: false },
        qualification: { status: 'eligible', signedAt: at(-1000), signedBy: 'doc', expiresAt: null },
        testsDue: [],
        now: at(now),
      });
    const first = newAlerts(b.fold(), evaluateSession(snapshot(30), {}).findings, b.last());
    const bp = first.find((a) => a.ruleId === 'session/blood-pressure-limits');
    assert.equal(bp?.actionTier, 'stop-and-call');
    for (const data of first) b.add(data, 30, null, 'server');
    assert.equal(openAlertsByTier(b.fold()).stopAndCall, 1);
    // Re-evaluating with nothing new raises nothing new.
    assert.deepEqual(newAlerts(b.fold(), evaluateSession(snapshot(31), {}).findings, b.last()), []);
  });
});
