/** Schemas of /api/protocols: the library and clinic protocol list, one protocol with its versions, copies and new versions. */
import { z } from 'zod';
import { ZEvidenceLabel, ZProtocol, ZProtocolId, ZProtocolRoute, ZProtocolVersion } from '@ketapath/core';

const ZOrigin = z
  .enum(['library', 'clinic'])
  .describe('library: shipped, read-only; clinic: your clinic’s own copy');
const ZReason = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(500, 'must be at most 500 characters');

export const ZProtocolSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  indication: z.string(),
  route: z.string().describe('The routes, comma-separated'),
  routes: z.array(ZProtocolRoute).readonly(),
  evidence: ZEvidenceLabel,
  origin: ZOrigin,
  basedOn: z.object({ id: z.string(), version: z.number().int() }).optional(),
  updatedAt: z.string().optional().describe('When the latest clinic version was saved'),
});

export const ZProtocolList = z.object({ protocols: z.array(ZProtocolSummary) });

export const ZProtocolParams = z.strictObject({ protocolId: ZProtocolId });
export const ZProtocolVersionParams = z.strictObject({
  protocolId: ZProtocolId,
  version: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more'),
});

export const ZProtocolDetail = z.object({
  protocol: ZProtocol,
  origin: ZOrigin,
  versions: z
    .array(
      z.object({
        version: z.number().int(),
        createdAt: z.string().nullable().describe('null for library versions'),
        createdBy: z.object({ email: z.string(), role: z.string() }).nullable(),
        reason: z.string(),
      }),
    )
    .describe('Newest first'),
});

export const ZProtocolVersionResponse = z.object({ protocol: ZProtocol, origin: ZOrigin });

export const ZCreateProtocolBody = z.strictObject({
  basedOn: z
    .strictObject({ protocolId: ZProtocolId, version: ZProtocolVersion })
    .describe('The library (or clinic) protocol version this copy starts from'),
  protocol: ZProtocol.describe(
    'The copy under a new id (not a library or existing clinic id); its version is set to 1',
  ),
  reason: ZReason,
});

export const ZUpdateProtocolBody = z.strictObject({
  protocol: ZProtocol.describe(
    'The full protocol; its id must match the path, its version is set to expectedVersion + 1',
  ),
  reason: ZReason,
  expectedVersion: ZProtocolVersion.describe('The version you read; a stale one gets 409'),
});
