import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { cdrTemplate } from '../harness/cdr.ts';
import { DIST_DIR, type LoadOptions, type LoadResult, runLoad } from '../harness/load.ts';
import type { Service } from '../harness/processes.ts';
import type { Figure, FigureContext, FigureOutcome, Metric } from '../harness/types.ts';
import {
  CDR_PUSH_PATH,
  PUSH_AUTHORIZATION,
  startBaseline,
  startWebhook,
  webhookScript,
} from '../harness/webhook.ts';

const RATE = 2_000;
const DURATION_SEC = 60;
/** The webhook that starts with a backlog runs this long under the same load; compared at the same moment. */
const BACKLOG_RUN_SEC = 20;
const CONNECTIONS = 100;
const SAMPLE_EVERY_MS = 5_000;
const METRICS_TOKEN = 'bench-metrics-token-0123456789';
/** Pushes sent before its run to the webhook that starts with a backlog (Slack drains ~1 a second meanwhile). */
const BACKLOG = 100_000;
const PREFILL = BACKLOG + 1_000;

/** RSS (MB) and undelivered rows of the webhook, and RSS of the bare server when it runs alongside. */
interface Sample {
  readonly atSec: number;
  readonly webhookMB: number;
  readonly backlog: number;
  readonly baselineMB?: number | undefined;
}

