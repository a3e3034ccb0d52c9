/**
 * Verifies the controlled-substance ledger of each registered location, as stored: recomputes every entry's
 * SHA-256 over its canonical content (@ketapath/ledger), follows the prevHash links and the seq numbers, and
 * compares the last entry with the stored chain head (a deleted tail); then folds the entries and compares
 * the cs_container projection with the fold, and reports any entry whose arithmetic does not hold. Used by
 * `ketapath ledger verify` and `GET /api/ledger/verify`. Reads the database directly, never a cache, so what
 * it checks is what is on disk. (REFERENCE §9 Continuing records, Retention; issue 6, tamper evidence.)
 */
import { createHash } from 'node:crypto';
import { DomainError, type LedgerEntry, type LedgerEntryKind, type LedgerPayload } from '@ketapath/core';
import {
  findLedgerChainHead,
  findRegisteredLocation,
  listAllRegisteredLocations,
  listCsContainers,
  listLedgerEntries,
  listRegisteredLocations,
  type CsContainerRow,
  type Db,
  type Executor,
  type LedgerEntryRow,
  type RegisteredLocationRow,
} from '@ketapath/db';
import {
  foldLedger,
  verifyChain,
  type ChainBreak,
  type ChainRow,
  type ContainerState,
  type LedgerAnomaly,
} from '@ketapath/ledger';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';

function sha256hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A chain break with the kind of the entry it names (null for the head). */
export interface VerifyBreak extends ChainBreak {
  readonly kind: string | null;
}

/** A difference between the cs_container projection and the fold of the ledger. */
export interface ProjectionProblem {
  readonly containerId: string;
  readonly label: string | null;
  readonly problem: 'missing-row' | 'row-without-receipt' | 'field-mismatch';
  /** The differing field for 'field-mismatch'. */
  readonly field: string | null;
  /** What the ledger gives. */
  readonly expected: string;
  /** What the projection holds. */
  readonly found: string;
}

export interface LocationVerification {
  readonly clinicId: string;
  readonly locationId: string;
  readonly locationName: string;
  /** The chain is intact, the head matches, the projection equals the fold, and the arithmetic holds. */
  readonly ok: boolean;
  readonly entries: number;
  readonly lastSeq: number;
  /** The last entry's hash when the chain is intact, else null. */
  readonly headHash: string | null;
  readonly storedHead: { readonly lastSeq: number; readonly lastHash: string } | null;
  readonly breaks: readonly VerifyBreak[];
  readonly projectionProblems: readonly ProjectionProblem[];
  /** Entries whose quantities do not add up (an overdraw, a delta that does not match its kind, …). */
  readonly anomalies: readonly LedgerAnomaly[];
  readonly containers: number;
}

export interface LedgerVerification {
  readonly ok: boolean;
  readonly checkedAt: string;
  readonly locations: readonly LocationVerification[];
}

