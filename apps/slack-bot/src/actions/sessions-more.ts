import { decodeActionValue } from '@ccc-kit/slack-blocks';
import { runLookup } from '../commands/run-lookup.ts';
import type { BotDeps, Invocation } from '../deps.ts';
import { sessionsRequestOf } from '../share-value.ts';
import { type ActionInput, invalidButtonReply } from './action-input.ts';

/**
 * "More" under a session list: the next page replaces the ephemeral list. Under a list shared in the
 * channel, the next page goes to the clicker alone instead of changing the post for everyone.
 */
export async function sessionsMore(deps: BotDeps, inv: Invocation, input: ActionInput): Promise<void> {
  const decoded = decodeActionValue(input.value);
  const request = decoded.ok ? sessionsRequestOf(decoded.value, Math.floor(deps.now() / 1000)) : undefined;
  if (!request) return inv.respond(invalidButtonReply());
  await runLookup(deps, inv, request, 'ephemeral', { replaceOriginal: input.onEphemeral });
}
