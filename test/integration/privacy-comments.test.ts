// Data-subject requests about readers' comments (privacy page, "Comments by e-mail address"): the search (exact
// address, ASCII case ignored), the JSON copy, the erasure (confirmation, fresh proof, answers and reply notices go,
// public page refreshed), the audit rows without the address, CSRF and permissions — on every engine.
import { expect, it } from 'vitest';
import { EN_ARTICLE, postComment, TR_ARTICLE } from '../helpers/comments.ts';
import { describeEachEngine, type TestContext } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { form, getAs, postAs, signedInStaff } from '../helpers/staff.ts';

const MINUTE = 60_000;
const TR_PATH = `/tr/makaleler/${TR_ARTICLE}`;
const LONG = 'Birinci soru <b>kalın</b> & "tırnak": gece kramplarında ne yapmalıyım, hangi egzersizler önerilir, kaç seans sürer?';

async function page(c: TestContext, path: string): Promise<string> {
  const res = await c.app.inject({ url: path, headers: { 'accept-encoding': 'identity' } });
  expect(res.statusCode, path).toBe(200);
  return res.body;
}

async function comment(c: TestContext, body: Record<string, unknown>): Promise<number> {
  const res = await postComment(c, body);
  expect(res.statusCode, res.body).toBe(202);
  return res.json<{ id: number }>().id;
}

