// The editor in a real browser: write an article, watch the live preview and the slug follow the typing, publish,
// find the article through the public search and open it; the editor pages pass axe.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserTestsEnabled, launchBrowser, preloadAxe, startServer, watchProblems } from '../helpers/browser.ts';
import { createTestContext } from '../helpers/engines.ts';
import { signedInStaff, STRONG_PASSWORD, type SignedInStaff } from '../helpers/staff.ts';

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');

describe.runIf(browserTestsEnabled)('article editor in the browser', () => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let browser: Browser;
  let baseUrl: string;
  let page: Page;
  let admin: SignedInStaff;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    admin = await signedInStaff(ctx, 'admin', { name: 'Deniz Editör' });
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

  it('writes an article with a live preview, publishes it and finds it through search', async () => {
    const problems = await watchProblems(page);

    await page.goto(`${baseUrl}/admin/login`);
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).not.toContain('/admin/login');

    await page.getByRole('link', { name: 'Articles & pages' }).first().click();
    await page.waitForURL('**/admin/content');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Write a new article' }).click();
    await page.waitForURL('**/admin/content/articles/new');

    // The slug follows the title while it has not been edited by hand (Turkish letters transliterated).
    await page.locator('#f-tr-title').pressSequentially('Nefes egzersizleri ve kas gevşemesi: Işık', { delay: 5 });
    expect(await page.locator('#f-tr-slug').inputValue()).toBe('nefes-egzersizleri-ve-kas-gevsemesi-isik');
    await page.locator('#f-tr-slug').fill('nefes-egzersizleri');
    await page.locator('#f-tr-title').press('End');
    await page.locator('#f-tr-title').pressSequentially(' ışığı', { delay: 5 });
    expect(await page.locator('#f-tr-title').inputValue()).toBe('Nefes egzersizleri ve kas gevşemesi: Işık ışığı');
    expect(await page.locator('#f-tr-slug').inputValue()).toBe('nefes-egzersizleri');

    await page.locator('#f-en-title').fill('Breathing drills that calm spastic muscles');
    expect(await page.locator('#f-en-slug').inputValue()).toBe('breathing-drills-that-calm-spastic-muscles');
    await page.locator('#f-en-summary').fill('Slow breathing lowers muscle tone: three short drills our therapists teach.');
    expect(await page.locator('#f-en-summary-count').innerText()).toBe('75 / 160 characters');
    await page.locator('#f-tr-summary').fill('Yavaş nefes kas tonusunu düşürür: terapistlerimizin öğrettiği üç kısa egzersiz.');
    await page.locator('#f-tr-bodyMd').fill('Giriş.\n\n## Sakin nefes\n\nYavaşça nefes alın.');
    await page.locator('#f-editorName').fill('Dr. Selin Aydoğan');

    // The live preview renders the Markdown as the public site does, while typing, with raw HTML shown as text.
    const body = page.locator('#f-en-bodyMd');
    await body.pressSequentially('Breathing out slowly relaxes the diaphragm.\n\n## Box breathing\n\nCount to **four** <b>each</b> way.', { delay: 2 });
    await expect.poll(() => page.locator('#preview-en h2#box-breathing').count(), { timeout: 5000 }).toBe(1);
    expect(await page.locator('#preview-en strong').innerText()).toBe('four');
    expect(await page.locator('#preview-en').innerText()).toContain('<b>each</b>');
    expect(await page.locator('#preview-en b').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir, 'admin-editor.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.waitForURL('**/admin/content/articles/*?notice=published');
    expect(await page.locator('.banner.success').innerText()).toContain('Published');
    expect(await axeViolations(page)).toEqual([]);

    // The public search finds it at once; the result opens the article.
    await page.goto(`${baseUrl}/en/search?q=${encodeURIComponent('box breathing spastic')}`);
    const result = page.locator('a[href="/en/articles/breathing-drills-that-calm-spastic-muscles"]').first();
    await result.click();
    await page.waitForURL('**/en/articles/breathing-drills-that-calm-spastic-muscles');
    expect(await page.locator('h1').innerText()).toBe('Breathing drills that calm spastic muscles');
    expect(await page.locator('h2#box-breathing').count()).toBe(1);

    await page.goto(`${baseUrl}/tr/ara?q=${encodeURIComponent('NEFES EGZERSİZLERİ')}`);
    await page.locator('a[href="/tr/makaleler/nefes-egzersizleri"]').first().click();
    await page.waitForURL('**/tr/makaleler/nefes-egzersizleri');

    // Page texts have the same editor and preview.
    await page.goto(`${baseUrl}/admin/content/pages/contact`);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#f-en-bodyMd').fill('## Find us\n\nNext to the metro.');
    await expect.poll(() => page.locator('#preview-en h2').innerText(), { timeout: 5000 }).toBe('Find us');

    expect(problems.list).toEqual([]);
  }, 120_000);
});
