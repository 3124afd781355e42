// Upgrading a database that already holds data: the rows survive and the new shape is in place.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { migrateToLatest, migrations } from '../../src/db/migrate.ts';

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
