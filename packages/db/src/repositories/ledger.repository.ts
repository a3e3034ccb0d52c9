/**
 * The controlled-substance ledger: registered locations, append-only entries chained per location, the
 * chain heads and the container projection. The database refuses UPDATE, DELETE and TRUNCATE on entries;
 * an append locks its location's chain head row, so a location's entries are numbered one after another.
 * Every query keys on the clinic: another clinic's location, entry or container is simply not found.
 */
import { and, asc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import {
  csContainers,
  infusionSessions,
  ledgerChainHeads,
  ledgerEntries,
  registeredLocations,
} from '../schema.js';
import type { Executor } from '../database.js';

export type RegisteredLocationRow = typeof registeredLocations.$inferSelect;
export type RegisteredLocationInsert = typeof registeredLocations.$inferInsert;
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
export type LedgerEntryInsert = typeof ledgerEntries.$inferInsert;
export type CsContainerRow = typeof csContainers.$inferSelect;
export type CsContainerInsert = typeof csContainers.$inferInsert;
export interface LedgerChainHead {
  locationId: string;
  clinicId: string;
  lastSeq: number;
  lastHash: string;
}

// Registered locations.

export async function listRegisteredLocations(
  ex: Executor,
  clinicId: string,
): Promise<RegisteredLocationRow[]> {
  return ex
    .select()
    .from(registeredLocations)
    .where(eq(registeredLocations.clinicId, clinicId))
    .orderBy(asc(registeredLocations.createdAt), asc(registeredLocations.name));
}

/** Every location of every clinic (`ketapath ledger verify` walks them all). */
export async function listAllRegisteredLocations(ex: Executor): Promise<RegisteredLocationRow[]> {
  return ex
    .select()
    .from(registeredLocations)
    .orderBy(asc(registeredLocations.clinicId), asc(registeredLocations.createdAt));
}

export async function findRegisteredLocation(
  ex: Executor,
  clinicId: string,
  locationId: string,
): Promise<RegisteredLocationRow | null> {
  const [row] = await ex
    .select()
    .from(registeredLocations)
    .where(and(eq(registeredLocations.clinicId, clinicId), eq(registeredLocations.id, locationId)));
  return row ?? null;
}

/** Inserts a location; null when the clinic already has one with that name. */
export async function insertRegisteredLocation(
  ex: Executor,
  row: RegisteredLocationInsert,
): Promise<RegisteredLocationRow | null> {
  const [inserted] = await ex.insert(registeredLocations).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

/** What a location change came to: the changed row, a stale version, or a name the clinic already uses. */
export type RegisteredLocationUpdate =
  { outcome: 'updated'; row: RegisteredLocationRow } | { outcome: 'stale' } | { outcome: 'name-taken' };

/**
 * Changes a location when it is still at `expectedVersion` (the version moves up by one): 'stale' when it is
 * not (changed in between, or not this clinic's), 'name-taken' when another location of the clinic has the
 * new name (the unique violation aborts a PostgreSQL transaction: the caller must not write after it).
 */
export async function updateRegisteredLocationIfVersion(
  ex: Executor,
  clinicId: string,
  locationId: string,
  expectedVersion: number,
  changes: Partial<Pick<RegisteredLocationInsert, 'name' | 'deaRegistration' | 'address' | 'activity'>>,
): Promise<RegisteredLocationUpdate> {
  try {
    const [row] = await ex
      .update(registeredLocations)
      .set({ ...changes, version: sql`${registeredLocations.version} + 1` })
      .where(
        and(
          eq(registeredLocations.clinicId, clinicId),
          eq(registeredLocations.id, locationId),
          eq(registeredLocations.version, expectedVersion),
        ),
      )
      .returning();
    return row ? { outcome: 'updated', row } : { outcome: 'stale' };
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: 'name-taken' };
    throw error;
  }
}

/** SQLSTATE 23505, on the error itself or on the query error that wraps it. */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

// Chain heads.

/**
 * The chain head of a location, locked until the transaction ends (created at seq 0 with `genesisHash` the
 * first time). Every append takes this lock first, so appends to one location run one after another.
 */
export async function lockLedgerChainHead(
  ex: Executor,
  clinicId: string,
  locationId: string,
  genesisHash: string,
): Promise<LedgerChainHead> {
  await ex
    .insert(ledgerChainHeads)
    .values({ locationId, clinicId, lastSeq: 0, lastHash: genesisHash })
    .onConflictDoNothing();
  const [row] = await ex
    .select()
    .from(ledgerChainHeads)
    .where(and(eq(ledgerChainHeads.locationId, locationId), eq(ledgerChainHeads.clinicId, clinicId)))
    .for('update');
  if (!row) throw new Error(`ledger chain head of location ${locationId} not found after insert`);
  return row;
}

/** The stored head of a location's chain without locking it; null before the first entry. */
export async function findLedgerChainHead(
  ex: Executor,
  clinicId: string,
  locationId: string,
): Promise<LedgerChainHead | null> {
  const [row] = await ex
    .select()
    .from(ledgerChainHeads)
    .where(and(eq(ledgerChainHeads.locationId, locationId), eq(ledgerChainHeads.clinicId, clinicId)));
  return row ?? null;
}

export async function setLedgerChainHead(
  ex: Executor,
  clinicId: string,
  locationId: string,
  head: { lastSeq: number; lastHash: string },
): Promise<void> {
  await ex
    .update(ledgerChainHeads)
    .set(head)
    .where(and(eq(ledgerChainHeads.locationId, locationId), eq(ledgerChainHeads.clinicId, clinicId)));
}

// Entries.

/**
 * Inserts an entry; false when its client entry id is already taken in the clinic (ON CONFLICT keeps the
 * transaction usable, so the caller can answer with the stored entry).
 */
export async function insertLedgerEntry(ex: Executor, row: LedgerEntryInsert): Promise<boolean> {
  const inserted = await ex
    .insert(ledgerEntries)
    .values(row)
    .onConflictDoNothing({ target: [ledgerEntries.clinicId, ledgerEntries.clientEntryId] })
    .returning({ id: ledgerEntries.id });
  return inserted.length === 1;
}

export async function findLedgerEntryByClientId(
  ex: Executor,
  clinicId: string,
  clientEntryId: string,
): Promise<LedgerEntryRow | null> {
  const [row] = await ex
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.clinicId, clinicId), eq(ledgerEntries.clientEntryId, clientEntryId)));
  return row ?? null;
}

