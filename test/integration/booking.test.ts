import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { describeEachEngine, FIXED_NOW, type TestContext } from '../helpers/engines.ts';
import { addPhysiciansAndRooms } from '../helpers/clinic.ts';
import { signedInStaff } from '../helpers/staff.ts';

const HOUR = 3_600_000;
const generous = { env: { BOOKING_MAX_PER_IP_PER_HOUR: '1000', BOOKING_MAX_PER_PHONE_PER_DAY: '1000' } };

let phoneCounter = 0;
/** A fresh valid Turkish mobile number in the spelling people type. */
function nextPhone(): string {
  const n = String(1_000_000 + ++phoneCounter).slice(-7);
  return `0535 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`;
}

function bookingBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    service: 'free-examination',
    start: '2026-12-03T10:00:00+03:00',
    name: 'Ayşe Yılmaz',
    phone: nextPhone(),
    email: 'ayse@example.com',
    locale: 'tr',
    consent: { kvkk: true, healthData: true },
    intake: { complaint: 'spasm-cramps', spasmFrequency: 'weekly', painScore: 6, triggers: ['hydration', 'sleep'] },
    ...overrides,
  };
}

function book(app: FastifyInstance, body: unknown, headers: Record<string, string> = {}, remoteAddress = '192.0.2.10'): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
    remoteAddress,
  });
}

