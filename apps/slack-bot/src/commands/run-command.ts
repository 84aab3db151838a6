import type { BotDeps, Invocation, Reply } from '../deps.ts';
import { ephemeral, lookingUpReply } from '../replies.ts';
import { parseCommand } from './parse.ts';
import { planCommand } from './plan.ts';
import { runLookup } from './run-lookup.ts';

/** A `/ccc` invocation without Bolt types. */
export interface CommandInput {
  readonly text: string;
  readonly userId: string;
  readonly channelId: string;
}

/**
 * Handles `/ccc <text>`: acknowledges at once (with the answer itself when no backend is needed, else with
 * a "Looking up…" note), then runs the lookup and answers through the response URL.
 *
 * @example
 * await runCommand(deps, { text: 'help', userId, channelId }, { ack, respond });
 */
export async function runCommand(
  deps: BotDeps,
  input: CommandInput,
  io: { ack(reply?: Reply): Promise<void>; respond: Invocation['respond'] },
): Promise<void> {
  const refusal = deps.access.refusal(input.userId, input.channelId);
  if (refusal) return io.ack(ephemeral(refusal));
  const command = parseCommand(input.text);
  const plan = planCommand(command, { ccc: Boolean(deps.ccc), desk: Boolean(deps.desk) }, deps.now());
  if ('reply' in plan) return io.ack(plan.reply);
  await io.ack(lookingUpReply(plan.what));
  deps.logger.info({ subcommand: command.kind, user: input.userId, channel: input.channelId }, 'command');
  await runLookup(
    deps,
    { userId: input.userId, channelId: input.channelId, respond: io.respond },
    plan.request,
    'ephemeral',
  );
}
