import * as v from 'valibot';
import { postToBot } from './bot-request.ts';
import { emulatorClient, type Message } from './emulator-client.ts';
import { EXCHANGE_OPTIONS, EXCHANGE_USAGE, exchangeEntries, exchangeFallbacks, report } from './exchange.ts';
import { CliFailure, type CliIo, type CommandSpec, parseCommand } from './options.ts';

const USAGE = `Usage: pnpm sandbox click [options]

Clicks a button of a message in the sandbox's Slack emulator as Slack does: a signed block_actions payload
to the bot, with a response_url made by the emulator, so the bot's answer shows in the web view.

Options:
  --action ID            the button's action_id (default ccc_call_details; also ccc_call_recording,
                         ccc_voicemail, ccc_sessions_more, ccc_share_to_channel)
  --message TS           the message's ts (default: the newest message of --channel with that button)
${EXCHANGE_USAGE}
  -h, --help             this help

Example:
  pnpm sandbox click --channel '#calls' --action ccc_call_details`;

const spec = {
  usage: USAGE,
  options: { ...EXCHANGE_OPTIONS, action: { type: 'string' }, message: { type: 'string' } },
  schema: v.object({
    ...exchangeEntries,
    action: v.optional(
      v.pipe(v.string(), v.regex(/^[\w.-]{1,255}$/, '--action is an action_id like ccc_call_details')),
      'ccc_call_details',
    ),
    message: v.optional(
      v.pipe(v.string(), v.regex(/^\d{1,12}\.\d{1,6}$/, '--message is a message ts like 1700000000.000100')),
    ),
  }),
} satisfies CommandSpec<v.GenericSchema>;

/** `click`'s usage text. */
export const CLICK_USAGE: string = USAGE;

type Json = Record<string, unknown>;
const objects = (value: unknown): Json[] =>
  Array.isArray(value) ? value.filter((item): item is Json => typeof item === 'object' && item !== null) : [];

/** The button `actionId` of a message (in an actions block, or a section's accessory) with its block_id. */
function findButton(message: Message, actionId: string): { button: Json; blockId: unknown } | undefined {
  for (const block of objects(message.blocks)) {
    const candidates = [...objects(block.elements), ...objects([block.accessory])];
    const button = candidates.find((element) => element.type === 'button' && element.action_id === actionId);
    if (button) return { button, blockId: block.block_id };
  }
  return undefined;
}

function pick(
  messages: readonly Message[],
  args: { action: string; message?: string | undefined; channel: string },
) {
  const candidates = args.message ? messages.filter((m) => m.ts === args.message) : messages;
  if (args.message && candidates.length === 0)
    throw new CliFailure(`${args.channel} has no message ${args.message} among its newest 200.`);
  for (const message of candidates) {
    const found = findButton(message, args.action);
    if (found) return { message, ...found };
  }
  throw new CliFailure(
    args.message
      ? `Message ${args.message} in ${args.channel} has no ${args.action} button.`
      : `No message in ${args.channel} has a ${args.action} button. Push some calls first (pnpm sandbox push), or pick another --channel or --action.`,
  );
}

/** `pnpm sandbox click`: a signed click on a message's button, its answer shown in the web view. */
export async function click(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommand(spec, argv, exchangeFallbacks(io.env));
  if (parsed.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { args } = parsed;
  const client = emulatorClient(args['slack-url'], args.token);
  const { message, button, blockId } = pick(await client.history(args.channel), args);
  const invocation = await client.createInvocation({
    kind: 'action',
    channel: args.channel,
    user: args.user,
    message_ts: message.ts,
  });
  const { channel, user, team } = invocation;
  io.stdout.write(`Click ${args.action} on ${message.ts} in #${channel.name} as ${user.id} → ${args.url}\n`);
  const payload = {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: team.id },
    api_app_id: invocation.api_app_id,
    token: 'sandbox-verification-token',
    container: { type: 'message', message_ts: message.ts, channel_id: channel.id, is_ephemeral: false },
    trigger_id: invocation.trigger_id,
    team,
    is_enterprise_install: false,
    channel,
    message,
    state: { values: {} },
    response_url: invocation.response_url,
    actions: [{ ...button, block_id: blockId, action_ts: (Date.now() / 1000).toFixed(6) }],
  };
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  const answer = await postToBot(args.url, args['signing-secret'], form, args.timeout);
  return report(io, client, { answer, invocation, args, immediate: [] });
}
