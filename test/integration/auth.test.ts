import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { currentTotp } from '../../src/features/staff/totp.ts';
import { ipBucket } from '../../src/features/staff/service.ts';
import { describeEachEngine, FIXED_NOW } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { cookieFrom, form, getAs, postAs, signIn, signedInStaff, STRONG_PASSWORD } from '../helpers/staff.ts';

const MINUTE = 60_000;

describeEachEngine('first start and sign-in', (ctx) => {
  it('creates one admin on first start, prints its one-time password once, and forces a new password', async () => {
    const { announced, app, config, database } = ctx();
    expect(announced).toHaveLength(1);
    const email = /e-mail:\s+(\S+)/.exec(announced[0]!)![1]!;
    const password = /password:\s+(\S+)/.exec(announced[0]!)![1]!;
    expect(email).toBe('admin@adim-rehab.example');

    // A second app on the same database creates nobody and prints nothing.
    const again: string[] = [];
    const second = await buildApp({ config, database, now: () => ctx().clock.now, announce: (t) => again.push(t) });
    await second.close();
    expect(again).toHaveLength(0);

    const res = await app.inject({ method: 'POST', url: '/admin/login', ...form({ email, password }) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/password');
    const cookie = cookieFrom(res)!;
    // Every back-office page leads to the password change first.
    for (const url of ['/admin', '/admin/account']) {
      const page = await app.inject({ url, headers: { cookie } });
      expect(page.statusCode, url).toBe(303);
      expect(page.headers.location).toBe('/admin/password');
    }
    const csrf = html((await app.inject({ url: '/admin/password', headers: { cookie } })).body)
      .querySelector('input[name=_csrf]')!
      .getAttribute('value')!;
    const who = { cookie, csrf };
    const weak = await postAs(app, who, '/admin/password', { current: password, password: 'password1234', confirm: 'password1234' });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('çok yaygın');
    const short = await postAs(app, who, '/admin/password', { current: password, password: 'kısa-parola', confirm: 'kısa-parola' });
    expect(short.statusCode).toBe(422);
    const mismatch = await postAs(app, who, '/admin/password', { current: password, password: STRONG_PASSWORD, confirm: STRONG_PASSWORD + 'x' });
    expect(mismatch.statusCode).toBe(422);
    const ok = await postAs(app, who, '/admin/password', { current: password, password: STRONG_PASSWORD, confirm: STRONG_PASSWORD });
    expect(ok.statusCode).toBe(303);
    // Admins must set up the second factor: they are led there (and may postpone).
    expect(ok.headers.location).toBe('/admin/account/security');
    const newCookie = cookieFrom(ok)!;
    expect(newCookie).not.toBe(cookie);
    expect((await app.inject({ url: '/admin', headers: { cookie } })).statusCode).toBe(303); // old session id is gone
    const dash = await app.inject({ url: '/admin', headers: { cookie: newCookie } });
    expect(dash.statusCode).toBe(200);
    expect(dash.body).toContain('iki adımlı doğrulamayı kurun: 7 gün kaldı');

    const rows = await database.db.selectFrom('audit_log').select('action').orderBy('id').execute();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['user.create', 'auth.login.success', 'user.password.change']));
  });

  it('answers an unknown e-mail exactly like a wrong password, in similar time', async () => {
    const { app } = ctx();
    const staff = await signedInStaff(ctx(), 'therapist');
    const attempt = async (email: string) => {
      const started = performance.now();
      const res = await app.inject({ method: 'POST', url: '/admin/login', remoteAddress: '10.9.9.9', ...form({ email, password: 'wrong-password-123' }) });
      return { res, ms: performance.now() - started };
    };
    const wrong = await attempt(staff.email);
    const unknown = await attempt('nobody-here@test.example');
    expect(unknown.res.statusCode).toBe(wrong.res.statusCode);
    expect(wrong.res.statusCode).toBe(401);
    const strip = (body: string, email: string) => body.replaceAll(email, 'EMAIL').replace(/value="[^"]*"/g, '');
    expect(strip(unknown.res.body, 'nobody-here@test.example')).toBe(strip(wrong.res.body, staff.email));
    // Both paths run one argon2id verification: neither is several times faster than the other.
    const times = { wrong: [wrong.ms], unknown: [unknown.ms] };
    for (let i = 0; i < 2; i++) {
      times.wrong.push((await attempt(staff.email)).ms);
      times.unknown.push((await attempt('nobody-here@test.example')).ms);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    const ratio = median(times.unknown) / median(times.wrong);
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
  });

  it('refuses hostile or malformed sign-in input with a clear page, never a 500', async () => {
    const { app } = ctx();
    const bodies = [
      { email: 'a'.repeat(10_000) + '@x.tr', password: 'x' },
      { email: '<script>alert(1)</script>', password: "' OR 1=1 --" },
      { email: '', password: '' },
      { email: 'İlknur.Işık@örnek.tr', password: '🙂'.repeat(300) },
    ];
    for (const b of bodies) {
      const res = await app.inject({ method: 'POST', url: '/admin/login', remoteAddress: '10.8.8.8', ...form(b) });
      expect([401, 422], b.email.slice(0, 20)).toContain(res.statusCode);
      expect(res.body).not.toContain('<script>alert(1)</script>');
      expect(res.headers['content-type']).toContain('text/html');
    }
    const json = await app.inject({ method: 'POST', url: '/admin/login', payload: '{"email": [1,2]}', headers: { 'content-type': 'application/json' } });
    expect(json.statusCode).toBeLessThan(500);
  });
});

describeEachEngine('brute-force limits', (ctx) => {
  it('locks an account after repeated failures, even for the right password, across app instances', async () => {
    const { app, config, database } = ctx();
    const staff = await signedInStaff(ctx(), 'receptionist');
    for (let i = 0; i < config.login.maxFailuresPerAccount; i++) {
      const res = await app.inject({ method: 'POST', url: '/admin/login', remoteAddress: `10.0.1.${i}`, ...form({ email: staff.email, password: 'not-the-password' }) });
      expect(res.statusCode).toBe(401);
    }
    // A second instance on the same database sees the same counter.
    const other = await buildApp({ config, database, now: () => ctx().clock.now, announce: () => undefined });
    const blocked = await other.inject({ method: 'POST', url: '/admin/login', remoteAddress: '10.0.2.1', ...form({ email: staff.email, password: STRONG_PASSWORD }) });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Çok fazla hatalı deneme');
    await other.close();
    // After the window the right password works again.
    ctx().clock.now += config.login.windowMs + MINUTE;
    try {
      await expect(signIn(app, staff.email, STRONG_PASSWORD)).resolves.toBeTruthy();
    } finally {
      ctx().clock.now = FIXED_NOW;
    }
  });

  it('lets no more guesses through than the limit when they arrive all at once', async () => {
    const { app, config } = ctx();
    const staff = await signedInStaff(ctx(), 'therapist');
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_v, i) =>
        app.inject({ method: 'POST', url: '/admin/login', remoteAddress: `10.0.9.${i}`, ...form({ email: staff.email, password: `wrong-guess-${i}-password` }) }),
      ),
    );
    const codes = guesses.map((r) => r.statusCode);
    // Every guess is answered, none with an error; at most the limit were checked against the password.
    expect(codes.every((code) => code === 401 || code === 429)).toBe(true);
    expect(codes.filter((code) => code === 401).length).toBeLessThanOrEqual(config.login.maxFailuresPerAccount);
    expect(codes.filter((code) => code === 429).length).toBeGreaterThanOrEqual(20 - config.login.maxFailuresPerAccount);
    // Refused guesses leave nothing behind: once the window has passed, the right password works again.
    ctx().clock.now += config.login.windowMs + MINUTE;
    try {
      await expect(signIn(app, staff.email, STRONG_PASSWORD)).resolves.toBeTruthy();
    } finally {
      ctx().clock.now = FIXED_NOW;
    }
  });

  it('counts IPv6 addresses by /64', () => {
    expect(ipBucket('2001:db8:1:2::1')).toBe(ipBucket('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(ipBucket('2001:db8:1:2::1')).not.toBe(ipBucket('2001:db8:1:3::1'));
    expect(ipBucket('2001:0db8:0001:0002:0000:0000:0000:0001')).toBe(ipBucket('2001:db8:1:2::1'));
    expect(ipBucket('::ffff:192.0.2.7')).toBe(ipBucket('192.0.2.7'));
    expect(ipBucket('192.0.2.7')).not.toBe(ipBucket('192.0.2.8'));
  });
}, {});

