// SQL for the append-only, hash-chained audit trail.
import type { DbOrTx, Tx } from '../../db/connect.ts';
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

/** Reads the chain head and holds its row lock until the transaction ends (a no-op update: portable "for update"). */
export async function lockHead(tx: Tx): Promise<string> {
  const row = await tx
    .updateTable('audit_head')
    .set((eb) => ({ last_hash: eb.ref('last_hash') }))
    .where('id', '=', 1)
    .returning('last_hash')
    .executeTakeFirstOrThrow();
  return row.last_hash;
}

export async function append(tx: Tx, entry: AuditInsert, prevHash: string, hash: string): Promise<void> {
  await tx.insertInto('audit_log').values({ ...entry, prev_hash: prevHash, hash }).execute();
  await tx.updateTable('audit_head').set({ last_hash: hash }).where('id', '=', 1).execute();
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

/** Streams the whole chain in id order, a page at a time. */
export async function* allInOrder(db: DbOrTx, pageSize = 1000): AsyncGenerator<AuditRow> {
  let after = 0;
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
