// Step 1 of the public booking flow: the free-examination page — its editable intro from the database, then the next
// free days and times (a week at a time), then the ways to book by phone, WhatsApp or e-mail.
import type { Locale } from '../../../i18n/index.ts';
import { formatDate } from '../../../i18n/index.ts';
import { PublicPage, type PublicContext } from '../../../web/views/public-layout.tsx';
import { Banner, Markdown, OtherWays, SlotDays, SlotWeek, ZoneNote, type WeekModel, type ZoneText } from './parts.tsx';
import type { DayView } from './format.ts';

export interface IntroPage {
  title: string;
  summary: string;
  bodyMd: string;
  updatedAt: number;
}

export interface StartPageProps {
  ctx: PublicContext;
  page: IntroPage;
  path: string;
  alternates: Partial<Record<Locale, string>>;
  week: WeekModel;
  zone: ZoneText;
  hrefFor: (iso: string) => string;
  /** The chosen time was no longer free: the next free ones are offered first. */
  gone?: { days: DayView[] } | undefined;
}

export function StartPage({ ctx, page, path, alternates, week, zone, hrefFor, gone }: StartPageProps) {
  const { t, locale, settings, baseUrl } = ctx;
  return (
    <PublicPage ctx={ctx} title={page.title} description={page.summary} path={path} alternates={alternates} active="examination">
      <div class="wrap page bk">
        <h1>{page.title}</h1>
        <p class="lead">{page.summary}</p>
        {gone ? (
          <section class="bk-card" aria-labelledby="bk-gone">
            <Banner kind="error" id="bk-gone">
              <p>{t('bookingPage.slots.gone')}</p>
            </Banner>
            {gone.days.length ? (
              <>
                <h2>{t('bookingPage.slots.next')}</h2>
                <ZoneNote t={t} zone={zone} />
                <SlotDays t={t} days={gone.days} hrefFor={hrefFor} openDays={gone.days.length} />
              </>
            ) : null}
          </section>
        ) : null}
        <section class="bk-card bk-slots" aria-labelledby="bk-slots-title">
          <p class="bk-step">{t('bookingPage.steps', { step: 1 })}</p>
          <h2 id="bk-slots-title">{t('bookingPage.slots.title')}</h2>
          <p>{t('bookingPage.slots.intro')}</p>
          <ZoneNote t={t} zone={zone} />
          <SlotWeek t={t} week={week} hrefFor={hrefFor} />
        </section>
        <OtherWays ctx={ctx} pageTitle={page.title} pageUrl={baseUrl + path} />
        <Markdown source={page.bodyMd} />
        <p class="updated muted">{t('page.updated', { date: formatDate(locale, page.updatedAt, settings.timeZone) })}</p>
      </div>
    </PublicPage>
  );
}
