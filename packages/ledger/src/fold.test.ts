import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LedgerEntry } from '@ketapath/core';
import fc from 'fast-check';
import {
  applyLedgerEntry,
  checkLedgerEntry,
  containerStatus,
  createLedgerFold,
  foldLedger,
  isExpiredOn,
  ledgerView,
  sessionBalance,
} from './fold.js';
import { LedgerBuilder, testUuid } from './testing/builders.js';
import type { ContainerState, LedgerView } from './types.js';

const SESSION = testUuid(700);
const PATIENT = testUuid(701);

function first<T>(list: readonly T[]): T {
  const v = list[0];
  if (v === undefined) throw new Error('empty list');
  return v;
}

function container(view: LedgerView, id: string): ContainerState {
  const c = view.containers.find((x) => x.containerId === id);
  if (c === undefined) throw new Error(`no container ${id}`);
  return c;
}

/** A 10 mL vial of 50 mg/mL (500 mg), lot K1, expiring 2026-03-31. */
function oneVial(): { b: LedgerBuilder; vial: string } {
  const b = new LedgerBuilder();
  const r = b.receipt({ lot: 'K1', containerCount: 1, expiresOn: '2026-03-31' });
  return { b, vial: first(r.payload.containerIds) };
}

function problemsOf(b: LedgerBuilder, candidate: (b: LedgerBuilder) => LedgerEntry): string[] {
  const fold = createLedgerFold();
  for (const e of b.entries) applyLedgerEntry(fold, e);
  const entry = candidate(b);
  return checkLedgerEntry(fold, entry).map((p) => p.problem);
}

describe('container status: destroyed > quarantined > empty > expired > in-use > opened > sealed', () => {
  const base = {
    destroyed: false,
    quarantined: false,
    remainingUg: 1000,
    expiresOn: '2026-03-31',
    drawn: false,
  };
  const rows: [string, Partial<typeof base>, boolean, string][] = [
    ['received, untouched → sealed', {}, false, 'sealed'],
    ['drawn from, session closed → opened', { drawn: true }, false, 'opened'],
    ['drawn by a session still open → in-use', { drawn: true }, true, 'in-use'],
    ['past expiry beats in-use', { drawn: true, expiresOn: '2026-03-01' }, true, 'expired'],
    ['empty beats expired', { remainingUg: 0, expiresOn: '2026-03-01' }, false, 'empty'],
    ['quarantined beats empty', { quarantined: true, remainingUg: 0 }, false, 'quarantined'],
    ['destroyed beats quarantined', { destroyed: true, quarantined: true }, false, 'destroyed'],
  ];
  for (const [name, change, openSession, status] of rows)
    it(name, () => {
      assert.equal(containerStatus({ ...base, ...change }, openSession, '2026-03-10'), status);
    });
});

describe('expiry: an expiry date means usable through that day', () => {
  const rows: [string, string, boolean][] = [
    ['the day before expiry: usable', '2026-03-30', false],
    ['on the expiry date: still usable', '2026-03-31', false],
    ['the day after: expired', '2026-04-01', true],
  ];
  for (const [name, today, expired] of rows)
    it(name, () => {
      assert.equal(isExpiredOn('2026-03-31', today), expired);
      const { b, vial } = oneVial();
      assert.equal(container(foldLedger(b.entries, { today }), vial).status, expired ? 'expired' : 'sealed');
    });
});

