// SQL for staff accounts, sessions, recovery codes and the sign-in failure counter.
import type { DbOrTx } from '../../db/connect.ts';
import type { Locale, SessionRow, UserRow } from '../../db/schema.ts';

export function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: DbOrTx, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: DbOrTx): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('active', 'desc').orderBy('name').orderBy('id').execute();
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveAdmins(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewUserRow {
  email: string;
  name: string;
  role: string;
  locale: Locale;
  password_hash: string;
  must_change_password: number;
  now: number;
}

export async function insertUser(db: DbOrTx, u: NewUserRow): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: u.email,
      name: u.name,
      role: u.role,
      locale: u.locale,
      password_hash: u.password_hash,
      must_change_password: u.must_change_password,
      active: 1,
      created_at: u.now,
      updated_at: u.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type UserChanges = Partial<
  Pick<UserRow, 'name' | 'role' | 'locale' | 'password_hash' | 'must_change_password' | 'active' | 'totp_secret' | 'totp_enabled_at' | 'totp_grace_until' | 'totp_last_step' | 'practitioner_id'>
>;

export async function updateUser(db: DbOrTx, id: number, changes: UserChanges, now: number): Promise<void> {
  await db.updateTable('users').set({ ...changes, updated_at: now }).where('id', '=', id).execute();
}

export function listPractitioners(db: DbOrTx): Promise<Array<{ id: number; full_name: string }>> {
  return db.selectFrom('practitioners').select(['id', 'full_name']).where('active', '=', 1).orderBy('full_name').execute();
}

export async function practitionerExists(db: DbOrTx, id: number): Promise<boolean> {
  return (await db.selectFrom('practitioners').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

// Sessions

export async function insertSession(db: DbOrTx, s: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(s).execute();
}

export function findSession(db: DbOrTx, idHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function updateSession(db: DbOrTx, idHash: string, changes: Partial<Pick<SessionRow, 'last_seen_at' | 'reauth_at' | 'stage'>>): Promise<void> {
  await db.updateTable('sessions').set(changes).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: DbOrTx, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteUserSessions(db: DbOrTx, userId: number, exceptIdHash?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function listUserSessions(db: DbOrTx, userId: number): Promise<SessionRow[]> {
  return db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('last_seen_at', 'desc').execute();
}

export async function deleteExpiredSessions(db: DbOrTx, now: number, idleMs: number): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', now - idleMs)]))
    .execute();
}

// Recovery codes

export async function replaceRecoveryCodes(db: DbOrTx, userId: number, hashes: string[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (hashes.length) await db.insertInto('recovery_codes').values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null }))).execute();
}

export function unusedRecoveryCodes(db: DbOrTx, userId: number): Promise<Array<{ id: number; code_hash: string }>> {
  return db.selectFrom('recovery_codes').select(['id', 'code_hash']).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

/** Marks a code used; false when another request used it first. */
export async function useRecoveryCode(db: DbOrTx, id: number, now: number): Promise<boolean> {
  const result = await db.updateTable('recovery_codes').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Sign-in failures (the brute-force limiter lives in the database so it holds across restarts and instances)

/** One failure per bucket; returns their ids (an attempt is recorded before its secret is checked, see the service). */
export async function recordFailures(db: DbOrTx, buckets: string[], at: number): Promise<number[]> {
  const rows = await db.insertInto('login_failures').values(buckets.map((bucket) => ({ bucket, at }))).returning('id').execute();
  return rows.map((r) => Number(r.id));
}

export async function deleteFailures(db: DbOrTx, ids: readonly number[]): Promise<void> {
  if (ids.length) await db.deleteFrom('login_failures').where('id', 'in', ids).execute();
}

export async function countFailures(db: DbOrTx, bucket: string, since: number): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', bucket)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function clearFailures(db: DbOrTx, bucket: string): Promise<void> {
  await db.deleteFrom('login_failures').where('bucket', '=', bucket).execute();
}
