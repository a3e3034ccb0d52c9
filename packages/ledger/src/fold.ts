/**
 * The fold: a location's stock, session balances, discrepancies, loss reports, counts and inventories,
 * computed from its ledger entries in seq order. The same checks decide whether a new entry may be appended
 * (`checkLedgerEntry`: overdraw, unknown container, a delta that does not match the entry) and flag a stored
 * ledger that breaks them (`anomalies`), so on-hand per lot is always received − drawn − destroyed +
 * corrections and never goes below zero for entries the checks accept.
 */
import type { ContainerStatus, LedgerEntry } from '@ketapath/core';
import { containerContentUg, isDrawConsistent, ulForUgRounded } from './quantities.js';
import type {
  ContainerState,
  CountRecord,
  DiscrepancyState,
  InventoryRecord,
  LedgerAnomaly,
  LedgerProblemCode,
  LedgerView,
  LossReportState,
  LotState,
  SessionBalance,
} from './types.js';

/** What the fold reads of an entry (a stored row, or one about to be appended). */
export type LedgerFoldEntry = Pick<
  LedgerEntry,
  | 'id'
  | 'seq'
  | 'kind'
  | 'locationId'
  | 'recordedBy'
  | 'witnessIds'
  | 'containerId'
  | 'lot'
  | 'sessionId'
  | 'patientId'
  | 'deltaUg'
  | 'payload'
  | 'correctsSeq'
> & { readonly occurredAt: string | Date };

export interface FoldOptions {
  /** The clinic's calendar date (YYYY-MM-DD) the statuses are computed for (expiry). */
  readonly today: string;
}

interface MutableContainer {
  containerId: string;
  label: string;
  locationId: string;
  lot: string;
  ndc: string;
  drugName: string;
  form: string;
  concentrationUgPerMl: number;
  volumeUl: number;
  remainingUg: number;
  remainingUl: number;
  expiresOn: string;
  receiptSeq: number;
  drawn: boolean;
  quarantined: boolean;
  destroyed: boolean;
  drawSessions: Set<string>;
}

interface MutableLot {
  lot: string;
  ndc: string;
  drugName: string;
  expiresOn: string;
  receivedUg: number;
  drawnUg: number;
  destroyedUg: number;
  correctionsUg: number;
}

