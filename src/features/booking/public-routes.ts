// HTTP for the public booking flow (no JavaScript needed): step 1 is the free-examination page with the next free
// times, step 2 the details form, then the private manage pages behind the token (view, calendar file, cancel, move).
// Rules live in service.ts; this file parses, calls, renders. Health data only ever arrives in a POST body.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { Config } from '../../config.ts';
import { Conflict, Forbidden, Invalid, SlotTaken, TooManyRequests } from '../../errors.ts';
import { isLocale, locales, translator, type Locale } from '../../i18n/index.ts';
import type { Assets } from '../../web/assets.ts';
import { renderDocument } from '../../web/render.ts';
import type { PublicContext } from '../../web/views/public-layout.tsx';
import type { ContentService } from '../content/service.ts';
import type { SettingsService } from '../settings/service.ts';
import { isCrossSite, postOnly } from '../staff/http.ts';
import { calendarFile } from './ics.ts';
import { isCalendarDate, parseIsoInstant } from './input.ts';
import { BookingRefused, IdempotencyKeyReused, type BookingService, type ManagedAppointment } from './service.ts';
import { DetailsPage, type DetailsField, type DetailsPageProps, type DetailsValues } from './views/details-page.tsx';
import { addDays, formatDay, formatLongDate, formatTime, groupByDay, isoInZone, localDate, zoneParts } from './views/format.ts';
import { NoticePage } from './views/notice-page.tsx';
import { CancelPage, ManagePage, MoveConfirmPage, MovePage, TooManyPage, type ManageFlash, type ManagedView } from './views/manage-page.tsx';
import type { WeekModel, WhenText, ZoneText } from './views/parts.tsx';
import { bookingPaths, EXAMINATION_SERVICE, withFrom, withStart } from './views/paths.ts';
import { StartPage } from './views/start-page.tsx';

interface Deps {
  booking: BookingService;
  content: ContentService;
  settings: SettingsService;
  assets: Assets;
  config: Config;
  now: () => number;
}

/** Serves step 1 at the examination page's own address (the content routes hand that URL over). */
export type StartHandler = (request: FastifyRequest, reply: FastifyReply, locale: Locale) => Promise<unknown>;

/** Days of free times fetched per page: the week shown plus enough after it to point "later" at the next free day. */
const LOOKAHEAD_DAYS = 28;
const WEEK_DAYS = 7;
/** ?from= further ahead than this is ignored (no service books that far; it only costs work). */
const MAX_FROM_DAYS = 366;
/** A form sent back sooner than this after it was rendered was not filled in by a person. */
export const MIN_FILL_MS = 2000;
/**
 * Times are offered only while they stay bookable for this long: a time right at the notice limit would expire while
 * the visitor fills in the form.
 */
export const FORM_TIME_MS = 10 * 60_000;

function firstString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

function stringList(value: unknown): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.filter((v): v is string => typeof v === 'string').slice(0, 20);
}

