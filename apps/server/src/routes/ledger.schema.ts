/**
 * Schemas of the controlled-substance ledger routes. Request bodies are @ketapath/core's ledger schemas (mg
 * and mL as staff type them); answers are in whole micrograms (`…Ug`) and microlitres (`…Ul`), with the
 * entries as stored (core ZLedgerEntry) and the stock, balances, discrepancies and loss reports folded from
 * them by @ketapath/ledger.
 */
import { z } from 'zod';
import { CONTAINER_STATUSES, ZIsoDate, ZLedgerEntry, ZUuid } from '@ketapath/core';
import { ZFinding } from './rules.schema.js';

export const ZLocationIdParams = z.strictObject({ locationId: ZUuid });
export const ZContainerIdParams = z.strictObject({ containerId: ZUuid });
export const ZDiscrepancyIdParams = z.strictObject({ discrepancyId: ZUuid });
export const ZLossReportIdParams = z.strictObject({ lossReportId: ZUuid });

export const ZLocationQuery = z.strictObject({
  locationId: ZUuid.optional().describe("The registered location (default: the clinic's first)"),
});

export const ZEntriesQuery = z.strictObject({
  locationId: ZUuid.optional().describe("The registered location (default: the clinic's first)"),
  from: ZIsoDate.optional().describe('First day (YYYY-MM-DD, in the clinic’s time zone), inclusive'),
  to: ZIsoDate.optional().describe('Last day, inclusive'),
});

export const ZDiscrepancyQuery = z.strictObject({
  status: z.enum(['open', 'closed', 'all'], { message: 'must be open, closed or all' }).default('open'),
  locationId: ZUuid.optional().describe('Only this location (default: every location of the clinic)'),
});

export const ZLocationOut = z.object({
  id: z.string(),
  name: z.string(),
  deaRegistration: z
    .string()
    .nullable()
    .describe('null until recorded: reports say "DEA registration not recorded"'),
  address: z.string().nullable(),
  activity: z.string().nullable(),
  version: z
    .number()
    .int()
    .describe('Counts the location’s changes; an edit sends it back as expectedVersion'),
});
export const ZLocationList = z.object({ locations: z.array(ZLocationOut) });

export const ZEntryOut = ZLedgerEntry;

export const ZContainerOut = z.object({
  containerId: z.string(),
  label: z.string(),
  locationId: z.string(),
  lot: z.string(),
  ndc: z.string(),
  drugName: z.string(),
  form: z.string(),
  concentrationUgPerMl: z.number().int(),
  volumeUl: z.number().int().describe('The volume when received'),
  remainingUg: z.number().int(),
  remainingUl: z.number().int(),
  status: z.enum(CONTAINER_STATUSES),
  expiresOn: z.string().describe('Usable through this date (YYYY-MM-DD)'),
});

export const ZLotOut = z.object({
  lot: z.string(),
  ndc: z.string(),
  drugName: z.string(),
  expiresOn: z.string(),
  receivedUg: z.number().int(),
  drawnUg: z.number().int(),
  destroyedUg: z.number().int().describe('Destructions and wasted container remainders'),
  correctionsUg: z.number().int().describe('Losses, count adjustments and corrections (signed)'),
  onHandUg: z.number().int().describe('receivedUg − drawnUg − destroyedUg + correctionsUg'),
});

export const ZStockOut = z.object({
  locationId: z.string(),
  today: z.string().describe('The clinic’s date the stock was computed for; expiry is compared with it'),
  containers: z.array(ZContainerOut),
  lots: z.array(ZLotOut),
  findings: z.array(ZFinding).describe('The ledger rules on this stock: expiry, counts and inventories due'),
  lastCountAt: z.string().nullable(),
});

export const ZSessionBalanceOut = z.object({
  sessionId: z.string(),
  patientId: z.string().nullable(),
  drawnUg: z.number().int(),
  administeredUg: z
    .number()
    .int()
    .nullable()
    .describe('From the chart’s rate history, rounded half up to the µg; null before any dose'),
  administeredExact: z.string().nullable().describe("The exact administered dose, 'p/q µg'"),
  wastedUg: z.number().int(),
  openUg: z.number().int().describe('drawn − administered − wasted'),
  balanced: z.boolean(),
  closed: z.boolean().describe('The administration entry is in the ledger'),
});

