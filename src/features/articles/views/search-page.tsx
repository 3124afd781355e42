// Site search: the form, and for a query the ranked results with marked snippets (the only raw HTML here is the
// service's escaped-then-marked text).
import { PublicPage, type PublicContext } from '../../../web/views/public-layout.tsx';
import { QUERY_MAX } from '../text.ts';
import type { SearchModel } from '../service.ts';
import { DateText } from './parts.tsx';

export function SearchPage({ ctx, model, path, switchHref, indexPath }: { ctx: PublicContext; model: SearchModel | undefined; path: string; switchHref: string; indexPath: string }) {
  const { t } = ctx;
  const query = model?.query ?? '';
  const count = model?.results.length ?? 0;
  return (
    <PublicPage
      ctx={ctx}
      title={query ? `${t('search.title')}: ${query}` : t('search.title')}
      description={t('search.description')}
      path={path}
      alternates={{ [ctx.locale]: path }}
      switchHref={switchHref}
      head={<meta name="robots" content="noindex, follow" />}
    >
      <div class="wrap page search-page">
        <h1>{t('search.title')}</h1>
        <form class="search-form" role="search" method="get" action={path}>
          <label for="q">{t('search.label')}</label>
          <div class="search-row">
            <input id="q" name="q" type="search" value={query} maxLength={QUERY_MAX} aria-describedby="search-hint" />
            <button class="button primary" type="submit">
              {t('search.submit')}
            </button>
          </div>
          <p id="search-hint" class="muted search-hint">
            {t('search.hint')}
          </p>
        </form>
        {model && query ? (
          model.terms.length === 0 ? (
            <p class="notice" role="status">
              {t('search.nothingToSearch')}
            </p>
          ) : (
            <section aria-labelledby="results-title" class="search-results">
              <h2 id="results-title">
                {count === 0 ? t('search.resultsLabel') : t(count === 1 ? 'search.results.one' : 'search.results.other', { count, query })}
              </h2>
              {count === 0 ? (
                <p class="notice">
                  {t('search.none', { query })} <a href={indexPath}>{t('articles.allArticles')}</a>
                </p>
              ) : (
                <ol class="result-list">
                  {model.results.map((r) => (
                    <li class="result">
                      <h3 class="result-title">
                        <a href={r.path} dangerouslySetInnerHTML={{ __html: r.titleHtml }} />
                      </h3>
                      <p class="result-snippet" dangerouslySetInnerHTML={{ __html: r.snippetHtml }} />
                      <p class="result-meta">
                        {r.categoryName ? `${r.categoryName} · ` : ''}
                        <DateText ctx={ctx} at={r.publishedAt} />
                      </p>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          )
        ) : null}
      </div>
    </PublicPage>
  );
}