function accepts(header: string, coding: string): boolean {
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    if (name.trim().toLowerCase() !== coding) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/** Per-request pages (slots change with every booking): never stored by anyone, compressed quickly on the way out. */
function sendPage(request: FastifyRequest, reply: FastifyReply, html: string, status = 200): FastifyReply {
  reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('vary', 'Accept-Encoding');
  const ae = String(request.headers['accept-encoding'] ?? '');
  const body = Buffer.from(html, 'utf8');
  if (accepts(ae, 'br')) return reply.header('content-encoding', 'br').send(brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
  if (accepts(ae, 'gzip')) return reply.header('content-encoding', 'gzip').send(gzipSync(body, { level: 6 }));
  return reply.send(body);
}

/** The manage pages' address is a secret: no referrer leaves them, no index keeps them. */
function privateHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
}

export function registerBookingPages(app: FastifyInstance, deps: Deps): { serveStart: StartHandler } {
  const { booking, content, settings, assets, config, now } = deps;
  const baseUrl = config.baseUrl;
  const formSecret = createHmac('sha256', config.sessionSecret).update('booking:form-key').digest();

  const publicContext = async (locale: Locale): Promise<PublicContext> => ({
    locale,
    t: translator(locale),
    settings: settings.current,
    assets,
    baseUrl,
    nav: (await content.navigation())[locale],
  });

  // ---------- the form key: idempotency key of one rendered form, and when it was rendered ----------

  const mac = (text: string) => createHmac('sha256', formSecret).update(text).digest('base64url').slice(0, 22);
  const newFormKey = (): string => {
    const body = `${randomBytes(16).toString('base64url')}.${now().toString(36)}`;
    return `${body}.${mac(body)}`;
  };
  const checkFormKey = (key: string): 'ok' | 'invalid' | 'tooFast' => {
    const match = /^([A-Za-z0-9_-]{22}\.([0-9a-z]{1,12}))\.([A-Za-z0-9_-]{22})$/.exec(key);
    if (!match) return 'invalid';
    const expected = Buffer.from(mac(match[1]!));
    const given = Buffer.from(match[3]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
    return now() - parseInt(match[2]!, 36) < MIN_FILL_MS ? 'tooFast' : 'ok';
  };

  // ---------- formatting ----------

  const zone = () => booking.timeZone;
  const zoneText = (locale: Locale, instants: readonly number[]): ZoneText => zoneParts(locale, instants, zone(), now());
  const whenText = (locale: Locale, start: number, end: number): WhenText => ({
    date: formatLongDate(locale, start, zone()),
    time: translator(locale)('bookingPage.summary.timeRange', { start: formatTime(locale, start, zone()), end: formatTime(locale, end, zone()) }),
    zone: zoneText(locale, [start]),
  });
  const noonOf = (date: string) => DateTime.fromISO(date, { zone: zone() }).set({ hour: 12 }).toMillis();

  const managedView = (locale: Locale, a: ManagedAppointment): ManagedView => ({
    status: a.status,
    serviceName: a.service.name,
    durationMinutes: Math.round((a.end - a.start) / 60_000),
    when: whenText(locale, a.start, a.end),
    canChange: a.canChange,
    changeUntil: `${formatLongDate(locale, a.changeUntil, zone())}, ${formatTime(locale, a.changeUntil, zone())}`,
    whatsapp: { date: formatLongDate(locale, a.start, zone()), time: formatTime(locale, a.start, zone()) },
  });

  // ---------- a week of free times (step 1 and "move") ----------

  /** ?from=YYYY-MM-DD: a real date from today on (earlier dates mean today); anything else is ignored. */
  const parseFrom = (value: unknown, today: string): string | undefined => {
    const text = firstString(value);
    if (!isCalendarDate(text)) return undefined;
    if (text <= today) return today;
    return text > addDays(today, MAX_FROM_DAYS, zone()) ? undefined : text;
  };

  const buildWeek = async (locale: Locale, fromParam: unknown, basePath: string): Promise<{ week: WeekModel; zone: ZoneText }> => {
    const tz = zone();
    const today = localDate(now(), tz);
    const requested = parseFrom(fromParam, today);
    let from = requested ?? today;
    let slots;
    try {
      const query = { service: EXAMINATION_SERVICE, from, to: addDays(from, LOOKAHEAD_DAYS - 1, tz) };
      slots = (await booking.availability(query, { locale, now: now() + FORM_TIME_MS })).slots;
    } catch (err) {
      // The service is switched off for online booking (or gone): the page still answers, with the phone.
      if (!(err instanceof Invalid)) throw err;
      const week: WeekModel = { days: [], fromLabel: '', toLabel: '', state: 'unavailable' };
      return { week, zone: zoneText(locale, []) };
    }
    // Without ?from=, an empty first week (a holiday week) jumps to the week of the next free day.
    if (requested === undefined && slots[0] && localDate(slots[0].start, tz) >= addDays(from, WEEK_DAYS, tz)) from = localDate(slots[0].start, tz);
    const weekEnd = addDays(from, WEEK_DAYS, tz);
    const shown = slots.filter((s) => localDate(s.start, tz) >= from && localDate(s.start, tz) < weekEnd);
    const next = slots.find((s) => localDate(s.start, tz) >= weekEnd);
    const earlier = from > today ? (addDays(from, -WEEK_DAYS, tz) > today ? addDays(from, -WEEK_DAYS, tz) : undefined) : null;
    const week: WeekModel = {
      days: groupByDay(locale, shown, tz),
      fromLabel: formatDay(locale, noonOf(from), tz),
      toLabel: formatDay(locale, noonOf(addDays(from, WEEK_DAYS - 1, tz)), tz),
      earlierHref: earlier === null ? undefined : withFrom(basePath, earlier),
      laterHref: next ? withFrom(basePath, localDate(next.start, tz)) : undefined,
      state: slots.length === 0 && requested === undefined ? 'noneAtAll' : shown.length ? 'ok' : 'noneThisWeek',
    };
    return { week, zone: zoneText(locale, shown.map((s) => s.start)) };
  };

  /** The next free times from an instant, each still bookable once the form is filled in. */
  const nextFree = (from: number) => booking.nextFreeSlots(EXAMINATION_SERVICE, from, undefined, now() + FORM_TIME_MS);

  /** Whether a start is one of the free times of its day right now. */
  const isFree = async (locale: Locale, start: number): Promise<boolean> => {
    const day = localDate(start, zone());
    try {
      const { slots } = await booking.availability({ service: EXAMINATION_SERVICE, from: day, to: day }, { locale, now: now() + FORM_TIME_MS });
      return slots.some((s) => s.start === start);
    } catch (err) {
      if (err instanceof Invalid) return false;
      throw err;
    }
  };

  // ---------- step 1: the examination page with free times ----------

  const renderStart = async (request: FastifyRequest, reply: FastifyReply, locale: Locale, gone?: number) => {
    const model = await content.pageModelByKey(locale, 'examination');
    if (!model) return reply.callNotFound();
    const query = request.query as Record<string, unknown>;
    const fromParam = gone !== undefined ? localDate(gone, zone()) : query.from;
    const { week, zone: zoneInfo } = await buildWeek(locale, fromParam, model.path);
    const goneDays = gone !== undefined ? groupByDay(locale, await nextFree(gone), zone()) : undefined;
    const ctx = await publicContext(locale);
    const page = { title: model.page.title, summary: model.page.summary, bodyMd: model.page.body_md, updatedAt: model.page.updated_at };
    const html = renderDocument(
      StartPage({
        ctx,
        page,
        path: model.path,
        alternates: model.alternates,
        week,
        zone: zoneInfo,
        hrefFor: (iso) => withStart(bookingPaths.details(locale), iso),
        gone: goneDays ? { days: goneDays } : undefined,
      }),
    );
    return sendPage(request, reply, html);
  };

  const serveStart: StartHandler = (request, reply, locale) => renderStart(request, reply, locale);

  // ---------- step 2: the details form ----------

  const serviceInfo = async (locale: Locale) => {
    const found = (await booking.listServices(locale)).find((s) => s.slug === EXAMINATION_SERVICE);
    return found ? { name: found.name, durationMinutes: found.durationMinutes } : undefined;
  };

  const emptyValues = (locale: Locale, start: string): DetailsValues => ({
    start,
    name: '',
    phone: '',
    email: '',
    language: locale,
    complaint: '',
    spasmFrequency: '',
    painScore: '',
    triggers: [],
    healthConsent: false,
    whatsappOptIn: false,
  });

  const readValues = (body: Record<string, unknown>, locale: Locale, fallbackStart: string): DetailsValues => {
    const language = firstString(body.language);
    return {
      start: firstString(body.start) || fallbackStart,
      name: firstString(body.name).slice(0, 2000),
      phone: firstString(body.phone).slice(0, 200),
      email: firstString(body.email).slice(0, 1000),
      language: isLocale(language) ? language : locale,
      complaint: firstString(body.complaint).slice(0, 40),
      spasmFrequency: firstString(body.spasmFrequency).slice(0, 40),
      painScore: firstString(body.painScore).slice(0, 4),
      triggers: stringList(body.triggers).map((v) => v.slice(0, 40)),
      healthConsent: firstString(body.healthConsent) === 'yes',
      whatsappOptIn: firstString(body.whatsappOptIn) === 'yes',
    };
  };

  interface FormRender {
    values: DetailsValues;
    formKey: string;
    errors?: DetailsPageProps['errors'];
    general?: string[];
    info?: string;
    taken?: DetailsPageProps['taken'];
    status: number;
  }

  const renderDetails = async (request: FastifyRequest, reply: FastifyReply, locale: Locale, start: number, form: FormRender) => {
    const [ctx, service, texts] = await Promise.all([publicContext(locale), serviceInfo(locale), booking.currentLegalTexts(locale)]);
    if (!service) return renderStart(request, reply, locale);
    const iso = isoInZone(start, zone());
    const path = bookingPaths.details(locale);
    const html = renderDocument(
      DetailsPage({
        ctx,
        path,
        action: withStart(path, iso),
        alternates: Object.fromEntries(locales.map((l) => [l, bookingPaths.details(l)])),
        service,
        when: whenText(locale, start, start + service.durationMinutes * 60_000),
        changeHref: withFrom(bookingPaths.start(locale), localDate(start, zone())),
        values: form.values,
        errors: form.errors ?? {},
        general: form.general ?? [],
        info: form.info,
        taken: form.taken,
        texts,
        formKey: form.formKey,
      }),
    );
    return sendPage(request, reply, html, form.status);
  };

  /** The service's field errors (already in the page's language) on the form's fields. */
  const mapErrors = (fields: Record<string, string>): { errors: DetailsPageProps['errors']; general: string[] } => {
    const errors: DetailsPageProps['errors'] = {};
    const general: string[] = [];
    const put = (field: DetailsField, message: string) => {
      errors[field] ??= message;
    };
    for (const [key, message] of Object.entries(fields)) {
      if (key === 'name' || key === 'phone' || key === 'email' || key === 'start') put(key, message);
      else if (key === 'locale') put('language', message);
      else if (key.startsWith('consent.healthData')) put('healthConsent', message);
      else if (key === 'consent' || key.startsWith('consent.')) put('notice', message);
      else if (key.startsWith('intake.complaint')) put('complaint', message);
      else if (key.startsWith('intake.spasmFrequency')) put('spasmFrequency', message);
      else if (key.startsWith('intake.painScore')) put('painScore', message);
      else if (key.startsWith('intake.triggers')) put('triggers', message);
      else if (!general.includes(message)) general.push(message);
    }
    return { errors, general };
  };

  const intakeOf = (v: DetailsValues): Record<string, unknown> | undefined => {
    const intake: Record<string, unknown> = {};
    if (v.complaint) intake.complaint = v.complaint;
    if (v.spasmFrequency) intake.spasmFrequency = v.spasmFrequency;
    if (v.painScore) intake.painScore = /^\d{1,2}$/.test(v.painScore) ? Number(v.painScore) : v.painScore;
    if (v.triggers.length) intake.triggers = v.triggers;
    return Object.keys(intake).length ? intake : undefined;
  };

  const refuseCrossSite = (request: FastifyRequest) => {
    // The private pages send Referrer-Policy: no-referrer, under which browsers put "Origin: null" on their own
    // same-origin form posts; the browser's Sec-Fetch-Site verdict settles those. Everything else: isCrossSite().
    if (request.headers['sec-fetch-site'] === 'same-origin') return;
    if (isCrossSite(request, config)) throw new Forbidden('cross-site request refused');
  };

  const tooMany = async (request: FastifyRequest, reply: FastifyReply, locale: Locale) => {
    const ctx = await publicContext(locale);
    const alternates = Object.fromEntries(locales.map((l) => [l, bookingPaths.start(l)]));
    return sendPage(request, reply, renderDocument(TooManyPage({ ctx, alternates })), 429);
  };

  for (const locale of locales) {
    const t = translator(locale);
    const patterns = bookingPaths.patterns(locale);

    // The information notice on its own page (no form, nothing personal): the address the front desk reads to callers.
    app.get(bookingPaths.notice(locale), async (request, reply) => {
      const [ctx, texts] = await Promise.all([publicContext(locale), booking.currentLegalTexts(locale)]);
      const alternates = Object.fromEntries(locales.map((l) => [l, bookingPaths.notice(l)])) as Record<Locale, string>;
      return sendPage(request, reply, renderDocument(NoticePage({ ctx, path: bookingPaths.notice(locale), alternates, notice: texts.notice })));
    });

    app.get(patterns.details, async (request, reply) => {
      const start = parseIsoInstant(firstString((request.query as Record<string, unknown>).start));
      if (start === undefined) return reply.header('cache-control', 'no-store').redirect(bookingPaths.start(locale), 303);
      if (!(await isFree(locale, start))) return renderStart(request, reply, locale, start);
      return renderDetails(request, reply, locale, start, { values: emptyValues(locale, isoInZone(start, zone())), formKey: newFormKey(), status: 200 });
    });

    app.post(patterns.details, async (request, reply) => {
      refuseCrossSite(request);
      const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
      const values = readValues(body, locale, firstString((request.query as Record<string, unknown>).start));
      const start = parseIsoInstant(values.start);
      if (start === undefined) return reply.header('cache-control', 'no-store').redirect(bookingPaths.start(locale), 303);
      const formKey = firstString(body.formKey);
      const keyState = checkFormKey(formKey);

      // Another language chosen: show the form and the privacy texts in that language before anything is booked, so
      // the notice recorded with the booking is the one the visitor read.
      if (values.language !== locale) {
        const other = translator(values.language);
        const info = other('bookingPage.language.switched', { language: values.language === 'tr' ? 'Türkçe' : 'English' });
        return renderDetails(request, reply, values.language, start, { values, formKey: keyState === 'invalid' ? newFormKey() : formKey, info, status: 200 });
      }

      if (keyState !== 'ok') {
        // A tampered key, or a form "filled in" faster than a person can: refused, the way the honeypot is.
        return renderDetails(request, reply, locale, start, { values, formKey: newFormKey(), general: [t('bookingPage.errors.rejected')], status: 422 });
      }

      const texts = await booking.currentLegalTexts(locale);
      if (firstString(body.noticeVersion) !== String(texts.notice.version) || firstString(body.consentVersion) !== String(texts.healthConsent.version)) {
        return renderDetails(request, reply, locale, start, {
          values: { ...values, healthConsent: false },
          formKey,
          general: [t('bookingPage.errors.textsChanged')],
          status: 422,
        });
      }

      const input = {
        service: EXAMINATION_SERVICE,
        start: values.start,
        name: values.name,
        phone: values.phone,
        email: values.email,
        locale,
        consent: { kvkk: firstString(body.kvkkShown) === 'true', healthData: values.healthConsent, whatsapp: values.whatsappOptIn },
        // Without consent the answers are not even sent on: nothing to keep, nothing to drop.
        ...(values.healthConsent && intakeOf(values) ? { intake: intakeOf(values) } : {}),
        website: firstString(body.website).slice(0, 2000),
      };
      try {
        const outcome = await booking.book(input, { idempotencyKey: formKey, ip: request.ip, locale });
        const target = `${new URL(outcome.body.manageUrl).pathname}?booked=1`;
        return await reply.header('cache-control', 'no-store').redirect(target, 303);
      } catch (err) {
        if (err instanceof SlotTaken) {
          const taken = {
            title: t('bookingPage.taken.title'),
            body: t('bookingPage.taken.body', { time: `${formatDay(locale, start, zone())}, ${formatTime(locale, start, zone())}` }),
            days: groupByDay(locale, await nextFree(start), zone()),
            none: t('bookingPage.taken.none', { phone: settings.current.phone }),
          };
          return renderDetails(request, reply, locale, start, { values, formKey, taken, status: 409 });
        }
        if (err instanceof TooManyRequests) return tooMany(request, reply, locale);
        if (err instanceof IdempotencyKeyReused) {
          return renderDetails(request, reply, locale, start, { values, formKey: newFormKey(), general: [t('bookingPage.errors.keyReused')], status: 422 });
        }
        if (err instanceof BookingRefused) {
          return renderDetails(request, reply, locale, start, { values, formKey: newFormKey(), general: [t('bookingPage.errors.rejected')], status: 422 });
        }
        if (err instanceof Invalid) {
          const { errors, general } = mapErrors(err.fields);
          if (errors.notice) errors.notice = t('bookingPage.errors.notice');
          // The time itself cannot be booked (too soon by now, past, off the grid): offer the next free ones right here.
          let taken: DetailsPageProps['taken'];
          if (errors.start) {
            taken = {
              title: t('bookingPage.startGone.title'),
              body: t('bookingPage.startGone.body', { reason: errors.start }),
              days: groupByDay(locale, await nextFree(start), zone()),
              none: t('bookingPage.taken.none', { phone: settings.current.phone }),
            };
            delete errors.start;
          }
          return renderDetails(request, reply, locale, start, { values, formKey, errors, general, taken, status: 422 });
        }
        throw err;
      }
    });

    // ---------- the private pages behind the manage token ----------

    const alternatesFor = (path: (l: Locale, token: string) => string, token: string) =>
      Object.fromEntries(locales.map((l) => [l, path(l, token)])) as Record<Locale, string>;

    const renderManage = async (request: FastifyRequest, reply: FastifyReply, token: string, options: { flash?: ManageFlash | undefined; problem?: string; status?: number } = {}) => {
      const found = await booking.findByManageToken(token, { locale, whatsapp: true });
      const ctx = await publicContext(locale);
      const html = renderDocument(
        ManagePage({
          ctx,
          alternates: alternatesFor(bookingPaths.manage, token),
          appointment: managedView(locale, found),
          links: {
            self: baseUrl + bookingPaths.manage(locale, token),
            calendar: bookingPaths.calendar(locale, token),
            cancel: bookingPaths.cancel(locale, token),
            move: bookingPaths.move(locale, token),
            bookAgain: bookingPaths.start(locale),
            stopWhatsApp: bookingPaths.whatsapp(locale, token),
          },
          whatsappOn: found.whatsappOn === true,
          flash: options.flash,
          problem: options.problem,
        }),
      );
      return sendPage(request, privateHeaders(reply), html, options.status ?? 200);
    };

    const conflictText = (found: ManagedAppointment | undefined) =>
      t(found && (found.status === 'requested' || found.status === 'confirmed') ? 'bookingPage.manage.tooLate' : 'bookingPage.manage.notChangeable', { phone: settings.current.phone });

    app.get<{ Params: { token: string } }>(patterns.manage, async (request, reply) => {
      privateHeaders(reply);
      const query = request.query as Record<string, unknown>;
      const flash = (['booked', 'moved', 'cancelled', 'whatsappOff', 'whatsappAlreadyOff'] as const).find((f) => query[f] === '1');
      return renderManage(request, reply, request.params.token, { flash });
    });

    app.get<{ Params: { token: string } }>(patterns.calendar, async (request, reply) => {
      privateHeaders(reply);
      const { token } = request.params;
      const found = await booking.findByManageToken(token, { locale });
      const s = settings.current;
      const file = calendarFile(
        {
          uid: `appointment-${found.id}@${new URL(baseUrl).hostname}`,
          start: found.start,
          end: found.end,
          stamp: now(),
          summary: `${s.clinicName} — ${found.service.name}`,
          location: s.address,
          description: [t('bookingPage.ics.manage', { url: baseUrl + bookingPaths.manage(locale, token) }), `${t('footer.phone')}: ${s.phone}`].join('\n'),
          status: found.status === 'cancelled' ? 'CANCELLED' : found.status === 'requested' ? 'TENTATIVE' : 'CONFIRMED',
          sequence: found.status === 'cancelled' ? 1 : 0,
        },
        `-//${s.clinicName.replace(/[^\p{L}\p{N} .-]/gu, '')}//Rehab Center//${locale.toUpperCase()}`,
      );
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${t('bookingPage.ics.filename')}.ics"`)
        .send(file);
    });

    app.get<{ Params: { token: string } }>(patterns.cancel, async (request, reply) => {
      privateHeaders(reply);
      const { token } = request.params;
      const found = await booking.findByManageToken(token, { locale });
      if (!found.canChange) return reply.redirect(bookingPaths.manage(locale, token), 303);
      const ctx = await publicContext(locale);
      const html = renderDocument(
        CancelPage({
          ctx,
          alternates: alternatesFor(bookingPaths.cancel, token),
          appointment: managedView(locale, found),
          action: bookingPaths.cancel(locale, token),
          backHref: bookingPaths.manage(locale, token),
          reason: '',
        }),
      );
      return sendPage(request, reply, html);
    });

    app.post<{ Params: { token: string } }>(patterns.cancel, async (request, reply) => {
      privateHeaders(reply);
      refuseCrossSite(request);
      const { token } = request.params;
      const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
      const reason = firstString(body.reason).slice(0, 5000);
      try {
        await booking.cancel(token, reason.trim() ? reason : undefined, { ip: request.ip, locale });
        return await reply.redirect(`${bookingPaths.manage(locale, token)}?cancelled=1`, 303);
      } catch (err) {
        if (err instanceof Invalid) {
          const found = await booking.findByManageToken(token, { locale });
          const ctx = await publicContext(locale);
          const html = renderDocument(
            CancelPage({
              ctx,
              alternates: alternatesFor(bookingPaths.cancel, token),
              appointment: managedView(locale, found),
              action: bookingPaths.cancel(locale, token),
              backHref: bookingPaths.manage(locale, token),
              reason,
              error: err.fields.reason ?? Object.values(err.fields)[0],
            }),
          );
          return sendPage(request, reply, html, 422);
        }
        if (err instanceof Conflict) {
          const found = await booking.findByManageToken(token, { locale });
          return renderManage(request, reply, token, { problem: conflictText(found), status: 409 });
        }
        throw err;
      }
    });

    // Withdrawing the WhatsApp opt-in: always allowed (after the cut-off, in any status), no confirmation step.
    app.post<{ Params: { token: string } }>(patterns.whatsapp, async (request, reply) => {
      privateHeaders(reply);
      refuseCrossSite(request);
      const { token } = request.params;
      const { withdrawn } = await booking.stopWhatsApp(token, { ip: request.ip, locale });
      return reply.redirect(`${bookingPaths.manage(locale, token)}?${withdrawn ? 'whatsappOff' : 'whatsappAlreadyOff'}=1`, 303);
    });
    postOnly(app, patterns.whatsapp);

    const renderMove = async (
      request: FastifyRequest,
      reply: FastifyReply,
      token: string,
      found: ManagedAppointment,
      options: { problem?: string; alternatives?: ReadonlyArray<{ start: number }>; from?: string; status?: number } = {},
    ) => {
      const movePath = bookingPaths.move(locale, token);
      const { week, zone: zoneInfo } = await buildWeek(locale, options.from ?? (request.query as Record<string, unknown>).from, movePath);
      const ctx = await publicContext(locale);
      const html = renderDocument(
        MovePage({
          ctx,
          alternates: alternatesFor(bookingPaths.move, token),
          appointment: managedView(locale, found),
          week,
          zone: zoneInfo,
          hrefFor: (iso) => withStart(movePath, iso),
          backHref: bookingPaths.manage(locale, token),
          problem: options.problem,
          alternatives: options.alternatives ? groupByDay(locale, options.alternatives, zone()) : undefined,
        }),
      );
      return sendPage(request, reply, html, options.status ?? 200);
    };

    app.get<{ Params: { token: string } }>(patterns.move, async (request, reply) => {
      privateHeaders(reply);
      const { token } = request.params;
      const found = await booking.findByManageToken(token, { locale });
      if (!found.canChange) return reply.redirect(bookingPaths.manage(locale, token), 303);
      const start = parseIsoInstant(firstString((request.query as Record<string, unknown>).start));
      if (start !== undefined) {
        if (!(await isFree(locale, start))) {
          const alternatives = await nextFree(start);
          return renderMove(request, reply, token, found, { problem: t('bookingPage.slots.gone'), alternatives, from: localDate(start, zone()) });
        }
        const ctx = await publicContext(locale);
        const html = renderDocument(
          MoveConfirmPage({
            ctx,
            alternates: alternatesFor(bookingPaths.move, token),
            appointment: managedView(locale, found),
            to: whenText(locale, start, start + (found.end - found.start)),
            startIso: isoInZone(start, zone()),
            action: bookingPaths.move(locale, token),
            chooseHref: withFrom(bookingPaths.move(locale, token), localDate(start, zone())),
            backHref: bookingPaths.manage(locale, token),
          }),
        );
        return sendPage(request, reply, html);
      }
      return renderMove(request, reply, token, found);
    });

    app.post<{ Params: { token: string } }>(patterns.move, async (request, reply) => {
      privateHeaders(reply);
      refuseCrossSite(request);
      const { token } = request.params;
      const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
      const start = firstString(body.start).slice(0, 100);
      try {
        await booking.reschedule(token, start, { ip: request.ip, locale });
        return await reply.redirect(`${bookingPaths.manage(locale, token)}?moved=1`, 303);
      } catch (err) {
        if (err instanceof SlotTaken) {
          const found = await booking.findByManageToken(token, { locale });
          const ms = parseIsoInstant(start);
          const alternatives = ms === undefined ? err.alternatives : await nextFree(ms);
          return renderMove(request, reply, token, found, { problem: t('bookingPage.move.taken'), alternatives, from: ms === undefined ? undefined : localDate(ms, zone()), status: 409 });
        }
        if (err instanceof Conflict) {
          const found = await booking.findByManageToken(token, { locale });
          return renderManage(request, reply, token, { problem: conflictText(found), status: 409 });
        }
        if (err instanceof Invalid) {
          const found = await booking.findByManageToken(token, { locale });
          if (!found.canChange) return renderManage(request, reply, token, { problem: conflictText(found), status: 409 });
          return renderMove(request, reply, token, found, { problem: Object.values(err.fields)[0] ?? t('bookingPage.errors.rejected'), status: 422 });
        }
        throw err;
      }
    });
  }

  return { serveStart };
}

