// Staff JSON API: sign in, sign out, who am I — same rules as the HTML back office — and its part of the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { Invalid, Unauthorized } from '../../errors.ts';
import { requestLocale, sendProblem } from '../../web/error-handler.ts';
import { fieldMessages } from '../../web/forms.ts';
import { jsonBody, jsonResponse, problemResponse, type OpenApiRegistry } from '../../web/openapi.ts';
import { translator } from '../../i18n/index.ts';
import { clearSessionCookie, postOnly, requestMeta, setSessionCookie, staffRoute } from './http.ts';
import type { StaffUser } from './service.ts';

export const loginBody = z
  .object({
    email: z.email().max(320).describe('Staff e-mail address'),
    password: z.string().min(1).max(1024),
    code: z.string().max(40).optional().describe('TOTP code or recovery code, required when the account uses two-step verification'),
  })
  .strict();

export const meResponse = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'receptionist', 'therapist']),
  locale: z.enum(['tr', 'en']),
  totpEnabled: z.boolean(),
  csrfToken: z.string().describe('Send as the X-CSRF-Token header on every state-changing API call'),
});

function presentMe(user: StaffUser, csrfToken: string): z.infer<typeof meResponse> {
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale, totpEnabled: user.totpEnabled, csrfToken };
}

export function registerStaffApi(app: FastifyInstance, config: Config): void {
  const { staff } = app.services;

  app.post('/api/v1/auth/login', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    // JSON only: a cross-site HTML form cannot send it without a CORS preflight we never grant.
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendProblem(reply, 415, 'Send application/json');
    }
    const t = translator(requestLocale(request));
    const parsed = loginBody.safeParse(request.body);
    if (!parsed.success) throw new Invalid(fieldMessages(parsed.error, t));
    const meta = requestMeta(request);
    const result = await staff.signIn(parsed.data.email, parsed.data.password, meta);
    if (!result.ok) {
      return sendProblem(reply, 401, result.reason === 'totp-overdue' ? 'Two-step verification setup is overdue' : 'Invalid e-mail or password');
    }
    let token = result.token;
    if (result.stage === 'second-factor') {
      const signed = await staff.resolveSession(token);
      if (!signed) throw new Unauthorized();
      if (!parsed.data.code) {
        await staff.signOut(signed, meta);
        return sendProblem(reply, 401, 'Two-step verification code required', { secondFactorRequired: true });
      }
      const second = await staff.completeSecondFactor(signed, parsed.data.code, meta);
      if (!second.ok) {
        await staff.signOut(signed, meta);
        return sendProblem(reply, 401, 'Invalid two-step verification code', { secondFactorRequired: true });
      }
      token = second.token;
    }
    const signed = await staff.resolveSession(token);
    if (!signed) throw new Unauthorized();
    setSessionCookie(reply, config, token);
    return reply.send(presentMe(signed.user, signed.session.csrfToken));
  });

  app.post('/api/v1/auth/logout', async (request, reply) => {
    if (!request.signed) throw new Unauthorized();
    await staff.signOut(request.signed, requestMeta(request));
    clearSessionCookie(reply, config);
    return reply.code(204).send();
  });
  postOnly(app, '/api/v1/auth/logout');
  postOnly(app, '/api/v1/auth/login');

  staffRoute(app, 'GET', '/api/v1/me', 'backoffice.view', (_request, reply, signed) => reply.send(presentMe(signed.user, signed.session.csrfToken)));

  describeStaffApi(app.openapi, config);
}

function describeStaffApi(openapi: OpenApiRegistry, config: Config): void {
  const loginRef = openapi.schema('LoginBody', loginBody, 'input');
  const meRef = openapi.schema('Me', meResponse);
  openapi.securityScheme('session', { type: 'apiKey', in: 'cookie', name: config.secureCookies ? '__Host-rc_session' : 'rc_session' });
  openapi.path('/auth/login', 'post', {
    summary: 'Sign in (staff)',
    tags: ['staff'],
    requestBody: jsonBody(loginRef),
    responses: {
      200: jsonResponse('Signed in; the session cookie is set', meRef),
      401: problemResponse('Wrong e-mail or password (the same answer for unknown accounts), or a second factor is required'),
      415: problemResponse('Body is not JSON'),
      422: problemResponse('Invalid fields'),
      429: problemResponse('Too many failed attempts for this account or address'),
    },
  });
  openapi.path('/auth/logout', 'post', {
    summary: 'Sign out (staff)',
    tags: ['staff'],
    security: [{ session: [] }],
    parameters: [{ name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' } }],
    responses: { 204: { description: 'Signed out' }, 401: problemResponse('Not signed in'), 403: problemResponse('Missing or wrong CSRF token') },
  });
  openapi.path('/me', 'get', {
    summary: 'The signed-in staff member',
    tags: ['staff'],
    security: [{ session: [] }],
    responses: { 200: jsonResponse('OK', meRef), 401: problemResponse('Not signed in') },
  });
}

