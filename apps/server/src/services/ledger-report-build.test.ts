import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LedgerEntry, LedgerPayload } from '@ketapath/core';
import { buildLedgerReport, InventoryNotFoundError, type LedgerReportInput } from './ledger-report-build.js';
import type { LedgerReportDocument, LedgerReportKind } from './ledger-report-render.js';

const CLINIC = '00000000-0000-4000-8000-00000000c000';
const LOCATION = '00000000-0000-4000-8000-00000000l000'.replace('l', 'a');
const NURSE = '00000000-0000-4000-8000-0000000000a1';
const NURSE2 = '00000000-0000-4000-8000-0000000000a2';
const PHYSICIAN = '00000000-0000-4000-8000-0000000000a3';
const PATIENT = '00000000-0000-4000-8000-0000000000b1';
const OTHER_PATIENT = '00000000-0000-4000-8000-0000000000b2';
const SESSION = '00000000-0000-4000-8000-0000000000c1';
const OTHER_SESSION = '00000000-0000-4000-8000-0000000000c2';
const OPEN_SESSION = '00000000-0000-4000-8000-0000000000c3';
const V1 = '00000000-0000-4000-8000-0000000000d1';
const V2 = '00000000-0000-4000-8000-0000000000d2';
const V3 = '00000000-0000-4000-8000-0000000000d3';
const DISCREPANCY = '00000000-0000-4000-8000-0000000000e1';
const LOSS = '00000000-0000-4000-8000-0000000000e2';
const INVENTORY = '00000000-0000-4000-8000-0000000000f1';
const OLD_INVENTORY = '00000000-0000-4000-8000-0000000000f2';
const HASH = 'a'.repeat(64);

