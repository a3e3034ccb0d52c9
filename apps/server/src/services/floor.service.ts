/**
 * The clinic floor board: one chair per session of today (the clinic's day by the server clock in the
 * configured TIME_ZONE), each computed from its chart: patient, protocol and session number, elapsed and
 * remaining time, current rate, last vital signs with their trend, open alerts by action tier, assigned nurse.
 * The live stream sends the whole board first, then a chair each time one of its charts or schedule changes.
 */
import { floorChair, foldChart, type ChartState, type FloorChair } from '@ketapath/charting';
import type { SessionEntry } from '@ketapath/core';
import {
  listEntriesOfSessions,
  listSessionDetails,
  listSessionsBetween,
  type SessionDetailRow,
} from '@ketapath/db';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { chartEntries } from './chart-entries.js';
import type { FloorChange } from './floor-bus.js';
import { clinicToday, dayBounds, patientDisplayName, protocolNameOf } from './schedule.service.js';
import { chartSessionMeta, toSessionEntry } from './session-context.js';

export type { FloorChair };

/** Up to this many sessions are read one by one through the entry cache; more in one query. */
const FEW_SESSIONS = 4;

async function chairsOf(
  ctx: AppContext,
  clinicId: string,
  details: readonly SessionDetailRow[],
): Promise<FloorChair[]> {
  const bySession = new Map<string, readonly SessionEntry[]>();
  const cache = chartEntries(ctx);
  if (details.length <= FEW_SESSIONS) {
    // A chair changed: only the entries newer than the ones this process already knows.
    for (const d of details) {
      const entries = await cache.read(ctx.database.db, clinicId, d.session.id);
      cache.remember(clinicId, d.session.id, entries);
      bySession.set(d.session.id, entries);
    }
  } else {
    const rows = await listEntriesOfSessions(
      ctx.database.db,
      clinicId,
      details.map((d) => d.session.id),
    );
    const lists = new Map<string, SessionEntry[]>();
    for (const row of rows) {
      const list = lists.get(row.sessionId) ?? [];
      list.push(toSessionEntry(row));
      lists.set(row.sessionId, list);
    }
    for (const [sessionId, list] of lists) {
      cache.remember(clinicId, sessionId, list);
      bySession.set(sessionId, list);
    }
  }
  const now = ctx.clock.now().toISOString();
  return details.map((d) =>
    chairOf(
      d,
      foldChart({ session: chartSessionMeta(d.session), entries: bySession.get(d.session.id) ?? [], now }),
      now,
    ),
  );
}

function chairOf(d: SessionDetailRow, chart: ChartState, now: string): FloorChair {
  return floorChair({
    chart,
    session: {
      chair: d.session.chair,
      sessionNumber: d.session.sessionNumber,
      sessionCount: d.plan.sessionCount,
      version: d.session.version,
      assignedNurse: d.assignedNurse,
    },
    patient: { id: d.patient.id, displayName: patientDisplayName(d.patient), mrn: d.patient.mrn },
    protocolName: protocolNameOf(d),
    now,
  });
}

/** Today's chairs of a clinic (cancelled sessions are not on the board). */
export async function todaysChairs(
  ctx: AppContext,
  clinicId: string,
): Promise<{ date: string; chairs: FloorChair[] }> {
  const date = clinicToday(ctx);
  const details = await listSessionsBetween(ctx.database.db, clinicId, {
    ...dayBounds(date, ctx.config.timeZone),
    includeCancelled: false,
  });
  return { date, chairs: await chairsOf(ctx, clinicId, details) };
}

/**
 * The chairs of a committed change's sessions that are on today's board. A session whose writer handed over
 * its chart (a chart entry) costs no database read; the others (a schedule move) are read.
 */
export async function chairsFor(
  ctx: AppContext,
  clinicId: string,
  change: FloorChange,
): Promise<FloorChair[]> {
  const { from, to } = dayBounds(clinicToday(ctx), ctx.config.timeZone);
  const today = (d: SessionDetailRow) => d.session.scheduledStart >= from && d.session.scheduledStart < to;
  const unknown = change.sessionIds.filter((id) => !change.known.has(id));
  const read = (await listSessionDetails(ctx.database.db, clinicId, unknown)).filter(today);
  const known = [...change.known.values()].filter((k) => today(k.detail));
  return [
    ...known.map((k) => chairOf(k.detail, k.chart, k.foldedAt)),
    ...(await chairsOf(ctx, clinicId, read)),
  ];
}

export async function getFloor(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  via: 'list' | 'stream',
): Promise<{ date: string; chairs: FloorChair[] }> {
  const board = await todaysChairs(ctx, actor.clinicId);
  await recordAudit(ctx.database.db, ctx, actor, meta, {
    action: 'floor.read',
    entityType: 'floor',
    entityId: board.date,
    detail: { via, date: board.date, sessionIds: board.chairs.map((c) => c.sessionId) },
  });
  return board;
}
