/** The day's schedule (front desk, clinicians) and moving a session: chair, time, assigned nurse. */
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta } from '../http/access.js';
import { getSchedule, rescheduleSession } from '../services/schedule.service.js';
import { CONFLICT, NOT_FOUND, PROBLEMS } from './problem-responses.js';
import { ZRescheduleBody, ZScheduleDay, ZScheduleItem, ZScheduleQuery } from './schedule.schema.js';
import { ZSessionIdParams } from './sessions.schema.js';

const tags = ['schedule'];

export function registerScheduleRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/schedule',
    {
      config: { access: 'schedule:read' },
      schema: {
        tags,
        summary:
          'The day’s sessions: time, chair, patient, protocol and session number, nurse, state (no clinical content)',
        querystring: ZScheduleQuery,
        response: { 200: ZScheduleDay, ...PROBLEMS },
      },
    },
    (request) => getSchedule(ctx, actorOf(request), requestMeta(request), request.query.date),
  );

  app.patch(
    '/api/sessions/:sessionId',
    {
      config: { access: 'schedule:write' },
      schema: {
        tags,
        summary:
          'Move a session to another chair, time or nurse; send the version you read (a stale one gets 409)',
        params: ZSessionIdParams,
        body: ZRescheduleBody,
        response: { 200: ZScheduleItem, ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
      },
    },
    (request) =>
      rescheduleSession(ctx, actorOf(request), requestMeta(request), request.params.sessionId, request.body),
  );
}
