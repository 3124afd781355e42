// Resource set-up views: the overview of practitioners, devices and rooms; one resource's details, weekly hours and
// exceptions; the services' booking rules; the clinic's holidays and closures.
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { formatDateTime, type Locale, type MessageKey, type Translate } from '../../../i18n/index.ts';
import type { FieldMessages, FormValues } from '../../../web/forms.ts';
import { CsrfField, ErrorSummary } from '../../../web/views/admin-layout.tsx';
import { SelectField, type Option } from '../../staff/views/staff-views.tsx';
import {
  BUFFER_MAX,
  MAX_EXCEPTION_DAYS,
  NAME_MAX,
  NOTE_MAX,
  serviceRuleBounds,
  type ClinicHoliday,
  type Device,
  type Practitioner,
  type ResourceException,
  type ResourceType,
  type Room,
  type ServiceSetup,
} from '../service.ts';

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export interface FormState {
  values: FormValues;
  errors: FieldMessages;
}

const BASE = '/admin/resources';
const intlTag: Record<Locale, string> = { tr: 'tr-TR', en: 'en-GB' };

// ---------- labels ----------

const qualificationLabels: Record<string, MessageKey> = {
  physician: 'resources.qual.physician',
  physiotherapist: 'resources.qual.physiotherapist',
  gait_robot: 'resources.qual.gait_robot',
  arm_robot: 'resources.qual.arm_robot',
};

const kindLabels: Record<string, MessageKey> = {
  gait_robot: 'resources.kind.gait_robot',
  arm_robot: 'resources.kind.arm_robot',
  tilt_table: 'resources.kind.tilt_table',
  electrotherapy: 'resources.kind.electrotherapy',
  gait_room: 'resources.kind.gait_room',
  robotics_room: 'resources.kind.robotics_room',
  treatment_room: 'resources.kind.treatment_room',
  exam_room: 'resources.kind.exam_room',
};

const typeLabels: Record<ResourceType, MessageKey> = {
  practitioner: 'resources.type.practitioner',
  device: 'resources.type.device',
  room: 'resources.type.room',
};

function labelOf(t: Translate, labels: Record<string, MessageKey>, code: string): string {
  return Object.hasOwn(labels, code) ? t(labels[code]!) : code;
}

export function qualificationLabel(t: Translate, code: string): string {
  return labelOf(t, qualificationLabels, code);
}

export function kindLabel(t: Translate, code: string): string {
  return labelOf(t, kindLabels, code);
}

/** A local date (YYYY-MM-DD) with its weekday, e.g. "Monday, 7 December 2026". */
function longDate(locale: Locale, date: string): string {
  return new Intl.DateTimeFormat(intlTag[locale], { dateStyle: 'full', timeZone: 'UTC' }).format(Date.parse(`${date}T00:00:00Z`));
}

// ---------- form parts ----------

