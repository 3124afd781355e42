// Form helpers: a flat string view of a submitted body, and zod issues turned into localized field messages.
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Translate } from '../i18n/index.ts';

export type FormValues = Record<string, string>;

/** Only string fields, trimmed of nothing (the schema decides); arrays keep their first value; at most 200 fields. */
export function formValues(request: FastifyRequest): FormValues {
  const body = request.body;
  const out: FormValues = {};
  if (!body || typeof body !== 'object') return out;
  let n = 0;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (++n > 200) break;
    const v = Array.isArray(value) ? (value as unknown[])[0] : value;
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
  }
  return out;
}

export type FieldMessages = Record<string, string>;

/** First localized message per field path (joined with '.'). */
export function fieldMessages(error: z.ZodError, t: Translate): FieldMessages {
  const out: FieldMessages = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (out[key]) continue;
    out[key] = issueMessage(issue, t);
  }
  return out;
}

function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 ? t('form.required') : t('form.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('form.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('form.invalidEmail');
      if (issue.format === 'url') return t('form.invalidUrl');
      return t('form.invalid');
    case 'invalid_value':
      return t('form.invalidChoice');
    case 'invalid_type':
      // zod 4 leaves the input out of issues unless asked; its message names what it received.
      return /received undefined$/.test(issue.message) ? t('form.required') : t('form.invalid');
    default:
      return t('form.invalid');
  }
}
