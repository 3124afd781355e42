// Notifications: turns appointment events into outbox messages (inside the event's transaction), runs the worker,
// and the staff operations of /admin/messages (resend, mark a hand-sent WhatsApp message as sent — both audited).
import path from 'node:path';
import type { Config } from '../../config.ts';
import type { DatabaseHandle, DbOrTx, Tx } from '../../db/connect.ts';
import type { Locale, OutboxRow } from '../../db/schema.ts';
import * as audit from '../audit/service.ts';
import type { AppointmentEvent } from '../booking/events.ts';
import type { ClinicSettings } from '../settings/schema.ts';
import { composeMail, composeWhatsApp, type CalendarKind, type Clinic } from './messages.ts';
import { cancelPending, cancelPendingForPatient, enqueue } from './outbox.ts';
import * as bookingRepo from '../booking/repo.ts';
import * as repo from './repo.ts';
import { EmailSender, WhatsAppSender } from './senders.ts';
import { OutboxWorker } from './worker.ts';

const HOUR = 3_600_000;
export const REMINDER_KIND = 'appointment.reminder';
/** The front desk's waitlist offers (no appointment yet; the message carries its patient). */
export const WAITLIST_OFFER_KIND = 'waitlist.offer';
/** Messages that carry an invitation (.ics); their count gives the next SEQUENCE. */
const CALENDAR_KINDS = ['appointment.created', 'appointment.confirmed', 'appointment.moved', 'appointment.cancelled'];

export interface NotificationDeps {
  database: DatabaseHandle;
  config: Config;
  settings: () => ClinicSettings;
  now: () => number;
  /** The patient's manage link for a token (BookingService.manageUrl). */
  manageUrl: (locale: Locale, token: string) => string;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface StaffActor {
  id: number;
  email: string;
}

/** Whether the patient currently wants appointment messages on WhatsApp (their latest ledger answer is yes). */
export async function whatsappOptedIn(db: DbOrTx, patientId: number): Promise<boolean> {
  return (await repo.latestWhatsAppConsent(db, patientId)) === true;
}

/**
 * The patient asks for messages on WhatsApp where no appointment is made (the front desk's waitlist form): a
 * `given = 1` entry in the consent ledger, in the patient's language, inside the caller's transaction (which audits it).
 */
export async function recordWhatsAppOptIn(tx: Tx, patientId: number, now: number): Promise<void> {
  const locale = await bookingRepo.patientLocale(tx, patientId);
  await repo.insertWhatsAppConsent(tx, { patientId, locale, given: true, at: now });
}

/**
 * The patient withdraws their WhatsApp opt-in (staff on the privacy page, or the patient on a manage page), inside
 * the caller's transaction: a `given = 0` ledger entry in the patient's language, every WhatsApp message for them not
 * sent yet cancelled, and the audit row (`patient.whatsapp.withdraw`, by whom, with the count). Nothing happens when
 * they are not opted in (`withdrawn: false`).
 */
export async function withdrawWhatsAppConsent(
  tx: Tx,
  patientId: number,
  now: number,
  by: { actor: audit.AuditEntry['actor']; ip: string | null; details: Record<string, unknown> },
): Promise<{ withdrawn: boolean; cancelled: number }> {
  if (!(await whatsappOptedIn(tx, patientId))) return { withdrawn: false, cancelled: 0 };
  // Opted in means a ledger row, so the patient exists.
  const locale = await bookingRepo.patientLocale(tx, patientId);
  await repo.insertWhatsAppConsent(tx, { patientId, locale, given: false, at: now });
  const cancelled = await cancelPendingForPatient(tx, { patientId, channel: 'whatsapp' }, now);
  await audit.record(tx, {
    at: now,
    actor: by.actor,
    action: 'patient.whatsapp.withdraw',
    target: { type: 'patient', id: patientId },
    ip: by.ip,
    details: { ...by.details, messagesCancelled: cancelled },
  });
  return { withdrawn: true, cancelled };
}

export class NotificationService {
  readonly worker: OutboxWorker;
  readonly email: EmailSender;
  readonly whatsapp: WhatsAppSender;
  readonly mailDir: string;
  readonly #deps: NotificationDeps;

