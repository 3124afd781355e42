// Public HTTP of the comments feature: the section rendered into article pages (the slot), the no-JavaScript form
// POST with its "awaits moderation" page, the reply page, the privacy notice and the unsubscribe pages.
// The reader's own waiting comments are listed in a signed cookie scoped to the article's path.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Config } from '../../config.ts';
import { Forbidden, Invalid, NotFound, TooManyRequests } from '../../errors.ts';
import { locales, translator, type Locale } from '../../i18n/index.ts';
import type { Assets } from '../../web/assets.ts';
import { renderDocument } from '../../web/render.ts';
import type { PublicContext } from '../../web/views/public-layout.tsx';
import type { PublicArticleRef } from '../articles/service.ts';
import type { ContentService } from '../content/service.ts';
import type { SettingsService } from '../settings/service.ts';
import { isCrossSite } from '../staff/http.ts';
import { CommentRefused, type CommentService, type PublicComment, type SubmitOutcome } from './service.ts';
import { commentPaths } from './views/paths.ts';
import { CommentFormPage, CommentsSection, countLabel, emptyForm, nextMidnight, NoticePage, SentPage, UnsubscribePage, type FormTexts, type FormValues } from './views/public.tsx';

interface Deps {
  comments: CommentService;
  content: ContentService;
  settings: SettingsService;
  assets: Assets;
  config: Config;
  now: () => number;
}

/** What the article page gets from this feature: the section, its count, and when its relative dates go stale. */
export interface CommentsSlot {
  /** Whether this request carries the reader's list of own comments (then the page is rendered for them alone). */
  isPersonal(request: FastifyRequest, locale: Locale, slug: string): boolean;
  section(ctx: PublicContext, article: PublicArticleRef, request?: FastifyRequest, reply?: FastifyReply): Promise<{ countLabel: string; node: VNode; expiresAt: number }>;
}

/**
 * The reader's own waiting comments, one cookie per article and language (path /, so the API call that posts a
 * comment sees the list and adds to it; only that article's page reads it).
 */
export function ownCookieName(locale: Locale, slug: string): string {
  return `rc_own_${locale}_${slug}`;
}
const OWN_MAX_AGE_S = 14 * 24 * 3600;

function firstString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** Remembers a reader's own comment in the cookie of the article's path (merged with the ones already there). */
export function rememberOwn(request: FastifyRequest, reply: FastifyReply, comments: CommentService, config: Config, outcome: SubmitOutcome): void {
  const name = ownCookieName(outcome.locale, outcome.article.slug);
  const ids = [...comments.openOwn(request.cookies[name]), outcome.id];
  reply.setCookie(name, comments.sealOwn(ids), { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: OWN_MAX_AGE_S });
}

