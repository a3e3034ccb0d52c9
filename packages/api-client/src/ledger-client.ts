/**
 * The controlled-substance ledger routes: registered locations, stock per lot and per container, receipts,
 * a session's draws and witnessed waste, counts and the discrepancies they open, loss reports, destruction,
 * inventories, corrections, the raw chain and its verification, and the report downloads. Quantities come
 * back as whole micrograms (`…Ug`) and microlitres (`…Ul`); forms send mg and mL. The answers are restated
 * here as the app reads them (the server folds them with @ketapath/ledger), with light structural checks, so
 * this client depends on @ketapath/core alone.
 *
 * Every write carries a `clientEntryId`: the server answers a resend of the same id with the entry it already
 * stored, so a write that got no answer may be sent again unchanged (`isRetryable`).
 *
 * @example
 * const ledger = createLedgerClient(api);
 * const stock = await ledger.getStock(locationId);
 * formatUgAsMg(stock.lots[0].onHandUg); // '1250' (mg)
 */
import {
  CONTAINER_STATUSES,
  LEDGER_ENTRY_KINDS,
  type ContainerStatus,
  type ContainerWasteBody,
  type CorrectionBody,
  type CountBody,
  type DestructionBody,
  type DiscrepancyClassification,
  type DiscrepancyNoteBody,
  type DiscrepancyResolveBody,
  type DrawBody,
  type InventoryBody,
  type InventoryTakenAt,
  type InventoryType,
  type LedgerEntryKind,
  type LedgerReceiptBody,
  type LossReportStepBody,
  type LossReportStepKind,
  type QuarantineBody,
  type RegisteredLocationBody,
  type RegisteredLocationChangeBody,
  type WasteBody,
} from '@ketapath/core';
import type { ApiClient, RequestOptions } from './client.js';
import type { FindingDto } from './journey-client.js';
import type { ResponseSchema } from './rules-types.js';

// --- vocabularies (the rest are @ketapath/core's: CONTAINER_STATUSES, WASTE_METHODS…) ---------------------

/** The classifications that open a loss report (REFERENCE §9, Theft or significant loss, 21 CFR 1301.76(b)). */
export const LOSS_REPORT_CLASSIFICATIONS: readonly DiscrepancyClassification[] = [
  'theft',
  'significant-loss',
];

export const LEDGER_REPORTS = [
  'receipts',
  'administrations',
  'waste-destruction',
  'discrepancies',
  'inventory',
] as const;
export type LedgerReport = (typeof LEDGER_REPORTS)[number];

// --- shapes ---------------------------------------------------------------------------------------------

/** A registered location (one DEA registration and activity); its ledger is one hash chain. */
export interface LedgerLocation {
  id: string;
  name: string;
  /** null until the clinic records it; reports then say "DEA registration not recorded". */
  deaRegistration: string | null;
  address: string | null;
  activity: string | null;
  /** Counts the location's changes; `updateLocation` sends it back as `expectedVersion`. */
  version: number;
}

/** One vial or container, folded from the ledger. */
export interface ContainerState {
  containerId: string;
  label: string;
  locationId: string;
  lot: string;
  ndc: string;
  drugName: string;
  form: string;
  concentrationUgPerMl: number;
  /** The volume it held when received. */
  volumeUl: number;
  remainingUg: number;
  remainingUl: number;
  status: ContainerStatus;
  /** YYYY-MM-DD. */
  expiresOn: string;
}

/** One lot: `onHandUg = receivedUg − drawnUg − destroyedUg + correctionsUg`. */
export interface LotState {
  lot: string;
  ndc: string;
  expiresOn: string;
  receivedUg: number;
  drawnUg: number;
  destroyedUg: number;
  correctionsUg: number;
  onHandUg: number;
  drugName?: string;
  form?: string;
  concentrationUgPerMl?: number;
}

export interface StockView {
  locationId: string;
  /** The clinic's date the stock was folded for (YYYY-MM-DD); expiry is compared with it. */
  today: string;
  containers: ContainerState[];
  lots: LotState[];
  /** The ledger rules on this stock: expired or soon-expiring containers, count and inventory due… */
  findings: FindingDto[];
  lastCountAt?: string | null;
}

