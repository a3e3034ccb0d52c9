/**
 * The controlled-substance ledger (REFERENCE §9): registered locations, stock, receipts, a session's draws
 * and witnessed waste, container quarantine/release/waste, counts and discrepancies, loss reports,
 * destruction, inventories, corrections and the raw chain. Every write takes a `clientEntryId`: the same id
 * again is answered 200 with what was stored the first time. Reports and chain verification are in
 * ledger-reports.routes.ts.
 */
import {
  ZContainerWasteBody,
  ZCorrectionBody,
  ZCountBody,
  ZDestructionBody,
  ZDiscrepancyNoteBody,
  ZDiscrepancyResolveBody,
  ZDrawBody,
  ZInventoryBody,
  ZLedgerReceiptBody,
  ZLossReportStepBody,
  ZProblem,
  ZQuarantineBody,
  ZRegisteredLocationBody,
  ZRegisteredLocationChangeBody,
  ZWasteBody,
} from '@ketapath/core';
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta } from '../http/access.js';
import {
  addDiscrepancyNote,
  addLossReportStep,
  createLocation,
  getStock,
  listDiscrepancies,
  listEntries,
  listInventories,
  listLocations,
  listLossReports,
  recordCorrection,
  recordCount,
  recordDestruction,
  recordInventory,
  recordReceipt,
  resolveDiscrepancy,
  setQuarantine,
  updateLocation,
  wasteContainer,
} from '../services/ledger.service.js';
import { getSessionLedger, recordDraw, recordWaste } from '../services/ledger-session.js';
import { NOT_FOUND, PROBLEMS } from './problem-responses.js';
import { ZSessionIdParams } from './sessions.schema.js';
import {
  ZContainerIdParams,
  ZCountOut,
  ZDiscrepancyIdParams,
  ZDiscrepancyList,
  ZDiscrepancyQuery,
  ZDiscrepancyWriteOut,
  ZEntriesQuery,
  ZEntryList,
  ZInventoryList,
  ZInventoryWriteOut,
  ZLocationIdParams,
  ZLocationList,
  ZLocationOut,
  ZLocationQuery,
  ZLossReportIdParams,
  ZLossReportList,
  ZLossReportWriteOut,
  ZReceiptOut,
  ZSessionLedgerOut,
  ZStockOut,
  ZWriteOut,
} from './ledger.schema.js';

const tags = ['ledger'];
const REFUSED = {
  409: ZProblem.describe(
    'Refused: LEDGER_BLOCKED (the ledger rules or its arithmetic; `errors` names each finding by rule id), ' +
      'LEDGER_SESSION_CLOSED, LEDGER_ALREADY_CLOSED or LEDGER_LOCATION_NAME_TAKEN.',
  ),
} as const;
const IDEMPOTENT =
  'The same `clientEntryId` again is answered 200 with the entries stored the first time (nothing is written twice).';

