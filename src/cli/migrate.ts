// `npm run migrate`: applies pending migrations to DATABASE_URL and exits.
import 'dotenv/config';
import { loadConfig } from '../config.ts';
import { prepareDatabase } from '../db/setup.ts';

const config = loadConfig();
const { handle, applied } = await prepareDatabase(config, { now: Date.now(), seed: false });
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
await handle.close();
