/**
 * One ledger write, in one transaction: (the session row locked first when the write is a session's,) the
 * location's chain head locked, a resent clientEntryId recognised, the containers it touches locked, the
 * location's stock folded as it stands, the operation's checks and entries, the appends, the chain head,
 * the container projection brought to the fold's state, and the audit row; then it commits and the
 * location's chain is remembered. A resend of the same clientEntryId is answered 200 with the entries
 * stored the first time (and the stock as it is now). A refusal is audited after its rollback.
 */
import type { AuditAction, LedgerEntry, LedgerEntryKind } from '@ketapath/core';
import { DomainError } from '@ketapath/core';
import type { ClinicSettings } from '@ketapath/clinical-rules';
import { ledgerView, type LedgerView } from '@ketapath/ledger';
import {
  findLedgerEntryByClientId,
  insertCsContainers,
  lockCsContainers,
  lockInfusionSessionRow,
  updateCsContainer,
  type CsContainerStoredStatus,
  type Tx,
} from '@ketapath/db';
import { todayIn, type Actor, type AppContext, type RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { loadClinicSettings } from './clinical-settings.service.js';
import {
  ChainWriter,
  ClientEntryTaken,
  followingClientEntryId,
  ledgerChains,
  toLedgerEntry,
  type NewLedgerEntry,
} from './ledger-chain.js';

type ContainerView = LedgerView['containers'][number];

/**
 * The status the projection stores: the fold's, with 'expired' (a question of the date) left out — the same
 * as the fold's status on a day before any expiry, which `ketapath ledger verify` compares it with.
 */
export function storedContainerStatus(container: ContainerView): CsContainerStoredStatus {
  if (container.status !== 'expired') return container.status;
  if (container.openSessionIds.length > 0) return 'in-use';
  return container.opened ? 'opened' : 'sealed';
}

/**
 * Brings the container projection to the fold's state: new containers inserted, changed ones updated (a
 * remainder, or a status such as in-use → opened when a session's balance closes).
 */
export async function syncContainerProjection(
  tx: Tx,
  clinicId: string,
  before: LedgerView,
  after: LedgerView,
): Promise<void> {
  const previous = new Map(before.containers.map((c) => [c.containerId, c]));
  const added = after.containers.filter((c) => !previous.has(c.containerId));
  await insertCsContainers(
    tx,
    added.map((c) => ({
      clinicId,
      id: c.containerId,
      locationId: c.locationId,
      label: c.label,
      lot: c.lot,
      ndc: c.ndc,
      expiresOn: c.expiresOn,
      concentrationUgPerMl: c.concentrationUgPerMl,
      volumeUl: c.volumeUl,
      remainingUg: c.remainingUg,
      remainingUl: c.remainingUl,
      status: storedContainerStatus(c),
    })),
  );
  for (const c of after.containers) {
    const was = previous.get(c.containerId);
    if (!was) continue;
    const status = storedContainerStatus(c);
    if (
      was.remainingUg !== c.remainingUg ||
      was.remainingUl !== c.remainingUl ||
      storedContainerStatus(was) !== status
    )
      await updateCsContainer(tx, clinicId, c.containerId, {
        remainingUg: c.remainingUg,
        remainingUl: c.remainingUl,
        status,
      });
  }
}

export interface PlanInput {
  tx: Tx;
  chain: ChainWriter;
  /** The location's stock and books as they stand, folded for `today`. */
  before: LedgerView;
  now: Date;
  today: string;
  settings: ClinicSettings;
  /** The locked session row, for session writes. */
  session: { id: string; patientId: string; state: string } | null;
}

export interface LedgerWrite<T> {
  action: AuditAction;
  entityType: string;
  entityId: string;
  clientEntryId: string;
  locationId: string;
  /** A session's write: its row is locked first (the nurse's signature takes the same lock). */
  sessionId?: string;
  /** Containers locked after the chain head. */
  containerIds?: readonly string[];
  /** The checks and the entries to append (the first carries the request's clientEntryId). */
  plan(input: PlanInput): Promise<Omit<NewLedgerEntry, 'clientEntryId'>[]>;
  /** The answer, from the entries written (or stored, on a resend) and the stock after them. */
  answer(written: readonly LedgerEntry[], after: LedgerView, tx: Tx | null): Promise<T> | T;
  /** Extra audit detail of a refusal or a success (no clinical content beyond ids and quantities). */
  auditDetail?: Record<string, unknown>;
}

export interface WriteResult<T> {
  status: 200 | 201;
  body: T;
}

/** The clinic's today and settings, and the transaction that writes (see the module comment). */
export async function writeLedger<T>(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  spec: LedgerWrite<T>,
): Promise<WriteResult<T>> {
  const clinicId = actor.clinicId;
  const audit = (outcome: 'success' | 'failure', detail: Record<string, unknown>) =>
    recordAudit(ctx.database.db, ctx, actor, meta, {
      action: spec.action,
      entityType: spec.entityType,
      entityId: spec.entityId,
      outcome,
      detail: {
        locationId: spec.locationId,
        clientEntryId: spec.clientEntryId,
        ...spec.auditDetail,
        ...detail,
      },
    });
  try {
    const settings = await loadClinicSettings(ctx.database.db, clinicId);
    const now = ctx.clock.now();
    const today = todayIn(ctx.config.timeZone, now);
    const outcome = await ctx.database.db.transaction(async (tx) => {
      let session: PlanInput['session'] = null;
      if (spec.sessionId !== undefined) {
        session = await lockInfusionSessionRow(tx, clinicId, spec.sessionId);
        if (!session) throw new DomainError('SESSION_NOT_FOUND');
      }
      const chain = await ChainWriter.open(ctx, tx, clinicId, spec.locationId);
      if (await findLedgerEntryByClientId(tx, clinicId, spec.clientEntryId))
        throw new ClientEntryTaken(spec.clientEntryId);
      await lockCsContainers(tx, clinicId, spec.containerIds ?? []);
      const before = chain.view(today);
      const planned = await spec.plan({ tx, chain, before, now, today, settings, session });
      for (const [i, entry] of planned.entries()) {
        await chain.append(
          {
            ...entry,
            clientEntryId: i === 0 ? spec.clientEntryId : followingClientEntryId(spec.clientEntryId, i),
          },
          actor.userId,
          now,
        );
      }
      await chain.close();
      const after = chain.view(today);
      await syncContainerProjection(tx, clinicId, before, after);
      const body = await spec.answer(chain.written, after, tx);
      await recordAudit(tx, ctx, actor, meta, {
        action: spec.action,
        entityType: spec.entityType,
        entityId: spec.entityId,
        detail: {
          locationId: spec.locationId,
          clientEntryId: spec.clientEntryId,
          ...spec.auditDetail,
          entries: chain.written.map((e) => ({ seq: e.seq, kind: e.kind, deltaUg: e.deltaUg })),
        },
      });
      return { body, chain: chain.chain };
    });
    ledgerChains(ctx).remember(clinicId, spec.locationId, outcome.chain);
    return { status: 201, body: outcome.body };
  } catch (error) {
    if (error instanceof ClientEntryTaken) {
      const stored = await storedEntries(ctx, clinicId, spec.clientEntryId);
      const first = stored[0];
      if (first && !isResendOf(first, spec)) {
        const reused = new DomainError('VALIDATION_FAILED', {
          detail: `clientEntryId: already used for a ${first.kind} entry (seq ${first.seq}); send a new id for a new request.`,
          issues: [{ field: 'clientEntryId', message: `is already the id of a ${first.kind} entry` }],
        });
        await audit('failure', { reason: reused.code, message: reused.message });
        throw reused;
      }
      if (first) {
        const now = ctx.clock.now();
        const chain = await ledgerChains(ctx).read(ctx.database.db, clinicId, first.locationId);
        ledgerChains(ctx).remember(clinicId, first.locationId, chain);
        const body = await spec.answer(
          stored,
          ledgerView(chain.fold, { today: todayIn(ctx.config.timeZone, now) }),
          null,
        );
        await audit('success', {
          repeated: true,
          entries: stored.map((e) => ({ seq: e.seq, kind: e.kind })),
        });
        return { status: 200, body };
      }
    }
    if (error instanceof DomainError) {
      await audit('failure', { reason: error.code, message: error.message, issues: error.issues });
    }
    throw error;
  }
}

/** The kinds of first entry each write stores. */
const FIRST_KINDS: Partial<Record<AuditAction, readonly LedgerEntryKind[]>> = {
  'ledger.receipt': ['receipt'],
  'ledger.draw': ['draw'],
  'ledger.waste': ['waste'],
  'ledger.container-waste': ['container-waste'],
  'ledger.quarantine': ['quarantine'],
  'ledger.release': ['release'],
  'ledger.count': ['count'],
  'ledger.discrepancy': ['discrepancy-note', 'discrepancy-resolved'],
  'ledger.loss-report': ['loss-report-step'],
  'ledger.destruction': ['destruction'],
  'ledger.inventory': ['inventory'],
  'ledger.correction': ['correction'],
};

/** A stored entry answers a resend only of the same kind of request (and, for a session's, the same session). */
function isResendOf(first: LedgerEntry, spec: LedgerWrite<unknown>): boolean {
  const kinds = FIRST_KINDS[spec.action];
  if (kinds !== undefined && !kinds.includes(first.kind)) return false;
  return spec.sessionId === undefined || first.sessionId === spec.sessionId;
}

/** The entries one request stored: the one with its clientEntryId, then those with the ids that follow it. */
export async function storedEntries(
  ctx: AppContext,
  clinicId: string,
  clientEntryId: string,
): Promise<LedgerEntry[]> {
  const db = ctx.database.db;
  const first = await findLedgerEntryByClientId(db, clinicId, clientEntryId);
  if (!first) return [];
  const entries = [toLedgerEntry(first)];
  for (let i = 1; ; i += 1) {
    const next = await findLedgerEntryByClientId(db, clinicId, followingClientEntryId(clientEntryId, i));
    if (!next) break;
    entries.push(toLedgerEntry(next));
  }
  return entries;
}
