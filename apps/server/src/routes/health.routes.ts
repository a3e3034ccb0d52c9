/** GET /api/health: liveness plus a database round trip. */
import { z } from 'zod';
import type { ZodApp } from '../http/zod-app.js';
import type { AppContext } from '../context.js';

export const ZHealth = z.object({
  status: z.literal('ok'),
  database: z.enum(['embedded', 'postgresql']),
  version: z.string(),
});

export function registerHealthRoutes(app: ZodApp, ctx: AppContext, version: string): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Liveness and database check', response: { 200: ZHealth } },
    },
    async () => {
      await ctx.database.sql.query('SELECT 1');
      return { status: 'ok' as const, database: ctx.database.kind, version };
    },
  );
}
