// Comment rules: submission with the self-hosted spam defence (honeypot, fill time, proof of work, rate limits in the
// database, link and length limits, duplicates, spam score), the public threads, and moderation (approve, spam,
// delete, edit, reply as the clinic) — every staff change audited in its transaction, public pages refreshed at once,
// and the reply notice queued in the outbox in the same transaction as the approval that causes it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database, Engine, Tx } from '../../db/connect.ts';
import { foldLikeSql } from '../../db/turkish-fold.ts';
import type { CommentStatus, Locale } from '../../db/schema.ts';
import { Forbidden, Invalid, NotFound, TooManyRequests, Unavailable } from '../../errors.ts';
import { translator, type Translate } from '../../i18n/index.ts';
import { fieldMessages } from '../../web/forms.ts';
import type { ArticleService, PublicArticleRef } from '../articles/service.ts';
import * as audit from '../audit/service.ts';
import { enqueue } from '../notifications/outbox.ts';
import type { SettingsService } from '../settings/service.ts';
import { can } from '../staff/permissions.ts';
import { ipBucket, type Signed } from '../staff/service.ts';
import * as repo from './repo.ts';
import type { CommentRecord, QueueRecord } from './repo.ts';

export type { CommentRecord, QueueRecord };
import { spamScore } from './spam.ts';
import { bodyFingerprint, charCount, countLinks, normalizeBody } from './text.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const BODY_MAX = 5000;
export const NAME_MAX = 80;
export const EMAIL_MAX = 254;
/** A form sent back sooner than this after its challenge was issued (or its page rendered) was not written by a person. */
export const MIN_FILL_MS = 3000;
/** How long a proof-of-work challenge may be solved and sent. */
export const CHALLENGE_TTL_MS = 30 * MINUTE;
/** The same text within this window counts as a duplicate. */
const DUPLICATE_WINDOW_MS = 30 * DAY;
/** Comments never approved are deleted after this long (the notice for comments promises 90 days at most). */
export const UNAPPROVED_RETENTION_MS = 90 * DAY;
/** At most this many own waiting comments are remembered in the reader's cookie. */
const OWN_MAX = 20;
const QUEUE_PAGE_MAX = 100;
export const commentStatuses = ['pending', 'approved', 'spam'] as const satisfies readonly CommentStatus[];

export type CommentLegalKind = 'comment-notice' | 'comment-consent';

/** The submitted comment as the API and the form both send it. */
export const commentInput = z.object({
  article: z.string().trim().min(1).max(200).describe('The article’s slug in `locale`'),
  locale: z.enum(['tr', 'en']),
  name: z.string().trim().min(1).max(NAME_MAX).describe('Display name, shown publicly'),
  email: z
    .union([z.literal(''), z.email().max(EMAIL_MAX)])
    .optional()
    .describe('Never shown; only used to tell the author that an answer came (with notifyOnReply)'),
  body: z.string().max(BODY_MAX * 2).describe(`Plain text, at most ${BODY_MAX} characters; line breaks are kept`),
  parentId: z.number().int().positive().optional().describe('Answer to this approved comment'),
  notifyOnReply: z.boolean().default(false),
  consent: z.literal(true).describe('Explicit consent to store and publish the comment (the current comment-consent text version is recorded)'),
  website: z.string().max(500).optional().describe('Honeypot: must be empty'),
  altcha: z.string().max(4000).optional().describe('Proof of work: base64 JSON {algorithm, challenge, number, salt, signature} for a challenge from GET /comments/challenge'),
});
export type CommentInput = z.input<typeof commentInput>;

export interface SubmitContext {
  ip: string;
  /** Language for messages when the body names none. */
  locale: Locale;
  /** No-JavaScript form: the signed stamp of when the form was rendered. */
  formStamp?: string | undefined;
}

export interface SubmitOutcome {
  id: number;
  /** What the author is told: always "pending" (spam-routed comments look the same to their sender). */
  status: 'pending';
  comment: PublicComment;
  article: PublicArticleRef;
  locale: Locale;
}

export interface PublicComment {
  id: number;
  parentId: number | null;
  authorName: string;
  isClinic: boolean;
  body: string;
  createdAt: number;
  /** Only in a reader's own view: not yet approved. */
  awaiting: boolean;
}

export interface CommentThread {
  comment: PublicComment;
  replies: PublicComment[];
}

