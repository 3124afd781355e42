// Data-subject requests (KVKK art. 11 / GDPR art. 15–17) handled by the clinic's administrators: find the person, see
// and export everything held about them, record the withdrawal of their explicit consent to health data, or erase
// their identifying data. Every one of these reads and changes is in the audit trail.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Database, Tx } from '../../db/connect.ts';
import type { Locale } from '../../db/schema.ts';
import { Conflict, Forbidden, Invalid, NotFound, Unavailable } from '../../errors.ts';
import { foldTurkish } from '../articles/text.ts';
import * as audit from '../audit/service.ts';
import { currentLegalText } from '../booking/repo.ts';
import * as commentsRepo from '../comments/repo.ts';
import type { CommentByEmail } from '../comments/repo.ts';
import { EMAIL_MAX } from '../comments/service.ts';
import { whatsappOptedIn, withdrawWhatsAppConsent } from '../notifications/service.ts';
import { can } from '../staff/permissions.ts';
import type { SettingsService } from '../settings/service.ts';
import type { Signed } from '../staff/service.ts';
import * as repo from './repo.ts';
import type { HeldAppointment, HeldConsent, HeldMessage, HeldWaitlistEntry, PatientSummary } from './repo.ts';

export const SEARCH_LIMIT = 50;
const QUERY_MAX = 100;

export interface PatientFile {
  patient: PatientSummary;
  appointments: HeldAppointment[];
  consents: HeldConsent[];
  messages: HeldMessage[];
  waitlist: HeldWaitlistEntry[];
  upcoming: number;
  /** Whether appointment messages go to them on WhatsApp (their latest opt-in answer in the ledger is yes). */
  whatsapp: boolean;
}

type Meta = { ip?: string | undefined };

export type { CommentByEmail };
/** More comments than this under one address is not a person: the page and the copy stop there (erasure does not). */
export const COMMENTS_BY_EMAIL_MAX = 2000;
const commentEmail = z.email().max(EMAIL_MAX);

/**
 * The address as compared: trimmed, ASCII letters in lower case. The comment form accepts ASCII addresses only (the
 * same validator), so nothing else needs folding; Turkish İ/ı cannot occur in a stored address.
 */
/** The patient a change is about, inside its transaction: NotFound when unknown, Conflict('erased') once erased. */
async function livePatient(tx: Tx, patientId: number): Promise<NonNullable<Awaited<ReturnType<typeof repo.findPatient>>>> {
  const patient = await repo.findPatient(tx, patientId);
  if (!patient) throw new NotFound();
  if (patient.erasedAt !== null) throw new Conflict('erased');
  return patient;
}

