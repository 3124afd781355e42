// Renders a back-office page inside the shell for the signed-in person (or the signed-out sign-in pages).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { h } from 'preact';
import { translator, type Locale, type Translate } from '../../i18n/index.ts';
import { requestLocale } from '../../web/error-handler.ts';
import { renderDocument } from '../../web/render.ts';
import { AdminPage, type AdminShellContext } from '../../web/views/admin-layout.tsx';
import { backOfficeNav } from './nav.ts';
import { can } from './permissions.ts';

export interface AdminView {
  title: string;
  active?: string;
  notice?: string | undefined;
  status?: number;
  body: ComponentChildren;
}

export function adminLocale(request: FastifyRequest): Locale {
  return request.signed?.user.locale ?? requestLocale(request);
}

export function adminT(request: FastifyRequest): Translate {
  return translator(adminLocale(request));
}

export function shellContext(request: FastifyRequest): AdminShellContext {
  const { assets, settings, staff, now } = request.server.services;
  const locale = adminLocale(request);
  const t = translator(locale);
  const signed = request.signed?.session.stage === 'full' ? request.signed : undefined;
  let totpDaysLeft: number | undefined;
  if (signed && !signed.user.totpEnabled && staff.totpRequired(signed.user) && signed.user.totpGraceUntil !== null) {
    totpDaysLeft = Math.max(0, Math.ceil((signed.user.totpGraceUntil - now()) / 86_400_000));
  }
  return {
    locale,
    t,
    assets,
    clinicName: settings.current.clinicName,
    person: signed ? { name: signed.user.name, roleLabel: t(`role.${signed.user.role}`), csrfToken: signed.session.csrfToken } : undefined,
    nav:
      signed && !signed.user.mustChangePassword
        ? backOfficeNav
            .filter((item) => can(signed.user.role, item.action))
            .map((item) => {
              const count = request.navCounts?.[item.href];
              return { href: item.href, label: t(item.label), count: count && item.countLabel ? { value: count, label: t(item.countLabel, { count }) } : undefined };
            })
        : [],
    totpDaysLeft,
  };
}

export function sendAdmin(request: FastifyRequest, reply: FastifyReply, view: AdminView): FastifyReply {
  const ctx = shellContext(request);
  const html = renderDocument(h(AdminPage, { ctx, title: view.title, active: view.active, notice: view.notice, children: view.body }));
  return reply
    .code(view.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}

/** Only same-site, back-office paths are followed after sign-in (no open redirect). */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string') return '/admin';
  if (!/^\/admin(\/[\w\-/]*)?(\?[\w=&%.-]*)?$/.test(next)) return '/admin';
  return next;
}
