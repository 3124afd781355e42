import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import type { NewArticle } from '../../src/features/articles/service.ts';
import { foldTurkish, searchTerms, slugify } from '../../src/features/articles/text.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { attr, html } from '../helpers/html.ts';

const spasm = { tr: '/tr/makaleler/kas-spazmi-neden-olur', en: '/en/articles/what-causes-muscle-spasm' };

function article(key: string, translations: NewArticle['translations'], extra: Partial<NewArticle> = {}): NewArticle {
  return { key, categoryKey: 'therapies', authorName: 'Zeynep Şahin', editorName: 'Dr. Selin Aydoğan', status: 'published', translations, ...extra };
}

async function search(app: FastifyInstance, locale: 'tr' | 'en', q: string) {
  const path = locale === 'tr' ? '/tr/ara' : '/en/search';
  const res = await app.inject({ url: `${path}?q=${encodeURIComponent(q)}` });
  expect(res.statusCode, q).toBe(200);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  const doc = html(res.body);
  const results = doc.querySelectorAll('ol.result-list li.result');
  return {
    res,
    doc,
    hrefs: results.map((r) => r.querySelector('.result-title a')!.getAttribute('href')!),
    results,
  };
}

describeEachEngine('articles: search', (ctx) => {
  it('folds case and Turkish letters the same way on both sides', () => {
    expect(foldTurkish('KAS SPAZMI')).toBe('kas spazmi');
    expect(foldTurkish('kas spazmı')).toBe('kas spazmi');
    expect(foldTurkish('IŞIK İŞIK ışık işık Işık')).toBe('isik isik isik isik isik');
    expect(foldTurkish('ÇĞÖŞÜ çğöşü é â')).toBe('cgosu cgosu e a');
    expect(foldTurkish('I\u0307stanbul')).toBe('istanbul'); // decomposed İ
    expect(slugify('Kas spazmı neden olur?')).toBe('kas-spazmi-neden-olur');
    expect(slugify('  Işık & Ağrı: “Ne yapmalı?” ')).toBe('isik-agri-ne-yapmali');
    expect(searchTerms('tr', '"kas" * NEAR(spazmı) -- OR 1=1; <script>')).toEqual(['kas', 'near', 'spazm', 'or', '1', 'script']);
    expect(searchTerms('en', '***')).toEqual([]);
  });

  it('finds "kas spazmı" however it is typed, in Turkish', async () => {
    const { app } = ctx();
    for (const q of ['kas spazmi', 'KAS SPAZMI', 'kas spazmı', 'Kas Spazmı', 'KAS SPAZMİ', 'spazmı', 'kas   spazmı?', 'spazmları']) {
      const { hrefs } = await search(app, 'tr', q);
      expect(hrefs[0], q).toBe(spasm.tr);
    }
  });

  it('treats İ/i and I/ı as one letter', async () => {
    const { app } = ctx();
    await app.services.articles.create(
      article('light', {
        tr: { title: 'Işık tedavisi üzerine notlar', summary: 'Işıkla yapılan tedavilerin kısa bir özeti.', bodyMd: 'Kızılötesi ışık, dokuyu ısıtır. İNCE bir anlatım.' },
      }),
    );
    for (const q of ['işık', 'ISIK', 'IŞIK', 'ışık', 'isik', 'Işık', 'İŞIK', 'ince', 'İNCE', 'ınce']) {
      const { hrefs } = await search(app, 'tr', q);
      expect(hrefs, q).toContain('/tr/makaleler/isik-tedavisi-uzerine-notlar');
    }
  });

  it('searches each language on its own, with stemming-like prefixes in English', async () => {
    const { app } = ctx();
    for (const q of ['muscle spasm', 'MUSCLE SPASMS', 'spasm', 'cramps']) expect((await search(app, 'en', q)).hrefs[0], q).toBe(spasm.en);
    expect((await search(app, 'en', 'robotic gait')).hrefs).toContain('/en/articles/robot-assisted-gait-training');
    expect((await search(app, 'en', 'spazmı')).hrefs).toEqual([]);
    expect((await search(app, 'tr', 'muscle spasm')).hrefs).not.toContain(spasm.en);
  });

  it('ranks a title match above a body-only match and marks the matches safely', async () => {
    const { app } = ctx();
    const filler = 'Bu paragraf yalnızca dolgu metnidir ve başka hiçbir şey anlatmaz. '.repeat(5);
    const fillerEn = 'This paragraph is only filler text and says nothing else at all. '.repeat(5);
    await app.services.articles.create(
      article('body-only', {
        tr: { title: 'Gövdede geçen bir yazı', summary: 'Özet.', bodyMd: `${filler}\n\nZorbalux burada geçer: zorbalux, Zorbalux, <b>zorbalux</b>.\n\n${filler}` },
        en: { title: 'A body mention', summary: 'Summary.', bodyMd: `${fillerEn}\n\nQuixotrem appears here: quixotrem, Quixotrem, <b>quixotrem</b>.\n\n${fillerEn}` },
      }),
    );
    await app.services.articles.create(
      article('title-match', {
        tr: { title: 'Zorbalux nedir?', summary: 'Kısa bir tanım.', bodyMd: 'Tanım burada.' },
        en: { title: 'What is quixotrem?', summary: 'A short definition.', bodyMd: 'Definition here.' },
      }),
    );
    for (const [locale, q, first, second] of [
      ['tr', 'ZORBALUX', '/tr/makaleler/zorbalux-nedir', '/tr/makaleler/govdede-gecen-bir-yazi'],
      ['en', 'quixotrem', '/en/articles/what-is-quixotrem', '/en/articles/a-body-mention'],
    ] as const) {
      const { hrefs, results, doc } = await search(app, locale, q);
      expect(hrefs, q).toEqual([first, second]);
      expect(doc.querySelector('h2#results-title')!.text).toContain('2');
      // The title and the snippet carry <mark> around each match and nothing else as markup.
      expect(results[0]!.querySelector('.result-title mark')!.text.toLowerCase()).toBe(q.toLowerCase());
      const snippet = results[1]!.querySelector('.result-snippet')!;
      const marks = snippet.querySelectorAll('mark');
      expect(marks.length).toBeGreaterThanOrEqual(4);
      for (const m of marks) expect(m.text.toLowerCase()).toBe(q.toLowerCase());
      expect(snippet.querySelectorAll('*').every((el) => el.tagName === 'MARK')).toBe(true);
      expect(snippet.innerHTML).toContain(`&lt;b&gt;<mark>`);
      expect(snippet.text).toContain('…');
    }
  });

  it('shows only the form for an empty query and never fails on hostile input', async () => {
    const { app } = ctx();
    const { pageCache } = app.services;
    for (const locale of ['tr', 'en'] as const) {
      const empty = await search(app, locale, '');
      expect(empty.doc.querySelector('form[role=search] input[name=q]')).toBeTruthy();
      expect(empty.doc.querySelector('.search-results')).toBeNull();
      expect(empty.doc.querySelector('.notice')).toBeNull();
      expect(attr(empty.doc, 'meta[name=robots]', 'content')).toBe('noindex, follow');
      const bare = await app.inject({ url: locale === 'tr' ? '/tr/ara' : '/en/search' });
      expect(bare.statusCode).toBe(200);
    }
    const cached = pageCache.size;
    const hostile = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "' OR 1=1 --",
      '1; DROP TABLE articles; --',
      '"kas" AND "spazm',
      'spazm* NEAR(kas, 2)',
      '(kas OR) -spazm ^ : {title}:x',
      'NEAR AND OR NOT',
      '"',
      '*',
      '-',
      '()',
      '\u0000\u0001\u0007',
      '😀 ﷽ ‮ RTL',
      '%00%27',
      'a'.repeat(5000),
      'kas '.repeat(300),
      'ı'.repeat(250),
    ];
    for (const locale of ['tr', 'en'] as const) {
      for (const q of hostile) {
        const { res, doc } = await search(app, locale, q);
        expect(res.body).not.toContain('<script>alert');
        expect(res.body).not.toContain('<img src=x');
        expect(res.body).not.toMatch(/at .*\.ts:\d+/);
        const value = attr(doc, 'input[name=q]', 'value') ?? '';
        expect(value.length, q.slice(0, 20)).toBeLessThanOrEqual(200);
      }
    }
    expect((await search(app, 'tr', '"kas" * NEAR(spazmı)')).hrefs[0]).toBe(spasm.tr);
    expect((await search(app, 'tr', '***')).doc.querySelector('.notice[role=status]')).toBeTruthy();
    const none = await search(app, 'en', 'xylophonequartz');
    expect(none.hrefs).toEqual([]);
    expect(attr(none.doc, '.search-results .notice a', 'href')).toBe('/en/articles');
    // Several q parameters: the first counts. Search pages never enter the page cache.
    expect((await app.inject({ url: '/tr/ara?q=spazm%C4%B1&q=%3Cx%3E' })).body).toContain(spasm.tr);
    expect(pageCache.size).toBe(cached);
  });

  it('finds only public articles, and follows edits at once', async () => {
    const { app } = ctx();
    const { articles } = app.services;
    const id = await articles.create(article('hidden', { en: { title: 'Vantablorp draft', summary: 'Not yet.', bodyMd: 'Vantablorp.' } }, { status: 'draft' }));
    expect((await search(app, 'en', 'vantablorp')).hrefs).toEqual([]);
    await articles.publish(id);
    expect((await search(app, 'en', 'vantablorp')).hrefs).toEqual(['/en/articles/vantablorp-draft']);
    await articles.saveTranslation(id, 'en', { title: 'Renamed piece', summary: 'Now about something else.', bodyMd: 'Plain words.' });
    expect((await search(app, 'en', 'vantablorp')).hrefs).toEqual([]);
    expect((await search(app, 'en', 'renamed')).hrefs).toEqual(['/en/articles/renamed-piece']);
    await articles.archive(id);
    expect((await search(app, 'en', 'renamed')).hrefs).toEqual([]);
  });

  it('links the search page from every public page and switches language with the query', async () => {
    const { app } = ctx();
    const home = html((await app.inject({ url: '/tr/' })).body);
    expect(attr(home, 'a.search-link', 'href')).toBe('/tr/ara');
    const page = await search(app, 'en', 'muscle spasm');
    expect(attr(page.doc, '.lang-switch', 'href')).toBe('/tr/ara?q=muscle%20spasm');
    expect(attr(page.doc, 'form[role=search]', 'action')).toBe('/en/search');
    expect(attr(page.doc, 'link[rel=canonical]', 'href')).toBe('http://localhost:3000/en/search');
  });
});
