/**
 * The session snapshot the session-safety and discharge rules read: everything known about one treatment
 * session at `now` (pre-start checks, vital signs, symptoms, rescue medications, discharge assessment).
 * Units are in the field names. Vital-sign ranges here are data-entry plausibility bounds (Ketapath product
 * requirement, refusing likely typing or unit errors), not clinical limits: the clinical limits are clinic
 * settings in @ketapath/clinical-rules, each sourced from REFERENCE.md.
 */
import { z } from 'zod';
import { ZIsoDateTime } from './common.schema.js';
import { ZEligibilityStatus } from './intake.schema.js';
import { ZSexAtBirth } from './patient.schema.js';

/** Data-entry plausibility bounds for vital signs (not clinical thresholds). */
export const VITAL_SIGN_ENTRY_RANGES = {
  systolicMmHg: { min: 20, max: 300 },
  diastolicMmHg: { min: 10, max: 200 },
  heartRatePerMin: { min: 10, max: 300 },
  spo2Percent: { min: 0, max: 100 },
  respiratoryRatePerMin: { min: 0, max: 80 },
} as const;

type VitalName = keyof typeof VITAL_SIGN_ENTRY_RANGES;

function vital(name: VitalName, unit: string) {
  const { min, max } = VITAL_SIGN_ENTRY_RANGES[name];
  const range = `must be between ${min} and ${max} ${unit}`;
  return z
    .number({ message: `must be a number of ${unit}` })
    .min(min, range)
    .max(max, range);
}

const ZAt = ZIsoDateTime;
const ZAtOrNull = ZIsoDateTime.nullable();

export const SESSION_PHASES = ['pre-start', 'infusion', 'discharge'] as const;
export const ZSessionPhase = z.enum(SESSION_PHASES, {
  message: `must be one of ${SESSION_PHASES.join(', ')}`,
});
export type SessionPhase = z.infer<typeof ZSessionPhase>;

export const ZSessionVitals = z.strictObject({
  at: ZAt,
  systolicMmHg: vital('systolicMmHg', 'mmHg').optional(),
  diastolicMmHg: vital('diastolicMmHg', 'mmHg').optional(),
  heartRatePerMin: vital('heartRatePerMin', 'per minute').optional(),
  spo2Percent: vital('spo2Percent', 'percent').optional(),
  respiratoryRatePerMin: vital('respiratoryRatePerMin', 'per minute').optional(),
  /**
   * Sedation on a named scale. RASS runs from −5 (unarousable) to +4 (combative) by the scale's definition;
   * 'clinic' is the clinic's own scale, compared only against the clinic's own threshold.
   */
  sedation: z
    .discriminatedUnion('scale', [
      z.strictObject({
        scale: z.literal('rass'),
        score: z
          .number()
          .int('must be a whole number')
          .min(-5, 'RASS runs from -5 to +4')
          .max(4, 'RASS runs from -5 to +4'),
      }),
      z.strictObject({ scale: z.literal('clinic'), score: z.number({ message: 'must be a number' }) }),
    ])
    .optional(),
  /** Dissociation: CADSS (REFERENCE §4.4: 23-item and 6-item forms) or a clinician's clinical rating. */
  dissociation: z
    .strictObject({
      scale: z.enum(['cadss-6', 'cadss-23', 'clinical'], {
        message: 'must be cadss-6, cadss-23 or clinical',
      }),
      score: z.number({ message: 'must be a number' }).min(0, 'must be 0 or more'),
    })
    .optional(),
  onSupplementalO2: z.boolean().optional(),
});
export type SessionVitals = z.infer<typeof ZSessionVitals>;

export const ZBaselineVitals = z.strictObject({
  at: ZAt,
  systolicMmHg: vital('systolicMmHg', 'mmHg'),
  diastolicMmHg: vital('diastolicMmHg', 'mmHg'),
  heartRatePerMin: vital('heartRatePerMin', 'per minute'),
  spo2Percent: vital('spo2Percent', 'percent'),
  respiratoryRatePerMin: vital('respiratoryRatePerMin', 'per minute'),
});
export type BaselineVitals = z.infer<typeof ZBaselineVitals>;

