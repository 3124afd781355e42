// Data-subject requests (KVKK / GDPR): a patient's record can be erased; the row stays (appointments and the consent
// ledger refer to it) with every identifying field blanked and the time of erasure recorded.
import type { Migration } from './helpers.ts';
import { instant } from './helpers.ts';

export const privacy: Migration = {
  name: '009-privacy',
  async up({ db }) {
    await db.schema.alterTable('patients').addColumn('erased_at', instant).execute();
  },
};
