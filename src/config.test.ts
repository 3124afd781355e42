import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from './config.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'rehab-config-'));

describe('configuration', () => {
  it('has working defaults and keeps a generated session secret in the data folder', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.port).toBe(3000);
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.database).toEqual({ engine: 'sqlite', file: './data/rehab-center.sqlite' });
    expect(config.clinicTimeZone).toBe('Europe/Istanbul');
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dataDir, 'session-secret'), 'utf8').trim()).toBe(config.sessionSecret);
    expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(config.sessionSecret);
    expect(config.secureCookies).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir, BASE_URL: 'https://clinic.example/' }).secureCookies).toBe(true);
  });

  it('reads DATABASE_URL as a path, sqlite: URL or postgres URL', () => {
    expect(parseDatabaseUrl('sqlite:./x.db')).toEqual({ engine: 'sqlite', file: './x.db' });
    expect(parseDatabaseUrl('/var/lib/clinic.sqlite')).toEqual({ engine: 'sqlite', file: '/var/lib/clinic.sqlite' });
    expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({ engine: 'postgres', url: 'postgres://u@h/db' });
    expect(() => parseDatabaseUrl('mysql://u@h/db')).toThrow(/DATABASE_URL/);
  });

  it.each([
    ['PORT', 'abc', /^PORT: /],
    ['PORT', '70000', /^PORT: /],
    ['BASE_URL', 'not a url', /^BASE_URL: /],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL: /],
    ['CLINIC_TIMEZONE', 'Mars/Olympus', /^CLINIC_TIMEZONE: .*IANA/],
    ['SESSION_SECRET', 'short', /^SESSION_SECRET: .*32/],
    ['TRUST_PROXY', 'maybe', /^TRUST_PROXY: /],
    ['SESSION_IDLE_MINUTES', '-5', /^SESSION_IDLE_MINUTES: /],
  ])('refuses %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDir, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir, [name]: value })).toThrow(message);
  });

  it('stops the server at start with one clear line for a bad value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, PORT: 'eighty', DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Configuration error — PORT: /);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the server process', () => {
  it('starts on a new database, reuses it on the second start, and shuts down cleanly on SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const net = await import('node:net');
    const dir = mkdtempSync(path.join(tmpdir(), 'rehab-start-'));
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const start = async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, DATABASE_URL: path.join(dir, 'db.sqlite'), LOG_LEVEL: 'info', BASE_URL: `http://127.0.0.1:${port}` },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const deadline = Date.now() + 20_000;
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${port}/tr/`).then((r) => r.status === 200, () => false);
        if (ok) break;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return { code: await exited, out };
    };
    const first = await start();
    expect(first.code).toBe(0);
    expect(first.out).toContain('demo clinic seeded');
    expect(first.out).toContain('First administrator account created');
    expect(first.out).toContain('shutting down');
    const second = await start();
    expect(second.code).toBe(0);
    expect(second.out).not.toContain('demo clinic seeded');
    expect(second.out).not.toContain('First administrator');
  }, 60_000);
});
