// `npm run seed`: migrates and seeds the demo clinic into an empty database (a database with a clinic is left alone).
import 'dotenv/config';
import { loadConfig } from '../config.ts';
import { prepareDatabase } from '../db/setup.ts';

const config = loadConfig();
const { handle, seeded } = await prepareDatabase(config, { now: Date.now() });
console.log(seeded ? 'demo clinic seeded' : 'the database already holds a clinic: nothing seeded');
await handle.close();
