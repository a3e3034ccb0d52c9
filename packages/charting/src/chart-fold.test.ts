import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { SessionEntry, SessionEntryData } from '@ketapath/core';
import { CHART_STATES, type ChartActor, type ChartState, type FoldChartInput } from './chart-types.js';
import { createChartFold, foldChart, type ChartFold } from './fold-chart.js';
import { at, makeChart, NURSE, NURSE_2, PHYSICIAN, programData, SESSION } from './testing/chart-fixtures.js';

// The fixtures of fold-chart.test.ts.
const VITALS = {
  systolicMmHg: 128,
  diastolicMmHg: 80,
  heartRatePerMin: 72,
  spo2Percent: 98,
  respiratoryRatePerMin: 14,
};
const ALDRETE = { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 };
const DISCHARGE: SessionEntryData = {
  kind: 'discharge-assessment',
  aldrete: ALDRETE,
  escortPresent: true,
  noDrivingAdviceGiven: true,
  instructionsGiven: true,
};
const CANCELLED = { ...SESSION, state: 'cancelled' };

/**
 * One generated entry. A double-check or an alert acknowledgement names the entry `back` rows before it
 * (usually a programming or an alert; sometimes not). Times move on by `dtSec` from the row before (mostly
 * forwards, sometimes backwards); `isoForm` writes the same instant differently ('Z' without milliseconds,
 * '+00:00'), so ties between equal instants written differently are folded too.
 */
interface Row {
  readonly data: SessionEntryData;
  readonly back: number;
  readonly dtSec: number;
  readonly by: ChartActor | null;
  readonly isoForm: 0 | 1 | 2;
  readonly seqGap: number;
}

const actor = fc.constantFrom<ChartActor | null>(NURSE, NURSE, NURSE_2, PHYSICIAN, null);

