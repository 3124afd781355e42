// Data-subject requests: find a patient, read everything held about them, erase their identifying data.
import type { DbOrTx, Tx } from '../../db/connect.ts';
import type { Locale } from '../../db/schema.ts';
import { containsPattern, foldedSql } from '../../db/turkish-fold.ts';

export interface PatientSummary {
  id: number;
  fullName: string;
  phone: string;
  email: string | null;
  locale: Locale;
  createdAt: number;
  erasedAt: number | null;
  appointments: number;
}

const summaryColumns = (db: DbOrTx) =>
  db
    .selectFrom('patients as p')
    .select((eb) => [
      'p.id',
      'p.full_name',
      'p.phone',
      'p.email',
      'p.locale',
      'p.created_at',
      'p.erased_at',
      eb.selectFrom('appointments as a').select((e) => e.fn.countAll<number>().as('n')).whereRef('a.patient_id', '=', 'p.id').as('appointments'),
    ]);

type SummaryRow = {
  id: number;
  full_name: string;
  phone: string;
  email: string | null;
  locale: Locale;
  created_at: number;
  erased_at: number | null;
  appointments: number | string | null;
};

function present(row: SummaryRow): PatientSummary {
  return {
    id: Number(row.id),
    fullName: row.full_name,
    phone: row.phone,
    email: row.email,
    locale: row.locale,
    createdAt: Number(row.created_at),
    erasedAt: row.erased_at === null ? null : Number(row.erased_at),
    appointments: Number(row.appointments ?? 0),
  };
}

/**
 * Patients whose phone contains the digits given (at least 3), or whose name contains the folded text (see
 * foldTurkish: `AYŞE`, `ayse` and `Ayşe` find the same person). Newest first, at most `limit`. Erased records have
 * blank names and phones and are never found.
 */
export async function searchPatients(db: DbOrTx, query: { digits: string; folded: string; limit: number }): Promise<PatientSummary[]> {
  const rows = await summaryColumns(db)
    .where('p.erased_at', 'is', null)
    .where((eb) => {
      const ors = [];
      if (query.folded) ors.push(eb(foldedSql('p.full_name'), 'like', containsPattern(query.folded)));
      if (query.digits.length >= 3) ors.push(eb('p.phone', 'like', containsPattern(query.digits)));
      return ors.length ? eb.or(ors) : eb.val(false);
    })
    .orderBy('p.id', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map((r) => present(r as SummaryRow));
}

export async function findPatient(db: DbOrTx, id: number): Promise<PatientSummary | undefined> {
  const row = await summaryColumns(db).where('p.id', '=', id).executeTakeFirst();
  return row ? present(row) : undefined;
}

export interface HeldAppointment {
  id: number;
  serviceKey: string;
  serviceName: string;
  status: string;
  startsAt: number;
  endsAt: number;
  source: string;
  locale: Locale;
  cancelledBy: string | null;
  cancelReason: string | null;
  createdAt: number;
  intake: string | null;
  notes: string | null;
}

/** The person's appointments, newest first, with the service's name in `locale` (its key when untranslated). */
export async function appointmentsOf(db: DbOrTx, patientId: number, locale: Locale): Promise<HeldAppointment[]> {
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .leftJoin('service_translations as st', (j) => j.onRef('st.service_id', '=', 's.id').on('st.locale', '=', locale))
    .leftJoin('intakes as i', 'i.appointment_id', 'a.id')
    .leftJoin('appointment_notes as n', 'n.appointment_id', 'a.id')
    .select(['n.body as notes', 'a.id', 's.key', 'st.name', 'a.status', 'a.starts_at', 'a.ends_at', 'a.source', 'a.locale', 'a.cancelled_by', 'a.cancel_reason', 'a.created_at', 'i.answers'])
    .where('a.patient_id', '=', patientId)
    .orderBy('a.starts_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    serviceKey: r.key,
    serviceName: r.name ?? r.key,
    status: r.status,
    startsAt: Number(r.starts_at),
    endsAt: Number(r.ends_at),
    source: r.source,
    locale: r.locale,
    cancelledBy: r.cancelled_by,
    cancelReason: r.cancel_reason,
    createdAt: Number(r.created_at),
    intake: r.answers ?? null,
    notes: r.notes ?? null,
  }));
}

export interface HeldConsent {
  kind: string;
  version: number;
  locale: Locale;
  given: boolean;
  at: number;
  appointmentId: number | null;
}

