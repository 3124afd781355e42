// Public comments (readers' questions under articles and the clinic's answers), the spent proof-of-work challenges
// (replay guard) and version 1 of the two privacy texts the comment form links to.
import type { Migration } from './helpers.ts';
import { instant, withId } from './helpers.ts';
import { commentLegalTextsV1 } from '../../features/comments/legal-texts.ts';

export const comments: Migration = {
  name: '007-comments',
  async up({ db, engine }) {
    await withId(db.schema.createTable('comments'), engine)
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | spam
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('author_email', 'text') // never shown; only for the reply notice
      .addColumn('notify_on_reply', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_clinic', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('staff_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('body_hash', 'text', (c) => c.notNull()) // normalized text, for duplicate detection
      .addColumn('ip_hash', 'text') // keyed hash of the address (IPv6 per /64); goes with the row
      .addColumn('spam_score', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('spam_reasons', 'text', (c) => c.notNull().defaultTo('[]')) // JSON string[]
      .addColumn('notice_version', 'integer') // KVKK comment notice shown
      .addColumn('consent_version', 'integer') // explicit consent to store and publish, agreed
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull())
      .addColumn('approved_at', instant)
      .addColumn('edited_at', instant)
      .execute();
    await db.schema.createIndex('comments_article_status').on('comments').columns(['article_id', 'locale', 'status', 'created_at']).execute();
    await db.schema.createIndex('comments_status_created').on('comments').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('comments_body_hash').on('comments').columns(['body_hash', 'created_at']).execute();
    await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();

    await db.schema
      .createTable('comment_pow_spent')
      .addColumn('signature', 'text', (c) => c.primaryKey())
      .addColumn('expires_at', instant, (c) => c.notNull())
      .execute();

    // In force from the start (published_at 0): a database that already has a clinic gets them with this migration.
    // A changed text is a new version row, never an edit of these.
    const rows = Object.entries(commentLegalTextsV1).flatMap(([kind, byLocale]) =>
      (['tr', 'en'] as const).map((locale) => ({ kind, locale, version: 1, body_md: byLocale[locale], published_at: 0 })),
    );
    await db.insertInto('legal_texts').values(rows).execute();
  },
};
