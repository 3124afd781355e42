// Calendar week view benchmark: a week of 12 devices holding 400 appointments, over HTTP on 127.0.0.1.
//
//   npm run bench:calendar                 see bench/README.md
//
// Settings (environment): BENCH_SECONDS=10 (timed part, at most 20), BENCH_APPOINTMENTS=400.
// The demo clinic is seeded into a temporary SQLite file, seven more devices make twelve, and the appointments are
// written straight into the tables (patients, appointments, appointment_resources with setup/cleaning) — a fixture,
// not the booking path, which has its own benchmark. Then a signed-in receptionist asks for
// /admin/calendar?view=week&kind=device again and again (autocannon, one connection); the figure is the server's time
// per full response (Fastify's reply.elapsedTime: request received → response written).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { prepareDatabase } from '../src/db/setup.ts';

interface AutocannonResult {
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** autocannon in a child process (its CLI, JSON out), so that this process's CPU time is the server's alone. */
function autocannon(url: string, seconds: number, cookie: string): Promise<AutocannonResult> {
  const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('autocannon/package.json')), 'autocannon.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [bin, '-c', '1', '-d', String(seconds), '-H', `cookie=${cookie}`, '--json', url], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(new Error(`autocannon failed: ${error.message}`));
      else resolve(JSON.parse(stdout) as AutocannonResult);
    });
  });
}

