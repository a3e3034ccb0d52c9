/**
 * Staff roles and the one role → permission table that decides every route. A route names the permission
 * it needs; nothing else grants access.
 */

export const STAFF_ROLES = ['admin', 'physician', 'nurse', 'front_desk'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PERMISSIONS = [
  'patient:read',
  'patient:write',
  'measurement:write',
  'audit:read',
  'user:read',
  'user:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Front desk registers patients and keeps demographics current, so it reads and writes the patient record;
 * body measurements are clinical and belong to physicians and nurses. The admin (clinic director) reads the
 * audit trail and manages staff.
 */
export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly Permission[]>> = {
  admin: ['patient:read', 'patient:write', 'audit:read', 'user:read', 'user:manage'],
  physician: ['patient:read', 'patient:write', 'measurement:write', 'user:read'],
  nurse: ['patient:read', 'patient:write', 'measurement:write'],
  front_desk: ['patient:read', 'patient:write'],
};

export function hasPermission(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  admin: 'Administrator',
  physician: 'Physician',
  nurse: 'Nurse',
  front_desk: 'Front desk',
};
