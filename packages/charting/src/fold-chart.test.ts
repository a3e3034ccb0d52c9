import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { SessionEntry, SessionEntryData } from '@ketapath/core';
import { CHART_STATES } from './chart-types.js';
import { foldChart } from './fold-chart.js';
import { at, makeChart, NURSE, NURSE_2, PHYSICIAN, SESSION } from './testing/chart-fixtures.js';

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

describe('foldChart: the journey of one session', () => {
  const b = makeChart()
    .add({ kind: 'checklist', checklist: { item: 'consent', signedAt: at(-30) } }, -30)
    .add({ kind: 'vitals', vitals: { ...VITALS, baseline: true } }, -10)
    .started(0)
    .add({ kind: 'vitals', vitals: { ...VITALS, systolicMmHg: 140 } }, 15)
    .pause(60)
    .resume(90)
    .rateChange(120, 35, 0.5);
  const rateChangeSeq = b.last();
  b.doubleCheck(rateChangeSeq, 121)
    .stop(240)
    .add({ kind: 'pain-score', when: 'after', nrs: 3 }, 250)
    .add(DISCHARGE, 300)
    .add({ kind: 'nurse-sign' }, 301)
    .add({ kind: 'physician-cosign' }, 320, PHYSICIAN)
    .add({ kind: 'addendum', text: 'Escort was her sister.', reason: 'missing detail' }, 400)
    .add({ kind: 'note', text: 'late note' }, 401);
  const chart = b.fold();

  it('keeps the reason a nurse gave for signing before the discharge criteria were met', () => {
    const early = makeChart()
      .started(0)
      .stop(240)
      .add(DISCHARGE, 250)
      .add({ kind: 'nurse-sign', dischargeNotReadyReason: 'Physician reviewed; escort waiting' }, 251)
      .fold();
    assert.equal(early.state, 'nurse-signed');
    assert.equal(early.nurseSignedBy?.dischargeNotReadyReason, 'Physician reviewed; escort waiting');
  });

  it('ends locked with both signatures, the addendum taken and the late note refused', () => {
    assert.equal(chart.state, 'locked');
    assert.equal(chart.locked, true);
    assert.equal(chart.nurseSignedBy?.by?.userId, NURSE.userId);
    assert.equal(chart.nurseSignedBy.dischargeNotReadyReason, undefined);
    assert.equal(chart.physicianCosignedBy?.by?.userId, PHYSICIAN.userId);
    assert.equal(chart.addenda.length, 1);
    assert.equal(chart.notes.length, 0);
    assert.deepEqual(chart.problems, [
      `entry ${b.last()} (note): note after the chart was locked; only addenda are taken`,
    ]);
  });

  it('keeps start, stop, the pause and the segments with their times', () => {
    assert.equal(chart.startedAt, at(0));
    assert.equal(chart.stoppedAt, at(240));
    assert.deepEqual(
      chart.pauses.map((p) => [p.fromIso, p.toIso]),
      [[at(60), at(90)]],
    );
    assert.deepEqual(
      chart.rateSegments.map((s) => [s.fromIso, s.toIso, s.rateMlPerH]),
      [
        [at(0), at(60), 24.5],
        [at(90), at(120), 24.5],
        [at(120), at(240), 35],
      ],
    );
    // 1.5 h × 24.5 + 2 h × 35 = 36.75 + 70
    assert.equal(chart.administered.mg, 106.75);
    assert.equal(chart.lastDoseAt, at(240));
  });

  it('records who programmed and who double-checked each setting', () => {
    assert.equal(chart.programs.length, 2);
    assert.deepEqual(
      chart.programs.map((p) => [p.kind, p.by?.userId, p.doubleCheckedBy?.by.userId]),
      [
        ['program', NURSE.userId, NURSE_2.userId],
        ['rate-change', NURSE.userId, NURSE_2.userId],
      ],
    );
    assert.deepEqual(chart.awaitingDoubleCheck, []);
    assert.equal(chart.currentSetting?.seq, rateChangeSeq);
    assert.equal(chart.currentSetting.rateMgPerH, 35);
  });

  it('keeps the marked baseline, the vitals and the pain score', () => {
    assert.equal(chart.baseline?.basis, 'marked');
    assert.equal(chart.baseline.systolicMmHg, 128);
    assert.equal(chart.vitals.length, 2);
    assert.equal(chart.painAfter?.nrs, 3);
    assert.equal(chart.painBefore, null);
    assert.equal(chart.checklist.consent?.signedAt, at(-30));
    assert.equal(chart.discharge?.escortPresent, true);
  });
});

