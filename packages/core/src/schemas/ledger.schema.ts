/**
 * The controlled-substance ledger (REFERENCE §9): one append-only entry per event (receipt, draw,
 * administration, waste, count, discrepancy, loss report, destruction, quarantine, inventory, correction),
 * chained by hash per registered location, and the request bodies of the ledger routes.
 *
 * Stored quantities are whole micrograms (`…Ug`) and microlitres (`…Ul`); request bodies carry what staff
 * type, in mg and mL (at most 3 decimals, so every amount is a whole number of µg or µL).
 *
 * The upper bounds below (a container of at most 1000 mL, a concentration from 0.1 to 100 mg/mL, at most
 * 10 000 containers on one receipt line) are data-entry sanity bounds that catch a slipped decimal point or a
 * wrong unit; they are not clinical or regulatory limits.
 */
import { z } from 'zod';
import { ZIsoDate, ZIsoDateTime, ZUuid } from './common.schema.js';

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/** Data-entry sanity bounds (not clinical numbers): see the file comment. */
export const LEDGER_BOUNDS = {
  maxConcentrationMgPerMl: 100,
  minConcentrationMgPerMl: 0.1,
  maxContainerVolumeMl: 1000,
  maxContainersPerReceipt: 10_000,
  /** The content of the largest plausible container: 100 mg/mL × 1000 mL, in µg. */
  maxContainerUg: 100_000_000,
  maxContainerUl: 1_000_000,
} as const;

const MAX_DECIMALS = 3;

/** True when x, written as a decimal, has at most `decimals` digits after the point (1e-7 has 7). */
export function hasAtMostDecimals(x: number, decimals: number): boolean {
  if (!Number.isFinite(x)) return false;
  const match = /^-?\d+(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (match === null) return false;
  const fractionDigits = (match[1] ?? '').length - Number(match[2] ?? '0');
  return fractionDigits <= decimals;
}

/** An amount typed in a unit, more than 0, at most `max`, to 3 decimals (a whole µg or µL). */
const typedAmount = (unit: string, max: number, wholeUnit: string) =>
  z
    .number({ message: `must be a number in ${unit}` })
    .positive(`must be more than 0 ${unit}`)
    .max(max, `must be at most ${max} ${unit}`)
    .refine((x) => hasAtMostDecimals(x, MAX_DECIMALS), {
      message: `must have at most ${MAX_DECIMALS} decimals (a whole ${wholeUnit})`,
    });

/** A stored amount: a whole number of µg or µL, more than 0. */
const wholePositive = (unit: string, max: number) =>
  z
    .number({ message: `must be a number in ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .positive(`must be more than 0 ${unit}`)
    .max(max, `must be at most ${max} ${unit}`);

const wholeNonNegative = (unit: string, max: number) =>
  z
    .number({ message: `must be a number in ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(0, `must be 0 ${unit} or more`)
    .max(max, `must be at most ${max} ${unit}`);

/** A signed whole number of µg (a stock change); bounded by a safe integer. */
const signedUg = z
  .number({ message: 'must be a number in µg' })
  .int('must be a whole number of µg')
  .refine((x) => Number.isSafeInteger(x), { message: 'is too large' });

const MAX_RECEIPT_UG = LEDGER_BOUNDS.maxContainerUg * LEDGER_BOUNDS.maxContainersPerReceipt;

// ---------------------------------------------------------------------------------------------------------
// Identifiers and vocabularies

/**
 * National Drug Code as printed on the package: 10 digits in the 4-4-2, 5-3-2 or 5-4-1 form, or the
 * 11-digit 5-4-2 form.
 */
export const ZNdc = z
  .string()
  .trim()
  .regex(/^(?:\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1,2})$/, {
    message: 'must be an NDC written 4-4-2, 5-3-2, 5-4-1 or 5-4-2 with hyphens (e.g. 0409-2051-05)',
  });

/** DEA registration number: two letters and seven digits (format only; the check digit is not verified). */
export const ZDeaNumber = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}\d{7}$/, { message: 'must be two capital letters followed by 7 digits (e.g. AB1234563)' });

export const ZLot = text(60);

/** A SHA-256 hash as 64 lowercase hexadecimal characters. */
export const ZHashHex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hex characters' });

