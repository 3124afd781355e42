// Availability benchmark, in process (no HTTP): the demo clinic with 2,000 future appointments, 14-day windows.
//
//   npm run bench:availability                     see bench/README.md
//
// Settings (environment):
//   BENCH_QUERIES=300        timed warm queries per service and phase (≥ 200 for a meaningful p99)
//   BENCH_COLD_QUERIES=40    cold queries per service and phase (each on a new BookingService: empty caches)
//   BENCH_FUTURE=2000        future appointments over the next ~60 days
//   BENCH_PAST=18000         appointments added outside the window (history) for the flatness check
//   BENCH_SEED=1             pseudo-random seed (same seed → same clinic, same appointments)
//   BENCH_KEEP=1             keep the temp folder (the SQLite file) and print where it is
//
// Run it with `node --cpu-prof --import tsx bench/availability.ts` to profile (the .cpuprofile lands in the cwd).
//
// Phases: (A) the seeded demo clinic plus BENCH_FUTURE appointments spread over the booking horizon, placed by the
// engine itself (real resources, buffers, hours, holidays; some cancelled); time BookingService.availability() for
// 14-day windows of the free examination and the robotic gait session, cold and warm, and the pure engine alone on
// the same data. (B) add BENCH_PAST appointments outside every measured window (two years of history) and time the
// very same queries again: the answer must be identical and the time flat.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database, type DatabaseHandle } from '../src/db/connect.ts';
import { prepareDatabase } from '../src/db/setup.ts';
import { BookingService } from '../src/features/booking/service.ts';
import * as repo from '../src/features/booking/repo.ts';
import {
  allocate,
  availableSlots,
  expandAvailability,
  type Interval,
  type Requirement,
  type Resource,
  type ResourceType,
  type ServiceRules,
} from '../src/features/booking/engine/index.ts';
import { SettingsService } from '../src/features/settings/service.ts';

// ---------- settings ----------

function positiveInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench:availability: ${name} must be a whole number ≥ ${min} (got "${raw}")`);
    process.exit(2);
  }
  return value;
}

const QUERIES = positiveInt('BENCH_QUERIES', 300);
const COLD_QUERIES = positiveInt('BENCH_COLD_QUERIES', 40);
const FUTURE = positiveInt('BENCH_FUTURE', 2000);
const PAST = positiveInt('BENCH_PAST', 18_000, 0);
const SEED = positiveInt('BENCH_SEED', 1);
const KEEP = process.env.BENCH_KEEP === '1';

/** DESIGN.md / issue 6: per availability query of 14 days, in process. */
const TARGET_P50_MS = 5;
const TARGET_P99_MS = 20;
const WINDOW_DAYS = 14;
/** Windows start on each of these many consecutive days (from tomorrow), so queries do not all hit the same days. */
const WINDOW_STARTS = 20;
const SERVICES = ['free-examination', 'robotic-gait'] as const;
const TIME_ZONE = 'Europe/Istanbul';
/** A fixed clock: Monday 2027-01-04 09:00 in Istanbul. Nothing here reads the real clock except the timers. */
const NOW = DateTime.fromISO('2027-01-04T09:00', { zone: TIME_ZONE }).toMillis();
const HORIZON_DAYS = 60;
const PAST_DAYS = 730;
const MINUTE = 60_000;
const CELL_MS = 5 * MINUTE;

/** How often each service is booked, relative (a rehabilitation clinic: mostly therapy sessions, some examinations). */
const SERVICE_MIX: Record<string, number> = {
  'free-examination': 18,
  'robotic-gait': 14,
  'upper-limb-robotics': 10,
  'robotic-tilt-table': 8,
  'manual-therapy': 16,
  'electrical-stimulation': 12,
  'hot-cold-therapy': 8,
  'exercise-program': 14,
};
const CANCELLED_SHARE = 0.08;

// ---------- small helpers ----------

/** mulberry32: a tiny deterministic PRNG, so every run builds the same clinic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface Stats {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1),
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '?');
const ms = (n: number) => fmt(n, 2);

// ---------- temp folder, removed on every exit ----------

let tempDir: string | undefined;
function cleanup(): void {
  if (tempDir && !KEEP) rmSync(tempDir, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\nbench:availability: ${signal} — removing ${tempDir ?? 'the temp folder'}`);
    process.exit(130);
  });
}

