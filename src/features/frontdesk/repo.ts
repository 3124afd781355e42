// SQL for the front desk: patient look-up, one appointment with its people and resources, status changes and their
// history, staff notes, the day's list, resource names, the waitlist and its offers.
import { sql } from 'kysely';
import { containsPattern, foldedSql } from '../../db/turkish-fold.ts';
import type { DbOrTx, Tx } from '../../db/connect.ts';
import { param, precompiled } from '../../db/precompiled.ts';
import type { Locale } from '../../db/schema.ts';

// ---------- patients ----------

export interface PatientRow {
  id: number;
  full_name: string;
  phone: string;
  email: string | null;
  locale: Locale;
}

/** Patients whose phone contains the digits (any spelling typed by the desk is reduced to digits by the caller). */
export function patientsByPhoneDigits(db: DbOrTx, digits: string, limit: number): Promise<PatientRow[]> {
  return db.selectFrom('patients').select(['id', 'full_name', 'phone', 'email', 'locale']).where('phone', 'like', `%${digits}%`).orderBy('full_name').orderBy('id').limit(limit).execute();
}

/** Patients whose name contains every folded word (see foldedSql: Turkish letters and case folded on both engines). */
export function patientsByNameWords(db: DbOrTx, words: readonly string[], limit: number): Promise<PatientRow[]> {
  let q = db.selectFrom('patients').select(['id', 'full_name', 'phone', 'email', 'locale']);
  for (const word of words) q = q.where(foldedSql('full_name'), 'like', containsPattern(word));
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export function findPatient(db: DbOrTx, id: number): Promise<PatientRow | undefined> {
  return db.selectFrom('patients').select(['id', 'full_name', 'phone', 'email', 'locale']).where('id', '=', id).executeTakeFirst();
}

// ---------- services and resources ----------

export function activeServices(db: DbOrTx, locale: Locale): Promise<Array<{ id: number; key: string; name: string | null; duration_minutes: number }>> {
  return db
    .selectFrom('services as s')
    .leftJoin('service_translations as t', (j) => j.onRef('t.service_id', '=', 's.id').on('t.locale', '=', locale))
    .select(['s.id', 's.key', 't.name', 's.duration_minutes'])
    .where('s.active', '=', 1)
    .orderBy('s.sort_order')
    .orderBy('s.id')
    .execute();
}

/** Display names of every practitioner, device and room, by resource key ("practitioner:3"). */
export async function resourceNames(db: DbOrTx, locale: Locale): Promise<Map<string, string>> {
  const [people, devices, rooms] = await Promise.all([
    db.selectFrom('practitioners').select(['id', 'full_name as name']).execute(),
    db.selectFrom('devices').select(['id', locale === 'tr' ? 'name_tr as name' : 'name_en as name']).execute(),
    db.selectFrom('rooms').select(['id', locale === 'tr' ? 'name_tr as name' : 'name_en as name']).execute(),
  ]);
  const names = new Map<string, string>();
  for (const p of people) names.set(`practitioner:${p.id}`, p.name);
  for (const d of devices) names.set(`device:${d.id}`, d.name);
  for (const r of rooms) names.set(`room:${r.id}`, r.name);
  return names;
}

export function activePractitioners(db: DbOrTx): Promise<Array<{ id: number; full_name: string }>> {
  return db.selectFrom('practitioners').select(['id', 'full_name']).where('active', '=', 1).orderBy('full_name').execute();
}

// ---------- appointments ----------

export interface AppointmentDetailRow {
  id: number;
  status: string;
  starts_at: number;
  ends_at: number;
  source: string;
  locale: Locale;
  cancel_reason: string | null;
  cancelled_by: string | null;
  created_at: number;
  service_id: number;
  service_key: string;
  service_name: string | null;
  patient_id: number;
  patient_name: string;
  patient_phone: string;
  patient_email: string | null;
  note: string | null;
}

export function findAppointment(db: DbOrTx, id: number, locale: Locale): Promise<AppointmentDetailRow | undefined> {
  return db
    .selectFrom('appointments as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .leftJoin('service_translations as t', (j) => j.onRef('t.service_id', '=', 's.id').on('t.locale', '=', locale))
    .leftJoin('appointment_notes as n', 'n.appointment_id', 'a.id')
    .select([
      'a.id',
      'a.status',
      'a.starts_at',
      'a.ends_at',
      'a.source',
      'a.locale',
      'a.cancel_reason',
      'a.cancelled_by',
      'a.created_at',
      's.id as service_id',
      's.key as service_key',
      't.name as service_name',
      'p.id as patient_id',
      'p.full_name as patient_name',
      'p.phone as patient_phone',
      'p.email as patient_email',
      'n.body as note',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export function appointmentResourceKeys(db: DbOrTx, ids: readonly number[]): Promise<Array<{ appointment_id: number; resource_key: string }>> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('appointment_resources').select(['appointment_id', 'resource_key']).where('appointment_id', 'in', [...ids]).orderBy('resource_key').execute();
}

/** Compare-and-set: changes the status only if it is still `from` (a concurrent change makes this return false). */
export async function setStatus(
  tx: Tx,
  id: number,
  from: string,
  changes: { status: string; cancelled_by?: string | null; cancel_reason?: string | null },
  now: number,
): Promise<boolean> {
  const result = await tx
    .updateTable('appointments')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function freeOccupancy(tx: Tx, appointmentId: number): Promise<void> {
  await tx.deleteFrom('occupancy').where('appointment_id', '=', appointmentId).execute();
}

export async function insertHistory(
  tx: Tx,
  row: { appointment_id: number; from_status: string | null; to_status: string; at: number; by: string; staff_id: number | null; reason: string | null },
): Promise<void> {
  await tx.insertInto('appointment_status_history').values(row).execute();
}

export function history(db: DbOrTx, appointmentId: number): Promise<Array<{ from_status: string | null; to_status: string; at: number; by: string; staff_name: string | null; reason: string | null }>> {
  return db
    .selectFrom('appointment_status_history as h')
    .leftJoin('users as u', 'u.id', 'h.staff_id')
    .select(['h.from_status', 'h.to_status', 'h.at', 'h.by', 'u.name as staff_name', 'h.reason'])
    .where('h.appointment_id', '=', appointmentId)
    .orderBy('h.at')
    .orderBy('h.id')
    .execute();
}

export async function saveNote(tx: Tx, appointmentId: number, body: string, staffId: number, now: number): Promise<void> {
  await tx
    .insertInto('appointment_notes')
    .values({ appointment_id: appointmentId, body, updated_by: staffId, updated_at: now })
    .onConflict((oc) => oc.column('appointment_id').doUpdateSet({ body, updated_by: staffId, updated_at: now }))
    .execute();
}

export interface DayRow {
  id: number;
  starts_at: number;
  ends_at: number;
  status: string;
  patient_name: string;
  patient_phone: string;
  service_name: string | null;
  service_key: string;
  note: string | null;
}

/** Appointments starting in [from, to), by time; optionally only those a practitioner is assigned to. */
export function dayAppointments(db: DbOrTx, from: number, to: number, locale: Locale, practitionerKey?: string): Promise<DayRow[]> {
  let query = db
    .selectFrom('appointments as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .leftJoin('service_translations as t', (j) => j.onRef('t.service_id', '=', 's.id').on('t.locale', '=', locale))
    .leftJoin('appointment_notes as n', 'n.appointment_id', 'a.id')
    .select(['a.id', 'a.starts_at', 'a.ends_at', 'a.status', 'p.full_name as patient_name', 'p.phone as patient_phone', 't.name as service_name', 's.key as service_key', 'n.body as note'])
    .where('a.starts_at', '>=', from)
    .where('a.starts_at', '<', to);
  if (practitionerKey) {
    query = query.where('a.id', 'in', (eb) => eb.selectFrom('appointment_resources').select('appointment_id').where('resource_key', '=', practitionerKey));
  }
  return query.orderBy('a.starts_at').orderBy('a.id').execute();
}

// ---------- waitlist ----------

export interface NewWaitlistEntry {
  patient_id: number;
  service_id: number;
  weekdays: string;
  time_ranges: string;
  date_from: string;
  date_to: string;
  notes: string;
  created_by: number;
  now: number;
}

export async function insertWaitlistEntry(tx: Tx, e: NewWaitlistEntry): Promise<number> {
  const row = await tx
    .insertInto('waitlist_entries')
    .values({
      patient_id: e.patient_id,
      service_id: e.service_id,
      weekdays: e.weekdays,
      time_ranges: e.time_ranges,
      date_from: e.date_from,
      date_to: e.date_to,
      notes: e.notes,
      status: 'waiting',
      appointment_id: null,
      created_by: e.created_by,
      created_at: e.now,
      updated_at: e.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface WaitlistRow {
  id: number;
  patient_id: number;
  patient_name: string;
  patient_phone: string;
  service_id: number;
  service_key: string;
  service_name: string | null;
  weekdays: string;
  time_ranges: string;
  date_from: string;
  date_to: string;
  notes: string;
  status: string;
  appointment_id: number | null;
  created_at: number;
}

function waitlistQuery(db: DbOrTx, locale: Locale) {
  return db
    .selectFrom('waitlist_entries as w')
    .innerJoin('patients as p', 'p.id', 'w.patient_id')
    .innerJoin('services as s', 's.id', 'w.service_id')
    .leftJoin('service_translations as t', (j) => j.onRef('t.service_id', '=', 's.id').on('t.locale', '=', locale))
    .select([
      'w.id',
      'w.patient_id',
      'p.full_name as patient_name',
      'p.phone as patient_phone',
      'w.service_id',
      's.key as service_key',
      't.name as service_name',
      'w.weekdays',
      'w.time_ranges',
      'w.date_from',
      'w.date_to',
      'w.notes',
      'w.status',
      'w.appointment_id',
      'w.created_at',
    ]);
}

/** Entries in waiting order (oldest first); `status` filters. */
export function listWaitlist(db: DbOrTx, locale: Locale, status: string | undefined, limit: number): Promise<WaitlistRow[]> {
  let query = waitlistQuery(db, locale);
  if (status) query = query.where('w.status', '=', status);
  return query.orderBy('w.id').limit(limit).execute();
}

/** Waiting entries for a service whose date range covers the local date, in waiting order. */
export function waitingFor(tx: Tx, serviceId: number, date: string): Promise<WaitlistRow[]> {
  return waitlistQuery(tx, 'tr').where('w.service_id', '=', serviceId).where('w.status', '=', 'waiting').where('w.date_from', '<=', date).where('w.date_to', '>=', date).orderBy('w.id').execute();
}

/** A waiting entry's wanted window, with the start and end of a new appointment of the same patient and service. */
export type WaitingForAppointment = Pick<WaitlistRow, 'id' | 'weekdays' | 'time_ranges' | 'date_from' | 'date_to'> & { starts_at: number; ends_at: number };

/**
 * The entries of the patient of a new appointment who waits for its service — unless the appointment was booked from
 * a waitlist offer (accepting one settles its entry itself). Runs for every new appointment, on the booking path: one
 * precompiled statement through the appointment's key and the index on `waitlist_entries(patient_id)`, empty for a
 * patient who waits for nothing.
 */
export async function waitingForAppointment(tx: Tx, appointmentId: number): Promise<WaitingForAppointment[]> {
  const result = await precompiled<WaitingForAppointment>(
    tx,
    'frontdesk.waitingForAppointment',
    () =>
      tx
        .selectFrom('appointments as a')
        .innerJoin('waitlist_entries as w', (j) => j.onRef('w.patient_id', '=', 'a.patient_id').onRef('w.service_id', '=', 'a.service_id'))
        .select(['w.id', 'w.weekdays', 'w.time_ranges', 'w.date_from', 'w.date_to', 'a.starts_at', 'a.ends_at'])
        .where('a.id', '=', param('appointment'))
        .where('a.source', '<>', 'waitlist')
        .where('w.status', '=', 'waiting'),
    { appointment: appointmentId },
  );
  return result.rows;
}

export async function setEntryStatus(tx: Tx, id: number, from: string, to: string, now: number, appointmentId?: number): Promise<boolean> {
  const result = await tx
    .updateTable('waitlist_entries')
    .set({ status: to, updated_at: now, ...(appointmentId !== undefined ? { appointment_id: appointmentId } : {}) })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findEntry(db: DbOrTx, id: number): Promise<{ id: number; status: string; patient_id: number } | undefined> {
  return db.selectFrom('waitlist_entries').select(['id', 'status', 'patient_id']).where('id', '=', id).executeTakeFirst();
}

/** Entries (of the given ones) that already hold an offer for this start. */
export async function entriesOfferedAt(tx: Tx, entryIds: readonly number[], start: number): Promise<Set<number>> {
  if (entryIds.length === 0) return new Set();
  const rows = await tx.selectFrom('waitlist_offers').select('entry_id').where('entry_id', 'in', [...entryIds]).where('starts_at', '=', start).execute();
  return new Set(rows.map((r) => r.entry_id));
}

export async function insertOffer(
  tx: Tx,
  o: { entry_id: number; token_hash: string; starts_at: number; ends_at: number; expires_at: number; freed_by: number | null; status: 'open' | 'call'; now: number },
): Promise<number> {
  const row = await tx
    .insertInto('waitlist_offers')
    .values({
      entry_id: o.entry_id,
      token_hash: o.token_hash,
      starts_at: o.starts_at,
      ends_at: o.ends_at,
      expires_at: o.expires_at,
      status: o.status,
      freed_by: o.freed_by,
      appointment_id: null,
      created_at: o.now,
      updated_at: o.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface OfferRow {
  id: number;
  entry_id: number;
  starts_at: number;
  ends_at: number;
  expires_at: number;
  status: string;
  appointment_id: number | null;
  patient_id: number;
  patient_locale: Locale;
  service_id: number;
  service_key: string;
  entry_status: string;
}

export function findOfferByHash(db: DbOrTx, hash: string): Promise<OfferRow | undefined> {
  return db
    .selectFrom('waitlist_offers as o')
    .innerJoin('waitlist_entries as w', 'w.id', 'o.entry_id')
    .innerJoin('patients as p', 'p.id', 'w.patient_id')
    .innerJoin('services as s', 's.id', 'w.service_id')
    .select([
      'o.id',
      'o.entry_id',
      'o.starts_at',
      'o.ends_at',
      'o.expires_at',
      'o.status',
      'o.appointment_id',
      'w.patient_id',
      'p.locale as patient_locale',
      'w.service_id',
      's.key as service_key',
      'w.status as entry_status',
    ])
    .where('o.token_hash', '=', hash)
    .executeTakeFirst();
}

export async function setOfferStatus(tx: Tx, id: number, from: string, to: string, now: number, appointmentId?: number): Promise<boolean> {
  const result = await tx
    .updateTable('waitlist_offers')
    .set({ status: to, updated_at: now, ...(appointmentId !== undefined ? { appointment_id: appointmentId } : {}) })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Offers still standing: `open` (sent, the patient may accept) and `call` (no written channel: the desk phones them). */
const standing = ['open', 'call'];

/** Every other standing offer for the same start and service (the slot is gone): marked taken. */
export async function closeRivalOffers(tx: Tx, serviceId: number, start: number, exceptId: number, now: number): Promise<void> {
  await tx
    .updateTable('waitlist_offers')
    .set({ status: 'taken', updated_at: now })
    .where('status', 'in', standing)
    .where('starts_at', '=', start)
    .where('id', '<>', exceptId)
    .where('entry_id', 'in', (eb) => eb.selectFrom('waitlist_entries').select('id').where('service_id', '=', serviceId))
    .execute();
}

/** Standing offers of an entry are withdrawn when it is booked or removed. */
export async function withdrawOffers(tx: Tx, entryId: number, now: number): Promise<void> {
  await tx.updateTable('waitlist_offers').set({ status: 'withdrawn', updated_at: now }).where('entry_id', '=', entryId).where('status', 'in', standing).execute();
}

/**
 * The offers of these entries, each with the state of its message (null: none — a `call` mark): through the outbox's
 * unique dedupe key `waitlist.offer:<offer id>`.
 */
export function offersFor(
  db: DbOrTx,
  entryIds: readonly number[],
): Promise<Array<{ entry_id: number; starts_at: number; expires_at: number; status: string; message_status: string | null }>> {
  if (entryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('waitlist_offers as o')
    .leftJoin('outbox as m', (j) => j.on('m.dedupe_key', '=', sql<string>`'waitlist.offer:' || o.id`))
    .select(['o.entry_id', 'o.starts_at', 'o.expires_at', 'o.status', 'm.status as message_status'])
    .where('o.entry_id', 'in', [...entryIds])
    .orderBy('o.id')
    .execute();
}

/** The appointment a freed slot came from: its service and times. */
export function appointmentSlot(tx: Tx, id: number): Promise<{ service_id: number; patient_id: number; starts_at: number; ends_at: number } | undefined> {
  return tx.selectFrom('appointments').select(['service_id', 'patient_id', 'starts_at', 'ends_at']).where('id', '=', id).executeTakeFirst();
}

export function countWhere(db: DbOrTx, table: 'waitlist_offers', status: string): Promise<number> {
  return db
    .selectFrom(table)
    .select(sql<number>`count(*)`.as('n'))
    .where('status', '=', status)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}
