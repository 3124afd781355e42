// SQL for booking: service rules, the clinic's set-up (read whole, for the service's cache), candidate resources,
// occupied intervals and cells (always bounded by the window or start asked for), appointments and their occupancy
// cells, consents, intake, idempotency, rate events. The booking path's statements are compiled once (see below).
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/connect.ts';
import { listParams, listValues, param, precompiled, rowParams, rowValues } from '../../db/precompiled.ts';
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
  const result = await precompiled<ServiceRow>(
    db,
    'service:key',
    () =>
      db
        .selectFrom('services')
        .select(['id', 'key', 'duration_minutes', 'step_minutes', 'min_notice_minutes', 'horizon_days', 'initial_status', 'online_booking'])
        .where('key', '=', param('key'))
        .where('active', '=', 1),
    { key },
  );
  const row = result.rows[0];
  return row && presentService(row);
}

/**
 * Says whether cached set-up is current. The content version is bumped by every change made through the app (in the
 * change's own transaction); the resource part lists every resource's id, active flag, kind or qualifications and
 * buffers, so that even a change made with plain SQL to what a booking blocks is seen at once. One short string,
 * computed inside the database.
 */
const setupStamp = sql<string>`(select cast(content_version as text) from site_state where id = 1)
  || '|' || coalesce((select string_agg(cast(p.id as text) || ':' || cast(p.active as text) || ':' || q.qualification, ',' order by p.id, q.qualification)
    from practitioners p join practitioner_qualifications q on q.practitioner_id = p.id), '')
  || '|' || coalesce((select string_agg(cast(id as text) || ':' || cast(active as text) || ':' || kind || ':' || cast(setup_minutes as text) || ':' || cast(cleanup_minutes as text), ',' order by id)
    from devices), '')
  || '|' || coalesce((select string_agg(cast(id as text) || ':' || cast(active as text) || ':' || kind || ':' || cast(buffer_before_minutes as text) || ':' || cast(buffer_after_minutes as text), ',' order by id)
    from rooms), '')`;

/** An active service by key (or any service by id), with the set-up stamp read in the same statement. */
export async function findServiceWithStamp(db: DbOrTx, by: { key: string } | { id: number }): Promise<(ServiceRecord & { setupStamp: string }) | undefined> {
  const byKey = 'key' in by;
  const result = await precompiled<ServiceRow & { setup_stamp: string }>(
    db,
    byKey ? 'serviceWithStamp:key' : 'serviceWithStamp:id',
    () => {
      const query = db
        .selectFrom('services')
        .select(['id', 'key', 'duration_minutes', 'step_minutes', 'min_notice_minutes', 'horizon_days', 'initial_status', 'online_booking'])
        .select(setupStamp.as('setup_stamp'));
      return byKey ? query.where('key', '=', param('key')).where('active', '=', 1) : query.where('id', '=', param('id'));
    },
    by,
  );
  const row = result.rows[0];
  return row && { ...presentService(row), setupStamp: row.setup_stamp };
}

