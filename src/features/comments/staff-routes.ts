// Back office: the comment moderation queue (comments.moderate) — list with status tabs, filters, search and pages;
// bulk and single actions; one comment's page to edit it or answer as the clinic. Also fills the navigation count.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Invalid, NotFound } from '../../errors.ts';
import { formatDateTime, formatNumber, isLocale, type Translate } from '../../i18n/index.ts';
import { adminLocale, adminT, sendAdmin } from '../staff/admin-page.ts';
import { refuseMethods, requestMeta, staffRoute } from '../staff/http.ts';
import { can } from '../staff/permissions.ts';
import { commentStatuses, type CommentRecord, type CommentService, type QueueRecord } from './service.ts';
import { CommentDetail, ModerationQueue, type QueueFilters, type QueueRow } from './views/moderation.tsx';

const PAGE_SIZE = 50;
const MAX_PAGE = 10_000;
type Status = (typeof commentStatuses)[number];

function one(query: Record<string, unknown>, name: string): string {
  const v = query[name];
  return typeof v === 'string' ? v : '';
}

/** Only the queue's own pages are followed after an action (no open redirect). */
function safeReturn(value: unknown): string {
  if (typeof value !== 'string' || !/^\/admin\/comments(\/\d{1,12})?(\?[\w=&%.+-]*)?$/.test(value)) return '/admin/comments';
  return value;
}

function withParams(base: string, params: Record<string, string>): string {
  const [path, query = ''] = base.split('?');
  const search = new URLSearchParams(query);
  for (const [k, v] of Object.entries(params)) search.set(k, v);
  return `${path}?${search.toString()}`;
}