async function slotsOn(app: FastifyInstance, date: string, to = date): Promise<string[]> {
  const res = await app.inject({ url: `/api/v1/availability?service=free-examination&from=${date}&to=${to}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { slots: Array<{ start: string }> }).slots.map((s) => s.start);
}

const tables = ['patients', 'appointments', 'appointment_resources', 'occupancy', 'consents', 'intakes', 'idempotency_keys', 'rate_events', 'audit_log'] as const;

async function counts(db: Database): Promise<Record<(typeof tables)[number], number>> {
  const out = {} as Record<(typeof tables)[number], number>;
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

function tokenOf(res: LightMyRequestResponse): string {
  const url = (res.json() as { manageUrl: string }).manageUrl;
  return url.slice(url.lastIndexOf('/') + 1);
}

describeEachEngine('booking: availability', (ctx) => {
  it('lists the online-bookable services in the asked language', async () => {
    const { app } = ctx();
    const en = await app.inject({ url: '/api/v1/services?locale=en' });
    expect(en.statusCode).toBe(200);
    const list = en.json() as Array<{ slug: string; name: string; durationMinutes: number }>;
    expect(list.map((s) => s.slug)).toEqual(['free-examination']);
    expect(list[0]!.durationMinutes).toBe(30);
    const tr = (await app.inject({ url: '/api/v1/services?locale=tr' })).json() as Array<{ name: string }>;
    expect(tr[0]!.name).not.toBe(list[0]!.name);
    expect((await app.inject({ url: '/api/v1/services?locale=de' })).statusCode).toBe(422);
  });

  it('respects the 2-hour notice, the lunch break, weekends and the clinic time zone', async () => {
    const { app } = ctx();
    const res = await app.inject({ url: '/api/v1/availability?service=free-examination&from=2026-12-02&to=2026-12-02' });
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as { timeZone: string; slots: Array<{ start: string; end: string }> };
    expect(body.timeZone).toBe('Europe/Istanbul');
    // Now is 10:00 in Istanbul: the first slot is at 12:00, the last before the physician's 12:30 lunch.
    expect(body.slots[0]).toEqual({ start: '2026-12-02T12:00:00+03:00', end: '2026-12-02T12:30:00+03:00' });
    const starts = body.slots.map((s) => s.start.slice(11, 16));
    for (const lunch of ['12:15', '12:30', '12:45', '13:00', '13:15']) expect(starts).not.toContain(lunch);
    expect(starts[1]).toBe('13:30');
    expect(starts.at(-1)).toBe('17:30');

    const thursday = await slotsOn(app, '2026-12-03');
    expect(thursday[0]).toBe('2026-12-03T09:00:00+03:00');
    expect(thursday).toHaveLength(13 + 17); // 09:00–12:00 and 13:30–17:30 every 15 minutes
    // Saturday: the physician works 09:00–14:00; Sunday: closed.
    const weekend = await slotsOn(app, '2026-12-05', '2026-12-06');
    expect(weekend[0]).toBe('2026-12-05T09:00:00+03:00');
    expect(weekend.at(-1)).toBe('2026-12-05T13:30:00+03:00');
    expect(weekend.some((s) => s.startsWith('2026-12-06'))).toBe(false);
  });

  it('has no slots on a public holiday', async () => {
    const { app } = ctx();
    const days = new Set((await slotsOn(app, '2026-12-30', '2027-01-04')).map((s) => s.slice(0, 10)));
    expect([...days].sort()).toEqual(['2026-12-30', '2026-12-31', '2027-01-02', '2027-01-04']);
  });

  it('stops at the booking horizon', async () => {
    const { app } = ctx();
    const slots = await slotsOn(app, '2027-01-29', '2027-02-02');
    // 60 days after Wed 2 Dec 10:00 is Sun 31 Jan 10:00: the last bookable day is Sat 30 Jan.
    expect(slots.at(-1)).toBe('2027-01-30T13:30:00+03:00');
  });

  it('refuses impossible dates, reversed or too long ranges and unknown services with field errors', async () => {
    const { app } = ctx();
    const cases: Array<[string, string]> = [
      ['service=free-examination&from=2026-02-30&to=2026-03-01', 'from'],
      ['service=free-examination&from=2026-12-10&to=2026-12-01', 'to'],
      ['service=free-examination&from=2026-12-01&to=2027-01-01', 'to'],
      ['service=free-examination&from=12/01/2026&to=2026-12-02', 'from'],
      ['service=no-such-service&from=2026-12-01&to=2026-12-02', 'service'],
      ['service=robotic-gait&from=2026-12-01&to=2026-12-02', 'service'],
      ['from=2026-12-01&to=2026-12-02', 'service'],
      ['service=free-examination&service=x&from=2026-12-01&to=2026-12-02', 'service'],
    ];
    for (const [query, field] of cases) {
      const res = await app.inject({ url: `/api/v1/availability?${query}`, headers: { 'accept-language': 'en' } });
      expect(res.statusCode, query).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(Object.keys((res.json() as { errors: Record<string, string> }).errors), query).toContain(field);
    }
    // 31 days is the most one request may ask for.
    expect((await app.inject({ url: '/api/v1/availability?service=free-examination&from=2026-12-01&to=2026-12-31' })).statusCode).toBe(200);
  });
});

describeEachEngine(
  'booking: the happy path',
  (ctx) => {
    it('books, answers 201 with a manage link, and writes occupancy, consents and intake in one go', async () => {
      const { app, database } = ctx();
      const before = await counts(database.db);
      const res = await book(app, bookingBody({ phone: '0532 123 45 67' }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = res.json() as { id: number; status: string; start: string; end: string; manageUrl: string };
      expect(body).toMatchObject({ status: 'requested', start: '2026-12-03T10:00:00+03:00', end: '2026-12-03T10:30:00+03:00' });
      expect(body.manageUrl).toMatch(/^http:\/\/localhost:3000\/tr\/randevu\/[A-Za-z0-9_-]{43}$/);
      const token = tokenOf(res);

      const after = await counts(database.db);
      expect(after.appointments - before.appointments).toBe(1);
      expect(after.patients - before.patients).toBe(1);
      expect(after.occupancy - before.occupancy).toBe(12); // 6 five-minute cells each for the physician and the exam room
      expect(after.consents - before.consents).toBe(2);
      expect(after.intakes - before.intakes).toBe(1);

      const db = database.db;
      const appointment = await db.selectFrom('appointments').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
      expect(appointment.source).toBe('online');
      expect(appointment.manage_token_hash).not.toContain(token);
      expect(appointment.manage_token_hash).toMatch(/^[0-9a-f]{64}$/);
      const patient = await db.selectFrom('patients').selectAll().where('id', '=', appointment.patient_id).executeTakeFirstOrThrow();
      expect(patient).toMatchObject({ full_name: 'Ayşe Yılmaz', phone: '+905321234567', email: 'ayse@example.com', locale: 'tr' });

      const cells = await db.selectFrom('occupancy').select(['resource_key', 'cell']).where('appointment_id', '=', body.id).orderBy('resource_key').orderBy('cell').execute();
      const keys = [...new Set(cells.map((c) => c.resource_key))];
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/^practitioner:\d+$/);
      expect(keys[1]).toMatch(/^room:\d+$/);
      const physician = await db.selectFrom('practitioner_qualifications').select('qualification').where('practitioner_id', '=', Number(keys[0]!.split(':')[1])).execute();
      expect(physician.map((q) => q.qualification)).toContain('physician');
      const room = await db.selectFrom('rooms').select('kind').where('id', '=', Number(keys[1]!.split(':')[1])).executeTakeFirstOrThrow();
      expect(room.kind).toBe('exam_room');
      expect(cells.filter((c) => c.resource_key === keys[0]).map((c) => c.cell)).toEqual([0, 1, 2, 3, 4, 5].map((i) => Date.parse('2026-12-03T07:00:00Z') + i * 300_000));

      const consents = await db.selectFrom('consents').selectAll().where('appointment_id', '=', body.id).orderBy('kind').execute();
      expect(consents.map((c) => [c.kind, c.locale, c.version, c.given])).toEqual([
        ['health-consent', 'tr', 1, 1],
        ['kvkk-notice', 'tr', 1, 1],
      ]);
      const intake = await db.selectFrom('intakes').selectAll().where('appointment_id', '=', body.id).executeTakeFirstOrThrow();
      expect(JSON.parse(intake.answers)).toEqual({ complaint: 'spasm-cramps', spasmFrequency: 'weekly', painScore: 6, triggers: ['hydration', 'sleep'] });

      const auditRow = await db.selectFrom('audit_log').selectAll().where('action', '=', 'appointment.create').where('target_id', '=', String(body.id)).executeTakeFirstOrThrow();
      expect(auditRow.actor_label).toBe('system:public-booking');
      for (const secret of ['Ayşe', '905321234567', 'ayse@', 'spasm', 'hydration', token]) expect(auditRow.details).not.toContain(secret);

      // The manage link shows the appointment — never the intake.
      const manage = await app.inject({ url: `/api/v1/bookings/manage/${token}` });
      expect(manage.statusCode).toBe(200);
      expect(manage.headers['cache-control']).toBe('no-store');
      expect(manage.json()).toMatchObject({ id: body.id, status: 'requested', start: body.start, end: body.end, canChange: true, service: { slug: 'free-examination' } });
      for (const secret of ['spasm', 'hydration', 'painScore', 'intake', 'Ayşe', '+90532']) expect(manage.body).not.toContain(secret);

      // The slot is gone from availability.
      expect(await slotsOn(app, '2026-12-03')).not.toContain('2026-12-03T10:00:00+03:00');
    });

    it('keeps no intake without health-data consent, records the declined consent, and still books', async () => {
      const { app, database } = ctx();
      const before = await counts(database.db);
      const res = await book(app, bookingBody({ start: '2026-12-03T10:30:00+03:00', locale: 'en', consent: { kvkk: true, healthData: false } }));
      expect(res.statusCode, res.body).toBe(201);
      const { id, manageUrl } = res.json() as { id: number; manageUrl: string };
      expect(manageUrl).toMatch(/^http:\/\/localhost:3000\/en\/appointment\/[A-Za-z0-9_-]{43}$/);
      const after = await counts(database.db);
      expect(after.intakes).toBe(before.intakes);
      const consents = await database.db.selectFrom('consents').select(['kind', 'given', 'locale']).where('appointment_id', '=', id).orderBy('kind').execute();
      expect(consents).toEqual([
        { kind: 'health-consent', given: 0, locale: 'en' },
        { kind: 'kvkk-notice', given: 1, locale: 'en' },
      ]);
      // Omitting the intake and the health-data answer altogether works too.
      const bare = await book(app, bookingBody({ start: '2026-12-03T11:00:00+03:00', intake: undefined, email: '', consent: { kvkk: true } }));
      expect(bare.statusCode, bare.body).toBe(201);
      const spaced = await book(app, bookingBody({ start: '2026-12-03T11:30:00+03:00', email: '  Ayse@Example.com ', consent: { kvkk: true, healthData: false } }));
      expect(spaced.statusCode, spaced.body).toBe(201);
      expect((await counts(database.db)).intakes).toBe(before.intakes);
    });

    it('accepts every common spelling of a Turkish number and foreign numbers, and reuses the patient', async () => {
      const { app, database } = ctx();
      const spellings = ['0532 987 65 43', '+90 532 987 6543', '532 987 6543', '05329876543', '0090 532 987 65 43'];
      const ids: number[] = [];
      for (const [i, phone] of spellings.entries()) {
        const res = await book(app, bookingBody({ phone, name: 'Mehmet  Demir ', start: `2026-12-07T${['09', '10', '11', '14', '16'][i]!}:30:00+03:00` }));
        expect(res.statusCode, `${phone}: ${res.body}`).toBe(201);
        ids.push((res.json() as { id: number }).id);
      }
      const patients = await database.db.selectFrom('patients').select(['id', 'full_name', 'phone']).where('phone', '=', '+905329876543').execute();
      expect(patients).toEqual([{ id: patients[0]!.id, full_name: 'Mehmet Demir', phone: '+905329876543' }]);
      const foreign = await book(app, bookingBody({ phone: '+44 7911 123456', start: '2026-12-07T15:00:00+03:00' }));
      expect(foreign.statusCode, foreign.body).toBe(201);
      expect(await database.db.selectFrom('patients').select('id').where('phone', '=', '+447911123456').executeTakeFirst()).toBeTruthy();
    });

    it('stores hostile but valid names verbatim (escaping is the views’ job)', async () => {
      const { app, database } = ctx();
      const names = ['<script>alert(1)</script>', "Robert'); DROP TABLE patients;--", 'İlknur Işık', 'Zoë 🙂 Öztürk', 'ÇĞİÖŞÜ çğıöşü', '田中 太郎'];
      for (const [i, name] of names.entries()) {
        const res = await book(app, bookingBody({ name, start: `2026-12-08T${['09', '10', '11', '14', '15', '16'][i]!}:00:00+03:00` }));
        expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
        const { id } = res.json() as { id: number };
        const row = await database.db
          .selectFrom('appointments as a')
          .innerJoin('patients as p', 'p.id', 'a.patient_id')
          .select('p.full_name')
          .where('a.id', '=', id)
          .executeTakeFirstOrThrow();
        expect(row.full_name).toBe(name.normalize('NFC'));
      }
    });

    it('refuses every kind of bad input with 422 and field errors, and writes nothing', async () => {
      const { app, database } = ctx();
      const before = await counts(database.db);
      const cases: Array<[string, unknown, string, RegExp?]> = [
        ['unknown service', bookingBody({ service: 'no-such-service' }), 'service'],
        ['service not bookable online', bookingBody({ service: 'robotic-gait' }), 'service'],
        ['SQL in service', bookingBody({ service: "free-examination' OR '1'='1" }), 'service'],
        ['impossible date', bookingBody({ start: '2026-02-30T10:00:00+03:00' }), 'start', /UTC/],
        ['no offset', bookingBody({ start: '2026-12-03T10:00:00' }), 'start'],
        ['not a date', bookingBody({ start: '<script>alert(1)</script>' }), 'start'],
        ['number as start', bookingBody({ start: 1796284800000 }), 'start'],
        ['off the 15-minute grid', bookingBody({ start: '2026-12-03T10:05:00+03:00' }), 'start', /15 dakikada/],
        ['seconds off the grid', bookingBody({ start: '2026-12-03T10:00:30+03:00' }), 'start', /15 dakikada/],
        ['in the past', bookingBody({ start: '2026-12-01T10:00:00+03:00' }), 'start', /geçti/],
        ['inside the 2-hour notice', bookingBody({ start: '2026-12-02T11:00:00+03:00' }), 'start', /en az 2 saat/],
        ['beyond the 60-day horizon', bookingBody({ start: '2027-02-02T10:00:00+03:00' }), 'start', /60 gün/],
        ['closed on Sunday', bookingBody({ start: '2026-12-06T10:00:00+03:00' }), 'start', /hasta kabul etmiyoruz/],
        ['during the lunch break', bookingBody({ start: '2026-12-03T12:15:00+03:00' }), 'start'],
        ['on a public holiday', bookingBody({ start: '2027-01-01T10:00:00+03:00' }), 'start'],
        ['10,000-character name', bookingBody({ name: 'A'.repeat(10_000) }), 'name'],
        ['121-character name', bookingBody({ name: 'Ş'.repeat(121) }), 'name', /120/],
        ['empty name', bookingBody({ name: '   ' }), 'name'],
        ['control character in name', bookingBody({ name: 'Ali\u0000Veli' }), 'name'],
        ['bidi override in name', bookingBody({ name: 'Ali \u202eileV' }), 'name'],
        ['emoji-only name', bookingBody({ name: '🙂🙂🙂' }), 'name'],
        ['name of the wrong type', bookingBody({ name: ['Ali'] }), 'name'],
        ['phone with letters', bookingBody({ phone: '0532 ABC 45 67' }), 'phone', /0532 123 45 67/],
        ['vanity number', bookingBody({ phone: '1-800-FLOWERS' }), 'phone'],
        ['SQL in phone', bookingBody({ phone: "'; DROP TABLE patients; --" }), 'phone'],
        ['script in phone', bookingBody({ phone: '<script>alert(1)</script>' }), 'phone'],
        ['too short a phone', bookingBody({ phone: '123' }), 'phone'],
        ['phone as a number', bookingBody({ phone: 5321234567 }), 'phone'],
        ['bad e-mail', bookingBody({ email: 'not-an-email' }), 'email'],
        ['too long an e-mail', bookingBody({ email: `${'a'.repeat(250)}@x.tr` }), 'email'],
        ['unknown locale', bookingBody({ locale: 'de' }), 'locale'],
        ['missing consent', bookingBody({ consent: undefined }), 'consent'],
        ['notice not shown', bookingBody({ consent: { kvkk: false, healthData: true } }), 'consent.kvkk', /aydınlatma metni/],
        ['notice flag as a string', bookingBody({ consent: { kvkk: 'true' } }), 'consent.kvkk'],
        ['missing notice flag', bookingBody({ consent: { healthData: true } }), 'consent.kvkk'],
        ['pain score 11', bookingBody({ intake: { painScore: 11 } }), 'intake.painScore'],
        ['pain score as text', bookingBody({ intake: { painScore: '5' } }), 'intake.painScore'],
        ['pain score 2.5', bookingBody({ intake: { painScore: 2.5 } }), 'intake.painScore'],
        ['unknown complaint', bookingBody({ intake: { complaint: 'cancer' } }), 'intake.complaint'],
        ['unknown trigger', bookingBody({ intake: { triggers: ['coffee'] } }), 'intake.triggers.0'],
        ['unknown intake field', bookingBody({ intake: { notes: 'free text about my illness' } }), 'intake'],
        ['unknown top-level field', bookingBody({ admin: true }), '_'],
        ['an array instead of an object', [bookingBody()], '_'],
        ['a JSON string', JSON.stringify('hello'), '_'],
        ['honeypot filled', bookingBody({ website: 'https://spam.example' }), '_'],
      ];
      for (const [label, body, field, message] of cases) {
        const res = await book(app, body);
        expect(res.statusCode, `${label}: ${res.body}`).toBe(422);
        expect(res.headers['content-type'], label).toContain('application/problem+json');
        const errors = (res.json() as { errors: Record<string, string> }).errors;
        expect(Object.keys(errors), `${label}: ${res.body}`).toContain(field);
        if (message) expect(errors[field], label).toMatch(message);
      }
      expect(await counts(database.db)).toEqual(before);
    });

    it('answers field errors in the language of the request', async () => {
      const { app } = ctx();
      const en = await book(app, bookingBody({ locale: 'en', phone: 'call me' }));
      expect((en.json() as { errors: Record<string, string> }).errors.phone).toMatch(/Please enter a phone number/);
      const fallback = await book(app, bookingBody({ locale: 'xx', phone: 'call me' }), { 'accept-language': 'en-GB,en;q=0.9' });
      expect((fallback.json() as { errors: Record<string, string> }).errors.phone).toMatch(/Please enter a phone number/);
    });

    it('takes JSON only, refuses cross-site posts, and never answers 500 to broken bodies', async () => {
      const { app, database } = ctx();
      const before = await counts(database.db);
      const form = await app.inject({ method: 'POST', url: '/api/v1/bookings', payload: 'service=free-examination', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.statusCode).toBe(415);
      const text = await app.inject({ method: 'POST', url: '/api/v1/bookings', payload: JSON.stringify(bookingBody()), headers: { 'content-type': 'text/plain' } });
      expect(text.statusCode).toBe(415);
      const broken = await book(app, '{"service": "free-examination",');
      expect(broken.statusCode).toBe(400);
      expect(broken.headers['content-type']).toContain('application/problem+json');
      const crossSite = await book(app, bookingBody({ start: '2026-12-03T13:30:00+03:00' }), { origin: 'https://evil.example' });
      expect(crossSite.statusCode).toBe(403);
      expect((await app.inject({ url: '/api/v1/bookings' })).statusCode).toBe(405);
      expect(await counts(database.db)).toEqual(before);
    });

    it('replays the first answer for a repeated Idempotency-Key and never books twice', async () => {
      const { app, database } = ctx();
      const body = bookingBody({ start: '2026-12-09T09:00:00+03:00' });
      const key = 'c1a3d3c8-6f0e-4a52-9a54-2f2b4f0c0001';
      const first = await book(app, body, { 'idempotency-key': key });
      expect(first.statusCode, first.body).toBe(201);
      const before = await counts(database.db);
      const again = await book(app, body, { 'idempotency-key': key });
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      expect(await counts(database.db)).toEqual(before);
      // The replayed manage link works (the token is kept only encrypted for the replay).
      expect((await app.inject({ url: `/api/v1/bookings/manage/${tokenOf(again)}` })).statusCode).toBe(200);
      const stored = await database.db.selectFrom('idempotency_keys').select('response').where('key', '=', `booking:${key}`).executeTakeFirstOrThrow();
      expect(stored.response).not.toContain(tokenOf(first));

      const reused = await book(app, { ...body, start: '2026-12-09T09:30:00+03:00' }, { 'idempotency-key': key });
      expect(reused.statusCode).toBe(422);
      expect(reused.json()).toMatchObject({ title: 'Idempotency key reused' });
      expect(await counts(database.db)).toEqual(before);

      const tooLong = await book(app, body, { 'idempotency-key': 'k'.repeat(201) });
      expect(tooLong.statusCode).toBe(422);
      expect(Object.keys((tooLong.json() as { errors: Record<string, string> }).errors)).toEqual(['Idempotency-Key']);
    });

    it('books once for a double-clicked submit (the same key, concurrently)', async () => {
      const { app, database } = ctx();
      const body = bookingBody({ start: '2026-12-09T10:00:00+03:00' });
      const before = await counts(database.db);
      const answers = await Promise.all(Array.from({ length: 8 }, () => book(app, body, { 'idempotency-key': 'double-click-1' })));
      expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(201));
      expect(new Set(answers.map((a) => (a.json() as { id: number }).id)).size).toBe(1);
      expect(new Set(answers.map((a) => a.body)).size).toBe(1);
      expect((await counts(database.db)).appointments - before.appointments).toBe(1);
    });

    it('answers 409 with alternatives when the slot is taken', async () => {
      const { app } = ctx();
      const start = '2026-12-09T11:00:00+03:00';
      expect((await book(app, bookingBody({ start }))).statusCode).toBe(201);
      const lost = await book(app, bookingBody({ start }));
      expect(lost.statusCode).toBe(409);
      expect(lost.headers['content-type']).toContain('application/problem+json');
      const problem = lost.json() as { title: string; alternatives: Array<{ start: string; end: string }> };
      expect(problem.title).toBe('That slot was just taken');
      expect(problem.alternatives.map((a) => a.start)).toEqual([
        // 11:15 would overlap the booking that won 11:00–11:30.
        '2026-12-09T11:30:00+03:00',
        '2026-12-09T11:45:00+03:00',
        '2026-12-09T12:00:00+03:00',
        '2026-12-09T13:30:00+03:00',
        '2026-12-09T13:45:00+03:00',
      ]);
    });
  },
  generous,
);

describeEachEngine(
  'booking: manage links',
  (ctx) => {
    it('cancels until the cut-off and frees the slot at once', async () => {
      const { app, database } = ctx();
      const res = await book(app, bookingBody({ start: '2026-12-04T10:00:00+03:00' }));
      expect(res.statusCode, res.body).toBe(201);
      const { id } = res.json() as { id: number };
      const token = tokenOf(res);
      expect(await slotsOn(app, '2026-12-04')).not.toContain('2026-12-04T10:00:00+03:00');

      for (const reason of [42, 'x'.repeat(501)]) {
        const bad = await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${token}/cancel`, payload: { reason } });
        expect(bad.statusCode).toBe(422);
        expect(Object.keys((bad.json() as { errors: Record<string, string> }).errors)).toEqual(['reason']);
      }
      const cancel = await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${token}/cancel`, payload: { reason: 'Başka bir gün gelebilirim' }, remoteAddress: '192.0.2.10' });
      expect(cancel.statusCode, cancel.body).toBe(200);
      expect(cancel.json()).toMatchObject({ id, status: 'cancelled', canChange: false });
      expect(await slotsOn(app, '2026-12-04')).toContain('2026-12-04T10:00:00+03:00');
      const row = await database.db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'cancelled', cancelled_by: 'patient', cancel_reason: 'Başka bir gün gelebilirim' });
      expect(await database.db.selectFrom('occupancy').select('cell').where('appointment_id', '=', id).execute()).toHaveLength(0);
      expect(await database.db.selectFrom('appointment_resources').select('resource_key').where('appointment_id', '=', id).execute()).toHaveLength(2);
      const auditRow = await database.db.selectFrom('audit_log').select('details').where('action', '=', 'appointment.cancel').where('target_id', '=', String(id)).executeTakeFirstOrThrow();
      expect(auditRow.details).not.toContain('Başka');

      // Someone else can now book it; the cancelled link cannot be used again.
      expect((await book(app, bookingBody({ start: '2026-12-04T10:00:00+03:00' }))).statusCode).toBe(201);
      expect((await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${token}/cancel` })).statusCode).toBe(409);
      expect((await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${token}/reschedule`, payload: { start: '2026-12-04T15:00:00+03:00' } })).statusCode).toBe(409);
    });

    it('moves an appointment, and a conflicting move leaves it where it was', async () => {
      const { app, database } = ctx();
      const a = await book(app, bookingBody({ start: '2026-12-04T11:00:00+03:00' }));
      const tokenA = tokenOf(a);
      const { id } = a.json() as { id: number };
      const move = await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${tokenA}/reschedule`, payload: { start: '2026-12-04T14:00:00+03:00' } });
      expect(move.statusCode, move.body).toBe(200);
      expect(move.json()).toMatchObject({ id, start: '2026-12-04T14:00:00+03:00', end: '2026-12-04T14:30:00+03:00', status: 'requested' });
      const day = await slotsOn(app, '2026-12-04');
      expect(day).toContain('2026-12-04T11:00:00+03:00');
      expect(day).not.toContain('2026-12-04T14:00:00+03:00');
      const cells = await database.db.selectFrom('occupancy').select('cell').where('appointment_id', '=', id).orderBy('cell').execute();
      expect(cells[0]!.cell).toBe(Date.parse('2026-12-04T11:00:00Z'));

      // Moving onto someone else's slot: 409 with alternatives, and nothing changes.
      expect((await book(app, bookingBody({ start: '2026-12-04T15:00:00+03:00' }))).statusCode).toBe(201);
      const cellsBefore = await database.db.selectFrom('occupancy').select(['resource_key', 'cell']).where('appointment_id', '=', id).orderBy('resource_key').orderBy('cell').execute();
      const clash = await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${tokenA}/reschedule`, payload: { start: '2026-12-04T15:00:00+03:00' } });
      expect(clash.statusCode).toBe(409);
      expect((clash.json() as { alternatives: unknown[] }).alternatives.length).toBeGreaterThan(0);
      expect((await app.inject({ url: `/api/v1/bookings/manage/${tokenA}` })).json()).toMatchObject({ start: '2026-12-04T14:00:00+03:00' });
      expect(await database.db.selectFrom('occupancy').select(['resource_key', 'cell']).where('appointment_id', '=', id).orderBy('resource_key').orderBy('cell').execute()).toEqual(cellsBefore);

      // The same rules as booking: off the grid, too soon, closed.
      for (const [start, pattern] of [
        ['2026-12-04T14:10:00+03:00', /15 dakikada/],
        ['2026-12-02T10:30:00+03:00', /2 saat/],
        ['2026-12-06T10:00:00+03:00', /kabul etmiyoruz/],
        ['yarın', /UTC/],
      ] as const) {
        const res = await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${tokenA}/reschedule`, payload: { start } });
        expect(res.statusCode, start).toBe(422);
        expect((res.json() as { errors: { start: string } }).errors.start, start).toMatch(pattern);
      }
      // Moving to a slot adjacent to its own old cells works (its own cells do not block it).
      const shift = await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${tokenA}/reschedule`, payload: { start: '2026-12-04T14:15:00+03:00' } });
      expect(shift.statusCode, shift.body).toBe(200);
    });

    it('refuses changes after the cut-off and unknown links', async () => {
      const { app } = ctx();
      // 12:00 today is bookable (2 h notice) but already inside the 2 h change cut-off.
      const res = await book(app, bookingBody({ start: '2026-12-02T12:00:00+03:00' }));
      expect(res.statusCode, res.body).toBe(201);
      const token = tokenOf(res);
      expect((await app.inject({ url: `/api/v1/bookings/manage/${token}` })).json()).toMatchObject({ canChange: false, changeUntil: '2026-12-02T10:00:00+03:00' });
      const late = await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${token}/cancel` });
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ title: expect.stringMatching(/too late/) as unknown });

      for (const bad of ['A'.repeat(43), 'short', '../../etc/passwd', '%3Cscript%3E']) {
        const r = await app.inject({ url: `/api/v1/bookings/manage/${bad}` });
        expect(r.statusCode, bad).toBe(404);
        expect(r.headers['content-type']).toContain('application/problem+json');
        expect((await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${bad}/cancel` })).statusCode).toBe(404);
      }
      expect((await app.inject({ url: `/api/v1/bookings/manage/${token}/cancel` })).statusCode).toBe(405);
      const notJson = await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${token}/reschedule`, payload: 'start=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(notJson.statusCode).toBe(415);
    });
  },
  generous,
);

