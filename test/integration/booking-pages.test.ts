// The public booking flow as a visitor without JavaScript uses it (form posts only), the manage pages behind the
// token, and the back-office appointment list — on every engine.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { HTMLElement } from 'node-html-parser';
import { expect, it } from 'vitest';
import { MIN_FILL_MS } from '../../src/features/booking/public-routes.ts';
import { describeEachEngine, type TestContext } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { getAs, signedInStaff } from '../helpers/staff.ts';

const generous = { env: { BOOKING_MAX_PER_IP_PER_HOUR: '1000', BOOKING_MAX_PER_PHONE_PER_DAY: '1000' } };
const SAME_ORIGIN = { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' };
const ADDRESS = 'Barbaros Mah. Çınar Sok. No: 12, 34746 Ataşehir / İstanbul';

type Locale = 'tr' | 'en';
const paths = {
  tr: { start: '/tr/ucretsiz-muayene', details: '/tr/ucretsiz-muayene/bilgiler', manage: '/tr/randevu/', ics: 'takvim.ics', cancel: 'iptal', move: 'tasi' },
  en: { start: '/en/free-examination', details: '/en/free-examination/details', manage: '/en/appointment/', ics: 'calendar.ics', cancel: 'cancel', move: 'move' },
} as const;

/** Istanbul wall-clock time → the ISO start the pages use. */
const at = (date: string, time: string) => `${date}T${time}:00+03:00`;
const detailsUrl = (locale: Locale, iso: string) => `${paths[locale].details}?start=${encodeURIComponent(iso)}`;

let phoneCounter = 0;
function nextPhone(): string {
  const n = String(2_000_000 + ++phoneCounter).slice(-7);
  return `0532 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`;
}

type Fields = Record<string, string | string[]>;

function encode(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) params.append(key, v);
  return params.toString();
}

/** The hidden fields of a rendered details form (form key, start, the legal texts' versions, the notice marker). */
function hiddenFields(doc: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const input of doc.querySelectorAll('form.bk-form input[type=hidden]')) out[input.getAttribute('name')!] = input.getAttribute('value') ?? '';
  return out;
}

function texts(doc: HTMLElement): string {
  return doc.querySelector('main')!.text.replace(/\s+/g, ' ');
}

/** Opens the details form for a start and returns its hidden fields. */
async function openForm(app: FastifyInstance, locale: Locale, iso: string): Promise<Record<string, string>> {
  const res = await app.inject({ url: detailsUrl(locale, iso) });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return hiddenFields(html(res.body));
}

