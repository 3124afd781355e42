// SQL for booking: service rules, candidate resources with their hours, exceptions and occupied intervals (always
// bounded by the window asked for), appointments and their occupancy cells, consents, intake, idempotency, rate events.
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/connect.ts';
import type { Locale } from '../../db/schema.ts';

export interface ServiceRecord {
  id: number;
  key: string;
  durationMinutes: number;
  stepMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  initialStatus: string;
  onlineBooking: boolean;
}

/** An active service by key (online-bookable or not: the caller decides). */
export async function findService(db: DbOrTx, key: string): Promise<ServiceRecord | undefined> {
  const row = await db
    .selectFrom('services')
    .select(['id', 'key', 'duration_minutes', 'step_minutes', 'min_notice_minutes', 'horizon_days', 'initial_status', 'online_booking'])
    .where('key', '=', key)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row && presentService(row);
}

export async function findServiceById(db: DbOrTx, id: number): Promise<ServiceRecord | undefined> {
  const row = await db
    .selectFrom('services')
    .select(['id', 'key', 'duration_minutes', 'step_minutes', 'min_notice_minutes', 'horizon_days', 'initial_status', 'online_booking'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && presentService(row);
}

function presentService(row: {
  id: number;
  key: string;
  duration_minutes: number;
  step_minutes: number;
  min_notice_minutes: number;
  horizon_days: number;
  initial_status: string;
  online_booking: number;
}): ServiceRecord {
  return {
    id: row.id,
    key: row.key,
    durationMinutes: row.duration_minutes,
    stepMinutes: row.step_minutes,
    minNoticeMinutes: row.min_notice_minutes,
    horizonDays: row.horizon_days,
    initialStatus: row.initial_status,
    onlineBooking: row.online_booking === 1,
  };
}

export function serviceRequirements(db: DbOrTx, serviceId: number): Promise<Array<{ resource_type: string; qualification: string }>> {
  return db.selectFrom('service_requirements').select(['resource_type', 'qualification']).where('service_id', '=', serviceId).orderBy('id').execute();
}

export async function serviceName(db: DbOrTx, serviceId: number, locale: Locale): Promise<string> {
  const row = await db.selectFrom('service_translations').select('name').where('service_id', '=', serviceId).where('locale', '=', locale).executeTakeFirst();
  return row?.name ?? '';
}

export async function listOnlineServices(db: DbOrTx, locale: Locale): Promise<Array<{ key: string; name: string; durationMinutes: number }>> {
  const rows = await db
    .selectFrom('services as s')
    .innerJoin('service_translations as t', (j) => j.onRef('t.service_id', '=', 's.id').on('t.locale', '=', locale))
    .select(['s.key', 't.name', 's.duration_minutes'])
    .where('s.active', '=', 1)
    .where('s.online_booking', '=', 1)
    .orderBy('s.sort_order')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({ key: r.key, name: r.name, durationMinutes: r.duration_minutes }));
}

// ---------- candidate resources ----------

/** Active practitioners holding any of the qualifications, each with all of their qualifications. */
export async function practitionersWith(db: DbOrTx, qualifications: readonly string[]): Promise<Array<{ id: number; qualifications: string[] }>> {
  if (qualifications.length === 0) return [];
  const rows = await db
    .selectFrom('practitioners as p')
    .innerJoin('practitioner_qualifications as q', 'q.practitioner_id', 'p.id')
    .select(['p.id', 'q.qualification'])
    .where('p.active', '=', 1)
    .where('p.id', 'in', (eb) => eb.selectFrom('practitioner_qualifications').select('practitioner_id').where('qualification', 'in', [...qualifications]))
    .orderBy('p.id')
    .execute();
  const byId = new Map<number, string[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r.qualification]);
  return [...byId].map(([id, quals]) => ({ id, qualifications: quals }));
}

export function devicesOfKinds(db: DbOrTx, kinds: readonly string[]): Promise<Array<{ id: number; kind: string; setup_minutes: number; cleanup_minutes: number }>> {
  if (kinds.length === 0) return Promise.resolve([]);
  return db.selectFrom('devices').select(['id', 'kind', 'setup_minutes', 'cleanup_minutes']).where('active', '=', 1).where('kind', 'in', [...kinds]).orderBy('id').execute();
}

