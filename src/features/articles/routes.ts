// HTTP for the public article section: index and category lists, article pages (301 for old slugs), search, Atom
// feeds, sitemap.xml and robots.txt. Everything but search is served from the page cache as pre-compressed bytes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../db/schema.ts';
import { isLocale, locales, otherLocale, translator } from '../../i18n/index.ts';
import type { Assets } from '../../web/assets.ts';
import { compressBody, sendCompressed } from '../../web/compressed.ts';
import type { PageCache, RenderedPage } from '../../web/page-cache.ts';
import { renderDocument } from '../../web/render.ts';
import type { PublicContext } from '../../web/views/public-layout.tsx';
import type { CommentsSlot } from '../comments/routes.ts';
import type { ContentService } from '../content/service.ts';
import type { SettingsService } from '../settings/service.ts';
import { atomFeed, robotsTxt, sitemapXml } from './feeds.ts';
import { categorySegment, feedPaths, searchPaths } from './paths.ts';
import type { ArticleService } from './service.ts';
import { ArticleIndexPage } from './views/article-index.tsx';
import { ArticlePage } from './views/article-page.tsx';
import { SearchPage } from './views/search-page.tsx';

interface Deps {
  articles: ArticleService;
  content: ContentService;
  settings: SettingsService;
  pageCache: PageCache;
  assets: Assets;
  baseUrl: string;
  /** The comments section under articles whose comments are on. */
  comments?: CommentsSlot | undefined;
}

const CACHE_CONTROL = 'public, max-age=0, must-revalidate';
const SLUG = /^[a-z0-9-]{1,120}$/;

/** ?page=N: absent → 1; a plain positive integer → N; anything else → undefined (answered with 404). */
export function parsePage(value: unknown): number | undefined {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9]\d{0,5}$/.test(value)) return undefined;
  return Number(value);
}

function firstString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

type IndexHandler = (request: FastifyRequest, reply: FastifyReply, locale: Locale) => Promise<unknown>;

