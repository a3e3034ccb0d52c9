/**
 * The session schedule of a plan: the protocol's session count at its spacing in days from the first
 * session (calendar days in the clinic's time zone, so a 09:00 session stays at 09:00 across a daylight-saving
 * change), or the session times the physician lists. Each session lasts the protocol's infusion duration.
 */
import type { Protocol } from '@ketapath/core';
import type { PlanProblem } from './plan-orders.js';

export interface PlannedSession {
  readonly sessionNumber: number;
  readonly startsAt: string;
  readonly durationMin: number;
}

export interface PlanScheduleInput {
  readonly protocol: Protocol;
  readonly firstSessionAt: string;
  /** Replaces the protocol's spacing; must list every session (the first is firstSessionAt). */
  readonly sessionTimes?: readonly string[] | undefined;
  /** IANA zone the days are counted in; UTC when omitted. */
  readonly timeZone?: string;
}

export type PlanScheduleResult =
  | { readonly ok: true; readonly schedule: readonly PlannedSession[] }
  | { readonly ok: false; readonly problems: readonly PlanProblem[] };

const MS_PER_MIN = 60_000;
const MS_PER_DAY = 86_400_000;

const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time at `ms` in the zone, as milliseconds of the same wall-clock reading in UTC. */
function wallClockMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatIn(timeZone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const at = (k: string) => parts[k] ?? 0;
  return (
    Date.UTC(at('year'), at('month') - 1, at('day'), at('hour'), at('minute'), at('second')) + (ms % 1000)
  );
}

/** `days` calendar days after `iso` at the same wall-clock time in the zone (fractional days add exact time). */
export function addCalendarDays(iso: string, days: number, timeZone = 'UTC'): string {
  const start = Date.parse(iso);
  if (!Number.isInteger(days)) return new Date(start + days * MS_PER_DAY).toISOString();
  const wall = wallClockMs(start, timeZone) + days * MS_PER_DAY;
  // The instant whose wall-clock reading is `wall`: subtract the zone offset, then correct once for a change.
  let t = wall - (wallClockMs(wall, timeZone) - wall);
  t = wall - (wallClockMs(t, timeZone) - t);
  return new Date(t).toISOString();
}

function sessionDurationMin(protocol: Protocol): number | null {
  for (const step of protocol.steps)
    if (step.kind === 'infusion' && step.durationMin) return step.durationMin.min;
  return null;
}

export function planSchedule(input: PlanScheduleInput): PlanScheduleResult {
  const { protocol, firstSessionAt, sessionTimes } = input;
  const durationMin = sessionDurationMin(protocol);
  if (durationMin === null) {
    return {
      ok: false,
      problems: [
        {
          stepIndex: null,
          field: 'protocolId',
          message:
            'the protocol has no infusion step with a duration, so a session’s length cannot be planned',
        },
      ],
    };
  }
  const count = protocol.sessions.count;
  let starts: string[];
  if (sessionTimes !== undefined) {
    const problems: PlanProblem[] = [];
    if (count !== null && sessionTimes.length !== count) {
      problems.push({
        stepIndex: null,
        field: 'sessionTimes',
        message: `the protocol has ${count} sessions; ${sessionTimes.length} times were given`,
      });
    }
    if (sessionTimes.length > 0 && Date.parse(sessionTimes[0] ?? '') !== Date.parse(firstSessionAt)) {
      problems.push({
        stepIndex: null,
        field: 'sessionTimes[0]',
        message: 'must be the first session (firstSessionAt)',
      });
    }
    sessionTimes.forEach((at, i) => {
      const previous = i > 0 ? sessionTimes[i - 1] : undefined;
      if (previous !== undefined && Date.parse(at) < Date.parse(previous) + durationMin * MS_PER_MIN) {
        problems.push({
          stepIndex: null,
          field: `sessionTimes[${i}]`,
          message: `must start after the previous session ends (${durationMin} min after ${previous})`,
        });
      }
    });
    if (problems.length > 0) return { ok: false, problems };
    starts = sessionTimes.map((at) => new Date(Date.parse(at)).toISOString());
  } else {
    if (count === null) {
      return {
        ok: false,
        problems: [
          {
            stepIndex: null,
            field: 'sessionTimes',
            message: 'the protocol gives no number of sessions: list the session times',
          },
        ],
      };
    }
    const spacing = protocol.sessions.spacingDays;
    if (count > 1 && spacing === null) {
      return {
        ok: false,
        problems: [
          {
            stepIndex: null,
            field: 'sessionTimes',
            message: 'the protocol gives no spacing between sessions: list the session times',
          },
        ],
      };
    }
    const first = new Date(Date.parse(firstSessionAt)).toISOString();
    starts = Array.from({ length: count }, (_, i) =>
      i === 0 ? first : addCalendarDays(first, i * (spacing ?? 0), input.timeZone),
    );
    const overlap = starts.findIndex(
      (at, i) => i > 0 && Date.parse(at) < Date.parse(starts[i - 1] ?? at) + durationMin * MS_PER_MIN,
    );
    if (overlap > 0) {
      return {
        ok: false,
        problems: [
          {
            stepIndex: null,
            field: 'sessionTimes',
            message: `at the protocol's spacing session ${overlap + 1} would start before session ${overlap} ends: list the session times`,
          },
        ],
      };
    }
  }
  return {
    ok: true,
    schedule: starts.map((startsAt, i) => ({ sessionNumber: i + 1, startsAt, durationMin })),
  };
}
