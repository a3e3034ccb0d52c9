/**
 * `simulate`: the entry point the CLI, API and page call. Regimen JSON in, concentration series in ng/mL,
 * summary metrics and validity warnings out.
 */
import type { PatientCovariates, PkModel } from './model-types.js';
import { findModel } from './models/registry.js';
import { resolveRegimen, type Regimen, type RegimenDose } from './regimen.js';
import { readModel, readPatient, readRegimen, readTimes } from './request.js';
import { Simulation, type Analyte, type Trough } from './simulation.js';
import { checkValidity, type PkWarning } from './validity.js';
import { IssueCollector, isRecord, PharmacologyInputError, type Validated } from './validation.js';

export interface SimulateRequest {
  readonly modelId: string;
  readonly patient: PatientCovariates;
  readonly regimen: Regimen | { readonly doses: readonly RegimenDose[] };
  /** Ascending output times (min). Give this or `grid`. */
  readonly timesMin?: readonly number[];
  readonly grid?: { readonly stepMin: number; readonly untilMin: number; readonly fromMin?: number };
  /** For time above threshold (applies to the parent drug). */
  readonly thresholdNgPerMl?: number;
  /** Include the amount in every compartment at every time, and mass-balance terms. */
  readonly includeAmounts?: boolean;
}

export interface ModelSummary {
  readonly id: string;
  readonly title: string;
  readonly drug: PkModel['drug'];
  readonly grade: PkModel['grade'];
  readonly samplingSite: PkModel['samplingSite'];
  readonly analytes: PkModel['analytes'];
  readonly modelsMdSection: string;
}

export interface AnalyteSummary {
  readonly cmaxNgPerMl: number;
  readonly tmaxMin: number;
  /** Exact AUC over [aucFromMin, aucToMin] (the first and last output times). */
  readonly aucNgMinPerMl: number;
  readonly aucFromMin: number;
  readonly aucToMin: number;
  /** Present when thresholdNgPerMl was given. */
  readonly timeAboveThresholdMin?: number;
}

export interface SimulateResult {
  readonly model: ModelSummary;
  readonly unit: 'ng/mL';
  readonly timesMin: number[];
  /** Parent drug concentration (ketamine, or esketamine for an esketamine model). */
  readonly ketamineNgPerMl: number[];
  /** Metabolite (norketamine/noresketamine), null when the model has none. */
  readonly norketamineNgPerMl: number[] | null;
  readonly warnings: PkWarning[];
  readonly summary: {
    readonly ketamine: AnalyteSummary;
    readonly norketamine: AnalyteSummary | null;
    readonly thresholdNgPerMl: number | null;
    readonly troughs: Trough[];
  };
  /** With includeAmounts: mg per compartment per time, absorbed input and eliminated amounts per time. */
  readonly amounts?: {
    readonly compartmentsMg: Record<string, number[]>;
    readonly absorbedInputMg: number[];
    readonly eliminatedMg: number[];
  };
}

export function summarizeModel(model: PkModel): ModelSummary {
  return {
    id: model.id,
    title: model.title,
    drug: model.drug,
    grade: model.grade,
    samplingSite: model.samplingSite,
    analytes: model.analytes,
    modelsMdSection: model.citation.modelsMdSection,
  };
}

export interface ValidSimulateRequest {
  readonly model: PkModel;
  readonly patient: PatientCovariates;
  readonly regimen: Regimen;
  readonly timesMin: number[];
  readonly thresholdNgPerMl: number | null;
  readonly includeAmounts: boolean;
}

/** Validates a simulate request from unknown JSON; issues name the field (`regimen.doses[2].endMin`). */
export function validateSimulateRequest(input: unknown): Validated<ValidSimulateRequest> {
  const c = new IssueCollector();
  if (!isRecord(input)) return { ok: false, issues: [{ path: '', message: 'request must be an object' }] };
  c.unknownKeys(input, ['modelId', 'patient', 'regimen', 'timesMin', 'grid', 'thresholdNgPerMl', 'includeAmounts'], '');
  const model = readModel(input, c);
  const patient = readPatient(input.patient, c);
  const regimen = readRegimen(input.regimen, model, c);
  const timesMin = readTimes(input, c);
  const thresholdNgPerMl = c.number(input, 'thresholdNgPerMl', 'thresholdNgPerMl', { min: 0, required: false }) ?? null;
  if (input.includeAmounts !== undefined && typeof input.includeAmounts !== 'boolean') c.add('includeAmounts', 'must be true or false');
  if (c.issues.length > 0 || model === undefined || patient === undefined || regimen === undefined || timesMin === undefined) {
    return { ok: false, issues: c.issues };
  }
  return { ok: true, value: { model, patient, regimen, timesMin, thresholdNgPerMl, includeAmounts: input.includeAmounts === true } };
}

