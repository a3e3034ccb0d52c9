/**
 * Pharmacology for staff: model listing, one-patient simulation, population bands and TCI through the pure
 * engine. No patient identity is involved (covariates only), so nothing is stored or audited. The engine runs
 * on the request thread, so every request's work is bounded here (PHARMACOLOGY_LIMITS) and refused above it.
 */
import { invalidFields, type FieldIssue } from '@ketapath/core';
import {
  computeTci,
  listModels,
  PharmacologyInputError,
  runSimulation,
  simulatePopulation,
  validateSimulateRequest,
  type ModelListing,
  type PopulationRequest,
  type PopulationResult,
  type SimulateResult,
  type TciResult,
} from '@ketapath/pharmacology';

/**
 * What one request may ask for, measured on the engine: the worst population request (500 patients, 1,500
 * irregular times, 100 doses, nine-state Perez-Ruixo model) takes about 0.2 s; cost grows with patients ×
 * (times + doses), so 3,000 doses × 1,000 patients took 11 s and is refused. Larger runs belong in
 * `ketapath simulate --population` (or a worker).
 */
export const PHARMACOLOGY_LIMITS = {
  /** Output times of one simulation (10 days at a 1-minute grid is 14,401). */
  simulateTimePoints: 20_000,
  /** Doses of one simulation (a 48-hour TCI plan at 1-minute steps, fed back to /simulate, fits). */
  simulateDoses: 3_000,
  /** Virtual patients of one population request (the dose-simulator page uses 500). */
  populationPatients: 500,
  /** Output times of one population request (24 h at a 1-minute grid is 1,441). */
  populationTimePoints: 1_500,
  /** Doses of one population request. */
  populationDoses: 100,
  /** Constant-rate steps of one TCI plan (48 h at the default 1-minute step). */
  tciSteps: 2_880,
} as const;

/** Engine issues (`regimen.doses[1].endMin`) are already JSON paths of the request body. */
function fieldIssues(error: PharmacologyInputError): FieldIssue[] {
  return error.issues.map((i) => ({ field: i.path === '' ? 'body' : i.path, message: i.message }));
}

function throughEngine<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof PharmacologyInputError) throw invalidFields(fieldIssues(error));
    throw error;
  }
}

/** Number of output times a request asks for (grid points counted the way the engine builds them). */
function timePointsOf(body: { timesMin?: readonly number[] | undefined; grid?: { stepMin: number; untilMin: number; fromMin?: number | undefined } | undefined }): number {
  if (body.grid === undefined) return body.timesMin?.length ?? 0;
  const { stepMin, untilMin, fromMin = 0 } = body.grid;
  if (!(stepMin > 0) || !(untilMin >= fromMin)) return 0; // the engine names the field
  return Math.floor((untilMin - fromMin) / stepMin + 1e-9) + 1;
}

function refuseAbove(points: number, limit: number, what: string): void {
  if (points > limit) {
    throw invalidFields([{ field: 'grid.stepMin', message: `asks for ${points} time points; at most ${limit} per ${what} request (use a coarser grid or a shorter span)` }]);
  }
}

export interface SimulateInput {
  readonly modelId: string;
  readonly patient: unknown;
  readonly regimen: unknown;
  readonly timesMin?: readonly number[] | undefined;
  readonly grid?: { stepMin: number; untilMin: number; fromMin?: number | undefined } | undefined;
  readonly thresholdNgPerMl?: number | undefined;
}

export interface PopulationInput extends SimulateInput {
  readonly nPatients: number;
  readonly seed: number;
  readonly percentiles?: readonly number[] | undefined;
  readonly assumedIivCvPercent?: Readonly<Record<string, number>> | undefined;
}

export interface TciInput {
  readonly modelId: string;
  readonly patient: { readonly weightKg: number; readonly ageYears: number; readonly sex: 'male' | 'female'; readonly heightCm?: number | undefined };
  readonly targetNgPerMl: number;
  readonly durationMin: number;
  readonly stepMin?: number | undefined;
  readonly maxRateMgPerH?: number | undefined;
  readonly allowBolus?: boolean | undefined;
}

/** TCI result with each rate also per kg of body weight, as pumps are often programmed. */
export interface TciPlan extends Omit<TciResult, 'steps'> {
  readonly bolusMgPerKg: number;
  readonly steps: { startMin: number; endMin: number; rateMgPerH: number; rateMgPerKgPerH: number }[];
}

export function listPharmacologyModels(): ModelListing[] {
  return listModels();
}

/** Drops keys whose value is undefined (the engine reads the request as JSON, where absent means absent). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function simulateRegimen(input: SimulateInput): SimulateResult {
  refuseAbove(timePointsOf(input), PHARMACOLOGY_LIMITS.simulateTimePoints, 'simulation');
  return throughEngine(() => {
    const valid = validateSimulateRequest(defined({ ...input }));
    if (!valid.ok) throw new PharmacologyInputError(valid.issues);
    return runSimulation(valid.value);
  });
}

export function simulateVirtualPopulation(input: PopulationInput): PopulationResult {
  refuseAbove(timePointsOf(input), PHARMACOLOGY_LIMITS.populationTimePoints, 'population');
  // The engine validates every field of the request itself (it reads it as unknown JSON).
  return throughEngine(() => simulatePopulation(defined({ ...input }) as unknown as PopulationRequest));
}

export function planTargetControlledInfusion(input: TciInput): TciPlan {
  const steps = Math.ceil(input.durationMin / (input.stepMin ?? 1) - 1e-9);
  if (steps > PHARMACOLOGY_LIMITS.tciSteps) {
    throw invalidFields([{ field: 'stepMin', message: `durationMin / stepMin asks for ${steps} steps; at most ${PHARMACOLOGY_LIMITS.tciSteps} steps per request` }]);
  }
  const { heightCm, ...patient } = input.patient;
  const result = throughEngine(() =>
    computeTci({
      modelId: input.modelId,
      patient: { ...patient, ...(heightCm === undefined ? {} : { heightCm }) },
      targetNgPerMl: input.targetNgPerMl,
      durationMin: input.durationMin,
      ...(input.stepMin === undefined ? {} : { stepMin: input.stepMin }),
      ...(input.maxRateMgPerH === undefined ? {} : { maxRateMgPerH: input.maxRateMgPerH }),
      ...(input.allowBolus === undefined ? {} : { allowBolus: input.allowBolus }),
    }),
  );
  const weightKg = input.patient.weightKg;
  return {
    ...result,
    bolusMgPerKg: result.bolusMg / weightKg,
    steps: result.steps.map((s) => ({ ...s, rateMgPerKgPerH: s.rateMgPerH / weightKg })),
  };
}
