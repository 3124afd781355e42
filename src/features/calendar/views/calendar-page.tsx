// The calendar grid: one column per resource (and per day in the week view), rows of 5 minutes in the clinic's zone.
// Positions are classes (rs-N / re-N: grid row start and end), never inline styles: the CSP forbids them.
import type { Locale, Translate } from '../../../i18n/index.ts';
import type { Assets } from '../../../web/assets.ts';
import { formatDay, formatTime } from '../../booking/views/format.ts';
import type { CalendarAppointment, CalendarView } from '../service.ts';

const ROW_MINUTES = 5;

export interface CalendarPageProps {
  t: Translate;
  locale: Locale;
  assets: Assets;
  view: CalendarView;
  intro: string;
  now: number;
  csrf: string;
  errors: Record<string, string>;
  links: { previous: string; next: string; today: string };
  /** The query string of this view, carried by appointment links so "back" returns here. */
  back: string;
  statusLabel: (status: string) => string;
}

/** Grid row (1-based) of an instant within a day's visible range, clamped to it. */
function row(instant: number, dayStart: number, view: CalendarView): number {
  const minute = Math.round((instant - dayStart) / 60_000);
  const clamped = Math.min(view.minutes.to, Math.max(view.minutes.from, minute));
  return Math.floor((clamped - view.minutes.from) / ROW_MINUTES) + 1;
}

function span(start: number, end: number, dayStart: number, view: CalendarView): string | undefined {
  const a = row(start, dayStart, view);
  const b = row(end, dayStart, view);
  return b > a ? `rs-${a} re-${b}` : undefined;
}

