// Comments JSON API: the public proof-of-work challenge and submission, and the moderators' list, approve, reject
// (spam), edit, reply and delete (comments.moderate) — plus their part of the OpenAPI document. HTTP only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { Invalid } from '../../errors.ts';
import { isLocale, translator } from '../../i18n/index.ts';
import { requestLocale, sendProblem } from '../../web/error-handler.ts';
import { jsonBody, jsonResponse, problemResponse, type OpenApiRegistry } from '../../web/openapi.ts';
import { requestMeta, staffRoute } from '../staff/http.ts';
import { rememberOwn } from './routes.ts';
import { commentInput, commentStatuses, type CommentRecord, type CommentService } from './service.ts';

const challengeResponse = z.object({
  algorithm: z.literal('SHA-256'),
  challenge: z.string(),
  maxnumber: z.number().int(),
  salt: z.string(),
  signature: z.string(),
});
const acceptedResponse = z.object({ id: z.number().int(), status: z.literal('pending') });
const staffComment = z.object({
  id: z.number().int(),
  articleId: z.number().int(),
  article: z.object({ title: z.string().nullable(), slug: z.string().nullable() }),
  locale: z.enum(['tr', 'en']),
  parentId: z.number().int().nullable(),
  status: z.enum(commentStatuses),
  authorName: z.string(),
  hasEmail: z.boolean().describe('The address itself never leaves the server'),
  notifyOnReply: z.boolean(),
  isClinic: z.boolean(),
  body: z.string(),
  spamScore: z.number().int(),
  spamReasons: z.array(z.string()),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  editedAt: z.string().nullable(),
});
const listResponse = z.object({ total: z.number().int(), items: z.array(staffComment) });
const editBody = z.object({ name: z.string(), body: z.string() });
const replyBody = z.object({ body: z.string() });
const actionResult = z.object({ changed: z.number().int() });

