// Public addresses of the booking flow per language. Step 1 is the free-examination page itself (its slug is a fixed
// page address); the other steps hang below it, and an appointment's private pages below its manage token.
import type { Locale } from '../../../i18n/index.ts';

/** The service the public flow books. */
export const EXAMINATION_SERVICE = 'free-examination';

const segments = {
  tr: { start: '/tr/ucretsiz-muayene', details: 'bilgiler', manage: '/tr/randevu', calendar: 'takvim.ics', cancel: 'iptal', move: 'tasi', whatsapp: 'whatsapp-durdur', notice: 'aydinlatma-metni' },
  en: { start: '/en/free-examination', details: 'details', manage: '/en/appointment', calendar: 'calendar.ics', cancel: 'cancel', move: 'move', whatsapp: 'stop-whatsapp', notice: 'privacy-notice' },
} as const satisfies Record<Locale, Record<string, string>>;

export const bookingPaths = {
  start: (locale: Locale) => segments[locale].start,
  details: (locale: Locale) => `${segments[locale].start}/${segments[locale].details}`,
  /** The current KVKK information notice of bookings on a page of its own (the front desk reads callers this address). */
  notice: (locale: Locale) => `${segments[locale].start}/${segments[locale].notice}`,
  manage: (locale: Locale, token: string) => `${segments[locale].manage}/${token}`,
  calendar: (locale: Locale, token: string) => `${segments[locale].manage}/${token}/${segments[locale].calendar}`,
  cancel: (locale: Locale, token: string) => `${segments[locale].manage}/${token}/${segments[locale].cancel}`,
  move: (locale: Locale, token: string) => `${segments[locale].manage}/${token}/${segments[locale].move}`,
  whatsapp: (locale: Locale, token: string) => `${segments[locale].manage}/${token}/${segments[locale].whatsapp}`,
  /** Route patterns (Fastify syntax) for one language. */
  patterns: (locale: Locale) => {
    const s = segments[locale];
    return {
      details: `${s.start}/${s.details}`,
      manage: `${s.manage}/:token`,
      calendar: `${s.manage}/:token/${s.calendar}`,
      cancel: `${s.manage}/:token/${s.cancel}`,
      move: `${s.manage}/:token/${s.move}`,
      whatsapp: `${s.manage}/:token/${s.whatsapp}`,
    };
  },
};

/** A link to a page that takes a start time: the ISO instant is encoded (its "+" would otherwise read as a space). */
export function withStart(path: string, iso: string): string {
  return `${path}?start=${encodeURIComponent(iso)}`;
}

export function withFrom(path: string, date: string | undefined): string {
  return date ? `${path}?from=${date}` : path;
}
