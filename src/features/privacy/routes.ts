// Back-office routes for data-subject requests (privacy.manage): /admin/privacy and one person's file.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Conflict, Invalid, NotFound } from '../../errors.ts';
import { formatNumber } from '../../i18n/index.ts';
import { formValues } from '../../web/forms.ts';
import { formatLongDate, formatTime } from '../booking/views/format.ts';
import { adminLocale, adminT, sendAdmin } from '../staff/admin-page.ts';
import { hasFreshProof, requestMeta, staffRoute } from '../staff/http.ts';
import type { Signed } from '../staff/service.ts';
import { PrivacyService, SEARCH_LIMIT, type CommentByEmail } from './service.ts';
import { PrivacyFile, PrivacySearch, type CommentsView, type FileForms, type FileView } from './views/privacy-pages.tsx';

/** What onLivePatient returns when the action was refused (the page has been sent). */
const refused = Symbol('refused');
const notices = { withdrawn: 'privacy.withdraw.done', erased: 'privacy.erase.done', whatsappOff: 'privacy.whatsapp.done', whatsappAlreadyOff: 'privacy.whatsapp.alreadyOff' } as const;

function patientId(request: FastifyRequest): number {
  const raw = (request.params as { id?: unknown } | undefined)?.id;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw new NotFound();
  return Number(raw);
}

