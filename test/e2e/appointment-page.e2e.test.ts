// The one appointment page in a real browser: facts, lifecycle actions, the Move form (a taken time answered with the
// free times of that day, one of them chosen), notes, history, intake; axe-clean on a desktop and on a phone in
// Turkish, headings in order; screenshots for review.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserTestsEnabled, launchBrowser, preloadAxe, startServer, watchProblems } from '../helpers/browser.ts';
import { createTestContext } from '../helpers/engines.ts';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.ts';

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');

describe.runIf(browserTestsEnabled)('the appointment page in the browser', () => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let browser: Browser;
  let baseUrl: string;
  let admin: SignedInStaff;
  const ids: number[] = [];

  const contextFor = async (who: SignedInStaff, options: { width: number; height: number; locale: string }): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: options.width, height: options.height }, bypassCSP: true, locale: options.locale });
    const [name, value] = who.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: baseUrl }]);
    await preloadAxe(context);
    return context;
  };

  const headingLevels = (page: Page) => page.locator('main h1, main h2, main h3, main h4').evaluateAll((els) => els.map((e) => Number(e.tagName.slice(1))));

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    admin = await signedInStaff(ctx, 'admin', { name: 'Selin Yönetici' });
    for (const [start, name, phone] of [
      ['2026-12-07T10:00:00+03:00', 'Ayşe Yılmaz', '0532 100 20 31'],
      ['2026-12-07T14:00:00+03:00', 'Mehmet Demir', '0532 100 20 32'],
    ] as const) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
        payload: JSON.stringify({ service: 'robotic-gait', start, patient: { name, phone }, notes: 'Comes with a walker', consent: { kvkkNoticeGiven: true } }),
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push((res.json() as { id: number }).id);
    }
    [baseUrl, browser] = await Promise.all([startServer(ctx), launchBrowser()]);
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.dispose();
  });

  it('shows everything on one page and moves by the form, with free times offered when the time is taken', async () => {
    const context = await contextFor(admin, { width: 1280, height: 900, locale: 'en-GB' });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    await page.goto(`${baseUrl}/admin/appointments/${ids[0]}`);
    expect(await page.locator('#appointment-heading').innerText()).toContain('Ayşe Yılmaz');
    expect(await page.locator('button[data-action="confirm"]').count()).toBe(1);
    expect(await page.getByLabel('New start time (HH:MM)').inputValue()).toBe('10:00');
    expect(await page.getByLabel('Notes for the team').count()).toBe(1);
    expect(await page.locator('#intake-title').count()).toBe(1);
    expect(await headingLevels(page)).toEqual([1, 2, 3, 3, 3, 3, 3]);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'appointment-page.png'), fullPage: true });

    // Onto the other session's time: refused, what was typed kept, the day's free times offered.
    await page.getByLabel('New start time (HH:MM)').fill('14:00');
    await page.getByRole('button', { name: 'Move appointment' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#mv-errors').innerText()).toContain('already taken');
    expect(await page.getByLabel('New start time (HH:MM)').inputValue()).toBe('14:00');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'appointment-page-taken.png'), fullPage: true });
    await page.locator('#mv-alternatives').getByRole('button', { name: '16:00' }).click();
    await page.waitForURL(`**/admin/appointments/${ids[0]}?done=moved`);
    expect(await page.locator('.banner.success').innerText()).toContain('Appointment moved.');
    expect(await page.getByLabel('New start time (HH:MM)').inputValue()).toBe('16:00');
    const row = await ctx.database.db.selectFrom('appointments').select('starts_at').where('id', '=', ids[0]!).executeTakeFirstOrThrow();
    expect(Number(row.starts_at)).toBe(Date.parse('2026-12-07T16:00:00+03:00'));
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('fits a phone in Turkish', async () => {
    await ctx.database.db.updateTable('users').set({ locale: 'tr' }).where('id', '=', admin.id).execute();
    const context = await contextFor(admin, { width: 390, height: 844, locale: 'tr-TR' });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    await page.goto(`${baseUrl}/admin/appointments/${ids[1]}?date=2026-12-07&view=day&kind=device`);
    expect(await page.getByRole('link', { name: '← Takvime dön' }).getAttribute('href')).toBe('/admin/calendar?date=2026-12-07&view=day&kind=device');
    expect(await page.getByLabel('Yeni başlangıç saati (SS:DD)').isVisible()).toBe(true);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'appointment-page-tr-phone.png'), fullPage: true });
    expect(problems.list).toEqual([]);
    await context.close();
  });
});