export const SESSION_SYMPTOM_KINDS = [
  'dysphoria',
  'hallucinations',
  'nausea',
  'vomiting',
  'respiratory-compromise',
  'emergence-reaction',
  'hypertension',
  'other',
] as const;
export const ZSessionSymptomKind = z.enum(SESSION_SYMPTOM_KINDS, {
  message: `must be one of ${SESSION_SYMPTOM_KINDS.join(', ')}`,
});
export type SessionSymptomKind = z.infer<typeof ZSessionSymptomKind>;

const score0to2 = z
  .number({ message: 'must be 0, 1 or 2' })
  .int('must be 0, 1 or 2')
  .min(0, 'must be 0, 1 or 2')
  .max(2, 'must be 0, 1 or 2');

/**
 * Modified Aldrete items (REFERENCE §4.6), each 0–2. Circulation and oxygen saturation may be left null: the
 * engine then scores them from the latest vital signs against the pre-procedure baseline.
 */
export const ZAldreteItems = z.strictObject({
  activity: score0to2,
  respiration: score0to2,
  circulation: score0to2.nullable(),
  consciousness: score0to2,
  oxygenSaturation: score0to2.nullable(),
});
export type AldreteItems = z.infer<typeof ZAldreteItems>;

const text = (max: number) =>
  z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const ZSessionSnapshot = z.strictObject({
  now: ZAt,
  phase: ZSessionPhase,
  patient: z.strictObject({
    ageYears: z
      .number()
      .int('must be a whole number of years')
      .min(0, 'must be 0 or more')
      .max(130, 'must be at most 130'),
    sex: ZSexAtBirth,
    pregnancyPossible: z.boolean(),
  }),
  eligibility: z.strictObject({
    /** The eligibility screening's status (the statuses of evaluateEligibility's result). */
    status: ZEligibilityStatus,
    signedAt: ZAtOrNull,
    signedBy: text(200).nullable(),
    expiresAt: ZAtOrNull,
  }),
  consent: z.strictObject({ signedAt: ZAtOrNull }),
  fasting: z.strictObject({ lastFoodAt: ZAtOrNull, lastClearFluidAt: ZAtOrNull }),
  pregnancyTest: z.strictObject({
    result: z.enum(['negative', 'positive'], { message: 'must be negative, positive or null' }).nullable(),
    at: ZAtOrNull,
  }),
  escort: z.strictObject({ confirmed: z.boolean(), name: text(200).optional() }),
  /** Tests the eligibility screening found due (REFERENCE §1.6), e.g. 'ecg', 'lft'. */
  preTreatmentTests: z.array(z.strictObject({ id: text(40), due: z.boolean(), doneAt: ZAtOrNull })).max(50),
  baselineVitals: ZBaselineVitals.nullable(),
  vitals: z.array(ZSessionVitals).max(2000),
  infusion: z.strictObject({
    startedAt: ZAtOrNull,
    stoppedAt: ZAtOrNull,
    currentRateMgPerKgPerH: z.number().min(0, 'must be 0 or more').optional(),
  }),
  symptoms: z
    .array(z.strictObject({ at: ZAt, kind: ZSessionSymptomKind, note: text(500).optional() }))
    .max(500),
  rescueMedications: z
    .array(
      z.strictObject({
        at: ZAt,
        drug: text(100),
        doseMg: z.number().positive('must be more than 0'),
        route: text(40),
        reason: text(300),
      }),
    )
    .max(200),
  discharge: z
    .strictObject({
      aldrete: ZAldreteItems.nullable(),
      /** The last ketamine dose; null falls back to the infusion stop time. */
      lastDoseAt: ZAtOrNull,
      escortPresent: z.boolean(),
      noDrivingAdviceGiven: z.boolean(),
      instructionsGiven: z.boolean(),
    })
    .nullable(),
});
export type SessionSnapshot = z.infer<typeof ZSessionSnapshot>;