const entryData = fc.oneof<fc.Arbitrary<SessionEntryData>[]>(
  fc.constantFrom<SessionEntryData>(
    { kind: 'checklist', checklist: { item: 'consent', signedAt: at(-30) } },
    { kind: 'checklist', checklist: { item: 'fasting', lastFoodAt: at(-600), lastClearFluidAt: null } },
    { kind: 'checklist', checklist: { item: 'pregnancy-test', result: 'negative', at: at(-60) } },
    { kind: 'checklist', checklist: { item: 'escort', confirmed: false } },
    { kind: 'checklist', checklist: { item: 'escort', confirmed: true, name: 'A. Smith' } },
    { kind: 'checklist', checklist: { item: 'pre-treatment-test', testId: 'ecg', doneAt: at(-100) } },
    { kind: 'checklist', checklist: { item: 'pre-treatment-test', testId: 'lft', doneAt: at(-90) } },
  ),
  fc.constantFrom<SessionEntryData>(
    programData(),
    programData({ bag: { drug: 'ketamine', drugMg: 200, volumeMl: 100, lot: 'LOT-2' }, rateMlPerH: 12.25 }),
    programData({ bag: { drug: 'ketamine', drugMg: 50, volumeMl: 30, lot: 'LOT-3' }, rateMlPerH: 7.3 }),
  ),
  fc.constant<SessionEntryData>({ kind: 'double-check', programSeq: 1 }),
  fc.constant<SessionEntryData>({ kind: 'start' }),
  fc.constantFrom<SessionEntryData>(
    { kind: 'rate-change', rate: { value: 0.5, unit: 'mg/kg/h' }, rateMlPerH: 35, reason: 'r' },
    { kind: 'rate-change', rate: { value: 0.7, unit: 'mg/kg/h' }, rateMlPerH: 49, reason: 'r' },
    { kind: 'rate-change', rate: { value: 12.3, unit: 'mg/h' }, rateMlPerH: 12.3, reason: 'r' },
  ),
  fc.constant<SessionEntryData>({ kind: 'pause', reason: 'nausea' }),
  fc.constant<SessionEntryData>({ kind: 'resume' }),
  fc.constant<SessionEntryData>({ kind: 'stop', reason: 'infusion complete' }),
  fc.constantFrom<SessionEntryData>(
    { kind: 'bolus', doseMg: 10, reason: 'r' },
    { kind: 'bolus', doseMg: 0.3, reason: 'r' },
  ),
  fc.constantFrom<SessionEntryData>(
    { kind: 'vitals', vitals: VITALS },
    { kind: 'vitals', vitals: { ...VITALS, baseline: true } },
    { kind: 'vitals', vitals: { systolicMmHg: 150 } },
    { kind: 'vitals', vitals: { ...VITALS, spo2Percent: 91, source: 'manual' } },
  ),
  fc.constantFrom<SessionEntryData>(
    { kind: 'pain-score', when: 'before', nrs: 7 },
    { kind: 'pain-score', when: 'after', nrs: 3 },
    { kind: 'side-effect', symptom: 'nausea' },
    { kind: 'side-effect', symptom: 'other', note: 'itching' },
    { kind: 'rescue-medication', drug: 'ondansetron', doseMg: 4, route: 'iv', reason: 'nausea' },
  ),
  fc.constantFrom<SessionEntryData>(
    {
      kind: 'alert',
      ruleId: 'session/blood-pressure-limits',
      ruleVersion: 1,
      severity: 'block',
      actionTier: 'stop-and-call',
      finding: { title: 'BP', message: 'SBP 190 mmHg' },
      raisedBySeq: 3,
    },
    { kind: 'alert', ruleId: 'session/spo2', ruleVersion: 2, severity: 'warn', finding: {}, raisedBySeq: 1 },
  ),
  fc.constant<SessionEntryData>({ kind: 'alert-ack', alertSeq: 1, action: 'seen' }),
  fc.constantFrom<SessionEntryData>(DISCHARGE, {
    ...DISCHARGE,
    escortName: 'B. Jones',
    note: 'steady',
    aldrete: { ...ALDRETE, circulation: null },
  }),
  fc.constantFrom<SessionEntryData>(
    { kind: 'nurse-sign' },
    { kind: 'nurse-sign', dischargeNotReadyReason: 'escort waiting' },
  ),
  fc.constant<SessionEntryData>({ kind: 'physician-cosign' }),
  fc.constantFrom<SessionEntryData>(
    { kind: 'addendum', text: 't', reason: 'r' },
    { kind: 'note', text: 'a note' },
  ),
);

const row = (data: fc.Arbitrary<SessionEntryData>, by: fc.Arbitrary<ChartActor | null> = actor) =>
  fc.record({
    data,
    back: fc.integer({ min: 1, max: 4 }),
    dtSec: fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 0, max: 1800 }) },
      { weight: 1, arbitrary: fc.integer({ min: -1800, max: 0 }) },
    ),
    by,
    isoForm: fc.constantFrom<0 | 1 | 2>(0, 0, 0, 1, 2),
    seqGap: fc.constantFrom(1, 1, 1, 2, 5),
  });

type Group = Row[];
const single = row(entryData).map((r): Group => [r]);
/** A programming double-checked by another nurse, and the start. */
const started = fc
  .tuple(
    row(fc.constant(programData()), fc.constant(NURSE)),
    row(fc.constant<SessionEntryData>({ kind: 'double-check', programSeq: 1 }), fc.constant(NURSE_2)),
    row(fc.constant<SessionEntryData>({ kind: 'start' })),
  )
  .map((g): Group => g);
const checkedRateChange = fc
  .tuple(
    row(
      fc.constant<SessionEntryData>({
        kind: 'rate-change',
        rate: { value: 0.45, unit: 'mg/kg/h' },
        rateMlPerH: 31.5,
        reason: 'titration',
      }),
      fc.constant(NURSE),
    ),
    row(fc.constant<SessionEntryData>({ kind: 'double-check', programSeq: 1 }), fc.constant(NURSE_2)),
  )
  .map((g): Group => g);
const pauseResume = fc
  .tuple(
    row(fc.constant<SessionEntryData>({ kind: 'pause', reason: 'nausea' })),
    row(fc.constant<SessionEntryData>({ kind: 'resume' })),
  )
  .map((g): Group => g);
