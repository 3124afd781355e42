// Back office: the one page of an appointment — who, what, when, with which resources — its lifecycle actions as plain
// form posts (no JavaScript needed), the Move form (appointments.manage), staff-only notes, the status history, and
// (clinical.view only) the intake answers. The calendar's side panel shows #appointment-detail of this page.
import type { Translate } from '../../../i18n/index.ts';
import { CsrfField } from '../../../web/views/admin-layout.tsx';
import type { LifecycleAction } from '../transitions.ts';
import { MoveForm, type MoveFormView } from './move-form.tsx';
import { HintedTextArea, StaffNotesField } from './notice-consent.tsx';

export interface AppointmentPageView {
  id: number;
  status: string;
  statusLabel: string;
  when: string;
  iso: string;
  service: string;
  patient: { name: string; phone: string; phoneHref: string; email: string | null };
  resources: string[];
  source: string;
  cancellation?: string | undefined;
  note: string;
  history: Array<{ at: string; change: string; who: string; reason: string | null }>;
  actions: LifecycleAction[];
  canEditNote: boolean;
}

export interface IntakeSection {
  answers?: Array<{ label: string; value: string }> | undefined;
  answeredAt?: string | undefined;
  /** The calendar's side panel: the answers are not read (nor their view audited) until asked for on the page. */
  deferredHref?: string | undefined;
}

export interface AppointmentPageProps {
  t: Translate;
  csrf: string;
  view: AppointmentPageView;
  error?: string | undefined;
  cancelReason?: string | undefined;
  intake?: IntakeSection | undefined;
  /** The Move form, for appointments.manage while the status allows a move. */
  move?: MoveFormView | undefined;
  /** Why there is no Move form (appointments.manage only: the status no longer allows one). */
  notMovable?: string | undefined;
  /** The calendar view the person came from (query string), carried by the Move form so a move returns there. */
  calendarBack?: string | undefined;
  /** Page links below the appointment: back to where the person came from, and the calendar. */
  links: Array<{ href: string; label: string }>;
}

const buttonClass: Record<LifecycleAction, string> = {
  confirm: 'button-primary',
  'check-in': 'button-primary',
  complete: 'button-primary',
  'no-show': 'button-secondary',
  cancel: 'button-danger',
};

