import { pino } from 'pino';
import { checkConfig, configFromEnv } from './config.ts';
import { loadEnv, startDirectory } from './env.ts';
import { isWebhookError } from './errors.ts';

const USAGE = `Usage: node apps/webhook/dist/main.mjs   (or: node --env-file=<file> apps/webhook/dist/main.mjs)

Runs the webhook service. It reads its settings from the environment only: every variable, its default and
meaning is in apps/webhook/README.md (Environment). The operator commands (routes check, quarantine list,
replay-quarantine, replay-dead, backfill) are in the CLI: pnpm -s webhook --help.`;

// A service takes no arguments: --help explains where its settings come from, anything else is a mistake.
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (args.length > 0) {
  process.stderr.write(`The webhook takes no arguments (got ${args.length}).\n\n${USAGE}\n`);
  process.exit(2);
}

// Relative paths (ROUTES_FILE, DATABASE_URL=sqlite:./…) start where the operator started the service, as
// the CLI's do, so `replay-dead` and `backfill` run from the same directory open the same database.
const baseDir = startDirectory();
const checked = checkConfig(loadEnv(), baseDir);
if (!checked.ok) {
  process.stderr.write(
    `The webhook cannot start; fix these settings:\n  - ${checked.problems.join('\n  - ')}\n`,
  );
  process.exit(1);
}
const { env, routes } = checked;
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
  // Loaded only now: the store drivers, the relay and the chart renderer take about a second to load, and
  // `--help` or a configuration mistake must answer at once.
  const { startWebhook } = await import('./app.ts');
  const webhook = await startWebhook(configFromEnv(env, { logger, routes, baseDir }), { logger });
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
