// Booking rules and transactions: availability for a window, a booking with every guard in one transaction (the
// occupancy primary key is what makes double-booking impossible), manage links, legal texts and the staff list.
import { createCipheriv, createDecipheriv, createHash, createHmac, createSecretKey, randomFillSync, type KeyObject } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Config } from '../../config.ts';
import type { Database, DbOrTx, Tx } from '../../db/connect.ts';
import type { Locale } from '../../db/schema.ts';
import { Conflict, Forbidden, Invalid, NotFound, SlotTaken, TooManyRequests, Unavailable } from '../../errors.ts';
import { isLocale, translator, type Translate } from '../../i18n/index.ts';
import * as audit from '../audit/service.ts';
import { whatsappOptedIn, withdrawWhatsAppConsent } from '../notifications/service.ts';
import type { ClinicSettings } from '../settings/schema.ts';
import { can, type Action } from '../staff/permissions.ts';
import { ipBucket, type Signed } from '../staff/service.ts';
import {
  allocate,
  availableSlots,
  expandAvailability,
  localDays,
  planStart,
  onStepGrid,
  type Allocation,
  type CalendarException,
  type Holiday,
  type Interval,
  type Requirement,
  type Resource,
  type ResourceType,
  type ServiceRules,
  type Slot,
  type StartPlan,
  type WeeklyInterval,
} from './engine/index.ts';
import {
  appointmentListQuery,
  availabilityQuery,
  bookingFieldMessages,
  bookingInput,
  cancelInput,
  isoInstant,
  type IntakeAnswers,
  type ParsedBooking,
} from './input.ts';
import { AppointmentEvents } from './events.ts';
import * as repo from './repo.ts';
import type { ServiceRecord } from './repo.ts';
import { toIsoInZone } from './zone-time.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Occupancy is kept in 5-minute cells; every duration, buffer and step must be a multiple of it. */
export const CELL_MS = 5 * MINUTE;
/** How far before a window occupied intervals are looked for; no session plus buffers may be this long. */
const LOOKBACK_MS = DAY;
export const MAX_RANGE_DAYS = 31;
const ALTERNATIVE_COUNT = 5;
const ALTERNATIVE_SEARCH_DAYS = 14;
/** One try and up to three retries (serialization failure, deadlock, or a lost race for one of several free resources). */
const MAX_ATTEMPTS = 4;
/** Load windows whose expanded working intervals are kept per set-up version; cleared when full. */
const EXPANSION_MEMO_SIZE = 2_000;