describeEachEngine(
  'per-address limit',
  (ctx) => {
    it('limits failures per IPv6 /64 across different accounts, and fails closed when the limiter cannot be read', async () => {
      const { app, database } = ctx();
      const staff = await signedInStaff(ctx(), 'therapist');
      for (let i = 0; i < 3; i++) {
        const res = await app.inject({ method: 'POST', url: '/admin/login', remoteAddress: `2001:db8:7:7::${i + 1}`, ...form({ email: `someone${i}@test.example`, password: 'whatever-123456' }) });
        expect(res.statusCode).toBe(401);
      }
      const sameNet = await app.inject({ method: 'POST', url: '/admin/login', remoteAddress: '2001:db8:7:7:abcd::9', ...form({ email: staff.email, password: STRONG_PASSWORD }) });
      expect(sameNet.statusCode).toBe(429);
      const otherNet = await app.inject({ method: 'POST', url: '/admin/login', remoteAddress: '2001:db8:7:8::1', ...form({ email: staff.email, password: STRONG_PASSWORD }) });
      expect(otherNet.statusCode).toBe(303);

      await sql`drop table login_failures`.execute(database.db);
      const closed = await app.inject({ method: 'POST', url: '/admin/login', remoteAddress: '192.0.2.55', ...form({ email: staff.email, password: STRONG_PASSWORD }) });
      expect(closed.statusCode).toBe(503);
      expect(closed.headers['set-cookie']).toBeUndefined();
      expect(closed.body).toContain('Giriş şu anda yapılamıyor');
    });
  },
  { env: { LOGIN_MAX_FAILURES_PER_IP: '3' } },
);

