/**
 * The controlled-substance ledger (REFERENCE §9): registered locations, stock per lot and per container,
 * receipts, quarantine and release, container remainders wasted, counts and the discrepancies they open,
 * their investigation and resolution, loss reports, destruction, inventories, corrections and the raw chain.
 * Every write is one append-only, hash-chained transaction (ledger-write.ts); every read and write is
 * audited and scoped to the signed-in user's clinic. Session draws and waste are in ledger-session.ts.
 */
import { randomUUID } from 'node:crypto';
import {
  DomainError,
  invalidFields,
  LOCATION_CHANGE_FIELDS,
  type ContainerWasteBody,
  type CorrectionBody,
  type CountBody,
  type DestructionBody,
  type DiscrepancyNoteBody,
  type DiscrepancyResolveBody,
  type FieldIssue,
  type InventoryBody,
  type LedgerEntry,
  type LedgerReceiptBody,
  type LossReportStepBody,
  type QuarantineBody,
  type RegisteredLocationBody,
  type RegisteredLocationChangeBody,
} from '@ketapath/core';
import { evaluateLedger, settingsView, type ClinicSettings, type Finding } from '@ketapath/clinical-rules';
import {
  compareCount,
  containerContentUg,
  formatUgAsMg,
  inventoryDue,
  inventoryFromCount,
  isDrawConsistent,
  lossReportDeadlines,
  mgPerMlToUgPerMl,
  mgToUg,
  mlToUl,
  opensLossReport,
  resolutionAdjustmentUg,
  strengthLabel,
  ugInVolumeRounded,
  ledgerView,
  type ContainerState,
  type CountInput,
  type DiscrepancyState,
  type LedgerView,
  type LossReportState,
} from '@ketapath/ledger';
import {
  findCsContainer,
  findLedgerEntryByPayloadId,
  findRegisteredLocation,
  insertRegisteredLocation,
  listCsContainers,
  listLedgerEntries,
  listRegisteredLocations,
  updateRegisteredLocationIfVersion,
  type RegisteredLocationRow,
} from '@ketapath/db';
import { todayIn, type Actor, type AppContext, type RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { loadClinicSettings } from './clinical-settings.service.js';
import { ledgerChains, toLedgerEntry, type NewLedgerEntry } from './ledger-chain.js';
import { blockingIssues, refuseIf } from './ledger-rules.js';
import { writeLedger, type WriteResult } from './ledger-write.js';
import { dayBounds } from './schedule.service.js';
import { verifyWitness, type VerifiedWitness } from './witness.js';

type Planned = Omit<NewLedgerEntry, 'clientEntryId'>;

const mg = (ug: number) => `${formatUgAsMg(ug)} mg`;
const HOUR_MS = 3_600_000;

// ---------------------------------------------------------------------------------------------------------
// Views

export interface LocationDto {
  id: string;
  name: string;
  deaRegistration: string | null;
  address: string | null;
  activity: string | null;
  /** Counts the location's changes; an edit sends the version it read. */
  version: number;
}

function locationDto(row: RegisteredLocationRow): LocationDto {
  return {
    id: row.id,
    name: row.name,
    deaRegistration: row.deaRegistration,
    address: row.address,
    activity: row.activity,
    version: row.version,
  };
}

export interface DiscrepancyDto extends Omit<DiscrepancyState, 'openedSeq' | 'notes'> {
  locationId: string;
  label: string | null;
  seq: number;
  notes: DiscrepancyState['notes'][number][];
}

function discrepancyDto(view: LedgerView, locationId: string, d: DiscrepancyState): DiscrepancyDto {
  const { openedSeq, notes, ...rest } = d;
  const label =
    d.containerId === null
      ? null
      : (view.containers.find((c) => c.containerId === d.containerId)?.label ?? null);
  return { ...rest, locationId, label, seq: openedSeq, notes: [...notes] };
}

export interface LossReportDto extends Omit<LossReportState, 'openedSeq' | 'steps'> {
  locationId: string;
  steps: LossReportState['steps'][number][];
  findings: Finding[];
}

function lossReportDto(locationId: string, r: LossReportState, findings: readonly Finding[]): LossReportDto {
  const { openedSeq: _seq, steps, ...rest } = r;
  return {
    ...rest,
    locationId,
    steps: [...steps],
    findings: findings.filter((f) => JSON.stringify(f.inputs).includes(r.lossReportId)),
  };
}

export interface WriteDto {
  entry: LedgerEntry;
  entries: LedgerEntry[];
}

function written(entries: readonly LedgerEntry[]): WriteDto {
  const first = entries[0];
  if (!first) throw new Error('a ledger write stored no entry');
  return { entry: first, entries: [...entries] };
}

/** The instant an event of `date` (YYYY-MM-DD, the clinic's calendar) is recorded at: now today, else noon. */
function eventInstant(ctx: AppContext, date: string, today: string, now: Date): Date {
  if (date === today) return now;
  return new Date(dayBounds(date, ctx.config.timeZone).from.getTime() + 12 * HOUR_MS);
}

function notInFuture(field: string, date: string, today: string): void {
  if (date > today)
    throw invalidFields([
      { field, message: `is after today (${today}): record what happened, when it happened` },
    ]);
}

/** The ledger rules on the stock as it stands: containers expired or expiring, counts, inventories, loss reports. */
function statusFindings(view: LedgerView, settings: ClinicSettings, today: string, now: Date): Finding[] {
  const due = inventoryDue(view.inventories, 1);
  const result = evaluateLedger(
    {
      operation: 'status',
      today,
      now: now.toISOString(),
      containers: view.containers,
      lastCountAt: view.lastCountAt,
      lastInventory: due.basis ? { type: due.basis.type, takenOn: due.basis.takenOn } : null,
      lossReports: view.lossReports.map((r) => ({
        lossReportId: r.lossReportId,
        discoveredOn: r.discoveredOn,
        writtenNoticeSentOn: r.writtenNoticeSentOn,
        form106FiledOn: r.form106FiledOn,
      })),
      nonBusinessDates: [],
    },
    settings,
  );
  return [...result.findings];
}

// ---------------------------------------------------------------------------------------------------------
// Shared steps

async function auditRead(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  entityType: string,
  entityId: string | null,
  detail: Record<string, unknown>,
  outcome: 'success' | 'failure' = 'success',
): Promise<void> {
  await recordAudit(ctx.database.db, ctx, actor, meta, {
    action: 'ledger.read',
    entityType,
    entityId,
    outcome,
    detail,
  });
}

/** A location of the clinic (the first one when none is named), or 404. */
async function resolveLocation(
  ctx: AppContext,
  actor: Actor,
  locationId: string | undefined,
): Promise<RegisteredLocationRow> {
  const db = ctx.database.db;
  const row =
    locationId === undefined
      ? ((await listRegisteredLocations(db, actor.clinicId))[0] ?? null)
      : await findRegisteredLocation(db, actor.clinicId, locationId);
  if (!row)
    throw new DomainError('LEDGER_LOCATION_NOT_FOUND', {
      issues: [{ field: 'locationId', message: 'is not a registered location of your clinic' }],
    });
  return row;
}

async function locationView(
  ctx: AppContext,
  actor: Actor,
  locationId: string,
  now: Date,
): Promise<LedgerView> {
  // Read outside a transaction, the chain is committed: it is kept for the next reader and writer.
  const chain = await ledgerChains(ctx).read(ctx.database.db, actor.clinicId, locationId);
  ledgerChains(ctx).remember(actor.clinicId, locationId, chain);
  return ledgerView(chain.fold, { today: todayIn(ctx.config.timeZone, now) });
}

/** Runs `fn`, auditing a domain refusal under `action` before rethrowing it. */
async function auditedRefusal<T>(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  audit: {
    action: Parameters<typeof recordAudit>[4]['action'];
    entityType: string;
    entityId: string | null;
    detail?: Record<string, unknown>;
  },
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError && !(error as { audited?: boolean }).audited) {
      await recordAudit(ctx.database.db, ctx, actor, meta, {
        action: audit.action,
        entityType: audit.entityType,
        entityId: audit.entityId,
        outcome: 'failure',
        detail: { ...audit.detail, reason: error.code, message: error.message },
      });
    }
    throw error;
  }
}

