/**
 * Request and response schemas of /api/pharmacology/*: the same JSON shapes as `ketapath simulate` and the
 * engine (`modelId`, `patient`, `regimen`, `timesMin` or `grid`, …). They check types, known keys and the
 * per-request work bounds; the engine then checks meaning (end after start, routes the model supports, …)
 * and its issues come back as 400s naming the same JSON paths.
 */
import { z } from 'zod';
import { ROUTES, type Route } from '@ketapath/pharmacology';
import { PHARMACOLOGY_LIMITS as LIMITS } from '../services/pharmacology.service.js';

const ZRoute = z.enum(ROUTES as [Route, ...Route[]]);
const ZSex = z.enum(['male', 'female']);

export const ZPatientCovariates = z
  .object({
    weightKg: z.number().describe('Body weight (kg), > 0'),
    ageYears: z.number().describe('Age (years), ≥ 0'),
    sex: ZSex,
    heightCm: z.number().optional().describe('Height (cm), > 0'),
    raceAsian: z.boolean().optional().describe('Perez-Ruixo 2021 covariate'),
    raceJapanese: z.boolean().optional().describe('Perez-Ruixo 2021 covariate'),
  })
  .strict()
  .describe('Covariates only: no patient identity is sent or stored.');

export const ZRegimenDose = z
  .object({
    route: ZRoute,
    atMin: z.number().optional().describe('Time of a bolus or extravascular dose (min)'),
    doseMg: z.number().optional().describe('Dose (mg); or doseMgPerKg'),
    doseMgPerKg: z.number().optional().describe('Dose (mg/kg)'),
    startMin: z.number().optional().describe('iv-infusion: start (min)'),
    endMin: z.number().optional().describe('iv-infusion: end (min), after startMin'),
    rateMgPerH: z.number().optional().describe('iv-infusion: rate (mg/h); or rateMgPerKgPerH'),
    rateMgPerKgPerH: z.number().optional().describe('iv-infusion: rate (mg/kg/h)'),
  })
  .strict()
  .describe(
    'One administration: {"route":"iv-bolus","atMin":0,"doseMg":35}, {"route":"iv-infusion","startMin":0,"endMin":240,"rateMgPerH":24.5}, ' +
      '{"route":"intranasal"|"oral"|"intramuscular"|"sublingual","atMin":0,"doseMg":50}; per-kg forms doseMgPerKg / rateMgPerKgPerH. Overlapping infusions add up.',
  );

/** A regimen of at most `maxDoses` administrations. */
function regimenOf(maxDoses: number) {
  return z.object({ doses: z.array(ZRegimenDose).max(maxDoses, `at most ${maxDoses} doses per request`).describe(`At most ${maxDoses} doses.`) }).strict();
}

const ZGrid = z
  .object({
    stepMin: z.number().describe('Grid step (min), > 0'),
    untilMin: z.number().describe('Last time (min)'),
    fromMin: z.number().optional().describe('First time (min), default 0'),
  })
  .strict();

const simulateFields = {
  modelId: z.string().describe('Model id, e.g. ketamine/kamp-2020 (GET /api/pharmacology/models)'),
  patient: ZPatientCovariates,
  thresholdNgPerMl: z.number().optional().describe('Report time above this parent concentration (ng/mL)'),
};

export const ZSimulateBody = z
  .object({
    ...simulateFields,
    regimen: regimenOf(LIMITS.simulateDoses),
    timesMin: z
      .array(z.number())
      .max(LIMITS.simulateTimePoints, `at most ${LIMITS.simulateTimePoints} time points per request`)
      .optional()
      .describe(`Ascending output times (min); or grid. At most ${LIMITS.simulateTimePoints} points.`),
    grid: ZGrid.optional().describe(`Uniform output grid; at most ${LIMITS.simulateTimePoints} points.`),
  })
  .strict();

export const ZPopulationBody = z
  .object({
    ...simulateFields,
    regimen: regimenOf(LIMITS.populationDoses),
    timesMin: z
      .array(z.number())
      .max(LIMITS.populationTimePoints, `at most ${LIMITS.populationTimePoints} time points per population request`)
      .optional()
      .describe(`Ascending output times (min); or grid. At most ${LIMITS.populationTimePoints} points.`),
    grid: ZGrid.optional().describe(`Uniform output grid; at most ${LIMITS.populationTimePoints} points.`),
    nPatients: z
      .number()
      .int()
      .min(1)
      .max(LIMITS.populationPatients, `at most ${LIMITS.populationPatients} virtual patients per request (use \`ketapath simulate --population\` for more)`)
      .describe(`Virtual patients, 1–${LIMITS.populationPatients}`),
    seed: z.number().int().describe('Random seed; the same seed gives the same bands'),
    percentiles: z.array(z.number()).min(1).max(20).optional().describe('Default 5, 25, 50, 75, 95'),
    assumedIivCvPercent: z
      .record(z.string(), z.number())
      .optional()
      .describe('Assumed variability, CV % per model parameter (e.g. {"CL":30}); labelled as an assumption in the result. Needed for models without published variability.'),
  })
  .strict();

export const ZTciBody = z
  .object({
    modelId: z.string().describe('Model id with an iv-infusion route'),
    patient: ZPatientCovariates,
    targetNgPerMl: z.number().describe('Target plasma concentration (ng/mL), > 0'),
    durationMin: z.number().describe('How long to hold the target (min), > 0'),
    stepMin: z.number().optional().describe(`Constant-rate step (min), default 1; at most ${LIMITS.tciSteps} steps per request`),
    maxRateMgPerH: z.number().optional().describe('Pump limit (mg/h)'),
    allowBolus: z.boolean().optional().describe('Default true: start with a loading bolus'),
  })
  .strict();

