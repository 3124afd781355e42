// Public URLs of the article section. The index path is the editable "articles" page's own (/tr/makaleler, /en/articles).
import type { Locale } from '../../db/schema.ts';

export const searchPaths: Record<Locale, string> = { tr: '/tr/ara', en: '/en/search' };
export const feedPaths: Record<Locale, string> = { tr: '/tr/feed.xml', en: '/en/feed.xml' };
/** The path segment between the index and a category slug: /tr/makaleler/kategori/…, /en/articles/category/… */
export const categorySegment: Record<Locale, string> = { tr: 'kategori', en: 'category' };

export const PAGE_SIZE = 10;

export function articlePath(indexPath: string, slug: string): string {
  return `${indexPath}/${slug}`;
}

export function categoryPath(locale: Locale, indexPath: string, slug: string): string {
  return `${indexPath}/${categorySegment[locale]}/${slug}`;
}

/** Page N of a list; page 1 is the bare list URL (its canonical form). */
export function listPagePath(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}?page=${page}`;
}