/** Each witness's own sign-in, in order; the same person twice is refused. */
async function verifyWitnesses(
  ctx: AppContext,
  actor: Actor,
  credentials: readonly { email: string; password: string }[],
  action: string,
): Promise<VerifiedWitness[]> {
  const witnesses: VerifiedWitness[] = [];
  for (const [i, c] of credentials.entries()) {
    const w = await verifyWitness(ctx, actor, c, { action, field: `witnesses[${i}]` });
    if (witnesses.some((x) => x.userId === w.userId))
      throw new DomainError('WITNESS_INVALID', {
        detail: `witnesses[${i}]: ${w.email} already signed as a witness; a second person must`,
        issues: [{ field: `witnesses[${i}]`, message: 'must be another person than the first witness' }],
      });
    witnesses.push(w);
  }
  return witnesses;
}

// ---------------------------------------------------------------------------------------------------------
// Locations and reads

export async function listLocations(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
): Promise<{ locations: LocationDto[] }> {
  const rows = await listRegisteredLocations(ctx.database.db, actor.clinicId);
  await auditRead(ctx, actor, meta, 'ledger-location', null, { count: rows.length });
  return { locations: rows.map(locationDto) };
}

export async function createLocation(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  body: RegisteredLocationBody,
): Promise<LocationDto> {
  return auditedRefusal(
    ctx,
    actor,
    meta,
    { action: 'ledger.location', entityType: 'ledger-location', entityId: null, detail: { name: body.name } },
    async () =>
      ctx.database.db.transaction(async (tx) => {
        const row = await insertRegisteredLocation(tx, {
          clinicId: actor.clinicId,
          name: body.name,
          deaRegistration: body.deaRegistration,
          address: body.address,
          activity: body.activity,
          createdAt: ctx.clock.now(),
          createdBy: actor.userId,
        });
        if (!row)
          throw new DomainError('LEDGER_LOCATION_NAME_TAKEN', {
            issues: [{ field: 'name', message: 'is already the name of one of your locations' }],
          });
        await recordAudit(tx, ctx, actor, meta, {
          action: 'ledger.location',
          entityType: 'ledger-location',
          entityId: row.id,
          detail: { name: row.name, deaRegistration: row.deaRegistration },
        });
        return locationDto(row);
      }),
  );
}

/**
 * Changes a location's name, DEA registration, address or activity, with the reason, in one transaction with
 * its audit row (each changed field's old and new value). The ledger entries already in the location's chain
 * are not touched: they are append-only and hash-chained, and none of them carries the registration. Reports
 * print the location's registration as it stands when they are made, which is what an inspector asks for
 * (the registration the records are kept under now); the audit row keeps what it was before and why it
 * changed. `expectedVersion` is the version the editor read: a change in between is refused (409).
 */