function isJson(request: FastifyRequest): boolean {
  return /^application\/json\s*(;|$)/i.test(String(request.headers['content-type'] ?? ''));
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function present(c: CommentRecord & { articleTitle?: string | null; articleSlug?: string | null }) {
  return {
    id: c.id,
    articleId: c.articleId,
    article: { title: c.articleTitle ?? null, slug: c.articleSlug ?? null },
    locale: c.locale,
    parentId: c.parentId,
    status: c.status,
    authorName: c.authorName,
    hasEmail: c.authorEmail !== null,
    notifyOnReply: c.notifyOnReply,
    isClinic: c.isClinic,
    body: c.body,
    spamScore: c.spamScore,
    spamReasons: c.spamReasons,
    createdAt: iso(c.createdAt)!,
    approvedAt: iso(c.approvedAt),
    editedAt: iso(c.editedAt),
  };
}

function idParam(request: FastifyRequest): number {
  const raw = (request.params as { id?: string }).id ?? '';
  if (!/^[1-9]\d{0,11}$/.test(raw)) throw new Invalid({ id: translator(requestLocale(request))('form.invalid') });
  return Number(raw);
}

export function registerCommentsApi(app: FastifyInstance, deps: { comments: CommentService; config: Config }): void {
  const { comments, config } = deps;

  app.get('/api/v1/comments/challenge', async (_request, reply) => reply.header('cache-control', 'no-store').send(await comments.challenge()));

  app.post('/api/v1/comments', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    // JSON only: a cross-site HTML form cannot send it without a CORS preflight we never grant.
    if (!isJson(request)) return sendProblem(reply, 415, 'Send application/json');
    const outcome = await comments.submit(request.body, { ip: request.ip, locale: requestLocale(request) });
    rememberOwn(request, reply, comments, config, outcome);
    return reply.code(202).send({ id: outcome.id, status: outcome.status });
  });

  staffRoute(app, 'GET', '/api/v1/comments', 'comments.moderate', async (request, reply, signed) => {
    const q = request.query as Record<string, unknown>;
    const t = translator(signed.user.locale);
    const errors: Record<string, string> = {};
    const status = q.status === undefined ? undefined : (commentStatuses as readonly unknown[]).includes(q.status) ? (q.status as (typeof commentStatuses)[number]) : (errors.status = t('form.invalidChoice'), undefined);
    const locale = q.locale === undefined ? undefined : isLocale(q.locale) ? q.locale : (errors.locale = t('form.invalidChoice'), undefined);
    const intParam = (name: string, max: number) => {
      const v = q[name];
      if (v === undefined) return undefined;
      if (typeof v !== 'string' || !/^\d{1,9}$/.test(v) || Number(v) > max) {
        errors[name] = t('form.invalid');
        return undefined;
      }
      return Number(v);
    };
    const articleId = intParam('article', 1e9);
    const limit = intParam('limit', 100);
    const offset = intParam('offset', 1e9);
    const search = typeof q.q === 'string' ? q.q : undefined;
    if (Object.keys(errors).length) throw new Invalid(errors);
    const result = await comments.queue(signed, { status, locale, articleId, search, limit: limit ?? 50, offset: offset ?? 0 });
    return reply.send({ total: result.total, items: result.rows.map(present) });
  });

  staffRoute(app, 'GET', '/api/v1/comments/:id', 'comments.moderate', async (request, reply, signed) => {
    return reply.send(present(await comments.find(signed, idParam(request))));
  });

  const bulk = (action: 'approve' | 'reject') =>
    staffRoute(app, 'POST', `/api/v1/comments/:id/${action}`, 'comments.moderate', async (request, reply, signed) => {
      const id = idParam(request);
      const meta = { ip: requestMeta(request).ip };
      const changed = action === 'approve' ? await comments.approve(signed, [id], meta) : await comments.markSpam(signed, [id], meta);
      return reply.send({ changed });
    });
  bulk('approve');
  bulk('reject');

  staffRoute(app, 'POST', '/api/v1/comments/:id/reply', 'comments.moderate', async (request, reply, signed) => {
    const id = idParam(request);
    const parsed = replyBody.safeParse(request.body);
    if (!parsed.success) throw new Invalid({ body: translator(signed.user.locale)('form.required') });
    const replyId = await comments.reply(signed, id, parsed.data.body, { ip: request.ip });
    return reply.code(201).send(present(await comments.find(signed, replyId)));
  });

  staffRoute(app, 'POST', '/api/v1/comments/:id/edit', 'comments.moderate', async (request, reply, signed) => {
    const id = idParam(request);
    const parsed = editBody.safeParse(request.body);
    if (!parsed.success) throw new Invalid({ body: translator(signed.user.locale)('form.required') });
    await comments.edit(signed, id, parsed.data, { ip: request.ip });
    return reply.send(present(await comments.find(signed, id)));
  });

  staffRoute(app, 'DELETE', '/api/v1/comments/:id', 'comments.moderate', async (request, reply, signed) => {
    await comments.remove(signed, [idParam(request)], { ip: request.ip });
    return reply.code(204).send();
  });

  describeCommentsApi(app.openapi);
}

