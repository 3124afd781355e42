// SQL for public pages and the services shown on them.
import type { DbOrTx, Tx } from '../../db/connect.ts';
import type { Locale, PageRow } from '../../db/schema.ts';

export function findPageBySlug(db: DbOrTx, locale: Locale, slug: string): Promise<PageRow | undefined> {
  return db.selectFrom('pages').selectAll().where('locale', '=', locale).where('slug', '=', slug).executeTakeFirst();
}

export function findPagesByKey(db: DbOrTx, key: string): Promise<PageRow[]> {
  return db.selectFrom('pages').selectAll().where('key', '=', key).execute();
}

export function listPageSlugs(db: DbOrTx): Promise<Array<{ key: string; locale: Locale; slug: string }>> {
  return db.selectFrom('pages').select(['key', 'locale', 'slug']).execute();
}

export function listPages(db: DbOrTx): Promise<Array<{ key: string; locale: Locale; slug: string; updated_at: number }>> {
  return db.selectFrom('pages').select(['key', 'locale', 'slug', 'updated_at']).orderBy('id').execute();
}

export interface ServiceListing {
  key: string;
  category: string;
  durationMinutes: number;
  name: string;
  summary: string;
  bodyMd: string;
}

export async function listServices(db: DbOrTx, locale: Locale, categories: readonly string[]): Promise<ServiceListing[]> {
  if (categories.length === 0) return [];
  const rows = await db
    .selectFrom('services as s')
    .innerJoin('service_translations as t', (j) => j.onRef('t.service_id', '=', 's.id').on('t.locale', '=', locale))
    .select(['s.key', 's.category', 's.duration_minutes', 't.name', 't.summary', 't.body_md'])
    .where('s.active', '=', 1)
    .where('s.category', 'in', categories)
    .orderBy('s.sort_order')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    key: r.key,
    category: r.category,
    durationMinutes: r.duration_minutes,
    name: r.name,
    summary: r.summary,
    bodyMd: r.body_md,
  }));
}

// ---- the staff editor: page and service texts ----

export function listAllPages(db: DbOrTx): Promise<PageRow[]> {
  return db.selectFrom('pages').selectAll().orderBy('id').execute();
}

export async function updatePageText(tx: Tx, key: string, locale: Locale, text: { title: string; summary: string; body_md: string; updated_at: number }): Promise<number> {
  const result = await tx.updateTable('pages').set(text).where('key', '=', key).where('locale', '=', locale).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ServiceText {
  key: string;
  category: string;
  active: boolean;
  locale: Locale;
  name: string;
  summary: string;
  bodyMd: string;
}

/** Every service (active or not) with its public texts, one row per language. */
export async function listServiceTexts(db: DbOrTx, key?: string): Promise<ServiceText[]> {
  let q = db
    .selectFrom('services as s')
    .innerJoin('service_translations as t', 't.service_id', 's.id')
    .select(['s.key', 's.category', 's.active', 't.locale', 't.name', 't.summary', 't.body_md']);
  if (key !== undefined) q = q.where('s.key', '=', key);
  const rows = await q.orderBy('s.sort_order').orderBy('s.id').orderBy('t.locale', 'desc').execute();
  return rows.map((r) => ({ key: r.key, category: r.category, active: r.active === 1, locale: r.locale, name: r.name, summary: r.summary, bodyMd: r.body_md }));
}

/** Writes one language of a service's public texts; false when there is no such service. */
export async function upsertServiceText(tx: Tx, key: string, locale: Locale, text: { name: string; summary: string; body_md: string }): Promise<boolean> {
  const service = await tx.selectFrom('services').select('id').where('key', '=', key).executeTakeFirst();
  if (!service) return false;
  await tx
    .insertInto('service_translations')
    .values({ service_id: service.id, locale, ...text })
    .onConflict((oc) => oc.columns(['service_id', 'locale']).doUpdateSet(text))
    .execute();
  return true;
}
