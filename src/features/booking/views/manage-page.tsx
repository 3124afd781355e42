// The visitor's private appointment pages behind the manage token: the confirmation/manage page (what, when, where,
// status, how to prepare, calendar file, WhatsApp), the cancel confirmation and the move pages. Never the intake.
import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../i18n/index.ts';
import type { AppointmentStatus } from '../service.ts';
import { PublicPage, type PublicContext } from '../../../web/views/public-layout.tsx';
import { whatsappHref } from '../../../web/views/whatsapp-button.tsx';
import { AppointmentFacts, Banner, SlotDays, SlotWeek, telHref, ZoneNote, type BannerKind, type WeekModel, type WhenText, type ZoneText } from './parts.tsx';
import type { DayView } from './format.ts';

export interface ManagedView {
  status: AppointmentStatus;
  serviceName: string;
  durationMinutes: number;
  when: WhenText;
  canChange: boolean;
  /** "3 December 2026, 07:15" — the online cut-off. */
  changeUntil: string;
  /** Date and time for the WhatsApp message (no complaint, no name). */
  whatsapp: { date: string; time: string };
}

export interface ManageLinks {
  /** Absolute private link, shown so it can be copied. */
  self: string;
  calendar: string;
  cancel: string;
  move: string;
  bookAgain: string;
  /** POST: stop appointment messages on WhatsApp. */
  stopWhatsApp: string;
}

interface PrivatePageProps {
  ctx: PublicContext;
  title: string;
  /** The other language's address of the same private page (language switch). */
  alternates: Partial<Record<Locale, string>>;
  children: ComponentChildren;
}

/**
 * The shell of a private page: kept out of search engines, and the page's own (secret) address is never handed to the
 * layout's canonical link or WhatsApp message — those name the public examination page instead.
 */
function PrivatePage({ ctx, title, alternates, children }: PrivatePageProps) {
  return (
    <PublicPage
      ctx={ctx}
      title={title}
      description={title}
      path={ctx.nav.examination}
      alternates={alternates}
      head={<meta name="robots" content="noindex, nofollow" />}
    >
      <div class="wrap page bk bk-private">{children}</div>
    </PublicPage>
  );
}

const statusIcon: Record<AppointmentStatus, string> = {
  requested: 'M12 7v5l3 2',
  confirmed: 'M7 12.5 10.5 16 17 8.5',
  checked_in: 'M7 12.5 10.5 16 17 8.5',
  completed: 'M7 12.5 10.5 16 17 8.5',
  cancelled: 'M8 8l8 8M16 8l-8 8',
  no_show: 'M8 8l8 8M16 8l-8 8',
};

function StatusLine({ ctx, status }: { ctx: PublicContext; status: AppointmentStatus }) {
  return (
    <p class={`bk-status status-${status}`}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
        <circle cx="12" cy="12" r="10" />
        <path d={statusIcon[status]} />
      </svg>
      <span>
        <span class="bk-status-label">{ctx.t('bookingPage.manage.status')}: </span>
        <strong>{ctx.t(`bookingPage.status.${status}`)}</strong>
      </span>
    </p>
  );
}

export type ManageFlash = 'booked' | 'moved' | 'cancelled' | 'whatsappOff' | 'whatsappAlreadyOff';

