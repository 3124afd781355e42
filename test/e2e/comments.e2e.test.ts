// Comments in a real browser: the in-place submission (proof of work solved by client/comments.ts under the real CSP),
// the no-JavaScript form, hostile comments approved and shown as typed with no script run, axe-core, screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserTestsEnabled, launchBrowser, preloadAxe, startServer, watchProblems } from '../helpers/browser.ts';
import { freshIp, postComment, TR_ARTICLE } from '../helpers/comments.ts';
import { createTestContext } from '../helpers/engines.ts';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.ts';
import { naughtyStrings } from '../fixtures/naughty-strings.ts';

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');
const ARTICLE = `/tr/makaleler/${TR_ARTICLE}`;

describe.runIf(browserTestsEnabled)('comments in the browser', () => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let browser: Browser;
  let baseUrl: string;
  let admin: SignedInStaff;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { env: { COMMENTS_MAX_PER_IP_PER_HOUR: '100', COMMENTS_MAX_PER_ARTICLE_PER_HOUR: '200', COMMENTS_POW_MAX_NUMBER: '50000' } });
    [baseUrl, browser] = await Promise.all([startServer(ctx), launchBrowser()]);
    admin = await signedInStaff(ctx, 'admin');
    mkdirSync(screenshotDir, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await ctx?.dispose();
  });

  const approve = async (id: number) => {
    const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/comments/${id}/approve`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(res.statusCode).toBe(200);
  };

  it('sends a comment in place with the proof of work solved in the browser, and shows it to its author', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(baseUrl + ARTICLE, { waitUntil: 'networkidle' });
    // comments.js is not part of the page load (a long task on slow phones); using the form loads it.
    expect(scripts.filter((s) => s.startsWith('/assets/public-'))).toHaveLength(1);
    expect(scripts.filter((s) => s.startsWith('/assets/comments-'))).toEqual([]);
    const loaded = page.waitForResponse((r) => /\/assets\/comments-[0-9a-f]+\.js$/.test(r.url()));
    const challenged = page.waitForResponse((r) => r.url().endsWith('/api/v1/comments/challenge'));
    await page.focus('#cm-name');
    expect((await loaded).status()).toBe(200);
    // The challenge is fetched and solved in the background from the first focus on; a person needs seconds anyway.
    await challenged;
    await page.fill('#cm-name', 'Elif');
    await page.fill('#cm-body', 'Spazm için sıcak mı soğuk mu uygulamalıyım?\nİkinci satır.');
    await page.check('#cm-consent');
    ctx.clock.now += 5000;
    const started = Date.now();
    await page.click('.comment-form button[type="submit"]');
    await page.waitForSelector('.comment-status.is-done', { timeout: 30_000 });
    const solveMs = Date.now() - started;
    expect(await page.textContent('.comment-status')).toContain('Teşekkürler');
    const own = page.locator('.comment-list .comment.is-awaiting').last();
    expect(await own.locator('.comment-awaiting').textContent()).toContain('Onay bekliyor');
    expect(await own.locator('.comment-body').innerText()).toBe('Spazm için sıcak mı soğuk mu uygulamalıyım?\nİkinci satır.');
    expect(await page.inputValue('#cm-body')).toBe('');
    await page.screenshot({ path: path.join(screenshotDir, 'comments-sent-in-place.png'), fullPage: false });

    const row = await ctx.database.db.selectFrom('comments').selectAll().where('author_name', '=', 'Elif').executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(Number(row.spam_score)).toBe(0); // the proof of work counted
    // After a reload the server shows it to this reader (their cookie), still waiting; nobody else sees it.
    await page.reload({ waitUntil: 'load' });
    expect(await page.locator(`#own-${row.id} .comment-awaiting`).count()).toBe(1);
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(baseUrl + ARTICLE, { waitUntil: 'load' });
    expect(await stranger.locator(`#own-${row.id}`).count()).toBe(0);
    expect(problems.list, problems.list.join('\n')).toEqual([]);
    console.log(`[comments e2e] proof of work solved and comment sent in ${solveMs} ms (max number 50,000)`);
    await context.close();
  }, 60_000);

  it('sends in place a comment submitted before comments.js arrived: the submission waits for it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    await page.goto(baseUrl + ARTICLE, { waitUntil: 'networkidle' });
    // Hold comments.js until the form has been submitted; the person "took their time" before the comment arrives.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/comments-[0-9a-f]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.route('**/api/v1/comments', async (route) => {
      ctx.clock.now += 5000;
      await route.continue();
    });
    // Filled without focus or key events (as some autofill does); then sent with the Enter key of a form control.
    await page.evaluate(() => {
      const set = (id: string, value: string) => ((document.getElementById(id) as HTMLInputElement).value = value);
      set('cm-name', 'Defne');
      set('cm-body', 'Gece kramplarında esneme işe yarar mı?');
      (document.getElementById('cm-consent') as HTMLInputElement).checked = true;
      document.querySelector<HTMLFormElement>('form.comment-form')!.requestSubmit();
    });
    await page.waitForTimeout(200);
    expect(page.url()).toBe(baseUrl + ARTICLE); // held, not posted as a plain form
    release();
    await page.waitForSelector('.comment-status.is-done', { timeout: 30_000 });
    expect(page.url()).toBe(baseUrl + ARTICLE);
    expect(await page.locator('.comment-list .comment.is-awaiting .comment-body').last().innerText()).toBe('Gece kramplarında esneme işe yarar mı?');
    const rows = await ctx.database.db.selectFrom('comments').selectAll().where('author_name', '=', 'Defne').execute();
    expect(rows).toHaveLength(1); // sent once
    expect(Number(rows[0]!.spam_score)).toBe(0); // with the proof of work
    expect(problems.list, problems.list.join('\n')).toEqual([]);
    await context.close();
  }, 60_000);

  it('posts the form as without JavaScript when comments.js cannot be loaded', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/en/articles/what-causes-muscle-spasm`, { waitUntil: 'networkidle' });
    await page.route(/\/assets\/comments-[0-9a-f]+\.js$/, (route) => route.abort('failed'));
    ctx.clock.now += 5000;
    await page.fill('#cm-name', 'Mia');
    await page.fill('#cm-body', 'Is heat or cold better for a cramp?');
    await page.check('#cm-consent');
    await page.click('.comment-form button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/en/comments');
    expect(await page.textContent('h1')).toContain('awaits moderation');
    await context.close();
  }, 60_000);

  it('works with JavaScript off: a normal POST and a page saying it awaits moderation', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/en/articles/what-causes-muscle-spasm`, { waitUntil: 'load' });
    ctx.clock.now += 5000;
    await page.fill('#cm-name', 'Noah');
    await page.fill('#cm-body', 'Does magnesium help with night cramps?');
    await page.check('#cm-consent');
    await page.click('.comment-form button[type="submit"]');
    await page.waitForLoadState('load');
    expect(await page.textContent('h1')).toContain('awaits moderation');
    await page.screenshot({ path: path.join(screenshotDir, 'comments-sent-no-js.png'), fullPage: true });
    await context.close();
  }, 60_000);

  it('shows approved hostile comments exactly as typed, and none of them runs anything', async () => {
    const ids: number[] = [];
    for (const text of [...naughtyStrings, 'Uzun: ' + 'ğ'.repeat(4994)]) {
      const res = await postComment(ctx, { body: text, name: text.slice(0, 60) }, { ip: freshIp() });
      expect(res.statusCode, text).toBe(202);
      ids.push(res.json<{ id: number }>().id);
    }
    for (const id of ids) await approve(id);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(baseUrl + ARTICLE, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    const texts = [...naughtyStrings, 'Uzun: ' + 'ğ'.repeat(4994)];
    for (const [i, id] of ids.entries()) {
      const body = page.locator(`#comment-${id} .comment-body`);
      expect(await body.evaluate((el) => el.textContent), texts[i]).toBe(texts[i]);
      expect(await page.locator(`#comment-${id} .comment-author`).textContent()).toBe(texts[i]!.slice(0, 60).trim());
      expect(await body.locator('script, img, svg, iframe, style').count(), texts[i]).toBe(0);
    }
    for (const href of await page.locator('.comment-body a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) expect(href).toMatch(/^https?:\/\//);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 120_000);

  it('passes axe on the article page with questions and the clinic’s answer, and on the reply page; screenshots', async () => {
    const first = await postComment(ctx, { name: 'Mehmet', body: 'Robotik yürüme eğitimi kaç seans sürer?' }, { ip: freshIp() });
    const id = first.json<{ id: number }>().id;
    await approve(id);
    const reply = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/comments/${id}/reply`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: { body: 'Seans sayısını muayenede birlikte planlıyoruz; çoğu programda haftada üç seans uygulanır.' },
    });
    expect(reply.statusCode).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await preloadAxe(context);
    const page = await context.newPage();
    await page.goto(baseUrl + ARTICLE, { waitUntil: 'load' });
    expect(await axeViolations(page)).toEqual([]);
    await page.locator(`#comment-${id}`).scrollIntoViewIfNeeded();
    await page.locator('#comments').screenshot({ path: path.join(screenshotDir, 'comments-section.png') });
    // Errors in the form are announced and linked.
    await page.goto(`${baseUrl}/tr/yorumlar/yanitla/${id}`, { waitUntil: 'load' });
    expect(await axeViolations(page)).toEqual([]);
    await context.close();

    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const phonePage = await phone.newPage();
    await phonePage.goto(baseUrl + ARTICLE + `#comment-${id}`, { waitUntil: 'load' });
    const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phonePage.screenshot({ path: path.join(screenshotDir, 'comments-phone.png'), fullPage: false });
    await phone.close();
  }, 120_000);

  it('shows the moderation queue with the count in the navigation; passes axe', async () => {
    await postComment(ctx, { name: 'Can', body: 'Bu soru onay bekliyor.' }, { ip: freshIp(), proof: false });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await preloadAxe(context);
    const [name, value] = admin.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin/comments`, { waitUntil: 'load' });
    expect(await page.locator('.admin-nav a[href="/admin/comments"] .nav-count').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'comments-admin-queue.png'), fullPage: true });
    const firstId = await page.locator('.cm-item input[name="ids"]').first().getAttribute('value');
    await page.goto(`${baseUrl}/admin/comments/${firstId}`, { waitUntil: 'load' });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, 'comments-admin-detail.png'), fullPage: true });
    await context.close();
  }, 60_000);
});