export interface ThreadModel {
  count: number;
  threads: CommentThread[];
  /** The reader's own comments still waiting (shown only to them). */
  own: PublicComment[];
}

export interface LegalTextView {
  kind: CommentLegalKind;
  locale: Locale;
  version: number;
  bodyMd: string;
}

export interface QueueQuery {
  status?: CommentStatus | undefined;
  articleId?: number | undefined;
  locale?: Locale | undefined;
  search?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface ModerationMeta {
  ip: string | null;
}

/** The honeypot was filled in: a generic refusal that tells a bot nothing. */
export class CommentRefused extends Invalid {
  constructor(message: string) {
    super({ _: message }, 'Request refused');
  }
}

interface Deps {
  db: Database;
  engine: Engine;
  config: Config;
  settings: SettingsService;
  articles: ArticleService;
  now: () => number;
}

export class CommentService {
  readonly #db: Database;
  readonly #engine: Engine;
  readonly #config: Config;
  readonly #settings: SettingsService;
  readonly #articles: ArticleService;
  readonly #now: () => number;
  readonly #hmacKey: string;
  readonly #macKey: Buffer;

  constructor(deps: Deps) {
    this.#db = deps.db;
    this.#engine = deps.engine;
    this.#config = deps.config;
    this.#settings = deps.settings;
    this.#articles = deps.articles;
    this.#now = deps.now;
    this.#hmacKey = createHmac('sha256', deps.config.sessionSecret).update('comments:pow').digest('hex');
    this.#macKey = createHmac('sha256', deps.config.sessionSecret).update('comments:mac').digest();
  }

  // ---------- signed values (cookie of own comments, form stamp, unsubscribe token) ----------

  #mac(purpose: string, text: string): string {
    return createHmac('sha256', this.#macKey).update(`${purpose}:${text}`).digest('base64url').slice(0, 22);
  }