describe('draws', () => {
  it('a receipt puts every container and its lot on hand', () => {
    const b = new LedgerBuilder();
    b.receipt({ lot: 'K1', containerCount: 25 });
    const view = foldLedger(b.entries, { today: '2026-03-02' });
    assert.equal(view.containers.length, 25);
    assert.equal(first(view.lots).receivedUg, 25 * 500_000);
    assert.equal(first(view.lots).onHandUg, 12_500_000);
    assert.equal(view.onHandUg, 12_500_000);
  });
  it('overdraw by 1 µg is refused; the exact remainder is allowed', () => {
    const { b, vial } = oneVial();
    const draw = (ug: number) => (x: LedgerBuilder) =>
      x.draw({
        containerId: vial,
        lot: 'K1',
        sessionId: SESSION,
        patientId: PATIENT,
        drawnUg: ug,
        drawnUl: ug / 50,
      });
    assert.deepEqual(problemsOf(b, draw(500_050)), ['overdraw']);
    b.entries.pop();
    assert.deepEqual(problemsOf(b, draw(500_000)), []);
  });
  it('after a draw, 1 µg more than what is left is refused', () => {
    const { b, vial } = oneVial();
    b.draw({
      containerId: vial,
      lot: 'K1',
      sessionId: SESSION,
      patientId: PATIENT,
      drawnUg: 450_000,
      drawnUl: 9000,
    });
    const rest = (ug: number, ul: number) => (x: LedgerBuilder) =>
      x.draw({
        containerId: vial,
        lot: 'K1',
        sessionId: testUuid(702),
        patientId: PATIENT,
        drawnUg: ug,
        drawnUl: ul,
      });
    assert.deepEqual(problemsOf(b, rest(50_001, 1000)), ['overdraw', 'draw-volume-mismatch']);
    b.entries.pop();
    assert.deepEqual(problemsOf(b, rest(50_000, 1000)), []);
  });
  it('mg and mL must agree with the container concentration to the µg', () => {
    const { b, vial } = oneVial();
    assert.deepEqual(
      problemsOf(b, (x) =>
        x.draw({
          containerId: vial,
          lot: 'K1',
          sessionId: SESSION,
          patientId: PATIENT,
          drawnUg: 100_000,
          drawnUl: 2001,
        }),
      ),
      ['draw-volume-mismatch'],
    );
  });
  it('an unknown container and a wrong delta are refused', () => {
    const b = new LedgerBuilder();
    b.receipt({ lot: 'K1', containerCount: 1 });
    assert.deepEqual(
      problemsOf(b, (x) =>
        x.draw({
          containerId: testUuid(9999),
          lot: 'K1',
          sessionId: SESSION,
          patientId: PATIENT,
          drawnUg: 10,
          drawnUl: 1,
        }),
      ),
      ['unknown-container'],
    );
    b.entries.pop();
    assert.deepEqual(
      problemsOf(b, (x) => x.append(first(b.entries).payload, { deltaUg: 1 })),
      ['delta-mismatch', 'duplicate-container'],
    );
  });
  it('a destroyed container cannot be drawn', () => {
    const { b, vial } = oneVial();
    b.destruction({ lines: [{ containerId: vial, quantityUg: 500_000, quantityUl: 10_000 }], lot: 'K1' });
    assert.deepEqual(
      problemsOf(b, (x) =>
        x.draw({
          containerId: vial,
          lot: 'K1',
          sessionId: SESSION,
          patientId: PATIENT,
          drawnUg: 50,
          drawnUl: 1,
        }),
      ),
      ['container-destroyed'],
    );
  });
  it('a destruction takes exactly what the container holds', () => {
    const { b, vial } = oneVial();
    assert.deepEqual(
      problemsOf(b, (x) =>
        x.destruction({ lines: [{ containerId: vial, quantityUg: 499_999, quantityUl: 10_000 }], lot: 'K1' }),
      ),
      ['quantity-mismatch'],
    );
  });
  it('a draw marks the container in use until the session closes, then opened', () => {
    const { b, vial } = oneVial();
    b.draw({
      containerId: vial,
      lot: 'K1',
      sessionId: SESSION,
      patientId: PATIENT,
      drawnUg: 100_000,
      drawnUl: 2000,
    });
    const during = foldLedger(b.entries, { today: '2026-03-02' });
    assert.equal(container(during, vial).status, 'in-use');
    assert.deepEqual(container(during, vial).openSessionIds, [SESSION]);
    b.waste({ sessionId: SESSION, patientId: PATIENT, wastedUg: 2_500, wastedUl: 50 });
    b.administration({ sessionId: SESSION, patientId: PATIENT, administeredUg: 97_500, drawnUg: 100_000 });
    const after = foldLedger(b.entries, { today: '2026-03-02' });
    assert.equal(container(after, vial).status, 'opened');
    assert.equal(container(after, vial).remainingUg, 400_000);
    assert.equal(container(after, vial).remainingUl, 8000);
  });
  it('quarantine and release', () => {
    const { b, vial } = oneVial();
    b.quarantine({ containerId: vial, lot: 'K1' });
    assert.equal(container(foldLedger(b.entries, { today: '2026-03-02' }), vial).status, 'quarantined');
    b.quarantine({ containerId: vial, lot: 'K1', release: true });
    assert.equal(container(foldLedger(b.entries, { today: '2026-03-02' }), vial).status, 'sealed');
  });
});

