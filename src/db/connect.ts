// Opens the database (SQLite file or PostgreSQL) as a Kysely instance with the durability settings we rely on.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  createQueryId,
  Kysely,
  IdentifierNode,
  PostgresDialect,
  RawNode,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.ts';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import type { DB } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';
export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
export type DbOrTx = Database | Tx;

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  close(): Promise<void>;
  /** SQLite only: the SQL texts of the prepared statements the connection keeps (diagnostics; the query-plan test). */
  preparedSql?: () => string[];
  /** SQLite file opened with `backgroundCheckpoints`: the checkpoint thread (checkpointer.ts). */
  checkpointer?: Checkpointer;
}

export interface OpenOptions {
  pgSchema?: string;
  /** SQLite file: run WAL checkpoints on a thread of their own (the server does; see checkpointer.ts). */
  backgroundCheckpoints?: boolean;
}

export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError';
}

/** "savepoint name" and the like, with the name quoted by the dialect's compiler (as Kysely's drivers do it). */
function savepointCommand(command: string, name: string): RawNode {
  return RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]);
}

/** Prepared statements kept per connection, by SQL text. Kysely's own SQLite driver prepares every query anew, which
 * costs more than running most of ours; IN lists of different lengths are different texts, hence the bound. */
const STATEMENT_CACHE_SIZE = 500;

/** A connection that can run a statement synchronously (our SQLite connection). */
export interface SyncConnection {
  runSync<R>(compiledQuery: Pick<CompiledQuery, 'sql' | 'parameters'>): QueryResult<R>;
}

export function isSyncConnection(connection: unknown): connection is SyncConnection {
  return connection instanceof CachingSqliteConnection;
}

class CachingSqliteConnection implements DatabaseConnection, SyncConnection {
  readonly #db: SQLite.Database;
  readonly #statements = new Map<string, SQLite.Statement>();

  constructor(db: SQLite.Database) {
    this.#db = db;
  }

  preparedSql(): string[] {
    return [...this.#statements.keys()];
  }

  #statement(sql: string): SQLite.Statement {
    let stmt = this.#statements.get(sql);
    if (stmt) return stmt;
    stmt = this.#db.prepare(sql);
    if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
    this.#statements.set(sql, stmt);
    return stmt;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return Promise.resolve(this.runSync<R>(compiledQuery));
  }

  /** What executeQuery does, without the promise: precompiled statements inside a transaction call it directly. */
  runSync<R>(compiledQuery: Pick<CompiledQuery, 'sql' | 'parameters'>): QueryResult<R> {
    const { sql, parameters } = compiledQuery;
    const stmt = this.#statement(sql);
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    // A schema change (migrations) may change what cached statements return: start afresh.
    if (/^\s*(create|alter|drop)\b/i.test(sql)) this.#statements.clear();
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // Not from the cache: a statement that is being iterated cannot run another query meanwhile.
    const stmt = this.#db.prepare(compiledQuery.sql);
    if (!stmt.reader) throw new Error('SQLite streams select queries only');
    for (const row of stmt.iterate(compiledQuery.parameters)) yield { rows: [row as R] };
  }
}

/**
 * better-sqlite3 behind Kysely, as Kysely's SqliteDriver does it (one connection, handed out under a mutex), with two
 * differences: every transaction of ours writes, so it takes the write lock up front (BEGIN IMMEDIATE: two
 * check-then-write transactions can then never interleave and fail with SQLITE_BUSY mid-way); and prepared
 * statements are reused (CachingSqliteConnection).
 */
class BetterSqliteDriver implements Driver {
  readonly #connection: CachingSqliteConnection;
  readonly #db: SQLite.Database;
  #lock: Promise<void> | undefined;
  #unlock: (() => void) | undefined;

  constructor(db: SQLite.Database, connection: CachingSqliteConnection) {
    this.#db = db;
    this.#connection = connection;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    while (this.#lock) await this.#lock;
    this.#lock = new Promise((resolve) => (this.#unlock = resolve));
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const unlock = this.#unlock;
    this.#lock = undefined;
    this.#unlock = undefined;
    unlock?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compileQuery(savepointCommand('savepoint', name), createQueryId()));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compileQuery(savepointCommand('rollback to', name), createQueryId()));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compileQuery(savepointCommand('release', name), createQueryId()));
  }

  async destroy(): Promise<void> {
    this.#db.close();
  }
}

class BetterSqliteDialect extends SqliteDialect {
  readonly #db: SQLite.Database;
  readonly connection: CachingSqliteConnection;
  constructor(db: SQLite.Database) {
    super({ database: db });
    this.#db = db;
    this.connection = new CachingSqliteConnection(db);
  }
  override createDriver(): Driver {
    return new BetterSqliteDriver(this.#db, this.connection);
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

export function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): DatabaseHandle {
  if (target.engine === 'sqlite') {
    const sqlite = openSqlite(target.file);
    const dialect = new BetterSqliteDialect(sqlite);
    const db = new Kysely<DB>({ dialect });
    const checkpointer = options.backgroundCheckpoints && target.file !== ':memory:' ? startCheckpointer(target.file) : undefined;
    const close = async () => {
      await checkpointer?.stop();
      await db.destroy();
    };
    return { db, engine: 'sqlite', close, preparedSql: () => dialect.connection.preparedSql(), ...(checkpointer ? { checkpointer } : {}) };
  }
  const pool = openPostgresPool(target.url, options.pgSchema);
  // A dropped connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}
