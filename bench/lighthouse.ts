// Lighthouse (mobile, default config, simulated throttling) and page weight of public pages, against the DESIGN.md
// quality and page-weight targets.
//
//   npm run bench:lighthouse                 needs Chromium (CHROME_PATH, default /usr/bin/chromium); see bench/README.md
//
// Settings (environment):
//   CHROME_PATH=/usr/bin/chromium     the Chrome/Chromium binary Lighthouse drives
//   BENCH_PATHS=/en/articles/what-causes-muscle-spasm,/tr/makaleler/kas-spazmi-neden-olur,/tr/,/en/therapies
//   BENCH_LIGHTHOUSE_JSON=            a folder to write each page's full Lighthouse report (JSON) into
//   BENCH_CPU_SLOWDOWN=               Lighthouse's simulated CPU slowdown (default: its own, 4). The targets are held
//                                     against the default; a lower value is for information on a slow host (see README)
//
// Our app runs in its own Node process (fresh SQLite in a temp folder, seeded on first start, LOG_LEVEL=warn,
// NODE_ENV=production); Chromium is started headless by chrome-launcher with its own temp profile.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { prepareArticleWithComments } from './article-with-comments.ts';

// ---------- settings ----------

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const CPU_SLOWDOWN = process.env.BENCH_CPU_SLOWDOWN ? Number(process.env.BENCH_CPU_SLOWDOWN) : undefined;
if (CPU_SLOWDOWN !== undefined && !(CPU_SLOWDOWN > 0 && CPU_SLOWDOWN <= 20)) {
  console.error(`bench:lighthouse: BENCH_CPU_SLOWDOWN must be a number in (0, 20] (got "${process.env.BENCH_CPU_SLOWDOWN}")`);
  process.exit(2);
}
const JSON_DIR = process.env.BENCH_LIGHTHOUSE_JSON ? path.resolve(process.env.BENCH_LIGHTHOUSE_JSON) : undefined;
const PATHS = (process.env.BENCH_PATHS ?? '/en/articles/what-causes-muscle-spasm,/tr/makaleler/kas-spazmi-neden-olur,/tr/,/en/therapies')
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean);
for (const p of PATHS) {
  if (!/^\/[A-Za-z0-9._~/-]*$/.test(p)) {
    console.error(`bench:lighthouse: BENCH_PATHS holds "${p}": each path must start with / and use only letters, digits and . _ ~ / -`);
    process.exit(2);
  }
}
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** DESIGN.md "quality": Lighthouse (mobile) minimum score per category, 0–100. */
const TARGETS: Record<string, number> = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 100 };
const CATEGORY_ORDER = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** DESIGN.md "page weight": HTML + CSS + JS ≤ 60 KB compressed, JS ≤ 30 KB compressed (KB = 1,000 bytes here). */
const BUDGET_TOTAL = 60_000;
const BUDGET_JS = 30_000;

class BenchError extends Error {}

function fail(message: string): never {
  throw new BenchError(message);
}

// ---------- the app child process, Chromium and the temp folder, cleaned up on every exit ----------

let app: ChildProcess | undefined;
let chrome: chromeLauncher.LaunchedChrome | undefined;
let tempDir: string | undefined;
let shuttingDown = false;

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    try {
      chrome?.kill();
    } catch {
      // already gone
    }
    if (app && !exited(app)) {
      const child = app;
      child.kill('SIGTERM');
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      if (!exited(child)) child.kill('SIGKILL');
    }
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
  process.exit(code);
}

process.on('exit', () => {
  if (app && !exited(app)) app.kill('SIGTERM');
  try {
    chrome?.kill();
  } catch {
    // already gone
  }
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => void shutdown(1));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (shuttingDown) process.exit(130);
    console.error(`\nbench:lighthouse: ${signal} — stopping the app and Chromium and removing ${tempDir ?? 'the temp folder'}`);
    void shutdown(130);
  });
}

