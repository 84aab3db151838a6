import { runLookup } from '../commands/run-lookup.ts';
import type { BotDeps, Invocation } from '../deps.ts';
import { requestFromShare } from '../share-value.ts';
import { type ActionInput, invalidButtonReply } from './action-input.ts';

/**
 * "Share to channel" under an ephemeral answer: repeats the same lookup and posts it in the channel
 * (through the response URL, so it works where the bot is not a member). Recording links are never part of
 * an answer, so sharing cannot leak one.
 */
export async function shareToChannel(deps: BotDeps, inv: Invocation, input: ActionInput): Promise<void> {
  const request = requestFromShare(input.blockId, input.value, Math.floor(deps.now() / 1000));
  if (!request) return inv.respond(invalidButtonReply());
  deps.logger.info({ lookup: request.kind, user: inv.userId, channel: inv.channelId }, 'share to channel');
  await runLookup(deps, inv, request, 'channel');
}