  constructor(deps: NotificationDeps) {
    this.#deps = deps;
    const n = deps.config.notifications;
    this.mailDir = path.resolve(deps.config.dataDir, 'mail');
    this.email = new EmailSender({
      smtpUrl: n.smtpUrl,
      from: () => n.mailFrom ?? `"${deps.settings().clinicName.replace(/["\\]/g, '')}" <${deps.settings().email}>`,
      mailDir: this.mailDir,
      messageIdHost: new URL(deps.config.baseUrl).hostname,
    });
    this.whatsapp = new WhatsAppSender(n.whatsapp);
    this.worker = new OutboxWorker({
      database: deps.database,
      senders: { email: this.email, whatsapp: this.whatsapp },
      now: deps.now,
      maxAttempts: n.maxAttempts,
      obsolete: (message, now) => this.#obsolete(message, now),
      ...(deps.log ? { log: deps.log } : {}),
    });
  }

  /** Starts the background worker (the server does; tests drive `worker` themselves). */
  start(): void {
    this.worker.start(this.#deps.config.notifications.pollMs);
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    this.email.close();
  }

  /**
   * Just before sending: a WhatsApp message whose patient has withdrawn the opt-in since it was written (or that staff
   * send again afterwards) is not sent — about an appointment or not (waitlist offers); a reminder that comes too late
   * (the worker was down) or for an appointment no longer expected is not sent either.
   */
  async #obsolete(message: OutboxRow, now: number): Promise<string | undefined> {
    const whatsapp = message.channel === 'whatsapp';
    const reminder = message.appointment_id !== null && message.kind === REMINDER_KIND && message.resend_of === null;
    if (!whatsapp && !reminder) return undefined;
    const db = this.#deps.database.db;
    const appointment = message.appointment_id === null ? undefined : await repo.appointmentState(db, message.appointment_id);
    if (whatsapp) {
      const patientId = message.patient_id ?? appointment?.patientId;
      const consent = patientId == null ? null : await repo.latestWhatsAppConsent(db, patientId);
      // Appointment messages are written only after the opt-in was checked: here only an explicit withdrawal counts.
      if (consent === false) return 'patient withdrew WhatsApp consent';
      // Waitlist offers were once written without that check (and one without a known patient cannot be checked):
      // they go only to a patient whose latest answer is yes.
      if (consent === null && message.kind === WAITLIST_OFFER_KIND) return 'patient has not opted in to WhatsApp';
    }
    if (!reminder) return undefined;
    if (!appointment) return 'appointment no longer exists';
    if (appointment.status !== 'requested' && appointment.status !== 'confirmed') return `appointment is ${appointment.status}`;
    if (appointment.startsAt <= now) return 'appointment has already begun';
    return undefined;
  }

  #clinic(): Clinic {
    const s = this.#deps.settings();
    return { name: s.clinicName, address: s.address, phone: s.phone, email: s.email, timeZone: s.timeZone, baseUrl: this.#deps.config.baseUrl };
  }