export function normalizeCommentEmail(raw: string): string {
  const text = raw.trim();
  if (!commentEmail.safeParse(text).success) throw new Invalid({ email: 'email' });
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export class PrivacyService {
  readonly #db: Database;
  readonly #now: () => number;
  readonly #settings: SettingsService | undefined;

  /** `settings` drops the cached public pages when erased comments were on them. */
  constructor(db: Database, now: () => number, settings?: SettingsService) {
    this.#db = db;
    this.#now = now;
    this.#settings = settings;
  }

  #assert(actor: Signed): void {
    if (!can(actor.user.role, 'privacy.manage')) throw new Forbidden();
  }

  #actor(actor: Signed) {
    return { id: actor.user.id, email: actor.user.email };
  }

  /** Name (Turkish-folded, any case) or at least 3 digits of the phone number. Invalid for an empty or huge query. */
  async search(actor: Signed, query: string, meta: Meta = {}): Promise<PatientSummary[]> {
    this.#assert(actor);
    const text = query.trim();
    if (text.length === 0 || text.length > QUERY_MAX) throw new Invalid({ q: 'query' });
    // "0532 …" is stored as +90532…: the national prefix 0 goes, as in the front desk's search.
    const allDigits = text.replace(/\D/g, '');
    const digits = allDigits.startsWith('0') ? allDigits.slice(1) : allDigits;
    const letters = foldTurkish(text).replace(/[^\p{L} '-]/gu, '').trim();
    if (letters.length < 2 && digits.length < 3) throw new Invalid({ q: 'query' });
    const found = await repo.searchPatients(this.#db, { digits, folded: letters.length >= 2 ? letters : '', limit: SEARCH_LIMIT });
    await this.#db.transaction().execute((tx) =>
      audit.record(tx, { at: this.#now(), actor: this.#actor(actor), action: 'patient.search', ip: meta.ip ?? null, details: { results: found.length } }),
    );
    return found;
  }

  /** Everything held about one person (intake answers included: the page shows only whether there are any). */
  async file(actor: Signed, patientId: number, meta: Meta = {}, action = 'patient.privacy.view', locale: Locale = actor.user.locale): Promise<PatientFile> {
    this.#assert(actor);
    if (!Number.isSafeInteger(patientId) || patientId <= 0) throw new NotFound();
    return this.#db.transaction().execute(async (tx) => {
      const patient = await repo.findPatient(tx, patientId);
      if (!patient) throw new NotFound();
      const [appointments, consents, messages, waitlist, upcoming, whatsapp] = await Promise.all([
        repo.appointmentsOf(tx, patientId, locale),
        repo.consentsOf(tx, patientId),
        repo.messagesOf(tx, patientId),
        repo.waitlistOf(tx, patientId),
        repo.upcomingAppointments(tx, patientId, this.#now()),
        whatsappOptedIn(tx, patientId),
      ]);
      await audit.record(tx, { at: this.#now(), actor: this.#actor(actor), action, target: { type: 'patient', id: patientId }, ip: meta.ip ?? null });
      return { patient, appointments, consents, messages, waitlist, upcoming, whatsapp };
    });
  }

  /** The machine-readable copy the person is entitled to (JSON), intake answers included. Audited as an export. */
  async exportFile(actor: Signed, patientId: number, meta: Meta = {}): Promise<Record<string, unknown>> {
    const first = await repo.findPatient(this.#db, patientId);
    // The copy is written for the person: service names in their language.
    const file = await this.file(actor, patientId, meta, 'patient.export', first?.locale ?? actor.user.locale);
    if (file.patient.erasedAt !== null) throw new Conflict('erased');
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      exportedAt: iso(this.#now()),
      person: { name: file.patient.fullName, phone: file.patient.phone, email: file.patient.email, language: file.patient.locale, firstContact: iso(file.patient.createdAt) },
      appointments: file.appointments.map((a) => ({
        service: a.serviceName,
        start: iso(a.startsAt),
        end: iso(a.endsAt),
        status: a.status,
        bookedVia: a.source,
        bookedAt: iso(a.createdAt),
        cancelledBy: a.cancelledBy,
        cancelReason: a.cancelReason,
        intakeAnswers: a.intake === null ? null : (JSON.parse(a.intake) as unknown),
        clinicNotes: a.notes,
      })),
      waitlist: file.waitlist.map((w) => ({ service: w.serviceKey, status: w.status, from: w.dateFrom, to: w.dateTo, since: iso(w.createdAt) })),
      consents: file.consents.map((c) => ({ text: c.kind, version: c.version, language: c.locale, given: c.given, at: iso(c.at) })),
      messages: file.messages.map((m) => ({ channel: m.channel, kind: m.kind, status: m.status, queuedAt: iso(m.createdAt), sentAt: iso(m.sentAt) })),
    };
  }

  /** Records that the person withdrew explicit consent to health data: intake answers deleted, ledger entry added. */
  async withdrawHealthConsent(actor: Signed, patientId: number, meta: Meta = {}): Promise<{ intakesDeleted: number }> {
    this.#assert(actor);
    const now = this.#now();
    return this.#db.transaction().execute(async (tx) => {
      const patient = await livePatient(tx, patientId);
      const version = (await currentLegalText(tx, 'health-consent', patient.locale, now))?.version;
      if (version === undefined) throw new Unavailable('health-data consent text is missing');
      const intakesDeleted = await repo.withdrawHealthConsent(tx, patientId, { version, locale: patient.locale, at: now });
      await audit.record(tx, { at: now, actor: this.#actor(actor), action: 'patient.consent.withdraw', target: { type: 'patient', id: patientId }, ip: meta.ip ?? null, details: { kind: 'health-consent', version, intakesDeleted } });
      return { intakesDeleted };
    });
  }

  /**
   * Records that the person no longer wants appointment messages on WhatsApp: a `given = 0` opt-in entry in the ledger
   * and every WhatsApp message not sent yet cancelled, in one transaction with the audit row. `withdrawn: false` (and
   * nothing written) when they were not opted in.
   */
  async withdrawWhatsApp(actor: Signed, patientId: number, meta: Meta = {}): Promise<{ withdrawn: boolean; cancelled: number }> {
    this.#assert(actor);
    const now = this.#now();
    return this.#db.transaction().execute(async (tx) => {
      await livePatient(tx, patientId);
      return withdrawWhatsAppConsent(tx, patientId, now, { actor: this.#actor(actor), ip: meta.ip ?? null, details: { by: 'clinic' } });
    });
  }

  /**
   * Erases the person's identifying data (see repo.erasePatient). Refused while they still have an appointment that
   * has not ended (cancel it first, so the clinic does not wait for someone it can no longer name), or twice.
   */
  async erase(actor: Signed, patientId: number, meta: Meta = {}): Promise<{ appointments: number; intakes: number; messages: number }> {
    this.#assert(actor);
    const now = this.#now();
    return this.#db.transaction().execute(async (tx) => {
      await livePatient(tx, patientId);
      const upcoming = await repo.upcomingAppointments(tx, patientId, now);
      if (upcoming > 0) throw new Conflict('upcoming');
      const counts = await repo.erasePatient(tx, patientId, now, (id) => `erased:${id}:${randomBytes(16).toString('hex')}`);
      await audit.record(tx, { at: now, actor: this.#actor(actor), action: 'patient.erase', target: { type: 'patient', id: patientId }, ip: meta.ip ?? null, details: counts });
      return counts;
    });
  }

  // ---------- readers' comments (by the e-mail address they left) ----------

  /** The comments left with this address (any status), oldest first. Audited with the count, not the address. */
  async commentsByEmail(actor: Signed, rawEmail: string, meta: Meta = {}): Promise<CommentByEmail[]> {
    this.#assert(actor);
    const email = normalizeCommentEmail(rawEmail);
    return this.#db.transaction().execute(async (tx) => {
      const found = await commentsRepo.commentsByEmail(tx, email, COMMENTS_BY_EMAIL_MAX);
      await audit.record(tx, { at: this.#now(), actor: this.#actor(actor), action: 'comment.privacy.search', ip: meta.ip ?? null, details: { results: found.length } });
      return found;
    });
  }

  /** The JSON copy of the person's comments (never the address hashes or spam scores). Audited as `comment.export`. */
  async exportComments(actor: Signed, rawEmail: string, meta: Meta = {}): Promise<Record<string, unknown>> {
    this.#assert(actor);
    const email = normalizeCommentEmail(rawEmail);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const found = await this.#db.transaction().execute(async (tx) => {
      const rows = await commentsRepo.commentsByEmail(tx, email, COMMENTS_BY_EMAIL_MAX);
      await audit.record(tx, { at: this.#now(), actor: this.#actor(actor), action: 'comment.export', ip: meta.ip ?? null, details: { comments: rows.length } });
      return rows;
    });
    return {
      exportedAt: iso(this.#now()),
      email,
      comments: found.map((c) => ({
        article: { title: c.articleTitle, slug: c.articleSlug },
        language: c.locale,
        name: c.authorName,
        email: c.authorEmail,
        text: c.body,
        status: c.status,
        isAnswer: c.parentId !== null,
        replyNotices: c.notifyOnReply,
        noticeVersion: c.noticeVersion,
        consentVersion: c.consentVersion,
        createdAt: iso(c.createdAt),
        approvedAt: iso(c.approvedAt),
        editedAt: iso(c.editedAt),
      })),
    };
  }

  /**
   * Erases every comment left with this address, with the answers under them (the clinic's and other readers': an
   * answer without its question could quote or name the person), and every reply notice queued or sent to the
   * address, in one transaction with the audit row (counts and article ids, never the address). Public pages that
   * showed one of them are dropped from every instance's cache, as moderation's delete does.
   */
  async eraseComments(actor: Signed, rawEmail: string, meta: Meta = {}): Promise<{ comments: number; replies: number; messages: number }> {
    this.#assert(actor);
    const email = normalizeCommentEmail(rawEmail);
    const now = this.#now();
    const { counts, changedPublic } = await this.#db.transaction().execute(async (tx) => {
      const theirs = await commentsRepo.commentsByEmail(tx, email, Number.MAX_SAFE_INTEGER);
      const ids = theirs.map((c) => c.id);
      const own = new Set(ids);
      const answers: commentsRepo.CommentRecord[] = [];
      for (const id of ids) for (const r of await commentsRepo.repliesOf(tx, id)) if (!own.has(r.id)) answers.push(r);
      await commentsRepo.deleteComments(tx, ids);
      const messages = await commentsRepo.deleteReplyNotices(tx, email);
      const gone = [...theirs, ...answers];
      const counts = { comments: theirs.length, replies: answers.length, messages };
      const articles = [...new Set(gone.map((c) => c.articleId))].sort((a, b) => a - b);
      await audit.record(tx, { at: now, actor: this.#actor(actor), action: 'comment.erase', ip: meta.ip ?? null, details: { ...counts, articles } });
      const changedPublic = gone.some((c) => c.status === 'approved');
      if (changedPublic && this.#settings) await this.#settings.markContentChanged(tx);
      return { counts, changedPublic };
    });
    if (changedPublic && this.#settings) await this.#settings.load();
    return counts;
  }
}
