/**
 * Monitor-bridge devices. An admin creates a device and is shown its token once (32 random bytes,
 * base64url); only the token's SHA-256 hash is stored. The device sends the token as `Authorization: Bearer`
 * and may post vital signs to the sessions of its own clinic only. Revoking a device stops its token at once.
 */
import { DomainError } from '@ketapath/core';
import {
  findLiveDeviceByTokenHash,
  insertAuditEvent,
  insertDeviceToken,
  listDeviceTokens,
  revokeDeviceToken,
  type Executor,
} from '@ketapath/db';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { hashToken, newToken } from '../security/tokens.js';
import { recordAudit } from './audit.service.js';
import { embeddedCache } from './embedded-cache.js';

/** The device a request acts for. */
export interface DeviceActor {
  readonly deviceId: string;
  readonly clinicId: string;
  readonly label: string;
}

export interface DeviceDto {
  id: string;
  label: string;
  createdAt: string;
  createdBy: { id: string; displayName: string };
  revokedAt: string | null;
}

const DEVICE_CACHE = 'device-token';

/** The unrevoked device holding this token, or null (remembered on the embedded database until a revocation). */
export async function resolveDevice(ctx: AppContext, token: string): Promise<DeviceActor | null> {
  const tokenHash = hashToken(token);
  const cache = embeddedCache<DeviceActor>(ctx, DEVICE_CACHE);
  const nowMs = ctx.clock.now().getTime();
  const hit = cache?.get(tokenHash, nowMs);
  if (hit !== undefined) return hit;
  const row = await findLiveDeviceByTokenHash(ctx.database.db, tokenHash);
  if (!row) return null;
  const device = { deviceId: row.id, clinicId: row.clinicId, label: row.label };
  cache?.set(tokenHash, device, nowMs);
  return device;
}

/** An audit row for something a device did (no user: the device is named in the detail). */
export function recordDeviceAudit(
  ex: Executor,
  ctx: AppContext,
  device: DeviceActor,
  meta: RequestMeta,
  entry: {
    action: 'session.entry';
    entityId: string;
    outcome?: 'success' | 'failure';
    detail: Record<string, unknown>;
  },
): Promise<void> {
  return insertAuditEvent(ex, {
    clinicId: device.clinicId,
    at: ctx.clock.now(),
    userId: null,
    userEmail: null,
    role: 'device',
    action: entry.action,
    entityType: 'session',
    entityId: entry.entityId,
    requestId: meta.requestId,
    outcome: entry.outcome ?? 'success',
    detail: { deviceId: device.deviceId, deviceLabel: device.label, ...entry.detail },
    ip: meta.ip,
  });
}

export async function createDevice(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  label: string,
): Promise<DeviceDto & { token: string }> {
  const token = newToken();
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const row = await insertDeviceToken(tx, {
      clinicId: actor.clinicId,
      label,
      tokenHash: hashToken(token),
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordAudit(tx, ctx, actor, meta, {
      action: 'device.create',
      entityType: 'device',
      entityId: row.id,
      detail: { label },
    });
    return {
      id: row.id,
      label: row.label,
      createdAt: row.createdAt.toISOString(),
      createdBy: { id: actor.userId, displayName: actor.displayName },
      revokedAt: null,
      token,
    };
  });
}

export async function listDevices(ctx: AppContext, actor: Actor, meta: RequestMeta): Promise<DeviceDto[]> {
  const rows = await listDeviceTokens(ctx.database.db, actor.clinicId);
  await recordAudit(ctx.database.db, ctx, actor, meta, {
    action: 'device.list',
    entityType: 'device',
    detail: { count: rows.length },
  });
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    createdAt: r.createdAt.toISOString(),
    createdBy: { id: r.createdBy, displayName: r.createdByName },
    revokedAt: r.revokedAt ? r.revokedAt.toISOString() : null,
  }));
}

export async function revokeDevice(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  deviceId: string,
): Promise<DeviceDto> {
  const now = ctx.clock.now();
  const row = await ctx.database.db
    .transaction(async (tx) => {
      const revoked = await revokeDeviceToken(tx, actor.clinicId, deviceId, now);
      if (revoked) {
        await recordAudit(tx, ctx, actor, meta, {
          action: 'device.revoke',
          entityType: 'device',
          entityId: deviceId,
          detail: { label: revoked.label, revokedAt: revoked.revokedAt?.toISOString() ?? null },
        });
      }
      return revoked;
    })
    .finally(() => embeddedCache(ctx, DEVICE_CACHE)?.clear());
  if (!row) {
    await recordAudit(ctx.database.db, ctx, actor, meta, {
      action: 'device.revoke',
      entityType: 'device',
      entityId: deviceId,
      outcome: 'failure',
      detail: { reason: 'DEVICE_NOT_FOUND' },
    });
    throw new DomainError('DEVICE_NOT_FOUND');
  }
  const [listed] = (await listDeviceTokens(ctx.database.db, actor.clinicId)).filter((d) => d.id === deviceId);
  return {
    id: row.id,
    label: row.label,
    createdAt: row.createdAt.toISOString(),
    createdBy: { id: row.createdBy, displayName: listed?.createdByName ?? '' },
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
  };
}
