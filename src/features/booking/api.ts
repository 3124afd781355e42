// Public booking JSON API (no sign-in): bookable services, availability, booking, and the manage link's view, cancel
// and reschedule — plus their part of the OpenAPI document. HTTP only: the rules live in service.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Invalid, SlotTaken } from '../../errors.ts';
import { isLocale, translator, type Locale } from '../../i18n/index.ts';
import { requestLocale, sendProblem } from '../../web/error-handler.ts';
import { jsonBody, jsonResponse, problem, problemResponse, type OpenApiRegistry } from '../../web/openapi.ts';
import { postOnly } from '../staff/http.ts';
import { bookingFieldMessages, bookingInput, cancelInput, rescheduleInput } from './input.ts';
import { appointmentStatuses, IdempotencyKeyReused, MAX_RANGE_DAYS, type ManagedAppointment } from './service.ts';
import { toIsoInZone } from './zone-time.ts';

const slot = z.object({ start: z.string().describe('ISO 8601 with the clinic’s offset'), end: z.string() });
const serviceList = z.array(z.object({ slug: z.string(), name: z.string(), durationMinutes: z.number().int() }));
const availabilityResponse = z.object({ timeZone: z.string().describe('IANA zone of the clinic, e.g. Europe/Istanbul'), slots: z.array(slot) });
const bookingResponse = z.object({
  id: z.number().int(),
  status: z.enum(appointmentStatuses),
  start: z.string(),
  end: z.string(),
  manageUrl: z.string().describe('Private link to view, cancel or move the appointment; keep it secret'),
});
const manageResponse = z.object({
  id: z.number().int(),
  status: z.enum(appointmentStatuses),
  service: z.object({ slug: z.string(), name: z.string() }),
  start: z.string(),
  end: z.string(),
  canChange: z.boolean().describe('Whether it may still be cancelled or moved online'),
  changeUntil: z.string().describe('The online cut-off'),
});
const slotTakenProblem = problem.extend({ alternatives: z.array(slot).describe('The next free starts for the same service') });

function isJson(request: FastifyRequest): boolean {
  return /^application\/json\s*(;|$)/i.test(String(request.headers['content-type'] ?? ''));
}

function localeParam(request: FastifyRequest): Locale | undefined;
function localeParam(request: FastifyRequest, fallback: Locale): Locale;
function localeParam(request: FastifyRequest, fallback?: Locale): Locale | undefined {
  const value = (request.query as Record<string, unknown>).locale;
  if (value === undefined) return fallback;
  if (!isLocale(value)) throw new Invalid({ locale: translator(requestLocale(request))('form.invalidChoice') });
  return value;
}

export function registerBookingApi(app: FastifyInstance): void {
  const { booking, settings } = app.services;
  const present = (s: { start: number; end: number }) => ({ start: toIsoInZone(s.start, booking.timeZone), end: toIsoInZone(s.end, booking.timeZone) });
  const presentManaged = (m: ManagedAppointment) => ({
    id: m.id,
    status: m.status,
    service: m.service,
    ...present(m),
    canChange: m.canChange,
    changeUntil: toIsoInZone(m.changeUntil, booking.timeZone),
  });
  const slotTaken = (reply: FastifyReply, err: SlotTaken) =>
    sendProblem(reply, 409, 'That slot was just taken', { alternatives: err.alternatives.map(present) });
  const privateReply = (reply: FastifyReply) => reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

  app.get('/api/v1/services', async (request, reply) => {
    const locale = localeParam(request, settings.current.defaultLocale);
    return reply.header('cache-control', 'public, max-age=60').send(await booking.listServices(locale));
  });

  app.get('/api/v1/availability', async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const result = await booking.availability(
      { service: q.service as string, from: q.from as string, to: q.to as string },
      { locale: requestLocale(request) },
    );
    return reply.header('cache-control', 'no-store').send({ timeZone: result.timeZone, slots: result.slots.map(present) });
  });

  app.post('/api/v1/bookings', async (request, reply) => {
    privateReply(reply);
    // JSON only: a cross-site HTML form cannot send it without a CORS preflight we never grant.
    if (!isJson(request)) return sendProblem(reply, 415, 'Send application/json');
    const header = request.headers['idempotency-key'];
    try {
      const outcome = await booking.book(request.body, {
        idempotencyKey: Array.isArray(header) ? header.join(',') : header,
        ip: request.ip,
        locale: requestLocale(request),
      });
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return await reply.code(201).send(outcome.body);
    } catch (err) {
      if (err instanceof SlotTaken) return slotTaken(reply, err);
      if (err instanceof IdempotencyKeyReused) return sendProblem(reply, 422, 'Idempotency key reused', { errors: err.fields });
      throw err;
    }
  });
  postOnly(app, '/api/v1/bookings');

  app.get<{ Params: { token: string } }>('/api/v1/bookings/manage/:token', async (request, reply) => {
    privateReply(reply);
    // The service's name in ?locale=, else in the language the appointment was booked in.
    const found = await booking.findByManageToken(request.params.token, { locale: localeParam(request) });
    return reply.send(presentManaged(found));
  });

  app.post<{ Params: { token: string } }>('/api/v1/bookings/manage/:token/cancel', async (request, reply) => {
    privateReply(reply);
    const hasBody = request.body !== undefined && request.body !== null && request.body !== '';
    if (hasBody && !isJson(request)) return sendProblem(reply, 415, 'Send application/json');
    const body: unknown = hasBody ? request.body : {};
    const parsed = cancelInput.safeParse(body);
    if (!parsed.success) throw new Invalid(bookingFieldMessages(parsed.error, translator(requestLocale(request))));
    const result = await booking.cancel(request.params.token, parsed.data.reason, { ip: request.ip, locale: requestLocale(request) });
    return reply.send(presentManaged(result));
  });
  postOnly(app, '/api/v1/bookings/manage/:token/cancel');

  app.post<{ Params: { token: string } }>('/api/v1/bookings/manage/:token/reschedule', async (request, reply) => {
    privateReply(reply);
    if (!isJson(request)) return sendProblem(reply, 415, 'Send application/json');
    const body = request.body as Record<string, unknown> | null;
    const start = body && typeof body === 'object' && typeof body.start === 'string' ? body.start : '';
    try {
      const result = await booking.reschedule(request.params.token, start, { ip: request.ip, locale: requestLocale(request) });
      return await reply.send(presentManaged(result));
    } catch (err) {
      if (err instanceof SlotTaken) return slotTaken(reply, err);
      throw err;
    }
  });
  postOnly(app, '/api/v1/bookings/manage/:token/reschedule');

  describeBookingApi(app.openapi);
}