export const LEDGER_ENTRY_KINDS = [
  'receipt',
  'draw',
  'administration',
  'waste',
  'container-waste',
  'count',
  'discrepancy-opened',
  'discrepancy-note',
  'discrepancy-resolved',
  'loss-report-opened',
  'loss-report-step',
  'destruction',
  'quarantine',
  'release',
  'inventory',
  'correction',
] as const;
export const ZLedgerEntryKind = z.enum(LEDGER_ENTRY_KINDS, { message: 'is not a ledger entry kind' });
export type LedgerEntryKind = z.infer<typeof ZLedgerEntryKind>;

export const CONTAINER_STATUSES = [
  'sealed',
  'opened',
  'in-use',
  'empty',
  'expired',
  'quarantined',
  'destroyed',
] as const;
export const ZContainerStatus = z.enum(CONTAINER_STATUSES, {
  message: 'must be sealed, opened, in-use, empty, expired, quarantined or destroyed',
});
export type ContainerStatus = z.infer<typeof ZContainerStatus>;

export const WASTE_METHODS = [
  'drug-disposal-container',
  'sink-per-policy',
  'spilled-not-recoverable',
  'other',
] as const;
export const ZWasteMethod = z.enum(WASTE_METHODS, {
  message: 'must be drug-disposal-container, sink-per-policy, spilled-not-recoverable or other',
});
export type WasteMethod = z.infer<typeof ZWasteMethod>;

export const DISCREPANCY_SOURCES = ['count', 'inventory', 'session'] as const;
export const ZDiscrepancySource = z.enum(DISCREPANCY_SOURCES, {
  message: 'must be count, inventory or session',
});
export type DiscrepancySource = z.infer<typeof ZDiscrepancySource>;

/** How a discrepancy was explained. 'theft' and 'significant-loss' open a loss report (§9, 21 CFR 1301.76(b)). */
export const DISCREPANCY_CLASSIFICATIONS = [
  'counting-error',
  'documentation-error',
  'breakage-witnessed',
  'theft',
  'significant-loss',
  'loss-not-significant',
] as const;
export const ZDiscrepancyClassification = z.enum(DISCREPANCY_CLASSIFICATIONS, {
  message:
    'must be counting-error, documentation-error, breakage-witnessed, theft, significant-loss or loss-not-significant',
});
export type DiscrepancyClassification = z.infer<typeof ZDiscrepancyClassification>;

export const LOSS_REPORT_STEPS = ['written-notice-sent', 'form-106-filed', 'police-report', 'note'] as const;
export const ZLossReportStepKind = z.enum(LOSS_REPORT_STEPS, {
  message: 'must be written-notice-sent, form-106-filed, police-report or note',
});
export type LossReportStepKind = z.infer<typeof ZLossReportStepKind>;

export const DESTRUCTION_MODES = ['on-site', 'reverse-distributor'] as const;
export const ZDestructionMode = z.enum(DESTRUCTION_MODES, {
  message: 'must be on-site or reverse-distributor',
});
export type DestructionMode = z.infer<typeof ZDestructionMode>;

/** §9 Initial / Biennial inventory (21 CFR 1304.11); 'annual' where a state asks for it. */
export const INVENTORY_TYPES = ['initial', 'biennial', 'annual', 'other'] as const;
export const ZInventoryType = z.enum(INVENTORY_TYPES, {
  message: 'must be initial, biennial, annual or other',
});
export type InventoryType = z.infer<typeof ZInventoryType>;

/** §9 Inventory contents: whether taken at the opening or the close of business (21 CFR 1304.11). */
export const ZInventoryTakenAt = z.enum(['opening', 'close'], { message: 'must be opening or close' });
export type InventoryTakenAt = z.infer<typeof ZInventoryTakenAt>;

/** A supplier or reverse distributor: name, address and DEA number (§9 Receipt, 21 CFR 1304.22(c)). */
export const ZRegistrant = z.strictObject({
  name: text(200),
  address: text(500),
  deaNumber: ZDeaNumber,
});
export type Registrant = z.infer<typeof ZRegistrant>;

// ---------------------------------------------------------------------------------------------------------
// Payloads (stored; whole µg and µL)

