/**
 * Validity checks run on every call: does this model fit this patient and this regimen? Returns structured
 * warnings (never throws) so every caller shows the same caveats.
 */
import type { PatientCovariates, PkModel, Route } from './model-types.js';
import type { ResolvedDose } from './regimen.js';

export type WarningCode =
  | 'paediatric-model-for-adult'
  | 'adult-model-for-child'
  | 'age-outside-studied-range'
  | 'weight-outside-studied-range'
  | 'validity-ranges-not-published'
  | 'route-not-studied'
  | 'metabolite-apparent'
  | 'metabolite-not-modelled'
  | 'model-flag';

export interface PkWarning {
  readonly code: WarningCode;
  readonly severity: 'caution' | 'info';
  readonly message: string;
  /** For 'model-flag': the model's own flag code. */
  readonly detail?: string;
}

/** Adulthood threshold used to compare a patient with a paediatric or adult model population. */
const ADULT_AGE_YEARS = 18;

export function checkValidity(model: PkModel, patient: PatientCovariates, doses: readonly ResolvedDose[]): PkWarning[] {
  const out: PkWarning[] = [];
  const v = model.validity;
  if (v.population === 'paediatric' && patient.ageYears >= ADULT_AGE_YEARS) {
    out.push({ code: 'paediatric-model-for-adult', severity: 'caution', message: `${model.id} was built on children; the patient is ${patient.ageYears} y.` });
  }
  if (v.population === 'adult' && patient.ageYears < ADULT_AGE_YEARS) {
    out.push({ code: 'adult-model-for-child', severity: 'caution', message: `${model.id} was built on adults; the patient is ${patient.ageYears} y.` });
  }
  if (v.ageYears !== undefined && (patient.ageYears < v.ageYears[0] || patient.ageYears > v.ageYears[1])) {
    out.push({
      code: 'age-outside-studied-range',
      severity: 'caution',
      message: `Age ${patient.ageYears} y is outside the studied range ${v.ageYears[0]}–${v.ageYears[1]} y of ${model.id}.`,
    });
  }
  if (v.weightKg !== undefined && (patient.weightKg < v.weightKg[0] || patient.weightKg > v.weightKg[1])) {
    out.push({
      code: 'weight-outside-studied-range',
      severity: 'caution',
      message: `Weight ${patient.weightKg} kg is outside the studied range ${v.weightKg[0]}–${v.weightKg[1]} kg of ${model.id}.`,
    });
  }
  if (v.ageYears === undefined || v.weightKg === undefined) {
    out.push({ code: 'validity-ranges-not-published', severity: 'info', message: `Studied age/weight ranges of ${model.id} were not found (${v.source}).` });
  }
  const routes = new Set<Route>(doses.map((d) => d.route));
  for (const route of routes) {
    if (!model.studiedRoutes.includes(route)) {
      out.push({
        code: 'route-not-studied',
        severity: 'caution',
        message: `${model.id} was built on ${model.studiedRoutes.join(', ')} data; ${route} is extrapolated.`,
      });
    }
  }
  if (model.analytes.metabolite !== null && model.metaboliteApparent) {
    out.push({
      code: 'metabolite-apparent',
      severity: 'caution',
      message: `${model.analytes.metabolite} parameters are apparent (÷ fraction formed); MODELS.md notes a literal reading over-predicts its AUC by ~1.4×.`,
    });
  }
  if (model.analytes.metabolite === null) {
    out.push({ code: 'metabolite-not-modelled', severity: 'info', message: `${model.id} has no norketamine model; norketamine is not predicted.` });
  }
  for (const f of model.flags) out.push({ code: 'model-flag', severity: 'caution', message: f.message, detail: f.code });
  return out;
}