function describeBookingApi(openapi: OpenApiRegistry): void {
  const tags = ['booking'];
  const servicesRef = openapi.schema('BookableServices', serviceList);
  const availabilityRef = openapi.schema('Availability', availabilityResponse);
  const bookingBodyRef = openapi.schema('BookingRequest', bookingInput, 'input');
  const bookingRef = openapi.schema('Booking', bookingResponse);
  const manageRef = openapi.schema('ManagedAppointment', manageResponse);
  const cancelRef = openapi.schema('CancelRequest', cancelInput, 'input');
  const rescheduleRef = openapi.schema('RescheduleRequest', rescheduleInput, 'input');
  const takenRef = openapi.schema('SlotTakenProblem', slotTakenProblem);
  const token = { name: 'token', in: 'path', required: true, schema: { type: 'string' }, description: 'The manage token from manageUrl' };
  const locale = { name: 'locale', in: 'query', required: false, schema: { type: 'string', enum: ['tr', 'en'] } };

  openapi.path('/services', 'get', {
    summary: 'Services that can be booked online',
    tags,
    parameters: [locale],
    responses: { 200: jsonResponse('OK', servicesRef), 422: problemResponse('Unknown locale') },
  });
  openapi.path('/availability', 'get', {
    summary: 'Free start times for a service',
    description: `Dates are local dates in the clinic’s time zone, inclusive, at most ${MAX_RANGE_DAYS} days. Minimum notice, booking horizon, working hours, breaks, holidays, leave and existing bookings (buffers included) are respected.`,
    tags,
    parameters: [
      { name: 'service', in: 'query', required: true, schema: { type: 'string' }, description: 'Service slug' },
      { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
      { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
    ],
    responses: { 200: jsonResponse('OK', availabilityRef), 422: problemResponse('Unknown service, impossible date or too long a range') },
  });
  openapi.path('/bookings', 'post', {
    summary: 'Book an appointment',
    description: [
      'Creates the appointment as `requested` or `confirmed` according to the service.',
      '`consent.kvkk` must be true: it records that the current KVKK information notice (in `locale`) was shown — it is not a consent.',
      '`consent.healthData` is the separate explicit consent for the intake answers. **Without it the `intake` is discarded, not stored, and the booking still succeeds** (the questions can be answered at the examination).',
      '`website` is a honeypot for bots: a non-empty value is refused with a generic 422.',
      'Send an `Idempotency-Key` (≤ 200 visible characters) to make retries safe: the same key with the same body returns the first 201 again (header `Idempotent-Replayed: true`), never a second booking; the same key with a different body is refused with 422.',
      'Limited per IP address (IPv6 per /64) per hour and per phone number per day (429).',
    ].join('\n\n'),
    tags,
    parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }],
    requestBody: jsonBody(bookingBodyRef),
    responses: {
      201: jsonResponse('Booked', bookingRef),
      409: problemResponse('That slot was just taken; `alternatives` lists the next free starts', takenRef),
      415: problemResponse('Body is not application/json'),
      422: problemResponse('Invalid fields (`errors` per field, e.g. start in the past, inside the minimum notice, beyond the horizon or off the step grid)'),
      429: problemResponse('Too many bookings from this address or for this phone number'),
    },
  });
  openapi.path('/bookings/manage/{token}', 'get', {
    summary: 'The appointment behind a manage link',
    description: 'Shows the appointment, never the intake answers.',
    tags,
    parameters: [token, locale],
    responses: { 200: jsonResponse('OK', manageRef), 404: problemResponse('Unknown link') },
  });
  openapi.path('/bookings/manage/{token}/cancel', 'post', {
    summary: 'Cancel an appointment (until the cut-off)',
    tags,
    parameters: [token],
    requestBody: jsonBody(cancelRef, false),
    responses: {
      200: jsonResponse('Cancelled', manageRef),
      404: problemResponse('Unknown link'),
      409: problemResponse('Already cancelled, or past the online cut-off'),
      422: problemResponse('Invalid reason'),
    },
  });
  openapi.path('/bookings/manage/{token}/reschedule', 'post', {
    summary: 'Move an appointment to another free start (until the cut-off)',
    description: 'Same rules as booking. On a conflict the appointment stays where it was.',
    tags,
    parameters: [token],
    requestBody: jsonBody(rescheduleRef),
    responses: {
      200: jsonResponse('Moved', manageRef),
      404: problemResponse('Unknown link'),
      409: problemResponse('The new slot was just taken (`alternatives`), or past the cut-off', takenRef),
      415: problemResponse('Body is not application/json'),
      422: problemResponse('Invalid start'),
    },
  });
}
