// Pieces shared by the booking pages: the time-zone note, a week of free times, banners, the "call us instead" box,
// legal texts rendered from markdown, and the appointment summary.
import type { ComponentChildren } from 'preact';
import type { Translate } from '../../../i18n/index.ts';
import { markdownToHtml } from '../../../web/views/markdown.ts';
import type { PublicContext } from '../../../web/views/public-layout.tsx';
import { whatsappHref } from '../../../web/views/whatsapp-button.tsx';
import type { DayView } from './format.ts';

export interface ZoneText {
  city: string;
  zone: string;
  offset: string;
}

export function ZoneNote({ t, zone }: { t: Translate; zone: ZoneText }) {
  return (
    <p class="bk-zone">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
        <circle cx="12" cy="12" r="9" />
        <path d="M12 7v5l3 2" />
      </svg>
      <span>{t('bookingPage.zone', { city: zone.city, zone: zone.zone, offset: zone.offset })}</span>
    </p>
  );
}

export type BannerKind = 'success' | 'info' | 'error';

/** A message box whose kind is said in words by its icon's label too, never by colour alone. */
export function Banner({ kind, title, children, id }: { kind: BannerKind; title?: string | undefined; children?: ComponentChildren; id?: string }) {
  const icon = kind === 'success' ? 'M5 12.5 10 17l9-10' : kind === 'error' ? 'M12 7v6M12 16.5v.5' : 'M12 11v6M12 7.5v.5';
  return (
    <div class={`bk-banner ${kind}`} role={kind === 'error' ? 'alert' : 'status'} id={id}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
        <circle cx="12" cy="12" r="10" />
        <path d={icon} />
      </svg>
      <div>
        {title ? <p class="bk-banner-title">{title}</p> : null}
        {children}
      </div>
    </div>
  );
}

function countText(t: Translate, count: number): string {
  return count === 1 ? t('bookingPage.slots.countOne') : t('bookingPage.slots.countOther', { count });
}

/**
 * Days with their free times, each time a link. The first day is open; the others fold away (details/summary works
 * without JavaScript), so a phone shows the week at a glance.
 */
export function SlotDays({ t, days, hrefFor, openDays = 1 }: { t: Translate; days: DayView[]; hrefFor: (iso: string) => string; openDays?: number }) {
  return (
    <ul class="bk-days">
      {days.map((day, i) => (
        <li>
          <details class="bk-day" open={i < openDays}>
            <summary>
              <span class="bk-day-name">{day.label}</span>
              <span class="bk-day-count">{countText(t, day.slots.length)}</span>
            </summary>
            <ul class="bk-times">
              {day.slots.map((slot) => (
                <li>
                  <a class="bk-time" href={hrefFor(slot.iso)}>
                    {slot.time}
                    <span class="visually-hidden">{t('bookingPage.slots.choose', { day: day.label })}</span>
                  </a>
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}

export interface WeekModel {
  days: DayView[];
  /** "3 December" – "9 December" of the week shown. */
  fromLabel: string;
  toLabel: string;
  earlierHref?: string | undefined;
  laterHref?: string | undefined;
  state: 'ok' | 'noneThisWeek' | 'noneAtAll' | 'unavailable';
}

export function SlotWeek({ t, week, hrefFor }: { t: Translate; week: WeekModel; hrefFor: (iso: string) => string }) {
  if (week.state === 'unavailable' || week.state === 'noneAtAll') {
    return <Banner kind="info">{<p>{t(week.state === 'unavailable' ? 'bookingPage.slots.unavailable' : 'bookingPage.slots.noneAtAll')}</p>}</Banner>;
  }
  return (
    <>
      <h3 class="bk-week">{t('bookingPage.slots.week', { from: week.fromLabel, to: week.toLabel })}</h3>
      {week.days.length ? <SlotDays t={t} days={week.days} hrefFor={hrefFor} /> : <p class="bk-none">{t('bookingPage.slots.noneThisWeek')}</p>}
      {week.earlierHref || week.laterHref ? (
        // In-content controls of the list of times, not site navigation: a paragraph, not a <nav> landmark.
        <p class="bk-pager">
          {week.earlierHref ? (
            <a class="button" href={week.earlierHref} rel="prev">
              <span aria-hidden="true">← </span>
              {t('bookingPage.slots.earlier')}
            </a>
          ) : (
            <span />
          )}
          {week.laterHref ? (
            <a class="button" href={week.laterHref} rel="next">
              {t('bookingPage.slots.later')}
              <span aria-hidden="true"> →</span>
            </a>
          ) : null}
        </p>
      ) : null}
    </>
  );
}

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Call, WhatsApp or e-mail instead of booking online. */
export function OtherWays({ ctx, pageTitle, pageUrl, headingId = 'bk-other' }: { ctx: PublicContext; pageTitle: string; pageUrl: string; headingId?: string }) {
  const { t, settings, locale } = ctx;
  return (
    <section class="contact-box bk-other" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('bookingPage.other.title')}</h2>
      <p>{t('bookingPage.other.body')}</p>
      <ul class="contact-actions">
        <li>
          <a class="button" href={telHref(settings.phone)}>
            {t('contact.call', { phone: settings.phone })}
          </a>
        </li>
        <li>
          <a class="button" href={whatsappHref(settings.whatsappNumber, settings.whatsappMessage[locale], pageTitle, pageUrl)} rel="noopener">
            {t('contact.whatsapp')}
          </a>
        </li>
        <li>
          <a class="button" href={`mailto:${settings.email}`}>
            {t('contact.mail')}
          </a>
        </li>
      </ul>
    </section>
  );
}

/** Staff-written markdown (the page's intro) as HTML; raw HTML is off in the renderer. */
export function Markdown({ source, class: className = 'prose' }: { source: string; class?: string }) {
  return <div class={className} dangerouslySetInnerHTML={{ __html: markdownToHtml(source) }} />;
}

/** A legal text inside the form: its headings moved below the page's own (h1 → h3 …). */
export function LegalText({ source, label }: { source: string; label: string }) {
  const html = markdownToHtml(source).replace(/<(\/?)h([1-4])>/g, (_whole, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + 2)}>`);
  return <div class="bk-legal-body prose" role="region" aria-label={label} tabIndex={0} dangerouslySetInnerHTML={{ __html: html }} />;
}

export interface WhenText {
  date: string;
  time: string;
  zone: ZoneText;
}

/** What, when, where as a description list. */
export function AppointmentFacts({ ctx, serviceName, durationMinutes, when, showWhere = true }: { ctx: PublicContext; serviceName: string; durationMinutes: number; when: WhenText; showWhere?: boolean }) {
  const { t, settings } = ctx;
  return (
    <dl class="bk-facts">
      <div>
        <dt>{t('bookingPage.summary.what')}</dt>
        <dd>
          {serviceName}
          <span class="bk-sub">{t('bookingPage.summary.duration', { minutes: durationMinutes })}</span>
        </dd>
      </div>
      <div>
        <dt>{t('bookingPage.summary.when')}</dt>
        <dd>
          <strong>{when.date}</strong>
          <strong class="bk-sub">{when.time}</strong>
          <span class="bk-sub">{t('bookingPage.zone', { city: when.zone.city, zone: when.zone.zone, offset: when.zone.offset })}</span>
        </dd>
      </div>
      {showWhere ? (
        <div>
          <dt>{t('bookingPage.summary.where')}</dt>
          <dd>
            {settings.clinicName}
            <span class="bk-sub">{settings.address}</span>
            <a class="bk-sub" href={settings.mapUrl} rel="noopener">
              {t('bookingPage.manage.map')}
            </a>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
