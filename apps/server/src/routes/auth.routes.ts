/** Sign-in, sign-out and the current session. The session token travels only in an HttpOnly cookie. */
import { DomainError, ZLoginBody, ZProblem, ZSessionInfo } from '@ketapath/core';
import { z } from 'zod';
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta, SESSION_COOKIE } from '../http/access.js';
import { login, logout } from '../services/auth.service.js';
import { PROBLEMS } from './problem-responses.js';

export function registerAuthRoutes(app: ZodApp, ctx: AppContext): void {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: ZLoginBody,
        response: { 200: ZSessionInfo, ...PROBLEMS, 423: ZProblem.describe('Locked after repeated failed sign-ins.') },
      },
    },
    async (request, reply) => {
      const { token, info } = await login(ctx, requestMeta(request), request.body);
      void reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
        signed: true,
        maxAge: ctx.config.sessionAbsoluteHours * 3600,
      });
      return info;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: 'Sign out: revokes the session', response: { 204: z.null(), ...PROBLEMS } },
    },
    async (request, reply) => {
      await logout(ctx, actorOf(request), requestMeta(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: 'The current session, with the CSRF token to send back', response: { 200: ZSessionInfo, ...PROBLEMS } },
    },
    (request) => {
      if (!request.sessionInfo) throw new DomainError('NOT_AUTHENTICATED');
      return request.sessionInfo;
    },
  );
}
