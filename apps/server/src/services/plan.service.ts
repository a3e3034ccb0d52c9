/**
 * Treatment plans. A preview fills in one order per protocol step from the weight in force on the first
 * session's date and the protocol's weight basis, checks each with the order rules, lays out the schedule and
 * predicts the levels of the whole series; nothing is saved (it is audited as a read of the patient's record).
 * Signing (physician only, on a current qualification) saves the plan as a version with its sessions; the
 * next version of a plan names the version it changes and why, and cancels the earlier version's sessions
 * that have not started.
 */
import { randomUUID } from 'node:crypto';
import {
  DomainError,
  invalidFields,
  type FieldIssue,
  type Order,
  type OrderBag,
  type OrderHistory,
  type OrderPatient,
  type Protocol,
  type WeightBasis,
} from '@ketapath/core';
import { checkOrder, type OrderCheckResult } from '@ketapath/clinical-rules';
import {
  planOrders,
  planPrediction,
  planSchedule,
  type PlannedSession,
  type PlannedStep,
  type PlanPrediction,
  type PlanProblem,
} from '@ketapath/charting';
import {
  cancelScheduledPlanSessions,
  findPatient,
  findPlanVersion,
  findWeightOn,
  insertPlanSessions,
  insertPlanVersion,
  listPatientPlanVersions,
  listPlanVersionSessions,
  listStartedPatientSessions,
  type Executor,
  type PlanVersionRow,
} from '@ketapath/db';
import { todayIn, type Actor, type AppContext, type RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { loadClinicSettings, type StaffStamp } from './clinical-settings.service.js';
import { auditingFailure } from './patient-journey-access.js';
import { resolveProtocol } from './protocol.service.js';
import { findQualificationDto, type QualificationDto } from './qualification.service.js';

export interface PlanBody {
  protocolId: string;
  protocolVersion: number;
  firstSessionAt: string;
  sessionTimes?: string[] | undefined;
  weightKg?: number | undefined;
  bag: OrderBag;
  overrides: { ruleId: string; reason: string }[];
}

export interface SignPlanBody extends PlanBody {
  planId?: string | undefined;
  expectedVersion?: number | undefined;
  changeReason?: string | undefined;
}

export interface PlanStepDto {
  stepIndex: number;
  label: string;
  /** How the starting amount was taken from the protocol. */
  basis: string;
  order: Order;
  check: OrderCheckResult;
}

export interface PlanPreview {
  protocol: { id: string; version: number; name: string; weightBasis: WeightBasis | null };
  weight: { weightKg: number; measuredOn: string | null; doseWeightKg: number; basis: WeightBasis };
  steps: PlanStepDto[];
  schedule: PlannedSession[];
  prediction: PlanPrediction;
  canSign: boolean;
  blockers: string[];
}

export interface PlanSessionDto {
  sessionId: string;
  sessionNumber: number;
  scheduledStart: string;
  plannedDurationMin: number;
  state: string;
}

export type PlanVersionDto = PlanPreview & {
  planId: string;
  version: number;
  signedAt: string;
  signedBy: StaffStamp;
  qualificationId: string;
  changeReason: string | null;
  sessions: PlanSessionDto[];
};

export interface PlanListDto {
  plans: {
    planId: string;
    current: PlanVersionDto;
    versions: { version: number; signedAt: string; signedBy: StaffStamp; changeReason: string | null }[];
  }[];
}

const MS_PER_DAY = 86_400_000;
const HISTORY_DAYS = 7;

function ageYearsOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  if (
    by === undefined ||
    bm === undefined ||
    bd === undefined ||
    y === undefined ||
    m === undefined ||
    d === undefined
  )
    return 0;
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function notPlannable(problems: readonly PlanProblem[]): DomainError {
  return new DomainError('PROTOCOL_NOT_PLANNABLE', {
    detail: `This protocol cannot be planned as sessions: ${problems.map((p) => p.message).join('; ')}.`,
    issues: problems.map((p) => ({ field: p.field, message: p.message })),
  });
}

/** The earlier orders of the patient's sessions that started in the last week (per-day, per-week, duplicates). */
async function orderHistory(
  ex: Executor,
  clinicId: string,
  patientId: string,
  now: Date,
): Promise<OrderHistory> {
  const started = await listStartedPatientSessions(
    ex,
    clinicId,
    patientId,
    new Date(now.getTime() - HISTORY_DAYS * MS_PER_DAY),
    now,
  );
  const history: OrderHistory = [];
  for (const s of started) {
    const steps = (s.dosing as { steps?: PlanStepDto[] }).steps ?? [];
    for (const step of steps) {
      history.push({
        at: s.scheduledStart.toISOString(),
        protocolId: s.protocolId,
        protocolVersion: s.protocolVersion,
        kind: step.order.kind,
        status: 'ordered',
        doseMg: step.check.pump.sessionDoseMg ?? 0,
        ...(step.check.pump.rateMgPerH === null ? {} : { rateMgPerH: step.check.pump.rateMgPerH }),
        ...(step.order.durationMin === undefined ? {} : { durationMin: step.order.durationMin }),
      });
    }
  }
  return history;
}

interface Computed {
  preview: PlanPreview;
  protocol: Protocol;
  qualification: QualificationDto | null;
  overrideIssues: FieldIssue[];
  blockedIssues: FieldIssue[];
}

/** Everything a preview shows and a signature saves, computed from the record as it is now. */
async function computePlan(
  ctx: AppContext,
  actor: Actor,
  patientId: string,
  body: PlanBody,
): Promise<Computed> {
  const ex = ctx.database.db;
  const now = ctx.clock.now();
  const found = await findPatient(ex, actor.clinicId, patientId);
  if (!found) throw new DomainError('PATIENT_NOT_FOUND');
  const patient = found.patient;
  let protocol: Protocol;
  try {
    protocol = (await resolveProtocol(ex, actor.clinicId, body.protocolId, body.protocolVersion)).protocol;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'PROTOCOL_NOT_FOUND') {
      throw new DomainError('PROTOCOL_NOT_FOUND', {
        detail: error.message,
        issues: [{ field: 'protocolId', message: error.message }],
      });
    }
    throw error;
  }

  const firstDate = todayIn(ctx.config.timeZone, new Date(body.firstSessionAt));
  let weightKg: number;
  let measuredOn: string | null;
  if (body.weightKg !== undefined) {
    weightKg = body.weightKg;
    measuredOn = null;
  } else {
    const row = await findWeightOn(ex, actor.clinicId, patientId, firstDate);
    if (!row) {
      throw new DomainError('WEIGHT_REQUIRED', {
        detail: `No weight is recorded on or before ${firstDate} (the first session): record a weight or give weightKg.`,
        issues: [{ field: 'weightKg', message: `no weight recorded on or before ${firstDate}` }],
      });
    }
    weightKg = row.value;
    measuredOn = row.measuredOn;
  }
  const heightCm = found.latestHeight?.value ?? null;
  if (heightCm === null) {
    throw new DomainError('HEIGHT_REQUIRED', {
      detail:
        protocol.weightBasis === 'ideal' || protocol.weightBasis === 'adjusted'
          ? `No height is recorded: the ${protocol.weightBasis} body weight this protocol doses by needs one.`
          : 'No height is recorded: the order check needs one (ideal and adjusted body weight, body-size checks).',
      issues: [{ field: 'heightCm', message: 'no height recorded for this patient' }],
    });
  }

  const schedule = planSchedule({
    protocol,
    firstSessionAt: body.firstSessionAt,
    sessionTimes: body.sessionTimes,
    timeZone: ctx.config.timeZone,
  });
  if (!schedule.ok) {
    const fieldProblems = schedule.problems.filter((p) => p.field.startsWith('sessionTimes'));
    if (fieldProblems.length === schedule.problems.length) throw invalidFields(fieldProblems);
    throw notPlannable(schedule.problems);
  }

  const orderedAt = now.toISOString();
  const planPatient = { weightKg, heightCm, sex: patient.sexAtBirth };
  const first = planOrders({
    protocol,
    patient: planPatient,
    bag: body.bag,
    orderedAt,
    orderedBy: actor.role,
  });
  if (!first.ok) {
    if (first.problems.some((p) => p.field === 'heightCm')) {
      throw new DomainError('HEIGHT_REQUIRED', {
        issues: first.problems.map((p) => ({ field: p.field, message: p.message })),
      });
    }
    throw notPlannable(first.problems);
  }

  const settings = await loadClinicSettings(ex, actor.clinicId);
  const orderPatient: OrderPatient = {
    ageYears: ageYearsOn(patient.dateOfBirth, firstDate),
    sex: patient.sexAtBirth,
    heightCm,
    weightKg,
    recordedOn: measuredOn ?? todayIn(ctx.config.timeZone, now),
  };
  const history = await orderHistory(ex, actor.clinicId, patientId, now);
  const check = (order: Order) => checkOrder(order, orderPatient, protocol, settings, history, { now });

  // Reasons are given per rule; a step's order carries the reasons of the rules that need one on it.
  const reasons = new Map(body.overrides.map((o) => [o.ruleId, o.reason.trim()]));
  const overrideReasons = new Map<number, string>();
  const overrideIssues: FieldIssue[] = [];
  for (const step of first.steps) {
    const needing = [
      ...new Set(
        check(step.order)
          .findings.filter((f) => f.severity === 'needs-ack')
          .map((f) => f.ruleId),
      ),
    ];
    const given = needing.filter((ruleId) => reasons.get(ruleId));
    for (const ruleId of needing.filter((r) => !reasons.get(r))) {
      overrideIssues.push({
        field: 'overrides',
        message: `step ${step.stepIndex + 1} (${step.label}): ${ruleId} needs a physician’s reason`,
      });
    }
    if (given.length > 0)
      overrideReasons.set(step.stepIndex, given.map((r) => `${r}: ${reasons.get(r) ?? ''}`).join('; '));
  }
  const planned = planOrders({
    protocol,
    patient: planPatient,
    bag: body.bag,
    orderedAt,
    orderedBy: actor.role,
    overrideReasons,
  });
  if (!planned.ok) throw notPlannable(planned.problems);
  const steps: PlanStepDto[] = planned.steps.map((s: PlannedStep) => ({
    stepIndex: s.stepIndex,
    label: s.label,
    basis: s.basis,
    order: s.order,
    check: check(s.order),
  }));

  const sex = patient.sexAtBirth === 'male' ? 'male' : 'female';
  const prediction = planPrediction({
    steps: planned.steps,
    schedule: schedule.schedule,
    patient: { weightKg, ageYears: orderPatient.ageYears, sex, heightCm },
  });
  const predictionNotes =
    patient.sexAtBirth === 'male' || patient.sexAtBirth === 'female'
      ? prediction.notes
      : [
          `Sex at birth is recorded as ${patient.sexAtBirth}; the model needs female or male and was run as female.`,
          ...prediction.notes,
        ];

  const qualification = await findQualificationDto(ex, actor.clinicId, patientId, now);
  const blockers: string[] = [];
  const blockedIssues: FieldIssue[] = [];
  if (actor.role !== 'physician') blockers.push('Only a physician can sign a treatment plan.');
  if (!qualification?.current) {
    blockers.push(
      qualification === null
        ? 'The patient has no signed qualification.'
        : qualification.expired
          ? `The qualification expired at ${qualification.expiresAt}: a physician must sign a new one.`
          : 'The qualification was signed on an earlier intake version: a physician must sign the latest.',
    );
  }
  for (const step of steps) {
    if (step.check.verdict === 'blocked') {
      const why = step.check.findings
        .filter((f) => f.severity === 'block')
        .map((f) => `${f.ruleId}: ${f.message}`);
      blockers.push(
        `Step ${step.stepIndex + 1} (${step.label}) is refused by the order check: ${why.join(' ')}`,
      );
      for (const message of why) blockedIssues.push({ field: `steps[${step.stepIndex}]`, message });
    }
  }
  for (const issue of overrideIssues) blockers.push(issue.message);

  return {
    preview: {
      protocol: {
        id: protocol.id,
        version: protocol.version,
        name: protocol.name,
        weightBasis: protocol.weightBasis,
      },
      weight: { weightKg, measuredOn, doseWeightKg: planned.doseWeightKg, basis: planned.weightBasis },
      steps,
      schedule: [...schedule.schedule],
      prediction: { ...prediction, notes: predictionNotes },
      canSign: blockers.length === 0,
      blockers,
    },
    protocol,
    qualification,
    overrideIssues,
    blockedIssues,
  };
}

