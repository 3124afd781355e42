// SQL for the append-only, hash-chained audit trail.
import type { DbOrTx, Tx } from '../../db/connect.ts';
import { engineOf, param, precompiled } from '../../db/precompiled.ts';
import type { AuditRow } from '../../db/schema.ts';

export interface AuditInsert {
  at: number;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string;
}

/**
 * Reads the chain head and holds it until the transaction ends. PostgreSQL: a no-op update takes the row lock (a
 * portable "for update"). SQLite: every transaction of ours is BEGIN IMMEDIATE and so already holds the database's one
 * write lock; a plain read is enough. (Statements on this path are precompiled: every booking writes an audit row.)
 */
export async function lockHead(tx: Tx): Promise<string> {
  const result =
    engineOf(tx) === 'sqlite'
      ? await precompiled<{ last_hash: string }>(tx, 'audit.head', () => tx.selectFrom('audit_head').select('last_hash').where('id', '=', 1), {})
      : await precompiled<{ last_hash: string }>(
          tx,
          'audit.lockHead',
          () =>
            tx
              .updateTable('audit_head')
              .set((eb) => ({ last_hash: eb.ref('last_hash') }))
              .where('id', '=', 1)
              .returning('last_hash'),
          {},
        );
  const row = result.rows[0];
  if (!row) throw new Error('audit: the chain head row is missing');
  return row.last_hash;
}

const auditColumns = ['at', 'actor_user_id', 'actor_label', 'action', 'target_type', 'target_id', 'ip', 'details', 'prev_hash', 'hash'] as const;

export async function append(tx: Tx, entry: AuditInsert, prevHash: string, hash: string): Promise<void> {
  const row = { ...entry, prev_hash: prevHash, hash };
  await precompiled(tx, 'audit.append', () => tx.insertInto('audit_log').values(Object.fromEntries(auditColumns.map((c) => [c, param(c)])) as never), row);
  await precompiled(tx, 'audit.setHead', () => tx.updateTable('audit_head').set({ last_hash: param('hash') }).where('id', '=', 1), { hash });
}

export interface AuditFilter {
  actorUserId?: number | undefined;
  action?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
  offset: number;
}

export async function list(db: DbOrTx, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  let q = db.selectFrom('audit_log');
  if (f.actorUserId !== undefined) q = q.where('actor_user_id', '=', f.actorUserId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<', f.to);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Whether any entry has this action (an index lookup). */
export async function hasAction(db: DbOrTx, action: string): Promise<boolean> {
  return (await db.selectFrom('audit_log').select('id').where('action', '=', action).limit(1).executeTakeFirst()) !== undefined;
}

/** The stored hash of one entry, or undefined when it is gone. */
export async function hashOf(db: DbOrTx, id: number): Promise<string | undefined> {
  return (await db.selectFrom('audit_log').select('hash').where('id', '=', id).executeTakeFirst())?.hash;
}

/** Streams the chain in id order (after `afterId`), a page at a time. */
export async function* allInOrder(db: DbOrTx, pageSize = 1000, afterId = 0): AsyncGenerator<AuditRow> {
  let after = afterId;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]!.id;
  }
}

export async function head(db: DbOrTx): Promise<string> {
  const row = await db.selectFrom('audit_head').select('last_hash').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.last_hash;
}
