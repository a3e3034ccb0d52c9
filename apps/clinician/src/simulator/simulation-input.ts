/**
 * Turns the simulator form (patient, regimen rows, time shown, threshold) into a pharmacology request, and
 * says which field each problem belongs to, whether found here (empty, not a number) or by the library.
 */
import {
  validateSimulateRequest,
  type RegimenDose,
  type Sex,
  type ValidSimulateRequest,
} from '@ketapath/pharmacology';
import {
  buildRegimen,
  errorKeyOfIssue,
  humanizeIssueMessage,
  parseDecimal,
  type RegimenRow,
} from './regimen-rows';

export interface PatientForm {
  readonly weightKg: string;
  readonly ageYears: string;
  readonly sex: Sex | '';
  readonly heightCm: string;
}

export const PATIENT_FIELD_LABELS: Readonly<Record<keyof PatientForm, string>> = {
  weightKg: 'Weight (kg)',
  ageYears: 'Age (years)',
  sex: 'Sex',
  heightCm: 'Height (cm)',
};

/** 'auto' shows the last dose plus six hours; otherwise a number of hours. */
export type TimeShown = 'auto' | number;
export const TIME_SHOWN_CHOICES_H: readonly number[] = [4, 8, 12, 24, 48, 72, 120];

const MIN_PER_H = 60;
const AFTER_LAST_DOSE_MIN = 6 * MIN_PER_H;
const MIN_SHOWN_MIN = 4 * MIN_PER_H;
/** About this many points per curve: smooth on a wide screen, cheap for a few hundred virtual patients. */
const TARGET_POINTS = 1200;
const STEPS_MIN: readonly number[] = [1, 2, 5, 10, 15, 30, 60];

export interface SimulatorForm {
  readonly modelId: string;
  readonly patient: PatientForm;
  readonly rows: readonly RegimenRow[];
  readonly timeShown: TimeShown;
  readonly threshold: string;
}

export interface BuiltRequest {
  /** Null when something must be fixed first (see errors). */
  readonly request: ValidSimulateRequest | null;
  /** The same request as plain JSON, for the population worker. */
  readonly json: {
    modelId: string;
    patient: { weightKg: number; ageYears: number; sex: Sex; heightCm?: number };
    regimen: { doses: RegimenDose[] };
    grid: { stepMin: number; untilMin: number };
    thresholdNgPerMl?: number;
  } | null;
  /** Field key (`patient.weightKg`, `dose.<row>.endMin`, `thresholdNgPerMl`, `form`) → message. */
  readonly errors: Record<string, string>;
  readonly untilMin: number;
  readonly stepMin: number;
}

/** The last moment something is given: an infusion's end or a dose's time (min). */
export function lastDoseMin(doses: readonly RegimenDose[]): number {
  return doses.reduce((last, d) => Math.max(last, d.route === 'iv-infusion' ? d.endMin : d.atMin), 0);
}

export function shownUntilMin(doses: readonly RegimenDose[], timeShown: TimeShown): number {
  if (timeShown !== 'auto') return timeShown * MIN_PER_H;
  const end = lastDoseMin(doses) + AFTER_LAST_DOSE_MIN;
  return Math.max(MIN_SHOWN_MIN, Math.ceil(end / MIN_PER_H) * MIN_PER_H);
}

export function gridStepMin(untilMin: number): number {
  return STEPS_MIN.find((s) => untilMin / s <= TARGET_POINTS) ?? Math.ceil(untilMin / TARGET_POINTS);
}

function readPatientNumber(
  text: string,
  key: 'weightKg' | 'ageYears' | 'heightCm',
  errors: Record<string, string>,
  isRequired: boolean,
): number | undefined {
  const value = parseDecimal(text);
  if (value === 'empty') {
    if (isRequired) errors[`patient.${key}`] = 'enter a number';
    return undefined;
  }
  if (value === 'invalid') {
    errors[`patient.${key}`] = `“${text}” is not a number`;
    return undefined;
  }
  return value;
}

export function buildSimulationRequest(form: SimulatorForm): BuiltRequest {
  const errors: Record<string, string> = {};
  const weightKg = readPatientNumber(form.patient.weightKg, 'weightKg', errors, true);
  const ageYears = readPatientNumber(form.patient.ageYears, 'ageYears', errors, true);
  const heightCm = readPatientNumber(form.patient.heightCm, 'heightCm', errors, false);
  if (form.patient.sex === '') errors['patient.sex'] = 'choose the sex the model should use';
  const regimen = buildRegimen(form.rows);
  Object.assign(errors, regimen.errors);
  let thresholdNgPerMl: number | undefined;
  const threshold = parseDecimal(form.threshold);
  if (threshold === 'invalid') errors.thresholdNgPerMl = `“${form.threshold}” is not a number`;
  else if (threshold !== 'empty') thresholdNgPerMl = threshold;

  const untilMin = shownUntilMin(regimen.doses, form.timeShown);
  const stepMin = gridStepMin(untilMin);
  const empty = { request: null, json: null, errors, untilMin, stepMin };
  if (weightKg === undefined || ageYears === undefined || form.patient.sex === '') return empty;

  const json = {
    modelId: form.modelId,
    patient: { weightKg, ageYears, sex: form.patient.sex, ...(heightCm === undefined ? {} : { heightCm }) },
    regimen: { doses: regimen.doses },
    grid: { stepMin, untilMin },
    ...(thresholdNgPerMl === undefined ? {} : { thresholdNgPerMl }),
  };
  const validated = validateSimulateRequest(json);
  if (!validated.ok) {
    for (const issue of validated.issues) {
      const key = issue.path === 'thresholdNgPerMl' ? 'thresholdNgPerMl' : errorKeyOfIssue(issue.path, regimen.doseRowKeys);
      errors[key] ??= humanizeIssueMessage(issue.message);
    }
  }
  if (Object.keys(errors).length > 0 || !validated.ok) return { ...empty, errors };
  return { request: validated.value, json, errors, untilMin, stepMin };
}
