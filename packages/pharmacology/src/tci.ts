/**
 * Plasma-targeted target-controlled infusion: a bolus that fills the central compartment to the target,
 * then stepwise constant rates, each chosen so the exact solution is back on target at the end of its
 * step (a linear inverse problem on the modal solution; MODELS.md §7). The schedule is verified by simulating it.
 */
import { mgPerMinToMgPerH } from '@ketapath/units';
import { compilePatientModel } from './patient-model.js';
import { phi1 } from './solver/phi.js';
import type { PatientCovariates } from './model-types.js';
import { readModel, readPatient } from './request.js';
import { runSimulation, summarizeModel, type ModelSummary, type SimulateResult } from './simulate.js';
import type { InfusionSegment, IvBolusDose } from './regimen.js';
import { IssueCollector, isRecord, PharmacologyInputError } from './validation.js';

export interface TciRequest {
  readonly modelId: string;
  readonly patient: PatientCovariates;
  readonly targetNgPerMl: number;
  readonly durationMin: number;
  /** Length of each constant-rate step (default 1 min). */
  readonly stepMin?: number;
  /** Pump limit; without it the first step may need a high rate when no bolus is allowed. */
  readonly maxRateMgPerH?: number;
  /** Default true: start with a bolus of target × V1. */
  readonly allowBolus?: boolean;
  readonly onProgress?: (p: { completedSteps: number; totalSteps: number }) => void;
}

export interface TciResult {
  readonly model: ModelSummary;
  readonly targetNgPerMl: number;
  readonly bolusMg: number;
  /** Merged constant-rate steps (consecutive equal rates joined). */
  readonly steps: { startMin: number; endMin: number; rateMgPerH: number }[];
  readonly totalDoseMg: number;
  /** The schedule as a regimen accepted by simulate(). */
  readonly regimen: { doses: (IvBolusDose | InfusionSegment)[] };
  /** Simulation of the schedule at every step boundary and mid-step. */
  readonly verification: SimulateResult;
  /** Largest |C − target| / target once the target was first reached (at step ends and mid-steps). */
  readonly maxDeviationFraction: number;
  readonly reachedTargetAtMin: number | null;
}

export function computeTci(request: TciRequest): TciResult {
  const c = new IssueCollector();
  const raw = request as unknown;
  if (!isRecord(raw)) throw new PharmacologyInputError([{ path: '', message: 'request must be an object' }]);
  const model = readModel(raw, c);
  const patient = readPatient(raw.patient, c);
  const target = c.number(raw, 'targetNgPerMl', 'targetNgPerMl', { min: 0, minExclusive: true });
  const duration = c.number(raw, 'durationMin', 'durationMin', { min: 0, minExclusive: true });
  const stepMin = c.number(raw, 'stepMin', 'stepMin', { min: 0, minExclusive: true, required: false }) ?? 1;
  const maxRate = c.number(raw, 'maxRateMgPerH', 'maxRateMgPerH', { min: 0, minExclusive: true, required: false });
  if (model !== undefined && !model.routes.includes('iv-infusion')) c.add('modelId', `${model.id} has no IV infusion route`);
  if (duration !== undefined && duration / stepMin > 100_000) c.add('stepMin', 'too many steps (duration / stepMin > 100000)');
  if (c.issues.length > 0 || model === undefined || patient === undefined || target === undefined || duration === undefined) throw new PharmacologyInputError(c.issues);

  const pm = compilePatientModel(model, patient);
  const { n, lambdaPerMin, w } = pm.modal;
  const coef = pm.parentOutput.coef;
  const central = pm.stateNames.indexOf(pm.spec.routeInputs('iv-infusion', 0)[0]?.compartment ?? 'central');
  const m = new Float64Array(n);
  const allowBolus = request.allowBolus !== false;
  // Bolus: target (ng/mL = µg/L) × V1 (L) / 1000 → mg, placed into the compartment sampled for plasma.
  const bolusMg = allowBolus ? (target * pm.parentVolumeL) / 1000 : 0;
  for (let k = 0; k < n; k++) m[k] = bolusMg * (w[k * n + central] ?? 0);
  const nSteps = Math.ceil(duration / stepMin - 1e-9);
  const maxRateMgPerMin = maxRate === undefined ? Infinity : maxRate / 60;
  const rawSteps: { startMin: number; endMin: number; rateMgPerH: number }[] = [];
  for (let s = 0; s < nSteps; s++) {
    const t0 = s * stepMin;
    const t1 = Math.min(duration, (s + 1) * stepMin);
    const dt = t1 - t0;
    let free = 0;
    let unit = 0; // ng/mL at step end per mg/min infused over the step
    for (let k = 0; k < n; k++) {
      const l = lambdaPerMin[k] ?? 0;
      free += (coef[k] ?? 0) * Math.exp(l * dt) * (m[k] ?? 0);
      unit += (coef[k] ?? 0) * dt * phi1(l * dt) * (w[k * n + central] ?? 0);
    }
    const rateMgPerMin = Math.min(maxRateMgPerMin, Math.max(0, (target - free) / unit));
    for (let k = 0; k < n; k++) {
      const l = lambdaPerMin[k] ?? 0;
      m[k] = Math.exp(l * dt) * (m[k] ?? 0) + rateMgPerMin * dt * phi1(l * dt) * (w[k * n + central] ?? 0);
    }
    const rateMgPerH = mgPerMinToMgPerH(rateMgPerMin);
    const last = rawSteps[rawSteps.length - 1];
    if (last !== undefined && Math.abs(last.rateMgPerH - rateMgPerH) <= 1e-12 * Math.max(1, rateMgPerH)) last.endMin = t1;
    else rawSteps.push({ startMin: t0, endMin: t1, rateMgPerH });
    if (request.onProgress !== undefined && ((s + 1) % Math.max(1, Math.floor(nSteps / 20)) === 0 || s + 1 === nSteps)) {
      request.onProgress({ completedSteps: s + 1, totalSteps: nSteps });
    }
  }
  const doses: (IvBolusDose | InfusionSegment)[] = [];
  if (bolusMg > 0) doses.push({ route: 'iv-bolus', atMin: 0, doseMg: bolusMg });
  for (const st of rawSteps) if (st.rateMgPerH > 0) doses.push({ route: 'iv-infusion', startMin: st.startMin, endMin: st.endMin, rateMgPerH: st.rateMgPerH });
  const times: number[] = [];
  for (let s = 0; s <= 2 * nSteps; s++) times.push(Math.min(duration, (s * stepMin) / 2));
  const verification = runSimulation({ model, patient, regimen: { doses }, timesMin: [...new Set(times)], thresholdNgPerMl: null, includeAmounts: false });
  let reached: number | null = null;
  let maxDev = 0;
  verification.timesMin.forEach((t, i) => {
    const v = verification.ketamineNgPerMl[i] ?? 0;
    if (reached === null && v >= target * (1 - 1e-9)) reached = t;
    if (reached !== null) maxDev = Math.max(maxDev, Math.abs(v - target) / target);
  });
  const totalDoseMg = bolusMg + rawSteps.reduce((sum, st) => sum + (st.rateMgPerH / 60) * (st.endMin - st.startMin), 0);
  return { model: summarizeModel(model), targetNgPerMl: target, bolusMg, steps: rawSteps, totalDoseMg, regimen: { doses }, verification, maxDeviationFraction: maxDev, reachedTargetAtMin: reached };
}
