// The waitlist: the back-office list with its add form, and the public page of an offer (book the freed time).
import type { Translate } from '../../../i18n/index.ts';
import { CsrfField, Field, FilterSelect } from '../../../web/views/admin-layout.tsx';
import { PublicPage, type PublicContext } from '../../../web/views/public-layout.tsx';
import { NoticeConsentFields, WhatsAppOptInField } from './notice-consent.tsx';

export interface WaitlistRowView {
  id: number;
  patient: string;
  phone: string;
  service: string;
  wishes: string;
  notes: string;
  status: string;
  statusLabel: string;
  since: string;
  /** Each offer; `call`: nobody could be written to (no e-mail, no WhatsApp opt-in) — the desk phones the patient. */
  offers: Array<{ label: string; call?: { bookHref: string; bookLabel: string } | undefined }>;
  appointmentHref?: string | undefined;
}

export interface WaitlistValues {
  patientId: string;
  name: string;
  phone: string;
  email: string;
  language: string;
  service: string;
  weekdays: string[];
  timeRanges: string;
  dateFrom: string;
  dateTo: string;
  notes: string;
  /** "I told the caller about the privacy notice": required. */
  kvkkNotice: boolean;
  /** The caller asked for messages on WhatsApp (offers, appointment messages): optional, never ticked in advance. */
  whatsapp: boolean;
}

export interface WaitlistProps {
  t: Translate;
  csrf: string;
  canManage: boolean;
  status: string;
  statuses: Array<{ value: string; label: string }>;
  rows: WaitlistRowView[];
  services: Array<{ value: string; label: string }>;
  weekdays: Array<{ value: string; label: string }>;
  values: WaitlistValues;
  errors: Record<string, string>;
  patient?: { id: number; name: string; phone: string } | undefined;
  q: string;
  matches?: Array<{ id: number; name: string; phone: string; href: string }> | undefined;
  /** The public KVKK notice page: in the patient's language when known, otherwise one link per language. */
  noticeLinks: Array<{ locale: string; label: string; href: string }>;
}

