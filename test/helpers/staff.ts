// Test helpers for the back office: form bodies, staff accounts and signed-in sessions.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/features/staff/permissions.ts';
import type { TestContext } from './engines.ts';

export const STRONG_PASSWORD = 'kırmızı-bisiklet-fener-2026';

export function form(values: Record<string, string>): { payload: string; headers: Record<string, string> } {
  return { payload: new URLSearchParams(values).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

export function cookieFrom(res: LightMyRequestResponse): string | undefined {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const session = list.find((c) => /^(__Host-)?rc_session=/.test(c) && !/rc_session=;/.test(c));
  return session?.split(';')[0];
}

export interface SignedInStaff {
  id: number;
  email: string;
  password: string;
  role: Role;
  cookie: string;
  csrf: string;
}

let counter = 0;

/** Creates an account with a known password (no forced change) and signs it in over HTTP. */
export async function signedInStaff(ctx: TestContext, role: Role, options: { name?: string; email?: string } = {}): Promise<SignedInStaff> {
  const email = options.email ?? `${role}-${++counter}-${randomBytes(3).toString('hex')}@test.example`;
  const { user } = await ctx.app.services.staff.createStaff('cli', { email, name: options.name ?? `Test ${role}`, role, locale: 'en', password: STRONG_PASSWORD });
  const session = await signIn(ctx.app, email, STRONG_PASSWORD);
  return { id: user.id, email, password: STRONG_PASSWORD, role, ...session };
}

export async function signIn(app: FastifyInstance, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await app.inject({ method: 'POST', url: '/admin/login', ...form({ email, password }) });
  if (res.statusCode !== 303) throw new Error(`sign-in failed with ${res.statusCode}`);
  const cookie = cookieFrom(res);
  if (!cookie) throw new Error('no session cookie');
  const me = await app.inject({ url: '/api/v1/me', headers: { cookie } });
  if (me.statusCode !== 200) throw new Error(`/api/v1/me answered ${me.statusCode}`);
  return { cookie, csrf: (me.json() as { csrfToken: string }).csrfToken };
}

/** POSTs a back-office form as a signed-in person (with the CSRF token). */
export function postAs(app: FastifyInstance, who: { cookie: string; csrf: string }, url: string, values: Record<string, string> = {}) {
  const body = form({ _csrf: who.csrf, ...values });
  return app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: who.cookie } });
}

export function getAs(app: FastifyInstance, who: { cookie: string }, url: string) {
  return app.inject({ url, headers: { cookie: who.cookie } });
}
