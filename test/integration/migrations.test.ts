// Upgrading a database that already holds data: the rows survive and the new shape is in place.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { migrateToLatest, migrations } from '../../src/db/migrate.ts';
import { engines } from '../helpers/engines.ts';

describe('migrations on SQLite', () => {
  let handle: DatabaseHandle | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await handle?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('011 rebuilds occupancy WITHOUT ROWID, keeping every cell and the double-booking guard', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rehab-migrate-'));
    handle = openDatabase({ engine: 'sqlite', file: path.join(dir, 'db.sqlite') });
    const before = migrations.findIndex((m) => m.name === '011-occupancy-without-rowid');
    expect(before).toBeGreaterThan(0);
    await migrateToLatest(handle, migrations.slice(0, before));
    const db = handle.db;
    const service = await sql<{ id: number }>`insert into services (key, category, duration_minutes, online_booking, sort_order, active) values ('exam', 'exam', 30, 1, 1, 1) returning id`.execute(db);
    const patient = await sql<{ id: number }>`insert into patients (full_name, phone, email, locale, created_at, updated_at) values ('Şule Işık', '+905320000000', null, 'tr', 1, 1) returning id`.execute(db);
    const appointment = await sql<{ id: number }>`insert into appointments (service_id, patient_id, status, starts_at, ends_at, source, locale, manage_token_hash, created_at, updated_at)
      values (${service.rows[0]!.id}, ${patient.rows[0]!.id}, 'confirmed', 0, 1800000, 'online', 'tr', 'h', 1, 1) returning id`.execute(db);
    const id = appointment.rows[0]!.id;
    for (let cell = 0; cell < 1_800_000; cell += 300_000) {
      await sql`insert into occupancy (resource_key, cell, appointment_id) values ('practitioner:1', ${cell}, ${id}), ('room:1', ${cell}, ${id})`.execute(db);
    }

    expect(await migrateToLatest(handle)).toContain('011-occupancy-without-rowid');

    const shape = await sql<{ wr: number }>`select wr from pragma_table_list where name = 'occupancy'`.execute(db);
    expect(shape.rows[0]?.wr).toBe(1);
    const rows = await sql<{ n: number }>`select count(*) as n from occupancy where appointment_id = ${id}`.execute(db);
    expect(rows.rows[0]?.n).toBe(12);
    await expect(sql`insert into occupancy (resource_key, cell, appointment_id) values ('room:1', 600000, ${id})`.execute(db)).rejects.toThrow(/occupancy\.resource_key, occupancy\.cell/);
    const plan = await sql<{ detail: string }>`explain query plan select appointment_id from occupancy where appointment_id = ${id}`.execute(db);
    expect(plan.rows.map((r) => r.detail).join()).toContain('occupancy_appointment');
    // Cancelling the appointment's row still takes its cells with it (the foreign key survived the rebuild).
    await sql`delete from appointments where id = ${id}`.execute(db);
    expect((await sql<{ n: number }>`select count(*) as n from occupancy`.execute(db)).rows[0]?.n).toBe(0);
  });
});

describe.each(engines)('migration 013 on %s', (engine) => {
  it('links queued waitlist offers to their patient (outbox.patient_id) through the dedupe key; other messages stay unlinked', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rehab-migrate-'));
    const url = process.env.TEST_DATABASE_URL;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(statement);
      await client.end();
    };
    if (engine === 'postgres') await admin(`create schema ${schema}`);
    const handle = engine === 'sqlite' ? openDatabase({ engine, file: path.join(dir, 'db.sqlite') }) : openDatabase({ engine, url: url! }, { pgSchema: schema });
    try {
      await migrateToLatest(handle, migrations.slice(0, migrations.findIndex((m) => m.name === '013-outbox-patient')));
      const db = handle.db;
      const service = await db.insertInto('services').values({ key: 'exam', category: 'exam', duration_minutes: 30, online_booking: 1, sort_order: 1, active: 1 } as never).returning('id').executeTakeFirstOrThrow();
      const patients = [];
      for (const phone of ['+905320000001', '+905320000002']) {
        patients.push((await db.insertInto('patients').values({ full_name: 'Bekleyen', phone, email: null, locale: 'tr', created_at: 1, updated_at: 1 }).returning('id').executeTakeFirstOrThrow()).id);
      }
      const offers = [];
      for (const patientId of patients) {
        const entry = await db
          .insertInto('waitlist_entries')
          .values({ patient_id: patientId, service_id: service.id, weekdays: '', time_ranges: '', date_from: '2026-12-01', date_to: '2026-12-31', notes: '', status: 'waiting', created_at: 1, updated_at: 1 })
          .returning('id')
          .executeTakeFirstOrThrow();
        offers.push(
          (
            await db
              .insertInto('waitlist_offers')
              .values({ entry_id: entry.id, token_hash: `h${patientId}`, starts_at: 10, ends_at: 20, expires_at: 5, status: 'open', created_at: 1, updated_at: 1 })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id,
        );
      }
      const message = (recipient: string, kind: string, dedupeKey: string | null) =>
        db
          .insertInto('outbox')
          .values({ channel: 'whatsapp', kind, recipient, locale: 'tr', body_text: 'x', dedupe_key: dedupeKey, status: 'pending', attempts: 0, next_attempt_at: 1, created_at: 1, updated_at: 1 } as never)
          .returning('id')
          .executeTakeFirstOrThrow();
      const first = await message('+905320000001', 'waitlist.offer', `waitlist.offer:${offers[0]}`);
      const second = await message('+905320000002', 'waitlist.offer', `waitlist.offer:${offers[1]}`);
      const other = await message('+905320000003', 'appointment.created', 'appointment:1:created:whatsapp:1');

      expect(await migrateToLatest(handle)).toContain('013-outbox-patient');

      const linked = await db.selectFrom('outbox').select(['id', 'patient_id']).orderBy('id').execute();
      expect(linked.map((r) => [r.id, r.patient_id === null ? null : Number(r.patient_id)])).toEqual([
        [first.id, patients[0]],
        [second.id, patients[1]],
        [other.id, null],
      ]);
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
      if (engine === 'postgres') await admin(`drop schema if exists ${schema} cascade`);
    }
  });
});
