// One appointment from the calendar: who, what, when, which resources, and the keyboard-friendly Move form
// (also what the calendar's side panel shows; the panel takes #appointment-detail from this page).
import type { Translate } from '../../../i18n/index.ts';
import type { Assets } from '../../../web/assets.ts';
import { CsrfField } from '../../../web/views/admin-layout.tsx';

export interface AppointmentPageProps {
  t: Translate;
  assets: Assets;
  id: number;
  when: string;
  patient: string;
  phone: string;
  phoneHref: string;
  service: string;
  statusLabel: string;
  status: string;
  resources: string[];
  intakeHref?: string | undefined;
  backHref: string;
  back: string;
  move?:
    | {
        csrf: string;
        date: string;
        time: string;
        duration: string;
        choices: Array<{ type: string; label: string; selected: string; options: Array<{ key: string; name: string }> }>;
        errors: Record<string, string>;
      }
    | undefined;
  notMovable?: string | undefined;
}

function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p class="error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}

export function AppointmentPage(props: AppointmentPageProps) {
  const { t, id, move } = props;
  const errors = move?.errors ?? {};
  const described = (name: string) => (errors[name] ? `mv-${name}-error` : undefined);
  return (
    <>
      <link rel="stylesheet" href={props.assets.url('calendar.css')} />
      <section id="appointment-detail" class="appointment-detail" aria-labelledby="appointment-heading">
        <h2 id="appointment-heading">
          {props.patient} · {props.service}
        </h2>
        <dl class="cal-dl">
          <dt>{t('calendar.detail.when')}</dt>
          <dd>{props.when}</dd>
          <dt>{t('calendar.detail.patient')}</dt>
          <dd>{props.patient}</dd>
          <dt>{t('calendar.detail.phone')}</dt>
          <dd>
            <a href={props.phoneHref}>{props.phone}</a>
          </dd>
          <dt>{t('calendar.detail.service')}</dt>
          <dd>{props.service}</dd>
          <dt>{t('calendar.detail.status')}</dt>
          <dd>
            <span class={`badge status-${props.status}`}>{props.statusLabel}</span>
          </dd>
          <dt>{t('calendar.detail.resources')}</dt>
          <dd>{props.resources.join(', ')}</dd>
        </dl>
        <ul class="plain">
          {props.intakeHref ? (
            <li>
              <a href={props.intakeHref}>{t('calendar.detail.intake')}</a>
            </li>
          ) : null}
          <li>
            <a href={`/admin/appointments/${id}`}>{t('calendar.detail.manage')}</a>
          </li>
          <li>
            <a href={props.backHref}>{t('calendar.detail.back')}</a>
          </li>
        </ul>
        {props.notMovable ? <p class="hint">{props.notMovable}</p> : null}
        {move ? (
          <form method="post" action={`/admin/calendar/appointments/${id}/move`} class="cal-move" novalidate>
            <h3>{t('calendar.move.title')}</h3>
            {Object.keys(errors).length ? (
              <div class="banner error" role="alert">
                {Object.values(errors).map((e) => (
                  <p>{e}</p>
                ))}
              </div>
            ) : null}
            <CsrfField token={move.csrf} />
            <input type="hidden" name="back" value={props.back} />
            <div class="date-time">
              <div class={errors.date ? 'field has-error' : 'field'}>
                <label for="mv-date">{t('calendar.move.date')}</label>
                <FieldError id="mv-date" error={errors.date} />
                <input id="mv-date" name="date" type="date" value={move.date} required aria-invalid={errors.date ? 'true' : undefined} aria-describedby={described('date')} />
              </div>
              <div class={errors.start ? 'field has-error' : 'field'}>
                <label for="mv-time">{t('calendar.move.time')}</label>
                <FieldError id="mv-start" error={errors.start} />
                <input id="mv-time" name="time" type="time" step={300} value={move.time} required aria-invalid={errors.start ? 'true' : undefined} aria-describedby={described('start')} />
              </div>
              <div class={errors.end ? 'field has-error' : 'field'}>
                <label for="mv-duration">{t('calendar.move.duration')}</label>
                <p class="hint" id="mv-duration-hint">
                  {t('calendar.move.durationHint')}
                </p>
                <FieldError id="mv-end" error={errors.end} />
                <input
                  id="mv-duration"
                  name="duration"
                  type="number"
                  min={5}
                  max={720}
                  step={5}
                  inputMode="numeric"
                  value={move.duration}
                  aria-invalid={errors.end ? 'true' : undefined}
                  aria-describedby={['mv-duration-hint', described('end')].filter(Boolean).join(' ')}
                />
              </div>
              {move.choices.map((c) => (
                <div class={errors.resources ? 'field has-error' : 'field'}>
                  <label for={`mv-${c.type}`}>{c.label}</label>
                  <select id={`mv-${c.type}`} name={`resource_${c.type}`} aria-describedby={described('resources')}>
                    <option value="" selected={c.selected === ''}>
                      {t('calendar.move.auto')}
                    </option>
                    {c.options.map((o) => (
                      <option value={o.key} selected={o.key === c.selected}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
            <FieldError id="mv-resources" error={errors.resources} />
            <div class="actions">
              <button type="submit" class="button-primary">
                {t('calendar.move.submit')}
              </button>
            </div>
          </form>
        ) : null}
      </section>
    </>
  );
}