// ---------- the clinic as the engine sees it ----------

interface ServiceSetup {
  id: number;
  key: string;
  rules: ServiceRules;
  resources: Resource[];
}

interface Clinic {
  services: ServiceSetup[];
  resources: Map<string, Resource>;
  /** Per local day index (0 = the day of NOW), each resource's working intervals that day. */
  hoursByDay: Map<number, Map<string, Interval[]>>;
}

const dayStarts = new Map<number, number>();
function dayStartOf(index: number): number {
  let start = dayStarts.get(index);
  if (start === undefined) {
    start = DateTime.fromMillis(NOW, { zone: TIME_ZONE }).startOf('day').plus({ days: index }).toMillis();
    dayStarts.set(index, start);
  }
  return start;
}
const dateOf = (index: number) => DateTime.fromMillis(NOW, { zone: TIME_ZONE }).startOf('day').plus({ days: index }).toISODate()!;

/** Reads services, resources, hours and holidays through the booking repository (the loaders the service uses). */
async function loadClinic(db: Database, firstDay: number, lastDay: number): Promise<Clinic> {
  const services: ServiceSetup[] = [];
  const all = new Map<string, Resource>();
  for (const key of Object.keys(SERVICE_MIX)) {
    const service = await repo.findService(db, key);
    if (!service) throw new Error(`the demo clinic has no service ${key}`);
    const requirements: Requirement[] = (await repo.serviceRequirements(db, service.id)).map((r) => ({ type: r.resource_type as ResourceType, qualification: r.qualification }));
    const wanted = (type: ResourceType) => [...new Set(requirements.filter((r) => r.type === type).map((r) => r.qualification))];
    const resources: Resource[] = [
      ...(await repo.practitionersWith(db, wanted('practitioner'))).map((p) => ({ key: `practitioner:${p.id}`, type: 'practitioner' as const, qualifications: p.qualifications, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 })),
      ...(await repo.devicesOfKinds(db, wanted('device'))).map((d) => ({ key: `device:${d.id}`, type: 'device' as const, qualifications: [d.kind], bufferBeforeMinutes: d.setup_minutes, bufferAfterMinutes: d.cleanup_minutes })),
      ...(await repo.roomsOfKinds(db, wanted('room'))).map((r) => ({ key: `room:${r.id}`, type: 'room' as const, qualifications: [r.kind], bufferBeforeMinutes: r.buffer_before_minutes, bufferAfterMinutes: r.buffer_after_minutes })),
    ];
    for (const r of resources) all.set(r.key, r);
    services.push({
      id: service.id,
      key,
      resources,
      rules: { durationMinutes: service.durationMinutes, stepMinutes: service.stepMinutes, minNoticeMinutes: 0, horizonDays: 100_000, requirements },
    });
  }
  const keys = [...all.keys()];
  const hours = await repo.resourceHours(db, keys);
  const holidays = (await repo.holidaysBetween(db, dateOf(firstDay), dateOf(lastDay))).map((h) => ({ date: h.date, startsAt: h.starts_at }));
  const hoursByDay = new Map<number, Map<string, Interval[]>>();
  for (let d = firstDay; d <= lastDay; d++) {
    const window = { start: dayStartOf(d), end: dayStartOf(d + 1) };
    const perResource = new Map<string, Interval[]>();
    for (const key of keys) {
      const weekly = hours.filter((h) => h.resource_key === key).map((h) => ({ day: h.day, opens: h.opens, closes: h.closes }));
      perResource.set(key, expandAvailability(weekly, [], holidays, window, TIME_ZONE));
    }
    hoursByDay.set(d, perResource);
  }
  return { services, resources: all, hoursByDay };
}

// ---------- appointments, placed by the engine, written through the database ----------

interface Placed {
  service: ServiceSetup;
  start: number;
  end: number;
  status: string;
  assignments: Array<{ key: string; occupied: Interval }>;
}

