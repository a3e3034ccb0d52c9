/**
 * The session chart as a PDF a referring physician can read: header (clinic, patient, MRN, date of birth,
 * session n of N, protocol and version, date), the pre-start checklist with who and when, pump programmings
 * and their double-checks, the events, vital signs, alerts and their acknowledgements, rescue medications,
 * side effects, pain before and after, the administered total (computed exactly from the rate history),
 * discharge (Aldrete items and total), signatures and addenda. Demo patients carry a DEMO DATA banner.
 * Text is set in DejaVu Sans (embedded), so µ, ≥ and accented names print; without the font file the
 * standard Helvetica is used and those characters are spelled out.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { listUsers } from '@ketapath/db';
import type { SessionEntry } from '@ketapath/core';
import type { ChartState } from '@ketapath/charting';
import { DomainError } from '@ketapath/core';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { loadChart, type ChartDto } from './chart.service.js';

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT_REGULAR = `${FONT_DIR}/DejaVuSans.ttf`;
const FONT_BOLD = `${FONT_DIR}/DejaVuSans-Bold.ttf`;

const PAGE_MARGIN = 40;
const BODY_SIZE = 9;
const GREY = '#555555';

type Doc = InstanceType<typeof PDFDocument>;

interface Fonts {
  regular: string;
  bold: string;
  /** Text as the font can print it. */
  text: (s: string) => string;
}

/** Helvetica is Latin-1 only: the few symbols the chart uses are spelled out. */
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
    .replace(/[^\u0020-\u00ff\n]/g, '?');
}

function setUpFonts(doc: Doc): Fonts {
  if (existsSync(FONT_REGULAR) && existsSync(FONT_BOLD)) {
    doc.registerFont('body', FONT_REGULAR);
    doc.registerFont('bold', FONT_BOLD);
    return { regular: 'body', bold: 'bold', text: (s) => s };
  }
  return { regular: 'Helvetica', bold: 'Helvetica-Bold', text: latin1 };
}

function formatTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

function clockTime(iso: string | null | undefined, timeZone: string): string {
  return iso ? formatTime(iso, timeZone).slice(11) : '—';
}

function num(value: number | null | undefined, unit = ''): string {
  if (value === null || value === undefined) return '—';
  const text = Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
  return unit ? `${text} ${unit}` : text;
}

class ChartPdf {
  readonly doc: Doc;
  readonly fonts: Fonts;
  readonly names: Map<string, string>;
  readonly tz: string;

  constructor(doc: Doc, fonts: Fonts, names: Map<string, string>, timeZone: string) {
    this.doc = doc;
    this.fonts = fonts;
    this.names = names;
    this.tz = timeZone;
  }

  get width(): number {
    return this.doc.page.width - 2 * PAGE_MARGIN;
  }

  who(
    by: { userId: string; email: string; role: string } | null | undefined,
    deviceId?: string | null,
  ): string {
    if (!by) return deviceId ? 'monitor device' : '—';
    return `${this.names.get(by.userId) ?? by.email} (${by.role.replace('_', ' ')})`;
  }

