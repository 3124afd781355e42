// Clinic, resources, services, holidays, public pages and site settings.
import type { Migration } from './helpers.ts';
import { instant, withId } from './helpers.ts';

export const foundation: Migration = {
  name: '001-foundation',
  async up({ db, engine }) {
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('site_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('content_version', 'integer', (c) => c.notNull())
      .execute();
    await db.insertInto('site_state').values({ id: 1, content_version: 1 }).execute();

    await withId(db.schema.createTable('locations'), engine)
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('practitioners'), engine)
      .addColumn('location_id', 'integer', (c) => c.notNull().references('locations.id'))
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('title_tr', 'text', (c) => c.notNull())
      .addColumn('title_en', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createTable('practitioner_qualifications')
      .addColumn('practitioner_id', 'integer', (c) => c.notNull().references('practitioners.id').onDelete('cascade'))
      .addColumn('qualification', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('practitioner_qualifications_pk', ['practitioner_id', 'qualification'])
      .execute();

    await withId(db.schema.createTable('devices'), engine)
      .addColumn('location_id', 'integer', (c) => c.notNull().references('locations.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name_tr', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('setup_minutes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('cleanup_minutes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();

    await withId(db.schema.createTable('rooms'), engine)
      .addColumn('location_id', 'integer', (c) => c.notNull().references('locations.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name_tr', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();

    await withId(db.schema.createTable('services'), engine)
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('duration_minutes', 'integer', (c) => c.notNull())
      .addColumn('online_booking', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createTable('service_translations')
      .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id').onDelete('cascade'))
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('body_md', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('service_translations_pk', ['service_id', 'locale'])
      .execute();
    await withId(db.schema.createTable('service_requirements'), engine)
      .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id').onDelete('cascade'))
      .addColumn('resource_type', 'text', (c) => c.notNull())
      .addColumn('qualification', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('holidays')
      .addColumn('date', 'text', (c) => c.primaryKey())
      .addColumn('name_tr', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text')
      .execute();

    await withId(db.schema.createTable('pages'), engine)
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('body_md', 'text', (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull())
      .addUniqueConstraint('pages_locale_slug', ['locale', 'slug'])
      .addUniqueConstraint('pages_key_locale', ['key', 'locale'])
      .execute();
  },
};