interface MutableSession {
  sessionId: string;
  patientId: string | null;
  drawnUg: number;
  wastedUg: number;
  administeredUg: number | null;
  closed: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The fold's working state; build it with `createLedgerFold`, read it with `ledgerView`. */
export interface LedgerFold {
  locationId: string | null;
  lastSeq: number;
  onHandUg: number;
  readonly containers: Map<string, MutableContainer>;
  readonly lots: Map<string, MutableLot>;
  readonly sessions: Map<string, MutableSession>;
  readonly discrepancies: Map<
    string,
    Mutable<DiscrepancyState> & { notes: DiscrepancyState['notes'][number][] }
  >;
  readonly lossReports: Map<string, Mutable<LossReportState> & { steps: LossReportState['steps'][number][] }>;
  readonly inventories: InventoryRecord[];
  readonly counts: CountRecord[];
  lastCountAt: string | null;
  readonly anomalies: LedgerAnomaly[];
  /**
   * The objects this fold may change in place; null when it may change all of them (a fold built from
   * nothing). A fork shares its parent's objects and copies one before its first change (copy on write).
   */
  readonly owned: WeakSet<object> | null;
  /** Set once the fold is forked: it is read-only from then on, so that its forks may share its objects. */
  frozen: boolean;
}

export function createLedgerFold(): LedgerFold {
  return {
    locationId: null,
    lastSeq: 0,
    onHandUg: 0,
    containers: new Map(),
    lots: new Map(),
    sessions: new Map(),
    discrepancies: new Map(),
    lossReports: new Map(),
    inventories: [],
    counts: [],
    lastCountAt: null,
    anomalies: [],
    owned: null,
    frozen: false,
  };
}

/**
 * A fold that starts where `parent` stands and goes on alone: entries applied to it leave `parent` as it
 * was. The maps and lists are copied (a few thousand references for years of a location's ledger); each
 * container, lot, session, discrepancy or loss report is copied only when the fork first changes it.
 * `parent` becomes read-only (applying to it throws), so a kept fold can be forked by every writer and
 * reader in turn, and the one that commits keeps its fork as the new kept fold.
 */
export function forkLedgerFold(parent: LedgerFold): LedgerFold {
  parent.frozen = true;
  return {
    locationId: parent.locationId,
    lastSeq: parent.lastSeq,
    onHandUg: parent.onHandUg,
    containers: new Map(parent.containers),
    lots: new Map(parent.lots),
    sessions: new Map(parent.sessions),
    discrepancies: new Map(parent.discrepancies),
    lossReports: new Map(parent.lossReports),
    inventories: [...parent.inventories],
    counts: [...parent.counts],
    lastCountAt: parent.lastCountAt,
    anomalies: [...parent.anomalies],
    owned: new WeakSet(),
    frozen: false,
  };
}

/** `map`'s value at `key`, made this fold's own (copied first when it is shared with the parent). */
function own<V extends object>(
  fold: LedgerFold,
  map: Map<string, V>,
  key: string,
  copy: (v: V) => V,
): V | undefined {
  const v = map.get(key);
  if (v === undefined || fold.owned === null || fold.owned.has(v)) return v;
  const mine = copy(v);
  map.set(key, mine);
  fold.owned.add(mine);
  return mine;
}

/** A new object of this fold: its own, never copied again. */
function adopt<V extends object>(fold: LedgerFold, v: V): V {
  fold.owned?.add(v);
  return v;
}

function ownContainer(fold: LedgerFold, containerId: string): MutableContainer | undefined {
  return own(fold, fold.containers, containerId, (c) => ({ ...c, drawSessions: new Set(c.drawSessions) }));
}

function ownLot(fold: LedgerFold, key: string): MutableLot | undefined {
  return own(fold, fold.lots, key, (l) => ({ ...l }));
}

function ownDiscrepancy(fold: LedgerFold, discrepancyId: string) {
  return own(fold, fold.discrepancies, discrepancyId, (d) => ({ ...d, notes: [...d.notes] }));
}

function ownLossReport(fold: LedgerFold, lossReportId: string) {
  return own(fold, fold.lossReports, lossReportId, (r) => ({ ...r, steps: [...r.steps] }));
}

function lotKey(ndc: string, lot: string): string {
  return `${ndc}\u0000${lot}`;
}

function iso(t: string | Date): string {
  return typeof t === 'string' ? new Date(t).toISOString() : t.toISOString();
}

/** The lot a container-less entry (a correction, a discrepancy without container) refers to. */
function lotByName(fold: LedgerFold, lot: string | null): MutableLot | undefined {
  if (lot === null) return undefined;
  for (const l of fold.lots.values()) if (l.lot === lot) return l;
  return undefined;
}

/** The container and lot a stock adjustment applies to, from the entry's container or lot. */
function adjustmentTarget(
  fold: LedgerFold,
  containerId: string | null,
  lot: string | null,
): { container: MutableContainer | undefined; lot: MutableLot | undefined } {
  const container = containerId === null ? undefined : fold.containers.get(containerId);
  if (container !== undefined) return { container, lot: fold.lots.get(lotKey(container.ndc, container.lot)) };
  return { container: undefined, lot: lotByName(fold, lot) };
}

export interface LedgerEntryProblem {
  readonly problem: LedgerProblemCode;
  readonly message: string;
}

/** The deltaUg an entry of this kind must carry, given the fold so far (null: any value, e.g. a correction). */
export function expectedDeltaUg(fold: LedgerFold, entry: LedgerFoldEntry): number | null {
  const p = entry.payload;
  switch (p.kind) {
    case 'receipt': {
      try {
        return p.containerCount * containerContentUg(p.concentrationUgPerMl, p.volumeUlPerContainer);
      } catch {
        return null;
      }
    }
    case 'draw':
      return -p.drawnUg;
    case 'container-waste':
      return -p.wastedUg;
    case 'destruction':
      return -p.lines.reduce((s, l) => s + l.quantityUg, 0);
    case 'discrepancy-resolved':
      return p.adjustmentUg;
    case 'correction':
      return null;
    case 'administration':
    case 'waste':
    case 'count':
    case 'discrepancy-opened':
    case 'discrepancy-note':
    case 'loss-report-opened':
    case 'loss-report-step':
    case 'quarantine':
    case 'release':
    case 'inventory':
      return 0;
  }
}

function containerProblems(
  fold: LedgerFold,
  containerId: string,
  takeUg: number,
  what: string,
  problems: LedgerEntryProblem[],
): MutableContainer | undefined {
  const c = fold.containers.get(containerId);
  if (c === undefined) {
    problems.push({
      problem: 'unknown-container',
      message: `container ${containerId} is not in this location's stock`,
    });
    return undefined;
  }
  if (c.destroyed) {
    problems.push({ problem: 'container-destroyed', message: `container ${c.label} was destroyed` });
    return c;
  }
  if (takeUg > c.remainingUg) {
    problems.push({
      problem: 'overdraw',
      message: `${what} of ${takeUg} µg from container ${c.label} is more than the ${c.remainingUg} µg it holds`,
    });
  }
  return c;
}

/**
 * Why this entry may not be appended to (or does not fit) the ledger as folded so far; empty when it fits.
 * These are the ledger's arithmetic invariants; clinic policy (expiry, quarantine, witnesses) is in the
 * ledger rules of @ketapath/clinical-rules.
 */
export function checkLedgerEntry(fold: LedgerFold, entry: LedgerFoldEntry): LedgerEntryProblem[] {
  const problems: LedgerEntryProblem[] = [];
  if (entry.seq !== fold.lastSeq + 1)
    problems.push({ problem: 'seq-order', message: `seq ${entry.seq} follows seq ${fold.lastSeq}` });
  if (fold.locationId !== null && entry.locationId !== fold.locationId)
    problems.push({ problem: 'wrong-location', message: `entry belongs to location ${entry.locationId}` });
  if (entry.payload.kind !== entry.kind)
    problems.push({
      problem: 'delta-mismatch',
      message: `payload kind ${entry.payload.kind} ≠ entry kind ${entry.kind}`,
    });
  const expected = expectedDeltaUg(fold, entry);
  if (expected !== null && expected !== entry.deltaUg)
    problems.push({
      problem: 'delta-mismatch',
      message: `a ${entry.kind} entry must change on-hand by ${expected} µg, not ${entry.deltaUg} µg`,
    });
  const p = entry.payload;
  switch (p.kind) {
    case 'receipt': {
      if (p.containerIds.length !== p.containerCount || p.containerLabels.length !== p.containerCount)
        problems.push({
          problem: 'receipt-containers-mismatch',
          message: `${p.containerCount} containers received but ${p.containerIds.length} ids and ${p.containerLabels.length} labels given`,
        });
      if (new Set(p.containerIds).size !== p.containerIds.length)
        problems.push({ problem: 'duplicate-container', message: 'a container id is listed twice' });
      for (const id of p.containerIds)
        if (fold.containers.has(id))
          problems.push({ problem: 'duplicate-container', message: `container ${id} was already received` });
      if (expected === null)
        problems.push({
          problem: 'delta-mismatch',
          message: 'the container content (concentration × volume) is not a whole number of µg',
        });
      break;
    }
    case 'draw': {
      const c = containerProblems(fold, p.containerId, p.drawnUg, 'a draw', problems);
      if (c !== undefined && !isDrawConsistent(p.drawnUg, p.drawnUl, c.concentrationUgPerMl))
        problems.push({
          problem: 'draw-volume-mismatch',
          message: `${p.drawnUl} µL at ${c.concentrationUgPerMl} µg/mL is not ${p.drawnUg} µg`,
        });
      break;
    }
    case 'container-waste':
      containerProblems(fold, p.containerId, p.wastedUg, 'wasting', problems);
      break;
    case 'waste': {
      const s = fold.sessions.get(p.sessionId);
      const drawn = s?.drawnUg ?? 0;
      const wasted = (s?.wastedUg ?? 0) + p.wastedUg;
      if (wasted + (s?.administeredUg ?? 0) > drawn)
        problems.push({
          problem: 'overdraw',
          message: `session waste of ${wasted} µg (with ${s?.administeredUg ?? 0} µg administered) is more than the ${drawn} µg drawn`,
        });
      break;
    }
    case 'administration': {
      const s = fold.sessions.get(p.sessionId);
      const drawn = s?.drawnUg ?? 0;
      const wasted = s?.wastedUg ?? 0;
      if (p.drawnUg !== drawn || p.administeredUg + wasted !== drawn)
        problems.push({
          problem: 'session-unbalanced',
          message: `session books do not balance: drawn ${drawn} µg, administered ${p.administeredUg} µg, wasted ${wasted} µg`,
        });
      break;
    }
    case 'destruction': {
      const ids = new Set(p.lines.map((l) => l.containerId));
      if (
        ids.size !== p.lines.length ||
        p.containerIds.length !== ids.size ||
        p.containerIds.some((id) => !ids.has(id))
      )
        problems.push({
          problem: 'duplicate-container',
          message: 'each destroyed container must be listed once, with one line',
        });
      for (const line of p.lines) {
        const c = containerProblems(fold, line.containerId, line.quantityUg, 'destruction', problems);
        if (c !== undefined && !c.destroyed && line.quantityUg !== c.remainingUg)
          problems.push({
            problem: 'quantity-mismatch',
            message: `container ${c.label} holds ${c.remainingUg} µg; the destruction line says ${line.quantityUg} µg`,
          });
      }
      break;
    }
    case 'quarantine':
    case 'release':
      containerProblems(fold, p.containerId, 0, p.kind, problems);
      break;
    case 'discrepancy-note':
    case 'discrepancy-resolved': {
      const d = fold.discrepancies.get(p.discrepancyId);
      if (d === undefined)
        problems.push({
          problem: 'unknown-discrepancy',
          message: `discrepancy ${p.discrepancyId} is not open here`,
        });
      else if (d.status === 'closed')
        problems.push({
          problem: 'discrepancy-closed',
          message: `discrepancy ${p.discrepancyId} is already resolved`,
        });
      if (p.kind === 'discrepancy-resolved' && d !== undefined)
        adjustmentProblems(fold, d.containerId, p.adjustmentUg, problems);
      break;
    }
    case 'loss-report-step':
      if (!fold.lossReports.has(p.lossReportId))
        problems.push({
          problem: 'unknown-loss-report',
          message: `loss report ${p.lossReportId} is not open here`,
        });
      break;
    case 'correction':
      if (p.correctsSeq >= entry.seq || p.correctsSeq < 1 || entry.correctsSeq !== p.correctsSeq)
        problems.push({
          problem: 'correction-target-missing',
          message: `a correction must refer to an earlier entry (correctsSeq ${p.correctsSeq})`,
        });
      if (entry.deltaUg !== 0) adjustmentProblems(fold, entry.containerId, entry.deltaUg, problems);
      break;
    case 'count':
    case 'discrepancy-opened':
    case 'loss-report-opened':
    case 'inventory':
      break;
  }
  return problems;
}

function adjustmentProblems(
  fold: LedgerFold,
  containerId: string | null,
  deltaUg: number,
  problems: LedgerEntryProblem[],
): void {
  if (deltaUg === 0) return;
  // A stock adjustment moves one container and its lot together, so the lot's on-hand stays the sum of
  // its containers and neither can go below zero.
  const container = containerId === null ? undefined : fold.containers.get(containerId);
  if (container === undefined) {
    problems.push({
      problem: 'unknown-container',
      message:
        "a stock adjustment must name a container of this location (correct the container's entry, or count it and resolve the discrepancy)",
    });
    return;
  }
  if (container.destroyed)
    problems.push({ problem: 'container-destroyed', message: `container ${container.label} was destroyed` });
  if (container.remainingUg + deltaUg < 0)
    problems.push({
      problem: 'overdraw',
      message: `an adjustment of ${deltaUg} µg would leave container ${container.label} below 0 µg`,
    });
}

/** A received container's content; 0 when concentration × volume is not whole µg (flagged as an anomaly). */
function receiptContentUg(concentrationUgPerMl: number, volumeUl: number): number {
  try {
    return containerContentUg(concentrationUgPerMl, volumeUl);
  } catch {
    return 0;
  }
}

function onHand(l: MutableLot): number {
  return l.receivedUg - l.drawnUg - l.destroyedUg + l.correctionsUg;
}

function adjust(fold: LedgerFold, containerId: string | null, lot: string | null, deltaUg: number): void {
  if (deltaUg === 0) return;
  const target = adjustmentTarget(fold, containerId, lot);
  const l = target.lot && ownLot(fold, lotKey(target.lot.ndc, target.lot.lot));
  if (l !== undefined) l.correctionsUg += deltaUg;
  const c = target.container && ownContainer(fold, target.container.containerId);
  if (c !== undefined) {
    c.remainingUg += deltaUg;
    c.remainingUl = Math.max(
      0,
      c.remainingUl + Math.sign(deltaUg) * ulForUgRounded(Math.abs(deltaUg), c.concentrationUgPerMl),
    );
  }
}

function session(fold: LedgerFold, sessionId: string, patientId: string | null): MutableSession {
  let s = own(fold, fold.sessions, sessionId, (x) => ({ ...x }));
  if (s === undefined) {
    s = adopt(fold, { sessionId, patientId, drawnUg: 0, wastedUg: 0, administeredUg: null, closed: false });
    fold.sessions.set(sessionId, s);
  }
  if (s.patientId === null && patientId !== null) s.patientId = patientId;
  return s;
}

/** Applies one entry (after checkLedgerEntry; problems found are kept as anomalies). */
export function applyLedgerEntry(fold: LedgerFold, entry: LedgerFoldEntry): void {
  if (fold.frozen) throw new Error('this ledger fold has been forked and is read-only: apply to its fork');
  for (const pr of checkLedgerEntry(fold, entry))
    fold.anomalies.push({ seq: entry.seq, entryId: entry.id, problem: pr.problem, message: pr.message });
  fold.locationId ??= entry.locationId;
  fold.lastSeq = Math.max(fold.lastSeq, entry.seq);
  fold.onHandUg += entry.deltaUg;
  const at = iso(entry.occurredAt);
  const p = entry.payload;
  switch (p.kind) {
    case 'receipt': {
      const contentUg = receiptContentUg(p.concentrationUgPerMl, p.volumeUlPerContainer);
      const key = lotKey(p.ndc, p.lot);
      const lot =
        ownLot(fold, key) ??
        adopt(fold, {
          lot: p.lot,
          ndc: p.ndc,
          drugName: p.drugName,
          expiresOn: p.expiresOn,
          receivedUg: 0,
          drawnUg: 0,
          destroyedUg: 0,
          correctionsUg: 0,
        });
      lot.receivedUg += entry.deltaUg;
      if (p.expiresOn < lot.expiresOn) lot.expiresOn = p.expiresOn;
      fold.lots.set(key, lot);
      p.containerIds.forEach((containerId, i) => {
        if (fold.containers.has(containerId)) return;
        fold.containers.set(
          containerId,
          adopt(fold, {
            containerId,
            label: p.containerLabels[i] ?? containerId,
            locationId: entry.locationId,
            lot: p.lot,
            ndc: p.ndc,
            drugName: p.drugName,
            form: p.form,
            concentrationUgPerMl: p.concentrationUgPerMl,
            volumeUl: p.volumeUlPerContainer,
            remainingUg: contentUg,
            remainingUl: p.volumeUlPerContainer,
            expiresOn: p.expiresOn,
            receiptSeq: entry.seq,
            drawn: false,
            quarantined: false,
            destroyed: false,
            drawSessions: new Set(),
          }),
        );
      });
      break;
    }
    case 'draw': {
      const c = ownContainer(fold, p.containerId);
      if (c !== undefined) {
        c.remainingUg -= p.drawnUg;
        c.remainingUl = Math.max(0, c.remainingUl - p.drawnUl);
        c.drawn = true;
        c.drawSessions.add(p.sessionId);
        const lot = ownLot(fold, lotKey(c.ndc, c.lot));
        if (lot !== undefined) lot.drawnUg += p.drawnUg;
      }
      session(fold, p.sessionId, p.patientId).drawnUg += p.drawnUg;
      break;
    }
    case 'administration': {
      const s = session(fold, p.sessionId, p.patientId);
      s.administeredUg = p.administeredUg;
      s.closed = true;
      break;
    }
    case 'waste':
      session(fold, p.sessionId, p.patientId).wastedUg += p.wastedUg;
      break;
    case 'container-waste': {
      const c = ownContainer(fold, p.containerId);
      if (c !== undefined) {
        c.remainingUg -= p.wastedUg;
        c.remainingUl = Math.max(0, c.remainingUl - p.wastedUl);
        c.drawn = true;
        const lot = ownLot(fold, lotKey(c.ndc, c.lot));
        if (lot !== undefined) lot.destroyedUg += p.wastedUg;
      }
      break;
    }
    case 'destruction':
      for (const line of p.lines) {
        const c = ownContainer(fold, line.containerId);
        if (c === undefined) continue;
        c.remainingUg -= line.quantityUg;
        c.remainingUl = Math.max(0, c.remainingUl - line.quantityUl);
        c.destroyed = true;
        const lot = ownLot(fold, lotKey(c.ndc, c.lot));
        if (lot !== undefined) lot.destroyedUg += line.quantityUg;
      }
      break;
    case 'quarantine':
    case 'release': {
      const c = ownContainer(fold, p.containerId);
      if (c !== undefined) c.quarantined = p.kind === 'quarantine';
      break;
    }
    case 'count':
      fold.counts.push({
        countId: p.countId,
        seq: entry.seq,
        at,
        discrepancyUg: p.discrepancyUg,
        lines: p.lines.length,
      });
      if (fold.lastCountAt === null || at > fold.lastCountAt) fold.lastCountAt = at;
      break;
    case 'discrepancy-opened':
      fold.discrepancies.set(
        p.discrepancyId,
        adopt(fold, {
          discrepancyId: p.discrepancyId,
          source: p.source,
          containerId: p.containerId,
          lot: p.lot,
          expectedUg: p.expectedUg,
          countedUg: p.countedUg,
          differenceUg: p.differenceUg,
          openedSeq: entry.seq,
          openedAt: at,
          openedBy: entry.recordedBy,
          status: 'open',
          notes: [],
          resolution: null,
          lossReportId: null,
        }),
      );
      break;
    case 'discrepancy-note': {
      const d = ownDiscrepancy(fold, p.discrepancyId);
      d?.notes.push({ seq: entry.seq, text: p.text, by: entry.recordedBy, at });
      break;
    }
    case 'discrepancy-resolved': {
      const d = ownDiscrepancy(fold, p.discrepancyId);
      if (d !== undefined && d.status === 'open') {
        d.status = 'closed';
        d.resolution = {
          seq: entry.seq,
          classification: p.classification,
          explanation: p.explanation,
          adjustmentUg: p.adjustmentUg,
          by: entry.recordedBy,
          at,
        };
        adjust(fold, d.containerId, d.lot, p.adjustmentUg);
      }
      break;
    }
    case 'loss-report-opened': {
      fold.lossReports.set(
        p.lossReportId,
        adopt(fold, {
          lossReportId: p.lossReportId,
          discrepancyId: p.discrepancyId,
          openedSeq: entry.seq,
          discoveredOn: p.discoveredOn,
          writtenNoticeDueOn: p.writtenNoticeDueOn,
          form106DueOn: p.form106DueOn,
          quantityUg: p.quantityUg,
          lot: p.lot,
          ndc: p.ndc,
          steps: [],
          writtenNoticeSentOn: null,
          form106FiledOn: null,
          status: 'open',
        }),
      );
      const d = p.discrepancyId === null ? undefined : ownDiscrepancy(fold, p.discrepancyId);
      if (d !== undefined) d.lossReportId = p.lossReportId;
      break;
    }
    case 'loss-report-step': {
      const r = ownLossReport(fold, p.lossReportId);
      if (r === undefined) break;
      r.steps.push({
        seq: entry.seq,
        step: p.step,
        on: p.on,
        reference: p.reference ?? null,
        text: p.text ?? null,
        by: entry.recordedBy,
      });
      if (p.step === 'written-notice-sent') r.writtenNoticeSentOn ??= p.on;
      if (p.step === 'form-106-filed') r.form106FiledOn ??= p.on;
      if (r.writtenNoticeSentOn !== null && r.form106FiledOn !== null) r.status = 'complete';
      break;
    }
    case 'inventory':
      fold.inventories.push({
        inventoryId: p.inventoryId,
        seq: entry.seq,
        type: p.type,
        takenAt: p.takenAt,
        takenOn: p.takenOn,
        lines: p.lines,
        zero: p.zero,
        recordedBy: entry.recordedBy,
        witnessIds: entry.witnessIds,
      });
      break;
    case 'correction':
      adjust(fold, entry.containerId, entry.lot, entry.deltaUg);
      break;
  }
}

/**
 * A container's status on `today`: destroyed > quarantined > empty > expired > in-use > opened > sealed.
 * An expiry date means usable through that day: expired when today is after expiresOn.
 */
export function containerStatus(
  c: Pick<MutableContainer, 'destroyed' | 'quarantined' | 'remainingUg' | 'expiresOn' | 'drawn'>,
  hasOpenSession: boolean,
  today: string,
): ContainerStatus {
  if (c.destroyed) return 'destroyed';
  if (c.quarantined) return 'quarantined';
  if (c.remainingUg <= 0) return 'empty';
  if (isExpiredOn(c.expiresOn, today)) return 'expired';
  if (hasOpenSession) return 'in-use';
  if (c.drawn) return 'opened';
  return 'sealed';
}

/** Expired when today is after the expiry date (an expiry date means usable through that day). */
export function isExpiredOn(expiresOn: string, today: string): boolean {
  return today > expiresOn;
}

/** The view of the fold on `today`. */
export function ledgerView(fold: LedgerFold, options: FoldOptions): LedgerView {
  const containers: ContainerState[] = [...fold.containers.values()].map((c) => {
    const openSessionIds = [...c.drawSessions].filter((id) => fold.sessions.get(id)?.closed !== true);
    return {
      containerId: c.containerId,
      label: c.label,
      locationId: c.locationId,
      lot: c.lot,
      ndc: c.ndc,
      drugName: c.drugName,
      form: c.form,
      concentrationUgPerMl: c.concentrationUgPerMl,
      volumeUl: c.volumeUl,
      remainingUg: c.remainingUg,
      remainingUl: c.remainingUl,
      status: containerStatus(c, openSessionIds.length > 0, options.today),
      expiresOn: c.expiresOn,
      receiptSeq: c.receiptSeq,
      opened: c.drawn,
      openSessionIds,
    };
  });
  const lots: LotState[] = [...fold.lots.values()].map((l) => ({ ...l, onHandUg: onHand(l) }));
  const sessions: SessionBalance[] = [...fold.sessions.values()].map((s) => balanceOf(s, null));
  return {
    locationId: fold.locationId,
    today: options.today,
    containers,
    lots,
    sessions,
    discrepancies: [...fold.discrepancies.values()].map((d) => ({ ...d, notes: [...d.notes] })),
    lossReports: [...fold.lossReports.values()].map((r) => ({ ...r, steps: [...r.steps] })),
    inventories: [...fold.inventories],
    counts: [...fold.counts],
    lastCountAt: fold.lastCountAt,
    onHandUg: fold.onHandUg,
    lastSeq: fold.lastSeq,
    anomalies: [...fold.anomalies],
  };
}

function balanceOf(
  s: Pick<MutableSession, 'sessionId' | 'patientId' | 'drawnUg' | 'wastedUg' | 'administeredUg' | 'closed'>,
  chartAdministeredUg: number | null,
): SessionBalance {
  const administeredUg = s.closed ? s.administeredUg : (chartAdministeredUg ?? s.administeredUg);
  const openUg = s.drawnUg - (administeredUg ?? 0) - s.wastedUg;
  return {
    sessionId: s.sessionId,
    patientId: s.patientId,
    drawnUg: s.drawnUg,
    administeredUg,
    wastedUg: s.wastedUg,
    openUg,
    balanced: openUg === 0,
    closed: s.closed,
  };
}

/** Folds a location's entries (in seq order) into its view on `options.today`. */
export function foldLedger(entries: readonly LedgerFoldEntry[], options: FoldOptions): LedgerView {
  const fold = createLedgerFold();
  for (const entry of entries) applyLedgerEntry(fold, entry);
  return ledgerView(fold, options);
}

/**
 * A session's balance: drawn = administered + wasted, to the microgram. Until the administration entry is
 * written, `chartAdministeredUg` (the chart's dose, rounded with roundAdministeredUg) stands in for it; a
 * session that never drew and never ran balances at 0 = 0 + 0.
 */
export function sessionBalance(
  view: Pick<LedgerView, 'sessions'>,
  sessionId: string,
  chartAdministeredUg: number | null = null,
): SessionBalance {
  const s = view.sessions.find((x) => x.sessionId === sessionId);
  return balanceOf(
    s === undefined
      ? { sessionId, patientId: null, drawnUg: 0, wastedUg: 0, administeredUg: null, closed: false }
      : s,
    chartAdministeredUg,
  );
}
