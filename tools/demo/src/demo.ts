import type { SlackEmulator } from '@ccc-kit/sandbox/slack';
import type { DemoArgs } from './args.ts';
import { COMMAND_CHANNEL, runExchanges } from './commands.ts';
import { waitForDrain } from './drain.ts';
import { DemoError, DemoErrorCode } from './errors.ts';
import { runFollowUpLoop } from './follow-up-loop.ts';
import { HOME_USER, openHomeTab } from './home-tab.ts';
import { createProgress, type ProgressStream } from './progress.ts';
import { type PushOutcome, planPushes, sendPlan } from './pushes.ts';
import {
  type ChannelReport,
  type DemoSummary,
  formatChannel,
  formatExchange,
  formatFeatured,
  formatSummary,
  rule,
} from './report.ts';
import { DEMO_CHANNELS, type Stack, startStack } from './stack.ts';
import { checkThreaded, featuredThreads, renderMessage } from './threads.ts';

/** How long the webhook may take to post everything before the demo fails: generous, and more for big days. */
const drainTimeoutMs = (pushes: number): number => 30_000 + 10 * pushes;

const render = renderMessage;

/** What one channel of the Slack emulator holds, rendered as text. */
function channelReport(slack: SlackEmulator, name: string): ChannelReport {
  return {
    name,
    posts: slack.messages(name).map((message) => ({
      text: render(message),
      replies: slack.threads(name, message.ts).map(render),
    })),
  };
}

/** Fails unless every push of the day was acknowledged and the two special pushes got their answers. */
function checkPushes(outcome: PushOutcome): void {
  const problems = [
    ...outcome.failed.map(
      (f) => `push ${f.pushId} (${f.action}) was refused: ${f.failure?.message ?? 'unknown'}`,
    ),
    ...(outcome.duplicateAcked ? [] : ['the duplicate push was not acknowledged as a duplicate']),
    ...(outcome.malformedStatus === 400
      ? []
      : [`the malformed push got HTTP ${outcome.malformedStatus}, not 400`]),
  ];
  if (problems.length) throw new DemoError(DemoErrorCode.Unexpected, problems.join('\n'));
}

/** Pushes received by the webhook, by action, and how many were duplicates, from its metrics. */
async function pushCounts(stack: Stack): Promise<{ received: Record<string, number>; duplicates: number }> {
  const { values } = await stack.webhook.metrics.pushes.get();
  const received: Record<string, number> = {};
  let duplicates = 0;
  for (const { labels, value } of values) {
    const action = String(labels.action ?? 'unknown');
    received[action] = (received[action] ?? 0) + value;
    if (labels.result === 'duplicate') duplicates += value;
  }
  return { received, duplicates };
}

