// HTTP for the resource set-up screens (admins): practitioners, devices and rooms with their weekly hours and
// exceptions, the booking rules of each service, and the clinic's holidays and closures.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Invalid, NotFound } from '../../errors.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { formValues, type FieldMessages, type FormValues } from '../../web/forms.ts';
import { dayText, parseDayText, type DailyInterval } from '../settings/weekly-hours.ts';
import { adminLocale, adminT, sendAdmin } from '../staff/admin-page.ts';
import { requestMeta, staffRoute } from '../staff/http.ts';
import type { Signed } from '../staff/service.ts';
import {
  BUFFER_MAX,
  MAX_EXCEPTION_DAYS,
  MAX_INTERVALS_PER_DAY,
  NAME_MAX,
  NOTE_MAX,
  ResourceService,
  exceptionKinds,
  initialStatuses,
  isRealDate,
  isTime,
  localInstant,
  reminderHoursBounds,
  resourceTypes,
  serviceRuleBounds,
  startOfNextDay,
  type Device,
  type ExceptionKind,
  type InitialStatus,
  type Practitioner,
  type ResourceType,
  type Room,
  type ServiceRuleField,
  type ServiceRules,
} from './service.ts';
import {
  DeviceDetailsForm,
  HolidaysPage,
  PractitionerDetailsForm,
  ResourceOverview,
  ResourceSchedule,
  RoomDetailsForm,
  ServicesPage,
  weekdays,
  type FormState,
} from './views/resource-views.tsx';

const BASE = '/admin/resources';
const MAX_DAY_TEXT = 200;
const MAX_ID = 2_147_483_647;
// Control characters and bidirectional overrides have no place in names and notes (they can disguise what is shown).
const UNSAFE_CHARS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const MINUTES = /^\d{1,6}$/;

const notices = {
  saved: 'resources.notice.saved',
  hours: 'resources.notice.hoursSaved',
  unchanged: 'resources.notice.unchanged',
  exceptionAdded: 'resources.notice.exceptionAdded',
  exceptionDeleted: 'resources.notice.exceptionDeleted',
  holidayAdded: 'resources.notice.holidayAdded',
  holidayDeleted: 'resources.notice.holidayDeleted',
} as const satisfies Record<string, MessageKey>;
type Notice = keyof typeof notices;

function noticeFrom(request: FastifyRequest, t: Translate): string | undefined {
  const key = (request.query as Record<string, unknown> | undefined)?.notice;
  return typeof key === 'string' && Object.hasOwn(notices, key) ? t(notices[key as Notice]) : undefined;
}

/** A database id from the URL or a form; anything else (letters, zero, too big) is simply "not found". */
function parseId(raw: unknown): number {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw)) throw new NotFound();
  const id = Number(raw);
  if (id > MAX_ID) throw new NotFound();
  return id;
}

function paramId(request: FastifyRequest): number {
  return parseId((request.params as { id?: unknown } | undefined)?.id);
}

// ---------- field parsing: each returns the value or puts a localized message into `errors` ----------

function text(form: FormValues, name: string, errors: FieldMessages, t: Translate, opts: { max: number; required: boolean }): string {
  const value = (form[name] ?? '').normalize('NFC').trim();
  if (value === '') {
    if (opts.required) errors[name] = t('form.required');
  } else if (value.length > opts.max) errors[name] = t('form.tooLong', { max: opts.max });
  else if (UNSAFE_CHARS.test(value)) errors[name] = t('form.invalid');
  return value;
}

function wholeNumber(form: FormValues, name: string, errors: FieldMessages, message: string, check: (n: number) => boolean): number {
  const raw = (form[name] ?? '').trim();
  const n = MINUTES.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || !check(n)) errors[name] = message;
  return n;
}

function buffer(form: FormValues, name: string, errors: FieldMessages, t: Translate): number {
  return wholeNumber(form, name, errors, t('resources.error.buffer', { max: BUFFER_MAX }), (n) => n >= 0 && n <= BUFFER_MAX && n % 5 === 0);
}

