// Retention deletes: short-lived security and anti-abuse rows that no request needs once their window has passed.
import type { Database } from '../../db/connect.ts';

export interface PurgeCutoffs {
  /** Sessions whose absolute expiry has passed. */
  now: number;
  /** Sessions idle since before this instant. */
  idleBefore: number;
  /** Failed sign-ins (rate-limit evidence) older than this. */
  loginFailuresBefore: number;
  /** Booking/comment rate-limit events older than this. */
  rateEventsBefore: number;
  /** Idempotency keys (stored first answers of retried requests) older than this. */
  idempotencyBefore: number;
}

export interface PurgeCounts {
  sessions: number;
  loginFailures: number;
  rateEvents: number;
  idempotencyKeys: number;
}

/** Each delete is its own short statement (no long write lock); running it twice or on two instances is harmless. */
export async function purgeExpired(db: Database, cutoffs: PurgeCutoffs): Promise<PurgeCounts> {
  const sessions = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', cutoffs.now), eb('last_seen_at', '<=', cutoffs.idleBefore)]))
    .executeTakeFirst();
  const loginFailures = await db.deleteFrom('login_failures').where('at', '<', cutoffs.loginFailuresBefore).executeTakeFirst();
  const rateEvents = await db.deleteFrom('rate_events').where('at', '<', cutoffs.rateEventsBefore).executeTakeFirst();
  const idempotencyKeys = await db.deleteFrom('idempotency_keys').where('created_at', '<', cutoffs.idempotencyBefore).executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    loginFailures: Number(loginFailures.numDeletedRows),
    rateEvents: Number(rateEvents.numDeletedRows),
    idempotencyKeys: Number(idempotencyKeys.numDeletedRows),
  };
}
