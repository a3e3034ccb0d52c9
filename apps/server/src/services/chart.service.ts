/**
 * Reading session charts: one chart with its entries, the state computed from them, the session rules'
 * evaluation at the server's time and the predicted plasma ketamine level from the doses actually given; and
 * a patient's sessions with their totals. Every read is audited.
 */
import { DomainError, type Order, type SessionEntry } from '@ketapath/core';
import { evaluateSession, type SessionResult } from '@ketapath/clinical-rules';
import {
  buildSessionSnapshot,
  foldChart,
  openAlerts,
  regimenFromChart,
  type ChartState,
} from '@ketapath/charting';
import { findModel, simulate } from '@ketapath/pharmacology';
import {
  findSessionDetail,
  listEntriesOfSessions,
  listPatientSessions,
  listSessionEntries,
  patientExists,
  type SessionDetailRow,
} from '@ketapath/db';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { loadClinicSettings } from './clinical-settings.service.js';
import { patientDisplayName, protocolNameOf } from './schedule.service.js';
import {
  chartSessionMeta,
  latestBody,
  loadRuleContext,
  planDoseWeightKg,
  planInfusionOrder,
  toSessionEntry,
} from './session-context.js';

/** The population model the chart's prediction uses (raw-data ketamine model; MODELS.md). */
export const CHART_PREDICTION_MODEL_ID = 'ketamine/kamp-2020';
const PREDICTION_STEP_MIN = 2;
/** How long after the last dose the predicted curve is drawn. */
const PREDICTION_TAIL_MIN = 120;
const MS_PER_MIN = 60_000;

export interface ChartSessionInfo {
  id: string;
  version: number;
  state: string;
  lastSeq: number;
  patient: {
    id: string;
    displayName: string;
    mrn: string;
    dateOfBirth: string;
    sexAtBirth: string;
    isDemo: boolean;
  };
  protocolName: string;
  protocolId: string;
  protocolVersion: number;
  sessionNumber: number;
  sessionCount: number;
  scheduledStart: string;
  plannedDurationMin: number;
  chair: string | null;
  assignedNurse: { id: string; displayName: string } | null;
  planId: string;
  planVersion: number;
  /** The plan step's infusion order (rate, bag, weight and basis), to prefill the pump programming. */
  order: Order | null;
  /** The weight the per-kg rate is multiplied by (actual, ideal or adjusted per the protocol), when known. */
  doseWeightKg: number | null;
  clinicName: string;
}

export interface ChartPrediction {
  modelId: string;
  modelTitle: string;
  samplingSite: string;
  analyte: 'ketamine';
  /** Minute 0 of timesMin. */
  startIso: string;
  timesMin: number[];
  ngPerMl: number[];
  weightKg: number;
  norketamine: { available: false; reason: string };
}

export interface ChartDto {
  session: ChartSessionInfo;
  entries: SessionEntry[];
  chart: ChartState;
  evaluation: SessionResult;
  prediction: ChartPrediction | null;
}

function sessionInfo(detail: SessionDetailRow, lastSeq: number): ChartSessionInfo {
  const step = planInfusionOrder(detail);
  const order = step?.order ?? null;
  const s = detail.session;
  return {
    id: s.id,
    version: s.version,
    state: s.state,
    lastSeq,
    patient: {
      id: detail.patient.id,
      displayName: patientDisplayName(detail.patient),
      mrn: detail.patient.mrn,
      dateOfBirth: detail.patient.dateOfBirth,
      sexAtBirth: detail.patient.sexAtBirth,
      isDemo: detail.patient.isDemo,
    },
    protocolName: protocolNameOf(detail),
    protocolId: detail.plan.protocolId,
    protocolVersion: detail.plan.protocolVersion,
    sessionNumber: s.sessionNumber,
    sessionCount: detail.plan.sessionCount,
    scheduledStart: s.scheduledStart.toISOString(),
    plannedDurationMin: s.plannedDurationMin,
    chair: s.chair,
    assignedNurse: detail.assignedNurse,
    planId: s.planId,
    planVersion: s.planVersion,
    order,
    doseWeightKg: planDoseWeightKg(detail) ?? (order?.weightBasis === 'actual' ? order.weightKg : null),
    clinicName: detail.clinic.name,
  };
}

/**
 * The predicted plasma ketamine level from the doses given, from the first dose to two hours after the last
 * (or to now while running). Norketamine is not predicted: no racemic-ketamine model in MODELS.md has
 * norketamine parameters.
 */
function predictionFor(
  chart: ChartState,
  weightKg: number | null,
  ageYears: number,
  sexAtBirth: string,
  now: Date,
): ChartPrediction | null {
  if (weightKg === null) return null;
  const { regimen, originIso } = regimenFromChart(chart, weightKg);
  if (originIso === null || regimen.doses.length === 0) return null;
  const model = findModel(CHART_PREDICTION_MODEL_ID);
  if (!model) return null;
  const originMs = Date.parse(originIso);
  const lastDoseMs = Date.parse(chart.lastDoseAt ?? originIso);
  const running = chart.state === 'running' || chart.state === 'paused';
  const endMs = Math.max(lastDoseMs + PREDICTION_TAIL_MIN * MS_PER_MIN, running ? now.getTime() : 0);
  const untilMin = Math.ceil((endMs - originMs) / MS_PER_MIN / PREDICTION_STEP_MIN) * PREDICTION_STEP_MIN;
  const result = simulate({
    modelId: CHART_PREDICTION_MODEL_ID,
    // Kamp 2020 has no sex covariate; the field is required by the engine's patient type.
    patient: { weightKg, ageYears, sex: sexAtBirth === 'male' ? 'male' : 'female' },
    regimen,
    grid: { stepMin: PREDICTION_STEP_MIN, untilMin },
  });
  return {
    modelId: result.model.id,
    modelTitle: result.model.title,
    samplingSite: result.model.samplingSite,
    analyte: 'ketamine',
    startIso: originIso,
    timesMin: result.timesMin,
    ngPerMl: result.ketamineNgPerMl,
    weightKg,
    norketamine: {
      available: false,
      reason:
        'No racemic-ketamine model in MODELS.md has norketamine parameters, so no norketamine level is predicted.',
    },
  };
}

