// Turns weekly hours, exceptions and holidays (wall-clock in the clinic's zone) into concrete UTC intervals.
import { DateTime } from 'luxon';
import { intersect, normalize, subtract } from './intervals.ts';
import type { Interval } from './types.ts';

/** ISO weekday 1 = Monday … 7 = Sunday; HH:MM wall-clock times; [opens, closes). */
export interface WeeklyInterval {
  day: number;
  opens: string;
  closes: string;
}

export interface CalendarException {
  start: number;
  end: number;
  /** 'closed': leave, maintenance, closure. 'open': one-off extra hours. */
  kind: 'closed' | 'open';
}

export interface Holiday {
  date: string; // YYYY-MM-DD
  /** Closed from this wall-clock time on (half-day eves); null = the whole day. */
  startsAt: string | null;
}

/** One calendar day in the clinic's zone: [start, end) in UTC, and whether its UTC offset is the same all day. */
export interface LocalDay {
  date: string; // YYYY-MM-DD
  weekday: number; // ISO 1–7
  start: number;
  end: number;
  /** False only on daylight-saving change days, where wall-clock → UTC needs the zone rules. */
  uniform: boolean;
  luxon: DateTime;
}

// Zone arithmetic is the costly part of availability (~50 µs a call); days never change, so each is computed once
// and found again by any hour it contains (per zone, so that a lookup builds no string).
const dayCache = new Map<string, Map<number, LocalDay>>();
const HOUR = 3_600_000;

function dayContaining(t: number, timeZone: string): LocalDay {
  let days = dayCache.get(timeZone);
  if (!days) {
    days = new Map();
    dayCache.set(timeZone, days);
  }
  const cached = days.get(Math.floor(t / HOUR));
  if (cached) return cached;
  const start = DateTime.fromMillis(t, { zone: timeZone }).startOf('day');
  const next = start.plus({ days: 1 }).startOf('day');
  const day: LocalDay = {
    date: start.toISODate() ?? '',
    weekday: start.weekday,
    start: start.toMillis(),
    end: next.toMillis(),
    uniform: start.offset === next.offset && next.toMillis() - start.toMillis() === 24 * HOUR,
    luxon: start,
  };
  if (days.size > 20_000) days.clear();
  for (let h = Math.floor(day.start / HOUR); h * HOUR < day.end; h++) days.set(h, day);
  return day;
}

function at(day: LocalDay, hhmm: string): number {
  const h = Number(hhmm.slice(0, 2));
  const m = Number(hhmm.slice(3, 5));
  if (day.uniform) return day.start + (h * 60 + m) * 60_000;
  return day.luxon.set({ hour: h, minute: m, second: 0, millisecond: 0 }).toMillis();
}

/** Local calendar days that touch the window. */
export function localDays(window: Interval, timeZone: string): LocalDay[] {
  const days: LocalDay[] = [];
  let day = dayContaining(window.start, timeZone);
  while (day.start < window.end) {
    days.push(day);
    day = dayContaining(day.end, timeZone);
  }
  return days;
}

/** Working intervals of one resource within the window. */
export function expandAvailability(
  weekly: readonly WeeklyInterval[],
  exceptions: readonly CalendarException[],
  holidays: readonly Holiday[],
  window: Interval,
  timeZone: string,
): Interval[] {
  const days = localDays(window, timeZone);
  const open: Interval[] = [];
  const closed: Interval[] = [];
  const holidayByDate = new Map(holidays.map((h) => [h.date, h]));
  for (const day of days) {
    for (const w of weekly) if (w.day === day.weekday) open.push({ start: at(day, w.opens), end: at(day, w.closes) });
    const holiday = holidayByDate.get(day.date);
    if (holiday) closed.push({ start: holiday.startsAt ? at(day, holiday.startsAt) : day.start, end: day.end });
  }
  // available = (weekly hours − holidays − closures) ∪ (one-off extra hours − closures)
  const closures = normalize(exceptions.filter((e) => e.kind === 'closed'));
  const extra = normalize(exceptions.filter((e) => e.kind === 'open'));
  const regular = subtract(subtract(normalize(open), normalize(closed)), closures);
  const withExtra = normalize([...regular, ...subtract(extra, closures)]);
  return intersect(withExtra, [window]);
}

/** Candidate starts every `stepMinutes` from each local midnight, within [from, to). */
export function stepStarts(window: Interval, timeZone: string, stepMinutes: number): number[] {
  const step = stepMinutes * 60_000;
  const out: number[] = [];
  for (const day of localDays(window, timeZone)) {
    const dayStart = day.start;
    const dayEnd = day.end;
    const first = dayStart + Math.max(0, Math.ceil((window.start - dayStart) / step)) * step;
    for (let t = first; t < dayEnd && t < window.end; t += step) out.push(t);
  }
  return out;
}
