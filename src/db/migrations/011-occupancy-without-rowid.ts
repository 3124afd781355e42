// SQLite only: the occupancy table (one row per resource per 5-minute cell, the double-booking guard) becomes a
// WITHOUT ROWID table clustered on its primary key. Every booking writes a dozen cells; with a rowid each cell went
// into three b-trees (the rows, the primary key's index, the appointment index), now into two, and the reads by
// (resource, cell range) read the table itself. Same columns, same primary key, same constraint message on conflict.
// PostgreSQL has no rowid; nothing changes there.
import { sql } from 'kysely';
import type { Migration } from './helpers.ts';

export const occupancyWithoutRowid: Migration = {
  name: '011-occupancy-without-rowid',
  async up({ db, engine }) {
    if (engine !== 'sqlite') return;
    await sql`create table occupancy_clustered (
      resource_key text not null,
      cell bigint not null,
      appointment_id integer not null references appointments (id) on delete cascade,
      constraint occupancy_pk primary key (resource_key, cell)
    ) without rowid`.execute(db);
    await sql`insert into occupancy_clustered (resource_key, cell, appointment_id) select resource_key, cell, appointment_id from occupancy`.execute(db);
    await sql`drop table occupancy`.execute(db);
    await sql`alter table occupancy_clustered rename to occupancy`.execute(db);
    await sql`create index occupancy_appointment on occupancy (appointment_id)`.execute(db);
  },
};