/** The chart of a session in the clinic, computed at the server's time (not audited: callers audit). */
export async function loadChart(
  ctx: AppContext,
  clinicId: string,
  sessionId: string,
): Promise<ChartDto & { detail: SessionDetailRow }> {
  const db = ctx.database.db;
  const detail = await findSessionDetail(db, clinicId, sessionId);
  if (!detail) throw new DomainError('SESSION_NOT_FOUND');
  const now = ctx.clock.now();
  const entries = (await listSessionEntries(db, clinicId, sessionId)).map(toSessionEntry);
  const chart = foldChart({ session: chartSessionMeta(detail.session), entries, now: now.toISOString() });
  const ruleContext = await loadRuleContext(db, clinicId, detail, now);
  const settings = await loadClinicSettings(db, clinicId);
  const evaluation = evaluateSession(
    buildSessionSnapshot(chart, { ...ruleContext, now: now.toISOString() }),
    settings,
  );
  const session = sessionInfo(detail, detail.session.lastSeq);
  const weightKg = session.order?.weightKg ?? (await latestBody(db, clinicId, detail.patient.id)).weightKg;
  const prediction = predictionFor(
    chart,
    weightKg,
    ruleContext.patient.ageYears,
    detail.patient.sexAtBirth,
    now,
  );
  return { detail, session, entries, chart, evaluation, prediction };
}

export async function getChart(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  sessionId: string,
): Promise<ChartDto> {
  try {
    const { detail, ...dto } = await loadChart(ctx, actor.clinicId, sessionId);
    await recordAudit(ctx.database.db, ctx, actor, meta, {
      action: 'session.read',
      entityType: 'session',
      entityId: sessionId,
      detail: { patientId: detail.patient.id, lastSeq: dto.session.lastSeq, version: dto.session.version },
    });
    return dto;
  } catch (error) {
    if (error instanceof DomainError) {
      await recordAudit(ctx.database.db, ctx, actor, meta, {
        action: 'session.read',
        entityType: 'session',
        entityId: sessionId,
        outcome: 'failure',
        detail: { reason: error.code },
      });
    }
    throw error;
  }
}

export interface PatientSessionSummary {
  sessionId: string;
  sessionNumber: number;
  sessionCount: number;
  protocolName: string;
  scheduledStart: string;
  plannedDurationMin: number;
  startedAt: string | null;
  stoppedAt: string | null;
  state: string;
  /** Computed from the rate history (exact, rounded to the µg), never typed; null before anything was given. */
  administeredMg: number | null;
  alertCount: number;
  openAlertCount: number;
  painBefore: number | null;
  painAfter: number | null;
  chair: string | null;
  planId: string;
  planVersion: number;
  version: number;
}

export async function listSessionsOfPatient(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  patientId: string,
): Promise<{ sessions: PatientSessionSummary[] }> {
  const db = ctx.database.db;
  if (!(await patientExists(db, actor.clinicId, patientId))) {
    await recordAudit(db, ctx, actor, meta, {
      action: 'session.list',
      entityType: 'patient',
      entityId: patientId,
      outcome: 'failure',
      detail: { reason: 'PATIENT_NOT_FOUND' },
    });
    throw new DomainError('PATIENT_NOT_FOUND');
  }
  const now = ctx.clock.now().toISOString();
  const details = await listPatientSessions(db, actor.clinicId, patientId);
  const rows = await listEntriesOfSessions(
    db,
    actor.clinicId,
    details.map((d) => d.session.id),
  );
  const bySession = new Map<string, SessionEntry[]>();
  for (const row of rows) {
    const list = bySession.get(row.sessionId) ?? [];
    list.push(toSessionEntry(row));
    bySession.set(row.sessionId, list);
  }
  const sessions = details.map((d): PatientSessionSummary => {
    const chart = foldChart({
      session: chartSessionMeta(d.session),
      entries: bySession.get(d.session.id) ?? [],
      now,
    });
    const given = chart.rateSegments.length > 0 || chart.boluses.length > 0;
    return {
      sessionId: d.session.id,
      sessionNumber: d.session.sessionNumber,
      sessionCount: d.plan.sessionCount,
      protocolName: protocolNameOf(d),
      scheduledStart: d.session.scheduledStart.toISOString(),
      plannedDurationMin: d.session.plannedDurationMin,
      startedAt: chart.startedAt,
      stoppedAt: chart.stoppedAt,
      state: d.session.state,
      administeredMg: given ? chart.administered.mg : null,
      alertCount: chart.alerts.length,
      openAlertCount: openAlerts(chart).length,
      painBefore: chart.painBefore?.nrs ?? null,
      painAfter: chart.painAfter?.nrs ?? null,
      chair: d.session.chair,
      planId: d.session.planId,
      planVersion: d.session.planVersion,
      version: d.session.version,
    };
  });
  await recordAudit(db, ctx, actor, meta, {
    action: 'session.list',
    entityType: 'patient',
    entityId: patientId,
    detail: { count: sessions.length, sessionIds: sessions.map((s) => s.sessionId) },
  });
  return { sessions };
}
