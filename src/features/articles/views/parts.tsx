// Pieces the article pages share: breadcrumb, article cards, pager, dates, JSON-LD helpers.
import type { Locale } from '../../../db/schema.ts';
import { formatDate } from '../../../i18n/index.ts';
import type { PublicContext } from '../../../web/views/public-layout.tsx';
import { listPagePath } from '../paths.ts';
import type { ArticleSummary } from '../service.ts';

export interface Crumb {
  name: string;
  path: string;
}

/** Visible breadcrumb: every crumb a link but the last, which is the current page. */
export function Breadcrumb({ ctx, crumbs }: { ctx: PublicContext; crumbs: Crumb[] }) {
  return (
    <nav class="breadcrumb" aria-label={ctx.t('articles.breadcrumb')}>
      <ol>
        {crumbs.map((c, i) => (
          <li>{i === crumbs.length - 1 ? <span aria-current="page">{c.name}</span> : <a href={c.path}>{c.name}</a>}</li>
        ))}
      </ol>
    </nav>
  );
}

export function breadcrumbJsonLd(ctx: PublicContext, crumbs: Crumb[]): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: ctx.baseUrl + c.path })),
  };
}

export function DateText({ ctx, at }: { ctx: PublicContext; at: number }) {
  return <time dateTime={new Date(at).toISOString()}>{formatDate(ctx.locale, at, ctx.settings.timeZone)}</time>;
}

/** YYYY-MM-DD of an instant in the clinic's zone (schema.org Date). */
export function isoDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export const intlLanguage: Record<Locale, string> = { tr: 'tr-TR', en: 'en-GB' };

export function ArticleCard({ ctx, article, level = 2 }: { ctx: PublicContext; article: ArticleSummary; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <li class="article-card">
      <Heading class="article-card-title">
        <a href={article.path}>{article.title}</a>
      </Heading>
      <p class="article-card-summary">{article.summary}</p>
      <p class="article-card-meta">
        {article.categoryName && article.categoryPath ? (
          <>
            <a href={article.categoryPath}>{article.categoryName}</a>
            {' · '}
          </>
        ) : null}
        <DateText ctx={ctx} at={article.publishedAt} />
        {' · '}
        {ctx.t('articles.readingTime', { minutes: article.readingMinutes })}
      </p>
    </li>
  );
}

export function Pager({ ctx, basePath, page, pageCount }: { ctx: PublicContext; basePath: string; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const { t } = ctx;
  return (
    <nav class="pager" aria-label={t('articles.pager.label')}>
      {page > 1 ? (
        <a rel="prev" href={listPagePath(basePath, page - 1)}>
          {t('articles.pager.newer')}
        </a>
      ) : (
        <span />
      )}
      <span class="pager-status">{t('articles.pager.status', { page, pages: pageCount })}</span>
      {page < pageCount ? (
        <a rel="next" href={listPagePath(basePath, page + 1)}>
          {t('articles.pager.older')}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** rel=prev/next for the head of a paginated list. */
export function PagerLinks({ ctx, basePath, page, pageCount }: { ctx: PublicContext; basePath: string; page: number; pageCount: number }) {
  return (
    <>
      {page > 1 ? <link rel="prev" href={ctx.baseUrl + listPagePath(basePath, page - 1)} /> : null}
      {page < pageCount ? <link rel="next" href={ctx.baseUrl + listPagePath(basePath, page + 1)} /> : null}
    </>
  );
}
