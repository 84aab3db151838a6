import { decodeActionValue } from '@ccc-kit/slack-blocks';
import { runLookup } from '../commands/run-lookup.ts';
import type { BotDeps, Invocation } from '../deps.ts';
import { missedRequestOf } from '../share-value.ts';
import { type ActionInput, invalidButtonReply } from './action-input.ts';

/** "More" under the waiting missed calls: the next page, replacing the ephemeral list (the clicker's own). */
export async function missedMore(deps: BotDeps, inv: Invocation, input: ActionInput): Promise<void> {
  const decoded = decodeActionValue(input.value);
  const request = decoded.ok ? missedRequestOf(decoded.value) : undefined;
  if (!request) return inv.respond(invalidButtonReply());
  await runLookup(deps, inv, request, 'ephemeral', { replaceOriginal: input.onEphemeral });
}
