// Weekly opening intervals ("Mon 09:00–18:00"): parsing, formatting and "open now?" — pure, shared with the browser.

/** ISO weekday 1 = Monday … 7 = Sunday; times are HH:MM wall-clock in the clinic's zone, [opens, closes). */
export interface DailyInterval {
  day: number;
  opens: string;
  closes: string;
}
export type WeeklyHours = DailyInterval[];

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function minutesOf(time: string): number {
  const m = TIME.exec(time);
  if (!m) return Number.NaN;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Parses one day's text such as "09:00-12:30, 13:30-18:00" (empty = closed). Returns an error key on bad input. */
export function parseDayText(day: number, text: string): { ok: true; intervals: DailyInterval[] } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, intervals: [] };
  const intervals: DailyInterval[] = [];
  for (const part of trimmed.split(/[,;]/)) {
    const m = /^\s*(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})\s*$/.exec(part);
    if (!m) return { ok: false };
    const opens = `${m[1]!.padStart(2, '0')}:${m[2]}`;
    const closes = `${m[3]!.padStart(2, '0')}:${m[4]}`;
    if (!(minutesOf(opens) < minutesOf(closes))) return { ok: false };
    intervals.push({ day, opens, closes });
  }
  intervals.sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens));
  for (let i = 1; i < intervals.length; i++) {
    if (minutesOf(intervals[i]!.opens) < minutesOf(intervals[i - 1]!.closes)) return { ok: false };
  }
  return { ok: true, intervals };
}

export function dayText(hours: WeeklyHours, day: number): string {
  return hours
    .filter((h) => h.day === day)
    .map((h) => `${h.opens}–${h.closes}`)
    .join(', ');
}

/** Weekday and minute of the day of an instant, as a wall clock in the given zone shows them. */
export function wallClock(instant: number, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Weekday and minute of the day in a zone with a fixed UTC offset — plain arithmetic, no time-zone data needed. */
export function wallClockAtOffset(instant: number, offsetMinutes: number): { day: number; minute: number } {
  const shifted = new Date(instant + offsetMinutes * 60_000);
  return { day: ((shifted.getUTCDay() + 6) % 7) + 1, minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

function openAtWall(hours: WeeklyHours, { day, minute }: { day: number; minute: number }): boolean {
  return hours.some((h) => h.day === day && minutesOf(h.opens) <= minute && minute < minutesOf(h.closes));
}

export function isOpenAt(hours: WeeklyHours, timeZone: string, instant: number): boolean {
  return openAtWall(hours, wallClock(instant, timeZone));
}

/** Same as isOpenAt for a zone without daylight saving (e.g. Europe/Istanbul), without the costly Intl time-zone lookup. */
export function isOpenAtOffset(hours: WeeklyHours, offsetMinutes: number, instant: number): boolean {
  return openAtWall(hours, wallClockAtOffset(instant, offsetMinutes));
}

/** Groups consecutive days with identical hours, e.g. [[1,5,"09:00–18:00"],[6,6,"09:00–14:00"],[7,7,""]]. */
export function groupDays(hours: WeeklyHours): Array<{ from: number; to: number; text: string }> {
  const groups: Array<{ from: number; to: number; text: string }> = [];
  for (let day = 1; day <= 7; day++) {
    const text = dayText(hours, day);
    const last = groups[groups.length - 1];
    if (last && last.text === text && last.to === day - 1) last.to = day;
    else groups.push({ from: day, to: day, text });
  }
  return groups;
}
