/**
 * Controlled-substance reports (REFERENCE §9) as CSV or PDF, and the check of a location's hash chain.
 * `GET /api/ledger/reports/:report.:format` (ledger:report) and `GET /api/ledger/verify` (ledger:read); both
 * audited.
 */
import { z } from 'zod';
import { ZIsoDate, ZUuid } from '@ketapath/core';
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta } from '../http/access.js';
import { renderLedgerReportFile } from '../services/ledger-report.service.js';
import { LEDGER_REPORTS } from '../services/ledger-report-render.js';
import { verifyLedgerForClinic } from '../services/ledger-verify.service.js';
import { NOT_FOUND, PROBLEMS } from './problem-responses.js';

const tags = ['ledger'];

export const ZLedgerReportParams = z.strictObject({
  report: z.enum(LEDGER_REPORTS, {
    message: `must be one of ${LEDGER_REPORTS.join(', ')}`,
  }),
  format: z.enum(['csv', 'pdf'], { message: 'must be csv or pdf' }),
});

export const ZLedgerReportQuery = z.strictObject({
  locationId: ZUuid.describe('The registered location (one DEA registration): each has its own records'),
  from: ZIsoDate.optional().describe('First day, inclusive, in the clinic’s time zone (default: the first entry)'),
  to: ZIsoDate.optional().describe('Last day, inclusive (default: today)'),
  patientId: ZUuid.optional().describe('administrations only: the log of one patient'),
  inventoryId: ZUuid.optional().describe('inventory only: that inventory (default: the latest in the period)'),
});

export const ZLedgerVerifyQuery = z.strictObject({ locationId: ZUuid });

const ZChainBreak = z.object({
  seq: z.number().int(),
  entryId: z.string().nullable(),
  kind: z.string().nullable().describe('The kind of the entry named (null for the chain head)'),
  problem: z.enum(['hash-mismatch', 'prev-hash-mismatch', 'seq-gap', 'seq-duplicate', 'head-mismatch']),
  expected: z.string(),
  found: z.string(),
});

export const ZLedgerVerification = z.object({
  ok: z.boolean().describe('Chain intact, head matching, container table equal to the ledger, arithmetic holding'),
  checkedAt: z.string(),
  clinicId: z.string(),
  locationId: z.string(),
  locationName: z.string(),
  entries: z.number().int(),
  lastSeq: z.number().int(),
  headHash: z.string().nullable(),
  storedHead: z.object({ lastSeq: z.number().int(), lastHash: z.string() }).nullable(),
  breaks: z.array(ZChainBreak).readonly(),
  projectionProblems: z.array(
    z.object({
      containerId: z.string(),
      label: z.string().nullable(),
      problem: z.enum(['missing-row', 'row-without-receipt', 'field-mismatch']),
      field: z.string().nullable(),
      expected: z.string(),
      found: z.string(),
    }),
  ).readonly(),
  anomalies: z
    .array(z.object({ seq: z.number().int(), entryId: z.string(), problem: z.string(), message: z.string() }))
    .readonly(),
  containers: z.number().int(),
});

export function registerLedgerReportRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/ledger/reports/:report.:format',
    {
      config: { access: 'ledger:report' },
      schema: {
        tags,
        summary:
          'A controlled-substance report of one registered location as CSV (RFC 4180, UTF-8) or PDF: receipts, administrations (per patient with patientId), waste-destruction, discrepancies, inventory',
        params: ZLedgerReportParams,
        querystring: ZLedgerReportQuery,
        response: { ...PROBLEMS, ...NOT_FOUND },
      },
    },
    async (request, reply) => {
      const file = await renderLedgerReportFile(ctx, actorOf(request), requestMeta(request), {
        report: request.params.report,
        format: request.params.format,
        ...request.query,
      });
      return reply
        .type(file.contentType)
        .header(
          'content-disposition',
          `${request.params.format === 'pdf' ? 'inline' : 'attachment'}; filename="${file.filename}"`,
        )
        .send(file.body as never); // a Buffer is sent as it is (the 200 has no JSON schema)
    },
  );

  app.get(
    '/api/ledger/verify',
    {
      config: { access: 'ledger:read' },
      schema: {
        tags,
        summary:
          'Check a location’s ledger as stored: every hash, link and number of the chain, the chain head, the container table against the ledger',
        querystring: ZLedgerVerifyQuery,
        response: { 200: ZLedgerVerification, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    (request) => verifyLedgerForClinic(ctx, actorOf(request), requestMeta(request), request.query.locationId),
  );
}
