// SQL of the comments feature: comments, spent proof-of-work challenges, rate events, legal text versions.
import { sql } from 'kysely';
import type { DbOrTx, Engine, Tx } from '../../db/connect.ts';
import { foldedSql } from '../../db/turkish-fold.ts';
import type { Insertable } from 'kysely';
import type { CommentStatus, CommentTable, Locale } from '../../db/schema.ts';

export interface CommentRecord {
  id: number;
  articleId: number;
  locale: Locale;
  parentId: number | null;
  status: CommentStatus;
  authorName: string;
  authorEmail: string | null;
  notifyOnReply: boolean;
  isClinic: boolean;
  body: string;
  spamScore: number;
  spamReasons: string[];
  createdAt: number;
  updatedAt: number;
  approvedAt: number | null;
  editedAt: number | null;
}

export interface QueueRecord extends CommentRecord {
  articleTitle: string | null;
  articleSlug: string | null;
  parentAuthor: string | null;
}

const columns = [
  'c.id',
  'c.article_id',
  'c.locale',
  'c.parent_id',
  'c.status',
  'c.author_name',
  'c.author_email',
  'c.notify_on_reply',
  'c.is_clinic',
  'c.body',
  'c.spam_score',
  'c.spam_reasons',
  'c.created_at',
  'c.updated_at',
  'c.approved_at',
  'c.edited_at',
] as const;

type Row = {
  id: number;
  article_id: number;
  locale: Locale;
  parent_id: number | null;
  status: CommentStatus;
  author_name: string;
  author_email: string | null;
  notify_on_reply: number;
  is_clinic: number;
  body: string;
  spam_score: number;
  spam_reasons: string;
  created_at: number | string;
  updated_at: number | string;
  approved_at: number | string | null;
  edited_at: number | string | null;
};

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function toRecord(r: Row): CommentRecord {
  let reasons: string[];
  try {
    reasons = JSON.parse(r.spam_reasons) as string[];
  } catch {
    reasons = [];
  }
  return {
    id: Number(r.id),
    articleId: Number(r.article_id),
    locale: r.locale,
    parentId: num(r.parent_id),
    status: r.status,
    authorName: r.author_name,
    authorEmail: r.author_email,
    notifyOnReply: Number(r.notify_on_reply) === 1,
    isClinic: Number(r.is_clinic) === 1,
    body: r.body,
    spamScore: Number(r.spam_score),
    spamReasons: reasons,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    approvedAt: num(r.approved_at),
    editedAt: num(r.edited_at),
  };
}

// ---------- rate limits, replay guard, duplicates ----------

/**
 * PostgreSQL: serializes submissions that share a rate-limit bucket until commit, so that "count, then insert" holds
 * under concurrency. SQLite runs one write transaction at a time anyway. Locks are taken in sorted order (no deadlock).
 */
export async function lockBuckets(tx: Tx, engine: Engine, buckets: readonly string[]): Promise<void> {
  if (engine !== 'postgres') return;
  for (const bucket of [...buckets].sort()) await sql`select pg_advisory_xact_lock(hashtextextended(${bucket}, 0))`.execute(tx);
}

