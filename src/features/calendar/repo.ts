// SQL for the back-office calendar and the utilization report: resources with their locations, weekly hours,
// exceptions and holidays, and the appointments that hold resources within a window. Read-only.
import type { DbOrTx } from '../../db/connect.ts';
import type { Locale } from '../../db/schema.ts';

const DAY = 86_400_000;

export interface ResourceRow {
  key: string;
  type: 'practitioner' | 'device' | 'room';
  id: number;
  locationId: number;
  nameTr: string;
  nameEn: string;
  /** Practitioners: their title; devices and rooms: their kind. */
  detailTr: string;
  detailEn: string;
  bufferBefore: number;
  bufferAfter: number;
}

/** Active resources of one type (all locations), in a stable order. */
export async function activeResources(db: DbOrTx, type: ResourceRow['type']): Promise<ResourceRow[]> {
  if (type === 'practitioner') {
    const rows = await db.selectFrom('practitioners').select(['id', 'location_id', 'full_name', 'title_tr', 'title_en']).where('active', '=', 1).orderBy('id').execute();
    return rows.map((r) => ({ key: `practitioner:${r.id}`, type, id: r.id, locationId: r.location_id, nameTr: r.full_name, nameEn: r.full_name, detailTr: r.title_tr, detailEn: r.title_en, bufferBefore: 0, bufferAfter: 0 }));
  }
  if (type === 'device') {
    const rows = await db.selectFrom('devices').select(['id', 'location_id', 'kind', 'name_tr', 'name_en', 'setup_minutes', 'cleanup_minutes']).where('active', '=', 1).orderBy('id').execute();
    return rows.map((r) => ({ key: `device:${r.id}`, type, id: r.id, locationId: r.location_id, nameTr: r.name_tr, nameEn: r.name_en, detailTr: r.kind, detailEn: r.kind, bufferBefore: Number(r.setup_minutes), bufferAfter: Number(r.cleanup_minutes) }));
  }
  const rows = await db
    .selectFrom('rooms')
    .select(['id', 'location_id', 'kind', 'name_tr', 'name_en', 'buffer_before_minutes', 'buffer_after_minutes'])
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ key: `room:${r.id}`, type, id: r.id, locationId: r.location_id, nameTr: r.name_tr, nameEn: r.name_en, detailTr: r.kind, detailEn: r.kind, bufferBefore: Number(r.buffer_before_minutes), bufferAfter: Number(r.buffer_after_minutes) }));
}

export function locations(db: DbOrTx): Promise<Array<{ id: number; name: string }>> {
  return db.selectFrom('locations').select(['id', 'name']).orderBy('id').execute();
}

export function weeklyHours(db: DbOrTx, keys: readonly string[]): Promise<Array<{ resource_key: string; day: number; opens: string; closes: string }>> {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('resource_hours').select(['resource_key', 'day', 'opens', 'closes']).where('resource_key', 'in', [...keys]).orderBy('id').execute();
}

export async function exceptionsOverlapping(
  db: DbOrTx,
  keys: readonly string[],
  from: number,
  to: number,
): Promise<Array<{ resource_key: string; starts_at: number; ends_at: number; kind: string; note: string }>> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('resource_exceptions')
    .select(['resource_key', 'starts_at', 'ends_at', 'kind', 'note'])
    .where('resource_key', 'in', [...keys])
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .execute();
  return rows.map((r) => ({ ...r, starts_at: Number(r.starts_at), ends_at: Number(r.ends_at) }));
}

export function holidaysBetween(db: DbOrTx, fromDate: string, toDate: string): Promise<Array<{ date: string; name_tr: string; name_en: string; starts_at: string | null }>> {
  return db.selectFrom('holidays').select(['date', 'name_tr', 'name_en', 'starts_at']).where('date', '>=', fromDate).where('date', '<=', toDate).orderBy('date').execute();
}