export const appointmentStatuses = ['requested', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
const changeableStatuses: readonly string[] = ['requested', 'confirmed'];

export type LegalTextKind = 'kvkk-notice' | 'health-consent';

export interface BookableService {
  slug: string;
  name: string;
  durationMinutes: number;
}

export interface AvailabilityResult {
  timeZone: string;
  slots: Slot[];
}

/** The JSON body of a successful booking, as first answered and as replayed for the same Idempotency-Key. */
export interface BookingConfirmation {
  id: number;
  status: AppointmentStatus;
  start: string;
  end: string;
  manageUrl: string;
}

export interface BookingOutcome {
  statusCode: 201;
  body: BookingConfirmation;
  /** The secret manage token (also inside manageUrl); shown to the visitor, never stored in clear. */
  manageToken: string;
  appointment: { id: number; status: AppointmentStatus; serviceKey: string; start: number; end: number; locale: Locale };
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

export interface BookingContext {
  idempotencyKey?: string | undefined;
  ip: string;
  now?: number | undefined;
  /** Language for field messages when the body names none (or an invalid one). */
  locale?: Locale | undefined;
}

export interface ManagedAppointment {
  id: number;
  status: AppointmentStatus;
  service: { slug: string; name: string };
  start: number;
  end: number;
  locale: Locale;
  /** Whether the visitor may still cancel or move it online. */
  canChange: boolean;
  /** The cut-off: changes are allowed before this instant. */
  changeUntil: number;
  /** Whether the patient gets appointment messages on WhatsApp (only when asked for: findByManageToken's `whatsapp`). */
  whatsappOn?: boolean;
}

export interface ManageContext {
  ip?: string | undefined;
  now?: number | undefined;
  locale?: Locale | undefined;
}

export interface LegalText {
  kind: LegalTextKind;
  locale: Locale;
  version: number;
  bodyMd: string;
}

export interface AppointmentListItem {
  id: number;
  start: number;
  end: number;
  status: AppointmentStatus;
  source: string;
  service: { slug: string; name: string };
  patient: { name: string; phone: string };
  createdAt: number;
}

export interface AppointmentListQuery {
  from: string;
  to: string;
  status?: AppointmentStatus | undefined;
  serviceKey?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface OnBehalfBooking {
  serviceKey: string;
  start: number;
  patient: { id: number } | { name: string; phone: string; email?: string | undefined; locale: Locale };
  /** A manual override: exactly these resource keys ("practitioner:3", …), one per requirement. */
  resources?: readonly string[] | undefined;
  source: 'phone' | 'waitlist';
  by: 'clinic' | 'patient';
  /**
   * The KVKK information notice the patient was given (required): for source "phone" what the front desk told the caller
   * (recorded as the notice's current version in the patient's language); for source "waitlist" the notice the offer
   * page showed (`shown`: that page's language and version, which must still be current). Plus whether they asked for
   * WhatsApp messages. No health-data consent: no intake is taken on these paths.
   */
  consent?: { kvkkNotice: boolean; whatsapp?: boolean | undefined; shown?: { locale: Locale; version: number } | undefined } | undefined;
  staffId?: number | undefined;
  actor: audit.AuditEntry['actor'];
  idempotencyKey?: string | undefined;
  ip?: string | null | undefined;
  locale?: Locale | undefined;
  now?: number | undefined;
  within?: ((tx: Tx, appointmentId: number) => Promise<void>) | undefined;
}

export interface OnBehalfResult {
  id: number;
  status: AppointmentStatus;
  start: number;
  end: number;
  patientId: number;
  replayed: boolean;
}

/** What the front desk sends to move (and resize) an appointment: ISO 8601 instants, optional resource keys. */
export interface StaffMoveInput {
  start: unknown;
  end?: unknown;
  resources?: unknown[] | undefined;
}

export interface StaffMoveResult {
  id: number;
  status: AppointmentStatus;
  start: number;
  end: number;
  resources: string[];
}

/** Same Idempotency-Key, different request: refused, never replayed. */
export class IdempotencyKeyReused extends Invalid {
  constructor(message: string) {
    super({ 'Idempotency-Key': message }, 'Idempotency key reused');
  }
}

/** The honeypot field was filled: a generic refusal that tells a bot nothing. */
export class BookingRefused extends Invalid {
  constructor(message: string) {
    super({ _: message }, 'Request refused');
  }
}

/** Inside a transaction: the slot cannot be had any more (alternatives are computed after the rollback). */
class SlotLost extends Error {}

interface Scene {
  rules: ServiceRules;
  resources: Resource[];
  availability: Map<string, Interval[]>;
  occupancy: Map<string, Interval[]>;
}

/**
 * The clinic's set-up as of one stamp (repo.findServiceWithStamp): requirements, candidate resources with their
 * buffers, weekly hours, exceptions and holidays. They change only through the back office, whose every change bumps
 * the shared content version in the same transaction, and the stamp also spells out every resource's buffers and
 * qualifications; each query reads the stamp with its service row (inside the booking's transaction), so a stale
 * set-up is never used, on any instance. Service rows (duration, step, notice, horizon) are read fresh every time.
 */
interface Setup {
  stamp: string;
  /** Per service id, as stored (resource types are checked when a service is used). */
  requirements: Map<number, Array<{ type: string; qualification: string }>>;
  hours: Map<string, WeeklyInterval[]>;
  exceptions: Map<string, CalendarException[]>;
  holidays: Holiday[];
  /** Per service id: the resources that could serve it. */
  candidates: Map<number, Resource[]>;
  /** expandAvailability() results by time zone and load window, then by resource. */
  expansions: Map<string, Map<string, Interval[]>>;
}

type StampedService = ServiceRecord & { setupStamp: string };

/** At most this many bookings share one SQLite transaction (see CommitGroups). */
const MAX_GROUP = 64;

interface PendingWrite {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit, for SQLite. better-sqlite3 runs synchronously, and with synchronous=FULL each COMMIT waits for the
 * disk: one booking per transaction would cap bookings at the disk's commit rate and stall the event loop on every
 * fsync. So bookings that arrive together (in the same turn of the event loop) share one BEGIN IMMEDIATE … COMMIT, each
 * inside its own savepoint: a booking that fails for any reason (slot lost, invalid, an error) rolls back to its
 * savepoint and takes nothing, and the others go on; a later booking sees the earlier ones' rows, as it would after
 * their commit. Nobody hears "booked" before that COMMIT has returned, so a 201 still means durable; if the COMMIT
 * fails, every booking of the group fails with it. The occupancy primary key stays the arbiter.
 */
class CommitGroups {
  readonly #db: Database;
  readonly #queue: PendingWrite[] = [];
  #scheduled = false;
  #running = false;

  constructor(db: Database) {
    this.#db = db;
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  /** After the current turn's I/O: every request read in this turn has queued its booking by then. */
  #schedule(): void {
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    setImmediate(() => void this.#drain());
  }

  async #drain(): Promise<void> {
    this.#scheduled = false;
    this.#running = true;
    try {
      while (this.#queue.length) await this.#runGroup(this.#queue.splice(0, MAX_GROUP));
    } finally {
      this.#running = false;
      if (this.#queue.length) this.#schedule();
    }
  }

  async #runGroup(group: PendingWrite[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.#db.transaction().execute(async (tx) => {
        for (const item of group) {
          await repo.savepoint(tx, 'booking');
          try {
            const value = await item.work(tx);
            await repo.releaseSavepoint(tx, 'booking');
            outcomes.push({ ok: true, value });
          } catch (error) {
            // Fails (and so fails the group) when SQLite has already rolled the whole transaction back.
            await repo.rollbackToSavepoint(tx, 'booking');
            await repo.releaseSavepoint(tx, 'booking');
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      group.forEach((item, i) => {
        const own = outcomes[i];
        item.reject(own && !own.ok ? own.error : error);
      });
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}

export interface BookingServiceDeps {
  db: Database;
  config: Config;
  settings: () => ClinicSettings;
  now: () => number;
}

function asStatus(value: string): AppointmentStatus {
  return (appointmentStatuses as readonly string[]).includes(value) ? (value as AppointmentStatus) : 'requested';
}

function dbErrorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

/** A unique (or exclusion) violation on the occupancy table: another booking holds one of the cells. */
function isOccupancyConflict(err: unknown): boolean {
  const code = dbErrorCode(err);
  if (code === '23505' || code === '23P01') {
    const e = err as { table?: string; constraint?: string };
    return e.table === 'occupancy' || (e.constraint ?? '').startsWith('occupancy');
  }
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') return String((err as Error).message).includes('occupancy.');
  return false;
}

/** Serialization failures and deadlocks (PostgreSQL), a busy database file (SQLite): the whole transaction is retried. */
function isRetryable(err: unknown): boolean {
  const code = dbErrorCode(err);
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY';
}

/**
 * Random bytes for manage tokens and seal IVs, taken from a pool refilled by the CSPRNG 4 KB at a time (one
 * randomFillSync per ~90 bookings instead of two per booking); every byte is handed out once.
 */
const randomPool = Buffer.alloc(4096);
let randomOffset = randomPool.length;
function randomBytes(size: number): Buffer {
  if (randomOffset + size > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const out = Buffer.from(randomPool.subarray(randomOffset, randomOffset + size));
  randomOffset += size;
  return out;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function requireMultipleOfCell(what: string, minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 0 || (minutes * MINUTE) % CELL_MS !== 0) {
    throw new Error(`booking: ${what} is ${minutes} minutes — durations, buffers and steps must be whole multiples of 5 minutes`);
  }
}

export class BookingService {
  readonly #db: Database;
  readonly #config: Config;
  readonly #settings: () => ClinicSettings;
  readonly #now: () => number;
  readonly #sealKey: Buffer;
  /** SESSION_SECRET as a key object: HMACs with it skip preparing the key each time. */
  readonly #secretKey: KeyObject;
  #setup: Setup | undefined;
  readonly #dates = new Map<string, Interval>();
  /** The set-up stamp read inside each commit group's transaction (see #bookInTransaction). */
  readonly #groupStamps = new WeakMap<Tx, string>();
  /**
   * Per commit group: minutes booked per resource and local day (by the day's start), for the resources whose load a
   * booking of the group has looked up, kept up to date with the group's own bookings. Exact: while the group's
   * transaction holds SQLite's write lock nothing else writes, so the next booking of the group need not count again.
   */
  readonly #groupLoads = new WeakMap<Tx, Map<number, Map<string, number>>>();
  /** SQLite: bookings share commits (see CommitGroups). PostgreSQL: a transaction each, as concurrent as the pool. */
  readonly #groups: CommitGroups | undefined;
  /** Every appointment change is emitted here inside its transaction (notifications, waitlist listen). */
  readonly events = new AppointmentEvents();

  constructor(deps: BookingServiceDeps) {
    this.#db = deps.db;
    this.#config = deps.config;
    this.#settings = deps.settings;
    this.#now = deps.now;
    this.#sealKey = createHmac('sha256', deps.config.sessionSecret).update('booking:idempotency-seal').digest();
    this.#secretKey = createSecretKey(Buffer.from(deps.config.sessionSecret, 'utf8'));
    this.#groups = deps.config.database.engine === 'sqlite' ? new CommitGroups(deps.db) : undefined;
  }

  get timeZone(): string {
    return this.#settings().timeZone;
  }

  #translate(locale: Locale | undefined): Translate {
    return translator(locale ?? this.#settings().defaultLocale);
  }

  // ---------- services and availability ----------

  /** Services visitors may book online, in the given language. */
  async listServices(locale: Locale): Promise<BookableService[]> {
    const rows = await repo.listOnlineServices(this.#db, locale);
    return rows.map((r) => ({ slug: r.key, name: r.name, durationMinutes: r.durationMinutes }));
  }

  /**
   * Free starts for a service between two local dates (inclusive, at most 31 days), in the clinic's zone.
   * Public callers see online-bookable services only; staff screens may pass onlineOnly: false.
   */
  async availability(
    query: { service: string; from: string; to: string },
    options: { locale?: Locale | undefined; onlineOnly?: boolean; now?: number | undefined } = {},
  ): Promise<AvailabilityResult> {
    const t = this.#translate(options.locale);
    const parsed = availabilityQuery.safeParse(query);
    if (!parsed.success) throw new Invalid(bookingFieldMessages(parsed.error, t));
    const timeZone = this.timeZone;
    // Calendar days between the two dates (both YYYY-MM-DD, read as UTC midnights: no zone rules involved).
    if (Math.round((Date.parse(parsed.data.to) - Date.parse(parsed.data.from)) / DAY) >= MAX_RANGE_DAYS) {
      throw new Invalid({ to: t('booking.error.rangeTooLong', { days: MAX_RANGE_DAYS }) });
    }
    const service = await repo.findServiceWithStamp(this.#db, { key: parsed.data.service });
    if (!service || (options.onlineOnly !== false && !service.onlineBooking)) throw new Invalid({ service: t('booking.error.service') });
    const window = { start: this.#localDate(parsed.data.from, timeZone).start, end: this.#localDate(parsed.data.to, timeZone).end };
    const scene = await this.#loadScene(this.#db, service, window, timeZone);
    const slots = availableSlots({ ...scene, window, now: options.now ?? this.#now(), timeZone });
    return { timeZone, slots };
  }

  /** [start, end) of a local calendar date (YYYY-MM-DD) in the zone; memoized, since dates never move. */
  #localDate(date: string, timeZone: string): Interval {
    const key = `${timeZone}|${date}`;
    let bounds = this.#dates.get(key);
    if (!bounds) {
      const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
      bounds = { start: start.toMillis(), end: start.plus({ days: 1 }).startOf('day').toMillis() };
      if (this.#dates.size >= 5000) this.#dates.clear();
      this.#dates.set(key, bounds);
    }
    return bounds;
  }

  /** Up to `count` free starts at or after `from`: first that day and the next, then up to two weeks ahead. */
  async nextFreeSlots(serviceKey: string, from: number, count = ALTERNATIVE_COUNT, now = this.#now()): Promise<Slot[]> {
    const service = await repo.findServiceWithStamp(this.#db, { key: serviceKey });
    if (!service) return [];
    const timeZone = this.timeZone;
    const start = Math.max(from, now);
    let slots: Slot[] = [];
    for (const days of [2, ALTERNATIVE_SEARCH_DAYS]) {
      const window = { start, end: DateTime.fromMillis(start, { zone: timeZone }).startOf('day').plus({ days }).toMillis() };
      const scene = await this.#loadScene(this.#db, service, window, timeZone);
      slots = availableSlots({ ...scene, window, now, timeZone }).slice(0, count);
      if (slots.length >= count) break;
    }
    return slots;
  }

  /** The set-up for a stamp: the cached one when current, else loaded (through db: inside the caller's transaction
   * when there is one) and kept. */
  async #setupAt(db: DbOrTx, stamp: string): Promise<Setup> {
    const cached = this.#setup;
    if (cached?.stamp === stamp) return cached;
    const rows = await repo.setupRows(db);
    const setup: Setup = { stamp, requirements: new Map(), hours: new Map(), exceptions: new Map(), holidays: [], candidates: new Map(), expansions: new Map() };
    for (const r of rows.requirements) {
      const list = setup.requirements.get(r.service_id) ?? [];
      list.push({ type: r.resource_type, qualification: r.qualification });
      setup.requirements.set(r.service_id, list);
    }
    for (const h of rows.hours) {
      const list = setup.hours.get(h.resource_key) ?? [];
      list.push({ day: h.day, opens: h.opens, closes: h.closes });
      setup.hours.set(h.resource_key, list);
    }
    for (const e of rows.exceptions) {
      const list = setup.exceptions.get(e.resource_key) ?? [];
      list.push({ start: e.starts_at, end: e.ends_at, kind: e.kind === 'open' ? 'open' : 'closed' });
      setup.exceptions.set(e.resource_key, list);
    }
    setup.holidays = rows.holidays.map((h) => ({ date: h.date, startsAt: h.starts_at }));
    this.#setup = setup;
    return setup;
  }

  /** The service's rules and its candidate resources, checked against what occupancy cells can hold. */
  async #candidates(db: DbOrTx, setup: Setup, service: ServiceRecord): Promise<{ rules: ServiceRules; resources: Resource[] }> {
    const requirements: Requirement[] = (setup.requirements.get(service.id) ?? []).map((r) => {
      if (r.type !== 'practitioner' && r.type !== 'device' && r.type !== 'room') {
        throw new Error(`booking: service ${service.key} requires an unknown resource type "${r.type}"`);
      }
      return { type: r.type, qualification: r.qualification };
    });
    let resources = setup.candidates.get(service.id);
    if (!resources) {
      const byKey = new Map<string, Resource & { qualifications: string[] }>();
      for (const row of await repo.candidateResources(db, service.id)) {
        const type = row.type as ResourceType;
        const key = `${type}:${row.id}`;
        const known = byKey.get(key);
        if (known) known.qualifications.push(row.qualification);
        else byKey.set(key, { key, type, qualifications: [row.qualification], bufferBeforeMinutes: Number(row.buffer_before), bufferAfterMinutes: Number(row.buffer_after) });
      }
      resources = [...byKey.values()];
      setup.candidates.set(service.id, resources);
    }
    const rules: ServiceRules = {
      durationMinutes: service.durationMinutes,
      stepMinutes: service.stepMinutes,
      minNoticeMinutes: service.minNoticeMinutes,
      horizonDays: service.horizonDays,
      requirements,
    };
    // Fail loudly on rules the occupancy cells cannot represent, rather than under-reserving a buffer.
    requireMultipleOfCell(`the duration of ${service.key}`, rules.durationMinutes);
    requireMultipleOfCell(`the slot step of ${service.key}`, rules.stepMinutes);
    if (rules.stepMinutes === 0 || rules.durationMinutes === 0) throw new Error(`booking: ${service.key} has a zero duration or step`);
    for (const r of resources) {
      requireMultipleOfCell(`the buffer before ${r.key}`, r.bufferBeforeMinutes);
      requireMultipleOfCell(`the buffer after ${r.key}`, r.bufferAfterMinutes);
      if ((r.bufferBeforeMinutes + rules.durationMinutes + r.bufferAfterMinutes) * MINUTE >= LOOKBACK_MS) {
        throw new Error(`booking: ${service.key} with the buffers of ${r.key} lasts a day or more`);
      }
    }
    return { rules, resources };
  }

  /** Whole local days around a window, a day either side (buffers reach over midnight): bookings on one day share
   * the expansion memo. */
  #loadWindow(window: Interval, timeZone: string): Interval {
    const days = localDays(window, timeZone);
    const first = days[0]!;
    const last = days[days.length - 1]!;
    return { start: localDays({ start: first.start - 1, end: first.start }, timeZone)[0]!.start, end: localDays({ start: last.end, end: last.end + 1 }, timeZone)[0]!.end };
  }

  /** Working intervals of each resource within `load` (hours − holidays − closures + extra hours), memoized. */
  #availability(setup: Setup, keys: readonly string[], load: Interval, timeZone: string): Map<string, Interval[]> {
    const windowKey = `${timeZone}|${load.start}|${load.end}`;
    let memo = setup.expansions.get(windowKey);
    if (!memo) {
      if (setup.expansions.size >= EXPANSION_MEMO_SIZE) setup.expansions.clear();
      memo = new Map();
      setup.expansions.set(windowKey, memo);
    }
    const availability = new Map<string, Interval[]>();
    for (const key of keys) {
      let value = memo.get(key);
      if (!value) {
        const exceptions = (setup.exceptions.get(key) ?? []).filter((e) => e.start < load.end && e.end > load.start);
        value = expandAvailability(setup.hours.get(key) ?? [], exceptions, setup.holidays, load, timeZone);
        memo.set(key, value);
      }
      availability.set(key, value);
    }
    return availability;
  }

  /**
   * Everything the engine needs for one service around `window`, and nothing outside it: candidate resources, their
   * working intervals, and the intervals they are occupied by that overlap the window (plus a day either side).
   */
  async #loadScene(db: DbOrTx, service: StampedService, window: Interval, timeZone: string): Promise<Scene> {
    const setup = await this.#setupAt(db, service.setupStamp);
    const { rules, resources } = await this.#candidates(db, setup, service);
    const load = this.#loadWindow(window, timeZone);
    const keys = resources.map((r) => r.key);
    const occupied = await repo.occupiedIntervals(db, keys, load.start, load.end, LOOKBACK_MS);
    const occupancy = new Map<string, Interval[]>();
    for (const o of occupied) {
      const list = occupancy.get(o.resource_key);
      if (list) list.push({ start: o.occupied_start, end: o.occupied_end });
      else occupancy.set(o.resource_key, [{ start: o.occupied_start, end: o.occupied_end }]);
    }
    return { rules, resources, availability: this.#availability(setup, keys, load, timeZone), occupancy };
  }

  /**
   * Inside a booking's transaction, for one start: the candidates, their working intervals, the occupancy cells they
   * hold around the start (exactly what the primary key would refuse), and — where there is a choice between free
   * resources — how many minutes each of those is already booked that local day, so that sessions spread evenly.
   */
  async #loadStart(tx: Tx, service: StampedService, start: number, timeZone: string, now: number): Promise<{ scene: Scene; load: Map<string, number>; plan: StartPlan }> {
    const setup = await this.#setupAt(tx, service.setupStamp);
    const { rules, resources } = await this.#candidates(tx, setup, service);
    const keys = resources.map((r) => r.key);
    let before = 0;
    let after = 0;
    for (const r of resources) {
      before = Math.max(before, r.bufferBeforeMinutes);
      after = Math.max(after, r.bufferAfterMinutes);
    }
    const cells = await repo.occupancyCells(tx, keys, start - before * MINUTE, start + (rules.durationMinutes + after) * MINUTE);
    const occupancy = new Map<string, Interval[]>();
    for (const c of cells) {
      const list = occupancy.get(c.resource_key);
      if (list) list.push({ start: c.cell, end: c.cell + CELL_MS });
      else occupancy.set(c.resource_key, [{ start: c.cell, end: c.cell + CELL_MS }]);
    }
    const scene = { rules, resources, availability: this.#availability(setup, keys, this.#loadWindow({ start, end: start + 1 }, timeZone), timeZone), occupancy };
    const load = new Map<string, number>();
    const plan = planStart({ ...scene, window: { start: start - DAY, end: start + DAY }, now, timeZone, start });
    const contested = plan.usable.flatMap((options) => (options.length > 1 ? options : []));
    if (contested.length) {
      const day = localDays({ start, end: start + 1 }, timeZone)[0]!;
      const groupLoads = this.#groupLoads.get(tx);
      let known = groupLoads?.get(day.start);
      if (groupLoads && !known) groupLoads.set(day.start, (known = new Map<string, number>()));
      const missing = known ? contested.filter((key) => !known.has(key)) : contested;
      if (missing.length) {
        const counts = await repo.occupiedCellCounts(tx, missing, day.start, day.end);
        for (const key of missing) known?.set(key, ((counts.get(key) ?? 0) * CELL_MS) / MINUTE);
        if (!known) for (const [key, n] of counts) load.set(key, (n * CELL_MS) / MINUTE);
      }
      if (known) for (const key of contested) load.set(key, known.get(key)!);
    }
    return { scene, load, plan };
  }

  /** 422 with a clear reason when a start breaks the service's rules (past, notice, horizon, step grid). */
  #checkStart(service: ServiceRecord, start: number, now: number, t: Translate): void {
    let reason: string | undefined;
    const notice = service.minNoticeMinutes;
    if (start < now) reason = t('booking.error.past');
    else if (start < now + notice * MINUTE) {
      const text =
        notice % 60 !== 0 ? t('booking.unit.minutes', { n: notice }) : notice === 60 ? t('booking.unit.hour') : t('booking.unit.hours', { n: notice / 60 });
      reason = t('booking.error.tooSoon', { notice: text });
    } else if (start > now + service.horizonDays * DAY) reason = t('booking.error.beyondHorizon', { days: service.horizonDays });
    else if (!onStepGrid(start, this.timeZone, service.stepMinutes) || start % CELL_MS !== 0) reason = t('booking.error.offGrid', { minutes: service.stepMinutes });
    if (reason) throw new Invalid({ start: reason });
  }

  /** Picks resources for `start` against the scene; 422 when the time is never bookable, SlotLost when it is taken.
   * `load` (minutes booked per resource that day) spreads sessions across practitioners. */
  #allocateOrFail(scene: Scene, start: number, now: number, t: Translate, load: ReadonlyMap<string, number>, plan?: StartPlan): Allocation {
    const timeZone = this.timeZone;
    const window = { start: start - DAY, end: start + DAY };
    const input = { ...scene, window, now, timeZone, start };
    const allocation = plan ? plan.allocate(load) : allocate({ ...input, load });
    if (allocation) return allocation;
    if (!allocate({ ...input, occupancy: new Map() })) throw new Invalid({ start: t('booking.error.closed') });
    throw new SlotLost();
  }

  /** Occupancy rows for every 5-minute cell each assigned resource is held, buffers included; sorted so that
   * concurrent transactions take the same cells in the same order (no deadlocks, just one winner). */
  #occupancyRows(allocation: Allocation, appointmentId: number): Array<{ resource_key: string; cell: number; appointment_id: number }> {
    const rows: Array<{ resource_key: string; cell: number; appointment_id: number }> = [];
    for (const a of [...allocation.assignments].sort((x, y) => (x.resourceKey < y.resourceKey ? -1 : x.resourceKey > y.resourceKey ? 1 : 0))) {
      if (a.occupied.start % CELL_MS !== 0 || a.occupied.end % CELL_MS !== 0) {
        throw new Error(`booking: ${a.resourceKey} would be held from ${a.occupied.start} to ${a.occupied.end}, not on 5-minute cells`);
      }
      for (let cell = a.occupied.start; cell < a.occupied.end; cell += CELL_MS) rows.push({ resource_key: a.resourceKey, cell, appointment_id: appointmentId });
    }
    return rows;
  }

  // ---------- booking ----------

  /**
   * Books a slot for a visitor. Validates the input (422 with localized field messages), then in ONE transaction:
   * claims the Idempotency-Key, checks the start's rules and the rate limits, allocates resources against fresh data,
   * writes the patient, appointment, its resources and occupancy cells, the consent ledger, the intake (only with
   * health-data consent — otherwise it is dropped) and the audit row. A lost race throws SlotTaken with alternatives.
   */
  async book(raw: unknown, ctx: BookingContext): Promise<BookingOutcome> {
    const bodyLocale = typeof raw === 'object' && raw !== null ? (raw as { locale?: unknown }).locale : undefined;
    const t = this.#translate(isLocale(bodyLocale) ? bodyLocale : ctx.locale);
    const key = ctx.idempotencyKey;
    if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) throw new Invalid({ 'Idempotency-Key': t('booking.error.idempotencyKey') });
    const parsed = bookingInput.safeParse(raw);
    if (!parsed.success) throw new Invalid(bookingFieldMessages(parsed.error, t));
    const input = parsed.data;
    if (input.website && input.website.trim() !== '') throw new BookingRefused(t('booking.error.rejected'));
    const now = ctx.now ?? this.#now();
    const requestHash = sha256(JSON.stringify({ ...input, website: undefined }));

    for (let attempt = 1; ; attempt++) {
      try {
        const work = (tx: Tx) => this.#bookInTransaction(tx, input, { key, requestHash, ip: ctx.ip, now, t });
        return await (this.#groups ? this.#groups.run(work) : this.#db.transaction().execute(work));
      } catch (err) {
        if (err instanceof SlotLost) break;
        if ((isOccupancyConflict(err) || isRetryable(err)) && attempt < MAX_ATTEMPTS) continue;
        if (isOccupancyConflict(err)) break;
        throw err;
      }
    }
    throw new SlotTaken(await this.nextFreeSlots(input.service, input.start, ALTERNATIVE_COUNT, now));
  }

  async #bookInTransaction(
    tx: Tx,
    input: ParsedBooking,
    ctx: { key: string | undefined; requestHash: string; ip: string; now: number; t: Translate },
  ): Promise<BookingOutcome> {
    const { now, t } = ctx;
    const idempotencyKey = ctx.key === undefined ? undefined : `booking:${ctx.key}`;
    if (idempotencyKey && !(await repo.claimIdempotencyKey(tx, idempotencyKey, ctx.requestHash, now))) {
      const stored = await repo.findIdempotencyKey(tx, idempotencyKey);
      if (!stored || stored.status_code === 0) throw new Unavailable('idempotency key in an unknown state');
      if (stored.request_hash !== ctx.requestHash) throw new IdempotencyKeyReused(t('booking.error.idempotencyReused'));
      return this.#replay(stored.response);
    }

    // In a commit group (SQLite, write lock held from BEGIN IMMEDIATE to COMMIT) nothing but these bookings writes
    // until the group commits, and bookings do not touch the set-up: the stamp read by the group's first booking holds
    // for all of them.
    const groupStamp = this.#groupStamps.get(tx);
    let service: StampedService | undefined;
    if (groupStamp === undefined) {
      service = await repo.findServiceWithStamp(tx, { key: input.service });
      if (service && this.#groups) {
        this.#groupStamps.set(tx, service.setupStamp);
        this.#groupLoads.set(tx, new Map());
      }
    } else {
      const row = await repo.findService(tx, input.service);
      service = row && { ...row, setupStamp: groupStamp };
    }
    if (!service?.onlineBooking) throw new Invalid({ service: t('booking.error.service') });
    this.#checkStart(service, input.start, now, t);

    const ipKey = `booking-ip:${ipBucket(ctx.ip)}`;
    const phoneKey = `booking-phone:${createHmac('sha256', this.#secretKey).update(input.phone).digest('hex').slice(0, 32)}`;
    const limits = this.#config.booking;
    if (!this.#groups) await repo.lockRateBuckets(tx, [ipKey, phoneKey]);
    const checks = await repo.bookingChecks(
      tx,
      {
        buckets: [
          { bucket: ipKey, since: now - HOUR },
          { bucket: phoneKey, since: now - DAY },
        ],
        pruneBefore: now - DAY,
      },
      { kinds: ['kvkk-notice', 'health-consent'], locale: input.locale, now },
    );
    const [perIp = 0, perPhone = 0] = checks.counts;
    if (perIp >= limits.maxPerIpPerHour || perPhone >= limits.maxPerPhonePerDay) throw new TooManyRequests('Too many bookings; please call the clinic');

    const timeZone = this.timeZone;
    const { scene, load, plan } = await this.#loadStart(tx, service, input.start, timeZone, now);
    const allocation = this.#allocateOrFail(scene, input.start, now, t, load, plan);
    const [noticeVersion, consentVersion] = checks.legalVersions;
    if (noticeVersion == null || consentVersion == null) throw new Unavailable('legal texts are missing');

    const existing = await repo.findPatient(tx, input.phone, input.name);
    let patientId: number;
    if (existing) {
      patientId = existing.id;
      // Only a missing e-mail is filled in: an unauthenticated form must not overwrite a patient's contact details.
      if (input.email && !existing.email) await repo.setPatientEmail(tx, patientId, input.email, now);
    } else {
      patientId = await repo.insertPatient(tx, { full_name: input.name, phone: input.phone, email: input.email ?? null, locale: input.locale, now });
    }

    const token = randomBytes(32).toString('base64url');
    const status = asStatus(service.initialStatus);
    const id = await repo.insertAppointment(tx, {
      service_id: service.id,
      patient_id: patientId,
      status,
      starts_at: allocation.start,
      ends_at: allocation.end,
      source: 'online',
      locale: input.locale,
      manage_token_hash: this.#hashToken(token),
      now,
    });
    await repo.insertOccupancy(tx, this.#occupancyRows(allocation, id));
    await repo.insertAppointmentResources(
      tx,
      allocation.assignments.map((a) => ({ appointment_id: id, resource_key: a.resourceKey, occupied_start: a.occupied.start, occupied_end: a.occupied.end })),
    );
    await repo.insertConsents(tx, [
      { appointment_id: id, patient_id: patientId, kind: 'kvkk-notice', locale: input.locale, version: noticeVersion, given: 1, at: now },
      { appointment_id: id, patient_id: patientId, kind: 'health-consent', locale: input.locale, version: consentVersion, given: input.consent.healthData ? 1 : 0, at: now },
      // WhatsApp messages (notifications): recorded only when ticked, so an earlier opt-in is not withdrawn by omission.
      ...(input.consent.whatsapp ? [{ appointment_id: id, patient_id: patientId, kind: 'whatsapp_opt_in', locale: input.locale, version: 1, given: 1, at: now }] : []),
    ]);
    const intake = input.intake && hasAnswers(input.intake) ? input.intake : undefined;
    if (intake && input.consent.healthData) await repo.insertIntake(tx, id, JSON.stringify(intake), now);
    await repo.recordRateEvents(tx, [ipKey, phoneKey], now, now - DAY, checks.stale > 0);
    await audit.record(tx, {
      at: now,
      actor: { system: 'public-booking' },
      action: 'appointment.create',
      target: { type: 'appointment', id },
      ip: ctx.ip,
      details: { service: service.key, start: allocation.start, status, resources: allocation.assignments.map((a) => a.resourceKey), idempotent: idempotencyKey !== undefined },
    });

    await this.events.emit(tx, { kind: 'created', appointmentId: id, at: now, by: 'patient', manageToken: token });

    this.#countInGroup(tx, allocation);

    const appointment = { id, status, serviceKey: service.key, start: allocation.start, end: allocation.end, locale: input.locale };
    if (idempotencyKey) await repo.completeIdempotencyKey(tx, idempotencyKey, 201, JSON.stringify({ appointment, sealed: this.#seal(token) }));
    return this.#outcome(appointment, token, false);
  }

  /** Adds a booking of the group to the group's known loads (the minutes of each day it holds each resource). */
  #countInGroup(tx: Tx, allocation: Allocation): void {
    const groupLoads = this.#groupLoads.get(tx);
    if (!groupLoads) return;
    for (const [dayStart, known] of groupLoads) {
      for (const a of allocation.assignments) {
        const minutes = known.get(a.resourceKey);
        if (minutes === undefined) continue;
        const dayEnd = localDays({ start: dayStart, end: dayStart + 1 }, this.timeZone)[0]!.end;
        const overlap = Math.min(a.occupied.end, dayEnd) - Math.max(a.occupied.start, dayStart);
        if (overlap > 0) known.set(a.resourceKey, minutes + overlap / MINUTE);
      }
    }
  }

  #outcome(appointment: BookingOutcome['appointment'], token: string, replayed: boolean): BookingOutcome {
    const timeZone = this.timeZone;
    return {
      statusCode: 201,
      body: {
        id: appointment.id,
        status: appointment.status,
        start: toIsoInZone(appointment.start, timeZone),
        end: toIsoInZone(appointment.end, timeZone),
        manageUrl: this.manageUrl(appointment.locale, token),
      },
      manageToken: token,
      appointment,
      replayed,
    };
  }

  #replay(response: string): BookingOutcome {
    const stored = JSON.parse(response) as { appointment: BookingOutcome['appointment']; sealed: string };
    return this.#outcome(stored.appointment, this.#unseal(stored.sealed), true);
  }

  /** The stored idempotent answer needs the manage token to replay it; it is kept encrypted (AES-256-GCM under a key
   * derived from SESSION_SECRET), so the database alone never holds a usable token. */
  #seal(token: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#sealKey, iv);
    const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  #unseal(sealed: string): string {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.#sealKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  #hashToken(token: string): string {
    return createHmac('sha256', this.#secretKey).update(`manage:${token}`).digest('hex');
  }

  /** The visitor's private link to the appointment (public pages: /tr/randevu/:token, /en/appointment/:token). */
  manageUrl(locale: Locale, token: string): string {
    return `${this.#config.baseUrl}/${locale === 'tr' ? 'tr/randevu' : 'en/appointment'}/${token}`;
  }

  // ---------- manage links ----------

  /** The appointment behind a manage token (looked up by its HMAC); NotFound for anything else. Never the intake. */
  async findByManageToken(token: string, options: { locale?: Locale | undefined; now?: number | undefined; whatsapp?: boolean } = {}): Promise<ManagedAppointment> {
    const record = await this.#recordByToken(this.#db, token);
    const found = await this.#present(this.#db, record, options.locale ?? record.locale, options.now ?? this.#now());
    return options.whatsapp ? { ...found, whatsappOn: await whatsappOptedIn(this.#db, record.patientId) } : found;
  }

  /**
   * The patient stops appointment messages on WhatsApp from the manage link: the withdrawal goes into the consent
   * ledger and every WhatsApp message not sent yet is cancelled, with the audit row, in one transaction. Allowed at
   * any time and in any status (withdrawing consent is never too late). `withdrawn: false` when they were not opted in.
   */
  async stopWhatsApp(token: string, ctx: ManageContext = {}): Promise<{ withdrawn: boolean; cancelled: number }> {
    const now = ctx.now ?? this.#now();
    return this.#db.transaction().execute(async (tx) => {
      const record = await this.#recordByToken(tx, token);
      return withdrawWhatsAppConsent(tx, record.patientId, now, { actor: { system: 'public-booking' }, ip: ctx.ip ?? null, details: { by: 'patient', appointment: record.id } });
    });
  }

  async #recordByToken(db: DbOrTx, token: string): Promise<repo.AppointmentRecord> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw new NotFound('Unknown appointment link');
    const record = await repo.findAppointmentByTokenHash(db, this.#hashToken(token));
    if (!record) throw new NotFound('Unknown appointment link');
    return record;
  }

  async #present(db: DbOrTx, record: repo.AppointmentRecord, locale: Locale, now: number): Promise<ManagedAppointment> {
    const service = await repo.findServiceById(db, record.serviceId);
    const changeUntil = record.startsAt - this.#config.booking.manageCutoffMs;
    return {
      id: record.id,
      status: asStatus(record.status),
      service: { slug: service?.key ?? '', name: await repo.serviceName(db, record.serviceId, locale) },
      start: record.startsAt,
      end: record.endsAt,
      locale: record.locale,
      canChange: changeableStatuses.includes(record.status) && now < changeUntil,
      changeUntil,
    };
  }

  #assertChangeable(record: repo.AppointmentRecord, now: number): void {
    if (!changeableStatuses.includes(record.status)) throw new Conflict('This appointment can no longer be changed');
    if (now >= record.startsAt - this.#config.booking.manageCutoffMs) throw new Conflict('It is too late to change this appointment online; please call the clinic');
  }

  /** Cancels by manage token until the cut-off: status cancelled, cancelled_by patient, its occupancy cells freed. */
  async cancel(token: string, reason?: string, ctx: ManageContext = {}): Promise<ManagedAppointment> {
    const t = this.#translate(ctx.locale);
    const parsed = cancelInput.safeParse(reason === undefined ? {} : { reason });
    if (!parsed.success) throw new Invalid(bookingFieldMessages(parsed.error, t));
    const now = ctx.now ?? this.#now();
    return this.#db.transaction().execute(async (tx) => {
      const record = await this.#recordByToken(tx, token);
      this.#assertChangeable(record, now);
      await repo.updateAppointment(tx, record.id, { status: 'cancelled', cancelled_by: 'patient', cancel_reason: parsed.data.reason || null }, now);
      // The appointment_resources rows stay as history; the occupancy cells are what block, and they go.
      await repo.deleteOccupancy(tx, record.id);
      await audit.record(tx, { at: now, actor: { system: 'public-booking' }, action: 'appointment.cancel', target: { type: 'appointment', id: record.id }, ip: ctx.ip ?? null, details: { by: 'patient' } });
      await this.events.emit(tx, { kind: 'cancelled', appointmentId: record.id, at: now, by: 'patient', ...(parsed.data.reason ? { reason: parsed.data.reason } : {}) });
      return this.#present(tx, { ...record, status: 'cancelled' }, ctx.locale ?? record.locale, now);
    });
  }

  /**
   * Moves an appointment to a new start (same service, same rules as booking) in one transaction: old cells freed,
   * resources allocated afresh, new cells taken. On a conflict nothing changes and SlotTaken carries alternatives.
   */
  async reschedule(token: string, newStart: string, ctx: ManageContext = {}): Promise<ManagedAppointment> {
    const t = this.#translate(ctx.locale);
    const parsed = isoInstant.safeParse(newStart);
    if (!parsed.success) throw new Invalid({ start: t('booking.error.startFormat') });
    const start = parsed.data;
    const now = ctx.now ?? this.#now();
    let serviceKey = '';
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#db.transaction().execute(async (tx) => {
          const record = await this.#recordByToken(tx, token);
          this.#assertChangeable(record, now);
          const service = await repo.findServiceWithStamp(tx, { id: record.serviceId });
          if (!service) throw new NotFound('Unknown service');
          serviceKey = service.key;
          const tt = this.#translate(ctx.locale ?? record.locale);
          this.#checkStart(service, start, now, tt);
          await repo.deleteOccupancy(tx, record.id);
          const { scene, load, plan } = await this.#loadStart(tx, service, start, this.timeZone, now);
          const allocation = this.#allocateOrFail(scene, start, now, tt, load, plan);
          await repo.deleteAppointmentResources(tx, record.id);
          await repo.insertOccupancy(tx, this.#occupancyRows(allocation, record.id));
          await repo.insertAppointmentResources(
            tx,
            allocation.assignments.map((a) => ({ appointment_id: record.id, resource_key: a.resourceKey, occupied_start: a.occupied.start, occupied_end: a.occupied.end })),
          );
          // A moved appointment goes back to the service's initial status: a confirmed time was confirmed for the old slot.
          const status = asStatus(service.initialStatus);
          await repo.updateAppointment(tx, record.id, { starts_at: allocation.start, ends_at: allocation.end, status }, now);
          await audit.record(tx, {
            at: now,
            actor: { system: 'public-booking' },
            action: 'appointment.reschedule',
            target: { type: 'appointment', id: record.id },
            ip: ctx.ip ?? null,
            details: { from: record.startsAt, to: allocation.start, resources: allocation.assignments.map((a) => a.resourceKey) },
          });
          await this.events.emit(tx, { kind: 'moved', appointmentId: record.id, at: now, by: 'patient', previous: { start: record.startsAt, end: record.endsAt } });
          return this.#present(tx, { ...record, status, startsAt: allocation.start, endsAt: allocation.end }, ctx.locale ?? record.locale, now);
        });
      } catch (err) {
        if (err instanceof SlotLost) break;
        if ((isOccupancyConflict(err) || isRetryable(err)) && attempt < MAX_ATTEMPTS) continue;
        if (isOccupancyConflict(err)) break;
        throw err;
      }
    }
    throw new SlotTaken(await this.nextFreeSlots(serviceKey, start, ALTERNATIVE_COUNT, now));
  }

  /**
   * Staff move (calendar drag, move form, API; appointments.manage): a new start, optionally a new end (resize) and
   * chosen resources, re-checked like a booking in one transaction — working hours, holidays, leave and buffers by the
   * engine, a free slot by the occupancy primary key (also for chosen resources). Unlike the patient's move there is no
   * notice, step or online cut-off (5-minute grid only) and the status is kept. Audited; emits 'moved' by the clinic.
   */
  async moveByStaff(actor: Signed, appointmentId: number, raw: StaffMoveInput, meta: { ip?: string | undefined } = {}): Promise<StaffMoveResult> {
    this.#assertCan(actor, 'appointments.manage');
    const t = this.#translate(actor.user.locale);
    if (!Number.isSafeInteger(appointmentId) || appointmentId <= 0) throw new NotFound();
    const start = typeof raw.start === 'string' ? isoInstant.safeParse(raw.start) : undefined;
    if (!start?.success) throw new Invalid({ start: t('booking.error.startFormat') });
    const end = raw.end === undefined || raw.end === '' ? undefined : isoInstant.safeParse(typeof raw.end === 'string' ? raw.end : '');
    if (end && !end.success) throw new Invalid({ end: t('booking.error.startFormat') });
    const given: unknown = raw.resources ?? [];
    if (!Array.isArray(given) || given.length > 6 || given.some((k) => typeof k !== 'string' || !/^(practitioner|device|room):[1-9]\d{0,9}$/.test(k)) || new Set(given).size !== given.length) {
      throw new Invalid({ resources: t('calendar.move.error.resource') });
    }
    const chosen = given as string[];
    const now = this.#now();
    const newStart = start.data;
    if (newStart % CELL_MS !== 0) throw new Invalid({ start: t('calendar.move.error.grid') });
    if (newStart < now) throw new Invalid({ start: t('booking.error.past') });
    const newEnd = end?.data;
    if (newEnd !== undefined && (newEnd <= newStart || newEnd % CELL_MS !== 0 || newEnd - newStart > 12 * HOUR)) throw new Invalid({ end: t('calendar.move.error.end') });
    const timeZone = this.timeZone;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#db.transaction().execute(async (tx) => {
          const record = await repo.findAppointmentById(tx, appointmentId);
          if (!record) throw new NotFound();
          if (!changeableStatuses.includes(record.status)) {
            throw new Conflict(t('calendar.move.error.status', { status: t(`bookingPage.admin.status.${asStatus(record.status)}`) }));
          }
          const stored = await repo.findServiceWithStamp(tx, { id: record.serviceId });
          if (!stored) throw new NotFound('Unknown service');
          const durationMinutes = newEnd === undefined ? Math.round((record.endsAt - record.startsAt) / MINUTE) : (newEnd - newStart) / MINUTE;
          // The service's own rules, widened for the front desk: any 5-minute start, no notice, a year ahead.
          const service = { ...stored, durationMinutes, stepMinutes: CELL_MS / MINUTE, minNoticeMinutes: 0, horizonDays: Math.max(stored.horizonDays, 366) };
          await repo.deleteOccupancy(tx, record.id);
          const { scene, load } = await this.#loadStart(tx, service, newStart, timeZone, now);
          const unknown = chosen.filter((key) => !scene.resources.some((r) => r.key === key));
          if (unknown.length) throw new Invalid({ resources: t('calendar.move.error.resource') });
          const types = new Set(chosen.map((key) => key.split(':')[0]));
          const resources = scene.resources.filter((r) => !types.has(r.type) || chosen.includes(r.key));
          const input = { ...scene, resources, window: { start: newStart - DAY, end: newStart + DAY }, now, timeZone, start: newStart };
          const allocation = allocate({ ...input, load });
          if (!allocation) {
            if (!allocate({ ...input, occupancy: new Map() })) throw new Invalid({ start: t('calendar.move.error.closed') });
            throw new SlotLost();
          }
          const keys = allocation.assignments.map((a) => a.resourceKey);
          await repo.deleteAppointmentResources(tx, record.id);
          await repo.insertOccupancy(tx, this.#occupancyRows(allocation, record.id));
          await repo.insertAppointmentResources(
            tx,
            allocation.assignments.map((a) => ({ appointment_id: record.id, resource_key: a.resourceKey, occupied_start: a.occupied.start, occupied_end: a.occupied.end })),
          );
          await repo.updateAppointment(tx, record.id, { starts_at: allocation.start, ends_at: allocation.end }, now);
          await audit.record(tx, {
            at: now,
            actor: { id: actor.user.id, email: actor.user.email },
            action: 'appointment.move',
            target: { type: 'appointment', id: record.id },
            ip: meta.ip ?? null,
            details: { from: record.startsAt, to: allocation.start, end: allocation.end, resources: keys, chosen },
          });
          await this.events.emit(tx, { kind: 'moved', appointmentId: record.id, at: now, by: 'clinic', staffId: actor.user.id, previous: { start: record.startsAt, end: record.endsAt } });
          return { id: record.id, status: asStatus(record.status), start: allocation.start, end: allocation.end, resources: keys };
        });
      } catch (err) {
        if (err instanceof SlotLost) break;
        if ((isOccupancyConflict(err) || isRetryable(err)) && attempt < MAX_ATTEMPTS) continue;
        if (isOccupancyConflict(err)) break;
        throw err;
      }
    }
    throw new SlotTaken([], t('calendar.move.error.taken'));
  }

  // ---------- legal texts ----------

  /** The current information notice and health-data consent text in a language, with the clinic's details filled in. */
  async currentLegalTexts(locale: Locale, now = this.#now()): Promise<{ notice: LegalText; healthConsent: LegalText }> {
    const [notice, consent] = await Promise.all([
      repo.currentLegalText(this.#db, 'kvkk-notice', locale, now),
      repo.currentLegalText(this.#db, 'health-consent', locale, now),
    ]);
    if (!notice || !consent) throw new Unavailable('legal texts are missing');
    const s = this.#settings();
    const fill = (md: string) =>
      md.replace(/\{(clinicName|address|email|phone)\}/g, (_whole, name: 'clinicName' | 'address' | 'email' | 'phone') => s[name]);
    return {
      notice: { kind: 'kvkk-notice', locale, version: notice.version, bodyMd: fill(notice.body_md) },
      healthConsent: { kind: 'health-consent', locale, version: consent.version, bodyMd: fill(consent.body_md) },
    };
  }

  // ---------- staff side ----------

  #assertCan(actor: Signed, action: Action): void {
    if (!can(actor.user.role, action)) throw new Forbidden();
  }

  /** Appointments starting on local dates from..to (inclusive), oldest first, with patient and service (appointments.view). */
  async listAppointments(actor: Signed, query: AppointmentListQuery): Promise<{ rows: AppointmentListItem[]; total: number }> {
    this.#assertCan(actor, 'appointments.view');
    const t = this.#translate(actor.user.locale);
    const parsed = appointmentListQuery.safeParse(query);
    if (!parsed.success) throw new Invalid(bookingFieldMessages(parsed.error, t));
    const q = parsed.data;
    const timeZone = this.timeZone;
    const { rows, total } = await repo.listAppointments(this.#db, {
      from: DateTime.fromISO(q.from, { zone: timeZone }).startOf('day').toMillis(),
      to: DateTime.fromISO(q.to, { zone: timeZone }).plus({ days: 1 }).startOf('day').toMillis(),
      status: q.status,
      serviceKey: q.serviceKey,
      locale: actor.user.locale,
      limit: q.limit,
      offset: q.offset,
    });
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        start: r.starts_at,
        end: r.ends_at,
        status: asStatus(r.status),
        source: r.source,
        service: { slug: r.service_key, name: r.service_name ?? r.service_key },
        patient: { name: r.patient_name, phone: r.patient_phone },
        createdAt: r.created_at,
      })),
    };
  }

  /** The intake answers of an appointment (health data: clinical.view), or null when none were kept. Every read is audited. */
  async intakeFor(actor: Signed, appointmentId: number, meta: { ip?: string | undefined } = {}): Promise<{ answers: IntakeAnswers; createdAt: number } | null> {
    this.#assertCan(actor, 'clinical.view');
    if (!Number.isSafeInteger(appointmentId) || appointmentId <= 0) throw new NotFound();
    return this.#db.transaction().execute(async (tx) => {
      if (!(await repo.appointmentExists(tx, appointmentId))) throw new NotFound();
      const row = await repo.findIntake(tx, appointmentId);
      await audit.record(tx, {
        at: this.#now(),
        actor: { id: actor.user.id, email: actor.user.email },
        action: 'intake.view',
        target: { type: 'appointment', id: appointmentId },
        ip: meta.ip ?? null,
        details: { found: row !== undefined },
      });
      return row ? { answers: JSON.parse(row.answers) as IntakeAnswers, createdAt: row.created_at } : null;
    });
  }

  // ---------- bookings made on a patient's behalf (front desk phone bookings, waitlist offers) ----------

  /** The resources that could serve a service (for a manual override), by requirement order; [] for an unknown one. */
  async candidatesFor(serviceKey: string): Promise<Array<{ key: string; type: ResourceType; qualifications: readonly string[] }>> {
    const service = await repo.findServiceWithStamp(this.#db, { key: serviceKey });
    if (!service) return [];
    const { resources } = await this.#candidates(this.#db, await this.#setupAt(this.#db, service.setupStamp), service);
    return resources.map((r) => ({ key: r.key, type: r.type, qualifications: r.qualifications }));
  }

  /**
   * Books for a patient on their behalf, with the booking's guarantees (one transaction, occupancy cells, retries,
   * SlotTaken with alternatives, idempotency by key): no minimum notice or online horizon (the clinic decides), but
   * never in the past, on 5-minute cells, inside working hours. `resources` pins the resources (a manual override; each
   * must be a candidate, and the occupancy table still refuses a taken cell). `within` runs inside the transaction.
   */
  async bookOnBehalf(input: OnBehalfBooking): Promise<OnBehalfResult> {
    const t = this.#translate(input.locale);
    const now = input.now ?? this.#now();
    if (!Number.isSafeInteger(input.start) || input.start % CELL_MS !== 0) throw new Invalid({ start: t('booking.error.offGrid', { minutes: CELL_MS / MINUTE }) });
    if (input.start < now) throw new Invalid({ start: t('booking.error.past') });
    // KVKK art. 10: a patient booked on their behalf (by phone, or from a waitlist offer) must have been informed, and
    // the clinic must be able to show it.
    const consent = input.consent;
    if (consent?.kvkkNotice !== true) {
      throw new Invalid(input.source === 'phone' ? { 'consent.kvkkNoticeGiven': t('frontdesk.error.kvkkNotice') } : { noticeVersion: t('frontdesk.offer.noticeChanged') });
    }
    const requestHash = sha256(JSON.stringify({ ...input, within: undefined, now: undefined, ip: undefined }));
    const key = input.idempotencyKey === undefined ? undefined : `on-behalf:${input.idempotencyKey}`;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#db.transaction().execute(async (tx) => {
          if (key && !(await repo.claimIdempotencyKey(tx, key, requestHash, now))) {
            const stored = await repo.findIdempotencyKey(tx, key);
            if (!stored || stored.status_code === 0) throw new Unavailable('idempotency key in an unknown state');
            if (stored.request_hash !== requestHash) throw new IdempotencyKeyReused(t('booking.error.idempotencyReused'));
            return { ...(JSON.parse(stored.response) as OnBehalfResult), replayed: true };
          }
          const service = await repo.findServiceWithStamp(tx, { key: input.serviceKey });
          if (!service) throw new Invalid({ service: t('booking.error.service') });
          const { scene, load } = await this.#loadStart(tx, service, input.start, this.timeZone, now);
          let resources = scene.resources;
          if (input.resources?.length) {
            // Pinned types keep only the pinned resource(s); the other requirements are still chosen automatically.
            const pinned = new Set(input.resources);
            const known = scene.resources.filter((r) => pinned.has(r.key));
            if (known.length !== pinned.size) throw new Invalid({ resources: t('form.invalidChoice') });
            const pinnedTypes = new Set(known.map((r) => r.type));
            resources = scene.resources.filter((r) => !pinnedTypes.has(r.type) || pinned.has(r.key));
          }
          const rules = { ...scene.rules, minNoticeMinutes: 0, horizonDays: Math.max(scene.rules.horizonDays, 400), stepMinutes: CELL_MS / MINUTE };
          const engineInput = { ...scene, rules, resources, window: { start: input.start - DAY, end: input.start + DAY }, now, timeZone: this.timeZone, start: input.start };
          const allocation = allocate({ ...engineInput, load });
          if (!allocation) {
            if (!allocate({ ...engineInput, occupancy: new Map() })) throw new Invalid({ start: t('booking.error.closed') });
            throw new SlotLost();
          }
          let patientId: number;
          if ('id' in input.patient) {
            if (!(await repo.patientExists(tx, input.patient.id))) throw new Invalid({ patient: t('form.invalidChoice') });
            patientId = input.patient.id;
          } else {
            const p = input.patient;
            const existing = await repo.findPatient(tx, p.phone, p.name);
            patientId = existing?.id ?? (await repo.insertPatient(tx, { full_name: p.name, phone: p.phone, email: p.email ?? null, locale: p.locale, now }));
            if (existing && p.email && !existing.email) await repo.setPatientEmail(tx, patientId, p.email, now);
          }
          const locale = await repo.patientLocale(tx, patientId);
          const token = randomBytes(32).toString('base64url');
          const status = asStatus(service.initialStatus);
          const id = await repo.insertAppointment(tx, {
            service_id: service.id,
            patient_id: patientId,
            status,
            starts_at: allocation.start,
            ends_at: allocation.end,
            source: input.source,
            locale,
            manage_token_hash: this.#hashToken(token),
            now,
          });
          await repo.insertOccupancy(tx, this.#occupancyRows(allocation, id));
          await repo.insertAppointmentResources(
            tx,
            allocation.assignments.map((a) => ({ appointment_id: id, resource_key: a.resourceKey, occupied_start: a.occupied.start, occupied_end: a.occupied.end })),
          );
          const shown = consent.shown;
          const notice = await recordNoticeGiven(tx, { patientId, appointmentId: id, locale: shown?.locale ?? locale, shownVersion: shown?.version, now });
          if (!notice) throw new Invalid({ noticeVersion: t('frontdesk.offer.noticeChanged') });
          const whatsapp = consent.whatsapp === true;
          // As online: recorded only when asked for, so an earlier opt-in is not withdrawn by omission.
          if (whatsapp) await repo.insertConsents(tx, [{ appointment_id: id, patient_id: patientId, kind: 'whatsapp_opt_in', locale, version: 1, given: 1, at: now }]);
          await audit.record(tx, {
            at: now,
            actor: input.actor,
            action: 'appointment.create',
            target: { type: 'appointment', id },
            ip: input.ip ?? null,
            details: {
              service: service.key,
              start: allocation.start,
              status,
              source: input.source,
              resources: allocation.assignments.map((a) => a.resourceKey),
              pinned: Boolean(input.resources?.length),
              kvkkNotice: notice,
              whatsappOptIn: whatsapp,
            },
          });
          if (input.within) await input.within(tx, id);
          await this.events.emit(tx, { kind: 'created', appointmentId: id, at: now, by: input.by, ...(input.staffId !== undefined ? { staffId: input.staffId } : {}), manageToken: token });
          const result: OnBehalfResult = { id, status, start: allocation.start, end: allocation.end, patientId, replayed: false };
          if (key) await repo.completeIdempotencyKey(tx, key, 201, JSON.stringify(result));
          return result;
        });
      } catch (err) {
        if (err instanceof SlotLost) break;
        if ((isOccupancyConflict(err) || isRetryable(err)) && attempt < MAX_ATTEMPTS) continue;
        if (isOccupancyConflict(err)) break;
        throw err;
      }
    }
    throw new SlotTaken(await this.nextFreeSlots(input.serviceKey, input.start, ALTERNATIVE_COUNT, now));
  }
}