describe('foldChart: state transitions', () => {
  const rows: {
    name: string;
    build: () => ReturnType<typeof makeChart>;
    state: string;
    problems: RegExp[];
  }[] = [
    { name: 'no entries → scheduled', build: () => makeChart(), state: 'scheduled', problems: [] },
    {
      name: 'start before the double-check does not count',
      build: () => makeChart().program(0).start(1),
      state: 'scheduled',
      problems: [/start before pump programming 1 was double-checked/],
    },
    {
      name: 'start with no programming does not count',
      build: () => makeChart().start(0),
      state: 'scheduled',
      problems: [/start with no pump programming/],
    },
    {
      name: 'a double-check by the programmer is not independent',
      build: () => makeChart().program(0).doubleCheck(1, 1, NURSE).start(2),
      state: 'scheduled',
      problems: [/by its own programmer is not independent/, /start before pump programming 1/],
    },
    {
      name: 'a double-check of something that is not a setting',
      build: () => makeChart().add({ kind: 'note', text: 'x' }, 0).doubleCheck(1, 1),
      state: 'scheduled',
      problems: [/not a pump programming or rate change/],
    },
    {
      name: 'a second double-check of the same setting',
      build: () => makeChart().program(0).doubleCheck(1, 1).doubleCheck(1, 2, PHYSICIAN),
      state: 'scheduled',
      problems: [/already double-checked/],
    },
    {
      name: 'rate change before start',
      build: () => makeChart().program(0).rateChange(1, 30),
      state: 'scheduled',
      problems: [/rate change before start/],
    },
    { name: 'running', build: () => makeChart().started(0), state: 'running', problems: [] },
    { name: 'paused', build: () => makeChart().started(0).pause(5), state: 'paused', problems: [] },
    {
      name: 'pause while paused',
      build: () => makeChart().started(0).pause(5).pause(6),
      state: 'paused',
      problems: [/pause while paused/],
    },
    {
      name: 'resume while running',
      build: () => makeChart().started(0).resume(5),
      state: 'running',
      problems: [/resume while running/],
    },
    {
      name: 'start while running',
      build: () => makeChart().started(0).start(5),
      state: 'running',
      problems: [/start while running/],
    },
    {
      name: 'stop before start',
      build: () => makeChart().program(0).stop(5),
      state: 'scheduled',
      problems: [/stop before start/],
    },
    {
      name: 'stop from a pause',
      build: () => makeChart().started(0).pause(5).stop(10),
      state: 'stopped',
      problems: [],
    },
    {
      name: 'after stop nothing restarts',
      build: () => makeChart().started(0).stop(10).start(11).resume(12).rateChange(13, 30).program(14),
      state: 'stopped',
      problems: [
        /start while stopped/,
        /resume while stopped/,
        /rate change after stop/,
        /pump programming after stop/,
      ],
    },
    {
      name: 'discharge assessment before stop',
      build: () => makeChart().started(0).add(DISCHARGE, 10),
      state: 'running',
      problems: [/discharge assessment while running/],
    },
    {
      name: 'nurse signature before the discharge assessment',
      build: () => makeChart().started(0).stop(10).add({ kind: 'nurse-sign' }, 11),
      state: 'stopped',
      problems: [/nurse signature while stopped/],
    },
    {
      name: 'a nurse cannot co-sign as physician',
      build: () =>
        makeChart()
          .started(0)
          .stop(10)
          .add(DISCHARGE, 20)
          .add({ kind: 'nurse-sign' }, 21)
          .add({ kind: 'physician-cosign' }, 22, NURSE_2),
      state: 'nurse-signed',
      problems: [/co-signature by nurse, not a physician/],
    },
    {
      name: 'co-signature before the nurse signs',
      build: () =>
        makeChart().started(0).stop(10).add(DISCHARGE, 20).add({ kind: 'physician-cosign' }, 22, PHYSICIAN),
      state: 'discharged',
      problems: [/physician co-signature while discharged/],
    },
    {
      name: 'a bolus after discharge is counted and noted',
      build: () => makeChart().started(0).stop(10).add(DISCHARGE, 20).bolus(25, 5),
      state: 'discharged',
      problems: [/bolus while discharged; counted/],
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const chart = row.build().fold();
      assert.equal(chart.state, row.state);
      assert.equal(chart.problems.length, row.problems.length, chart.problems.join('\n'));
      row.problems.forEach((re, i) => {
        assert.match(chart.problems[i] ?? '', re);
      });
    });
  }

  it('a cancelled session takes no state-changing entry but keeps notes', () => {
    const b = makeChart().started(0).add({ kind: 'note', text: 'patient did not attend' }, 1);
    const chart = foldChart({ session: { ...SESSION, state: 'cancelled' }, entries: b.entries });
    assert.equal(chart.state, 'cancelled');
    assert.equal(chart.notes.length, 1);
    assert.equal(chart.problems.length, 3);
    assert.equal(chart.administered.mg, 0);
  });
});

