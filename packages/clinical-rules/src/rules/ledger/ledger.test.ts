/**
 * Table tests of the controlled-substance ledger rules (REFERENCE §9 [S27]) and evaluateLedger, with rows on
 * each side of every date and quantity boundary.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClinicSettings } from '../../settings.js';
import type { Severity } from '../../types.js';
import {
  addBusinessDays,
  addCalendarMonths,
  addCalendarYears,
  calendarDaysBetween,
  weekdayOf,
} from './calendar.js';
import { evaluateLedger } from './evaluate-ledger.js';
import { LEDGER_RULE_LIST, LEDGER_RULES_BY_OPERATION } from './index.js';
import type {
  CloseSessionCheck,
  ContainerWasteCheck,
  DestructionCheck,
  DrawCheck,
  LedgerCheck,
  LedgerContainerFacts,
  StatusCheck,
  WasteCheck,
} from './ledger-check.js';

const NURSE = 'nurse-1';
const WITNESS = 'nurse-2';
const SECOND_WITNESS = 'physician-1';
const TODAY = '2026-03-10';
const NOW = '2026-03-10T15:00:00.000Z';

/** The clinic has made the two settings REFERENCE.md leaves open. */
const CONFIGURED: ClinicSettings = {
  'ledger.waste-witness-required': true,
  'ledger.count-interval-hours': 24,
  'ledger.expiry-warning-days': 30,
};

const vial = (over: Partial<LedgerContainerFacts> = {}): LedgerContainerFacts => ({
  containerId: 'c-1',
  label: 'K1-1',
  lot: 'K1',
  status: 'sealed',
  expiresOn: '2026-03-31',
  remainingUg: 500_000,
  ...over,
});

const draw = (over: Partial<DrawCheck> = {}): DrawCheck => ({
  operation: 'draw',
  today: TODAY,
  now: NOW,
  actorId: NURSE,
  sessionId: 's-1',
  container: vial(),
  drawnUg: 100_000,
  ...over,
});

const waste = (over: Partial<WasteCheck> = {}): WasteCheck => ({
  operation: 'waste',
  today: TODAY,
  now: NOW,
  actorId: NURSE,
  witnessIds: [WITNESS],
  sessionId: 's-1',
  drawnUg: 100_000,
  administeredUg: 97_500,
  wastedSoFarUg: 0,
  wastedUg: 2_500,
  ...over,
});

const containerWaste = (over: Partial<ContainerWasteCheck> = {}): ContainerWasteCheck => ({
  operation: 'container-waste',
  today: TODAY,
  now: NOW,
  actorId: NURSE,
  witnessIds: [WITNESS],
  container: vial({ status: 'opened', remainingUg: 40_000 }),
  wastedUg: 40_000,
  ...over,
});

const destruction = (over: Partial<DestructionCheck> = {}): DestructionCheck => ({
  operation: 'destruction',
  today: TODAY,
  now: NOW,
  actorId: NURSE,
  witnessIds: [WITNESS, SECOND_WITNESS],
  mode: 'on-site',
  containers: [vial({ status: 'expired', expiresOn: '2026-03-01' })],
  ...over,
});

const close = (over: Partial<CloseSessionCheck> = {}): CloseSessionCheck => ({
  operation: 'close-session',
  today: TODAY,
  now: NOW,
  sessionId: 's-1',
  drawnUg: 100_000,
  administeredUg: 97_500,
  wastedUg: 2_500,
  ...over,
});

const status = (over: Partial<StatusCheck> = {}): StatusCheck => ({
  operation: 'status',
  today: TODAY,
  now: NOW,
  containers: [vial()],
  lastCountAt: '2026-03-10T08:00:00.000Z',
  lastInventory: { type: 'initial', takenOn: '2025-01-15' },
  lossReports: [],
  nonBusinessDates: [],
  ...over,
});

/** The findings of one rule, as `severity: message`. */
function findingsOf(ruleId: string, check: LedgerCheck, settings: ClinicSettings = CONFIGURED) {
  return evaluateLedger(check, settings).findings.filter((f) => f.ruleId === ruleId);
}

