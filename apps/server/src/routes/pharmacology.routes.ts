/**
 * Pharmacology for signed-in staff: the model list, one-patient simulation, population bands and
 * target-controlled infusion. Covariates only, no patient identity, so no audit rows.
 */
import { z } from 'zod';
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { listPharmacologyModels, planTargetControlledInfusion, simulateRegimen, simulateVirtualPopulation, PHARMACOLOGY_LIMITS } from '../services/pharmacology.service.js';
import { PROBLEMS } from './problem-responses.js';
import { ZModelListing, ZPopulationBody, ZPopulationResponse, ZSimulateBody, ZSimulateResponse, ZTciBody, ZTciResponse } from './pharmacology.schema.js';

const tags = ['pharmacology'];

export function registerPharmacologyRoutes(app: ZodApp, _ctx: AppContext): void {
  app.get(
    '/api/pharmacology/models',
    {
      config: { access: 'session' },
      schema: { tags, summary: 'Every PK model: population, routes, validity ranges, evidence grade, citation', response: { 200: z.object({ items: z.array(ZModelListing) }), ...PROBLEMS } },
    },
    () => ({ items: listPharmacologyModels() }),
  );

  app.post(
    '/api/pharmacology/simulate',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Plasma ketamine and norketamine (ng/mL) for one patient and a regimen',
        description: `Same shapes as \`ketapath simulate --format json\`. Give timesMin or grid (at most ${PHARMACOLOGY_LIMITS.simulateTimePoints} points); at most ${PHARMACOLOGY_LIMITS.simulateDoses} doses. A 400 names the field, e.g. regimen.doses[1].endMin.`,
        body: ZSimulateBody,
        response: { 200: ZSimulateResponse, ...PROBLEMS },
      },
    },
    (request) => simulateRegimen(request.body),
  );

  app.post(
    '/api/pharmacology/population',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Percentile bands over virtual patients with the model’s (or stated) variability',
        description: `At most ${PHARMACOLOGY_LIMITS.populationPatients} virtual patients, ${PHARMACOLOGY_LIMITS.populationTimePoints} time points and ${PHARMACOLOGY_LIMITS.populationDoses} doses per request (the server is shared; use the CLI for larger runs). Seeded: the same request gives the same bands.`,
        body: ZPopulationBody,
        response: { 200: ZPopulationResponse, ...PROBLEMS },
      },
    },
    (request) => simulateVirtualPopulation(request.body),
  );

  app.post(
    '/api/pharmacology/tci',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Target-controlled infusion: bolus and stepwise rates to reach and hold a plasma target, verified by simulation',
        description: `At most ${PHARMACOLOGY_LIMITS.tciSteps} steps (durationMin / stepMin) per request.`,
        body: ZTciBody,
        response: { 200: ZTciResponse, ...PROBLEMS },
      },
    },
    (request) => planTargetControlledInfusion(request.body),
  );
}
