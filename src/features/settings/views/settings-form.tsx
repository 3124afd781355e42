// The clinic settings form: contact details, opening and WhatsApp hours per weekday, WhatsApp messages, zone, language, CTA.
import type { Translate } from '../../../i18n/index.ts';
import type { FormValues } from '../../../web/forms.ts';
import { CsrfField, ErrorSummary, Field } from '../../../web/views/admin-layout.tsx';
import { ReauthField } from '../../staff/views/auth-views.tsx';

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export interface SettingsFormProps {
  t: Translate;
  csrf: string;
  values: FormValues;
  errors: Record<string, string>;
  timeZones: readonly string[];
  /** The last proof of presence is old: show the password / code field. */
  reauth: boolean;
}

function fieldId(name: string): string {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

function TextArea(props: { name: string; label: string; value?: string | undefined; error?: string | undefined; hint?: string | undefined; maxLength?: number; lang?: string }) {
  const { name, label, value, error, hint, maxLength, lang } = props;
  const id = fieldId(name);
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={name}
        rows={3}
        maxLength={maxLength}
        lang={lang}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {value ?? ''}
      </textarea>
    </div>
  );
}

function Select(props: { name: string; label: string; value?: string | undefined; error?: string | undefined; hint?: string | undefined; options: Array<{ value: string; label: string }> }) {
  const { name, label, value, error, hint, options } = props;
  const id = fieldId(name);
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <select id={id} name={name} required aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function WeekHours({ t, prefix, legend, hint, values, errors }: { t: Translate; prefix: string; legend: string; hint: string; values: FormValues; errors: Record<string, string> }) {
  const hintId = `${prefix}-hint`;
  return (
    <fieldset class="stack" aria-describedby={hintId}>
      <legend>{legend}</legend>
      <p class="hint" id={hintId}>
        {hint}
      </p>
      {weekdays.map((day) => {
        const name = `${prefix}.${day}`;
        return <Field name={name} label={t(`weekday.${day}`)} value={values[name]} error={errors[name]} maxLength={200} />;
      })}
    </fieldset>
  );
}

export function SettingsForm({ t, csrf, values, errors, timeZones, reauth }: SettingsFormProps) {
  const zoneOptions = timeZones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }));
  return (
    <>
      <p>{t('settings.intro')}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action="/admin/settings" class="stack settings-form" novalidate>
        <CsrfField token={csrf} />

        <fieldset class="stack">
          <legend>{t('settings.section.clinic')}</legend>
          <Field name="clinicName" label={t('settings.clinicName')} value={values.clinicName} error={errors.clinicName} required maxLength={120} />
          <Field name="address" label={t('settings.address')} value={values.address} error={errors.address} required maxLength={300} autocomplete="street-address" />
          <Field name="phone" label={t('settings.phone')} type="tel" value={values.phone} error={errors.phone} required maxLength={40} hint={t('settings.phoneHint')} />
          <Field name="email" label={t('settings.email')} type="email" value={values.email} error={errors.email} required maxLength={254} />
          <Field name="mapUrl" label={t('settings.mapUrl')} type="url" value={values.mapUrl} error={errors.mapUrl} required maxLength={500} hint={t('settings.mapUrlHint')} />
        </fieldset>

        <WeekHours t={t} prefix="openingHours" legend={t('settings.section.openingHours')} hint={t('settings.hoursHint')} values={values} errors={errors} />

        <fieldset class="stack">
          <legend>{t('settings.section.whatsapp')}</legend>
          <Field
            name="whatsappNumber"
            label={t('settings.whatsappNumber')}
            type="tel"
            value={values.whatsappNumber}
            error={errors.whatsappNumber}
            required
            maxLength={40}
            hint={t('settings.whatsappNumberHint')}
          />
          <TextArea name="whatsappMessage.tr" label={t('settings.whatsappMessage.tr')} value={values['whatsappMessage.tr']} error={errors['whatsappMessage.tr']} hint={t('settings.whatsappMessageHint')} maxLength={300} lang="tr" />
          <TextArea name="whatsappMessage.en" label={t('settings.whatsappMessage.en')} value={values['whatsappMessage.en']} error={errors['whatsappMessage.en']} hint={t('settings.whatsappMessageHint')} maxLength={300} lang="en" />
        </fieldset>

        <WeekHours t={t} prefix="whatsappHours" legend={t('settings.section.whatsappHours')} hint={t('settings.whatsappHoursHint')} values={values} errors={errors} />

        <fieldset class="stack">
          <legend>{t('settings.section.site')}</legend>
          <Select name="timeZone" label={t('settings.timeZone')} value={values.timeZone} error={errors.timeZone} options={zoneOptions} />
          <Select
            name="defaultLocale"
            label={t('settings.defaultLocale')}
            hint={t('settings.defaultLocaleHint')}
            value={values.defaultLocale}
            error={errors.defaultLocale}
            options={[
              { value: 'tr', label: t('settings.locale.tr') },
              { value: 'en', label: t('settings.locale.en') },
            ]}
          />
          <Field name="ctaLabel.tr" label={t('settings.ctaLabel.tr')} value={values['ctaLabel.tr']} error={errors['ctaLabel.tr']} required maxLength={40} hint={t('settings.ctaLabelHint')} />
          <Field name="ctaLabel.en" label={t('settings.ctaLabel.en')} value={values['ctaLabel.en']} error={errors['ctaLabel.en']} required maxLength={40} hint={t('settings.ctaLabelHint')} />
        </fieldset>

        {reauth ? (
          <>
            <ReauthField t={t} error={errors.reauth} />
            <p class="hint">{t('settings.reauthHint')}</p>
          </>
        ) : null}

        <button type="submit" class="button-primary">
          {t('form.save')}
        </button>
      </form>
    </>
  );
}
