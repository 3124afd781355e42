import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import type { NewArticle, TranslationInput } from '../../src/features/articles/service.ts';
import { Invalid } from '../../src/errors.ts';
import { describeEachEngine, FIXED_NOW } from '../helpers/engines.ts';
import { attr, html } from '../helpers/html.ts';

const BASE = 'http://localhost:3000';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const spasm = { tr: '/tr/makaleler/kas-spazmi-neden-olur', en: '/en/articles/what-causes-muscle-spasm' };

function text(title: string, extra: Partial<TranslationInput> = {}): TranslationInput {
  return {
    title,
    summary: `${title}: a short summary that is long enough to describe the article.`,
    bodyMd: `Intro paragraph about ${title}.\n\n## First part\n\nSome words.\n\n### Detail\n\nMore words.\n\n## Second part\n\nThe end.`,
    ...extra,
  };
}

function article(key: string, translations: NewArticle['translations'], extra: Partial<NewArticle> = {}): NewArticle {
  return { key, categoryKey: 'exercise', authorName: 'Emre Kılıç', editorName: 'Dr. Selin Aydoğan', status: 'published', translations, ...extra };
}

async function get(app: FastifyInstance, url: string) {
  return app.inject({ url });
}

function jsonLd(doc: ReturnType<typeof html>): Array<Record<string, unknown>> {
  return doc.querySelectorAll('script[type="application/ld+json"]').map((s) => JSON.parse(s.text) as Record<string, unknown>);
}

// ---- a tiny XML reader for the feed and sitemap checks: well-formedness, elements, decoded text ----

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

function decodeXml(s: string): string {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`bare & in ${s.slice(0, 60)}`);
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

function parseXml(source: string): XmlNode {
  let rest = source.replace(/^<\?xml [^?]*\?>\s*/, '');
  // eslint-disable-next-line no-control-regex -- XML forbids these; their presence is the failure we look for
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(rest)) throw new Error('control character in XML');
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const tag = /^<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/;
  while (rest.length) {
    const lt = rest.indexOf('<');
    const chunk = lt === -1 ? rest : rest.slice(0, lt);
    if (chunk) stack.at(-1)!.text += decodeXml(chunk);
    if (lt === -1) break;
    rest = rest.slice(lt);
    const m = tag.exec(rest);
    if (!m) throw new Error(`malformed tag at ${rest.slice(0, 40)}`);
    const [whole, closing, name, attrText, selfClosing] = m as unknown as [string, string, string, string, string];
    rest = rest.slice(whole.length);
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([\w:.-]+)="([^"<]*)"/g)) attrs[a[1]!] = decodeXml(a[2]!);
    const node: XmlNode = { name, attrs, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  if (root.children.length !== 1 || root.text.trim()) throw new Error('not exactly one root element');
  return root.children[0]!;
}

const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const children = (n: XmlNode, name: string) => n.children.filter((c) => c.name === name);

