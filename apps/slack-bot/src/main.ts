import { createCccClient } from '@ccc-kit/ccc-client';
import { createDeskClient } from '@ccc-kit/desk-client';
import { createBotApp } from './app.ts';
import { formatEnvProblems, loadEnv } from './env.ts';
import { createLogger, toClientLogger } from './logger.ts';

// Composition root: the only place that reads the environment, builds clients and starts listening.

const USAGE = `Usage: node apps/slack-bot/dist/main.mjs   (or: node --env-file=apps/slack-bot/.env apps/slack-bot/dist/main.mjs)

Runs the Slack bot. It reads its settings from the environment only: every variable is in
apps/slack-bot/README.md (Environment), with a template in apps/slack-bot/.env.example.`;

// A service takes no arguments: --help explains where its settings come from, anything else is a mistake.
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (args.length > 0) {
  process.stderr.write(`The bot takes no arguments (got ${args.length}).\n\n${USAGE}\n`);
  process.exit(2);
}

const loaded = loadEnv();
if (!loaded.ok) {
  console.error(formatEnvProblems(loaded.problems));
  process.exit(1);
}
const { env } = loaded;
const logger = createLogger(env.LOG_LEVEL);

const ccc = env.ccc && createCccClient({ ...env.ccc, logger: toClientLogger(logger, 'ccc-client') });
const desk = env.desk && createDeskClient({ ...env.desk, logger: toClientLogger(logger, 'desk-client') });

const bot = createBotApp({
  slack: { token: env.SLACK_BOT_TOKEN, signingSecret: env.SLACK_SIGNING_SECRET, apiUrl: env.SLACK_API_URL },
  ccc,
  desk,
  recordingAllowedUsers: env.RECORDING_ALLOWED_USERS,
  followUps: env.followUps,
  followUpAllowedUsers: env.FOLLOW_UP_ALLOWED_USERS,
  homeAllowedUsers: env.HOME_ALLOWED_USERS,
  agentMap: env.CCC_AGENT_MAP,
  allowedChannels: env.ALLOWED_CHANNELS,
  allowedUsers: env.ALLOWED_USERS,
  logger,
  timeZone: env.DISPLAY_TIMEZONE,
  cccRatePerSecond: env.CCC_RATE_PER_ACTION,
  port: env.PORT,
});

try {
  await bot.start(env.PORT);
} catch (error) {
  logger.fatal(
    { err: { message: (error as Error).message, code: (error as { code?: unknown }).code } },
    'startup failed',
  );
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'stopping');
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
