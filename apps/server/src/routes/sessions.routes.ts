/**
 * Session charts: a patient's sessions, one chart (entries, computed state, the rules' evaluation, the
 * predicted level), recording an entry, the monitor bridge's vital signs (device token) and the printable PDF.
 */
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, deviceOf, requestMeta } from '../http/access.js';
import { ZPatientIdParams, ZProblem, ZSessionEntryBody } from '@ketapath/core';
import { getChart, listSessionsOfPatient } from '../services/chart.service.js';
import { renderChartPdf } from '../services/chart-pdf.service.js';
import { recordEntry } from '../services/session.service.js';
import { CONFLICT, NOT_FOUND, PROBLEMS } from './problem-responses.js';
import {
  ZChartResponse,
  ZDeviceVitalsBody,
  ZDeviceVitalsResponse,
  ZPatientSessions,
  ZPostEntryResponse,
  ZSessionIdParams,
} from './sessions.schema.js';

const tags = ['sessions'];

export function registerSessionRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/patients/:patientId/sessions',
    {
      config: { access: 'chart:read' },
      schema: {
        tags,
        summary:
          'A patient’s infusion sessions with their totals (administered mg, alerts, pain before/after, state)',
        params: ZPatientIdParams,
        response: { 200: ZPatientSessions, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    (request) => listSessionsOfPatient(ctx, actorOf(request), requestMeta(request), request.params.patientId),
  );

  app.get(
    '/api/sessions/:sessionId/chart',
    {
      config: { access: 'chart:read' },
      schema: {
        tags,
        summary:
          'One session’s chart: entries, the state computed from them, the session rules now, and the predicted level',
        params: ZSessionIdParams,
        response: { 200: ZChartResponse, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    async (request) => ({
      ...(await getChart(ctx, actorOf(request), requestMeta(request), request.params.sessionId)),
    }),
  );

  app.post(
    '/api/sessions/:sessionId/entries',
    {
      config: { access: 'chart:write' },
      schema: {
        tags,
        summary:
          'Record a chart entry; it is run through the session rules at once and new findings become alerts',
        description:
          'Entries that change the chart’s state need `expectedVersion` (a stale one gets 409 SESSION_VERSION_CONFLICT). ' +
          'The same `clientEntryId` again is answered 200 with the stored entry. A double-check must come from a second ' +
          'staff member (their own session, or `witness` credentials); a co-signature from a physician; after the ' +
          'co-signature only addenda are taken. `occurredAt` may be at most 2 minutes ahead of the server clock and not ' +
          'more than a day before the scheduled start (data-entry sanity bounds).',
        params: ZSessionIdParams,
        body: ZSessionEntryBody,
        response: {
          200: ZPostEntryResponse,
          201: ZPostEntryResponse,
          ...PROBLEMS,
          ...NOT_FOUND,
          ...CONFLICT,
        },
      },
    },
    async (request, reply) => {
      const { status, ...result } = await recordEntry(
        ctx,
        { kind: 'staff', actor: actorOf(request) },
        requestMeta(request),
        request.params.sessionId,
        request.body,
      );
      return reply.status(status).send(result);
    },
  );

  app.post(
    '/api/sessions/:sessionId/vitals',
    {
      config: { access: 'device' },
      schema: {
        tags,
        summary: 'Monitor bridge: record a set of vital signs (Authorization: Bearer <device token>)',
        description:
          'For monitor-bridge devices, not browsers: the token (POST /api/devices) is scoped to one clinic; another ' +
          'clinic’s session answers 404, a revoked or unknown token 401. Recorded as a `vitals` entry with source ' +
          '`device`, run through the session rules like any entry. A retry with the same `clientEntryId` gets 200 and ' +
          'the stored entry number.',
        security: [{ deviceToken: [] }],
        params: ZSessionIdParams,
        body: ZDeviceVitalsBody,
        response: {
          200: ZDeviceVitalsResponse,
          201: ZDeviceVitalsResponse,
          400: PROBLEMS[400],
          401: ZProblem.describe('No device token, or an unknown or revoked one.'),
          ...NOT_FOUND,
          ...CONFLICT,
        },
      },
    },
    async (request, reply) => {
      const { clientEntryId, occurredAt, vitals } = request.body;
      const { status, entry, raisedAlerts } = await recordEntry(
        ctx,
        { kind: 'device', device: deviceOf(request) },
        requestMeta(request),
        request.params.sessionId,
        { clientEntryId, occurredAt, entry: { kind: 'vitals', vitals: { ...vitals, source: 'device' } } },
      );
      return reply.status(status).send({ seq: entry.seq, raisedAlerts });
    },
  );

  app.get(
    '/api/sessions/:sessionId/chart.pdf',
    {
      config: { access: 'chart:read' },
      schema: {
        tags,
        summary: 'The chart as a PDF a referring physician can read (application/pdf)',
        params: ZSessionIdParams,
        response: { ...PROBLEMS, ...NOT_FOUND },
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await renderChartPdf(
        ctx,
        actorOf(request),
        requestMeta(request),
        request.params.sessionId,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${filename}"`)
        .send(pdf as never); // a Buffer is sent as it is (the 200 has no JSON schema)
    },
  );
}
