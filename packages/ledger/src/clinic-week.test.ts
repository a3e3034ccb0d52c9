/**
 * A week of a simulated clinic, pure: receipts of two lots, 50 four-hour infusions (REFERENCE §1.2/§2.1: the
 * CRPS regimen of 0.35 mg/kg/h over 4 hours) each drawing from vials, administered by its exact rate history,
 * with the remainder wasted under a witness; a count with a planted shortfall caught the same day and taken
 * to a loss report (§9 Theft or significant loss); a lot that expires mid-week and is refused, then
 * destroyed on site with two witnesses (§9 Destruction of stock). The books balance to the microgram.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { administeredDose } from '@ketapath/charting';
import {
  evaluateLedger,
  getParameter,
  type ClinicSettings,
  type LedgerContainerFacts,
} from '@ketapath/clinical-rules';
import type { LedgerEntry } from '@ketapath/core';
import { compareCount, resolutionAdjustmentUg } from './count.js';
import { lossReportDeadlines } from './deadlines.js';
import {
  applyLedgerEntry,
  checkLedgerEntry,
  createLedgerFold,
  foldLedger,
  forkLedgerFold,
  ledgerView,
  sessionBalance,
} from './fold.js';
import { verifyChain } from './hash-chain.js';
import { roundAdministeredDose, ugInVolumeRounded } from './quantities.js';
import { LedgerBuilder, testUuid } from './testing/builders.js';
import type { ContainerState, LedgerView } from './types.js';

const sha256hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const NURSE = testUuid(3);
const WITNESS = testUuid(4);
const PHYSICIAN = testUuid(5);
const SETTINGS: ClinicSettings = { 'ledger.waste-witness-required': true, 'ledger.count-interval-hours': 24 };
const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
/** REFERENCE §2.1: CRPS, 0.35 mg/kg/h over 4 hours. */
const RATE_MG_PER_KG_PER_H = 0.35;
const HOURS = 4;
const BAG_ML = 100;

function numberParam(id: string): number {
  const p = getParameter(id);
  if (p?.kind !== 'number' || p.default === null) throw new Error(`${id} has no number default`);
  return p.default;
}

function facts(c: ContainerState): LedgerContainerFacts {
  return {
    containerId: c.containerId,
    label: c.label,
    lot: c.lot,
    status: c.status,
    expiresOn: c.expiresOn,
    remainingUg: c.remainingUg,
  };
}