const ugContainer = wholePositive('µg', LEDGER_BOUNDS.maxContainerUg);
const ulContainer = wholePositive('µL', LEDGER_BOUNDS.maxContainerUl);
const note = text(1000).optional();

export const ZCountLine = z.strictObject({
  containerId: ZUuid,
  label: text(100),
  lot: ZLot,
  status: ZContainerStatus,
  expectedUg: wholeNonNegative('µg', LEDGER_BOUNDS.maxContainerUg),
  countedUg: wholeNonNegative('µg', LEDGER_BOUNDS.maxContainerUg),
  /** §9 Inventory counting: an opened Schedule III container may be estimated (21 CFR 1304.11). */
  estimated: z.boolean(),
});
export type CountLine = z.infer<typeof ZCountLine>;

export const ZDestructionLine = z.strictObject({
  containerId: ZUuid,
  label: text(100),
  ndc: ZNdc,
  drugName: text(200),
  strength: text(100),
  form: text(100),
  quantityUg: wholeNonNegative('µg', LEDGER_BOUNDS.maxContainerUg),
  quantityUl: wholeNonNegative('µL', LEDGER_BOUNDS.maxContainerUl),
});
export type DestructionLine = z.infer<typeof ZDestructionLine>;

export const ZInventoryLine = z.strictObject({
  ndc: ZNdc,
  drugName: text(200),
  form: text(100),
  strength: text(100),
  containers: wholeNonNegative('containers', LEDGER_BOUNDS.maxContainersPerReceipt),
  unitsOrVolumeUl: wholeNonNegative(
    'µL',
    LEDGER_BOUNDS.maxContainerUl * LEDGER_BOUNDS.maxContainersPerReceipt,
  ),
  containerIds: z.array(ZUuid),
  estimated: z.boolean(),
});
export type InventoryLine = z.infer<typeof ZInventoryLine>;

/** The rational dose "p/q µg" as the charting package computes it (p ≥ 0, q > 0, decimal integers). */
export const ZExactMicrograms = z
  .string()
  .regex(/^\d+\/[1-9]\d* µg$/, { message: "must be written 'p/q µg' (whole numbers, q > 0)" });

