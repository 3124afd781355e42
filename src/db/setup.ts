// Open, migrate and (on an empty database) seed — what `npm start`, `npm run migrate` and the tests share.
import type { Config } from '../config.ts';
import { openDatabase, type DatabaseHandle, type OpenOptions } from './connect.ts';
import { migrateToLatest } from './migrate.ts';
import { seedDemoClinic } from './seed/demo-clinic.ts';

export async function prepareDatabase(config: Config, options: OpenOptions & { now: number; seed?: boolean }): Promise<{ handle: DatabaseHandle; applied: string[]; seeded: boolean }> {
  const handle = openDatabase(config.database, {
    ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}),
    ...(options.backgroundCheckpoints ? { backgroundCheckpoints: true } : {}),
  });
  try {
    const applied = await migrateToLatest(handle);
    const seeded = options.seed === false ? false : await seedDemoClinic(handle.db, { timeZone: config.clinicTimeZone, now: options.now });
    return { handle, applied, seeded };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
