import { join } from 'node:path';
import type { Sandbox } from '../sandbox.ts';

/**
 * The push credentials the sandbox suggests for the webhook (`PUSH_BASIC_USER`/`PUSH_BASIC_PASSWORD`), and
 * that `push` sends when it is given none: fake, sandbox-only values, so the printed settings work as pasted.
 */
export const SANDBOX_PUSH_CREDENTIALS = { user: 'sandbox', password: 'sandbox-push-password-0001' } as const;

/** The webhook's default port and push path (apps/webhook: `PORT`, `PUSH_PATH`). */
export const WEBHOOK_PUSH_URL = 'http://127.0.0.1:8080/push';
/** The bot's default port and Slack request path (apps/slack-bot: `PORT`, `POST /slack/events`). */
export const BOT_EVENTS_URL = 'http://127.0.0.1:3000/slack/events';
/** The user the Slack emulator's requests come from by default (`pnpm sandbox slash`, `click`). */
export const SANDBOX_USER = 'U0SANDBOXUSER';

/** One app's settings: a title, how to start it, and `NAME=value` pairs named as the app reads them. */
export interface SettingsGroup {
  /** The env file's suggested name. */
  readonly file: string;
  readonly title: string;
  /** The app's folder; its entry point `<app>/dist/main.mjs` is started with `node --env-file=<file>`. */
  readonly app: string;
  readonly lines: readonly (readonly [string, string])[];
}

/** What the settings depend on besides the sandbox: the routes file the webhook should use. */
export interface SettingsInput {
  readonly sandbox: Pick<Sandbox, 'cccUrl' | 'deskUrl' | 'slackApiUrl' | 'credentials'>;
  /** Absolute path of `--routes`, when given. */
  readonly routesFile: string | undefined;
  /**
   * Absolute path of `--env-dir`, when given: the webhook's SQLite database goes there too, so everything a
   * sandbox session writes stays in one folder (the webhook's default is `./data` of where it starts).
   */
  readonly envDir?: string | undefined;
}

/** Settings both apps share: the Slack emulator and the CCC emulator (env names of both apps). */
function shared({ sandbox }: SettingsInput): [string, string][] {
  const { ccc, slack } = sandbox.credentials;
  return [
    ['SLACK_API_URL', sandbox.slackApiUrl],
    ['SLACK_BOT_TOKEN', slack.token],
    ['TENCENTCLOUD_SECRET_ID', ccc.secretId],
    ['TENCENTCLOUD_SECRET_KEY', ccc.secretKey],
    ['CCC_SDK_APP_ID', String(ccc.sdkAppId)],
    ['CCC_ENDPOINT', sandbox.cccUrl],
  ];
}

/**
 * The webhook's and the bot's settings for this sandbox, under the env names the apps read
 * (apps/webhook/src/env-variables.ts, apps/slack-bot/src/env-variables.ts).
 */
export function settingsGroups(input: SettingsInput): SettingsGroup[] {
  const { desk, slack } = input.sandbox.credentials;
  const routes: [string, string] = input.routesFile
    ? ['ROUTES_FILE', input.routesFile]
    : ['SLACK_DEFAULT_CHANNEL', '#calls'];
  return [
    {
      file: 'webhook.env',
      title: 'Webhook (apps/webhook)',
      app: 'apps/webhook',
      lines: [
        ['PORT', '8080'],
        ['HOST', '127.0.0.1'],
        ['PUSH_BASIC_USER', SANDBOX_PUSH_CREDENTIALS.user],
        ['PUSH_BASIC_PASSWORD', SANDBOX_PUSH_CREDENTIALS.password],
        routes,
        ...(input.envDir
          ? [['DATABASE_URL', `sqlite:${join(input.envDir, 'webhook.db')}`] as [string, string]]
          : []),
        ...shared(input),
      ],
    },
    {
      file: 'slack-bot.env',
      title: 'Slack bot (apps/slack-bot)',
      app: 'apps/slack-bot',
      lines: [
        ['PORT', '3000'],
        ...shared(input),
        ['SLACK_SIGNING_SECRET', slack.signingSecret],
        ['DESK_SDK_APP_ID', String(desk.sdkAppId)],
        ['DESK_SECRET_KEY', desk.secretKey],
        ['DESK_ENDPOINT', input.sandbox.deskUrl],
        ['DESK_ADMIN_USER_ID', desk.adminUserId],
        // The emulator's default user (who `slash` and `click` act as) may get recording links.
        ['RECORDING_ALLOWED_USERS', SANDBOX_USER],
      ],
    },
  ];
}

/**
 * A group as env-file text: a `#` line that says how to use it (`written`: the file it was written to),
 * then one `NAME=value` line per setting.
 */
export function envText(group: SettingsGroup, written?: string): string {
  const how = written
    ? `written to ${written}; start: node --env-file=${written} ${group.app}/dist/main.mjs`
    : `save as ${group.file}, start: node --env-file=${group.file} ${group.app}/dist/main.mjs`;
  return `# ${group.title}: ${how}\n${group.lines.map(([name, value]) => `${name}=${value}`).join('\n')}\n`;
}
