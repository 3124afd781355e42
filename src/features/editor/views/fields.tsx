// Form parts of the editor: labelled inputs and text areas (with a language, a character counter, hints and errors
// wired for screen readers) and the Markdown preview pane that client/editor.ts keeps up to date.
import type { InputHTMLAttributes } from 'preact';
import type { Locale, Translate } from '../../../i18n/index.ts';

export const languageNames: Record<Locale, string> = { tr: 'Türkçe', en: 'English' };

export function fieldId(name: string): string {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

export interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** The language the text is written in (not the label's). */
  lang?: Locale | undefined;
  maxLength?: number | undefined;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'date' | 'time';
  /** A live "n / max" counter; `template` holds {n} and {max}. */
  counter?: { max: number; template: string } | undefined;
  /** data-* attributes for client/editor.ts. */
  data?: Record<string, string> | undefined;
  autocomplete?: string;
}

export function TextField(props: TextFieldProps) {
  const { name, label, value, error, hint, lang, maxLength, required, multiline, rows, type = 'text', counter, data = {}, autocomplete = 'off' } = props;
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : '', counter ? `${id}-count` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const dataAttrs = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]));
  const common = {
    id,
    name,
    lang,
    required,
    maxLength,
    autoComplete: autocomplete,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    ...dataAttrs,
  };
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
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
      {multiline ? <textarea {...common} rows={rows ?? 4} value={value} /> : <input {...({ ...common, type, value } as InputHTMLAttributes<HTMLInputElement>)} />}
      {counter ? (
        <p
          class={value.length > counter.max ? 'hint counter over' : 'hint counter'}
          id={`${id}-count`}
          data-count-for={id}
          data-max={String(counter.max)}
          data-template={counter.template}
        >
          {counter.template.replace('{n}', String(value.length)).replace('{max}', String(counter.max))}
        </p>
      ) : null}
    </div>
  );
}

/** The rendered Markdown of one body field; without JavaScript the "Preview" button refreshes it. */
export function PreviewPane(props: { t: Translate; locale: Locale; sourceName: string; kind: 'article' | 'page'; html: string }) {
  const { t, locale, sourceName, kind, html } = props;
  const id = `preview-${locale}`;
  return (
    <section class="preview" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('editor.preview.title', { language: languageNames[locale] })}</h3>
      <p class="hint preview-status" data-preview-status={fieldId(sourceName)} aria-live="polite" />
      {/* Focusable: a long preview scrolls, and keyboard users must be able to scroll it too. */}
      <div class="prose preview-body" id={id} tabIndex={0} lang={locale} data-preview-for={fieldId(sourceName)} data-kind={kind} dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}

/** What the preview endpoint answers instead of a preview (e.g. a text over the length limit). */
export function PreviewError({ message }: { message: string }) {
  return <p class="error">{message}</p>;
}
