// Back office: book a caller by phone, in three plain forms on one page (works without JavaScript): find the patient,
// choose service and day, then pick a free time (or another time, with resources chosen by hand) and book.
import type { Translate } from '../../../i18n/index.ts';
import { CsrfField, Field } from '../../../web/views/admin-layout.tsx';
import type { DayView } from '../../booking/views/format.ts';
import { ErrorText, NoticeConsentFields, StaffNotesField, WhatsAppOptInField } from './notice-consent.tsx';

export interface NewAppointmentValues {
  name: string;
  phone: string;
  email: string;
  language: string;
  start: string;
  otherTime: string;
  notes: string;
  resources: Record<string, string>;
  /** "I told the caller about the privacy notice": required. */
  kvkkNotice: boolean;
  /** The caller asked for WhatsApp messages: optional, never ticked in advance. */
  whatsapp: boolean;
}

export interface NewAppointmentProps {
  t: Translate;
  csrf: string;
  q: string;
  matches?: Array<{ id: number; name: string; phone: string; href: string }> | undefined;
  patient?: { id: number; name: string; phone: string; changeHref: string } | undefined;
  services: Array<{ value: string; label: string }>;
  service: string;
  date: string;
  days?: DayView[] | undefined;
  dayLabel?: string | undefined;
  resourceChoices: Array<{ type: string; label: string; options: Array<{ key: string; name: string }> }>;
  values: NewAppointmentValues;
  errors: Record<string, string>;
  general: string[];
  formKey: string;
  zoneNote: string;
  /** The public KVKK notice page: in the patient's language when known, otherwise one link per language. */
  noticeLinks: Array<{ locale: string; label: string; href: string }>;
}

export function NewAppointmentPage(props: NewAppointmentProps) {
  const { t, csrf, q, matches, patient, services, service, date, days, resourceChoices, values, errors, general, formKey, zoneNote, noticeLinks } = props;
  const errorList = Object.entries(errors);
  return (
    <>
      {general.length || errorList.length ? (
        <div class="banner error" role="alert" id="fd-errors">
          <p>{t('form.errorSummary')}</p>
          <ul>
            {general.map((g) => (
              <li>{g}</li>
            ))}
            {errorList.map(([field, message]) => (
              <li>
                <a href={`#f-${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <section aria-labelledby="fd-step-patient" class="fd-step">
        <h2 id="fd-step-patient">{t('frontdesk.new.patientStep')}</h2>
        {patient ? (
          <p class="fd-chosen">
            <strong>{patient.name}</strong> · {patient.phone} · <a href={patient.changeHref}>{t('frontdesk.new.changePatient')}</a>
          </p>
        ) : (
          <>
            <form method="get" action="/admin/appointments/new" class="filters" role="search" aria-labelledby="fd-step-patient">
              <input type="hidden" name="service" value={service} />
              <input type="hidden" name="date" value={date} />
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
            <p class="hint">{t('frontdesk.new.newPatientHint')}</p>
          </>
        )}
      </section>

      <section aria-labelledby="fd-step-service" class="fd-step">
        <h2 id="fd-step-service">{t('frontdesk.new.serviceStep')}</h2>
        <form method="get" action="/admin/appointments/new" class="filters">
          {patient ? <input type="hidden" name="patient" value={String(patient.id)} /> : <input type="hidden" name="q" value={q} />}
          <div class={errors.service ? 'field has-error' : 'field'}>
            <label for="f-service">{t('bookingPage.admin.col.service')}</label>
            <select id="f-service" name="service" required>
              <option value="" selected={service === ''}>
                {t('frontdesk.new.chooseService')}
              </option>
              {services.map((s) => (
                <option value={s.value} selected={s.value === service}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <Field name="date" type="date" label={t('frontdesk.new.day')} hint={t('frontdesk.new.dayHint')} value={date} maxLength={10} />
          <div class="actions">
            <button type="submit" class="button-secondary">
              {t('frontdesk.new.showTimes')}
            </button>
          </div>
        </form>
      </section>

      {service ? (
        <form method="post" action="/admin/appointments/new" class="fd-step fd-book" aria-labelledby="fd-step-time">
          <CsrfField token={csrf} />
          <input type="hidden" name="formKey" value={formKey} />
          <input type="hidden" name="service" value={service} />
          <input type="hidden" name="date" value={date} />
          {patient ? <input type="hidden" name="patientId" value={String(patient.id)} /> : null}
          <h2 id="fd-step-time">{t('frontdesk.new.timeStep')}</h2>
          <p class="hint">{zoneNote}</p>
          <ErrorText id="f-start-error" text={errors.start} />
          {days && days.length ? (
            <fieldset class="fd-slots" id="f-start">
              <legend>{t('frontdesk.new.freeTimes')}</legend>
              {days.map((day, d) => (
                <div class="fd-slot-day">
                  <p class="fd-slot-day-name" id={`fd-day-${d}`}>
                    {day.label}
                  </p>
                  <div class="fd-slot-times" role="group" aria-labelledby={`fd-day-${d}`}>
                    {day.slots.map((slot, i) => (
                      <label class="fd-slot">
                        <input type="radio" name="start" value={slot.iso} checked={values.start === slot.iso} id={`f-start-${d}-${i}`} /> {slot.time}
                      </label>
                    ))}
                  </div>
                </div>
              ))}
            </fieldset>
          ) : (
            <p>{t('frontdesk.new.noTimes')}</p>
          )}
          <details class="fd-override" open={Boolean(values.otherTime || Object.values(values.resources).some(Boolean))}>
            <summary>{t('frontdesk.new.override')}</summary>
            <p class="hint">{t('frontdesk.new.overrideHint')}</p>
            <Field name="otherTime" label={t('frontdesk.new.otherTime')} hint={t('frontdesk.new.otherTimeHint')} value={values.otherTime} error={errors.otherTime} maxLength={5} />
            {resourceChoices.map((group) => (
              <div class="field">
                <label for={`f-resource-${group.type}`}>{group.label}</label>
                <select id={`f-resource-${group.type}`} name={`resource_${group.type}`}>
                  <option value="">{t('frontdesk.new.automatic')}</option>
                  {group.options.map((o) => (
                    <option value={o.key} selected={values.resources[group.type] === o.key}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <ErrorText id="f-resources-error" text={errors.resources} />
          </details>

          {patient ? null : (
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
          <NoticeConsentFields t={t} noticeLinks={noticeLinks} checked={values.kvkkNotice} error={errors.kvkkNotice}>
            <WhatsAppOptInField label={t('frontdesk.consent.whatsapp')} hint={t('frontdesk.consent.whatsappHint')} checked={values.whatsapp} />
          </NoticeConsentFields>
          <StaffNotesField t={t} value={values.notes} />
          <button type="submit" class="button-primary" id="fd-book">
            {t('frontdesk.new.submit')}
          </button>
        </form>
      ) : null}
    </>
  );
}
