import { afterEach, beforeAll, expect, it } from 'vitest';
import { demoSettings } from '../../src/db/seed/demo-clinic.ts';
import { settingsToForm } from '../../src/features/settings/routes.ts';
import { translator } from '../../src/i18n/index.ts';
import { describeEachEngine, FIXED_NOW } from '../helpers/engines.ts';
import { attr, html } from '../helpers/html.ts';
import { form, getAs, postAs, signedInStaff, type SignedInStaff } from '../helpers/staff.ts';

const t = translator('en'); // test accounts are created with English as their language
const demo = demoSettings('Europe/Istanbul');
const demoForm = (): Record<string, string> => settingsToForm(demo);

function waNumber(body: string): string {
  const href = attr(html(body), 'a.wa-float', 'href');
  if (!href) throw new Error('no WhatsApp link');
  return new URL(href).pathname.slice(1);
}

describeEachEngine('clinic settings', (ctx) => {
  let admin: SignedInStaff;

  beforeAll(async () => {
    admin = await signedInStaff(ctx(), 'admin');
  });

  afterEach(async () => {
    const { app, clock } = ctx();
    clock.now = FIXED_NOW;
    const { settings } = app.services;
    if (JSON.stringify(settings.current) !== JSON.stringify(demo)) {
      await settings.update(demo, { at: clock.now, actor: { id: admin.id, email: admin.email }, ip: null });
    }
  });

  const contentVersion = async () =>
    (await ctx().database.db.selectFrom('site_state').select('content_version').where('id', '=', 1).executeTakeFirstOrThrow()).content_version;

  const lastSettingsAudit = () =>
    ctx().database.db.selectFrom('audit_log').selectAll().where('action', '=', 'settings.update').orderBy('id', 'desc').executeTakeFirst();

  it('refuses receptionists and therapists (403) and sends signed-out people to sign in', async () => {
    const { app } = ctx();
    const before = await contentVersion();
    for (const role of ['receptionist', 'therapist'] as const) {
      const who = await signedInStaff(ctx(), role);
      expect((await getAs(app, who, '/admin/settings')).statusCode, role).toBe(403);
      const post = await postAs(app, who, '/admin/settings', { ...demoForm(), clinicName: 'Hijacked' });
      expect(post.statusCode, role).toBe(403);
    }
    const get = await app.inject({ url: '/admin/settings' });
    expect(get.statusCode).toBe(303);
    expect(get.headers.location).toBe('/admin/login?next=%2Fadmin%2Fsettings');
    const post = await app.inject({ method: 'POST', url: '/admin/settings', ...form({ ...demoForm(), clinicName: 'Hijacked' }) });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toMatch(/^\/admin\/login/);
    expect(app.services.settings.current.clinicName).toBe(demo.clinicName);
    expect(await contentVersion()).toBe(before);
  });

  it('shows the admin a form prefilled with the current settings', async () => {
    const { app } = ctx();
    const res = await getAs(app, admin, '/admin/settings');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const doc = html(res.body);
    expect(doc.querySelector('h1')?.text).toBe(t('settings.title'));
    const value = (name: string) => attr(doc, `[name="${name}"]`, 'value');
    expect(value('clinicName')).toBe(demo.clinicName);
    expect(value('address')).toBe(demo.address);
    expect(value('phone')).toBe(demo.phone);
    expect(value('email')).toBe(demo.email);
    expect(value('mapUrl')).toBe(demo.mapUrl);
    expect(value('whatsappNumber')).toBe('+905550001234');
    expect(value('openingHours.1')).toBe('09:00-18:00');
    expect(value('openingHours.6')).toBe('09:00-14:00');
    expect(value('openingHours.7')).toBe('');
    expect(value('whatsappHours.6')).toBe('10:00-14:00');
    expect(value('ctaLabel.tr')).toBe('Ücretsiz muayene');
    expect(value('ctaLabel.en')).toBe('Free examination');
    expect(doc.querySelector('textarea[name="whatsappMessage.tr"]')?.text).toBe(demo.whatsappMessage.tr);
    expect(doc.querySelector('textarea[name="whatsappMessage.en"]')?.text).toBe(demo.whatsappMessage.en);
    expect(attr(doc, 'select[name=timeZone] option[selected]', 'value')).toBe('Europe/Istanbul');
    expect(attr(doc, 'select[name=defaultLocale] option[selected]', 'value')).toBe('tr');
    expect(doc.querySelector('label[for="f-openingHours-1"]')?.text).toBe('Monday');
    expect(doc.querySelector('[name=reauth]')).toBeNull(); // proof is fresh right after sign-in
    expect(attr(doc, 'input[name=_csrf]', 'value')).toBe(admin.csrf);
  });

  it('shows a new WhatsApp number on the public site at once and audits the change', async () => {
    const { app } = ctx();
    const cached = await app.inject({ url: '/tr/' });
    expect(waNumber(cached.body)).toBe('905550001234');
    expect(app.services.pageCache.size).toBeGreaterThan(0);
    const before = await contentVersion();

    const res = await postAs(app, admin, '/admin/settings', { ...demoForm(), whatsappNumber: '0532 111 22 33' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/settings?saved=1');

    expect(waNumber((await app.inject({ url: '/tr/' })).body)).toBe('905321112233');
    expect(waNumber((await app.inject({ url: '/en/contact' })).body)).toBe('905321112233');
    expect(await contentVersion()).toBe(before + 1);

    const row = await lastSettingsAudit();
    expect(row?.actor_user_id).toBe(admin.id);
    expect(row?.actor_label).toBe(admin.email);
    const details = JSON.parse(row!.details) as { changed: string[]; values: Record<string, { from: unknown; to: unknown }> };
    expect(details.changed).toEqual(['whatsappNumber']);
    expect(details.values.whatsappNumber).toEqual({ from: '905550001234', to: '905321112233' });

    const saved = html((await getAs(app, admin, '/admin/settings?saved=1')).body);
    expect(saved.querySelector('.banner.success')?.text).toBe(t('settings.saved'));
    expect(attr(saved, '[name=whatsappNumber]', 'value')).toBe('+905321112233');
  });

  it('accepts the usual ways of writing a number', async () => {
    const { app } = ctx();
    for (const [input, stored] of [
      ['+90 (555) 000-12-34', '905550001234'],
      ['0090 532 111 22 33', '905321112233'],
      ['+44 20 7946 0958', '442079460958'],
      ['905550001235', '905550001235'],
    ]) {
      const res = await postAs(app, admin, '/admin/settings', { ...demoForm(), whatsappNumber: input! });
      expect(res.statusCode, input).toBe(303);
      expect(app.services.settings.current.whatsappNumber, input).toBe(stored);
    }
  });

  it('shows a new clinic name and opening hours in the public header and footer at once', async () => {
    const { app } = ctx();
    const before = html((await app.inject({ url: '/en/' })).body);
    expect(before.querySelector('.brand span')?.text).toBe(demo.clinicName);

    const res = await postAs(app, admin, '/admin/settings', {
      ...demoForm(),
      clinicName: 'Adım Klinik Ataşehir',
      'openingHours.1': '08:30-12:00, 13:00-19:00',
      'openingHours.6': '',
      'ctaLabel.en': 'Book a free check-up',
    });
    expect(res.statusCode).toBe(303);

    const doc = html((await app.inject({ url: '/en/' })).body);
    expect(doc.querySelector('.brand span')?.text).toBe('Adım Klinik Ataşehir');
    expect(doc.querySelector('title')?.text).toContain('Adım Klinik Ataşehir');
    expect(doc.querySelector('.cta')?.text).toBe('Book a free check-up');
    const hours = doc.querySelectorAll('footer .hours > div').map((d) => [d.querySelector('dt')?.text, d.querySelector('dd')?.text]);
    expect(hours).toContainEqual(['Monday', '08:30–12:00, 13:00–19:00']);
    expect(hours).toContainEqual(['Tuesday–Friday', '09:00–18:00']);
    expect(hours).toContainEqual(['Saturday–Sunday', 'Closed']);

    const details = JSON.parse((await lastSettingsAudit())!.details) as { changed: string[]; values: Record<string, unknown> };
    expect(details.changed.sort()).toEqual(['clinicName', 'ctaLabel', 'openingHours']);
    expect(details.values.clinicName).toEqual({ from: demo.clinicName, to: 'Adım Klinik Ataşehir' });
  });

  it('saves nothing when nothing changed', async () => {
    const { app } = ctx();
    const before = await contentVersion();
    const audits = await lastSettingsAudit();
    const res = await postAs(app, admin, '/admin/settings', demoForm());
    expect(res.statusCode).toBe(303);
    expect(await contentVersion()).toBe(before);
    expect((await lastSettingsAudit())?.id).toBe(audits?.id);
  });

  const invalid: Array<[field: string, value: string, message: string]> = [
    ['clinicName', '', t('form.required')],
    ['clinicName', '   ', t('form.required')],
    ['clinicName', 'x'.repeat(121), t('form.tooLong', { max: 120 })],
    ['clinicName', '<script>alert(1)</script>', t('settings.noMarkup')],
    ['address', 'x'.repeat(100_000), t('form.tooLong', { max: 300 })],
    ['phone', '📞📞📞📞📞', t('settings.phoneInvalid')],
    ['phone', "1' OR '1'='1", t('settings.phoneInvalid')],
    ['email', 'not-an-email', t('form.invalidEmail')],
    ['email', "x@y.example'; DROP TABLE settings; --", t('form.invalidEmail')],
    ['email', '', t('form.required')],
    ['mapUrl', 'javascript:alert(1)', t('form.invalidUrl')],
    ['mapUrl', 'ftp://maps.example/clinic', t('form.invalidUrl')],
    ['mapUrl', 'not a url', t('form.invalidUrl')],
    ['openingHours.1', '9-18', t('settings.hoursInvalid')],
    ['openingHours.2', '18:00-09:00', t('settings.hoursInvalid')],
    ['openingHours.3', '25:00-26:00', t('settings.hoursInvalid')],
    ['openingHours.4', '09:00-12:00, 11:00-13:00', t('settings.hoursInvalid')],
    ['openingHours.5', '🕘-🕕', t('settings.hoursInvalid')],
    ['openingHours.6', '1'.repeat(5000), t('form.tooLong', { max: 200 })],
    ['whatsappHours.7', "09:00-18:00'; DELETE FROM settings; --", t('settings.hoursInvalid')],
    ['whatsappNumber', '', t('form.required')],
    ['whatsappNumber', '12345', t('settings.whatsappNumberInvalid')],
    ['whatsappNumber', 'call me', t('settings.whatsappNumberInvalid')],
    ['whatsappNumber', '+90 555 000 12 34 5678 999', t('settings.whatsappNumberInvalid')],
    ['whatsappNumber', '☎️ 0555 000 12 34', t('settings.whatsappNumberInvalid')],
    ['whatsappMessage.tr', 'Merhaba, bir sorum var.', t('settings.whatsappMessageNeedsPage')],
    ['whatsappMessage.en', `{page} ${'x'.repeat(300)}`, t('form.tooLong', { max: 300 })],
    ['whatsappMessage.en', '', t('form.required')],
    ['timeZone', 'Mars/Olympus_Mons', t('form.invalidChoice')],
    ['timeZone', "Europe/Istanbul' OR 1=1 --", t('form.invalidChoice')],
    ['defaultLocale', 'de', t('form.invalidChoice')],
    ['ctaLabel.en', 'x'.repeat(41), t('form.tooLong', { max: 40 })],
    ['ctaLabel.tr', '', t('form.required')],
  ];

  it('refuses invalid values with 422 and the field’s message, keeping what was typed and changing nothing', async () => {
    const { app } = ctx();
    await app.inject({ url: '/tr/' }); // cached
    const before = await contentVersion();
    for (const [field, value, message] of invalid) {
      const label = `${field}=${value.slice(0, 40)}`;
      const res = await postAs(app, admin, '/admin/settings', { ...demoForm(), whatsappNumber: '+90 532 999 88 77', [field]: value });
      expect(res.statusCode, label).toBe(422);
      const doc = html(res.body);
      const id = `f-${field.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
      expect(doc.querySelector(`#${id}-error`)?.text, label).toBe(message);
      expect(doc.querySelector(`#${id}`)?.getAttribute('aria-invalid'), label).toBe('true');
      expect(doc.querySelector('.banner.error')?.text, label).toBe(t('form.errorSummary'));
      // Everything typed comes back, including the other (valid) change.
      expect(attr(doc, '[name=whatsappNumber]', 'value'), label).toBe(field === 'whatsappNumber' ? value : '+90 532 999 88 77');
      if (!field.startsWith('whatsappMessage') && field !== 'timeZone' && field !== 'defaultLocale' && value.length < 1000) {
        expect(attr(doc, `[name="${field}"]`, 'value') ?? '', label).toBe(value);
      }
      expect(res.body).not.toContain('<script>alert');
    }
    expect(await contentVersion()).toBe(before);
    expect(app.services.settings.current).toEqual(demo);
    const pub = html((await app.inject({ url: '/tr/' })).body);
    expect(waNumber(pub.toString())).toBe('905550001234');
    expect(pub.querySelector('.brand span')?.text).toBe(demo.clinicName);
  });

  it('answers odd bodies with 422, never 500', async () => {
    const { app } = ctx();
    const before = await contentVersion();
    // Only a few fields: the rest count as empty.
    const partial = await postAs(app, admin, '/admin/settings', { clinicName: 'Only a name' });
    expect(partial.statusCode).toBe(422);
    // A JSON body with wrong types.
    const json = await app.inject({
      method: 'POST',
      url: '/admin/settings',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ _csrf: admin.csrf, ...demoForm(), clinicName: { $ne: 1 }, openingHours: [1, 2], whatsappNumber: 905550001234, timeZone: null }),
    });
    expect(json.statusCode).toBe(422);
    expect(html(json.body).querySelector('#f-clinicName-error')?.text).toBe(t('form.required'));
    // Repeated fields: the first one counts.
    const repeated = new URLSearchParams({ _csrf: admin.csrf, ...demoForm() });
    repeated.append('email', 'second@example.com');
    repeated.set('ctaLabel.en', 'x'.repeat(50));
    const rep = await app.inject({
      method: 'POST',
      url: '/admin/settings',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: repeated.toString(),
    });
    expect(rep.statusCode).toBe(422);
    expect(await contentVersion()).toBe(before);
    expect(app.services.settings.current).toEqual(demo);
  });

  it('asks for fresh proof before a WhatsApp change when the last one is old, but not for other fields', async () => {
    const { app, clock } = ctx();
    const me = await signedInStaff(ctx(), 'admin');
    clock.now = FIXED_NOW + 6 * 60_000;
    const page = await getAs(app, me, '/admin/settings'); // keeps the session alive (idle limit 15 min)
    expect(page.statusCode).toBe(200);
    expect(html(page.body).querySelector('input[name=reauth][type=password]')).toBeTruthy();
    const before = await contentVersion();

    // Number change without proof: refused, everything typed kept.
    const refused = await postAs(app, me, '/admin/settings', { ...demoForm(), whatsappNumber: '+90 532 444 55 66', clinicName: 'Adım Yeni' });
    expect(refused.statusCode).toBe(422);
    let doc = html(refused.body);
    expect(doc.querySelector('#f-reauth-error')?.text).toBe(t('settings.reauthNeeded'));
    expect(attr(doc, '[name=whatsappNumber]', 'value')).toBe('+90 532 444 55 66');
    expect(attr(doc, '[name=clinicName]', 'value')).toBe('Adım Yeni');
    expect(await contentVersion()).toBe(before);

    // Message change with a wrong password: refused too.
    const wrong = await postAs(app, me, '/admin/settings', { ...demoForm(), 'whatsappMessage.en': 'Hi! About {page}:', reauth: 'not my password' });
    expect(wrong.statusCode).toBe(422);
    doc = html(wrong.body);
    expect(doc.querySelector('#f-reauth-error')?.text).toBe(t('reauth.failed'));
    expect(doc.querySelector('textarea[name="whatsappMessage.en"]')?.text).toBe('Hi! About {page}:');
    expect(app.services.settings.current).toEqual(demo);
    expect(waNumber((await app.inject({ url: '/tr/' })).body)).toBe('905550001234');

    // Only the clinic name: no proof needed.
    const nameOnly = await postAs(app, me, '/admin/settings', { ...demoForm(), clinicName: 'Adım Yeni' });
    expect(nameOnly.statusCode).toBe(303);
    expect(app.services.settings.current.clinicName).toBe('Adım Yeni');

    // With the password the number change goes through.
    const ok = await postAs(app, me, '/admin/settings', { ...demoForm(), clinicName: 'Adım Yeni', whatsappNumber: '+90 532 444 55 66', reauth: me.password });
    expect(ok.statusCode).toBe(303);
    expect(waNumber((await app.inject({ url: '/tr/' })).body)).toBe('905324445566');
    const row = await lastSettingsAudit();
    expect(row?.actor_user_id).toBe(me.id);
    expect((JSON.parse(row!.details) as { changed: string[] }).changed).toEqual(['whatsappNumber']);
    // The proof is fresh now: the form no longer asks for it.
    expect(html((await getAs(app, me, '/admin/settings')).body).querySelector('[name=reauth]')).toBeNull();
  });
});
