// Appointment messages end to end: a booking, a move and a cancellation write their messages in the same transaction;
// the worker delivers them to a real SMTP server on 127.0.0.1 and a fake WhatsApp Cloud API; the mails are read back
// (language, content, never the intake) and their .ics invitations parsed with ical.js.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import ICAL from 'ical.js';
import { afterAll, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { describeEachEngine, FIXED_NOW, type TestContext } from '../helpers/engines.ts';
import { parseMail, startFakeWhatsApp, startSmtp, type ParsedMail } from '../helpers/mail.ts';
import { html } from '../helpers/html.ts';
import { postAs, signedInStaff, getAs } from '../helpers/staff.ts';

const HOUR = 3_600_000;
const smtp = await startSmtp();
const whatsapp = await startFakeWhatsApp();
afterAll(async () => {
  await smtp.close();
  await whatsapp.close();
});

const env = {
  BOOKING_MAX_PER_IP_PER_HOUR: '1000',
  BOOKING_MAX_PER_PHONE_PER_DAY: '1000',
  SMTP_URL: smtp.url,
  MAIL_FROM: 'Adım Klinik <randevu@adim-rehab.example>',
  WHATSAPP_TOKEN: 'test-token',
  WHATSAPP_PHONE_NUMBER_ID: '1234567890',
  WHATSAPP_API_URL: whatsapp.url,
  WHATSAPP_TEMPLATE_CONFIRMATION: 'tr=randevu_onayi,en=appointment_confirmation',
};

let phoneCounter = 0;
function nextPhone(): string {
  const n = String(2_000_000 + ++phoneCounter).slice(-7);
  return `0536 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`;
}

function book(app: FastifyInstance, overrides: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({
      service: 'free-examination',
      start: '2026-12-07T10:00:00+03:00',
      name: 'Ayşe Yılmaz',
      phone: nextPhone(),
      email: 'ayse@example.com',
      locale: 'tr',
      consent: { kvkk: true, healthData: true, whatsapp: true },
      intake: { complaint: 'spasm-cramps', spasmFrequency: 'weekly', painScore: 6, triggers: ['hydration'] },
      ...overrides,
    }),
  });
}

function tokenOf(res: LightMyRequestResponse): string {
  const url = (res.json() as { manageUrl: string }).manageUrl;
  return url.slice(url.lastIndexOf('/') + 1);
}

function messagesOf(db: Database, appointmentId: number) {
  return db.selectFrom('outbox').selectAll().where('appointment_id', '=', appointmentId).orderBy('id').execute();
}

function mailsTo(address: string): ParsedMail[] {
  return smtp.mails.filter((m) => m.to.includes(address)).map((m) => parseMail(m.raw));
}

interface Invitation {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  start: Date;
  end: Date;
  tzid: string | null;
  summary: string;
  location: string;
  description: string;
  attendee: string;
  organizer: string;
}

function readInvitation(ics: string): Invitation {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue('status')),
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    tzid: vevent.getFirstProperty('dtstart')!.getParameter('tzid') as string | null,
    summary: event.summary,
    location: event.location,
    description: event.description,
    attendee: String(vevent.getFirstPropertyValue('attendee')),
    organizer: String(vevent.getFirstPropertyValue('organizer')),
  };
}

const INTAKE_WORDS = [/spasm/i, /kramp/i, /cramp/i, /ağrı/i, /pain/i, /hydration/i, /şikayet/i, /complaint/i];

function expectNoHealthData(text: string): void {
  for (const word of INTAKE_WORDS) expect(text).not.toMatch(word);
}