function fieldId(name: string, suffix?: string): string {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}${suffix ? `-${suffix}` : ''}`;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
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
    </>
  );
}

/** A labelled input (text, number, date, time) with hint and error wired for screen readers. */
function Input(props: {
  name: string;
  label: string;
  state: FormState;
  type?: 'text' | 'number' | 'date' | 'time';
  hint?: string | undefined;
  required?: boolean;
  maxLength?: number;
  min?: number | string;
  max?: number | string;
  step?: number;
  idSuffix?: string;
  lang?: string;
}) {
  const { name, label, state, type = 'text', hint, required, maxLength, min, max, step, idSuffix, lang } = props;
  const id = fieldId(name, idSuffix);
  const error = state.errors[name];
  // One attribute object: preact types each input type separately, and this component serves four.
  const inputAttrs = {
    id,
    name,
    type,
    value: state.values[name] ?? '',
    required,
    maxLength,
    min,
    max,
    step,
    lang,
    inputMode: type === 'number' ? 'numeric' : undefined,
    autoComplete: 'off',
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy(id, hint, error),
  } as InputHTMLAttributes<HTMLInputElement>;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <input {...inputAttrs} />
    </div>
  );
}

function Checkbox({ name, label, state, hint }: { name: string; label: string; state: FormState; hint?: string }) {
  const id = fieldId(name);
  return (
    <div class="field checkbox">
      <label for={id}>
        <input id={id} type="checkbox" name={name} value="1" checked={state.values[name] === '1'} aria-describedby={hint ? `${id}-hint` : undefined} /> {label}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function ActiveBadge({ t, active }: { t: Translate; active: boolean }) {
  return <span class={active ? 'badge' : 'badge inactive'}>{active ? t('resources.active') : t('resources.inactive')}</span>;
}

function bufferHint(t: Translate): string {
  return t('resources.bufferHint', { max: BUFFER_MAX });
}

// ---------- overview ----------

export function ResourceOverview(props: { t: Translate; locale: Locale; practitioners: Practitioner[]; devices: Device[]; rooms: Room[] }) {
  const { t, practitioners, devices, rooms } = props;
  return (
    <>
      <p>{t('resources.intro')}</p>
      <ul class="actions resources-links">
        <li>
          <a class="button-secondary" href={`${BASE}/services`}>
            {t('resources.services.title')}
          </a>
        </li>
        <li>
          <a class="button-secondary" href={`${BASE}/holidays`}>
            {t('resources.holidays.title')}
          </a>
        </li>
      </ul>

      <section aria-labelledby="practitioners-h">
        <h2 id="practitioners-h">{t('resources.practitioners')}</h2>
        <div class="table-wrap">
          <table id="practitioners">
            <thead>
              <tr>
                <th scope="col">{t('resources.field.name')}</th>
                <th scope="col">{t('resources.field.titles')}</th>
                <th scope="col">{t('resources.field.qualifications')}</th>
                <th scope="col">{t('resources.field.status')}</th>
              </tr>
            </thead>
            <tbody>
              {practitioners.map((p) => (
                <tr>
                  <th scope="row">
                    <a href={`${BASE}/practitioner/${p.id}`}>{p.name}</a>
                  </th>
                  <td>
                    <span lang="tr">{p.titleTr}</span>
                    <br />
                    <span lang="en">{p.titleEn}</span>
                  </td>
                  <td>{p.qualifications.length ? p.qualifications.map((q) => qualificationLabel(t, q)).join(', ') : '—'}</td>
                  <td>
                    <ActiveBadge t={t} active={p.active} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="devices-h">
        <h2 id="devices-h">{t('resources.devices')}</h2>
        <div class="table-wrap">
          <table id="devices">
            <thead>
              <tr>
                <th scope="col">{t('resources.field.nameTr')}</th>
                <th scope="col">{t('resources.field.nameEn')}</th>
                <th scope="col">{t('resources.field.kind')}</th>
                <th scope="col">{t('resources.field.setupMinutes')}</th>
                <th scope="col">{t('resources.field.cleanupMinutes')}</th>
                <th scope="col">{t('resources.field.status')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.map((d) => (
                <tr>
                  <th scope="row" lang="tr">
                    <a href={`${BASE}/device/${d.id}`}>{d.nameTr}</a>
                  </th>
                  <td lang="en">{d.nameEn}</td>
                  <td>{kindLabel(t, d.kind)}</td>
                  <td>{t('resources.minutes', { n: d.setupMinutes })}</td>
                  <td>{t('resources.minutes', { n: d.cleanupMinutes })}</td>
                  <td>
                    <ActiveBadge t={t} active={d.active} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="rooms-h">
        <h2 id="rooms-h">{t('resources.rooms')}</h2>
        <div class="table-wrap">
          <table id="rooms">
            <thead>
              <tr>
                <th scope="col">{t('resources.field.nameTr')}</th>
                <th scope="col">{t('resources.field.nameEn')}</th>
                <th scope="col">{t('resources.field.kind')}</th>
                <th scope="col">{t('resources.field.bufferBeforeMinutes')}</th>
                <th scope="col">{t('resources.field.bufferAfterMinutes')}</th>
                <th scope="col">{t('resources.field.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rooms.map((r) => (
                <tr>
                  <th scope="row" lang="tr">
                    <a href={`${BASE}/room/${r.id}`}>{r.nameTr}</a>
                  </th>
                  <td lang="en">{r.nameEn}</td>
                  <td>{kindLabel(t, r.kind)}</td>
                  <td>{t('resources.minutes', { n: r.bufferBeforeMinutes })}</td>
                  <td>{t('resources.minutes', { n: r.bufferAfterMinutes })}</td>
                  <td>
                    <ActiveBadge t={t} active={r.active} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

// ---------- one resource: details ----------

function DetailsSection({ t, children, errors }: { t: Translate; children: ComponentChildren; errors: FieldMessages }) {
  return (
    <section aria-labelledby="details-h">
      <h2 id="details-h">{t('resources.detailsTitle')}</h2>
      <ErrorSummary t={t} errors={errors} />
      {children}
    </section>
  );
}

function SaveButton({ t }: { t: Translate }) {
  return (
    <button type="submit" class="button-primary">
      {t('form.save')}
    </button>
  );
}

export function PractitionerDetailsForm(props: { t: Translate; csrf: string; id: number; choices: readonly string[]; state: FormState }) {
  const { t, csrf, id, choices, state } = props;
  const qualError = state.errors.qualifications;
  return (
    <DetailsSection t={t} errors={state.errors}>
      <form method="post" action={`${BASE}/practitioner/${id}`} class="stack narrow" novalidate>
        <CsrfField token={csrf} />
        <Input name="name" label={t('resources.field.name')} state={state} required maxLength={NAME_MAX} />
        <Input name="titleTr" label={t('resources.field.titleTr')} state={state} required maxLength={NAME_MAX} lang="tr" />
        <Input name="titleEn" label={t('resources.field.titleEn')} state={state} required maxLength={NAME_MAX} lang="en" />
        <fieldset class={qualError ? 'has-error' : undefined} aria-describedby="qualifications-hint">
          <legend>{t('resources.field.qualifications')}</legend>
          <p class="hint" id="qualifications-hint">
            {t('resources.qualificationsHint')}
          </p>
          {qualError ? <p class="error">{qualError}</p> : null}
          {choices.map((q) => (
            <Checkbox name={`qual.${q}`} label={qualificationLabel(t, q)} state={state} />
          ))}
        </fieldset>
        <Checkbox name="active" label={t('resources.field.active')} state={state} hint={t('resources.activeHint')} />
        <SaveButton t={t} />
      </form>
    </DetailsSection>
  );
}

function kindOptions(t: Translate, kinds: readonly string[], current: string | undefined): Option[] {
  const options = kinds.map((k) => ({ value: k, label: kindLabel(t, k) }));
  if (current && !kinds.includes(current)) options.push({ value: current, label: current });
  return options;
}

export function DeviceDetailsForm(props: { t: Translate; csrf: string; id: number; kinds: readonly string[]; state: FormState }) {
  const { t, csrf, id, kinds, state } = props;
  return (
    <DetailsSection t={t} errors={state.errors}>
      <form method="post" action={`${BASE}/device/${id}`} class="stack narrow" novalidate>
        <CsrfField token={csrf} />
        <Input name="nameTr" label={t('resources.field.nameTr')} state={state} required maxLength={NAME_MAX} lang="tr" />
        <Input name="nameEn" label={t('resources.field.nameEn')} state={state} required maxLength={NAME_MAX} lang="en" />
        <SelectField name="kind" label={t('resources.field.kind')} value={state.values.kind} options={kindOptions(t, kinds, state.values.kind)} error={state.errors.kind} hint={t('resources.kindHint')} required />
        <Input name="setupMinutes" label={t('resources.field.setupMinutes')} type="number" state={state} min={0} max={BUFFER_MAX} step={5} hint={bufferHint(t)} required />
        <Input name="cleanupMinutes" label={t('resources.field.cleanupMinutes')} type="number" state={state} min={0} max={BUFFER_MAX} step={5} hint={bufferHint(t)} required />
        <Checkbox name="active" label={t('resources.field.active')} state={state} hint={t('resources.activeHint')} />
        <SaveButton t={t} />
      </form>
    </DetailsSection>
  );
}

export function RoomDetailsForm(props: { t: Translate; csrf: string; id: number; kinds: readonly string[]; state: FormState }) {
  const { t, csrf, id, kinds, state } = props;
  return (
    <DetailsSection t={t} errors={state.errors}>
      <form method="post" action={`${BASE}/room/${id}`} class="stack narrow" novalidate>
        <CsrfField token={csrf} />
        <Input name="nameTr" label={t('resources.field.nameTr')} state={state} required maxLength={NAME_MAX} lang="tr" />
        <Input name="nameEn" label={t('resources.field.nameEn')} state={state} required maxLength={NAME_MAX} lang="en" />
        <SelectField name="kind" label={t('resources.field.kind')} value={state.values.kind} options={kindOptions(t, kinds, state.values.kind)} error={state.errors.kind} hint={t('resources.kindHint')} required />
        <Input name="bufferBeforeMinutes" label={t('resources.field.bufferBeforeMinutes')} type="number" state={state} min={0} max={BUFFER_MAX} step={5} hint={bufferHint(t)} required />
        <Input name="bufferAfterMinutes" label={t('resources.field.bufferAfterMinutes')} type="number" state={state} min={0} max={BUFFER_MAX} step={5} hint={bufferHint(t)} required />
        <Checkbox name="active" label={t('resources.field.active')} state={state} hint={t('resources.activeHint')} />
        <SaveButton t={t} />
      </form>
    </DetailsSection>
  );
}

// ---------- one resource: weekly hours and exceptions ----------

export interface ResourceScheduleProps {
  t: Translate;
  locale: Locale;
  csrf: string;
  type: ResourceType;
  id: number;
  details: ComponentChildren;
  timeZone: string;
  hours: FormState;
  exceptions: ResourceException[];
  exceptionForm: FormState;
}

export function ResourceSchedule(props: ResourceScheduleProps) {
  const { t, locale, csrf, type, id, details, timeZone, hours, exceptions, exceptionForm } = props;
  const url = `${BASE}/${type}/${id}`;
  const zone = timeZone.replaceAll('_', ' ');
  return (
    <>
      <p>
        <span class="badge">{t(typeLabels[type])}</span> <a href={BASE}>{t('resources.backToList')}</a>
      </p>
      {details}

      <section aria-labelledby="hours-h">
        <h2 id="hours-h">{t('resources.hoursTitle')}</h2>
        <ErrorSummary t={t} errors={hours.errors} />
        <form method="post" action={`${url}/hours`} class="stack narrow" novalidate>
          <CsrfField token={csrf} />
          <p class="hint" id="hours-hint">
            {t('resources.hoursHint', { zone })}
          </p>
          {weekdays.map((day) => (
            <Input name={`hours.${day}`} label={t(`weekday.${day}`)} state={hours} maxLength={200} />
          ))}
          <SaveButton t={t} />
        </form>
      </section>

      <section aria-labelledby="exceptions-h">
        <h2 id="exceptions-h">{t('resources.exceptionsTitle')}</h2>
        <p class="hint">{t('resources.exceptionsHint', { zone })}</p>
        {exceptions.length === 0 ? (
          <p id="no-exceptions">{t('resources.noExceptions')}</p>
        ) : (
          <div class="table-wrap">
            <table id="exceptions">
              <thead>
                <tr>
                  <th scope="col">{t('resources.field.exceptionKind')}</th>
                  <th scope="col">{t('resources.field.from')}</th>
                  <th scope="col">{t('resources.field.to')}</th>
                  <th scope="col">{t('resources.field.note')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('resources.delete')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {exceptions.map((e) => (
                  <tr>
                    <td>{e.kind === 'open' ? t('resources.exception.open') : t('resources.exception.closed')}</td>
                    <td>{formatDateTime(locale, e.start, timeZone)}</td>
                    <td>{formatDateTime(locale, e.end, timeZone)}</td>
                    <td class="note">{e.note || '—'}</td>
                    <td>
                      <form method="post" action={`${url}/exceptions/delete`} class="inline">
                        <CsrfField token={csrf} />
                        <input type="hidden" name="exceptionId" value={String(e.id)} />
                        <button type="submit" class="button-danger">
                          {t('resources.delete')}
                          <span class="visually-hidden"> {formatDateTime(locale, e.start, timeZone)}</span>
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h3 id="exception-add-h">{t('resources.exceptionAddTitle')}</h3>
        <ErrorSummary t={t} errors={exceptionForm.errors} />
        <form method="post" action={`${url}/exceptions`} class="stack narrow" aria-labelledby="exception-add-h" novalidate>
          <CsrfField token={csrf} />
          <SelectField
            name="exceptionKind"
            label={t('resources.field.exceptionKind')}
            value={exceptionForm.values.exceptionKind}
            error={exceptionForm.errors.exceptionKind}
            options={[
              { value: 'closed', label: type === 'practitioner' ? t('resources.exception.closedLeave') : t('resources.exception.closedMaintenance') },
              { value: 'open', label: t('resources.exception.openExtra') },
            ]}
            required
          />
          <div class="date-time">
            <Input name="fromDate" label={t('resources.field.fromDate')} type="date" state={exceptionForm} required />
            <Input name="fromTime" label={t('resources.field.fromTime')} type="time" state={exceptionForm} hint={t('resources.fromTimeHint')} />
          </div>
          <div class="date-time">
            <Input name="toDate" label={t('resources.field.toDate')} type="date" state={exceptionForm} required />
            <Input name="toTime" label={t('resources.field.toTime')} type="time" state={exceptionForm} hint={t('resources.toTimeHint')} />
          </div>
          <p class="hint">{t('resources.exceptionLimit', { days: MAX_EXCEPTION_DAYS })}</p>
          <Input name="note" label={t('resources.field.note')} state={exceptionForm} maxLength={NOTE_MAX} hint={t('resources.noteHint', { max: NOTE_MAX })} />
          <button type="submit" class="button-primary">
            {t('resources.exceptionAdd')}
          </button>
        </form>
      </section>
    </>
  );
}

// ---------- services ----------

export function ServicesPage(props: { t: Translate; csrf: string; services: Array<ServiceSetup & { state: FormState }> }) {
  const { t, csrf, services } = props;
  const b = serviceRuleBounds;
  return (
    <>
      <p>{t('resources.services.intro')}</p>
      <p>
        <a href={BASE}>{t('resources.backToList')}</a>
      </p>
      {services.map((s) => {
        const suffix = String(s.id);
        const state = s.state;
        return (
          <section id={`service-${s.id}`} class="service-rules" aria-labelledby={`service-${s.id}-h`}>
            <h2 id={`service-${s.id}-h`}>
              {s.name} {s.active ? null : <ActiveBadge t={t} active={false} />}
            </h2>
            <p class="hint">
              {t('resources.services.requirements')}{' '}
              {s.requirements.length
                ? s.requirements.map((r) => `${Object.hasOwn(typeLabels, r.type) ? t(typeLabels[r.type as ResourceType]) : r.type}: ${r.type === 'practitioner' ? qualificationLabel(t, r.qualification) : kindLabel(t, r.qualification)}`).join(' + ')
                : '—'}
            </p>
            <ErrorSummary t={t} errors={state.errors} />
            <form method="post" action={`${BASE}/services/${s.id}`} class="rules-grid" novalidate>
              <CsrfField token={csrf} />
              <Input name="durationMinutes" idSuffix={suffix} label={t('resources.field.durationMinutes')} type="number" state={state} {...b.durationMinutes} hint={t('resources.hint.duration', b.durationMinutes)} required />
              <Input name="stepMinutes" idSuffix={suffix} label={t('resources.field.stepMinutes')} type="number" state={state} {...b.stepMinutes} hint={t('resources.hint.step', b.stepMinutes)} required />
              <Input name="minNoticeMinutes" idSuffix={suffix} label={t('resources.field.minNoticeMinutes')} type="number" state={state} {...b.minNoticeMinutes} hint={t('resources.hint.notice', b.minNoticeMinutes)} required />
              <Input name="horizonDays" idSuffix={suffix} label={t('resources.field.horizonDays')} type="number" state={state} {...b.horizonDays} hint={t('resources.hint.horizon', b.horizonDays)} required />
              <Input name="reminderHours" idSuffix={suffix} label={t('notifications.rules.reminderHours')} type="number" state={state} min={0} max={168} step={1} hint={t('notifications.rules.reminderHint')} required />
              <SelectField
                name="onlineBooking"
                idSuffix={suffix}
                label={t('resources.field.onlineBooking')}
                value={state.values.onlineBooking}
                error={state.errors.onlineBooking}
                options={[
                  { value: '1', label: t('resources.yes') },
                  { value: '0', label: t('resources.no') },
                ]}
                required
              />
              <SelectField
                name="initialStatus"
                idSuffix={suffix}
                label={t('resources.field.initialStatus')}
                value={state.values.initialStatus}
                error={state.errors.initialStatus}
                options={[
                  { value: 'requested', label: t('resources.status.requested') },
                  { value: 'confirmed', label: t('resources.status.confirmed') },
                ]}
                required
              />
              <div class="rules-submit">
                <SaveButton t={t} />
              </div>
            </form>
          </section>
        );
      })}
    </>
  );
}

// ---------- holidays ----------

export function HolidaysPage(props: { t: Translate; locale: Locale; csrf: string; holidays: ClinicHoliday[]; today: string; form: FormState }) {
  const { t, locale, csrf, holidays, today, form } = props;
  return (
    <>
      <p>{t('resources.holidays.intro')}</p>
      <p>
        <a href={BASE}>{t('resources.backToList')}</a>
      </p>
      {holidays.length === 0 ? (
        <p>{t('resources.holidays.none')}</p>
      ) : (
        <div class="table-wrap">
          <table id="holidays">
            <thead>
              <tr>
                <th scope="col">{t('resources.field.date')}</th>
                <th scope="col">{t('resources.field.nameTr')}</th>
                <th scope="col">{t('resources.field.nameEn')}</th>
                <th scope="col">{t('resources.field.closedFrom')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('resources.delete')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {holidays.map((h) => (
                <tr data-date={h.date}>
                  <th scope="row">
                    <time dateTime={h.date}>{longDate(locale, h.date)}</time>
                  </th>
                  <td lang="tr">{h.nameTr}</td>
                  <td lang="en">{h.nameEn}</td>
                  <td>{h.closedFrom ? t('resources.holidays.fromTime', { time: h.closedFrom }) : t('resources.holidays.wholeDay')}</td>
                  <td>
                    <form method="post" action={`${BASE}/holidays/delete`} class="inline">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="date" value={h.date} />
                      <button type="submit" class="button-danger">
                        {t('resources.delete')}
                        <span class="visually-hidden"> {longDate(locale, h.date)}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="holiday-add-h">
        <h2 id="holiday-add-h">{t('resources.holidays.addTitle')}</h2>
        <ErrorSummary t={t} errors={form.errors} />
        <form method="post" action={`${BASE}/holidays`} class="stack narrow" novalidate>
          <CsrfField token={csrf} />
          <Input name="date" label={t('resources.field.date')} type="date" state={form} min={today} required />
          <Input name="nameTr" label={t('resources.field.nameTr')} state={form} maxLength={NAME_MAX} required lang="tr" />
          <Input name="nameEn" label={t('resources.field.nameEn')} state={form} maxLength={NAME_MAX} required lang="en" />
          <Input name="closedFrom" label={t('resources.field.closedFrom')} type="time" state={form} hint={t('resources.holidays.closedFromHint')} />
          <button type="submit" class="button-primary">
            {t('resources.holidays.add')}
          </button>
        </form>
      </section>
    </>
  );
}