/** A chain of entries built in order; hashes are not checked by the reports. */
function chain(): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  const add = (
    occurredAt: string,
    payload: LedgerPayload,
    extra: Partial<Pick<LedgerEntry, 'witnessIds' | 'sessionId' | 'patientId' | 'containerId' | 'deltaUg' | 'correctsSeq' | 'reason' | 'recordedBy'>> = {},
  ) => {
    const seq = entries.length + 1;
    entries.push({
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      clinicId: CLINIC,
      locationId: LOCATION,
      seq,
      kind: payload.kind,
      occurredAt,
      recordedAt: occurredAt,
      recordedBy: NURSE,
      witnessIds: [],
      containerId: null,
      lot: null,
      sessionId: null,
      patientId: null,
      deltaUg: 0,
      payload,
      correctsSeq: null,
      reason: null,
      prevHash: HASH,
      hash: HASH,
      ...extra,
    });
  };
  const supplier = { name: 'Acme Wholesale, Inc.', address: '1 Supply Way, Columbus, OH', deaNumber: 'RA1234563' };
  // 1: received in October (outside a November report).
  add('2026-10-05T15:00:00.000Z', {
    kind: 'receipt',
    ndc: '0409-2051-05',
    drugName: 'Ketamine hydrochloride',
    form: 'injection, solution',
    concentrationUgPerMl: 50_000,
    volumeUlPerContainer: 10_000,
    containerCount: 1,
    lot: 'OLD1',
    expiresOn: '2027-01-31',
    supplier,
    invoiceRef: 'INV-OLD',
    receivedOn: '2026-10-05',
    containerIds: [V3],
    containerLabels: ['OLD1-1'],
  });
  // 2: received in November: two vials of 10 mL at 50 mg/mL = 1000 mg.
  add('2026-11-02T15:00:00.000Z', {
    kind: 'receipt',
    ndc: '0409-2051-05',
    drugName: 'Ketamine hydrochloride',
    form: 'injection, solution',
    concentrationUgPerMl: 50_000,
    volumeUlPerContainer: 10_000,
    containerCount: 2,
    lot: 'LOT-A',
    expiresOn: '2027-06-30',
    supplier,
    invoiceRef: 'INV-77',
    receivedOn: '2026-11-02',
    containerIds: [V1, V2],
    containerLabels: ['A-1', 'A-2'],
  });
  // 3–5: a session drew 200 mg from A-1, gave 187.654 mg, wasted the rest with a witness.
  add(
    '2026-11-03T14:00:00.000Z',
    { kind: 'draw', containerId: V1, label: 'A-1', sessionId: SESSION, patientId: PATIENT, drawnUg: 200_000, drawnUl: 4_000 },
    { sessionId: SESSION, patientId: PATIENT, containerId: V1, deltaUg: -200_000 },
  );
  add(
    '2026-11-03T18:10:00.000Z',
    { kind: 'waste', sessionId: SESSION, patientId: PATIENT, wastedUg: 12_346, wastedUl: 247, method: 'drug-disposal-container' },
    { sessionId: SESSION, patientId: PATIENT, witnessIds: [NURSE2] },
  );
  add(
    '2026-11-03T18:10:00.000Z',
    { kind: 'administration', sessionId: SESSION, patientId: PATIENT, administeredUg: 187_654, administeredExact: '562961/3 µg', drawnUg: 200_000 },
    { sessionId: SESSION, patientId: PATIENT },
  );
  // 6–7: another patient's closed session.
  add(
    '2026-11-04T14:00:00.000Z',
    { kind: 'draw', containerId: V1, label: 'A-1', sessionId: OTHER_SESSION, patientId: OTHER_PATIENT, drawnUg: 100_000, drawnUl: 2_000 },
    { sessionId: OTHER_SESSION, patientId: OTHER_PATIENT, containerId: V1, deltaUg: -100_000 },
  );
  add(
    '2026-11-04T18:00:00.000Z',
    { kind: 'administration', sessionId: OTHER_SESSION, patientId: OTHER_PATIENT, administeredUg: 100_000, administeredExact: '100000/1 µg', drawnUg: 100_000 },
    { sessionId: OTHER_SESSION, patientId: OTHER_PATIENT },
  );
  // 8: a session still open.
  add(
    '2026-11-05T14:00:00.000Z',
    { kind: 'draw', containerId: V2, label: 'A-2', sessionId: OPEN_SESSION, patientId: PATIENT, drawnUg: 50_000, drawnUl: 1_000 },
    { sessionId: OPEN_SESSION, patientId: PATIENT, containerId: V2, deltaUg: -50_000 },
  );
  // 9: a count finds 0.5 mL less in A-1 than the books: a discrepancy (10), a note (11), resolved as theft (12), loss report (13), notice sent late (14).
  add('2026-11-06T13:00:00.000Z', {
    kind: 'count',
    countId: '00000000-0000-4000-8000-0000000000e9',
    lines: [
      { containerId: V1, label: 'A-1', lot: 'LOT-A', status: 'opened', expectedUg: 200_000, countedUg: 175_000, estimated: true },
      { containerId: V2, label: 'A-2', lot: 'LOT-A', status: 'in-use', expectedUg: 450_000, countedUg: 450_000, estimated: false },
    ],
    discrepancyUg: -25_000,
  });
  add('2026-11-06T13:00:00.000Z', {
    kind: 'discrepancy-opened',
    discrepancyId: DISCREPANCY,
    source: 'count',
    containerId: V1,
    lot: 'LOT-A',
    expectedUg: 200_000,
    countedUg: 175_000,
    differenceUg: -25_000,
  });
  add('2026-11-06T16:00:00.000Z', { kind: 'discrepancy-note', discrepancyId: DISCREPANCY, text: 'Checked the sharps bin and the charts of the day.' });
  add(
    '2026-11-09T16:00:00.000Z',
    { kind: 'discrepancy-resolved', discrepancyId: DISCREPANCY, classification: 'theft', explanation: 'Vial tampered with; police informed.', adjustmentUg: -25_000 },
    { recordedBy: PHYSICIAN, deltaUg: -25_000 },
  );
  add('2026-11-09T16:00:00.000Z', {
    kind: 'loss-report-opened',
    lossReportId: LOSS,
    discrepancyId: DISCREPANCY,
    discoveredOn: '2026-11-09',
    writtenNoticeDueOn: '2026-11-10',
    form106DueOn: '2026-12-24',
    quantityUg: 25_000,
    lot: 'LOT-A',
    ndc: '0409-2051-05',
  });
  add('2026-11-11T16:00:00.000Z', { kind: 'loss-report-step', lossReportId: LOSS, step: 'written-notice-sent', on: '2026-11-11', reference: 'DEA-FD-42' });
  // 15: the remainder of V3 wasted with a witness; 16: V3 destroyed on site with two witnesses.
  add(
    '2026-11-12T10:00:00.000Z',
    { kind: 'container-waste', containerId: V3, label: 'OLD1-1', wastedUg: 1_000, wastedUl: 20, method: 'other', note: 'dropped into the bin' },
    { containerId: V3, witnessIds: [NURSE2], deltaUg: -1_000 },
  );
  add(
    '2026-11-13T10:00:00.000Z',
    {
      kind: 'destruction',
      destructionId: '00000000-0000-4000-8000-0000000000e7',
      mode: 'on-site',
      containerIds: [V3],
      lines: [{ containerId: V3, label: 'OLD1-1', ndc: '0409-2051-05', drugName: 'Ketamine hydrochloride', strength: '50 mg/mL', form: 'injection, solution', quantityUg: 499_000, quantityUl: 9_980 }],
      method: 'chemical digestion kit (Rx Destroyer)',
      place: 'Medication room, Main',
      destroyedOn: '2026-11-13',
    },
    { recordedBy: PHYSICIAN, witnessIds: [NURSE, NURSE2], deltaUg: -499_000 },
  );
  // 17: a correction of the November receipt's invoice reference.
  add(
    '2026-11-14T10:00:00.000Z',
    { kind: 'correction', correctsSeq: 2, field: 'invoiceRef', from: 'INV-77', to: 'INV-78' },
    { correctsSeq: 2, reason: 'Typing error on the invoice number', recordedBy: PHYSICIAN },
  );
  // 18–19: an old inventory (October) and the November one.
  add('2026-10-01T12:00:00.000Z', {
    kind: 'inventory',
    inventoryId: OLD_INVENTORY,
    type: 'initial',
    takenAt: 'opening',
    takenOn: '2026-10-01',
    lines: [],
    zero: true,
  });
  add(
    '2026-11-20T23:00:00.000Z',
    {
      kind: 'inventory',
      inventoryId: INVENTORY,
      type: 'biennial',
      takenAt: 'close',
      takenOn: '2026-11-20',
      lines: [
        { ndc: '0409-2051-05', drugName: 'Ketamine hydrochloride', form: 'injection, solution', strength: '50 mg/mL', containers: 1, unitsOrVolumeUl: 3_500, containerIds: [V1], estimated: true },
        { ndc: '0409-2051-05', drugName: 'Ketamine hydrochloride', form: 'injection, solution', strength: '50 mg/mL', containers: 1, unitsOrVolumeUl: 9_000, containerIds: [V2], estimated: false },
      ],
      zero: false,
    },
    { witnessIds: [NURSE2] },
  );
  return entries;
}

