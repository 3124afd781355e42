// Rules and transactions for setting up what the booking engine schedules: practitioners, devices and rooms (details,
// weekly hours, leave / maintenance / extra hours), the booking rules of each service and the clinic's holidays.
// Every change is audited and bumps the content version in its own transaction.
import { DateTime } from 'luxon';
import type { Database, Tx } from '../../db/connect.ts';
import type { Locale } from '../../db/schema.ts';
import { Invalid, NotFound } from '../../errors.ts';
import * as audit from '../audit/service.ts';
import type { SettingsService } from '../settings/service.ts';
import { dayText, minutesOf, type DailyInterval } from '../settings/weekly-hours.ts';
import type { RequestMeta, Signed } from '../staff/service.ts';
import * as repo from './repo.ts';

export const resourceTypes = ['practitioner', 'device', 'room'] as const;
export type ResourceType = (typeof resourceTypes)[number];

/** Qualifications always offered as checkboxes; others found in the database are offered too. */
export const baseQualifications = ['physician', 'physiotherapist', 'gait_robot', 'arm_robot'] as const;

/** The booking engine keeps occupancy in 5-minute cells: buffers, durations and steps are multiples of 5. */
export const MINUTE_GRID = 5;
export const BUFFER_MAX = 120;
export const NAME_MAX = 120;
export const NOTE_MAX = 200;
export const MAX_EXCEPTION_DAYS = 366;
export const MAX_INTERVALS_PER_DAY = 6;
export const exceptionKinds = ['closed', 'open'] as const;
export type ExceptionKind = (typeof exceptionKinds)[number];
export const initialStatuses = ['requested', 'confirmed'] as const;
export type InitialStatus = (typeof initialStatuses)[number];

/** Bounds of the booking rules of a service (minutes, except the horizon in days). */
export const serviceRuleBounds = {
  durationMinutes: { min: 5, max: 480, step: MINUTE_GRID },
  stepMinutes: { min: 5, max: 120, step: MINUTE_GRID },
  minNoticeMinutes: { min: 0, max: 10_080, step: 1 },
  horizonDays: { min: 1, max: 365, step: 1 },
} as const;
export type ServiceRuleField = keyof typeof serviceRuleBounds;

const DAY_MS = 86_400_000;
const QUALIFICATION = /^[a-z][a-z0-9_]{0,39}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isResourceType(value: string): value is ResourceType {
  return (resourceTypes as readonly string[]).includes(value);
}

export function resourceKey(type: ResourceType, id: number): string {
  return `${type}:${id}`;
}

/** A real calendar date as YYYY-MM-DD (2026-02-30 is not one). */
export function isRealDate(text: string): boolean {
  return DATE.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

export function isTime(text: string): boolean {
  return TIME.test(text);
}

/** The instant a wall clock in `timeZone` shows `date` `time` (HH:MM); undefined for impossible input. */
export function localInstant(date: string, time: string, timeZone: string): number | undefined {
  if (!isRealDate(date) || !isTime(time)) return undefined;
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  return dt.isValid ? dt.toMillis() : undefined;
}

/** Start of the local day after `date` in `timeZone` (the end of a whole-day range). */
export function startOfNextDay(date: string, timeZone: string): number | undefined {
  if (!isRealDate(date)) return undefined;
  const dt = DateTime.fromISO(date, { zone: timeZone }).startOf('day').plus({ days: 1 });
  return dt.isValid ? dt.toMillis() : undefined;
}

// ---------- what the screens show ----------

export interface Practitioner {
  id: number;
  name: string;
  titleTr: string;
  titleEn: string;
  qualifications: string[];
  active: boolean;
}

export interface Device {
  id: number;
  kind: string;
  nameTr: string;
  nameEn: string;
  setupMinutes: number;
  cleanupMinutes: number;
  active: boolean;
}

export interface Room {
  id: number;
  kind: string;
  nameTr: string;
  nameEn: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  active: boolean;
}

export interface ResourceException {
  id: number;
  kind: ExceptionKind;
  start: number;
  end: number;
  note: string;
}

export interface ServiceRules {
  durationMinutes: number;
  stepMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  onlineBooking: boolean;
  initialStatus: InitialStatus;
  /** Patient reminder this many hours before (notifications); 0: none. Left as it is when not given. */
  reminderHours?: number;
}

export const reminderHoursBounds = { min: 0, max: 168 } as const;

export interface ServiceSetup extends ServiceRules {
  id: number;
  key: string;
  name: string;
  active: boolean;
  requirements: Array<{ type: string; qualification: string }>;
}

export interface ClinicHoliday {
  date: string;
  nameTr: string;
  nameEn: string;
  /** Closed from this HH:MM on (half days); null = the whole day. */
  closedFrom: string | null;
}

export type PractitionerInput = Omit<Practitioner, 'id'>;
export type DeviceInput = Omit<Device, 'id'>;
export type RoomInput = Omit<Room, 'id'>;
export interface ExceptionInput {
  kind: ExceptionKind;
  start: number;
  end: number;
  note: string;
}

function presentPractitioner(row: repo.PractitionerRow, qualifications: string[]): Practitioner {
  return { id: row.id, name: row.full_name, titleTr: row.title_tr, titleEn: row.title_en, qualifications, active: row.active === 1 };
}

function presentDevice(row: repo.DeviceRow): Device {
  return { id: row.id, kind: row.kind, nameTr: row.name_tr, nameEn: row.name_en, setupMinutes: row.setup_minutes, cleanupMinutes: row.cleanup_minutes, active: row.active === 1 };
}

function presentRoom(row: repo.RoomRow): Room {
  return {
    id: row.id,
    kind: row.kind,
    nameTr: row.name_tr,
    nameEn: row.name_en,
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    active: row.active === 1,
  };
}

function presentRules(row: repo.ServiceRulesRow): ServiceRules {
  return {
    durationMinutes: row.duration_minutes,
    stepMinutes: row.step_minutes,
    minNoticeMinutes: row.min_notice_minutes,
    horizonDays: row.horizon_days,
    onlineBooking: row.online_booking === 1,
    initialStatus: row.initial_status === 'confirmed' ? 'confirmed' : 'requested',
    reminderHours: row.reminder_hours,
  };
}

/** Field → { from, to } for every field whose value differs. */
function differences<T extends object>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as Array<keyof T & string>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = { from: before[key], to: after[key] };
  }
  return out;
}

