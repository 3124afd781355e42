// The public site in a real browser: rendering, language switch, WhatsApp button, accessibility, small screens, print.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserTestsEnabled, launchBrowser, preloadAxe, startServer, watchProblems } from '../helpers/browser.ts';
import { createTestContext, FIXED_NOW } from '../helpers/engines.ts';

const pages = {
  tr: ['/tr/', '/tr/robotik-rehabilitasyon', '/tr/tedaviler', '/tr/makaleler', '/tr/iletisim', '/tr/ucretsiz-muayene'],
  en: ['/en/', '/en/robotic-rehabilitation', '/en/therapies', '/en/articles', '/en/contact', '/en/free-examination'],
};
const notFound = '/en/no-such-page';
const allPages = [...pages.tr, ...pages.en, notFound];
const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../screenshots');

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.runIf(browserTestsEnabled)('public site in the browser', () => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let browser: Browser;
  let baseUrl: string;
  /** The site as served, CSP enforced, on a desktop screen. */
  let desktop: Page;
  /** CSP bypassed, only so axe-core can be injected. */
  let audit: Page;
  /** A 375 px phone. */
  let phone: Page;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    [baseUrl, browser] = await Promise.all([startServer(ctx), launchBrowser()]);
    const newPage = async (options: BrowserContextOptions, setup?: (context: BrowserContext) => Promise<void>) => {
      const context = await browser.newContext(options);
      await setup?.(context);
      return context.newPage();
    };
    [desktop, audit, phone] = await Promise.all([
      newPage({ viewport: { width: 1280, height: 800 } }),
      newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true }, preloadAxe),
      newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await ctx?.dispose();
  });

  async function open(page: Page, url: string): Promise<Page> {
    await page.goto(baseUrl + url, { waitUntil: 'load' });
    return page;
  }

  it('renders the home page in Turkish and English with heading, navigation and call to action', async () => {
    const expected = { tr: { cta: 'Ücretsiz muayene', href: '/tr/ucretsiz-muayene' }, en: { cta: 'Free examination', href: '/en/free-examination' } };
    for (const locale of ['tr', 'en'] as const) {
      for (const page of [desktop, phone]) {
        await open(page, `/${locale}/`);
        expect(await page.getAttribute('html', 'lang')).toBe(locale);
        expect(await page.locator('h1').isVisible()).toBe(true);
        expect((await page.locator('h1').innerText()).length).toBeGreaterThan(3);
        const navLinks = page.locator('header nav a');
        expect(await navLinks.count()).toBe(5);
        for (const link of await navLinks.all()) expect(await link.isVisible()).toBe(true);
        expect(await navLinks.first().getAttribute('aria-current')).toBe('page');
        const cta = page.locator('header .cta');
        expect(await cta.isVisible()).toBe(true);
        expect((await cta.innerText()).trim()).toBe(expected[locale].cta);
        expect(await cta.getAttribute('href')).toBe(expected[locale].href);
        expect(await page.locator('.hero .button.primary').isVisible()).toBe(true);
      }
    }
  });

  it('switches language to the same page, not to the home page', async () => {
    const page = await open(desktop, '/tr/tedaviler');
    const trTitle = await page.locator('h1').innerText();
    await Promise.all([page.waitForURL(`${baseUrl}/en/therapies`), page.locator('.lang-switch').click()]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').innerText()).not.toBe(trTitle);
    expect(await page.locator('nav a[aria-current=page]').getAttribute('href')).toBe('/en/therapies');
    await Promise.all([page.waitForURL(`${baseUrl}/tr/tedaviler`), page.locator('.lang-switch').click()]);
    expect(await page.locator('h1').innerText()).toBe(trTitle);
  });

  it('shows a WhatsApp button that names the page, has an accessible name and gets its status from the script', async () => {
    for (const url of ['/tr/', '/tr/tedaviler', '/en/contact', '/en/free-examination']) {
      const page = await open(desktop, url);
      const button = page.locator('a.wa-float');
      expect(await button.isVisible(), url).toBe(true);
      const href = (await button.getAttribute('href'))!;
      expect(href.startsWith('https://wa.me/905550001234?text='), url).toBe(true);
      const text = new URL(href).searchParams.get('text')!;
      expect(text, url).toContain((await page.locator('h1').innerText()).trim());
      // Playwright's accessible-name computation: the button is a link whose name contains "WhatsApp".
      expect(await button.and(page.getByRole('link', { name: /WhatsApp/ })).count(), url).toBe(1);
      const status = button.locator('[data-wa-status]');
      const choices = [await button.getAttribute('data-wa-open'), await button.getAttribute('data-wa-closed')];
      await expect.poll(() => status.textContent(), { timeout: 5000 }).toSatisfy((text: string | null) => choices.includes(text));
    }
  });

  it('marks WhatsApp open in its hours and closed outside them, in the clinic time zone', async () => {
    const sunday = FIXED_NOW + 4 * 24 * 3600 * 1000; // Sunday 10:00 in Istanbul
    const context = await browser.newContext();
    for (const [time, open] of [
      [FIXED_NOW, true],
      [sunday, false],
    ] as const) {
      const page = await context.newPage();
      await page.clock.setFixedTime(time);
      await page.goto(`${baseUrl}/en/`);
      const button = page.locator('a.wa-float');
      await expect.poll(() => button.getAttribute('class')).toBe(open ? 'wa-float is-open' : 'wa-float');
      expect(await button.locator('[data-wa-status]').textContent()).toBe(await button.getAttribute(open ? 'data-wa-open' : 'data-wa-closed'));
    }
    await context.close();
  });

  it('has no axe-core violations (WCAG 2.2 AA) on any page in either language', async () => {
    const found: Record<string, string[]> = {};
    for (const url of allPages) {
      await open(audit, url);
      const violations = await axeViolations(audit);
      if (violations.length) found[url] = violations;
    }
    expect(found).toEqual({});
  });

  it('loads every page on a 375 px phone without console errors, failed requests, CSP violations or horizontal scrolling, the WhatsApp button clear of the page end', async () => {
    const problems = await watchProblems(phone);
    for (const url of allPages) {
      const response = await phone.goto(baseUrl + url, { waitUntil: 'load' });
      expect(response?.status(), url).toBe(url === notFound ? 404 : 200);
      expect(await phone.evaluate(() => document.scrollingElement!.scrollWidth), url).toBeLessThanOrEqual(375);
      if (url !== notFound) await expectButtonClearOfPageEnd(phone, url);
      expect(problems.list, url).toEqual([]);
    }
  });

  it('keeps the WhatsApp button clear of the page end on wider screens too', async () => {
    const page = await (await browser.newContext()).newPage();
    for (const width of [768, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      for (const url of ['/tr/', '/en/contact']) {
        await open(page, url);
        await expectButtonClearOfPageEnd(page, `${url} @${width}`);
      }
    }
    await page.context().close();
  });

  /** Scrolls to the very end and checks, in one round trip, that the floating button leaves the footer's last line and link free. */
  async function expectButtonClearOfPageEnd(page: Page, label: string): Promise<void> {
    const geometry = await page.evaluate(async () => {
      window.scrollTo(0, document.scrollingElement!.scrollHeight);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const box = (element: Element | undefined) => {
        if (!element) return undefined;
        const { x, y, width, height } = element.getBoundingClientRect();
        return { x, y, width, height };
      };
      return {
        viewportHeight: window.innerHeight,
        button: box(document.querySelector('.wa-float') ?? undefined),
        lastLink: box([...document.querySelectorAll('footer a')].at(-1)),
        lastText: box([...document.querySelectorAll('footer p')].at(-1)),
      };
    });
    const { button, lastLink, lastText, viewportHeight } = geometry;
    expect(button && lastLink && lastText, label).toBeTruthy();
    expect(button!.width * button!.height, label).toBeGreaterThan(0);
    expect(lastLink!.y + lastLink!.height, `${label}: the last link is on screen`).toBeLessThanOrEqual(viewportHeight);
    expect(intersects(button!, lastLink!), `${label}: button ${JSON.stringify(button)} covers the last link ${JSON.stringify(lastLink)}`).toBe(false);
    expect(intersects(button!, lastText!), `${label}: button covers the last footer line`).toBe(false);
  }

  it('hides the WhatsApp button when printing', async () => {
    const page = await open(desktop, '/tr/iletisim');
    expect(await page.locator('a.wa-float').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('a.wa-float').isVisible()).toBe(false);
    await page.emulateMedia({ media: null });
  });

  it('takes full-page screenshots of the home pages on a phone and a desktop', async () => {
    mkdirSync(screenshotDir, { recursive: true });
    for (const [name, page] of [
      ['375x812', phone],
      ['1280x800', desktop],
    ] as const) {
      for (const locale of ['tr', 'en']) {
        await open(page, `/${locale}/`);
        await page.screenshot({ path: path.join(screenshotDir, `home-${locale}-${name}.png`), fullPage: true });
      }
    }
  });
});
