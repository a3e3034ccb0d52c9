/**
 * A model instantiated for one patient: the linear system in mg and minutes, its modal decomposition, the
 * output coefficients (ng/mL per modal amount) and the translation of a regimen into inputs.
 */
import { amountMgInVolumeLToNgPerMl, mgPerHToMgPerMin } from '@ketapath/units';
import type { PatientCovariates, PkModel, SystemSpec } from './model-types.js';
import type { ResolvedDose } from './regimen.js';
import type { BolusInput, InputPlan, RateInput, SeriesOutput } from './solver/exact-solution.js';
import { decompose, type ModalSystem } from './solver/modal.js';

export interface PatientModel {
  readonly model: PkModel;
  readonly spec: SystemSpec;
  readonly stateNames: readonly string[];
  readonly modal: ModalSystem;
  readonly parentState: number;
  readonly parentVolumeL: number;
  readonly metaboliteState: number | null;
  /** Parent concentration as an output: ng/mL per mg of each mode, V[parent, mode]·1000/Vc. */
  readonly parentOutput: SeriesOutput;
  readonly metaboliteOutput: SeriesOutput | null;
}

const zeroEta = (): number => 0;

function stateIndex(names: readonly string[], name: string): number {
  const i = names.indexOf(name);
  if (i < 0) throw new Error(`model system has no compartment ${name}`);
  return i;
}

function outputOf(modal: ModalSystem, state: number, volumeL: number): SeriesOutput {
  const n = modal.n;
  const coef = new Float64Array(n);
  for (let k = 0; k < n; k++) coef[k] = amountMgInVolumeLToNgPerMl(modal.v[state * n + k] ?? 0, volumeL);
  return { coef, state, scale: amountMgInVolumeLToNgPerMl(1, volumeL) };
}

export function compilePatientModel(model: PkModel, patient: PatientCovariates, eta: (parameter: string) => number = zeroEta): PatientModel {
  const spec = model.build(patient, eta);
  const stateNames = spec.compartments.map((c) => c.name);
  const transfers = spec.transfers.map((t) => ({
    from: stateIndex(stateNames, t.from),
    to: t.to === null ? null : stateIndex(stateNames, t.to),
    kPerMin: t.kPerMin,
  }));
  const modal = decompose(stateNames.length, transfers);
  const parentState = stateIndex(stateNames, spec.parentCompartment);
  const parentVolumeL = spec.compartments[parentState]?.volumeL ?? Number.NaN;
  const metaboliteState = spec.metaboliteCompartment === null ? null : stateIndex(stateNames, spec.metaboliteCompartment);
  const metaboliteVolumeL = metaboliteState === null ? null : (spec.compartments[metaboliteState]?.volumeL ?? Number.NaN);
  return {
    model,
    spec,
    stateNames,
    modal,
    parentState,
    parentVolumeL,
    metaboliteState,
    parentOutput: outputOf(modal, parentState, parentVolumeL),
    metaboliteOutput: metaboliteState === null || metaboliteVolumeL === null ? null : outputOf(modal, metaboliteState, metaboliteVolumeL),
  };
}

/**
 * Regimen → piecewise-constant inputs. A route input with a duration (e.g. Perez-Ruixo's swallowed fraction
 * over Dsw) becomes a zero-order segment; one without becomes a bolus into its compartment.
 */
export function buildInputPlan(pm: PatientModel, doses: readonly ResolvedDose[]): InputPlan {
  return planInputs(pm.model.id, pm.spec, pm.stateNames, doses);
}

/** buildInputPlan for a system spec and its state names (the population fast path has no PatientModel). */
export function planInputs(modelId: string, spec: SystemSpec, stateNames: readonly string[], doses: readonly ResolvedDose[]): InputPlan {
  const boluses: BolusInput[] = [];
  const rates: RateInput[] = [];
  for (const d of doses) {
    if (d.route === 'iv-infusion') {
      for (const inp of spec.routeInputs('iv-infusion', 0)) {
        rates.push({
          startMin: d.startMin,
          endMin: d.endMin,
          state: stateIndex(stateNames, inp.compartment),
          rateMgPerMin: mgPerHToMgPerMin(d.rateMgPerH) * inp.fraction,
        });
      }
      continue;
    }
    const inputs = spec.routeInputs(d.route, d.doseMg);
    if (inputs.length === 0) throw new Error(`model ${modelId} has no inputs for route ${d.route}`);
    for (const inp of inputs) {
      const state = stateIndex(stateNames, inp.compartment);
      const amountMg = d.doseMg * inp.fraction;
      if (inp.durationMin === undefined || inp.durationMin <= 0) boluses.push({ timeMin: d.atMin, state, amountMg });
      else rates.push({ startMin: d.atMin, endMin: d.atMin + inp.durationMin, state, rateMgPerMin: amountMg / inp.durationMin });
    }
  }
  return { boluses, rates };
}
