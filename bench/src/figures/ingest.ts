import { join } from 'node:path';
import { startSlackEmulator } from '@ccc-kit/sandbox/slack';
import { cdrTemplate } from '../harness/cdr.ts';
import { DIST_DIR, type LoadOptions, type LoadResult, runLoad } from '../harness/load.ts';
import { postgresDatabase } from '../harness/postgres.ts';
import type { Service } from '../harness/processes.ts';
import type { Figure, FigureContext, FigureOutcome, Metric } from '../harness/types.ts';
import {
  CDR_PUSH_PATH,
  PUSH_AUTHORIZATION,
  startBaseline,
  startWebhook,
  webhookScript,
} from '../harness/webhook.ts';

/** Closed loop: enough connections to keep one serving core busy without queueing in the generator. */
const CLOSED_LOOP = { connections: 50, durationSec: 4, warmupSec: 1 };
/** Fixed rate: connections ≈ rate × latency, or the generator's own bursts become the latency (reference §6.3). */
const FIXED_RATE = { connections: 10, durationSec: 5, warmupSec: 1, overallRate: 1_000 };

let runs = 0;
function loadAgainst(service: Service, shape: Partial<LoadOptions>): Promise<LoadResult> {
  runs += 1;
  return runLoad({
    url: `${service.url}${CDR_PUSH_PATH}`,
    connections: 1,
    durationSec: 1,
    bodyTemplate: cdrTemplate(),
    headers: { 'content-type': 'application/json', authorization: PUSH_AUTHORIZATION },
    idHeader: 'x-tccc-push-uuid',
    idPrefix: `${process.pid}-${Date.now()}-${runs}`,
    ...shape,
  });
}

/** Load result with the server's CPU use over the same window. */
async function measured(
  service: Service,
  shape: Partial<LoadOptions>,
): Promise<LoadResult & { serverCpu: number }> {
  const cpuBefore = service.cpuSeconds() ?? 0;
  const started = performance.now();
  const result = await loadAgainst(service, shape);
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = Math.round((((service.cpuSeconds() ?? 0) - cpuBefore) / seconds) * 100);
  return { ...result, serverCpu };
}

const failures = (r: LoadResult): number => r.non2xx + r.errors + r.timeouts;
const describeRun = (r: LoadResult & { serverCpu?: number }): string =>
  `${Math.round(r.okPerSec).toLocaleString('en-US')} ok/s, ${failures(r)} failed, p99 ${r.latency.p99} ms` +
  `${r.serverCpu === undefined ? '' : `, server CPU ${r.serverCpu} %`}, generator CPU ${r.generatorCpuPercent} %`;

type Measured = LoadResult & { serverCpu: number };
interface Comparison {
  readonly closed: { readonly baseline: Measured[]; readonly webhook: Measured[] };
  readonly fixedBaseline: Measured | undefined;
  readonly fixedWebhook: Measured;
}

/**
 * Closed-loop throughput in ABBA order (baseline, webhook, webhook, baseline), then latency at a fixed
 * 1,000/s. Without a baseline only the webhook's runs happen (one closed-loop run).
 */
async function compare(
  baseline: Service | undefined,
  webhook: Service,
  context: FigureContext,
): Promise<Comparison> {
  const closed: Comparison['closed'] = { baseline: [], webhook: [] };
  const order = baseline
    ? ([
        ['baseline', baseline],
        ['webhook', webhook],
        ['webhook', webhook],
        ['baseline', baseline],
      ] as const)
    : ([['webhook', webhook]] as const);
  for (const [side, service] of order) {
    const result = await measured(service, CLOSED_LOOP);
    context.log(`${side} closed loop: ${describeRun(result)}`);
    closed[side].push(result);
  }
  const fixedBaseline = baseline ? await measured(baseline, FIXED_RATE) : undefined;
  if (fixedBaseline) context.log(`baseline at 1,000/s: ${describeRun(fixedBaseline)}`);
  const fixedWebhook = await measured(webhook, FIXED_RATE);
  context.log(`webhook at 1,000/s: ${describeRun(fixedWebhook)}`);
  return { closed, fixedBaseline, fixedWebhook };
}

const mean = (runs: readonly LoadResult[]): number =>
  runs.reduce((sum, r) => sum + r.okPerSec, 0) / runs.length;
const failedNote = (results: readonly LoadResult[]): string => {
  const failed = results.reduce((sum, r) => sum + failures(r), 0);
  return failed === 0 ? 'no failed requests' : `${failed} failed requests`;
};