export function AppointmentPage(props: AppointmentPageProps) {
  const { t, csrf, view, error, intake, move } = props;
  const base = `/admin/appointments/${view.id}`;
  const simple = view.actions.filter((a) => a !== 'cancel');
  return (
    <>
      {error ? (
        <div class="banner error" role="alert" id="fd-error">
          <p>{error}</p>
        </div>
      ) : null}
      <section id="appointment-detail" class="appointment-detail" aria-labelledby="appointment-heading">
        <h2 id="appointment-heading">
          {view.patient.name} · {view.service}
        </h2>
        <dl class="details fd-facts">
          <dt>{t('bookingPage.admin.col.status')}</dt>
          <dd>
            <span class={`badge status-${view.status}`} id="fd-status" data-status={view.status}>
              {view.statusLabel}
            </span>
          </dd>
          <dt>{t('bookingPage.admin.col.when')}</dt>
          <dd>
            <time datetime={view.iso}>{view.when}</time>
          </dd>
          <dt>{t('bookingPage.admin.col.patient')}</dt>
          <dd>{view.patient.name}</dd>
          <dt>{t('bookingPage.admin.col.phone')}</dt>
          <dd>
            <a href={view.patient.phoneHref}>{view.patient.phone}</a>
          </dd>
          {view.patient.email ? (
            <>
              <dt>{t('frontdesk.field.email')}</dt>
              <dd>{view.patient.email}</dd>
            </>
          ) : null}
          <dt>{t('bookingPage.admin.col.service')}</dt>
          <dd>{view.service}</dd>
          <dt>{t('frontdesk.detail.resources')}</dt>
          <dd>{view.resources.join(', ') || '—'}</dd>
          <dt>{t('frontdesk.detail.source')}</dt>
          <dd>{view.source}</dd>
          {view.cancellation ? (
            <>
              <dt>{t('frontdesk.detail.cancellation')}</dt>
              <dd>{view.cancellation}</dd>
            </>
          ) : null}
        </dl>

        {view.actions.length ? (
          <section aria-labelledby="fd-actions-title" class="fd-actions">
            <h3 id="fd-actions-title">{t('frontdesk.detail.actions')}</h3>
            {simple.length ? (
              <div class="actions">
                {simple.map((action) => (
                  <form method="post" action={`${base}/${action}`} class="inline">
                    <CsrfField token={csrf} />
                    <button type="submit" class={buttonClass[action]} data-action={action}>
                      {t(`frontdesk.action.${action}`)}
                    </button>
                  </form>
                ))}
              </div>
            ) : null}
            {view.actions.includes('cancel') ? (
              <form method="post" action={`${base}/cancel`} class="fd-cancel">
                <CsrfField token={csrf} />
                <fieldset>
                  <legend>{t('frontdesk.cancel.legend')}</legend>
                  <HintedTextArea name="reason" label={t('frontdesk.cancel.reason')} hint={t('frontdesk.cancel.reasonHint')} value={props.cancelReason ?? ''} maxLength={500} rows={2} />
                  <fieldset class="fd-inline-choices">
                    <legend>{t('frontdesk.cancel.by')}</legend>
                    <label>
                      <input type="radio" name="by" value="clinic" checked /> {t('frontdesk.cancel.byClinic')}
                    </label>
                    <label>
                      <input type="radio" name="by" value="patient" /> {t('frontdesk.cancel.byPatient')}
                    </label>
                  </fieldset>
                  <button type="submit" class="button-danger" data-action="cancel">
                    {t('frontdesk.action.cancel')}
                  </button>
                </fieldset>
              </form>
            ) : null}
          </section>
        ) : null}

        {move ? <MoveForm t={t} csrf={csrf} action={`${base}/move`} back={props.calendarBack} move={move} /> : null}
        {props.notMovable ? <p class="hint">{props.notMovable}</p> : null}

        <section aria-labelledby="fd-notes-title">
          <h3 id="fd-notes-title">{t('frontdesk.notes.title')}</h3>
          {view.canEditNote ? (
            <form method="post" action={`${base}/notes`}>
              <CsrfField token={csrf} />
              <StaffNotesField t={t} value={view.note} />
              <button type="submit" class="button-secondary">
                {t('frontdesk.notes.save')}
              </button>
            </form>
          ) : (
            <p class="fd-note">{view.note || '—'}</p>
          )}
        </section>

        <section aria-labelledby="fd-history-title">
          <h3 id="fd-history-title">{t('frontdesk.history.title')}</h3>
          {view.history.length ? (
            // Scrolls sideways on a phone: focusable so the keyboard can scroll it too.
            <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="fd-history-title">
              <table class="fd-history">
                <thead>
                  <tr>
                    <th scope="col">{t('frontdesk.history.at')}</th>
                    <th scope="col">{t('frontdesk.history.change')}</th>
                    <th scope="col">{t('frontdesk.history.who')}</th>
                    <th scope="col">{t('frontdesk.cancel.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.history.map((h) => (
                    <tr>
                      <td>{h.at}</td>
                      <td>{h.change}</td>
                      <td>{h.who}</td>
                      <td class="note">{h.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('frontdesk.history.none')}</p>
          )}
        </section>

        {intake ? (
          <section aria-labelledby="intake-title">
            <h3 id="intake-title">{t('bookingPage.admin.intake.title')}</h3>
            <p class="banner warning">{t('bookingPage.admin.intake.audited')}</p>
            {intake.deferredHref ? (
              <p>
                <a href={`${intake.deferredHref}#intake-title`}>{t('bookingPage.admin.intake.show')}</a>
              </p>
            ) : intake.answers ? (
              <>
                <dl class="details intake">
                  {intake.answers.map((row) => (
                    <>
                      <dt>{row.label}</dt>
                      <dd>{row.value}</dd>
                    </>
                  ))}
                </dl>
                {intake.answeredAt ? <p class="hint">{intake.answeredAt}</p> : null}
              </>
            ) : (
              <p>{t('bookingPage.admin.intake.none')}</p>
            )}
          </section>
        ) : null}
      </section>
      <ul class="plain fd-page-links">
        {props.links.map((l) => (
          <li>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
    </>
  );
}