/** A session's books: drawn = administered + wasted, to the microgram, before the nurse may sign. */
export interface SessionBalance {
  sessionId: string;
  patientId: string | null;
  drawnUg: number;
  /** null until the infusion stopped and the dose was fixed. */
  administeredUg: number | null;
  wastedUg: number;
  openUg: number;
  balanced: boolean;
  /** True once the administration entry is in the ledger. */
  closed?: boolean;
}

/** Who wrote or witnessed an entry, as the server names them. */
export interface LedgerPerson {
  id: string;
  email?: string;
  displayName?: string;
  role?: string;
}

/** One ledger entry as the routes show it (the payload depends on `kind`). */
export interface LedgerEntryView {
  id: string;
  locationId: string;
  seq: number;
  kind: LedgerEntryKind;
  occurredAt: string;
  recordedAt: string;
  recordedBy: string | LedgerPerson;
  witnessIds?: string[];
  witnesses?: LedgerPerson[];
  containerId: string | null;
  lot: string | null;
  sessionId: string | null;
  patientId: string | null;
  deltaUg: number;
  payload: Record<string, unknown> & { kind: LedgerEntryKind };
  correctsSeq: number | null;
  reason: string | null;
  prevHash?: string;
  hash?: string;
}

export interface SessionLedger {
  balance: SessionBalance;
  entries: LedgerEntryView[];
}

export interface ReceiptResult {
  entry: LedgerEntryView;
  containers: ContainerState[];
}

/** A write that moved the ledger: the entry and, for session writes, the balance after it. */
export interface LedgerWriteResult {
  entry: LedgerEntryView;
  balance?: SessionBalance;
  entries?: LedgerEntryView[];
}

export interface DiscrepancyNote {
  text: string;
  at: string;
  by?: string | LedgerPerson;
  seq?: number;
}

export interface DiscrepancyResolution {
  classification: DiscrepancyClassification;
  explanation: string;
  adjustmentUg: number;
  at: string;
  by?: string | LedgerPerson;
  seq?: number;
}

export interface DiscrepancyState {
  discrepancyId: string;
  locationId?: string;
  source: 'count' | 'inventory' | 'session';
  containerId: string | null;
  label?: string | null;
  lot: string;
  expectedUg: number;
  countedUg: number;
  /** counted − expected: negative means less on the shelf than the books say. */
  differenceUg: number;
  status: 'open' | 'closed';
  openedAt: string;
  openedBy?: string | LedgerPerson;
  seq?: number;
  notes: DiscrepancyNote[];
  resolution: DiscrepancyResolution | null;
  lossReportId?: string | null;
}

export interface CountResult {
  count: LedgerEntryView;
  discrepancies: DiscrepancyState[];
}

export interface LossReportStepState {
  step: LossReportStepKind;
  on: string;
  reference?: string | null;
  text?: string | null;
  at?: string;
  by?: string | LedgerPerson;
  seq?: number;
}

export interface LossReportChecklistItem {
  id: string;
  label: string;
  done: boolean;
  value?: string | null;
}

export interface LossReportState {
  lossReportId: string;
  locationId?: string;
  discrepancyId: string | null;
  discoveredOn: string;
  /** Written notice to the DEA Field Division: one business day after discovery (REFERENCE §9). */
  writtenNoticeDueOn: string;
  /** DEA Form 106, electronically, within 45 days (REFERENCE §9, 88 FR 40707). */
  form106DueOn: string;
  quantityUg: number;
  lot: string;
  ndc: string;
  steps: LossReportStepState[];
  writtenNoticeSentOn?: string | null;
  form106FiledOn?: string | null;
  checklist?: LossReportChecklistItem[];
  /** Complete once the written notice is sent and Form 106 filed. */
  status?: 'open' | 'complete';
  findings?: FindingDto[];
}

export interface InventorySummary {
  inventoryId: string;
  locationId?: string;
  type: InventoryType;
  takenAt: InventoryTakenAt;
  takenOn: string;
  zero: boolean;
  seq?: number;
  lines?: Array<Record<string, unknown>>;
  recordedAt?: string;
}

