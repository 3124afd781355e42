// SQL for articles, their translations, categories, old slugs and the per-engine search index.
import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx, Engine, Tx } from '../../db/connect.ts';
import type { ArticleRow, ArticleTable, ArticleTranslationRow, ArticleTranslationTable, Locale } from '../../db/schema.ts';

/** An article as lists, feeds and pages show it in one language. */
export interface ArticleListing {
  id: number;
  key: string;
  categoryId: number | null;
  categorySlug: string | null;
  categoryName: string | null;
  authorName: string;
  editorName: string;
  commentsEnabled: boolean;
  slug: string;
  title: string;
  summary: string;
  bodyMd: string;
  seoTitle: string | null;
  seoDescription: string | null;
  coverAlt: string;
  coverImageId: number | null;
  publishedAt: number;
  updatedAt: number;
}

/** Published, or scheduled with its time come: the one definition of "public" (a clock read by the caller). */
function visibleIn(db: DbOrTx, locale: Locale, now: number) {
  return db
    .selectFrom('articles as a')
    .innerJoin('article_translations as t', (j) => j.onRef('t.article_id', '=', 'a.id').on('t.locale', '=', locale))
    .leftJoin('article_category_translations as ct', (j) => j.onRef('ct.category_id', '=', 'a.category_id').on('ct.locale', '=', locale))
    .where((eb) => eb.or([eb('a.status', '=', 'published'), eb.and([eb('a.status', '=', 'scheduled'), eb('a.publish_at', '<=', now)])]));
}

const publishedAt = sql<number>`coalesce(t.published_at, a.publish_at, a.created_at)`;

function listingQuery(db: DbOrTx, locale: Locale, now: number) {
  return visibleIn(db, locale, now).select([
    'a.id',
    'a.key',
    'a.category_id',
    'a.author_name',
    'a.editor_name',
    'a.comments_enabled',
    'a.cover_image_id',
    'ct.slug as category_slug',
    'ct.name as category_name',
    't.slug',
    't.title',
    't.summary',
    't.body_md',
    't.seo_title',
    't.seo_description',
    't.cover_alt',
    't.updated_at',
    publishedAt.as('published_at'),
  ]);
}

type ListingRow = Awaited<ReturnType<ReturnType<typeof listingQuery>['execute']>>[number];

function toListing(r: ListingRow): ArticleListing {
  return {
    id: r.id,
    key: r.key,
    categoryId: r.category_id,
    categorySlug: r.category_slug,
    categoryName: r.category_name,
    authorName: r.author_name,
    editorName: r.editor_name,
    commentsEnabled: r.comments_enabled === 1,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    bodyMd: r.body_md,
    seoTitle: r.seo_title,
    seoDescription: r.seo_description,
    coverAlt: r.cover_alt,
    coverImageId: r.cover_image_id,
    publishedAt: Number(r.published_at),
    updatedAt: r.updated_at,
  };
}

export async function listVisible(db: DbOrTx, locale: Locale, now: number, options: { categoryId?: number; limit: number; offset?: number }): Promise<ArticleListing[]> {
  let q = listingQuery(db, locale, now);
  if (options.categoryId !== undefined) q = q.where('a.category_id', '=', options.categoryId);
  const rows = await q.orderBy(publishedAt, 'desc').orderBy('a.id', 'desc').limit(options.limit).offset(options.offset ?? 0).execute();
  return rows.map(toListing);
}