export function registerLedgerRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/ledger/locations',
    {
      config: { access: 'ledger:read' },
      schema: {
        tags,
        summary: 'The clinic’s registered locations (each has its own ledger chain)',
        response: { 200: ZLocationList, ...PROBLEMS },
      },
    },
    (request) => listLocations(ctx, actorOf(request), requestMeta(request)),
  );

  app.post(
    '/api/ledger/locations',
    {
      config: { access: 'ledger:manage' },
      schema: {
        tags,
        summary: 'Register a location (name, DEA registration, address, activity; 21 CFR 1304.21(b)–(c))',
        body: ZRegisteredLocationBody,
        response: { 201: ZLocationOut, ...PROBLEMS, ...REFUSED },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createLocation(ctx, actorOf(request), requestMeta(request), request.body)),
  );

  app.patch(
    '/api/ledger/locations/:locationId',
    {
      config: { access: 'ledger:manage' },
      schema: {
        tags,
        summary: 'Change a location’s name, DEA registration, address or activity, with the reason',
        description:
          'Send the fields that change (at least one), `reason`, and `expectedVersion` (the `version` you read): ' +
          'another change in between is refused with 409 LEDGER_LOCATION_VERSION_CONFLICT naming `expectedVersion`. ' +
          'The audit row keeps each changed field’s old and new value and the reason. Entries already in the ' +
          'chain are not changed; reports print the location’s current registration.',
        params: ZLocationIdParams,
        body: ZRegisteredLocationChangeBody,
        response: {
          200: ZLocationOut,
          ...PROBLEMS,
          ...NOT_FOUND,
          409: ZProblem.describe(
            'Refused: LEDGER_LOCATION_VERSION_CONFLICT (`expectedVersion` is stale) or LEDGER_LOCATION_NAME_TAKEN (`name`).',
          ),
        },
      },
    },
    (request) =>
      updateLocation(ctx, actorOf(request), requestMeta(request), request.params.locationId, request.body),
  );

  app.get(
    '/api/ledger/stock',
    {
      config: { access: 'ledger:read' },
      schema: {
        tags,
        summary:
          'Stock of a location per container and per lot, with the ledger rules’ findings (expiry, counts and inventories due)',
        querystring: ZLocationQuery,
        response: { 200: ZStockOut, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    (request) => getStock(ctx, actorOf(request), requestMeta(request), request.query.locationId),
  );

  app.post(
    '/api/ledger/receipts',
    {
      config: { access: 'ledger:write' },
      schema: {
        tags,
        summary:
          'Receive one lot: its containers are created sealed (§9 Receipt: date, quantity, supplier with DEA number, invoice)',
        description: IDEMPOTENT,
        body: ZLedgerReceiptBody,
        response: { 200: ZReceiptOut, 201: ZReceiptOut, ...PROBLEMS, ...NOT_FOUND, ...REFUSED },
      },
    },
    async (request, reply) => {
      const { status, body } = await recordReceipt(ctx, actorOf(request), requestMeta(request), request.body);
      return reply.status(status).send(body);
    },
  );

  app.get(
    '/api/sessions/:sessionId/ledger',
    {
      config: { access: 'ledger:read' },
      schema: {
        tags,
        summary:
          'A session’s controlled-substance balance (drawn = administered + wasted) and its ledger entries',
        params: ZSessionIdParams,
        response: { 200: ZSessionLedgerOut, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    (request) => getSessionLedger(ctx, actorOf(request), requestMeta(request), request.params.sessionId),
  );

  app.post(
    '/api/sessions/:sessionId/draws',
    {
      config: { access: 'ledger:write' },
      schema: {
        tags,
        summary:
          'Draw for the session’s bag from one container (drawnMg must equal drawnMl × its concentration, to the µg)',
        description: `Expired or quarantined containers cannot be drawn, nor more than a container holds. ${IDEMPOTENT}`,
        params: ZSessionIdParams,
        body: ZDrawBody,
        response: { 200: ZWriteOut, 201: ZWriteOut, ...PROBLEMS, ...NOT_FOUND, ...REFUSED },
      },
    },
    async (request, reply) => {
      const { status, body } = await recordDraw(
        ctx,
        actorOf(request),
        requestMeta(request),
        request.params.sessionId,
        request.body,
      );
      return reply.status(status).send(body);
    },
  );

  app.post(
    '/api/sessions/:sessionId/waste',
    {
      config: { access: 'ledger:write' },
      schema: {
        tags,
        summary:
          'Waste the session’s remainder, with the witness signing in on the same screen where the clinic requires one',
        description:
          'The waste that leaves nothing open after the last dose writes the administration entry (the chart’s exact dose, ' +
          `rounded half up to the µg); the nurse's signature is refused until drawn = administered + wasted. ${IDEMPOTENT}`,
        params: ZSessionIdParams,
        body: ZWasteBody,
        response: { 200: ZWriteOut, 201: ZWriteOut, ...PROBLEMS, ...NOT_FOUND, ...REFUSED },
      },
    },
    async (request, reply) => {
      const { status, body } = await recordWaste(
        ctx,
        actorOf(request),
        requestMeta(request),
        request.params.sessionId,
        request.body,
      );
      return reply.status(status).send(body);
    },
  );

  for (const kind of ['quarantine', 'release'] as const) {
    app.post(
      `/api/ledger/containers/:containerId/${kind}`,
      {
        config: { access: 'ledger:write' },
        schema: {
          tags,
          summary:
            kind === 'quarantine'
              ? 'Put a container in quarantine (it cannot be drawn)'
              : 'Release a container from quarantine',
          description: IDEMPOTENT,
          params: ZContainerIdParams,
          body: ZQuarantineBody,
          response: { 200: ZWriteOut, 201: ZWriteOut, ...PROBLEMS, ...NOT_FOUND, ...REFUSED },
        },
      },
      async (request, reply) => {
        const { status, body } = await setQuarantine(
          ctx,
          actorOf(request),
          requestMeta(request),
          request.params.containerId,
          kind,
          request.body,
        );
        return reply.status(status).send(body);
      },
    );
  }

  app.post(
    '/api/ledger/containers/:containerId/waste',
    {
      config: { access: 'ledger:write' },
      schema: {
        tags,
        summary: 'Waste the remainder of an opened container, with its witness',
        description: IDEMPOTENT,
        params: ZContainerIdParams,
        body: ZContainerWasteBody,
        response: { 200: ZWriteOut, 201: ZWriteOut, ...PROBLEMS, ...NOT_FOUND, ...REFUSED },
      },
    },
    async (request, reply) => {
      const { status, body } = await wasteContainer(
        ctx,
        actorOf(request),
        requestMeta(request),
        request.params.containerId,
        request.body,
      );
      return reply.status(status).send(body);
    },
  );

  app.post(
    '/api/ledger/counts',
    {
      config: { access: 'ledger:write' },
      schema: {
        tags,
        summary:
          'Record a count of the shelf; a discrepancy opens at once for every container whose count differs',
        description: `Sealed containers: countedContainers 1 (present) or 0 (missing); opened ones: countedMl, estimated where §9 allows. ${IDEMPOTENT}`,
        body: ZCountBody,
        response: { 200: ZCountOut, 201: ZCountOut, ...PROBLEMS, ...NOT_FOUND, ...REFUSED },
      },
    },
    async (request, reply) => {
      const { status, body } = await recordCount(ctx, actorOf(request), requestMeta(request), request.body);
      return reply.status(status).send(body);
    },
  );

  app.get(
    '/api/ledger/discrepancies',
    {
      config: { access: 'ledger:read' },
      schema: {
        tags,
        summary: 'Discrepancies (open, closed or all) with their investigation notes and resolution',
        querystring: ZDiscrepancyQuery,
        response: { 200: ZDiscrepancyList, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    (request) => listDiscrepancies(ctx, actorOf(request), requestMeta(request), request.query),
  );

  app.post(
    '/api/ledger/discrepancies/:discrepancyId/notes',
    {
      config: { access: 'ledger:write' },
      schema: {
        tags,
        summary: 'Add a note to a discrepancy’s investigation',
        description: IDEMPOTENT,
        params: ZDiscrepancyIdParams,
        body: ZDiscrepancyNoteBody,
        response: {
          200: ZDiscrepancyWriteOut,
          201: ZDiscrepancyWriteOut,
          ...PROBLEMS,
          ...NOT_FOUND,
          ...REFUSED,
        },
      },
    },
    async (request, reply) => {
      const { status, body } = await addDiscrepancyNote(
        ctx,
        actorOf(request),
        requestMeta(request),
        request.params.discrepancyId,
        request.body,
      );
      return reply.status(status).send(body);
    },
  );

  app.post(
    '/api/ledger/discrepancies/:discrepancyId/resolve',
    {
      config: { access: 'ledger:manage' },
      schema: {
        tags,
        summary:
          'Resolve a discrepancy with its classification and explanation; a theft or significant loss opens a loss report',
        description: IDEMPOTENT,
        params: ZDiscrepancyIdParams,
        body: ZDiscrepancyResolveBody,
        response: {
          200: ZDiscrepancyWriteOut,
          201: ZDiscrepancyWriteOut,
          ...PROBLEMS,
          ...NOT_FOUND,
          ...REFUSED,
        },
      },
    },
    async (request, reply) => {
      const { status, body } = await resolveDiscrepancy(
        ctx,
        actorOf(request),
        requestMeta(request),
        request.params.discrepancyId,
        request.body,
      );
      return reply.status(status).send(body);
    },
  );

  app.get(
    '/api/ledger/loss-reports',
    {
      config: { access: 'ledger:read' },
      schema: {
        tags,
        summary: 'Loss reports with their §9 deadlines (written notice, DEA Form 106) and steps',
        response: { 200: ZLossReportList, ...PROBLEMS },
      },
    },
    (request) => listLossReports(ctx, actorOf(request), requestMeta(request)),
  );

  app.post(
    '/api/ledger/loss-reports/:lossReportId/steps',
    {
      config: { access: 'ledger:manage' },
      schema: {
        tags,
        summary: 'Record a loss report step (written notice sent, Form 106 filed, police report, note)',
        description: IDEMPOTENT,
        params: ZLossReportIdParams,
        body: ZLossReportStepBody,
        response: {
          200: ZLossReportWriteOut,
          201: ZLossReportWriteOut,
          ...PROBLEMS,
          ...NOT_FOUND,
          ...REFUSED,
        },
      },
    },
    async (request, reply) => {
      const { status, body } = await addLossReportStep(
        ctx,
        actorOf(request),
        requestMeta(request),
        request.params.lossReportId,
        request.body,
      );
      return reply.status(status).send(body);
    },
  );

  app.post(
    '/api/ledger/destructions',
    {
      config: { access: 'ledger:manage' },
      schema: {
        tags,
        summary:
          'Destroy containers on site (two witnesses, 21 CFR 1317.90, DEA Form 41 fields) or send them to a reverse distributor',
        description: IDEMPOTENT,
        body: ZDestructionBody,
        response: { 200: ZWriteOut, 201: ZWriteOut, ...PROBLEMS, ...NOT_FOUND, ...REFUSED },
      },
    },
    async (request, reply) => {
      const { status, body } = await recordDestruction(
        ctx,
        actorOf(request),
        requestMeta(request),
        request.body,
      );
      return reply.status(status).send(body);
    },
  );

  app.post(
    '/api/ledger/inventories',
    {
      config: { access: 'ledger:manage' },
      schema: {
        tags,
        summary:
          'Take an inventory (initial, biennial…; opening or close of business; every container counted, opened ones may be estimated)',
        description: IDEMPOTENT,
        body: ZInventoryBody,
        response: { 200: ZInventoryWriteOut, 201: ZInventoryWriteOut, ...PROBLEMS, ...NOT_FOUND, ...REFUSED },
      },
    },
    async (request, reply) => {
      const { status, body } = await recordInventory(
        ctx,
        actorOf(request),
        requestMeta(request),
        request.body,
      );
      return reply.status(status).send(body);
    },
  );

  app.get(
    '/api/ledger/inventories',
    {
      config: { access: 'ledger:read' },
      schema: {
        tags,
        summary: 'The inventories taken at a location',
        querystring: ZLocationQuery,
        response: { 200: ZInventoryList, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    (request) => listInventories(ctx, actorOf(request), requestMeta(request), request.query.locationId),
  );

  app.post(
    '/api/ledger/corrections',
    {
      config: { access: 'ledger:manage' },
      schema: {
        tags,
        summary:
          'Correct an entry: a new entry naming the one it corrects, with the reason (entries are never changed)',
        description: IDEMPOTENT,
        body: ZCorrectionBody,
        response: { 200: ZWriteOut, 201: ZWriteOut, ...PROBLEMS, ...NOT_FOUND, ...REFUSED },
      },
    },
    async (request, reply) => {
      const { status, body } = await recordCorrection(
        ctx,
        actorOf(request),
        requestMeta(request),
        request.body,
      );
      return reply.status(status).send(body);
    },
  );

  app.get(
    '/api/ledger/entries',
    {
      config: { access: 'ledger:read' },
      schema: {
        tags,
        summary:
          'The raw chain of a location, oldest first (from/to: days in the clinic’s time zone, inclusive)',
        querystring: ZEntriesQuery,
        response: { 200: ZEntryList, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    (request) => listEntries(ctx, actorOf(request), requestMeta(request), request.query),
  );
}
