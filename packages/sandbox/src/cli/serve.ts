import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { DOCUMENTED_CALLS, DOCUMENTED_CHATS } from '../dataset/documented.ts';
import { type Sandbox, startSandbox } from '../sandbox.ts';
import { SLACK_EMULATOR_DEFAULTS } from '../slack/server.ts';
import { type ChannelWish, channelList, channelsToCreate, routesChannels } from './channels.ts';
import { untilStopped } from './lifecycle.ts';
import { CliFailure, type CliIo, type CommandSpec, parseCommand } from './options.ts';
import {
  envText,
  SANDBOX_PUSH_CREDENTIALS,
  type SettingsGroup,
  settingsGroups,
  WEBHOOK_PUSH_URL,
} from './settings.ts';
import { DAY_OPTIONS, dayEntries, httpUrl, isoDay, port } from './values.ts';

const USAGE = `Usage: pnpm sandbox [serve] [options]

Starts local emulators of Tencent CCC, Desk and Slack on 127.0.0.1, and prints the webhook's and the bot's
settings as NAME=value lines (the apps' own variable names), ready to save as env files.

Options:
  --seed N            dataset seed (default 1); push --seed N sends the same day
  --calls N           finished calls (default 40)
  --chats N           finished chats (default 12; 4 live chats are added)
  --day YYYY-MM-DD    the day the calls and chats happen, UTC (default yesterday)
  --ccc-port P        CCC API port (default 4010; 0 = any free port)
  --desk-port P       Desk API port (default 4011)
  --slack-port P      Slack emulator port (default 4012)
  --channels LIST     more Slack channels, comma-separated: calls,#support or support=C0123ABCD
  --routes FILE       create every #channel a webhook routes file names (rules[].channel)
  --env-dir DIR       also write the settings to DIR/webhook.env and DIR/slack-bot.env
  --push-url URL      where the CDR of a call placed through CreateCallOutSession is pushed, 2 s after
                      the call (default ${WEBHOOK_PUSH_URL}, with the webhook's printed Basic credentials)
  -h, --help          this help

The day also has 3 calls and 1 chat with the SessionIds of Tencent's documented samples
(apps/webhook/samples), so /ccc call works on them. Stop with Ctrl-C or SIGTERM.`;

const spec = {
  usage: USAGE,
  options: {
    ...DAY_OPTIONS,
    'ccc-port': { type: 'string' },
    'desk-port': { type: 'string' },
    'slack-port': { type: 'string' },
    channels: { type: 'string' },
    routes: { type: 'string' },
    'env-dir': { type: 'string' },
    'push-url': { type: 'string' },
  },
  schema: v.object({
    ...dayEntries,
    'ccc-port': port('ccc-port', 4010),
    'desk-port': port('desk-port', 4011),
    'slack-port': port('slack-port', 4012),
    channels: channelList,
    routes: v.optional(v.pipe(v.string(), v.nonEmpty('--routes takes a file'))),
    'env-dir': v.optional(v.pipe(v.string(), v.nonEmpty('--env-dir takes a folder'))),
    'push-url': httpUrl('push-url', WEBHOOK_PUSH_URL),
  }),
} satisfies CommandSpec<v.GenericSchema>;

/** `serve`'s usage text. */
export const SERVE_USAGE: string = USAGE;

type ServeArgs = v.InferOutput<typeof spec.schema>;

async function start(args: ServeArgs, channels: readonly ChannelWish[]): Promise<Sandbox> {
  try {
    return await startSandbox({
      seed: args.seed,
      calls: args.calls,
      chats: args.chats,
      start: args.day,
      documentedSessions: true,
      ports: { ccc: args['ccc-port'], desk: args['desk-port'], slack: args['slack-port'] },
      slack: { channels: [...SLACK_EMULATOR_DEFAULTS.channels, ...channels] },
    });
  } catch (error) {
    const { code, port: taken } = error as { code?: string; port?: number };
    if (code === 'EADDRINUSE')
      throw new CliFailure(
        `The sandbox could not start: port ${taken} is in use (another sandbox?). Stop it, or pick other ports (--ccc-port, --desk-port, --slack-port; 0 = any free port).`,
      );
    throw new CliFailure(`The sandbox could not start: ${(error as Error).message}`);
  }
}

