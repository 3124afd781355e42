// Column helpers that produce the same logical column on SQLite and PostgreSQL.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

export interface MigrationContext {
  db: Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations predate the current schema type
  engine: Engine;
}

export interface Migration {
  name: string;
  up(ctx: MigrationContext): Promise<void>;
}

/** Auto-incrementing integer primary key. */
export function withId<T extends string>(table: CreateTableBuilder<T, never>, engine: Engine): CreateTableBuilder<T, 'id'> {
  return table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) =>
    engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
  );
}

/** Epoch milliseconds need 64 bits; SQLite's integer already is. */
export const instant = 'bigint' as const;
