// The appointment page's Move form (appointments.manage, requested and confirmed appointments): new date, new start,
// length (resize) and per resource type "choose automatically" or a named resource. A plain form POST; the calendar's
// drag-and-drop does the same through POST /api/v1/appointments/:id/move. When the time is taken, the free times of
// that day come back as buttons after the submit button (Enter in a field still sends the typed time) that send the
// form again with that start.
import type { Translate } from '../../../i18n/index.ts';
import { CsrfField } from '../../../web/views/admin-layout.tsx';

export interface MoveFormView {
  date: string;
  time: string;
  duration: string;
  choices: Array<{ type: string; label: string; selected: string; options: Array<{ key: string; name: string }> }>;
  errors: Record<string, string>;
  /** Free starts (HH:MM, with a readable label) on the chosen day, after a refusal because the time was taken. */
  alternatives?: Array<{ time: string; label: string }> | undefined;
}

function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p class="error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}

export function MoveForm(props: { t: Translate; csrf: string; action: string; back?: string | undefined; move: MoveFormView }) {
  const { t, move } = props;
  const errors = move.errors;
  const described = (name: string) => (errors[name] ? `mv-${name}-error` : undefined);
  return (
    <section aria-labelledby="mv-title" class="fd-move">
      <h3 id="mv-title">{t('calendar.move.title')}</h3>
      <form method="post" action={props.action} novalidate>
        {Object.keys(errors).length ? (
          <div class="banner error" role="alert" id="mv-errors">
            {Object.values(errors).map((e) => (
              <p>{e}</p>
            ))}
          </div>
        ) : null}
        <CsrfField token={props.csrf} />
        {props.back ? <input type="hidden" name="back" value={props.back} /> : null}
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
        </div>
        {/* The resources on a row of their own: wide enough for their names. */}
        <div class="date-time">
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
        {move.alternatives?.length ? (
          <fieldset class="fd-move-alternatives" id="mv-alternatives">
            <legend>{t('calendar.move.alternatives')}</legend>
            <div class="fd-slot-times">
              {move.alternatives.map((a) => (
                <button type="submit" class="button-secondary" name="alternative" value={a.time}>
                  {a.label}
                </button>
              ))}
            </div>
          </fieldset>
        ) : null}
      </form>
    </section>
  );
}
