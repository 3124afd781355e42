// Locales, message lookup with {placeholders}, Accept-Language negotiation and Intl formatting.
import type { Locale } from '../db/schema.ts';
import { en, type MessageKey } from './en.ts';
import { tr } from './tr.ts';

export type { Locale, MessageKey };
export const locales: readonly Locale[] = ['tr', 'en'];
export const defaultLocale: Locale = 'tr';

const catalogs: Record<Locale, Record<MessageKey, string>> = { tr, en };

export function isLocale(value: unknown): value is Locale {
  return value === 'tr' || value === 'en';
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'tr' ? 'en' : 'tr';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => {
    const text = catalog[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/** Picks tr or en from an Accept-Language header by quality; Turkish when nothing matches. */
export function negotiateLocale(header: string | undefined, fallback: Locale = defaultLocale): Locale {
  if (!header) return fallback;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (isLocale(primary) && (!best || q > best.q)) best = { locale: primary, q };
  }
  return best?.locale ?? fallback;
}

const intlTag: Record<Locale, string> = { tr: 'tr-TR', en: 'en-GB' };

export function formatDate(locale: Locale, instant: number | Date, timeZone: string): string {
  return new Intl.DateTimeFormat(intlTag[locale], { dateStyle: 'long', timeZone }).format(instant);
}

export function formatDateTime(locale: Locale, instant: number | Date, timeZone: string): string {
  return new Intl.DateTimeFormat(intlTag[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(instant);
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(intlTag[locale]).format(value);
}

/** Turkish-aware upper case for headings and badges. */
export function upper(locale: Locale, text: string): string {
  return text.toLocaleUpperCase(intlTag[locale]);
}
