// Browser tests: Debian's chromium driven by playwright-core, the app on a random local port, axe-core for accessibility.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The system browser (apt-get install chromium); playwright's own browser downloads are not used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests run when Chromium is installed. On a developer machine without it they are skipped with a notice;
 * under CI (CI=true) they always run, so a missing browser fails the build instead of hiding.
 */
export const browserTestsEnabled = existsSync(CHROMIUM_PATH) || process.env.CI === 'true';
if (!browserTestsEnabled) {
  console.warn(`[browser tests skipped] no Chromium at ${CHROMIUM_PATH} — apt-get install -y chromium, or set CHROMIUM_PATH`);
}

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No browser at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Listens on a random port of the loopback interface; returns the base URL without a trailing slash. */
export async function startServer(ctx: { app: FastifyInstance }): Promise<string> {
  const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  return address.replace(/\/$/, '');
}

export interface PageProblems {
  /** Console errors, uncaught exceptions, CSP violations and failed or 4xx/5xx sub-resources. */
  list: string[];
}

/**
 * Records everything that should never happen while a page loads; covers the navigations made after the call.
 * CSP violations are reported both as console errors and through the DOM event recorded here.
 */
export async function watchProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { list: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // A page served with an error status (the 404 page) is logged as a failed load of the document itself; that is expected.
    if (message.text().startsWith('Failed to load resource') && message.location().url === page.url()) return;
    problems.list.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.list.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => problems.list.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') problems.list.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.list.push(`CSP: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const target = window as unknown as { __reportCspViolation: (text: string) => void };
      target.__reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  return problems;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Makes axe-core available on every page the context opens, as it loads: cheaper than injecting it page by page
 * when one context audits many pages. Still use a context created with bypassCSP: true.
 */
export async function preloadAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: axeSource });
}

/**
 * Runs axe-core on the loaded page and returns its violations as readable lines (empty when none).
 * The page's CSP allows only same-origin scripts: the page must belong to a context created with bypassCSP: true,
 * so that axe can be added with a script tag when preloadAxe() did not already put it there.
 */
export async function axeViolations(page: Page, tags: string[] = AXE_TAGS): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (runTags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: runTags }, resultTypes: ['violations'] });
    return results.violations.map(
      (v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join(' | ')}`,
    );
  }, tags);
}