describeEachEngine('two-step verification', (ctx) => {
  it('enrols with a QR code, then asks for a code at sign-in; codes work once; recovery codes work once', async () => {
    const { app, clock } = ctx();
    const staff = await signedInStaff(ctx(), 'receptionist');
    const enrol = await getAs(app, staff, '/admin/account/security');
    expect(enrol.statusCode).toBe(200);
    const page = html(enrol.body);
    expect(page.querySelector('.qr svg')).toBeTruthy();
    const secret = page.querySelector('code.secret')!.text.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const wrong = await postAs(app, staff, '/admin/account/security', { code: '000000' });
    expect(wrong.statusCode).toBe(422);
    const ok = await postAs(app, staff, '/admin/account/security', { code: currentTotp(secret, clock.now) });
    expect(ok.statusCode).toBe(200);
    const codes = html(ok.body)
      .querySelectorAll('.codes code')
      .map((c) => c.text);
    expect(codes).toHaveLength(10);

    // Sign in again: the password alone only reaches the second step.
    const first = await app.inject({ method: 'POST', url: '/admin/login', ...form({ email: staff.email, password: STRONG_PASSWORD }) });
    expect(first.headers.location).toMatch(/^\/admin\/login\/second-factor/);
    const half = cookieFrom(first)!;
    expect((await app.inject({ url: '/admin', headers: { cookie: half } })).statusCode).toBe(303);
    const stepPage = await app.inject({ url: '/admin/login/second-factor', headers: { cookie: half } });
    const csrf = html(stepPage.body).querySelector('input[name=_csrf]')!.getAttribute('value')!;
    const bad = await postAs(app, { cookie: half, csrf }, '/admin/login/second-factor', { code: '123456' });
    expect(bad.statusCode).toBe(401);
    // The code used for enrolment cannot be replayed; the next time step's code works.
    clock.now += 30_000;
    try {
      const code = currentTotp(secret, clock.now);
      const good = await postAs(app, { cookie: half, csrf }, '/admin/login/second-factor', { code });
      expect(good.statusCode).toBe(303);
      const full = cookieFrom(good)!;
      expect(full).not.toBe(half);
      expect((await app.inject({ url: '/admin', headers: { cookie: full } })).statusCode).toBe(200);

      // Replaying the same code in another sign-in is refused.
      const again = await app.inject({ method: 'POST', url: '/admin/login', ...form({ email: staff.email, password: STRONG_PASSWORD }) });
      const half2 = cookieFrom(again)!;
      const csrf2 = html((await app.inject({ url: '/admin/login/second-factor', headers: { cookie: half2 } })).body)
        .querySelector('input[name=_csrf]')!
        .getAttribute('value')!;
      expect((await postAs(app, { cookie: half2, csrf: csrf2 }, '/admin/login/second-factor', { code })).statusCode).toBe(401);
      // A recovery code works once.
      expect((await postAs(app, { cookie: half2, csrf: csrf2 }, '/admin/login/second-factor', { code: codes[0]!.toUpperCase() })).statusCode).toBe(303);
      const again3 = await app.inject({ method: 'POST', url: '/admin/login', ...form({ email: staff.email, password: STRONG_PASSWORD }) });
      const half3 = cookieFrom(again3)!;
      const csrf3 = html((await app.inject({ url: '/admin/login/second-factor', headers: { cookie: half3 } })).body)
        .querySelector('input[name=_csrf]')!
        .getAttribute('value')!;
      expect((await postAs(app, { cookie: half3, csrf: csrf3 }, '/admin/login/second-factor', { code: codes[0]! })).statusCode).toBe(401);

      // The API asks for the code too.
      const api = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: staff.email, password: STRONG_PASSWORD } });
      expect(api.statusCode).toBe(401);
      expect(api.json()).toMatchObject({ secondFactorRequired: true });
      const api2 = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: staff.email, password: STRONG_PASSWORD, code: codes[1]! } });
      expect(api2.statusCode).toBe(200);
    } finally {
      clock.now = FIXED_NOW;
    }
  });

  it('lets admins postpone enrolment for the grace period only', async () => {
    const { app, clock } = ctx();
    const admin = await signedInStaff(ctx(), 'admin');
    const banner = await getAs(app, admin, '/admin');
    expect(banner.body).toContain('7 days left');
    clock.now += 3 * 86_400_000;
    try {
      const later = await signIn(app, admin.email, STRONG_PASSWORD);
      expect((await getAs(app, later, '/admin')).body).toContain('4 days left');
      clock.now += 4 * 86_400_000 + MINUTE;
      const refused = await app.inject({ method: 'POST', url: '/admin/login', ...form({ email: admin.email, password: STRONG_PASSWORD }) });
      expect(refused.statusCode).toBe(401);
      expect(refused.body).toContain('iki adımlı doğrulamanın kurulması gerekiyordu');
      expect(refused.headers['set-cookie']).toBeUndefined();
    } finally {
      clock.now = FIXED_NOW;
    }
  });
});