export async function previewPlan(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  patientId: string,
  body: PlanBody,
): Promise<PlanPreview> {
  return auditingFailure(ctx, actor, meta, 'plan.preview', patientId, async () => {
    const { preview } = await computePlan(ctx, actor, patientId, body);
    await recordAudit(ctx.database.db, ctx, actor, meta, {
      action: 'plan.preview',
      entityType: 'patient',
      entityId: patientId,
      detail: {
        protocol: { id: preview.protocol.id, version: preview.protocol.version },
        verdicts: preview.steps.map((s) => s.check.verdict),
        canSign: preview.canSign,
      },
    });
    return preview;
  });
}

interface StoredDosing {
  weight: PlanPreview['weight'];
  steps: PlanStepDto[];
  bag: OrderBag;
  overrides: { ruleId: string; reason: string }[];
}

function toPlanVersionDto(row: PlanVersionRow, sessions: PlanSessionDto[]): PlanVersionDto {
  const protocol = row.protocol as unknown as Protocol;
  const dosing = row.dosing as unknown as StoredDosing;
  return {
    protocol: {
      id: protocol.id,
      version: protocol.version,
      name: protocol.name,
      weightBasis: protocol.weightBasis,
    },
    weight: dosing.weight,
    steps: dosing.steps,
    schedule: row.schedule,
    prediction: row.prediction as unknown as PlanPrediction,
    canSign: true,
    blockers: [],
    planId: row.planId,
    version: row.version,
    signedAt: row.signedAt.toISOString(),
    signedBy: { email: row.signedByEmail, role: row.signedByRole },
    qualificationId: row.qualificationId,
    changeReason: row.changeReason,
    sessions,
  };
}

