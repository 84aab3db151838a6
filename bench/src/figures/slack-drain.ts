import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SlackEmulator, startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { cdrTemplate, ID_MARKER } from '../harness/cdr.ts';
import type { Figure, FigureContext, FigureOutcome } from '../harness/types.ts';
import { CDR_PUSH_PATH, PUSH_AUTHORIZATION, startWebhook, webhookScript } from '../harness/webhook.ts';

const CHANNELS = 6;
const PUSHES_PER_CHANNEL = 100;
const RATE_PER_CHANNEL = 10;
/** 600 messages at 10/s is 60 s of work; 6 channels in parallel make it 10 s. */
const THEORETICAL_MS = (PUSHES_PER_CHANNEL / RATE_PER_CHANNEL) * 1_000;
const DEADLINE_MS = 60_000;
const SEND_CONCURRENCY = 20;

const channelId = (n: number): string => `C0DRAIN${n}`;
const callerPrefix = (n: number): string => `0086100${n}`;

/** One rule per channel, on a caller prefix, so each channel gets exactly 100 of the 600 calls. */
function writeRoutes(dir: string): string {
  const rules = Array.from({ length: CHANNELS }, (_, i) => ({
    name: `drain ${i + 1}`,
    match: { kind: 'cdr', callerPrefix: callerPrefix(i + 1) },
    channel: channelId(i + 1),
  }));
  const file = join(dir, 'routes.json');
  writeFileSync(file, JSON.stringify({ version: 1, rules }));
  return file;
}

function pushBodies(runId: string): string[] {
  const template = cdrTemplate();
  return Array.from({ length: CHANNELS * PUSHES_PER_CHANNEL }, (_, i) => {
    const n = (i % CHANNELS) + 1;
    return template
      .replace(ID_MARKER, `${runId}-${i}`)
      .replace('"0086400xxx6666"', `"${callerPrefix(n)}${String(i).padStart(6, '0')}"`);
  });
}

/** Sends every push (20 at a time) and throws unless each was acked with ErrCode 0. */
async function sendAll(url: string, bodies: readonly string[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const i = next++;
      const res = await fetch(`${url}${CDR_PUSH_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: PUSH_AUTHORIZATION,
          'x-tccc-push-uuid': `p-${i}`,
        },
        body: bodies[i] as string,
      });
      const reply = (await res.json()) as { ErrCode?: number };
      if (reply.ErrCode !== 0) throw new Error(`push ${i} answered ${res.status} ${JSON.stringify(reply)}`);
    }
  };
  await Promise.all(Array.from({ length: SEND_CONCURRENCY }, worker));
}

/** Waits until every channel holds its 100 messages; returns the emulator time of the last accepted post. */
async function drained(slack: SlackEmulator, startedAt: number): Promise<number> {
  const total = CHANNELS * PUSHES_PER_CHANNEL;
  while (Date.now() - startedAt < DEADLINE_MS) {
    let delivered = 0;
    for (let n = 1; n <= CHANNELS; n++) delivered += slack.messages(channelId(n)).length;
    if (delivered >= total) {
      const posts = slack.requests('chat.postMessage').filter((r) => r.ok === true);
      return Math.max(...posts.map((r) => r.at));
    }
    await sleep(20);
  }
  const perChannel = Array.from({ length: CHANNELS }, (_, i) => slack.messages(channelId(i + 1)).length);
  const errors = slack
    .requests()
    .filter((r) => r.ok !== true)
    .slice(-3)
    .map((r) => `${r.method} ${r.status} ${r.error ?? ''}`);
  throw new Error(
    `not drained after ${DEADLINE_MS / 1000} s: messages per channel ${perChannel.join('/')}, ` +
      `${slack.requests().length} Slack requests, last refusals: ${errors.join('; ') || 'none'}`,
  );
}

async function measureDrain(context: FigureContext, script: string, dir: string): Promise<FigureOutcome> {
  const slack = await startSlackEmulator({
    ratePerChannel: RATE_PER_CHANNEL,
    // The emulator's default burst (3), like Slack's "short bursts allowed": with a burst of 1, timer jitter
    // of a few µs between two posts 100 ms apart already earns a 429, which real Slack does not do.
    channels: Array.from({ length: CHANNELS }, (_, i) => ({ id: channelId(i + 1), name: `drain-${i + 1}` })),
  });
  try {
    const webhook = await startWebhook({
      script,
      slackApiUrl: slack.apiUrl,
      slackToken: slack.token,
      routesFile: writeRoutes(dir),
      ratePerChannel: RATE_PER_CHANNEL,
    });
    try {
      const bodies = pushBodies(`drain-${Date.now()}`);
      const startedAt = Date.now();
      await sendAll(webhook.url, bodies);
      const ackedMs = Date.now() - startedAt;
      const lastPost = await drained(slack, startedAt);
      const elapsedMs = lastPost - startedAt;
      const perChannel = Array.from({ length: CHANNELS }, (_, i) => slack.messages(channelId(i + 1)).length);
      const rateLimited = slack.rateLimitedCount();
      context.log(`600 pushes acked in ${ackedMs} ms; last message ${elapsedMs} ms after the first push`);
      context.log(`messages per channel: ${perChannel.join(', ')}; 429s: ${rateLimited}`);
      return {
        status: 'ok',
        metrics: [
          {
            name: 'time to deliver 600 messages to 6 channels at 10/s each',
            unit: 's',
            baseline: THEORETICAL_MS / 1_000,
            product: elapsedMs / 1_000,
            ratio: elapsedMs / THEORETICAL_MS,
            target: { on: 'ratio', op: '<=', value: 1.15 },
            note: `baseline = theoretical minimum; all 600 acked in ${(ackedMs / 1000).toFixed(2)} s`,
          },
          {
            name: 'HTTP 429s received from Slack',
            unit: 'responses',
            product: rateLimited,
            target: { on: 'product', op: '<=', value: 0 },
            note: `messages per channel ${perChannel.join('/')}`,
          },
        ],
        details: { ackedMs, elapsedMs, perChannel, rateLimited },
      };
    } finally {
      await webhook.stop();
    }
  } finally {
    await slack.stop();
  }
}

/** Figure 4: a 600-push backlog drained into 6 Slack channels limited to 10 messages/s each. */
export const slackDrain: Figure = {
  name: 'slack-drain',
  title: 'Slack drain: 600 pushes to 6 channels at 10 messages/s per channel',
  baselineLabel: 'theoretical minimum: 100 messages per channel ÷ 10/s = 10 s',
  productLabel: 'apps/webhook relay (SLACK_RATE_PER_CHANNEL=10) against the sandbox Slack emulator',
  async run(context) {
    const built = webhookScript(context.root);
    if ('missing' in built) return { status: 'skipped', reason: built.missing };
    const dir = mkdtempSync(join(tmpdir(), 'ccc-bench-drain-'));
    try {
      return await measureDrain(context, built.script, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