const stop = row(fc.constant<SessionEntryData>({ kind: 'stop', reason: 'infusion complete' })).map(
  (r): Group => [r],
);
const discharge = row(fc.constant(DISCHARGE)).map((r): Group => [r]);
/** The nurse's signature and the co-signature (mostly by a physician). */
const signed = fc
  .tuple(
    row(fc.constant<SessionEntryData>({ kind: 'nurse-sign' }), fc.constant(NURSE)),
    row(
      fc.constant<SessionEntryData>({ kind: 'physician-cosign' }),
      fc.constantFrom<ChartActor | null>(PHYSICIAN, PHYSICIAN, NURSE_2),
    ),
  )
  .map((g): Group => g);
/** An alert acknowledged, and acknowledged again. */
const alertAcked = fc
  .tuple(
    row(
      fc.constant<SessionEntryData>({
        kind: 'alert',
        ruleId: 'session/spo2',
        ruleVersion: 1,
        severity: 'needs-ack',
        finding: { title: 'SpO2', message: 'SpO2 89 %' },
        raisedBySeq: 1,
      }),
      fc.constant(null),
    ),
    row(fc.constant<SessionEntryData>({ kind: 'alert-ack', alertSeq: 1, action: 'oxygen' })),
    row(fc.constant<SessionEntryData>({ kind: 'alert-ack', alertSeq: 1, action: 'again' })),
  )
  .map(([alert, ack, again]): Group => [alert, { ...ack, back: 1 }, { ...again, back: 2 }]);
const groups = (maxLength: number) =>
  fc.array(
    fc.oneof(
      { weight: 8, arbitrary: single },
      { weight: 1, arbitrary: started },
      { weight: 1, arbitrary: checkedRateChange },
      { weight: 1, arbitrary: pauseResume },
      { weight: 1, arbitrary: stop },
      { weight: 1, arbitrary: discharge },
      { weight: 1, arbitrary: signed },
      { weight: 1, arbitrary: alertAcked },
    ),
    { maxLength, size: 'medium' },
  );

/**
 * The rows of a chart: any entries in any order, or a session's journey (programmed, started, run, stopped,
 * discharged and signed) with any entries between its steps.
 */
const rows: fc.Arbitrary<Row[]> = fc.oneof(
  groups(24).map((g) => g.flat()),
  fc
    .tuple(groups(3), started, groups(6), stop, groups(2), discharge, groups(2), signed, groups(3))
    .map(([before, start, during, end, after, out, meanwhile, sign, late]) =>
      [...before, start, ...during, end, ...after, out, ...meanwhile, sign, ...late].flat(),
    ),
);

function isoOf(sec: number, form: Row['isoForm']): string {
  const iso = at(sec / 60);
  return form === 0 ? iso : iso.replace('.000Z', form === 1 ? 'Z' : '+00:00');
}

/** The entries of the rows, in seq order. */
function build(list: readonly Row[]): SessionEntry[] {
  const entries: SessionEntry[] = [];
  let seq = 0;
  let sec = -3600;
  for (const r of list) {
    seq += r.seqGap;
    sec += r.dtSec;
    const ref = entries[entries.length - r.back]?.seq ?? r.back;
    const data: SessionEntryData =
      r.data.kind === 'double-check'
        ? { ...r.data, programSeq: ref }
        : r.data.kind === 'alert-ack'
          ? { ...r.data, alertSeq: ref }
          : r.data;
    const occurredAt = isoOf(sec, r.isoForm);
    entries.push({
      seq,
      data,
      occurredAt,
      recordedAt: occurredAt,
      recordedBy: r.by,
      deviceId: r.by === null ? 'monitor-1' : null,
      clientEntryId: null,
    });
  }
  return entries;
}

const session = fc.constantFrom<FoldChartInput['session']>(SESSION, SESSION, SESSION, CANCELLED);
/** A `now` in minutes from T0, or none (then the latest entry's time). */
const nowMin = fc.option(fc.integer({ min: -120, max: 900 }), { nil: undefined });
const iso = (min: number | undefined) => (min === undefined ? undefined : at(min));

