/** Schemas of the monitor-bridge device routes. */
import { z } from 'zod';
import { ZUuid } from '@ketapath/core';

export const ZDeviceIdParams = z.strictObject({ deviceId: ZUuid });

export const ZCreateDeviceBody = z.strictObject({
  label: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(100, 'must be at most 100 characters')
    .describe('Where the device is, e.g. "Chair 3 monitor"'),
});

export const ZDevice = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), displayName: z.string() }),
  revokedAt: z.string().nullable(),
});

export const ZCreatedDevice = ZDevice.extend({
  token: z.string().describe('The bearer token, shown this once (only its hash is stored)'),
});

export const ZDeviceList = z.object({ devices: z.array(ZDevice) });
