// The calendar in a real browser: day and week views, an appointment moved by drag and by the keyboard path (side
// panel Move form), a refused drag with its reason, the old appointment URLs, the utilization report; axe-clean,
// screenshots for review.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserTestsEnabled, launchBrowser, preloadAxe, startServer, watchProblems, type PageProblems } from '../helpers/browser.ts';
import { createTestContext } from '../helpers/engines.ts';
import { signIn } from '../helpers/staff.ts';

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');
const PASSWORD = 'kırmızı-bisiklet-fener-2026';

describe.runIf(browserTestsEnabled)('calendar in the browser', () => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;
  let problems: PageProblems;
  const ids: number[] = [];

  const startOf = async (id: number) => {
    const row = await ctx.database.db.selectFrom('appointments').select(['starts_at', 'ends_at']).where('id', '=', id).executeTakeFirstOrThrow();
    return { start: new Date(Number(row.starts_at)).toISOString(), end: new Date(Number(row.ends_at)).toISOString() };
  };

  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { env: { BOOKING_MAX_PER_IP_PER_HOUR: '1000', BOOKING_MAX_PER_PHONE_PER_DAY: '1000' } });
    const db = ctx.database.db;
    await db.updateTable('services').set({ online_booking: 1 }).where('key', 'in', ['robotic-gait', 'upper-limb-robotics']).execute();
    const bookings: Array<[string, string, string]> = [
      ['robotic-gait', '2026-12-07T10:00:00+03:00', 'Ayşe Yılmaz'],
      ['robotic-gait', '2026-12-07T14:00:00+03:00', 'Mehmet Demir'],
      ['upper-limb-robotics', '2026-12-07T09:30:00+03:00', 'Elif Kaya'],
      ['free-examination', '2026-12-07T11:00:00+03:00', 'Can Öztürk'],
      ['robotic-gait', '2026-12-08T09:30:00+03:00', 'Deniz Arslan'],
    ];
    let n = 0;
    for (const [service, start, name] of bookings) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ service, start, name, phone: `0533 100 20 ${String(10 + ++n)}`, locale: 'tr', consent: { kvkk: true, healthData: false } }),
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push((res.json() as { id: number }).id);
    }
    await db.updateTable('appointments').set({ status: 'confirmed' }).where('id', '=', ids[1]!).execute();
    const email = 'front-desk@test.example';
    await ctx.app.services.staff.createStaff('cli', { email, name: 'Front Desk', role: 'receptionist', locale: 'en', password: PASSWORD });
    [baseUrl, browser] = await Promise.all([startServer(ctx), launchBrowser()]);
    const { cookie } = await signIn(ctx.app, email, PASSWORD);
    const [name, value] = cookie.split('=') as [string, string];
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP: true, locale: 'en-GB' });
    await context.addCookies([{ name, value, url: baseUrl }]);
    await preloadAxe(context);
    page = await context.newPage();
    problems = await watchProblems(page);
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.dispose();
  });

  it('shows the day by device and moves an appointment by dragging it an hour later', async () => {
    await page.goto(`${baseUrl}/admin/calendar?date=2026-12-07&kind=device`);
    expect(await page.locator('.cal-col').count()).toBe(5);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'calendar-day-devices.png'), fullPage: true });

    const block = page.locator(`a.cal-appt[data-id="${ids[0]}"]`).first();
    const box = (await block.boundingBox())!;
    const rowPx = await page.locator('.cal-col').first().evaluate((el) => parseFloat(getComputedStyle(el).gridAutoRows));
    await page.mouse.move(box.x + box.width / 2, box.y + 6);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(box.x + box.width / 2, box.y + 6 + (12 * rowPx * i) / 6);
    const reloadedMoved = page.waitForEvent('load');
    const moved = page.waitForResponse((r) => r.url().includes(`/api/v1/appointments/${ids[0]}/move`));
    await page.mouse.up();
    expect((await moved).status()).toBe(200);
    await reloadedMoved;
    expect(await startOf(ids[0]!)).toEqual({ start: '2026-12-07T08:00:00.000Z', end: '2026-12-07T09:00:00.000Z' });
    await expect.poll(() => page.locator(`a.cal-appt[data-id="${ids[0]}"] b`).first().innerText()).toBe('11:00–12:00');
  });

  it('refuses a drag onto a taken time and says why', async () => {
    // The 11:00 gait session dragged onto the 14:00 one (same robot).
    const block = page.locator(`a.cal-appt[data-id="${ids[0]}"]`).first();
    const target = page.locator(`a.cal-appt[data-id="${ids[1]}"]`).first();
    const from = (await block.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + 6);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(from.x + from.width / 2, from.y + 6 + ((to.y - from.y) * i) / 8);
    const refused = page.waitForResponse((r) => r.url().includes('/move'));
    await page.mouse.up();
    expect((await refused).status()).toBe(409);
    await expect.poll(() => page.locator('#cal-status').innerText()).toContain('already taken');
    expect(await startOf(ids[0]!)).toEqual({ start: '2026-12-07T08:00:00.000Z', end: '2026-12-07T09:00:00.000Z' });
    await page.screenshot({ path: path.join(screenshotDir, 'calendar-drag-refused.png') });
  });

  it('moves an appointment with the keyboard: open it in the side panel, use the Move form', async () => {
    await page.goto(`${baseUrl}/admin/calendar?date=2026-12-07&kind=device`);
    const link = page.locator(`a.cal-appt[data-id="${ids[1]}"]`).first();
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#cal-panel').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('appointment-heading');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'calendar-panel.png') });
    // The panel is the one appointment page's #appointment-detail: lifecycle actions, Move form, notes, history.
    expect(await page.locator('#cal-panel button[data-action="cancel"]').count()).toBe(1);
    expect(await page.locator('#cal-panel #f-notes').count()).toBe(1);
    await page.locator('#cal-panel #mv-time').focus();
    await page.keyboard.type('1615');
    await page.locator('#cal-panel').getByRole('button', { name: 'Move appointment' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/admin/calendar?**moved=**');
    expect(await page.locator('.banner.success').innerText()).toContain('Appointment moved');
    expect(await startOf(ids[1]!)).toEqual({ start: '2026-12-07T13:15:00.000Z', end: '2026-12-07T14:15:00.000Z' });
    // Escape closes the panel and gives focus back to the appointment.
    await page.locator(`a.cal-appt[data-id="${ids[1]}"]`).first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#cal-panel').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('#cal-panel').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(String(ids[1]));
  });

  it('opens an appointment without JavaScript on the one appointment page; old URLs and forms still work', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP: true, locale: 'en-GB', javaScriptEnabled: false });
    await context.addCookies(await page.context().cookies());
    await preloadAxe(context);
    const plain = await context.newPage();
    await plain.goto(`${baseUrl}/admin/calendar?date=2026-12-07&kind=device`);
    await plain.locator(`a.cal-appt[data-id="${ids[2]}"]`).first().click();
    await plain.waitForURL(`**/admin/appointments/${ids[2]}?date=2026-12-07&view=day&kind=device`);
    expect(await plain.locator('#appointment-heading').innerText()).toContain('Elif Kaya');
    expect(await plain.getByRole('link', { name: '← Back to the calendar' }).getAttribute('href')).toBe('/admin/calendar?date=2026-12-07&view=day&kind=device');
    // A bookmark of the calendar's old appointment page lands here, with its calendar view.
    await plain.goto(`${baseUrl}/admin/calendar/appointments/${ids[2]}?date=2026-12-07&view=week&kind=room`);
    expect(plain.url()).toBe(`${baseUrl}/admin/appointments/${ids[2]}?date=2026-12-07&view=week&kind=room`);
    // A Move form opened before the change posts to the old URL: the browser follows the 307 with the form's body.
    await plain.locator('.fd-move form').evaluate((form, id) => form.setAttribute('action', `/admin/calendar/appointments/${id}/move`), ids[2]!);
    await plain.locator('#mv-time').fill('10:00');
    await plain.getByRole('button', { name: 'Move appointment' }).click();
    await plain.waitForURL('**/admin/calendar?**moved=**');
    expect(plain.url()).toContain('view=week');
    expect(plain.url()).toContain('kind=room');
    expect((await startOf(ids[2]!)).start).toBe('2026-12-07T07:00:00.000Z');
    await context.close();
  });

  it('resizes by dragging the lower edge, and moves to another practitioner by dragging across columns', async () => {
    await page.goto(`${baseUrl}/admin/calendar?date=2026-12-07&kind=device`);
    const rowPx = await page.locator('.cal-col').first().evaluate((el) => parseFloat(getComputedStyle(el).gridAutoRows));
    const block = page.locator(`a.cal-appt[data-id="${ids[0]}"]`).first();
    const box = (await block.boundingBox())!;
    // The resize handle is the block's lower edge; 6 rows = 30 minutes longer.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 2);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(box.x + box.width / 2, box.y + box.height - 2 + rowPx * i);
    const reloadedResized = page.waitForEvent('load');
    const resized = page.waitForResponse((r) => r.url().includes(`/api/v1/appointments/${ids[0]}/move`));
    await page.mouse.up();
    expect((await resized).status()).toBe(200);
    await reloadedResized;
    expect(await startOf(ids[0]!)).toEqual({ start: '2026-12-07T08:00:00.000Z', end: '2026-12-07T09:30:00.000Z' });

    await page.goto(`${baseUrl}/admin/calendar?date=2026-12-07&kind=practitioner`);
    const appt = page.locator(`a.cal-appt[data-id="${ids[0]}"]`).first();
    const from = await appt.evaluate((el) => el.closest('.cal-col')!.getAttribute('data-resource'));
    const gait = await ctx.database.db.selectFrom('practitioner_qualifications').select('practitioner_id').where('qualification', '=', 'gait_robot').execute();
    const other = gait.map((g) => `practitioner:${g.practitioner_id}`).find((k) => k !== from)!;
    const a = (await appt.boundingBox())!;
    const col = (await page.locator(`.cal-col[data-resource="${other}"]`).boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + 6);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(a.x + a.width / 2 + ((col.x + col.width / 2 - (a.x + a.width / 2)) * i) / 8, a.y + 6);
    const reloadedMoved = page.waitForEvent('load');
    const moved = page.waitForResponse((r) => r.url().includes(`/api/v1/appointments/${ids[0]}/move`));
    await page.mouse.up();
    expect((await moved).status()).toBe(200);
    await reloadedMoved;
    await expect.poll(() => page.locator(`.cal-col[data-resource="${other}"] a.cal-appt[data-id="${ids[0]}"]`).count()).toBe(1);
    expect(await startOf(ids[0]!)).toEqual({ start: '2026-12-07T08:00:00.000Z', end: '2026-12-07T09:30:00.000Z' });
    await page.screenshot({ path: path.join(screenshotDir, 'calendar-day-practitioners.png') });
  });

  it('shows the week by practitioner and the utilization report, accessibly', async () => {
    await page.goto(`${baseUrl}/admin/calendar?date=2026-12-07&view=week&kind=practitioner`);
    expect(await page.locator('.cal-col').count()).toBe(35);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'calendar-week-practitioners.png') });
    await page.goto(`${baseUrl}/admin/calendar?date=2026-12-02&kind=room`);
    expect(await page.locator('.cal-now').count()).toBe(5);
    await page.screenshot({ path: path.join(screenshotDir, 'calendar-today-rooms.png') });
    await page.goto(`${baseUrl}/admin/reports/utilization?from=2026-12-07&to=2026-12-13`);
    expect(await page.locator('table.heat tbody tr').count()).toBeGreaterThan(5);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'utilization-report.png'), fullPage: true });
    expect(problems.list.filter((p) => !p.includes('/move'))).toEqual([]);
  });
});
