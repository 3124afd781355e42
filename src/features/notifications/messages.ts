// Appointment messages in the patient's language: plain text + HTML + an .ics invitation (e-mail), a template with
// parameters + a fallback text (WhatsApp). They say when and where — service, date, time, practitioner, address — and
// never why: nothing from the intake, no complaint, no cancellation reason.
import { translator, type Locale, type MessageKey } from '../../i18n/index.ts';
import { calendarFile } from '../booking/ics.ts';
import type { EmailAttachment } from './outbox.ts';
import type { AppointmentFacts } from './repo.ts';

export type CalendarKind = 'created' | 'confirmed' | 'moved' | 'cancelled';
export type MailKind = CalendarKind | 'reminder';

export interface Clinic {
  name: string;
  address: string;
  phone: string;
  email: string;
  timeZone: string;
  baseUrl: string;
}

const intlTag: Record<Locale, string> = { tr: 'tr-TR', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'day' | 'clock', locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}:${locale}:${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day' ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone };
    f = new Intl.DateTimeFormat(intlTag[locale], options);
    if (formatters.size > 100) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

export function formatDay(locale: Locale, instant: number, timeZone: string): string {
  return formatter('day', locale, timeZone).format(instant);
}

export function formatClock(locale: Locale, instant: number, timeZone: string): string {
  return formatter('clock', locale, timeZone).format(instant);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  attachments: EmailAttachment[];
}

export interface MailInput {
  kind: MailKind;
  facts: AppointmentFacts;
  clinic: Clinic;
  /** Manage link (only the confirmation has it: the token exists in clear only then). */
  manageUrl?: string | undefined;
  previous?: { start: number; end: number } | undefined;
  /** RFC 5545 SEQUENCE of the attached invitation. */
  sequence: number;
  now: number;
}

function subjectKey(kind: MailKind, status: string): MessageKey {
  if (kind === 'created' && status === 'requested') return 'notifications.mail.requested.subject';
  return `notifications.mail.${kind}.subject`;
}

function introKey(kind: MailKind, status: string): MessageKey {
  if (kind === 'created' && status === 'requested') return 'notifications.mail.requested.intro';
  return `notifications.mail.${kind}.intro`;
}

export function composeMail(input: MailInput): ComposedMail {
  const { kind, facts, clinic } = input;
  const locale = facts.locale;
  const t = translator(locale);
  const zone = clinic.timeZone;
  const date = formatDay(locale, facts.startsAt, zone);
  const time = formatClock(locale, facts.startsAt, zone);
  const timeRange = `${time}–${formatClock(locale, facts.endsAt, zone)}`;
  const previous = input.previous ? `${formatDay(locale, input.previous.start, zone)} ${formatClock(locale, input.previous.start, zone)}` : '';
  const subject = `${t(subjectKey(kind, facts.status), { date, time })} — ${clinic.name}`;
  const intro = t(introKey(kind, facts.status), { clinic: clinic.name, previous });
  const details: Array<[string, string]> = [
    [t('notifications.mail.label.service'), facts.serviceName],
    [t('notifications.mail.label.date'), date],
    [t('notifications.mail.label.time'), timeRange],
    ...(facts.practitioner && kind !== 'cancelled' ? [[t('notifications.mail.label.practitioner'), facts.practitioner] as [string, string]] : []),
    [t('notifications.mail.label.place'), `${clinic.name}, ${clinic.address}`],
  ];
  const home = `${clinic.baseUrl}/${locale}`;
  const closing: string[] = [];
  if (input.manageUrl && kind !== 'cancelled') closing.push(t('notifications.mail.manage', { url: input.manageUrl }));
  if (kind === 'cancelled') closing.push(t('notifications.mail.cancelled.rebook', { url: home, phone: clinic.phone }));
  const withCalendar = kind !== 'reminder';
  if (withCalendar) closing.push(t(kind === 'cancelled' ? 'notifications.mail.calendarCancel' : 'notifications.mail.calendar'));
  closing.push(t('notifications.mail.questions', { phone: clinic.phone }));

  const greeting = t('notifications.mail.greeting', { name: facts.patientName });
  const footer = t('notifications.mail.footer', { clinic: clinic.name });
  const labelWidth = Math.max(...details.map(([label]) => label.length));
  const text = [
    greeting,
    '',
    intro,
    '',
    ...details.map(([label, value]) => `${`${label}:`.padEnd(labelWidth + 2)}${value}`),
    '',
    ...closing,
    '',
    clinic.name,
    clinic.address,
    clinic.phone,
    '',
    footer,
    '',
  ].join('\n');

  const cell = 'padding:4px 12px 4px 0;vertical-align:top';
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2933;max-width:600px;margin:0 auto;padding:16px">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    '<table role="presentation" style="border-collapse:collapse;margin:8px 0 16px">',
    ...details.map(([label, value]) => `<tr><th scope="row" style="${cell};text-align:left;font-weight:bold">${escapeHtml(label)}</th><td style="${cell}">${escapeHtml(value)}</td></tr>`),
    '</table>',
    input.manageUrl && kind !== 'cancelled'
      ? `<p><a href="${escapeHtml(input.manageUrl)}" style="display:inline-block;background:#0b6e6e;color:#ffffff;padding:10px 16px;border-radius:4px;text-decoration:none">${escapeHtml(t('notifications.mail.manageLink'))}</a></p>`
      : '',
    kind === 'cancelled' ? `<p>${escapeHtml(t('notifications.mail.cancelled.rebook', { url: home, phone: clinic.phone })).replace(escapeHtml(home), `<a href="${escapeHtml(home)}">${escapeHtml(home)}</a>`)}</p>` : '',
    withCalendar ? `<p>${escapeHtml(t(kind === 'cancelled' ? 'notifications.mail.calendarCancel' : 'notifications.mail.calendar'))}</p>` : '',
    `<p>${escapeHtml(t('notifications.mail.questions', { phone: clinic.phone }))}</p>`,
    `<p style="color:#52606d;font-size:14px">${escapeHtml(clinic.name)}<br>${escapeHtml(clinic.address)}<br>${escapeHtml(clinic.phone)}</p>`,
    `<p style="color:#52606d;font-size:12px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');

  const attachments: EmailAttachment[] = [];
  if (withCalendar && facts.patientEmail) {
    const method = kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
    const ics = calendarFile(
      {
        uid: appointmentUid(facts.id, clinic.baseUrl),
        start: facts.startsAt,
        end: facts.endsAt,
        stamp: input.now,
        summary: `${clinic.name} — ${facts.serviceName}`,
        location: `${clinic.name}, ${clinic.address}`,
        description: [input.manageUrl && kind !== 'cancelled' ? t('notifications.mail.manage', { url: input.manageUrl }) : '', t('notifications.mail.questions', { phone: clinic.phone })].filter(Boolean).join('\n'),
        ...(input.manageUrl && kind !== 'cancelled' ? { url: input.manageUrl } : {}),
        status: kind === 'cancelled' ? 'CANCELLED' : facts.status === 'requested' ? 'TENTATIVE' : 'CONFIRMED',
        sequence: input.sequence,
        timeZone: zone,
      },
      `-//${clinic.name.replace(/[^\p{L}\p{N} .-]/gu, '')}//Rehab Center//${locale.toUpperCase()}`,
      { method, organizer: { name: clinic.name, email: clinic.email }, attendee: { name: facts.patientName, email: facts.patientEmail } },
    );
    attachments.push({ filename: `${t('notifications.mail.icsFilename')}.ics`, contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics });
  }
  return { subject, text, html, attachments };
}

/** The same UID as the manage page's "add to calendar" download, so both update one calendar entry. */
export function appointmentUid(appointmentId: number, baseUrl: string): string {
  return `appointment-${appointmentId}@${new URL(baseUrl).hostname}`;
}

export interface ComposedWhatsApp {
  text: string;
  params: string[];
}

/** WhatsApp confirmation or reminder: template parameters {{1}} name, {{2}} service, {{3}} date, {{4}} time, {{5}} address. */
export function composeWhatsApp(kind: 'confirmation' | 'reminder', facts: AppointmentFacts, clinic: Clinic): ComposedWhatsApp {
  const locale = facts.locale;
  const t = translator(locale);
  const date = formatDay(locale, facts.startsAt, clinic.timeZone);
  const time = formatClock(locale, facts.startsAt, clinic.timeZone);
  const address = `${clinic.name}, ${clinic.address}`;
  return {
    text: t(`notifications.whatsapp.${kind}`, { clinic: clinic.name, service: facts.serviceName, date, time, address: clinic.address }),
    params: [facts.patientName, facts.serviceName, date, time, address],
  };
}
