import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiscrepancyClassification } from '@ketapath/core';
import { compareCount, expectedOnHand, opensLossReport, resolutionAdjustmentUg } from './count.js';
import { foldLedger } from './fold.js';
import {
  ESTIMATE_MAX_DOSAGE_UNITS,
  inventoryFromCount,
  isEstimateAllowed,
  strengthLabel,
} from './inventory.js';
import { LedgerBuilder, testUuid } from './testing/builders.js';
import type { LedgerView } from './types.js';

/** Three 10 mL vials of 50 mg/mL (lot K1): one opened with 8 mL left, one sealed, one destroyed. */
function shelf(): { view: LedgerView; opened: string; sealed: string; destroyed: string } {
  const b = new LedgerBuilder();
  const r = b.receipt({ lot: 'K1', containerCount: 3 });
  const [opened, sealed, destroyed] = r.payload.containerIds;
  if (opened === undefined || sealed === undefined || destroyed === undefined)
    throw new Error('no containers');
  b.draw({
    containerId: opened,
    lot: 'K1',
    sessionId: testUuid(600),
    patientId: testUuid(601),
    drawnUg: 100_000,
    drawnUl: 2000,
  });
  b.waste({ sessionId: testUuid(600), patientId: testUuid(601), wastedUg: 10_000, wastedUl: 200 });
  b.administration({
    sessionId: testUuid(600),
    patientId: testUuid(601),
    administeredUg: 90_000,
    drawnUg: 100_000,
  });
  b.destruction({ lines: [{ containerId: destroyed, quantityUg: 500_000, quantityUl: 10_000 }], lot: 'K1' });
  return { view: foldLedger(b.entries, { today: '2026-03-03' }), opened, sealed, destroyed };
}

describe('expected on hand', () => {
  it('lists containers that hold anything, and the lot total', () => {
    const { view, opened, sealed } = shelf();
    const expected = expectedOnHand(view);
    assert.deepEqual(
      expected.containers.map((c) => [c.containerId, c.expectedUg, c.expectedUl]),
      [
        [opened, 400_000, 8000],
        [sealed, 500_000, 10_000],
      ],
    );
    assert.deepEqual(expected.lots, [{ lot: 'K1', ndc: '0409-2051-05', expectedUg: 900_000, containers: 2 }]);
  });
});

describe('compareCount: a discrepancy for every line that differs, with its size', () => {
  it('a count that matches the books opens nothing', () => {
    const { view, opened, sealed } = shelf();
    const result = compareCount(view, [
      { containerId: opened, countedUl: 8000, estimated: true },
      { containerId: sealed, countedContainers: 1, estimated: false },
    ]);
    assert.deepEqual(result.discrepancies, []);
    assert.equal(result.discrepancyUg, 0);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.notCounted, []);
    assert.equal(result.lines.length, 2);
  });
  const rows: [
    string,
    (s: ReturnType<typeof shelf>) => {
      containerId: string;
      countedUl?: number;
      countedContainers?: 0 | 1;
      estimated: boolean;
    },
    number,
  ][] = [
    [
      'opened vial 0.1 mL short → −5 mg',
      (s) => ({ containerId: s.opened, countedUl: 7900, estimated: true }),
      -5000,
    ],
    [
      'opened vial 1 µL over → +50 µg',
      (s) => ({ containerId: s.opened, countedUl: 8001, estimated: false }),
      50,
    ],
    [
      'sealed vial missing → −500 mg',
      (s) => ({ containerId: s.sealed, countedContainers: 0, estimated: false }),
      -500_000,
    ],
    [
      'destroyed vial found on the shelf → +500 mg',
      (s) => ({ containerId: s.destroyed, countedContainers: 1, estimated: false }),
      500_000,
    ],
  ];
  for (const [name, line, differenceUg] of rows)
    it(name, () => {
      const s = shelf();
      const result = compareCount(s.view, [line(s)]);
      assert.equal(result.discrepancyUg, differenceUg);
      assert.equal(result.discrepancies.length, differenceUg === 0 ? 0 : 1);
    });
  it('a container the count left out is listed as not counted', () => {
    const { view, opened, sealed } = shelf();
    const result = compareCount(view, [{ containerId: opened, countedUl: 8000, estimated: false }]);
    assert.deepEqual(
      result.notCounted.map((c) => c.containerId),
      [sealed],
    );
  });
  const problems: [
    string,
    (
      s: ReturnType<typeof shelf>,
    ) => { containerId: string; countedUl?: number; countedContainers?: 0 | 1; estimated: boolean }[],
    RegExp,
  ][] = [
    [
      '§9 Inventory counting: a sealed container is counted exactly, not estimated',
      (s) => [{ containerId: s.sealed, countedUl: 10_000, estimated: true }],
      /sealed: §9 allows an estimate only for opened containers/,
    ],
    [
      'an opened container needs its volume, not "present"',
      (s) => [{ containerId: s.opened, countedContainers: 1, estimated: false }],
      /opened: give the volume left/,
    ],
    [
      'an unknown container',
      () => [{ containerId: testUuid(9999), countedContainers: 1, estimated: false }],
      /not in this location/,
    ],
    [
      'a container counted twice',
      (s) => [
        { containerId: s.sealed, countedContainers: 1, estimated: false },
        { containerId: s.sealed, countedContainers: 1, estimated: false },
      ],
      /counted twice/,
    ],
  ];
  for (const [name, lines, message] of problems)
    it(`refuses ${name}`, () => {
      const s = shelf();
      const result = compareCount(s.view, lines(s));
      assert.equal(result.problems.length, 1);
      assert.match(result.problems[0]?.message ?? '', message);
    });
});

