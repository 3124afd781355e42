// Public views of the comments feature: the section under an article (threads, the reader's own waiting comments,
// the form), the per-request form pages (reply, errors, "awaits moderation"), the privacy notice and unsubscribe.
// Comment text is only ever rendered as escaped text runs and http(s) links with rel="nofollow ugc noopener".
import { DateTime } from 'luxon';
import type { ComponentChildren } from 'preact';
import { formatDateTime, formatNumber, type Locale } from '../../../i18n/index.ts';
import { markdownToHtml } from '../../../web/views/markdown.ts';
import { PublicPage, type PublicContext } from '../../../web/views/public-layout.tsx';
import type { PublicArticleRef } from '../../articles/service.ts';
import type { PublicComment, ThreadModel } from '../service.ts';
import { BODY_MAX, EMAIL_MAX, NAME_MAX } from '../service.ts';
import { paragraphs } from '../text.ts';
import { commentPaths, replyPath } from './paths.ts';

/** "today", "3 days ago", "2 months ago": by calendar days in the clinic's zone, so a cached page goes stale only at midnight. */
export function relativeDay(locale: Locale, at: number, now: number, timeZone: string): string {
  const day = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).startOf('day');
  const days = Math.max(0, Math.round(day(now).diff(day(at), 'days').days));
  const format = new Intl.RelativeTimeFormat(locale === 'tr' ? 'tr-TR' : 'en-GB', { numeric: 'auto' });
  if (days < 7) return format.format(-days, 'day');
  if (days < 30) return format.format(-Math.floor(days / 7), 'week');
  if (days < 365) return format.format(-Math.floor(days / 30), 'month');
  return format.format(-Math.floor(days / 365), 'year');
}

/** When the relative dates of a page rendered at `now` change: the next midnight in the clinic's zone. */
export function nextMidnight(now: number, timeZone: string): number {
  return DateTime.fromMillis(now, { zone: timeZone }).plus({ days: 1 }).startOf('day').toMillis();
}

export function countLabel(ctx: PublicContext, count: number): string {
  return count === 1 ? ctx.t('comments.count.one') : ctx.t('comments.count.other', { count });
}

