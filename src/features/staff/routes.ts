// HTTP for signing in and out, the second factor, one's own password, sessions and language, and the dashboard.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { TooManyRequests, Unavailable } from '../../errors.ts';
import { formatDateTime, isLocale } from '../../i18n/index.ts';
import { formValues } from '../../web/forms.ts';
import { adminLocale, adminT, safeNext, sendAdmin } from './admin-page.ts';
import { clearSessionCookie, postOnly, requestMeta, setSessionCookie, staffRoute } from './http.ts';
import { backOfficeNav } from './nav.ts';
import { can } from './permissions.ts';
import { PasswordRejected } from './service.ts';
import { otpauthUri, qrSvg } from './totp.ts';
import { AccountView, Dashboard, EnrolView, LoginForm, PasswordForm, RecoveryCodesView, TotpForm } from './views/auth-views.tsx';

const loginSchema = z.object({
  email: z.string().max(320),
  password: z.string().max(1024),
  next: z.string().max(500).optional(),
});

const notices = {
  'signed-out': 'login.signedOut',
  'password-changed': 'password.changed',
  'session-revoked': 'account.revoked',
} as const;

function noticeFrom(request: FastifyRequest): (typeof notices)[keyof typeof notices] | undefined {
  const key = (request.query as Record<string, unknown>).notice;
  return typeof key === 'string' && key in notices ? notices[key as keyof typeof notices] : undefined;
}

