// Content-page benchmark: our app vs nginx gzip_static serving the very same bytes, loaded by the same client in one run.
//
//   npm run bench:page                       needs nginx (apt-get install -y nginx-light); see bench/README.md
//
// Settings (environment):
//   BENCH_SECONDS=10          measured seconds per target, each after a 2 s warm-up
//   BENCH_PATHS=/en/articles/what-causes-muscle-spasm,/tr/   pages to load (the article carries ten approved comments) (the first one is also loaded with Accept-Encoding: gzip, br)
//   BENCH_ROUNDS=1            rounds of (app, nginx[, app br]); with more, the median round per target is shown
//   BENCH_NGINX_WORKERS=1     nginx worker_processes (a number or auto)
//   BENCH_APP_DIR=.           the checkout whose src/server.ts is measured (to compare a change side by side)
//   BENCH_APP_NODE_ARGS=      extra node flags for the app, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
//   NGINX_BIN=                the nginx binary, when it is not nginx on PATH or in /usr/sbin
//
// Our app runs in its own Node process (fresh SQLite in a temp folder, seeded on first start, LOG_LEVEL=warn);
// nginx runs in the foreground as a child process; autocannon runs in this process.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ARTICLE_WITH_COMMENTS, prepareArticleWithComments } from './article-with-comments.ts';

// ---------- autocannon (CommonJS, ships no types: only what we use is typed here) ----------

interface Histogram {
  average: number;
  mean: number;
  stddev: number;
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
  throughput: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  statusCodeStats: Record<string, { count: number }>;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  pipelining?: number;
  duration: number;
  headers?: Record<string, string>;
  timeout?: number;
}

interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  stop(): void;
}

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: AutocannonOptions) => AutocannonInstance;

// ---------- settings ----------

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The checkout whose src/server.ts is measured: this one unless BENCH_APP_DIR names another (to compare a change). */
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? ROOT);
/** Extra node flags for the app, e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
const APP_NODE_ARGS = (process.env.BENCH_APP_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const CONNECTIONS = 64;
const WARMUP_SECONDS = 2;
const SECONDS = positiveNumber('BENCH_SECONDS', 10);
/** Rounds of (app, nginx[, app br]); with more than one the median round per target is shown. */
const ROUNDS = Math.round(positiveNumber('BENCH_ROUNDS', 1));
const PATHS = (process.env.BENCH_PATHS ?? `${ARTICLE_WITH_COMMENTS},/tr/`)
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean);
for (const p of PATHS) {
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(p)) {
    console.error(`bench:page: BENCH_PATHS holds "${p}": each path must start with / and use only letters, digits and . _ ~ / -`);
    process.exit(2);
  }
}
/** One nginx worker: our app is one Node process with one event loop, so this compares one core against one core. */
const NGINX_WORKERS = process.env.BENCH_NGINX_WORKERS || '1';
if (!/^(auto|[1-9]\d{0,2})$/.test(NGINX_WORKERS)) {
  console.error(`bench:page: BENCH_NGINX_WORKERS must be a number or auto (got "${NGINX_WORKERS}")`);
  process.exit(2);
}
/** DESIGN.md: a cached public page at ≥ 50 % of nginx gzip_static throughput, p99 < 20 ms at 64 connections. */
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 20;
/** Above this much CPU (% of one core) taken by other processes during a run, its figures are flagged as disturbed. */
const OTHER_CPU_LIMIT = 15;

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`bench:page: ${name} must be a positive number (got "${raw}")`);
    process.exit(2);
  }
  return value;
}

/** A failure explained in one message (no stack trace). */
class BenchError extends Error {}

function fail(message: string): never {
  throw new BenchError(message);
}

// ---------- child processes and temp folder, cleaned up on every exit (also Ctrl-C) ----------