  /** The appointment-event listener (registered on BookingService.events): runs inside the change's transaction. */
  readonly onAppointmentEvent = async (tx: Tx, event: AppointmentEvent): Promise<void> => {
    const { appointmentId, at } = event;
    if (event.kind === 'checked_in' || event.kind === 'completed' || event.kind === 'no_show') {
      await cancelPending(tx, { appointmentId, kinds: [REMINDER_KIND] }, at);
      return;
    }
    const facts = await repo.appointmentFacts(tx, appointmentId);
    if (!facts) return;
    const clinic = this.#clinic();
    const kind: CalendarKind = event.kind;
    if (kind === 'moved' || kind === 'cancelled') await cancelPending(tx, { appointmentId, kinds: [REMINDER_KIND] }, at);

    if (facts.patientEmail) {
      const sequence = await repo.calendarSequence(tx, appointmentId, CALENDAR_KINDS);
      const manageUrl = kind === 'created' && event.manageToken ? this.#deps.manageUrl(facts.locale, event.manageToken) : undefined;
      const mail = composeMail({ kind, facts, clinic, manageUrl, previous: event.previous, sequence, now: at });
      await enqueue(
        tx,
        {
          channel: 'email',
          kind: `appointment.${kind}`,
          recipient: facts.patientEmail,
          locale: facts.locale,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: mail.attachments,
          appointmentId,
          patientId: facts.patientId,
          dedupeKey: `appointment:${appointmentId}:${kind}:email:${at}`,
        },
        at,
      );
    }
    if ((kind === 'created' || kind === 'confirmed') && facts.whatsappOptIn) {
      const wa = composeWhatsApp('confirmation', facts, clinic);
      await enqueue(
        tx,
        {
          channel: 'whatsapp',
          kind: `appointment.${kind}`,
          recipient: facts.patientPhone,
          locale: facts.locale,
          text: wa.text,
          whatsappTemplate: { name: this.#deps.config.notifications.whatsappTemplates.confirmation[facts.locale], params: wa.params },
          appointmentId,
          patientId: facts.patientId,
          dedupeKey: `appointment:${appointmentId}:${kind}:whatsapp:${at}`,
        },
        at,
      );
    }
    if (kind !== 'cancelled') await this.#scheduleReminders(tx, facts, clinic, at);
  };

  /** One reminder per channel, `reminder_hours` before the start; none when that moment has passed or hours = 0. */
  async #scheduleReminders(tx: Tx, facts: repo.AppointmentFacts, clinic: Clinic, now: number): Promise<void> {
    if (facts.reminderHours <= 0 || (!facts.patientEmail && !facts.whatsappOptIn)) return;
    const due = facts.startsAt - facts.reminderHours * HOUR;
    if (due <= now) return;
    const pending = await repo.pendingKinds(tx, facts.id);
    if (facts.patientEmail && !pending.has(`email:${REMINDER_KIND}`)) {
      const mail = composeMail({ kind: 'reminder', facts, clinic, sequence: 0, now });
      await enqueue(
        tx,
        { channel: 'email', kind: REMINDER_KIND, recipient: facts.patientEmail, locale: facts.locale, subject: mail.subject, text: mail.text, html: mail.html, appointmentId: facts.id, patientId: facts.patientId, notBefore: due },
        now,
      );
    }
    if (facts.whatsappOptIn && !pending.has(`whatsapp:${REMINDER_KIND}`)) {
      const wa = composeWhatsApp('reminder', facts, clinic);
      await enqueue(
        tx,
        {
          channel: 'whatsapp',
          kind: REMINDER_KIND,
          recipient: facts.patientPhone,
          locale: facts.locale,
          text: wa.text,
          whatsappTemplate: { name: this.#deps.config.notifications.whatsappTemplates.reminder[facts.locale], params: wa.params },
          appointmentId: facts.id,
          patientId: facts.patientId,
          notBefore: due,
        },
        now,
      );
    }
  }

  // ---------- staff operations ----------

  list(filter: repo.MessageFilter) {
    return repo.listMessages(this.#deps.database.db, filter);
  }

  counts() {
    return repo.statusCounts(this.#deps.database.db);
  }

  find(id: number): Promise<OutboxRow | undefined> {
    return repo.findMessage(this.#deps.database.db, id);
  }

  /** A copy of a finished message (sent, failed, cancelled, or waiting to be sent by hand), due now; audited. */
  async resend(id: number, actor: StaffActor, ip: string): Promise<{ ok: true; id: number } | { ok: false; reason: 'not-found' | 'still-pending' }> {
    const now = this.#deps.now();
    return this.#deps.database.db.transaction().execute(async (tx) => {
      const original = await repo.findMessage(tx, id);
      if (!original) return { ok: false, reason: 'not-found' } as const;
      if (original.status === 'pending' || original.status === 'sending') return { ok: false, reason: 'still-pending' } as const;
      const copy = await repo.insertCopy(tx, original, now);
      await audit.record(tx, {
        at: now,
        actor,
        action: 'message.resend',
        target: { type: 'message', id },
        ip,
        details: { copy: copy, kind: original.kind, channel: original.channel, previousStatus: original.status, appointment: original.appointment_id },
      });
      return { ok: true, id: copy } as const;
    });
  }

  /** Staff sent a WhatsApp message themselves through the wa.me link; audited. */
  async markManualSent(id: number, actor: StaffActor, ip: string): Promise<boolean> {
    const now = this.#deps.now();
    return this.#deps.database.db.transaction().execute(async (tx) => {
      const done = await repo.markManualSent(tx, id, now);
      if (done) await audit.record(tx, { at: now, actor, action: 'message.manual-sent', target: { type: 'message', id }, ip, details: {} });
      return done;
    });
  }
}
