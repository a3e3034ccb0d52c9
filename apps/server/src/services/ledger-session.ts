/**
 * The ledger driven by the chart: a session draws from a vial (mg and mL, which must agree with the vial's
 * concentration to the microgram), its administered dose comes from the chart's exact rate history
 * (@ketapath/charting, rounded half up to the µg), and the remainder is wasted with a witness where the
 * clinic requires one. Per session drawn = administered + wasted, to the microgram: the waste that closes the
 * balance (or the nurse's signature when nothing is left) writes the `administration` entry, and the nurse's
 * signature is refused with 409 LEDGER_NOT_BALANCED until it balances (REFERENCE §9 Continuing records,
 * 21 CFR 1304.21(a); wastage witnessing, 21 CFR 1304.21(e) and 1317.95(d) with state and institutional
 * policy [P]).
 */
import { DomainError, invalidFields, type DrawBody, type LedgerEntry, type WasteBody } from '@ketapath/core';
import { foldChart, type ChartState } from '@ketapath/charting';
import { evaluateLedger, type ClinicSettings } from '@ketapath/clinical-rules';
import {
  formatUgAsMg,
  isDrawConsistent,
  mgToUg,
  mlToUl,
  roundAdministeredDose,
  sessionBalance,
  ugInVolumeRounded,
  type LedgerView,
  type RoundedAdministration,
} from '@ketapath/ledger';
import {
  findCsContainer,
  findSessionDetail,
  listLedgerEntriesOfSession,
  listSessionEntries,
  type Executor,
  type Tx,
} from '@ketapath/db';
import { todayIn, type Actor, type AppContext, type RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { ChainWriter, followingClientEntryId, toLedgerEntry, type NewLedgerEntry } from './ledger-chain.js';
import { blockingIssues, foldStock, refuseIf } from './ledger-rules.js';
import { syncContainerProjection, writeLedger, type WriteResult } from './ledger-write.js';
import { chartSessionMeta, toSessionEntry } from './session-context.js';
import { verifyWitness } from './witness.js';

/** A session's balance as the routes show it. */
export interface SessionBalanceDto {
  sessionId: string;
  patientId: string | null;
  drawnUg: number;
  administeredUg: number | null;
  administeredExact: string | null;
  wastedUg: number;
  openUg: number;
  balanced: boolean;
  closed: boolean;
}

/** Chart states in which no more drug can go in: the dose is final. */
const DOSE_FINAL_STATES = new Set([
  'scheduled',
  'stopped',
  'discharged',
  'nurse-signed',
  'locked',
  'cancelled',
]);
/** Session states whose ledger is closed to draws and waste (a cancelled session may still waste what it drew). */
const CLOSED_SESSION_STATES = new Set(['nurse-signed', 'locked', 'cancelled']);
const CLOSED_TO_WASTE_STATES = new Set(['nurse-signed', 'locked']);

const mg = (ug: number) => `${formatUgAsMg(ug)} mg`;

/** The chart of a session at `now` (read with `ex`, inside the caller's transaction when it has one). */
async function chartAt(ex: Executor, clinicId: string, sessionId: string, now: Date): Promise<ChartState> {
  const detail = await findSessionDetail(ex, clinicId, sessionId);
  if (!detail) throw new DomainError('SESSION_NOT_FOUND');
  const entries = (await listSessionEntries(ex, clinicId, sessionId)).map(toSessionEntry);
  return foldChart({ session: chartSessionMeta(detail.session), entries, now: now.toISOString() });
}

/** The chart's dose, rounded half up to the µg with its exact value; null before any drug went in. */
function chartAdministration(chart: ChartState): RoundedAdministration | null {
  const given = chart.rateSegments.length > 0 || chart.boluses.length > 0;
  return given ? roundAdministeredDose(chart.administered) : null;
}

function balanceDto(
  view: LedgerView,
  sessionId: string,
  chart: ChartState | null,
  entries: readonly LedgerEntry[],
): SessionBalanceDto {
  const fromChart = chart ? chartAdministration(chart) : null;
  const balance = sessionBalance(view, sessionId, fromChart?.administeredUg ?? null);
  const recorded = [...entries]
    .reverse()
    .find((e) => e.payload.kind === 'administration' && e.sessionId === sessionId);
  const exact =
    balance.closed && recorded?.payload.kind === 'administration'
      ? recorded.payload.administeredExact
      : (fromChart?.administeredExact ?? null);
  return {
    sessionId,
    patientId: balance.patientId,
    drawnUg: balance.drawnUg,
    administeredUg: balance.administeredUg,
    administeredExact: exact,
    wastedUg: balance.wastedUg,
    openUg: balance.openUg,
    balanced: balance.balanced && (chart === null || DOSE_FINAL_STATES.has(chart.state)),
    closed: balance.closed,
  };
}

/**
 * The remainder is wasted from the prepared bag (or syringe), at the bag's concentration, not the vial's: its
 * mL must hold its mg to within half a microlitre. Without a programmed bag there is nothing to compare with.
 */
function checkWasteVolume(chart: ChartState, wastedUg: number, body: WasteBody): void {
  const bag = chart.currentSetting?.bag;
  if (bag === undefined || bag.volumeMl <= 0) return;
  const ugPerMl = (bag.drugMg * 1000) / bag.volumeMl;
  const expectedUg = body.wastedMl * ugPerMl;
  if (Math.abs(wastedUg - expectedUg) * 2 <= ugPerMl / 1000 + 1e-9) return;
  const strength = `${Number((ugPerMl / 1000).toFixed(3))} mg/mL`;
  throw new DomainError('LEDGER_QUANTITY_MISMATCH', {
    detail: `wastedMg: ${body.wastedMl} mL of the bag at ${strength} (${bag.drugMg} mg in ${bag.volumeMl} mL) is ${Number((expectedUg / 1000).toFixed(3))} mg, not ${body.wastedMg} mg.`,
    issues: [{ field: 'wastedMg', message: `must be wastedMl × the bag's ${strength}` }],
  });
}

/** The location whose chain holds a session's ledger entries (its first draw's), or null before any draw. */
async function sessionLocation(ex: Executor, clinicId: string, sessionId: string): Promise<string | null> {
  const rows = await listLedgerEntriesOfSession(ex, clinicId, sessionId);
  return rows[0]?.locationId ?? null;
}

/** The administration entry closing a balanced session (delta 0: the drug left stock with its draws). */
function administrationEntry(
  sessionId: string,
  patientId: string,
  dose: RoundedAdministration,
  drawnUg: number,
  occurredAt: Date,
): Omit<NewLedgerEntry, 'clientEntryId'> {
  return {
    payload: {
      kind: 'administration',
      sessionId,
      patientId,
      administeredUg: dose.administeredUg,
      administeredExact: dose.administeredExact,
      drawnUg,
    },
    occurredAt,
    sessionId,
    patientId,
    deltaUg: 0,
  };
}

function firstOf(entries: readonly LedgerEntry[]): LedgerEntry {
  const first = entries[0];
  if (!first) throw new Error('a ledger write stored no entry');
  return first;
}

function sessionOpen(state: string, operation: 'draw' | 'waste'): void {
  if ((operation === 'draw' ? CLOSED_SESSION_STATES : CLOSED_TO_WASTE_STATES).has(state))
    throw new DomainError('LEDGER_SESSION_CLOSED', {
      detail:
        state === 'cancelled'
          ? 'The session is cancelled: nothing more can be drawn for it (its remainder can still be wasted).'
          : `The session is ${state}: its draws and waste are closed. Record a correction if something is missing.`,
    });
}

export interface SessionWriteDto {
  entry: LedgerEntry;
  entries: LedgerEntry[];
  balance: SessionBalanceDto;
}

/** A draw for a session's bag from one container. */
export async function recordDraw(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  sessionId: string,
  body: DrawBody,
): Promise<WriteResult<SessionWriteDto>> {
  const db = ctx.database.db;
  const refused = async (error: DomainError) => {
    await recordAudit(db, ctx, actor, meta, {
      action: 'ledger.draw',
      entityType: 'session',
      entityId: sessionId,
      outcome: 'failure',
      detail: {
        clientEntryId: body.clientEntryId,
        containerId: body.containerId,
        reason: error.code,
        message: error.message,
      },
    });
    return error;
  };
  const detail = await findSessionDetail(db, actor.clinicId, sessionId);
  if (!detail) throw await refused(new DomainError('SESSION_NOT_FOUND'));
  const container = await findCsContainer(db, actor.clinicId, body.containerId);
  if (!container)
    throw await refused(
      new DomainError('LEDGER_CONTAINER_NOT_FOUND', {
        issues: [{ field: 'containerId', message: 'is not a container of your clinic' }],
      }),
    );
  const drawnUg = mgToUg(body.drawnMg);
  const drawnUl = mlToUl(body.drawnMl);
  if (!isDrawConsistent(drawnUg, drawnUl, container.concentrationUgPerMl)) {
    const expectedUg = ugInVolumeRounded(drawnUl, container.concentrationUgPerMl);
    throw await refused(
      new DomainError('LEDGER_QUANTITY_MISMATCH', {
        detail: `drawnMg: ${body.drawnMl} mL of ${container.label} at ${mg(container.concentrationUgPerMl)}/mL is ${mg(expectedUg)}, not ${body.drawnMg} mg.`,
        issues: [
          {
            field: 'drawnMg',
            message: `must be drawnMl × ${mg(container.concentrationUgPerMl)}/mL = ${mg(expectedUg)}`,
          },
        ],
      }),
    );
  }
  const earlier = await sessionLocation(db, actor.clinicId, sessionId);
  if (earlier !== null && earlier !== container.locationId)
    throw await refused(
      invalidFields([
        {
          field: 'containerId',
          message: "is at another registered location than this session's earlier draws",
        },
      ]),
    );
  return writeLedger(ctx, actor, meta, {
    action: 'ledger.draw',
    entityType: 'session',
    entityId: sessionId,
    clientEntryId: body.clientEntryId,
    locationId: container.locationId,
    sessionId,
    containerIds: [container.id],
    auditDetail: { containerId: container.id, drawnUg },
    plan: ({ before, today, now, settings, session }) => {
      if (!session) throw new DomainError('SESSION_NOT_FOUND');
      sessionOpen(session.state, 'draw');
      const state = before.containers.find((c) => c.containerId === container.id);
      if (!state) throw new DomainError('LEDGER_CONTAINER_NOT_FOUND');
      const check = evaluateLedger(
        {
          operation: 'draw',
          today,
          now: now.toISOString(),
          actorId: actor.userId,
          sessionId,
          container: state,
          drawnUg,
        },
        settings,
      );
      refuseIf(blockingIssues(check.findings), `Drawing ${mg(drawnUg)} from ${state.label}`);
      return Promise.resolve([
        {
          payload: {
            kind: 'draw',
            containerId: state.containerId,
            label: state.label,
            sessionId,
            patientId: session.patientId,
            drawnUg,
            drawnUl,
          },
          occurredAt: now,
          containerId: state.containerId,
          lot: state.lot,
          sessionId,
          patientId: session.patientId,
          deltaUg: -drawnUg,
        },
      ]);
    },
    answer: async (written, after, tx) => {
      const chart = await chartAt(tx ?? db, actor.clinicId, sessionId, ctx.clock.now());
      return {
        entry: firstOf(written),
        entries: [...written],
        balance: balanceDto(after, sessionId, chart, written),
      };
    },
  });
}

/** The session's remainder wasted, with its witness where the clinic requires one. */
export async function recordWaste(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  sessionId: string,
  body: WasteBody,
): Promise<WriteResult<SessionWriteDto>> {
  const db = ctx.database.db;
  const wastedUg = mgToUg(body.wastedMg);
  const wastedUl = mlToUl(body.wastedMl);
  const refused = async (error: DomainError) => {
    await recordAudit(db, ctx, actor, meta, {
      action: 'ledger.waste',
      entityType: 'session',
      entityId: sessionId,
      outcome: 'failure',
      detail: { clientEntryId: body.clientEntryId, reason: error.code, message: error.message },
    });
    return error;
  };
  const detail = await findSessionDetail(db, actor.clinicId, sessionId);
  if (!detail) throw await refused(new DomainError('SESSION_NOT_FOUND'));
  const locationId = await sessionLocation(db, actor.clinicId, sessionId);
  if (locationId === null)
    throw await refused(
      new DomainError('LEDGER_BLOCKED', {
        detail: 'Nothing was drawn for this session: there is no remainder to waste.',
        issues: [{ field: 'wastedMg', message: 'nothing was drawn for this session' }],
      }),
    );
  const witness =
    body.witness === undefined
      ? null
      : await verifyWitness(ctx, actor, body.witness, {
          action: 'witness a controlled-substance waste',
        }).catch(async (e: unknown) => {
          throw e instanceof DomainError ? await refused(e) : e;
        });
  return writeLedger(ctx, actor, meta, {
    action: 'ledger.waste',
    entityType: 'session',
    entityId: sessionId,
    clientEntryId: body.clientEntryId,
    locationId,
    sessionId,
    auditDetail: {
      wastedUg,
      method: body.method,
      ...(witness ? { witness: { userId: witness.userId, email: witness.email } } : {}),
    },
    plan: async ({ tx, before, now, today, settings, session }) => {
      if (!session) throw new DomainError('SESSION_NOT_FOUND');
      sessionOpen(session.state, 'waste');
      const chart = await chartAt(tx, actor.clinicId, sessionId, now);
      const dose = chartAdministration(chart);
      const balance = sessionBalance(before, sessionId, dose?.administeredUg ?? null);
      checkWasteVolume(chart, wastedUg, body);
      const check = evaluateLedger(
        {
          operation: 'waste',
          today,
          now: now.toISOString(),
          actorId: actor.userId,
          witnessIds: witness ? [witness.userId] : [],
          sessionId,
          drawnUg: balance.drawnUg,
          administeredUg: dose?.administeredUg ?? 0,
          wastedSoFarUg: balance.wastedUg,
          wastedUg,
        },
        settings,
      );
      refuseIf(blockingIssues(check.findings), `Wasting ${mg(wastedUg)}`);
      if (wastedUg > balance.openUg)
        throw new DomainError('LEDGER_BLOCKED', {
          detail: `Wasting ${mg(wastedUg)} is refused: only ${mg(Math.max(0, balance.openUg))} is left (drawn ${mg(balance.drawnUg)}, administered ${mg(dose?.administeredUg ?? 0)}, wasted ${mg(balance.wastedUg)}).`,
          issues: [
            { field: 'wastedMg', message: `must be at most the ${mg(Math.max(0, balance.openUg))} left` },
          ],
        });
      const planned: Omit<NewLedgerEntry, 'clientEntryId'>[] = [
        {
          payload: {
            kind: 'waste',
            sessionId,
            patientId: session.patientId,
            wastedUg,
            wastedUl,
            method: body.method,
            ...(body.note === undefined ? {} : { note: body.note }),
          },
          occurredAt: now,
          witnessIds: witness ? [witness.userId] : [],
          sessionId,
          patientId: session.patientId,
          deltaUg: 0,
        },
      ];
      // The waste that leaves nothing open, after the last dose, closes the books with the administration.
      if (wastedUg === balance.openUg && DOSE_FINAL_STATES.has(chart.state)) {
        planned.push(
          administrationEntry(
            sessionId,
            session.patientId,
            dose ?? { administeredUg: 0, administeredExact: '0/1 µg' },
            balance.drawnUg,
            now,
          ),
        );
      }
      return planned;
    },
    answer: async (written, after, tx) => {
      const chart = await chartAt(tx ?? db, actor.clinicId, sessionId, ctx.clock.now());
      return {
        entry: firstOf(written),
        entries: [...written],
        balance: balanceDto(after, sessionId, chart, written),
      };
    },
  });
}

/** A session's balance and its ledger entries. */
export async function getSessionLedger(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  sessionId: string,
): Promise<{ balance: SessionBalanceDto; entries: LedgerEntry[] }> {
  const db = ctx.database.db;
  const detail = await findSessionDetail(db, actor.clinicId, sessionId);
  if (!detail) {
    await recordAudit(db, ctx, actor, meta, {
      action: 'ledger.read',
      entityType: 'session',
      entityId: sessionId,
      outcome: 'failure',
      detail: { reason: 'SESSION_NOT_FOUND' },
    });
    throw new DomainError('SESSION_NOT_FOUND');
  }
  const now = ctx.clock.now();
  const entries = (await listLedgerEntriesOfSession(db, actor.clinicId, sessionId)).map(toLedgerEntry);
  const chart = await chartAt(db, actor.clinicId, sessionId, now);
  const view = foldStock(entries, todayIn(ctx.config.timeZone, now));
  await recordAudit(db, ctx, actor, meta, {
    action: 'ledger.read',
    entityType: 'session',
    entityId: sessionId,
    detail: { entries: entries.length },
  });
  return { balance: balanceDto(view, sessionId, chart, entries), entries };
}

export interface CloseSessionInput {
  actor: Actor;
  meta: RequestMeta;
  clinicId: string;
  sessionId: string;
  patientId: string;
  /** The chart as it stands before the signature. */
  chart: ChartState;
  /** The nurse signature's clientEntryId (the administration entry's id follows from it). */
  clientEntryId: string;
  now: Date;
  settings: ClinicSettings;
}

/**
 * The nurse's signature, inside its transaction (the session row already locked): refused with 409
 * LEDGER_NOT_BALANCED unless drawn = administered + wasted to the microgram (0 = 0 + 0 for a session that
 * never drew and never ran); when it balances and the administration is not yet in the ledger, writes it.
 */
export async function closeSessionLedger(ctx: AppContext, tx: Tx, input: CloseSessionInput): Promise<void> {
  const { clinicId, sessionId } = input;
  const dose = chartAdministration(input.chart) ?? { administeredUg: 0, administeredExact: '0/1 µg' };
  const rows = await listLedgerEntriesOfSession(tx, clinicId, sessionId);
  const locationId = rows[0]?.locationId ?? null;
  const today = todayIn(ctx.config.timeZone, input.now);
  const chain = locationId === null ? null : await ChainWriter.open(ctx, tx, clinicId, locationId);
  const before = chain ? chain.view(today) : foldStock([], today);
  const balance = sessionBalance(before, sessionId, dose.administeredUg);
  const openUg = balance.drawnUg - dose.administeredUg - balance.wastedUg;
  const check = evaluateLedger(
    {
      operation: 'close-session',
      today,
      now: input.now.toISOString(),
      sessionId,
      drawnUg: balance.drawnUg,
      administeredUg: dose.administeredUg,
      wastedUg: balance.wastedUg,
    },
    input.settings,
  );
  if (openUg !== 0) {
    const what =
      openUg > 0
        ? `${mg(openUg)} is open: waste the remainder with a witness, then sign.`
        : balance.drawnUg === 0
          ? `${mg(dose.administeredUg)} was given but nothing was drawn from stock: record the draw, then sign.`
          : `${mg(-openUg)} more was given and wasted than drawn: record the missing draw, then sign.`;
    throw new DomainError('LEDGER_NOT_BALANCED', {
      detail: `The controlled-substance record of this session does not balance: drawn ${mg(balance.drawnUg)}, administered ${mg(dose.administeredUg)}, wasted ${mg(balance.wastedUg)}; ${what}`,
      issues: [
        {
          field: 'ledger',
          message: `drawn ${mg(balance.drawnUg)} ≠ administered ${mg(dose.administeredUg)} + wasted ${mg(balance.wastedUg)}`,
        },
        ...blockingIssues(check.findings),
      ],
    });
  }
  if (chain === null) return;
  const recorded = [...chain.entries]
    .reverse()
    .find((e) => e.payload.kind === 'administration' && e.sessionId === sessionId);
  if (
    recorded?.payload.kind === 'administration' &&
    recorded.payload.administeredUg === dose.administeredUg &&
    recorded.payload.administeredExact === dose.administeredExact &&
    recorded.payload.drawnUg === balance.drawnUg
  )
    return;
  const entry = await chain.append(
    {
      ...administrationEntry(sessionId, input.patientId, dose, balance.drawnUg, input.now),
      clientEntryId: followingClientEntryId(input.clientEntryId, 'administration'),
    },
    input.actor.userId,
    input.now,
  );
  await chain.close();
  await syncContainerProjection(tx, clinicId, before, chain.view(today));
  await recordAudit(tx, ctx, input.actor, input.meta, {
    action: 'ledger.administration',
    entityType: 'session',
    entityId: sessionId,
    detail: {
      locationId,
      seq: entry.seq,
      administeredUg: dose.administeredUg,
      drawnUg: balance.drawnUg,
      wastedUg: balance.wastedUg,
    },
  });
}