export function WaitlistPage(props: WaitlistProps) {
  const { t, csrf, canManage, status, statuses, rows, services, weekdays, values, errors, patient, q, matches, noticeLinks } = props;
  const calls = rows.reduce((n, r) => n + r.offers.filter((o) => o.call).length, 0);
  return (
    <>
      <p>{t('frontdesk.waitlist.intro')}</p>
      <form method="get" action="/admin/waitlist" class="filters">
        <FilterSelect name="status" label={t('bookingPage.admin.col.status')} value={status} anyLabel={t('bookingPage.admin.filter.any')} options={statuses} />
        <div class="actions">
          <button type="submit" class="button-secondary">
            {t('bookingPage.admin.filter.apply')}
          </button>
        </div>
      </form>
      {calls > 0 ? (
        <div class="banner warning" role="status" id="fd-wl-calls">
          <p>{t('frontdesk.waitlist.callBanner', { count: calls })}</p>
        </div>
      ) : null}
      {rows.length === 0 ? (
        <p>{t('frontdesk.waitlist.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="fd-waitlist">
            <caption class="visually-hidden">{t('frontdesk.waitlist.title')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('bookingPage.admin.col.patient')}</th>
                <th scope="col">{t('bookingPage.admin.col.service')}</th>
                <th scope="col">{t('frontdesk.waitlist.wishes')}</th>
                <th scope="col">{t('bookingPage.admin.col.status')}</th>
                <th scope="col">{t('frontdesk.waitlist.offers')}</th>
                {canManage ? <th scope="col">{t('frontdesk.today.action')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr id={`waitlist-${r.id}`} data-status={r.status}>
                  <td>{r.id}</td>
                  <td>
                    {r.patient}
                    <br />
                    <span class="hint">{r.phone}</span>
                  </td>
                  <td>{r.service}</td>
                  <td>
                    {r.wishes}
                    {r.notes ? (
                      <>
                        <br />
                        <span class="hint">{r.notes}</span>
                      </>
                    ) : null}
                    <br />
                    <span class="hint">{r.since}</span>
                  </td>
                  <td>
                    {r.appointmentHref ? <a href={r.appointmentHref}>{r.statusLabel}</a> : <span class={`badge waitlist-${r.status}`}>{r.statusLabel}</span>}
                  </td>
                  <td>
                    {r.offers.length ? (
                      <ul class="plain">
                        {r.offers.map((o) =>
                          o.call ? (
                            <li class="offer-call">
                              <strong>{o.label}</strong>
                              {canManage ? (
                                <>
                                  {' '}
                                  <a href={o.call.bookHref} aria-label={o.call.bookLabel}>
                                    {t('frontdesk.waitlist.bookByPhoneShort')}
                                  </a>
                                </>
                              ) : null}
                            </li>
                          ) : (
                            <li>{o.label}</li>
                          ),
                        )}
                      </ul>
                    ) : (
                      '—'
                    )}
                  </td>
                  {canManage ? (
                    <td>
                      {r.status === 'waiting' ? (
                        <form method="post" action={`/admin/waitlist/${r.id}/remove`} class="inline">
                          <CsrfField token={csrf} />
                          <button type="submit" class="button-secondary" aria-label={t('frontdesk.waitlist.removeFor', { name: r.patient })}>
                            {t('frontdesk.waitlist.remove')}
                          </button>
                        </form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canManage ? (
        <section aria-labelledby="fd-wl-add" class="fd-step">
          <h2 id="fd-wl-add">{t('frontdesk.waitlist.add')}</h2>
          {Object.keys(errors).length ? (
            <div class="banner error" role="alert" id="fd-errors">
              <p>{t('form.errorSummary')}</p>
              <ul>
                {Object.entries(errors).map(([field, message]) => (
                  <li>
                    <a href={`#f-${field}`}>{message}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {patient ? (
            <p class="fd-chosen">
              <strong>{patient.name}</strong> · {patient.phone} · <a href="/admin/waitlist">{t('frontdesk.new.changePatient')}</a>
            </p>
          ) : (
            <>
              <form method="get" action="/admin/waitlist" class="filters" role="search" aria-labelledby="fd-wl-add">
                <Field name="q" type="search" label={t('frontdesk.search.label')} hint={t('frontdesk.search.hint')} value={q} maxLength={100} />
                <div class="actions">
                  <button type="submit" class="button-secondary">
                    {t('frontdesk.search.submit')}
                  </button>
                </div>
              </form>
              {matches ? (
                matches.length ? (
                  <ul class="fd-matches" aria-label={t('frontdesk.search.results')}>
                    {matches.map((m) => (
                      <li>
                        <a href={m.href}>
                          {m.name} · {m.phone}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>{t('frontdesk.search.none')}</p>
                )
              ) : null}
            </>
          )}
          <form method="post" action="/admin/waitlist" class="fd-wl-form">
            <CsrfField token={csrf} />
            {patient ? (
              <input type="hidden" name="patientId" value={String(patient.id)} />
            ) : (
              <fieldset class="fd-new-patient">
                <legend>{t('frontdesk.new.newPatient')}</legend>
                <Field name="name" label={t('bookingPage.field.name')} value={values.name} error={errors.name} autocomplete="off" maxLength={120} />
                <Field name="phone" type="tel" label={t('bookingPage.field.phone')} value={values.phone} error={errors.phone} autocomplete="off" maxLength={40} />
                <Field name="email" type="email" label={t('frontdesk.field.email')} value={values.email} error={errors.email} autocomplete="off" maxLength={254} />
                <fieldset class="fd-inline-choices">
                  <legend>{t('frontdesk.field.language')}</legend>
                  <label lang="tr">
                    <input type="radio" name="language" value="tr" checked={values.language !== 'en'} /> Türkçe
                  </label>
                  <label lang="en">
                    <input type="radio" name="language" value="en" checked={values.language === 'en'} /> English
                  </label>
                </fieldset>
              </fieldset>
            )}
            <div class={errors.service ? 'field has-error' : 'field'}>
              <label for="f-service">{t('bookingPage.admin.col.service')}</label>
              {errors.service ? (
                <p class="error" id="f-service-error">
                  {errors.service}
                </p>
              ) : null}
              <select id="f-service" name="service">
                {services.map((s) => (
                  <option value={s.value} selected={s.value === values.service}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
            <fieldset class="fd-inline-choices" id="f-weekdays">
              <legend>{t('frontdesk.waitlist.weekdays')}</legend>
              <p class="hint">{t('frontdesk.waitlist.weekdaysHint')}</p>
              {weekdays.map((d) => (
                <label>
                  <input type="checkbox" name="weekdays" value={d.value} checked={values.weekdays.includes(d.value)} /> {d.label}
                </label>
              ))}
            </fieldset>
            <Field name="timeRanges" label={t('frontdesk.waitlist.times')} hint={t('frontdesk.waitlist.timesHint')} value={values.timeRanges} error={errors.timeRanges} maxLength={100} />
            <div class="date-time">
              <Field name="dateFrom" type="date" label={t('frontdesk.waitlist.dateFrom')} value={values.dateFrom} error={errors.dateFrom} maxLength={10} />
              <Field name="dateTo" type="date" label={t('frontdesk.waitlist.dateTo')} value={values.dateTo} error={errors.dateTo} maxLength={10} />
            </div>
            <Field name="notes" label={t('frontdesk.notes.label')} hint={t('frontdesk.notes.hint')} value={values.notes} error={errors.notes} maxLength={1000} />
            <NoticeConsentFields t={t} noticeLinks={noticeLinks} checked={values.kvkkNotice} error={errors.kvkkNotice}>
              <WhatsAppOptInField label={t('frontdesk.waitlist.whatsapp')} hint={t('frontdesk.waitlist.whatsappHint')} checked={values.whatsapp} />
            </NoticeConsentFields>
            <button type="submit" class="button-primary">
              {t('frontdesk.waitlist.addSubmit')}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}

export interface OfferPageProps {
  ctx: PublicContext;
  path: string;
  alternates: Partial<Record<'tr' | 'en', string>>;
  state: 'open' | 'accepted' | 'taken' | 'expired' | 'withdrawn';
  service: string;
  when: string;
  until: string;
  alternatives?: Array<{ label: string }> | undefined;
  bookHref: string;
  /** The current KVKK information notice in the page's language: shown before booking, its version sent with the form. */
  notice: { version: number; href: string };
  /** The notice changed since the page was opened (or the form came without it): book again after reading it. */
  error?: string | undefined;
}

export function OfferPage(props: OfferPageProps) {
  const { ctx, path, alternates, state, service, when, until, alternatives, bookHref, notice, error } = props;
  const { t } = ctx;
  const title = t('frontdesk.offer.title');
  return (
    <PublicPage ctx={ctx} title={title} description={title} path={path} alternates={alternates} head={<meta name="robots" content="noindex" />}>
      <div class="wrap page bk">
        <h1>{title}</h1>
        <section class="bk-card" aria-labelledby="fd-offer-what">
          <h2 id="fd-offer-what">{service}</h2>
          <p>
            <strong>{when}</strong>
          </p>
          {state === 'open' ? (
            <>
              {error ? (
                <p class="bk-status status-cancelled" role="alert" id="fd-offer-error">
                  {error}
                </p>
              ) : null}
              <p>{t('frontdesk.offer.open', { until })}</p>
              <section class="bk-privacy" aria-labelledby="fd-offer-privacy" id="fd-offer-notice">
                <h3 id="fd-offer-privacy">{t('bookingPage.privacy.legend')}</h3>
                <p>
                  {t('bookingPage.notice.intro')} <a href={notice.href}>{t('bookingPage.notice.summary', { version: notice.version })}</a>
                </p>
              </section>
              <form method="post" action={path}>
                {/* "Shown", not "accepted": the booking records this version of the notice (it must still be current). */}
                <input type="hidden" name="noticeVersion" value={String(notice.version)} />
                <button type="submit" class="button primary" id="fd-offer-book">
                  {t('frontdesk.offer.book')}
                </button>
              </form>
            </>
          ) : state === 'accepted' ? (
            <p class="bk-status status-confirmed" role="status">
              {t('frontdesk.offer.accepted')}
            </p>
          ) : (
            <div role="alert">
              <p class="bk-status status-cancelled">{t(`frontdesk.offer.${state}`)}</p>
              {alternatives && alternatives.length ? (
                <>
                  <p>{t('frontdesk.offer.alternatives')}</p>
                  <ul>
                    {alternatives.map((a) => (
                      <li>{a.label}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              <p>
                <a href={bookHref}>{t('frontdesk.offer.bookOther')}</a> · {t('frontdesk.offer.call', { phone: ctx.settings.phone })}
              </p>
            </div>
          )}
        </section>
      </div>
    </PublicPage>
  );
}