describe('session balance: drawn = administered + wasted, to the µg', () => {
  function drawn(): LedgerBuilder {
    const { b, vial } = oneVial();
    b.draw({
      containerId: vial,
      lot: 'K1',
      sessionId: SESSION,
      patientId: PATIENT,
      drawnUg: 100_000,
      drawnUl: 2000,
    });
    return b;
  }
  it('open while the waste is missing (chart dose 97.5 mg → 2.5 mg open)', () => {
    const view = foldLedger(drawn().entries, { today: '2026-03-02' });
    const balance = sessionBalance(view, SESSION, 97_500);
    assert.deepEqual(
      {
        drawn: balance.drawnUg,
        administered: balance.administeredUg,
        open: balance.openUg,
        balanced: balance.balanced,
      },
      { drawn: 100_000, administered: 97_500, open: 2_500, balanced: false },
    );
  });
  it('balanced by the exact waste', () => {
    const b = drawn();
    b.waste({ sessionId: SESSION, patientId: PATIENT, wastedUg: 2_500, wastedUl: 50 });
    const balance = sessionBalance(foldLedger(b.entries, { today: '2026-03-02' }), SESSION, 97_500);
    assert.equal(balance.openUg, 0);
    assert.equal(balance.balanced, true);
    assert.equal(balance.closed, false);
  });
  it('1 µg short is not balanced', () => {
    const b = drawn();
    b.waste({ sessionId: SESSION, patientId: PATIENT, wastedUg: 2_499, wastedUl: 50 });
    assert.equal(sessionBalance(foldLedger(b.entries, { today: '2026-03-02' }), SESSION, 97_500).openUg, 1);
  });
  it('a session that never drew balances at 0 = 0 + 0', () => {
    const balance = sessionBalance(foldLedger([], { today: '2026-03-02' }), SESSION, 0);
    assert.equal(balance.balanced, true);
    assert.equal(balance.drawnUg, 0);
  });
  it('waste beyond what was drawn is refused', () => {
    const b = drawn();
    assert.deepEqual(
      problemsOf(b, (x) =>
        x.waste({ sessionId: SESSION, patientId: PATIENT, wastedUg: 100_001, wastedUl: 2001 }),
      ),
      ['overdraw'],
    );
  });
  it('an administration entry that does not balance is refused', () => {
    const b = drawn();
    assert.deepEqual(
      problemsOf(b, (x) =>
        x.administration({
          sessionId: SESSION,
          patientId: PATIENT,
          administeredUg: 99_999,
          drawnUg: 100_000,
        }),
      ),
      ['session-unbalanced'],
    );
  });
  it('the recorded administration closes the session', () => {
    const b = drawn();
    b.waste({ sessionId: SESSION, patientId: PATIENT, wastedUg: 2_500, wastedUl: 50 });
    b.administration({ sessionId: SESSION, patientId: PATIENT, administeredUg: 97_500, drawnUg: 100_000 });
    const view = foldLedger(b.entries, { today: '2026-03-02' });
    const balance = sessionBalance(view, SESSION);
    assert.equal(balance.closed, true);
    assert.equal(balance.administeredUg, 97_500);
    assert.deepEqual(view.anomalies, []);
  });
});