async function sessionsOf(
  ex: Executor,
  clinicId: string,
  planId: string,
  version: number,
): Promise<PlanSessionDto[]> {
  return (await listPlanVersionSessions(ex, clinicId, planId, version)).map((s) => ({
    sessionId: s.id,
    sessionNumber: s.sessionNumber,
    scheduledStart: s.scheduledStart.toISOString(),
    plannedDurationMin: s.plannedDurationMin,
    state: s.state,
  }));
}

/** Signs a plan (a new plan, or the next version of one), creating its sessions; audited in one transaction. */
export async function signPlan(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  patientId: string,
  body: SignPlanBody,
): Promise<PlanVersionDto> {
  return auditingFailure(ctx, actor, meta, 'plan.sign', patientId, async () => {
    if (actor.role !== 'physician')
      throw new DomainError('PERMISSION_DENIED', { detail: 'Only a physician can sign a treatment plan.' });
    const computed = await computePlan(ctx, actor, patientId, body);
    const { preview, protocol, qualification } = computed;
    if (!qualification?.current) {
      const why = preview.blockers.find((b) => b.includes('qualification'));
      throw new DomainError(
        'QUALIFICATION_REQUIRED',
        why === undefined ? {} : { detail: `${why} Sign a qualification first.` },
      );
    }
    if (computed.blockedIssues.length > 0) {
      throw new DomainError('PLAN_BLOCKED', {
        detail: preview.blockers.filter((b) => b.startsWith('Step ')).join(' '),
        issues: computed.blockedIssues,
      });
    }
    if (computed.overrideIssues.length > 0) throw invalidFields(computed.overrideIssues);
    const now = ctx.clock.now();
    return ctx.database.db.transaction(async (tx) => {
      let planId: string;
      let version: number;
      if (body.planId === undefined) {
        planId = randomUUID();
        version = 1;
      } else {
        planId = body.planId;
        const latest = await findPlanVersion(tx, actor.clinicId, patientId, planId);
        if (!latest)
          throw new DomainError('PLAN_NOT_FOUND', {
            issues: [{ field: 'planId', message: 'no such plan for this patient' }],
          });
        if (body.expectedVersion !== latest.version) {
          throw new DomainError('PLAN_VERSION_CONFLICT', {
            detail: `Someone else signed this plan after you opened it (you changed version ${String(body.expectedVersion ?? 'none')}, it is now version ${latest.version}). Reload, then apply your change again.`,
            issues: [
              { field: 'expectedVersion', message: `must be the plan's current version (${latest.version})` },
            ],
          });
        }
        version = latest.version + 1;
      }
      const changeReason = body.changeReason?.trim() ?? null;
      if (version > 1 && !changeReason) {
        throw invalidFields([
          { field: 'changeReason', message: 'is required for a new version of a signed plan' },
        ]);
      }
      const dosing: StoredDosing = {
        weight: preview.weight,
        steps: preview.steps,
        bag: body.bag,
        overrides: body.overrides,
      };
      const inserted = await insertPlanVersion(tx, {
        clinicId: actor.clinicId,
        planId,
        version,
        patientId,
        qualificationId: qualification.id,
        protocolId: protocol.id,
        protocolVersion: protocol.version,
        protocol: protocol,
        dosing: dosing as unknown as Record<string, unknown>,
        schedule: preview.schedule,
        prediction: preview.prediction as unknown as Record<string, unknown>,
        changeReason,
        signedBy: actor.userId,
        signedByEmail: actor.email,
        signedByRole: actor.role,
        signedAt: now,
      });
      if (!inserted) {
        throw new DomainError('PLAN_VERSION_CONFLICT', {
          issues: [{ field: 'expectedVersion', message: 'another version was signed first' }],
        });
      }
      const cancelled =
        version > 1 ? await cancelScheduledPlanSessions(tx, actor.clinicId, planId, version, now) : [];
      const created = await insertPlanSessions(
        tx,
        { clinicId: actor.clinicId, patientId, planId, planVersion: version, at: now },
        preview.schedule.map((s) => ({
          sessionNumber: s.sessionNumber,
          scheduledStart: new Date(s.startsAt),
          plannedDurationMin: s.durationMin,
        })),
      );
      await recordAudit(tx, ctx, actor, meta, {
        action: 'plan.sign',
        entityType: 'patient',
        entityId: patientId,
        detail: {
          planId,
          version,
          protocol: { id: protocol.id, version: protocol.version },
          qualificationId: qualification.id,
          sessions: created.length,
          cancelledSessions: cancelled,
          overrides: body.overrides.map((o) => o.ruleId),
          changeReason,
        },
      });
      const row = await findPlanVersion(tx, actor.clinicId, patientId, planId, version);
      if (!row) throw new Error('the signed plan version was not found');
      return toPlanVersionDto(row, await sessionsOf(tx, actor.clinicId, planId, version));
    });
  });
}

