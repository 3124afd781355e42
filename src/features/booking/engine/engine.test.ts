import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { allocate, availableSlots, expandAvailability, matchRequirements, normalize, overlaps, planStart, stepStarts, subtract, type EngineInput, type Interval, type Resource } from './index.ts';
import { covers } from './intervals.ts';

const MIN = 60_000;
const IST = 'Europe/Istanbul';
const local = (iso: string, zone = IST) => DateTime.fromISO(iso, { zone }).toMillis();

const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, opens: '09:00', closes: '18:00' }));

function demo(): Omit<EngineInput, 'rules'> {
  const window = { start: local('2026-12-07T00:00'), end: local('2026-12-12T00:00') }; // Mon–Fri
  const resources: Resource[] = [
    { key: 'practitioner:1', type: 'practitioner', qualifications: ['physician'], bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
    { key: 'practitioner:2', type: 'practitioner', qualifications: ['physiotherapist', 'gait_robot'], bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
    { key: 'practitioner:3', type: 'practitioner', qualifications: ['physiotherapist', 'gait_robot'], bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
    { key: 'device:1', type: 'device', qualifications: ['gait_robot'], bufferBeforeMinutes: 10, bufferAfterMinutes: 10 },
    { key: 'room:1', type: 'room', qualifications: ['gait_room'], bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
    { key: 'room:2', type: 'room', qualifications: ['exam_room'], bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
  ];
  const availability = new Map(resources.map((r) => [r.key, expandAvailability(weekdays, [], [], window, IST)]));
  return { window, resources, availability, occupancy: new Map(), now: local('2026-12-04T12:00'), timeZone: IST };
}

const exam = { durationMinutes: 30, stepMinutes: 15, minNoticeMinutes: 120, horizonDays: 60, requirements: [{ type: 'practitioner' as const, qualification: 'physician' }, { type: 'room' as const, qualification: 'exam_room' }] };
const gait = { durationMinutes: 60, stepMinutes: 15, minNoticeMinutes: 120, horizonDays: 60, requirements: [{ type: 'practitioner' as const, qualification: 'gait_robot' }, { type: 'device' as const, qualification: 'gait_robot' }, { type: 'room' as const, qualification: 'gait_room' }] };

describe('calendar expansion', () => {
  it('turns weekly hours, holidays (half-day eves) and exceptions into intervals in the clinic zone', () => {
    const window = { start: local('2026-10-26T00:00'), end: local('2026-10-31T00:00') };
    const holidays = [
      { date: '2026-10-28', startsAt: '13:00' },
      { date: '2026-10-29', startsAt: null },
    ];
    const exceptions = [
      { start: local('2026-10-26T12:00'), end: local('2026-10-26T13:00'), kind: 'closed' as const }, // lunch break off
      { start: local('2026-10-29T10:00'), end: local('2026-10-29T12:00'), kind: 'open' as const }, // extra hours on the holiday
    ];
    const got = expandAvailability(weekdays, exceptions, holidays, window, IST).map((i) => [DateTime.fromMillis(i.start, { zone: IST }).toFormat('dd HH:mm'), DateTime.fromMillis(i.end, { zone: IST }).toFormat('dd HH:mm')]);
    expect(got).toEqual([
      ['26 09:00', '26 12:00'],
      ['26 13:00', '26 18:00'],
      ['27 09:00', '27 18:00'],
      ['28 09:00', '28 13:00'],
      ['29 10:00', '29 12:00'],
      ['30 09:00', '30 18:00'],
    ]);
  });

  it('keeps wall-clock hours across daylight-saving changes (Europe/Berlin)', () => {
    const zone = 'Europe/Berlin';
    // Sunday 29 March 2026 has 23 hours, Sunday 25 October 2026 has 25.
    for (const [day, hours] of [
      ['2026-03-29', 23],
      ['2026-10-25', 25],
    ] as const) {
      const start = local(`${day}T00:00`, zone);
      const end = DateTime.fromMillis(start, { zone }).plus({ days: 1 }).toMillis();
      expect((end - start) / 3_600_000).toBe(hours);
      const starts = stepStarts({ start, end }, zone, 60);
      expect(starts).toHaveLength(hours);
      // Every start is on a whole local hour.
      for (const s of starts) expect(DateTime.fromMillis(s, { zone }).minute).toBe(0);
      const sunday = [{ day: 7, opens: '09:00', closes: '17:00' }];
      const [open] = expandAvailability(sunday, [], [], { start, end }, zone);
      expect(DateTime.fromMillis(open!.start, { zone }).toFormat('HH:mm')).toBe('09:00');
      expect((open!.end - open!.start) / 3_600_000).toBe(8);
    }
  });
});

describe('available slots and allocation', () => {
  it('offers examination starts every 15 minutes within hours, after the notice', () => {
    const input = { ...demo(), rules: exam };
    const slots = availableSlots(input);
    const first = DateTime.fromMillis(slots[0]!.start, { zone: IST });
    expect(first.toFormat('yyyy-MM-dd HH:mm')).toBe('2026-12-07 09:00');
    // 09:00 … 17:30 = 35 starts a day, five days.
    expect(slots).toHaveLength(35 * 5);
    const last = DateTime.fromMillis(slots.at(-1)!.start, { zone: IST });
    expect(last.toFormat('ccc HH:mm')).toBe('Fri 17:30');
  });

  it('respects device buffers: the gait robot needs 10 minutes before and after', () => {
    const base = demo();
    const slots = availableSlots({ ...base, rules: gait });
    const monday = slots.filter((s) => s.start < local('2026-12-08T00:00')).map((s) => DateTime.fromMillis(s.start, { zone: IST }).toFormat('HH:mm'));
    expect(monday[0]).toBe('09:15'); // 09:10 setup fits only from a quarter past
    expect(monday.at(-1)).toBe('16:45'); // ends 17:45, cleaning until 17:55
    // A booking 10:00–11:00 blocks the robot 09:50–11:10: the next start needs setup from 11:20, so 11:30.
    const occupancy = new Map([['device:1', [{ start: local('2026-12-07T09:50'), end: local('2026-12-07T11:10') }]]]);
    const after = availableSlots({ ...base, occupancy, rules: gait }).map((s) => DateTime.fromMillis(s.start, { zone: IST }).toFormat('dd HH:mm'));
    expect(after).not.toContain('07 09:15');
    expect(after).not.toContain('07 11:00');
    expect(after).not.toContain('07 11:15');
    expect(after).toContain('07 11:30');
  });

  it('allocates distinct resources with a matching and balances practitioners by load', () => {
    const base = demo();
    const start = local('2026-12-07T10:00');
    const a = allocate({ ...base, rules: gait, start })!;
    expect(a.assignments.map((x) => x.resourceKey)).toEqual(['practitioner:2', 'device:1', 'room:1']);
    const balanced = allocate({ ...base, rules: gait, start, load: new Map([['practitioner:2', 120]]) })!;
    expect(balanced.assignments[0]!.resourceKey).toBe('practitioner:3');
    expect(allocate({ ...base, rules: gait, start: start + 5 * MIN })).toBeNull(); // off the 15-minute grid
    expect(allocate({ ...base, rules: gait, start: local('2026-12-04T13:00') })).toBeNull(); // inside the notice
  });

  it('finds a matching when one resource could fill several requirements', () => {
    // Requirement 0 accepts A or B, requirement 1 accepts only A: greedy would take A for 0 and fail.
    expect(matchRequirements([['A', 'B'], ['A']])).toEqual(['B', 'A']);
    expect(matchRequirements([['A'], ['A']])).toBeNull();
    expect(matchRequirements([['A', 'B', 'C'], ['A', 'B'], ['A']])).toEqual(['C', 'B', 'A']);
  });

  it('never offers starts beyond the horizon', () => {
    const base = demo();
    const rules = { ...exam, horizonDays: 3 };
    const slots = availableSlots({ ...base, rules });
    expect(Math.max(...slots.map((s) => s.start))).toBeLessThanOrEqual(base.now + 3 * 86_400_000);
  });
});

// ---------- properties ----------

const QUALS = ['a', 'b'];
const DAY = 86_400_000;
const T0 = local('2026-12-07T00:00');

const fiveMinutes = (maxSteps: number) => fc.integer({ min: 0, max: maxSteps }).map((n) => n * 5 * MIN);

const intervalArb = fc.tuple(fiveMinutes(2 * 24 * 12), fiveMinutes(36)).map(([offset, len]) => ({ start: T0 + offset, end: T0 + offset + len + 5 * MIN }));

const resourcesArb = fc
  .record({
    practitioners: fc.array(fc.subarray(QUALS, { minLength: 1 }), { minLength: 1, maxLength: 3 }),
    devices: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { minLength: 0, maxLength: 2 }),
    rooms: fc.integer({ min: 1, max: 2 }),
  })
  .map(({ practitioners, devices, rooms }) => {
    const out: Resource[] = [];
    practitioners.forEach((q, i) => out.push({ key: `practitioner:${i}`, type: 'practitioner', qualifications: q, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 }));
    devices.forEach(([b, a], i) => out.push({ key: `device:${i}`, type: 'device', qualifications: ['x'], bufferBeforeMinutes: b * 5, bufferAfterMinutes: a * 5 }));
    for (let i = 0; i < rooms; i++) out.push({ key: `room:${i}`, type: 'room', qualifications: ['r'], bufferBeforeMinutes: 0, bufferAfterMinutes: 5 });
    return out;
  });

const scenarioArb = resourcesArb.chain((resources) =>
  fc.record({
    resources: fc.constant(resources),
    availability: fc.tuple(...resources.map(() => fc.array(intervalArb, { maxLength: 4 }))),
    occupancy: fc.tuple(...resources.map(() => fc.array(intervalArb, { maxLength: 4 }))),
    useDevice: fc.boolean(),
    qualification: fc.constantFrom(...QUALS),
    duration: fc.constantFrom(15, 30, 45, 60),
    notice: fc.constantFrom(0, 60, 120),
    horizon: fc.constantFrom(1, 2, 60),
    nowOffset: fiveMinutes(24 * 12),
  }),
);

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function inputOf(s: Scenario): EngineInput {
  return {
    rules: {
      durationMinutes: s.duration,
      stepMinutes: 15,
      minNoticeMinutes: s.notice,
      horizonDays: s.horizon,
      requirements: [
        { type: 'practitioner', qualification: s.qualification },
        ...(s.useDevice ? [{ type: 'device' as const, qualification: 'x' }] : []),
        { type: 'room', qualification: 'r' },
      ],
    },
    window: { start: T0, end: T0 + 2 * DAY },
    resources: s.resources,
    availability: new Map(s.resources.map((r, i) => [r.key, s.availability[i]!])),
    occupancy: new Map(s.resources.map((r, i) => [r.key, s.occupancy[i]!])),
    now: T0 + s.nowOffset - 12 * 3_600_000,
    timeZone: IST,
  };
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let x = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('engine properties', () => {
  it('a proposed slot never overlaps an existing booking of any resource it allocates, and stays within hours, notice and horizon', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const input = inputOf(s);
        for (const slot of availableSlots(input)) {
          expect(slot.start).toBeGreaterThanOrEqual(input.now + input.rules.minNoticeMinutes * MIN);
          expect(slot.start).toBeLessThanOrEqual(input.now + input.rules.horizonDays * DAY);
          const allocation = allocate({ ...input, start: slot.start });
          expect(allocation).not.toBeNull();
          const keys = allocation!.assignments.map((a) => a.resourceKey);
          expect(new Set(keys).size).toBe(keys.length);
          for (const a of allocation!.assignments) {
            for (const busy of input.occupancy.get(a.resourceKey) ?? []) expect(overlaps(a.occupied, busy)).toBe(false);
            expect(covers(normalize(input.availability.get(a.resourceKey) ?? []), a.occupied.start, a.occupied.end)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('removing a booking never removes a slot', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s, pick) => {
        const input = inputOf(s);
        const withAll = availableSlots(input).map((x) => x.start);
        const keys = [...input.occupancy.keys()].filter((k) => (input.occupancy.get(k) ?? []).length > 0);
        if (keys.length === 0) return;
        const key = keys[pick % keys.length]!;
        const list = input.occupancy.get(key)!;
        const fewer = new Map(input.occupancy);
        fewer.set(key, list.filter((_, i) => i !== pick % list.length));
        const withFewer = new Set(availableSlots({ ...input, occupancy: fewer }).map((x) => x.start));
        for (const start of withAll) expect(withFewer.has(start)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('gives identical results for any input order', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 1_000_000 }), (s, seed) => {
        const input = inputOf(s);
        const reordered: EngineInput = {
          ...input,
          resources: shuffled(input.resources, seed),
          availability: new Map(shuffled([...input.availability.entries()], seed + 1).map(([k, v]) => [k, shuffled(v, seed + 2)])),
          occupancy: new Map(shuffled([...input.occupancy.entries()], seed + 3).map(([k, v]) => [k, shuffled(v, seed + 4)])),
        };
        expect(availableSlots(reordered)).toEqual(availableSlots(input));
        const first = availableSlots(input)[0];
        if (first) expect(allocate({ ...reordered, start: first.start })).toEqual(allocate({ ...input, start: first.start }));
      }),
      { numRuns: 100 },
    );
  });

  it('planStart allocates as allocate() does, and names as usable exactly the resources an allocation may use', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s, pick) => {
        const input = inputOf(s);
        const slots = availableSlots(input);
        const starts = [...slots.map((x) => x.start), input.window.start + 5 * 60_000];
        const start = starts[pick % starts.length]!;
        const plan = planStart({ ...input, start });
        const allocation = allocate({ ...input, start });
        expect(plan.allocate()).toEqual(allocation);
        if (allocation) for (const [i, a] of allocation.assignments.entries()) expect(plan.usable[i]).toContain(a.resourceKey);
      }),
      { numRuns: 100 },
    );
  });

  it('interval subtraction removes exactly what it should', () => {
    fc.assert(
      fc.property(fc.array(intervalArb, { maxLength: 6 }), fc.array(intervalArb, { maxLength: 6 }), fc.integer({ min: 0, max: 2 * 24 * 12 }), (a, b, k) => {
        const t = T0 + k * 5 * MIN;
        const inA = a.some((i) => i.start <= t && t < i.end);
        const inB = b.some((i) => i.start <= t && t < i.end);
        const result = subtract(normalize(a), normalize(b));
        expect(result.some((i: Interval) => i.start <= t && t < i.end)).toBe(inA && !inB);
      }),
    );
  });
});
