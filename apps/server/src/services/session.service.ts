/**
 * Recording chart entries. One transaction per entry: the session row is locked while the entry takes the
 * next number (and, for entries that change the chart's state, the version the writer saw is checked and
 * raised); the entry is checked against the chart as it stands, stored, run through the session rules with
 * the clinic's settings, and any new finding of the infusion is appended as an 'alert' entry; the state
 * projection and the audit row are written; then it commits, and only then is the floor board told and the
 * writer answered. An answered entry is therefore on disk, and a retried post with the same clientEntryId
 * gets the stored entry back instead of a second copy (the unique key decides, also under concurrency).
 */
import {
  DomainError,
  hasPermission,
  invalidFields,
  STATE_CHANGING_ENTRY_KINDS,
  type FieldIssue,
  type Order,
  type SessionEntry,
  type SessionEntryBody,
  type SessionEntryData,
} from '@ketapath/core';
import { checkOrder, evaluateSession, type ClinicSettings } from '@ketapath/clinical-rules';
import {
  buildSessionSnapshot,
  newAlerts,
  openAlerts,
  type ChartFold,
  type ChartState,
} from '@ketapath/charting';
import {
  findInfusionSession,
  findSessionDetail,
  findSessionEntryByClientId,
  insertSessionEntry,
  listSessionEntries,
  lockSessionForEntry,
  setSessionProjection,
  type Executor,
  type InfusionSessionState,
  type SessionDetailRow,
  type SessionEntryInsert,
  type Tx,
} from '@ketapath/db';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { verifyWitness } from './witness.js';
import { closeSessionLedger } from './ledger-session.js';
import { recordAudit } from './audit.service.js';
import { clinicSettingsOf } from './clinical-settings.service.js';
import { recordDeviceAudit, type DeviceActor } from './device.service.js';
import { chartEntries } from './chart-entries.js';
import { publishFloorChange } from './floor-bus.js';
import {
  ageYearsAt,
  chartSessionMeta,
  latestBody,
  loadRuleContext,
  patientContextCache,
  planInfusionOrder,
  toSessionEntry,
  type SessionRuleContext,
} from './session-context.js';

/** Who records an entry: a signed-in staff member, or a monitor-bridge device. */
export type EntryWriter = { kind: 'staff'; actor: Actor } | { kind: 'device'; device: DeviceActor };

export interface RecordedEntry {
  /** 201 for a new entry, 200 for a repeated clientEntryId (the stored entry). */
  status: 200 | 201;
  entry: SessionEntry;
  session: { version: number; state: InfusionSessionState; lastSeq: number };
  raisedAlerts: SessionEntry[];
}

/**
 * Data-entry sanity bounds on occurredAt (Ketapath product requirement, not clinical limits): at most 2
 * minutes ahead of the server clock (a chair-side device clock running a little fast), and not before the
 * day before the session's scheduled start (a mistyped date).
 */
export const OCCURRED_AT_MAX_AHEAD_MS = 2 * 60_000;
export const OCCURRED_AT_MAX_BEFORE_SCHEDULED_MS = 24 * 60 * 60_000;

/** Thrown inside the transaction when the clientEntryId is already stored: roll back, answer with it. */
class AlreadyRecorded extends Error {
  constructor(readonly clientEntryId: string) {
    super('entry already recorded');
  }
}

interface RecordedBy {
  recordedBy: string | null;
  recordedByEmail: string | null;
  recordedByRole: string | null;
  deviceId: string | null;
}

function writerStamp(writer: EntryWriter): RecordedBy {
  return writer.kind === 'staff'
    ? {
        recordedBy: writer.actor.userId,
        recordedByEmail: writer.actor.email,
        recordedByRole: writer.actor.role,
        deviceId: null,
      }
    : { recordedBy: null, recordedByEmail: null, recordedByRole: null, deviceId: writer.device.deviceId };
}

function clinicOf(writer: EntryWriter): string {
  return writer.kind === 'staff' ? writer.actor.clinicId : writer.device.clinicId;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}