describeEachEngine('articles: pages', (ctx) => {
  it('shows an article in both languages with every part a health page needs', async () => {
    const { app } = ctx();
    const expected = {
      tr: { published: '4 Ağustos 2026', updated: '2 Kasım 2026', index: '/tr/makaleler', exam: '/tr/ucretsiz-muayene', home: '/tr/', other: spasm.en },
      en: { published: '4 August 2026', updated: '2 November 2026', index: '/en/articles', exam: '/en/free-examination', home: '/en/', other: spasm.tr },
    } as const;
    for (const locale of ['tr', 'en'] as const) {
      const e = expected[locale];
      const res = await get(app, spasm[locale]);
      expect(res.statusCode).toBe(200);
      const doc = html(res.body);
      expect(attr(doc, 'html', 'lang')).toBe(locale);
      const title = doc.querySelector('h1')!.text;
      expect(title).toMatch(locale === 'tr' ? /^Kas spazmı neden olur\?/ : /^What causes muscle spasm\?/);
      expect(doc.querySelector('.lead')!.text.length).toBeGreaterThan(40);
      expect(attr(doc, 'link[rel=canonical]', 'href')).toBe(BASE + spasm[locale]);
      expect(attr(doc, `link[rel=alternate][hreflang=${locale === 'tr' ? 'en' : 'tr'}]`, 'href')).toBe(BASE + e.other);
      expect(attr(doc, '.lang-switch', 'href')).toBe(e.other);
      expect(attr(doc, 'meta[property="og:type"]', 'content')).toBe('article');
      expect(attr(doc, 'meta[property="article:modified_time"]', 'content')).toBe(new Date(FIXED_NOW - 30 * DAY).toISOString());

      // Author, the responsible medical editor with the clinic's e-mail, dates in the page's language, reading time.
      const meta = doc.querySelector('.article-meta')!.text;
      expect(meta).toContain('İlknur Işık');
      expect(meta).toContain(e.published);
      expect(meta).toContain(e.updated);
      expect(meta).toMatch(locale === 'tr' ? /\d+ dk okuma/ : /\d+ min read/);
      const editor = doc.querySelector('.article-editor')!;
      expect(editor.text).toContain('Dr. Selin Aydoğan');
      expect(editor.text).toContain(e.updated);
      expect(attr(editor, 'a', 'href')).toBe('mailto:info@adim-rehab.example');

      // Breadcrumb: Home › Articles › Title, visible and as JSON-LD.
      const crumbs = doc.querySelectorAll('nav.breadcrumb li');
      expect(crumbs).toHaveLength(3);
      expect(attr(crumbs[0]!, 'a', 'href')).toBe(e.home);
      expect(attr(crumbs[1]!, 'a', 'href')).toBe(e.index);
      expect(crumbs[2]!.querySelector('[aria-current=page]')!.text).toBe(title);
      const ld = jsonLd(doc);
      const list = ld.find((d) => d['@type'] === 'BreadcrumbList') as { itemListElement: Array<{ position: number; item: string; name: string }> };
      expect(list.itemListElement.map((i) => i.item)).toEqual([BASE + e.home, BASE + e.index, BASE + spasm[locale]]);
      expect(list.itemListElement[2]!.name).toBe(title);
      const page = ld.find((d) => d['@type'] === 'MedicalWebPage')!;
      expect(page.dateModified).toBe(new Date(FIXED_NOW - 30 * DAY).toISOString());
      expect(page.datePublished).toBe(new Date(FIXED_NOW - 120 * DAY).toISOString());
      expect(page.lastReviewed).toBe('2026-11-02');
      expect(page.reviewedBy).toEqual({ '@type': 'Person', name: 'Dr. Selin Aydoğan' });
      expect(page.inLanguage).toBe(locale === 'tr' ? 'tr-TR' : 'en-GB');

      // Table of contents: every entry points at a heading of the body with that id.
      const tocLinks = doc.querySelectorAll('nav.toc a');
      expect(tocLinks.length).toBeGreaterThanOrEqual(3);
      for (const link of tocLinks) {
        const id = link.getAttribute('href')!.slice(1);
        expect(id).toMatch(/^[a-z0-9-]+$/);
        const heading = doc.querySelector(`.article-body #${id}`);
        expect(heading?.tagName, id).toMatch(/^H[23]$/);
        expect(heading!.text.trim()).toBe(link.text.trim());
      }
      expect(doc.querySelectorAll('.article-body h2').length).toBeGreaterThan(0);
      expect(doc.querySelectorAll('.article-body h1')).toHaveLength(0);
      if (locale === 'tr') expect(doc.querySelector('.article-body h2')!.getAttribute('id')).toBe('kas-spazmi-nedir');

      // Related articles, the call to action to the examination page, the comments slot.
      const related = doc.querySelectorAll('section.related .article-card a[href]');
      expect(related.length).toBeGreaterThan(0);
      for (const a of related) expect(a.getAttribute('href')).not.toBe(spasm[locale]);
      expect(attr(doc, '.article-cta a.button', 'href')).toBe(e.exam);
      expect(doc.querySelector('.article-cta a.button')!.text).toBe(locale === 'tr' ? 'Ücretsiz muayene' : 'Free examination');
      const comments = doc.querySelector('section#comments');
      expect(comments).toBeTruthy();
      // Filled by the comments feature: the questions and the form (see test/integration/comments.test.ts).
      expect(comments!.querySelector('form.comment-form')).toBeTruthy();
      expect(doc.querySelectorAll('.nav-list a')).toHaveLength(5);
      expect(attr(doc, '.nav-list a[aria-current=page]', 'href')).toBe(e.index);
    }
  });

  it('drops the comments slot when the article switches comments off', async () => {
    const { app } = ctx();
    const { articles } = app.services;
    const id = (await articles.list()).find((a) => a.key === 'muscle-spasm')!.id;
    expect(html((await get(app, spasm.en)).body).querySelector('#comments')).toBeTruthy();
    await articles.setCommentsEnabled(id, false);
    const row = await ctx().database.db.selectFrom('articles').select('comments_enabled').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.comments_enabled).toBe(0);
    for (const path of [spasm.en, spasm.tr]) expect(html((await get(app, path)).body).querySelector('#comments'), path).toBeNull();
    await articles.setCommentsEnabled(id, true);
    expect(html((await get(app, spasm.tr)).body).querySelector('#comments')).toBeTruthy();
  });

  it('shows dates in the clinic time zone and in the page language', async () => {
    const { app } = ctx();
    const late = Date.UTC(2026, 10, 30, 22, 30); // 1 December 01:30 in Istanbul
    await app.services.articles.create(article('late-night', { tr: text('Gece yarısı yazısı'), en: text('Midnight article') }, { publishAt: late }));
    const tr = html((await get(app, '/tr/makaleler/gece-yarisi-yazisi')).body);
    expect(tr.querySelector('.article-meta')!.text).toContain('1 Aralık 2026');
    const en = html((await get(app, '/en/articles/midnight-article')).body);
    expect(en.querySelector('.article-meta')!.text).toContain('1 December 2026');
    expect(attr(en, '.article-meta time', 'datetime')).toBe(new Date(late).toISOString());
  });

  it('lists articles by category, on pages with the category in both languages', async () => {
    const { app } = ctx();
    const doc = html((await get(app, '/tr/makaleler')).body);
    expect(doc.querySelector('.notice')).toBeNull(); // no "articles are coming" notice any more
    expect(doc.querySelector('h1')!.text).toBe('Makaleler');
    const topics = doc.querySelectorAll('.topic-list a').map((a) => a.getAttribute('href'));
    expect(topics).toContain('/tr/makaleler/kategori/kaslar-ve-spazm');
    expect(topics).toContain('/tr/makaleler/kategori/robotik-terapi');
    const cards = doc.querySelectorAll('.article-list .article-card-title a').map((a) => a.getAttribute('href'));
    expect(cards).toContain(spasm.tr);

    const cat = await get(app, '/tr/makaleler/kategori/robotik-terapi');
    expect(cat.statusCode).toBe(200);
    const catDoc = html(cat.body);
    expect(catDoc.querySelector('h1')!.text).toBe('Robotik terapi');
    expect(catDoc.querySelectorAll('.article-list .article-card')).toHaveLength(2);
    expect(catDoc.querySelectorAll('.article-list .article-card-title a').map((a) => a.getAttribute('href'))).not.toContain(spasm.tr);
    expect(attr(catDoc, 'link[rel=alternate][hreflang=en]', 'href')).toBe(`${BASE}/en/articles/category/robotic-therapy`);
    expect(attr(catDoc, '.lang-switch', 'href')).toBe('/en/articles/category/robotic-therapy');
    expect(catDoc.querySelectorAll('nav.breadcrumb li')).toHaveLength(3);
    expect(catDoc.querySelector('title')!.text).not.toBe(doc.querySelector('title')!.text);
    expect((await get(app, '/en/articles/category/robotic-therapy')).statusCode).toBe(200);
    for (const url of ['/tr/makaleler/kategori/yok-boyle', '/en/articles/category/robotik-terapi', '/en/articles/kategori/robotic-therapy', '/tr/makaleler/kategori/robotik-terapi?page=2']) {
      expect((await get(app, url)).statusCode, url).toBe(404);
    }
  });

  it('keeps an old slug working with a 301 to the current one', async () => {
    const { app } = ctx();
    const { articles } = app.services;
    const id = await articles.create(article('renamed', { tr: text('İlk başlık'), en: text('First title') }));
    expect((await get(app, '/tr/makaleler/ilk-baslik')).statusCode).toBe(200);
    await articles.saveTranslation(id, 'tr', text('İkinci başlık', { slug: 'ikinci-baslik' }));
    const moved = await get(app, '/tr/makaleler/ilk-baslik');
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/tr/makaleler/ikinci-baslik');
    expect((await get(app, '/tr/makaleler/ikinci-baslik')).statusCode).toBe(200);
    // The English URL is untouched; a third slug sends both old ones straight to it (no chains).
    expect((await get(app, '/en/articles/first-title')).statusCode).toBe(200);
    await articles.saveTranslation(id, 'tr', text('Üçüncü başlık'));
    for (const old of ['/tr/makaleler/ilk-baslik', '/tr/makaleler/ikinci-baslik']) {
      const res = await get(app, old);
      expect(res.statusCode, old).toBe(301);
      expect(res.headers.location).toBe('/tr/makaleler/ucuncu-baslik');
    }
    // Going back to an old slug makes it current again: 200, not a redirect loop.
    await articles.saveTranslation(id, 'tr', text('İlk başlık', { slug: 'ilk-baslik' }));
    expect((await get(app, '/tr/makaleler/ilk-baslik')).statusCode).toBe(200);
    expect((await get(app, '/tr/makaleler/ucuncu-baslik')).headers.location).toBe('/tr/makaleler/ilk-baslik');
    // A slug another article uses is refused with a field message.
    await expect(articles.saveTranslation(id, 'tr', text('x', { slug: 'kas-spazmi-neden-olur' }))).rejects.toMatchObject({ fields: { slug: 'taken' } });
    // Once the article is off the site, its old slugs answer 404 too.
    await articles.unpublish(id);
    expect((await get(app, '/tr/makaleler/ucuncu-baslik')).statusCode).toBe(404);
  });

  it('answers 404 for drafts and archived articles and lists only public ones', async () => {
    const { app } = ctx();
    const { articles } = app.services;
    const id = await articles.create(article('drafty', { tr: text('Taslak yazı'), en: text('Draft piece') }, { status: 'draft' }));
    const listed = async () => html((await get(app, '/en/articles')).body).querySelectorAll('.article-card-title a').map((a) => a.getAttribute('href'));
    expect((await get(app, '/en/articles/draft-piece')).statusCode).toBe(404);
    expect(await listed()).not.toContain('/en/articles/draft-piece');
    await articles.publish(id);
    expect((await get(app, '/en/articles/draft-piece')).statusCode).toBe(200);
    expect(await listed()).toContain('/en/articles/draft-piece');
    await articles.archive(id);
    expect((await get(app, '/en/articles/draft-piece')).statusCode).toBe(404);
    expect((await get(app, '/tr/makaleler/taslak-yazi')).statusCode).toBe(404);
    expect(await listed()).not.toContain('/en/articles/draft-piece');
    await articles.remove(id);
    expect((await get(app, '/en/articles/draft-piece')).statusCode).toBe(404);
  });

  it('refuses bad input with field messages and renders hostile Markdown harmlessly', async () => {
    const { app } = ctx();
    const { articles } = app.services;
    const bad = async (input: NewArticle) => {
      try {
        await articles.create(input);
      } catch (err) {
        expect(err).toBeInstanceOf(Invalid);
        return (err as Invalid).fields;
      }
      throw new Error('accepted');
    };
    expect(await bad(article('x1', { tr: text('') }))).toMatchObject({ 'tr.title': 'required' });
    expect(await bad(article('x2', { en: text('Null \u0000 byte') }))).toMatchObject({ 'en.title': 'invalid' });
    expect(await bad(article('x3', { en: text('Huge', { bodyMd: 'a'.repeat(200_001) }) }))).toMatchObject({ 'en.bodyMd': 'tooLong' });
    expect(await bad(article('x4', { en: text('Bad slug', { slug: 'Not A Slug' }) }))).toMatchObject({ 'en.slug': 'invalid' });
    expect(await bad(article('x5', { en: text('Unknown category') }, { categoryKey: 'nope' }))).toMatchObject({ categoryKey: 'unknown' });
    expect(await bad(article('muscle-spasm', { en: text('Same key') }))).toMatchObject({ key: 'taken' });
    expect((await articles.list()).map((a) => a.key)).not.toContain('x1');

    const body = '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3)) and [source](https://example.org/study)\n\n# A big heading';
    await articles.create(article('hostile', { en: text('Hostile <b>markup</b> & "quotes"', { slug: 'hostile', bodyMd: body }) }));
    const res = await get(app, '/en/articles/hostile');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).not.toContain('href="javascript:');
    expect(res.body).not.toContain('<b>markup</b>');
    const doc = html(res.body);
    expect(doc.querySelector('h1')!.text).toBe('Hostile <b>markup</b> & "quotes"');
    expect(attr(doc, '.article-body a[href="https://example.org/study"]', 'rel')).toBe('external noopener noreferrer');
    expect(doc.querySelector('.article-body h2#a-big-heading')).toBeTruthy();
    for (const d of jsonLd(doc)) expect(d).toBeTruthy(); // parses despite the markup in the title
  });

  it('drops cached pages when an article changes through the service, and only then', async () => {
    const { app, database } = ctx();
    const { articles, pageCache } = app.services;
    const version = async () => (await database.db.selectFrom('site_state').select('content_version').executeTakeFirstOrThrow()).content_version;
    const id = (await articles.list()).find((a) => a.key === 'muscle-spasm')!.id;
    await get(app, spasm.en);
    await get(app, '/en/articles');
    expect(pageCache.size).toBeGreaterThan(0);
    const before = await version();
    await articles.saveTranslation(id, 'en', { ...text('What causes muscle spasm? Updated'), slug: 'what-causes-muscle-spasm', bodyMd: '## New body\n\nFresh words.' });
    expect(await version()).toBe(before + 1);
    const page = html((await get(app, spasm.en)).body);
    expect(page.querySelector('h1')!.text).toBe('What causes muscle spasm? Updated');
    expect(page.querySelector('.article-meta')!.text).toContain('2 December 2026');
    expect(html((await get(app, '/en/articles')).body).querySelector(`.article-card-title a[href="${spasm.en}"]`)!.text).toBe('What causes muscle spasm? Updated');
    // Editing a draft changes nothing public: the cache and the content version stay.
    const draft = await articles.create(article('quiet-draft', { en: text('Quiet draft') }, { status: 'draft' }));
    const cached = pageCache.size;
    const v = await version();
    await articles.saveTranslation(draft, 'en', text('Quiet draft, edited'));
    expect(await version()).toBe(v);
    expect(pageCache.size).toBe(cached);
  });
});

