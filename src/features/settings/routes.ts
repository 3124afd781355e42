// HTTP for the clinic settings page (admin): one form, validated field by field, saved with an audit row.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Translate } from '../../i18n/index.ts';
import { fieldMessages, formValues, type FieldMessages, type FormValues } from '../../web/forms.ts';
import { adminT, sendAdmin } from '../staff/admin-page.ts';
import { requestMeta, staffRoute } from '../staff/http.ts';
import type { Signed } from '../staff/service.ts';
import { clinicSettingsSchema, sensitiveSettingKeys, type ClinicSettings } from './schema.ts';
import { weekdays, SettingsForm } from './views/settings-form.tsx';
import { dayText, parseDayText, type WeeklyHours } from './weekly-hours.ts';

const URL_PATH = '/admin/settings';
const hourFields = ['openingHours', 'whatsappHours'] as const;
const MAX_DAY_TEXT = 200;
const MAX_INTERVALS_PER_DAY = 6;

/** Plain-text fields shown on the public site: no markup characters, no control characters. */
const singleLine = ['clinicName', 'address', 'ctaLabel.tr', 'ctaLabel.en'] as const;
const multiLine = ['whatsappMessage.tr', 'whatsappMessage.en'] as const;

let zoneList: string[] | undefined;
function timeZones(current: string): string[] {
  zoneList ??= Intl.supportedValuesOf('timeZone');
  return zoneList.includes(current) ? zoneList : [current, ...zoneList];
}

/** Strips spaces, dashes, dots, parentheses and a leading + or 00; a Turkish 0XXX XXX XX XX gets the 90 country code. */
export function normalizeWhatsappNumber(input: string): string | undefined {
  let digits = input.trim().replace(/[\s\-().]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (/^0\d{10}$/.test(digits)) digits = `90${digits.slice(1)}`;
  return /^[1-9]\d{7,14}$/.test(digits) ? digits : undefined;
}

function hoursText(hours: WeeklyHours, day: number): string {
  return dayText(hours, day).replaceAll('–', '-');
}

/** The form's text for the stored settings. */
export function settingsToForm(s: ClinicSettings): FormValues {
  const values: FormValues = {
    clinicName: s.clinicName,
    address: s.address,
    phone: s.phone,
    email: s.email,
    mapUrl: s.mapUrl,
    whatsappNumber: `+${s.whatsappNumber}`,
    'whatsappMessage.tr': s.whatsappMessage.tr,
    'whatsappMessage.en': s.whatsappMessage.en,
    timeZone: s.timeZone,
    defaultLocale: s.defaultLocale,
    'ctaLabel.tr': s.ctaLabel.tr,
    'ctaLabel.en': s.ctaLabel.en,
  };
  for (const field of hourFields) for (const day of weekdays) values[`${field}.${day}`] = hoursText(s[field], day);
  return values;
}

const formFields: readonly string[] = [
  'clinicName',
  'address',
  'phone',
  'email',
  'mapUrl',
  'whatsappNumber',
  'whatsappMessage.tr',
  'whatsappMessage.en',
  'timeZone',
  'defaultLocale',
  'ctaLabel.tr',
  'ctaLabel.en',
  ...hourFields.flatMap((field) => weekdays.map((day) => `${field}.${day}`)),
];

/** Every field the form has, as submitted (missing fields are empty); line endings normalized. */
function submitted(form: FormValues): FormValues {
  const values: FormValues = {};
  for (const name of formFields) values[name] = (form[name] ?? '').replace(/\r\n?/g, '\n');
  return values;
}

type Parsed = { ok: true; settings: ClinicSettings } | { ok: false; errors: FieldMessages };

/** Turns the submitted text into settings, or into one localized message per field. */
export function parseSettingsForm(values: FormValues, t: Translate, currentTimeZone: string): Parsed {
  const errors: FieldMessages = {};

  for (const name of singleLine) {
    if (/[<>]/.test(values[name]!)) errors[name] = t('settings.noMarkup');
    // eslint-disable-next-line no-control-regex
    else if (/[\u0000-\u001f\u007f]/.test(values[name]!)) errors[name] = t('form.invalid');
  }
  for (const name of multiLine) {
    const value = values[name]!;
    if (/[<>]/.test(value)) errors[name] = t('settings.noMarkup');
    // eslint-disable-next-line no-control-regex
    else if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(value)) errors[name] = t('form.invalid');
    else if (value.trim() !== '' && !value.includes('{page}')) errors[name] = t('settings.whatsappMessageNeedsPage');
  }

  const hours: Record<(typeof hourFields)[number], WeeklyHours> = { openingHours: [], whatsappHours: [] };
  for (const field of hourFields) {
    for (const day of weekdays) {
      const name = `${field}.${day}`;
      const text = values[name]!;
      if (text.length > MAX_DAY_TEXT) {
        errors[name] = t('form.tooLong', { max: MAX_DAY_TEXT });
        continue;
      }
      const parsed = parseDayText(day, text);
      if (!parsed.ok || parsed.intervals.length > MAX_INTERVALS_PER_DAY) errors[name] = t('settings.hoursInvalid');
      else hours[field].push(...parsed.intervals);
    }
  }

  const rawNumber = values.whatsappNumber!.trim();
  const whatsappNumber = normalizeWhatsappNumber(rawNumber);
  if (rawNumber === '') errors.whatsappNumber = t('form.required');
  else if (!whatsappNumber) errors.whatsappNumber = t('settings.whatsappNumberInvalid');

  const timeZone = values.timeZone!;
  if (!timeZones(currentTimeZone).includes(timeZone)) errors.timeZone = t('form.invalidChoice');

  const candidate = {
    clinicName: values.clinicName!.trim(),
    address: values.address!.trim(),
    phone: values.phone!.trim(),
    email: values.email!.trim(),
    mapUrl: values.mapUrl!.trim(),
    openingHours: hours.openingHours,
    whatsappNumber: whatsappNumber ?? '',
    whatsappHours: hours.whatsappHours,
    whatsappMessage: { tr: values['whatsappMessage.tr']!.trim(), en: values['whatsappMessage.en']!.trim() },
    timeZone,
    defaultLocale: values.defaultLocale,
    ctaLabel: { tr: values['ctaLabel.tr']!.trim(), en: values['ctaLabel.en']!.trim() },
  };
  const result = clinicSettingsSchema.safeParse(candidate);
  if (!result.success) {
    const messages = fieldMessages(result.error, t);
    for (const issue of result.error.issues) {
      const key = issue.path.map(String).join('.');
      // Field-specific wording where the generic "not valid" would not help.
      if (values[key]?.trim() === '') messages[key] = t('form.required');
      else if (key === 'phone' && issue.code === 'invalid_format') messages.phone = t('settings.phoneInvalid');
    }
    for (const [key, message] of Object.entries(messages)) {
      // Hours and the number were checked above with clearer messages; the message pair's {page} rule too.
      if (key.startsWith('openingHours') || key.startsWith('whatsappHours') || key === 'whatsappNumber' || key === 'whatsappMessage') continue;
      errors[key] ??= message;
    }
  }
  if (Object.keys(errors).length > 0 || !result.success) {
    if (Object.keys(errors).length === 0) errors._ = t('form.invalid');
    return { ok: false, errors };
  }
  return { ok: true, settings: result.data };
}

