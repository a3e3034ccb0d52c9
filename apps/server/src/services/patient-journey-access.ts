/**
 * Shared by the intake, qualification and plan services: the patient must belong to the caller's clinic, and a
 * refused request on a patient is recorded on the audit trail.
 */
import { DomainError, type AuditAction } from '@ketapath/core';
import { patientExists, type Executor } from '@ketapath/db';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';

export async function requirePatientOf(ex: Executor, clinicId: string, patientId: string): Promise<void> {
  if (!(await patientExists(ex, clinicId, patientId))) throw new DomainError('PATIENT_NOT_FOUND');
}

/**
 * Runs `fn`; a domain error (another clinic's patient, a stale version, a clinical refusal) is recorded on the
 * audit trail after `fn`'s transaction ended, then rethrown.
 */
export async function auditingFailure<T>(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  action: AuditAction,
  patientId: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) {
      await recordAudit(ctx.database.db, ctx, actor, meta, {
        action,
        entityType: 'patient',
        entityId: patientId,
        outcome: error.kind === 'forbidden' ? 'denied' : 'failure',
        detail: { reason: error.code },
      });
    }
    throw error;
  }
}
