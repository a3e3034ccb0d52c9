/**
 * The physician's qualification: a signature on the latest intake version after the eligibility screening
 * is evaluated again at that moment. "Not eligible" cannot be signed; every finding that asks for a
 * physician's review needs a recorded reason. The qualification expires after the clinic's validity period
 * (session.qualification-valid-days; REFERENCE.md gives none, so signing waits until the clinic sets it).
 */
import { DomainError, invalidFields, type FieldIssue, type Intake } from '@ketapath/core';
import { evaluateEligibility, type EligibilityResult } from '@ketapath/clinical-rules';
import {
  findIntakeVersion,
  findLatestQualification,
  insertQualification,
  type Executor,
  type QualificationRow,
} from '@ketapath/db';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { loadClinicSettings, type StaffStamp } from './clinical-settings.service.js';
import { auditingFailure, requirePatientOf } from './patient-journey-access.js';
import { forgetPatientContexts } from './session-context.js';

export const QUALIFICATION_VALIDITY_SETTING = 'session.qualification-valid-days';
const MS_PER_DAY = 86_400_000;

export interface QualificationOverride {
  ruleId: string;
  ruleVersion: number;
  reason: string;
}

export interface QualificationDto {
  id: string;
  intakeVersion: number;
  /** The engine's status at signing. */
  eligibilityStatus: string;
  /** The physician's decision: findings reviewed with reasons make it "eligible with precautions". */
  decision: 'eligible' | 'eligible-with-precautions';
  eligibility: EligibilityResult;
  overrides: QualificationOverride[];
  signedAt: string;
  signedBy: StaffStamp;
  expiresAt: string;
  expired: boolean;
  /** Unexpired and signed on the patient's latest intake version. */
  current: boolean;
}

export function toQualificationDto(
  row: QualificationRow,
  latestIntakeVersion: number | null,
  now: Date,
): QualificationDto {
  const expired = row.expiresAt.getTime() <= now.getTime();
  return {
    id: row.id,
    intakeVersion: row.intakeVersion,
    eligibilityStatus: row.eligibilityStatus,
    decision: row.eligibilityStatus === 'eligible' ? 'eligible' : 'eligible-with-precautions',
    eligibility: row.eligibility as unknown as EligibilityResult,
    overrides: row.overrides,
    signedAt: row.signedAt.toISOString(),
    signedBy: { email: row.signedByEmail, role: row.signedByRole },
    expiresAt: row.expiresAt.toISOString(),
    expired,
    current: !expired && latestIntakeVersion === row.intakeVersion,
  };
}

/** The patient's latest qualification with `expired` and `current` as of `now`, or null. */
export async function findQualificationDto(
  ex: Executor,
  clinicId: string,
  patientId: string,
  now: Date,
): Promise<QualificationDto | null> {
  const row = await findLatestQualification(ex, clinicId, patientId);
  if (!row) return null;
  const latest = await findIntakeVersion(ex, clinicId, patientId);
  return toQualificationDto(row, latest?.version ?? null, now);
}

export interface SignQualificationInput {
  intakeVersion: number;
  overrides: { ruleId: string; reason: string }[];
}

export async function signQualification(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  patientId: string,
  input: SignQualificationInput,
): Promise<QualificationDto> {
  const now = ctx.clock.now();
  // Whatever the outcome, the next chart post re-reads the patient's qualification (embedded cache).
  return auditingFailure(ctx, actor, meta, 'qualification.sign', patientId, () =>
    ctx.database.db.transaction(async (tx) => {
      await requirePatientOf(tx, actor.clinicId, patientId);
      if (actor.role !== 'physician') {
        throw new DomainError('PERMISSION_DENIED', { detail: 'Only a physician can sign a qualification.' });
      }
      const latest = await findIntakeVersion(tx, actor.clinicId, patientId);
      if (!latest)
        throw new DomainError('INTAKE_NOT_FOUND', {
          detail: 'This patient has no intake yet: save one first.',
        });
      if (latest.version !== input.intakeVersion) {
        const exists = await findIntakeVersion(tx, actor.clinicId, patientId, input.intakeVersion);
        if (!exists) {
          throw new DomainError('INTAKE_NOT_FOUND', {
            detail: `This patient has no intake version ${input.intakeVersion}.`,
            issues: [
              { field: 'intakeVersion', message: `no such version (the latest is ${latest.version})` },
            ],
          });
        }
        throw new DomainError('INTAKE_VERSION_CONFLICT', {
          detail: `Intake version ${input.intakeVersion} is no longer the latest (version ${latest.version} was saved since). Review the latest version, then sign it.`,
          issues: [{ field: 'intakeVersion', message: `is not the latest version (${latest.version})` }],
        });
      }
      const settings = await loadClinicSettings(tx, actor.clinicId);
      const validDays = settings[QUALIFICATION_VALIDITY_SETTING];
      if (typeof validDays !== 'number') {
        throw new DomainError('QUALIFICATION_VALIDITY_UNSET', {
          issues: [
            {
              field: QUALIFICATION_VALIDITY_SETTING,
              message: 'is not set by the clinic (REFERENCE.md gives no period)',
            },
          ],
        });
      }
      const eligibility = evaluateEligibility(latest.intake as unknown as Intake, settings, { now });
      if (eligibility.status === 'not-eligible') {
        const blocking = eligibility.findings.filter((f) => f.severity === 'block');
        throw new DomainError('QUALIFICATION_BLOCKED', {
          detail: `The eligibility screening says not eligible: ${blocking.map((f) => `${f.title} (${f.ruleId})`).join('; ')}.`,
          issues: blocking.map((f) => ({ field: f.ruleId, message: f.message })),
        });
      }
      const needing = eligibility.findings.filter((f) => f.severity === 'needs-ack');
      const reasons = new Map(input.overrides.map((o) => [o.ruleId, o.reason.trim()]));
      const issues: FieldIssue[] = [];
      for (const f of needing) {
        if (!reasons.get(f.ruleId))
          issues.push({ field: 'overrides', message: `${f.ruleId} (${f.title}) needs a reason` });
      }
      input.overrides.forEach((o, i) => {
        if (!needing.some((f) => f.ruleId === o.ruleId)) {
          issues.push({
            field: `overrides[${i}].ruleId`,
            message: `${o.ruleId} has no finding that needs a reason`,
          });
        }
      });
      if (issues.length > 0) throw invalidFields(issues);
      const overrides: QualificationOverride[] = [];
      for (const f of needing) {
        if (overrides.some((o) => o.ruleId === f.ruleId)) continue;
        overrides.push({ ruleId: f.ruleId, ruleVersion: f.ruleVersion, reason: reasons.get(f.ruleId) ?? '' });
      }
      const row = await insertQualification(tx, {
        clinicId: actor.clinicId,
        patientId,
        intakeVersion: latest.version,
        eligibility: eligibility as unknown as Record<string, unknown>,
        eligibilityStatus: eligibility.status,
        overrides,
        signedBy: actor.userId,
        signedByEmail: actor.email,
        signedByRole: actor.role,
        signedAt: now,
        expiresAt: new Date(now.getTime() + validDays * MS_PER_DAY),
      });
      await recordAudit(tx, ctx, actor, meta, {
        action: 'qualification.sign',
        entityType: 'patient',
        entityId: patientId,
        detail: {
          qualificationId: row.id,
          intakeVersion: latest.version,
          eligibilityStatus: eligibility.status,
          overrides: overrides.map((o) => o.ruleId),
          validDays,
        },
      });
      return toQualificationDto(row, latest.version, now);
    }),
  ).finally(() => {
    forgetPatientContexts(ctx);
  });
}
