/**
 * Schemas of /api/rules: the rule and parameter catalogue, and the evaluations (eligibility, order check,
 * session). Inputs are the @ketapath/core schemas the engine is written against; answers validate the
 * verdict and each finding's frame, and pass the engine's detail through.
 */
import { z } from 'zod';
import {
  ZEligibilityStatus,
  ZIntake,
  ZOrder,
  ZOrderHistory,
  ZOrderPatient,
  ZProtocolId,
  ZProtocolVersion,
  ZSessionPhase,
  ZSessionSnapshot,
} from '@ketapath/core';
import { SEVERITIES, ACTION_TIERS } from '@ketapath/clinical-rules';

export const ZSettingValue = z.union([z.number(), z.boolean(), z.string()]);
const ZEvidence = z
  .enum(['G', 'L', 'T', 'P'])
  .describe('REFERENCE.md label: guideline, label/regulation, trial, practice');
const ZVerification = z.enum(['verified', 'unverified', 'not-found']);

export const ZCitation = z.object({
  section: z.string().describe('REFERENCE.md section, e.g. §4.2'),
  source: z.string().describe('REFERENCE.md source key, e.g. S30'),
  note: z.string(),
});

export const ZParameterDescriptor = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  kind: z.enum(['number', 'boolean', 'choice']),
  unit: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
  choices: z.array(z.string()).readonly().optional(),
  default: ZSettingValue.nullable().describe(
    'null: REFERENCE.md gives no value; the clinic must set one before the rules using it run',
  ),
  defaultBasis: z.string(),
  evidence: ZEvidence,
  verification: ZVerification,
  requiresClinicValue: z.boolean(),
  citations: z.array(ZCitation).readonly(),
  usedBy: z.array(z.string()).readonly(),
});

export const ZRuleDescriptor = z.object({
  id: z.string(),
  version: z.number().int(),
  area: z.enum(['eligibility', 'order', 'session', 'discharge', 'ledger']),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  description: z.string(),
  parameters: z.array(z.string()).readonly(),
  citations: z.array(ZCitation.extend({ sectionTitle: z.string(), sourceTitle: z.string() })).readonly(),
});

export const ZRulesCatalogue = z.object({
  rules: z.array(ZRuleDescriptor),
  parameters: z.array(ZParameterDescriptor),
});

const ZUsedParameter = z.object({
  id: z.string(),
  label: z.string(),
  value: ZSettingValue,
  unit: z.string().optional(),
  origin: z.enum(['default', 'clinic']),
  evidence: ZEvidence,
  verification: ZVerification,
  basis: z.string(),
});

export const ZFinding = z.object({
  ruleId: z.string(),
  ruleVersion: z.number().int(),
  severity: z.enum(SEVERITIES),
  title: z.string(),
  message: z.string(),
  inputs: z.record(z.string(), z.unknown()).describe('The input values the rule looked at'),
  parameters: z
    .array(ZUsedParameter)
    .readonly()
    .describe('The thresholds it compared them with, with origin and evidence'),
  citations: z.array(ZCitation).readonly(),
  actionTier: z.enum(ACTION_TIERS).optional(),
  slip: z.string().optional(),
  unconfigured: z
    .array(z.string())
    .readonly()
    .optional()
    .describe('Settings the clinic must make before this rule runs'),
});

export const ZFindings = z.array(ZFinding).readonly();

// Evaluations: the verdict and the findings are checked; the engine's further detail passes through as is.

export const ZEligibilityBody = z.strictObject({ intake: ZIntake });

export const ZEligibilityResponse = z.looseObject({
  status: ZEligibilityStatus,
  findings: ZFindings,
  conditionEvidence: z.unknown().describe('REFERENCE §1.2 evidence for the primary condition, or null'),
  testsDue: z.array(z.unknown()).readonly().describe('Pre-infusion tests due (REFERENCE §1.6)'),
  interactions: z
    .array(z.unknown())
    .readonly()
    .describe('Interactions with current medications (REFERENCE §5.2)'),
  evaluatedAt: z.string(),
});

export const ZCheckOrderBody = z.strictObject({
  protocolId: ZProtocolId.describe('A library or clinic protocol id; must be the order’s'),
  protocolVersion: ZProtocolVersion.optional().describe('Defaults to the version the order names'),
  patient: ZOrderPatient,
  order: ZOrder,
  history: ZOrderHistory.optional().describe(
    'Earlier orders and administrations (per-day, per-week and duplicate checks)',
  ),
});

export const ZCheckOrderResponse = z.looseObject({
  verdict: z.enum(['accept', 'warn', 'override-required', 'blocked']),
  findings: ZFindings,
  pump: z.unknown().describe('What the pump setting will deliver'),
  reverseCheck: z.unknown(),
  protocol: z
    .object({ id: z.string(), version: z.number().int(), name: z.string() })
    .describe('The protocol version the order was checked against'),
});

export const ZSessionBody = z.strictObject({
  snapshot: ZSessionSnapshot.describe('The session as known now; the server’s time replaces `now`'),
});

export const ZSessionResponse = z.looseObject({
  status: z.enum(['ok', 'warn', 'needs-ack', 'blocked']),
  phase: ZSessionPhase,
  findings: ZFindings,
  checklist: z.array(z.unknown()).readonly(),
  rescuePrompts: z.array(z.unknown()).readonly(),
  discharge: z.unknown(),
  evaluatedAt: z.string(),
});