describe('foldChart: dose details', () => {
  it('a rate change while paused runs from the resume', () => {
    const chart = makeChart().started(0).pause(60).rateChange(70, 49, 0.7).resume(90).stop(150).fold();
    // 1 h × 24.5 + 1 h × 49
    assert.equal(chart.administered.mg, 73.5);
    assert.deepEqual(chart.awaitingDoubleCheck, [5]);
  });

  it('a new programming while running (a new bag) closes the segment and opens one on the new bag', () => {
    const chart = makeChart()
      .started(0)
      .program(60, { bag: { drug: 'ketamine', drugMg: 200, volumeMl: 100, lot: 'LOT-2' }, rateMlPerH: 12.25 })
      .stop(120)
      .fold();
    // 1 h × 24.5 mg/h + 1 h × 12.25 mL/h × 2 mg/mL
    assert.equal(chart.administered.mg, 49);
    assert.equal(chart.rateSegments[1]?.concentrationMgPerMl, 2);
  });

  it('an open segment counts to `now`, or to the latest entry without it', () => {
    const b = makeChart().started(0).add({ kind: 'vitals', vitals: VITALS }, 30);
    assert.equal(b.fold(at(120)).administered.mg, 49);
    assert.equal(b.fold(at(120)).administered.asOf, at(120));
    assert.equal(b.fold().administered.mg, 12.25);
    assert.equal(b.fold(at(-5)).administered.mg, 0);
  });

  it('entries are folded in seq order whatever order they arrive in', () => {
    const b = makeChart().started(0).rateChange(60, 35).stop(120);
    const shuffled = [...b.entries].reverse();
    assert.deepEqual(foldChart({ session: SESSION, entries: shuffled }), b.fold());
  });

  it('an entry whose time is before the running segment began counts no time and says so', () => {
    const chart = makeChart().started(60).pause(30).fold();
    assert.equal(chart.administered.mg, 0);
    assert.match(chart.problems[0] ?? '', /before the running rate began/);
  });

  it('boluses count in any state before discharge, and set the last dose time', () => {
    const chart = makeChart()
      .program(0)
      .bolus(0, 17.5)
      .doubleCheck(1, 1)
      .start(1)
      .stop(61)
      .bolus(70, 5)
      .fold();
    assert.equal(chart.administered.bolusMg, 22.5);
    assert.equal(chart.administered.mg, 22.5 + 24.5);
    assert.equal(chart.lastDoseAt, at(70));
    assert.deepEqual(chart.problems, []);
  });
});