export interface ChainBreak {
  seq: number;
  entryId: string | null;
  /** The kind of the entry named (null for the chain head). */
  kind?: string | null;
  problem: 'hash-mismatch' | 'prev-hash-mismatch' | 'seq-gap' | 'seq-duplicate' | 'head-mismatch';
  expected: string | number | null;
  found: string | number | null;
}

/** The container table differs from what the ledger folds to. */
export interface ProjectionProblem {
  containerId: string;
  label: string | null;
  problem: string;
  field: string | null;
  expected: string;
  found: string;
}

/** An entry whose quantities do not add up (an overdraw, a delta that does not match its kind…). */
export interface LedgerAnomalyView {
  seq: number;
  entryId: string;
  problem: string;
  message: string;
}

/** A location's chain as stored: intact, its head matching, the container table equal to the ledger. */
export interface ChainVerification {
  ok: boolean;
  entries: number;
  headHash: string | null;
  breaks: ChainBreak[];
  projectionProblems?: ProjectionProblem[];
  anomalies?: LedgerAnomalyView[];
  checkedAt?: string;
  lastSeq?: number;
}

export interface ReportQuery {
  locationId: string;
  from?: string | undefined;
  to?: string | undefined;
  patientId?: string | undefined;
  inventoryId?: string | undefined;
}

// --- quantities -----------------------------------------------------------------------------------------

/**
 * A decimal typed in a form as a whole number of thousandths (`'2.5'` → 2500): mg → µg, mL → µL. Exact
 * (no floating point); null for blank text, more than 3 decimals, or anything that is not a plain decimal.
 */
export function parseThousandths(text: string): number | null {
  const t = text.trim().replace(',', '.');
  const match = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(t);
  if (!match) return null;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return null;
  if (fraction.length > 3) return null;
  const value = Number(whole || '0') * 1000 + Number(fraction.padEnd(3, '0') || '0');
  if (!Number.isSafeInteger(value)) return null;
  return sign === '-' ? -value : value;
}