async function summarize(
  stack: Stack,
  channels: readonly ChannelReport[],
  counts: { readonly exchanges: number; readonly outOfOrder: number; readonly updatedPosts: number },
  started: number,
): Promise<DemoSummary> {
  const stats = await stack.webhook.store.stats();
  const { received, duplicates } = await pushCounts(stack);
  return {
    received,
    stored: stats.inbox,
    posts: channels.reduce((sum, c) => sum + c.posts.length, 0),
    threadReplies: channels.reduce((sum, c) => sum + c.posts.reduce((n, p) => n + p.replies.length, 0), 0),
    channels: channels.filter((c) => c.posts.length > 0).length,
    deduplicated: duplicates,
    quarantined: stats.quarantine,
    deadLetters: stats.outbox.dead ?? 0,
    outOfOrder: counts.outOfOrder,
    updatedPosts: counts.updatedPosts,
    exchanges: counts.exchanges,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Queues the digest of the demo's day (as `webhook digest --date <day> --post` does) and lets the job post it. */
async function postDigest(stack: Stack): Promise<void> {
  const first = stack.sandbox.dataset.calls[0]?.push.StartTimestamp ?? Math.floor(Date.now() / 1000) - 86_400;
  const day = new Date(first * 1000).toISOString().slice(0, 10);
  await stack.webhook.store.digests.queue(day, '#digest', Date.now());
  await stack.webhook.digest?.runOnce();
  const posted = await stack.webhook.store.digests.get(day);
  if (posted?.state !== 'sent')
    throw new DemoError(
      DemoErrorCode.Unexpected,
      `the digest of ${day} was not posted: ${posted?.lastError ?? posted?.state}`,
    );
}

/** Pushes the day, waits for the posts, runs the commands, and prints the report. */
async function showcase(stack: Stack, args: DemoArgs, out: ProgressStream, started: number): Promise<void> {
  const { sandbox, webhook } = stack;
  const plan = planPushes(sandbox.dataset);
  out.write(
    `\nPushing ${plan.day.length + 2} data pushes the way Tencent does (Basic auth, X-TCCC-PUSH-UUID, retries), including a recording\nbefore its call, a voicemail, one push sent twice and one malformed push:\n`,
  );
  const auth = { basic: { user: stack.push.user, password: stack.push.password } };
  const outcome = await sendPlan(
    plan,
    {
      pusher: sandbox.pusher({ url: stack.push.url, auth }),
      once: sandbox.pusher({ url: stack.push.url, auth, maxRetries: 0 }),
    },
    createProgress('Pushing', plan.day.length + 2, out),
  );
  checkPushes(outcome);
  out.write('Waiting for the webhook to post everything to Slack…\n');
  await waitForDrain(() => webhook.store.stats(), { timeoutMs: drainTimeoutMs(plan.day.length) });
  const outOfOrder = checkThreaded(sandbox.slack, plan.early);
  const threads = featuredThreads(sandbox.slack, DEMO_CHANNELS);
  out.write(`Typing /ccc commands in ${COMMAND_CHANNEL} and clicking a button, as Slack would…\n\n`);
  const exchanges = await runExchanges({
    slack: sandbox.slack,
    eventsUrl: stack.eventsUrl,
    dataset: sandbox.dataset,
    commandChannel: COMMAND_CHANNEL,
    postChannel: '#calls',
    timeoutMs: 15_000,
  });
  out.write('Following up a missed call from Slack: taking it, calling back, the callback closing it…\n\n');
  const drained = async (): Promise<void> => {
    await waitForDrain(() => webhook.store.stats(), { timeoutMs: 30_000 });
  };
  const loop = await runFollowUpLoop({
    sandbox,
    eventsUrl: stack.eventsUrl,
    channel: '#support-missed',
    push: stack.push,
    drained,
    timeoutMs: 15_000,
  });
  out.write("Posting the demo day's digest to #digest, as the webhook does each morning at DIGEST_AT…\n\n");
  await postDigest(stack);
  out.write(`Opening the app's Home tab as ${HOME_USER}, as Slack does when someone clicks the app…\n\n`);
  const home = await openHomeTab(sandbox.slack, stack.eventsUrl, { timeoutMs: 15_000 });
  const channels = DEMO_CHANNELS.map((name) => channelReport(sandbox.slack, name));
  out.write(`${rule('What the webhook posted, per channel')}\n\n`);
  for (const channel of channels) out.write(`${formatChannel(channel, args.show)}\n`);
  out.write(`${formatFeatured(threads)}\n`);
  out.write(`${rule('What the bot answered')}\n\n`);
  for (const exchange of exchanges) out.write(`${formatExchange(exchange)}\n`);
  out.write(`${rule('Missed-call follow-up, from Slack')}\n\n`);
  for (const exchange of loop) out.write(`${formatExchange(exchange)}\n`);
  out.write(
    `${formatExchange({ action: `The Home tab of ${HOME_USER} (the live wallboard, published on app_home_opened)`, reply: home })}\n`,
  );
  out.write(
    formatSummary(
      await summarize(
        stack,
        channels,
        { exchanges: exchanges.length + loop.length, outOfOrder, updatedPosts: threads.updatedPosts },
        started,
      ),
    ),
  );
}

/**
 * The whole demo: starts the stack, shows what the product does, then stops everything (after `serve`
 * resolves, when given: `--serve` keeps the web view up until Ctrl-C).
 *
 * @example
 * await runDemo(args, process.stdout);
 */
export async function runDemo(
  args: DemoArgs,
  out: ProgressStream,
  serve?: () => Promise<void>,
): Promise<void> {
  const started = Date.now();
  out.write(
    `ccc-kit demo: seed ${args.seed}, ${args.calls} calls, ${args.chats} chats. Starting the sandbox, the webhook and the Slack bot…\n`,
  );
  const stack = await startStack(args);
  try {
    out.write(
      [
        `  sandbox   Tencent CCC ${stack.sandbox.cccUrl} · Desk ${stack.sandbox.deskUrl} · Slack ${stack.sandbox.slackApiUrl}`,
        `  webhook   ${stack.push.url} (SQLite in a temporary folder, routes from apps/webhook/routes.example.yaml)`,
        `  slack-bot ${stack.eventsUrl}`,
        '',
      ].join('\n'),
    );
    await showcase(stack, args, out, started);
    if (serve) {
      out.write(
        `\nSlack web view: ${stack.sandbox.slackWebUrl} (the Home tab: ${stack.sandbox.slackWebUrl.replace(/\/$/, '')}/home/${HOME_USER})\nEverything keeps running; press Ctrl-C to stop.\n`,
      );
      await serve();
    } else
      out.write(`\nRun \`pnpm demo --serve\` to browse these channels in the sandbox's Slack web view.\n`);
  } finally {
    await stack.stop();
  }
}
