// Article cover images over HTTP: upload (type by magic bytes, size limit, broken files, CSRF, permissions), the
// stored AVIF/WebP variants without EXIF, the /media/covers responses, the public page markup and removal — on every engine.
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import * as audit from '../../src/features/audit/service.ts';
import { COVER_MAX_BYTES } from '../../src/features/articles/covers.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { getAs, postAs, signedInStaff, type SignedInStaff } from '../helpers/staff.ts';

/** A multipart body with the CSRF token first (as the editor's form sends it) and one file. */
async function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer } | undefined) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append('cover', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

async function upload(app: FastifyInstance, who: SignedInStaff, id: number, file: { name: string; type: string; bytes: Buffer } | undefined, csrf: string | null = who.csrf) {
  const { payload, contentType } = await multipart(csrf === null ? {} : { _csrf: csrf }, file);
  return app.inject({ method: 'POST', url: `/admin/content/articles/${id}/cover`, payload, headers: { 'content-type': contentType, cookie: who.cookie } });
}

const jpeg = (bytes: Buffer) => ({ name: 'photo.jpg', type: 'image/jpeg', bytes });

describeEachEngine('article cover images', (ctx) => {
  let admin: SignedInStaff;
  let articleId: number;
  let articlePath: string;
  let exifJpeg: Buffer;

  it('sets up a published article and test pictures', async () => {
    const { app } = ctx();
    admin = await signedInStaff(ctx(), 'admin');
    const res = await postAs(app, admin, '/admin/content/articles/new', {
      authorName: 'Emre Kılıç',
      editorName: 'Dr. Selin Aydoğan',
      'en.title': 'Stretching after a long day',
      'en.summary': 'Three gentle stretches.',
      'en.bodyMd': 'Intro.\n\n## First\n\nWords.',
      'en.coverAlt': 'A physiotherapist guides a patient’s shoulder stretch',
      'tr.title': 'Uzun bir günün ardından esneme',
      'tr.summary': 'Üç nazik esneme.',
      'tr.bodyMd': 'Giriş.\n\n## Birinci\n\nSözler.',
      'tr.coverAlt': 'Fizyoterapist hastanın omuz esnemesine yardım ediyor',
      intent: 'publish',
    });
    expect(res.statusCode, res.body.slice(0, 1000)).toBe(303);
    articleId = Number(/articles\/(\d+)/.exec(res.headers.location as string)![1]);
    articlePath = '/en/articles/stretching-after-a-long-day';
    expect((await app.inject({ url: articlePath })).statusCode).toBe(200);
    // 1600×1000 with an EXIF copyright and "rotate 90°" orientation: stored upright (1000 wide), without the EXIF.
    exifJpeg = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: 200, g: 90, b: 40 } } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Copyright: 'secret', Artist: 'secret' } })
      .toBuffer();
    const meta = await sharp(exifJpeg).metadata();
    expect(meta.exif?.includes(Buffer.from('secret'))).toBe(true);
  });

  it('refuses a receptionist (403) and an upload without the CSRF token (403); nothing is stored', async () => {
    const { app, database } = ctx();
    const receptionist = await signedInStaff(ctx(), 'receptionist');
    expect((await upload(app, receptionist, articleId, jpeg(exifJpeg))).statusCode).toBe(403);
    expect((await upload(app, admin, articleId, jpeg(exifJpeg), null)).statusCode).toBe(403);
    expect((await upload(app, admin, articleId, jpeg(exifJpeg), 'wrong-token')).statusCode).toBe(403);
    const body = await multipart({}, jpeg(exifJpeg));
    const signedOut = await app.inject({ method: 'POST', url: `/admin/content/articles/${articleId}/cover`, payload: body.payload, headers: { 'content-type': body.contentType } });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toMatch(/^\/admin\/login/);
    expect(await database.db.selectFrom('article_images').select('id').execute()).toHaveLength(0);
  });

  it('refuses files that are not pictures, broken pictures and files over 5 MB, with a message', async () => {
    const { app } = ctx();
    const text = await upload(app, admin, articleId, jpeg(Buffer.from('just some text, not a picture at all\n'.repeat(20))));
    expect(text.statusCode).toBe(422);
    expect(html(text.body).querySelector('#cover-error')?.text).toBe('This file is not a JPEG, PNG or WebP picture.');

    const truncated = await upload(app, admin, articleId, jpeg(exifJpeg.subarray(0, Math.floor(exifJpeg.length / 2))));
    expect(truncated.statusCode).toBe(422);
    expect(html(truncated.body).querySelector('#cover-error')?.text).toBe('The picture could not be read: the file is damaged or incomplete.');

    // Real JPEG magic followed by noise: over the limit.
    const huge = Buffer.alloc(COVER_MAX_BYTES + 1024, 7);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const tooLarge = await upload(app, admin, articleId, jpeg(huge));
    expect(tooLarge.statusCode).toBe(413);
    expect(html(tooLarge.body).querySelector('#cover-error')?.text).toContain('larger than 5 MB');

    const none = await upload(app, admin, articleId, undefined);
    expect(none.statusCode).toBe(422);
    expect(html(none.body).querySelector('#cover-error')?.text).toBe('Choose a picture file to upload.');

    // A urlencoded post (no file at all) gets the same message, not an error page.
    const plain = await postAs(app, admin, `/admin/content/articles/${articleId}/cover`);
    expect(plain.statusCode).toBe(422);
  });

  it('stores AVIF and WebP variants at widths up to the original, without EXIF, and serves them immutable', async () => {
    const { app, database } = ctx();
    const res = await upload(app, admin, articleId, { name: 'renamed.png', type: 'image/png', bytes: exifJpeg });
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    expect(res.headers.location).toBe(`/admin/content/articles/${articleId}?notice=coverSaved`);

    const image = await database.db.selectFrom('article_images').selectAll().where('article_id', '=', articleId).executeTakeFirstOrThrow();
    expect([image.width, image.height]).toEqual([1000, 1600]); // turned upright
    const variants = await database.db.selectFrom('article_image_variants').select(['format', 'width', 'height', 'content_hash', 'byte_size']).where('image_id', '=', image.id).orderBy('width').orderBy('format').execute();
    expect(variants.map((v) => `${v.format}:${v.width}x${v.height}`)).toEqual(['avif:480x768', 'webp:480x768', 'avif:960x1536', 'webp:960x1536', 'avif:1000x1600', 'webp:1000x1600']);

    for (const v of variants) {
      const served = await app.inject({ url: `/media/covers/${v.content_hash}.${v.format}` });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe(`image/${v.format}`);
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(served.headers.etag).toBe(`"${v.content_hash}"`);
      expect(served.rawPayload.length).toBe(v.byte_size);
      const meta = await sharp(served.rawPayload).metadata();
      expect(meta.format).toBe(v.format === 'avif' ? 'heif' : 'webp');
      expect(meta.exif).toBeUndefined();
      expect(served.rawPayload.includes(Buffer.from('secret'))).toBe(false);
      const again = await app.inject({ url: `/media/covers/${v.content_hash}.${v.format}`, headers: { 'if-none-match': `"${v.content_hash}"` } });
      expect(again.statusCode).toBe(304);
    }
    expect((await app.inject({ url: `/media/covers/${'0'.repeat(64)}.webp` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/media/covers/${variants[0]!.content_hash}.png` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/media/covers/nothing.webp' })).statusCode).toBe(404);

    const rows = await audit.list(database.db, { action: 'article.cover.update', limit: 10, offset: 0 });
    expect(rows.rows.length).toBe(1);
  });

  it('shows the cover on the public page in both languages: picture, srcset, size, alt, no lazy loading', async () => {
    const { app } = ctx();
    // The page was cached before the upload: the content version moved, so it shows the cover now.
    const page = html((await app.inject({ url: articlePath })).body);
    const picture = page.querySelector('.article-cover picture')!;
    expect(picture).toBeTruthy();
    const [avif, webp] = picture.querySelectorAll('source');
    expect(avif!.getAttribute('type')).toBe('image/avif');
    expect(avif!.getAttribute('srcset')).toMatch(/^\/media\/covers\/[0-9a-f]{64}\.avif 480w, \/media\/covers\/[0-9a-f]{64}\.avif 960w, \/media\/covers\/[0-9a-f]{64}\.avif 1000w$/);
    expect(webp!.getAttribute('type')).toBe('image/webp');
    expect(webp!.getAttribute('srcset')).toContain('.webp 960w');
    expect(avif!.getAttribute('sizes')).toBeTruthy();
    const img = picture.querySelector('img')!;
    expect(img.getAttribute('src')).toMatch(/^\/media\/covers\/[0-9a-f]{64}\.webp$/);
    expect(img.getAttribute('width')).toBe('1000');
    expect(img.getAttribute('height')).toBe('1600');
    expect(img.getAttribute('alt')).toBe('A physiotherapist guides a patient’s shoulder stretch');
    expect(img.hasAttribute('loading')).toBe(false);
    expect(img.getAttribute('fetchpriority')).toBe('high');
    for (const url of [img.getAttribute('src')!, ...avif!.getAttribute('srcset')!.split(', ').map((s) => s.split(' ')[0]!)]) {
      expect((await app.inject({ url })).statusCode).toBe(200);
    }
    const tr = html((await app.inject({ url: '/tr/makaleler/uzun-bir-gunun-ardindan-esneme' })).body);
    expect(tr.querySelector('.article-cover img')?.getAttribute('alt')).toBe('Fizyoterapist hastanın omuz esnemesine yardım ediyor');

    const editor = html((await getAs(app, admin, `/admin/content/articles/${articleId}?notice=coverSaved`)).body);
    expect(editor.querySelector('.editor-cover img')?.getAttribute('src')).toMatch(/\.webp$/);
    expect(editor.querySelector('.editor-cover form')?.getAttribute('enctype')).toBe('multipart/form-data');
  });

  it('replaces the cover with a PNG and removes it; the public page follows', async () => {
    const { app, database } = ctx();
    const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 1 } } }).png().toBuffer();
    const before = await database.db.selectFrom('article_image_variants').select('content_hash').execute();
    expect((await upload(app, admin, articleId, { name: 'a.png', type: 'image/png', bytes: png })).statusCode).toBe(303);
    const after = await database.db.selectFrom('article_image_variants').select(['format', 'width']).execute();
    expect(after.map((v) => `${v.format}:${v.width}`).sort()).toEqual(['avif:300', 'webp:300']);
    expect((await app.inject({ url: `/media/covers/${before[0]!.content_hash}.webp` })).statusCode).toBe(404);
    const img = html((await app.inject({ url: articlePath })).body).querySelector('.article-cover img')!;
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['300', '200']);

    const removed = await postAs(app, admin, `/admin/content/articles/${articleId}/cover/remove`);
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(`/admin/content/articles/${articleId}?notice=coverRemoved`);
    expect(await database.db.selectFrom('article_images').select('id').execute()).toHaveLength(0);
    expect(await database.db.selectFrom('article_image_variants').select('image_id').execute()).toHaveLength(0);
    expect(html((await app.inject({ url: articlePath })).body).querySelector('.article-cover')).toBeNull();
    expect((await audit.list(database.db, { action: 'article.cover.remove', limit: 10, offset: 0 })).rows.length).toBe(1);
    expect((await audit.verifyChain(database.db)).ok).toBe(true);
  });

  it('answers 404 for the cover of an unknown article', async () => {
    const { app } = ctx();
    expect((await upload(app, admin, 999_999, jpeg(exifJpeg))).statusCode).toBe(404);
  });
});
