// Articles: what the public pages, search, feeds and sitemap show, and the writes the staff editor (and the seed) make.
// "Public" = status published, or scheduled with publish_at ≤ now; the clock is an input, so scheduled articles
// appear without a restart and cached lists expire at the next scheduled instant.
import type { Database, Engine, Tx } from '../../db/connect.ts';
import type { ArticleRow, ArticleStatus, ArticleTranslationRow, Locale } from '../../db/schema.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { locales, otherLocale } from '../../i18n/index.ts';
import * as audit from '../audit/service.ts';
import type { ContentService, PublicPageModel } from '../content/service.ts';
import type { SettingsService } from '../settings/service.ts';
import { coverOf, type CoverModel } from './covers.ts';
import { markdownPlainText, readingMinutes, renderArticle, type TocEntry } from './markdown.ts';
import { articlePath, categoryPath, PAGE_SIZE } from './paths.ts';
import * as repo from './repo.ts';
import type { ArticleListing, CategoryListing } from './repo.ts';
import { highlight, snippet } from './search.ts';
import { foldTurkish, isSlug, QUERY_MAX, searchTerms, slugify } from './text.ts';

export type { ArticleListing, CategoryListing };

// ---------------------------------------------------------------- public models

export interface ArticleSummary extends ArticleListing {
  path: string;
  categoryPath: string | null;
  readingMinutes: number;
}

/** A public article as other features see it. */
export interface PublicArticleRef {
  id: number;
  slug: string;
  title: string;
  path: string;
  commentsEnabled: boolean;
}

export interface CategoryLink extends CategoryListing {
  path: string;
  count: number;
}

export interface ArticleIndexModel {
  locale: Locale;
  /** The editable "articles" page: title, summary and intro text. */
  intro: PublicPageModel;
  indexPath: string;
  /** The list's own path without ?page (the index or a category page). */
  basePath: string;
  category: (CategoryLink & { alternates: Partial<Record<Locale, string>> }) | undefined;
  categories: CategoryLink[];
  items: ArticleSummary[];
  page: number;
  pageCount: number;
  total: number;
  /** When a scheduled article goes public and this list changes. */
  expiresAt: number | undefined;
}

export interface ArticlePageModel {
  article: ArticleSummary & { html: string; toc: TocEntry[] };
  /** The cover picture's variants; absent when the article has none. */
  cover: CoverModel | undefined;
  indexPath: string;
  alternates: Partial<Record<Locale, string>>;
  /** Where the language switch leads: the translation, or the other language's index with a notice. */
  switchHref: string;
  related: ArticleSummary[];
  expiresAt: number | undefined;
}

export interface SearchResult {
  path: string;
  title: string;
  /** Safe HTML: escaped text with <mark> around matches. */
  titleHtml: string;
  snippetHtml: string;
  categoryName: string | null;
  publishedAt: number;
}

export interface SearchModel {
  query: string;
  terms: string[];
  results: SearchResult[];
}

export interface FeedModel {
  locale: Locale;
  indexPath: string;
  indexTitle: string;
  indexSummary: string;
  indexUpdatedAt: number;
  entries: Array<ArticleSummary & { html: string; createdAt: number }>;
  expiresAt: number | undefined;
}

export interface SitemapEntry {
  path: string;
  lastmod: number | undefined;
  alternates: Partial<Record<Locale, string>>;
}

// ---------------------------------------------------------------- write inputs

export interface TranslationInput {
  /** Generated from the title (Turkish transliteration) when empty. */
  slug?: string | undefined;
  title: string;
  summary: string;
  bodyMd: string;
  seoTitle?: string | null | undefined;
  seoDescription?: string | null | undefined;
  coverAlt?: string | undefined;
  /** For imports and the demo seed only; normally the service stamps these. */
  publishedAt?: number | undefined;
  updatedAt?: number | undefined;
}

export interface ArticleInput {
  /** Stable identifier (not shown); generated from the first title when omitted. */
  key?: string | undefined;
  categoryKey?: string | null | undefined;
  authorName: string;
  editorName: string;
  commentsEnabled?: boolean | undefined;
}

export interface NewArticle extends ArticleInput {
  translations: Partial<Record<Locale, TranslationInput>>;
  /** draft by default; 'scheduled' needs publishAt. */
  status?: ArticleStatus | undefined;
  publishAt?: number | undefined;
}

