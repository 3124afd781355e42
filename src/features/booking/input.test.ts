import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoInstant, parseIsoInstantWithLuxon } from './input.ts';

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));

describe('parseIsoInstant', () => {
  it('agrees with Luxon on ordinary and odd ISO 8601 instants', () => {
    const iso = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        two(13),
        two(32),
        two(25),
        two(61),
        fc.option(two(61)),
        fc.option(fc.integer({ min: 0, max: 999 }).map(String)),
        fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), two(25), two(61)).map(([s, h, m]) => `${s}${h}:${m}`)),
      )
      .map(([y, mo, d, h, mi, s, ms, zone]) => `${y}-${mo}-${d}T${h}:${mi}${s === null ? '' : `:${s}${ms === null ? '' : `.${ms}`}`}${zone}`);
    fc.assert(
      fc.property(iso, (value) => {
        expect(parseIsoInstant(value)).toBe(parseIsoInstantWithLuxon(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads the clinic offset and refuses what is not an instant', () => {
    expect(parseIsoInstant('2026-12-03T10:00:00+03:00')).toBe(Date.UTC(2026, 11, 3, 7, 0, 0));
    expect(parseIsoInstant('2028-02-29T23:59:59.5Z')).toBe(Date.UTC(2028, 1, 29, 23, 59, 59, 500));
    expect(parseIsoInstant('2027-02-29T10:00:00Z')).toBeUndefined();
    expect(parseIsoInstant('2026-12-03 10:00:00Z')).toBeUndefined();
    expect(parseIsoInstant('2026-12-03T10:00:00')).toBeUndefined();
    expect(parseIsoInstant('2026-12-03T10:00:00+03:00\n')).toBeUndefined();
  });
});
