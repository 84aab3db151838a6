import { USAGE } from './commands/parse.ts';
import type { Reply } from './deps.ts';

/** A plain ephemeral text reply. */
export const ephemeral = (text: string): Reply => ({ response_type: 'ephemeral', text });

/** `/ccc help`. */
export const usageReply = (): Reply => ephemeral(USAGE);

/** A one-line problem followed by the usage. */
export const problemReply = (problem: string): Reply => ephemeral(`${problem}\n\n${USAGE}`);

/** What each backend is called in "not configured" messages. */
export type Backend = 'call' | 'chat';

/** The answer of a subcommand whose backend has no credentials on this deployment. */
export const notConfiguredReply = (backend: Backend): Reply =>
  ephemeral(`The ${backend} lookup is not configured on this workspace.`);

/** The first message of a lookup, through the response_url (the answer follows as a second one). */
export const lookingUpReply = (what: string): Reply => ephemeral(`:mag: Looking up ${what}…`);

/** The answer when the bot has no `WEBHOOK_URL`/`INTERNAL_TOKEN`: follow-ups live in the webhook. */
export const FOLLOW_UPS_NOT_CONFIGURED =
  "Follow-ups are not configured on this bot: set WEBHOOK_URL and INTERNAL_TOKEN (the same as the webhook's) and restart it.";
