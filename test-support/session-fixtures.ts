/**
 * A patient with a signed intake, qualification and treatment plan whose infusion sessions are scheduled,
 * written through the real repositories (as plan signing writes them), for the session-chart tests. The
 * order is the protocol's first infusion step at its starting rate for the patient's weight; the values
 * describe one ordinary patient and are not clinical defaults.
 */
import { randomUUID } from 'node:crypto';
import type { Order, Protocol } from '@ketapath/core';
import {
  insertInfusionSessions,
  insertIntakeVersion,
  insertPlanVersion,
  insertQualification,
} from '@ketapath/db';
import { makeIntake } from './rules-fixtures.js';
import { makePatientBody, TEST_NOW, type TestApp } from './test-app.js';

export interface SeededPlan {
  patientId: string;
  planId: string;
  sessionIds: string[];
  order: Order;
  /** mL/h the order's pump check expects (rate × dose weight ÷ concentration). */
  rateMlPerH: number;
  bag: { drugMg: number; volumeMl: number };
}

export interface SeedPlanOptions {
  clinic?: 'a' | 'b';
  protocol: Protocol;
  /** Starts of the sessions (default: one at TEST_NOW). */
  sessionStarts?: Date[];
  weightKg?: number;
  heightCm?: number;
  patient?: Record<string, unknown>;
  bag?: { drugMg: number; volumeMl: number };
  /** The qualification's expiry (default: 180 days after signing). */
  qualificationExpiresAt?: Date;
  pregnancyStatus?: 'not-applicable' | 'not-pregnant' | 'pregnant' | 'unknown';
}

/** The first infusion step of a protocol ordered per kg per hour on actual weight (the fixture's scope). */
function infusionOrder(
  protocol: Protocol,
  weightKg: number,
  bag: { drugMg: number; volumeMl: number },
): { order: Order; rateMlPerH: number } {
  const step = protocol.steps.find((s) => s.kind === 'infusion' && s.rate !== null);
  if (step?.kind !== 'infusion' || step.rate === null || step.durationMin === null)
    throw new Error(`protocol ${protocol.id} has no infusion step with a rate and duration`);
  if (step.rate.unit !== 'mg/kg/h' || (protocol.weightBasis ?? 'actual') !== 'actual')
    throw new Error('the fixture orders mg/kg/h on actual body weight only');
  const rateMgPerH = step.rate.min * weightKg;
  const rateMlPerH = rateMgPerH / (bag.drugMg / bag.volumeMl);
  return {
    rateMlPerH,
    order: {
      protocolId: protocol.id,
      protocolVersion: protocol.version,
      route: step.route,
      kind: 'infusion',
      rate: { value: step.rate.min, unit: step.rate.unit },
      durationMin: step.durationMin.min,
      weightKg,
      weightBasis: 'actual',
      weightUnitEntered: 'kg',
      bag,
      programmedRateMlPerH: rateMlPerH,
      orderedAt: TEST_NOW.toISOString(),
      orderedBy: 'physician',
    },
  };
}

export async function seedSignedPlan(t: TestApp, options: SeedPlanOptions): Promise<SeededPlan> {
  const clinic = options.clinic ?? 'a';
  const clinicId = t.clinics[clinic].id;
  const physician = t.clinics[clinic].users.physician;
  const weightKg = options.weightKg ?? 70;
  const bag = options.bag ?? { drugMg: 100, volumeMl: 100 };
  const client = await t.as('physician', clinic);
  const created = await client.post(
    '/api/patients',
    makePatientBody({
      weightKg,
      heightCm: options.heightCm ?? 170,
      measuredOn: '2026-11-14',
      ...options.patient,
    }),
  );
  if (created.status !== 201) throw new Error(`patient not created: ${created.text}`);
  const patientId = (created.body as { id: string }).id;
  const db = t.database.db;
  const signedAt = new Date(TEST_NOW.getTime() - 7 * 86_400_000);
  const eligibility = {
    status: 'eligible',
    findings: [],
    conditionEvidence: null,
    testsDue: [],
    interactions: [],
    evaluatedAt: signedAt.toISOString(),
  };
  await insertIntakeVersion(db, {
    clinicId,
    patientId,
    version: 1,
    intake: makeIntake((i) => {
      i.pregnancy.status = options.pregnancyStatus ?? 'not-pregnant';
    }),
    eligibility,
    eligibilityStatus: 'eligible',
    createdBy: physician.id,
    createdByEmail: physician.email,
    createdByRole: 'physician',
    createdAt: signedAt,
  });
  const qualification = await insertQualification(db, {
    clinicId,
    patientId,
    intakeVersion: 1,
    eligibility,
    eligibilityStatus: 'eligible',
    overrides: [],
    signedBy: physician.id,
    signedByEmail: physician.email,
    signedByRole: 'physician',
    signedAt,
    expiresAt: options.qualificationExpiresAt ?? new Date(signedAt.getTime() + 180 * 86_400_000),
  });
  const { order, rateMlPerH } = infusionOrder(options.protocol, weightKg, bag);
  const starts = options.sessionStarts ?? [TEST_NOW];
  const durationMin = order.durationMin ?? 60;
  const planId = randomUUID();
  const schedule = starts.map((s, i) => ({ sessionNumber: i + 1, startsAt: s.toISOString(), durationMin }));
  const inserted = await insertPlanVersion(db, {
    clinicId,
    planId,
    version: 1,
    patientId,
    qualificationId: qualification.id,
    protocolId: options.protocol.id,
    protocolVersion: options.protocol.version,
    protocol: options.protocol,
    dosing: {
      weight: { weightKg, measuredOn: '2026-11-14', doseWeightKg: weightKg, basis: 'actual' },
      steps: [{ stepIndex: 0, label: 'Infusion', order, check: { verdict: 'accept', findings: [] } }],
      bag,
      overrides: [],
    },
    schedule,
    prediction: null,
    changeReason: null,
    signedBy: physician.id,
    signedByEmail: physician.email,
    signedByRole: 'physician',
    signedAt,
  });
  if (!inserted) throw new Error('plan version not inserted');
  const sessions = await insertInfusionSessions(
    db,
    schedule.map((s) => ({
      clinicId,
      patientId,
      planId,
      planVersion: 1,
      sessionNumber: s.sessionNumber,
      scheduledStart: new Date(s.startsAt),
      plannedDurationMin: s.durationMin,
      createdAt: signedAt,
      updatedAt: signedAt,
    })),
  );
  return { patientId, planId, sessionIds: sessions.map((s) => s.id), order, rateMlPerH, bag };
}
