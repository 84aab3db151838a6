import type { CccClient } from '@ccc-kit/ccc-client';
import type { DeskClient } from '@ccc-kit/desk-client';
import type { BotDeps } from '../deps.ts';
import { BotError, BotErrorCode } from '../errors.ts';

/** The CCC client, or a `slack_bot_not_configured` error naming the call lookup. */
export function needCcc(deps: BotDeps): CccClient {
  if (!deps.ccc)
    throw new BotError(BotErrorCode.NotConfigured, 'The call lookup is not configured on this workspace.');
  return deps.ccc;
}

/** The Desk client, or a `slack_bot_not_configured` error naming the chat lookup. */
export function needDesk(deps: BotDeps): DeskClient {
  if (!deps.desk)
    throw new BotError(BotErrorCode.NotConfigured, 'The chat lookup is not configured on this workspace.');
  return deps.desk;
}