export const ZLedgerPayload = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('receipt'),
    ndc: ZNdc,
    drugName: text(200),
    form: text(100),
    concentrationUgPerMl: wholePositive('µg/mL', LEDGER_BOUNDS.maxConcentrationMgPerMl * 1000),
    volumeUlPerContainer: ulContainer,
    containerCount: wholePositive('containers', LEDGER_BOUNDS.maxContainersPerReceipt),
    lot: ZLot,
    expiresOn: ZIsoDate,
    supplier: ZRegistrant,
    invoiceRef: text(100),
    receivedOn: ZIsoDate,
    containerIds: z.array(ZUuid).min(1, 'must list at least one container'),
    containerLabels: z.array(text(100)).min(1, 'must list at least one container'),
  }),
  z.strictObject({
    kind: z.literal('draw'),
    containerId: ZUuid,
    label: text(100),
    sessionId: ZUuid,
    patientId: ZUuid,
    drawnUg: ugContainer,
    drawnUl: ulContainer,
  }),
  z.strictObject({
    kind: z.literal('administration'),
    sessionId: ZUuid,
    patientId: ZUuid,
    administeredUg: wholeNonNegative('µg', MAX_RECEIPT_UG),
    administeredExact: ZExactMicrograms,
    drawnUg: wholeNonNegative('µg', MAX_RECEIPT_UG),
  }),
  z.strictObject({
    kind: z.literal('waste'),
    sessionId: ZUuid,
    patientId: ZUuid,
    wastedUg: ugContainer,
    wastedUl: ulContainer,
    method: ZWasteMethod,
    note,
  }),
  z.strictObject({
    kind: z.literal('container-waste'),
    containerId: ZUuid,
    label: text(100),
    wastedUg: ugContainer,
    wastedUl: ulContainer,
    method: ZWasteMethod,
    note,
  }),
  z.strictObject({
    kind: z.literal('count'),
    countId: ZUuid,
    lines: z.array(ZCountLine).max(LEDGER_BOUNDS.maxContainersPerReceipt, 'has too many lines'),
    discrepancyUg: signedUg,
  }),
  z.strictObject({
    kind: z.literal('discrepancy-opened'),
    discrepancyId: ZUuid,
    source: ZDiscrepancySource,
    containerId: ZUuid.nullable(),
    lot: ZLot,
    expectedUg: wholeNonNegative('µg', MAX_RECEIPT_UG),
    countedUg: wholeNonNegative('µg', MAX_RECEIPT_UG),
    differenceUg: signedUg,
  }),
  z.strictObject({ kind: z.literal('discrepancy-note'), discrepancyId: ZUuid, text: text(4000) }),
  z.strictObject({
    kind: z.literal('discrepancy-resolved'),
    discrepancyId: ZUuid,
    classification: ZDiscrepancyClassification,
    explanation: text(4000),
    adjustmentUg: signedUg,
  }),
  z.strictObject({
    kind: z.literal('loss-report-opened'),
    lossReportId: ZUuid,
    discrepancyId: ZUuid.nullable(),
    discoveredOn: ZIsoDate,
    writtenNoticeDueOn: ZIsoDate,
    form106DueOn: ZIsoDate,
    quantityUg: wholeNonNegative('µg', MAX_RECEIPT_UG),
    lot: ZLot,
    ndc: ZNdc,
  }),
  z.strictObject({
    kind: z.literal('loss-report-step'),
    lossReportId: ZUuid,
    step: ZLossReportStepKind,
    on: ZIsoDate,
    reference: text(200).optional(),
    text: text(4000).optional(),
  }),
  z.strictObject({
    kind: z.literal('destruction'),
    destructionId: ZUuid,
    mode: ZDestructionMode,
    containerIds: z.array(ZUuid).min(1, 'must list at least one container'),
    lines: z.array(ZDestructionLine).min(1, 'must list at least one line'),
    method: text(300),
    place: text(300),
    destroyedOn: ZIsoDate,
    reverseDistributor: ZRegistrant.optional(),
  }),
  z.strictObject({ kind: z.literal('quarantine'), containerId: ZUuid, label: text(100), reason: text(1000) }),
  z.strictObject({ kind: z.literal('release'), containerId: ZUuid, label: text(100), reason: text(1000) }),
  z.strictObject({
    kind: z.literal('inventory'),
    inventoryId: ZUuid,
    type: ZInventoryType,
    takenAt: ZInventoryTakenAt,
    takenOn: ZIsoDate,
    lines: z.array(ZInventoryLine),
    /** §9 Initial inventory: with no stock, a zero inventory is recorded (21 CFR 1304.11). */
    zero: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('correction'),
    correctsSeq: z.number().int().positive('must be a ledger sequence number'),
    field: text(100),
    from: z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
    to: z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
  }),
]);
export type LedgerPayload = z.infer<typeof ZLedgerPayload>;
/** The payload of one kind: `LedgerPayloadOf<'draw'>`. */
export type LedgerPayloadOf<K extends LedgerEntryKind> = Extract<LedgerPayload, { kind: K }>;

/** One ledger row as stored and returned (see the contract in the file comment). */
export const ZLedgerEntry = z
  .strictObject({
    id: ZUuid,
    clinicId: ZUuid,
    locationId: ZUuid,
    seq: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
    kind: ZLedgerEntryKind,
    /** The actual date of the event (§9 Dates, 21 CFR 1304.21(d)). */
    occurredAt: ZIsoDateTime,
    recordedAt: ZIsoDateTime,
    recordedBy: ZUuid,
    /** Each witness authenticated separately; never the person recording. */
    witnessIds: z.array(ZUuid).max(2, 'must have at most 2 witnesses'),
    containerId: ZUuid.nullable(),
    lot: ZLot.nullable(),
    sessionId: ZUuid.nullable(),
    patientId: ZUuid.nullable(),
    /** Effect on the location's on-hand in µg (negative leaves stock; 0 for records that move nothing). */
    deltaUg: signedUg,
    payload: ZLedgerPayload,
    correctsSeq: z.number().int().positive().nullable(),
    reason: z.string().max(4000, 'must be at most 4000 characters').nullable(),
    prevHash: ZHashHex,
    hash: ZHashHex,
  })
  .superRefine((e, ctx) => {
    if (e.payload.kind !== e.kind) {
      ctx.addIssue({
        code: 'custom',
        path: ['payload', 'kind'],
        message: `must match the entry kind '${e.kind}'`,
      });
    }
    if (e.witnessIds.includes(e.recordedBy)) {
      ctx.addIssue({
        code: 'custom',
        path: ['witnessIds'],
        message: 'must not include the person recording',
      });
    }
    if (e.kind === 'correction' && (e.correctsSeq === null || e.reason === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'a correction needs correctsSeq and a reason',
      });
    }
  });
