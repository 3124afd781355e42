// Front-desk rules: phone bookings for callers, the appointment lifecycle (state machine, audit, history, events), the
// day's list, and the waitlist — entries, offers made inside the transaction that frees a slot, and accepting an offer
// (first come, first served: the occupancy table decides).
import { createHmac, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database, Tx } from '../../db/connect.ts';
import type { Locale } from '../../db/schema.ts';
import { Conflict, Forbidden, Invalid, NotFound, SlotTaken } from '../../errors.ts';
import { translator, type MessageKey, type Translate } from '../../i18n/index.ts';
import { fieldMessages, type FieldMessages } from '../../web/forms.ts';
import { foldTurkish } from '../articles/text.ts';
import * as audit from '../audit/service.ts';
import type { AppointmentEvent } from '../booking/events.ts';
import { recordNoticeGiven, type BookingService, type OnBehalfResult } from '../booking/service.ts';
import { patientLocale } from '../booking/repo.ts';
import type { NewOutboxMessage } from '../notifications/outbox.ts';
import { recordWhatsAppOptIn, whatsappOptedIn } from '../notifications/service.ts';
import type { ClinicSettings } from '../settings/schema.ts';
import { can, type Action } from '../staff/permissions.ts';
import type { Signed } from '../staff/service.ts';
import { cancelByStaffInput, phoneBookingInput, waitlistInput } from './input.ts';
import * as repo from './repo.ts';
import { actionsFrom, eventKindFor, lifecycleStatuses, transition, type LifecycleAction, type LifecycleStatus } from './transitions.ts';

const MINUTE = 60_000;
const PATIENT_SEARCH_LIMIT = 20;
/** Name search folds in code over at most this many patients (newest first). */
/** A freed slot starting sooner than this is not offered: nobody could act on the message in time. */
const OFFER_MIN_LEAD_MS = 60 * MINUTE;

/** The outbox's enqueue (notifications/outbox.ts): offers are written in the transaction that frees the slot. */
export type Enqueue = (db: Tx, message: NewOutboxMessage, now: number) => Promise<number | undefined>;

export interface FrontDeskDeps {
  db: Database;
  config: Config;
  booking: BookingService;
  settings: () => ClinicSettings;
  now: () => number;
  /** The outbox; without it offers are still made (and shown to staff) but no message is sent. */
  enqueue?: Enqueue | undefined;
}

export interface Meta {
  ip?: string | undefined;
}

export interface PatientMatch {
  id: number;
  name: string;
  phone: string;
  email: string | null;
  locale: Locale;
}

export interface AppointmentView {
  id: number;
  status: LifecycleStatus;
  start: number;
  end: number;
  source: string;
  locale: Locale;
  cancelReason: string | null;
  cancelledBy: string | null;
  createdAt: number;
  service: { key: string; name: string };
  patient: { id: number; name: string; phone: string; email: string | null };
  resources: Array<{ key: string; name: string }>;
  note: string;
  history: Array<{ from: string | null; to: string; at: number; by: string; staffName: string | null; reason: string | null }>;
  /** The actions the status allows and the signed-in person may take. */
  actions: LifecycleAction[];
}

export interface DayEntry {
  id: number;
  start: number;
  end: number;
  status: LifecycleStatus;
  patient: { name: string; phone: string };
  service: string;
  practitioners: string[];
  resources: string[];
  note: string;
}

export interface WaitlistEntryView {
  id: number;
  patient: { id: number; name: string; phone: string };
  service: { key: string; name: string };
  weekdays: number[];
  timeRanges: string[];
  dateFrom: string;
  dateTo: string;
  notes: string;
  status: string;
  appointmentId: number | null;
  createdAt: number;
  offers: Array<{ start: number; expiresAt: number; status: string }>;
}

export type OfferState = 'open' | 'accepted' | 'taken' | 'expired' | 'withdrawn';

export interface OfferView {
  state: OfferState;
  locale: Locale;
  service: { key: string; name: string };
  start: number;
  end: number;
  expiresAt: number;
}

/** Field messages: zod's own, plus custom issues whose message is a catalog key (booking.*, form.*, frontdesk.*). */
export function frontdeskFieldMessages(error: z.ZodError, t: Translate): FieldMessages {
  const out = fieldMessages(error, t);
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    // Also a schema's own `error` may name a catalog key (frontdesk.error.kvkkNotice for a missing consent object).
    if ((issue.code === 'custom' || /^frontdesk\.error\./.test(issue.message)) && /^(booking|form|frontdesk)\./.test(issue.message)) out[key] = t(issue.message as MessageKey);
  }
  return out;
}