/** Checks that need no database: the body's shape beyond the schema, and who may record what. */
function checkBody(writer: EntryWriter, body: SessionEntryBody): void {
  const kind = body.entry.kind;
  const issues: FieldIssue[] = [];
  if (kind === 'alert')
    issues.push({
      field: 'entry.kind',
      message:
        "'alert' entries are raised by the session rules, not posted; acknowledge one with 'alert-ack'",
    });
  if (body.witness !== undefined && kind !== 'double-check') {
    issues.push({ field: 'witness', message: 'is taken only on a double-check' });
  }
  if (STATE_CHANGING_ENTRY_KINDS.includes(kind) && body.expectedVersion === undefined) {
    issues.push({
      field: 'expectedVersion',
      message: `is required for a ${kind} entry: send the chart version you read`,
    });
  }
  if (issues.length > 0) throw invalidFields(issues);
  if (
    kind === 'physician-cosign' &&
    (writer.kind !== 'staff' || !hasPermission(writer.actor.role, 'chart:cosign'))
  ) {
    throw new DomainError('COSIGN_NOT_ALLOWED', {
      detail: `Only a physician can co-sign a chart; you are signed in as ${writer.kind === 'staff' ? writer.actor.role : 'a device'}.`,
    });
  }
}

/** The same-screen witness of a double-check (witness.ts); the double-check is then recorded as theirs. */
async function witnessStamp(
  ctx: AppContext,
  actor: Actor,
  witness: NonNullable<SessionEntryBody['witness']>,
): Promise<RecordedBy> {
  const w = await verifyWitness(ctx, actor, witness, { action: 'double-check a pump programming' });
  return { recordedBy: w.userId, recordedByEmail: w.email, recordedByRole: w.role, deviceId: null };
}

function checkOccurredAt(occurredAt: Date, now: Date, scheduledStart: Date): void {
  if (occurredAt.getTime() > now.getTime() + OCCURRED_AT_MAX_AHEAD_MS) {
    throw invalidFields([
      {
        field: 'occurredAt',
        message: `is in the future (the server time is ${now.toISOString()}); at most 2 minutes ahead is taken`,
      },
    ]);
  }
  if (occurredAt.getTime() < scheduledStart.getTime() - OCCURRED_AT_MAX_BEFORE_SCHEDULED_MS) {
    throw invalidFields([
      {
        field: 'occurredAt',
        message: `is more than a day before the session's scheduled start (${scheduledStart.toISOString()})`,
      },
    ]);
  }
}

/** The order the plan step gives, re-pointed at what the nurse programmed, for checkOrder's reverse check. */
function programmedOrder(
  base: Order,
  rate: Order['rate'],
  bag: { drugMg: number; volumeMl: number },
  rateMlPerH: number,
  now: Date,
): Order {
  const { concentrationMgPerMl: _concentration, orderedBy: _by, ...rest } = base;
  return {
    ...rest,
    ...(rate ? { rate } : {}),
    bag,
    programmedRateMlPerH: rateMlPerH,
    orderedAt: now.toISOString(),
  };
}

/**
 * Pump programming and rate changes are checked back against the order: the ordered rate of a first
 * programming must be the plan's, and the programmed mL/h must deliver the ordered rate (checkOrder's reverse
 * check with the plan's protocol). A mismatch is refused with both numbers.
 */
