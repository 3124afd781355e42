// Housekeeping: expired sessions, old sign-in failures, rate-limit events and idempotency keys are purged; nothing
// inside its window is touched, and the timer runs passes on its own.
import { expect, it } from 'vitest';
import { Housekeeping } from '../../src/features/housekeeping/service.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { getAs, signedInStaff } from '../helpers/staff.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describeEachEngine('housekeeping', (ctx) => {
  it('purges what has expired and keeps what a check or a retry may still need', async () => {
    const c = ctx();
    const db = c.database.db;
    const now = c.clock.now;
    await db.insertInto('rate_events').values([
      { bucket: 'hk:old', at: now - 25 * HOUR },
      { bucket: 'hk:new', at: now - 23 * HOUR },
    ]).execute();
    await db.insertInto('login_failures').values([
      { bucket: 'hk:old', at: now - 25 * HOUR },
      { bucket: 'hk:new', at: now - 10 * MINUTE },
    ]).execute();
    await db.insertInto('idempotency_keys').values([
      { key: 'hk:old', request_hash: 'x', status_code: 201, response: '{}', created_at: now - 25 * HOUR },
      { key: 'hk:new', request_hash: 'x', status_code: 201, response: '{}', created_at: now - HOUR },
    ]).execute();
    const idle = await signedInStaff(c, 'receptionist');
    c.clock.now += c.config.sessionIdleMs - MINUTE;
    const active = await signedInStaff(c, 'therapist');
    try {
      c.clock.now += 2 * MINUTE; // the first session is now idle for longer than the idle timeout; the second is fresh
      const counts = await new Housekeeping(db, c.config, () => c.clock.now).run();
      expect(counts.sessions).toBeGreaterThanOrEqual(1);
      expect(counts.rateEvents).toBeGreaterThanOrEqual(1);
      expect(counts.loginFailures).toBeGreaterThanOrEqual(1);
      expect(counts.idempotencyKeys).toBeGreaterThanOrEqual(1);

      const buckets = (rows: Array<{ bucket: string }>) => rows.map((r) => r.bucket).filter((b) => b.startsWith('hk:'));
      expect(buckets(await db.selectFrom('rate_events').select('bucket').execute())).toEqual(['hk:new']);
      expect(buckets(await db.selectFrom('login_failures').select('bucket').execute())).toEqual(['hk:new']);
      const keys = (await db.selectFrom('idempotency_keys').select('key').execute()).map((r) => r.key).filter((k) => k.startsWith('hk:'));
      expect(keys).toEqual(['hk:new']);
      const sessionUsers = (await db.selectFrom('sessions').select('user_id').execute()).map((r) => r.user_id);
      expect(sessionUsers).not.toContain(idle.id);
      expect(sessionUsers).toContain(active.id);
      expect((await getAs(c.app, active, '/admin')).statusCode).toBe(200);

      // A second pass finds nothing more of ours to delete.
      const again = await new Housekeeping(db, c.config, () => c.clock.now).run();
      expect(again).toEqual({ sessions: 0, loginFailures: 0, rateEvents: 0, idempotencyKeys: 0 });
    } finally {
      c.clock.now -= c.config.sessionIdleMs + MINUTE;
    }
  });

  it('runs passes on its own timer and stops with the app', async () => {
    const c = ctx();
    await c.database.db.insertInto('rate_events').values({ bucket: 'hk:timer', at: c.clock.now - 48 * HOUR }).execute();
    const housekeeping = new Housekeeping(c.database.db, c.config, () => c.clock.now);
    const errors: unknown[] = [];
    housekeeping.start((err) => errors.push(err), 20);
    try {
      await expect
        .poll(async () => (await c.database.db.selectFrom('rate_events').select('bucket').where('bucket', '=', 'hk:timer').execute()).length, { timeout: 5000 })
        .toBe(0);
    } finally {
      housekeeping.stop();
    }
    expect(errors).toEqual([]);
  });
});
