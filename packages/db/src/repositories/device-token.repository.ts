/**
 * Monitor-bridge device tokens: stored as the SHA-256 hash of the token (the token itself is shown once),
 * scoped to one clinic, revocable.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { deviceTokens, users } from '../schema.js';
import type { Executor } from '../database.js';

export type DeviceTokenRow = typeof deviceTokens.$inferSelect;

export async function insertDeviceToken(
  ex: Executor,
  row: { clinicId: string; label: string; tokenHash: string; createdBy: string; createdAt: Date },
): Promise<DeviceTokenRow> {
  const [inserted] = await ex.insert(deviceTokens).values(row).returning();
  if (!inserted) throw new Error('insert into device_token returned no row');
  return inserted;
}

export type DeviceTokenWithCreator = Omit<DeviceTokenRow, 'tokenHash'> & { createdByName: string };

/** The clinic's devices, newest first, without their token hashes. */
export async function listDeviceTokens(ex: Executor, clinicId: string): Promise<DeviceTokenWithCreator[]> {
  const rows = await ex
    .select({
      clinicId: deviceTokens.clinicId,
      id: deviceTokens.id,
      label: deviceTokens.label,
      createdBy: deviceTokens.createdBy,
      createdAt: deviceTokens.createdAt,
      revokedAt: deviceTokens.revokedAt,
      createdByName: users.displayName,
    })
    .from(deviceTokens)
    .innerJoin(users, and(eq(users.clinicId, deviceTokens.clinicId), eq(users.id, deviceTokens.createdBy)))
    .where(eq(deviceTokens.clinicId, clinicId))
    .orderBy(desc(deviceTokens.createdAt), desc(deviceTokens.id));
  return rows;
}

/** Revokes a device (once; a second revoke keeps the first time). Null when the clinic has no such device. */
export async function revokeDeviceToken(
  ex: Executor,
  clinicId: string,
  deviceId: string,
  at: Date,
): Promise<DeviceTokenRow | null> {
  await ex
    .update(deviceTokens)
    .set({ revokedAt: at })
    .where(
      and(eq(deviceTokens.clinicId, clinicId), eq(deviceTokens.id, deviceId), isNull(deviceTokens.revokedAt)),
    );
  const [row] = await ex
    .select()
    .from(deviceTokens)
    .where(and(eq(deviceTokens.clinicId, clinicId), eq(deviceTokens.id, deviceId)));
  return row ?? null;
}

/** The unrevoked device with this token hash, or null. */
export async function findLiveDeviceByTokenHash(
  ex: Executor,
  tokenHash: string,
): Promise<DeviceTokenRow | null> {
  const [row] = await ex
    .select()
    .from(deviceTokens)
    .where(and(eq(deviceTokens.tokenHash, tokenHash), isNull(deviceTokens.revokedAt)));
  return row ?? null;
}