export async function listPlans(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  patientId: string,
): Promise<PlanListDto> {
  const ex = ctx.database.db;
  return auditingFailure(ctx, actor, meta, 'plan.read', patientId, async () => {
    const found = await findPatient(ex, actor.clinicId, patientId);
    if (!found) throw new DomainError('PATIENT_NOT_FOUND');
    const rows = await listPatientPlanVersions(ex, actor.clinicId, patientId);
    const byPlan = new Map<string, PlanVersionRow[]>();
    for (const row of rows) byPlan.set(row.planId, [...(byPlan.get(row.planId) ?? []), row]);
    const plans: PlanListDto['plans'] = [];
    for (const [planId, versions] of byPlan) {
      const latest = versions[0];
      if (!latest) continue;
      plans.push({
        planId,
        current: toPlanVersionDto(latest, await sessionsOf(ex, actor.clinicId, planId, latest.version)),
        versions: versions.map((v) => ({
          version: v.version,
          signedAt: v.signedAt.toISOString(),
          signedBy: { email: v.signedByEmail, role: v.signedByRole },
          changeReason: v.changeReason,
        })),
      });
    }
    plans.sort((a, b) => b.current.signedAt.localeCompare(a.current.signedAt));
    await recordAudit(ex, ctx, actor, meta, {
      action: 'plan.read',
      entityType: 'patient',
      entityId: patientId,
      detail: { plans: plans.map((p) => ({ planId: p.planId, version: p.current.version })) },
    });
    return { plans };
  });
}

export async function getPlanVersion(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  patientId: string,
  planId: string,
  version: number,
): Promise<PlanVersionDto> {
  const ex = ctx.database.db;
  return auditingFailure(ctx, actor, meta, 'plan.read', patientId, async () => {
    const found = await findPatient(ex, actor.clinicId, patientId);
    if (!found) throw new DomainError('PATIENT_NOT_FOUND');
    const row = await findPlanVersion(ex, actor.clinicId, patientId, planId, version);
    if (!row)
      throw new DomainError('PLAN_NOT_FOUND', {
        detail: `This patient has no plan ${planId} version ${version}.`,
      });
    await recordAudit(ex, ctx, actor, meta, {
      action: 'plan.read',
      entityType: 'patient',
      entityId: patientId,
      detail: { planId, version },
    });
    return toPlanVersionDto(row, await sessionsOf(ex, actor.clinicId, planId, version));
  });
}
