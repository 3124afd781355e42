// Invitations carry local times with TZID and a generated VTIMEZONE: ical.js must read them back to the right
// instants in a zone with daylight saving (Berlin) and in one without (Istanbul).
import fc from 'fast-check';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { calendarFile, foldLine, icsLocalTime } from '../booking/ics.ts';

function startOf(ics: string): { start: number; end: number; tzid: unknown } {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return { start: event.startDate.toJSDate().getTime(), end: event.endDate.toJSDate().getTime(), tzid: vevent.getFirstProperty('dtstart')!.getParameter('tzid') };
}

const base = { uid: 'appointment-1@clinic.example', stamp: Date.UTC(2026, 0, 1), summary: 'S', location: 'L', description: 'D', status: 'CONFIRMED' as const, sequence: 0 };

describe('invitation time zones', () => {
  for (const [zone, start] of [
    ['Europe/Berlin', Date.UTC(2026, 6, 1, 8, 0)], // summer: UTC+2
    ['Europe/Berlin', Date.UTC(2026, 11, 1, 9, 0)], // winter: UTC+1
    ['Europe/Berlin', Date.UTC(2026, 2, 29, 1, 30)], // 03:30 local, the morning the clocks go forward
    ['Europe/Istanbul', Date.UTC(2026, 11, 7, 7, 0)],
    ['America/New_York', Date.UTC(2026, 10, 1, 14, 0)], // the day the clocks go back there
  ] as const) {
    it(`${zone} ${new Date(start).toISOString()}`, () => {
      const ics = calendarFile({ ...base, start, end: start + 30 * 60_000, timeZone: zone }, '-//Test//EN', { method: 'REQUEST' });
      expect(ics).toContain(`DTSTART;TZID=${zone}:`);
      expect(startOf(ics)).toEqual({ start, end: start + 30 * 60_000, tzid: zone });
    });
  }

  it('keeps the download (no zone) in UTC', () => {
    const ics = calendarFile({ ...base, start: Date.UTC(2026, 11, 7, 7), end: Date.UTC(2026, 11, 7, 7, 30) }, '-//Test//EN');
    expect(ics).toContain('METHOD:PUBLISH');
    expect(ics).toContain('DTSTART:20261207T070000Z');
    expect(ics).not.toContain('VTIMEZONE');
  });
});

describe('ICS local times and folding', () => {
  it('writes the same wall-clock time as Luxon, daylight-saving days included', () => {
    const zones = ['Europe/Istanbul', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), (zone, instant) => {
        expect(icsLocalTime(instant, zone)).toBe(DateTime.fromMillis(instant, { zone }).toFormat("yyyyMMdd'T'HHmmss"));
      }),
      { numRuns: 5_000 },
    );
  });

  it('folds long lines at 75 octets without splitting a character, and leaves short ones alone', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const long = `DESCRIPTION:${'ğüşiöç'.repeat(20)}`;
    const folded = foldLine(long);
    expect(folded.split('\r\n ').join('')).toBe(long);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
  });
});
