// Booking a free examination on a 375 px phone in a real browser, without help: from the home page's call to action to
// the private appointment page, its calendar file, and accessibility (axe-core) of every step, errors included.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_FILL_MS } from '../../src/features/booking/public-routes.ts';
import { axeViolations, browserTestsEnabled, launchBrowser, preloadAxe, startServer, watchProblems } from '../helpers/browser.ts';
import { createTestContext } from '../helpers/engines.ts';

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');
const phoneOptions = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'tr-TR', deviceScaleFactor: 2 };

describe.runIf(browserTestsEnabled)('booking on a phone', () => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let browser: Browser;
  let baseUrl: string;
  let phone: BrowserContext;
  /** CSP bypassed only so that axe-core can be injected. */
  let audit: Page;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    [baseUrl, browser] = await Promise.all([startServer(ctx), launchBrowser()]);
    phone = await browser.newContext(phoneOptions);
    phone.setDefaultTimeout(10_000);
    const auditContext = await browser.newContext({ ...phoneOptions, bypassCSP: true });
    await preloadAxe(auditContext);
    audit = await auditContext.newPage();
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.dispose();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `booking-${name}.png`), fullPage: true });
  /** The app's clock stands still in tests; a person takes a few seconds to fill the form. */
  const personTakesTime = () => {
    ctx.clock.now += MIN_FILL_MS + 3000;
  };
  /** A visitor scrolls a time to the middle of the screen before tapping it (the floating WhatsApp button sits at the bottom). */
  const tapCentered = async (locator: ReturnType<Page['locator']>) => {
    await locator.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await locator.tap();
  };
  /** Sends a form that answers on the same address (errors): waits for the new page, not just the URL. */
  const submitSamePage = async (page: Page, button: ReturnType<Page['locator']>, tap = true) => {
    await page.evaluate(() => Object.assign(window, { oldDocument: true }));
    await (tap ? button.tap() : button.click());
    await page.waitForFunction(() => !('oldDocument' in window) && document.readyState === 'complete');
  };
  const noSideScroll = async (page: Page) => expect(await page.evaluate(() => document.scrollingElement!.scrollWidth), page.url()).toBeLessThanOrEqual(375);

  it('books from the home page in a few taps and lands on the appointment page with a working calendar file', async () => {
    const page = await phone.newPage();
    const problems = await watchProblems(page);
    await page.goto(`${baseUrl}/tr/`);
    await Promise.all([page.waitForURL(`${baseUrl}/tr/ucretsiz-muayene`), page.locator('.hero .button.primary').tap()]);
    await noSideScroll(page);
    await shot(page, '1-times-tr');
    // The first free time sits in the open first day; on a phone it is big enough to tap.
    const firstTime = page.locator('.bk-slots .bk-day[open] a.bk-time').first();
    const box = (await firstTime.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(await page.locator('.bk-zone').first().innerText()).toContain('UTC+3');
    await Promise.all([page.waitForURL(/\/tr\/ucretsiz-muayene\/bilgiler\?start=/), tapCentered(firstTime)]);
    expect(await page.locator('h1').innerText()).toBe('Bilgileriniz');
    await noSideScroll(page);

    await page.locator('#f-name').fill('Ayşe Yılmaz');
    await page.locator('#f-phone').fill('0532 123 45 67');
    await page.locator('label[for="f-complaint-spasm-cramps"]').tap();
    await page.locator('label[for="f-pain-6"]').tap();
    await page.locator('label[for="f-trigger-sleep"]').tap();
    await page.locator('label[for="f-consent"]').tap();
    expect(await page.locator('#f-pain-6').isChecked()).toBe(true);
    expect(await page.locator('#f-consent').isChecked()).toBe(true);
    await page.locator('#bk-notice summary').tap();
    expect(await page.locator('#bk-notice .bk-legal-body').isVisible()).toBe(true);
    await shot(page, '2-details-tr');
    personTakesTime();
    await Promise.all([page.waitForURL(/\/tr\/randevu\/[\w-]{43}\?booked=1$/), page.locator('button.bk-submit').tap()]);

    expect(await page.locator('h1').innerText()).toBe('Randevunuz');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Teşekkürler, randevunuz alındı.');
    expect(main).toContain('Ücretsiz muayene');
    expect(main).toContain('Ataşehir');
    expect(main).not.toContain('spazm');
    await noSideScroll(page);
    await shot(page, '3-appointment-tr');

    const icsHref = (await page.locator('a[download]').getAttribute('href'))!;
    const ics = await page.request.get(baseUrl + icsHref);
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    const body = await ics.text();
    expect(body).toContain('BEGIN:VEVENT');
    expect(body).toMatch(/DTSTART:20261202T103000Z/); // 13:30 in Istanbul: the first time that stays bookable while the form is filled in
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[download]').tap()]);
    expect(download.suggestedFilename()).toBe('randevu.ics');
    expect(problems.list).toEqual([]);
    await page.close();
  });

  it('shows errors a visitor can find and fix on a phone', async () => {
    const page = await phone.newPage();
    await page.goto(`${baseUrl}/en/free-examination`);
    await Promise.all([page.waitForURL(/details\?start=/), tapCentered(page.locator('.bk-slots .bk-day[open] a.bk-time').nth(1))]);
    await page.locator('#f-phone').fill('0532 12');
    personTakesTime();
    await submitSamePage(page, page.locator('button.bk-submit'));
    const summary = page.locator('.bk-error-summary');
    expect(await summary.isVisible()).toBe(true);
    // The summary takes the focus, so a screen reader starts there.
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const links = await summary.locator('a').allInnerTexts();
    expect(links).toHaveLength(2);
    expect(links[0]).toContain('Full name');
    expect(links[0]).toContain((await page.locator('#f-name-error').innerText()).replace(/^!\s*/, ''));
    expect(links[1]).toContain('Mobile phone');
    expect(links[1]).toContain((await page.locator('#f-phone-error').innerText()).replace(/^!\s*/, ''));
    await summary.locator('a[href="#f-phone"]').tap();
    expect(await page.locator('#f-phone').inputValue()).toBe('0532 12');
    await noSideScroll(page);
    await shot(page, '4-details-errors-en');
    await page.close();
  });

  it('moves and cancels from the appointment page', async () => {
    const page = await phone.newPage();
    const { manageToken } = await ctx.app.services.booking.book(
      { service: 'free-examination', start: '2026-12-04T10:00:00+03:00', name: 'Mehmet Demir', phone: '0532 765 43 21', locale: 'tr', consent: { kvkk: true, healthData: false } },
      { ip: '192.0.2.99' },
    );
    await page.goto(`${baseUrl}/tr/randevu/${manageToken}`);
    await Promise.all([page.waitForURL(/\/tasi$/), page.getByRole('link', { name: 'Başka bir saate taşı' }).tap()]);
    await shot(page, '5-move-tr');
    await Promise.all([page.waitForURL(/\/tasi\?start=/), tapCentered(page.locator('.bk-slots .bk-day[open] a.bk-time').first())]);
    await Promise.all([page.waitForURL(/\?moved=1$/), page.getByRole('button', { name: 'Evet, taşı' }).tap()]);
    expect(await page.locator('main').innerText()).toContain('Randevunuz yeni saatine taşındı.');
    await Promise.all([page.waitForURL(/\/iptal$/), page.getByRole('link', { name: 'Randevuyu iptal et' }).tap()]);
    await shot(page, '6-cancel-tr');
    await Promise.all([page.waitForURL(/\?cancelled=1$/), page.getByRole('button', { name: 'Evet, randevuyu iptal et' }).tap()]);
    expect(await page.locator('main').innerText()).toContain('Bu randevu iptal edildi.');
    await page.close();
  });

  it('has no axe-core violations on the times, the form (also with errors) and the appointment page', async () => {
    const found: Record<string, string[]> = {};
    const check = async (label: string) => {
      const violations = await axeViolations(audit);
      if (violations.length) found[label] = violations;
    };
    for (const locale of ['tr', 'en'] as const) {
      await audit.goto(`${baseUrl}/${locale}/${locale === 'tr' ? 'ucretsiz-muayene' : 'free-examination'}`);
      await check(`${locale} times`);
      await Promise.all([audit.waitForURL(/\?start=/), audit.locator('.bk-slots .bk-day[open] a.bk-time').nth(2).click()]);
      // The legal texts open, so their contents are checked too.
      for (const summary of await audit.locator('details.bk-legal summary').all()) await summary.click();
      await check(`${locale} form`);
      await audit.locator('#f-email').fill('not-an-email');
      personTakesTime();
      await submitSamePage(audit, audit.locator('button.bk-submit'), false);
      expect(await audit.locator('.bk-error-summary').count()).toBe(1);
      await check(`${locale} form with errors`);
    }
    const { manageToken } = await ctx.app.services.booking.book(
      { service: 'free-examination', start: '2026-12-07T11:00:00+03:00', name: 'Erişilebilir Test', phone: '0532 111 22 33', locale: 'en', consent: { kvkk: true, healthData: false } },
      { ip: '192.0.2.98' },
    );
    for (const url of [`/en/appointment/${manageToken}?booked=1`, `/tr/randevu/${manageToken}`, `/en/appointment/${manageToken}/move`, `/en/appointment/${manageToken}/cancel`]) {
      await audit.goto(baseUrl + url);
      await check(url.replace(manageToken, ':token'));
    }
    await audit.goto(`${baseUrl}/en/appointment/${manageToken}`);
    await shot(audit, '7-appointment-en');
    expect(found).toEqual({});
  });
});
