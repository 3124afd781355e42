// Instants as ISO 8601 in a time zone, fast: the offset is looked up once per zone and quarter hour.
import { DateTime } from 'luxon';

const MINUTE = 60_000;

/** Luxon's answer, and the reference for the fast path below. */
export function toIsoInZoneSlow(instant: number, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).toISO({ suppressMilliseconds: true }) ?? new Date(instant).toISOString();
}

const QUARTER_HOUR = 15 * MINUTE;
/** UTC offsets (minutes) by zone and quarter hour, where one offset holds for the whole quarter hour. */
const offsets = new Map<string, number>();
const ianaZones = new Map<string, boolean>();

/**
 * An instant as ISO 8601 with the zone's offset, e.g. 2026-12-03T10:00:00+03:00 — exactly what Luxon writes, but
 * without asking the time-zone database for each instant (≈ 50 µs a call, and an availability answer has thousands):
 * the offset is looked up once per zone and quarter hour (offsets change at most once in any quarter hour) and the
 * digits come from Date. Anything unusual (a fixed-offset zone, an offset with seconds, a year outside 1–9999) goes to
 * Luxon.
 */
export function toIsoInZone(instant: number, timeZone: string): string {
  let iana = ianaZones.get(timeZone);
  if (iana === undefined) {
    const zone = DateTime.fromMillis(0, { zone: timeZone }).zone;
    iana = zone.isValid && zone.type === 'iana';
    ianaZones.set(timeZone, iana);
  }
  if (!iana || !Number.isFinite(instant)) return toIsoInZoneSlow(instant, timeZone);
  const bucket = Math.floor(instant / QUARTER_HOUR);
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const first = DateTime.fromMillis(bucket * QUARTER_HOUR, { zone: timeZone }).offset;
    const last = DateTime.fromMillis((bucket + 1) * QUARTER_HOUR - 1, { zone: timeZone }).offset;
    if (first !== last || !Number.isInteger(first)) return toIsoInZoneSlow(instant, timeZone);
    if (offsets.size >= 50_000) offsets.clear();
    offsets.set(key, first);
    offset = first;
  }
  const local = new Date(instant + offset * MINUTE);
  const year = local.getUTCFullYear();
  if (year < 1 || year > 9999) return toIsoInZoneSlow(instant, timeZone);
  const iso = local.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const ms = local.getUTCMilliseconds();
  const abs = Math.abs(offset);
  const sign = offset < 0 ? '-' : '+';
  return `${iso.slice(0, ms === 0 ? 19 : 23)}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