function foldAll(s: FoldChartInput['session'], entries: readonly SessionEntry[]): ChartFold {
  const fold = createChartFold(s);
  for (const e of entries) fold.apply(e);
  return fold;
}

function fold(s: FoldChartInput['session'], entries: readonly SessionEntry[], now?: string): ChartState {
  return foldChart({ session: s, entries, ...(now === undefined ? {} : { now }) });
}

describe('createChartFold: the same state as foldChart', () => {
  it('applying every entry then finishing gives foldChart at any now', () => {
    fc.assert(
      fc.property(session, rows, fc.array(nowMin, { minLength: 1, maxLength: 4 }), (s, list, nows) => {
        const entries = build(list);
        const f = foldAll(s, entries);
        assert.equal(f.throughSeq, entries.at(-1)?.seq ?? 0);
        for (const now of [undefined, at(-1000), at(5000), ...nows.map(iso)]) {
          // foldChart sorts: give it the entries in reverse.
          const expected = fold(s, [...entries].reverse(), now);
          assert.deepEqual(f.finish(now), expected);
          // Finishing does not change the fold.
          assert.deepEqual(f.finish(now), expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('applying one entry at a time, each finish is foldChart of the entries so far', () => {
    fc.assert(
      fc.property(session, rows, nowMin, (s, list, nowAt) => {
        const entries = build(list);
        const now = iso(nowAt);
        const f = createChartFold(s);
        const kept: { state: ChartState; copy: ChartState }[] = [];
        const first = f.finish(now);
        assert.deepEqual(first, fold(s, [], now));
        kept.push({ state: first, copy: structuredClone(first) });
        entries.forEach((entry, i) => {
          f.apply(entry);
          const prefix = entries.slice(0, i + 1);
          const state = f.finish(now);
          assert.deepEqual(state, fold(s, prefix, now));
          assert.deepEqual(f.finish(undefined), fold(s, prefix));
          kept.push({ state, copy: structuredClone(state) });
        });
        // A finished state does not change when the fold is applied to later.
        for (const k of kept) assert.deepEqual(k.state, k.copy);
      }),
      { numRuns: 200 },
    );
  });

  it('the generated charts go through every state and the odd sequences the fold reports', () => {
    const states = new Set<string>();
    const problems = new Set<string>();
    const PROBLEMS = [
      /before the running rate began/,
      /was already double-checked/,
      /by its own programmer is not independent/,
      /start before pump programming \d+ was double-checked/,
      /after the chart was locked/,
      /on a cancelled session/,
      /was already acknowledged/,
      /which is not an alert/,
      /pause while/,
      /resume while/,
      /rate change after stop/,
      /bolus while discharged/,
    ];
    for (const [s, list] of fc.sample(fc.tuple(session, rows), { seed: 20260310, numRuns: 600 })) {
      const f = createChartFold(s);
      for (const entry of build(list)) {
        f.apply(entry);
        states.add(f.finish(undefined).state);
      }
      for (const p of f.finish(undefined).problems)
        for (const re of PROBLEMS) if (re.test(p)) problems.add(re.source);
    }
    assert.deepEqual([...states].sort(), [...CHART_STATES].sort());
    assert.deepEqual([...problems].sort(), PROBLEMS.map((re) => re.source).sort());
  });
});

describe('createChartFold: fork', () => {
  it('a fork and its original go on independently; states finished earlier do not change', () => {
    fc.assert(
      fc.property(session, rows, rows, rows, nowMin, (s, prefixRows, aRows, bRows, nowAt) => {
        const now = iso(nowAt);
        const prefix = build(prefixRows);
        const withA = build([...prefixRows, ...aRows]);
        const withB = build([...prefixRows, ...bRows]);
        const original = foldAll(s, prefix);
        const before = original.finish(now);
        const beforeCopy = structuredClone(before);

        const forked = original.fork();
        assert.equal(forked.throughSeq, original.throughSeq);
        const half = prefix.length + Math.floor(aRows.length / 2);
        for (const e of withA.slice(prefix.length, half)) forked.apply(e);
        const forkOfFork = forked.fork();
        for (const e of withA.slice(half)) forked.apply(e);
        const forkedState = forked.finish(now);
        const forkedCopy = structuredClone(forkedState);
        assert.deepEqual(forkedState, fold(s, withA, now));
        // The original still finishes as before, and the state it gave is unchanged.
        assert.deepEqual(before, beforeCopy);
        assert.deepEqual(original.finish(now), beforeCopy);

        for (const e of withB.slice(prefix.length)) original.apply(e);
        assert.deepEqual(original.finish(now), fold(s, withB, now));
        assert.deepEqual(before, beforeCopy);
        assert.deepEqual(forkedState, forkedCopy);
        assert.deepEqual(forked.finish(now), forkedCopy);
        assert.deepEqual(forkOfFork.finish(now), fold(s, withA.slice(0, half), now));
      }),
      { numRuns: 200 },
    );
  });

  it('a double-check, an acknowledgement and checklist items in a fork leave the original as it was', () => {
    const b = makeChart()
      .add({ kind: 'checklist', checklist: { item: 'consent', signedAt: at(-30) } }, -30)
      .add(
        { kind: 'checklist', checklist: { item: 'pre-treatment-test', testId: 'ecg', doneAt: at(-100) } },
        -29,
      )
      .program(-20)
      .add(
        {
          kind: 'alert',
          ruleId: 'session/blood-pressure-limits',
          ruleVersion: 1,
          severity: 'needs-ack',
          finding: { title: 'BP', message: 'SBP 170 mmHg' },
          raisedBySeq: 1,
        },
        -19,
      );
    const original = foldAll(SESSION, b.entries);
    const before = structuredClone(original.finish(undefined));
    b.doubleCheck(3, -10)
      .add({ kind: 'alert-ack', alertSeq: 4, action: 'rechecked' }, -9)
      .add({ kind: 'checklist', checklist: { item: 'consent', signedAt: at(-5) } }, -5)
      .add(
        { kind: 'checklist', checklist: { item: 'pre-treatment-test', testId: 'ecg', doneAt: at(-4) } },
        -4,
      )
      .start(0);
    const forked = original.fork();
    for (const e of b.entries.slice(4)) forked.apply(e);

    const after = forked.finish(undefined);
    assert.equal(after.state, 'running');
    assert.equal(after.currentSetting?.doubleCheckedBy?.by.userId, NURSE_2.userId);
    assert.equal(after.programs[0], after.currentSetting);
    assert.equal(after.alerts[0]?.acknowledged?.action, 'rechecked');
    assert.equal(after.checklist.consent?.seq, 7);
    assert.deepEqual(after, b.fold());

    const still = original.finish(undefined);
    assert.deepEqual(still, before);
    assert.equal(still.state, 'scheduled');
    assert.equal(still.currentSetting?.doubleCheckedBy, null);
    assert.equal(still.programs[0]?.doubleCheckedBy, null);
    assert.deepEqual(still.awaitingDoubleCheck, [3]);
    assert.equal(still.alerts[0]?.acknowledged, null);
    assert.equal(still.checklist.consent?.seq, 1);
    assert.equal(still.checklist.preTreatmentTests[0]?.seq, 2);
  });

  it('closing the open segment or pause in a fork leaves them open in the original', () => {
    const running = makeChart().started(0).add({ kind: 'vitals', vitals: VITALS }, 30);
    const runningFold = foldAll(SESSION, running.entries);
    const runningBefore = structuredClone(runningFold.finish(at(60)));
    running.rateChange(40, 35).doubleCheck(5, 41).stop(90);
    const stopped = runningFold.fork();
    for (const e of running.entries.slice(4)) stopped.apply(e);
    assert.deepEqual(stopped.finish(at(120)), running.fold(at(120)));
    assert.equal(stopped.finish(at(120)).rateSegments[0]?.toIso, at(40));
    assert.deepEqual(runningFold.finish(at(60)), runningBefore);
    assert.equal(runningFold.finish(at(60)).rateSegments[0]?.toIso, null);
    assert.equal(runningFold.finish(at(60)).administered.mg, 24.5);

    const paused = makeChart().started(0).pause(60);
    const pausedFold = foldAll(SESSION, paused.entries);
    const pausedBefore = structuredClone(pausedFold.finish(at(100)));
    paused.resume(90).stop(120);
    const resumed = pausedFold.fork();
    for (const e of paused.entries.slice(4)) resumed.apply(e);
    assert.deepEqual(resumed.finish(at(130)), paused.fold(at(130)));
    assert.deepEqual(
      resumed.finish(at(130)).pauses.map((p) => [p.fromIso, p.toIso]),
      [[at(60), at(90)]],
    );
    assert.deepEqual(pausedFold.finish(at(100)), pausedBefore);
    assert.equal(pausedFold.finish(at(100)).pauses[0]?.toIso, null);
  });

  it('does not copy the records: a fork of a 1000-readings chart shares its vital signs', () => {
    const b = makeChart().started(0);
    for (let m = 1; m <= 1000; m += 1) b.add({ kind: 'vitals', vitals: VITALS }, m * 0.25, null, 'monitor-1');
    const original = foldAll(SESSION, b.entries);
    const finishedBefore = original.finish(undefined);
    const forked = original.fork();
    b.add({ kind: 'vitals', vitals: { ...VITALS, heartRatePerMin: 90 } }, 251, null, 'monitor-1');
    forked.apply(b.entries.at(-1) ?? assert.fail('no entry'));

    const mine = original.finish(undefined);
    const theirs = forked.finish(undefined);
    assert.equal(mine.vitals.length, 1000);
    assert.equal(theirs.vitals.length, 1001);
    for (const i of [0, 500, 999]) {
      assert.equal(theirs.vitals[i], mine.vitals[i]);
      assert.equal(theirs.vitals[i], finishedBefore.vitals[i]);
    }
    assert.equal(theirs.vitals[1000]?.heartRatePerMin, 90);
    assert.deepEqual(theirs, b.fold());
  });
});

describe('createChartFold: apply', () => {
  it('counts the highest seq applied, 0 when empty', () => {
    const b = makeChart().started(0);
    const f = createChartFold(SESSION);
    assert.equal(f.throughSeq, 0);
    assert.equal(f.finish(undefined).lastSeq, 0);
    for (const e of b.entries) f.apply(e);
    assert.equal(f.throughSeq, 3);
    assert.equal(f.finish(undefined).lastSeq, 3);
  });

  it('throws a plain Error on an entry out of seq order or applied twice, and changes nothing', () => {
    const b = makeChart().started(0).pause(10).resume(20);
    const f = createChartFold(SESSION);
    for (const e of b.entries.slice(0, 4)) f.apply(e);
    const before = structuredClone(f.finish(at(30)));
    for (const e of [b.entries[2], b.entries[3]]) {
      assert.throws(
        () => {
          f.apply(e ?? assert.fail('no entry'));
        },
        (error: unknown) => error instanceof Error && error.constructor === Error,
      );
    }
    assert.equal(f.throughSeq, 4);
    assert.deepEqual(f.finish(at(30)), before);
    f.apply(b.entries[4] ?? assert.fail('no entry'));
    assert.deepEqual(f.finish(at(30)), b.fold(at(30)));
  });

  it('foldChart still folds entries that share a seq, in the order given', () => {
    const b = makeChart().program(0).doubleCheck(1, 0).start(0);
    const [program, check, start] = b.entries;
    assert.ok(program !== undefined && check !== undefined && start !== undefined);
    const chart = foldChart({
      session: SESSION,
      entries: [program, { ...check, seq: 1 }, { ...start, seq: 1 }],
    });
    assert.equal(chart.state, 'running');
    assert.equal(chart.lastSeq, 1);
  });
});
