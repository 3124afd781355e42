// The audit trail page: chain status, filters (person, action, dates), one page of entries, and older/newer links.
// Read-only by design: there is no form here that changes or removes an entry.
import type { Translate } from '../../../i18n/index.ts';
import { Field, FilterSelect } from '../../../web/views/admin-layout.tsx';

export interface AuditFilterForm {
  person: string;
  action: string;
  from: string;
  to: string;
}

export type AuditFilterErrors = Partial<Record<keyof AuditFilterForm | 'page', string>>;

export interface AuditListRow {
  id: number;
  /** ISO 8601 instant in the clinic's zone, for <time datetime>. */
  iso: string;
  time: string;
  person: { label: string; name?: string | undefined; href?: string | undefined };
  action: string;
  actionLabel: string;
  target: string;
  ip: string;
  details: string;
}

export type ChainStatus = { ok: true; text: string } | { ok: false; text: string };

export interface AuditListProps {
  t: Translate;
  chain: ChainStatus;
  filters: AuditFilterForm;
  errors: AuditFilterErrors;
  people: Array<{ value: string; label: string }>;
  actions: Array<{ value: string; label: string }>;
  rows: AuditListRow[];
  summary: string;
  newerHref?: string | undefined;
  olderHref?: string | undefined;
}

export function AuditList(props: AuditListProps) {
  const { t, chain, filters, errors, people, actions, rows, summary, newerHref, olderHref } = props;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      <p class={chain.ok ? 'banner success chain-status' : 'banner error chain-status'} role={chain.ok ? 'status' : 'alert'}>
        <strong>{chain.text}</strong>
      </p>
      <p>{t('audit.intro')}</p>
      {hasErrors ? (
        <div class="banner error filter-errors" role="alert">
          <p>{t('audit.filter.invalid')}</p>
          {errors.page ? <p>{errors.page}</p> : null}
        </div>
      ) : null}
      <form method="get" action="/admin/audit" class="filters" role="search" aria-label={t('audit.filter.label')}>
        <FilterSelect name="person" label={t('audit.filter.person')} value={filters.person} anyLabel={t('audit.filter.anyone')} options={people} error={errors.person} />
        <FilterSelect name="action" label={t('audit.filter.action')} value={filters.action} anyLabel={t('audit.filter.anyAction')} options={actions} error={errors.action} />
        <Field name="from" type="date" label={t('audit.filter.from')} value={filters.from} error={errors.from} maxLength={10} />
        <Field name="to" type="date" label={t('audit.filter.to')} value={filters.to} error={errors.to} maxLength={10} />
        <div class="actions">
          <button type="submit" class="button-primary">
            {t('audit.filter.apply')}
          </button>
          <a class="button-secondary" href="/admin/audit">
            {t('audit.filter.clear')}
          </a>
        </div>
      </form>
      {rows.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <div class="table-wrap">
          <p class="hint">{summary}</p>
          <table class="audit">
            <caption class="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.time')}</th>
                <th scope="col">{t('audit.col.person')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.target')}</th>
                <th scope="col">{t('audit.col.address')}</th>
                <th scope="col">{t('audit.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr id={`entry-${r.id}`} data-id={String(r.id)} data-action={r.action}>
                  <td>
                    <time datetime={r.iso}>{r.time}</time>
                  </td>
                  <td>
                    {r.person.href && r.person.name ? (
                      <>
                        <a href={r.person.href}>{r.person.name}</a>
                        <br />
                        <span class="hint">{r.person.label}</span>
                      </>
                    ) : (
                      r.person.label
                    )}
                  </td>
                  <td>
                    <span title={r.action}>{r.actionLabel}</span>
                  </td>
                  <td>{r.target}</td>
                  <td>{r.ip}</td>
                  <td class="ua">{r.details ? <code>{r.details}</code> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {newerHref || olderHref ? (
        <nav class="pager" aria-label={t('audit.pager.label')}>
          {newerHref ? (
            <a href={newerHref} rel="prev">
              {t('audit.pager.newer')}
            </a>
          ) : null}
          {olderHref ? (
            <a href={olderHref} rel="next">
              {t('audit.pager.older')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
