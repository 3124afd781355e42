// The outbox worker: retries with exponential backoff and jitter, permanent failures, provider rate limits, leases
// that outlive a dead worker, and exactly-once delivery — a worker process killed with SIGKILL mid-batch, and two
// workers on two connections racing over 200 messages.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import type { OutboxRow } from '../../src/db/schema.ts';
import { enqueue, type NewOutboxMessage } from '../../src/features/notifications/outbox.ts';
import type { Sender } from '../../src/features/notifications/senders.ts';
import { OutboxWorker } from '../../src/features/notifications/worker.ts';
import { describeEachEngine, FIXED_NOW, type TestContext } from '../helpers/engines.ts';
import { parseMail, startFakeWhatsApp, startSmtp } from '../helpers/mail.ts';

const root = path.resolve(import.meta.dirname, '../..');
const smtp = await startSmtp();
const whatsapp = await startFakeWhatsApp();
afterAll(async () => {
  await smtp.close();
  await whatsapp.close();
});

const MINUTE = 60_000;

function secondHandle(ctx: TestContext): DatabaseHandle {
  const target = ctx.config.database;
  return openDatabase(target, ctx.pgSchema ? { pgSchema: ctx.pgSchema } : {});
}

async function row(ctx: TestContext, id: number): Promise<OutboxRow> {
  return ctx.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describeEachEngine(
  'outbox worker',
  (ctx, engine) => {
    const at = (local: string) => `${local}.${engine}@example.com`;
    const mail = (recipient: string, over: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
      channel: 'email',
      kind: 'test.message',
      recipient,
      locale: 'en',
      subject: `Test for ${recipient}`,
      text: 'Hello',
      ...over,
    });
    const worker = () => ctx().app.services.notifications.worker;

    beforeEach(async () => {
      // Each test starts from an empty queue at the fixed time.
      ctx().clock.now = FIXED_NOW;
      await ctx().database.db.deleteFrom('outbox').execute();
      whatsapp.answers.length = 0;
    });

    it('backs off exponentially with jitter, capped', () => {
      const make = (r: number) => new OutboxWorker({ database: ctx().database, senders: { email: { send: () => Promise.reject(new Error('x')) }, whatsapp: { send: () => Promise.reject(new Error('x')) } }, now: () => 0, maxAttempts: 5, random: () => r, baseBackoffMs: 1000, maxBackoffMs: 10_000 });
      const low = make(0);
      const high = make(0.999999);
      expect([1, 2, 3, 4, 5, 6].map((n) => low.backoff(n))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
      expect([1, 2, 3, 4, 5, 6].map((n) => high.backoff(n))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    });

    it('retries a temporary SMTP refusal with growing delays, then marks it failed after the last attempt', async () => {
      const c = ctx();
      const to = at('busy');
      smtp.refuse.set(to, 451);
      const id = (await enqueue(c.database.db, mail(to), c.clock.now))!;
      let expectedMin = 30_000;
      for (let attempt = 1; attempt <= 2; attempt++) {
        const round = await worker().runOnce();
        expect(round).toMatchObject({ claimed: 1, retried: 1 });
        const r = await row(c, id);
        expect(r.status).toBe('pending');
        expect(r.attempts).toBe(attempt);
        expect(r.last_error).toMatch(/^SMTP 451/);
        const delay = r.next_attempt_at - c.clock.now;
        expect(delay).toBeGreaterThanOrEqual(expectedMin);
        expect(delay).toBeLessThanOrEqual(expectedMin * 2);
        // Not before its time.
        c.clock.now = r.next_attempt_at - 1;
        expect((await worker().runOnce()).claimed).toBe(0);
        c.clock.now = r.next_attempt_at;
        expectedMin *= 2;
      }
      expect(await worker().runOnce()).toMatchObject({ claimed: 1, failed: 1 });
      const failed = await row(c, id);
      expect(failed.status).toBe('failed');
      expect(failed.attempts).toBe(3);
      expect(failed.last_error).toMatch(/SMTP 451.*gave up after 3 attempts/);
      c.clock.now += 24 * 60 * MINUTE;
      expect((await worker().runOnce()).claimed).toBe(0);
      smtp.refuse.delete(to);
    });

    it('delivers on a later attempt once the server takes the mail again', async () => {
      const c = ctx();
      const to = at('flaky');
      smtp.refuse.set(to, 421);
      const id = (await enqueue(c.database.db, mail(to), c.clock.now))!;
      await worker().runOnce();
      smtp.refuse.delete(to);
      c.clock.now = (await row(c, id)).next_attempt_at;
      expect(await worker().runOnce()).toMatchObject({ sent: 1 });
      expect(await row(c, id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null, sent_at: c.clock.now });
      expect(smtp.mails.filter((m) => m.to.includes(to))).toHaveLength(1);
    });

    it('fails at once on a permanent SMTP refusal (no such mailbox)', async () => {
      const c = ctx();
      const to = at('nobody');
      smtp.refuse.set(to, 550);
      const id = (await enqueue(c.database.db, mail(to), c.clock.now))!;
      expect(await worker().runOnce()).toMatchObject({ failed: 1 });
      const r = await row(c, id);
      expect(r.status).toBe('failed');
      expect(r.attempts).toBe(1);
      expect(r.last_error).toMatch(/^SMTP 550/);
    });

    it('waits as long as the WhatsApp API asks on a rate limit, then sends', async () => {
      const c = ctx();
      whatsapp.answers.push({ status: 429, headers: { 'retry-after': '900' }, body: { error: { message: '(#130429) Rate limit hit', code: 130429 } } });
      const id = (await enqueue(c.database.db, { channel: 'whatsapp', kind: 'appointment.reminder', recipient: '+905551112233', locale: 'en', text: 'Reminder', whatsappTemplate: { name: 'appointment_reminder', params: ['A', 'B'] } }, c.clock.now))!;
      expect(await worker().runOnce()).toMatchObject({ retried: 1 });
      const r = await row(c, id);
      expect(r).toMatchObject({ status: 'pending', attempts: 1 });
      expect(r.last_error).toMatch(/WhatsApp 429 \(code 130429\)/);
      expect(r.next_attempt_at).toBeGreaterThanOrEqual(c.clock.now + 900_000);
      c.clock.now = r.next_attempt_at;
      expect(await worker().runOnce()).toMatchObject({ sent: 1 });
      const done = await row(c, id);
      expect(done.status).toBe('sent');
      expect(done.provider_id).toMatch(/^wamid\./);
      const last = whatsapp.requests.at(-1)!;
      expect(last.body).toMatchObject({ to: '905551112233', type: 'template', template: { name: 'appointment_reminder', language: { code: 'en' } } });
    });

    it('fails at once on an invalid WhatsApp number and shows the error to staff', async () => {
      const c = ctx();
      whatsapp.answers.push({
        status: 400,
        body: { error: { message: '(#131026) Message undeliverable', type: 'OAuthException', code: 131026, error_data: { details: 'Recipient is not a valid WhatsApp user' } } },
      });
      const id = (await enqueue(c.database.db, { channel: 'whatsapp', kind: 'appointment.created', recipient: '+905550000000', locale: 'tr', text: 'Onay', whatsappTemplate: { name: 'randevu_onayi', params: [] } }, c.clock.now))!;
      expect(await worker().runOnce()).toMatchObject({ failed: 1 });
      const r = await row(c, id);
      expect(r.status).toBe('failed');
      expect(r.last_error).toBe('WhatsApp 400 (code 131026): Recipient is not a valid WhatsApp user');
    });

    it('takes over the messages of a worker whose lease ran out, and not before', async () => {
      const c = ctx();
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) ids.push((await enqueue(c.database.db, mail(at(`lease${i}`)), c.clock.now))!);
      const dead = new OutboxWorker({ database: c.database, senders: { email: { send: () => Promise.reject(new Error('never')) }, whatsapp: { send: () => Promise.reject(new Error('never')) } }, now: () => c.clock.now, maxAttempts: 5, leaseMs: 5 * MINUTE, owner: 'dead' });
      expect((await dead.claim()).map((m) => m.id)).toEqual(ids);
      c.clock.now += 5 * MINUTE - 1;
      expect((await worker().runOnce()).claimed).toBe(0);
      c.clock.now += 1;
      expect(await worker().runOnce()).toMatchObject({ claimed: 3, sent: 3 });
      for (const id of ids) expect(await row(c, id)).toMatchObject({ status: 'sent', attempts: 2, lease_owner: null });
      // The dead worker's late outcome cannot overwrite the new owner's.
      const { finish } = await import('../../src/features/notifications/repo.ts');
      expect(await finish(c.database.db, ids[0]!, 'dead', { status: 'failed', now: c.clock.now, error: 'late' })).toBe(false);
      expect((await row(c, ids[0]!)).status).toBe('sent');
    });

    it('never sends twice when a worker process is killed (SIGKILL) mid-batch', async () => {
      const c = ctx();
      const count = 20;
      const recipients = Array.from({ length: count }, (_, i) => at(`killed${i}`));
      for (const r of recipients) await enqueue(c.database.db, mail(r), c.clock.now);
      const databaseUrl = c.config.database.engine === 'sqlite' ? c.config.database.file : c.config.database.url;
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/outbox-worker-child.ts'], {
        cwd: root,
        env: {
          ...process.env,
          CHILD_DATABASE_URL: databaseUrl,
          CHILD_PG_SCHEMA: c.pgSchema ?? '',
          CHILD_SMTP_URL: smtp.url,
          CHILD_NOW: String(c.clock.now),
          CHILD_BATCH: '10',
          CHILD_LEASE_MS: String(10 * MINUTE),
          DELIVER_BEFORE_PAUSE: '4',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      const deadline = Date.now() + 30_000;
      while (!output.includes('PAUSED')) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`child did not pause: ${output}`);
        await sleep(50);
      }
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const claimed = /CLAIMED ([\d,]+)/.exec(output)![1]!.split(',').map(Number);
      expect(claimed).toHaveLength(10);
      const rows = await c.database.db.selectFrom('outbox').selectAll().orderBy('id').execute();
      expect(rows.filter((r) => r.status === 'sent')).toHaveLength(4);
      expect(rows.filter((r) => r.status === 'sending' && r.lease_owner === 'child')).toHaveLength(6);
      expect(rows.filter((r) => r.status === 'pending')).toHaveLength(10);

      // Another worker: the unclaimed ten now; the dead worker's six when its lease has run out.
      await worker().drain();
      expect(rows.length).toBe(count);
      c.clock.now += 10 * MINUTE;
      await worker().drain();
      const after = await c.database.db.selectFrom('outbox').selectAll().execute();
      expect(after.every((r) => r.status === 'sent')).toBe(true);
      for (const r of recipients) {
        const received = smtp.mails.filter((m) => m.to.includes(r));
        expect(received, r).toHaveLength(1);
        expect(parseMail(received[0]!.raw).subject).toBe(`Test for ${r}`);
      }
    });

    it('two workers (on two connections on PostgreSQL) deliver 200 messages exactly once', async () => {
      const c = ctx();
      const total = 200;
      for (let i = 0; i < total; i++) await enqueue(c.database.db, mail(`race${i}@example.com`), c.clock.now);
      const deliveries = new Map<number, string[]>();
      const recorder = (name: string): Sender => ({
        async send(message) {
          await sleep(Math.random() * 2);
          deliveries.set(message.id, [...(deliveries.get(message.id) ?? []), name]);
          return { providerId: `${name}-${message.id}` };
        },
      });
      // PostgreSQL: a second pool, as a second app instance would have. SQLite: one process has one connection (a
      // second one in the same thread would wait on the first synchronously), so both workers share it — the kill
      // test above covers a second process on the same file.
      const other = engine === 'postgres' ? secondHandle(c) : c.database;
      try {
        const make = (name: string, database: DatabaseHandle) =>
          new OutboxWorker({ database, senders: { email: recorder(name), whatsapp: recorder(name) }, now: () => c.clock.now, maxAttempts: 5, batchSize: 7, owner: name });
        const a = make('a', c.database);
        const b = make('b', other);
        const [ra, rb] = await Promise.all([a.drain(1000), b.drain(1000)]);
        expect(ra.sent + rb.sent).toBe(total);
        expect(deliveries.size).toBe(total);
        expect([...deliveries.values()].every((who) => who.length === 1)).toBe(true);
        if (engine === 'postgres') {
          // Both took part (SKIP LOCKED lets them work side by side).
          expect(ra.sent).toBeGreaterThan(0);
          expect(rb.sent).toBeGreaterThan(0);
        }
        const rows = await c.database.db.selectFrom('outbox').select(['status', 'attempts', 'provider_id', 'id']).execute();
        expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.provider_id === `${deliveries.get(r.id)![0]}-${r.id}`)).toBe(true);
      } finally {
        if (other !== c.database) await other.close();
      }
    });
  },
  { env: { SMTP_URL: smtp.url, OUTBOX_MAX_ATTEMPTS: '3', WHATSAPP_TOKEN: 'tok', WHATSAPP_PHONE_NUMBER_ID: '42', WHATSAPP_API_URL: whatsapp.url } },
);