function row(
  name: string,
  ruleId: string,
  check: LedgerCheck,
  expected: Severity | null,
  settings: ClinicSettings = CONFIGURED,
  message?: RegExp,
) {
  it(name, () => {
    const found = findingsOf(ruleId, check, settings);
    if (expected === null) {
      assert.deepEqual(
        found.map((f) => f.message),
        [],
      );
      return;
    }
    const f = found[0];
    assert.ok(f, `no ${ruleId} finding`);
    assert.equal(f.severity, expected, f.message);
    assert.ok(f.citations.length > 0);
    assert.ok(f.citations.every((c) => c.section === '§9' && c.source === 'S27'));
    if (message) assert.match(f.message, message);
  });
}

describe('ledger/container-not-expired — an expiry date means usable through that day', () => {
  row(
    'the day before expiry → draw allowed',
    'ledger/container-not-expired',
    draw({ today: '2026-03-30' }),
    null,
  );
  row(
    'on the expiry date → draw allowed',
    'ledger/container-not-expired',
    draw({ today: '2026-03-31' }),
    null,
  );
  row(
    'the day after expiry → block',
    'ledger/container-not-expired',
    draw({ today: '2026-04-01' }),
    'block',
    CONFIGURED,
    /usable through 2026-03-31, today is 2026-04-01/,
  );
  row(
    'status expired → block',
    'ledger/container-not-expired',
    draw({ container: vial({ status: 'expired' }) }),
    'block',
  );
});

describe('ledger/container-not-quarantined', () => {
  row(
    'quarantined → block',
    'ledger/container-not-quarantined',
    draw({ container: vial({ status: 'quarantined' }) }),
    'block',
  );
  row('released (sealed) → allowed', 'ledger/container-not-quarantined', draw(), null);
});

describe('ledger/no-overdraw — §9 Continuing records, to the microgram', () => {
  row('exact remainder (500 mg of 500 mg) → allowed', 'ledger/no-overdraw', draw({ drawnUg: 500_000 }), null);
  row(
    '1 µg more than the container holds → block',
    'ledger/no-overdraw',
    draw({ drawnUg: 500_001 }),
    'block',
    CONFIGURED,
    /holds 500 mg; 500.001 mg is 0.001 mg more/,
  );
  row(
    'an empty container → block',
    'ledger/no-overdraw',
    draw({ container: vial({ status: 'empty', remainingUg: 0 }), drawnUg: 1 }),
    'block',
  );
  row(
    'a destroyed container → block',
    'ledger/no-overdraw',
    draw({ container: vial({ status: 'destroyed', remainingUg: 0 }) }),
    'block',
  );
  row('container waste of the exact remainder → allowed', 'ledger/no-overdraw', containerWaste(), null);
  row(
    'container waste 1 µg over → block',
    'ledger/no-overdraw',
    containerWaste({ wastedUg: 40_001 }),
    'block',
  );
});

describe('ledger/waste-within-remainder — §9 Wasting', () => {
  row('waste = drawn − administered → allowed', 'ledger/waste-within-remainder', waste(), null);
  row(
    '1 µg more than the remainder → block',
    'ledger/waste-within-remainder',
    waste({ wastedUg: 2_501 }),
    'block',
  );
  row(
    'the remainder after earlier waste → allowed',
    'ledger/waste-within-remainder',
    waste({ wastedSoFarUg: 1_000, wastedUg: 1_500 }),
    null,
  );
  row(
    'earlier waste counted → block',
    'ledger/waste-within-remainder',
    waste({ wastedSoFarUg: 1_000, wastedUg: 1_501 }),
    'block',
  );
});

describe('ledger/witness-not-actor — the witness is a second person', () => {
  row('a different witness → allowed', 'ledger/witness-not-actor', waste(), null);
  row(
    'the nurse as their own witness → block',
    'ledger/witness-not-actor',
    waste({ witnessIds: [NURSE] }),
    'block',
    CONFIGURED,
    /cannot also be the witness/,
  );
  row(
    'container waste, same person → block',
    'ledger/witness-not-actor',
    containerWaste({ witnessIds: [NURSE] }),
    'block',
  );
  row(
    'destruction with the same witness twice → block',
    'ledger/witness-not-actor',
    destruction({ witnessIds: [WITNESS, WITNESS] }),
    'block',
    CONFIGURED,
    /named twice/,
  );
});

