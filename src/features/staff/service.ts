// Staff accounts and sign-in: passwords, second factor, sessions, brute-force limits — every change audited in its transaction.
import { createHmac, randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Database, Tx } from '../../db/connect.ts';
import type { Locale, SessionRow, UserRow } from '../../db/schema.ts';
import { Conflict, Forbidden, Invalid, NotFound, TooManyRequests, Unavailable } from '../../errors.ts';
import * as audit from '../audit/service.ts';
import { can, isRole, totpAlwaysRequired, type Action, type Role } from './permissions.ts';
import { hashPassword, passwordProblem, verifyPassword, type PasswordProblem } from './passwords.ts';
import * as repo from './repo.ts';
import { checkTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret, sameHash } from './totp.ts';

export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  active: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  totpGraceUntil: number | null;
  practitionerId: number | null;
  createdAt: number;
}

export interface StaffSession {
  idHash: string;
  stage: 'second-factor' | 'full';
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  reauthAt: number;
  ip: string;
  userAgent: string;
}

export interface Signed {
  user: StaffUser;
  session: StaffSession;
}

export interface RequestMeta {
  ip: string;
  userAgent: string;
}

export type SignInResult =
  | { ok: true; token: string; stage: 'second-factor' | 'full'; user: StaffUser }
  | { ok: false; reason: 'invalid' | 'totp-overdue' };

export class PasswordRejected extends Invalid {
  constructor(
    readonly problem: PasswordProblem | 'mismatch' | 'wrongCurrent',
    field: string,
  ) {
    super({ [field]: problem });
  }
}

export function presentUser(row: UserRow): StaffUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : 'therapist',
    locale: row.locale === 'en' ? 'en' : 'tr',
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    totpEnabled: row.totp_enabled_at !== null,
    totpGraceUntil: row.totp_grace_until,
    practitionerId: row.practitioner_id,
    createdAt: row.created_at,
  };
}

