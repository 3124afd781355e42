// Public page models: which page a path names, its translations, and what it lists.
import type { Database } from '../../db/connect.ts';
import type { Locale, PageRow } from '../../db/schema.ts';
import { locales } from '../../i18n/index.ts';
import type { NavKey } from '../../web/views/public-layout.tsx';
import * as repo from './repo.ts';
import type { ServiceListing } from './repo.ts';

export const pageKeys = ['home', 'robotic', 'therapies', 'articles', 'contact', 'examination'] as const satisfies readonly NavKey[];
export type PageKey = (typeof pageKeys)[number];

export function isPageKey(key: string): key is PageKey {
  return (pageKeys as readonly string[]).includes(key);
}

export function pathFor(locale: Locale, slug: string): string {
  return slug ? `/${locale}/${slug}` : `/${locale}/`;
}

export interface PublicPageModel {
  key: PageKey;
  page: PageRow;
  path: string;
  alternates: Partial<Record<Locale, string>>;
  services: ServiceListing[];
}

const listedCategories: Record<PageKey, readonly string[]> = {
  home: ['robotic', 'therapy'],
  robotic: ['robotic'],
  therapies: ['robotic', 'therapy'],
  articles: [],
  contact: [],
  examination: [],
};

export class ContentService {
  constructor(private readonly db: Database) {}

  /** Path of every navigation target per locale, from the seeded (editable) slugs. */
  async navigation(): Promise<Record<Locale, Record<NavKey, string>>> {
    const rows = await repo.listPageSlugs(this.db);
    const nav = Object.fromEntries(locales.map((l) => [l, {} as Record<NavKey, string>])) as Record<Locale, Record<NavKey, string>>;
    for (const l of locales) for (const key of pageKeys) nav[l][key] = pathFor(l, '');
    for (const r of rows) if (isPageKey(r.key)) nav[r.locale][r.key] = pathFor(r.locale, r.slug);
    return nav;
  }

  async pageModel(locale: Locale, slug: string): Promise<PublicPageModel | undefined> {
    const page = await repo.findPageBySlug(this.db, locale, slug);
    if (!page || !isPageKey(page.key)) return undefined;
    const translations = await repo.findPagesByKey(this.db, page.key);
    const alternates: Partial<Record<Locale, string>> = {};
    for (const t of translations) alternates[t.locale] = pathFor(t.locale, t.slug);
    const services = await repo.listServices(this.db, locale, listedCategories[page.key]);
    return { key: page.key, page, path: pathFor(locale, page.slug), alternates, services };
  }
}
