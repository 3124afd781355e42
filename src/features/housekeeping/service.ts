// Housekeeping: removes expired sessions, old sign-in failures, old rate-limit events and old idempotency keys, once
// shortly after start and then every hour (timer unref'd, stopped on close). Retention windows are the longest window
// any check looks back over, so no limit or retry answer ever changes because of a purge.
import type { Config } from '../../config.ts';
import type { Database } from '../../db/connect.ts';
import { purgeExpired, type PurgeCounts } from './repo.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A retried request with the same Idempotency-Key gets the first answer for this long. */
export const IDEMPOTENCY_RETENTION_MS = DAY;
/** Longest look-back of any rate limit that uses rate_events (bookings per phone per day). */
export const RATE_EVENT_RETENTION_MS = DAY;

export class Housekeeping {
  readonly #db: Database;
  readonly #config: Config;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #first: NodeJS.Timeout | undefined;

  constructor(db: Database, config: Config, now: () => number) {
    this.#db = db;
    this.#config = config;
    this.#now = now;
  }

  /** One pass; returns how many rows of each kind went. */
  run(now = this.#now()): Promise<PurgeCounts> {
    return purgeExpired(this.#db, {
      now,
      idleBefore: now - this.#config.sessionIdleMs,
      loginFailuresBefore: now - Math.max(this.#config.login.windowMs, DAY),
      rateEventsBefore: now - RATE_EVENT_RETENTION_MS,
      idempotencyBefore: now - IDEMPOTENCY_RETENTION_MS,
    });
  }

  /** Runs a pass a minute after start, then hourly; errors are logged, never thrown (the next pass tries again). */
  start(onError: (error: unknown) => void, intervalMs = HOUR): void {
    const pass = () => void this.run().catch(onError);
    this.#first = setTimeout(pass, Math.min(60_000, intervalMs)).unref();
    this.#timer = setInterval(pass, intervalMs).unref();
  }

  stop(): void {
    clearTimeout(this.#first);
    clearInterval(this.#timer);
  }
}