/** A stored row exactly as the hash saw it (no validation: a tampered row must still be checked). */
export function ledgerEntryOfRow(row: LedgerEntryRow): ChainRow & LedgerEntry {
  return {
    id: row.id,
    clinicId: row.clinicId,
    locationId: row.locationId,
    seq: row.seq,
    kind: row.kind as LedgerEntryKind,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: row.recordedBy,
    witnessIds: row.witnessIds,
    containerId: row.containerId,
    lot: row.lot,
    sessionId: row.sessionId,
    patientId: row.patientId,
    deltaUg: row.deltaUg,
    payload: row.payload as LedgerPayload,
    correctsSeq: row.correctsSeq,
    reason: row.reason,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/**
 * The projection never stores 'expired' (a question of the date): the fold is read on a day before any
 * expiry, so both speak of the same status.
 */
const BEFORE_ANY_EXPIRY = '0000-01-01';

function compareProjection(
  folded: readonly ContainerState[],
  rows: readonly CsContainerRow[],
): ProjectionProblem[] {
  const problems: ProjectionProblem[] = [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const c of folded) {
    const row = byId.get(c.containerId);
    byId.delete(c.containerId);
    if (!row) {
      problems.push({
        containerId: c.containerId,
        label: c.label,
        problem: 'missing-row',
        field: null,
        expected: `${c.label}: ${c.remainingUg} µg, ${c.status}`,
        found: 'no row',
      });
      continue;
    }
    const fields: [string, string | number, string | number][] = [
      ['label', c.label, row.label],
      ['lot', c.lot, row.lot],
      ['ndc', c.ndc, row.ndc],
      ['expiresOn', c.expiresOn, row.expiresOn],
      ['concentrationUgPerMl', c.concentrationUgPerMl, row.concentrationUgPerMl],
      ['volumeUl', c.volumeUl, row.volumeUl],
      ['remainingUg', c.remainingUg, row.remainingUg],
      ['remainingUl', c.remainingUl, row.remainingUl],
      ['status', c.status, row.status],
    ];
    for (const [field, expected, found] of fields) {
      if (expected !== found) {
        problems.push({
          containerId: c.containerId,
          label: c.label,
          problem: 'field-mismatch',
          field,
          expected: String(expected),
          found: String(found),
        });
      }
    }
  }
  for (const row of byId.values()) {
    problems.push({
      containerId: row.id,
      label: row.label,
      problem: 'row-without-receipt',
      field: null,
      expected: 'no container (no receipt in the ledger names it)',
      found: `${row.label}: ${row.remainingUg} µg, ${row.status}`,
    });
  }
  return problems;
}

/** What is stored for one location: its entries in seq order, its chain head and its container rows. */
export interface StoredLocationLedger {
  readonly entries: readonly LedgerEntry[];
  readonly head: { readonly lastSeq: number; readonly lastHash: string } | null;
  readonly containerRows: readonly CsContainerRow[];
}

/** Reads a location's ledger as stored (run it in one repeatable-read transaction for a consistent view). */
export async function readStoredLedger(
  ex: Executor,
  clinicId: string,
  locationId: string,
): Promise<StoredLocationLedger> {
  const rows = await listLedgerEntries(ex, clinicId, locationId);
  const head = await findLedgerChainHead(ex, clinicId, locationId);
  const containerRows = await listCsContainers(ex, clinicId, locationId);
  return {
    entries: rows.map(ledgerEntryOfRow),
    // A head at seq 0 (created by an append that rolled back) is the same as no head.
    head: head && head.lastSeq > 0 ? { lastSeq: head.lastSeq, lastHash: head.lastHash } : null,
    containerRows,
  };
}

/** Checks a location's stored ledger: chain, head, projection and arithmetic. */
export function checkStoredLedger(
  location: Pick<RegisteredLocationRow, 'clinicId' | 'id' | 'name'>,
  stored: StoredLocationLedger,
): LocationVerification {
  const { entries, head } = stored;
  const chain = verifyChain(entries, sha256hex, head);
  const kinds = new Map(entries.map((e) => [e.id, e.kind as string]));
  const breaks: VerifyBreak[] = chain.ok
    ? []
    : chain.breaks.map((b) => ({ ...b, kind: b.entryId === null ? null : (kinds.get(b.entryId) ?? null) }));

  let projectionProblems: ProjectionProblem[];
  let anomalies: LedgerAnomaly[];
  let containers = 0;
  try {
    const view = foldLedger(entries, { today: BEFORE_ANY_EXPIRY });
    containers = view.containers.length;
    projectionProblems = compareProjection(view.containers, stored.containerRows);
    anomalies = [...view.anomalies];
  } catch (error) {
    // A row edited into something that is not a ledger entry any more: the chain check names it already.
    projectionProblems = [];
    anomalies = [
      {
        seq: 0,
        entryId: '',
        problem: 'seq-order',
        message: `the ledger could not be folded: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
  return {
    clinicId: location.clinicId,
    locationId: location.id,
    locationName: location.name,
    ok: chain.ok && projectionProblems.length === 0 && anomalies.length === 0,
    entries: entries.length,
    lastSeq: entries.at(-1)?.seq ?? 0,
    headHash: chain.ok ? chain.headHash : null,
    storedHead: head,
    breaks,
    projectionProblems,
    anomalies,
    containers,
  };
}

/** The read of a verification: one consistent snapshot, writing nothing. */
export const VERIFY_TRANSACTION = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

/** Verifies one location, reading it in one consistent snapshot. */
export async function verifyLocationLedger(
  db: Db,
  location: Pick<RegisteredLocationRow, 'clinicId' | 'id' | 'name'>,
): Promise<LocationVerification> {
  const stored = await db.transaction(
    (tx) => readStoredLedger(tx, location.clinicId, location.id),
    VERIFY_TRANSACTION,
  );
  return checkStoredLedger(location, stored);
}

/**
 * Verifies every location (of one clinic, or of every clinic), or one location. An unknown location id gives
 * an empty list (the caller says so).
 */
export async function verifyLedgers(
  db: Db,
  filter: { clinicId?: string | undefined; locationId?: string | undefined },
  now: Date,
): Promise<LedgerVerification> {
  const all =
    filter.clinicId === undefined
      ? await listAllRegisteredLocations(db)
      : await listRegisteredLocations(db, filter.clinicId);
  const locations = filter.locationId === undefined ? all : all.filter((l) => l.id === filter.locationId);
  const results: LocationVerification[] = [];
  for (const location of locations) results.push(await verifyLocationLedger(db, location));
  return { ok: results.every((r) => r.ok), checkedAt: now.toISOString(), locations: results };
}

/** One line per problem, for people: seq, entry id, kind and what is wrong. */
export function describeVerification(result: LocationVerification): string[] {
  const lines: string[] = [];
  const problemText: Record<ChainBreak['problem'], string> = {
    'hash-mismatch': 'the entry’s content does not match its hash (edited)',
    'prev-hash-mismatch': 'the link to the previous entry is broken (an entry before it was removed, changed or moved)',
    'seq-gap': 'a sequence number is missing (an entry was removed)',
    'seq-duplicate': 'a sequence number appears twice',
    'head-mismatch': 'the chain head does not match the last entry (entries at the end were removed, or the head was changed)',
  };
  for (const b of result.breaks) {
    lines.push(
      `seq ${b.seq}  entry ${b.entryId ?? '—'}  ${b.kind ?? '—'}  ${b.problem}: ${problemText[b.problem]} (expected ${b.expected}, found ${b.found})`,
    );
  }
  for (const p of result.projectionProblems) {
    lines.push(
      `container ${p.label ?? ''} ${p.containerId}  projection ${p.problem}${p.field ? ` ${p.field}` : ''}: the ledger gives ${p.expected}, the cs_container table holds ${p.found}`,
    );
  }
  for (const a of result.anomalies) {
    lines.push(`seq ${a.seq}  entry ${a.entryId || '—'}  ${a.problem}: ${a.message}`);
  }
  return lines;
}

/** GET /api/ledger/verify: one location of the actor's clinic, audited as `ledger.verify`. */
export async function verifyLedgerForClinic(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  locationId: string,
): Promise<LocationVerification & { checkedAt: string }> {
  const location = await findRegisteredLocation(ctx.database.db, actor.clinicId, locationId);
  if (!location) {
    await recordAudit(ctx.database.db, ctx, actor, meta, {
      action: 'ledger.verify',
      entityType: 'registered_location',
      entityId: locationId,
      outcome: 'failure',
      detail: { reason: 'LEDGER_LOCATION_NOT_FOUND' },
    });
    throw new DomainError('LEDGER_LOCATION_NOT_FOUND');
  }
  const result = await verifyLocationLedger(ctx.database.db, location);
  await recordAudit(ctx.database.db, ctx, actor, meta, {
    action: 'ledger.verify',
    entityType: 'registered_location',
    entityId: locationId,
    detail: {
      ok: result.ok,
      entries: result.entries,
      breaks: result.breaks.length,
      projectionProblems: result.projectionProblems.length,
      anomalies: result.anomalies.length,
    },
  });
  return { ...result, checkedAt: ctx.clock.now().toISOString() };
}
