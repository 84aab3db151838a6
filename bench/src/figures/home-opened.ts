import { setTimeout as sleep } from 'node:timers/promises';
import { type Sandbox, startSandbox } from '@ccc-kit/sandbox';
import { signedHomeOpens } from '../harness/home-sender.ts';
import { median, percentile } from '../harness/measure.ts';
import { freePort, type Service } from '../harness/processes.ts';
import { type Sender, startSender } from '../harness/slash-sender.ts';
import type { Figure, FigureContext, FigureOutcome, Metric } from '../harness/types.ts';
import { appScript } from '../harness/webhook.ts';
import { startBoltBaseline, startBot } from './slash-command.ts';

const CONCURRENT = 50;
const PUBLISH_DEADLINE_MS = 30_000;
const WARMUP_BURSTS = 2;

/** Fires 50 signed `app_home_opened` events at once (50 different users); returns each ack's latency. */
async function burst(sandbox: Sandbox, sender: Sender, app: Service, users: readonly string[]) {
  const results = await sender.send({
    url: `${app.url}/slack/events`,
    commands: signedHomeOpens(sandbox.slack, users),
  });
  const failed = results.filter((r) => r.status !== 200);
  if (failed.length > 0) throw new Error(`${failed.length} events were not acked: ${failed[0]?.status}`);
  return results.map((r) => r.elapsedMs);
}

/** Waits until the bot published each user's Home tab `version` times. */
async function published(sandbox: Sandbox, users: readonly string[], version: number): Promise<void> {
  const done = (user: string): boolean => (sandbox.slack.homeView(user)?.version ?? 0) >= version;
  const started = Date.now();
  while (Date.now() - started < PUBLISH_DEADLINE_MS) {
    if (users.every(done)) return;
    await sleep(20);
  }
  throw new Error(
    `only ${users.filter(done).length} of ${users.length} Home tabs were published within 30 s`,
  );
}

async function measureHome(context: FigureContext, script: string): Promise<FigureOutcome> {
  // views.publish is Tier 4 (100+ a minute): unlimited here, the figure times the acks, not Slack.
  const sandbox = await startSandbox({
    seed: 1,
    calls: 120,
    chats: 4,
    slack: { viewsPublishPerMinute: Number.POSITIVE_INFINITY },
  });
  const services: Service[] = [];
  const sender = startSender();
  try {
    const bot = await startBot(script, sandbox, await freePort());
    services.push(bot);
    const baseline = await startBoltBaseline(sandbox);
    services.push(baseline);
    const users = Array.from({ length: CONCURRENT }, (_, i) => `U0HOME${String(i).padStart(4, '0')}`);
    // Members of the workspace: views.publish answers user_not_found for anyone else, as Slack does.
    for (const id of users) sandbox.slack.createUser({ id, name: id.toLowerCase() });
    let version = 0;
    for (let i = 0; i < WARMUP_BURSTS; i++) {
      await burst(sandbox, sender, baseline, users);
      await burst(sandbox, sender, bot, users);
      await published(sandbox, users, ++version);
    }
    const latencies = { baseline: [] as number[][], product: [] as number[][] };
    for (const side of ['baseline', 'product', 'product', 'baseline', 'baseline', 'product'] as const) {
      const round = await burst(sandbox, sender, side === 'baseline' ? baseline : bot, users);
      latencies[side].push(round);
      if (side === 'product') await published(sandbox, users, ++version);
      context.log(`${side} round: ack p99 ${percentile(round, 99).toFixed(1)} ms`);
    }
    return { status: 'ok', metrics: homeMetrics(sandbox, latencies) };
  } finally {
    sender.stop();
    for (const service of services.reverse()) await service.stop();
    await sandbox.stop();
  }
}

function homeMetrics(sandbox: Sandbox, latencies: { baseline: number[][]; product: number[][] }): Metric[] {
  const p99s = (rounds: number[][]): number[] => rounds.map((round) => percentile(round, 99));
  const p99 = { baseline: median(p99s(latencies.baseline)), product: median(p99s(latencies.product)) };
  const p50 = (rounds: number[][]): string => median(rounds.flat()).toFixed(1);
  const calls = (action: string) => sandbox.ccc.requests().filter((r) => r.action === action).length;
  return [
    {
      name: `ack latency p99, ${CONCURRENT} concurrent app_home_opened`,
      unit: 'ms',
      baseline: p99.baseline,
      product: p99.product,
      ratio: p99.product / p99.baseline,
      target: { on: 'product', op: '<=', value: 50 },
      note: `median of 3 rounds; worst round ${Math.max(...p99s(latencies.product)).toFixed(0)} ms; p50 ${p50(latencies.product)} vs ${p50(latencies.baseline)} ms; ${5 * CONCURRENT} Home tabs published with ${calls('DescribeCallInMetrics')} DescribeCallInMetrics and ${calls('DescribeStaffStatusMetrics')} DescribeStaffStatusMetrics`,
    },
  ];
}

/** The Home tab: the bot acks 50 users opening it at once as fast as bare Bolt, and publishes each. */
export const homeOpened: Figure = {
  name: 'home-opened',
  title: 'Home tab: ack latency of 50 concurrent app_home_opened events',
  baselineLabel: 'the slash-command figure’s bare Bolt 5.1 app, whose app_home_opened listener does nothing',
  productLabel: 'apps/slack-bot (dist/main.mjs): acks, then publishes each user’s wallboard (views.publish)',
  async run(context) {
    const bot = appScript(context.root, 'slack-bot');
    if ('missing' in bot) return { status: 'skipped', reason: bot.missing };
    return measureHome(context, bot.script);
  },
};
