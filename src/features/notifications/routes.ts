// Back office: /admin/messages (messages.view) — the outbox for staff: filters, one message's text, resend (audited),
// and for WhatsApp without the Cloud API the wa.me link with the text filled in plus "mark as sent" (audited).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { NotFound } from '../../errors.ts';
import type { OutboxRow, OutboxStatus } from '../../db/schema.ts';
import { formatNumber, type Locale, type MessageKey, type Translate } from '../../i18n/index.ts';
import { adminLocale, adminT, sendAdmin } from '../staff/admin-page.ts';
import { refuseMethods, requestMeta, staffRoute } from '../staff/http.ts';
import type { Signed } from '../staff/service.ts';
import type { NotificationService } from './service.ts';
import { MessageDetail, MessageList, type MessageFilterErrors, type MessageFilterForm, type MessageRowView } from './views/messages-page.tsx';

export const MESSAGES_PAGE_SIZE = 50;
const MAX_PAGE = 100_000;
const statuses: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'failed', 'cancelled', 'manual'];
const channels = ['email', 'whatsapp'] as const;
const knownKinds = ['appointment.created', 'appointment.confirmed', 'appointment.moved', 'appointment.cancelled', 'appointment.reminder', 'waitlist.offer', 'comment.reply'] as const;

export function kindLabel(t: Translate, kind: string): string {
  return (knownKinds as readonly string[]).includes(kind) ? t(`notifications.kind.${kind}` as MessageKey) : kind;
}

/** "ay•••@example.org", "+90 53•••••67": enough to tell messages apart, not a contact list. */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) {
    const local = recipient.slice(0, at);
    return `${local.slice(0, Math.min(2, Math.max(1, local.length - 1)))}•••@${recipient.slice(at + 1)}`;
  }
  if (recipient.length <= 6) return '•'.repeat(recipient.length);
  return `${recipient.slice(0, 5)}${'•'.repeat(recipient.length - 7)}${recipient.slice(-2)}`;
}

/** https://wa.me/<digits>?text=… — opens WhatsApp with the message filled in. */
export function waMeLink(phone: string, text: string): string {
  return `https://wa.me/${phone.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`;
}

function rawParam(query: Record<string, unknown>, name: string): string | null | undefined {
  const v = query[name];
  if (v === undefined || v === '') return undefined;
  return typeof v === 'string' ? v : null;
}

interface ParsedQuery {
  form: MessageFilterForm;
  errors: MessageFilterErrors;
  filter: { status?: OutboxStatus; channel?: 'email' | 'whatsapp'; kind?: string; appointmentId?: number };
  page: number;
}

function parseQuery(request: FastifyRequest, t: Translate, kinds: ReadonlySet<string>): ParsedQuery {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const out: ParsedQuery = { form: { status: '', channel: '', kind: '', appointment: '' }, errors: {}, filter: {}, page: 1 };
  const status = rawParam(query, 'status');
  if (status !== undefined) {
    if (status !== null && (statuses as readonly string[]).includes(status)) {
      out.filter.status = status as OutboxStatus;
      out.form.status = status;
    } else out.errors.status = t('notifications.filter.bad');
  }
  const channel = rawParam(query, 'channel');
  if (channel !== undefined) {
    if (channel === 'email' || channel === 'whatsapp') {
      out.filter.channel = channel;
      out.form.channel = channel;
    } else out.errors.channel = t('notifications.filter.bad');
  }
  const kind = rawParam(query, 'kind');
  if (kind !== undefined) {
    if (kind !== null && kinds.has(kind)) {
      out.filter.kind = kind;
      out.form.kind = kind;
    } else out.errors.kind = t('notifications.filter.bad');
  }
  const appointment = rawParam(query, 'appointment');
  if (appointment !== undefined) {
    const trimmed = appointment?.trim().replace(/^#/, '') ?? '';
    if (/^[1-9]\d{0,9}$/.test(trimmed) && Number(trimmed) <= 2_147_483_647) {
      out.filter.appointmentId = Number(trimmed);
      out.form.appointment = trimmed;
    } else {
      out.errors.appointment = t('notifications.filter.badNumber');
      out.form.appointment = (appointment ?? '').slice(0, 10);
    }
  }
  const page = rawParam(query, 'page');
  if (page !== undefined) {
    if (page !== null && /^[1-9]\d{0,6}$/.test(page) && Number(page) <= MAX_PAGE) out.page = Number(page);
    else out.errors.page = t('notifications.filter.badNumber');
  }
  return out;
}

function listHref(form: MessageFilterForm, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'channel', 'kind', 'appointment'] as const) if (form[key]) params.set(key, form[key]);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `/admin/messages?${qs}` : '/admin/messages';
}