function choice<T extends string>(form: FormValues, name: string, options: readonly T[], errors: FieldMessages, t: Translate): T {
  const value = form[name] ?? '';
  if (!(options as readonly string[]).includes(value)) errors[name] = t('form.invalidChoice');
  return value as T;
}

/** Field codes from the service (a second line of defence) in the person's language. */
function serviceMessages(t: Translate, err: Invalid): FieldMessages {
  const out: FieldMessages = {};
  for (const [key, code] of Object.entries(err.fields)) {
    // The service names the exception's end "to"; the form has a date and a time for it.
    const field = key === 'to' ? 'toDate' : key;
    if (code === 'taken') out[field] = t('resources.error.holidayTaken');
    else if (code === 'past') out[field] = field === 'date' ? t('resources.error.holidayPast') : t('resources.error.exceptionPast');
    else if (code === 'order') out[field] = t('resources.error.order');
    else if (code === 'tooLong') out[field] = field === 'note' ? t('form.tooLong', { max: NOTE_MAX }) : t('resources.error.tooLongRange');
    else if (code === 'unknown') out[field] = t('form.invalidChoice');
    else out[field] = t('form.invalid');
  }
  return out;
}

// ---------- the forms' text for stored values ----------

function practitionerForm(p: Practitioner): FormValues {
  const values: FormValues = { name: p.name, titleTr: p.titleTr, titleEn: p.titleEn, active: p.active ? '1' : '' };
  for (const q of p.qualifications) values[`qual.${q}`] = '1';
  return values;
}

function deviceForm(d: Device): FormValues {
  return { nameTr: d.nameTr, nameEn: d.nameEn, kind: d.kind, setupMinutes: String(d.setupMinutes), cleanupMinutes: String(d.cleanupMinutes), active: d.active ? '1' : '' };
}

function roomForm(r: Room): FormValues {
  return {
    nameTr: r.nameTr,
    nameEn: r.nameEn,
    kind: r.kind,
    bufferBeforeMinutes: String(r.bufferBeforeMinutes),
    bufferAfterMinutes: String(r.bufferAfterMinutes),
    active: r.active ? '1' : '',
  };
}

export function hoursForm(hours: readonly DailyInterval[]): FormValues {
  const values: FormValues = {};
  for (const day of weekdays) values[`hours.${day}`] = dayText([...hours], day).replaceAll('–', '-');
  return values;
}

function rulesForm(rules: ServiceRules): FormValues {
  return {
    durationMinutes: String(rules.durationMinutes),
    stepMinutes: String(rules.stepMinutes),
    minNoticeMinutes: String(rules.minNoticeMinutes),
    horizonDays: String(rules.horizonDays),
    onlineBooking: rules.onlineBooking ? '1' : '0',
    initialStatus: rules.initialStatus,
    reminderHours: String(rules.reminderHours ?? 24),
  };
}

/** Only the fields a form has, as submitted (missing ones empty): what is shown back after a refusal. */
function pick(form: FormValues, names: readonly string[]): FormValues {
  const out: FormValues = {};
  for (const name of names) out[name] = (form[name] ?? '').replace(/\r\n?/g, '\n');
  return out;
}

const exceptionFields = ['exceptionKind', 'fromDate', 'fromTime', 'toDate', 'toTime', 'note'] as const;
const hourFields = weekdays.map((day) => `hours.${day}`);
const ruleFields = ['durationMinutes', 'stepMinutes', 'minNoticeMinutes', 'horizonDays', 'onlineBooking', 'initialStatus', 'reminderHours'] as const;
const holidayFields = ['date', 'nameTr', 'nameEn', 'closedFrom'] as const;

const ruleMessages: Record<ServiceRuleField, MessageKey> = {
  durationMinutes: 'resources.error.duration',
  stepMinutes: 'resources.error.step',
  minNoticeMinutes: 'resources.error.notice',
  horizonDays: 'resources.error.horizon',
};

