/** The append-only audit trail. Rows are only ever inserted; the database refuses UPDATE and DELETE. */
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { AuditAction, AuditOutcome } from '@ketapath/core';
import { auditEvents } from '../schema.js';
import type { Executor } from '../database.js';

export type AuditRow = typeof auditEvents.$inferSelect;

export interface AuditInsert {
  clinicId: string;
  at: Date;
  userId: string | null;
  userEmail: string | null;
  role: string | null;
  action: AuditAction;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
  ip: string | null;
}

export async function insertAuditEvent(ex: Executor, event: AuditInsert): Promise<void> {
  await ex.insert(auditEvents).values(event);
}

export interface AuditFilter {
  userId?: string | undefined;
  action?: AuditAction | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  outcome?: AuditOutcome | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** Newest first; `beforeId` is the cursor (the last id of the previous page). */
export async function pageAuditEvents(
  ex: Executor,
  clinicId: string,
  filter: AuditFilter,
  page: { beforeId: number | null; limit: number },
): Promise<{ rows: AuditRow[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [
    eq(auditEvents.clinicId, clinicId),
    filter.userId ? eq(auditEvents.userId, filter.userId) : undefined,
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.entityType ? eq(auditEvents.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditEvents.entityId, filter.entityId) : undefined,
    filter.outcome ? eq(auditEvents.outcome, filter.outcome) : undefined,
    filter.from ? gte(auditEvents.at, filter.from) : undefined,
    filter.to ? lte(auditEvents.at, filter.to) : undefined,
    page.beforeId !== null ? lt(auditEvents.id, page.beforeId) : undefined,
  ];
  const rows = await ex
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit + 1);
  const hasMore = rows.length > page.limit;
  const pageRows = hasMore ? rows.slice(0, page.limit) : rows;
  const last = pageRows.at(-1);
  return { rows: pageRows, nextCursor: hasMore && last ? String(last.id) : null };
}
