// HTTP for the back-office editor: the content overview, the article editor (drafts, publishing, scheduling, deletion),
// the page and service text editor, and the Markdown preview endpoint the editor script calls while one types.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { ArticleRow, ArticleTranslationRow } from '../../db/schema.ts';
import { Forbidden, Invalid, NotFound } from '../../errors.ts';
import { formatDateTime, formatNumber, locales, type Locale, type MessageKey, type Translate } from '../../i18n/index.ts';
import { formValues, type FormValues } from '../../web/forms.ts';
import { markdownToHtml } from '../../web/views/markdown.ts';
import { COVER_MAX_BYTES, CoverRejected, type CoverProblem } from '../articles/covers.ts';
import { renderArticle } from '../articles/markdown.ts';
import { articlePath } from '../articles/paths.ts';
import { articleLimits, type TranslationInput } from '../articles/service.ts';
import { isSlug, SLUG_MAX } from '../articles/text.ts';
import { pathFor, textLimits, type PublicTextInput } from '../content/service.ts';
import { adminLocale, adminT, sendAdmin } from '../staff/admin-page.ts';
import { staffRoute } from '../staff/http.ts';
import { can } from '../staff/permissions.ts';
import type { Signed } from '../staff/service.ts';
import type { Option } from '../staff/views/staff-views.tsx';
import { EditorService } from './service.ts';
import { ArticleEditor, emptyTranslation, type ArticleEditorProps, type ArticleValues, type TranslationValues } from './views/article-editor.tsx';
import { ContentList, type ArticleListItem, type ArticleState, type PageListItem } from './views/content-list.tsx';
import { PreviewError } from './views/fields.tsx';
import { TextEditor, type PublicTextValues } from './views/text-editor.tsx';

const BASE = '/admin/content';
/** Shown as the meta description: search engines cut longer ones. */
const SUMMARY_MAX = 160;
/**
 * Two languages of up to 200,000 characters each, URL-encoded (a Turkish letter takes 6 bytes, other scripts up to 9):
 * the form must reach the handler so a too-long text gets a message instead of an error page.
 */
const EDITOR_BODY_LIMIT = 4 * 1024 * 1024;
const MAX_ID = 2_147_483_647;
// Lone surrogates and control characters other than tab and newline (the service refuses them too).
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/; // eslint-disable-line no-control-regex -- the point is to find them

const states: readonly ArticleState[] = ['draft', 'scheduled', 'published', 'archived'];
const intents = ['save', 'preview', 'publish', 'schedule', 'unpublish', 'archive'] as const;
type Intent = (typeof intents)[number];
const publishingIntents: ReadonlySet<Intent> = new Set(['publish', 'schedule', 'unpublish', 'archive']);

const notices = {
  created: 'editor.notice.created',
  saved: 'editor.notice.saved',
  published: 'editor.notice.published',
  scheduled: 'editor.notice.scheduled',
  unpublished: 'editor.notice.unpublished',
  archived: 'editor.notice.archived',
  deleted: 'editor.notice.deleted',
  savedLive: 'editor.notice.savedLive',
  coverSaved: 'editor.notice.coverSaved',
  coverRemoved: 'editor.notice.coverRemoved',
} as const satisfies Record<string, MessageKey>;
type Notice = keyof typeof notices;

const intentNotice: Record<Intent, Notice> = { save: 'saved', preview: 'saved', publish: 'published', schedule: 'scheduled', unpublish: 'unpublished', archive: 'archived' };

const pageLabels: Record<string, MessageKey> = {
  home: 'editor.page.home',
  robotic: 'editor.page.robotic',
  therapies: 'editor.page.therapies',
  articles: 'editor.page.articles',
  contact: 'editor.page.contact',
  examination: 'editor.page.examination',
};

function noticeText(request: FastifyRequest, t: Translate): string | undefined {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const key = query.notice;
  if (typeof key !== 'string' || !Object.hasOwn(notices, key)) return undefined;
  const text = t(notices[key as Notice]);
  return query.moved === '1' ? `${text} ${t('editor.notice.slugMoved')}` : text;
}

function articleId(request: FastifyRequest): number {
  const raw = (request.params as { id?: unknown } | undefined)?.id;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > MAX_ID) throw new NotFound();
  return Number(raw);
}

function paramKey(request: FastifyRequest): string {
  const raw = (request.params as { key?: unknown } | undefined)?.key;
  if (typeof raw !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,79}$/.test(raw)) throw new NotFound();
  return raw;
}