describe('ledger/waste-witness — §9: DEA text on witnessing wastage not found; the clinic decides', () => {
  row('required and witnessed → allowed', 'ledger/waste-witness', waste(), null);
  row('required and no witness → block', 'ledger/waste-witness', waste({ witnessIds: [] }), 'block');
  row('not required and no witness → allowed', 'ledger/waste-witness', waste({ witnessIds: [] }), null, {
    ...CONFIGURED,
    'ledger.waste-witness-required': false,
  });
  it('not set → needs-ack naming the setting, and the waste is refused', () => {
    const result = evaluateLedger(waste(), {});
    const f = result.findings.find((x) => x.ruleId === 'ledger/waste-witness');
    assert.ok(f);
    assert.equal(f.severity, 'needs-ack');
    assert.deepEqual(f.unconfigured, ['ledger.waste-witness-required']);
    assert.match(f.message, /Waste of a drawn remainder needs a second staff member as witness/);
    assert.equal(result.blocked, true);
  });
});

describe('ledger/destruction-witnesses — §9 Destruction of stock: two witnesses (21 CFR 1317.90)', () => {
  row('on site with 2 witnesses → allowed', 'ledger/destruction-witnesses', destruction(), null);
  row(
    'on site with 1 witness → block',
    'ledger/destruction-witnesses',
    destruction({ witnessIds: [WITNESS] }),
    'block',
    CONFIGURED,
    /needs 2 witnesses besides the person recording; 1 signed in/,
  );
  row(
    'on site, the recorder counted as a witness → block',
    'ledger/destruction-witnesses',
    destruction({ witnessIds: [WITNESS, NURSE] }),
    'block',
  );
  row(
    'reverse distributor with no witness → allowed (the distributor files Form 41)',
    'ledger/destruction-witnesses',
    destruction({ mode: 'reverse-distributor', witnessIds: [] }),
    null,
  );
});

describe('ledger/session-balanced — drawn = administered + wasted', () => {
  row('balanced to the µg → allowed', 'ledger/session-balanced', close(), null);
  row(
    '1 µg not accounted for → block',
    'ledger/session-balanced',
    close({ wastedUg: 2_499 }),
    'block',
    CONFIGURED,
    /Drawn 100 mg, administered 97.5 mg, wasted 2.499 mg\. 0.001 mg drawn is neither administered nor wasted/,
  );
  row(
    '1 µg too much → block',
    'ledger/session-balanced',
    close({ wastedUg: 2_501 }),
    'block',
    CONFIGURED,
    /0.001 mg more/,
  );
  row(
    'a session that never ran (0 = 0 + 0) → allowed',
    'ledger/session-balanced',
    close({ drawnUg: 0, administeredUg: 0, wastedUg: 0 }),
    null,
  );
});

describe('ledger/count-due — the clinic’s count interval (§9: no perpetual inventory required)', () => {
  row(
    'counted 23 h 59 min ago, daily count → none',
    'ledger/count-due',
    status({ lastCountAt: '2026-03-09T15:01:00.000Z' }),
    null,
  );
  row(
    'counted exactly 24 h ago → warn',
    'ledger/count-due',
    status({ lastCountAt: '2026-03-09T15:00:00.000Z' }),
    'warn',
  );
  row(
    'never counted → warn',
    'ledger/count-due',
    status({ lastCountAt: null }),
    'warn',
    CONFIGURED,
    /never been counted/,
  );
  it('interval not set → needs-ack on the stock status, which is not blocked', () => {
    const result = evaluateLedger(status(), {});
    const f = result.findings.find((x) => x.ruleId === 'ledger/count-due');
    assert.deepEqual(f?.unconfigured, ['ledger.count-interval-hours']);
    assert.equal(result.blocked, false);
  });
});

describe('ledger/inventory-due — §9 Biennial inventory: within 24 months (21 CFR 1304.11)', () => {
  const last = { type: 'initial', takenOn: '2024-03-10' };
  row(
    '24 months − 1 day → none',
    'ledger/inventory-due',
    status({ lastInventory: last, today: '2026-03-09' }),
    null,
  );
  row(
    '24 months to the day → warn (due today)',
    'ledger/inventory-due',
    status({ lastInventory: last, today: '2026-03-10' }),
    'warn',
    CONFIGURED,
    /due today/,
  );
  row(
    '24 months + 1 day → warn (overdue)',
    'ledger/inventory-due',
    status({ lastInventory: last, today: '2026-03-11' }),
    'warn',
    CONFIGURED,
    /overdue/,
  );
  row(
    '§9 Initial inventory missing → warn',
    'ledger/inventory-due',
    status({ lastInventory: null }),
    'warn',
    CONFIGURED,
    /No initial inventory/,
  );
  row(
    'a state asking for 12 months: 12 months + 1 day → warn',
    'ledger/inventory-due',
    status({ lastInventory: { type: 'annual', takenOn: '2025-03-09' } }),
    'warn',
    { ...CONFIGURED, 'ledger.inventory-interval-months': 12 },
  );
});