/** Places `count` appointments on random free starts of days firstDay..lastDay, each allocated by the engine. */
function place(clinic: Clinic, count: number, firstDay: number, lastDay: number, status: (start: number) => string): Placed[] {
  const occupiedByDay = new Map<number, Map<string, Interval[]>>();
  const mix = Object.entries(SERVICE_MIX).flatMap(([key, weight]) => Array<string>(weight).fill(key));
  const placed: Placed[] = [];
  let attempts = 0;
  while (placed.length < count) {
    if (++attempts > count * 40) throw new Error(`could place only ${placed.length} of ${count} appointments on days ${firstDay}..${lastDay}: the clinic is full`);
    const wanted = pick(mix);
    const service = clinic.services.find((s) => s.key === wanted)!;
    const day = firstDay + Math.floor(random() * (lastDay - firstDay + 1));
    const dayStart = dayStartOf(day);
    // Working hours are 09:00–18:00: draw a start on the service's step grid between 08:00 and 18:00.
    const steps = Math.floor((10 * 60) / service.rules.stepMinutes);
    const start = dayStart + 8 * 60 * MINUTE + Math.floor(random() * steps) * service.rules.stepMinutes * MINUTE;
    const occupancy = occupiedByDay.get(day) ?? new Map<string, Interval[]>();
    const load = new Map(service.resources.map((r) => [r.key, random()]));
    const allocation = allocate({
      rules: service.rules,
      window: { start: dayStart, end: dayStartOf(day + 1) },
      resources: service.resources,
      availability: clinic.hoursByDay.get(day)!,
      occupancy,
      now: start - MINUTE,
      timeZone: TIME_ZONE,
      start,
      load,
    });
    if (!allocation) continue;
    const s = random() < CANCELLED_SHARE ? 'cancelled' : status(start);
    if (s !== 'cancelled') {
      for (const a of allocation.assignments) occupancy.set(a.resourceKey, [...(occupancy.get(a.resourceKey) ?? []), a.occupied]);
      occupiedByDay.set(day, occupancy);
    }
    placed.push({ service, start: allocation.start, end: allocation.end, status: s, assignments: allocation.assignments.map((a) => ({ key: a.resourceKey, occupied: a.occupied })) });
  }
  return placed;
}

async function insertAppointments(db: Database, placed: Placed[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // A pool of patients, each with several sessions, as in a rehabilitation clinic.
    const patientCount = Math.max(1, Math.ceil(placed.length / 6));
    const patientIds: number[] = [];
    for (let i = 0; i < patientCount; i += 500) {
      const rows = Array.from({ length: Math.min(500, patientCount - i) }, (_, j) => ({
        full_name: `Hasta ${i + j}`,
        phone: `+90532${String(1_000_000 + ((i + j) % 9_000_000)).padStart(7, '0')}`,
        email: null,
        locale: 'tr' as const,
        created_at: NOW,
        updated_at: NOW,
      }));
      patientIds.push(...(await tx.insertInto('patients').values(rows).returning('id').execute()).map((r) => r.id));
    }
    for (let i = 0; i < placed.length; i += 500) {
      const batch = placed.slice(i, i + 500);
      const ids = await tx
        .insertInto('appointments')
        .values(
          batch.map((p) => ({
            service_id: p.service.id,
            patient_id: pick(patientIds),
            status: p.status,
            starts_at: p.start,
            ends_at: p.end,
            source: random() < 0.3 ? 'online' : 'staff',
            locale: 'tr' as const,
            manage_token_hash: randomBytes(16).toString('hex'),
            cancel_reason: null,
            cancelled_by: p.status === 'cancelled' ? 'clinic' : null,
            created_at: NOW,
            updated_at: NOW,
          })),
        )
        .returning('id')
        .execute();
      const resources = batch.flatMap((p, j) => p.assignments.map((a) => ({ appointment_id: ids[j]!.id, resource_key: a.key, occupied_start: a.occupied.start, occupied_end: a.occupied.end })));
      for (let k = 0; k < resources.length; k += 1000) await tx.insertInto('appointment_resources').values(resources.slice(k, k + 1000)).execute();
      const cells = batch.flatMap((p, j) =>
        p.status === 'cancelled'
          ? []
          : p.assignments.flatMap((a) => {
              const out: Array<{ resource_key: string; cell: number; appointment_id: number }> = [];
              for (let cell = a.occupied.start; cell < a.occupied.end; cell += CELL_MS) out.push({ resource_key: a.key, cell, appointment_id: ids[j]!.id });
              return out;
            }),
      );
      for (let k = 0; k < cells.length; k += 1000) await tx.insertInto('occupancy').values(cells.slice(k, k + 1000)).execute();
    }
  });
}

