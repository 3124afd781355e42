// Booking throughput over HTTP: the real server, many concurrent visitors booking distinct free slots, then a check
// that no resource is in two appointments at once. SQLite (with the raw commit rate of the same disk) and PostgreSQL.
//
//   npm run bench:booking                      see bench/README.md
//
// Settings (environment):
//   BENCH_SECONDS=10            measured seconds per engine, after BENCH_WARMUP_SECONDS=2 of the same load
//   BENCH_CONNECTIONS=32        concurrent clients (keep-alive connections), each booking the next free slot
//   BENCH_PRACTITIONERS=9       physicians (and exam rooms) added to the demo clinic's one (a clinic of 10)
//   BENCH_HORIZON_DAYS=365      the free examination's booking horizon in the benchmark clinic: days of free slots
//   BENCH_ENGINES=sqlite,postgres
//   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test   (else TEST_DATABASE_URL); a fresh schema bench_<random>
//                               is created there, passed to the server in the URL's options, and dropped afterwards
//   BENCH_EMAIL_SHARE=0         share of visitors (0–1) who give an e-mail address: each of their bookings also renders
//                               and queues a confirmation with an .ics invitation and a reminder, in its transaction
//   BENCH_RAW_SECONDS=2         seconds of raw single-row INSERT transactions on SQLite (WAL + synchronous=FULL)
//   BENCH_APP_NODE_ARGS=        extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
//   BENCH_APP_DIR=.             the checkout whose src/server.ts is measured (to compare a change side by side; the
//                               database is prepared by this checkout's migrations and seed)
//
// Each visitor sends what the booking page sends: a JSON body with a new name and phone number, half of them with
// health-data consent and an intake, an Idempotency-Key, and X-Forwarded-For with its own address (the server runs
// with TRUST_PROXY=true, as behind a reverse proxy). The per-IP and per-phone limits are raised so they never refuse.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { DateTime } from 'luxon';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database, type DatabaseHandle, type Engine } from '../src/db/connect.ts';
import { prepareDatabase } from '../src/db/setup.ts';
import { addPhysiciansAndRooms } from '../test/helpers/clinic.ts';

// ---------- autocannon (CommonJS, ships no types: only what we use is typed here) ----------

interface Histogram {
  average: number;
  mean: number;
  min: number;
  max: number;
  total: number;
  p50: number;
  p90: number;
  p99: number;
}

interface AutocannonResult {
  requests: Histogram;
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number } | undefined>;
}

interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
  onResponse?: (status: number, body: string) => void;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  pipelining?: number;
  duration: number;
  timeout?: number;
  requests: AutocannonRequest[];
}

interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  stop(): void;
}

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: AutocannonOptions) => AutocannonInstance;

// ---------- settings ----------

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP_NODE_ARGS = (process.env.BENCH_APP_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? ROOT);

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`bench:booking: ${name} must be a positive number (got "${raw}")`);
    process.exit(2);
  }
  return value;
}

const SECONDS = positiveNumber('BENCH_SECONDS', 10);
const WARMUP_SECONDS = positiveNumber('BENCH_WARMUP_SECONDS', 2);
const CONNECTIONS = Math.round(positiveNumber('BENCH_CONNECTIONS', 32));
const PRACTITIONERS = Math.round(positiveNumber('BENCH_PRACTITIONERS', 9));
const HORIZON_DAYS = Math.round(positiveNumber('BENCH_HORIZON_DAYS', 365));
const RAW_SECONDS = positiveNumber('BENCH_RAW_SECONDS', 2);
const EMAIL_SHARE = Number(process.env.BENCH_EMAIL_SHARE ?? 0);
if (!(EMAIL_SHARE >= 0 && EMAIL_SHARE <= 1)) {
  console.error(`bench:booking: BENCH_EMAIL_SHARE must be a number from 0 to 1, not "${process.env.BENCH_EMAIL_SHARE}"`);
  process.exit(2);
}
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres')
  .split(',')
  .map((e) => e.trim())
  .filter(Boolean) as Engine[];
