// Front-desk input: zod schemas for a phone booking, a status change and a waitlist entry (forms and JSON alike).
import { z } from 'zod';
import { isoInstant, isCalendarDate, normalizeName, normalizePhone } from '../booking/input.ts';

const serviceKey = z.string().trim().min(1).max(100).describe('Service slug, e.g. robotic-gait');

const name = z
  .string()
  .transform((v) => normalizeName(v))
  .pipe(z.string().min(1).max(120).refine((v) => /\p{L}/u.test(v) && !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(v), { error: 'frontdesk.error.name' })); // eslint-disable-line no-control-regex

const phone = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const e164 = normalizePhone(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'booking.error.phone' });
      return z.NEVER;
    }
    return e164;
  })
  .describe('Phone number; Turkish spellings accepted, foreign ones with +');

const email = z
  .string()
  .trim()
  .max(254)
  .refine((v) => v === '' || z.email().safeParse(v).success, { error: 'form.invalidEmail' })
  .optional()
  .transform((v) => v || undefined);

export const newPatientInput = z
  .object({ name, phone, email, locale: z.enum(['tr', 'en']).default('tr').describe('Language of the patient’s messages') })
  .strict();

/**
 * What the front desk confirms about the KVKK information notice (phone bookings, waitlist entries):
 * `kvkkNoticeGiven` must be true — the caller was told about the notice and where to read it; its current version in
 * the patient's language is recorded in the consent ledger. `extra` adds fields of the form's own (the WhatsApp box).
 */
export function noticeConsent<Extra extends z.ZodRawShape>(extra: Extra) {
  return z
    .object(
      {
        kvkkNoticeGiven: z
          .boolean()
          .describe('Must be true: the caller was told about the KVKK information notice and where to read it (its current version in the patient’s language is recorded)'),
        ...extra,
      },
      // Missing altogether: the same message as an unticked box, not a bare "required".
      { error: (issue) => (issue.input === undefined ? 'frontdesk.error.kvkkNotice' : undefined) },
    )
    .strict()
    .superRefine((c, ctx) => {
      if ((c as { kvkkNoticeGiven?: unknown }).kvkkNoticeGiven !== true) ctx.addIssue({ code: 'custom', message: 'frontdesk.error.kvkkNotice', path: ['kvkkNoticeGiven'] });
    });
}

export const phoneBookingInput = z
  .object({
    service: serviceKey,
    start: isoInstant,
    patientId: z.number().int().positive().optional().describe('An existing patient; otherwise give `patient`'),
    patient: newPatientInput.optional(),
    resources: z
      .array(z.string().regex(/^(practitioner|device|room):\d{1,9}$/))
      .max(6)
      .optional()
      .describe('Manual override: the resource keys to use, one per requirement (e.g. ["practitioner:2","device:1","room:1"])'),
    notes: z.string().max(2000).optional().describe('Staff-only notes; never shown to the patient'),
    consent: noticeConsent({
      whatsapp: z.boolean().default(false).describe('The caller asked for appointment messages on WhatsApp (recorded in the consent ledger)'),
    }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.patientId === undefined && v.patient === undefined) ctx.addIssue({ code: 'custom', message: 'frontdesk.error.patient', path: ['patient'] });
  });
export type PhoneBookingInput = z.infer<typeof phoneBookingInput>;

export const cancelByStaffInput = z
  .object({
    reason: z.string().trim().max(500).optional(),
    by: z.enum(['clinic', 'patient']).default('clinic').describe('Who asked for the cancellation (the patient may call to cancel)'),
  })
  .strict();

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "09:00-12:00" ranges; start before end. */
export const timeRange = z
  .string()
  .trim()
  .refine((v) => {
    const m = /^(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})$/.exec(v);
    return Boolean(m && hhmm.test(m[1]!) && hhmm.test(m[2]!) && m[1]! < m[2]!);
  }, { error: 'frontdesk.error.timeRange' })
  .transform((v) => v.replace(/\s*[-–]\s*/, '-'));

const calendarDate = z.string().refine(isCalendarDate, { error: 'booking.error.date' });

export const waitlistInput = z
  .object({
    service: serviceKey,
    patientId: z.number().int().positive().optional(),
    patient: newPatientInput.optional(),
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]).describe('ISO weekdays (1 = Monday); empty = any day'),
    timeRanges: z.array(timeRange).max(4).default([]).describe('Local time ranges such as 09:00-12:00; empty = any time'),
    dateFrom: calendarDate,
    dateTo: calendarDate,
    notes: z.string().max(1000).default(''),
    consent: noticeConsent({
      whatsapp: z.boolean().default(false).describe('The caller asked for messages on WhatsApp — waitlist offers and appointment messages (recorded in the consent ledger)'),
    }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.patientId === undefined && v.patient === undefined) ctx.addIssue({ code: 'custom', message: 'frontdesk.error.patient', path: ['patient'] });
    if (v.dateTo < v.dateFrom) ctx.addIssue({ code: 'custom', message: 'frontdesk.error.dateRange', path: ['dateTo'] });
  });
export type WaitlistInput = z.infer<typeof waitlistInput>;