function input(report: LedgerReportKind, overrides: Partial<LedgerReportInput> = {}): LedgerReportInput {
  return {
    report,
    registrant: { name: 'Clinic A', isDemo: false },
    location: { id: LOCATION, name: 'Main', deaRegistration: 'FA1234563', address: '1 Main St, Springfield', activity: 'Practitioner' },
    entries: chain(),
    people: new Map([
      [NURSE, { name: 'Nia Nurse', role: 'nurse' }],
      [NURSE2, { name: 'Noor Second', role: 'nurse' }],
      [PHYSICIAN, { name: 'Phil Physician', role: 'physician' }],
    ]),
    patients: new Map([
      [PATIENT, { name: 'Jane Doe', mrn: 'MRN-0001', address: '5 Elm St, Springfield, IL 62701' }],
      [OTHER_PATIENT, { name: 'John Roe', mrn: 'MRN-0002', address: null }],
    ]),
    administeredBy: new Map([[SESSION, NURSE2]]),
    from: '2026-11-01',
    to: '2026-11-30',
    patientId: null,
    inventoryId: null,
    timeZone: 'America/Chicago',
    generatedAt: new Date('2026-11-21T15:00:00.000Z'),
    generatedBy: 'Phil Physician (physician)',
    today: '2026-11-21',
    integrity: 'hash chain verified',
    ...overrides,
  };
}