describe('a week of a clinic', () => {
  /** The week's entries, as the first test builds and checks them. */
  let week: readonly LedgerEntry[] = [];

  it('balances to the microgram and catches the planted discrepancy the day it is counted', () => {
    const b = new LedgerBuilder({ sha256hex, recordedBy: NURSE });
    const fold = createLedgerFold();
    const append = (entry: LedgerEntry): LedgerEntry => {
      assert.deepEqual(checkLedgerEntry(fold, entry), [], `${entry.kind} at seq ${entry.seq}`);
      applyLedgerEntry(fold, entry);
      return entry;
    };
    const viewOn = (today: string): LedgerView => ledgerView(fold, { today });

    // Monday: initial (zero) inventory at opening, then two receipts.
    append(b.inventory({ type: 'initial', takenOn: DAYS[0] ?? '' }, { at: '2026-03-02T07:30:00.000Z' }));
    const lotA = append(
      b.receipt(
        {
          lot: 'A-2291',
          containerCount: 20,
          concentrationUgPerMl: 50_000,
          volumeUlPerContainer: 10_000,
          expiresOn: '2026-12-31',
        },
        { at: '2026-03-02T08:00:00.000Z' },
      ),
    );
    const lotB = append(
      b.receipt(
        {
          lot: 'B-0107',
          containerCount: 10,
          concentrationUgPerMl: 10_000,
          volumeUlPerContainer: 10_000,
          expiresOn: '2026-03-04',
        },
        { at: '2026-03-02T08:05:00.000Z' },
      ),
    );
    assert.equal(lotA.deltaUg, 10_000_000);
    assert.equal(lotB.deltaUg, 1_000_000);

    let drawnTotalUg = 0;
    let administeredTotalUg = 0;
    let wastedTotalUg = 0;
    const drawnByLot = new Map<string, number>([
      ['A-2291', 0],
      ['B-0107', 0],
    ]);
    let refusedExpiredDraws = 0;

    for (let i = 0; i < 50; i += 1) {
      const day = DAYS[Math.floor(i / 10)] ?? '';
      const startMs = Date.parse(`${day}T09:00:00.000Z`) + (i % 10) * 40 * 60_000;
      const iso = (ms: number) => new Date(ms).toISOString();
      const sessionId = testUuid(10_000 + i);
      const patientId = testUuid(20_000 + i);
      const weightKg = 50 + (i % 40);
      // The bag: weight × 0.35 mg/kg/h × 4 h, in 100 mL, run at 25 mL/h.
      const drawnUg = Math.round(weightKg * RATE_MG_PER_KG_PER_H * HOURS * 1000);
      const lot = i < 30 && i % 3 === 0 ? 'B-0107' : 'A-2291';

      // Thursday morning someone reaches for lot B: it expired after 2026-03-04 and is refused.
      if (i === 30) {
        const b0 = viewOn(day).containers.find((c) => c.lot === 'B-0107' && c.remainingUg > 0);
        assert.ok(b0);
        const refused = evaluateLedger(
          {
            operation: 'draw',
            today: day,
            now: iso(startMs),
            actorId: NURSE,
            sessionId,
            container: facts(b0),
            drawnUg: 1000,
          },
          SETTINGS,
        );
        assert.equal(refused.blocked, true);
        assert.deepEqual(
          refused.findings.map((f) => f.ruleId),
          ['ledger/container-not-expired'],
        );
        refusedExpiredDraws += 1;
      }

      // Draw the bag's drug from as many vials of the lot as it takes.
      let needUg = drawnUg;
      while (needUg > 0) {
        const c = viewOn(day).containers.find(
          (x) => x.lot === lot && x.remainingUg > 0 && x.status !== 'expired' && x.status !== 'quarantined',
        );
        assert.ok(c, `no stock in ${lot} for session ${i}`);
        const takeUg = Math.min(needUg, c.remainingUg);
        const check = evaluateLedger(
          {
            operation: 'draw',
            today: day,
            now: iso(startMs),
            actorId: NURSE,
            sessionId,
            container: facts(c),
            drawnUg: takeUg,
          },
          SETTINGS,
        );
        assert.equal(check.blocked, false, check.findings.map((f) => f.message).join('; '));
        append(
          b.draw(
            {
              containerId: c.containerId,
              lot,
              sessionId,
              patientId,
              drawnUg: takeUg,
              drawnUl: (takeUg * 1000) / c.concentrationUgPerMl,
            },
            { at: iso(startMs) },
          ),
        );
        needUg -= takeUg;
        drawnByLot.set(lot, (drawnByLot.get(lot) ?? 0) + takeUg);
      }

      // The infusion: 4 h at 25 mL/h; every 4th paused 10 min; every 7th stopped 17 s short of 3 h.
      const bag = { drugMg: drawnUg / 1000, volumeMl: BAG_ML };
      const rateMlPerH = BAG_ML / HOURS;
      const endMs = i % 7 === 0 ? startMs + 3 * 3_600_000 - 17_000 : startMs + HOURS * 3_600_000;
      const segments =
        i % 4 === 0
          ? [
              { fromIso: iso(startMs), toIso: iso(startMs + 3_600_000), rateMlPerH, bag },
              { fromIso: iso(startMs + 4_200_000), toIso: iso(endMs), rateMlPerH, bag },
            ]
          : [{ fromIso: iso(startMs), toIso: iso(endMs), rateMlPerH, bag }];
      const { administeredUg, administeredExact } = roundAdministeredDose(administeredDose(segments, null));
      const wasteUg = drawnUg - administeredUg;
      assert.ok(wasteUg >= 0);

      if (wasteUg > 0) {
        const before = sessionBalance(viewOn(day), sessionId, administeredUg);
        const check = evaluateLedger(
          {
            operation: 'waste',
            today: day,
            now: iso(endMs),
            actorId: NURSE,
            witnessIds: [WITNESS],
            sessionId,
            drawnUg: before.drawnUg,
            administeredUg,
            wastedSoFarUg: before.wastedUg,
            wastedUg: wasteUg,
          },
          SETTINGS,
        );
        assert.equal(check.blocked, false, check.findings.map((f) => f.message).join('; '));
        append(
          b.waste(
            {
              sessionId,
              patientId,
              wastedUg: wasteUg,
              wastedUl: Math.max(1, Math.round((wasteUg * BAG_ML * 1000) / drawnUg)),
            },
            { at: iso(endMs), witnessIds: [WITNESS] },
          ),
        );
      }

      const balance = sessionBalance(viewOn(day), sessionId, administeredUg);
      const close = evaluateLedger(
        {
          operation: 'close-session',
          today: day,
          now: iso(endMs),
          sessionId,
          drawnUg: balance.drawnUg,
          administeredUg,
          wastedUg: balance.wastedUg,
        },
        SETTINGS,
      );
      assert.equal(close.blocked, false, close.findings.map((f) => f.message).join('; '));
      append(
        b.administration(
          { sessionId, patientId, administeredUg, administeredExact, drawnUg: balance.drawnUg },
          { at: iso(endMs) },
        ),
      );
      drawnTotalUg += drawnUg;
      administeredTotalUg += administeredUg;
      wastedTotalUg += wasteUg;

      // Wednesday after the last session: the count, with one vial 0.5 mL short on the shelf.
      if (i === 29) {
        const view = viewOn(DAYS[2] ?? '');
        const planted = view.containers.find((c) => c.lot === 'A-2291' && c.opened && c.remainingUl >= 500);
        assert.ok(planted);
        const lines = view.containers
          .filter((c) => c.status !== 'destroyed' && c.remainingUg > 0)
          .map((c) =>
            c.opened
              ? {
                  containerId: c.containerId,
                  countedUl: c.containerId === planted.containerId ? c.remainingUl - 500 : c.remainingUl,
                  estimated: true,
                }
              : { containerId: c.containerId, countedContainers: 1 as const, estimated: false },
          );
        const result = compareCount(view, lines);
        assert.deepEqual(result.problems, []);
        assert.deepEqual(result.notCounted, []);
        assert.equal(result.discrepancyUg, -25_000);
        assert.equal(result.discrepancies.length, 1);
        const found = result.discrepancies[0];
        assert.ok(found);
        assert.equal(found.containerId, planted.containerId);
        assert.equal(ugInVolumeRounded(500, planted.concentrationUgPerMl), 25_000);

        const countAt = '2026-03-04T18:30:00.000Z';
        append(b.count(result.lines, { at: countAt }));
        const opened = append(
          b.discrepancyOpened(
            {
              containerId: found.containerId,
              lot: found.lot,
              expectedUg: found.expectedUg,
              countedUg: found.countedUg,
            },
            { at: countAt },
          ),
        );
        if (opened.payload.kind !== 'discrepancy-opened') throw new Error('not a discrepancy');
        const discrepancyId = opened.payload.discrepancyId;
        const adjustmentUg = resolutionAdjustmentUg('significant-loss', found.differenceUg);
        append(
          b.discrepancyResolved(
            { discrepancyId, classification: 'significant-loss', adjustmentUg },
            { at: '2026-03-04T19:00:00.000Z', recordedBy: PHYSICIAN },
          ),
        );
        // §9: written notice within 1 business day, Form 106 within 45 days of discovery.
        const deadlines = lossReportDeadlines(DAYS[2] ?? '', {
          noticeBusinessDays: numberParam('ledger.loss-notice-business-days'),
          reportDays: numberParam('ledger.loss-report-days'),
        });
        assert.deepEqual(
          [deadlines.writtenNoticeDueOn, deadlines.form106DueOn],
          ['2026-03-05', '2026-04-18'],
        );
        const lossReportId = testUuid(30_000);
        append(
          b.append(
            {
              kind: 'loss-report-opened',
              lossReportId,
              discrepancyId,
              discoveredOn: deadlines.discoveredOn,
              writtenNoticeDueOn: deadlines.writtenNoticeDueOn,
              form106DueOn: deadlines.form106DueOn,
              quantityUg: -found.differenceUg,
              lot: found.lot,
              ndc: '0409-2051-05',
            },
            { deltaUg: 0, at: '2026-03-04T19:01:00.000Z', recordedBy: PHYSICIAN },
          ),
        );
        append(
          b.append(
            {
              kind: 'loss-report-step',
              lossReportId,
              step: 'written-notice-sent',
              on: '2026-03-05',
              reference: 'email to field division',
            },
            { deltaUg: 0, at: '2026-03-05T08:00:00.000Z', recordedBy: PHYSICIAN },
          ),
        );
      }
    }
    assert.equal(refusedExpiredDraws, 1);

    // Thursday's stock status: lot B expired after 2026-03-04 and still on the shelf; Form 106 outstanding.
    const thursday = viewOn(DAYS[3] ?? '');
    const status = evaluateLedger(
      {
        operation: 'status',
        today: DAYS[3] ?? '',
        now: '2026-03-05T17:00:00.000Z',
        containers: thursday.containers.map(facts),
        lastCountAt: thursday.lastCountAt,
        lastInventory: { type: 'initial', takenOn: DAYS[0] ?? '' },
        lossReports: thursday.lossReports.map((r) => ({
          lossReportId: r.lossReportId,
          discoveredOn: r.discoveredOn,
          writtenNoticeSentOn: r.writtenNoticeSentOn,
          form106FiledOn: r.form106FiledOn,
        })),
        nonBusinessDates: [],
      },
      SETTINGS,
    );
    // Counted 22.5 h ago (no count due at 24 h); the clinic has not set an expiry-warning period yet.
    assert.deepEqual(
      status.findings.map((f) => [f.ruleId, f.severity, f.unconfigured ?? []]),
      [
        ['ledger/expiry-soon', 'needs-ack', ['ledger.expiry-warning-days']],
        ['ledger/expired-in-stock', 'warn', []],
        ['ledger/loss-report-deadlines', 'warn', []],
      ],
    );
    assert.match(status.findings[2]?.message ?? '', /File DEA Form 106 electronically by 2026-04-18/);
    assert.equal(status.blocked, false);
    const leftInB = thursday.containers.filter((c) => c.lot === 'B-0107' && c.remainingUg > 0);
    const leftInBUg = leftInB.reduce((s, c) => s + c.remainingUg, 0);
    assert.equal(leftInBUg, 1_000_000 - (drawnByLot.get('B-0107') ?? 0));
    assert.ok(leftInB.every((c) => c.status === 'expired'));

    // Friday: lot B's remainder destroyed on site before two witnesses (§9, 21 CFR 1317.90, DEA Form 41).
    const destroy = evaluateLedger(
      {
        operation: 'destruction',
        today: DAYS[4] ?? '',
        now: '2026-03-06T17:00:00.000Z',
        actorId: NURSE,
        witnessIds: [WITNESS, PHYSICIAN],
        mode: 'on-site',
        containers: leftInB.map(facts),
      },
      SETTINGS,
    );
    assert.deepEqual(destroy, { findings: [], blocked: false });
    append(
      b.destruction(
        {
          lines: leftInB.map((c) => ({
            containerId: c.containerId,
            quantityUg: c.remainingUg,
            quantityUl: c.remainingUl,
          })),
          lot: 'B-0107',
          destroyedOn: DAYS[4] ?? '',
        },
        { at: '2026-03-06T17:05:00.000Z', witnessIds: [WITNESS, PHYSICIAN] },
      ),
    );

    // The books, to the microgram.
    const friday = foldLedger(b.entries, { today: DAYS[4] ?? '' });
    assert.deepEqual(friday.anomalies, []);
    assert.equal(drawnTotalUg, 4_655_000);
    assert.equal(administeredTotalUg + wastedTotalUg, drawnTotalUg);
    assert.equal(friday.sessions.length, 50);
    for (const s of friday.sessions) {
      assert.equal(s.closed, true, s.sessionId);
      assert.equal(s.openUg, 0, s.sessionId);
      assert.equal(s.drawnUg, (s.administeredUg ?? 0) + s.wastedUg);
    }
    assert.equal(
      friday.sessions.reduce((sum, s) => sum + (s.administeredUg ?? 0), 0),
      administeredTotalUg,
    );
    const a = friday.lots.find((l) => l.lot === 'A-2291');
    const bLot = friday.lots.find((l) => l.lot === 'B-0107');
    assert.ok(a && bLot);
    const drawnA = drawnByLot.get('A-2291') ?? 0;
    const drawnB = drawnByLot.get('B-0107') ?? 0;
    assert.equal(drawnA + drawnB, 4_655_000);
    assert.equal(drawnB, 889_000);
    assert.deepEqual(
      {
        received: a.receivedUg,
        drawn: a.drawnUg,
        destroyed: a.destroyedUg,
        corrections: a.correctionsUg,
        onHand: a.onHandUg,
      },
      {
        received: 10_000_000,
        drawn: drawnA,
        destroyed: 0,
        corrections: -25_000,
        onHand: 10_000_000 - drawnA - 25_000,
      },
    );
    assert.deepEqual(
      {
        received: bLot.receivedUg,
        drawn: bLot.drawnUg,
        destroyed: bLot.destroyedUg,
        corrections: bLot.correctionsUg,
        onHand: bLot.onHandUg,
      },
      { received: 1_000_000, drawn: 889_000, destroyed: 111_000, corrections: 0, onHand: 0 },
    );
    assert.equal(friday.onHandUg, 10_000_000 - drawnA - 25_000);
    assert.equal(
      friday.containers.filter((c) => c.lot === 'A-2291').reduce((s, c) => s + c.remainingUg, 0),
      a.onHandUg,
    );
    assert.ok(
      friday.containers
        .filter((c) => c.lot === 'B-0107')
        .every((c) => c.status === 'destroyed' || c.status === 'empty'),
    );
    const discrepancy = friday.discrepancies[0];
    assert.ok(discrepancy);
    assert.deepEqual(
      [
        discrepancy.differenceUg,
        discrepancy.status,
        discrepancy.resolution?.classification,
        discrepancy.lossReportId,
      ],
      [-25_000, 'closed', 'significant-loss', testUuid(30_000)],
    );
    const head = b.entries.at(-1);
    assert.ok(head);
    assert.deepEqual(verifyChain(b.entries, sha256hex, { lastSeq: head.seq, lastHash: head.hash }), {
      ok: true,
      entries: b.entries.length,
      headHash: head.hash,
    });
    week = b.entries;
  });

  it('forked at any entry, the fork reaches the whole week and the fold it came from stays as it was', () => {
    assert.ok(week.length > 100, `the first test built the week (${week.length} entries)`);
    const today = DAYS[4] ?? '';
    // Friday evening adds the kinds the week lacks, so every change a fork copies first is met.
    const b = new LedgerBuilder({ startAt: '2026-03-06T18:00:00.000Z', firstId: 90_000 });
    b.entries.push(...week);
    const shelf = foldLedger(week, { today }).containers.filter(
      (c) => c.lot === 'A-2291' && c.remainingUg >= 100_000,
    );
    const [v1, v2] = shelf;
    assert.ok(v1 && v2, 'two A vials with 100 mg or more left');
    b.quarantine({ containerId: v1.containerId, lot: v1.lot });
    b.quarantine({ containerId: v1.containerId, lot: v1.lot, release: true });
    b.containerWaste({ containerId: v2.containerId, lot: v2.lot, wastedUg: 50_000, wastedUl: 1000 });
    const opened = b.discrepancyOpened({
      containerId: v1.containerId,
      lot: v1.lot,
      expectedUg: v1.remainingUg,
      countedUg: v1.remainingUg - 1000,
    });
    b.append(
      {
        kind: 'discrepancy-note',
        discrepancyId: opened.payload.discrepancyId,
        text: 'Pharmacy asked to recount',
      },
      { deltaUg: 0 },
    );
    b.correction({ correctsSeq: week.length + 3, deltaUg: 10_000, containerId: v2.containerId, lot: v2.lot });
    const entries = b.entries;
    const whole = foldLedger(entries, { today });
    assert.deepEqual(whole.anomalies, []);
    const kinds = new Set(entries.map((e) => e.kind));
    assert.equal(kinds.size, 16, `the week has ${[...kinds].join(', ')}`);
    for (let k = 0; k <= entries.length; k += 1) {
      const parent = createLedgerFold();
      for (const e of entries.slice(0, k)) applyLedgerEntry(parent, e);
      const parentBefore = ledgerView(parent, { today });
      const fork = forkLedgerFold(parent);
      const sibling = forkLedgerFold(parent);
      for (const e of entries.slice(k)) applyLedgerEntry(fork, e);
      assert.deepEqual(ledgerView(fork, { today }), whole, `forked after seq ${k}`);
      assert.deepEqual(ledgerView(parent, { today }), parentBefore, `the parent, forked after seq ${k}`);
      assert.deepEqual(ledgerView(sibling, { today }), parentBefore, `a second fork, after seq ${k}`);
      const next = entries[k];
      if (next !== undefined)
        assert.throws(() => {
          applyLedgerEntry(parent, next);
        }, /forked and is read-only/);
    }
    // A chain of forks, each taking a few entries, as a server keeps a location's fold from write to write.
    let kept = createLedgerFold();
    entries.forEach((e, i) => {
      if (i % 3 === 0) kept = forkLedgerFold(kept);
      applyLedgerEntry(kept, e);
    });
    assert.deepEqual(ledgerView(kept, { today }), whole);
  });
});
