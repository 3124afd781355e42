// Back office: the calendar (/admin/calendar), the move by drag and drop (POST /api/v1/appointments/:id/move) and the
// device utilization report. An appointment and its Move form live on the one appointment page, /admin/appointments/:id
// (src/features/frontdesk); the calendar's old appointment URLs lead there. HTTP only: rules live in the services.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { Conflict, Invalid, NotFound, SlotTaken } from '../../errors.ts';
import { formatNumber, type Translate } from '../../i18n/index.ts';
import { sendProblem } from '../../web/error-handler.ts';
import { jsonBody, jsonResponse, problemResponse } from '../../web/openapi.ts';
import { appointmentStatuses, type StaffMoveResult } from '../booking/service.ts';
import { toIsoInZone } from '../booking/zone-time.ts';
import { formatOffset, zoneCity } from '../booking/views/format.ts';
import { h } from 'preact';
import { renderDocument } from '../../web/render.ts';
import { AdminPage } from '../../web/views/admin-layout.tsx';
import { adminLocale, adminT, sendAdmin, shellContext, type AdminView } from '../staff/admin-page.ts';
import { refuseMethods, staffRoute } from '../staff/http.ts';
import { calendarQueryString, isDate, parseCalendarQuery, queryText } from './query.ts';
import { MAX_REPORT_DAYS, mondayOf } from './service.ts';
import { CalendarPage } from './views/calendar-page.tsx';
import { UtilizationPage } from './views/utilization-page.tsx';

function shift(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
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

  staffRoute(app, 'GET', '/admin/calendar', 'appointments.view', async (request, reply, signed) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const { q, errors } = await parseCalendarQuery(calendar, (request.query ?? {}) as Record<string, unknown>, t);
    const view = await calendar.view(signed, q, locale);
    const step = view.query.span === 'week' ? 7 : 1;
    const base = view.query.span === 'week' ? mondayOf(view.query.date) : view.query.date;
    const movedId = queryText((request.query ?? {}) as Record<string, unknown>, 'moved');
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

  // The calendar's own appointment page became the one appointment page: old links and bookmarks lead there, with the
  // calendar view they came from (its "back to the calendar" link), and a Move form still open posts on to its new URL
  // (307 keeps the method and the body).
  staffRoute(app, 'GET', '/admin/calendar/appointments/:id', 'appointments.view', async (request, reply) => {
    const id = appointmentId(request);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.redirect(`/admin/appointments/${id}${query}`, 301);
  });
  staffRoute(app, 'POST', '/admin/calendar/appointments/:id/move', 'appointments.manage', async (request, reply) => reply.redirect(`/admin/appointments/${appointmentId(request)}/move`, 307));

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
    const rawFrom = queryText(query, 'from');
    const rawTo = queryText(query, 'to');
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
    const rawDevice = queryText(query, 'device');
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

