/** Staff users of a clinic: list and create (admins), and creation from the CLI. */
import { DomainError, type CreateUserBody, type StaffRole, type User } from '@ketapath/core';
import { findUserByEmail, insertUser, listUsers, type Executor, type UserRow } from '@ketapath/db';
import type { Actor, AppContext, RequestMeta } from '../context.js';
import { hashPassword } from '../security/password.js';
import { recordAudit } from './audit.service.js';

export function toUser(u: UserRow): User {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    isActive: u.isActive,
    lockedUntil: u.lockedUntil ? u.lockedUntil.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** Creates a staff user in a clinic (no audit; callers record who asked). */
export async function createStaffUser(
  ex: Executor,
  input: { clinicId: string; email: string; displayName: string; role: StaffRole; password: string; now: Date },
): Promise<UserRow> {
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(ex, email)) throw new DomainError('EMAIL_TAKEN', { issues: [{ field: 'email', message: 'is already in use' }] });
  return insertUser(ex, {
    clinicId: input.clinicId,
    email,
    displayName: input.displayName,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    createdAt: input.now,
  });
}

export async function getUsers(ctx: AppContext, actor: Actor, meta: RequestMeta): Promise<User[]> {
  const rows = await listUsers(ctx.database.db, actor.clinicId);
  await recordAudit(ctx.database.db, ctx, actor, meta, { action: 'user.list', entityType: 'user', detail: { count: rows.length } });
  return rows.map(toUser);
}

export async function addUser(ctx: AppContext, actor: Actor, meta: RequestMeta, body: CreateUserBody): Promise<User> {
  return ctx.database.db.transaction(async (tx) => {
    const row = await createStaffUser(tx, { ...body, clinicId: actor.clinicId, now: ctx.clock.now() });
    await recordAudit(tx, ctx, actor, meta, { action: 'user.create', entityType: 'user', entityId: row.id, detail: { role: row.role } });
    return toUser(row);
  });
}
