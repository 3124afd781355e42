// Grows the demo clinic for tests that need a choice between resources.
import type { Database } from '../../src/db/connect.ts';

export interface WeeklyHours {
  day: number;
  opens: string;
  closes: string;
}

const weekdays: WeeklyHours[] = [1, 2, 3, 4, 5].map((day) => ({ day, opens: '09:00', closes: '18:00' }));

/** Adds `count` physicians and as many exam rooms at the demo clinic's first location, working `practitionerHours` and
 * `roomHours` (default weekdays 09:00–18:00). Also used by bench/booking.ts for its larger clinic. */
export async function addPhysiciansAndRooms(
  db: Database,
  count: number,
  options: { names?: string; practitionerHours?: readonly WeeklyHours[]; roomHours?: readonly WeeklyHours[] } = {},
): Promise<{ practitioners: string[]; rooms: string[] }> {
  const names = options.names ?? 'Ek';
  return db.transaction().execute(async (tx) => {
    const location = await tx.selectFrom('locations').select('id').orderBy('id').executeTakeFirstOrThrow();
    const practitioners = await tx
      .insertInto('practitioners')
      .values(Array.from({ length: count }, (_, i) => ({ location_id: location.id, full_name: `Dr. ${names} ${i + 1}`, title_tr: 'Hekim', title_en: 'Physician', active: 1 })))
      .returning('id')
      .execute();
    await tx
      .insertInto('practitioner_qualifications')
      .values(practitioners.map((p) => ({ practitioner_id: p.id, qualification: 'physician' })))
      .execute();
    const rooms = await tx
      .insertInto('rooms')
      .values(Array.from({ length: count }, (_, i) => ({ location_id: location.id, kind: 'exam_room', name_tr: `Ek oda ${i + 1}`, name_en: `Extra room ${i + 1}`, active: 1, buffer_before_minutes: 0, buffer_after_minutes: 0 })))
      .returning('id')
      .execute();
    const keys = { practitioners: practitioners.map((p) => `practitioner:${p.id}`), rooms: rooms.map((r) => `room:${r.id}`) };
    const hours = [
      ...keys.practitioners.flatMap((resource_key) => (options.practitionerHours ?? weekdays).map((h) => ({ resource_key, ...h }))),
      ...keys.rooms.flatMap((resource_key) => (options.roomHours ?? weekdays).map((h) => ({ resource_key, ...h }))),
    ];
    for (let i = 0; i < hours.length; i += 200) await tx.insertInto('resource_hours').values(hours.slice(i, i + 200)).execute();
    return keys;
  });
}
