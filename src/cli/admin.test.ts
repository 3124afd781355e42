// `npm run admin` end to end: real processes against a temporary SQLite database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { prepareDatabase } from '../db/setup.ts';
import { verifyPassword } from '../features/staff/passwords.ts';

const root = path.resolve(import.meta.dirname, '../..');
const script = path.join(root, 'src/cli/admin.ts');
const GOOD_PASSWORD = 'mavi-tramvay-kadıköy-1907';
const ONE_TIME = /\b[a-zA-Z2-9]{6}-[a-zA-Z2-9]{6}-[a-zA-Z2-9]{6}\b/g;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
let config: Config;
let handle: DatabaseHandle;
let env: Record<string, string>;

// Not the test runner's environment: vitest sets BASE_URL=/ and friends, which the app would rightly refuse.
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => ['PATH', 'HOME', 'TMPDIR', 'TZ', 'SYSTEMROOT'].includes(k)));

function admin(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env: { ...baseEnv, ...env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // An empty, closed pipe means "no password given": one is generated.
    child.stdin.end(options.stdin ?? '');
  });
}

function user(email: string) {
  return handle.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

async function signInStatus(email: string, password: string): Promise<{ status: number; location: string | undefined }> {
  const app = await buildApp({ config, database: handle, announce: () => undefined });
  try {
    const res = await app.inject({
      method: 'POST',
      url: '/admin/login',
      payload: new URLSearchParams({ email, password }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    return { status: res.statusCode, location: res.headers.location };
  } finally {
    await app.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'rehab-cli-'));
  env = { DATABASE_URL: path.join(dir, 'cli.sqlite'), DATA_DIR: dir, LOG_LEVEL: 'silent', SESSION_SECRET: 'cli-test-secret-cli-test-secret-0000' };
  config = loadConfig(env);
  // Seeded, so that the app can also be built on the same database to sign in.
  ({ handle } = await prepareDatabase(config, { now: Date.now(), seed: true }));
});

afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run admin', () => {
  it('creates accounts, refuses weak and duplicate ones, resets passwords and checks the audit chain', async () => {
    const [help, none, unknown, badConfig, badRole, created, generated, weak] = await Promise.all([
      admin(['help']),
      admin([]),
      admin(['drop-everything']),
      admin(['verify-audit'], { env: { DATABASE_URL: 'mysql://db.example/clinic' } }),
      admin(['create-user', '--email', 'x@clinic.example', '--name', 'X', '--role', 'owner']),
      admin(['create-user', '--email', 'Ayse@Clinic.Example', '--name', 'Ayşe Yılmaz', '--role', 'therapist', '--locale', 'en'], { stdin: `${GOOD_PASSWORD}\nignored second line\n` }),
      admin(['create-user', '--email', 'mehmet@clinic.example', '--name', 'Mehmet Kaya', '--role', 'receptionist']),
      admin(['create-user', '--email', 'weak@clinic.example', '--name', 'Weak', '--role', 'therapist'], { stdin: 'password1234\n' }),
    ]);

    // help, no command, unknown command
    expect(help.code).toBe(0);
    for (const command of ['create-user', 'reset-password', 'verify-audit', 'help']) expect(help.stdout).toContain(command);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('create-user');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command: drop-everything');
    expect(unknown.stderr).toContain('verify-audit');

    // a bad configuration value: one clear line
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr.trim().split('\n')).toHaveLength(1);
    expect(badConfig.stderr).toContain('DATABASE_URL');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of: admin, receptionist, therapist');

    // password from standard input: used as is, no forced change, and signing in works
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).not.toContain(GOOD_PASSWORD);
    expect(created.stdout.match(ONE_TIME)).toBeNull();
    const ayse = await user('ayse@clinic.example');
    expect(ayse).toMatchObject({ name: 'Ayşe Yılmaz', role: 'therapist', locale: 'en', must_change_password: 0, active: 1 });
    expect(await verifyPassword(ayse!.password_hash, GOOD_PASSWORD)).toBe(true);
    const signedIn = await signInStatus('ayse@clinic.example', GOOD_PASSWORD);
    expect(signedIn).toEqual({ status: 303, location: '/admin' });

    // generated: printed exactly once, and must be changed at first sign-in
    expect(generated.code).toBe(0);
    const shown = generated.stdout.match(ONE_TIME);
    expect(shown).toHaveLength(1);
    const mehmet = await user('mehmet@clinic.example');
    expect(mehmet).toMatchObject({ role: 'receptionist', locale: 'tr', must_change_password: 1 });
    expect(await verifyPassword(mehmet!.password_hash, shown![0])).toBe(true);
    expect(await signInStatus('mehmet@clinic.example', shown![0])).toEqual({ status: 303, location: '/admin/password' });

    // weak: refused with the reason, nothing created
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password refused: the password is too common');
    expect(await user('weak@clinic.example')).toBeUndefined();

    const [duplicate, unknownReset, resetWithPassword, resetGenerated] = await Promise.all([
      admin(['create-user', '--email', 'ayse@clinic.example', '--name', 'Again', '--role', 'admin']),
      admin(['reset-password', '--email', 'nobody@clinic.example']),
      admin(['reset-password', '--email', 'mehmet@clinic.example'], { stdin: `${GOOD_PASSWORD}\r\n` }),
      admin(['reset-password', '--email', 'ayse@clinic.example', '--reset-2fa']),
    ]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('an account with the e-mail ayse@clinic.example already exists');
    expect(unknownReset.code).toBe(1);
    expect(unknownReset.stderr).toContain('no account with the e-mail nobody@clinic.example');

    expect(resetWithPassword.code).toBe(0);
    const mehmetAfter = await user('mehmet@clinic.example');
    expect(mehmetAfter?.must_change_password).toBe(0);
    expect(await verifyPassword(mehmetAfter!.password_hash, GOOD_PASSWORD)).toBe(true);

    expect(resetGenerated.code).toBe(0);
    const newOne = resetGenerated.stdout.match(ONE_TIME);
    expect(newOne).toHaveLength(1);
    expect(resetGenerated.stdout).toContain('Two-step verification was turned off');
    const ayseAfter = await user('ayse@clinic.example');
    expect(ayseAfter?.must_change_password).toBe(1);
    expect(await verifyPassword(ayseAfter!.password_hash, newOne![0])).toBe(true);

    const actions = await handle.db.selectFrom('audit_log').select(['action', 'actor_label', 'details']).where('actor_label', '=', 'system:cli').orderBy('id').execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['user.create', 'user.create', 'user.password.reset', 'user.password.reset']);

    // audit chain: intact, then broken at exactly the row changed behind the application's back
    const rows = await handle.db.selectFrom('audit_log').select('id').orderBy('id').execute();
    const intact = await admin(['verify-audit']);
    expect(intact.code).toBe(0);
    expect(intact.stdout.trim()).toBe(`audit chain intact: ${rows.length} entries`);

    const victim = rows[1]!.id;
    await sql`drop trigger audit_log_no_update`.execute(handle.db);
    await sql`update audit_log set details = ${'{"role":"therapist"}'} where id = ${victim}`.execute(handle.db);
    const broken = await admin(['verify-audit']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`at entry #${victim}`);
    expect(broken.stderr).toContain('content was changed after it was written');
  }, 120_000); // about 15 s on an idle machine: each run starts Node and tsx
});
