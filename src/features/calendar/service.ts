// The back-office calendar (day and week, by practitioner, device or room) and the device utilization report.
// Working intervals come from the booking engine's pure expandAvailability(); this module only arranges them.
import { DateTime } from 'luxon';
import type { Database } from '../../db/connect.ts';
import type { Locale } from '../../db/schema.ts';
import { Forbidden, Invalid } from '../../errors.ts';
import { expandAvailability, intersect, normalize, type CalendarException, type Holiday, type Interval, type WeeklyInterval } from '../booking/engine/index.ts';
import type { ClinicSettings } from '../settings/schema.ts';
import { can } from '../staff/permissions.ts';
import type { Signed } from '../staff/service.ts';
import * as repo from './repo.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const calendarKinds = ['practitioner', 'device', 'room'] as const;
export type CalendarKind = (typeof calendarKinds)[number];
export const calendarSpans = ['day', 'week'] as const;
export type CalendarSpan = (typeof calendarSpans)[number];
export const MAX_REPORT_DAYS = 92;
/** Statuses staff may still move (the same as the booking service's changeable ones). */
const movable = new Set(['requested', 'confirmed']);

export interface CalendarQuery {
  date: string;
  span: CalendarSpan;
  kind: CalendarKind;
  locationId?: number | undefined;
}

export interface CalendarAppointment {
  id: number;
  start: number;
  end: number;
  /** Start and end including this resource's setup and cleaning. */
  occupiedStart: number;
  occupiedEnd: number;
  status: string;
  patientName: string;
  serviceName: string;
  movable: boolean;
}

export interface CalendarDay {
  date: string;
  start: number;
  end: number;
  holiday?: { name: string; closedFrom: string | null } | undefined;
}

export interface CalendarCell {
  date: string;
  /** Working intervals (hours − breaks − holidays − leave/maintenance + extra hours). */
  working: Interval[];
  /** Leave, maintenance, closures (shown with their note). */
  closures: Array<Interval & { note: string }>;
  appointments: CalendarAppointment[];
}

export interface CalendarColumn {
  key: string;
  type: CalendarKind;
  name: string;
  detail: string;
  cells: CalendarCell[];
}

export interface MoveOptions {
  start: number;
  end: number;
  /** Requested and confirmed appointments move; the others keep their time. */
  movable: boolean;
  choices: Array<{ type: CalendarKind; options: Array<{ key: string; name: string }> }>;
}

export interface CalendarView {
  timeZone: string;
  query: CalendarQuery;
  days: CalendarDay[];
  columns: CalendarColumn[];
  /** Minutes after local midnight shown, whole hours: [from, to). */
  minutes: { from: number; to: number };
  locations: Array<{ id: number; name: string }>;
  /** Without calendar.viewAll: only the practitioner linked to the account. */
  ownOnly: boolean;
  notLinked: boolean;
  canMove: boolean;
}

export interface UtilizationQuery {
  from: string;
  to: string;
  /** Heat map for one device (key), or all. */
  device?: string | undefined;
}

export interface Usage {
  bookedMinutes: number;
  availableMinutes: number;
}

export interface UtilizationReport {
  timeZone: string;
  query: UtilizationQuery;
  devices: Array<{ key: string; name: string }>;
  days: Array<{ date: string; weekday: number }>;
  /** device key → one Usage per day (same order as days). */
  perDay: Map<string, Usage[]>;
  weeks: Array<{ monday: string; perDevice: Map<string, Usage>; total: Usage }>;
  totals: Map<string, Usage>;
  /** Weekday (1–7) × hour → usage, for hours firstHour..lastHour (exclusive). */
  heat: { firstHour: number; lastHour: number; cells: Map<number, Usage[]> };
}

export interface CalendarServiceDeps {
  db: Database;
  settings: () => ClinicSettings;
  now: () => number;
}

const dayBounds = new Map<string, { start: number; end: number; weekday: number }>();

/** [start, end) of a local date in the zone, and its ISO weekday; memoized (zone rules are costly, dates never move). */
function localDay(date: string, timeZone: string): { start: number; end: number; weekday: number } {
  const key = `${timeZone}|${date}`;
  let bounds = dayBounds.get(key);
  if (!bounds) {
    const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
    bounds = { start: start.toMillis(), end: start.plus({ days: 1 }).startOf('day').toMillis(), weekday: start.weekday };
    if (dayBounds.size >= 10_000) dayBounds.clear();
    dayBounds.set(key, bounds);
  }
  return bounds;
}

