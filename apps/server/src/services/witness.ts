/**
 * A second staff member signing in on the same screen: the witness of a pump double-check, of a
 * controlled-substance waste, or of a destruction. The witness must be an active nurse or physician of the
 * signed-in user's clinic, not that user, whose own password verifies. A refusal names the field and never
 * says whether the email exists.
 */
import { DomainError } from '@ketapath/core';
import { findUserByEmail } from '@ketapath/db';
import type { Actor, AppContext } from '../context.js';
import { verifyPassword } from '../security/password.js';

const WITNESS_ROLES = new Set(['nurse', 'physician']);

export interface WitnessCredentials {
  email: string;
  password: string;
}

export interface VerifiedWitness {
  userId: string;
  email: string;
  role: string;
  displayName: string;
}

export interface WitnessPurpose {
  /** What the witness does, after "a nurse cannot …": e.g. 'double-check a pump programming'. */
  action: string;
  /** The request field the credentials came in (problem+json names it). */
  field?: string;
}

export async function verifyWitness(
  ctx: AppContext,
  actor: Actor,
  witness: WitnessCredentials,
  purpose: WitnessPurpose,
): Promise<VerifiedWitness> {
  const field = purpose.field ?? 'witness';
  const found = await findUserByEmail(ctx.database.db, witness.email.trim().toLowerCase());
  const refuse = (message: string) =>
    new DomainError('WITNESS_INVALID', {
      detail: `${field}: ${message}`,
      issues: [{ field, message }],
    });
  const passwordOk = found ? await verifyPassword(found.user.passwordHash, witness.password) : false;
  if (!found || !passwordOk || found.user.clinicId !== actor.clinicId)
    throw refuse('the email or password is not correct');
  if (!found.user.isActive) throw refuse('this account is disabled');
  if (!WITNESS_ROLES.has(found.user.role))
    throw refuse(`a ${found.user.role} cannot ${purpose.action}; a nurse or physician must`);
  if (found.user.id === actor.userId) throw refuse('must be a second staff member, not you');
  return {
    userId: found.user.id,
    email: found.user.email,
    role: found.user.role,
    displayName: found.user.displayName,
  };
}
