/**
 * Appending to a location's ledger chain, inside the caller's transaction. The chain head row is locked
 * first (created at seq 0 the first time), so appends to one location run one after another across every
 * server process; each new entry takes the next seq, the previous entry's hash as prevHash, and the SHA-256
 * of its canonical content (@ketapath/ledger canonicalLedgerContent) as its hash. The head moves with the
 * last entry in the same transaction.
 *
 * The committed entries of each location are kept in this process with their fold (like the chart
 * entries): the chain is append-only and numbered without gaps, so the known entries plus those numbered
 * after them is the whole chain, whoever wrote it, and the kept fold forked and given those newer entries is
 * its fold. A write or a read therefore costs the entries since the last one, not the location's years of
 * history. Callers remember a chain only once its entries are committed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { DomainError, type LedgerEntry, type LedgerEntryKind, type LedgerPayload } from '@ketapath/core';
import {
  applyLedgerEntry,
  checkLedgerEntry,
  createLedgerFold,
  forkLedgerFold,
  GENESIS_HASH,
  hashLedgerEntry,
  ledgerView,
  type LedgerFold,
  type LedgerView,
} from '@ketapath/ledger';
import {
  insertLedgerEntry,
  listLedgerEntries,
  lockLedgerChainHead,
  setLedgerChainHead,
  type Executor,
  type LedgerEntryRow,
  type Tx,
} from '@ketapath/db';
import type { AppContext } from '../context.js';

export function sha256hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A stored row as the core LedgerEntry (client_entry_id is left out: it is not part of the entry). */
export function toLedgerEntry(row: LedgerEntryRow): LedgerEntry {
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
 * The client entry id of the n-th entry (n ≥ 1) written by one request after its first: a request that
 * writes several entries (a waste closing the balance with its administration, a count opening
 * discrepancies) stores its own id on the first and these on the others, so a resend finds them all.
 */
export function followingClientEntryId(clientEntryId: string, n: number | string): string {
  const hex = sha256hex(`${clientEntryId}/${n}`);
  // Formatted as a UUID (version nibble 5, RFC 4122 variant) so it fits the uuid column.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** What a writer gives for one new entry; the chain fills in id, seq, prevHash, hash and the stamps. */
export interface NewLedgerEntry {
  payload: LedgerPayload;
  occurredAt: Date;
  witnessIds?: readonly string[];
  containerId?: string | null;
  lot?: string | null;
  sessionId?: string | null;
  patientId?: string | null;
  deltaUg: number;
  correctsSeq?: number | null;
  reason?: string | null;
  /** Stored outside the hash; recognises a resent request. */
  clientEntryId: string | null;
}

/**
 * A location's whole chain (in seq order, without gaps from 1) and its fold. The fold is read-only for
 * whoever gets it: `ledgerView` reads it; to apply entries, fork it (forkLedgerFold).
 */
export interface LedgerChain {
  readonly entries: readonly LedgerEntry[];
  readonly fold: LedgerFold;
}

const EMPTY_CHAIN: LedgerChain = { entries: [], fold: createLedgerFold() };

/** Keeps each location's committed chain and its fold in this process. */
class LedgerChains {
  readonly #byLocation = new Map<string, LedgerChain>();

  /** The whole chain of a location: the kept one plus the entries numbered after it, read with `ex`. */
  async read(ex: Executor, clinicId: string, locationId: string): Promise<LedgerChain> {
    const known = this.#byLocation.get(`${clinicId}/${locationId}`) ?? EMPTY_CHAIN;
    const afterSeq = known.entries.at(-1)?.seq ?? 0;
    const newer = (await listLedgerEntries(ex, clinicId, locationId, { afterSeq })).map(toLedgerEntry);
    if (newer.length === 0) return known;
    const fold = forkLedgerFold(known.fold);
    for (const entry of newer) applyLedgerEntry(fold, entry);
    return { entries: [...known.entries, ...newer], fold };
  }

  /** Keeps a location's committed chain, unless a longer one is kept already. */
  remember(clinicId: string, locationId: string, chain: LedgerChain): void {
    const last = chain.entries.at(-1);
    if (last === undefined || last.seq !== chain.entries.length || chain.fold.lastSeq !== last.seq) return;
    const key = `${clinicId}/${locationId}`;
    const known = this.#byLocation.get(key);
    if (known !== undefined && (known.entries.at(-1)?.seq ?? 0) >= last.seq) return;
    this.#byLocation.set(key, chain);
  }
}

const byApp = new WeakMap<AppContext, LedgerChains>();

export function ledgerChains(ctx: AppContext): LedgerChains {
  let chains = byApp.get(ctx);
  if (chains === undefined) {
    chains = new LedgerChains();
    byApp.set(ctx, chains);
  }
  return chains;
}

/**
 * A location's chain locked for appending in one transaction. It keeps the fold of the chain as it grows:
 * an entry that breaks the ledger's arithmetic (an overdraw, an unknown container, a delta that does not
 * match) is refused with 409 LEDGER_BLOCKED before it is written.
 */
export class ChainWriter {
  readonly #tx: Tx;
  readonly #entries: LedgerEntry[];
  readonly #fold: LedgerFold;
  readonly written: LedgerEntry[] = [];
  #lastHash: string;

  private constructor(
    tx: Tx,
    readonly clinicId: string,
    readonly locationId: string,
    chain: LedgerChain,
    lastHash: string,
  ) {
    this.#tx = tx;
    this.#entries = [...chain.entries];
    this.#lastHash = lastHash;
    this.#fold = forkLedgerFold(chain.fold);
  }

  /** The location's stock and books as they stand (with this transaction's entries), on `today`. */
  view(today: string): LedgerView {
    return ledgerView(this.#fold, { today });
  }

  /** Locks the chain head of the location and reads its entries (the head lock comes first). */
  static async open(ctx: AppContext, tx: Tx, clinicId: string, locationId: string): Promise<ChainWriter> {
    const head = await lockLedgerChainHead(tx, clinicId, locationId, GENESIS_HASH);
    const chain = await ledgerChains(ctx).read(tx, clinicId, locationId);
    const last = chain.entries.at(-1);
    if ((last?.seq ?? 0) !== head.lastSeq || (last?.hash ?? GENESIS_HASH) !== head.lastHash) {
      throw new Error(
        `ledger chain of location ${locationId}: the head says seq ${head.lastSeq}, the entries end at seq ${last?.seq ?? 0}; run \`ketapath ledger verify\``,
      );
    }
    return new ChainWriter(tx, clinicId, locationId, chain, head.lastHash);
  }

  /** Every entry of the chain, including those written in this transaction. */
  get entries(): readonly LedgerEntry[] {
    return this.#entries;
  }

  /** The chain with this transaction's entries and its fold, to remember once the transaction commits. */
  get chain(): LedgerChain {
    return { entries: this.#entries, fold: this.#fold };
  }

  /** Appends one entry as `recordedBy` at `recordedAt`; returns it as stored. */
  async append(input: NewLedgerEntry, recordedBy: string, recordedAt: Date): Promise<LedgerEntry> {
    const seq = (this.#entries.at(-1)?.seq ?? 0) + 1;
    const unhashed = {
      id: randomUUID(),
      clinicId: this.clinicId,
      locationId: this.locationId,
      seq,
      kind: input.payload.kind,
      occurredAt: input.occurredAt.toISOString(),
      recordedAt: recordedAt.toISOString(),
      recordedBy,
      witnessIds: [...(input.witnessIds ?? [])],
      containerId: input.containerId ?? null,
      lot: input.lot ?? null,
      sessionId: input.sessionId ?? null,
      patientId: input.patientId ?? null,
      deltaUg: input.deltaUg,
      payload: input.payload,
      correctsSeq: input.correctsSeq ?? null,
      reason: input.reason ?? null,
      prevHash: this.#lastHash,
    };
    if (!Number.isSafeInteger(unhashed.deltaUg))
      throw new RangeError(`deltaUg ${unhashed.deltaUg} is not a safe integer`);
    const problems = checkLedgerEntry(this.#fold, unhashed);
    if (problems.length > 0) {
      throw new DomainError('LEDGER_BLOCKED', {
        detail: `This ${unhashed.kind} does not fit the ledger: ${problems.map((p) => p.message).join('; ')}.`,
        issues: problems.map((p) => ({ field: `ledger.${p.problem}`, message: p.message })),
      });
    }
    const entry: LedgerEntry = { ...unhashed, hash: hashLedgerEntry(unhashed, sha256hex) };
    const inserted = await insertLedgerEntry(this.#tx, {
      ...entry,
      occurredAt: input.occurredAt,
      recordedAt,
      clientEntryId: input.clientEntryId,
    });
    if (!inserted) throw new ClientEntryTaken(input.clientEntryId);
    applyLedgerEntry(this.#fold, entry);
    this.#entries.push(entry);
    this.written.push(entry);
    this.#lastHash = entry.hash;
    return entry;
  }

  /** Moves the chain head to the last entry written (call once, after the appends). */
  async close(): Promise<void> {
    const last = this.#entries.at(-1);
    if (this.written.length === 0 || last === undefined) return;
    await setLedgerChainHead(this.#tx, this.clinicId, this.locationId, {
      lastSeq: last.seq,
      lastHash: last.hash,
    });
  }
}

/** Thrown when a client entry id is already stored: the request was sent before and is answered from it. */
export class ClientEntryTaken extends Error {
  constructor(readonly clientEntryId: string | null) {
    super('ledger entry already recorded');
  }
}