export type LedgerEntry = z.infer<typeof ZLedgerEntry>;

// ---------------------------------------------------------------------------------------------------------
// Request bodies (what staff type: mg and mL)

/** A second staff member signing in on the same screen (as the pump double-check does). */
export const ZWitnessCredentials = z.strictObject({
  email: z.email({ message: 'must be an email address' }),
  password: z.string().min(1, 'is required').max(200, 'is too long'),
});
export type WitnessCredentials = z.infer<typeof ZWitnessCredentials>;

const mgInContainer = typedAmount(
  'mg',
  LEDGER_BOUNDS.maxConcentrationMgPerMl * LEDGER_BOUNDS.maxContainerVolumeMl,
  'µg',
);
const mlInContainer = typedAmount('mL', LEDGER_BOUNDS.maxContainerVolumeMl, 'µL');

const clientEntryId = ZUuid;

export const ZRegisteredLocationBody = z.strictObject({
  name: text(200),
  /** The location's DEA registration; null until the clinic records it (reports then say so). */
  deaRegistration: ZDeaNumber.nullable(),
  address: text(500),
  /** The registered activity (e.g. practitioner), §9 Per location / activity (21 CFR 1304.21(b)–(c)). */
  activity: text(100),
});
export type RegisteredLocationBody = z.infer<typeof ZRegisteredLocationBody>;

/** The fields a location's change may name (`PATCH /api/ledger/locations/:locationId`). */
export const LOCATION_CHANGE_FIELDS = ['name', 'deaRegistration', 'address', 'activity'] as const;

/**
 * A change to a registered location: any of its fields (at least one), the version the editor saw and why.
 * Entries already in the chain keep their content; reports print the location's current registration.
 */
export const ZRegisteredLocationChangeBody = ZRegisteredLocationBody.partial()
  .extend({
    /** Why the registration changed (kept in the audit row with each field's old and new value). */
    reason: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
      .trim()
      .min(1, 'is required')
      .max(500, 'must be at most 500 characters'),
    /** The location's `version` as the editor read it; another change in between is refused (409). */
    expectedVersion: z
      .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number') })
      .int('must be a whole number')
      .min(1, 'must be at least 1'),
  })
  .refine((body) => LOCATION_CHANGE_FIELDS.some((field) => body[field] !== undefined), {
    message: `give at least one of ${LOCATION_CHANGE_FIELDS.join(', ')}`,
  });
export type RegisteredLocationChangeBody = z.infer<typeof ZRegisteredLocationChangeBody>;