export function CalendarPage(props: CalendarPageProps) {
  const { t, locale, view, intro, now, csrf, errors, links, back, statusLabel } = props;
  const zone = view.timeZone;
  const q = view.query;
  const rows = (view.minutes.to - view.minutes.from) / ROW_MINUTES;
  const hours: number[] = [];
  for (let m = view.minutes.from; m < view.minutes.to; m += 60) hours.push(m);
  const week = q.span === 'week';
  const kinds = ['practitioner', 'device', 'room'] as const;
  const appointmentCount = new Set(view.columns.flatMap((c) => c.cells.flatMap((cell) => cell.appointments.map((a) => a.id)))).size;

  const appointment = (a: CalendarAppointment, dayStart: number) => {
    const cls = span(a.start, a.end, dayStart, view);
    if (!cls) return null;
    const time = `${formatTime(locale, a.start, zone)}–${formatTime(locale, a.end, zone)}`;
    return (
      <a
        class={`cal-appt status-${a.status} ${cls}${a.movable && view.canMove ? ' movable' : ''}`}
        href={`/admin/appointments/${a.id}?${back}`}
        data-id={a.id}
        data-start={a.start}
        data-end={a.end}
      >
        <b>{time}</b> <span>{a.patientName}</span> <span>{a.serviceName}</span> <small>{statusLabel(a.status)}</small>
      </a>
    );
  };

  return (
    <>
      <link rel="stylesheet" href={props.assets.url('calendar.css')} />
      <p>{intro}</p>
      {Object.keys(errors).length ? (
        <div class="banner error" role="alert">
          {Object.values(errors).map((e) => (
            <p>{e}</p>
          ))}
        </div>
      ) : null}
      {view.ownOnly ? <p class="banner info">{view.notLinked ? t('calendar.notLinked') : t('calendar.ownOnly')}</p> : null}
      <form method="get" action="/admin/calendar" class="filters cal-filters" role="search" aria-label={t('calendar.title')}>
        <div class="field">
          <label for="cal-date">{t('calendar.date.label')}</label>
          <input id="cal-date" name="date" type="date" value={q.date} required />
        </div>
        <div class="field">
          <label for="cal-span">{t('calendar.view.label')}</label>
          <select id="cal-span" name="view">
            <option value="day" selected={q.span === 'day'}>
              {t('calendar.view.day')}
            </option>
            <option value="week" selected={q.span === 'week'}>
              {t('calendar.view.week')}
            </option>
          </select>
        </div>
        {view.ownOnly ? null : (
          <>
            <div class="field">
              <label for="cal-kind">{t('calendar.kind.label')}</label>
              <select id="cal-kind" name="kind">
                {kinds.map((k) => (
                  <option value={k} selected={q.kind === k}>
                    {t(`calendar.kind.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            {view.locations.length > 1 ? (
              <div class="field">
                <label for="cal-location">{t('calendar.location.label')}</label>
                <select id="cal-location" name="location">
                  <option value="" selected={q.locationId === undefined}>
                    {t('calendar.location.any')}
                  </option>
                  {view.locations.map((l) => (
                    <option value={String(l.id)} selected={q.locationId === l.id}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </>
        )}
        <div class="actions">
          <button type="submit" class="button-primary">
            {t('calendar.show')}
          </button>
        </div>
      </form>
      <nav class="cal-nav" aria-label={t('calendar.date.label')}>
        <a class="button-secondary" href={links.previous}>
          ← {week ? t('calendar.previousWeek') : t('calendar.previousDay')}
        </a>
        <a class="button-secondary" href={links.today}>
          {t('calendar.today')}
        </a>
        <a class="button-secondary" href={links.next}>
          {week ? t('calendar.nextWeek') : t('calendar.nextDay')} →
        </a>
        <span class="cal-count">{t('calendar.appointments', { n: appointmentCount })}</span>
      </nav>
      <ul class="cal-legend" aria-label={t('calendar.status.legend')}>
        {(['requested', 'confirmed', 'checked_in', 'completed', 'no_show'] as const).map((s) => (
          <li>
            <span class={`cal-swatch status-${s}`} aria-hidden="true" /> {statusLabel(s)}
          </li>
        ))}
        <li>
          <span class="cal-swatch cal-buffer-swatch" aria-hidden="true" /> {t('calendar.buffer')}
        </li>
        <li>
          <span class="cal-swatch cal-closed-swatch" aria-hidden="true" /> {t('calendar.closed')}
        </li>
      </ul>
      {view.canMove ? <p class="hint cal-js-only">{t('calendar.drag.hint')}</p> : null}
      <p id="cal-status" class="cal-status" role="status" aria-live="polite" />
      {view.columns.length === 0 ? (
        view.notLinked ? null : <p>{t('calendar.empty')}</p>
      ) : (
        <div class={`cal${week ? ' cal-week' : ''}`} id="calendar" data-csrf={view.canMove ? csrf : undefined} data-row-minutes={ROW_MINUTES} data-failed={t('calendar.drag.failed', { reason: '{reason}' })} data-saving={t('calendar.drag.saving')}>
          <div class="cal-scroll" tabIndex={0} role="region" aria-label={t('calendar.title')}>
            <div class="cal-head">
              <div class="cal-axis-head">{t('calendar.time')}</div>
              {view.days.map((day) => {
                const holiday = day.holiday
                  ? day.holiday.closedFrom
                    ? t('calendar.holidayFrom', { time: day.holiday.closedFrom, name: day.holiday.name })
                    : t('calendar.holiday', { name: day.holiday.name })
                  : undefined;
                return (
                  <div class={`cal-day-head${holiday ? ' holiday' : ''}`}>
                    {week ? (
                      <div class="cal-head-day">
                        {formatDay(locale, day.start, zone)}
                        {holiday ? <span class="cal-head-holiday">{holiday}</span> : null}
                      </div>
                    ) : null}
                    <div class="cal-day-cols">
                      {view.columns.map((col) => (
                        <div class="cal-col-head">
                          <span class="cal-head-name">{col.name}</span>
                          {!week && col.detail && col.type === 'practitioner' ? <span class="cal-head-detail">{col.detail}</span> : null}
                          {!week && holiday ? <span class="cal-head-holiday">{holiday}</span> : null}
                        </div>
                      ))}
                    </div>
                  </div>
                );
              })}
            </div>
            <div class="cal-body">
              <div class="cal-axis" aria-hidden="true">
                {hours.map((m) => (
                  <span class={`cal-hour rs-${(m - view.minutes.from) / ROW_MINUTES + 1}`}>{`${String(Math.floor(m / 60)).padStart(2, '0')}:00`}</span>
                ))}
                <span class={`cal-end re-${rows + 1}`} />
              </div>
              {view.days.map((day, d) => (
                <div class="cal-day">
                {view.columns.map((col) => {
                  const cell = col.cells[d]!;
                  const visibleStart = day.start + view.minutes.from * 60_000;
                  const showNow = now >= day.start + view.minutes.from * 60_000 && now < day.start + view.minutes.to * 60_000;
                  return (
                    <div
                      class="cal-col"
                      role="group"
                      aria-label={`${col.name}, ${formatDay(locale, day.start, zone)}`}
                      data-resource={col.key}
                      data-date={day.date}
                      data-visible-start={visibleStart}
                    >
                      {cell.working.map((w) => {
                        const cls = span(w.start, w.end, day.start, view);
                        return cls ? <span class={`cal-work ${cls}`} aria-hidden="true" /> : null;
                      })}
                      {cell.closures.map((c) => {
                        const cls = span(c.start, c.end, day.start, view);
                        return cls ? (
                          <span class={`cal-closure ${cls}`}>
                            {t('calendar.closed')}
                            {c.note ? `: ${c.note}` : ''}
                          </span>
                        ) : null;
                      })}
                      {cell.appointments.map((a) => {
                        const before = a.occupiedStart < a.start ? span(a.occupiedStart, a.start, day.start, view) : undefined;
                        const after = a.occupiedEnd > a.end ? span(a.end, a.occupiedEnd, day.start, view) : undefined;
                        return (
                          <>
                            {before ? <span class={`cal-buffer ${before}`} aria-hidden="true" /> : null}
                            {after ? <span class={`cal-buffer ${after}`} aria-hidden="true" /> : null}
                            {a.start < day.end && a.end > day.start ? appointment(a, day.start) : null}
                          </>
                        );
                      })}
                      {showNow ? <span class={`cal-now rs-${row(now, day.start, view)}`} title={t('calendar.now')} aria-hidden="true" /> : null}
                      <span class={`cal-end re-${rows + 1}`} aria-hidden="true" />
                    </div>
                  );
                })}
                </div>
              ))}
            </div>
          </div>
        </div>
      )}
      <div id="cal-panel" class="cal-panel" hidden role="dialog" aria-label={t('calendar.panel.label')}>
        <button type="button" class="button-secondary cal-panel-close">
          {t('calendar.panel.close')}
        </button>
        <div class="cal-panel-body" />
      </div>
      <script src={props.assets.url('calendar.js')} defer />
    </>
  );
}
