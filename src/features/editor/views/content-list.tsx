// The editor's overview: articles (filterable by status and language), the public pages and the services' public texts.
import type { Locale, Translate } from '../../../i18n/index.ts';
import { SelectField, type Option } from '../../staff/views/staff-views.tsx';
import { languageNames } from './fields.tsx';

export type ArticleState = 'draft' | 'scheduled' | 'published' | 'archived';

export interface ArticleListItem {
  id: number;
  titles: Partial<Record<Locale, string>>;
  state: ArticleState;
  /** "Scheduled for …" or the like, already formatted. */
  stateText: string;
  category: string | undefined;
  updated: string;
  updatedIso: string;
  publicLinks: Partial<Record<Locale, string>>;
}

export interface PageListItem {
  href: string;
  label: string;
  titles: Partial<Record<Locale, string>>;
  updated?: string | undefined;
  publicLinks: Partial<Record<Locale, string>>;
  note?: string | undefined;
}

export interface ContentListProps {
  t: Translate;
  filters: { status: string; language: string };
  filterError: boolean;
  statusOptions: Option[];
  languageOptions: Option[];
  articles: ArticleListItem[];
  totalArticles: number;
  pages: PageListItem[];
  services: PageListItem[];
}

function Titles({ titles, href, t }: { titles: Partial<Record<Locale, string>>; href: string; t: Translate }) {
  const entries = (['tr', 'en'] as const).filter((l) => titles[l] !== undefined);
  if (entries.length === 0) return <a href={href}>{t('editor.list.untitled')}</a>;
  return (
    <ul class="plain">
      {entries.map((l) => (
        <li>
          <span class="lang-tag" title={languageNames[l]}>
            {l.toUpperCase()}
          </span>{' '}
          <a href={href} lang={l}>
            {titles[l]}
          </a>
        </li>
      ))}
    </ul>
  );
}

function PublicLinks({ links, t }: { links: Partial<Record<Locale, string>>; t: Translate }) {
  const entries = (['tr', 'en'] as const).filter((l) => links[l]);
  if (entries.length === 0) return <span class="hint">{t('editor.list.notPublic')}</span>;
  return (
    <ul class="plain">
      {entries.map((l) => (
        <li>
          <a href={links[l]}>{t('editor.list.view', { language: languageNames[l] })}</a>
        </li>
      ))}
    </ul>
  );
}

function TextTable({ t, caption, items, nameHeader }: { t: Translate; caption: string; items: PageListItem[]; nameHeader: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            <th scope="col">{t('editor.list.titles')}</th>
            <th scope="col">{t('editor.list.updated')}</th>
            <th scope="col">{t('editor.list.links')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr>
              <th scope="row">
                <a href={p.href}>{p.label}</a>
                {p.note ? <span class="hint"> ({p.note})</span> : null}
              </th>
              <td>
                <Titles titles={p.titles} href={p.href} t={t} />
              </td>
              <td>{p.updated ?? '—'}</td>
              <td>
                <PublicLinks links={p.publicLinks} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ContentList(props: ContentListProps) {
  const { t, filters, filterError, statusOptions, languageOptions, articles, totalArticles, pages, services } = props;
  return (
    <>
      <section aria-labelledby="articles-h">
        <h2 id="articles-h">{t('editor.list.articles')}</h2>
        <p>
          <a class="button-primary" href="/admin/content/articles/new">
            {t('editor.list.newArticle')}
          </a>
        </p>
        {filterError ? (
          <p class="banner error" role="alert">
            {t('editor.list.badFilter')}
          </p>
        ) : null}
        <form method="get" action="/admin/content" class="filters">
          <SelectField name="status" label={t('editor.list.status')} value={filters.status} options={statusOptions} placeholder={t('editor.list.any')} />
          <SelectField name="language" label={t('editor.list.language')} value={filters.language} options={languageOptions} placeholder={t('editor.list.any')} />
          <button type="submit" class="button-secondary">
            {t('editor.list.filter')}
          </button>
        </form>
        <p class="hint" role="status">
          {t('editor.list.count', { shown: articles.length, total: totalArticles })}
        </p>
        {articles.length === 0 ? (
          <p>{t('editor.list.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="content-table">
              <caption class="visually-hidden">{t('editor.list.articles')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('editor.list.titles')}</th>
                  <th scope="col">{t('editor.list.status')}</th>
                  <th scope="col">{t('editor.field.category')}</th>
                  <th scope="col">{t('editor.list.updated')}</th>
                  <th scope="col">{t('editor.list.links')}</th>
                </tr>
              </thead>
              <tbody>
                {articles.map((a) => (
                  <tr>
                    <td>
                      <Titles titles={a.titles} href={`/admin/content/articles/${a.id}`} t={t} />
                    </td>
                    <td>
                      <span class={`badge state-${a.state}`}>{a.stateText}</span>
                    </td>
                    <td>{a.category ?? '—'}</td>
                    <td>
                      <time datetime={a.updatedIso}>{a.updated}</time>
                    </td>
                    <td>
                      <PublicLinks links={a.publicLinks} t={t} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="pages-h">
        <h2 id="pages-h">{t('editor.list.pages')}</h2>
        <p class="hint">{t('editor.list.pagesHint')}</p>
        <TextTable t={t} caption={t('editor.list.pages')} items={pages} nameHeader={t('editor.list.page')} />
      </section>

      <section aria-labelledby="services-h">
        <h2 id="services-h">{t('editor.list.services')}</h2>
        <p class="hint">{t('editor.list.servicesHint')}</p>
        <TextTable t={t} caption={t('editor.list.services')} items={services} nameHeader={t('editor.list.service')} />
      </section>
    </>
  );
}
