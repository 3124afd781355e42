// Back office: the front desk's day — arrivals by time with check-in buttons (plain form posts) — and the printable
// day sheet of one therapist.
import type { Translate } from '../../../i18n/index.ts';
import { CsrfField } from '../../../web/views/admin-layout.tsx';

export interface DayRowView {
  id: number;
  iso: string;
  time: string;
  patient: string;
  phone: string;
  phoneHref: string;
  service: string;
  practitioners: string;
  resources: string;
  status: string;
  statusLabel: string;
  note: string;
  canCheckIn: boolean;
}

export interface TodayProps {
  t: Translate;
  csrf: string;
  date: string;
  dateLabel: string;
  error?: string | undefined;
  rows: DayRowView[];
  practitioners: Array<{ id: number; name: string }>;
  previousHref: string;
  nextHref: string;
  todayHref?: string | undefined;
  canBook: boolean;
}

export function TodayPage(props: TodayProps) {
  const { t, csrf, date, dateLabel, rows, practitioners, previousHref, nextHref, todayHref, canBook, error } = props;
  const waiting = rows.filter((r) => r.status === 'requested' || r.status === 'confirmed').length;
  return (
    <>
      {error ? (
        <div class="banner error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <p class="fd-day-nav">
        <strong>{dateLabel}</strong> · <a href={previousHref}>← {t('frontdesk.today.previous')}</a> {todayHref ? <a href={todayHref}>{t('frontdesk.today.today')}</a> : null}{' '}
        <a href={nextHref}>{t('frontdesk.today.next')} →</a>
        {canBook ? (
          <>
            {' · '}
            <a href="/admin/appointments/new">{t('frontdesk.new.title')}</a>
          </>
        ) : null}
      </p>
      <form method="get" action="/admin/today" class="filters">
        <div class="field">
          <label for="f-date">{t('frontdesk.new.day')}</label>
          <input id="f-date" name="date" type="date" value={date} />
        </div>
        <div class="actions">
          <button type="submit" class="button-secondary">
            {t('frontdesk.today.show')}
          </button>
        </div>
      </form>
      <p class="hint">{t('frontdesk.today.summary', { total: rows.length, waiting })}</p>
      {rows.length === 0 ? (
        <p>{t('frontdesk.today.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="appointments fd-today">
            <caption class="visually-hidden">{t('frontdesk.today.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('frontdesk.today.time')}</th>
                <th scope="col">{t('bookingPage.admin.col.patient')}</th>
                <th scope="col">{t('bookingPage.admin.col.service')}</th>
                <th scope="col">{t('frontdesk.today.practitioner')}</th>
                <th scope="col">{t('bookingPage.admin.col.status')}</th>
                <th scope="col">{t('frontdesk.today.action')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr id={`appointment-${r.id}`} data-status={r.status}>
                  <td>
                    <time datetime={r.iso}>
                      <strong>{r.time}</strong>
                    </time>
                  </td>
                  <td>
                    <a href={`/admin/appointments/${r.id}`}>{r.patient}</a>
                    <br />
                    <a href={r.phoneHref} class="hint">
                      {r.phone}
                    </a>
                  </td>
                  <td>
                    {r.service}
                    {r.resources ? (
                      <>
                        <br />
                        <span class="hint">{r.resources}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{r.practitioners}</td>
                  <td>
                    <span class={`badge status-${r.status}`}>{r.statusLabel}</span>
                  </td>
                  <td>
                    {r.canCheckIn ? (
                      <form method="post" action={`/admin/appointments/${r.id}/check-in`} class="inline">
                        <CsrfField token={csrf} />
                        <input type="hidden" name="return" value={`/admin/today?date=${date}`} />
                        <button type="submit" class="button-primary" aria-label={t('frontdesk.today.checkInFor', { name: r.patient, time: r.time })}>
                          {t('frontdesk.action.check-in')}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {practitioners.length ? (
        <section aria-labelledby="fd-sheets-title">
          <h2 id="fd-sheets-title">{t('frontdesk.sheet.title')}</h2>
          <ul class="plain">
            {practitioners.map((p) => (
              <li>
                <a href={`/admin/today/sheet?practitioner=${p.id}&date=${date}`}>{p.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function DaySheet(props: { t: Translate; practitioner: string; dateLabel: string; rows: DayRowView[]; printedAt: string; backHref: string }) {
  const { t, practitioner, dateLabel, rows, printedAt, backHref } = props;
  return (
    <div class="fd-sheet">
      <p class="fd-sheet-meta">
        <strong>{practitioner}</strong> · {dateLabel}
      </p>
      <p class="fd-no-print">
        <a href={backHref}>← {t('frontdesk.today.title')}</a> · {t('frontdesk.sheet.printHint')}
      </p>
      {rows.length === 0 ? (
        <p>{t('frontdesk.today.empty')}</p>
      ) : (
        <table class="fd-sheet-table">
          <thead>
            <tr>
              <th scope="col">{t('frontdesk.today.time')}</th>
              <th scope="col">{t('bookingPage.admin.col.patient')}</th>
              <th scope="col">{t('bookingPage.admin.col.service')}</th>
              <th scope="col">{t('frontdesk.detail.resources')}</th>
              <th scope="col">{t('bookingPage.admin.col.status')}</th>
              <th scope="col">{t('frontdesk.notes.title')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <strong>{r.time}</strong>
                </td>
                <td>
                  {r.patient}
                  <br />
                  {r.phone}
                </td>
                <td>{r.service}</td>
                <td>{r.resources}</td>
                <td>{r.statusLabel}</td>
                <td class="note">{r.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">{printedAt}</p>
    </div>
  );
}
