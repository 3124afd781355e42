// Many simultaneous bookings: the database alone decides, and every resource is in at most one appointment at a time.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { openDatabase, type Database } from '../../src/db/connect.ts';
import { describeEachEngine } from '../helpers/engines.ts';

const env = { env: { BOOKING_MAX_PER_IP_PER_HOUR: '100000', BOOKING_MAX_PER_PHONE_PER_DAY: '100000' } };

let counter = 0;
function body(start: string): Record<string, unknown> {
  const n = String(1_000_000 + ++counter).slice(-7);
  return {
    service: 'free-examination',
    start,
    name: `Eşzamanlı Hasta ${counter}`,
    phone: `0536 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`,
    locale: 'tr',
    consent: { kvkk: true, healthData: false },
  };
}

function book(app: FastifyInstance, start: string, i: number): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/v1/bookings',
    payload: JSON.stringify(body(start)),
    headers: { 'content-type': 'application/json' },
    remoteAddress: `10.20.${Math.floor(i / 250)}.${i % 250}`,
  });
}

async function freeSlots(app: FastifyInstance, from: string, to: string): Promise<string[]> {
  const res = await app.inject({ url: `/api/v1/availability?service=free-examination&from=${from}&to=${to}` });
  return (res.json() as { slots: Array<{ start: string }> }).slots.map((s) => s.start);
}

/** Every pair of intervals one resource holds for live appointments, checked for overlap (buffers included). */
async function overlaps(db: Database): Promise<string[]> {
  const rows = await db
    .selectFrom('appointment_resources as ar')
    .innerJoin('appointments as a', 'a.id', 'ar.appointment_id')
    .select(['ar.resource_key', 'ar.occupied_start', 'ar.occupied_end', 'a.id'])
    .where('a.status', '<>', 'cancelled')
    .orderBy('ar.resource_key')
    .orderBy('ar.occupied_start')
    .execute();
  const found: string[] = [];
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1]!;
    const cur = rows[i]!;
    if (prev.resource_key === cur.resource_key && cur.occupied_start < prev.occupied_end) found.push(`${cur.resource_key}: appointments ${prev.id} and ${cur.id}`);
  }
  return found;
}

async function appointmentCount(db: Database): Promise<number> {
  const row = await db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function expectOneWinnerPerSlot(answers: LightMyRequestResponse[], slots: readonly string[]): void {
  const won = answers.filter((a) => a.statusCode === 201);
  const lost = answers.filter((a) => a.statusCode === 409);
  expect(won.length + lost.length, answers.find((a) => a.statusCode !== 201 && a.statusCode !== 409)?.body).toBe(answers.length);
  expect(won).toHaveLength(slots.length);
  expect(new Set(won.map((a) => (a.json() as { start: string }).start))).toEqual(new Set(slots));
  for (const l of lost) {
    const problem = l.json() as { title: string; alternatives: Array<{ start: string }> };
    expect(problem.title).toBe('That slot was just taken');
    expect(problem.alternatives.length).toBeGreaterThan(0);
    expect(problem.alternatives.length).toBeLessThanOrEqual(5);
  }
}

describeEachEngine(
  'booking under concurrency',
  (ctx, engine) => {
    it('100 concurrent requests for one slot: exactly one 201 and 99 × 409 with alternatives', async () => {
      const { app, database } = ctx();
      const start = '2026-12-15T10:00:00+03:00';
      const before = await appointmentCount(database.db);
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => book(app, start, i)));
      expectOneWinnerPerSlot(answers, [start]);
      expect((await appointmentCount(database.db)) - before).toBe(1);
      const id = (answers.find((a) => a.statusCode === 201)!.json() as { id: number }).id;
      const cells = await database.db.selectFrom('occupancy').select('cell').where('appointment_id', '=', id).execute();
      expect(cells).toHaveLength(12);
      // The alternatives are really free.
      const alternative = (answers.find((a) => a.statusCode === 409)!.json() as { alternatives: Array<{ start: string }> }).alternatives[0]!.start;
      expect(await freeSlots(app, '2026-12-15', '2026-12-16')).toContain(alternative);
      expect(await overlaps(database.db)).toEqual([]);
    });

    it('200 concurrent requests over 20 slots: exactly 20 bookings and no overlaps in the database', async () => {
      const { app, database } = ctx();
      // Adjacent 15-minute starts for a 30-minute session: each booking also competes with its neighbours' cells.
      const slots = (await freeSlots(app, '2026-12-16', '2026-12-17')).filter((_, i) => i % 2 === 0).slice(0, 20);
      expect(slots).toHaveLength(20);
      const before = await appointmentCount(database.db);
      const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => book(app, slots[i % 20]!, i)));
      expectOneWinnerPerSlot(answers, slots);
      expect((await appointmentCount(database.db)) - before).toBe(20);
      expect(await overlaps(database.db)).toEqual([]);
    });

    it('overlapping starts race for shared cells: never two sessions of one resource at once', async () => {
      const { app, database } = ctx();
      // Every 15 minutes for a 30-minute session: any two neighbours overlap; the winners must not.
      const starts = (await freeSlots(app, '2026-12-18', '2026-12-18')).slice(0, 12);
      const answers = await Promise.all(Array.from({ length: 120 }, (_, i) => book(app, starts[(i * 7) % starts.length]!, i)));
      const won = answers.filter((a) => a.statusCode === 201);
      expect(won.length).toBeGreaterThanOrEqual(starts.length / 2 - 1);
      expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
      expect(await overlaps(database.db)).toEqual([]);
    });

    // Two pools need a server database; on SQLite the single-writer file already serialises instances.
    it.runIf(engine === 'postgres')('two app instances on separate connections book the same slots: one winner per slot (PostgreSQL)', async () => {
      const context = ctx();
      const second = openDatabase(context.config.database, { pgSchema: context.pgSchema });
      const other = await buildApp({ config: context.config, database: second, now: () => context.clock.now, announce: () => undefined });
      try {
        const slots = (await freeSlots(context.app, '2026-12-21', '2026-12-21')).filter((_, i) => i % 2 === 0).slice(0, 10);
        const before = await appointmentCount(context.database.db);
        const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => book(i % 2 === 0 ? context.app : other, slots[i % 10]!, i)));
        expectOneWinnerPerSlot(answers, slots);
        expect((await appointmentCount(context.database.db)) - before).toBe(10);
        expect(await overlaps(context.database.db)).toEqual([]);
      } finally {
        await other.close();
        await second.close();
      }
    });
  },
  env,
);
