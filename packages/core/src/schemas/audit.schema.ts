/** The audit trail: one append-only row per read or write of patient data and per sign-in. */
import { z } from 'zod';
import { ZIsoDateTime, ZLimit, ZUuid } from './common.schema.js';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export const ZAuditOutcome = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof ZAuditOutcome>;

/** Action names are `<entity>.<verb>`; the list is closed so filters and reports stay exact. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'patient.create',
  'patient.read',
  'patient.update',
  'patient.search',
  'measurement.create',
  'measurement.list',
  'measurement.read',
  'user.create',
  'user.list',
  'audit.read',
  /** A clinic rule setting changed; detail has the parameter, old and new value, version and reason. */
  'settings.change',
  /** A clinic protocol was created (a copy) or given a new version; detail has the reason. */
  'protocol.create',
  'protocol.version',
  /** Clinical rules were evaluated; detail has the kind and outcome only (no clinical content). */
  'rules.evaluate',
  /** A signed-in user asked for a route their role does not allow; entity is the route. */
  'access.denied',
  /** An intake version was saved (detail: version, eligibility status) or intakes were read. */
  'intake.create',
  'intake.read',
  /** A physician signed a qualification; detail has the intake version, status and override rule ids. */
  'qualification.sign',
  /** A plan was previewed (reads the patient's weight, height and plans), signed as a version, or read. */
  'plan.preview',
  'plan.sign',
  'plan.read',
  /** A session chart was read (chart view), printed as a PDF, or a patient's sessions were listed. */
  'session.read',
  'session.print',
  'session.list',
  /** A chart entry was recorded (detail: seq, kind, raised alert seqs; device entries name the device). */
  'session.entry',
  /** A session's chair, time or assigned nurse changed; detail has the fields and the new version. */
  'session.reschedule',
  /** The day's schedule or the floor board (list or live stream) was read. */
  'schedule.read',
  'floor.read',
  /** A monitor-bridge device token was created, listed or revoked. */
  'device.create',
  'device.list',
  'device.revoke',
  /**
   * Controlled-substance ledger: reads (stock, entries, a session's ledger, locations, discrepancies, loss
   * reports, inventories), each kind of entry written (detail: location, seq, kind, clientEntryId; refusals
   * name the findings), reports printed and chain verifications.
   */
  'ledger.read',
  'ledger.location',
  'ledger.receipt',
  'ledger.draw',
  'ledger.waste',
  'ledger.container-waste',
  'ledger.quarantine',
  'ledger.release',
  'ledger.count',
  'ledger.discrepancy',
  'ledger.loss-report',
  'ledger.destruction',
  'ledger.inventory',
  'ledger.correction',
  'ledger.administration',
  'ledger.report',
  'ledger.verify',
] as const;
export const ZAuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof ZAuditAction>;

export const ZAuditEvent = z.object({
  id: z.string(),
  at: ZIsoDateTime,
  userId: ZUuid.nullable(),
  userEmail: z.string().nullable(),
  role: z.string().nullable(),
  action: ZAuditAction,
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  requestId: z.string().nullable(),
  outcome: ZAuditOutcome,
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditQuery = z.strictObject({
  userId: ZUuid.optional(),
  action: ZAuditAction.optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  outcome: ZAuditOutcome.optional(),
  from: ZIsoDateTime.optional(),
  to: ZIsoDateTime.optional(),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z
    .string()
    .regex(/^\d+$/, 'must be a cursor returned by the previous page')
    .max(20)
    .optional(),
  limit: ZLimit,
});
export type AuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditPage = z.object({ items: z.array(ZAuditEvent), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof ZAuditPage>;