export function ManagePage(props: {
  ctx: PublicContext;
  alternates: Partial<Record<Locale, string>>;
  appointment: ManagedView;
  links: ManageLinks;
  flash?: ManageFlash | undefined;
  problem?: string | undefined;
  /** The patient gets appointment messages on WhatsApp: offer to stop them. */
  whatsappOn?: boolean | undefined;
}) {
  const { ctx, alternates, appointment: a, links, flash, problem, whatsappOn } = props;
  const { t, settings } = ctx;
  const cancelled = a.status === 'cancelled';
  const flashText: Record<ManageFlash, [BannerKind, string]> = {
    booked: ['success', t('bookingPage.manage.booked')],
    moved: ['success', t('bookingPage.manage.movedNow')],
    cancelled: ['info', t('bookingPage.manage.cancelledNow')],
    whatsappOff: ['success', t('bookingPage.manage.whatsappOffNow')],
    whatsappAlreadyOff: ['info', t('bookingPage.manage.whatsappAlreadyOff')],
  };
  const waText = t('bookingPage.manage.whatsappText', { date: a.whatsapp.date, time: a.whatsapp.time });
  return (
    <PrivatePage ctx={ctx} title={t('bookingPage.manage.title')} alternates={alternates}>
      {flash ? (
        <Banner kind={flashText[flash][0]}>
          <p>{flashText[flash][1]}</p>
        </Banner>
      ) : null}
      {problem ? (
        <Banner kind="error">
          <p>{problem}</p>
        </Banner>
      ) : null}
      <h1>{t('bookingPage.manage.title')}</h1>
      <section class={`bk-card bk-appointment${cancelled ? ' is-cancelled' : ''}`} aria-labelledby="bk-status-title">
        <h2 id="bk-status-title" class="visually-hidden">
          {t('bookingPage.manage.status')}
        </h2>
        <StatusLine ctx={ctx} status={a.status} />
        <AppointmentFacts ctx={ctx} serviceName={a.serviceName} durationMinutes={a.durationMinutes} when={a.when} />
        {cancelled ? null : (
          <ul class="bk-actions">
            <li>
              <a class="button primary" href={links.calendar} download>
                <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" class="bk-icon">
                  <rect x="3.5" y="5" width="17" height="15" rx="2" />
                  <path d="M3.5 10h17M8 3v4M16 3v4" />
                </svg>
                {t('bookingPage.manage.calendar')}
              </a>
            </li>
            <li>
              <a class="button" href={whatsappHref(settings.whatsappNumber, waText, '', '')} rel="noopener">
                {t('bookingPage.manage.whatsapp')}
              </a>
            </li>
            <li>
              <a class="button" href={telHref(settings.phone)}>
                {t('bookingPage.manage.call', { phone: settings.phone })}
              </a>
            </li>
          </ul>
        )}
      </section>

      {/* Until confirmations go out by message, this page's address is the visitor's only way back: say so early. */}
      {cancelled ? null : (
        <section class="bk-card bk-keep" aria-labelledby="bk-keep">
          <h2 id="bk-keep">{t('bookingPage.manage.keepTitle')}</h2>
          <p>{t('bookingPage.manage.keep')}</p>
          <label for="bk-link">{t('bookingPage.manage.link')}</label>
          <input id="bk-link" type="text" readOnly value={links.self} spellcheck={false} lang="en" />
        </section>
      )}
      {cancelled ? (
        <section class="bk-card">
          <p>{t('bookingPage.manage.cancelled')}</p>
          <p>
            <a class="button primary" href={links.bookAgain}>
              {t('bookingPage.manage.bookAgain')}
            </a>
          </p>
        </section>
      ) : (
        <>
          <section class="bk-card" aria-labelledby="bk-prepare">
            <h2 id="bk-prepare">{t('bookingPage.prepare.title')}</h2>
            <ul class="bk-checklist">
              {(['reports', 'imaging', 'medication', 'clothes', 'early'] as const).map((key) => (
                <li>{t(`bookingPage.prepare.${key}`)}</li>
              ))}
            </ul>
          </section>
          <section class="bk-card" aria-labelledby="bk-change">
            <h2 id="bk-change">{t('bookingPage.manage.changeTitle')}</h2>
            {a.canChange ? (
              <>
                <p>{t('bookingPage.manage.changeUntil', { time: a.changeUntil })}</p>
                <ul class="bk-actions">
                  <li>
                    <a class="button" href={links.move}>
                      {t('bookingPage.manage.move')}
                    </a>
                  </li>
                  <li>
                    <a class="button bk-danger" href={links.cancel}>
                      {t('bookingPage.manage.cancel')}
                    </a>
                  </li>
                </ul>
              </>
            ) : (
              <p>
                {t(a.status === 'requested' || a.status === 'confirmed' ? 'bookingPage.manage.tooLate' : 'bookingPage.manage.notChangeable', { phone: settings.phone })}
              </p>
            )}
          </section>
        </>
      )}
      {whatsappOn ? (
        <section class="bk-card" aria-labelledby="bk-wa-messages">
          <h2 id="bk-wa-messages">{t('bookingPage.manage.whatsappMessages')}</h2>
          <form method="post" action={links.stopWhatsApp}>
            <p>
              {t('bookingPage.manage.whatsappMessagesOn')}{' '}
              <button type="submit" class="button">
                {t('bookingPage.manage.whatsappStop')}
              </button>
            </p>
            <p class="bk-hint">{t('bookingPage.manage.whatsappStopHint')}</p>
          </form>
        </section>
      ) : null}
    </PrivatePage>
  );
}

export function CancelPage(props: { ctx: PublicContext; alternates: Partial<Record<Locale, string>>; appointment: ManagedView; action: string; backHref: string; reason: string; error?: string | undefined }) {
  const { ctx, alternates, appointment: a, action, backHref, reason, error } = props;
  const { t } = ctx;
  return (
    <PrivatePage ctx={ctx} title={t('bookingPage.cancel.title')} alternates={alternates}>
      <h1>{t('bookingPage.cancel.title')}</h1>
      <section class="bk-card" aria-label={t('bookingPage.summary.title')}>
        <AppointmentFacts ctx={ctx} serviceName={a.serviceName} durationMinutes={a.durationMinutes} when={a.when} showWhere={false} />
      </section>
      <form method="post" action={action} class="bk-form" novalidate>
        <div class={error ? 'bk-field has-error' : 'bk-field'}>
          <label for="f-reason">{t('bookingPage.cancel.reason')}</label>
          <p class="bk-hint" id="f-reason-hint">
            {t('bookingPage.cancel.reasonHint')}
          </p>
          {error ? (
            <p class="bk-error" id="f-reason-error">
              <span class="bk-error-mark" aria-hidden="true">
                !
              </span>
              {error}
            </p>
          ) : null}
          <textarea
            id="f-reason"
            name="reason"
            rows={3}
            maxLength={500}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'f-reason-hint f-reason-error' : 'f-reason-hint'}
          >
            {reason}
          </textarea>
        </div>
        <div class="bk-submit-row bk-two">
          <button type="submit" class="button bk-danger-solid">
            {t('bookingPage.cancel.confirm')}
          </button>
          <a class="button" href={backHref}>
            {t('bookingPage.cancel.keep')}
          </a>
        </div>
      </form>
    </PrivatePage>
  );
}

