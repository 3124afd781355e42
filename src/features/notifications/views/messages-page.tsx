// /admin/messages: outgoing patient messages with status, attempts, next attempt and last error; filters; and one
// message's page with its text, resend and — for WhatsApp without the Cloud API — the one-click wa.me link.
import type { Translate } from '../../../i18n/index.ts';
import { CsrfField, Field, FilterSelect } from '../../../web/views/admin-layout.tsx';

export interface MessageFilterForm {
  status: string;
  channel: string;
  kind: string;
  appointment: string;
}

export type MessageFilterErrors = Partial<Record<keyof MessageFilterForm | 'page', string>>;

export interface MessageRowView {
  id: number;
  createdIso: string;
  created: string;
  kindLabel: string;
  channelLabel: string;
  recipient: string;
  status: string;
  statusLabel: string;
  attempts: number;
  next: string;
  error: string;
  waLink?: string | undefined;
}

const statusClass: Record<string, string> = {
  sent: 'badge state-published',
  pending: 'badge state-scheduled',
  sending: 'badge state-scheduled',
  failed: 'badge inactive',
  cancelled: 'badge state-archived',
  manual: 'badge state-draft',
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span class={statusClass[status] ?? 'badge'}>{label}</span>;
}

export interface MessageListProps {
  t: Translate;
  config: string[];
  counts: string;
  filters: MessageFilterForm;
  errors: MessageFilterErrors;
  statuses: Array<{ value: string; label: string }>;
  channels: Array<{ value: string; label: string }>;
  kinds: Array<{ value: string; label: string }>;
  rows: MessageRowView[];
  summary: string;
  newerHref?: string | undefined;
  olderHref?: string | undefined;
}