export async function updateLocation(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  locationId: string,
  body: RegisteredLocationChangeBody,
): Promise<LocationDto> {
  const { reason, expectedVersion, ...fields } = body;
  return auditedRefusal(
    ctx,
    actor,
    meta,
    { action: 'ledger.location', entityType: 'ledger-location', entityId: locationId, detail: { reason } },
    async () =>
      ctx.database.db.transaction(async (tx) => {
        const current = await findRegisteredLocation(tx, actor.clinicId, locationId);
        if (!current)
          throw new DomainError('LEDGER_LOCATION_NOT_FOUND', {
            issues: [{ field: 'locationId', message: 'is not a registered location of your clinic' }],
          });
        const stale = () =>
          new DomainError('LEDGER_LOCATION_VERSION_CONFLICT', {
            detail:
              `expectedVersion: you edited version ${expectedVersion} of ${current.name}, it is now version ` +
              `${current.version}. Reload to see the change, then apply yours again.`,
            issues: [
              {
                field: 'expectedVersion',
                message: `is ${expectedVersion}, but the location is now at version ${current.version}`,
              },
            ],
          });
        if (current.version !== expectedVersion) throw stale();
        const changes: Record<string, { from: string | null; to: string | null }> = {};
        for (const field of LOCATION_CHANGE_FIELDS) {
          const to = fields[field];
          if (to !== undefined && to !== current[field]) changes[field] = { from: current[field], to };
        }
        if (Object.keys(changes).length === 0) return locationDto(current);
        const result = await updateRegisteredLocationIfVersion(
          tx,
          actor.clinicId,
          locationId,
          expectedVersion,
          Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to])),
        );
        if (result.outcome === 'name-taken')
          throw new DomainError('LEDGER_LOCATION_NAME_TAKEN', {
            issues: [{ field: 'name', message: 'is already the name of one of your locations' }],
          });
        if (result.outcome === 'stale') throw stale();
        await recordAudit(tx, ctx, actor, meta, {
          action: 'ledger.location',
          entityType: 'ledger-location',
          entityId: locationId,
          detail: { changes, reason, version: result.row.version },
        });
        return locationDto(result.row);
      }),
  );
}

export interface StockDto {
  locationId: string;
  today: string;
  containers: ContainerState[];
  lots: LedgerView['lots'][number][];
  findings: Finding[];
  lastCountAt: string | null;
}

export async function getStock(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  locationId: string | undefined,
): Promise<StockDto> {
  return auditedRefusal(
    ctx,
    actor,
    meta,
    { action: 'ledger.read', entityType: 'ledger-stock', entityId: locationId ?? null },
    async () => {
      const location = await resolveLocation(ctx, actor, locationId);
      const now = ctx.clock.now();
      const view = await locationView(ctx, actor, location.id, now);
      const settings = await loadClinicSettings(ctx.database.db, actor.clinicId);
      const findings = statusFindings(view, settings, view.today, now);
      await auditRead(ctx, actor, meta, 'ledger-stock', location.id, {
        containers: view.containers.length,
        lastSeq: view.lastSeq,
      });
      return {
        locationId: location.id,
        today: view.today,
        containers: [...view.containers],
        lots: [...view.lots],
        findings,
        lastCountAt: view.lastCountAt,
      };
    },
  );
}

