/**
 * The infusion-session chart as a list of entries. Every fact on a chart (a checklist item, a pump
 * programming and its double-check, a rate change, a set of vital signs, a rescue medication, an alert
 * acknowledgement, a signature, an addendum) is one appended entry with who recorded it and when; the chart's
 * state is computed from its entries, never edited in place. `clientEntryId` makes a retried post
 * idempotent (a monitor bridge or a browser that lost the response can send the same entry again).
 */
import { z } from 'zod';
import { ZIsoDateTime, ZUuid } from './common.schema.js';
import { ZBag } from './order.schema.js';
import { ZAldreteItems, ZSessionSymptomKind, ZSessionVitals } from './session-snapshot.schema.js';

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/** An infusion rate as ordered, in the unit the protocol uses. */
export const ZChartRate = z.strictObject({
  value: z.number({ message: 'must be a number' }).positive('must be more than 0').max(100_000, 'is not plausible'),
  unit: z.enum(['mg/kg/h', 'mg/h', 'µg/kg/min'], { message: 'must be one of mg/kg/h, mg/h, µg/kg/min' }),
});
export type ChartRate = z.infer<typeof ZChartRate>;

/** The prepared bag or syringe: drug amount, volume and lot (the ledger draws against the lot). */
export const ZChartBag = ZBag.extend({
  drug: z.literal('ketamine', { message: "must be 'ketamine'" }),
  lot: text(60),
  expiresOn: z.iso.date({ message: 'must be a date written YYYY-MM-DD' }).optional(),
});
export type ChartBag = z.infer<typeof ZChartBag>;

/** Pre-start checklist facts (REFERENCE §1.6, §4.6 via the session rules); each entry records who and when. */
export const ZChecklistEntry = z.discriminatedUnion('item', [
  z.strictObject({ item: z.literal('consent'), signedAt: ZIsoDateTime }),
  z.strictObject({
    item: z.literal('fasting'),
    lastFoodAt: ZIsoDateTime.nullable(),
    lastClearFluidAt: ZIsoDateTime.nullable(),
  }),
  z.strictObject({
    item: z.literal('pregnancy-test'),
    result: z.enum(['negative', 'positive'], { message: 'must be negative or positive' }),
    at: ZIsoDateTime,
  }),
  z.strictObject({ item: z.literal('escort'), confirmed: z.boolean(), name: text(200).optional() }),
  z.strictObject({ item: z.literal('pre-treatment-test'), testId: text(40), doneAt: ZIsoDateTime }),
]);
export type ChecklistEntry = z.infer<typeof ZChecklistEntry>;

const ZVitalsReading = ZSessionVitals.omit({ at: true }).extend({
  /** The pre-infusion baseline the rise-from-baseline rules compare with. */
  baseline: z.boolean().optional(),
  source: z.enum(['manual', 'device'], { message: 'must be manual or device' }).optional(),
});

export const SESSION_ENTRY_KINDS = [
  'checklist',
  'pump-program',
  'double-check',
  'start',
  'rate-change',
  'pause',
  'resume',
  'stop',
  'bolus',
  'vitals',
  'pain-score',
  'side-effect',
  'rescue-medication',
  'alert',
  'alert-ack',
  'discharge-assessment',
  'nurse-sign',
  'physician-cosign',
  'addendum',
  'note',
] as const;
export type SessionEntryKind = (typeof SESSION_ENTRY_KINDS)[number];

/**
 * The body of an entry, by kind. 'alert' entries are written by the server only (a rule finding raised by an
 * entry); clients acknowledge them with 'alert-ack'. 'double-check' must come from a second staff member.
 */
