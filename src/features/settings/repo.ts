// SQL for the settings key/value table and the shared content version (page-cache invalidation).
import type { DbOrTx } from '../../db/connect.ts';

export async function readAll(db: DbOrTx): Promise<Record<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

export async function upsert(db: DbOrTx, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

export async function readContentVersion(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom('site_state').select('content_version').where('id', '=', 1).executeTakeFirst();
  return row?.content_version ?? 0;
}

export async function bumpContentVersion(db: DbOrTx): Promise<void> {
  await db
    .updateTable('site_state')
    .set((eb) => ({ content_version: eb('content_version', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}
