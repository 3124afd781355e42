// Entry point: config → database (migrated, seeded on first start) → app → listen; graceful shutdown.
import 'dotenv/config';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseStartError } from './db/connect.ts';
import { prepareDatabase } from './db/setup.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const { handle, applied, seeded } = await prepareDatabase(config, { now: Date.now(), backgroundCheckpoints: true });
  const app = await buildApp({ config, database: handle });
  if (applied.length) app.log.info({ migrations: applied }, 'database migrated');
  if (seeded) app.log.info('demo clinic seeded');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app
      .close()
      .then(() => handle.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.services.notifications.start(); // the outbox worker; stopped by app.close()
  app.log.info(`Rehab Center is serving ${config.baseUrl} (database: ${handle.engine})`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseStartError) {
    console.error(`Configuration error — ${err.message}`);
  } else {
    console.error('Rehab Center could not start:', err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
