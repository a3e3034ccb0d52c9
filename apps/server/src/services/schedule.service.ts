/**
 * The day's sessions for the front desk and the floor: who comes when, to which chair, with which nurse. No
 * clinical content. A day is the clinic's calendar day in the server's configured time zone (TIME_ZONE; the
 * clinic has no time zone of its own yet, so one server serves the clinics of one zone). Moving a session
 * (chair, time, nurse) is made against the version read, like every other change.
 */
import { DomainError, invalidFields } from '@ketapath/core';
import {
  findAssignableStaff,
  findSessionDetail,
  listSessionsBetween,
  listUsers,
  updateSessionScheduleIfVersion,
  type SessionDetailRow,
  type ScheduleChanges,
} from '@ketapath/db';
import { todayIn, type Actor, type AppContext, type RequestMeta } from '../context.js';
import { recordAudit } from './audit.service.js';
import { publishFloorChange } from './floor-bus.js';

export interface StaffPerson {
  id: string;
  displayName: string;
}

export interface SessionPatientRef {
  id: string;
  displayName: string;
  mrn: string;
}

export interface ScheduleItem {
  sessionId: string;
  patient: SessionPatientRef;
  protocolName: string;
  sessionNumber: number;
  sessionCount: number;
  scheduledStart: string;
  plannedDurationMin: number;
  chair: string | null;
  assignedNurse: StaffPerson | null;
  state: SessionDetailRow['session']['state'];
  /** Send back as `expectedVersion` when moving the session. */
  version: number;
}

export interface ScheduleDay {
  date: string;
  timeZone: string;
  sessions: ScheduleItem[];
  /** Active nurses and physicians who may be assigned to a session. */
  nurses: StaffPerson[];
}

/** "Family, Given (Preferred)": how staff lists name a patient. */
export function patientDisplayName(p: SessionDetailRow['patient']): string {
  const preferred = p.preferredName ? ` (${p.preferredName})` : '';
  return `${p.familyName}, ${p.givenNames}${preferred}`;
}

export function protocolNameOf(detail: SessionDetailRow): string {
  const name = detail.plan.protocol['name'];
  return typeof name === 'string' ? name : detail.plan.protocolId;
}

