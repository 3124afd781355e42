// SQL for public pages and the services shown on them.
import type { DbOrTx } from '../../db/connect.ts';
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
