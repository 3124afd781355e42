// Runs a test file on every engine: SQLite always, PostgreSQL when TEST_DATABASE_URL is set (fresh schema per suite).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { DatabaseHandle, Engine } from '../../src/db/connect.ts';
import { prepareDatabase } from '../../src/db/setup.ts';

export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fixed clock: Wednesday 2026-12-02 10:00 in Istanbul (07:00 UTC). Tests move it by assigning clock.now. */
export const FIXED_NOW = Date.UTC(2026, 11, 2, 7, 0, 0);

export interface TestClock {
  now: number;
}

export interface TestContext {
  engine: Engine;
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  clock: TestClock;
  /** Lines the app "printed once" (first admin password and the like). */
  announced: string[];
  /** PostgreSQL only: the suite's schema, so a test can open a second, independent handle on the same data. */
  pgSchema?: string | undefined;
}

export interface TestOptions {
  env?: Record<string, string>;
  seed?: boolean;
}

export async function createTestContext(engine: Engine, options: TestOptions = {}): Promise<TestContext & { dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rehab-test-'));
  let pgSchema: string | undefined;
  let databaseUrl = path.join(dataDir, 'test.sqlite');
  if (engine === 'postgres') {
    databaseUrl = process.env.TEST_DATABASE_URL!;
    pgSchema = `t_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`create schema ${pgSchema}`);
    await client.end();
  }
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-000',
    LOG_LEVEL: 'silent',
    BASE_URL: 'http://localhost:3000',
    HOUSEKEEPING_INTERVAL_MINUTES: '0',
    ...options.env,
  });
  const clock: TestClock = { now: FIXED_NOW };
  const dropSchema = async () => {
    if (!pgSchema) return;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists ${pgSchema} cascade`);
    await client.end();
  };
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  const announced: string[] = [];
  try {
    ({ handle } = await prepareDatabase(config, { now: clock.now, ...(pgSchema ? { pgSchema } : {}), seed: options.seed ?? true }));
    try {
      app = await buildApp({ config, database: handle, now: () => clock.now, announce: (text) => announced.push(text) });
      await app.ready();
    } catch (err) {
      await handle.close();
      throw err;
    }
  } catch (err) {
    // A failed start must not leave a schema behind for later runs to trip over.
    await dropSchema();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    engine,
    app,
    database: handle,
    config,
    clock,
    announced,
    pgSchema,
    async dispose() {
      await app.close();
      await handle.close().catch(() => undefined); // a test may have closed it on purpose
      await dropSchema();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** describe() once per engine with a fresh, seeded database and app shared by the block's tests. */
export function describeEachEngine(name: string, body: (ctx: () => TestContext, engine: Engine) => void, options: TestOptions = {}): void {
  for (const engine of engines) {
    describe(`${name} [${engine}]`, () => {
      let context: Awaited<ReturnType<typeof createTestContext>> | undefined;
      beforeAll(async () => {
        context = await createTestContext(engine, options);
      });
      afterAll(async () => {
        await context?.dispose();
      });
      body(() => {
        if (!context) throw new Error('test context not ready');
        return context;
      }, engine);
    });
  }
}
