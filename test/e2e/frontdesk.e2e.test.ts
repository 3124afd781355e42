// The front desk in a real browser: a receptionist books a caller into a free slot by phone and cancels it again;
// the day list, day sheet, waitlist and a waitlist offer page pass axe. Works without JavaScript (plain forms).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserTestsEnabled, launchBrowser, preloadAxe, startServer, watchProblems } from '../helpers/browser.ts';
import { createTestContext } from '../helpers/engines.ts';
import { signedInStaff, STRONG_PASSWORD, type SignedInStaff } from '../helpers/staff.ts';

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');

describe.runIf(browserTestsEnabled)('front desk in the browser', () => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;
  let desk: SignedInStaff;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    desk = await signedInStaff(ctx, 'receptionist', { name: 'Elif Resepsiyon' });
    [baseUrl, browser] = await Promise.all([startServer(ctx), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'en-GB' });
    await preloadAxe(context);
    page = await context.newPage();
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.dispose();
  });

  it('books a caller into a free slot and cancels it', async () => {
    const problems = await watchProblems(page);
    await page.goto(`${baseUrl}/admin/login`);
    await page.getByLabel('E-mail').fill(desk.email);
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');

    await page.getByRole('link', { name: 'Front desk' }).first().click();
    await page.waitForURL('**/admin/today');
    await page.getByRole('link', { name: 'Book a caller' }).click();
    await page.waitForURL('**/admin/appointments/new');

    // Nobody found: the caller is a new patient.
    await page.getByLabel('Find a patient by name or phone').fill('Işıl');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByText('No patient found.').isVisible()).toBe(true);

    await page.getByLabel('Service', { exact: true }).selectOption('free-examination');
    await page.getByLabel('Day', { exact: true }).fill('2026-12-03');
    await page.getByRole('button', { name: 'Show free times' }).click();
    await page.waitForLoadState('load');
    expect(await axeViolations(page)).toEqual([]);
    const first = page.locator('input[name="start"]').first();
    const chosen = await first.getAttribute('value');
    expect(chosen).toBe('2026-12-03T09:00:00+03:00');
    await first.check();
    await page.getByLabel('Full name').fill('Işıl Çağlar');
    await page.getByLabel('Mobile phone').fill('0532 444 55 66');
    await page.getByLabel('Notes for the team').fill('Comes with a walker');
    // The notice box is required: the browser holds the form back until it is ticked (the server says 422 too).
    const noticeBox = page.getByLabel('I told the caller about the privacy notice (KVKK) and where to read it');
    expect(await noticeBox.isChecked()).toBe(false);
    expect(await page.locator('form.fd-book').evaluate((form) => (form as HTMLFormElement).checkValidity())).toBe(false);
    expect(await page.getByRole('link', { name: /\/en\/free-examination\/privacy-notice$/ }).isVisible()).toBe(true);
    await noticeBox.check();
    await page.getByLabel('The caller wants appointment messages on WhatsApp').check();
    await page.screenshot({ path: path.join(screenshotDir, 'frontdesk-new.png'), fullPage: true });
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.waitForURL(/\/admin\/appointments\/\d+\?done=created/);
    expect(await page.locator('.banner.success').innerText()).toContain('Appointment booked.');
    expect(await page.locator('#fd-status').innerText()).toBe('Requested');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'frontdesk-appointment.png'), fullPage: true });
    const id = Number(/\/admin\/appointments\/(\d+)/.exec(page.url())![1]);
    const ledger = await ctx.database.db.selectFrom('consents').select(['kind', 'locale', 'given']).where('appointment_id', '=', id).orderBy('kind').execute();
    expect(ledger).toEqual([
      { kind: 'kvkk-notice', locale: 'tr', given: 1 },
      { kind: 'whatsapp_opt_in', locale: 'tr', given: 1 },
    ]);

    // The time is no longer offered to anyone else.
    const free = await (await fetch(`${baseUrl}/api/v1/availability?service=free-examination&from=2026-12-03&to=2026-12-03`)).json() as { slots: Array<{ start: string }> };
    expect(free.slots.map((s) => s.start)).not.toContain(chosen);

    await page.getByLabel('Reason').fill('Patient called, has a cold');
    await page.getByLabel('The patient').check();
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.waitForURL(`**/admin/appointments/${id}?done=cancel`);
    expect(await page.locator('#fd-status').innerText()).toBe('Cancelled');
    expect(await page.locator('.fd-history').innerText()).toContain('Requested → Cancelled');
    await page.screenshot({ path: path.join(screenshotDir, 'frontdesk-cancelled.png'), fullPage: true });
    const again = await (await fetch(`${baseUrl}/api/v1/availability?service=free-examination&from=2026-12-03&to=2026-12-03`)).json() as { slots: Array<{ start: string }> };
    expect(again.slots.map((s) => s.start)).toContain(chosen);
    expect(problems.list).toEqual([]);
  });

  it('works in Turkish on a phone-sized screen', async () => {
    const { staff } = ctx.app.services;
    const email = 'resepsiyon-tr@test.example';
    await staff.createStaff('cli', { email, name: 'Ayşe Ön Büro', role: 'receptionist', locale: 'tr', password: STRONG_PASSWORD });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true, locale: 'tr-TR' });
    await preloadAxe(context);
    const phonePage = await context.newPage();
    const problems = await watchProblems(phonePage);
    await phonePage.goto(`${baseUrl}/admin/login`);
    await phonePage.getByLabel('E-posta').fill(email);
    await phonePage.getByLabel('Parola', { exact: true }).fill(STRONG_PASSWORD);
    await phonePage.getByRole('button', { name: 'Giriş yap' }).click();
    await phonePage.waitForLoadState('load');
    await phonePage.goto(`${baseUrl}/admin/appointments/new?service=robotic-gait&date=2026-12-04&q=zzz`);
    expect(await phonePage.getByText('Hasta bulunamadı.').isVisible()).toBe(true);
    await phonePage.getByText('Başka bir saat ya da elle seçilen kaynaklar').click();
    expect(await phonePage.getByLabel('Terapist / hekim').isVisible()).toBe(true);
    expect(await phonePage.getByLabel('Arayan kişiyi aydınlatma metni (KVKK) hakkında bilgilendirdim ve metni nerede okuyabileceğini söyledim').isChecked()).toBe(false);
    expect(await axeViolations(phonePage)).toEqual([]);
    await phonePage.screenshot({ path: path.join(screenshotDir, 'frontdesk-new-tr-phone.png'), fullPage: true });
    await phonePage.goto(`${baseUrl}/admin/today?date=2026-12-03`);
    expect(await axeViolations(phonePage)).toEqual([]);
    await phonePage.screenshot({ path: path.join(screenshotDir, 'frontdesk-today-tr-phone.png'), fullPage: true });
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('shows the day list, a day sheet, the waitlist and an offer page without accessibility problems', async () => {
    page = await page.context().newPage();
    const problems = await watchProblems(page);
    // Today: one arrival to check in.
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: { cookie: desk.cookie, 'x-csrf-token': desk.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ service: 'free-examination', start: '2026-12-02T14:00:00+03:00', patient: { name: 'Oğuz Yıldırım', phone: '0532 777 88 99' }, notes: 'First visit', consent: { kvkkNoticeGiven: true } }),
    });
    expect(res.statusCode, res.body).toBe(201);

    await page.goto(`${baseUrl}/admin/today`);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'frontdesk-today.png'), fullPage: true });
    await page.getByRole('button', { name: /Check in Oğuz Yıldırım/ }).click();
    await page.waitForURL(/\/admin\/today\?date=2026-12-02&done=check-in/);
    expect(await page.locator('.banner.success').innerText()).toContain('Patient checked in.');

    await page.getByRole('link', { name: 'Dr. Selin Aydoğan' }).click();
    await page.waitForURL(/\/admin\/today\/sheet/);
    expect(await page.getByText('Oğuz Yıldırım').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(screenshotDir, 'frontdesk-sheet-print.png'), fullPage: true });
    expect(await page.locator('.admin-nav').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${baseUrl}/admin/waitlist`);
    await page.getByLabel('Full name').fill('Ayşe Bekler');
    await page.getByLabel('Mobile phone').fill('0532 123 00 11');
    await page.getByLabel('Thursday').check();
    await page.getByLabel('Preferred times').fill('09:00-12:00');
    // KVKK: without the notice box the form comes back with the message at the box (the browser's own check is
    // bypassed to see the server's answer), then the desk ticks it.
    await page.locator('form.fd-wl-form').evaluate((form) => form.setAttribute('novalidate', ''));
    await page.getByRole('button', { name: 'Add to the waitlist' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#f-kvkkNotice-error').innerText()).toContain('Tell the caller about the privacy notice (KVKK)');
    expect(await page.getByLabel('Full name').inputValue()).toBe('Ayşe Bekler');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('I told the caller about the privacy notice (KVKK) and where to read it').check();
    // No e-mail address: offers can reach her in writing only on WhatsApp, and only because she asks for it.
    const whatsappBox = page.getByLabel('The caller wants offers and appointment messages on WhatsApp');
    expect(await whatsappBox.isChecked()).toBe(false);
    await whatsappBox.check();
    await page.getByRole('button', { name: 'Add to the waitlist' }).click();
    await page.waitForURL('**/admin/waitlist?done=added');
    const optIn = await ctx.database.db
      .selectFrom('consents')
      .innerJoin('patients', 'patients.id', 'consents.patient_id')
      .select(['consents.given', 'consents.appointment_id'])
      .where('patients.full_name', '=', 'Ayşe Bekler')
      .where('consents.kind', '=', 'whatsapp_opt_in')
      .execute();
    expect(optIn.map((r) => [Number(r.given), r.appointment_id])).toEqual([[1, null]]);
    expect(await axeViolations(page)).toEqual([]);

    // A Thursday-morning cancellation makes an offer; its public page is accessible too.
    const booked = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: { cookie: desk.cookie, 'x-csrf-token': desk.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ service: 'free-examination', start: '2026-12-03T10:00:00+03:00', patient: { name: 'Kaan Er', phone: '0532 765 43 21' }, consent: { kvkkNoticeGiven: true } }),
    });
    const appointmentId = (booked.json() as { id: number }).id;
    await ctx.app.inject({ method: 'POST', url: `/api/v1/appointments/${appointmentId}/cancel`, headers: { cookie: desk.cookie, 'x-csrf-token': desk.csrf } });
    const offer = await ctx.database.db.selectFrom('outbox').select(['body_text', 'channel', 'recipient']).where('kind', '=', 'waitlist.offer').executeTakeFirstOrThrow();
    expect([offer.channel, offer.recipient]).toEqual(['whatsapp', '+905321230011']);
    const link = /(https?:\/\/\S+\/(?:tr\/bekleme-listesi|en\/waitlist)\/[A-Za-z0-9_-]{43})/.exec(offer.body_text)![1]!;
    await page.goto(`${baseUrl}${new URL(link).pathname}`);
    // The notice is shown before booking; the version shown goes with the form and into the consent ledger.
    expect(await page.locator('#fd-offer-notice a').getAttribute('href')).toMatch(/\/(tr\/ucretsiz-muayene\/aydinlatma-metni|en\/free-examination\/privacy-notice)$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'frontdesk-offer.png'), fullPage: true });
    await page.getByRole('button', { name: /Book this time|Bu saati al/ }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('[role="status"]').first().innerText()).toMatch(/Booked|Randevunuz alındı/);
    const ledger = await ctx.database.db
      .selectFrom('consents')
      .innerJoin('appointments', 'appointments.id', 'consents.appointment_id')
      .select(['consents.kind', 'consents.given'])
      .where('appointments.source', '=', 'waitlist')
      .execute();
    expect(ledger).toEqual([{ kind: 'kvkk-notice', given: 1 }]);
    await page.goto(`${baseUrl}/admin/waitlist`);
    await page.screenshot({ path: path.join(screenshotDir, 'frontdesk-waitlist.png'), fullPage: true });
    expect(problems.list).toEqual([]);
  });
});
