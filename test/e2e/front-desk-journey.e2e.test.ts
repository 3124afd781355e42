// The front desk's whole journey in a real browser, with the patient's side checked at a real SMTP server: a
// receptionist books a caller into a free slot, moves it with the appointment page's Move form, cancels
// it; the worker delivers a confirmation, a change and a cancellation, each with its calendar invitation.
import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchBrowser, startServer, watchProblems } from '../helpers/browser.ts';
import { createTestContext } from '../helpers/engines.ts';
import { parseMail, startSmtp, type TestSmtp } from '../helpers/mail.ts';
import { signedInStaff, STRONG_PASSWORD } from '../helpers/staff.ts';

function invitation(ics: string): { method: string; uid: string; sequence: number; start: Date } {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { method: String(calendar.getFirstPropertyValue('method')), uid: event.uid, sequence: event.sequence, start: event.startDate.toJSDate() };
}

describe.runIf(browserTestsEnabled)('front desk journey with the patient’s e-mails', () => {
  let smtp: TestSmtp;
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createTestContext('sqlite', { env: { SMTP_URL: smtp.url } });
    [baseUrl, browser] = await Promise.all([startServer(ctx), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.dispose();
    await smtp?.close();
  });

  it('books a caller, moves the appointment, cancels it; the patient gets three e-mails with invitations', async () => {
    const desk = await signedInStaff(ctx, 'receptionist', { name: 'Deniz Resepsiyon' });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
    const problems = await watchProblems(page);
    await page.goto(`${baseUrl}/admin/login`);
    await page.getByLabel('E-mail').fill(desk.email);
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');

    // Book a caller into the first free time of the day.
    await page.goto(`${baseUrl}/admin/appointments/new`);
    await page.getByLabel('Service', { exact: true }).selectOption('free-examination');
    await page.getByLabel('Day', { exact: true }).fill('2026-12-03');
    await page.getByRole('button', { name: 'Show free times' }).click();
    await page.waitForLoadState('load');
    await page.locator('input[name="start"]').first().check();
    await page.getByLabel('Full name').fill('Mehmet Işık');
    await page.getByLabel('Mobile phone').fill('0532 321 54 76');
    await page.getByLabel('E-mail (optional)').fill('mehmet.isik@example.com');
    await page.getByLabel('I told the caller about the privacy notice (KVKK) and where to read it').check();
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.waitForURL(/\/admin\/appointments\/\d+\?done=created/);
    const id = Number(/\/admin\/appointments\/(\d+)/.exec(page.url())![1]);

    // Move it an hour and a half later with the appointment page's Move form (the keyboard path).
    await page.locator('#mv-date').fill('2026-12-03');
    await page.locator('#mv-time').fill('10:30');
    await page.getByRole('button', { name: 'Move appointment' }).click();
    await page.waitForURL(`**/admin/appointments/${id}?done=moved`);
    const moved = await ctx.database.db.selectFrom('appointments').select(['starts_at', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(Number(moved.starts_at)).toBe(Date.UTC(2026, 11, 3, 7, 30));

    // Cancel it from the appointment page.
    await page.goto(`${baseUrl}/admin/appointments/${id}`);
    await page.getByLabel('Reason').fill('Patient asked by phone');
    await page.getByLabel('The patient').check();
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.waitForURL(`**/admin/appointments/${id}?done=cancel`);
    expect(problems.list).toEqual([]);

    // The worker sends what the three changes queued; the reminders were cancelled with the appointment.
    const round = await ctx.app.services.notifications.worker.drain();
    expect(round.failed).toBe(0);
    const mails = smtp.mails.filter((m) => m.to.includes('mehmet.isik@example.com')).map((m) => parseMail(m.raw));
    expect(mails).toHaveLength(3);
    const invitations = mails.map((m) => {
      const ics = m.attachments.find((a) => /calendar/i.test(a.contentType));
      expect(ics, m.subject).toBeDefined();
      return invitation(ics!.body);
    });
    expect(invitations.map((i) => i.method)).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
    expect(new Set(invitations.map((i) => i.uid)).size).toBe(1);
    expect(invitations[1]!.sequence).toBeGreaterThan(invitations[0]!.sequence);
    expect(invitations[2]!.sequence).toBeGreaterThan(invitations[1]!.sequence);
    expect(invitations[0]!.start.toISOString()).toBe('2026-12-03T06:00:00.000Z');
    expect(invitations[1]!.start.toISOString()).toBe('2026-12-03T07:30:00.000Z');
    // The cancellation reason typed at the desk never reaches the patient.
    for (const mail of mails) expect(mail.text).not.toContain('Patient asked by phone');
  });
});
