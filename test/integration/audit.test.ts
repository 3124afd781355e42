import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import * as audit from '../../src/features/audit/service.ts';
import { describeEachEngine, FIXED_NOW, type TestContext } from '../helpers/engines.ts';
import { html } from '../helpers/html.ts';
import { form, getAs, postAs, signIn, signedInStaff, STRONG_PASSWORD } from '../helpers/staff.ts';

interface ShownRow {
  id: number;
  action: string;
  person: string;
  time: string;
  datetime: string;
  target: string;
  address: string;
  details: string;
}

function shownRows(body: string): ShownRow[] {
  return html(body)
    .querySelectorAll('table.audit tbody tr')
    .map((tr) => {
      const cells = tr.querySelectorAll('td');
      return {
        id: Number(tr.getAttribute('data-id')),
        action: tr.getAttribute('data-action') ?? '',
        person: cells[1]?.text.trim() ?? '',
        time: cells[0]?.text.trim() ?? '',
        datetime: cells[0]?.querySelector('time')?.getAttribute('datetime') ?? '',
        target: cells[3]?.text.trim() ?? '',
        address: cells[4]?.text.trim() ?? '',
        details: cells[5]?.text.trim() ?? '',
      };
    });
}

function chainText(body: string): string {
  return html(body).querySelector('.chain-status')?.text.trim() ?? '';
}

async function countRows(db: Database): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rewrites one row behind the application's back: the append-only trigger has to be switched off first. */
async function tamper(ctx: TestContext, id: number, details: string): Promise<void> {
  const { db } = ctx.database;
  if (ctx.engine === 'postgres') await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
  else await sql`drop trigger audit_log_no_update`.execute(db);
  await sql`update audit_log set details = ${details} where id = ${id}`.execute(db);
  if (ctx.engine === 'postgres') await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
}