export async function findServiceById(db: DbOrTx, id: number): Promise<ServiceRecord | undefined> {
  const row = await db
    .selectFrom('services')
    .select(['id', 'key', 'duration_minutes', 'step_minutes', 'min_notice_minutes', 'horizon_days', 'initial_status', 'online_booking'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && presentService(row);
}

interface ServiceRow {
  id: number;
  key: string;
  duration_minutes: number;
  step_minutes: number;
  min_notice_minutes: number;
  horizon_days: number;
  initial_status: string;
  online_booking: number;
}

function presentService(row: ServiceRow): ServiceRecord {
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

// ---------- the clinic's set-up, as a whole (cached by the service per content version) ----------

export interface SetupRows {
  requirements: Array<{ service_id: number; resource_type: string; qualification: string }>;
  hours: Array<{ resource_key: string; day: number; opens: string; closes: string }>;
  exceptions: Array<{ resource_key: string; starts_at: number; ends_at: number; kind: string }>;
  holidays: Array<{ date: string; starts_at: string | null }>;
}

/** Every service's requirements, every resource's weekly hours, exceptions and the clinic's holidays. */
export async function setupRows(db: DbOrTx): Promise<SetupRows> {
  const requirements = await db.selectFrom('service_requirements').select(['service_id', 'resource_type', 'qualification']).orderBy('service_id').orderBy('id').execute();
  const hours = await db.selectFrom('resource_hours').select(['resource_key', 'day', 'opens', 'closes']).orderBy('id').execute();
  const exceptions = await db.selectFrom('resource_exceptions').select(['resource_key', 'starts_at', 'ends_at', 'kind']).orderBy('id').execute();
  const holidays = await db.selectFrom('holidays').select(['date', 'starts_at']).orderBy('date').execute();
  return { requirements, hours, exceptions, holidays };
}

export interface CandidateRow {
  type: string;
  id: number;
  /** Practitioners: one row per qualification they hold. Devices and rooms: their kind. */
  qualification: string;
  buffer_before: number;
  buffer_after: number;
}

/**
 * The active resources that could serve a service (a practitioner holding a required qualification, a device or room
 * of a required kind), with their buffers — read fresh every time, in one statement: buffers decide what a booking
 * blocks, so they never come from a cache.
 */
export function candidateResources(db: DbOrTx, serviceId: number): Promise<CandidateRow[]> {
  const required = (type: string) => db.selectFrom('service_requirements').select('qualification').where('service_id', '=', serviceId).where('resource_type', '=', type);
  return db
    .selectFrom('practitioners as p')
    .innerJoin('practitioner_qualifications as q', 'q.practitioner_id', 'p.id')
    .select([sql.lit('practitioner').as('type'), 'p.id', 'q.qualification', sql.lit(0).as('buffer_before'), sql.lit(0).as('buffer_after')])
    .where('p.active', '=', 1)
    .where('p.id', 'in', (eb) => eb.selectFrom('practitioner_qualifications').select('practitioner_id').where('qualification', 'in', required('practitioner')))
    .unionAll((eb) =>
      eb
        .selectFrom('devices')
        .select([sql.lit('device').as('type'), 'id', 'kind as qualification', 'setup_minutes as buffer_before', 'cleanup_minutes as buffer_after'])
        .where('active', '=', 1)
        .where('kind', 'in', required('device')),
    )
    .unionAll((eb) =>
      eb
        .selectFrom('rooms')
        .select([sql.lit('room').as('type'), 'id', 'kind as qualification', 'buffer_before_minutes as buffer_before', 'buffer_after_minutes as buffer_after'])
        .where('active', '=', 1)
        .where('kind', 'in', required('room')),
    )
    .execute();
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

/** Holidays on local dates fromDate..toDate (YYYY-MM-DD, inclusive). */
export function holidaysBetween(db: DbOrTx, fromDate: string, toDate: string): Promise<Array<{ date: string; starts_at: string | null }>> {
  return db.selectFrom('holidays').select(['date', 'starts_at']).where('date', '>=', fromDate).where('date', '<=', toDate).execute();
}

/**
 * Intervals the resources are held by live (not cancelled) appointments, overlapping [start, end).
 * `occupied_start >= start - lookback` bounds the index range scan on (resource_key, occupied_start), so the cost follows
 * the bookings near the window, not all bookings; no occupied interval is longer than the lookback.
 */
export async function occupiedIntervals(
  db: DbOrTx,
  keys: readonly string[],
  start: number,
  end: number,
  lookbackMs: number,
  excludeAppointmentId?: number,
): Promise<Array<{ resource_key: string; occupied_start: number; occupied_end: number }>> {
  if (keys.length === 0) return [];
  const exclude = excludeAppointmentId !== undefined;
  const result = await precompiled<{ resource_key: string; occupied_start: number; occupied_end: number }>(
    db,
    `occupiedIntervals:${keys.length}:${exclude}`,
    () => {
      const query = db
        .selectFrom('appointment_resources as ar')
        .innerJoin('appointments as a', 'a.id', 'ar.appointment_id')
        .select(['ar.resource_key', 'ar.occupied_start', 'ar.occupied_end'])
        .where('ar.resource_key', 'in', listParams(0, keys.length))
        .where('ar.occupied_start', '>=', param(keys.length))
        .where('ar.occupied_start', '<', param(keys.length + 1))
        .where('ar.occupied_end', '>', param(keys.length + 2))
        .where('a.status', '<>', 'cancelled');
      return exclude ? query.where('ar.appointment_id', '<>', param(keys.length + 3)) : query;
    },
    [...keys, start - lookbackMs, end, start, excludeAppointmentId],
  );
  return result.rows;
}

// ---------- savepoints (group commit) ----------

/** Savepoint commands for one booking inside a shared transaction; the name is quoted by the dialect. */
export async function savepoint(tx: Tx, name: string): Promise<void> {
  await precompiled(tx, `savepoint:${name}`, () => ({ compile: () => sql`savepoint ${sql.id(name)}`.compile(tx) }), {});
}

export async function releaseSavepoint(tx: Tx, name: string): Promise<void> {
  await precompiled(tx, `release:${name}`, () => ({ compile: () => sql`release savepoint ${sql.id(name)}`.compile(tx) }), {});
}

export async function rollbackToSavepoint(tx: Tx, name: string): Promise<void> {
  await precompiled(tx, `rollbackTo:${name}`, () => ({ compile: () => sql`rollback to savepoint ${sql.id(name)}`.compile(tx) }), {});
}

// ---------- patients, appointments, occupancy ----------

export async function findPatient(tx: Tx, phone: string, fullName: string): Promise<{ id: number; email: string | null } | undefined> {
  const result = await precompiled<{ id: number; email: string | null }>(
    tx,
    'findPatient',
    () => tx.selectFrom('patients').select(['id', 'email']).where('phone', '=', param('phone')).where('full_name', '=', param('fullName')).orderBy('id').limit(1),
    { phone, fullName },
  );
  return result.rows[0];
}

export async function insertPatient(tx: Tx, values: { full_name: string; phone: string; email: string | null; locale: Locale; now: number }): Promise<number> {
  const result = await precompiled<{ id: number }>(
    tx,
    'insertPatient',
    () =>
      tx
        .insertInto('patients')
        .values({ full_name: param('full_name'), phone: param('phone'), email: param('email'), locale: param('locale'), created_at: param('now'), updated_at: param('now') })
        .returning('id'),
    values,
  );
  return result.rows[0]!.id;
}

export async function patientExists(db: DbOrTx, id: number): Promise<boolean> {
  return (await db.selectFrom('patients').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function patientLocale(db: DbOrTx, id: number): Promise<Locale> {
  const row = await db.selectFrom('patients').select('locale').where('id', '=', id).executeTakeFirst();
  return row?.locale === 'en' ? 'en' : 'tr';
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
  const result = await precompiled<{ id: number }>(
    tx,
    'insertAppointment',
    () =>
      tx
        .insertInto('appointments')
        .values({
          service_id: param('service_id'),
          patient_id: param('patient_id'),
          status: param('status'),
          starts_at: param('starts_at'),
          ends_at: param('ends_at'),
          source: param('source'),
          locale: param('locale'),
          manage_token_hash: param('manage_token_hash'),
          created_at: param('now'),
          updated_at: param('now'),
        })
        .returning('id'),
    values,
  );
  return result.rows[0]!.id;
}

export async function insertAppointmentResources(tx: Tx, rows: Array<{ appointment_id: number; resource_key: string; occupied_start: number; occupied_end: number }>): Promise<void> {
  if (rows.length === 0) return;
  const columns = ['appointment_id', 'resource_key', 'occupied_start', 'occupied_end'] as const;
  await precompiled(tx, `insertAppointmentResources:${rows.length}`, () => tx.insertInto('appointment_resources').values(rowParams(columns, rows.length)), rowValues(columns, rows));
}

export async function deleteAppointmentResources(tx: Tx, appointmentId: number): Promise<void> {
  await tx.deleteFrom('appointment_resources').where('appointment_id', '=', appointmentId).execute();
}

/** The double-booking guard: a cell already held by another appointment violates the primary key. One statement per
 * booking (up to 300 cells: 25 hours of one resource). */
export async function insertOccupancy(tx: Tx, rows: Array<{ resource_key: string; cell: number; appointment_id: number }>): Promise<void> {
  const columns = ['resource_key', 'cell', 'appointment_id'] as const;
  // Chunks keep each statement well under both engines' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 300) {
    const chunk = rows.slice(i, i + 300);
    await precompiled(tx, `insertOccupancy:${chunk.length}`, () => tx.insertInto('occupancy').values(rowParams(columns, chunk.length)), rowValues(columns, chunk));
  }
}

/** The occupancy cells the resources hold in [from, to): what the primary key will refuse to give again. */
export async function occupancyCells(tx: Tx, keys: readonly string[], from: number, to: number): Promise<Array<{ resource_key: string; cell: number }>> {
  if (keys.length === 0) return [];
  const result = await precompiled<{ resource_key: string; cell: number }>(
    tx,
    `occupancyCells:${keys.length}`,
    () => tx.selectFrom('occupancy').select(['resource_key', 'cell']).where('resource_key', 'in', listParams(0, keys.length)).where('cell', '>=', param(keys.length)).where('cell', '<', param(keys.length + 1)),
    [...keys, from, to],
  );
  return result.rows;
}

/** How many cells each resource holds in [from, to) (a count over the primary key's index; no rows leave the database). */
export async function occupiedCellCounts(tx: Tx, keys: readonly string[], from: number, to: number): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const result = await precompiled<{ resource_key: string; cells: number | string }>(
    tx,
    `occupiedCellCounts:${keys.length}`,
    () =>
      tx
        .selectFrom('occupancy')
        .select((eb) => ['resource_key', eb.fn.countAll<number>().as('cells')])
        .where('resource_key', 'in', listParams(0, keys.length))
        .where('cell', '>=', param(keys.length))
        .where('cell', '<', param(keys.length + 1))
        .groupBy('resource_key'),
    [...keys, from, to],
  );
  return new Map(result.rows.map((r) => [r.resource_key, Number(r.cells)]));
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

/** One appointment by id (staff moves), or undefined. */
export async function findAppointmentById(db: DbOrTx, id: number): Promise<AppointmentRecord | undefined> {
  const row = await db
    .selectFrom('appointments')
    .select(['id', 'service_id', 'patient_id', 'status', 'starts_at', 'ends_at', 'locale'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, serviceId: row.service_id, patientId: row.patient_id, status: row.status, startsAt: Number(row.starts_at), endsAt: Number(row.ends_at), locale: row.locale };
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
  rows: Array<{ appointment_id: number | null; patient_id: number; kind: string; locale: Locale; version: number; given: number; at: number }>,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = ['appointment_id', 'patient_id', 'kind', 'locale', 'version', 'given', 'at'] as const;
  await precompiled(tx, `insertConsents:${rows.length}`, () => tx.insertInto('consents').values(rowParams(columns, rows.length)), rowValues(columns, rows));
}

export async function insertIntake(tx: Tx, appointmentId: number, answers: string, now: number): Promise<void> {
  await precompiled(tx, 'insertIntake', () => tx.insertInto('intakes').values({ appointment_id: param('id'), answers: param('answers'), created_at: param('now') }), {
    id: appointmentId,
    answers,
    now,
  });
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
  const result = await precompiled(
    tx,
    'claimIdempotencyKey',
    () =>
      tx
        .insertInto('idempotency_keys')
        .values({ key: param('key'), request_hash: param('hash'), status_code: 0, response: '', created_at: param('now') })
        .onConflict((oc) => oc.column('key').doNothing()),
    { key, hash: requestHash, now },
  );
  return Number(result.numAffectedRows ?? 0) === 1;
}

export function findIdempotencyKey(db: DbOrTx, key: string): Promise<{ request_hash: string; status_code: number; response: string } | undefined> {
  return db.selectFrom('idempotency_keys').select(['request_hash', 'status_code', 'response']).where('key', '=', key).executeTakeFirst();
}

export async function completeIdempotencyKey(tx: Tx, key: string, statusCode: number, response: string): Promise<void> {
  await precompiled(tx, 'completeIdempotencyKey', () => tx.updateTable('idempotency_keys').set({ status_code: param('status'), response: param('response') }).where('key', '=', param('key')), {
    key,
    status: statusCode,
    response,
  });
}

/**
 * What a booking checks before it writes, in one statement: how many recent events each rate-limit bucket holds (a
 * covering index range each; a bucket never holds more than its limit, since refused requests record nothing), how
 * many of their events are old enough to prune, and the current version of each legal text in the booking's language.
 */
export async function bookingChecks(
  db: DbOrTx,
  rate: { buckets: ReadonlyArray<{ bucket: string; since: number }>; pruneBefore: number },
  legal: { kinds: readonly string[]; locale: Locale; now: number },
): Promise<{ counts: number[]; stale: number; legalVersions: Array<number | null> }> {
  const result = await precompiled<Record<string, number | string | null>>(
    db,
    `bookingChecks:${rate.buckets.length}:${legal.kinds.length}`,
    () =>
      db.selectNoFrom((eb) => [
        ...rate.buckets.map((_r, i) =>
          eb
            .selectFrom('rate_events')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('bucket', '=', param(`bucket${i}`))
            .where('at', '>', param(`since${i}`))
            .as(`rate${i}`),
        ),
        eb
          .selectFrom('rate_events')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('bucket', 'in', listParams('bucket', rate.buckets.length))
          .where('at', '<', param('pruneBefore'))
          .as('stale'),
        ...legal.kinds.map((_kind, i) =>
          eb
            .selectFrom('legal_texts')
            .select((e) => e.fn.max('version').as('v'))
            .where('kind', '=', param(`kind${i}`))
            .where('locale', '=', param('locale'))
            .where('published_at', '<=', param('now'))
            .as(`legal${i}`),
        ),
      ]),
    {
      ...listValues('bucket', rate.buckets.map((r) => r.bucket)),
      ...listValues('since', rate.buckets.map((r) => r.since)),
      pruneBefore: rate.pruneBefore,
      ...listValues('kind', legal.kinds),
      locale: legal.locale,
      now: legal.now,
    },
  );
  const row = result.rows[0] ?? {};
  const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    counts: rate.buckets.map((_r, i) => number(row[`rate${i}`]) ?? 0),
    stale: number(row.stale) ?? 0,
    legalVersions: legal.kinds.map((_k, i) => number(row[`legal${i}`])),
  };
}

/**
 * PostgreSQL only: a transaction-scoped advisory lock per rate-limit bucket, taken before counting, so that concurrent
 * bookings from one address or phone number count each other (READ COMMITTED would let them all see the same count).
 * Buckets are locked in sorted order, so two transactions never wait on each other crosswise. SQLite needs none:
 * BEGIN IMMEDIATE already serialises every booking.
 */
export async function lockRateBuckets(tx: Tx, buckets: readonly string[]): Promise<void> {
  for (const bucket of [...buckets].sort()) await sql`select pg_advisory_xact_lock(hashtextextended(${bucket}, 0))`.execute(tx);
}

/** Records one event per bucket; `prune` also deletes the buckets' events from before `pruneBefore`, so that the
 * table stays as small as the windows (callers skip it when bookingChecks() found none). */
export async function recordRateEvents(tx: Tx, buckets: readonly string[], at: number, pruneBefore: number, prune = true): Promise<void> {
  if (prune) {
    await precompiled(tx, `pruneRateEvents:${buckets.length}`, () => tx.deleteFrom('rate_events').where('bucket', 'in', listParams('bucket', buckets.length)).where('at', '<', param('before')), {
      ...listValues('bucket', buckets),
      before: pruneBefore,
    });
  }
  const columns = ['bucket', 'at'] as const;
  await precompiled(tx, `insertRateEvents:${buckets.length}`, () => tx.insertInto('rate_events').values(rowParams(columns, buckets.length)), rowValues(columns, buckets.map((bucket) => ({ bucket, at }))));
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