function startApp(port: number, dataDir: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URL: path.join(dataDir, 'bench.sqlite'),
    LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (err) => {
    if (shuttingDown) return;
    console.error(`bench:lighthouse: could not start our app: ${err.message}`);
    void shutdown(1);
  });
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    console.error(`bench:lighthouse: our app exited unexpectedly (code ${code ?? '-'}, signal ${signal ?? '-'}). Its last output:\n${output}`);
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
    request.setTimeout(10_000, () => request.destroy(new Error(`timeout on GET ${urlPath}`)));
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

// ---------- page weight ----------

type Encoding = 'br' | 'gzip' | 'identity';

interface Asset {
  kind: 'html' | 'css' | 'js';
  path: string;
  bytes: Record<Encoding, number>;
}

/** Same-origin URLs of `<link rel=stylesheet href>` and `<script src>` in the HTML (external ones are refused). */
function assetUrls(html: string, port: number, pagePath: string): { kind: 'css' | 'js'; path: string }[] {
  const out: { kind: 'css' | 'js'; path: string }[] = [];
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = (m: RegExpExecArray | null) => (m ? (m[1] ?? m[2] ?? m[3] ?? '') : undefined);
  const add = (kind: 'css' | 'js', href: string) => {
    const url = new URL(href.replace(/&amp;/g, '&'), `http://127.0.0.1:${port}${pagePath}`);
    if (url.host !== `127.0.0.1:${port}`) fail(`${pagePath} loads an external ${kind} file: ${url.href}`);
    const p = url.pathname + url.search;
    if (!out.some((a) => a.path === p)) out.push({ kind, path: p });
  };
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = (value(attr(tag, 'rel')) ?? '').toLowerCase().split(/\s+/);
    const href = value(attr(tag, 'href'));
    if (href && rel.includes('stylesheet')) add('css', href);
    if (href && rel.includes('modulepreload')) add('js', href);
  }
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = value(attr(tag, 'src'));
    if (src) add('js', src);
  }
  return out;
}

async function fetchSizes(port: number, urlPath: string): Promise<{ bytes: Record<Encoding, number>; identity: Buffer }> {
  const bytes = { br: 0, gzip: 0, identity: 0 } as Record<Encoding, number>;
  let identity: Buffer = Buffer.alloc(0);
  for (const [encoding, accept] of [
    ['br', 'br, gzip'],
    ['gzip', 'gzip'],
    ['identity', 'identity'],
  ] as const) {
    const res = await get(port, urlPath, { 'accept-encoding': accept });
    if (res.status !== 200) fail(`GET ${urlPath} (Accept-Encoding: ${accept}) answered ${res.status}`);
    const sent = (res.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity' && sent !== encoding) {
      console.warn(`bench:lighthouse: ${urlPath} was sent with content-encoding "${sent}" when asked for ${encoding}`);
    }
    bytes[encoding] = res.body.length;
    if (encoding === 'identity') identity = res.body;
  }
  return { bytes, identity };
}

async function pageWeight(port: number, pagePath: string): Promise<Asset[]> {
  const doc = await fetchSizes(port, pagePath);
  const assets: Asset[] = [{ kind: 'html', path: pagePath, bytes: doc.bytes }];
  for (const a of assetUrls(doc.identity.toString('utf8'), port, pagePath)) {
    assets.push({ ...a, bytes: (await fetchSizes(port, a.path)).bytes });
  }
  return assets;
}

// ---------- Lighthouse ----------

interface LhAudit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
}

interface LhCategory {
  id: string;
  title: string;
  score: number | null;
  auditRefs: { id: string; weight: number; group?: string }[];
}

interface LhResult {
  lighthouseVersion: string;
  environment: { hostUserAgent: string; benchmarkIndex: number };
  configSettings: { throttlingMethod: string; formFactor: string; throttling: { cpuSlowdownMultiplier: number } };
  runWarnings: string[];
  runtimeError?: { code: string; message: string };
  categories: Record<string, LhCategory>;
  audits: Record<string, LhAudit>;
}