/** Undelivered outbox rows according to `ccc_webhook_outbox_messages{state=…}`. */
async function backlogOf(webhook: Service): Promise<number> {
  const res = await fetch(`${webhook.url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const text = await res.text();
  let rows = 0;
  for (const match of text.matchAll(/^ccc_webhook_outbox_messages\{state="(pending|sending)"\} (\d+)/gm)) {
    rows += Number(match[2]);
  }
  return rows;
}

const pushLoad = (service: Service, idPrefix: string, shape: Partial<LoadOptions>): Promise<LoadResult> =>
  runLoad({
    url: `${service.url}${CDR_PUSH_PATH}`,
    connections: CONNECTIONS,
    durationSec: DURATION_SEC,
    bodyTemplate: cdrTemplate(),
    headers: { 'content-type': 'application/json', authorization: PUSH_AUTHORIZATION },
    idHeader: 'x-tccc-push-uuid',
    idPrefix,
    ...shape,
  });

/** Fills the webhook's outbox with ≥ 100,000 undelivered rows, through its own push endpoint at full speed. */
async function prefill(webhook: Service, context: FigureContext): Promise<void> {
  const started = Date.now();
  const result = await pushLoad(webhook, `mem-prefill-${started}`, {
    connections: 200,
    durationSec: 300,
    amount: PREFILL,
  });
  const backlog = await backlogOf(webhook);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  context.log(`prefill: ${result.ok} pushes acked in ${seconds} s, backlog ${backlog}`);
  if (backlog < BACKLOG) throw new Error(`prefill left ${backlog} undelivered rows, not ${BACKLOG}`);
}

/** Offers 2,000 pushes/s to the webhook (and to the bare server, when given) and samples RSS every 5 s. */
async function underLoad(
  webhook: Service,
  baseline: Service | undefined,
  seconds: number,
  context: FigureContext,
) {
  const started = Date.now();
  const shape = { overallRate: RATE, durationSec: seconds };
  const loads = Promise.all([
    pushLoad(webhook, `mem-w-${started}`, shape),
    baseline ? pushLoad(baseline, `mem-b-${started}`, shape) : undefined,
  ]);
  let finished = false;
  void loads.finally(() => {
    finished = true;
  });
  const sample = async (): Promise<Sample> => ({
    atSec: Math.round((Date.now() - started) / 1000),
    webhookMB: webhook.rssMB(),
    backlog: await backlogOf(webhook),
    baselineMB: baseline?.rssMB(),
  });
  const samples: Sample[] = [];
  while (!finished) {
    await Promise.race([sleep(SAMPLE_EVERY_MS), loads]);
    if (finished) break;
    const s = await sample();
    samples.push(s);
    context.log(`t=${s.atSec}s webhook ${s.webhookMB.toFixed(0)} MB, backlog ${s.backlog}`);
  }
  const [webhookLoad] = await loads;
  return { samples, final: await sample(), webhookLoad };
}

const loadNote = (r: LoadResult): string =>
  `${Math.round(r.okPerSec).toLocaleString('en-US')} acks/s, ${r.non2xx + r.errors + r.timeouts} failed, p99 ${r.latency.p99} ms`;

type Run = Awaited<ReturnType<typeof underLoad>>;

function memoryMetrics(empty: Run, full: Run): Metric[] {
  const baselineMB = empty.final.baselineMB ?? Number.NaN;
  // The empty-start webhook at the same moment of the same load as the backlog run's end.
  const twin = empty.samples.find((s) => s.atSec >= full.final.atSec) ?? empty.final;
  return [
    {
      name: `RSS after ${DURATION_SEC} s at ${RATE.toLocaleString('en-US')} pushes/s`,
      unit: 'MB',
      baseline: baselineMB,
      product: empty.final.webhookMB,
      ratio: empty.final.webhookMB / baselineMB,
      target: { on: 'product', op: '<=', value: 200 },
      note: loadNote(empty.webhookLoad),
    },
    {
      name: `RSS with ${BACKLOG.toLocaleString('en-US')} more undelivered outbox rows`,
      unit: 'MB',
      baseline: twin.webhookMB,
      product: full.final.webhookMB,
      ratio: full.final.webhookMB / twin.webhookMB,
      target: { on: 'ratio', op: '<=', value: 1.1 },
      note: `both after ${full.final.atSec} s at ${RATE.toLocaleString('en-US')}/s: backlogs ${twin.backlog.toLocaleString('en-US')} vs ${full.final.backlog.toLocaleString('en-US')}; ${loadNote(full.webhookLoad)}`,
    },
  ];
}

async function measureMemory(context: FigureContext, script: string): Promise<FigureOutcome> {
  // Slack at its real 1 message/s per channel: the outbox grows by ~2,000 rows a second.
  const slack = await startSlackEmulator();
  const started: Service[] = [];
  const start = async (service: Promise<Service>): Promise<Service> => {
    started.push(await service);
    return started.at(-1) as Service;
  };
  const webhook = (): Promise<Service> =>
    start(
      startWebhook({
        script,
        slackApiUrl: slack.apiUrl,
        slackToken: slack.token,
        defaultChannel: 'C0CALLS',
        env: { METRICS_TOKEN },
      }),
    );
  try {
    const baseline = await start(startBaseline(join(DIST_DIR, 'workers', 'baseline-server.mjs')));
    const empty = await webhook();
    const emptyRun = await underLoad(empty, baseline, DURATION_SEC, context);
    await empty.stop();
    await baseline.stop();
    const full = await webhook();
    await prefill(full, context);
    const fullRun = await underLoad(full, undefined, BACKLOG_RUN_SEC, context);
    return { status: 'ok', metrics: memoryMetrics(emptyRun, fullRun), details: { emptyRun, fullRun } };
  } finally {
    for (const service of started.reverse()) await service.stop();
    await slack.stop();
  }
}

/** Figure 6: the webhook's resident memory under sustained load, and as its undelivered backlog grows. */
export const memory: Figure = {
  name: 'memory',
  title: `Memory: RSS after ${DURATION_SEC} s at ${RATE.toLocaleString('en-US')} pushes/s, and against backlog size`,
  baselineLabel:
    'row 1: bare node:http + JSON.parse server under the same load at the same time; row 2: the webhook that started empty, at the same moment of its run',
  productLabel:
    'apps/webhook (SQLite), Slack at 1 message/s per channel so the outbox grows; row 2: a webhook started with 100,000 undelivered rows',
  async run(context) {
    const built = webhookScript(context.root);
    if ('missing' in built) return { status: 'skipped', reason: built.missing };
    return measureMemory(context, built.script);
  },
};
