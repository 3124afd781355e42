// Opens the database (SQLite file or PostgreSQL) as a Kysely instance with the durability settings we rely on.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.ts';
import type { DB } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';
export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
export type DbOrTx = Database | Tx;

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  close(): Promise<void>;
}

export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError';
}

/** Every SQLite transaction of ours writes, so it takes the write lock up front (BEGIN IMMEDIATE):
 * two check-then-write transactions can then never interleave and fail with SQLITE_BUSY mid-way. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const journal = String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase();
  const synchronous = Number(sqlite.pragma('synchronous', { simple: true }));
  if (file !== ':memory:' && journal !== 'wal') {
    sqlite.close();
    throw new DatabaseStartError(`SQLite journal_mode is "${journal}", not WAL — refusing to start (is ${file} on a network file system?)`);
  }
  if (synchronous !== 2) {
    sqlite.close();
    throw new DatabaseStartError(`SQLite synchronous is ${synchronous}, not FULL (2) — refusing to start`);
  }
  return sqlite;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export function openPostgresPool(url: string, schema?: string): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    types: {
      // Epoch-millisecond instants and counts fit in a double; return numbers, as SQLite does.
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
        // eslint-disable-next-line @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-enum-assignment -- pg's own parser table
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
}

export function openDatabase(target: DatabaseTarget, options: { pgSchema?: string } = {}): DatabaseHandle {
  if (target.engine === 'sqlite') {
    const sqlite = openSqlite(target.file);
    const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
    return { db, engine: 'sqlite', close: () => db.destroy() };
  }
  const pool = openPostgresPool(target.url, options.pgSchema);
  // A dropped connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}