async function checkPumpSetting(
  ex: Executor,
  detail: SessionDetailRow,
  chart: ChartState,
  data: Extract<SessionEntryData, { kind: 'pump-program' | 'rate-change' }>,
  settings: ClinicSettings,
  now: Date,
): Promise<void> {
  const step = planInfusionOrder(detail);
  if (!step) {
    throw new DomainError('SESSION_ENTRY_NOT_ALLOWED', {
      detail: 'The signed plan has no infusion order to check a pump setting against.',
      issues: [{ field: 'entry.kind', message: 'the plan has no infusion step' }],
    });
  }
  const ordered = step.order;
  if (data.kind === 'pump-program') {
    if (
      chart.startedAt === null &&
      ordered.rate &&
      (ordered.rate.value !== data.rate.value || ordered.rate.unit !== data.rate.unit)
    ) {
      throw new DomainError('PUMP_RATE_MISMATCH', {
        detail: `entry.rate: the plan orders ${formatNumber(ordered.rate.value)} ${ordered.rate.unit}; the programming says ${formatNumber(data.rate.value)} ${data.rate.unit}.`,
        issues: [
          {
            field: 'entry.rate',
            message: `must be the ordered ${formatNumber(ordered.rate.value)} ${ordered.rate.unit}`,
          },
        ],
      });
    }
    if (data.weightBasis !== ordered.weightBasis) {
      throw new DomainError('PUMP_RATE_MISMATCH', {
        detail: `entry.weightBasis: the plan doses on ${ordered.weightBasis} body weight; the programming says ${data.weightBasis}.`,
        issues: [{ field: 'entry.weightBasis', message: `must be ${ordered.weightBasis}, as ordered` }],
      });
    }
  }
  const bag =
    data.kind === 'pump-program'
      ? { drugMg: data.bag.drugMg, volumeMl: data.bag.volumeMl }
      : chart.currentSetting?.bag;
  if (!bag) return; // a rate change with nothing programmed: the chart fold refuses it
  const body = await latestBody(ex, detail.session.clinicId, detail.patient.id);
  if (body.heightCm === null) throw new DomainError('HEIGHT_REQUIRED');
  const order = programmedOrder(
    ordered,
    data.rate,
    { drugMg: bag.drugMg, volumeMl: bag.volumeMl },
    data.rateMlPerH,
    now,
  );
  const result = checkOrder(
    order,
    {
      ageYears: ageYearsAt(detail.patient.dateOfBirth, now),
      sex: detail.patient.sexAtBirth,
      heightCm: body.heightCm,
      weightKg: ordered.weightKg,
      recordedOn: body.weighedOn ?? now.toISOString().slice(0, 10),
    },
    detail.plan.protocol as unknown as Parameters<typeof checkOrder>[2],
    settings,
    [],
    { now },
  );
  const mismatch = result.findings.find((f) => f.ruleId === 'order/pump-rate-mismatch');
  if (result.reverseCheck.matches === false || mismatch) {
    const computed = result.pump.rateMlPerH;
    throw new DomainError('PUMP_RATE_MISMATCH', {
      detail: `entry.rateMlPerH: ${mismatch?.message ?? `the pump is programmed at ${formatNumber(data.rateMlPerH)} mL/h but the order needs ${computed === null ? 'another rate' : `${formatNumber(computed)} mL/h`}.`}`,
      issues: [
        {
          field: 'entry.rateMlPerH',
          message:
            computed === null
              ? 'does not deliver the ordered rate'
              : `must be ${formatNumber(computed)} mL/h to deliver ${formatNumber(data.rate.value)} ${data.rate.unit}`,
        },
      ],
    });
  }
  const doseWeightKg = result.pump.doseWeightKg;
  if (
    data.kind === 'pump-program' &&
    doseWeightKg !== null &&
    Math.round(doseWeightKg * 10) !== Math.round(data.weightKg * 10)
  ) {
    // Weights are compared to the 0.1 kg a scale shows.
    throw new DomainError('PUMP_RATE_MISMATCH', {
      detail: `entry.weightKg: the order's dose weight is ${formatNumber(doseWeightKg)} kg (${ordered.weightBasis}); the programming says ${formatNumber(data.weightKg)} kg.`,
      issues: [
        {
          field: 'entry.weightKg',
          message: `must be the order's dose weight, ${formatNumber(doseWeightKg)} kg`,
        },
      ],
    });
  }
}

/** Pre-start items that stop the start: blocking checklist findings, and a programming not double-checked. */
function startBlockers(
  chart: ChartState,
  ruleContext: SessionRuleContext,
  settings: ClinicSettings,
  now: Date,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const evaluation = evaluateSession(
    buildSessionSnapshot(chart, { ...ruleContext, now: now.toISOString() }),
    settings,
  );
  for (const item of evaluation.checklist) {
    if (item.status === 'open' && item.severity === 'block') {
      issues.push({ field: `checklist.${item.id}`, message: `${item.label}: ${item.finding ?? 'open'}` });
    }
  }
  const setting = chart.currentSetting;
  if (setting === null) issues.push({ field: 'pump-program', message: 'the pump is not programmed' });
  else if (setting.doubleCheckedBy === null) {
    issues.push({
      field: 'double-check',
      message: `pump programming (entry ${setting.seq}) is not yet double-checked by a second staff member`,
    });
  }
  return issues;
}

/**
 * Why the discharge is not ready yet (discharge rules of block or needs-ack severity at `now`: Aldrete below the
 * passing score, observation time not reached, escort absent, advice not given), or [] when it is.
 */