for (const e of ENGINES) {
  if (e !== 'sqlite' && e !== 'postgres') {
    console.error(`bench:booking: BENCH_ENGINES holds "${String(e)}": use sqlite, postgres or both`);
    process.exit(2);
  }
}
const PG_URL = process.env.BENCH_PG_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
/** DESIGN.md: ≥ 1,000 bookings/s over HTTP on SQLite, p99 < 50 ms. */
const TARGET_RATE = 1000;
const TARGET_P99_MS = 50;
const OTHER_CPU_LIMIT = 15;
const TIME_ZONE = 'Europe/Istanbul';
const SESSION_SECRET = 'bench-secret-bench-secret-bench-secret-0';

/** A failure explained in one message (no stack trace). */
class BenchError extends Error {}

function fail(message: string): never {
  throw new BenchError(message);
}

// ---------- child processes, temp folder and PostgreSQL schemas, cleaned up on every exit (also Ctrl-C) ----------

const children: ChildProcess[] = [];
const pgSchemas = new Set<string>();
let tempDir: string | undefined;
let shuttingDown = false;
let running: AutocannonInstance | undefined;

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const done = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await done;
  clearTimeout(timer);
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
    pgSchemas.delete(schema);
  } finally {
    await client.end();
  }
}

/** Stops autocannon and the server, drops the benchmark schemas, removes the temp folder, exits. */
async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    running?.stop();
    await Promise.race([Promise.all(children.map(stopChild)), new Promise((resolve) => setTimeout(resolve, 12_000).unref())]);
    for (const schema of [...pgSchemas]) await dropSchema(schema).catch((err: unknown) => console.error(`bench:booking: could not drop schema ${schema}: ${String(err)}`));
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
  process.exit(code);
}

process.on('exit', () => {
  for (const child of children) if (!exited(child)) child.kill('SIGKILL');
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  if (pgSchemas.size) console.error(`bench:booking: left PostgreSQL schema(s) behind: ${[...pgSchemas].join(', ')}`);
});
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => void shutdown(1));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (shuttingDown) process.exit(130);
    console.error(`\nbench:booking: ${signal} — stopping the server, dropping the schema and removing ${tempDir ?? 'the temp folder'}`);
    void shutdown(130);
  });
}

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [...APP_NODE_ARGS, '--import', 'tsx', 'src/server.ts'], { cwd: APP_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (err) => {
    if (shuttingDown) return;
    console.error(`bench:booking: could not start the server: ${err.message}`);
    void shutdown(1);
  });
  child.on('exit', (code, signal) => {
    if (shuttingDown || (child as ChildProcess & { stopping?: boolean }).stopping) return;
    console.error(`bench:booking: the server exited unexpectedly (code ${code ?? '-'}, signal ${signal ?? '-'}). Its last output:\n${output}`);
    void shutdown(1);
  });
  return child;
}

// ---------- small HTTP helpers ----------

