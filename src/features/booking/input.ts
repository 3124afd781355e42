// Booking input: the zod schemas (types, validation, OpenAPI), phone and name normalisation, and localized field messages.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { fieldMessages, type FieldMessages } from '../../web/forms.ts';

export const complaints = ['spasm-cramps', 'pain', 'stroke', 'walking-balance', 'arm-hand', 'other'] as const;
export const spasmFrequencies = ['never', 'monthly', 'weekly', 'daily', 'several-daily'] as const;
export const triggers = ['hydration', 'diet-electrolytes', 'exertion', 'stress', 'sleep'] as const;

/** A custom issue whose message is a catalog key; bookingFieldMessages() translates it. */
function issue(ctx: z.core.$RefinementCtx, key: MessageKey, path: PropertyKey[] = []): void {
  ctx.addIssue({ code: 'custom', message: key, path });
}

const serviceKey = z.string().trim().min(1).max(100).describe('Service slug, e.g. free-examination');

/** ISO 8601 date and time with an explicit offset (Z or ±HH:MM); seconds optional. Returns epoch milliseconds. */
export const isoInstant = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const ms = parseIsoInstant(value);
    if (ms === undefined) {
      issue(ctx, 'booking.error.startFormat');
      return z.NEVER;
    }
    return ms;
  })
  .describe('ISO 8601 date and time with its UTC offset, e.g. 2026-12-03T10:30:00+03:00');

export function parseIsoInstant(value: string): number | undefined {
  const m = ISO_INSTANT.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  // Plain arithmetic for ordinary values (every booking request parses one); Luxon decides anything unusual.
  const ordinary =
    year >= 1000 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= new Date(Date.UTC(year, month, 0)).getUTCDate() &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 14 &&
    offsetMinutes <= 59;
  if (!ordinary) return parseIsoInstantWithLuxon(value);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  const offset = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** The reference for parseIsoInstant (and what it falls back to). */
export function parseIsoInstantWithLuxon(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** A real calendar date, YYYY-MM-DD (2026-02-30 is refused). */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

const calendarDate = z
  .string()
  .max(10)
  .refine(isCalendarDate, { error: 'booking.error.date' })
  .describe('Local date in the clinic’s time zone, YYYY-MM-DD');

// Names: letters from any script, marks, spaces and ordinary punctuation — but no control or bidi-override characters,
// which only serve to hide or reorder text in staff screens.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const forbiddenInName = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\ufeff]/;

export function normalizeName(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

// No length cap before normalising: the request body limit bounds the work, and the message names the real limit (120).
const fullName = z
  .string()
  .transform((v) => normalizeName(v))
  .pipe(
    z
      .string()
      .min(1)
      .max(120)
      .superRefine((v, ctx) => {
        if (forbiddenInName.test(v) || !/\p{L}/u.test(v)) issue(ctx, 'booking.error.name');
      }),
  )
  .describe('Full name, 1–120 characters after trimming');

/** Turkish numbers in any common spelling (0532 123 45 67, +90 532 123 4567, 532 123 4567), foreign ones with +. */
export function normalizePhone(value: string): string | undefined {
  const trimmed = value.trim();
  // Letters are refused outright: libphonenumber would read them as keypad digits (1-800-FLOWERS).
  if (!/^\+?[\d\s().\-/]{4,40}$/.test(trimmed)) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed, 'TR');
  return parsed?.isValid() ? parsed.number : undefined;
}

const phone = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const e164 = normalizePhone(value);
    if (!e164) {
      issue(ctx, 'booking.error.phone');
      return z.NEVER;
    }
    return e164;
  })
  .describe('Mobile phone number; Turkish formats accepted, foreign numbers with +; stored as E.164');

const email = z
  .string()
  .trim()
  .max(254)
  .refine((v) => v === '' || z.email().safeParse(v).success, { error: 'form.invalidEmail' })
  .optional()
  .transform((v) => v || undefined)
  .describe('Optional e-mail address (an empty string counts as none)');

export const intakeInput = z
  .object({
    complaint: z.enum(complaints).optional(),
    spasmFrequency: z.enum(spasmFrequencies).optional(),
    painScore: z.number().int().min(0).max(10).optional().describe('0 (no pain) – 10 (worst imaginable)'),
    triggers: z
      .array(z.enum(triggers))
      .max(triggers.length)
      .optional()
      .transform((list) => (list ? [...new Set(list)] : undefined)),
  })
  .strict()
  .describe('Health data: kept only when consent.healthData is true, otherwise discarded (the booking still succeeds)');

export const bookingInput = z
  .object({
    service: serviceKey,
    start: isoInstant,
    name: fullName,
    phone,
    email,
    locale: z.enum(['tr', 'en']).describe('The visitor’s language; also the language of the legal texts recorded'),
    consent: z
      .object({
        kvkk: z.boolean().describe('Must be true: the KVKK information notice (current version in `locale`) was shown'),
        healthData: z.boolean().default(false).describe('Explicit consent to keep the intake answers (health data)'),
        whatsapp: z.boolean().default(false).describe('Opt-in to appointment confirmations and reminders on WhatsApp (recorded in the consent ledger)'),
      })
      .strict()
      .superRefine((c, ctx) => {
        if (!c.kvkk) issue(ctx, 'booking.error.notice', ['kvkk']);
      }),
    intake: intakeInput.optional(),
    website: z.string().max(2000).optional().describe('Honeypot: leave empty or omit. A filled value is refused with a generic 422'),
  })
  .strict();

export type BookingInput = z.input<typeof bookingInput>;
export type ParsedBooking = z.output<typeof bookingInput>;
export type IntakeAnswers = NonNullable<ParsedBooking['intake']>;

export const availabilityQuery = z
  .object({ service: serviceKey, from: calendarDate, to: calendarDate })
  .superRefine((q, ctx) => {
    if (isCalendarDate(q.from) && isCalendarDate(q.to) && q.to < q.from) issue(ctx, 'booking.error.range', ['to']);
  });

export const rescheduleInput = z.object({ start: isoInstant }).strict();
export const cancelInput = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const appointmentListQuery = z
  .object({
    from: calendarDate,
    to: calendarDate,
    status: z.enum(['requested', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show']).optional(),
    serviceKey: serviceKey.optional(),
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .superRefine((q, ctx) => {
    if (isCalendarDate(q.from) && isCalendarDate(q.to) && q.to < q.from) issue(ctx, 'booking.error.range', ['to']);
  });

/** fieldMessages() plus our own custom issues, whose message is a catalog key. */
export function bookingFieldMessages(error: z.ZodError, t: Translate, params: Record<string, string | number> = {}): FieldMessages {
  const out = fieldMessages(error, t);
  const seen = new Set<string>();
  for (const i of error.issues) {
    const key = i.path.map(String).join('.') || '_';
    if (seen.has(key)) continue;
    seen.add(key);
    if (i.code === 'custom' && /^(booking|form)\./.test(i.message)) out[key] = t(i.message as MessageKey, params);
  }
  return out;
}
