// Article cover images: the processed picture (size, hash of the upload) and its encoded variants (AVIF and WebP at
// a few widths), stored in the database itself so backups and several app instances need no shared file store.
import type { Migration } from './helpers.ts';
import { instant, withId } from './helpers.ts';

export const articleCovers: Migration = {
  name: '005-article-covers',
  async up({ db, engine }) {
    const binary = engine === 'sqlite' ? 'blob' : 'bytea';
    await withId(db.schema.createTable('article_images'), engine)
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('original_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('article_images_article').on('article_images').column('article_id').execute();

    await db.schema
      .createTable('article_image_variants')
      .addColumn('image_id', 'integer', (c) => c.notNull().references('article_images.id').onDelete('cascade'))
      .addColumn('format', 'text', (c) => c.notNull()) // avif | webp
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('bytes', binary, (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('byte_size', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('article_image_variants_pk', ['image_id', 'format', 'width'])
      .execute();
    // Not unique: the same upload on two articles gives the same bytes (either row serves them).
    await db.schema.createIndex('article_image_variants_hash').on('article_image_variants').column('content_hash').execute();

    // The image the public page shows; the image rows themselves go with the article (cascade).
    await db.schema.alterTable('articles').addColumn('cover_image_id', 'integer').execute();
  },
};