function request(port: number, method: string, urlPath: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout on ${method} ${urlPath}`)));
    req.on('error', reject);
    req.end(body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

// ---------- CPU accounting (Linux /proc; elsewhere the CPU columns stay empty) ----------

const TICK_MS = 10; // USER_HZ is 100 on Linux

function processTicks(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return NaN;
  }
}

interface CpuSample {
  processes: number;
  server: number;
  client: number;
}

function cpuSample(serverPid: number): CpuSample | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const usage = process.cpuUsage();
    // user + nice + system + irq + softirq + steal: everything that was not idle or waiting for the disk.
    return { processes: (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) * TICK_MS, server: processTicks(serverPid) * TICK_MS, client: (usage.user + usage.system) / 1000 };
  } catch {
    return undefined;
  }
}

interface CpuShare {
  /** % of one core over the measured run. */
  server: number;
  client: number;
  other: number;
  serverMs: number;
}

function cpuShare(before: CpuSample | undefined, after: CpuSample | undefined, wallMs: number): CpuShare | undefined {
  if (!before || !after) return undefined;
  const server = after.server - before.server;
  const client = after.client - before.client;
  const pct = (ms: number) => (100 * ms) / wallMs;
  return { server: pct(server), client: pct(client), other: Math.max(0, pct(after.processes - before.processes - server - client)), serverMs: server };
}

// ---------- output ----------

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '?');
const pct = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '?' : `${fmt(n)} %`);

// ---------- the raw SQLite figure ----------

/** Single-row INSERT transactions per second, WAL + synchronous=FULL, on the disk the benchmark database lives on. */
function rawSqliteRate(dir: string, seconds: number): number {
  const file = path.join(dir, 'raw.sqlite');
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    if (String(db.pragma('journal_mode', { simple: true })) !== 'wal' || Number(db.pragma('synchronous', { simple: true })) !== 2) fail('could not set WAL + synchronous=FULL for the raw figure');
    db.exec('create table booking (id integer primary key, resource_key text not null, cell integer not null, note text not null)');
    const insert = db.prepare('insert into booking (resource_key, cell, note) values (?, ?, ?)');
    for (let i = 0; i < 200; i++) insert.run('warm-up', i, 'x');
    let n = 0;
    const started = performance.now();
    const until = started + seconds * 1000;
    while (performance.now() < until) insert.run('room:1', n++, 'a single-row transaction');
    return (n * 1000) / (performance.now() - started);
  } finally {
    db.close();
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
}

// ---------- the benchmark clinic ----------

/** Adds physicians and exam rooms to the demo clinic (as a clinic would through the back office) and opens the free
 * examination for booking `horizonDays` ahead, so that it has many distinct free slots. Same hours as the demo staff:
 * weekdays with a lunch break, Saturday mornings. */
async function addBenchClinic(db: Database, count: number, horizonDays: number): Promise<void> {
  await db.updateTable('services').set({ horizon_days: horizonDays }).where('key', '=', 'free-examination').execute();
  const saturday = { day: 6, opens: '09:00', closes: '14:00' };
  await addPhysiciansAndRooms(db, count, {
    names: 'Bench',
    practitionerHours: [
      ...[1, 2, 3, 4, 5].flatMap((day) => [
        { day, opens: '09:00', closes: '12:30' },
        { day, opens: '13:30', closes: '18:00' },
      ]),
      saturday,
    ],
    roomHours: [...[1, 2, 3, 4, 5].map((day) => ({ day, opens: '09:00', closes: '18:00' })), saturday],
  });
}

/** Every pair of intervals one resource holds for live appointments that overlap (buffers included). */
async function overlaps(db: Database): Promise<{ rows: number; found: string[] }> {
  const rows = await db
    .selectFrom('appointment_resources as ar')
    .innerJoin('appointments as a', 'a.id', 'ar.appointment_id')
    .select(['ar.resource_key', 'ar.occupied_start', 'ar.occupied_end', 'a.id'])
    .where('a.status', '<>', 'cancelled')
    .orderBy('ar.resource_key')
    .orderBy('ar.occupied_start')
    .execute();
  const found: string[] = [];
  let reach = { key: '', end: -Infinity, id: 0 };
  for (const row of rows) {
    if (row.resource_key === reach.key && row.occupied_start < reach.end) found.push(`${row.resource_key}: appointments ${reach.id} and ${row.id}`);
    if (row.resource_key !== reach.key || row.occupied_end > reach.end) reach = { key: row.resource_key, end: row.occupied_end, id: row.id };
  }
  return { rows: rows.length, found };
}

async function verify(db: Database, booked: ReadonlySet<number>): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  const { rows, found } = await overlaps(db);
  const live = new Set(
    (await db.selectFrom('appointments').select('id').where('source', '=', 'online').where('status', '<>', 'cancelled').execute()).map((r) => r.id),
  );
  const missing = [...booked].filter((id) => !live.has(id));
  const cells = Number((await db.selectFrom('occupancy').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const held = await db
    .selectFrom('appointment_resources as ar')
    .innerJoin('appointments as a', 'a.id', 'ar.appointment_id')
    .select((eb) => eb.fn.sum<number>(eb('ar.occupied_end', '-', eb.ref('ar.occupied_start'))).as('ms'))
    .where('a.status', '<>', 'cancelled')
    .executeTakeFirstOrThrow();
  const expectedCells = Number(held.ms ?? 0) / (5 * 60_000);
  // Requests still in flight when a timed run ended were booked, but their answers were not read: at most one per
  // connection per run (warm-up and measured).
  const unanswered = live.size - booked.size;
  lines.push(`overlaps per resource: ${found.length === 0 ? 'NONE' : `${found.length} (!!): ${found.slice(0, 5).join('; ')}`} (${fmt(rows)} resource intervals of live appointments checked)`);
  lines.push(
    `answered 201: ${fmt(booked.size)}, ${missing.length === 0 ? 'every one of them in the database' : `${missing.length} of them NOT in the database (!!)`}; ` +
      `${fmt(live.size)} online appointments in all (${fmt(unanswered)} booked by requests in flight when a timed run ended)`,
  );
  lines.push(`occupancy cells ${fmt(cells)}, cells the live appointment intervals need ${fmt(expectedCells)}${cells === expectedCells ? ' — consistent' : ' (!! they differ)'}`);
  const ok = found.length === 0 && missing.length === 0 && unanswered >= 0 && unanswered <= 2 * CONNECTIONS && cells === expectedCells;
  return { ok, lines };
}

// ---------- one engine ----------

interface EngineRun {
  engine: Engine;
  result: AutocannonResult;
  cpu: CpuShare | undefined;
  slots: number;
  queue: number;
  exhausted: boolean;
  ok: boolean;
  lines: string[];
}

let visitor = 0;

function bookingRequest(start: string): AutocannonRequest {
  const n = ++visitor;
  const consent = n % 2 === 0;
  const body = {
    service: 'free-examination',
    start,
    name: `Bench Hasta ${n}`,
    phone: `+90532${String(1_000_000 + n).slice(-7)}`,
    // Spread evenly: visitor n gives an address when the running share falls behind BENCH_EMAIL_SHARE.
    ...(Math.floor(n * EMAIL_SHARE) > Math.floor((n - 1) * EMAIL_SHARE) ? { email: `bench${n}@example.com` } : {}),
    locale: n % 3 === 0 ? 'en' : 'tr',
    consent: { kvkk: true, healthData: consent },
    ...(consent ? { intake: { complaint: 'spasm-cramps', spasmFrequency: 'weekly', painScore: 5, triggers: ['hydration', 'sleep'] } } : {}),
  };
  return {
    method: 'POST',
    path: '/api/v1/bookings',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': randomBytes(16).toString('hex'),
      'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    },
    body: JSON.stringify(body),
  };
}

/** Free starts of the free examination over the whole horizon, on the half hour (so each physician's day packs full). */
async function freeStarts(port: number): Promise<string[]> {
  const today = DateTime.now().setZone(TIME_ZONE).startOf('day');
  const starts: string[] = [];
  for (let from = 0; from <= HORIZON_DAYS; from += 31) {
    const to = Math.min(from + 30, HORIZON_DAYS);
    const url = `/api/v1/availability?service=free-examination&from=${today.plus({ days: from }).toISODate()}&to=${today.plus({ days: to }).toISODate()}`;
    const res = await request(port, 'GET', url);
    if (res.status !== 200) fail(`GET ${url} answered ${res.status}: ${res.body.slice(0, 300)}`);
    starts.push(...(JSON.parse(res.body) as { slots: Array<{ start: string }> }).slots.map((s) => s.start));
  }
  return starts.filter((s) => /T\d\d:(00|30):00/.test(s));
}

interface LoadState {
  next: number;
  exhausted: boolean;
  /** Ids of the appointments the server answered 201 for. */
  booked: Set<number>;
}

async function load(port: number, queue: string[], seconds: number, state: LoadState): Promise<AutocannonResult> {
  let instance: AutocannonInstance | undefined = undefined;
  instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/bookings',
        setupRequest: () => {
          const start = queue[state.next++];
          if (start === undefined) {
            state.exhausted = true;
            instance?.stop();
            return bookingRequest(queue[0]!); // a last, doomed request while autocannon stops
          }
          return bookingRequest(start);
        },
        onResponse: (status, body) => {
          if (status === 201) state.booked.add((JSON.parse(body) as { id: number }).id);
        },
      },
    ],
  });
  running = instance;
  const result = await instance;
  running = undefined;
  return result;
}

async function runEngine(engine: Engine, dir: string): Promise<EngineRun> {
  const port = await freePort();
  const file = path.join(dir, `bench-${engine}.sqlite`);
  let schema: string | undefined;
  let databaseUrl = file;
  if (engine === 'postgres') {
    schema = `bench_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect().catch((err: unknown) => fail(`PostgreSQL at ${PG_URL} is not reachable (${String(err)}); set BENCH_PG_URL or BENCH_ENGINES=sqlite`));
    try {
      await client.query(`create schema ${schema}`);
      pgSchemas.add(schema);
    } finally {
      await client.end();
    }
    databaseUrl = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: path.join(dir, `data-${engine}`),
    SESSION_SECRET,
    LOG_LEVEL: 'warn',
    CLINIC_TIMEZONE: TIME_ZONE,
  };

  // Migrate, seed and enlarge the clinic before the server starts (it then finds a ready database).
  let t0 = performance.now();
  const prepared = await prepareDatabase(loadConfig(env), { now: Date.now(), ...(schema ? { pgSchema: schema } : {}) });
  await addBenchClinic(prepared.handle.db, PRACTITIONERS, HORIZON_DAYS);
  await prepared.handle.close();
  console.log(`[${engine}] database migrated, seeded, ${PRACTITIONERS} physicians and exam rooms added (${PRACTITIONERS + 1} of each), free examination bookable ${HORIZON_DAYS} days ahead, in ${fmt(performance.now() - t0)} ms`);

  t0 = performance.now();
  const server = startServer({
    ...process.env,
    ...env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: `http://127.0.0.1:${port}`,
    TRUST_PROXY: 'true',
    BOOKING_MAX_PER_IP_PER_HOUR: '1000000000',
    BOOKING_MAX_PER_PHONE_PER_DAY: '1000000000',
  });
  await waitFor('the server (/readyz)', async () => (await request(port, 'GET', '/readyz')).status === 200);
  console.log(`[${engine}] server ready on 127.0.0.1:${port} in ${fmt((performance.now() - t0) / 1000, 1)} s`);

  const starts = await freeStarts(port);
  // Each half-hour start can be booked once per physician; round by round, so that concurrent visitors want
  // different starts at any moment (as real visitors do), and the allocator spreads each start over the physicians.
  const queue: string[] = [];
  for (let round = 0; round <= PRACTITIONERS; round++) queue.push(...starts);
  if (starts.length === 0) fail('no free starts: is the clinic closed for the whole horizon?');
  console.log(`[${engine}] ${fmt(starts.length)} free half-hour starts over the horizon → ${fmt(queue.length)} bookable (start, physician) slots queued`);

  const state: LoadState = { next: 0, exhausted: false, booked: new Set() };
  await load(port, queue, WARMUP_SECONDS, state);
  const before = cpuSample(server.pid!);
  const started = performance.now();
  const result = await load(port, queue, SECONDS, state);
  const cpu = cpuShare(before, cpuSample(server.pid!), performance.now() - started);

  (server as ChildProcess & { stopping?: boolean }).stopping = true;
  await stopChild(server);

  const handle: DatabaseHandle = engine === 'sqlite' ? openDatabase({ engine: 'sqlite', file }) : openDatabase({ engine: 'postgres', url: PG_URL }, { pgSchema: schema! });
  let checked: { ok: boolean; lines: string[] };
  try {
    checked = await verify(handle.db, state.booked);
  } finally {
    await handle.close();
  }
  if (schema) await dropSchema(schema);
  return { engine, result, cpu, slots: starts.length, queue: queue.length, exhausted: state.exhausted, ok: checked.ok, lines: checked.lines };
}