function dischargeNotReady(
  chart: ChartState,
  ruleContext: SessionRuleContext,
  settings: ClinicSettings,
  now: Date,
): FieldIssue[] {
  const evaluation = evaluateSession(
    buildSessionSnapshot(chart, { ...ruleContext, now: now.toISOString() }),
    settings,
  );
  if (evaluation.discharge?.ready === true) return [];
  return evaluation.findings
    .filter(
      (f) => f.ruleId.startsWith('discharge/') && (f.severity === 'block' || f.severity === 'needs-ack'),
    )
    .map((f) => ({ field: f.ruleId, message: f.message }));
}

function entryRow(
  clinicId: string,
  sessionId: string,
  seq: number,
  data: SessionEntryData,
  occurredAt: Date,
  recordedAt: Date,
  by: RecordedBy,
  clientEntryId: string | null,
): SessionEntryInsert {
  return { clinicId, sessionId, seq, kind: data.kind, data, occurredAt, recordedAt, ...by, clientEntryId };
}

/** Where a refused entry is recorded on the audit trail (after its transaction has rolled back). */
async function auditRefusal(
  ctx: AppContext,
  writer: EntryWriter,
  meta: RequestMeta,
  sessionId: string,
  detail: Record<string, unknown>,
): Promise<void> {
  if (writer.kind === 'staff') {
    await recordAudit(ctx.database.db, ctx, writer.actor, meta, {
      action: 'session.entry',
      entityType: 'session',
      entityId: sessionId,
      outcome: 'failure',
      detail,
    });
  } else {
    await recordDeviceAudit(ctx.database.db, ctx, writer.device, meta, {
      action: 'session.entry',
      entityId: sessionId,
      outcome: 'failure',
      detail,
    });
  }
}

async function storedAnswer(
  ctx: AppContext,
  clinicId: string,
  sessionId: string,
  clientEntryId: string,
): Promise<Omit<RecordedEntry, 'status'> | null> {
  const db = ctx.database.db;
  const row = await findSessionEntryByClientId(db, clinicId, sessionId, clientEntryId);
  if (!row) return null;
  const session = await findInfusionSession(db, clinicId, sessionId);
  if (!session) return null;
  const entries = await listSessionEntries(db, clinicId, sessionId);
  const raised = entries.filter(
    (e) => e.kind === 'alert' && (e.data as { raisedBySeq?: number }).raisedBySeq === row.seq,
  );
  return {
    entry: toSessionEntry(row),
    session: { version: session.version, state: session.state, lastSeq: session.lastSeq },
    raisedAlerts: raised.map(toSessionEntry),
  };
}

/** Records one entry (see the module comment). */
export async function recordEntry(
  ctx: AppContext,
  writer: EntryWriter,
  meta: RequestMeta,
  sessionId: string,
  body: SessionEntryBody,
): Promise<RecordedEntry> {
  const clinicId = clinicOf(writer);
  const kind = body.entry.kind;
  const auditBase = { kind, clientEntryId: body.clientEntryId };
  try {
    checkBody(writer, body);
    // A resent clientEntryId is found inside the transaction (AlreadyRecorded, answered below), so the
    // common first post costs no extra lookup.
    const detail = await findSessionDetail(ctx.database.db, clinicId, sessionId);
    if (!detail) throw new DomainError('SESSION_NOT_FOUND');
    const now = ctx.clock.now();
    const occurredAt = body.occurredAt === undefined ? now : new Date(body.occurredAt);
    checkOccurredAt(occurredAt, now, detail.session.scheduledStart);
    let by = writerStamp(writer);
    if (body.witness !== undefined && writer.kind === 'staff')
      by = await witnessStamp(ctx, writer.actor, body.witness);
    const settings = await clinicSettingsOf(ctx, clinicId);
    const ruleContext = await loadRuleContext(
      ctx.database.db,
      clinicId,
      detail,
      now,
      patientContextCache(ctx),
    );
    const stateChanging = STATE_CHANGING_ENTRY_KINDS.includes(kind);

    const { chart, fold, folded, ...outcome } = await ctx.database.db.transaction((tx) =>
      recordInTransaction(tx, {
        ctx,
        writer,
        meta,
        detail,
        body,
        by,
        now,
        occurredAt,
        settings,
        ruleContext,
        stateChanging,
      }),
    );
    // Committed: the process may now reuse these entries for the next post and the floor board.
    chartEntries(ctx).remember(clinicId, sessionId, chart);
    chartEntries(ctx).rememberFold(clinicId, fold.session, fold.fold);
    const { version, state, lastSeq } = outcome.session;
    const known = {
      detail: { ...detail, session: { ...detail.session, version, state, lastSeq } },
      ...folded,
    };
    publishFloorChange(ctx, clinicId, [sessionId], new Map([[sessionId, known]]));
    return { status: 201, ...outcome };
  } catch (error) {
    if (error instanceof AlreadyRecorded) {
      const stored = await storedAnswer(ctx, clinicId, sessionId, error.clientEntryId);
      if (stored) return answerReplay(ctx, writer, meta, sessionId, stored);
    }
    // A refused set of vital signs may be the resend of one already on the chart (see the transaction).
    if (error instanceof DomainError && kind === 'vitals') {
      const stored = await storedAnswer(ctx, clinicId, sessionId, body.clientEntryId);
      if (stored) return answerReplay(ctx, writer, meta, sessionId, stored);
    }
    if (error instanceof DomainError)
      await auditRefusal(ctx, writer, meta, sessionId, {
        ...auditBase,
        reason: error.code,
        message: error.message,
      });
    throw error;
  }
}

