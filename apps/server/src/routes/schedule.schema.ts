/** Schemas of the day's schedule and of moving a session (chair, time, nurse). No clinical content. */
import { z } from 'zod';
import { ZIsoDate, ZIsoDateTime, ZUuid } from '@ketapath/core';

const ZPerson = z.object({ id: z.string(), displayName: z.string() });

export const ZScheduleItem = z.object({
  sessionId: z.string(),
  patient: z.object({ id: z.string(), displayName: z.string(), mrn: z.string() }),
  protocolName: z.string(),
  sessionNumber: z.number().int(),
  sessionCount: z.number().int(),
  scheduledStart: z.string(),
  plannedDurationMin: z.number().int(),
  chair: z.string().nullable(),
  assignedNurse: ZPerson.nullable(),
  state: z.string(),
  version: z.number().int().describe('Send back as expectedVersion when moving the session'),
});

export const ZScheduleQuery = z.strictObject({
  date: ZIsoDate.optional().describe('The clinic’s calendar day (YYYY-MM-DD); today when omitted'),
});

export const ZScheduleDay = z.object({
  date: z.string(),
  timeZone: z.string().describe('The zone the day is counted in (the server’s TIME_ZONE)'),
  sessions: z.array(ZScheduleItem),
  nurses: z.array(ZPerson).describe('Active nurses and physicians who may be assigned'),
});

export const ZRescheduleBody = z.strictObject({
  chair: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(40, 'must be at most 40 characters')
    .nullable()
    .optional(),
  assignedNurseId: ZUuid.nullable().optional(),
  scheduledStart: ZIsoDateTime.optional(),
  expectedVersion: z.number({ message: 'must be the version you read' }).int().min(0),
});