function table(doc: LedgerReportDocument, index = 0): Record<string, string>[] {
  const t = doc.tables[index];
  assert.ok(t, `table ${index}`);
  return t.rows;
}

const total = (doc: LedgerReportDocument, label: string) => doc.totals.find((t) => t.label === label)?.value;

describe('receipts log (§9 Receipt: date, quantity, supplier name, address and DEA number, invoice)', () => {
  const doc = buildLedgerReport(input('receipts'));
  it('lists the receipts received in the period, by the date of receipt (§9 Dates)', () => {
    assert.deepEqual(
      table(doc).map((r) => r['lot']),
      ['LOT-A'],
    );
  });
  it('carries every §9 field and the exact quantity (2 × 10 mL × 50 mg/mL = 1000 mg)', () => {
    const row = table(doc)[0];
    assert.ok(row);
    assert.equal(row['date'], '2026-11-02');
    assert.equal(row['quantityMg'], '1000');
    assert.equal(row['volumeMl'], '20');
    assert.equal(row['containers'], '2');
    assert.equal(row['strength'], '50 mg/mL');
    assert.equal(row['supplier'], 'Acme Wholesale, Inc.');
    assert.equal(row['supplierAddress'], '1 Supply Way, Columbus, OH');
    assert.equal(row['supplierDea'], 'RA1234563');
    assert.equal(row['invoice'], 'INV-77');
    assert.equal(row['receivedBy'], 'Nia Nurse (nurse)');
    assert.equal(row['labels'], 'A-1; A-2');
  });
  it('shows the correction beside the entry it corrects', () => {
    assert.equal(table(doc)[0]?.['entry'], '#2, corrected by #17');
    const corrections = doc.tables.at(-1);
    assert.match(corrections?.title ?? '', /^Corrections/);
    assert.deepEqual(
      corrections?.rows.map((r) => [r['entry'], r['corrects'], r['field'], r['from'], r['to'], r['reason'], r['by']]),
      [['#17', '#2', 'invoiceRef', 'INV-77', 'INV-78', 'Typing error on the invoice number', 'Phil Physician (physician)']],
    );
  });
  it('totals and the header', () => {
    assert.equal(total(doc, 'Quantity received, mg'), '1000');
    assert.equal(doc.deaRegistration, 'FA1234563');
    assert.equal(doc.generatedAt, '2026-11-21 09:00');
    assert.match(doc.basis, /1304\.22\(c\) \[S27\]/);
    assert.match(doc.scope.at(-1)?.value ?? '', /^19 entries \(1–19\); hash chain verified$/);
  });
  it('an earlier period holds the October receipt only', () => {
    const october = buildLedgerReport(input('receipts', { from: '2026-10-01', to: '2026-10-31' }));
    assert.deepEqual(
      table(october).map((r) => r['lot']),
      ['OLD1'],
    );
  });
});