export interface CalendarAppointmentRow {
  id: number;
  resource_key: string;
  occupied_start: number;
  occupied_end: number;
  starts_at: number;
  ends_at: number;
  status: string;
  patient_name: string;
  service_key: string;
  service_name: string | null;
}

/**
 * Appointments (not cancelled) holding any of the resources within [from, to), one row per appointment and resource.
 * The lower bound on occupied_start keeps the scan on the (resource_key, occupied_start) index; nothing is held a day.
 */
export async function appointmentsHolding(db: DbOrTx, keys: readonly string[], from: number, to: number, locale: Locale): Promise<CalendarAppointmentRow[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('appointment_resources as ar')
    .innerJoin('appointments as a', 'a.id', 'ar.appointment_id')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .leftJoin('service_translations as t', (j) => j.onRef('t.service_id', '=', 's.id').on('t.locale', '=', locale))
    .select(['a.id', 'ar.resource_key', 'ar.occupied_start', 'ar.occupied_end', 'a.starts_at', 'a.ends_at', 'a.status', 'p.full_name as patient_name', 's.key as service_key', 't.name as service_name'])
    .where('ar.resource_key', 'in', [...keys])
    .where('ar.occupied_start', '>=', from - DAY)
    .where('ar.occupied_start', '<', to)
    .where('ar.occupied_end', '>', from)
    .where('a.status', '<>', 'cancelled')
    .orderBy('ar.occupied_start')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({ ...r, occupied_start: Number(r.occupied_start), occupied_end: Number(r.occupied_end), starts_at: Number(r.starts_at), ends_at: Number(r.ends_at) }));
}

export interface MoveRow {
  service_id: number;
  starts_at: number;
  ends_at: number;
  status: string;
}

/** An appointment's time, status and service, and the resources it holds (for the Move form). */
export async function appointmentForMove(db: DbOrTx, id: number): Promise<{ row: MoveRow; resources: string[] } | undefined> {
  const row = await db.selectFrom('appointments').select(['service_id', 'starts_at', 'ends_at', 'status']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const resources = await db.selectFrom('appointment_resources').select('resource_key').where('appointment_id', '=', id).orderBy('resource_key').execute();
  return { row: { ...row, starts_at: Number(row.starts_at), ends_at: Number(row.ends_at) }, resources: resources.map((r) => r.resource_key) };
}

/** Resource types a service requires (for the move form's resource choices). */
export function serviceRequirements(db: DbOrTx, serviceId: number): Promise<Array<{ resource_type: string; qualification: string }>> {
  return db.selectFrom('service_requirements').select(['resource_type', 'qualification']).where('service_id', '=', serviceId).orderBy('id').execute();
}

/** Practitioners holding a qualification (active ones). */
export async function practitionersQualified(db: DbOrTx, qualification: string): Promise<number[]> {
  const rows = await db
    .selectFrom('practitioner_qualifications as q')
    .innerJoin('practitioners as p', 'p.id', 'q.practitioner_id')
    .select('p.id')
    .where('q.qualification', '=', qualification)
    .where('p.active', '=', 1)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Session times of live (not cancelled) appointments using the resources and overlapping [from, to). */
export async function sessionsUsing(db: DbOrTx, keys: readonly string[], from: number, to: number): Promise<Array<{ resource_key: string; starts_at: number; ends_at: number }>> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('appointment_resources as ar')
    .innerJoin('appointments as a', 'a.id', 'ar.appointment_id')
    .select(['ar.resource_key', 'a.starts_at', 'a.ends_at'])
    .where('ar.resource_key', 'in', [...keys])
    .where('ar.occupied_start', '>=', from - DAY)
    .where('ar.occupied_start', '<', to)
    .where('a.ends_at', '>', from)
    .where('a.status', '<>', 'cancelled')
    .execute();
  return rows.map((r) => ({ resource_key: r.resource_key, starts_at: Number(r.starts_at), ends_at: Number(r.ends_at) }));
}