function meta(request: FastifyRequest, signed: Signed) {
  return { actor: { id: signed.user.id, email: signed.user.email }, ip: request.ip };
}

/** Form text as stored: NFC, and the browser's CRLF line ends as LF (so limits count what a reader sees). */
function field(form: FormValues, name: string): string {
  return (form[name] ?? '').normalize('NFC').replace(/\r\n?/g, '\n');
}

function effectiveState(article: Pick<ArticleRow, 'status' | 'publish_at'>, now: number): ArticleState {
  if (article.status === 'scheduled' && article.publish_at !== null && article.publish_at <= now) return 'published';
  return article.status;
}

function stateText(t: Translate, locale: Locale, state: ArticleState, publishAt: number | null, zone: string): string {
  if (state === 'scheduled' && publishAt !== null) return t('editor.state.scheduledFor', { time: formatDateTime(locale, publishAt, zone) });
  if (state === 'published' && publishAt !== null) return t('editor.state.publishedAt', { time: formatDateTime(locale, publishAt, zone) });
  return t(`editor.state.${state}`);
}

// ---------- messages for field problems, from the route's own checks and from the services' codes ----------

type Limits = Record<string, number>;

function tooLong(t: Translate, locale: Locale, max: number, length: number): string {
  return t('editor.error.tooLong', { max: formatNumber(locale, max), length: formatNumber(locale, length) });
}

/** A field name like "en.slug" → its last part ("slug"). */
function baseName(fieldName: string): string {
  return fieldName.slice(fieldName.lastIndexOf('.') + 1);
}

function codeMessage(t: Translate, locale: Locale, fieldName: string, code: string, limits: Limits, value: string): string {
  const base = baseName(fieldName);
  switch (code) {
    case 'required':
      return t('form.required');
    case 'tooLong':
      return tooLong(t, locale, limits[base] ?? 0, value.length);
    case 'taken':
      return base === 'slug' ? t('editor.error.slugTaken') : t('form.invalid');
    case 'invalid':
      return base === 'slug' ? t('editor.error.slug') : t('editor.error.characters');
    case 'unknown':
      return t('form.invalidChoice');
    case 'past':
      return t('editor.error.past');
    default:
      return t('form.invalid');
  }
}

function checkText(errors: Record<string, string>, name: string, value: string, max: number, required: boolean, t: Translate, locale: Locale): void {
  if (required && value.trim() === '') errors[name] = t('form.required');
  else if (value.length > max) errors[name] = tooLong(t, locale, max, value.length);
  else if (FORBIDDEN_CHARS.test(value)) errors[name] = t('editor.error.characters');
}

// ---------- the article form ----------

const translationFields: ReadonlyArray<keyof TranslationValues> = ['title', 'slug', 'summary', 'bodyMd', 'seoTitle', 'seoDescription', 'coverAlt'];
const editorArticleLimits: Limits = { ...articleLimits, summary: SUMMARY_MAX, slug: SLUG_MAX, authorName: articleLimits.name, editorName: articleLimits.name };

function readArticleForm(form: FormValues): ArticleValues {
  const translations = Object.fromEntries(
    locales.map((l) => [l, Object.fromEntries(translationFields.map((f) => [f, field(form, `${l}.${f}`)])) as unknown as TranslationValues]),
  ) as Record<Locale, TranslationValues>;
  for (const l of locales) translations[l].slug = translations[l].slug.trim();
  return {
    categoryKey: field(form, 'categoryKey'),
    authorName: field(form, 'authorName'),
    editorName: field(form, 'editorName'),
    commentsEnabled: form.commentsEnabled === '1',
    scheduleDate: field(form, 'scheduleDate').trim(),
    scheduleTime: field(form, 'scheduleTime').trim(),
    translations,
  };
}

function isWritten(v: TranslationValues): boolean {
  return translationFields.some((f) => v[f].trim() !== '');
}

function toTranslationInput(v: TranslationValues): TranslationInput {
  return {
    slug: v.slug || undefined,
    title: v.title,
    summary: v.summary,
    bodyMd: v.bodyMd,
    seoTitle: v.seoTitle.trim() || null,
    seoDescription: v.seoDescription.trim() || null,
    coverAlt: v.coverAlt,
  };
}

