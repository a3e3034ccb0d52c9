/**
 * A treatment protocol as versioned data: indication and evidence, route, weight basis, drug and standard
 * concentrations, the dosing steps in the unit the source used, the session plan, booster guidance and the
 * soft and hard limits an order is checked against. Every limit names its source, or is null: the clinic
 * must set it (a null hard limit is reported, never passed silently).
 */
import { z } from 'zod';
import { ZIsoDate } from './common.schema.js';
import { CONDITION_CATEGORIES } from './intake.schema.js';

/** Routes a protocol step or an order may use (REFERENCE §3.1 lists the routes of racemic ketamine). */
export const PROTOCOL_ROUTES = [
  'iv-infusion',
  'iv-bolus',
  'intranasal',
  'oral',
  'sublingual',
  'intramuscular',
  'subcutaneous',
] as const;
export const ZProtocolRoute = z.enum(PROTOCOL_ROUTES, {
  message: `must be one of ${PROTOCOL_ROUTES.join(', ')}`,
});
export type ProtocolRoute = z.infer<typeof ZProtocolRoute>;

/** The intake's condition categories (REFERENCE §1.2) plus the acute settings of §2.2. */
export const PROTOCOL_CONDITIONS = [...CONDITION_CATEGORIES, 'perioperative', 'acute-pain'] as const;
export const ZProtocolCondition = z.enum(PROTOCOL_CONDITIONS, {
  message: `must be one of ${PROTOCOL_CONDITIONS.join(', ')}`,
});
export type ProtocolCondition = z.infer<typeof ZProtocolCondition>;

/** Which weight a per-kg dose is multiplied by (REFERENCE §2.2: record it for each dose). */
export const WEIGHT_BASES = ['actual', 'ideal', 'adjusted'] as const;
export const ZWeightBasis = z.enum(WEIGHT_BASES, { message: `must be one of ${WEIGHT_BASES.join(', ')}` });
export type WeightBasis = z.infer<typeof ZWeightBasis>;

/** REFERENCE.md's evidence labels: guideline, label/regulation, trial, practice. */
export const EVIDENCE_LABELS = ['G', 'L', 'T', 'P'] as const;
export const ZEvidenceLabel = z.enum(EVIDENCE_LABELS, { message: 'must be G, L, T or P' });
export type EvidenceLabel = z.infer<typeof ZEvidenceLabel>;

export const INFUSION_RATE_UNITS = ['mg/kg/h', 'mg/h', 'µg/kg/min'] as const;
export const ZInfusionRateUnit = z.enum(INFUSION_RATE_UNITS, {
  message: `must be one of ${INFUSION_RATE_UNITS.join(', ')}`,
});
export type InfusionRateUnit = z.infer<typeof ZInfusionRateUnit>;

export const BOLUS_DOSE_UNITS = ['mg/kg', 'mg', 'µg/kg', 'µg'] as const;
export const ZBolusDoseUnit = z.enum(BOLUS_DOSE_UNITS, {
  message: `must be one of ${BOLUS_DOSE_UNITS.join(', ')}`,
});
export type BolusDoseUnit = z.infer<typeof ZBolusDoseUnit>;

