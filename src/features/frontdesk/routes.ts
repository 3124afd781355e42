// Front desk, HTML: one appointment with its lifecycle actions and Move form, booking a caller, the day's list and day sheets, the
// waitlist (back office), and the public page of a waitlist offer. HTTP only: the rules live in service.ts.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { DateTime } from 'luxon';
import { Conflict, Forbidden, Invalid, NotFound, SlotTaken } from '../../errors.ts';
import { locales, translator, type Locale, type Translate } from '../../i18n/index.ts';
import { formValues } from '../../web/forms.ts';
import { renderDocument } from '../../web/render.ts';
import type { PublicContext } from '../../web/views/public-layout.tsx';
import { intakeRows } from '../booking/staff-routes.ts';
import { isCalendarDate } from '../booking/input.ts';
import { addDays, formatLongDate, formatOffset, formatTime, groupByDay, isoInZone, localDate, zoneCity } from '../booking/views/format.ts';
import { telHref } from '../booking/views/parts.tsx';
import { bookingPaths } from '../booking/views/paths.ts';
import { calendarOrigin } from '../calendar/query.ts';
import { calendarKinds } from '../calendar/service.ts';
import { adminLocale, adminT, sendAdmin } from '../staff/admin-page.ts';
import { isCrossSite, refuseMethods, staffRoute } from '../staff/http.ts';
import { can } from '../staff/permissions.ts';
import type { Signed } from '../staff/service.ts';
import { actionPermission, OfferClosed, type AppointmentView, type FrontDeskService } from './service.ts';
import { isLifecycleAction, lifecycleActions } from './transitions.ts';
import { AppointmentPage, type AppointmentPageView, type IntakeSection } from './views/appointment-page.tsx';
import type { MoveFormView } from './views/move-form.tsx';
import { DaySheet, TodayPage, type DayRowView } from './views/day-pages.tsx';
import { NewAppointmentPage, type NewAppointmentValues } from './views/new-appointment.tsx';
import { OfferPage, WaitlistPage, type WaitlistValues } from './views/waitlist-pages.tsx';

/** Where a lifecycle form may send the person back to (no open redirect). */
function safeReturn(value: string | undefined, fallback: string): string {
  return value && /^\/admin\/(today|appointments)(\/\d+)?(\?date=\d{4}-\d{2}-\d{2})?$/.test(value) ? value : fallback;
}

function one(query: unknown, name: string): string {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, 200) : '';
}

function positiveId(raw: string): number | undefined {
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : undefined;
}

const offerSegments: Record<Locale, string> = { tr: '/tr/bekleme-listesi', en: '/en/waitlist' };