export async function countVisible(db: DbOrTx, locale: Locale, now: number, categoryId?: number): Promise<number> {
  let q = visibleIn(db, locale, now).select((eb) => eb.fn.countAll<number>().as('n'));
  if (categoryId !== undefined) q = q.where('a.category_id', '=', categoryId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findVisibleBySlug(db: DbOrTx, locale: Locale, slug: string, now: number): Promise<ArticleListing | undefined> {
  const row = await listingQuery(db, locale, now).where('t.slug', '=', slug).executeTakeFirst();
  return row ? toListing(row) : undefined;
}

export async function findVisibleByIds(db: DbOrTx, locale: Locale, ids: readonly number[], now: number): Promise<ArticleListing[]> {
  if (ids.length === 0) return [];
  const rows = await listingQuery(db, locale, now).where('a.id', 'in', [...ids]).execute();
  return rows.map(toListing);
}

/** Up to `limit` other public articles: the same category first, then the most recent. */
export async function listRelated(db: DbOrTx, locale: Locale, now: number, article: { id: number; categoryId: number | null }, limit: number): Promise<ArticleListing[]> {
  const same =
    article.categoryId === null
      ? []
      : await listingQuery(db, locale, now)
          .where('a.id', '!=', article.id)
          .where('a.category_id', '=', article.categoryId)
          .orderBy(publishedAt, 'desc')
          .orderBy('a.id', 'desc')
          .limit(limit)
          .execute();
  const recent =
    same.length >= limit
      ? []
      : await listingQuery(db, locale, now)
          .where('a.id', 'not in', [article.id, ...same.map((r) => r.id)])
          .orderBy(publishedAt, 'desc')
          .orderBy('a.id', 'desc')
          .limit(limit - same.length)
          .execute();
  return [...same, ...recent].map(toListing);
}

/** Which languages an article is public in, with the slug in each. */
export async function visibleTranslationsOf(db: DbOrTx, articleId: number, now: number): Promise<Array<{ locale: Locale; slug: string }>> {
  return db
    .selectFrom('articles as a')
    .innerJoin('article_translations as t', 't.article_id', 'a.id')
    .select(['t.locale', 't.slug'])
    .where('a.id', '=', articleId)
    .where((eb) => eb.or([eb('a.status', '=', 'published'), eb.and([eb('a.status', '=', 'scheduled'), eb('a.publish_at', '<=', now)])]))
    .execute();
}

/** Every public translation, for the sitemap. */
export async function listAllVisible(db: DbOrTx, now: number): Promise<Array<{ id: number; categoryId: number | null; locale: Locale; slug: string; updatedAt: number }>> {
  const rows = await db
    .selectFrom('articles as a')
    .innerJoin('article_translations as t', 't.article_id', 'a.id')
    .select(['a.id', 'a.category_id', 't.locale', 't.slug', 't.updated_at'])
    .where((eb) => eb.or([eb('a.status', '=', 'published'), eb.and([eb('a.status', '=', 'scheduled'), eb('a.publish_at', '<=', now)])]))
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({ id: r.id, categoryId: r.category_id, locale: r.locale, slug: r.slug, updatedAt: r.updated_at }));
}

/** The next instant after `now` at which a scheduled article goes public (lists change then), if any. */
export async function nextScheduledAfter(db: DbOrTx, now: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.min('publish_at').as('at'))
    .where('status', '=', 'scheduled')
    .where('publish_at', '>', now)
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
}

export async function findRedirect(db: DbOrTx, locale: Locale, slug: string): Promise<number | undefined> {
  const row = await db.selectFrom('article_slug_redirects').select('article_id').where('locale', '=', locale).where('old_slug', '=', slug).executeTakeFirst();
  return row?.article_id;
}

// ---- categories ----

export interface CategoryListing {
  id: number;
  key: string;
  slug: string;
  name: string;
  description: string;
}

export async function listCategories(db: DbOrTx, locale: Locale): Promise<CategoryListing[]> {
  return db
    .selectFrom('article_categories as c')
    .innerJoin('article_category_translations as ct', (j) => j.onRef('ct.category_id', '=', 'c.id').on('ct.locale', '=', locale))
    .select(['c.id', 'c.key', 'ct.slug', 'ct.name', 'ct.description'])
    .orderBy('c.sort_order')
    .orderBy('c.id')
    .execute();
}

