import { createPusher, type PushAttempt, type PushResult } from '@ccc-kit/sandbox/pusher';
import { pushStream, type StreamPush } from './push-stream.ts';
import { PUSH_PASSWORD, PUSH_USER } from './webhook-process.ts';

/** Tencent does not publish its retry intervals; these span 4.3 s, enough for a restart or a short outage. */
export const RETRY_DELAYS_MS: readonly number[] = [300, 1_000, 3_000];

/** Pushes sent until {@link ContinuousPusher.stop}, with what happened to each. */
export interface ContinuousPusher {
  /** Pushes answered `ErrCode: 0`, by push id. */
  readonly acked: Map<string, StreamPush>;
  /** Pushes that failed every attempt. */
  readonly unacked: PushResult[];
  /** Every HTTP attempt (with `at`, ms since the epoch). */
  readonly attempts: (PushAttempt & { readonly at: number })[];
  /** Pushes that needed more than one attempt. */
  retried(): number;
  /** Pushes whose last attempt failed and that wait for a retry now. */
  retrying(): number;
  stop(): Promise<void>;
}

/** Keeps `concurrency` pushes in flight; the sandbox pusher retries each like Tencent (3 times). */
export function pushContinuously(url: string, concurrency: number): ContinuousPusher {
  const next = pushStream();
  const attempts: ContinuousPusher['attempts'] = [];
  const waiting = new Set<string>();
  const pusher = createPusher({
    url,
    auth: { basic: { user: PUSH_USER, password: PUSH_PASSWORD } },
    retryDelaysMs: RETRY_DELAYS_MS,
    timeoutMs: 10_000,
    onAttempt: (attempt) => {
      attempts.push({ ...attempt, at: Date.now() });
      if (attempt.failure) waiting.add(attempt.pushId);
    },
  });
  const acked = new Map<string, StreamPush>();
  const unacked: PushResult[] = [];
  let retried = 0;
  let running = true;
  const worker = async () => {
    while (running) {
      const item = next();
      const result = await pusher.push(item);
      waiting.delete(item.pushId);
      if (result.attempts > 1) retried++;
      if (result.delivered) acked.set(item.pushId, item);
      else unacked.push(result);
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  return {
    acked,
    unacked,
    attempts,
    retried: () => retried,
    retrying: () => waiting.size,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}