const DAY_MS = 86_400_000;

/** Calendar arithmetic on YYYY-MM-DD (read as UTC midnight: no zone involved). */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the ISO week containing the date. */
export function mondayOf(date: string): string {
  const weekday = (new Date(Date.parse(`${date}T00:00:00Z`)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -weekday);
}

function overlapMinutes(list: readonly Interval[], window: Interval): number {
  let total = 0;
  for (const i of list) {
    const s = Math.max(i.start, window.start);
    const e = Math.min(i.end, window.end);
    if (e > s) total += e - s;
  }
  return total / MINUTE;
}

function add(usage: Usage, more: Usage): void {
  usage.bookedMinutes += more.bookedMinutes;
  usage.availableMinutes += more.availableMinutes;
}

export class CalendarService {
  readonly #db: Database;
  readonly #settings: () => ClinicSettings;
  readonly #now: () => number;

  constructor(deps: CalendarServiceDeps) {
    this.#db = deps.db;
    this.#settings = deps.settings;
    this.#now = deps.now;
  }

  get timeZone(): string {
    return this.#settings().timeZone;
  }

  now(): number {
    return this.#now();
  }

  today(): string {
    return DateTime.fromMillis(this.#now(), { zone: this.timeZone }).toISODate() ?? '';
  }

  locations(): Promise<Array<{ id: number; name: string }>> {
    return repo.locations(this.#db);
  }

  /** Weekly hours, exceptions and holidays of the resources, expanded by the engine over the window. */
  async #working(keys: readonly string[], window: Interval, fromDate: string, toDate: string) {
    const timeZone = this.timeZone;
    const [hours, exceptions, holidays] = await Promise.all([
      repo.weeklyHours(this.#db, keys),
      repo.exceptionsOverlapping(this.#db, keys, window.start, window.end),
      repo.holidaysBetween(this.#db, fromDate, toDate),
    ]);
    const weekly = new Map<string, WeeklyInterval[]>();
    for (const h of hours) weekly.set(h.resource_key, [...(weekly.get(h.resource_key) ?? []), { day: h.day, opens: h.opens, closes: h.closes }]);
    const calendarExceptions = new Map<string, CalendarException[]>();
    for (const e of exceptions) {
      calendarExceptions.set(e.resource_key, [...(calendarExceptions.get(e.resource_key) ?? []), { start: e.starts_at, end: e.ends_at, kind: e.kind === 'open' ? 'open' : 'closed' }]);
    }
    const engineHolidays: Holiday[] = holidays.map((h) => ({ date: h.date, startsAt: h.starts_at }));
    const working = new Map<string, Interval[]>();
    for (const key of keys) working.set(key, expandAvailability(weekly.get(key) ?? [], calendarExceptions.get(key) ?? [], engineHolidays, window, timeZone));
    return { working, exceptions, holidays };
  }

  /** The calendar grid for a day or a week (appointments.view; every resource only with calendar.viewAll). */
  async view(actor: Signed, query: CalendarQuery, locale: Locale): Promise<CalendarView> {
    if (!can(actor.user.role, 'appointments.view')) throw new Forbidden();
    const timeZone = this.timeZone;
    const ownOnly = !can(actor.user.role, 'calendar.viewAll');
    const q: CalendarQuery = ownOnly ? { ...query, kind: 'practitioner', locationId: undefined } : query;
    const first = q.span === 'week' ? mondayOf(q.date) : q.date;
    const dates = Array.from({ length: q.span === 'week' ? 7 : 1 }, (_, i) => addDays(first, i));
    const last = dates[dates.length - 1]!;
    const window = { start: localDay(first, timeZone).start, end: localDay(last, timeZone).end };

    let resources = await repo.activeResources(this.#db, q.kind);
    if (q.locationId !== undefined) resources = resources.filter((r) => r.locationId === q.locationId);
    if (ownOnly) resources = resources.filter((r) => actor.user.practitionerId !== null && r.id === actor.user.practitionerId);
    const keys = resources.map((r) => r.key);

    const [{ working, exceptions, holidays }, appointments, locations] = await Promise.all([
      this.#working(keys, window, first, last),
      repo.appointmentsHolding(this.#db, keys, window.start, window.end, locale),
      repo.locations(this.#db),
    ]);
    const holidayByDate = new Map(holidays.map((h) => [h.date, h]));
    const days: CalendarDay[] = dates.map((date) => {
      const bounds = localDay(date, timeZone);
      const h = holidayByDate.get(date);
      return { date, start: bounds.start, end: bounds.end, holiday: h ? { name: locale === 'tr' ? h.name_tr : h.name_en, closedFrom: h.starts_at } : undefined };
    });

    let minFrom = 8 * 60;
    let maxTo = 19 * 60;
    const widen = (t0: number, t1: number, day: CalendarDay) => {
      const a = Math.max(0, Math.floor((Math.max(t0, day.start) - day.start) / MINUTE));
      const b = Math.min(24 * 60, Math.ceil((Math.min(t1, day.end) - day.start) / MINUTE));
      if (b > a) {
        minFrom = Math.min(minFrom, a);
        maxTo = Math.max(maxTo, b);
      }
    };

    const byKey = new Map<string, repo.CalendarAppointmentRow[]>();
    for (const a of appointments) byKey.set(a.resource_key, [...(byKey.get(a.resource_key) ?? []), a]);
    const columns: CalendarColumn[] = resources.map((r) => {
      const all = working.get(r.key) ?? [];
      const closures = exceptions.filter((e) => e.resource_key === r.key && e.kind !== 'open');
      const held = byKey.get(r.key) ?? [];
      return {
        key: r.key,
        type: r.type,
        name: locale === 'tr' ? r.nameTr : r.nameEn,
        detail: locale === 'tr' ? r.detailTr : r.detailEn,
        cells: days.map((day) => {
          const dayWindow = [{ start: day.start, end: day.end }];
          const cell: CalendarCell = {
            date: day.date,
            working: intersect(all, dayWindow),
            closures: closures.flatMap((c) => intersect([{ start: c.starts_at, end: c.ends_at }], dayWindow).map((i) => ({ ...i, note: c.note }))),
            appointments: held
              .filter((a) => a.occupied_start < day.end && a.occupied_end > day.start)
              .map((a) => ({
                id: a.id,
                start: a.starts_at,
                end: a.ends_at,
                occupiedStart: a.occupied_start,
                occupiedEnd: a.occupied_end,
                status: a.status,
                patientName: a.patient_name,
                serviceName: a.service_name ?? a.service_key,
                movable: movable.has(a.status),
              })),
          };
          for (const w of cell.working) widen(w.start, w.end, day);
          for (const a of cell.appointments) widen(a.occupiedStart, a.occupiedEnd, day);
          return cell;
        }),
      };
    });
    return {
      timeZone,
      query: q,
      days,
      columns,
      minutes: { from: Math.floor(minFrom / 60) * 60, to: Math.min(24 * 60, Math.ceil(maxTo / 60) * 60) },
      locations,
      ownOnly,
      notLinked: ownOnly && actor.user.practitionerId === null,
      canMove: can(actor.user.role, 'appointments.manage'),
    };
  }

  /**
   * What the appointment page's Move form needs: the current time, whether the status still allows a move, and per
   * resource type the service requires, the active resources that can serve it (appointments.view; own appointments
   * only without calendar.viewAll). Undefined for an unknown appointment.
   */
  async moveOptions(actor: Signed, id: number, locale: Locale): Promise<MoveOptions | undefined> {
    if (!can(actor.user.role, 'appointments.view')) throw new Forbidden();
    const found = await repo.appointmentForMove(this.#db, id);
    if (!found) return undefined;
    if (!can(actor.user.role, 'calendar.viewAll') && (actor.user.practitionerId === null || !found.resources.includes(`practitioner:${actor.user.practitionerId}`))) {
      throw new Forbidden();
    }
    const choices: MoveOptions['choices'] = [];
    const requirements = await repo.serviceRequirements(this.#db, found.row.service_id);
    for (const type of calendarKinds) {
      const needs = requirements.filter((req) => req.resource_type === type);
      if (needs.length === 0) continue;
      const all = await repo.activeResources(this.#db, type);
      let fit: repo.ResourceRow[];
      if (type === 'practitioner') {
        const qualified = new Set((await Promise.all(needs.map((n) => repo.practitionersQualified(this.#db, n.qualification)))).flat());
        fit = all.filter((r) => qualified.has(r.id));
      } else {
        const kinds = new Set(needs.map((n) => n.qualification));
        fit = all.filter((r) => kinds.has(r.detailEn));
      }
      choices.push({ type, options: fit.map((r) => ({ key: r.key, name: locale === 'tr' ? r.nameTr : r.nameEn })) });
    }
    return { start: found.row.starts_at, end: found.row.ends_at, movable: movable.has(found.row.status), choices };
  }

  /** Device utilization between two local dates (reports.view): per day, per week, and a weekday × hour heat map. */
  async utilization(actor: Signed, query: UtilizationQuery, locale: Locale): Promise<UtilizationReport> {
    if (!can(actor.user.role, 'reports.view')) throw new Forbidden();
    const timeZone = this.timeZone;
    const dates: string[] = [];
    for (let d = query.from; d <= query.to && dates.length <= MAX_REPORT_DAYS; d = addDays(d, 1)) dates.push(d);
    if (dates.length === 0 || dates.length > MAX_REPORT_DAYS) throw new Invalid({ to: 'range' });
    const window = { start: localDay(query.from, timeZone).start, end: localDay(query.to, timeZone).end };
    const devices = await repo.activeResources(this.#db, 'device');
    const keys = devices.map((d) => d.key);
    const [{ working }, sessions] = await Promise.all([this.#working(keys, window, query.from, query.to), repo.sessionsUsing(this.#db, keys, window.start, window.end)]);
    const booked = new Map<string, Interval[]>();
    for (const s of sessions) booked.set(s.resource_key, [...(booked.get(s.resource_key) ?? []), { start: s.starts_at, end: s.ends_at }]);

    const days = dates.map((date) => ({ date, ...localDay(date, timeZone) }));
    const perDay = new Map<string, Usage[]>();
    const totals = new Map<string, Usage>();
    const heatKeys = query.device && keys.includes(query.device) ? [query.device] : keys;
    const heatHours = new Map<number, Usage[]>(); // weekday → 24 hours
    for (let w = 1; w <= 7; w++) heatHours.set(w, Array.from({ length: 24 }, () => ({ bookedMinutes: 0, availableMinutes: 0 })));
    let firstHour = 24;
    let lastHour = 0;
    for (const key of keys) {
      const free = normalize(working.get(key) ?? []);
      const used = normalize(booked.get(key) ?? []);
      const total: Usage = { bookedMinutes: 0, availableMinutes: 0 };
      perDay.set(
        key,
        days.map((day) => {
          const usage = { bookedMinutes: overlapMinutes(used, day), availableMinutes: overlapMinutes(free, day) };
          add(total, usage);
          if (heatKeys.includes(key)) {
            const row = heatHours.get(day.weekday)!;
            for (let h = 0; h < 24; h++) {
              const slot = { start: day.start + h * HOUR, end: day.start + (h + 1) * HOUR };
              if (slot.start >= day.end) break;
              const cell = { bookedMinutes: overlapMinutes(used, slot), availableMinutes: overlapMinutes(free, slot) };
              if (cell.availableMinutes > 0 || cell.bookedMinutes > 0) {
                firstHour = Math.min(firstHour, h);
                lastHour = Math.max(lastHour, h + 1);
              }
              add(row[h]!, cell);
            }
          }
          return usage;
        }),
      );
      totals.set(key, total);
    }
    const weeks: UtilizationReport['weeks'] = [];
    days.forEach((day, i) => {
      const monday = mondayOf(day.date);
      let week = weeks[weeks.length - 1];
      if (week?.monday !== monday) {
        week = { monday, perDevice: new Map(keys.map((k) => [k, { bookedMinutes: 0, availableMinutes: 0 }])), total: { bookedMinutes: 0, availableMinutes: 0 } };
        weeks.push(week);
      }
      for (const key of keys) {
        const usage = perDay.get(key)![i]!;
        add(week.perDevice.get(key)!, usage);
        add(week.total, usage);
      }
    });
    if (firstHour >= lastHour) {
      firstHour = 8;
      lastHour = 19;
    }
    return {
      timeZone,
      query: { ...query, device: heatKeys.length === 1 && keys.length > 1 ? heatKeys[0] : query.device && keys.includes(query.device) ? query.device : undefined },
      devices: devices.map((d) => ({ key: d.key, name: locale === 'tr' ? d.nameTr : d.nameEn })),
      days: days.map((d) => ({ date: d.date, weekday: d.weekday })),
      perDay,
      weeks,
      totals,
      heat: { firstHour, lastHour, cells: new Map([...heatHours].map(([w, hours]) => [w, hours.slice(firstHour, lastHour)])) },
    };
  }
}
