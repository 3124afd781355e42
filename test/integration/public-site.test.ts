import { expect, it } from 'vitest';
import { describeEachEngine } from '../helpers/engines.ts';
import { attr, html } from '../helpers/html.ts';

const pages = {
  tr: ['/tr/', '/tr/robotik-rehabilitasyon', '/tr/tedaviler', '/tr/makaleler', '/tr/iletisim', '/tr/ucretsiz-muayene'],
  en: ['/en/', '/en/robotic-rehabilitation', '/en/therapies', '/en/articles', '/en/contact', '/en/free-examination'],
};

describeEachEngine('public site', (ctx) => {
  it('redirects / by Accept-Language, Turkish by default', async () => {
    const { app } = ctx();
    const cases: Array<[string | undefined, string]> = [
      ['en-US,en;q=0.9', '/en/'],
      ['tr-TR,tr;q=0.9,en;q=0.8', '/tr/'],
      ['de-DE,en;q=0.5', '/en/'],
      ['de-DE', '/tr/'],
      ['en;q=0.2,tr;q=0.8', '/tr/'],
      [undefined, '/tr/'],
    ];
    for (const [header, location] of cases) {
      const res = await app.inject({ url: '/', headers: header ? { 'accept-language': header } : {} });
      expect(res.statusCode, String(header)).toBe(302);
      expect(res.headers.location).toBe(location);
      expect(res.headers.vary).toContain('Accept-Language');
    }
  });

  it('serves every page in both languages with lang, canonical, hreflang and a switch to the same page', async () => {
    const { app } = ctx();
    for (const locale of ['tr', 'en'] as const) {
      const other = locale === 'tr' ? 'en' : 'tr';
      for (const [i, path] of pages[locale].entries()) {
        const res = await app.inject({ url: path });
        expect(res.statusCode, path).toBe(200);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        const doc = html(res.body);
        expect(attr(doc, 'html', 'lang')).toBe(locale);
        expect(attr(doc, 'link[rel=canonical]', 'href')).toBe(`http://localhost:3000${path}`);
        expect(attr(doc, `link[rel=alternate][hreflang=${locale}]`, 'href')).toBe(`http://localhost:3000${path}`);
        expect(attr(doc, `link[rel=alternate][hreflang=${other}]`, 'href')).toBe(`http://localhost:3000${pages[other][i]}`);
        expect(attr(doc, '.lang-switch', 'href')).toBe(pages[other][i]);
        expect(doc.querySelector('h1')?.text.trim().length).toBeGreaterThan(3);
        expect(doc.querySelector('main#main')).toBeTruthy();
        expect(doc.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
        expect(doc.querySelectorAll('nav a')).toHaveLength(5);
        expect(doc.querySelector('footer address')?.text).toContain('Ataşehir');
        expect(doc.querySelector('meta[name=description]')?.getAttribute('content')?.length).toBeGreaterThan(20);
      }
    }
  });

  it('shows the call to action from settings and the demo content from the database', async () => {
    const { app } = ctx();
    const tr = html((await app.inject({ url: '/tr/' })).body);
    expect(tr.querySelector('.cta')?.text).toBe('Ücretsiz muayene');
    expect(attr(tr, '.cta', 'href')).toBe('/tr/ucretsiz-muayene');
    const en = html((await app.inject({ url: '/en/therapies' })).body);
    expect(en.querySelector('.cta')?.text).toBe('Free examination');
    for (const id of ['manual-therapy', 'electrical-stimulation', 'hot-cold-therapy', 'exercise-program', 'robotic-gait', 'upper-limb-robotics', 'robotic-tilt-table']) {
      expect(en.querySelector(`section#${id} h2`), id).toBeTruthy();
    }
    const home = html((await app.inject({ url: '/tr/' })).body);
    const ld = JSON.parse(home.querySelector('script[type="application/ld+json"]')!.text) as Record<string, unknown>;
    expect(ld['@type']).toBe('MedicalClinic');
  });

  it('puts a WhatsApp link on every page naming the page in its language', async () => {
    const { app } = ctx();
    for (const locale of ['tr', 'en'] as const) {
      for (const path of pages[locale]) {
        const doc = html((await app.inject({ url: path })).body);
        const link = doc.querySelector('a.wa-float');
        expect(link, path).toBeTruthy();
        const href = new URL(link!.getAttribute('href')!);
        expect(href.origin + href.pathname).toBe('https://wa.me/905550001234');
        const text = href.searchParams.get('text')!;
        const title = doc.querySelector('h1')!.text.trim();
        expect(text).toContain(title);
        expect(text).toMatch(locale === 'tr' ? /^Merhaba/ : /^Hello/);
        expect(link!.text).toContain(locale === 'tr' ? 'WhatsApp ile sorun' : 'Ask us on WhatsApp');
        expect(JSON.parse(link!.getAttribute('data-wa-hours')!)).toContainEqual({ day: 6, opens: '10:00', closes: '14:00' });
        expect(link!.getAttribute('data-wa-tz')).toBe('Europe/Istanbul');
      }
    }
  });

  it('answers unknown pages with a localized 404 and no stack trace', async () => {
    const { app } = ctx();
    const tr = await app.inject({ url: '/tr/boyle-bir-sayfa-yok' });
    expect(tr.statusCode).toBe(404);
    expect(tr.body).toContain('Sayfa bulunamadı');
    expect(html(tr.body).querySelector('html')?.getAttribute('lang')).toBe('tr');
    const en = await app.inject({ url: '/en/no-such-page' });
    expect(en.statusCode).toBe(404);
    expect(en.body).toContain('Page not found');
    for (const url of ['/xx/', '/en/%3Cscript%3E', '/tr/' + 'a'.repeat(500), "/en/' OR 1=1 --", '/tr/İstanbul', '/tr/%E0%A4%A']) {
      const res = await app.inject({ url });
      expect([400, 404, 414], url).toContain(res.statusCode);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(html(res.body).querySelector('h1')?.text.length, url).toBeGreaterThan(3);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
      expect(res.body).not.toContain('<script>');
    }
    const api = await app.inject({ url: '/api/v1/nothing' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('reports health and readiness', async () => {
    const { app, engine } = ctx();
    const health = await app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: engine });
  });

  it('sends pre-compressed pages with an ETag and answers 304 to If-None-Match', async () => {
    const { app } = ctx();
    const br = await app.inject({ url: '/en/', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    const gz = await app.inject({ url: '/en/', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ url: '/en/' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const etag = plain.headers.etag as string;
    expect(br.headers.etag).toBe(etag);
    const again = await app.inject({ url: '/en/', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('sends security headers with a CSP that allows no inline script', async () => {
    const { app } = ctx();
    const res = await app.inject({ url: '/tr/' });
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const doc = html(res.body);
    for (const s of doc.querySelectorAll('script')) {
      if (s.getAttribute('type') === 'application/ld+json') continue;
      expect(s.getAttribute('src')).toMatch(/^\/assets\/public-[0-9a-f]{10}\.js$/);
    }
  });

  it('serves hashed assets with long-lived caching', async () => {
    const { app } = ctx();
    const doc = html((await app.inject({ url: '/tr/' })).body);
    const js = attr(doc, 'script[src]', 'src')!;
    const res = await app.inject({ url: js, headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toContain('text/javascript');
    // The stylesheet is inlined, and the CSP allows exactly that text by its hash.
    const { createHash } = await import('node:crypto');
    const style = doc.querySelector('head style')!.innerHTML;
    expect(style.length).toBeGreaterThan(1000);
    const hash = createHash('sha256').update(style).digest('base64');
    const page = await app.inject({ url: '/tr/' });
    expect(page.headers['content-security-policy']).toContain(`'sha256-${hash}'`);
    expect((await app.inject({ url: '/assets/site-0000000000.css' })).statusCode).toBe(404);
  });
});

describeEachEngine('when the database fails', (ctx) => {
  it('answers with a localized 500 page without a stack trace, and /readyz reports it', async () => {
    const { app, database } = ctx();
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    await database.close();
    const page = await app.inject({ url: '/tr/iletisim' });
    expect(page.statusCode).toBe(500);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Bir şeyler ters gitti');
    expect(page.body).not.toMatch(/at .+\.(ts|js):\d+/);
    expect(page.body).not.toMatch(/Kysely|SQLITE|driver|destroy/i);
    const en = await app.inject({ url: '/en/contact' });
    expect(en.body).toContain('Something went wrong');
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