export async function countRateEvents(db: DbOrTx, bucket: string, since: number): Promise<number> {
  const row = await db.selectFrom('rate_events').select((eb) => eb.fn.countAll<number | string>().as('n')).where('bucket', '=', bucket).where('at', '>=', since).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function recordRateEvents(tx: Tx, buckets: readonly string[], at: number, pruneBefore: number): Promise<void> {
  await tx.deleteFrom('rate_events').where('bucket', 'in', [...buckets]).where('at', '<', pruneBefore).execute();
  await tx.insertInto('rate_events').values(buckets.map((bucket) => ({ bucket, at }))).execute();
}

/** Marks a proof-of-work solution as used; false when it was used before (a replay). */
export async function spendChallenge(tx: Tx, signature: string, expiresAt: number, now: number): Promise<boolean> {
  await tx.deleteFrom('comment_pow_spent').where('expires_at', '<', now).execute();
  const result = await tx
    .insertInto('comment_pow_spent')
    .values({ signature, expires_at: expiresAt })
    .onConflict((oc) => oc.column('signature').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function countSameBody(db: DbOrTx, bodyHash: string, since: number): Promise<number> {
  const row = await db.selectFrom('comments').select((eb) => eb.fn.countAll<number | string>().as('n')).where('body_hash', '=', bodyHash).where('created_at', '>=', since).executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ---------- legal texts ----------

/** The current version of a legal text (the booking feature's lookup; comments use their own kinds). */
export { currentLegalText } from '../booking/repo.ts';

// ---------- writes ----------

export type NewComment = Omit<Insertable<CommentTable>, 'id' | 'edited_at'>;

export async function insertComment(tx: Tx, row: NewComment): Promise<number> {
  const inserted = await tx.insertInto('comments').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function setStatus(tx: Tx, ids: readonly number[], status: CommentStatus, now: number): Promise<void> {
  if (!ids.length) return;
  await tx
    .updateTable('comments')
    .set({ status, updated_at: now, ...(status === 'approved' ? { approved_at: now } : {}) })
    .where('id', 'in', [...ids])
    .execute();
}

export async function deleteComments(tx: Tx, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  // Replies go with their comment (ON DELETE CASCADE); deleting them first keeps it explicit on both engines.
  await tx.deleteFrom('comments').where('parent_id', 'in', [...ids]).execute();
  await tx.deleteFrom('comments').where('id', 'in', [...ids]).execute();
}

export async function updateText(tx: Tx, id: number, change: { author_name: string; body: string; body_hash: string }, now: number): Promise<void> {
  await tx
    .updateTable('comments')
    .set({ ...change, updated_at: now, edited_at: now })
    .where('id', '=', id)
    .execute();
}

/** Stops reply notices to every comment left with this e-mail address; returns how many comments changed. */
export async function stopNotices(tx: Tx, email: string, now: number): Promise<number> {
  const result = await tx.updateTable('comments').set({ notify_on_reply: 0, updated_at: now }).where('author_email', '=', email).where('notify_on_reply', '=', 1).executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}

// ---------- reads ----------

export async function findComment(db: DbOrTx, id: number): Promise<CommentRecord | undefined> {
  const row = await db.selectFrom('comments as c').select(columns).where('c.id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function findComments(db: DbOrTx, ids: readonly number[]): Promise<CommentRecord[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('comments as c').select(columns).where('c.id', 'in', [...ids]).execute();
  return rows.map((r) => toRecord(r as Row));
}

/** Approved comments of one article in one language, oldest first. */
export async function approvedFor(db: DbOrTx, articleId: number, locale: Locale): Promise<CommentRecord[]> {
  const rows = await db
    .selectFrom('comments as c')
    .select(columns)
    .where('c.article_id', '=', articleId)
    .where('c.locale', '=', locale)
    .where('c.status', '=', 'approved')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(2000)
    .execute();
  return rows.map((r) => toRecord(r as Row));
}

/** Of the given ids, those still waiting (pending or spam) under one article in one language. */
export async function waitingAmong(db: DbOrTx, ids: readonly number[], articleId: number, locale: Locale): Promise<CommentRecord[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('comments as c')
    .select(columns)
    .where('c.id', 'in', [...ids])
    .where('c.article_id', '=', articleId)
    .where('c.locale', '=', locale)
    .where('c.status', '<>', 'approved')
    .orderBy('c.created_at')
    .execute();
  return rows.map((r) => toRecord(r as Row));
}

export async function countByStatus(db: DbOrTx): Promise<Record<CommentStatus, number>> {
  const rows = await db.selectFrom('comments').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('status').execute();
  const out: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export async function countPending(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom('comments').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', '=', 'pending').executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface QueueFilter {
  status?: CommentStatus | undefined;
  articleId?: number | undefined;
  locale?: Locale | undefined;
  /** Text to look for in the name or the text, folded by foldLikeSql() (Turkish letters and case, both engines). */
  search?: string | undefined;
  limit: number;
  offset: number;
}

export async function listQueue(db: DbOrTx, filter: QueueFilter): Promise<{ rows: QueueRecord[]; total: number }> {
  let query = db
    .selectFrom('comments as c')
    .leftJoin('article_translations as t', (j) => j.onRef('t.article_id', '=', 'c.article_id').onRef('t.locale', '=', 'c.locale'))
    .leftJoin('comments as p', 'p.id', 'c.parent_id');
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.articleId !== undefined) query = query.where('c.article_id', '=', filter.articleId);
  if (filter.locale) query = query.where('c.locale', '=', filter.locale);
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    // Both sides folded the same way (ı/I/İ → i, ş → s …, then lower case), so İ/ı match on SQLite too, whose own
    // LIKE only ignores ASCII case.
    query = query.where((eb) =>
      eb.or([eb(foldedSql('c.body'), 'like', sql<string>`${pattern} escape '\\'`), eb(foldedSql('c.author_name'), 'like', sql<string>`${pattern} escape '\\'`)]),
    );
  }
  const totalRow = await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const rows = await query
    .select([...columns, 't.title as article_title', 't.slug as article_slug', 'p.author_name as parent_author'])
    .orderBy('c.created_at', filter.status === 'approved' ? 'desc' : 'asc')
    .orderBy('c.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return {
    total: Number(totalRow?.n ?? 0),
    rows: rows.map((r) => ({ ...toRecord(r as unknown as Row), articleTitle: r.article_title ?? null, articleSlug: r.article_slug ?? null, parentAuthor: r.parent_author ?? null })),
  };
}

/** Articles that have comments, for the queue's filter: id and a title (the Turkish one first). */
export async function commentedArticles(db: DbOrTx): Promise<Array<{ id: number; title: string }>> {
  const rows = await db
    .selectFrom('article_translations as t')
    .select(['t.article_id', 't.locale', 't.title'])
    .where('t.article_id', 'in', db.selectFrom('comments').select('article_id').distinct())
    .execute();
  const byId = new Map<number, string>();
  for (const r of rows) if (!byId.has(Number(r.article_id)) || r.locale === 'tr') byId.set(Number(r.article_id), r.title);
  return Array.from(byId).map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title, 'tr'));
}

export async function articleSlug(db: DbOrTx, articleId: number, locale: Locale): Promise<{ slug: string; title: string } | undefined> {
  return db.selectFrom('article_translations').select(['slug', 'title']).where('article_id', '=', articleId).where('locale', '=', locale).executeTakeFirst();
}

export async function repliesOf(db: DbOrTx, parentId: number): Promise<CommentRecord[]> {
  const rows = await db.selectFrom('comments as c').select(columns).where('c.parent_id', '=', parentId).orderBy('c.created_at').orderBy('c.id').execute();
  return rows.map((r) => toRecord(r as Row));
}

/** Retention: comments never approved (waiting or spam) older than `before` are deleted, with their address hashes. */
export async function purgeUnapproved(tx: Tx, before: number): Promise<number> {
  const result = await tx.deleteFrom('comments').where('status', 'in', ['pending', 'spam']).where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}

// ---------- data-subject requests (privacy page) ----------

export interface CommentByEmail extends CommentRecord {
  articleTitle: string | null;
  articleSlug: string | null;
  noticeVersion: number | null;
  consentVersion: number | null;
}

/**
 * Every comment left with this address, oldest first. `lowered` is the address in lower case (ASCII): the comparison
 * is `lower(author_email)`, served by the partial expression index of migration 012.
 */
export async function commentsByEmail(db: DbOrTx, lowered: string, limit: number): Promise<CommentByEmail[]> {
  const rows = await db
    .selectFrom('comments as c')
    .leftJoin('article_translations as t', (j) => j.onRef('t.article_id', '=', 'c.article_id').onRef('t.locale', '=', 'c.locale'))
    .select([...columns, 't.title as article_title', 't.slug as article_slug', 'c.notice_version', 'c.consent_version'])
    .where('c.author_email', 'is not', null)
    .where(sql`lower(c.author_email)`, '=', lowered)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...toRecord(r as unknown as Row),
    articleTitle: r.article_title ?? null,
    articleSlug: r.article_slug ?? null,
    noticeVersion: num(r.notice_version),
    consentVersion: num(r.consent_version),
  }));
}

/** Deletes the reply notices (kind `comment.reply`) queued or sent to this address, whatever their state. */
export async function deleteReplyNotices(tx: Tx, lowered: string): Promise<number> {
  const result = await tx
    .deleteFrom('outbox')
    .where('kind', '=', sql.lit('comment.reply'))
    .where(sql`lower(recipient)`, '=', lowered)
    .executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}