describeEachEngine('audit trail page', (ctx) => {
  it('shows the admin their own sign-in with time, person, action, address and an intact chain', async () => {
    const { app } = ctx();
    const admin = await signedInStaff(ctx(), 'admin', { name: 'Ayşe Admin' });
    const res = await getAs(app, admin, '/admin/audit');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const rows = shownRows(res.body);
    const login = rows.find((r) => r.action === 'auth.login.success' && r.person.includes(admin.email));
    expect(login).toBeDefined();
    expect(login!.person).toContain('Ayşe Admin');
    expect(login!.address).toBe('127.0.0.1');
    // 2026-12-02 07:00 UTC is 10:00 in Istanbul, the clinic's zone.
    expect(login!.time).toContain('10:00:00');
    expect(login!.datetime).toBe('2026-12-02T10:00:00.000+03:00');
    const doc = html(res.body);
    expect(doc.querySelector(`tr[data-id="${login!.id}"] a`)?.getAttribute('href')).toBe(`/admin/staff/${admin.id}`);
    expect(doc.querySelector(`tr[data-id="${login!.id}"]`)?.text).toContain('Signed in');
    // The account was created from the command line: a system actor and the new user as the record.
    const created = rows.find((r) => r.action === 'user.create' && r.target === `user #${admin.id}`);
    expect(created?.person).toBe('System (cli)');
    expect(created?.details).toBe(`{"email":"${admin.email}","role":"admin"}`);
    expect(chainText(res.body)).toMatch(/^Chain intact \(\d+ entries\)/);
    // No control on the page changes anything: the only form is the GET filter (plus the shell's sign-out and language).
    const forms = doc.querySelectorAll('main form');
    expect(forms.map((f) => f.getAttribute('method'))).toEqual(['get']);
    expect(doc.querySelector('main button[formmethod], main input[type=submit][formmethod]')).toBeNull();
  });

  it('is for admins only: receptionist and therapist get 403, signed-out people are sent to sign in', async () => {
    const { app } = ctx();
    for (const role of ['receptionist', 'therapist'] as const) {
      const who = await signedInStaff(ctx(), role);
      const res = await getAs(app, who, '/admin/audit');
      expect(res.statusCode, role).toBe(403);
      expect(res.body).not.toContain('auth.login.success');
    }
    const out = await app.inject({ url: '/admin/audit?action=auth.login.success' });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe(`/admin/login?next=${encodeURIComponent('/admin/audit?action=auth.login.success')}`);
  });

  it('filters by person and by action, and keeps the filters in the form', async () => {
    const { app } = ctx();
    const admin = await signedInStaff(ctx(), 'admin');
    const other = await signedInStaff(ctx(), 'therapist', { name: 'Tarık Terapist' });
    const failed = await app.inject({ method: 'POST', url: '/admin/login', ...form({ email: other.email, password: 'wrong-password-123456' }) });
    expect(failed.statusCode).toBe(401);

    const byPerson = await getAs(app, admin, `/admin/audit?person=${other.id}`);
    expect(byPerson.statusCode).toBe(200);
    const personRows = shownRows(byPerson.body);
    expect(personRows.length).toBeGreaterThanOrEqual(2);
    expect(personRows.every((r) => r.person.includes(other.email))).toBe(true);
    expect(personRows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.login.success', 'auth.login.failure']));
    expect(html(byPerson.body).querySelector('#f-person option[selected]')?.getAttribute('value')).toBe(String(other.id));

    const byAction = await getAs(app, admin, '/admin/audit?action=auth.login.failure');
    expect(byAction.statusCode).toBe(200);
    const actionRows = shownRows(byAction.body);
    expect(actionRows.length).toBeGreaterThanOrEqual(1);
    expect(actionRows.every((r) => r.action === 'auth.login.failure')).toBe(true);
    expect(actionRows[0]!.details).toBe('{"reason":"wrong-password"}');
    expect(byAction.body).toContain('Failed sign-in');

    const both = await getAs(app, admin, `/admin/audit?person=${admin.id}&action=auth.login.failure`);
    expect(both.statusCode).toBe(200);
    expect(shownRows(both.body)).toEqual([]);
    expect(both.body).toContain('No entries match these filters.');
  });

  it('filters by whole days in the clinic time zone', async () => {
    const { app, clock } = ctx();
    try {
      // 22:30 UTC on 2 December is 01:30 on 3 December in Istanbul.
      clock.now = Date.UTC(2026, 11, 2, 22, 30);
      const late = await signedInStaff(ctx(), 'receptionist');
      clock.now = Date.UTC(2026, 11, 5, 9, 0);
      const admin = await signedInStaff(ctx(), 'admin');

      const dec2 = shownRows((await getAs(app, admin, '/admin/audit?from=2026-12-02&to=2026-12-02')).body);
      expect(dec2.length).toBeGreaterThan(0);
      expect(dec2.every((r) => r.datetime.startsWith('2026-12-02'))).toBe(true);
      expect(dec2.some((r) => r.person.includes(late.email))).toBe(false);

      const dec3 = await getAs(app, admin, '/admin/audit?from=2026-12-03&to=2026-12-03');
      expect(dec3.statusCode).toBe(200);
      const dec3Rows = shownRows(dec3.body);
      expect(dec3Rows.length).toBeGreaterThan(0);
      expect(dec3Rows.every((r) => r.datetime.startsWith('2026-12-03T01:30:00.000+03:00'))).toBe(true);
      expect(dec3Rows.map((r) => r.action).sort()).toEqual(['auth.login.success', 'user.create']);
      expect(dec3Rows.find((r) => r.action === 'auth.login.success')?.person).toContain(late.email);
      expect(html(dec3.body).querySelector('#f-from')?.getAttribute('value')).toBe('2026-12-03');

      const fromOnly = shownRows((await getAs(app, admin, '/admin/audit?from=2026-12-04')).body);
      expect(fromOnly.length).toBeGreaterThan(0);
      expect(fromOnly.every((r) => r.datetime.startsWith('2026-12-05'))).toBe(true);

      const toOnly = shownRows((await getAs(app, admin, '/admin/audit?to=2026-12-02')).body);
      expect(toOnly.every((r) => r.datetime.startsWith('2026-12-02'))).toBe(true);
    } finally {
      clock.now = FIXED_NOW;
    }
  });

  it('answers bad filters with a localized message and the list, never a server error', async () => {
    const { app } = ctx();
    const admin = await signedInStaff(ctx(), 'admin');
    const bad: Array<[string, string]> = [
      ['person=abc', 'Please choose a person from the list.'],
      ['person=0', 'Please choose a person from the list.'],
      ['person=99999999999999999999', 'Please choose a person from the list.'],
      ['person=999999', 'Please choose a person from the list.'],
      ['person=1%20or%201%3D1', 'Please choose a person from the list.'],
      ['person=1&person=2', 'Please choose a person from the list.'],
      ['action=no.such.action', 'Please choose an action from the list.'],
      [`action=${encodeURIComponent("auth.login.success' or '1'='1")}`, 'Please choose an action from the list.'],
      [`action=${'x'.repeat(5000)}`, 'Please choose an action from the list.'],
      ['from=2026-02-30', 'Please enter a real date (year-month-day).'],
      ['from=2026-13-01', 'Please enter a real date (year-month-day).'],
      ['to=yesterday', 'Please enter a real date (year-month-day).'],
      ['to=2026-12-02%3B%20drop%20table%20audit_log', 'Please enter a real date (year-month-day).'],
      ['from=2026-12-05&to=2026-12-01', 'The end date is before the start date.'],
      ['page=0', 'That page number is not valid, so the first page is shown.'],
      ['page=-1', 'That page number is not valid, so the first page is shown.'],
      ['page=1e3', 'That page number is not valid, so the first page is shown.'],
      ['page=99999999999999999999999', 'That page number is not valid, so the first page is shown.'],
      ['page=abc', 'That page number is not valid, so the first page is shown.'],
    ];
    for (const [query, message] of bad) {
      const res = await getAs(app, admin, `/admin/audit?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.body, query).toContain('Some filters were not valid and were ignored.');
      expect(res.body, query).toContain(message);
      // The (unfiltered by the bad value) list is still there.
      expect(shownRows(res.body).length, query).toBeGreaterThan(0);
    }
    // A good filter next to a bad one still applies.
    const mixed = await getAs(app, admin, '/admin/audit?action=auth.login.success&person=abc');
    expect(mixed.statusCode).toBe(400);
    expect(shownRows(mixed.body).every((r) => r.action === 'auth.login.success')).toBe(true);
    // A page far past the end is a valid number: the last page is shown.
    const far = await getAs(app, admin, '/admin/audit?page=99999');
    expect(far.statusCode).toBe(200);
    expect(shownRows(far.body).length).toBeGreaterThan(0);
    // In Turkish for a Turkish-speaking admin.
    const email = `tr-admin-${Date.now()}@test.example`;
    await app.services.staff.createStaff('cli', { email, name: 'Türk Yönetici', role: 'admin', locale: 'tr', password: STRONG_PASSWORD });
    const turkish = await signIn(app, email, STRONG_PASSWORD);
    const tr = await getAs(app, turkish, '/admin/audit?from=2026-02-30');
    expect(tr.statusCode).toBe(400);
    expect(tr.body).toContain('Lütfen gerçek bir tarih girin');
    expect(tr.body).toContain('Oturum açtı');
    expect(chainText(tr.body)).toMatch(/^Zincir sağlam/);
  });

  it('pages 50 entries at a time, newest first, keeping the filters; unknown actions show their raw name', async () => {
    const { app, database, clock } = ctx();
    const admin = await signedInStaff(ctx(), 'admin');
    await database.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 60; i++) {
        await audit.record(tx, { at: clock.now, actor: { system: 'test' }, action: 'test.bulk', target: { type: 'thing', id: i }, details: { i } });
      }
    });
    const first = await getAs(app, admin, '/admin/audit?action=test.bulk');
    expect(first.statusCode).toBe(200);
    const page1 = shownRows(first.body);
    expect(page1).toHaveLength(50);
    expect(page1[0]!.details).toBe('{"i":59}');
    expect(page1[0]!.target).toBe('thing #59');
    expect(html(first.body).querySelector('tr[data-action="test.bulk"] td:nth-child(3)')?.text.trim()).toBe('test.bulk');
    expect(first.body).toContain('Entries 1–50 of 60');
    const older = html(first.body).querySelector('a[rel=next]')?.getAttribute('href');
    expect(older).toBe('/admin/audit?action=test.bulk&page=2');
    expect(html(first.body).querySelector('a[rel=prev]')).toBeNull();

    const second = await getAs(app, admin, older!);
    const page2 = shownRows(second.body);
    expect(page2).toHaveLength(10);
    expect(page2.at(-1)!.details).toBe('{"i":0}');
    expect(html(second.body).querySelector('a[rel=prev]')?.getAttribute('href')).toBe('/admin/audit?action=test.bulk');
    expect(html(second.body).querySelector('a[rel=next]')).toBeNull();
  });

  it('cannot be changed through the application: POST, PUT, PATCH and DELETE are refused', async () => {
    const { app, database } = ctx();
    const admin = await signedInStaff(ctx(), 'admin');
    const before = await countRows(database.db);
    const first = await database.db.selectFrom('audit_log').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const posted = await postAs(app, admin, '/admin/audit', { id: String(first.id), details: '{}' });
    expect([404, 405]).toContain(posted.statusCode);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await app.inject({
        method,
        url: '/admin/audit',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
        payload: JSON.stringify({ id: first.id }),
      });
      expect([404, 405], method).toContain(res.statusCode);
    }
    for (const url of [`/admin/audit/${first.id}`, `/admin/audit/${first.id}/delete`, `/admin/audit/${first.id}/edit`]) {
      expect([404, 405], url).toContain((await postAs(app, admin, url)).statusCode);
    }
    expect(await countRows(database.db)).toBe(before);
    const again = await database.db.selectFrom('audit_log').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(again).toEqual(first);
  });

  it('keeps an intact chain after several actions, and the database refuses UPDATE and DELETE', async () => {
    const { app, database } = ctx();
    const admin = await signedInStaff(ctx(), 'admin');
    const res = await postAs(app, admin, '/admin/logout');
    expect(res.statusCode).toBe(303);
    await app.inject({ method: 'POST', url: '/admin/login', ...form({ email: admin.email, password: 'not-the-password-at-all' }) });
    await app.inject({ method: 'POST', url: '/admin/login', ...form({ email: admin.email, password: STRONG_PASSWORD }) });

    const check = await audit.verifyChain(database.db);
    expect(check).toEqual({ ok: true, rows: await countRows(database.db) });

    const { db } = database;
    await expect(sql`update audit_log set details = '{}'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`update audit_log set action = 'x' where id = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await audit.verifyChain(db)).toEqual(check);
  });
});

describeEachEngine('audit trail tampering', (ctx) => {
  it('names exactly the changed row, in verifyChain and on the page', async () => {
    const { app, database } = ctx();
    const admin = await signedInStaff(ctx(), 'admin');
    await signedInStaff(ctx(), 'therapist');
    await signedInStaff(ctx(), 'receptionist');
    const ids = (await database.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const victim = ids[Math.floor(ids.length / 2)]!;

    expect((await audit.verifyChain(database.db)).ok).toBe(true);
    await tamper(ctx(), victim, '{"reason":"nothing to see here"}');

    const check = await audit.verifyChain(database.db);
    expect(check).toMatchObject({ ok: false, brokenId: victim, reason: 'content was changed after it was written' });

    const res = await getAs(app, admin, '/admin/audit');
    expect(res.statusCode).toBe(200);
    const status = html(res.body).querySelector('.chain-status');
    expect(status?.classList.contains('error')).toBe(true);
    expect(status?.getAttribute('role')).toBe('alert');
    expect(status?.text).toContain(`Chain broken at entry #${victim}`);
    expect(status?.text).toContain('changed after it was written');
  });
});

const statusOf = (body: string) => html(body).querySelector('.chain-status');

// Each case breaks the chain for good: a context (database) each.
describeEachEngine('audit trail check on the page: an old entry changed', (ctx) => {
  it('checks new entries on every view and recomputes the whole chain every ten minutes', async () => {
    const { app, clock } = ctx();
    const admin = await signedInStaff(ctx(), 'admin');
    const start = clock.now;
    try {
      const first = await getAs(app, admin, '/admin/audit');
      expect(statusOf(first.body)?.classList.contains('error')).toBe(false);
      expect(statusOf(first.body)?.text).toContain('The whole chain was last recomputed at');

      // An old entry changed outside the application (the database's own guard removed first).
      const oldest = (await ctx().database.db.selectFrom('audit_log').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
      await tamper(ctx(), oldest, '{"changed":"later"}');

      // Within ten minutes the page checks only what is new: still intact, and it says since when.
      clock.now = start + 5 * 60_000;
      const soon = await getAs(app, admin, '/admin/audit');
      expect(statusOf(soon.body)?.classList.contains('error')).toBe(false);

      // The next full check finds it.
      clock.now = start + 11 * 60_000;
      const later = await getAs(app, admin, '/admin/audit');
      expect(statusOf(later.body)?.classList.contains('error')).toBe(true);
      expect(statusOf(later.body)?.text).toContain(`Chain broken at entry #${oldest}`);
    } finally {
      clock.now = start;
    }
  });

});

describeEachEngine('audit trail check on the page: a forged new entry', (ctx) => {
  it('finds a new entry that does not link to the last one at once', async () => {
    const { app, database } = ctx();
    const admin = await signedInStaff(ctx(), 'admin');
    expect(statusOf((await getAs(app, admin, '/admin/audit')).body)?.classList.contains('error')).toBe(false);
    const forged = await sql<{ id: number }>`insert into audit_log (at, actor_user_id, actor_label, action, target_type, target_id, ip, details, prev_hash, hash)
      values (${FIXED_NOW}, null, 'system:forged', 'test.forged', null, null, null, '{}', ${'f'.repeat(64)}, ${'e'.repeat(64)}) returning id`.execute(database.db);
    const page = await getAs(app, admin, '/admin/audit');
    expect(statusOf(page.body)?.classList.contains('error')).toBe(true);
    expect(statusOf(page.body)?.text).toContain(`Chain broken at entry #${forged.rows[0]!.id}`);
  });
});