export interface CategoryInput {
  key: string;
  sortOrder?: number | undefined;
  translations: Partial<Record<Locale, { slug?: string | undefined; name: string; description: string }>>;
}

/** Who makes a change; with an actor, the change is also written to the audit trail in the same transaction. */
export interface ChangeMeta {
  actor?: { id: number; email: string } | { system: string };
  ip?: string | null;
}

const limits = { title: 200, summary: 500, bodyMd: 200_000, seoTitle: 120, seoDescription: 300, coverAlt: 300, name: 120, key: 80, description: 500 } as const;
/** Longest accepted fields, so forms can say the limit before the service refuses. */
export const articleLimits = limits;

// C0 controls other than tab/newline, lone surrogates and non-characters have no place in an article.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/; // eslint-disable-line no-control-regex -- the point is to find them

function checkText(errors: Record<string, string>, field: string, value: string | null | undefined, max: number, required: boolean): void {
  if (value === undefined || value === null) {
    if (required) errors[field] = 'required';
    return;
  }
  if (required && value.trim() === '') errors[field] = 'required';
  else if (value.length > max) errors[field] = 'tooLong';
  else if (FORBIDDEN_CHARS.test(value)) errors[field] = 'invalid';
}

function validateTranslation(input: TranslationInput, prefix = ''): Record<string, string> {
  const errors: Record<string, string> = {};
  checkText(errors, `${prefix}title`, input.title, limits.title, true);
  checkText(errors, `${prefix}summary`, input.summary, limits.summary, true);
  checkText(errors, `${prefix}bodyMd`, input.bodyMd, limits.bodyMd, true);
  checkText(errors, `${prefix}seoTitle`, input.seoTitle, limits.seoTitle, false);
  checkText(errors, `${prefix}seoDescription`, input.seoDescription, limits.seoDescription, false);
  checkText(errors, `${prefix}coverAlt`, input.coverAlt, limits.coverAlt, false);
  if (input.slug && !isSlug(input.slug)) errors[`${prefix}slug`] = 'invalid';
  return errors;
}

function validateArticle(input: Partial<ArticleInput>, creating: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (creating || input.authorName !== undefined) checkText(errors, 'authorName', input.authorName, limits.name, true);
  if (creating || input.editorName !== undefined) checkText(errors, 'editorName', input.editorName, limits.name, true);
  if (input.key !== undefined && !isSlug(input.key)) errors.key = 'invalid';
  return errors;
}

function isVisible(article: Pick<ArticleRow, 'status' | 'publish_at'>, now: number): boolean {
  return article.status === 'published' || (article.status === 'scheduled' && article.publish_at !== null && article.publish_at <= now);
}

/** Whether a change to an article in this state can change what public pages show (or when they change). */
function affectsPublic(article: Pick<ArticleRow, 'status' | 'publish_at'>, now: number): boolean {
  return isVisible(article, now) || article.status === 'scheduled';
}

