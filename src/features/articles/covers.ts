// Article cover images: an upload is checked by its magic bytes and size, decoded with sharp (a broken or truncated
// file is refused), turned upright, resized to a few widths and encoded as AVIF and WebP without any metadata (EXIF,
// GPS, ICC comments: sharp writes none unless asked). The variants live in the database (docs/decisions/0005) and are
// served at /media/covers/<sha-256>.<format>, a name that changes with the bytes, so they are cached for a year.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type { Database, DbOrTx } from '../../db/connect.ts';
import type { ImageFormat } from '../../db/schema.ts';
import { NotFound } from '../../errors.ts';
import * as audit from '../audit/service.ts';
import type { SettingsService } from '../settings/service.ts';

export const COVER_MAX_BYTES = 5 * 1024 * 1024;
/** Rendered widths; a smaller original is not enlarged (its own width is the largest variant). */
export const COVER_WIDTHS = [480, 960, 1440] as const;
/** Decoding a picture costs memory by its pixels, not its file size: 40 megapixels is a large camera photo. */
const MAX_PIXELS = 40_000_000;
export const COVER_PATH = '/media/covers/';
const formats: readonly ImageFormat[] = ['avif', 'webp'];
export const contentTypes: Record<ImageFormat, string> = { avif: 'image/avif', webp: 'image/webp' };

export type CoverProblem = 'missing' | 'type' | 'tooLarge' | 'broken' | 'dimensions' | 'malformed';

/** An upload that cannot become a cover; `problem` picks the message. */
export class CoverRejected extends Error {
  constructor(readonly problem: CoverProblem) {
    super(`cover rejected: ${problem}`);
  }
}