/** The pusher's retries of a call-out CDR (Tencent's documented maximum). */
const CALL_OUT_PUSH_RETRIES = 3;

/**
 * Sends the CDR of every call an app places through CreateCallOutSession to the webhook, with the Basic
 * credentials the printed webhook settings hold; a CDR given up on is told on stderr.
 */
function pushCallOutsTo(sandbox: Sandbox, url: string, io: CliIo): void {
  sandbox.attachPushTarget({
    url,
    auth: { basic: { ...SANDBOX_PUSH_CREDENTIALS } },
    maxRetries: CALL_OUT_PUSH_RETRIES,
    onAttempt: ({ attempt, failure, pushId }) => {
      if (failure && attempt > CALL_OUT_PUSH_RETRIES)
        io.stderr.write(`Call-out CDR push ${pushId} to ${url} not delivered: ${failure.message}\n`);
    },
  });
}

/** A settings group, and the file `--env-dir` wrote it to. */
type Printed = { readonly group: SettingsGroup; readonly written: string | undefined };

function readyText(sandbox: Sandbox, args: ServeArgs, groups: readonly Printed[]): string {
  const { calls, chats } = sandbox.dataset;
  const live = chats.filter((chat) => chat.state.CurrentState).length;
  const finished = chats.length - live - DOCUMENTED_CHATS.length;
  const channels = sandbox.slack.channels().map((c) => `#${c.name}`);
  return `ccc-kit sandbox is running: seed ${args.seed}, ${isoDay(args.day)} (UTC), ${calls.length - DOCUMENTED_CALLS.length} calls and ${finished} chats (and ${live} live ones), plus ${DOCUMENTED_CALLS.length} calls and ${DOCUMENTED_CHATS.length} chat with the SessionIds of Tencent's documented samples

  Tencent CCC API   ${sandbox.cccUrl}
  Tencent Desk API  ${sandbox.deskUrl}
  Slack Web API     ${sandbox.slackApiUrl}
  Slack web view    ${sandbox.slackWebUrl}
  Slack channels    ${channels.join(', ')}
  Call-out CDRs to  ${args['push-url']}

${groups.map(({ group, written }) => envText(group, written)).join('\n')}
Then: pnpm sandbox push (a day of pushes to the webhook), pnpm sandbox slash "/ccc help" (to the bot).
These are sandbox-only credentials. Ctrl-C or SIGTERM stops the sandbox.
`;
}

/** Writes each group to `dir` (with `--env-dir`), readable by its owner only: it holds secrets. */
function writeEnvFiles(dir: string | undefined, groups: readonly SettingsGroup[]): Printed[] {
  if (dir === undefined) return groups.map((group) => ({ group, written: undefined }));
  try {
    mkdirSync(dir, { recursive: true });
    return groups.map((group) => {
      const written = join(dir, group.file);
      writeFileSync(written, envText(group, written), { mode: 0o600 });
      return { group, written };
    });
  } catch (error) {
    throw new CliFailure(`--env-dir ${dir}: cannot write the env files (${(error as Error).message})`);
  }
}

/** `pnpm sandbox serve`: starts the emulators, prints the apps' settings, runs until stopped. */
export async function serve(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(spec, argv);
  if (parsed.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { args } = parsed;
  const routes = args.routes === undefined ? undefined : routesChannels(args.routes);
  const defaults = SLACK_EMULATOR_DEFAULTS.channels.map((c) => c.name);
  const { create, warnings } = channelsToCreate(args.channels, routes, defaults);
  const sandbox = await start(args, create);
  pushCallOutsTo(sandbox, args['push-url'], io);
  const routesFile = args.routes === undefined ? undefined : resolve(args.routes);
  const envDir = args['env-dir'] === undefined ? undefined : resolve(args['env-dir']);
  const groups = await Promise.resolve()
    .then(() => writeEnvFiles(envDir, settingsGroups({ sandbox, routesFile, envDir })))
    .catch(async (error: unknown) => {
      await sandbox.stop();
      throw error;
    });
  // Listening for signals before saying "ready": whoever reads that may stop the sandbox at once.
  const stopped = untilStopped(
    () => sandbox.stop(),
    (line) => io.stderr.write(`${line}\n`),
  );
  for (const warning of warnings) io.stderr.write(`Warning: ${warning}\n`);
  io.stdout.write(readyText(sandbox, args, groups));
  return stopped;
}