async function signedFor(context: TestContext, role: 'admin' | 'receptionist' | 'therapist') {
  const who = await signedInStaff(context, role);
  const signed = await context.app.services.staff.resolveSession(decodeURIComponent(who.cookie.split('=')[1]!));
  if (!signed) throw new Error('no session');
  return signed;
}

describeEachEngine(
  'booking: staff list, intake access and legal texts',
  (ctx) => {
    it('lists appointments with patient and service for the roles allowed, with filters', async () => {
      const { app } = ctx();
      const first = await book(app, bookingBody({ start: '2026-12-10T09:00:00+03:00', name: 'Liste Hastası', phone: '0533 111 22 33' }));
      const second = await book(app, bookingBody({ start: '2026-12-10T09:30:00+03:00', name: 'İkinci Hasta' }));
      const third = await book(app, bookingBody({ start: '2026-12-10T10:00:00+03:00' }));
      await app.inject({ method: 'POST', url: `/api/v1/bookings/manage/${tokenOf(third)}/cancel` });
      const booking = app.services.booking;
      const receptionist = await signedFor(ctx(), 'receptionist');
      const list = await booking.listAppointments(receptionist, { from: '2026-12-10', to: '2026-12-10', limit: 10 });
      expect(list.total).toBe(3);
      expect(list.rows.map((r) => r.id)).toEqual([first, second, third].map((r) => (r.json() as { id: number }).id));
      expect(list.rows[0]).toMatchObject({
        status: 'requested',
        source: 'online',
        service: { slug: 'free-examination' },
        patient: { name: 'Liste Hastası', phone: '+905331112233' },
        start: Date.parse('2026-12-10T06:00:00Z'),
      });
      expect((await booking.listAppointments(receptionist, { from: '2026-12-10', to: '2026-12-10', status: 'cancelled' })).rows).toHaveLength(1);
      expect((await booking.listAppointments(receptionist, { from: '2026-12-10', to: '2026-12-10', serviceKey: 'robotic-gait' })).total).toBe(0);
      const page = await booking.listAppointments(receptionist, { from: '2026-12-10', to: '2026-12-10', limit: 1, offset: 1 });
      expect(page).toMatchObject({ total: 3, rows: [{ patient: { name: 'İkinci Hasta' } }] });
      await expect(booking.listAppointments(receptionist, { from: '2026-12-10', to: '2026-02-30' })).rejects.toMatchObject({ status: 422 });
      await expect(booking.listAppointments(receptionist, { from: '2026-12-10', to: '2026-12-10', limit: 10_000 })).rejects.toMatchObject({ status: 422 });
    });

    it('shows intake answers to clinical roles only, and audits every read', async () => {
      const { app, database } = ctx();
      const res = await book(app, bookingBody({ start: '2026-12-10T11:00:00+03:00' }));
      const { id } = res.json() as { id: number };
      const booking = app.services.booking;
      const receptionist = await signedFor(ctx(), 'receptionist');
      await expect(booking.intakeFor(receptionist, id)).rejects.toMatchObject({ status: 403 });
      const therapist = await signedFor(ctx(), 'therapist');
      const intake = await booking.intakeFor(therapist, id, { ip: '10.1.1.1' });
      expect(intake?.answers).toEqual({ complaint: 'spasm-cramps', spasmFrequency: 'weekly', painScore: 6, triggers: ['hydration', 'sleep'] });
      const reads = await database.db.selectFrom('audit_log').select(['actor_user_id', 'target_id']).where('action', '=', 'intake.view').execute();
      expect(reads).toContainEqual({ actor_user_id: therapist.user.id, target_id: String(id) });
      const admin = await signedFor(ctx(), 'admin');
      const none = await book(app, bookingBody({ start: '2026-12-10T11:30:00+03:00', consent: { kvkk: true, healthData: false } }));
      expect(await booking.intakeFor(admin, (none.json() as { id: number }).id)).toBeNull();
      await expect(booking.intakeFor(admin, 999_999)).rejects.toMatchObject({ status: 404 });
    });

    it('serves the current legal texts with the clinic’s details filled in', async () => {
      const { app } = ctx();
      for (const locale of ['tr', 'en'] as const) {
        const texts = await app.services.booking.currentLegalTexts(locale);
        expect(texts.notice).toMatchObject({ kind: 'kvkk-notice', locale, version: 1 });
        expect(texts.healthConsent).toMatchObject({ kind: 'health-consent', locale, version: 1 });
        expect(texts.notice.bodyMd).toContain('Adım Robotik Rehabilitasyon Merkezi');
        expect(texts.notice.bodyMd).toContain('info@adim-rehab.example');
        expect(texts.notice.bodyMd).toMatch(/\b11\b/);
        expect(texts.notice.bodyMd + texts.healthConsent.bodyMd).not.toMatch(/\{\w+\}/);
      }
      expect((await app.services.booking.currentLegalTexts('tr')).healthConsent.bodyMd).toMatch(/geri alabilirsiniz/i);
    });

    it('fails loudly (500, logged) rather than under-reserve a buffer that is not a multiple of 5 minutes', async () => {
      const { app, database } = ctx();
      const room = await database.db.selectFrom('rooms').select(['id', 'buffer_after_minutes']).where('kind', '=', 'exam_room').executeTakeFirstOrThrow();
      await database.db.updateTable('rooms').set({ buffer_after_minutes: 7 }).where('id', '=', room.id).execute();
      try {
        const res = await app.inject({ url: '/api/v1/availability?service=free-examination&from=2026-12-10&to=2026-12-10' });
        expect(res.statusCode).toBe(500);
        expect(res.body).not.toContain('multiples');
        expect((await book(app, bookingBody({ start: '2026-12-10T15:00:00+03:00' }))).statusCode).toBe(500);
      } finally {
        await database.db.updateTable('rooms').set({ buffer_after_minutes: room.buffer_after_minutes }).where('id', '=', room.id).execute();
      }
      expect((await app.inject({ url: '/api/v1/availability?service=free-examination&from=2026-12-10&to=2026-12-10' })).statusCode).toBe(200);
    });

    it('documents the booking API in the OpenAPI document', async () => {
      const doc = (await ctx().app.inject({ url: '/api/v1/openapi.json' })).json() as {
        paths: Record<string, Record<string, { description?: string }>>;
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/services', '/availability', '/bookings', '/bookings/manage/{token}', '/bookings/manage/{token}/cancel', '/bookings/manage/{token}/reschedule', '/me']),
      );
      expect(Object.keys(doc.components.schemas.BookingRequest!.properties!)).toEqual(['service', 'start', 'name', 'phone', 'email', 'locale', 'consent', 'intake', 'website']);
      expect(doc.paths['/bookings']!.post!.description).toMatch(/discarded, not stored/);
    });
  },
  generous,
);