  time(iso: string | null | undefined): string {
    return formatTime(iso, this.tz);
  }

  ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - PAGE_MARGIN - 20) this.doc.addPage();
  }

  heading(title: string): void {
    this.ensureSpace(40);
    this.doc.moveDown(0.6);
    this.doc
      .font(this.fonts.bold)
      .fontSize(11)
      .fillColor('black')
      .text(this.fonts.text(title), PAGE_MARGIN, this.doc.y, { width: this.width });
    const y = this.doc.y + 1;
    this.doc
      .moveTo(PAGE_MARGIN, y)
      .lineTo(PAGE_MARGIN + this.width, y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    this.doc.moveDown(0.3);
    this.doc.font(this.fonts.regular).fontSize(BODY_SIZE);
  }

  line(text: string, options: { bold?: boolean; color?: string } = {}): void {
    this.doc
      .font(options.bold ? this.fonts.bold : this.fonts.regular)
      .fontSize(BODY_SIZE)
      .fillColor(options.color ?? 'black')
      .text(this.fonts.text(text), PAGE_MARGIN, this.doc.y, { width: this.width });
    this.doc.fillColor('black');
  }

  label(label: string, value: string): void {
    this.doc
      .font(this.fonts.bold)
      .fontSize(BODY_SIZE)
      .text(this.fonts.text(`${label}: `), PAGE_MARGIN, this.doc.y, { continued: true, width: this.width })
      .font(this.fonts.regular)
      .text(this.fonts.text(value));
  }

  none(text = 'None recorded.'): void {
    this.line(text, { color: GREY });
  }

  /** A table with a header row; columns are fractions of the width. Rows break across pages with the header. */
  table(columns: { title: string; share: number }[], rows: string[][]): void {
    const doc = this.doc;
    const total = columns.reduce((s, c) => s + c.share, 0);
    const widths = columns.map((c) => (c.share / total) * this.width);
    const drawRow = (cells: string[], bold: boolean) => {
      const texts = cells.map((c) => this.fonts.text(c));
      const measure = () => {
        doc.font(bold ? this.fonts.bold : this.fonts.regular).fontSize(BODY_SIZE - 0.5);
        return Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: (widths[i] ?? 50) - 4 }))) + 3;
      };
      let height = measure();
      if (doc.y + height > doc.page.height - PAGE_MARGIN - 20) {
        doc.addPage();
        if (!bold) {
          drawRow(
            columns.map((c) => c.title),
            true,
          );
          height = measure();
        }
      }
      const y = doc.y;
      let x = PAGE_MARGIN;
      texts.forEach((t, i) => {
        const w = widths[i] ?? 50;
        doc.text(t, x + 2, y + 1.5, { width: w - 4 });
        x += w;
      });
      doc.y = y + height;
      doc
        .moveTo(PAGE_MARGIN, doc.y)
        .lineTo(PAGE_MARGIN + this.width, doc.y)
        .lineWidth(0.25)
        .strokeColor('#cccccc')
        .stroke();
      doc.x = PAGE_MARGIN;
    };
    drawRow(
      columns.map((c) => c.title),
      true,
    );
    for (const row of rows) drawRow(row, false);
    doc.font(this.fonts.regular).fontSize(BODY_SIZE);
  }
}

const EVENT_KINDS = new Set([
  'pump-program',
  'double-check',
  'start',
  'rate-change',
  'pause',
  'resume',
  'stop',
  'bolus',
]);

function eventText(entry: SessionEntry): string {
  const d = entry.data;
  switch (d.kind) {
    case 'pump-program':
      return `Pump programmed: ${num(d.rate.value)} ${d.rate.unit} = ${num(d.rateMlPerH, 'mL/h')}; bag ${num(d.bag.drugMg, 'mg')} in ${num(d.bag.volumeMl, 'mL')}, lot ${d.bag.lot}`;
    case 'double-check':
      return `Double-check of entry ${d.programSeq}`;
    case 'start':
      return 'Infusion started';
    case 'rate-change':
      return `Rate changed to ${num(d.rate.value)} ${d.rate.unit} = ${num(d.rateMlPerH, 'mL/h')} — ${d.reason}`;
    case 'pause':
      return `Paused — ${d.reason}`;
    case 'resume':
      return 'Resumed';
    case 'stop':
      return `Stopped — ${d.reason}`;
    case 'bolus':
      return `Bolus ${num(d.doseMg, 'mg')} — ${d.reason}`;
    case 'checklist':
    case 'vitals':
    case 'pain-score':
    case 'side-effect':
    case 'rescue-medication':
    case 'alert':
    case 'alert-ack':
    case 'discharge-assessment':
    case 'nurse-sign':
    case 'physician-cosign':
    case 'addendum':
    case 'note':
      return d.kind;
  }
}

