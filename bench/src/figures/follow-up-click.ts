import { setTimeout as sleep } from 'node:timers/promises';
import { type Sandbox, startSandbox } from '@ccc-kit/sandbox';
import { buttonsIn, type PostedButton, signedClicks } from '../harness/click-sender.ts';
import { median, percentile } from '../harness/measure.ts';
import { freePort, type Service } from '../harness/processes.ts';
import { type Sender, startSender } from '../harness/slash-sender.ts';
import type { Figure, FigureContext, FigureOutcome } from '../harness/types.ts';
import { appScript, PUSH_AUTHORIZATION, startWebhook, webhookScript } from '../harness/webhook.ts';
import { startBoltBaseline, startBot } from './slash-command.ts';

const CONCURRENT = 50;
const TOKEN = 'bench-internal-token-0123456789abcdefghij';
const TAKE = 'ccc_follow_up_take';
const CHANNEL = '#calls';
const DEADLINE_MS = 30_000;

/** Pushes every call of the sandbox's day to the webhook and waits until all are posted. */
async function postDay(sandbox: Sandbox, webhookUrl: string): Promise<PostedButton[]> {
  for (const call of sandbox.dataset.calls) {
    const response = await fetch(`${webhookUrl}/push?action=cdr&version=1`, {
      method: 'POST',
      headers: {
        authorization: PUSH_AUTHORIZATION,
        'content-type': 'application/json',
        'x-tccc-push-uuid': `bench-${call.sessionId}`,
      },
      body: JSON.stringify(call.push),
    });
    if (response.status !== 200) throw new Error(`the webhook answered ${response.status} to a push`);
  }
  const started = Date.now();
  while (sandbox.slack.messages(CHANNEL).length < sandbox.dataset.calls.length) {
    if (Date.now() - started > DEADLINE_MS) throw new Error('the webhook did not post the day within 30 s');
    await sleep(50);
  }
  return buttonsIn(sandbox.slack, CHANNEL, TAKE);
}

/** Fires 50 clicks of "I'll call back" at once (users 0–49 over the posts: some contend for one call). */
async function burst(
  sandbox: Sandbox,
  sender: Sender,
  app: Service,
  buttons: readonly PostedButton[],
  round: number,
) {
  const clicks = Array.from({ length: CONCURRENT }, (_, i) => ({
    button: buttons[(i + round * 7) % buttons.length] as PostedButton,
    userId: `U0BENCH${String(round * CONCURRENT + i).padStart(4, '0')}`,
  }));
  const prepared = signedClicks(sandbox.slack, clicks);
  const results = await sender.send({
    url: `${app.url}/slack/events`,
    commands: prepared.map((p) => p.command),
  });
  const failed = results.filter((r) => r.status !== 200);
  if (failed.length > 0) throw new Error(`${failed.length} clicks were not acked: ${failed[0]?.status}`);
  return { latencies: results.map((r) => r.elapsedMs), responseUrls: prepared.map((p) => p.responseUrl) };
}

/** Waits until every click got the bot's private answer (the webhook applied or refused it). */
async function answered(sandbox: Sandbox, responseUrls: readonly string[]): Promise<void> {
  const started = Date.now();
  const done = (url: string) => sandbox.slack.responses(url).length >= 1;
  while (!responseUrls.every(done)) {
    if (Date.now() - started > DEADLINE_MS)
      throw new Error(
        `only ${responseUrls.filter(done).length} of ${responseUrls.length} clicks were answered`,
      );
    await sleep(20);
  }
}

async function measure(
  context: FigureContext,
  botScript: string,
  hookScript: string,
): Promise<FigureOutcome> {
  const sandbox = await startSandbox({
    seed: 1,
    calls: 200,
    chats: 0,
    slack: { ratePerChannel: 100, burstPerChannel: 100 },
  });
  sandbox.slack.createChannel('calls');
  const services: Service[] = [];
  const sender = startSender();
  try {
    const { slack } = sandbox.credentials;
    const webhook = await startWebhook({
      script: hookScript,
      slackApiUrl: sandbox.slackApiUrl,
      slackToken: slack.token,
      defaultChannel: CHANNEL,
      ratePerChannel: 100,
      env: { INTERNAL_TOKEN: TOKEN },
    });
    services.push(webhook);
    const buttons = await postDay(sandbox, webhook.url);
    if (buttons.length === 0) throw new Error('no post carries an "I\'ll call back" button');
    const env = { WEBHOOK_URL: webhook.url, INTERNAL_TOKEN: TOKEN };
    const bot = await startBot(botScript, sandbox, await freePort(), env);
    services.push(bot);
    const baseline = await startBoltBaseline(sandbox);
    services.push(baseline);
    for (let i = 0; i < 2; i++) {
      await burst(sandbox, sender, baseline, buttons, 100 + i);
      await answered(sandbox, (await burst(sandbox, sender, bot, buttons, 110 + i)).responseUrls);
    }
    const rounds: Record<'baseline' | 'product', number[][]> = { baseline: [], product: [] };
    const sides = ['baseline', 'product', 'product', 'baseline', 'baseline', 'product'] as const;
    for (const [i, side] of sides.entries()) {
      const result = await burst(sandbox, sender, side === 'baseline' ? baseline : bot, buttons, i);
      rounds[side].push(result.latencies);
      if (side === 'product') await answered(sandbox, result.responseUrls);
      context.log(`${side} round: ack p99 ${percentile(result.latencies, 99).toFixed(1)} ms`);
    }
    const p99 = (side: 'baseline' | 'product') => median(rounds[side].map((round) => percentile(round, 99)));
    return {
      status: 'ok',
      metrics: [
        {
          name: `ack latency p99, ${CONCURRENT} concurrent "I'll call back" clicks`,
          unit: 'ms',
          baseline: p99('baseline'),
          product: p99('product'),
          ratio: p99('product') / p99('baseline'),
          target: { on: 'product', op: '<=', value: 50 },
          note: `median of 3 rounds over ${buttons.length} missed-call posts; every click answered privately after the webhook applied or refused it`,
        },
      ],
    };
  } finally {
    sender.stop();
    for (const service of services.reverse()) await service.stop();
    await sandbox.stop();
  }
}

/** The ack time of a follow-up click, in the slash-command figure's harness (same sender, same baseline). */
export const followUpClick: Figure = {
  name: 'follow-up-click',
  title: 'Follow-up click: ack latency of 50 concurrent "I\'ll call back" clicks',
  baselineLabel: 'bare Bolt 5.1 app (same HTTPReceiver and signature check) whose button handler only acks',
  productLabel:
    'apps/slack-bot (dist/main.mjs) forwarding to apps/webhook (dist/main.mjs, SQLite) over its internal API',
  async run(context) {
    const bot = appScript(context.root, 'slack-bot');
    if ('missing' in bot) return { status: 'skipped', reason: bot.missing };
    const hook = webhookScript(context.root);
    if ('missing' in hook) return { status: 'skipped', reason: hook.missing };
    return measure(context, bot.script, hook.script);
  },
};
