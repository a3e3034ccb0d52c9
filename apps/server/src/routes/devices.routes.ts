/** Monitor-bridge devices: create (the token is shown once), list, revoke. Administrators only. */
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta } from '../http/access.js';
import { createDevice, listDevices, revokeDevice } from '../services/device.service.js';
import { NOT_FOUND, PROBLEMS } from './problem-responses.js';
import {
  ZCreateDeviceBody,
  ZCreatedDevice,
  ZDevice,
  ZDeviceIdParams,
  ZDeviceList,
} from './devices.schema.js';

const tags = ['devices'];

export function registerDeviceRoutes(app: ZodApp, ctx: AppContext): void {
  app.post(
    '/api/devices',
    {
      config: { access: 'device:manage' },
      schema: {
        tags,
        summary: 'Create a monitor-bridge device; its bearer token is in this answer only',
        body: ZCreateDeviceBody,
        response: { 201: ZCreatedDevice, ...PROBLEMS },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createDevice(ctx, actorOf(request), requestMeta(request), request.body.label)),
  );

  app.get(
    '/api/devices',
    {
      config: { access: 'device:manage' },
      schema: {
        tags,
        summary: 'The clinic’s devices (without tokens), newest first',
        response: { 200: ZDeviceList, ...PROBLEMS },
      },
    },
    async (request) => ({ devices: await listDevices(ctx, actorOf(request), requestMeta(request)) }),
  );

  app.post(
    '/api/devices/:deviceId/revoke',
    {
      config: { access: 'device:manage' },
      schema: {
        tags,
        summary: 'Revoke a device: its token stops working at once',
        params: ZDeviceIdParams,
        response: { 200: ZDevice, ...PROBLEMS, ...NOT_FOUND },
      },
    },
    (request) => revokeDevice(ctx, actorOf(request), requestMeta(request), request.params.deviceId),
  );
}