export function registerSettingsRoutes(app: FastifyInstance): void {
  const { settings, staff } = app.services;

  const page = (request: FastifyRequest, reply: FastifyReply, signed: Signed, opts: { values: FormValues; errors?: FieldMessages; status?: number; notice?: string | undefined }) => {
    const t = adminT(request);
    return sendAdmin(request, reply, {
      title: t('settings.title'),
      active: URL_PATH,
      status: opts.status ?? 200,
      notice: opts.notice,
      body: SettingsForm({
        t,
        csrf: signed.session.csrfToken,
        values: opts.values,
        errors: opts.errors ?? {},
        timeZones: timeZones(settings.current.timeZone),
        reauth: staff.needsReauth(signed),
      }),
    });
  };

  staffRoute(app, 'GET', URL_PATH, 'settings.manage', (request, reply, signed) => {
    const t = adminT(request);
    const saved = (request.query as Record<string, unknown>).saved === '1';
    return page(request, reply, signed, { values: settingsToForm(settings.current), notice: saved ? t('settings.saved') : undefined });
  });

  staffRoute(app, 'POST', URL_PATH, 'settings.manage', async (request, reply, signed) => {
    const t = adminT(request);
    const form = formValues(request);
    const values = submitted(form);
    const current = settings.current;

    // A proof given with the form counts even when other fields still need fixing, so it need not be typed twice.
    let reauthError: string | undefined;
    const proof = (form.reauth ?? '').slice(0, 1024);
    if (staff.needsReauth(signed) && proof !== '') {
      if (!(await staff.reauthenticate(signed, proof))) reauthError = t('reauth.failed');
    }

    const parsed = parseSettingsForm(values, t, current.timeZone);
    if (!parsed.ok) {
      const errors = reauthError ? { ...parsed.errors, reauth: reauthError } : parsed.errors;
      return page(request, reply, signed, { values, errors, status: 422 });
    }

    const next = parsed.settings;
    const sensitiveChanged = sensitiveSettingKeys.some((key) => JSON.stringify(current[key]) !== JSON.stringify(next[key]));
    if (sensitiveChanged && staff.needsReauth(signed)) {
      return page(request, reply, signed, { values, errors: { reauth: reauthError ?? t('settings.reauthNeeded') }, status: 422 });
    }

    await settings.update(next, { at: app.services.now(), actor: { id: signed.user.id, email: signed.user.email }, ip: requestMeta(request).ip });
    return reply.redirect(`${URL_PATH}?saved=1`, 303);
  });
}
