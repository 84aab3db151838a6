import autocannon from 'autocannon';

/** What the parent sends (as JSON in argv[2]): one autocannon run against one URL. */
export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly durationSec: number;
  readonly warmupSec?: number;
  /** Fixed offered rate (requests/s over all connections); closed loop when absent. */
  readonly overallRate?: number;
  /** Stop after this many requests instead of after `durationSec`. */
  readonly amount?: number;
  /** Request body; every `{{id}}` becomes a fresh id, so each request is a new push. */
  readonly bodyTemplate: string;
  readonly headers: Record<string, string>;
  /** Header that gets the same fresh id (the push UUID), if any. */
  readonly idHeader?: string;
  /** Makes ids distinct across runs against the same server. */
  readonly idPrefix: string;
}

/** What the worker prints (one JSON line on stdout). */
export interface LoadResult {
  readonly durationSec: number;
  readonly sent: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** 2xx answers per second over the measured window. */
  readonly okPerSec: number;
  /** Latency percentiles in ms (autocannon records whole ms, corrected for coordinated omission at fixed rate). */
  readonly latency: { p50: number; p90: number; p99: number; p999: number; max: number; mean: number };
  /** CPU the generator used, in % of one core over the whole run: near 100 means it was the bottleneck. */
  readonly generatorCpuPercent: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const [before, after] = options.bodyTemplate.split('{{id}}');
let counter = 0;
const startedAt = performance.now();
const startCpu = process.cpuUsage();

const instance = autocannon(
  {
    url: options.url,
    method: 'POST',
    connections: options.connections,
    duration: options.durationSec,
    ...(options.amount ? { amount: options.amount } : {}),
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    ...(options.warmupSec
      ? { warmup: { connections: options.connections, duration: options.warmupSec } }
      : {}),
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          counter += 1;
          const id = `${options.idPrefix}-${counter}`;
          const headers = options.idHeader ? { ...options.headers, [options.idHeader]: id } : options.headers;
          return { ...request, headers, body: `${before}${id}${after ?? ''}` };
        },
      },
    ],
  },
  (error, result) => {
    if (error) {
      process.stderr.write(`autocannon failed: ${error.message}\n`);
      process.exit(1);
    }
    const ok = result['2xx'];
    const cpu = process.cpuUsage(startCpu);
    const generatorCpuPercent = ((cpu.user + cpu.system) / 1_000 / (performance.now() - startedAt)) * 100;
    const out: LoadResult = {
      durationSec: result.duration,
      sent: result.requests.sent,
      ok,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      okPerSec: ok / result.duration,
      latency: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        p999: (result.latency as unknown as Record<string, number>).p99_9 ?? Number.NaN,
        max: result.latency.max,
        mean: result.latency.mean,
      },
      generatorCpuPercent: Math.round(generatorCpuPercent),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  },
);
process.once('SIGTERM', () => instance.stop());
