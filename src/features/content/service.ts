// Public page models: which page a path names, its translations, and what it lists.
import type { Database, Tx } from '../../db/connect.ts';
import type { Locale, PageRow } from '../../db/schema.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { locales } from '../../i18n/index.ts';
import type { NavKey } from '../../web/views/public-layout.tsx';
import * as repo from './repo.ts';
import type { ServiceListing, ServiceText } from './repo.ts';

export type { ServiceListing, ServiceText };

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

/** One language of a page's or a service's public texts as the editor writes it. */
export interface PublicTextInput {
  /** The page's title or the service's name. */
  title: string;
  summary: string;
  bodyMd: string;
}

export const textLimits = { pageTitle: 200, serviceName: 120, summary: 500, bodyMd: 200_000 } as const;

// C0 controls other than tab/newline, lone surrogates and non-characters have no place in public text.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/; // eslint-disable-line no-control-regex -- the point is to find them

/** Field codes per language ("tr.title": required | tooLong | invalid) for one set of texts. */
function validateTexts(texts: Partial<Record<Locale, PublicTextInput>>, titleMax: number): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const locale of locales) {
    const text = texts[locale];
    if (!text) {
      errors[`${locale}.title`] = 'required';
      continue;
    }
    const check = (field: keyof PublicTextInput, max: number, required: boolean) => {
      const value = text[field];
      if (required && value.trim() === '') errors[`${locale}.${field}`] = 'required';
      else if (value.length > max) errors[`${locale}.${field}`] = 'tooLong';
      else if (FORBIDDEN_CHARS.test(value)) errors[`${locale}.${field}`] = 'invalid';
    };
    check('title', titleMax, true);
    check('summary', textLimits.summary, true);
    check('bodyMd', textLimits.bodyMd, false);
  }
  return errors;
}

export interface EditablePage {
  key: PageKey;
  translations: Partial<Record<Locale, PageRow>>;
}

export interface EditableService {
  key: string;
  category: string;
  active: boolean;
  translations: Partial<Record<Locale, ServiceText>>;
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
  #navigation: Promise<Record<Locale, Record<NavKey, string>>> | undefined;

  constructor(private readonly db: Database) {}

  /** Path of every navigation target per locale, from the seeded (editable) slugs; kept until content changes. */
  navigation(): Promise<Record<Locale, Record<NavKey, string>>> {
    const pending = (this.#navigation ??= this.loadNavigation());
    pending.catch(() => {
      if (this.#navigation === pending) this.#navigation = undefined;
    });
    return pending;
  }

  /** Called whenever the content version moves (another instance, or this one, changed public content). */
  forgetNavigation(): void {
    this.#navigation = undefined;
  }

  private async loadNavigation(): Promise<Record<Locale, Record<NavKey, string>>> {
    const rows = await repo.listPageSlugs(this.db);
    const nav = Object.fromEntries(locales.map((l) => [l, {} as Record<NavKey, string>])) as Record<Locale, Record<NavKey, string>>;
    for (const l of locales) for (const key of pageKeys) nav[l][key] = pathFor(l, '');
    for (const r of rows) if (isPageKey(r.key)) nav[r.locale][r.key] = pathFor(r.locale, r.slug);
    return nav;
  }

  /** Every page in every language, for the sitemap. */
  async sitemapPages(): Promise<Array<{ key: PageKey; locale: Locale; path: string; updatedAt: number }>> {
    const rows = await repo.listPages(this.db);
    return rows.flatMap((r) => (isPageKey(r.key) ? [{ key: r.key, locale: r.locale, path: pathFor(r.locale, r.slug), updatedAt: r.updated_at }] : []));
  }

  /** The page that holds a navigation target's intro text (e.g. the articles index), by key. */
  async pageModelByKey(locale: Locale, key: PageKey): Promise<PublicPageModel | undefined> {
    const nav = await this.navigation();
    const path = nav[locale][key];
    return this.pageModel(locale, path.slice(locale.length + 2));
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

  // -------- the staff editor: page and service texts (the caller owns the transaction, the version bump and the audit)

  async editablePages(): Promise<EditablePage[]> {
    const rows = await repo.listAllPages(this.db);
    return pageKeys.map((key) => ({ key, translations: Object.fromEntries(rows.filter((r) => r.key === key).map((r) => [r.locale, r])) }));
  }

  async editablePage(key: string): Promise<EditablePage> {
    if (!isPageKey(key)) throw new NotFound('page not found');
    const rows = await repo.findPagesByKey(this.db, key);
    if (rows.length === 0) throw new NotFound('page not found');
    return { key, translations: Object.fromEntries(rows.map((r) => [r.locale, r])) };
  }

  async editableServices(key?: string): Promise<EditableService[]> {
    const rows = await repo.listServiceTexts(this.db, key);
    const byKey = new Map<string, EditableService>();
    for (const r of rows) {
      const entry = byKey.get(r.key) ?? { key: r.key, category: r.category, active: r.active, translations: {} };
      entry.translations[r.locale] = r;
      byKey.set(r.key, entry);
    }
    return [...byKey.values()];
  }

  async editableService(key: string): Promise<EditableService> {
    const found = key.length <= 80 ? (await this.editableServices(key))[0] : undefined;
    if (!found) throw new NotFound('service not found');
    return found;
  }

  /** Replaces a page's title, summary and body in both languages; slugs stay (the navigation depends on them). */
  async savePageTexts(tx: Tx, key: string, texts: Partial<Record<Locale, PublicTextInput>>, now: number): Promise<void> {
    if (!isPageKey(key)) throw new NotFound('page not found');
    const errors = validateTexts(texts, textLimits.pageTitle);
    if (Object.keys(errors).length) throw new Invalid(errors);
    for (const locale of locales) {
      const text = texts[locale]!;
      const updated = await repo.updatePageText(tx, key, locale, { title: text.title.trim(), summary: text.summary.trim(), body_md: text.bodyMd, updated_at: now });
      if (updated === 0) throw new NotFound('page not found');
    }
  }

  /** Replaces a service's public name, summary and description in both languages (booking rules are not touched). */
  async saveServiceTexts(tx: Tx, key: string, texts: Partial<Record<Locale, PublicTextInput>>): Promise<void> {
    const errors = validateTexts(texts, textLimits.serviceName);
    if (Object.keys(errors).length) throw new Invalid(errors);
    for (const locale of locales) {
      const text = texts[locale]!;
      if (!(await repo.upsertServiceText(tx, key, locale, { name: text.title.trim(), summary: text.summary.trim(), body_md: text.bodyMd }))) throw new NotFound('service not found');
    }
  }
}