/** Public article count per category in one language. */
export async function countVisibleByCategory(db: DbOrTx, locale: Locale, now: number): Promise<Map<number, number>> {
  const rows = await visibleIn(db, locale, now)
    .select(['a.category_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.category_id', 'is not', null)
    .groupBy('a.category_id')
    .execute();
  return new Map(rows.map((r) => [r.category_id!, Number(r.n)]));
}

export async function categoryTranslations(db: DbOrTx, categoryId: number): Promise<Array<{ locale: Locale; slug: string; name: string }>> {
  return db.selectFrom('article_category_translations').select(['locale', 'slug', 'name']).where('category_id', '=', categoryId).execute();
}

export async function allCategoryTranslations(db: DbOrTx): Promise<Array<{ category_id: number; locale: Locale; slug: string }>> {
  return db.selectFrom('article_category_translations').select(['category_id', 'locale', 'slug']).orderBy('category_id').execute();
}

export async function findCategoryByKey(db: DbOrTx, key: string): Promise<{ id: number } | undefined> {
  return db.selectFrom('article_categories').select('id').where('key', '=', key).executeTakeFirst();
}

export async function insertCategory(tx: Tx, values: { key: string; sort_order: number; now: number }): Promise<number> {
  const row = await tx
    .insertInto('article_categories')
    .values({ key: values.key, sort_order: values.sort_order, created_at: values.now, updated_at: values.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function upsertCategoryTranslation(tx: Tx, row: { category_id: number; locale: Locale; slug: string; name: string; description: string }): Promise<void> {
  await tx
    .insertInto('article_category_translations')
    .values(row)
    .onConflict((oc) => oc.columns(['category_id', 'locale']).doUpdateSet({ slug: row.slug, name: row.name, description: row.description }))
    .execute();
}

export async function categorySlugOwner(db: DbOrTx, locale: Locale, slug: string): Promise<number | undefined> {
  const row = await db.selectFrom('article_category_translations').select('category_id').where('locale', '=', locale).where('slug', '=', slug).executeTakeFirst();
  return row?.category_id;
}

// ---- writes (the staff editor and the seed) ----

export function findArticle(db: DbOrTx, id: number): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findArticleByKey(db: DbOrTx, key: string): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('key', '=', key).executeTakeFirst();
}

export function findTranslations(db: DbOrTx, articleId: number): Promise<ArticleTranslationRow[]> {
  return db.selectFrom('article_translations').selectAll().where('article_id', '=', articleId).orderBy('locale', 'desc').execute();
}

export function findTranslation(db: DbOrTx, articleId: number, locale: Locale): Promise<ArticleTranslationRow | undefined> {
  return db.selectFrom('article_translations').selectAll().where('article_id', '=', articleId).where('locale', '=', locale).executeTakeFirst();
}

export async function slugOwner(db: DbOrTx, locale: Locale, slug: string): Promise<number | undefined> {
  const row = await db.selectFrom('article_translations').select('article_id').where('locale', '=', locale).where('slug', '=', slug).executeTakeFirst();
  return row?.article_id;
}

/** Every article with the languages it has, newest change first (the editor's list). */
export async function listForEditor(db: DbOrTx): Promise<Array<ArticleRow & { translations: Array<{ locale: Locale; slug: string; title: string; updated_at: number }> }>> {
  const articles = await db.selectFrom('articles').selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
  const translations = await db.selectFrom('article_translations').select(['article_id', 'locale', 'slug', 'title', 'updated_at']).execute();
  return articles.map((a) => ({
    ...a,
    translations: translations.filter((t) => t.article_id === a.id).map((t) => ({ locale: t.locale, slug: t.slug, title: t.title, updated_at: t.updated_at })),
  }));
}

export async function insertArticle(tx: Tx, values: Insertable<ArticleTable>): Promise<number> {
  const row = await tx.insertInto('articles').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateArticle(tx: Tx, id: number, patch: Updateable<ArticleTable>): Promise<void> {
  await tx.updateTable('articles').set(patch).where('id', '=', id).execute();
}

export async function deleteArticle(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('article_search').where('article_id', '=', id).execute();
  await tx.deleteFrom('article_slug_redirects').where('article_id', '=', id).execute();
  await tx.deleteFrom('article_translations').where('article_id', '=', id).execute();
  await tx.deleteFrom('articles').where('id', '=', id).execute();
}

export async function insertTranslation(tx: Tx, row: Insertable<ArticleTranslationTable>): Promise<void> {
  await tx.insertInto('article_translations').values(row).execute();
}

export async function updateTranslation(tx: Tx, articleId: number, locale: Locale, patch: Updateable<ArticleTranslationTable>): Promise<void> {
  await tx.updateTable('article_translations').set(patch).where('article_id', '=', articleId).where('locale', '=', locale).execute();
}

/** Sets the first-public instant of translations that have none yet. */
export async function stampPublished(tx: Tx, articleId: number, at: number): Promise<void> {
  await tx.updateTable('article_translations').set({ published_at: at }).where('article_id', '=', articleId).where('published_at', 'is', null).execute();
}

export async function deleteTranslation(tx: Tx, articleId: number, locale: Locale): Promise<void> {
  await tx.deleteFrom('article_search').where('article_id', '=', articleId).where('locale', '=', locale).execute();
  await tx.deleteFrom('article_slug_redirects').where('article_id', '=', articleId).where('locale', '=', locale).execute();
  await tx.deleteFrom('article_translations').where('article_id', '=', articleId).where('locale', '=', locale).execute();
}

export async function putRedirect(tx: Tx, row: { locale: Locale; old_slug: string; article_id: number; created_at: number }): Promise<void> {
  await tx
    .insertInto('article_slug_redirects')
    .values(row)
    .onConflict((oc) => oc.columns(['locale', 'old_slug']).doUpdateSet({ article_id: row.article_id, created_at: row.created_at }))
    .execute();
}

export async function deleteRedirect(tx: Tx, locale: Locale, slug: string): Promise<void> {
  await tx.deleteFrom('article_slug_redirects').where('locale', '=', locale).where('old_slug', '=', slug).execute();
}

// ---- search index ----

/** Replaces one translation's row in the search index (text already folded). */
export async function writeSearchRow(tx: Tx, row: { article_id: number; locale: Locale; title: string; summary: string; body: string }): Promise<void> {
  await tx.deleteFrom('article_search').where('article_id', '=', row.article_id).where('locale', '=', row.locale).execute();
  await tx.insertInto('article_search').values(row).execute();
}

export interface SearchHit {
  articleId: number;
  rank: number;
}

/**
 * Public articles in one language matching every term (or any, with `mode: 'any'`), best first. Terms are folded
 * letters and digits only (see text.ts), each searched as a prefix. Title matches weigh most, then the summary.
 */
export async function searchVisible(db: DbOrTx, engine: Engine, locale: Locale, terms: readonly string[], now: number, options: { mode: 'all' | 'any'; limit: number }): Promise<SearchHit[]> {
  if (terms.length === 0) return [];
  const visible = sql`(a.status = 'published' or (a.status = 'scheduled' and a.publish_at <= ${now}))`;
  if (engine === 'sqlite') {
    // FTS5 query syntax built from plain words only: "term"* per word, implicit AND or explicit OR.
    const match = terms.map((t) => `"${t.replaceAll('"', '""')}"*`).join(options.mode === 'all' ? ' ' : ' OR ');
    const { rows } = await sql<{ article_id: number; rank: number }>`
      select article_search.article_id as article_id, bm25(article_search, 0.0, 0.0, 12.0, 4.0, 1.0) as rank
      from article_search
      join articles a on a.id = article_search.article_id
      where article_search match ${match} and article_search.locale = ${locale} and ${visible}
      order by rank, article_search.article_id desc
      limit ${options.limit}`.execute(db);
    return rows.map((r) => ({ articleId: Number(r.article_id), rank: -r.rank }));
  }
  const config = locale === 'tr' ? 'turkish' : 'english';
  const query = terms.map((t) => `${t}:*`).join(options.mode === 'all' ? ' & ' : ' | ');
  const { rows } = await sql<{ article_id: number; rank: number }>`
    select s.article_id, ts_rank('{0.02, 0.05, 0.3, 1.0}'::float4[], s.tsv, q.query) as rank
    from article_search s
    join articles a on a.id = s.article_id
    cross join (select to_tsquery(${config}::regconfig, ${query}) as query) q
    where s.locale = ${locale} and s.tsv @@ q.query and ${visible}
    order by rank desc, s.article_id desc
    limit ${options.limit}`.execute(db);
  return rows.map((r) => ({ articleId: Number(r.article_id), rank: Number(r.rank) }));
}
