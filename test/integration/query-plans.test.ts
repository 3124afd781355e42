// No statement the app runs may scan a table that grows with the clinic's history. The booking benchmark found one
// (the WhatsApp opt-in lookup read the whole consents ledger on every booking: 0.3 ms per booking at 6,000 rows, and
// growing). This test walks the public site, books, manages and runs the back office on SQLite, then asks SQLite's
// planner about every statement the connection prepared along the way. SQLite only: its planner answers the same
// whatever the table sizes; PostgreSQL's would choose sequential scans on a test database this small.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { createTestContext, FIXED_NOW, type TestContext } from '../helpers/engines.ts';
import { getAs, postAs, signedInStaff } from '../helpers/staff.ts';

/** Tables whose row count grows with use; reference tables (services, resources, settings …) may be scanned. */
const GROWING = [
  'patients',
  'appointments',
  'appointment_resources',
  'appointment_status_history',
  'occupancy',
  'consents',
  'intakes',
  'idempotency_keys',
  'rate_events',
  'audit_log',
  'outbox',
  'comments',
  'sessions',
  'login_failures',
  'waitlist_entries',
  'waitlist_offers',
];

/**
 * Scans allowed on purpose, each with the reason. A statement is matched by a fragment of its SQL text.
 * Keep this list short: every entry is a statement whose cost grows with the table.
 */
const ALLOWED: Array<{ sql: string; table: string; why: string }> = [
  { sql: 'select * from "audit_log" order by "id" desc limit', table: 'audit_log', why: 'newest first by rowid: reads one page of rows (plus the offset), not the table' },
  {
    sql: '"t"."locale" = ? order by "w"."id" limit ?',
    table: 'waitlist_entries',
    why: 'the whole waitlist, unfiltered, in order: one page of rows by rowid (filtered lists use their index)',
  },
  {
    sql: 'from "patients" as "p" where "p"."erased_at" is null and',
    table: 'patients',
    why: 'privacy search: a name or phone *containing* the text (Turkish-folded) — newest first, stops at the limit; a substring match cannot use a b-tree (a trigram index would be the next step)',
  },
];

/** Placeholders outside string literals: EXPLAIN needs a value bound for each. */
function placeholders(sql: string): number {
  let n = 0;
  let quoted: string | undefined;
  for (const ch of sql) {
    if (quoted) {
      if (ch === quoted) quoted = undefined;
    } else if (ch === "'" || ch === '"') quoted = ch;
    else if (ch === '?') n++;
  }
  return n;
}

