/**
 * Access control for every route. Each route declares `config.access`: 'public', 'session' (any signed-in
 * staff member), a permission from the role table (@ketapath/core roles.ts), or 'device' (a monitor bridge
 * with a device token in `Authorization: Bearer`, no cookie and no CSRF token). One hook enforces it, with
 * the CSRF check on state-changing staff requests; a route without a declaration stops the server from
 * starting.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, hasPermission, type Permission, type SessionInfo } from '@ketapath/core';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { resolveSession } from '../services/auth.service.js';
import { recordAudit } from '../services/audit.service.js';
import { tokensEqual } from '../security/tokens.js';
import { resolveDevice, type DeviceActor } from '../services/device.service.js';

export type Access = 'public' | 'session' | 'device' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionInfo: SessionInfo | null;
    device: DeviceActor | null;
  }
}

export const SESSION_COOKIE = 'ketapath_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every route's method, url and access, filled as routes register (the access tests walk it). */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];
  return { requestId: request.id, ip: request.ip || null, userAgent: typeof ua === 'string' ? ua : null };
}

/** The signed-in actor, or a 401 (for handlers on routes whose access is not 'public'). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('NOT_AUTHENTICATED');
  return request.actor;
}

/** The authenticated monitor-bridge device (for handlers on routes whose access is 'device'). */
export function deviceOf(request: FastifyRequest): DeviceActor {
  if (!request.device) throw new DomainError('DEVICE_TOKEN_INVALID');
  return request.device;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** Browsers send Origin on cross-site requests; one that names another host is refused. */
function checkSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new DomainError('CROSS_ORIGIN_REQUEST');
  }
  if (host !== request.headers.host) throw new DomainError('CROSS_ORIGIN_REQUEST');
}

export function registerAccessControl(app: FastifyInstance, ctx: AppContext, routes: RouteAccess[]): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionInfo', null);
  app.decorateRequest('device', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.startsWith('/api/docs') || methods.every((m) => m === 'HEAD')) return;
    if (!route.url.startsWith('/api/')) return; // the web app's static files
    if (!access) throw new Error(`Route ${methods.join(',')} ${route.url} declares no config.access`);
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, access });
  });

  // onRequest: before the body is read or validated, so strangers learn nothing and cost nothing.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    if (access === undefined) return; // 404 handler
    if (!SAFE_METHODS.has(request.method)) checkSameOrigin(request);

    if (access === 'device') {
      // A device proves itself with its token only: a staff cookie grants nothing here.
      const token = bearerToken(request);
      request.device = token === null ? null : await resolveDevice(ctx, token);
      if (!request.device) throw new DomainError('DEVICE_TOKEN_INVALID');
      return;
    }

    const cookie = request.cookies[SESSION_COOKIE];
    const unsigned = cookie ? request.unsignCookie(cookie) : null;
    const resolved = unsigned?.valid && unsigned.value ? await resolveSession(ctx, unsigned.value) : null;
    request.actor = resolved?.actor ?? null;
    request.sessionInfo = resolved?.info ?? null;
    if (access === 'public') return;

    const actor = request.actor;
    if (!actor) {
      if (cookie) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new DomainError('NOT_AUTHENTICATED');
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !tokensEqual(sent, actor.csrfToken)) throw new DomainError('CSRF_TOKEN_INVALID');
    }
    if (access !== 'session' && !hasPermission(actor.role, access)) {
      await recordAudit(ctx.database.db, ctx, actor, requestMeta(request), {
        action: 'access.denied',
        entityType: 'route',
        entityId: `${request.method} ${request.routeOptions.url ?? ''}`,
        outcome: 'denied',
        detail: { permission: access },
      });
      throw new DomainError('PERMISSION_DENIED', { detail: `Your role (${actor.role}) does not allow this (${access}).` });
    }
  });
}