interface EditState {
  details?: FormState;
  hours?: FormState;
  exception?: FormState;
  status?: number;
}

export function registerResourceRoutes(app: FastifyInstance): void {
  const { database, settings, now } = app.services;
  const resources = new ResourceService({ db: database.db, settings, now });

  // ---------- overview ----------

  staffRoute(app, 'GET', BASE, 'resources.manage', async (request, reply) => {
    const t = adminT(request);
    const overview = await resources.overview();
    return sendAdmin(request, reply, {
      title: t('resources.title'),
      active: BASE,
      notice: noticeFrom(request, t),
      body: ResourceOverview({ t, locale: adminLocale(request), ...overview }),
    });
  });

  // ---------- one resource: details, weekly hours, exceptions ----------

  const editPage = async (request: FastifyRequest, reply: FastifyReply, signed: Signed, type: ResourceType, id: number, state: EditState = {}) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const csrf = signed.session.csrfToken;
    let title: string;
    let details;
    if (type === 'practitioner') {
      const p = await resources.practitioner(id);
      title = p.name;
      details = PractitionerDetailsForm({ t, csrf, id, choices: await resources.qualificationChoices(), state: state.details ?? { values: practitionerForm(p), errors: {} } });
    } else if (type === 'device') {
      const d = await resources.device(id);
      title = locale === 'tr' ? d.nameTr : d.nameEn;
      details = DeviceDetailsForm({ t, csrf, id, kinds: await resources.kindChoices('device'), state: state.details ?? { values: deviceForm(d), errors: {} } });
    } else {
      const r = await resources.room(id);
      title = locale === 'tr' ? r.nameTr : r.nameEn;
      details = RoomDetailsForm({ t, csrf, id, kinds: await resources.kindChoices('room'), state: state.details ?? { values: roomForm(r), errors: {} } });
    }
    const [hours, exceptions] = await Promise.all([resources.weeklyHours(type, id), resources.upcomingExceptions(type, id)]);
    return sendAdmin(request, reply, {
      title,
      active: BASE,
      status: state.status ?? 200,
      notice: state.status ? undefined : noticeFrom(request, t),
      body: ResourceSchedule({
        t,
        locale,
        csrf,
        type,
        id,
        details,
        timeZone: resources.timeZone,
        hours: state.hours ?? { values: hoursForm(hours), errors: {} },
        exceptions,
        exceptionForm: state.exception ?? { values: { exceptionKind: 'closed' }, errors: {} },
      }),
    });
  };

  for (const type of resourceTypes) {
    const url = `${BASE}/${type}/:id`;
    const done = (reply: FastifyReply, id: number, notice: Notice) => reply.redirect(`${BASE}/${type}/${id}?notice=${notice}`, 303);

    staffRoute(app, 'GET', url, 'resources.manage', (request, reply, signed) => editPage(request, reply, signed, type, paramId(request)));

    staffRoute(app, 'POST', url, 'resources.manage', async (request, reply, signed) => {
      const t = adminT(request);
      const id = paramId(request);
      await resources.requireResource(type, id);
      const form = formValues(request);
      const errors: FieldMessages = {};
      const active = form.active === '1';
      let names: string[];
      let save: () => Promise<boolean>;
      const meta = requestMeta(request);
      if (type === 'practitioner') {
        const choices = await resources.qualificationChoices();
        names = ['name', 'titleTr', 'titleEn', 'active', ...choices.map((q) => `qual.${q}`)];
        const input = {
          name: text(form, 'name', errors, t, { max: NAME_MAX, required: true }),
          titleTr: text(form, 'titleTr', errors, t, { max: NAME_MAX, required: true }),
          titleEn: text(form, 'titleEn', errors, t, { max: NAME_MAX, required: true }),
          qualifications: choices.filter((q) => form[`qual.${q}`] === '1'),
          active,
        };
        save = () => resources.updatePractitioner(signed, id, input, meta);
      } else {
        const kinds = await resources.kindChoices(type);
        const common = {
          nameTr: text(form, 'nameTr', errors, t, { max: NAME_MAX, required: true }),
          nameEn: text(form, 'nameEn', errors, t, { max: NAME_MAX, required: true }),
          kind: choice(form, 'kind', kinds, errors, t),
          active,
        };
        if (type === 'device') {
          names = ['nameTr', 'nameEn', 'kind', 'setupMinutes', 'cleanupMinutes', 'active'];
          const input = { ...common, setupMinutes: buffer(form, 'setupMinutes', errors, t), cleanupMinutes: buffer(form, 'cleanupMinutes', errors, t) };
          save = () => resources.updateDevice(signed, id, input, meta);
        } else {
          names = ['nameTr', 'nameEn', 'kind', 'bufferBeforeMinutes', 'bufferAfterMinutes', 'active'];
          const input = { ...common, bufferBeforeMinutes: buffer(form, 'bufferBeforeMinutes', errors, t), bufferAfterMinutes: buffer(form, 'bufferAfterMinutes', errors, t) };
          save = () => resources.updateRoom(signed, id, input, meta);
        }
      }
      const refuse = (errs: FieldMessages) => editPage(request, reply, signed, type, id, { status: 422, details: { values: pick(form, names), errors: errs } });
      if (Object.keys(errors).length) return refuse(errors);
      let changed: boolean;
      try {
        changed = await save();
      } catch (err) {
        if (err instanceof Invalid) return refuse(serviceMessages(t, err));
        throw err;
      }
      return done(reply, id, changed ? 'saved' : 'unchanged');
    });

    staffRoute(app, 'POST', `${url}/hours`, 'resources.manage', async (request, reply, signed) => {
      const t = adminT(request);
      const id = paramId(request);
      await resources.requireResource(type, id);
      const form = formValues(request);
      const errors: FieldMessages = {};
      const hours: DailyInterval[] = [];
      for (const day of weekdays) {
        const name = `hours.${day}`;
        const value = form[name];
        // A missing field is not "closed": only a form that names every day may replace the week.
        if (value === undefined) errors[name] = t('resources.error.hoursMissing');
        else if (value.length > MAX_DAY_TEXT) errors[name] = t('form.tooLong', { max: MAX_DAY_TEXT });
        else {
          const parsed = parseDayText(day, value);
          if (!parsed.ok || parsed.intervals.length > MAX_INTERVALS_PER_DAY) errors[name] = t('resources.error.hours', { max: MAX_INTERVALS_PER_DAY });
          else hours.push(...parsed.intervals);
        }
      }
      const refuse = (errs: FieldMessages) => editPage(request, reply, signed, type, id, { status: 422, hours: { values: pick(form, hourFields), errors: errs } });
      if (Object.keys(errors).length) return refuse(errors);
      let changed: boolean;
      try {
        changed = await resources.setWeeklyHours(signed, type, id, hours, requestMeta(request));
      } catch (err) {
        if (err instanceof Invalid) return refuse(serviceMessages(t, err));
        throw err;
      }
      return done(reply, id, changed ? 'hours' : 'unchanged');
    });

    staffRoute(app, 'POST', `${url}/exceptions`, 'resources.manage', async (request, reply, signed) => {
      const t = adminT(request);
      const id = paramId(request);
      await resources.requireResource(type, id);
      const form = formValues(request);
      const errors: FieldMessages = {};
      const zone = resources.timeZone;
      const kind = choice<ExceptionKind>(form, 'exceptionKind', exceptionKinds, errors, t);
      const fromDate = (form.fromDate ?? '').trim();
      const toDate = (form.toDate ?? '').trim();
      // Browsers may send seconds ("09:00:00"); an empty time means the start of the first day / the end of the last.
      const fromTime = (form.fromTime ?? '').trim().replace(/^(\d\d:\d\d):00$/, '$1');
      const toTime = (form.toTime ?? '').trim().replace(/^(\d\d:\d\d):00$/, '$1');
      if (fromDate === '') errors.fromDate = t('form.required');
      else if (!isRealDate(fromDate)) errors.fromDate = t('resources.error.date');
      if (toDate === '') errors.toDate = t('form.required');
      else if (!isRealDate(toDate)) errors.toDate = t('resources.error.date');
      if (fromTime !== '' && !isTime(fromTime)) errors.fromTime = t('resources.error.time');
      if (toTime !== '' && !isTime(toTime)) errors.toTime = t('resources.error.time');
      const note = text(form, 'note', errors, t, { max: NOTE_MAX, required: false });
      const start = errors.fromDate || errors.fromTime ? undefined : localInstant(fromDate, fromTime || '00:00', zone);
      const end = errors.toDate || errors.toTime ? undefined : toTime ? localInstant(toDate, toTime, zone) : startOfNextDay(toDate, zone);
      if (start === undefined && !errors.fromDate && !errors.fromTime) errors.fromTime = t('resources.error.time');
      if (end === undefined && !errors.toDate && !errors.toTime) errors.toTime = t('resources.error.time');
      const refuse = (errs: FieldMessages) => editPage(request, reply, signed, type, id, { status: 422, exception: { values: pick(form, exceptionFields), errors: errs } });
      if (Object.keys(errors).length || start === undefined || end === undefined) return refuse(errors);
      if (end <= start) return refuse({ toDate: t('resources.error.order') });
      if (end - start > MAX_EXCEPTION_DAYS * 86_400_000) return refuse({ toDate: t('resources.error.tooLongRange') });
      if (end <= resources.now()) return refuse({ toDate: t('resources.error.exceptionPast') });
      try {
        await resources.addException(signed, type, id, { kind, start, end, note }, requestMeta(request));
      } catch (err) {
        if (err instanceof Invalid) return refuse(serviceMessages(t, err));
        throw err;
      }
      return done(reply, id, 'exceptionAdded');
    });

    staffRoute(app, 'POST', `${url}/exceptions/delete`, 'resources.manage', async (request, reply, signed) => {
      const id = paramId(request);
      const exceptionId = parseId(formValues(request).exceptionId);
      await resources.deleteException(signed, type, id, exceptionId, requestMeta(request));
      return done(reply, id, 'exceptionDeleted');
    });
  }

  // ---------- services: booking rules ----------

  const servicesUrl = `${BASE}/services`;

  const servicesPage = async (request: FastifyRequest, reply: FastifyReply, signed: Signed, refused?: { id: number; state: FormState }) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const list = await resources.services(locale);
    return sendAdmin(request, reply, {
      title: t('resources.services.title'),
      active: BASE,
      status: refused ? 422 : 200,
      notice: refused ? undefined : noticeFrom(request, t),
      body: ServicesPage({
        t,
        csrf: signed.session.csrfToken,
        services: list.map((s) => ({ ...s, state: refused?.id === s.id ? refused.state : { values: rulesForm(s), errors: {} } })),
      }),
    });
  };

  staffRoute(app, 'GET', servicesUrl, 'resources.manage', (request, reply, signed) => servicesPage(request, reply, signed));

  staffRoute(app, 'POST', `${servicesUrl}/:id`, 'resources.manage', async (request, reply, signed) => {
    const t = adminT(request);
    const id = paramId(request);
    if (!(await resources.services(adminLocale(request))).some((s) => s.id === id)) throw new NotFound();
    const form = formValues(request);
    const errors: FieldMessages = {};
    const number = (field: ServiceRuleField) => {
      const { min, max, step } = serviceRuleBounds[field];
      return wholeNumber(form, field, errors, t(ruleMessages[field], { min, max }), (n) => n >= min && n <= max && n % step === 0);
    };
    const rules: ServiceRules = {
      durationMinutes: number('durationMinutes'),
      stepMinutes: number('stepMinutes'),
      minNoticeMinutes: number('minNoticeMinutes'),
      horizonDays: number('horizonDays'),
      onlineBooking: choice(form, 'onlineBooking', ['0', '1'], errors, t) === '1',
      initialStatus: choice<InitialStatus>(form, 'initialStatus', initialStatuses, errors, t),
    };
    // Reminder lead time (notifications): a form without the field leaves it as it is.
    if (form.reminderHours !== undefined) {
      const { min, max } = reminderHoursBounds;
      rules.reminderHours = wholeNumber(form, 'reminderHours', errors, t('notifications.rules.reminderError', { min, max }), (n) => n >= min && n <= max);
    }
    const refuse = (errs: FieldMessages) => servicesPage(request, reply, signed, { id, state: { values: pick(form, ruleFields), errors: errs } });
    if (Object.keys(errors).length) return refuse(errors);
    let changed: boolean;
    try {
      changed = await resources.updateServiceRules(signed, id, rules, requestMeta(request));
    } catch (err) {
      if (err instanceof Invalid) return refuse(serviceMessages(t, err));
      throw err;
    }
    return reply.redirect(`${servicesUrl}?notice=${changed ? 'saved' : 'unchanged'}#service-${id}`, 303);
  });

  // ---------- holidays and closures ----------

  const holidaysUrl = `${BASE}/holidays`;

  const holidaysPage = async (request: FastifyRequest, reply: FastifyReply, signed: Signed, refused?: FormState) => {
    const t = adminT(request);
    return sendAdmin(request, reply, {
      title: t('resources.holidays.title'),
      active: BASE,
      status: refused ? 422 : 200,
      notice: refused ? undefined : noticeFrom(request, t),
      body: HolidaysPage({
        t,
        locale: adminLocale(request),
        csrf: signed.session.csrfToken,
        holidays: await resources.upcomingHolidays(),
        today: resources.today(),
        form: refused ?? { values: {}, errors: {} },
      }),
    });
  };

  staffRoute(app, 'GET', holidaysUrl, 'resources.manage', (request, reply, signed) => holidaysPage(request, reply, signed));

  staffRoute(app, 'POST', holidaysUrl, 'resources.manage', async (request, reply, signed) => {
    const t = adminT(request);
    const form = formValues(request);
    const errors: FieldMessages = {};
    const date = (form.date ?? '').trim();
    if (date === '') errors.date = t('form.required');
    else if (!isRealDate(date)) errors.date = t('resources.error.date');
    else if (date < resources.today()) errors.date = t('resources.error.holidayPast');
    const nameTr = text(form, 'nameTr', errors, t, { max: NAME_MAX, required: true });
    const nameEn = text(form, 'nameEn', errors, t, { max: NAME_MAX, required: true });
    const closedFrom = (form.closedFrom ?? '').trim().replace(/^(\d\d:\d\d):00$/, '$1');
    if (closedFrom !== '' && !isTime(closedFrom)) errors.closedFrom = t('resources.error.time');
    const refuse = (errs: FieldMessages) => holidaysPage(request, reply, signed, { values: pick(form, holidayFields), errors: errs });
    if (Object.keys(errors).length) return refuse(errors);
    try {
      await resources.addHoliday(signed, { date, nameTr, nameEn, closedFrom: closedFrom || null }, requestMeta(request));
    } catch (err) {
      if (err instanceof Invalid) return refuse(serviceMessages(t, err));
      throw err;
    }
    return reply.redirect(`${holidaysUrl}?notice=holidayAdded`, 303);
  });

  staffRoute(app, 'POST', `${holidaysUrl}/delete`, 'resources.manage', async (request, reply, signed) => {
    await resources.deleteHoliday(signed, (formValues(request).date ?? '').trim(), requestMeta(request));
    return reply.redirect(`${holidaysUrl}?notice=holidayDeleted`, 303);
  });
}