export function MessageList(props: MessageListProps) {
  const { t, config, counts, filters, errors, rows, summary, newerHref, olderHref } = props;
  return (
    <>
      <p>{t('notifications.intro')}</p>
      <div class="banner info">
        {config.map((line) => (
          <p>{line}</p>
        ))}
        <p>
          <strong>{counts}</strong>
        </p>
      </div>
      {Object.keys(errors).length ? (
        <div class="banner error" role="alert">
          <p>{t('notifications.filter.invalid')}</p>
          {errors.page ? <p>{errors.page}</p> : null}
        </div>
      ) : null}
      <form method="get" action="/admin/messages" class="filters" role="search" aria-label={t('notifications.filter.label')}>
        <FilterSelect name="status" label={t('notifications.filter.status')} value={filters.status} anyLabel={t('notifications.filter.anyStatus')} options={props.statuses} error={errors.status} />
        <FilterSelect name="channel" label={t('notifications.filter.channel')} value={filters.channel} anyLabel={t('notifications.filter.anyChannel')} options={props.channels} error={errors.channel} />
        <FilterSelect name="kind" label={t('notifications.filter.kind')} value={filters.kind} anyLabel={t('notifications.filter.anyKind')} options={props.kinds} error={errors.kind} />
        <Field name="appointment" label={t('notifications.filter.appointment')} value={filters.appointment} error={errors.appointment} inputMode="numeric" maxLength={10} />
        <div class="actions">
          <button type="submit" class="button-primary">
            {t('notifications.filter.apply')}
          </button>
          <a class="button-secondary" href="/admin/messages">
            {t('notifications.filter.clear')}
          </a>
        </div>
      </form>
      {rows.length === 0 ? (
        <p>{t('notifications.empty')}</p>
      ) : (
        <div class="table-wrap">
          <p class="hint">{summary}</p>
          <table class="messages">
            <caption class="visually-hidden">{t('notifications.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notifications.col.created')}</th>
                <th scope="col">{t('notifications.col.kind')}</th>
                <th scope="col">{t('notifications.col.recipient')}</th>
                <th scope="col">{t('notifications.col.status')}</th>
                <th scope="col">{t('notifications.col.attempts')}</th>
                <th scope="col">{t('notifications.col.next')}</th>
                <th scope="col">{t('notifications.col.error')}</th>
                <th scope="col">{t('notifications.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr id={`message-${r.id}`} data-id={String(r.id)} data-status={r.status}>
                  <td>
                    <time datetime={r.createdIso}>{r.created}</time>
                  </td>
                  <td>
                    {r.kindLabel}
                    <br />
                    <span class="hint">{r.channelLabel}</span>
                  </td>
                  <td>{r.recipient}</td>
                  <td>
                    <StatusBadge status={r.status} label={r.statusLabel} />
                  </td>
                  <td>{r.attempts}</td>
                  <td>{r.next}</td>
                  <td class="ua">{r.error}</td>
                  <td>
                    <ul class="plain">
                      <li>
                        <a href={`/admin/messages/${r.id}`}>
                          {t('notifications.action.view')}
                          <span class="visually-hidden"> #{r.id}</span>
                        </a>
                      </li>
                      {r.waLink ? (
                        <li>
                          <a href={r.waLink} rel="noopener noreferrer" target="_blank">
                            {t('notifications.action.openWhatsapp')}
                          </a>
                        </li>
                      ) : null}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {newerHref || olderHref ? (
        <nav class="pager" aria-label={t('notifications.pager.label')}>
          {newerHref ? (
            <a href={newerHref} rel="prev">
              {t('notifications.pager.newer')}
            </a>
          ) : null}
          {olderHref ? (
            <a href={olderHref} rel="next">
              {t('notifications.pager.older')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export interface MessageDetailProps {
  t: Translate;
  csrfToken: string;
  id: number;
  facts: Array<[string, string]>;
  status: string;
  statusLabel: string;
  error: string;
  subject: string | null;
  text: string;
  html: string | null;
  attachments: string[];
  template: string | null;
  appointment?: { href: string; label: string } | undefined;
  waLink?: string | undefined;
  canResend: boolean;
  problem?: string | undefined;
}

export function MessageDetail(props: MessageDetailProps) {
  const { t } = props;
  return (
    <>
      <p>
        <a href="/admin/messages">{t('notifications.action.back')}</a>
      </p>
      {props.problem ? (
        <p class="banner error" role="alert">
          {props.problem}
        </p>
      ) : null}
      <dl class="details message-facts">
        <dt>{t('notifications.col.status')}</dt>
        <dd>
          <StatusBadge status={props.status} label={props.statusLabel} />
        </dd>
        {props.facts.map(([label, value]) => (
          <>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </>
        ))}
        {props.appointment ? (
          <>
            <dt>{t('notifications.detail.appointment')}</dt>
            <dd>
              <a href={props.appointment.href}>{props.appointment.label}</a>
            </dd>
          </>
        ) : null}
        {props.error ? (
          <>
            <dt>{t('notifications.col.error')}</dt>
            <dd class="error">{props.error}</dd>
          </>
        ) : null}
      </dl>
      {props.waLink ? (
        <div class="banner warning">
          <p>{t('notifications.detail.manualHint')}</p>
          <div class="actions">
            <a class="button-primary" href={props.waLink} rel="noopener noreferrer" target="_blank">
              {t('notifications.action.openWhatsapp')}
            </a>
            <form method="post" action={`/admin/messages/${props.id}/sent`} class="inline">
              <CsrfField token={props.csrfToken} />
              <button type="submit" class="button-secondary">
                {t('notifications.action.markSent')}
              </button>
            </form>
          </div>
        </div>
      ) : null}
      {props.subject ? (
        <>
          <h2>{t('notifications.detail.subject')}</h2>
          <p>{props.subject}</p>
        </>
      ) : null}
      {props.template ? (
        <>
          <h2>{t('notifications.detail.template')}</h2>
          <p>
            <code>{props.template}</code>
          </p>
        </>
      ) : null}
      <h2>{t('notifications.detail.body')}</h2>
      <pre class="message-body">{props.text}</pre>
      {props.attachments.length ? (
        <>
          <h2>{t('notifications.detail.attachments')}</h2>
          <ul>
            {props.attachments.map((a) => (
              <li>{a}</li>
            ))}
          </ul>
        </>
      ) : null}
      {props.html ? (
        <details>
          <summary>{t('notifications.detail.html')}</summary>
          <pre class="message-body">{props.html}</pre>
        </details>
      ) : null}
      {props.canResend ? (
        <form method="post" action={`/admin/messages/${props.id}/resend`} class="actions">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="button-primary">
            {t('notifications.action.resend')}
          </button>
        </form>
      ) : null}
    </>
  );
}