function nullable(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

// ---------------------------------------------------------------- transaction-level writes (also used by the seed)

async function indexForSearch(tx: Tx, articleId: number, locale: Locale, t: { title: string; summary: string; body_md: string }): Promise<void> {
  await repo.writeSearchRow(tx, {
    article_id: articleId,
    locale,
    title: foldTurkish(t.title),
    summary: foldTurkish(t.summary),
    body: foldTurkish(markdownPlainText(t.body_md)),
  });
}

async function categoryIdOf(tx: Tx, key: string | null | undefined): Promise<number | null | undefined> {
  if (key === undefined) return undefined;
  if (key === null) return null;
  const row = await repo.findCategoryByKey(tx, key);
  if (!row) throw new Invalid({ categoryKey: 'unknown' });
  return row.id;
}

/** Creates or replaces one language of an article; a changed slug of a once-public translation leaves a 301 behind. */
export async function saveTranslationTx(tx: Tx, article: ArticleRow, locale: Locale, input: TranslationInput, now: number): Promise<ArticleTranslationRow> {
  const errors = validateTranslation(input);
  const slug = input.slug?.trim() || slugify(input.title);
  if (!errors.slug && !isSlug(slug)) errors.slug = 'invalid'; // a title with no letters or digits
  if (Object.keys(errors).length) throw new Invalid(errors);
  const owner = await repo.slugOwner(tx, locale, slug);
  if (owner !== undefined && owner !== article.id) throw new Invalid({ slug: 'taken' });

  const before = await repo.findTranslation(tx, article.id, locale);
  const visibleNow = isVisible(article, now);
  const row = {
    slug,
    title: input.title.trim(),
    summary: input.summary.trim(),
    body_md: input.bodyMd,
    seo_title: nullable(input.seoTitle),
    seo_description: nullable(input.seoDescription),
    cover_alt: input.coverAlt?.trim() ?? before?.cover_alt ?? '',
    updated_at: input.updatedAt ?? now,
  };
  // A current slug wins over an old one (of this or another article) that pointed elsewhere.
  await repo.deleteRedirect(tx, locale, slug);
  if (before) {
    await repo.updateTranslation(tx, article.id, locale, { ...row, ...(input.publishedAt !== undefined ? { published_at: input.publishedAt } : {}) });
    if (before.slug !== slug && before.published_at !== null) {
      await repo.putRedirect(tx, { locale, old_slug: before.slug, article_id: article.id, created_at: now });
    }
  } else {
    await repo.insertTranslation(tx, { article_id: article.id, locale, ...row, published_at: input.publishedAt ?? (visibleNow ? now : null) });
  }
  await indexForSearch(tx, article.id, locale, row);
  return (await repo.findTranslation(tx, article.id, locale))!;
}

export async function createArticleTx(tx: Tx, input: NewArticle, now: number): Promise<number> {
  const errors = validateArticle(input, true);
  for (const [locale, t] of Object.entries(input.translations) as Array<[Locale, TranslationInput]>) Object.assign(errors, validateTranslation(t, `${locale}.`));
  const status = input.status ?? 'draft';
  if (status === 'scheduled' && input.publishAt === undefined) errors.publishAt = 'required';
  if ((status === 'published' || status === 'scheduled') && Object.keys(input.translations).length === 0) errors.translations = 'required';
  if (Object.keys(errors).length) throw new Invalid(errors);
  const firstTitle = input.translations.tr?.title ?? input.translations.en?.title ?? 'article';
  let key = input.key ?? (slugify(firstTitle).slice(0, limits.key).replace(/-+$/, '') || 'article');
  if (input.key === undefined) {
    for (let n = 2; await repo.findArticleByKey(tx, key); n++) key = `${key.replace(/-\d+$/, '')}-${n}`;
  } else if (await repo.findArticleByKey(tx, key)) throw new Invalid({ key: 'taken' });
  const publishAt = status === 'published' ? (input.publishAt ?? now) : status === 'scheduled' ? input.publishAt! : null;
  const id = await repo.insertArticle(tx, {
    key,
    category_id: (await categoryIdOf(tx, input.categoryKey)) ?? null,
    author_name: input.authorName.trim(),
    editor_name: input.editorName.trim(),
    comments_enabled: input.commentsEnabled === false ? 0 : 1,
    status,
    publish_at: publishAt,
    created_at: now,
    updated_at: now,
  });
  const article = (await repo.findArticle(tx, id))!;
  for (const locale of locales) {
    const t = input.translations[locale];
    if (!t) continue;
    // Field errors of one language carry its prefix, as the create form shows both languages.
    try {
      await saveTranslationTx(tx, article, locale, { ...t, publishedAt: t.publishedAt ?? (publishAt !== null && status === 'published' ? publishAt : undefined) }, now);
    } catch (err) {
      if (err instanceof Invalid) throw new Invalid(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [`${locale}.${k}`, v])));
      throw err;
    }
  }
  return id;
}

export async function createCategoryTx(tx: Tx, input: CategoryInput, now: number): Promise<number> {
  const errors: Record<string, string> = {};
  if (!isSlug(input.key)) errors.key = 'invalid';
  else if (await repo.findCategoryByKey(tx, input.key)) errors.key = 'taken';
  if (Object.keys(errors).length) throw new Invalid(errors);
  const id = await repo.insertCategory(tx, { key: input.key, sort_order: input.sortOrder ?? 0, now });
  for (const locale of locales) {
    const t = input.translations[locale];
    if (t) await saveCategoryTranslationTx(tx, id, locale, t);
  }
  return id;
}

