// The WAL checkpoint thread (src/db/checkpointer.ts): it copies committed pages into the database file while the main
// connection's own automatic checkpoints are off, it ends with the handle, and its failure leaves the database alone.
// SQLite only: PostgreSQL has no WAL file of ours to checkpoint.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/db/checkpointer.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rehab-checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Opens a fresh database file, turns the main connection's automatic checkpoints off and commits 40 transactions. */
async function writeWithoutAutoCheckpoints(name: string, backgroundCheckpoints: boolean): Promise<{ handle: DatabaseHandle; file: string; sizeBefore: number }> {
  const file = path.join(dir, `${name}.sqlite`);
  const handle = openDatabase({ engine: 'sqlite', file }, { backgroundCheckpoints });
  await sql`pragma wal_autocheckpoint = 0`.execute(handle.db);
  await sql`create table notes (id integer primary key, body text not null)`.execute(handle.db);
  const sizeBefore = statSync(file).size;
  for (let t = 0; t < 40; t++) {
    await handle.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 25; i++) await sql`insert into notes (body) values (${`note ${t}-${i} ` + 'x'.repeat(400)})`.execute(tx);
    });
  }
  return { handle, file, sizeBefore };
}

describe('WAL checkpoints on their own thread', () => {
  it('copies committed pages into the database file without the main connection checkpointing', async () => {
    const { handle, file, sizeBefore } = await writeWithoutAutoCheckpoints('with-thread', true);
    try {
      expect(handle.checkpointer).toBeDefined();
      // ~400 KB of rows: only a checkpoint moves them from the -wal file into the database file.
      await until('the database file to grow', async () => statSync(file).size > sizeBefore + 300_000);
      const stats = await handle.checkpointer!.stats();
      expect(stats.runs).toBeGreaterThan(0);
      expect(stats.framesCopied).toBeGreaterThan(0);
      expect(stats.errors).toBe(0);
      const count = await sql<{ n: number }>`select count(*) as n from notes`.execute(handle.db);
      expect(count.rows[0]!.n).toBe(1000);
    } finally {
      await handle.close();
    }
  });

  it('the same writes without the thread stay in the -wal file (the control for the test above)', async () => {
    const { handle, file, sizeBefore } = await writeWithoutAutoCheckpoints('without-thread', false);
    try {
      expect(handle.checkpointer).toBeUndefined();
      await new Promise((r) => setTimeout(r, 400)); // several of the thread's intervals
      expect(statSync(file).size).toBe(sizeBefore);
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(300_000);
    } finally {
      await handle.close();
    }
  });

  it('ends with the handle: after close() the thread answers no more', async () => {
    const file = path.join(dir, 'closing.sqlite');
    const handle = openDatabase({ engine: 'sqlite', file }, { backgroundCheckpoints: true });
    await sql`create table t (x integer)`.execute(handle.db);
    const checkpointer = handle.checkpointer!;
    await until('the first checkpoint', async () => (await checkpointer.stats()).runs > 0);
    await handle.close();
    await expect(checkpointer.stats()).rejects.toThrow(/stopped/);
    await checkpointer.stop(); // twice is harmless
  });

  it('a thread that cannot open its database fails alone: stop() still returns, stats() says it stopped', async () => {
    const checkpointer = startCheckpointer(path.join(dir, 'no-such-folder', 'missing.sqlite'), { intervalMs: 10 });
    await until('the thread to fail', async () => checkpointer.stats().then(() => false, () => true));
    await checkpointer.stop();
  });
});
