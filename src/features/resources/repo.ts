// SQL for the resource set-up screens: practitioners, devices, rooms, their weekly hours and exceptions, service
// booking rules and the clinic's holidays.
import type { DbOrTx, Tx } from '../../db/connect.ts';
import type { Locale } from '../../db/schema.ts';

// ---------- practitioners ----------

export interface PractitionerRow {
  id: number;
  full_name: string;
  title_tr: string;
  title_en: string;
  active: number;
}

export function listPractitioners(db: DbOrTx): Promise<PractitionerRow[]> {
  return db.selectFrom('practitioners').select(['id', 'full_name', 'title_tr', 'title_en', 'active']).orderBy('active', 'desc').orderBy('full_name').orderBy('id').execute();
}

export function findPractitioner(db: DbOrTx, id: number): Promise<PractitionerRow | undefined> {
  return db.selectFrom('practitioners').select(['id', 'full_name', 'title_tr', 'title_en', 'active']).where('id', '=', id).executeTakeFirst();
}

/** Qualifications per practitioner (all of them, or those of the given ids). */
export async function qualificationsOf(db: DbOrTx, ids?: readonly number[]): Promise<Map<number, string[]>> {
  if (ids && ids.length === 0) return new Map();
  let query = db.selectFrom('practitioner_qualifications').select(['practitioner_id', 'qualification']).orderBy('practitioner_id').orderBy('qualification');
  if (ids) query = query.where('practitioner_id', 'in', [...ids]);
  const rows = await query.execute();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.practitioner_id, [...(out.get(r.practitioner_id) ?? []), r.qualification]);
  return out;
}

export async function updatePractitioner(tx: Tx, id: number, values: Omit<PractitionerRow, 'id'>): Promise<void> {
  await tx.updateTable('practitioners').set(values).where('id', '=', id).execute();
}

export async function replaceQualifications(tx: Tx, id: number, qualifications: readonly string[]): Promise<void> {
  await tx.deleteFrom('practitioner_qualifications').where('practitioner_id', '=', id).execute();
  if (qualifications.length) {
    await tx
      .insertInto('practitioner_qualifications')
      .values(qualifications.map((qualification) => ({ practitioner_id: id, qualification })))
      .execute();
  }
}

// ---------- devices and rooms ----------

export interface DeviceRow {
  id: number;
  kind: string;
  name_tr: string;
  name_en: string;
  setup_minutes: number;
  cleanup_minutes: number;
  active: number;
}

export interface RoomRow {
  id: number;
  kind: string;
  name_tr: string;
  name_en: string;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  active: number;
}

const deviceColumns = ['id', 'kind', 'name_tr', 'name_en', 'setup_minutes', 'cleanup_minutes', 'active'] as const;
const roomColumns = ['id', 'kind', 'name_tr', 'name_en', 'buffer_before_minutes', 'buffer_after_minutes', 'active'] as const;

export function listDevices(db: DbOrTx): Promise<DeviceRow[]> {
  return db.selectFrom('devices').select(deviceColumns).orderBy('active', 'desc').orderBy('kind').orderBy('id').execute();
}

export function findDevice(db: DbOrTx, id: number): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').select(deviceColumns).where('id', '=', id).executeTakeFirst();
}

export async function updateDevice(tx: Tx, id: number, values: Omit<DeviceRow, 'id'>): Promise<void> {
  await tx.updateTable('devices').set(values).where('id', '=', id).execute();
}

export function listRooms(db: DbOrTx): Promise<RoomRow[]> {
  return db.selectFrom('rooms').select(roomColumns).orderBy('active', 'desc').orderBy('kind').orderBy('id').execute();
}

export function findRoom(db: DbOrTx, id: number): Promise<RoomRow | undefined> {
  return db.selectFrom('rooms').select(roomColumns).where('id', '=', id).executeTakeFirst();
}

export async function updateRoom(tx: Tx, id: number, values: Omit<RoomRow, 'id'>): Promise<void> {
  await tx.updateTable('rooms').set(values).where('id', '=', id).execute();
}

/** Practitioner qualifications in use, and those services ask for. */
export async function knownQualifications(db: DbOrTx): Promise<string[]> {
  const [held, required] = await Promise.all([
    db.selectFrom('practitioner_qualifications').select('qualification').distinct().execute(),
    db.selectFrom('service_requirements').select('qualification').distinct().where('resource_type', '=', 'practitioner').execute(),
  ]);
  return [...new Set([...held, ...required].map((r) => r.qualification))];
}

/** Device or room kinds in use, and those services ask for. */
export async function knownKinds(db: DbOrTx, type: 'device' | 'room'): Promise<string[]> {
  const [inUse, required] = await Promise.all([
    type === 'device' ? db.selectFrom('devices').select('kind').distinct().execute() : db.selectFrom('rooms').select('kind').distinct().execute(),
    db.selectFrom('service_requirements').select('qualification as kind').distinct().where('resource_type', '=', type).execute(),
  ]);
  return [...new Set([...inUse, ...required].map((r) => r.kind))];
}

