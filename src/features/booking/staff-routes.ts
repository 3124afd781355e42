// Back office: the list of upcoming appointments (appointments.view: admin, receptionist, therapist) and one
// appointment's intake answers (clinical.view only; the service audits every read).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatNumber, type Locale, type Translate } from '../../i18n/index.ts';
import { adminLocale, adminT, sendAdmin } from '../staff/admin-page.ts';
import { refuseMethods, staffRoute } from '../staff/http.ts';
import { can } from '../staff/permissions.ts';
import { isCalendarDate, type IntakeAnswers } from './input.ts';
import { appointmentStatuses, type AppointmentListItem, type AppointmentStatus } from './service.ts';
import { AppointmentList, type ListFilterErrors, type ListFilters, type ListRow } from './views/appointment-list.tsx';
import { addDays, formatLongDate, formatOffset, formatTime, isoInZone, localDate, zoneCity } from './views/format.ts';
import { telHref } from './views/parts.tsx';

export const APPOINTMENTS_PAGE_SIZE = 50;
const DEFAULT_DAYS = 14;
const MAX_PAGE = 20_000;

function rawParam(query: Record<string, unknown>, name: string): string | null | undefined {
  const v = query[name];
  if (v === undefined || v === '') return undefined;
  return typeof v === 'string' ? v : null;
}

function statusLabel(t: Translate, status: AppointmentStatus): string {
  return t(`bookingPage.admin.status.${status}`);
}

function listHref(filters: ListFilters, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'status', 'service'] as const) if (filters[key]) params.set(key, filters[key]);
  if (page > 1) params.set('page', String(page));
  return `/admin/appointments?${params.toString()}`;
}

export function registerAppointmentRoutes(app: FastifyInstance): void {
  const { booking, content, now } = app.services;

  const serviceOptions = async (locale: Locale) => {
    const services = await content.editableServices();
    return services.map((s) => ({ value: s.key, label: s.translations[locale]?.name ?? s.translations.tr?.name ?? s.key }));
  };

  const parseQuery = (request: FastifyRequest, t: Translate, serviceKeys: ReadonlySet<string>) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const zone = booking.timeZone;
    const today = localDate(now(), zone);
    const filters: ListFilters = { from: today, to: addDays(today, DEFAULT_DAYS, zone), status: '', service: '' };
    const errors: ListFilterErrors = {};
    let page = 1;

    const from = rawParam(query, 'from');
    if (from !== undefined) {
      if (from !== null && isCalendarDate(from)) filters.from = from;
      else errors.from = t('bookingPage.admin.filter.badDate');
    }
    const to = rawParam(query, 'to');
    if (to !== undefined) {
      if (to === null || !isCalendarDate(to)) errors.to = t('bookingPage.admin.filter.badDate');
      else if (to < filters.from) errors.to = t('bookingPage.admin.filter.badRange');
      else filters.to = to;
    }
    // Only "to" was left out because it came before "from": keep the list's range sensible.
    if (filters.to < filters.from) filters.to = addDays(filters.from, DEFAULT_DAYS, zone);
    const status = rawParam(query, 'status');
    if (status !== undefined) {
      if (status !== null && (appointmentStatuses as readonly string[]).includes(status)) filters.status = status;
      else errors.status = t('bookingPage.admin.filter.badChoice');
    }
    const service = rawParam(query, 'service');
    if (service !== undefined) {
      if (service !== null && serviceKeys.has(service)) filters.service = service;
      else errors.service = t('bookingPage.admin.filter.badChoice');
    }
    const pageParam = rawParam(query, 'page');
    if (pageParam !== undefined) {
      if (pageParam !== null && /^[1-9]\d{0,6}$/.test(pageParam) && Number(pageParam) <= MAX_PAGE) page = Number(pageParam);
      else errors.page = t('bookingPage.admin.filter.badPage');
    }
    return { filters, errors, page };
  };

  staffRoute(app, 'GET', '/admin/appointments', 'appointments.view', async (request, reply, signed) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const zone = booking.timeZone;
    const services = await serviceOptions(locale);
    const { filters, errors, page: asked } = parseQuery(request, t, new Set(services.map((s) => s.value)));
    const fetchPage = (n: number) =>
      booking.listAppointments(signed, {
        from: filters.from,
        to: filters.to,
        status: (filters.status || undefined) as AppointmentStatus | undefined,
        serviceKey: filters.service || undefined,
        limit: APPOINTMENTS_PAGE_SIZE,
        offset: (n - 1) * APPOINTMENTS_PAGE_SIZE,
      });
    let page = asked;
    let result = await fetchPage(page);
    const pages = Math.max(1, Math.ceil(result.total / APPOINTMENTS_PAGE_SIZE));
    if (page > pages) {
      page = pages;
      result = await fetchPage(page);
    }
    const showIntake = can(signed.user.role, 'clinical.view');
    const rows: ListRow[] = result.rows.map((r: AppointmentListItem) => ({
      id: r.id,
      iso: isoInZone(r.start, zone),
      date: formatLongDate(locale, r.start, zone),
      time: `${formatTime(locale, r.start, zone)}–${formatTime(locale, r.end, zone)}`,
      patient: r.patient.name,
      phone: r.patient.phone,
      phoneHref: telHref(r.patient.phone),
      service: r.service.name,
      status: r.status,
      statusLabel: statusLabel(t, r.status),
      // The date only helps the detail page find the appointment's row; it is not health data.
      intakeHref: showIntake ? `/admin/appointments/${r.id}?date=${localDate(r.start, zone)}` : undefined,
    }));
    const first = (page - 1) * APPOINTMENTS_PAGE_SIZE + 1;
    return sendAdmin(request, reply, {
      title: t('bookingPage.admin.title'),
      active: '/admin/appointments',
      status: Object.keys(errors).length ? 400 : 200,
      body: AppointmentList({
        t,
        intro: t('bookingPage.admin.intro', { city: zoneCity(locale, zone), offset: formatOffset(locale, now(), zone) }),
        filters,
        errors,
        statuses: appointmentStatuses.map((s) => ({ value: s, label: statusLabel(t, s) })),
        services,
        rows,
        summary: result.total
          ? t('bookingPage.admin.summary', { first: formatNumber(locale, first), last: formatNumber(locale, first + rows.length - 1), total: formatNumber(locale, result.total) })
          : '',
        showIntake,
        previousHref: page > 1 ? listHref(filters, page - 1) : undefined,
        nextHref: page < pages ? listHref(filters, page + 1) : undefined,
      }),
    });
  });

  // One appointment (/admin/appointments/:id, its lifecycle actions and intake) lives in src/features/frontdesk/routes.ts.

  // Read-only pages: nothing can be sent to them.
  refuseMethods(app, '/admin/appointments', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');
}

export function intakeRows(t: Translate, answers: IntakeAnswers): Array<{ label: string; value: string }> {
  const none = t('bookingPage.admin.intake.notAnswered');
  return [
    { label: t('bookingPage.complaint.legend'), value: answers.complaint ? t(`bookingPage.complaint.${answers.complaint}`) : none },
    { label: t('bookingPage.frequency.legend'), value: answers.spasmFrequency ? t(`bookingPage.frequency.${answers.spasmFrequency}`) : none },
    { label: t('bookingPage.pain.legend'), value: answers.painScore !== undefined ? `${answers.painScore} / 10` : none },
    { label: t('bookingPage.triggers.legend'), value: answers.triggers?.length ? answers.triggers.map((x) => t(`bookingPage.triggers.${x}`)).join(', ') : none },
  ];
}
