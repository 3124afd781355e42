import { describe, expect, it } from 'vitest';
import { groupDays, isOpenAt, parseDayText, wallClock } from './weekly-hours.ts';

const hours = [
  { day: 1, opens: '09:00', closes: '18:00' },
  { day: 6, opens: '10:00', closes: '14:00' },
];

describe('weekly hours', () => {
  it('knows whether the clinic answers at an instant, in the clinic zone', () => {
    // Monday 2026-11-30 08:59 and 09:00 in Istanbul (UTC+3).
    expect(isOpenAt(hours, 'Europe/Istanbul', Date.UTC(2026, 10, 30, 5, 59))).toBe(false);
    expect(isOpenAt(hours, 'Europe/Istanbul', Date.UTC(2026, 10, 30, 6, 0))).toBe(true);
    expect(isOpenAt(hours, 'Europe/Istanbul', Date.UTC(2026, 10, 30, 14, 59))).toBe(true);
    expect(isOpenAt(hours, 'Europe/Istanbul', Date.UTC(2026, 10, 30, 15, 0))).toBe(false); // closes is exclusive
    // Saturday 11:00 Istanbul; Sunday never.
    expect(isOpenAt(hours, 'Europe/Istanbul', Date.UTC(2026, 11, 5, 8, 0))).toBe(true);
    expect(isOpenAt(hours, 'Europe/Istanbul', Date.UTC(2026, 11, 6, 8, 0))).toBe(false);
  });

  it('follows daylight saving in zones that have it', () => {
    // Europe/Berlin: 2026-03-29 clocks go forward; Monday 2026-03-30 09:00 local = 07:00 UTC.
    expect(wallClock(Date.UTC(2026, 2, 30, 7, 0), 'Europe/Berlin')).toEqual({ day: 1, minute: 9 * 60 });
    expect(isOpenAt(hours, 'Europe/Berlin', Date.UTC(2026, 2, 30, 7, 0))).toBe(true);
    // Monday 2026-03-23 (before the change) 09:00 local = 08:00 UTC; 07:00 UTC is 08:00 local → closed.
    expect(isOpenAt(hours, 'Europe/Berlin', Date.UTC(2026, 2, 23, 7, 0))).toBe(false);
  });

  it('parses a day as typed by staff and refuses nonsense', () => {
    expect(parseDayText(2, ' 9:00-12:30, 13.30–18:00 ')).toEqual({
      ok: true,
      intervals: [
        { day: 2, opens: '09:00', closes: '12:30' },
        { day: 2, opens: '13:30', closes: '18:00' },
      ],
    });
    expect(parseDayText(2, '')).toEqual({ ok: true, intervals: [] });
    for (const bad of ['18:00-09:00', '09:00', 'abc', '25:00-26:00', '09:00-12:00, 11:00-13:00', '<script>']) {
      expect(parseDayText(2, bad).ok, bad).toBe(false);
    }
  });

  it('groups equal consecutive days for display', () => {
    const week = [1, 2, 3, 4, 5].map((day) => ({ day, opens: '09:00', closes: '18:00' }));
    expect(groupDays(week)).toEqual([
      { from: 1, to: 5, text: '09:00–18:00' },
      { from: 6, to: 7, text: '' },
    ]);
  });
});

describe('fixed-offset zones', () => {
  it('gives the same answer as the Intl path for Istanbul (UTC+3 all year)', async () => {
    const { isOpenAtOffset } = await import('./weekly-hours.ts');
    const { fixedOffsetMinutes } = await import('../../web/views/whatsapp-button.tsx');
    expect(fixedOffsetMinutes('Europe/Istanbul')).toBe(180);
    expect(fixedOffsetMinutes('Europe/Berlin')).toBeUndefined();
    for (let t = Date.UTC(2026, 10, 29, 0, 0); t < Date.UTC(2026, 11, 7, 0, 0); t += 15 * 60_000) {
      expect(isOpenAtOffset(hours, 180, t)).toBe(isOpenAt(hours, 'Europe/Istanbul', t));
    }
  });
});
