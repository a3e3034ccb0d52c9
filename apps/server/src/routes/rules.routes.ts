/**
 * The clinical rules: the catalogue (any signed-in user) and the evaluations (physicians and nurses), each
 * with the clinic's current settings and the server's clock. Results are spread into plain objects: the
 * response schemas pass the engine's further detail through (loose objects), which an interface type cannot
 * be checked against.
 */
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta } from '../http/access.js';
import {
  checkOrderAgainstProtocol,
  evaluateSessionSnapshot,
  getRulesCatalogue,
  screenEligibility,
} from '../services/rules.service.js';
import { NOT_FOUND, PROBLEMS } from './problem-responses.js';
import {
  ZCheckOrderBody,
  ZCheckOrderResponse,
  ZEligibilityBody,
  ZEligibilityResponse,
  ZRulesCatalogue,
  ZSessionBody,
  ZSessionResponse,
} from './rules.schema.js';

const tags = ['clinical rules'];

export function registerRulesRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/rules',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary:
          'Every rule (area, severity, citations) and every parameter (default, evidence, range, rules using it)',
        response: { 200: ZRulesCatalogue, ...PROBLEMS },
      },
    },
    () => getRulesCatalogue(),
  );

  app.post(
    '/api/rules/eligibility',
    {
      config: { access: 'rules:evaluate' },
      schema: {
        tags,
        summary:
          'Screen an intake: status, findings (with inputs, thresholds and citations), tests due, interactions',
        body: ZEligibilityBody,
        response: { 200: ZEligibilityResponse, ...PROBLEMS },
      },
    },
    async (request) => ({
      ...(await screenEligibility(ctx, actorOf(request), requestMeta(request), request.body.intake)),
    }),
  );

  app.post(
    '/api/rules/check-order',
    {
      config: { access: 'rules:evaluate' },
      schema: {
        tags,
        summary:
          'Check an order against a protocol version (your clinic’s copy, else the library): verdict, findings, pump check',
        body: ZCheckOrderBody,
        response: { 200: ZCheckOrderResponse, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    async (request) => ({
      ...(await checkOrderAgainstProtocol(ctx, actorOf(request), requestMeta(request), request.body)),
    }),
  );

  app.post(
    '/api/rules/session',
    {
      config: { access: 'rules:evaluate' },
      schema: {
        tags,
        summary:
          'Session safety at the server’s time: status, findings with action tiers, checklist, rescue prompts, discharge',
        body: ZSessionBody,
        response: { 200: ZSessionResponse, ...PROBLEMS },
      },
    },
    async (request) => ({
      ...(await evaluateSessionSnapshot(ctx, actorOf(request), requestMeta(request), request.body.snapshot)),
    }),
  );
}