/** A whole number of thousandths as a plain decimal, trailing zeros dropped: 98765 → '98.765', 2000 → '2'. */
export function formatThousandths(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(Math.round(value));
  const whole = Math.floor(abs / 1000);
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** µg → mg text, exact: 98765 → '98.765'. */
export const formatUgAsMg = (ug: number): string => formatThousandths(ug);
/** µL → mL text, exact: 1975 → '1.975'. */
export const formatUlAsMl = (ul: number): string => formatThousandths(ul);

/**
 * The volume holding `ug` micrograms at `concentrationUgPerMl`, in whole µL (round half up), and whether
 * that volume is exact. 100 mg at 50 mg/mL → { ul: 2000, isExact: true }.
 */
export function ulForUg(ug: number, concentrationUgPerMl: number): { ul: number; isExact: boolean } {
  const numerator = BigInt(Math.round(ug)) * 1000n;
  const denominator = BigInt(Math.round(concentrationUgPerMl));
  if (denominator <= 0n) return { ul: 0, isExact: false };
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const ul = remainder * 2n >= denominator ? quotient + 1n : quotient;
  return { ul: Number(ul), isExact: remainder === 0n };
}

/** The micrograms in `ul` microlitres at `concentrationUgPerMl`, rounded half up, and whether exact. */
export function ugForUl(ul: number, concentrationUgPerMl: number): { ug: number; isExact: boolean } {
  const numerator = BigInt(Math.round(ul)) * BigInt(Math.round(concentrationUgPerMl));
  const quotient = numerator / 1000n;
  const remainder = numerator % 1000n;
  return { ug: Number(remainder * 2n >= 1000n ? quotient + 1n : quotient), isExact: remainder === 0n };
}

// --- checks ---------------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checked<T>(what: string, isValid: (data: unknown) => boolean): ResponseSchema<T> {
  return {
    safeParse(data) {
      return isValid(data)
        ? { success: true, data: data as T }
        : { success: false, error: new TypeError(`not ${what}`) };
    },
  };
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isContainerStatus = (v: unknown) => CONTAINER_STATUSES.some((s) => s === v);
const isEntryKind = (v: unknown) => LEDGER_ENTRY_KINDS.some((k) => k === v);
const everyRecord = (v: unknown, item: (x: Record<string, unknown>) => boolean) =>
  Array.isArray(v) && v.every((x) => isRecord(x) && item(x));

const isLocation = (l: Record<string, unknown>) => typeof l.id === 'string' && typeof l.name === 'string';
const isContainer = (c: Record<string, unknown>) =>
  typeof c.containerId === 'string' &&
  typeof c.label === 'string' &&
  isContainerStatus(c.status) &&
  isInt(c.remainingUg) &&
  isInt(c.concentrationUgPerMl);
const isLot = (l: Record<string, unknown>) => typeof l.lot === 'string' && isInt(l.onHandUg);
const isEntry = (e: unknown) =>
  isRecord(e) && typeof e.id === 'string' && isInt(e.seq) && isEntryKind(e.kind) && isRecord(e.payload);
const isBalance = (b: unknown) =>
  isRecord(b) && isInt(b.drawnUg) && isInt(b.wastedUg) && isInt(b.openUg) && typeof b.balanced === 'boolean';
const isDiscrepancy = (d: Record<string, unknown>) =>
  typeof d.discrepancyId === 'string' &&
  isInt(d.differenceUg) &&
  (d.status === 'open' || d.status === 'closed');
const isLossReport = (r: Record<string, unknown>) =>
  typeof r.lossReportId === 'string' &&
  typeof r.writtenNoticeDueOn === 'string' &&
  typeof r.form106DueOn === 'string';
const isInventory = (i: Record<string, unknown>) => typeof i.inventoryId === 'string';

/**
 * A list answer, whichever envelope the route uses: a bare array, `{ items }` or `{ [key] }`; every item
 * passes `item`.
 */
function listOf<T>(
  what: string,
  key: string,
  item: (x: Record<string, unknown>) => boolean,
): ResponseSchema<T[]> {
  return {
    safeParse(data) {
      const list: unknown = Array.isArray(data)
        ? data
        : isRecord(data)
          ? (data[key] ?? data.items)
          : undefined;
      return everyRecord(list, item)
        ? { success: true, data: list as T[] }
        : { success: false, error: new TypeError(`not a list of ${what}`) };
    },
  };
}

/** `{ [key]: T }` or a bare T. */
function oneOf<T>(
  what: string,
  key: string,
  item: (x: Record<string, unknown>) => boolean,
): ResponseSchema<T> {
  return {
    safeParse(data) {
      const value: unknown = isRecord(data) && isRecord(data[key]) ? data[key] : data;
      return isRecord(value) && item(value)
        ? { success: true, data: value as T }
        : { success: false, error: new TypeError(`not ${what}`) };
    },
  };
}

export const ZLocationList = listOf<LedgerLocation>('locations', 'locations', isLocation);
export const ZLocation = oneOf<LedgerLocation>('a location', 'location', isLocation);

export const ZStockView = checked<StockView>(
  'a stock view',
  (d) =>
    isRecord(d) &&
    typeof d.today === 'string' &&
    everyRecord(d.containers, isContainer) &&
    everyRecord(d.lots, isLot) &&
    Array.isArray(d.findings),
);

export const ZReceiptResult = checked<ReceiptResult>(
  'a recorded receipt',
  (d) => isRecord(d) && isEntry(d.entry) && everyRecord(d.containers, isContainer),
);

export const ZSessionLedger = checked<SessionLedger>(
  'a session ledger',
  (d) => isRecord(d) && isBalance(d.balance) && Array.isArray(d.entries) && d.entries.every(isEntry),
);

export const ZLedgerWriteResult = checked<LedgerWriteResult>(
  'a recorded ledger entry',
  (d) => isRecord(d) && isEntry(d.entry) && (d.balance === undefined || isBalance(d.balance)),
);

export const ZCountResult = checked<CountResult>(
  'a recorded count',
  (d) => isRecord(d) && isEntry(d.count) && everyRecord(d.discrepancies, isDiscrepancy),
);

export const ZDiscrepancyList = listOf<DiscrepancyState>('discrepancies', 'discrepancies', isDiscrepancy);
export const ZLossReportList = listOf<LossReportState>('loss reports', 'lossReports', isLossReport);
export const ZInventoryList = listOf<InventorySummary>('inventories', 'inventories', isInventory);
export const ZEntryList = listOf<LedgerEntryView>('ledger entries', 'entries', isEntry);

export const ZChainVerification = checked<ChainVerification>(
  'a chain verification',
  (d) =>
    isRecord(d) &&
    typeof d.ok === 'boolean' &&
    isInt(d.entries) &&
    everyRecord(d.breaks, (b) => isInt(b.seq) && typeof b.problem === 'string') &&
    (d.projectionProblems === undefined || Array.isArray(d.projectionProblems)) &&
    (d.anomalies === undefined || Array.isArray(d.anomalies)),
);

const ZAnyRecord = checked<Record<string, unknown>>('an object', isRecord);

// --- the client -----------------------------------------------------------------------------------------

const LEDGER = '/api/ledger';
const id = (value: string) => encodeURIComponent(value);

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export class LedgerClient {
  readonly #client: ApiClient;

  constructor(client: ApiClient) {
    this.#client = client;
  }

  listLocations(options?: RequestOptions): Promise<LedgerLocation[]> {
    return this.#client.send('GET', `${LEDGER}/locations`, ZLocationList, undefined, options);
  }

  createLocation(body: RegisteredLocationBody): Promise<LedgerLocation> {
    return this.#client.send('POST', `${LEDGER}/locations`, ZLocation, body);
  }

  /**
   * Changes a location's name, DEA registration, address or activity (the fields given, at least one) with
   * the reason; `expectedVersion` is the `version` read. A change in between is refused with 409
   * LEDGER_LOCATION_VERSION_CONFLICT (field `expectedVersion`), a name in use with LEDGER_LOCATION_NAME_TAKEN.
   */
  updateLocation(locationId: string, body: RegisteredLocationChangeBody): Promise<LedgerLocation> {
    return this.#client.send('PATCH', `${LEDGER}/locations/${id(locationId)}`, ZLocation, body);
  }

  /** Containers and lots of one location, with the ledger rules' findings (expiry, count or inventory due). */
  getStock(locationId: string, options?: RequestOptions): Promise<StockView> {
    return this.#client.send(
      'GET',
      `${LEDGER}/stock${query({ locationId })}`,
      ZStockView,
      undefined,
      options,
    );
  }

  /** One receipt line (one lot): the containers are created sealed. */
  receive(body: LedgerReceiptBody): Promise<ReceiptResult> {
    return this.#client.send('POST', `${LEDGER}/receipts`, ZReceiptResult, body);
  }

  getSessionLedger(sessionId: string, options?: RequestOptions): Promise<SessionLedger> {
    return this.#client.send(
      'GET',
      `/api/sessions/${id(sessionId)}/ledger`,
      ZSessionLedger,
      undefined,
      options,
    );
  }

  /** A draw for the session's bag: `drawnMg` must equal `drawnMl` × the container's concentration, to the µg. */
  draw(sessionId: string, body: DrawBody): Promise<LedgerWriteResult> {
    return this.#client.send('POST', `/api/sessions/${id(sessionId)}/draws`, ZLedgerWriteResult, body);
  }

  /** The session's remainder wasted, with its witness signing in on the same screen. */
  waste(sessionId: string, body: WasteBody): Promise<LedgerWriteResult> {
    return this.#client.send('POST', `/api/sessions/${id(sessionId)}/waste`, ZLedgerWriteResult, body);
  }

  quarantine(containerId: string, body: QuarantineBody): Promise<LedgerWriteResult> {
    return this.#client.send(
      'POST',
      `${LEDGER}/containers/${id(containerId)}/quarantine`,
      ZLedgerWriteResult,
      body,
    );
  }

  release(containerId: string, body: QuarantineBody): Promise<LedgerWriteResult> {
    return this.#client.send(
      'POST',
      `${LEDGER}/containers/${id(containerId)}/release`,
      ZLedgerWriteResult,
      body,
    );
  }

  wasteContainer(containerId: string, body: ContainerWasteBody): Promise<LedgerWriteResult> {
    return this.#client.send(
      'POST',
      `${LEDGER}/containers/${id(containerId)}/waste`,
      ZLedgerWriteResult,
      body,
    );
  }

  /** A count: each line compared with the books at once; a discrepancy opens for every line that differs. */
  count(body: CountBody): Promise<CountResult> {
    return this.#client.send('POST', `${LEDGER}/counts`, ZCountResult, body);
  }

  /** The discrepancies of one location, or of every location of the clinic when `locationId` is not given. */
  listDiscrepancies(
    status: 'open' | 'closed' | 'all' = 'open',
    locationId?: string,
    options?: RequestOptions,
  ): Promise<DiscrepancyState[]> {
    return this.#client.send(
      'GET',
      `${LEDGER}/discrepancies${query({ status, locationId })}`,
      ZDiscrepancyList,
      undefined,
      options,
    );
  }

  addDiscrepancyNote(discrepancyId: string, body: DiscrepancyNoteBody): Promise<Record<string, unknown>> {
    return this.#client.send('POST', `${LEDGER}/discrepancies/${id(discrepancyId)}/notes`, ZAnyRecord, body);
  }

  /** Closes a discrepancy; a theft or significant loss also opens a loss report. */
  resolveDiscrepancy(discrepancyId: string, body: DiscrepancyResolveBody): Promise<Record<string, unknown>> {
    return this.#client.send(
      'POST',
      `${LEDGER}/discrepancies/${id(discrepancyId)}/resolve`,
      ZAnyRecord,
      body,
    );
  }

  listLossReports(options?: RequestOptions): Promise<LossReportState[]> {
    return this.#client.send('GET', `${LEDGER}/loss-reports`, ZLossReportList, undefined, options);
  }

  addLossReportStep(lossReportId: string, body: LossReportStepBody): Promise<Record<string, unknown>> {
    return this.#client.send('POST', `${LEDGER}/loss-reports/${id(lossReportId)}/steps`, ZAnyRecord, body);
  }

  destroy(body: DestructionBody): Promise<LedgerWriteResult> {
    return this.#client.send('POST', `${LEDGER}/destructions`, ZLedgerWriteResult, body);
  }

  takeInventory(body: InventoryBody): Promise<LedgerWriteResult> {
    return this.#client.send('POST', `${LEDGER}/inventories`, ZLedgerWriteResult, body);
  }

  listInventories(locationId: string, options?: RequestOptions): Promise<InventorySummary[]> {
    return this.#client.send(
      'GET',
      `${LEDGER}/inventories${query({ locationId })}`,
      ZInventoryList,
      undefined,
      options,
    );
  }

  correct(body: CorrectionBody): Promise<LedgerWriteResult> {
    return this.#client.send('POST', `${LEDGER}/corrections`, ZLedgerWriteResult, body);
  }

  /** The raw chain of a location, oldest first (from/to: YYYY-MM-DD, inclusive). */
  listEntries(
    params: { locationId: string; from?: string | undefined; to?: string | undefined },
    options?: RequestOptions,
  ): Promise<LedgerEntryView[]> {
    return this.#client.send('GET', `${LEDGER}/entries${query(params)}`, ZEntryList, undefined, options);
  }

  /** Recomputes every hash of the location's chain and compares it with the stored head. */
  verify(locationId: string, options?: RequestOptions): Promise<ChainVerification> {
    return this.#client.send(
      'GET',
      `${LEDGER}/verify${query({ locationId })}`,
      ZChainVerification,
      undefined,
      options,
    );
  }

  /** The address of a report (CSV to download, PDF to open), for a link. */
  reportUrl(report: LedgerReport, format: 'csv' | 'pdf', params: ReportQuery): string {
    return `${LEDGER}/reports/${report}.${format}${query({ ...params })}`;
  }
}

export function createLedgerClient(client: ApiClient): LedgerClient {
  return new LedgerClient(client);
}