describeEachEngine(
  'second factor for every role',
  (ctx) => {
    it('asks therapists too when TOTP_REQUIRED_FOR_ALL is on', async () => {
      const therapist = await signedInStaff(ctx(), 'therapist');
      expect((await getAs(ctx().app, therapist, '/admin')).body).toContain('days left');
    });
  },
  { env: { TOTP_REQUIRED_FOR_ALL: 'true' } },
);

describeEachEngine('sessions', (ctx) => {
  it('uses an HttpOnly, SameSite=Lax cookie and a new id at every sign-in', async () => {
    const { app } = ctx();
    const staff = await signedInStaff(ctx(), 'therapist');
    const res = await app.inject({ method: 'POST', url: '/admin/login', ...form({ email: staff.email, password: STRONG_PASSWORD }) });
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/^rc_session=[A-Za-z0-9_-]{43};/);
    expect(raw).toContain('HttpOnly');
    expect(raw).toContain('SameSite=Lax');
    expect(cookieFrom(res)).not.toBe(staff.cookie);
    // Only a hash of the id is stored.
    const token = cookieFrom(res)!.split('=')[1]!;
    const stored = await ctx().database.db.selectFrom('sessions').select('id_hash').execute();
    expect(stored.some((s) => s.id_hash === token)).toBe(false);
  });

  it('ends idle sessions after 15 minutes and every session after 12 hours', async () => {
    const { app, clock } = ctx();
    const staff = await signedInStaff(ctx(), 'therapist');
    try {
      clock.now += 14 * MINUTE;
      expect((await getAs(app, staff, '/admin')).statusCode).toBe(200);
      clock.now += 14 * MINUTE; // active 14 minutes ago: still alive
      expect((await getAs(app, staff, '/admin')).statusCode).toBe(200);
      clock.now += 16 * MINUTE;
      const idle = await getAs(app, staff, '/admin');
      expect(idle.statusCode).toBe(303);
      expect(idle.headers.location).toMatch(/^\/admin\/login/);

      const busy = await signIn(app, staff.email, STRONG_PASSWORD);
      for (let i = 0; i < 12 * 6; i++) {
        clock.now += 10 * MINUTE;
        const r = await getAs(app, busy, '/admin');
        if (r.statusCode !== 200) {
          expect(i).toBeGreaterThanOrEqual(12 * 6 - 2);
          return;
        }
      }
      throw new Error('session outlived its absolute lifetime');
    } finally {
      clock.now = FIXED_NOW;
    }
  });

  it('destroys the session on sign-out, lists sessions and signs out others', async () => {
    const { app } = ctx();
    const staff = await signedInStaff(ctx(), 'receptionist');
    const second = await signIn(app, staff.email, STRONG_PASSWORD);
    const third = await signIn(app, staff.email, STRONG_PASSWORD);
    const account = await getAs(app, staff, '/admin/account');
    expect(html(account.body).querySelectorAll('tbody tr')).toHaveLength(3);
    const others = await postAs(app, staff, '/admin/account/sessions/revoke-others');
    expect(others.statusCode).toBe(200);
    expect((await getAs(app, second, '/admin')).statusCode).toBe(303);
    expect((await getAs(app, third, '/admin')).statusCode).toBe(303);
    expect((await getAs(app, staff, '/admin')).statusCode).toBe(200);

    const out = await postAs(app, staff, '/admin/logout');
    expect(out.statusCode).toBe(303);
    expect(String(out.headers['set-cookie'])).toMatch(/rc_session=;/);
    expect((await getAs(app, staff, '/admin')).statusCode).toBe(303);
  });
});

