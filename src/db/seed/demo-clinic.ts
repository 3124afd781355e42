// The demo clinic of PRODUCT.md, seeded on the first start of an empty database (same rows on both engines).
import type { Database } from '../connect.ts';
import type { ClinicSettings } from '../../features/settings/schema.ts';
import { turkishHolidays } from './holidays.ts';
import { demoPages, demoServices } from './demo-content.ts';
import { seedLegalTexts } from './legal-texts.ts';
import { seedArticles } from './articles.ts';
import { seedDemoComments } from './demo-comments.ts';

export function demoSettings(timeZone: string): ClinicSettings {
  const weekdays = (opens: string, closes: string, days: number[]) => days.map((day) => ({ day, opens, closes }));
  return {
    clinicName: 'Adım Robotik Rehabilitasyon Merkezi',
    address: 'Barbaros Mah. Çınar Sok. No: 12, 34746 Ataşehir / İstanbul',
    phone: '+90 216 555 01 23',
    email: 'info@adim-rehab.example',
    mapUrl: 'https://www.openstreetmap.org/search?query=Ata%C5%9Fehir%2C%20%C4%B0stanbul',
    openingHours: [...weekdays('09:00', '18:00', [1, 2, 3, 4, 5]), ...weekdays('09:00', '14:00', [6])],
    whatsappNumber: '905550001234',
    whatsappHours: [...weekdays('09:00', '18:00', [1, 2, 3, 4, 5]), ...weekdays('10:00', '14:00', [6])],
    whatsappMessage: {
      tr: 'Merhaba, web sitenizde “{page}” sayfasını okuyorum ve bir sorum var.',
      en: 'Hello, I am reading “{page}” on your website and have a question.',
    },
    timeZone,
    defaultLocale: 'tr',
    ctaLabel: { tr: 'Ücretsiz muayene', en: 'Free examination' },
  };
}

const practitioners = [
  { name: 'Dr. Selin Aydoğan', tr: 'Fiziksel Tıp ve Rehabilitasyon Uzmanı', en: 'Physical medicine and rehabilitation physician', quals: ['physician'] },
  { name: 'Emre Kılıç', tr: 'Fizyoterapist', en: 'Physiotherapist', quals: ['physiotherapist', 'gait_robot'] },
  { name: 'Zeynep Şahin', tr: 'Fizyoterapist', en: 'Physiotherapist', quals: ['physiotherapist', 'gait_robot'] },
  { name: 'Burak Öztürk', tr: 'Fizyoterapist', en: 'Physiotherapist', quals: ['physiotherapist', 'arm_robot'] },
  { name: 'İlknur Işık', tr: 'Fizyoterapist', en: 'Physiotherapist', quals: ['physiotherapist'] },
];

const devices = [
  { kind: 'gait_robot', tr: 'Yürüme robotu', en: 'Gait robot', setup: 10, cleanup: 10 },
  { kind: 'arm_robot', tr: 'Üst ekstremite robotu', en: 'Upper-limb robot', setup: 5, cleanup: 5 },
  { kind: 'tilt_table', tr: 'Robotik tilt masası', en: 'Robotic tilt table', setup: 5, cleanup: 5 },
  { kind: 'electrotherapy', tr: 'Elektroterapi cihazı 1', en: 'Electrotherapy unit 1', setup: 0, cleanup: 5 },
  { kind: 'electrotherapy', tr: 'Elektroterapi cihazı 2', en: 'Electrotherapy unit 2', setup: 0, cleanup: 5 },
];

const rooms = [
  { kind: 'gait_room', tr: 'Yürüme robotu salonu', en: 'Gait room', cleanup: 0 },
  { kind: 'robotics_room', tr: 'Robotik terapi odası', en: 'Robotics room', cleanup: 0 },
  { kind: 'treatment_room', tr: 'Tedavi odası 1', en: 'Treatment room 1', cleanup: 5 },
  { kind: 'treatment_room', tr: 'Tedavi odası 2', en: 'Treatment room 2', cleanup: 5 },
  { kind: 'exam_room', tr: 'Muayene odası', en: 'Exam room', cleanup: 0 },
];

