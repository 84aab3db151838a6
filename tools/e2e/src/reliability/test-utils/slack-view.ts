import type { SlackEmulator, SlackMessageRecord } from '@ccc-kit/sandbox/slack';
import type { OutboxEntry } from './store-reader.ts';

/** Every message of a channel: top-level posts and the replies of their threads. */
export function channelMessages(slack: SlackEmulator, channel: string): SlackMessageRecord[] {
  return slack.messages(channel).flatMap((m) => [m, ...slack.threads(channel, m.ts)]);
}

/** When Slack accepted a message, in ms (a Slack ts is seconds.microseconds). */
export const acceptedAt = (message: Pick<SlackMessageRecord, 'ts'>): number => Number(message.ts) * 1000;

/** How the messages Slack holds compare with the outbox: which rows arrived, and which posts no row owns. */
export interface DeliveryCheck<M = SlackMessageRecord> {
  /** Outbox rows marked sent whose message is in Slack. */
  readonly delivered: number;
  /** Outbox rows marked sent whose ts Slack does not have (must be 0). */
  readonly missing: readonly OutboxEntry[];
  /** Messages in Slack that no outbox row points to: second copies of a post (the duplicates). */
  readonly orphans: readonly M[];
}

/** Matches Slack's messages to the outbox by channel and ts. */
export function checkDeliveries<M extends Pick<SlackMessageRecord, 'channel' | 'ts'>>(
  messages: readonly M[],
  rows: readonly OutboxEntry[],
): DeliveryCheck<M> {
  const key = (channel: string, ts: string) => `${channel}/${ts}`;
  const inSlack = new Set(messages.map((m) => key(m.channel, m.ts)));
  // An update's ts is its post's: the message is counted once, by the post.
  const sent = rows.filter((r) => r.state === 'sent' && r.kind !== 'update');
  const owned = new Set(sent.map((r) => key(r.channel, r.slackTs ?? '')));
  return {
    delivered: sent.filter((r) => inSlack.has(key(r.channel, r.slackTs ?? ''))).length,
    missing: sent.filter((r) => !inSlack.has(key(r.channel, r.slackTs ?? ''))),
    orphans: messages.filter((m) => !owned.has(key(m.channel, m.ts))),
  };
}
