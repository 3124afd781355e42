// Who a message is for: `outbox.patient_id`. Waitlist offers are about no appointment, so until now nothing tied a
// queued offer to its patient — a WhatsApp withdrawal could not cancel it and the worker could not re-check the
// consent ledger before sending it. Existing offers are linked through their dedupe key (`waitlist.offer:<offer id>`).
import { sql } from 'kysely';
import type { Migration } from './helpers.ts';

export const outboxPatient: Migration = {
  name: '013-outbox-patient',
  async up({ db }) {
    await db.schema
      .alterTable('outbox')
      .addColumn('patient_id', 'integer', (c) => c.references('patients.id').onDelete('set null'))
      .execute();
    await db.schema.createIndex('outbox_patient').on('outbox').column('patient_id').where(sql.ref('patient_id'), 'is not', null).execute();
    // Driven by the (small) offers table through the dedupe key's unique index, never a scan of the outbox.
    await sql`
      update outbox set patient_id = (
        select w.patient_id from waitlist_offers o join waitlist_entries w on w.id = o.entry_id
        where o.id = cast(substr(outbox.dedupe_key, 16) as integer)
      )
      where dedupe_key in (select 'waitlist.offer:' || o.id from waitlist_offers o) and patient_id is null`.execute(db);
  },
};
