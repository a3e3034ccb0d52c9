/**
 * Schemas of the session chart routes: chart entries in (the @ketapath/core chart vocabulary), the monitor
 * bridge's vital signs, and the answers. Answers list every field; the computed chart and the rules'
 * evaluation are passed through whole (their shapes are @ketapath/charting's and @ketapath/clinical-rules').
 */
import { z } from 'zod';
import { ZIsoDateTime, ZSessionVitals, ZUuid } from '@ketapath/core';

export const ZSessionIdParams = z.strictObject({ sessionId: ZUuid });

const ZStaffStamp = z.object({ userId: z.string(), email: z.string(), role: z.string() });

export const ZSessionEntryOut = z
  .object({
    seq: z.number().int(),
    data: z.unknown().describe('The entry as posted (core ZSessionEntryData), by kind'),
    occurredAt: z.string(),
    recordedAt: z.string(),
    recordedBy: ZStaffStamp.nullable().describe(
      'The staff member; null when a monitor-bridge device recorded it',
    ),
    deviceId: z.string().nullable(),
    clientEntryId: z.string().nullable(),
  })
  .describe('One chart entry as stored');

export const ZPostEntryResponse = z.object({
  entry: ZSessionEntryOut,
  session: z.object({ version: z.number().int(), state: z.string(), lastSeq: z.number().int() }),
  raisedAlerts: z.array(ZSessionEntryOut).describe('Alert entries the session rules raised on this entry'),
});

const ZPerson = z.object({ id: z.string(), displayName: z.string() });

export const ZChartSessionInfo = z.object({
  id: z.string(),
  version: z.number().int().describe('Send as expectedVersion with state-changing entries'),
  state: z.string(),
  lastSeq: z.number().int(),
  patient: z.object({
    id: z.string(),
    displayName: z.string(),
    mrn: z.string(),
    dateOfBirth: z.string(),
    sexAtBirth: z.string(),
    isDemo: z.boolean(),
  }),
  protocolName: z.string(),
  protocolId: z.string(),
  protocolVersion: z.number().int(),
  sessionNumber: z.number().int(),
  sessionCount: z.number().int(),
  scheduledStart: z.string(),
  plannedDurationMin: z.number().int(),
  chair: z.string().nullable(),
  assignedNurse: ZPerson.nullable(),
  planId: z.string(),
  planVersion: z.number().int(),
  order: z.unknown().describe('The plan step’s infusion order (core ZOrder), or null'),
  doseWeightKg: z.number().nullable(),
  clinicName: z.string(),
});

export const ZChartResponse = z.object({
  session: ZChartSessionInfo,
  entries: z.array(ZSessionEntryOut),
  chart: z.unknown().describe('The chart computed from its entries (@ketapath/charting ChartState)'),
  evaluation: z
    .unknown()
    .describe(
      'The session rules at the server’s time (SessionResult: status, phase, findings, checklist, discharge)',
    ),
  prediction: z
    .object({
      modelId: z.string(),
      modelTitle: z.string(),
      samplingSite: z.string(),
      analyte: z.literal('ketamine'),
      startIso: z.string().describe('Minute 0 of timesMin'),
      timesMin: z.array(z.number()),
      ngPerMl: z.array(z.number()),
      weightKg: z.number(),
      norketamine: z.object({ available: z.literal(false), reason: z.string() }),
    })
    .nullable()
    .describe('Predicted plasma ketamine from the doses actually given; null before any dose'),
});

export const ZPatientSessions = z.object({
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      sessionNumber: z.number().int(),
      sessionCount: z.number().int(),
      protocolName: z.string(),
      scheduledStart: z.string(),
      plannedDurationMin: z.number().int(),
      startedAt: z.string().nullable(),
      stoppedAt: z.string().nullable(),
      state: z.string(),
      administeredMg: z
        .number()
        .nullable()
        .describe('Computed from the rate history (exact, to the µg), never typed'),
      alertCount: z.number().int(),
      openAlertCount: z.number().int(),
      painBefore: z.number().nullable(),
      painAfter: z.number().nullable(),
      chair: z.string().nullable(),
      planId: z.string(),
      planVersion: z.number().int(),
      version: z.number().int(),
    }),
  ),
});

/** A monitor bridge's reading: the vital signs only (no baseline mark; the source is always 'device'). */
export const ZDeviceVitalsBody = z.strictObject({
  clientEntryId: ZUuid.describe(
    'Idempotency key: a retry with the same id is answered with the stored entry',
  ),
  occurredAt: ZIsoDateTime.describe('When the monitor took the reading'),
  vitals: ZSessionVitals.omit({ at: true }),
});

export const ZDeviceVitalsResponse = z.object({
  seq: z.number().int(),
  raisedAlerts: z.array(ZSessionEntryOut),
});
