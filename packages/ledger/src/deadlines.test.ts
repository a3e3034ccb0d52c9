import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InventoryType } from '@ketapath/core';
import {
  earliestDiscardOn,
  FEDERAL_MIN_RETENTION_YEARS,
  inventoryDue,
  lossReportDeadlines,
  mayDiscard,
} from './deadlines.js';
import type { InventoryRecord } from './types.js';

// Defaults from REFERENCE §9 [S27] (ledger.loss-notice-business-days, ledger.loss-report-days).
const FEDERAL = { noticeBusinessDays: 1, reportDays: 45 };

describe('§9 Theft or significant loss: written notice within 1 business day, Form 106 within 45 days', () => {
  const rows: [string, string, readonly string[], string, string][] = [
    ['discovered Thursday → notice due Friday', '2026-03-05', [], '2026-03-06', '2026-04-19'],
    ['discovered Friday → notice due Monday (weekend skipped)', '2026-03-06', [], '2026-03-09', '2026-04-20'],
    ['discovered Saturday → notice due Monday', '2026-03-07', [], '2026-03-09', '2026-04-21'],
    ['discovered Sunday → notice due Monday', '2026-03-08', [], '2026-03-09', '2026-04-22'],
    [
      'discovered Friday, the Monday listed as a holiday → notice due Tuesday',
      '2026-03-06',
      ['2026-03-09'],
      '2026-03-10',
      '2026-04-20',
    ],
    [
      'discovered Thursday 24 Dec, Friday 25 Dec listed → notice due Monday 28 Dec',
      '2026-12-24',
      ['2026-12-25'],
      '2026-12-28',
      '2027-02-07',
    ],
    [
      'a public holiday the clinic did not list is a business day (Thursday 31 Dec → Friday 1 Jan)',
      '2026-12-31',
      [],
      '2027-01-01',
      '2027-02-14',
    ],
  ];
  for (const [name, discoveredOn, closed, noticeDue, formDue] of rows) {
    it(name, () => {
      const d = lossReportDeadlines(discoveredOn, FEDERAL, closed);
      assert.equal(d.writtenNoticeDueOn, noticeDue);
      assert.equal(d.form106DueOn, formDue);
      assert.match(d.basis, /Public holidays are counted as business days/);
    });
  }
  it('says which days were skipped and why', () => {
    const d = lossReportDeadlines('2026-03-06', FEDERAL, ['2026-03-09']);
    assert.deepEqual(d.skipped, [
      { date: '2026-03-07', reason: 'weekend' },
      { date: '2026-03-08', reason: 'weekend' },
      { date: '2026-03-09', reason: 'clinic-non-business-day' },
    ]);
  });
  it('day 45 is the last day: discovered 2026-03-06 → Form 106 due 2026-04-20, not the 19th or 21st', () => {
    assert.equal(lossReportDeadlines('2026-03-06', FEDERAL).form106DueOn, '2026-04-20');
  });
  it('a state that wants notice the same day (0 business days) → the discovery date', () => {
    assert.equal(
      lossReportDeadlines('2026-03-06', { noticeBusinessDays: 0, reportDays: 45 }).writtenNoticeDueOn,
      '2026-03-06',
    );
  });
  it('refuses a non-business date that is not a calendar date', () => {
    assert.throws(() => lossReportDeadlines('2026-03-06', FEDERAL, ['2026-02-30']), RangeError);
  });
});

function inventory(type: InventoryType, takenOn: string, n = 1): InventoryRecord {
  return {
    inventoryId: `inv-${n}`,
    seq: n,
    type,
    takenAt: 'opening',
    takenOn,
    lines: [],
    zero: true,
    recordedBy: 'u',
    witnessIds: [],
  };
}

describe('§9 Initial and biennial inventory (21 CFR 1304.11): due 24 months after the last one', () => {
  it('no inventory yet → an initial inventory is needed', () => {
    assert.deepEqual(inventoryDue([], 24), { basis: null, dueOn: null, needsInitial: true });
  });
  const rows: [string, InventoryRecord[], number, string][] = [
    ['initial 2026-03-02 → due 2028-03-02', [inventory('initial', '2026-03-02')], 24, '2028-03-02'],
    [
      'the latest biennial counts, not the initial',
      [inventory('initial', '2024-01-15', 1), inventory('biennial', '2025-11-30', 2)],
      24,
      '2027-11-30',
    ],
    ['a leap day ends on 28 February', [inventory('initial', '2024-02-29')], 24, '2026-02-28'],
    ['a state asking for 12 months', [inventory('annual', '2026-03-02')], 12, '2027-03-02'],
    [
      "an 'other' inventory does not restart the interval",
      [inventory('initial', '2026-03-02', 1), inventory('other', '2027-01-10', 2)],
      24,
      '2028-03-02',
    ],
  ];
  for (const [name, records, months, dueOn] of rows)
    it(name, () => {
      assert.equal(inventoryDue(records, months).dueOn, dueOn);
    });
});

describe('§9 Retention: at least 2 years (21 U.S.C. 827(b); 21 CFR 1304.04(a))', () => {
  it('the federal minimum is 2 years', () => {
    assert.equal(FEDERAL_MIN_RETENTION_YEARS, 2);
  });
  const rows: [string, string, number, string, boolean][] = [
    ['kept through the 2-year anniversary (2026-03-01 for 2024-03-01)', '2024-03-01', 2, '2026-03-01', false],
    ['discardable from the day after', '2024-03-01', 2, '2026-03-02', true],
    ['a state asking for 3 years: not on the 2-year day after', '2024-03-01', 3, '2026-03-02', false],
    ['a state asking for 3 years: from 2027-03-02', '2024-03-01', 3, '2027-03-02', true],
    ['a leap-day record: kept through 2026-02-28', '2024-02-29', 2, '2026-02-28', false],
  ];
  for (const [name, recordOn, years, today, expected] of rows)
    it(name, () => {
      assert.equal(mayDiscard(recordOn, today, years), expected);
    });
  it('earliest discard date', () => {
    assert.equal(earliestDiscardOn('2024-03-01', 2), '2026-03-02');
  });
  it('never less than the federal 2 years', () => {
    assert.throws(() => earliestDiscardOn('2024-03-01', 1), /at least 2 years/);
    assert.throws(() => earliestDiscardOn('2024-03-01', 2.5), RangeError);
  });
});
