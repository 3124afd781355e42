// Front desk, JSON (staff session + X-CSRF-Token): book for a caller, read one appointment, and the lifecycle steps —
// problem+json on every refusal — with their part of the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Conflict, NotFound, SlotTaken } from '../../errors.ts';
import { sendProblem } from '../../web/error-handler.ts';
import { jsonBody, jsonResponse, problem, problemResponse, type OpenApiRegistry } from '../../web/openapi.ts';
import { toIsoInZone } from '../booking/zone-time.ts';
import { staffRoute } from '../staff/http.ts';
import { cancelByStaffInput, phoneBookingInput } from './input.ts';
import { actionPermission, type AppointmentView, type FrontDeskService } from './service.ts';
import { lifecycleActions, lifecycleStatuses } from './transitions.ts';

const slot = z.object({ start: z.string(), end: z.string() });
const created = z.object({ id: z.number().int(), status: z.enum(lifecycleStatuses), start: z.string(), end: z.string(), patientId: z.number().int() });
const appointment = z.object({
  id: z.number().int(),
  status: z.enum(lifecycleStatuses),
  start: z.string(),
  end: z.string(),
  source: z.string().describe('online | phone | waitlist'),
  service: z.object({ key: z.string(), name: z.string() }),
  patient: z.object({ id: z.number().int(), name: z.string(), phone: z.string(), email: z.string().nullable() }),
  resources: z.array(z.object({ key: z.string(), name: z.string() })),
  note: z.string().describe('Staff-only'),
  cancelReason: z.string().nullable(),
  cancelledBy: z.string().nullable(),
  actions: z.array(z.enum(lifecycleActions)).describe('What the status allows and the caller may do'),
  history: z.array(z.object({ from: z.string().nullable(), to: z.string(), at: z.string(), by: z.string(), staffName: z.string().nullable(), reason: z.string().nullable() })),
});
const statusResponse = z.object({ id: z.number().int(), status: z.enum(lifecycleStatuses) });

function isJson(request: FastifyRequest): boolean {
  return /^application\/json\s*(;|$)/i.test(String(request.headers['content-type'] ?? ''));
}

function idParam(request: FastifyRequest): number {
  const raw = (request.params as { id: string }).id;
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw new NotFound();
  return Number(raw);
}

export function registerFrontDeskApi(app: FastifyInstance, frontdesk: FrontDeskService): void {
  const zone = () => frontdesk.timeZone;
  const iso = (at: number) => toIsoInZone(at, zone());
  const present = (a: AppointmentView) => ({
    id: a.id,
    status: a.status,
    start: iso(a.start),
    end: iso(a.end),
    source: a.source,
    service: a.service,
    patient: a.patient,
    resources: a.resources,
    note: a.note,
    cancelReason: a.cancelReason,
    cancelledBy: a.cancelledBy,
    actions: a.actions,
    history: a.history.map((h) => ({ ...h, at: iso(h.at) })),
  });
  const slotTaken = (reply: FastifyReply, err: SlotTaken) =>
    sendProblem(reply, 409, 'That slot was just taken', { alternatives: err.alternatives.map((s) => ({ start: iso(s.start), end: iso(s.end) })) });

  staffRoute(app, 'POST', '/api/v1/appointments', 'appointments.manage', async (request, reply, signed) => {
    reply.header('cache-control', 'no-store');
    if (!isJson(request)) return sendProblem(reply, 415, 'Send application/json');
    const header = request.headers['idempotency-key'];
    try {
      const result = await frontdesk.bookForCaller(signed, request.body, { ip: request.ip, idempotencyKey: Array.isArray(header) ? header.join(',') : header });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return await reply.code(201).send({ id: result.id, status: result.status, start: iso(result.start), end: iso(result.end), patientId: result.patientId });
    } catch (err) {
      if (err instanceof SlotTaken) return slotTaken(reply, err);
      throw err;
    }
  });

  staffRoute(app, 'GET', '/api/v1/appointments/:id', 'appointments.view', async (request, reply, signed) => {
    return reply.header('cache-control', 'no-store').send(present(await frontdesk.appointment(signed, idParam(request))));
  });

  for (const action of lifecycleActions) {
    staffRoute(app, 'POST', `/api/v1/appointments/:id/${action}`, actionPermission(action), async (request, reply, signed) => {
      reply.header('cache-control', 'no-store');
      const id = idParam(request);
      const hasBody = request.body !== undefined && request.body !== null && request.body !== '';
      if (hasBody && !isJson(request)) return sendProblem(reply, 415, 'Send application/json');
      try {
        const { status } = await frontdesk.changeStatus(signed, id, action, hasBody ? request.body : {}, { ip: request.ip });
        return await reply.send({ id, status });
      } catch (err) {
        // A refused transition: 409 with the reason in the person's language (the title), as the HTML page shows it.
        if (err instanceof Conflict) return sendProblem(reply, 409, err.message);
        throw err;
      }
    });
  }

  describe(app.openapi);
}