describe('administration log (§9 Administration: date, patient name and address, drug and quantity, administering individual; federal list U)', () => {
  it('lists every administration in the period, with the drug of the containers drawn', () => {
    const doc = buildLedgerReport(input('administrations'));
    const rows = table(doc);
    assert.deepEqual(
      rows.map((r) => r['patient']),
      ['Jane Doe', 'John Roe'],
    );
    const row = rows[0];
    assert.ok(row);
    assert.equal(row['date'], '2026-11-03 12:10');
    assert.equal(row['patientAddress'], '5 Elm St, Springfield, IL 62701');
    assert.equal(row['drug'], 'Ketamine hydrochloride');
    assert.equal(row['ndc'], '0409-2051-05');
    assert.equal(row['lot'], 'LOT-A');
    assert.equal(row['containers'], 'A-1');
    assert.equal(row['drawnMg'], '200');
    assert.equal(row['administeredMg'], '187.654');
    assert.equal(row['administeredExact'], '562961/3 µg');
    assert.equal(row['wastedMg'], '12.346');
    assert.equal(row['administeredBy'], 'Noor Second (nurse)', 'the chart’s administering nurse');
    assert.equal(rows[1]?.['patientAddress'], 'no address on file');
    assert.equal(total(doc, 'Administered, mg'), '287.654');
    assert.equal(total(doc, 'Drawn for them, mg'), '300');
    assert.equal(total(doc, 'Wasted from them, mg'), '12.346');
    assert.equal(total(doc, 'Drawn for open sessions, mg'), '50');
    assert.ok(doc.notes.some((n) => n.startsWith('U — ')));
    assert.match(doc.basis, /21 CFR 1304\.22\(c\).*U/);
  });
  it('lists the drug drawn for a session not closed yet', () => {
    const open = table(buildLedgerReport(input('administrations')), 1);
    const [row, ...rest] = open;
    assert.ok(row);
    assert.equal(rest.length, 0);
    assert.equal(row['drawnMg'], '50');
    assert.equal(row['openMg'], '50');
    assert.equal(row['containers'], 'A-2');
  });
  it('per patient: only that patient, named in the header', () => {
    const doc = buildLedgerReport(input('administrations', { patientId: OTHER_PATIENT }));
    assert.deepEqual(
      table(doc).map((r) => r['patient']),
      ['John Roe'],
    );
    assert.equal(table(doc, 1).length, 0);
    const [scope] = doc.scope;
    assert.ok(scope);
    assert.equal(scope.label, 'Patient');
    assert.match(scope.value, /John Roe, MRN MRN-0002/);
  });
  it('per date range: the boundary days are included, the next day is not', () => {
    const day = buildLedgerReport(input('administrations', { from: '2026-11-04', to: '2026-11-04' }));
    assert.deepEqual(
      table(day).map((r) => r['patient']),
      ['John Roe'],
    );
    const none = buildLedgerReport(input('administrations', { from: '2026-11-06', to: '2026-11-30' }));
    assert.equal(table(none).length, 0);
  });
});

describe('waste and destruction log (§9 Destruction, DEA Form 41: NDC, name, strength, form, quantities, date, method, location, witnesses)', () => {
  const doc = buildLedgerReport(input('waste-destruction'));
  const rows = table(doc);
  it('lists session waste, container remainders and destructions in date order', () => {
    assert.deepEqual(
      rows.map((r) => r['record']),
      [
        'Unused remainder of a session’s draw, wasted',
        'Remainder of an opened container, wasted',
        'Destroyed on site (DEA Form 41)',
      ],
    );
  });
  it('the session waste names its witness, method and patient', () => {
    const waste = rows[0];
    assert.ok(waste);
    assert.equal(waste['quantityMg'], '12.346');
    assert.equal(waste['quantityMl'], '0.247');
    assert.equal(waste['witnesses'], 'Noor Second (nurse)');
    assert.match(waste['method'] ?? '', /drug-disposal container/);
    assert.match(waste['reference'] ?? '', /Jane Doe \(MRN MRN-0001\)/);
  });
  it('the destruction carries every Form 41 field and both witnesses', () => {
    const d = rows[2];
    assert.ok(d);
    assert.equal(d['ndc'], '0409-2051-05');
    assert.equal(d['drug'], 'Ketamine hydrochloride');
    assert.equal(d['strength'], '50 mg/mL');
    assert.equal(d['form'], 'injection, solution');
    assert.equal(d['quantityMg'], '499');
    assert.equal(d['quantityMl'], '9.98');
    assert.equal(d['date'], '2026-11-13');
    assert.equal(d['method'], 'chemical digestion kit (Rx Destroyer)');
    assert.equal(d['place'], 'Medication room, Main');
    assert.equal(d['witnesses'], 'Nia Nurse (nurse); Noor Second (nurse)');
    assert.equal(d['lot'], 'OLD1');
  });
  it('totals by kind', () => {
    assert.equal(total(doc, 'Session remainders wasted, mg'), '12.346');
    assert.equal(total(doc, 'Container remainders wasted, mg'), '1');
    assert.equal(total(doc, 'Destroyed on site, mg'), '499');
  });
});

