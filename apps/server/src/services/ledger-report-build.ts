/**
 * Builds the five controlled-substance reports (REFERENCE §9) from a registered location's ledger entries:
 * receipts, administrations (per patient and date range), waste and destruction (DEA Form 41 fields),
 * discrepancies with loss reports, and an inventory. Pure: the service loads the entries, the names of the
 * people and patients they point to, and hands them over; ledger-report-render.ts turns the result into CSV
 * and PDF. Quantities stay integer µg/µL until they are printed as exact mg/mL.
 */
import type { LedgerEntry, LedgerPayloadOf, WasteMethod } from '@ketapath/core';
import {
  formatStrength,
  formatUgAsMg,
  formatUlAsMl,
  type LedgerReportDocument,
  type LedgerReportKind,
  type ReportTable,
} from './ledger-report-render.js';

export interface ReportPerson {
  name: string;
  role: string;
}

export interface ReportPatient {
  name: string;
  mrn: string;
  /** One line; null when the chart holds no address. */
  address: string | null;
}

export interface LedgerReportInput {
  report: LedgerReportKind;
  registrant: { name: string; isDemo: boolean };
  location: {
    id: string;
    name: string;
    deaRegistration: string | null;
    address: string | null;
    activity: string | null;
  };
  /** The location's whole chain in seq order (receipts name the containers that later entries use). */
  entries: readonly LedgerEntry[];
  people: ReadonlyMap<string, ReportPerson>;
  patients: ReadonlyMap<string, ReportPatient>;
  /** Who started each session's infusion (the administering individual), by session id. */
  administeredBy: ReadonlyMap<string, string>;
  /** Inclusive calendar dates (YYYY-MM-DD) in the clinic's time zone. */
  from: string;
  to: string;
  patientId: string | null;
  inventoryId: string | null;
  timeZone: string;
  generatedAt: Date;
  generatedBy: string;
  /** Today in the clinic's time zone (deadline states). */
  today: string;
  /** One line on the hash-chain check run with the report, or null. */
  integrity: string | null;
}

/** The inventory a report asked for is not in this location's ledger. */
export class InventoryNotFoundError extends Error {
  override name = 'InventoryNotFoundError';
}

// ───────────────────────────── helpers ─────────────────────────────

const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, timeZone: string): Record<string, string> {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
}