describeEachEngine(
  'privacy requests: comments by e-mail address',
  (ctx) => {
    it('finds, copies and erases one address’s comments; answers, reply notices and the cached page follow', async () => {
      const c = ctx();
      const db = c.database.db;
      const admin = await signedInStaff(c, 'admin');
      const mine = await comment(c, { name: 'Ayşe Y.', email: 'Ayse.Y@Example.com', notifyOnReply: true, body: LONG });
      const mineEn = await comment(c, { article: EN_ARTICLE, locale: 'en', name: 'Ayse', email: 'ayse.y@example.com', body: 'Second question: is TENS safe?' });
      const other = await comment(c, { name: 'Başka Okur', email: 'other@example.com', notifyOnReply: true, body: 'Başka bir okurun sorusu burada.' });
      const anonymous = await comment(c, { name: 'Adsız', body: 'E-postasız bir soru burada.' });
      expect((await postAs(c.app, admin, '/admin/comments/bulk', { action: `approve:${mine}` })).statusCode).toBe(303);
      expect((await postAs(c.app, admin, '/admin/comments/bulk', { action: `approve:${other}` })).statusCode).toBe(303);
      expect(await page(c, TR_PATH)).toContain('gece kramplarında');
      // Under her question: the clinic's answer and another reader's, each with a reply notice to her address.
      const clinic = await c.app.inject({
        method: 'POST',
        url: `/api/v1/comments/${mine}/reply`,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
        payload: { body: 'Kliniğin yanıtı: hafif germe egzersizleri.' },
      });
      expect(clinic.statusCode).toBe(201);
      const clinicId = clinic.json<{ id: number }>().id;
      const readerAnswer = await comment(c, { name: 'Başka Okur', email: 'other@example.com', parentId: mine, body: 'Bende de aynısı oldu, geçti.' });
      expect((await postAs(c.app, admin, '/admin/comments/bulk', { action: `approve:${readerAnswer}` })).statusCode).toBe(303);
      expect(await page(c, TR_PATH)).toContain('Bende de aynısı');
      const t = c.clock.now;
      await db
        .insertInto('outbox')
        .values({ channel: 'email', kind: 'comment.reply', recipient: 'other@example.com', locale: 'tr', subject: 'Yanıt', body_text: 'Başka', status: 'pending', attempts: 0, next_attempt_at: t, created_at: t, updated_at: t, dedupe_key: 'test:other' })
        .execute();
      const noticesToHer = async () => (await db.selectFrom('outbox').select('recipient').where('kind', '=', 'comment.reply').execute()).filter((r) => r.recipient.toLowerCase() === 'ayse.y@example.com').length;
      expect(await noticesToHer()).toBe(2);

      // The search: exact address, ASCII case ignored; the other reader's comments are not listed.
      const found = await getAs(c.app, admin, `/admin/privacy?email=${encodeURIComponent('  AYSE.y@EXAMPLE.com ')}`);
      expect(found.statusCode).toBe(200);
      const doc = html(found.body);
      const rows = doc.querySelectorAll('#comments-found tbody tr');
      expect(rows).toHaveLength(2);
      expect(found.body).not.toContain('Başka bir okurun');
      expect(found.body).not.toContain('E-postasız');
      expect(found.body).not.toContain('<b>kalın'); // escaped, as everywhere
      const excerpt = rows[0]!.querySelectorAll('td')[3]!.text;
      expect(excerpt).toContain('<b>kalın</b> & "tırnak"');
      expect(excerpt.endsWith('…')).toBe(true);
      expect(Array.from(excerpt.replace('…', '')).length).toBe(80);
      expect(rows[0]!.text).toContain('Approved');
      expect(rows[1]!.text).toContain('Waiting');
      expect(doc.querySelector('form[action="/admin/privacy/comments/erase"] input[name="email"]')?.getAttribute('value')).toBe('  AYSE.y@EXAMPLE.com ');
      // Part of an address finds nothing; Turkish letters are not an address the comment form accepts.
      expect(html((await getAs(c.app, admin, '/admin/privacy?email=example.com')).body).querySelector('#f-email-error')?.text).toBe('Enter a complete e-mail address, such as name@example.com.');
      for (const bad of ['ayse', 'AYŞE.Y@EXAMPLE.COM', `${'x'.repeat(250)}@example.com`, '%', "' or 1=1 --"]) {
        const res = await getAs(c.app, admin, `/admin/privacy?email=${encodeURIComponent(bad)}`);
        expect(res.statusCode, bad).toBe(422);
        expect(html(res.body).querySelector('#f-email-error')?.text, bad).toContain('complete e-mail address');
      }
      const none = await getAs(c.app, admin, '/admin/privacy?email=nobody%40example.com');
      expect(none.statusCode).toBe(200);
      expect(html(none.body).querySelector('#comments-none')?.text).toContain('nobody@example.com');
      expect(html(none.body).querySelector('form[action="/admin/privacy/comments/erase"]')).toBeNull();
      // The copy.
      const copy = await postAs(c.app, admin, '/admin/privacy/comments/export', { email: 'ayse.y@example.COM' });
      expect(copy.statusCode).toBe(200);
      expect(copy.headers['content-disposition']).toBe('attachment; filename="comments-data.json"');
      expect(copy.headers['cache-control']).toBe('no-store');
      const data = copy.json<{ email: string; comments: Array<Record<string, unknown> & { article: { slug: string; title: string }; text: string; status: string; language: string; name: string }> }>();
      expect(data.email).toBe('ayse.y@example.com');
      expect(data.comments.map((x) => [x.article.slug, x.language, x.name, x.text, x.status])).toEqual([
        [TR_ARTICLE, 'tr', 'Ayşe Y.', LONG, 'approved'],
        [EN_ARTICLE, 'en', 'Ayse', 'Second question: is TENS safe?', 'pending'],
      ]);
      expect(data.comments[0]!.approvedAt).toBe(new Date(Number((await db.selectFrom('comments').select('approved_at').where('id', '=', mine).executeTakeFirstOrThrow()).approved_at)).toISOString());
      expect(copy.body).not.toMatch(/ip|spam/i);
      expect((await postAs(c.app, admin, '/admin/privacy/comments/export', { email: 'nope' })).statusCode).toBe(422);
      // Erasure: not confirmed → nothing happens.
      const unconfirmed = await postAs(c.app, admin, '/admin/privacy/comments/erase', { email: 'Ayse.Y@Example.com' });
      expect(unconfirmed.statusCode).toBe(422);
      expect(html(unconfirmed.body).querySelector('#comments-erase-error')?.text).toBe('Please confirm that the person asked for this and that the clinic has no reason to keep these comments.');
      expect(await db.selectFrom('comments').select('id').where('id', 'in', [mine, mineEn]).execute()).toHaveLength(2);

      const fresh = await signedInStaff(c, 'admin');
      c.clock.now += 6 * MINUTE; // the proof of presence is old now
      try {
        const noProof = await postAs(c.app, fresh, '/admin/privacy/comments/erase', { email: 'Ayse.Y@Example.com', confirm: 'yes' });
        expect(noProof.statusCode).toBe(422);
        expect(html(noProof.body).querySelector('#f-reauth-comments-erase-error')).not.toBeNull();
        const wrong = await postAs(c.app, fresh, '/admin/privacy/comments/erase', { email: 'Ayse.Y@Example.com', confirm: 'yes', reauth: 'not the password' });
        expect(wrong.statusCode).toBe(422);
        expect(await db.selectFrom('comments').select('id').where('id', 'in', [mine, mineEn]).execute()).toHaveLength(2);
        // No or a forged CSRF token: refused.
        const noCsrf = await c.app.inject({ method: 'POST', url: '/admin/privacy/comments/erase', ...form({ email: 'ayse.y@example.com', confirm: 'yes', reauth: fresh.password }), headers: { ...form({}).headers, cookie: fresh.cookie } });
        expect(noCsrf.statusCode).toBe(403);
        const forged = await postAs(c.app, { cookie: fresh.cookie, csrf: admin.csrf }, '/admin/privacy/comments/erase', { email: 'ayse.y@example.com', confirm: 'yes', reauth: fresh.password });
        expect(forged.statusCode).toBe(403);
        expect((await postAs(c.app, { cookie: fresh.cookie, csrf: 'x' }, '/admin/privacy/comments/export', { email: 'ayse.y@example.com' })).statusCode).toBe(403);
        expect(await db.selectFrom('comments').select('id').where('id', 'in', [mine, mineEn]).execute()).toHaveLength(2);

        const erased = await postAs(c.app, fresh, '/admin/privacy/comments/erase', { email: 'AYSE.Y@example.com', confirm: 'yes', reauth: fresh.password });
        expect(erased.statusCode).toBe(303);
        expect(erased.headers.location).toBe('/admin/privacy?notice=commentsErased&count=2&replies=2&messages=2');
        const banners = html((await getAs(c.app, fresh, erased.headers.location!)).body).querySelectorAll('.banner').map((b) => b.text);
        expect(banners.join('\n')).toContain('The comments were erased: 2, with 2 answer(s) under them; reply notices deleted: 2.');

        const left = (await db.selectFrom('comments').select('id').where('id', 'in', [mine, mineEn, clinicId, readerAnswer, other, anonymous]).orderBy('id').execute()).map((r) => Number(r.id));
        expect(left).toEqual([other, anonymous]);
        expect(await noticesToHer()).toBe(0);
        expect(await db.selectFrom('outbox').select('id').where('recipient', '=', 'other@example.com').execute()).toHaveLength(1);
        // The public page forgot at once (the cache was dropped), the other reader's question stays.
        const body = await page(c, TR_PATH);
        expect(body).not.toContain('gece kramplarında');
        expect(body).not.toContain('Kliniğin yanıtı');
        expect(body).toContain('Başka bir okurun');
        expect(html((await getAs(c.app, fresh, '/admin/privacy?email=ayse.y%40example.com')).body).querySelector('#comments-none')).not.toBeNull();

        const audit = await db.selectFrom('audit_log').select(['action', 'details', 'actor_user_id']).where('action', 'in', ['comment.erase', 'comment.export', 'comment.privacy.search']).orderBy('id').execute();
        const erase = audit.filter((a) => a.action === 'comment.erase');
        expect(erase).toHaveLength(1);
        expect(Number(erase[0]!.actor_user_id)).toBe(fresh.id);
        expect(JSON.parse(erase[0]!.details)).toMatchObject({ comments: 2, replies: 2, messages: 2 });
        expect(audit.filter((a) => a.action === 'comment.export').map((a) => JSON.parse(a.details) as unknown)).toEqual([{ comments: 2 }]);
        expect(audit.some((a) => a.action === 'comment.privacy.search')).toBe(true);
        for (const a of audit) expect(a.details.toLowerCase(), a.action).not.toContain('ayse');
      } finally {
        c.clock.now -= 6 * MINUTE;
      }
    });

    it('is for administrators only', async () => {
      const c = ctx();
      for (const role of ['receptionist', 'therapist'] as const) {
        const who = await signedInStaff(c, role);
        expect((await getAs(c.app, who, '/admin/privacy?email=a%40example.com')).statusCode).toBe(403);
        expect((await postAs(c.app, who, '/admin/privacy/comments/export', { email: 'a@example.com' })).statusCode).toBe(403);
        expect((await postAs(c.app, who, '/admin/privacy/comments/erase', { email: 'a@example.com', confirm: 'yes' })).statusCode).toBe(403);
      }
    });
  },
  { env: { COMMENTS_POW_MAX_NUMBER: '3000', COMMENTS_MAX_PER_IP_PER_HOUR: '50', COMMENTS_MAX_PER_ARTICLE_PER_HOUR: '100' } },
);
