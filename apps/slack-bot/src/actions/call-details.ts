import { decodeActionValue } from '@ccc-kit/slack-blocks';
import { runLookup } from '../commands/run-lookup.ts';
import { RETENTION_EXPIRED, retainedWindow } from '../commands/window.ts';
import type { BotDeps, Invocation } from '../deps.ts';
import { ephemeral, notConfiguredReply } from '../replies.ts';
import { type ActionInput, invalidButtonReply } from './action-input.ts';

/** "Call details" on a webhook post: the call's detail as an ephemeral message to the clicker. */
export async function callDetails(deps: BotDeps, inv: Invocation, input: ActionInput): Promise<void> {
  const decoded = decodeActionValue(input.value);
  if (!decoded.ok || !('sessionId' in decoded.value)) return inv.respond(invalidButtonReply());
  if (!deps.ccc) return inv.respond(notConfiguredReply('call'));
  const { sessionId, start, end } = decoded.value;
  const window = retainedWindow(start, end, deps.now());
  if (!window) return inv.respond(ephemeral(RETENTION_EXPIRED));
  await runLookup(deps, inv, { kind: 'call', sessionId, window }, 'ephemeral');
}
