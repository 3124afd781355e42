// The transactional outbox: the one way any feature sends a patient a message. A caller enqueues INSIDE the
// transaction that makes the change, so the message exists exactly when the change does; the worker (worker.ts)
// delivers it later, with retries, exactly once. Messages say when and where, never why: callers must not put
// complaint, intake, diagnosis or moderation details into them.
import type { DbOrTx } from '../../db/connect.ts';
import { param, precompiled } from '../../db/precompiled.ts';
import type { Locale } from '../../db/schema.ts';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface NewOutboxMessage {
  channel: 'email' | 'whatsapp';
  /** 'appointment.created' | 'appointment.moved' | 'appointment.cancelled' | 'appointment.reminder' | 'waitlist.offer' | 'comment.reply' | ... */
  kind: string;
  /** E-mail address, or phone in E.164 for WhatsApp. */
  recipient: string;
  locale: Locale;
  /** E-mail only. */
  subject?: string;
  /** Plain-text body (e-mail) or fallback text (WhatsApp / wa.me link). */
  text: string;
  /** E-mail HTML part. */
  html?: string;
  attachments?: EmailAttachment[];
  whatsappTemplate?: { name: string; params: string[] };
  appointmentId?: number;
  /** The patient the message is for: set it when the message is about no appointment (a waitlist offer), so a
   * withdrawal of their WhatsApp opt-in cancels it and the worker re-checks their consent before sending. */
  patientId?: number;
  /** Unique; enqueueing a second message with the same key does nothing (returns undefined). */
  dedupeKey?: string;
  /** Epoch ms; not delivered before this instant (reminders). */
  notBefore?: number;
}

export class OutboxMessageError extends Error {
  override name = 'OutboxMessageError';
}

function check(message: NewOutboxMessage): void {
  if (message.channel !== 'email' && message.channel !== 'whatsapp') throw new OutboxMessageError(`unknown channel ${String(message.channel)}`);
  if (!message.kind) throw new OutboxMessageError('message kind missing');
  if (!message.recipient.trim()) throw new OutboxMessageError('message recipient missing');
  if (message.locale !== 'tr' && message.locale !== 'en') throw new OutboxMessageError(`unknown locale ${String(message.locale)}`);
  if (message.channel === 'whatsapp' && !/^\+[1-9]\d{6,14}$/.test(message.recipient)) throw new OutboxMessageError('WhatsApp recipient must be a phone number in E.164');
}

/** Inside the caller's transaction: the message commits or rolls back with the change that caused it. */
const outboxColumns = [
  'channel',
  'kind',
  'recipient',
  'locale',
  'subject',
  'body_text',
  'body_html',
  'attachments',
  'whatsapp_template',
  'appointment_id',
  'patient_id',
  'dedupe_key',
  'status',
  'attempts',
  'next_attempt_at',
  'lease_owner',
  'lease_until',
  'last_error',
  'provider_id',
  'resend_of',
  'created_at',
  'updated_at',
  'sent_at',
] as const;

/** Inside the caller's transaction: the message commits or rolls back with the change that caused it. (Precompiled:
 * bookings enqueue their confirmation and reminder inside their transaction.) */
export async function enqueue(db: DbOrTx, message: NewOutboxMessage, now: number): Promise<number | undefined> {
  check(message);
  const values: Record<(typeof outboxColumns)[number], unknown> = {
    channel: message.channel,
    kind: message.kind,
    recipient: message.recipient.trim(),
    locale: message.locale,
    subject: message.subject ?? null,
    body_text: message.text,
    body_html: message.html ?? null,
    attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
    whatsapp_template: message.whatsappTemplate ? JSON.stringify(message.whatsappTemplate) : null,
    appointment_id: message.appointmentId ?? null,
    patient_id: message.patientId ?? null,
    dedupe_key: message.dedupeKey ?? null,
    status: 'pending',
    attempts: 0,
    next_attempt_at: Math.max(now, message.notBefore ?? now),
    lease_owner: null,
    lease_until: null,
    last_error: null,
    provider_id: null,
    resend_of: null,
    created_at: now,
    updated_at: now,
    sent_at: null,
  };
  const deduplicated = message.dedupeKey !== undefined;
  const { rows } = await precompiled<{ id: number }>(
    db,
    deduplicated ? 'outbox.enqueue.dedupe' : 'outbox.enqueue',
    () => {
      const query = db.insertInto('outbox').values(Object.fromEntries(outboxColumns.map((c) => [c, param(c)])) as never);
      return (deduplicated ? query.onConflict((oc) => oc.column('dedupe_key').doNothing()) : query).returning('id');
    },
    values,
  );
  return rows[0]?.id;
}

/** Cancels not-yet-sent messages (e.g. the reminder of a moved or cancelled appointment); returns how many. */
export async function cancelPending(db: DbOrTx, filter: { appointmentId: number; kinds?: string[] }, now: number): Promise<number> {
  if (filter.kinds && filter.kinds.length === 0) return 0;
  let query = db
    .updateTable('outbox')
    .set({ status: 'cancelled', updated_at: now, lease_owner: null, lease_until: null })
    .where('appointment_id', '=', filter.appointmentId)
    .where('status', '=', 'pending');
  if (filter.kinds) query = query.where('kind', 'in', filter.kinds);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Cancels every not-yet-sent message on one channel for a patient — about any of their appointments, or addressed to
 * them without one (waitlist offers) — when the patient withdrew their WhatsApp opt-in: those still waiting, and those waiting to be sent by hand (`manual`) — nobody should send those
 * after the withdrawal either. A message being sent right now (`sending`) is left to the worker, which checks the
 * consent again before sending. Returns how many were cancelled.
 */
export async function cancelPendingForPatient(db: DbOrTx, filter: { patientId: number; channel: 'email' | 'whatsapp' }, now: number): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'cancelled', updated_at: now, lease_owner: null, lease_until: null, last_error: 'patient withdrew consent' })
    .where('channel', '=', filter.channel)
    .where('status', 'in', ['pending', 'manual'])
    .where((eb) =>
      eb.or([eb('patient_id', '=', filter.patientId), eb('appointment_id', 'in', eb.selectFrom('appointments').select('id').where('patient_id', '=', filter.patientId))]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
