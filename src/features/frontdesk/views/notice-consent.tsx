// The front desk's form fields shared by its forms: the KVKK box of the forms that take a caller's details (phone
// booking, waitlist): "I told the caller about the privacy notice" (required, never ticked in advance) with the public
// notice's address; the optional WhatsApp opt-in; the staff-only notes box and other hinted text boxes.
import type { ComponentChildren } from 'preact';
import type { Translate } from '../../../i18n/index.ts';

export function ErrorText({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p class="error" id={id}>
      {text}
    </p>
  ) : null;
}

export interface NoticeConsentProps {
  t: Translate;
  /** The public KVKK notice page: in the patient's language when known, otherwise one link per language. */
  noticeLinks: Array<{ locale: string; label: string; href: string }>;
  checked: boolean;
  error?: string | undefined;
  /** More boxes of the form's own (the phone booking's WhatsApp opt-in). */
  children?: ComponentChildren;
}

/** The fieldset with the required `kvkkNotice` box (form value `yes`); errors under the key `kvkkNotice`. */
export function NoticeConsentFields({ t, noticeLinks, checked, error, children }: NoticeConsentProps) {
  return (
    <fieldset class="fd-consent">
      <legend>{t('frontdesk.consent.legend')}</legend>
      <p class="hint" id="f-kvkkNotice-hint">
        {t('frontdesk.consent.noticeAt')}{' '}
        {noticeLinks.map((l, i) => (
          <>
            {i > 0 ? ' · ' : ''}
            <a href={l.href} hrefLang={l.locale} lang={l.locale} target="_blank" rel="noopener">
              {l.href}
            </a>
            {noticeLinks.length > 1 ? ` (${l.label})` : null}
          </>
        ))}
      </p>
      <div class={error ? 'field checkbox has-error' : 'field checkbox'}>
        <ErrorText id="f-kvkkNotice-error" text={error} />
        <label for="f-kvkkNotice">
          <input
            type="checkbox"
            id="f-kvkkNotice"
            name="kvkkNotice"
            value="yes"
            required
            checked={checked}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'f-kvkkNotice-hint f-kvkkNotice-error' : 'f-kvkkNotice-hint'}
          />{' '}
          {t('frontdesk.consent.kvkkNotice')}
        </label>
      </div>
      {children}
    </fieldset>
  );
}

/** The optional WhatsApp opt-in box (never ticked in advance) that goes inside NoticeConsentFields. */
export function WhatsAppOptInField({ label, hint, checked }: { label: string; hint: string; checked: boolean }) {
  return (
    <div class="field checkbox">
      <label for="f-whatsapp">
        <input type="checkbox" id="f-whatsapp" name="whatsapp" value="yes" checked={checked} aria-describedby="f-whatsapp-hint" /> {label}
      </label>
      <p class="hint" id="f-whatsapp-hint">
        {hint}
      </p>
    </div>
  );
}

/** A labelled text box with its hint (the staff notes, the cancellation reason). */
export function HintedTextArea(props: { name: string; label: string; hint: string; value: string; maxLength: number; rows: number }) {
  const id = `f-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      <textarea id={id} name={props.name} maxLength={props.maxLength} rows={props.rows} aria-describedby={`${id}-hint`}>
        {props.value}
      </textarea>
    </div>
  );
}

/** The staff-only notes box (never shown to the patient) of the phone booking and the appointment page. */
export function StaffNotesField({ t, value }: { t: Translate; value: string }) {
  return <HintedTextArea name="notes" label={t('frontdesk.notes.label')} hint={t('frontdesk.notes.hint')} value={value} maxLength={2000} rows={3} />;
}
