// Comment submissions over HTTP from many concurrent clients: the real server (child process, loopback only), each
// client with its own address (X-Forwarded-For, TRUST_PROXY=true) sending more comments than the per-IP limit allows,
// spread over two articles whose per-article limit is also reached. Then checks: no 5xx, every accepted comment is in
// the moderation queue (and nothing else is), no address and no article got past its limit.
//
//   npm run bench:comments                     see bench/README.md
//
// Settings (environment):
//   BENCH_CLIENTS=80            distinct client addresses
//   BENCH_ATTEMPTS=8            comments each client tries to send (the per-IP limit is BENCH_IP_LIMIT=5)
//   BENCH_ARTICLE_LIMIT=150     per-article limit per hour (two articles, both languages count together)
//   BENCH_CONNECTIONS=64        concurrent keep-alive connections
//   BENCH_ENGINES=sqlite        or sqlite,postgres (PostgreSQL at BENCH_PG_URL, else TEST_DATABASE_URL; a fresh schema)
//
// Every comment carries a solved proof of work (challenges are fetched and solved before the timed phase, with a small
// COMMENTS_POW_MAX_NUMBER so the benchmark measures the server, not the solving), as the browser script sends it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Engine } from '../src/db/connect.ts';
import { prepareDatabase } from '../src/db/setup.ts';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive whole number`);
  return v;
};
const CLIENTS = num('BENCH_CLIENTS', 80);
const ATTEMPTS = num('BENCH_ATTEMPTS', 8);
const IP_LIMIT = num('BENCH_IP_LIMIT', 5);
const ARTICLE_LIMIT = num('BENCH_ARTICLE_LIMIT', 150);
const CONNECTIONS = num('BENCH_CONNECTIONS', 64);
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite').split(',').map((e) => e.trim()) as Engine[];
const PG_URL = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ARTICLES = [
  { slug: 'kas-spazmi-neden-olur', locale: 'tr' },
  { slug: 'robot-assisted-gait-training', locale: 'en' },
] as const;
const SESSION_SECRET = 'bench-secret-bench-secret-bench-secret-0';

const children: ChildProcess[] = [];
let tempDir: string | undefined;
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function request(port: number, method: string, urlPath: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const h = body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers: h, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout on ${method} ${urlPath}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs jobs with at most `limit` in flight. */
async function pool<T, R>(items: readonly T[], limit: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await run(items[i]!, i);
      }
    }),
  );
  return out;
}

function solve(c: { challenge: string; salt: string; maxnumber: number; algorithm: string; signature: string }): string {
  for (let n = 0; n <= c.maxnumber; n++) {
    if (createHash('sha256').update(c.salt + String(n)).digest('hex') === c.challenge) {
      return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: n, salt: c.salt, signature: c.signature })).toString('base64');
    }
  }
  throw new Error('unsolvable challenge');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function runEngine(engine: Engine, dir: string): Promise<boolean> {
  const started = performance.now();
  const port = await freePort();
  let schema: string | undefined;
  let databaseUrl = path.join(dir, `bench-${engine}.sqlite`);
  if (engine === 'postgres') {
    const host = new URL(PG_URL).hostname;
    if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new Error(`PostgreSQL at ${host}: this benchmark only talks to the loopback interface`);
    schema = `bench_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    databaseUrl = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }
  const env = { DATABASE_URL: databaseUrl, DATA_DIR: path.join(dir, `data-${engine}`), SESSION_SECRET, LOG_LEVEL: 'warn' };
  const prepared = await prepareDatabase(loadConfig(env), { now: Date.now(), ...(schema ? { pgSchema: schema } : {}) });
  await prepared.handle.close();
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      ...env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: `http://127.0.0.1:${port}`,
      TRUST_PROXY: 'true',
      COMMENTS_MAX_PER_IP_PER_HOUR: String(IP_LIMIT),
      COMMENTS_MAX_PER_ARTICLE_PER_HOUR: String(ARTICLE_LIMIT),
      COMMENTS_MAX_LINKS: '2',
      COMMENTS_POW_MAX_NUMBER: '1000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(server);
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if ((await request(port, 'GET', '/readyz').catch(() => ({ status: 0 }))).status === 200) break;
      if (Date.now() > deadline) throw new Error('server did not become ready');
      await new Promise((r) => setTimeout(r, 100));
    }

    // Before the clock starts: one solved challenge per attempt (at least 3 s before use, as a person needs).
    const jobs = Array.from({ length: CLIENTS * ATTEMPTS }, (_v, i) => ({ client: i % CLIENTS, attempt: Math.floor(i / CLIENTS), article: ARTICLES[i % ARTICLES.length]! }));
    const proofs = await pool(jobs, CONNECTIONS, async () => solve(JSON.parse((await request(port, 'GET', '/api/v1/comments/challenge')).body) as Parameters<typeof solve>[0]));
    await new Promise((r) => setTimeout(r, 3200));

    const latencies: number[] = [];
    const codes = new Map<number, number>();
    const accepted: number[] = [];
    const t0 = performance.now();
    await pool(jobs, CONNECTIONS, async (job, i) => {
      const body = JSON.stringify({
        article: job.article.slug,
        locale: job.article.locale,
        name: `Okur ${job.client}`,
        body: `Soru ${job.attempt} / istemci ${job.client}: egzersizden sonra kramp neden olur? ${randomBytes(4).toString('hex')}`,
        consent: true,
        altcha: proofs[i],
      });
      const s = performance.now();
      const res = await request(port, 'POST', '/api/v1/comments', body, { 'x-forwarded-for': `10.${Math.floor(job.client / 250)}.${job.client % 250}.7` });
      latencies.push(performance.now() - s);
      codes.set(res.status, (codes.get(res.status) ?? 0) + 1);
      if (res.status === 202) accepted.push((JSON.parse(res.body) as { id: number }).id);
    });
    const wall = performance.now() - t0;
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));

    const handle = openDatabase(engine === 'sqlite' ? { engine: 'sqlite', file: databaseUrl } : { engine: 'postgres', url: PG_URL }, schema ? { pgSchema: schema } : {});
    // The demo clinic's own questions and answers (no address) are not part of the run.
    const rows = await handle.db.selectFrom('comments').select(['id', 'status', 'ip_hash', 'article_id']).where('ip_hash', 'is not', null).execute();
    await handle.close();
    if (schema) {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }

    const count = <K>(keys: K[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>());
    const perIp = Math.max(0, ...count(rows.map((r) => r.ip_hash)).values());
    const perArticle = Math.max(0, ...count(rows.map((r) => r.article_id)).values());
    const stored = new Set(rows.map((r) => Number(r.id)));
    const queued = rows.filter((r) => r.status === 'pending').length;
    const server5xx = [...codes].filter(([c]) => c >= 500).reduce((n, [, k]) => n + k, 0);
    const checks = [
      [`no 5xx (saw ${server5xx})`, server5xx === 0],
      [`every accepted comment stored (${fmt(accepted.length)} accepted, ${fmt(rows.length)} rows)`, accepted.length === rows.length && accepted.every((id) => stored.has(id))],
      [`all of them waiting in the moderation queue (${fmt(queued)} pending)`, queued === rows.length],
      [`per-IP limit held (max ${perIp} per address, limit ${IP_LIMIT})`, perIp <= IP_LIMIT],
      [`per-article limit held (max ${perArticle} per article, limit ${ARTICLE_LIMIT})`, perArticle <= ARTICLE_LIMIT],
      [`limits reached, not just respected (expected ${fmt(Math.min(CLIENTS * IP_LIMIT, ARTICLES.length * ARTICLE_LIMIT))} accepted)`, accepted.length === Math.min(CLIENTS * IP_LIMIT, ARTICLES.length * ARTICLE_LIMIT)],
    ] as const;
    latencies.sort((a, b) => a - b);
    console.log(`\n[${engine}] ${fmt(jobs.length)} comment POSTs from ${CLIENTS} addresses over ${CONNECTIONS} connections in ${fmt(wall / 1000, 2)} s`);
    console.log(`  ${fmt(jobs.length / (wall / 1000))} requests/s; latency p50 ${fmt(percentile(latencies, 50), 1)} ms, p99 ${fmt(percentile(latencies, 99), 1)} ms, max ${fmt(latencies.at(-1) ?? 0, 1)} ms`);
    console.log(`  status codes: ${[...codes].sort(([a], [b]) => a - b).map(([c, k]) => `${c}×${fmt(k)}`).join(', ')}`);
    for (const [label, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label}`);
    console.log(`  (whole run for this engine, set-up included: ${fmt((performance.now() - started) / 1000, 1)} s)`);
    return checks.every(([, ok]) => ok);
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'rehab-bench-comments-'));
  console.log(`bench:comments — ${os.cpus().length} CPU(s), Node ${process.version}, ${new Date().toISOString()}`);
  let ok = true;
  for (const engine of ENGINES) ok = (await runEngine(engine, tempDir)) && ok;
  agent.destroy();
  process.exit(ok ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(`bench:comments: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
