import { setTimeout as sleep } from 'node:timers/promises';
import type { SlackEmulator } from '@ccc-kit/sandbox/slack';
import { WebClient } from '@slack/web-api';
import { channelId, pushBodies, sendAll } from '../harness/drain.ts';
import type { Metric } from '../harness/types.ts';
import type { WebhookService } from '../harness/webhook.ts';

/** Times one conversations.history page as the relay asks for it (200 messages with metadata), median of 5. */
async function lookupMs(slack: SlackEmulator): Promise<number> {
  const client = new WebClient(slack.token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await client.conversations.history({ channel: channelId(1), include_all_metadata: true, limit: 200 });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2] ?? Number.NaN;
}

/**
 * After a drain of `total` messages: one more post whose answer is lost (Slack posted it, the connection
 * reset). Counts the history calls that settle it, the time from the lost answer to the lookup (the retry
 * backoff plus the 2 × SLACK_TIMEOUT settle), and checks it was not posted twice.
 */
export async function measureInDoubt(slack: SlackEmulator, webhook: WebhookService, total: number) {
  const historyBefore = slack.requests('conversations.history').length;
  slack.faults.inject('chat.postMessage', { kind: 'accepted-lost', mode: 'reset' });
  const runId = `doubt-${Date.now()}`;
  await sendAll([webhook.url], pushBodies(runId, 1), runId);
  const deadline = Date.now() + 30_000;
  while (slack.requests('conversations.history').length === historyBefore && Date.now() < deadline)
    await sleep(20);
  await sleep(1_000); // the relay records the found post; nothing may be posted after it
  const lost = slack.requests('chat.postMessage').find((r) => r.fault === 'accepted-lost');
  const lookups = slack.requests('conversations.history').slice(historyBefore);
  const messages = slack.messages(channelId(1)).length;
  const duplicates = slack.requests('chat.postMessage').filter((r) => r.ok).length - (total + 1);
  const waitedMs = (lookups[0]?.at ?? Number.NaN) - (lost?.at ?? Number.NaN);
  const pageMs = await lookupMs(slack);
  const metrics: Metric[] = [
    {
      name: 'Slack history calls to settle a post whose answer was lost',
      unit: 'calls',
      product: lookups.length,
      target: { on: 'product', op: '<=', value: 1 },
      note: `looked up ${Math.round(waitedMs)} ms after the lost answer (backoff + 2 × SLACK_TIMEOUT of 1 s); duplicates ${duplicates}`,
    },
    {
      name: 'one history lookup (a page of up to 200 messages with metadata, median of 5)',
      unit: 'ms',
      product: pageMs,
      note: `channel of ${messages} messages`,
    },
  ];
  return { metrics, lookups: lookups.length, waitedMs, pageMs, duplicates };
}