/** The route's own checks: everything a field can be wrong about without the database. */
function checkArticle(values: ArticleValues, t: Translate, locale: Locale): { errors: Record<string, string>; formError: string | undefined } {
  const errors: Record<string, string> = {};
  checkText(errors, 'authorName', values.authorName, articleLimits.name, true, t, locale);
  checkText(errors, 'editorName', values.editorName, articleLimits.name, true, t, locale);
  const written = locales.filter((l) => isWritten(values.translations[l]));
  for (const l of written) {
    const v = values.translations[l];
    checkText(errors, `${l}.title`, v.title, articleLimits.title, true, t, locale);
    checkText(errors, `${l}.summary`, v.summary, SUMMARY_MAX, true, t, locale);
    checkText(errors, `${l}.bodyMd`, v.bodyMd, articleLimits.bodyMd, true, t, locale);
    checkText(errors, `${l}.seoTitle`, v.seoTitle, articleLimits.seoTitle, false, t, locale);
    checkText(errors, `${l}.seoDescription`, v.seoDescription, articleLimits.seoDescription, false, t, locale);
    checkText(errors, `${l}.coverAlt`, v.coverAlt, articleLimits.coverAlt, false, t, locale);
    if (v.slug && !isSlug(v.slug)) errors[`${l}.slug`] = v.slug.length > SLUG_MAX ? tooLong(t, locale, SLUG_MAX, v.slug.length) : t('editor.error.slug');
  }
  return { errors, formError: written.length === 0 ? t('editor.error.noLanguage') : undefined };
}

/** The schedule's date and time in the clinic's zone → an instant; a message on the field when it is missing, malformed or past. */
function scheduleInstant(values: ArticleValues, zone: string, now: number, t: Translate, errors: Record<string, string>): number | undefined {
  const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(values.scheduleDate) && DateTime.fromISO(values.scheduleDate, { zone }).isValid;
  const timeOk = /^\d{2}:\d{2}$/.test(values.scheduleTime);
  if (!dateOk) errors.scheduleDate = values.scheduleDate ? t('editor.error.date') : t('form.required');
  if (!timeOk) errors.scheduleTime = values.scheduleTime ? t('editor.error.time') : t('form.required');
  if (!dateOk || !timeOk) return undefined;
  const at = DateTime.fromISO(`${values.scheduleDate}T${values.scheduleTime}`, { zone });
  if (!at.isValid) {
    errors.scheduleDate = t('editor.error.date');
    return undefined;
  }
  if (at.toMillis() <= now) {
    errors.scheduleDate = t('editor.error.past');
    return undefined;
  }
  return at.toMillis();
}

function serviceErrors(err: Invalid, t: Translate, locale: Locale, values: ArticleValues): { errors: Record<string, string>; formError: string | undefined } {
  const errors: Record<string, string> = {};
  let formError: string | undefined;
  for (const [name, code] of Object.entries(err.fields)) {
    if (name === 'translations') {
      formError = t('editor.error.noLanguage');
      continue;
    }
    if (name === 'publishAt') {
      errors.scheduleDate = t('editor.error.past');
      continue;
    }
    const [l, f] = name.split('.') as [string, string | undefined];
    const value = f && (l === 'tr' || l === 'en') ? (values.translations[l][f as keyof TranslationValues] ?? '') : (((values as unknown as Record<string, unknown>)[name] as string | undefined) ?? '');
    errors[name] = codeMessage(t, locale, name, code, editorArticleLimits, value);
  }
  return { errors, formError };
}

function articleValues(article: ArticleRow, translations: ArticleTranslationRow[], categoryKey: string, zone: string): ArticleValues {
  const byLocale = Object.fromEntries(locales.map((l) => [l, { ...emptyTranslation }])) as Record<Locale, TranslationValues>;
  for (const tr of translations) {
    byLocale[tr.locale] = {
      title: tr.title,
      slug: tr.slug,
      summary: tr.summary,
      bodyMd: tr.body_md,
      seoTitle: tr.seo_title ?? '',
      seoDescription: tr.seo_description ?? '',
      coverAlt: tr.cover_alt,
    };
  }
  const scheduled = article.status === 'scheduled' && article.publish_at !== null ? DateTime.fromMillis(article.publish_at, { zone }) : undefined;
  return {
    categoryKey,
    authorName: article.author_name,
    editorName: article.editor_name,
    commentsEnabled: article.comments_enabled === 1,
    scheduleDate: scheduled?.toISODate() ?? '',
    scheduleTime: scheduled?.toFormat('HH:mm') ?? '',
    translations: byLocale,
  };
}

function previewsOf(values: Record<Locale, { bodyMd: string }>, render: (source: string) => string): Record<Locale, string> {
  return Object.fromEntries(locales.map((l) => [l, values[l].bodyMd.length <= articleLimits.bodyMd ? render(values[l].bodyMd) : ''])) as Record<Locale, string>;
}