// ---------- weekly hours and exceptions ----------

export interface HourRow {
  day: number;
  opens: string;
  closes: string;
}

export function hoursOf(db: DbOrTx, resourceKey: string): Promise<HourRow[]> {
  return db.selectFrom('resource_hours').select(['day', 'opens', 'closes']).where('resource_key', '=', resourceKey).orderBy('day').orderBy('opens').execute();
}

export async function replaceHours(tx: Tx, resourceKey: string, hours: readonly HourRow[]): Promise<void> {
  await tx.deleteFrom('resource_hours').where('resource_key', '=', resourceKey).execute();
  if (hours.length) await tx.insertInto('resource_hours').values(hours.map((h) => ({ resource_key: resourceKey, ...h }))).execute();
}

export interface ExceptionRow {
  id: number;
  resource_key: string;
  starts_at: number;
  ends_at: number;
  kind: string;
  note: string;
}

/** Exceptions of one resource that have not ended by `now`, soonest first. */
export function upcomingExceptions(db: DbOrTx, resourceKey: string, now: number): Promise<ExceptionRow[]> {
  return db
    .selectFrom('resource_exceptions')
    .select(['id', 'resource_key', 'starts_at', 'ends_at', 'kind', 'note'])
    .where('resource_key', '=', resourceKey)
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

export function findException(db: DbOrTx, id: number): Promise<ExceptionRow | undefined> {
  return db.selectFrom('resource_exceptions').select(['id', 'resource_key', 'starts_at', 'ends_at', 'kind', 'note']).where('id', '=', id).executeTakeFirst();
}

export async function insertException(tx: Tx, row: Omit<ExceptionRow, 'id'>): Promise<number> {
  const inserted = await tx.insertInto('resource_exceptions').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function deleteException(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('resource_exceptions').where('id', '=', id).execute();
}

// ---------- services ----------

export interface ServiceRulesRow {
  id: number;
  key: string;
  duration_minutes: number;
  step_minutes: number;
  min_notice_minutes: number;
  horizon_days: number;
  online_booking: number;
  initial_status: string;
  reminder_hours: number;
  active: number;
}

const serviceColumns = ['id', 'key', 'duration_minutes', 'step_minutes', 'min_notice_minutes', 'horizon_days', 'online_booking', 'initial_status', 'reminder_hours', 'active'] as const;

export function listServices(db: DbOrTx): Promise<ServiceRulesRow[]> {
  return db.selectFrom('services').select(serviceColumns).orderBy('sort_order').orderBy('id').execute();
}

export function findService(db: DbOrTx, id: number): Promise<ServiceRulesRow | undefined> {
  return db.selectFrom('services').select(serviceColumns).where('id', '=', id).executeTakeFirst();
}

export async function serviceNames(db: DbOrTx, locale: Locale): Promise<Map<number, string>> {
  const rows = await db.selectFrom('service_translations').select(['service_id', 'name']).where('locale', '=', locale).execute();
  return new Map(rows.map((r) => [r.service_id, r.name]));
}

export async function serviceRequirements(db: DbOrTx): Promise<Map<number, Array<{ resource_type: string; qualification: string }>>> {
  const rows = await db.selectFrom('service_requirements').select(['service_id', 'resource_type', 'qualification']).orderBy('service_id').orderBy('id').execute();
  const out = new Map<number, Array<{ resource_type: string; qualification: string }>>();
  for (const r of rows) out.set(r.service_id, [...(out.get(r.service_id) ?? []), { resource_type: r.resource_type, qualification: r.qualification }]);
  return out;
}

export async function updateServiceRules(
  tx: Tx,
  id: number,
  values: Pick<ServiceRulesRow, 'duration_minutes' | 'step_minutes' | 'min_notice_minutes' | 'horizon_days' | 'online_booking' | 'initial_status'> & { reminder_hours?: number },
): Promise<void> {
  await tx.updateTable('services').set(values).where('id', '=', id).execute();
}

// ---------- holidays ----------

export interface HolidayRow {
  date: string;
  name_tr: string;
  name_en: string;
  starts_at: string | null;
}

export function holidaysFrom(db: DbOrTx, fromDate: string): Promise<HolidayRow[]> {
  return db.selectFrom('holidays').select(['date', 'name_tr', 'name_en', 'starts_at']).where('date', '>=', fromDate).orderBy('date').execute();
}

export function findHoliday(db: DbOrTx, date: string): Promise<HolidayRow | undefined> {
  return db.selectFrom('holidays').select(['date', 'name_tr', 'name_en', 'starts_at']).where('date', '=', date).executeTakeFirst();
}

/** False when the date already has a holiday (the date is the key). */
export async function insertHoliday(tx: Tx, row: HolidayRow): Promise<boolean> {
  const result = await tx
    .insertInto('holidays')
    .values(row)
    .onConflict((oc) => oc.column('date').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteHoliday(tx: Tx, date: string): Promise<void> {
  await tx.deleteFrom('holidays').where('date', '=', date).execute();
}
