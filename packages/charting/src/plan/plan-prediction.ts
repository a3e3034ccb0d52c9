/**
 * Predicted plasma ketamine over the whole planned series: every session's orders as one regimen, simulated
 * with a population model for this patient. Where the model has published between-subject variability, a
 * bounded virtual population (fixed seed) gives the 5th–95th percentile band around the median; otherwise the
 * typical-patient curve is shown alone. The model's title and sampling site (arterial or venous) are named,
 * and the metabolite is stated as unavailable when the model has none.
 */
import {
  findModel,
  simulate,
  simulatePopulation,
  type DoseRoute,
  type PatientCovariates,
  type RegimenDose,
} from '@ketapath/pharmacology';
import type { PlannedStep } from './plan-orders.js';
import type { PlannedSession } from './plan-schedule.js';

export const PLAN_PREDICTION_MODEL_ID = 'ketamine/kamp-2020';
/** Output points of the whole series (a bound on the work of one request, not a clinical number). */
export const PLAN_PREDICTION_MAX_POINTS = 1000;
/** Virtual subjects of the band and their seed (stated with the result so it can be reproduced). */
export const PLAN_PREDICTION_SUBJECTS = 200;
export const PLAN_PREDICTION_SEED = 20261121;
/** Minutes shown after each session ends, for the decline (display only). */
export const PLAN_PREDICTION_TAIL_MIN = 240;

export const NORKETAMINE_UNAVAILABLE = 'MODELS.md has no norketamine parameters for racemic ketamine';

export interface PlanPrediction {
  readonly modelId: string;
  readonly modelTitle: string;
  readonly samplingSite: string;
  readonly analytes: readonly ['ketamine'];
  readonly norketamine: { readonly available: false; readonly reason: string };
  /** Minutes from the start of the first session. */
  readonly timesMin: readonly number[];
  readonly medianNgPerMl: readonly number[];
  readonly p5?: readonly number[];
  readonly p95?: readonly number[];
  readonly peakNgPerMl: number;
  /** The virtual population of the band, or null when the model has no variability to sample. */
  readonly band: {
    readonly nSubjects: number;
    readonly seed: number;
    readonly percentiles: readonly [5, 95];
  } | null;
  /** Model-validity warnings and what was left out, in plain words. */
  readonly notes: readonly string[];
}

export interface PlanPredictionInput {
  readonly steps: readonly PlannedStep[];
  readonly schedule: readonly PlannedSession[];
  readonly patient: PatientCovariates;
  readonly modelId?: string;
  readonly maxPoints?: number;
  readonly nSubjects?: number;
  readonly seed?: number;
}

const MS_PER_MIN = 60_000;

function offsetsMin(schedule: readonly PlannedSession[]): number[] {
  const first = Date.parse(schedule[0]?.startsAt ?? '');
  return schedule.map((s) => (Date.parse(s.startsAt) - first) / MS_PER_MIN);
}

/**
 * Points over each session and its decline up to the next session, at most `maxPoints`, ascending: half of a
 * session's share evenly over the infusion, half over the decline with quadratic spacing (dense just after
 * the infusion, where the level falls fastest, sparse before the next session), so the drawn curve follows
 * the decline instead of cutting across it.
 */
export function seriesTimesMin(
  schedule: readonly PlannedSession[],
  maxPoints: number,
  tailMin = PLAN_PREDICTION_TAIL_MIN,
): number[] {
  const offsets = offsetsMin(schedule);
  const perSession = Math.max(4, Math.floor(maxPoints / Math.max(1, schedule.length)));
  const during = Math.max(2, Math.floor(perSession / 2));
  const after = Math.max(2, perSession - during);
  const times = new Set<number>();
  schedule.forEach((s, i) => {
    const from = offsets[i] ?? 0;
    const next = offsets[i + 1];
    const end = Math.min(from + s.durationMin, next ?? Infinity);
    const until = next ?? end + tailMin;
    for (let k = 0; k < during; k += 1) times.add(Math.round(from + ((end - from) * k) / (during - 1)));
    for (let k = 1; k <= after; k += 1) {
      const t = Math.round(end + (until - end) * (k / after) ** 2);
      if (next === undefined || t < next) times.add(t);
    }
  });
  return [...times].sort((a, b) => a - b).slice(0, maxPoints);
}

