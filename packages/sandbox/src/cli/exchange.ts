import * as v from 'valibot';
import { SLACK_EMULATOR_DEFAULTS } from '../slack/server.ts';
import { answerLines } from './answer-text.ts';
import type { BotAnswer } from './bot-request.ts';
import type { EmulatorClient, Invocation, Reply } from './emulator-client.ts';
import type { CliIo, OptionSpec } from './options.ts';
import { BOT_EVENTS_URL, SANDBOX_USER } from './settings.ts';
import { duration, httpUrl, type OptionSchema } from './values.ts';

/** The options `slash` and `click` share: where the bot and the emulator are, and who acts where. */
export const EXCHANGE_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  url: { type: 'string' },
  'slack-url': { type: 'string' },
  token: { type: 'string' },
  'signing-secret': { type: 'string' },
  channel: { type: 'string' },
  user: { type: 'string' },
  wait: { type: 'string' },
  timeout: { type: 'string' },
};

const text = (name: string, fallback: string): OptionSchema<string> =>
  v.optional(v.pipe(v.string(), v.nonEmpty(`--${name} must not be empty`)), fallback);

/** The settings the shared options give. */
export interface ExchangeArgs {
  readonly url: string;
  readonly 'slack-url': string;
  readonly token: string;
  readonly 'signing-secret': string;
  readonly channel: string;
  readonly user: string;
  readonly wait: number;
  readonly timeout: number;
}

/** Schema entries of {@link EXCHANGE_OPTIONS}. */
export const exchangeEntries: { readonly [K in keyof ExchangeArgs]: OptionSchema<ExchangeArgs[K]> } = {
  url: httpUrl('url', BOT_EVENTS_URL),
  'slack-url': httpUrl('slack-url', 'http://127.0.0.1:4012'),
  token: text('token', SLACK_EMULATOR_DEFAULTS.token),
  'signing-secret': text('signing-secret', SLACK_EMULATOR_DEFAULTS.signingSecret),
  channel: text('channel', '#calls'),
  user: v.optional(
    v.pipe(v.string(), v.regex(/^[UW][A-Z0-9]{2,}$/, '--user is a Slack user id like U0SANDBOXUSER')),
    SANDBOX_USER,
  ),
  wait: duration('wait', '3s'),
  timeout: duration('timeout', '3s'),
};

/** The usage lines of {@link EXCHANGE_OPTIONS}. */
export const EXCHANGE_USAGE: string = `  --url URL              the bot's request URL (default ${BOT_EVENTS_URL})
  --slack-url URL        the sandbox's Slack emulator (default http://127.0.0.1:4012)
  --token T              its bot token (default SLACK_BOT_TOKEN, else the sandbox's)
  --signing-secret S     the secret to sign with (default SLACK_SIGNING_SECRET, else the sandbox's)
  --channel C            the channel, #name or id (default #calls)
  --user U               who acts, a user id (default ${SANDBOX_USER})
  --wait D               how long to wait for answers through the response_url (default 3s; 0: do not wait)
  --timeout D            how long the bot has to answer the request (default 3s, as Slack)`;

/** Environment values the shared options fall back to: the bot's own variable names. */
export const exchangeFallbacks = (env: CliIo['env']): Record<string, string | undefined> => ({
  token: env.SLACK_BOT_TOKEN,
  'signing-secret': env.SLACK_SIGNING_SECRET,
});

const indent = (lines: readonly string[]): string => lines.map((line) => `  ${line}`).join('\n');

/** Waits for the first reply (then a little more for the next ones), or until `waitMs`. */
async function waitForReplies(client: EmulatorClient, responseUrl: string, waitMs: number): Promise<Reply[]> {
  const deadline = Date.now() + waitMs;
  let settleUntil = Number.POSITIVE_INFINITY;
  for (;;) {
    const replies = await client.replies(responseUrl);
    if (replies.length > 0 && settleUntil === Number.POSITIVE_INFINITY) settleUntil = Date.now() + 300;
    if (Date.now() >= Math.min(deadline, settleUntil)) return replies;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function describeStatus(answer: BotAnswer, timeoutMs: number): string {
  if (answer.status === 0)
    return `The bot did not answer within ${timeoutMs} ms (Slack gives up then and shows an error).`;
  const took = `in ${Math.round(answer.elapsedMs)} ms`;
  if (answer.status === 200) return `The bot answered HTTP 200 ${took}.`;
  const hint = answer.status === 401 ? ' Its SLACK_SIGNING_SECRET differs from --signing-secret?' : '';
  return `The bot answered HTTP ${answer.status} ${took}: ${answer.body.slice(0, 300) || '(no body)'}.${hint}`;
}

/**
 * Prints what came of a command or click: the bot's HTTP status, its immediate answer, the answers it
 * posted to the response URL within `waitMs`, and the web view page where all of them show. Exit code 0
 * when the bot acknowledged (HTTP 200), else 1.
 */
export async function report(
  io: CliIo,
  client: EmulatorClient,
  exchange: { answer: BotAnswer; invocation: Invocation; args: ExchangeArgs; immediate: string[] },
): Promise<number> {
  const { answer, invocation, args } = exchange;
  io.stdout.write(`${describeStatus(answer, args.timeout)}\n`);
  if (answer.status !== 200) return 1;
  const where = `#${invocation.channel.name}`;
  if (exchange.immediate.length > 0)
    io.stdout.write(`Immediate answer (shown to you in ${where}):\n${indent(exchange.immediate)}\n`);
  if (args.wait > 0) {
    const replies = await waitForReplies(client, invocation.response_url, args.wait);
    const shown = replies.map((r) => [
      ...(r.status === 200 ? [] : [`(refused by Slack: ${r.error})`]),
      ...answerLines(r),
    ]);
    io.stdout.write(
      replies.length === 0
        ? `No answer through the response_url within ${args.wait} ms (a later one still shows in the web view).\n`
        : `Answers through the response_url:\n${shown.map(indent).join('\n  --\n')}\n`,
    );
  }
  io.stdout.write(
    `See them in the web view: ${new URL(`/channels/${invocation.channel.id}`, args['slack-url'])}\n`,
  );
  return 0;
}
