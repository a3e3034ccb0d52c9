/** Who made a change, named by role the way the rest of the app names roles. */
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@ketapath/core';

export function roleLabel(role: string): string {
  const known = STAFF_ROLES.find((r): r is StaffRole => r === role);
  return known ? ROLE_LABELS[known] : role;
}

/** "a@b.test (Physician)", or "—" when nobody is recorded. */
export function staffName(who: { email: string; role: string } | null): string {
  return who === null ? '—' : `${who.email} (${roleLabel(who.role)})`;
}
