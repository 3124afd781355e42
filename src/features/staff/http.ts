// HTTP side of staff sign-in: the session cookie, who is signed in, CSRF checks, and guarded back-office routes.
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods, RouteHandlerMethod } from 'fastify';
import type { Config } from '../../config.ts';
import { Forbidden, MethodNotAllowed, Unauthorized } from '../../errors.ts';
import { formValues } from '../../web/forms.ts';
import { can, type Action } from './permissions.ts';
import type { RequestMeta, Signed, StaffService } from './service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    signed?: Signed;
  }
}

export function sessionCookieName(config: Config): string {
  return config.secureCookies ? '__Host-rc_session' : 'rc_session';
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(sessionCookieName(config), token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName(config), { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300) };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Public JSON endpoints (booking by visitors): no staff session is read and no CSRF token is expected there. */
const PUBLIC_API = ['/api/v1/services', '/api/v1/availability', '/api/v1/bookings', '/api/v1/openapi.json', '/api/v1/comments/challenge'];
/** Public calls on a URL whose other methods are staff-only (readers post comments where moderators list them). */
const PUBLIC_API_CALLS = new Set(['POST /api/v1/comments']);

export function isStaffPath(url: string, method?: string): boolean {
  if (method && PUBLIC_API_CALLS.has(`${method} ${url.split('?')[0]!}`)) return false;
  if (url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?')) return true;
  return url.startsWith('/api/') && !PUBLIC_API.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));
}

/** A cross-site request is one whose Origin names another host, or that the browser marks cross-site. */
export function isCrossSite(request: FastifyRequest, config: Config): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  if (origin === 'null') return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  return host !== request.headers.host && origin !== new URL(config.baseUrl).origin;
}

export function registerSessionHooks(app: FastifyInstance, staff: StaffService, config: Config): void {
  const cookieName = sessionCookieName(config);
  app.addHook('onRequest', async (request) => {
    if (!isStaffPath(request.url, request.method)) return;
    const signed = await staff.resolveSession(request.cookies[cookieName]);
    if (signed) {
      request.signed = signed;
      request.staffLocale = signed.user.locale;
    }
  });
  // CSRF: refuse cross-site state changes outright; a signed-in session must also present its token.
  app.addHook('preHandler', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    const staffPath = isStaffPath(request.url, request.method);
    if (!staffPath && !request.url.startsWith('/api/')) return;
    if (isCrossSite(request, config)) throw new Forbidden('cross-site request refused');
    if (!staffPath || !request.signed) return;
    const body = request.body as Record<string, unknown> | undefined;
    const sent = request.headers['x-csrf-token'] ?? (body && typeof body === 'object' ? body._csrf : undefined);
    if (sent !== request.signed.session.csrfToken) throw new CsrfRejected();
  });
}

export class CsrfRejected extends Forbidden {
  constructor() {
    super('CSRF token missing or wrong');
  }
}

export interface GuardedRoute {
  method: HTTPMethods;
  url: string;
  action: Action;
  api: boolean;
}

/** Every guarded route, so tests can walk the whole matrix (route × role × signed out). */
export const guardedRoutes: GuardedRoute[] = [];

type Guarded = (request: FastifyRequest, reply: FastifyReply, signed: Signed) => unknown;

/**
 * Registers a back-office route that needs a full session and permission for `action`.
 * Signed out: HTML redirects to sign-in, the API answers 401. Wrong role: 403. First sign-in: password change first.
 * A GET on a POST-only URL answers 405.
 */
export function staffRoute(app: FastifyInstance, method: 'GET' | 'POST' | 'DELETE', url: string, action: Action, handler: Guarded): void {
  const api = url.startsWith('/api/');
  if (!guardedRoutes.some((r) => r.method === method && r.url === url)) guardedRoutes.push({ method, url, action, api });
  const wrapped: RouteHandlerMethod = async function (request, reply) {
    const signed = request.signed;
    if (!signed || signed.session.stage !== 'full') {
      if (api) throw new Unauthorized();
      return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`, 303);
    }
    if (signed.user.mustChangePassword && url !== '/admin/password' && url !== '/admin/logout' && !api) {
      return reply.redirect('/admin/password', 303);
    }
    if (!can(signed.user.role, action)) throw new Forbidden();
    reply.header('cache-control', 'no-store');
    return handler(request, reply, signed);
  };
  app.route({ method, url, handler: wrapped });
  if (method === 'POST') postOnly(app, url);
}

/** Routes that exist only to answer 405 (listed so tests can tell them from real handlers). */
export const refusedRoutes: Array<{ method: string; url: string }> = [];

/** Registers `methods` on `url` to answer 405 with the given Allow header: nothing can be changed through them. */
export function refuseMethods(app: FastifyInstance, url: string, methods: HTTPMethods[], allow: string): void {
  const missing = methods.filter((method) => !app.hasRoute({ method, url }));
  if (missing.length === 0) return;
  for (const method of missing) refusedRoutes.push({ method, url });
  app.route({
    method: missing,
    url,
    handler: (_request, reply) => {
      reply.header('allow', allow);
      throw new MethodNotAllowed();
    },
  });
}

/** GET on a state-changing URL: 405 with Allow, never a state change. */
export function postOnly(app: FastifyInstance, url: string): void {
  refuseMethods(app, url, ['GET'], 'POST');
}

/**
 * For sensitive actions: true when the session's last proof of presence is recent, or when the form's `reauth` field
 * (password or current TOTP code) proves it now; false (and nothing changed) when it is missing or wrong.
 */
export async function hasFreshProof(request: FastifyRequest, signed: Signed): Promise<boolean> {
  const { staff } = request.server.services;
  if (!staff.needsReauth(signed)) return true;
  const proof = formValues(request).reauth ?? '';
  if (!proof || proof.length > 1024) return false;
  return staff.reauthenticate(signed, proof);
}