function parseId(request: FastifyRequest): number {
  const raw = (request.params as { id?: string }).id ?? '';
  if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw new NotFound();
  return Number(raw);
}

export function registerMessageRoutes(app: FastifyInstance): void {
  const { settings } = app.services;
  const notifications = (): NotificationService => app.services.notifications;

  const when = (locale: Locale, instant: number) =>
    DateTime.fromMillis(instant, { zone: settings.current.timeZone })
      .setLocale(locale === 'tr' ? 'tr-TR' : 'en-GB')
      .toLocaleString(DateTime.DATETIME_MED);

  const configLines = (t: Translate): string[] => {
    const n = notifications();
    return [n.email.toFiles ? t('notifications.config.emailFiles', { dir: n.mailDir }) : t('notifications.config.emailSmtp'), n.whatsapp.configured ? t('notifications.config.whatsappOn') : t('notifications.config.whatsappOff')];
  };

  staffRoute(app, 'GET', '/admin/messages', 'messages.view', async (request, reply) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const service = notifications();
    // The kinds filter lists the kinds the code knows (not `select distinct` over the whole outbox).
    const counts = await service.counts();
    const allKinds: string[] = [...knownKinds];
    const q = parseQuery(request, t, new Set(allKinds));
    let page = q.page;
    const fetchPage = (n: number) => service.list({ ...q.filter, limit: MESSAGES_PAGE_SIZE, offset: (n - 1) * MESSAGES_PAGE_SIZE });
    let result = await fetchPage(page);
    const pages = Math.max(1, Math.ceil(result.total / MESSAGES_PAGE_SIZE));
    if (page > pages) {
      page = pages;
      result = await fetchPage(page);
    }
    const rows: MessageRowView[] = result.rows.map((r) => ({
      id: r.id,
      createdIso: new Date(r.created_at).toISOString(),
      created: when(locale, r.created_at),
      kindLabel: kindLabel(t, r.kind),
      channelLabel: t(`notifications.channel.${r.channel}`),
      recipient: maskRecipient(r.recipient),
      status: r.status,
      statusLabel: t(`notifications.status.${r.status}`),
      attempts: r.attempts,
      next: r.status === 'pending' ? when(locale, r.next_attempt_at) : '',
      error: r.status === 'sent' || r.status === 'cancelled' ? '' : (r.last_error ?? ''),
      waLink: r.status === 'manual' ? waMeLink(r.recipient, r.body_text) : undefined,
    }));
    const first = (page - 1) * MESSAGES_PAGE_SIZE + 1;
    const fmt = (n: number | undefined) => formatNumber(locale, n ?? 0);
    return sendAdmin(request, reply, {
      title: t('notifications.title'),
      active: '/admin/messages',
      status: Object.keys(q.errors).length ? 400 : 200,
      body: MessageList({
        t,
        config: configLines(t),
        counts: t('notifications.counts', { pending: fmt((counts.pending ?? 0) + (counts.sending ?? 0)), failed: fmt(counts.failed), manual: fmt(counts.manual) }),
        filters: q.form,
        errors: q.errors,
        statuses: statuses.map((s) => ({ value: s, label: t(`notifications.status.${s}`) })),
        channels: channels.map((c) => ({ value: c, label: t(`notifications.channel.${c}`) })),
        kinds: allKinds.map((k) => ({ value: k, label: kindLabel(t, k) })),
        rows,
        summary: result.total ? t('notifications.summary', { first: fmt(first), last: fmt(first + rows.length - 1), total: fmt(result.total) }) : '',
        newerHref: page > 1 ? listHref(q.form, page - 1) : undefined,
        olderHref: page < pages ? listHref(q.form, page + 1) : undefined,
      }),
    });
  });
  refuseMethods(app, '/admin/messages', ['POST', 'PUT', 'PATCH', 'DELETE'], 'GET, HEAD');

  const renderDetail = (request: FastifyRequest, reply: FastifyReply, signed: Signed, message: OutboxRow, options: { notice?: string; problem?: string; status?: number } = {}) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const none = t('notifications.detail.notYet');
    const attachments = message.attachments ? (JSON.parse(message.attachments) as Array<{ filename: string; contentType: string; content: string }>) : [];
    const template = message.whatsapp_template ? (JSON.parse(message.whatsapp_template) as { name: string; params: string[] }) : undefined;
    const facts: Array<[string, string]> = [
      [t('notifications.col.kind'), kindLabel(t, message.kind)],
      [t('notifications.filter.channel'), t(`notifications.channel.${message.channel}`)],
      [t('notifications.col.recipient'), message.recipient],
      [t('notifications.detail.language'), message.locale === 'tr' ? 'Türkçe' : 'English'],
      [t('notifications.col.created'), when(locale, message.created_at)],
      [t('notifications.col.attempts'), String(message.attempts)],
      [t('notifications.col.next'), message.status === 'pending' ? when(locale, message.next_attempt_at) : none],
      [t('notifications.detail.sentAt'), message.sent_at !== null ? when(locale, message.sent_at) : none],
      ...(message.provider_id ? [[t('notifications.detail.providerId'), message.provider_id] as [string, string]] : []),
      ...(message.resend_of !== null ? [[t('notifications.detail.resendOf'), `#${message.resend_of}`] as [string, string]] : []),
    ];
    return sendAdmin(request, reply, {
      title: t('notifications.detail.title', { id: message.id }),
      active: '/admin/messages',
      notice: options.notice,
      status: options.status ?? 200,
      body: MessageDetail({
        t,
        csrfToken: signed.session.csrfToken,
        id: message.id,
        facts,
        status: message.status,
        statusLabel: t(`notifications.status.${message.status}`),
        error: message.status === 'sent' ? '' : (message.last_error ?? ''),
        subject: message.subject,
        text: message.body_text,
        html: message.body_html,
        attachments: attachments.map((a) => `${a.filename} (${a.contentType.split(';')[0]})`),
        template: template ? `${template.name}(${template.params.map((p) => JSON.stringify(p)).join(', ')})` : null,
        appointment: message.appointment_id !== null ? { href: `/admin/messages?appointment=${message.appointment_id}`, label: `#${message.appointment_id}` } : undefined,
        waLink: message.status === 'manual' ? waMeLink(message.recipient, message.body_text) : undefined,
        canResend: message.status !== 'pending' && message.status !== 'sending',
        problem: options.problem,
      }),
    });
  };

  staffRoute(app, 'GET', '/admin/messages/:id', 'messages.view', async (request, reply, signed) => {
    const message = await notifications().find(parseId(request));
    if (!message) throw new NotFound();
    const query = (request.query ?? {}) as Record<string, unknown>;
    const t = adminT(request);
    const notice = query.resent === '1' ? t('notifications.notice.resent') : query.marked === '1' ? t('notifications.notice.markedSent') : undefined;
    return renderDetail(request, reply, signed, message, notice ? { notice } : {});
  });

  staffRoute(app, 'POST', '/admin/messages/:id/resend', 'messages.view', async (request, reply, signed) => {
    const id = parseId(request);
    const result = await notifications().resend(id, { id: signed.user.id, email: signed.user.email }, requestMeta(request).ip);
    if (result.ok) return reply.redirect(`/admin/messages/${result.id}?resent=1`, 303);
    if (result.reason === 'not-found') throw new NotFound();
    const message = await notifications().find(id);
    if (!message) throw new NotFound();
    return renderDetail(request, reply, signed, message, { problem: adminT(request)('notifications.error.stillPending'), status: 409 });
  });

  staffRoute(app, 'POST', '/admin/messages/:id/sent', 'messages.view', async (request, reply, signed) => {
    const id = parseId(request);
    const done = await notifications().markManualSent(id, { id: signed.user.id, email: signed.user.email }, requestMeta(request).ip);
    if (done) return reply.redirect(`/admin/messages/${id}?marked=1`, 303);
    const message = await notifications().find(id);
    if (!message) throw new NotFound();
    return renderDetail(request, reply, signed, message, { problem: adminT(request)('notifications.error.notManual'), status: 409 });
  });
}
