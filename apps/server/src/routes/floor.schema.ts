/** Schema of the floor board: one chair per session of today, computed from its chart. */
import { z } from 'zod';

const ZTrend = z.enum(['up', 'down', 'flat']).nullable();

export const ZFloorChair = z.object({
  sessionId: z.string(),
  chair: z.string().nullable(),
  patient: z.object({ id: z.string(), displayName: z.string(), mrn: z.string().nullable() }),
  protocolName: z.string(),
  sessionNumber: z.number().int(),
  sessionCount: z.number().int(),
  state: z.string(),
  startedAt: z.string().nullable(),
  elapsedMin: z.number().nullable(),
  remainingMin: z.number().nullable(),
  currentRate: z.object({ value: z.number(), unit: z.string(), rateMlPerH: z.number() }).nullable(),
  lastVitals: z
    .object({
      at: z.string(),
      systolicMmHg: z.number().nullable(),
      diastolicMmHg: z.number().nullable(),
      heartRatePerMin: z.number().nullable(),
      spo2Percent: z.number().nullable(),
      respiratoryRatePerMin: z.number().nullable(),
    })
    .nullable(),
  trend: z
    .object({ systolic: ZTrend, heartRate: ZTrend, spo2: ZTrend, respiratoryRate: ZTrend })
    .describe('Direction between the last two readings (display only; any difference counts)'),
  openAlerts: z.object({
    stopAndCall: z.number(),
    pause: z.number(),
    slow: z.number(),
    watch: z.number(),
    other: z.number(),
  }),
  assignedNurse: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  version: z.number().int(),
});

export const ZFloorBoard = z.object({
  date: z.string().describe('Today in the clinic’s zone (the server’s TIME_ZONE)'),
  chairs: z.array(ZFloorChair),
});
