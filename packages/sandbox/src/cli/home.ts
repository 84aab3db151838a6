import * as v from 'valibot';
import { answerLines } from './answer-text.ts';
import { type BotAnswer, postToBot } from './bot-request.ts';
import { type EmulatorClient, emulatorClient, type HomeState } from './emulator-client.ts';
import { EXCHANGE_OPTIONS, exchangeEntries, exchangeFallbacks } from './exchange.ts';
import { type CliIo, type CommandSpec, parseCommand } from './options.ts';
import { BOT_EVENTS_URL, SANDBOX_USER } from './settings.ts';

const USAGE = `Usage: pnpm sandbox home [options]

Opens a user's Home tab as Slack does: a signed Events API app_home_opened event (JSON, v0 signature of the
signing secret) to the bot, with the Home view it published for that user before, if any. Waits for the
bot to publish the tab with views.publish, prints it, and the web view page where it shows.

Options:
  --user U               whose Home tab, a user id (default ${SANDBOX_USER})
  --url URL              the bot's request URL (default ${BOT_EVENTS_URL})
  --slack-url URL        the sandbox's Slack emulator (default http://127.0.0.1:4012)
  --token T              its bot token (default SLACK_BOT_TOKEN, else the sandbox's)
  --signing-secret S     the secret to sign with (default SLACK_SIGNING_SECRET, else the sandbox's)
  --wait D               how long to wait for the bot to publish the tab (default 3s; 0: do not wait)
  --timeout D            how long the bot has to answer the event (default 3s, as Slack)
  -h, --help             this help

Example:
  pnpm sandbox home --user U0SANDBOXUSER`;

const { channel: _channel, ...options } = EXCHANGE_OPTIONS;
const { channel: _entry, ...entries } = exchangeEntries;
const spec = { usage: USAGE, options, schema: v.object(entries) } satisfies CommandSpec<v.GenericSchema>;

/** `home`'s usage text. */
export const HOME_USAGE: string = USAGE;

/** Polls the emulator until the bot published a newer Home view than `before`, or `waitMs` passed. */
async function waitForPublish(
  client: EmulatorClient,
  user: string,
  before: HomeState,
  waitMs: number,
): Promise<HomeState> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const now = await client.homeView(user);
    if (now.version > before.version || Date.now() >= deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function describeAnswer(answer: BotAnswer, timeoutMs: number): string {
  if (answer.status === 0)
    return `The bot did not answer within ${timeoutMs} ms (Slack would retry the event).`;
  const took = `in ${Math.round(answer.elapsedMs)} ms`;
  if (answer.status === 200) return `The bot answered HTTP 200 ${took}.`;
  const hint = answer.status === 401 ? ' Its SLACK_SIGNING_SECRET differs from --signing-secret?' : '';
  return `The bot answered HTTP ${answer.status} ${took}: ${answer.body.slice(0, 300) || '(no body)'}.${hint}`;
}

/** `pnpm sandbox home`: opens a user's Home tab, prints what the bot published there. */
export async function home(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(spec, argv, exchangeFallbacks(io.env));
  if (parsed.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { args } = parsed;
  const client = emulatorClient(args['slack-url'], args.token);
  const before = await client.homeView(args.user);
  const event = await client.openHome(args.user);
  io.stdout.write(`app_home_opened of ${args.user} → ${args.url}\n`);
  const answer = await postToBot(args.url, args['signing-secret'], event, args.timeout);
  io.stdout.write(`${describeAnswer(answer, args.timeout)}\n`);
  if (answer.status !== 200) return 1;
  if (args.wait > 0) {
    const after = await waitForPublish(client, args.user, before, args.wait);
    const lines = answerLines({ blocks: after.view?.blocks ?? [] }).map((line) => `  ${line}`);
    io.stdout.write(
      after.version > before.version
        ? `Home tab of ${args.user} (published ${after.version}×):\n${lines.join('\n')}\n`
        : `The bot published no Home view within ${args.wait} ms (a later one still shows in the web view).\n`,
    );
  }
  io.stdout.write(`See it in the web view: ${new URL(`/home/${args.user}`, args['slack-url'])}\n`);
  return 0;
}
