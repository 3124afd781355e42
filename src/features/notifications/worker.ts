// The outbox worker: runs in the app process. Each round it claims due messages with a lease (claimDue), delivers them
// one by one and records the outcome: sent; pending again after an exponential backoff with jitter; failed after the
// last attempt or at once when trying again cannot help (staff see it on /admin/messages). A worker that dies
// mid-batch leaves its claimed messages leased; when the lease runs out, any worker takes them over.
import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '../../db/connect.ts';
import type { OutboxRow } from '../../db/schema.ts';
import * as repo from './repo.ts';
import { DeliveryError, ManualDelivery, type Sender } from './senders.ts';

export interface WorkerOptions {
  database: DatabaseHandle;
  senders: { email: Sender; whatsapp: Sender };
  now: () => number;
  maxAttempts: number;
  batchSize?: number;
  /** How long a claim holds; must exceed a batch's worst-case delivery time. */
  leaseMs?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs; jitter takes it down by up to half. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  owner?: string;
  /** A reason not to send a claimed message any more (e.g. a reminder whose appointment has begun): it is cancelled. */
  obsolete?: (message: OutboxRow, now: number) => Promise<string | undefined>;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface RoundResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  manual: number;
  cancelled: number;
}

export class OutboxWorker {
  readonly owner: string;
  readonly #o: Required<Omit<WorkerOptions, 'log' | 'owner' | 'obsolete'>> & Pick<WorkerOptions, 'log' | 'obsolete'>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> | undefined;
  #stopped = true;

  constructor(options: WorkerOptions) {
    this.owner = options.owner ?? `worker-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.#o = {
      batchSize: 10,
      leaseMs: 10 * 60_000,
      baseBackoffMs: 60_000,
      maxBackoffMs: 6 * 3_600_000,
      random: Math.random,
      ...options,
    };
  }

  /** The delay before attempt `attempts + 1`: base·2^(attempts−1), capped, then between half and all of it. */
  backoff(attempts: number): number {
    const full = Math.min(this.#o.maxBackoffMs, this.#o.baseBackoffMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(full / 2 + (this.#o.random() * full) / 2);
  }

  /** Claims due messages (one short transaction); exported for tests that need to stop between claim and delivery. */
  async claim(): Promise<OutboxRow[]> {
    const { database, now, leaseMs, batchSize } = this.#o;
    const at = now();
    return database.db.transaction().execute((tx) => repo.claimDue(tx, database.engine, { owner: this.owner, now: at, leaseUntil: at + leaseMs, limit: batchSize }));
  }

  /** Delivers claimed messages and records each outcome. */
  async deliver(messages: readonly OutboxRow[]): Promise<RoundResult> {
    const result: RoundResult = { claimed: messages.length, sent: 0, retried: 0, failed: 0, manual: 0, cancelled: 0 };
    for (const message of messages) {
      const outcome = await this.#deliverOne(message);
      result[outcome]++;
    }
    return result;
  }

  async #deliverOne(message: OutboxRow): Promise<'sent' | 'retried' | 'failed' | 'manual' | 'cancelled'> {
    const { database, now, maxAttempts } = this.#o;
    const reason = await this.#o.obsolete?.(message, now());
    if (reason) {
      await repo.finish(database.db, message.id, this.owner, { status: 'cancelled', now: now(), error: reason });
      return 'cancelled';
    }
    const sender = message.channel === 'whatsapp' ? this.#o.senders.whatsapp : this.#o.senders.email;
    try {
      const { providerId } = await sender.send(message);
      await repo.finish(database.db, message.id, this.owner, { status: 'sent', now: now(), providerId });
      return 'sent';
    } catch (err) {
      if (err instanceof ManualDelivery) {
        await repo.finish(database.db, message.id, this.owner, { status: 'manual', now: now(), error: null });
        return 'manual';
      }
      const error = err instanceof DeliveryError ? err : new DeliveryError(err instanceof Error ? err.message : String(err), false);
      const at = now();
      if (error.permanent || message.attempts >= maxAttempts) {
        const suffix = !error.permanent ? ` (gave up after ${message.attempts} attempts)` : '';
        await repo.finish(database.db, message.id, this.owner, { status: 'failed', now: at, error: `${error.message}${suffix}`.slice(0, 1000) });
        this.#o.log?.warn({ outbox: message.id, kind: message.kind, channel: message.channel, attempts: message.attempts }, 'message failed');
        return 'failed';
      }
      const delay = Math.max(this.backoff(message.attempts), error.retryAfterMs ?? 0);
      await repo.finish(database.db, message.id, this.owner, { status: 'pending', now: at, nextAttemptAt: at + delay, error: error.message.slice(0, 1000) });
      return 'retried';
    }
  }

  /** One round: claim a batch and deliver it. */
  async runOnce(): Promise<RoundResult> {
    return this.deliver(await this.claim());
  }

  /** Rounds until nothing is due (tests and the admin CLI); bounded so a stuck sender cannot loop for ever. */
  async drain(maxRounds = 100): Promise<RoundResult> {
    const total: RoundResult = { claimed: 0, sent: 0, retried: 0, failed: 0, manual: 0, cancelled: 0 };
    for (let i = 0; i < maxRounds; i++) {
      const r = await this.runOnce();
      for (const k of Object.keys(total) as Array<keyof RoundResult>) total[k] += r[k];
      if (r.claimed === 0) break;
    }
    return total;
  }

  /** Polls every intervalMs; a full batch is followed at once by the next round. */
  start(intervalMs: number): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const tick = async () => {
      this.#timer = undefined;
      let full = false;
      try {
        const round = this.runOnce();
        this.#running = round;
        full = (await round).claimed >= this.#o.batchSize;
      } catch (err) {
        this.#o.log?.error({ err }, 'outbox round failed');
      } finally {
        this.#running = undefined;
      }
      if (!this.#stopped) {
        this.#timer = setTimeout(() => void tick(), full ? 0 : intervalMs);
        this.#timer.unref();
      }
    };
    this.#timer = setTimeout(() => void tick(), intervalMs);
    this.#timer.unref();
  }

  /** Stops polling and waits for the round in progress (its messages are recorded, none is left half-done). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }
}