function describe(openapi: OpenApiRegistry): void {
  const tags = ['front desk'];
  const bodyRef = openapi.schema('PhoneBookingRequest', phoneBookingInput, 'input');
  const createdRef = openapi.schema('PhoneBooking', created);
  const appointmentRef = openapi.schema('StaffAppointment', appointment);
  const statusRef = openapi.schema('AppointmentStatus', statusResponse);
  const cancelRef = openapi.schema('StaffCancelRequest', cancelByStaffInput, 'input');
  const takenRef = openapi.schema('PhoneBookingSlotTaken', problem.extend({ alternatives: z.array(slot) }));
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
  const csrf = { name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' } };

  openapi.path('/appointments', 'post', {
    summary: 'Book a caller (front desk)',
    description: [
      'Needs appointments.manage. Source `phone`. Give `patientId` or a new `patient`.',
      'No minimum notice or online horizon applies, but never the past; working hours, leave, holidays and existing bookings (buffers included) do.',
      '`resources` pins the resources by hand (one per requirement); the occupancy table still refuses any taken cell.',
      'Send an `Idempotency-Key` to make a double submit book once.',
      '`consent.kvkkNoticeGiven` must be true: the caller was told about the KVKK information notice and where to read it (`/tr/ucretsiz-muayene/aydinlatma-metni`, `/en/free-examination/privacy-notice`). The current notice version in the patient’s language is recorded in the consent ledger with the appointment, as is `consent.whatsapp` when true (the WhatsApp opt-in). Without it: 422, `errors["consent.kvkkNoticeGiven"]` (or `errors.consent` when the object is missing).',
    ].join('\n\n'),
    tags,
    parameters: [csrf, { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }],
    requestBody: jsonBody(bodyRef),
    responses: {
      201: jsonResponse('Booked', createdRef),
      409: problemResponse('That slot was just taken; `alternatives` lists the next free starts', takenRef),
      415: problemResponse('Body is not application/json'),
      422: problemResponse('Invalid fields, or the KVKK notice not confirmed (`consent.kvkkNoticeGiven`)'),
    },
  });
  openapi.path('/appointments/{id}', 'get', {
    summary: 'One appointment with its resources, staff notes, status history and allowed actions',
    tags,
    parameters: [id],
    responses: { 200: jsonResponse('OK', appointmentRef), 404: problemResponse('Unknown appointment') },
  });
  const summaries: Record<(typeof lifecycleActions)[number], string> = {
    confirm: 'Confirm (requested → confirmed)',
    'check-in': 'Check in (requested or confirmed → checked_in; from the appointment’s day on). Therapists may too',
    complete: 'Complete (checked_in → completed). Therapists may too',
    'no-show': 'Record a no-show (requested or confirmed → no_show; once it has started)',
    cancel: 'Cancel (requested or confirmed → cancelled): frees the time at once; optional reason and who asked',
  };
  for (const action of lifecycleActions) {
    openapi.path(`/appointments/{id}/${action}`, 'post', {
      summary: summaries[action],
      tags,
      parameters: [id, csrf],
      ...(action === 'cancel' ? { requestBody: jsonBody(cancelRef, false) } : {}),
      responses: {
        200: jsonResponse('Changed', statusRef),
        404: problemResponse('Unknown appointment'),
        409: problemResponse('Not allowed from the current status (or too early); the title says why'),
        415: problemResponse('Body is not application/json'),
        422: problemResponse('Invalid reason'),
      },
    });
  }
}
