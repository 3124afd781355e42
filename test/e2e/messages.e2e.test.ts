// Notifications in a real browser, offline demo set-up (no SMTP, no WhatsApp API): a visitor books with the WhatsApp
// opt-in ticked; the confirmation e-mail lands as an .eml file; the receptionist sees the outgoing messages, opens the
// WhatsApp one (wa.me link) and marks it sent. Accessibility checked with axe-core; screenshots for review.
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_FILL_MS } from '../../src/features/booking/public-routes.ts';
import { axeViolations, browserTestsEnabled, launchBrowser, preloadAxe, startServer, watchProblems } from '../helpers/browser.ts';
import { createTestContext } from '../helpers/engines.ts';
import { STRONG_PASSWORD } from '../helpers/staff.ts';

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');

describe.runIf(browserTestsEnabled)('outgoing messages in the browser', () => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    [baseUrl, browser] = await Promise.all([startServer(ctx), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'tr-TR' });
    await preloadAxe(context);
    page = await context.newPage();
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.dispose();
  });

  it('books with the WhatsApp opt-in, then the receptionist hands the WhatsApp message over and marks it sent', async () => {
    const problems = await watchProblems(page);
    await page.goto(`${baseUrl}/tr/ucretsiz-muayene/bilgiler?start=${encodeURIComponent('2026-12-07T10:00:00+03:00')}`);
    expect(await page.locator('#f-whatsapp').isChecked()).toBe(false); // never ticked for the visitor
    await page.locator('#f-name').fill('Elif Şahin');
    await page.locator('#f-phone').fill('0532 765 43 21');
    await page.locator('#f-email').fill('elif@example.org');
    await page.locator('label[for="f-whatsapp"]').click();
    expect(await page.locator('#f-whatsapp').isChecked()).toBe(true);
    await page.locator('#f-whatsapp').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'notifications-optin-tr.png') });
    expect(await axeViolations(page)).toEqual([]);
    ctx.clock.now += MIN_FILL_MS + 3000;
    await Promise.all([page.waitForURL(/\/tr\/randevu\/[\w-]{43}\?booked=1$/), page.locator('button.bk-submit').click()]);
    const consent = await ctx.database.db.selectFrom('consents').select(['kind', 'given']).where('kind', '=', 'whatsapp_opt_in').execute();
    expect(consent).toEqual([{ kind: 'whatsapp_opt_in', given: 1 }]);

    expect(await ctx.app.services.notifications.worker.drain()).toMatchObject({ sent: 1, manual: 1 });
    expect(readdirSync(path.join(ctx.config.dataDir, 'mail'))).toHaveLength(1);

    await ctx.app.services.staff.createStaff('cli', { email: 'resepsiyon@test.example', name: 'Deniz Resepsiyon', role: 'receptionist', locale: 'tr', password: STRONG_PASSWORD });
    await page.goto(`${baseUrl}/admin/login`);
    await page.locator('input[name=email]').fill('resepsiyon@test.example');
    await page.locator('input[name=password]').fill(STRONG_PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname.startsWith('/admin') && !url.pathname.startsWith('/admin/login')), page.locator('form button[type=submit]').first().click()]);
    await page.goto(`${baseUrl}/admin/messages`);
    expect(await page.locator('h1').innerText()).toBe('Giden mesajlar');
    expect(await page.locator('tbody tr').count()).toBe(4);
    expect(await page.locator('main').innerText()).not.toContain('elif@example.org');
    await page.screenshot({ path: path.join(screenshotDir, 'notifications-list-tr.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    const manualRow = page.locator('tr[data-status="manual"]');
    expect(await manualRow.locator('a[href^="https://wa.me/905327654321?text="]').count()).toBe(1);
    await Promise.all([page.waitForURL(/\/admin\/messages\/\d+$/), manualRow.getByRole('link', { name: /Görüntüle/ }).click()]);
    await page.screenshot({ path: path.join(screenshotDir, 'notifications-whatsapp-tr.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await Promise.all([page.waitForURL(/\?marked=1$/), page.getByRole('button', { name: 'Gönderildi olarak işaretle' }).click()]);
    expect(await page.locator('main').innerText()).toContain('Mesaj gönderildi olarak işaretlendi.');

    await page.goto(`${baseUrl}/admin/messages?channel=email&kind=appointment.created`);
    await Promise.all([page.waitForURL(/\/admin\/messages\/\d+$/), page.locator('tbody tr').first().getByRole('link', { name: /Görüntüle/ }).click()]);
    expect(await page.locator('pre.message-body').first().innerText()).toContain('Sayın Elif Şahin,');
    await page.screenshot({ path: path.join(screenshotDir, 'notifications-email-tr.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
  });
});
