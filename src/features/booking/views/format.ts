// Dates and times of the booking pages, always in the clinic's zone and the page's language (Intl), and slot lists
// grouped into days.
import { DateTime } from 'luxon';
import type { Locale } from '../../../i18n/index.ts';

const intlTag: Record<Locale, string> = { tr: 'tr-TR', en: 'en-GB' };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, kind: 'time' | 'day' | 'date' | 'offset' | 'zoneName'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
      day: { weekday: 'long', day: 'numeric', month: 'long' },
      date: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
      offset: { timeZoneName: 'shortOffset' },
      zoneName: { timeZoneName: 'longGeneric' },
    };
    f = new Intl.DateTimeFormat(intlTag[locale], { ...options[kind], timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** 09:15 */
export function formatTime(locale: Locale, instant: number, timeZone: string): string {
  return formatter(locale, timeZone, 'time').format(instant);
}

/** Thursday 3 December / 3 Aralık Perşembe */
export function formatDay(locale: Locale, instant: number, timeZone: string): string {
  return formatter(locale, timeZone, 'day').format(instant);
}

/** Thursday 3 December 2026 / 3 Aralık 2026 Perşembe */
export function formatLongDate(locale: Locale, instant: number, timeZone: string): string {
  return formatter(locale, timeZone, 'date').format(instant);
}

/** UTC+3 (Intl's "GMT+3", said the way clinics write it). */
export function formatOffset(locale: Locale, instant: number, timeZone: string): string {
  const part = formatter(locale, timeZone, 'offset').formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return part.replace(/^GMT/, 'UTC');
}

function zoneName(locale: Locale, instant: number, timeZone: string): string {
  return formatter(locale, timeZone, 'zoneName').formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

const cityNames: Partial<Record<Locale, Record<string, string>>> = { tr: { Istanbul: 'İstanbul' } };

/** The city of an IANA zone, as people write it (Europe/Istanbul → Istanbul, İstanbul in Turkish). */
export function zoneCity(locale: Locale, timeZone: string): string {
  const city = (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
  return cityNames[locale]?.[city] ?? city;
}

/** The parts of "times are local time in Istanbul (Türkiye Standard Time, UTC+3)" for the instants shown. */
export function zoneParts(locale: Locale, instants: readonly number[], timeZone: string, fallback: number): { city: string; zone: string; offset: string } {
  const at = instants.length ? instants : [fallback];
  const offsets = [...new Set(at.map((i) => formatOffset(locale, i, timeZone)))];
  return { city: zoneCity(locale, timeZone), zone: zoneName(locale, at[0]!, timeZone), offset: offsets.join(' / ') };
}

/** YYYY-MM-DD of an instant in the zone. */
export function localDate(instant: number, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).toISODate() ?? '';
}

export function addDays(date: string, days: number, timeZone: string): string {
  return DateTime.fromISO(date, { zone: timeZone }).plus({ days }).toISODate() ?? date;
}

/** ISO 8601 with the zone's offset (what the details link and the booking API take). */
export function isoInZone(instant: number, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).toISO({ suppressMilliseconds: true }) ?? new Date(instant).toISOString();
}

export interface SlotView {
  start: number;
  iso: string;
  time: string;
}

export interface DayView {
  date: string;
  label: string;
  slots: SlotView[];
}

/** Slots (sorted by start) grouped by local day, each day labelled, each time as 09:15. */
export function groupByDay(locale: Locale, slots: ReadonlyArray<{ start: number }>, timeZone: string): DayView[] {
  const days: DayView[] = [];
  for (const s of slots) {
    const date = localDate(s.start, timeZone);
    let day = days.at(-1);
    if (day?.date !== date) {
      day = { date, label: formatDay(locale, s.start, timeZone), slots: [] };
      days.push(day);
    }
    day.slots.push({ start: s.start, iso: isoInZone(s.start, timeZone), time: formatTime(locale, s.start, timeZone) });
  }
  return days;
}
