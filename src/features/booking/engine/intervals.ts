// Half-open interval algebra over sorted, non-overlapping lists.
import type { Interval } from './types.ts';

/** Whether a list is already sorted, free of empty intervals, and neither overlapping nor touching. */
function isNormalized(intervals: readonly Interval[]): boolean {
  let previousEnd = -Infinity;
  for (const i of intervals) {
    if (!(i.end > i.start) || !(i.start > previousEnd)) return false;
    previousEnd = i.end;
  }
  return true;
}

/** Sorts and merges touching or overlapping intervals; drops empty ones. A list that is already so is returned as is
 * (callers never mutate the result). */
export function normalize(intervals: readonly Interval[]): Interval[] {
  if (isNormalized(intervals)) return intervals as Interval[];
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** a minus b (both normalized). */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const i of a) {
    let cursor = i.start;
    while (j < b.length && b[j]!.end <= cursor) j++;
    let k = j;
    while (k < b.length && b[k]!.start < i.end) {
      const cut = b[k]!;
      if (cut.start > cursor) out.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
      if (cursor >= i.end) break;
      k++;
    }
    if (cursor < i.end) out.push({ start: cursor, end: i.end });
  }
  return out;
}

/** a ∩ b (both normalized). */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (start < end) out.push({ start, end });
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return out;
}

/** Index of the last interval whose start is ≤ t, or -1 (list sorted by start). */
function lastStartingAtOrBefore(list: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Whether [start, end) lies inside one interval of a normalized list. O(log n). */
export function covers(list: readonly Interval[], start: number, end: number): boolean {
  const k = lastStartingAtOrBefore(list, start);
  return k >= 0 && list[k]!.end >= end;
}

/** Whether [start, end) overlaps any interval of a normalized list. O(log n). */
export function overlapsAny(list: readonly Interval[], start: number, end: number): boolean {
  const k = lastStartingAtOrBefore(list, end - 1);
  return k >= 0 && list[k]!.end > start;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}