const text = (max: number) =>
  z
    .string({ message: 'must be text' })
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`);
const positive = (unit: string) =>
  z.number({ message: `must be a number in ${unit}` }).positive(`must be more than 0 ${unit}`);

export const ZProtocolId = z
  .string({ message: 'must be text' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens')
  .max(80, 'must be at most 80 characters');
export const ZProtocolVersion = z
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be 1 or more');

/** A REFERENCE.md section ('§2.1') and source key ('S3'). */
export const ZReferenceSection = z
  .string()
  .regex(/^§\d+(?:\.\d+)?$/, "must be a REFERENCE.md section such as '§2.1'");
export const ZReferenceSource = z
  .string()
  .regex(/^S\d+[a-z]?$/, "must be a REFERENCE.md source key such as 'S3'");

export const ZProtocolCitation = z.strictObject({
  section: ZReferenceSection,
  source: ZReferenceSource,
  note: text(500),
});
export type ProtocolCitation = z.infer<typeof ZProtocolCitation>;

/**
 * Where a value comes from: a REFERENCE.md row (with its evidence label and whether the number was seen in the
 * source text), or the clinic's own decision.
 */
export const ZValueSource = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('reference'),
    section: ZReferenceSection,
    source: ZReferenceSource,
    evidence: ZEvidenceLabel,
    verification: z.enum(['verified', 'unverified']),
    note: text(500),
  }),
  z.strictObject({
    kind: z.literal('clinic'),
    note: text(500),
    setOn: ZIsoDate.optional(),
  }),
]);
export type ValueSource = z.infer<typeof ZValueSource>;

/** One limit value with its own source; null means "the clinic must set this". */
export const ZProtocolLimit = z
  .strictObject({
    value: z.number({ message: 'must be a number' }).positive('must be more than 0'),
    source: ZValueSource,
  })
  .nullable();
export type ProtocolLimit = z.infer<typeof ZProtocolLimit>;

/** Above `soft` the order needs a physician's recorded reason; above `hard` it is refused. */
export const ZLimitPair = z.strictObject({ soft: ZProtocolLimit, hard: ZProtocolLimit });
export type LimitPair = z.infer<typeof ZLimitPair>;

/** The measures a protocol limits, each with its unit in the name. */
export const LIMIT_MEASURES = [
  'rateMgPerKgPerH',
  'rateMgPerH',
  'bolusMgPerKg',
  'bolusMg',
  'sessionDoseMg',
  'dailyDoseMg',
  'weeklyDoseMg',
  'concentrationMgPerMl',
] as const;
export type LimitMeasure = (typeof LIMIT_MEASURES)[number];

export const ZRouteLimits = z.strictObject({
  route: ZProtocolRoute,
  rateMgPerKgPerH: ZLimitPair,
  rateMgPerH: ZLimitPair,
  bolusMgPerKg: ZLimitPair,
  bolusMg: ZLimitPair,
  sessionDoseMg: ZLimitPair,
  dailyDoseMg: ZLimitPair,
  weeklyDoseMg: ZLimitPair,
  concentrationMgPerMl: ZLimitPair,
});
export type RouteLimits = z.infer<typeof ZRouteLimits>;

const range = (unit: string) =>
  z
    .strictObject({ min: positive(unit), max: positive(unit) })
    .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['max'] });

export const ZInfusionStep = z.strictObject({
  kind: z.literal('infusion'),
  route: ZProtocolRoute,
  label: text(200),
  /** The rate as the source wrote it (min = max for a single value); null when the source gives only a dose. */
  rate: z
    .strictObject({ min: positive('rate unit'), max: positive('rate unit'), unit: ZInfusionRateUnit })
    .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['max'] })
    .nullable(),
  titration: z
    .strictObject({
      start: positive('rate unit'),
      step: positive('rate unit').nullable(),
      max: positive('rate unit'),
      unit: ZInfusionRateUnit,
      intervalMin: positive('min').nullable(),
    })
    .nullable(),
  /** Total per session where the source states it in mg (e.g. 100–200 mg over 4 h). */
  sessionDoseMg: range('mg').nullable(),
  durationMin: range('min').nullable(),
  note: text(1000),
});
export type InfusionStep = z.infer<typeof ZInfusionStep>;

export const ZBolusStep = z.strictObject({
  kind: z.literal('bolus'),
  route: ZProtocolRoute,
  label: text(200),
  dose: z
    .strictObject({ min: positive('dose unit'), max: positive('dose unit'), unit: ZBolusDoseUnit })
    .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['max'] }),
  /** How the dose is given and repeated, as the source says it (e.g. 'slow push over 5 min; may repeat every 30 min'). */
  administration: text(500),
  note: text(1000),
});
export type BolusStep = z.infer<typeof ZBolusStep>;

export const ZProtocolStep = z.discriminatedUnion('kind', [ZInfusionStep, ZBolusStep]);
export type ProtocolStep = z.infer<typeof ZProtocolStep>;

export const STANDARD_CONTAINERS = ['bag', 'vial', 'syringe', 'oral-liquid'] as const;

export const ZStandardConcentration = z.strictObject({
  concentrationMgPerMl: positive('mg/mL'),
  container: z.enum(STANDARD_CONTAINERS),
  description: text(200),
  source: ZValueSource,
});
export type StandardConcentration = z.infer<typeof ZStandardConcentration>;

export const ZProtocol = z.strictObject({
  id: ZProtocolId,
  version: ZProtocolVersion,
  name: text(200),
  /** Set on a clinic copy: the library protocol (and version) it started from. */
  basedOn: z.strictObject({ id: ZProtocolId, version: ZProtocolVersion }).optional(),
  indication: z.strictObject({
    text: text(1000),
    conditions: z.array(ZProtocolCondition).min(1, 'name at least one condition'),
  }),
  evidence: z.strictObject({
    label: ZEvidenceLabel,
    /** The grade or certainty as the source words it (e.g. 'B; low-to-moderate certainty'). */
    grade: text(200),
    summary: text(2000),
    citations: z.array(ZProtocolCitation).min(1, 'cite at least one source'),
  }),
  routes: z.array(ZProtocolRoute).min(1, 'name at least one route'),
  /** Null only when no step and no limit is per kg. */
  weightBasis: ZWeightBasis.nullable(),
  weightBasisNote: text(1000),
  drug: z.strictObject({
    name: z.literal('ketamine (racemic)'),
    standardConcentrations: z.array(ZStandardConcentration),
  }),
  steps: z.array(ZProtocolStep).min(1, 'needs at least one step'),
  sessions: z.strictObject({
    count: z.number().int().min(1).nullable(),
    spacingDays: positive('days').nullable(),
    text: text(1000),
  }),
  booster: z
    .strictObject({
      text: text(2000),
      schedule: z.array(
        z.strictObject({
          phase: text(300),
          /** Days between treatments in this phase, when the source gives a fixed cadence. */
          intervalDays: positive('days').nullable(),
          /** How long the phase lasts, when the source says. */
          durationDays: positive('days').nullable(),
        }),
      ),
      source: ZValueSource,
    })
    .nullable(),
  /** Set when a clinician must check the protocol against its primary source before use (e.g. ambiguous units). */
  reviewRequired: text(1000).nullable(),
  cautions: z.array(text(1000)),
  limits: z.array(ZRouteLimits).min(1, 'needs limits for at least one route'),
});
export type Protocol = z.infer<typeof ZProtocol>;