const children: ChildProcess[] = [];
let tempDir: string | undefined;
let shuttingDown = false;
let running: AutocannonInstance | undefined;

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Stops autocannon, the app and nginx (SIGTERM, SIGKILL after 5 s), waits for them, removes the temp folder, exits. */
async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    running?.stop();
    const live = children.filter((child) => !exited(child));
    for (const child of live) child.kill('SIGTERM');
    await Promise.race([
      Promise.all(live.map((child) => new Promise((resolve) => (exited(child) ? resolve(undefined) : child.once('exit', resolve))))),
      new Promise((resolve) => setTimeout(resolve, 5000).unref()),
    ]);
    for (const child of children) if (!exited(child)) child.kill('SIGKILL');
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
  process.exit(code);
}

// Last resort when the process ends another way (a crash, a closed stdout): no waiting possible here. SIGTERM, not
// SIGKILL: a killed nginx master would leave its worker running.
process.on('exit', () => {
  for (const child of children) if (!exited(child)) child.kill('SIGTERM');
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => void shutdown(1)); // e.g. piped into head
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (shuttingDown) process.exit(130); // a second Ctrl-C: leave at once
    console.error(`\nbench:page: ${signal} — stopping the app and nginx and removing ${tempDir ?? 'the temp folder'}`);
    void shutdown(130);
  });
}

function startChild(name: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string }): ChildProcess {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (err) => {
    if (shuttingDown) return;
    console.error(`bench:page: could not start ${name}: ${err.message}`);
    void shutdown(1);
  });
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    console.error(`bench:page: ${name} exited unexpectedly (code ${code ?? '-'}, signal ${signal ?? '-'}). Its last output:\n${output}`);
    void shutdown(1);
  });
  return child;
}

// ---------- small HTTP helpers (raw bytes, no automatic decompression) ----------

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: urlPath, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.setTimeout(5000, () => request.destroy(new Error(`timeout on GET ${urlPath}`)));
    request.on('error', reject);
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

// ---------- CPU accounting (Linux /proc; elsewhere the CPU columns stay empty) ----------

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface CpuSample {
  /** All CPUs, ms: time spent in processes (user, nice, system), in interrupts (irq, softirq: much of loopback TCP), stolen by the hypervisor. */
  processes: number;
  interrupts: number;
  steal: number;
  /** ms used by the server under test (all its processes). */
  server: number;
  /** ms used by this process: autocannon. */
  client: number;
}

function machineTicks(): { processes: number; interrupts: number; steal: number } | undefined {
  try {
    // cpu  user nice system idle iowait irq softirq steal ...
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    return { processes: f[0]! + f[1]! + f[2]!, interrupts: f[5]! + f[6]!, steal: f[7]! };
  } catch {
    return undefined;
  }
}

