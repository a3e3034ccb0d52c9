/**
 * The patient form as strings (what the inputs hold) and its conversion to API bodies. Validation uses the
 * same zod schemas as the server, plus the date checks that need today's date.
 */
import {
  checkDateOfBirth,
  checkMeasuredOn,
  SEXES_AT_BIRTH,
  ZCreatePatientBody,
  ZUpdatePatientBody,
  type CreatePatientBody,
  type Patient,
  type UpdatePatientBody,
} from '@ketapath/core';
import { fieldErrorsFromIssues } from '../forms/field';
import { SEX_LABELS } from '../data/patient-labels';

export const ADDRESS_PARTS = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;
type AddressField = `address.${(typeof ADDRESS_PARTS)[number]}`;

/** Field names are the API's field paths, so a server error lands on the right input. */
export type PatientField =
  | 'familyName'
  | 'givenNames'
  | 'preferredName'
  | 'dateOfBirth'
  | 'sexAtBirth'
  | 'phone'
  | 'email'
  | AddressField
  | 'weightKg'
  | 'heightCm'
  | 'measuredOn';

export type PatientFormValues = Record<PatientField, string>;

export const PATIENT_FIELD_LABELS: Readonly<Record<PatientField, string>> = {
  familyName: 'Family name',
  givenNames: 'Given names',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  sexAtBirth: 'Sex at birth',
  phone: 'Phone',
  email: 'Email',
  'address.line1': 'Address line 1',
  'address.line2': 'Address line 2',
  'address.city': 'City',
  'address.region': 'State / region',
  'address.postalCode': 'Postal code',
  'address.country': 'Country',
  weightKg: 'Weight (kg)',
  heightCm: 'Height (cm)',
  measuredOn: 'Measured on',
};

/** Form order, for focusing the first error. */
export const PATIENT_FIELD_ORDER = Object.keys(PATIENT_FIELD_LABELS) as PatientField[];

export const SEX_OPTIONS = SEXES_AT_BIRTH.map((s) => ({ value: s, label: SEX_LABELS[s] }));

export function emptyPatientForm(today: string): PatientFormValues {
  return {
    familyName: '',
    givenNames: '',
    preferredName: '',
    dateOfBirth: '',
    sexAtBirth: '',
    phone: '',
    email: '',
    'address.line1': '',
    'address.line2': '',
    'address.city': '',
    'address.region': '',
    'address.postalCode': '',
    'address.country': '',
    weightKg: '',
    heightCm: '',
    measuredOn: today,
  };
}

export function patientFormFrom(p: Patient): PatientFormValues {
  const a = p.address;
  return {
    familyName: p.familyName,
    givenNames: p.givenNames,
    preferredName: p.preferredName ?? '',
    dateOfBirth: p.dateOfBirth,
    sexAtBirth: p.sexAtBirth,
    phone: p.phone ?? '',
    email: p.email ?? '',
    'address.line1': a?.line1 ?? '',
    'address.line2': a?.line2 ?? '',
    'address.city': a?.city ?? '',
    'address.region': a?.region ?? '',
    'address.postalCode': a?.postalCode ?? '',
    'address.country': a?.country ?? '',
    weightKg: '',
    heightCm: '',
    measuredOn: '',
  };
}

/** A typed number, accepting a decimal comma; '' stays absent and anything else is left for zod to refuse. */
export function parseNumberInput(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return Number(t.replace(',', '.'));
}

function optional(text: string): string | undefined {
  const t = text.trim();
  return t === '' ? undefined : t;
}

function addressFrom(v: PatientFormValues): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of ADDRESS_PARTS) {
    const value = optional(v[`address.${part}`]);
    if (value !== undefined) out[part] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export type Validated<T> = { ok: true; body: T } | { ok: false; errors: Record<string, string> };

function withDateChecks<T>(result: Validated<T>, checks: Array<[string, string | null]>): Validated<T> {
  const errors: Record<string, string> = result.ok ? {} : { ...result.errors };
  // These checks are more specific than the schema's format message, so they win.
  for (const [field, message] of checks) if (message) errors[field] = message;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return result;
}

export function validateCreatePatient(v: PatientFormValues, today: string): Validated<CreatePatientBody> {
  const weightKg = parseNumberInput(v.weightKg);
  const heightCm = parseNumberInput(v.heightCm);
  const hasMeasurement = weightKg !== undefined || heightCm !== undefined;
  const input = {
    familyName: v.familyName,
    givenNames: v.givenNames,
    preferredName: optional(v.preferredName),
    dateOfBirth: v.dateOfBirth.trim(),
    sexAtBirth: v.sexAtBirth === '' ? undefined : v.sexAtBirth,
    phone: optional(v.phone),
    email: optional(v.email),
    address: addressFrom(v),
    weightKg,
    heightCm,
    measuredOn: hasMeasurement ? optional(v.measuredOn) : undefined,
  };
  // exactOptionalPropertyTypes: the API wants absent keys, not `undefined` values.
  const body = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const parsed = ZCreatePatientBody.safeParse(body);
  const result: Validated<CreatePatientBody> = parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, errors: fieldErrorsFromIssues(parsed.error.issues) };
  const dobCheck = v.dateOfBirth ? checkDateOfBirth(v.dateOfBirth, today) : null;
  const measuredCheck = hasMeasurement && v.measuredOn ? checkMeasuredOn(v.measuredOn, today) : null;
  return withDateChecks(result, [
    ['dateOfBirth', v.dateOfBirth.trim() === '' ? 'is required' : dobCheck],
    ['sexAtBirth', v.sexAtBirth === '' ? 'is required' : null],
    ['measuredOn', measuredCheck],
  ]);
}

/** Only the changed fields, with the version the editor started from; cleared optional fields become null. */
export function validateUpdatePatient(
  v: PatientFormValues,
  original: Patient,
  today: string,
): Validated<UpdatePatientBody> {
  const before = patientFormFrom(original);
  const changed = (f: PatientField) => v[f].trim() !== before[f].trim();
  const input: Record<string, unknown> = { version: original.version };
  if (changed('familyName')) input.familyName = v.familyName;
  if (changed('givenNames')) input.givenNames = v.givenNames;
  if (changed('preferredName')) input.preferredName = optional(v.preferredName) ?? null;
  if (changed('dateOfBirth')) input.dateOfBirth = v.dateOfBirth.trim();
  if (changed('sexAtBirth')) input.sexAtBirth = v.sexAtBirth;
  if (changed('phone')) input.phone = optional(v.phone) ?? null;
  if (changed('email')) input.email = optional(v.email) ?? null;
  if (ADDRESS_PARTS.some((part) => changed(`address.${part}`))) input.address = addressFrom(v) ?? null;
  const parsed = ZUpdatePatientBody.safeParse(input);
  const result: Validated<UpdatePatientBody> = parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, errors: fieldErrorsFromIssues(parsed.error.issues) };
  return withDateChecks(result, [
    ['dateOfBirth', changed('dateOfBirth') && v.dateOfBirth ? checkDateOfBirth(v.dateOfBirth, today) : null],
  ]);
}

/** True when the update carries nothing but the version. */
export function isEmptyUpdate(body: UpdatePatientBody): boolean {
  return Object.keys(body).every((k) => k === 'version');
}