function presentSession(row: SessionRow): StaffSession {
  return {
    idHash: row.id_hash,
    stage: row.stage === 'full' ? 'full' : 'second-factor',
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    reauthAt: row.reauth_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Session ids are stored as HMAC-SHA256 keyed with SESSION_SECRET: a database copy alone cannot forge or use them,
 * and rotating the secret signs everybody out. */
export function hashToken(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

/** IPv4 addresses count one by one; IPv6 addresses by their /64 network (one subscriber usually owns a whole /64). */
export function ipBucket(ip: string): string {
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4mapped) return `ip:${v4mapped[1]}`;
  if (!ip.includes(':')) return `ip:${ip}`;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  const full = ip.includes('::') ? [...headParts, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailParts] : headParts;
  return `ip6:${full
    .slice(0, 4)
    .map((p) => p.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function oneTimePassword(): string {
  // 18 characters from an unambiguous alphabet, grouped for reading aloud: ~93 bits.
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const chars = [...randomBytes(18)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 6)}-${chars.slice(6, 12)}-${chars.slice(12)}`;
}

export class StaffService {
  constructor(
    private readonly db: Database,
    private readonly config: Config,
    private readonly now: () => number,
  ) {}

  totpRequired(user: StaffUser): boolean {
    return totpAlwaysRequired(user.role) || this.config.totpRequiredForAll;
  }

  // ---------- first start and CLI ----------

  /** On an empty database, creates the first admin with a one-time password; returns it to be shown once. */
  async ensureFirstAdmin(email: string): Promise<{ email: string; password: string } | undefined> {
    if ((await repo.countUsers(this.db)) > 0) return undefined;
    const password = oneTimePassword();
    const password_hash = await hashPassword(password);
    try {
      return await this.db.transaction().execute(async (tx) => {
        if ((await repo.countUsers(tx)) > 0) return undefined;
        const now = this.now();
        const id = await repo.insertUser(tx, { email, name: 'Administrator', role: 'admin', locale: 'tr', password_hash, must_change_password: 1, now });
        await audit.record(tx, { at: now, actor: { system: 'first-start' }, action: 'user.create', target: { type: 'user', id }, details: { email, role: 'admin' } });
        return { email, password };
      });
    } catch {
      return undefined; // another instance created it at the same moment
    }
  }

  // ---------- sign-in ----------

  /**
   * Records a failure in each bucket BEFORE a secret is checked, then counts (its own row included): guesses sent all
   * at once then count each other, so no more than the limit are ever checked in a window. The caller deletes the rows
   * again when the attempt is refused unchecked or succeeds. Fails closed (503) when the limiter cannot be used.
   */
  async #reserveAttempt(buckets: Array<{ bucket: string; max: number }>, since: number, now: number): Promise<{ ids: number[]; blocked: boolean }> {
    try {
      const ids = await repo.recordFailures(
        this.db,
        buckets.map((b) => b.bucket),
        now,
      );
      const counts = await Promise.all(buckets.map((b) => repo.countFailures(this.db, b.bucket, since)));
      return { ids, blocked: buckets.some((b, i) => counts[i]! > b.max) };
    } catch {
      throw new Unavailable('sign-in limiter unavailable');
    }
  }

  async signIn(emailInput: string, password: string, meta: RequestMeta): Promise<SignInResult> {
    const email = normalizeEmail(emailInput).slice(0, 320);
    const now = this.now();
    const { maxFailuresPerAccount, maxFailuresPerIp, windowMs } = this.config.login;
    const accountBucket = `acct:${email}`;
    const addressBucket = ipBucket(meta.ip);
    const attempt = await this.#reserveAttempt(
      [
        { bucket: accountBucket, max: maxFailuresPerAccount },
        { bucket: addressBucket, max: maxFailuresPerIp },
      ],
      now - windowMs,
      now,
    );
    if (attempt.blocked) {
      await this.db.transaction().execute(async (tx) => {
        await repo.deleteFailures(tx, attempt.ids);
        await audit.record(tx, { at: now, actor: { email }, action: 'auth.login.blocked', ip: meta.ip });
      });
      throw new TooManyRequests();
    }

    const row = await repo.findUserByEmail(this.db, email);
    const passwordOk = await verifyPassword(row?.password_hash, password);
    if (!row || !passwordOk || row.active !== 1) {
      // The attempt's failure rows, written before the check, stay: they are this failure.
      await this.db.transaction().execute(async (tx) => {
        await audit.record(tx, {
          at: now,
          actor: row ? { id: row.id, email: row.email } : { email },
          action: 'auth.login.failure',
          ip: meta.ip,
          details: { reason: !row ? 'unknown-account' : !passwordOk ? 'wrong-password' : 'inactive' },
        });
      });
      return { ok: false, reason: 'invalid' };
    }

    const user = presentUser(row);
    let graceUntil = row.totp_grace_until;
    if (!user.totpEnabled && this.totpRequired(user)) {
      if (graceUntil === null) graceUntil = now + this.config.totpGraceDays * 86_400_000;
      if (now >= graceUntil) {
        await this.db.transaction().execute(async (tx) => {
          await repo.deleteFailures(tx, attempt.ids);
          await audit.record(tx, { at: now, actor: { id: row.id, email: row.email }, action: 'auth.login.refused', ip: meta.ip, details: { reason: 'second-factor-overdue' } });
        });
        return { ok: false, reason: 'totp-overdue' };
      }
    }
    const stage = user.totpEnabled ? 'second-factor' : 'full';
    const token = await this.db.transaction().execute(async (tx) => {
      await repo.deleteFailures(tx, attempt.ids);
      await repo.clearFailures(tx, accountBucket);
      if (graceUntil !== row.totp_grace_until) await repo.updateUser(tx, row.id, { totp_grace_until: graceUntil }, now);
      const created = await this.createSession(tx, row.id, stage, meta);
      await audit.record(tx, {
        at: now,
        actor: { id: row.id, email: row.email },
        action: stage === 'full' ? 'auth.login.success' : 'auth.login.password-ok',
        ip: meta.ip,
      });
      return created;
    });
    return { ok: true, token, stage, user: { ...user, totpGraceUntil: graceUntil } };
  }

  /** Second step: a TOTP code or an unused recovery code; on success the session gets a new id. */
  async completeSecondFactor(signed: Signed, code: string, meta: RequestMeta): Promise<{ ok: true; token: string } | { ok: false }> {
    const now = this.now();
    const bucket = `acct:${signed.user.email}`;
    const { maxFailuresPerAccount, maxFailuresPerIp, windowMs } = this.config.login;
    const attempt = await this.#reserveAttempt(
      [
        { bucket, max: maxFailuresPerAccount },
        { bucket: ipBucket(meta.ip), max: maxFailuresPerIp },
      ],
      now - windowMs,
      now,
    );
    if (attempt.blocked) {
      await repo.deleteFailures(this.db, attempt.ids);
      throw new TooManyRequests();
    }
    const ok = await this.checkSecondFactor(signed.user.id, code, now);
    if (!ok) {
      await this.db.transaction().execute(async (tx) => {
        await audit.record(tx, { at: now, actor: { id: signed.user.id, email: signed.user.email }, action: 'auth.second-factor.failure', ip: meta.ip });
      });
      return { ok: false };
    }
    const token = await this.db.transaction().execute(async (tx) => {
      await repo.deleteFailures(tx, attempt.ids);
      await repo.deleteSession(tx, signed.session.idHash);
      await repo.clearFailures(tx, bucket);
      const created = await this.createSession(tx, signed.user.id, 'full', meta);
      await audit.record(tx, { at: now, actor: { id: signed.user.id, email: signed.user.email }, action: 'auth.login.success', ip: meta.ip, details: { secondFactor: ok } });
      return created;
    });
    return { ok: true, token };
  }

  /** 'totp' or 'recovery-code' when the code is good (and then spent), false otherwise. */
  private async checkSecondFactor(userId: number, code: string, now: number): Promise<'totp' | 'recovery-code' | false> {
    const row = await repo.findUserById(this.db, userId);
    if (!row?.totp_secret || row.totp_enabled_at === null) return false;
    const step = checkTotp(row.totp_secret, code, now);
    if (step !== null) {
      // A code works once: a replayed code (same or older step) is refused.
      if (row.totp_last_step !== null && step <= row.totp_last_step) return false;
      const result = await this.db
        .updateTable('users')
        .set({ totp_last_step: step })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? 'totp' : false;
    }
    const hashed = hashRecoveryCode(code);
    for (const rc of await repo.unusedRecoveryCodes(this.db, userId)) {
      if (sameHash(rc.code_hash, hashed)) return (await repo.useRecoveryCode(this.db, rc.id, now)) ? 'recovery-code' : false;
    }
    return false;
  }

  private async createSession(tx: Tx, userId: number, stage: 'second-factor' | 'full', meta: RequestMeta): Promise<string> {
    const now = this.now();
    const token = randomBytes(32).toString('base64url');
    await repo.insertSession(tx, {
      id_hash: hashToken(token, this.config.sessionSecret),
      user_id: userId,
      stage,
      csrf_token: randomBytes(32).toString('base64url'),
      created_at: now,
      last_seen_at: now,
      expires_at: now + this.config.sessionAbsoluteMs,
      reauth_at: now,
      ip: meta.ip.slice(0, 64),
      user_agent: meta.userAgent.slice(0, 300),
    });
    return token;
  }

  /** Resolves a session cookie; expired, idle or deactivated sessions are removed and yield undefined. */
  async resolveSession(token: string | undefined): Promise<Signed | undefined> {
    if (!token || token.length > 100) return undefined;
    const now = this.now();
    const idHash = hashToken(token, this.config.sessionSecret);
    const row = await repo.findSession(this.db, idHash);
    if (!row) return undefined;
    if (row.expires_at <= now || row.last_seen_at <= now - this.config.sessionIdleMs) {
      await repo.deleteSession(this.db, idHash);
      return undefined;
    }
    const user = await repo.findUserById(this.db, row.user_id);
    if (!user || user.active !== 1) {
      await repo.deleteSession(this.db, idHash);
      return undefined;
    }
    // Sliding idle timeout, written at most every 30 s to keep reads cheap.
    if (now - row.last_seen_at > 30_000) {
      await repo.updateSession(this.db, idHash, { last_seen_at: now });
      row.last_seen_at = now;
    }
    return { user: presentUser(user), session: presentSession(row) };
  }

  async signOut(signed: Signed, meta: RequestMeta): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await repo.deleteSession(tx, signed.session.idHash);
      await audit.record(tx, { at: this.now(), actor: { id: signed.user.id, email: signed.user.email }, action: 'auth.logout', ip: meta.ip });
    });
  }

  // ---------- own account ----------

  async changeOwnPassword(signed: Signed, current: string, next: string, confirm: string, meta: RequestMeta): Promise<string> {
    const row = await repo.findUserById(this.db, signed.user.id);
    if (!row) throw new NotFound();
    if (!(await verifyPassword(row.password_hash, current))) throw new PasswordRejected('wrongCurrent', 'current');
    if (next !== confirm) throw new PasswordRejected('mismatch', 'confirm');
    const problem = passwordProblem(next, row.email);
    if (problem) throw new PasswordRejected(problem, 'password');
    if (await verifyPassword(row.password_hash, next)) throw new PasswordRejected('common', 'password');
    const hash = await hashPassword(next);
    const now = this.now();
    return this.db.transaction().execute(async (tx) => {
      await repo.updateUser(tx, row.id, { password_hash: hash, must_change_password: 0 }, now);
      // Every other session ends; this one continues under a new id.
      await repo.deleteUserSessions(tx, row.id);
      const token = await this.createSession(tx, row.id, 'full', meta);
      await audit.record(tx, { at: now, actor: { id: row.id, email: row.email }, action: 'user.password.change', target: { type: 'user', id: row.id }, ip: meta.ip });
      return token;
    });
  }

  async listOwnSessions(userId: number): Promise<StaffSession[]> {
    const now = this.now();
    await repo.deleteExpiredSessions(this.db, now, this.config.sessionIdleMs);
    return (await repo.listUserSessions(this.db, userId)).map(presentSession);
  }

  async revokeSession(signed: Signed, sessionIdHash: string, meta: RequestMeta): Promise<void> {
    const sessions = await repo.listUserSessions(this.db, signed.user.id);
    if (!sessions.some((s) => s.id_hash === sessionIdHash)) throw new NotFound();
    await this.db.transaction().execute(async (tx) => {
      await repo.deleteSession(tx, sessionIdHash);
      await audit.record(tx, { at: this.now(), actor: { id: signed.user.id, email: signed.user.email }, action: 'auth.session.revoke', target: { type: 'user', id: signed.user.id }, ip: meta.ip });
    });
  }

  async revokeOtherSessions(signed: Signed, meta: RequestMeta): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const n = await repo.deleteUserSessions(tx, signed.user.id, signed.session.idHash);
      await audit.record(tx, { at: this.now(), actor: { id: signed.user.id, email: signed.user.email }, action: 'auth.session.revoke-others', target: { type: 'user', id: signed.user.id }, ip: meta.ip, details: { count: n } });
      return n;
    });
  }

  async setOwnLocale(signed: Signed, locale: Locale): Promise<void> {
    await repo.updateUser(this.db, signed.user.id, { locale }, this.now());
  }

  // ---------- second factor enrolment ----------

  /** Starts (or restarts) enrolment: a new secret that becomes active only after a correct code. */
  async beginTotpEnrolment(signed: Signed): Promise<string> {
    const row = await repo.findUserById(this.db, signed.user.id);
    if (!row) throw new NotFound();
    if (row.totp_enabled_at !== null) throw new Conflict('second factor already enabled');
    if (row.totp_secret) return row.totp_secret;
    const secret = newTotpSecret();
    await repo.updateUser(this.db, row.id, { totp_secret: secret }, this.now());
    return secret;
  }

  /** Confirms enrolment with a code from the app; returns the recovery codes, shown once. */
  async confirmTotpEnrolment(signed: Signed, code: string, meta: RequestMeta): Promise<string[] | undefined> {
    const row = await repo.findUserById(this.db, signed.user.id);
    if (!row?.totp_secret || row.totp_enabled_at !== null) return undefined;
    const now = this.now();
    const step = checkTotp(row.totp_secret, code, now);
    if (step === null) return undefined;
    const codes = newRecoveryCodes();
    await this.db.transaction().execute(async (tx) => {
      await repo.updateUser(tx, row.id, { totp_enabled_at: now, totp_last_step: step }, now);
      await repo.replaceRecoveryCodes(tx, row.id, codes.map(hashRecoveryCode));
      await repo.updateSession(tx, signed.session.idHash, { reauth_at: now });
      await audit.record(tx, { at: now, actor: { id: row.id, email: row.email }, action: 'user.totp.enable', target: { type: 'user', id: row.id }, ip: meta.ip });
    });
    return codes;
  }

  async regenerateRecoveryCodes(signed: Signed, meta: RequestMeta): Promise<string[]> {
    if (!signed.user.totpEnabled) throw new Conflict('second factor not enabled');
    const codes = newRecoveryCodes();
    await this.db.transaction().execute(async (tx) => {
      await repo.replaceRecoveryCodes(tx, signed.user.id, codes.map(hashRecoveryCode));
      await audit.record(tx, { at: this.now(), actor: { id: signed.user.id, email: signed.user.email }, action: 'user.totp.recovery-codes', target: { type: 'user', id: signed.user.id }, ip: meta.ip });
    });
    return codes;
  }

  async unusedRecoveryCodeCount(userId: number): Promise<number> {
    return (await repo.unusedRecoveryCodes(this.db, userId)).length;
  }

  // ---------- fresh proof for sensitive actions ----------

  needsReauth(signed: Signed): boolean {
    return this.now() - signed.session.reauthAt > this.config.reauthMs;
  }

  /** Accepts the account password or a current TOTP code as fresh proof of presence. */
  async reauthenticate(signed: Signed, proof: string): Promise<boolean> {
    const row = await repo.findUserById(this.db, signed.user.id);
    if (!row || !proof) return false;
    const now = this.now();
    // The same per-account limit as sign-in: the confirmation field must not become a password oracle.
    const attempt = await this.#reserveAttempt([{ bucket: `acct:${row.email}`, max: this.config.login.maxFailuresPerAccount }], now - this.config.login.windowMs, now);
    if (attempt.blocked) {
      await repo.deleteFailures(this.db, attempt.ids);
      throw new TooManyRequests();
    }
    const ok = (await verifyPassword(row.password_hash, proof)) || (/^\s*\d{6}\s*$/.test(proof) && (await this.checkSecondFactor(row.id, proof, now)) === 'totp');
    if (!ok) return false; // the attempt's failure row stays
    await repo.deleteFailures(this.db, attempt.ids);
    await repo.updateSession(this.db, signed.session.idHash, { reauth_at: now });
    signed.session.reauthAt = now;
    return true;
  }

  // ---------- staff management (admin) ----------

  listStaff(): Promise<StaffUser[]> {
    return repo.listUsers(this.db).then((rows) => rows.map(presentUser));
  }

  async getStaff(id: number): Promise<StaffUser> {
    const row = await repo.findUserById(this.db, id);
    if (!row) throw new NotFound();
    return presentUser(row);
  }

  listPractitioners(): Promise<Array<{ id: number; full_name: string }>> {
    return repo.listPractitioners(this.db);
  }

  /** Creates an account with a one-time password (returned to show once); the person sets their own at first sign-in. */
  async createStaff(actor: Signed | 'cli', input: { email: string; name: string; role: Role; locale: Locale; password?: string }, meta?: RequestMeta): Promise<{ user: StaffUser; password: string }> {
    const email = normalizeEmail(input.email);
    if (await repo.findUserByEmail(this.db, email)) throw new Invalid({ email: 'taken' });
    const password = input.password ?? oneTimePassword();
    if (input.password) {
      const problem = passwordProblem(input.password, email);
      if (problem) throw new PasswordRejected(problem, 'password');
    }
    const hash = await hashPassword(password);
    const now = this.now();
    try {
      const id = await this.db.transaction().execute(async (tx) => {
        const newId = await repo.insertUser(tx, { email, name: input.name, role: input.role, locale: input.locale, password_hash: hash, must_change_password: input.password ? 0 : 1, now });
        await audit.record(tx, { at: now, actor: actorOf(actor), action: 'user.create', target: { type: 'user', id: newId }, ip: meta?.ip ?? null, details: { email, role: input.role } });
        return newId;
      });
      return { user: await this.getStaff(id), password };
    } catch (err) {
      if (await repo.findUserByEmail(this.db, email)) throw new Invalid({ email: 'taken' });
      throw err;
    }
  }

  async updateStaff(actor: Signed, id: number, changes: { name?: string; role?: Role; locale?: Locale; practitionerId?: number | null }, meta: RequestMeta): Promise<void> {
    const row = await repo.findUserById(this.db, id);
    if (!row) throw new NotFound();
    const before = presentUser(row);
    if (changes.practitionerId !== undefined && changes.practitionerId !== null && !(await repo.practitionerExists(this.db, changes.practitionerId))) {
      throw new Invalid({ practitionerId: 'unknown' });
    }
    const roleChanged = changes.role !== undefined && changes.role !== before.role;
    if (roleChanged && before.role === 'admin' && before.active && (await repo.countActiveAdmins(this.db)) <= 1) {
      throw new Conflict('last-admin');
    }
    const now = this.now();
    await this.db.transaction().execute(async (tx) => {
      await repo.updateUser(
        tx,
        id,
        {
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.role !== undefined ? { role: changes.role } : {}),
          ...(changes.locale !== undefined ? { locale: changes.locale } : {}),
          ...(changes.practitionerId !== undefined ? { practitioner_id: changes.practitionerId } : {}),
        },
        now,
      );
      // A changed role takes effect at once: the person signs in again under the new role.
      if (roleChanged) await repo.deleteUserSessions(tx, id);
      const details: Record<string, unknown> = {};
      if (changes.name !== undefined && changes.name !== before.name) details.name = { from: before.name, to: changes.name };
      if (roleChanged) details.role = { from: before.role, to: changes.role };
      if (changes.locale !== undefined && changes.locale !== before.locale) details.locale = { from: before.locale, to: changes.locale };
      if (changes.practitionerId !== undefined && changes.practitionerId !== before.practitionerId) details.practitionerId = { from: before.practitionerId, to: changes.practitionerId };
      if (Object.keys(details).length) {
        await audit.record(tx, { at: now, actor: actorOf(actor), action: roleChanged ? 'user.role.change' : 'user.update', target: { type: 'user', id }, ip: meta.ip, details });
      }
    });
  }

  async setActive(actor: Signed, id: number, active: boolean, meta: RequestMeta): Promise<void> {
    const row = await repo.findUserById(this.db, id);
    if (!row) throw new NotFound();
    if (!active && row.id === actor.user.id) throw new Conflict('self');
    if (!active && row.role === 'admin' && row.active === 1 && (await repo.countActiveAdmins(this.db)) <= 1) throw new Conflict('last-admin');
    const now = this.now();
    await this.db.transaction().execute(async (tx) => {
      await repo.updateUser(tx, id, { active: active ? 1 : 0 }, now);
      // Deactivation signs the person out everywhere at once.
      if (!active) await repo.deleteUserSessions(tx, id);
      await audit.record(tx, { at: now, actor: actorOf(actor), action: active ? 'user.activate' : 'user.deactivate', target: { type: 'user', id }, ip: meta.ip });
    });
  }

  /** New one-time password, all sessions ended, second factor grace restarted if it had run out. */
  async resetPassword(actor: Signed | 'cli', email: string, options: { password?: string; resetSecondFactor?: boolean } = {}, meta?: RequestMeta): Promise<{ user: StaffUser; password: string }> {
    const row = await repo.findUserByEmail(this.db, normalizeEmail(email));
    if (!row) throw new NotFound();
    const password = options.password ?? oneTimePassword();
    if (options.password) {
      const problem = passwordProblem(options.password, row.email);
      if (problem) throw new PasswordRejected(problem, 'password');
    }
    const hash = await hashPassword(password);
    const now = this.now();
    await this.db.transaction().execute(async (tx) => {
      await repo.updateUser(
        tx,
        row.id,
        {
          password_hash: hash,
          must_change_password: options.password ? 0 : 1,
          ...(options.resetSecondFactor ? { totp_secret: null, totp_enabled_at: null, totp_last_step: null, totp_grace_until: null } : {}),
          ...(!options.resetSecondFactor && row.totp_enabled_at === null && row.totp_grace_until !== null && row.totp_grace_until <= now ? { totp_grace_until: null } : {}),
        },
        now,
      );
      if (options.resetSecondFactor) await repo.replaceRecoveryCodes(tx, row.id, []);
      await repo.deleteUserSessions(tx, row.id);
      await audit.record(tx, {
        at: now,
        actor: actorOf(actor),
        action: 'user.password.reset',
        target: { type: 'user', id: row.id },
        ip: meta?.ip ?? null,
        details: options.resetSecondFactor ? { secondFactorReset: true } : {},
      });
    });
    return { user: await this.getStaff(row.id), password };
  }

  can(signed: Signed, action: Action): boolean {
    return can(signed.user.role, action);
  }

  assertCan(signed: Signed, action: Action): void {
    if (!can(signed.user.role, action)) throw new Forbidden();
  }
}

function actorOf(actor: Signed | 'cli'): audit.AuditEntry['actor'] {
  return actor === 'cli' ? { system: 'cli' } : { id: actor.user.id, email: actor.user.email };
}