export async function saveCategoryTranslationTx(tx: Tx, categoryId: number, locale: Locale, input: { slug?: string | undefined; name: string; description: string }): Promise<void> {
  const errors: Record<string, string> = {};
  checkText(errors, 'name', input.name, limits.name, true);
  checkText(errors, 'description', input.description, limits.description, false);
  const slug = input.slug?.trim() || slugify(input.name);
  if (!isSlug(slug)) errors.slug = 'invalid';
  if (Object.keys(errors).length) throw new Invalid(errors);
  const owner = await repo.categorySlugOwner(tx, locale, slug);
  if (owner !== undefined && owner !== categoryId) throw new Invalid({ slug: 'taken' });
  await repo.upsertCategoryTranslation(tx, { category_id: categoryId, locale, slug, name: input.name.trim(), description: input.description.trim() });
}

// ---------------------------------------------------------------- the service

export interface ArticleServiceDeps {
  db: Database;
  engine: Engine;
  settings: SettingsService;
  content: ContentService;
  now: () => number;
}

const RELATED_COUNT = 3;
const SEARCH_LIMIT = 20;
export const FEED_SIZE = 20;

export class ArticleService {
  readonly #db: Database;
  readonly #engine: Engine;
  readonly #settings: SettingsService;
  readonly #content: ContentService;
  readonly #now: () => number;

  constructor(deps: ArticleServiceDeps) {
    this.#db = deps.db;
    this.#engine = deps.engine;
    this.#settings = deps.settings;
    this.#content = deps.content;
    this.#now = deps.now;
  }

  // -------- public reads

