import type { CccClient } from '@ccc-kit/ccc-client';
import type { DeskClient } from '@ccc-kit/desk-client';
import type { Block, KnownBlock, WebClient } from '@slack/web-api';
import type { Access } from './access.ts';
import type { StatsReadCache } from './commands/stats-cache.ts';
import type { FollowUpClient } from './follow-up-client.ts';
import type { BotLogger } from './logger.ts';
import type { WebhookStatsClient } from './stats-client.ts';

/** Everything the command and action handlers use; built once by `createBotApp`. */
export interface BotDeps {
  /** CCC client, when call lookups are configured. */
  readonly ccc: CccClient | undefined;
  /** Desk client, when chat lookups are configured. */
  readonly desk: DeskClient | undefined;
  /** Web API client with the bot token (transcript uploads). */
  readonly slack: WebClient;
  readonly logger: BotLogger;
  /** Clock in Unix milliseconds. */
  readonly now: () => number;
  readonly access: Access;
  /** The webhook's follow-up API, when the follow-up buttons are configured (`WEBHOOK_URL`, `INTERNAL_TOKEN`). */
  readonly followUps: FollowUpClient | undefined;
  /** Slack user ID → CCC agent email, for people whose Slack email is not their agent account. */
  readonly agentMap?: ReadonlyMap<string, string> | undefined;
  /** The webhook's stats of its stored calls (`WEBHOOK_URL`, `INTERNAL_TOKEN`); Tencent's records otherwise. */
  readonly webhookStats?: WebhookStatsClient | undefined;
  /** `/ccc stats` reads of Tencent's records, kept for Share (see `stats-cache.ts`). */
  readonly statsReads?: StatsReadCache | undefined;
  /** Requests per second the CCC client makes per action (`CCC_RATE_PER_ACTION`), for time estimates. */
  readonly cccRatePerSecond?: number | undefined;
  /** IANA time zone of `/ccc stats` days (`DISPLAY_TIMEZONE`, default UTC). */
  readonly timeZone: string;
  /** The bot's name in the workspace, for "invite me" notes (from auth.test). */
  botName(): string;
}

/**
 * Who sees a lookup's answer: the requester only (with a Share button), or the whole channel (after Share).
 * Declared here, not next to `runLookup`, so the lookups name it without importing their own caller.
 */
export type Audience = 'ephemeral' | 'channel';

/** A message sent through a `response_url` (ephemeral unless `response_type: 'in_channel'`). */
export interface Reply {
  readonly text: string;
  readonly blocks?: readonly (KnownBlock | Block)[] | undefined;
  readonly response_type?: 'ephemeral' | 'in_channel';
  readonly replace_original?: boolean;
  readonly delete_original?: boolean;
  readonly unfurl_links?: boolean;
  readonly unfurl_media?: boolean;
}

/** One command run or button click, as the handlers see it (no Bolt types: testable without HTTP). */
export interface Invocation {
  readonly userId: string;
  /** Channel or DM it came from (absent for some interactions). */
  readonly channelId: string | undefined;
  /** Replies through the response_url; never throws (a refused reply is logged). */
  respond(reply: Reply): Promise<void>;
}
