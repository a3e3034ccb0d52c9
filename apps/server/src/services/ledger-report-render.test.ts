import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CSV_BOM,
  csvField,
  formatStrength,
  formatUgAsMg,
  formatUlAsMl,
  renderLedgerReportCsv,
  renderLedgerReportPdf,
  SCHEDULE_III_MARKING,
  type LedgerReportDocument,
} from './ledger-report-render.js';

/** An RFC 4180 reader, strict: every record must end in CRLF, quotes only around whole fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text.charAt(i);
        i++;
      }
      if (text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
      continue;
    }
    const c = text[i];
    if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`a bare CR at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '\n') {
      throw new Error(`a bare LF at ${i}`);
    } else if (c === '"') {
      throw new Error(`a quote inside an unquoted field at ${i}`);
    } else {
      field += text.charAt(i);
      i++;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end in CRLF');
  return records;
}

function makeDocument(overrides: Partial<LedgerReportDocument> = {}): LedgerReportDocument {
  return {
    report: 'receipts',
    title: 'Receipts log',
    registrant: 'Clinique Éloïse, LLC',
    deaRegistration: null,
    locationName: 'Main',
    locationAddress: '1 Main Street, Springfield',
    activity: null,
    period: { from: '2026-11-01', to: '2026-11-30' },
    timeZone: 'America/Chicago',
    generatedAt: '2026-11-21 09:00',
    generatedBy: 'Ada Admin (admin)',
    isDemo: false,
    scope: [],
    basis: 'Every receipt, with its supplier (REFERENCE §9 Receipt, 21 CFR 1304.22(c) [S27]).',
    tables: [
      {
        title: 'Receipts',
        emptyText: 'No receipts in this period.',
        columns: [
          { key: 'date', title: 'Date received', share: 1 },
          { key: 'supplier', title: 'Supplier', share: 2 },
          { key: 'invoice', title: 'Invoice', share: 1 },
          { key: 'qty', title: 'Quantity mg', share: 1, numeric: true },
        ],
        rows: [
          { date: '2026-11-02', supplier: 'Acme, "West" Inc.', invoice: 'INV-1\nline 2', qty: '5000' },
          { date: '2026-11-03', supplier: '=HYPERLINK("x")', invoice: '@risk', qty: '-1.5' },
        ],
      },
    ],
    totals: [{ label: 'Received, mg', value: '5000' }],
    notes: ['Quantities are exact.'],
    signatures: [],
    ...overrides,
  };
}

describe('ledger report quantities (integer µg and µL shown exactly as mg and mL)', () => {
  const rows: [number, string][] = [
    [0, '0'],
    [1, '0.001'],
    [10, '0.01'],
    [12_345, '12.345'],
    [500_000, '500'],
    [2_500, '2.5'],
    [-1_500, '-1.5'],
    [-1, '-0.001'],
    [Number.MAX_SAFE_INTEGER, '9007199254740.991'],
  ];
  for (const [ug, mg] of rows) {
    it(`${ug} µg → ${mg} mg`, () => {
      assert.equal(formatUgAsMg(ug), mg);
      assert.equal(formatUlAsMl(ug), mg);
    });
  }
  it('refuses a fraction or an unsafe integer', () => {
    assert.throws(() => formatUgAsMg(1.5), RangeError);
    assert.throws(() => formatUgAsMg(2 ** 53), RangeError);
  });
  it('writes a strength from µg/mL', () => {
    assert.equal(formatStrength(50_000), '50 mg/mL');
    assert.equal(formatStrength(10_000), '10 mg/mL');
  });
});

describe('CSV fields (RFC 4180)', () => {
  const rows: [string, boolean, string][] = [
    ['plain', false, 'plain'],
    ['a,b', false, '"a,b"'],
    ['say "hi"', false, '"say ""hi"""'],
    ['two\r\nlines', false, '"two\r\nlines"'],
    ['one\nline', false, '"one\nline"'],
    ['=1+1', false, "'=1+1"],
    ['+1', false, "'+1"],
    ['@SUM(A1)', false, "'@SUM(A1)"],
    ['-5', false, "'-5"],
    ['-5', true, '-5'],
    ['-1.25', true, '-1.25'],
    ['-cmd|x', true, "'-cmd|x"],
    ['=A1,B1', false, `"'=A1,B1"`],
    ['', false, ''],
  ];
  for (const [value, numeric, expected] of rows) {
    it(`${JSON.stringify(value)}${numeric ? ' (numeric)' : ''} → ${JSON.stringify(expected)}`, () => {
      assert.equal(csvField(value, numeric), expected);
    });
  }
});

describe('a ledger report as CSV', () => {
  const text = renderLedgerReportCsv(makeDocument());
  const records = parseCsv(text.slice(CSV_BOM.length));

  it('starts with a UTF-8 byte-order mark and parses as RFC 4180 with one field count throughout', () => {
    assert.ok(text.startsWith(CSV_BOM));
    const widths = new Set(records.map((r) => r.length));
    assert.deepEqual([...widths], [4]);
  });

  it('opens with the Schedule III marking and a header block naming registrant, registration, location, report, range, generated at and by', () => {
    assert.equal(records[0]?.[0], SCHEDULE_III_MARKING);
    assert.equal(SCHEDULE_III_MARKING, 'Schedule III controlled-substance records (21 CFR 1304.04(h))');
    const header = new Map(records.slice(1, 12).map((r) => [r[0], r[1]]));
    assert.equal(header.get('Report'), 'Receipts log');
    assert.equal(header.get('Registrant'), 'Clinique Éloïse, LLC');
    assert.match(header.get('DEA registration') ?? '', /^not recorded/);
    assert.equal(header.get('Registered location'), 'Main');
    assert.equal(header.get('Location address'), '1 Main Street, Springfield');
    assert.equal(header.get('Date range'), '2026-11-01 to 2026-11-30 inclusive (dates and times in America/Chicago)');
    assert.equal(header.get('Generated at'), '2026-11-21 09:00 (America/Chicago)');
    assert.equal(header.get('Generated by'), 'Ada Admin (admin)');
    assert.equal(header.has('DEMO DATA'), false);
  });

  it('gives the rows back exactly, quotes, commas and line breaks included; formulas are disarmed, numbers kept', () => {
    const at = records.findIndex((r) => r[0] === 'Date received');
    assert.deepEqual(records[at], ['Date received', 'Supplier', 'Invoice', 'Quantity mg']);
    assert.deepEqual(records[at + 1], ['2026-11-02', 'Acme, "West" Inc.', 'INV-1\nline 2', '5000']);
    assert.deepEqual(records[at + 2], ['2026-11-03', `'=HYPERLINK("x")`, "'@risk", '-1.5']);
  });

  it('names a recorded DEA registration and marks demo data', () => {
    const demo = parseCsv(
      renderLedgerReportCsv(makeDocument({ deaRegistration: 'FD1234563', isDemo: true })).slice(CSV_BOM.length),
    );
    assert.deepEqual(demo.find((r) => r[0] === 'DEA registration')?.slice(0, 2), ['DEA registration', 'FD1234563']);
    assert.ok(demo.some((r) => r[0] === 'DEMO DATA'));
  });

  it('says so when a table is empty', () => {
    const empty = makeDocument();
    const table = empty.tables[0];
    assert.ok(table);
    empty.tables = [{ ...table, rows: [] }];
    const parsed = parseCsv(renderLedgerReportCsv(empty).slice(CSV_BOM.length));
    const at = parsed.findIndex((r) => r[0] === 'Date received');
    assert.equal(parsed[at + 1]?.[0], 'No receipts in this period.');
  });
});

describe('a ledger report as PDF', () => {
  it('holds the marking, the header, the rows and page numbers as text (pdftotext)', async () => {
    const many = makeDocument({ isDemo: true, signatures: ['Inventory taken by'] });
    const table = many.tables[0];
    assert.ok(table);
    table.rows = Array.from({ length: 60 }, (_, i) => ({
      date: '2026-11-02',
      supplier: `Supplier ${i + 1}`,
      invoice: `INV-${i + 1}`,
      qty: String(i),
    }));
    const pdf = await renderLedgerReportPdf(many);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const dir = mkdtempSync(path.join(tmpdir(), 'ledger-report-'));
    try {
      const file = path.join(dir, 'report.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      assert.match(text, /SCHEDULE III CONTROLLED-SUBSTANCE RECORDS \(21 CFR 1304\.04\(H\)\)/);
      assert.match(text, /DEMO DATA/);
      assert.match(text, /Receipts log — Clinique Éloïse, LLC/);
      assert.match(text, /DEA registration not recorded/);
      assert.match(text, /Supplier 1 /);
      assert.match(text, /Supplier 60 /);
      const pages = Number(/page 1 of (\d+)/.exec(text)?.[1]);
      assert.ok(pages >= 2, `${pages} pages`);
      assert.match(text, new RegExp(`page ${pages} of ${pages}`));
      assert.match(text, /Inventory taken by/);
      // The header row repeats on the page a table runs onto.
      assert.equal(text.match(/Date received/g)?.length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