function regimenOf(
  steps: readonly PlannedStep[],
  schedule: readonly PlannedSession[],
  modelRoutes: readonly string[],
): { doses: RegimenDose[]; left: string[] } {
  const doses: RegimenDose[] = [];
  const left: string[] = [];
  const offsets = offsetsMin(schedule);
  for (const step of steps) {
    const route = step.order.route;
    if (!modelRoutes.includes(route)) {
      left.push(`“${step.label}” (${route}) is not in the prediction: the model does not take that route.`);
    } else if (step.order.kind === 'infusion' && step.rateMgPerH !== null && step.durationMin !== null) {
      const { rateMgPerH, durationMin } = step;
      for (const at of offsets)
        doses.push({ route: 'iv-infusion', startMin: at, endMin: at + durationMin, rateMgPerH });
    } else if (
      step.order.kind === 'bolus' &&
      step.doseMg !== null &&
      route !== 'iv-infusion' &&
      route !== 'subcutaneous'
    ) {
      const { doseMg } = step;
      const doseRoute: DoseRoute = route;
      for (const at of offsets) doses.push({ route: doseRoute, atMin: at, doseMg });
    } else {
      left.push(`“${step.label}” (${route}) is not in the prediction.`);
    }
  }
  return { doses, left };
}

/** The predicted ketamine levels of the whole series for this patient. */
export function planPrediction(input: PlanPredictionInput): PlanPrediction {
  const modelId = input.modelId ?? PLAN_PREDICTION_MODEL_ID;
  const model = findModel(modelId);
  if (!model) throw new Error(`unknown model ${modelId}`);
  const timesMin = seriesTimesMin(input.schedule, input.maxPoints ?? PLAN_PREDICTION_MAX_POINTS);
  const { doses, left: notes } = regimenOf(input.steps, input.schedule, model.routes);
  const base = {
    modelId: model.id,
    modelTitle: model.title,
    samplingSite: model.samplingSite,
    analytes: ['ketamine'] as const,
    norketamine: {
      available: false as const,
      reason:
        model.analytes.metabolite === null
          ? NORKETAMINE_UNAVAILABLE
          : `${model.id}: the metabolite is not shown for plans`,
    },
    timesMin,
  };
  if (doses.length === 0) {
    return {
      ...base,
      medianNgPerMl: timesMin.map(() => 0),
      peakNgPerMl: 0,
      band: null,
      notes: [...notes, 'No dose of this plan can be predicted with this model.'],
    };
  }
  const regimen = { doses };
  if (model.iiv.length > 0) {
    const nSubjects = input.nSubjects ?? PLAN_PREDICTION_SUBJECTS;
    const seed = input.seed ?? PLAN_PREDICTION_SEED;
    const result = simulatePopulation({
      modelId,
      patient: input.patient,
      regimen,
      timesMin,
      nPatients: nSubjects,
      seed,
      percentiles: [5, 50, 95],
    });
    const series = (p: number): number[] =>
      result.ketamine.percentiles.find((x) => x.percentile === p)?.ngPerMl ?? [];
    const median = series(50);
    return {
      ...base,
      medianNgPerMl: median,
      p5: series(5),
      p95: series(95),
      peakNgPerMl: Math.max(0, ...median),
      band: { nSubjects, seed, percentiles: [5, 95] },
      notes: [...notes, ...result.warnings.map((w) => w.message), ...result.assumptions],
    };
  }
  const result = simulate({ modelId, patient: input.patient, regimen, timesMin });
  return {
    ...base,
    medianNgPerMl: result.ketamineNgPerMl,
    peakNgPerMl: Math.max(0, ...result.ketamineNgPerMl),
    band: null,
    notes: [
      ...notes,
      `${model.id} has no published between-subject variability: the typical patient’s curve is shown without a band.`,
      ...result.warnings.map((w) => w.message),
    ],
  };
}
