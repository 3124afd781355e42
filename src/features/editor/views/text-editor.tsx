// The editor for a public page's or a service's texts: title (or name), summary and Markdown body in both languages,
// each with a live preview. A page's address is shown but cannot change here (the navigation depends on it).
import type { Locale, Translate } from '../../../i18n/index.ts';
import { CsrfField } from '../../../web/views/admin-layout.tsx';
import { editorLocales } from './article-editor.tsx';
import { fieldId, languageNames, PreviewPane, TextField } from './fields.tsx';

export interface PublicTextValues {
  title: string;
  summary: string;
  bodyMd: string;
}

export interface TextEditorProps {
  t: Translate;
  csrf: string;
  action: string;
  scriptUrl: string;
  kind: 'page' | 'service';
  values: Record<Locale, PublicTextValues>;
  errors: Record<string, string>;
  previews: Record<Locale, string>;
  limits: { title: number; summary: number; bodyMd: number };
  /** Pages: the fixed public address per language. */
  paths?: Partial<Record<Locale, string>> | undefined;
  /** Where the text appears on the public site (services: the pages listing them). */
  publicLinks: Partial<Record<Locale, string>>;
  note?: string | undefined;
}

export function TextEditor(props: TextEditorProps) {
  const { t, csrf, action, scriptUrl, kind, values, errors, previews, limits, paths, publicLinks, note } = props;
  const hasErrors = Object.keys(errors).length > 0;
  const titleLabel = kind === 'page' ? t('editor.field.title') : t('editor.field.serviceName');
  return (
    <>
      {hasErrors ? (
        <div class="banner error" role="alert">
          <p>{t('form.errorSummary')}</p>
          <ul>
            {Object.keys(errors).map((field) => (
              <li>
                <a href={`#${fieldId(field)}`}>{errors[field]}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {note ? <p class="hint">{note}</p> : null}
      <form method="post" action={action} class="editor" data-editor={kind} data-preview-url="/admin/content/preview" novalidate>
        <CsrfField token={csrf} />
        <div class="editor-languages">
          {editorLocales.map((locale) => {
            const v = values[locale];
            const name = (field: keyof PublicTextValues) => `${locale}.${field}`;
            return (
              <fieldset class="editor-lang">
                <legend>
                  <span lang={locale}>{languageNames[locale]}</span>
                </legend>
                {paths?.[locale] ? (
                  <p class="fixed-address">
                    {t('editor.field.address')}: <a href={paths[locale]}>{paths[locale]}</a>
                    <span class="hint"> — {t('editor.hint.fixedAddress')}</span>
                  </p>
                ) : publicLinks[locale] ? (
                  <p class="fixed-address">
                    <a href={publicLinks[locale]}>{t('editor.list.view', { language: languageNames[locale] })}</a>
                  </p>
                ) : null}
                <TextField name={name('title')} label={titleLabel} value={v.title} error={errors[name('title')]} lang={locale} maxLength={limits.title} />
                <TextField
                  name={name('summary')}
                  label={t('editor.field.summary')}
                  value={v.summary}
                  error={errors[name('summary')]}
                  hint={kind === 'page' ? t('editor.hint.pageSummary') : t('editor.hint.serviceSummary')}
                  lang={locale}
                  multiline
                  rows={3}
                  counter={{ max: limits.summary, template: t('editor.counter') }}
                />
                <TextField name={name('bodyMd')} label={t('editor.field.body')} value={v.bodyMd} error={errors[name('bodyMd')]} hint={t('editor.hint.body')} lang={locale} multiline rows={14} />
                <PreviewPane t={t} locale={locale} sourceName={name('bodyMd')} kind="page" html={previews[locale]} />
              </fieldset>
            );
          })}
        </div>
        <div class="actions editor-actions">
          <button type="submit" name="intent" value="save" class="button-primary">
            {t('editor.action.saveLive')}
          </button>
          <button type="submit" name="intent" value="preview" class="button-secondary">
            {t('editor.action.preview')}
          </button>
        </div>
        <p class="hint">{t('editor.hint.saveLive')}</p>
      </form>
      <p>
        <a href="/admin/content">{t('editor.backToList')}</a>
      </p>
      <script src={scriptUrl} defer />
    </>
  );
}
