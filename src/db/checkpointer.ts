// WAL checkpoints on a thread of their own, so that they do not stall the event loop.
//
// In WAL mode SQLite appends every commit to the -wal file and copies the pages back into the database file in a
// "checkpoint". By default the connection that commits runs one whenever the WAL has grown past 1,000 pages: inside
// that COMMIT, on our one event loop, with two fsyncs and a few megabytes of random writes — 5 to 25 ms during which no
// request is served (measured under booking load: about one commit in eight). Here a worker thread with its own
// connection runs PASSIVE checkpoints every `intervalMs`: they copy what has been committed without taking the write
// lock, so commits go on meanwhile. The main connection keeps SQLite's automatic checkpoint as the safety net (and to
// restart the WAL from its beginning); it then finds the pages already copied and has little left to do.
//
// The worker is plain JavaScript given as a string (`eval`), so that it runs the same under node, tsx and vitest,
// without a TypeScript loader in the thread.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
// Never wait: a checkpoint that finds the checkpoint lock taken (the main connection's automatic one) skips a turn.
db.pragma('busy_timeout = 0');
const stats = { runs: 0, framesCopied: 0, errors: 0, lastError: '' };
const timer = setInterval(() => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    stats.runs++;
    // PASSIVE reports the WAL's frames and how many of them are in the database file now (-1 when not in WAL mode).
    if (result && result.checkpointed > 0) stats.framesCopied += result.checkpointed;
  } catch (err) {
    stats.errors++;
    stats.lastError = String(err && err.message);
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stats') parentPort.postMessage({ stats });
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

export interface CheckpointerStats {
  runs: number;
  /** Sum of the WAL frames found copied after each run (a frame copied once counts again until the WAL restarts). */
  framesCopied: number;
  errors: number;
  lastError: string;
}

export interface Checkpointer {
  /** What the thread has done so far (diagnostics, tests). */
  stats(): Promise<CheckpointerStats>;
  /** Ends the thread and closes its connection; call before closing the main connection. */
  stop(): Promise<void>;
}

/** Starts the checkpoint thread for a SQLite database file already in WAL mode. */
export function startCheckpointer(file: string, options: { intervalMs?: number } = {}): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file: path.resolve(file), driver: require.resolve('better-sqlite3'), intervalMs: options.intervalMs ?? 100 },
    // No loader flags in the thread: its code is plain JavaScript (and tsx in a thread costs start-up time for nothing).
    execArgv: [],
  });
  // The thread must not keep the process alive, and a failure in it must not take the server down: without it the
  // main connection's automatic checkpoints do the work, as before.
  worker.unref();
  worker.on('error', () => undefined);
  let exited = false;
  worker.once('exit', () => (exited = true));
  let stopped: Promise<void> | undefined;
  return {
    stats() {
      return new Promise<CheckpointerStats>((resolve, reject) => {
        if (exited) return reject(new Error('the checkpoint thread has stopped'));
        const onExit = () => reject(new Error('the checkpoint thread has stopped'));
        const onMessage = (message: { stats?: CheckpointerStats }) => {
          if (!message.stats) return;
          worker.off('message', onMessage);
          worker.off('exit', onExit);
          resolve(message.stats);
        };
        worker.on('message', onMessage);
        worker.once('exit', onExit);
        worker.postMessage('stats');
      });
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (exited) return resolve();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
        // A thread stuck in a long checkpoint: do not wait for ever.
        setTimeout(() => void worker.terminate(), 5_000).unref();
      });
      return stopped;
    },
  };
}
