// Staff accounts, sessions, sign-in limiter and the tamper-evident audit trail.
import { sql, type Kysely } from 'kysely';
import type { Migration } from './helpers.ts';
import { instant, withId } from './helpers.ts';

export const staff: Migration = {
  name: '002-staff',
  async up({ db, engine }) {
    await withId(db.schema.createTable('users'), engine)
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('tr'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('totp_secret', 'text')
      .addColumn('totp_enabled_at', instant)
      .addColumn('totp_grace_until', instant)
      .addColumn('totp_last_step', instant)
      .addColumn('practitioner_id', 'integer', (c) => c.references('practitioners.id').onDelete('set null'))
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('updated_at', instant, (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('recovery_codes'), engine)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', instant)
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('last_seen_at', instant, (c) => c.notNull())
      .addColumn('expires_at', instant, (c) => c.notNull())
      .addColumn('reauth_at', instant, (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await withId(db.schema.createTable('login_failures'), engine)
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('at', instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('login_failures_bucket_at').on('login_failures').columns(['bucket', 'at']).execute();

    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('last_hash', 'text', (c) => c.notNull())
      .execute();
    await db.insertInto('audit_head').values({ id: 1, last_hash: '0'.repeat(64) }).execute();

    await withId(db.schema.createTable('audit_log'), engine)
      .addColumn('at', instant, (c) => c.notNull())
      .addColumn('actor_user_id', 'integer')
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text')
      .addColumn('target_id', 'text')
      .addColumn('ip', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    if (engine === 'postgres') {
      // Append-only at the database level too: the application role cannot rewrite history by accident.
      await sqlRaw(db, `create or replace function audit_log_immutable() returns trigger language plpgsql as $$
        begin raise exception 'audit_log is append-only'; end $$`);
      await sqlRaw(db, `create trigger audit_log_no_change before update or delete on audit_log
        for each row execute function audit_log_immutable()`);
    } else {
      await sqlRaw(db, `create trigger audit_log_no_update before update on audit_log
        begin select raise(abort, 'audit_log is append-only'); end`);
      await sqlRaw(db, `create trigger audit_log_no_delete before delete on audit_log
        begin select raise(abort, 'audit_log is append-only'); end`);
    }
  },
};

async function sqlRaw(db: Kysely<unknown>, text: string) {
  await sql.raw(text).execute(db);
}
