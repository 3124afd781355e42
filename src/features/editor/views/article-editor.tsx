// The article editor: shared fields, Turkish and English side by side (stacked on phones) with a live preview each,
// the publishing actions, the cover picture (upload and removal, forms of their own) and deletion in a form of its own.
import type { Locale, Translate } from '../../../i18n/index.ts';
import { CsrfField } from '../../../web/views/admin-layout.tsx';
import { SelectField, type Option } from '../../staff/views/staff-views.tsx';
import type { ArticleState } from './content-list.tsx';
import { fieldId, languageNames, PreviewPane, TextField } from './fields.tsx';

export const editorLocales: readonly Locale[] = ['tr', 'en'];

export interface TranslationValues {
  title: string;
  slug: string;
  summary: string;
  bodyMd: string;
  seoTitle: string;
  seoDescription: string;
  coverAlt: string;
}

export interface ArticleValues {
  categoryKey: string;
  authorName: string;
  editorName: string;
  commentsEnabled: boolean;
  scheduleDate: string;
  scheduleTime: string;
  translations: Record<Locale, TranslationValues>;
}

export const emptyTranslation: TranslationValues = { title: '', slug: '', summary: '', bodyMd: '', seoTitle: '', seoDescription: '', coverAlt: '' };

export interface ArticleLimits {
  title: number;
  slug: number;
  summary: number;
  bodyMd: number;
  seoTitle: number;
  seoDescription: number;
  coverAlt: number;
  name: number;
}

export interface ArticleEditorProps {
  t: Translate;
  csrf: string;
  /** Where the form posts: /admin/content/articles/new or /admin/content/articles/:id */
  action: string;
  scriptUrl: string;
  values: ArticleValues;
  errors: Record<string, string>;
  /** A problem that is not about one field (no language written, a status change refused). */
  formError?: string | undefined;
  previews: Record<Locale, string>;
  categories: Option[];
  limits: ArticleLimits;
  timeZone: string;
  canPublish: boolean;
  /** The article index per language, so the slug hint can show the address. */
  indexPaths: Record<Locale, string>;
  /** Absent for a new article. */
  article?:
    | {
        id: number;
        state: ArticleState;
        stateText: string;
        /** Languages whose current slug has been public: changing it leaves a 301 behind. */
        publicOnce: Locale[];
        /** Languages saved so far: their slug is not filled from the title any more. */
        saved: Locale[];
        publicLinks: Partial<Record<Locale, string>>;
      }
    | undefined;
  /** The current cover (a small WebP variant to show), for a saved article. */
  cover?: { src: string; width: number; height: number } | undefined;
  /** Why the last upload was refused. */
  coverError?: string | undefined;
}