export function registerPrivacyRoutes(app: FastifyInstance): void {
  const { database, settings, now } = app.services;
  const privacy = new PrivacyService(database.db, now, settings);
  const zone = () => settings.current.timeZone;

  /** The "Comments by e-mail address" part of the search page: the form, and the comments found with their actions. */
  const commentsView = async (request: FastifyRequest, signed: Signed, email: string, opts: { eraseError?: string; reauthError?: string } = {}): Promise<{ view: CommentsView; status: number }> => {
    const t = adminT(request);
    const base: CommentsView = { email: email.slice(0, 254), csrf: signed.session.csrfToken, reauthNeeded: request.server.services.staff.needsReauth(signed), ...opts };
    if (email.trim() === '') return { view: base, status: 200 };
    let found: CommentByEmail[];
    try {
      found = await privacy.commentsByEmail(signed, email, requestMeta(request));
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return { view: { ...base, error: t('privacy.comments.invalid') }, status: 422 };
    }
    const locale = adminLocale(request);
    const rows = found.map((c) => {
      const chars = Array.from(c.body.replace(/\s+/g, ' ').trim());
      return {
        article: c.articleTitle ?? '—',
        language: c.locale === 'tr' ? 'Türkçe' : 'English',
        date: `${formatLongDate(locale, c.createdAt, zone())} ${formatTime(locale, c.createdAt, zone())}`,
        status: t(`comments.admin.status.${c.status}`),
        excerpt: chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : chars.join(''),
        answer: c.parentId !== null,
      };
    });
    return { view: { ...base, rows, summary: t('privacy.comments.count', { count: formatNumber(locale, rows.length) }) }, status: 200 };
  };

  const commentNotice = (request: FastifyRequest): string | undefined => {
    const q = request.query as Record<string, unknown>;
    if (q.notice !== 'commentsErased') return undefined;
    const n = (v: unknown) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? v : '0');
    return adminT(request)('privacy.comments.erased', { count: n(q.count), replies: n(q.replies), messages: n(q.messages) });
  };

  staffRoute(app, 'GET', '/admin/privacy', 'privacy.manage', async (request, reply, signed) => {
    const t = adminT(request);
    const raw = (request.query as Record<string, unknown>).q;
    const query = typeof raw === 'string' ? raw : '';
    const rawEmail = (request.query as Record<string, unknown>).email;
    const email = typeof rawEmail === 'string' ? rawEmail : '';
    const notice = commentNotice(request);
    if (query === '') {
      const { view: comments, status } = await commentsView(request, signed, email);
      return sendAdmin(request, reply, { title: t('privacy.title'), active: '/admin/privacy', status, notice, body: PrivacySearch({ t, query, comments }) });
    }
    const { view: comments } = await commentsView(request, signed, '');
    let found;
    try {
      found = await privacy.search(signed, query, requestMeta(request));
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      return sendAdmin(request, reply, { title: t('privacy.title'), active: '/admin/privacy', status: 422, body: PrivacySearch({ t, query: query.slice(0, 100), error: t('privacy.search.invalid'), comments }) });
    }
    const locale = adminLocale(request);
    const rows = found.map((p) => ({
      href: `/admin/privacy/patients/${p.id}`,
      name: p.fullName,
      phone: p.phone,
      email: p.email ?? '—',
      since: formatLongDate(locale, p.createdAt, zone()),
      appointments: p.appointments,
    }));
    const summary = t('privacy.search.count', { count: formatNumber(locale, rows.length), limit: SEARCH_LIMIT });
    return sendAdmin(request, reply, { title: t('privacy.title'), active: '/admin/privacy', body: PrivacySearch({ t, query, rows, summary, comments }) });
  });

  const formEmail = (request: FastifyRequest): string => {
    const v = formValues(request).email;
    return typeof v === 'string' ? v : '';
  };
  const commentsPage = async (request: FastifyRequest, reply: FastifyReply, signed: Signed, status: number, opts: { eraseError?: string; reauthError?: string }) => {
    const t = adminT(request);
    const { view: comments, status: found } = await commentsView(request, signed, formEmail(request), opts);
    return sendAdmin(request, reply, { title: t('privacy.title'), active: '/admin/privacy', status: found === 200 ? status : found, body: PrivacySearch({ t, query: '', comments }) });
  };

  staffRoute(app, 'POST', '/admin/privacy/comments/export', 'privacy.manage', async (request, reply, signed) => {
    let body;
    try {
      body = await privacy.exportComments(signed, formEmail(request), requestMeta(request));
    } catch (err) {
      if (err instanceof Invalid) return commentsPage(request, reply, signed, 422, {});
      throw err;
    }
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="comments-data.json"')
      .header('cache-control', 'no-store')
      .send(JSON.stringify(body, null, 2));
  });

  staffRoute(app, 'POST', '/admin/privacy/comments/erase', 'privacy.manage', async (request, reply, signed) => {
    const t = adminT(request);
    if (formValues(request).confirm !== 'yes') return commentsPage(request, reply, signed, 422, { eraseError: t('privacy.comments.confirmRequired') });
    if (!(await hasFreshProof(request, signed))) {
      return commentsPage(request, reply, signed, 422, { reauthError: formValues(request).reauth ? t('reauth.failed') : t('staff.reauthRequired') });
    }
    let counts;
    try {
      counts = await privacy.eraseComments(signed, formEmail(request), requestMeta(request));
    } catch (err) {
      if (err instanceof Invalid) return commentsPage(request, reply, signed, 422, {});
      throw err;
    }
    return reply.redirect(`/admin/privacy?notice=commentsErased&count=${counts.comments}&replies=${counts.replies}&messages=${counts.messages}`, 303);
  });

  const filePage = async (request: FastifyRequest, reply: FastifyReply, signed: Signed, opts: { status?: number; eraseError?: string; reauthError?: string; notice?: string } = {}) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const id = patientId(request);
    const file = await privacy.file(signed, id, requestMeta(request));
    const when = (ms: number) => `${formatLongDate(locale, ms, zone())} ${formatTime(locale, ms, zone())}`;
    const p = file.patient;
    const view: FileView = {
      id,
      erased: p.erasedAt === null ? undefined : t('privacy.file.erased', { date: formatLongDate(locale, p.erasedAt, zone()) }),
      person: [
        { label: t('privacy.col.name'), value: p.fullName || '—' },
        { label: t('privacy.col.phone'), value: p.phone || '—' },
        { label: t('privacy.col.email'), value: p.email ?? '—' },
        { label: t('privacy.file.language'), value: p.locale === 'tr' ? 'Türkçe' : 'English' },
        { label: t('privacy.col.since'), value: formatLongDate(locale, p.createdAt, zone()) },
      ],
      appointments: file.appointments.map((a) => ({
        service: a.serviceName,
        time: when(a.startsAt),
        status: t(`bookingPage.admin.status.${a.status as 'requested'}`),
        intake: a.intake === null ? t('privacy.file.intakeNone') : t('privacy.file.intakeHeld'),
      })),
      consents: file.consents.map((c) => ({
        text: c.kind === 'kvkk-notice' || c.kind === 'health-consent' || c.kind === 'whatsapp_opt_in' ? t(`privacy.consent.${c.kind}`) : c.kind,
        version: c.version,
        given: c.given ? t('privacy.consent.given') : t('privacy.consent.declined'),
        at: when(c.at),
      })),
      messages: file.messages.map((m) => ({ channel: m.channel, kind: m.kind, status: m.status, at: when(m.createdAt) })),
      whatsapp: file.whatsapp,
    };
    const forms: FileForms = { csrf: signed.session.csrfToken, reauthNeeded: request.server.services.staff.needsReauth(signed), eraseError: opts.eraseError, reauthError: opts.reauthError };
    const title = p.erasedAt === null ? t('privacy.file.title', { name: p.fullName }) : t('privacy.file.erasedTitle', { id });
    return sendAdmin(request, reply, { title, active: '/admin/privacy', status: opts.status ?? 200, notice: opts.notice, body: PrivacyFile({ t, view, forms }) });
  };

  /**
   * Runs an action on one person's file; when it is refused because the record was erased meanwhile (Conflict), the
   * file page says so (409) and `refused` comes back instead of the action's result.
   */
  const onLivePatient = async <T,>(request: FastifyRequest, reply: FastifyReply, signed: Signed, action: () => Promise<T>): Promise<T | typeof refused> => {
    try {
      return await action();
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      await filePage(request, reply, signed, { status: 409, eraseError: adminT(request)('privacy.erased.conflict') });
      return refused;
    }
  };

  staffRoute(app, 'GET', '/admin/privacy/patients/:id', 'privacy.manage', (request, reply, signed) => {
    const key = (request.query as Record<string, unknown>).notice;
    const notice = typeof key === 'string' && Object.hasOwn(notices, key) ? notices[key as keyof typeof notices] : undefined;
    const count = (request.query as Record<string, unknown>).count;
    return filePage(request, reply, signed, { notice: notice ? adminT(request)(notice, { count: typeof count === 'string' && /^\d{1,6}$/.test(count) ? count : '0' }) : undefined });
  });

  staffRoute(app, 'POST', '/admin/privacy/patients/:id/export', 'privacy.manage', async (request, reply, signed) => {
    const id = patientId(request);
    const body = await onLivePatient(request, reply, signed, () => privacy.exportFile(signed, id, requestMeta(request)));
    if (body === refused) return reply;
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="patient-${id}-data.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(body, null, 2));
  });

  staffRoute(app, 'POST', '/admin/privacy/patients/:id/withdraw-consent', 'privacy.manage', async (request, reply, signed) => {
    const id = patientId(request);
    const outcome = await onLivePatient(request, reply, signed, () => privacy.withdrawHealthConsent(signed, id, requestMeta(request)));
    if (outcome === refused) return reply;
    return reply.redirect(`/admin/privacy/patients/${id}?notice=withdrawn&count=${outcome.intakesDeleted}`, 303);
  });

  staffRoute(app, 'POST', '/admin/privacy/patients/:id/stop-whatsapp', 'privacy.manage', async (request, reply, signed) => {
    const id = patientId(request);
    const outcome = await onLivePatient(request, reply, signed, () => privacy.withdrawWhatsApp(signed, id, requestMeta(request)));
    if (outcome === refused) return reply;
    const notice = outcome.withdrawn ? 'whatsappOff' : 'whatsappAlreadyOff';
    return reply.redirect(`/admin/privacy/patients/${id}?notice=${notice}&count=${outcome.cancelled}`, 303);
  });

  staffRoute(app, 'POST', '/admin/privacy/patients/:id/erase', 'privacy.manage', async (request, reply, signed) => {
    const t = adminT(request);
    const id = patientId(request);
    if (formValues(request).confirm !== 'yes') return filePage(request, reply, signed, { status: 422, eraseError: t('privacy.erase.confirmRequired') });
    if (!(await hasFreshProof(request, signed))) {
      return filePage(request, reply, signed, { status: 422, reauthError: formValues(request).reauth ? t('reauth.failed') : t('staff.reauthRequired') });
    }
    try {
      await privacy.erase(signed, id, requestMeta(request));
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      if (err.message === 'upcoming') {
        const file = await privacy.file(signed, id, requestMeta(request));
        return filePage(request, reply, signed, { status: 409, eraseError: t('privacy.erase.upcoming', { count: file.upcoming }) });
      }
      return filePage(request, reply, signed, { status: 409, eraseError: t('privacy.erased.conflict') });
    }
    return reply.redirect(`/admin/privacy/patients/${id}?notice=erased`, 303);
  });
}
