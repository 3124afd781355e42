// buildApp(deps): one Fastify instance with every plugin and feature route; the server and the tests both build it.
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/connect.ts';
import { BookingService } from './features/booking/service.ts';
import { FrontDeskService } from './features/frontdesk/service.ts';
import { enqueue } from './features/notifications/outbox.ts';
import { CalendarService } from './features/calendar/service.ts';
import { registerBookingApi } from './features/booking/api.ts';
import { registerBookingPages } from './features/booking/public-routes.ts';
import { ArticleService } from './features/articles/service.ts';
import { registerArticleRoutes } from './features/articles/routes.ts';
import { CoverService, registerCoverMedia } from './features/articles/covers.ts';
import { CommentService } from './features/comments/service.ts';
import { registerCommentPages } from './features/comments/routes.ts';
import { registerCommentsApi } from './features/comments/api.ts';
import { ContentService } from './features/content/service.ts';
import { Housekeeping } from './features/housekeeping/service.ts';
import { registerContentRoutes } from './features/content/routes.ts';
import { SettingsService } from './features/settings/service.ts';
import { loadAssets, type Assets } from './web/assets.ts';
import { StaffService } from './features/staff/service.ts';
import { registerStaffFeatures } from './features/staff/register.ts';
import { NotificationService } from './features/notifications/service.ts';
import { sendCompressed } from './web/compressed.ts';
import { isApiRequest, registerErrorHandling, sendErrorPage, sendProblem } from './web/error-handler.ts';
import { registerHealthRoutes } from './web/health.ts';
import { OpenApiRegistry, registerOpenApiRoute } from './web/openapi.ts';
import { PageCache } from './web/page-cache.ts';
import { registerSecurityHeaders } from './web/security-headers.ts';
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
  database: DatabaseHandle;
  assets: Assets;
  staff: StaffService;
  settings: SettingsService;
  content: ContentService;
  articles: ArticleService;
  covers: CoverService;
  booking: BookingService;
  frontdesk: FrontDeskService;
  calendar: CalendarService;
  comments: CommentService;
  notifications: NotificationService;
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

/** Appointment manage links carry a secret token in the path: logs show where, never the token. */
function withoutSecrets(path: string): string {
  return path.replace(/\/(manage|randevu|appointment)\/[A-Za-z0-9_-]{20,}/, '/$1/:token');
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
      if (isApiRequest(request)) sendProblem(reply, status, 'Bad Request');
      else sendErrorPage(request, reply, status, assets, settings.current.clinicName, ['error.badRequest.title', 'error.badRequest.body']);
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
      { method: request.method, path: withoutSecrets(request.url.split('?')[0]!), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
    done();
  });

  // The clock lets cached article lists expire when a scheduled article goes public.
  const pageCache = new PageCache(2000, now);
  settings.onChange(() => pageCache.clear());
  await settings.load();
  settings.watch(config.pageCachePollMs);
  const content = new ContentService(database.db);
  settings.onChange(() => content.forgetNavigation());
  const articles = new ArticleService({ db: database.db, engine: database.engine, settings, content, now });
  const covers = new CoverService({ db: database.db, settings, now });
  const staff = new StaffService(database.db, config, now);
  const booking = new BookingService({ db: database.db, config, settings: () => settings.current, now });
  // Patient messages: written to the outbox inside each appointment change; the worker is started by the server.
  const notifications = new NotificationService({ database, config, settings: () => settings.current, now, manageUrl: (l, tk) => booking.manageUrl(l, tk), log: app.log });
  booking.events.on(notifications.onAppointmentEvent);
  app.addHook('onClose', async () => notifications.stop());
  // Listens on booking.events: a freed slot becomes waitlist offers, sent through the outbox in the same transaction.
  const frontdesk = new FrontDeskService({ db: database.db, config, booking, settings: () => settings.current, now, enqueue });
  const calendar = new CalendarService({ db: database.db, settings: () => settings.current, now });
  const comments = new CommentService({ db: database.db, engine: database.engine, config, settings, articles, now });
  app.decorate('services', { database, assets, staff, settings, content, articles, covers, booking, notifications, frontdesk, calendar, comments, pageCache, now });
  app.decorate('openapi', new OpenApiRegistry());
  const housekeeping = new Housekeeping(database.db, config, now);
  if (config.housekeepingIntervalMs > 0) housekeeping.start((err) => app.log.error({ err }, 'housekeeping failed'), config.housekeepingIntervalMs);
  app.addHook('onClose', async () => {
    settings.stop();
    housekeeping.stop();
  });

  registerSecurityHeaders(app, config.secureCookies, [assets.cspHash('site.css'), assets.cspHash('comments.css')]);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(cookie);

  registerErrorHandling(app, assets, () => settings.current.clinicName);

  app.get<{ Params: { file: string } }>('/assets/:file', (request, reply) => {
    const body = assets.get(`/assets/${request.params.file}`);
    if (!body) return reply.callNotFound();
    return sendCompressed(request, reply, body, 'public, max-age=31536000, immutable');
  });
  registerCoverMedia(app, database.db);
  app.get('/favicon.ico', (_request, reply) => reply.code(204).header('cache-control', 'public, max-age=86400').send());

  registerHealthRoutes(app, database);
  await registerStaffFeatures(app, { config, announce: deps.announce ?? ((text) => console.log(text)) });
  const commentsSlot = registerCommentPages(app, { comments, content, settings, assets, config, now });
  const articleRoutes = registerArticleRoutes(app, { articles, content, settings, pageCache, assets, baseUrl: config.baseUrl, comments: commentsSlot });
  // The free-examination page is step 1 of the booking flow: its intro comes from the page row, its free times are live.
  const bookingPages = registerBookingPages(app, { booking, content, settings, assets, config, now });
  registerContentRoutes(app, {
    content,
    settings,
    pageCache,
    assets,
    baseUrl: config.baseUrl,
    sections: { articles: articleRoutes.serveIndex, examination: bookingPages.serveStart },
  });
  registerBookingApi(app);
  registerCommentsApi(app, { comments, config });
  registerOpenApiRoute(app, config);

  return app;
}
