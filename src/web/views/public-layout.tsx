// The public shell: head (SEO, hreflang), header with navigation and call to action, footer, WhatsApp button.
import type { ComponentChildren } from 'preact';
import type { Locale, Translate } from '../../i18n/index.ts';
import { otherLocale } from '../../i18n/index.ts';
import type { ClinicSettings } from '../../features/settings/schema.ts';
import { groupDays } from '../../features/settings/weekly-hours.ts';
import type { Assets } from '../assets.ts';
import { feedPaths, searchPaths } from '../../features/articles/paths.ts';
import { WhatsAppButton } from './whatsapp-button.tsx';

export type NavKey = 'home' | 'robotic' | 'therapies' | 'articles' | 'contact' | 'examination';

export interface PublicContext {
  locale: Locale;
  t: Translate;
  settings: ClinicSettings;
  assets: Assets;
  baseUrl: string;
  /** Path of each navigation target in this locale. */
  nav: Record<NavKey, string>;
}

export interface PublicPageProps {
  ctx: PublicContext;
  title: string;
  description: string;
  path: string;
  alternates: Partial<Record<Locale, string>>;
  active?: NavKey | undefined;
  jsonLd?: object[];
  /** Where the language switch leads when the page has no translation (default: the translation, else the home page). */
  switchHref?: string | undefined;
  ogType?: 'website' | 'article';
  /** Extra head elements: article meta, rel=prev/next, robots. */
  head?: ComponentChildren;
  children: ComponentChildren;
}

const navOrder: Array<[NavKey, 'nav.home' | 'nav.robotic' | 'nav.therapies' | 'nav.articles' | 'nav.contact']> = [
  ['home', 'nav.home'],
  ['robotic', 'nav.robotic'],
  ['therapies', 'nav.therapies'],
  ['articles', 'nav.articles'],
  ['contact', 'nav.contact'],
];

const ogLocale: Record<Locale, string> = { tr: 'tr_TR', en: 'en_GB' };

export function PublicPage({ ctx, title, description, path, alternates, active, jsonLd = [], switchHref, ogType = 'website', head, children }: PublicPageProps) {
  const { locale, t, settings, assets, baseUrl } = ctx;
  const other = otherLocale(locale);
  const switchTo = alternates[other] ?? switchHref ?? `/${other}/`;
  const fullTitle = active === 'home' ? `${settings.clinicName} — ${title}` : `${title} | ${settings.clinicName}`;
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description} />
        <link rel="canonical" href={baseUrl + path} />
        {(Object.entries(alternates) as Array<[Locale, string]>).map(([l, p]) => (
          <link rel="alternate" hrefLang={l} href={baseUrl + p} />
        ))}
        {alternates.tr ? <link rel="alternate" hrefLang="x-default" href={baseUrl + alternates.tr} /> : null}
        <meta property="og:type" content={ogType} />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={description} />
        <meta property="og:url" content={baseUrl + path} />
        <meta property="og:site_name" content={settings.clinicName} />
        <meta property="og:locale" content={ogLocale[locale]} />
        <meta name="twitter:card" content="summary" />
        {head}
        <link rel="alternate" type="application/atom+xml" title={t('articles.feedTitle', { clinic: settings.clinicName })} href={baseUrl + feedPaths[locale]} />
        <meta name="theme-color" content="#0b5d66" />
        {/* Inlined (allowed by its hash in the CSP): a 4 KB stylesheet is cheaper than a render-blocking request. */}
        <style dangerouslySetInnerHTML={{ __html: assets.text('site.css') }} />
        <script src={assets.url('public.js')} defer />
        {jsonLd.map((data) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('skip.toContent')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={ctx.nav.home}>
              <svg class="brand-mark" aria-hidden="true" viewBox="0 0 32 32" width="32" height="32">
                <circle cx="16" cy="16" r="15" />
                <path d="M9 17h4l2-6 3 11 2-5h3" />
              </svg>
              <span>{settings.clinicName}</span>
            </a>
            <div class="header-tools">
              <a class="search-link" href={searchPaths[locale]}>
                <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
                  <circle cx="10.5" cy="10.5" r="6.5" />
                  <path d="m15.5 15.5 5 5" />
                </svg>
                <span>{t('search.link')}</span>
              </a>
              {/* The visible language name is the accessible name (WCAG 2.5.3); the longer label is its description. */}
              <a class="lang-switch" href={switchTo} hrefLang={other} lang={other} title={t('lang.switchLabel')}>
                {t('lang.switch')}
              </a>
            </div>
          </div>
          <div class="wrap nav-row">
            <nav aria-label={t('nav.label')}>
              <ul class="nav-list">
                {navOrder.map(([key, label]) => (
                  <li>
                    <a href={ctx.nav[key]} aria-current={active === key ? 'page' : undefined}>
                      {t(label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <a class="cta" href={ctx.nav.examination} aria-current={active === 'examination' ? 'page' : undefined}>
              {settings.ctaLabel[locale]}
            </a>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap footer-grid">
            <section aria-labelledby="footer-contact">
              <h2 id="footer-contact">{t('footer.contact')}</h2>
              <address>
                <p>{settings.address}</p>
                <p>
                  {t('footer.phone')}: <a href={`tel:${settings.phone.replace(/[^\d+]/g, '')}`}>{settings.phone}</a>
                </p>
                <p>
                  {t('footer.email')}: <a href={`mailto:${settings.email}`}>{settings.email}</a>
                </p>
              </address>
              <p>
                <a href={settings.mapUrl} rel="noopener">
                  {t('footer.map')}
                </a>
              </p>
            </section>
            <section aria-labelledby="footer-hours">
              <h2 id="footer-hours">{t('footer.hours')}</h2>
              <HoursList t={t} hours={settings.openingHours} />
              <p class="muted">{t('hours.closedOnHolidays')}</p>
            </section>
            <section class="footer-note">
              <p>{t('footer.rights')}</p>
              <p>
                <a href={`/admin?lang=${locale}`} rel="nofollow">
                  {t('footer.staff')}
                </a>
              </p>
            </section>
          </div>
        </footer>
        <WhatsAppButton ctx={ctx} pageTitle={title} pageUrl={baseUrl + path} />
      </body>
    </html>
  );
}

export function HoursList({ t, hours }: { t: Translate; hours: ClinicSettings['openingHours'] }) {
  return (
    <dl class="hours">
      {groupDays(hours).map((g) => (
        <div>
          <dt>
            {t(`weekday.${g.from}` as 'weekday.1')}
            {g.to !== g.from ? `–${t(`weekday.${g.to}` as 'weekday.1')}` : ''}
          </dt>
          <dd>{g.text || t('footer.closed')}</dd>
        </div>
      ))}
    </dl>
  );
}

/** JSON inside <script> must not be able to close the element. */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