export async function listEntries(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  query: { locationId?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<{ locationId: string; entries: LedgerEntry[] }> {
  return auditedRefusal(
    ctx,
    actor,
    meta,
    { action: 'ledger.read', entityType: 'ledger-entries', entityId: query.locationId ?? null },
    async () => {
      const location = await resolveLocation(ctx, actor, query.locationId);
      if (query.from !== undefined && query.to !== undefined && query.from > query.to)
        throw invalidFields([{ field: 'to', message: `is before from (${query.from})` }]);
      const tz = ctx.config.timeZone;
      const rows = await listLedgerEntries(ctx.database.db, actor.clinicId, location.id, {
        from: query.from === undefined ? undefined : dayBounds(query.from, tz).from,
        to: query.to === undefined ? undefined : dayBounds(query.to, tz).to,
      });
      await auditRead(ctx, actor, meta, 'ledger-entries', location.id, {
        from: query.from,
        to: query.to,
        count: rows.length,
      });
      return { locationId: location.id, entries: rows.map(toLedgerEntry) };
    },
  );
}

export async function listDiscrepancies(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  query: { status: 'open' | 'closed' | 'all'; locationId?: string | undefined },
): Promise<{ discrepancies: DiscrepancyDto[] }> {
  return auditedRefusal(
    ctx,
    actor,
    meta,
    { action: 'ledger.read', entityType: 'ledger-discrepancies', entityId: query.locationId ?? null },
    async () => {
      const locations =
        query.locationId === undefined
          ? await listRegisteredLocations(ctx.database.db, actor.clinicId)
          : [await resolveLocation(ctx, actor, query.locationId)];
      const now = ctx.clock.now();
      const discrepancies: DiscrepancyDto[] = [];
      for (const location of locations) {
        const view = await locationView(ctx, actor, location.id, now);
        for (const d of view.discrepancies)
          if (query.status === 'all' || d.status === query.status)
            discrepancies.push(discrepancyDto(view, location.id, d));
      }
      await auditRead(ctx, actor, meta, 'ledger-discrepancies', query.locationId ?? null, {
        status: query.status,
        count: discrepancies.length,
      });
      return { discrepancies };
    },
  );
}

export async function listLossReports(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
): Promise<{ lossReports: LossReportDto[] }> {
  const locations = await listRegisteredLocations(ctx.database.db, actor.clinicId);
  const settings = await loadClinicSettings(ctx.database.db, actor.clinicId);
  const now = ctx.clock.now();
  const lossReports: LossReportDto[] = [];
  for (const location of locations) {
    const view = await locationView(ctx, actor, location.id, now);
    if (view.lossReports.length === 0) continue;
    const findings = statusFindings(view, settings, view.today, now);
    for (const r of view.lossReports) lossReports.push(lossReportDto(location.id, r, findings));
  }
  await auditRead(ctx, actor, meta, 'ledger-loss-reports', null, { count: lossReports.length });
  return { lossReports };
}

export interface InventoryDto {
  inventoryId: string;
  locationId: string;
  seq: number;
  type: string;
  takenAt: 'opening' | 'close';
  takenOn: string;
  zero: boolean;
  lines: Record<string, unknown>[];
  recordedBy: string;
}

export async function listInventories(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  locationId: string | undefined,
): Promise<{ inventories: InventoryDto[] }> {
  return auditedRefusal(
    ctx,
    actor,
    meta,
    { action: 'ledger.read', entityType: 'ledger-inventories', entityId: locationId ?? null },
    async () => {
      const location = await resolveLocation(ctx, actor, locationId);
      const view = await locationView(ctx, actor, location.id, ctx.clock.now());
      const inventories = view.inventories.map((i) => ({
        inventoryId: i.inventoryId,
        locationId: location.id,
        seq: i.seq,
        type: i.type,
        takenAt: i.takenAt,
        takenOn: i.takenOn,
        zero: i.zero,
        lines: i.lines.map((l) => ({ ...l })),
        recordedBy: i.recordedBy,
      }));
      await auditRead(ctx, actor, meta, 'ledger-inventories', location.id, { count: inventories.length });
      return { inventories };
    },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Receipts and containers

export interface ReceiptDto extends WriteDto {
  containers: ContainerState[];
}

/** One receipt line (one lot): the containers arrive sealed, numbered within their lot. */
export async function recordReceipt(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  body: LedgerReceiptBody,
): Promise<WriteResult<ReceiptDto>> {
  const concentrationUgPerMl = mgPerMlToUgPerMl(body.concentrationMgPerMl);
  const volumeUl = mlToUl(body.volumeMlPerContainer);
  const contentUg = containerContentUg(concentrationUgPerMl, volumeUl);
  const location = await auditedRefusal(
    ctx,
    actor,
    meta,
    {
      action: 'ledger.receipt',
      entityType: 'ledger-location',
      entityId: body.locationId,
      detail: { clientEntryId: body.clientEntryId },
    },
    () => resolveLocation(ctx, actor, body.locationId),
  );
  return writeLedger(ctx, actor, meta, {
    action: 'ledger.receipt',
    entityType: 'ledger-location',
    entityId: location.id,
    clientEntryId: body.clientEntryId,
    locationId: location.id,
    auditDetail: {
      lot: body.lot,
      ndc: body.ndc,
      containerCount: body.containerCount,
      invoiceRef: body.invoiceRef,
    },
    plan: ({ before, today, now }) => {
      notInFuture('receivedOn', body.receivedOn, today);
      const already = before.containers.filter((c) => c.lot === body.lot && c.ndc === body.ndc).length;
      const containerIds = Array.from({ length: body.containerCount }, () => randomUUID());
      const containerLabels = containerIds.map((_, i) => `${body.lot} #${already + i + 1}`);
      return Promise.resolve([
        {
          payload: {
            kind: 'receipt',
            ndc: body.ndc,
            drugName: body.drugName,
            form: body.form,
            concentrationUgPerMl,
            volumeUlPerContainer: volumeUl,
            containerCount: body.containerCount,
            lot: body.lot,
            expiresOn: body.expiresOn,
            supplier: body.supplier,
            invoiceRef: body.invoiceRef,
            receivedOn: body.receivedOn,
            containerIds,
            containerLabels,
          },
          occurredAt: eventInstant(ctx, body.receivedOn, today, now),
          lot: body.lot,
          deltaUg: body.containerCount * contentUg,
        },
      ]);
    },
    answer: (entries, after) => {
      const first = entries[0];
      const ids = new Set(first?.payload.kind === 'receipt' ? first.payload.containerIds : []);
      return { ...written(entries), containers: after.containers.filter((c) => ids.has(c.containerId)) };
    },
  });
}

async function containerOf(ctx: AppContext, actor: Actor, containerId: string) {
  const row = await findCsContainer(ctx.database.db, actor.clinicId, containerId);
  if (!row) throw new DomainError('LEDGER_CONTAINER_NOT_FOUND');
  return row;
}

function stateOf(view: LedgerView, containerId: string): ContainerState {
  const state = view.containers.find((c) => c.containerId === containerId);
  if (!state) throw new DomainError('LEDGER_CONTAINER_NOT_FOUND');
  return state;
}

/** Quarantine (kept aside, cannot be drawn) or release of a container. */
export async function setQuarantine(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  containerId: string,
  kind: 'quarantine' | 'release',
  body: QuarantineBody,
): Promise<WriteResult<WriteDto>> {
  const action = kind === 'quarantine' ? 'ledger.quarantine' : 'ledger.release';
  const container = await auditedRefusal(
    ctx,
    actor,
    meta,
    {
      action,
      entityType: 'ledger-container',
      entityId: containerId,
      detail: { clientEntryId: body.clientEntryId },
    },
    () => containerOf(ctx, actor, containerId),
  );
  return writeLedger(ctx, actor, meta, {
    action,
    entityType: 'ledger-container',
    entityId: containerId,
    clientEntryId: body.clientEntryId,
    locationId: container.locationId,
    containerIds: [containerId],
    plan: ({ before, now }) => {
      const state = stateOf(before, containerId);
      const refusal =
        state.status === 'destroyed'
          ? 'was destroyed'
          : kind === 'quarantine' && state.status === 'quarantined'
            ? 'is already in quarantine'
            : kind === 'release' && state.status !== 'quarantined'
              ? 'is not in quarantine'
              : null;
      if (refusal !== null)
        throw new DomainError('LEDGER_BLOCKED', {
          detail: `${state.label} ${refusal}.`,
          issues: [{ field: 'containerId', message: `${state.label} ${refusal}` }],
        });
      return Promise.resolve([
        {
          payload: { kind, containerId, label: state.label, reason: body.reason },
          occurredAt: now,
          containerId,
          lot: state.lot,
          deltaUg: 0,
        },
      ]);
    },
    answer: (entries) => written(entries),
  });
}

/** The remainder of an opened container wasted, with its witness where the clinic requires one. */
export async function wasteContainer(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  containerId: string,
  body: ContainerWasteBody,
): Promise<WriteResult<WriteDto>> {
  const wastedUg = mgToUg(body.wastedMg);
  const wastedUl = mlToUl(body.wastedMl);
  const audit = {
    action: 'ledger.container-waste' as const,
    entityType: 'ledger-container',
    entityId: containerId,
    detail: { clientEntryId: body.clientEntryId },
  };
  const { container, witness } = await auditedRefusal(ctx, actor, meta, audit, async () => {
    const row = await containerOf(ctx, actor, containerId);
    if (!isDrawConsistent(wastedUg, wastedUl, row.concentrationUgPerMl)) {
      const expectedUg = ugInVolumeRounded(wastedUl, row.concentrationUgPerMl);
      throw new DomainError('LEDGER_QUANTITY_MISMATCH', {
        detail: `wastedMg: ${body.wastedMl} mL of ${row.label} at ${mg(row.concentrationUgPerMl)}/mL is ${mg(expectedUg)}, not ${body.wastedMg} mg.`,
        issues: [
          {
            field: 'wastedMg',
            message: `must be wastedMl × ${mg(row.concentrationUgPerMl)}/mL = ${mg(expectedUg)}`,
          },
        ],
      });
    }
    const w =
      body.witness === undefined
        ? null
        : await verifyWitness(ctx, actor, body.witness, { action: 'witness a controlled-substance waste' });
    return { container: row, witness: w };
  });
  return writeLedger(ctx, actor, meta, {
    action: 'ledger.container-waste',
    entityType: 'ledger-container',
    entityId: containerId,
    clientEntryId: body.clientEntryId,
    locationId: container.locationId,
    containerIds: [containerId],
    auditDetail: {
      wastedUg,
      method: body.method,
      ...(witness ? { witness: { userId: witness.userId, email: witness.email } } : {}),
    },
    plan: ({ before, now, today, settings }) => {
      const state = stateOf(before, containerId);
      const witnessIds = witness ? [witness.userId] : [];
      const check = evaluateLedger(
        {
          operation: 'container-waste',
          today,
          now: now.toISOString(),
          actorId: actor.userId,
          witnessIds,
          container: state,
          wastedUg,
        },
        settings,
      );
      refuseIf(blockingIssues(check.findings), `Wasting ${mg(wastedUg)} of ${state.label}`);
      return Promise.resolve([
        {
          payload: {
            kind: 'container-waste',
            containerId,
            label: state.label,
            wastedUg,
            wastedUl,
            method: body.method,
            ...(body.note === undefined ? {} : { note: body.note }),
          },
          occurredAt: now,
          witnessIds,
          containerId,
          lot: state.lot,
          deltaUg: -wastedUg,
        },
      ]);
    },
    answer: (entries) => written(entries),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Counts, discrepancies, loss reports

export interface CountDto {
  count: LedgerEntry;
  entries: LedgerEntry[];
  discrepancies: DiscrepancyDto[];
}

function countInputs(lines: CountBody['lines']): CountInput[] {
  return lines.map((l) => ({
    containerId: l.containerId,
    countedUl: l.countedMl === undefined ? undefined : mlToUl(l.countedMl),
    countedContainers: l.countedContainers,
    estimated: l.estimated,
  }));
}

function countProblemIssues(
  lines: readonly { containerId: string }[],
  problems: readonly { containerId: string; message: string }[],
): FieldIssue[] {
  return problems.map((p) => {
    const i = lines.findIndex((l) => l.containerId === p.containerId);
    return { field: i < 0 ? 'lines' : `lines[${i}].containerId`, message: p.message };
  });
}

function discrepanciesOf(
  entries: readonly LedgerEntry[],
  after: LedgerView,
  locationId: string,
): DiscrepancyDto[] {
  const ids = new Set(
    entries.flatMap((e) => (e.payload.kind === 'discrepancy-opened' ? [e.payload.discrepancyId] : [])),
  );
  return after.discrepancies
    .filter((d) => ids.has(d.discrepancyId))
    .map((d) => discrepancyDto(after, locationId, d));
}

/** A count of the shelf: each line compared with the books at once; every difference opens a discrepancy. */
export async function recordCount(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  body: CountBody,
): Promise<WriteResult<CountDto>> {
  const location = await auditedRefusal(
    ctx,
    actor,
    meta,
    {
      action: 'ledger.count',
      entityType: 'ledger-location',
      entityId: body.locationId,
      detail: { clientEntryId: body.clientEntryId },
    },
    () => resolveLocation(ctx, actor, body.locationId),
  );
  return writeLedger(ctx, actor, meta, {
    action: 'ledger.count',
    entityType: 'ledger-location',
    entityId: location.id,
    clientEntryId: body.clientEntryId,
    locationId: location.id,
    plan: ({ before, now }) => {
      const comparison = compareCount(before, countInputs(body.lines));
      if (comparison.problems.length > 0)
        throw invalidFields(countProblemIssues(body.lines, comparison.problems));
      const planned: Planned[] = [
        {
          payload: {
            kind: 'count',
            countId: randomUUID(),
            lines: [...comparison.lines],
            discrepancyUg: comparison.discrepancyUg,
          },
          occurredAt: now,
          deltaUg: 0,
        },
      ];
      for (const d of comparison.discrepancies) {
        planned.push({
          payload: {
            kind: 'discrepancy-opened',
            discrepancyId: randomUUID(),
            source: 'count',
            containerId: d.containerId,
            lot: d.lot,
            expectedUg: d.expectedUg,
            countedUg: d.countedUg,
            differenceUg: d.differenceUg,
          },
          occurredAt: now,
          containerId: d.containerId,
          lot: d.lot,
          deltaUg: 0,
        });
      }
      return Promise.resolve(planned);
    },
    answer: (entries, after) => ({
      count: written(entries).entry,
      entries: [...entries],
      discrepancies: discrepanciesOf(entries, after, location.id),
    }),
  });
}

async function discrepancyLocation(ctx: AppContext, actor: Actor, discrepancyId: string): Promise<string> {
  const opened = await findLedgerEntryByPayloadId(
    ctx.database.db,
    actor.clinicId,
    'discrepancy-opened',
    'discrepancyId',
    discrepancyId,
  );
  if (!opened) throw new DomainError('LEDGER_DISCREPANCY_NOT_FOUND');
  return opened.locationId;
}

function openDiscrepancy(view: LedgerView, discrepancyId: string): DiscrepancyState {
  const d = view.discrepancies.find((x) => x.discrepancyId === discrepancyId);
  if (!d) throw new DomainError('LEDGER_DISCREPANCY_NOT_FOUND');
  if (d.status === 'closed')
    throw new DomainError('LEDGER_ALREADY_CLOSED', {
      detail: `This discrepancy was resolved (entry ${d.resolution?.seq ?? '?'}): add nothing more to it.`,
    });
  return d;
}

export interface DiscrepancyWriteDto extends WriteDto {
  discrepancy: DiscrepancyDto;
  lossReport: LossReportDto | null;
}

function discrepancyAnswer(
  entries: readonly LedgerEntry[],
  after: LedgerView,
  locationId: string,
  discrepancyId: string,
): DiscrepancyWriteDto {
  const d = after.discrepancies.find((x) => x.discrepancyId === discrepancyId);
  if (!d) throw new DomainError('LEDGER_DISCREPANCY_NOT_FOUND');
  const report =
    d.lossReportId === null ? undefined : after.lossReports.find((r) => r.lossReportId === d.lossReportId);
  return {
    ...written(entries),
    discrepancy: discrepancyDto(after, locationId, d),
    lossReport: report ? lossReportDto(locationId, report, []) : null,
  };
}

/** A note on a discrepancy's investigation (who, when, what was found). */
export async function addDiscrepancyNote(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  discrepancyId: string,
  body: DiscrepancyNoteBody,
): Promise<WriteResult<DiscrepancyWriteDto>> {
  const locationId = await auditedRefusal(
    ctx,
    actor,
    meta,
    {
      action: 'ledger.discrepancy',
      entityType: 'ledger-discrepancy',
      entityId: discrepancyId,
      detail: { clientEntryId: body.clientEntryId },
    },
    () => discrepancyLocation(ctx, actor, discrepancyId),
  );
  return writeLedger(ctx, actor, meta, {
    action: 'ledger.discrepancy',
    entityType: 'ledger-discrepancy',
    entityId: discrepancyId,
    clientEntryId: body.clientEntryId,
    locationId,
    auditDetail: { step: 'note' },
    plan: ({ before, now }) => {
      const d = openDiscrepancy(before, discrepancyId);
      return Promise.resolve([
        {
          payload: { kind: 'discrepancy-note', discrepancyId, text: body.text },
          occurredAt: now,
          containerId: d.containerId,
          lot: d.lot,
          deltaUg: 0,
        },
      ]);
    },
    answer: (entries, after) => discrepancyAnswer(entries, after, locationId, discrepancyId),
  });
}

function settingNumber(settings: ClinicSettings, id: string): number {
  const value = settingsView(settings).resolve(id).value;
  if (typeof value !== 'number')
    throw new DomainError('LEDGER_BLOCKED', {
      detail: `The clinic has not set ${id}: set it under clinical settings first.`,
      issues: [{ field: id, message: 'is not set' }],
    });
  return value;
}

/**
 * Closes a discrepancy with its explanation. The books follow the shelf unless it was a counting error;
 * a theft or significant loss opens a loss report with its §9 deadlines (written notice within the clinic's
 * business days, DEA Form 106 within its days; 21 CFR 1301.76(b), 88 FR 40707).
 */
export async function resolveDiscrepancy(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  discrepancyId: string,
  body: DiscrepancyResolveBody,
): Promise<WriteResult<DiscrepancyWriteDto>> {
  const locationId = await auditedRefusal(
    ctx,
    actor,
    meta,
    {
      action: 'ledger.discrepancy',
      entityType: 'ledger-discrepancy',
      entityId: discrepancyId,
      detail: { clientEntryId: body.clientEntryId },
    },
    () => discrepancyLocation(ctx, actor, discrepancyId),
  );
  return writeLedger(ctx, actor, meta, {
    action: 'ledger.discrepancy',
    entityType: 'ledger-discrepancy',
    entityId: discrepancyId,
    clientEntryId: body.clientEntryId,
    locationId,
    auditDetail: { step: 'resolve', classification: body.classification },
    plan: ({ before, now, today, settings }) => {
      const d = openDiscrepancy(before, discrepancyId);
      const adjustmentUg = resolutionAdjustmentUg(body.classification, d.differenceUg);
      const planned: Planned[] = [
        {
          payload: {
            kind: 'discrepancy-resolved',
            discrepancyId,
            classification: body.classification,
            explanation: body.explanation,
            adjustmentUg,
          },
          occurredAt: now,
          containerId: d.containerId,
          lot: d.lot,
          deltaUg: adjustmentUg,
        },
      ];
      if (opensLossReport(body.classification)) {
        const discoveredOn = body.discoveredOn ?? today;
        notInFuture('discoveredOn', discoveredOn, today);
        const deadlines = lossReportDeadlines(discoveredOn, {
          noticeBusinessDays: settingNumber(settings, 'ledger.loss-notice-business-days'),
          reportDays: settingNumber(settings, 'ledger.loss-report-days'),
        });
        const container =
          d.containerId === null ? undefined : before.containers.find((c) => c.containerId === d.containerId);
        const ndc = container?.ndc ?? before.lots.find((l) => l.lot === d.lot)?.ndc;
        if (ndc === undefined)
          throw new DomainError('LEDGER_BLOCKED', {
            detail: `The lot ${d.lot} is not in this location's stock.`,
          });
        planned.push({
          payload: {
            kind: 'loss-report-opened',
            lossReportId: randomUUID(),
            discrepancyId,
            discoveredOn,
            writtenNoticeDueOn: deadlines.writtenNoticeDueOn,
            form106DueOn: deadlines.form106DueOn,
            quantityUg: Math.abs(Math.min(0, d.differenceUg)),
            lot: d.lot,
            ndc,
          },
          occurredAt: now,
          containerId: d.containerId,
          lot: d.lot,
          deltaUg: 0,
        });
      }
      return Promise.resolve(planned);
    },
    answer: (entries, after) => discrepancyAnswer(entries, after, locationId, discrepancyId),
  });
}

export interface LossReportWriteDto extends WriteDto {
  lossReport: LossReportDto;
}

/** A step of a loss report: the written notice sent, Form 106 filed, a police report, a note. */
export async function addLossReportStep(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  lossReportId: string,
  body: LossReportStepBody,
): Promise<WriteResult<LossReportWriteDto>> {
  const audit = {
    action: 'ledger.loss-report' as const,
    entityType: 'ledger-loss-report',
    entityId: lossReportId,
    detail: { clientEntryId: body.clientEntryId },
  };
  const locationId = await auditedRefusal(ctx, actor, meta, audit, async () => {
    const opened = await findLedgerEntryByPayloadId(
      ctx.database.db,
      actor.clinicId,
      'loss-report-opened',
      'lossReportId',
      lossReportId,
    );
    if (!opened) throw new DomainError('LEDGER_LOSS_REPORT_NOT_FOUND');
    return opened.locationId;
  });
  return writeLedger(ctx, actor, meta, {
    ...audit,
    clientEntryId: body.clientEntryId,
    locationId,
    auditDetail: { step: body.step, on: body.on },
    plan: ({ today, now }) => {
      notInFuture('on', body.on, today);
      return Promise.resolve([
        {
          payload: {
            kind: 'loss-report-step',
            lossReportId,
            step: body.step,
            on: body.on,
            ...(body.reference === undefined ? {} : { reference: body.reference }),
            ...(body.text === undefined ? {} : { text: body.text }),
          },
          occurredAt: eventInstant(ctx, body.on, today, now),
          deltaUg: 0,
        },
      ]);
    },
    answer: (entries, after) => {
      const report = after.lossReports.find((r) => r.lossReportId === lossReportId);
      if (!report) throw new DomainError('LEDGER_LOSS_REPORT_NOT_FOUND');
      return { ...written(entries), lossReport: lossReportDto(locationId, report, []) };
    },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Destruction, inventories, corrections

/**
 * Containers destroyed on site (witnessed by the clinic's number of witnesses, §9 Destruction of stock, 21 CFR
 * 1317.90, DEA Form 41) or sent to a reverse distributor; the entry holds the Form 41 fields per container.
 */
export async function recordDestruction(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  body: DestructionBody,
): Promise<WriteResult<WriteDto>> {
  const audit = {
    action: 'ledger.destruction' as const,
    entityType: 'ledger-location',
    entityId: body.locationId,
    detail: { clientEntryId: body.clientEntryId },
  };
  const { location, witnesses } = await auditedRefusal(ctx, actor, meta, audit, async () => {
    const loc = await resolveLocation(ctx, actor, body.locationId);
    const rows = await listCsContainers(ctx.database.db, actor.clinicId, loc.id);
    const known = new Set(rows.map((r) => r.id));
    const missing = body.containerIds.findIndex((id) => !known.has(id));
    if (missing >= 0)
      throw invalidFields([
        { field: `containerIds[${missing}]`, message: 'is not a container at this location' },
      ]);
    const w = await verifyWitnesses(
      ctx,
      actor,
      body.witnesses ?? [],
      'witness a destruction of controlled substances',
    );
    return { location: loc, witnesses: w };
  });
  return writeLedger(ctx, actor, meta, {
    ...audit,
    entityId: location.id,
    clientEntryId: body.clientEntryId,
    locationId: location.id,
    containerIds: body.containerIds,
    auditDetail: {
      mode: body.mode,
      containers: body.containerIds.length,
      witnesses: witnesses.map((w) => ({ userId: w.userId, email: w.email })),
    },
    plan: ({ before, now, today, settings }) => {
      notInFuture('destroyedOn', body.destroyedOn, today);
      const containers = body.containerIds.map((id) => stateOf(before, id));
      const witnessIds = witnesses.map((w) => w.userId);
      const check = evaluateLedger(
        {
          operation: 'destruction',
          today,
          now: now.toISOString(),
          actorId: actor.userId,
          witnessIds,
          mode: body.mode,
          containers,
        },
        settings,
      );
      refuseIf(blockingIssues(check.findings), 'The destruction');
      const lines = containers.map((c) => ({
        containerId: c.containerId,
        label: c.label,
        ndc: c.ndc,
        drugName: c.drugName,
        strength: strengthLabel(c.concentrationUgPerMl),
        form: c.form,
        quantityUg: c.remainingUg,
        quantityUl: c.remainingUl,
      }));
      const lots = new Set(containers.map((c) => c.lot));
      const [onlyLot] = [...lots];
      return Promise.resolve([
        {
          payload: {
            kind: 'destruction',
            destructionId: randomUUID(),
            mode: body.mode,
            containerIds: [...body.containerIds],
            lines,
            method: body.method,
            place: body.place,
            destroyedOn: body.destroyedOn,
            ...(body.reverseDistributor === undefined ? {} : { reverseDistributor: body.reverseDistributor }),
          },
          occurredAt: eventInstant(ctx, body.destroyedOn, today, now),
          witnessIds,
          containerId: containers.length === 1 ? (containers[0]?.containerId ?? null) : null,
          lot: lots.size === 1 ? (onlyLot ?? null) : null,
          deltaUg: -lines.reduce((s, l) => s + l.quantityUg, 0),
        },
      ]);
    },
    answer: (entries) => written(entries),
  });
}

/**
 * An inventory (§9 Initial/Biennial inventory and its contents, 21 CFR 1304.11): every container on the
 * books is counted (opened ones may be estimated); the lines are per product; differences open discrepancies
 * at once. With no stock it is a zero inventory.
 */
export async function recordInventory(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  body: InventoryBody,
): Promise<WriteResult<WriteDto & { discrepancies: DiscrepancyDto[] }>> {
  const location = await auditedRefusal(
    ctx,
    actor,
    meta,
    {
      action: 'ledger.inventory',
      entityType: 'ledger-location',
      entityId: body.locationId,
      detail: { clientEntryId: body.clientEntryId },
    },
    () => resolveLocation(ctx, actor, body.locationId),
  );
  return writeLedger(ctx, actor, meta, {
    action: 'ledger.inventory',
    entityType: 'ledger-location',
    entityId: location.id,
    clientEntryId: body.clientEntryId,
    locationId: location.id,
    auditDetail: { type: body.type, takenAt: body.takenAt, takenOn: body.takenOn },
    plan: ({ before, now, today }) => {
      notInFuture('takenOn', body.takenOn, today);
      const inventory = inventoryFromCount(before, countInputs(body.lines));
      const issues = countProblemIssues(body.lines, inventory.comparison.problems);
      for (const c of inventory.comparison.notCounted)
        issues.push({
          field: 'lines',
          message: `${c.label} (lot ${c.lot}, ${mg(c.remainingUg)} on the books) is not counted`,
        });
      if (issues.length > 0) throw invalidFields(issues);
      const planned: Planned[] = [
        {
          payload: {
            kind: 'inventory',
            inventoryId: randomUUID(),
            type: body.type,
            takenAt: body.takenAt,
            takenOn: body.takenOn,
            lines: [...inventory.lines],
            zero: inventory.zero,
          },
          occurredAt: eventInstant(ctx, body.takenOn, today, now),
          deltaUg: 0,
        },
      ];
      for (const d of inventory.comparison.discrepancies)
        planned.push({
          payload: {
            kind: 'discrepancy-opened',
            discrepancyId: randomUUID(),
            source: 'inventory',
            containerId: d.containerId,
            lot: d.lot,
            expectedUg: d.expectedUg,
            countedUg: d.countedUg,
            differenceUg: d.differenceUg,
          },
          occurredAt: now,
          containerId: d.containerId,
          lot: d.lot,
          deltaUg: 0,
        });
      return Promise.resolve(planned);
    },
    answer: (entries, after) => ({
      ...written(entries),
      discrepancies: discrepanciesOf(entries, after, location.id),
    }),
  });
}

/** A correction: a new entry naming the one it corrects, with the reason (nothing is ever changed in place). */
export async function recordCorrection(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  body: CorrectionBody,
): Promise<WriteResult<WriteDto>> {
  const location = await auditedRefusal(
    ctx,
    actor,
    meta,
    {
      action: 'ledger.correction',
      entityType: 'ledger-location',
      entityId: body.locationId,
      detail: { clientEntryId: body.clientEntryId },
    },
    () => resolveLocation(ctx, actor, body.locationId),
  );
  return writeLedger(ctx, actor, meta, {
    action: 'ledger.correction',
    entityType: 'ledger-location',
    entityId: location.id,
    clientEntryId: body.clientEntryId,
    locationId: location.id,
    auditDetail: { correctsSeq: body.correctsSeq, field: body.field, deltaUg: body.deltaUg ?? 0 },
    plan: ({ chain, now }) => {
      const target = chain.entries.find((e) => e.seq === body.correctsSeq);
      if (!target)
        throw new DomainError('LEDGER_ENTRY_NOT_FOUND', {
          detail: `correctsSeq: this location's ledger has no entry ${body.correctsSeq} (it ends at ${chain.entries.at(-1)?.seq ?? 0}).`,
          issues: [{ field: 'correctsSeq', message: `is not an entry of this location` }],
        });
      return Promise.resolve([
        {
          payload: {
            kind: 'correction',
            correctsSeq: body.correctsSeq,
            field: body.field,
            from: body.from,
            to: body.to,
          },
          occurredAt: now,
          containerId: target.containerId,
          lot: target.lot,
          sessionId: target.sessionId,
          patientId: target.patientId,
          deltaUg: body.deltaUg ?? 0,
          correctsSeq: body.correctsSeq,
          reason: body.reason,
        },
      ]);
    },
    answer: (entries) => written(entries),
  });
}