function administeredText(chart: ChartState): string {
  const a = chart.administered;
  const exact =
    a.exactMicrogramsDenominator === '1'
      ? `${a.exactMicrogramsNumerator} µg exactly`
      : `exactly ${a.exactMicrogramsNumerator}/${a.exactMicrogramsDenominator} µg`;
  return `${a.mg.toFixed(3)} mg ketamine (${exact}; infusion ${a.infusionMg.toFixed(3)} mg, boluses ${a.bolusMg.toFixed(3)} mg) — computed from the pump rate history, not typed`;
}

function render(dto: ChartDto, pdf: ChartPdf, printedAt: string): void {
  const { doc, fonts } = pdf;
  const { session, chart, entries } = dto;

  if (session.patient.isDemo) {
    doc.rect(PAGE_MARGIN, doc.y, pdf.width, 22).fill('#b00020');
    doc
      .font(fonts.bold)
      .fontSize(12)
      .fillColor('white')
      .text('DEMO DATA — not a real patient', PAGE_MARGIN, doc.y + 5, { width: pdf.width, align: 'center' });
    doc.fillColor('black');
    doc.moveDown(0.8);
  }
  doc
    .font(fonts.bold)
    .fontSize(15)
    .text(fonts.text(`${session.clinicName} — Ketamine infusion chart`), PAGE_MARGIN, doc.y, {
      width: pdf.width,
    });
  doc.moveDown(0.3);
  pdf.label('Patient', session.patient.displayName);
  pdf.label('MRN', session.patient.mrn);
  pdf.label('Date of birth', session.patient.dateOfBirth);
  pdf.label('Session', `${session.sessionNumber} of ${session.sessionCount}`);
  pdf.label(
    'Protocol',
    `${session.protocolName} (${session.protocolId}, version ${session.protocolVersion})`,
  );
  pdf.label(
    'Date',
    `${pdf.time(chart.startedAt ?? session.scheduledStart).slice(0, 10)} (scheduled ${pdf.time(session.scheduledStart)}, times in ${pdf.tz})`,
  );
  pdf.label('Chair', session.chair ?? '—');
  pdf.label('State', `${chart.state}${chart.locked ? ' (signed and locked)' : ''}`);
  if (session.order?.rate) {
    pdf.label(
      'Order',
      `${num(session.order.rate.value)} ${session.order.rate.unit} for ${num(session.order.durationMin ?? null, 'min')}, ${session.order.weightBasis} body weight ${num(session.doseWeightKg ?? session.order.weightKg, 'kg')}`,
    );
  }

  pdf.heading('Pre-start checklist');
  const c = chart.checklist;
  const checklistRows: string[][] = [];
  if (c.consent)
    checklistRows.push([
      'Consent',
      `signed ${pdf.time(c.consent.signedAt)}`,
      pdf.who(c.consent.by),
      pdf.time(c.consent.at),
    ]);
  if (c.fasting)
    checklistRows.push([
      'Fasting',
      `last food ${pdf.time(c.fasting.lastFoodAt)}; last clear fluid ${pdf.time(c.fasting.lastClearFluidAt)}`,
      pdf.who(c.fasting.by),
      pdf.time(c.fasting.at),
    ]);
  if (c.pregnancyTest)
    checklistRows.push([
      'Pregnancy test',
      `${c.pregnancyTest.result} (${pdf.time(c.pregnancyTest.at)})`,
      pdf.who(c.pregnancyTest.by),
      pdf.time(c.pregnancyTest.at),
    ]);
  if (c.escort)
    checklistRows.push([
      'Escort',
      `${c.escort.confirmed ? 'confirmed' : 'not confirmed'}${c.escort.name ? ` — ${c.escort.name}` : ''}`,
      pdf.who(c.escort.by),
      pdf.time(c.escort.at),
    ]);
  for (const t of c.preTreatmentTests)
    checklistRows.push([`Test: ${t.testId}`, `done ${pdf.time(t.doneAt)}`, pdf.who(t.by), pdf.time(t.at)]);
  if (chart.baseline) {
    const b = chart.baseline;
    checklistRows.push([
      'Baseline vitals',
      `BP ${b.systolicMmHg}/${b.diastolicMmHg} mmHg, HR ${b.heartRatePerMin}/min, SpO₂ ${b.spo2Percent}%, RR ${b.respiratoryRatePerMin}/min`,
      pdf.who(chart.vitals.find((v) => v.seq === b.seq)?.by),
      pdf.time(b.at),
    ]);
  }
  if (checklistRows.length === 0) pdf.none();
  else
    pdf.table(
      [
        { title: 'Item', share: 2 },
        { title: 'Recorded', share: 5 },
        { title: 'By', share: 3 },
        { title: 'When', share: 2.2 },
      ],
      checklistRows,
    );

  pdf.heading('Pump programming and independent double-checks');
  if (chart.programs.length === 0) pdf.none();
  else {
    pdf.table(
      [
        { title: 'Entry', share: 0.8 },
        { title: 'Setting', share: 5 },
        { title: 'Programmed by', share: 3 },
        { title: 'Double-checked by', share: 3.2 },
      ],
      chart.programs.map((p) => [
        String(p.seq),
        `${p.kind === 'program' ? 'Program' : 'Rate change'}: ${num(p.rate.value)} ${p.rate.unit} → ${num(p.rateMlPerH, 'mL/h')} (${num(p.rateMgPerH, 'mg/h')}); bag ${num(p.bag.drugMg, 'mg')}/${num(p.bag.volumeMl, 'mL')} = ${num(p.concentrationMgPerMl, 'mg/mL')}, lot ${p.bag.lot}; ${num(p.weightKg, 'kg')} ${p.weightBasis}${p.reason ? `; reason: ${p.reason}` : ''}`,
        `${pdf.who(p.by)}, ${pdf.time(p.at)}`,
        p.doubleCheckedBy
          ? `${pdf.who(p.doubleCheckedBy.by)}, ${pdf.time(p.doubleCheckedBy.at)}`
          : 'NOT double-checked',
      ]),
    );
  }

  pdf.heading('Events');
  const events = entries.filter((e) => EVENT_KINDS.has(e.data.kind));
  if (events.length === 0) pdf.none();
  else
    pdf.table(
      [
        { title: 'Time', share: 1.2 },
        { title: 'Event', share: 6 },
        { title: 'By', share: 3 },
      ],
      events.map((e) => [clockTime(e.occurredAt, pdf.tz), eventText(e), pdf.who(e.recordedBy, e.deviceId)]),
    );

  pdf.heading('Administered dose');
  pdf.line(administeredText(chart), { bold: true });
  pdf.line(`Started ${pdf.time(chart.startedAt)}; stopped ${pdf.time(chart.stoppedAt)}.`);

  pdf.heading('Vital signs');
  if (chart.vitals.length === 0) pdf.none();
  else {
    pdf.table(
      [
        { title: 'Time', share: 1 },
        { title: 'BP mmHg', share: 1.3 },
        { title: 'HR /min', share: 1 },
        { title: 'SpO₂ %', share: 1 },
        { title: 'RR /min', share: 1 },
        { title: 'Sedation / dissociation', share: 2.2 },
        { title: 'Source', share: 2.5 },
      ],
      chart.vitals.map((v) => [
        clockTime(v.at, pdf.tz),
        v.systolicMmHg !== undefined || v.diastolicMmHg !== undefined
          ? `${num(v.systolicMmHg)}/${num(v.diastolicMmHg)}`
          : '—',
        num(v.heartRatePerMin),
        `${num(v.spo2Percent)}${v.onSupplementalO2 ? ' (O₂)' : ''}`,
        num(v.respiratoryRatePerMin),
        [
          v.sedation ? `${v.sedation.scale.toUpperCase()} ${v.sedation.score}` : '',
          v.dissociation ? `${v.dissociation.scale} ${v.dissociation.score}` : '',
        ]
          .filter(Boolean)
          .join('; ') || '—',
        `${v.source === 'device' ? 'monitor' : pdf.who(v.by)}${v.baseline ? ' — baseline' : ''}`,
      ]),
    );
  }

  pdf.heading('Alerts and acknowledgements');
  if (chart.alerts.length === 0) pdf.none('No alerts were raised.');
  else {
    pdf.table(
      [
        { title: 'Time', share: 1 },
        { title: 'Alert', share: 5.5 },
        { title: 'Acknowledged', share: 4 },
      ],
      chart.alerts.map((a) => {
        const citations = Array.isArray(a.finding['citations'])
          ? (a.finding['citations'] as { section?: string; source?: string }[])
              .map((ci) => `${ci.section ?? ''} ${ci.source ?? ''}`.trim())
              .join(', ')
          : '';
        return [
          clockTime(a.at, pdf.tz),
          `${a.severity}${a.actionTier ? ` / ${a.actionTier}` : ''} — ${a.title}: ${a.message} [${a.ruleId} v${a.ruleVersion}${citations ? `; ${citations}` : ''}]`,
          a.acknowledged
            ? `${pdf.who(a.acknowledged.by)}, ${pdf.time(a.acknowledged.at)}: ${a.acknowledged.action}`
            : 'NOT acknowledged',
        ];
      }),
    );
  }

  pdf.heading('Rescue medications and side effects');
  if (chart.rescueMeds.length === 0 && chart.sideEffects.length === 0) pdf.none();
  for (const r of chart.rescueMeds)
    pdf.line(
      `${clockTime(r.at, pdf.tz)}  ${r.drug} ${num(r.doseMg, 'mg')} ${r.route} — ${r.reason} (${pdf.who(r.by)})`,
    );
  for (const s of chart.sideEffects)
    pdf.line(
      `${clockTime(s.at, pdf.tz)}  Side effect: ${s.symptom}${s.note ? ` — ${s.note}` : ''} (${pdf.who(s.by)})`,
    );

  pdf.heading('Pain (NRS 0–10)');
  pdf.line(
    `Before: ${chart.painBefore ? `${chart.painBefore.nrs} (${pdf.time(chart.painBefore.at)})` : '—'}    After: ${chart.painAfter ? `${chart.painAfter.nrs} (${pdf.time(chart.painAfter.at)})` : '—'}`,
  );

  pdf.heading('Discharge');
  const d = chart.discharge;
  if (!d) pdf.none('No discharge assessment recorded.');
  else {
    const summary = dto.evaluation.discharge;
    const item = (
      name: 'activity' | 'respiration' | 'circulation' | 'consciousness' | 'oxygenSaturation',
      label: string,
    ) => {
      const recorded = d.aldrete[name];
      const scored = summary?.items?.[name].score;
      return `${label} ${recorded ?? (scored !== undefined && scored !== null ? `${scored} (from vitals)` : '—')}`;
    };
    pdf.line(
      `Modified Aldrete: ${[item('activity', 'activity'), item('respiration', 'respiration'), item('circulation', 'circulation'), item('consciousness', 'consciousness'), item('oxygenSaturation', 'SpO₂')].join(', ')}`,
    );
    pdf.line(
      `Aldrete total: ${summary?.aldreteScore ?? '—'}${summary ? (summary.passing ? ' (passing)' : ' (not passing)') : ''}; observed ${num(summary?.observedMin ?? null, 'min')} after the last dose${summary?.requiredMin ? ` (clinic requires ${summary.requiredMin} min)` : ''}.`,
    );
    pdf.line(
      `Escort present: ${d.escortPresent ? `yes${d.escortName ? ` — ${d.escortName}` : ''}` : 'no'}; no-driving advice given: ${d.noDrivingAdviceGiven ? 'yes' : 'no'}; instructions given: ${d.instructionsGiven ? 'yes' : 'no'}.`,
    );
    if (d.note) pdf.line(`Note: ${d.note}`);
    pdf.line(`Assessed by ${pdf.who(d.by)} at ${pdf.time(d.at)}.`);
  }

  pdf.heading('Signatures');
  pdf.label(
    'Nurse',
    chart.nurseSignedBy
      ? `${pdf.who(chart.nurseSignedBy.by)}, ${pdf.time(chart.nurseSignedBy.at)}`
      : 'not signed',
  );
  if (chart.nurseSignedBy?.dischargeNotReadyReason !== undefined) {
    pdf.label('Signed before the discharge criteria were met, because', chart.nurseSignedBy.dischargeNotReadyReason);
  }
  pdf.label(
    'Physician co-signature',
    chart.physicianCosignedBy
      ? `${pdf.who(chart.physicianCosignedBy.by)}, ${pdf.time(chart.physicianCosignedBy.at)}`
      : 'not co-signed',
  );

  if (chart.notes.length > 0) {
    pdf.heading('Notes');
    for (const n of chart.notes) pdf.line(`${pdf.time(n.at)} ${pdf.who(n.by)}: ${n.text}`);
  }
  pdf.heading('Addenda');
  if (chart.addenda.length === 0) pdf.none('No addenda.');
  for (const a of chart.addenda) {
    pdf.line(`${pdf.time(a.at)} — ${pdf.who(a.by)}`, { bold: true });
    pdf.line(a.text);
    pdf.line(`Reason: ${a.reason}`, { color: GREY });
  }

  // Footer on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - PAGE_MARGIN + 8;
    // The footer sits in the bottom margin: lift the margin while writing it so no page is added.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(fonts.regular).fontSize(7).fillColor(GREY);
    doc.text(
      fonts.text(
        `${session.patient.displayName} · MRN ${session.patient.mrn} · session ${session.sessionNumber} of ${session.sessionCount} · printed ${printedAt} · page ${i - range.start + 1} of ${range.count}${session.patient.isDemo ? ' · DEMO DATA' : ''}`,
      ),
      PAGE_MARGIN,
      y,
      { width: pdf.width, align: 'center', lineBreak: false },
    );
    doc.page.margins.bottom = bottom;
  }
}