describe('resolution of a discrepancy', () => {
  const rows: [DiscrepancyClassification, number, boolean][] = [
    ['counting-error', 0, false],
    ['documentation-error', -5000, false],
    ['breakage-witnessed', -5000, false],
    ['loss-not-significant', -5000, false],
    ['theft', -5000, true],
    ['significant-loss', -5000, true],
  ];
  for (const [classification, adjustment, lossReport] of rows)
    it(`${classification}: adjusts ${adjustment} µg${lossReport ? ' and opens a loss report (§9, 21 CFR 1301.76(b))' : ''}`, () => {
      assert.equal(resolutionAdjustmentUg(classification, -5000), adjustment);
      assert.equal(opensLossReport(classification), lossReport);
    });
});

describe('§9 Inventory counting (21 CFR 1304.11): estimates', () => {
  const rows: [string, Parameters<typeof isEstimateAllowed>[0], boolean][] = [
    ['Schedule III opened vial: may be estimated', { schedule: 'III', opened: true }, true],
    ['Schedule III sealed vial: exact count', { schedule: 'III', opened: false }, false],
    ['Schedule II opened: exact count', { schedule: 'II', opened: true }, false],
    [
      'Schedule III opened bottle of 1,000 tablets: may be estimated',
      { schedule: 'III', opened: true, dosageUnits: 1000 },
      true,
    ],
    [
      'Schedule III opened bottle of 1,001 tablets: exact count',
      { schedule: 'III', opened: true, dosageUnits: 1001 },
      false,
    ],
  ];
  for (const [name, container, expected] of rows)
    it(name, () => {
      assert.equal(isEstimateAllowed(container), expected);
    });
  it('the limit is 1,000 tablets or capsules', () => {
    assert.equal(ESTIMATE_MAX_DOSAGE_UNITS, 1000);
  });
});

describe('§9 Inventory contents: drug, form, strength, containers, volume', () => {
  it('groups counted containers by product', () => {
    const { view, opened, sealed } = shelf();
    const inv = inventoryFromCount(view, [
      { containerId: opened, countedUl: 8000, estimated: true },
      { containerId: sealed, countedContainers: 1, estimated: false },
    ]);
    assert.equal(inv.zero, false);
    assert.deepEqual(inv.lines, [
      {
        ndc: '0409-2051-05',
        drugName: 'Ketamine hydrochloride injection',
        form: 'injectable solution',
        strength: '50 mg/mL',
        containers: 2,
        unitsOrVolumeUl: 18_000,
        estimated: true,
        containerIds: [opened, sealed],
      },
    ]);
  });
  it('no stock counted → a zero inventory', () => {
    const inv = inventoryFromCount(foldLedger([], { today: '2026-03-02' }), []);
    assert.equal(inv.zero, true);
    assert.deepEqual(inv.lines, []);
  });
  it('strength label', () => {
    assert.equal(strengthLabel(50_000), '50 mg/mL');
    assert.equal(strengthLabel(10_500), '10.5 mg/mL');
  });
});
