import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { guardedRoutes, refusedRoutes } from '../../src/features/staff/http.ts';
import { can, roles, type Role } from '../../src/features/staff/permissions.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { postAs, signIn, signedInStaff, STRONG_PASSWORD } from '../helpers/staff.ts';

// Staff routes that are open without a session by design.
const openRoutes = new Set([
  'GET /admin/login',
  'POST /admin/login',
  'GET /admin/login/second-factor',
  'POST /admin/login/second-factor',
  'POST /admin/logout',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'GET /api/v1/openapi.json',
  // The public booking API (no staff session; see src/features/booking/api.ts).
  'GET /api/v1/services',
  'GET /api/v1/availability',
  'POST /api/v1/bookings',
  'GET /api/v1/bookings/manage/:token',
  'POST /api/v1/bookings/manage/:token/cancel',
  'POST /api/v1/bookings/manage/:token/reschedule',
  // Readers' comments (see src/features/comments/api.ts): the challenge and the submission are public.
  'GET /api/v1/comments/challenge',
  'POST /api/v1/comments',
]);

function isStaffUrl(url: string) {
  return url === '/admin' || url.startsWith('/admin/') || url.startsWith('/api/v1/');
}

describeEachEngine('permission matrix', (ctx) => {
  it('guards every back-office route (nothing reachable by accident)', () => {
    const app: FastifyInstance = ctx().app;
    const guarded = new Set(guardedRoutes.map((r) => `${r.method} ${r.url}`));
    // Handlers that only ever answer 405 are harmless.
    const refused = new Set(refusedRoutes.map((r) => `${r.method} ${r.url}`));
    for (const r of app.registeredRoutes) {
      if (!isStaffUrl(r.url) || r.method === 'HEAD') continue;
      const key = `${r.method} ${r.url}`;
      expect(guarded.has(key) || openRoutes.has(key) || refused.has(key), key).toBe(true);
    }
    expect(guardedRoutes.length).toBeGreaterThan(5);
  });

  it('walks every guarded route × every role × signed out', async () => {
    const { app } = ctx();
    const target = await signedInStaff(ctx(), 'therapist', { name: 'Walk Target' });
    const people = {} as Record<Role, Awaited<ReturnType<typeof signedInStaff>>>;
    for (const role of roles) people[role] = await signedInStaff(ctx(), role);
    const url = (pattern: string) => pattern.replace(/:id\b/g, String(target.id));

    for (const route of guardedRoutes) {
      const path = url(route.url);
      const label = `${route.method} ${route.url}`;
      // Signed out
      const anon = await app.inject({ method: route.method, url: path, ...(route.method === 'POST' ? { payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}) });
      if (route.api) {
        expect(anon.statusCode, `${label} signed out`).toBe(401);
      } else {
        expect(anon.statusCode, `${label} signed out`).toBe(303);
        expect(anon.headers.location, label).toMatch(/^\/admin\/login/);
      }
      for (const role of roles) {
        // A fresh session per request, so one route's effect (e.g. signing out other sessions) cannot disturb the next.
        const who = { ...people[role], ...(await signIn(app, people[role].email, STRONG_PASSWORD)) };
        const res = route.method === 'POST' ? await postAs(app, who, path) : await app.inject({ url: path, headers: { cookie: who.cookie } });
        const allowed = can(role, route.action);
        if (allowed) {
          expect([401, 403], `${label} as ${role} should be allowed`).not.toContain(res.statusCode);
          expect(res.statusCode, `${label} as ${role}`).toBeLessThan(500);
          if (res.statusCode === 303) expect(res.headers.location, `${label} as ${role}`).not.toMatch(/^\/admin\/login/);
        } else {
          expect(res.statusCode, `${label} as ${role} should be refused`).toBe(403);
        }
      }
    }
  }, 180_000);
});
