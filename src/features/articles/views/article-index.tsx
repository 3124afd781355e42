// The articles index and the category pages: intro, topics, one page of article cards, pager.
import { otherLocale } from '../../../i18n/index.ts';
import { markdownToHtml } from '../../../web/views/markdown.ts';
import { PublicPage, type PublicContext } from '../../../web/views/public-layout.tsx';
import { listPagePath } from '../paths.ts';
import type { ArticleIndexModel } from '../service.ts';
import { ArticleCard, Breadcrumb, breadcrumbJsonLd, Pager, PagerLinks, type Crumb } from './parts.tsx';

export function ArticleIndexPage({ ctx, model, notice }: { ctx: PublicContext; model: ArticleIndexModel; notice: 'untranslated' | undefined }) {
  const { t } = ctx;
  const { intro, category, page, pageCount, basePath } = model;
  const heading = category ? category.name : intro.page.title;
  const title = page > 1 ? t('articles.pageTitle', { title: category ? t('articles.categoryTitle', { name: category.name }) : heading, page }) : category ? t('articles.categoryTitle', { name: category.name }) : heading;
  const description = category ? category.description || intro.page.summary : intro.page.summary;
  const path = listPagePath(basePath, page);
  const crumbs: Crumb[] = [{ name: t('nav.home'), path: ctx.nav.home }, { name: intro.page.title, path: model.indexPath }];
  if (category) crumbs.push({ name: category.name, path: category.path });
  // Page N of one language is not page N of the other; the translations' first pages are the alternates.
  const alternates = page === 1 ? (category ? category.alternates : intro.alternates) : { [ctx.locale]: path };
  const other = otherLocale(ctx.locale);
  return (
    <PublicPage
      ctx={ctx}
      title={title}
      description={description}
      path={path}
      alternates={alternates}
      switchHref={category?.alternates[other] ?? intro.alternates[other]}
      active="articles"
      jsonLd={[breadcrumbJsonLd(ctx, crumbs)]}
      head={<PagerLinks ctx={ctx} basePath={basePath} page={page} pageCount={pageCount} />}
    >
      <div class="wrap page article-index">
        {category ? <Breadcrumb ctx={ctx} crumbs={crumbs} /> : null}
        <h1>{heading}</h1>
        <p class="lead">{category ? category.description : intro.page.summary}</p>
        {notice === 'untranslated' ? (
          <p class="notice" role="status">
            {t('articles.notice.untranslated')}
          </p>
        ) : null}
        {model.categories.length > 0 ? (
          <section class="topics" aria-labelledby="topics-title">
            <h2 id="topics-title" class="topics-title">
              {t('articles.topics')}
            </h2>
            <ul class="topic-list">
              <li>
                <a href={model.indexPath} aria-current={category ? undefined : 'page'}>
                  {t('articles.allArticles')}
                </a>
              </li>
              {model.categories.map((c) => (
                <li>
                  <a href={c.path} aria-current={category?.id === c.id ? 'page' : undefined}>
                    {c.name} <span class="topic-count">({c.count})</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {model.items.length > 0 ? (
          <ul class="article-list">
            {model.items.map((a) => (
              <ArticleCard ctx={ctx} article={a} />
            ))}
          </ul>
        ) : (
          <p class="notice">{category ? t('articles.categoryEmpty') : t('articles.empty')}</p>
        )}
        <Pager ctx={ctx} basePath={basePath} page={page} pageCount={pageCount} />
        {!category && page === 1 ? <div class="prose index-intro" dangerouslySetInnerHTML={{ __html: markdownToHtml(intro.page.body_md) }} /> : null}
      </div>
    </PublicPage>
  );
}
