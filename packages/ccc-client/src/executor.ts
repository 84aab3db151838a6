import { backoff, sleep } from '@ccc-kit/timers';
import { CccError } from './errors.ts';
import type { ActionGate } from './rate-limit.ts';
import { type AttemptFailure, sendAttempt, type Transport } from './transport.ts';
import type { CccLogger, Scheduler } from './types.ts';

/** Resolved retry policy. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** What the retry loop needs from the client. */
export interface ExecutorDeps {
  readonly transport: Transport;
  readonly retry: RetryPolicy;
  readonly gate: ActionGate | undefined;
  /** Clock in ms, corrected by the learnt server offset. */
  readonly clock: () => number;
  /** Records the server clock offset after a `SignatureExpire`. */
  readonly learnServerTime: (serverTimeMs: number) => void;
  readonly random: () => number;
  /** Times the backoff waits and the logged durations. */
  readonly scheduler: Scheduler;
  readonly logger: CccLogger | undefined;
}

/** Sends `params` as `action`, with rate limiting, re-signing and retries; returns the `Response` object. */
export type Execute = (
  action: string,
  params: Readonly<Record<string, unknown>>,
  idempotent: boolean,
) => Promise<Readonly<Record<string, unknown>>>;

/**
 * Builds the retry loop. Every attempt waits for the action's rate limit and is then signed with a fresh
 * timestamp. Retried: `RequestLimitExceeded*` always; network errors, timeouts and HTTP 5xx when the action
 * is idempotent; each with exponential backoff and jitter, up to `maxAttempts`. `AuthFailure.SignatureExpire`
 * is retried once, at once, outside that budget, after adopting the server's clock from its `Date` header.
 */
export function createExecutor(deps: ExecutorDeps): Execute {
  const { transport, retry, gate, clock, scheduler, logger } = deps;
  return async (action, params, idempotent) => {
    const body = JSON.stringify(params);
    const acquire = gate ? () => gate(action) : () => Promise.resolve(undefined);
    let resigned = false;
    for (let attempt = 1; ; attempt++) {
      const started = scheduler.now();
      const result = await sendAttempt(transport, action, body, acquire, () => Math.floor(clock() / 1000));
      const durationMs = Math.round(scheduler.now() - started); // whole ms, as with Date.now
      logger?.debug('ccc request', {
        action,
        attempt,
        outcome: result.ok ? 'ok' : result.code,
        requestId: result.requestId,
        durationMs,
      });
      if (result.ok) return result.response;
      if (result.kind === 'expired' && !resigned) {
        resigned = true;
        if (result.serverTime !== undefined) deps.learnServerTime(result.serverTime);
        logger?.warn('ccc signature expired: re-signing once', {
          action,
          attempt,
          clockAdjusted: result.serverTime !== undefined,
        });
        continue;
      }
      const budget = retry.maxAttempts + (resigned ? 1 : 0);
      if (!isRetryable(result, idempotent) || attempt >= budget)
        throw toError(result, action, attempt, idempotent);
      const delayMs = backoff(retry, attempt - (resigned ? 1 : 0), deps.random);
      logger?.warn('ccc retry', { action, attempt, code: result.code, delayMs });
      await sleep(delayMs, scheduler);
    }
  };
}

const isRetryable = (failure: AttemptFailure, idempotent: boolean): boolean =>
  failure.kind === 'throttled' || (failure.kind === 'transient' && idempotent);

function toError(failure: AttemptFailure, action: string, attempts: number, idempotent: boolean): CccError {
  const tried = attempts > 1 ? ` (after ${attempts} attempts)` : '';
  return new CccError(failure.code, `${action}: ${failure.message}${tried}`, {
    action,
    attempts,
    cause: failure.cause,
    requestId: failure.requestId,
    status: failure.status,
    retryable: failure.kind === 'expired' || isRetryable(failure, idempotent),
  });
}
