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

/** Recomputes the chain from the first row; names the first row whose content or link does not match. */
export async function verifyChain(db: DbOrTx): Promise<ChainCheck> {
  let prev = '0'.repeat(64);
  let count = 0;
  for await (const row of repo.allInOrder(db)) {
    count++;
    if (row.prev_hash !== prev) return { ok: false, rows: count, brokenId: row.id, reason: 'link to the previous row does not match' };
    const expected = rowHash(prev, row);
    if (row.hash !== expected) return { ok: false, rows: count, brokenId: row.id, reason: 'content was changed after it was written' };
    prev = row.hash;
  }
  const head = await repo.head(db);
  if (head !== prev) return { ok: false, rows: count, brokenId: -1, reason: 'rows were removed from the end of the chain' };
  return { ok: true, rows: count };
}