describeEachEngine(
  'booking: rate limits',
  (ctx) => {
    it('limits bookings per address per hour and per phone number per day', async () => {
      const { app, clock } = ctx();
      const ip = '198.51.100.7';
      for (let i = 0; i < 3; i++) {
        const res = await book(app, bookingBody({ start: `2026-12-11T${String(9 + i).padStart(2, '0')}:00:00+03:00` }), {}, ip);
        expect(res.statusCode, res.body).toBe(201);
      }
      const fourth = await book(app, bookingBody({ start: '2026-12-11T13:30:00+03:00' }), {}, ip);
      expect(fourth.statusCode).toBe(429);
      expect(fourth.headers['content-type']).toContain('application/problem+json');
      // IPv6 addresses count by /64.
      expect((await book(app, bookingBody({ start: '2026-12-11T14:00:00+03:00' }), {}, '2001:db8:5:5::1')).statusCode).toBe(201);

      const phone = '0544 555 66 77';
      expect((await book(app, bookingBody({ phone, start: '2026-12-14T09:00:00+03:00' }), {}, '203.0.113.1')).statusCode).toBe(201);
      expect((await book(app, bookingBody({ phone: '+90 544 555 6677', start: '2026-12-14T09:30:00+03:00' }), {}, '203.0.113.2')).statusCode).toBe(201);
      const third = await book(app, bookingBody({ phone: '05445556677', start: '2026-12-14T10:00:00+03:00' }), {}, '203.0.113.3');
      expect(third.statusCode).toBe(429);

      clock.now += HOUR + 1;
      try {
        expect((await book(app, bookingBody({ start: '2026-12-11T15:00:00+03:00' }), {}, ip)).statusCode).toBe(201);
        expect((await book(app, bookingBody({ phone, start: '2026-12-14T10:30:00+03:00' }), {}, '203.0.113.4')).statusCode).toBe(429);
      } finally {
        clock.now = FIXED_NOW;
      }
    });
  },
  { env: { BOOKING_MAX_PER_IP_PER_HOUR: '3', BOOKING_MAX_PER_PHONE_PER_DAY: '2' } },
);

