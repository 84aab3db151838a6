import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SlackEmulator, startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { cdrTemplate, ID_MARKER } from './cdr.ts';
import { CDR_PUSH_PATH, PUSH_AUTHORIZATION } from './webhook.ts';

/** The drain's shape: 6 channels, 100 calls each, Slack's (and the relay's) 10 messages/s per channel. */
export const DRAIN = { channels: 6, perChannel: 100, rate: 10, deadlineMs: 60_000, concurrency: 20 } as const;
/** 600 messages at 10/s is 60 s of work; 6 channels in parallel make it 10 s. */
export const THEORETICAL_MS = (DRAIN.perChannel / DRAIN.rate) * 1_000;

export const channelId = (n: number): string => `C0DRAIN${n}`;
const callerPrefix = (n: number): string => `0086100${n}`;

/** The Slack emulator of a drain: each channel limited to 10 posts/s with its default burst of 3. */
export function drainSlack(): Promise<SlackEmulator> {
  // The emulator's default burst (3), like Slack's "short bursts allowed": with a burst of 1, timer jitter
  // of a few µs between two posts 100 ms apart already earns a 429, which real Slack does not do.
  return startSlackEmulator({
    ratePerChannel: DRAIN.rate,
    channels: Array.from({ length: DRAIN.channels }, (_, i) => ({
      id: channelId(i + 1),
      name: `drain-${i + 1}`,
    })),
  });
}

/** One rule per channel, on a caller prefix, so each channel gets exactly 100 of the 600 calls. */
export function writeRoutes(dir: string): string {
  const rules = Array.from({ length: DRAIN.channels }, (_, i) => ({
    name: `drain ${i + 1}`,
    match: { kind: 'cdr', callerPrefix: callerPrefix(i + 1) },
    channel: channelId(i + 1),
  }));
  const file = join(dir, 'routes.json');
  writeFileSync(file, JSON.stringify({ version: 1, rules }));
  return file;
}

/** `count` CDR bodies (600 by default), spread over the channels by caller prefix, ids unique to `runId`. */
export function pushBodies(runId: string, count: number = DRAIN.channels * DRAIN.perChannel): string[] {
  const template = cdrTemplate();
  return Array.from({ length: count }, (_, i) => {
    const n = (i % DRAIN.channels) + 1;
    return template
      .replace(ID_MARKER, `${runId}-${i}`)
      .replace('"0086400xxx6666"', `"${callerPrefix(n)}${String(i).padStart(6, '0')}"`);
  });
}

/** Sends every push (20 at a time, over `urls` in turn) and throws unless each was acked with ErrCode 0. */
export async function sendAll(
  urls: readonly string[],
  bodies: readonly string[],
  runId: string,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const i = next++;
      const res = await fetch(`${urls[i % urls.length]}${CDR_PUSH_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: PUSH_AUTHORIZATION,
          'x-tccc-push-uuid': `${runId}-p-${i}`,
        },
        body: bodies[i] as string,
      });
      const reply = (await res.json()) as { ErrCode?: number };
      if (reply.ErrCode !== 0) throw new Error(`push ${i} answered ${res.status} ${JSON.stringify(reply)}`);
    }
  };
  await Promise.all(Array.from({ length: DRAIN.concurrency }, worker));
}

/** Messages per channel now. */
export const perChannel = (slack: SlackEmulator): number[] =>
  Array.from({ length: DRAIN.channels }, (_, i) => slack.messages(channelId(i + 1)).length);

/** Waits until the channels hold `total` messages; returns the emulator time of the last accepted post. */
export async function drained(slack: SlackEmulator, startedAt: number, total: number): Promise<number> {
  while (Date.now() - startedAt < DRAIN.deadlineMs) {
    if (perChannel(slack).reduce((a, b) => a + b, 0) >= total) {
      const posts = slack.requests('chat.postMessage').filter((r) => r.ok === true);
      return Math.max(...posts.map((r) => r.at));
    }
    await sleep(20);
  }
  const errors = slack
    .requests()
    .filter((r) => r.ok !== true)
    .slice(-3)
    .map((r) => `${r.method} ${r.status} ${r.error ?? ''}`);
  throw new Error(
    `not drained after ${DRAIN.deadlineMs / 1000} s: messages per channel ${perChannel(slack).join('/')}, ` +
      `${slack.requests().length} Slack requests, last refusals: ${errors.join('; ') || 'none'}`,
  );
}
