/**
 * Sign-in, sessions and sign-in throttling. Failed attempts slow the answer after `slowdownAfter` and lock
 * the account for `lockoutMinutes` after `lockoutAfter`, counted within one lockout window.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError, ROLE_PERMISSIONS, type LoginBody, type SessionInfo } from '@ketapath/core';
import {
  clearFailedLogins,
  findLiveSession,
  findUserByEmail,
  insertAuditEvent,
  insertSession,
  recordFailedLogin,
  revokeSession,
  touchSession,
  type ClinicRow,
  type SessionRow,
  type UserRow,
} from '@ketapath/db';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { dummyPasswordHash, verifyPassword } from '../security/password.js';
import { hashToken, newToken } from '../security/tokens.js';
import { recordAudit } from './audit.service.js';
import { SessionCache } from './session-cache.js';

const MINUTE_MS = 60_000;
/** Longest added delay for a failed sign-in, so a slowed answer never looks like a hung server. */
const MAX_SLOWDOWN_MS = 4_000;
/** Sessions are touched at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

export function sessionInfo(
  user: Pick<UserRow, 'id' | 'email' | 'displayName' | 'role'>,
  clinic: Pick<ClinicRow, 'id' | 'slug' | 'name' | 'isDemo'>,
  session: Pick<SessionRow, 'csrfToken' | 'idleExpiresAt' | 'absoluteExpiresAt'>,
): SessionInfo {
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role, permissions: [...ROLE_PERMISSIONS[user.role]] },
    clinic: { id: clinic.id, slug: clinic.slug, name: clinic.name, isDemo: clinic.isDemo },
    csrfToken: session.csrfToken,
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
  };
}

/** The delay before answering the n-th consecutive failure: doubling from 250 ms past the slowdown threshold. */
export function failedLoginDelayMs(failures: number, slowdownAfter: number): number {
  if (failures < slowdownAfter) return 0;
  return Math.min(MAX_SLOWDOWN_MS, 250 * 2 ** (failures - slowdownAfter));
}

export async function login(
  ctx: AppContext,
  meta: RequestMeta,
  body: LoginBody,
): Promise<{ token: string; info: SessionInfo }> {
  const now = ctx.clock.now();
  const found = await findUserByEmail(ctx.database.db, body.email);
  if (!found) {
    await verifyPassword(await dummyPasswordHash(), body.password);
    throw new DomainError('INVALID_CREDENTIALS');
  }
  const { user, clinic } = found;
  const auditLogin = (outcome: 'success' | 'denied' | 'failure', detail: Record<string, unknown>) =>
    insertAuditEvent(ctx.database.db, {
      clinicId: clinic.id, at: now, userId: user.id, userEmail: user.email, role: user.role, action: 'auth.login',
      entityType: 'user', entityId: user.id, requestId: meta.requestId, outcome, detail, ip: meta.ip,
    });

  if (!user.isActive) {
    await auditLogin('denied', { reason: 'disabled' });
    throw new DomainError('ACCOUNT_DISABLED');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await auditLogin('denied', { reason: 'locked', lockedUntil: user.lockedUntil.toISOString() });
    throw new DomainError('ACCOUNT_LOCKED', { detail: `Too many failed sign-ins: try again after ${user.lockedUntil.toISOString()}.` });
  }
  if (!(await verifyPassword(user.passwordHash, body.password))) {
    const { slowdownAfter, lockoutAfter, lockoutMinutes } = ctx.config.login;
    const windowMs = lockoutMinutes * MINUTE_MS;
    const recent = user.lastFailedLoginAt !== null && now.getTime() - user.lastFailedLoginAt.getTime() < windowMs;
    const failures = (recent ? user.failedLoginCount : 0) + 1;
    const lockedUntil = failures >= lockoutAfter ? new Date(now.getTime() + windowMs) : null;
    await recordFailedLogin(ctx.database.db, clinic.id, user.id, { failedLoginCount: failures, lastFailedLoginAt: now, lockedUntil });
    await auditLogin('failure', { reason: 'bad-password', failures, ...(lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {}) });
    const delay = failedLoginDelayMs(failures, slowdownAfter);
    if (delay > 0) await sleep(delay);
    if (lockedUntil) {
      throw new DomainError('ACCOUNT_LOCKED', { detail: `Too many failed sign-ins: try again after ${lockedUntil.toISOString()}.` });
    }
    throw new DomainError('INVALID_CREDENTIALS');
  }

  const token = newToken();
  const session = {
    tokenHash: hashToken(token),
    clinicId: clinic.id,
    userId: user.id,
    csrfToken: newToken(),
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: new Date(now.getTime() + ctx.config.sessionIdleMinutes * MINUTE_MS),
    absoluteExpiresAt: new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 60 * MINUTE_MS),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  };
  await ctx.database.db.transaction(async (tx) => {
    if (user.failedLoginCount > 0 || user.lockedUntil) await clearFailedLogins(tx, clinic.id, user.id);
    await insertSession(tx, session);
    await insertAuditEvent(tx, {
      clinicId: clinic.id, at: now, userId: user.id, userEmail: user.email, role: user.role, action: 'auth.login',
      entityType: 'user', entityId: user.id, requestId: meta.requestId, outcome: 'success', detail: {}, ip: meta.ip,
    });
  });
  return { token, info: sessionInfo(user, clinic, session) };
}

const sessionCaches = new WeakMap<AppContext['database'], SessionCache>();

/** The session cache for this database: only the embedded one, where this process is the only writer. */
function sessionCacheOf(ctx: AppContext): SessionCache | null {
  if (ctx.database.kind !== 'embedded') return null;
  let cache = sessionCaches.get(ctx.database);
  if (!cache) {
    cache = new SessionCache();
    sessionCaches.set(ctx.database, cache);
  }
  return cache;
}

/** The actor for a session cookie's token, or null. Slides the idle expiry forward. */
export async function resolveSession(ctx: AppContext, token: string): Promise<{ actor: Actor; info: SessionInfo } | null> {
  const now = ctx.clock.now();
  const tokenHash = hashToken(token);
  const cache = sessionCacheOf(ctx);
  let session = cache?.get(tokenHash, now) ?? null;
  if (!session) {
    session = await findLiveSession(ctx.database.db, tokenHash, now);
    if (session) cache?.set(session, now);
  }
  if (!session?.user.isActive) return null;
  const { user, clinic } = session;
  let idleExpiresAt = session.idleExpiresAt;
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    idleExpiresAt = new Date(now.getTime() + ctx.config.sessionIdleMinutes * MINUTE_MS);
    await touchSession(ctx.database.db, tokenHash, now, idleExpiresAt);
    cache?.set({ ...session, lastSeenAt: now, idleExpiresAt }, now);
  }
  return {
    actor: {
      userId: user.id,
      clinicId: clinic.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      sessionTokenHash: tokenHash,
      csrfToken: session.csrfToken,
    },
    info: sessionInfo(user, clinic, { ...session, idleExpiresAt }),
  };
}

export async function logout(ctx: AppContext, actor: Actor, meta: RequestMeta): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    await revokeSession(tx, actor.sessionTokenHash, ctx.clock.now());
    await recordAudit(tx, ctx, actor, meta, { action: 'auth.logout', entityType: 'user', entityId: actor.userId });
  });
  sessionCacheOf(ctx)?.forget(actor.sessionTokenHash);
}
