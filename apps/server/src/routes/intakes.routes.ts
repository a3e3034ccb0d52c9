/**
 * A patient's intake versions and qualification: clinicians read and save intakes (eligibility evaluated on
 * saving); only a physician signs the qualification. Live eligibility while typing is POST /api/rules/eligibility.
 */
import { ZPatientIdParams } from '@ketapath/core';
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta } from '../http/access.js';
import { getIntakes, getIntakeVersion, saveIntake } from '../services/intake.service.js';
import { signQualification } from '../services/qualification.service.js';
import { CONFLICT, NOT_FOUND, PROBLEMS } from './problem-responses.js';
import {
  asResponse,
  ZIntakesDto,
  ZIntakeVersionDto,
  ZPatientIntakeParams,
  ZQualificationDto,
  ZSaveIntakeBody,
  ZSignQualificationBody,
} from './intakes.schema.js';

const tags = ['intake and qualification'];

export function registerIntakeRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/patients/:patientId/intakes',
    {
      config: { access: 'chart:read' },
      schema: {
        tags,
        summary:
          'The latest intake with its eligibility result, the list of versions and the latest qualification',
        params: ZPatientIdParams,
        response: { 200: ZIntakesDto, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    async (request) =>
      asResponse(
        ZIntakesDto,
        await getIntakes(ctx, actorOf(request), requestMeta(request), request.params.patientId),
      ),
  );

  app.get(
    '/api/patients/:patientId/intakes/:version',
    {
      config: { access: 'chart:read' },
      schema: {
        tags,
        summary: 'One intake version as saved, with the eligibility result given at saving',
        params: ZPatientIntakeParams,
        response: { 200: ZIntakeVersionDto, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    async (request) =>
      asResponse(
        ZIntakeVersionDto,
        await getIntakeVersion(
          ctx,
          actorOf(request),
          requestMeta(request),
          request.params.patientId,
          request.params.version,
        ),
      ),
  );

  app.post(
    '/api/patients/:patientId/intakes',
    {
      config: { access: 'intake:write' },
      schema: {
        tags,
        summary: 'Save the next intake version; eligibility is evaluated with the clinic’s settings',
        description:
          'Send the version you edited (0 for the first); a stale one gets 409 INTAKE_VERSION_CONFLICT.',
        params: ZPatientIdParams,
        body: ZSaveIntakeBody,
        response: { 201: ZIntakeVersionDto, ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          asResponse(
            ZIntakeVersionDto,
            await saveIntake(
              ctx,
              actorOf(request),
              requestMeta(request),
              request.params.patientId,
              request.body,
            ),
          ),
        ),
  );

  app.post(
    '/api/patients/:patientId/qualifications',
    {
      config: { access: 'qualification:sign' },
      schema: {
        tags,
        summary: 'Sign the qualification on the latest intake version (physician only)',
        description:
          'Eligibility is evaluated again now. Not eligible → 409 QUALIFICATION_BLOCKED listing the blocking findings; every finding that needs review needs a reason in `overrides` (400); the clinic must have set session.qualification-valid-days (409 QUALIFICATION_VALIDITY_UNSET).',
        params: ZPatientIdParams,
        body: ZSignQualificationBody,
        response: { 201: ZQualificationDto, ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          asResponse(
            ZQualificationDto,
            await signQualification(
              ctx,
              actorOf(request),
              requestMeta(request),
              request.params.patientId,
              request.body,
            ),
          ),
        ),
  );
}
