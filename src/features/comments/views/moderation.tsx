// Back office: the moderation queue (tabs per status with counts, filters, search, bulk and per-comment actions) and
// one comment's page (edit, answer as the clinic). Works without JavaScript: every action is a form POST.
import type { Translate } from '../../../i18n/index.ts';
import { CsrfField, Field, FilterSelect } from '../../../web/views/admin-layout.tsx';
import { CommentText } from './public.tsx';

export interface QueueFilters {
  status: string;
  article: string;
  language: string;
  q: string;
}

export interface QueueRow {
  id: number;
  status: string;
  statusLabel: string;
  authorName: string;
  isClinic: boolean;
  wantsEmail: boolean;
  body: string;
  articleTitle: string;
  viewHref: string | undefined;
  when: string;
  iso: string;
  inReplyTo: string | undefined;
  score: number;
  reasons: string[];
  edited: boolean;
}

export interface QueueProps {
  t: Translate;
  csrf: string;
  filters: QueueFilters;
  filterError: string | undefined;
  tabs: Array<{ href: string; label: string; count: number; current: boolean }>;
  articles: Array<{ value: string; label: string }>;
  statuses: Array<{ value: string; label: string }>;
  rows: QueueRow[];
  summary: string;
  returnTo: string;
  previousHref?: string | undefined;
  nextHref?: string | undefined;
}

function ActionButtons({ t, row }: { t: Translate; row: QueueRow }) {
  return (
    <div class="actions">
      {row.status !== 'approved' ? (
        <button type="submit" name="action" value={`approve:${row.id}`} class="button-primary">
          {t('comments.admin.action.approve')}
        </button>
      ) : null}
      {row.status !== 'spam' && !row.isClinic ? (
        <button type="submit" name="action" value={`spam:${row.id}`} class="button-secondary">
          {t('comments.admin.action.spam')}
        </button>
      ) : null}
      <a class="button-secondary" href={`/admin/comments/${row.id}`}>
        {row.isClinic ? t('comments.admin.action.edit') : `${t('comments.admin.action.edit')} / ${t('comments.admin.action.reply')}`}
      </a>
      {row.viewHref ? (
        <a class="button-secondary" href={row.viewHref}>
          {t('comments.admin.action.view')}
        </a>
      ) : null}
      <button type="submit" name="action" value={`delete:${row.id}`} class="button-danger">
        {t('comments.admin.action.delete')}
      </button>
    </div>
  );
}

export function ModerationQueue(props: QueueProps) {
  const { t, csrf, filters, filterError, tabs, articles, statuses, rows, summary, returnTo } = props;
  return (
    <>
      <p>{t('comments.admin.intro')}</p>
      <ul class="cm-tabs">
        {tabs.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.current ? 'page' : undefined}>
              {tab.label} ({tab.count})
            </a>
          </li>
        ))}
      </ul>
      {filterError ? (
        <div class="banner error" role="alert">
          <p>{filterError}</p>
        </div>
      ) : null}
      <form method="get" action="/admin/comments" class="filters" role="search" aria-label={t('comments.admin.filter.search')}>
        <FilterSelect name="status" label={t('comments.admin.filter.status')} value={filters.status} anyLabel={t('comments.admin.filter.anyStatus')} options={statuses} />
        <FilterSelect name="article" label={t('comments.admin.filter.article')} value={filters.article} anyLabel={t('comments.admin.filter.anyArticle')} options={articles} />
        <FilterSelect
          name="language"
          label={t('comments.admin.filter.language')}
          value={filters.language}
          anyLabel={t('comments.admin.filter.anyLanguage')}
          options={[
            { value: 'tr', label: 'Türkçe' },
            { value: 'en', label: 'English' },
          ]}
        />
        <Field name="q" type="search" label={t('comments.admin.filter.search')} value={filters.q} maxLength={100} />
        <div class="actions">
          <button type="submit" class="button-primary">
            {t('comments.admin.filter.apply')}
          </button>
        </div>
      </form>
      {rows.length === 0 ? (
        <p>{t('comments.admin.empty')}</p>
      ) : (
        <form method="post" action="/admin/comments/bulk" class="cm-queue" data-select-all>
          <CsrfField token={csrf} />
          <input type="hidden" name="return" value={returnTo} />
          <p class="hint">{summary}</p>
          <fieldset class="cm-bulk">
            <legend>{t('comments.admin.bulk')}</legend>
            <button type="submit" name="action" value="approve" class="button-primary">
              {t('comments.admin.action.approve')}
            </button>
            <button type="submit" name="action" value="spam" class="button-secondary">
              {t('comments.admin.action.spam')}
            </button>
            <button type="submit" name="action" value="delete" class="button-danger">
              {t('comments.admin.action.delete')}
            </button>
          </fieldset>
          <ul class="cm-list">
            {rows.map((row) => (
              <li class="cm-item" id={`c-${row.id}`}>
                <input type="checkbox" name="ids" value={String(row.id)} id={`sel-${row.id}`} aria-label={t('comments.admin.select', { id: row.id })} />
                <div>
                  <p class="cm-meta">
                    <strong>{row.authorName}</strong> {row.isClinic ? <span class="badge cm-clinic">{t('comments.admin.clinic')}</span> : null}{' '}
                    <span class={`badge cm-${row.status}`}>{row.statusLabel}</span> · <time dateTime={row.iso}>{row.when}</time> · {row.articleTitle}
                    {row.inReplyTo ? ` · ${row.inReplyTo}` : ''}
                    {row.wantsEmail ? ` · ${t('comments.admin.wantsEmail')}` : ''}
                    {row.edited ? ` · ${t('comments.admin.edited')}` : ''}
                  </p>
                  <div class="cm-text">
                    <CommentText body={row.body} />
                  </div>
                  {row.score > 0 ? (
                    <p class="cm-reasons">
                      {t('comments.admin.score', { score: row.score })}
                      {row.reasons.length ? `: ${row.reasons.join(', ')}` : ''}
                    </p>
                  ) : null}
                  <ActionButtons t={t} row={row} />
                </div>
              </li>
            ))}
          </ul>
        </form>
      )}
      <p class="actions">
        {props.previousHref ? (
          <a class="button-secondary" href={props.previousHref} rel="prev">
            {t('comments.admin.previous')}
          </a>
        ) : null}
        {props.nextHref ? (
          <a class="button-secondary" href={props.nextHref} rel="next">
            {t('comments.admin.next')}
          </a>
        ) : null}
      </p>
    </>
  );
}