/** utime + stime (ticks) of pid and of its direct children (nginx workers). */
function processTreeTicks(pid: number): number {
  const stat = (p: string) => {
    const text = readFileSync(`/proc/${p}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // fields from #3 (state) on
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  };
  let ticks = 0;
  try {
    ticks += stat(String(pid)).ticks;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const s = stat(entry);
        if (s.ppid === pid) ticks += s.ticks;
      } catch {
        // process ended meanwhile
      }
    }
  } catch {
    return NaN;
  }
  return ticks;
}

function cpuSample(serverPid: number): CpuSample | undefined {
  const machine = machineTicks();
  if (!machine) return undefined;
  const usage = process.cpuUsage();
  return { processes: machine.processes * TICK_MS, interrupts: machine.interrupts * TICK_MS, steal: machine.steal * TICK_MS, server: processTreeTicks(serverPid) * TICK_MS, client: (usage.user + usage.system) / 1000 };
}

interface CpuShare {
  /** Each in % of one core over the measured run. */
  server: number;
  client: number;
  /** Other processes on the machine. */
  other: number;
  /** irq + softirq (loopback TCP), and time stolen by the hypervisor. */
  interrupts: number;
  steal: number;
  /** CPU ms used by the server under test: divided by the requests served, a cost that other load barely moves. */
  serverMs: number;
}

function cpuShare(before: CpuSample | undefined, after: CpuSample | undefined, wallMs: number): CpuShare | undefined {
  if (!before || !after) return undefined;
  const server = after.server - before.server;
  const client = after.client - before.client;
  const pct = (ms: number) => (100 * ms) / wallMs;
  return {
    server: pct(server),
    client: pct(client),
    other: Math.max(0, pct(after.processes - before.processes - server - client)),
    interrupts: pct(after.interrupts - before.interrupts),
    steal: pct(after.steal - before.steal),
    serverMs: server,
  };
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

// ---------- nginx ----------

/** "nginx/1.22.1", or '' when this nginx binary cannot be run. */
function nginxVersion(bin: string): Promise<string> {
  return new Promise((resolve) => {
    const probe = spawn(bin, ['-v'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    probe.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    probe.on('error', () => resolve(''));
    probe.on('exit', (code) => resolve(code === 0 ? text.trim().replace(/^nginx version:\s*/, '') : ''));
  });
}

/** NGINX_BIN, else nginx on PATH, else the usual sbin places (a non-root PATH often lacks /usr/sbin). */
async function requireNginx(): Promise<{ bin: string; version: string }> {
  const candidates = process.env.NGINX_BIN ? [process.env.NGINX_BIN] : ['nginx', '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'];
  for (const bin of candidates) {
    const version = await nginxVersion(bin);
    if (version) return { bin, version };
  }
  return fail(
    `nginx is not installed (tried ${candidates.join(', ')}), and this benchmark compares our app with nginx gzip_static.\n` +
      '  Install it with:  apt-get install -y nginx-light     (Debian/Ubuntu, as root; it need not run as a service: the benchmark starts its own)\n' +
      '  or point NGINX_BIN at an nginx binary built with http_gzip_static_module, then rerun:  npm run bench:page',
  );
}

/** Response headers of our app that nginx is told to add too, so both answers carry about the same header bytes. */
const NGINX_OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'content-type', 'content-encoding', 'etag', 'last-modified', 'transfer-encoding', 'accept-ranges', 'server']);

function nginxConfig(dir: string, port: number, pages: PageBytes[], extraHeaders: [string, string][]): string {
  const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const addHeaders = extraHeaders.map(([name, value]) => `      add_header ${name} ${quote(value)} always;`).join('\n');
  const locations = pages
    .map((page) => `    location = ${page.path} {\n      try_files /${page.dirName}/index.html =404;\n${addHeaders}\n    }`)
    .join('\n');
  return `# Generated by bench/page.ts — serves pre-compressed copies of our app's pages.
worker_processes ${NGINX_WORKERS};
daemon off;
master_process on;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;

events {
  worker_connections 1024;
}

http {
  types { text/html html; }
  default_type application/octet-stream;
  charset utf-8;
  access_log off;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  gzip off;
  gzip_static on;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;

  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
${locations}
  }
}
`;
}

// ---------- the pages ----------

interface PageBytes {
  path: string;
  dirName: string;
  identity: Buffer;
  gzip: Buffer;
  brSize: number;
}

async function fetchPage(appPort: number, urlPath: string): Promise<{ page: PageBytes; headers: http.IncomingHttpHeaders }> {
  const identity = await get(appPort, urlPath, { 'accept-encoding': 'identity' });
  const gzip = await get(appPort, urlPath, { 'accept-encoding': 'gzip' });
  const br = await get(appPort, urlPath, { 'accept-encoding': 'gzip, br' });
  for (const [label, response] of [['identity', identity], ['gzip', gzip], ['gzip, br', br]] as const) {
    if (response.status !== 200) fail(`our app answered ${response.status} to GET ${urlPath} (${label})`);
  }
  if (gzip.headers['content-encoding'] !== 'gzip') fail(`our app did not send gzip for ${urlPath} with Accept-Encoding: gzip`);
  if (br.headers['content-encoding'] !== 'br') fail(`our app did not send br for ${urlPath} with Accept-Encoding: gzip, br`);
  if (!gunzipSync(gzip.body).equals(identity.body)) fail(`the gzip body of ${urlPath} does not decompress to the identity body`);
  const dirName = urlPath.replace(/^\/|\/$/g, '').replace(/[^a-z0-9-]+/gi, '-') || 'root';
  return { page: { path: urlPath, dirName, identity: identity.body, gzip: gzip.body, brSize: br.body.length }, headers: gzip.headers };
}

// ---------- load ----------

interface Row {
  target: string;
  result: AutocannonResult;
  cpu: CpuShare | undefined;
}

async function load(url: string, acceptEncoding: string, serverPid: number): Promise<{ result: AutocannonResult; cpu: CpuShare | undefined }> {
  const options = { url, connections: CONNECTIONS, pipelining: 1, headers: { 'accept-encoding': acceptEncoding }, timeout: 10 };
  running = autocannon({ ...options, duration: WARMUP_SECONDS });
  await running;
  const before = cpuSample(serverPid);
  const started = performance.now();
  running = autocannon({ ...options, duration: SECONDS });
  const result = await running;
  const cpu = cpuShare(before, cpuSample(serverPid), performance.now() - started);
  running = undefined;
  return { result, cpu };
}

function problems(result: AutocannonResult): string {
  const parts: string[] = [];
  if (result.errors) parts.push(`${result.errors} errors`);
  if (result.timeouts) parts.push(`${result.timeouts} timeouts`);
  if (result.non2xx) parts.push(`${result.non2xx} non-2xx`);
  return parts.join(', ');
}

// ---------- output ----------

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kib = (bytes: number) => `${fmt(bytes / 1024, 1)} KiB`;

// ---------- main ----------

interface Target {
  label: string;
  port: number;
  pid: number;
  acceptEncoding: string;
}

const median = (rows: Row[]): Row => [...rows].sort((a, b) => a.result.requests.average - b.result.requests.average)[Math.floor((rows.length - 1) / 2)]!;
/** Server CPU µs per request served; NaN when unknown. */
const perRequestUs = (row: Row) => (row.cpu && row.result.requests.total ? (1000 * row.cpu.serverMs) / row.result.requests.total : NaN);
const pctCell = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '?' : `${fmt(n)} %`);

async function main(): Promise<void> {
  const nginx = await requireNginx();
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'rehab-bench-'));
  chmodSync(tempDir, 0o755); // nginx workers run as "nobody" when started by root
  const appPort = await freePort();
  const nginxPort = await freePort();

  console.log(`bench:page — ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model.trim() ?? ''}, Node ${process.version}, ${nginx.version}, ${new Date().toISOString()}`);
  console.log(
    `${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per target, targets one after the other` +
      (ROUNDS > 1 ? `, ${ROUNDS} rounds (median shown)` : '') +
      `; app from ${APP_DIR}; temp folder ${tempDir}`,
  );

  // Our app, in its own process, fresh seeded SQLite.
  const dataDir = path.join(tempDir, 'data');
  mkdirSync(dataDir);
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(appPort),
    HOST: '127.0.0.1',
    BASE_URL: `http://127.0.0.1:${appPort}`,
    DATA_DIR: dataDir,
    DATABASE_URL: path.join(dataDir, 'bench.sqlite'),
    LOG_LEVEL: 'warn',
  };
  await prepareArticleWithComments(appEnv);
  const started = Date.now();
  const app = startChild('our app', process.execPath, [...APP_NODE_ARGS, '--import', 'tsx', 'src/server.ts'], { cwd: APP_DIR, env: appEnv });
  await waitFor('our app (/readyz)', async () => (await get(appPort, '/readyz')).status === 200);
  console.log(`our app ready on 127.0.0.1:${appPort} in ${fmt((Date.now() - started) / 1000, 1)} s (fresh SQLite, seeded)`);

  // The very same bytes, for nginx.
  const pages: PageBytes[] = [];
  let appHeaders: http.IncomingHttpHeaders = {};
  for (const urlPath of PATHS) {
    const { page, headers } = await fetchPage(appPort, urlPath);
    pages.push(page);
    appHeaders = headers;
    const dir = path.join(tempDir, 'www', page.dirName);
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dir, 'index.html'), page.identity, { mode: 0o644 });
    writeFileSync(path.join(dir, 'index.html.gz'), page.gzip, { mode: 0o644 }); // our app's gzip -9 bytes, byte for byte
  }
  const extraHeaders = Object.entries(appHeaders)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !NGINX_OWN_HEADERS.has(entry[0]) && !entry[1].includes('$'))
    .map(([name, value]): [string, string] => [name, value]);
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(tempDir, 'tmp', sub), { recursive: true });
  const confFile = path.join(tempDir, 'nginx.conf');
  writeFileSync(confFile, nginxConfig(tempDir, nginxPort, pages, extraHeaders));

  const nginxProcess = startChild('nginx', nginx.bin, ['-p', tempDir, '-e', path.join(tempDir, 'error.log'), '-c', confFile], {});
  await waitFor('nginx', async () => (await get(nginxPort, pages[0]!.path, { 'accept-encoding': 'gzip' })).status === 200, 10_000);
  for (const page of pages) {
    const fromNginx = await get(nginxPort, page.path, { 'accept-encoding': 'gzip' });
    if (fromNginx.status !== 200 || fromNginx.headers['content-encoding'] !== 'gzip' || !fromNginx.body.equals(page.gzip)) {
      fail(`nginx does not send our app's gzip bytes for ${page.path} (status ${fromNginx.status}, encoding ${fromNginx.headers['content-encoding'] ?? 'none'}); see ${confFile}`);
    }
  }
  console.log(`nginx ready on 127.0.0.1:${nginxPort} (worker_processes ${NGINX_WORKERS}, gzip_static on); it sends the same gzip bytes as our app, and the same extra headers\n`);

  const appTarget = (label: string, acceptEncoding: string): Target => ({ label, port: appPort, pid: app.pid!, acceptEncoding });
  const nginxTarget: Target = { label: 'nginx    (gzip_static)', port: nginxPort, pid: nginxProcess.pid!, acceptEncoding: 'gzip' };

  const summary: string[][] = [];
  const verdicts: string[] = [];
  let disturbed = false;
  for (const page of pages) {
    console.log(`${page.path}: ${kib(page.identity.length)} HTML, ${kib(page.gzip.length)} gzip -9, ${kib(page.brSize)} brotli 11`);
    const targets = [appTarget('our app  (gzip)', 'gzip'), nginxTarget];
    if (page === pages[0]) targets.push(appTarget('our app  (gzip, br → br)', 'gzip, br'));
    const runs = new Map<Target, Row[]>(targets.map((t) => [t, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const target of targets) {
        process.stdout.write(`  ${ROUNDS > 1 ? `round ${round}: ` : ''}loading ${target.label.replace(/\s+/g, ' ')} …`);
        const { result, cpu } = await load(`http://127.0.0.1:${target.port}${page.path}`, target.acceptEncoding, target.pid);
        const issues = problems(result);
        process.stdout.write(` ${fmt(result.requests.average)} req/s, p99 ${fmt(result.latency.p99)} ms${issues ? `  (!! ${issues})` : ''}\n`);
        runs.get(target)!.push({ target: target.label, result, cpu });
      }
    }
    const rows = targets.map((t) => median(runs.get(t)!));
    const nginxReqs = rows[1]!.result.requests.average;
    console.log(
      '\n' +
        table(
          ['target', 'req/s (avg)', 'p50 ms', 'p99 ms', 'bytes/resp', 'server µs/req', 'server CPU', 'client CPU', 'irq CPU', 'other CPU', 'app/nginx'],
          rows.map((row) => {
            const { target, result, cpu } = row;
            return [
              target,
              fmt(result.requests.average),
              fmt(result.latency.p50),
              fmt(result.latency.p99),
              fmt(result.requests.total ? result.throughput.total / result.requests.total : 0),
              Number.isNaN(perRequestUs(row)) ? '?' : fmt(perRequestUs(row)),
              pctCell(cpu?.server),
              pctCell(cpu?.client),
              pctCell(cpu?.interrupts),
              pctCell(cpu ? cpu.other + cpu.steal : undefined),
              target.startsWith('nginx') ? '—' : `${fmt((100 * result.requests.average) / nginxReqs)} %`,
            ];
          }),
        )
          .split('\n')
          .map((l) => '  ' + l)
          .join('\n') +
        '\n',
    );
    const pageDisturbed = rows.some((r) => (r.cpu ? r.cpu.other + r.cpu.steal : 0) > OTHER_CPU_LIMIT);
    if (pageDisturbed) disturbed = true;
    const appRow = rows[0]!.result;
    const ratio = appRow.requests.average / nginxReqs;
    const ok = ratio >= TARGET_RATIO && appRow.latency.p99 < TARGET_P99_MS;
    verdicts.push(
      `${page.path}: our app (gzip) at ${fmt(100 * ratio)} % of nginx (target ≥ ${fmt(100 * TARGET_RATIO)} %), p99 ${fmt(appRow.latency.p99)} ms (target < ${TARGET_P99_MS} ms) — ` +
        `${ok ? 'MEETS the target' : 'MISSES the target'}${pageDisturbed ? ' (disturbed run: not conclusive)' : ''}`,
    );
    const appUs = perRequestUs(rows[0]!);
    const nginxUs = perRequestUs(rows[1]!);
    summary.push([
      page.path,
      fmt(appRow.requests.average),
      fmt(nginxReqs),
      `${fmt(100 * ratio)} %`,
      fmt(appRow.latency.p99),
      fmt(rows[1]!.result.latency.p99),
      fmt(appUs),
      fmt(nginxUs),
      Number.isFinite(appUs) && Number.isFinite(nginxUs) ? `${fmt((100 * nginxUs) / appUs)} %` : '?',
    ]);
    const bad = rows.filter((r) => problems(r.result));
    if (bad.length) verdicts.push(`  warning: ${bad.map((r) => `${r.target.replace(/\s+/g, ' ')}: ${problems(r.result)}`).join('; ')}`);
  }

  console.log(table(['page', 'app req/s', 'nginx req/s', 'app/nginx', 'app p99 ms', 'nginx p99 ms', 'app µs/req', 'nginx µs/req', 'app/nginx by CPU'], summary));
  console.log(`\nDESIGN.md target: a cached public page at ≥ ${fmt(100 * TARGET_RATIO)} % of nginx gzip_static requests/s, p99 < ${TARGET_P99_MS} ms, at ${CONNECTIONS} connections.`);
  for (const verdict of verdicts) console.log(verdict);
  console.log(
    `\nCPU columns: % of one core during the measured seconds — server = the process under test (nginx: master + worker), ` +
      `client = autocannon (this process), irq = kernel interrupt work (mostly loopback TCP), other = all other processes plus time stolen by the hypervisor. ` +
      `${os.cpus().length} CPU(s) = ${os.cpus().length * 100} % in all.`,
  );
  if (disturbed) {
    console.log(
      `WARNING: other processes (or the hypervisor) took more than ${OTHER_CPU_LIMIT} % of a core during a run: req/s and latency are disturbed; ` +
        'rerun on a quiet machine. Server µs/req (CPU per request) is the figure that such load moves least.',
    );
  }
  const errorLog = readFileSync(path.join(tempDir, 'error.log'), 'utf8').trim();
  if (errorLog) console.log(`\nnginx error.log:\n${errorLog}`);
}

main().then(
  () => shutdown(0),
  (err: unknown) => {
    if (err instanceof BenchError) console.error(`bench:page: ${err.message}`);
    else console.error('bench:page failed:', err instanceof Error ? err.stack : err);
    return shutdown(1);
  },
);