async function runLighthouse(url: string, port: number, attempt = 1): Promise<{ lhr: LhResult; json: string }> {
  const flags = { port, output: 'json' as const, logLevel: 'error' as const };
  const result = await lighthouse(url, CPU_SLOWDOWN === undefined ? flags : { ...flags, throttling: { cpuSlowdownMultiplier: CPU_SLOWDOWN } });
  if (!result) fail(`Lighthouse returned nothing for ${url}`);
  const lhr = result.lhr as unknown as LhResult;
  if (lhr.runtimeError) {
    // NO_NAVSTART, NO_FCP and the like happen now and then on a loaded machine: one more try before giving up.
    if (attempt < 2) {
      console.log(`  Lighthouse failed on ${url} (${lhr.runtimeError.code}); trying once more`);
      return runLighthouse(url, port, attempt + 1);
    }
    fail(`Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  }
  const json = typeof result.report === 'string' ? result.report : (result.report[0] ?? '');
  return { lhr, json };
}

// ---------- output ----------

const kb = (n: number) => (n / 1000).toFixed(1);
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const score100 = (s: number | null | undefined) => (s === null || s === undefined ? NaN : Math.round(s * 100));

function chromiumVersion(): string {
  try {
    return execFileSync(CHROME_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '(unknown Chromium version)';
  }
}

async function main(): Promise<void> {
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'rehab-lighthouse-'));
  const dataDir = path.join(tempDir, 'data');
  mkdirSync(dataDir);
  const appPort = await freePort();
  const lhVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8')) as { version: string }).version;
  console.log(
    `bench:lighthouse — ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model.trim() ?? ''}, Node ${process.version}, ` +
      `Lighthouse ${lhVersion}, ${chromiumVersion()}, ${new Date().toISOString()}`,
  );

  const started = Date.now();
  // The English muscle-spasm article carries ten approved comments, as in bench:page.
  await prepareArticleWithComments({ DATA_DIR: dataDir, DATABASE_URL: path.join(dataDir, 'bench.sqlite'), LOG_LEVEL: 'warn' });
  app = startApp(appPort, dataDir);
  await waitFor('our app (/readyz)', async () => (await get(appPort, '/readyz')).status === 200);
  console.log(`our app ready on 127.0.0.1:${appPort} in ${((Date.now() - started) / 1000).toFixed(1)} s (fresh SQLite, seeded)`);

  // Page weight first: plain HTTP requests, no browser.
  const weights = new Map<string, Asset[]>();
  for (const p of PATHS) weights.set(p, await pageWeight(appPort, p));

  mkdirSync(path.join(tempDir, 'chrome-profile'));
  chrome = await chromeLauncher.launch({
    chromePath: CHROME_PATH,
    chromeFlags: CHROME_FLAGS,
    userDataDir: path.join(tempDir, 'chrome-profile'),
    logLevel: 'silent',
  });

  const results = new Map<string, LhResult>();
  for (const p of PATHS) {
    const url = `http://127.0.0.1:${appPort}${p}`;
    const t = Date.now();
    const { lhr, json } = await runLighthouse(url, chrome.port);
    results.set(p, lhr);
    console.log(
      `lighthouse ${p}: ${((Date.now() - t) / 1000).toFixed(1)} s, benchmarkIndex ${Math.round(lhr.environment.benchmarkIndex)}, ` +
        `${lhr.configSettings.formFactor}, ${lhr.configSettings.throttlingMethod} throttling, CPU ${lhr.configSettings.throttling.cpuSlowdownMultiplier}×`,
    );
    for (const w of lhr.runWarnings) console.log(`  warning: ${w}`);
    if (JSON_DIR) {
      mkdirSync(JSON_DIR, { recursive: true });
      writeFileSync(path.join(JSON_DIR, `${p.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'root'}.json`), json);
    }
  }

  // Scores.
  const w = Math.max(...PATHS.map((p) => p.length), 4);
  console.log('\nLighthouse (mobile, simulated throttling) — target: performance ≥ 95, accessibility 100, best practices ≥ 95, SEO 100');
  console.log(`${pad('page', w)}  ${lpad('perf', 5)}  ${lpad('a11y', 5)}  ${lpad('b.p.', 5)}  ${lpad('seo', 5)}  FCP / LCP / TBT / CLS`);
  let missed = 0;
  for (const p of PATHS) {
    const lhr = results.get(p)!;
    const cells = CATEGORY_ORDER.map((c) => {
      const s = score100(lhr.categories[c]?.score);
      const below = !(s >= TARGETS[c]!);
      if (below) missed++;
      return lpad(`${Number.isNaN(s) ? '—' : s}${below ? '!' : ''}`, 5);
    });
    const m = (id: string) => lhr.audits[id]?.displayValue ?? '—';
    console.log(`${pad(p, w)}  ${cells.join('  ')}  ${m('first-contentful-paint')} / ${m('largest-contentful-paint')} / ${m('total-blocking-time')} / ${m('cumulative-layout-shift')}`);
  }

  // Failing audits of the categories below target.
  for (const p of PATHS) {
    const lhr = results.get(p)!;
    for (const c of CATEGORY_ORDER) {
      const cat = lhr.categories[c];
      if (!cat || score100(cat.score) >= TARGETS[c]!) continue;
      console.log(`\n${p} — ${cat.title} ${score100(cat.score)} (target ${TARGETS[c]}): audits scoring < 1`);
      for (const ref of cat.auditRefs) {
        const a = lhr.audits[ref.id];
        if (!a || a.score === null || a.score >= 1) continue;
        if (a.scoreDisplayMode === 'notApplicable' || a.scoreDisplayMode === 'manual' || a.scoreDisplayMode === 'informative') continue;
        console.log(`  - ${a.id}: ${a.title} — score ${a.score.toFixed(2)}, weight ${ref.weight}${a.displayValue ? `, ${a.displayValue}` : ''}`);
      }
    }
  }

  // Page weight.
  console.log('\nPage weight as our app sends it (HTML + <link rel=stylesheet> + <script src>; KB = 1,000 bytes) — budget: total ≤ 60 KB, JS ≤ 30 KB compressed');
  console.log(`${pad('page', w)}  ${lpad('files', 5)}  ${lpad('HTML br/gz', 12)}  ${lpad('CSS br/gz', 12)}  ${lpad('JS br/gz', 12)}  ${lpad('total br/gz', 12)}  ${lpad('raw', 7)}  verdict`);
  for (const p of PATHS) {
    const assets = weights.get(p)!;
    const sum = (kind: string | undefined, enc: Encoding) => assets.filter((a) => !kind || a.kind === kind).reduce((n, a) => n + a.bytes[enc], 0);
    const pair = (kind?: string) => `${kb(sum(kind, 'br'))}/${kb(sum(kind, 'gzip'))}`;
    // The budget is held against the larger of the two encodings a browser may get (gzip).
    const totalWorst = Math.max(sum(undefined, 'br'), sum(undefined, 'gzip'));
    const jsWorst = Math.max(sum('js', 'br'), sum('js', 'gzip'));
    const ok = totalWorst <= BUDGET_TOTAL && jsWorst <= BUDGET_JS;
    if (!ok) missed++;
    console.log(
      `${pad(p, w)}  ${lpad(String(assets.length), 5)}  ${lpad(pair('html'), 12)}  ${lpad(pair('css'), 12)}  ${lpad(pair('js'), 12)}  ${lpad(pair(), 12)}  ${lpad(kb(sum(undefined, 'identity')), 7)}  ${ok ? 'within budget' : 'OVER BUDGET'}`,
    );
  }
  console.log('files:');
  const seen = new Set<string>();
  for (const p of PATHS) {
    for (const a of weights.get(p)!) {
      if (a.kind === 'html' || seen.has(a.path)) continue;
      seen.add(a.path);
      console.log(`  ${a.kind} ${a.path}: br ${a.bytes.br} B, gzip ${a.bytes.gzip} B, raw ${a.bytes.identity} B`);
    }
  }

  console.log(`\nVerdict: ${missed === 0 ? 'all targets met' : `${missed} target(s) missed (marked with ! or OVER BUDGET)`}`);
  await shutdown(missed === 0 ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(`bench:lighthouse: ${err instanceof BenchError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  void shutdown(1);
});