describe('ledger/loss-report-deadlines — §9 Theft or significant loss', () => {
  const report = {
    lossReportId: 'lr-1',
    discoveredOn: '2026-03-06',
    writtenNoticeSentOn: null,
    form106FiledOn: null,
  };
  it('discovered Friday: notice due Monday, Form 106 due day 45; both warn while outstanding', () => {
    const found = findingsOf(
      'ledger/loss-report-deadlines',
      status({ today: '2026-03-09', lossReports: [report] }),
    );
    assert.deepEqual(
      found.map((f) => [f.severity, f.inputs['dueOn']]),
      [
        ['warn', '2026-03-09'],
        ['warn', '2026-04-20'],
      ],
    );
    assert.match(found[0]?.message ?? '', /by 2026-03-09/);
  });
  it('the Monday listed as non-business: notice due Tuesday', () => {
    const found = findingsOf(
      'ledger/loss-report-deadlines',
      status({ today: '2026-03-09', lossReports: [report], nonBusinessDates: ['2026-03-09'] }),
    );
    assert.equal(found[0]?.inputs['dueOn'], '2026-03-10');
  });
  it('the day after the notice deadline: overdue', () => {
    const found = findingsOf(
      'ledger/loss-report-deadlines',
      status({ today: '2026-03-10', lossReports: [report] }),
    );
    assert.match(found[0]?.message ?? '', /was due on 2026-03-09 and is overdue/);
  });
  it('day 45 is still in time; day 46 is overdue', () => {
    const sent = { ...report, writtenNoticeSentOn: '2026-03-09' };
    const onTime = findingsOf(
      'ledger/loss-report-deadlines',
      status({ today: '2026-04-20', lossReports: [sent] }),
    );
    assert.match(onTime[0]?.message ?? '', /File DEA Form 106 electronically by 2026-04-20/);
    const late = findingsOf(
      'ledger/loss-report-deadlines',
      status({ today: '2026-04-21', lossReports: [sent] }),
    );
    assert.match(late[0]?.message ?? '', /was due on 2026-04-20 and is overdue/);
  });
  row(
    'both steps done → none',
    'ledger/loss-report-deadlines',
    status({ lossReports: [{ ...report, writtenNoticeSentOn: '2026-03-09', form106FiledOn: '2026-03-20' }] }),
    null,
  );
});

describe('ledger/expiry-soon and ledger/expired-in-stock', () => {
  row(
    'expires in 31 days, warning at 30 → none',
    'ledger/expiry-soon',
    status({ containers: [vial({ expiresOn: '2026-04-10' })] }),
    null,
  );
  row(
    'expires in 30 days → warn',
    'ledger/expiry-soon',
    status({ containers: [vial({ expiresOn: '2026-04-09' })] }),
    'warn',
    CONFIGURED,
    /usable through 2026-04-09 \(30 day\(s\) left\)/,
  );
  row(
    'expires today → warn (0 days left)',
    'ledger/expiry-soon',
    status({ containers: [vial({ expiresOn: TODAY })] }),
    'warn',
  );
  row(
    'already expired → not "soon"',
    'ledger/expiry-soon',
    status({ containers: [vial({ expiresOn: '2026-03-09' })] }),
    null,
  );
  row(
    'expired yesterday, still on the shelf → warn',
    'ledger/expired-in-stock',
    status({ containers: [vial({ expiresOn: '2026-03-09' })] }),
    'warn',
    CONFIGURED,
    /expired after 2026-03-09/,
  );
  row(
    'expiring today is not expired',
    'ledger/expired-in-stock',
    status({ containers: [vial({ expiresOn: TODAY })] }),
    null,
  );
  row(
    'expired and destroyed → none',
    'ledger/expired-in-stock',
    status({ containers: [vial({ expiresOn: '2026-03-09', status: 'destroyed', remainingUg: 0 })] }),
    null,
  );
});

