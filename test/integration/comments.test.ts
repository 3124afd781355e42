// Comments end to end on every engine: submit → pending → approve → visible (cache refreshed), the clinic's answer
// with its badge and reply e-mail, reject, delete, the no-JavaScript path, and every spam defence.
import { expect, it } from 'vitest';
import { describeEachEngine, type TestContext } from '../helpers/engines.ts';
import { EN_ARTICLE, freshIp, ownCookie, postComment, solvedProof, TR_ARTICLE } from '../helpers/comments.ts';
import { html } from '../helpers/html.ts';
import { form, getAs, postAs, signedInStaff } from '../helpers/staff.ts';

const TR_PATH = `/tr/makaleler/${TR_ARTICLE}`;
const EN_PATH = `/en/articles/${EN_ARTICLE}`;

async function commentRow(ctx: TestContext, id: number) {
  return ctx.database.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

async function page(ctx: TestContext, path: string, cookie?: string) {
  const res = await ctx.app.inject({ url: path, headers: { 'accept-encoding': 'identity', ...(cookie ? { cookie } : {}) } });
  expect(res.statusCode, path).toBe(200);
  return res;
}

const env = { COMMENTS_POW_MAX_NUMBER: '3000', COMMENTS_MAX_PER_IP_PER_HOUR: '3', COMMENTS_MAX_PER_ARTICLE_PER_HOUR: '40' };

describeEachEngine(
  'comments',
  (ctx) => {
    it('shows the section, the form with the notice link and the versioned consent under an article', async () => {
      const res = await page(ctx(), TR_PATH);
      const doc = html(res.body);
      const section = doc.querySelector('#comments');
      expect(section?.querySelector('h2')?.text).toContain('Kliniğe sorular');
      const formEl = doc.querySelector('form.comment-form')!;
      expect(formEl.getAttribute('action')).toBe('/tr/yorumlar');
      expect(formEl.querySelector('input[name="consent"]')?.hasAttribute('checked')).toBe(false);
      expect(formEl.querySelector('label[for="cm-consent"]')?.text).toContain('metin sürümü 1');
      const notice = formEl.querySelector('.comment-notice a')!.getAttribute('href')!;
      const noticePage = await ctx().app.inject({ url: notice });
      expect(noticePage.statusCode).toBe(200);
      expect(noticePage.body).toContain('aydınlatma metni');
      expect(doc.querySelector('.article-meta a[href="#comments"]')?.text).toBe('0 yorum');
      // comments.js is not loaded with the page: the form names it, public.js imports it on the first use of the form.
      expect(doc.querySelectorAll('script[src^="/assets/comments-"]')).toHaveLength(0);
      const script = await ctx().app.inject({ url: formEl.getAttribute('data-script')! });
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
      const en = html((await page(ctx(), EN_PATH)).body);
      expect(en.querySelector('#comments h2')?.text).toContain('Questions to the clinic');
    });

    it('runs the whole flow: pending (only its author sees it) → approved and visible → clinic answer with badge and e-mail', async () => {
      const c = ctx();
      const admin = await signedInStaff(c, 'admin');
      await page(c, TR_PATH); // the page is cached now
      const res = await postComment(c, { name: 'Zeynep', email: 'zeynep@example.com', notifyOnReply: true, body: 'Gece kramplarında\nne yapmalıyım?' });
      expect(res.statusCode).toBe(202);
      const { id, status } = res.json<{ id: number; status: string }>();
      expect(status).toBe('pending');
      expect((await commentRow(c, id))?.status).toBe('pending');

      // Not public; only its author (by the signed cookie scoped to the article) sees it, marked as waiting.
      expect((await page(c, TR_PATH)).body).not.toContain('Gece kramplarında');
      const cookie = ownCookie(res)!;
      expect(cookie).toBeTruthy();
      const own = await page(c, TR_PATH, cookie);
      expect(own.headers['cache-control']).toBe('private, no-store');
      const ownDoc = html(own.body);
      expect(ownDoc.querySelector(`#own-${id}`)?.text).toContain('Onay bekliyor');
      expect(ownDoc.querySelector(`#own-${id} .comment-body`)?.innerHTML).toBe('<p>Gece kramplarında<br>ne yapmalıyım?</p>');
      // A forged cookie shows nothing.
      expect((await page(c, TR_PATH, `rc_own_tr_${TR_ARTICLE}=${id}.AAAAAAAAAAAAAAAAAAAAAA`)).body).not.toContain('Gece kramplarında');
      // A second comment by the same reader joins the list; both show to them.
      const second = await postComment(c, { name: 'Zeynep', body: 'Bir de: magnezyum işe yarar mı?' }, { cookie });
      const both = ownCookie(second)!;
      const bothDoc = html((await page(c, TR_PATH, both)).body);
      expect(bothDoc.querySelector(`#own-${id}`)).toBeTruthy();
      expect(bothDoc.querySelector(`#own-${second.json<{ id: number }>().id}`)).toBeTruthy();
      // Another article's page is the shared one for this reader.
      expect((await c.app.inject({ url: '/tr/makaleler/robot-destekli-yurume-egitimi', headers: { cookie: both } })).headers['cache-control']).toBe('public, max-age=0, must-revalidate');

      // The queue lists it, with the count in the navigation.
      const queue = await getAs(c.app, admin, '/admin/comments');
      expect(queue.statusCode).toBe(200);
      const queueDoc = html(queue.body);
      expect(queueDoc.querySelector(`#c-${id}`)?.text).toContain('Gece kramplarında');
      expect(queueDoc.querySelector('.admin-nav a[href="/admin/comments"] .nav-count')?.text).toMatch(/\d/);

      const approve = await c.app.inject({ method: 'POST', url: `/api/v1/comments/${id}/approve`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
      expect(approve.statusCode).toBe(200);
      expect(approve.json()).toEqual({ changed: 1 });
      const shown = html((await page(c, TR_PATH)).body);
      expect(shown.querySelector(`#comment-${id}`)?.text).toContain('Zeynep');
      expect(shown.querySelector('.article-meta a[href="#comments"]')?.text).toBe('1 yorum');
      expect(shown.querySelector(`#comment-${id} .comment-date`)?.text).toContain('bugün');
      // Its author's waiting list is forgotten once nothing of theirs waits.
      await c.app.inject({ method: 'DELETE', url: `/api/v1/comments/${second.json<{ id: number }>().id}`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
      const after = await c.app.inject({ url: TR_PATH, headers: { cookie: both } });
      expect(String(after.headers['set-cookie'])).toContain(`rc_own_tr_${TR_ARTICLE}=;`);

      // The clinic answers: published at once with the badge; the author gets one e-mail with an unsubscribe link.
      const answer = await c.app.inject({
        method: 'POST',
        url: `/api/v1/comments/${id}/reply`,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
        payload: { body: 'Yatmadan önce hafif germe egzersizleri yardımcı olabilir.' },
      });
      expect(answer.statusCode).toBe(201);
      const answerId = answer.json<{ id: number }>().id;
      const withAnswer = html((await page(c, TR_PATH)).body);
      const answerEl = withAnswer.querySelector(`#comment-${id}`)!.parentNode!.querySelector(`#comment-${answerId}`)!;
      expect(answerEl.querySelector('.comment-badge')?.text).toBe('Klinik');
      expect(answerEl.classList.contains('is-clinic')).toBe(true);
      const mails = await c.database.db.selectFrom('outbox').selectAll().where('kind', '=', 'comment.reply').execute();
      expect(mails).toHaveLength(1);
      expect(mails[0]!.recipient).toBe('zeynep@example.com');
      expect(mails[0]!.body_text).toContain(`${TR_PATH}#comment-${answerId}`);
      expect(mails[0]!.body_text).not.toContain('germe'); // says that an answer came, not what it says
      const unsubscribe = /\/tr\/yorumlar\/bildirim-iptal\/\S+/.exec(mails[0]!.body_text)![0];
      const ask = await c.app.inject({ url: unsubscribe });
      expect(ask.statusCode).toBe(200);
      expect((await commentRow(c, id))?.notify_on_reply).toBe(1); // a GET changes nothing
      const stop = await c.app.inject({ method: 'POST', url: unsubscribe });
      expect(stop.statusCode).toBe(200);
      expect(Number((await commentRow(c, id))?.notify_on_reply)).toBe(0);
      expect((await c.app.inject({ url: '/tr/yorumlar/bildirim-iptal/1.AAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);

      const audit = await c.database.db.selectFrom('audit_log').select(['action', 'target_id']).where('target_type', '=', 'comment').execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['comment.approve', 'comment.reply', 'comment.unsubscribe']));
    });

    it('rejects as spam and deletes (the page forgets at once), and edits with an audit entry', async () => {
      const c = ctx();
      const admin = await signedInStaff(c, 'admin');
      const ids: number[] = [];
      for (const body of ['Birinci soru: TENS güvenli mi?', 'İkinci soru: kaç seans gerekir?', 'Üçüncü soru: evde ne yapılır?']) {
        const res = await postComment(c, { body });
        ids.push(res.json<{ id: number }>().id);
      }
      // Bulk approve through the back-office form.
      const bulk = await c.app.inject({
        method: 'POST',
        url: '/admin/comments/bulk',
        payload: `_csrf=${admin.csrf}&action=approve&ids=${ids[0]}&ids=${ids[1]}&ids=${ids[2]}&return=%2Fadmin%2Fcomments`,
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(bulk.statusCode).toBe(303);
      expect(bulk.headers.location).toContain('done=approve');
      let body = (await page(c, TR_PATH)).body;
      for (const q of ['Birinci soru', 'İkinci soru', 'Üçüncü soru']) expect(body).toContain(q);

      const reject = await postAs(c.app, admin, '/admin/comments/bulk', { action: `spam:${ids[0]}`, return: '/admin/comments?status=approved' });
      expect(reject.statusCode).toBe(303);
      expect((await commentRow(c, ids[0]!))?.status).toBe('spam');
      const del = await c.app.inject({ method: 'DELETE', url: `/api/v1/comments/${ids[1]}`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
      expect(del.statusCode).toBe(204);
      expect(await commentRow(c, ids[1]!)).toBeUndefined();
      body = (await page(c, TR_PATH)).body;
      expect(body).not.toContain('Birinci soru');
      expect(body).not.toContain('İkinci soru');

      const edit = await postAs(c.app, admin, `/admin/comments/${ids[2]}/edit`, { name: 'Okur', body: 'Üçüncü soru: evde hangi egzersizler yapılır?' });
      expect(edit.statusCode).toBe(303);
      expect((await page(c, TR_PATH)).body).toContain('evde hangi egzersizler');
      const rows = await c.database.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'comment.edit').where('target_id', '=', String(ids[2])).execute();
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]!.details)).toMatchObject({ changed: ['name', 'body'] });
      const emptyEdit = await postAs(c.app, admin, `/admin/comments/${ids[2]}/edit`, { name: '', body: '' });
      expect(emptyEdit.statusCode).toBe(422);
      expect(html(emptyEdit.body).querySelector('#f-body-error')?.text).toBeTruthy();

      // The staff API lists with filters; a bad filter is a 422, never a 500.
      const list = await c.app.inject({ url: '/api/v1/comments?status=spam', headers: { cookie: admin.cookie } });
      expect(list.statusCode).toBe(200);
      expect(list.json<{ items: Array<{ id: number }> }>().items.map((i) => i.id)).toContain(ids[0]);
      expect(JSON.stringify(list.json())).not.toContain('@');
      expect((await c.app.inject({ url: '/api/v1/comments?status=nope', headers: { cookie: admin.cookie } })).statusCode).toBe(422);
      const search = await getAs(c.app, admin, `/admin/comments?status=&q=${encodeURIComponent('egzersiz')}`);
      expect(html(search.body).querySelector(`#c-${ids[2]}`)).toBeTruthy();
      // Turkish letters and case folded on both engines: capitals with dots and cedillas, and ı typed as i.
      for (const q of ['ÜÇÜNCÜ', 'yapilir', 'EVDE HANGİ', 'OKUR']) {
        const found = await getAs(c.app, admin, `/admin/comments?status=&q=${encodeURIComponent(q)}`);
        expect(html(found.body).querySelector(`#c-${ids[2]}`), q).toBeTruthy();
      }
      const none = await getAs(c.app, admin, `/admin/comments?status=&q=${encodeURIComponent('DÖRDÜNCÜ')}`);
      expect(html(none.body).querySelector(`#c-${ids[2]}`)).toBeFalsy();
      // LIKE's wildcards are plain text here.
      const wild = await getAs(c.app, admin, `/admin/comments?status=&q=${encodeURIComponent('%_')}`);
      expect(wild.statusCode).toBe(200);
      expect(html(wild.body).querySelector(`#c-${ids[2]}`)).toBeFalsy();
      expect((await getAs(c.app, admin, '/admin/comments?status=bogus')).statusCode).toBe(400);
    });

    it('refuses bad input with 422 problem+json per field, unknown articles with 404', async () => {
      const c = ctx();
      const bad = await postComment(c, { name: '', body: 'x'.repeat(5001), consent: false, email: 'not-an-email' });
      expect(bad.statusCode).toBe(422);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      const errors = bad.json<{ errors: Record<string, string> }>().errors;
      expect(Object.keys(errors)).toEqual(expect.arrayContaining(['name', 'consent', 'email']));
      const long = await postComment(c, { body: 'y'.repeat(5001) });
      expect(long.statusCode).toBe(422);
      expect(long.json<{ errors: Record<string, string> }>().errors.body).toContain('5000');
      const fine = await postComment(c, { body: '🙂'.repeat(5000) }); // 5,000 characters even if 10,000 UTF-16 units
      expect(fine.statusCode).toBe(202);
      const notify = await postComment(c, { notifyOnReply: true });
      expect(Object.keys(notify.json<{ errors: Record<string, string> }>().errors)).toEqual(['email']);
      expect((await postComment(c, { article: 'no-such-article' })).statusCode).toBe(404);
      const notJson = await c.app.inject({ method: 'POST', url: '/api/v1/comments', payload: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(notJson.statusCode).toBe(415);
      const cross = await c.app.inject({ method: 'POST', url: '/api/v1/comments', payload: {}, headers: { origin: 'https://evil.example' } });
      expect(cross.statusCode).toBe(403);
    });

    it('refuses the honeypot and too many links; keeps two links as nofollow ugc links', async () => {
      const c = ctx();
      const honey = await postComment(c, { website: 'http://spam.example' });
      expect(honey.statusCode).toBe(422);
      expect(Object.keys(honey.json<{ errors: Record<string, string> }>().errors)).toEqual(['_']);
      const links = await postComment(c, { body: 'Bakın https://a.example ve https://b.example ile https://c.example' });
      expect(links.statusCode).toBe(422);
      expect(links.json<{ errors: Record<string, string> }>().errors.body).toContain('2');
      const bare = await postComment(c, { body: 'spam1.com spam2.net spam3.org' });
      expect(bare.statusCode).toBe(422);
      const two = await postComment(c, { body: 'Kaynak: https://www.example.org/spazm?a=1&b=2. Ve javascript:alert(1) bağlantı olmamalı.' });
      expect(two.statusCode).toBe(202);
      const admin = await signedInStaff(c, 'admin');
      const id = two.json<{ id: number }>().id;
      await postAs(c.app, admin, '/admin/comments/bulk', { action: `approve:${id}` });
      const el = html((await page(c, TR_PATH)).body).querySelector(`#comment-${id}`)!;
      const anchors = el.querySelectorAll('.comment-body a');
      expect(anchors).toHaveLength(1);
      expect(anchors[0]!.getAttribute('href')).toBe('https://www.example.org/spazm?a=1&b=2');
      expect(anchors[0]!.getAttribute('rel')).toBe('nofollow ugc noopener');
      expect(el.querySelector('.comment-body')!.text).toContain('javascript:alert(1)');
    });

    it('verifies the proof of work: valid, invalid, replayed, expired, too fast; none means a higher spam score', async () => {
      const c = ctx();
      const proof = await solvedProof(c.app);
      const fast = await postComment(c, { body: 'Hızlı soru' }, { proof });
      expect(fast.statusCode).toBe(422);
      expect(fast.json<{ errors: Record<string, string> }>().errors._).toBeTruthy();
      c.clock.now += 5000;
      const ok = await postComment(c, { body: 'Geçerli kanıtlı soru' }, { proof });
      expect(ok.statusCode).toBe(202);
      const row = await commentRow(c, ok.json<{ id: number }>().id);
      expect(row?.status).toBe('pending');
      expect(Number(row?.spam_score)).toBe(0);
      const replay = await postComment(c, { body: 'Aynı kanıtla ikinci soru' }, { proof });
      expect(replay.statusCode).toBe(422);
      expect(Object.keys(replay.json<{ errors: Record<string, string> }>().errors)).toEqual(['altcha']);

      const tampered = JSON.parse(Buffer.from(await solvedProof(c.app), 'base64').toString()) as { number: number };
      tampered.number = (tampered.number + 1) % 3000;
      c.clock.now += 5000;
      const invalid = await postComment(c, { body: 'Sahte kanıt' }, { proof: Buffer.from(JSON.stringify(tampered)).toString('base64') });
      expect(invalid.statusCode).toBe(422);
      expect((await postComment(c, { body: 'Bozuk kanıt' }, { proof: 'bm90LWpzb24=' })).statusCode).toBe(422);

      const old = await solvedProof(c.app);
      c.clock.now += 31 * 60_000;
      const expired = await postComment(c, { body: 'Bekletilmiş kanıt' }, { proof: old });
      expect(expired.statusCode).toBe(422);

      const none = await postComment(c, { body: 'JavaScript kapalıyken soru' }, { proof: false });
      expect(none.statusCode).toBe(202);
      const noneRow = await commentRow(c, none.json<{ id: number }>().id);
      expect(Number(noneRow?.spam_score)).toBeGreaterThan(0);
      expect(JSON.parse(noneRow!.spam_reasons)).toContain('no-proof-of-work');
      // Duplicate text on top of that: the spam queue, though its sender is told "pending" like everyone.
      const dup = await postComment(c, { body: 'javascript  KAPALIYKEN soru' }, { proof: false });
      expect(dup.json<{ status: string }>().status).toBe('pending');
      expect((await commentRow(c, dup.json<{ id: number }>().id))?.status).toBe('spam');
    });

    it('holds the per-IP and per-article rate limits (stored in the database), IPs only as keyed hashes', async () => {
      const c = ctx();
      const ip = freshIp();
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await postComment(c, { body: `Oran sınırı sorusu ${i}` }, { ip })).statusCode);
      expect(codes).toEqual([202, 202, 202, 429]);
      expect((await postComment(c, { body: 'Başka adresten soru' })).statusCode).toBe(202);
      // An hour later the address may write again.
      c.clock.now += 61 * 60_000;
      expect((await postComment(c, { body: 'Bir saat sonra soru' }, { ip })).statusCode).toBe(202);
      const stored = await c.database.db.selectFrom('comments').select('ip_hash').execute();
      expect(stored.every((r) => r.ip_hash === null || /^[0-9a-f]{32}$/.test(r.ip_hash))).toBe(true);
      expect(JSON.stringify(stored)).not.toContain('198.51');
    });

    it('works without JavaScript: the form POST answers with a localized "awaits moderation" page and its errors', async () => {
      const c = ctx();
      const doc = html((await page(c, EN_PATH)).body);
      const stamp = doc.querySelector('input[name="stamp"]')!.getAttribute('value')!;
      c.clock.now += 10_000;
      const values = { article: EN_ARTICLE, locale: 'en', parentId: '', stamp, altcha: '', name: 'Sam', email: '', body: 'Is the arm robot suitable after a stroke?', consent: 'yes', website: '' };
      const sent = await c.app.inject({ method: 'POST', url: '/en/comments', ...form(values), remoteAddress: freshIp() });
      expect(sent.statusCode).toBe(200);
      expect(sent.body).toContain('awaits moderation');
      expect(sent.body).toContain('Is the arm robot suitable after a stroke?');
      expect(ownCookie(sent)).toBeTruthy();
      expect(String(sent.headers['set-cookie'])).toMatch(new RegExp(`^rc_own_en_${EN_ARTICLE}=.*Path=/;`));

      const missing = await c.app.inject({ method: 'POST', url: '/en/comments', ...form({ ...values, name: '', consent: '' }), remoteAddress: freshIp() });
      expect(missing.statusCode).toBe(422);
      const missingDoc = html(missing.body);
      expect(missingDoc.querySelector('#cm-name-error')?.text).toContain('Please fill in');
      expect(missingDoc.querySelector('#cm-consent-error')?.text).toContain('tick the box');
      expect(missingDoc.querySelector('#cm-body')?.text).toBe(values.body); // what was typed is kept

      // A form sent back within seconds of being rendered was not written by a person.
      const fresh = c.app.services.comments.formStamp();
      const tooFast = await c.app.inject({ method: 'POST', url: '/en/comments', ...form({ ...values, stamp: fresh, body: 'Quick one' }), remoteAddress: freshIp() });
      expect(tooFast.statusCode).toBe(422);
      expect(html(tooFast.body).querySelector('.bk-banner.error')?.text).toContain('very quick');
      const cross = await c.app.inject({ method: 'POST', url: '/en/comments', ...form(values), headers: { ...form(values).headers, origin: 'https://evil.example' } });
      expect(cross.statusCode).toBe(403);
      expect((await c.app.inject({ url: '/en/comments' })).statusCode).toBe(303);
    });

    it('answers a comment on its own page (no JavaScript) and threads it one level deep', async () => {
      const c = ctx();
      const admin = await signedInStaff(c, 'admin');
      const first = await postComment(c, { body: 'Ana soru: robotik yürüme kimlere uygun?' });
      const id = first.json<{ id: number }>().id;
      await postAs(c.app, admin, '/admin/comments/bulk', { action: `approve:${id}` });
      const replyLink = html((await page(c, TR_PATH)).body).querySelector(`#comment-${id} a[data-reply]`)!.getAttribute('href')!;
      expect(replyLink).toBe(`/tr/yorumlar/yanitla/${id}`);
      const replyPage = html((await page(c, replyLink)).body);
      expect(replyPage.querySelector('input[name="parentId"]')?.getAttribute('value')).toBe(String(id));
      const answer = await postComment(c, { parentId: id, body: 'Ben de merak ediyorum.' });
      const answerId = answer.json<{ id: number }>().id;
      expect((await commentRow(c, answerId))?.parent_id).toBe(id);
      // An answer to an answer joins the same thread.
      await postAs(c.app, admin, '/admin/comments/bulk', { action: `approve:${answerId}` });
      const deeper = await postComment(c, { parentId: answerId, body: 'Üçüncü seviye olmamalı.' });
      expect((await commentRow(c, deeper.json<{ id: number }>().id))?.parent_id).toBe(id);
      expect((await c.app.inject({ url: '/tr/yorumlar/yanitla/99999999' })).statusCode).toBe(404);
      expect((await postComment(c, { parentId: 99999999 })).statusCode).toBe(422);
    });

    it('stores hostile text verbatim and renders it escaped', async () => {
      const c = ctx();
      const admin = await signedInStaff(c, 'admin');
      const hostile = '<script>alert(1)</script> "><img src=x onerror=alert(1)> \u202Egnp.exe İı ZW\u200Bchar 🙂';
      const res = await postComment(c, { name: '<b>Kötü</b>', body: hostile });
      const id = res.json<{ id: number }>().id;
      expect((await commentRow(c, id))?.body).toBe(hostile);
      await postAs(c.app, admin, '/admin/comments/bulk', { action: `approve:${id}` });
      const body = (await page(c, TR_PATH)).body;
      expect(body).not.toContain('<script>alert(1)');
      expect(body).not.toContain('<img src=x');
      expect(body).toContain('&lt;script>alert(1)&lt;/script>');
      expect(html(body).querySelector(`#comment-${id} .comment-body`)!.text).toBe(hostile);
      expect(html(body).querySelector(`#comment-${id} .comment-author`)!.text).toBe('<b>Kötü</b>');
      const queue = await getAs(c.app, admin, '/admin/comments?status=approved');
      expect(queue.body).not.toContain('<script>alert(1)');
    });

    it('deletes comments never approved after 90 days (retention promised in the notice)', async () => {
      const c = ctx();
      const old = await postComment(c, { body: 'Eski, onaylanmamış soru' }, { proof: false });
      const oldId = old.json<{ id: number }>().id;
      c.clock.now += 91 * 24 * 3600_000;
      await postComment(c, { body: 'Yeni soru' });
      expect(await commentRow(c, oldId)).toBeUndefined();
    });

    it('keeps moderation to comments.moderate and documents the API', async () => {
      const c = ctx();
      const receptionist = await signedInStaff(c, 'receptionist');
      expect((await getAs(c.app, receptionist, '/admin/comments')).statusCode).toBe(403);
      const nav = html((await getAs(c.app, receptionist, '/admin')).body);
      expect(nav.querySelector('.admin-nav a[href="/admin/comments"]')).toBeNull();
      expect((await c.app.inject({ url: '/api/v1/comments' })).statusCode).toBe(401);
      expect((await c.app.inject({ method: 'POST', url: '/api/v1/comments/1/approve' })).statusCode).toBe(401);
      const doc = (await c.app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
      expect(Object.keys(doc.paths['/comments']!)).toEqual(expect.arrayContaining(['get', 'post']));
      expect(doc.paths['/comments/{id}']).toHaveProperty('delete');
      expect(doc.paths['/comments/{id}/approve']).toHaveProperty('post');
      expect(doc.paths['/comments/challenge']).toHaveProperty('get');
    });
  },
  { env },
);


describeEachEngine(
  'comments per-article limit',
  (ctx) => {
    it('limits comments per article per hour whatever the address, and other articles stay open', async () => {
      const c = ctx();
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await postComment(c, { body: `Makale sınırı ${i}` })).statusCode);
      expect(codes).toEqual([202, 202, 429]);
      const limited = await postComment(c, { body: 'Makale sınırı yine' });
      expect(limited.headers['content-type']).toContain('application/problem+json');
      // The limit counts the article in both languages; another article is open.
      expect((await postComment(c, { article: EN_ARTICLE, locale: 'en', body: 'Same article in English' })).statusCode).toBe(429);
      expect((await postComment(c, { article: 'robot-destekli-yurume-egitimi', body: 'Başka makale' })).statusCode).toBe(202);
    });
  },
  { env: { ...env, COMMENTS_MAX_PER_ARTICLE_PER_HOUR: '2' } },
);

describeEachEngine(
  'comments: answering right after an approval',
  (ctx) => {
    it('does not wait on itself when nothing was read since the approval (the reply notice needs the articles address)', async () => {
      const c = ctx();
      const admin = await signedInStaff(c, 'admin');
      const res = await postComment(c, { name: 'Ömer', email: 'omer@example.com', notifyOnReply: true, body: 'Kramp için sıcak mı soğuk mu?' });
      expect(res.statusCode).toBe(202);
      const { id } = res.json<{ id: number }>();
      const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
      expect((await c.app.inject({ method: 'POST', url: `/api/v1/comments/${id}/approve`, headers })).statusCode).toBe(200);
      // No page view in between: the approval emptied the caches the reply notice reads from.
      const answer = await Promise.race([
        c.app.inject({ method: 'POST', url: `/api/v1/comments/${id}/reply`, headers: { ...headers, 'content-type': 'application/json' }, payload: { body: 'Önce sıcak uygulama deneyin.' } }),
        new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 5_000)),
      ]);
      expect(answer === 'stuck' ? answer : answer.statusCode).toBe(201);
      const mails = await c.database.db.selectFrom('outbox').select(['recipient', 'body_text']).where('kind', '=', 'comment.reply').execute();
      expect(mails.map((m) => m.recipient)).toEqual(['omer@example.com']);
      expect(mails[0]!.body_text).toContain(`/tr/makaleler/${TR_ARTICLE}#comment-`);
    });
  },
  { env },
);
