import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlackEmulator } from '@ccc-kit/sandbox/slack';
import {
  DRAIN,
  drained,
  drainSlack,
  perChannel,
  pushBodies,
  sendAll,
  THEORETICAL_MS,
  writeRoutes,
} from '../harness/drain.ts';
import { postgresDatabase } from '../harness/postgres.ts';
import type { Figure, FigureContext, Metric } from '../harness/types.ts';
import { startWebhook, type WebhookService, webhookScript } from '../harness/webhook.ts';
import { measureInDoubt } from './slack-drain-doubt.ts';

const TOTAL = DRAIN.channels * DRAIN.perChannel;

/** Starts `owners.length` webhooks on one database against `slack`, each its own replica. */
async function startReplicas(
  script: string,
  slack: SlackEmulator,
  dir: string,
  owners: readonly string[],
  databaseUrl?: string,
): Promise<WebhookService[]> {
  const routesFile = writeRoutes(dir);
  const started: WebhookService[] = [];
  for (const owner of owners)
    started.push(
      await startWebhook({
        script,
        slackApiUrl: slack.apiUrl,
        slackToken: slack.token,
        routesFile,
        ratePerChannel: DRAIN.rate,
        ...(databaseUrl ? { databaseUrl } : {}),
        // 1 s: a post in doubt is looked up 2 s after it started (2 × SLACK_TIMEOUT).
        env: { RELAY_OWNER: owner, SLACK_TIMEOUT: '1s' },
      }),
    );
  return started;
}

/** Sends the 600 pushes over `webhooks` and times the drain: the ratio and the 429 rows. */
async function drain(
  context: FigureContext,
  slack: SlackEmulator,
  webhooks: readonly WebhookService[],
  label: string,
) {
  const runId = `drain-${webhooks.length}-${Date.now()}`;
  const startedAt = Date.now();
  await sendAll(
    webhooks.map((w) => w.url),
    pushBodies(runId),
    runId,
  );
  const ackedMs = Date.now() - startedAt;
  const elapsedMs = (await drained(slack, startedAt, TOTAL)) - startedAt;
  const counts = perChannel(slack);
  context.log(
    `${label}: 600 pushes acked in ${ackedMs} ms; last message ${elapsedMs} ms after the first push`,
  );
  context.log(`${label}: messages per channel: ${counts.join(', ')}; 429s: ${slack.rateLimitedCount()}`);
  const metrics: Metric[] = [
    {
      name: `time to deliver 600 messages to 6 channels at 10/s each, ${label}`,
      unit: 's',
      baseline: THEORETICAL_MS / 1_000,
      product: elapsedMs / 1_000,
      ratio: elapsedMs / THEORETICAL_MS,
      target: { on: 'ratio', op: '<=', value: 1.15 },
      note: `baseline = theoretical minimum; all 600 acked in ${(ackedMs / 1000).toFixed(2)} s`,
    },
    {
      name: `HTTP 429s received from Slack, ${label}`,
      unit: 'responses',
      product: slack.rateLimitedCount(),
      target: { on: 'product', op: '<=', value: 0 },
      note: `messages per channel ${counts.join('/')}`,
    },
  ];
  return {
    metrics,
    details: { ackedMs, elapsedMs, perChannel: counts, rateLimited: slack.rateLimitedCount() },
  };
}

/** One SQLite webhook: the drain, then one message whose answer is lost (the history check's cost). */
async function single(context: FigureContext, script: string, dir: string) {
  const slack = await drainSlack();
  try {
    const webhooks = await startReplicas(script, slack, dir, ['bench']);
    try {
      const measured = await drain(context, slack, webhooks, 'one replica (SQLite)');
      const doubt = await measureInDoubt(slack, webhooks[0] as WebhookService, TOTAL);
      return { metrics: [...measured.metrics, ...doubt.metrics], details: { ...measured.details, doubt } };
    } finally {
      for (const webhook of webhooks) await webhook.stop();
    }
  } finally {
    await slack.stop();
  }
}

/** Two webhook processes on one PostgreSQL database: each channel relayed by one of them. */
async function replicas(context: FigureContext, script: string, dir: string) {
  const database = await postgresDatabase();
  if ('missing' in database) return { metrics: [], details: { postgres: database.missing } };
  const slack = await drainSlack();
  try {
    const webhooks = await startReplicas(script, slack, dir, ['bench-a', 'bench-b'], database.url);
    try {
      return await drain(context, slack, webhooks, '2 PostgreSQL replicas');
    } finally {
      for (const webhook of webhooks) await webhook.stop();
    }
  } finally {
    await slack.stop();
    await database.drop();
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
      const one = await single(context, built.script, dir);
      const two = await replicas(context, built.script, dir);
      return {
        status: 'ok',
        metrics: [...one.metrics, ...two.metrics],
        details: { single: one.details, replicas: two.details },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
