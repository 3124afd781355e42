// Back office: the list of upcoming appointments with filters and pages, and one appointment's intake answers
// (health data: shown only to people with clinical.view; every view is audited by the service).
import type { Translate } from '../../../i18n/index.ts';
import { Field, FilterSelect } from '../../../web/views/admin-layout.tsx';

export interface ListFilters {
  from: string;
  to: string;
  status: string;
  service: string;
}

export type ListFilterErrors = Partial<Record<keyof ListFilters | 'page', string>>;

export interface ListRow {
  id: number;
  iso: string;
  date: string;
  time: string;
  patient: string;
  phone: string;
  phoneHref: string;
  service: string;
  status: string;
  statusLabel: string;
  intakeHref?: string | undefined;
}

export interface AppointmentListProps {
  t: Translate;
  intro: string;
  filters: ListFilters;
  errors: ListFilterErrors;
  statuses: Array<{ value: string; label: string }>;
  services: Array<{ value: string; label: string }>;
  rows: ListRow[];
  summary: string;
  showIntake: boolean;
  previousHref?: string | undefined;
  nextHref?: string | undefined;
}


export function AppointmentList(props: AppointmentListProps) {
  const { t, intro, filters, errors, statuses, services, rows, summary, showIntake, previousHref, nextHref } = props;
  return (
    <>
      <p>{intro}</p>
      {Object.keys(errors).length ? (
        <div class="banner error" role="alert">
          <p>{t('bookingPage.admin.filter.invalid')}</p>
          {errors.page ? <p>{errors.page}</p> : null}
        </div>
      ) : null}
      <form method="get" action="/admin/appointments" class="filters" role="search" aria-label={t('bookingPage.admin.filter.label')}>
        <Field name="from" type="date" label={t('bookingPage.admin.filter.from')} value={filters.from} error={errors.from} maxLength={10} />
        <Field name="to" type="date" label={t('bookingPage.admin.filter.to')} value={filters.to} error={errors.to} maxLength={10} />
        <FilterSelect name="status" label={t('bookingPage.admin.filter.status')} value={filters.status} anyLabel={t('bookingPage.admin.filter.any')} options={statuses} error={errors.status} />
        <FilterSelect name="service" label={t('bookingPage.admin.filter.service')} value={filters.service} anyLabel={t('bookingPage.admin.filter.any')} options={services} error={errors.service} />
        <div class="actions">
          <button type="submit" class="button-primary">
            {t('bookingPage.admin.filter.apply')}
          </button>
          <a class="button-secondary" href="/admin/appointments">
            {t('bookingPage.admin.filter.reset')}
          </a>
        </div>
      </form>
      {rows.length === 0 ? (
        <p>{t('bookingPage.admin.empty')}</p>
      ) : (
        <div class="table-wrap">
          <p class="hint">{summary}</p>
          <table class="appointments">
            <caption class="visually-hidden">{t('bookingPage.admin.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bookingPage.admin.col.when')}</th>
                <th scope="col">{t('bookingPage.admin.col.patient')}</th>
                <th scope="col">{t('bookingPage.admin.col.phone')}</th>
                <th scope="col">{t('bookingPage.admin.col.service')}</th>
                <th scope="col">{t('bookingPage.admin.col.status')}</th>
                {showIntake ? <th scope="col">{t('bookingPage.admin.col.intake')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr id={`appointment-${r.id}`} data-id={String(r.id)} data-status={r.status}>
                  <td>
                    <time datetime={r.iso}>
                      {r.date}
                      <br />
                      <strong>{r.time}</strong>
                    </time>
                  </td>
                  <td>
                    <a href={`/admin/appointments/${r.id}`}>{r.patient}</a>
                  </td>
                  <td>
                    <a href={r.phoneHref}>{r.phone}</a>
                  </td>
                  <td>{r.service}</td>
                  <td>
                    <span class={`badge status-${r.status}`}>{r.statusLabel}</span>
                  </td>
                  {showIntake ? (
                    <td>
                      {r.intakeHref ? (
                        <a href={r.intakeHref} aria-label={t('bookingPage.admin.intakeLinkFor', { name: r.patient })}>
                          {t('bookingPage.admin.intakeLink')}
                        </a>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {previousHref || nextHref ? (
        <nav class="pager" aria-label={t('bookingPage.admin.pager.label')}>
          {previousHref ? (
            <a href={previousHref} rel="prev">
              {t('bookingPage.admin.pager.previous')}
            </a>
          ) : null}
          {nextHref ? (
            <a href={nextHref} rel="next">
              {t('bookingPage.admin.pager.next')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export interface IntakeView {
  appointment?: { when: string; patient: string; phone: string; service: string; statusLabel: string } | undefined;
  answers?: Array<{ label: string; value: string }> | undefined;
  answeredAt?: string | undefined;
}

export function AppointmentDetail({ t, view, backHref }: { t: Translate; view: IntakeView; backHref: string }) {
  const a = view.appointment;
  return (
    <>
      {a ? (
        <dl class="details">
          <dt>
            <strong>{t('bookingPage.admin.col.when')}</strong>
          </dt>
          <dd>{a.when}</dd>
          <dt>
            <strong>{t('bookingPage.admin.col.patient')}</strong>
          </dt>
          <dd>{a.patient}</dd>
          <dt>
            <strong>{t('bookingPage.admin.col.phone')}</strong>
          </dt>
          <dd>{a.phone}</dd>
          <dt>
            <strong>{t('bookingPage.admin.col.service')}</strong>
          </dt>
          <dd>{a.service}</dd>
          <dt>
            <strong>{t('bookingPage.admin.col.status')}</strong>
          </dt>
          <dd>{a.statusLabel}</dd>
        </dl>
      ) : null}
      <section aria-labelledby="intake-title">
        <h2 id="intake-title">{t('bookingPage.admin.intake.title')}</h2>
        <p class="banner warning">{t('bookingPage.admin.intake.audited')}</p>
        {view.answers ? (
          <>
            <dl class="details intake">
              {view.answers.map((row) => (
                <>
                  <dt>
                    <strong>{row.label}</strong>
                  </dt>
                  <dd>{row.value}</dd>
                </>
              ))}
            </dl>
            {view.answeredAt ? <p class="hint">{view.answeredAt}</p> : null}
          </>
        ) : (
          <p>{t('bookingPage.admin.intake.none')}</p>
        )}
      </section>
      <p>
        <a href={backHref}>← {t('bookingPage.admin.back')}</a>
      </p>
    </>
  );
}
