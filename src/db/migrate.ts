// Applies the ordered migrations, each once, recorded in kysely_migration (both engines).
import { Migrator, type MigrationProvider, type Migration as KyselyMigration } from 'kysely';
import type { DatabaseHandle } from './connect.ts';
import type { Migration } from './migrations/helpers.ts';
import { foundation } from './migrations/001-foundation.ts';
import { staff } from './migrations/002-staff.ts';
import { booking } from './migrations/003-booking.ts';

export const migrations: readonly Migration[] = [foundation, staff, booking];

export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, KyselyMigration> = {};
      for (const m of migrations) out[m.name] = { up: (db) => m.up({ db, engine: handle.engine }) };
      return out;
    },
  };
  const migrator = new Migrator({ db: handle.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
