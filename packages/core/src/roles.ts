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
  'rules:evaluate',
  'protocol:read',
  'protocol:manage',
  'settings:read',
  'settings:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Front desk registers patients and keeps demographics current, so it reads and writes the patient record;
 * body measurements are clinical and belong to physicians and nurses. The admin (clinic director) reads the
 * audit trail and manages staff.
 * Clinical rules: physicians and nurses run them (eligibility, order checks, session safety); everyone may
 * read the protocol library; the clinic's protocols and rule settings are changed by the medical director
 * (physician) or the admin, and read by the clinicians who work under them.
 */
export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly Permission[]>> = {
  admin: ['patient:read', 'patient:write', 'audit:read', 'user:read', 'user:manage', 'protocol:read', 'protocol:manage', 'settings:read', 'settings:manage'],
  physician: [
    'patient:read',
    'patient:write',
    'measurement:write',
    'user:read',
    'rules:evaluate',
    'protocol:read',
    'protocol:manage',
    'settings:read',
    'settings:manage',
  ],
  nurse: ['patient:read', 'patient:write', 'measurement:write', 'rules:evaluate', 'protocol:read', 'settings:read'],
  front_desk: ['patient:read', 'patient:write', 'protocol:read'],
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
