// The front desk's KVKK box, shared by its forms that take a caller's details (phone booking, waitlist): "I told the
// caller about the privacy notice" (required, never ticked in advance) with the public notice's address.
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
