/**
 * What a session's chart needs beyond its entries: the patient facts the session rules read (age and sex
 * from the record, whether a pregnancy is possible from the latest intake), the signed qualification and the
 * tests its screening found due, and the plan step's order the pump programming is checked against.
 */
import type { Order, SexAtBirth } from '@ketapath/core';
import {
  findPatient,
  findSessionPatientContext,
  type Executor,
  type SessionDetailRow,
  type SessionEntryRow,
} from '@ketapath/db';
import type { SessionEntry, SessionEntryData } from '@ketapath/core';
import type { SnapshotContext } from '@ketapath/charting';
import type { AppContext } from '../context.js';
import { cached, embeddedCache, type ExactCache } from './embedded-cache.js';

type PatientContext = Awaited<ReturnType<typeof findSessionPatientContext>>;

/**
 * The patient facts a chart post reads (latest intake, signed qualification), remembered on the embedded
 * database; saving an intake or signing a qualification clears it (forgetPatientContexts).
 */
export function patientContextCache(ctx: AppContext): ExactCache<PatientContext> | null {
  return embeddedCache<PatientContext>(ctx, 'patient-rule-context');
}

export function forgetPatientContexts(ctx: AppContext): void {
  patientContextCache(ctx)?.clear();
}

/** Whole years between a date of birth (YYYY-MM-DD) and an instant. */
export function ageYearsAt(dateOfBirth: string, at: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = at.getUTCFullYear() - y;
  const beforeBirthday = at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return Math.max(0, age);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Test ids of an eligibility result's `testsDue` ([{ id, … }]). */
function testsDueOf(eligibility: Record<string, unknown> | undefined): string[] {
  const due = eligibility?.['testsDue'];
  if (!Array.isArray(due)) return [];
  return due.flatMap((t) => (isRecord(t) && typeof t['id'] === 'string' ? [t['id']] : []));
}

/**
 * Whether pregnancy is possible at this session: unless the latest intake records pregnancy as not applicable
 * (e.g. no childbearing potential); without an intake, unless the patient was recorded male at birth. A "not
 * pregnant" answer at the evaluation does not rule out a pregnancy weeks later, so it does not count here: the
 * pregnancy-test rule asks again at each session when the clinic requires a test (§1.3).
 */
function pregnancyPossibleOf(intake: Record<string, unknown> | undefined, sex: SexAtBirth): boolean {
  const pregnancy = intake?.['pregnancy'];
  const status = isRecord(pregnancy) ? pregnancy['status'] : undefined;
  if (status === 'not-applicable') return false;
  if (status !== undefined) return true;
  return sex !== 'male';
}

export type SessionRuleContext = Omit<SnapshotContext, 'now'>;

export async function loadRuleContext(
  ex: Executor,
  clinicId: string,
  detail: SessionDetailRow,
  now: Date,
  cache: ExactCache<PatientContext> | null = null,
): Promise<SessionRuleContext> {
  const found = await cached(cache, `${clinicId}/${detail.patient.id}`, now.getTime(), () =>
    findSessionPatientContext(ex, clinicId, detail.patient.id),
  );
  const q = found.qualification;
  return {
    patient: {
      ageYears: ageYearsAt(detail.patient.dateOfBirth, now),
      sex: detail.patient.sexAtBirth,
      pregnancyPossible: pregnancyPossibleOf(found.intake?.intake, detail.patient.sexAtBirth),
    },
    qualification:
      q === null
        ? null
        : {
            // A signed qualification is the physician's decision: findings reviewed with reasons make it
            // "eligible with precautions" (as the qualification DTO says), not "still needs review".
            status: q.eligibilityStatus === 'eligible' ? 'eligible' : 'eligible-with-precautions',
            signedAt: q.signedAt.toISOString(),
            signedBy: q.signedByEmail,
            expiresAt: q.expiresAt.toISOString(),
          },
    testsDue: q !== null ? testsDueOf(q.eligibility) : testsDueOf(found.intake?.eligibility),
  };
}

/** One step of a signed plan, as the plan's `dosing` keeps it. */
export interface PlanStepOrder {
  stepIndex: number;
  label: string;
  order: Order;
}

/** The plan's ordered steps (`dosing.steps[].order`). */
export function planStepOrders(dosing: Record<string, unknown>): PlanStepOrder[] {
  const steps = dosing['steps'];
  if (!Array.isArray(steps)) return [];
  return steps.flatMap((s, i) => {
    if (!isRecord(s) || !isRecord(s['order'])) return [];
    return [
      {
        stepIndex: typeof s['stepIndex'] === 'number' ? s['stepIndex'] : i,
        label: typeof s['label'] === 'string' ? s['label'] : `Step ${i + 1}`,
        order: s['order'] as unknown as Order,
      },
    ];
  });
}

/** The plan's infusion order (the first infusion step), or null for a plan without one. */
export function planInfusionOrder(detail: SessionDetailRow): PlanStepOrder | null {
  return planStepOrders(detail.plan.dosing).find((s) => s.order.kind === 'infusion') ?? null;
}

/** The dose weight the plan was signed with (`dosing.weight.doseWeightKg`), when recorded. */
export function planDoseWeightKg(detail: SessionDetailRow): number | null {
  const weight = detail.plan.dosing['weight'];
  if (!isRecord(weight)) return null;
  const dose = weight['doseWeightKg'];
  return typeof dose === 'number' ? dose : null;
}

/** The patient's latest height and weight (the order check's patient facts). */
export async function latestBody(
  ex: Executor,
  clinicId: string,
  patientId: string,
): Promise<{ heightCm: number | null; weightKg: number | null; weighedOn: string | null }> {
  const found = await findPatient(ex, clinicId, patientId);
  return {
    heightCm: found?.latestHeight?.value ?? null,
    weightKg: found?.latestWeight?.value ?? null,
    weighedOn: found?.latestWeight?.measuredOn ?? null,
  };
}

/** A stored row as the chart entry clients see. */
export function toSessionEntry(row: SessionEntryRow): SessionEntry {
  return {
    seq: row.seq,
    data: row.data as unknown as SessionEntryData,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    recordedBy:
      row.recordedBy !== null && row.recordedByEmail !== null && row.recordedByRole !== null
        ? { userId: row.recordedBy, email: row.recordedByEmail, role: row.recordedByRole }
        : null,
    deviceId: row.deviceId,
    clientEntryId: row.clientEntryId,
  };
}

/** The session facts foldChart reads. */
export function chartSessionMeta(detail: SessionDetailRow['session']) {
  return {
    id: detail.id,
    state: detail.state,
    scheduledStart: detail.scheduledStart.toISOString(),
    plannedDurationMin: detail.plannedDurationMin,
  };
}
