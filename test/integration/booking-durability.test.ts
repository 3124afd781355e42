// A 201 means the booking survives kill -9: book under load against the real server, kill it, restart, check every one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'rehab-durability-'));
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startServer(port: number): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: base,
      DATA_DIR: dataDir,
      DATABASE_URL: path.join(dataDir, 'clinic.sqlite'),
      SESSION_SECRET: 'durability-test-secret-durability-test-secret',
      LOG_LEVEL: 'warn',
      BOOKING_MAX_PER_IP_PER_HOUR: '100000',
      BOOKING_MAX_PER_PHONE_PER_DAY: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { child, base, output: () => output };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function localDate(offsetDays: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(Date.now() + offsetDays * 86_400_000);
}

it('keeps every acknowledged booking after kill -9 and a restart (SQLite)', async () => {
  const port = await freePort();
  const first = await startServer(port);
  const res = await fetch(`${first.base}/api/v1/availability?service=free-examination&from=${localDate(0)}&to=${localDate(30)}`);
  expect(res.status).toBe(200);
  // Every other 15-minute start: 30-minute sessions at distinct, non-overlapping times (no request loses a race).
  const slots = ((await res.json()) as { slots: Array<{ start: string }> }).slots.map((s) => s.start).filter((_, i) => i % 2 === 0);
  expect(slots.length).toBeGreaterThan(100);

  const acknowledged: Array<{ id: number; token: string }> = [];
  let next = 0;
  let stop = false;
  const worker = async (w: number) => {
    while (!stop && next < slots.length) {
      const start = slots[next++]!;
      const n = String(1_000_000 + next).slice(-7);
      try {
        const answer = await fetch(`${first.base}/api/v1/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            service: 'free-examination',
            start,
            name: `Dayanıklılık ${w}-${next}`,
            phone: `0537 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`,
            locale: 'tr',
            consent: { kvkk: true, healthData: false },
          }),
        });
        if (answer.status === 201) {
          const body = (await answer.json()) as { id: number; manageUrl: string };
          acknowledged.push({ id: body.id, token: body.manageUrl.slice(body.manageUrl.lastIndexOf('/') + 1) });
        } else {
          throw new Error(`unexpected ${answer.status}: ${await answer.text()}`);
        }
      } catch (err) {
        if (stop) return; // the server died under us: this request was never acknowledged
        throw err;
      }
    }
  };
  const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w))).then(
    () => undefined,
    (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
  );
  // About 1.5 s of load (longer on a busy machine, until a fair number were acknowledged), then kill it mid-flight.
  const started = Date.now();
  while (Date.now() - started < 1_500 || (acknowledged.length < 20 && Date.now() - started < 10_000)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  stop = true;
  first.child.kill('SIGKILL');
  const failure = await load;
  if (failure) throw failure;
  await new Promise<void>((resolve) => (first.child.exitCode !== null || first.child.signalCode !== null ? resolve() : first.child.once('exit', () => resolve())));
  children.delete(first.child);
  expect(acknowledged.length, first.output()).toBeGreaterThanOrEqual(20);

  // Restart on the same database: every booking that was answered 201 is there.
  const second = await startServer(port);
  for (const { id, token } of acknowledged) {
    const manage = await fetch(`${second.base}/api/v1/bookings/manage/${token}`);
    expect(manage.status, `booking ${id}`).toBe(200);
    expect(((await manage.json()) as { id: number }).id).toBe(id);
  }
  second.child.kill('SIGTERM');
  await new Promise<void>((resolve) => (second.child.exitCode !== null ? resolve() : second.child.once('exit', () => resolve())));
  children.delete(second.child);

  const db = new SQLite(path.join(dataDir, 'clinic.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const ids = new Set((db.prepare('select id from appointments').all() as Array<{ id: number }>).map((r) => r.id));
    for (const { id } of acknowledged) expect(ids.has(id)).toBe(true);
    // Every stored appointment is whole: its cells are there too (nothing half-written).
    const orphans = db.prepare('select count(*) as n from appointments a where not exists (select 1 from occupancy o where o.appointment_id = a.id)').get() as { n: number };
    expect(orphans.n).toBe(0);
  } finally {
    db.close();
  }
}, 60_000);
