// Availability and allocation: which starts can be served, and by which resources. Pure: no I/O, no clock.
import { stepStarts } from './calendar.ts';
import { covers, normalize, overlapsAny } from './intervals.ts';
import type { Allocation, Availability, Interval, Occupancy, Requirement, Resource, ServiceRules, Slot } from './types.ts';

const MINUTE = 60_000;

export interface EngineInput {
  rules: ServiceRules;
  /** Starts are searched within [window.start, window.end). */
  window: Interval;
  resources: readonly Resource[];
  availability: Availability;
  occupancy: Occupancy;
  now: number;
  timeZone: string;
}

interface Prepared {
  rules: ServiceRules;
  candidates: Resource[][]; // per requirement, sorted by key
  availability: Map<string, Interval[]>;
  occupancy: Map<string, Interval[]>;
  earliest: number;
  latest: number; // last allowed start (inclusive)
}

export function matches(resource: Resource, requirement: Requirement): boolean {
  return resource.type === requirement.type && resource.qualifications.includes(requirement.qualification);
}

/** The interval a resource is blocked for by a session starting at `start`, buffers included. */
export function occupiedBy(resource: Resource, start: number, durationMinutes: number): Interval {
  return {
    start: start - resource.bufferBeforeMinutes * MINUTE,
    end: start + (durationMinutes + resource.bufferAfterMinutes) * MINUTE,
  };
}

function prepare(input: EngineInput): Prepared {
  const { rules, resources, now } = input;
  const sorted = [...resources].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const relevant = new Set<string>();
  const candidates = rules.requirements.map((req) => {
    const list = sorted.filter((r) => matches(r, req));
    for (const r of list) relevant.add(r.key);
    return list;
  });
  const availability = new Map<string, Interval[]>();
  const occupancy = new Map<string, Interval[]>();
  for (const key of relevant) {
    availability.set(key, normalize(input.availability.get(key) ?? []));
    occupancy.set(key, normalize(input.occupancy.get(key) ?? []));
  }
  return {
    rules,
    candidates,
    availability,
    occupancy,
    earliest: Math.max(input.window.start, now + rules.minNoticeMinutes * MINUTE),
    latest: Math.min(input.window.end - 1, now + rules.horizonDays * 24 * 60 * MINUTE),
  };
}

function usable(p: Prepared, resource: Resource, start: number): boolean {
  const need = occupiedBy(resource, start, p.rules.durationMinutes);
  return covers(p.availability.get(resource.key)!, need.start, need.end) && !overlapsAny(p.occupancy.get(resource.key)!, need.start, need.end);
}

/**
 * Assigns one distinct resource to every requirement (bipartite matching by augmenting paths).
 * Each requirement tries its options in the given order, so callers express preference (e.g. balance) by ordering.
 */
export function matchRequirements(options: readonly (readonly string[])[]): string[] | null {
  const owner = new Map<string, number>(); // resource key → requirement index
  const assigned: Array<string | undefined> = options.map(() => undefined);
  const tryAssign = (req: number, seen: Set<string>): boolean => {
    for (const key of options[req]!) {
      if (seen.has(key)) continue;
      seen.add(key);
      const holder = owner.get(key);
      if (holder === undefined || tryAssign(holder, seen)) {
        owner.set(key, req);
        assigned[req] = key;
        return true;
      }
    }
    return false;
  };
  for (let req = 0; req < options.length; req++) if (!tryAssign(req, new Set())) return null;
  return assigned as string[];
}

function allocateAt(p: Prepared, start: number, load?: ReadonlyMap<string, number>): Allocation | null {
  if (start < p.earliest || start > p.latest) return null;
  const options = p.candidates.map((list) => {
    const ok = list.filter((r) => usable(p, r, start));
    // Balance: the least-loaded practitioner (or device, room) first; ties by key for determinism.
    if (load) ok.sort((a, b) => (load.get(a.key) ?? 0) - (load.get(b.key) ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return ok;
  });
  if (options.some((o) => o.length === 0)) return null;
  const byKey = new Map(options.flat().map((r) => [r.key, r]));
  const keys = matchRequirements(options.map((o) => o.map((r) => r.key)));
  if (!keys) return null;
  return {
    start,
    end: start + p.rules.durationMinutes * MINUTE,
    assignments: keys.map((key, i) => ({
      requirement: p.rules.requirements[i]!,
      resourceKey: key,
      occupied: occupiedBy(byKey.get(key)!, start, p.rules.durationMinutes),
    })),
  };
}

/** Every start in the window at which all requirements can be met at once, buffers, hours, notice and horizon respected. */
export function availableSlots(input: EngineInput): Slot[] {
  const p = prepare(input);
  if (p.rules.requirements.length === 0) return [];
  const from = Math.max(input.window.start, p.earliest);
  const to = Math.min(input.window.end, p.latest + 1);
  if (from >= to) return [];
  const slots: Slot[] = [];
  for (const start of stepStarts({ start: from, end: to }, input.timeZone, p.rules.stepMinutes)) {
    if (allocateAt(p, start)) slots.push({ start, end: start + p.rules.durationMinutes * MINUTE });
  }
  return slots;
}

/** Whether `start` lies on the service's step grid in the clinic's zone. */
export function onStepGrid(start: number, timeZone: string, stepMinutes: number): boolean {
  const starts = stepStarts({ start, end: start + 1 }, timeZone, stepMinutes);
  return starts.length === 1 && starts[0] === start;
}

/** One start, prepared once: which resources could serve each requirement, then the allocation for a given load. */
export interface StartPlan {
  /** Per requirement, the keys of the resources that could serve the start (free, working, buffers included), before
   * any matching: a caller looks up balancing data (`load`) only for resources really in question. */
  usable: string[][];
  /** The allocation for this start (as allocate() with the same input and `load`), or null. */
  allocate(load?: ReadonlyMap<string, number>): Allocation | null;
}

/**
 * One start's candidates and its allocation, sharing their preparation: a booking asks which resources are in
 * question, looks up their load, then allocates (as allocate() with the same input would).
 */
export function planStart(input: EngineInput & { start: number }): StartPlan {
  const p = prepare(input);
  if (input.start < p.earliest || input.start > p.latest || !onStepGrid(input.start, input.timeZone, input.rules.stepMinutes)) {
    return { usable: p.candidates.map(() => []), allocate: () => null };
  }
  return {
    usable: p.candidates.map((list) => list.filter((r) => usable(p, r, input.start)).map((r) => r.key)),
    allocate: (load) => allocateAt(p, input.start, load),
  };
}

/**
 * Picks concrete resources for one start, or null when it cannot be served.
 * `load` (minutes already booked per resource that day) spreads sessions across practitioners.
 */
export function allocate(input: EngineInput & { start: number; load?: ReadonlyMap<string, number> }): Allocation | null {
  if (!onStepGrid(input.start, input.timeZone, input.rules.stepMinutes)) return null;
  return allocateAt(prepare(input), input.start, input.load);
}
