// HTTP for the public content pages: language redirect and cached, pre-compressed page responses.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLocale, negotiateLocale, translator, type Locale } from '../../i18n/index.ts';
import type { Assets } from '../../web/assets.ts';
import { sendCompressed } from '../../web/compressed.ts';
import type { PageCache } from '../../web/page-cache.ts';
import { renderDocument } from '../../web/render.ts';
import type { SettingsService } from '../settings/service.ts';
import { pathFor, type ContentService, type PageKey } from './service.ts';
import { ContentPage } from './views/content-page.tsx';

/** Serves a navigation target's URL itself (with its own query handling and caching), e.g. the articles index. */
export type SectionHandler = (request: FastifyRequest, reply: FastifyReply, locale: Locale) => Promise<unknown>;

interface Deps {
  content: ContentService;
  settings: SettingsService;
  pageCache: PageCache;
  assets: Assets;
  baseUrl: string;
  /** Pages whose URL another feature serves; the page row still holds their title and intro. */
  sections?: Partial<Record<PageKey, SectionHandler>>;
}

export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

const SLUG = /^[a-z0-9-]{1,120}$/;

export function registerContentRoutes(app: FastifyInstance, deps: Deps): void {
  const { content, settings, pageCache, assets, baseUrl, sections = {} } = deps;
  const sectionEntries = Object.entries(sections) as Array<[PageKey, SectionHandler]>;

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

  const handler = (locale: string, slug: string, request: FastifyRequest, reply: FastifyReply) => {
    // Hot path: a cached page is sent without a single await (see bench/README.md).
    const hit = pageCache.peek(`${locale}/${slug}`);
    if (hit) return sendCompressed(request, reply, hit, PUBLIC_CACHE_CONTROL);
    return renderAndSend(locale, slug, request, reply);
  };

  const renderAndSend = async (locale: string, slug: string, request: FastifyRequest, reply: FastifyReply) => {
    if (!isLocale(locale) || (slug !== '' && !SLUG.test(slug))) return reply.callNotFound();
    if (sectionEntries.length > 0) {
      const nav = await content.navigation();
      const path = pathFor(locale, slug);
      const section = sectionEntries.find(([key]) => nav[locale][key] === path);
      if (section) return section[1](request, reply, locale);
    }
    const body = await pageCache.get(`${locale}/${slug}`, () => renderPage(locale, slug));
    if (!body) return reply.callNotFound();
    return sendCompressed(request, reply, body, PUBLIC_CACHE_CONTROL);
  };

  app.get<{ Params: { locale: string } }>('/:locale/', (request, reply) => handler(request.params.locale, '', request, reply));
  app.get<{ Params: { locale: string; slug: string } }>('/:locale/:slug', (request, reply) => handler(request.params.locale, request.params.slug, request, reply));
}