export function registerFrontDeskRoutes(app: FastifyInstance, frontdesk: FrontDeskService, config: Config): void {
  const { booking, calendar, settings, content, assets, now } = app.services;
  const zone = () => frontdesk.timeZone;

  const statusLabel = (t: Translate, status: string) => t(`bookingPage.admin.status.${status as 'requested'}`);

  /** The public KVKK notice page the desk reads a caller: a known patient's language, both for a new one. */
  const noticeLinks = (patientLocale: Locale | undefined) =>
    (patientLocale ? [patientLocale] : locales).map((l) => ({ locale: l, label: l === 'tr' ? 'Türkçe' : 'English', href: `${config.baseUrl}${bookingPaths.notice(l)}` }));

  /** Which form field an error of the front desk's input belongs to (`consent.*` is the notice box). */
  const formField = (field: string) => (/^consent\b/.test(field) ? 'kvkkNotice' : field.replace(/^patient\./, ''));

  // ---------- one appointment ----------

  const presentAppointment = (t: Translate, locale: Locale, a: AppointmentView, signed: Signed): AppointmentPageView => {
    const z = zone();
    const when = (at: number) => `${formatLongDate(locale, at, z)}, ${formatTime(locale, at, z)}`;
    const who = (h: AppointmentView['history'][number]) =>
      h.staffName ?? (h.by === 'patient' ? t('frontdesk.history.byPatient') : h.by === 'system' ? t('frontdesk.history.bySystem') : t('frontdesk.history.byClinic'));
    return {
      id: a.id,
      status: a.status,
      statusLabel: statusLabel(t, a.status),
      when: `${formatLongDate(locale, a.start, z)}, ${formatTime(locale, a.start, z)}–${formatTime(locale, a.end, z)}`,
      iso: isoInZone(a.start, z),
      service: a.service.name,
      patient: { name: a.patient.name, phone: a.patient.phone, phoneHref: telHref(a.patient.phone), email: a.patient.email },
      resources: a.resources.map((r) => r.name),
      source: t(`frontdesk.source.${a.source === 'online' || a.source === 'phone' || a.source === 'waitlist' ? a.source : 'other'}`),
      cancellation:
        a.status === 'cancelled'
          ? [a.cancelledBy === 'patient' ? t('frontdesk.cancel.byPatient') : t('frontdesk.cancel.byClinic'), a.cancelReason].filter(Boolean).join(': ')
          : undefined,
      note: a.note,
      history: a.history.map((h) => ({
        at: when(h.at),
        change: h.from ? `${statusLabel(t, h.from)} → ${statusLabel(t, h.to)}` : t('frontdesk.history.created', { status: statusLabel(t, h.to) }),
        who: who(h),
        reason: h.reason,
      })),
      actions: a.actions,
      canEditNote: can(signed.user.role, 'appointments.manage'),
    };
  };

  /** What the Move form shows again after a refused move: what was typed, the messages, free times if it was taken. */
  interface MoveState {
    date: string;
    time: string;
    duration: string;
    chosen: Record<string, string>;
    errors: Record<string, string>;
    alternatives?: Array<{ time: string; label: string }> | undefined;
  }

  const renderAppointment = async (
    request: FastifyRequest,
    reply: FastifyReply,
    signed: Signed,
    id: number,
    extra: { error?: string; status?: number; notice?: string; cancelReason?: string; move?: MoveState; calendarBack?: string | undefined } = {},
  ) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const z = zone();
    const a = await frontdesk.appointment(signed, id);
    let intake: IntakeSection | undefined;
    // The calendar's side panel (client/calendar.ts) shows this page's detail at each click on an appointment: health
    // data only when asked for (a link to the page), so a glance at the calendar neither shows nor audits an intake.
    if (can(signed.user.role, 'clinical.view') && request.headers['x-rehab-panel'] === '1') {
      intake = { deferredHref: `/admin/appointments/${id}` };
    } else if (can(signed.user.role, 'clinical.view')) {
      const found = await booking.intakeFor(signed, id, { ip: request.ip });
      intake = found
        ? { answers: intakeRows(t, found.answers), answeredAt: t('bookingPage.admin.intake.given', { time: `${formatLongDate(locale, found.createdAt, z)}, ${formatTime(locale, found.createdAt, z)}` }) }
        : {};
    }
    const options = can(signed.user.role, 'appointments.manage') ? await calendar.moveOptions(signed, id, locale) : undefined;
    const local = DateTime.fromMillis(a.start, { zone: z });
    const state = extra.move;
    const move: MoveFormView | undefined =
      options?.movable
        ? {
            date: state?.date ?? local.toISODate()!,
            time: state?.time ?? local.toFormat('HH:mm'),
            duration: state?.duration ?? String(Math.round((a.end - a.start) / 60_000)),
            choices: options.choices.map((c) => ({ type: c.type, label: t(`calendar.move.resource.${c.type}`), selected: state?.chosen[c.type] ?? '', options: c.options })),
            errors: state?.errors ?? {},
            alternatives: state?.alternatives,
          }
        : undefined;
    // Where the person came from: the calendar view (its links carry it) or the appointment list of that day.
    const calendarBack = extra.calendarBack ?? (await calendarOrigin(calendar, (request.query ?? {}) as Record<string, unknown>, t, localDate(a.start, z)));
    const links = calendarBack
      ? [{ href: `/admin/calendar?${calendarBack}`, label: `← ${t('calendar.detail.back')}` }]
      : [
          { href: `/admin/appointments?from=${localDate(a.start, z)}`, label: `← ${t('bookingPage.admin.back')}` },
          { href: `/admin/calendar?date=${localDate(a.start, z)}`, label: t('calendar.detail.show') },
        ];
    return sendAdmin(request, reply, {
      title: t('bookingPage.admin.detail.title', { id }),
      active: calendarBack ? '/admin/calendar' : '/admin/appointments',
      status: extra.status ?? 200,
      notice: extra.notice,
      body: AppointmentPage({
        t,
        csrf: signed.session.csrfToken,
        view: presentAppointment(t, locale, a, signed),
        error: extra.error,
        cancelReason: extra.cancelReason,
        intake,
        move,
        notMovable: options && !options.movable ? t('calendar.move.notChangeable', { status: statusLabel(t, a.status) }) : undefined,
        calendarBack,
        links,
      }),
    });
  };

  const done = (request: FastifyRequest) => {
    const key = one(request.query, 'done');
    if (key === 'moved') return adminT(request)('calendar.moved');
    return isLifecycleAction(key) || key === 'created' || key === 'notes' ? adminT(request)(`frontdesk.done.${key}`) : undefined;
  };

  staffRoute(app, 'GET', '/admin/appointments/:id', 'appointments.view', async (request, reply, signed) => {
    const id = positiveId((request.params as { id: string }).id);
    if (id === undefined) throw new NotFound();
    const notice = done(request);
    return renderAppointment(request, reply, signed, id, notice ? { notice } : {});
  });
  refuseMethods(app, '/admin/appointments/:id', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');

  for (const action of lifecycleActions) {
    const url = `/admin/appointments/:id/${action}`;
    staffRoute(app, 'POST', url, actionPermission(action), async (request, reply, signed) => {
      const id = positiveId((request.params as { id: string }).id);
      if (id === undefined) throw new NotFound();
      const values = formValues(request);
      try {
        await frontdesk.changeStatus(signed, id, action, action === 'cancel' ? { ...(values.reason ? { reason: values.reason } : {}), ...(values.by ? { by: values.by } : {}) } : {}, { ip: request.ip });
      } catch (err) {
        if (err instanceof Conflict || err instanceof Invalid) {
          const message = err instanceof Invalid ? Object.values(err.fields).join(' ') : err.message;
          return renderAppointment(request, reply, signed, id, { error: message, status: err instanceof Invalid ? 422 : 409, cancelReason: values.reason ?? '' });
        }
        throw err;
      }
      const back = safeReturn(values.return, `/admin/appointments/${id}`);
      return reply.redirect(back.startsWith('/admin/today') ? `${back}${back.includes('?') ? '&' : '?'}done=${action}#appointment-${id}` : `${back}?done=${action}`, 303);
    });
  }

  staffRoute(app, 'POST', '/admin/appointments/:id/notes', 'appointments.manage', async (request, reply, signed) => {
    const id = positiveId((request.params as { id: string }).id);
    if (id === undefined) throw new NotFound();
    try {
      await frontdesk.saveNote(signed, id, formValues(request).notes ?? '', { ip: request.ip });
    } catch (err) {
      if (err instanceof Invalid) return renderAppointment(request, reply, signed, id, { error: Object.values(err.fields).join(' '), status: 422 });
      throw err;
    }
    return reply.redirect(`/admin/appointments/${id}?done=notes`, 303);
  });

  // The Move form: new date and start, length, resources. The booking service re-checks everything (hours, breaks,
  // holidays, leave, buffers, free resources) and audits the move. Back to the calendar view it came from, if any.
  staffRoute(app, 'POST', '/admin/appointments/:id/move', 'appointments.manage', async (request, reply, signed) => {
    const id = positiveId((request.params as { id: string }).id);
    if (id === undefined) throw new NotFound();
    const t = adminT(request);
    const locale = adminLocale(request);
    const z = zone();
    const v = formValues(request);
    const date = (v.date ?? '').trim();
    const time = (v.alternative ?? v.time ?? '').trim();
    const duration = (v.duration ?? '').trim();
    const chosen: Record<string, string> = {};
    for (const kind of calendarKinds) {
      const key = (v[`resource_${kind}`] ?? '').trim();
      if (key) chosen[kind] = key;
    }
    const backRaw = v.back ?? '';
    const backQuery = /^[\w=&%.-]{0,200}$/.test(backRaw) ? Object.fromEntries(new URLSearchParams(backRaw)) : {};
    const a = await frontdesk.appointment(signed, id);
    const calendarBack = await calendarOrigin(calendar, backQuery, t, localDate(a.start, z));
    const again = (errors: Record<string, string>, status: number, alternatives?: MoveState['alternatives']) =>
      renderAppointment(request, reply, signed, id, { move: { date, time, duration, chosen, errors, alternatives }, status, calendarBack });

    const local = isCalendarDate(date) && /^([01]\d|2[0-3]):[0-5]\d$/.test(time) ? DateTime.fromISO(`${date}T${time}`, { zone: z }) : undefined;
    if (!local?.isValid) return again({ date: t('calendar.move.error.date') }, 422);
    let end: string | undefined;
    if (duration !== '' && duration !== String(Math.round((a.end - a.start) / 60_000))) {
      if (!/^\d{1,3}$/.test(duration)) return again({ end: t('calendar.move.error.end') }, 422);
      end = local.plus({ minutes: Number(duration) }).toISO() ?? undefined;
    }
    try {
      const moved = await booking.moveByStaff(signed, id, { start: local.toISO(), end, resources: Object.values(chosen) }, { ip: request.ip });
      if (!calendarBack) return await reply.redirect(`/admin/appointments/${id}?done=moved`, 303);
      const params = new URLSearchParams(calendarBack);
      params.set('date', localDate(moved.start, z));
      params.set('moved', String(moved.id));
      return await reply.redirect(`/admin/calendar?${params.toString()}`, 303);
    } catch (err) {
      if (err instanceof SlotTaken) {
        // Free starts of that day for this service, the twelve nearest the one asked for (each is re-checked when sent).
        const free = await booking.availability({ service: a.service.key, from: date, to: date }, { locale, onlineOnly: false }).catch((e: unknown) => {
          if (e instanceof Invalid) return { slots: [] };
          throw e;
        });
        const wanted = local.toMillis();
        const nearest = [...free.slots].sort((x, y) => Math.abs(x.start - wanted) - Math.abs(y.start - wanted)).slice(0, 12);
        const alternatives = nearest.sort((x, y) => x.start - y.start).map((s) => ({ time: DateTime.fromMillis(s.start, { zone: z }).toFormat('HH:mm'), label: formatTime(locale, s.start, z) }));
        return again({ start: err.message }, 409, alternatives);
      }
      if (err instanceof Invalid) return again(err.fields, 422);
      if (err instanceof Conflict) return again({ start: err.message }, 409);
      throw err;
    }
  });

  // ---------- phone booking ----------

  const formKeys = () => randomBytes(16).toString('base64url');

  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    signed: Signed,
    state: { q: string; patientId?: number | undefined; service: string; date: string; values?: NewAppointmentValues; errors?: Record<string, string>; general?: string[]; status?: number; alternatives?: ReadonlyArray<{ start: number }> | undefined; formKey?: string },
  ) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const z = zone();
    const services = await frontdesk.services(locale);
    const service = services.some((s) => s.key === state.service) ? state.service : '';
    const date = isCalendarDate(state.date) ? state.date : '';
    const patient = state.patientId ? await frontdesk.patient(signed, state.patientId) : undefined;
    const base = new URLSearchParams();
    if (service) base.set('service', service);
    if (date) base.set('date', date);
    const matches =
      !patient && state.q.trim().length >= 2
        ? (await frontdesk.searchPatients(signed, state.q)).map((m) => {
            const p = new URLSearchParams(base);
            p.set('patient', String(m.id));
            return { id: m.id, name: m.name, phone: m.phone, href: `/admin/appointments/new?${p.toString()}` };
          })
        : undefined;
    let slots: ReadonlyArray<{ start: number }> = [];
    if (state.alternatives) slots = state.alternatives;
    else if (service) slots = date ? (await booking.availability({ service, from: date, to: date }, { locale, onlineOnly: false })).slots : await booking.nextFreeSlots(service, now(), 16);
    const typeLabel = { practitioner: t('frontdesk.resource.practitioner'), device: t('frontdesk.resource.device'), room: t('frontdesk.resource.room') } as Record<string, string>;
    const choices = service ? (await frontdesk.resourceChoices(service, locale)).map((g) => ({ ...g, label: typeLabel[g.type] ?? g.type })) : [];
    const changeParams = new URLSearchParams(base);
    return sendAdmin(request, reply, {
      title: t('frontdesk.new.title'),
      active: '/admin/today',
      status: state.status ?? 200,
      body: NewAppointmentPage({
        t,
        csrf: signed.session.csrfToken,
        q: state.q,
        matches,
        patient: patient && { id: patient.id, name: patient.name, phone: patient.phone, changeHref: `/admin/appointments/new?${changeParams.toString()}` },
        services: services.map((s) => ({ value: s.key, label: t('frontdesk.new.serviceOption', { name: s.name, minutes: s.durationMinutes }) })),
        service,
        date,
        days: groupByDay(locale, slots, z),
        resourceChoices: choices,
        values: state.values ?? { name: '', phone: '', email: '', language: 'tr', start: '', otherTime: '', notes: '', resources: {}, kvkkNotice: false, whatsapp: false },
        errors: state.errors ?? {},
        general: state.general ?? [],
        formKey: state.formKey ?? formKeys(),
        // The caller's language: a known patient's; for a new one both (the language is chosen on the same form).
        noticeLinks: noticeLinks(patient?.locale),
        zoneNote: t('frontdesk.new.zoneNote', { city: zoneCity(locale, z), offset: formatOffset(locale, now(), z) }),
      }),
    });
  };

  staffRoute(app, 'GET', '/admin/appointments/new', 'appointments.manage', async (request, reply, signed) => {
    const q = request.query;
    return renderNew(request, reply, signed, { q: one(q, 'q'), patientId: positiveId(one(q, 'patient')), service: one(q, 'service'), date: one(q, 'date') });
  });

  staffRoute(app, 'POST', '/admin/appointments/new', 'appointments.manage', async (request, reply, signed) => {
    const t = adminT(request);
    const v = formValues(request);
    const z = zone();
    const patientId = positiveId(v.patientId ?? '');
    const values: NewAppointmentValues = {
      name: v.name ?? '',
      phone: v.phone ?? '',
      email: v.email ?? '',
      language: v.language === 'en' ? 'en' : 'tr',
      start: v.start ?? '',
      otherTime: (v.otherTime ?? '').trim(),
      notes: v.notes ?? '',
      resources: { practitioner: v.resource_practitioner ?? '', device: v.resource_device ?? '', room: v.resource_room ?? '' },
      kvkkNotice: v.kvkkNotice === 'yes',
      whatsapp: v.whatsapp === 'yes',
    };
    const service = v.service ?? '';
    const date = v.date ?? '';
    const state = { q: '', patientId, service, date, values, formKey: v.formKey ?? formKeys() };
    const errors: Record<string, string> = {};
    let start = values.start;
    if (values.otherTime) {
      const day = isCalendarDate(date) ? date : values.start.slice(0, 10);
      const parsed = /^([01]\d|2[0-3])[:.]([0-5]\d)$/.exec(values.otherTime);
      const at = parsed && isCalendarDate(day) ? DateTime.fromISO(`${day}T${parsed[1]}:${parsed[2]}`, { zone: z }) : undefined;
      if (!at?.isValid) errors.otherTime = t('frontdesk.error.otherTime');
      else start = at.toISO({ suppressMilliseconds: true }) ?? '';
    }
    if (!start && !errors.otherTime) errors.start = t('frontdesk.error.chooseTime');
    if (Object.keys(errors).length) {
      // Said together with the time's message; otherwise the service checks it along with the patient's fields.
      if (!values.kvkkNotice) errors.kvkkNotice = t('frontdesk.error.kvkkNotice');
      return renderNew(request, reply, signed, { ...state, errors, status: 422 });
    }
    const resources = Object.values(values.resources).filter(Boolean);
    const body = {
      service,
      start,
      ...(patientId ? { patientId } : { patient: { name: values.name, phone: values.phone, email: values.email, locale: values.language } }),
      ...(resources.length ? { resources } : {}),
      ...(values.notes.trim() ? { notes: values.notes } : {}),
      consent: { kvkkNoticeGiven: values.kvkkNotice, whatsapp: values.whatsapp },
    };
    try {
      const result = await frontdesk.bookForCaller(signed, body, { ip: request.ip, idempotencyKey: /^[A-Za-z0-9_-]{22}$/.test(state.formKey) ? state.formKey : undefined });
      return await reply.redirect(`/admin/appointments/${result.id}?done=created`, 303);
    } catch (err) {
      if (err instanceof SlotTaken) {
        return renderNew(request, reply, signed, { ...state, values: { ...values, start: '', otherTime: '' }, general: [t('frontdesk.error.slotTaken')], status: 409, alternatives: err.alternatives, formKey: formKeys() });
      }
      if (err instanceof Invalid) {
        const mapped: Record<string, string> = {};
        for (const [field, message] of Object.entries(err.fields)) mapped[formField(field)] = message;
        return renderNew(request, reply, signed, { ...state, errors: mapped, status: 422, formKey: formKeys() });
      }
      throw err;
    }
  });

  // ---------- the day ----------

  const dayRows = async (signed: Signed, t: Translate, locale: Locale, date: string, practitionerId?: number): Promise<DayRowView[]> => {
    const z = zone();
    const canCheckIn = can(signed.user.role, 'appointments.attend');
    const dayStart = DateTime.fromISO(date, { zone: z }).startOf('day').toMillis();
    return (await frontdesk.day(signed, date, practitionerId)).map((r) => ({
      id: r.id,
      iso: isoInZone(r.start, z),
      time: `${formatTime(locale, r.start, z)}–${formatTime(locale, r.end, z)}`,
      patient: r.patient.name,
      phone: r.patient.phone,
      phoneHref: telHref(r.patient.phone),
      service: r.service,
      practitioners: r.practitioners.join(', '),
      resources: r.resources.join(', '),
      status: r.status,
      statusLabel: statusLabel(t, r.status),
      note: r.note,
      canCheckIn: canCheckIn && (r.status === 'requested' || r.status === 'confirmed') && now() >= dayStart,
    }));
  };

  staffRoute(app, 'GET', '/admin/today', 'appointments.view', async (request, reply, signed) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const z = zone();
    const today = localDate(now(), z);
    const asked = one(request.query, 'date');
    const bad = asked !== '' && !isCalendarDate(asked);
    const date = asked && !bad ? asked : today;
    const notice = done(request);
    const rows = await dayRows(signed, t, locale, date);
    return sendAdmin(request, reply, {
      title: t('frontdesk.today.title'),
      active: '/admin/today',
      status: bad ? 400 : 200,
      notice,
      body: TodayPage({
        t,
        csrf: signed.session.csrfToken,
        date,
        dateLabel: formatLongDate(locale, DateTime.fromISO(date, { zone: z }).set({ hour: 12 }).toMillis(), z),
        error: bad ? t('bookingPage.admin.filter.badDate') : undefined,
        rows,
        practitioners: await frontdesk.practitioners(),
        previousHref: `/admin/today?date=${addDays(date, -1, z)}`,
        nextHref: `/admin/today?date=${addDays(date, 1, z)}`,
        todayHref: date === today ? undefined : '/admin/today',
        canBook: can(signed.user.role, 'appointments.manage'),
      }),
    });
  });

  staffRoute(app, 'GET', '/admin/today/sheet', 'appointments.view', async (request, reply, signed) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const z = zone();
    const asked = one(request.query, 'date');
    const date = isCalendarDate(asked) ? asked : localDate(now(), z);
    const practitioners = await frontdesk.practitioners();
    const id = positiveId(one(request.query, 'practitioner'));
    const practitioner = practitioners.find((p) => p.id === id);
    if (!practitioner) throw new NotFound();
    const rows = await dayRows(signed, t, locale, date, practitioner.id);
    const dateLabel = formatLongDate(locale, DateTime.fromISO(date, { zone: z }).set({ hour: 12 }).toMillis(), z);
    return sendAdmin(request, reply, {
      title: t('frontdesk.sheet.heading', { name: practitioner.name }),
      active: '/admin/today',
      body: DaySheet({ t, practitioner: practitioner.name, dateLabel, rows, printedAt: t('frontdesk.sheet.printed', { time: `${formatLongDate(locale, now(), z)}, ${formatTime(locale, now(), z)}` }), backHref: `/admin/today?date=${date}` }),
    });
  });

  // ---------- waitlist ----------

  const weekdayOptions = (locale: Locale) =>
    [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: DateTime.fromObject({ weekday: d as 1 }, { zone: 'UTC' }).setLocale(locale === 'tr' ? 'tr-TR' : 'en-GB').toFormat('cccc') }));

  const renderWaitlist = async (request: FastifyRequest, reply: FastifyReply, signed: Signed, extra: { values?: WaitlistValues; errors?: Record<string, string>; status?: number; patientId?: number | undefined; q?: string } = {}) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const z = zone();
    const rawStatus = one(request.query, 'status');
    const status = rawStatus === 'waiting' || rawStatus === 'booked' || rawStatus === 'removed' ? rawStatus : '';
    const entries = await frontdesk.waitlist(signed, status || undefined);
    const days = weekdayOptions(locale);
    const services = await frontdesk.services(locale);
    const q = extra.q ?? one(request.query, 'q');
    const patientId = extra.patientId ?? positiveId(one(request.query, 'patient'));
    const patient = patientId ? await frontdesk.patient(signed, patientId) : undefined;
    const matches =
      !patient && q.trim().length >= 2 ? (await frontdesk.searchPatients(signed, q)).map((m) => ({ id: m.id, name: m.name, phone: m.phone, href: `/admin/waitlist?patient=${m.id}` })) : undefined;
    const today = localDate(now(), z);
    return sendAdmin(request, reply, {
      title: t('frontdesk.waitlist.title'),
      active: '/admin/waitlist',
      status: extra.status ?? 200,
      notice: one(request.query, 'done') === 'added' ? t('frontdesk.done.waitlistAdded') : one(request.query, 'done') === 'removed' ? t('frontdesk.done.waitlistRemoved') : undefined,
      body: WaitlistPage({
        t,
        csrf: signed.session.csrfToken,
        canManage: can(signed.user.role, 'appointments.manage'),
        status,
        statuses: (['waiting', 'booked', 'removed'] as const).map((s) => ({ value: s, label: t(`frontdesk.waitlist.status.${s}`) })),
        rows: entries.map((e) => ({
          id: e.id,
          patient: e.patient.name,
          phone: e.patient.phone,
          service: e.service.name,
          wishes: [
            e.weekdays.length ? e.weekdays.map((d) => days[d - 1]?.label ?? String(d)).join(', ') : t('frontdesk.waitlist.anyDay'),
            e.timeRanges.length ? e.timeRanges.join(', ') : t('frontdesk.waitlist.anyTime'),
            t('frontdesk.waitlist.between', { from: e.dateFrom, to: e.dateTo }),
          ].join(' · '),
          notes: e.notes,
          status: e.status,
          statusLabel: t(`frontdesk.waitlist.status.${e.status === 'booked' || e.status === 'removed' ? e.status : 'waiting'}`),
          since: t('frontdesk.waitlist.since', { date: formatLongDate(locale, e.createdAt, z) }),
          offers: e.offers.map((o) => {
            const when = `${formatLongDate(locale, o.start, z)} ${formatTime(locale, o.start, z)}`;
            const state = o.status === 'open' || o.status === 'call' || o.status === 'accepted' || o.status === 'taken' || o.status === 'withdrawn' ? o.status : 'expired';
            // No e-mail and no WhatsApp opt-in: nobody wrote to them; the desk phones them and books by phone.
            if (state === 'call') {
              const book = new URLSearchParams({ patient: String(e.patient.id), service: e.service.key, date: localDate(o.start, z) });
              return {
                label: `${when} — ${t('frontdesk.offerStatus.call', { until: `${formatLongDate(locale, o.expiresAt, z)} ${formatTime(locale, o.expiresAt, z)}` })}`,
                call: { bookHref: `/admin/appointments/new?${book.toString()}`, bookLabel: t('frontdesk.waitlist.bookByPhone', { name: e.patient.name }) },
              };
            }
            return { label: `${when} — ${t(`frontdesk.offerStatus.${state}`)}` };
          }),
          appointmentHref: e.appointmentId ? `/admin/appointments/${e.appointmentId}` : undefined,
        })),
        services: services.map((s) => ({ value: s.key, label: s.name })),
        weekdays: days,
        values: extra.values ?? { patientId: '', name: '', phone: '', email: '', language: 'tr', service: services[0]?.key ?? '', weekdays: [], timeRanges: '', dateFrom: today, dateTo: addDays(today, 30, z), notes: '', kvkkNotice: false, whatsapp: false },
        errors: extra.errors ?? {},
        patient: patient && { id: patient.id, name: patient.name, phone: patient.phone },
        noticeLinks: noticeLinks(patient?.locale),
        q,
        matches,
      }),
    });
  };

  staffRoute(app, 'GET', '/admin/waitlist', 'appointments.view', async (request, reply, signed) => renderWaitlist(request, reply, signed));

  staffRoute(app, 'POST', '/admin/waitlist', 'appointments.manage', async (request, reply, signed) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const v = formValues(request);
    const weekdays = (Array.isArray(body.weekdays) ? body.weekdays : body.weekdays === undefined ? [] : [body.weekdays]).filter((d): d is string => typeof d === 'string').slice(0, 7);
    const values: WaitlistValues = {
      patientId: v.patientId ?? '',
      name: v.name ?? '',
      phone: v.phone ?? '',
      email: v.email ?? '',
      language: v.language === 'en' ? 'en' : 'tr',
      service: v.service ?? '',
      weekdays,
      timeRanges: v.timeRanges ?? '',
      dateFrom: v.dateFrom ?? '',
      dateTo: v.dateTo ?? '',
      notes: v.notes ?? '',
      kvkkNotice: v.kvkkNotice === 'yes',
      whatsapp: v.whatsapp === 'yes',
    };
    const patientId = positiveId(values.patientId);
    const input = {
      service: values.service,
      ...(patientId ? { patientId } : { patient: { name: values.name, phone: values.phone, email: values.email, locale: values.language } }),
      weekdays: weekdays.map(Number).filter((d) => Number.isInteger(d)),
      timeRanges: values.timeRanges
        .split(/[,;\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
      dateFrom: values.dateFrom,
      dateTo: values.dateTo,
      notes: values.notes,
      consent: { kvkkNoticeGiven: values.kvkkNotice, whatsapp: values.whatsapp },
    };
    try {
      await frontdesk.addToWaitlist(signed, input, { ip: request.ip });
    } catch (err) {
      if (err instanceof Invalid) {
        const errors: Record<string, string> = {};
        for (const [field, message] of Object.entries(err.fields)) errors[formField(field).replace(/\.\d+$/, '')] = message;
        return renderWaitlist(request, reply, signed, { values, errors, status: 422, patientId });
      }
      throw err;
    }
    return reply.redirect('/admin/waitlist?done=added', 303);
  });

  staffRoute(app, 'POST', '/admin/waitlist/:id/remove', 'appointments.manage', async (request, reply, signed) => {
    const id = positiveId((request.params as { id: string }).id);
    if (id === undefined) throw new NotFound();
    await frontdesk.removeFromWaitlist(signed, id, { ip: request.ip });
    return reply.redirect('/admin/waitlist?done=removed', 303);
  });

  // ---------- the public offer page ----------

  const publicContext = async (locale: Locale): Promise<PublicContext> => ({
    locale,
    t: translator(locale),
    settings: settings.current,
    assets,
    baseUrl: config.baseUrl,
    nav: (await content.navigation())[locale],
  });

  const privateHeaders = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow').header('content-type', 'text/html; charset=utf-8');

  for (const locale of locales) {
    const pattern = `${offerSegments[locale]}/:token`;
    const render = async (reply: FastifyReply, token: string, status: number, override?: { state: 'taken' | 'expired' | 'withdrawn' | 'accepted'; alternatives?: ReadonlyArray<{ start: number }> }, error?: string) => {
      const offer = await frontdesk.offer(token, locale);
      const [ctx, texts] = await Promise.all([publicContext(locale), booking.currentLegalTexts(locale)]);
      const z = zone();
      const at = (i: number) => `${formatLongDate(locale, i, z)}, ${formatTime(locale, i, z)}`;
      const html = renderDocument(
        OfferPage({
          ctx,
          path: `${offerSegments[locale]}/${token}`,
          alternates: Object.fromEntries(locales.map((l) => [l, `${offerSegments[l]}/${token}`])),
          state: override?.state ?? offer.state,
          service: offer.service.name,
          when: `${at(offer.start)}–${formatTime(locale, offer.end, z)}`,
          until: at(offer.expiresAt),
          alternatives: override?.alternatives?.map((a) => ({ label: at(a.start) })),
          bookHref: bookingPaths.start(locale),
          notice: { version: texts.notice.version, href: bookingPaths.notice(locale) },
          error,
        }),
      );
      return privateHeaders(reply).code(status).send(html);
    };
    app.get<{ Params: { token: string } }>(pattern, async (request, reply) => render(reply, request.params.token, 200));
    app.post<{ Params: { token: string } }>(pattern, async (request, reply) => {
      // Same-origin posts only (this page sends no-referrer, so browsers may say Origin: null; Sec-Fetch-Site decides).
      if (request.headers['sec-fetch-site'] !== 'same-origin' && isCrossSite(request, config)) throw new Forbidden('cross-site request refused');
      const token = request.params.token;
      const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
      try {
        // The notice this page showed (its language, the version the form sends back) is recorded with the booking.
        await frontdesk.acceptOffer(token, { locale, version: body.noticeVersion }, { ip: request.ip });
      } catch (err) {
        if (err instanceof SlotTaken) return render(reply, token, 409, { state: 'taken', alternatives: err.alternatives });
        if (err instanceof OfferClosed) return render(reply, token, 409, { state: err.state === 'open' ? 'taken' : err.state });
        // The notice changed meanwhile (or the form came without its version): the current one, and book again.
        if (err instanceof Invalid && err.fields.noticeVersion) return render(reply, token, 422, undefined, err.fields.noticeVersion);
        if (err instanceof Invalid) return render(reply, token, 409, { state: 'taken' });
        throw err;
      }
      return reply.redirect(`${offerSegments[locale]}/${token}`, 303);
    });
  }
}

