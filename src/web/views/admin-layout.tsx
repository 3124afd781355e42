// The back-office shell: header with the person and sign-out, role-filtered navigation, notices, content.
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import type { Locale, Translate } from '../../i18n/index.ts';
import { otherLocale } from '../../i18n/index.ts';
import type { Assets } from '../assets.ts';

export interface AdminShellContext {
  locale: Locale;
  t: Translate;
  assets: Assets;
  clinicName: string;
  /** Present when signed in. */
  person?: { name: string; roleLabel: string; csrfToken: string } | undefined;
  /** `count`: a number shown beside the entry (e.g. comments waiting for moderation), with its spoken label. */
  nav: Array<{ href: string; label: string; count?: { value: number; label: string } | undefined }>;
  /** Days left to set up the second factor, when it is required and not yet set up. */
  totpDaysLeft?: number | undefined;
}

export function AdminPage(props: { ctx: AdminShellContext; title: string; active?: string; notice?: string | undefined; children: ComponentChildren }) {
  const { ctx, title, active, notice, children } = props;
  const { t, locale, person } = ctx;
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} | ${t('admin.title')} | ${ctx.clinicName}`}</title>
        <link rel="stylesheet" href={ctx.assets.url('admin.css')} />
        <script src={ctx.assets.url('admin.js')} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('skip.toContent')}
        </a>
        <header class="admin-header">
          <div class="admin-brand">
            <span class="clinic">{ctx.clinicName}</span>
            <span class="area">{t('admin.title')}</span>
          </div>
          {person ? (
            <div class="admin-person">
              <span>
                {t('admin.signedInAs', { name: person.name })} · {person.roleLabel}
              </span>
              <form method="post" action="/admin/locale" class="inline">
                <input type="hidden" name="_csrf" value={person.csrfToken} />
                <input type="hidden" name="locale" value={otherLocale(locale)} />
                <button type="submit" class="link-button" lang={otherLocale(locale)}>
                  {t('lang.switch')}
                </button>
              </form>
              <form method="post" action="/admin/logout" class="inline">
                <input type="hidden" name="_csrf" value={person.csrfToken} />
                <button type="submit" class="button-secondary">
                  {t('admin.signOut')}
                </button>
              </form>
            </div>
          ) : (
            <a class="link-button" href={`?lang=${otherLocale(locale)}`} lang={otherLocale(locale)}>
              {t('lang.switch')}
            </a>
          )}
        </header>
        {ctx.nav.length ? (
          <nav class="admin-nav" aria-label={t('admin.nav.label')}>
            <ul>
              {ctx.nav.map((item) => (
                <li>
                  <a href={item.href} aria-current={item.href === active ? 'page' : undefined}>
                    {item.label}
                    {item.count ? (
                      <span class="nav-count">
                        <span aria-hidden="true">{item.count.value}</span>
                        <span class="visually-hidden">({item.count.label})</span>
                      </span>
                    ) : null}
                  </a>
                </li>
              ))}
              <li class="public-link">
                <a href={`/${locale}/`}>{t('admin.nav.publicSite')}</a>
              </li>
            </ul>
          </nav>
        ) : null}
        <main id="main" class="admin-main" tabIndex={-1}>
          {ctx.totpDaysLeft !== undefined ? (
            <p class="banner warning" role="status">
              {t('totp.banner', { days: ctx.totpDaysLeft })} <a href="/admin/account/security">{t('totp.bannerLink')}</a>
            </p>
          ) : null}
          {notice ? (
            <p class="banner success" role="status">
              {notice}
            </p>
          ) : null}
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

/** A labelled input with its error message wired for screen readers. */
export function Field(props: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'number' | 'date' | 'search';
  autocomplete?: string;
  hint?: string | undefined;
  required?: boolean;
  maxLength?: number;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel' | 'url';
}) {
  const { name, label, value, error, type = 'text', autocomplete, hint, required, maxLength, inputMode } = props;
  const id = `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const inputAttrs = {
    id,
    name,
    type,
    value: type === 'password' ? undefined : value,
    autoComplete: autocomplete,
    required,
    maxLength,
    inputMode,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy,
  } as InputHTMLAttributes<HTMLInputElement>;
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
      <input {...inputAttrs} />
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function ErrorSummary({ t, errors }: { t: Translate; errors: Record<string, string> }) {
  if (Object.keys(errors).length === 0) return null;
  return (
    <div class="banner error" role="alert">
      {t('form.errorSummary')}
    </div>
  );
}

/** A filter select with an "any" first option and its error wired for screen readers (list pages' filter bars). */
export function FilterSelect(props: { name: string; label: string; value: string; anyLabel: string; options: Array<{ value: string; label: string }>; error?: string | undefined }) {
  const { name, label, value, anyLabel, options, error } = props;
  const id = `f-${name}`;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <select id={id} name={name} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="" selected={value === ''}>
          {anyLabel}
        </option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