export function registerCommentStaffRoutes(app: FastifyInstance, comments: CommentService): void {
  const { settings, articles } = app.services;

  // The number of comments waiting, beside "Comments" in the navigation of every back-office page.
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'GET' || !(request.url === '/admin' || request.url.startsWith('/admin/') || request.url.startsWith('/admin?'))) return;
    const signed = request.signed;
    if (!signed || signed.session.stage !== 'full' || !can(signed.user.role, 'comments.moderate')) return;
    request.navCounts = { ...request.navCounts, '/admin/comments': await comments.pendingCount() };
  });

  const statusLabel = (t: Translate, s: Status) => t(`comments.admin.status.${s}`);

  const toRow = async (t: Translate, request: FastifyRequest, c: CommentRecord | QueueRecord, parentName?: string | null): Promise<QueueRow> => {
    const locale = adminLocale(request);
    const q = c as QueueRecord;
    let viewHref: string | undefined;
    if (c.status === 'approved' && q.articleSlug) viewHref = `${await articles.indexPath(c.locale)}/${q.articleSlug}#comment-${c.id}`;
    return {
      id: c.id,
      status: c.status,
      statusLabel: statusLabel(t, c.status),
      authorName: c.authorName,
      isClinic: c.isClinic,
      wantsEmail: c.notifyOnReply,
      body: c.body,
      articleTitle: `${q.articleTitle ?? '—'} (${c.locale.toUpperCase()})`,
      viewHref,
      when: formatDateTime(locale, c.createdAt, settings.current.timeZone),
      iso: new Date(c.createdAt).toISOString(),
      inReplyTo: (parentName ?? q.parentAuthor) ? t('comments.admin.inReplyTo', { name: (parentName ?? q.parentAuthor)! }) : undefined,
      score: c.spamScore,
      reasons: c.spamReasons.map((r) => (isReason(r) ? t(`comments.admin.reason.${r}`) : r)),
      edited: c.editedAt !== null,
    };
  };

  staffRoute(app, 'GET', '/admin/comments', 'comments.moderate', async (request, reply, signed) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const commented = await comments.commentedArticles(signed);
    let bad = false;
    const filters: QueueFilters = { status: 'pending', article: '', language: '', q: '' };
    if (query.status !== undefined) {
      const s = one(query, 'status');
      if (s === '' || (commentStatuses as readonly string[]).includes(s)) filters.status = s;
      else bad = true;
    }
    const article = one(query, 'article');
    if (article) {
      if (commented.some((a) => String(a.id) === article)) filters.article = article;
      else bad = true;
    }
    const language = one(query, 'language');
    if (language) {
      if (isLocale(language)) filters.language = language;
      else bad = true;
    }
    filters.q = one(query, 'q').slice(0, 100);
    let page = 1;
    const pageRaw = one(query, 'page');
    if (pageRaw) {
      if (/^[1-9]\d{0,5}$/.test(pageRaw) && Number(pageRaw) <= MAX_PAGE) page = Number(pageRaw);
      else bad = true;
    }
    const fetchPage = (n: number) =>
      comments.queue(signed, {
        status: (filters.status || undefined) as Status | undefined,
        articleId: filters.article ? Number(filters.article) : undefined,
        locale: isLocale(filters.language) ? filters.language : undefined,
        search: filters.q || undefined,
        limit: PAGE_SIZE,
        offset: (n - 1) * PAGE_SIZE,
      });
    let result = await fetchPage(page);
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    if (page > pages) {
      page = pages;
      result = await fetchPage(page);
    }
    const counts = await comments.counts(signed);
    const listHref = (f: QueueFilters, n: number) => {
      const params = new URLSearchParams();
      params.set('status', f.status);
      if (f.article) params.set('article', f.article);
      if (f.language) params.set('language', f.language);
      if (f.q) params.set('q', f.q);
      if (n > 1) params.set('page', String(n));
      return `/admin/comments?${params.toString()}`;
    };
    const rows = await Promise.all(result.rows.map((r) => toRow(t, request, r)));
    const first = (page - 1) * PAGE_SIZE + 1;
    const flash = one(query, 'done');
    const n = Number(one(query, 'n')) || 0;
    const notice =
      flash === 'approve' || flash === 'spam' || flash === 'delete'
        ? t(`comments.admin.done.${flash}`, { count: n })
        : flash === 'none'
          ? t('comments.admin.noneSelected')
          : undefined;
    return sendAdmin(request, reply, {
      title: t('comments.admin.title'),
      active: '/admin/comments',
      notice,
      status: bad ? 400 : 200,
      body: ModerationQueue({
        t,
        csrf: signed.session.csrfToken,
        filters,
        filterError: bad ? t('comments.admin.filter.bad') : undefined,
        tabs: commentStatuses.map((s) => ({ href: `/admin/comments?status=${s}`, label: statusLabel(t, s), count: counts[s], current: filters.status === s })),
        articles: commented.map((a) => ({ value: String(a.id), label: a.title })),
        statuses: commentStatuses.map((s) => ({ value: s, label: statusLabel(t, s) })),
        rows,
        summary: result.total ? t('comments.admin.summary', { first: formatNumber(locale, first), last: formatNumber(locale, first + rows.length - 1), total: formatNumber(locale, result.total) }) : '',
        returnTo: listHref(filters, page),
        previousHref: page > 1 ? listHref(filters, page - 1) : undefined,
        nextHref: page < pages ? listHref(filters, page + 1) : undefined,
      }),
    });
  });

  // Bulk (checked boxes + an action button) and single actions (a button whose value names the comment).
  staffRoute(app, 'POST', '/admin/comments/bulk', 'comments.moderate', async (request, reply, signed) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const back = safeReturn(body.return);
    const raw = typeof body.action === 'string' ? body.action : '';
    const match = /^(approve|spam|delete)(?::(\d{1,12}))?$/.exec(raw);
    if (!match) throw new Invalid({ action: adminT(request)('form.invalidChoice') });
    const action = match[1] as 'approve' | 'spam' | 'delete';
    const listed = (Array.isArray(body.ids) ? (body.ids as unknown[]) : [body.ids]).filter((v): v is string => typeof v === 'string' && /^\d{1,12}$/.test(v)).map(Number);
    const ids = match[2] ? [Number(match[2])] : listed;
    if (!ids.length) return reply.redirect(withParams(back, { done: 'none' }), 303);
    const meta = { ip: requestMeta(request).ip };
    let changed = 0;
    try {
      if (action === 'approve') changed = await comments.approve(signed, ids, meta);
      else if (action === 'spam') changed = await comments.markSpam(signed, ids, meta);
      else changed = await comments.remove(signed, ids, meta);
    } catch (err) {
      if (!(err instanceof NotFound)) throw err;
    }
    // A deleted comment's own page is gone: back to the list.
    const target = action === 'delete' && /^\/admin\/comments\/\d+/.test(back) ? '/admin/comments' : back;
    return reply.redirect(withParams(target, { done: action, n: String(changed) }), 303);
  });

  const idOf = (request: FastifyRequest): number => {
    const raw = (request.params as { id?: string }).id ?? '';
    if (!/^[1-9]\d{0,11}$/.test(raw)) throw new NotFound();
    return Number(raw);
  };

  const detail = async (
    request: FastifyRequest,
    reply: Parameters<Parameters<typeof staffRoute>[4]>[1],
    signed: Parameters<Parameters<typeof staffRoute>[4]>[2],
    id: number,
    options: { values?: { name: string; body: string }; errors?: Record<string, string>; replyBody?: string; replyError?: string; notice?: string; status?: number } = {},
  ) => {
    const t = adminT(request);
    const c = await comments.find(signed, id);
    const [queued] = (await comments.queue(signed, { articleId: c.articleId, locale: c.locale, limit: 1, offset: 0, search: undefined, status: undefined })).rows;
    const parent = c.parentId !== null ? await comments.find(signed, c.parentId).catch(() => undefined) : undefined;
    const row = await toRow(t, request, { ...c, articleTitle: queued?.articleTitle ?? null, articleSlug: queued?.articleSlug ?? null, parentAuthor: parent?.authorName ?? null });
    const replies = c.parentId === null ? await Promise.all((await comments.replies(signed, id)).map((r) => toRow(t, request, { ...r, articleTitle: queued?.articleTitle ?? null, articleSlug: queued?.articleSlug ?? null, parentAuthor: null }))) : [];
    return sendAdmin(request, reply, {
      title: t('comments.admin.edit.title', { id }),
      active: '/admin/comments',
      notice: options.notice,
      status: options.status ?? 200,
      body: CommentDetail({
        t,
        csrf: signed.session.csrfToken,
        row,
        values: options.values ?? { name: c.authorName, body: c.body },
        errors: options.errors ?? {},
        replyBody: options.replyBody ?? '',
        replyError: options.replyError,
        replies,
        canReply: c.parentId === null,
      }),
    });
  };

  staffRoute(app, 'GET', '/admin/comments/:id', 'comments.moderate', async (request, reply, signed) => {
    const t = adminT(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const done = one(query, 'done');
    const n = Number(one(query, 'n')) || 0;
    const notice =
      done === 'edit' || done === 'reply'
        ? t(`comments.admin.done.${done}`)
        : done === 'approve' || done === 'spam'
          ? t(`comments.admin.done.${done}`, { count: n })
          : undefined;
    return detail(request, reply, signed, idOf(request), { ...(notice ? { notice } : {}) });
  });

  staffRoute(app, 'POST', '/admin/comments/:id/edit', 'comments.moderate', async (request, reply, signed) => {
    const id = idOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { name: typeof body.name === 'string' ? body.name : '', body: typeof body.body === 'string' ? body.body : '' };
    try {
      await comments.edit(signed, id, values, { ip: requestMeta(request).ip });
    } catch (err) {
      if (err instanceof Invalid) return detail(request, reply, signed, id, { values, errors: err.fields, status: 422 });
      throw err;
    }
    return reply.redirect(`/admin/comments/${id}?done=edit`, 303);
  });

  staffRoute(app, 'POST', '/admin/comments/:id/reply', 'comments.moderate', async (request, reply, signed) => {
    const id = idOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = typeof body.body === 'string' ? body.body : '';
    try {
      await comments.reply(signed, id, text, { ip: requestMeta(request).ip });
    } catch (err) {
      if (err instanceof Invalid) return detail(request, reply, signed, id, { replyBody: text, replyError: err.fields.body ?? Object.values(err.fields)[0], status: 422 });
      throw err;
    }
    return reply.redirect(`/admin/comments/${id}?done=reply`, 303);
  });

  refuseMethods(app, '/admin/comments', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');
}

const reasons = ['no-proof-of-work', 'no-form', 'duplicate', 'links', 'spam-words', 'link-in-name', 'shouting'] as const;
function isReason(r: string): r is (typeof reasons)[number] {
  return (reasons as readonly string[]).includes(r);
}
