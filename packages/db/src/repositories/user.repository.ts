/** Staff users, their password hashes and sign-in throttling state. */
import { and, asc, eq } from 'drizzle-orm';
import type { StaffRole } from '@ketapath/core';
import { clinics, users } from '../schema.js';
import type { Executor } from '../database.js';
import type { ClinicRow } from './clinic.repository.js';

export type UserRow = typeof users.$inferSelect;

export async function insertUser(
  ex: Executor,
  input: { clinicId: string; email: string; displayName: string; role: StaffRole; passwordHash: string; createdAt: Date },
): Promise<UserRow> {
  const [row] = await ex.insert(users).values(input).returning();
  if (!row) throw new Error('insert into users returned no row');
  return row;
}

export async function findUserByEmail(ex: Executor, email: string): Promise<{ user: UserRow; clinic: ClinicRow } | null> {
  const [row] = await ex.select().from(users).innerJoin(clinics, eq(clinics.id, users.clinicId)).where(eq(users.email, email));
  return row ? { user: row.users, clinic: row.clinics } : null;
}

export async function findUser(ex: Executor, clinicId: string, userId: string): Promise<UserRow | null> {
  const [row] = await ex.select().from(users).where(and(eq(users.clinicId, clinicId), eq(users.id, userId)));
  return row ?? null;
}

export async function listUsers(ex: Executor, clinicId: string): Promise<UserRow[]> {
  return ex.select().from(users).where(eq(users.clinicId, clinicId)).orderBy(asc(users.displayName));
}

export async function recordFailedLogin(
  ex: Executor,
  clinicId: string,
  userId: string,
  state: { failedLoginCount: number; lastFailedLoginAt: Date; lockedUntil: Date | null },
): Promise<void> {
  await ex.update(users).set(state).where(and(eq(users.clinicId, clinicId), eq(users.id, userId)));
}

export async function clearFailedLogins(ex: Executor, clinicId: string, userId: string): Promise<void> {
  await ex
    .update(users)
    .set({ failedLoginCount: 0, lastFailedLoginAt: null, lockedUntil: null })
    .where(and(eq(users.clinicId, clinicId), eq(users.id, userId)));
}