describe('discrepancies, loss reports and corrections', () => {
  it('a resolved loss lowers the container and the lot by the difference', () => {
    const { b, vial } = oneVial();
    const opened = b.discrepancyOpened({
      containerId: vial,
      lot: 'K1',
      expectedUg: 500_000,
      countedUg: 450_000,
    });
    b.append(
      { kind: 'discrepancy-note', discrepancyId: opened.payload.discrepancyId, text: 'checked the fridge' },
      { deltaUg: 0 },
    );
    b.discrepancyResolved({
      discrepancyId: opened.payload.discrepancyId,
      classification: 'theft',
      adjustmentUg: -50_000,
    });
    const view = foldLedger(b.entries, { today: '2026-03-02' });
    assert.equal(container(view, vial).remainingUg, 450_000);
    assert.equal(container(view, vial).remainingUl, 9000);
    assert.equal(first(view.lots).correctionsUg, -50_000);
    assert.equal(first(view.lots).onHandUg, 450_000);
    const d = first(view.discrepancies);
    assert.equal(d.status, 'closed');
    assert.equal(d.notes.length, 1);
    assert.equal(d.resolution?.classification, 'theft');
    assert.deepEqual(view.anomalies, []);
  });
  it('a discrepancy cannot be resolved twice', () => {
    const { b, vial } = oneVial();
    const opened = b.discrepancyOpened({
      containerId: vial,
      lot: 'K1',
      expectedUg: 500_000,
      countedUg: 500_000,
    });
    b.discrepancyResolved({
      discrepancyId: opened.payload.discrepancyId,
      classification: 'counting-error',
      adjustmentUg: 0,
    });
    assert.deepEqual(
      problemsOf(b, (x) =>
        x.discrepancyResolved({
          discrepancyId: opened.payload.discrepancyId,
          classification: 'counting-error',
          adjustmentUg: 0,
        }),
      ),
      ['discrepancy-closed'],
    );
  });
  it('a loss report tracks its steps to completion', () => {
    const b = new LedgerBuilder();
    const reportId = testUuid(800);
    b.append(
      {
        kind: 'loss-report-opened',
        lossReportId: reportId,
        discrepancyId: null,
        discoveredOn: '2026-03-06',
        writtenNoticeDueOn: '2026-03-09',
        form106DueOn: '2026-04-20',
        quantityUg: 50_000,
        lot: 'K1',
        ndc: '0409-2051-05',
      },
      { deltaUg: 0 },
    );
    b.append(
      { kind: 'loss-report-step', lossReportId: reportId, step: 'written-notice-sent', on: '2026-03-09' },
      { deltaUg: 0 },
    );
    assert.equal(first(foldLedger(b.entries, { today: '2026-03-10' }).lossReports).status, 'open');
    b.append(
      {
        kind: 'loss-report-step',
        lossReportId: reportId,
        step: 'form-106-filed',
        on: '2026-03-20',
        reference: 'F106-1',
      },
      { deltaUg: 0 },
    );
    const report = first(foldLedger(b.entries, { today: '2026-03-20' }).lossReports);
    assert.equal(report.status, 'complete');
    assert.equal(report.writtenNoticeSentOn, '2026-03-09');
    assert.equal(report.form106FiledOn, '2026-03-20');
  });
  it('a correction refers to an earlier entry and moves the container and its lot', () => {
    const { b, vial } = oneVial();
    b.correction({ correctsSeq: 1, deltaUg: -1000, containerId: vial, lot: 'K1' });
    const view = foldLedger(b.entries, { today: '2026-03-02' });
    assert.equal(first(view.lots).onHandUg, 499_000);
    assert.equal(container(view, vial).remainingUg, 499_000);
    assert.equal(view.onHandUg, 499_000);
    assert.deepEqual(
      problemsOf(b, (x) => x.correction({ correctsSeq: 5, deltaUg: 0 })),
      ['correction-target-missing'],
    );
  });
  it('a correction cannot take a container below zero', () => {
    const { b, vial } = oneVial();
    assert.deepEqual(
      problemsOf(b, (x) => x.correction({ correctsSeq: 1, deltaUg: -500_001, containerId: vial, lot: 'K1' })),
      ['overdraw'],
    );
  });
  it('a stock correction must name a container (a lot alone would let lot and containers disagree)', () => {
    const { b } = oneVial();
    assert.deepEqual(
      problemsOf(b, (x) => x.correction({ correctsSeq: 1, deltaUg: -1, lot: 'K1' })),
      ['unknown-container'],
    );
  });
  it('a stored ledger that breaks the rules is folded with its anomalies named by seq', () => {
    const { b, vial } = oneVial();
    b.draw({
      containerId: vial,
      lot: 'K1',
      sessionId: SESSION,
      patientId: PATIENT,
      drawnUg: 600_000,
      drawnUl: 12_000,
    });
    const view = foldLedger(b.entries, { today: '2026-03-02' });
    assert.deepEqual(
      view.anomalies.map((a) => `${a.problem}@${a.seq}`),
      ['overdraw@2'],
    );
    assert.equal(first(view.lots).onHandUg, -100_000);
  });
});

