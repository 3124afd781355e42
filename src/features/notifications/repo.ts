// Notifications: the only SQL of the feature besides outbox.ts (enqueue, cancelPending) — claiming due messages with a
// lease, recording outcomes, the staff list, and the appointment facts a message needs (when, where, to whom).
import { sql } from 'kysely';
import type { DbOrTx, Engine, Tx } from '../../db/connect.ts';
import { listParams, listValues, param, precompiled } from '../../db/precompiled.ts';
import type { Locale, OutboxRow, OutboxStatus } from '../../db/schema.ts';

/**
 * Claims up to `limit` due messages for `owner` until `leaseUntil` in ONE conditional UPDATE: pending messages whose
 * time has come, and messages whose previous lease ran out (a worker died mid-batch). PostgreSQL: the candidate rows
 * are locked FOR UPDATE SKIP LOCKED, so concurrent workers take disjoint sets without waiting. SQLite: the caller's
 * transaction is BEGIN IMMEDIATE (the write lock), so claims are serialized.
 */
export async function claimDue(tx: Tx, engine: Engine, args: { owner: string; now: number; leaseUntil: number; limit: number }): Promise<OutboxRow[]> {
  const { owner, now, leaseUntil, limit } = args;
  let candidates = tx
    .selectFrom('outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit);
  if (engine === 'postgres') candidates = candidates.forUpdate().skipLocked();
  const rows = await tx
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', lease_owner: owner, lease_until: leaseUntil, attempts: eb('attempts', '+', 1), updated_at: now }))
    .where('id', 'in', candidates)
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.id - b.id);
}