/** POSTs the details form as a browser would, a few seconds after it was shown (the fill-time check wants a person). */
async function post(ctx: TestContext, locale: Locale, iso: string, fields: Fields, headers: Record<string, string> = SAME_ORIGIN, wait = MIN_FILL_MS + 1000): Promise<LightMyRequestResponse> {
  ctx.clock.now += wait;
  return ctx.app.inject({
    method: 'POST',
    url: detailsUrl(locale, iso),
    payload: encode(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    remoteAddress: '192.0.2.44',
  });
}

function visitor(overrides: Fields = {}): Fields {
  return {
    name: 'Ayşe Yılmaz',
    phone: nextPhone(),
    email: 'ayse@example.com',
    language: 'tr',
    complaint: 'spasm-cramps',
    spasmFrequency: 'weekly',
    painScore: '6',
    triggers: ['hydration', 'sleep'],
    healthConsent: 'yes',
    ...overrides,
  };
}

/** Opens the form and sends it; returns the response and the token of the appointment (when booked). */
async function book(ctx: TestContext, locale: Locale, iso: string, fields: Fields = {}): Promise<{ res: LightMyRequestResponse; token: string; form: Record<string, string> }> {
  const form = await openForm(ctx.app, locale, iso);
  const res = await post(ctx, locale, iso, { ...form, ...visitor({ language: locale, ...fields }) });
  const location = String(res.headers.location ?? '');
  const token = location.startsWith(paths[locale].manage) ? location.slice(paths[locale].manage.length).replace(/\?.*$/, '') : '';
  return { res, token, form };
}

async function appointmentCount(ctx: TestContext): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function appointmentIdOf(ctx: TestContext, token: string): Promise<number> {
  return (await ctx.app.services.booking.findByManageToken(token)).id;
}

/** Unfolds an iCalendar file into its content lines. */
function icsLines(body: string): string[] {
  expect(body.endsWith('\r\n')).toBe(true);
  for (const raw of body.split('\r\n')) expect(Buffer.byteLength(raw, 'utf8'), raw).toBeLessThanOrEqual(75);
  return body.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
}

function icsValue(lines: string[], name: string): string | undefined {
  const line = lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  return line?.slice(line.indexOf(':') + 1).replace(/\\n/g, '\n').replace(/\\([,;\\])/g, '$1');
}

describeEachEngine(
  'booking pages: free times',
  (ctx) => {
    it('lists the next free days and times in Turkish: notice respected, Sunday absent, zone stated, not cached', async () => {
      const { app } = ctx();
      const res = await app.inject({ url: paths.tr.start });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      const doc = html(res.body);
      expect(doc.querySelector('h1')!.text).toBe('Ücretsiz ilk muayene');
      // The editable intro from the database is still there.
      expect(texts(doc)).toContain('Muayenede neler olur?');
      expect(texts(doc)).toContain('Tüm saatler İstanbul yerel saatidir');
      expect(texts(doc)).toContain('UTC+3');
      const days = doc.querySelectorAll('.bk-slots .bk-day');
      const names = days.map((d) => d.querySelector('.bk-day-name')!.text);
      // Wednesday 2 December to Tuesday 8 December; the clinic is closed on Sunday.
      expect(names).toEqual(['2 Aralık Çarşamba', '3 Aralık Perşembe', '4 Aralık Cuma', '5 Aralık Cumartesi', '7 Aralık Pazartesi', '8 Aralık Salı']);
      expect(days[0]!.getAttribute('open')).not.toBeUndefined();
      expect(days[1]!.getAttribute('open')).toBeUndefined();
      // Now is 10:00 with a 2-hour notice, and a time must stay bookable while the form is filled in: 12:00 is too
      // close, 12:15 would run into the physician's lunch break, so the first time is 13:30.
      const first = days[0]!.querySelector('a.bk-time')!;
      expect(first.text).toMatch(/^13:30/);
      expect(first.getAttribute('href')).toBe(`${paths.tr.details}?start=2026-12-02T13%3A30%3A00%2B03%3A00`);
      expect(days[1]!.querySelectorAll('a.bk-time').map((a) => a.childNodes[0]!.text.trim())).toContain('09:15');
      expect(doc.querySelector('.bk-pager a[rel=prev]')).toBeNull();
      expect(doc.querySelector('.bk-pager a[rel=next]')!.getAttribute('href')).toBe(`${paths.tr.start}?from=2026-12-09`);
      // Phone, WhatsApp and e-mail stay as alternatives.
      expect(doc.querySelector('.bk-other a[href^="tel:"]')).not.toBeNull();
      expect(doc.querySelector('.bk-other a[href^="https://wa.me/"]')).not.toBeNull();
    });

    it('pages a week at a time in English with ?from=', async () => {
      const { app } = ctx();
      const doc = html((await app.inject({ url: paths.en.start })).body);
      expect(texts(doc)).toContain('All times are local time in Istanbul (Türkiye Standard Time, UTC+3)');
      expect(doc.querySelectorAll('.bk-slots .bk-day-name').map((d) => d.text)[0]).toBe('Wednesday 2 December');
      expect(texts(doc)).not.toContain('Sunday 6 December');
      const later = doc.querySelector('.bk-pager a[rel=next]')!.getAttribute('href')!;
      expect(later).toBe(`${paths.en.start}?from=2026-12-09`);
      const next = html((await app.inject({ url: later })).body);
      expect(next.querySelectorAll('.bk-slots .bk-day-name').map((d) => d.text)).toEqual([
        'Wednesday 9 December',
        'Thursday 10 December',
        'Friday 11 December',
        'Saturday 12 December',
        'Monday 14 December',
        'Tuesday 15 December',
      ]);
      expect(next.querySelector('.bk-slots a.bk-time')!.text).toMatch(/^09:00/);
      expect(next.querySelector('.bk-pager a[rel=prev]')!.getAttribute('href')).toBe(paths.en.start);
      // Around New Year: the holiday is left out, and "later" points at the next free day.
      const newYear = html((await app.inject({ url: `${paths.en.start}?from=2026-12-30` })).body);
      const names = newYear.querySelectorAll('.bk-slots .bk-day-name').map((d) => d.text);
      expect(names.slice(0, 3)).toEqual(['Wednesday 30 December', 'Thursday 31 December', 'Saturday 2 January']);
    });

    it('answers bad ?from= values with a page, never an error', async () => {
      const { app } = ctx();
      const cases = ['2026-02-30', 'garbage', '%3Cscript%3E', '2026-12-02T00:00', '1999-01-01', '9999-12-31', '', '2026-12-10&from=2026-12-20', '20261210', '-1'];
      for (const value of cases) {
        const res = await app.inject({ url: `${paths.en.start}?from=${value}` });
        expect(res.statusCode, value).toBe(200);
        const doc = html(res.body);
        expect(doc.querySelector('.bk-slots'), value).not.toBeNull();
        expect(res.body).not.toContain('<script>');
      }
      // A date in the past means today; beyond the booking horizon there is simply nothing to choose.
      const past = html((await app.inject({ url: `${paths.en.start}?from=1999-01-01` })).body);
      expect(past.querySelector('.bk-slots a.bk-time')!.text).toMatch(/^13:30/);
      const far = html((await app.inject({ url: `${paths.en.start}?from=2027-06-01` })).body);
      expect(far.querySelectorAll('.bk-slots a.bk-time')).toHaveLength(0);
      expect(texts(far)).toContain('There are no free times online in these days.');
      // The details page without a usable start goes back to the list of times.
      for (const start of ['', 'yesterday', '2026-12-03T10:00', '2026-13-40T10:00:00+03:00']) {
        const res = await app.inject({ url: `${paths.en.details}?start=${encodeURIComponent(start)}` });
        expect(res.statusCode, start).toBe(303);
        expect(res.headers.location).toBe(paths.en.start);
      }
    });
  },
  generous,
);

describeEachEngine(
  'booking pages: booking without JavaScript',
  (ctx) => {
    it('shows the details form with the notice shown (not accepted), an unticked consent and a hidden honeypot', async () => {
      const { app } = ctx();
      const res = await app.inject({ url: detailsUrl('tr', at('2026-12-03', '09:00')) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const doc = html(res.body);
      const form = doc.querySelector('form.bk-form')!;
      expect(form.getAttribute('method')).toBe('post');
      expect(form.getAttribute('action')).toBe(detailsUrl('tr', at('2026-12-03', '09:00')));
      expect(texts(doc)).toContain('3 Aralık 2026 Perşembe');
      expect(texts(doc)).toContain('09:00–09:30');
      const hidden = hiddenFields(doc);
      expect(hidden).toMatchObject({ start: at('2026-12-03', '09:00'), kvkkShown: 'true', noticeVersion: '1', consentVersion: '1' });
      expect(hidden.formKey).toMatch(/^[\w-]{22}\.[0-9a-z]+\.[\w-]{22}$/);
      // Labels for every field; the intake as fieldsets with legends.
      for (const id of ['f-name', 'f-phone', 'f-email', 'f-consent']) expect(doc.querySelector(`label[for=${id}]`), id).not.toBeNull();
      const legends = doc.querySelectorAll('fieldset > legend').map((l) => l.text.trim());
      expect(legends).toEqual(expect.arrayContaining(['Sizi en çok ne rahatsız ediyor?', 'Ağrınız genellikle ne kadar şiddetli?', 'Spazm veya kramplar ne sıklıkla oluyor?']));
      expect(doc.querySelectorAll('input[name=complaint]')).toHaveLength(6);
      expect(doc.querySelectorAll('input[name=painScore]')).toHaveLength(11);
      expect(doc.querySelectorAll('input[name=triggers][type=checkbox]')).toHaveLength(5);
      expect(doc.querySelector('#f-phone-hint')!.text).toContain('0532 123 45 67');
      // The notice is there to read, in full, with its version; nothing asks to "accept" it.
      const notice = doc.querySelector('details#bk-notice')!;
      expect(notice.querySelector('summary')!.text).toContain('sürüm 1');
      expect(notice.text).toContain('Veri sorumlusu');
      expect(notice.text).toContain('Adım Robotik Rehabilitasyon Merkezi');
      expect(doc.querySelectorAll('input[type=checkbox]').filter((c) => c.getAttribute('name') !== 'triggers').map((c) => c.getAttribute('name'))).toEqual(['whatsappOptIn', 'healthConsent']);
      const consent = doc.querySelector('#f-consent')!;
      expect(consent.getAttribute('checked')).toBeUndefined();
      expect(doc.querySelector('#f-whatsapp')!.getAttribute('checked')).toBeUndefined(); // WhatsApp messages: opt-in, never pre-ticked
      expect(texts(doc)).toContain('açık rıza vermeden de randevu alabilirsiniz');
      expect(doc.querySelector('#f-consent-hint')!.text).toContain('Kutuyu işaretlemezseniz yanıtlarınız saklanmaz');
      const honeypot = doc.querySelector('input[name=website]')!;
      expect(honeypot.getAttribute('tabindex')).toBe('-1');
      expect(honeypot.getAttribute('autocomplete')).toBe('off');
      expect(honeypot.closest('.bk-hp')!.getAttribute('aria-hidden')).toBe('true');
    });

    it('books by form post: 303 to the private page, which shows what, when, where, status and how to prepare — never the intake', async () => {
      const c = ctx();
      const before = await appointmentCount(c);
      const { res, token } = await book(c, 'tr', at('2026-12-03', '09:00'));
      expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
      expect(res.headers.location).toMatch(/^\/tr\/randevu\/[\w-]{43}\?booked=1$/);
      expect(await appointmentCount(c)).toBe(before + 1);

      const page = await c.app.inject({ url: res.headers.location as string });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['x-robots-tag']).toContain('noindex');
      const doc = html(page.body);
      const body = texts(doc);
      expect(body).toContain('Teşekkürler, randevunuz alındı.');
      expect(body).toContain('Ücretsiz muayene');
      expect(body).toContain('3 Aralık 2026 Perşembe');
      expect(body).toContain('09:00–09:30');
      expect(body).toContain('İstanbul');
      expect(body).toContain(ADDRESS);
      expect(body).toContain('Talep alındı: onaylamak için sizi arayacağız');
      expect(body).toContain('Lütfen 10 dakika erken gelin.');
      expect(doc.querySelector('a[href^="https://www.openstreetmap.org/"]')).not.toBeNull();
      // The intake is health data: not on this page, not in the WhatsApp text.
      for (const word of ['spazm', 'Kas spazmı', 'spasm', 'Yeterince su', 'hydration']) expect(page.body, word).not.toContain(word);
      const wa = doc.querySelectorAll('a[href^="https://wa.me/"]').map((a) => new URL(a.getAttribute('href')!).searchParams.get('text')!);
      expect(wa).toContain('Merhaba, 3 Aralık 2026 Perşembe saat 09:00 randevum hakkında yazıyorum.');
      // The secret address never goes into the layout's canonical link or floating WhatsApp message.
      expect(doc.querySelector('link[rel=canonical]')!.getAttribute('href')).toBe(`http://localhost:3000${paths.tr.start}`);
      for (const text of wa) expect(text).not.toContain(token);
      expect(doc.querySelector('meta[name=robots]')!.getAttribute('content')).toContain('noindex');
      expect(doc.querySelector('a.lang-switch')!.getAttribute('href')).toBe(`${paths.en.manage}${token}`);
      expect(doc.querySelector(`a[href="${paths.tr.manage}${token}/${paths.tr.move}"]`)).not.toBeNull();
      expect(doc.querySelector(`a[href="${paths.tr.manage}${token}/${paths.tr.cancel}"]`)).not.toBeNull();

      // The calendar file: UTC times, a stable UID, the clinic and service, the address — nothing else.
      const icsHref = doc.querySelector('a[download]')!.getAttribute('href')!;
      expect(icsHref).toBe(`${paths.tr.manage}${token}/${paths.tr.ics}`);
      const ics = await c.app.inject({ url: icsHref });
      expect(ics.statusCode).toBe(200);
      expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(ics.headers['content-disposition']).toBe('attachment; filename="randevu.ics"');
      expect(ics.headers['cache-control']).toBe('no-store');
      const lines = icsLines(ics.body);
      const id = await appointmentIdOf(c, token);
      expect(lines[0]).toBe('BEGIN:VCALENDAR');
      expect(lines.at(-1)).toBe('END:VCALENDAR');
      expect(lines).toContain('VERSION:2.0');
      expect(lines).toContain('METHOD:PUBLISH');
      expect(icsValue(lines, 'UID')).toBe(`appointment-${id}@localhost`);
      expect(icsValue(lines, 'DTSTART')).toBe('20261203T060000Z');
      expect(icsValue(lines, 'DTEND')).toBe('20261203T063000Z');
      expect(icsValue(lines, 'SUMMARY')).toBe('Adım Robotik Rehabilitasyon Merkezi — Ücretsiz muayene');
      expect(icsValue(lines, 'LOCATION')).toBe(ADDRESS);
      expect(icsValue(lines, 'STATUS')).toBe('TENTATIVE');
      for (const word of ['spazm', 'spasm', 'Ayşe', 'hydration']) expect(ics.body).not.toContain(word);
      // Same UID on every download, in either language.
      const again = icsLines((await c.app.inject({ url: `${paths.en.manage}${token}/${paths.en.ics}` })).body);
      expect(icsValue(again, 'UID')).toBe(`appointment-${id}@localhost`);
      expect(icsValue(again, 'SUMMARY')).toBe('Adım Robotik Rehabilitasyon Merkezi — Free examination');
    });

    it('keeps the intake with health-data consent and records the versions shown', async () => {
      const c = ctx();
      const { res, token } = await book(c, 'tr', at('2026-12-03', '09:30'));
      expect(res.statusCode).toBe(303);
      const id = await appointmentIdOf(c, token);
      const admin = await signedInStaff(c, 'admin');
      const signed = (await c.app.services.staff.resolveSession(admin.cookie.split('=')[1]))!;
      const intake = await c.app.services.booking.intakeFor(signed, id);
      expect(intake?.answers).toEqual({ complaint: 'spasm-cramps', spasmFrequency: 'weekly', painScore: 6, triggers: ['hydration', 'sleep'] });
      const consents = await c.database.db.selectFrom('consents').select(['kind', 'locale', 'version', 'given']).where('appointment_id', '=', id).orderBy('kind').execute();
      expect(consents.map((r) => [r.kind, r.locale, Number(r.version), Number(r.given)])).toEqual([
        ['health-consent', 'tr', 1, 1],
        ['kvkk-notice', 'tr', 1, 1],
      ]);
    });

    it('books without consent: the appointment exists, the intake is not kept', async () => {
      const c = ctx();
      const { res, token } = await book(c, 'tr', at('2026-12-03', '10:00'), { healthConsent: [] });
      expect(res.statusCode).toBe(303);
      const id = await appointmentIdOf(c, token);
      const admin = await signedInStaff(c, 'admin');
      const signed = (await c.app.services.staff.resolveSession(admin.cookie.split('=')[1]))!;
      expect(await c.app.services.booking.intakeFor(signed, id)).toBeNull();
      const consent = await c.database.db.selectFrom('consents').select(['given', 'version']).where('appointment_id', '=', id).where('kind', '=', 'health-consent').executeTakeFirstOrThrow();
      expect(Number(consent.given)).toBe(0);
      expect(Number(consent.version)).toBe(1);
      const intakes = await c.database.db.selectFrom('intakes').select('appointment_id').where('appointment_id', '=', id).execute();
      expect(intakes).toEqual([]);
    });

    it('books in English, and switches the form to the language the visitor chooses before booking', async () => {
      const c = ctx();
      const english = await book(c, 'en', at('2026-12-03', '10:30'), { name: 'John Smith' });
      expect(english.res.headers.location).toMatch(/^\/en\/appointment\/[\w-]{43}\?booked=1$/);
      const page = texts(html((await c.app.inject({ url: english.res.headers.location as string })).body));
      expect(page).toContain('Thank you: your appointment is booked.');
      expect(page).toContain('Thursday, 3 December 2026');
      expect(page).toContain('Requested: we will call you to confirm it');

      // On the Turkish form, choosing English: nothing is booked yet; the form comes back in English with the answers.
      const iso = at('2026-12-03', '11:00');
      const form = await openForm(c.app, 'tr', iso);
      const before = await appointmentCount(c);
      const switched = await post(c, 'tr', iso, { ...form, ...visitor({ language: 'en', name: 'Jane Doe' }) });
      expect(switched.statusCode).toBe(200);
      expect(await appointmentCount(c)).toBe(before);
      const doc = html(switched.body);
      expect(doc.querySelector('html')!.getAttribute('lang')).toBe('en');
      expect(doc.querySelector('form.bk-form')!.getAttribute('action')).toBe(detailsUrl('en', iso));
      expect(texts(doc)).toContain('You chose English.');
      expect(doc.querySelector('#f-name')!.getAttribute('value')).toBe('Jane Doe');
      expect(doc.querySelector('#f-complaint-spasm-cramps')!.getAttribute('checked')).not.toBeUndefined();
      expect(doc.querySelector('#bk-notice summary')!.text).toContain('Information notice');
      const again = hiddenFields(doc);
      const res = await post(c, 'en', iso, { ...again, ...visitor({ language: 'en', name: 'Jane Doe' }) });
      expect(res.statusCode).toBe(303);
      const token = String(res.headers.location).slice(paths.en.manage.length).replace(/\?.*$/, '');
      const id = await appointmentIdOf(c, token);
      const locales = await c.database.db.selectFrom('consents').select('locale').where('appointment_id', '=', id).execute();
      expect(locales.map((r) => r.locale)).toEqual(['en', 'en']);
    });

    it('keeps everything typed on validation errors, with messages in the page language linked to their fields (422)', async () => {
      const c = ctx();
      for (const locale of ['tr', 'en'] as const) {
        const iso = at('2026-12-03', '11:30');
        const form = await openForm(c.app, locale, iso);
        const before = await appointmentCount(c);
        const res = await post(c, locale, iso, { ...form, ...visitor({ language: locale, name: '   ', phone: '0532 abc', email: 'not-an-email', painScore: '7' }) });
        expect(res.statusCode).toBe(422);
        expect(await appointmentCount(c)).toBe(before);
        const doc = html(res.body);
        const summary = doc.querySelector('.bk-error-summary')!;
        expect(summary.getAttribute('role')).toBe('alert');
        expect(summary.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(['#f-name', '#f-phone', '#f-email']);
        const phoneError = doc.querySelector('#f-phone-error')!.text;
        expect(phoneError).toContain(locale === 'tr' ? 'telefon numarası' : 'phone number');
        expect(doc.querySelector('#f-phone')!.getAttribute('aria-describedby')).toBe('f-phone-hint f-phone-error');
        expect(doc.querySelector('#f-phone')!.getAttribute('aria-invalid')).toBe('true');
        expect(doc.querySelector('#f-email-error')!.text.length).toBeGreaterThan(5);
        // Everything typed is kept.
        expect(doc.querySelector('#f-phone')!.getAttribute('value')).toBe('0532 abc');
        expect(doc.querySelector('#f-email')!.getAttribute('value')).toBe('not-an-email');
        expect(doc.querySelector('#f-complaint-spasm-cramps')!.getAttribute('checked')).not.toBeUndefined();
        expect(doc.querySelector('#f-spasm-weekly')!.getAttribute('checked')).not.toBeUndefined();
        expect(doc.querySelector('#f-pain-7')!.getAttribute('checked')).not.toBeUndefined();
        expect(doc.querySelector('#f-trigger-hydration')!.getAttribute('checked')).not.toBeUndefined();
        expect(doc.querySelector('#f-trigger-stress')!.getAttribute('checked')).toBeUndefined();
        expect(doc.querySelector('#f-consent')!.getAttribute('checked')).not.toBeUndefined();
        expect(hiddenFields(doc).formKey).toBe(form.formKey);
      }
    });

    it('accepts Turkish phone numbers in the spellings people type, and stores them as E.164', async () => {
      const c = ctx();
      for (const [time, phone] of [
        ['13:30', '0532 123 45 67'],
        ['14:00', '+90 532 123 4567'],
        ['14:30', '(0532) 123-45-67'],
      ] as const) {
        const { res, token } = await book(c, 'tr', at('2026-12-03', time), { phone, name: `Telefon ${time}` });
        expect(res.statusCode, phone).toBe(303);
        const id = await appointmentIdOf(c, token);
        const row = await c.database.db
          .selectFrom('appointments')
          .innerJoin('patients', 'patients.id', 'appointments.patient_id')
          .select('patients.phone')
          .where('appointments.id', '=', id)
          .executeTakeFirstOrThrow();
        expect(row.phone).toBe('+905321234567');
      }
    });

    it('books once when the same form is sent twice (double click)', async () => {
      const c = ctx();
      const iso = at('2026-12-03', '15:00');
      const form = await openForm(c.app, 'tr', iso);
      const fields = { ...form, ...visitor() };
      const before = await appointmentCount(c);
      const [first, second] = await Promise.all([post(c, 'tr', iso, fields), post(c, 'tr', iso, fields, SAME_ORIGIN, 0)]);
      expect(first.statusCode).toBe(303);
      expect(second.statusCode).toBe(303);
      expect(second.headers.location).toBe(first.headers.location);
      const third = await post(c, 'tr', iso, fields);
      expect(third.headers.location).toBe(first.headers.location);
      expect(await appointmentCount(c)).toBe(before + 1);
    });

    it('offers the next free times when the slot was just taken (409), keeping the answers, and books one of them', async () => {
      const c = ctx();
      const iso = at('2026-12-04', '09:00');
      const late = await openForm(c.app, 'tr', iso);
      expect((await book(c, 'tr', iso, { name: 'Önce Gelen' })).res.statusCode).toBe(303);
      const res = await post(c, 'tr', iso, { ...late, ...visitor({ name: 'Sonra Gelen' }) });
      expect(res.statusCode).toBe(409);
      const doc = html(res.body);
      expect(texts(doc)).toContain('Bu saat az önce alındı');
      const choices = doc.querySelectorAll('input[type=radio][name=start]').map((i) => i.getAttribute('value')!);
      expect(choices.length).toBeGreaterThan(0);
      expect(choices).not.toContain(iso);
      // The examination lasts 30 minutes: the next free start is 09:30.
      expect(choices[0]).toBe(at('2026-12-04', '09:30'));
      expect(doc.querySelector('#f-name')!.getAttribute('value')).toBe('Sonra Gelen');
      expect(doc.querySelector('#f-pain-6')!.getAttribute('checked')).not.toBeUndefined();
      // Choose the first alternative and send again (same form key: the lost attempt claimed nothing).
      const retry = await post(c, 'tr', iso, { ...hiddenFields(doc), start: choices[0]!, ...visitor({ name: 'Sonra Gelen' }) });
      expect(retry.statusCode).toBe(303);
      const token = String(retry.headers.location).slice(paths.tr.manage.length).replace(/\?.*$/, '');
      expect(new Date((await c.app.services.booking.findByManageToken(token)).start).toISOString()).toBe('2026-12-04T06:30:00.000Z');

      // Following a stale link to a taken time shows the next free times instead of the form.
      const stale = await c.app.inject({ url: detailsUrl('tr', iso) });
      expect(stale.statusCode).toBe(200);
      const staleDoc = html(stale.body);
      expect(staleDoc.querySelector('form.bk-form')).toBeNull();
      expect(texts(staleDoc)).toContain('Seçtiğiniz saat artık boş değil');
      expect(staleDoc.querySelector('.bk-card a.bk-time')!.getAttribute('href')).toBe(detailsUrl('tr', at('2026-12-04', '10:00')));
    });

    it('offers the next free times when the chosen time came too close while the form was open (422)', async () => {
      const c = ctx();
      const iso = at('2026-12-02', '15:00');
      const form = await openForm(c.app, 'tr', iso);
      const saved = c.clock.now;
      c.clock.now = Date.parse('2026-12-02T13:30:00+03:00'); // the 2-hour notice for 15:00 has passed
      try {
        const res = await post(c, 'tr', iso, { ...form, ...visitor({ name: 'Yavaş Dolduran' }) });
        expect(res.statusCode).toBe(422);
        const doc = html(res.body);
        expect(texts(doc)).toContain('Bu saat artık çevrimiçi alınamıyor');
        expect(texts(doc)).toContain('en az 2 saat önceden');
        const choices = doc.querySelectorAll('input[type=radio][name=start]').map((i) => i.getAttribute('value')!);
        expect(choices[0]).toBe(at('2026-12-02', '15:45'));
        expect(doc.querySelector('#f-name')!.getAttribute('value')).toBe('Yavaş Dolduran');
        const retry = await post(c, 'tr', iso, { ...hiddenFields(doc), start: choices[0]!, ...visitor({ name: 'Yavaş Dolduran' }) });
        expect(retry.statusCode).toBe(303);
      } finally {
        c.clock.now = saved;
      }
    });

    it('refuses cross-site posts, a filled honeypot, a tampered form key and a form sent back too fast', async () => {
      const c = ctx();
      const iso = at('2026-12-04', '10:30');
      const before = await appointmentCount(c);
      const crossSite: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
      for (const headers of crossSite) {
        const form = await openForm(c.app, 'tr', iso);
        const res = await post(c, 'tr', iso, { ...form, ...visitor() }, headers);
        expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      }
      const honeypot = await post(c, 'tr', iso, { ...(await openForm(c.app, 'tr', iso)), ...visitor(), website: 'https://spam.example' });
      expect(honeypot.statusCode).toBe(422);
      expect(texts(html(honeypot.body))).toContain('Bu isteği kabul edemedik');
      const tampered = await openForm(c.app, 'tr', iso);
      const wrongKey = await post(c, 'tr', iso, { ...tampered, formKey: `${tampered.formKey!.slice(0, -2)}xx`, ...visitor() });
      expect(wrongKey.statusCode).toBe(422);
      const tooFast = await post(c, 'tr', iso, { ...(await openForm(c.app, 'tr', iso)), ...visitor() }, SAME_ORIGIN, 0);
      expect(tooFast.statusCode).toBe(422);
      const noKey = await post(c, 'tr', iso, { ...visitor(), start: iso, kvkkShown: 'true', noticeVersion: '1', consentVersion: '1' });
      expect(noKey.statusCode).toBe(422);
      expect(await appointmentCount(c)).toBe(before);
      // A request without Origin (older browsers, no-referrer) is same-site by default and goes through.
      const plain = await post(c, 'tr', iso, { ...(await openForm(c.app, 'tr', iso)), ...visitor() }, {});
      expect(plain.statusCode).toBe(303);
    });

    it('asks to read the texts again when the notice changed while the form was open, and records the new version', async () => {
      const c = ctx();
      const iso = at('2026-12-04', '11:00');
      const form = await openForm(c.app, 'tr', iso);
      await c.database.db
        .insertInto('legal_texts')
        .values({ kind: 'kvkk-notice', locale: 'tr', version: 2, body_md: '# Aydınlatma metni, sürüm 2\n\nGüncellenmiş metin.', published_at: c.clock.now })
        .execute();
      const res = await post(c, 'tr', iso, { ...form, ...visitor() });
      expect(res.statusCode).toBe(422);
      const doc = html(res.body);
      expect(texts(doc)).toContain('gizlilik metinlerimiz güncellendi');
      expect(doc.querySelector('#bk-notice summary')!.text).toContain('sürüm 2');
      expect(doc.querySelector('#f-consent')!.getAttribute('checked')).toBeUndefined();
      const resent = await post(c, 'tr', iso, { ...hiddenFields(doc), ...visitor() });
      expect(resent.statusCode).toBe(303);
      const token = String(resent.headers.location).slice(paths.tr.manage.length).replace(/\?.*$/, '');
      const id = await appointmentIdOf(c, token);
      const notice = await c.database.db.selectFrom('consents').select('version').where('appointment_id', '=', id).where('kind', '=', 'kvkk-notice').executeTakeFirstOrThrow();
      expect(Number(notice.version)).toBe(2);
    });
  },
  generous,
);

describeEachEngine(
  'booking pages: moving and cancelling',
  (ctx) => {
    it('cancels through the manage page after an "are you sure?" step', async () => {
      const c = ctx();
      const { token } = await book(c, 'en', at('2026-12-07', '09:00'));
      const manage = `${paths.en.manage}${token}`;
      const confirm = await c.app.inject({ url: `${manage}/cancel` });
      expect(confirm.statusCode).toBe(200);
      expect(confirm.headers['referrer-policy']).toBe('no-referrer');
      const doc = html(confirm.body);
      expect(doc.querySelector('h1')!.text).toBe('Cancel your appointment?');
      expect(doc.querySelector('form')!.getAttribute('action')).toBe(`${manage}/cancel`);
      expect(doc.querySelector('button[type=submit]')!.text.trim()).toBe('Yes, cancel the appointment');
      expect(doc.querySelector(`a[href="${manage}"]`)!.text.trim()).toBe('No, keep it');

      const crossSite = await c.app.inject({ method: 'POST', url: `${manage}/cancel`, payload: 'reason=x', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' } });
      expect(crossSite.statusCode).toBe(403);
      const fetchCrossSite = await c.app.inject({ method: 'POST', url: `${manage}/cancel`, payload: 'reason=x', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'cross-site' } });
      expect(fetchCrossSite.statusCode).toBe(403);
      const tooLong = await c.app.inject({ method: 'POST', url: `${manage}/cancel`, payload: encode({ reason: 'x'.repeat(600) }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(tooLong.statusCode).toBe(422);
      expect(html(tooLong.body).querySelector('#f-reason')!.getAttribute('aria-invalid')).toBe('true');
      expect((await c.app.services.booking.findByManageToken(token)).status).not.toBe('cancelled');

      // As a browser sends it from a page with Referrer-Policy: no-referrer: "Origin: null", Sec-Fetch-Site: same-origin.
      const res = await c.app.inject({ method: 'POST', url: `${manage}/cancel`, payload: encode({ reason: 'Schedule clash' }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'same-origin' } });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`${manage}?cancelled=1`);
      const page = html((await c.app.inject({ url: res.headers.location })).body);
      expect(texts(page)).toContain('Your appointment is cancelled.');
      expect(texts(page)).toContain('Status: Cancelled');
      expect(page.querySelector(`a[href="${manage}/move"]`)).toBeNull();
      expect(page.querySelector(`a[href="${manage}/cancel"]`)).toBeNull();
      expect(page.querySelector(`a[href="${paths.en.start}"].button`)).not.toBeNull();
      const ics = icsLines((await c.app.inject({ url: `${manage}/calendar.ics` })).body);
      expect(icsValue(ics, 'STATUS')).toBe('CANCELLED');
      // Cancelled is final online: the pages say so instead of offering the action again.
      expect((await c.app.inject({ url: `${manage}/cancel` })).statusCode).toBe(303);
      const twice = await c.app.inject({ method: 'POST', url: `${manage}/cancel`, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(twice.statusCode).toBe(409);
      // The freed time can be booked again.
      expect((await book(c, 'en', at('2026-12-07', '09:00'))).res.statusCode).toBe(303);
    });

    it('moves to another free time: list, confirm, post; a taken time offers alternatives', async () => {
      const c = ctx();
      const { token } = await book(c, 'tr', at('2026-12-07', '10:00'));
      const manage = `${paths.tr.manage}${token}`;
      const list = await c.app.inject({ url: `${manage}/tasi` });
      expect(list.statusCode).toBe(200);
      expect(list.headers['x-robots-tag']).toContain('noindex');
      const listDoc = html(list.body);
      expect(texts(listDoc)).toContain('Şu anki randevunuz: 7 Aralık 2026 Pazartesi, 10:00–10:30');
      const target = at('2026-12-08', '14:00');
      const link = listDoc.querySelectorAll('a.bk-time').find((a) => a.getAttribute('href') === `${manage}/tasi?start=${encodeURIComponent(target)}`);
      expect(link).toBeTruthy();
      const confirm = await c.app.inject({ url: link!.getAttribute('href')! });
      expect(confirm.statusCode).toBe(200);
      const confirmDoc = html(confirm.body);
      expect(texts(confirmDoc)).toContain('8 Aralık 2026 Salı');
      expect(texts(confirmDoc)).toContain('14:00–14:30');
      expect(confirmDoc.querySelector('input[name=start]')!.getAttribute('value')).toBe(target);
      expect((await c.app.services.booking.findByManageToken(token)).start).toBe(Date.parse('2026-12-07T07:00:00Z'));

      const res = await c.app.inject({ method: 'POST', url: `${manage}/tasi`, payload: encode({ start: target }), headers: { 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN } });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`${manage}?moved=1`);
      const page = texts(html((await c.app.inject({ url: res.headers.location })).body));
      expect(page).toContain('Randevunuz yeni saatine taşındı.');
      expect(page).toContain('8 Aralık 2026 Salı');
      expect(page).toContain('14:00–14:30');

      // Someone else takes 15:00; moving there now answers 409 with the next free times and changes nothing.
      const taken = at('2026-12-08', '15:00');
      expect((await book(c, 'tr', taken)).res.statusCode).toBe(303);
      const clash = await c.app.inject({ method: 'POST', url: `${manage}/tasi`, payload: encode({ start: taken }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(clash.statusCode).toBe(409);
      const clashDoc = html(clash.body);
      expect(texts(clashDoc)).toContain('Bu saat az önce alındı');
      expect(clashDoc.querySelector('.bk-card a.bk-time')!.getAttribute('href')).toBe(`${manage}/tasi?start=${encodeURIComponent(at('2026-12-08', '15:30'))}`);
      expect((await c.app.services.booking.findByManageToken(token)).start).toBe(Date.parse('2026-12-08T11:00:00Z'));
      // A made-up time is refused with a reason.
      const bad = await c.app.inject({ method: 'POST', url: `${manage}/tasi`, payload: encode({ start: at('2026-12-08', '14:07') }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(bad.statusCode).toBe(422);
    });

    it('stops offering changes after the cut-off', async () => {
      const c = ctx();
      const { token } = await book(c, 'en', at('2026-12-02', '16:00'));
      const manage = `${paths.en.manage}${token}`;
      expect(html((await c.app.inject({ url: manage })).body).querySelector(`a[href="${manage}/cancel"]`)).not.toBeNull();
      const saved = c.clock.now;
      c.clock.now = Date.parse('2026-12-02T14:30:00+03:00'); // 90 minutes before; the cut-off is 2 hours
      try {
        const doc = html((await c.app.inject({ url: manage })).body);
        expect(doc.querySelector(`a[href="${manage}/cancel"]`)).toBeNull();
        expect(doc.querySelector(`a[href="${manage}/move"]`)).toBeNull();
        expect(texts(doc)).toContain('It is too late to change this appointment online');
        expect((await c.app.inject({ url: `${manage}/cancel` })).statusCode).toBe(303);
        expect((await c.app.inject({ url: `${manage}/move` })).statusCode).toBe(303);
        const cancel = await c.app.inject({ method: 'POST', url: `${manage}/cancel`, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect(cancel.statusCode).toBe(409);
        expect(texts(html(cancel.body))).toContain('too late');
        const move = await c.app.inject({ method: 'POST', url: `${manage}/move`, payload: encode({ start: at('2026-12-03', '16:00') }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect(move.statusCode).toBe(409);
        expect((await c.app.services.booking.findByManageToken(token)).status).toBe('requested');
      } finally {
        c.clock.now = saved;
      }
    });

    it('answers unknown or garbage tokens with a localized 404', async () => {
      const { app } = ctx();
      const random = 'A'.repeat(43);
      for (const [url, text] of [
        ['/tr/randevu/abc', 'Sayfa bulunamadı'],
        [`/tr/randevu/${random}`, 'Sayfa bulunamadı'],
        [`/tr/randevu/${random}/takvim.ics`, 'Sayfa bulunamadı'],
        [`/tr/randevu/${random}/iptal`, 'Sayfa bulunamadı'],
        [`/en/appointment/${random}`, 'Page not found'],
        ['/en/appointment/%3Cscript%3E', 'Page not found'],
        [`/en/appointment/${random}/move`, 'Page not found'],
      ] as const) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(404);
        expect(res.body, url).toContain(text);
        expect(res.body).not.toContain('<script>');
      }
      const post = await app.inject({ method: 'POST', url: `/en/appointment/${random}/cancel`, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(post.statusCode).toBe(404);
    });
  },
  generous,
);

describeEachEngine(
  'booking pages: too many bookings',
  (ctx) => {
    it('answers with a 429 page that offers the phone', async () => {
      const c = ctx();
      expect((await book(c, 'tr', at('2026-12-03', '14:00'))).res.statusCode).toBe(303);
      const second = await book(c, 'tr', at('2026-12-03', '15:00'));
      expect(second.res.statusCode).toBe(429);
      const doc = html(second.res.body);
      expect(texts(doc)).toContain('Çok fazla randevu isteği');
      expect(doc.querySelector('a[href^="tel:"]')).not.toBeNull();
    });
  },
  { env: { BOOKING_MAX_PER_IP_PER_HOUR: '1' } },
);

describeEachEngine(
  'booking pages: the back-office appointment list',
  (ctx) => {
    it('lists upcoming appointments for the front desk; intake only for clinical roles, and every read is audited', async () => {
      const c = ctx();
      const { token } = await book(c, 'tr', at('2026-12-03', '09:00'), { name: 'Zeynep Kaya', phone: '0533 765 43 21' });
      const id = await appointmentIdOf(c, token);
      const cancelled = await book(c, 'tr', at('2026-12-03', '09:30'), { name: 'İptal Eden' });
      await c.app.services.booking.cancel(cancelled.token);
      const later = await book(c, 'tr', at('2026-12-21', '09:00'), { name: 'Geç Gelen' });
      expect(later.res.statusCode).toBe(303);

      const receptionist = await signedInStaff(c, 'receptionist');
      const list = await getAs(c.app, receptionist, '/admin/appointments');
      expect(list.statusCode).toBe(200);
      expect(list.headers['cache-control']).toBe('no-store');
      const doc = html(list.body);
      expect(doc.querySelector('nav a[href="/admin/appointments"]')!.getAttribute('aria-current')).toBe('page');
      const row = doc.querySelector(`tr#appointment-${id}`)!;
      expect(row.text).toContain('Zeynep Kaya');
      expect(row.text).toContain('+905337654321');
      expect(row.text).toContain('Free examination');
      expect(row.text).toContain('3 December 2026');
      expect(row.text).toContain('09:00–09:30');
      expect(row.getAttribute('data-status')).toBe('requested');
      // The patient's name opens the appointment (front desk actions); the intake column is for clinical roles only.
      expect(doc.querySelector(`tr#appointment-${id} a[href^="/admin/appointments/"]`)!.getAttribute('href')).toBe(`/admin/appointments/${id}`);
      expect(list.body).not.toContain('Intake answers');
      // Default: today and the next 14 days.
      expect(doc.querySelector('#f-from')!.getAttribute('value')).toBe('2026-12-02');
      expect(doc.querySelector('#f-to')!.getAttribute('value')).toBe('2026-12-16');
      expect(list.body).not.toContain('Geç Gelen');
      // The receptionist opens the appointment (front desk) without the intake answers, and no intake read is recorded.
      const deskView = await getAs(c.app, receptionist, `/admin/appointments/${id}`);
      expect(deskView.statusCode).toBe(200);
      expect(deskView.body).not.toContain('Muscle spasms or cramps');
      expect(deskView.body).not.toContain('id="intake-title"');
      for (const word of ['spasm', 'Muscle spasms', 'Not drinking']) expect(list.body).not.toContain(word);

      // Filters: dates, status, service; bad values are named and left out.
      const wide = html((await getAs(c.app, receptionist, '/admin/appointments?from=2026-12-01&to=2026-12-31')).body);
      expect(wide.text).toContain('Geç Gelen');
      const onlyCancelled = html((await getAs(c.app, receptionist, '/admin/appointments?status=cancelled')).body);
      expect(onlyCancelled.querySelectorAll('tbody tr').map((r) => r.getAttribute('data-status'))).toEqual(['cancelled']);
      const byService = html((await getAs(c.app, receptionist, '/admin/appointments?service=robotic-gait')).body);
      expect(byService.querySelectorAll('tbody tr')).toHaveLength(0);
      const bad = await getAs(c.app, receptionist, '/admin/appointments?from=2026-02-30&status=lost&service=x&page=abc');
      expect(bad.statusCode).toBe(400);
      const badDoc = html(bad.body);
      for (const id of ['f-from', 'f-status', 'f-service']) expect(badDoc.querySelector(`#${id}`)!.getAttribute('aria-invalid'), id).toBe('true');
      expect(badDoc.querySelector(`tr#appointment-${id}`)).not.toBeNull();

      // A therapist (clinical.view) reaches the intake; the read lands in the audit trail. The calendar's side panel
      // (the page asked for with x-rehab-panel) links to the answers instead: a glance neither shows nor audits them.
      const therapist = await signedInStaff(c, 'therapist');
      const panel = await c.app.inject({ url: `/admin/appointments/${id}`, headers: { cookie: therapist.cookie, 'x-rehab-panel': '1' } });
      expect(panel.statusCode).toBe(200);
      const panelDoc = html(panel.body);
      expect(panelDoc.querySelector('#appointment-detail #intake-title')).toBeTruthy();
      expect(panelDoc.querySelector(`#appointment-detail a[href="/admin/appointments/${id}#intake-title"]`)).toBeTruthy();
      expect(panel.body).not.toContain('Muscle spasms or cramps');
      expect(await c.database.db.selectFrom('audit_log').select('id').where('action', '=', 'intake.view').execute()).toHaveLength(0);
      const theirs = html((await getAs(c.app, therapist, '/admin/appointments')).body);
      const intakeHref = theirs.querySelector(`tr#appointment-${id} a[href^="/admin/appointments/${id}"]`)!.getAttribute('href')!;
      const detail = await getAs(c.app, therapist, intakeHref);
      expect(detail.statusCode).toBe(200);
      expect(detail.headers['cache-control']).toBe('no-store');
      const detailDoc = html(detail.body);
      expect(detailDoc.text).toContain('Zeynep Kaya');
      expect(detailDoc.text).toContain('Muscle spasms or cramps');
      expect(detailDoc.text).toContain('6 / 10');
      expect(detailDoc.text).toContain('Not drinking enough, Poor sleep');
      const reads = await c.database.db.selectFrom('audit_log').select(['actor_user_id', 'target_id']).where('action', '=', 'intake.view').execute();
      expect(reads.map((r) => [Number(r.actor_user_id), String(r.target_id)])).toContainEqual([therapist.id, String(id)]);
      expect(reads.some((r) => Number(r.actor_user_id) === receptionist.id)).toBe(false);
      const admin = await signedInStaff(c, 'admin');
      expect((await getAs(c.app, admin, `/admin/appointments/${cancelled.res.statusCode === 303 ? await appointmentIdOf(c, cancelled.token) : 0}`)).statusCode).toBe(200);
      expect((await getAs(c.app, admin, '/admin/appointments/999999')).statusCode).toBe(404);
      expect((await getAs(c.app, admin, '/admin/appointments/abc')).statusCode).toBe(404);
    });

    it('pages through long lists', async () => {
      const c = ctx();
      const { booking } = c.app.services;
      // 60 bookings on the free times of a week, straight through the service (an examination lasts 30 minutes).
      const { slots } = await booking.availability({ service: 'free-examination', from: '2026-12-09', to: '2026-12-15' });
      const starts: number[] = [];
      for (const slot of slots) if (starts.length < 60 && (starts.length === 0 || slot.start >= starts.at(-1)! + 30 * 60_000)) starts.push(slot.start);
      expect(starts).toHaveLength(60);
      for (const start of starts) {
        await booking.book(
          { service: 'free-examination', start: new Date(start).toISOString(), name: 'Sıra Bekleyen', phone: nextPhone(), locale: 'tr', consent: { kvkk: true, healthData: false } },
          { ip: '198.51.100.9' },
        );
      }
      const receptionist = await signedInStaff(c, 'receptionist');
      const first = html((await getAs(c.app, receptionist, '/admin/appointments?from=2026-12-09&to=2026-12-15')).body);
      expect(first.querySelectorAll('tbody tr')).toHaveLength(50);
      expect(first.text).toContain(`1–50 of ${starts.length}`);
      const next = first.querySelector('.pager a[rel=next]')!.getAttribute('href')!;
      expect(next).toBe('/admin/appointments?from=2026-12-09&to=2026-12-15&page=2');
      const second = html((await getAs(c.app, receptionist, next)).body);
      expect(second.querySelectorAll('tbody tr')).toHaveLength(starts.length - 50);
      expect(second.querySelector('.pager a[rel=prev]')).not.toBeNull();
      // A page beyond the end shows the last one.
      expect(html((await getAs(c.app, receptionist, '/admin/appointments?from=2026-12-09&to=2026-12-15&page=99')).body).querySelectorAll('tbody tr')).toHaveLength(starts.length - 50);
    });
  },
  generous,
);
