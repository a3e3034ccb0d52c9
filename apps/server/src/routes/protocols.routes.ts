/**
 * Treatment protocols: everyone reads the library and the clinic's copies; the admin and physicians copy a
 * protocol under a new id and save new versions of the copy (with a reason). Library protocols are read-only.
 */
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta } from '../http/access.js';
import {
  createClinicProtocol,
  getProtocolDetail,
  listAllProtocols,
  resolveProtocol,
  updateClinicProtocol,
} from '../services/protocol.service.js';
import { CONFLICT, NOT_FOUND, PROBLEMS } from './problem-responses.js';
import {
  ZCreateProtocolBody,
  ZProtocolDetail,
  ZProtocolList,
  ZProtocolParams,
  ZProtocolVersionParams,
  ZProtocolVersionResponse,
  ZUpdateProtocolBody,
} from './protocols.schema.js';

const tags = ['protocols'];

export function registerProtocolRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/protocols',
    {
      config: { access: 'protocol:read' },
      schema: {
        tags,
        summary: 'Library protocols and your clinic’s own, latest version of each',
        response: { 200: ZProtocolList, ...PROBLEMS },
      },
    },
    async (request) => ({ protocols: await listAllProtocols(ctx, actorOf(request)) }),
  );

  app.get(
    '/api/protocols/:protocolId',
    {
      config: { access: 'protocol:read' },
      schema: {
        tags,
        summary: 'One protocol (latest version) with the list of its versions',
        params: ZProtocolParams,
        response: { 200: ZProtocolDetail, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    (request) => getProtocolDetail(ctx, actorOf(request), request.params.protocolId),
  );

  app.get(
    '/api/protocols/:protocolId/versions/:version',
    {
      config: { access: 'protocol:read' },
      schema: {
        tags,
        summary: 'One version of a protocol (every version stays readable)',
        params: ZProtocolVersionParams,
        response: { 200: ZProtocolVersionResponse, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    (request) =>
      resolveProtocol(
        ctx.database.db,
        actorOf(request).clinicId,
        request.params.protocolId,
        request.params.version,
      ),
  );

  app.post(
    '/api/protocols',
    {
      config: { access: 'protocol:manage' },
      schema: {
        tags,
        summary: 'Copy a protocol into your clinic under a new id, as version 1',
        description: 'The id must not be a library id or one of your clinic’s (409 PROTOCOL_ID_TAKEN).',
        body: ZCreateProtocolBody,
        response: { 201: ZProtocolVersionResponse, ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
      },
    },
    async (request, reply) => {
      const created = await createClinicProtocol(ctx, actorOf(request), requestMeta(request), request.body);
      return reply.status(201).header('location', `/api/protocols/${created.protocol.id}`).send(created);
    },
  );

  app.put(
    '/api/protocols/:protocolId',
    {
      config: { access: 'protocol:manage' },
      schema: {
        tags,
        summary: 'Save the next version of one of your clinic’s protocols; send the version you read',
        description:
          'Library protocols are read-only (409 PROTOCOL_READ_ONLY); a stale expectedVersion gets 409 PROTOCOL_VERSION_CONFLICT.',
        params: ZProtocolParams,
        body: ZUpdateProtocolBody,
        response: { 200: ZProtocolVersionResponse, ...PROBLEMS, ...NOT_FOUND, ...CONFLICT },
      },
    },
    (request) =>
      updateClinicProtocol(
        ctx,
        actorOf(request),
        requestMeta(request),
        request.params.protocolId,
        request.body,
      ),
  );
}