/** "Thursday, 3 December 2026 at 11:30" / "3 Aralık 2026 Perşembe 11:30": unambiguous in a message. */
function fullDateTime(locale: Locale, instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'tr' ? 'tr-TR' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(instant);
}

function asStatus(value: string): LifecycleStatus {
  return (lifecycleStatuses as readonly string[]).includes(value) ? (value as LifecycleStatus) : 'requested';
}

/** Which permission each action needs: check-in and completion are part of a therapist's session, the rest is the desk's. */
export function actionPermission(action: LifecycleAction): Action {
  return action === 'check-in' || action === 'complete' ? 'appointments.attend' : 'appointments.manage';
}

export class FrontDeskService {
  readonly #db: Database;
  readonly #config: Config;
  readonly #booking: BookingService;
  readonly #settings: () => ClinicSettings;
  readonly #now: () => number;
  readonly #enqueue: Enqueue | undefined;

  constructor(deps: FrontDeskDeps) {
    this.#db = deps.db;
    this.#config = deps.config;
    this.#booking = deps.booking;
    this.#settings = deps.settings;
    this.#now = deps.now;
    this.#enqueue = deps.enqueue;
    // Inside the transaction that frees a slot: the offers commit (or roll back) with the cancellation or move.
    deps.booking.events.on((tx, event) => this.#onAppointmentEvent(tx, event));
  }

  get timeZone(): string {
    return this.#settings().timeZone;
  }

  #assertCan(actor: Signed, action: Action): void {
    if (!can(actor.user.role, action)) throw new Forbidden();
  }

