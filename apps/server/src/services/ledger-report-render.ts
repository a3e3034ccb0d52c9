/**
 * Renders a controlled-substance ledger report (receipts, administrations, waste and destruction,
 * discrepancies, inventory) as CSV (RFC 4180) and as PDF, from the same plain document: a header block that
 * names the registrant, its DEA registration and the registered location, the report, the period, who
 * generated it and when, and the Schedule III marking of 21 CFR 1304.04(h) (REFERENCE §9 Storage/format
 * [S27]); then one or more tables, totals and notes. Pure functions of the document, no I/O.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';

/** The marking that makes these records "readily retrievable" from ordinary business records (§9, 21 CFR 1304.04(h) [S27]). */
export const SCHEDULE_III_MARKING = 'Schedule III controlled-substance records (21 CFR 1304.04(h))';

export const LEDGER_REPORTS = ['receipts', 'administrations', 'waste-destruction', 'discrepancies', 'inventory'] as const;
export type LedgerReportKind = (typeof LEDGER_REPORTS)[number];

export interface ReportColumn {
  key: string;
  title: string;
  /** Relative width in the PDF. */
  share: number;
  /** Right-aligned in the PDF; a numeric cell is written to CSV without the formula guard. */
  numeric?: boolean;
}

/** A PDF column that prints several CSV columns in one cell, one value a line (empty values left out). */
export interface PdfColumn {
  title: string;
  share: number;
  keys: string[];
  numeric?: boolean;
}

export interface ReportTable {
  title: string;
  /** The CSV columns, one value each: what a spreadsheet sorts and filters on. */
  columns: ReportColumn[];
  /** The PDF's columns when they group CSV columns (the page is narrower than a spreadsheet). */
  pdfColumns?: PdfColumn[];
  rows: Record<string, string>[];
  /** Shown in place of the rows when there are none. */
  emptyText: string;
}

export interface LedgerReportDocument {
  report: LedgerReportKind;
  /** e.g. "Receipts log". */
  title: string;
  /** The clinic (the registrant). */
  registrant: string;
  /** null: the clinic has not recorded it; the report says so. */
  deaRegistration: string | null;
  locationName: string;
  locationAddress: string | null;
  /** The business activity of the registration, when recorded (21 CFR 1304.21(b)–(c) [S27]). */
  activity: string | null;
  period: { from: string; to: string };
  timeZone: string;
  /** Already formatted in the clinic's time zone, "YYYY-MM-DD HH:mm". */
  generatedAt: string;
  generatedBy: string;
  isDemo: boolean;
  /** Extra header rows, e.g. the patient a log is limited to. */
  scope: { label: string; value: string }[];
  /** One or two sentences: what the report holds and the rule it answers (REFERENCE §9 row and regulation). */
  basis: string;
  tables: ReportTable[];
  totals: { label: string; value: string }[];
  notes: string[];
  /** Signature lines printed under the tables (the inventory's taker and witness). */
  signatures: string[];
}

// ───────────────────────────── quantities ─────────────────────────────

