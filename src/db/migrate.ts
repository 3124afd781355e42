// Applies the ordered migrations, each once, recorded in kysely_migration (both engines).
import { Migrator, sql, type MigrationProvider, type Migration as KyselyMigration } from 'kysely';
import type { DatabaseHandle } from './connect.ts';
import type { Migration } from './migrations/helpers.ts';
import { foundation } from './migrations/001-foundation.ts';
import { staff } from './migrations/002-staff.ts';
import { booking } from './migrations/003-booking.ts';
import { articles } from './migrations/004-articles.ts';
import { articleCovers } from './migrations/005-article-covers.ts';
import { outbox } from './migrations/006-outbox.ts';
import { comments } from './migrations/007-comments.ts';
import { frontdesk } from './migrations/008-frontdesk.ts';
import { privacy } from './migrations/009-privacy.ts';
import { indexes } from './migrations/010-indexes.ts';
import { occupancyWithoutRowid } from './migrations/011-occupancy-without-rowid.ts';
import { commentEmailIndex } from './migrations/012-comment-email-index.ts';
import { outboxPatient } from './migrations/013-outbox-patient.ts';

export const migrations: readonly Migration[] = [foundation, staff, booking, articles, articleCovers, outbox, comments, frontdesk, privacy, indexes, occupancyWithoutRowid, commentEmailIndex, outboxPatient];

/** Runs every migration not yet applied (`list`: the tests' way to stop at an older version). */
export async function migrateToLatest(handle: DatabaseHandle, list: readonly Migration[] = migrations): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, KyselyMigration> = {};
      for (const m of list) out[m.name] = { up: (db) => m.up({ db, engine: handle.engine }) };
      return out;
    },
  };
  // Kysely looks for its bookkeeping tables in every schema unless told which one: name ours, so databases that hold
  // other schemas (several clinics, or the test suite's schema per file) never see each other's migrations.
  let migrationTableSchema: string | undefined;
  if (handle.engine === 'postgres') {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db);
    migrationTableSchema = result.rows[0]?.schema;
  }
  const migrator = new Migrator({ db: handle.db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
