// HTTP for the public content pages: language redirect and cached, pre-compressed page responses.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLocale, negotiateLocale, translator, type Locale } from '../../i18n/index.ts';
import type { Assets } from '../../web/assets.ts';
import { sendCompressed } from '../../web/compressed.ts';
import type { PageCache } from '../../web/page-cache.ts';
import { renderDocument } from '../../web/render.ts';
import type { SettingsService } from '../settings/service.ts';
import type { ContentService } from './service.ts';
import { ContentPage } from './views/content-page.tsx';

interface Deps {
  content: ContentService;
  settings: SettingsService;
  pageCache: PageCache;
  assets: Assets;
  baseUrl: string;
}

export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

const SLUG = /^[a-z0-9-]{1,120}$/;

export function registerContentRoutes(app: FastifyInstance, deps: Deps): void {
  const { content, settings, pageCache, assets, baseUrl } = deps;

  app.get('/', (request, reply) => {
    const locale = negotiateLocale(request.headers['accept-language'], settings.current.defaultLocale);
    return reply.header('vary', 'Accept-Language').header('cache-control', 'no-cache').redirect(`/${locale}/`, 302);
  });

  app.get<{ Params: { locale: string } }>('/:locale', (request, reply) => {
    if (!isLocale(request.params.locale)) return reply.callNotFound();
    return reply.redirect(`/${request.params.locale}/`, 301);
  });

  const renderPage = async (locale: Locale, slug: string): Promise<string | undefined> => {
    const model = await content.pageModel(locale, slug);
    if (!model) return undefined;
    const nav = await content.navigation();
    const ctx = { locale, t: translator(locale), settings: settings.current, assets, baseUrl, nav: nav[locale] };
    return renderDocument(ContentPage({ ctx, model }));
  };

  const handler = async (locale: string, slug: string, request: FastifyRequest, reply: FastifyReply) => {
    if (!isLocale(locale) || (slug !== '' && !SLUG.test(slug))) return reply.callNotFound();
    const body = await pageCache.get(`${locale}/${slug}`, () => renderPage(locale, slug));
    if (!body) return reply.callNotFound();
    return sendCompressed(request, reply, body, PUBLIC_CACHE_CONTROL);
  };

  app.get<{ Params: { locale: string } }>('/:locale/', (request, reply) => handler(request.params.locale, '', request, reply));
  app.get<{ Params: { locale: string; slug: string } }>('/:locale/:slug', (request, reply) => handler(request.params.locale, request.params.slug, request, reply));
}
