import * as v from 'valibot';
import { answerLines } from './answer-text.ts';
import { postToBot } from './bot-request.ts';
import { emulatorClient } from './emulator-client.ts';
import { EXCHANGE_OPTIONS, EXCHANGE_USAGE, exchangeEntries, exchangeFallbacks, report } from './exchange.ts';
import { type CliIo, type CommandSpec, parseCommand } from './options.ts';

const USAGE = `Usage: pnpm sandbox slash "/ccc <text>" [options]

Sends a slash command to the bot as Slack does: a signed form (v0 signature of the signing secret), with a
response_url and trigger_id made by the sandbox's Slack emulator, so the bot's answers show in its web view.
Prints the bot's HTTP status, its immediate answer and the answers it posts to the response_url.

Options:
${EXCHANGE_USAGE}
  -h, --help             this help

Examples:
  pnpm sandbox slash "/ccc help"
  pnpm sandbox slash "/ccc call 0cf5be1b-de75-4445-a0c4-8dff3fa4b68b" --channel '#support-missed'`;

const spec = {
  usage: USAGE,
  options: EXCHANGE_OPTIONS,
  positional: 'the command',
  schema: v.object({
    ...exchangeEntries,
    positionals: v.pipe(
      v.array(v.string()),
      v.transform((words) => words.join(' ').trim()),
      v.regex(/^\/[a-z0-9_-]+(\s|$)/, 'give the command with its slash and text, like "/ccc help"'),
    ),
  }),
} satisfies CommandSpec<v.GenericSchema>;

/** `slash`'s usage text. */
export const SLASH_USAGE: string = USAGE;

/** Slack's answer body when it is a message (`ack({ text })`), to show as Slack would. */
const messageOf = (json: unknown): Record<string, unknown> | undefined => {
  const body = json as { text?: unknown; blocks?: unknown } | undefined;
  return typeof body?.text === 'string' || Array.isArray(body?.blocks)
    ? (json as Record<string, unknown>)
    : undefined;
};

/** `pnpm sandbox slash "/ccc …"`: a signed slash command to the bot, its answers shown in the web view. */
export async function slash(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(spec, argv, exchangeFallbacks(io.env));
  if (parsed.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { args } = parsed;
  const [command = '', ...words] = args.positionals.split(/\s+/);
  const text = words.join(' ');
  const client = emulatorClient(args['slack-url'], args.token);
  const invocation = await client.createInvocation({
    kind: 'command',
    channel: args.channel,
    user: args.user,
  });
  io.stdout.write(
    `${command} ${text} → ${args.url} (in #${invocation.channel.name} as ${invocation.user.id})\n`,
  );
  const form = new URLSearchParams({
    token: 'sandbox-verification-token',
    team_id: invocation.team.id,
    team_domain: invocation.team.domain,
    channel_id: invocation.channel.id,
    channel_name: invocation.channel.name,
    user_id: invocation.user.id,
    user_name: invocation.user.name,
    command,
    text,
    api_app_id: invocation.api_app_id,
    is_enterprise_install: 'false',
    response_url: invocation.response_url,
    trigger_id: invocation.trigger_id,
  });
  const answer = await postToBot(args.url, args['signing-secret'], form, args.timeout);
  const message = answer.status === 200 ? messageOf(answer.json) : undefined;
  if (message) await client.showAnswer(invocation.response_url, message);
  return report(io, client, { answer, invocation, args, immediate: message ? answerLines(message) : [] });
}
