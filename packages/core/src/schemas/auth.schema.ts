/** Sign-in, session and staff-user schemas. */
import { z } from 'zod';
import { STAFF_ROLES } from '../roles.js';
import { ZIsoDateTime, ZUuid } from './common.schema.js';

export const ZStaffRole = z.enum(STAFF_ROLES, { message: `must be one of ${STAFF_ROLES.join(', ')}` });

/** Passwords: at least 12 characters (NIST SP 800-63B §5.1.1.2 sets 8 as the floor; clinics ask for more). */
export const PASSWORD_MIN_LENGTH = 12;
export const ZPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, 'must be at most 256 characters');

export const ZLoginBody = z.strictObject({
  email: z.string().trim().toLowerCase().max(254, 'must be at most 254 characters').min(1, 'is required'),
  password: z.string().min(1, 'is required').max(256, 'must be at most 256 characters'),
});
export type LoginBody = z.infer<typeof ZLoginBody>;

export const ZClinicRef = z.object({ id: ZUuid, slug: z.string(), name: z.string(), isDemo: z.boolean() });

export const ZSessionInfo = z.object({
  user: z.object({
    id: ZUuid,
    email: z.string(),
    displayName: z.string(),
    role: ZStaffRole,
    permissions: z.array(z.string()),
  }),
  clinic: ZClinicRef,
  /** Send back in the `x-csrf-token` header on every state-changing request. */
  csrfToken: z.string(),
  idleExpiresAt: ZIsoDateTime,
  absoluteExpiresAt: ZIsoDateTime,
});
export type SessionInfo = z.infer<typeof ZSessionInfo>;

export const ZUser = z.object({
  id: ZUuid,
  email: z.string(),
  displayName: z.string(),
  role: ZStaffRole,
  isActive: z.boolean(),
  lockedUntil: ZIsoDateTime.nullable(),
  createdAt: ZIsoDateTime,
});
export type User = z.infer<typeof ZUser>;

export const ZCreateUserBody = z.strictObject({
  email: z.email({ message: 'must be an email address' }).max(254).toLowerCase(),
  displayName: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  role: ZStaffRole,
  password: ZPassword,
});
export type CreateUserBody = z.infer<typeof ZCreateUserBody>;
