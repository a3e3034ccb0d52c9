/**
 * Schemas of treatment plans: the plan drafted from a protocol (preview), the signed versions, and the list.
 * Orders are core Orders; each order check passes the engine's detail through.
 */
import { z } from 'zod';
import { ZBag, ZIsoDateTime, ZOrder, ZProtocolId, ZProtocolVersion, ZUuid, ZWeightKg } from '@ketapath/core';
import { ZCheckOrderResponse } from './rules.schema.js';
import { ZOverrideReason, ZStaffStamp } from './intakes.schema.js';

export const ZPlanBody = z.strictObject({
  protocolId: ZProtocolId,
  protocolVersion: ZProtocolVersion,
  firstSessionAt: ZIsoDateTime.describe('When the first session starts'),
  sessionTimes: z
    .array(ZIsoDateTime)
    .min(1, 'list at least one session')
    .max(100, 'at most 100 sessions')
    .optional()
    .describe('Every session’s start, replacing the protocol’s spacing; the first is firstSessionAt'),
  weightKg: ZWeightKg.optional().describe(
    'Dose by this weight; else the latest weight recorded on or before the first session’s date',
  ),
  bag: ZBag,
  overrides: z
    .array(ZOverrideReason)
    .max(100)
    .default([])
    .describe('A physician’s reason for each order-check finding that needs one, by rule id'),
});

export const ZSignPlanBody = ZPlanBody.extend({
  planId: ZUuid.optional().describe('Sign the next version of this plan'),
  expectedVersion: z
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1)
    .optional()
    .describe('The plan version you changed (with planId)'),
  changeReason: z
    .string({ message: 'must be text' })
    .trim()
    .min(3, 'must be at least 3 characters')
    .max(500, 'must be at most 500 characters')
    .optional()
    .describe('Why the plan changes; required for version 2 and later'),
});

export const ZPlanParams = z.strictObject({ patientId: ZUuid });
export const ZPlanVersionParams = z.strictObject({
  patientId: ZUuid,
  planId: ZUuid,
  version: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(1_000_000),
});

const ZPrediction = z.object({
  modelId: z.string(),
  modelTitle: z.string(),
  samplingSite: z.string().describe('Where the model’s concentrations are sampled (arterial or venous)'),
  analytes: z.array(z.literal('ketamine')),
  norketamine: z.object({ available: z.literal(false), reason: z.string() }),
  timesMin: z.array(z.number()).describe('Minutes from the start of the first session'),
  medianNgPerMl: z.array(z.number()),
  p5: z.array(z.number()).optional(),
  p95: z.array(z.number()).optional(),
  peakNgPerMl: z.number(),
  band: z
    .object({ nSubjects: z.number().int(), seed: z.number().int(), percentiles: z.array(z.number()) })
    .nullable()
    .describe('The virtual population of the 5–95 % band; null when the model has no variability'),
  notes: z.array(z.string()),
});

export const ZPlanPreview = z.object({
  protocol: z.object({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    weightBasis: z.enum(['actual', 'ideal', 'adjusted']).nullable(),
  }),
  weight: z.object({
    weightKg: z.number(),
    measuredOn: z.string().nullable().describe('null: the weight was given for this plan'),
    doseWeightKg: z.number(),
    basis: z.enum(['actual', 'ideal', 'adjusted']),
  }),
  steps: z.array(
    z.object({
      stepIndex: z.number().int(),
      label: z.string(),
      basis: z.string().describe('How the starting amount was taken from the protocol'),
      order: ZOrder,
      check: ZCheckOrderResponse.omit({ protocol: true }),
    }),
  ),
  schedule: z.array(
    z.object({ sessionNumber: z.number().int(), startsAt: z.string(), durationMin: z.number() }),
  ),
  prediction: ZPrediction,
  canSign: z.boolean(),
  blockers: z.array(z.string()).describe('What keeps this plan from being signed now'),
});

export const ZPlanVersionDto = ZPlanPreview.extend({
  planId: z.string(),
  version: z.number().int(),
  signedAt: z.string(),
  signedBy: ZStaffStamp,
  qualificationId: z.string(),
  changeReason: z.string().nullable(),
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      sessionNumber: z.number().int(),
      scheduledStart: z.string(),
      plannedDurationMin: z.number().int(),
      state: z.string(),
    }),
  ),
});

export const ZPlanList = z.object({
  plans: z.array(
    z.object({
      planId: z.string(),
      current: ZPlanVersionDto,
      versions: z.array(
        z.object({
          version: z.number().int(),
          signedAt: z.string(),
          signedBy: ZStaffStamp,
          changeReason: z.string().nullable(),
        }),
      ),
    }),
  ),
});