describe('discrepancy report (§9 Theft or significant loss: written notice in 1 business day, Form 106 in 45 days)', () => {
  const doc = buildLedgerReport(input('discrepancies'));
  it('lists no corrections table when no entry shown was corrected', () => {
    assert.equal(doc.tables.length, 3);
  });
  it('shows the discrepancy with its size, investigation and outcome', () => {
    const row = table(doc)[0];
    assert.ok(row);
    assert.equal(row['differenceMg'], '-25');
    assert.equal(row['expectedMg'], '200');
    assert.equal(row['countedMg'], '175');
    assert.equal(row['status'], 'resolved');
    assert.match(row['investigation'] ?? '', /Nia Nurse \(nurse\): Checked the sharps bin/);
    assert.equal(row['classification'], 'theft');
    assert.equal(row['resolvedBy'], 'Phil Physician (physician)');
    assert.equal(row['adjustmentMg'], '-25');
    assert.match(row['lossReport'] ?? '', /loss report opened/);
  });
  it('shows the loss report deadlines: notice sent late, Form 106 due', () => {
    const loss = table(doc, 1)[0];
    assert.ok(loss);
    assert.equal(loss['writtenNotice'], 'done 2026-11-11 — LATE (due 2026-11-10), ref. DEA-FD-42');
    assert.equal(loss['form106'], 'due 2026-12-24');
  });
  it('and overdue once the date has passed', () => {
    const later = buildLedgerReport(input('discrepancies', { today: '2026-12-25' }));
    assert.equal(table(later, 1)[0]?.['form106'], 'OVERDUE — was due 2026-12-24');
    assert.equal(total(later, 'Loss reports with an overdue notice'), '1');
  });
  it('an open discrepancy from an earlier period stays listed', () => {
    const entries = chain().filter((e) => e.kind !== 'discrepancy-resolved');
    const december = buildLedgerReport(input('discrepancies', { entries, from: '2026-12-01', to: '2026-12-31' }));
    assert.equal(table(december)[0]?.['status'], 'OPEN — under investigation');
    assert.equal(total(december, 'Still open'), '1');
  });
  it('lists the counts of the period, with estimated lines', () => {
    const count = table(doc, 2)[0];
    assert.equal(count?.['estimated'], '1');
    assert.equal(count['differing'], '1');
    assert.equal(count['discrepancyMg'], '-25');
  });
});

describe('inventory (§9 Inventory contents: date, opening/close, drug, form, strength, units/volume, containers; estimates marked)', () => {
  it('the latest inventory of the period by default', () => {
    const doc = buildLedgerReport(input('inventory'));
    assert.equal(doc.title, 'Biennial inventory');
    const scope = new Map(doc.scope.map((s) => [s.label, s.value]));
    assert.equal(scope.get('Date taken'), '2026-11-20');
    assert.equal(scope.get('Taken at'), 'close of business');
    assert.equal(scope.get('Witnesses'), 'Noor Second (nurse)');
    const rows = table(doc);
    assert.deepEqual(
      rows.map((r) => [r['containers'], r['volumeMl'], r['counting'], r['labels']]),
      [
        ['1', '3.5', 'estimated (opened container)', 'A-1'],
        ['1', '9', 'exact count', 'A-2'],
      ],
    );
    assert.equal(total(doc, 'Volume, mL'), '12.5');
    assert.equal(doc.signatures.length, 2);
  });
  it('a zero inventory by its id says so', () => {
    const doc = buildLedgerReport(input('inventory', { inventoryId: OLD_INVENTORY }));
    assert.equal(doc.title, 'Initial inventory');
    assert.match(doc.scope[0]?.value ?? '', /ZERO INVENTORY/);
    assert.equal(table(doc).length, 0);
    assert.equal(doc.tables[0]?.emptyText, 'No stock on hand: a zero inventory.');
  });
  it('an unknown inventory id is refused', () => {
    assert.throws(
      () => buildLedgerReport(input('inventory', { inventoryId: '00000000-0000-4000-8000-000000000999' })),
      InventoryNotFoundError,
    );
  });
  it('no inventory in the period', () => {
    const doc = buildLedgerReport(input('inventory', { from: '2026-12-01', to: '2026-12-31' }));
    assert.equal(table(doc).length, 0);
    assert.equal(doc.tables[0]?.emptyText, 'No inventory was taken in this period.');
    assert.equal(doc.signatures.length, 0);
  });
});