// ---------- measuring ----------

interface Query {
  service: string;
  from: string;
  to: string;
}

function windows(service: string): Query[] {
  return Array.from({ length: WINDOW_STARTS }, (_, i) => ({ service, from: dateOf(1 + i), to: dateOf(i + WINDOW_DAYS) }));
}

type Deps = ConstructorParameters<typeof BookingService>[0];

/** One database to measure: A = the clinic with its future appointments; B = the same plus the history. */
interface Phase {
  label: string;
  db: Database;
  deps: Deps;
  counts: { inside: number; outside: number };
}

interface Measured {
  cold: number[];
  warm: number[];
  engine: number[];
  slots: Map<string, number>;
}

async function timeQuery(booking: BookingService, q: Query): Promise<{ ms: number; slots: number }> {
  const t0 = performance.now();
  const result = await booking.availability(q, { onlineOnly: false, now: NOW });
  return { ms: performance.now() - t0, slots: result.slots.length };
}

type Scene = Parameters<typeof availableSlots>[0];

/** The engine alone on the same inputs: scenes loaded once through the repository functions, then availableSlots(). */
async function engineScenes(db: Database, clinic: Clinic, service: string): Promise<Scene[]> {
  const setup = clinic.services.find((s) => s.key === service)!;
  const real = (await repo.findService(db, service))!;
  // The service's own notice and horizon (placing the appointments ignored them).
  const rules = { ...setup.rules, minNoticeMinutes: real.minNoticeMinutes, horizonDays: real.horizonDays };
  const keys = setup.resources.map((r) => r.key);
  const hours = await repo.resourceHours(db, keys);
  const scenes: Scene[] = [];
  for (let i = 0; i < WINDOW_STARTS; i++) {
    const window = { start: dayStartOf(1 + i), end: dayStartOf(1 + i + WINDOW_DAYS) };
    const load = { start: dayStartOf(i), end: dayStartOf(2 + i + WINDOW_DAYS) };
    const holidays = (await repo.holidaysBetween(db, dateOf(i), dateOf(2 + i + WINDOW_DAYS))).map((h) => ({ date: h.date, startsAt: h.starts_at }));
    const occupied = await repo.occupiedIntervals(db, keys, load.start, load.end, 24 * 60 * MINUTE);
    const availability = new Map<string, Interval[]>();
    for (const key of keys) {
      const weekly = hours.filter((h) => h.resource_key === key).map((h) => ({ day: h.day, opens: h.opens, closes: h.closes }));
      availability.set(key, expandAvailability(weekly, [], holidays, load, TIME_ZONE));
    }
    const occupancy = new Map<string, Interval[]>();
    for (const o of occupied) occupancy.set(o.resource_key, [...(occupancy.get(o.resource_key) ?? []), { start: o.occupied_start, end: o.occupied_end }]);
    scenes.push({ rules, window, resources: setup.resources, availability, occupancy, now: NOW, timeZone: TIME_ZONE });
  }
  return scenes;
}

