/**
 * Schemas of a patient's intakes and qualification: saved intake versions with the eligibility result given
 * at saving, and the physician's signature with the reasons for each reviewed finding.
 */
import { z } from 'zod';
import { ZEligibilityStatus, ZIntake, ZUuid } from '@ketapath/core';
import { ZEligibilityResponse } from './rules.schema.js';

export const ZStaffStamp = z
  .object({ email: z.string(), role: z.string() })
  .describe('The user as they were when they signed or saved');

export const ZPatientIntakeParams = z.strictObject({
  patientId: ZUuid,
  version: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(1_000_000),
});

export const ZIntakeVersionDto = z.object({
  version: z.number().int(),
  intake: ZIntake,
  eligibility: ZEligibilityResponse.describe(
    'The eligibility result as evaluated when this version was saved',
  ),
  createdAt: z.string(),
  createdBy: ZStaffStamp,
});

export const ZOverrideReason = z.strictObject({
  ruleId: z
    .string({ message: 'must be a rule id' })
    .regex(/^[a-z]+\/[a-z0-9-]+$/, "must be a rule id such as 'eligibility/renal-function'"),
  reason: z
    .string({ message: 'must be text' })
    .trim()
    .min(3, 'must be at least 3 characters')
    .max(1000, 'must be at most 1000 characters'),
});

export const ZQualificationDto = z.object({
  id: z.string(),
  intakeVersion: z.number().int(),
  eligibilityStatus: ZEligibilityStatus,
  decision: z
    .enum(['eligible', 'eligible-with-precautions'])
    .describe('The physician’s decision: reviewed findings with reasons make it eligible with precautions'),
  eligibility: ZEligibilityResponse.describe('The eligibility result re-evaluated at signing'),
  overrides: z.array(z.object({ ruleId: z.string(), ruleVersion: z.number().int(), reason: z.string() })),
  signedAt: z.string(),
  signedBy: ZStaffStamp,
  expiresAt: z.string(),
  expired: z.boolean(),
  current: z.boolean().describe('Unexpired and signed on the latest intake version'),
});

export const ZIntakesDto = z.object({
  current: ZIntakeVersionDto.nullable(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      eligibilityStatus: ZEligibilityStatus,
      createdAt: z.string(),
      createdBy: ZStaffStamp,
    }),
  ),
  qualification: ZQualificationDto.nullable().describe('The latest qualification'),
});

export const ZSaveIntakeBody = z.strictObject({
  intake: ZIntake,
  expectedVersion: z
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .describe('The version you edited; 0 for the first intake'),
});

export const ZSignQualificationBody = z.strictObject({
  intakeVersion: z.number({ message: 'must be a whole number' }).int('must be a whole number').min(1),
  overrides: z
    .array(ZOverrideReason)
    .max(100)
    .describe('A reason for every finding that needs a physician’s review'),
});

/**
 * A service's answer typed as its route's response schema. Engine results are interfaces (readonly arrays,
 * further detail) that the loose response schemas describe but TypeScript cannot match; the serializer
 * validates every answer against the schema at run time.
 */
export function asResponse<S extends z.ZodType>(_schema: S, value: unknown): z.infer<S> {
  return value as z.infer<S>;
}
