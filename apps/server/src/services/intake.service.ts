/**
 * A patient's intake as saved versions, each with the eligibility result the engine gave at saving under the
 * clinic's settings of that moment. A save names the version it was based on; a stale one is refused (409),
 * so two clinicians editing one intake never overwrite each other. Every read and write is audited.
 */
import { DomainError, type Intake } from '@ketapath/core';
import { evaluateEligibility, type EligibilityResult } from '@ketapath/clinical-rules';
import {
  findIntakeVersion,
  insertIntakeVersion,
  listIntakeVersions,
  type IntakeVersionRow,
} from '@ketapath/db';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { auditingFailure, requirePatientOf } from './patient-journey-access.js';
import { loadClinicSettings, type StaffStamp } from './clinical-settings.service.js';
import { findQualificationDto, type QualificationDto } from './qualification.service.js';
import { forgetPatientContexts } from './session-context.js';

export interface IntakeVersionDto {
  version: number;
  intake: Intake;
  eligibility: EligibilityResult;
  createdAt: string;
  createdBy: StaffStamp;
}

export interface IntakeVersionSummaryDto {
  version: number;
  eligibilityStatus: string;
  createdAt: string;
  createdBy: StaffStamp;
}

export interface IntakesDto {
  current: IntakeVersionDto | null;
  versions: IntakeVersionSummaryDto[];
  qualification: QualificationDto | null;
}

export function toIntakeVersionDto(row: IntakeVersionRow): IntakeVersionDto {
  return {
    version: row.version,
    // Written by this service after validation and evaluation.
    intake: row.intake as unknown as Intake,
    eligibility: row.eligibility as unknown as EligibilityResult,
    createdAt: row.createdAt.toISOString(),
    createdBy: { email: row.createdByEmail, role: row.createdByRole },
  };
}

/** The latest intake version, the list of versions and the latest qualification. */
export async function getIntakes(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  patientId: string,
): Promise<IntakesDto> {
  const ex = ctx.database.db;
  return auditingFailure(ctx, actor, meta, 'intake.read', patientId, async () => {
    await requirePatientOf(ex, actor.clinicId, patientId);
    const [current, versions] = await Promise.all([
      findIntakeVersion(ex, actor.clinicId, patientId),
      listIntakeVersions(ex, actor.clinicId, patientId),
    ]);
    const qualification = await findQualificationDto(ex, actor.clinicId, patientId, ctx.clock.now());
    await recordAudit(ex, ctx, actor, meta, {
      action: 'intake.read',
      entityType: 'patient',
      entityId: patientId,
      detail: { version: current?.version ?? null, versions: versions.length },
    });
    return {
      current: current ? toIntakeVersionDto(current) : null,
      versions: versions.map((v) => ({
        version: v.version,
        eligibilityStatus: v.eligibilityStatus,
        createdAt: v.createdAt.toISOString(),
        createdBy: { email: v.createdByEmail, role: v.createdByRole },
      })),
      qualification,
    };
  });
}

export async function getIntakeVersion(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  patientId: string,
  version: number,
): Promise<IntakeVersionDto> {
  const ex = ctx.database.db;
  return auditingFailure(ctx, actor, meta, 'intake.read', patientId, async () => {
    await requirePatientOf(ex, actor.clinicId, patientId);
    const row = await findIntakeVersion(ex, actor.clinicId, patientId, version);
    if (!row)
      throw new DomainError('INTAKE_NOT_FOUND', { detail: `This patient has no intake version ${version}.` });
    await recordAudit(ex, ctx, actor, meta, {
      action: 'intake.read',
      entityType: 'patient',
      entityId: patientId,
      detail: { version },
    });
    return toIntakeVersionDto(row);
  });
}

export interface SaveIntakeInput {
  intake: Intake;
  /** The version the user edited; 0 for the first. */
  expectedVersion: number;
}

/** Saves the next intake version with its eligibility result, audited in the same transaction. */
export async function saveIntake(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  patientId: string,
  input: SaveIntakeInput,
): Promise<IntakeVersionDto> {
  const now = ctx.clock.now();
  // Whatever the outcome, the next chart post re-reads the patient's intake (embedded cache).
  return auditingFailure(ctx, actor, meta, 'intake.create', patientId, () =>
    ctx.database.db.transaction(async (tx) => {
      await requirePatientOf(tx, actor.clinicId, patientId);
      const latest = await findIntakeVersion(tx, actor.clinicId, patientId);
      const currentVersion = latest?.version ?? 0;
      const stale = () =>
        new DomainError('INTAKE_VERSION_CONFLICT', {
          detail: `Someone else saved this intake after you opened it (you edited version ${input.expectedVersion}, it is now version ${currentVersion}). Reload to see their version, then apply your changes again.`,
          issues: [
            {
              field: 'expectedVersion',
              message: `is ${input.expectedVersion}; the intake is at version ${currentVersion}`,
            },
          ],
        });
      if (input.expectedVersion !== currentVersion) throw stale();
      const settings = await loadClinicSettings(tx, actor.clinicId);
      const eligibility = evaluateEligibility(input.intake, settings, { now });
      const version = currentVersion + 1;
      const row: IntakeVersionRow = {
        clinicId: actor.clinicId,
        patientId,
        version,
        intake: input.intake,
        eligibility: eligibility as unknown as Record<string, unknown>,
        eligibilityStatus: eligibility.status,
        createdBy: actor.userId,
        createdByEmail: actor.email,
        createdByRole: actor.role,
        createdAt: now,
      };
      if (!(await insertIntakeVersion(tx, row))) throw stale();
      await recordAudit(tx, ctx, actor, meta, {
        action: 'intake.create',
        entityType: 'patient',
        entityId: patientId,
        detail: {
          version,
          eligibilityStatus: eligibility.status,
          findings: eligibility.findings.map((f) => f.ruleId),
        },
      });
      return toIntakeVersionDto(row);
    }),
  ).finally(() => {
    forgetPatientContexts(ctx);
  });
}
