/** Clinic administration: the audit trail and staff users. */
import { z } from 'zod';
import { ZAuditPage, ZAuditQuery, ZCreateUserBody, ZUser } from '@ketapath/core';
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta } from '../http/access.js';
import { listAuditEvents } from '../services/audit.service.js';
import { addUser, getUsers } from '../services/user.service.js';
import { CONFLICT, PROBLEMS } from './problem-responses.js';

export function registerAdminRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Page the audit trail, newest first, with filters',
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage, ...PROBLEMS },
      },
    },
    (request) => listAuditEvents(ctx, actorOf(request), requestMeta(request), request.query),
  );

  app.get(
    '/api/users',
    {
      config: { access: 'user:read' },
      schema: { tags: ['users'], summary: 'Staff of your clinic', response: { 200: z.object({ items: z.array(ZUser) }), ...PROBLEMS } },
    },
    async (request) => ({ items: await getUsers(ctx, actorOf(request), requestMeta(request)) }),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'user:manage' },
      schema: { tags: ['users'], summary: 'Add a staff member to your clinic', body: ZCreateUserBody, response: { 201: ZUser, ...PROBLEMS, ...CONFLICT } },
    },
    async (request, reply) => reply.status(201).send(await addUser(ctx, actorOf(request), requestMeta(request), request.body)),
  );
}
