/**
 * The clinic floor board: today's chairs as JSON, and live as Server-Sent Events. The stream sends the whole
 * board first (`event: snapshot`), then one `event: chair` per changed chair after each committed chart entry
 * or schedule change, and a `: ping` comment every 15 s so proxies keep the connection open. The app
 * registers no compression plugin, and the stream is written straight to the socket, so nothing buffers it.
 */
import type { ServerResponse } from 'node:http';
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';
import { actorOf, requestMeta } from '../http/access.js';
import { chairsFor, getFloor, type FloorChair } from '../services/floor.service.js';
import { floorBusOf, type FloorChange } from '../services/floor-bus.js';
import { PROBLEMS } from './problem-responses.js';
import { ZFloorBoard } from './floor.schema.js';

const tags = ['floor'];
export const FLOOR_PING_INTERVAL_MS = 15_000;

function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function registerFloorRoutes(app: ZodApp, ctx: AppContext): void {
  const openStreams = new Set<ServerResponse>();
  // A change is computed once for every open stream of the clinic, not once per viewer: the bus hands each
  // listener the same change, and the first stream to get to it computes the chairs for all.
  const computed = new WeakMap<FloorChange, Promise<FloorChair[]>>();
  const chairsOnce = (clinicId: string, change: FloorChange): Promise<FloorChair[]> => {
    let pending = computed.get(change);
    if (!pending) {
      pending = chairsFor(ctx, clinicId, change);
      computed.set(change, pending);
    }
    return pending;
  };
  // Open streams never go idle; end them so the server can close.
  app.addHook('preClose', (done) => {
    for (const stream of openStreams) stream.end();
    openStreams.clear();
    done();
  });

  app.get(
    '/api/floor',
    {
      config: { access: 'chart:read' },
      schema: {
        tags,
        summary:
          'Today’s chairs: patient, protocol and session number, elapsed and remaining, rate, last vitals and trend, open alerts by tier, nurse',
        response: { 200: ZFloorBoard, ...PROBLEMS },
      },
    },
    (request) => getFloor(ctx, actorOf(request), requestMeta(request), 'list'),
  );

  app.get(
    '/api/floor/stream',
    {
      config: { access: 'chart:read' },
      schema: {
        tags,
        summary:
          'The floor board live (text/event-stream): `snapshot` with the whole board, then `chair` per change, `: ping` every 15 s',
        response: { ...PROBLEMS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const board = await getFloor(ctx, actor, requestMeta(request), 'stream');
      reply.hijack();
      const raw = reply.raw;
      const securityHeaders = Object.fromEntries(
        Object.entries(reply.getHeaders()).filter(
          (e): e is [string, string | number | string[]] => e[1] !== undefined,
        ),
      );
      raw.writeHead(200, {
        ...securityHeaders,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.write(sseEvent('snapshot', board));
      openStreams.add(raw);

      // Chairs are recomputed one change at a time, so they arrive in the order the changes committed.
      let queue = Promise.resolve();
      const unsubscribe = floorBusOf(ctx).subscribe(actor.clinicId, (change) => {
        queue = queue
          .then(async () => {
            if (raw.writableEnded) return;
            for (const chair of await chairsOnce(actor.clinicId, change)) raw.write(sseEvent('chair', chair));
          })
          .catch((error: unknown) => {
            request.log.error({ err: error }, 'floor stream update failed');
          });
      });
      const ping = setInterval(() => {
        if (!raw.writableEnded) raw.write(': ping\n\n');
      }, FLOOR_PING_INTERVAL_MS);
      ping.unref();
      raw.on('close', () => {
        clearInterval(ping);
        unsubscribe();
        openStreams.delete(raw);
      });
    },
  );
}
