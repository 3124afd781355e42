// Precompiled statements: Kysely builders compiled once per dialect and shape, then run with the values filled in.
import { sql, type CompiledQuery, type QueryResult } from 'kysely';
import { isSyncConnection, type DbOrTx, type SyncConnection } from './connect.ts';

// Building and compiling a Kysely query costs several times more than running it on SQLite (here ≈ 60–120 µs against
// ≈ 15–20 µs for a booking's statements). The statements on the booking path have fixed shapes, so each is compiled
// once per dialect (and per IN-list or row count) with named placeholders — param('phone') — and then run with the
// values filled in. Same SQL, same bound parameters; only the compiling is saved. (No Kysely plugins are in use; a
// plugin that rewrites queries would be bypassed here.)

class Param {
  constructor(readonly name: string | number) {}
}

/** A placeholder for a value in a precompiled statement: by name (values given as an object) or by position (as an
 * array). */
export function param(name: string | number): never {
  return new Param(name) as never;
}

const MAX_TEMPLATES = 1000;

/** A compiled statement and, per parameter, the name or position of its value (undefined: a fixed value). */
interface Template {
  sql: string;
  query: CompiledQuery;
  names: Array<string | number | undefined>;
}

const templates = new Map<string, Template>();
const dialects = new WeakMap<object, string>();
/** Per transaction: its connection when it can run statements synchronously (SQLite), else null. */
const syncConnections = new WeakMap<object, SyncConnection | null>();

/** Tells the dialects apart by how they compile a parameter ("select ? ..." or "select $1 ..."), once per adapter
 * (a transaction shares its database's adapter). */
function dialectOf(db: DbOrTx): string {
  const adapter = db.getExecutor().adapter;
  let dialect = dialects.get(adapter);
  if (dialect === undefined) {
    dialect = db.selectNoFrom(sql<number>`${0}`.as('probe')).compile().sql;
    dialects.set(adapter, dialect);
  }
  return dialect;
}

/**
 * Inside a SQLite transaction the statement runs synchronously on the transaction's connection: Kysely's per-query
 * promise machinery costs about as much as running a booking's small statements. The transaction owns the one
 * connection until it ends (the driver hands it out under a mutex), so this is the same connection Kysely would use.
 * Outside a transaction, and on PostgreSQL, the query goes through Kysely as usual.
 */
async function syncConnectionOf(tx: DbOrTx): Promise<SyncConnection | null> {
  const provided = await tx.getExecutor().provideConnection(async (c) => c);
  const connection = isSyncConnection(provided) ? provided : null;
  syncConnections.set(tx, connection);
  return connection;
}

export async function precompiled<R>(db: DbOrTx, key: string, build: () => { compile(): CompiledQuery }, values: object | readonly unknown[]): Promise<QueryResult<R>> {
  const cacheKey = `${dialectOf(db)}|${key}`;
  let template = templates.get(cacheKey);
  if (!template) {
    const query = build().compile();
    template = { sql: query.sql, query, names: query.parameters.map((value) => (value instanceof Param ? value.name : undefined)) };
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    templates.set(cacheKey, template);
  }
  const { names, query } = template;
  const given = values as Record<string | number, unknown>;
  const parameters = new Array<unknown>(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name === undefined) parameters[i] = query.parameters[i];
    else {
      const value = given[name];
      if (value === undefined && !(name in given)) throw new Error(`precompiled ${key}: no value for ${name}`);
      parameters[i] = value;
    }
  }
  const known = syncConnections.get(db);
  const connection = known !== undefined ? known : db.isTransaction ? await syncConnectionOf(db) : null;
  if (connection) return connection.runSync<R>({ sql: template.sql, parameters });
  return db.executeQuery<R>({ ...query, parameters });
}

/** Positional placeholders for `count` rows of the given columns (row by row, column by column). */
export function rowParams<C extends string>(columns: readonly C[], count: number): Array<Record<C, never>> {
  return Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map((c, j) => [c, param(i * columns.length + j)])) as Record<C, never>);
}

/** The values for rowParams(columns, rows.length), in the same order. */
export function rowValues<T>(columns: ReadonlyArray<keyof T & string>, rows: readonly T[]): unknown[] {
  const values = new Array<unknown>(rows.length * columns.length);
  let k = 0;
  for (const row of rows) for (const column of columns) values[k++] = row[column];
  return values;
}

/** Placeholders for an IN list of `count` values: by position from `first` on (values as an array), or named
 * `${first}0`, `${first}1`, … (listValues() names the values so). */
export function listParams(first: number | string, count: number): never[] {
  return Array.from({ length: count }, (_, i) => param(typeof first === 'number' ? first + i : `${first}${i}`));
}

export function listValues(name: string, list: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(list.map((v, i) => [`${name}${i}`, v]));
}

/** Which engine a handle or transaction talks to, from its compiled SQL (memoized per adapter, see dialectOf). */
export function engineOf(db: DbOrTx): 'sqlite' | 'postgres' {
  return dialectOf(db).includes('$1') ? 'postgres' : 'sqlite';
}
