// `npm run admin -- <command>`: staff accounts and the audit chain from the command line (no web session needed).
import 'dotenv/config';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import type { PasswordProblem } from '../features/staff/passwords.ts';
import { isRole, roles } from '../features/staff/permissions.ts';
import type { StaffService } from '../features/staff/service.ts';

// The database, hashing and staff modules are loaded only for a command that needs them: help and usage errors stay instant.
const load = async () => {
  const [{ prepareDatabase }, errors, audit, passwords, staff, { z }] = await Promise.all([
    import('../db/setup.ts'),
    import('../errors.ts'),
    import('../features/audit/service.ts'),
    import('../features/staff/passwords.ts'),
    import('../features/staff/service.ts'),
    import('zod'),
  ]);
  return { prepareDatabase, errors, audit, passwords, staff, z };
};
type Modules = Awaited<ReturnType<typeof load>>;

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-user --email E --name N --role ${roles.join('|')} [--locale tr|en]
      Creates a staff account. A password piped on standard input (first line) is used as is;
      otherwise a one-time password is generated, printed once, and must be changed at first sign-in.
      (Standard input is read until its first line ends or it closes: from a script, use </dev/null to get
      a generated password.)
  reset-password --email E [--reset-2fa]
      Sets a new password the same way and signs the person out everywhere;
      --reset-2fa also turns off their two-step verification so they can set it up again.
  verify-audit
      Recomputes the audit trail's hash chain; exit code 1 names the first changed entry.
  help
      Shows this text.

Examples:
  npm run admin -- create-user --email ayse@clinic.example --name "Ayşe Yılmaz" --role therapist
  printf '%s\\n' "$NEW_PASSWORD" | npm run admin -- reset-password --email ayse@clinic.example
`;

const problemText: Record<PasswordProblem | 'mismatch' | 'wrongCurrent', string> = {
  tooShort: 'the password is too short (at least 12 characters)',
  tooLong: 'the password is too long (at most 256 characters)',
  common: 'the password is too common or appears in known data breaches',
  containsEmail: 'the password must not contain the e-mail name',
  mismatch: 'the passwords do not match',
  wrongCurrent: 'the current password is not correct',
};

/** A problem the person running the command can fix; printed as one line, exit code 1 (2 for usage mistakes). */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const usageError = (message: string) => new CliError(`${message}\n\n${USAGE}`, 2);

/** The first line of standard input when it is piped and not empty; undefined on a terminal or an empty pipe. */
async function passwordFromStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  process.stdin.destroy();
  if (text === '') return undefined;
  return text.split('\n')[0]!.replace(/\r$/, '');
}

/** Loads the configuration first (a bad value is one line, before anything heavy loads), then the modules. */
async function prepare(): Promise<{ config: Config; m: Modules }> {
  const { ConfigError, loadConfig } = await import('../config.ts');
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(`configuration error: ${err.message}`);
    throw err;
  }
  return { config, m: await load() };
}

async function withStaff<T>(config: Config, m: Modules, run: (staff: StaffService, handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const { handle } = await m.prepareDatabase(config, { now: Date.now(), seed: false });
  try {
    return await run(new m.staff.StaffService(handle.db, config, Date.now), handle);
  } finally {
    await handle.close();
  }
}

function checkPassword(m: Modules, password: string, email: string): void {
  const problem = m.passwords.passwordProblem(password, email);
  if (problem) throw new CliError(`password refused: ${problemText[problem]}`);
}

function printPassword(email: string, password: string | undefined, generated: string): void {
  if (password !== undefined) {
    console.log('The password given on standard input was set.');
    return;
  }
  console.log(`One-time password for ${email} (shown only this once): ${generated}`);
  console.log('They must choose their own password when they first sign in.');
}

/** Errors the staff service raises for a person's mistake, as one line. */
function explain(m: Modules, err: unknown, email: string): never {
  if (err instanceof m.staff.PasswordRejected) throw new CliError(`password refused: ${problemText[err.problem]}`);
  if (err instanceof m.errors.Invalid && err.fields.email === 'taken') throw new CliError(`an account with the e-mail ${email} already exists`);
  if (err instanceof m.errors.NotFound) throw new CliError(`no account with the e-mail ${email}`);
  throw err;
}

async function createUser(args: string[]): Promise<void> {
  const { values } = parse(args, { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, locale: { type: 'string' } });
  const email = (values.email ?? '').trim().toLowerCase();
  const name = (values.name ?? '').trim();
  if (!email || !name || !values.role) throw usageError('create-user needs --email, --name and --role.');
  if (name.length > 200) throw usageError('--name is too long (at most 200 characters).');
  if (!isRole(values.role)) throw usageError(`--role must be one of: ${roles.join(', ')}.`);
  const locale = values.locale ?? 'tr';
  if (locale !== 'tr' && locale !== 'en') throw usageError('--locale must be tr or en.');
  const role = values.role;

  const { config, m } = await prepare();
  if (!m.z.email().max(320).safeParse(email).success) throw usageError(`"${email}" is not a valid e-mail address.`);
  const password = await passwordFromStdin();
  if (password !== undefined) checkPassword(m, password, email);
  await withStaff(config, m, async (staff) => {
    try {
      const created = await staff.createStaff('cli', { email, name, role, locale, ...(password !== undefined ? { password } : {}) });
      console.log(`Created ${created.user.role} account ${created.user.email} (id ${created.user.id}).`);
      printPassword(created.user.email, password, created.password);
    } catch (err) {
      explain(m, err, email);
    }
  });
}

async function resetPassword(args: string[]): Promise<void> {
  const { values } = parse(args, { email: { type: 'string' }, 'reset-2fa': { type: 'boolean' } });
  const email = (values.email ?? '').trim().toLowerCase();
  if (!email) throw usageError('reset-password needs --email.');
  const { config, m } = await prepare();
  const password = await passwordFromStdin();
  if (password !== undefined) checkPassword(m, password, email);
  await withStaff(config, m, async (staff) => {
    try {
      const result = await staff.resetPassword('cli', email, { ...(password !== undefined ? { password } : {}), resetSecondFactor: values['reset-2fa'] === true });
      console.log(`Password reset for ${result.user.email} (id ${result.user.id}); all their sessions were signed out.`);
      if (values['reset-2fa']) console.log('Two-step verification was turned off; they will be asked to set it up again.');
      printPassword(result.user.email, password, result.password);
    } catch (err) {
      explain(m, err, email);
    }
  });
}

async function verifyAudit(args: string[]): Promise<void> {
  parse(args, {});
  const { config, m } = await prepare();
  await withStaff(config, m, async (_staff, handle) => {
    const check = await m.audit.verifyChain(handle.db);
    if (check.ok) {
      console.log(`audit chain intact: ${check.rows} entries`);
      return;
    }
    const where = check.brokenId >= 0 ? `at entry #${check.brokenId}` : `after ${check.rows} entries`;
    throw new CliError(`audit chain BROKEN ${where}: ${check.reason}`);
  });
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<O extends NonNullable<Options>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (err) {
    throw usageError(err instanceof Error ? err.message : String(err));
  }
}

const commands = new Map<string, (args: string[]) => Promise<void>>([
  ['create-user', createUser],
  ['reset-password', resetPassword],
  ['verify-audit', verifyAudit],
]);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  const run = commands.get(command);
  if (!run) {
    console.error(`Unknown command: ${command}\n\n${USAGE}`);
    return 2;
  }
  try {
    await run(rest);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      console.error(err.message);
      return err.exitCode;
    }
    console.error(`failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
