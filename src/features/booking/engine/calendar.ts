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

function at(date: DateTime, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return date.set({ hour: h ?? 0, minute: m ?? 0, second: 0, millisecond: 0 }).toMillis();
}

/** Local calendar days (as start-of-day DateTimes in the zone) that touch the window. */
export function localDays(window: Interval, timeZone: string): DateTime[] {
  const days: DateTime[] = [];
  let day = DateTime.fromMillis(window.start, { zone: timeZone }).startOf('day');
  while (day.toMillis() < window.end) {
    days.push(day);
    day = day.plus({ days: 1 }).startOf('day');
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
    const holiday = holidayByDate.get(day.toISODate() ?? '');
    if (holiday) {
      const next = day.plus({ days: 1 }).startOf('day').toMillis();
      closed.push({ start: holiday.startsAt ? at(day, holiday.startsAt) : day.toMillis(), end: next });
    }
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
    const dayStart = day.toMillis();
    const dayEnd = day.plus({ days: 1 }).startOf('day').toMillis();
    const first = dayStart + Math.max(0, Math.ceil((window.start - dayStart) / step)) * step;
    for (let t = first; t < dayEnd && t < window.end; t += step) out.push(t);
  }
  return out;
}