/** Registers the article routes; returns the handler that serves the articles index at the "articles" page's URL. */
export function registerArticleRoutes(app: FastifyInstance, deps: Deps): { serveIndex: IndexHandler } {
  const { articles, content, settings, pageCache, assets, baseUrl } = deps;

  const publicContext = async (locale: Locale): Promise<PublicContext> => ({
    locale,
    t: translator(locale),
    settings: settings.current,
    assets,
    baseUrl,
    nav: (await content.navigation())[locale],
  });

  /** The section path segment must be the articles page's current slug (/tr/makaleler, /en/articles). */
  const isArticleSection = async (locale: Locale, section: string) => (await content.navigation())[locale].articles === `/${locale}/${section}`;

  const renderList = async (locale: Locale, page: number, categorySlug: string | undefined, notice: 'untranslated' | undefined): Promise<RenderedPage | undefined> => {
    const model = await articles.indexModel(locale, { page, categorySlug });
    if (!model) return undefined;
    return { body: renderDocument(ArticleIndexPage({ ctx: await publicContext(locale), model, notice })), expiresAt: model.expiresAt };
  };

  const serveIndex: IndexHandler = async (request, reply, locale) => {
    const query = request.query as Record<string, unknown>;
    const page = parsePage(query.page);
    if (page === undefined) return reply.callNotFound();
    // Only known values make cache entries: any other query string is the plain list.
    const notice = query.notice === 'untranslated' ? 'untranslated' : undefined;
    const body = await pageCache.get(`articles:index:${locale}:${page}:${notice ?? ''}`, () => renderList(locale, page, undefined, notice));
    if (!body) return reply.callNotFound();
    return sendCompressed(request, reply, body, CACHE_CONTROL);
  };

  app.get<{ Params: { locale: string; section: string; slug: string } }>('/:locale/:section/:slug', async (request, reply) => {
    const { locale, section, slug } = request.params;
    if (!isLocale(locale) || !SLUG.test(slug) || !(await isArticleSection(locale, section))) return reply.callNotFound();
    const render = async (personal?: { request: FastifyRequest; reply: FastifyReply }): Promise<RenderedPage | undefined> => {
      const model = await articles.articleModel(locale, slug);
      if (!model) return undefined;
      const ctx = await publicContext(locale);
      const comments = model.article.commentsEnabled && deps.comments ? await deps.comments.section(ctx, model.article, personal?.request, personal?.reply) : undefined;
      const expiresAt = comments && (model.expiresAt === undefined || comments.expiresAt < model.expiresAt) ? comments.expiresAt : model.expiresAt;
      return { body: renderDocument(ArticlePage({ ctx, model, indexTitle: ctx.t('nav.articles'), comments })), expiresAt };
    };
    // A reader with comments still waiting for moderation sees them (only they do): their page is rendered for them.
    if (deps.comments?.isPersonal(request, locale, slug)) {
      const page = await render({ request, reply });
      if (page) return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'private, no-store').send(page.body);
    }
    const body = await pageCache.get(`articles:article:${locale}:${slug}`, () => render());
    if (body) return sendCompressed(request, reply, body, CACHE_CONTROL);
    const moved = await articles.redirectFor(locale, slug);
    if (moved) return reply.header('cache-control', 'public, max-age=3600').redirect(moved, 301);
    return reply.callNotFound();
  });

  app.get<{ Params: { locale: string; section: string; segment: string; slug: string } }>('/:locale/:section/:segment/:slug', async (request, reply) => {
    const { locale, section, segment, slug } = request.params;
    if (!isLocale(locale) || segment !== categorySegment[locale] || !SLUG.test(slug) || !(await isArticleSection(locale, section))) return reply.callNotFound();
    const page = parsePage((request.query as Record<string, unknown>).page);
    if (page === undefined) return reply.callNotFound();
    const body = await pageCache.get(`articles:category:${locale}:${slug}:${page}`, () => renderList(locale, page, slug, undefined));
    if (!body) return reply.callNotFound();
    return sendCompressed(request, reply, body, CACHE_CONTROL);
  });

  for (const locale of locales) {
    const other = otherLocale(locale);
    // Search answers differ per query: rendered per request, never kept in the page cache.
    app.get(searchPaths[locale], async (request, reply) => {
      const query = firstString((request.query as Record<string, unknown>).q).slice(0, 200);
      const model = query.trim() ? await articles.search(locale, query) : undefined;
      const ctx = await publicContext(locale);
      const html = renderDocument(
        SearchPage({
          ctx,
          model,
          path: searchPaths[locale],
          switchHref: searchPaths[other] + (query.trim() ? `?q=${encodeURIComponent(query.trim())}` : ''),
          indexPath: ctx.nav.articles,
        }),
      );
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    });

    app.get(feedPaths[locale], async (request, reply) => {
      const body = await pageCache.get(`articles:feed:${locale}`, async () => {
        const model = await articles.feedModel(locale);
        if (!model) return undefined;
        const clinicName = settings.current.clinicName;
        const title = translator(locale)('articles.feedTitle', { clinic: clinicName });
        return { body: atomFeed(model, { baseUrl, clinicName, title, feedPath: feedPaths[locale] }), contentType: 'application/atom+xml; charset=utf-8', expiresAt: model.expiresAt };
      });
      if (!body) return reply.callNotFound();
      return sendCompressed(request, reply, body, CACHE_CONTROL);
    });
  }

  app.get('/sitemap.xml', async (request, reply) => {
    const body = await pageCache.get('articles:sitemap', async () => {
      const model = await articles.sitemapModel();
      return { body: sitemapXml(model.entries, baseUrl), contentType: 'application/xml; charset=utf-8', expiresAt: model.expiresAt };
    });
    return sendCompressed(request, reply, body!, CACHE_CONTROL);
  });

  const robots = compressBody(robotsTxt(baseUrl), 'text/plain; charset=utf-8');
  app.get('/robots.txt', (request, reply) => sendCompressed(request, reply, robots, 'public, max-age=3600'));

  return { serveIndex };
}