describe('ledger/retention-period — §9 Retention: at least 2 years', () => {
  const discard = (throughOn: string, today: string): LedgerCheck => ({
    operation: 'discard',
    today,
    now: NOW,
    throughOn,
  });
  row(
    'on the 2-year anniversary → block',
    'ledger/retention-period',
    discard('2024-03-10', '2026-03-10'),
    'block',
    CONFIGURED,
    /may be discarded from 2026-03-11/,
  );
  row('the day after → allowed', 'ledger/retention-period', discard('2024-03-10', '2026-03-11'), null);
  row(
    'a state asking for 3 years → block after 2',
    'ledger/retention-period',
    discard('2024-03-10', '2026-03-11'),
    'block',
    { ...CONFIGURED, 'ledger.retention-years': 3 },
  );
});

describe('evaluateLedger', () => {
  it('runs only the rules of the operation', () => {
    for (const [operation, rules] of Object.entries(LEDGER_RULES_BY_OPERATION))
      for (const rule of rules) assert.ok(LEDGER_RULE_LIST.includes(rule), `${operation}: ${rule.id}`);
    const ids = new Set(evaluateLedger(draw(), {}).findings.map((f) => f.ruleId));
    assert.equal(ids.has('ledger/waste-witness'), false);
  });
  it('a clean draw is not blocked and has no findings', () => {
    assert.deepEqual(evaluateLedger(draw(), {}), { findings: [], blocked: false });
  });
  it('an expired and over-drawn container: both block, worst first', () => {
    const result = evaluateLedger(draw({ today: '2026-04-01', drawnUg: 600_000 }), {});
    assert.equal(result.blocked, true);
    assert.deepEqual(
      result.findings.map((f) => f.ruleId),
      ['ledger/container-not-expired', 'ledger/no-overdraw'],
    );
  });
  it('findings name their inputs and the parameters they compared with', () => {
    const f = evaluateLedger(destruction({ witnessIds: [WITNESS] }), CONFIGURED).findings[0];
    assert.ok(f);
    assert.equal(f.ruleId, 'ledger/destruction-witnesses');
    assert.deepEqual(
      f.parameters.map((p) => [p.id, p.value, p.origin, p.verification]),
      [['ledger.destruction-witnesses', 2, 'default', 'verified']],
    );
    assert.equal(f.inputs['distinctWitnesses'], 1);
  });
  it('the stock status only reports: warnings do not block', () => {
    const result = evaluateLedger(status({ lastCountAt: null, lastInventory: null }), CONFIGURED);
    assert.equal(result.blocked, false);
    assert.ok(result.findings.length >= 2);
  });
  it('refuses a check whose now is not a date-time', () => {
    assert.throws(() => evaluateLedger(draw({ now: 'yesterday' }), {}), RangeError);
  });
});

describe('calendar', () => {
  const rows: [string, () => unknown, unknown][] = [
    ['2026-03-06 is a Friday', () => weekdayOf('2026-03-06'), 'Friday'],
    ['Friday + 1 business day = Monday', () => addBusinessDays('2026-03-06', 1).dueOn, '2026-03-09'],
    ['Thursday + 1 business day = Friday', () => addBusinessDays('2026-03-05', 1).dueOn, '2026-03-06'],
    [
      'Friday + 1, Monday closed = Tuesday',
      () => addBusinessDays('2026-03-06', 1, ['2026-03-09']).dueOn,
      '2026-03-10',
    ],
    ['Friday + 0 = Friday', () => addBusinessDays('2026-03-06', 0).dueOn, '2026-03-06'],
    ['31 Jan + 1 month = 28 Feb', () => addCalendarMonths('2025-01-31', 1), '2025-02-28'],
    ['29 Feb 2024 + 2 years = 28 Feb 2026', () => addCalendarYears('2024-02-29', 2), '2026-02-28'],
    ['15 Nov + 3 months crosses the year', () => addCalendarMonths('2025-11-15', 3), '2026-02-15'],
    ['days between across a month', () => calendarDaysBetween('2026-03-10', '2026-04-09'), 30],
  ];
  for (const [name, fn, expected] of rows)
    it(name, () => {
      assert.equal(fn(), expected);
    });
  it('refuses dates that do not exist', () => {
    assert.throws(() => addCalendarMonths('2026-02-30', 1), RangeError);
    assert.throws(() => addBusinessDays('2026-03-06', -1), RangeError);
  });
});
