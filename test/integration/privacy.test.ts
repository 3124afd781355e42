// Data-subject requests: search (Turkish folding), the person's file, the JSON copy, withdrawal of health-data
// consent, erasure (refused while an appointment is ahead, needs confirmation and fresh proof), audit and permissions.
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { getAs, postAs, signedInStaff } from '../helpers/staff.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

async function book(app: FastifyInstance, body: Record<string, unknown>): Promise<{ id: number; manageUrl: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: JSON.stringify({ service: 'free-examination', locale: 'tr', consent: { kvkk: true, healthData: true }, ...body }),
    headers: { 'content-type': 'application/json' },
    remoteAddress: '192.0.2.77',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; manageUrl: string };
}

describeEachEngine(
  'privacy requests',
  (ctx) => {
    it('finds a person by any spelling of the name or part of the phone, shows what is held, and audits it', async () => {
      const c = ctx();
      await book(c.app, { start: '2026-12-03T10:00:00+03:00', name: 'Şükrü IŞIK', phone: '0535 901 23 45', email: 'sukru@example.com', intake: { complaint: 'spasm-cramps', painScore: 4 } });
      const admin = await signedInStaff(c, 'admin');
      for (const q of ['şükrü ışık', 'SUKRU ISIK', 'Işık', '901 23', '+90535901', '0535 901 23']) {
        const res = await getAs(c.app, admin, `/admin/privacy?q=${encodeURIComponent(q)}`);
        expect(res.statusCode, q).toBe(200);
        const links = html(res.body).querySelectorAll('table a').map((a) => a.text);
        expect(links, q).toContain('Şükrü IŞIK');
      }
      const none = await getAs(c.app, admin, `/admin/privacy?q=${encodeURIComponent('Zeynep')}`);
      expect(html(none.body).querySelector('#privacy-none')?.text).toContain('Zeynep');
      for (const bad of ['a', '12', 'x'.repeat(101), '%%', "' or 1=1 --"]) {
        const res = await getAs(c.app, admin, `/admin/privacy?q=${encodeURIComponent(bad)}`);
        expect([200, 422], bad).toContain(res.statusCode);
        if (bad.length > 100 || bad.trim().length < 3) expect(res.statusCode, bad).toBe(422);
      }

      const found = html((await getAs(c.app, admin, `/admin/privacy?q=${encodeURIComponent('Şükrü')}`)).body);
      const href = found.querySelector('table a')!.getAttribute('href')!;
      const page = await getAs(c.app, admin, href);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      const doc = html(page.body);
      expect(doc.querySelector('h1')?.text).toContain('Şükrü IŞIK');
      expect(page.body).toContain('sukru@example.com');
      // The intake is listed as held, never shown on this page.
      expect(page.body).not.toContain('spasm-cramps');
      expect(doc.querySelectorAll('#p-consents ~ div tbody tr, section[aria-labelledby=p-consents] tbody tr').length).toBeGreaterThanOrEqual(2);

      const audit = await c.database.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', 'like', 'patient.%').execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['patient.search', 'patient.privacy.view']));
    });

    it('gives the person a complete JSON copy, intake answers included, and records the export', async () => {
      const c = ctx();
      await book(c.app, { start: '2026-12-03T11:00:00+03:00', name: 'Export Kişi', phone: '0535 902 11 22', email: 'export@example.com', intake: { complaint: 'spasm-cramps', painScore: 7, triggers: ['sleep'] } });
      const admin = await signedInStaff(c, 'admin');
      const href = html((await getAs(c.app, admin, '/admin/privacy?q=902%2011')).body).querySelector('table a')!.getAttribute('href')!;
      const id = Number(href.split('/').pop());
      // A GET cannot export; the export is a POST with the CSRF token.
      expect((await getAs(c.app, admin, `${href}/export`)).statusCode).toBe(405);
      const res = await postAs(c.app, admin, `${href}/export`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="patient-${id}-data.json"`);
      expect(res.headers['cache-control']).toBe('no-store');
      const copy = res.json() as { person: { name: string; email: string }; appointments: Array<{ service: string; intakeAnswers: { painScore: number } | null }>; consents: Array<{ text: string; given: boolean }> };
      expect(copy.person).toMatchObject({ name: 'Export Kişi', email: 'export@example.com' });
      expect(copy.appointments).toHaveLength(1);
      expect(copy.appointments[0]!.intakeAnswers?.painScore).toBe(7);
      expect(copy.consents.map((x) => [x.text, x.given])).toEqual([
        ['kvkk-notice', true],
        ['health-consent', true],
      ]);
      const exported = await c.database.db.selectFrom('audit_log').select('target_id').where('action', '=', 'patient.export').execute();
      expect(exported.map((r) => r.target_id)).toContain(String(id));
    });

    it('records a withdrawal of consent to health data: intakes deleted, ledger entry, appointment kept', async () => {
      const c = ctx();
      const booked = await book(c.app, { start: '2026-12-03T11:30:00+03:00', name: 'Rıza Geri', phone: '0535 903 33 44', intake: { complaint: 'spasm-cramps', painScore: 2 } });
      const admin = await signedInStaff(c, 'admin');
      const href = html((await getAs(c.app, admin, '/admin/privacy?q=903%2033')).body).querySelector('table a')!.getAttribute('href')!;
      const res = await postAs(c.app, admin, `${href}/withdraw-consent`);
      expect(res.statusCode).toBe(303);
      const after = await getAs(c.app, admin, res.headers.location as string);
      expect(html(after.body).querySelector('.banner.success')?.text).toBe('The withdrawal was recorded. Intake answer sets deleted: 1.');
      expect(await c.database.db.selectFrom('intakes').select('appointment_id').where('appointment_id', '=', booked.id).execute()).toEqual([]);
      const ledger = await c.database.db.selectFrom('consents').select(['kind', 'given']).where('patient_id', '=', Number(href.split('/').pop())).orderBy('id').execute();
      expect(ledger.at(-1)).toEqual({ kind: 'health-consent', given: 0 });
      const appointment = await c.database.db.selectFrom('appointments').select('status').where('id', '=', booked.id).executeTakeFirstOrThrow();
      expect(appointment.status).not.toBe('cancelled');
    });

    it('erases only after the last appointment, with confirmation and fresh proof; the manage link and messages go', async () => {
      const c = ctx();
      const booked = await book(c.app, { start: '2026-12-03T14:00:00+03:00', name: 'Silinecek Kişi', phone: '0535 904 55 66', email: 'erase@example.com', intake: { complaint: 'spasm-cramps', painScore: 5 } });
      await c.database.db
        .insertInto('outbox')
        .values({ channel: 'email', kind: 'appointment.created', recipient: 'erase@example.com', locale: 'tr', subject: 'Randevunuz', body_text: 'Silinecek Kişi', appointment_id: booked.id, status: 'sent', attempts: 1, next_attempt_at: c.clock.now, created_at: c.clock.now, updated_at: c.clock.now, sent_at: c.clock.now })
        .execute();
      const admin = await signedInStaff(c, 'admin');
      const href = html((await getAs(c.app, admin, '/admin/privacy?q=904%2055')).body).querySelector('table a')!.getAttribute('href')!;
      const id = Number(href.split('/').pop());
      // What the front desk keeps about the person: a note, a reason in the status history, a waitlist entry with an offer.
      const db = c.database.db;
      const t = c.clock.now;
      await db.insertInto('appointment_notes').values({ appointment_id: booked.id, body: 'Calls back after 5 pm', updated_by: admin.id, updated_at: t }).execute();
      await db.insertInto('appointment_status_history').values({ appointment_id: booked.id, from_status: 'requested', to_status: 'confirmed', at: t, by: 'clinic', staff_id: admin.id, reason: 'Spoke to Silinecek' }).execute();
      const service = await db.selectFrom('services').select('id').where('key', '=', 'free-examination').executeTakeFirstOrThrow();
      const entry = await db
        .insertInto('waitlist_entries')
        .values({ patient_id: id, service_id: service.id, weekdays: '', time_ranges: '', date_from: '2026-12-01', date_to: '2026-12-31', notes: 'mornings', status: 'waiting', created_at: t, updated_at: t })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('waitlist_offers').values({ entry_id: entry.id, token_hash: `erase-test-${t}`, starts_at: t + DAY, ends_at: t + DAY + 1_800_000, expires_at: t + 3_600_000, status: 'open', created_at: t, updated_at: t }).execute();
      await db
        .insertInto('outbox')
        .values({ channel: 'email', kind: 'waitlist.offer', recipient: 'erase@example.com', locale: 'tr', subject: 'Boş saat', body_text: 'Silinecek Kişi', status: 'sent', attempts: 1, next_attempt_at: t, created_at: t, updated_at: t, sent_at: t })
        .execute();
      // An offer that names the person (outbox.patient_id) but went to a number they no longer have.
      const named = await db
        .insertInto('outbox')
        .values({ channel: 'whatsapp', kind: 'waitlist.offer', recipient: '+905359990000', patient_id: id, locale: 'tr', body_text: 'Silinecek Kişi', status: 'sent', attempts: 1, next_attempt_at: t, created_at: t, updated_at: t, sent_at: t })
        .returning('id')
        .executeTakeFirstOrThrow();
      const exported = (await postAs(c.app, admin, `${href}/export`)).json() as { appointments: Array<{ clinicNotes: string | null }>; waitlist: unknown[] };
      expect(exported.appointments[0]!.clinicNotes).toBe('Calls back after 5 pm');
      expect(exported.waitlist).toHaveLength(1);

      // Not confirmed: nothing happens.
      const unconfirmed = await postAs(c.app, admin, `${href}/erase`);
      expect(unconfirmed.statusCode).toBe(422);
      expect(html(unconfirmed.body).querySelector('#erase-error')?.text).toBe('Please confirm that the clinic has no legal duty to keep this data.');
      // The appointment is still ahead: refused.
      const ahead = await postAs(c.app, admin, `${href}/erase`, { confirm: 'yes' });
      expect(ahead.statusCode).toBe(409);
      expect(html(ahead.body).querySelector('#erase-error')?.text).toContain('1');
      expect((await c.database.db.selectFrom('patients').select('full_name').where('id', '=', id).executeTakeFirstOrThrow()).full_name).toBe('Silinecek Kişi');

      c.clock.now += 2 * DAY; // the appointment is over; the admin's proof is old now
      try {
        const fresh = await signedInStaff(c, 'admin');
        c.clock.now += 6 * MINUTE;
        const noProof = await postAs(c.app, fresh, `${href}/erase`, { confirm: 'yes' });
        expect(noProof.statusCode).toBe(422);
        expect(html(noProof.body).querySelector('#f-reauth-erase-error')).not.toBeNull();
        const erased = await postAs(c.app, fresh, `${href}/erase`, { confirm: 'yes', reauth: fresh.password });
        expect(erased.statusCode).toBe(303);

        const patient = await c.database.db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        expect(patient).toMatchObject({ full_name: '', phone: '', email: null });
        expect(Number(patient.erased_at)).toBe(c.clock.now);
        expect(await c.database.db.selectFrom('intakes').select('appointment_id').where('appointment_id', '=', booked.id).execute()).toEqual([]);
        expect(await c.database.db.selectFrom('outbox').select('id').where('appointment_id', '=', booked.id).execute()).toEqual([]);
        expect(await db.selectFrom('outbox').select('id').where('recipient', '=', 'erase@example.com').execute()).toEqual([]);
        expect(await db.selectFrom('outbox').select('id').where('id', '=', named.id).execute()).toEqual([]);
        expect(await db.selectFrom('appointment_notes').select('body').where('appointment_id', '=', booked.id).execute()).toEqual([]);
        expect(await db.selectFrom('appointment_status_history').select('reason').where('appointment_id', '=', booked.id).where('reason', 'is not', null).execute()).toEqual([]);
        expect(await db.selectFrom('waitlist_entries').select('id').where('patient_id', '=', id).execute()).toEqual([]);
        expect((await c.app.inject({ url: new URL(booked.manageUrl).pathname })).statusCode).toBe(404);
        // Times and the consent ledger stay, without a person.
        expect(await c.database.db.selectFrom('appointments').select('id').where('id', '=', booked.id).execute()).toHaveLength(1);
        expect((await c.database.db.selectFrom('consents').select('id').where('patient_id', '=', id).execute()).length).toBeGreaterThanOrEqual(2);

        const page = await getAs(c.app, fresh, href);
        expect(page.body).not.toContain('Silinecek');
        expect(html(page.body).querySelector('form[action$="/erase"]')).toBeNull();
        expect((await getAs(c.app, fresh, '/admin/privacy?q=904%2055')).body).not.toContain(href);
        const again = await postAs(c.app, fresh, `${href}/erase`, { confirm: 'yes', reauth: fresh.password });
        expect(again.statusCode).toBe(409);
        expect(html(again.body).querySelector('.banner.error[role="alert"]')?.text).toContain('already been erased');
        const audit = await c.database.db.selectFrom('audit_log').select(['details']).where('action', '=', 'patient.erase').execute();
        expect(audit).toHaveLength(1);
        expect(JSON.parse(audit[0]!.details)).toEqual({ appointments: 1, intakes: 1, messages: 5 });
      } finally {
        c.clock.now -= 2 * DAY + 6 * MINUTE;
      }
    });

    it('is for administrators only; unknown or malformed ids are 404', async () => {
      const c = ctx();
      for (const role of ['receptionist', 'therapist'] as const) {
        const who = await signedInStaff(c, role);
        expect((await getAs(c.app, who, '/admin/privacy')).statusCode).toBe(403);
        expect((await postAs(c.app, who, '/admin/privacy/patients/1/erase', { confirm: 'yes' })).statusCode).toBe(403);
        expect(html((await getAs(c.app, who, '/admin')).body).querySelector('a[href="/admin/privacy"]')).toBeNull();
      }
      const admin = await signedInStaff(c, 'admin');
      expect(html((await getAs(c.app, admin, '/admin')).body).querySelector('a[href="/admin/privacy"]')).not.toBeNull();
      for (const bad of ['0', '999999', 'abc', '1e3', '99999999999']) expect((await getAs(c.app, admin, `/admin/privacy/patients/${bad}`)).statusCode, bad).toBe(404);
    });
  },
  { env: { BOOKING_MAX_PER_IP_PER_HOUR: '1000', BOOKING_MAX_PER_PHONE_PER_DAY: '1000' } },
);
