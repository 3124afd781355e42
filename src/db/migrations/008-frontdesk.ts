// Front desk: the status history of appointments, staff-only notes, the waitlist and the offers made from it.
import type { Migration } from './helpers.ts';
import { instant, withId } from './helpers.ts';

export const frontdesk: Migration = {
  name: '008-frontdesk',
  async up({ db, engine }) {
    // Every status change (who, when, from → to, reason): the audit trail has it too, this is for the screens.
    await withId(db.schema.createTable('appointment_status_history'), engine)
      .addColumn('appointment_id', 'integer', (c) => c.notNull().references('appointments.id').onDelete('cascade'))
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('at', instant, (c) => c.notNull())
      .addColumn('by', 'text', (c) => c.notNull()) // clinic | patient | system
      .addColumn('staff_id', 'integer')
      .addColumn('reason', 'text')
      .execute();
    await db.schema.createIndex('appointment_status_history_appointment').on('appointment_status_history').columns(['appointment_id', 'at']).execute();

    // Staff-only notes on an appointment (never shown to the patient or put into a message).
    await db.schema
      .createTable('appointment_notes')
      .addColumn('appointment_id', 'integer', (c) => c.primaryKey().references('appointments.id').onDelete('cascade'))
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer')
      .addColumn('updated_at', instant, (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('waitlist_entries'), engine)
      .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
      .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
      .addColumn('weekdays', 'text', (c) => c.notNull()) // ISO weekdays "1,3,5"; empty = any day
      .addColumn('time_ranges', 'text', (c) => c.notNull()) // "09:00-12:00,14:00-18:00" local; empty = any time
      .addColumn('date_from', 'text', (c) => c.notNull()) // YYYY-MM-DD, local, inclusive
      .addColumn('date_to', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull()) // waiting | booked | removed
      .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id').onDelete('set null'))
      .addColumn('created_by', 'integer')
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('waitlist_entries_service_status').on('waitlist_entries').columns(['service_id', 'status', 'id']).execute();

    await withId(db.schema.createTable('waitlist_offers'), engine)
      .addColumn('entry_id', 'integer', (c) => c.notNull().references('waitlist_entries.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('starts_at', instant, (c) => c.notNull())
      .addColumn('ends_at', instant, (c) => c.notNull())
      .addColumn('expires_at', instant, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull()) // open | accepted | taken | withdrawn
      .addColumn('freed_by', 'integer') // the appointment whose cancellation or move freed the slot
      .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id').onDelete('set null')) // booked by accepting
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('waitlist_offers_entry').on('waitlist_offers').columns(['entry_id', 'status']).execute();
  },
};