describeEachEngine(
  'secure cookies behind https',
  (ctx) => {
    it('uses the __Host- prefix and Secure when BASE_URL is https', async () => {
      const staff = await signedInStaff(ctx(), 'therapist');
      const res = await ctx().app.inject({ method: 'POST', url: '/admin/login', ...form({ email: staff.email, password: STRONG_PASSWORD }) });
      const raw = String(res.headers['set-cookie']);
      expect(raw).toMatch(/^__Host-rc_session=/);
      expect(raw).toContain('Secure');
      expect(raw).toContain('Path=/');
    });
  },
  { env: { BASE_URL: 'https://clinic.example' } },
);

describeEachEngine('CSRF and methods', (ctx) => {
  it('refuses state changes without the token or from another site', async () => {
    const { app } = ctx();
    const staff = await signedInStaff(ctx(), 'therapist');
    const noToken = await app.inject({ method: 'POST', url: '/admin/locale', ...form({ locale: 'tr' }), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: staff.cookie } });
    expect(noToken.statusCode).toBe(403);
    const wrongToken = await postAs(app, { cookie: staff.cookie, csrf: 'x'.repeat(43) }, '/admin/locale', { locale: 'tr' });
    expect(wrongToken.statusCode).toBe(403);
    const crossSite = await app.inject({
      method: 'POST',
      url: '/admin/locale',
      payload: new URLSearchParams({ _csrf: staff.csrf, locale: 'tr' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: staff.cookie, origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    const loginCsrf = await app.inject({
      method: 'POST',
      url: '/admin/login',
      payload: new URLSearchParams({ email: staff.email, password: STRONG_PASSWORD }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
    });
    expect(loginCsrf.statusCode).toBe(403);
    const sameSite = await app.inject({
      method: 'POST',
      url: '/admin/locale',
      payload: new URLSearchParams({ _csrf: staff.csrf, locale: 'tr' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: staff.cookie, origin: 'http://localhost:3000' },
    });
    expect(sameSite.statusCode).toBe(303);
    const sameHost = await app.inject({
      method: 'POST',
      url: '/admin/locale',
      payload: new URLSearchParams({ _csrf: staff.csrf, locale: 'en' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: staff.cookie, origin: 'http://127.0.0.1:4000', host: '127.0.0.1:4000' },
    });
    expect(sameHost.statusCode).toBe(303);
    const apiNoToken = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: staff.cookie } });
    expect(apiNoToken.statusCode).toBe(403);
    expect(apiNoToken.headers['content-type']).toContain('application/problem+json');
  });

  it('answers GET on state-changing routes with 405 and changes nothing', async () => {
    const { app } = ctx();
    const staff = await signedInStaff(ctx(), 'therapist');
    for (const url of ['/admin/logout', '/admin/locale', '/admin/account/sessions/revoke-others', '/api/v1/auth/logout', '/api/v1/auth/login']) {
      const res = await getAs(app, staff, url);
      expect(res.statusCode, url).toBe(405);
      expect(res.headers.allow).toBe('POST');
    }
    expect((await getAs(app, staff, '/admin')).statusCode).toBe(200);
  });
});

describeEachEngine('staff API', (ctx) => {
  it('signs in with JSON, answers /me and signs out; errors are problem+json with field errors', async () => {
    const { app } = ctx();
    const staff = await signedInStaff(ctx(), 'therapist');
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: staff.email.toUpperCase(), password: STRONG_PASSWORD } });
    expect(login.statusCode).toBe(200);
    const me = login.json() as { email: string; role: string; csrfToken: string };
    expect(me).toMatchObject({ email: staff.email, role: 'therapist' });
    const cookie = cookieFrom(login)!;
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie } })).json()).toMatchObject({ email: staff.email });

    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: staff.email, password: 'nope-nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ghost@test.example', password: 'nope-nope-nope' } });
    expect(unknown.body).toBe(wrong.body);

    const invalid = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 42, password: ['x'] }, headers: { 'accept-language': 'tr' } });
    expect(invalid.statusCode).toBe(422);
    const problem = invalid.json() as { errors: Record<string, string> };
    expect(Object.keys(problem.errors).sort()).toEqual(['email', 'password']);
    expect(problem.errors.email).toMatch(/geçerli/);
    const notJson = await app.inject({ method: 'POST', url: '/api/v1/auth/login', ...form({ email: staff.email, password: STRONG_PASSWORD }) });
    expect(notJson.statusCode).toBe(415);
    const broken = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers['content-type']).toContain('application/problem+json');

    const signedOut = await app.inject({ url: '/api/v1/me' });
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.headers['content-type']).toContain('application/problem+json');
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': me.csrfToken } });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('serves an OpenAPI document generated from the schemas', async () => {
    const doc = (await ctx().app.inject({ url: '/api/v1/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/auth/login', '/auth/logout', '/me']));
    expect(Object.keys(doc.components.schemas.LoginBody!.properties!)).toEqual(['email', 'password', 'code']);
  });
});
