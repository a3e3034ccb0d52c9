/**
 * The clinic's values for the clinical rules' parameters: read by clinicians, changed (with a reason, against
 * the version read) by the admin and physicians. Every change is kept and audited.
 */
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta } from '../http/access.js';
import {
  changeClinicalSetting,
  getSettingHistory,
  listClinicalSettings,
} from '../services/clinical-settings.service.js';
import { CONFLICT, NOT_FOUND, PROBLEMS } from './problem-responses.js';
import {
  ZChangeSettingBody,
  ZClinicalSetting,
  ZClinicalSettingList,
  ZSettingHistory,
  ZSettingParams,
} from './settings.schema.js';

const tags = ['clinical settings'];

export function registerSettingsRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/settings/clinical',
    {
      config: { access: 'settings:read' },
      schema: {
        tags,
        summary:
          'Every rule parameter with the value in force in your clinic, its origin (default or clinic) and last change',
        response: { 200: ZClinicalSettingList, ...PROBLEMS },
      },
    },
    async (request) => ({ settings: await listClinicalSettings(ctx, actorOf(request)) }),
  );

  app.put(
    '/api/settings/clinical/:parameterId',
    {
      config: { access: 'settings:manage' },
      schema: {
        tags,
        summary:
          'Set a rule parameter for your clinic (null: back to the default); give a reason and the version you read',
        description:
          'A value outside the parameter’s range gets 400 naming `value`; a stale expectedVersion gets 409 SETTING_VERSION_CONFLICT.',
        params: ZSettingParams,
        body: ZChangeSettingBody,
        response: { 200: ZClinicalSetting, ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
      },
    },
    (request) =>
      changeClinicalSetting(
        ctx,
        actorOf(request),
        requestMeta(request),
        request.params.parameterId,
        request.body,
      ),
  );

  app.get(
    '/api/settings/clinical/:parameterId/history',
    {
      config: { access: 'settings:read' },
      schema: {
        tags,
        summary:
          'Every change your clinic made to one parameter, newest first: who, when, old and new value, why',
        params: ZSettingParams,
        response: { 200: ZSettingHistory, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    async (request) => ({
      changes: await getSettingHistory(ctx, actorOf(request), request.params.parameterId),
    }),
  );
}
