/**
 * The ledger work of one write or stock read at a location with two years of history, as the server does it
 * now (the kept fold forked, the new entry applied, the view read) beside what it replaced (every entry of
 * the location folded again). Workload: 104 weeks, each one receipt of 50 vials (50 mg/mL × 10 mL) and 50
 * sessions that draw, administer and waste (REFERENCE §9 records, built with @ketapath/ledger's builders).
 */
import { performance } from 'node:perf_hooks';
import {
  applyLedgerEntry,
  createLedgerFold,
  forkLedgerFold,
  ledgerView,
  type LedgerFold,
} from '@ketapath/ledger';
import { LedgerBuilder } from '@ketapath/ledger/testing';

const WEEKS = 104;
const VIALS_PER_WEEK = 50;
const WRITES = 300;
const TODAY = '2028-03-01';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function report(label: string, samples: number[]): number {
  samples.sort((a, b) => a - b);
  const p50 = percentile(samples, 50);
  console.log(
    `  ${label}: p50 ${p50.toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms (${samples.length} runs)`,
  );
  return p50;
}

export function run(): Promise<void> {
  const b = new LedgerBuilder({ startAt: '2026-03-02T08:00:00.000Z' });
  for (let w = 0; w < WEEKS; w++) {
    const lot = `L${w}`;
    const r = b.receipt({ lot, containerCount: VIALS_PER_WEEK, expiresOn: '2028-12-31' });
    r.payload.containerIds.forEach((containerId, s) => {
      const sessionId = b.uuid();
      const patientId = b.uuid();
      b.draw({ containerId, lot, sessionId, patientId, drawnUg: 100_000, drawnUl: 2000 });
      b.waste({ sessionId, patientId, wastedUg: 20_000 + s, wastedUl: 400 });
      b.administration({ sessionId, patientId, administeredUg: 80_000 - s, drawnUg: 100_000 });
    });
  }
  const history = b.entries.slice();
  // The writes measured: quarantine and release of the newest vials, each one entry after the history.
  const newest = b.entries.filter((e) => e.kind === 'receipt').at(-1);
  const vial = newest?.payload.kind === 'receipt' ? newest.payload.containerIds[0] : undefined;
  if (vial === undefined) throw new Error('no vial');
  for (let i = 0; i < WRITES; i++)
    b.quarantine({ containerId: vial, lot: `L${WEEKS - 1}`, release: i % 2 === 1 });
  const writes = b.entries.slice(history.length);
  const folded = createLedgerFold();
  for (const e of history) applyLedgerEntry(folded, e);
  const view = ledgerView(folded, { today: TODAY });
  console.log(
    `workload: one location, ${WEEKS} weeks: ${history.length} entries, ${view.containers.length} containers, ` +
      `${view.sessions.length} sessions; ${WRITES} writes (quarantine/release) after it, one entry each`,
  );

  // Before: each write (and each stock read) folded the location's whole chain.
  const refold: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const f = createLedgerFold();
    for (const e of history) applyLedgerEntry(f, e);
    for (const e of writes.slice(0, i)) applyLedgerEntry(f, e);
    refold.push(performance.now() - t0);
  }
  const before = report('whole chain folded again (before)', refold);

  // Now: the kept fold forked, the entry applied; committed, the fork is the new kept fold.
  let kept: LedgerFold = folded;
  const fork: number[] = [];
  for (const e of writes) {
    const t0 = performance.now();
    const f = forkLedgerFold(kept);
    applyLedgerEntry(f, e);
    fork.push(performance.now() - t0);
    kept = f;
  }
  const now = report('kept fold forked + the entry applied (now)', fork);

  // Both paths then read the view (a write reads it before and after; a stock read once).
  const views: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    ledgerView(kept, { today: TODAY });
    views.push(performance.now() - t0);
  }
  const viewMs = report(`the view read (${view.containers.length} containers)`, views);
  console.log(
    `  per write, fold work: ${before.toFixed(1)} ms → ${now.toFixed(2)} ms (×${(before / Math.max(now, 0.001)).toFixed(0)} less); ` +
      `with two view reads: ${(before + 2 * viewMs).toFixed(1)} ms → ${(now + 2 * viewMs).toFixed(1)} ms`,
  );
  return Promise.resolve();
}