function analyteSummary(sim: Simulation, analyte: Analyte, from: number, to: number, threshold: number | null): AnalyteSummary {
  const peak = sim.peak(analyte, from, to);
  return {
    cmaxNgPerMl: peak.cmaxNgPerMl,
    tmaxMin: peak.tmaxMin,
    aucNgMinPerMl: sim.aucNgMinPerMl(analyte, from, to),
    aucFromMin: from,
    aucToMin: to,
    ...(threshold === null ? {} : { timeAboveThresholdMin: sim.timeAboveMin(analyte, threshold, from, to) }),
  };
}

/**
 * Simulates one patient. Throws PharmacologyInputError (message `regimen.doses[0].doseMg: must be ≥ 0`) on bad
 * input. Example:
 * `simulate({ modelId: 'ketamine/kamp-2020', patient: { weightKg: 70, ageYears: 45, sex: 'female' },
 *   regimen: { doses: [{ route: 'iv-infusion', startMin: 0, endMin: 240, rateMgPerKgPerH: 0.35 }] },
 *   grid: { stepMin: 5, untilMin: 480 } })`
 */
export function simulate(request: SimulateRequest): SimulateResult {
  const v = validateSimulateRequest(request);
  if (!v.ok) throw new PharmacologyInputError(v.issues);
  return runSimulation(v.value);
}

export function runSimulation(req: ValidSimulateRequest): SimulateResult {
  const { model, patient, timesMin } = req;
  const doses = resolveRegimen(req.regimen, patient.weightKg);
  const sim = new Simulation(model, patient, doses);
  const { parent, metabolite } = sim.concentrations(timesMin);
  const from = timesMin[0] ?? 0;
  const to = timesMin[timesMin.length - 1] ?? 0;
  const result: SimulateResult = {
    model: summarizeModel(model),
    unit: 'ng/mL',
    timesMin: [...timesMin],
    ketamineNgPerMl: Array.from(parent),
    norketamineNgPerMl: metabolite === null ? null : Array.from(metabolite),
    warnings: checkValidity(model, patient, doses),
    summary: {
      ketamine: analyteSummary(sim, 'parent', from, to, req.thresholdNgPerMl),
      norketamine: sim.hasMetabolite ? analyteSummary(sim, 'metabolite', from, to, req.thresholdNgPerMl) : null,
      thresholdNgPerMl: req.thresholdNgPerMl,
      troughs: sim.troughs(),
    },
  };
  if (!req.includeAmounts) return result;
  const compartmentsMg: Record<string, number[]> = {};
  for (const name of sim.pm.stateNames) compartmentsMg[name] = [];
  for (const t of timesMin) {
    const a = sim.amountsAt(t);
    for (const name of sim.pm.stateNames) compartmentsMg[name]?.push(a[name] ?? 0);
  }
  return {
    ...result,
    amounts: {
      compartmentsMg,
      absorbedInputMg: timesMin.map((t) => sim.absorbedInputMgAt(t)),
      eliminatedMg: timesMin.map((t) => sim.eliminatedMgAt(t)),
    },
  };
}

/** A Simulation for a typed request, for callers that need more than the series (metrics over windows). */
export function createSimulation(modelId: string, patient: PatientCovariates, regimen: Regimen): Simulation {
  const model = findModel(modelId);
  if (model === undefined) throw new PharmacologyInputError([{ path: 'modelId', message: `unknown model ${JSON.stringify(modelId)}` }]);
  const c = new IssueCollector();
  const p = readPatient(patient, c);
  const r = readRegimen(regimen, model, c);
  if (p === undefined || r === undefined) throw new PharmacologyInputError(c.issues);
  return new Simulation(model, p, resolveRegimen(r, p.weightKg));
}
