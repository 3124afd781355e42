// The back-office editor over HTTP: who may use it, drafts, publishing, scheduling, slugs and redirects, bad input,
// the preview endpoint, page and service texts, and the audit trail — on every engine.
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import * as audit from '../../src/features/audit/service.ts';
import { describeEachEngine, FIXED_NOW } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { getAs, postAs, signedInStaff, signIn, STRONG_PASSWORD, type SignedInStaff } from '../helpers/staff.ts';

interface Lang {
  title?: string;
  slug?: string;
  summary?: string;
  bodyMd?: string;
}

function articleForm(langs: { tr?: Lang; en?: Lang }, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = { authorName: 'Emre Kılıç', editorName: 'Dr. Selin Aydoğan', categoryKey: 'exercise', commentsEnabled: '1', ...extra };
  for (const [locale, v] of Object.entries(langs) as Array<[string, Lang]>) {
    if (v.title !== undefined) out[`${locale}.title`] = v.title;
    if (v.slug !== undefined) out[`${locale}.slug`] = v.slug;
    out[`${locale}.summary`] = v.summary ?? `A short summary of ${v.title ?? 'this article'}.`;
    out[`${locale}.bodyMd`] = v.bodyMd ?? `Intro.\n\n## First part\n\nWords about ${v.title ?? 'it'}.`;
  }
  return out;
}

function idFrom(location: string | undefined): number {
  const m = /^\/admin\/content\/articles\/(\d+)\?/.exec(location ?? '');
  if (!m) throw new Error(`not an article editor address: ${location}`);
  return Number(m[1]);
}

async function createArticle(app: FastifyInstance, admin: SignedInStaff, langs: { tr?: Lang; en?: Lang }, intent = 'save', extra: Record<string, string> = {}): Promise<number> {
  const res = await postAs(app, admin, '/admin/content/articles/new', { ...articleForm(langs, extra), intent });
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  return idFrom(res.headers.location);
}

/** The editor's own form as it stands, so a test can change one field and post the rest unchanged. */
async function currentForm(app: FastifyInstance, admin: SignedInStaff, id: number): Promise<Record<string, string>> {
  const res = await getAs(app, admin, `/admin/content/articles/${id}`);
  expect(res.statusCode).toBe(200);
  const doc = html(res.body);
  const out: Record<string, string> = {};
  for (const el of doc.querySelectorAll('form.editor input, form.editor textarea, form.editor select')) {
    const name = el.getAttribute('name');
    if (!name || name === '_csrf' || name === 'intent') continue;
    const type = el.getAttribute('type');
    if (type === 'checkbox') {
      if (el.hasAttribute('checked')) out[name] = el.getAttribute('value') ?? 'on';
    } else if (el.tagName === 'SELECT') out[name] = el.querySelector('option[selected]')?.getAttribute('value') ?? '';
    else if (el.tagName === 'TEXTAREA') out[name] = el.textContent;
    else out[name] = el.getAttribute('value') ?? '';
  }
  return out;
}

async function status(app: FastifyInstance, url: string): Promise<number> {
  return (await app.inject({ url })).statusCode;
}

