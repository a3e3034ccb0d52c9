/** Writes and pages the audit trail. Writes of patient data record their audit row in the same transaction. */
import type { AuditAction, AuditOutcome, AuditPage, AuditQuery } from '@ketapath/core';
import { insertAuditEvent, pageAuditEvents, type Executor } from '@ketapath/db';
import type { Actor, AppContext, RequestMeta } from '../context.js';

export interface AuditEntry {
  action: AuditAction;
  entityType?: string | null;
  entityId?: string | null;
  outcome?: AuditOutcome;
  detail?: Record<string, unknown>;
}

export function recordAudit(ex: Executor, ctx: AppContext, actor: Actor, meta: RequestMeta, entry: AuditEntry): Promise<void> {
  return insertAuditEvent(ex, {
    clinicId: actor.clinicId,
    at: ctx.clock.now(),
    userId: actor.userId,
    userEmail: actor.email,
    role: actor.role,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    requestId: meta.requestId,
    outcome: entry.outcome ?? 'success',
    detail: entry.detail ?? {},
    ip: meta.ip,
  });
}

export async function listAuditEvents(ctx: AppContext, actor: Actor, meta: RequestMeta, query: AuditQuery): Promise<AuditPage> {
  const page = await pageAuditEvents(
    ctx.database.db,
    actor.clinicId,
    {
      userId: query.userId,
      action: query.action,
      entityType: query.entityType,
      entityId: query.entityId,
      outcome: query.outcome,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    },
    { beforeId: query.cursor ? Number(query.cursor) : null, limit: query.limit },
  );
  await recordAudit(ctx.database.db, ctx, actor, meta, {
    action: 'audit.read',
    entityType: 'audit',
    detail: { filter: { ...query, cursor: undefined }, count: page.rows.length },
  });
  return {
    items: page.rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      userId: r.userId,
      userEmail: r.userEmail,
      role: r.role,
      action: r.action as AuditAction,
      entityType: r.entityType,
      entityId: r.entityId,
      requestId: r.requestId,
      outcome: r.outcome,
      detail: r.detail,
      ip: r.ip,
    })),
    nextCursor: page.nextCursor,
  };
}
