// Back office: the calendar (/admin/calendar), an appointment with its Move form, the move itself (form POST and
// POST /api/v1/appointments/:id/move) and the device utilization report. HTTP only: rules live in the services.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { Conflict, Invalid, NotFound, SlotTaken } from '../../errors.ts';
import { formatNumber, type Translate } from '../../i18n/index.ts';
import { sendProblem } from '../../web/error-handler.ts';
import { jsonBody, jsonResponse, problemResponse } from '../../web/openapi.ts';
import { appointmentStatuses, toIsoInZone, type StaffMoveResult } from '../booking/service.ts';
import { formatLongDate, formatOffset, formatTime, zoneCity } from '../booking/views/format.ts';
import { h } from 'preact';
import { renderDocument } from '../../web/render.ts';
import { AdminPage } from '../../web/views/admin-layout.tsx';
import { adminLocale, adminT, sendAdmin, shellContext, type AdminView } from '../staff/admin-page.ts';
import { refuseMethods, staffRoute } from '../staff/http.ts';
import { can } from '../staff/permissions.ts';
import type { Signed } from '../staff/service.ts';
import { calendarKinds, calendarSpans, MAX_REPORT_DAYS, mondayOf, type CalendarKind, type CalendarQuery, type CalendarSpan } from './service.ts';
import { AppointmentPage } from './views/appointment-page.tsx';
import { CalendarPage } from './views/calendar-page.tsx';
import { UtilizationPage } from './views/utilization-page.tsx';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function isDate(value: string): boolean {
  return DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

function shift(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
}

function text(query: Record<string, unknown>, name: string): string | null | undefined {
  const v = query[name];
  if (v === undefined || v === '') return undefined;
  return typeof v === 'string' ? v : null;
}

function calendarQueryString(q: CalendarQuery, date = q.date): string {
  const params = new URLSearchParams({ date, view: q.span, kind: q.kind });
  if (q.locationId !== undefined) params.set('location', String(q.locationId));
  return params.toString();
}

const moveBody = z
  .object({
    start: z.string().max(40).describe('New start, ISO 8601 with offset'),
    end: z.string().max(40).optional().describe('New end (resize); omit to keep the length'),
    resources: z.array(z.string().max(40)).max(6).optional().describe('Resource keys to use, e.g. ["device:1"]; other requirements are chosen automatically'),
  })
  .strict();
const moveResponse = z.object({
  id: z.number().int(),
  status: z.enum(appointmentStatuses),
  start: z.string(),
  end: z.string(),
  resources: z.array(z.string()),
});

/**
 * sendAdmin(), but the page goes out as one Buffer: a large rendered page is a deeply nested string, and encoding it
 * once here costs a fraction of what measuring and then writing the string costs (twice over the whole rope).
 */
function sendLargeAdmin(request: FastifyRequest, reply: FastifyReply, view: AdminView): FastifyReply {
  const html = renderDocument(h(AdminPage, { ctx: shellContext(request), title: view.title, active: view.active, notice: view.notice, children: view.body }));
  return reply
    .code(view.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(Buffer.from(html, 'utf8'));
}

export function registerCalendarRoutes(app: FastifyInstance): void {
  const { calendar, booking } = app.services;
  const statusLabel = (t: Translate) => (status: string) => ((appointmentStatuses as readonly string[]).includes(status) ? t(`bookingPage.admin.status.${status as 'requested'}`) : status);

  /** Calendar query from the URL, with a message per bad parameter (the view falls back to the default). */
  const parseCalendarQuery = async (query: Record<string, unknown>, t: Translate) => {
    const errors: Record<string, string> = {};
    const q: CalendarQuery = { date: calendar.today(), span: 'day', kind: 'practitioner' };
    const date = text(query, 'date');
    if (date !== undefined) {
      if (date !== null && isDate(date)) q.date = date;
      else errors.date = t('calendar.badDate');
    }
    const span = text(query, 'view');
    if (span !== undefined) {
      if (span !== null && (calendarSpans as readonly string[]).includes(span)) q.span = span as CalendarSpan;
      else errors.view = t('calendar.badChoice');
    }
    const kind = text(query, 'kind');
    if (kind !== undefined) {
      if (kind !== null && (calendarKinds as readonly string[]).includes(kind)) q.kind = kind as CalendarKind;
      else errors.kind = t('calendar.badChoice');
    }
    const location = text(query, 'location');
    if (location !== undefined) {
      const ids = new Set((await calendar.locations()).map((l) => String(l.id)));
      if (location !== null && ids.has(location)) q.locationId = Number(location);
      else errors.location = t('calendar.badChoice');
    }
    return { q, errors };
  };

  staffRoute(app, 'GET', '/admin/calendar', 'appointments.view', async (request, reply, signed) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const { q, errors } = await parseCalendarQuery((request.query ?? {}) as Record<string, unknown>, t);
    const view = await calendar.view(signed, q, locale);
    const step = view.query.span === 'week' ? 7 : 1;
    const base = view.query.span === 'week' ? mondayOf(view.query.date) : view.query.date;
    const movedId = text((request.query ?? {}) as Record<string, unknown>, 'moved');
    return sendLargeAdmin(request, reply, {
      title: t('calendar.title'),
      active: '/admin/calendar',
      status: Object.keys(errors).length ? 400 : 200,
      notice: movedId && /^\d{1,10}$/.test(movedId) ? t('calendar.moved') : undefined,
      body: CalendarPage({
        t,
        locale,
        assets: app.services.assets,
        view,
        intro: t('calendar.intro', { city: zoneCity(locale, view.timeZone), offset: formatOffset(locale, calendar.now(), view.timeZone) }),
        now: calendar.now(),
        csrf: signed.session.csrfToken,
        errors,
        links: {
          previous: `/admin/calendar?${calendarQueryString(view.query, shift(base, -step))}`,
          next: `/admin/calendar?${calendarQueryString(view.query, shift(base, step))}`,
          today: `/admin/calendar?${calendarQueryString(view.query, calendar.today())}`,
        },
        back: calendarQueryString(view.query),
        statusLabel: statusLabel(t),
      }),
    });
  });

  const appointmentId = (request: FastifyRequest): number => {
    const raw = (request.params as { id: string }).id;
    if (!/^[1-9]\d{0,9}$/.test(raw)) throw new NotFound();
    return Number(raw);
  };

  const renderAppointment = async (
    request: FastifyRequest,
    reply: FastifyReply,
    signed: Signed,
    id: number,
    form?: { date: string; time: string; duration: string; chosen: Record<string, string>; errors: Record<string, string>; status: number },
  ) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const zone = calendar.timeZone;
    const found = await calendar.appointment(signed, id, locale);
    if (!found) throw new NotFound();
    const back = (await parseCalendarQuery((request.query ?? (request.body as Record<string, unknown>)) as Record<string, unknown>, t)).q;
    back.date = text((request.query ?? {}) as Record<string, unknown>, 'date') ? back.date : DateTime.fromMillis(found.start, { zone }).toISODate()!;
    const label = statusLabel(t)(found.status);
    const canMove = can(signed.user.role, 'appointments.manage');
    const local = DateTime.fromMillis(found.start, { zone });
    return sendAdmin(request, reply, {
      title: t('calendar.detail.title', { id }),
      active: '/admin/calendar',
      status: form?.status ?? 200,
      body: AppointmentPage({
        t,
        assets: app.services.assets,
        id,
        when: `${formatLongDate(locale, found.start, zone)}, ${formatTime(locale, found.start, zone)}–${formatTime(locale, found.end, zone)}`,
        patient: found.patientName,
        phone: found.patientPhone,
        phoneHref: `tel:${found.patientPhone.replace(/[^\d+]/g, '')}`,
        service: found.serviceName,
        status: found.status,
        statusLabel: label,
        resources: found.resources.map((r) => r.name),
        intakeHref: can(signed.user.role, 'clinical.view') ? `/admin/appointments/${id}?date=${local.toISODate()!}` : undefined,
        backHref: `/admin/calendar?${calendarQueryString(back)}`,
        back: calendarQueryString(back),
        notMovable: canMove && !found.movable ? t('calendar.move.notChangeable', { status: label }) : undefined,
        move:
          canMove && found.movable
            ? {
                csrf: signed.session.csrfToken,
                date: form?.date ?? local.toISODate()!,
                time: form?.time ?? local.toFormat('HH:mm'),
                duration: form?.duration ?? String(Math.round((found.end - found.start) / 60_000)),
                choices: found.choices.map((c) => ({
                  type: c.type,
                  label: t(`calendar.move.resource.${c.type}`),
                  selected: form?.chosen[c.type] ?? '',
                  options: c.options,
                })),
                errors: form?.errors ?? {},
              }
            : undefined,
      }),
    });
  };

  staffRoute(app, 'GET', '/admin/calendar/appointments/:id', 'appointments.view', async (request, reply, signed) => renderAppointment(request, reply, signed, appointmentId(request)));

  staffRoute(app, 'POST', '/admin/calendar/appointments/:id/move', 'appointments.manage', async (request, reply, signed) => {
    const t = adminT(request);
    const id = appointmentId(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const str = (name: string) => (typeof body[name] === 'string' ? (body[name]).trim() : '');
    const date = str('date');
    const time = str('time');
    const duration = str('duration');
    const chosen: Record<string, string> = {};
    for (const kind of calendarKinds) if (str(`resource_${kind}`)) chosen[kind] = str(`resource_${kind}`);
    const backRaw = str('back');
    const again = (errors: Record<string, string>, status: number) => renderAppointment(request, reply, signed, id, { date, time, duration, chosen, errors, status });

    const zone = calendar.timeZone;
    const local = isDate(date) && TIME.test(time) ? DateTime.fromISO(`${date}T${time}`, { zone }) : undefined;
    if (!local?.isValid) return again({ date: t('calendar.move.error.date') }, 422);
    const found = await calendar.appointment(signed, id, adminLocale(request));
    if (!found) throw new NotFound();
    let end: string | undefined;
    if (duration !== '' && duration !== String(Math.round((found.end - found.start) / 60_000))) {
      if (!/^\d{1,3}$/.test(duration)) return again({ end: t('calendar.move.error.end') }, 422);
      end = local.plus({ minutes: Number(duration) }).toISO() ?? undefined;
    }
    try {
      const moved = await booking.moveByStaff(signed, id, { start: local.toISO(), end, resources: Object.values(chosen) }, { ip: request.ip });
      const backQuery = /^[\w=&%.-]{0,200}$/.test(backRaw) ? new URLSearchParams(backRaw) : new URLSearchParams();
      backQuery.set('date', DateTime.fromMillis(moved.start, { zone }).toISODate()!);
      backQuery.set('moved', String(moved.id));
      const clean = (await parseCalendarQuery(Object.fromEntries(backQuery), t)).q;
      return await reply.redirect(`/admin/calendar?${calendarQueryString(clean)}&moved=${moved.id}`, 303);
    } catch (err) {
      if (err instanceof Invalid) return again(err.fields, 422);
      if (err instanceof Conflict) return again({ start: err.message }, 409);
      throw err;
    }
  });

  staffRoute(app, 'POST', '/api/v1/appointments/:id/move', 'appointments.manage', async (request, reply, signed) => {
    const id = appointmentId(request);
    if (!/^application\/json\s*(;|$)/i.test(String(request.headers['content-type'] ?? ''))) return sendProblem(reply, 415, 'Send application/json');
    const t = adminT(request);
    const parsed = moveBody.safeParse(request.body);
    if (!parsed.success) {
      const message = (field: string) => (field === 'resources' ? t('calendar.move.error.resource') : field === 'start' || field === 'end' ? t('booking.error.startFormat') : t('form.invalidChoice'));
      throw new Invalid(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? '_'), message(String(i.path[0] ?? '_'))])));
    }
    try {
      const moved: StaffMoveResult = await booking.moveByStaff(signed, id, parsed.data, { ip: request.ip });
      return await reply.send({ ...moved, start: toIsoInZone(moved.start, booking.timeZone), end: toIsoInZone(moved.end, booking.timeZone) });
    } catch (err) {
      if (err instanceof SlotTaken) return sendProblem(reply, 409, err.message, { alternatives: [] });
      if (err instanceof Conflict) return sendProblem(reply, 409, err.message);
      throw err;
    }
  });

  staffRoute(app, 'GET', '/admin/reports/utilization', 'reports.view', async (request, reply, signed) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const errors: Record<string, string> = {};
    let from = mondayOf(calendar.today());
    let to = shift(from, 6);
    const rawFrom = text(query, 'from');
    const rawTo = text(query, 'to');
    if (rawFrom !== undefined) {
      if (rawFrom !== null && isDate(rawFrom)) from = rawFrom;
      else errors.from = t('calendar.badDate');
    }
    if (rawTo !== undefined) {
      if (rawTo !== null && isDate(rawTo)) to = rawTo;
      else errors.to = t('calendar.badDate');
    } else if (rawFrom !== undefined && !errors.from) to = shift(from, 6);
    if (!errors.from && !errors.to && (to < from || shift(from, MAX_REPORT_DAYS - 1) < to)) {
      errors.to = t('calendar.report.badRange', { days: MAX_REPORT_DAYS });
    }
    const shown = errors.from || errors.to ? { from: mondayOf(calendar.today()), to: shift(mondayOf(calendar.today()), 6) } : { from, to };
    const rawDevice = text(query, 'device');
    const first = await calendar.utilization(signed, { ...shown, device: undefined }, locale);
    let device = '';
    if (rawDevice !== undefined) {
      if (rawDevice !== null && first.devices.some((d) => d.key === rawDevice)) device = rawDevice;
      else errors.device = t('calendar.badChoice');
    }
    const report = device ? await calendar.utilization(signed, { ...shown, device }, locale) : first;
    const dayFormat = new Intl.DateTimeFormat(locale === 'tr' ? 'tr-TR' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
    const weekdayFormat = new Intl.DateTimeFormat(locale === 'tr' ? 'tr-TR' : 'en-GB', { weekday: 'short', timeZone: 'UTC' });
    return sendAdmin(request, reply, {
      title: t('calendar.report.title'),
      active: '/admin/reports/utilization',
      status: Object.keys(errors).length ? 400 : 200,
      body: UtilizationPage({
        t,
        assets: app.services.assets,
        report,
        from: errors.from ? (rawFrom ?? '') : from,
        to: errors.to ? (rawTo ?? '') : to,
        device,
        devices: report.devices.map((d) => ({ value: d.key, label: d.name })),
        errors,
        formatHours: (minutes) => formatNumber(locale, Math.round((minutes / 60) * 10) / 10),
        formatPercent: (ratio) => new Intl.NumberFormat(locale === 'tr' ? 'tr-TR' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(ratio),
        dayLabel: (date) => dayFormat.format(Date.parse(`${date}T12:00:00Z`)),
        // 2024-01-01 was a Monday: weekday w is 2024-01-0w.
        weekdayLabel: (w) => weekdayFormat.format(Date.UTC(2024, 0, w, 12)),
      }),
    });
  });

  refuseMethods(app, '/admin/calendar', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');
  refuseMethods(app, '/admin/calendar/appointments/:id', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');
  refuseMethods(app, '/admin/reports/utilization', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');

  const openapi = app.openapi;
  const bodyRef = openapi.schema('StaffMoveRequest', moveBody, 'input');
  const movedRef = openapi.schema('StaffMove', moveResponse);
  openapi.path('/appointments/{id}/move', 'post', {
    summary: 'Move (and optionally resize) an appointment — staff, appointments.manage',
    description:
      'Signed-in staff session with the `X-CSRF-Token` header. The server re-checks everything: working hours, breaks, holidays, leave and maintenance of the resources, setup and cleaning buffers, and that the resources are free (the occupancy table decides). Only requested and confirmed appointments move; the status is kept. Audited; the patient is notified through the appointment events.',
    tags: ['staff'],
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
    requestBody: jsonBody(bodyRef),
    responses: {
      200: jsonResponse('Moved', movedRef),
      401: problemResponse('Not signed in'),
      403: problemResponse('Not allowed, or CSRF token missing'),
      404: problemResponse('Unknown appointment'),
      409: problemResponse('Taken at that time, or the appointment’s status does not allow a move (title gives the reason)'),
      415: problemResponse('Body is not application/json'),
      422: problemResponse('Invalid start or end, outside working hours, or resources that cannot serve the service (`errors` per field)'),
    },
  });
}

