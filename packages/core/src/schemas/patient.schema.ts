/**
 * Patient record schemas shared by the API, the web forms and the CLI. Body measurements are kept as a
 * dated history (never overwritten) because dosing needs the weight on a given date.
 */
import { z } from 'zod';
import { ZIsoDate, ZIsoDateTime, ZLimit, ZOffset, ZUuid } from './common.schema.js';

/**
 * Data-entry plausibility ranges for body measurements (Ketapath product requirement for adult chronic-pain
 * patients; not dosing limits). A value outside them is refused as a likely typing or unit error.
 */
export const WEIGHT_KG_RANGE = { min: 20, max: 400 } as const;
export const HEIGHT_CM_RANGE = { min: 50, max: 250 } as const;
/** The earliest date of birth accepted (data-entry sanity bound). */
export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';

export const SEXES_AT_BIRTH = ['female', 'male', 'intersex', 'unknown'] as const;
export const ZSexAtBirth = z.enum(SEXES_AT_BIRTH, { message: `must be one of ${SEXES_AT_BIRTH.join(', ')}` });
export type SexAtBirth = z.infer<typeof ZSexAtBirth>;

export const ZWeightKg = z
  .number({ message: 'must be a number of kilograms' })
  .min(WEIGHT_KG_RANGE.min, `must be between ${WEIGHT_KG_RANGE.min} and ${WEIGHT_KG_RANGE.max} kg`)
  .max(WEIGHT_KG_RANGE.max, `must be between ${WEIGHT_KG_RANGE.min} and ${WEIGHT_KG_RANGE.max} kg`);
export const ZHeightCm = z
  .number({ message: 'must be a number of centimetres' })
  .min(HEIGHT_CM_RANGE.min, `must be between ${HEIGHT_CM_RANGE.min} and ${HEIGHT_CM_RANGE.max} cm`)
  .max(HEIGHT_CM_RANGE.max, `must be between ${HEIGHT_CM_RANGE.min} and ${HEIGHT_CM_RANGE.max} cm`);

const name = (label: string) =>
  z
    .string({ message: `${label} must be text` })
    .trim()
    .min(1, `${label} is required`)
    .max(100, `${label} must be at most 100 characters`);
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).optional();

export const ZAddress = z.strictObject({
  line1: optionalText(200),
  line2: optionalText(200),
  city: optionalText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
  country: optionalText(100),
});
export type Address = z.infer<typeof ZAddress>;

const patientFields = {
  familyName: name('family name'),
  givenNames: name('given names'),
  preferredName: optionalText(100),
  dateOfBirth: ZIsoDate,
  sexAtBirth: ZSexAtBirth,
  phone: z
    .string()
    .trim()
    .max(40, 'must be at most 40 characters')
    .regex(/^[+()0-9 .-]*$/, 'may contain only digits, spaces and + ( ) . -')
    .optional(),
  email: z.email({ message: 'must be an email address' }).max(254).optional(),
  address: ZAddress.optional(),
};

export const ZCreatePatientBody = z.strictObject({
  ...patientFields,
  /** First weight and height, measured on `measuredOn` (default: today). */
  weightKg: ZWeightKg.optional(),
  heightCm: ZHeightCm.optional(),
  measuredOn: ZIsoDate.optional(),
});
export type CreatePatientBody = z.infer<typeof ZCreatePatientBody>;

export const ZUpdatePatientBody = z.strictObject({
  /** The version the editor last saw; a stale version gets 409 PATIENT_VERSION_CONFLICT. */
  version: z.number().int().min(1),
  familyName: patientFields.familyName.optional(),
  givenNames: patientFields.givenNames.optional(),
  preferredName: z.string().trim().max(100).nullable().optional(),
  dateOfBirth: ZIsoDate.optional(),
  sexAtBirth: ZSexAtBirth.optional(),
  phone: patientFields.phone.unwrap().nullable().optional(),
  email: z.email({ message: 'must be an email address' }).max(254).nullable().optional(),
  address: ZAddress.nullable().optional(),
});
export type UpdatePatientBody = z.infer<typeof ZUpdatePatientBody>;

export const MEASUREMENT_KINDS = ['weight', 'height'] as const;
export const ZMeasurementKind = z.enum(MEASUREMENT_KINDS, { message: 'must be weight or height' });
export type MeasurementKind = z.infer<typeof ZMeasurementKind>;

export const ZCreateMeasurementBody = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('weight'), weightKg: ZWeightKg, measuredOn: ZIsoDate }),
    z.strictObject({ kind: z.literal('height'), heightCm: ZHeightCm, measuredOn: ZIsoDate }),
  ],
  { message: 'kind must be weight or height' },
);
export type CreateMeasurementBody = z.infer<typeof ZCreateMeasurementBody>;

export const ZMeasurement = z.object({
  id: ZUuid,
  kind: ZMeasurementKind,
  /** kg for weight, cm for height. */
  value: z.number(),
  unit: z.enum(['kg', 'cm']),
  measuredOn: ZIsoDate,
  recordedAt: ZIsoDateTime,
  recordedBy: z.object({ id: ZUuid, displayName: z.string() }),
});
export type Measurement = z.infer<typeof ZMeasurement>;

export const ZPatient = z.object({
  id: ZUuid,
  mrn: z.string(),
  familyName: z.string(),
  givenNames: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: ZIsoDate,
  sexAtBirth: ZSexAtBirth,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: ZAddress.nullable(),
  isDemo: z.boolean(),
  latestWeight: z.object({ weightKg: z.number(), measuredOn: ZIsoDate }).nullable(),
  latestHeight: z.object({ heightCm: z.number(), measuredOn: ZIsoDate }).nullable(),
  version: z.number().int(),
  createdAt: ZIsoDateTime,
  updatedAt: ZIsoDateTime,
});
export type Patient = z.infer<typeof ZPatient>;

export const ZPatientSummary = ZPatient.pick({
  id: true,
  mrn: true,
  familyName: true,
  givenNames: true,
  preferredName: true,
  dateOfBirth: true,
  sexAtBirth: true,
  isDemo: true,
});
export type PatientSummary = z.infer<typeof ZPatientSummary>;

export const ZPatientSearchQuery = z.strictObject({
  q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
  limit: ZLimit,
  offset: ZOffset,
});
export type PatientSearchQuery = z.infer<typeof ZPatientSearchQuery>;

export const ZPatientPage = z.object({
  items: z.array(ZPatientSummary),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type PatientPage = z.infer<typeof ZPatientPage>;

export const ZPatientIdParams = z.strictObject({ patientId: ZUuid });

export const ZWeightOnQuery = z.strictObject({ on: ZIsoDate });
export const ZWeightOn = z.object({ weightKg: z.number(), measuredOn: ZIsoDate, measurementId: ZUuid });

/**
 * Date-of-birth checks that need today's date (the schema alone cannot know it). Returns a message, or
 * null when the date is acceptable. `todayIso` is YYYY-MM-DD in the clinic's calendar.
 */
export function checkDateOfBirth(dateOfBirth: string, todayIso: string): string | null {
  if (dateOfBirth > todayIso) return 'cannot be in the future';
  if (dateOfBirth < EARLIEST_DATE_OF_BIRTH) return `must be on or after ${EARLIEST_DATE_OF_BIRTH}`;
  return null;
}

/** A measurement date cannot be after today. */
export function checkMeasuredOn(measuredOn: string, todayIso: string): string | null {
  return measuredOn > todayIso ? 'cannot be in the future' : null;
}
