import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import type { AppointmentEvent } from '../../src/features/booking/events.ts';
import { Invalid } from '../../src/errors.ts';
import { describeEachEngine, FIXED_NOW, type TestContext } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { getAs, postAs, signedInStaff, type SignedInStaff } from '../helpers/staff.ts';

// FIXED_NOW is Wednesday 2026-12-02 10:00 in Istanbul. The free examination needs the one physician and the one exam
// room, so a time holds exactly one booking; the gait session has two gait-trained therapists.

function api(app: FastifyInstance, who: SignedInStaff, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** The receptionist told the caller about the KVKK notice (required for every phone booking). */
const told = { kvkkNoticeGiven: true };

let phoneCounter = 0;
function phone(): string {
  const n = String(2_000_000 + ++phoneCounter).slice(-7);
  return `0533 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`;
}

async function bookApi(ctx: TestContext, who: SignedInStaff, start: string, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await api(ctx.app, who, '/api/v1/appointments', {
    service: 'free-examination',
    start,
    patient: { name: 'Deniz Arslan', phone: phone(), locale: 'tr' },
    consent: told,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
}

async function statusOf(ctx: TestContext, id: number): Promise<string> {
  const row = await ctx.database.db.selectFrom('appointments').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  return row.status;
}

async function cells(ctx: TestContext, id: number): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('occupancy')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('appointment_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The notice version a waitlist offer page shows in its form ('' when it has no form: expired, taken, booked). */
async function shownNoticeVersion(app: FastifyInstance, url: string): Promise<string> {
  return html((await app.inject({ url })).body).querySelector('input[name="noticeVersion"]')?.getAttribute('value') ?? '';
}

/** "Book this time" on a waitlist offer page, as the browser sends it: same-origin, with the notice version shown. */
async function acceptOffer(app: FastifyInstance, url: string, noticeVersion?: string): Promise<LightMyRequestResponse> {
  const version = noticeVersion ?? (await shownNoticeVersion(app, url));
  return app.inject({ method: 'POST', url, headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ noticeVersion: version }).toString() });
}

function idFrom(res: LightMyRequestResponse): number {
  const match = /^\/admin\/appointments\/(\d+)/.exec(String(res.headers.location));
  expect(match, String(res.headers.location)).not.toBeNull();
  return Number(match![1]);
}

describeEachEngine('front desk: phone booking', (ctx) => {
  it('books a new caller into a suggested slot, with notes, source phone and a created event', async () => {
    const { app } = ctx();
    const desk = await signedInStaff(ctx(), 'receptionist');
    const page = await getAs(app, desk, '/admin/appointments/new?service=free-examination&date=2026-12-03');
    expect(page.statusCode).toBe(200);
    const doc = html(page.body);
    const first = doc.querySelector('input[name="start"]')?.getAttribute('value');
    expect(first).toBe('2026-12-03T09:00:00+03:00');
    const formKey = doc.querySelector('input[name="formKey"]')!.getAttribute('value')!;

    const events: AppointmentEvent[] = [];
    const off = app.services.booking.events.on(async (_tx, e) => void events.push(e));
    const values = { formKey, service: 'free-examination', date: '2026-12-03', start: first!, name: 'Işıl Çağlar', phone: '0532 111 22 33', language: 'tr', notes: 'Tekerlekli sandalye ile geliyor', kvkkNotice: 'yes' };
    const res = await postAs(app, desk, '/admin/appointments/new', values);
    expect(res.statusCode, res.body).toBe(303);
    const id = idFrom(res);
    // A double submit of the same form books once and leads to the same appointment.
    const again = await postAs(app, desk, '/admin/appointments/new', values);
    expect(again.statusCode).toBe(303);
    expect(idFrom(again)).toBe(id);
    off();
    expect(events.filter((e) => e.kind === 'created')).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'created', appointmentId: id, by: 'clinic', staffId: desk.id });
    expect(events[0]!.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const row = await ctx().database.db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.source).toBe('phone');
    expect(row.status).toBe('requested');
    const detail = await getAs(app, desk, `/admin/appointments/${id}?done=created`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Işıl Çağlar');
    expect(detail.body).toContain('Tekerlekli sandalye ile geliyor');
    expect(detail.body).toContain('Appointment booked.');
    // The receptionist does not see the intake section (clinical.view), but does see the actions.
    expect(detail.body).not.toContain('id="intake-title"');
    // Tomorrow's appointment: check-in and no-show are not offered yet (the time rules would refuse them).
    expect(html(detail.body).querySelectorAll('button[data-action]').map((b) => b.getAttribute('data-action'))).toEqual(['confirm', 'cancel']);
  });

  it('offers the next free times when the chosen time was just taken', async () => {
    const { app } = ctx();
    const desk = await signedInStaff(ctx(), 'receptionist');
    await bookApi(ctx(), desk, '2026-12-03T11:00:00+03:00');
    const res = await postAs(app, desk, '/admin/appointments/new', {
      formKey: 'AAAAAAAAAAAAAAAAAAAAAA',
      service: 'free-examination',
      date: '2026-12-03',
      start: '2026-12-03T11:00:00+03:00',
      name: 'Can Öztürk',
      phone: phone(),
      kvkkNotice: 'yes',
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('That time has just been taken');
    const offered = html(res.body).querySelectorAll('input[name="start"]').map((i) => i.getAttribute('value'));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).not.toContain('2026-12-03T11:00:00+03:00');
    // What was typed stays.
    expect(html(res.body).querySelector('#f-name')?.getAttribute('value')).toBe('Can Öztürk');
  });

  it('refuses bad input with field messages, never a 500', async () => {
    const { app } = ctx();
    const desk = await signedInStaff(ctx(), 'receptionist');
    const noTime = await postAs(app, desk, '/admin/appointments/new', { service: 'free-examination', name: 'A', phone: phone() });
    expect(noTime.statusCode).toBe(422);
    expect(noTime.body).toContain('Choose a free time');
    const badPhone = await postAs(app, desk, '/admin/appointments/new', { service: 'free-examination', start: '2026-12-03T12:00:00+03:00', name: 'Ali Veli', phone: 'call me', kvkkNotice: 'yes' });
    expect(badPhone.statusCode).toBe(422);
    const past = await api(app, desk, '/api/v1/appointments', { service: 'free-examination', start: '2026-12-01T12:00:00+03:00', patient: { name: 'X Y', phone: phone() }, consent: told });
    expect(past.statusCode).toBe(422);
    expect(past.headers['content-type']).toMatch(/problem\+json/);
    expect((past.json() as { errors: Record<string, string> }).errors.start).toBeTruthy();
    const closed = await api(app, desk, '/api/v1/appointments', { service: 'free-examination', start: '2026-12-03T23:00:00+03:00', patient: { name: 'X Y', phone: phone() }, consent: told });
    expect(closed.statusCode).toBe(422);
    const noPatient = await api(app, desk, '/api/v1/appointments', { service: 'free-examination', start: '2026-12-03T12:00:00+03:00', consent: told });
    expect(noPatient.statusCode).toBe(422);
    expect((noPatient.json() as { errors: Record<string, string> }).errors.patient).toBeTruthy();
    const form = await postAs(app, desk, '/api/v1/appointments', {});
    expect(form.statusCode).toBe(415);
  });

  it('books with the staff API: no online notice, idempotent, and a manual resource override the occupancy still checks', async () => {
    const { app, database } = ctx();
    const desk = await signedInStaff(ctx(), 'receptionist');
    // Within the 2-hour online notice: allowed at the desk.
    const body = { service: 'free-examination', start: '2026-12-02T10:30:00+03:00', patient: { name: 'Ece Doğan', phone: phone(), locale: 'en' }, consent: told };
    const first = await api(app, desk, '/api/v1/appointments', body, { 'idempotency-key': 'call-42' });
    expect(first.statusCode, first.body).toBe(201);
    const replay = await api(app, desk, '/api/v1/appointments', body, { 'idempotency-key': 'call-42' });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((replay.json() as { id: number }).id).toBe((first.json() as { id: number }).id);
    const reused = await api(app, desk, '/api/v1/appointments', { ...body, start: '2026-12-02T11:00:00+03:00' }, { 'idempotency-key': 'call-42' });
    expect(reused.statusCode).toBe(422);

    // Gait session with therapist 3 pinned, at a time off the 15-minute grid (the desk may choose any 5-minute cell).
    const gait = { service: 'robotic-gait', start: '2026-12-04T10:05:00+03:00', resources: ['practitioner:3'], patient: { name: 'Murat Koç', phone: phone() }, consent: told };
    const pinned = await api(app, desk, '/api/v1/appointments', gait);
    expect(pinned.statusCode, pinned.body).toBe(201);
    const id = (pinned.json() as { id: number }).id;
    const keys = (await database.db.selectFrom('appointment_resources').select('resource_key').where('appointment_id', '=', id).execute()).map((r) => r.resource_key);
    expect(keys).toContain('practitioner:3');
    // The same therapist again at an overlapping time: taken (409 with alternatives), although therapist 2 is free.
    const clash = await api(app, desk, '/api/v1/appointments', { ...gait, start: '2026-12-04T10:30:00+03:00', patient: { name: 'Selim Kaya', phone: phone() } });
    expect(clash.statusCode).toBe(409);
    expect(Array.isArray((clash.json() as { alternatives: unknown[] }).alternatives)).toBe(true);
    const notCandidate = await api(app, desk, '/api/v1/appointments', { ...gait, resources: ['practitioner:1'], start: '2026-12-04T15:00:00+03:00' });
    expect(notCandidate.statusCode).toBe(422);
  });

  it('gives one slot to exactly one of two receptionists booking it at the same moment', async () => {
    const { app } = ctx();
    const [a, b] = await Promise.all([signedInStaff(ctx(), 'receptionist'), signedInStaff(ctx(), 'receptionist')]);
    const body = (who: string) => ({ service: 'free-examination', start: '2026-12-08T10:00:00+03:00', patient: { name: who, phone: phone() }, consent: told });
    const results = await Promise.all([api(app, a, '/api/v1/appointments', body('Birinci Arayan')), api(app, b, '/api/v1/appointments', body('İkinci Arayan'))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('finds patients by name regardless of case and Turkish letters, and by phone digits', async () => {
    const { app } = ctx();
    const desk = await signedInStaff(ctx(), 'receptionist');
    await bookApi(ctx(), desk, '2026-12-07T09:00:00+03:00', { patient: { name: 'Şükrü İnce', phone: '0544 987 65 43', locale: 'tr' } });
    const svc = app.services.frontdesk;
    const signed = (await app.services.staff.resolveSession(desk.cookie.split('=')[1]))!;
    for (const q of ['sukru ince', 'ŞÜKRÜ', 'ince', 'İNCE', 'sükrü i']) {
      expect((await svc.searchPatients(signed, q)).map((p) => p.name), q).toContain('Şükrü İnce');
    }
    expect((await svc.searchPatients(signed, '0544 987')).map((p) => p.name)).toContain('Şükrü İnce');
    expect((await svc.searchPatients(signed, 'zzz'))).toEqual([]);
    const page = await getAs(app, desk, '/admin/appointments/new?q=%C5%9F%C3%BCkr%C3%BC');
    expect(page.body).toContain('Şükrü İnce');
  });
});

describeEachEngine('front desk: telling the caller about the KVKK notice', (ctx) => {
  async function patientsWithPhone(c: TestContext, e164: string): Promise<number> {
    const row = await c.database.db.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')).where('phone', '=', e164).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  async function appointmentCount(c: TestContext): Promise<number> {
    const row = await c.database.db.selectFrom('appointments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  function ledger(c: TestContext, appointmentId: number) {
    return c.database.db.selectFrom('consents').select(['kind', 'locale', 'version', 'given', 'at', 'patient_id']).where('appointment_id', '=', appointmentId).orderBy('kind').execute();
  }

  it('shows the two boxes with the notice’s address, and refuses the form without the notice box: 422, everything typed kept, nothing saved', async () => {
    const c = ctx();
    const desk = await signedInStaff(c, 'receptionist');
    const page = html((await getAs(c.app, desk, '/admin/appointments/new?service=free-examination&date=2026-12-03')).body);
    const notice = page.querySelector('#f-kvkkNotice');
    expect(notice?.getAttribute('type')).toBe('checkbox');
    expect(notice?.hasAttribute('required')).toBe(true);
    expect(notice?.hasAttribute('checked')).toBe(false);
    expect(page.querySelector('label[for="f-kvkkNotice"]')?.text).toContain('I told the caller about the privacy notice (KVKK) and where to read it');
    expect(page.querySelector('#f-whatsapp')?.hasAttribute('checked')).toBe(false);
    // A new caller: the notice in both languages (the language is chosen on the same form).
    const links = page.querySelectorAll('#f-kvkkNotice-hint a').map((a) => a.getAttribute('href'));
    expect(links).toEqual(['http://localhost:3000/tr/ucretsiz-muayene/aydinlatma-metni', 'http://localhost:3000/en/free-examination/privacy-notice']);
    for (const href of links) {
      const public_ = await c.app.inject({ method: 'GET', url: new URL(href!).pathname });
      expect(public_.statusCode).toBe(200);
      expect(public_.body).toMatch(/aydınlatma metni|Information notice on personal data/);
    }

    const before = await appointmentCount(c);
    const values = { formKey: 'BBBBBBBBBBBBBBBBBBBBBB', service: 'free-examination', date: '2026-12-03', start: '2026-12-03T09:30:00+03:00', name: 'Nazlı Güneş', phone: '0532 700 11 22', email: 'nazli@example.com', language: 'en', notes: 'Arar', whatsapp: 'yes' };
    const res = await postAs(c.app, desk, '/admin/appointments/new', values);
    expect(res.statusCode).toBe(422);
    const doc = html(res.body);
    expect(doc.querySelector('#f-kvkkNotice-error')?.text).toBe('Tell the caller about the privacy notice (KVKK) and where to read it, then tick the box.');
    expect(doc.querySelector('#fd-errors a[href="#f-kvkkNotice"]')).not.toBeNull();
    expect(doc.querySelector('#f-kvkkNotice')?.getAttribute('aria-invalid')).toBe('true');
    // What was typed stays: the patient, the time, the notes, the WhatsApp answer.
    expect(doc.querySelector('#f-name')?.getAttribute('value')).toBe('Nazlı Güneş');
    expect(doc.querySelector('#f-phone')?.getAttribute('value')).toBe('0532 700 11 22');
    expect(doc.querySelector('#f-email')?.getAttribute('value')).toBe('nazli@example.com');
    expect(doc.querySelector('input[name="language"][value="en"]')?.hasAttribute('checked')).toBe(true);
    expect(doc.querySelector('input[name="start"][value="2026-12-03T09:30:00+03:00"]')?.hasAttribute('checked')).toBe(true);
    expect(doc.querySelector('#f-notes')?.text).toBe('Arar');
    expect(doc.querySelector('#f-whatsapp')?.hasAttribute('checked')).toBe(true);
    expect(await appointmentCount(c)).toBe(before);
    expect(await patientsWithPhone(c, '+905327001122')).toBe(0);

    // Without a time either: both messages at once.
    const both = await postAs(c.app, desk, '/admin/appointments/new', { ...values, start: '' });
    expect(both.statusCode).toBe(422);
    expect(html(both.body).querySelector('#f-kvkkNotice-error')).not.toBeNull();
    expect(both.body).toContain('Choose a free time');

    // The JSON API: the same rule, problem+json with the field.
    const body = { service: 'free-examination', start: '2026-12-03T09:30:00+03:00', patient: { name: 'Nazlı Güneş', phone: '0532 700 11 22', locale: 'en' } };
    const missing = await api(c.app, desk, '/api/v1/appointments', body);
    expect(missing.statusCode).toBe(422);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    expect((missing.json() as { errors: Record<string, string> }).errors.consent).toBe('Tell the caller about the privacy notice (KVKK) and where to read it, then tick the box.');
    const unticked = await api(c.app, desk, '/api/v1/appointments', { ...body, consent: { kvkkNoticeGiven: false, whatsapp: true } });
    expect(unticked.statusCode).toBe(422);
    expect((unticked.json() as { errors: Record<string, string> }).errors['consent.kvkkNoticeGiven']).toMatch(/privacy notice \(KVKK\)/);
    expect(await appointmentCount(c)).toBe(before);
    expect(await patientsWithPhone(c, '+905327001122')).toBe(0);
  });

  it('records the current notice version in the patient’s language with the booking, and the WhatsApp opt-in only when ticked', async () => {
    const c = ctx();
    const desk = await signedInStaff(c, 'receptionist');
    const db = c.database.db;
    // A newer English notice is current; the Turkish one stays at its version.
    const current = async (locale: 'tr' | 'en') =>
      Number((await db.selectFrom('legal_texts').select((eb) => eb.fn.max('version').as('v')).where('kind', '=', 'kvkk-notice').where('locale', '=', locale).executeTakeFirstOrThrow()).v);
    const enBefore = await current('en');
    await db.insertInto('legal_texts').values({ kind: 'kvkk-notice', locale: 'en', version: enBefore + 1, body_md: '# Information notice (revised)\n\nSame as before, clearer.', published_at: FIXED_NOW - 60_000 }).execute();
    // One not yet published does not count.
    await db.insertInto('legal_texts').values({ kind: 'kvkk-notice', locale: 'en', version: enBefore + 2, body_md: '# Future', published_at: FIXED_NOW + 86_400_000 }).execute();
    const trVersion = await current('tr');

    // A new English-speaking caller by the form, WhatsApp ticked.
    const res = await postAs(c.app, desk, '/admin/appointments/new', {
      formKey: 'CCCCCCCCCCCCCCCCCCCCCC',
      service: 'free-examination',
      date: '2026-12-09',
      start: '2026-12-09T09:00:00+03:00',
      name: 'Oliver Hartmann',
      phone: '+49 151 2345 6789',
      language: 'en',
      kvkkNotice: 'yes',
      whatsapp: 'yes',
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const id = idFrom(res);
    const patientId = (await db.selectFrom('appointments').select('patient_id').where('id', '=', id).executeTakeFirstOrThrow()).patient_id;
    expect(await ledger(c, id)).toEqual([
      { kind: 'kvkk-notice', locale: 'en', version: enBefore + 1, given: 1, at: FIXED_NOW, patient_id: patientId },
      { kind: 'whatsapp_opt_in', locale: 'en', version: 1, given: 1, at: FIXED_NOW, patient_id: patientId },
    ]);
    // No health-data consent: no intake is taken on the phone.
    expect(await db.selectFrom('intakes').select('appointment_id').where('appointment_id', '=', id).execute()).toEqual([]);

    // The notice page shows the current English version.
    const noticePage = await c.app.inject({ method: 'GET', url: '/en/free-examination/privacy-notice' });
    expect(noticePage.body).toContain(`version ${enBefore + 1}`);
    expect(noticePage.body).toContain('Same as before, clearer.');

    // The audit row says the notice was given (and which version), never any health data.
    const auditRow = await db.selectFrom('audit_log').select(['action', 'details']).where('target_type', '=', 'appointment').where('target_id', '=', String(id)).where('action', '=', 'appointment.create').executeTakeFirstOrThrow();
    const details = JSON.parse(auditRow.details!) as Record<string, unknown>;
    expect(details).toMatchObject({ source: 'phone', kvkkNotice: { given: true, version: enBefore + 1, locale: 'en' }, whatsappOptIn: true });
    expect(Object.keys(details).sort()).toEqual(['kvkkNotice', 'pinned', 'resources', 'service', 'source', 'start', 'status', 'whatsappOptIn']);

    // An existing Turkish patient by the API, WhatsApp not asked: the Turkish notice, no opt-in row.
    const existing = await bookApi(c, desk, '2026-12-09T11:00:00+03:00', { patient: { name: 'Zeynep Aksoy', phone: '0532 700 33 44', locale: 'tr' } });
    const zeynep = (await db.selectFrom('appointments').select('patient_id').where('id', '=', existing).executeTakeFirstOrThrow()).patient_id;
    const again = await api(c.app, desk, '/api/v1/appointments', { service: 'free-examination', start: '2026-12-10T11:00:00+03:00', patientId: zeynep, consent: { kvkkNoticeGiven: true, whatsapp: false } });
    expect(again.statusCode, again.body).toBe(201);
    const againId = (again.json() as { id: number }).id;
    expect(await ledger(c, againId)).toEqual([{ kind: 'kvkk-notice', locale: 'tr', version: trVersion, given: 1, at: FIXED_NOW, patient_id: zeynep }]);
    // The form for a known patient links the notice in their language only.
    const known = html((await getAs(c.app, desk, `/admin/appointments/new?service=free-examination&date=2026-12-10&patient=${zeynep}`)).body);
    expect(known.querySelectorAll('#f-kvkkNotice-hint a').map((a) => a.getAttribute('href'))).toEqual(['http://localhost:3000/tr/ucretsiz-muayene/aydinlatma-metni']);

    // The privacy page lists the new ledger rows.
    const admin = await signedInStaff(c, 'admin');
    const file = await getAs(c.app, admin, `/admin/privacy/patients/${patientId}`);
    expect(file.statusCode).toBe(200);
    const rows = html(file.body)
      .querySelectorAll('section[aria-labelledby="p-consents"] tbody tr')
      .map((tr) => tr.querySelectorAll('td').map((td) => td.text.trim()));
    expect(rows.map((r) => r.slice(0, 3))).toEqual(
      expect.arrayContaining([
        ['Information notice shown', String(enBefore + 1), 'Yes'],
        ['Appointment messages on WhatsApp', '1', 'Yes'],
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(file.body).toContain('On: appointment confirmations and reminders are sent to this person on WhatsApp');
  });

  it('refuses a phone booking without the notice in the booking service too, not only in the form schema', async () => {
    const c = ctx();
    const desk = await signedInStaff(c, 'receptionist');
    const signed = (await c.app.services.staff.resolveSession(desk.cookie.split('=')[1]!))!;
    const refused = await c.app.services.booking
      .bookOnBehalf({ serviceKey: 'free-examination', start: Date.parse('2026-12-11T09:00:00+03:00'), patient: { name: 'Deniz Tek', phone: '+905327005566', locale: 'tr' }, source: 'phone', by: 'clinic', actor: { id: signed.user.id, email: signed.user.email } })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(refused).toBeInstanceOf(Invalid);
    expect((refused as Invalid).fields['consent.kvkkNoticeGiven']).toMatch(/^Arayan kişiyi aydınlatma metni \(KVKK\)/);
    expect(await patientsWithPhone(c, '+905327005566')).toBe(0);
  });
});

describeEachEngine('front desk: lifecycle', (ctx) => {
  it('walks requested → confirmed → checked in → completed, with history, audit and events', async () => {
    const { app, database } = ctx();
    const desk = await signedInStaff(ctx(), 'receptionist');
    const id = await bookApi(ctx(), desk, '2026-12-02T15:00:00+03:00');
    const events: string[] = [];
    const off = app.services.booking.events.on(async (_tx, e) => void events.push(`${e.kind}:${e.appointmentId}`));
    for (const [action, status] of [
      ['confirm', 'confirmed'],
      ['check-in', 'checked_in'],
      ['complete', 'completed'],
    ] as const) {
      const res = await postAs(app, desk, `/admin/appointments/${id}/${action}`);
      expect(res.statusCode, `${action}: ${res.body.slice(0, 300)}`).toBe(303);
      expect(res.headers.location).toBe(`/admin/appointments/${id}?done=${action}`);
      expect(await statusOf(ctx(), id)).toBe(status);
    }
    off();
    expect(events).toEqual([`confirmed:${id}`, `checked_in:${id}`, `completed:${id}`]);
    const history = await database.db.selectFrom('appointment_status_history').select(['from_status', 'to_status', 'staff_id']).where('appointment_id', '=', id).orderBy('id').execute();
    expect(history.map((h) => `${h.from_status}→${h.to_status}`)).toEqual(['null→requested', 'requested→confirmed', 'confirmed→checked_in', 'checked_in→completed']);
    expect(history.every((h) => h.staff_id === desk.id)).toBe(true);
    const audits = await database.db.selectFrom('audit_log').select('action').where('target_id', '=', String(id)).where('target_type', '=', 'appointment').execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['appointment.create', 'appointment.confirm', 'appointment.check-in', 'appointment.complete']));
    // Completed is final: every action is refused with a clear reason (409), on the page and in the API.
    for (const action of ['confirm', 'check-in', 'complete', 'no-show', 'cancel']) {
      const page = await postAs(app, desk, `/admin/appointments/${id}/${action}`);
      expect(page.statusCode, action).toBe(409);
      expect(page.body).toContain('already “Completed”');
      const json = await api(app, desk, `/api/v1/appointments/${id}/${action}`);
      expect(json.statusCode).toBe(409);
      expect(json.headers['content-type']).toMatch(/problem\+json/);
      expect((json.json() as { title: string }).title).toContain('Completed');
    }
    const detail = await app.inject({ url: `/api/v1/appointments/${id}`, headers: { cookie: desk.cookie } });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id, status: 'completed', actions: [] });
  });

  it('refuses out-of-order steps: complete before check-in, check-in on an earlier day, no-show before the start', async () => {
    const { app, clock } = ctx();
    const desk = await signedInStaff(ctx(), 'receptionist');
    const tomorrow = await bookApi(ctx(), desk, '2026-12-03T15:00:00+03:00');
    expect((await api(app, desk, `/api/v1/appointments/${tomorrow}/complete`)).statusCode).toBe(409);
    const early = await api(app, desk, `/api/v1/appointments/${tomorrow}/check-in`);
    expect(early.statusCode).toBe(409);
    expect((early.json() as { title: string }).title).toMatch(/only on the day/);
    const noShow = await api(app, desk, `/api/v1/appointments/${tomorrow}/no-show`);
    expect(noShow.statusCode).toBe(409);
    clock.now = Date.UTC(2026, 11, 3, 12, 30); // 15:30 local on the day
    try {
      const later = await signedInStaff(ctx(), 'receptionist'); // the first session has timed out by then
      expect((await api(app, later, `/api/v1/appointments/${tomorrow}/no-show`)).json()).toEqual({ id: tomorrow, status: 'no_show' });
      expect((await api(app, later, `/api/v1/appointments/${tomorrow}/check-in`)).statusCode).toBe(409);
    } finally {
      clock.now = FIXED_NOW;
    }
    expect((await api(app, desk, '/api/v1/appointments/999999/confirm')).statusCode).toBe(404);
  });

  it('cancels with a reason and who asked, freeing the time at once', async () => {
    const { app, database } = ctx();
    const desk = await signedInStaff(ctx(), 'receptionist');
    const id = await bookApi(ctx(), desk, '2026-12-03T16:00:00+03:00');
    expect(await cells(ctx(), id)).toBeGreaterThan(0);
    const res = await postAs(app, desk, `/admin/appointments/${id}/cancel`, { reason: 'Called to cancel', by: 'patient' });
    expect(res.statusCode).toBe(303);
    expect(await statusOf(ctx(), id)).toBe('cancelled');
    expect(await cells(ctx(), id)).toBe(0);
    const row = await database.db.selectFrom('appointments').select(['cancelled_by', 'cancel_reason']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ cancelled_by: 'patient', cancel_reason: 'Called to cancel' });
    // The time can be booked again straight away.
    await bookApi(ctx(), desk, '2026-12-03T16:00:00+03:00');
    const bad = await api(app, desk, `/api/v1/appointments/${await bookApi(ctx(), desk, '2026-12-03T16:30:00+03:00')}/cancel`, { by: 'somebody' });
    expect(bad.statusCode).toBe(422);
  });

  it('lets a therapist check in and complete, but not confirm or cancel; GET on an action answers 405', async () => {
    const { app } = ctx();
    const desk = await signedInStaff(ctx(), 'receptionist');
    const therapist = await signedInStaff(ctx(), 'therapist');
    const id = await bookApi(ctx(), desk, '2026-12-02T16:00:00+03:00');
    expect((await postAs(app, therapist, `/admin/appointments/${id}/confirm`)).statusCode).toBe(403);
    expect((await postAs(app, therapist, `/admin/appointments/${id}/cancel`)).statusCode).toBe(403);
    expect((await postAs(app, therapist, `/admin/appointments/${id}/check-in`)).statusCode).toBe(303);
    expect((await postAs(app, therapist, `/admin/appointments/${id}/complete`)).statusCode).toBe(303);
    expect(await statusOf(ctx(), id)).toBe('completed');
    expect((await getAs(app, desk, `/admin/appointments/${id}/confirm`)).statusCode).toBe(405);
    // Without the CSRF token nothing changes.
    const noCsrf = await app.inject({ method: 'POST', url: `/api/v1/appointments/${id}/cancel`, headers: { cookie: desk.cookie } });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describeEachEngine('front desk: the day', (ctx) => {
  it('lists today’s arrivals by time with check-in buttons, and prints one therapist’s day sheet', async () => {
    const { app } = ctx();
    const desk = await signedInStaff(ctx(), 'receptionist');
    const late = await bookApi(ctx(), desk, '2026-12-02T17:00:00+03:00', { patient: { name: 'Late Patient', phone: phone() } });
    const early = await bookApi(ctx(), desk, '2026-12-02T14:00:00+03:00', { patient: { name: 'Early Patient', phone: phone() } });
    await bookApi(ctx(), desk, '2026-12-03T14:00:00+03:00', { patient: { name: 'Tomorrow Patient', phone: phone() } });
    const page = await getAs(app, desk, '/admin/today');
    expect(page.statusCode).toBe(200);
    const doc = html(page.body);
    const rows = doc.querySelectorAll('table.fd-today tbody tr').map((r) => r.getAttribute('id'));
    expect(rows.indexOf(`appointment-${early}`)).toBeLessThan(rows.indexOf(`appointment-${late}`));
    expect(page.body).not.toContain('Tomorrow Patient');
    expect(page.body).toContain('Dr. Selin Aydoğan');
    const form = doc.querySelector(`#appointment-${early} form`);
    expect(form?.getAttribute('action')).toBe(`/admin/appointments/${early}/check-in`);
    const res = await postAs(app, desk, `/admin/appointments/${early}/check-in`, { return: '/admin/today?date=2026-12-02' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/today?date=2026-12-02&done=check-in#appointment-${early}`);
    const after = html((await getAs(app, desk, '/admin/today?date=2026-12-02')).body);
    expect(after.querySelector(`#appointment-${early}`)?.getAttribute('data-status')).toBe('checked_in');
    expect(after.querySelector(`#appointment-${early} form`)).toBeNull();
    // An open redirect is not possible through "return".
    const other = await bookApi(ctx(), desk, '2026-12-02T16:30:00+03:00');
    const evil = await postAs(app, desk, `/admin/appointments/${other}/check-in`, { return: 'https://evil.example/' });
    expect(evil.headers.location).toBe(`/admin/appointments/${other}?done=check-in`);

    const sheet = await getAs(app, desk, '/admin/today/sheet?practitioner=1&date=2026-12-02');
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body).toContain('Early Patient');
    expect(sheet.body).toContain('Day sheet: Dr. Selin Aydoğan');
    const otherSheet = await getAs(app, desk, '/admin/today/sheet?practitioner=2&date=2026-12-02');
    expect(otherSheet.body).not.toContain('Early Patient');
    expect((await getAs(app, desk, '/admin/today/sheet?practitioner=abc')).statusCode).toBe(404);
    expect((await getAs(app, desk, '/admin/today?date=2026-02-30')).statusCode).toBe(400);
  });
});

describeEachEngine(
  'front desk: waitlist',
  (ctx) => {
    let sent: Array<{ recipient: string; text: string; kind: string; subject: string | null; appointmentId: number | null }> = [];
    /** The waitlist offers written to the real outbox (the worker is not running in these tests). */
    const readOffers = async () => {
      const rows = await ctx()
        .database.db.selectFrom('outbox')
        .select(['recipient', 'body_text as text', 'kind', 'subject', 'appointment_id as appointmentId'])
        .where('kind', '=', 'waitlist.offer')
        .orderBy('id')
        .execute();
      sent = rows;
      return rows;
    };
    const linkIn = (text: string) => /(\/(?:tr\/bekleme-listesi|en\/waitlist)\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];

    async function wait(who: SignedInStaff, name: string, extra: Record<string, string> = {}): Promise<void> {
      const res = await postAs(ctx().app, who, '/admin/waitlist', {
        service: 'free-examination',
        name,
        phone: phone(),
        email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
        dateFrom: '2026-12-01',
        dateTo: '2026-12-31',
        timeRanges: '09:00-12:30',
        language: 'en',
        kvkkNotice: 'yes',
        ...extra,
      });
      expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    }

    it('offers a freed slot to the first matching waiting patients, inside the cancelling transaction', async () => {
      const { app, database } = ctx();
      const desk = await signedInStaff(ctx(), 'receptionist');
      await wait(desk, 'Ayla Birinci');
      await wait(desk, 'Berk Ikinci');
      await wait(desk, 'Cem Ucuncu', { weekdays: '1' }); // Mondays only: no match for a Thursday
      await wait(desk, 'Dilek Dorduncu', { timeRanges: '14:00-18:00' }); // afternoons only
      const id = await bookApi(ctx(), desk, '2026-12-03T10:00:00+03:00');
      expect((await api(app, desk, `/api/v1/appointments/${id}/cancel`, { reason: 'Clinic closed the room' })).statusCode).toBe(200);
      await readOffers();
      expect(sent.map((m) => m.recipient).sort()).toEqual(['ayla@example.com', 'berk@example.com']);
      for (const m of sent) {
        expect(m.kind).toBe('waitlist.offer');
        expect(m.text).toContain('10:00');
        expect(m.text).not.toContain('Clinic closed the room'); // never why
        expect(m.subject).toMatch(/a time has become free/);
        expect(linkIn(m.text)).toBeTruthy();
      }
      const offers = await database.db.selectFrom('waitlist_offers').select(['status', 'freed_by']).execute();
      expect(offers).toHaveLength(2);
      expect(offers.every((o) => o.status === 'open' && o.freed_by === id)).toBe(true);
      const list = await getAs(app, desk, '/admin/waitlist');
      expect(list.body).toContain('offered');
    });

    it('lets exactly one of two racing offers book the slot; the other sees “already taken” and alternatives', async () => {
      const { app, database } = ctx();
      const [a, b] = sent.map((m) => linkIn(m.text)!);
      const view = await app.inject({ url: a! });
      expect(view.statusCode).toBe(200);
      expect(view.headers['cache-control']).toBe('no-store');
      expect(view.body).toContain('Book this time');
      const results = await Promise.all([a!, b!].map((url) => acceptOffer(app, url)));
      expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409]);
      const loser = results.find((r) => r.statusCode === 409)!;
      expect(loser.body).toMatch(/already been taken/);
      const booked = await database.db.selectFrom('appointments').select(['id', 'source', 'status']).where('source', '=', 'waitlist').execute();
      expect(booked).toHaveLength(1);
      const entries = await database.db.selectFrom('waitlist_entries').select(['status', 'appointment_id']).where('status', '=', 'booked').execute();
      expect(entries).toEqual([{ status: 'booked', appointment_id: booked[0]!.id }]);
      // The winner's page says booked; posting again is harmless.
      const winner = results[0]!.statusCode === 303 ? a! : b!;
      expect((await app.inject({ url: winner })).body).toContain('This time is yours');
      expect((await acceptOffer(app, winner)).statusCode).toBe(303);
      expect(await database.db.selectFrom('appointments').select('id').where('source', '=', 'waitlist').execute()).toHaveLength(1);
      // Cross-site posts and unknown tokens are refused.
      expect((await app.inject({ method: 'POST', url: a!, headers: { origin: 'https://evil.example' } })).statusCode).toBe(403);
      expect((await app.inject({ url: '/en/waitlist/not-a-token' })).statusCode).toBe(404);
    });

    it('lets an offer expire', async () => {
      const { app, clock } = ctx();
      const desk = await signedInStaff(ctx(), 'receptionist');
      await wait(desk, 'Emel Besinci', { timeRanges: '15:00-18:00' });
      const id = await bookApi(ctx(), desk, '2026-12-09T15:00:00+03:00');
      await api(app, desk, `/api/v1/appointments/${id}/cancel`);
      const mine = (await readOffers()).find((m) => m.recipient === 'emel@example.com');
      expect(mine).toBeTruthy();
      const url = linkIn(mine!.text)!;
      clock.now = FIXED_NOW + 13 * 3_600_000; // offers hold 12 hours by default
      try {
        expect((await app.inject({ url })).body).toContain('this offer has expired');
        const post = await acceptOffer(app, url);
        expect(post.statusCode).toBe(409);
      } finally {
        clock.now = FIXED_NOW;
      }
    });

    it('removes a waiting patient, and validates the form', async () => {
      const { app, database } = ctx();
      const desk = await signedInStaff(ctx(), 'receptionist');
      const bad = await postAs(app, desk, '/admin/waitlist', { service: 'free-examination', name: 'X Y', phone: phone(), dateFrom: '2026-12-10', dateTo: '2026-12-01', timeRanges: '9-12' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('time ranges like 09:00-12:00');
      expect(bad.body).toContain('must not be before');
      const waiting = await database.db.selectFrom('waitlist_entries').select('id').where('status', '=', 'waiting').orderBy('id').executeTakeFirstOrThrow();
      expect((await postAs(app, desk, `/admin/waitlist/${waiting.id}/remove`)).statusCode).toBe(303);
      expect((await postAs(app, desk, `/admin/waitlist/${waiting.id}/remove`)).statusCode).toBe(409);
      const therapist = await signedInStaff(ctx(), 'therapist');
      expect((await getAs(app, therapist, '/admin/waitlist')).statusCode).toBe(200);
      expect((await postAs(app, therapist, '/admin/waitlist', {})).statusCode).toBe(403);
    });
  },
  { env: { BOOKING_MAX_PER_IP_PER_HOUR: '1000', BOOKING_MAX_PER_PHONE_PER_DAY: '1000' } },
);

describeEachEngine(
  'front desk: the KVKK notice on the waitlist path',
  (ctx) => {
    const noticeVersion = async (locale: 'tr' | 'en') =>
      Number(
        (await ctx().database.db.selectFrom('legal_texts').select((eb) => eb.fn.max('version').as('v')).where('kind', '=', 'kvkk-notice').where('locale', '=', locale).where('published_at', '<=', FIXED_NOW).executeTakeFirstOrThrow()).v,
      );
    const publishNotice = async (locale: 'tr' | 'en', body: string, publishedAt = FIXED_NOW - 60_000): Promise<number> => {
      const db = ctx().database.db;
      const max = Number((await db.selectFrom('legal_texts').select((eb) => eb.fn.max('version').as('v')).where('kind', '=', 'kvkk-notice').where('locale', '=', locale).executeTakeFirstOrThrow()).v);
      await db.insertInto('legal_texts').values({ kind: 'kvkk-notice', locale, version: max + 1, body_md: body, published_at: publishedAt }).execute();
      return max + 1;
    };
    const ledgerOf = (patientId: number) =>
      ctx().database.db.selectFrom('consents').select(['kind', 'locale', 'version', 'given', 'at', 'appointment_id']).where('patient_id', '=', patientId).orderBy('id').execute();
    const patientByPhone = (e164: string) => ctx().database.db.selectFrom('patients').select(['id', 'locale']).where('phone', '=', e164).executeTakeFirst();
    const entryCount = async () => Number((await ctx().database.db.selectFrom('waitlist_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const consentsCount = async () => Number((await ctx().database.db.selectFrom('consents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const auditOf = async (action: string, targetId: number) => {
      const row = await ctx()
        .database.db.selectFrom('audit_log')
        .select(['actor_label', 'details'])
        .where('action', '=', action)
        .where('target_id', '=', String(targetId))
        .executeTakeFirstOrThrow();
      return { actor: row.actor_label, details: JSON.parse(row.details) as Record<string, unknown> };
    };
    const privacyRows = async (patientId: number) => {
      const admin = await signedInStaff(ctx(), 'admin');
      const file = await getAs(ctx().app, admin, `/admin/privacy/patients/${patientId}`);
      expect(file.statusCode).toBe(200);
      return html(file.body)
        .querySelectorAll('section[aria-labelledby="p-consents"] tbody tr')
        .map((tr) => tr.querySelectorAll('td').map((td) => td.text.trim()));
    };
    const base = { service: 'free-examination', dateFrom: '2026-12-20', dateTo: '2026-12-21', timeRanges: '09:00-12:00', notes: 'Sabah olsun' };

    it('shows the notice box on the waitlist form and refuses the form without it: 422 at the box, everything typed kept, nothing saved', async () => {
      const c = ctx();
      const desk = await signedInStaff(c, 'receptionist');
      const page = html((await getAs(c.app, desk, '/admin/waitlist')).body);
      const box = page.querySelector('form.fd-wl-form #f-kvkkNotice');
      expect(box?.getAttribute('type')).toBe('checkbox');
      expect(box?.hasAttribute('required')).toBe(true);
      expect(box?.hasAttribute('checked')).toBe(false);
      expect(page.querySelector('label[for="f-kvkkNotice"]')?.text).toContain('I told the caller about the privacy notice (KVKK) and where to read it');
      // A new caller: both languages (chosen on the same form).
      expect(page.querySelectorAll('#f-kvkkNotice-hint a').map((a) => a.getAttribute('href'))).toEqual([
        'http://localhost:3000/tr/ucretsiz-muayene/aydinlatma-metni',
        'http://localhost:3000/en/free-examination/privacy-notice',
      ]);

      const [entriesBefore, consentsBefore] = [await entryCount(), await consentsCount()];
      const values = { ...base, name: 'Sevgi Bekleyen', phone: '0532 800 11 22', email: 'sevgi@example.com', language: 'en', weekdays: '1' };
      const res = await postAs(c.app, desk, '/admin/waitlist', values);
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      const doc = html(res.body);
      expect(doc.querySelector('#f-kvkkNotice-error')?.text).toBe('Tell the caller about the privacy notice (KVKK) and where to read it, then tick the box.');
      expect(doc.querySelector('#fd-errors a[href="#f-kvkkNotice"]')).not.toBeNull();
      expect(doc.querySelector('#f-kvkkNotice')?.getAttribute('aria-invalid')).toBe('true');
      expect(doc.querySelector('#f-name')?.getAttribute('value')).toBe('Sevgi Bekleyen');
      expect(doc.querySelector('#f-phone')?.getAttribute('value')).toBe('0532 800 11 22');
      expect(doc.querySelector('#f-timeRanges')?.getAttribute('value')).toBe('09:00-12:00');
      expect(doc.querySelector('input[name="language"][value="en"]')?.hasAttribute('checked')).toBe(true);
      expect(doc.querySelector('input[name="weekdays"][value="1"]')?.hasAttribute('checked')).toBe(true);
      expect(await entryCount()).toBe(entriesBefore);
      expect(await patientByPhone('+905328001122')).toBeUndefined();
      expect(await consentsCount()).toBe(consentsBefore);

      // Another mistake with the box ticked: that message, and the box stays ticked.
      const bad = await postAs(c.app, desk, '/admin/waitlist', { ...values, timeRanges: '9-12', kvkkNotice: 'yes' });
      expect(bad.statusCode).toBe(422);
      const badDoc = html(bad.body);
      expect(bad.body).toContain('time ranges like 09:00-12:00');
      expect(badDoc.querySelector('#f-kvkkNotice-error')).toBeNull();
      expect(badDoc.querySelector('#f-kvkkNotice')?.hasAttribute('checked')).toBe(true);
      expect(await entryCount()).toBe(entriesBefore);

      // The service refuses it too (any caller of addToWaitlist), in the person's language: never a 500.
      const signed = (await c.app.services.staff.resolveSession(desk.cookie.split('=')[1]!))!;
      const input = { service: 'free-examination', patient: { name: 'Sevgi Bekleyen', phone: '0532 800 11 22', locale: 'en' }, dateFrom: '2026-12-20', dateTo: '2026-12-21' };
      const refusal = (raw: unknown, who = signed) => c.app.services.frontdesk.addToWaitlist(who, raw).then(() => undefined, (err: unknown) => err);
      const missing = await refusal(input);
      expect(missing).toBeInstanceOf(Invalid);
      expect((missing as Invalid).fields.consent).toBe('Tell the caller about the privacy notice (KVKK) and where to read it, then tick the box.');
      const unticked = await refusal({ ...input, consent: { kvkkNoticeGiven: false } });
      expect((unticked as Invalid).fields['consent.kvkkNoticeGiven']).toMatch(/privacy notice \(KVKK\)/);
      const turkish = await refusal({ ...input, consent: { kvkkNoticeGiven: false } }, { ...signed, user: { ...signed.user, locale: 'tr' } });
      expect(turkish).toBeInstanceOf(Invalid);
      expect((turkish as Invalid).fields['consent.kvkkNoticeGiven']).toMatch(/^Arayan kişiyi aydınlatma metni \(KVKK\) hakkında bilgilendirip/);
      expect(await entryCount()).toBe(entriesBefore);
      expect(await consentsCount()).toBe(consentsBefore);
    });

    it('records the current notice version in the patient’s language when the desk adds a caller to the waitlist, and audits it', async () => {
      const c = ctx();
      const desk = await signedInStaff(c, 'receptionist');
      const enVersion = await publishNotice('en', '# Information notice (waitlist revision)\n\nClearer.');
      await publishNotice('en', '# Not yet', FIXED_NOW + 86_400_000); // not published yet: does not count
      const trVersion = await noticeVersion('tr');
      expect(await noticeVersion('en')).toBe(enVersion);

      // A new English-speaking caller.
      const res = await postAs(c.app, desk, '/admin/waitlist', { ...base, name: 'Oliver Waiting', phone: '+49 151 2345 0001', language: 'en', kvkkNotice: 'yes' });
      expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
      const oliver = (await patientByPhone('+4915123450001'))!;
      expect(oliver.locale).toBe('en');
      expect(await ledgerOf(oliver.id)).toEqual([{ kind: 'kvkk-notice', locale: 'en', version: enVersion, given: 1, at: FIXED_NOW, appointment_id: null }]);
      const entry = await c.database.db.selectFrom('waitlist_entries').select('id').where('patient_id', '=', oliver.id).executeTakeFirstOrThrow();
      const added = await auditOf('waitlist.add', entry.id);
      expect(added.details).toEqual({ service: 'free-examination', patient: oliver.id, kvkkNotice: { given: true, version: enVersion, locale: 'en' }, whatsappOptIn: false });
      expect(added.actor).toBe(desk.email);

      // A known Turkish patient chosen from the search: their language, and the form links their notice only.
      const known = await bookApi(c, desk, '2026-12-11T09:00:00+03:00', { patient: { name: 'Zehra Bilinen', phone: '0532 800 33 44', locale: 'tr' } });
      const zehra = (await c.database.db.selectFrom('appointments').select('patient_id').where('id', '=', known).executeTakeFirstOrThrow()).patient_id;
      const form = html((await getAs(c.app, desk, `/admin/waitlist?patient=${zehra}`)).body);
      expect(form.querySelectorAll('#f-kvkkNotice-hint a').map((a) => a.getAttribute('href'))).toEqual(['http://localhost:3000/tr/ucretsiz-muayene/aydinlatma-metni']);
      const withoutBox = await postAs(c.app, desk, '/admin/waitlist', { ...base, patientId: String(zehra) });
      expect(withoutBox.statusCode).toBe(422);
      expect(html(withoutBox.body).querySelector('.fd-chosen')?.text).toContain('Zehra Bilinen'); // still the chosen patient
      const again = await postAs(c.app, desk, '/admin/waitlist', { ...base, patientId: String(zehra), kvkkNotice: 'yes' });
      expect(again.statusCode).toBe(303);
      const zehraLedger = await ledgerOf(zehra);
      expect(zehraLedger.at(-1)).toEqual({ kind: 'kvkk-notice', locale: 'tr', version: trVersion, given: 1, at: FIXED_NOW, appointment_id: null });
      expect(zehraLedger.filter((r) => r.appointment_id === null)).toHaveLength(1);

      // The privacy page lists the entry's notice like the others.
      expect((await privacyRows(oliver.id)).map((r) => r.slice(0, 3))).toEqual([['Information notice shown', String(enVersion), 'Yes']]);
    });

    it('shows the notice on the offer page and records the version shown with the booking; a changed or missing version is refused with the current notice', async () => {
      const c = ctx();
      const { app } = c;
      const db = c.database.db;
      const desk = await signedInStaff(c, 'receptionist');
      // A Turkish patient waiting for Monday 14 December; a cancellation frees 10:00.
      const added = await postAs(app, desk, '/admin/waitlist', {
        ...base,
        name: 'Defne Teklif',
        phone: '0532 800 55 66',
        email: 'defne@example.com',
        language: 'tr',
        dateFrom: '2026-12-14',
        dateTo: '2026-12-14',
        kvkkNotice: 'yes',
      });
      expect(added.statusCode).toBe(303);
      const defne = (await patientByPhone('+905328005566'))!;
      const trVersion = await noticeVersion('tr');
      const freed = await bookApi(c, desk, '2026-12-14T10:00:00+03:00');
      expect((await api(app, desk, `/api/v1/appointments/${freed}/cancel`)).statusCode).toBe(200);
      const message = await db.selectFrom('outbox').select('body_text').where('kind', '=', 'waitlist.offer').where('recipient', '=', 'defne@example.com').executeTakeFirstOrThrow();
      const trUrl = /(\/tr\/bekleme-listesi\/[A-Za-z0-9_-]{43})/.exec(message.body_text)![1]!;
      const enUrl = trUrl.replace('/tr/bekleme-listesi/', '/en/waitlist/');

      // The Turkish page: the notice's address and version, and the version in the form.
      const trPage = html((await app.inject({ url: trUrl })).body);
      const trLink = trPage.querySelector('#fd-offer-notice a');
      expect(trLink?.getAttribute('href')).toBe('/tr/ucretsiz-muayene/aydinlatma-metni');
      expect(trLink?.text).toContain(`sürüm ${trVersion}`);
      expect(trPage.querySelector('form input[name="noticeVersion"]')?.getAttribute('value')).toBe(String(trVersion));

      // Without the version (an incomplete form): 422 in Turkish, the notice shown again, nothing booked.
      const bookedFromWaitlist = async () => db.selectFrom('appointments').select(['id', 'locale']).where('source', '=', 'waitlist').where('patient_id', '=', defne.id).execute();
      const missing = await acceptOffer(app, trUrl, '');
      expect(missing.statusCode).toBe(422);
      expect(html(missing.body).querySelector('#fd-offer-error')?.text).toMatch(/aydınlatma metnimiz güncellendi/);
      expect(html(missing.body).querySelector('form input[name="noticeVersion"]')?.getAttribute('value')).toBe(String(trVersion));
      expect(await acceptOffer(app, trUrl, 'abc').then((r) => r.statusCode)).toBe(422);
      expect(await bookedFromWaitlist()).toEqual([]);

      // She opens the English page; the English notice is revised before she presses the button.
      const enPage = html((await app.inject({ url: enUrl })).body);
      expect(enPage.querySelector('#fd-offer-notice a')?.getAttribute('href')).toBe('/en/free-examination/privacy-notice');
      const enShown = Number(enPage.querySelector('form input[name="noticeVersion"]')?.getAttribute('value'));
      expect(enShown).toBe(await noticeVersion('en'));
      const enNew = await publishNotice('en', '# Information notice (revised again)\n\nEven clearer.');
      const stale = await acceptOffer(app, enUrl, String(enShown));
      expect(stale.statusCode).toBe(422);
      const staleDoc = html(stale.body);
      expect(staleDoc.querySelector('#fd-offer-error')?.text).toMatch(/information notice on personal data was updated/);
      expect(staleDoc.querySelector('#fd-offer-notice a')?.text).toContain(`version ${enNew}`);
      expect(staleDoc.querySelector('form input[name="noticeVersion"]')?.getAttribute('value')).toBe(String(enNew));
      expect(await bookedFromWaitlist()).toEqual([]);
      expect(await db.selectFrom('waitlist_offers').select('status').execute()).toEqual([{ status: 'open' }]);

      // Booked with the version now shown: the ledger says which notice, in the page's language, with the appointment.
      const ok = await acceptOffer(app, enUrl);
      expect(ok.statusCode).toBe(303);
      const [booked] = await bookedFromWaitlist();
      expect(booked).toBeTruthy();
      expect(booked!.locale).toBe('tr'); // her messages stay in her language
      expect(await ledgerOf(defne.id)).toEqual([
        { kind: 'kvkk-notice', locale: 'tr', version: trVersion, given: 1, at: FIXED_NOW, appointment_id: null }, // added to the waitlist
        { kind: 'kvkk-notice', locale: 'en', version: enNew, given: 1, at: FIXED_NOW, appointment_id: booked!.id }, // the offer page
      ]);
      // No health-data consent and no WhatsApp opt-in: neither was asked.
      expect(await db.selectFrom('intakes').select('appointment_id').where('appointment_id', '=', booked!.id).execute()).toEqual([]);

      const created = await auditOf('appointment.create', booked!.id);
      expect(created.actor).toBe('system:waitlist');
      expect(created.details).toMatchObject({ source: 'waitlist', kvkkNotice: { given: true, version: enNew, locale: 'en' }, whatsappOptIn: false });
      expect(Object.keys(created.details).sort()).toEqual(['kvkkNotice', 'pinned', 'resources', 'service', 'source', 'start', 'status', 'whatsappOptIn']);

      // A double click answers with the same booking and records nothing more.
      expect((await acceptOffer(app, enUrl)).statusCode).toBe(303);
      expect(await ledgerOf(defne.id)).toHaveLength(2);

      // The privacy page lists both.
      expect((await privacyRows(defne.id)).map((r) => r.slice(0, 3))).toEqual([
        ['Information notice shown', String(trVersion), 'Yes'],
        ['Information notice shown', String(enNew), 'Yes'],
      ]);
    });

    it('keeps describing the phone booking’s notice box in the OpenAPI document (the schema is shared with the waitlist)', async () => {
      const doc = (await ctx().app.inject({ url: '/api/v1/openapi.json' })).json() as { components: { schemas: Record<string, { properties?: Record<string, { properties?: Record<string, { description?: string }>; required?: string[] }> }> } };
      const consent = doc.components.schemas.PhoneBookingRequest!.properties!.consent!;
      expect(Object.keys(consent.properties!)).toEqual(['kvkkNoticeGiven', 'whatsapp']);
      expect(consent.required).toEqual(['kvkkNoticeGiven']);
      expect(consent.properties!.kvkkNoticeGiven!.description).toMatch(/^Must be true/);
    });

    it('refuses a waitlist booking without the notice in the booking service too', async () => {
      const c = ctx();
      const patient = (await patientByPhone('+905328005566'))!;
      const refused = await c.app.services.booking
        .bookOnBehalf({ serviceKey: 'free-examination', start: Date.parse('2026-12-15T09:00:00+03:00'), patient: { id: patient.id }, source: 'waitlist', by: 'patient', actor: { system: 'waitlist' }, locale: 'en' })
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      expect(refused).toBeInstanceOf(Invalid);
      expect((refused as Invalid).fields.noticeVersion).toMatch(/information notice on personal data was updated/);
      const stale = await c.app.services.booking
        .bookOnBehalf({ serviceKey: 'free-examination', start: Date.parse('2026-12-15T09:00:00+03:00'), patient: { id: patient.id }, source: 'waitlist', by: 'patient', consent: { kvkkNotice: true, shown: { locale: 'tr', version: 999 } }, actor: { system: 'waitlist' }, locale: 'tr' })
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      expect((stale as Invalid).fields.noticeVersion).toMatch(/aydınlatma metnimiz güncellendi/);
      expect(await c.database.db.selectFrom('appointments').select('id').where('starts_at', '=', Date.parse('2026-12-15T09:00:00+03:00')).execute()).toEqual([]);
    });
  },
  { env: { BOOKING_MAX_PER_IP_PER_HOUR: '1000', BOOKING_MAX_PER_PHONE_PER_DAY: '1000' } },
);

describeEachEngine(
  'front desk: waitlist and the patient’s own changes',
  (ctx) => {
    it('offers the old time when a patient moves their appointment with the manage link', async () => {
      const { app, database } = ctx();
      const desk = await signedInStaff(ctx(), 'receptionist');
      const added = await postAs(app, desk, '/admin/waitlist', { service: 'free-examination', name: 'Gül Yedinci', phone: phone(), email: 'gul@example.com', dateFrom: '2026-12-03', dateTo: '2026-12-03', weekdays: '4', kvkkNotice: 'yes' });
      expect(added.statusCode).toBe(303);
      const booked = await app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ service: 'free-examination', start: '2026-12-03T11:30:00+03:00', name: 'Hakan Sekizinci', phone: phone(), locale: 'tr', consent: { kvkk: true, healthData: false } }),
      });
      expect(booked.statusCode, booked.body).toBe(201);
      const url = (booked.json() as { manageUrl: string }).manageUrl;
      const token = url.slice(url.lastIndexOf('/') + 1);
      const moved = await app.inject({
        method: 'POST',
        url: `/api/v1/bookings/manage/${token}/reschedule`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ start: '2026-12-04T11:30:00+03:00' }),
      });
      expect(moved.statusCode, moved.body).toBe(200);
      const offers = await database.db.selectFrom('waitlist_offers').select(['starts_at', 'status']).execute();
      expect(offers).toEqual([{ starts_at: Date.parse('2026-12-03T08:30:00Z'), status: 'open' }]);
      const message = await database.db.selectFrom('outbox').select(['recipient', 'locale', 'subject', 'body_text']).where('kind', '=', 'waitlist.offer').executeTakeFirstOrThrow();
      expect(message.recipient).toBe('gul@example.com');
      // In the patient's language (Turkish by default), with the Turkish link.
      expect(message.locale).toBe('tr');
      expect(message.subject).toContain('bir saat boşaldı');
      expect(message.body_text).toContain('3 Aralık 2026');
      expect(message.body_text).toMatch(/\/tr\/bekleme-listesi\/[A-Za-z0-9_-]{43}/);
    });
  },
  { env: { BOOKING_MAX_PER_IP_PER_HOUR: '1000', BOOKING_MAX_PER_PHONE_PER_DAY: '1000' } },
);
