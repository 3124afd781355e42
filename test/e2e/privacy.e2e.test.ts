// Privacy requests in a real browser: an administrator finds a patient, downloads their copy, erases them; axe-clean.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserTestsEnabled, launchBrowser, preloadAxe, startServer, watchProblems } from '../helpers/browser.ts';
import { createTestContext } from '../helpers/engines.ts';
import { signedInStaff } from '../helpers/staff.ts';

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');

describe.runIf(browserTestsEnabled)('privacy requests in the browser', () => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    [baseUrl, browser] = await Promise.all([startServer(ctx), launchBrowser()]);
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.dispose();
  });

  it('finds a patient, downloads the copy, erases the record after the appointment', async () => {
    const booked = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ service: 'free-examination', start: '2026-12-03T10:00:00+03:00', name: 'Gülşen Öztürk', phone: '0532 765 43 21', email: 'gulsen@example.com', locale: 'tr', consent: { kvkk: true, healthData: true }, intake: { complaint: 'spasm-cramps', painScore: 3 } }),
    });
    expect(booked.statusCode, booked.body).toBe(201);
    ctx.clock.now += 2 * 86_400_000; // after the appointment
    const admin = await signedInStaff(ctx, 'admin');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'en-GB', acceptDownloads: true });
    await preloadAxe(context);
    const [name, value] = admin.cookie.split(';')[0]!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: baseUrl }]);
    page = await context.newPage();
    const problems = await watchProblems(page);

    await page.goto(`${baseUrl}/admin/privacy`);
    await page.getByLabel(/Name or phone number|Ad veya telefon/).fill('GULSEN');
    await page.getByRole('button', { name: /Find|Bul/ }).click();
    await page.getByRole('link', { name: 'Gülşen Öztürk' }).click();
    await page.waitForURL('**/admin/privacy/patients/*');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'admin-privacy-file.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('form[action$="/export"] button').click()]);
    const copy = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { person: { name: string } };
    expect(copy.person.name).toBe('Gülşen Öztürk');

    await page.locator('#f-erase-confirm').check();
    await page.locator('form[action$="/erase"] button[type=submit]').click();
    await page.waitForURL('**/admin/privacy/patients/*?notice=erased');
    expect(await page.locator('.banner.success').innerText()).toMatch(/erased|silindi/);
    expect(await page.content()).not.toContain('Gülşen');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'admin-privacy-erased.png'), fullPage: true });
    // A download ends its navigation with ERR_ABORTED; that is how browsers report a file saved instead of shown.
    expect(problems.list.filter((p) => !/\/export net::ERR_ABORTED/.test(p))).toEqual([]);
  });
});