export type SimulateBody = z.infer<typeof ZSimulateBody>;
export type PopulationBody = z.infer<typeof ZPopulationBody>;
export type TciBody = z.infer<typeof ZTciBody>;

// Responses: every key the engine returns (the serializer drops keys a schema does not list).

const ZModelSummary = z.object({
  id: z.string(),
  title: z.string(),
  drug: z.enum(['racemic-ketamine', 'esketamine']),
  grade: z.enum(['A', 'B', 'C']),
  samplingSite: z.enum(['arterial', 'venous', 'not found']),
  analytes: z.object({ parent: z.enum(['ketamine', 'esketamine']), metabolite: z.enum(['norketamine', 'noresketamine']).nullable() }),
  modelsMdSection: z.string(),
});

const ZPkWarning = z.object({
  code: z.string().describe('e.g. weight-outside-studied-range, route-not-studied, metabolite-apparent, model-flag'),
  severity: z.enum(['caution', 'info']),
  message: z.string(),
  detail: z.string().optional(),
});

const ZAnalyteSummary = z.object({
  cmaxNgPerMl: z.number(),
  tmaxMin: z.number(),
  aucNgMinPerMl: z.number().describe('Exact AUC over [aucFromMin, aucToMin] (ng·min/mL)'),
  aucFromMin: z.number(),
  aucToMin: z.number(),
  timeAboveThresholdMin: z.number().optional(),
});

export const ZSimulateResponse = z.object({
  model: ZModelSummary,
  unit: z.literal('ng/mL'),
  timesMin: z.array(z.number()),
  ketamineNgPerMl: z.array(z.number()).describe('Parent drug (ketamine, or esketamine for an esketamine model)'),
  norketamineNgPerMl: z.array(z.number()).nullable().describe('Metabolite; null when the model has none'),
  warnings: z.array(ZPkWarning),
  summary: z.object({
    ketamine: ZAnalyteSummary,
    norketamine: ZAnalyteSummary.nullable(),
    thresholdNgPerMl: z.number().nullable(),
    troughs: z.array(z.object({ beforeDoseAtMin: z.number(), parentNgPerMl: z.number(), metaboliteNgPerMl: z.number().nullable() })),
  }),
});

const ZAnalyteBands = z.object({
  percentiles: z.array(z.object({ percentile: z.number(), ngPerMl: z.array(z.number()) })),
  fractionAboveThreshold: z.array(z.number()).nullable(),
});

export const ZPopulationResponse = z.object({
  model: ZModelSummary,
  unit: z.literal('ng/mL'),
  timesMin: z.array(z.number()),
  nPatients: z.number(),
  seed: z.number(),
  variability: z.array(z.object({ parameter: z.string(), scale: z.enum(['log', 'logit']), omega: z.number(), source: z.enum(['published', 'assumption']), note: z.string() })).readonly(),
  assumptions: z.array(z.string()).readonly().describe('Plain-language assumptions; empty only when all variability is published'),
  thresholdNgPerMl: z.number().nullable(),
  ketamine: ZAnalyteBands,
  norketamine: ZAnalyteBands.nullable(),
  warnings: z.array(ZPkWarning),
});

export const ZTciResponse = z.object({
  model: ZModelSummary,
  targetNgPerMl: z.number(),
  bolusMg: z.number(),
  bolusMgPerKg: z.number(),
  steps: z.array(z.object({ startMin: z.number(), endMin: z.number(), rateMgPerH: z.number(), rateMgPerKgPerH: z.number() })),
  totalDoseMg: z.number(),
  regimen: z.object({ doses: z.array(ZRegimenDose) }).describe('The plan as a regimen accepted by /simulate'),
  verification: ZSimulateResponse,
  maxDeviationFraction: z.number().describe('Largest |C − target| / target after the target was first reached'),
  reachedTargetAtMin: z.number().nullable(),
});

const ZRange = z.tuple([z.number(), z.number()]).readonly();

export const ZModelListing = z.object({
  id: z.string(),
  title: z.string(),
  drug: z.enum(['racemic-ketamine', 'esketamine']),
  analytes: ZModelSummary.shape.analytes,
  population: z.string(),
  structure: z.string(),
  routes: z.array(ZRoute).readonly(),
  studiedRoutes: z.array(ZRoute).readonly(),
  samplingSite: ZModelSummary.shape.samplingSite,
  validity: z.object({
    ageYears: ZRange.optional(),
    weightKg: ZRange.optional(),
    population: z.enum(['adult', 'paediatric', 'mixed', 'not found']),
    source: z.string(),
  }),
  grade: z.enum(['A', 'B', 'C']),
  gradeNote: z.string(),
  hasPublishedIiv: z.boolean(),
  citation: z.object({
    authors: z.string(),
    title: z.string(),
    journal: z.string(),
    year: z.number(),
    doi: z.string().nullable(),
    pmid: z.string().nullable(),
    locator: z.string(),
    modelsMdSection: z.string(),
  }),
  flags: z.array(z.object({ code: z.string(), message: z.string() })).readonly(),
  parameters: z.array(z.object({ name: z.string(), value: z.number(), unit: z.string(), description: z.string() })).readonly(),
  isDefault: z.boolean(),
});