/** What the consent ledger and the audit trail say about the KVKK information notice given to a patient. */
export interface NoticeGiven {
  given: true;
  version: number;
  locale: Locale;
}

/**
 * Records in the consent ledger that a patient was given the KVKK information notice (a `kvkk-notice` row, given = 1,
 * with the appointment when there is one): the notice's current version in `locale`, or — when a page showed a version
 * (`shownVersion`) — exactly that one, which must still be current: `undefined` when it is not (nothing is written; the
 * caller says so in its words). Used for bookings made on a patient's behalf and for waitlist entries; online bookings
 * check and record theirs with the health-data consent in one read.
 */
export async function recordNoticeGiven(
  tx: Tx,
  entry: { patientId: number; appointmentId: number | null; locale: Locale; shownVersion?: number | undefined; now: number },
): Promise<NoticeGiven | undefined> {
  const notice = await repo.currentLegalText(tx, 'kvkk-notice', entry.locale, entry.now);
  if (!notice) throw new Unavailable('legal texts are missing');
  if (entry.shownVersion !== undefined && entry.shownVersion !== notice.version) return undefined;
  await repo.insertConsents(tx, [{ appointment_id: entry.appointmentId, patient_id: entry.patientId, kind: 'kvkk-notice', locale: entry.locale, version: notice.version, given: 1, at: entry.now }]);
  return { given: true, version: notice.version, locale: entry.locale };
}

function hasAnswers(intake: IntakeAnswers): boolean {
  return intake.complaint !== undefined || intake.spasmFrequency !== undefined || intake.painScore !== undefined || (intake.triggers?.length ?? 0) > 0;
}
