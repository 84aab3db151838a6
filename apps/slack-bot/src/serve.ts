import { createCccClient } from '@ccc-kit/ccc-client';
import { createDeskClient } from '@ccc-kit/desk-client';
import { createBotApp } from './app.ts';
import type { Env } from './env.ts';
import { createLogger, toClientLogger } from './logger.ts';

/**
 * Builds the clients and the Bolt app from a checked environment, starts listening, and stops on SIGINT or
 * SIGTERM. `main.ts` loads this module only once the arguments and the environment are known to be good.
 */
export async function serve(env: Env): Promise<void> {
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
}