describeEachEngine(
  'notifications: appointment messages',
  (ctx: () => TestContext, engine) => {
    /** One SMTP server serves both engines' suites: addresses carry the engine. */
    const at = (local: string) => `${local}.${engine}@example.com`;
    beforeEach(() => {
      ctx().clock.now = FIXED_NOW;
      whatsapp.answers.length = 0;
    });

    it('a booking writes its confirmation, WhatsApp confirmation and reminders in the booking transaction', async () => {
      const { app, database } = ctx();
      const res = await book(app, { email: at('confirm-tr'), start: '2026-12-07T09:30:00+03:00' });
      expect(res.statusCode, res.body).toBe(201);
      const id = (res.json() as { id: number }).id;
      const rows = await messagesOf(database.db, id);
      expect(rows.map((r) => [r.channel, r.kind, r.status])).toEqual([
        ['email', 'appointment.created', 'pending'],
        ['whatsapp', 'appointment.created', 'pending'],
        ['email', 'appointment.reminder', 'pending'],
        ['whatsapp', 'appointment.reminder', 'pending'],
      ]);
      const start = Date.UTC(2026, 11, 7, 6, 30);
      expect(rows[2]!.next_attempt_at).toBe(start - 24 * HOUR);
      expect(rows[3]!.next_attempt_at).toBe(start - 24 * HOUR);
      expect(rows[1]!.recipient).toMatch(/^\+90536\d{7}$/);
      // The consent ledger has the opt-in.
      const consent = await database.db.selectFrom('consents').select(['kind', 'given']).where('appointment_id', '=', id).where('kind', '=', 'whatsapp_opt_in').execute();
      expect(consent).toEqual([{ kind: 'whatsapp_opt_in', given: 1 }]);
    });

    it('a phone booking sends WhatsApp messages only when the caller asked for them at the desk', async () => {
      const { app, database } = ctx();
      const desk = await signedInStaff(ctx(), 'receptionist');
      const phoneBooking = (start: string, whatsapp: boolean) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/appointments',
          headers: { cookie: desk.cookie, 'x-csrf-token': desk.csrf, 'content-type': 'application/json' },
          payload: JSON.stringify({ service: 'free-examination', start, patient: { name: 'Kemal Arar', phone: nextPhone(), email: at('phone-desk'), locale: 'tr' }, consent: { kvkkNoticeGiven: true, whatsapp } }),
        });
      const asked = await phoneBooking('2026-12-16T09:00:00+03:00', true);
      expect(asked.statusCode, asked.body).toBe(201);
      const askedRows = await messagesOf(database.db, (asked.json() as { id: number }).id);
      expect(askedRows.filter((r) => r.channel === 'whatsapp').map((r) => [r.kind, r.status])).toEqual([
        ['appointment.created', 'pending'],
        ['appointment.reminder', 'pending'],
      ]);
      const notAsked = await phoneBooking('2026-12-16T10:00:00+03:00', false);
      expect(notAsked.statusCode, notAsked.body).toBe(201);
      const notAskedRows = await messagesOf(database.db, (notAsked.json() as { id: number }).id);
      expect(notAskedRows.filter((r) => r.channel === 'whatsapp')).toEqual([]);
      expect(notAskedRows.filter((r) => r.channel === 'email').length).toBeGreaterThan(0);
      // Deliver the confirmations now, so later tests' worker rounds see only their own.
      expect(await app.services.notifications.worker.drain()).toMatchObject({ failed: 0 });
    });

    it('delivers the Turkish confirmation by SMTP: plain text, HTML and a REQUEST invitation in the clinic zone, no health data', async () => {
      const { app, database } = ctx();
      const res = await book(app, { email: at('ayse.tr') });
      const id = (res.json() as { id: number }).id;
      const token = tokenOf(res);
      const round = await app.services.notifications.worker.drain();
      expect(round.failed).toBe(0);
      const rows = await messagesOf(database.db, id);
      expect(rows.filter((r) => r.kind === 'appointment.created').map((r) => r.status)).toEqual(['sent', 'sent']);
      expect(rows.filter((r) => r.kind === 'appointment.reminder').map((r) => r.status)).toEqual(['pending', 'pending']);

      const [mail, ...more] = mailsTo(at('ayse.tr'));
      expect(more).toHaveLength(0);
      expect(mail!.subject).toBe('Randevu talebiniz alındı: 7 Aralık 2026 Pazartesi saat 10:00 — Adım Robotik Rehabilitasyon Merkezi');
      expect(mail!.headers.get('from')).toContain('randevu@adim-rehab.example');
      expect(mail!.headers.get('message-id')).toBe(`<outbox-${rows[0]!.id}@localhost>`);
      expect(mail!.text).toContain('Sayın Ayşe Yılmaz,');
      expect(mail!.text).toContain('randevu talebinizi aldık. En kısa sürede onaylayacağız.');
      expect(mail!.text).toMatch(/Saat:\s+10:00–10:30/);
      expect(mail!.text).toContain('Barbaros Mah. Çınar Sok. No: 12, 34746 Ataşehir / İstanbul');
      expect(mail!.text).toContain(`http://localhost:3000/tr/randevu/${token}`);
      expect(mail!.html).toContain('<html lang="tr">');
      expect(mail!.html).toContain(`href="http://localhost:3000/tr/randevu/${token}"`);
      expectNoHealthData(mail!.text + mail!.html + mail!.subject);

      expect(mail!.attachments).toHaveLength(1);
      const ics = mail!.attachments[0]!;
      expect(ics.filename).toBe('randevu.ics');
      expect(ics.contentType).toMatch(/^text\/calendar/);
      expect(ics.contentType).toMatch(/method=REQUEST/i);
      expectNoHealthData(ics.body);
      const invite = readInvitation(ics.body);
      expect(invite).toMatchObject({ method: 'REQUEST', uid: `appointment-${id}@localhost`, sequence: 0, tzid: 'Europe/Istanbul', status: 'TENTATIVE' });
      expect(invite.start.getTime()).toBe(Date.UTC(2026, 11, 7, 7, 0));
      expect(invite.end.getTime()).toBe(Date.UTC(2026, 11, 7, 7, 30));
      expect(invite.attendee).toBe(`mailto:${at('ayse.tr')}`);
      expect(invite.organizer).toBe('mailto:info@adim-rehab.example');
      expect(ics.body).toContain('DTSTART;TZID=Europe/Istanbul:20261207T100000');
      expect(ics.body).toContain('TZOFFSETTO:+0300');

      // WhatsApp: the Turkish template with its parameters, to the number without "+", with the token.
      const sent = whatsapp.requests.filter((r) => r.body.to === rows[1]!.recipient.slice(1));
      expect(sent).toHaveLength(1);
      expect(sent[0]!.path).toBe('/v21.0/1234567890/messages');
      expect(sent[0]!.authorization).toBe('Bearer test-token');
      expect(sent[0]!.body.template!.name).toBe('randevu_onayi');
      expect(sent[0]!.body.template!.language.code).toBe('tr');
      expect(sent[0]!.body.template!.components[0]!.parameters.map((p) => p.text)).toEqual([
        'Ayşe Yılmaz',
        expect.any(String),
        '7 Aralık 2026 Pazartesi',
        '10:00',
        'Adım Robotik Rehabilitasyon Merkezi, Barbaros Mah. Çınar Sok. No: 12, 34746 Ataşehir / İstanbul',
      ]);
      expectNoHealthData(JSON.stringify(sent[0]!.body));
      const waRow = rows.find((r) => r.channel === 'whatsapp' && r.kind === 'appointment.created')!;
      expect(waRow.provider_id).toMatch(/^wamid\.TEST/);
    });

    it('writes English messages for an English booking and nothing by e-mail or WhatsApp when the patient gave neither', async () => {
      const { app, database } = ctx();
      const res = await book(app, { email: at('john'), locale: 'en', name: 'John Smith', start: '2026-12-07T11:00:00+03:00', consent: { kvkk: true, healthData: false } });
      expect(res.statusCode, res.body).toBe(201);
      const id = (res.json() as { id: number }).id;
      expect((await messagesOf(database.db, id)).map((r) => [r.channel, r.kind])).toEqual([
        ['email', 'appointment.created'],
        ['email', 'appointment.reminder'],
      ]);
      await app.services.notifications.worker.drain();
      const [mail] = mailsTo(at('john'));
      expect(mail!.subject).toBe('Appointment request received: Monday, 7 December 2026 at 11:00 — Adım Robotik Rehabilitasyon Merkezi');
      expect(mail!.text).toContain('Dear John Smith,');
      expect(mail!.text).toContain('http://localhost:3000/en/appointment/');
      expect(mail!.attachments[0]!.filename).toBe('appointment.ics');
      expect(mail!.headers.get('content-language')).toBe('en');

      const none = await book(app, { email: '', name: 'Mehmet Demir', start: '2026-12-07T11:30:00+03:00', consent: { kvkk: true, healthData: false } });
      expect(none.statusCode, none.body).toBe(201);
      expect(await messagesOf(database.db, (none.json() as { id: number }).id)).toEqual([]);
    });

    it('a move sends the change with SEQUENCE 1 and a new reminder; a cancellation sends CANCEL and drops the reminders', async () => {
      const { app, database } = ctx();
      const res = await book(app, { email: at('mover'), start: '2026-12-08T10:00:00+03:00', consent: { kvkk: true, healthData: false } });
      const id = (res.json() as { id: number }).id;
      const token = tokenOf(res);
      await app.services.notifications.worker.drain();

      ctx().clock.now = FIXED_NOW + HOUR;
      const moved = await app.inject({
        method: 'POST',
        url: `/api/v1/bookings/manage/${token}/reschedule`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ start: '2026-12-09T14:00:00+03:00' }),
      });
      expect(moved.statusCode, moved.body).toBe(200);
      let rows = await messagesOf(database.db, id);
      const reminders = rows.filter((r) => r.kind === 'appointment.reminder' && r.channel === 'email');
      expect(reminders.map((r) => [r.status, r.next_attempt_at])).toEqual([
        ['cancelled', Date.UTC(2026, 11, 8, 7) - 24 * HOUR],
        ['pending', Date.UTC(2026, 11, 9, 11) - 24 * HOUR],
      ]);
      await app.services.notifications.worker.drain();
      const change = mailsTo(at('mover')).find((m) => m.subject.includes('değişti'))!;
      expect(change.subject).toBe('Randevunuz 9 Aralık 2026 Çarşamba saat 14:00 olarak değişti — Adım Robotik Rehabilitasyon Merkezi');
      expect(change.text).toContain('önceki zaman: 8 Aralık 2026 Salı 10:00');
      const changeInvite = readInvitation(change.attachments[0]!.body);
      expect(changeInvite).toMatchObject({ method: 'REQUEST', uid: `appointment-${id}@localhost`, sequence: 1 });
      expect(changeInvite.start.getTime()).toBe(Date.UTC(2026, 11, 9, 11, 0));

      ctx().clock.now = FIXED_NOW + 2 * HOUR;
      const cancelled = await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${token}/cancel`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ reason: 'Ağrım geçti, kramp yok' }) });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      rows = await messagesOf(database.db, id);
      expect(rows.filter((r) => r.kind === 'appointment.reminder').every((r) => r.status === 'cancelled')).toBe(true);
      await app.services.notifications.worker.drain();
      const cancel = mailsTo(at('mover')).find((m) => m.subject.includes('iptal'))!;
      expect(cancel.subject).toBe('9 Aralık 2026 Çarşamba saat 14:00 randevunuz iptal edildi — Adım Robotik Rehabilitasyon Merkezi');
      // The reason the patient gave is not repeated back (messages say when and where, never why).
      expectNoHealthData(cancel.text + cancel.html);
      expect(cancel.attachments[0]!.contentType).toMatch(/method=CANCEL/i);
      const cancelInvite = readInvitation(cancel.attachments[0]!.body);
      expect(cancelInvite).toMatchObject({ method: 'CANCEL', uid: `appointment-${id}@localhost`, sequence: 2, status: 'CANCELLED' });
    });

    it('sends the reminder when its time comes, not before', async () => {
      const { app, database } = ctx();
      const res = await book(app, { email: at('remind'), start: '2026-12-10T09:00:00+03:00', consent: { kvkk: true, healthData: false } });
      const id = (res.json() as { id: number }).id;
      await app.services.notifications.worker.drain();
      expect(mailsTo(at('remind')).map((m) => m.subject.split(' — ')[0])).toEqual(['Randevu talebiniz alındı: 10 Aralık 2026 Perşembe saat 09:00']);
      const due = Date.UTC(2026, 11, 10, 6) - 24 * HOUR;
      ctx().clock.now = due - 1;
      await app.services.notifications.worker.drain();
      expect(mailsTo(at('remind'))).toHaveLength(1);
      ctx().clock.now = due;
      await app.services.notifications.worker.drain();
      const reminder = mailsTo(at('remind'))[1]!;
      expect(reminder.subject).toBe('Hatırlatma: 10 Aralık 2026 Perşembe saat 09:00 randevunuz — Adım Robotik Rehabilitasyon Merkezi');
      expect(reminder.text).toContain('randevunuzu hatırlatmak isteriz');
      expect(reminder.attachments).toHaveLength(0);
      const rows = await messagesOf(database.db, id);
      expect(rows.find((r) => r.kind === 'appointment.reminder')).toMatchObject({ status: 'sent', sent_at: due, attempts: 1 });
    });

    it('rolls the messages back with a booking that fails', async () => {
      const { app, database } = ctx();
      const before = await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const stop = app.services.booking.events.on(() => Promise.reject(new Error('a later listener fails')));
      try {
        const res = await book(app, { email: at('rollback'), start: '2026-12-10T11:00:00+03:00' });
        expect(res.statusCode).toBe(500);
      } finally {
        stop();
      }
      const after = await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('takes the reminder lead time from the service rules form (0: no reminder), audited', async () => {
      const { app, database } = ctx();
      const admin = await signedInStaff(ctx(), 'admin');
      const service = await database.db.selectFrom('services').select(['id', 'reminder_hours']).where('key', '=', 'free-examination').executeTakeFirstOrThrow();
      expect(service.reminder_hours).toBe(24);
      const url = `/admin/resources/services/${service.id}`;
      const page = html((await getAs(app, admin, '/admin/resources/services')).body);
      expect(page.querySelector(`#f-reminderHours-${service.id}`)?.getAttribute('value')).toBe('24');
      const rules = { durationMinutes: '30', stepMinutes: '15', minNoticeMinutes: '120', horizonDays: '60', onlineBooking: '1', initialStatus: 'requested' };
      const bad = await postAs(app, admin, url, { ...rules, reminderHours: '200' });
      expect(bad.statusCode).toBe(422);
      expect(html(bad.body).querySelector(`#f-reminderHours-${service.id}-error`)?.text).toBe('Enter a whole number of hours from 0 to 168.');
      expect((await postAs(app, admin, url, { ...rules, reminderHours: '48' })).statusCode).toBe(303);
      const audit = await database.db.selectFrom('audit_log').select('details').where('action', '=', 'service.rules.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.details)).toMatchObject({ changed: { reminderHours: { from: 24, to: 48 } } });
      try {
        const early = await book(app, { email: at('early'), start: '2026-12-11T10:00:00+03:00', consent: { kvkk: true, healthData: false } });
        const earlyRows = await messagesOf(database.db, (early.json() as { id: number }).id);
        expect(earlyRows.find((r) => r.kind === 'appointment.reminder')?.next_attempt_at).toBe(Date.UTC(2026, 11, 11, 7) - 48 * HOUR);
        expect((await postAs(app, admin, url, { ...rules, reminderHours: '0' })).statusCode).toBe(303);
        const none = await book(app, { email: at('noreminder'), start: '2026-12-11T11:00:00+03:00', consent: { kvkk: true, healthData: false } });
        expect((await messagesOf(database.db, (none.json() as { id: number }).id)).map((r) => r.kind)).toEqual(['appointment.created']);
      } finally {
        await postAs(app, admin, url, { ...rules, reminderHours: '24' });
      }
    });

    it('confirmation by the clinic: English mail with a CONFIRMED invitation and the English WhatsApp template; check-in drops the reminder', async () => {
      const { app, database } = ctx();
      const res = await book(app, { email: at('confirmed'), locale: 'en', name: 'Emma Brown', start: '2026-12-11T14:00:00+03:00' });
      const id = (res.json() as { id: number }).id;
      await app.services.notifications.worker.drain();
      ctx().clock.now = FIXED_NOW + HOUR;
      await database.db.transaction().execute(async (tx) => {
        await tx.updateTable('appointments').set({ status: 'confirmed', updated_at: ctx().clock.now }).where('id', '=', id).execute();
        await app.services.booking.events.emit(tx, { kind: 'confirmed', appointmentId: id, at: ctx().clock.now, by: 'clinic', staffId: 1 });
      });
      const rows = await messagesOf(database.db, id);
      // The reminders written at booking stay (one per channel), the confirmation adds none.
      expect(rows.filter((r) => r.kind === 'appointment.reminder' && r.status === 'pending').map((r) => r.channel)).toEqual(['email', 'whatsapp']);
      await app.services.notifications.worker.drain();
      const mail = mailsTo(at('confirmed')).find((m) => m.subject.startsWith('Your appointment is confirmed'))!;
      expect(mail.subject).toBe('Your appointment is confirmed: Friday, 11 December 2026 at 14:00 — Adım Robotik Rehabilitasyon Merkezi');
      expect(mail.text).toContain('Dear Emma Brown,');
      expect(mail.text).not.toContain('/en/appointment/'); // the token is not known after the booking
      const invite = readInvitation(mail.attachments[0]!.body);
      expect(invite).toMatchObject({ method: 'REQUEST', sequence: 1, status: 'CONFIRMED', uid: `appointment-${id}@localhost` });
      const wa = rows.find((r) => r.channel === 'whatsapp' && r.kind === 'appointment.created')!;
      const templates = whatsapp.requests.filter((r) => r.body.to === wa.recipient.slice(1)).map((r) => [r.body.template!.name, r.body.template!.language.code]);
      expect(templates).toEqual([
        ['appointment_confirmation', 'en'],
        ['appointment_confirmation', 'en'],
      ]);

      await database.db.transaction().execute((tx) => app.services.booking.events.emit(tx, { kind: 'checked_in', appointmentId: id, at: ctx().clock.now, by: 'clinic' }));
      expect((await messagesOf(database.db, id)).filter((r) => r.kind === 'appointment.reminder').map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    });

    it('does not send a reminder that comes too late or for an appointment no longer expected', async () => {
      const { app, database } = ctx();
      const late = await book(app, { email: at('late'), start: '2026-12-14T10:00:00+03:00', consent: { kvkk: true, healthData: false } });
      const gone = await book(app, { email: at('gone'), start: '2026-12-14T11:00:00+03:00', consent: { kvkk: true, healthData: false } });
      const lateId = (late.json() as { id: number }).id;
      const goneId = (gone.json() as { id: number }).id;
      await app.services.notifications.worker.drain();
      // Changed without an event (e.g. by hand in the database): the worker still checks before sending.
      await database.db.updateTable('appointments').set({ status: 'no_show' }).where('id', '=', goneId).execute();
      ctx().clock.now = Date.UTC(2026, 11, 14, 7, 0); // the worker was down until the first one began
      const round = await app.services.notifications.worker.drain();
      // Earlier tests' reminders that are due by now are as late: none goes out.
      expect(round).toMatchObject({ sent: 0, failed: 0 });
      expect(round.cancelled).toBe(round.claimed);
      const reminder = async (id: number) => (await messagesOf(database.db, id)).find((r) => r.kind === 'appointment.reminder')!;
      expect(await reminder(lateId)).toMatchObject({ status: 'cancelled', last_error: 'appointment has already begun' });
      expect(await reminder(goneId)).toMatchObject({ status: 'cancelled', last_error: 'appointment is no_show' });
      expect(mailsTo(at('late'))).toHaveLength(1);
    });
  },
  { env },
);
