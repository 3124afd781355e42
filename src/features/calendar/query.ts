// The calendar's view in a URL (date, day or week, resource kind, location): parsed with a message per bad parameter,
// and written back as a query string. The calendar uses it for its own links; the appointment page for "back to the
// calendar" and for where a move done from the calendar returns to.
import { DateTime } from 'luxon';
import type { Translate } from '../../i18n/index.ts';
import { calendarKinds, calendarSpans, type CalendarKind, type CalendarQuery, type CalendarService, type CalendarSpan } from './service.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: string): boolean {
  return DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** One query parameter: undefined when absent or empty, null when not a single string. */
export function queryText(query: Record<string, unknown>, name: string): string | null | undefined {
  const v = query[name];
  if (v === undefined || v === '') return undefined;
  return typeof v === 'string' ? v : null;
}

export function calendarQueryString(q: CalendarQuery, date = q.date): string {
  const params = new URLSearchParams({ date, view: q.span, kind: q.kind });
  if (q.locationId !== undefined) params.set('location', String(q.locationId));
  return params.toString();
}

/** Calendar query from the URL, with a message per bad parameter (the view falls back to the default). */
export async function parseCalendarQuery(calendar: CalendarService, query: Record<string, unknown>, t: Translate): Promise<{ q: CalendarQuery; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  const q: CalendarQuery = { date: calendar.today(), span: 'day', kind: 'practitioner' };
  const date = queryText(query, 'date');
  if (date !== undefined) {
    if (date !== null && isDate(date)) q.date = date;
    else errors.date = t('calendar.badDate');
  }
  const span = queryText(query, 'view');
  if (span !== undefined) {
    if (span !== null && (calendarSpans as readonly string[]).includes(span)) q.span = span as CalendarSpan;
    else errors.view = t('calendar.badChoice');
  }
  const kind = queryText(query, 'kind');
  if (kind !== undefined) {
    if (kind !== null && (calendarKinds as readonly string[]).includes(kind)) q.kind = kind as CalendarKind;
    else errors.kind = t('calendar.badChoice');
  }
  const location = queryText(query, 'location');
  if (location !== undefined) {
    const ids = new Set((await calendar.locations()).map((l) => String(l.id)));
    if (location !== null && ids.has(location)) q.locationId = Number(location);
    else errors.location = t('calendar.badChoice');
  }
  return { q, errors };
}

/**
 * The calendar view a person came from, when the URL (or a form's `back` field) names one — calendar links carry
 * `view` and `kind` — as a clean query string; undefined otherwise. Bad parameters fall back to the defaults.
 */
export async function calendarOrigin(calendar: CalendarService, query: Record<string, unknown>, t: Translate, fallbackDate: string): Promise<string | undefined> {
  if (queryText(query, 'view') === undefined && queryText(query, 'kind') === undefined) return undefined;
  const { q, errors } = await parseCalendarQuery(calendar, query, t);
  return calendarQueryString(q, queryText(query, 'date') !== undefined && !errors.date ? q.date : fallbackDate);
}
