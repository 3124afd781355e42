// Turkish-aware text folding for search and slugs, query sanitising, and a light suffix stemmer for prefix search.
import type { Locale } from '../../db/schema.ts';

const turkishFold: Record<string, string> = {
  ı: 'i',
  I: 'i',
  İ: 'i',
  ş: 's',
  Ş: 's',
  ğ: 'g',
  Ğ: 'g',
  ç: 'c',
  Ç: 'c',
  ö: 'o',
  Ö: 'o',
  ü: 'u',
  Ü: 'u',
};

/**
 * Lower case without diacritics, in the Turkish sense: ı, I, İ and i all become i; ş→s, ğ→g, ç→c, ö→o, ü→u; other
 * accents are dropped too (é→e, â→a). Search folds both the indexed text and the query with this, so `KAS SPAZMI`,
 * `kas spazmi` and `kas spazmı` are the same words. (JavaScript's toLowerCase alone turns İ into "i̇" and I into i.)
 */
export function foldTurkish(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[ıIİşŞğĞçÇöÖüÜ]/g, (c) => turkishFold[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

export const SLUG_MAX = 120;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return value.length <= SLUG_MAX && SLUG_PATTERN.test(value);
}

/** A URL slug from a title, with Turkish transliteration: "Kas spazmı neden olur?" → "kas-spazmi-neden-olur". */
export function slugify(text: string): string {
  const slug = foldTurkish(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= SLUG_MAX) return slug;
  const cut = slug.slice(0, SLUG_MAX);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 20 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}

/** Longest queries we look at; anything beyond is ignored, never an error. */
export const QUERY_MAX = 200;
const MAX_TERMS = 8;

const stopWords: Record<Locale, ReadonlySet<string>> = {
  tr: new Set(['ve', 'ile', 'bir', 'bu', 'su', 'da', 'de', 'mi', 'mu', 'ne', 'icin', 'gibi', 'ki', 'veya', 'ya', 'nasil', 'neden', 'niye']),
  en: new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'with', 'is', 'are', 'be', 'what', 'how', 'why', 'when', 'do', 'does', 'can', 'my', 'i', 'it', 'at', 'by']),
};

// Suffixes tried longest first; a suffix is removed only if enough of the word is left to stay specific.
const trSuffixes = ['lerinden', 'larindan', 'lerinde', 'larinda', 'lerini', 'larini', 'lerin', 'larin', 'leri', 'lari', 'ler', 'lar', 'nden', 'ndan', 'inde', 'inda', 'den', 'dan', 'ten', 'tan', 'nin', 'nun', 'si', 'su', 'yi', 'yu', 'ye', 'ya', 'in', 'un', 'de', 'da', 'te', 'ta', 'i', 'u', 'e', 'a'];
const enSuffixes = ['ies', 'ing', 'ed', 'es', 'ly', 's'];

/**
 * A deliberately light stemmer over folded words: strips one common inflectional suffix so that a prefix search for
 * the result finds the other forms ("spazmları" → "spazm" → spazm*, "causes" → "caus" → caus*).
 */
export function lightStem(locale: Locale, word: string): string {
  if (locale === 'tr') {
    for (const suffix of trSuffixes) {
      const min = suffix.startsWith('l') ? 3 : 4;
      if (word.endsWith(suffix) && word.length - suffix.length >= min) return word.slice(0, -suffix.length);
    }
    return word;
  }
  for (const suffix of enSuffixes) {
    if (suffix === 's' && word.endsWith('ss')) continue;
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Folded words of a text: letters and digits only, so no query syntax of any engine survives. */
export function foldedWords(text: string): string[] {
  return foldTurkish(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A visitor's query as plain search terms (folded, stemmed, de-duplicated): quotes, `*`, parentheses, `-`, `NEAR`,
 * SQL and markup are just characters that are dropped or become ordinary words. Empty when nothing searchable is left.
 */
export function searchTerms(locale: Locale, query: string): string[] {
  const words = foldedWords(query.slice(0, QUERY_MAX)).filter((w) => w.length <= 40);
  const meaningful = words.filter((w) => !stopWords[locale].has(w));
  const chosen = meaningful.length > 0 ? meaningful : words;
  const terms: string[] = [];
  for (const word of chosen) {
    const stem = lightStem(locale, word);
    if (!terms.includes(stem)) terms.push(stem);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}
