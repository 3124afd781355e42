// Indexes for lookups that grow with the clinic's history. Found by the booking benchmark: the WhatsApp opt-in lookup
// (latest `consents` row of a patient) scanned the whole consents ledger on every booking. The query-plan test
// (test/integration/query-plans.test.ts) now fails when a statement the app runs scans one of the growing tables.
import { sql } from 'kysely';
import type { Migration } from './helpers.ts';

export const indexes: Migration = {
  name: '010-indexes',
  async up({ db }) {
    await db.schema.createIndex('consents_patient_kind_at').on('consents').columns(['patient_id', 'kind', 'at']).execute();
    await db.schema.createIndex('appointments_patient').on('appointments').column('patient_id').execute();
    // The audit page's filters (by action, by person), newest first.
    await db.schema.createIndex('audit_log_action_id').on('audit_log').columns(['action', 'id']).execute();
    // Staff actions only: public bookings (no staff actor) add no entry, and `actor_user_id = ?` implies not null.
    await db.schema
      .createIndex('audit_log_actor_id')
      .on('audit_log')
      .columns(['actor_user_id', 'id'])
      .where(sql.ref('actor_user_id'), 'is not', null)
      .execute();
    await db.schema.createIndex('waitlist_entries_patient').on('waitlist_entries').column('patient_id').execute();
  },
};