describe('on-hand per lot = receipts − draws − destructions ± corrections (property)', () => {
  type Op =
    | { op: 'receipt'; lot: number; count: number; conc: number; volUl: number }
    | { op: 'draw'; c: number; ul: number; session: number }
    | { op: 'container-waste'; c: number; ul: number }
    | { op: 'destroy'; c: number }
    | { op: 'correct'; c: number; deltaUg: number };
  const LOTS = ['A', 'B', 'C'];
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      op: fc.constant('receipt' as const),
      lot: fc.integer({ min: 0, max: 2 }),
      count: fc.integer({ min: 1, max: 3 }),
      conc: fc.constantFrom(10_000, 50_000, 100_000),
      volUl: fc.constantFrom(1000, 5000, 10_000),
    }),
    fc.record({
      op: fc.constant('draw' as const),
      c: fc.nat(50),
      ul: fc.integer({ min: 1, max: 12_000 }),
      session: fc.nat(5),
    }),
    fc.record({
      op: fc.constant('container-waste' as const),
      c: fc.nat(50),
      ul: fc.integer({ min: 1, max: 12_000 }),
    }),
    fc.record({ op: fc.constant('destroy' as const), c: fc.nat(50) }),
    fc.record({
      op: fc.constant('correct' as const),
      c: fc.nat(50),
      deltaUg: fc.integer({ min: -200_000, max: 200_000 }),
    }),
  );

  it('holds for random receipts, draws, wastes, destructions and corrections; refused entries leave nothing negative', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const b = new LedgerBuilder();
        const fold = createLedgerFold();
        const model = new Map<
          string,
          { received: number; drawn: number; destroyed: number; corrections: number }
        >();
        const remaining = new Map<string, number>();
        const gone = new Set<string>();
        const containers: { id: string; lot: string; conc: number }[] = [];
        const lotModel = (lot: string) => {
          const m = model.get(lot) ?? { received: 0, drawn: 0, destroyed: 0, corrections: 0 };
          model.set(lot, m);
          return m;
        };
        const tryAppend = (entry: LedgerEntry, shouldAccept: boolean): boolean => {
          const problems = checkLedgerEntry(fold, entry);
          assert.equal(
            problems.length === 0,
            shouldAccept,
            `${entry.kind}: ${problems.map((p) => p.message).join('; ')}`,
          );
          if (problems.length > 0) {
            b.entries.pop();
            return false;
          }
          applyLedgerEntry(fold, entry);
          return true;
        };
        for (const op of ops) {
          switch (op.op) {
            case 'receipt': {
              const lot = LOTS[op.lot] ?? 'A';
              const e = b.receipt({
                lot,
                containerCount: op.count,
                concentrationUgPerMl: op.conc,
                volumeUlPerContainer: op.volUl,
              });
              if (!tryAppend(e, true)) break;
              const content = (op.conc * op.volUl) / 1000;
              lotModel(lot).received += op.count * content;
              for (const id of e.payload.containerIds) {
                containers.push({ id, lot, conc: op.conc });
                remaining.set(id, content);
              }
              break;
            }
            case 'draw':
            case 'container-waste': {
              const c = containers[op.c % Math.max(1, containers.length)];
              if (c === undefined) break;
              const ug = (op.ul * c.conc) / 1000;
              const left = remaining.get(c.id) ?? 0;
              const ok = !gone.has(c.id) && ug <= left;
              const e =
                op.op === 'draw'
                  ? b.draw({
                      containerId: c.id,
                      lot: c.lot,
                      sessionId: testUuid(900 + op.session),
                      patientId: PATIENT,
                      drawnUg: ug,
                      drawnUl: op.ul,
                    })
                  : b.containerWaste({ containerId: c.id, lot: c.lot, wastedUg: ug, wastedUl: op.ul });
              if (!tryAppend(e, ok)) break;
              remaining.set(c.id, left - ug);
              if (op.op === 'draw') lotModel(c.lot).drawn += ug;
              else lotModel(c.lot).destroyed += ug;
              break;
            }
            case 'destroy': {
              const c = containers[op.c % Math.max(1, containers.length)];
              if (c === undefined) break;
              const left = remaining.get(c.id) ?? 0;
              const ul = Math.round((left * 1000) / c.conc);
              const e = b.destruction({
                lines: [{ containerId: c.id, quantityUg: left, quantityUl: ul }],
                lot: c.lot,
              });
              if (!tryAppend(e, !gone.has(c.id))) break;
              gone.add(c.id);
              remaining.set(c.id, 0);
              lotModel(c.lot).destroyed += left;
              break;
            }
            case 'correct': {
              const c = containers[op.c % Math.max(1, containers.length)];
              if (c === undefined) break;
              const left = remaining.get(c.id) ?? 0;
              const ok = op.deltaUg === 0 || (!gone.has(c.id) && left + op.deltaUg >= 0);
              const e = b.correction({
                correctsSeq: b.entries.length,
                deltaUg: op.deltaUg,
                containerId: c.id,
                lot: c.lot,
              });
              if (!tryAppend(e, ok)) break;
              remaining.set(c.id, left + op.deltaUg);
              lotModel(c.lot).corrections += op.deltaUg;
              break;
            }
          }
        }
        const view = ledgerView(fold, { today: '2026-03-02' });
        let total = 0;
        for (const lot of view.lots) {
          const m = lotModel(lot.lot);
          assert.equal(lot.onHandUg, m.received - m.drawn - m.destroyed + m.corrections, `lot ${lot.lot}`);
          assert.equal(lot.onHandUg, lot.receivedUg - lot.drawnUg - lot.destroyedUg + lot.correctionsUg);
          assert.ok(lot.onHandUg >= 0, `lot ${lot.lot} on hand ${lot.onHandUg}`);
          total += lot.onHandUg;
        }
        for (const c of view.containers) {
          assert.ok(c.remainingUg >= 0, `container ${c.label}`);
          assert.equal(c.remainingUg, remaining.get(c.containerId));
        }
        assert.equal(view.onHandUg, total);
        assert.equal(
          view.onHandUg,
          b.entries.reduce((s, e) => s + e.deltaUg, 0),
        );
        assert.deepEqual(view.anomalies, []);
        assert.deepEqual(foldLedger(b.entries, { today: '2026-03-02' }), view);
      }),
      { numRuns: 200 },
    );
  });
});