export function CommentText({ body }: { body: string }) {
  return (
    <div class="comment-body">
      {paragraphs(body).map((lines) => (
        <p>
          {lines.map((runs, i) => (
            <>
              {i > 0 ? <br /> : null}
              {runs.map((run) =>
                'href' in run ? (
                  <a href={run.href} rel="nofollow ugc noopener">
                    {run.text}
                  </a>
                ) : (
                  run.text
                ),
              )}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

function CommentItem({ ctx, comment, now, replyable }: { ctx: PublicContext; comment: PublicComment; now: number; replyable: boolean }) {
  const { t, locale, settings } = ctx;
  const classes = ['comment', comment.isClinic ? 'is-clinic' : '', comment.awaiting ? 'is-awaiting' : ''].filter(Boolean).join(' ');
  return (
    <article class={classes} id={comment.awaiting ? `own-${comment.id}` : `comment-${comment.id}`} aria-label={comment.authorName}>
      <p class="comment-meta">
        <span class="comment-author">{comment.authorName}</span>
        {comment.isClinic ? <span class="comment-badge">{t('comments.clinicBadge')}</span> : null}
        <span class="comment-date">
          <time dateTime={new Date(comment.createdAt).toISOString()}>{formatDateTime(locale, comment.createdAt, settings.timeZone)}</time>
          {' · '}
          {relativeDay(locale, comment.createdAt, now, settings.timeZone)}
        </span>
      </p>
      {comment.awaiting ? <p class="comment-awaiting">{t('comments.awaiting')}</p> : null}
      <CommentText body={comment.body} />
      {replyable ? (
        <p class="comment-actions">
          <a href={replyPath(locale, comment.id)} aria-label={t('comments.replyLabel', { name: comment.authorName })} data-reply={comment.id} data-reply-name={comment.authorName}>
            {t('comments.reply')}
          </a>
        </p>
      ) : null}
    </article>
  );
}

export interface FormTexts {
  noticeVersion: number;
  consent: { version: number; text: string };
  maxLinks: number;
}

export interface FormValues {
  name: string;
  email: string;
  body: string;
  notifyOnReply: boolean;
  consent: boolean;
}

export const emptyForm: FormValues = { name: '', email: '', body: '', notifyOnReply: false, consent: false };

function ErrorText({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p class="bk-error" id={id}>
      <span class="bk-error-mark" aria-hidden="true">
        !
      </span>
      {text}
    </p>
  );
}

const fieldIds: Record<string, string> = { name: 'cm-name', email: 'cm-email', body: 'cm-body', consent: 'cm-consent', notifyOnReply: 'cm-notify' };

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

/**
 * The comment form; one per page (ids are fixed). Works as a plain POST; comments.js (`scriptUrl`, loaded by public.js
 * on the first use of the form) submits it in place.
 */
export function CommentForm(props: {
  ctx: PublicContext;
  article: Pick<PublicArticleRef, 'slug' | 'title'>;
  texts: FormTexts;
  formStamp: string;
  values?: FormValues;
  errors?: Record<string, string>;
  parent?: { id: number; name: string } | undefined;
  headingLevel?: 2 | 3;
  scriptUrl: string;
}) {
  const { ctx, article, texts, formStamp, values = emptyForm, errors = {}, parent, headingLevel = 3, scriptUrl } = props;
  const { t, locale } = ctx;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const errorKeys = Object.keys(errors);
  const fieldLabel: Record<string, string> = {
    name: t('comments.form.name'),
    email: t('comments.form.email'),
    body: t('comments.form.body'),
    consent: t('comments.error.consent'),
  };
  return (
    <form
      method="post"
      action={commentPaths[locale].post}
      class="comment-form"
      id="comment-form"
      aria-labelledby="comment-form-title"
      novalidate
      data-api="/api/v1/comments"
      data-challenge="/api/v1/comments/challenge"
      data-sending={t('comments.form.sending')}
      data-sent={t('comments.sent.inline')}
      data-network={t('comments.error.network')}
      data-awaiting={t('comments.awaiting')}
      data-too-many={t('comments.error.tooMany')}
      data-script={scriptUrl}
    >
      <Heading id="comment-form-title">{parent ? t('comments.form.replyTitle', { name: parent.name }) : t('comments.form.title')}</Heading>
      <div class="comment-status" role="status" aria-live="polite" />
      {errorKeys.length ? (
        <div class="bk-error-summary" role="alert" id="comment-errors" tabIndex={-1}>
          <h2>{t('comments.form.errorTitle')}</h2>
          <ul>
            {errorKeys.map((key) =>
              fieldIds[key] ? (
                <li>
                  <a href={`#${fieldIds[key]}`}>{errors[key]}</a>
                </li>
              ) : (
                <li>{errors[key]}</li>
              ),
            )}
          </ul>
        </div>
      ) : null}
      <input type="hidden" name="article" value={article.slug} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="parentId" value={parent ? String(parent.id) : ''} />
      <input type="hidden" name="stamp" value={formStamp} />
      <input type="hidden" name="altcha" value="" />
      <div class={errors.name ? 'bk-field has-error' : 'bk-field'}>
        <label for="cm-name">{fieldLabel.name}</label>
        <ErrorText id="cm-name-error" text={errors.name} />
        <input id="cm-name" name="name" type="text" value={values.name} maxLength={NAME_MAX} autoComplete="name" required aria-invalid={errors.name ? 'true' : undefined} aria-describedby={describedBy(errors.name && 'cm-name-error')} />
      </div>
      <div class={errors.email ? 'bk-field has-error' : 'bk-field'}>
        <label for="cm-email">{fieldLabel.email}</label>
        <ErrorText id="cm-email-error" text={errors.email} />
        <input id="cm-email" name="email" type="email" value={values.email} maxLength={EMAIL_MAX} autoComplete="email" inputMode="email" aria-invalid={errors.email ? 'true' : undefined} aria-describedby={describedBy(errors.email && 'cm-email-error')} />
      </div>
      <div class={errors.body ? 'bk-field has-error' : 'bk-field'}>
        <label for="cm-body">{fieldLabel.body}</label>
        <p class="bk-hint" id="cm-body-hint">
          {t('comments.form.bodyHint', { max: formatNumber(locale, BODY_MAX), links: texts.maxLinks })}
        </p>
        <ErrorText id="cm-body-error" text={errors.body} />
        <textarea id="cm-body" name="body" rows={6} maxLength={BODY_MAX} required aria-invalid={errors.body ? 'true' : undefined} aria-describedby={describedBy('cm-body-hint', errors.body && 'cm-body-error')}>
          {values.body}
        </textarea>
      </div>
      <div class="bk-option comment-check">
        <input type="checkbox" id="cm-notify" name="notifyOnReply" value="yes" checked={values.notifyOnReply} aria-describedby="cm-notify-hint" />
        <label for="cm-notify">{t('comments.form.notify')}</label>
      </div>
      <p class="bk-hint" id="cm-notify-hint">
        {t('comments.form.notifyHint')}
      </p>
      <p class="comment-notice">
        {t('comments.form.noticeBefore')} <a href={commentPaths[locale].notice}>{t('comments.form.noticeLink', { version: texts.noticeVersion })}</a>
      </p>
      <div class={errors.consent ? 'bk-consent has-error comment-consent' : 'comment-consent'}>
        <ErrorText id="cm-consent-error" text={errors.consent} />
        <div class="bk-option comment-check">
          <input type="checkbox" id="cm-consent" name="consent" value="yes" checked={values.consent} required aria-invalid={errors.consent ? 'true' : undefined} aria-describedby={describedBy(errors.consent && 'cm-consent-error')} />
          <label for="cm-consent">
            {texts.consent.text} <span class="muted">{t('comments.form.consentVersion', { version: texts.consent.version })}</span>
          </label>
        </div>
      </div>
      <div class="bk-hp" aria-hidden="true">
        <label for="cm-website">{t('comments.form.honeypot')}</label>
        <input type="text" id="cm-website" name="website" value="" tabIndex={-1} autoComplete="off" />
      </div>
      <p class="comment-submit">
        <button type="submit" class="button primary">
          {t('comments.form.submit')}
        </button>
        <span class="bk-hint">{t('comments.form.submitHint')}</span>
      </p>
    </form>
  );
}

export interface SectionProps {
  ctx: PublicContext;
  article: Pick<PublicArticleRef, 'slug' | 'title'>;
  thread: ThreadModel;
  texts: FormTexts;
  formStamp: string;
  now: number;
  scriptUrl: string;
  /** comments.css, inlined (allowed by its hash in the CSP): no render-blocking request on the article page. */
  styleText: string;
}

/** The comments section under an article (the same bytes for every reader unless `thread.own` has their comments). */
export function CommentsSection({ ctx, article, thread, texts, formStamp, now, scriptUrl, styleText }: SectionProps) {
  const { t } = ctx;
  return (
    <section id="comments" class="comments" aria-labelledby="comments-title">
      <style dangerouslySetInnerHTML={{ __html: styleText }} />
      <h2 id="comments-title">
        {t('comments.title')} <span class="comments-count">({thread.count})</span>
      </h2>
      <p class="comments-intro">{t('comments.intro')}</p>
      {thread.threads.length === 0 && thread.own.length === 0 ? <p class="comments-empty">{t('comments.empty')}</p> : null}
      <ol class="comment-list">
        {thread.threads.map((th) => (
          <li>
            <CommentItem ctx={ctx} comment={th.comment} now={now} replyable />
            {th.replies.length ? (
              <ol class="comment-replies" aria-label={t('comments.replies', { name: th.comment.authorName })}>
                {th.replies.map((r) => (
                  <li>
                    <CommentItem ctx={ctx} comment={r} now={now} replyable={false} />
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
        {thread.own.map((c) => (
          <li>
            <CommentItem ctx={ctx} comment={c} now={now} replyable={false} />
          </li>
        ))}
      </ol>
      <CommentForm ctx={ctx} article={article} texts={texts} formStamp={formStamp} scriptUrl={scriptUrl} />
    </section>
  );
}

function SimplePage(props: { ctx: PublicContext; title: string; path: string; children: ComponentChildren; noindex?: boolean }) {
  const { ctx, title, path, children } = props;
  return (
    <PublicPage
      ctx={ctx}
      title={title}
      description={title}
      path={path}
      alternates={{}}
      active="articles"
      head={props.noindex === false ? undefined : <meta name="robots" content="noindex" />}
    >
      <div class="wrap page comments-page">{children}</div>
    </PublicPage>
  );
}

/** A per-request form page: answering one comment, or the form sent back with messages (no JavaScript). */
export function CommentFormPage(props: {
  ctx: PublicContext;
  article: PublicArticleRef;
  texts: FormTexts;
  formStamp: string;
  values?: FormValues;
  errors?: Record<string, string>;
  parent?: PublicComment | undefined;
  banner?: string | undefined;
  now: number;
  path: string;
  /** comments.css, inlined (allowed by its hash in the CSP): no render-blocking request on the article page. */
  styleText: string;
  scriptUrl: string;
}) {
  const { ctx, article, parent, banner, now, path } = props;
  const { t } = ctx;
  const title = parent ? t('comments.form.replyTitle', { name: parent.authorName }) : t('comments.form.title');
  return (
    <SimplePage ctx={ctx} title={title} path={path}>
      <style dangerouslySetInnerHTML={{ __html: props.styleText }} />
      <p>
        <a href={`${article.path}#comments`}>{t('comments.form.back', { title: article.title })}</a>
      </p>
      <h1>{article.title}</h1>
      {banner ? (
        <div class="bk-banner error" role="alert">
          <p>{banner}</p>
        </div>
      ) : null}
      {parent ? (
        <div class="comments">
          <CommentItem ctx={ctx} comment={parent} now={now} replyable={false} />
        </div>
      ) : null}
      <CommentForm
        ctx={ctx}
        article={article}
        texts={props.texts}
        formStamp={props.formStamp}
        values={props.values}
        errors={props.errors}
        parent={parent ? { id: parent.id, name: parent.authorName } : undefined}
        headingLevel={2}
        scriptUrl={props.scriptUrl}
      />
    </SimplePage>
  );
}

/** After a no-JavaScript submission: it awaits moderation, here is what you wrote, back to the article. */
export function SentPage({ ctx, article, comment, now, path, styleText }: { ctx: PublicContext; article: PublicArticleRef; comment: PublicComment; now: number; path: string; styleText: string }) {
  const { t } = ctx;
  return (
    <SimplePage ctx={ctx} title={t('comments.sent.title')} path={path}>
      <style dangerouslySetInnerHTML={{ __html: styleText }} />
      <div class="bk-banner success" role="status">
        <div>
          <h1 class="bk-banner-title">{t('comments.sent.title')}</h1>
          <p>{t('comments.sent.body')}</p>
        </div>
      </div>
      <div class="comments">
        <CommentItem ctx={ctx} comment={comment} now={now} replyable={false} />
      </div>
      <p>
        <a class="button" href={`${article.path}#own-${comment.id}`}>
          {t('comments.form.back', { title: article.title })}
        </a>
      </p>
    </SimplePage>
  );
}

export function NoticePage({ ctx, bodyMd, path }: { ctx: PublicContext; bodyMd: string; path: string }) {
  return (
    <SimplePage ctx={ctx} title={ctx.t('comments.notice.title')} path={path} noindex={false}>
      <div class="prose" dangerouslySetInnerHTML={{ __html: markdownToHtml(bodyMd) }} />
    </SimplePage>
  );
}

export function UnsubscribePage({ ctx, path, done, action }: { ctx: PublicContext; path: string; done: boolean; action: string }) {
  const { t } = ctx;
  return (
    <SimplePage ctx={ctx} title={t('comments.unsubscribe.title')} path={path}>
      <h1>{t('comments.unsubscribe.title')}</h1>
      {done ? (
        <div class="bk-banner success" role="status">
          <p>{t('comments.unsubscribe.done')}</p>
        </div>
      ) : (
        <>
          <p>{t('comments.unsubscribe.body')}</p>
          <form method="post" action={action}>
            <button type="submit" class="button primary">
              {t('comments.unsubscribe.confirm')}
            </button>
          </form>
        </>
      )}
    </SimplePage>
  );
}