export function roomsOfKinds(db: DbOrTx, kinds: readonly string[]): Promise<Array<{ id: number; kind: string; buffer_before_minutes: number; buffer_after_minutes: number }>> {
  if (kinds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('rooms')
    .select(['id', 'kind', 'buffer_before_minutes', 'buffer_after_minutes'])
    .where('active', '=', 1)
    .where('kind', 'in', [...kinds])
    .orderBy('id')
    .execute();
}

export function resourceHours(db: DbOrTx, keys: readonly string[]): Promise<Array<{ resource_key: string; day: number; opens: string; closes: string }>> {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('resource_hours').select(['resource_key', 'day', 'opens', 'closes']).where('resource_key', 'in', [...keys]).execute();
}

/** Leave, maintenance and extra hours that overlap [start, end). */
export function resourceExceptions(db: DbOrTx, keys: readonly string[], start: number, end: number): Promise<Array<{ resource_key: string; starts_at: number; ends_at: number; kind: string }>> {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('resource_exceptions')
    .select(['resource_key', 'starts_at', 'ends_at', 'kind'])
    .where('resource_key', 'in', [...keys])
    .where('starts_at', '<', end)
    .where('ends_at', '>', start)
    .execute();
}

/** Holidays on local dates fromDate..toDate (YYYY-MM-DD, inclusive). */
export function holidaysBetween(db: DbOrTx, fromDate: string, toDate: string): Promise<Array<{ date: string; starts_at: string | null }>> {
  return db.selectFrom('holidays').select(['date', 'starts_at']).where('date', '>=', fromDate).where('date', '<=', toDate).execute();
}

/**
 * Intervals the resources are held by live (not cancelled) appointments, overlapping [start, end).
 * `occupied_start >= start - lookback` bounds the index range scan on (resource_key, occupied_start), so the cost follows
 * the bookings near the window, not all bookings; no occupied interval is longer than the lookback.
 */
export function occupiedIntervals(
  db: DbOrTx,
  keys: readonly string[],
  start: number,
  end: number,
  lookbackMs: number,
  excludeAppointmentId?: number,
): Promise<Array<{ resource_key: string; occupied_start: number; occupied_end: number }>> {
  if (keys.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('appointment_resources as ar')
    .innerJoin('appointments as a', 'a.id', 'ar.appointment_id')
    .select(['ar.resource_key', 'ar.occupied_start', 'ar.occupied_end'])
    .where('ar.resource_key', 'in', [...keys])
    .where('ar.occupied_start', '>=', start - lookbackMs)
    .where('ar.occupied_start', '<', end)
    .where('ar.occupied_end', '>', start)
    .where('a.status', '<>', 'cancelled');
  if (excludeAppointmentId !== undefined) query = query.where('ar.appointment_id', '<>', excludeAppointmentId);
  return query.execute();
}

// ---------- patients, appointments, occupancy ----------

export async function findPatient(tx: Tx, phone: string, fullName: string): Promise<{ id: number; email: string | null } | undefined> {
  return tx.selectFrom('patients').select(['id', 'email']).where('phone', '=', phone).where('full_name', '=', fullName).orderBy('id').limit(1).executeTakeFirst();
}

export async function insertPatient(tx: Tx, values: { full_name: string; phone: string; email: string | null; locale: Locale; now: number }): Promise<number> {
  const { now, ...rest } = values;
  const row = await tx.insertInto('patients').values({ ...rest, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function setPatientEmail(tx: Tx, id: number, email: string, now: number): Promise<void> {
  await tx.updateTable('patients').set({ email, updated_at: now }).where('id', '=', id).where('email', 'is', null).execute();
}

export interface NewAppointment {
  service_id: number;
  patient_id: number;
  status: string;
  starts_at: number;
  ends_at: number;
  source: string;
  locale: Locale;
  manage_token_hash: string;
  now: number;
}

export async function insertAppointment(tx: Tx, values: NewAppointment): Promise<number> {
  const { now, ...rest } = values;
  const row = await tx.insertInto('appointments').values({ ...rest, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAppointmentResources(tx: Tx, rows: Array<{ appointment_id: number; resource_key: string; occupied_start: number; occupied_end: number }>): Promise<void> {
  if (rows.length) await tx.insertInto('appointment_resources').values(rows).execute();
}

export async function deleteAppointmentResources(tx: Tx, appointmentId: number): Promise<void> {
  await tx.deleteFrom('appointment_resources').where('appointment_id', '=', appointmentId).execute();
}

/** The double-booking guard: a cell already held by another appointment violates the primary key. */
export async function insertOccupancy(tx: Tx, rows: Array<{ resource_key: string; cell: number; appointment_id: number }>): Promise<void> {
  // Chunks keep each statement well under both engines' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 300) await tx.insertInto('occupancy').values(rows.slice(i, i + 300)).execute();
}

export async function deleteOccupancy(tx: Tx, appointmentId: number): Promise<void> {
  await tx.deleteFrom('occupancy').where('appointment_id', '=', appointmentId).execute();
}

export interface AppointmentRecord {
  id: number;
  serviceId: number;
  patientId: number;
  status: string;
  startsAt: number;
  endsAt: number;
  locale: Locale;
}

export async function findAppointmentByTokenHash(db: DbOrTx, hash: string): Promise<AppointmentRecord | undefined> {
  const row = await db
    .selectFrom('appointments')
    .select(['id', 'service_id', 'patient_id', 'status', 'starts_at', 'ends_at', 'locale'])
    .where('manage_token_hash', '=', hash)
    .executeTakeFirst();
  return row && { id: row.id, serviceId: row.service_id, patientId: row.patient_id, status: row.status, startsAt: row.starts_at, endsAt: row.ends_at, locale: row.locale };
}

export async function updateAppointment(
  tx: Tx,
  id: number,
  changes: { status?: string; starts_at?: number; ends_at?: number; cancel_reason?: string | null; cancelled_by?: string | null },
  now: number,
): Promise<void> {
  await tx
    .updateTable('appointments')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

// ---------- legal texts, consents, intake ----------

export async function currentLegalText(db: DbOrTx, kind: string, locale: Locale, now: number): Promise<{ version: number; body_md: string } | undefined> {
  return db
    .selectFrom('legal_texts')
    .select(['version', 'body_md'])
    .where('kind', '=', kind)
    .where('locale', '=', locale)
    .where('published_at', '<=', now)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertConsents(
  tx: Tx,
  rows: Array<{ appointment_id: number; patient_id: number; kind: string; locale: Locale; version: number; given: number; at: number }>,
): Promise<void> {
  if (rows.length) await tx.insertInto('consents').values(rows).execute();
}

export async function insertIntake(tx: Tx, appointmentId: number, answers: string, now: number): Promise<void> {
  await tx.insertInto('intakes').values({ appointment_id: appointmentId, answers, created_at: now }).execute();
}

export async function findIntake(db: DbOrTx, appointmentId: number): Promise<{ answers: string; created_at: number } | undefined> {
  return db.selectFrom('intakes').select(['answers', 'created_at']).where('appointment_id', '=', appointmentId).executeTakeFirst();
}

export async function appointmentExists(db: DbOrTx, id: number): Promise<boolean> {
  return (await db.selectFrom('appointments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

// ---------- idempotency and rate limits ----------

/**
 * Claims an idempotency key for this transaction. False when another (committed) request holds it; on PostgreSQL a
 * concurrent claimant waits here until the first transaction ends, then sees its row.
 */
export async function claimIdempotencyKey(tx: Tx, key: string, requestHash: string, now: number): Promise<boolean> {
  const result = await tx
    .insertInto('idempotency_keys')
    .values({ key, request_hash: requestHash, status_code: 0, response: '', created_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function findIdempotencyKey(db: DbOrTx, key: string): Promise<{ request_hash: string; status_code: number; response: string } | undefined> {
  return db.selectFrom('idempotency_keys').select(['request_hash', 'status_code', 'response']).where('key', '=', key).executeTakeFirst();
}

export async function completeIdempotencyKey(tx: Tx, key: string, statusCode: number, response: string): Promise<void> {
  await tx.updateTable('idempotency_keys').set({ status_code: statusCode, response }).where('key', '=', key).execute();
}

export async function countRateEvents(db: DbOrTx, bucket: string, since: number): Promise<number> {
  const row = await db
    .selectFrom('rate_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', bucket)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordRateEvents(tx: Tx, buckets: readonly string[], at: number, pruneBefore: number): Promise<void> {
  // Old events of the same buckets go as new ones come, so the table stays as small as the windows.
  await tx.deleteFrom('rate_events').where('bucket', 'in', [...buckets]).where('at', '<', pruneBefore).execute();
  await tx
    .insertInto('rate_events')
    .values(buckets.map((bucket) => ({ bucket, at })))
    .execute();
}

// ---------- staff list ----------

export interface AppointmentFilter {
  from: number;
  to: number;
  status?: string | undefined;
  serviceKey?: string | undefined;
  locale: Locale;
  limit: number;
  offset: number;
}

export interface AppointmentListRow {
  id: number;
  starts_at: number;
  ends_at: number;
  status: string;
  source: string;
  service_key: string;
  service_name: string | null;
  patient_name: string;
  patient_phone: string;
  created_at: number;
}

export async function listAppointments(db: DbOrTx, filter: AppointmentFilter): Promise<{ rows: AppointmentListRow[]; total: number }> {
  let base = db
    .selectFrom('appointments as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .where('a.starts_at', '>=', filter.from)
    .where('a.starts_at', '<', filter.to);
  if (filter.status) base = base.where('a.status', '=', filter.status);
  if (filter.serviceKey) base = base.where('s.key', '=', filter.serviceKey);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('service_translations as t', (j) => j.onRef('t.service_id', '=', 's.id').on('t.locale', '=', filter.locale))
      .select([
        'a.id',
        'a.starts_at',
        'a.ends_at',
        'a.status',
        'a.source',
        's.key as service_key',
        't.name as service_name',
        'p.full_name as patient_name',
        'p.phone as patient_phone',
        'a.created_at',
      ])
      .orderBy('a.starts_at')
      .orderBy('a.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
