// /admin/messages without SMTP or the WhatsApp API configured (the offline demo): e-mails land as .eml files under
// <DATA_DIR>/mail/, WhatsApp messages wait for staff with a wa.me link; list, filters, masking, detail, resend and
// "mark as sent" (both audited), and who may see the page.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { enqueue } from '../../src/features/notifications/outbox.ts';
import { maskRecipient, waMeLink } from '../../src/features/notifications/routes.ts';
import { describeEachEngine, type TestContext } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { decodeWords, parseMail } from '../helpers/mail.ts';
import { getAs, postAs, signedInStaff } from '../helpers/staff.ts';

async function bookWithOptIn(ctx: TestContext, email: string, start: string): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({
      service: 'free-examination',
      start,
      name: 'Zeynep Kaya',
      phone: '0532 111 22 33',
      email,
      locale: 'tr',
      consent: { kvkk: true, healthData: false, whatsapp: true },
    }),
  });
}

describeEachEngine('notifications: messages page (offline demo)', (ctx) => {
  it('masks recipients', () => {
    expect(maskRecipient('zeynep.kaya@example.org')).toBe('ze•••@example.org');
    expect(maskRecipient('a@example.org')).toBe('a•••@example.org');
    expect(maskRecipient('+905321112233')).toBe('+9053••••••33');
    expect(waMeLink('+905321112233', 'Merhaba, 10:00 İstanbul')).toBe('https://wa.me/905321112233?text=Merhaba%2C%2010%3A00%20%C4%B0stanbul');
  });

  it('writes e-mails as .eml files and leaves WhatsApp messages for staff to send by hand', async () => {
    const c = ctx();
    const res = await bookWithOptIn(c, 'zeynep@example.org', '2026-12-07T14:00:00+03:00');
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: number }).id;
    const round = await c.app.services.notifications.worker.drain();
    expect(round).toMatchObject({ sent: 1, manual: 1, failed: 0 });
    const rows = await c.database.db.selectFrom('outbox').select(['channel', 'kind', 'status', 'provider_id']).where('appointment_id', '=', id).orderBy('id').execute();
    expect(rows.map((r) => [r.channel, r.kind, r.status])).toEqual([
      ['email', 'appointment.created', 'sent'],
      ['whatsapp', 'appointment.created', 'manual'],
      ['email', 'appointment.reminder', 'pending'],
      ['whatsapp', 'appointment.reminder', 'pending'],
    ]);
    const dir = path.join(c.config.dataDir, 'mail');
    const files = readdirSync(dir);
    expect(files).toEqual([rows[0]!.provider_id]);
    expect(files[0]).toMatch(/\.eml$/);
    const mail = parseMail(readFileSync(path.join(dir, files[0]!), 'utf8'));
    expect(mail.headers.get('to')).toBe('zeynep@example.org');
    expect(decodeWords(mail.headers.get('from')!)).toBe('Adım Robotik Rehabilitasyon Merkezi <info@adim-rehab.example>');
    expect(mail.subject).toMatch(/^Randevu talebiniz alındı: 7 Aralık 2026 Pazartesi saat 14:00/);
    expect(mail.attachments[0]!.filename).toBe('randevu.ics');
  });

  it('lists messages for the front desk with masked recipients, statuses and the wa.me link; not for therapists', async () => {
    const c = ctx();
    const receptionist = await signedInStaff(c, 'receptionist');
    const res = await getAs(c.app, receptionist, '/admin/messages');
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(page.querySelector('h1')?.text).toBe('Outgoing messages');
    expect(res.body).not.toContain('zeynep@example.org');
    expect(res.body).toContain('ze•••@example.org');
    expect(page.querySelector('.banner.info')?.text).toContain(path.join(c.config.dataDir, 'mail'));
    const manual = page.querySelector('tr[data-status="manual"]')!;
    expect(manual.text).toContain('Send by hand');
    const link = manual.querySelector('a[href^="https://wa.me/"]')!.getAttribute('href')!;
    expect(link.startsWith('https://wa.me/905321112233?text=')).toBe(true);
    const text = decodeURIComponent(link.split('text=')[1]!);
    expect(text).toContain('7 Aralık 2026 Pazartesi saat 14:00');
    expect(page.querySelector('a[href="/admin/messages"]')).toBeTruthy(); // nav entry

    const therapist = await signedInStaff(c, 'therapist');
    expect((await getAs(c.app, therapist, '/admin/messages')).statusCode).toBe(403);
    expect((await c.app.inject({ url: '/admin/messages' })).statusCode).toBe(303);
  });

  it('filters by status, channel, kind and appointment, and explains a bad filter', async () => {
    const c = ctx();
    const failedId = (await enqueue(c.database.db, { channel: 'email', kind: 'appointment.moved', recipient: 'bounce@example.org', locale: 'en', subject: 'Moved', text: 'Moved' }, c.clock.now))!;
    await c.database.db.updateTable('outbox').set({ status: 'failed', attempts: 8, last_error: 'SMTP 550: Mailbox unavailable' }).where('id', '=', failedId).execute();
    const admin = await signedInStaff(c, 'admin');
    const failed = html((await getAs(c.app, admin, '/admin/messages?status=failed')).body);
    const rows = failed.querySelectorAll('tbody tr');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual([String(failedId)]);
    expect(rows[0]!.text).toContain('SMTP 550: Mailbox unavailable');
    expect(rows[0]!.text).toContain('Appointment moved');
    expect(rows[0]!.text).toContain('Failed');
    const manual = html((await getAs(c.app, admin, '/admin/messages?channel=whatsapp&kind=appointment.created')).body);
    expect(manual.querySelectorAll('tbody tr').map((r) => r.getAttribute('data-status'))).toEqual(['manual']);
    const none = await getAs(c.app, admin, '/admin/messages?appointment=999999');
    expect(html(none.body).querySelector('tbody')).toBeNull();
    const bad = await getAs(c.app, admin, '/admin/messages?status=lost&appointment=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Some filters were not understood');
    expect(html(bad.body).querySelector('#f-status-error')?.text).toBe('Choose a value from the list.');
  });

  it('shows a message, resends a finished one as a copy (audited) and refuses to resend one still waiting', async () => {
    const c = ctx();
    const receptionist = await signedInStaff(c, 'receptionist');
    const sent = await c.database.db.selectFrom('outbox').selectAll().where('status', '=', 'sent').where('kind', '=', 'appointment.created').executeTakeFirstOrThrow();
    const detail = await getAs(c.app, receptionist, `/admin/messages/${sent.id}`);
    expect(detail.statusCode).toBe(200);
    const page = html(detail.body);
    expect(page.querySelector('pre.message-body')?.text).toContain('Sayın Zeynep Kaya,');
    expect(detail.body).toContain('zeynep@example.org');
    expect(page.querySelector('details pre')?.text).toContain('<html lang="tr">');
    expect(detail.body).toContain('randevu.ics (text/calendar)');

    const res = await postAs(c.app, receptionist, `/admin/messages/${sent.id}/resend`);
    expect(res.statusCode).toBe(303);
    const copyId = Number(/\/admin\/messages\/(\d+)\?resent=1/.exec(res.headers.location as string)![1]);
    const copy = await c.database.db.selectFrom('outbox').selectAll().where('id', '=', copyId).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ status: 'pending', attempts: 0, resend_of: sent.id, recipient: sent.recipient, body_text: sent.body_text, attachments: sent.attachments, next_attempt_at: c.clock.now });
    const auditRow = await c.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'message.resend').executeTakeFirstOrThrow();
    expect(auditRow).toMatchObject({ actor_user_id: receptionist.id, target_type: 'message', target_id: String(sent.id) });
    expect(JSON.parse(auditRow.details)).toMatchObject({ copy: copyId, previousStatus: 'sent' });
    const shown = await getAs(c.app, receptionist, res.headers.location as string);
    expect(shown.body).toContain('A copy of the message is waiting to be sent.');

    const again = await postAs(c.app, receptionist, `/admin/messages/${copyId}/resend`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('has not been sent yet');
    expect((await postAs(c.app, receptionist, '/admin/messages/99999999/resend')).statusCode).toBe(404);
    expect((await c.app.inject({ method: 'POST', url: `/admin/messages/${sent.id}/resend`, headers: { cookie: receptionist.cookie } })).statusCode).toBe(403); // no CSRF token
    await c.app.services.notifications.worker.drain();
    expect((await c.database.db.selectFrom('outbox').select('status').where('id', '=', copyId).executeTakeFirstOrThrow()).status).toBe('sent');
    expect(readdirSync(path.join(c.config.dataDir, 'mail'))).toHaveLength(2);
  });

  it('marks a hand-sent WhatsApp message as sent (audited), once', async () => {
    const c = ctx();
    const receptionist = await signedInStaff(c, 'receptionist');
    const manual = await c.database.db.selectFrom('outbox').selectAll().where('status', '=', 'manual').executeTakeFirstOrThrow();
    const page = html((await getAs(c.app, receptionist, `/admin/messages/${manual.id}`)).body);
    expect(page.querySelector('a.button-primary[href^="https://wa.me/905321112233"]')).toBeTruthy();
    const res = await postAs(c.app, receptionist, `/admin/messages/${manual.id}/sent`);
    expect(res.statusCode).toBe(303);
    expect(await c.database.db.selectFrom('outbox').select(['status', 'sent_at']).where('id', '=', manual.id).executeTakeFirstOrThrow()).toEqual({ status: 'sent', sent_at: c.clock.now });
    expect(await c.database.db.selectFrom('audit_log').select(['actor_user_id', 'target_id']).where('action', '=', 'message.manual-sent').execute()).toEqual([{ actor_user_id: receptionist.id, target_id: String(manual.id) }]);
    const again = await postAs(c.app, receptionist, `/admin/messages/${manual.id}/sent`);
    expect(again.statusCode).toBe(409);
    expect((await getAs(c.app, receptionist, '/admin/messages/abc')).statusCode).toBe(404);
  });
});