const SECONDS = Math.min(20, Math.max(1, Number(process.env.BENCH_SECONDS ?? 10)));
const APPOINTMENTS = Math.max(1, Number(process.env.BENCH_APPOINTMENTS ?? 400));
const TARGET_P95_MS = 50;
const TIME_ZONE = 'Europe/Istanbul';
/** Fixed clock: Wednesday 2027-01-06 10:00 in Istanbul; the week shown is Monday 2027-01-11. */
const NOW = DateTime.fromISO('2027-01-06T10:00', { zone: TIME_ZONE }).toMillis();
const MONDAY = '2027-01-11';
const MINUTE = 60_000;
const PASSWORD = 'kırmızı-bisiklet-fener-2026';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-calendar-'));
  const config = loadConfig({ DATABASE_URL: path.join(dir, 'bench.sqlite'), DATA_DIR: dir, SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00', LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:3000' });
  const { handle } = await prepareDatabase(config, { now: NOW });
  const db = handle.db;
  try {
    const location = await db.selectFrom('locations').select('id').executeTakeFirstOrThrow();
    const extra = Array.from({ length: 7 }, (_, i) => ({ location_id: location.id, kind: 'electrotherapy', name_tr: `Elektroterapi cihazı ${i + 3}`, name_en: `Electrotherapy unit ${i + 3}`, setup_minutes: 0, cleanup_minutes: 5, active: 1 }));
    const added = await db.insertInto('devices').values(extra).returning('id').execute();
    await db
      .insertInto('resource_hours')
      .values(added.flatMap((d) => [1, 2, 3, 4, 5].map((day) => ({ resource_key: `device:${d.id}`, day, opens: '09:00', closes: '18:00' }))))
      .execute();
    const devices = await db.selectFrom('devices').select(['id', 'setup_minutes', 'cleanup_minutes']).orderBy('id').execute();
    if (devices.length !== 12) throw new Error(`expected 12 devices, found ${devices.length}`);
    const service = await db.selectFrom('services').select('id').where('key', '=', 'electrical-stimulation').executeTakeFirstOrThrow();

    // 400 thirty-minute sessions, spread Monday–Friday over the twelve devices, every 40 minutes from 09:10.
    let made = 0;
    await db.transaction().execute(async (tx) => {
      for (let day = 0; day < 5 && made < APPOINTMENTS; day++) {
        const date = DateTime.fromISO(MONDAY, { zone: TIME_ZONE }).plus({ days: day });
        for (let slot = 0; slot < 12 && made < APPOINTMENTS; slot++) {
          for (const device of devices) {
            if (made >= APPOINTMENTS) break;
            const start = date.set({ hour: 9, minute: 10 }).plus({ minutes: slot * 40 }).toMillis();
            const patient = await tx
              .insertInto('patients')
              .values({ full_name: `Hasta ${made + 1}`, phone: `+90532${String(1_000_000 + made).slice(-7)}`, email: null, locale: 'tr', created_at: NOW, updated_at: NOW })
              .returning('id')
              .executeTakeFirstOrThrow();
            const appointment = await tx
              .insertInto('appointments')
              .values({ service_id: service.id, patient_id: patient.id, status: made % 3 === 0 ? 'requested' : 'confirmed', starts_at: start, ends_at: start + 30 * MINUTE, source: 'staff', locale: 'tr', manage_token_hash: `bench-${made}`, created_at: NOW, updated_at: NOW })
              .returning('id')
              .executeTakeFirstOrThrow();
            await tx
              .insertInto('appointment_resources')
              .values({ appointment_id: appointment.id, resource_key: `device:${device.id}`, occupied_start: start - device.setup_minutes * MINUTE, occupied_end: start + (30 + device.cleanup_minutes) * MINUTE })
              .execute();
            made++;
          }
        }
      }
    });

    const app = await buildApp({ config, database: handle, now: () => NOW, announce: () => undefined });
    const url = `/admin/calendar?date=${MONDAY}&view=week&kind=device`;
    const serverTimes: number[] = [];
    let recording = false;
    app.addHook('onResponse', async (request, reply) => {
      if (recording && request.url === url) serverTimes.push(reply.elapsedTime);
    });
    await app.ready();
    const email = 'bench-desk@bench.example';
    await app.services.staff.createStaff('cli', { email, name: 'Bench Desk', role: 'receptionist', locale: 'tr', password: PASSWORD });
    const login = await app.inject({ method: 'POST', url: '/admin/login', payload: new URLSearchParams({ email, password: PASSWORD }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;

    const check = await app.inject({ url, headers: { cookie } });
    const shown = (check.body.match(/class="cal-appt /g) ?? []).length;
    if (check.statusCode !== 200 || shown !== made) throw new Error(`calendar answered ${check.statusCode} with ${shown} of ${made} appointments`);
    const columns = (check.body.match(/class="cal-col"/g) ?? []).length;

    // Over HTTP on the loopback, one connection (a receptionist's browser): autocannon drives, and the server's own
    // time per response (request in → response written, Fastify's elapsedTime) is what is measured.
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    await autocannon(`${address}${url}`, 2, cookie); // warm-up
    recording = true;
    const cpuBefore = process.cpuUsage();
    const result = await autocannon(`${address}${url}`, SECONDS, cookie);
    const cpuUsed = process.cpuUsage(cpuBefore);
    recording = false;
    if (result.errors || result.non2xx || result.timeouts) throw new Error(`autocannon: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.timeouts} timeouts`);
    serverTimes.sort((a, b) => a - b);
    const p95 = percentile(serverTimes, 95);
    console.log(`calendar week view: ${devices.length} devices × 7 days = ${columns} columns, ${made} appointments, ${Math.round(check.rawPayload.length / 1024)} KB HTML`);
    console.log(`  ${serverTimes.length} requests in ${SECONDS} s over HTTP on 127.0.0.1, one connection`);
    console.log(
      `  server time: p50 ${percentile(serverTimes, 50).toFixed(1)} ms · p95 ${p95.toFixed(1)} ms · p99 ${percentile(serverTimes, 99).toFixed(1)} ms · max ${serverTimes[serverTimes.length - 1]!.toFixed(1)} ms`,
    );
    console.log(`  server CPU time per request (this process only, whatever the machine's load): ${((cpuUsed.user + cpuUsed.system) / 1000 / serverTimes.length).toFixed(1)} ms`);
    console.log(`  client latency (autocannon): p50 ${result.latency.p50} ms · p99 ${result.latency.p99} ms`);
    console.log(`  load average during the run (2 cores, shared): ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
    console.log(`  target p95 < ${TARGET_P95_MS} ms: ${p95 < TARGET_P95_MS ? 'met' : 'NOT met'}`);
    await app.close();
    if (p95 >= TARGET_P95_MS) process.exitCode = 1;
  } finally {
    await handle.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
