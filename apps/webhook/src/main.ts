import { pino } from 'pino';
import { startWebhook } from './app.ts';
import { configFromEnv } from './config.ts';
import { loadEnv } from './env.ts';
import { isWebhookError } from './errors.ts';

const loaded = loadEnv();
if (!loaded.ok) {
  process.stderr.write(
    `The webhook cannot start; fix these settings:\n  - ${loaded.problems.join('\n  - ')}\n`,
  );
  process.exit(1);
}
const { env } = loaded;
const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: 'ccc-webhook' },
  redact: ['req.headers.authorization'],
});
if (env.pushAuth.mode === 'none') {
  logger.warn(
    'PUSH_AUTH=none: pushes are accepted without authentication. Use Basic auth or a token in production.',
  );
}

try {
  const webhook = await startWebhook(configFromEnv(env, logger), { logger });
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down: finishing in-flight pushes and releasing claims');
    // A backstop beyond SHUTDOWN_TIMEOUT (stop() keeps to it; a hung socket close must not keep us alive).
    setTimeout(() => {
      logger.error(`shutdown took longer than SHUTDOWN_TIMEOUT (${env.SHUTDOWN_TIMEOUT} ms); exiting`);
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT + 2_000).unref();
    webhook.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  const message = isWebhookError(error) ? error.message : (error as Error).message;
  logger.fatal(`The webhook cannot start: ${message}`);
  process.exit(1);
}