export function registerCommentPages(app: FastifyInstance, deps: Deps): CommentsSlot {
  const { comments, content, settings, assets, config, now } = deps;

  const publicContext = async (locale: Locale): Promise<PublicContext> => ({
    locale,
    t: translator(locale),
    settings: settings.current,
    assets,
    baseUrl: config.baseUrl,
    nav: (await content.navigation())[locale],
  });

  const formTexts = async (locale: Locale): Promise<FormTexts> => {
    const [notice, consent] = await Promise.all([comments.legalText('comment-notice', locale), comments.legalText('comment-consent', locale)]);
    return { noticeVersion: notice.version, consent: { version: consent.version, text: consent.bodyMd.trim() }, maxLinks: config.comments.maxLinks };
  };

  const slot: CommentsSlot = {
    isPersonal: (request, locale, slug) => Boolean(request.cookies[ownCookieName(locale, slug)]),
    async section(ctx, article, request, reply) {
      const name = ownCookieName(ctx.locale, article.slug);
      const own = request ? comments.openOwn(request.cookies[name]) : [];
      const thread = await comments.threads(article.id, ctx.locale, own);
      // Nothing of theirs waits any more: forget the list, so this reader gets the shared cached page again.
      if (reply && request?.cookies[name] && thread.own.length === 0 && !thread.threads.some((th) => th.replies.some((r) => r.awaiting))) {
        reply.clearCookie(name, { path: '/' });
      }
      const at = now();
      const node = CommentsSection({
        ctx,
        article,
        thread,
        texts: await formTexts(ctx.locale),
        formStamp: comments.formStamp(),
        now: at,
        scriptUrl: assets.url('comments.js'),
        styleText: assets.text('comments.css'),
      });
      return { countLabel: countLabel(ctx, thread.count), node, expiresAt: nextMidnight(at, settings.current.timeZone) };
    },
  };

  const readValues = (body: Record<string, unknown>): FormValues => ({
    name: firstString(body.name).slice(0, 500),
    email: firstString(body.email).slice(0, 500),
    body: firstString(body.body).slice(0, 20_000),
    notifyOnReply: firstString(body.notifyOnReply) === 'yes',
    consent: firstString(body.consent) === 'yes',
  });

  const formPage = async (
    reply: FastifyReply,
    locale: Locale,
    article: PublicArticleRef,
    options: { values?: FormValues; errors?: Record<string, string>; parent?: PublicComment | undefined; banner?: string; status: number; path: string },
  ) => {
    const ctx = await publicContext(locale);
    const html = renderDocument(
      CommentFormPage({
        ctx,
        article,
        texts: await formTexts(locale),
        formStamp: comments.formStamp(),
        values: options.values,
        errors: options.errors,
        parent: options.parent,
        banner: options.banner,
        now: now(),
        path: options.path,
        styleText: assets.text('comments.css'),
        scriptUrl: assets.url('comments.js'),
      }),
    );
    return sendHtml(reply, html, options.status);
  };

  for (const locale of locales) {
    const paths = commentPaths[locale];
    const t = translator(locale);

    // ---------- the no-JavaScript submission ----------
    app.post(paths.post, async (request, reply) => {
      if (isCrossSite(request, config)) throw new Forbidden('cross-site request refused');
      const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
      const values = readValues(body);
      const slug = firstString(body.article).slice(0, 200);
      const parentRaw = firstString(body.parentId);
      const parentId = /^[1-9]\d{0,11}$/.test(parentRaw) ? Number(parentRaw) : undefined;
      const article = await comments.publicArticle(locale, { slug });
      if (!article) throw new NotFound();
      const parent = parentId !== undefined ? (await comments.replyTarget(locale, parentId))?.comment : undefined;
      const input = {
        article: slug,
        locale,
        name: values.name,
        email: values.email,
        body: values.body,
        ...(parentId !== undefined ? { parentId } : {}),
        notifyOnReply: values.notifyOnReply,
        consent: values.consent,
        website: firstString(body.website).slice(0, 500),
        altcha: firstString(body.altcha).slice(0, 4000) || undefined,
      };
      try {
        const outcome = await comments.submit(input, { ip: request.ip, locale, formStamp: firstString(body.stamp) });
        rememberOwn(request, reply, comments, config, outcome);
        const ctx = await publicContext(locale);
        return await sendHtml(reply, renderDocument(SentPage({ ctx, article, comment: outcome.comment, now: now(), path: paths.post, styleText: assets.text('comments.css') })));
      } catch (err) {
        if (err instanceof TooManyRequests) return formPage(reply, locale, article, { values, parent, banner: t('comments.error.tooMany'), status: 429, path: paths.post });
        if (err instanceof CommentRefused) return formPage(reply, locale, article, { values, parent, banner: t('comments.error.refused'), status: 422, path: paths.post });
        if (err instanceof Invalid) {
          const errors = { ...err.fields };
          if (errors.consent) errors.consent = t('comments.error.consent');
          const general = new Set(['_', 'altcha', 'article', 'parentId', 'locale', 'website', 'notifyOnReply']);
          const banner = Object.entries(errors).filter(([key]) => general.has(key)).map(([, message]) => message).join(' ') || undefined;
          for (const key of Object.keys(errors)) if (general.has(key)) Reflect.deleteProperty(errors, key);
          return formPage(reply, locale, article, { values, errors, parent, ...(banner ? { banner } : {}), status: 422, path: paths.post });
        }
        throw err;
      }
    });
    // GET on the form's address: nothing to see there, back to the articles.
    app.get(paths.post, async (_request, reply) => reply.header('cache-control', 'no-store').redirect((await content.navigation())[locale].articles, 303));

    // ---------- answering a comment (its own page: works without JavaScript) ----------
    app.get<{ Params: { id: string } }>(`${paths.reply}/:id`, async (request, reply) => {
      if (!/^[1-9]\d{0,11}$/.test(request.params.id)) throw new NotFound();
      const target = await comments.replyTarget(locale, Number(request.params.id));
      if (!target) throw new NotFound();
      return formPage(reply, locale, target.article, { values: emptyForm, parent: target.comment, status: 200, path: `${paths.reply}/${target.comment.id}` });
    });

    // ---------- the KVKK notice for comments ----------
    app.get(paths.notice, async (_request, reply) => {
      const text = await comments.legalText('comment-notice', locale);
      const ctx = await publicContext(locale);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=0, must-revalidate')
        .send(renderDocument(NoticePage({ ctx, bodyMd: text.bodyMd, path: paths.notice })));
    });

    // ---------- unsubscribe: the link asks (a GET never changes anything), the button does it ----------
    app.get<{ Params: { token: string } }>(`${paths.unsubscribe}/:token`, async (request, reply) => {
      if (!(await comments.unsubscribeTarget(request.params.token))) throw new NotFound();
      const ctx = await publicContext(locale);
      const path = `${paths.unsubscribe}/${request.params.token}`;
      reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
      return sendHtml(reply, renderDocument(UnsubscribePage({ ctx, path, done: false, action: path })));
    });
    app.post<{ Params: { token: string } }>(`${paths.unsubscribe}/:token`, async (request, reply) => {
      if (isCrossSite(request, config)) throw new Forbidden('cross-site request refused');
      await comments.unsubscribe(request.params.token);
      const ctx = await publicContext(locale);
      const path = `${paths.unsubscribe}/${request.params.token}`;
      reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
      return sendHtml(reply, renderDocument(UnsubscribePage({ ctx, path, done: true, action: path })));
    });
  }

  return slot;
}
