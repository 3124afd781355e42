// Withdrawing the WhatsApp opt-in (KVKK: as easy to withdraw as to give): by staff on the privacy page and by the
// patient on an appointment's manage page — ledger entry, waiting WhatsApp messages cancelled (e-mails untouched),
// audit row, and no WhatsApp message written afterwards; CSRF, unknown and erased patients refused.
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { describeEachEngine, type TestContext } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { getAs, postAs, signedInStaff } from '../helpers/staff.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let phoneCounter = 0;
function nextPhone(): string {
  const n = String(3_000_000 + ++phoneCounter).slice(-7);
  return `0537 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`;
}

async function book(app: FastifyInstance, body: Record<string, unknown>): Promise<{ id: number; manage: string; patientId: number }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: JSON.stringify({ service: 'free-examination', locale: 'tr', name: 'Deniz Kaya', phone: nextPhone(), consent: { kvkk: true, healthData: true, whatsapp: true }, ...body }),
    headers: { 'content-type': 'application/json' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const { id, manageUrl } = res.json() as { id: number; manageUrl: string };
  const { db } = app.services.database;
  const { patient_id } = await db.selectFrom('appointments').select('patient_id').where('id', '=', id).executeTakeFirstOrThrow();
  return { id, manage: new URL(manageUrl).pathname, patientId: Number(patient_id) };
}

function messagesOf(db: Database, appointmentId: number) {
  return db.selectFrom('outbox').select(['channel', 'kind', 'status']).where('appointment_id', '=', appointmentId).orderBy('id').execute();
}

async function ledger(db: Database, patientId: number) {
  const rows = await db.selectFrom('consents').select(['kind', 'given', 'appointment_id', 'version', 'locale', 'at']).where('patient_id', '=', patientId).where('kind', '=', 'whatsapp_opt_in').orderBy('id').execute();
  return rows.map((r) => ({ ...r, given: Number(r.given), version: Number(r.version), at: Number(r.at), appointment_id: r.appointment_id === null ? null : Number(r.appointment_id) }));
}

async function auditRows(db: Database, patientId: number) {
  const rows = await db.selectFrom('audit_log').select(['actor_user_id', 'actor_label', 'details', 'target_type']).where('action', '=', 'patient.whatsapp.withdraw').where('target_id', '=', String(patientId)).execute();
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}

function texts(body: string): string {
  return html(body).querySelector('main')!.text.replace(/\s+/g, ' ');
}

