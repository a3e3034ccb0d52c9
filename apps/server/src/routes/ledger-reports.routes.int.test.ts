import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getProtocol } from '@ketapath/clinical-rules';
import {
  auditRows,
  chartInfusion,
  receiveStock,
  requireWasteWitness,
  seedSignedPlan,
  sessionBalance,
  startTestApp,
  TEST_DB_KIND,
  TEST_NOW,
  TEST_PASSWORD,
  TestClient,
  type TestApp,
} from '@ketapath/test-support';

/**
 * The §9 reports over HTTP, from a real ledger: a registered location with its DEA registration, a receipt, a
 * charted infusion with its draw and witnessed waste (and so its administration record), a count that finds a
 * vial missing, and an inventory. Each report is read back from its CSV (RFC 4180) and its PDF (pdftotext).
 */

const HOUR_MS = 3_600_000;
const TEN_AM = new Date(TEST_NOW.getTime() - 5 * HOUR_MS);

/** RFC 4180 records (CRLF line ends, quoted fields); fetch's text() has already dropped the byte-order mark. */
function parseCsv(body: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (quoted) {
      if (c === '"' && body.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && body.charAt(i + 1) === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      assert.notEqual(c, '\n', 'no bare LF between records');
      field += c;
    }
  }
  assert.equal(field, '', 'the last record ends in CRLF');
  return records;
}

/** The table under the header row whose first cell is `firstTitle`, as objects by column title. */
function tableOf(records: string[][], firstTitle: string): Record<string, string>[] {
  const start = records.findIndex((r) => r[0] === firstTitle);
  assert.ok(start >= 0, `a table starting with "${firstTitle}"`);
  const titles = records[start] ?? [];
  const rows: Record<string, string>[] = [];
  for (const r of records.slice(start + 1)) {
    if (r.every((f) => f === '') || r.slice(1).every((f) => f === '')) break;
    rows.push(Object.fromEntries(titles.map((title, i) => [title, r[i] ?? ''])));
  }
  return rows;
}

function header(records: string[][]): Map<string, string> {
  return new Map(records.slice(0, 16).map((r) => [r[0] ?? '', r[1] ?? '']));
}