describeEachEngine('article and page editor', (ctx) => {
  let admin: SignedInStaff;
  const adminOf = async () => (admin ??= await signedInStaff(ctx(), 'admin', { name: 'Ayşe Editor' }));

  it('is for admins only: other roles get 403, signed-out visitors the sign-in page', async () => {
    const { app } = ctx();
    const a = await adminOf();
    const list = await getAs(app, a, '/admin/content');
    expect(list.statusCode).toBe(200);
    const doc = html(list.body);
    expect(doc.querySelector('nav.admin-nav a[href="/admin/content"]')?.text).toBe('Articles & pages');
    // The seeded articles, the six pages and the services are listed.
    expect(doc.querySelectorAll('table.content-table tbody tr').length).toBeGreaterThanOrEqual(6);
    for (const key of ['home', 'robotic', 'therapies', 'articles', 'contact', 'examination']) expect(doc.querySelector(`a[href="/admin/content/pages/${key}"]`), key).not.toBeNull();
    expect(doc.querySelector('a[href="/admin/content/services/robotic-gait"]')).not.toBeNull();
    expect((await getAs(app, a, '/admin/content/articles/new')).statusCode).toBe(200);

    for (const role of ['receptionist', 'therapist'] as const) {
      const who = await signedInStaff(ctx(), role);
      for (const url of ['/admin/content', '/admin/content/articles/new', '/admin/content/pages/home']) expect((await getAs(app, who, url)).statusCode, `${role} ${url}`).toBe(403);
      expect((await postAs(app, who, '/admin/content/preview', { markdown: 'x' })).statusCode).toBe(403);
      expect((await postAs(app, who, '/admin/content/articles/new', articleForm({ en: { title: 'Sneaky' } }))).statusCode).toBe(403);
      const nav = html((await getAs(app, who, '/admin')).body);
      expect(nav.querySelector('a[href="/admin/content"]')).toBeNull();
    }
    const anon = await app.inject({ url: '/admin/content' });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toMatch(/^\/admin\/login\?next=/);
  });

  it('filters the article list by status and language', async () => {
    const { app } = ctx();
    const a = await adminOf();
    await createArticle(app, a, { tr: { title: 'Yalnız Türkçe taslak' } });
    const drafts = html((await getAs(app, a, '/admin/content?status=draft&language=tr')).body);
    const titles = drafts.querySelectorAll('table.content-table tbody tr').map((r) => r.text);
    expect(titles.some((t) => t.includes('Yalnız Türkçe taslak'))).toBe(true);
    expect(titles.every((t) => t.includes('Draft'))).toBe(true);
    const englishDrafts = html((await getAs(app, a, '/admin/content?status=draft&language=en')).body);
    expect(englishDrafts.text).not.toContain('Yalnız Türkçe taslak');
    const bad = await getAs(app, a, '/admin/content?status=nonsense');
    expect(bad.statusCode).toBe(200);
    expect(html(bad.body).querySelector('.banner.error')?.text).toContain('not recognised');
  });

  it('keeps a new draft off the public site, and publishing shows it at once (cached index included)', async () => {
    const { app } = ctx();
    const a = await adminOf();
    // The index is rendered and cached before the change.
    const before = await app.inject({ url: '/en/articles' });
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain('Stretching after a long day');

    const id = await createArticle(app, a, { en: { title: 'Stretching after a long day' } });
    const page = await getAs(app, a, `/admin/content/articles/${id}?notice=created`);
    expect(html(page.body).querySelector('.banner.success')?.text).toContain('Draft saved');
    // The slug came from the title.
    expect(html(page.body).querySelector('#f-en-slug')?.getAttribute('value')).toBe('stretching-after-a-long-day');
    expect(await status(app, '/en/articles/stretching-after-a-long-day')).toBe(404);
    expect((await app.inject({ url: '/en/articles' })).body).not.toContain('Stretching after a long day');
    expect((await app.inject({ url: '/en/search?q=stretching' })).body).not.toContain('Stretching after a long day');

    const form = await currentForm(app, a, id);
    const res = await postAs(app, a, `/admin/content/articles/${id}`, { ...form, intent: 'publish' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/content/articles/${id}?notice=published`);
    expect(await status(app, '/en/articles/stretching-after-a-long-day')).toBe(200);
    expect((await app.inject({ url: '/en/articles' })).body).toContain('Stretching after a long day');
    expect((await app.inject({ url: '/en/search?q=stretching' })).body).toContain('/en/articles/stretching-after-a-long-day');
    const after = html((await getAs(app, a, `/admin/content/articles/${id}`)).body);
    expect(after.querySelector('.editor-state .badge')?.text).toContain('Published');
  });

  it('publishes a scheduled article when the clock passes its time, without a restart', async () => {
    const { app, clock } = ctx();
    const a = await adminOf();
    try {
      // 2026-12-03 09:00 in Istanbul = 06:00 UTC; "now" is 2026-12-02 10:00 there.
      const id = await createArticle(app, a, { en: { title: 'Tomorrow morning walk' } }, 'schedule', { scheduleDate: '2026-12-03', scheduleTime: '09:00' });
      const page = html((await getAs(app, a, `/admin/content/articles/${id}?notice=scheduled`)).body);
      expect(page.querySelector('.editor-state .badge')?.text).toContain('Scheduled for');
      expect(page.querySelector('#f-scheduleDate')?.getAttribute('value')).toBe('2026-12-03');
      expect(page.querySelector('#f-scheduleTime')?.getAttribute('value')).toBe('09:00');
      expect((await app.inject({ url: '/en/articles' })).body).not.toContain('Tomorrow morning walk');
      expect(await status(app, '/en/articles/tomorrow-morning-walk')).toBe(404);

      clock.now = Date.UTC(2026, 11, 3, 6, 0, 1);
      expect(await status(app, '/en/articles/tomorrow-morning-walk')).toBe(200);
      expect((await app.inject({ url: '/en/articles' })).body).toContain('Tomorrow morning walk');
      // A day later the session has long timed out: sign in again to look at the list.
      const later = await signIn(app, a.email, STRONG_PASSWORD);
      const list = html((await getAs(app, later, '/admin/content?status=published')).body);
      expect(list.text).toContain('Tomorrow morning walk');
    } finally {
      clock.now = FIXED_NOW;
      Object.assign(a, await signIn(app, a.email, STRONG_PASSWORD));
    }
  });

  it('refuses a time in the past, keeping what was typed', async () => {
    const { app } = ctx();
    const a = await adminOf();
    const res = await postAs(app, a, '/admin/content/articles/new', { ...articleForm({ en: { title: 'Too late now' } }), intent: 'schedule', scheduleDate: '2026-12-02', scheduleTime: '09:00' });
    expect(res.statusCode).toBe(422);
    const doc = html(res.body);
    expect(doc.querySelector('#f-scheduleDate-error')?.text).toContain('already passed');
    expect(doc.querySelector('#f-en-title')?.getAttribute('value')).toBe('Too late now');
    const missing = await postAs(app, a, '/admin/content/articles/new', { ...articleForm({ en: { title: 'No time' } }), intent: 'schedule', scheduleDate: '2026-02-30', scheduleTime: '' });
    expect(missing.statusCode).toBe(422);
    expect(html(missing.body).querySelector('#f-scheduleTime-error')?.text).toBe('Please fill in this field.');
    expect(html(missing.body).querySelector('#f-scheduleDate-error')?.text).toBe('Please give a real date.');
  });

  it('keeps the old address of a published article as a 301 when its slug changes', async () => {
    const { app } = ctx();
    const a = await adminOf();
    const id = await createArticle(app, a, { en: { title: 'Knee exercises', slug: 'knee-exercises' } }, 'publish');
    expect(await status(app, '/en/articles/knee-exercises')).toBe(200);
    const editor = html((await getAs(app, a, `/admin/content/articles/${id}`)).body);
    expect(editor.querySelector('#f-en-slug-hint')?.text).toContain('old address keeps working');

    const form = await currentForm(app, a, id);
    const res = await postAs(app, a, `/admin/content/articles/${id}`, { ...form, 'en.slug': 'knee-exercises-at-home', intent: 'save' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/content/articles/${id}?notice=saved&moved=1`);
    expect(html((await getAs(app, a, String(res.headers.location))).body).querySelector('.banner.success')?.text).toContain('forwards visitors');
    const old = await app.inject({ url: '/en/articles/knee-exercises' });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/en/articles/knee-exercises-at-home');
    expect(await status(app, '/en/articles/knee-exercises-at-home')).toBe(200);
  });

  it('says so when a slug is already taken, and saves nothing', async () => {
    const { app } = ctx();
    const a = await adminOf();
    const count = (await app.services.articles.list()).length;
    const res = await postAs(app, a, '/admin/content/articles/new', {
      ...articleForm({ tr: { title: 'Başka bir spazm yazısı', slug: 'baska-bir-spazm-yazisi' }, en: { title: 'Another spasm article', slug: 'what-causes-muscle-spasm' } }),
      intent: 'save',
    });
    expect(res.statusCode).toBe(422);
    const doc = html(res.body);
    expect(doc.querySelector('#f-en-slug-error')?.text).toContain('Another article already uses this address');
    expect(doc.querySelector('#f-en-slug')?.getAttribute('value')).toBe('what-causes-muscle-spasm');
    expect(doc.querySelector('#f-tr-title')?.getAttribute('value')).toBe('Başka bir spazm yazısı');
    expect((await app.services.articles.list()).length).toBe(count);

    // Editing an existing article into a taken slug: nothing of the form is saved, both languages keep their text.
    const id = await createArticle(app, a, { tr: { title: 'Boyun ağrısı' }, en: { title: 'Neck pain' } });
    const form = await currentForm(app, a, id);
    const edit = await postAs(app, a, `/admin/content/articles/${id}`, { ...form, 'tr.title': 'Boyun ağrısı (yeni)', 'en.slug': 'what-causes-muscle-spasm', intent: 'save' });
    expect(edit.statusCode).toBe(422);
    expect(html(edit.body).querySelector('#f-en-slug-error')?.text).toContain('already uses');
    const stored = await app.services.articles.get(id);
    expect(stored.translations.find((t) => t.locale === 'tr')?.title).toBe('Boyun ağrısı');
  });

  it('answers bad input with clear messages, never a 500', async () => {
    const { app } = ctx();
    const a = await adminOf();
    const post = (values: Record<string, string>) => postAs(app, a, '/admin/content/articles/new', { ...values, intent: 'save' });

    const noTitle = await post(articleForm({ en: { title: '', summary: 'Summary', bodyMd: 'Body' } }));
    expect(noTitle.statusCode).toBe(422);
    expect(html(noTitle.body).querySelector('#f-en-title-error')?.text).toBe('Please fill in this field.');

    const nothing = await post({ authorName: 'A', editorName: 'B' });
    expect(nothing.statusCode).toBe(422);
    expect(html(nothing.body).querySelector('.banner.error')?.text).toContain('at least one language');

    const huge = 'a'.repeat(200 * 1024);
    const tooLong = await post(articleForm({ en: { title: 'Huge', bodyMd: huge } }));
    expect(tooLong.statusCode).toBe(422);
    const message = html(tooLong.body).querySelector('#f-en-bodyMd-error')?.text ?? '';
    expect(message).toContain('204,800 characters');
    expect(message).toContain('200,000');
    // What was typed comes back in full.
    expect(html(tooLong.body).querySelector('#f-en-bodyMd')?.textContent.length).toBe(huge.length);

    // Turkish letters take 6 bytes each in a posted form: the 1.2 MB body still gets a message, not an error page.
    const turkish = await post(articleForm({ tr: { title: 'Uzun', bodyMd: 'ığ'.repeat(100_001) } }));
    expect(turkish.statusCode).toBe(422);
    expect(html(turkish.body).querySelector('#f-tr-bodyMd-error')?.text).toContain('200,002 characters');

    const longSummary = await post(articleForm({ en: { title: 'Wordy', summary: 'x'.repeat(161) } }));
    expect(longSummary.statusCode).toBe(422);
    expect(html(longSummary.body).querySelector('#f-en-summary-error')?.text).toContain('limit is 160');

    const badSlug = await post(articleForm({ en: { title: 'Bad slug', slug: 'Not A Slug!' } }));
    expect(badSlug.statusCode).toBe(422);
    expect(html(badSlug.body).querySelector('#f-en-slug-error')?.text).toContain('lower-case letters');

    const control = await post(articleForm({ en: { title: 'Bell \u0007 in title' } }));
    expect(control.statusCode).toBe(422);
    expect(html(control.body).querySelector('#f-en-title-error')?.text).toContain('control characters');

    const loneSurrogate = await post(articleForm({ en: { title: 'Half \uD800 pair' } }));
    expect(loneSurrogate.statusCode).toBeLessThan(500);

    const symbols = await post(articleForm({ en: { title: '!!! ??? ***' } }));
    expect(symbols.statusCode).toBe(422);
    expect(html(symbols.body).querySelector('#f-en-slug-error')).not.toBeNull();

    const unknownCategory = await post(articleForm({ en: { title: 'Unknown topic' } }, { categoryKey: 'no-such-topic' }));
    expect(unknownCategory.statusCode).toBe(422);
    expect(html(unknownCategory.body).querySelector('#f-categoryKey-error')?.text).toBe('Please choose one of the options.');

    expect((await getAs(app, a, '/admin/content/articles/999999')).statusCode).toBe(404);
    expect((await getAs(app, a, '/admin/content/articles/abc')).statusCode).toBe(404);
    expect((await getAs(app, a, '/admin/content/articles/99999999999')).statusCode).toBe(404);
    expect((await app.inject({ url: '/admin/content/preview', headers: { cookie: a.cookie } })).statusCode).toBe(405);
  });

  it('escapes markup in titles and bodies on the public page, and takes naughty Unicode and Turkish letters', async () => {
    const { app } = ctx();
    const a = await adminOf();
    const id = await createArticle(
      app,
      a,
      { en: { title: '<script>alert("t")</script> Safe title', slug: 'safe-title', summary: 'A <img src=x onerror=alert(1)> summary', bodyMd: '<script>alert("b")</script>\n\n[x](javascript:alert(1))\n\n## Part' } },
      'publish',
    );
    const page = await app.inject({ url: '/en/articles/safe-title' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).not.toContain('href="javascript:');
    expect(page.body).toContain('&lt;script&gt;alert(');
    expect(html(page.body).querySelector('h1')?.text).toContain('<script>alert("t")</script> Safe title');
    expect(id).toBeGreaterThan(0);

    // Right-to-left text, combining marks, emoji, zero-width joiners: stored and shown as typed.
    const naughty = 'Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè ‮gnirts‭ 👩‍👩‍👧 ١٢٣ שָׁלוֹם';
    const nid = await createArticle(app, a, { en: { title: `Naughty ${naughty}`, slug: 'naughty-unicode', bodyMd: naughty } }, 'publish');
    const shown = await app.inject({ url: '/en/articles/naughty-unicode' });
    expect(shown.statusCode).toBe(200);
    expect(html(shown.body).querySelector('h1')?.text).toContain(naughty.normalize('NFC'));
    expect(nid).toBeGreaterThan(0);

    // İ/ı/ş/ğ/ç/ö/ü titles make ASCII slugs.
    const tid = await createArticle(app, a, { tr: { title: 'Işık Tedavisi İle Ağrı Çözümü, Öğün ve Üşüme' } });
    const stored = await app.services.articles.get(tid);
    expect(stored.translations[0]?.slug).toBe('isik-tedavisi-ile-agri-cozumu-ogun-ve-usume');
  });

  it('previews Markdown as the public site renders it, with raw HTML disabled and CSRF required', async () => {
    const { app } = ctx();
    const a = await adminOf();
    const noToken = await app.inject({
      method: 'POST',
      url: '/admin/content/preview',
      payload: 'markdown=hello',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: a.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    const crossSite = await app.inject({
      method: 'POST',
      url: '/admin/content/preview',
      payload: 'markdown=hello',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: a.cookie, 'x-csrf-token': a.csrf, origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);

    const source = '# Big\n\n## Kas spazmı\n\n<script>alert(1)</script> <b>bold?</b>\n\nSee [the site](https://example.org).';
    const res = await app.inject({
      method: 'POST',
      url: '/admin/content/preview',
      payload: new URLSearchParams({ markdown: source, kind: 'article' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: a.cookie, 'x-csrf-token': a.csrf },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).not.toContain('<script>');
    expect(res.body).not.toContain('<b>');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Like the article page: "#" becomes a section heading, headings get ids, outside links get rel.
    expect(res.body).toContain('<h2 id="big">Big</h2>');
    expect(res.body).toContain('<h2 id="kas-spazmi">Kas spazmı</h2>');
    expect(res.body).toContain('rel="external noopener noreferrer"');

    const pageKind = await postAs(app, a, '/admin/content/preview', { markdown: '# Title', kind: 'page' });
    expect(pageKind.body.trim()).toBe('<h1>Title</h1>');

    const huge = await postAs(app, a, '/admin/content/preview', { markdown: 'b'.repeat(200_001) });
    expect(huge.statusCode).toBe(422);
    expect(huge.body).toContain('200,001');

    // Without JavaScript, the Preview button shows the same thing on the edit page and saves nothing.
    const count = (await app.services.articles.list()).length;
    const noJs = await postAs(app, a, '/admin/content/articles/new', { ...articleForm({ en: { title: 'Only a preview', bodyMd: '## Preview me\n\n<i>raw</i>' } }), intent: 'preview' });
    expect(noJs.statusCode).toBe(200);
    const pane = html(noJs.body).querySelector('#preview-en');
    expect(pane?.innerHTML).toContain('<h2 id="preview-me">Preview me</h2>');
    expect(pane?.innerHTML).toContain('&lt;i&gt;raw&lt;/i&gt;');
    expect(html(noJs.body).querySelector('#f-en-title')?.getAttribute('value')).toBe('Only a preview');
    expect((await app.services.articles.list()).length).toBe(count);
  });

  it('changes page and service texts on the public site at once; page addresses stay', async () => {
    const { app } = ctx();
    const a = await adminOf();
    const before = await app.inject({ url: '/en/contact' });
    expect(before.statusCode).toBe(200);

    const editor = html((await getAs(app, a, '/admin/content/pages/contact')).body);
    expect(editor.querySelector('.fixed-address a[href="/en/contact"]')).not.toBeNull();
    expect(editor.querySelector('input[name="en.slug"]')).toBeNull();
    const values: Record<string, string> = {};
    for (const el of editor.querySelectorAll('form.editor input, form.editor textarea')) {
      const name = el.getAttribute('name');
      if (name && name !== '_csrf') values[name] = el.tagName === 'TEXTAREA' ? el.textContent : (el.getAttribute('value') ?? '');
    }
    const res = await postAs(app, a, '/admin/content/pages/contact', { ...values, 'en.title': 'Reach the clinic <today>', 'en.bodyMd': 'Call us **any weekday**.' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/content/pages/contact?notice=savedLive');
    const after = await app.inject({ url: '/en/contact' });
    expect(after.statusCode).toBe(200);
    expect(html(after.body).querySelector('h1')?.text).toBe('Reach the clinic <today>');
    expect(after.body).toContain('<strong>any weekday</strong>');
    expect((await app.inject({ url: '/tr/iletisim' })).statusCode).toBe(200);

    const emptied = await postAs(app, a, '/admin/content/pages/contact', { ...values, 'tr.title': '  ' });
    expect(emptied.statusCode).toBe(422);
    expect(html(emptied.body).querySelector('#f-tr-title-error')?.text).toBe('Please fill in this field.');
    expect((await getAs(app, a, '/admin/content/pages/nowhere')).statusCode).toBe(404);

    // A service's public name changes on the page that lists it.
    const robotic = await app.inject({ url: '/en/robotic-rehabilitation' });
    expect(robotic.statusCode).toBe(200);
    const service = html((await getAs(app, a, '/admin/content/services/robotic-gait')).body);
    const svc: Record<string, string> = {};
    for (const el of service.querySelectorAll('form.editor input, form.editor textarea')) {
      const name = el.getAttribute('name');
      if (name && name !== '_csrf') svc[name] = el.tagName === 'TEXTAREA' ? el.textContent : (el.getAttribute('value') ?? '');
    }
    const saved = await postAs(app, a, '/admin/content/services/robotic-gait', { ...svc, 'en.title': 'Walking with a robot' });
    expect(saved.statusCode).toBe(303);
    expect((await app.inject({ url: '/en/robotic-rehabilitation' })).body).toContain('Walking with a robot');
    expect((await getAs(app, a, '/admin/content/services/no-such-service')).statusCode).toBe(404);

    const rows = await audit.list(ctx().database.db, { action: 'page.update', limit: 10, offset: 0 });
    expect(rows.rows.some((r) => r.target_id === 'contact' && r.actor_user_id === a.id)).toBe(true);
  });

  it('writes publish, unpublish and delete to the audit trail', async () => {
    const { app, database } = ctx();
    const a = await adminOf();
    const id = await createArticle(app, a, { en: { title: 'Audited article' } }, 'publish');
    let form = await currentForm(app, a, id);
    expect((await postAs(app, a, `/admin/content/articles/${id}`, { ...form, intent: 'unpublish' })).statusCode).toBe(303);
    expect(await status(app, '/en/articles/audited-article')).toBe(404);
    form = await currentForm(app, a, id);
    expect((await postAs(app, a, `/admin/content/articles/${id}`, { ...form, intent: 'archive' })).statusCode).toBe(303);
    const del = await postAs(app, a, `/admin/content/articles/${id}/delete`);
    expect(del.statusCode).toBe(303);
    expect(del.headers.location).toBe('/admin/content?notice=deleted');
    expect((await getAs(app, a, `/admin/content/articles/${id}`)).statusCode).toBe(404);

    for (const action of ['article.create', 'article.publish', 'article.unpublish', 'article.archive', 'article.delete']) {
      const { rows } = await audit.list(database.db, { action, limit: 50, offset: 0 });
      expect(rows.some((r) => r.target_id === String(id) && r.actor_user_id === a.id && r.ip !== null), action).toBe(true);
    }
    // The audit page names them in words.
    const page = html((await getAs(app, a, '/admin/audit?action=article.publish')).body);
    expect(page.text).toContain('Article published');
    expect((await audit.verifyChain(database.db)).ok).toBe(true);
  });

  it('removes a language whose fields were all emptied, but never the last one', async () => {
    const { app } = ctx();
    const a = await adminOf();
    const id = await createArticle(app, a, { tr: { title: 'İki dilli yazı' }, en: { title: 'Two-language piece' } }, 'publish');
    expect(await status(app, '/en/articles/two-language-piece')).toBe(200);
    const form = await currentForm(app, a, id);
    const emptied = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, k.startsWith('en.') ? '' : v]));
    expect((await postAs(app, a, `/admin/content/articles/${id}`, { ...emptied, intent: 'save' })).statusCode).toBe(303);
    expect(await status(app, '/en/articles/two-language-piece')).toBe(404);
    expect(await status(app, '/tr/makaleler/iki-dilli-yazi')).toBe(200);
    const none = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, k.startsWith('en.') || k.startsWith('tr.') ? '' : v]));
    const refused = await postAs(app, a, `/admin/content/articles/${id}`, { ...none, intent: 'save' });
    expect(refused.statusCode).toBe(422);
    expect(await status(app, '/tr/makaleler/iki-dilli-yazi')).toBe(200);
  });
});