describeEachEngine(
  'booking: rate limits under concurrency',
  (ctx) => {
    it('holds the per-address limit when many bookings from one address arrive at once', async () => {
      const { app } = ctx();
      const starts = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00'];
      const answers = await Promise.all(
        starts.map((time, i) => book(app, bookingBody({ start: `2026-12-15T${time}:00+03:00`, phone: `0532 111 22 ${String(10 + i)}` }), {}, '198.51.100.99')),
      );
      const codes = answers.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 201).length).toBe(3);
      expect(codes.filter((c) => c === 429).length).toBe(starts.length - 3);
    });
  },
  { env: { BOOKING_MAX_PER_IP_PER_HOUR: '3', BOOKING_MAX_PER_PHONE_PER_DAY: '100' } },
);

describeEachEngine(
  'booking: balancing across physicians',
  (ctx) => {
    it('spreads a burst of bookings on one day evenly over the physicians (SQLite: inside one commit group)', async () => {
      const { app, database, engine } = ctx();
      await addPhysiciansAndRooms(database.db, 2);
      const starts = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map((time) => `2026-12-16T${time}:00+03:00`);
      const send = (start: string, i: number) => book(app, bookingBody({ start, phone: `0532 222 33 ${String(10 + i)}`, intake: undefined }));
      // SQLite: all at once, so they share a commit group and each must see the group's earlier bookings. PostgreSQL:
      // one after the other (concurrent transactions do not see each other's uncommitted load).
      const answers = engine === 'sqlite' ? await Promise.all(starts.map(send)) : await starts.reduce<Promise<LightMyRequestResponse[]>>(async (acc, start, i) => [...(await acc), await send(start, i)], Promise.resolve([]));
      expect(answers.map((r) => r.statusCode)).toEqual(starts.map(() => 201));
      const rows = await database.db
        .selectFrom('appointment_resources')
        .select('resource_key')
        .where('appointment_id', 'in', answers.map((r) => (r.json() as { id: number }).id))
        .where('resource_key', 'like', 'practitioner:%')
        .execute();
      const perPhysician = new Map<string, number>();
      for (const r of rows) perPhysician.set(r.resource_key, (perPhysician.get(r.resource_key) ?? 0) + 1);
      expect([...perPhysician.values()].sort()).toEqual([2, 2, 2]);
    });
  },
  generous,
);
