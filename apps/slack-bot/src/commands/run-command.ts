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
 * Handles `/ccc <text>` once Slack has its (empty) ack: every answer goes through the response URL. A
 * command that needs no backend (help, usage problems, refusals, "not configured") gets its answer alone;
 * a lookup gets a "Looking up…" note, then the answer as a second message below it.
 *
 * @example
 * await ack();
 * await runCommand(deps, { text: 'help', userId, channelId }, respond);
 */
export async function runCommand(
  deps: BotDeps,
  input: CommandInput,
  respond: Invocation['respond'],
): Promise<void> {
  const refusal = deps.access.refusal(input.userId, input.channelId);
  if (refusal) return respond(ephemeral(refusal));
  const command = parseCommand(input.text);
  const configured = { ccc: Boolean(deps.ccc), desk: Boolean(deps.desk), webhook: Boolean(deps.followUps) };
  const plan = planCommand(command, configured, deps.now(), deps.timeZone);
  if ('reply' in plan) return respond(plan.reply);
  // The note is not awaited, so the lookup's own requests start at once; the answer waits for it, so the
  // user never sees the answer above its note (`respond` never throws: a refused note is only logged).
  const noted = respond(lookingUpReply(plan.what));
  deps.logger.info({ subcommand: command.kind, user: input.userId, channel: input.channelId }, 'command');
  const afterNote = async (reply: Reply): Promise<void> => {
    await noted;
    await respond(reply);
  };
  await runLookup(
    deps,
    { userId: input.userId, channelId: input.channelId, respond: afterNote },
    plan.request,
    'ephemeral',
  );
}