export function registerAuthRoutes(app: FastifyInstance, config: Config): void {
  const { staff } = app.services;

  const loginPage = (request: FastifyRequest, reply: FastifyReply, opts: { status?: number; error?: string; email?: string; next: string }) => {
    const t = adminT(request);
    const lang = adminLocale(request);
    const notice = noticeFrom(request);
    return sendAdmin(request, reply, {
      title: t('login.title'),
      status: opts.status ?? 200,
      notice: notice ? t(notice) : undefined,
      body: LoginForm({ t, email: opts.email, error: opts.error, next: opts.next, lang }),
    });
  };

  app.get('/admin/login', (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    if (request.signed?.session.stage === 'full') return reply.redirect(next, 303);
    return loginPage(request, reply, { next });
  });

  app.post('/admin/login', async (request, reply) => {
    const t = adminT(request);
    const parsed = loginSchema.safeParse(formValues(request));
    const next = safeNext(parsed.success ? parsed.data.next : undefined);
    if (!parsed.success || !parsed.data.email.trim() || !parsed.data.password) {
      return loginPage(request, reply, { status: 422, error: t('login.failed'), next, email: parsed.success ? parsed.data.email : '' });
    }
    const { email, password } = parsed.data;
    let result;
    try {
      result = await staff.signIn(email, password, requestMeta(request));
    } catch (err) {
      if (err instanceof TooManyRequests) {
        return loginPage(request, reply, { status: 429, error: t('login.tooMany', { minutes: Math.ceil(config.login.windowMs / 60_000) }), next, email });
      }
      if (err instanceof Unavailable) return loginPage(request, reply, { status: 503, error: t('login.unavailable'), next, email });
      throw err;
    }
    if (!result.ok) {
      return loginPage(request, reply, { status: 401, error: t(result.reason === 'totp-overdue' ? 'login.overdue' : 'login.failed'), next, email });
    }
    setSessionCookie(reply, config, result.token);
    if (result.stage === 'second-factor') return reply.redirect(`/admin/login/second-factor?next=${encodeURIComponent(next)}`, 303);
    if (result.user.mustChangePassword) return reply.redirect('/admin/password', 303);
    if (!result.user.totpEnabled && staff.totpRequired(result.user)) return reply.redirect('/admin/account/security', 303);
    return reply.redirect(next, 303);
  });

  app.get('/admin/login/second-factor', (request, reply) => {
    const signed = request.signed;
    if (!signed || signed.session.stage !== 'second-factor') return reply.redirect('/admin/login', 303);
    const t = adminT(request);
    return sendAdmin(request, reply, {
      title: t('totp.title'),
      body: TotpForm({ t, csrf: signed.session.csrfToken, next: safeNext((request.query as Record<string, unknown>).next) }),
    });
  });

  app.post('/admin/login/second-factor', async (request, reply) => {
    const signed = request.signed;
    if (!signed || signed.session.stage !== 'second-factor') return reply.redirect('/admin/login', 303);
    const t = adminT(request);
    const form = formValues(request);
    const next = safeNext(form.next);
    const code = (form.code ?? '').slice(0, 40);
    let result;
    try {
      result = await staff.completeSecondFactor(signed, code, requestMeta(request));
    } catch (err) {
      if (!(err instanceof TooManyRequests)) throw err;
      return sendAdmin(request, reply, {
        title: t('totp.title'),
        status: 429,
        body: TotpForm({ t, csrf: signed.session.csrfToken, next, error: t('login.tooMany', { minutes: Math.ceil(config.login.windowMs / 60_000) }) }),
      });
    }
    if (!result.ok) {
      return sendAdmin(request, reply, { title: t('totp.title'), status: 401, body: TotpForm({ t, csrf: signed.session.csrfToken, next, error: t('totp.failed') }) });
    }
    setSessionCookie(reply, config, result.token);
    return reply.redirect(signed.user.mustChangePassword ? '/admin/password' : next, 303);
  });

  app.post('/admin/logout', async (request, reply) => {
    if (request.signed) await staff.signOut(request.signed, requestMeta(request));
    clearSessionCookie(reply, config);
    return reply.redirect(`/admin/login?notice=signed-out&lang=${adminLocale(request)}`, 303);
  });
  postOnly(app, '/admin/logout');

  staffRoute(app, 'GET', '/admin', 'backoffice.view', (request, reply, signed) => {
    const t = adminT(request);
    const links = backOfficeNav.filter((item) => item.href !== '/admin' && can(signed.user.role, item.action)).map((item) => ({ href: item.href, label: t(item.label) }));
    return sendAdmin(request, reply, { title: t('dashboard.title'), active: '/admin', body: Dashboard({ t, name: signed.user.name, links }) });
  });

  staffRoute(app, 'POST', '/admin/locale', 'backoffice.view', async (request, reply, signed) => {
    const locale = formValues(request).locale;
    if (isLocale(locale)) await staff.setOwnLocale(signed, locale);
    const referer = request.headers.referer;
    let back = '/admin';
    if (referer) {
      try {
        back = safeNext(new URL(referer).pathname);
      } catch {
        back = '/admin';
      }
    }
    return reply.redirect(back, 303);
  });

  const passwordPage = (request: FastifyRequest, reply: FastifyReply, errors: Record<string, string>, status = 200) => {
    const signed = request.signed!;
    const t = adminT(request);
    return sendAdmin(request, reply, {
      title: t('password.title'),
      status,
      body: PasswordForm({ t, csrf: signed.session.csrfToken, errors, mustChange: signed.user.mustChangePassword }),
    });
  };

  staffRoute(app, 'GET', '/admin/password', 'backoffice.view', (request, reply) => passwordPage(request, reply, {}));

  staffRoute(app, 'POST', '/admin/password', 'backoffice.view', async (request, reply, signed) => {
    const t = adminT(request);
    const form = formValues(request);
    try {
      const token = await staff.changeOwnPassword(signed, form.current ?? '', form.password ?? '', form.confirm ?? '', requestMeta(request));
      setSessionCookie(reply, config, token);
    } catch (err) {
      if (err instanceof PasswordRejected) {
        const field = Object.keys(err.fields)[0] ?? 'password';
        return passwordPage(request, reply, { [field]: t(`password.${err.problem}`) }, 422);
      }
      throw err;
    }
    if (!signed.user.totpEnabled && staff.totpRequired(signed.user)) return reply.redirect('/admin/account/security', 303);
    return reply.redirect('/admin/account?notice=password-changed', 303);
  });

  staffRoute(app, 'GET', '/admin/account', 'backoffice.view', async (request, reply, signed) => {
    const t = adminT(request);
    const locale = adminLocale(request);
    const tz = app.services.settings.current.timeZone;
    const notice = noticeFrom(request);
    const [sessions, recoveryLeft] = await Promise.all([staff.listOwnSessions(signed.user.id), staff.unusedRecoveryCodeCount(signed.user.id)]);
    return sendAdmin(request, reply, {
      title: t('account.title'),
      active: '/admin/account',
      notice: notice ? t(notice) : undefined,
      body: AccountView({
        t,
        csrf: signed.session.csrfToken,
        sessions,
        currentIdHash: signed.session.idHash,
        formatTime: (ms) => formatDateTime(locale, ms, tz),
        totpEnabled: signed.user.totpEnabled,
        recoveryLeft,
      }),
    });
  });

  staffRoute(app, 'POST', '/admin/account/sessions/revoke', 'backoffice.view', async (request, reply, signed) => {
    const id = formValues(request).session ?? '';
    if (/^[0-9a-f]{64}$/.test(id)) await staff.revokeSession(signed, id, requestMeta(request));
    return reply.redirect('/admin/account?notice=session-revoked', 303);
  });

  staffRoute(app, 'POST', '/admin/account/sessions/revoke-others', 'backoffice.view', async (request, reply, signed) => {
    const t = adminT(request);
    const n = await staff.revokeOtherSessions(signed, requestMeta(request));
    return sendAdmin(request, reply, {
      title: t('account.title'),
      active: '/admin/account',
      notice: t('account.revokedOthers', { count: n }),
      body: AccountView({
        t,
        csrf: signed.session.csrfToken,
        sessions: await staff.listOwnSessions(signed.user.id),
        currentIdHash: signed.session.idHash,
        formatTime: (ms) => formatDateTime(adminLocale(request), ms, app.services.settings.current.timeZone),
        totpEnabled: signed.user.totpEnabled,
        recoveryLeft: await staff.unusedRecoveryCodeCount(signed.user.id),
      }),
    });
  });

  const enrolPage = async (request: FastifyRequest, reply: FastifyReply, error?: string) => {
    const signed = request.signed!;
    const t = adminT(request);
    const secret = await staff.beginTotpEnrolment(signed);
    const uri = otpauthUri(secret, signed.user.email, app.services.settings.current.clinicName);
    const canPostpone = signed.user.totpGraceUntil === null || signed.user.totpGraceUntil > app.services.now();
    return sendAdmin(request, reply, {
      title: t('totp.enrolTitle'),
      active: '/admin/account',
      status: error ? 422 : 200,
      body: EnrolView({ t, csrf: signed.session.csrfToken, qrSvg: await qrSvg(uri), secret, error, canPostpone }),
    });
  };

  staffRoute(app, 'GET', '/admin/account/security', 'backoffice.view', (request, reply, signed) => {
    if (signed.user.totpEnabled) return reply.redirect('/admin/account', 303);
    return enrolPage(request, reply);
  });

  staffRoute(app, 'POST', '/admin/account/security', 'backoffice.view', async (request, reply, signed) => {
    if (signed.user.totpEnabled) return reply.redirect('/admin/account', 303);
    const t = adminT(request);
    const codes = await staff.confirmTotpEnrolment(signed, (formValues(request).code ?? '').slice(0, 20), requestMeta(request));
    if (!codes) return enrolPage(request, reply, t('totp.failed'));
    return sendAdmin(request, reply, { title: t('totp.enabled'), active: '/admin/account', body: RecoveryCodesView({ t, codes }) });
  });

  staffRoute(app, 'POST', '/admin/account/security/recovery-codes', 'backoffice.view', async (request, reply, signed) => {
    const t = adminT(request);
    if (!signed.user.totpEnabled) return reply.redirect('/admin/account/security', 303);
    const codes = await staff.regenerateRecoveryCodes(signed, requestMeta(request));
    return sendAdmin(request, reply, { title: t('totp.recoveryTitle'), active: '/admin/account', body: RecoveryCodesView({ t, codes }) });
  });
}