export interface LedgerEntryFilter {
  /** Only entries numbered after this one (a list known up to it plus these is the whole chain). */
  afterSeq?: number | undefined;
  /** occurred_at ≥ from. */
  from?: Date | undefined;
  /** occurred_at < to. */
  to?: Date | undefined;
}

/** A location's entries in chain order. */
export async function listLedgerEntries(
  ex: Executor,
  clinicId: string,
  locationId: string,
  filter: LedgerEntryFilter = {},
): Promise<LedgerEntryRow[]> {
  const conditions: (SQL | undefined)[] = [
    eq(ledgerEntries.clinicId, clinicId),
    eq(ledgerEntries.locationId, locationId),
    filter.afterSeq !== undefined ? gt(ledgerEntries.seq, filter.afterSeq) : undefined,
    filter.from ? gte(ledgerEntries.occurredAt, filter.from) : undefined,
    filter.to ? lt(ledgerEntries.occurredAt, filter.to) : undefined,
  ];
  return ex
    .select()
    .from(ledgerEntries)
    .where(and(...conditions))
    .orderBy(asc(ledgerEntries.seq));
}

/** The entries that name a session, in the order they were written (per location, then seq). */
export async function listLedgerEntriesOfSession(
  ex: Executor,
  clinicId: string,
  sessionId: string,
): Promise<LedgerEntryRow[]> {
  return ex
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.clinicId, clinicId), eq(ledgerEntries.sessionId, sessionId)))
    .orderBy(asc(ledgerEntries.locationId), asc(ledgerEntries.seq));
}

/**
 * The first entry of a kind whose payload field `key` is `value` (a discrepancy or loss report by its id),
 * in any location of the clinic.
 */
export async function findLedgerEntryByPayloadId(
  ex: Executor,
  clinicId: string,
  kind: string,
  key: 'discrepancyId' | 'lossReportId' | 'countId' | 'inventoryId' | 'destructionId',
  value: string,
): Promise<LedgerEntryRow | null> {
  const [row] = await ex
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.clinicId, clinicId),
        eq(ledgerEntries.kind, kind),
        sql`${ledgerEntries.payload} ->> ${key} = ${value}`,
      ),
    )
    .orderBy(asc(ledgerEntries.seq))
    .limit(1);
  return row ?? null;
}

/**
 * Locks an infusion session's row until the transaction ends (a draw or waste against the nurse's signature:
 * both take this lock first) and returns its state; null when the clinic has no such session.
 */
export async function lockInfusionSessionRow(
  ex: Executor,
  clinicId: string,
  sessionId: string,
): Promise<{ id: string; patientId: string; state: string } | null> {
  const [row] = await ex
    .select({ id: infusionSessions.id, patientId: infusionSessions.patientId, state: infusionSessions.state })
    .from(infusionSessions)
    .where(and(eq(infusionSessions.clinicId, clinicId), eq(infusionSessions.id, sessionId)))
    .for('update');
  return row ?? null;
}

// Containers (projection).

export async function insertCsContainers(ex: Executor, rows: readonly CsContainerInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await ex.insert(csContainers).values([...rows]);
}

/** Containers of the clinic by id, locked until the transaction ends (in id order: no lock-order deadlock). */
export async function lockCsContainers(
  ex: Executor,
  clinicId: string,
  containerIds: readonly string[],
): Promise<CsContainerRow[]> {
  if (containerIds.length === 0) return [];
  return ex
    .select()
    .from(csContainers)
    .where(and(eq(csContainers.clinicId, clinicId), inArray(csContainers.id, [...containerIds])))
    .orderBy(asc(csContainers.id))
    .for('update');
}

export async function findCsContainer(
  ex: Executor,
  clinicId: string,
  containerId: string,
): Promise<CsContainerRow | null> {
  const [row] = await ex
    .select()
    .from(csContainers)
    .where(and(eq(csContainers.clinicId, clinicId), eq(csContainers.id, containerId)));
  return row ?? null;
}

export async function listCsContainers(
  ex: Executor,
  clinicId: string,
  locationId: string,
): Promise<CsContainerRow[]> {
  return ex
    .select()
    .from(csContainers)
    .where(and(eq(csContainers.clinicId, clinicId), eq(csContainers.locationId, locationId)))
    .orderBy(asc(csContainers.lot), asc(csContainers.label));
}

/** Writes a container's state from the ledger and raises its version. */
export async function updateCsContainer(
  ex: Executor,
  clinicId: string,
  containerId: string,
  state: Pick<CsContainerRow, 'remainingUg' | 'remainingUl' | 'status'>,
): Promise<void> {
  await ex
    .update(csContainers)
    .set({ ...state, version: sql`${csContainers.version} + 1` })
    .where(and(eq(csContainers.clinicId, clinicId), eq(csContainers.id, containerId)));
}