/** Appointments starting on the days some measured window covers, and all the others. */
async function countInWindows(db: Database): Promise<{ inside: number; outside: number }> {
  const from = dayStartOf(1);
  const to = dayStartOf(WINDOW_STARTS + WINDOW_DAYS);
  const all = await db.selectFrom('appointments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const inside = await db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .executeTakeFirstOrThrow();
  return { inside: Number(inside.n), outside: Number(all.n) - Number(inside.n) };
}

/**
 * Measures one service on every phase, query by query in turn (A, B, A, B, …), so that load from other processes on
 * this shared machine disturbs both phases alike and the comparison between them stays fair.
 */
async function measure(phases: Phase[], clinic: Clinic, service: string): Promise<Map<string, Measured>> {
  const qs = windows(service);
  const out = new Map<string, Measured>(phases.map((p) => [p.label, { cold: [], warm: [], engine: [], slots: new Map() }]));
  const warmServices = new Map<string, BookingService>();
  const scenes = new Map<string, Scene[]>();
  // Cold first: a new BookingService per query (its caches empty).
  for (let i = 0; i < COLD_QUERIES; i++) {
    for (const p of phases) out.get(p.label)!.cold.push((await timeQuery(new BookingService(p.deps), qs[i % qs.length]!)).ms);
  }
  for (const p of phases) {
    const booking = new BookingService(p.deps);
    warmServices.set(p.label, booking);
    // One untimed pass over the windows; it also records the answers, to compare across phases and with the engine.
    for (const q of qs) out.get(p.label)!.slots.set(q.from, (await timeQuery(booking, q)).slots);
    const list = await engineScenes(p.db, clinic, service);
    scenes.set(p.label, list);
    list.forEach((scene, i) => {
      const n = availableSlots(scene).length;
      const expected = out.get(p.label)!.slots.get(qs[i]!.from);
      if (n !== expected) throw new Error(`the engine alone found ${n} slots for ${service} from ${qs[i]!.from}, BookingService ${expected}`);
    });
  }
  for (let i = 0; i < QUERIES; i++) {
    for (const p of phases) out.get(p.label)!.warm.push((await timeQuery(warmServices.get(p.label)!, qs[i % qs.length]!)).ms);
  }
  for (let i = 0; i < QUERIES; i++) {
    for (const p of phases) {
      const scene = scenes.get(p.label)![i % WINDOW_STARTS]!;
      const t0 = performance.now();
      availableSlots(scene);
      out.get(p.label)!.engine.push(performance.now() - t0);
    }
  }
  return out;
}

// ---------- main ----------

const handles: DatabaseHandle[] = [];

async function openPhase(label: string, file: string): Promise<Phase> {
  const handle = openDatabase({ engine: 'sqlite', file });
  handles.push(handle);
  const settings = new SettingsService(handle.db);
  await settings.load();
  const deps: Deps = { db: handle.db, config: loadConfig(configEnv(file)), settings: () => settings.current, now: () => NOW };
  return { label, db: handle.db, deps, counts: { inside: 0, outside: 0 } };
}

function configEnv(file: string): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: file,
    DATA_DIR: tempDir!,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    LOG_LEVEL: 'silent',
    CLINIC_TIMEZONE: TIME_ZONE,
  };
}