describeEachEngine('articles: pagination, translations and scheduling', (ctx) => {
  async function many(app: FastifyInstance, count: number) {
    for (let i = 1; i <= count; i++) {
      await app.services.articles.create(
        article(`bulk-${i}`, { tr: text(`Toplu yazı ${i}`), en: text(`Bulk article ${i}`) }, { publishAt: FIXED_NOW - (200 + i) * DAY }),
      );
    }
  }

  it('pages the index ten at a time with rel=prev/next and validates ?page', async () => {
    const { app } = ctx();
    await many(app, 9); // 6 demo + 9 = 15 → two pages
    for (const [locale, base] of [['tr', '/tr/makaleler'], ['en', '/en/articles']] as const) {
      const first = html((await get(app, base)).body);
      expect(first.querySelectorAll('.article-list .article-card')).toHaveLength(10);
      expect(attr(first, 'head link[rel=next]', 'href')).toBe(`${BASE}${base}?page=2`);
      expect(first.querySelector('head link[rel=prev]')).toBeNull();
      expect(attr(first, 'nav.pager a[rel=next]', 'href')).toBe(`${base}?page=2`);
      const second = html((await get(app, `${base}?page=2`)).body);
      expect(second.querySelectorAll('.article-list .article-card')).toHaveLength(5);
      expect(attr(second, 'head link[rel=prev]', 'href')).toBe(`${BASE}${base}`);
      expect(second.querySelector('head link[rel=next]')).toBeNull();
      expect(attr(second, 'link[rel=canonical]', 'href')).toBe(`${BASE}${base}?page=2`);
      expect(second.querySelector('title')!.text).not.toBe(first.querySelector('title')!.text);
      expect(second.querySelector('.index-intro')).toBeNull();
      expect(first.querySelector('.index-intro')).toBeTruthy();
      // Newest first; the oldest bulk article is last on page 2.
      const hrefs = second.querySelectorAll('.article-card-title a').map((a) => a.getAttribute('href'));
      expect(hrefs.at(-1)).toBe(locale === 'tr' ? '/tr/makaleler/toplu-yazi-9' : '/en/articles/bulk-article-9');
      for (const bad of ['?page=3', '?page=0', '?page=-1', '?page=abc', '?page=1.5', '?page=99999999999', '?page=2&page=3']) {
        const res = await get(app, base + bad);
        expect(res.statusCode, bad).toBe(404);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      }
      expect((await get(app, `${base}?page=1&utm_source=x`)).statusCode).toBe(200);
    }
  });

  it('lists an untranslated article only in its language; the switch leads to the other index with a notice', async () => {
    const { app } = ctx();
    await app.services.articles.create(article('only-turkish', { tr: text('Yalnızca Türkçe yazı') }, { categoryKey: 'muscles-spasm' }));
    const trIndex = html((await get(app, '/tr/makaleler')).body);
    expect(trIndex.querySelectorAll('.article-card-title a').map((a) => a.getAttribute('href'))).toContain('/tr/makaleler/yalnizca-turkce-yazi');
    const enAll = [...html((await get(app, '/en/articles')).body).querySelectorAll('.article-card-title a'), ...html((await get(app, '/en/articles?page=2')).body).querySelectorAll('.article-card-title a')];
    expect(enAll.map((a) => a.text)).not.toContain('Yalnızca Türkçe yazı');
    expect(html((await get(app, '/en/articles/category/muscles-and-spasm')).body).querySelectorAll('.article-card')).toHaveLength(1);

    const page = html((await get(app, '/tr/makaleler/yalnizca-turkce-yazi')).body);
    expect(page.querySelector('link[rel=alternate][hreflang=en]')).toBeNull();
    expect(attr(page, 'link[rel=alternate][hreflang=tr]', 'href')).toBe(`${BASE}/tr/makaleler/yalnizca-turkce-yazi`);
    const switchHref = attr(page, '.lang-switch', 'href')!;
    expect(switchHref).toBe('/en/articles?notice=untranslated');
    const landing = await get(app, switchHref);
    expect(landing.statusCode).toBe(200);
    const landingDoc = html(landing.body);
    expect(landingDoc.querySelector('.notice[role=status]')!.text).toContain('not available in English');
    expect(attr(landingDoc, 'link[rel=canonical]', 'href')).toBe(`${BASE}/en/articles`);
    expect(html((await get(app, '/en/articles')).body).querySelector('.notice[role=status]')).toBeNull();
    expect(html((await get(app, '/en/articles?notice=<script>')).body).querySelector('.notice[role=status]')).toBeNull();
    // The English slug does not exist; the related lists of Turkish articles may show it.
    expect((await get(app, '/en/articles/yalnizca-turkce-yazi')).statusCode).toBe(404);
  });

  it('publishes a scheduled article exactly at its time, without a restart, past a cached index', async () => {
    const { app, clock } = ctx();
    const at = clock.now + 2 * HOUR;
    await app.services.articles.create(article('scheduled', { tr: text('Zamanlanmış yazı'), en: text('Scheduled article') }, { status: 'scheduled', publishAt: at }));
    const listed = async (url: string) => (await get(app, url)).body.includes('/en/articles/scheduled-article');
    // Cached now, before the time: not listed anywhere, the page itself is 404.
    for (const url of ['/en/articles', '/en/articles/category/exercise', '/sitemap.xml', '/en/feed.xml', spasm.en]) expect(await listed(url), url).toBe(false);
    expect((await get(app, '/en/articles/scheduled-article')).statusCode).toBe(404);
    expect((await get(app, '/en/search?q=scheduled')).body).not.toContain('/en/articles/scheduled-article');
    clock.now = at - 1;
    expect(await listed('/en/articles')).toBe(false);
    expect((await get(app, '/en/articles/scheduled-article')).statusCode).toBe(404);
    clock.now = at;
    for (const url of ['/en/articles', '/en/articles/category/exercise', '/sitemap.xml', '/en/feed.xml']) expect(await listed(url), url).toBe(true);
    const page = await get(app, '/en/articles/scheduled-article');
    expect(page.statusCode).toBe(200);
    expect(html(page.body).querySelector('.article-meta')!.text).toContain(new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Istanbul' }).format(at));
    expect((await get(app, '/en/search?q=scheduled')).body).toContain('/en/articles/scheduled-article');
    expect((await get(app, '/tr/makaleler/zamanlanmis-yazi')).statusCode).toBe(200);
    // Scheduling in the past is refused.
    const id = (await app.services.articles.list()).find((a) => a.key === 'scheduled')!.id;
    await expect(app.services.articles.schedule(id, clock.now - 1)).rejects.toMatchObject({ fields: { publishAt: 'past' } });
    clock.now = FIXED_NOW;
  });
});

describeEachEngine('articles: sitemap, robots and feeds', (ctx) => {
  it('lists every public page in both languages with hreflang alternates and lastmod', async () => {
    const { app } = ctx();
    await app.services.articles.create(article('draft-hidden', { en: text('Hidden draft') }, { status: 'draft' }));
    await app.services.articles.create(article('english-only', { en: text('English only piece') }));
    const res = await get(app, '/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers.etag).toBeTruthy();
    const urlset = parseXml(res.body);
    expect(urlset.name).toBe('urlset');
    expect(urlset.attrs.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const urls = new Map(children(urlset, 'url').map((u) => [child(u, 'loc')!.text, u]));
    const expected = [
      '/tr/', '/en/', '/tr/robotik-rehabilitasyon', '/en/robotic-rehabilitation', '/tr/tedaviler', '/en/therapies', '/tr/makaleler', '/en/articles',
      '/tr/iletisim', '/en/contact', '/tr/ucretsiz-muayene', '/en/free-examination', spasm.tr, spasm.en,
      '/tr/makaleler/kategori/kaslar-ve-spazm', '/en/articles/category/muscles-and-spasm', '/en/articles/english-only-piece',
    ];
    for (const path of expected) expect(urls.has(BASE + path), path).toBe(true);
    expect(urls.has(`${BASE}/en/articles/hidden-draft`)).toBe(false);
    expect(urls.has(`${BASE}/tr/makaleler/kategori/inme-ve-norolojik-rehabilitasyon`)).toBe(false); // no articles in it yet
    expect([...urls.keys()].filter((u) => u.includes('/en/articles/')).length).toBe(6 + 1 + 4); // articles + categories with articles

    const spasmUrl = urls.get(BASE + spasm.tr)!;
    const links = children(spasmUrl, 'xhtml:link').map((l) => [l.attrs.hreflang, l.attrs.href]);
    expect(links).toEqual(expect.arrayContaining([['tr', BASE + spasm.tr], ['en', BASE + spasm.en], ['x-default', BASE + spasm.tr]]));
    expect(child(spasmUrl, 'lastmod')!.text).toBe(new Date(FIXED_NOW - 30 * DAY).toISOString());
    const about = urls.get(`${BASE}/en/robotic-rehabilitation`)!;
    expect(children(about, 'xhtml:link').map((l) => l.attrs.href)).toContain(`${BASE}/tr/robotik-rehabilitasyon`);
    expect(child(about, 'lastmod')!.text).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(children(urls.get(`${BASE}/en/articles/english-only-piece`)!, 'xhtml:link')).toHaveLength(0); // no translation to point to
  });

  it('serves robots.txt that allows the site, keeps staff and API out and names the sitemap', async () => {
    const res = await get(ctx().app, '/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    expect(lines).toEqual(expect.arrayContaining(['User-agent: *', 'Allow: /', 'Disallow: /admin', 'Disallow: /api', `Sitemap: ${BASE}/sitemap.xml`]));
  });

  it('publishes a well-formed Atom feed per language with escaped titles, linked from every page', async () => {
    const { app } = ctx();
    await app.services.articles.create(article('escape-me', { tr: text('<script>alert("x")</script> & Co’nun \'tırnakları\''), en: text('Tom & Jerry <em>"quoted"</em>') }));
    for (const [locale, index] of [['tr', '/tr/makaleler'], ['en', '/en/articles']] as const) {
      const res = await get(app, `/${locale}/feed.xml`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      expect(res.body).not.toContain('<script>');
      const feed = parseXml(res.body);
      expect(feed.name).toBe('feed');
      expect(feed.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
      expect(feed.attrs['xml:lang']).toBe(locale);
      expect(child(feed, 'id')!.text).toBe(BASE + index);
      const entries = children(feed, 'entry');
      expect(entries).toHaveLength(locale === 'tr' ? 7 : 8); // 6 demo articles, this one, and the English-only one above
      const titles = entries.map((e) => child(e, 'title')!.text);
      expect(titles[0]).toBe(locale === 'tr' ? '<script>alert("x")</script> & Co’nun \'tırnakları\'' : 'Tom & Jerry <em>"quoted"</em>');
      for (const e of entries) {
        expect(child(e, 'id')!.text).toMatch(new RegExp(`^tag:localhost,2026:articles/\\d+/${locale}$`));
        expect(child(e, 'link')!.attrs.href?.startsWith(`${BASE}/${locale}/`)).toBe(true);
        expect(child(e, 'updated')!.text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
        expect(child(e, 'content')!.attrs.type).toBe('html');
        expect(child(e, 'content')!.text).toContain('<h2');
      }
      const page = html((await get(app, `/${locale}/`)).body);
      expect(attr(page, 'link[rel=alternate][type="application/atom+xml"]', 'href')).toBe(`${BASE}/${locale}/feed.xml`);
    }
  });

  it('caps the feed at the 20 newest articles', async () => {
    const { app } = ctx();
    for (let i = 0; i < 15; i++) await app.services.articles.create(article(`feed-${i}`, { en: text(`Feed filler ${i}`) }, { publishAt: FIXED_NOW - i * HOUR }));
    const feed = parseXml((await get(app, '/en/feed.xml')).body);
    const entries = children(feed, 'entry');
    expect(entries).toHaveLength(20);
    expect(child(entries[0]!, 'title')!.text).toBe('Feed filler 0');
  });
});