const renderArticleHtml = (source: string) => renderArticle(source).html;

/** The cover upload as the multipart hook leaves it on the body (a symbol: no form field can set it). */
const UPLOAD = Symbol('cover upload');
interface CoverUpload {
  file?: { buffer: Buffer; truncated: boolean };
  problem?: CoverProblem;
}

// ---------- routes ----------

export function registerEditorRoutes(app: FastifyInstance): void {
  const { articles, covers, content, settings, assets, database, now } = app.services;
  const editor = new EditorService({ db: database.db, content, settings, now });
  const zone = () => settings.current.timeZone;

  // Long articles in two languages must reach the handler (which answers with a message) rather than be cut off
  // at the app-wide form limit with an error page that loses what was typed.
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (route.url.startsWith(`${BASE}/`) && methods.includes('POST')) route.bodyLimit = EDITOR_BODY_LIMIT;
  });

  const indexPaths = async (): Promise<Record<Locale, string>> => {
    const nav = await content.navigation();
    return { tr: nav.tr.articles, en: nav.en.articles };
  };

  /** Category options in the editor's language (a category named only in the other language still appears). */
  const categoryOptions = async (locale: Locale): Promise<{ options: Option[]; keyById: Map<number, string> }> => {
    const [mine, other] = await Promise.all([articles.categories(locale), articles.categories(locale === 'tr' ? 'en' : 'tr')]);
    const byId = new Map(other.map((c) => [c.id, c]));
    for (const c of mine) byId.set(c.id, c);
    const list = [...byId.values()];
    return { options: list.map((c) => ({ value: c.key, label: c.name })), keyById: new Map(list.map((c) => [c.id, c.key])) };
  };

  const publicLinksOf = (state: ArticleState, translations: Array<{ locale: Locale; slug: string }>, paths: Record<Locale, string>): Partial<Record<Locale, string>> =>
    state === 'published' ? Object.fromEntries(translations.map((tr) => [tr.locale, articlePath(paths[tr.locale], tr.slug)])) : {};

  // ---------- the overview ----------

  staffRoute(app, 'GET', BASE, 'content.edit', async (request, reply) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    let filterError = false;
    const pick = <T extends string>(name: string, allowed: readonly T[]): T | '' => {
      const raw = query[name];
      if (raw === undefined || raw === '') return '';
      if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
      filterError = true;
      return '';
    };
    const status = pick('status', states);
    const language = pick('language', locales);
    const at = now();
    const [rows, paths, categories, pages, services, nav] = await Promise.all([
      articles.list(),
      indexPaths(),
      categoryOptions(locale),
      content.editablePages(),
      content.editableServices(),
      content.navigation(),
    ]);
    const categoryName = new Map<number, string>();
    for (const [id, key] of categories.keyById) categoryName.set(id, categories.options.find((o) => o.value === key)?.label ?? key);

    const items: ArticleListItem[] = rows
      .map((a) => ({ a, state: effectiveState(a, at) }))
      .filter(({ a, state }) => (status === '' || state === status) && (language === '' || a.translations.some((tr) => tr.locale === language)))
      .map(({ a, state }) => ({
        id: a.id,
        titles: Object.fromEntries(a.translations.map((tr) => [tr.locale, tr.title])),
        state,
        stateText: stateText(t, locale, state, a.publish_at, zone()),
        category: a.category_id === null ? undefined : categoryName.get(a.category_id),
        updated: formatDateTime(locale, a.updated_at, zone()),
        updatedIso: new Date(a.updated_at).toISOString(),
        publicLinks: publicLinksOf(state, a.translations, paths),
      }));

    const pageItems: PageListItem[] = pages.map((p) => {
      const updated = Math.max(0, ...locales.map((l) => p.translations[l]?.updated_at ?? 0));
      return {
        href: `${BASE}/pages/${p.key}`,
        label: t(pageLabels[p.key] ?? 'editor.list.page'),
        titles: Object.fromEntries(locales.flatMap((l) => (p.translations[l] ? [[l, p.translations[l].title]] : []))),
        updated: updated ? formatDateTime(locale, updated, zone()) : undefined,
        publicLinks: Object.fromEntries(locales.flatMap((l) => (p.translations[l] ? [[l, pathFor(l, p.translations[l].slug)]] : []))),
      };
    });
    const serviceItems: PageListItem[] = services.map((s) => {
      const shownOn = s.category === 'robotic' ? 'robotic' : s.category === 'therapy' ? 'therapies' : undefined;
      return {
        href: `${BASE}/services/${s.key}`,
        label: s.translations[locale]?.name ?? s.translations.tr?.name ?? s.key,
        titles: Object.fromEntries(locales.flatMap((l) => (s.translations[l] ? [[l, s.translations[l].name]] : []))),
        publicLinks: shownOn && s.active ? Object.fromEntries(locales.map((l) => [l, `${nav[l][shownOn]}#${s.key}`])) : {},
        note: s.active ? undefined : t('editor.list.inactive'),
      };
    });

    return sendAdmin(request, reply, {
      title: t('editor.title'),
      active: BASE,
      notice: noticeText(request, t),
      body: ContentList({
        t,
        filters: { status, language },
        filterError,
        statusOptions: states.map((s) => ({ value: s, label: t(`editor.state.${s}`) })),
        languageOptions: locales.map((l) => ({ value: l, label: l === 'tr' ? 'Türkçe' : 'English', lang: l })),
        articles: items,
        totalArticles: rows.length,
        pages: pageItems,
        services: serviceItems,
      }),
    });
  });

  // ---------- the article editor ----------

  interface ArticlePageOptions {
    values: ArticleValues;
    errors?: Record<string, string>;
    formError?: string | undefined;
    status?: number;
    notice?: string | undefined;
    previews?: Record<Locale, string>;
    coverError?: string | undefined;
  }

  const articlePage = async (request: FastifyRequest, reply: FastifyReply, signed: Signed, id: number | undefined, opts: ArticlePageOptions) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const [paths, categories] = await Promise.all([indexPaths(), categoryOptions(locale)]);
    let article: ArticleEditorProps['article'];
    let cover: ArticleEditorProps['cover'];
    let title = t('editor.newArticle');
    if (id !== undefined) {
      const current = await covers.current(id);
      const thumb = current?.sources.find((s) => s.format === 'webp');
      if (current && thumb) cover = { src: thumb.url, width: thumb.width, height: Math.round((current.height * thumb.width) / current.width) };
      const found = await articles.get(id);
      const state = effectiveState(found.article, now());
      article = {
        id,
        state,
        stateText: stateText(t, locale, state, found.article.publish_at, zone()),
        publicOnce: found.translations.filter((tr) => tr.published_at !== null).map((tr) => tr.locale),
        saved: found.translations.map((tr) => tr.locale),
        publicLinks: publicLinksOf(state, found.translations, paths),
      };
      const shown = found.translations.find((tr) => tr.locale === locale) ?? found.translations[0];
      title = t('editor.editArticle', { title: shown?.title ?? `#${id}` });
    }
    // A slug left empty is filled from the title here too, so the writer sees the address the save will use.
    for (const l of locales) {
      const v = opts.values.translations[l];
      if (!v.slug && v.title.trim()) v.slug = articles.suggestSlug(v.title);
    }
    return sendAdmin(request, reply, {
      title,
      active: BASE,
      status: opts.status ?? 200,
      notice: opts.notice,
      body: ArticleEditor({
        t,
        csrf: signed.session.csrfToken,
        action: id === undefined ? `${BASE}/articles/new` : `${BASE}/articles/${id}`,
        scriptUrl: assets.url('editor.js'),
        values: opts.values,
        errors: opts.errors ?? {},
        formError: opts.formError,
        previews: opts.previews ?? previewsOf(opts.values.translations, renderArticleHtml),
        categories: categories.options,
        limits: { ...articleLimits, summary: SUMMARY_MAX, slug: SLUG_MAX },
        timeZone: zone(),
        canPublish: can(signed.user.role, 'content.publish'),
        indexPaths: paths,
        article,
        cover,
        coverError: opts.coverError,
      }),
    });
  };

  const intentOf = (form: FormValues, signed: Signed): Intent => {
    const intent = (intents as readonly string[]).includes(form.intent ?? '') ? (form.intent as Intent) : 'save';
    if (publishingIntents.has(intent) && !can(signed.user.role, 'content.publish')) throw new Forbidden();
    return intent;
  };

  /** Runs the status change an intent asks for; a refusal (a time that passed meanwhile) comes back as field errors. */
  const applyIntent = async (id: number, intent: Intent, at: number | undefined, m: ReturnType<typeof meta>): Promise<void> => {
    switch (intent) {
      case 'publish':
        return articles.publish(id, m);
      case 'schedule':
        return articles.schedule(id, at!, m);
      case 'unpublish':
        return articles.unpublish(id, m);
      case 'archive':
        return articles.archive(id, m);
      case 'save':
      case 'preview':
        return;
    }
  };

  staffRoute(app, 'GET', `${BASE}/articles/new`, 'content.edit', (request, reply, signed) =>
    articlePage(request, reply, signed, undefined, {
      values: {
        categoryKey: '',
        authorName: signed.user.name,
        editorName: '',
        commentsEnabled: true,
        scheduleDate: '',
        scheduleTime: '',
        translations: { tr: { ...emptyTranslation }, en: { ...emptyTranslation } },
      },
    }),
  );

  staffRoute(app, 'POST', `${BASE}/articles/new`, 'content.edit', async (request, reply, signed) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const form = formValues(request);
    const intent = intentOf(form, signed);
    const values = readArticleForm(form);
    if (intent === 'preview') return articlePage(request, reply, signed, undefined, { values });
    const { errors, formError } = checkArticle(values, t, locale);
    const at = intent === 'schedule' ? scheduleInstant(values, zone(), now(), t, errors) : undefined;
    if (Object.keys(errors).length || formError) return articlePage(request, reply, signed, undefined, { values, errors, formError, status: 422 });

    let id: number;
    try {
      id = await articles.create(
        {
          categoryKey: values.categoryKey || null,
          authorName: values.authorName,
          editorName: values.editorName,
          commentsEnabled: values.commentsEnabled,
          status: 'draft',
          translations: Object.fromEntries(locales.filter((l) => isWritten(values.translations[l])).map((l) => [l, toTranslationInput(values.translations[l])])),
        },
        meta(request, signed),
      );
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return articlePage(request, reply, signed, undefined, { values, ...serviceErrors(err, t, locale, values), status: 422 });
    }
    try {
      await applyIntent(id, intent, at, meta(request, signed));
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      // The draft exists now; its page shows why the status change did not happen.
      return articlePage(request, reply, signed, id, { values, ...serviceErrors(err, t, locale, values), status: 422 });
    }
    return reply.redirect(`${BASE}/articles/${id}?notice=${intent === 'save' ? 'created' : intentNotice[intent]}`, 303);
  });

  /** The article's saved values, as its edit page shows them. */
  const storedValues = async (request: FastifyRequest, id: number): Promise<ArticleValues> => {
    const { article, translations } = await articles.get(id);
    const categories = await categoryOptions(adminLocale(request));
    const categoryKey = article.category_id === null ? '' : (categories.keyById.get(article.category_id) ?? '');
    return articleValues(article, translations, categoryKey, zone());
  };

  staffRoute(app, 'GET', `${BASE}/articles/:id`, 'content.edit', async (request, reply, signed) => {
    const id = articleId(request);
    const t = adminT(request);
    return articlePage(request, reply, signed, id, { values: await storedValues(request, id), notice: noticeText(request, t) });
  });

  staffRoute(app, 'POST', `${BASE}/articles/:id`, 'content.edit', async (request, reply, signed) => {
    const id = articleId(request);
    const t = adminT(request);
    const locale = adminLocale(request);
    const before = await articles.get(id);
    const form = formValues(request);
    const intent = intentOf(form, signed);
    const values = readArticleForm(form);
    if (intent === 'preview') return articlePage(request, reply, signed, id, { values });
    const { errors, formError } = checkArticle(values, t, locale);
    const at = intent === 'schedule' ? scheduleInstant(values, zone(), now(), t, errors) : undefined;
    if (Object.keys(errors).length || formError) return articlePage(request, reply, signed, id, { values, errors, formError, status: 422 });

    try {
      await articles.saveEdits(
        id,
        {
          article: { categoryKey: values.categoryKey || null, authorName: values.authorName, editorName: values.editorName, commentsEnabled: values.commentsEnabled },
          // A language whose fields were all emptied is removed; the check above keeps at least one.
          translations: Object.fromEntries(locales.map((l) => [l, isWritten(values.translations[l]) ? toTranslationInput(values.translations[l]) : null])),
        },
        meta(request, signed),
      );
      await applyIntent(id, intent, at, meta(request, signed));
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return articlePage(request, reply, signed, id, { values, ...serviceErrors(err, t, locale, values), status: 422 });
    }
    const after = await articles.get(id);
    const moved = before.translations.some((b) => b.published_at !== null && after.translations.some((a) => a.locale === b.locale && a.slug !== b.slug));
    return reply.redirect(`${BASE}/articles/${id}?notice=${intentNotice[intent]}${moved ? '&moved=1' : ''}`, 303);
  });

  staffRoute(app, 'POST', `${BASE}/articles/:id/delete`, 'content.publish', async (request, reply, signed) => {
    await articles.remove(articleId(request), meta(request, signed));
    return reply.redirect(`${BASE}?notice=deleted`, 303);
  });

  // ---------- the cover picture ----------

  // Multipart is parsed only in this scope (every other form stays urlencoded). The parts are read before the CSRF
  // check (a preHandler), so the token travels as an ordinary form field like on every other back-office form.
  void app.register(async (scope) => {
    await scope.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: COVER_MAX_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 6, headerPairs: 100 } });
    scope.addHook('preValidation', async (request) => {
      if (!request.isMultipart() || !request.signed) return;
      const fields: Record<string, string> = {};
      const upload: CoverUpload = {};
      try {
        // throwFileSizeLimit off: a larger file arrives cut at the limit and marked truncated, so it gets a message.
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const buffer = await part.toBuffer();
            if (part.fieldname === 'cover' && !upload.file) upload.file = { buffer, truncated: part.file.truncated };
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
      } catch (err) {
        request.log.info({ err: err instanceof Error ? err.message : String(err) }, 'cover upload refused');
        upload.problem = (err as { statusCode?: number }).statusCode === 413 ? 'tooLarge' : 'malformed';
      }
      request.body = { ...fields, [UPLOAD]: upload };
    });

    staffRoute(scope, 'POST', `${BASE}/articles/:id/cover`, 'content.edit', async (request, reply, signed) => {
      const id = articleId(request);
      const upload = (request.body as { [UPLOAD]?: CoverUpload } | undefined)?.[UPLOAD];
      let problem: CoverProblem | undefined = upload?.problem ?? (!upload?.file || upload.file.buffer.length === 0 ? 'missing' : upload.file.truncated ? 'tooLarge' : undefined);
      if (!problem) {
        try {
          await covers.replace(id, upload!.file!.buffer, meta(request, signed));
        } catch (err) {
          if (!(err instanceof CoverRejected)) throw err;
          problem = err.problem;
        }
      }
      if (problem) {
        const values = await storedValues(request, id);
        return articlePage(request, reply, signed, id, { values, status: problem === 'tooLarge' ? 413 : 422, coverError: adminT(request)(`editor.cover.error.${problem}`) });
      }
      return reply.redirect(`${BASE}/articles/${id}?notice=coverSaved`, 303);
    });
  });

  staffRoute(app, 'POST', `${BASE}/articles/:id/cover/remove`, 'content.edit', async (request, reply, signed) => {
    const id = articleId(request);
    await covers.remove(id, meta(request, signed));
    return reply.redirect(`${BASE}/articles/${id}?notice=coverRemoved`, 303);
  });

  // ---------- the preview endpoint (the editor script posts the body as one types) ----------

  staffRoute(app, 'POST', `${BASE}/preview`, 'content.edit', async (request, reply) => {
    const form = formValues(request);
    const source = field(form, 'markdown');
    reply.header('content-type', 'text/html; charset=utf-8');
    if (source.length > articleLimits.bodyMd) {
      const t = adminT(request);
      return reply.code(422).send(renderToString(h(PreviewError, { message: tooLong(t, adminLocale(request), articleLimits.bodyMd, source.length) })));
    }
    // Exactly what the public site renders: articles through their own module (heading ids, rel on links), pages and services through the shared one.
    return reply.send(form.kind === 'page' ? markdownToHtml(source) : renderArticleHtml(source));
  });

  // ---------- page and service texts ----------

  type TextKind = 'page' | 'service';

  const textLimitsOf = (kind: TextKind) => ({ title: kind === 'page' ? textLimits.pageTitle : textLimits.serviceName, summary: textLimits.summary, bodyMd: textLimits.bodyMd });

  const readTexts = (form: FormValues): Record<Locale, PublicTextValues> =>
    Object.fromEntries(locales.map((l) => [l, { title: field(form, `${l}.title`), summary: field(form, `${l}.summary`), bodyMd: field(form, `${l}.bodyMd`) }])) as Record<Locale, PublicTextValues>;

  const checkTexts = (kind: TextKind, values: Record<Locale, PublicTextValues>, t: Translate, locale: Locale): Record<string, string> => {
    const limits = textLimitsOf(kind);
    const errors: Record<string, string> = {};
    for (const l of locales) {
      checkText(errors, `${l}.title`, values[l].title, limits.title, true, t, locale);
      checkText(errors, `${l}.summary`, values[l].summary, limits.summary, true, t, locale);
      checkText(errors, `${l}.bodyMd`, values[l].bodyMd, limits.bodyMd, false, t, locale);
    }
    return errors;
  };

  const textPage = async (request: FastifyRequest, reply: FastifyReply, signed: Signed, kind: TextKind, key: string, opts: { values?: Record<Locale, PublicTextValues>; errors?: Record<string, string>; status?: number }) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    let stored: Record<Locale, PublicTextValues>;
    let label: string;
    let paths: Partial<Record<Locale, string>> | undefined;
    let publicLinks: Partial<Record<Locale, string>> = {};
    let note: string | undefined;
    if (kind === 'page') {
      const page = await content.editablePage(key);
      stored = Object.fromEntries(locales.map((l) => [l, { title: page.translations[l]?.title ?? '', summary: page.translations[l]?.summary ?? '', bodyMd: page.translations[l]?.body_md ?? '' }])) as Record<Locale, PublicTextValues>;
      label = t(pageLabels[key] ?? 'editor.list.page');
      paths = Object.fromEntries(locales.flatMap((l) => (page.translations[l] ? [[l, pathFor(l, page.translations[l].slug)]] : [])));
    } else {
      const service = await content.editableService(key);
      stored = Object.fromEntries(locales.map((l) => [l, { title: service.translations[l]?.name ?? '', summary: service.translations[l]?.summary ?? '', bodyMd: service.translations[l]?.bodyMd ?? '' }])) as Record<Locale, PublicTextValues>;
      label = service.translations[locale]?.name ?? key;
      const nav = await content.navigation();
      const shownOn = service.category === 'robotic' ? 'robotic' : service.category === 'therapy' ? 'therapies' : undefined;
      if (shownOn && service.active) publicLinks = Object.fromEntries(locales.map((l) => [l, `${nav[l][shownOn]}#${key}`]));
      note = shownOn && service.active ? t('editor.hint.serviceShown') : t('editor.hint.serviceNotShown');
    }
    const values = opts.values ?? stored;
    return sendAdmin(request, reply, {
      title: kind === 'page' ? t('editor.editPage', { name: label }) : t('editor.editService', { name: label }),
      active: BASE,
      status: opts.status ?? 200,
      notice: noticeText(request, t),
      body: TextEditor({
        t,
        csrf: signed.session.csrfToken,
        action: `${BASE}/${kind === 'page' ? 'pages' : 'services'}/${key}`,
        scriptUrl: assets.url('editor.js'),
        kind,
        values,
        errors: opts.errors ?? {},
        previews: previewsOf(values, markdownToHtml),
        limits: textLimitsOf(kind),
        paths,
        publicLinks,
        note,
      }),
    });
  };

  for (const kind of ['page', 'service'] as const) {
    const url = `${BASE}/${kind === 'page' ? 'pages' : 'services'}/:key`;
    staffRoute(app, 'GET', url, 'content.edit', (request, reply, signed) => textPage(request, reply, signed, kind, paramKey(request), {}));
    staffRoute(app, 'POST', url, 'content.edit', async (request, reply, signed) => {
      const key = paramKey(request);
      const t = adminT(request);
      const locale = adminLocale(request);
      const form = formValues(request);
      const values = readTexts(form);
      if (form.intent === 'preview') return textPage(request, reply, signed, kind, key, { values });
      const errors = checkTexts(kind, values, t, locale);
      if (Object.keys(errors).length) return textPage(request, reply, signed, kind, key, { values, errors, status: 422 });
      const texts = Object.fromEntries(locales.map((l) => [l, { title: values[l].title, summary: values[l].summary, bodyMd: values[l].bodyMd } satisfies PublicTextInput]));
      try {
        if (kind === 'page') await editor.savePage(key, texts, meta(request, signed));
        else await editor.saveService(key, texts, meta(request, signed));
      } catch (err) {
        if (!(err instanceof Invalid)) throw err;
        const limits: Limits = textLimitsOf(kind);
        const mapped = Object.fromEntries(
          Object.entries(err.fields).map(([name, code]) => {
            const [l, f] = name.split('.') as [Locale, keyof PublicTextValues];
            return [name, codeMessage(t, locale, name, code, limits, values[l]?.[f] ?? '')];
          }),
        );
        return textPage(request, reply, signed, kind, key, { values, errors: mapped, status: 422 });
      }
      return reply.redirect(`${url.replace(':key', key)}?notice=savedLive`, 303);
    });
  }
}