/** Upload (multipart, with the CSRF token as its first field) and removal of the cover; only for a saved article. */
function CoverForms({ t, csrf, article, cover, coverError }: ArticleEditorProps) {
  if (!article) return null;
  const base = `/admin/content/articles/${article.id}/cover`;
  return (
    <section class="editor-cover" aria-labelledby="cover-title">
      <h2 id="cover-title">{t('editor.cover.title')}</h2>
      {cover ? (
        <figure>
          <img src={cover.src} width={cover.width} height={cover.height} alt="" loading="lazy" />
          <figcaption>{t('editor.cover.current')}</figcaption>
        </figure>
      ) : (
        <p>{t('editor.cover.none')}</p>
      )}
      <form method="post" action={base} enctype="multipart/form-data">
        <CsrfField token={csrf} />
        <div class={coverError ? 'field has-error' : 'field'}>
          <label for="cover-file">{t('editor.cover.field')}</label>
          <input
            id="cover-file"
            type="file"
            name="cover"
            accept="image/jpeg,image/png,image/webp"
            aria-describedby={coverError ? 'cover-error cover-hint' : 'cover-hint'}
            {...(coverError ? { 'aria-invalid': 'true' as const } : {})}
          />
          {coverError ? (
            <p id="cover-error" class="error" role="alert">
              {coverError}
            </p>
          ) : null}
          <p id="cover-hint" class="hint">
            {t('editor.cover.hint')}
          </p>
        </div>
        <button type="submit" class="button-secondary">
          {cover ? t('editor.cover.replace') : t('editor.cover.upload')}
        </button>
      </form>
      {cover ? (
        <form method="post" action={`${base}/remove`}>
          <CsrfField token={csrf} />
          <button type="submit" class="button-secondary">
            {t('editor.cover.remove')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function LanguageColumn(props: ArticleEditorProps & { locale: Locale }) {
  const { t, locale, values, errors, limits, previews, article, indexPaths } = props;
  const v = values.translations[locale];
  const name = (field: keyof TranslationValues) => `${locale}.${field}`;
  const slugHint = [t('editor.hint.slug', { path: `${indexPaths[locale]}/…` }), article?.publicOnce.includes(locale) ? t('editor.hint.slugPublic') : ''].filter(Boolean).join(' ');
  const autoSlug = !article?.saved.includes(locale);
  return (
    <fieldset class="editor-lang">
      <legend>
        <span lang={locale}>{languageNames[locale]}</span>
      </legend>
      <p class="hint">{t('editor.hint.languageOptional')}</p>
      <TextField name={name('title')} label={t('editor.field.title')} value={v.title} error={errors[name('title')]} lang={locale} maxLength={limits.title} />
      <TextField
        name={name('slug')}
        label={t('editor.field.slug')}
        value={v.slug}
        error={errors[name('slug')]}
        hint={slugHint}
        maxLength={limits.slug}
        data={{ 'slug-from': fieldId(name('title')), ...(autoSlug ? { 'slug-auto': '1' } : {}) }}
      />
      <TextField
        name={name('summary')}
        label={t('editor.field.summary')}
        value={v.summary}
        error={errors[name('summary')]}
        hint={t('editor.hint.summary')}
        lang={locale}
        multiline
        rows={3}
        counter={{ max: limits.summary, template: t('editor.counter') }}
      />
      <TextField
        name={name('bodyMd')}
        label={t('editor.field.body')}
        value={v.bodyMd}
        error={errors[name('bodyMd')]}
        hint={t('editor.hint.body')}
        lang={locale}
        multiline
        rows={18}
      />
      <PreviewPane t={t} locale={locale} sourceName={name('bodyMd')} kind="article" html={previews[locale]} />
      <fieldset class="seo">
        <legend>{t('editor.seo.title')}</legend>
        <TextField name={name('seoTitle')} label={t('editor.field.seoTitle')} value={v.seoTitle} error={errors[name('seoTitle')]} hint={t('editor.hint.seoTitle')} lang={locale} maxLength={limits.seoTitle} />
        <TextField
          name={name('seoDescription')}
          label={t('editor.field.seoDescription')}
          value={v.seoDescription}
          error={errors[name('seoDescription')]}
          hint={t('editor.hint.seoDescription')}
          lang={locale}
          multiline
          rows={2}
          maxLength={limits.seoDescription}
        />
        <TextField name={name('coverAlt')} label={t('editor.field.coverAlt')} value={v.coverAlt} error={errors[name('coverAlt')]} hint={t('editor.hint.coverAlt')} lang={locale} maxLength={limits.coverAlt} />
      </fieldset>
    </fieldset>
  );
}

export function ArticleEditor(props: ArticleEditorProps) {
  const { t, csrf, action, scriptUrl, values, errors, formError, categories, limits, timeZone, canPublish, article } = props;
  const state = article?.state;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <>
      {formError ? (
        <p class="banner error" role="alert">
          {formError}
        </p>
      ) : null}
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
      {article ? (
        <p class="editor-state">
          <span class={`badge state-${article.state}`}>{article.stateText}</span>{' '}
          {(['tr', 'en'] as const)
            .filter((l) => article.publicLinks[l])
            .map((l) => (
              <>
                {' '}
                <a href={article.publicLinks[l]}>{t('editor.list.view', { language: languageNames[l] })}</a>
              </>
            ))}
        </p>
      ) : null}
      <form method="post" action={action} class="editor" data-editor="article" data-preview-url="/admin/content/preview" novalidate>
        <CsrfField token={csrf} />
        <fieldset class="editor-general">
          <legend>{t('editor.general')}</legend>
          <div class="editor-grid">
            <SelectField name="categoryKey" label={t('editor.field.category')} value={values.categoryKey} options={categories} placeholder={t('editor.noCategory')} error={errors.categoryKey} />
            <TextField name="authorName" label={t('editor.field.author')} value={values.authorName} error={errors.authorName} maxLength={limits.name} />
            <TextField name="editorName" label={t('editor.field.editor')} value={values.editorName} error={errors.editorName} hint={t('editor.hint.editor')} maxLength={limits.name} />
          </div>
          <div class="field checkbox">
            <label>
              <input type="checkbox" name="commentsEnabled" value="1" checked={values.commentsEnabled} /> {t('editor.field.comments')}
            </label>
          </div>
        </fieldset>

        <div class="editor-languages">
          {editorLocales.map((locale) => (
            <LanguageColumn {...props} locale={locale} />
          ))}
        </div>

        <div class="actions editor-actions">
          <button type="submit" name="intent" value="save" class="button-primary">
            {state === undefined || state === 'draft' ? t('editor.action.saveDraft') : t('editor.action.save')}
          </button>
          <button type="submit" name="intent" value="preview" class="button-secondary">
            {t('editor.action.preview')}
          </button>
        </div>

        {canPublish ? (
          <fieldset class="editor-publishing">
            <legend>{t('editor.publishing')}</legend>
            {state !== 'published' ? (
              <div class="actions">
                <button type="submit" name="intent" value="publish" class="button-primary">
                  {t('editor.action.publish')}
                </button>
              </div>
            ) : null}
            {state !== 'published' ? (
              <div class="schedule">
                <div class={errors.publishAt ? 'date-time has-error' : 'date-time'}>
                  <TextField name="scheduleDate" type="date" label={t('editor.field.scheduleDate')} value={values.scheduleDate} error={errors.scheduleDate ?? errors.publishAt} />
                  <TextField name="scheduleTime" type="time" label={t('editor.field.scheduleTime')} value={values.scheduleTime} error={errors.scheduleTime} hint={t('editor.hint.timeZone', { zone: timeZone })} />
                </div>
                <button type="submit" name="intent" value="schedule" class="button-secondary">
                  {state === 'scheduled' ? t('editor.action.reschedule') : t('editor.action.schedule')}
                </button>
              </div>
            ) : null}
            {state !== undefined ? (
              <div class="actions">
                {state !== 'draft' ? (
                  <button type="submit" name="intent" value="unpublish" class="button-secondary">
                    {t('editor.action.unpublish')}
                  </button>
                ) : null}
                {state !== 'archived' ? (
                  <button type="submit" name="intent" value="archive" class="button-secondary">
                    {t('editor.action.archive')}
                  </button>
                ) : null}
              </div>
            ) : null}
            <p class="hint">{t('editor.hint.actionsSave')}</p>
          </fieldset>
        ) : null}
      </form>

      <CoverForms {...props} />

      {article && canPublish ? (
        <form method="post" action={`/admin/content/articles/${article.id}/delete`} class="danger-zone" data-confirm={t('editor.deleteConfirm')}>
          <CsrfField token={csrf} />
          <h2>{t('editor.deleteTitle')}</h2>
          <p class="hint">{t('editor.deleteHint')}</p>
          <button type="submit" class="button-danger">
            {t('editor.action.delete')}
          </button>
        </form>
      ) : null}
      <p>
        <a href="/admin/content">{t('editor.backToList')}</a>
      </p>
      <script src={scriptUrl} defer />
    </>
  );
}
