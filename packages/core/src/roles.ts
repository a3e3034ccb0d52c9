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
  'chart:read',
  'intake:write',
  'qualification:sign',
  'plan:sign',
  'chart:write',
  'chart:cosign',
  'schedule:read',
  'schedule:write',
  'device:manage',
  'ledger:read',
  'ledger:write',
  'ledger:manage',
  'ledger:report',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Front desk registers patients and keeps demographics current, so it reads and writes the patient record;
 * body measurements are clinical and belong to physicians and nurses. The admin (clinic director) reads the
 * audit trail and manages staff.
 * Clinical rules: physicians and nurses run them (eligibility, order checks, session safety); everyone may
 * read the protocol library; the clinic's protocols and rule settings are changed by the medical director
 * (physician) or the admin, and read by the clinicians who work under them.
 * Patient journey: physicians and nurses read the clinical chart (intakes, plans, session charts, the floor
 * board) and write intakes and chart entries; only a physician signs a qualification or a treatment plan and
 * co-signs a chart. Everyone who works the day's list reads the schedule (no clinical content); clinicians and
 * the front desk move sessions between chairs and times. The admin manages monitor-bridge devices.
 * Controlled-substance ledger (REFERENCE §9): the admin (clinic director), physicians and nurses read the stock
 * and the ledger and print its reports; physicians and nurses record what they handle (receive, draw, waste,
 * count, quarantine); the admin and physicians manage the registration side (locations, discrepancy
 * resolution, loss reports, destruction, inventories, corrections). The front desk has no access.
 */
export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly Permission[]>> = {
  admin: [
    'patient:read',
    'patient:write',
    'audit:read',
    'user:read',
    'user:manage',
    'protocol:read',
    'protocol:manage',
    'settings:read',
    'settings:manage',
    'schedule:read',
    'device:manage',
    'ledger:read',
    'ledger:manage',
    'ledger:report',
  ],
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
    'chart:read',
    'intake:write',
    'qualification:sign',
    'plan:sign',
    'chart:write',
    'chart:cosign',
    'schedule:read',
    'schedule:write',
    'ledger:read',
    'ledger:write',
    'ledger:manage',
    'ledger:report',
  ],
  nurse: [
    'patient:read',
    'patient:write',
    'measurement:write',
    'rules:evaluate',
    'protocol:read',
    'settings:read',
    'chart:read',
    'intake:write',
    'chart:write',
    'schedule:read',
    'schedule:write',
    'ledger:read',
    'ledger:write',
    'ledger:report',
  ],
  front_desk: ['patient:read', 'patient:write', 'protocol:read', 'schedule:read', 'schedule:write'],
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