export async function isSeeded(db: Database): Promise<boolean> {
  const row = await db.selectFrom('settings').select('key').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Seeds everything in one transaction; returns false (and changes nothing) when the database already has a clinic. */
export async function seedDemoClinic(db: Database, options: { timeZone: string; now: number }): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('settings').select('key').limit(1).executeTakeFirst();
    if (existing) return false;
    const settings = demoSettings(options.timeZone);
    await tx
      .insertInto('settings')
      .values(Object.entries(settings).map(([key, value]) => ({ key, value: JSON.stringify(value) })))
      .execute();

    const location = await tx.insertInto('locations').values({ name: 'Ataşehir' }).returning('id').executeTakeFirstOrThrow();

    const hours: Array<{ resource_key: string; day: number; opens: string; closes: string }> = [];
    const week = (key: string, intervals: Array<[number[], string, string]>) => {
      for (const [days, opens, closes] of intervals) for (const day of days) hours.push({ resource_key: key, day, opens, closes });
    };
    const weekdays = [1, 2, 3, 4, 5];
    for (const [i, p] of practitioners.entries()) {
      const row = await tx
        .insertInto('practitioners')
        .values({ location_id: location.id, full_name: p.name, title_tr: p.tr, title_en: p.en, active: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('practitioner_qualifications')
        .values(p.quals.map((qualification) => ({ practitioner_id: row.id, qualification })))
        .execute();
      // Staff work with a lunch break; two of them also cover Saturday mornings, in turn.
      week(`practitioner:${row.id}`, [
        [weekdays, '09:00', '12:30'],
        [weekdays, '13:30', '18:00'],
        ...(i % 2 === 0 ? [[[6], '09:00', '14:00'] as [number[], string, string]] : []),
      ]);
    }
    const deviceIds = await tx
      .insertInto('devices')
      .values(devices.map((d) => ({ location_id: location.id, kind: d.kind, name_tr: d.tr, name_en: d.en, setup_minutes: d.setup, cleanup_minutes: d.cleanup, active: 1 })))
      .returning('id')
      .execute();
    const roomIds = await tx
      .insertInto('rooms')
      .values(rooms.map((r) => ({ location_id: location.id, kind: r.kind, name_tr: r.tr, name_en: r.en, active: 1, buffer_before_minutes: 0, buffer_after_minutes: r.cleanup })))
      .returning('id')
      .execute();
    // Devices and rooms are available whenever the clinic is open.
    for (const key of [...deviceIds.map((d) => `device:${d.id}`), ...roomIds.map((r) => `room:${r.id}`)]) {
      week(key, [
        [weekdays, '09:00', '18:00'],
        [[6], '09:00', '14:00'],
      ]);
    }
    await tx.insertInto('resource_hours').values(hours).execute();

    for (const [i, s] of demoServices.entries()) {
      const row = await tx
        .insertInto('services')
        .values({
          key: s.key,
          category: s.category,
          duration_minutes: s.durationMinutes,
          online_booking: s.onlineBooking ? 1 : 0,
          sort_order: i,
          active: 1,
          // Booking rules keep the migration's defaults (15-minute step, 2 h notice, 60-day horizon); the free
          // examination stays a request until the front desk confirms it.
          ...(s.key === 'free-examination' ? { initial_status: 'requested' } : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('service_translations')
        .values((['tr', 'en'] as const).map((locale) => ({ service_id: row.id, locale, name: s.name[locale], summary: s.summary[locale], body_md: s.body[locale] })))
        .execute();
      await tx
        .insertInto('service_requirements')
        .values(s.requirements.map((r) => ({ service_id: row.id, resource_type: r.resourceType, qualification: r.qualification })))
        .execute();
    }

    // Two holidays can fall on one date (e.g. 19 May 2027): one row, both names.
    const byDate = new Map<string, { date: string; name_tr: string; name_en: string; starts_at: string | null }>();
    for (const h of turkishHolidays) {
      const prev = byDate.get(h.date);
      if (prev) {
        prev.name_tr += ` / ${h.tr}`;
        prev.name_en += ` / ${h.en}`;
        if (!h.startsAt) prev.starts_at = null;
      } else byDate.set(h.date, { date: h.date, name_tr: h.tr, name_en: h.en, starts_at: h.startsAt ?? null });
    }
    await tx.insertInto('holidays').values([...byDate.values()]).execute();

    await seedLegalTexts(tx, options.now);

    await tx
      .insertInto('pages')
      .values(
        demoPages.flatMap((p) =>
          (['tr', 'en'] as const).map((locale) => ({
            key: p.key,
            locale,
            slug: p.slug[locale],
            title: p.title[locale],
            summary: p.summary[locale],
            body_md: p.body[locale],
            updated_at: options.now,
          })),
        ),
      )
      .execute();
    await seedArticles(tx, options.now);
    await seedDemoComments(tx, options.now, demoSettings(options.timeZone).clinicName);
    return true;
  });
}
