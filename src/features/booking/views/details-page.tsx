// Step 2 of the public booking flow: the details form. Works without JavaScript; errors are summarised at the top
// with links to their fields and tied to each field with aria-describedby. The intake questions are health data and
// travel only in the POST body; the information notice is shown (never "accepted"), the health-data consent is a
// separate, unticked box.
import type { InputHTMLAttributes } from 'preact';
import type { Locale, Translate } from '../../../i18n/index.ts';
import { locales } from '../../../i18n/index.ts';
import type { LegalText as LegalTextRecord } from '../service.ts';
import { complaints, spasmFrequencies, triggers } from '../input.ts';
import { PublicPage, type PublicContext } from '../../../web/views/public-layout.tsx';
import type { DayView } from './format.ts';
import { AppointmentFacts, Banner, LegalText, OtherWays, type WhenText } from './parts.tsx';

export interface DetailsValues {
  start: string;
  name: string;
  phone: string;
  email: string;
  language: Locale;
  complaint: string;
  spasmFrequency: string;
  painScore: string;
  triggers: string[];
  healthConsent: boolean;
  whatsappOptIn: boolean;
}

/** Field keys used for errors; each maps to the id its summary link points at. */
export type DetailsField = 'start' | 'name' | 'phone' | 'email' | 'language' | 'complaint' | 'spasmFrequency' | 'painScore' | 'triggers' | 'healthConsent' | 'notice';

export interface DetailsPageProps {
  ctx: PublicContext;
  /** The details page's path (canonical, no query) and the form's action (with ?start=). */
  path: string;
  action: string;
  alternates: Partial<Record<Locale, string>>;
  service: { name: string; durationMinutes: number };
  when: WhenText;
  changeHref: string;
  values: DetailsValues;
  errors: Partial<Record<DetailsField, string>>;
  /** Messages that belong to no single field (refused request, texts changed …). */
  general: string[];
  info?: string | undefined;
  /** Slot taken: the next free times, offered as a choice inside the form. */
  taken?: { title: string; body: string; days: DayView[]; none: string } | undefined;
  texts: { notice: LegalTextRecord; healthConsent: LegalTextRecord };
  formKey: string;
}

const fieldTarget: Record<DetailsField, string> = {
  start: 'bk-when',
  name: 'f-name',
  phone: 'f-phone',
  email: 'f-email',
  language: `f-language-${locales[0]}`,
  complaint: `f-complaint-${complaints[0]}`,
  spasmFrequency: `f-spasm-${spasmFrequencies[0]}`,
  painScore: 'f-pain-0',
  triggers: `f-trigger-${triggers[0]}`,
  healthConsent: 'f-consent',
  notice: 'bk-notice-summary',
};

const fieldOrder: DetailsField[] = ['start', 'name', 'phone', 'email', 'language', 'complaint', 'spasmFrequency', 'painScore', 'triggers', 'healthConsent', 'notice'];

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

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