export interface DetailProps {
  t: Translate;
  csrf: string;
  row: QueueRow;
  values: { name: string; body: string };
  errors: Record<string, string>;
  replyBody: string;
  replyError: string | undefined;
  replies: QueueRow[];
  canReply: boolean;
}

export function CommentDetail(props: DetailProps) {
  const { t, csrf, row, values, errors, replyBody, replyError, replies, canReply } = props;
  return (
    <>
      <p>
        <a href="/admin/comments">{t('comments.admin.back')}</a>
      </p>
      <form method="post" action="/admin/comments/bulk" class="cm-queue">
        <CsrfField token={csrf} />
        <input type="hidden" name="return" value={`/admin/comments/${row.id}`} />
        <ul class="cm-list">
          <li class="cm-item">
            <span />
            <div>
              <p class="cm-meta">
                <strong>{row.authorName}</strong> <span class={`badge cm-${row.status}`}>{row.statusLabel}</span> · <time dateTime={row.iso}>{row.when}</time> · {row.articleTitle}
                {row.inReplyTo ? ` · ${row.inReplyTo}` : ''}
                {row.wantsEmail ? ` · ${t('comments.admin.wantsEmail')}` : ''}
              </p>
              {row.score > 0 ? <p class="cm-reasons">{t('comments.admin.score', { score: row.score })}{row.reasons.length ? `: ${row.reasons.join(', ')}` : ''}</p> : null}
              <div class="actions">
                {row.status !== 'approved' ? (
                  <button type="submit" name="action" value={`approve:${row.id}`} class="button-primary">
                    {t('comments.admin.action.approve')}
                  </button>
                ) : null}
                {row.status !== 'spam' && !row.isClinic ? (
                  <button type="submit" name="action" value={`spam:${row.id}`} class="button-secondary">
                    {t('comments.admin.action.spam')}
                  </button>
                ) : null}
                {row.viewHref ? (
                  <a class="button-secondary" href={row.viewHref}>
                    {t('comments.admin.action.view')}
                  </a>
                ) : null}
                <button type="submit" name="action" value={`delete:${row.id}`} class="button-danger">
                  {t('comments.admin.action.delete')}
                </button>
              </div>
            </div>
          </li>
        </ul>
      </form>

      <h2>{t('comments.admin.action.edit')}</h2>
      <form method="post" action={`/admin/comments/${row.id}/edit`} novalidate>
        <CsrfField token={csrf} />
        <p class="hint">{t('comments.admin.edit.hint')}</p>
        <Field name="name" label={t('comments.admin.edit.name')} value={values.name} error={errors.name} maxLength={80} required />
        <div class={errors.body ? 'field has-error' : 'field'}>
          <label for="f-body">{t('comments.admin.edit.body')}</label>
          {errors.body ? (
            <p class="error" id="f-body-error">
              {errors.body}
            </p>
          ) : null}
          <textarea id="f-body" name="body" class="cm-textarea" maxLength={5000} aria-invalid={errors.body ? 'true' : undefined} aria-describedby={errors.body ? 'f-body-error' : undefined}>
            {values.body}
          </textarea>
        </div>
        <p>
          <button type="submit" class="button-primary">
            {t('comments.admin.edit.save')}
          </button>
        </p>
      </form>

      {canReply ? (
        <>
          <h2>{t('comments.admin.action.reply')}</h2>
          {replies.length ? (
            <>
              <h3>{t('comments.admin.existingReplies')}</h3>
              <ul class="cm-list">
                {replies.map((r) => (
                  <li class="cm-item">
                    <span />
                    <div>
                      <p class="cm-meta">
                        <strong>{r.authorName}</strong> {r.isClinic ? <span class="badge cm-clinic">{t('comments.admin.clinic')}</span> : null} <span class={`badge cm-${r.status}`}>{r.statusLabel}</span> ·{' '}
                        <time dateTime={r.iso}>{r.when}</time> · <a href={`/admin/comments/${r.id}`}>{t('comments.admin.action.edit')}</a>
                      </p>
                      <div class="cm-text">
                        <CommentText body={r.body} />
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <form method="post" action={`/admin/comments/${row.id}/reply`} novalidate>
            <CsrfField token={csrf} />
            <div class={replyError ? 'field has-error' : 'field'}>
              <label for="f-reply">{t('comments.admin.reply.label')}</label>
              <p class="hint" id="f-reply-hint">
                {t('comments.admin.reply.hint')}
              </p>
              {replyError ? (
                <p class="error" id="f-reply-error">
                  {replyError}
                </p>
              ) : null}
              <textarea id="f-reply" name="body" class="cm-textarea" maxLength={5000} aria-invalid={replyError ? 'true' : undefined} aria-describedby={replyError ? 'f-reply-hint f-reply-error' : 'f-reply-hint'}>
                {replyBody}
              </textarea>
            </div>
            <p>
              <button type="submit" class="button-primary">
                {t('comments.admin.reply.submit')}
              </button>
            </p>
          </form>
        </>
      ) : null}
    </>
  );
}