function ingestMetrics(result: Comparison): Metric[] {
  const { closed, fixedBaseline: fb, fixedWebhook: fw } = result;
  const webhookRate = mean(closed.webhook);
  const connections = `${CLOSED_LOOP.connections} connections`;
  const baselineRate = fb ? mean(closed.baseline) : undefined;
  const throughput: Metric[] =
    baselineRate === undefined
      ? []
      : [
          {
            name: 'acks/s, closed loop',
            unit: 'acks/s',
            baseline: baselineRate,
            product: webhookRate,
            ratio: webhookRate / baselineRate,
            target: { on: 'ratio', op: '>=', value: 0.6 },
            note: `${connections}, mean of 2 × ${CLOSED_LOOP.durationSec} s each, ABBA`,
          },
        ];
  return [
    ...throughput,
    {
      name: 'webhook acks/s',
      unit: 'acks/s',
      product: webhookRate,
      target: { on: 'product', op: '>=', value: 5_000 },
      note: `${connections}; ${failedNote(closed.webhook)}`,
    },
    latencyMetric('ack latency p50 at 1,000/s', fb?.latency.p50, fw.latency.p50),
    latencyMetric('ack latency p99 at 1,000/s', fb?.latency.p99, fw.latency.p99, 10),
    {
      name: 'pushes acked at 1,000/s',
      unit: 'acks/s',
      product: fw.okPerSec,
      note: `${FIXED_RATE.connections} connections, ${FIXED_RATE.durationSec} s; ${failedNote([fw])}, max ${fw.latency.max} ms`,
    },
  ];
}

function latencyMetric(name: string, baseline: number | undefined, product: number, target?: number): Metric {
  return {
    name,
    unit: 'ms',
    ...(baseline === undefined ? {} : { baseline, ratio: baseline > 0 ? product / baseline : undefined }),
    product,
    target: target === undefined ? undefined : { on: 'product', op: '<=', value: target },
  };
}

/** Runs the comparison with a webhook on `databaseUrl` (a fresh SQLite file when undefined). */
async function runIngest(
  context: FigureContext,
  databaseUrl: string | undefined,
  withBaseline: boolean,
): Promise<FigureOutcome> {
  const built = webhookScript(context.root);
  if ('missing' in built) return { status: 'skipped', reason: built.missing };
  const slack = await startSlackEmulator();
  const services: Service[] = [];
  try {
    const baseline = withBaseline
      ? await startBaseline(join(DIST_DIR, 'workers', 'baseline-server.mjs'))
      : undefined;
    if (baseline) services.push(baseline);
    const webhook = await startWebhook({
      script: built.script,
      slackApiUrl: slack.apiUrl,
      slackToken: slack.token,
      defaultChannel: 'C0CALLS',
      ...(databaseUrl ? { databaseUrl } : {}),
    });
    services.push(webhook);
    const result = await compare(baseline, webhook, context);
    return { status: 'ok', metrics: ingestMetrics(result), details: { ...result } };
  } finally {
    for (const service of services.reverse()) await service.stop();
    await slack.stop();
  }
}

/** Figure 1: the webhook on SQLite (durable commits) against a bare node:http + JSON.parse server. */
export const ingest: Figure = {
  name: 'ingest',
  title: 'Push ingest, SQLite store (synchronous=FULL) vs bare node:http + JSON.parse',
  baselineLabel: 'node:http server that reads the body and JSON.parses it (workers/baseline-server.ts)',
  productLabel: 'apps/webhook (dist/main.mjs), SQLite, Basic auth, LOG_LEVEL=warn',
  run: (context) => runIngest(context, undefined, true),
};

/** Figure 1, PostgreSQL: the same load against the webhook on a fresh PostgreSQL schema (absolute numbers). */
export const ingestPostgres: Figure = {
  name: 'ingest-postgres',
  title: 'Push ingest, PostgreSQL store (absolute numbers)',
  baselineLabel: 'none (absolute numbers only)',
  productLabel: 'apps/webhook (dist/main.mjs), PostgreSQL, Basic auth, LOG_LEVEL=warn',
  async run(context) {
    const database = await postgresDatabase();
    if ('missing' in database) return { status: 'skipped', reason: database.missing };
    try {
      return await runIngest(context, database.url, false);
    } finally {
      await database.drop();
    }
  },
};