function TextField(props: {
  name: 'name' | 'phone' | 'email';
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  type: 'text' | 'tel' | 'email';
  autocomplete: string;
  required?: boolean;
  maxLength: number;
  inputMode?: 'tel' | 'email' | 'text';
}) {
  const id = `f-${props.name}`;
  const inputAttrs = {
    id,
    name: props.name,
    type: props.type,
    value: props.value,
    autoComplete: props.autocomplete,
    required: props.required,
    maxLength: props.maxLength,
    inputMode: props.inputMode,
    spellcheck: false,
    'aria-invalid': props.error ? 'true' : undefined,
    'aria-describedby': describedBy(props.hint && `${id}-hint`, props.error && `${id}-error`),
  } as InputHTMLAttributes<HTMLInputElement>;
  return (
    <div class={props.error ? 'bk-field has-error' : 'bk-field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="bk-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <ErrorText id={`${id}-error`} text={props.error} />
      <input {...inputAttrs} />
    </div>
  );
}

function Choices(props: {
  legend: string;
  name: string;
  idPrefix: string;
  type: 'radio' | 'checkbox';
  options: ReadonlyArray<{ value: string; label: string; lang?: string }>;
  checked: (value: string) => boolean;
  hint?: string | undefined;
  error?: string | undefined;
  class?: string;
}) {
  const { legend, name, idPrefix, type, options, checked, hint, error } = props;
  return (
    <fieldset
      class={`bk-choices ${props.class ?? ''}${error ? ' has-error' : ''}`}
      aria-describedby={describedBy(hint && `${idPrefix}-hint`, error && `${idPrefix}-error`)}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p class="bk-hint" id={`${idPrefix}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorText id={`${idPrefix}-error`} text={error} />
      <div class="bk-options">
        {options.map((o) => (
          <div class="bk-option">
            <input type={type} id={`${idPrefix}-${o.value}`} name={name} value={o.value} checked={checked(o.value)} />
            <label for={`${idPrefix}-${o.value}`} lang={o.lang}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** What each error belongs to, said in the summary before the message ("Mobile phone: please enter …"). */
function fieldName(t: Translate, field: DetailsField): string {
  switch (field) {
    case 'start':
      return t('bookingPage.summary.when');
    case 'name':
      return t('bookingPage.field.name');
    case 'phone':
      return t('bookingPage.field.phone');
    case 'email':
      return t('bookingPage.field.email');
    case 'language':
      return t('bookingPage.field.language');
    case 'complaint':
      return t('bookingPage.complaint.legend');
    case 'spasmFrequency':
      return t('bookingPage.frequency.legend');
    case 'painScore':
      return t('bookingPage.pain.legend');
    case 'triggers':
      return t('bookingPage.triggers.legend');
    case 'healthConsent':
    case 'notice':
      return t('bookingPage.privacy.legend');
  }
}

function ErrorSummary({ t, errors, general }: { t: Translate; errors: DetailsPageProps['errors']; general: string[] }) {
  const fields = fieldOrder.filter((f) => errors[f]);
  if (fields.length === 0 && general.length === 0) return null;
  return (
    <div class="bk-error-summary" role="alert" tabIndex={-1} id="bk-errors" autofocus>
      <h2>{t('bookingPage.errors.title')}</h2>
      <ul>
        {general.map((text) => (
          <li>{text}</li>
        ))}
        {fields.map((f) => (
          <li>
            <a href={`#${fieldTarget[f]}`}>
              <span class="bk-error-field">{fieldName(t, f)}:</span> {errors[f]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function DetailsPage(props: DetailsPageProps) {
  const { ctx, path, action, alternates, service, when, changeHref, values, errors, general, info, taken, texts, formKey } = props;
  const { t, baseUrl } = ctx;
  const title = t('bookingPage.details.title');
  const painScores = Array.from({ length: 11 }, (_, i) => String(i));
  return (
    <PublicPage
      ctx={ctx}
      title={title}
      description={t('bookingPage.details.description')}
      path={path}
      alternates={alternates}
      active="examination"
      head={<meta name="robots" content="noindex" />}
    >
      <div class="wrap page bk bk-form-page">
        <p class="bk-step">{t('bookingPage.steps', { step: 2 })}</p>
        <h1>{title}</h1>
        <ErrorSummary t={t} errors={errors} general={general} />
        {info ? (
          <Banner kind="info">
            <p>{info}</p>
          </Banner>
        ) : null}
        <form method="post" action={action} class="bk-form" novalidate>
          <input type="hidden" name="formKey" value={formKey} />
          {taken ? (
            <section class="bk-card bk-taken" aria-labelledby="bk-taken-title">
              <Banner kind="error" title={taken.title} id="bk-taken-title">
                <p>{taken.body}</p>
              </Banner>
              {taken.days.length ? (
                <fieldset class="bk-choices bk-alternatives">
                  <legend>{t('bookingPage.taken.legend')}</legend>
                  {taken.days.map((day, d) => (
                    <div class="bk-alt-day">
                      <p class="bk-alt-day-name" id={`bk-alt-day-${d}`}>
                        {day.label}
                      </p>
                      <div class="bk-options bk-alt-times" role="group" aria-labelledby={`bk-alt-day-${d}`}>
                        {day.slots.map((slot, i) => (
                          <div class="bk-option">
                            <input type="radio" id={d === 0 && i === 0 ? 'f-start-0' : `f-start-${d}-${i}`} name="start" value={slot.iso} required />
                            <label for={d === 0 && i === 0 ? 'f-start-0' : `f-start-${d}-${i}`}>{slot.time}</label>
                          </div>
                        ))}
                      </div>
                    </div>
                  ))}
                </fieldset>
              ) : (
                <p>{taken.none}</p>
              )}
              <p>
                <a href={changeHref}>{t('bookingPage.slots.all')}</a>
              </p>
            </section>
          ) : (
            <section class={errors.start ? 'bk-card bk-summary has-error' : 'bk-card bk-summary'} aria-labelledby="bk-summary-title" id="bk-when" tabIndex={-1}>
              <h2 id="bk-summary-title">{t('bookingPage.summary.title')}</h2>
              <input type="hidden" name="start" value={values.start} />
              <ErrorText id="f-start-error" text={errors.start} />
              <AppointmentFacts ctx={ctx} serviceName={service.name} durationMinutes={service.durationMinutes} when={when} showWhere={false} />
              <p>
                <a href={changeHref}>{t('bookingPage.summary.change')}</a>
              </p>
            </section>
          )}

          <fieldset class="bk-card bk-section">
            <legend>{t('bookingPage.you.legend')}</legend>
            <TextField name="name" label={t('bookingPage.field.name')} value={values.name} error={errors.name} type="text" autocomplete="name" required maxLength={120} />
            <TextField
              name="phone"
              label={t('bookingPage.field.phone')}
              hint={t('bookingPage.field.phoneHint')}
              value={values.phone}
              error={errors.phone}
              type="tel"
              autocomplete="tel"
              inputMode="tel"
              required
              maxLength={40}
            />
            <TextField
              name="email"
              label={t('bookingPage.field.email')}
              hint={t('bookingPage.field.emailHint')}
              value={values.email}
              error={errors.email}
              type="email"
              autocomplete="email"
              inputMode="email"
              maxLength={254}
            />
            <Choices
              legend={t('bookingPage.field.language')}
              hint={t('bookingPage.field.languageHint')}
              name="language"
              idPrefix="f-language"
              type="radio"
              class="bk-inline"
              options={locales.map((l) => ({ value: l, label: l === 'tr' ? 'Türkçe' : 'English', lang: l }))}
              checked={(v) => v === values.language}
              error={errors.language}
            />
            <div class="bk-option">
              <input type="checkbox" id="f-whatsapp" name="whatsappOptIn" value="yes" checked={values.whatsappOptIn} aria-describedby="f-whatsapp-hint" />
              <label for="f-whatsapp">{t('notifications.optIn.label')}</label>
            </div>
            <p class="bk-hint" id="f-whatsapp-hint">
              {t('notifications.optIn.hint')}
            </p>
          </fieldset>

          <fieldset class="bk-card bk-section bk-intake">
            <legend>{t('bookingPage.intake.legend')}</legend>
            <p class="bk-hint">{t('bookingPage.intake.intro')}</p>
            <Choices
              legend={t('bookingPage.complaint.legend')}
              name="complaint"
              idPrefix="f-complaint"
              type="radio"
              options={complaints.map((c) => ({ value: c, label: t(`bookingPage.complaint.${c}`) }))}
              checked={(v) => v === values.complaint}
              error={errors.complaint}
            />
            <Choices
              legend={t('bookingPage.frequency.legend')}
              name="spasmFrequency"
              idPrefix="f-spasm"
              type="radio"
              options={spasmFrequencies.map((f) => ({ value: f, label: t(`bookingPage.frequency.${f}`) }))}
              checked={(v) => v === values.spasmFrequency}
              error={errors.spasmFrequency}
            />
            <Choices
              legend={t('bookingPage.pain.legend')}
              hint={t('bookingPage.pain.hint')}
              name="painScore"
              idPrefix="f-pain"
              type="radio"
              class="bk-scale"
              options={painScores.map((s) => ({ value: s, label: s }))}
              checked={(v) => v === values.painScore}
              error={errors.painScore}
            />
            <Choices
              legend={t('bookingPage.triggers.legend')}
              hint={t('bookingPage.triggers.hint')}
              name="triggers"
              idPrefix="f-trigger"
              type="checkbox"
              options={triggers.map((tr) => ({ value: tr, label: t(`bookingPage.triggers.${tr}`) }))}
              checked={(v) => values.triggers.includes(v)}
              error={errors.triggers}
            />
            <div class={errors.healthConsent ? 'bk-consent has-error' : 'bk-consent'}>
              <ErrorText id="f-consent-error" text={errors.healthConsent} />
              <div class="bk-option">
                <input
                  type="checkbox"
                  id="f-consent"
                  name="healthConsent"
                  value="yes"
                  checked={values.healthConsent}
                  aria-describedby={describedBy('f-consent-hint', errors.healthConsent && 'f-consent-error')}
                />
                <label for="f-consent">{t('bookingPage.consent.label', { version: texts.healthConsent.version })}</label>
              </div>
              <p class="bk-hint" id="f-consent-hint">
                {t('bookingPage.consent.hint')}
              </p>
              <details class="bk-legal">
                <summary>{t('bookingPage.consent.summary', { version: texts.healthConsent.version })}</summary>
                <LegalText source={texts.healthConsent.bodyMd} label={t('bookingPage.consent.summary', { version: texts.healthConsent.version })} />
              </details>
              <input type="hidden" name="consentVersion" value={String(texts.healthConsent.version)} />
            </div>
          </fieldset>

          <section class="bk-card bk-section bk-privacy" aria-labelledby="bk-privacy-title">
            <h2 id="bk-privacy-title">{t('bookingPage.privacy.legend')}</h2>
            <ErrorText id="bk-notice-error" text={errors.notice} />
            <p>{t('bookingPage.notice.intro')}</p>
            <details class="bk-legal" id="bk-notice">
              <summary id="bk-notice-summary">{t('bookingPage.notice.summary', { version: texts.notice.version })}</summary>
              <LegalText source={texts.notice.bodyMd} label={t('bookingPage.notice.summary', { version: texts.notice.version })} />
            </details>
            {/* "Shown", not "accepted": the service records this version of the notice with the booking. */}
            <input type="hidden" name="kvkkShown" value="true" />
            <input type="hidden" name="noticeVersion" value={String(texts.notice.version)} />
          </section>

          <div class="bk-hp" aria-hidden="true">
            <label for="f-website">{t('bookingPage.honeypot')}</label>
            <input type="text" id="f-website" name="website" value="" tabIndex={-1} autoComplete="off" />
          </div>

          <div class="bk-submit-row">
            <button type="submit" class="button primary bk-submit">
              {t('bookingPage.submit')}
            </button>
            <p class="bk-hint">{t('bookingPage.submitHint')}</p>
          </div>
        </form>
        <OtherWays ctx={ctx} pageTitle={title} pageUrl={baseUrl + path} />
      </div>
    </PublicPage>
  );
}