export const ZLedgerReceiptBody = z
  .strictObject({
    locationId: ZUuid,
    clientEntryId,
    ndc: ZNdc,
    drugName: text(200),
    form: text(100),
    concentrationMgPerMl: z
      .number({ message: 'must be a number in mg/mL' })
      .min(
        LEDGER_BOUNDS.minConcentrationMgPerMl,
        `must be between ${LEDGER_BOUNDS.minConcentrationMgPerMl} and ${LEDGER_BOUNDS.maxConcentrationMgPerMl} mg/mL`,
      )
      .max(
        LEDGER_BOUNDS.maxConcentrationMgPerMl,
        `must be between ${LEDGER_BOUNDS.minConcentrationMgPerMl} and ${LEDGER_BOUNDS.maxConcentrationMgPerMl} mg/mL`,
      )
      .refine((x) => hasAtMostDecimals(x, MAX_DECIMALS), {
        message: `must have at most ${MAX_DECIMALS} decimals (a whole µg/mL)`,
      }),
    volumeMlPerContainer: mlInContainer,
    containerCount: z
      .number({ message: 'must be a number of containers' })
      .int('must be a whole number of containers')
      .min(1, 'must be at least 1 container')
      .max(
        LEDGER_BOUNDS.maxContainersPerReceipt,
        `must be at most ${LEDGER_BOUNDS.maxContainersPerReceipt} containers`,
      ),
    lot: ZLot,
    expiresOn: ZIsoDate,
    supplier: ZRegistrant,
    invoiceRef: text(100),
    receivedOn: ZIsoDate,
  })
  .superRefine((b, ctx) => {
    if (!hasAtMostDecimals(b.concentrationMgPerMl, MAX_DECIMALS)) return;
    if (!hasAtMostDecimals(b.volumeMlPerContainer, MAX_DECIMALS)) return;
    // concentration µg/mL × volume µL / 1000 must be a whole number of µg.
    const ugPerMl = Math.round(b.concentrationMgPerMl * 1000);
    const ul = Math.round(b.volumeMlPerContainer * 1000);
    if ((ugPerMl * ul) % 1000 !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['volumeMlPerContainer'],
        message: 'concentration × volume must be a whole number of micrograms',
      });
    }
  });
export type LedgerReceiptBody = z.infer<typeof ZLedgerReceiptBody>;

/** A draw for a session: drawnMg must equal drawnMl × the container's concentration, to the µg. */
export const ZDrawBody = z.strictObject({
  clientEntryId,
  containerId: ZUuid,
  drawnMg: mgInContainer,
  drawnMl: mlInContainer,
});
export type DrawBody = z.infer<typeof ZDrawBody>;

const needsNoteForOther = (b: { method: WasteMethod; note?: string | undefined }, ctx: z.RefinementCtx) => {
  if (b.method === 'other' && b.note === undefined) {
    ctx.addIssue({ code: 'custom', path: ['note'], message: "is required when the method is 'other'" });
  }
};

/** The remainder of a session's draws wasted, with its witness where the clinic requires one. */
export const ZWasteBody = z
  .strictObject({
    clientEntryId,
    wastedMg: mgInContainer,
    wastedMl: mlInContainer,
    method: ZWasteMethod,
    note,
    witness: ZWitnessCredentials.optional(),
  })
  .superRefine(needsNoteForOther);
export type WasteBody = z.infer<typeof ZWasteBody>;

/** The remainder of an opened single-use container wasted (POST /api/ledger/containers/:id/waste). */
export const ZContainerWasteBody = z
  .strictObject({
    clientEntryId,
    wastedMg: mgInContainer,
    wastedMl: mlInContainer,
    method: ZWasteMethod,
    note,
    witness: ZWitnessCredentials.optional(),
  })
  .superRefine(needsNoteForOther);
export type ContainerWasteBody = z.infer<typeof ZContainerWasteBody>;

/** Quarantine or release of a container (same body for both routes). */
export const ZQuarantineBody = z.strictObject({ clientEntryId, reason: text(1000) });
export type QuarantineBody = z.infer<typeof ZQuarantineBody>;

/** One container as found on the shelf: mL left (opened) or 1|0 (sealed: present or not). */
export const ZCountLineBody = z
  .strictObject({
    containerId: ZUuid,
    countedMl: z
      .number({ message: 'must be a number in mL' })
      .min(0, 'must be 0 mL or more')
      .max(LEDGER_BOUNDS.maxContainerVolumeMl, `must be at most ${LEDGER_BOUNDS.maxContainerVolumeMl} mL`)
      .refine((x) => hasAtMostDecimals(x, MAX_DECIMALS), {
        message: `must have at most ${MAX_DECIMALS} decimals (a whole µL)`,
      })
      .optional(),
    countedContainers: z
      .union([z.literal(0), z.literal(1)], { message: 'must be 1 (present) or 0 (missing)' })
      .optional(),
    /** §9 Inventory counting: opened Schedule III containers may be estimated (21 CFR 1304.11). */
    estimated: z.boolean(),
  })
  .superRefine((l, ctx) => {
    if ((l.countedMl === undefined) === (l.countedContainers === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['countedMl'],
        message: 'give either countedMl (opened container) or countedContainers (sealed), not both',
      });
    }
  });
