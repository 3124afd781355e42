// Audit trail: every sign-in, account, role and settings change (later: every patient-record access), written in the
// same transaction as the change. Each row's hash covers its content and the previous row's hash.
import { createHash } from 'node:crypto';
import type { DbOrTx, Tx } from '../../db/connect.ts';
import type { AuditRow } from '../../db/schema.ts';
import * as repo from './repo.ts';
import type { AuditFilter, AuditInsert } from './repo.ts';

export interface AuditEntry {
  at: number;
  actor: { id: number; email: string } | { system: string } | { email: string };
  action: string;
  target?: { type: string; id: string | number };
  ip?: string | null;
  details?: Record<string, unknown>;
}

function rowHash(prevHash: string, e: AuditInsert): string {
  const canonical = JSON.stringify([prevHash, e.at, e.actor_user_id, e.actor_label, e.action, e.target_type, e.target_id, e.ip, e.details]);
  return createHash('sha256').update(canonical).digest('hex');
}

export async function record(tx: Tx, entry: AuditEntry): Promise<void> {
  const insert: AuditInsert = {
    at: entry.at,
    actor_user_id: 'id' in entry.actor ? entry.actor.id : null,
    actor_label: 'system' in entry.actor ? `system:${entry.actor.system}` : entry.actor.email,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target ? String(entry.target.id) : null,
    ip: entry.ip ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
  const prev = await repo.lockHead(tx);
  await repo.append(tx, insert, prev, rowHash(prev, insert));
}

export function list(db: DbOrTx, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  return repo.list(db, filter);
}

export function hasAction(db: DbOrTx, action: string): Promise<boolean> {
  return repo.hasAction(db, action);
}

export type ChainCheck = { ok: true; rows: number } | { ok: false; rows: number; brokenId: number; reason: string };

/** Where a walk of the chain starts: after entry `afterId`, whose hash is `prev`, with `rows` entries before it. */
interface WalkStart {
  afterId: number;
  prev: string;
  rows: number;
}

type WalkResult = ChainCheck & { lastId: number; lastHash: string };

async function walk(db: DbOrTx, start: WalkStart): Promise<WalkResult> {
  let prev = start.prev;
  let count = start.rows;
  let lastId = start.afterId;
  for await (const row of repo.allInOrder(db, 1000, start.afterId)) {
    count++;
    if (row.prev_hash !== prev) return { ok: false, rows: count, brokenId: row.id, reason: 'link to the previous row does not match', lastId, lastHash: prev };
    const expected = rowHash(prev, row);
    if (row.hash !== expected) return { ok: false, rows: count, brokenId: row.id, reason: 'content was changed after it was written', lastId, lastHash: prev };
    prev = row.hash;
    lastId = row.id;
  }
  const head = await repo.head(db);
  if (head !== prev) return { ok: false, rows: count, brokenId: -1, reason: 'rows were removed from the end of the chain', lastId, lastHash: prev };
  return { ok: true, rows: count, lastId, lastHash: prev };
}

const GENESIS: WalkStart = { afterId: 0, prev: '0'.repeat(64), rows: 0 };

/** Recomputes the chain from the first row; names the first row whose content or link does not match. */
export async function verifyChain(db: DbOrTx): Promise<ChainCheck> {
  const result = await walk(db, GENESIS);
  if (result.ok) return { ok: true, rows: result.rows };
  checkpoints.delete(db);
  return { ok: false, rows: result.rows, brokenId: result.brokenId, reason: result.reason };
}

/** The audit page's check, per database handle: the last entry verified and when the whole chain last was. */
interface Checkpoint extends WalkStart {
  fullAt: number;
}

const checkpoints = new WeakMap<object, Checkpoint>();

/**
 * The audit page's check. Recomputing the whole chain costs a few microseconds per entry, and every booking adds one:
 * on a busy clinic's trail that would be seconds per page view. So the whole chain is recomputed at most every
 * `fullEveryMs` (and whenever the entry last verified has changed or gone); in between, only the entries written since
 * are, linked to the last one verified. A change to an older entry made outside the application is therefore found
 * within `fullEveryMs` (the page says when the whole chain was last checked; `verifyChain` and `npm run admin` always
 * check it all). The database refuses UPDATE and DELETE on the trail in any case.
 */
export async function checkChain(db: DbOrTx, now: number, fullEveryMs = 10 * 60_000): Promise<ChainCheck & { fullAt: number }> {
  const known = checkpoints.get(db);
  const incremental = known !== undefined && now - known.fullAt < fullEveryMs && now >= known.fullAt && (await repo.hashOf(db, known.afterId)) === known.prev;
  const start = incremental ? known : GENESIS;
  const fullAt = incremental ? known.fullAt : now;
  const result = await walk(db, start);
  if (result.ok) {
    checkpoints.set(db, { afterId: result.lastId, prev: result.lastHash, rows: result.rows, fullAt });
    return { ok: true, rows: result.rows, fullAt };
  }
  checkpoints.delete(db);
  return { ok: false, rows: result.rows, brokenId: result.brokenId, reason: result.reason, fullAt };
}