export function MovePage(props: {
  ctx: PublicContext;
  alternates: Partial<Record<Locale, string>>;
  appointment: ManagedView;
  week: WeekModel;
  zone: ZoneText;
  hrefFor: (iso: string) => string;
  backHref: string;
  problem?: string | undefined;
  alternatives?: DayView[] | undefined;
}) {
  const { ctx, alternates, appointment: a, week, zone, hrefFor, backHref, problem, alternatives } = props;
  const { t } = ctx;
  return (
    <PrivatePage ctx={ctx} title={t('bookingPage.move.title')} alternates={alternates}>
      <h1>{t('bookingPage.move.title')}</h1>
      <p class="lead">{t('bookingPage.move.current', { when: `${a.when.date}, ${a.when.time}` })}</p>
      {problem ? (
        <Banner kind="error">
          <p>{problem}</p>
        </Banner>
      ) : null}
      {alternatives?.length ? (
        <section class="bk-card" aria-labelledby="bk-alternatives">
          <h2 id="bk-alternatives">{t('bookingPage.slots.next')}</h2>
          <SlotDays t={t} days={alternatives} hrefFor={hrefFor} openDays={alternatives.length} />
        </section>
      ) : null}
      <section class="bk-card bk-slots" aria-labelledby="bk-slots-title">
        <h2 id="bk-slots-title">{t('bookingPage.slots.title')}</h2>
        <p>{t('bookingPage.move.intro')}</p>
        <ZoneNote t={t} zone={zone} />
        <SlotWeek t={t} week={week} hrefFor={hrefFor} />
      </section>
      <p>
        <a href={backHref}>← {t('bookingPage.manage.title')}</a>
      </p>
    </PrivatePage>
  );
}

export function MoveConfirmPage(props: {
  ctx: PublicContext;
  alternates: Partial<Record<Locale, string>>;
  appointment: ManagedView;
  to: WhenText;
  startIso: string;
  action: string;
  chooseHref: string;
  backHref: string;
}) {
  const { ctx, alternates, appointment: a, to, startIso, action, chooseHref, backHref } = props;
  const { t } = ctx;
  return (
    <PrivatePage ctx={ctx} title={t('bookingPage.move.confirmTitle')} alternates={alternates}>
      <h1>{t('bookingPage.move.confirmTitle')}</h1>
      <dl class="bk-facts bk-card bk-move">
        <div>
          <dt>{t('bookingPage.move.from')}</dt>
          <dd>
            <s>
              {a.when.date}, {a.when.time}
            </s>
          </dd>
        </div>
        <div>
          <dt>{t('bookingPage.move.to')}</dt>
          <dd>
            <strong>{to.date}</strong>
            <strong class="bk-sub">{to.time}</strong>
            <span class="bk-sub">{t('bookingPage.zone', { city: to.zone.city, zone: to.zone.zone, offset: to.zone.offset })}</span>
          </dd>
        </div>
      </dl>
      <form method="post" action={action} class="bk-form">
        <input type="hidden" name="start" value={startIso} />
        <div class="bk-submit-row bk-two">
          <button type="submit" class="button primary">
            {t('bookingPage.move.confirm')}
          </button>
          <a class="button" href={chooseHref}>
            {t('bookingPage.move.back')}
          </a>
        </div>
      </form>
      <p>
        <a href={backHref}>← {t('bookingPage.manage.title')}</a>
      </p>
    </PrivatePage>
  );
}

export function TooManyPage({ ctx, alternates }: { ctx: PublicContext; alternates: Partial<Record<Locale, string>> }) {
  const { t, settings } = ctx;
  return (
    <PublicPage ctx={ctx} title={t('bookingPage.tooMany.title')} description={t('bookingPage.tooMany.title')} path={ctx.nav.examination} alternates={alternates} head={<meta name="robots" content="noindex" />}>
      <div class="wrap page bk">
        <h1>{t('bookingPage.tooMany.title')}</h1>
        <Banner kind="error">
          <p>{t('bookingPage.tooMany.body', { phone: settings.phone })}</p>
        </Banner>
        <p>
          <a class="button primary" href={telHref(settings.phone)}>
            {t('contact.call', { phone: settings.phone })}
          </a>
        </p>
      </div>
    </PublicPage>
  );
}