  #t(actor: Signed): Translate {
    return translator(actor.user.locale);
  }

  // ---------- patients ----------

  /** Patients by phone digits (3 or more) or by name (every word, Turkish letters and case folded). */
  async searchPatients(actor: Signed, query: string): Promise<PatientMatch[]> {
    this.#assertCan(actor, 'appointments.view');
    const q = query.normalize('NFC').trim().slice(0, 100);
    if (q.length < 2) return [];
    const present = (r: repo.PatientRow): PatientMatch => ({ id: r.id, name: r.full_name, phone: r.phone, email: r.email, locale: r.locale });
    const digits = q.replace(/\D/g, '');
    if (digits.length >= 3 && /^[\d\s()+./-]+$/.test(q)) {
      // "0532 …" is stored as +90532…: the national prefix 0 goes.
      const national = digits.startsWith('0') ? digits.slice(1) : digits;
      return (await repo.patientsByPhoneDigits(this.#db, national, PATIENT_SEARCH_LIMIT)).map(present);
    }
    const words = foldTurkish(q).split(/\s+/).filter(Boolean).slice(0, 8);
    const found = await repo.patientsByNameWords(this.#db, words, 10 * PATIENT_SEARCH_LIMIT);
    return found
      .sort((a, b) => a.full_name.localeCompare(b.full_name, 'tr') || a.id - b.id)
      .slice(0, PATIENT_SEARCH_LIMIT)
      .map(present);
  }

  async patient(actor: Signed, id: number): Promise<PatientMatch | undefined> {
    this.#assertCan(actor, 'appointments.view');
    const r = await repo.findPatient(this.#db, id);
    return r && { id: r.id, name: r.full_name, phone: r.phone, email: r.email, locale: r.locale };
  }

  async services(locale: Locale): Promise<Array<{ key: string; name: string; durationMinutes: number }>> {
    const rows = await repo.activeServices(this.#db, locale);
    return rows.map((r) => ({ key: r.key, name: r.name ?? r.key, durationMinutes: r.duration_minutes }));
  }

  /** Candidate resources of a service with their names, grouped by type (for the manual override). */
  async resourceChoices(serviceKey: string, locale: Locale): Promise<Array<{ type: string; options: Array<{ key: string; name: string }> }>> {
    const [candidates, names] = await Promise.all([this.#booking.candidatesFor(serviceKey), repo.resourceNames(this.#db, locale)]);
    const groups = new Map<string, Array<{ key: string; name: string }>>();
    for (const c of candidates) groups.set(c.type, [...(groups.get(c.type) ?? []), { key: c.key, name: names.get(c.key) ?? c.key }]);
    return (['practitioner', 'device', 'room'] as const).filter((type) => groups.has(type)).map((type) => ({ type, options: groups.get(type)! }));
  }

  async practitioners(): Promise<Array<{ id: number; name: string }>> {
    return (await repo.activePractitioners(this.#db)).map((p) => ({ id: p.id, name: p.full_name }));
  }

  // ---------- phone booking ----------

  /**
   * Books a caller into a slot (appointments.manage): an existing patient or a new one, a suggested start or a manual
   * override of resources, staff-only notes. Source "phone". Double submits with the same key book once.
   */
  async bookForCaller(actor: Signed, raw: unknown, ctx: Meta & { idempotencyKey?: string | undefined } = {}): Promise<OnBehalfResult> {
    this.#assertCan(actor, 'appointments.manage');
    const t = this.#t(actor);
    if (ctx.idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(ctx.idempotencyKey)) throw new Invalid({ 'Idempotency-Key': t('booking.error.idempotencyKey') });
    const parsed = phoneBookingInput.safeParse(raw);
    if (!parsed.success) throw new Invalid(frontdeskFieldMessages(parsed.error, t));
    const input = parsed.data;
    const now = this.#now();
    const notes = input.notes?.trim() ?? '';
    return this.#booking.bookOnBehalf({
      serviceKey: input.service,
      start: input.start,
      patient: input.patientId !== undefined ? { id: input.patientId } : { ...input.patient! },
      resources: input.resources,
      source: 'phone',
      by: 'clinic',
      consent: { kvkkNotice: input.consent.kvkkNoticeGiven, whatsapp: input.consent.whatsapp },
      staffId: actor.user.id,
      actor: { id: actor.user.id, email: actor.user.email },
      idempotencyKey: ctx.idempotencyKey === undefined ? undefined : `staff:${actor.user.id}:${ctx.idempotencyKey}`,
      ip: ctx.ip ?? null,
      locale: actor.user.locale,
      now,
      within: async (tx, id) => {
        const status = await this.#statusOf(tx, id);
        await repo.insertHistory(tx, { appointment_id: id, from_status: null, to_status: status, at: now, by: 'clinic', staff_id: actor.user.id, reason: null });
        if (notes) await repo.saveNote(tx, id, notes, actor.user.id, now);
      },
    });
  }

  async #statusOf(tx: Tx, id: number): Promise<string> {
    const row = await tx.selectFrom('appointments').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    return row.status;
  }

  // ---------- one appointment and its lifecycle ----------

  async appointment(actor: Signed, id: number): Promise<AppointmentView> {
    this.#assertCan(actor, 'appointments.view');
    if (!Number.isSafeInteger(id) || id <= 0) throw new NotFound();
    const locale = actor.user.locale;
    const row = await repo.findAppointment(this.#db, id, locale);
    if (!row) throw new NotFound();
    const [keys, names, history] = await Promise.all([repo.appointmentResourceKeys(this.#db, [id]), repo.resourceNames(this.#db, locale), repo.history(this.#db, id)]);
    const status = asStatus(row.status);
    const dayStart = DateTime.fromMillis(row.starts_at, { zone: this.timeZone }).startOf('day').toMillis();
    return {
      id: row.id,
      status,
      start: row.starts_at,
      end: row.ends_at,
      source: row.source,
      locale: row.locale,
      cancelReason: row.cancel_reason,
      cancelledBy: row.cancelled_by,
      createdAt: row.created_at,
      service: { key: row.service_key, name: row.service_name ?? row.service_key },
      patient: { id: row.patient_id, name: row.patient_name, phone: row.patient_phone, email: row.patient_email },
      resources: keys.map((k) => ({ key: k.resource_key, name: names.get(k.resource_key) ?? k.resource_key })),
      note: row.note ?? '',
      history: history.map((h) => ({ from: h.from_status, to: h.to_status, at: h.at, by: h.by, staffName: h.staff_name, reason: h.reason })),
      actions: actionsFrom(status).filter((a) => can(actor.user.role, actionPermission(a)) && transition({ status, action: a, start: row.starts_at, dayStart, now: this.#now() }).ok),
    };
  }

  /**
   * One lifecycle step in one transaction: the state machine decides (409 with the reason when refused), the status is
   * changed only if nobody changed it meanwhile, cancel frees the occupancy cells, history + audit + event are written.
   */
  async changeStatus(actor: Signed, id: number, action: LifecycleAction, raw: unknown = {}, meta: Meta = {}): Promise<{ status: LifecycleStatus }> {
    this.#assertCan(actor, actionPermission(action));
    const t = this.#t(actor);
    if (!Number.isSafeInteger(id) || id <= 0) throw new NotFound();
    let reason: string | undefined;
    let by: 'clinic' | 'patient' = 'clinic';
    if (action === 'cancel') {
      const parsed = cancelByStaffInput.safeParse(raw ?? {});
      if (!parsed.success) throw new Invalid(frontdeskFieldMessages(parsed.error, t));
      reason = parsed.data.reason || undefined;
      by = parsed.data.by;
    }
    const now = this.#now();
    const zone = this.timeZone;
    return this.#db.transaction().execute(async (tx) => {
      const row = await repo.findAppointment(tx, id, actor.user.locale);
      if (!row) throw new NotFound();
      const from = asStatus(row.status);
      const dayStart = DateTime.fromMillis(row.starts_at, { zone }).startOf('day').toMillis();
      const result = transition({ status: from, action, start: row.starts_at, dayStart, now });
      if (!result.ok) throw new Conflict(t(`frontdesk.refused.${result.reason}`, { status: t(`bookingPage.admin.status.${from}`) }));
      const changes = action === 'cancel' ? { status: result.to, cancelled_by: by, cancel_reason: reason ?? null } : { status: result.to };
      if (!(await repo.setStatus(tx, id, from, changes, now))) throw new Conflict(t('frontdesk.refused.changedMeanwhile'));
      if (action === 'cancel') await repo.freeOccupancy(tx, id);
      await repo.insertHistory(tx, { appointment_id: id, from_status: from, to_status: result.to, at: now, by: action === 'cancel' ? by : 'clinic', staff_id: actor.user.id, reason: reason ?? null });
      await audit.record(tx, {
        at: now,
        actor: { id: actor.user.id, email: actor.user.email },
        action: `appointment.${action}`,
        target: { type: 'appointment', id },
        ip: meta.ip ?? null,
        details: { from, to: result.to, ...(action === 'cancel' ? { by, reason: reason ?? null } : {}) },
      });
      const kind = eventKindFor(action);
      // "By" in the event is who made the change in the system: the clinic, also when a patient phoned to cancel.
      await this.#booking.events.emit(tx, { kind, appointmentId: id, at: now, by: 'clinic', staffId: actor.user.id, ...(reason ? { reason } : {}) });
      return { status: result.to };
    });
  }

  async saveNote(actor: Signed, id: number, body: string, meta: Meta = {}): Promise<void> {
    this.#assertCan(actor, 'appointments.manage');
    const t = this.#t(actor);
    const text = typeof body === 'string' ? body.trim() : '';
    if (text.length > 2000) throw new Invalid({ notes: t('form.tooLong', { max: 2000 }) });
    const now = this.#now();
    await this.#db.transaction().execute(async (tx) => {
      if (!(await repo.findAppointment(tx, id, 'tr'))) throw new NotFound();
      await repo.saveNote(tx, id, text, actor.user.id, now);
      await audit.record(tx, { at: now, actor: { id: actor.user.id, email: actor.user.email }, action: 'appointment.note', target: { type: 'appointment', id }, ip: meta.ip ?? null });
    });
  }

  // ---------- the day ----------

  /** Appointments starting on a local date (clinic zone), by time; optionally one practitioner's only. */
  async day(actor: Signed, date: string, practitionerId?: number): Promise<DayEntry[]> {
    this.#assertCan(actor, 'appointments.view');
    const zone = this.timeZone;
    const start = DateTime.fromISO(date, { zone }).startOf('day');
    if (!start.isValid) throw new Invalid({ date: this.#t(actor)('booking.error.date') });
    const locale = actor.user.locale;
    const rows = await repo.dayAppointments(this.#db, start.toMillis(), start.plus({ days: 1 }).toMillis(), locale, practitionerId ? `practitioner:${practitionerId}` : undefined);
    const [keys, names] = await Promise.all([repo.appointmentResourceKeys(this.#db, rows.map((r) => r.id)), repo.resourceNames(this.#db, locale)]);
    const byAppointment = new Map<number, string[]>();
    for (const k of keys) byAppointment.set(k.appointment_id, [...(byAppointment.get(k.appointment_id) ?? []), k.resource_key]);
    return rows.map((r) => {
      const own = byAppointment.get(r.id) ?? [];
      return {
        id: r.id,
        start: r.starts_at,
        end: r.ends_at,
        status: asStatus(r.status),
        patient: { name: r.patient_name, phone: r.patient_phone },
        service: r.service_name ?? r.service_key,
        practitioners: own.filter((k) => k.startsWith('practitioner:')).map((k) => names.get(k) ?? k),
        resources: own.filter((k) => !k.startsWith('practitioner:')).map((k) => names.get(k) ?? k),
        note: r.note ?? '',
      };
    });
  }

  // ---------- waitlist ----------

  async addToWaitlist(actor: Signed, raw: unknown, meta: Meta = {}): Promise<number> {
    this.#assertCan(actor, 'appointments.manage');
    const t = this.#t(actor);
    const parsed = waitlistInput.safeParse(raw);
    if (!parsed.success) throw new Invalid(frontdeskFieldMessages(parsed.error, t));
    const input = parsed.data;
    const services = await repo.activeServices(this.#db, 'tr');
    const service = services.find((s) => s.key === input.service);
    if (!service) throw new Invalid({ service: t('booking.error.service') });
    const now = this.#now();
    return this.#db.transaction().execute(async (tx) => {
      let patientId: number;
      if (input.patientId !== undefined) {
        if (!(await repo.findPatient(tx, input.patientId))) throw new Invalid({ patient: t('form.invalidChoice') });
        patientId = input.patientId;
      } else {
        const p = input.patient!;
        const existing = await tx.selectFrom('patients').select('id').where('phone', '=', p.phone).where('full_name', '=', p.name).orderBy('id').executeTakeFirst();
        patientId =
          existing?.id ??
          (await tx
            .insertInto('patients')
            .values({ full_name: p.name, phone: p.phone, email: p.email ?? null, locale: p.locale, created_at: now, updated_at: now })
            .returning('id')
            .executeTakeFirstOrThrow()
            .then((r) => r.id));
      }
      const id = await repo.insertWaitlistEntry(tx, {
        patient_id: patientId,
        service_id: service.id,
        weekdays: [...new Set(input.weekdays)].sort().join(','),
        time_ranges: [...new Set(input.timeRanges)].sort().join(','),
        date_from: input.dateFrom,
        date_to: input.dateTo,
        notes: input.notes.trim(),
        created_by: actor.user.id,
        now,
      });
      // KVKK art. 10: the caller was told about the notice (the required box); the ledger keeps its current version in
      // the patient's language. No appointment yet: the row stands for the entry (and the offers it may receive).
      const kvkkNotice = await recordNoticeGiven(tx, { patientId, appointmentId: null, locale: await patientLocale(tx, patientId), now });
      // The caller asked for WhatsApp messages (offers, then appointment messages): as for a phone booking, recorded
      // only when asked for, so an earlier opt-in is not withdrawn by omission.
      const whatsappOptIn = input.consent.whatsapp;
      if (whatsappOptIn) await recordWhatsAppOptIn(tx, patientId, now);
      await audit.record(tx, {
        at: now,
        actor: { id: actor.user.id, email: actor.user.email },
        action: 'waitlist.add',
        target: { type: 'waitlist', id },
        ip: meta.ip ?? null,
        details: { service: service.key, patient: patientId, kvkkNotice, whatsappOptIn },
      });
      return id;
    });
  }

  async removeFromWaitlist(actor: Signed, id: number, meta: Meta = {}): Promise<void> {
    this.#assertCan(actor, 'appointments.manage');
    const now = this.#now();
    await this.#db.transaction().execute(async (tx) => {
      const entry = await repo.findEntry(tx, id);
      if (!entry) throw new NotFound();
      if (!(await repo.setEntryStatus(tx, id, 'waiting', 'removed', now))) throw new Conflict(this.#t(actor)('frontdesk.waitlist.notWaiting'));
      await repo.withdrawOffers(tx, id, now);
      await audit.record(tx, { at: now, actor: { id: actor.user.id, email: actor.user.email }, action: 'waitlist.remove', target: { type: 'waitlist', id }, ip: meta.ip ?? null });
    });
  }

  async waitlist(actor: Signed, status: 'waiting' | 'booked' | 'removed' | undefined): Promise<WaitlistEntryView[]> {
    this.#assertCan(actor, 'appointments.view');
    const rows = await repo.listWaitlist(this.#db, actor.user.locale, status, 500);
    const offers = await repo.offersFor(this.#db, rows.map((r) => r.id));
    const now = this.#now();
    return rows.map((r) => ({
      id: r.id,
      patient: { id: r.patient_id, name: r.patient_name, phone: r.patient_phone },
      service: { key: r.service_key, name: r.service_name ?? r.service_key },
      weekdays: r.weekdays ? r.weekdays.split(',').map(Number) : [],
      timeRanges: r.time_ranges ? r.time_ranges.split(',') : [],
      dateFrom: r.date_from,
      dateTo: r.date_to,
      notes: r.notes,
      status: r.status,
      appointmentId: r.appointment_id,
      createdAt: r.created_at,
      offers: offers
        .filter((o) => o.entry_id === r.id)
        .map((o) => {
          // An open offer whose message was never delivered — cancelled (the patient withdrew their WhatsApp opt-in,
          // staff cancelled it) or failed for good — reached nobody: the desk phones the patient, as for a call mark.
          const unreached = o.status === 'open' && (o.message_status === 'cancelled' || o.message_status === 'failed');
          const status = unreached ? 'call' : o.status;
          return { start: o.starts_at, expiresAt: o.expires_at, status: (status === 'open' || status === 'call') && o.expires_at <= now ? 'expired' : status };
        }),
    }));
  }

  /** Whether a waiting entry wants a slot: date range, weekday and time of day in the clinic's zone. */
  static entryMatches(entry: Pick<repo.WaitlistRow, 'weekdays' | 'time_ranges' | 'date_from' | 'date_to'>, start: number, end: number, zone: string): boolean {
    const s = DateTime.fromMillis(start, { zone });
    const e = DateTime.fromMillis(end, { zone });
    const date = s.toISODate()!;
    if (date < entry.date_from || date > entry.date_to) return false;
    if (entry.weekdays && !entry.weekdays.split(',').map(Number).includes(s.weekday)) return false;
    if (!entry.time_ranges) return true;
    const from = s.toFormat('HH:mm');
    // A session ending at midnight or later (never in practice) counts as ending at 24:00.
    const to = e.toISODate() === date ? e.toFormat('HH:mm') : '24:00';
    return entry.time_ranges.split(',').some((range) => {
      const [a, b] = range.split('-');
      return a !== undefined && b !== undefined && from >= a && to <= b;
    });
  }

  #hashOfferToken(token: string): string {
    return createHmac('sha256', this.#config.sessionSecret).update(`waitlist-offer:${token}`).digest('hex');
  }

  offerUrl(locale: Locale, token: string): string {
    return `${this.#config.baseUrl}/${locale === 'tr' ? 'tr/bekleme-listesi' : 'en/waitlist'}/${token}`;
  }

  /**
   * booking.events listener: a cancellation or a move frees a slot; the first matching waiting patients get an offer.
   *
   * An offer is written only where the patient agreed to be written to: by e-mail when they gave an address, by
   * WhatsApp when their latest WhatsApp ledger answer is yes (KVKK). A waiting patient with neither, ahead in the
   * waiting order of the last written offer, gets a `call` offer instead — no message, shown on the waitlist page as
   * "phone the patient" — and does not use up one of the `WAITLIST_OFFER_COUNT` written offers, so the slot still
   * reaches that many patients in writing. Whoever books first, by the link or through the desk, gets it.
   */
  async #onAppointmentEvent(tx: Tx, event: AppointmentEvent): Promise<void> {
    if (event.kind === 'created') return this.#settleWaiting(tx, event);
    if (event.kind !== 'cancelled' && event.kind !== 'moved') return;
    const appointment = await repo.appointmentSlot(tx, event.appointmentId);
    if (!appointment) return;
    const freed = event.kind === 'moved' ? event.previous : { start: appointment.starts_at, end: appointment.ends_at };
    if (!freed) return;
    const now = event.at;
    if (freed.start < now + OFFER_MIN_LEAD_MS) return;
    const zone = this.timeZone;
    const date = DateTime.fromMillis(freed.start, { zone }).toISODate()!;
    const waiting = (await repo.waitingFor(tx, appointment.service_id, date)).filter(
      (e) => e.patient_id !== appointment.patient_id && FrontDeskService.entryMatches(e, freed.start, freed.end, zone),
    );
    if (waiting.length === 0) return;
    const already = await repo.entriesOfferedAt(tx, waiting.map((e) => e.id), freed.start);
    const { offerCount } = this.#config.waitlist;
    const expiresAt = Math.min(now + this.#config.waitlist.offerTtlMs, freed.start - 30 * MINUTE);
    let written = 0;
    let calls = 0;
    for (const entry of waiting) {
      if (written >= offerCount) break;
      if (already.has(entry.id)) continue;
      const patient = await repo.findPatient(tx, entry.patient_id);
      if (!patient) continue;
      const channel = await this.#writtenChannel(tx, patient);
      if (!channel && calls >= offerCount) continue;
      const token = randomBytes(32).toString('base64url');
      const offer = { entry_id: entry.id, token_hash: this.#hashOfferToken(token), starts_at: freed.start, ends_at: freed.end, expires_at: expiresAt, freed_by: event.appointmentId, now };
      if (!channel) {
        // The token is never shown: the desk books the patient by phone.
        await repo.insertOffer(tx, { ...offer, status: 'call' });
        calls++;
        continue;
      }
      const offerId = await repo.insertOffer(tx, { ...offer, status: 'open' });
      written++;
      await this.#sendOffer(tx, entry, patient, channel, offerId, token, freed.start, expiresAt, now);
    }
  }

  /**
   * A new appointment (online, by phone — also through "Book by phone" on a `call` mark) inside the window a waiting
   * entry of the same patient and service asks for settles that entry: it becomes *booked* with the appointment, and
   * its standing offers are withdrawn, so nobody offers the patient what they already have. An appointment outside
   * the window (e.g. "book the 20th for now, call me if something sooner comes up") leaves the entry waiting.
   * Accepting an offer settles its entry itself (see acceptOffer).
   */
  async #settleWaiting(tx: Tx, event: AppointmentEvent): Promise<void> {
    const entries = await repo.waitingForAppointment(tx, event.appointmentId);
    for (const entry of entries) {
      if (!FrontDeskService.entryMatches(entry, entry.starts_at, entry.ends_at, this.timeZone)) continue;
      await repo.setEntryStatus(tx, entry.id, 'waiting', 'booked', event.at, event.appointmentId);
      await repo.withdrawOffers(tx, entry.id, event.at);
    }
  }

  /** How an offer may reach the patient in writing: e-mail if they gave one, WhatsApp if they opted in, else none. */
  async #writtenChannel(tx: Tx, patient: repo.PatientRow): Promise<'email' | 'whatsapp' | undefined> {
    if (patient.email) return 'email';
    return (await whatsappOptedIn(tx, patient.id)) ? 'whatsapp' : undefined;
  }

  /** The offer message: when and where, and the link; never why (no complaint, no notes). */
  async #sendOffer(
    tx: Tx,
    entry: repo.WaitlistRow,
    patient: repo.PatientRow,
    channel: 'email' | 'whatsapp',
    offerId: number,
    token: string,
    start: number,
    expiresAt: number,
    now: number,
  ): Promise<void> {
    if (!this.#enqueue) return;
    const locale = patient.locale;
    const t = translator(locale);
    const settings = this.#settings();
    const service = (await repo.activeServices(tx, locale)).find((s) => s.id === entry.service_id);
    const params = {
      clinic: settings.clinicName,
      service: service?.name ?? entry.service_key,
      when: fullDateTime(locale, start, this.timeZone),
      until: fullDateTime(locale, expiresAt, this.timeZone),
      address: settings.address,
      phone: settings.phone,
      link: this.offerUrl(locale, token),
    };
    await this.#enqueue(
      tx,
      {
        channel,
        kind: 'waitlist.offer',
        recipient: channel === 'email' ? patient.email! : patient.phone,
        locale,
        subject: t('frontdesk.offer.mail.subject', params),
        text: t('frontdesk.offer.mail.text', params),
        // Not about an appointment: the patient is named so that a withdrawal cancels it and the worker re-checks it.
        patientId: patient.id,
        dedupeKey: `waitlist.offer:${offerId}`,
      },
      now,
    );
  }

  // ---------- accepting an offer (public, by token) ----------

  async #offerByToken(token: string): Promise<repo.OfferRow> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw new NotFound('Unknown offer');
    const offer = await repo.findOfferByHash(this.#db, this.#hashOfferToken(token));
    if (!offer) throw new NotFound('Unknown offer');
    return offer;
  }

  #state(offer: repo.OfferRow, now: number): OfferState {
    if (offer.status === 'open') return offer.expires_at <= now ? 'expired' : 'open';
    return offer.status === 'accepted' || offer.status === 'taken' || offer.status === 'withdrawn' ? offer.status : 'expired';
  }

  async offer(token: string, locale?: Locale): Promise<OfferView> {
    const offer = await this.#offerByToken(token);
    const lang = locale ?? offer.patient_locale;
    const service = (await repo.activeServices(this.#db, lang)).find((s) => s.id === offer.service_id);
    return {
      state: this.#state(offer, this.#now()),
      locale: offer.patient_locale,
      service: { key: offer.service_key, name: service?.name ?? offer.service_key },
      start: offer.starts_at,
      end: offer.ends_at,
      expiresAt: offer.expires_at,
    };
  }

  /**
   * Books the offered slot for the waiting patient if it is still free: first come, first served — the occupancy
   * table decides between racing offers; the loser's offer is marked taken and SlotTaken carries alternatives.
   * Accepting twice (a double click) answers with the same booking.
   *
   * `notice` is the KVKK information notice the offer page showed (its language and the version sent back by the
   * form): recorded with the booking, and it must be the current one — otherwise Invalid on `noticeVersion` (the page
   * shows the current one and the patient books again).
   */
  async acceptOffer(token: string, notice: { locale: Locale; version: unknown }, meta: Meta = {}): Promise<OnBehalfResult> {
    const offer = await this.#offerByToken(token);
    const now = this.#now();
    const state = this.#state(offer, now);
    if (state === 'accepted' && offer.appointment_id !== null) {
      return { id: offer.appointment_id, status: 'requested', start: offer.starts_at, end: offer.ends_at, patientId: offer.patient_id, replayed: true };
    }
    if (state !== 'open') throw new OfferClosed(state);
    const raw = typeof notice.version === 'string' ? notice.version.trim() : notice.version;
    const version = typeof raw === 'number' ? raw : typeof raw === 'string' && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : undefined;
    if (version === undefined || !Number.isSafeInteger(version) || version <= 0) throw new Invalid({ noticeVersion: translator(notice.locale)('frontdesk.offer.noticeChanged') });
    try {
      return await this.#booking.bookOnBehalf({
        serviceKey: offer.service_key,
        start: offer.starts_at,
        patient: { id: offer.patient_id },
        source: 'waitlist',
        by: 'patient',
        consent: { kvkkNotice: true, shown: { locale: notice.locale, version } },
        actor: { system: 'waitlist' },
        idempotencyKey: `waitlist-offer:${offer.id}`,
        ip: meta.ip ?? null,
        // The language of the page the patient booked on, for refusals (the notice shown is in it too); the appointment
        // keeps the patient's own language.
        locale: notice.locale,
        now,
        within: async (tx, id) => {
          if (!(await repo.setOfferStatus(tx, offer.id, 'open', 'accepted', now, id))) throw new OfferClosed('taken');
          await repo.setEntryStatus(tx, offer.entry_id, 'waiting', 'booked', now, id);
          await repo.withdrawOffers(tx, offer.entry_id, now);
          await repo.closeRivalOffers(tx, offer.service_id, offer.starts_at, offer.id, now);
          await repo.insertHistory(tx, { appointment_id: id, from_status: null, to_status: await this.#statusOf(tx, id), at: now, by: 'patient', staff_id: null, reason: null });
        },
      });
    } catch (err) {
      if (err instanceof SlotTaken) {
        await this.#db.transaction().execute((tx) => repo.setOfferStatus(tx, offer.id, 'open', 'taken', now));
      }
      throw err;
    }
  }
}

/** The offer cannot be accepted any more (expired, taken by someone else, withdrawn). */
export class OfferClosed extends Conflict {
  constructor(readonly state: OfferState) {
    super(`This offer is ${state}`);
  }
}