async function main(): Promise<void> {
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'rehab-bench-availability-'));
  console.log(
    `bench:availability — ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model.trim() ?? ''}, Node ${process.version}, ${new Date().toISOString()}, ` +
      `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
  console.log(
    `demo clinic on temp SQLite files in ${tempDir}; clock fixed at ${DateTime.fromMillis(NOW, { zone: TIME_ZONE }).toISO()}; ` +
      `${WINDOW_DAYS}-day windows starting on ${WINDOW_STARTS} consecutive days; ${fmt(QUERIES)} warm and ${fmt(COLD_QUERIES)} cold queries per row`,
  );
  const fileA = path.join(tempDir, 'clinic.sqlite');
  const fileB = path.join(tempDir, 'clinic-with-history.sqlite');

  let t0 = performance.now();
  const prepared = await prepareDatabase(loadConfig(configEnv(fileA)), { now: NOW });
  const clinic = await loadClinic(prepared.handle.db, -PAST_DAYS - 1, HORIZON_DAYS + 1);
  console.log(`migrated and seeded in ${fmt(performance.now() - t0)} ms`);
  t0 = performance.now();
  const future = place(clinic, FUTURE, 1, HORIZON_DAYS, () => (random() < 0.5 ? 'confirmed' : 'requested'));
  await insertAppointments(prepared.handle.db, future);
  await prepared.handle.close(); // checkpoints the WAL into the file, so that it can be copied
  console.log(`A: ${fmt(FUTURE)} future appointments over days 1–${HORIZON_DAYS}, placed by the engine and written in ${fmt(performance.now() - t0)} ms`);

  const phases = [await openPhase('A', fileA)];
  if (PAST > 0) {
    t0 = performance.now();
    copyFileSync(fileA, fileB);
    const b = await openPhase('B', fileB);
    const past = place(clinic, PAST, -PAST_DAYS, -1, () => (random() < 0.05 ? 'no_show' : 'completed'));
    await insertAppointments(b.db, past);
    phases.push(b);
    console.log(`B: a copy of A plus ${fmt(PAST)} appointments over the past ${PAST_DAYS} days (outside every window), written in ${fmt(performance.now() - t0)} ms`);
  }
  for (const p of phases) p.counts = await countInWindows(p.db);

  const results = new Map<string, Map<string, Measured>>();
  for (const service of SERVICES) results.set(service, await measure(phases, clinic, service));

  const rows: string[][] = [];
  for (const service of SERVICES) {
    for (const kind of ['cold', 'warm', 'engine'] as const) {
      for (const p of phases) {
        const s = stats(results.get(service)!.get(p.label)![kind]);
        rows.push([
          `${service}, ${kind === 'engine' ? 'engine only' : kind}`,
          p.label,
          fmt(p.counts.inside),
          fmt(p.counts.outside),
          fmt(s.n),
          ms(s.p50),
          ms(s.p90),
          ms(s.p99),
          ms(s.max),
        ]);
      }
    }
  }
  console.log(
    '\n' +
      table(['query (14 days)', 'db', 'appts on window days', 'appts elsewhere', 'queries', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'], rows) +
      `\n\nappts on window days: appointments starting on days 1–${WINDOW_STARTS + WINDOW_DAYS - 1}, the days the ${WINDOW_STARTS} windows cover ` +
      `(each window holds about ${WINDOW_DAYS}/${WINDOW_STARTS + WINDOW_DAYS - 1} of them).\n` +
      'cold = a new BookingService per query (no cached set-up or expansions); warm = one BookingService, after one pass over the windows; ' +
      'engine only = availableSlots() on scenes loaded through the same repository functions. Phases are measured query by query in turn.',
  );

  for (const service of SERVICES) {
    const m = results.get(service)!;
    const a = m.get('A')!;
    const counts = [...a.slots.values()];
    console.log(`${service}: ${fmt(Math.min(...counts))}–${fmt(Math.max(...counts))} free starts per window`);
    const b = m.get('B');
    if (b) for (const [from, n] of a.slots) if (b.slots.get(from) !== n) throw new Error(`${service} from ${from}: ${n} free starts in A, ${b.slots.get(from)} in B`);
  }
  console.log(`\nDESIGN.md target: 14 days, 2,000 future appointments: p50 < ${TARGET_P50_MS} ms, p99 < ${TARGET_P99_MS} ms in process; cost grows with the bookings inside the window only.`);
  for (const service of SERVICES) {
    const m = results.get(service)!;
    const warm = stats(m.get('A')!.warm);
    const cold = stats(m.get('A')!.cold);
    const ok = warm.p50 < TARGET_P50_MS && warm.p99 < TARGET_P99_MS;
    console.log(`${service}: warm p50 ${ms(warm.p50)} ms, p99 ${ms(warm.p99)} ms; cold p50 ${ms(cold.p50)} ms, p99 ${ms(cold.p99)} ms — ${ok ? 'MEETS' : 'MISSES'} the target (warm)`);
    const b = m.get('B');
    if (b) {
      const [pa, pb] = [phases[0]!, phases[1]!];
      console.log(
        `  ${fmt(pb.counts.outside)} instead of ${fmt(pa.counts.outside)} appointments outside the windows: ` +
          `warm p50 ×${fmt(stats(b.warm).p50 / warm.p50, 2)}, cold p50 ×${fmt(stats(b.cold).p50 / cold.p50, 2)}, engine p50 ×${fmt(stats(b.engine).p50 / stats(m.get('A')!.engine).p50, 2)}; ` +
          'the same free starts in every window (checked)',
      );
    }
  }
  console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} CPUs, shared with whatever else runs)`);
  if (KEEP) console.log(`kept: ${tempDir}`);
}

async function closeAll(): Promise<void> {
  for (const h of handles) await h.close().catch(() => undefined);
}

main().then(
  async () => {
    await closeAll();
    process.exit(0);
  },
  async (err: unknown) => {
    console.error('bench:availability failed:', err instanceof Error ? err.stack : err);
    await closeAll();
    process.exit(1);
  },
);