export type CountLineBody = z.infer<typeof ZCountLineBody>;

const countLines = z
  .array(ZCountLineBody)
  .max(
    LEDGER_BOUNDS.maxContainersPerReceipt,
    `must have at most ${LEDGER_BOUNDS.maxContainersPerReceipt} lines`,
  )
  .superRefine((lines, ctx) => {
    const seen = new Set<string>();
    lines.forEach((l, i) => {
      if (seen.has(l.containerId)) {
        ctx.addIssue({ code: 'custom', path: [i, 'containerId'], message: 'is counted twice' });
      }
      seen.add(l.containerId);
    });
  });

export const ZCountBody = z.strictObject({
  locationId: ZUuid,
  clientEntryId,
  lines: countLines.min(1, 'must count at least one container'),
});
export type CountBody = z.infer<typeof ZCountBody>;

export const ZDiscrepancyNoteBody = z.strictObject({ clientEntryId, text: text(4000) });
export type DiscrepancyNoteBody = z.infer<typeof ZDiscrepancyNoteBody>;

/**
 * The discrepancy's explanation. The stock adjustment follows from the classification
 * (`resolutionAdjustmentUg` in @ketapath/ledger); theft and significant loss open a loss report discovered
 * on `discoveredOn` (default: the day of the resolution).
 */
export const ZDiscrepancyResolveBody = z.strictObject({
  clientEntryId,
  classification: ZDiscrepancyClassification,
  explanation: text(4000),
  discoveredOn: ZIsoDate.optional(),
});
export type DiscrepancyResolveBody = z.infer<typeof ZDiscrepancyResolveBody>;

export const ZLossReportStepBody = z.strictObject({
  clientEntryId,
  step: ZLossReportStepKind,
  on: ZIsoDate,
  reference: text(200).optional(),
  text: text(4000).optional(),
});
export type LossReportStepBody = z.infer<typeof ZLossReportStepBody>;

/** §9 Destruction of stock: DEA Form 41 fields; two witnesses on site (21 CFR 1317.90). */
export const ZDestructionBody = z
  .strictObject({
    locationId: ZUuid,
    clientEntryId,
    mode: ZDestructionMode,
    containerIds: z
      .array(ZUuid)
      .min(1, 'must list at least one container')
      .max(LEDGER_BOUNDS.maxContainersPerReceipt, 'has too many containers'),
    method: text(300),
    place: text(300),
    destroyedOn: ZIsoDate,
    reverseDistributor: ZRegistrant.optional(),
    witnesses: z.array(ZWitnessCredentials).max(2, 'must have at most 2 witnesses').optional(),
  })
  .superRefine((b, ctx) => {
    if (b.mode === 'reverse-distributor' && b.reverseDistributor === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reverseDistributor'],
        message: 'is required when stock goes to a reverse distributor',
      });
    }
    if (new Set(b.containerIds).size !== b.containerIds.length) {
      ctx.addIssue({ code: 'custom', path: ['containerIds'], message: 'lists a container twice' });
    }
  });
export type DestructionBody = z.infer<typeof ZDestructionBody>;

/**
 * An inventory (§9 Initial/Biennial inventory, contents, 21 CFR 1304.11): sealed containers are counted,
 * opened ones measured or estimated. No lines (and no stock) makes a zero inventory.
 */
export const ZInventoryBody = z.strictObject({
  locationId: ZUuid,
  clientEntryId,
  type: ZInventoryType,
  takenAt: ZInventoryTakenAt,
  takenOn: ZIsoDate,
  lines: countLines,
});
export type InventoryBody = z.infer<typeof ZInventoryBody>;

/** A correction is a new entry referring to the one it corrects, with a reason (append-only ledger). */
export const ZCorrectionBody = z.strictObject({
  locationId: ZUuid,
  clientEntryId,
  correctsSeq: z.number().int('must be a whole number').min(1, 'must be a ledger sequence number'),
  reason: text(4000),
  deltaUg: signedUg.refine((x) => Math.abs(x) <= MAX_RECEIPT_UG, { message: 'is not plausible' }).optional(),
  field: text(100),
  from: z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
  to: z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
});
export type CorrectionBody = z.infer<typeof ZCorrectionBody>;