async function answerReplay(
  ctx: AppContext,
  writer: EntryWriter,
  meta: RequestMeta,
  sessionId: string,
  stored: Omit<RecordedEntry, 'status'>,
): Promise<RecordedEntry> {
  const detail = {
    seq: stored.entry.seq,
    kind: stored.entry.data.kind,
    clientEntryId: stored.entry.clientEntryId,
    repeated: true,
  };
  if (writer.kind === 'staff')
    await recordAudit(ctx.database.db, ctx, writer.actor, meta, {
      action: 'session.entry',
      entityType: 'session',
      entityId: sessionId,
      detail,
    });
  else
    await recordDeviceAudit(ctx.database.db, ctx, writer.device, meta, {
      action: 'session.entry',
      entityId: sessionId,
      detail,
    });
  return { status: 200, ...stored };
}

interface TxInput {
  ctx: AppContext;
  writer: EntryWriter;
  meta: RequestMeta;
  detail: SessionDetailRow;
  body: SessionEntryBody;
  by: RecordedBy;
  now: Date;
  occurredAt: Date;
  settings: ClinicSettings;
  ruleContext: SessionRuleContext;
  stateChanging: boolean;
}

const AFTER_NURSE_SIGN: ReadonlySet<string> = new Set(['physician-cosign', 'addendum']);

async function recordInTransaction(
  tx: Tx,
  input: TxInput,
): Promise<
  Omit<RecordedEntry, 'status'> & {
    chart: readonly SessionEntry[];
    /** The fold of the whole committed chart, to keep once the transaction has committed. */
    fold: { session: ReturnType<typeof chartSessionMeta>; fold: ChartFold };
    folded: { chart: ChartState; foldedAt: string };
  }