describeEachEngine(
  'WhatsApp opt-out',
  (ctx: () => TestContext) => {
    it('staff stop WhatsApp messages on the privacy page: ledger, waiting WhatsApp messages cancelled, audit, page says off', async () => {
      const c = ctx();
      const db = c.database.db;
      const booked = await book(c.app, { start: '2026-12-07T10:00:00+03:00', email: 'deniz@example.com' });
      // A second appointment of the same person: its WhatsApp messages go too.
      const second = await book(c.app, { start: '2026-12-08T10:00:00+03:00', phone: (await db.selectFrom('patients').select('phone').where('id', '=', booked.patientId).executeTakeFirstOrThrow()).phone });
      expect(second.patientId).toBe(booked.patientId);
      expect(await messagesOf(db, booked.id)).toEqual([
        { channel: 'email', kind: 'appointment.created', status: 'pending' },
        { channel: 'whatsapp', kind: 'appointment.created', status: 'pending' },
        { channel: 'email', kind: 'appointment.reminder', status: 'pending' },
        { channel: 'whatsapp', kind: 'appointment.reminder', status: 'pending' },
      ]);

      const admin = await signedInStaff(c, 'admin');
      const href = `/admin/privacy/patients/${booked.patientId}`;
      const before = html((await getAs(c.app, admin, href)).body);
      expect(before.querySelector('#whatsapp-state')!.text).toContain('On:');
      expect(before.querySelector(`form[action="${href}/stop-whatsapp"] button`)!.text.trim()).toBe('Stop WhatsApp messages');
      expect(before.querySelector('section[aria-labelledby=p-consents]')!.text).toContain('Appointment messages on WhatsApp');

      // A GET changes nothing; a POST without the CSRF token or from another site is refused.
      expect((await getAs(c.app, admin, `${href}/stop-whatsapp`)).statusCode).toBe(405);
      const noCsrf = await c.app.inject({ method: 'POST', url: `${href}/stop-whatsapp`, payload: '', headers: { ...FORM, cookie: admin.cookie } });
      expect(noCsrf.statusCode).toBe(403);
      const forged = await c.app.inject({ method: 'POST', url: `${href}/stop-whatsapp`, payload: `_csrf=${admin.csrf}`, headers: { ...FORM, cookie: admin.cookie, origin: 'https://evil.example' } });
      expect(forged.statusCode).toBe(403);
      expect(await ledger(db, booked.patientId)).toHaveLength(2);

      const res = await postAs(c.app, admin, `${href}/stop-whatsapp`);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`${href}?notice=whatsappOff&count=4`);
      const after = html((await getAs(c.app, admin, res.headers.location as string)).body);
      expect(after.querySelector('.banner.success')?.text).toBe('WhatsApp messages are stopped and the withdrawal is recorded. Messages cancelled: 4.');
      expect(after.querySelector('#whatsapp-state')!.text).toContain('Off:');
      expect(after.querySelector(`form[action="${href}/stop-whatsapp"]`)).toBeNull();

      const entries = await ledger(db, booked.patientId);
      expect(entries.at(-1)).toEqual({ kind: 'whatsapp_opt_in', given: 0, appointment_id: null, version: 1, locale: 'tr', at: c.clock.now });
      for (const id of [booked.id, second.id]) {
        const rows = await messagesOf(db, id);
        expect(rows.filter((r) => r.channel === 'whatsapp').map((r) => r.status), String(id)).toEqual(['cancelled', 'cancelled']);
      }
      expect((await messagesOf(db, booked.id)).filter((r) => r.channel === 'email').map((r) => r.status)).toEqual(['pending', 'pending']);
      const audit = await auditRows(db, booked.patientId);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_user_id: admin.id, target_type: 'patient', details: { by: 'clinic', messagesCancelled: 4 } });
      // The audit page has a label for it.
      const auditPage = await getAs(c.app, admin, '/admin/audit');
      expect(auditPage.body).toContain('WhatsApp messages stopped (consent withdrawn)');

      // Later events write no WhatsApp message: the clinic confirms, the e-mail goes, WhatsApp does not.
      const confirm = await postAs(c.app, admin, `/admin/appointments/${booked.id}/confirm`);
      expect(confirm.statusCode).toBe(303);
      const rows = await messagesOf(db, booked.id);
      expect(rows.filter((r) => r.kind === 'appointment.confirmed').map((r) => r.channel)).toEqual(['email']);
      expect(rows.filter((r) => r.channel === 'whatsapp' && r.status !== 'cancelled')).toEqual([]);

      // A second click: nothing more is written.
      const again = await postAs(c.app, admin, `${href}/stop-whatsapp`);
      expect(again.headers.location).toBe(`${href}?notice=whatsappAlreadyOff&count=0`);
      expect(html((await getAs(c.app, admin, again.headers.location as string)).body).querySelector('.banner.success')?.text).toBe(
        'This person was not receiving WhatsApp messages; nothing was changed.',
      );
      expect(await ledger(db, booked.patientId)).toHaveLength(entries.length);
      expect(await auditRows(db, booked.patientId)).toHaveLength(1);
    });

    it('a new booking with the box ticked opts in again; a WhatsApp message claimed before the withdrawal is not sent', async () => {
      const c = ctx();
      const db = c.database.db;
      const booked = await book(c.app, { start: '2026-12-07T11:00:00+03:00' });
      // The worker has claimed the confirmation (a lease, status sending) when the withdrawal arrives.
      await db.updateTable('outbox').set({ status: 'sending', lease_owner: 'elsewhere', lease_until: c.clock.now - 1 }).where('appointment_id', '=', booked.id).where('kind', '=', 'appointment.created').execute();
      const admin = await signedInStaff(c, 'admin');
      expect((await postAs(c.app, admin, `/admin/privacy/patients/${booked.patientId}/stop-whatsapp`)).headers.location).toContain('notice=whatsappOff&count=1');
      await c.app.services.notifications.worker.drain();
      const rows = await db.selectFrom('outbox').select(['channel', 'kind', 'status', 'last_error']).where('appointment_id', '=', booked.id).where('channel', '=', 'whatsapp').orderBy('id').execute();
      expect(rows.map((r) => [r.kind, r.status])).toEqual([
        ['appointment.created', 'cancelled'],
        ['appointment.reminder', 'cancelled'],
      ]);
      expect(rows[0]!.last_error).toBe('patient withdrew WhatsApp consent');

      const phone = (await db.selectFrom('patients').select('phone').where('id', '=', booked.patientId).executeTakeFirstOrThrow()).phone;
      const again = await book(c.app, { start: '2026-12-09T11:00:00+03:00', phone });
      expect((await messagesOf(db, again.id)).filter((r) => r.channel === 'whatsapp').map((r) => r.status)).toEqual(['pending', 'pending']);
      expect((await ledger(db, booked.patientId)).map((r) => r.given)).toEqual([1, 0, 1]);
    });

    it('says so instead of offering the button when the person never opted in; refuses unknown and erased people', async () => {
      const c = ctx();
      const db = c.database.db;
      const admin = await signedInStaff(c, 'admin');
      const never = await book(c.app, { start: '2026-12-07T12:00:00+03:00', consent: { kvkk: true, healthData: true } });
      const page = html((await getAs(c.app, admin, `/admin/privacy/patients/${never.patientId}`)).body);
      expect(page.querySelector('#whatsapp-state')!.text).toContain('Off:');
      expect(page.querySelector('form[action$="/stop-whatsapp"]')).toBeNull();
      const noop = await postAs(c.app, admin, `/admin/privacy/patients/${never.patientId}/stop-whatsapp`);
      expect(noop.headers.location).toContain('notice=whatsappAlreadyOff');
      expect(await ledger(db, never.patientId)).toEqual([]);

      for (const bad of ['999999', '0', 'abc']) expect((await postAs(c.app, admin, `/admin/privacy/patients/${bad}/stop-whatsapp`)).statusCode, bad).toBe(404);
      for (const role of ['receptionist', 'therapist'] as const) {
        const who = await signedInStaff(c, role);
        expect((await postAs(c.app, who, `/admin/privacy/patients/${never.patientId}/stop-whatsapp`)).statusCode).toBe(403);
      }

      // Erased: cancelled first, then erased with a proof of presence; the withdrawal is refused.
      const erased = await book(c.app, { start: '2026-12-07T14:00:00+03:00' });
      const cancel = await c.app.inject({ method: 'POST', url: `${erased.manage}/iptal`, payload: '', headers: FORM });
      expect(cancel.statusCode).toBe(303);
      expect((await postAs(c.app, admin, `/admin/privacy/patients/${erased.patientId}/erase`, { confirm: 'yes', reauth: admin.password })).statusCode).toBe(303);
      const count = (await ledger(db, erased.patientId)).length;
      const refused = await postAs(c.app, admin, `/admin/privacy/patients/${erased.patientId}/stop-whatsapp`);
      expect(refused.statusCode).toBe(409);
      // As for the other actions on an erased record: the page answers 409 with the erasure banner, why, and no form.
      expect(html(refused.body).querySelectorAll('.banner.warning').map((b) => b.text).join(' ')).toContain('was erased on');
      expect(html(refused.body).querySelector('.banner.error[role="alert"]')?.text).toContain('This record has already been erased.');
      expect(html(refused.body).querySelector('form[action$="/stop-whatsapp"]')).toBeNull();
      expect(await ledger(db, erased.patientId)).toHaveLength(count);
      expect(await auditRows(db, erased.patientId)).toEqual([]);
      // Its manage link is gone with the person.
      expect((await c.app.inject({ method: 'POST', url: `${erased.manage}/whatsapp-durdur`, payload: '', headers: FORM })).statusCode).toBe(404);
    });

    it('the patient stops them from the manage page (Turkish), even after the cut-off, as the patient in the audit trail', async () => {
      const c = ctx();
      const db = c.database.db;
      const booked = await book(c.app, { start: '2026-12-02T16:00:00+03:00', email: 'hasta@example.com' });
      const action = `${booked.manage}/whatsapp-durdur`;
      const saved = c.clock.now;
      c.clock.now = Date.parse('2026-12-02T14:30:00+03:00'); // past the 2-hour cut-off: no cancel, no move, but this
      try {
        const page = await c.app.inject({ url: booked.manage });
        const doc = html(page.body);
        expect(texts(page.body)).toContain('WhatsApp mesajları');
        expect(texts(page.body)).toContain('şu an açık');
        expect(doc.querySelector(`a[href="${booked.manage}/iptal"]`)).toBeNull();
        const form = doc.querySelector(`form[action="${action}"]`)!;
        expect(form.getAttribute('method')).toBe('post');
        expect(form.querySelector('button[type=submit]')!.text.trim()).toBe('Durdur');

        // Another site cannot post it; a GET changes nothing.
        for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null', 'sec-fetch-site': 'cross-site' }]) {
          expect((await c.app.inject({ method: 'POST', url: action, payload: '', headers: { ...FORM, ...headers } })).statusCode).toBe(403);
        }
        expect((await c.app.inject({ url: action })).statusCode).toBe(405);
        expect((await c.app.inject({ method: 'POST', url: `/tr/randevu/${'A'.repeat(43)}/whatsapp-durdur`, payload: '', headers: FORM })).statusCode).toBe(404);
        expect(await ledger(db, booked.patientId)).toHaveLength(1);

        const res = await c.app.inject({ method: 'POST', url: action, payload: '', headers: { ...FORM, origin: 'null', 'sec-fetch-site': 'same-origin' }, remoteAddress: '192.0.2.55' });
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe(`${booked.manage}?whatsappOff=1`);
        expect(res.headers['cache-control']).toBe('no-store');
        const after = await c.app.inject({ url: res.headers.location as string });
        expect(texts(after.body)).toContain('Tamam: size artık WhatsApp’tan randevu mesajı göndermeyeceğiz.');
        expect(html(after.body).querySelector(`form[action="${action}"]`)).toBeNull();

        expect((await ledger(db, booked.patientId)).at(-1)).toMatchObject({ given: 0, appointment_id: null, version: 1, locale: 'tr' });
        const rows = await messagesOf(db, booked.id);
        expect(rows.filter((r) => r.channel === 'whatsapp').map((r) => r.status)).toEqual(['cancelled']);
        expect(rows.filter((r) => r.channel === 'email').every((r) => r.status === 'pending')).toBe(true);
        const audit = await db.selectFrom('audit_log').select(['actor_user_id', 'actor_label', 'ip', 'details']).where('action', '=', 'patient.whatsapp.withdraw').where('target_id', '=', String(booked.patientId)).execute();
        expect(audit).toHaveLength(1);
        expect(audit[0]!.actor_user_id).toBeNull();
        expect(audit[0]!.actor_label).toBe('system:public-booking');
        expect(JSON.parse(audit[0]!.details)).toEqual({ by: 'patient', appointment: booked.id, messagesCancelled: 1 });

        // Again: already off, said plainly.
        const twice = await c.app.inject({ method: 'POST', url: action, payload: '', headers: FORM });
        expect(twice.headers.location).toBe(`${booked.manage}?whatsappAlreadyOff=1`);
        expect(texts((await c.app.inject({ url: twice.headers.location as string })).body)).toContain('WhatsApp mesajları zaten kapalıydı');
        expect(await ledger(db, booked.patientId)).toHaveLength(2);
      } finally {
        c.clock.now = saved;
      }
    });

    it('works in English and on a cancelled appointment; the staff page then shows off', async () => {
      const c = ctx();
      const db = c.database.db;
      const booked = await book(c.app, { start: '2026-12-10T10:00:00+03:00', locale: 'en' });
      const cancel = await c.app.inject({ method: 'POST', url: `${booked.manage}/cancel`, payload: '', headers: FORM });
      expect(cancel.statusCode).toBe(303);
      const page = await c.app.inject({ url: booked.manage });
      expect(texts(page.body)).toContain('You asked for appointment confirmations and reminders on WhatsApp: they are on.');
      const res = await c.app.inject({ method: 'POST', url: `${booked.manage}/stop-whatsapp`, payload: '', headers: FORM });
      expect(res.headers.location).toBe(`${booked.manage}?whatsappOff=1`);
      expect(texts((await c.app.inject({ url: res.headers.location as string })).body)).toContain('Done: we will send you no more appointment messages on WhatsApp.');
      expect((await ledger(db, booked.patientId)).at(-1)).toMatchObject({ given: 0, locale: 'en' });
      const admin = await signedInStaff(c, 'admin');
      expect(html((await getAs(c.app, admin, `/admin/privacy/patients/${booked.patientId}`)).body).querySelector('#whatsapp-state')!.text).toContain('Off:');
    });
  },
  { env: { BOOKING_MAX_PER_IP_PER_HOUR: '1000', BOOKING_MAX_PER_PHONE_PER_DAY: '1000' } },
);