  async indexPath(locale: Locale): Promise<string> {
    return (await this.#content.navigation())[locale].articles;
  }

  private summarize(locale: Locale, indexPath: string, a: ArticleListing): ArticleSummary {
    return {
      ...a,
      path: articlePath(indexPath, a.slug),
      categoryPath: a.categorySlug ? categoryPath(locale, indexPath, a.categorySlug) : null,
      readingMinutes: readingMinutes(markdownPlainText(a.bodyMd)),
    };
  }

  /** A public article by slug or id: just what features that hang off articles need (e.g. comments). */
  async findPublic(locale: Locale, ref: { slug: string } | { id: number }): Promise<PublicArticleRef | undefined> {
    const now = this.#now();
    const found = 'slug' in ref ? await repo.findVisibleBySlug(this.#db, locale, ref.slug, now) : (await repo.findVisibleByIds(this.#db, locale, [ref.id], now))[0];
    if (!found) return undefined;
    return { id: found.id, slug: found.slug, title: found.title, path: articlePath(await this.indexPath(locale), found.slug), commentsEnabled: found.commentsEnabled };
  }

  /** The next instant at which public lists change by themselves (a scheduled article going public). */
  nextScheduledChange(): Promise<number | undefined> {
    return repo.nextScheduledAfter(this.#db, this.#now());
  }

  /** One page of the index or of a category; undefined for an unknown category or a page past the end. */
  async indexModel(locale: Locale, options: { page: number; categorySlug?: string | undefined }): Promise<ArticleIndexModel | undefined> {
    const now = this.#now();
    const nav = await this.#content.navigation();
    const indexPath = nav[locale].articles;
    const intro = await this.#content.pageModelByKey(locale, 'articles');
    if (!intro) return undefined;
    const [allCategories, counts] = await Promise.all([repo.listCategories(this.#db, locale), repo.countVisibleByCategory(this.#db, locale, now)]);
    const categoryLinks = allCategories.map((c) => ({ ...c, path: categoryPath(locale, indexPath, c.slug), count: counts.get(c.id) ?? 0 }));
    let category: ArticleIndexModel['category'];
    if (options.categorySlug !== undefined) {
      const found = categoryLinks.find((c) => c.slug === options.categorySlug);
      if (!found) return undefined;
      const translations = await repo.categoryTranslations(this.#db, found.id);
      const alternates: Partial<Record<Locale, string>> = {};
      for (const t of translations) alternates[t.locale] = categoryPath(t.locale, nav[t.locale].articles, t.slug);
      category = { ...found, alternates };
    }
    const total = await repo.countVisible(this.#db, locale, now, category?.id);
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (options.page < 1 || options.page > pageCount) return undefined;
    const rows = await repo.listVisible(this.#db, locale, now, { ...(category ? { categoryId: category.id } : {}), limit: PAGE_SIZE, offset: (options.page - 1) * PAGE_SIZE });
    return {
      locale,
      intro,
      indexPath,
      basePath: category ? category.path : indexPath,
      category,
      categories: categoryLinks.filter((c) => c.count > 0),
      items: rows.map((r) => this.summarize(locale, indexPath, r)),
      page: options.page,
      pageCount,
      total,
      expiresAt: await repo.nextScheduledAfter(this.#db, now),
    };
  }

  /** Where an old slug of a public article now lives (for a 301), if it is one. */
  async redirectFor(locale: Locale, slug: string): Promise<string | undefined> {
    const id = await repo.findRedirect(this.#db, locale, slug);
    if (id === undefined) return undefined;
    const current = (await repo.visibleTranslationsOf(this.#db, id, this.#now())).find((t) => t.locale === locale);
    return current ? articlePath(await this.indexPath(locale), current.slug) : undefined;
  }

  /** A public article by its current slug in one language; undefined when there is none (see redirectFor). */
  async articleModel(locale: Locale, slug: string): Promise<ArticlePageModel | undefined> {
    const now = this.#now();
    const nav = await this.#content.navigation();
    const indexPath = nav[locale].articles;
    const found = await repo.findVisibleBySlug(this.#db, locale, slug, now);
    if (!found) return undefined;
    const alternates: Partial<Record<Locale, string>> = {};
    for (const t of await repo.visibleTranslationsOf(this.#db, found.id, now)) alternates[t.locale] = articlePath(nav[t.locale].articles, t.slug);
    const other = otherLocale(locale);
    const related = await repo.listRelated(this.#db, locale, now, found, RELATED_COUNT);
    return {
      article: { ...this.summarize(locale, indexPath, found), ...renderArticle(found.bodyMd) },
      cover: await coverOf(this.#db, found.coverImageId),
      indexPath,
      alternates,
      switchHref: alternates[other] ?? `${nav[other].articles}?notice=untranslated`,
      related: related.map((r) => this.summarize(locale, indexPath, r)),
      expiresAt: await repo.nextScheduledAfter(this.#db, now),
    };
  }

  /** Full-text search over the public articles of one language, best first, with marked snippets. */
  async search(locale: Locale, rawQuery: string): Promise<SearchModel> {
    const query = rawQuery.slice(0, QUERY_MAX).trim();
    const terms = searchTerms(locale, query);
    if (terms.length === 0) return { query, terms, results: [] };
    const now = this.#now();
    let hits = await repo.searchVisible(this.#db, this.#engine, locale, terms, now, { mode: 'all', limit: SEARCH_LIMIT });
    // Nothing has every word: show what has some of them, still best first.
    if (hits.length === 0 && terms.length > 1) hits = await repo.searchVisible(this.#db, this.#engine, locale, terms, now, { mode: 'any', limit: SEARCH_LIMIT });
    const indexPath = (await this.#content.navigation())[locale].articles;
    const byId = new Map((await repo.findVisibleByIds(this.#db, locale, hits.map((h) => h.articleId), now)).map((a) => [a.id, a]));
    const results = hits.flatMap((hit) => {
      const a = byId.get(hit.articleId);
      if (!a) return [];
      const body = markdownPlainText(a.bodyMd);
      return [
        {
          path: articlePath(indexPath, a.slug),
          title: a.title,
          titleHtml: highlight(a.title, terms),
          snippetHtml: snippet(body, terms) ?? snippet(a.summary, terms) ?? highlight(a.summary, terms),
          categoryName: a.categoryName,
          publishedAt: a.publishedAt,
        },
      ];
    });
    return { query, terms, results };
  }

  async feedModel(locale: Locale): Promise<FeedModel | undefined> {
    const now = this.#now();
    const intro = await this.#content.pageModelByKey(locale, 'articles');
    if (!intro) return undefined;
    const indexPath = intro.path;
    const rows = await repo.listVisible(this.#db, locale, now, { limit: FEED_SIZE });
    return {
      locale,
      indexPath,
      indexTitle: intro.page.title,
      indexSummary: intro.page.summary,
      indexUpdatedAt: intro.page.updated_at,
      entries: rows.map((r) => ({ ...this.summarize(locale, indexPath, r), html: renderArticle(r.bodyMd).html, createdAt: r.publishedAt })),
      expiresAt: await repo.nextScheduledAfter(this.#db, now),
    };
  }

  /** Every public page in every language with its alternates and last change; content pages come from ContentService. */
  async sitemapModel(): Promise<{ entries: SitemapEntry[]; expiresAt: number | undefined }> {
    const now = this.#now();
    const nav = await this.#content.navigation();
    const pages = await this.#content.sitemapPages();
    const articles = await repo.listAllVisible(this.#db, now);
    const categories = await repo.allCategoryTranslations(this.#db);

    const latest = new Map<string, number>(); // locale, or locale:categoryId → newest article change
    const bump = (key: string, at: number) => latest.set(key, Math.max(latest.get(key) ?? 0, at));
    for (const a of articles) {
      bump(a.locale, a.updatedAt);
      if (a.categoryId !== null) bump(`${a.locale}:${a.categoryId}`, a.updatedAt);
    }

    const entries: SitemapEntry[] = [];
    const group = <T>(rows: T[], by: (row: T) => string) => {
      const map = new Map<string, T[]>();
      for (const row of rows) map.set(by(row), [...(map.get(by(row)) ?? []), row]);
      return [...map.values()];
    };
    for (const translations of group(pages, (p) => p.key)) {
      const alternates = Object.fromEntries(translations.map((p) => [p.locale, p.path])) as Partial<Record<Locale, string>>;
      for (const p of translations) {
        const listed = p.key === 'articles' ? latest.get(p.locale) : undefined;
        entries.push({ path: p.path, lastmod: Math.max(p.updatedAt, listed ?? 0), alternates });
      }
    }
    for (const translations of group(categories, (c) => String(c.category_id))) {
      const shown = translations.filter((c) => latest.has(`${c.locale}:${c.category_id}`));
      const alternates = Object.fromEntries(shown.map((c) => [c.locale, categoryPath(c.locale, nav[c.locale].articles, c.slug)])) as Partial<Record<Locale, string>>;
      for (const c of shown) entries.push({ path: alternates[c.locale]!, lastmod: latest.get(`${c.locale}:${c.category_id}`), alternates });
    }
    for (const translations of group(articles, (a) => String(a.id))) {
      const alternates = Object.fromEntries(translations.map((a) => [a.locale, articlePath(nav[a.locale].articles, a.slug)])) as Partial<Record<Locale, string>>;
      for (const a of translations) entries.push({ path: alternates[a.locale]!, lastmod: a.updatedAt, alternates });
    }
    return { entries, expiresAt: await repo.nextScheduledAfter(this.#db, now) };
  }

  // -------- reads for the staff editor

  list(): ReturnType<typeof repo.listForEditor> {
    return repo.listForEditor(this.#db);
  }

  async get(id: number): Promise<{ article: ArticleRow; translations: ArticleTranslationRow[] }> {
    const article = await repo.findArticle(this.#db, id);
    if (!article) throw new NotFound('article not found');
    return { article, translations: await repo.findTranslations(this.#db, id) };
  }

  categories(locale: Locale): Promise<CategoryListing[]> {
    return repo.listCategories(this.#db, locale);
  }

  /** A slug proposal for a title (the editor fills the field with it; the writer may change it). */
  suggestSlug(title: string): string {
    return slugify(title);
  }

  // -------- writes: each one transaction; public pages are invalidated when what they show can change

  /**
   * Runs a change to one article: the article is loaded (and a scheduled one whose time has come settled to
   * "published"), `change` runs, the content version moves if public pages may differ, the audit row is written,
   * and after commit this instance drops its cached pages.
   */
  private async change<T>(id: number, action: string, meta: ChangeMeta, details: Record<string, unknown>, change: (tx: Tx, article: ArticleRow, now: number) => Promise<T>): Promise<T> {
    const now = this.#now();
    let bumped = false;
    const result = await this.#db.transaction().execute(async (tx) => {
      let article = await repo.findArticle(tx, id);
      if (!article) throw new NotFound('article not found');
      if (article.status === 'scheduled' && article.publish_at !== null && article.publish_at <= now) {
        await repo.updateArticle(tx, id, { status: 'published' });
        await repo.stampPublished(tx, id, article.publish_at);
        article = { ...article, status: 'published' };
      }
      const out = await change(tx, article, now);
      const after = (await repo.findArticle(tx, id)) ?? article;
      if (affectsPublic(article, now) || affectsPublic(after, now)) {
        await this.#settings.markContentChanged(tx);
        bumped = true;
      }
      await this.audit(tx, meta, now, action, id, details);
      return out;
    });
    if (bumped) await this.#settings.load();
    return result;
  }

  private async audit(tx: Tx, meta: ChangeMeta, at: number, action: string, id: number, details: Record<string, unknown>): Promise<void> {
    if (!meta.actor) return;
    await audit.record(tx, { at, actor: meta.actor, action, target: { type: 'article', id }, ip: meta.ip ?? null, details });
  }

  async create(input: NewArticle, meta: ChangeMeta = {}): Promise<number> {
    const now = this.#now();
    const id = await this.#db.transaction().execute(async (tx) => {
      const created = await createArticleTx(tx, input, now);
      const article = (await repo.findArticle(tx, created))!;
      if (affectsPublic(article, now)) await this.#settings.markContentChanged(tx);
      await this.audit(tx, meta, now, 'article.create', created, { status: article.status, locales: Object.keys(input.translations) });
      return created;
    });
    const article = await repo.findArticle(this.#db, id);
    if (article && affectsPublic(article, now)) await this.#settings.load();
    return id;
  }

  /** Changes the language-independent fields: category, author, editor, comments switch. */
  update(id: number, patch: Partial<Omit<ArticleInput, 'key'>>, meta: ChangeMeta = {}): Promise<void> {
    const errors = validateArticle(patch, false);
    if (Object.keys(errors).length) return Promise.reject(new Invalid(errors));
    return this.change(id, 'article.update', meta, { fields: Object.keys(patch) }, async (tx, _article, now) => {
      const categoryId = await categoryIdOf(tx, patch.categoryKey);
      await repo.updateArticle(tx, id, {
        ...(categoryId !== undefined ? { category_id: categoryId } : {}),
        ...(patch.authorName !== undefined ? { author_name: patch.authorName.trim() } : {}),
        ...(patch.editorName !== undefined ? { editor_name: patch.editorName.trim() } : {}),
        ...(patch.commentsEnabled !== undefined ? { comments_enabled: patch.commentsEnabled ? 1 : 0 } : {}),
        updated_at: now,
      });
    });
  }

  setCommentsEnabled(id: number, enabled: boolean, meta: ChangeMeta = {}): Promise<void> {
    return this.update(id, { commentsEnabled: enabled }, meta);
  }

  /** Adds or edits one language. Changing the slug of a translation that has been public keeps the old URL as a 301. */
  saveTranslation(id: number, locale: Locale, input: TranslationInput, meta: ChangeMeta = {}): Promise<ArticleTranslationRow> {
    return this.change(id, 'article.translation.save', meta, { locale }, async (tx, article, now) => {
      const row = await saveTranslationTx(tx, article, locale, input, now);
      await repo.updateArticle(tx, id, { updated_at: now });
      return row;
    });
  }

  /**
   * The editor's save: the language-independent fields and every language in one transaction, so a form is saved
   * whole or not at all. `null` removes a language; an absent language is left alone. Field errors of both
   * languages come back together, prefixed with the language ("en.slug": "taken").
   */
  saveEdits(id: number, input: { article: Partial<Omit<ArticleInput, 'key'>>; translations: Partial<Record<Locale, TranslationInput | null>> }, meta: ChangeMeta = {}): Promise<void> {
    const changed = locales.filter((l) => input.translations[l] !== undefined);
    return this.change(id, 'article.update', meta, { fields: Object.keys(input.article), locales: changed }, async (tx, article, now) => {
      const errors = validateArticle(input.article, false);
      for (const locale of locales) {
        const t = input.translations[locale];
        if (t) Object.assign(errors, validateTranslation(t, `${locale}.`));
      }
      let categoryId: number | null | undefined;
      try {
        categoryId = await categoryIdOf(tx, input.article.categoryKey);
      } catch (err) {
        if (!(err instanceof Invalid)) throw err;
        Object.assign(errors, err.fields);
      }
      const existing = new Set((await repo.findTranslations(tx, id)).map((t) => t.locale));
      if (!locales.some((l) => (input.translations[l] === undefined ? existing.has(l) : input.translations[l] !== null))) errors.translations = 'required';
      if (Object.keys(errors).length) throw new Invalid(errors);

      await repo.updateArticle(tx, id, {
        ...(categoryId !== undefined ? { category_id: categoryId } : {}),
        ...(input.article.authorName !== undefined ? { author_name: input.article.authorName.trim() } : {}),
        ...(input.article.editorName !== undefined ? { editor_name: input.article.editorName.trim() } : {}),
        ...(input.article.commentsEnabled !== undefined ? { comments_enabled: input.article.commentsEnabled ? 1 : 0 } : {}),
        updated_at: now,
      });
      for (const locale of locales) {
        const t = input.translations[locale];
        if (t === null && existing.has(locale)) await repo.deleteTranslation(tx, id, locale);
        if (!t) continue;
        try {
          await saveTranslationTx(tx, article, locale, t, now);
        } catch (err) {
          if (!(err instanceof Invalid)) throw err;
          for (const [k, v] of Object.entries(err.fields)) errors[`${locale}.${k}`] = v;
        }
      }
      // Thrown after trying every language, so both languages' slug problems show at once; nothing is kept.
      if (Object.keys(errors).length) throw new Invalid(errors);
    });
  }

  /** Removes one language; the article stays in the other (and is then listed only there). */
  removeTranslation(id: number, locale: Locale, meta: ChangeMeta = {}): Promise<void> {
    return this.change(id, 'article.translation.remove', meta, { locale }, async (tx, _article, now) => {
      await repo.deleteTranslation(tx, id, locale);
      await repo.updateArticle(tx, id, { updated_at: now });
    });
  }

  /** Public from now on (a no-op for an article that already is). */
  publish(id: number, meta: ChangeMeta = {}): Promise<void> {
    return this.change(id, 'article.publish', meta, {}, async (tx, article, now) => {
      if (article.status === 'published') return;
      if ((await repo.findTranslations(tx, id)).length === 0) throw new Invalid({ translations: 'required' });
      await repo.updateArticle(tx, id, { status: 'published', publish_at: now, updated_at: now });
      await repo.stampPublished(tx, id, now);
    });
  }

  /** Public at `at` (a future instant), with no restart or job needed: visibility is decided at read time. */
  schedule(id: number, at: number, meta: ChangeMeta = {}): Promise<void> {
    return this.change(id, 'article.schedule', meta, { at: new Date(at).toISOString() }, async (tx, _article, now) => {
      if (!Number.isFinite(at) || at <= now) throw new Invalid({ publishAt: 'past' });
      if ((await repo.findTranslations(tx, id)).length === 0) throw new Invalid({ translations: 'required' });
      await repo.updateArticle(tx, id, { status: 'scheduled', publish_at: at, updated_at: now });
    });
  }

  /** Back to draft: off the public site (old URLs answer 404) but kept for editing. */
  unpublish(id: number, meta: ChangeMeta = {}): Promise<void> {
    return this.change(id, 'article.unpublish', meta, {}, async (tx, _article, now) => {
      await repo.updateArticle(tx, id, { status: 'draft', publish_at: null, updated_at: now });
    });
  }

  archive(id: number, meta: ChangeMeta = {}): Promise<void> {
    return this.change(id, 'article.archive', meta, {}, async (tx, _article, now) => {
      await repo.updateArticle(tx, id, { status: 'archived', updated_at: now });
    });
  }

  /** Deletes the article, its translations, old slugs and search rows. */
  async remove(id: number, meta: ChangeMeta = {}): Promise<void> {
    const now = this.#now();
    let bumped = false;
    await this.#db.transaction().execute(async (tx) => {
      const article = await repo.findArticle(tx, id);
      if (!article) throw new NotFound('article not found');
      await repo.deleteArticle(tx, id);
      if (affectsPublic(article, now)) {
        await this.#settings.markContentChanged(tx);
        bumped = true;
      }
      await this.audit(tx, meta, now, 'article.delete', id, { key: article.key });
    });
    if (bumped) await this.#settings.load();
  }

  async createCategory(input: CategoryInput, meta: ChangeMeta = {}): Promise<number> {
    const now = this.#now();
    const id = await this.#db.transaction().execute(async (tx) => {
      const created = await createCategoryTx(tx, input, now);
      await this.audit(tx, meta, now, 'article.category.create', created, { key: input.key });
      return created;
    });
    return id;
  }

  /** Renames a category or changes its slug in one language (category pages and every card linking to it change). */
  async saveCategoryTranslation(categoryId: number, locale: Locale, input: { slug?: string; name: string; description: string }, meta: ChangeMeta = {}): Promise<void> {
    const now = this.#now();
    await this.#db.transaction().execute(async (tx) => {
      await saveCategoryTranslationTx(tx, categoryId, locale, input);
      await this.#settings.markContentChanged(tx);
      await this.audit(tx, meta, now, 'article.category.update', categoryId, { locale });
    });
    await this.#settings.load();
  }
}
