/**
 * Schemas of /api/settings/clinical: each rule parameter with the value in force in the clinic, a change
 * (value, reason, the version the user saw) and the change history.
 */
import { z } from 'zod';
import { ZParameterDescriptor, ZSettingValue } from './rules.schema.js';

const ZStaffStamp = z
  .object({ email: z.string(), role: z.string() })
  .describe('The user as they were when they made the change');

export const ZClinicalSetting = ZParameterDescriptor.extend({
  value: ZSettingValue.nullable().describe(
    'The value the rules use: the clinic’s, else the default; null when neither exists',
  ),
  origin: z.enum(['default', 'clinic']),
  version: z
    .number()
    .int()
    .describe('Changes the clinic made to this parameter; 0 = never changed. Send it as expectedVersion.'),
  changedAt: z.string().nullable(),
  changedBy: ZStaffStamp.nullable(),
});

export const ZClinicalSettingList = z.object({ settings: z.array(ZClinicalSetting) });

export const ZSettingParams = z.strictObject({
  parameterId: z.string().min(1).max(120).describe('A parameter id, e.g. session.sbp-stop-high-mmhg'),
});

export const ZChangeSettingBody = z.strictObject({
  value: ZSettingValue.nullable().describe(
    'The clinic’s value (in the parameter’s unit); null puts the parameter back to its default',
  ),
  reason: z
    .string()
    .trim()
    .min(3, 'must be at least 3 characters')
    .max(500, 'must be at most 500 characters')
    .describe('Why, for the history (3–500 characters)'),
  expectedVersion: z
    .number()
    .int()
    .min(0)
    .describe('The version you read (0 if never changed); a stale one gets 409'),
});

export const ZSettingHistory = z.object({
  changes: z.array(
    z.object({
      version: z.number().int(),
      value: ZSettingValue.nullable(),
      previousValue: ZSettingValue.nullable(),
      reason: z.string(),
      changedBy: ZStaffStamp,
      changedAt: z.string(),
    }),
  ),
});