function withoutId<T extends { id: number }>(value: T): Omit<T, 'id'> {
  const copy: Partial<T> = { ...value };
  delete copy.id;
  return copy as Omit<T, 'id'>;
}

function isBuffer(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= 0 && minutes <= BUFFER_MAX && minutes % MINUTE_GRID === 0;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function checkNames(fields: Record<string, string>): void {
  const bad: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) if (value.trim() === '' || value.length > NAME_MAX) bad[field] = 'invalid';
  if (Object.keys(bad).length) throw new Invalid(bad);
}

export interface ResourceServiceDeps {
  db: Database;
  settings: SettingsService;
  now: () => number;
}

export class ResourceService {
  readonly #db: Database;
  readonly #settings: SettingsService;
  readonly #now: () => number;

  constructor(deps: ResourceServiceDeps) {
    this.#db = deps.db;
    this.#settings = deps.settings;
    this.#now = deps.now;
  }

  get timeZone(): string {
    return this.#settings.current.timeZone;
  }

  now(): number {
    return this.#now();
  }

  /** Today's date in the clinic's zone (YYYY-MM-DD). */
  today(): string {
    return DateTime.fromMillis(this.#now(), { zone: this.timeZone }).toISODate() ?? '';
  }

  /** One change: the rows, the audit row and the content-version bump commit together. */
  async #change(actor: Signed, meta: RequestMeta, entry: Omit<audit.AuditEntry, 'at' | 'actor' | 'ip'>, write: (tx: Tx) => Promise<void>): Promise<void> {
    const at = this.#now();
    await this.#db.transaction().execute(async (tx) => {
      await write(tx);
      await audit.record(tx, { ...entry, at, actor: { id: actor.user.id, email: actor.user.email }, ip: meta.ip });
      await this.#settings.markContentChanged(tx);
    });
  }

  // ---------- overview and choices ----------

  async overview(): Promise<{ practitioners: Practitioner[]; devices: Device[]; rooms: Room[] }> {
    const [practitioners, qualifications, devices, rooms] = await Promise.all([
      repo.listPractitioners(this.#db),
      repo.qualificationsOf(this.#db),
      repo.listDevices(this.#db),
      repo.listRooms(this.#db),
    ]);
    // Sorted here, not in SQL: Turkish names (İ, Ş, Ö …) then come out the same on both engines.
    const byName = new Intl.Collator('tr');
    practitioners.sort((a, b) => b.active - a.active || byName.compare(a.full_name, b.full_name) || a.id - b.id);
    return {
      practitioners: practitioners.map((p) => presentPractitioner(p, qualifications.get(p.id) ?? [])),
      devices: devices.map(presentDevice),
      rooms: rooms.map(presentRoom),
    };
  }

  /** The fixed qualifications first, then any other one held or required, alphabetically. */
  async qualificationChoices(): Promise<string[]> {
    const known = (await repo.knownQualifications(this.#db)).filter((q) => QUALIFICATION.test(q));
    const extra = known.filter((q) => !(baseQualifications as readonly string[]).includes(q)).sort();
    return [...baseQualifications, ...extra];
  }

  async kindChoices(type: 'device' | 'room'): Promise<string[]> {
    return (await repo.knownKinds(this.#db, type)).sort();
  }

  // ---------- one resource ----------

  async practitioner(id: number): Promise<Practitioner> {
    const row = await repo.findPractitioner(this.#db, id);
    if (!row) throw new NotFound();
    const quals = await repo.qualificationsOf(this.#db, [id]);
    return presentPractitioner(row, quals.get(id) ?? []);
  }

  async device(id: number): Promise<Device> {
    const row = await repo.findDevice(this.#db, id);
    if (!row) throw new NotFound();
    return presentDevice(row);
  }

  async room(id: number): Promise<Room> {
    const row = await repo.findRoom(this.#db, id);
    if (!row) throw new NotFound();
    return presentRoom(row);
  }

  /** Throws NotFound unless the resource exists. */
  async requireResource(type: ResourceType, id: number): Promise<void> {
    if (type === 'practitioner') await this.practitioner(id);
    else if (type === 'device') await this.device(id);
    else await this.room(id);
  }

  async updatePractitioner(actor: Signed, id: number, input: PractitionerInput, meta: RequestMeta): Promise<boolean> {
    const before = await this.practitioner(id);
    checkNames({ name: input.name, titleTr: input.titleTr, titleEn: input.titleEn });
    const choices = await this.qualificationChoices();
    const qualifications = [...new Set(input.qualifications)].sort();
    if (qualifications.some((q) => !choices.includes(q))) throw new Invalid({ qualifications: 'unknown' });
    const after: PractitionerInput = { ...input, qualifications };
    const old = withoutId(before);
    const changed = differences({ ...old, qualifications: [...old.qualifications].sort() }, after);
    if (Object.keys(changed).length === 0) return false;
    await this.#change(actor, meta, { action: 'resource.update', target: { type: 'practitioner', id }, details: { changed } }, async (tx) => {
      await repo.updatePractitioner(tx, id, { full_name: after.name, title_tr: after.titleTr, title_en: after.titleEn, active: after.active ? 1 : 0 });
      if (!sameSet(before.qualifications, qualifications)) await repo.replaceQualifications(tx, id, qualifications);
    });
    return true;
  }

  async updateDevice(actor: Signed, id: number, input: DeviceInput, meta: RequestMeta): Promise<boolean> {
    const before = await this.device(id);
    checkNames({ nameTr: input.nameTr, nameEn: input.nameEn });
    const bad: Record<string, string> = {};
    if (!(await this.kindChoices('device')).includes(input.kind)) bad.kind = 'unknown';
    if (!isBuffer(input.setupMinutes)) bad.setupMinutes = 'range';
    if (!isBuffer(input.cleanupMinutes)) bad.cleanupMinutes = 'range';
    if (Object.keys(bad).length) throw new Invalid(bad);
    const changed = differences(withoutId(before), input);
    if (Object.keys(changed).length === 0) return false;
    await this.#change(actor, meta, { action: 'resource.update', target: { type: 'device', id }, details: { changed } }, (tx) =>
      repo.updateDevice(tx, id, {
        kind: input.kind,
        name_tr: input.nameTr,
        name_en: input.nameEn,
        setup_minutes: input.setupMinutes,
        cleanup_minutes: input.cleanupMinutes,
        active: input.active ? 1 : 0,
      }),
    );
    return true;
  }

  async updateRoom(actor: Signed, id: number, input: RoomInput, meta: RequestMeta): Promise<boolean> {
    const before = await this.room(id);
    checkNames({ nameTr: input.nameTr, nameEn: input.nameEn });
    const bad: Record<string, string> = {};
    if (!(await this.kindChoices('room')).includes(input.kind)) bad.kind = 'unknown';
    if (!isBuffer(input.bufferBeforeMinutes)) bad.bufferBeforeMinutes = 'range';
    if (!isBuffer(input.bufferAfterMinutes)) bad.bufferAfterMinutes = 'range';
    if (Object.keys(bad).length) throw new Invalid(bad);
    const changed = differences(withoutId(before), input);
    if (Object.keys(changed).length === 0) return false;
    await this.#change(actor, meta, { action: 'resource.update', target: { type: 'room', id }, details: { changed } }, (tx) =>
      repo.updateRoom(tx, id, {
        kind: input.kind,
        name_tr: input.nameTr,
        name_en: input.nameEn,
        buffer_before_minutes: input.bufferBeforeMinutes,
        buffer_after_minutes: input.bufferAfterMinutes,
        active: input.active ? 1 : 0,
      }),
    );
    return true;
  }

  // ---------- weekly hours ----------

  async weeklyHours(type: ResourceType, id: number): Promise<DailyInterval[]> {
    await this.requireResource(type, id);
    return repo.hoursOf(this.#db, resourceKey(type, id));
  }

  /** Replaces the whole week; returns false (and writes nothing) when nothing changed. */
  async setWeeklyHours(actor: Signed, type: ResourceType, id: number, hours: readonly DailyInterval[], meta: RequestMeta): Promise<boolean> {
    const before = await this.weeklyHours(type, id);
    // The same rules as parseDayText, enforced here too: whole days 1–7, HH:MM, opens < closes, no overlaps.
    const bad: Record<string, string> = {};
    for (let day = 1; day <= 7; day++) {
      const list = hours.filter((h) => h.day === day).sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens));
      const ok =
        list.length <= MAX_INTERVALS_PER_DAY &&
        list.every((h, i) => isTime(h.opens) && isTime(h.closes) && minutesOf(h.opens) < minutesOf(h.closes) && (i === 0 || minutesOf(list[i - 1]!.closes) <= minutesOf(h.opens)));
      if (!ok) bad[`hours.${day}`] = 'invalid';
    }
    if (hours.some((h) => !Number.isInteger(h.day) || h.day < 1 || h.day > 7)) bad.hours = 'invalid';
    if (Object.keys(bad).length) throw new Invalid(bad);
    const changed: Record<string, { from: string; to: string }> = {};
    for (let day = 1; day <= 7; day++) {
      const from = dayText(before, day);
      const to = dayText([...hours].sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens)), day);
      if (from !== to) changed[String(day)] = { from, to };
    }
    if (Object.keys(changed).length === 0) return false;
    const key = resourceKey(type, id);
    await this.#change(actor, meta, { action: 'resource.hours.update', target: { type, id }, details: { changed } }, (tx) =>
      repo.replaceHours(
        tx,
        key,
        hours.map((h) => ({ day: h.day, opens: h.opens, closes: h.closes })),
      ),
    );
    return true;
  }

  // ---------- exceptions ----------

  async upcomingExceptions(type: ResourceType, id: number): Promise<ResourceException[]> {
    await this.requireResource(type, id);
    const rows = await repo.upcomingExceptions(this.#db, resourceKey(type, id), this.#now());
    return rows.map((r) => ({ id: r.id, kind: r.kind === 'open' ? 'open' : 'closed', start: r.starts_at, end: r.ends_at, note: r.note }));
  }

  async addException(actor: Signed, type: ResourceType, id: number, input: ExceptionInput, meta: RequestMeta): Promise<number> {
    await this.requireResource(type, id);
    if (!(exceptionKinds as readonly string[]).includes(input.kind)) throw new Invalid({ exceptionKind: 'unknown' });
    if (!Number.isSafeInteger(input.start) || !Number.isSafeInteger(input.end) || input.end <= input.start) throw new Invalid({ to: 'order' });
    if (input.end - input.start > MAX_EXCEPTION_DAYS * DAY_MS) throw new Invalid({ to: 'tooLong' });
    if (input.end <= this.#now()) throw new Invalid({ to: 'past' });
    if (input.note.length > NOTE_MAX) throw new Invalid({ note: 'tooLong' });
    let newId = 0;
    const key = resourceKey(type, id);
    await this.#change(
      actor,
      meta,
      {
        action: 'resource.exception.create',
        target: { type, id },
        details: { kind: input.kind, start: new Date(input.start).toISOString(), end: new Date(input.end).toISOString(), note: input.note },
      },
      async (tx) => {
        newId = await repo.insertException(tx, { resource_key: key, starts_at: input.start, ends_at: input.end, kind: input.kind, note: input.note });
      },
    );
    return newId;
  }

  async deleteException(actor: Signed, type: ResourceType, id: number, exceptionId: number, meta: RequestMeta): Promise<void> {
    await this.requireResource(type, id);
    const row = await repo.findException(this.#db, exceptionId);
    if (!row || row.resource_key !== resourceKey(type, id)) throw new NotFound();
    await this.#change(
      actor,
      meta,
      {
        action: 'resource.exception.delete',
        target: { type, id },
        details: { exceptionId, kind: row.kind, start: new Date(row.starts_at).toISOString(), end: new Date(row.ends_at).toISOString(), note: row.note },
      },
      (tx) => repo.deleteException(tx, exceptionId),
    );
  }

  // ---------- services ----------

  async services(locale: Locale): Promise<ServiceSetup[]> {
    const [rows, names, requirements] = await Promise.all([repo.listServices(this.#db), repo.serviceNames(this.#db, locale), repo.serviceRequirements(this.#db)]);
    return rows.map((r) => ({
      id: r.id,
      key: r.key,
      name: names.get(r.id) ?? r.key,
      active: r.active === 1,
      ...presentRules(r),
      requirements: (requirements.get(r.id) ?? []).map((q) => ({ type: q.resource_type, qualification: q.qualification })),
    }));
  }

  /** Returns false when nothing changed. */
  async updateServiceRules(actor: Signed, serviceId: number, rules: ServiceRules, meta: RequestMeta): Promise<boolean> {
    const row = await repo.findService(this.#db, serviceId);
    if (!row) throw new NotFound();
    const bad: Record<string, string> = {};
    for (const field of Object.keys(serviceRuleBounds) as ServiceRuleField[]) {
      const { min, max, step } = serviceRuleBounds[field];
      const value = rules[field];
      if (!Number.isInteger(value) || value < min || value > max || value % step !== 0) bad[field] = 'range';
    }
    if (!(initialStatuses as readonly string[]).includes(rules.initialStatus)) bad.initialStatus = 'unknown';
    const reminder = rules.reminderHours;
    if (reminder !== undefined && (!Number.isInteger(reminder) || reminder < reminderHoursBounds.min || reminder > reminderHoursBounds.max)) bad.reminderHours = 'range';
    if (Object.keys(bad).length) throw new Invalid(bad);
    const changed = differences(presentRules(row), rules);
    if (Object.keys(changed).length === 0) return false;
    await this.#change(actor, meta, { action: 'service.rules.update', target: { type: 'service', id: serviceId }, details: { key: row.key, changed } }, (tx) =>
      repo.updateServiceRules(tx, serviceId, {
        duration_minutes: rules.durationMinutes,
        step_minutes: rules.stepMinutes,
        min_notice_minutes: rules.minNoticeMinutes,
        horizon_days: rules.horizonDays,
        online_booking: rules.onlineBooking ? 1 : 0,
        initial_status: rules.initialStatus,
        ...(reminder !== undefined ? { reminder_hours: reminder } : {}),
      }),
    );
    return true;
  }

  // ---------- holidays ----------

  async upcomingHolidays(): Promise<ClinicHoliday[]> {
    const rows = await repo.holidaysFrom(this.#db, this.today());
    return rows.map((r) => ({ date: r.date, nameTr: r.name_tr, nameEn: r.name_en, closedFrom: r.starts_at }));
  }

  async addHoliday(actor: Signed, input: ClinicHoliday, meta: RequestMeta): Promise<void> {
    const bad: Record<string, string> = {};
    if (!isRealDate(input.date)) bad.date = 'invalid';
    else if (input.date < this.today()) bad.date = 'past';
    if (input.closedFrom !== null && !isTime(input.closedFrom)) bad.closedFrom = 'invalid';
    if (Object.keys(bad).length) throw new Invalid(bad);
    checkNames({ nameTr: input.nameTr, nameEn: input.nameEn });
    const row = { date: input.date, name_tr: input.nameTr, name_en: input.nameEn, starts_at: input.closedFrom };
    await this.#change(actor, meta, { action: 'holiday.create', target: { type: 'holiday', id: input.date }, details: { ...input } }, async (tx) => {
      // The date is the key: a second holiday on the same date is refused (the whole transaction rolls back).
      if (!(await repo.insertHoliday(tx, row))) throw new Invalid({ date: 'taken' });
    });
  }

  async deleteHoliday(actor: Signed, date: string, meta: RequestMeta): Promise<void> {
    if (!isRealDate(date)) throw new NotFound();
    const row = await repo.findHoliday(this.#db, date);
    if (!row) throw new NotFound();
    await this.#change(
      actor,
      meta,
      { action: 'holiday.delete', target: { type: 'holiday', id: date }, details: { date, nameTr: row.name_tr, nameEn: row.name_en, closedFrom: row.starts_at } },
      (tx) => repo.deleteHoliday(tx, date),
    );
  }
}