/** Integer thousandths as an exact decimal: 12_345 → "12.345", 500_000 → "500", −1_500 → "-1.5". */
function thousandths(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.trunc(abs / 1000);
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Micrograms as milligrams, exactly (integer maths): 12_345 → "12.345". */
export function formatUgAsMg(ug: number): string {
  return thousandths(ug);
}

/** Microlitres as millilitres, exactly: 2_500 → "2.5". */
export function formatUlAsMl(ul: number): string {
  return thousandths(ul);
}

/** A concentration in µg/mL as "50 mg/mL". */
export function formatStrength(concentrationUgPerMl: number): string {
  return `${thousandths(concentrationUgPerMl)} mg/mL`;
}

// ───────────────────────────── CSV ─────────────────────────────

const CRLF = '\r\n';
export const CSV_BOM = '\uFEFF';
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One field per RFC 4180: quoted when it holds a comma, a quote, CR or LF (quotes doubled). Text that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is prefixed with an apostrophe;
 * plain numbers, negative ones included, are written as they are.
 */
export function csvField(value: string, numeric = false): string {
  let text = value;
  if (!(numeric && PLAIN_NUMBER.test(text)) && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of fields as RFC 4180 text: CRLF after every record, every record padded to the same field count. */
export function csvRecords(records: { fields: string[]; numeric?: boolean[] }[]): string {
  const width = Math.max(1, ...records.map((r) => r.fields.length));
  return records
    .map((r) => {
      const fields = [...r.fields, ...Array<string>(width - r.fields.length).fill('')];
      return fields.map((f, i) => csvField(f, r.numeric?.[i] ?? false)).join(',') + CRLF;
    })
    .join('');
}

/** The header block every report starts with, as label/value pairs (shared by CSV and PDF). */
export function headerRows(doc: LedgerReportDocument): { label: string; value: string }[] {
  return [
    { label: 'Report', value: doc.title },
    { label: 'Registrant', value: doc.registrant },
    {
      label: 'DEA registration',
      value: doc.deaRegistration ?? 'not recorded (the clinic has not entered its DEA registration number)',
    },
    { label: 'Registered location', value: doc.locationName },
    { label: 'Location address', value: doc.locationAddress ?? 'not recorded' },
    ...(doc.activity ? [{ label: 'Business activity', value: doc.activity }] : []),
    { label: 'Date range', value: `${doc.period.from} to ${doc.period.to} inclusive (dates and times in ${doc.timeZone})` },
    ...doc.scope,
    { label: 'Generated at', value: `${doc.generatedAt} (${doc.timeZone})` },
    { label: 'Generated by', value: doc.generatedBy },
    ...(doc.isDemo ? [{ label: 'DEMO DATA', value: 'synthetic demonstration records, not a real registrant' }] : []),
  ];
}

export function renderLedgerReportCsv(doc: LedgerReportDocument): string {
  const records: { fields: string[]; numeric?: boolean[] }[] = [{ fields: [SCHEDULE_III_MARKING] }];
  for (const row of headerRows(doc)) records.push({ fields: [row.label, row.value] });
  records.push({ fields: ['What this report holds', doc.basis] });
  for (const table of doc.tables) {
    records.push({ fields: [] });
    records.push({ fields: [table.title] });
    records.push({ fields: table.columns.map((c) => c.title) });
    if (table.rows.length === 0) records.push({ fields: [table.emptyText] });
    for (const row of table.rows) {
      records.push({
        fields: table.columns.map((c) => row[c.key] ?? ''),
        numeric: table.columns.map((c) => c.numeric === true),
      });
    }
  }
  if (doc.totals.length > 0) {
    records.push({ fields: [] });
    for (const total of doc.totals) records.push({ fields: [total.label, total.value], numeric: [false, true] });
  }
  if (doc.notes.length > 0) {
    records.push({ fields: [] });
    for (const note of doc.notes) records.push({ fields: ['Note', note] });
  }
  records.push({ fields: [] });
  records.push({ fields: ['End of report', `${doc.title}, ${doc.period.from} to ${doc.period.to}`] });
  // The byte-order mark tells spreadsheet programs the file is UTF-8 (µ, ×, accented names).
  return CSV_BOM + csvRecords(records);
}

// ───────────────────────────── PDF ─────────────────────────────

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT_REGULAR = `${FONT_DIR}/DejaVuSans.ttf`;
const FONT_BOLD = `${FONT_DIR}/DejaVuSans-Bold.ttf`;
const MARGIN = 36;
const BODY_SIZE = 8.5;
const TABLE_SIZE = 7.5;
const GREY = '#555555';
const MARK_RED = '#b00020';

type Pdf = InstanceType<typeof PDFDocument>;

interface Fonts {
  regular: string;
  bold: string;
  text: (s: string) => string;
}

/** Helvetica is Latin-1 only: the few symbols the reports use are spelled out. */
function latin1(s: string): string {
  return s
    .replace(/µ/g, 'u')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/[–—]/g, '-')
    .replace(/→/g, '->')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/×/g, 'x')
    .replace(/§/g, 'S')
    .replace(/[^\u0020-\u00ff\n]/g, '?');
}

function setUpFonts(pdf: Pdf): Fonts {
  if (existsSync(FONT_REGULAR) && existsSync(FONT_BOLD)) {
    pdf.registerFont('body', FONT_REGULAR);
    pdf.registerFont('bold', FONT_BOLD);
    return { regular: 'body', bold: 'bold', text: (s) => s };
  }
  return { regular: 'Helvetica', bold: 'Helvetica-Bold', text: latin1 };
}

class ReportPdf {
  constructor(
    readonly pdf: Pdf,
    readonly fonts: Fonts,
  ) {}

  get width(): number {
    return this.pdf.page.width - 2 * MARGIN;
  }

  get bottom(): number {
    return this.pdf.page.height - MARGIN - 14;
  }

  ensureSpace(height: number): void {
    if (this.pdf.y + height > this.bottom) this.pdf.addPage();
  }

  text(s: string, options: { bold?: boolean; size?: number; color?: string; x?: number; width?: number } = {}): void {
    this.pdf
      .font(options.bold ? this.fonts.bold : this.fonts.regular)
      .fontSize(options.size ?? BODY_SIZE)
      .fillColor(options.color ?? 'black')
      .text(this.fonts.text(s), options.x ?? MARGIN, this.pdf.y, { width: options.width ?? this.width });
    this.pdf.fillColor('black');
  }

  heading(title: string): void {
    this.ensureSpace(48);
    this.pdf.moveDown(0.7);
    this.text(title, { bold: true, size: 10.5 });
    const y = this.pdf.y + 1;
    this.pdf.moveTo(MARGIN, y).lineTo(MARGIN + this.width, y).lineWidth(0.5).strokeColor('#999999').stroke();
    this.pdf.moveDown(0.35);
  }

  /** Label/value pairs in two columns. */
  pairs(rows: { label: string; value: string }[]): void {
    const { pdf, fonts } = this;
    const labelWidth = 110;
    const columnWidth = this.width / 2 - 8;
    const half = Math.ceil(rows.length / 2);
    const top = pdf.y;
    let bottom = top;
    [rows.slice(0, half), rows.slice(half)].forEach((column, c) => {
      const x = MARGIN + c * (columnWidth + 16);
      let y = top;
      for (const row of column) {
        pdf.font(fonts.bold).fontSize(BODY_SIZE);
        const value = fonts.text(row.value);
        const height = Math.max(
          pdf.heightOfString(fonts.text(row.label), { width: labelWidth }),
          pdf.font(fonts.regular).heightOfString(value, { width: columnWidth - labelWidth }),
        );
        pdf.font(fonts.bold).fillColor(GREY).text(fonts.text(row.label), x, y, { width: labelWidth });
        pdf.font(fonts.regular).fillColor('black').text(value, x + labelWidth, y, { width: columnWidth - labelWidth });
        y += height + 2;
      }
      bottom = Math.max(bottom, y);
    });
    pdf.x = MARGIN;
    pdf.y = bottom;
  }

  /** A table whose header row repeats on every page it runs onto. */
  table(table: ReportTable): void {
    const { pdf, fonts } = this;
    const columns: PdfColumn[] =
      table.pdfColumns ??
      table.columns.map((c) => ({
        title: c.title,
        share: c.share,
        keys: [c.key],
        ...(c.numeric === undefined ? {} : { numeric: c.numeric }),
      }));
    const cell = (row: Record<string, string>, column: PdfColumn) =>
      column.keys
        .map((k) => row[k] ?? '')
        .filter((v) => v !== '')
        .join('\n');
    const total = columns.reduce((s, c) => s + c.share, 0);
    const widths = columns.map((c) => (c.share / total) * this.width);
    const drawRow = (cells: string[], header: boolean) => {
      const texts = cells.map((c) => fonts.text(c));
      const font = header ? fonts.bold : fonts.regular;
      const measure = () => {
        pdf.font(font).fontSize(TABLE_SIZE);
        return Math.max(...texts.map((t, i) => pdf.heightOfString(t, { width: (widths[i] ?? 40) - 5 }))) + 4;
      };
      let height = measure();
      if (pdf.y + height > this.bottom) {
        pdf.addPage();
        if (!header) {
          drawRow(
            columns.map((c) => c.title),
            true,
          );
          height = measure();
        }
      }
      const y = pdf.y;
      if (header) pdf.rect(MARGIN, y, this.width, height).fill('#eeeeee');
      pdf.font(font).fontSize(TABLE_SIZE).fillColor('black');
      let x = MARGIN;
      texts.forEach((t, i) => {
        const w = widths[i] ?? 40;
        const numeric = columns[i]?.numeric === true && !header;
        pdf.text(t, x + 2.5, y + 2, { width: w - 5, align: numeric ? 'right' : 'left' });
        x += w;
      });
      pdf.y = y + height;
      pdf
        .moveTo(MARGIN, pdf.y)
        .lineTo(MARGIN + this.width, pdf.y)
        .lineWidth(header ? 0.6 : 0.25)
        .strokeColor(header ? '#888888' : '#cccccc')
        .stroke();
      pdf.x = MARGIN;
    };
    drawRow(
      columns.map((c) => c.title),
      true,
    );
    if (table.rows.length === 0) {
      pdf.moveDown(0.3);
      this.text(table.emptyText, { color: GREY });
    }
    for (const row of table.rows)
      drawRow(
        columns.map((c) => cell(row, c)),
        false,
      );
  }
}

function renderPdfBody(doc: LedgerReportDocument, r: ReportPdf): void {
  const { pdf, fonts } = r;
  if (doc.isDemo) {
    pdf.rect(MARGIN, pdf.y, r.width, 20).fill(MARK_RED);
    pdf
      .font(fonts.bold)
      .fontSize(11)
      .fillColor('white')
      .text('DEMO DATA — synthetic records, not a real registrant', MARGIN, pdf.y + 5, {
        width: r.width,
        align: 'center',
      });
    pdf.fillColor('black');
    pdf.moveDown(0.9);
  }
  // The Schedule III marking, in a red frame so the page is told apart from ordinary records at a glance.
  const markTop = pdf.y;
  pdf.font(fonts.bold).fontSize(9).fillColor(MARK_RED);
  pdf.text(fonts.text(SCHEDULE_III_MARKING.toUpperCase()), MARGIN + 6, markTop + 4, { width: r.width - 12 });
  pdf.rect(MARGIN, markTop, r.width, pdf.y - markTop + 3).lineWidth(1.2).strokeColor(MARK_RED).stroke();
  pdf.fillColor('black');
  pdf.y += 8;
  r.text(`${doc.title} — ${doc.registrant}`, { bold: true, size: 15 });
  pdf.moveDown(0.4);
  r.pairs(headerRows(doc).filter((row) => row.label !== 'Report' && row.label !== 'DEMO DATA'));
  pdf.moveDown(0.4);
  r.text(doc.basis, { color: GREY });

  for (const table of doc.tables) {
    r.heading(table.title);
    r.table(table);
  }
  if (doc.totals.length > 0) {
    r.heading('Totals');
    r.pairs(doc.totals);
  }
  if (doc.notes.length > 0) {
    r.heading('Notes');
    for (const note of doc.notes) {
      r.ensureSpace(20);
      r.text(`• ${note}`);
      pdf.moveDown(0.15);
    }
  }
  if (doc.signatures.length > 0) {
    // The signature lines stay together on one page with their heading.
    r.ensureSpace(60 + doc.signatures.length * 52);
    r.heading('Signatures');
    for (const signature of doc.signatures) {
      r.ensureSpace(52);
      pdf.y += 30; // room to sign
      const y = pdf.y;
      pdf.moveTo(MARGIN, y).lineTo(MARGIN + 300, y).lineWidth(0.5).strokeColor('black').stroke();
      pdf.moveTo(MARGIN + 330, y).lineTo(MARGIN + 460, y).stroke();
      pdf.y = y + 2;
      r.text(signature, { size: 7.5, color: GREY, width: 300 });
      pdf.font(fonts.regular).fontSize(7.5).fillColor(GREY).text('Date', MARGIN + 330, y + 2, { width: 130 });
      pdf.fillColor('black');
      pdf.x = MARGIN;
    }
  }

  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const y = pdf.page.height - MARGIN + 6;
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0; // the footer sits in the margin: writing there must not add a page
    pdf.font(fonts.regular).fontSize(6.5).fillColor(GREY);
    pdf.text(
      fonts.text(
        [
          'Schedule III records',
          doc.registrant,
          `DEA ${doc.deaRegistration ?? 'registration not recorded'}`,
          doc.locationName,
          doc.title,
          `${doc.period.from} to ${doc.period.to}`,
          `generated ${doc.generatedAt}`,
          `page ${i - range.start + 1} of ${range.count}`,
          ...(doc.isDemo ? ['DEMO DATA'] : []),
        ].join(' · '),
      ),
      MARGIN,
      y,
      { width: r.width, align: 'center', lineBreak: false },
    );
    pdf.page.margins.bottom = bottom;
  }
}

/** The report as a PDF (US Letter, landscape: the tables are wide). */
export async function renderLedgerReportPdf(doc: LedgerReportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'LETTER',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `${doc.title} — ${doc.registrant}, ${doc.locationName}, ${doc.period.from} to ${doc.period.to}`,
      Author: doc.registrant,
      Subject: SCHEDULE_III_MARKING,
      Creator: 'Ketapath',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    pdf.on('error', reject);
  });
  const fonts = setUpFonts(pdf);
  pdf.font(fonts.regular).fontSize(BODY_SIZE);
  renderPdfBody(doc, new ReportPdf(pdf, fonts));
  pdf.end();
  return done;
}