/** The file's real type from its first bytes (the declared type and the file name are not trusted). */
export function sniffImageType(bytes: Uint8Array): 'jpeg' | 'png' | 'webp' | undefined {
  const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
  if (bytes.length >= 3 && at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (bytes.length >= 8 && at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (bytes.length >= 12 && at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  return undefined;
}

export interface EncodedVariant {
  format: ImageFormat;
  width: number;
  height: number;
  bytes: Buffer;
  contentHash: string;
}

export interface ProcessedCover {
  width: number;
  height: number;
  originalHash: string;
  variants: EncodedVariant[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Widths to render for an (upright) original this wide. */
export function variantWidths(originalWidth: number): number[] {
  const widths: number[] = COVER_WIDTHS.filter((w) => w < originalWidth);
  widths.push(Math.min(originalWidth, COVER_WIDTHS.at(-1)!));
  return [...new Set(widths)];
}

/** Checks and encodes one upload; throws CoverRejected for anything that is not a usable picture. */
export async function processCover(input: Buffer): Promise<ProcessedCover> {
  if (input.length === 0) throw new CoverRejected('missing');
  if (input.length > COVER_MAX_BYTES) throw new CoverRejected('tooLarge');
  if (!sniffImageType(input)) throw new CoverRejected('type');
  const options = { failOn: 'error', limitInputPixels: MAX_PIXELS } as const;
  let width: number;
  let height: number;
  try {
    const meta = await sharp(input, options).metadata();
    if (!meta.width || !meta.height) throw new CoverRejected('broken');
    if (meta.width * meta.height > MAX_PIXELS) throw new CoverRejected('dimensions');
    // EXIF orientations 5–8 turn the picture a quarter: .rotate() below swaps its sides.
    const turned = (meta.orientation ?? 1) >= 5;
    width = turned ? meta.height : meta.width;
    height = turned ? meta.width : meta.height;
  } catch (err) {
    if (err instanceof CoverRejected) throw err;
    throw new CoverRejected(err instanceof Error && /pixel limit/i.test(err.message) ? 'dimensions' : 'broken');
  }
  const variants: EncodedVariant[] = [];
  try {
    for (const w of variantWidths(width)) {
      for (const format of formats) {
        const pipeline = sharp(input, options).rotate().resize({ width: w, withoutEnlargement: true });
        const encoded = format === 'avif' ? pipeline.avif({ quality: 55, effort: 2 }) : pipeline.webp({ quality: 78 });
        const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
        variants.push({ format, width: info.width, height: info.height, bytes: data, contentHash: sha256(data) });
      }
    }
  } catch {
    // libvips reports a truncated or corrupt file only once it decodes the pixels.
    throw new CoverRejected('broken');
  }
  return { width, height, originalHash: sha256(input), variants };
}

// ---------------------------------------------------------------- reads

export interface CoverSource {
  format: ImageFormat;
  width: number;
  url: string;
}

export interface CoverModel {
  /** Of the largest variant: the img's width/height attributes, so the browser reserves the space. */
  width: number;
  height: number;
  sources: CoverSource[];
}

export const coverUrl = (hash: string, format: ImageFormat) => `${COVER_PATH}${hash}.${format}`;

export async function coverOf(db: DbOrTx, imageId: number | null): Promise<CoverModel | undefined> {
  if (imageId === null) return undefined;
  const rows = await db
    .selectFrom('article_image_variants')
    .select(['format', 'width', 'height', 'content_hash'])
    .where('image_id', '=', imageId)
    .orderBy('width')
    .execute();
  if (rows.length === 0) return undefined;
  const largest = rows.at(-1)!;
  return { width: largest.width, height: largest.height, sources: rows.map((r) => ({ format: r.format, width: r.width, url: coverUrl(r.content_hash, r.format) })) };
}

export async function variantBytes(db: DbOrTx, hash: string, format: ImageFormat): Promise<Buffer | undefined> {
  const row = await db.selectFrom('article_image_variants').select('bytes').where('content_hash', '=', hash).where('format', '=', format).limit(1).executeTakeFirst();
  return row ? Buffer.from(row.bytes) : undefined;
}

// ---------------------------------------------------------------- writes

export interface CoverChangeMeta {
  actor: { id: number; email: string };
  ip: string | null;
}

export class CoverService {
  readonly #db: Database;
  readonly #settings: SettingsService;
  readonly #now: () => number;

  constructor(deps: { db: Database; settings: SettingsService; now: () => number }) {
    this.#db = deps.db;
    this.#settings = deps.settings;
    this.#now = deps.now;
  }

  /** The article's current cover as the editor shows it. */
  async current(articleId: number): Promise<CoverModel | undefined> {
    const article = await this.#db.selectFrom('articles').select('cover_image_id').where('id', '=', articleId).executeTakeFirst();
    return coverOf(this.#db, article?.cover_image_id ?? null);
  }

  /** Replaces the article's cover with `upload` (encoded before the transaction, stored in one). */
  async replace(articleId: number, upload: Buffer, meta: CoverChangeMeta): Promise<void> {
    await this.#article(articleId);
    const cover = await processCover(upload);
    const now = this.#now();
    await this.#db.transaction().execute(async (tx) => {
      const article = await tx.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst();
      if (!article) throw new NotFound('article not found');
      await this.#dropImages(tx, articleId);
      const image = await tx
        .insertInto('article_images')
        .values({ article_id: articleId, width: cover.width, height: cover.height, original_hash: cover.originalHash, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('article_image_variants')
        .values(cover.variants.map((v) => ({ image_id: image.id, format: v.format, width: v.width, height: v.height, bytes: v.bytes, content_hash: v.contentHash, byte_size: v.bytes.length })))
        .execute();
      await tx.updateTable('articles').set({ cover_image_id: image.id }).where('id', '=', articleId).execute();
      await this.#settings.markContentChanged(tx);
      await audit.record(tx, {
        at: now,
        actor: meta.actor,
        action: 'article.cover.update',
        target: { type: 'article', id: articleId },
        ip: meta.ip,
        details: { width: cover.width, height: cover.height, originalHash: cover.originalHash, variants: cover.variants.length },
      });
    });
    await this.#settings.load();
  }

  /** Takes the cover off the article (and deletes its stored variants). */
  async remove(articleId: number, meta: CoverChangeMeta): Promise<boolean> {
    await this.#article(articleId);
    const now = this.#now();
    const removed = await this.#db.transaction().execute(async (tx) => {
      const article = await tx.selectFrom('articles').select('cover_image_id').where('id', '=', articleId).executeTakeFirst();
      if (!article) throw new NotFound('article not found');
      if (article.cover_image_id === null) return false;
      await tx.updateTable('articles').set({ cover_image_id: null }).where('id', '=', articleId).execute();
      await this.#dropImages(tx, articleId);
      await this.#settings.markContentChanged(tx);
      await audit.record(tx, { at: now, actor: meta.actor, action: 'article.cover.remove', target: { type: 'article', id: articleId }, ip: meta.ip, details: {} });
      return true;
    });
    if (removed) await this.#settings.load();
    return removed;
  }

  async #article(articleId: number): Promise<void> {
    const found = await this.#db.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst();
    if (!found) throw new NotFound('article not found');
  }

  async #dropImages(tx: DbOrTx, articleId: number): Promise<void> {
    const ids = (await tx.selectFrom('article_images').select('id').where('article_id', '=', articleId).execute()).map((r) => r.id);
    if (ids.length === 0) return;
    await tx.updateTable('articles').set({ cover_image_id: null }).where('id', '=', articleId).execute();
    await tx.deleteFrom('article_image_variants').where('image_id', 'in', ids).execute();
    await tx.deleteFrom('article_images').where('id', 'in', ids).execute();
  }
}

// ---------------------------------------------------------------- serving

const FILE = /^([0-9a-f]{64})\.(avif|webp)$/;

/** GET /media/covers/<hash>.<format>: the bytes never change under a name, so caches keep them for a year. */
export function registerCoverMedia(app: FastifyInstance, db: DbOrTx): void {
  app.get<{ Params: { file: string } }>(`${COVER_PATH}:file`, async (request, reply) => {
    const match = FILE.exec(request.params.file);
    if (!match) return reply.callNotFound();
    const [, hash, format] = match as unknown as [string, string, ImageFormat];
    const etag = `"${hash}"`;
    const bytes = await variantBytes(db, hash, format);
    if (!bytes) return reply.callNotFound();
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', etag).header('content-type', contentTypes[format]);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.header('content-length', bytes.length).send(bytes);
  });
}
