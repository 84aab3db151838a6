import { decodeActionValue } from '@ccc-kit/slack-blocks';
import { runLookup } from '../commands/run-lookup.ts';
import type { BotDeps, Invocation } from '../deps.ts';
import { notConfiguredReply } from '../replies.ts';
import { callsRequestOf } from '../share-value.ts';
import { type ActionInput, invalidButtonReply } from './action-input.ts';

/**
 * "More" under a call list: the next page replaces the ephemeral list; under a list shared in the channel,
 * it goes to the clicker alone instead of changing the post for everyone.
 */
export async function callsMore(deps: BotDeps, inv: Invocation, input: ActionInput): Promise<void> {
  const decoded = decodeActionValue(input.value);
  const request = decoded.ok ? callsRequestOf(decoded.value, Math.floor(deps.now() / 1000)) : undefined;
  if (!request) return inv.respond(invalidButtonReply());
  if (!deps.ccc) return inv.respond(notConfiguredReply('call'));
  await runLookup(deps, inv, request, 'ephemeral', { replaceOriginal: input.onEphemeral });
}