  #checkMac(purpose: string, text: string, mac: string): boolean {
    const expected = Buffer.from(this.#mac(purpose, text));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** The reader's cookie value listing their own comments (newest kept). */
  sealOwn(ids: readonly number[]): string {
    const list = [...new Set(ids)].slice(-OWN_MAX).join('-');
    return `${list}.${this.#mac('own', list)}`;
  }

  openOwn(value: string | undefined): number[] {
    const match = /^((?:\d{1,12})(?:-\d{1,12}){0,40})\.([A-Za-z0-9_-]{22})$/.exec(value ?? '');
    if (!match || !this.#checkMac('own', match[1]!, match[2]!)) return [];
    return match[1]!.split('-').map(Number);
  }

  /** Stamped into a rendered no-JavaScript form: when it was rendered. */
  formStamp(): string {
    const at = this.#now().toString(36);
    return `${at}.${this.#mac('form', at)}`;
  }

  #stampAge(stamp: string | undefined): number | undefined {
    const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(stamp ?? '');
    if (!match || !this.#checkMac('form', match[1]!, match[2]!)) return undefined;
    return this.#now() - parseInt(match[1]!, 36);
  }

  unsubscribeToken(commentId: number): string {
    return `${commentId}.${this.#mac('unsubscribe', String(commentId))}`;
  }

  #unsubscribeId(token: string): number | undefined {
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
    if (!match || !this.#checkMac('unsubscribe', match[1]!, match[2]!)) return undefined;
    return Number(match[1]);
  }

  #ipHash(ip: string): string {
    return createHmac('sha256', this.#macKey).update(`ip:${ipBucket(ip)}`).digest('hex').slice(0, 32);
  }

  // ---------- proof of work ----------

  /** A fresh ALTCHA challenge (SHA-256, signed, expiring; the issue time doubles as the minimum-fill-time clock). */
  async challenge(): Promise<{ algorithm: string; challenge: string; maxnumber: number; salt: string; signature: string }> {
    const now = this.#now();
    const challenge = await createChallenge({
      hmacKey: this.#hmacKey,
      maxnumber: this.#config.comments.powMaxNumber,
      expires: new Date(now + CHALLENGE_TTL_MS),
      params: { issued: String(now) },
    });
    return { algorithm: challenge.algorithm, challenge: challenge.challenge, maxnumber: challenge.maxnumber ?? this.#config.comments.powMaxNumber, salt: challenge.salt, signature: challenge.signature };
  }

  /** Checks a solution's form, signature and expiry (against our clock); returns its signature and times, or a reason. */
  async #verifyProof(payload: string): Promise<{ signature: string; issued: number; expires: number } | 'invalid' | 'expired'> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    } catch {
      return 'invalid';
    }
    const shape = z
      .object({ algorithm: z.literal('SHA-256'), challenge: z.string().regex(/^[0-9a-f]{64}$/), number: z.number().int().min(0).max(this.#config.comments.powMaxNumber), salt: z.string().max(300), signature: z.string().regex(/^[0-9a-f]{64}$/) })
      .safeParse(parsed);
    if (!shape.success) return 'invalid';
    // The library checks expiry against the machine's clock; ours is an input, so it is checked below instead.
    if (!(await verifySolution(shape.data, this.#hmacKey, false))) return 'invalid';
    const params = extractParams(shape.data);
    const expires = Number(params.expires) * 1000;
    const issued = Number(params.issued);
    if (!Number.isFinite(expires) || !Number.isFinite(issued)) return 'invalid';
    if (this.#now() > expires) return 'expired';
    return { signature: shape.data.signature, issued, expires };
  }

  // ---------- legal texts ----------

  async legalText(kind: CommentLegalKind, locale: Locale): Promise<LegalTextView> {
    const row = await repo.currentLegalText(this.#db, kind, locale, this.#now());
    if (!row) throw new Unavailable('comment legal texts are missing');
    const s = this.#settings.current;
    const bodyMd = row.body_md.replace(/\{(clinicName|address|email|phone)\}/g, (_whole, name: 'clinicName' | 'address' | 'email' | 'phone') => s[name]);
    return { kind, locale, version: row.version, bodyMd };
  }

  // ---------- submission ----------

  /**
   * A reader's comment. Refused outright: bad fields (422 with messages), the honeypot, too many links, an invalid,
   * expired or replayed proof of work, a form sent back too fast, comments switched off, the rate limits (429).
   * Otherwise stored as pending — or as spam when the score says so (its sender is told "pending" either way).
   */
  async submit(raw: unknown, ctx: SubmitContext): Promise<SubmitOutcome> {
    const now = this.#now();
    const rawLocale = (raw as { locale?: unknown } | null)?.locale;
    const t = translator(rawLocale === 'tr' || rawLocale === 'en' ? rawLocale : ctx.locale);
    const parsed = commentInput.safeParse(raw);
    if (!parsed.success) throw new Invalid(this.#fieldMessages(parsed.error, t));
    const input = parsed.data;
    if (input.website) throw new CommentRefused(t('comments.error.refused'));
    const body = normalizeBody(input.body);
    const errors: Record<string, string> = {};
    if (!body) errors.body = t('form.required');
    else if (charCount(body) > BODY_MAX) errors.body = t('form.tooLong', { max: BODY_MAX });
    const email = input.email ? input.email.trim() : '';
    if (input.notifyOnReply && !email) errors.email = t('comments.error.emailForNotice');
    const links = countLinks(body);
    if (links > this.#config.comments.maxLinks) errors.body = t('comments.error.tooManyLinks', { max: this.#config.comments.maxLinks });
    if (Object.keys(errors).length) throw new Invalid(errors);

    const article = await this.#articles.findPublic(input.locale, { slug: input.article });
    if (!article) throw new NotFound('No such article');
    if (!article.commentsEnabled) throw new Invalid({ article: t('comments.error.closed') });

    let proof: { signature: string; issued: number; expires: number } | undefined;
    if (input.altcha) {
      const checked = await this.#verifyProof(input.altcha);
      if (checked === 'invalid') throw new Invalid({ altcha: t('comments.error.pow') });
      if (checked === 'expired') throw new Invalid({ altcha: t('comments.error.powExpired') });
      if (now - checked.issued < MIN_FILL_MS) throw new Invalid({ _: t('comments.error.tooFast') });
      proof = checked;
    }
    const stampAge = this.#stampAge(ctx.formStamp);
    if (!proof && stampAge !== undefined && stampAge < MIN_FILL_MS) throw new Invalid({ _: t('comments.error.tooFast') });

    const ipHash = this.#ipHash(ctx.ip);
    const ipBucketKey = `comment-ip:${ipHash}`;
    const articleBucketKey = `comment-article:${article.id}`;
    const bodyHash = bodyFingerprint(body);
    const limits = this.#config.comments;

    const id = await this.#db.transaction().execute(async (tx) => {
      await repo.lockBuckets(tx, this.#engine, [ipBucketKey, articleBucketKey]);
      const [perIp, perArticle] = await Promise.all([repo.countRateEvents(tx, ipBucketKey, now - HOUR), repo.countRateEvents(tx, articleBucketKey, now - HOUR)]);
      if (perIp >= limits.maxPerIpPerHour || perArticle >= limits.maxPerArticlePerHour) throw new TooManyRequests('Too many comments; please try again later');
      if (proof && !(await repo.spendChallenge(tx, proof.signature, proof.expires, now))) throw new Invalid({ altcha: t('comments.error.powReplayed') });

      let parentId: number | null = null;
      if (input.parentId !== undefined) {
        const parent = await repo.findComment(tx, input.parentId);
        if (!parent || parent.status !== 'approved' || parent.articleId !== article.id || parent.locale !== input.locale) throw new Invalid({ parentId: t('comments.error.parent') });
        parentId = parent.parentId ?? parent.id; // one level deep: an answer to an answer joins the same thread
      }
      const duplicate = (await repo.countSameBody(tx, bodyHash, now - DUPLICATE_WINDOW_MS)) > 0;
      const verdict = spamScore({ proofOfWork: proof !== undefined, formStamp: stampAge !== undefined, duplicate, links, body, name: input.name });
      const [notice, consent] = await Promise.all([
        repo.currentLegalText(tx, 'comment-notice', input.locale, now),
        repo.currentLegalText(tx, 'comment-consent', input.locale, now),
      ]);
      if (!notice || !consent) throw new Unavailable('comment legal texts are missing');
      const status: CommentStatus = verdict.score >= limits.spamThreshold ? 'spam' : 'pending';
      const id = await repo.insertComment(tx, {
        article_id: article.id,
        locale: input.locale,
        parent_id: parentId,
        status,
        author_name: input.name,
        author_email: email || null,
        notify_on_reply: input.notifyOnReply && email ? 1 : 0,
        is_clinic: 0,
        staff_user_id: null,
        body,
        body_hash: bodyHash,
        ip_hash: ipHash,
        spam_score: verdict.score,
        spam_reasons: JSON.stringify(verdict.reasons),
        notice_version: notice.version,
        consent_version: consent.version,
        created_at: now,
        updated_at: now,
        approved_at: null,
      });
      await repo.recordRateEvents(tx, [ipBucketKey, articleBucketKey], now, now - DAY);
      await repo.purgeUnapproved(tx, now - UNAPPROVED_RETENTION_MS);
      return id;
    });
    return {
      id,
      status: 'pending',
      locale: input.locale,
      article,
      comment: { id, parentId: input.parentId ?? null, authorName: input.name, isClinic: false, body, createdAt: now, awaiting: true },
    };
  }

  #fieldMessages(error: z.ZodError, t: Translate): Record<string, string> {
    const out = fieldMessages(error, t);
    if (out.consent) out.consent = t('comments.error.consent');
    if (out.email) out.email = t('form.invalidEmail');
    return out;
  }

  // ---------- public reads ----------

  async publicArticle(locale: Locale, ref: { slug: string } | { id: number }): Promise<PublicArticleRef | undefined> {
    return this.#articles.findPublic(locale, ref);
  }

  /** Approved threads of an article in one language (oldest first), plus the reader's own waiting comments. */
  async threads(articleId: number, locale: Locale, ownIds: readonly number[] = []): Promise<ThreadModel> {
    const [approved, waiting] = await Promise.all([repo.approvedFor(this.#db, articleId, locale), repo.waitingAmong(this.#db, ownIds, articleId, locale)]);
    const present = (c: CommentRecord, awaiting = false): PublicComment => ({ id: c.id, parentId: c.parentId, authorName: c.authorName, isClinic: c.isClinic, body: c.body, createdAt: c.createdAt, awaiting });
    const threads: CommentThread[] = [];
    const byId = new Map<number, CommentThread>();
    for (const c of approved) {
      if (c.parentId === null) {
        const thread = { comment: present(c), replies: [] };
        threads.push(thread);
        byId.set(c.id, thread);
      }
    }
    for (const c of approved) if (c.parentId !== null) byId.get(c.parentId)?.replies.push(present(c));
    const own: PublicComment[] = [];
    for (const c of waiting) {
      const thread = c.parentId !== null ? byId.get(c.parentId) : undefined;
      if (thread) thread.replies.push(present(c, true));
      else own.push(present(c, true));
    }
    const count = threads.reduce((n, th) => n + 1 + th.replies.filter((r) => !r.awaiting).length, 0);
    return { count, threads, own };
  }

  /** One approved top-level comment to answer (the reply page). */
  async replyTarget(locale: Locale, commentId: number): Promise<{ comment: PublicComment; article: PublicArticleRef } | undefined> {
    const c = await repo.findComment(this.#db, commentId);
    if (!c || c.status !== 'approved' || c.locale !== locale) return undefined;
    const top = c.parentId !== null ? await repo.findComment(this.#db, c.parentId) : c;
    if (!top || top.status !== 'approved') return undefined;
    const article = await this.#articles.findPublic(locale, { id: top.articleId });
    if (!article?.commentsEnabled) return undefined;
    return { article, comment: { id: top.id, parentId: null, authorName: top.authorName, isClinic: top.isClinic, body: top.body, createdAt: top.createdAt, awaiting: false } };
  }

  // ---------- unsubscribe ----------

  /** Whether an unsubscribe link is genuine (the page asks before anything changes). */
  async unsubscribeTarget(token: string): Promise<boolean> {
    const id = this.#unsubscribeId(token);
    if (id === undefined) return false;
    const c = await repo.findComment(this.#db, id);
    return Boolean(c?.authorEmail);
  }

  /** Stops reply notices to the address of the comment behind the link. */
  async unsubscribe(token: string): Promise<void> {
    const id = this.#unsubscribeId(token);
    if (id === undefined) throw new NotFound();
    const now = this.#now();
    await this.#db.transaction().execute(async (tx) => {
      const c = await repo.findComment(tx, id);
      if (!c?.authorEmail) throw new NotFound();
      const changed = await repo.stopNotices(tx, c.authorEmail, now);
      await audit.record(tx, { at: now, actor: { system: 'comment-unsubscribe' }, action: 'comment.unsubscribe', target: { type: 'comment', id }, details: { comments: changed } });
    });
  }

  // ---------- moderation ----------

  #assertCan(actor: Signed): void {
    if (!can(actor.user.role, 'comments.moderate')) throw new Forbidden();
  }

  async pendingCount(): Promise<number> {
    return repo.countPending(this.#db);
  }

  async counts(actor: Signed): Promise<Record<CommentStatus, number>> {
    this.#assertCan(actor);
    return repo.countByStatus(this.#db);
  }

  async commentedArticles(actor: Signed): Promise<Array<{ id: number; title: string }>> {
    this.#assertCan(actor);
    return repo.commentedArticles(this.#db);
  }

  async queue(actor: Signed, query: QueueQuery): Promise<{ rows: QueueRecord[]; total: number }> {
    this.#assertCan(actor);
    const search = foldLikeSql(query.search?.trim().slice(0, 100) ?? '');
    return repo.listQueue(this.#db, {
      status: query.status,
      articleId: query.articleId,
      locale: query.locale,
      search: search || undefined,
      limit: Math.min(Math.max(query.limit ?? 50, 1), QUEUE_PAGE_MAX),
      offset: Math.max(query.offset ?? 0, 0),
    });
  }

  async find(actor: Signed, id: number): Promise<CommentRecord> {
    this.#assertCan(actor);
    const c = await repo.findComment(this.#db, id);
    if (!c) throw new NotFound();
    return c;
  }

  async replies(actor: Signed, id: number): Promise<CommentRecord[]> {
    this.#assertCan(actor);
    return repo.repliesOf(this.#db, id);
  }

  /**
   * Runs one moderation change in a transaction with its audit rows; when a public page changes (something approved
   * is touched or something becomes approved), the content version is bumped in the same transaction and every
   * instance drops its cached pages.
   */
  async #moderate<T>(work: (tx: Tx, now: number, indexPaths: Record<Locale, string>) => Promise<{ result: T; public: boolean }>): Promise<T> {
    const now = this.#now();
    // Read before the transaction: on SQLite a read outside it (the navigation's cache may be empty) would wait for the
    // one connection the transaction holds, and the transaction would wait for the read — for ever.
    const indexPaths: Record<Locale, string> = { tr: await this.#articles.indexPath('tr'), en: await this.#articles.indexPath('en') };
    const { result, public: changedPublic } = await this.#db.transaction().execute(async (tx) => {
      const outcome = await work(tx, now, indexPaths);
      if (outcome.public) await this.#settings.markContentChanged(tx);
      return outcome;
    });
    if (changedPublic) await this.#settings.load();
    return result;
  }

  async #existing(tx: Tx, ids: readonly number[]): Promise<CommentRecord[]> {
    const unique = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0).slice(0, 500);
    const rows = await repo.findComments(tx, unique);
    if (!rows.length) throw new NotFound();
    return rows;
  }

  async approve(actor: Signed, ids: readonly number[], meta: ModerationMeta): Promise<number> {
    this.#assertCan(actor);
    return this.#moderate(async (tx, now, indexPaths) => {
      const rows = (await this.#existing(tx, ids)).filter((c) => c.status !== 'approved');
      await repo.setStatus(tx, rows.map((c) => c.id), 'approved', now);
      for (const c of rows) {
        await audit.record(tx, { at: now, actor: actor.user, action: 'comment.approve', target: { type: 'comment', id: c.id }, ip: meta.ip, details: { from: c.status, article: c.articleId } });
        if (c.parentId !== null) await this.#queueReplyNotice(tx, { ...c, status: 'approved' }, now, indexPaths);
      }
      return { result: rows.length, public: rows.length > 0 };
    });
  }

  async markSpam(actor: Signed, ids: readonly number[], meta: ModerationMeta): Promise<number> {
    this.#assertCan(actor);
    return this.#moderate(async (tx, now) => {
      const rows = (await this.#existing(tx, ids)).filter((c) => c.status !== 'spam' && !c.isClinic);
      await repo.setStatus(tx, rows.map((c) => c.id), 'spam', now);
      for (const c of rows) await audit.record(tx, { at: now, actor: actor.user, action: 'comment.reject', target: { type: 'comment', id: c.id }, ip: meta.ip, details: { from: c.status, article: c.articleId } });
      return { result: rows.length, public: rows.some((c) => c.status === 'approved') };
    });
  }

  async remove(actor: Signed, ids: readonly number[], meta: ModerationMeta): Promise<number> {
    this.#assertCan(actor);
    return this.#moderate(async (tx, now) => {
      const rows = await this.#existing(tx, ids);
      await repo.deleteComments(tx, rows.map((c) => c.id));
      for (const c of rows) await audit.record(tx, { at: now, actor: actor.user, action: 'comment.delete', target: { type: 'comment', id: c.id }, ip: meta.ip, details: { status: c.status, article: c.articleId, reply: c.parentId !== null } });
      return { result: rows.length, public: rows.some((c) => c.status === 'approved') };
    });
  }

  /** Corrects a comment's name or text (e.g. removes a phone number the author wrote); audited with what changed. */
  async edit(actor: Signed, id: number, change: { name: string; body: string }, meta: ModerationMeta): Promise<void> {
    this.#assertCan(actor);
    const t = translator(actor.user.locale);
    const name = change.name.trim();
    const body = normalizeBody(change.body);
    const errors: Record<string, string> = {};
    if (!name) errors.name = t('form.required');
    else if (charCount(name) > NAME_MAX) errors.name = t('form.tooLong', { max: NAME_MAX });
    if (!body) errors.body = t('form.required');
    else if (charCount(body) > BODY_MAX) errors.body = t('form.tooLong', { max: BODY_MAX });
    if (Object.keys(errors).length) throw new Invalid(errors);
    await this.#moderate(async (tx, now) => {
      const [c] = await this.#existing(tx, [id]);
      const changed = [...(c!.authorName !== name ? ['name'] : []), ...(c!.body !== body ? ['body'] : [])];
      if (!changed.length) return { result: undefined, public: false };
      await repo.updateText(tx, id, { author_name: name, body, body_hash: bodyFingerprint(body) }, now);
      // The audit keeps what changed and how much, not the texts: a comment deleted later must not live on there.
      await audit.record(tx, { at: now, actor: actor.user, action: 'comment.edit', target: { type: 'comment', id }, ip: meta.ip, details: { changed, status: c!.status, lengthBefore: c!.body.length, lengthAfter: body.length } });
      return { result: undefined, public: c!.status === 'approved' };
    });
  }

  /** The clinic's answer: published at once with the "Clinic" badge, under the comment's thread. */
  async reply(actor: Signed, parentId: number, rawBody: string, meta: ModerationMeta): Promise<number> {
    this.#assertCan(actor);
    const t = translator(actor.user.locale);
    const body = normalizeBody(rawBody);
    if (!body) throw new Invalid({ body: t('form.required') });
    if (charCount(body) > BODY_MAX) throw new Invalid({ body: t('form.tooLong', { max: BODY_MAX }) });
    return this.#moderate(async (tx, now, indexPaths) => {
      const [target] = await this.#existing(tx, [parentId]);
      const top = target!.parentId !== null ? await repo.findComment(tx, target!.parentId) : target!;
      if (!top) throw new NotFound();
      const approvedNow = top.status !== 'approved';
      // Answering a question publishes it too: an answer under a hidden question would make no sense.
      if (approvedNow) {
        await repo.setStatus(tx, [top.id], 'approved', now);
        await audit.record(tx, { at: now, actor: actor.user, action: 'comment.approve', target: { type: 'comment', id: top.id }, ip: meta.ip, details: { from: top.status, article: top.articleId, withReply: true } });
      }
      const id = await repo.insertComment(tx, {
        article_id: top.articleId,
        locale: top.locale,
        parent_id: top.id,
        status: 'approved',
        author_name: this.#settings.current.clinicName,
        author_email: null,
        notify_on_reply: 0,
        is_clinic: 1,
        staff_user_id: actor.user.id,
        body,
        body_hash: bodyFingerprint(body),
        ip_hash: null,
        spam_score: 0,
        spam_reasons: '[]',
        notice_version: null,
        consent_version: null,
        created_at: now,
        updated_at: now,
        approved_at: now,
      });
      await audit.record(tx, { at: now, actor: actor.user, action: 'comment.reply', target: { type: 'comment', id }, ip: meta.ip, details: { parent: top.id, article: top.articleId } });
      const reply = await repo.findComment(tx, id);
      if (reply) await this.#queueReplyNotice(tx, reply, now, indexPaths);
      return { result: id, public: true };
    });
  }

  /**
   * When an approved answer appears under a comment whose author asked for it: one e-mail (deduplicated per answer)
   * saying that an answer came and where — never the answer's text — with an unsubscribe link.
   */
  async #queueReplyNotice(tx: Tx, reply: CommentRecord, now: number, indexPaths: Record<Locale, string>): Promise<void> {
    if (reply.parentId === null || reply.status !== 'approved') return;
    const parent = await repo.findComment(tx, reply.parentId);
    if (!parent?.notifyOnReply || !parent.authorEmail || parent.status !== 'approved') return;
    if (reply.authorEmail && reply.authorEmail.toLowerCase() === parent.authorEmail.toLowerCase()) return;
    const article = await repo.articleSlug(tx, parent.articleId, parent.locale);
    if (!article) return;
    const locale = parent.locale;
    const t = translator(locale);
    const indexPath = indexPaths[locale];
    const base = this.#config.baseUrl;
    const url = `${base}${indexPath}/${article.slug}#comment-${reply.id}`;
    const unsubscribe = `${base}${unsubscribePath(locale)}/${this.unsubscribeToken(parent.id)}`;
    const clinic = this.#settings.current.clinicName;
    const text = [
      t('comments.mail.greeting', { name: parent.authorName }),
      '',
      t('comments.mail.body', { title: article.title }),
      url,
      '',
      t('comments.mail.unsubscribe'),
      unsubscribe,
      '',
      clinic,
    ].join('\n');
    await enqueue(tx, { channel: 'email', kind: 'comment.reply', recipient: parent.authorEmail, locale, subject: t('comments.mail.subject', { clinic }), text, dedupeKey: `comment.reply:${reply.id}` }, now);
  }
}

/** Where the unsubscribe links of reply notices lead (GET asks, POST does it). */
export function unsubscribePath(locale: Locale): string {
  return locale === 'tr' ? '/tr/yorumlar/bildirim-iptal' : '/en/comments/unsubscribe';
}
