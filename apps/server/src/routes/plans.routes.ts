/**
 * Treatment plans: clinicians preview a plan drafted from a protocol (orders, checks, schedule, predicted
 * levels) and read signed plans; only a physician signs, and a change is signed as the next version.
 */
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta } from '../http/access.js';
import { getPlanVersion, listPlans, previewPlan, signPlan } from '../services/plan.service.js';
import { CONFLICT, NOT_FOUND, PROBLEMS } from './problem-responses.js';
import {
  ZPlanBody,
  ZPlanList,
  ZPlanParams,
  ZPlanPreview,
  ZPlanVersionDto,
  ZPlanVersionParams,
  ZSignPlanBody,
} from './plans.schema.js';
import { asResponse } from './intakes.schema.js';

const tags = ['treatment plans'];

export function registerPlanRoutes(app: ZodApp, ctx: AppContext): void {
  app.post(
    '/api/patients/:patientId/plans/preview',
    {
      config: { access: 'chart:read' },
      schema: {
        tags,
        summary:
          'Draft a plan from a protocol: orders for the patient’s weight, order checks, schedule, predicted levels',
        description:
          'Nothing is saved. The weight is the latest recorded on or before the first session’s date unless weightKg is given (none → 409 WEIGHT_REQUIRED); a height must be recorded (409 HEIGHT_REQUIRED).',
        params: ZPlanParams,
        body: ZPlanBody,
        response: { 200: ZPlanPreview, ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
      },
    },
    async (request) =>
      asResponse(
        ZPlanPreview,
        await previewPlan(
          ctx,
          actorOf(request),
          requestMeta(request),
          request.params.patientId,
          request.body,
        ),
      ),
  );

  app.post(
    '/api/patients/:patientId/plans',
    {
      config: { access: 'plan:sign' },
      schema: {
        tags,
        summary: 'Sign a plan (physician only): saves the version and creates its sessions',
        description:
          'Needs a current qualification (409 QUALIFICATION_REQUIRED); a step the order check refuses → 409 PLAN_BLOCKED; findings that need a reason without one → 400 naming `overrides`. With planId: the next version (send expectedVersion and changeReason); the earlier version’s sessions not yet started are cancelled.',
        params: ZPlanParams,
        body: ZSignPlanBody,
        response: { 201: ZPlanVersionDto, ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          asResponse(
            ZPlanVersionDto,
            await signPlan(
              ctx,
              actorOf(request),
              requestMeta(request),
              request.params.patientId,
              request.body,
            ),
          ),
        ),
  );

  app.get(
    '/api/patients/:patientId/plans',
    {
      config: { access: 'chart:read' },
      schema: {
        tags,
        summary: 'The patient’s plans: each with its current version and the list of versions',
        params: ZPlanParams,
        response: { 200: ZPlanList, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    async (request) =>
      asResponse(
        ZPlanList,
        await listPlans(ctx, actorOf(request), requestMeta(request), request.params.patientId),
      ),
  );

  app.get(
    '/api/patients/:patientId/plans/:planId/versions/:version',
    {
      config: { access: 'chart:read' },
      schema: {
        tags,
        summary: 'One signed version of a plan (every version stays readable)',
        params: ZPlanVersionParams,
        response: { 200: ZPlanVersionDto, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    async (request) =>
      asResponse(
        ZPlanVersionDto,
        await getPlanVersion(
          ctx,
          actorOf(request),
          requestMeta(request),
          request.params.patientId,
          request.params.planId,
          request.params.version,
        ),
      ),
  );
}
