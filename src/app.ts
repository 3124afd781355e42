// buildApp(deps): one Fastify instance with every plugin and feature route; the server and the tests both build it.
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/connect.ts';
import { ContentService } from './features/content/service.ts';
import { registerContentRoutes } from './features/content/routes.ts';
import { SettingsService } from './features/settings/service.ts';
import { loadAssets, type Assets } from './web/assets.ts';
import { StaffService } from './features/staff/service.ts';
import { registerStaffFeatures } from './features/staff/register.ts';
import { sendCompressed } from './web/compressed.ts';
import { isApiRequest, registerErrorHandling, sendErrorPage, sendProblem } from './web/error-handler.ts';
import { registerHealthRoutes } from './web/health.ts';
import { PageCache } from './web/page-cache.ts';
import './web/request-types.ts';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  /** The clock; tests pass a fixed one. */
  now?: () => number;
  /** Where one-time secrets (first admin password) are shown; the console by default. */
  announce?: (text: string) => void;
}

export interface AppServices {
  assets: Assets;
  staff: StaffService;
  settings: SettingsService;
  content: ContentService;
  pageCache: PageCache;
  now: () => number;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
    /** Every route as registered (method, url), so tests can prove each back-office route is guarded. */
    registeredRoutes: Array<{ method: string; url: string }>;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const now = deps.now ?? Date.now;
  const assets = await loadAssets();
  const settings = new SettingsService(database.db);
  const app = Fastify({
    // Malformed URLs and over-long path segments get the same localized pages as every other error.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      if (isApiRequest(request)) return sendProblem(reply, status, 'Bad Request');
      return sendErrorPage(request, reply, status, assets, settings.current.clinicName, ['error.badRequest.title', 'error.badRequest.body']);
    },
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'body.password'], remove: true },
    },
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  const registeredRoutes: Array<{ method: string; url: string }> = [];
  app.decorate('registeredRoutes', registeredRoutes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registeredRoutes.push({ method, url: route.url });
  });

  // One log line per request, with the path only: query strings may carry personal data.
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, path: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
    done();
  });

  const pageCache = new PageCache();
  settings.onChange(() => pageCache.clear());
  await settings.load();
  settings.watch(config.pageCachePollMs);
  const content = new ContentService(database.db);
  const staff = new StaffService(database.db, config, now);
  app.decorate('services', { assets, staff, settings, content, pageCache, now });
  app.addHook('onClose', async () => settings.stop());

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        ...(config.secureCookies ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(cookie);

  registerErrorHandling(app, assets, () => settings.current.clinicName);

  app.get<{ Params: { file: string } }>('/assets/:file', (request, reply) => {
    const body = assets.get(`/assets/${request.params.file}`);
    if (!body) return reply.callNotFound();
    return sendCompressed(request, reply, body, 'public, max-age=31536000, immutable');
  });
  app.get('/favicon.ico', (_request, reply) => reply.code(204).header('cache-control', 'public, max-age=86400').send());

  registerHealthRoutes(app, database);
  await registerStaffFeatures(app, { config, announce: deps.announce ?? ((text) => console.log(text)) });
  registerContentRoutes(app, { content, settings, pageCache, assets, baseUrl: config.baseUrl });

  return app;
}