> {
  const {
    ctx,
    writer,
    meta: request,
    detail,
    body,
    by,
    now,
    occurredAt,
    settings,
    ruleContext,
    stateChanging,
  } = input;
  const clinicId = detail.session.clinicId;
  const sessionId = detail.session.id;
  const data = body.entry;

  // 1. The row lock, the next number and (state-changing entries) the version check.
  const locked = await lockSessionForEntry(tx, clinicId, sessionId, {
    expectedVersion: stateChanging ? (body.expectedVersion ?? 0) : null,
    at: now,
  });
  if (!locked) {
    if (await findSessionEntryByClientId(tx, clinicId, sessionId, body.clientEntryId))
      throw new AlreadyRecorded(body.clientEntryId);
    const current = await findInfusionSession(tx, clinicId, sessionId);
    if (!current) throw new DomainError('SESSION_NOT_FOUND');
    throw new DomainError('SESSION_VERSION_CONFLICT', {
      detail: `Someone else changed this chart after you opened it (you saw version ${body.expectedVersion ?? 0}, it is now version ${current.version}). Reload to see their entry, then record yours again if it still applies.`,
      issues: [
        {
          field: 'expectedVersion',
          message: `is ${body.expectedVersion ?? 0}; the chart is at version ${current.version}`,
        },
      ],
    });
  }
  // A resend must be answered before the checks run (a second 'start' would be refused as out of place). A set
  // of vital signs passes every check again, so it goes straight to the insert, whose unique key recognises a
  // resend: the monitor bridge's posts, the busiest path, save a round trip.
  if (
    data.kind !== 'vitals' &&
    (await findSessionEntryByClientId(tx, clinicId, sessionId, body.clientEntryId))
  )
    throw new AlreadyRecorded(body.clientEntryId);

  // 2. The chart as it stands (entries 1 … lastSeq − 1 are committed), and what this entry may do to it.
  const entries = await chartEntries(ctx).read(tx, clinicId, sessionId, locked.lastSeq - 1);
  const meta = chartSessionMeta(locked);
  // The chart folded incrementally: the process keeps the fold of the committed entries, and this entry
  // (and the alerts it raises) are applied to a fork of it, so a post costs the same on a long chart.
  const nowIso = now.toISOString();
  const fold = chartEntries(ctx).foldOf(clinicId, meta, entries).fork();
  const before = fold.finish(nowIso);
  if (before.state === 'locked' && data.kind !== 'addendum') {
    throw new DomainError('SESSION_LOCKED', {
      detail: `The chart was signed and co-signed (locked): a ${data.kind} entry is not taken. Add an addendum with a reason to correct it.`,
    });
  }
  if (before.state === 'nurse-signed' && !AFTER_NURSE_SIGN.has(data.kind)) {
    throw new DomainError('SESSION_LOCKED', {
      detail: `The nurse has signed this chart: only the physician's co-signature or an addendum is taken now.`,
    });
  }
  if (before.state === 'cancelled' && data.kind !== 'addendum' && data.kind !== 'note') {
    throw new DomainError('SESSION_ENTRY_NOT_ALLOWED', {
      detail: 'This session was cancelled (its plan changed): only notes and addenda are taken.',
    });
  }
  if (data.kind === 'double-check') {
    const target = before.programs.find((p) => p.seq === data.programSeq);
    if (target && target.by !== null && target.by.userId === by.recordedBy) {
      throw new DomainError('DOUBLE_CHECK_SAME_PERSON', {
        detail: `Entry ${data.programSeq} was programmed by ${target.by.email}: the independent double-check must be done by a second staff member (their own sign-in, or as witness on this screen).`,
      });
    }
  }
  if (data.kind === 'physician-cosign' && before.nurseSignedBy?.by?.userId === by.recordedBy) {
    throw new DomainError('COSIGN_NOT_ALLOWED', {
      detail: 'The co-signature must come from another physician than the one who signed as nurse.',
    });
  }
  if (data.kind === 'pump-program' || data.kind === 'rate-change')
    await checkPumpSetting(tx, detail, before, data, settings, now);
  if (data.kind === 'start') {
    const blockers = startBlockers(before, ruleContext, settings, now);
    if (blockers.length > 0) {
      throw new DomainError('SESSION_START_BLOCKED', {
        detail: `The infusion cannot start yet: ${blockers.map((b) => b.message).join('; ')}.`,
        issues: blockers,
      });
    }
  }
  if (data.kind === 'nurse-sign') {
    const open = openAlerts(before).filter((a) => a.severity === 'needs-ack' || a.severity === 'block');
    if (open.length > 0) {
      throw new DomainError('SESSION_ENTRY_NOT_ALLOWED', {
        detail: `Acknowledge the open alerts before signing: ${open.map((a) => `entry ${a.seq} (${a.title})`).join(', ')}.`,
        issues: open.map((a) => ({ field: `alerts[${a.seq}]`, message: `${a.title}: not acknowledged` })),
      });
    }
    const notReady = dischargeNotReady(before, ruleContext, settings, now);
    if (notReady.length > 0 && data.dischargeNotReadyReason === undefined) {
      throw new DomainError('DISCHARGE_NOT_READY', {
        detail: `Not ready for discharge: ${notReady.map((i) => i.message).join(' ')} To sign anyway, give the reason (entry.dischargeNotReadyReason).`,
        issues: [
          ...notReady,
          { field: 'entry.dischargeNotReadyReason', message: 'is required while the discharge is not ready' },
        ],
      });
    }
  }
  if (data.kind === 'alert-ack' && !before.alerts.some((a) => a.seq === data.alertSeq)) {
    throw invalidFields([
      { field: 'entry.alertSeq', message: `entry ${data.alertSeq} is not an alert on this chart` },
    ]);
  }

  const seq = locked.lastSeq;
  const entry: SessionEntry = {
    seq,
    data,
    occurredAt: occurredAt.toISOString(),
    recordedAt: now.toISOString(),
    recordedBy:
      by.recordedBy !== null && by.recordedByEmail !== null && by.recordedByRole !== null
        ? { userId: by.recordedBy, email: by.recordedByEmail, role: by.recordedByRole }
        : null,
    deviceId: by.deviceId,
    clientEntryId: body.clientEntryId,
  };
  fold.apply(entry);
  const after = fold.finish(nowIso);
  const newProblems = after.problems.filter((p) => p.startsWith(`entry ${seq} `));
  if (newProblems.length > 0) {
    throw new DomainError('SESSION_ENTRY_NOT_ALLOWED', {
      detail: `This ${data.kind} does not fit the chart as it stands: ${newProblems.map((p) => p.replace(/^entry \d+ \([a-z-]+\): /, '')).join('; ')}.`,
      issues: [{ field: 'entry.kind', message: newProblems.join('; ') }],
    });
  }
  // A signature that fits the chart: drawn = administered + wasted, or 409 LEDGER_NOT_BALANCED (the
  // administration entry is written here when the books balance).
  if (data.kind === 'nurse-sign' && writer.kind === 'staff')
    await closeSessionLedger(ctx, tx, {
      actor: writer.actor,
      meta: request,
      clinicId,
      sessionId,
      patientId: detail.patient.id,
      chart: before,
      clientEntryId: body.clientEntryId,
      now,
      settings,
    });

  // 3. Store it; a concurrent twin with the same clientEntryId loses here.
  if (
    !(await insertSessionEntry(
      tx,
      entryRow(clinicId, sessionId, seq, data, occurredAt, now, by, body.clientEntryId),
    ))
  ) {
    throw new AlreadyRecorded(body.clientEntryId);
  }

  // 4. The session rules at once; new findings of the infusion become alert entries of the same writer.
  const evaluation = evaluateSession(
    buildSessionSnapshot(after, { ...ruleContext, now: now.toISOString() }),
    settings,
  );
  const alertData = evaluation.phase === 'infusion' ? newAlerts(after, evaluation.findings, seq) : [];
  const writerBy = writerStamp(writer);
  const raised: SessionEntry[] = [];
  let lastSeq = seq;
  for (const alert of alertData) {
    lastSeq += 1;
    const row = entryRow(clinicId, sessionId, lastSeq, alert, occurredAt, now, writerBy, null);
    await insertSessionEntry(tx, row);
    const raisedEntry = toSessionEntry({
      ...row,
      recordedBy: row.recordedBy ?? null,
      recordedByEmail: row.recordedByEmail ?? null,
      recordedByRole: row.recordedByRole ?? null,
      deviceId: row.deviceId ?? null,
      clientEntryId: null,
    });
    raised.push(raisedEntry);
    fold.apply(raisedEntry);
  }
  // The lock already counted this entry; the row changes again only for a new state or raised alerts.
  if (after.state !== locked.state || lastSeq !== seq)
    await setSessionProjection(tx, clinicId, sessionId, { state: after.state, lastSeq, at: now });

  const auditDetail = {
    seq,
    kind: data.kind,
    clientEntryId: body.clientEntryId,
    version: locked.version,
    state: after.state,
    raisedAlertSeqs: raised.map((r) => r.seq),
    ...(by.recordedBy !== null && writer.kind === 'staff' && by.recordedBy !== writer.actor.userId
      ? { witness: { userId: by.recordedBy, email: by.recordedByEmail } }
      : {}),
  };
  if (writer.kind === 'staff') {
    await recordAudit(tx, ctx, writer.actor, request, {
      action: 'session.entry',
      entityType: 'session',
      entityId: sessionId,
      detail: auditDetail,
    });
  } else {
    await recordDeviceAudit(tx, ctx, writer.device, request, {
      action: 'session.entry',
      entityId: sessionId,
      detail: auditDetail,
    });
  }
  return {
    entry,
    session: { version: locked.version, state: after.state, lastSeq },
    raisedAlerts: raised,
    chart: [...entries, entry, ...raised],
    fold: { session: meta, fold },
    folded: { chart: raised.length === 0 ? after : fold.finish(nowIso), foldedAt: nowIso },
  };
}