export function toScheduleItem(d: SessionDetailRow): ScheduleItem {
  return {
    sessionId: d.session.id,
    patient: { id: d.patient.id, displayName: patientDisplayName(d.patient), mrn: d.patient.mrn },
    protocolName: protocolNameOf(d),
    sessionNumber: d.session.sessionNumber,
    sessionCount: d.plan.sessionCount,
    scheduledStart: d.session.scheduledStart.toISOString(),
    plannedDurationMin: d.session.plannedDurationMin,
    chair: d.session.chair,
    assignedNurse: d.assignedNurse,
    state: d.session.state,
    version: d.session.version,
  };
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone is ahead of UTC at `instant`. (Formatters are costly to build: one per zone.) */
function zoneOffsetMs(timeZone: string, instant: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant local midnight of `date` (YYYY-MM-DD) begins in `timeZone`. */
function localMidnight(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // Two passes settle the offset across a daylight-saving change.
  let instant = wall - zoneOffsetMs(timeZone, wall);
  instant = wall - zoneOffsetMs(timeZone, instant);
  return instant;
}

/** [from, to) of a calendar day in a time zone. */
export function dayBounds(date: string, timeZone: string): { from: Date; to: Date } {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return {
    from: new Date(localMidnight(date, timeZone)),
    to: new Date(localMidnight(next.toISOString().slice(0, 10), timeZone)),
  };
}

/** Today in the clinic's zone (the server clock). */
export function clinicToday(ctx: AppContext): string {
  return todayIn(ctx.config.timeZone, ctx.clock.now());
}

async function assignableNurses(ctx: AppContext, clinicId: string): Promise<StaffPerson[]> {
  const users = await listUsers(ctx.database.db, clinicId);
  return users
    .filter((u) => u.isActive && (u.role === 'nurse' || u.role === 'physician'))
    .map((u) => ({ id: u.id, displayName: u.displayName }));
}

export async function getSchedule(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  date: string | undefined,
): Promise<ScheduleDay> {
  const day = date ?? clinicToday(ctx);
  const timeZone = ctx.config.timeZone;
  const rows = await listSessionsBetween(ctx.database.db, actor.clinicId, {
    ...dayBounds(day, timeZone),
    includeCancelled: true,
  });
  await recordAudit(ctx.database.db, ctx, actor, meta, {
    action: 'schedule.read',
    entityType: 'schedule',
    entityId: day,
    detail: { date: day, count: rows.length, sessionIds: rows.map((r) => r.session.id) },
  });
  return {
    date: day,
    timeZone,
    sessions: rows.map(toScheduleItem),
    nurses: await assignableNurses(ctx, actor.clinicId),
  };
}

export interface RescheduleInput {
  chair?: string | null | undefined;
  assignedNurseId?: string | null | undefined;
  scheduledStart?: string | undefined;
  expectedVersion: number;
}

const CLOSED_STATES = new Set(['locked', 'cancelled']);

/** Moves a session to another chair, time or nurse, against the version read. */
export async function rescheduleSession(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  sessionId: string,
  input: RescheduleInput,
): Promise<ScheduleItem> {
  const now = ctx.clock.now();
  const fields = (['chair', 'assignedNurseId', 'scheduledStart'] as const).filter(
    (f) => input[f] !== undefined,
  );
  const fail = async (reason: string) => {
    await recordAudit(ctx.database.db, ctx, actor, meta, {
      action: 'session.reschedule',
      entityType: 'session',
      entityId: sessionId,
      outcome: 'failure',
      detail: { reason, fields, expectedVersion: input.expectedVersion },
    });
  };
  try {
    if (fields.length === 0)
      throw invalidFields([
        { field: 'body', message: 'name at least one of chair, assignedNurseId, scheduledStart' },
      ]);
    await ctx.database.db.transaction(async (tx) => {
      const current = await findSessionDetail(tx, actor.clinicId, sessionId);
      if (!current) throw new DomainError('SESSION_NOT_FOUND');
      if (CLOSED_STATES.has(current.session.state)) {
        throw new DomainError('SESSION_ENTRY_NOT_ALLOWED', {
          detail: `This session is ${current.session.state}: it cannot be moved.`,
        });
      }
      if (input.scheduledStart !== undefined && current.session.state !== 'scheduled') {
        throw new DomainError('SESSION_ENTRY_NOT_ALLOWED', {
          detail: `The infusion has begun (${current.session.state}): its start time is on the chart and cannot be moved.`,
          issues: [{ field: 'scheduledStart', message: 'cannot change once the infusion has begun' }],
        });
      }
      if (input.assignedNurseId) {
        const staff = await findAssignableStaff(tx, actor.clinicId, input.assignedNurseId);
        if (!staff?.isActive || (staff.role !== 'nurse' && staff.role !== 'physician')) {
          throw new DomainError('STAFF_NOT_ASSIGNABLE', {
            detail: 'assignedNurseId: must be an active nurse or physician of your clinic',
            issues: [
              { field: 'assignedNurseId', message: 'must be an active nurse or physician of your clinic' },
            ],
          });
        }
      }
      const changes: ScheduleChanges = {
        ...(input.chair !== undefined ? { chair: input.chair } : {}),
        ...(input.assignedNurseId !== undefined ? { assignedNurseId: input.assignedNurseId } : {}),
        ...(input.scheduledStart !== undefined ? { scheduledStart: new Date(input.scheduledStart) } : {}),
      };
      const updated = await updateSessionScheduleIfVersion(
        tx,
        actor.clinicId,
        sessionId,
        input.expectedVersion,
        changes,
        now,
      );
      if (!updated) {
        throw new DomainError('SESSION_VERSION_CONFLICT', {
          detail: `Someone else changed this session after you opened it (you edited version ${input.expectedVersion}, it is now version ${current.session.version}). Reload to see their change, then apply yours again.`,
        });
      }
      await recordAudit(tx, ctx, actor, meta, {
        action: 'session.reschedule',
        entityType: 'session',
        entityId: sessionId,
        detail: { fields, version: updated.version, ...changesForAudit(input) },
      });
    });
  } catch (error) {
    if (error instanceof DomainError) await fail(error.code);
    throw error;
  }
  const detail = await findSessionDetail(ctx.database.db, actor.clinicId, sessionId);
  if (!detail) throw new DomainError('SESSION_NOT_FOUND');
  publishFloorChange(ctx, actor.clinicId, [sessionId]);
  return toScheduleItem(detail);
}

function changesForAudit(input: RescheduleInput): Record<string, unknown> {
  return {
    ...(input.chair !== undefined ? { chair: input.chair } : {}),
    ...(input.assignedNurseId !== undefined ? { assignedNurseId: input.assignedNurseId } : {}),
    ...(input.scheduledStart !== undefined ? { scheduledStart: input.scheduledStart } : {}),
  };
}