function describeCommentsApi(openapi: OpenApiRegistry): void {
  const tags = ['comments'];
  const challengeRef = openapi.schema('CommentChallenge', challengeResponse);
  const inputRef = openapi.schema('CommentRequest', commentInput, 'input');
  const acceptedRef = openapi.schema('CommentAccepted', acceptedResponse);
  const commentRef = openapi.schema('StaffComment', staffComment);
  const listRef = openapi.schema('StaffCommentList', listResponse);
  const editRef = openapi.schema('CommentEdit', editBody, 'input');
  const replyRef = openapi.schema('CommentReply', replyBody, 'input');
  const resultRef = openapi.schema('CommentActionResult', actionResult);
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
  const staff = { security: [{ session: [] }] };

  openapi.path('/comments/challenge', 'get', {
    summary: 'A proof-of-work challenge for one comment (ALTCHA, SHA-256)',
    description:
      'Find `number` in 0..`maxnumber` such that SHA-256(`salt` + `number`) in hex equals `challenge`; send base64(JSON {algorithm, challenge, number, salt, signature}) as `altcha`. A challenge expires after 30 minutes, may be used once, and not sooner than 3 seconds after it was issued.',
    tags,
    responses: { 200: jsonResponse('OK', challengeRef) },
  });
  openapi.path('/comments', 'post', {
    summary: 'Send a comment (question) under an article',
    description: [
      'Public. Nothing appears before a moderator approves it; the answer is always `pending` (a comment the spam score routes to the spam queue answers the same).',
      '`consent` must be true: the explicit consent to store and publish the comment; its current text version is recorded. The KVKK information notice is linked from the form, never "accepted".',
      '`website` is a honeypot: a non-empty value is refused with a generic 422. Without `altcha` the comment is accepted with a higher spam score; an invalid, expired or reused one is refused (422).',
      'Limited per IP address (IPv6 per /64) and per article per hour (429); links and length are limited (422). The response sets a cookie that shows the author their own waiting comment on the article page.',
    ].join('\n\n'),
    tags,
    requestBody: jsonBody(inputRef),
    responses: {
      202: jsonResponse('Accepted for moderation', acceptedRef),
      404: problemResponse('No such public article'),
      415: problemResponse('Body is not application/json'),
      422: problemResponse('Invalid fields (`errors` per field), comments closed, honeypot, proof of work refused'),
      429: problemResponse('Too many comments from this address or on this article'),
    },
  });
  openapi.path('/comments', 'get', {
    summary: 'Moderation queue (comments.moderate)',
    tags,
    ...staff,
    parameters: [
      { name: 'status', in: 'query', schema: { type: 'string', enum: [...commentStatuses] } },
      { name: 'article', in: 'query', schema: { type: 'integer' }, description: 'Article id' },
      { name: 'locale', in: 'query', schema: { type: 'string', enum: ['tr', 'en'] } },
      { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Text in the name or the comment' },
      { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } },
      { name: 'offset', in: 'query', schema: { type: 'integer' } },
    ],
    responses: { 200: jsonResponse('OK', listRef), 401: problemResponse('Not signed in'), 403: problemResponse('Not allowed'), 422: problemResponse('Bad filter') },
  });
  openapi.path('/comments/{id}', 'get', { summary: 'One comment (comments.moderate)', tags, ...staff, parameters: [id], responses: { 200: jsonResponse('OK', commentRef), 404: problemResponse('No such comment') } });
  openapi.path('/comments/{id}', 'delete', {
    summary: 'Delete a comment and its answers for good (comments.moderate; X-CSRF-Token)',
    tags,
    ...staff,
    parameters: [id],
    responses: { 204: { description: 'Deleted' }, 404: problemResponse('No such comment') },
  });
  for (const [action, summary] of [
    ['approve', 'Approve: publish it (a waiting answer also sends its notice e-mail)'],
    ['reject', 'Reject as spam (hidden, kept in the spam queue)'],
  ] as const) {
    openapi.path(`/comments/{id}/${action}`, 'post', {
      summary: `${summary} (comments.moderate; X-CSRF-Token)`,
      tags,
      ...staff,
      parameters: [id],
      responses: { 200: jsonResponse('How many comments changed', resultRef), 404: problemResponse('No such comment') },
    });
  }
  openapi.path('/comments/{id}/reply', 'post', {
    summary: 'Answer as the clinic: published at once with the Clinic badge (comments.moderate; X-CSRF-Token)',
    tags,
    ...staff,
    parameters: [id],
    requestBody: jsonBody(replyRef),
    responses: { 201: jsonResponse('The answer', commentRef), 404: problemResponse('No such comment'), 422: problemResponse('Empty or too long') },
  });
  openapi.path('/comments/{id}/edit', 'post', {
    summary: 'Correct the name or text (audited; comments.moderate; X-CSRF-Token)',
    tags,
    ...staff,
    parameters: [id],
    requestBody: jsonBody(editRef),
    responses: { 200: jsonResponse('The comment', commentRef), 404: problemResponse('No such comment'), 422: problemResponse('Empty or too long') },
  });
}
