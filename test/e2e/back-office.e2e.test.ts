// The back office in a real browser: first sign-in, a settings change seen on the public site, sign-out, accessibility.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserTestsEnabled, launchBrowser, preloadAxe, startServer, watchProblems } from '../helpers/browser.ts';
import { createTestContext } from '../helpers/engines.ts';
import { STRONG_PASSWORD } from '../helpers/staff.ts';

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');

describe.runIf(browserTestsEnabled)('back office in the browser', () => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    [baseUrl, browser] = await Promise.all([startServer(ctx), launchBrowser()]);
    // CSP stays enforced for the flow; axe is preloaded through an init script, which the CSP does not block.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'tr-TR' });
    await preloadAxe(context);
    page = await context.newPage();
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.dispose();
  });

  it('signs in as the first admin, changes the WhatsApp number, sees it on the public site, signs out', async () => {
    const problems = await watchProblems(page);
    const email = /e-mail:\s+(\S+)/.exec(ctx.announced[0]!)![1]!;
    const oneTime = /password:\s+(\S+)/.exec(ctx.announced[0]!)![1]!;

    await page.goto(`${baseUrl}/admin`);
    expect(page.url()).toContain('/admin/login');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'admin-login.png'), fullPage: true });
    await page.getByLabel('E-posta').fill(email);
    await page.getByLabel('Parola', { exact: true }).fill(oneTime);
    await page.getByRole('button', { name: 'Giriş yap' }).click();

    // First sign-in: choose a password.
    await page.waitForURL('**/admin/password');
    await page.getByLabel('Mevcut parola').fill(oneTime);
    await page.getByLabel('Yeni parola', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByLabel('Yeni parola (tekrar)').fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Kaydet' }).click();

    // Then the second factor is offered; postpone it.
    await page.waitForURL('**/admin/account/security');
    expect(await page.locator('.qr svg').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Daha sonra hatırlat' }).click();
    await page.waitForURL('**/admin');
    expect(await page.locator('.banner.warning').innerText()).toContain('gün kaldı');

    // Switch the back office to English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForLoadState('load');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.screenshot({ path: path.join(screenshotDir, 'admin-dashboard.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // Change the WhatsApp number in the clinic settings.
    await page.getByRole('link', { name: 'Clinic settings' }).first().click();
    await page.waitForURL('**/admin/settings');
    expect(await axeViolations(page)).toEqual([]);
    const number = page.locator('input[name="whatsappNumber"]');
    await number.fill('+90 532 111 22 33');
    await page.locator('form[action="/admin/settings"] button[type="submit"]').last().click();
    await page.waitForURL('**/admin/settings?saved=1');
    await page.screenshot({ path: path.join(screenshotDir, 'admin-settings.png'), fullPage: true });

    // The public site shows it at once.
    await page.goto(`${baseUrl}/tr/`);
    const href = await page.locator('a.wa-float').getAttribute('href');
    expect(href).toMatch(/^https:\/\/wa\.me\/905321112233\?text=/);

    // Other back-office pages are accessible too.
    for (const url of ['/admin/staff', '/admin/audit', '/admin/account']) {
      await page.goto(baseUrl + url);
      expect(page.url(), url).toContain(url);
      expect(await axeViolations(page), url).toEqual([]);
    }
    await page.screenshot({ path: path.join(screenshotDir, 'admin-account.png'), fullPage: true });

    // Sign out: the back office is closed again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/admin/login**');
    await page.goto(`${baseUrl}/admin/settings`);
    expect(page.url()).toContain('/admin/login');
    expect(problems.list).toEqual([]);
  }, 120_000);
});