// ---------- main ----------

async function main(): Promise<void> {
  if (ENGINES.includes('postgres')) {
    const host = new URL(PG_URL).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') fail(`BENCH_PG_URL points at ${host}: this benchmark only talks to 127.0.0.1`);
  }
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'rehab-bench-booking-'));
  console.log(
    `bench:booking — ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model.trim() ?? ''}, Node ${process.version}, ${new Date().toISOString()}, ` +
      `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
  console.log(`${CONNECTIONS} concurrent visitors, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per engine; ${Math.round(EMAIL_SHARE * 100)} % of visitors give an e-mail address; server from ${APP_DIR}; temp folder ${tempDir}\n`);

  let raw: number | undefined;
  if (ENGINES.includes('sqlite')) {
    raw = rawSqliteRate(tempDir, RAW_SECONDS);
    console.log(`raw SQLite on this disk: ${fmt(raw)} single-row INSERT transactions/s (WAL, synchronous=FULL, better-sqlite3, ${RAW_SECONDS} s)\n`);
  }

  const runs: EngineRun[] = [];
  for (const engine of ENGINES) {
    const run = await runEngine(engine, tempDir);
    runs.push(run);
    const r = run.result;
    const other = Object.entries(r.statusCodeStats)
      .filter(([code]) => code !== '201' && code !== '409')
      .reduce((s, [, v]) => s + (v?.count ?? 0), 0);
    console.log(
      `[${engine}] ${fmt(r.requests.total / r.duration)} bookings/s, p50 ${fmt(r.latency.p50)} ms, p99 ${fmt(r.latency.p99)} ms; ` +
        `201: ${fmt(r.statusCodeStats['201']?.count ?? 0)}, 409: ${fmt(r.statusCodeStats['409']?.count ?? 0)}, other: ${fmt(other + r.errors + r.timeouts)}`,
    );
    for (const line of run.lines) console.log(`[${engine}] ${line}`);
    console.log();
  }

  const rows = runs.map((run) => {
    const r = run.result;
    const created = r.statusCodeStats['201']?.count ?? 0;
    const rate = created / r.duration;
    const other = Object.entries(r.statusCodeStats)
      .filter(([code]) => code !== '201' && code !== '409')
      .reduce((s, [, v]) => s + (v?.count ?? 0), 0);
    return [
      run.engine,
      fmt(rate),
      fmt(r.latency.p50),
      fmt(r.latency.p99),
      fmt(created),
      fmt(r.statusCodeStats['409']?.count ?? 0),
      fmt(other + r.errors + r.timeouts),
      run.cpu && created ? fmt((1000 * run.cpu.serverMs) / created) : '?',
      pct(run.cpu?.server),
      pct(run.cpu?.client),
      pct(run.cpu?.other),
      run.engine === 'sqlite' && raw ? `${fmt((100 * rate) / raw, 1)} %` : '—',
      run.ok ? 'none' : 'CHECK FAILED',
    ];
  });
  console.log(
    table(['engine', 'bookings/s', 'p50 ms', 'p99 ms', '201', '409', 'other', 'server µs/booking', 'server CPU', 'client CPU', 'other CPU', 'of raw SQLite', 'db check'], rows),
  );
  console.log(
    `\nbookings/s counts 201 answers only, over the ${SECONDS} measured seconds. CPU columns: % of one core — server = the app process, ` +
      `client = autocannon (this process), other = everything else on the machine (other sessions, the kernel, PostgreSQL). ${os.cpus().length} CPU(s) = ${os.cpus().length * 100} % in all.`,
  );
  const sqliteRun = runs.find((r) => r.engine === 'sqlite');
  if (sqliteRun) {
    const rate = (sqliteRun.result.statusCodeStats['201']?.count ?? 0) / sqliteRun.result.duration;
    const ok = rate >= TARGET_RATE && sqliteRun.result.latency.p99 < TARGET_P99_MS;
    const disturbed = (sqliteRun.cpu?.other ?? 0) > OTHER_CPU_LIMIT;
    console.log(
      `DESIGN.md target: ≥ ${fmt(TARGET_RATE)} bookings/s on SQLite with p99 < ${TARGET_P99_MS} ms and zero overlaps — ` +
        `${fmt(rate)}/s, p99 ${fmt(sqliteRun.result.latency.p99)} ms: ${ok && sqliteRun.ok ? 'MEETS the target' : 'MISSES the target'}` +
        (disturbed ? ` (other processes took ${fmt(sqliteRun.cpu!.other)} % of a core: disturbed run)` : ''),
    );
  }
  for (const run of runs) if (run.exhausted) console.log(`[${run.engine}] note: all ${fmt(run.queue)} queued slots were used before the time was up; raise BENCH_PRACTITIONERS`);
  console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (runs.some((r) => !r.ok)) fail('the database check after the run failed (see above)');
}

main().then(
  () => shutdown(0),
  (err: unknown) => {
    if (err instanceof BenchError) console.error(`bench:booking: ${err.message}`);
    else console.error('bench:booking failed:', err instanceof Error ? err.stack : err);
    return shutdown(1);
  },
);