/** Records an outcome — only while the lease is still this worker's (a reclaimed message is the new owner's). */
export async function finish(
  db: DbOrTx,
  id: number,
  owner: string,
  outcome: { status: OutboxStatus; now: number; nextAttemptAt?: number; error?: string | null; providerId?: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({
      status: outcome.status,
      lease_owner: null,
      lease_until: null,
      updated_at: outcome.now,
      ...(outcome.status === 'sent' ? { sent_at: outcome.now, last_error: null } : {}),
      ...(outcome.nextAttemptAt !== undefined ? { next_attempt_at: outcome.nextAttemptAt } : {}),
      ...(outcome.error !== undefined ? { last_error: outcome.error } : {}),
      ...(outcome.providerId !== undefined ? { provider_id: outcome.providerId } : {}),
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findMessage(db: DbOrTx, id: number): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface MessageFilter {
  status?: OutboxStatus;
  channel?: 'email' | 'whatsapp';
  kind?: string;
  appointmentId?: number;
  limit: number;
  offset: number;
}

export async function listMessages(db: DbOrTx, filter: MessageFilter): Promise<{ rows: OutboxRow[]; total: number }> {
  let query = db.selectFrom('outbox');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.appointmentId !== undefined) query = query.where('appointment_id', '=', filter.appointmentId);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function statusCounts(db: DbOrTx): Promise<Partial<Record<OutboxStatus, number>>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** A copy of a message, due now, for a resend by staff. */
export async function insertCopy(tx: Tx, original: OutboxRow, now: number): Promise<number> {
  const row = await tx
    .insertInto('outbox')
    .values({
      channel: original.channel,
      kind: original.kind,
      recipient: original.recipient,
      locale: original.locale,
      subject: original.subject,
      body_text: original.body_text,
      body_html: original.body_html,
      attachments: original.attachments,
      whatsapp_template: original.whatsapp_template,
      appointment_id: original.appointment_id,
      patient_id: original.patient_id,
      dedupe_key: null,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      lease_owner: null,
      lease_until: null,
      last_error: null,
      provider_id: null,
      resend_of: original.id,
      created_at: now,
      updated_at: now,
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A manual (wa.me) message that staff sent themselves. */
export async function markManualSent(tx: Tx, id: number, now: number): Promise<boolean> {
  const result = await tx.updateTable('outbox').set({ status: 'sent', sent_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'manual').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------- what an appointment message needs ----------

export interface AppointmentFacts {
  id: number;
  status: string;
  startsAt: number;
  endsAt: number;
  locale: Locale;
  patientName: string;
  patientEmail: string | null;
  patientPhone: string;
  patientId: number;
  serviceId: number;
  serviceName: string;
  reminderHours: number;
  practitioner: string | null;
  whatsappOptIn: boolean;
}

/** Everything an appointment message needs, in one statement (it runs inside every booking's transaction). */
export async function appointmentFacts(db: DbOrTx, appointmentId: number): Promise<AppointmentFacts | undefined> {
  const result = await precompiled<{
    id: number;
    status: string;
    starts_at: number;
    ends_at: number;
    locale: Locale;
    service_id: number;
    patient_id: number;
    full_name: string;
    email: string | null;
    phone: string;
    reminder_hours: number;
    key: string;
    service_name: string | null;
    practitioner: string | null;
    whatsapp: number | null;
  }>(
    db,
    'notifications.appointmentFacts',
    () =>
      db
        .selectFrom('appointments as a')
        .innerJoin('patients as p', 'p.id', 'a.patient_id')
        .innerJoin('services as s', 's.id', 'a.service_id')
        .select(['a.id', 'a.status', 'a.starts_at', 'a.ends_at', 'a.locale', 'a.service_id', 'a.patient_id', 'p.full_name', 'p.email', 'p.phone', 's.reminder_hours', 's.key'])
        .select((eb) => [
          eb
            .selectFrom('service_translations as st')
            .select('st.name')
            .whereRef('st.service_id', '=', 'a.service_id')
            .whereRef('st.locale', '=', 'a.locale')
            .limit(1)
            .as('service_name'),
          eb
            .selectFrom('appointment_resources as r')
            .innerJoin('practitioners as pr', (join) => join.on(sql<string>`'practitioner:' || pr.id`, '=', sql.ref('r.resource_key')))
            .select('pr.full_name')
            .whereRef('r.appointment_id', '=', 'a.id')
            .orderBy('pr.full_name')
            .limit(1)
            .as('practitioner'),
          eb
            .selectFrom('consents as c')
            .select('c.given')
            .whereRef('c.patient_id', '=', 'a.patient_id')
            .where('c.kind', '=', WHATSAPP_CONSENT)
            .orderBy('c.at', 'desc')
            .orderBy('c.id', 'desc')
            .limit(1)
            .as('whatsapp'),
        ])
        .where('a.id', '=', param('id')),
    { id: appointmentId },
  );
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    status: row.status,
    startsAt: Number(row.starts_at),
    endsAt: Number(row.ends_at),
    locale: row.locale,
    patientName: row.full_name,
    patientEmail: row.email,
    patientPhone: row.phone,
    patientId: row.patient_id,
    serviceId: row.service_id,
    serviceName: row.service_name ?? row.key,
    reminderHours: row.reminder_hours,
    practitioner: row.practitioner,
    whatsappOptIn: row.whatsapp === 1,
  };
}

/** The consents-ledger kind for "send me appointment messages on WhatsApp" (latest row per patient wins). */
export const WHATSAPP_CONSENT = 'whatsapp_opt_in';

/** The patient's latest `whatsapp_opt_in` answer: true (on), false (withdrawn or declined), null (never asked). */
export async function latestWhatsAppConsent(db: DbOrTx, patientId: number): Promise<boolean | null> {
  const row = await db
    .selectFrom('consents')
    .select('given')
    .where('patient_id', '=', patientId)
    .where('kind', '=', WHATSAPP_CONSENT)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.given) === 1 : null;
}

/** Appends a `whatsapp_opt_in` entry to the consent ledger (the ledger is append-only: never updated). */
export async function insertWhatsAppConsent(tx: Tx, entry: { patientId: number; locale: Locale; given: boolean; at: number }): Promise<void> {
  await tx
    .insertInto('consents')
    .values({ appointment_id: null, patient_id: entry.patientId, kind: WHATSAPP_CONSENT, locale: entry.locale, version: 1, given: entry.given ? 1 : 0, at: entry.at })
    .execute();
}

/** How many calendar messages this appointment already has: the next one's SEQUENCE (RFC 5545), always increasing. */
export async function calendarSequence(db: DbOrTx, appointmentId: number, kinds: readonly string[]): Promise<number> {
  const result = await precompiled<{ n: number | string }>(
    db,
    `notifications.calendarSequence.${kinds.length}`,
    () =>
      db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('appointment_id', '=', param('id'))
        .where('channel', '=', 'email')
        .where('kind', 'in', listParams('kind', kinds.length)),
    { id: appointmentId, ...listValues('kind', kinds) },
  );
  return Number(result.rows[0]?.n ?? 0);
}

export function appointmentState(db: DbOrTx, appointmentId: number): Promise<{ status: string; startsAt: number; patientId: number } | undefined> {
  return db.selectFrom('appointments').select(['status', 'starts_at as startsAt', 'patient_id as patientId']).where('id', '=', appointmentId).executeTakeFirst();
}

/** "channel:kind" of the appointment's messages still waiting (not sent, not cancelled). */
export async function pendingKinds(db: DbOrTx, appointmentId: number): Promise<Set<string>> {
  const { rows } = await precompiled<{ channel: string; kind: string }>(
    db,
    'notifications.pendingKinds',
    () => db.selectFrom('outbox').select(['channel', 'kind']).where('appointment_id', '=', param('id')).where('status', '=', 'pending'),
    { id: appointmentId },
  );
  return new Set(rows.map((r) => `${r.channel}:${r.kind}`));
}
