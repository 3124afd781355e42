// Waitlist offers reach a patient in writing only where they agreed to it (KVKK): e-mail when they gave an address,
// WhatsApp only while their latest WhatsApp ledger answer is yes; a patient with neither gets a "call the patient"
// offer the desk sees (no message) and does not use up one of the written offers. The waitlist form has the optional
// WhatsApp box (ledger + audit); a withdrawal cancels queued WhatsApp offers and the worker re-checks the ledger
// before sending one.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { describeEachEngine, FIXED_NOW, type TestContext } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { getAs, postAs, signedInStaff, type SignedInStaff } from '../helpers/staff.ts';

// FIXED_NOW is Wednesday 2026-12-02 10:00 in Istanbul. A free examination holds the one physician and the one room.

let phoneCounter = 0;
/** A fresh Turkish mobile number: the spelling typed in the form and its E.164 form. */
function phone(): { typed: string; e164: string } {
  const n = String(4_000_000 + ++phoneCounter).slice(-7);
  return { typed: `0534 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`, e164: `+90534${n}` };
}

function api(app: FastifyInstance, who: SignedInStaff, url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** Books a caller (not on the waitlist) into `start` and cancels it: the freed time is offered. */
async function freeSlot(c: TestContext, desk: SignedInStaff, start: string): Promise<number> {
  const res = await api(c.app, desk, '/api/v1/appointments', { service: 'free-examination', start, patient: { name: 'Kaan Serbest', phone: phone().typed, locale: 'tr' }, consent: { kvkkNoticeGiven: true } });
  expect(res.statusCode, res.body).toBe(201);
  const id = (res.json() as { id: number }).id;
  expect((await api(c.app, desk, `/api/v1/appointments/${id}/cancel`)).statusCode).toBe(200);
  return id;
}

const base = { service: 'free-examination', dateFrom: '2026-12-01', dateTo: '2026-12-31', timeRanges: '09:00-12:30', language: 'en', kvkkNotice: 'yes' };

async function addWaiting(c: TestContext, desk: SignedInStaff, name: string, extra: Record<string, string> = {}): Promise<{ patientId: number; entryId: number; phone: string }> {
  const p = phone();
  const res = await postAs(c.app, desk, '/admin/waitlist', { ...base, name, phone: p.typed, ...extra });
  expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
  const db = c.database.db;
  const patient = await db.selectFrom('patients').select('id').where('phone', '=', p.e164).executeTakeFirstOrThrow();
  const entry = await db.selectFrom('waitlist_entries').select('id').where('patient_id', '=', patient.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return { patientId: Number(patient.id), entryId: Number(entry.id), phone: p.e164 };
}

function whatsappLedger(db: Database, patientId: number) {
  return db.selectFrom('consents').select(['given', 'appointment_id', 'locale', 'version', 'at']).where('patient_id', '=', patientId).where('kind', '=', 'whatsapp_opt_in').orderBy('id').execute();
}

async function auditOf(db: Database, action: string, targetId: number): Promise<Record<string, unknown>> {
  const row = await db.selectFrom('audit_log').select('details').where('action', '=', action).where('target_id', '=', String(targetId)).executeTakeFirstOrThrow();
  return JSON.parse(row.details) as Record<string, unknown>;
}

function offerMessages(db: Database) {
  return db.selectFrom('outbox').select(['id', 'channel', 'recipient', 'patient_id', 'status', 'last_error', 'body_text']).where('kind', '=', 'waitlist.offer').orderBy('id').execute();
}

function offersOf(db: Database, entryId: number) {
  return db.selectFrom('waitlist_offers').select(['status', 'starts_at']).where('entry_id', '=', entryId).orderBy('id').execute();
}

const linkIn = (text: string) => /(\/(?:tr\/bekleme-listesi|en\/waitlist)\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];

describeEachEngine(
  'waitlist offers and the WhatsApp opt-in',
  (ctx) => {
    it('offers the optional WhatsApp box on the waitlist form, never ticked; ticked, it is recorded in the ledger and audited', async () => {
      const c = ctx();
      const db = c.database.db;
      const desk = await signedInStaff(c, 'receptionist');
      const form = html((await getAs(c.app, desk, '/admin/waitlist')).body);
      const box = form.querySelector('form.fd-wl-form input#f-whatsapp')!;
      expect(box.getAttribute('type')).toBe('checkbox');
      expect(box.getAttribute('name')).toBe('whatsapp');
      expect(box.hasAttribute('checked')).toBe(false);
      expect(box.hasAttribute('required')).toBe(false);
      expect(form.querySelector('label[for="f-whatsapp"]')!.text).toContain('offers and appointment messages on WhatsApp');

      const ticked = await addWaiting(c, desk, 'Ada Whatsapp', { whatsapp: 'yes' });
      expect((await whatsappLedger(db, ticked.patientId)).map((r) => ({ ...r, given: Number(r.given), version: Number(r.version), at: Number(r.at) }))).toEqual([
        { given: 1, appointment_id: null, locale: 'en', version: 1, at: FIXED_NOW },
      ]);
      expect(await auditOf(db, 'waitlist.add', ticked.entryId)).toMatchObject({ whatsappOptIn: true, kvkkNotice: { given: true, locale: 'en' } });

      const unticked = await addWaiting(c, desk, 'Bora Yok');
      expect(await whatsappLedger(db, unticked.patientId)).toEqual([]);
      expect(await auditOf(db, 'waitlist.add', unticked.entryId)).toMatchObject({ whatsappOptIn: false });

      // Adding a known, opted-in patient again without the box does not withdraw the opt-in (nothing is written).
      const again = await postAs(c.app, desk, '/admin/waitlist', { ...base, patientId: String(ticked.patientId) });
      expect(again.statusCode).toBe(303);
      expect(await whatsappLedger(db, ticked.patientId)).toHaveLength(1);
    });

    it('answers a bad form with the messages at the fields, in English and Turkish, keeps the WhatsApp tick and records nothing', async () => {
      const c = ctx();
      const db = c.database.db;
      const desk = await signedInStaff(c, 'receptionist');
      const consentsBefore = await db.selectFrom('consents').select('id').execute();
      const p = phone();
      const res = await postAs(c.app, desk, '/admin/waitlist', { ...base, kvkkNotice: '', name: 'Cem Hatali', phone: p.typed, whatsapp: 'yes', timeRanges: '9-12' });
      expect(res.statusCode).toBe(422);
      const page = html(res.body);
      expect(page.querySelector('#f-kvkkNotice-error')!.text).toContain('Tell the caller about the privacy notice (KVKK)');
      expect(page.querySelector('#f-whatsapp')!.hasAttribute('checked')).toBe(true);
      expect(page.querySelector('#fd-errors')!.text).toContain('09:00-12:00');
      // Not a boolean the schema knows: still a form answer, never a 500.
      const odd = await postAs(c.app, desk, '/admin/waitlist', { ...base, name: 'Cem Hatali', phone: 'not a phone', whatsapp: 'maybe' });
      expect(odd.statusCode).toBe(422);
      expect(html(odd.body).querySelector('#f-whatsapp')!.hasAttribute('checked')).toBe(false);
      expect(await db.selectFrom('patients').select('id').where('phone', '=', p.e164).execute()).toEqual([]);
      expect(await db.selectFrom('consents').select('id').execute()).toHaveLength(consentsBefore.length);

      // The same in Turkish for a Turkish-speaking receptionist.
      await db.updateTable('users').set({ locale: 'tr' }).where('id', '=', desk.id).execute();
      try {
        const tr = await postAs(c.app, desk, '/admin/waitlist', { ...base, kvkkNotice: '', name: 'Cem Hatali', phone: p.typed, whatsapp: 'yes' });
        expect(tr.statusCode).toBe(422);
        const trPage = html(tr.body);
        expect(trPage.querySelector('#f-kvkkNotice-error')!.text).toMatch(/aydınlatma metni/i);
        expect(trPage.querySelector('label[for="f-whatsapp"]')!.text).toContain('WhatsApp’tan almak istiyor');
        expect(trPage.querySelector('#f-whatsapp')!.hasAttribute('checked')).toBe(true);
      } finally {
        await db.updateTable('users').set({ locale: 'en' }).where('id', '=', desk.id).execute();
      }
    });

    it('writes an offer by e-mail or by WhatsApp only where the patient agreed; one who cannot be written to is marked for a call and does not use up a written offer', async () => {
      const c = ctx();
      const db = c.database.db;
      const desk = await signedInStaff(c, 'receptionist');
      // Waiting order: first the one without any written channel, then WhatsApp (opted in), then two with e-mail.
      // WAITLIST_OFFER_COUNT is 2 in this file.
      const nobody = await addWaiting(c, desk, 'Deniz Telefon', { timeRanges: '14:00-16:00' });
      const whatsapp = await addWaiting(c, desk, 'Ece Whatsapp', { timeRanges: '14:00-16:00', whatsapp: 'yes' });
      const mail = await addWaiting(c, desk, 'Filiz Eposta', { timeRanges: '14:00-16:00', email: 'filiz@example.com' });
      const fourth = await addWaiting(c, desk, 'Gizem Dorduncu', { timeRanges: '14:00-16:00', email: 'gizem@example.com' });

      const freedBy = await freeSlot(c, desk, '2026-12-03T14:00:00+03:00');
      const messages = await offerMessages(db);
      expect(messages.map((m) => [m.channel, m.recipient, Number(m.patient_id)])).toEqual([
        ['whatsapp', whatsapp.phone, whatsapp.patientId],
        ['email', 'filiz@example.com', mail.patientId],
      ]);
      // Nothing was written to the patient without a written channel; they have a "call" offer instead.
      expect(messages.some((m) => m.recipient === nobody.phone)).toBe(false);
      expect((await offersOf(db, nobody.entryId)).map((o) => o.status)).toEqual(['call']);
      expect((await offersOf(db, whatsapp.entryId)).map((o) => o.status)).toEqual(['open']);
      expect((await offersOf(db, mail.entryId)).map((o) => o.status)).toEqual(['open']);
      expect(await offersOf(db, fourth.entryId)).toEqual([]);
      expect((await db.selectFrom('waitlist_offers').select('freed_by').where('entry_id', '=', nobody.entryId).executeTakeFirstOrThrow()).freed_by).toBe(freedBy);

      // The desk sees whom to phone, with a link that opens the phone booking for that patient, service and day.
      const page = html((await getAs(c.app, desk, '/admin/waitlist')).body);
      expect(page.querySelector('#fd-wl-calls')!.text).toContain('Waiting patients to phone about a free time: 1');
      const call = page.querySelector(`#waitlist-${nobody.entryId} li.offer-call`)!;
      expect(call.text).toContain('call the patient');
      expect(call.querySelector('a')!.getAttribute('href')).toBe(`/admin/appointments/new?patient=${nobody.patientId}&service=free-examination&date=2026-12-03`);
      expect(page.querySelector(`#waitlist-${mail.entryId} li.offer-call`)).toBeNull();
      // A therapist (view only) sees the mark but no booking link.
      const therapist = await signedInStaff(c, 'therapist');
      const theirs = html((await getAs(c.app, therapist, '/admin/waitlist')).body);
      expect(theirs.querySelector(`#waitlist-${nobody.entryId} li.offer-call`)!.querySelector('a')).toBeNull();

      // First come, first served: the e-mail patient books from the link; the call mark is closed as taken.
      const url = linkIn(messages[1]!.body_text)!;
      const version = html((await c.app.inject({ url })).body).querySelector('input[name="noticeVersion"]')!.getAttribute('value')!;
      const accepted = await c.app.inject({ method: 'POST', url, headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' }, payload: `noticeVersion=${version}` });
      expect(accepted.statusCode).toBe(303);
      expect((await offersOf(db, nobody.entryId)).map((o) => o.status)).toEqual(['taken']);
      expect((await offersOf(db, whatsapp.entryId)).map((o) => o.status)).toEqual(['taken']);
      expect(html((await getAs(c.app, desk, '/admin/waitlist')).body).querySelector('#fd-wl-calls')).toBeNull();
    });

    it('marks at most WAITLIST_OFFER_COUNT patients for a call, lets the mark expire with the offers and withdraws it when the entry is removed', async () => {
      const c = ctx();
      const db = c.database.db;
      const desk = await signedInStaff(c, 'receptionist');
      const silent: Array<{ patientId: number; entryId: number; phone: string }> = [];
      for (const name of ['Hale Bir', 'Ilgaz Iki', 'Jale Uc']) silent.push(await addWaiting(c, desk, name, { timeRanges: '16:00-18:00' }));
      await freeSlot(c, desk, '2026-12-03T16:00:00+03:00');
      expect((await offerMessages(db)).filter((m) => silent.some((s) => Number(m.patient_id) === s.patientId))).toEqual([]);
      expect(await Promise.all(silent.map(async (s) => (await offersOf(db, s.entryId)).map((o) => o.status)))).toEqual([['call'], ['call'], []]);

      // Removing the entry withdraws its mark.
      expect((await postAs(c.app, desk, `/admin/waitlist/${silent[0]!.entryId}/remove`)).statusCode).toBe(303);
      expect((await offersOf(db, silent[0]!.entryId)).map((o) => o.status)).toEqual(['withdrawn']);

      // After the offers' time the mark shows as expired, and the banner is gone.
      c.clock.now = FIXED_NOW + 13 * 3_600_000;
      try {
        const later = await signedInStaff(c, 'receptionist'); // the earlier session has timed out
        const page = html((await getAs(c.app, later, '/admin/waitlist')).body);
        expect(page.querySelector(`#waitlist-${silent[1]!.entryId} li.offer-call`)).toBeNull();
        expect(page.querySelector(`#waitlist-${silent[1]!.entryId}`)!.text).toContain('expired');
        expect(page.querySelector('#fd-wl-calls')).toBeNull();
      } finally {
        c.clock.now = FIXED_NOW;
      }
    });

    it('cancels a queued WhatsApp offer when the patient withdraws, and the worker re-checks the ledger before sending one', async () => {
      const c = ctx();
      const db = c.database.db;
      const desk = await signedInStaff(c, 'receptionist');
      const admin = await signedInStaff(c, 'admin');
      // (Earlier entries waiting for this time have no written channel: they get call marks, not written offers.)
      const waiting = await addWaiting(c, desk, 'Kemal Vazgecen', { timeRanges: '16:00-18:00', dateFrom: '2026-12-04', dateTo: '2026-12-04', whatsapp: 'yes' });
      const claimed = await addWaiting(c, desk, 'Leyla Kapilmis', { timeRanges: '16:00-18:00', dateFrom: '2026-12-04', dateTo: '2026-12-04', whatsapp: 'yes' });
      await freeSlot(c, desk, '2026-12-04T16:00:00+03:00');
      const queued = (await offerMessages(db)).filter((m) => [waiting.patientId, claimed.patientId].includes(Number(m.patient_id)));
      expect(queued.map((m) => [m.channel, m.status])).toEqual([
        ['whatsapp', 'pending'],
        ['whatsapp', 'pending'],
      ]);

      // 1) Withdrawn while waiting in the outbox: the withdrawal cancels it (and counts it).
      const stop = await postAs(c.app, admin, `/admin/privacy/patients/${waiting.patientId}/stop-whatsapp`);
      expect(stop.headers.location).toContain('notice=whatsappOff&count=1');
      // 2) Claimed by a worker (status sending, its lease run out) when the withdrawal arrives: the worker cancels it.
      const second = queued.find((m) => Number(m.patient_id) === claimed.patientId)!;
      await db.updateTable('outbox').set({ status: 'sending', lease_owner: 'elsewhere', lease_until: c.clock.now - 1 }).where('id', '=', second.id).execute();
      expect((await postAs(c.app, admin, `/admin/privacy/patients/${claimed.patientId}/stop-whatsapp`)).headers.location).toContain('notice=whatsappOff&count=0');
      await c.app.services.notifications.worker.drain();
      const after = (await offerMessages(db)).filter((m) => queued.some((q) => q.id === m.id));
      expect(after.map((m) => [m.status, m.last_error])).toEqual([
        ['cancelled', 'patient withdrew consent'],
        ['cancelled', 'patient withdrew WhatsApp consent'],
      ]);
      // Nobody was reached: the desk sees both offers as "call the patient" marks, with the Book-by-phone link.
      const page = html((await getAs(c.app, desk, '/admin/waitlist')).body);
      for (const who of [waiting, claimed]) expect(page.querySelector(`#waitlist-${who.entryId} li.offer-call a`), who.phone).toBeTruthy();

      // 3) Staff press "Send again" afterwards: the copy names the patient, and the worker does not send it.
      const resend = await postAs(c.app, admin, `/admin/messages/${second.id}/resend`);
      expect(resend.statusCode).toBe(303);
      const copy = await db.selectFrom('outbox').select(['id', 'patient_id']).where('resend_of', '=', second.id).executeTakeFirstOrThrow();
      expect(Number(copy.patient_id)).toBe(claimed.patientId);
      await c.app.services.notifications.worker.drain();
      expect(await db.selectFrom('outbox').select(['status', 'last_error']).where('id', '=', copy.id).executeTakeFirstOrThrow()).toEqual({ status: 'cancelled', last_error: 'patient withdrew WhatsApp consent' });
    });

    it('does not send a WhatsApp offer queued before this check to a patient who never opted in (or who is unknown); e-mail offers go', async () => {
      const c = ctx();
      const db = c.database.db;
      const desk = await signedInStaff(c, 'receptionist');
      const legacy = await addWaiting(c, desk, 'Mert Eski');
      const now = c.clock.now;
      const row = { kind: 'waitlist.offer', locale: 'en' as const, body_text: 'A time has become free', status: 'pending' as const, attempts: 0, next_attempt_at: now, created_at: now, updated_at: now };
      const [never, unknown, mail] = await Promise.all([
        db.insertInto('outbox').values({ ...row, channel: 'whatsapp', recipient: legacy.phone, patient_id: legacy.patientId }).returning('id').executeTakeFirstOrThrow(),
        db.insertInto('outbox').values({ ...row, channel: 'whatsapp', recipient: '+905349999999' }).returning('id').executeTakeFirstOrThrow(),
        db.insertInto('outbox').values({ ...row, channel: 'email', recipient: 'mert@example.com', subject: 'A time has become free', patient_id: legacy.patientId }).returning('id').executeTakeFirstOrThrow(),
      ]);
      await c.app.services.notifications.worker.drain();
      const status = async (id: number) => db.selectFrom('outbox').select(['status', 'last_error']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(await status(never.id)).toEqual({ status: 'cancelled', last_error: 'patient has not opted in to WhatsApp' });
      expect(await status(unknown.id)).toEqual({ status: 'cancelled', last_error: 'patient has not opted in to WhatsApp' });
      expect((await status(mail.id)).status).toBe('sent');
    });

    it('a new appointment inside the wanted window settles the entry (booked, offers withdrawn); one outside it does not', async () => {
      const c = ctx();
      const db = c.database.db;
      const desk = await signedInStaff(c, 'receptionist');
      // A window of their own (the file's other tests fill December's): 4–15 January, 09:00–12:30.
      const january = { dateFrom: '2027-01-04', dateTo: '2027-01-15' };
      const ayla = await addWaiting(c, desk, 'Ayla Bekler', january);
      const deniz = await addWaiting(c, desk, 'Deniz Sonra', january);
      // A freed time gives both a standing offer (no e-mail, no WhatsApp: "call the patient" marks).
      await freeSlot(c, desk, '2027-01-05T10:00:00+03:00');
      expect((await offersOf(db, ayla.entryId)).map((o) => o.status)).toEqual(['call']);
      expect((await offersOf(db, deniz.entryId)).map((o) => o.status)).toEqual(['call']);

      // The desk books Ayla by phone on another day, inside her window.
      const inside = await api(c.app, desk, '/api/v1/appointments', { service: 'free-examination', start: '2027-01-06T11:00:00+03:00', patientId: ayla.patientId, consent: { kvkkNoticeGiven: true } });
      expect(inside.statusCode, inside.body).toBe(201);
      const appointmentId = (inside.json() as { id: number }).id;
      const entry = await db.selectFrom('waitlist_entries').select(['status', 'appointment_id']).where('id', '=', ayla.entryId).executeTakeFirstOrThrow();
      expect(entry).toEqual({ status: 'booked', appointment_id: appointmentId });
      expect((await offersOf(db, ayla.entryId)).map((o) => o.status)).toEqual(['withdrawn']);

      // Deniz is booked at 15:00, outside his window: he still waits for a time that suits him, his mark stands.
      const outside = await api(c.app, desk, '/api/v1/appointments', { service: 'free-examination', start: '2027-01-06T15:00:00+03:00', patientId: deniz.patientId, consent: { kvkkNoticeGiven: true } });
      expect(outside.statusCode, outside.body).toBe(201);
      expect((await db.selectFrom('waitlist_entries').select('status').where('id', '=', deniz.entryId).executeTakeFirstOrThrow()).status).toBe('waiting');
      expect((await offersOf(db, deniz.entryId)).map((o) => o.status)).toEqual(['call']);

      // The waitlist page shows Ayla as booked, linked to her appointment.
      const page = html((await getAs(c.app, desk, '/admin/waitlist?status=booked')).body);
      expect(page.querySelector(`a[href="/admin/appointments/${appointmentId}"]`)).toBeTruthy();
    });
  },
  { env: { WAITLIST_OFFER_COUNT: '2', BOOKING_MAX_PER_IP_PER_HOUR: '1000', BOOKING_MAX_PER_PHONE_PER_DAY: '1000' } },
);