/** "YYYY-MM-DD HH:mm" in the time zone. */
export function localDateTime(iso: string | Date, timeZone: string): string {
  const p = partsIn(typeof iso === 'string' ? new Date(iso) : iso, timeZone);
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}`;
}

/** "YYYY-MM-DD" in the time zone. */
export function localDate(iso: string | Date, timeZone: string): string {
  return localDateTime(iso, timeZone).slice(0, 10);
}

const METHOD_LABELS: Record<WasteMethod, string> = {
  'drug-disposal-container': 'drug-disposal container (non-retrievable)',
  'sink-per-policy': 'sink, per clinic policy',
  'spilled-not-recoverable': 'spilled, not recoverable',
  other: 'other',
};

const CLASSIFICATION_LABELS: Record<LedgerPayloadOf<'discrepancy-resolved'>['classification'], string> = {
  'counting-error': 'counting error',
  'documentation-error': 'documentation error',
  'breakage-witnessed': 'witnessed breakage (not a loss, §9 Breakage/spillage)',
  theft: 'theft',
  'significant-loss': 'significant loss',
  'loss-not-significant': 'loss, not significant',
};

const SOURCE_LABELS: Record<LedgerPayloadOf<'discrepancy-opened'>['source'], string> = {
  count: 'count',
  inventory: 'inventory',
  session: 'session balance',
};

interface ContainerInfo {
  label: string;
  lot: string;
  ndc: string;
  drugName: string;
  form: string;
  strength: string;
  volumeUl: number;
  expiresOn: string;
}

/** Look-ups over one location's chain shared by every report. */
class Ledger {
  readonly containers = new Map<string, ContainerInfo>();
  readonly corrections = new Map<number, LedgerEntry[]>();
  readonly draws = new Map<string, LedgerEntry[]>();
  readonly wastes = new Map<string, LedgerEntry[]>();
  readonly administrations = new Map<string, LedgerEntry>();

  constructor(
    readonly input: LedgerReportInput,
    readonly entries: readonly LedgerEntry[],
  ) {
    for (const e of entries) {
      const p = e.payload;
      if (p.kind === 'receipt') {
        p.containerIds.forEach((id, i) => {
          this.containers.set(id, {
            label: p.containerLabels[i] ?? id,
            lot: p.lot,
            ndc: p.ndc,
            drugName: p.drugName,
            form: p.form,
            strength: formatStrength(p.concentrationUgPerMl),
            volumeUl: p.volumeUlPerContainer,
            expiresOn: p.expiresOn,
          });
        });
      } else if (p.kind === 'draw') push(this.draws, p.sessionId, e);
      else if (p.kind === 'waste') push(this.wastes, p.sessionId, e);
      else if (p.kind === 'administration') this.administrations.set(p.sessionId, e);
      if (e.correctsSeq !== null) push(this.corrections, e.correctsSeq, e);
    }
  }

  get tz(): string {
    return this.input.timeZone;
  }

  who(userId: string): string {
    const person = this.input.people.get(userId);
    return person ? `${person.name} (${person.role.replace('_', ' ')})` : `user ${userId.slice(0, 8)}`;
  }

  witnesses(e: LedgerEntry): string {
    return e.witnessIds.length === 0 ? 'none' : e.witnessIds.map((id) => this.who(id)).join('; ');
  }

  patient(patientId: string | null): { name: string; mrn: string; address: string } {
    const p = patientId ? this.input.patients.get(patientId) : undefined;
    if (!p) return { name: patientId ? `patient ${patientId.slice(0, 8)}` : '—', mrn: '', address: '' };
    return { name: p.name, mrn: p.mrn, address: p.address ?? 'no address on file' };
  }

  inRange(date: string): boolean {
    return date >= this.input.from && date <= this.input.to;
  }

  /** Entries the report shows that a later correction names (listed in their own table). */
  readonly corrected = new Set<number>();

  /** "#12", or "#12, corrected by #30" (the correction itself is listed under the tables). */
  entryRef(e: LedgerEntry): string {
    const corrections = this.corrections.get(e.seq) ?? [];
    if (corrections.length === 0) return `#${e.seq}`;
    this.corrected.add(e.seq);
    return `#${e.seq}, corrected by ${corrections.map((c) => `#${c.seq}`).join(', ')}`;
  }

  /** The corrections of the entries shown, with what they changed and why. */
  correctionsTable(): ReportTable | null {
    const rows = [...this.corrected]
      .sort((a, b) => a - b)
      .flatMap((seq) => this.corrections.get(seq) ?? [])
      .map((c) => {
        const p = c.payload;
        return {
          entry: `#${c.seq}`,
          corrects: `#${c.correctsSeq ?? ''}`,
          field: p.kind === 'correction' ? p.field : '',
          from: p.kind === 'correction' ? String(p.from) : '',
          to: p.kind === 'correction' ? String(p.to) : '',
          stock: c.deltaUg === 0 ? '0' : formatUgAsMg(c.deltaUg),
          reason: c.reason ?? '',
          by: this.who(c.recordedBy),
          at: localDateTime(c.recordedAt, this.tz),
        };
      });
    if (rows.length === 0) return null;
    return {
      title: 'Corrections to the entries above (each a new entry; the original stays as written)',
      emptyText: 'None.',
      columns: [
        { key: 'entry', title: 'Correction entry', share: 0.8 },
        { key: 'corrects', title: 'Corrects entry', share: 0.8 },
        { key: 'field', title: 'Field', share: 1 },
        { key: 'from', title: 'Was', share: 1.2 },
        { key: 'to', title: 'Now', share: 1.2 },
        { key: 'stock', title: 'Stock change mg', share: 0.8, numeric: true },
        { key: 'reason', title: 'Reason', share: 2.2 },
        { key: 'by', title: 'By', share: 1.2 },
        { key: 'at', title: 'Recorded', share: 1 },
      ],
      rows,
    };
  }

  /** The containers a session drew from, with their drug, NDC and lot. */
  sessionContainers(sessionId: string): ContainerInfo[] {
    const seen = new Map<string, ContainerInfo>();
    for (const d of this.draws.get(sessionId) ?? []) {
      if (d.payload.kind !== 'draw') continue;
      const info = this.containers.get(d.payload.containerId);
      if (info) seen.set(d.payload.containerId, info);
    }
    return [...seen.values()];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique(values: string[]): string {
  return [...new Set(values.filter((v) => v !== ''))].join('; ');
}

function drugCells(infos: ContainerInfo[]): Record<'drug' | 'form' | 'strength' | 'ndc' | 'lot' | 'containers', string> {
  return {
    drug: unique(infos.map((i) => i.drugName)),
    form: unique(infos.map((i) => i.form)),
    strength: unique(infos.map((i) => i.strength)),
    ndc: unique(infos.map((i) => i.ndc)),
    lot: unique(infos.map((i) => i.lot)),
    containers: unique(infos.map((i) => i.label)),
  };
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

/** A deadline's state on `today`: done (on time or late), overdue, or due. */
function deadlineText(dueOn: string, doneOn: string | null, today: string): string {
  if (doneOn !== null) return `done ${doneOn}${doneOn > dueOn ? ` — LATE (due ${dueOn})` : ` (due ${dueOn})`}`;
  return today > dueOn ? `OVERDUE — was due ${dueOn}` : `due ${dueOn}`;
}

// ───────────────────────────── reports ─────────────────────────────

function receipts(l: Ledger): Pick<LedgerReportDocument, 'title' | 'basis' | 'tables' | 'totals' | 'notes' | 'scope'> {
  const rows = l.entries
    .filter((e) => e.payload.kind === 'receipt' && l.inRange(e.payload.receivedOn))
    .sort((a, b) => {
      const ap = a.payload as LedgerPayloadOf<'receipt'>;
      const bp = b.payload as LedgerPayloadOf<'receipt'>;
      return ap.receivedOn.localeCompare(bp.receivedOn) || a.seq - b.seq;
    });
  let totalUg = 0;
  let totalUl = 0;
  let totalContainers = 0;
  const table: ReportTable = {
    title: 'Receipts (one line per lot received)',
    emptyText: 'No receipts in this period.',
    columns: [
      { key: 'date', title: 'Date received', share: 1 },
      { key: 'drug', title: 'Drug', share: 1.4 },
      { key: 'form', title: 'Form', share: 1 },
      { key: 'strength', title: 'Strength', share: 1 },
      { key: 'ndc', title: 'NDC', share: 1 },
      { key: 'lot', title: 'Lot', share: 1 },
      { key: 'expires', title: 'Expires', share: 1 },
      { key: 'containers', title: 'Containers', share: 1, numeric: true },
      { key: 'containerVolume', title: 'mL per container', share: 1, numeric: true },
      { key: 'quantityMg', title: 'Quantity mg', share: 1, numeric: true },
      { key: 'volumeMl', title: 'Volume mL', share: 1, numeric: true },
      { key: 'supplier', title: 'Supplier', share: 1.3 },
      { key: 'supplierAddress', title: 'Supplier address', share: 1.6 },
      { key: 'supplierDea', title: 'Supplier DEA number', share: 1 },
      { key: 'invoice', title: 'Invoice', share: 1 },
      { key: 'labels', title: 'Container labels', share: 1 },
      { key: 'receivedBy', title: 'Received by', share: 1.2 },
      { key: 'recordedAt', title: 'Recorded at', share: 1 },
      { key: 'entry', title: 'Ledger entry', share: 0.8 },
    ],
    pdfColumns: [
      { title: 'Date received', share: 0.9, keys: ['date'] },
      { title: 'Drug, form, strength', share: 1.7, keys: ['drug', 'form', 'strength'] },
      { title: 'NDC, lot, expiry', share: 1.2, keys: ['ndc', 'lot', 'expiresText'] },
      { title: 'Containers', share: 0.9, keys: ['containersText'] },
      { title: 'Quantity', share: 0.9, keys: ['quantityText', 'volumeText'], numeric: true },
      { title: 'Supplier (name, address, DEA number)', share: 2.2, keys: ['supplier', 'supplierAddress', 'supplierDeaText'] },
      { title: 'Invoice', share: 0.9, keys: ['invoice'] },
      { title: 'Received by', share: 1.2, keys: ['receivedBy', 'recordedAtText'] },
      { title: 'Entry', share: 0.8, keys: ['entry'] },
    ],
    rows: rows.map((e) => {
      const p = e.payload as LedgerPayloadOf<'receipt'>;
      const ug = p.containerCount * ((p.concentrationUgPerMl * p.volumeUlPerContainer) / 1000);
      const ul = p.containerCount * p.volumeUlPerContainer;
      totalUg += ug;
      totalUl += ul;
      totalContainers += p.containerCount;
      const recordedAt = localDateTime(e.recordedAt, l.tz);
      return {
        date: p.receivedOn,
        drug: p.drugName,
        form: p.form,
        strength: formatStrength(p.concentrationUgPerMl),
        ndc: p.ndc,
        lot: p.lot,
        expires: p.expiresOn,
        expiresText: `expires ${p.expiresOn}`,
        containers: String(p.containerCount),
        containerVolume: formatUlAsMl(p.volumeUlPerContainer),
        containersText: `${p.containerCount} × ${formatUlAsMl(p.volumeUlPerContainer)} mL`,
        quantityMg: formatUgAsMg(ug),
        volumeMl: formatUlAsMl(ul),
        quantityText: `${formatUgAsMg(ug)} mg`,
        volumeText: `${formatUlAsMl(ul)} mL`,
        supplier: p.supplier.name,
        supplierAddress: p.supplier.address,
        supplierDea: p.supplier.deaNumber,
        supplierDeaText: `DEA ${p.supplier.deaNumber}`,
        invoice: p.invoiceRef,
        labels: p.containerLabels.join('; '),
        receivedBy: l.who(e.recordedBy),
        recordedAt,
        recordedAtText: `recorded ${recordedAt}`,
        entry: l.entryRef(e),
      };
    }),
  };
  return {
    title: 'Receipts log',
    scope: [],
    basis:
      'Every receipt of controlled substance at this registered location in the period, one line per lot: the actual date of receipt, the quantity, and the supplier’s name, address and DEA registration number, with the invoice reference and who received it (REFERENCE §9 Receipt (Schedule III) and Dates: 21 CFR 1304.21(d), 1304.22(c) [S27]; the exact federal item list of 1304.22(c) is marked U, not verified, in REFERENCE §9).',
    tables: [table],
    totals: [
      { label: 'Receipt lines', value: String(rows.length) },
      { label: 'Containers received', value: String(totalContainers) },
      { label: 'Quantity received, mg', value: formatUgAsMg(totalUg) },
      { label: 'Volume received, mL', value: formatUlAsMl(totalUl) },
    ],
    notes: [],
  };
}

function administrations(
  l: Ledger,
): Pick<LedgerReportDocument, 'title' | 'basis' | 'tables' | 'totals' | 'notes' | 'scope'> {
  const { patientId } = l.input;
  const forPatient = (id: string | null) => patientId === null || id === patientId;
  const given = l.entries.filter(
    (e) =>
      e.payload.kind === 'administration' &&
      forPatient(e.payload.patientId) &&
      l.inRange(localDate(e.occurredAt, l.tz)),
  );
  let drawnTotal = 0;
  let administeredTotal = 0;
  let wastedTotal = 0;
  const rows = given.map((e) => {
    const p = e.payload as LedgerPayloadOf<'administration'>;
    const patient = l.patient(p.patientId);
    const wastedUg = sum(
      (l.wastes.get(p.sessionId) ?? []).map((w) => (w.payload.kind === 'waste' ? w.payload.wastedUg : 0)),
    );
    const drawnUl = sum(
      (l.draws.get(p.sessionId) ?? []).map((d) => (d.payload.kind === 'draw' ? d.payload.drawnUl : 0)),
    );
    drawnTotal += p.drawnUg;
    administeredTotal += p.administeredUg;
    wastedTotal += wastedUg;
    const administeredBy = l.input.administeredBy.get(p.sessionId);
    const drug = drugCells(l.sessionContainers(p.sessionId));
    return {
      date: localDateTime(e.occurredAt, l.tz),
      patient: patient.name,
      mrn: patient.mrn,
      mrnText: patient.mrn ? `MRN ${patient.mrn}` : '',
      patientAddress: patient.address,
      ...drug,
      drawnMg: formatUgAsMg(p.drawnUg),
      drawnMl: formatUlAsMl(drawnUl),
      administeredMg: formatUgAsMg(p.administeredUg),
      administeredExact: p.administeredExact,
      wastedMg: formatUgAsMg(wastedUg),
      drawnText: `drawn ${formatUgAsMg(p.drawnUg)} mg (${formatUlAsMl(drawnUl)} mL)`,
      administeredText: `administered ${formatUgAsMg(p.administeredUg)} mg`,
      wastedText: `wasted ${formatUgAsMg(wastedUg)} mg`,
      administeredBy: administeredBy ? l.who(administeredBy) : l.who(e.recordedBy),
      recordedBy: l.who(e.recordedBy),
      session: p.sessionId,
      entry: l.entryRef(e),
    };
  });

  // Drug drawn for a session whose balance is still open (no administration record yet).
  const open = [...l.draws.entries()]
    .filter(([sessionId]) => !l.administrations.has(sessionId))
    .map(([sessionId, draws]) => ({ sessionId, draws }))
    .filter(({ draws }) => {
      const first = draws[0];
      return (
        first !== undefined &&
        forPatient(first.patientId) &&
        l.inRange(localDate(first.occurredAt, l.tz))
      );
    });
  let openDrawnTotal = 0;
  const openTable: ReportTable = {
    title: 'Drawn for a session not yet closed (no administration record yet)',
    emptyText: 'None: every session with a draw in this period has its administration record.',
    columns: [
      { key: 'date', title: 'First draw', share: 1 },
      { key: 'patient', title: 'Patient', share: 1.3 },
      { key: 'mrn', title: 'MRN', share: 0.8 },
      { key: 'containers', title: 'Containers', share: 1.2 },
      { key: 'lot', title: 'Lot', share: 1 },
      { key: 'drawnMg', title: 'Drawn mg', share: 0.8, numeric: true },
      { key: 'wastedMg', title: 'Wasted mg', share: 0.8, numeric: true },
      { key: 'openMg', title: 'Not yet accounted for, mg', share: 1, numeric: true },
      { key: 'drawnBy', title: 'Drawn by', share: 1.3 },
      { key: 'session', title: 'Session', share: 1.6 },
      { key: 'entries', title: 'Ledger entries', share: 0.9 },
    ],
    rows: open.map(({ sessionId, draws }) => {
      const first = draws[0] as LedgerEntry;
      const patient = l.patient(first.patientId);
      const drawnUg = sum(draws.map((d) => (d.payload.kind === 'draw' ? d.payload.drawnUg : 0)));
      openDrawnTotal += drawnUg;
      const wastes = l.wastes.get(sessionId) ?? [];
      const wastedUg = sum(wastes.map((w) => (w.payload.kind === 'waste' ? w.payload.wastedUg : 0)));
      const drug = drugCells(l.sessionContainers(sessionId));
      return {
        date: localDateTime(first.occurredAt, l.tz),
        patient: patient.name,
        mrn: patient.mrn,
        containers: drug.containers,
        lot: drug.lot,
        drawnMg: formatUgAsMg(drawnUg),
        wastedMg: formatUgAsMg(wastedUg),
        openMg: formatUgAsMg(drawnUg - wastedUg),
        drawnBy: unique(draws.map((d) => l.who(d.recordedBy))),
        session: sessionId,
        entries: [...draws, ...wastes].map((d) => l.entryRef(d)).join(', '),
      };
    }),
  };

  const scope = patientId === null ? [] : [patientScope(l, patientId)];
  return {
    title: patientId === null ? 'Administration log' : 'Administration log for one patient',
    scope,
    basis:
      'Every administration of controlled substance at this registered location in the period: the date administered, the patient’s name and address, the drug and the quantity, and the administering individual (REFERENCE §9 Administration/dispensing records: fields of NY 10 NYCRR 80.105(b) [S27] V; the federal field list of 21 CFR 1304.22(c) — number of units or volume, patient name and address, date, dispensing individual — is marked U in REFERENCE §9: its exact text was not retrieved). The quantity administered is computed from the chart’s pump-rate history; for every closed session, drawn = administered + wasted to the microgram.',
    tables: [
      {
        title: 'Administrations',
        emptyText: 'No administrations in this period.',
        columns: [
          { key: 'date', title: 'Date administered', share: 1 },
          { key: 'patient', title: 'Patient name', share: 1.2 },
          { key: 'mrn', title: 'MRN', share: 0.7 },
          { key: 'patientAddress', title: 'Patient address', share: 1.6 },
          { key: 'drug', title: 'Drug', share: 1.2 },
          { key: 'form', title: 'Form', share: 1 },
          { key: 'strength', title: 'Strength', share: 0.8 },
          { key: 'ndc', title: 'NDC', share: 1 },
          { key: 'lot', title: 'Lot', share: 0.8 },
          { key: 'containers', title: 'Containers drawn from', share: 1 },
          { key: 'drawnMg', title: 'Drawn mg', share: 0.7, numeric: true },
          { key: 'drawnMl', title: 'Drawn mL', share: 0.7, numeric: true },
          { key: 'administeredMg', title: 'Administered mg', share: 0.8, numeric: true },
          { key: 'administeredExact', title: 'Administered, exact', share: 1 },
          { key: 'wastedMg', title: 'Wasted mg', share: 0.7, numeric: true },
          { key: 'administeredBy', title: 'Administering individual', share: 1.2 },
          { key: 'recordedBy', title: 'Recorded by', share: 1.2 },
          { key: 'session', title: 'Session', share: 1.6 },
          { key: 'entry', title: 'Ledger entry', share: 0.8 },
        ],
        pdfColumns: [
          { title: 'Date administered', share: 0.9, keys: ['date'] },
          { title: 'Patient name (MRN)', share: 1.3, keys: ['patient', 'mrnText'] },
          { title: 'Patient address', share: 1.7, keys: ['patientAddress'] },
          { title: 'Drug, form, strength', share: 1.5, keys: ['drug', 'form', 'strength'] },
          { title: 'NDC, lot, containers', share: 1.3, keys: ['ndc', 'lot', 'containers'] },
          { title: 'Quantity', share: 1.5, keys: ['administeredText', 'drawnText', 'wastedText'], numeric: true },
          { title: 'Administering individual', share: 1.3, keys: ['administeredBy'] },
          { title: 'Entry', share: 0.6, keys: ['entry'] },
        ],
        rows,
      },
      openTable,
    ],
    totals: [
      { label: 'Administrations', value: String(rows.length) },
      { label: 'Administered, mg', value: formatUgAsMg(administeredTotal) },
      { label: 'Drawn for them, mg', value: formatUgAsMg(drawnTotal) },
      { label: 'Wasted from them, mg', value: formatUgAsMg(wastedTotal) },
      { label: 'Sessions still open', value: String(open.length) },
      { label: 'Drawn for open sessions, mg', value: formatUgAsMg(openDrawnTotal) },
    ],
    notes: [
      'U — the federal field list for administration records (21 CFR 1304.22(c)) was not verified; the columns follow the state example in REFERENCE §9 and include every field of both lists.',
      'The administering individual is the staff member who started the infusion on the chart.',
      'Quantities are exact: the ledger stores whole micrograms; the administered dose is the chart’s exact rational rounded half up to the microgram (the CSV gives the exact value).',
    ],
  };
}

function patientScope(l: Ledger, patientId: string): { label: string; value: string } {
  const patient = l.patient(patientId);
  return {
    label: 'Patient',
    value: `${patient.name}${patient.mrn ? `, MRN ${patient.mrn}` : ''}${patient.address ? `, ${patient.address}` : ''}`,
  };
}

function wasteDestruction(
  l: Ledger,
): Pick<LedgerReportDocument, 'title' | 'basis' | 'tables' | 'totals' | 'notes' | 'scope'> {
  type Row = Record<string, string> & { sortKey: string };
  const rows: Row[] = [];
  let wastedUg = 0;
  let containerWastedUg = 0;
  let destroyedUg = 0;
  let distributorUg = 0;
  for (const e of l.entries) {
    const p = e.payload;
    if (p.kind === 'waste') {
      const date = localDateTime(e.occurredAt, l.tz);
      if (!l.inRange(date.slice(0, 10))) continue;
      const drug = drugCells(l.sessionContainers(p.sessionId));
      const patient = l.patient(p.patientId);
      wastedUg += p.wastedUg;
      rows.push({
        sortKey: `${date}|${String(e.seq).padStart(10, '0')}`,
        date,
        record: 'Unused remainder of a session’s draw, wasted',
        ...drug,
        quantityMg: formatUgAsMg(p.wastedUg),
        quantityMl: formatUlAsMl(p.wastedUl),
        quantityText: `${formatUgAsMg(p.wastedUg)} mg (${formatUlAsMl(p.wastedUl)} mL)`,
        method: `${METHOD_LABELS[p.method]}${p.note ? ` — ${p.note}` : ''}`,
        place: l.input.location.name,
        witnesses: l.witnesses(e),
        recordedBy: l.who(e.recordedBy),
        reference: `session of ${patient.name}${patient.mrn ? ` (MRN ${patient.mrn})` : ''}`,
        reverseDistributor: '',
        entry: l.entryRef(e),
      });
    } else if (p.kind === 'container-waste') {
      const date = localDateTime(e.occurredAt, l.tz);
      if (!l.inRange(date.slice(0, 10))) continue;
      const info = l.containers.get(p.containerId);
      containerWastedUg += p.wastedUg;
      rows.push({
        sortKey: `${date}|${String(e.seq).padStart(10, '0')}`,
        date,
        record: 'Remainder of an opened container, wasted',
        ...drugCells(info ? [info] : []),
        containers: p.label,
        quantityMg: formatUgAsMg(p.wastedUg),
        quantityMl: formatUlAsMl(p.wastedUl),
        quantityText: `${formatUgAsMg(p.wastedUg)} mg (${formatUlAsMl(p.wastedUl)} mL)`,
        method: `${METHOD_LABELS[p.method]}${p.note ? ` — ${p.note}` : ''}`,
        place: l.input.location.name,
        witnesses: l.witnesses(e),
        recordedBy: l.who(e.recordedBy),
        reference: '',
        reverseDistributor: '',
        entry: l.entryRef(e),
      });
    } else if (p.kind === 'destruction') {
      if (!l.inRange(p.destroyedOn)) continue;
      const onSite = p.mode === 'on-site';
      const distributor = p.reverseDistributor
        ? `${p.reverseDistributor.name}, ${p.reverseDistributor.address}, DEA ${p.reverseDistributor.deaNumber}`
        : '';
      for (const line of p.lines) {
        const info = l.containers.get(line.containerId);
        if (onSite) destroyedUg += line.quantityUg;
        else distributorUg += line.quantityUg;
        rows.push({
          sortKey: `${p.destroyedOn} 99:99|${String(e.seq).padStart(10, '0')}`,
          date: p.destroyedOn,
          record: onSite ? 'Destroyed on site (DEA Form 41)' : 'Sent to a reverse distributor for destruction',
          drug: line.drugName,
          form: line.form,
          strength: line.strength,
          ndc: line.ndc,
          lot: info?.lot ?? '',
          containers: line.label,
          quantityMg: formatUgAsMg(line.quantityUg),
          quantityMl: formatUlAsMl(line.quantityUl),
          quantityText: `${formatUgAsMg(line.quantityUg)} mg (${formatUlAsMl(line.quantityUl)} mL)`,
          method: p.method,
          place: p.place,
          witnesses: l.witnesses(e),
          recordedBy: l.who(e.recordedBy),
          reference: '',
          reverseDistributor: distributor,
          entry: l.entryRef(e),
        });
      }
    }
  }
  rows.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  return {
    title: 'Waste and destruction log',
    scope: [],
    basis:
      'Every quantity that left stock other than by administration: the unused remainder of a dose drawn for a session, wasted (21 CFR 1304.21(e), 1317.95(d) [S27]; REFERENCE §9 leaves the witnessing of wastage to state boards and clinic policy [P]); the remainder of an opened container; and stock destroyed on site or sent to a reverse distributor, with the DEA Form 41 fields — NDC, name, strength, form, quantities, date, method, location and witnesses (REFERENCE §9 Destruction of stock: 21 CFR 1317.90, DEA Form 41 [S27] V; two authorised employees witness a destruction on site).',
    tables: [
      {
        title: 'Waste and destruction',
        emptyText: 'No waste or destruction in this period.',
        columns: [
          { key: 'date', title: 'Date', share: 1 },
          { key: 'record', title: 'Record', share: 1.4 },
          { key: 'ndc', title: 'NDC', share: 1 },
          { key: 'drug', title: 'Drug name', share: 1.2 },
          { key: 'strength', title: 'Strength', share: 0.8 },
          { key: 'form', title: 'Form', share: 1 },
          { key: 'lot', title: 'Lot', share: 0.8 },
          { key: 'containers', title: 'Containers', share: 1 },
          { key: 'quantityMg', title: 'Quantity mg', share: 0.8, numeric: true },
          { key: 'quantityMl', title: 'Quantity mL', share: 0.8, numeric: true },
          { key: 'method', title: 'Method', share: 1.3 },
          { key: 'place', title: 'Location', share: 1 },
          { key: 'reverseDistributor', title: 'Reverse distributor (name, address, DEA number)', share: 1.6 },
          { key: 'witnesses', title: 'Witnesses', share: 1.4 },
          { key: 'recordedBy', title: 'Recorded by', share: 1.2 },
          { key: 'reference', title: 'For', share: 1.2 },
          { key: 'entry', title: 'Ledger entry', share: 0.8 },
        ],
        pdfColumns: [
          { title: 'Date', share: 0.9, keys: ['date'] },
          { title: 'Record', share: 1.3, keys: ['record', 'reference'] },
          { title: 'NDC, name, strength, form', share: 1.6, keys: ['ndc', 'drug', 'strength', 'form'] },
          { title: 'Lot, containers', share: 1, keys: ['lot', 'containers'] },
          { title: 'Quantity', share: 0.9, keys: ['quantityText'], numeric: true },
          { title: 'Method', share: 1.3, keys: ['method'] },
          { title: 'Location', share: 1.2, keys: ['place', 'reverseDistributor'] },
          { title: 'Witnesses', share: 1.3, keys: ['witnesses'] },
          { title: 'Recorded by', share: 1.1, keys: ['recordedBy'] },
          { title: 'Entry', share: 0.6, keys: ['entry'] },
        ],
        rows: rows.map(({ sortKey: _sortKey, ...row }) => row),
      },
    ],
    totals: [
      { label: 'Session remainders wasted, mg', value: formatUgAsMg(wastedUg) },
      { label: 'Container remainders wasted, mg', value: formatUgAsMg(containerWastedUg) },
      { label: 'Destroyed on site, mg', value: formatUgAsMg(destroyedUg) },
      { label: 'Sent to a reverse distributor, mg', value: formatUgAsMg(distributorUg) },
    ],
    notes: [
      'A session’s wasted remainder left stock with its draw; the waste line records what happened to it. Container remainders and destructions leave stock on the line shown.',
      'Each witness signed in separately on the recording screen; a witness is never the person recording.',
    ],
  };
}

interface DiscrepancyRecord {
  opened: LedgerEntry;
  notes: LedgerEntry[];
  resolved: LedgerEntry | null;
}

interface LossReportRecord {
  opened: LedgerEntry;
  steps: LedgerEntry[];
}

function discrepancies(
  l: Ledger,
): Pick<LedgerReportDocument, 'title' | 'basis' | 'tables' | 'totals' | 'notes' | 'scope'> {
  const byId = new Map<string, DiscrepancyRecord>();
  const losses = new Map<string, LossReportRecord>();
  const counts: LedgerEntry[] = [];
  for (const e of l.entries) {
    const p = e.payload;
    if (p.kind === 'discrepancy-opened') byId.set(p.discrepancyId, { opened: e, notes: [], resolved: null });
    else if (p.kind === 'discrepancy-note') byId.get(p.discrepancyId)?.notes.push(e);
    else if (p.kind === 'discrepancy-resolved') {
      const record = byId.get(p.discrepancyId);
      if (record) record.resolved = e;
    } else if (p.kind === 'loss-report-opened') losses.set(p.lossReportId, { opened: e, steps: [] });
    else if (p.kind === 'loss-report-step') losses.get(p.lossReportId)?.steps.push(e);
    else if (p.kind === 'count' && l.inRange(localDate(e.occurredAt, l.tz))) counts.push(e);
  }
  const relevant = (openedOn: string, closedOn: string | null) =>
    openedOn <= l.input.to && (openedOn >= l.input.from || closedOn === null || closedOn >= l.input.from);

  const lossByDiscrepancy = new Map<string, LossReportRecord>();
  for (const loss of losses.values()) {
    const p = loss.opened.payload as LedgerPayloadOf<'loss-report-opened'>;
    if (p.discrepancyId) lossByDiscrepancy.set(p.discrepancyId, loss);
  }

  let openCount = 0;
  const discrepancyRows = [...byId.values()]
    .filter((d) =>
      relevant(localDate(d.opened.occurredAt, l.tz), d.resolved ? localDate(d.resolved.occurredAt, l.tz) : null),
    )
    .map((d) => {
      const p = d.opened.payload as LedgerPayloadOf<'discrepancy-opened'>;
      const r = d.resolved?.payload.kind === 'discrepancy-resolved' ? d.resolved.payload : null;
      if (!d.resolved) openCount++;
      const info = p.containerId ? l.containers.get(p.containerId) : undefined;
      const loss = lossByDiscrepancy.get(p.discrepancyId);
      return {
        opened: localDateTime(d.opened.occurredAt, l.tz),
        source: SOURCE_LABELS[p.source],
        ndc: info?.ndc ?? '',
        lot: p.lot,
        container: info?.label ?? '',
        expectedMg: formatUgAsMg(p.expectedUg),
        countedMg: formatUgAsMg(p.countedUg),
        differenceMg: formatUgAsMg(p.differenceUg),
        quantityText: `expected ${formatUgAsMg(p.expectedUg)} mg, found ${formatUgAsMg(p.countedUg)} mg: difference ${formatUgAsMg(p.differenceUg)} mg`,
        openedBy: l.who(d.opened.recordedBy),
        status: d.resolved ? 'resolved' : 'OPEN — under investigation',
        investigation: d.notes
          .map((n) =>
            n.payload.kind === 'discrepancy-note'
              ? `${localDateTime(n.occurredAt, l.tz)} ${l.who(n.recordedBy)}: ${n.payload.text}`
              : '',
          )
          .join('\n'),
        classification: r ? CLASSIFICATION_LABELS[r.classification] : '',
        explanation: r?.explanation ?? '',
        adjustmentMg: r ? formatUgAsMg(r.adjustmentUg) : '',
        resolvedAt: d.resolved ? localDateTime(d.resolved.occurredAt, l.tz) : '',
        resolvedBy: d.resolved ? l.who(d.resolved.recordedBy) : '',
        resolutionText: d.resolved && r
          ? `${CLASSIFICATION_LABELS[r.classification]}: ${r.explanation.replace(/\.$/, '')}. Stock adjusted by ${formatUgAsMg(r.adjustmentUg)} mg. ${localDateTime(d.resolved.occurredAt, l.tz)}, ${l.who(d.resolved.recordedBy)}`
          : '',
        lossReport: loss ? `loss report opened (discovered ${(loss.opened.payload as LedgerPayloadOf<'loss-report-opened'>).discoveredOn})` : '',
        entries: [d.opened, ...d.notes, ...(d.resolved ? [d.resolved] : [])].map((e) => l.entryRef(e)).join(', '),
      };
    });

  let overdue = 0;
  const lossRows = [...losses.values()]
    .filter((loss) => {
      const p = loss.opened.payload as LedgerPayloadOf<'loss-report-opened'>;
      const filed = loss.steps.find((s) => s.payload.kind === 'loss-report-step' && s.payload.step === 'form-106-filed');
      return relevant(p.discoveredOn, filed?.payload.kind === 'loss-report-step' ? filed.payload.on : null);
    })
    .map((loss) => {
      const p = loss.opened.payload as LedgerPayloadOf<'loss-report-opened'>;
      const stepOf = (kind: LedgerPayloadOf<'loss-report-step'>['step']) =>
        loss.steps
          .map((s) => s.payload)
          .find((s): s is LedgerPayloadOf<'loss-report-step'> => s.kind === 'loss-report-step' && s.step === kind) ??
        null;
      const notice = stepOf('written-notice-sent');
      const form106 = stepOf('form-106-filed');
      const police = stepOf('police-report');
      const noticeText = deadlineText(p.writtenNoticeDueOn, notice?.on ?? null, l.input.today);
      const form106Text = deadlineText(p.form106DueOn, form106?.on ?? null, l.input.today);
      if (noticeText.startsWith('OVERDUE') || form106Text.startsWith('OVERDUE')) overdue++;
      return {
        discovered: p.discoveredOn,
        ndc: p.ndc,
        lot: p.lot,
        quantityMg: formatUgAsMg(p.quantityUg),
        writtenNotice: `${noticeText}${notice?.reference ? `, ref. ${notice.reference}` : ''}`,
        form106: `${form106Text}${form106?.reference ? `, ref. ${form106.reference}` : ''}`,
        police: police ? `${police.on}${police.reference ? `, ref. ${police.reference}` : ''}` : 'none recorded',
        notes: loss.steps
          .map((s) => s.payload)
          .filter((s): s is LedgerPayloadOf<'loss-report-step'> => s.kind === 'loss-report-step' && s.text !== undefined)
          .map((s) => `${s.on}: ${s.text ?? ''}`)
          .join('\n'),
        openedBy: l.who(loss.opened.recordedBy),
        entries: [loss.opened, ...loss.steps].map((e) => l.entryRef(e)).join(', '),
      };
    });

  const countRows = counts.map((e) => {
    const p = e.payload as LedgerPayloadOf<'count'>;
    const differing = p.lines.filter((line) => line.countedUg !== line.expectedUg).length;
    return {
      date: localDateTime(e.occurredAt, l.tz),
      by: l.who(e.recordedBy),
      witnesses: l.witnesses(e),
      lines: String(p.lines.length),
      estimated: String(p.lines.filter((line) => line.estimated).length),
      differing: String(differing),
      discrepancyMg: formatUgAsMg(p.discrepancyUg),
      entry: l.entryRef(e),
    };
  });

  return {
    title: 'Discrepancy report',
    scope: [],
    basis:
      'Every difference found between the stock on the shelf and the ledger (counts, inventories, session balances), with its investigation and how it was resolved, and every theft or significant loss with its deadlines: written notice to the DEA Field Division within one business day of discovery, then DEA Form 106, electronically, within 45 days (REFERENCE §9 Theft or significant loss: 21 CFR 1301.76(b); 88 FR 40707 [S27] V). Witnessed, recoverable breakage is not a loss (§9 Breakage/spillage). Listed: discrepancies opened in the period, and earlier ones resolved in it or still open.',
    tables: [
      {
        title: 'Discrepancies',
        emptyText: 'No discrepancies in this period.',
        columns: [
          { key: 'opened', title: 'Found', share: 1 },
          { key: 'source', title: 'Found by', share: 0.8 },
          { key: 'ndc', title: 'NDC', share: 1 },
          { key: 'lot', title: 'Lot', share: 0.8 },
          { key: 'container', title: 'Container', share: 0.9 },
          { key: 'expectedMg', title: 'Expected mg', share: 0.8, numeric: true },
          { key: 'countedMg', title: 'Found mg', share: 0.8, numeric: true },
          { key: 'differenceMg', title: 'Difference mg', share: 0.8, numeric: true },
          { key: 'openedBy', title: 'Recorded by', share: 1.1 },
          { key: 'status', title: 'Status', share: 1 },
          { key: 'investigation', title: 'Investigation notes', share: 2 },
          { key: 'classification', title: 'Outcome', share: 1.1 },
          { key: 'explanation', title: 'Explanation', share: 1.6 },
          { key: 'adjustmentMg', title: 'Stock adjustment mg', share: 0.8, numeric: true },
          { key: 'resolvedAt', title: 'Resolved', share: 1 },
          { key: 'resolvedBy', title: 'Resolved by', share: 1.1 },
          { key: 'lossReport', title: 'Loss report', share: 1 },
          { key: 'entries', title: 'Ledger entries', share: 0.9 },
        ],
        pdfColumns: [
          { title: 'Found', share: 0.9, keys: ['opened', 'source'] },
          { title: 'Lot, container', share: 1, keys: ['lot', 'container'] },
          { title: 'Quantities', share: 1.3, keys: ['quantityText'] },
          { title: 'Status', share: 1, keys: ['status', 'lossReport'] },
          { title: 'Investigation', share: 2.2, keys: ['investigation'] },
          { title: 'Outcome', share: 2.2, keys: ['resolutionText'] },
          { title: 'Entries', share: 0.8, keys: ['entries'] },
        ],
        rows: discrepancyRows,
      },
      {
        title: 'Theft or significant loss: DEA notices (§9, 21 CFR 1301.76(b))',
        emptyText: 'No theft or significant loss reported in this period.',
        columns: [
          { key: 'discovered', title: 'Discovered', share: 0.9 },
          { key: 'ndc', title: 'NDC', share: 1 },
          { key: 'lot', title: 'Lot', share: 0.8 },
          { key: 'quantityMg', title: 'Quantity mg', share: 0.8, numeric: true },
          { key: 'writtenNotice', title: 'Written notice to DEA Field Division (1 business day)', share: 1.6 },
          { key: 'form106', title: 'DEA Form 106, electronic (45 days)', share: 1.6 },
          { key: 'police', title: 'Police report', share: 1 },
          { key: 'notes', title: 'Notes', share: 1.6 },
          { key: 'openedBy', title: 'Opened by', share: 1.1 },
          { key: 'entries', title: 'Ledger entries', share: 0.9 },
        ],
        rows: lossRows,
      },
      {
        title: 'Counts in this period',
        emptyText: 'No counts in this period.',
        columns: [
          { key: 'date', title: 'Counted', share: 1 },
          { key: 'by', title: 'Counted by', share: 1.3 },
          { key: 'witnesses', title: 'Witnesses', share: 1.3 },
          { key: 'lines', title: 'Containers counted', share: 0.9, numeric: true },
          { key: 'estimated', title: 'Of which estimated', share: 0.9, numeric: true },
          { key: 'differing', title: 'Containers differing', share: 0.9, numeric: true },
          { key: 'discrepancyMg', title: 'Net difference mg', share: 0.9, numeric: true },
          { key: 'entry', title: 'Ledger entry', share: 0.9 },
        ],
        rows: countRows,
      },
    ],
    totals: [
      { label: 'Discrepancies listed', value: String(discrepancyRows.length) },
      { label: 'Still open', value: String(openCount) },
      { label: 'Loss reports listed', value: String(lossRows.length) },
      { label: 'Loss reports with an overdue notice', value: String(overdue) },
      { label: 'Counts', value: String(countRows.length) },
    ],
    notes: [
      `Deadline states are as of ${l.input.today}. Due dates were computed when the loss report was opened, from the clinic’s settings (defaults from REFERENCE §9: one business day, 45 days).`,
      'Opened containers may be counted by estimate (§9 Inventory counting, 21 CFR 1304.11).',
    ],
  };
}

function inventory(l: Ledger): Pick<LedgerReportDocument, 'title' | 'basis' | 'tables' | 'totals' | 'notes' | 'scope'> & {
  signatures: string[];
} {
  const all = l.entries.filter((e) => e.payload.kind === 'inventory');
  const inPeriod = all.filter((e) => l.inRange((e.payload as LedgerPayloadOf<'inventory'>).takenOn));
  let chosen: LedgerEntry | undefined;
  if (l.input.inventoryId !== null) {
    chosen = all.find((e) => (e.payload as LedgerPayloadOf<'inventory'>).inventoryId === l.input.inventoryId);
    if (!chosen) throw new InventoryNotFoundError(l.input.inventoryId);
  } else {
    chosen = [...inPeriod].sort((a, b) => {
      const ap = a.payload as LedgerPayloadOf<'inventory'>;
      const bp = b.payload as LedgerPayloadOf<'inventory'>;
      return bp.takenOn.localeCompare(ap.takenOn) || b.seq - a.seq;
    })[0];
  }
  const p = chosen ? (chosen.payload as LedgerPayloadOf<'inventory'>) : null;
  const typeLabel = (type: LedgerPayloadOf<'inventory'>['type']) =>
    ({ initial: 'Initial inventory', biennial: 'Biennial inventory', annual: 'Annual inventory', other: 'Inventory' })[
      type
    ];
  const scope =
    chosen && p
      ? [
          { label: 'Inventory', value: `${typeLabel(p.type)}${p.zero ? ' — ZERO INVENTORY (no stock on hand)' : ''}` },
          { label: 'Date taken', value: p.takenOn },
          { label: 'Taken at', value: p.takenAt === 'opening' ? 'opening of business' : 'close of business' },
          { label: 'Taken by', value: l.who(chosen.recordedBy) },
          { label: 'Witnesses', value: l.witnesses(chosen) },
          { label: 'Ledger entry', value: l.entryRef(chosen) },
        ]
      : [{ label: 'Inventory', value: 'none taken in this period' }];
  let containers = 0;
  let volumeUl = 0;
  const lineRows = (p?.lines ?? []).map((line) => {
    containers += line.containers;
    volumeUl += line.unitsOrVolumeUl;
    return {
      drug: line.drugName,
      form: line.form,
      strength: line.strength,
      ndc: line.ndc,
      containers: String(line.containers),
      volumeMl: formatUlAsMl(line.unitsOrVolumeUl),
      counting: line.estimated ? 'estimated (opened container)' : 'exact count',
      labels: line.containerIds.map((id) => l.containers.get(id)?.label ?? id.slice(0, 8)).join('; '),
    };
  });
  return {
    title: p ? typeLabel(p.type) : 'Inventory',
    scope,
    basis:
      'A complete inventory of controlled-substance stock at this registered location: the date, whether taken at the opening or the close of business, and for each drug its name, form and strength, the number of containers and the units or volume (REFERENCE §9 Inventory contents, Initial inventory and Biennial inventory: 21 CFR 1304.11 [S27] V). Opened Schedule III containers may be estimated (§9 Inventory counting); estimated lines are marked. With no stock on hand, a zero inventory is recorded.',
    tables: [
      {
        title: 'Stock on hand',
        emptyText: p ? 'No stock on hand: a zero inventory.' : 'No inventory was taken in this period.',
        columns: [
          { key: 'drug', title: 'Drug name', share: 1.5 },
          { key: 'form', title: 'Form', share: 1.2 },
          { key: 'strength', title: 'Strength', share: 1 },
          { key: 'ndc', title: 'NDC', share: 1 },
          { key: 'containers', title: 'Number of containers', share: 0.9, numeric: true },
          { key: 'volumeMl', title: 'Units / volume, mL', share: 0.9, numeric: true },
          { key: 'counting', title: 'Count', share: 1.2 },
          { key: 'labels', title: 'Containers', share: 2 },
        ],
        rows: lineRows,
      },
      {
        title: 'Inventories recorded in this period',
        emptyText: 'None.',
        columns: [
          { key: 'takenOn', title: 'Date', share: 1 },
          { key: 'type', title: 'Type', share: 1.2 },
          { key: 'takenAt', title: 'Taken at', share: 1.2 },
          { key: 'lines', title: 'Lines', share: 0.6, numeric: true },
          { key: 'by', title: 'Taken by', share: 1.4 },
          { key: 'inventoryId', title: 'Inventory id', share: 2.2 },
          { key: 'entry', title: 'Ledger entry', share: 0.8 },
        ],
        rows: inPeriod.map((e) => {
          const q = e.payload as LedgerPayloadOf<'inventory'>;
          return {
            takenOn: q.takenOn,
            type: `${typeLabel(q.type)}${q.zero ? ' (zero)' : ''}`,
            takenAt: q.takenAt === 'opening' ? 'opening of business' : 'close of business',
            lines: String(q.lines.length),
            by: l.who(e.recordedBy),
            inventoryId: q.inventoryId,
            entry: l.entryRef(e),
          };
        }),
      },
    ],
    totals: p
      ? [
          { label: 'Containers', value: String(containers) },
          { label: 'Volume, mL', value: formatUlAsMl(volumeUl) },
        ]
      : [],
    notes: [
      'A new inventory is due within 2 years of the previous one (§9 Biennial inventory, 21 CFR 1304.11); a state may ask for one every year.',
    ],
    signatures: p ? ['Inventory taken by (name and signature)', 'Registrant or authorised agent (name and signature)'] : [],
  };
}

/** The report as a document ready to render. */
export function buildLedgerReport(input: LedgerReportInput): LedgerReportDocument {
  const l = new Ledger(input, input.entries);
  const parts =
    input.report === 'receipts'
      ? { ...receipts(l), signatures: [] }
      : input.report === 'administrations'
        ? { ...administrations(l), signatures: [] }
        : input.report === 'waste-destruction'
          ? { ...wasteDestruction(l), signatures: [] }
          : input.report === 'discrepancies'
            ? { ...discrepancies(l), signatures: [] }
            : inventory(l);
  const corrections = l.correctionsTable();
  const last = input.entries.at(-1);
  return {
    report: input.report,
    registrant: input.registrant.name,
    deaRegistration: input.location.deaRegistration,
    locationName: input.location.name,
    locationAddress: input.location.address,
    activity: input.location.activity,
    period: { from: input.from, to: input.to },
    timeZone: input.timeZone,
    generatedAt: localDateTime(input.generatedAt, input.timeZone),
    generatedBy: input.generatedBy,
    isDemo: input.registrant.isDemo,
    ...parts,
    tables: corrections ? [...parts.tables, corrections] : parts.tables,
    scope: [
      ...parts.scope,
      {
        label: 'Ledger',
        value: `${input.entries.length} entries${last ? ` (1–${last.seq})` : ''}${input.integrity ? `; ${input.integrity}` : ''}`,
      },
    ],
    notes: [
      ...parts.notes,
      'Quantities are stored as whole micrograms and microlitres and printed as exact milligrams and millilitres.',
      'Ledger entries are append-only and hash-chained per registered location; a correction is a new entry naming the one it corrects, with its reason (shown beside the entry it corrects).',
    ],
  };
}
