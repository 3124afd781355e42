// Health articles: categories, articles with their per-language translations, old slugs (301s) and the search index.
import { sql } from 'kysely';
import type { Migration } from './helpers.ts';
import { instant, withId } from './helpers.ts';

export const articles: Migration = {
  name: '004-articles',
  async up({ db, engine }) {
    await withId(db.schema.createTable('article_categories'), engine)
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('article_category_translations')
      .addColumn('category_id', 'integer', (c) => c.notNull().references('article_categories.id').onDelete('cascade'))
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('article_category_translations_pk', ['category_id', 'locale'])
      .addUniqueConstraint('article_category_translations_locale_slug', ['locale', 'slug'])
      .execute();

    await withId(db.schema.createTable('articles'), engine)
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('category_id', 'integer', (c) => c.references('article_categories.id').onDelete('set null'))
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('editor_name', 'text', (c) => c.notNull())
      .addColumn('comments_enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft')) // draft | scheduled | published | archived
      .addColumn('publish_at', instant) // when a scheduled article goes public (and when a published one did)
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('articles_status_publish_at').on('articles').columns(['status', 'publish_at']).execute();
    await db.schema.createIndex('articles_category').on('articles').column('category_id').execute();

    // One row per language the article is written in; a missing row means "not translated" (listed only in the other).
    await db.schema
      .createTable('article_translations')
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('body_md', 'text', (c) => c.notNull())
      .addColumn('seo_title', 'text')
      .addColumn('seo_description', 'text')
      .addColumn('cover_alt', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('published_at', instant) // first time this translation was (or is scheduled to be) public
      .addColumn('updated_at', instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('article_translations_pk', ['article_id', 'locale'])
      .addUniqueConstraint('article_translations_locale_slug', ['locale', 'slug'])
      .execute();
    await db.schema.createIndex('article_translations_locale_published').on('article_translations').columns(['locale', 'published_at']).execute();

    // Slugs a translation had before; the public route answers them with a 301 to the current slug.
    await db.schema
      .createTable('article_slug_redirects')
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('old_slug', 'text', (c) => c.notNull())
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('created_at', instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('article_slug_redirects_pk', ['locale', 'old_slug'])
      .execute();

    // Search index: Turkish-folded plain text per translation, written by the article service on every change.
    // Same columns on both engines (so writes are one statement); the index itself is per engine.
    if (engine === 'sqlite') {
      await sql`create virtual table article_search using fts5(article_id unindexed, locale unindexed, title, summary, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    } else {
      await sql`
        create table article_search (
          article_id integer not null references articles(id) on delete cascade,
          locale text not null,
          title text not null,
          summary text not null,
          body text not null,
          tsv tsvector generated always as (
            setweight(to_tsvector(case when locale = 'tr' then 'turkish'::regconfig else 'english'::regconfig end, title), 'A') ||
            setweight(to_tsvector(case when locale = 'tr' then 'turkish'::regconfig else 'english'::regconfig end, summary), 'B') ||
            setweight(to_tsvector(case when locale = 'tr' then 'turkish'::regconfig else 'english'::regconfig end, body), 'D')
          ) stored,
          primary key (article_id, locale)
        )`.execute(db);
      await sql`create index article_search_tsv on article_search using gin (tsv)`.execute(db);
    }
  },
};