export async function buildChartPdf(
  dto: ChartDto,
  names: Map<string, string>,
  timeZone: string,
  printedAt: Date,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE_MARGIN,
    bufferPages: true,
    info: {
      Title: `Infusion chart — ${dto.session.patient.displayName}, session ${dto.session.sessionNumber}`,
      Author: dto.session.clinicName,
      Creator: 'Ketapath',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  const fonts = setUpFonts(doc);
  doc.font(fonts.regular).fontSize(BODY_SIZE);
  render(dto, new ChartPdf(doc, fonts, names, timeZone), formatTime(printedAt.toISOString(), timeZone));
  doc.end();
  return done;
}

export async function renderChartPdf(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  sessionId: string,
): Promise<{ pdf: Buffer; filename: string }> {
  let dto: ChartDto;
  try {
    const { detail: _detail, ...rest } = await loadChart(ctx, actor.clinicId, sessionId);
    dto = rest;
  } catch (error) {
    if (error instanceof DomainError) {
      await recordAudit(ctx.database.db, ctx, actor, meta, {
        action: 'session.print',
        entityType: 'session',
        entityId: sessionId,
        outcome: 'failure',
        detail: { reason: error.code },
      });
    }
    throw error;
  }
  const names = new Map((await listUsers(ctx.database.db, actor.clinicId)).map((u) => [u.id, u.displayName]));
  const pdf = await buildChartPdf(dto, names, ctx.config.timeZone, ctx.clock.now());
  await recordAudit(ctx.database.db, ctx, actor, meta, {
    action: 'session.print',
    entityType: 'session',
    entityId: sessionId,
    detail: { patientId: dto.session.patient.id, lastSeq: dto.session.lastSeq, bytes: pdf.length },
  });
  return { pdf, filename: `chart-${dto.session.patient.mrn}-session-${dto.session.sessionNumber}.pdf` };
}
