import { Agent, request } from 'node:http';
import { quantile } from './stats.ts';

/** One request of an open-loop run. */
export interface LoadRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What an open-loop run measured. Latency counts from the scheduled send time (no coordinated omission). */
export interface LoadReport {
  readonly offered: number;
  readonly acked: number;
  /** Replies other than HTTP 200 with `ErrCode: 0`, and network errors. */
  readonly failed: number;
  /** Requests not sent because `maxInFlight` were still waiting (the server fell behind). */
  readonly shed: number;
  /** Failures by reason (`HTTP 503 {…}`, `ECONNRESET`…). */
  readonly reasons: Readonly<Record<string, number>>;
  readonly seconds: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Sends `rate` requests per second for `seconds` at fixed times, whatever the server's speed (open loop),
 * on a keep-alive pool, and reports ack latencies from each request's scheduled time.
 */
export async function openLoop(options: {
  readonly origin: string;
  readonly rate: number;
  readonly seconds: number;
  readonly next: (index: number) => LoadRequest;
  readonly maxInFlight?: number;
}): Promise<LoadReport> {
  const total = Math.round(options.rate * options.seconds);
  const maxInFlight = options.maxInFlight ?? 4_096;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let sent = 0;
  let inFlight = 0;
  let acked = 0;
  let failed = 0;
  let shed = 0;
  const reasons: Record<string, number> = {};
  const started = performance.now();
  const fire = (index: number, scheduledAt: number) => {
    const { path, headers, body } = options.next(index);
    inFlight++;
    const done = (failure: string | null) => {
      inFlight--;
      latencies.push(performance.now() - scheduledAt);
      if (failure === null) acked++;
      else {
        failed++;
        reasons[failure] = (reasons[failure] ?? 0) + 1;
      }
    };
    const req = request(`${options.origin}${path}`, { method: 'POST', agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () =>
        done(
          res.statusCode === 200 && text.startsWith('{"ErrCode":0')
            ? null
            : `HTTP ${res.statusCode} ${text.slice(0, 80)}`,
        ),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    req.end(body);
  };
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * options.rate));
    for (; sent < due; sent++) {
      if (inFlight >= maxInFlight) shed++;
      else fire(sent, started + (sent * 1000) / options.rate);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  agent.destroy();
  return {
    offered: total,
    acked,
    failed,
    shed,
    reasons,
    seconds: (performance.now() - started) / 1000,
    p50: quantile(latencies, 0.5),
    p90: quantile(latencies, 0.9),
    p99: quantile(latencies, 0.99),
    max: quantile(latencies, 1),
  };
}
