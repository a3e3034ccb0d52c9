/**
 * @module @ketapath/pharmacology: pure ketamine/esketamine pharmacokinetics. Models as data, an exact solver
 * for linear compartment systems, population simulation and target-controlled infusion. No I/O, no clock,
 * no global randomness.
 */
export * from './model-types.js';
export { MODELS, DEFAULT_MODEL_ID, findModel } from './models/registry.js';
export { listModels, type ModelListing } from './models/list-models.js';
export * from './regimen.js';
export { formatIssue, PharmacologyInputError, type ValidationIssue, type Validated } from './validation.js';
export { gridTimesMin, MAX_TIME_POINTS } from './request.js';
export { checkValidity, type PkWarning, type WarningCode } from './validity.js';
export { Simulation, type Analyte, type Peak, type Trough } from './simulation.js';
export {
  simulate,
  runSimulation,
  createSimulation,
  validateSimulateRequest,
  summarizeModel,
  type SimulateRequest,
  type SimulateResult,
  type AnalyteSummary,
  type ModelSummary,
  type ValidSimulateRequest,
} from './simulate.js';
export { compilePatientModel, buildInputPlan, type PatientModel } from './patient-model.js';
export {
  simulatePopulation,
  simulatePopulationSeries,
  DEFAULT_PERCENTILES,
  PopulationWorkspace,
  MAX_VIRTUAL_PATIENTS,
  type PopulationRequest,
  type PopulationResult,
  type PopulationSeries,
  type PopulationProgress,
  type PopulationOptions,
  type AnalyteBands,
  type VariabilityTerm,
} from './population.js';
export { createRandom, type Random } from './random.js';
export { computeTci, type TciRequest, type TciResult } from './tci.js';