describe('query plans (SQLite): no full scan of a growing table', () => {
  let ctx: TestContext & { dispose(): Promise<void> };
  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { env: { BOOKING_MAX_PER_IP_PER_HOUR: '1000', BOOKING_MAX_PER_PHONE_PER_DAY: '1000' } });
  });
  afterAll(() => ctx?.dispose());

  it('walks the site and the back office, then explains every prepared statement', async () => {
    const { app } = ctx;
    const ok = async (url: string, who?: { cookie: string }) => {
      const res = who ? await getAs(app, who, url) : await app.inject({ url });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBeLessThan(400);
      return res;
    };

    // Public side.
    for (const url of ['/tr/', '/en/', '/en/articles', '/en/articles/what-causes-muscle-spasm', '/tr/makaleler/kas-spazmi-neden-olur', '/en/search?q=spasm', '/sitemap.xml', '/en/feed.xml']) {
      await ok(url);
    }
    const slots = (await ok('/api/v1/availability?service=free-examination&from=2026-12-03&to=2026-12-04')).json() as { slots: Array<{ start: string }> };
    expect(slots.slots.length).toBeGreaterThan(5);
    const manageUrls: string[] = [];
    for (const [i, slot] of [slots.slots[0]!, slots.slots[2]!, slots.slots[4]!].entries()) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: { 'content-type': 'application/json', 'idempotency-key': `plan-${i}` },
        payload: JSON.stringify({
          service: 'free-examination',
          start: slot.start,
          name: `Plan Hastası ${i}`,
          phone: `0535 000 00 0${i}`,
          email: `plan${i}@example.com`,
          locale: 'tr',
          consent: { kvkk: true, healthData: true, whatsapp: i === 0 },
          intake: { complaint: 'spasm-cramps', spasmFrequency: 'weekly', painScore: 4, triggers: ['stress'] },
        }),
      });
      expect(res.statusCode, res.body).toBe(201);
      manageUrls.push(new URL((res.json() as { manageUrl: string }).manageUrl).pathname);
    }
    for (const url of manageUrls) await ok(url);
    await app.services.notifications.worker.drain();

    // Back office.
    const admin = await signedInStaff(ctx, 'admin');
    const list = await ok('/admin/appointments', admin);
    const id = /\/admin\/appointments\/(\d+)/.exec(list.body)?.[1];
    expect(id, 'an appointment link on the list').toBeDefined();
    const day = new Date(FIXED_NOW + 86_400_000).toISOString().slice(0, 10);
    for (const url of [
      '/admin',
      `/admin/appointments/${id}`,
      `/admin/calendar?date=${day}&view=week`,
      `/admin/today?date=${day}`,
      `/admin/today/sheet?date=${day}&practitioner=1`,
      '/admin/waitlist',
      '/admin/messages',
      '/admin/comments',
      '/admin/audit',
      '/admin/audit?action=appointment.create',
      `/admin/audit?person=${admin.id}`,
      '/admin/reports/utilization',
      '/admin/content',
      '/admin/privacy?q=plan',
    ]) {
      await ok(url, admin);
    }
    const privacy = await ok('/admin/privacy?q=0535%20000%2000%2000', admin);
    const patient = /\/admin\/privacy\/patients\/(\d+)/.exec(privacy.body)?.[1];
    expect(patient, 'the patient found on the privacy page').toBeDefined();
    await ok(`/admin/privacy/patients/${patient}`, admin);
    // Stopping WhatsApp messages (patient 0 opted in): by staff, then again from the manage link (already off).
    expect((await postAs(app, admin, `/admin/privacy/patients/${patient}/stop-whatsapp`)).headers.location).toContain('notice=whatsappOff');
    const stop = await app.inject({ method: 'POST', url: `${manageUrls[0]!}/whatsapp-durdur`, payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(stop.statusCode).toBe(303);
    // Comments by e-mail address (data-subject requests): the search, the copy and the erasure (fresh sign-in: no
    // re-authentication needed).
    await ok('/admin/privacy?email=Plan0%40Example.com', admin);
    expect((await postAs(app, admin, '/admin/privacy/comments/export', { email: 'plan0@example.com' })).statusCode).toBe(200);
    expect((await postAs(app, admin, '/admin/privacy/comments/erase', { email: 'plan0@example.com', confirm: 'yes' })).statusCode).toBe(303);

    // Ask the planner.
    const statements = ctx.database.preparedSql?.() ?? [];
    expect(statements.length).toBeGreaterThan(40);
    const file = ctx.config.database.engine === 'sqlite' ? ctx.config.database.file : '';
    const probe = new SQLite(file, { readonly: true });
    const offenders: string[] = [];
    try {
      for (const text of statements) {
        if (!/^\s*(select|insert|update|delete|with)\b/i.test(text)) continue;
        const plan = probe.prepare(`explain query plan ${text}`).all(new Array(placeholders(text)).fill(null)) as Array<{ detail: string }>;
        // An INSERT's plan also lists the child tables a new parent row could satisfy; SQLite reads them only while
        // deferred foreign-key violations are outstanding, which our immediate constraints never leave.
        const insertInto = /^\s*insert into "(\w+)"/i.exec(text)?.[1];
        // SQLite names an aliased table by its alias ("SCAN c"): map aliases back to tables.
        const aliases = new Map<string, string>();
        for (const m of text.matchAll(/"(\w+)" as "(\w+)"/gi)) aliases.set(m[2]!, m[1]!);
        for (const { detail } of plan) {
          const named = /^SCAN (\w+)(?: AS \w+)?$/.exec(detail.trim())?.[1];
          const scanned = named === undefined ? undefined : (aliases.get(named) ?? named);
          if (!scanned || !GROWING.includes(scanned)) continue;
          if (insertInto && scanned !== insertInto) continue;
          if (ALLOWED.some((a) => a.table === scanned && text.includes(a.sql))) continue;
          offenders.push(`${scanned}: ${text.slice(0, 900)}`);
        }
      }
    } finally {
      probe.close();
    }
    expect(offenders, offenders.join('\n\n')).toEqual([]);
  });
});
