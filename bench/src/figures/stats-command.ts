import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Sandbox, startSandbox } from '@ccc-kit/sandbox';
import { freePort, type Service } from '../harness/processes.ts';
import { signedCommands } from '../harness/slash-sender.ts';
import type { Figure, FigureContext, FigureOutcome } from '../harness/types.ts';
import { appScript, PUSH_AUTHORIZATION, startWebhook, webhookScript } from '../harness/webhook.ts';
import { startBot } from './slash-command.ts';

const DAYS = 7;
const CALLS_PER_DAY = 5_000;
const TOKEN = 'bench-stats-internal-token-0123456789abcd';
const ANSWER_DEADLINE_MS = 180_000;

/** Pushes every call of the sandbox's week to the webhook, 16 at a time. */
async function pushWeek(sandbox: Sandbox, webhookUrl: string): Promise<void> {
  const calls = [...sandbox.dataset.calls];
  const push = async (): Promise<void> => {
    for (let call = calls.pop(); call; call = calls.pop()) {
      const response = await fetch(`${webhookUrl}/push?action=cdr&version=1`, {
        method: 'POST',
        headers: {
          authorization: PUSH_AUTHORIZATION,
          'content-type': 'application/json',
          'x-tccc-push-uuid': `s-${call.sessionId}`,
        },
        body: JSON.stringify(call.push),
      });
      if (response.status !== 200) throw new Error(`the webhook answered ${response.status} to a push`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 16 }, push));
}

/** Sends `/ccc stats 7d` to a bot and waits for its answer; returns the answer's numbers and the time taken. */
async function askStats(
  sandbox: Sandbox,
  bot: Service,
): Promise<{ ms: number; numbers: string; replies: number }> {
  const [prepared] = signedCommands(sandbox.slack, [`stats ${DAYS}d`]);
  if (!prepared) throw new Error('no command prepared');
  const started = performance.now();
  const response = await fetch(`${bot.url}/slack/events`, { method: 'POST', ...prepared.command });
  if (response.status !== 200) throw new Error(`the bot answered ${response.status} to /ccc stats`);
  const answered = () =>
    sandbox.slack.responses(prepared.responseUrl).find((r) => JSON.stringify(r.body).includes('Offered'));
  while (!answered()) {
    if (performance.now() - started > ANSWER_DEADLINE_MS)
      throw new Error('/ccc stats got no answer within 3 minutes');
    await sleep(20);
  }
  const ms = performance.now() - started;
  const blocks = (answered()?.body as { blocks?: unknown[] } | undefined)?.blocks ?? [];
  return {
    ms,
    numbers: JSON.stringify(blocks.slice(1, 3)),
    replies: sandbox.slack.responses(prepared.responseUrl).length,
  };
}

async function measure(
  context: FigureContext,
  botScript: string,
  hookScript: string,
): Promise<FigureOutcome> {
  const now = Date.now();
  const sandbox = await startSandbox({
    seed: 3,
    calls: DAYS * CALLS_PER_DAY,
    chats: 0,
    start: new Date(now - DAYS * 86_400_000),
    end: new Date(now - 60_000),
  });
  const services: Service[] = [];
  try {
    const { slack } = sandbox.credentials;
    // Calls are stored, not posted: the only rule is for voicemails, which this week has none of.
    const routesFile = join(mkdtempSync(join(tmpdir(), 'ccc-bench-stats-')), 'routes.yaml');
    writeFileSync(routesFile, 'rules:\n  - match: { kind: voicemail }\n    channel: "#voicemail"\n');
    const webhook = await startWebhook({
      script: hookScript,
      slackApiUrl: sandbox.slackApiUrl,
      slackToken: slack.token,
      routesFile,
      env: { INTERNAL_TOKEN: TOKEN },
    });
    services.push(webhook);
    context.log(`pushing ${sandbox.dataset.calls.length} calls to the webhook`);
    await pushWeek(sandbox, webhook.url);
    const viaStore = await startBot(botScript, sandbox, await freePort(), {
      WEBHOOK_URL: webhook.url,
      INTERNAL_TOKEN: TOKEN,
    });
    services.push(viaStore);
    const viaTencent = await startBot(botScript, sandbox, await freePort());
    services.push(viaTencent);
    sandbox.ccc.reset();
    const store = await askStats(sandbox, viaStore);
    context.log(`webhook store: ${(store.ms / 1000).toFixed(2)} s`);
    const tencent = await askStats(sandbox, viaTencent);
    context.log(`Tencent records: ${(tencent.ms / 1000).toFixed(1)} s`);
    const requests = sandbox.ccc.requests();
    const limited = requests.filter((r) => r.outcome.startsWith('RequestLimitExceeded')).length;
    const same = store.numbers === tencent.numbers;
    if (!same) throw new Error(`the two answers differ:\n${store.numbers}\n${tencent.numbers}`);
    return {
      status: 'ok',
      metrics: [
        {
          name: `time to the answer of /ccc stats ${DAYS}d (${sandbox.dataset.calls.length.toLocaleString('en-US')} calls)`,
          unit: 's',
          baseline: tencent.ms / 1000,
          product: store.ms / 1000,
          ratio: store.ms / tencent.ms,
          note: `product: from the webhook's store; baseline: from DescribeTelCdr, ${requests.length} requests; the two answers give the same numbers; ${tencent.replies} response_url uses`,
        },
        {
          name: 'RequestLimitExceeded answers from the CCC emulator during the Tencent read',
          unit: 'answers',
          product: limited,
          target: { on: 'product', op: '<=', value: 0 },
        },
      ],
    };
  } finally {
    for (const service of services.reverse()) await service.stop();
    await sandbox.stop();
  }
}

/** `/ccc stats 7d` on a 5,000-calls-a-day week, from the webhook's store and from Tencent's records. */
export const statsCommand: Figure = {
  name: 'stats-command',
  title: '/ccc stats 7d on a 5,000-calls-a-day week: the webhook store vs Tencent records',
  baselineLabel:
    'apps/slack-bot without a webhook: every DescribeTelCdr page of the week, within the rate budget',
  productLabel: "apps/slack-bot with WEBHOOK_URL: apps/webhook's GET /internal/stats over its SQLite store",
  async run(context) {
    const bot = appScript(context.root, 'slack-bot');
    if ('missing' in bot) return { status: 'skipped', reason: bot.missing };
    const hook = webhookScript(context.root);
    if ('missing' in hook) return { status: 'skipped', reason: hook.missing };
    return measure(context, bot.script, hook.script);
  },
};
