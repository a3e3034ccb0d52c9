/**
 * The ledger's tamper evidence: each entry's hash covers its content and the previous entry's hash, per
 * registered location, so an edited, deleted or reordered row breaks the chain at a row we can name. The hash
 * function is passed in (the package is pure); the server uses SHA-256 from node:crypto.
 */
import type { LedgerEntry } from '@ketapath/core';

/** prevHash of the first entry (seq 1) of every location. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry as it goes into the hash: every common field but `hash`; times may be Date or ISO strings. */
export type HashableLedgerEntry = Omit<LedgerEntry, 'hash' | 'recordedAt' | 'occurredAt'> & {
  readonly recordedAt: string | Date;
  readonly occurredAt: string | Date;
  readonly hash?: string;
};

/** A stored row as the verifier reads it. */
export type ChainRow = HashableLedgerEntry & { readonly hash: string };

/** A sha256 of UTF-8 text, as 64 lowercase hex characters. */
export type Sha256Hex = (text: string) => string;

function toIso(t: string | Date): string {
  const d = typeof t === 'string' ? new Date(t) : t;
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date-time: ${String(t)}`);
  return d.toISOString();
}

/** JSON with object keys sorted (recursively), no whitespace; undefined-valued keys are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value))
    return `[${value.map((v: unknown) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`canonicalJson: ${value} is not a finite number`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
}

/**
 * The text an entry's hash is computed from: every common field except `hash`, keys sorted, with
 * recordedAt and occurredAt as `toISOString()` (milliseconds, UTC), so a row read back from either database
 * hashes the same as when it was written.
 */
export function canonicalLedgerContent(entry: HashableLedgerEntry): string {
  return canonicalJson({
    id: entry.id,
    clinicId: entry.clinicId,
    locationId: entry.locationId,
    seq: entry.seq,
    kind: entry.kind,
    occurredAt: toIso(entry.occurredAt),
    recordedAt: toIso(entry.recordedAt),
    recordedBy: entry.recordedBy,
    witnessIds: entry.witnessIds,
    containerId: entry.containerId,
    lot: entry.lot,
    sessionId: entry.sessionId,
    patientId: entry.patientId,
    deltaUg: entry.deltaUg,
    payload: entry.payload,
    correctsSeq: entry.correctsSeq,
    reason: entry.reason,
    prevHash: entry.prevHash,
  });
}

/** The hash of an entry (its `prevHash` must already be set). */
export function hashLedgerEntry(entry: HashableLedgerEntry, sha256hex: Sha256Hex): string {
  return sha256hex(canonicalLedgerContent(entry));
}

/** The stored head of a location's chain (the last seq and its hash). */
export interface ChainHead {
  readonly lastSeq: number;
  readonly lastHash: string;
}

export type ChainProblem =
  'hash-mismatch' | 'prev-hash-mismatch' | 'seq-gap' | 'seq-duplicate' | 'head-mismatch';

export interface ChainBreak {
  readonly seq: number;
  readonly entryId: string | null;
  readonly problem: ChainProblem;
  readonly expected: string;
  readonly found: string;
}

export type ChainVerification =
  | { readonly ok: true; readonly entries: number; readonly headHash: string }
  | { readonly ok: false; readonly entries: number; readonly breaks: readonly ChainBreak[] };

/**
 * Checks a location's rows in the order given (the caller reads them by seq): seq 1, 2, 3… without gaps or
 * repeats, each prevHash equal to the previous row's hash (GENESIS_HASH for seq 1), each hash equal to the
 * hash of the row's content, and the last row equal to the stored chain head (a deleted tail leaves the head
 * pointing past the end; `null` means no head is stored, `undefined` skips the head check). Every break is reported with its seq and entry id; after a break the check goes on
 * from the row as found, so one deleted row is reported once, not at every later row.
 */
export function verifyChain(
  rows: readonly ChainRow[],
  sha256hex: Sha256Hex,
  head?: ChainHead | null,
): ChainVerification {
  const breaks: ChainBreak[] = [];
  const seen = new Set<number>();
  let previousSeq = 0;
  let previousHash = GENESIS_HASH;
  for (const row of rows) {
    if (seen.has(row.seq)) {
      breaks.push({
        seq: row.seq,
        entryId: row.id,
        problem: 'seq-duplicate',
        expected: String(previousSeq + 1),
        found: String(row.seq),
      });
    } else if (row.seq !== previousSeq + 1) {
      breaks.push({
        seq: row.seq,
        entryId: row.id,
        problem: 'seq-gap',
        expected: String(previousSeq + 1),
        found: String(row.seq),
      });
    }
    seen.add(row.seq);
    if (row.prevHash !== previousHash) {
      breaks.push({
        seq: row.seq,
        entryId: row.id,
        problem: 'prev-hash-mismatch',
        expected: previousHash,
        found: row.prevHash,
      });
    }
    const computed = hashLedgerEntry(row, sha256hex);
    if (computed !== row.hash) {
      breaks.push({
        seq: row.seq,
        entryId: row.id,
        problem: 'hash-mismatch',
        expected: computed,
        found: row.hash,
      });
    }
    previousSeq = row.seq;
    previousHash = row.hash;
  }
  const headHash = previousHash;
  if (head !== undefined && head !== null && (head.lastSeq !== previousSeq || head.lastHash !== headHash)) {
    breaks.push({
      seq: head.lastSeq,
      entryId: null,
      problem: 'head-mismatch',
      expected: `seq ${head.lastSeq} ${head.lastHash}`,
      found: `seq ${previousSeq} ${headHash}`,
    });
  }
  if (head === null && rows.length > 0) {
    breaks.push({
      seq: previousSeq,
      entryId: null,
      problem: 'head-mismatch',
      expected: 'no entries (no chain head is stored)',
      found: `seq ${previousSeq} ${headHash}`,
    });
  }
  return breaks.length === 0
    ? { ok: true, entries: rows.length, headHash }
    : { ok: false, entries: rows.length, breaks };
}