export const ZSessionEntryData = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('checklist'), checklist: ZChecklistEntry }),
  z.strictObject({
    kind: z.literal('pump-program'),
    bag: ZChartBag,
    rate: ZChartRate,
    /** The weight the rate is calculated on, and which weight it is (REFERENCE §2.2). */
    weightKg: z.number().min(20, 'must be between 20 and 400 kg').max(400, 'must be between 20 and 400 kg'),
    weightBasis: z.enum(['actual', 'ideal', 'adjusted'], { message: 'must be actual, ideal or adjusted' }),
    /** What the nurse programmed into the pump; checked back against the ordered rate. */
    rateMlPerH: z.number().positive('must be more than 0').max(2000, 'must be at most 2000 mL/h'),
    volumeToInfuseMl: z.number().positive('must be more than 0').max(5000, 'must be at most 5000 mL'),
  }),
  z.strictObject({ kind: z.literal('double-check'), programSeq: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('start') }),
  z.strictObject({
    kind: z.literal('rate-change'),
    rate: ZChartRate,
    rateMlPerH: z.number().positive('must be more than 0').max(2000, 'must be at most 2000 mL/h'),
    reason: text(300),
  }),
  z.strictObject({ kind: z.literal('pause'), reason: text(300) }),
  z.strictObject({ kind: z.literal('resume') }),
  z.strictObject({ kind: z.literal('stop'), reason: text(300) }),
  z.strictObject({
    kind: z.literal('bolus'),
    doseMg: z.number().positive('must be more than 0').max(1000, 'must be at most 1000 mg'),
    reason: text(300),
  }),
  z.strictObject({ kind: z.literal('vitals'), vitals: ZVitalsReading }),
  z.strictObject({
    kind: z.literal('pain-score'),
    when: z.enum(['before', 'after'], { message: 'must be before or after' }),
    nrs: z.number().int('must be a whole number from 0 to 10').min(0, 'must be 0 to 10').max(10, 'must be 0 to 10'),
  }),
  z.strictObject({ kind: z.literal('side-effect'), symptom: ZSessionSymptomKind, note: text(500).optional() }),
  z.strictObject({
    kind: z.literal('rescue-medication'),
    drug: text(100),
    doseMg: z.number().positive('must be more than 0').max(1000, 'must be at most 1000 mg'),
    route: text(40),
    reason: text(300),
  }),
  z.strictObject({
    kind: z.literal('alert'),
    ruleId: text(120),
    ruleVersion: z.number().int().positive(),
    severity: z.enum(['info', 'warn', 'needs-ack', 'block']),
    actionTier: z.enum(['continue-and-watch', 'slow', 'pause', 'stop-and-call']).optional(),
    /** The full finding as the engine gave it (message, inputs, parameters, citations). */
    finding: z.record(z.string(), z.unknown()),
    /** The entry whose recording raised it. */
    raisedBySeq: z.number().int().positive(),
  }),
  z.strictObject({ kind: z.literal('alert-ack'), alertSeq: z.number().int().positive(), action: text(500) }),
  z.strictObject({
    kind: z.literal('discharge-assessment'),
    aldrete: ZAldreteItems,
    escortPresent: z.boolean(),
    escortName: text(200).optional(),
    noDrivingAdviceGiven: z.boolean(),
    instructionsGiven: z.boolean(),
    note: text(1000).optional(),
  }),
  z.strictObject({
    kind: z.literal('nurse-sign'),
    /**
     * Required when the discharge rules say the patient is not ready (e.g. Aldrete below the passing score or
     * the observation time not reached): why the nurse signs the discharge anyway. Shown on the chart and PDF.
     */
    dischargeNotReadyReason: text(500).optional(),
  }),
  z.strictObject({ kind: z.literal('physician-cosign') }),
  z.strictObject({ kind: z.literal('addendum'), text: text(4000), reason: text(500) }),
  z.strictObject({ kind: z.literal('note'), text: text(4000) }),
]);
export type SessionEntryData = z.infer<typeof ZSessionEntryData>;

/** What a client posts: the entry, when it happened, its idempotency key, and the chart version it saw. */
export const ZSessionEntryBody = z.strictObject({
  entry: ZSessionEntryData,
  /** When it happened at the chair; defaults to the server's time. */
  occurredAt: ZIsoDateTime.optional(),
  clientEntryId: ZUuid,
  /**
   * The session version the writer saw. Required for entries that change the chart's state (pump programming,
   * start, rate change, pause, resume, stop, bolus, discharge, signatures): a stale one gets 409.
   */
  expectedVersion: z.number().int().min(0).optional(),
  /**
   * A second staff member who signs in on the same screen: the independent double-check of a pump
   * programming is recorded as theirs. (They may instead post the double-check from their own session.)
   */
  witness: z
    .strictObject({
      email: z.email({ message: 'must be an email address' }),
      password: z.string().min(1, 'is required').max(200, 'is too long'),
    })
    .optional(),
});
export type SessionEntryBody = z.infer<typeof ZSessionEntryBody>;

/** Entry kinds that change the chart's state and therefore need `expectedVersion`. */
export const STATE_CHANGING_ENTRY_KINDS: readonly SessionEntryKind[] = [
  'pump-program',
  'double-check',
  'start',
  'rate-change',
  'pause',
  'resume',
  'stop',
  'bolus',
  'discharge-assessment',
  'nurse-sign',
  'physician-cosign',
];

/** An entry as stored and returned. */
export interface SessionEntry {
  readonly seq: number;
  readonly data: SessionEntryData;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly recordedBy: { readonly userId: string; readonly email: string; readonly role: string } | null;
  readonly deviceId: string | null;
  readonly clientEntryId: string | null;
}
