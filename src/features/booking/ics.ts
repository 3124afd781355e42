// The appointment as an iCalendar file (RFC 5545) for "add to calendar": times in UTC, a UID stable per appointment,
// and only what a calendar should hold — the clinic, the service, the place and the private link; never the intake.
// E-mailed invitations (RFC 5546 iTIP: METHOD:REQUEST / CANCEL) give local times with a TZID and its VTIMEZONE.
import { DateTime } from 'luxon';
import { toIsoInZone } from './zone-time.ts';

export interface CalendarEvent {
  /** Stable across downloads, moves and cancellation, so calendars update the one entry. */
  uid: string;
  start: number;
  end: number;
  /** When the file was made. */
  stamp: number;
  summary: string;
  location: string;
  description: string;
  url?: string | undefined;
  status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  /** Bumped when the appointment changes, so a re-import replaces the old entry. */
  sequence: number;
  /** IANA zone: times are written as local times with TZID and a VTIMEZONE; without it, in UTC. */
  timeZone?: string | undefined;
}

export interface CalendarOptions {
  /** PUBLISH (download), REQUEST (invitation: new, moved, confirmed) or CANCEL. */
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
}

const localFormat = "yyyyMMdd'T'HHmmss";

function icsOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function offsetAt(zone: string, instant: number): number {
  return DateTime.fromMillis(instant, { zone }).offset;
}

/**
 * The zone's VTIMEZONE for the years around the event: one observance for the offset in force at the window's start,
 * then one per offset change (found by day steps, then to the minute), so any reader resolves the local times.
 */
export function vtimezone(zone: string, around: number): string[] {
  // The same for every event of a year: computed once (it walks three years day by day). Keyed by the UTC year (the
  // local year differs from it for a few hours at most, well inside the three years covered).
  const year = new Date(around).getUTCFullYear();
  const key = `${zone}:${year}`;
  const known = vtimezoneCache.get(key);
  if (known) return known;
  const lines = computeVtimezone(zone, Date.UTC(year, 6, 1));
  if (vtimezoneCache.size > 100) vtimezoneCache.clear();
  vtimezoneCache.set(key, lines);
  return lines;
}

const vtimezoneCache = new Map<string, string[]>();

function computeVtimezone(zone: string, around: number): string[] {
  const DAY = 86_400_000;
  const from = DateTime.fromMillis(around, { zone }).startOf('year').minus({ years: 1 }).toMillis();
  const to = DateTime.fromMillis(around, { zone }).endOf('year').plus({ years: 1 }).toMillis();
  const observance = (at: number, offsetFrom: number, offsetTo: number): string[] => {
    const dt = DateTime.fromMillis(at, { zone });
    const kind = dt.isInDST ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART is the onset as a local time in the offset that was in force before it.
    const local = DateTime.fromMillis(at + offsetFrom * 60_000, { zone: 'utc' }).toFormat(localFormat);
    return [`BEGIN:${kind}`, `DTSTART:${local}`, `TZOFFSETFROM:${icsOffset(offsetFrom)}`, `TZOFFSETTO:${icsOffset(offsetTo)}`, `TZNAME:${dt.offsetNameShort ?? icsOffset(offsetTo)}`, `END:${kind}`];
  };
  const first = offsetAt(zone, from);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...observance(from, first, first)];
  let previous = first;
  for (let day = from; day < to; day += DAY) {
    const next = offsetAt(zone, day + DAY);
    if (next === previous) continue;
    let lo = day;
    let hi = day + DAY;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(zone, mid) === previous) lo = mid;
      else hi = mid;
    }
    lines.push(...observance(hi, previous, next));
    previous = next;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

function icsTime(name: string, instant: number, zone: string | undefined): string {
  if (!zone) return `${name}:${icsUtc(instant)}`;
  return `${name};TZID=${zone}:${icsLocalTime(instant, zone)}`;
}

/** The local wall-clock time in `zone`, e.g. 20261203T100000: toIsoInZone's digits (no zone lookup per instant). */
export function icsLocalTime(instant: number, zone: string): string {
  return toIsoInZone(instant, zone).slice(0, 19).replace(/[-:]/g, '');
}

function icsPerson(property: string, person: { name: string; email: string }, extra = ''): string {
  return `${property};CN="${person.name.replace(/["\r\n]/g, '')}"${extra}:mailto:${person.email}`;
}

/** 20261203T061500Z */
export function icsUtc(instant: number): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT value escaping: backslash, semicolon, comma and line breaks. */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Content lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  if (line.length <= 75 && Buffer.byteLength(line, 'utf8') <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line may hold 75 octets; continuation lines start with a space, so 74 more.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function calendarFile(event: CalendarEvent, productId: string, options: CalendarOptions = {}): string {
  const zone = event.timeZone;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${productId}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${options.method ?? 'PUBLISH'}`,
    ...(zone ? vtimezone(zone, event.start) : []),
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${icsUtc(event.stamp)}`,
    icsTime('DTSTART', event.start, zone),
    icsTime('DTEND', event.end, zone),
    ...(options.organizer ? [icsPerson('ORGANIZER', options.organizer)] : []),
    ...(options.attendee ? [icsPerson('ATTENDEE', options.attendee, ';ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE')] : []),
    `SEQUENCE:${event.sequence}`,
    `STATUS:${event.status}`,
    `SUMMARY:${icsText(event.summary)}`,
    `LOCATION:${icsText(event.location)}`,
    `DESCRIPTION:${icsText(event.description)}`,
    ...(event.url ? [`URL:${event.url}`] : []),
    'TRANSP:OPAQUE',
    ...(event.status === 'CANCELLED'
      ? []
      : ['BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-PT2H', `DESCRIPTION:${icsText(event.summary)}`, 'END:VALARM']),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
