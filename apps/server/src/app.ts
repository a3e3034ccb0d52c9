/**
 * Builds the HTTP application (no listening): plugins, the access hook, the error handler, the routes, the
 * OpenAPI document at /api/docs and, in production, the clinician web app on the same port.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import type { IncomingMessage } from 'node:http';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ZodApp } from './http/zod-app.js';
import type { AppContext } from './context.js';
import { registerAccessControl, type RouteAccess } from './http/access.js';
import { registerErrorHandling } from './http/problem.js';
import { registerHealthRoutes } from './routes/health.routes.js';
import { registerAuthRoutes } from './routes/auth.routes.js';
import { registerPatientRoutes } from './routes/patients.routes.js';
import { registerAdminRoutes } from './routes/admin.routes.js';
import { registerPharmacologyRoutes } from './routes/pharmacology.routes.js';
import { registerSettingsRoutes } from './routes/settings.routes.js';
import { registerProtocolRoutes } from './routes/protocols.routes.js';
import { registerRulesRoutes } from './routes/rules.routes.js';
import { registerIntakeRoutes } from './routes/intakes.routes.js';
import { registerPlanRoutes } from './routes/plans.routes.js';
import { registerSessionRoutes } from './routes/sessions.routes.js';
import { registerScheduleRoutes } from './routes/schedule.routes.js';
import { registerDeviceRoutes } from './routes/devices.routes.js';
import { registerFloorRoutes } from './routes/floor.routes.js';
import { registerLedgerRoutes } from './routes/ledger.routes.js';
import { registerLedgerReportRoutes } from './routes/ledger-reports.routes.js';

export const VERSION = '0.1.0';

export type { ZodApp };

/** Request ids: the caller's `x-request-id` when it is a sane token, else a new UUID. */
function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
}

export interface BuiltApp {
  app: ZodApp;
  /** Every API route with its declared access (the access tests walk this). */
  routes: RouteAccess[];
}

export async function buildApp(ctx: AppContext): Promise<BuiltApp> {
  const { config } = ctx;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    },
    genReqId: requestIdOf,
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Only JSON bodies: form and text posts (what a cross-site page can send without a preflight) get 415.
  app.removeContentTypeParser(['text/plain']);

  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.env === 'production' ? { maxAge: 31_536_000 } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) void reply.header('cache-control', 'no-store');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Ketapath API', version: VERSION, description: 'Staff API of a Ketapath clinic. Sign in at /api/auth/login; send the CSRF token from the session in `x-csrf-token` on every state-changing request.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ketapath_session' },
          deviceToken: { type: 'http', scheme: 'bearer', description: 'A monitor-bridge device token (POST /api/devices), for POST /api/sessions/{sessionId}/vitals only.' },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });

  const staticDir = config.staticDir;
  const serveAppShell = staticDir !== null && existsSync(path.join(staticDir, 'index.html'));
  const routes: RouteAccess[] = [];
  registerAccessControl(app, ctx, routes);
  registerErrorHandling(app, { serveAppShell });

  registerHealthRoutes(app, ctx, VERSION);
  registerAuthRoutes(app, ctx);
  registerPatientRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerPharmacologyRoutes(app, ctx);
  registerSettingsRoutes(app, ctx);
  registerProtocolRoutes(app, ctx);
  registerRulesRoutes(app, ctx);
  registerIntakeRoutes(app, ctx);
  registerPlanRoutes(app, ctx);
  registerSessionRoutes(app, ctx);
  registerScheduleRoutes(app, ctx);
  registerDeviceRoutes(app, ctx);
  registerFloorRoutes(app, ctx);
  registerLedgerRoutes(app, ctx);
  registerLedgerReportRoutes(app, ctx);

  if (serveAppShell && staticDir) {
    await app.register(fastifyStatic, { root: staticDir, wildcard: false, index: ['index.html'] });
  }
  await app.ready();
  return { app, routes };
}
