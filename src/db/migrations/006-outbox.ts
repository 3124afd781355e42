// Transactional outbox: every patient message (e-mail or WhatsApp) is a row written in the same transaction as the
// change that caused it; a worker in the app process claims due rows with a lease, delivers them and marks them sent.
// Also: the per-service reminder lead time (hours before the appointment).
import type { Migration } from './helpers.ts';
import { instant, withId } from './helpers.ts';

export const outbox: Migration = {
  name: '006-outbox',
  async up({ db, engine }) {
    await withId(db.schema.createTable('outbox'), engine)
      .addColumn('channel', 'text', (c) => c.notNull()) // email | whatsapp
      .addColumn('kind', 'text', (c) => c.notNull()) // appointment.created | appointment.reminder | ...
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('body_text', 'text', (c) => c.notNull())
      .addColumn('body_html', 'text')
      .addColumn('attachments', 'text') // JSON EmailAttachment[]
      .addColumn('whatsapp_template', 'text') // JSON { name, params }
      .addColumn('appointment_id', 'integer')
      .addColumn('dedupe_key', 'text', (c) => c.unique())
      // pending → sending (leased by a worker) → sent | pending again (retry) | failed; pending → cancelled
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', instant, (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', instant)
      .addColumn('last_error', 'text')
      .addColumn('provider_id', 'text') // SMTP Message-ID or WhatsApp message id
      .addColumn('resend_of', 'integer')
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull())
      .addColumn('sent_at', instant)
      .execute();
    await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('outbox_appointment').on('outbox').column('appointment_id').execute();
    await db.schema.createIndex('outbox_created').on('outbox').column('created_at').execute();

    await db.schema.alterTable('services').addColumn('reminder_hours', 'integer', (c) => c.notNull().defaultTo(24)).execute();
  },
};