describe('foldChart: facts', () => {
  it('keeps the latest checklist entry per item and per test', () => {
    const chart = makeChart()
      .add({ kind: 'checklist', checklist: { item: 'escort', confirmed: false } }, 0)
      .add({ kind: 'checklist', checklist: { item: 'escort', confirmed: true, name: 'A. Smith' } }, 1)
      .add(
        { kind: 'checklist', checklist: { item: 'pre-treatment-test', testId: 'ecg', doneAt: at(-100) } },
        2,
      )
      .add(
        { kind: 'checklist', checklist: { item: 'pre-treatment-test', testId: 'lft', doneAt: at(-90) } },
        3,
      )
      .add(
        { kind: 'checklist', checklist: { item: 'pre-treatment-test', testId: 'ecg', doneAt: at(-50) } },
        4,
      )
      .fold();
    assert.equal(chart.checklist.escort?.confirmed, true);
    assert.equal(chart.checklist.escort.seq, 2);
    assert.deepEqual(
      chart.checklist.preTreatmentTests.map((t) => [t.testId, t.doneAt]),
      [
        ['ecg', at(-50)],
        ['lft', at(-90)],
      ],
    );
  });

  it('without a marked baseline, the latest complete reading before the start is the baseline', () => {
    const chart = makeChart()
      .add({ kind: 'vitals', vitals: { ...VITALS, systolicMmHg: 130 } }, -20)
      .add({ kind: 'vitals', vitals: { systolicMmHg: 150 } }, -10) // incomplete
      .started(0)
      .add({ kind: 'vitals', vitals: { ...VITALS, systolicMmHg: 160 } }, 10)
      .fold();
    assert.equal(chart.baseline?.basis, 'pre-start');
    assert.equal(chart.baseline.systolicMmHg, 130);
  });

  it('device readings are marked as from the device', () => {
    const chart = makeChart().add({ kind: 'vitals', vitals: VITALS }, 0, null, 'dev-1').fold();
    assert.equal(chart.vitals[0]?.source, 'device');
    assert.equal(chart.vitals[0].deviceId, 'dev-1');
    assert.equal(chart.vitals[0].by, null);
  });

  it('alerts and their acknowledgements', () => {
    const chart = makeChart()
      .started(0)
      .add(
        {
          kind: 'alert',
          ruleId: 'session/blood-pressure-limits',
          ruleVersion: 1,
          severity: 'block',
          actionTier: 'stop-and-call',
          finding: { title: 'BP', message: 'SBP 190 mmHg' },
          raisedBySeq: 3,
        },
        5,
      )
      .add({ kind: 'alert-ack', alertSeq: 4, action: 'stopped, called Dr X' }, 6)
      .add({ kind: 'alert-ack', alertSeq: 4, action: 'again' }, 7)
      .add({ kind: 'alert-ack', alertSeq: 1, action: 'not an alert' }, 8)
      .fold();
    assert.equal(chart.alerts.length, 1);
    assert.equal(chart.alerts[0]?.message, 'SBP 190 mmHg');
    assert.equal(chart.alerts[0].actionTier, 'stop-and-call');
    assert.equal(chart.alerts[0].acknowledged?.action, 'stopped, called Dr X');
    assert.equal(chart.problems.length, 2);
  });
});

describe('foldChart: any sequence of well-formed entries', () => {
  const ACTORS = [NURSE, NURSE_2, PHYSICIAN, null] as const;
  const data = fc.constantFrom<SessionEntryData>(
    {
      kind: 'pump-program',
      bag: { drug: 'ketamine', drugMg: 100, volumeMl: 100, lot: 'L' },
      rate: { value: 0.35, unit: 'mg/kg/h' },
      weightKg: 70,
      weightBasis: 'actual',
      rateMlPerH: 24.5,
      volumeToInfuseMl: 98,
    },
    { kind: 'double-check', programSeq: 1 },
    { kind: 'double-check', programSeq: 2 },
    { kind: 'start' },
    { kind: 'rate-change', rate: { value: 0.5, unit: 'mg/kg/h' }, rateMlPerH: 35, reason: 'r' },
    { kind: 'pause', reason: 'r' },
    { kind: 'resume' },
    { kind: 'stop', reason: 'r' },
    { kind: 'bolus', doseMg: 10, reason: 'r' },
    { kind: 'vitals', vitals: VITALS },
    { kind: 'alert-ack', alertSeq: 3, action: 'a' },
    DISCHARGE,
    { kind: 'nurse-sign' },
    { kind: 'physician-cosign' },
    { kind: 'addendum', text: 't', reason: 'r' },
  );
  const entries = fc
    .array(fc.tuple(data, fc.integer({ min: -60, max: 600 }), fc.constantFrom(...ACTORS)), { maxLength: 25 })
    .map((rows) =>
      rows.map(([d, min, by], i): SessionEntry => ({
        seq: i + 1,
        data: d,
        occurredAt: at(min),
        recordedAt: at(min),
        recordedBy: by,
        deviceId: by === null ? 'dev' : null,
        clientEntryId: null,
      })),
    );

  it('never throws, never gives a negative dose, and ends in a known state', () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: -60, max: 900 }), (list, nowMin) => {
        const chart = foldChart({ session: SESSION, entries: list, now: at(nowMin) });
        assert.ok((CHART_STATES as readonly string[]).includes(chart.state));
        assert.ok(chart.administered.mg >= 0);
        assert.ok(BigInt(chart.administered.exactMicrogramsNumerator) >= 0n);
        for (const s of chart.rateSegments)
          if (s.toIso !== null) assert.ok(Date.parse(s.toIso) >= Date.parse(s.fromIso));
        assert.equal(chart.paused, chart.state === 'paused');
        if (chart.stoppedAt !== null) assert.ok(chart.rateSegments.every((s) => s.toIso !== null));
      }),
      { numRuns: 300 },
    );
  });
});
