// One article: breadcrumb, title, dates, author and medical editor, cover picture, contents, body, call to action,
// comments slot, related. Without an uploaded cover there is no picture (and no placeholder bytes).
import type { VNode } from 'preact';
import { PublicPage, type PublicContext } from '../../../web/views/public-layout.tsx';
import type { CoverModel } from '../covers.ts';
import type { TocEntry } from '../markdown.ts';
import type { ArticlePageModel } from '../service.ts';
import { ArticleCard, Breadcrumb, breadcrumbJsonLd, DateText, intlLanguage, isoDate, type Crumb } from './parts.tsx';

interface TocNode extends TocEntry {
  children: TocEntry[];
}

function tocTree(entries: TocEntry[]): TocNode[] {
  const tree: TocNode[] = [];
  for (const e of entries) {
    const parent = tree.at(-1);
    if (e.level === 3 && parent) parent.children.push(e);
    else tree.push({ ...e, children: [] });
  }
  return tree;
}

/** The article column is at most 50rem wide; below that the picture spans the viewport less the page padding. */
const COVER_SIZES = '(min-width: 52rem) 50rem, calc(100vw - 2rem)';

/**
 * The cover: AVIF, then WebP, then the WebP <img> as fallback. width/height give the aspect ratio, so nothing moves
 * when it loads; it is the first thing under the title (above the fold), so it loads eagerly and first.
 */
export function CoverPicture({ cover, alt, aboveFold }: { cover: CoverModel; alt: string; aboveFold: boolean }) {
  const srcset = (format: 'avif' | 'webp') =>
    cover.sources
      .filter((s) => s.format === format)
      .map((s) => `${s.url} ${s.width}w`)
      .join(', ');
  const webp = cover.sources.filter((s) => s.format === 'webp');
  const fallback = webp.find((s) => s.width >= 960) ?? webp.at(-1)!;
  return (
    <picture>
      <source type="image/avif" srcset={srcset('avif')} sizes={COVER_SIZES} />
      <source type="image/webp" srcset={srcset('webp')} sizes={COVER_SIZES} />
      <img
        src={fallback.url}
        width={cover.width}
        height={cover.height}
        alt={alt}
        decoding="async"
        {...(aboveFold ? { fetchpriority: 'high' as const } : { loading: 'lazy' as const })}
      />
    </picture>
  );
}

export function ArticlePage(props: { ctx: PublicContext; model: ArticlePageModel; indexTitle: string; comments?: { countLabel: string; node: VNode } | undefined }) {
  const { ctx, model, indexTitle, comments } = props;
  const { t, settings, baseUrl, locale } = ctx;
  const { article } = model;
  const crumbs: Crumb[] = [
    { name: t('nav.home'), path: ctx.nav.home },
    { name: indexTitle, path: model.indexPath },
    { name: article.title, path: article.path },
  ];
  const url = baseUrl + article.path;
  const published = new Date(article.publishedAt).toISOString();
  const modified = new Date(article.updatedAt).toISOString();
  const medicalPage = {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    '@id': url,
    url,
    name: article.title,
    headline: article.title,
    description: article.summary,
    inLanguage: intlLanguage[locale],
    datePublished: published,
    dateModified: modified,
    lastReviewed: isoDate(article.updatedAt, settings.timeZone),
    reviewedBy: { '@type': 'Person', name: article.editorName },
    author: { '@type': 'Person', name: article.authorName },
    publisher: { '@type': 'MedicalClinic', name: settings.clinicName, url: baseUrl + ctx.nav.home, email: settings.email, telephone: settings.phone },
    ...(article.categoryName ? { about: { '@type': 'Thing', name: article.categoryName } } : {}),
    timeRequired: `PT${article.readingMinutes}M`,
    mainEntityOfPage: url,
  };
  const toc = tocTree(article.toc);
  return (
    <PublicPage
      ctx={ctx}
      title={article.seoTitle ?? article.title}
      description={article.seoDescription ?? article.summary}
      path={article.path}
      alternates={model.alternates}
      switchHref={model.switchHref}
      active="articles"
      ogType="article"
      jsonLd={[breadcrumbJsonLd(ctx, crumbs), medicalPage]}
      head={
        <>
          <meta property="article:published_time" content={published} />
          <meta property="article:modified_time" content={modified} />
          {article.categoryName ? <meta property="article:section" content={article.categoryName} /> : null}
          <meta name="author" content={article.authorName} />
        </>
      }
    >
      <article class="wrap page article" aria-labelledby="article-title">
        <Breadcrumb ctx={ctx} crumbs={crumbs} />
        <header class="article-header">
          {article.categoryName && article.categoryPath ? (
            <p class="article-kicker">
              <a href={article.categoryPath}>{article.categoryName}</a>
            </p>
          ) : null}
          <h1 id="article-title">{article.title}</h1>
          <p class="lead">{article.summary}</p>
          <ul class="article-meta">
            <li>{t('articles.author', { name: article.authorName })}</li>
            <li>
              {t('articles.published')} <DateText ctx={ctx} at={article.publishedAt} />
            </li>
            <li>
              {t('articles.updated')} <DateText ctx={ctx} at={article.updatedAt} />
            </li>
            <li>{t('articles.readingTime', { minutes: article.readingMinutes })}</li>
            {article.commentsEnabled && comments ? (
              <li>
                <a href="#comments">{comments.countLabel}</a>
              </li>
            ) : null}
          </ul>
        </header>
        {model.cover ? (
          <figure class="article-cover">
            <CoverPicture cover={model.cover} alt={article.coverAlt} aboveFold />
          </figure>
        ) : null}
        {article.toc.length >= 2 ? (
          <nav class="toc" aria-labelledby="toc-title">
            <h2 id="toc-title">{t('articles.toc')}</h2>
            <ol>
              {toc.map((e) => (
                <li>
                  <a href={`#${e.id}`}>{e.text}</a>
                  {e.children.length > 0 ? (
                    <ol>
                      {e.children.map((c) => (
                        <li>
                          <a href={`#${c.id}`}>{c.text}</a>
                        </li>
                      ))}
                    </ol>
                  ) : null}
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <div class="prose article-body" dangerouslySetInnerHTML={{ __html: article.html }} />
        <footer class="article-editor">
          <p>
            <strong>{t('articles.editor', { name: article.editorName })}</strong>
          </p>
          <p>
            {t('articles.updated')} <DateText ctx={ctx} at={article.updatedAt} />
          </p>
          <p>
            {t('articles.editorContact')} <a href={`mailto:${settings.email}`}>{settings.email}</a>
          </p>
        </footer>
        <section class="article-cta" aria-labelledby="cta-title">
          <h2 id="cta-title">{t('articles.cta.title')}</h2>
          <p>{t('articles.cta.body')}</p>
          <p>
            <a class="button primary" href={ctx.nav.examination}>
              {settings.ctaLabel[locale]}
            </a>
          </p>
        </section>
        {/* Filled by the comments feature (questions to the clinic); absent when the article's comments are off. */}
        {article.commentsEnabled ? (comments?.node ?? <section id="comments" class="comments" data-slot="comments" />) : null}
        {model.related.length > 0 ? (
          <section class="related" aria-labelledby="related-title">
            <h2 id="related-title">{t('articles.related')}</h2>
            <ul class="article-list">
              {model.related.map((r) => (
                <ArticleCard ctx={ctx} article={r} level={3} />
              ))}
            </ul>
          </section>
        ) : null}
      </article>
    </PublicPage>
  );
}