export const ZSessionLedgerOut = z.object({
  balance: ZSessionBalanceOut,
  entries: z.array(ZEntryOut),
});

export const ZWriteOut = z.object({
  entry: ZEntryOut.describe('The entry this request recorded'),
  entries: z.array(ZEntryOut).describe('Every entry this request recorded, in order (the first is `entry`)'),
  balance: ZSessionBalanceOut.optional().describe('For session draws and waste: the balance after it'),
});

export const ZReceiptOut = ZWriteOut.extend({ containers: z.array(ZContainerOut) });

const ZNoteOut = z.object({ seq: z.number().int(), text: z.string(), by: z.string(), at: z.string() });

export const ZDiscrepancyOut = z.object({
  discrepancyId: z.string(),
  locationId: z.string(),
  source: z.enum(['count', 'inventory', 'session']),
  containerId: z.string().nullable(),
  label: z.string().nullable(),
  lot: z.string(),
  expectedUg: z.number().int(),
  countedUg: z.number().int(),
  differenceUg: z
    .number()
    .int()
    .describe('counted − expected: negative is less on the shelf than the books say'),
  status: z.enum(['open', 'closed']),
  seq: z.number().int(),
  openedAt: z.string(),
  openedBy: z.string(),
  notes: z.array(ZNoteOut),
  resolution: z
    .object({
      seq: z.number().int(),
      classification: z.string(),
      explanation: z.string(),
      adjustmentUg: z.number().int(),
      by: z.string(),
      at: z.string(),
    })
    .nullable(),
  lossReportId: z.string().nullable(),
});
export const ZDiscrepancyList = z.object({ discrepancies: z.array(ZDiscrepancyOut) });

export const ZCountOut = z.object({
  count: ZEntryOut,
  entries: z.array(ZEntryOut),
  discrepancies: z.array(ZDiscrepancyOut).describe('Opened at once for every line whose count differs'),
});

export const ZLossReportOut = z.object({
  lossReportId: z.string(),
  locationId: z.string(),
  discrepancyId: z.string().nullable(),
  discoveredOn: z.string(),
  writtenNoticeDueOn: z.string().describe('§9: written notice to the DEA Field Division (21 CFR 1301.76(b))'),
  form106DueOn: z.string().describe('§9: DEA Form 106, electronically (88 FR 40707)'),
  quantityUg: z.number().int(),
  lot: z.string(),
  ndc: z.string(),
  steps: z.array(
    z.object({
      seq: z.number().int(),
      step: z.string(),
      on: z.string(),
      reference: z.string().nullable(),
      text: z.string().nullable(),
      by: z.string(),
    }),
  ),
  writtenNoticeSentOn: z.string().nullable(),
  form106FiledOn: z.string().nullable(),
  status: z.enum(['open', 'complete']),
  findings: z.array(ZFinding).describe('Deadlines near or past'),
});
export const ZLossReportList = z.object({ lossReports: z.array(ZLossReportOut) });

export const ZDiscrepancyWriteOut = ZWriteOut.extend({
  discrepancy: ZDiscrepancyOut,
  lossReport: ZLossReportOut.nullable(),
});
export const ZLossReportWriteOut = ZWriteOut.extend({ lossReport: ZLossReportOut });

export const ZInventoryWriteOut = ZWriteOut.extend({
  discrepancies: z.array(ZDiscrepancyOut).describe('Opened at once for every container whose count differs'),
});

export const ZInventoryOut = z.object({
  inventoryId: z.string(),
  locationId: z.string(),
  seq: z.number().int(),
  type: z.string(),
  takenAt: z.enum(['opening', 'close']),
  takenOn: z.string(),
  zero: z.boolean(),
  lines: z.array(z.record(z.string(), z.unknown())),
  recordedBy: z.string(),
});
export const ZInventoryList = z.object({ inventories: z.array(ZInventoryOut) });

export const ZEntryList = z.object({ locationId: z.string(), entries: z.array(ZEntryOut) });