describe(`controlled-substance reports over HTTP (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let nurse: TestClient;
  let nurse2: TestClient;
  let physician: TestClient;
  let locationId: string;
  let patientId: string;
  let administeredUg: number;
  let wastedUg: number;
  let inventoryId: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'ledger-reports-'));
  const nurse2Email = 'witness.nurse@a.test';

  const get = (client: TestClient, report: string, query: Record<string, string> = {}) =>
    client.get(`/api/ledger/reports/${report}?${new URLSearchParams({ locationId, ...query }).toString()}`);
  const csv = async (report: string, query: Record<string, string> = {}) => {
    const response = await get(physician, `${report}.csv`, query);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    return parseCsv(response.text);
  };
  const pdfText = async (report: string, query: Record<string, string> = {}) => {
    const response = await fetch(
      `${t.url}/api/ledger/reports/${report}.pdf?${new URLSearchParams({ locationId, ...query }).toString()}`,
      { headers: { cookie: physician.cookie ?? '' } },
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.match(response.headers.get('content-disposition') ?? '', /^inline; filename="ledger-/);
    const file = path.join(dir, `${report}.pdf`);
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  };

  before(async () => {
    t = await startTestApp();
    const protocol = getProtocol('crps-4h-daily-10-days');
    assert.ok(protocol);
    nurse = await t.as('nurse');
    physician = await t.as('physician');
    const admin = await t.as('admin');
    const created = await admin.post('/api/users', { email: nurse2Email, displayName: 'Wanda Witness', role: 'nurse', password: TEST_PASSWORD });
    assert.equal(created.status, 201, created.text);
    nurse2 = new TestClient(t.url);
    assert.equal((await nurse2.login(nurse2Email)).status, 200);
    const location = await admin.post('/api/ledger/locations', {
      name: 'Satellite',
      deaRegistration: 'FA1234563',
      address: '200 Clinic Way, Springfield, IL 62701',
      activity: 'Practitioner',
    });
    assert.equal(location.status, 201, location.text);
    locationId = location.body.id;
    await requireWasteWitness(t);
    const vials = await receiveStock(nurse, { locationId, lot: 'LOT-R1', containerCount: 2, receivedOn: '2026-11-20' });
    const [vial, spare] = vials;
    assert.ok(vial && spare);

    const plan = await seedSignedPlan(t, {
      protocol,
      sessionStarts: [TEN_AM],
      patient: {
        familyName: 'Reportington',
        givenNames: 'Jane',
        address: { line1: '5 Elm St', city: 'Springfield', region: 'IL', postalCode: '62701' },
      },
    });
    patientId = plan.patientId;
    const sessionId = plan.sessionIds[0];
    assert.ok(sessionId);
    const draw = await nurse.post(`/api/sessions/${sessionId}/draws`, { clientEntryId: randomUUID(), containerId: vial.containerId, drawnMg: 100, drawnMl: 2 });
    assert.equal(draw.status, 201, draw.text);
    await chartInfusion(nurse, nurse2, sessionId, plan, { base: TEN_AM, stopMin: 97 });
    const balance = await sessionBalance(nurse, sessionId);
    assert.ok(balance.administeredUg !== null);
    administeredUg = balance.administeredUg;
    wastedUg = balance.openUg;
    const waste = await nurse.post(`/api/sessions/${sessionId}/waste`, {
      clientEntryId: randomUUID(),
      wastedMg: wastedUg / 1000,
      wastedMl: wastedUg / 1000,
      method: 'drug-disposal-container',
      witness: { email: nurse2Email, password: TEST_PASSWORD },
    });
    assert.equal(waste.status, 201, waste.text);

    const count = await nurse.post('/api/ledger/counts', {
      locationId,
      clientEntryId: randomUUID(),
      lines: [
        { containerId: vial.containerId, countedMl: 8, estimated: true },
        { containerId: spare.containerId, countedContainers: 0, estimated: false },
      ],
    });
    assert.equal(count.status, 201, count.text);
    assert.equal(count.body.discrepancies.length, 1);

    const inventory = await physician.post('/api/ledger/inventories', {
      locationId,
      clientEntryId: randomUUID(),
      type: 'initial',
      takenAt: 'close',
      takenOn: '2026-11-21',
      lines: [
        { containerId: vial.containerId, countedMl: 8, estimated: true },
        { containerId: spare.containerId, countedContainers: 0, estimated: false },
      ],
    });
    assert.equal(inventory.status, 201, inventory.text);
    inventoryId = inventory.body.entry.payload.inventoryId;
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('receipts: the header block and each §9 Receipt field', async () => {
    const raw = await fetch(`${t.url}/api/ledger/reports/receipts.csv?locationId=${locationId}`, {
      headers: { cookie: physician.cookie ?? '' },
    });
    assert.match(raw.headers.get('content-disposition') ?? '', /^attachment; filename="ledger-receipts-satellite-2026-11-20-to-2026-11-21\.csv"$/);
    assert.deepEqual([...new Uint8Array(await raw.arrayBuffer()).subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
    const records = await csv('receipts');
    assert.equal(records[0]?.[0], 'Schedule III controlled-substance records (21 CFR 1304.04(h))');
    const h = header(records);
    assert.equal(h.get('Report'), 'Receipts log');
    assert.equal(h.get('Registrant'), 'Clinic A');
    assert.equal(h.get('DEA registration'), 'FA1234563');
    assert.equal(h.get('Registered location'), 'Satellite');
    assert.equal(h.get('Location address'), '200 Clinic Way, Springfield, IL 62701');
    assert.equal(h.get('Date range'), '2026-11-20 to 2026-11-21 inclusive (dates and times in UTC)');
    assert.equal(h.get('Generated by'), 'physician a (physician)');
    assert.match(h.get('Ledger') ?? '', /hash chain verified/);
    const [row, ...rest] = tableOf(records, 'Date received');
    assert.equal(rest.length, 0);
    assert.ok(row);
    assert.equal(row['Date received'], '2026-11-20');
    assert.equal(row['Lot'], 'LOT-R1');
    assert.equal(row['Containers'], '2');
    assert.equal(row['Quantity mg'], '1000');
    assert.equal(row['Supplier'], 'Test Pharma Supply');
    assert.equal(row['Supplier DEA number'], 'AB1234563');
    assert.match(row['Invoice'] ?? '', /^INV-/);
    assert.equal(row['Received by'], 'nurse a (nurse)');
  });

  it('administrations: date, patient name and address, drug and quantity, administering individual', async () => {
    const records = await csv('administrations');
    const [row, ...rest] = tableOf(records, 'Date administered');
    assert.equal(rest.length, 0);
    assert.ok(row);
    assert.equal(row['Patient name'], 'Jane Reportington');
    assert.equal(row['Patient address'], '5 Elm St, Springfield IL 62701');
    assert.equal(row['Drug'], 'Ketamine hydrochloride injection');
    assert.equal(row['Strength'], '50 mg/mL');
    assert.equal(row['Drawn mg'], '100');
    assert.equal(Math.round(Number(row['Administered mg']) * 1000), administeredUg);
    assert.equal(Math.round(Number(row['Wasted mg']) * 1000), wastedUg);
    assert.equal(Number(row['Administered mg']) * 1000 + Number(row['Wasted mg']) * 1000, 100_000);
    assert.equal(row['Administering individual'], 'nurse a (nurse)');
    assert.ok(records.some((r) => r[0] === 'Note' && /^U — /.test(r[1] ?? '')), 'the federal field list is marked U');
  });

  it('administrations per patient: that patient only, named in the header; an unknown patient is not found', async () => {
    const records = await csv('administrations', { patientId });
    assert.match(header(records).get('Patient') ?? '', /^Jane Reportington, MRN /);
    assert.equal(tableOf(records, 'Date administered').length, 1);
    const other = await get(physician, 'administrations.csv', { patientId: randomUUID() });
    assert.equal(other.status, 404);
    assert.equal(other.body.code, 'PATIENT_NOT_FOUND');
    const empty = await csv('administrations', { from: '2026-11-22', to: '2026-11-30' });
    assert.equal(tableOf(empty, 'Date administered').length, 0);
  });

  it('waste and destruction: the witnessed remainder with its method and witness', async () => {
    const records = await csv('waste-destruction');
    const [row] = tableOf(records, 'Date');
    assert.ok(row);
    assert.equal(row['Record'], 'Unused remainder of a session’s draw, wasted');
    assert.equal(Math.round(Number(row['Quantity mg']) * 1000), wastedUg);
    assert.equal(row['Witnesses'], 'Wanda Witness (nurse)');
    assert.match(row['Method'] ?? '', /drug-disposal container/);
    assert.equal(row['NDC'], '0409-2051-05');
    const text = await pdfText('waste-destruction');
    assert.match(text, /Waste and destruction log — Clinic A/);
    assert.match(text, /Wanda Witness \(nurse\)/);
  });

  it('discrepancies: the missing vial, open, with its size', async () => {
    const records = await csv('discrepancies');
    const [row] = tableOf(records, 'Found');
    assert.ok(row);
    assert.equal(row['Difference mg'], '-500');
    assert.equal(row['Status'], 'OPEN — under investigation');
    assert.equal(row['Lot'], 'LOT-R1');
    const text = await pdfText('discrepancies');
    assert.match(text, /one business day/);
    assert.match(text, /45 days/);
  });

  it('inventory: date, close of business, drug, form, strength, volume and containers, the estimate marked', async () => {
    const records = await csv('inventory', { inventoryId });
    const h = header(records);
    assert.equal(h.get('Inventory'), 'Initial inventory');
    assert.equal(h.get('Date taken'), '2026-11-21');
    assert.equal(h.get('Taken at'), 'close of business');
    const [line, ...rest] = tableOf(records, 'Drug name');
    assert.equal(rest.length, 0);
    assert.ok(line);
    assert.equal(line['Strength'], '50 mg/mL');
    assert.equal(line['Number of containers'], '1');
    assert.equal(line['Units / volume, mL'], '8');
    assert.equal(line['Count'], 'estimated (opened container)');
    const text = await pdfText('inventory');
    assert.match(text, /Initial inventory — Clinic A/);
    assert.match(text, /Inventory taken by \(name and signature\)/);
    const unknown = await get(physician, 'inventory.csv', { inventoryId: randomUUID() });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.field, 'inventoryId');
  });

  it('every report renders as PDF with the Schedule III marking and the registrant on every page', async () => {
    for (const report of ['receipts', 'administrations', 'waste-destruction', 'discrepancies', 'inventory']) {
      const text = await pdfText(report);
      assert.match(text, /SCHEDULE III CONTROLLED-SUBSTANCE RECORDS \(21 CFR 1304\.04\(H\)\)/, report);
      assert.match(text, /Schedule III records · Clinic A · DEA FA1234563 · Satellite/, report);
    }
  });

  it('refuses bad requests naming the field, and another clinic’s location is not found', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['payroll.csv', {}, 'report'],
      ['receipts.xls', {}, 'format'],
      ['receipts.csv', { from: '2026-11-22', to: '2026-11-21' }, 'from'],
      ['receipts.csv', { from: '2026-02-30' }, 'from'],
      ['receipts.csv', { patientId }, 'patientId'],
      ['administrations.csv', { inventoryId }, 'inventoryId'],
    ];
    for (const [report, query, field] of cases) {
      const response = await get(physician, report, query);
      assert.equal(response.status, 400, `${report} ${JSON.stringify(query)}: ${response.text}`);
      assert.equal(response.body.field, field, report);
    }
    const noLocation = await physician.get('/api/ledger/reports/receipts.csv');
    assert.equal(noLocation.status, 400);
    assert.equal(noLocation.body.field, 'locationId');
    const other = await get(await t.as('physician', 'b'), 'receipts.csv');
    assert.equal(other.status, 404);
    assert.equal(other.body.code, 'LEDGER_LOCATION_NOT_FOUND');
  });

  it('audits every print, and the refusal', async () => {
    const rows = await auditRows(t.database, "action = 'ledger.report'");
    const success = rows.filter((r) => r.outcome === 'success');
    assert.ok(success.length >= 10);
    const last = success.at(-1);
    assert.equal(last?.entity_id, locationId);
    assert.equal(last.detail['format'], 'pdf');
    assert.equal(last.detail['chainOk'], true);
    assert.ok(rows.some((r) => r.outcome === 'failure' && r.detail['reason'] === 'LEDGER_LOCATION_NOT_FOUND'));
  });
});
