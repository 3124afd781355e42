// Scheduling and booking: working hours and exceptions per resource, booking rules per service, patients,
// appointments with their resources, the occupancy table that makes double-booking impossible, consents.
import type { Migration } from './helpers.ts';
import { instant, withId } from './helpers.ts';

export const booking: Migration = {
  name: '003-booking',
  async up({ db, engine }) {
    await withId(db.schema.createTable('resource_hours'), engine)
      .addColumn('resource_key', 'text', (c) => c.notNull())
      .addColumn('day', 'integer', (c) => c.notNull())
      .addColumn('opens', 'text', (c) => c.notNull())
      .addColumn('closes', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('resource_hours_key').on('resource_hours').column('resource_key').execute();

    await withId(db.schema.createTable('resource_exceptions'), engine)
      .addColumn('resource_key', 'text', (c) => c.notNull())
      .addColumn('starts_at', instant, (c) => c.notNull())
      .addColumn('ends_at', instant, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // closed | open
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('resource_exceptions_key_time').on('resource_exceptions').columns(['resource_key', 'starts_at']).execute();

    await db.schema.alterTable('services').addColumn('step_minutes', 'integer', (c) => c.notNull().defaultTo(15)).execute();
    await db.schema.alterTable('services').addColumn('min_notice_minutes', 'integer', (c) => c.notNull().defaultTo(120)).execute();
    await db.schema.alterTable('services').addColumn('horizon_days', 'integer', (c) => c.notNull().defaultTo(60)).execute();
    await db.schema.alterTable('services').addColumn('initial_status', 'text', (c) => c.notNull().defaultTo('requested')).execute();
    await db.schema.alterTable('rooms').addColumn('buffer_before_minutes', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('rooms').addColumn('buffer_after_minutes', 'integer', (c) => c.notNull().defaultTo(0)).execute();

    await withId(db.schema.createTable('patients'), engine)
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull()) // E.164
      .addColumn('email', 'text')
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('patients_phone').on('patients').column('phone').execute();

    await withId(db.schema.createTable('appointments'), engine)
      .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
      .addColumn('status', 'text', (c) => c.notNull()) // requested | confirmed | checked_in | completed | cancelled | no_show
      .addColumn('starts_at', instant, (c) => c.notNull())
      .addColumn('ends_at', instant, (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull()) // online | staff
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('manage_token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('cancel_reason', 'text')
      .addColumn('cancelled_by', 'text') // patient | clinic
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('appointments_starts_at').on('appointments').column('starts_at').execute();

    await db.schema
      .createTable('appointment_resources')
      .addColumn('appointment_id', 'integer', (c) => c.notNull().references('appointments.id').onDelete('cascade'))
      .addColumn('resource_key', 'text', (c) => c.notNull())
      .addColumn('occupied_start', instant, (c) => c.notNull())
      .addColumn('occupied_end', instant, (c) => c.notNull())
      .addPrimaryKeyConstraint('appointment_resources_pk', ['appointment_id', 'resource_key'])
      .execute();
    await db.schema.createIndex('appointment_resources_key_time').on('appointment_resources').columns(['resource_key', 'occupied_start']).execute();

    // The double-booking guard: one row per resource per 5-minute cell it is occupied (buffers included).
    // A second booking that needs any of the same cells violates the primary key, on both engines, whatever the load.
    await db.schema
      .createTable('occupancy')
      .addColumn('resource_key', 'text', (c) => c.notNull())
      .addColumn('cell', instant, (c) => c.notNull())
      .addColumn('appointment_id', 'integer', (c) => c.notNull().references('appointments.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('occupancy_pk', ['resource_key', 'cell'])
      .execute();
    await db.schema.createIndex('occupancy_appointment').on('occupancy').column('appointment_id').execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('request_hash', 'text', (c) => c.notNull()) // the same key with a different request is refused
      .addColumn('status_code', 'integer', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('created_at', instant, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('intakes')
      .addColumn('appointment_id', 'integer', (c) => c.primaryKey().references('appointments.id').onDelete('cascade'))
      .addColumn('answers', 'text', (c) => c.notNull()) // JSON; kept only with explicit consent
      .addColumn('created_at', instant, (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('legal_texts'), engine)
      .addColumn('kind', 'text', (c) => c.notNull()) // kvkk-notice | health-consent
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('body_md', 'text', (c) => c.notNull())
      .addColumn('published_at', instant, (c) => c.notNull())
      .addUniqueConstraint('legal_texts_kind_locale_version', ['kind', 'locale', 'version'])
      .execute();

    await withId(db.schema.createTable('consents'), engine)
      .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id').onDelete('set null'))
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('given', 'integer', (c) => c.notNull()) // notice: 1 = shown; consent: 1 = agreed, 0 = declined
      .addColumn('at', instant, (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('rate_events'), engine)
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('at', instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rate_events_bucket_at').on('rate_events').columns(['bucket', 'at']).execute();
  },
};