export async function consentsOf(db: DbOrTx, patientId: number): Promise<HeldConsent[]> {
  const rows = await db
    .selectFrom('consents')
    .select(['kind', 'version', 'locale', 'given', 'at', 'appointment_id'])
    .where('patient_id', '=', patientId)
    .orderBy('at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map((r) => ({ kind: r.kind, version: Number(r.version), locale: r.locale, given: Number(r.given) === 1, at: Number(r.at), appointmentId: r.appointment_id === null ? null : Number(r.appointment_id) }));
}

export interface HeldMessage {
  channel: string;
  kind: string;
  status: string;
  createdAt: number;
  sentAt: number | null;
}

export async function messagesOf(db: DbOrTx, patientId: number): Promise<HeldMessage[]> {
  const rows = await db
    .selectFrom('outbox as o')
    .innerJoin('appointments as a', 'a.id', 'o.appointment_id')
    .select(['o.channel', 'o.kind', 'o.status', 'o.created_at', 'o.sent_at'])
    .where('a.patient_id', '=', patientId)
    .orderBy('o.created_at', 'asc')
    .execute();
  return rows.map((r) => ({ channel: r.channel, kind: r.kind, status: r.status, createdAt: Number(r.created_at), sentAt: r.sent_at === null ? null : Number(r.sent_at) }));
}

/** Live appointments that have not ended yet: a record cannot be erased while the clinic still expects the person. */
export async function upcomingAppointments(db: DbOrTx, patientId: number, now: number): Promise<number> {
  const row = await db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('patient_id', '=', patientId)
    .where('status', 'in', ['requested', 'confirmed', 'checked_in'])
    .where('ends_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Erases a patient's identifying data in place: name, phone and e-mail blanked, intake answers and staff notes
 * deleted, free-text cancellation and status-change reasons cleared, manage links made unusable, waitlist entries and
 * offers deleted, and every message ever queued for their appointments or waitlist offers (recipient addresses and
 * texts) deleted. Appointment times, statuses and the consent ledger stay, without a person.
 */
export async function erasePatient(tx: Tx, patientId: number, now: number, tokenFiller: (appointmentId: number) => string): Promise<{ appointments: number; intakes: number; messages: number }> {
  const contact = await tx.selectFrom('patients').select(['phone', 'email']).where('id', '=', patientId).executeTakeFirstOrThrow();
  // Waitlist offers went to the person's address or number, without an appointment to hang on.
  const addresses = [contact.phone, contact.email].filter((a): a is string => typeof a === 'string' && a !== '');
  // Since migration 013 they also name the patient (`patient_id`); older ones are found by address.
  let messages = Number(
    (
      await tx
        .deleteFrom('outbox')
        .where((eb) => (addresses.length ? eb.or([eb('patient_id', '=', patientId), eb.and([eb('kind', '=', 'waitlist.offer'), eb('recipient', 'in', addresses)])]) : eb('patient_id', '=', patientId)))
        .executeTakeFirst()
    ).numDeletedRows,
  );
  const entries = (await tx.selectFrom('waitlist_entries').select('id').where('patient_id', '=', patientId).execute()).map((r) => Number(r.id));
  if (entries.length) {
    await tx.deleteFrom('waitlist_offers').where('entry_id', 'in', entries).execute();
    await tx.deleteFrom('waitlist_entries').where('id', 'in', entries).execute();
  }
  await tx.updateTable('patients').set({ full_name: '', phone: '', email: null, erased_at: now, updated_at: now }).where('id', '=', patientId).execute();
  const ids = (await tx.selectFrom('appointments').select('id').where('patient_id', '=', patientId).execute()).map((r) => Number(r.id));
  let intakes = 0;
  if (ids.length) {
    intakes = Number((await tx.deleteFrom('intakes').where('appointment_id', 'in', ids).executeTakeFirst()).numDeletedRows);
    messages += Number((await tx.deleteFrom('outbox').where('appointment_id', 'in', ids).executeTakeFirst()).numDeletedRows);
    await tx.deleteFrom('appointment_notes').where('appointment_id', 'in', ids).execute();
    await tx.updateTable('appointment_status_history').set({ reason: null }).where('appointment_id', 'in', ids).execute();
    for (const id of ids) {
      await tx.updateTable('appointments').set({ cancel_reason: null, manage_token_hash: tokenFiller(id), updated_at: now }).where('id', '=', id).execute();
    }
  }
  return { appointments: ids.length, intakes, messages };
}

/** The patient withdrew explicit consent to health data: their intake answers go; the ledger records the withdrawal. */
export async function withdrawHealthConsent(tx: Tx, patientId: number, entry: { version: number; locale: Locale; at: number }): Promise<number> {
  const ids = (await tx.selectFrom('appointments').select('id').where('patient_id', '=', patientId).execute()).map((r) => Number(r.id));
  const deleted = ids.length ? Number((await tx.deleteFrom('intakes').where('appointment_id', 'in', ids).executeTakeFirst()).numDeletedRows) : 0;
  await tx.insertInto('consents').values({ appointment_id: null, patient_id: patientId, kind: 'health-consent', locale: entry.locale, version: entry.version, given: 0, at: entry.at }).execute();
  return deleted;
}

export interface HeldWaitlistEntry {
  serviceKey: string;
  status: string;
  dateFrom: string;
  dateTo: string;
  createdAt: number;
}

export async function waitlistOf(db: DbOrTx, patientId: number): Promise<HeldWaitlistEntry[]> {
  const rows = await db
    .selectFrom('waitlist_entries as w')
    .innerJoin('services as s', 's.id', 'w.service_id')
    .select(['s.key', 'w.status', 'w.date_from', 'w.date_to', 'w.created_at'])
    .where('w.patient_id', '=', patientId)
    .orderBy('w.created_at', 'asc')
    .execute();
  return rows.map((r) => ({ serviceKey: r.key, status: r.status, dateFrom: r.date_from, dateTo: r.date_to, createdAt: Number(r.created_at) }));
}
